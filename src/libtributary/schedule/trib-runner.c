/* trib-runner.c: executors, worker threads, scheduled times, creating runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-cron.h"
#include "trib-error.h"
#include "trib-history-private.h"
#include "trib-run-planner.h"
#include "trib-run-private.h"
#include "trib-runner-private.h"

#define N_KINDS (TRIB_NODE_KIND_REFERENCE + 1)
#define DEFAULT_MAX_WORKERS 4

struct _TribRunner
{
  GObject        parent_instance;
  TribWorkspace *workspace;
  TribHistory   *history;
  TribExecutor  *executors[N_KINDS];
  GThreadPool   *pool;
  guint          max_workers;
  guint          n_busy;
  GPtrArray     *active_runs;
};

G_DEFINE_FINAL_TYPE (TribRunner, trib_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_WORKERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
worker_func (gpointer data,
             gpointer user_data)
{
  _trib_run_execute_job (data);
}

static void
trib_runner_finalize (GObject *object)
{
  TribRunner *self = (TribRunner *) object;

  /* Jobs hold their run, which holds the runner: none can be left here. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  for (guint i = 0; i < N_KINDS; i++)
    g_clear_object (&self->executors[i]);
  g_clear_object (&self->workspace);
  g_clear_object (&self->history);
  g_clear_pointer (&self->active_runs, g_ptr_array_unref);

  G_OBJECT_CLASS (trib_runner_parent_class)->finalize (object);
}

static void
trib_runner_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TribRunner *self = TRIB_RUNNER (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      g_value_set_uint (value, self->max_workers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_runner_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TribRunner *self = TRIB_RUNNER (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      trib_runner_set_max_workers (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_runner_class_init (TribRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_runner_finalize;
  object_class->get_property = trib_runner_get_property;
  object_class->set_property = trib_runner_set_property;

  properties[PROP_MAX_WORKERS] =
    g_param_spec_uint ("max-workers", NULL, NULL, 1, 256, DEFAULT_MAX_WORKERS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_runner_init (TribRunner *self)
{
  self->max_workers = DEFAULT_MAX_WORKERS;
  self->pool = g_thread_pool_new (worker_func, self, (int) self->max_workers, FALSE, NULL);
  self->active_runs = g_ptr_array_new ();
}

/* The executors this build has, given to every runner the app and the CLI make. The
 * layers that implement them (sync, hs2) register them through trib_init (), so this
 * layer never depends on theirs. A kind without one is refused with an error that
 * names each node. */
static GMutex default_executors_lock;
static TribExecutor *default_executors[TRIB_NODE_KIND_REFERENCE + 1];

void
trib_runner_register_default_executor (TribNodeKind  kind,
                                       TribExecutor *executor)
{
  g_return_if_fail (kind > TRIB_NODE_KIND_UNKNOWN && kind <= TRIB_NODE_KIND_REFERENCE);
  g_return_if_fail (!executor || TRIB_IS_EXECUTOR (executor));

  g_mutex_lock (&default_executors_lock);
  g_set_object (&default_executors[kind], executor);
  g_mutex_unlock (&default_executors_lock);
}

static void
register_builtin_executors (TribRunner *self)
{
  g_mutex_lock (&default_executors_lock);
  for (guint kind = 0; kind < G_N_ELEMENTS (default_executors); kind++)
    if (default_executors[kind])
      trib_runner_set_executor (self, kind, default_executors[kind]);
  g_mutex_unlock (&default_executors_lock);
}

TribRunner *
trib_runner_new (TribWorkspace *workspace,
                 TribHistory   *history)
{
  TribRunner *self;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRIB_IS_HISTORY (history), NULL);

  self = g_object_new (TRIB_TYPE_RUNNER, NULL);
  self->workspace = g_object_ref (workspace);
  self->history = g_object_ref (history);
  register_builtin_executors (self);
  return self;
}

TribWorkspace *
trib_runner_get_workspace (TribRunner *self)
{
  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  return self->workspace;
}

TribHistory *
trib_runner_get_history (TribRunner *self)
{
  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  return self->history;
}

guint
trib_runner_get_max_workers (TribRunner *self)
{
  g_return_val_if_fail (TRIB_IS_RUNNER (self), 0);
  return self->max_workers;
}

void
trib_runner_set_max_workers (TribRunner *self,
                             guint       max_workers)
{
  g_return_if_fail (TRIB_IS_RUNNER (self));
  g_return_if_fail (max_workers >= 1);

  if (self->max_workers == max_workers)
    return;
  self->max_workers = max_workers;
  g_thread_pool_set_max_threads (self->pool, (int) max_workers, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_WORKERS]);
  _trib_runner_kick (self);
}

void
trib_runner_set_executor (TribRunner   *self,
                          TribNodeKind  kind,
                          TribExecutor *executor)
{
  g_return_if_fail (TRIB_IS_RUNNER (self));
  g_return_if_fail (kind < N_KINDS);
  g_return_if_fail (executor == NULL || TRIB_IS_EXECUTOR (executor));

  g_set_object (&self->executors[kind], executor);
}

TribExecutor *
trib_runner_get_executor (TribRunner   *self,
                          TribNodeKind  kind)
{
  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);
  return self->executors[kind];
}

gboolean
trib_runner_check_executors (TribRunner  *self,
                             TribRun     *run,
                             GError     **error)
{
  g_return_val_if_fail (TRIB_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (TRIB_IS_RUN (run), FALSE);

  return _trib_run_planner_check_executors (self, run, error);
}

gboolean
_trib_runner_acquire_slot (TribRunner *self)
{
  if (self->n_busy >= self->max_workers)
    return FALSE;
  self->n_busy++;
  return TRUE;
}

void
_trib_runner_release_slot (TribRunner *self)
{
  g_assert (self->n_busy > 0);
  self->n_busy--;
}

void
_trib_runner_kick (TribRunner *self)
{
  g_autoptr(GPtrArray) runs = NULL;

  if (self->n_busy >= self->max_workers || self->active_runs->len == 0)
    return;

  /* A run may finish, and leave the list, while we go through it. */
  runs = g_ptr_array_copy (self->active_runs, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (runs, g_object_unref);
  for (guint i = 0; i < runs->len && self->n_busy < self->max_workers; i++)
    _trib_run_kick (g_ptr_array_index (runs, i));
}

void
_trib_runner_push_job (TribRunner *self,
                       gpointer    job)
{
  g_thread_pool_push (self->pool, job, NULL);
}

void
_trib_runner_run_started (TribRunner *self,
                          TribRun    *run)
{
  g_ptr_array_add (self->active_runs, run);
}

void
_trib_runner_run_finished (TribRunner *self,
                           TribRun    *run)
{
  g_ptr_array_remove (self->active_runs, run);
}

/* The node whose cron schedules the workflow: the first root node with one, else the
 * first node with one. */
static TribNode *
find_start_node (TribWorkflow *workflow)
{
  GListModel *nodes = trib_workflow_get_nodes (workflow);
  g_autoptr(GHashTable) has_upstream = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *dependencies = trib_workflow_get_dependencies (workflow);
  TribNode *fallback = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr(TribDependency) dependency = g_list_model_get_item (dependencies, i);

      if (trib_dependency_get_upstream_id (dependency) != NULL)
        g_hash_table_add (has_upstream, (gpointer) trib_dependency_get_node_id (dependency));
    }

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      const char *cron = trib_node_get_cron (node);

      if (cron == NULL || *cron == '\0')
        continue;
      if (!g_hash_table_contains (has_upstream, trib_node_get_id (node)))
        return node;
      if (fallback == NULL)
        fallback = node;
    }
  return fallback;
}

/* The scheduled time on the calendar date @date (day precision) in the workspace zone. */
static GDateTime *
cyctime_on_date (TribRunner          *self,
                 TribWorkflow        *workflow,
                 const TribCivilTime *date,
                 GError             **error)
{
  g_autoptr(GTimeZone) zone = trib_workspace_dup_timezone (self->workspace);
  TribNode *start = find_start_node (workflow);
  TribCivilTime wall = { date->year, date->month, date->day, 0, 0, 0 };
  GDateTime *cyctime;

  if (start != NULL)
    {
      g_autoptr(TribCron) cron = NULL;
      g_autoptr(GError) local_error = NULL;

      cron = trib_cron_new (trib_node_get_cron (start), &local_error);
      if (cron == NULL)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("node %s: %s"),
                       trib_node_get_display_name (start), local_error->message);
          return NULL;
        }
      cyctime = trib_cron_first_on_date (cron, date->year, date->month, date->day, zone);
      if (cyctime != NULL)
        return cyctime;
      /* Not a day it fires on (a weekly node): DataWorks still has a dry-run instance
       * at its time of day. */
      trib_cron_get_earliest_time (cron, &wall.hour, &wall.minute, &wall.second);
    }

  cyctime = trib_civil_to_date_time (&wall, zone);
  if (cyctime == NULL)
    cyctime = g_date_time_new (zone, wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
  return cyctime;
}

GDateTime *
trib_runner_dup_cyctime_for_bizdate (TribRunner    *self,
                                     TribWorkflow  *workflow,
                                     const char    *bizdate,
                                     GError       **error)
{
  TribCivilTime date;

  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  if (!trib_civil_parse_checked (bizdate, FALSE, &date, error))
    return NULL;
  trib_civil_date_from_days (trib_civil_days_from_date (date.year, date.month, date.day) + 1,
                             &date.year, &date.month, &date.day);
  return cyctime_on_date (self, workflow, &date, error);
}

GDateTime *
trib_runner_dup_default_cyctime (TribRunner    *self,
                                 TribWorkflow  *workflow,
                                 GError       **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  TribCivilTime today;

  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  zone = trib_workspace_dup_timezone (self->workspace);
  now = g_date_time_new_now (zone);
  trib_civil_from_date_time (now, &today);
  return cyctime_on_date (self, workflow, &today, error);
}

TribRun *
trib_runner_plan_run (TribRunner            *self,
                      TribWorkflow          *workflow,
                      const TribRunOptions  *options,
                      GError               **error)
{
  static const TribRunOptions defaults = TRIB_RUN_OPTIONS_INIT;

  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  if (options == NULL)
    options = &defaults;
  if (options->rerun_of != 0)
    {
      g_autoptr(TribRunRecord) record = NULL;
      g_autoptr(GPtrArray) instances = NULL;

      record = trib_history_get_run (self->history, options->rerun_of, error);
      if (record == NULL)
        return NULL;
      instances = trib_history_list_instances (self->history, options->rerun_of, error);
      if (instances == NULL)
        return NULL;
      return _trib_run_planner_plan (self, workflow, options, record, instances, error);
    }
  return _trib_run_planner_plan (self, workflow, options, NULL, NULL, error);
}

TribRun *
trib_runner_create_run (TribRunner            *self,
                        TribWorkflow          *workflow,
                        const TribRunOptions  *options,
                        GError               **error)
{
  g_autoptr(TribRun) run = NULL;

  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  run = trib_runner_plan_run (self, workflow, options, error);
  if (run == NULL)
    return NULL;
  if (!_trib_run_planner_check_executors (self, run, error) ||
      !_trib_run_planner_record (self, run, error))
    return NULL;
  return g_steal_pointer (&run);
}

typedef struct
{
  TribWorkflow   *workflow;
  TribRunOptions  options;
  TribRunRecord  *record;
  GPtrArray      *instances;
  TribRun        *run;
} CreateData;

static void
create_data_free (gpointer data)
{
  CreateData *create = data;

  g_clear_object (&create->workflow);
  g_clear_pointer (&create->options.cyctime, g_date_time_unref);
  g_free ((char *) create->options.node);
  g_free ((char *) create->options.kind);
  g_free ((char *) create->options.backfill_id);
  g_clear_object (&create->record);
  g_clear_pointer (&create->instances, g_ptr_array_unref);
  g_clear_object (&create->run);
  g_free (create);
}

/* The history calls below block, so they run in a GTask thread; planning reads the
 * workflow, so it runs in the caller's thread. */
static void
record_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CreateData *create = task_data;
  GError *error = NULL;

  if (_trib_run_planner_record (source_object, create->run, &error))
    g_task_return_pointer (task, g_steal_pointer (&create->run), g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
plan_and_record (TribRunner *self,
                 GTask      *task)
{
  CreateData *create = g_task_get_task_data (task);
  GError *error = NULL;

  create->run = _trib_run_planner_plan (self, create->workflow, &create->options,
                                        create->record, create->instances, &error);
  if (create->run != NULL && !_trib_run_planner_check_executors (self, create->run, &error))
    g_clear_object (&create->run);
  if (create->run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, record_in_thread);
}

static void
fetch_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TribRunner *self = source_object;
  CreateData *create = task_data;
  GError *error = NULL;

  create->record = trib_history_get_run (self->history, create->options.rerun_of, &error);
  if (create->record != NULL)
    create->instances = trib_history_list_instances (self->history, create->options.rerun_of, &error);
  if (create->instances == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  plan_and_record (TRIB_RUNNER (object), task);
}

void
trib_runner_create_run_async (TribRunner           *self,
                              TribWorkflow         *workflow,
                              const TribRunOptions *options,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  static const TribRunOptions defaults = TRIB_RUN_OPTIONS_INIT;
  g_autoptr(GTask) task = NULL;
  CreateData *create;

  g_return_if_fail (TRIB_IS_RUNNER (self));
  g_return_if_fail (TRIB_IS_WORKFLOW (workflow));

  if (options == NULL)
    options = &defaults;

  create = g_new0 (CreateData, 1);
  create->workflow = g_object_ref (workflow);
  create->options = *options;
  create->options.cyctime = options->cyctime ? g_date_time_ref (options->cyctime) : NULL;
  create->options.node = g_strdup (options->node);
  create->options.kind = g_strdup (options->kind);
  create->options.backfill_id = g_strdup (options->backfill_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_runner_create_run_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_set_task_data (task, create, create_data_free);

  if (options->rerun_of != 0)
    {
      GTask *fetch = g_task_new (self, cancellable, fetched_cb, g_steal_pointer (&task));

      g_task_set_task_data (fetch, create, NULL);
      g_task_run_in_thread (fetch, fetch_in_thread);
      g_object_unref (fetch);
      return;
    }
  plan_and_record (self, task);
}

TribRun *
trib_runner_create_run_finish (TribRunner    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TRIB_IS_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
