/* trib-node-instance.h: one node of one run, as it moves through its states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-node.h"
#include "trib-param-set.h"
#include "trib-run-state.h"

G_BEGIN_DECLS

#define TRIB_TYPE_NODE_INSTANCE (trib_node_instance_get_type ())

G_DECLARE_FINAL_TYPE (TribNodeInstance, trib_node_instance, TRIB, NODE_INSTANCE, GObject)

/* Owned by its TribRun and changed only in the run's main context, where the
 * notify signals of "state", "attempt", "message" and "progress" are emitted. Times are
 * microseconds since the Unix epoch, 0 when not yet. */
gint64          trib_node_instance_get_id            (TribNodeInstance *self);
const char     *trib_node_instance_get_node_id       (TribNodeInstance *self);
const char     *trib_node_instance_get_node_name     (TribNodeInstance *self);
TribNodeKind    trib_node_instance_get_kind          (TribNodeInstance *self);
TribNodeState   trib_node_instance_get_state         (TribNodeInstance *self);
/* Attempts started so far (also in earlier reruns), and the most it may reach. */
guint           trib_node_instance_get_attempt       (TribNodeInstance *self);
guint           trib_node_instance_get_max_attempts  (TribNodeInstance *self);
gint64          trib_node_instance_get_started       (TribNodeInstance *self);
gint64          trib_node_instance_get_ended         (TribNodeInstance *self);
/* The exit detail: the error, why it did not run, or a result summary. */
const char     *trib_node_instance_get_message       (TribNodeInstance *self);
/* 0.0 to 1.0 while running, negative when unknown. */
double          trib_node_instance_get_progress      (TribNodeInstance *self);
/* Resolved once, when the run was created. */
TribParamSet   *trib_node_instance_get_parameters    (TribNodeInstance *self);
/* The code with ${name} substituted. */
const char     *trib_node_instance_get_code          (TribNodeInstance *self);
/* Whether this run runs the node (FALSE: a rerun kept its earlier result). */
gboolean        trib_node_instance_get_selected      (TribNodeInstance *self);

G_END_DECLS
