/* trib-run-engine.c: moving a run's node instances through their states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-history-private.h"
#include "trib-run-private.h"
#include "trib-text.h"
#include "trib-runner-private.h"

/* Everything here runs in the run's main context, except _trib_run_execute_job(), the
 * body of a worker thread job. An instance becomes "settled" when nothing in this run
 * will change it any more: a final state, or not-run for a reason (an upstream failed,
 * the run was cancelled, a frozen node holds it back). The run ends when every
 * instance is settled. */

typedef struct
{
  TribRun          *run;
  TribNodeInstance *instance;
  TribExecutor     *executor;
  TribExecution    *execution;
  GCancellable     *cancellable;
  gboolean          ok;
  GError           *error;
} Job;

typedef struct
{
  TribRun          *run;
  TribNodeInstance *instance;
} TimerData;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_object_unref (job->run);
  g_object_unref (job->instance);
  g_object_unref (job->executor);
  g_object_unref (job->execution);
  g_object_unref (job->cancellable);
  g_clear_error (&job->error);
  g_free (job);
}

static void
timer_data_free (gpointer data)
{
  TimerData *timer = data;

  g_object_unref (timer->run);
  g_object_unref (timer->instance);
  g_free (timer);
}

char *
_trib_format_duration (guint64 ms)
{
  return trib_format_duration ((gint64) MIN (ms, (guint64) G_MAXINT64 / 1000) * 1000);
}

static void
clear_timer (TribNodeInstance *instance)
{
  if (instance->timer == NULL)
    return;
  g_source_destroy (instance->timer);
  g_clear_pointer (&instance->timer, g_source_unref);
}

static void
add_timer (TribRun          *self,
           TribNodeInstance *instance,
           guint64           ms,
           GSourceFunc       func)
{
  TimerData *data = g_new0 (TimerData, 1);

  data->run = g_object_ref (self);
  data->instance = g_object_ref (instance);
  clear_timer (instance);
  instance->timer = g_timeout_source_new ((guint) MIN (ms, G_MAXUINT));
  g_source_set_callback (instance->timer, func, data, timer_data_free);
  g_source_attach (instance->timer, self->context);
}

static void
save_instance (TribRun          *self,
               TribNodeInstance *instance)
{
  _trib_history_update_instance (self->history, instance->id, instance->state, instance->attempt,
                                 instance->started, instance->ended, instance->message);
}

/* Changes the state (or, for a not-run instance being settled, only the message),
 * records it and tells the listeners. */
static void
set_instance_state (TribRun          *self,
                    TribNodeInstance *instance,
                    TribNodeState     state,
                    const char       *message)
{
  TribNodeState old_state = instance->state;
  gint64 now = g_get_real_time ();

  if (state == TRIB_NODE_STATE_RUNNING && instance->started == 0)
    instance->started = now;
  if (trib_node_state_is_final (state))
    {
      if (instance->started == 0)
        instance->started = now;
      instance->ended = now;
    }

  _trib_node_instance_set_message (instance, message);
  _trib_node_instance_set_state (instance, state);
  save_instance (self, instance);
  g_signal_emit (self, _trib_run_signals[TRIB_RUN_SIGNAL_NODE_STATE_CHANGED], 0, instance, old_state);
}

static void settle (TribRun          *self,
                    TribNodeInstance *instance,
                    TribNodeState     state,
                    const char       *message);

/* Everything downstream of @instance that has not run can no longer run. */
static void
settle_descendants (TribRun          *self,
                    TribNodeInstance *instance,
                    const char       *message)
{
  for (guint i = 0; i < instance->downstream->len; i++)
    {
      TribNodeInstance *child = g_ptr_array_index (instance->downstream, i);

      if (!child->settled)
        settle (self, child, TRIB_NODE_STATE_NOT_RUN, message);
    }
}

static void
settle (TribRun          *self,
        TribNodeInstance *instance,
        TribNodeState     state,
        const char       *message)
{
  g_autofree char *reason = NULL;

  g_assert (!instance->settled);

  instance->settled = TRUE;
  self->n_settled++;
  set_instance_state (self, instance, state, message);
  if (instance->id != 0 && instance->attempt > instance->attempts_before &&
      instance->kind != TRIB_NODE_KIND_VIRTUAL && instance->kind != TRIB_NODE_KIND_REFERENCE)
    _trib_history_close_log (self->history, instance->id);

  switch (state)
    {
    case TRIB_NODE_STATE_SUCCESS:
    case TRIB_NODE_STATE_SKIPPED:
      for (guint i = 0; i < instance->downstream->len; i++)
        {
          TribNodeInstance *child = g_ptr_array_index (instance->downstream, i);

          if (child->settled || !child->selected)
            continue;
          g_assert (child->n_pending > 0);
          if (--child->n_pending == 0)
            g_queue_push_tail (&self->newly_ready, child);
        }
      break;
    case TRIB_NODE_STATE_FAILED:
      reason = g_strdup_printf (_("upstream %s failed"), instance->node_name);
      settle_descendants (self, instance, reason);
      break;
    case TRIB_NODE_STATE_CANCELLED:
      reason = g_strdup_printf (_("upstream %s was cancelled"), instance->node_name);
      settle_descendants (self, instance, reason);
      break;
    case TRIB_NODE_STATE_NOT_RUN:
      /* The root cause travels down: "upstream X failed" all the way. */
      reason = instance->recurrence == TRIB_RECURRENCE_PAUSE && instance->selected
                 ? g_strdup_printf (_("upstream %s is frozen"), instance->node_name)
                 : g_strdup (message);
      settle_descendants (self, instance, reason);
      break;
    case TRIB_NODE_STATE_WAITING:
    case TRIB_NODE_STATE_RUNNING:
    default:
      g_assert_not_reached ();
    }
}

static void
log_header (TribRun          *self,
            TribNodeInstance *instance)
{
  g_autofree char *parameters = trib_param_set_to_string (instance->parameters);

  _trib_run_log (self, instance, _("run %" PRId64 " of workflow \"%s\", business date %s, scheduled %s (%s)"),
                 self->id, self->workflow_name, self->bizdate, self->cyctime_text, self->timezone);
  _trib_run_log (self, instance, _("node %s (%s)"), instance->node_name, instance->command);
  _trib_run_log (self, instance, _("parameters: %s"), *parameters ? parameters : _("(none)"));
}

static gboolean job_done_cb (gpointer user_data);

/* On a worker thread: the only place the executor runs. */
void
_trib_run_execute_job (gpointer data)
{
  Job *job = data;

  job->ok = trib_executor_run (job->executor, job->execution, job->cancellable, &job->error);
  g_main_context_invoke_full (job->run->context, G_PRIORITY_DEFAULT, job_done_cb, job, job_free);
}

static gboolean
timeout_cb (gpointer user_data)
{
  TimerData *data = user_data;
  TribNodeInstance *instance = data->instance;
  guint64 ms = instance->timeout_ms ? instance->timeout_ms : data->run->default_timeout_ms;
  g_autofree char *duration = _trib_format_duration (ms);

  g_clear_pointer (&instance->timer, g_source_unref);
  instance->timed_out = TRUE;
  _trib_run_log (data->run, instance, _("timed out after %s: cancelling it"), duration);
  g_cancellable_cancel (instance->cancellable);
  return G_SOURCE_REMOVE;
}

static void
start_attempt (TribRun          *self,
               TribNodeInstance *instance)
{
  Job *job;
  guint64 timeout_ms;

  if (instance->attempt == instance->attempts_before)
    log_header (self, instance);

  _trib_node_instance_set_attempt (instance, instance->attempt + 1);
  instance->timed_out = FALSE;
  g_clear_object (&instance->cancellable);
  instance->cancellable = g_cancellable_new ();
  _trib_execution_set_attempt (instance->execution, instance->attempt, instance->max_attempts);
  _trib_node_instance_set_progress (instance, -1.0);

  _trib_run_log (self, instance, _("attempt %u of %u"), instance->attempt, instance->max_attempts);
  set_instance_state (self, instance, TRIB_NODE_STATE_RUNNING, NULL);

  timeout_ms = instance->timeout_ms ? instance->timeout_ms : self->default_timeout_ms;
  if (timeout_ms > 0)
    add_timer (self, instance, timeout_ms, timeout_cb);

  job = g_new0 (Job, 1);
  job->run = g_object_ref (self);
  job->instance = g_object_ref (instance);
  job->executor = g_object_ref (instance->executor);
  job->execution = g_object_ref (instance->execution);
  job->cancellable = g_object_ref (instance->cancellable);
  self->n_running++;
  _trib_runner_push_job (self->runner, job);
}

static void
pump (TribRun *self)
{
  while (self->ready.length > 0 && self->n_running < self->max_parallel &&
         _trib_runner_acquire_slot (self->runner))
    {
      TribNodeInstance *instance = g_queue_pop_head (&self->ready);

      instance->queued = FALSE;
      start_attempt (self, instance);
    }

  for (GList *l = self->ready.head; l; l = l->next)
    {
      TribNodeInstance *instance = l->data;

      if (instance->state != TRIB_NODE_STATE_WAITING)
        set_instance_state (self, instance, TRIB_NODE_STATE_WAITING, _("waiting for a free worker"));
    }
}

static void
finish (TribRun *self)
{
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autofree char *message = NULL;
  TribNodeInstance *first_failed = NULL;
  guint n_failed = 0, n_cancelled = 0, n_held = 0;
  TribRunState state;

  self->finishing = TRUE;
  self->ended_us = g_get_real_time ();

  for (guint i = 0; i < self->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (self->instances, i);

      switch (instance->state)
        {
        case TRIB_NODE_STATE_FAILED:
          if (n_failed++ == 0)
            first_failed = instance;
          g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", instance->node_name);
          break;
        case TRIB_NODE_STATE_CANCELLED:
          n_cancelled++;
          break;
        case TRIB_NODE_STATE_NOT_RUN:
          n_held++;
          break;
        case TRIB_NODE_STATE_SUCCESS:
        case TRIB_NODE_STATE_SKIPPED:
        case TRIB_NODE_STATE_WAITING:
        case TRIB_NODE_STATE_RUNNING:
        default:
          break;
        }
    }

  if (n_failed == 1)
    {
      state = TRIB_RUN_STATE_FAILED;
      message = g_strdup_printf (_("%s failed: %s"), first_failed->node_name,
                                 first_failed->message ? first_failed->message : "");
    }
  else if (n_failed > 1)
    {
      state = TRIB_RUN_STATE_FAILED;
      message = g_strdup_printf (_("%u nodes failed: %s"), n_failed, failed->str);
    }
  else if (self->cancel_requested)
    {
      state = TRIB_RUN_STATE_CANCELLED;
      message = g_strdup (_("the run was cancelled"));
    }
  else if (n_cancelled > 0)
    {
      state = TRIB_RUN_STATE_CANCELLED;
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node was cancelled", "%u nodes were cancelled",
                                              n_cancelled), n_cancelled);
    }
  else if (n_held > 0)
    {
      state = TRIB_RUN_STATE_INCOMPLETE;
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node did not run: a frozen node "
                                                               "holds it back",
                                              "%u nodes did not run: frozen nodes hold them back", n_held), n_held);
    }
  else
    {
      state = TRIB_RUN_STATE_SUCCESS;
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node succeeded", "all %u nodes succeeded",
                                              self->instances->len), self->instances->len);
    }

  _trib_run_set_state (self, state, message);
  _trib_history_update_run (self->history, self->id, state, 0, self->ended_us, message);
  _trib_run_complete (self);
}

static void
maybe_finish (TribRun *self)
{
  if (self->finishing || self->n_running > 0 || self->ready.length > 0 || self->n_timers > 0 ||
      self->newly_ready.length > 0)
    return;

  /* Nothing can move any more; whatever is left waits for something that will not
   * happen in this run. */
  for (guint i = 0; i < self->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (self->instances, i);

      if (!instance->settled)
        settle (self, instance, TRIB_NODE_STATE_NOT_RUN, _("an upstream node did not run"));
    }
  finish (self);
}

void
_trib_run_advance (TribRun *self)
{
  TribNodeInstance *instance;

  /* A kick from another run may come before this one's first step. */
  if (!self->begun || self->finishing)
    return;

  while ((instance = g_queue_pop_head (&self->newly_ready)))
    {
      if (instance->settled)
        continue;

      /* Nothing runs for these, so, as in DataWorks, they have no log: their message
       * says what happened, and a workflow of a thousand control nodes does not leave a
       * thousand files behind. */
      if (instance->kind == TRIB_NODE_KIND_VIRTUAL || instance->kind == TRIB_NODE_KIND_REFERENCE)
        {
          /* Zero-load: it succeeds at once and releases its children. */
          _trib_node_instance_set_attempt (instance, instance->attempt + 1);
          settle (self, instance, TRIB_NODE_STATE_SUCCESS,
                  instance->kind == TRIB_NODE_KIND_VIRTUAL ? _("zero-load node: nothing to run")
                                                           : _("a node outside the workflow: counted as done"));
        }
      else if (instance->recurrence == TRIB_RECURRENCE_SKIP)
        settle (self, instance, TRIB_NODE_STATE_SKIPPED, _("dry-run (recurrence Skip): succeeded "
                                                           "without running"));
      else
        {
          instance->queued = TRUE;
          g_queue_push_tail (&self->ready, instance);
        }
    }

  pump (self);
  maybe_finish (self);
}

void
_trib_run_kick (TribRun *self)
{
  _trib_run_advance (self);
}

void
_trib_run_begin (TribRun *self)
{
  self->started_us = g_get_real_time ();
  /* A rerun keeps the time its run first started. */
  _trib_history_update_run (self->history, self->id, TRIB_RUN_STATE_RUNNING,
                            self->rerun ? 0 : self->started_us, 0, NULL);

  for (guint i = 0; i < self->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (self->instances, i);

      if (instance->execution)
        _trib_execution_set_sink (instance->execution, &_trib_run_execution_sink, instance);
      if (!instance->selected)
        {
          /* A rerun keeps this one's result; it does not hold anything back. */
          instance->settled = TRUE;
          self->n_settled++;
          continue;
        }
      instance->n_pending = 0;
      for (guint j = 0; j < instance->upstream->len; j++)
        if (((TribNodeInstance *) g_ptr_array_index (instance->upstream, j))->selected)
          instance->n_pending++;
    }

  self->begun = TRUE;
  if (self->cancel_requested)
    {
      /* Cancelled between start_async() and now. */
      self->cancel_requested = FALSE;
      _trib_run_cancel_all (self);
      return;
    }

  for (guint i = 0; i < self->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (self->instances, i);

      if (!instance->settled && instance->recurrence == TRIB_RECURRENCE_PAUSE)
        settle (self, instance, TRIB_NODE_STATE_NOT_RUN,
                _("frozen (recurrence Pause): it does not run, and its descendants wait"));
    }

  for (guint i = 0; i < self->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (self->instances, i);

      if (!instance->settled && instance->n_pending == 0)
        g_queue_push_tail (&self->newly_ready, instance);
    }

  _trib_run_advance (self);
}

static gboolean
retry_cb (gpointer user_data)
{
  TimerData *data = user_data;
  TribRun *self = data->run;
  TribNodeInstance *instance = data->instance;

  g_clear_pointer (&instance->timer, g_source_unref);
  self->n_timers--;
  if (!instance->settled)
    {
      instance->queued = TRUE;
      g_queue_push_tail (&self->ready, instance);
    }
  _trib_run_advance (self);
  return G_SOURCE_REMOVE;
}

static void
attempt_failed (TribRun          *self,
                TribNodeInstance *instance,
                const char       *error_message,
                gboolean          permanent)
{
  g_autofree char *message = NULL;

  if (instance->timed_out)
    {
      guint64 ms = instance->timeout_ms ? instance->timeout_ms : self->default_timeout_ms;
      g_autofree char *duration = _trib_format_duration (ms);

      message = g_strdup_printf (_("timed out after %s"), duration);
    }
  else
    message = g_strdup (error_message);

  if (permanent)
    {
      /* Trying again would fail the same way, after rerunInterval × rerunTimes. */
      _trib_run_log (self, instance, _("failed (a permanent error, not retried): %s"), message);
      settle (self, instance, TRIB_NODE_STATE_FAILED, message);
      return;
    }

  if (instance->attempt < instance->max_attempts)
    {
      g_autofree char *interval = _trib_format_duration (instance->retry_interval_ms);
      g_autofree char *text = g_strdup_printf (_("attempt %u of %u failed (a transient error): %s; trying again in %s"),
                                               instance->attempt, instance->max_attempts, message, interval);

      _trib_run_log (self, instance, "%s", text);
      set_instance_state (self, instance, TRIB_NODE_STATE_WAITING, text);
      self->n_timers++;
      add_timer (self, instance, instance->retry_interval_ms, retry_cb);
      return;
    }

  _trib_run_log (self, instance, _("failed: %s"), message);
  settle (self, instance, TRIB_NODE_STATE_FAILED, message);
}

static gboolean
job_done_cb (gpointer user_data)
{
  Job *job = user_data;
  TribRun *self = job->run;
  TribNodeInstance *instance = job->instance;

  /* Its log lines first, then its end. */
  _trib_run_drain_events (self);
  self->n_running--;
  _trib_runner_release_slot (self->runner);
  if (instance->timer)
    clear_timer (instance);

  if (job->ok)
    {
      g_autofree char *summary = trib_execution_dup_summary (job->execution);

      _trib_run_log (self, instance, _("succeeded"));
      settle (self, instance, TRIB_NODE_STATE_SUCCESS, summary);
    }
  else if (self->cancel_requested || instance->cancel_requested)
    {
      const char *message = instance->cancel_requested ? _("cancelled by the user") : _("the run was cancelled");

      _trib_run_log (self, instance, "%s", message);
      settle (self, instance, TRIB_NODE_STATE_CANCELLED, message);
    }
  else
    attempt_failed (self, instance, job->error ? job->error->message : _("the executor failed without "
                                                                         "saying why"),
                    !instance->timed_out && trib_execution_get_failure_permanent (job->execution));

  _trib_run_advance (self);
  _trib_runner_kick (self->runner);
  return G_SOURCE_REMOVE;
}

void
_trib_run_cancel_all (TribRun *self)
{
  if (!self->started || self->finishing || self->cancel_requested)
    return;
  self->cancel_requested = TRUE;
  if (!self->begun)
    return;

  for (guint i = 0; i < self->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (self->instances, i);

      if (instance->settled)
        continue;
      if (instance->state == TRIB_NODE_STATE_RUNNING)
        {
          _trib_run_log (self, instance, _("cancelling: the run was cancelled"));
          g_cancellable_cancel (instance->cancellable);
        }
      else if (instance->queued || instance->state == TRIB_NODE_STATE_WAITING)
        {
          if (instance->queued)
            g_queue_remove (&self->ready, instance);
          else
            self->n_timers--;
          instance->queued = FALSE;
          clear_timer (instance);
          settle (self, instance, TRIB_NODE_STATE_CANCELLED, _("the run was cancelled"));
        }
    }

  /* What has not started stays not-run. */
  g_queue_clear (&self->newly_ready);
  for (guint i = 0; i < self->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (self->instances, i);

      if (!instance->settled && instance->state == TRIB_NODE_STATE_NOT_RUN)
        settle (self, instance, TRIB_NODE_STATE_NOT_RUN, _("the run was cancelled before it could run"));
    }

  _trib_run_advance (self);
}

gboolean
_trib_run_cancel_one (TribRun           *self,
                      TribNodeInstance  *instance,
                      GError           **error)
{
  if (!self->begun || self->finishing)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("run %" PRId64 " is not running"), self->id);
      return FALSE;
    }
  if (instance->settled)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("node %s has already finished (%s)"),
                   instance->node_name, trib_node_state_to_string (instance->state));
      return FALSE;
    }

  instance->cancel_requested = TRUE;
  if (instance->state == TRIB_NODE_STATE_RUNNING)
    {
      _trib_run_log (self, instance, _("cancelling: cancelled by the user"));
      g_cancellable_cancel (instance->cancellable);
      return TRUE;
    }

  if (instance->queued)
    g_queue_remove (&self->ready, instance);
  else if (instance->state == TRIB_NODE_STATE_WAITING)
    self->n_timers--;
  instance->queued = FALSE;
  clear_timer (instance);
  settle (self, instance, TRIB_NODE_STATE_CANCELLED,
          instance->state == TRIB_NODE_STATE_NOT_RUN ? _("cancelled by the user before it ran")
                                                     : _("cancelled by the user"));
  _trib_run_advance (self);
  return TRUE;
}
