/* trib-run-controller.h: starts, stops and watches the runs of one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_RUN_CONTROLLER (trib_run_controller_get_type ())

G_DECLARE_FINAL_TYPE (TribRunController, trib_run_controller, TRIB, RUN_CONTROLLER, GObject)

/* One controller per open workspace. It opens the workspace's run history
 * asynchronously ("history" is NULL until then) and starts runs and backfills through
 * the library's async runner; nothing here blocks the thread it lives on (the UI
 * thread), and no live model ever goes to a worker thread: the runner plans on this
 * thread and only its history writes and node executions run elsewhere.
 *
 * Hooking a view (the canvas, a node card, a tab title) to it:
 *
 *   - "runs" is a GListModel of the TribRun objects started in this window, newest
 *     last. A TribRun is live: its instances (trib_run_get_instances(), a GListModel of
 *     TribNodeInstance, in workflow order) change state in this thread and notify
 *     "state", "attempt", "message" and "progress" on each instance.
 *   - trib_run_controller_lookup_run (self, workflow) gives the run a workflow tab
 *     should draw: the running one, else the last one started here, else NULL.
 *   - The signals below repeat every run's own signals with the run in front, so a view
 *     can connect once to the controller instead of to each run:
 *
 *     run-started (TribRun *run)
 *         a run was created in the history and is starting; its instances are not-run.
 *     node-state-changed (TribRun *run, TribNodeInstance *instance, TribNodeState old_state)
 *         an instance moved (see TribRun's signal of that name). Look the node up with
 *         trib_node_instance_get_node_id(); draw trib_node_instance_get_state().
 *     node-progress (TribRun *run, TribNodeInstance *instance, double fraction)
 *     node-log (TribRun *run, TribNodeInstance *instance, const char *line)
 *     run-finished (TribRun *run, const char *error_message)
 *         the run ended (trib_run_get_state()); @error_message is NULL on success.
 *     start-failed (TribWorkflow *workflow, const char *message)
 *         a run could not even be created (an invalid workflow, an unresolvable
 *         parameter, no executor): nothing ran.
 *     backfill-started (TribBackfill *backfill)
 *         its date runs also arrive through run-started and run-finished.
 *
 *   - Runs started elsewhere (the CLI, the scheduler) are not live objects here: read
 *     them from the history (TribRunsPanel polls it) and draw their
 *     TribInstanceRecord states read-only. */
TribRunController *trib_run_controller_new          (TribWorkspace        *workspace);
TribWorkspace     *trib_run_controller_get_workspace (TribRunController   *self);
/* NULL while the history is being opened. */
TribHistory       *trib_run_controller_get_history  (TribRunController    *self);
TribRunner        *trib_run_controller_get_runner   (TribRunController    *self);
GListModel        *trib_run_controller_get_runs     (TribRunController    *self);
/* Runs and backfills still going. */
guint              trib_run_controller_get_n_active (TribRunController    *self);
TribRun           *trib_run_controller_lookup_run   (TribRunController    *self,
                                                     TribWorkflow         *workflow);
gboolean           trib_run_controller_is_running   (TribRunController    *self,
                                                     TribWorkflow         *workflow);

/* Creates and starts a run of @workflow (see TribRunOptions; its strings are copied).
 * The outcome arrives as run-started / start-failed, then run-finished. */
void               trib_run_controller_start        (TribRunController    *self,
                                                     TribWorkflow         *workflow,
                                                     const TribRunOptions *options);
/* Cancels one run / every run of @workflow / everything, backfills included. */
void               trib_run_controller_stop         (TribRunController    *self,
                                                     TribRun              *run);
void               trib_run_controller_stop_workflow (TribRunController   *self,
                                                     TribWorkflow         *workflow);
void               trib_run_controller_stop_all     (TribRunController    *self);

/* Starts @backfill (made with trib_run_controller_get_runner()). */
void               trib_run_controller_start_backfill (TribRunController  *self,
                                                     TribBackfill         *backfill);

/* "20240807": yesterday in the workspace's time zone, the default business date. */
char              *trib_run_controller_dup_default_bizdate (TribRunController *self);

G_END_DECLS
