/* trib-run-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-run-fixture.h"

void
run_fixture_set_spec (RunFixture *f,
                      const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->executor);
  f->executor = trib_test_executor_new (spec, &error);
  g_assert_no_error (error);
  trib_runner_set_executor (f->runner, TRIB_NODE_KIND_DI, TRIB_EXECUTOR (f->executor));
  trib_runner_set_executor (f->runner, TRIB_NODE_KIND_EMR_SPARK_SQL, TRIB_EXECUTOR (f->executor));
}

void
run_fixture_set_up (RunFixture *f,
                    const char *spec)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *nodes;

  f->dir = trib_test_make_demo_workspace ();
  dir = g_file_new_for_path (f->dir);
  f->workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);
  f->workflow = g_object_ref (trib_workspace_lookup_workflow (f->workspace, TRIB_DEMO_WORKFLOW_NAME));
  f->history = trib_history_open (trib_workspace_get_state_directory (f->workspace), &error);
  g_assert_no_error (error);
  f->runner = trib_runner_new (f->workspace, f->history);
  run_fixture_set_spec (f, spec);
  f->events = g_ptr_array_new_with_free_func (g_free);
  f->log = g_string_new (NULL);

  nodes = trib_workflow_get_nodes (f->workflow);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      trib_json_object_put_int (trib_node_get_json (node), "rerunTimes", 0);
    }
}

void
run_fixture_tear_down (RunFixture *f)
{
  g_clear_object (&f->runner);
  g_clear_object (&f->executor);
  g_clear_object (&f->workflow);
  g_clear_object (&f->workspace);
  if (f->history)
    {
      /* A blocking query runs after every earlier operation has let go of its task
       * (and so of the history), which makes the leak check below exact. */
      g_autoptr(GPtrArray) barrier = trib_history_list_runs (f->history, NULL, 0, 1, NULL);

      g_assert_finalize_object (g_steal_pointer (&f->history));
    }
  g_clear_object (&f->result);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  if (f->log)
    g_string_free (g_steal_pointer (&f->log), TRUE);
  if (f->dir)
    {
      g_autofree char *parent = g_path_get_dirname (f->dir);
      trib_test_rm_rf (parent);
      g_clear_pointer (&f->dir, g_free);
    }
}

static TribNode *
lookup_node (RunFixture *f,
             const char *name)
{
  TribNode *node = trib_workflow_lookup_node_by_name (f->workflow, name);

  g_assert_nonnull (node);
  return node;
}

void
run_fixture_set_node_int (RunFixture *f,
                          const char *node,
                          const char *member,
                          gint64      value)
{
  trib_json_object_put_int (trib_node_get_json (lookup_node (f, node)), member, value);
}

void
run_fixture_set_node_string (RunFixture *f,
                             const char *node,
                             const char *member,
                             const char *value)
{
  trib_json_object_put_string (trib_node_get_json (lookup_node (f, node)), member, value);
}

GDateTime *
run_fixture_cyctime (RunFixture *f,
                     const char *bizdate)
{
  g_autoptr(GError) error = NULL;
  GDateTime *cyctime = trib_runner_dup_cyctime_for_bizdate (f->runner, f->workflow, bizdate, &error);

  g_assert_no_error (error);
  return cyctime;
}

static void
state_changed_cb (TribRun          *run,
                  TribNodeInstance *instance,
                  TribNodeState     old_state,
                  RunFixture       *f)
{
  /* Signals come in the context that started the run: this test's main thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_ptr_array_add (f->events, g_strdup_printf ("%s %s", trib_node_instance_get_node_name (instance),
                                               trib_node_state_to_string (trib_node_instance_get_state (instance))));
}

static void
log_cb (TribRun          *run,
        TribNodeInstance *instance,
        const char       *line,
        RunFixture       *f)
{
  g_string_append_printf (f->log, "%s| %s\n", trib_node_instance_get_node_name (instance), line);
}

TribRun *
run_fixture_create (RunFixture           *f,
                    const TribRunOptions *options)
{
  g_autoptr(GError) error = NULL;
  TribRun *run = trib_runner_create_run (f->runner, f->workflow, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_signal_connect (run, "node-state-changed", G_CALLBACK (state_changed_cb), f);
  g_signal_connect (run, "node-log", G_CALLBACK (log_cb), f);
  return run;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
run_fixture_iterate_until (gboolean (*condition) (gpointer),
                           gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

void
run_fixture_start (RunFixture   *f,
                   TribRun      *run,
                   GCancellable *cancellable)
{
  g_clear_object (&f->result);
  trib_run_start_async (run, cancellable, store_result_cb, &f->result);
}

gboolean
run_fixture_finish (RunFixture  *f,
                    TribRun     *run,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  run_fixture_iterate_until (result_arrived, &f->result);
  result = g_steal_pointer (&f->result);
  return trib_run_start_finish (run, result, error);
}

gboolean
run_fixture_wait (RunFixture    *f,
                  TribRun       *run,
                  GCancellable  *cancellable,
                  GError       **error)
{
  run_fixture_start (f, run, cancellable);
  return run_fixture_finish (f, run, error);
}

TribRun *
run_fixture_run (RunFixture      *f,
                 const char      *bizdate,
                 TribRunOptions  *options,
                 GError         **error)
{
  TribRunOptions defaults = TRIB_RUN_OPTIONS_INIT;
  g_autoptr(GDateTime) cyctime = bizdate ? run_fixture_cyctime (f, bizdate) : NULL;
  TribRun *run;

  if (options == NULL)
    options = &defaults;
  if (options->cyctime == NULL && cyctime != NULL)
    options->cyctime = cyctime;
  run = run_fixture_create (f, options);
  if (cyctime != NULL && options->cyctime == cyctime)
    options->cyctime = NULL;
  run_fixture_wait (f, run, NULL, error);
  return run;
}

char *
run_fixture_events (RunFixture *f,
                    const char *node)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < f->events->len; i++)
    {
      const char *event = g_ptr_array_index (f->events, i);

      if (node && !(g_str_has_prefix (event, node) && event[strlen (node)] == ' '))
        continue;
      if (text->len)
        g_string_append (text, ", ");
      g_string_append (text, node ? event + strlen (node) + 1 : event);
    }
  return g_string_free (text, FALSE);
}

char *
run_fixture_read_log (RunFixture *f,
                      gint64      run_id,
                      const char *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean complete = FALSE;
  guint64 next = 0;

  bytes = trib_history_read_log (f->history, run_id, node, 0, 0, &next, &complete, &error);
  g_assert_no_error (error);
  g_assert_true (complete);
  g_assert_cmpuint (next, ==, g_bytes_get_size (bytes));
  return g_bytes_get_size (bytes) ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : g_strdup ("");
}

TribInstanceRecord *
run_fixture_instance_record (RunFixture *f,
                             gint64      run_id,
                             const char *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = trib_history_list_instances (f->history, run_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      TribInstanceRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (trib_instance_record_get_node_name (record), node))
        return g_object_ref (record);
    }
  g_assert_not_reached ();
  return NULL;
}
