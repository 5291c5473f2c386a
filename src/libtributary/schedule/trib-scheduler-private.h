/* trib-scheduler-private.h: shared by trib-scheduler.c and trib-scheduler-start.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-scheduler.h"

G_BEGIN_DECLS

struct _TribScheduler
{
  GObject        parent_instance;

  GFile         *directory;
  TribClock     *clock;
  TribCatchUp    catch_up;
  gboolean       dry_run;

  TribWorkspace *workspace;
  TribHistory   *history;
  TribRunner    *runner;
  /* Runners of earlier loads of the workspace, kept while their runs go on. */
  GPtrArray     *old_runners;
  GPtrArray     *schedules;
  /* Workflow file stem -> GDateTime: every fire time up to it has been handled. */
  GHashTable    *cursors;
  GPtrArray     *monitors;
  GPtrArray     *active;
  /* Fire times waiting for their run to be created (Fire *), oldest first. */
  GQueue        *pending;
  gboolean       creating;
  guint          n_creating;

  guint          tick_id;
  guint          reload_id;
  gulong         clock_changed_id;
  gboolean       started;
  gboolean       stopping;
  gboolean       stopped;
};

TribRunner *_trib_scheduler_make_runner        (TribScheduler        *self);
void        _trib_scheduler_report_problems    (TribScheduler        *self,
                                                GPtrArray            *problems);
void        _trib_scheduler_prune_old_runners  (TribScheduler        *self);
/* Sleeps until the next fire time, or looks at the clock at once with @now. */
void        _trib_scheduler_schedule_tick      (TribScheduler        *self,
                                                gboolean              now);
void        _trib_scheduler_clock_changed_cb   (TribClock            *clock,
                                                TribScheduler        *self);
GDateTime  *_trib_scheduler_lookup_cursor      (TribScheduler        *self,
                                                TribWorkflowSchedule *schedule);
void        _trib_scheduler_set_cursor         (TribScheduler        *self,
                                                TribWorkflowSchedule *schedule,
                                                GDateTime            *cursor);
void        _trib_scheduler_emit_problem       (TribScheduler        *self,
                                                const char           *message);
void        _trib_scheduler_emit_reloaded      (TribScheduler        *self);

G_END_DECLS
