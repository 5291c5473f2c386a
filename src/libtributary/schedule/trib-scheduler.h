/* trib-scheduler.h: fires the workflows of a workspace at their scheduled times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-clock.h"
#include "trib-history.h"
#include "trib-run.h"
#include "trib-runner.h"
#include "trib-workflow-schedule.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

/* What to do with fire times missed while no scheduler ran (the machine was off), as
 * systemd's Persistent= does for timers. */
typedef enum
{
  TRIB_CATCH_UP_LATEST,  /* run the latest missed instance of each workflow */
  TRIB_CATCH_UP_ALL,     /* run every missed instance, oldest first */
  TRIB_CATCH_UP_NONE,    /* run none */
} TribCatchUp;

const char  *trib_catch_up_to_string   (TribCatchUp  catch_up);
gboolean     trib_catch_up_from_string (const char  *text,
                                        TribCatchUp *catch_up);

/* A fire time is "missed" when the scheduler sees it later than this after it passed. */
#define TRIB_SCHEDULER_GRACE_SECONDS 300
/* trib_catch_up_from_string() with "all" starts at most this many instances per
 * workflow; the older ones are reported and dropped. */
#define TRIB_SCHEDULER_MAX_CATCH_UP 366

#define TRIB_TYPE_SCHEDULER (trib_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (TribScheduler, trib_scheduler, TRIB, SCHEDULER, GObject)

/* A scheduler for the workspace in @directory, going by @clock (NULL: the default
 * clock, trib_clock_new_default()). It runs in the thread-default main context of the
 * thread that starts it; iterate that context.
 *
 * Each fire time of each scheduled workflow (TribWorkflowSchedule) becomes one run of
 * kind "scheduled" with that cyctime. The run history's unique index is the claim:
 * when another scheduler (another process, another machine on a shared folder) created
 * the run first, this one reports "skipped" and does nothing. The workspace is reloaded
 * when tributary.json or a file under workflows/ changes; a workflow that does not load
 * keeps its previous schedule and the problem is reported.
 *
 * Signals (in the scheduler's context):
 *   setup-runner (TribRunner *runner)
 *       a runner was made (at start and after each reload): set executors here.
 *   fired (TribWorkflowSchedule *schedule, GDateTime *cyctime, gboolean catch_up, TribRun *run)
 *       an instance started; @run is NULL in dry-run mode (nothing was started).
 *   skipped (TribWorkflowSchedule *schedule, GDateTime *cyctime, const char *reason)
 *       a fire time passed without a run: paused, claimed by another scheduler, or
 *       missed and not caught up.
 *   run-finished (TribRun *run, const char *error_message)
 *       a run the scheduler started ended; the message is NULL when it succeeded.
 *   problem (const char *message)
 *       something the user should fix: a workflow that cannot be scheduled or started,
 *       a workspace that does not load.
 *   reloaded ()
 *       the workspace was read again.
 *   stopped ()
 *       after trib_scheduler_stop(), once every run it started has ended and its history
 *       is written. */
TribScheduler *trib_scheduler_new           (GFile          *directory,
                                             TribClock      *clock);
void           trib_scheduler_set_catch_up  (TribScheduler  *self,
                                             TribCatchUp     catch_up);
TribCatchUp    trib_scheduler_get_catch_up  (TribScheduler  *self);
/* Dry-run: report each fire time ("fired" with no run), start and claim nothing. */
void           trib_scheduler_set_dry_run   (TribScheduler  *self,
                                             gboolean        dry_run);
gboolean       trib_scheduler_get_dry_run   (TribScheduler  *self);

/* Loads the workspace, opens its history, reads the last scheduled cyctime of every
 * workflow and starts watching. Missed fire times are handled on the first tick, in
 * the main loop. Blocking (it reads files and the history): not on a UI thread. */
gboolean       trib_scheduler_start         (TribScheduler  *self,
                                             GError        **error);
/* The same, for a UI thread: files and the history are read in a worker thread (into new
 * objects that only the scheduler uses afterwards). */
void           trib_scheduler_start_async   (TribScheduler       *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       trib_scheduler_start_finish  (TribScheduler       *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Stops firing and cancels the runs it started; "stopped" follows. */
void           trib_scheduler_stop          (TribScheduler  *self);
gboolean       trib_scheduler_is_stopped    (TribScheduler  *self);

TribWorkspace *trib_scheduler_get_workspace (TribScheduler  *self);
TribHistory   *trib_scheduler_get_history   (TribScheduler  *self);
/* The TribWorkflowSchedule of every scheduled workflow, in workspace order. */
GPtrArray     *trib_scheduler_get_schedules (TribScheduler  *self);
guint          trib_scheduler_get_n_active  (TribScheduler  *self);

/* The schedules of @workspace (TribWorkflowSchedule items); a workflow whose schedule
 * cannot be read is left out and its error appended to @problems (strings), if given. */
GPtrArray     *trib_scheduler_list_schedules (TribWorkspace *workspace,
                                              GPtrArray     *problems);

G_END_DECLS
