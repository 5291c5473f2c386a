/* trib-scheduler-start.c: how a scheduler reads its workspace, at start and on changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-civil-time.h"
#include "trib-scheduler-private.h"

/* Editors save in several steps (a temporary file, then a rename): read once they are done. */
#define RELOAD_DELAY_MS 250

GPtrArray *
trib_scheduler_list_schedules (TribWorkspace *workspace,
                               GPtrArray     *problems)
{
  GPtrArray *schedules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) zone = trib_workspace_dup_timezone (workspace);
  GListModel *workflows = trib_workspace_get_workflows (workspace);

  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
      g_autoptr(GError) error = NULL;
      TribWorkflowSchedule *schedule = trib_workflow_schedule_new (workflow, zone, &error);

      if (schedule != NULL)
        g_ptr_array_add (schedules, schedule);
      else if (error != NULL && problems != NULL)
        g_ptr_array_add (problems, g_strdup (error->message));
    }
  return schedules;
}

static void
reload (TribScheduler *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = NULL;

  workspace = trib_workspace_load (self->directory, NULL, &error);
  if (workspace == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("the workspace was not reloaded, its schedules stay as they were: %s"),
                                                  error->message);
      _trib_scheduler_emit_problem (self, message);
      return;
    }

  g_set_object (&self->workspace, workspace);
  if (self->runner)
    g_ptr_array_add (self->old_runners, g_steal_pointer (&self->runner));
  self->runner = _trib_scheduler_make_runner (self);
  _trib_scheduler_prune_old_runners (self);

  g_clear_pointer (&self->schedules, g_ptr_array_unref);
  self->schedules = trib_scheduler_list_schedules (workspace, problems);
  _trib_scheduler_report_problems (self, problems);

  /* A workflow seen for the first time fires from now on; the others keep their cursor,
   * so an edit never fires an instance twice. */
  now = trib_clock_dup_now (self->clock);
  for (guint i = 0; i < self->schedules->len; i++)
    {
      TribWorkflowSchedule *schedule = g_ptr_array_index (self->schedules, i);

      if (_trib_scheduler_lookup_cursor (self, schedule) == NULL)
        _trib_scheduler_set_cursor (self, schedule, now);
    }
  _trib_scheduler_emit_reloaded (self);
  _trib_scheduler_schedule_tick (self, TRUE);
}

static gboolean
reload_cb (gpointer user_data)
{
  TribScheduler *self = user_data;

  self->reload_id = 0;
  if (!self->stopping)
    reload (self);
  return G_SOURCE_REMOVE;
}

/* In the workspace folder only tributary.json matters (not the history beside it). */
static gboolean
is_workspace_file (GFile    *file,
                   gboolean  in_root)
{
  g_autofree char *name = g_file_get_basename (file);

  if (in_root)
    return g_strcmp0 (name, "tributary.json") == 0 || g_strcmp0 (name, "workflows") == 0;
  return g_str_has_suffix (name, ".json");
}

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other_file,
            GFileMonitorEvent  event,
            TribScheduler     *self)
{
  gboolean in_root = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (monitor), "trib-root"));

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  /* A save is a temporary file renamed over the real one: the rename's target counts. */
  if (!is_workspace_file (file, in_root) && !(other_file && is_workspace_file (other_file, in_root)))
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static void
watch (TribScheduler *self,
       GFile         *directory,
       gboolean       root)
{
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  monitor = g_file_monitor_directory (directory, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("changes to the workspace will not be noticed: %s"),
                                                  error->message);
      _trib_scheduler_emit_problem (self, message);
      return;
    }
  g_object_set_data (G_OBJECT (monitor), "trib-root", GINT_TO_POINTER (root));
  g_signal_connect (monitor, "changed", G_CALLBACK (changed_cb), self);
  g_ptr_array_add (self->monitors, monitor);
}

/* Where each workflow's fire times start: after its last scheduled run, so the ones
 * since are caught up; a workflow never scheduled starts a grace period ago. */
static gboolean
read_cursors (TribScheduler  *self,
              GError        **error)
{
  g_autoptr(GDateTime) now = trib_clock_dup_now (self->clock);
  g_autoptr(GDateTime) fresh = g_date_time_add_seconds (now, -TRIB_SCHEDULER_GRACE_SECONDS);

  for (guint i = 0; i < self->schedules->len; i++)
    {
      TribWorkflowSchedule *schedule = g_ptr_array_index (self->schedules, i);
      g_autofree char *last = NULL;
      g_autoptr(GDateTime) cursor = NULL;
      TribCivilTime wall;

      last = trib_history_dup_last_scheduled (self->history, trib_workflow_schedule_get_workflow (schedule), error);
      if (last == NULL && error && *error)
        return FALSE;
      if (last != NULL && trib_civil_parse_date_time (last, &wall))
        cursor = trib_civil_to_date_time (&wall, trib_workflow_schedule_get_timezone (schedule));
      _trib_scheduler_set_cursor (self, schedule, cursor ? cursor : fresh);
    }
  return TRUE;
}

gboolean
trib_scheduler_start (TribScheduler  *self,
                      GError        **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) workflows = NULL;

  g_return_val_if_fail (TRIB_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  self->workspace = trib_workspace_load (self->directory, NULL, error);
  if (self->workspace == NULL)
    return FALSE;
  self->history = trib_history_open (trib_workspace_get_state_directory (self->workspace), error);
  if (self->history == NULL)
    return FALSE;
  self->runner = _trib_scheduler_make_runner (self);

  g_clear_pointer (&self->schedules, g_ptr_array_unref);
  self->schedules = trib_scheduler_list_schedules (self->workspace, problems);
  _trib_scheduler_report_problems (self, problems);
  if (!read_cursors (self, error))
    return FALSE;

  self->started = TRUE;
  watch (self, self->directory, TRUE);
  workflows = g_file_get_child (self->directory, "workflows");
  watch (self, workflows, FALSE);
  self->clock_changed_id = g_signal_connect (self->clock, "changed", G_CALLBACK (_trib_scheduler_clock_changed_cb), self);
  _trib_scheduler_schedule_tick (self, TRUE);
  return TRUE;
}

/* What start_async loads in a worker thread: new objects nobody else sees yet, handed
 * to the scheduler's thread when done. */
typedef struct
{
  GFile         *directory;
  TribClock     *clock;
  TribWorkspace *workspace;
  TribHistory   *history;
  GPtrArray     *schedules;
  GPtrArray     *problems;
  GHashTable    *cursors;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_object (&data->directory);
  g_clear_object (&data->clock);
  g_clear_object (&data->workspace);
  g_clear_object (&data->history);
  g_clear_pointer (&data->schedules, g_ptr_array_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_clear_pointer (&data->cursors, g_hash_table_unref);
  g_free (data);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StartData *data = task_data;
  g_autoptr(GDateTime) now = trib_clock_dup_now (data->clock);
  g_autoptr(GDateTime) fresh = g_date_time_add_seconds (now, -TRIB_SCHEDULER_GRACE_SECONDS);
  GError *error = NULL;

  data->workspace = trib_workspace_load (data->directory, cancellable, &error);
  if (data->workspace != NULL)
    data->history = trib_history_open (trib_workspace_get_state_directory (data->workspace), &error);
  if (data->history == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->problems = g_ptr_array_new_with_free_func (g_free);
  data->schedules = trib_scheduler_list_schedules (data->workspace, data->problems);
  data->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_date_time_unref);
  for (guint i = 0; i < data->schedules->len; i++)
    {
      TribWorkflowSchedule *schedule = g_ptr_array_index (data->schedules, i);
      g_autofree char *last = NULL;
      g_autoptr(GDateTime) cursor = NULL;
      TribCivilTime wall;

      last = trib_history_dup_last_scheduled (data->history, trib_workflow_schedule_get_workflow (schedule), &error);
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (last != NULL && trib_civil_parse_date_time (last, &wall))
        cursor = trib_civil_to_date_time (&wall, trib_workflow_schedule_get_timezone (schedule));
      g_hash_table_replace (data->cursors, g_strdup (trib_workflow_schedule_get_workflow (schedule)),
                            g_date_time_ref (cursor ? cursor : fresh));
    }
  g_task_return_boolean (task, TRUE);
}

void
trib_scheduler_start_async (TribScheduler       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StartData *data;

  g_return_if_fail (TRIB_IS_SCHEDULER (self));
  g_return_if_fail (!self->started);

  data = g_new0 (StartData, 1);
  data->directory = g_object_ref (self->directory);
  data->clock = g_object_ref (self->clock);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_scheduler_start_async);
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
trib_scheduler_start_finish (TribScheduler  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  StartData *data;
  g_autoptr(GFile) workflows = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (self->started || self->stopping)
    return TRUE;
  data = g_task_get_task_data (G_TASK (result));
  self->workspace = g_steal_pointer (&data->workspace);
  self->history = g_steal_pointer (&data->history);
  g_clear_pointer (&self->schedules, g_ptr_array_unref);
  self->schedules = g_steal_pointer (&data->schedules);
  g_clear_pointer (&self->cursors, g_hash_table_unref);
  self->cursors = g_steal_pointer (&data->cursors);
  self->runner = _trib_scheduler_make_runner (self);
  _trib_scheduler_report_problems (self, data->problems);

  self->started = TRUE;
  watch (self, self->directory, TRUE);
  workflows = g_file_get_child (self->directory, "workflows");
  watch (self, workflows, FALSE);
  self->clock_changed_id = g_signal_connect (self->clock, "changed", G_CALLBACK (_trib_scheduler_clock_changed_cb), self);
  _trib_scheduler_schedule_tick (self, TRUE);
  return TRUE;
}

