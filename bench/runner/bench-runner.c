/* bench-runner.c: the DAG runner's overhead on a large workflow of zero-load nodes
 *
 * One command builds and runs it:
 *
 *   ninja -C build bench/runner/bench-runner && build/bench/runner/bench-runner
 *
 * Options: --nodes N (default 1000), --repeat R (default 3; the median is printed).
 *
 * It generates a workflow of N zero-load (VIRTUAL) nodes: a start node that fans out to
 * 50 nodes, layers of 50 where each node depends on up to three nodes of the layer above
 * (fan-in 3, fan-out up to 3), and a last node that joins the whole last layer. Each
 * node has the parameter bizdate=$[yyyymmdd-1], as the demo nodes do.
 *
 * Side by side in the same process:
 *   baseline  the same DAG walked by a minimal topological loop (Kahn's algorithm over
 *             the workflow's dependencies): no threads, no history, no parameters;
 *   runner    trib_runner_create_run() + trib_run_start_async() until it completes:
 *             planning, parameter resolution, the SQLite history (WAL) with a row per
 *             instance and its state changes, signals in the main context (zero-load
 *             nodes run nothing, so they write no log file).
 * It prints the time per node instance (µs), the peak resident memory (VmHWM, read from
 * /proc/self/status after each part) and the ratio runner / baseline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "libtributary.h"

#define WIDTH 50

static char *
node_json (const char *id)
{
  return g_strdup_printf ("      {\"id\": \"%s\", \"name\": \"%s\", \"script\": {\"runtime\": "
                          "{\"command\": \"VIRTUAL\"}, "
                          "\"content\": \"\", \"parameters\": [{\"name\": \"bizdate\", \"value\": "
                          "\"$[yyyymmdd-1]\"}]}, "
                          "\"recurrence\": \"Normal\", \"rerunMode\": \"Allowed\"}", id, id);
}

/* The workflow file's text, and the number of edges. */
static char *
generate_workflow (guint  n_nodes,
                   guint *n_edges)
{
  GString *nodes = g_string_new (NULL);
  GString *flow = g_string_new (NULL);
  guint n_middle = n_nodes - 2;
  guint n_layers = (n_middle + WIDTH - 1) / WIDTH;
  g_autofree char *start = node_json ("start");
  g_autofree char *end = node_json ("end");
  char *text;

  *n_edges = 0;
  g_string_append (nodes, start);
  g_string_append (flow, "      {\"nodeId\": \"start\", \"depends\": [{\"output\": \"bench_root\", "
                         "\"type\": \"Normal\"}]}");

  for (guint i = 0; i < n_middle; i++)
    {
      guint layer = i / WIDTH;
      guint j = i % WIDTH;
      g_autofree char *id = g_strdup_printf ("n%u_%u", layer, j);
      g_autofree char *json = node_json (id);
      guint above = layer == 0 ? 0 : (layer == 1 ? WIDTH : MIN (WIDTH, n_middle - (layer - 1) * WIDTH));

      g_string_append_printf (nodes, ",\n%s", json);
      g_string_append_printf (flow, ",\n      {\"nodeId\": \"%s\", \"depends\": [", id);
      if (layer == 0)
        {
          g_string_append (flow, "{\"nodeId\": \"start\", \"type\": \"Normal\"}");
          (*n_edges)++;
        }
      else
        {
          guint picks[3] = { j % above, (j + 1) % above, (j * 7 + 3) % above };

          for (guint k = 0; k < 3; k++)
            {
              gboolean seen = FALSE;

              for (guint m = 0; m < k; m++)
                seen |= picks[m] == picks[k];
              if (seen)
                continue;
              g_string_append_printf (flow, "%s{\"nodeId\": \"n%u_%u\", \"type\": \"Normal\"}",
                                      k ? ", " : "", layer - 1, picks[k]);
              (*n_edges)++;
            }
        }
      g_string_append (flow, "]}");
    }

  g_string_append_printf (nodes, ",\n%s", end);
  g_string_append (flow, ",\n      {\"nodeId\": \"end\", \"depends\": [");
  for (guint j = 0; j < WIDTH && (n_layers - 1) * WIDTH + j < n_middle; j++)
    {
      g_string_append_printf (flow, "%s{\"nodeId\": \"n%u_%u\", \"type\": \"Normal\"}", j ? ", " : "", n_layers - 1, j);
      (*n_edges)++;
    }
  g_string_append (flow, "]}");

  text = g_strdup_printf ("{\n  \"version\": \"1.1.0\",\n  \"kind\": \"CycleWorkflow\",\n"
                          "  \"metadata\": {\"name\": \"bench\"},\n  \"spec\": {\n    \"nodes\": "
                          "[\n%s\n    ],\n"
                          "    \"flow\": [\n%s\n    ]\n  }\n}\n", nodes->str, flow->str);
  g_string_free (nodes, TRUE);
  g_string_free (flow, TRUE);
  return text;
}

/* The baseline: Kahn's algorithm over the same dependencies. */
static guint
topological_walk (TribWorkflow *workflow)
{
  GListModel *nodes = trib_workflow_get_nodes (workflow);
  GListModel *dependencies = trib_workflow_get_dependencies (workflow);
  guint n = g_list_model_get_n_items (nodes);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *in_degree = g_new0 (guint, n);
  g_autofree gboolean *done = g_new0 (gboolean, n);
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_done = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);

      g_hash_table_insert (index, (gpointer) trib_node_get_id (node), GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (children, g_array_new (FALSE, FALSE, sizeof (guint)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr(TribDependency) dependency = g_list_model_get_item (dependencies, i);
      const char *upstream = trib_dependency_get_upstream_id (dependency);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, upstream ? upstream : ""));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, trib_dependency_get_node_id (dependency)));

      if (from == 0 || to == 0)
        continue;
      g_array_append_val (g_ptr_array_index (children, from - 1), to);
      in_degree[to - 1]++;
    }
  for (guint i = 0; i < n; i++)
    if (in_degree[i] == 0)
      g_array_append_val (queue, i);
  for (guint head = 0; head < queue->len; head++)
    {
      guint i = g_array_index (queue, guint, head);
      GArray *next = g_ptr_array_index (children, i);

      done[i] = TRUE;
      n_done++;
      for (guint k = 0; k < next->len; k++)
        {
          guint child = g_array_index (next, guint, k) - 1;

          if (--in_degree[child] == 0)
            g_array_append_val (queue, child);
        }
    }
  return n_done;
}

static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, "VmHWM:")))
    return 0.0;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(TribWorkflow) workflow = NULL;
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(TribRunner) runner = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) cyctime = g_date_time_new (utc, 2025, 11, 1, 0, 30, 0);
  g_autofree char *tmp = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ws_file = NULL;
  g_autofree double *baseline = NULL;
  g_autofree double *total = NULL;
  g_autofree double *create = NULL;
  int n_nodes = 1000;
  int repeat = 3;
  guint n_edges;
  double baseline_peak, runner_peak;
  const GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Nodes in the generated workflow (default 1000)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs of each; the median is printed (default 3)", "R" },
    { NULL }
  };

  g_option_context_set_summary (options, "The DAG runner's overhead per node instance and its peak memory, "
                                         "next to a minimal topological walk of the same workflow.");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || n_nodes < 3 || repeat < 1)
    {
      fprintf (stderr, "bench-runner: %s\n", error ? error->message : "--nodes must be at least 3, --repeat at least 1");
      return 2;
    }

  tmp = g_dir_make_tmp ("bench-runner-XXXXXX", &error);
  g_assert_no_error (error);
  ws_file = g_build_filename (tmp, TRIB_WORKSPACE_FILE_NAME, NULL);
  g_file_set_contents (ws_file, "{\"name\": \"bench\", \"id\": \"0\", \"timezone\": \"UTC\"}\n", -1, &error);
  g_assert_no_error (error);
  dir = g_file_new_for_path (tmp);
  workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);

  /* Parsed but not validated by the workspace: the runner's cost is what is measured. */
  text = generate_workflow ((guint) n_nodes, &n_edges);
  workflow = trib_workflow_new_from_text (text, NULL, "workflows/bench.json");
  g_assert_true (trib_workflow_is_valid (workflow));

  history = trib_history_open (trib_workspace_get_state_directory (workspace), &error);
  g_assert_no_error (error);
  runner = trib_runner_new (workspace, history);

  baseline = g_new0 (double, repeat);
  total = g_new0 (double, repeat);
  create = g_new0 (double, repeat);

  for (int r = 0; r < repeat; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      guint walked = topological_walk (workflow);

      baseline[r] = (g_get_monotonic_time () - t0) / (double) n_nodes;
      g_assert_cmpuint (walked, ==, (guint) n_nodes);
    }
  baseline_peak = peak_rss_mib ();

  for (int r = 0; r < repeat; r++)
    {
      TribRunOptions run_options = TRIB_RUN_OPTIONS_INIT;
      g_autoptr(TribRun) run = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      gint64 t0, t1;

      run_options.cyctime = cyctime;
      t0 = g_get_monotonic_time ();
      run = trib_runner_create_run (runner, workflow, &run_options, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      trib_run_start_async (run, NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (!trib_run_start_finish (run, result, &error))
        g_error ("the run failed: %s", error->message);
      total[r] = (g_get_monotonic_time () - t0) / (double) n_nodes;
      create[r] = (t1 - t0) / (double) n_nodes;
      g_assert_cmpuint (trib_run_get_n_settled (run), ==, (guint) n_nodes);
    }
  runner_peak = peak_rss_mib ();

  qsort (baseline, repeat, sizeof (double), compare_doubles);
  qsort (total, repeat, sizeof (double), compare_doubles);
  qsort (create, repeat, sizeof (double), compare_doubles);

  printf ("bench-runner: %d zero-load nodes, %u dependencies (fan-out up to %d, fan-in up to %d), "
          "median of %d\n",
          n_nodes, n_edges, WIDTH, WIDTH, repeat);
  printf ("  %-66s %10.2f µs/node   VmHWM %6.1f MiB\n",
          "baseline: Kahn's topological walk (no threads, history, parameters)", baseline[repeat / 2], baseline_peak);
  printf ("  %-66s %10.2f µs/node   VmHWM %6.1f MiB\n",
          "runner: create + run, with the SQLite run history", total[repeat / 2], runner_peak);
  printf ("  %-66s %10.2f µs/node\n", "  of which creating the run (plan, parameters, history rows)", create[repeat / 2]);
  printf ("  ratio runner / baseline: %.0fx\n", total[repeat / 2] / MAX (baseline[repeat / 2], 0.001));

  g_clear_object (&runner);
  g_clear_object (&history);
  remove_tree (tmp);
  return 0;
}
