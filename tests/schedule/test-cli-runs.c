/* test-cli-runs.c: tributary-cli run, backfill, runs, log and params
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "trib-test-util.h"

#define WORKFLOW "user_profile_analysis_spark"

typedef struct
{
  char *dir;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  TribWorkflow *workflow;
  GListModel *nodes;

  f->dir = trib_test_make_demo_workspace ();

  /* No automatic reruns two minutes apart in a test. */
  dir = g_file_new_for_path (f->dir);
  workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);
  workflow = trib_workspace_lookup_workflow (workspace, WORKFLOW);
  nodes = trib_workflow_get_nodes (workflow);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      trib_json_object_put_int (trib_node_get_json (node), "rerunTimes", 0);
    }
  g_assert_true (trib_workflow_save (workflow, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->dir);

  trib_test_rm_rf (parent);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->err);
}

/* Runs the CLI with @spec (NULL: none) as the test executor. */
static int
cli (Fixture            *f,
     const char         *spec,
     const char * const *argv)
{
  g_autofree char *env = spec ? g_strdup_printf ("TRIBUTARY_TEST_EXECUTOR=%s", spec) : NULL;
  const char *extra_env[] = { env ? env : "TRIBUTARY_TEST_EXECUTOR=", NULL };
  int status;

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  status = trib_test_run_cli (argv, extra_env, &f->out, &f->err);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", status, f->out, f->err);
  return status;
}

#define CLI(f, spec, ...) cli ((f), (spec), (const char * const []) { __VA_ARGS__, NULL })

static void
assert_contains (const char *text,
                 const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("\"%s\" not found in:\n%s", expected, text);
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], needle))
      n++;
  return n;
}

static void
test_params (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) json = NULL;
  JsonObject *root;

  g_assert_cmpint (CLI (f, NULL, "params", "$[yyyymmdd-1]", "--cyctime", "20251101003000"), ==, 0);
  g_assert_cmpstr (f->out, ==, "20251031\n");

  g_assert_cmpint (CLI (f, NULL, "params", "bizdate=$[yyyymmdd-1]", "$[hh24-1/24]", "${yyyymm-1}", "$bizmonth",
                        "$[add_months(yyyymmdd,-1)]", "--cyctime", "20251101003000", "--timezone", "Asia/Shanghai"), ==, 0);
  g_assert_cmpstr (f->out, ==, "bizdate=20251031\n23\n202509\n202510\n20251001\n");

  /* --bizdate D: scheduled at 00:00 on D + 1. */
  g_assert_cmpint (CLI (f, NULL, "params", "$cyctime", "--bizdate", "20240228"), ==, 0);
  g_assert_cmpstr (f->out, ==, "20240229000000\n");

  /* The error points at the offending character. */
  g_assert_cmpint (CLI (f, NULL, "params", "$[yyyymmdd-1x]", "--cyctime", "20251101003000"), ==, 1);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_cmpstr (f->err, ==,
                   "tributary-cli params: $[yyyymmdd-1x]: unexpected \"x\" at column 12\n"
                   "  $[yyyymmdd-1x]\n"
                   "              ^\n");

  g_assert_cmpint (CLI (f, NULL, "params", "$bizdate", "--timezone", "Mars/Olympus"), ==, 2);
  assert_contains (f->err, "unknown time zone \"Mars/Olympus\"");
  g_assert_cmpint (CLI (f, NULL, "params", "$bizdate", "--cyctime", "2025"), ==, 2);
  assert_contains (f->err, "--cyctime \"2025\" is not a time of the form YYYYMMDDHHMMSS");

  g_assert_cmpint (CLI (f, NULL, "params", "--json", "d=$[yyyy-mm-dd]", "--cyctime", "20251101003000"), ==, 0);
  json = trib_json_parse (f->out, -1, "stdout", NULL);
  g_assert_nonnull (json);
  root = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (root, "bizdate"), ==, "20251031");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "values"), 0), "value"),
                   ==, "2025-11-01");
}

static void
test_run_success (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpint (CLI (f, "1", "run", f->dir, WORKFLOW, "--bizdate", "20251031"), ==, 0);

  assert_contains (f->out, "Run 1 of \"User profile analysis_Spark\": business date 20251031, "
                           "scheduled 2025-11-01 00:30:00 Asia/Shanghai\n");
  assert_contains (f->out, "workshop_start_spark           success   zero-load node: nothing to run\n");
  assert_contains (f->out, "ods_raw_log_d_2oss_spark       running   attempt 1 of 1\n");
  assert_contains (f->out, "ods_raw_log_d_spark            success   test executor: ok\n");
  g_assert_true (g_str_has_suffix (f->out, "Run 1 succeeded: all 5 nodes succeeded\n"));
  /* One line per state change: the start node once, the four others twice. */
  g_assert_cmpuint (count_lines_with (f->out, " running "), ==, 4);
  g_assert_cmpuint (count_lines_with (f->out, " success "), ==, 5);
  assert_contains (f->err, "test only: a test executor stands in for the DI and EMR_SPARK_SQL nodes");

  g_assert_cmpint (CLI (f, NULL, "runs", f->dir), ==, 0);
  assert_contains (f->out, "     1  user_profile_analysis_spark   manual    20251031  success     ");
  assert_contains (f->out, "5 success\n");
}

static void
test_run_failure_and_rerun (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) json = NULL;
  JsonArray *runs;

  g_assert_cmpint (CLI (f, "ods_raw_log_d_2oss_spark=fail:HTTP 404 Not Found: /user_log.txt",
                        "run", f->dir, WORKFLOW, "--bizdate", "20251031"), ==, 1);
  assert_contains (f->out, "ods_raw_log_d_2oss_spark       failed    HTTP 404 Not Found: /user_log.txt\n");
  assert_contains (f->out, "ods_raw_log_d_spark            not-run   upstream ods_raw_log_d_2oss_spark failed\n");
  assert_contains (f->out, "ods_user_info_d_spark          success   test executor: ok\n");
  assert_contains (f->out, "Run 1 failed: ods_raw_log_d_2oss_spark failed: HTTP 404 Not Found: /user_log.txt\n");
  assert_contains (f->out, " ods_raw_log_d_2oss_spark\n");
  assert_contains (f->out, " user_profile_analysis_spark --rerun-failed 1\n");

  g_assert_cmpint (CLI (f, NULL, "log", f->dir, "1", "ods_raw_log_d_2oss_spark"), ==, 0);
  assert_contains (f->out, "  parameters: bizdate=20251031\n");
  assert_contains (f->out, "\"object\": \"ods_raw_log_d/log_20251031/log_20251031.txt\",\n");
  g_assert_true (g_str_has_suffix (f->out, "  failed: HTTP 404 Not Found: /user_log.txt\n"));

  /* Rerun from the failed node: the same run, the rest not rerun. */
  g_assert_cmpint (CLI (f, "1", "run", f->dir, WORKFLOW, "--rerun-failed", "1"), ==, 0);
  assert_contains (f->out, "ods_raw_log_d_2oss_spark       running   attempt 2 of 2\n");
  g_assert_cmpuint (count_lines_with (f->out, " running "), ==, 2);
  g_assert_null (strstr (f->out, "ods_user_info_d_2oss_spark"));
  g_assert_true (g_str_has_suffix (f->out, "Run 1 succeeded: all 5 nodes succeeded\n"));

  g_assert_cmpint (CLI (f, NULL, "runs", f->dir, WORKFLOW, "--json"), ==, 0);
  json = trib_json_parse (f->out, -1, "stdout", NULL);
  runs = json_object_get_array_member (json_node_get_object (json), "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (runs, 0), "state"), ==, "success");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (runs, 0),
                                                                              "counts"), "success"), ==, 5);

  g_assert_cmpint (CLI (f, "1", "run", f->dir, WORKFLOW, "--rerun-failed", "1"), ==, 1);
  g_assert_cmpstr (f->err, ==, "tributary-cli run: test only: a test executor stands in for the DI and EMR_SPARK_SQL "
                               "nodes (TRIBUTARY_TEST_EXECUTOR)\n"
                               "tributary-cli run: run 1 has nothing to rerun: every node succeeded\n");
}

static void
test_no_executor (Fixture       *f,
                  gconstpointer  data)
{
  /* Every kind of the demo has its executor now (DI: issue 5): the run starts, and the
   * sync nodes fail for want of the object storage's secret key, naming the variable. */
  g_assert_cmpint (CLI (f, NULL, "run", f->dir, WORKFLOW), ==, 1);
  g_assert_null (strstr (f->err, "no executor"));
  assert_contains (f->out, "ods_user_info_d_2oss_spark     failed    no secret for data source \"test_g\": "
                           "set TRIBUTARY_SECRET_TEST_G or store it in the keyring");
  assert_contains (f->out, "ods_user_info_d_spark          not-run   upstream ods_user_info_d_2oss_spark failed\n");

  /* The start node alone needs no executor. */
  g_assert_cmpint (CLI (f, NULL, "run", f->dir, WORKFLOW, "--node", "workshop_start_spark"), ==, 0);
  g_assert_cmpint (CLI (f, NULL, "runs", f->dir), ==, 0);
  g_assert_cmpuint (count_lines_with (f->out, "manual"), ==, 2);
}

static void
test_json_events (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  guint n_state = 0;
  guint n;

  g_assert_cmpint (CLI (f, "1", "run", f->dir, WORKFLOW, "--bizdate", "20251031", "--json"), ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  n = g_strv_length (lines) - 1;
  g_assert_cmpstr (lines[n], ==, "");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = trib_json_parse (lines[i], -1, "line", &error);
      JsonObject *object;
      const char *event;

      g_assert_no_error (error);
      object = json_node_get_object (node);
      event = json_object_get_string_member (object, "event");
      if (i == 0)
        {
          g_assert_cmpstr (event, ==, "run");
          g_assert_cmpint (json_object_get_int_member (object, "run"), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (object, "cyctime"), ==, "20251101003000");
          g_assert_cmpstr (json_object_get_string_member (object, "timezone"), ==, "Asia/Shanghai");
        }
      else if (i == n - 1)
        {
          g_assert_cmpstr (event, ==, "finished");
          g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "success");
        }
      else
        {
          g_assert_cmpstr (event, ==, "state");
          g_assert_cmpstr (json_object_get_string_member (object, "bizdate"), ==, "20251031");
          n_state++;
        }
    }
  g_assert_cmpuint (n_state, ==, 9);

  /* Without the test executor the sync nodes really run, and fail without secrets. */
  g_assert_cmpint (CLI (f, NULL, "run", f->dir, WORKFLOW, "--json"), ==, 1);
  assert_contains (f->out, "\"state\":\"failed\",\"message\":\"2 nodes failed: ods_raw_log_d_2oss_spark, "
                           "ods_user_info_d_2oss_spark\"");
}

static void
test_backfill (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpint (CLI (f, NULL, "backfill", f->dir, WORKFLOW, "--from", "20251101", "--to", "20251107",
                        "--parallel", "3", "--preview"), ==, 0);
  assert_contains (f->out, "Backfill preview: 7 business dates, 3 at a time\n");
  assert_contains (f->out, "20251103  scheduled 2025-11-04 00:30:00 Asia/Shanghai\n"
                           "  workshop_start_spark           bizdate=20251103\n");
  g_assert_cmpuint (count_lines_with (f->out, "bizdate="), ==, 35);
  /* The dates are listed as they are planned; the total comes last. */
  g_assert_true (g_str_has_suffix (f->out, "35 node instances in all. Nothing was run (--preview).\n"));
  g_assert_null (strstr (f->err, "cannot run these nodes"));   /* every kind has its executor */
  g_assert_cmpint (CLI (f, NULL, "runs", f->dir), ==, 0);
  g_assert_cmpstr (f->out, ==, "No runs yet.\n");

  /* Seven dates, three at a time; one fails and the six others succeed. */
  g_assert_cmpint (CLI (f, "ods_user_info_d_spark@20251103=fail:Table not found: ods_user_info_d_spark;*=sleep:20",
                        "backfill", f->dir, WORKFLOW, "--from", "20251101", "--to", "20251107", "--parallel", "3"), ==, 1);
  assert_contains (f->out, ": 7 business dates, 3 at a time\n");
  assert_contains (f->out, "20251103  ods_user_info_d_spark          failed    Table not found: ods_user_info_d_spark\n");
  assert_contains (f->out, "20251103  failed: ods_user_info_d_spark failed: Table not found: ods_user_info_d_spark\n");
  g_assert_cmpuint (count_lines_with (f->out, "  success: all 5 nodes succeeded"), ==, 6);
  assert_contains (f->out, ": 1 of 7 business dates did not succeed: 20251103 "
                           "(ods_user_info_d_spark failed: Table not found: ods_user_info_d_spark)\n");

  g_assert_cmpint (CLI (f, NULL, "runs", f->dir, "--limit", "3"), ==, 0);
  g_assert_cmpuint (count_lines_with (f->out, " backfill "), ==, 3);
  assert_contains (f->out, "     7  user_profile_analysis_spark   backfill  20251107  success");
  g_assert_true (g_str_has_suffix (f->out, "Older runs: add --before 5\n"));
  g_assert_cmpint (CLI (f, NULL, "runs", f->dir, "--before", "4", "--json"), ==, 0);
  json = trib_json_parse (f->out, -1, "stdout", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json), "runs")), ==, 3);
  assert_contains (f->out, "\"bizdate\":\"20251103\",\"cyctime\":\"20251104003000\",\"timezone\":\"Asia/Shanghai\",\"state\":\"failed\"");

  g_assert_cmpint (CLI (f, NULL, "backfill", f->dir, WORKFLOW, "--from", "20251107", "--to", "20251101"), ==, 2);
  assert_contains (f->err, "the range 20251107 to 20251101 is empty: its first date comes after its last");
  g_assert_cmpint (CLI (f, NULL, "backfill", f->dir, WORKFLOW), ==, 2);
  assert_contains (f->err, "which business dates? Give --from and --to, or --dates");
}

static GSubprocess *
spawn_cli (const char         *spec,
           const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "TRIBUTARY_TEST_EXECUTOR", spec, TRUE);
  g_ptr_array_add (args, (gpointer) trib_test_require_env ("TRIB_CLI"));
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Polls the log of @node in run 1 until it has @text, while @process runs. */
static void
wait_for_log (Fixture     *f,
              GSubprocess *process,
              const char  *node,
              const char  *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      if (CLI (f, NULL, "log", f->dir, "1", node) == 0 && strstr (f->out, text))
        return;
      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (process) == NULL)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;

          g_subprocess_force_exit (process);
          g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, NULL);
          g_error ("the log of %s never said \"%s\"; the CLI printed:\n%s\n%s", node, text, out, err);
        }
      g_usleep (100 * 1000);
    }
}

static void
test_crash_recovery (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = spawn_cli ("hang", (const char * const []) { "run", f->dir, WORKFLOW, "--bizdate", "20251031", NULL });
  wait_for_log (f, process, "ods_raw_log_d_2oss_spark", "test executor: waiting until cancelled");
  wait_for_log (f, process, "ods_user_info_d_2oss_spark", "test executor: waiting until cancelled");

  /* A crash: no chance to clean up. */
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));

  /* The next process to open the history marks what the dead one left running. */
  g_assert_cmpint (CLI (f, NULL, "runs", f->dir), ==, 0);
  g_assert_cmpstr (f->err, ==, "tributary-cli runs: 2 node instances were left running by a process that ended "
                               "unexpectedly; they are now marked failed\n");
  assert_contains (f->out, "     1  user_profile_analysis_spark   manual    20251031  failed      ");
  assert_contains (f->out, "1 success, 2 failed, 2 not-run\n");

  g_assert_cmpint (CLI (f, NULL, "runs", f->dir, "--json"), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  assert_contains (f->out, "\"state\":\"failed\",\"message\":\"the process running it ended unexpectedly\"");

  g_assert_cmpint (CLI (f, NULL, "log", f->dir, "1", "ods_raw_log_d_2oss_spark"), ==, 0);
  assert_contains (f->out, "  test executor: waiting until cancelled\n");
  assert_contains (f->out, "  marked failed: the process running it ended unexpectedly (found by the process ");

  /* And it can be finished. */
  g_assert_cmpint (CLI (f, "1", "run", f->dir, WORKFLOW, "--rerun-failed", "1"), ==, 0);
  g_assert_cmpuint (count_lines_with (f->out, " running "), ==, 4);
}

static void
test_interrupt (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = spawn_cli ("ods_raw_log_d_2oss_spark=hang",
                       (const char * const []) { "run", f->dir, WORKFLOW, "--bizdate", "20251031", NULL });
  wait_for_log (f, process, "ods_raw_log_d_2oss_spark", "test executor: waiting until cancelled");

  /* Ctrl+C cancels the run, which still settles and records everything. */
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stdout:\n%s\nstderr:\n%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  assert_contains (err, "tributary-cli run: cancelling (interrupt again to quit at once)\n");
  assert_contains (out, "ods_raw_log_d_2oss_spark       cancelled the run was cancelled\n");
  assert_contains (out, "\nRun 1 was cancelled: the run was cancelled\n");
  g_assert_true (g_str_has_suffix (out, " user_profile_analysis_spark --rerun-failed 1\n"));

  g_assert_cmpint (CLI (f, NULL, "runs", f->dir), ==, 0);
  assert_contains (f->out, "20251031  cancelled ");
}

static void
test_concurrent_first_open (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GSubprocess) run = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A run and readers starting together on a new history (the app and the CLI, or a
   * test polling a log): one of them turns WAL mode on under the others, which SQLite
   * reports as "database is locked" without waiting. Nobody may fail for it. */
  GSubprocess *readers[4];

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      readers[i] = spawn_cli ("", (const char * const []) { "runs", f->dir, NULL });
      if (i == 1)
        run = spawn_cli ("hang", (const char * const []) { "run", f->dir, WORKFLOW, "--bizdate", "20251031", NULL });
    }
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *reader_out = NULL;
      g_autofree char *reader_err = NULL;

      g_subprocess_communicate_utf8 (readers[i], NULL, NULL, &reader_out, &reader_err, NULL);
      g_test_message ("reader %u: %s%s", i, reader_out, reader_err);
      g_assert_null (strstr (reader_err, "locked"));
      g_assert_cmpint (g_subprocess_get_exit_status (readers[i]), ==, 0);
      g_object_unref (readers[i]);
    }
  wait_for_log (f, run, "ods_raw_log_d_2oss_spark", "test executor: waiting until cancelled");
  g_subprocess_send_signal (run, SIGTERM);
  g_subprocess_communicate_utf8 (run, NULL, NULL, &out, &err, NULL);
  g_assert_null (strstr (err, "locked"));
  g_assert_cmpint (g_subprocess_get_exit_status (run), ==, 1);
  assert_contains (out, "Run 1 was cancelled: the run was cancelled\n");
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpint (CLI (f, NULL, "run", f->dir, WORKFLOW, "--bizdate", "20251031", "--cyctime", "20251101003000"), ==, 2);
  g_assert_cmpstr (f->err, ==, "tributary-cli run: give --bizdate or --cyctime, not both\n");
  g_assert_cmpint (CLI (f, NULL, "run", f->dir, WORKFLOW, "--with-descendants"), ==, 2);
  g_assert_cmpstr (f->err, ==, "tributary-cli run: --with-descendants needs --node\n");
  g_assert_cmpint (CLI (f, NULL, "run", f->dir, "nope"), ==, 1);
  g_assert_cmpstr (f->err, ==, "tributary-cli run: workspace \"user_behavior_analysis\" has no workflow \"nope\" "
                               "(it has: user_profile_analysis_spark)\n");
  g_assert_cmpint (CLI (f, "1", "run", f->dir, WORKFLOW, "--node", "nope"), ==, 1);
  assert_contains (f->err, "tributary-cli run: workflow \"User profile analysis_Spark\" has no node \"nope\"\n");
  g_assert_cmpint (CLI (f, NULL, "run", f->dir, WORKFLOW, "--cyctime", "2025"), ==, 2);
  g_assert_cmpstr (f->err, ==, "tributary-cli run: --cyctime \"2025\" is not a time of the form YYYYMMDDHHMMSS\n");
  g_assert_cmpint (CLI (f, NULL, "log", f->dir, "x", "node"), ==, 2);
  g_assert_cmpstr (f->err, ==, "tributary-cli log: \"x\" is not a run id\n");
  g_assert_cmpint (CLI (f, NULL, "log", f->dir, "9", "node"), ==, 1);
  g_assert_cmpstr (f->err, ==, "tributary-cli log: there is no run 9 in this workspace's history\n");
}

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("params", test_params);
  ADD ("run-success", test_run_success);
  ADD ("run-failure-and-rerun", test_run_failure_and_rerun);
  ADD ("no-executor", test_no_executor);
  ADD ("json-events", test_json_events);
  ADD ("backfill", test_backfill);
  ADD ("crash-recovery", test_crash_recovery);
  ADD ("interrupt", test_interrupt);
  ADD ("concurrent-first-open", test_concurrent_first_open);
  ADD ("usage-errors", test_usage_errors);

  return g_test_run ();
}
