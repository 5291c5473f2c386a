/* trib-run.h: one workflow instance for one business date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-node-instance.h"
#include "trib-run-state.h"
#include "trib-workflow.h"

G_BEGIN_DECLS

#define TRIB_TYPE_RUN (trib_run_get_type ())

G_DECLARE_FINAL_TYPE (TribRun, trib_run, TRIB, RUN, GObject)

/* Created by trib_runner_create_run(). Signals and notifications are emitted in the
 * thread-default main context of the caller of trib_run_start_async():
 *
 *   node-state-changed (TribNodeInstance *instance, TribNodeState old_state)
 *       an instance changed state; also emitted, with the state unchanged, when a
 *       not-run instance is settled for good (its message says why: "upstream X failed").
 *   node-log (TribNodeInstance *instance, const char *line)
 *       a line of the instance's log, as it is written.
 *   node-progress (TribNodeInstance *instance, double fraction)
 *       an executor reported progress. */
gint64            trib_run_get_id             (TribRun           *self);
TribWorkflow     *trib_run_get_workflow       (TribRun           *self);
/* "YYYYMMDD" and the scheduled time, in the workspace's time zone. */
const char       *trib_run_get_bizdate        (TribRun           *self);
GDateTime        *trib_run_get_cyctime        (TribRun           *self);
TribRunState      trib_run_get_state          (TribRun           *self);
/* Why the run ended as it did ("1 of 5 nodes failed: ..."), NULL while running. */
const char       *trib_run_get_message        (TribRun           *self);
/* TribNodeInstance items, in the order of the workflow file. */
GListModel       *trib_run_get_instances      (TribRun           *self);
/* By node id or name. */
TribNodeInstance *trib_run_lookup_instance    (TribRun           *self,
                                               const char        *node);
guint             trib_run_get_n_settled      (TribRun           *self);
/* "manual", "scheduled", "backfill": as recorded in the history. */
const char       *trib_run_get_kind           (TribRun           *self);

/* Runs the instances in dependency order until none can move any more, then completes:
 * TRUE when every instance succeeded (or was a dry-run); otherwise FALSE with an error
 * that says what went wrong (G_IO_ERROR_CANCELLED when cancelled). The history is
 * written when it completes. Cancelling @cancellable cancels the run. */
void              trib_run_start_async        (TribRun             *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean          trib_run_start_finish       (TribRun             *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Cancels every running or waiting instance; the rest stay not-run. */
void              trib_run_cancel             (TribRun           *self);
/* Cancels one node (id or name); its descendants will not run, other branches go on.
 * Fails when the node is not in the run or has already finished. */
gboolean          trib_run_cancel_node        (TribRun           *self,
                                               const char        *node,
                                               GError           **error);

G_END_DECLS
