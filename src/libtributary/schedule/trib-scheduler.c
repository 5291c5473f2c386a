/* trib-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-civil-time.h"
#include "trib-error.h"
#include "trib-scheduler-private.h"


G_DEFINE_FINAL_TYPE (TribScheduler, trib_scheduler, G_TYPE_OBJECT)

enum
{
  SIGNAL_SETUP_RUNNER,
  SIGNAL_FIRED,
  SIGNAL_SKIPPED,
  SIGNAL_RUN_FINISHED,
  SIGNAL_PROBLEM,
  SIGNAL_RELOADED,
  SIGNAL_STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
trib_catch_up_to_string (TribCatchUp catch_up)
{
  switch (catch_up)
    {
    case TRIB_CATCH_UP_ALL:    return "all";
    case TRIB_CATCH_UP_NONE:   return "none";
    case TRIB_CATCH_UP_LATEST:
    default:                   return "latest";
    }
}

gboolean
trib_catch_up_from_string (const char  *text,
                           TribCatchUp *catch_up)
{
  if (g_strcmp0 (text, "latest") == 0)
    *catch_up = TRIB_CATCH_UP_LATEST;
  else if (g_strcmp0 (text, "all") == 0)
    *catch_up = TRIB_CATCH_UP_ALL;
  else if (g_strcmp0 (text, "none") == 0)
    *catch_up = TRIB_CATCH_UP_NONE;
  else
    return FALSE;
  return TRUE;
}

static void
trib_scheduler_dispose (GObject *object)
{
  TribScheduler *self = TRIB_SCHEDULER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->clock_changed_id)
    g_clear_signal_handler (&self->clock_changed_id, self->clock);
  if (self->monitors)
    for (guint i = 0; i < self->monitors->len; i++)
      {
        GFileMonitor *monitor = g_ptr_array_index (self->monitors, i);

        g_signal_handlers_disconnect_by_data (monitor, self);
        g_file_monitor_cancel (monitor);
      }
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  G_OBJECT_CLASS (trib_scheduler_parent_class)->dispose (object);
}

static void
trib_scheduler_finalize (GObject *object)
{
  TribScheduler *self = TRIB_SCHEDULER (object);

  g_clear_object (&self->directory);
  g_clear_object (&self->clock);
  g_clear_object (&self->workspace);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->old_runners, g_ptr_array_unref);
  g_clear_object (&self->history);
  g_clear_pointer (&self->schedules, g_ptr_array_unref);
  g_clear_pointer (&self->cursors, g_hash_table_unref);
  g_clear_pointer (&self->active, g_ptr_array_unref);
  /* Each pending fire holds the scheduler: none is left by now. */
  g_queue_free (self->pending);
  G_OBJECT_CLASS (trib_scheduler_parent_class)->finalize (object);
}

static void
trib_scheduler_class_init (TribSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = trib_scheduler_dispose;
  object_class->finalize = trib_scheduler_finalize;

  signals[SIGNAL_SETUP_RUNNER] = g_signal_new ("setup-runner", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, TRIB_TYPE_RUNNER);
  signals[SIGNAL_FIRED] = g_signal_new ("fired", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 4, TRIB_TYPE_WORKFLOW_SCHEDULE, G_TYPE_DATE_TIME,
                                        G_TYPE_BOOLEAN, TRIB_TYPE_RUN);
  signals[SIGNAL_SKIPPED] = g_signal_new ("skipped", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, TRIB_TYPE_WORKFLOW_SCHEDULE, G_TYPE_DATE_TIME,
                                          G_TYPE_STRING);
  signals[SIGNAL_RUN_FINISHED] = g_signal_new ("run-finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, TRIB_TYPE_RUN, G_TYPE_STRING);
  signals[SIGNAL_PROBLEM] = g_signal_new ("problem", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_RELOADED] = g_signal_new ("reloaded", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
  signals[SIGNAL_STOPPED] = g_signal_new ("stopped", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
trib_scheduler_init (TribScheduler *self)
{
  self->old_runners = g_ptr_array_new_with_free_func (g_object_unref);
  self->schedules = g_ptr_array_new_with_free_func (g_object_unref);
  self->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_date_time_unref);
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->active = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_queue_new ();
}

TribScheduler *
trib_scheduler_new (GFile     *directory,
                    TribClock *clock)
{
  TribScheduler *self;

  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  self = g_object_new (TRIB_TYPE_SCHEDULER, NULL);
  self->directory = g_object_ref (directory);
  self->clock = clock ? g_object_ref (clock) : trib_clock_new_default ();
  return self;
}

void
trib_scheduler_set_catch_up (TribScheduler *self,
                             TribCatchUp    catch_up)
{
  g_return_if_fail (TRIB_IS_SCHEDULER (self));
  self->catch_up = catch_up;
}

TribCatchUp
trib_scheduler_get_catch_up (TribScheduler *self)
{
  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), TRIB_CATCH_UP_LATEST);
  return self->catch_up;
}

void
trib_scheduler_set_dry_run (TribScheduler *self,
                            gboolean       dry_run)
{
  g_return_if_fail (TRIB_IS_SCHEDULER (self));
  self->dry_run = !!dry_run;
}

gboolean
trib_scheduler_get_dry_run (TribScheduler *self)
{
  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), FALSE);
  return self->dry_run;
}

TribWorkspace *
trib_scheduler_get_workspace (TribScheduler *self)
{
  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), NULL);
  return self->workspace;
}

TribHistory *
trib_scheduler_get_history (TribScheduler *self)
{
  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), NULL);
  return self->history;
}

GPtrArray *
trib_scheduler_get_schedules (TribScheduler *self)
{
  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), NULL);
  return self->schedules;
}

guint
trib_scheduler_get_n_active (TribScheduler *self)
{
  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), 0);
  return self->active->len + self->n_creating;
}

gboolean
trib_scheduler_is_stopped (TribScheduler *self)
{
  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), TRUE);
  return self->stopped;
}

/* Runs that ended leave their runner alone; a runner nobody runs with any more goes. */
void
_trib_scheduler_prune_old_runners (TribScheduler *self)
{
  for (guint i = self->old_runners->len; i > 0; i--)
    {
      TribRunner *runner = g_ptr_array_index (self->old_runners, i - 1);
      gboolean used = FALSE;

      for (guint j = 0; j < self->active->len && !used; j++)
        used = g_object_get_data (g_ptr_array_index (self->active, j), "trib-scheduler-runner") == runner;
      if (!used && self->n_creating == 0)
        g_ptr_array_remove_index (self->old_runners, i - 1);
    }
}

static void
maybe_stopped (TribScheduler *self)
{
  if (!self->stopping || self->stopped || self->active->len > 0 || self->n_creating > 0)
    return;
  self->stopped = TRUE;
  g_signal_emit (self, signals[SIGNAL_STOPPED], 0);
}

typedef struct
{
  TribScheduler        *self;
  TribWorkflowSchedule *schedule;
  GDateTime            *cyctime;
  TribRunner           *runner;
  TribWorkflow         *workflow;
  gboolean              catch_up;
} Fire;

static void
fire_free (Fire *fire)
{
  g_object_unref (fire->self);
  g_object_unref (fire->schedule);
  g_date_time_unref (fire->cyctime);
  g_object_unref (fire->runner);
  g_object_unref (fire->workflow);
  g_free (fire);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fire, fire_free)

static char *
format_cyctime (GDateTime *cyctime)
{
  return g_date_time_format (cyctime, "%Y-%m-%d %H:%M:%S");
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TribScheduler) self = user_data;
  TribRun *run = TRIB_RUN (object);
  g_autoptr(GError) error = NULL;

  trib_run_start_finish (run, result, &error);
  g_object_ref (run);
  g_ptr_array_remove (self->active, run);
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, run, error ? error->message : NULL);
  g_object_unref (run);
  _trib_scheduler_prune_old_runners (self);
  maybe_stopped (self);
}

static void start_next (TribScheduler *self);

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Fire) fire = user_data;
  TribScheduler *self = fire->self;
  g_autoptr(TribRun) run = NULL;
  g_autoptr(GError) error = NULL;

  self->n_creating--;
  self->creating = FALSE;
  run = trib_runner_create_run_finish (TRIB_RUNNER (object), result, &error);
  if (run == NULL)
    {
      g_autofree char *when = format_cyctime (fire->cyctime);

      if (g_error_matches (error, TRIB_ERROR, TRIB_ERROR_EXISTS))
        g_signal_emit (self, signals[SIGNAL_SKIPPED], 0, fire->schedule, fire->cyctime,
                       _("another scheduler started it"));
      else
        {
          g_autofree char *message = g_strdup_printf (_("%s: the instance scheduled at %s was not started: %s"),
                                                      trib_workflow_schedule_get_workflow (fire->schedule),
                                                      when, error->message);
          g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, message);
        }
      _trib_scheduler_prune_old_runners (self);
      start_next (self);
      maybe_stopped (self);
      return;
    }

  if (fire->catch_up)
    trib_history_mark_catch_up (self->history, trib_run_get_id (run));
  g_object_set_data (G_OBJECT (run), "trib-scheduler-catch-up", GINT_TO_POINTER (fire->catch_up));
  g_object_set_data_full (G_OBJECT (run), "trib-scheduler-runner", g_object_ref (fire->runner), g_object_unref);
  g_ptr_array_add (self->active, g_object_ref (run));
  g_signal_emit (self, signals[SIGNAL_FIRED], 0, fire->schedule, fire->cyctime, fire->catch_up, run);
  /* Started even when stopping meanwhile: the run is in the history already, and
   * cancelling it is what writes its final states there. */
  trib_run_start_async (run, NULL, run_done_cb, g_object_ref (self));
  if (self->stopping)
    trib_run_cancel (run);
  start_next (self);
}

/* Runs are created one after the other, in the order they fired: catch-up instances
 * are recorded (and so listed) oldest first. */
static void
start_next (TribScheduler *self)
{
  Fire *data;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  if (self->creating || (data = g_queue_pop_head (self->pending)) == NULL)
    return;
  self->creating = TRUE;
  options.cyctime = data->cyctime;
  options.kind = "scheduled";
  /* No cancellable: a run the history has recorded must be started to be settled. */
  trib_runner_create_run_async (data->runner, data->workflow, &options, NULL, created_cb, data);
}

static void
fire (TribScheduler        *self,
      TribWorkflowSchedule *schedule,
      GDateTime            *cyctime,
      gboolean              catch_up)
{
  TribWorkflow *workflow;
  Fire *data;

  if (self->dry_run)
    {
      g_signal_emit (self, signals[SIGNAL_FIRED], 0, schedule, cyctime, catch_up, NULL);
      return;
    }
  workflow = trib_workspace_lookup_workflow (self->workspace, trib_workflow_schedule_get_workflow (schedule));
  if (workflow == NULL)
    return;

  data = g_new0 (Fire, 1);
  data->self = g_object_ref (self);
  data->schedule = g_object_ref (schedule);
  data->cyctime = g_date_time_ref (cyctime);
  data->runner = g_object_ref (self->runner);
  data->workflow = g_object_ref (workflow);
  data->catch_up = catch_up;
  self->n_creating++;
  g_queue_push_tail (self->pending, data);
  start_next (self);
}

GDateTime *
_trib_scheduler_lookup_cursor (TribScheduler        *self,
                               TribWorkflowSchedule *schedule)
{
  return g_hash_table_lookup (self->cursors, trib_workflow_schedule_get_workflow (schedule));
}

void
_trib_scheduler_set_cursor (TribScheduler        *self,
                            TribWorkflowSchedule *schedule,
                            GDateTime            *cursor)
{
  g_hash_table_replace (self->cursors, g_strdup (trib_workflow_schedule_get_workflow (schedule)),
                        g_date_time_ref (cursor));
}

/* Handles the fire times of @schedule that came since its cursor. */
static void
tick_schedule (TribScheduler        *self,
               TribWorkflowSchedule *schedule,
               GDateTime            *now,
               GDateTime            *missed_before)
{
  g_autoptr(GPtrArray) missed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GPtrArray) timely = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GDateTime) cursor = NULL;
  guint n_dropped = 0;

  if (_trib_scheduler_lookup_cursor (self, schedule) == NULL)
    {
      _trib_scheduler_set_cursor (self, schedule, now);
      return;
    }
  cursor = g_date_time_ref (_trib_scheduler_lookup_cursor (self, schedule));

  for (;;)
    {
      GDateTime *next = trib_workflow_schedule_next (schedule, cursor);

      if (next == NULL || g_date_time_compare (next, now) > 0)
        {
          g_clear_pointer (&next, g_date_time_unref);
          break;
        }
      g_date_time_unref (cursor);
      cursor = g_date_time_ref (next);
      if (g_date_time_compare (next, missed_before) < 0)
        {
          g_ptr_array_add (missed, next);
          /* Keep the newest ones only. */
          if (missed->len > TRIB_SCHEDULER_MAX_CATCH_UP)
            {
              g_ptr_array_remove_index (missed, 0);
              n_dropped++;
            }
        }
      else
        g_ptr_array_add (timely, next);
    }
  _trib_scheduler_set_cursor (self, schedule, now);

  if (missed->len == 0 && timely->len == 0)
    return;

  if (trib_workflow_schedule_is_paused (schedule))
    {
      GPtrArray *reported = timely->len ? timely : missed;
      GDateTime *last = g_ptr_array_index (reported, reported->len - 1);

      g_signal_emit (self, signals[SIGNAL_SKIPPED], 0, schedule, last,
                     _("the workflow is paused (recurrence Pause)"));
      return;
    }

  if (missed->len > 0)
    {
      switch (self->catch_up)
        {
        case TRIB_CATCH_UP_NONE:
          g_signal_emit (self, signals[SIGNAL_SKIPPED], 0, schedule, g_ptr_array_index (missed, missed->len - 1),
                         _("missed while no scheduler ran; not caught up (--catch-up none)"));
          break;
        case TRIB_CATCH_UP_ALL:
          if (n_dropped > 0)
            {
              g_autofree char *message =
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %u missed fire time is older than the %u caught up, and is not run",
                                              "%s: %u missed fire times are older than the %u caught up, and are not run",
                                              n_dropped),
                                 trib_workflow_schedule_get_workflow (schedule), n_dropped, missed->len);
              g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, message);
            }
          for (guint i = 0; i < missed->len; i++)
            fire (self, schedule, g_ptr_array_index (missed, i), TRUE);
          break;
        case TRIB_CATCH_UP_LATEST:
        default:
          fire (self, schedule, g_ptr_array_index (missed, missed->len - 1), TRUE);
          break;
        }
    }
  for (guint i = 0; i < timely->len; i++)
    fire (self, schedule, g_ptr_array_index (timely, i), FALSE);
}

static void
tick (TribScheduler *self)
{
  g_autoptr(GDateTime) now = trib_clock_dup_now (self->clock);
  g_autoptr(GDateTime) missed_before = g_date_time_add_seconds (now, -TRIB_SCHEDULER_GRACE_SECONDS);
  /* Firing emits signals: hold the schedules even if a handler reloads. */
  g_autoptr(GPtrArray) schedules = g_ptr_array_ref (self->schedules);

  for (guint i = 0; i < schedules->len && !self->stopping; i++)
    tick_schedule (self, g_ptr_array_index (schedules, i), now, missed_before);
}

static gboolean
tick_cb (gpointer user_data)
{
  TribScheduler *self = user_data;

  self->tick_id = 0;
  tick (self);
  _trib_scheduler_schedule_tick (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Sleeps until the next fire time, but never longer than the clock allows. */
void
_trib_scheduler_schedule_tick (TribScheduler *self,
                               gboolean       now)
{
  guint delay = trib_clock_get_max_sleep_ms (self->clock);

  if (self->stopping)
    return;
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (now)
    delay = 0;
  else if (trib_clock_is_system (self->clock))
    {
      g_autoptr(GDateTime) current = trib_clock_dup_now (self->clock);

      for (guint i = 0; i < self->schedules->len; i++)
        {
          TribWorkflowSchedule *schedule = g_ptr_array_index (self->schedules, i);
          GDateTime *cursor = _trib_scheduler_lookup_cursor (self, schedule);
          g_autoptr(GDateTime) next = cursor ? trib_workflow_schedule_next (schedule, cursor) : NULL;
          GTimeSpan wait;

          if (next == NULL)
            continue;
          wait = g_date_time_difference (next, current);
          /* Round up, and a little more: waking a hair early would only sleep again. */
          delay = (guint) CLAMP (wait / 1000 + 5, 0, (GTimeSpan) delay);
        }
    }
  self->tick_id = g_timeout_add (delay, tick_cb, self);
}

void
_trib_scheduler_clock_changed_cb (TribClock     *clock,
                                  TribScheduler *self)
{
  _trib_scheduler_schedule_tick (self, TRUE);
}

TribRunner *
_trib_scheduler_make_runner (TribScheduler *self)
{
  TribRunner *runner = trib_runner_new (self->workspace, self->history);

  g_signal_emit (self, signals[SIGNAL_SETUP_RUNNER], 0, runner);
  return runner;
}

void
_trib_scheduler_report_problems (TribScheduler *self,
                                 GPtrArray     *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, (const char *) g_ptr_array_index (problems, i));
}

void
_trib_scheduler_emit_problem (TribScheduler *self,
                              const char    *message)
{
  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, message);
}

void
_trib_scheduler_emit_reloaded (TribScheduler *self)
{
  g_signal_emit (self, signals[SIGNAL_RELOADED], 0);
}

static gboolean
emit_stopped_cb (gpointer user_data)
{
  maybe_stopped (user_data);
  return G_SOURCE_REMOVE;
}

void
trib_scheduler_stop (TribScheduler *self)
{
  g_return_if_fail (TRIB_IS_SCHEDULER (self));

  if (self->stopping)
    return;
  self->stopping = TRUE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  for (guint i = 0; i < self->active->len; i++)
    trib_run_cancel (g_ptr_array_index (self->active, i));
  /* Fire times not recorded yet are left for the next scheduler (they are caught up). */
  while (!g_queue_is_empty (self->pending))
    {
      fire_free (g_queue_pop_head (self->pending));
      self->n_creating--;
    }
  /* "stopped" always comes from the main loop, never from inside this call. */
  g_idle_add_full (G_PRIORITY_DEFAULT, emit_stopped_cb, g_object_ref (self), g_object_unref);
}
