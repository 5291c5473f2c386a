/* trib-instance-record.h: one node instance as the run history stores it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-param-set.h"
#include "trib-run-state.h"

G_BEGIN_DECLS

#define TRIB_TYPE_INSTANCE_RECORD (trib_instance_record_get_type ())

G_DECLARE_FINAL_TYPE (TribInstanceRecord, trib_instance_record, TRIB, INSTANCE_RECORD, GObject)

/* Immutable, like TribRunRecord; times in microseconds since the Unix epoch, or 0. */
gint64         trib_instance_record_get_id           (TribInstanceRecord *self);
gint64         trib_instance_record_get_run_id       (TribInstanceRecord *self);
/* The node's place in its workflow file. */
guint          trib_instance_record_get_position     (TribInstanceRecord *self);
const char    *trib_instance_record_get_node_id      (TribInstanceRecord *self);
const char    *trib_instance_record_get_node_name    (TribInstanceRecord *self);
/* The node type as FlowSpec writes it: "VIRTUAL", "DI", "EMR_SPARK_SQL", ... */
const char    *trib_instance_record_get_command      (TribInstanceRecord *self);
TribNodeState  trib_instance_record_get_state        (TribInstanceRecord *self);
guint          trib_instance_record_get_attempts     (TribInstanceRecord *self);
guint          trib_instance_record_get_max_attempts (TribInstanceRecord *self);
gint64         trib_instance_record_get_started      (TribInstanceRecord *self);
gint64         trib_instance_record_get_ended        (TribInstanceRecord *self);
/* The exit detail: an error, the reason it did not run, or a result summary. */
const char    *trib_instance_record_get_message      (TribInstanceRecord *self);
/* Relative to the workspace's .tributary folder. */
const char    *trib_instance_record_get_log_path     (TribInstanceRecord *self);
/* The resolved parameters, or NULL before they were resolved. */
TribParamSet  *trib_instance_record_dup_parameters   (TribInstanceRecord *self);

G_END_DECLS
