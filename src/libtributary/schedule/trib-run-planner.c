/* trib-run-planner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-diagnostic.h"
#include "trib-error.h"
#include "trib-history-private.h"
#include "trib-run-planner.h"

/* The workflow as a graph: nodes by id and name, and "Normal" edges between nodes of
 * the file. Cross-cycle dependencies concern other instances, not this run's order;
 * dependencies on outputs published outside the file count as satisfied. */
typedef struct
{
  GPtrArray  *nodes;       /* TribNode, file order */
  GHashTable *by_id;
  GHashTable *by_name;
  GHashTable *children;    /* node id -> GPtrArray of node ids */
  GPtrArray  *edges;       /* pairs: upstream id, node id */
} Graph;

static void
graph_clear (Graph *graph)
{
  g_clear_pointer (&graph->nodes, g_ptr_array_unref);
  g_clear_pointer (&graph->by_id, g_hash_table_unref);
  g_clear_pointer (&graph->by_name, g_hash_table_unref);
  g_clear_pointer (&graph->children, g_hash_table_unref);
  g_clear_pointer (&graph->edges, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Graph, graph_clear)

static void
graph_init (Graph        *graph,
            TribWorkflow *workflow)
{
  GListModel *nodes = trib_workflow_get_nodes (workflow);
  GListModel *dependencies = trib_workflow_get_dependencies (workflow);

  graph->nodes = g_ptr_array_new_with_free_func (g_object_unref);
  graph->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  graph->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  graph->children = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  graph->edges = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      TribNode *node = g_list_model_get_item (nodes, i);

      g_ptr_array_add (graph->nodes, node);
      g_hash_table_insert (graph->by_id, (gpointer) trib_node_get_id (node), node);
      if (trib_node_get_name (node))
        g_hash_table_insert (graph->by_name, (gpointer) trib_node_get_name (node), node);
    }

  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr(TribDependency) dependency = g_list_model_get_item (dependencies, i);
      TribNode *upstream = NULL;
      TribNode *node = g_hash_table_lookup (graph->by_id, trib_dependency_get_node_id (dependency));
      GPtrArray *children;

      if (trib_dependency_get_upstream_id (dependency))
        upstream = g_hash_table_lookup (graph->by_id, trib_dependency_get_upstream_id (dependency));
      if (upstream == NULL || node == NULL || upstream == node ||
          g_strcmp0 (trib_dependency_get_dependency_type (dependency), "Normal") != 0)
        continue;

      children = g_hash_table_lookup (graph->children, trib_node_get_id (upstream));
      if (children == NULL)
        {
          children = g_ptr_array_new ();
          g_hash_table_insert (graph->children, (gpointer) trib_node_get_id (upstream), children);
        }
      g_ptr_array_add (children, (gpointer) trib_node_get_id (node));
      g_ptr_array_add (graph->edges, (gpointer) trib_node_get_id (upstream));
      g_ptr_array_add (graph->edges, (gpointer) trib_node_get_id (node));
    }
}

static TribNode *
graph_lookup (Graph      *graph,
              const char *node)
{
  TribNode *found = g_hash_table_lookup (graph->by_id, node);

  return found ? found : g_hash_table_lookup (graph->by_name, node);
}

/* @root and everything downstream of it, among @allowed (NULL: all). */
static void
add_descendants (Graph      *graph,
                 const char *root,
                 GHashTable *allowed,
                 GHashTable *out)
{
  g_autoptr(GQueue) queue = g_queue_new ();
  const char *id;

  g_queue_push_tail (queue, (gpointer) root);
  while ((id = g_queue_pop_head (queue)))
    {
      GPtrArray *children;

      if (g_hash_table_contains (out, id) || (allowed && !g_hash_table_contains (allowed, id)))
        continue;
      g_hash_table_add (out, (gpointer) id);
      children = g_hash_table_lookup (graph->children, id);
      for (guint i = 0; children && i < children->len; i++)
        g_queue_push_tail (queue, g_ptr_array_index (children, i));
    }
}

static gboolean
needs_executor (TribNodeInstance *instance)
{
  return instance->selected && instance->recurrence == TRIB_RECURRENCE_NORMAL &&
         instance->kind != TRIB_NODE_KIND_VIRTUAL && instance->kind != TRIB_NODE_KIND_REFERENCE;
}

/* Resolves the parameters (for task id @task_id) and substitutes them in the code. */
static gboolean
resolve (TribRun          *run,
         TribNodeInstance *instance,
         const char       *task_id,
         GError          **error)
{
  g_autoptr(TribParamContext) context = NULL;
  g_autoptr(TribParamSet) parameters = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) local_error = NULL;

  context = trib_param_context_new (run->cyctime, run->workflow_stem, instance->node_id, task_id);
  parameters = trib_param_set_new_for_node (instance->node, context, &local_error);
  if (parameters != NULL)
    code = trib_param_set_substitute (parameters, trib_node_get_content (instance->node), &local_error);
  if (code == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, _("node %s: %s"),
                   instance->node_name, local_error->message);
      return FALSE;
    }

  g_set_object (&instance->parameters, parameters);
  g_free (instance->code);
  instance->code = g_steal_pointer (&code);
  return TRUE;
}

static TribInstanceRecord *
find_record (GPtrArray  *records,
             const char *node_id)
{
  for (guint i = 0; records && i < records->len; i++)
    if (g_strcmp0 (trib_instance_record_get_node_id (g_ptr_array_index (records, i)), node_id) == 0)
      return g_ptr_array_index (records, i);
  return NULL;
}

/* Which instances of run @record_id run again, and whether their rerun modes allow it. */
static gboolean
select_for_rerun (TribRun               *run,
                  Graph                 *graph,
                  const TribRunOptions  *options,
                  GError               **error)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_selected = 0;

  if (options->scope != TRIB_RUN_SCOPE_WORKFLOW)
    {
      g_autoptr(GHashTable) in_run = g_hash_table_new (g_str_hash, g_str_equal);
      TribNodeInstance *target = options->node ? g_hash_table_lookup (run->by_node, options->node) : NULL;

      if (target == NULL)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("run %" PRId64 " has no node \"%s\""),
                       run->id, options->node ? options->node : "");
          return FALSE;
        }
      for (guint i = 0; i < run->instances->len; i++)
        g_hash_table_add (in_run, ((TribNodeInstance *) g_ptr_array_index (run->instances, i))->node_id);
      if (options->scope == TRIB_RUN_SCOPE_NODE)
        g_hash_table_add (chosen, target->node_id);
      else
        add_descendants (graph, target->node_id, in_run, chosen);
    }

  for (guint i = 0; i < run->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (run->instances, i);
      gboolean ran = instance->attempt > 0;

      if (options->scope == TRIB_RUN_SCOPE_WORKFLOW)
        instance->selected = !trib_node_state_is_success (instance->state);
      else
        instance->selected = g_hash_table_contains (chosen, instance->node_id);
      if (!instance->selected)
        continue;

      if (ran && instance->rerun_mode == TRIB_RERUN_DENIED)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("node %s may not be rerun: its rerun mode is Denied"), instance->node_name);
          return FALSE;
        }
      if (ran && instance->rerun_mode == TRIB_RERUN_FAILURE_ALLOWED &&
          trib_node_state_is_success (instance->state))
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("node %s may be rerun only after it failed (its rerun mode is FailureAllowed), "
                         "and it succeeded"),
                       instance->node_name);
          return FALSE;
        }
      n_selected++;
    }

  if (n_selected == 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("run %" PRId64 " has nothing to rerun: every node succeeded"), run->id);
      return FALSE;
    }
  return TRUE;
}

gboolean
_trib_run_planner_check_executors (TribRunner  *runner,
                                   TribRun     *run,
                                   GError     **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < run->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (run->instances, i);

      if (!needs_executor (instance))
        continue;
      g_set_object (&instance->executor, trib_runner_get_executor (runner, instance->kind));
      if (instance->executor == NULL)
        g_string_append_printf (missing, "%s%s (%s)", missing->len ? ", " : "", instance->node_name,
                                *instance->command ? instance->command : _("no type"));
    }

  if (missing->len > 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_UNSUPPORTED,
                   _("this build cannot run these nodes yet, it has no executor for their type: %s"), missing->str);
      return FALSE;
    }
  return TRUE;
}

TribRun *
_trib_run_planner_plan (TribRunner            *runner,
                        TribWorkflow          *workflow,
                        const TribRunOptions  *options,
                        TribRunRecord         *record,
                        GPtrArray             *records,
                        GError               **error)
{
  TribWorkspace *workspace = trib_runner_get_workspace (runner);
  g_auto(Graph) graph = { 0 };
  g_autoptr(GTimeZone) zone = trib_workspace_dup_timezone (workspace);
  g_autoptr(GDateTime) cyctime = NULL;
  g_autoptr(GHashTable) scope = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(TribRun) run = NULL;
  g_autofree char *stem = trib_workflow_dup_file_stem (workflow);
  g_autofree char *scope_text = NULL;
  TribRunSetup setup = { 0 };

  if (!trib_workflow_is_valid (workflow))
    {
      g_autofree char *diagnostics = trib_diagnostics_to_string (trib_workflow_get_diagnostics (workflow));

      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("workflow \"%s\" has errors; fix them before running it:\n%s"),
                   trib_workflow_get_name (workflow), diagnostics);
      return NULL;
    }

  if (record != NULL && g_strcmp0 (trib_run_record_get_workflow (record), stem) != 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("run %" PRId64 " is a run of workflow \"%s\", not \"%s\""),
                   trib_run_record_get_id (record), trib_run_record_get_workflow_name (record),
                   trib_workflow_get_name (workflow));
      return NULL;
    }

  graph_init (&graph, workflow);

  /* When: a rerun keeps its scheduled time; values are resolved for the instance, not
   * for the moment it runs. */
  if (record != NULL)
    {
      g_autoptr(GTimeZone) run_zone = trib_time_zone_new_checked (trib_run_record_get_timezone (record));
      TribCivilTime wall;

      if (!trib_civil_parse_date_time (trib_run_record_get_cyctime (record), &wall))
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("run %" PRId64 " has no valid scheduled time"),
                       trib_run_record_get_id (record));
          return NULL;
        }
      cyctime = g_date_time_new (run_zone ? run_zone : zone, wall.year, wall.month, wall.day,
                                 wall.hour, wall.minute, wall.second);
    }
  else if (options->cyctime != NULL)
    cyctime = g_date_time_to_timezone (options->cyctime, zone);
  else
    cyctime = trib_runner_dup_default_cyctime (runner, workflow, error);
  if (cyctime == NULL)
    return NULL;

  /* Which nodes. */
  if (record != NULL)
    {
      for (guint i = 0; i < records->len; i++)
        {
          const char *id = trib_instance_record_get_node_id (g_ptr_array_index (records, i));

          if (g_hash_table_lookup (graph.by_id, id) == NULL)
            {
              g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                           _("node %s of run %" PRId64 " is no longer in the workflow"),
                           trib_instance_record_get_node_name (g_ptr_array_index (records, i)),
                           trib_run_record_get_id (record));
              return NULL;
            }
          g_hash_table_add (scope, (gpointer) id);
        }
    }
  else if (options->scope == TRIB_RUN_SCOPE_WORKFLOW)
    {
      for (guint i = 0; i < graph.nodes->len; i++)
        g_hash_table_add (scope, (gpointer) trib_node_get_id (g_ptr_array_index (graph.nodes, i)));
      scope_text = g_strdup ("workflow");
    }
  else
    {
      TribNode *target = options->node ? graph_lookup (&graph, options->node) : NULL;

      if (target == NULL)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("workflow \"%s\" has no node \"%s\""),
                       trib_workflow_get_name (workflow), options->node ? options->node : "");
          return NULL;
        }
      if (options->scope == TRIB_RUN_SCOPE_NODE)
        {
          g_hash_table_add (scope, (gpointer) trib_node_get_id (target));
          scope_text = g_strconcat ("node:", trib_node_get_id (target), NULL);
        }
      else
        {
          add_descendants (&graph, trib_node_get_id (target), NULL, scope);
          scope_text = g_strconcat ("descendants:", trib_node_get_id (target), NULL);
        }
    }

  setup.workflow_stem = stem;
  setup.kind = record ? trib_run_record_get_kind (record) : options->kind;
  setup.scope = record ? trib_run_record_get_scope (record) : scope_text;
  setup.backfill_id = record ? trib_run_record_get_backfill_id (record) : options->backfill_id;
  setup.cyctime = cyctime;
  setup.max_parallel = options->max_parallel ? options->max_parallel : trib_runner_get_max_workers (runner);
  setup.default_timeout_ms = options->default_timeout_ms;
  setup.rerun = record != NULL;
  run = _trib_run_new (runner, trib_runner_get_history (runner), workflow, &setup);
  if (record != NULL)
    run->id = trib_run_record_get_id (record);

  /* One instance per node in scope, in file order. */
  run->snapshot = _trib_workspace_snapshot_new (workspace);
  for (guint i = 0; i < graph.nodes->len; i++)
    {
      TribNode *node = g_ptr_array_index (graph.nodes, i);
      g_autoptr(TribNode) copy = NULL;
      g_autoptr(TribNodeInstance) instance = NULL;
      TribInstanceRecord *previous;

      if (!g_hash_table_contains (scope, trib_node_get_id (node)))
        continue;

      copy = _trib_node_copy (node);
      instance = _trib_node_instance_new (copy, run->instances->len);
      previous = find_record (records, instance->node_id);
      if (previous != NULL)
        {
          instance->id = trib_instance_record_get_id (previous);
          instance->state = trib_instance_record_get_state (previous);
          instance->attempt = trib_instance_record_get_attempts (previous);
          instance->started = trib_instance_record_get_started (previous);
          instance->ended = trib_instance_record_get_ended (previous);
          instance->message = g_strdup (trib_instance_record_get_message (previous));
        }
      _trib_run_add_instance (run, instance);
    }

  for (guint i = 0; i < graph.edges->len; i += 2)
    {
      const char *from = g_ptr_array_index (graph.edges, i);
      const char *to = g_ptr_array_index (graph.edges, i + 1);
      TribNodeInstance *upstream = g_hash_table_lookup (run->by_node, from);
      TribNodeInstance *downstream = g_hash_table_lookup (run->by_node, to);

      /* by_node also has names; an edge is between ids. */
      if (upstream && downstream && g_strcmp0 (upstream->node_id, from) == 0 &&
          g_strcmp0 (downstream->node_id, to) == 0)
        _trib_run_link (run, upstream, downstream);
    }

  if (record != NULL && !select_for_rerun (run, &graph, options, error))
    return NULL;

  for (guint i = 0; i < run->instances->len; i++)
    {
      TribNodeInstance *instance = g_ptr_array_index (run->instances, i);
      g_autofree char *task_id = g_strdup_printf ("%" G_GINT64_FORMAT, instance->id);

      if (!instance->selected)
        {
          TribInstanceRecord *previous = find_record (records, instance->node_id);

          instance->parameters = trib_instance_record_dup_parameters (previous);
          if (instance->parameters == NULL)
            instance->parameters = trib_param_set_new (NULL, NULL, NULL);
          continue;
        }

      if (!resolve (run, instance, task_id, error))
        return NULL;
      instance->execution = _trib_execution_new_for_run (run->snapshot, instance->node, instance->parameters,
                                                         instance->code);
      _trib_execution_set_ids (instance->execution, run->id, instance->id);

      if (record != NULL)
        {
          /* A rerun starts afresh, with a new allowance of automatic retries. */
          instance->attempts_before = instance->attempt;
          instance->max_attempts += instance->attempt;
          instance->state = TRIB_NODE_STATE_NOT_RUN;
          instance->started = 0;
          instance->ended = 0;
          g_clear_pointer (&instance->message, g_free);
        }
    }

  return g_steal_pointer (&run);
}

static void
save_parameters (TribHistory      *history,
                 TribNodeInstance *instance)
{
  g_autoptr(JsonNode) json = trib_param_set_to_json (instance->parameters);
  g_autofree char *text = json_to_string (json, FALSE);

  _trib_history_set_parameters (history, instance->id, text);
}

gboolean
_trib_run_planner_record (TribRunner  *runner,
                          TribRun     *run,
                          GError     **error)
{
  TribHistory *history = trib_runner_get_history (runner);
  guint n = run->instances->len;

  if (run->rerun)
    {
      if (!_trib_history_begin_rerun (history, run->id, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          TribNodeInstance *instance = g_ptr_array_index (run->instances, i);

          if (!instance->selected)
            continue;
          _trib_history_update_instance (history, instance->id, TRIB_NODE_STATE_NOT_RUN, instance->attempt,
                                         0, 0, NULL);
          save_parameters (history, instance);
        }
      return TRUE;
    }
  else
    {
      g_autofree TribInstanceInsert *inserts = g_new0 (TribInstanceInsert, MAX (n, 1));
      g_autofree gint64 *ids = g_new0 (gint64, MAX (n, 1));
      TribRunInsert insert = {
        run->workflow_stem, run->workflow_name, run->kind, run->scope,
        run->bizdate, run->cyctime_text, run->timezone, run->backfill_id,
      };

      for (guint i = 0; i < n; i++)
        {
          TribNodeInstance *instance = g_ptr_array_index (run->instances, i);

          inserts[i].node_id = instance->node_id;
          inserts[i].node_name = instance->node_name;
          inserts[i].command = instance->command;
          inserts[i].max_attempts = instance->max_attempts;
        }
      if (!_trib_history_insert_run (history, &insert, inserts, n, &run->id, ids, error))
        return FALSE;

      for (guint i = 0; i < n; i++)
        {
          TribNodeInstance *instance = g_ptr_array_index (run->instances, i);

          instance->id = ids[i];
          _trib_execution_set_ids (instance->execution, run->id, instance->id);
          /* $taskid is the instance id, known only now. */
          for (guint j = 0; j < trib_node_get_n_parameters (instance->node); j++)
            {
              const char *value = trib_node_get_parameter_value (instance->node, j);

              if (value && strstr (value, "$taskid"))
                {
                  g_autofree char *task_id = g_strdup_printf ("%" G_GINT64_FORMAT, instance->id);

                  if (!resolve (run, instance, task_id, error))
                    return FALSE;
                  g_clear_object (&instance->execution);
                  instance->execution = _trib_execution_new_for_run (run->snapshot, instance->node,
                                                                     instance->parameters, instance->code);
                  _trib_execution_set_ids (instance->execution, run->id, instance->id);
                  break;
                }
            }
          save_parameters (history, instance);
        }
      return TRUE;
    }
}
