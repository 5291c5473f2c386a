/* trib-run-record.h: one run as the run history stores it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-run-state.h"

G_BEGIN_DECLS

#define TRIB_TYPE_RUN_RECORD (trib_run_record_get_type ())

G_DECLARE_FINAL_TYPE (TribRunRecord, trib_run_record, TRIB, RUN_RECORD, GObject)

/* Immutable: a snapshot of the row when it was read. Times are microseconds since the
 * Unix epoch, 0 when the moment has not come yet. */
gint64        trib_run_record_get_id            (TribRunRecord *self);
/* The workflow's file name without ".json", and its display name. */
const char   *trib_run_record_get_workflow      (TribRunRecord *self);
const char   *trib_run_record_get_workflow_name (TribRunRecord *self);
/* "manual", "backfill", ... */
const char   *trib_run_record_get_kind          (TribRunRecord *self);
/* "workflow", "node:ID" or "descendants:ID". */
const char   *trib_run_record_get_scope         (TribRunRecord *self);
/* "YYYYMMDD" and "YYYYMMDDHHMMSS" (wall time in the time zone below). */
const char   *trib_run_record_get_bizdate       (TribRunRecord *self);
const char   *trib_run_record_get_cyctime       (TribRunRecord *self);
const char   *trib_run_record_get_timezone      (TribRunRecord *self);
TribRunState  trib_run_record_get_state         (TribRunRecord *self);
gint64        trib_run_record_get_created       (TribRunRecord *self);
gint64        trib_run_record_get_started       (TribRunRecord *self);
gint64        trib_run_record_get_ended         (TribRunRecord *self);
const char   *trib_run_record_get_message       (TribRunRecord *self);
const char   *trib_run_record_get_backfill_id   (TribRunRecord *self);
/* A scheduled run started late, for a fire time missed while no scheduler ran. */
gboolean      trib_run_record_get_catch_up      (TribRunRecord *self);
guint         trib_run_record_get_n_instances   (TribRunRecord *self);
guint         trib_run_record_get_n_in_state    (TribRunRecord *self,
                                                 TribNodeState  state);

G_END_DECLS
