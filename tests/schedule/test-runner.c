/* test-runner.c: the demo workflow through the DAG runner, with a test executor standing
 * in for the sync and Spark SQL nodes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-run-fixture.h"

static guint
event_index (RunFixture *f,
             const char *event)
{
  for (guint i = 0; i < f->events->len; i++)
    if (g_str_equal (g_ptr_array_index (f->events, i), event))
      return i;
  g_test_message ("no event \"%s\"", event);
  g_assert_not_reached ();
  return 0;
}

static void
assert_events (RunFixture *f,
               const char *node,
               const char *expected)
{
  g_autofree char *events = run_fixture_events (f, node);

  g_test_message ("%s: %s", node, events);
  g_assert_cmpstr (events, ==, expected);
}

static void
assert_instance (TribRun       *run,
                 const char    *node,
                 TribNodeState  state,
                 guint          attempts,
                 const char    *message)
{
  TribNodeInstance *instance = trib_run_lookup_instance (run, node);

  g_assert_nonnull (instance);
  g_test_message ("%s: %s (%s)", node, trib_node_state_to_string (trib_node_instance_get_state (instance)),
                  trib_node_instance_get_message (instance));
  g_assert_cmpint (trib_node_instance_get_state (instance), ==, state);
  g_assert_cmpuint (trib_node_instance_get_attempt (instance), ==, attempts);
  g_assert_cmpstr (trib_node_instance_get_message (instance), ==, message);
}

static void
assert_record (RunFixture    *f,
               gint64         run_id,
               const char    *node,
               TribNodeState  state,
               guint          attempts,
               const char    *message)
{
  g_autoptr(TribInstanceRecord) record = run_fixture_instance_record (f, run_id, node);

  g_assert_cmpint (trib_instance_record_get_state (record), ==, state);
  g_assert_cmpuint (trib_instance_record_get_attempts (record), ==, attempts);
  g_assert_cmpstr (trib_instance_record_get_message (record), ==, message);
  if (attempts > 0)
    {
      g_assert_cmpint (trib_instance_record_get_started (record), >, 0);
      g_assert_cmpint (trib_instance_record_get_ended (record), >=, trib_instance_record_get_started (record));
    }
}

static void
test_success (RunFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = run_fixture_run (f, "20251031", NULL, &error);
  g_autoptr(TribRunRecord) record = NULL;
  g_autoptr(TribInstanceRecord) raw = NULL;
  g_autoptr(TribParamSet) parameters = NULL;
  g_autofree char *raw_log = NULL;
  g_autofree char *start_log = NULL;
  g_autofree char *sql_log = NULL;
  g_autofree char *cyctime = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_SUCCESS);
  g_assert_cmpstr (trib_run_get_message (run), ==, "all 5 nodes succeeded");
  g_assert_cmpstr (trib_run_get_bizdate (run), ==, "20251031");
  cyctime = g_date_time_format_iso8601 (trib_run_get_cyctime (run));
  g_assert_cmpstr (cyctime, ==, "2025-11-01T00:30:00+08");

  /* The zero-load start node succeeds at once; every other node runs once, after its
   * upstream. */
  assert_events (f, START, "success");
  assert_events (f, RAW_SYNC, "running, success");
  assert_events (f, USER_SYNC, "running, success");
  assert_events (f, RAW_SQL, "running, success");
  assert_events (f, USER_SQL, "running, success");
  g_assert_cmpuint (event_index (f, START " success"), <, event_index (f, RAW_SYNC " running"));
  g_assert_cmpuint (event_index (f, START " success"), <, event_index (f, USER_SYNC " running"));
  g_assert_cmpuint (event_index (f, RAW_SYNC " success"), <, event_index (f, RAW_SQL " running"));
  g_assert_cmpuint (event_index (f, USER_SYNC " success"), <, event_index (f, USER_SQL " running"));
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, RAW_SYNC), ==, 1);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, START), ==, 0);

  assert_instance (run, START, TRIB_NODE_STATE_SUCCESS, 1, "zero-load node: nothing to run");
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");
  g_assert_cmpstr (trib_param_set_lookup (trib_node_instance_get_parameters (trib_run_lookup_instance (run, RAW_SQL)),
                                          "bizdate"), ==, "20251031");
  g_assert_nonnull (strstr (trib_node_instance_get_code (trib_run_lookup_instance (run, RAW_SQL)),
                            "LOCATION 'oss://dw-emr-demo/ods_raw_log_d/log_20251031/'"));

  /* The history has it all. */
  record = trib_history_get_run (f->history, trib_run_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (trib_run_record_get_state (record), ==, TRIB_RUN_STATE_SUCCESS);
  g_assert_cmpstr (trib_run_record_get_workflow (record), ==, "user_profile_analysis_spark");
  g_assert_cmpstr (trib_run_record_get_workflow_name (record), ==, TRIB_DEMO_WORKFLOW_NAME);
  g_assert_cmpstr (trib_run_record_get_kind (record), ==, "manual");
  g_assert_cmpstr (trib_run_record_get_scope (record), ==, "workflow");
  g_assert_cmpstr (trib_run_record_get_bizdate (record), ==, "20251031");
  g_assert_cmpstr (trib_run_record_get_cyctime (record), ==, "20251101003000");
  g_assert_cmpstr (trib_run_record_get_timezone (record), ==, "Asia/Shanghai");
  g_assert_cmpstr (trib_run_record_get_message (record), ==, "all 5 nodes succeeded");
  g_assert_cmpuint (trib_run_record_get_n_instances (record), ==, 5);
  g_assert_cmpuint (trib_run_record_get_n_in_state (record, TRIB_NODE_STATE_SUCCESS), ==, 5);
  g_assert_cmpint (trib_run_record_get_started (record), >, 0);
  g_assert_cmpint (trib_run_record_get_ended (record), >=, trib_run_record_get_started (record));

  assert_record (f, trib_run_get_id (run), START, TRIB_NODE_STATE_SUCCESS, 1, "zero-load node: nothing to run");
  assert_record (f, trib_run_get_id (run), RAW_SQL, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");
  raw = run_fixture_instance_record (f, trib_run_get_id (run), RAW_SYNC);
  g_assert_cmpstr (trib_instance_record_get_command (raw), ==, "DI");
  g_assert_cmpuint (trib_instance_record_get_max_attempts (raw), ==, 1);
  parameters = trib_instance_record_dup_parameters (raw);
  g_assert_cmpstr (trib_param_set_lookup (parameters, "bizdate"), ==, "20251031");

  /* Each instance has its log: the runner's lines and the executor's, in order. */
  raw_log = run_fixture_read_log (f, trib_run_get_id (run), RAW_SYNC);
  g_assert_nonnull (strstr (raw_log, "  run 1 of workflow \"User profile analysis_Spark\", business date 20251031, "
                                     "scheduled 20251101003000 (Asia/Shanghai)\n"));
  g_assert_nonnull (strstr (raw_log, "  node ods_raw_log_d_2oss_spark (DI)\n"));
  g_assert_nonnull (strstr (raw_log, "  parameters: bizdate=20251031\n"));
  g_assert_nonnull (strstr (raw_log, "  attempt 1 of 1\n"));
  g_assert_nonnull (strstr (raw_log, "  test executor standing in for DI node \"ods_raw_log_d_2oss_spark\", attempt 1 of 1\n"));
  g_assert_nonnull (strstr (raw_log, "        \"object\": \"ods_raw_log_d/log_20251031/log_20251031.txt\",\n"));
  g_assert_true (g_str_has_suffix (raw_log, "  succeeded\n"));
  g_assert_null (strstr (raw_log, "${bizdate}"));
  g_assert_cmpuint (strstr (raw_log, "attempt 1 of 1\n") - raw_log, <, strstr (raw_log, "test executor: ok") - raw_log);

  /* A zero-load node runs nothing and has no log, as in DataWorks; its parameters are
   * in the history all the same. */
  start_log = run_fixture_read_log (f, trib_run_get_id (run), START);
  g_assert_cmpstr (start_log, ==, "");
  {
    g_autoptr(TribInstanceRecord) start = run_fixture_instance_record (f, trib_run_get_id (run), START);
    g_autoptr(TribParamSet) start_parameters = trib_instance_record_dup_parameters (start);

    g_assert_cmpstr (trib_param_set_lookup (start_parameters, "bizdate"), ==, "20251031");
  }

  /* The log signal carried the same lines. */
  sql_log = run_fixture_read_log (f, trib_run_get_id (run), RAW_SQL);
  {
    g_auto(GStrv) lines = g_strsplit (sql_log, "\n", -1);

    for (guint i = 0; lines[i] && *lines[i]; i++)
      {
        g_autofree char *signalled = g_strdup_printf ("%s| %s\n", RAW_SQL, lines[i]);
        g_assert_nonnull (strstr (f->log->str, signalled));
      }
  }
}

static void
test_failure (RunFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autoptr(TribRunRecord) record = NULL;
  g_autofree char *raw_log = NULL;
  g_autofree char *sql_log = NULL;

  run_fixture_set_spec (f, RAW_SYNC "=log:GET http://127.0.0.1:28080/user_log.txt+fail:HTTP 404 Not Found: /user_log.txt");
  run = run_fixture_run (f, "20251031", NULL, &error);

  /* The failed node stops its descendants; the other branch goes on. */
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "ods_raw_log_d_2oss_spark failed: HTTP 404 Not Found: /user_log.txt");
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_FAILED);
  assert_events (f, RAW_SYNC, "running, failed");
  assert_events (f, RAW_SQL, "not-run");
  assert_events (f, USER_SYNC, "running, success");
  assert_events (f, USER_SQL, "running, success");
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_FAILED, 1, "HTTP 404 Not Found: /user_log.txt");
  assert_instance (run, RAW_SQL, TRIB_NODE_STATE_NOT_RUN, 0, "upstream ods_raw_log_d_2oss_spark failed");
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, RAW_SQL), ==, 0);

  record = trib_history_get_run (f->history, trib_run_get_id (run), NULL);
  g_assert_cmpint (trib_run_record_get_state (record), ==, TRIB_RUN_STATE_FAILED);
  g_assert_cmpstr (trib_run_record_get_message (record), ==,
                   "ods_raw_log_d_2oss_spark failed: HTTP 404 Not Found: /user_log.txt");
  g_assert_cmpuint (trib_run_record_get_n_in_state (record, TRIB_NODE_STATE_SUCCESS), ==, 3);
  g_assert_cmpuint (trib_run_record_get_n_in_state (record, TRIB_NODE_STATE_FAILED), ==, 1);
  g_assert_cmpuint (trib_run_record_get_n_in_state (record, TRIB_NODE_STATE_NOT_RUN), ==, 1);
  assert_record (f, trib_run_get_id (run), RAW_SYNC, TRIB_NODE_STATE_FAILED, 1, "HTTP 404 Not Found: /user_log.txt");
  assert_record (f, trib_run_get_id (run), RAW_SQL, TRIB_NODE_STATE_NOT_RUN, 0,
                 "upstream ods_raw_log_d_2oss_spark failed");

  raw_log = run_fixture_read_log (f, trib_run_get_id (run), RAW_SYNC);
  g_assert_nonnull (strstr (raw_log, "  GET http://127.0.0.1:28080/user_log.txt\n"));
  g_assert_true (g_str_has_suffix (raw_log, "  failed: HTTP 404 Not Found: /user_log.txt\n"));
  /* A node that never ran has an empty log. */
  sql_log = run_fixture_read_log (f, trib_run_get_id (run), RAW_SQL);
  g_assert_cmpstr (sql_log, ==, "");
}


static void
test_retry (RunFixture    *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autofree char *log = NULL;

  run_fixture_set_node_int (f, RAW_SYNC, "rerunTimes", 3);
  run_fixture_set_node_int (f, RAW_SYNC, "rerunInterval", 30);
  run_fixture_set_spec (f, RAW_SYNC "=flaky:2:connection reset by peer");
  run = run_fixture_run (f, "20251031", NULL, &error);

  g_assert_no_error (error);
  assert_events (f, RAW_SYNC, "running, waiting, running, waiting, running, success");
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_SUCCESS, 3, "test executor: ok");
  g_assert_cmpuint (trib_node_instance_get_max_attempts (trib_run_lookup_instance (run, RAW_SYNC)), ==, 4);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, RAW_SYNC), ==, 3);
  assert_record (f, trib_run_get_id (run), RAW_SYNC, TRIB_NODE_STATE_SUCCESS, 3, "test executor: ok");

  log = run_fixture_read_log (f, trib_run_get_id (run), RAW_SYNC);
  g_assert_nonnull (strstr (log, "  attempt 1 of 4 failed (a transient error): connection reset by peer; trying again in 30 ms\n"));
  g_assert_nonnull (strstr (log, "  attempt 2 of 4 failed (a transient error): connection reset by peer; trying again in 30 ms\n"));
  g_assert_nonnull (strstr (log, "  attempt 3 of 4\n"));
  g_assert_null (strstr (log, "attempt 4 of 4"));
  g_assert_true (g_str_has_suffix (log, "  succeeded\n"));
}

static void
test_retries_exhausted (RunFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;

  run_fixture_set_node_int (f, RAW_SYNC, "rerunTimes", 2);
  run_fixture_set_node_int (f, RAW_SYNC, "rerunInterval", 10);
  /* Denied also turns automatic reruns off. */
  run_fixture_set_node_int (f, USER_SYNC, "rerunTimes", 3);
  run_fixture_set_node_string (f, USER_SYNC, "rerunMode", "Denied");
  run_fixture_set_spec (f, "flaky:5");
  run = run_fixture_run (f, "20251031", NULL, &error);

  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "2 nodes failed: ods_raw_log_d_2oss_spark, ods_user_info_d_2oss_spark");
  assert_events (f, RAW_SYNC, "running, waiting, running, waiting, running, failed");
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_FAILED, 3, "test executor: failing attempt 3 of the first 5");
  assert_events (f, USER_SYNC, "running, failed");
  assert_instance (run, USER_SYNC, TRIB_NODE_STATE_FAILED, 1, "test executor: failing attempt 1 of the first 5");
  g_assert_cmpuint (trib_node_instance_get_max_attempts (trib_run_lookup_instance (run, USER_SYNC)), ==, 1);
  assert_instance (run, USER_SQL, TRIB_NODE_STATE_NOT_RUN, 0, "upstream ods_user_info_d_2oss_spark failed");
}

static gboolean
both_syncs_running (gpointer data)
{
  TribRun *run = data;

  return trib_node_instance_get_state (trib_run_lookup_instance (run, RAW_SYNC)) == TRIB_NODE_STATE_RUNNING &&
         trib_node_instance_get_state (trib_run_lookup_instance (run, USER_SYNC)) == TRIB_NODE_STATE_RUNNING;
}

static void
test_cancel_run (RunFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cyctime = run_fixture_cyctime (f, "20251031");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TribRun) run = NULL;
  g_autoptr(TribRunRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *log = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  run_fixture_set_spec (f, "hang");
  options.cyctime = cyctime;
  run = run_fixture_create (f, &options);
  run_fixture_start (f, run, cancellable);
  run_fixture_iterate_until (both_syncs_running, run);

  /* The cancellation reaches both executors through their GCancellable. */
  g_cancellable_cancel (cancellable);
  g_assert_false (run_fixture_finish (f, run, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "the run was cancelled");
  g_clear_error (&error);

  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_CANCELLED);
  g_assert_cmpstr (trib_run_get_message (run), ==, "the run was cancelled");
  assert_events (f, RAW_SYNC, "running, cancelled");
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_CANCELLED, 1, "the run was cancelled");
  assert_instance (run, USER_SYNC, TRIB_NODE_STATE_CANCELLED, 1, "the run was cancelled");
  assert_instance (run, RAW_SQL, TRIB_NODE_STATE_NOT_RUN, 0, "the run was cancelled before it could run");
  assert_instance (run, START, TRIB_NODE_STATE_SUCCESS, 1, "zero-load node: nothing to run");

  record = trib_history_get_run (f->history, trib_run_get_id (run), &error);
  g_assert_no_error (error);
  g_assert_cmpint (trib_run_record_get_state (record), ==, TRIB_RUN_STATE_CANCELLED);
  assert_record (f, trib_run_get_id (run), RAW_SYNC, TRIB_NODE_STATE_CANCELLED, 1, "the run was cancelled");
  log = run_fixture_read_log (f, trib_run_get_id (run), RAW_SYNC);
  g_assert_nonnull (strstr (log, "  test executor: waiting until cancelled\n"));
  g_assert_nonnull (strstr (log, "  cancelling: the run was cancelled\n"));
  g_assert_true (g_str_has_suffix (log, "  the run was cancelled\n"));
}

static gboolean
raw_sync_running_and_user_branch_done (gpointer data)
{
  TribRun *run = data;

  return trib_node_instance_get_state (trib_run_lookup_instance (run, RAW_SYNC)) == TRIB_NODE_STATE_RUNNING &&
         trib_node_instance_get_state (trib_run_lookup_instance (run, USER_SQL)) == TRIB_NODE_STATE_SUCCESS;
}

static void
test_cancel_node (RunFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cyctime = run_fixture_cyctime (f, "20251031");
  g_autoptr(TribRun) run = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  run_fixture_set_spec (f, RAW_SYNC "=hang");
  options.cyctime = cyctime;
  run = run_fixture_create (f, &options);
  run_fixture_start (f, run, NULL);
  run_fixture_iterate_until (raw_sync_running_and_user_branch_done, run);

  g_assert_false (trib_run_cancel_node (run, START, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "node workshop_start_spark has already finished (success)");
  g_clear_error (&error);
  g_assert_false (trib_run_cancel_node (run, "nope", &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "run 1 has no node \"nope\"");
  g_clear_error (&error);

  g_assert_true (trib_run_cancel_node (run, RAW_SYNC, &error));
  g_assert_no_error (error);
  g_assert_false (run_fixture_finish (f, run, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "1 node was cancelled");

  assert_events (f, RAW_SYNC, "running, cancelled");
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_CANCELLED, 1, "cancelled by the user");
  assert_instance (run, RAW_SQL, TRIB_NODE_STATE_NOT_RUN, 0, "upstream ods_raw_log_d_2oss_spark was cancelled");
  assert_instance (run, USER_SQL, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_CANCELLED);
}

static void
test_timeout (RunFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autofree char *log = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  run_fixture_set_spec (f, RAW_SYNC "=hang");
  options.default_timeout_ms = 200;
  run = run_fixture_run (f, "20251031", &options, &error);

  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "ods_raw_log_d_2oss_spark failed: timed out after 200 ms");
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_FAILED, 1, "timed out after 200 ms");
  assert_instance (run, USER_SYNC, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");
  log = run_fixture_read_log (f, trib_run_get_id (run), RAW_SYNC);
  g_assert_nonnull (strstr (log, "  timed out after 200 ms: cancelling it\n"));
  g_assert_true (g_str_has_suffix (log, "  failed: timed out after 200 ms\n"));
}

static void
test_rerun_from_failed (RunFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) first = NULL;
  g_autoptr(TribRun) rerun = NULL;
  g_autoptr(TribRun) again = NULL;
  g_autoptr(TribInstanceRecord) user_before = NULL;
  g_autoptr(TribInstanceRecord) user_after = NULL;
  g_autoptr(TribInstanceRecord) sql_after = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *log = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  run_fixture_set_spec (f, RAW_SYNC "=fail:disk full");
  first = run_fixture_run (f, "20251031", NULL, &error);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_FAILED);
  g_clear_error (&error);
  user_before = run_fixture_instance_record (f, trib_run_get_id (first), USER_SYNC);

  /* Fixed: rerun from the failed node. */
  run_fixture_set_spec (f, "ok");
  g_ptr_array_set_size (f->events, 0);
  options.rerun_of = trib_run_get_id (first);
  rerun = run_fixture_run (f, NULL, &options, &error);
  g_assert_no_error (error);

  /* The same run, now successful; the successful upstream nodes did not run again. */
  g_assert_cmpint (trib_run_get_id (rerun), ==, trib_run_get_id (first));
  g_assert_cmpint (trib_run_get_state (rerun), ==, TRIB_RUN_STATE_SUCCESS);
  g_assert_cmpstr (trib_run_get_bizdate (rerun), ==, "20251031");
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, RAW_SYNC), ==, 1);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, RAW_SQL), ==, 1);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, USER_SYNC), ==, 0);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, USER_SQL), ==, 0);
  assert_events (f, RAW_SYNC, "running, success");
  assert_events (f, RAW_SQL, "running, success");
  assert_events (f, USER_SYNC, "");
  assert_events (f, START, "");
  g_assert_false (trib_node_instance_get_selected (trib_run_lookup_instance (rerun, USER_SYNC)));
  assert_instance (rerun, RAW_SYNC, TRIB_NODE_STATE_SUCCESS, 2, "test executor: ok");
  g_assert_cmpuint (trib_node_instance_get_max_attempts (trib_run_lookup_instance (rerun, RAW_SYNC)), ==, 2);
  assert_instance (rerun, USER_SYNC, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");

  assert_record (f, trib_run_get_id (rerun), RAW_SYNC, TRIB_NODE_STATE_SUCCESS, 2, "test executor: ok");
  assert_record (f, trib_run_get_id (rerun), RAW_SQL, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");
  user_after = run_fixture_instance_record (f, trib_run_get_id (rerun), USER_SYNC);
  g_assert_cmpint (trib_instance_record_get_started (user_after), ==, trib_instance_record_get_started (user_before));
  runs = trib_history_list_runs (f->history, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (trib_run_record_get_state (g_ptr_array_index (runs, 0)), ==, TRIB_RUN_STATE_SUCCESS);
  g_assert_cmpstr (trib_run_record_get_message (g_ptr_array_index (runs, 0)), ==, "all 5 nodes succeeded");
  /* It started when it first started, and ended when the rerun did. */
  g_assert_cmpint (trib_run_record_get_started (g_ptr_array_index (runs, 0)), <=,
                   trib_instance_record_get_started (user_before));
  sql_after = run_fixture_instance_record (f, 1, RAW_SQL);
  g_assert_cmpint (trib_run_record_get_ended (g_ptr_array_index (runs, 0)), >=,
                   trib_instance_record_get_ended (sql_after));

  /* One log, both attempts. */
  log = run_fixture_read_log (f, trib_run_get_id (rerun), RAW_SYNC);
  g_assert_nonnull (strstr (log, "  attempt 1 of 1\n"));
  g_assert_nonnull (strstr (log, "  failed: disk full\n"));
  g_assert_nonnull (strstr (log, "  attempt 2 of 2\n"));
  g_assert_true (g_str_has_suffix (log, "  succeeded\n"));

  /* Nothing is left to rerun. */
  again = trib_runner_create_run (f->runner, f->workflow, &options, &error);
  g_assert_null (again);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "run 1 has nothing to rerun: every node succeeded");
}

static void
test_rerun_modes (RunFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) first = NULL;
  g_autoptr(TribRun) second = NULL;
  g_autoptr(TribRun) refused = NULL;
  g_autoptr(TribRun) rerun = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  /* Denied: never rerun. */
  run_fixture_set_node_string (f, RAW_SYNC, "rerunMode", "Denied");
  run_fixture_set_spec (f, RAW_SYNC "=fail");
  first = run_fixture_run (f, "20251031", NULL, &error);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_FAILED);
  g_clear_error (&error);
  options.rerun_of = trib_run_get_id (first);
  refused = trib_runner_create_run (f->runner, f->workflow, &options, &error);
  g_assert_null (refused);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "node ods_raw_log_d_2oss_spark may not be rerun: its rerun mode is Denied");
  g_clear_error (&error);

  /* FailureAllowed: not after a success. */
  run_fixture_set_node_string (f, RAW_SYNC, "rerunMode", "FailureAllowed");
  run_fixture_set_spec (f, "ok");
  second = run_fixture_run (f, "20251101", NULL, &error);
  g_assert_no_error (error);
  options.rerun_of = trib_run_get_id (second);
  options.scope = TRIB_RUN_SCOPE_NODE;
  options.node = RAW_SYNC;
  refused = trib_runner_create_run (f->runner, f->workflow, &options, &error);
  g_assert_null (refused);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "node ods_raw_log_d_2oss_spark may be rerun only after it failed (its rerun mode is FailureAllowed), "
                   "and it succeeded");
  g_clear_error (&error);

  /* Allowed: rerun a successful node and what depends on it. */
  options.scope = TRIB_RUN_SCOPE_NODE_AND_DESCENDANTS;
  options.node = USER_SYNC;
  g_ptr_array_set_size (f->events, 0);
  rerun = run_fixture_run (f, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, USER_SYNC), ==, 2);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, USER_SQL), ==, 2);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, RAW_SYNC), ==, 1);
  assert_events (f, USER_SYNC, "running, success");
  assert_events (f, RAW_SYNC, "");
  assert_instance (rerun, USER_SQL, TRIB_NODE_STATE_SUCCESS, 2, "test executor: ok");
}

static void
test_scopes (RunFixture    *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) alone = NULL;
  g_autoptr(TribRun) below = NULL;
  g_autoptr(TribRun) missing = NULL;
  g_autoptr(TribRunRecord) record = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  /* One node alone: its upstream counts as done. */
  options.scope = TRIB_RUN_SCOPE_NODE;
  options.node = RAW_SQL;
  alone = run_fixture_run (f, "20251031", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trib_run_get_instances (alone)), ==, 1);
  assert_instance (alone, RAW_SQL, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");
  record = trib_history_get_run (f->history, trib_run_get_id (alone), &error);
  g_assert_cmpstr (trib_run_record_get_scope (record), ==, "node:ods_raw_log_d_spark");
  g_assert_cmpuint (trib_run_record_get_n_instances (record), ==, 1);

  /* A node and its descendants. */
  options.scope = TRIB_RUN_SCOPE_NODE_AND_DESCENDANTS;
  options.node = RAW_SYNC;
  g_ptr_array_set_size (f->events, 0);
  below = run_fixture_run (f, "20251031", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trib_run_get_instances (below)), ==, 2);
  assert_events (f, RAW_SYNC, "running, success");
  assert_events (f, RAW_SQL, "running, success");
  assert_events (f, USER_SYNC, "");

  options.node = "nope";
  missing = trib_runner_plan_run (f->runner, f->workflow, &options, &error);
  g_assert_null (missing);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "workflow \"User profile analysis_Spark\" has no node \"nope\"");
}

static void
test_recurrence (RunFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;

  run_fixture_set_node_string (f, USER_SYNC, "recurrence", "Skip");
  run_fixture_set_node_string (f, RAW_SYNC, "recurrence", "Pause");
  run = run_fixture_run (f, "20251031", NULL, &error);

  /* Dry-run: success without running, so its child runs. */
  assert_events (f, USER_SYNC, "skipped");
  assert_instance (run, USER_SYNC, TRIB_NODE_STATE_SKIPPED, 0, "dry-run (recurrence Skip): succeeded without running");
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, USER_SYNC), ==, 0);
  assert_instance (run, USER_SQL, TRIB_NODE_STATE_SUCCESS, 1, "test executor: ok");

  /* Frozen: it does not run and holds its descendants back. */
  assert_instance (run, RAW_SYNC, TRIB_NODE_STATE_NOT_RUN, 0,
                   "frozen (recurrence Pause): it does not run, and its descendants wait");
  assert_instance (run, RAW_SQL, TRIB_NODE_STATE_NOT_RUN, 0, "upstream ods_raw_log_d_2oss_spark is frozen");
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_INCOMPLETE);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "2 nodes did not run: frozen nodes hold them back");
}

static void
test_refusals (RunFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autoptr(TribRunner) bare = trib_runner_new (f->workspace, f->history);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GDateTime) cyctime = run_fixture_cyctime (f, "20251031");
  TribNode *raw_sql = trib_workflow_lookup_node_by_name (f->workflow, RAW_SQL);
  g_autofree char *original = g_strdup (trib_node_get_content (raw_sql));
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  options.cyctime = cyctime;

  /* No executor for the sync and Spark SQL nodes: the error names every one. */
  run = trib_runner_create_run (bare, f->workflow, &options, &error);
  g_assert_null (run);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "this build cannot run these nodes yet, it has no executor for their type: "
                   "ods_raw_log_d_2oss_spark (DI), ods_user_info_d_2oss_spark (DI), "
                   "ods_raw_log_d_spark (EMR_SPARK_SQL), ods_user_info_d_spark (EMR_SPARK_SQL)");
  g_clear_error (&error);

  /* An undefined ${name} stops the run before anything runs, never an empty string. */
  trib_node_set_content (raw_sql, "SELECT 1;\nSELECT '${region}';\n");
  run = trib_runner_create_run (f->runner, f->workflow, &options, &error);
  g_assert_null (run);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "node ods_raw_log_d_spark: ${region} (line 2) is not defined: "
                   "add a scheduling parameter named \"region\"");
  g_clear_error (&error);
  trib_node_set_content (raw_sql, original);

  trib_node_set_parameter (trib_workflow_lookup_node_by_name (f->workflow, USER_SYNC), "bizdate", "$[yyyymmdd-1x]");
  run = trib_runner_create_run (f->runner, f->workflow, &options, &error);
  g_assert_null (run);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "node ods_user_info_d_2oss_spark: parameter \"bizdate\": $[yyyymmdd-1x]: unexpected \"x\" at column 12");
  g_clear_error (&error);
  trib_node_set_parameter (trib_workflow_lookup_node_by_name (f->workflow, USER_SYNC), "bizdate", "$[yyyymmdd-1]");

  /* An invalid workflow is refused with its diagnostics. */
  trib_workflow_add_dependency (f->workflow, RAW_SQL, "missing_node");
  trib_workspace_validate (f->workspace);
  run = trib_runner_create_run (f->runner, f->workflow, &options, &error);
  g_assert_null (run);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "workflow \"User profile analysis_Spark\" has errors; fix them before running it:\n"));
  g_assert_nonnull (strstr (error->message, "\"ods_raw_log_d_spark\" depends on missing node \"missing_node\""));

  /* Nothing was recorded. */
  runs = trib_history_list_runs (f->history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_planned_run (RunFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cyctime = run_fixture_cyctime (f, "20251031");
  g_autoptr(TribRun) planned = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  options.cyctime = cyctime;
  planned = trib_runner_plan_run (f->runner, f->workflow, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trib_run_get_id (planned), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (trib_run_get_instances (planned)), ==, 5);
  g_assert_cmpstr (trib_param_set_lookup (trib_node_instance_get_parameters (trib_run_lookup_instance (planned, USER_SQL)),
                                          "bizdate"), ==, "20251031");

  g_assert_false (run_fixture_wait (f, planned, NULL, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "a planned run cannot be started");
  runs = trib_history_list_runs (f->history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_concurrency (RunFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *user = NULL;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  run_fixture_set_spec (f, "sleep:50");
  options.max_parallel = 1;
  run = run_fixture_run (f, "20251031", &options, &error);
  g_assert_no_error (error);

  /* One at a time: the second sync waits for a free worker. */
  g_assert_cmpuint (trib_test_executor_get_max_concurrent (f->executor), ==, 1);
  raw = run_fixture_events (f, RAW_SYNC);
  user = run_fixture_events (f, USER_SYNC);
  g_assert_true ((g_str_equal (raw, "running, success") && g_str_equal (user, "waiting, running, success")) ||
                 (g_str_equal (raw, "waiting, running, success") && g_str_equal (user, "running, success")));

  /* The runner's limit holds over all its runs. */
  trib_runner_set_max_workers (f->runner, 2);
  run_fixture_set_spec (f, "sleep:50");
  g_clear_object (&run);
  run = run_fixture_run (f, "20251101", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trib_test_executor_get_max_concurrent (f->executor), ==, 2);
}

static gboolean
log_has_hang_line (gpointer data)
{
  RunFixture *f = data;

  return strstr (f->log->str, RAW_SYNC "| ") != NULL && strstr (f->log->str, "waiting until cancelled") != NULL;
}

typedef struct
{
  GAsyncResult *result;
} Pending;

static void
pending_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ((Pending *) user_data)->result = g_object_ref (result);
}

static gboolean
pending_done (gpointer data)
{
  return ((Pending *) data)->result != NULL;
}

static void
test_log_streaming (RunFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cyctime = run_fixture_cyctime (f, "20251031");
  g_autoptr(TribRun) run = NULL;
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autofree char *head_text = NULL;
  g_autofree char *rest_text = NULL;
  Pending pending = { NULL };
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;
  guint64 offset = 0, next = 0;
  gboolean complete = TRUE;

  run_fixture_set_spec (f, RAW_SYNC "=log:first line+hang");
  options.cyctime = cyctime;
  run = run_fixture_create (f, &options);
  run_fixture_start (f, run, NULL);
  run_fixture_iterate_until (log_has_hang_line, f);

  /* While it runs, the log can be read so far, and it says it is not complete. */
  trib_history_read_log_async (f->history, trib_run_get_id (run), RAW_SYNC, 0, 0, NULL, pending_cb, &pending);
  run_fixture_iterate_until (pending_done, &pending);
  head = trib_history_read_log_finish (f->history, pending.result, &offset, &complete, &error);
  g_clear_object (&pending.result);
  g_assert_no_error (error);
  g_assert_false (complete);
  g_assert_cmpuint (offset, ==, g_bytes_get_size (head));
  head_text = g_strndup (g_bytes_get_data (head, NULL), g_bytes_get_size (head));
  g_assert_nonnull (strstr (head_text, "  first line\n"));
  g_assert_true (g_str_has_suffix (head_text, "  test executor: waiting until cancelled\n"));

  part = trib_history_read_log (f->history, trib_run_get_id (run), RAW_SYNC, 0, 10, &next, &complete, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (part), ==, 10);
  g_assert_cmpuint (next, ==, 10);
  g_assert_false (complete);

  g_assert_true (trib_run_cancel_node (run, RAW_SYNC, &error));
  g_assert_false (run_fixture_finish (f, run, &error));
  g_clear_error (&error);

  /* From where it left off to the end. */
  rest = trib_history_read_log (f->history, trib_run_get_id (run), RAW_SYNC, offset, 0, &next, &complete, &error);
  g_assert_no_error (error);
  g_assert_true (complete);
  rest_text = g_strndup (g_bytes_get_data (rest, NULL), g_bytes_get_size (rest));
  g_assert_true (g_str_has_prefix (strstr (rest_text, "  ") + 2, "cancelling: cancelled by the user\n"));
  g_assert_true (g_str_has_suffix (rest_text, "  cancelled by the user\n"));
  whole = trib_history_read_log (f->history, trib_run_get_id (run), RAW_SYNC, 0, 0, &next, &complete, &error);
  g_assert_cmpuint (g_bytes_get_size (whole), ==, g_bytes_get_size (head) + g_bytes_get_size (rest));
  g_assert_cmpuint (next, ==, g_bytes_get_size (whole));

  g_bytes_unref (trib_history_read_log (f->history, trib_run_get_id (run), "nope", 0, 0, NULL, NULL, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "run 1 has no node \"nope\"");
}

typedef struct
{
  RunFixture   *f;
  GThread      *thread;
  GMainContext *context;
  guint         n_events;
  guint         n_wrong_thread;
  gboolean      ok;
} ThreadData;

static void
thread_state_cb (TribRun          *run,
                 TribNodeInstance *instance,
                 TribNodeState     old_state,
                 ThreadData       *data)
{
  data->n_events++;
  if (g_thread_self () != data->thread || !g_main_context_is_owner (data->context))
    data->n_wrong_thread++;
}

static gpointer
run_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(TribRunner) runner = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autoptr(GDateTime) cyctime = NULL;
  g_autoptr(GError) error = NULL;
  Pending pending = { NULL };
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  g_main_context_push_thread_default (context);
  data->context = context;
  runner = trib_runner_new (data->f->workspace, data->f->history);
  trib_runner_set_executor (runner, TRIB_NODE_KIND_DI, TRIB_EXECUTOR (data->f->executor));
  trib_runner_set_executor (runner, TRIB_NODE_KIND_EMR_SPARK_SQL, TRIB_EXECUTOR (data->f->executor));
  cyctime = trib_runner_dup_cyctime_for_bizdate (runner, data->f->workflow, "20251031", &error);
  options.cyctime = cyctime;
  run = trib_runner_create_run (runner, data->f->workflow, &options, &error);
  g_assert_no_error (error);
  g_signal_connect (run, "node-state-changed", G_CALLBACK (thread_state_cb), data);
  trib_run_start_async (run, NULL, pending_cb, &pending);
  while (pending.result == NULL)
    g_main_context_iteration (context, TRUE);
  data->ok = trib_run_start_finish (run, pending.result, &error);
  g_assert_no_error (error);
  g_clear_object (&pending.result);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
test_signals_in_starter_context (RunFixture    *f,
                                 gconstpointer  data)
{
  ThreadData thread_data = { f };

  /* A run started on another thread reports there, in that thread's context. */
  thread_data.thread = g_thread_new ("starter", run_in_thread, &thread_data);
  g_thread_join (thread_data.thread);
  g_assert_true (thread_data.ok);
  g_assert_cmpuint (thread_data.n_events, ==, 9);
  g_assert_cmpuint (thread_data.n_wrong_thread, ==, 0);
}

static void
test_async_create (RunFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cyctime = run_fixture_cyctime (f, "20251031");
  g_autoptr(TribRun) run = NULL;
  g_autoptr(TribRun) rerun = NULL;
  g_autoptr(TribRun) refused = NULL;
  Pending pending = { NULL };
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  /* The UI's way: nothing here blocks its thread. */
  run_fixture_set_spec (f, USER_SQL "=fail:table not found");
  options.cyctime = cyctime;
  trib_runner_create_run_async (f->runner, f->workflow, &options, NULL, pending_cb, &pending);
  run_fixture_iterate_until (pending_done, &pending);
  run = trib_runner_create_run_finish (f->runner, pending.result, &error);
  g_clear_object (&pending.result);
  g_assert_no_error (error);
  g_assert_cmpint (trib_run_get_id (run), ==, 1);
  g_assert_false (run_fixture_wait (f, run, NULL, &error));
  g_clear_error (&error);

  run_fixture_set_spec (f, "ok");
  options.cyctime = NULL;
  options.rerun_of = trib_run_get_id (run);
  trib_runner_create_run_async (f->runner, f->workflow, &options, NULL, pending_cb, &pending);
  run_fixture_iterate_until (pending_done, &pending);
  rerun = trib_runner_create_run_finish (f->runner, pending.result, &error);
  g_clear_object (&pending.result);
  g_assert_no_error (error);
  g_assert_true (run_fixture_wait (f, rerun, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, USER_SQL), ==, 1);
  g_assert_cmpuint (trib_test_executor_get_n_attempts (f->executor, USER_SYNC), ==, 0);

  options.rerun_of = 42;
  trib_runner_create_run_async (f->runner, f->workflow, &options, NULL, pending_cb, &pending);
  run_fixture_iterate_until (pending_done, &pending);
  refused = trib_runner_create_run_finish (f->runner, pending.result, &error);
  g_clear_object (&pending.result);
  g_assert_null (refused);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no run 42");
}

static void
progress_cb (TribRun          *run,
             TribNodeInstance *instance,
             double            fraction,
             GString          *seen)
{
  g_string_append_printf (seen, "%s %.2f %.2f;", trib_node_instance_get_node_name (instance), fraction,
                          trib_node_instance_get_progress (instance));
}

static void
test_progress (RunFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cyctime = run_fixture_cyctime (f, "20251031");
  g_autoptr(TribRun) run = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  /* Executors report progress from their thread; it arrives in the main context. */
  run_fixture_set_spec (f, RAW_SYNC "=progress:0.25+sleep:30+progress:0.5+sleep:30");
  options.cyctime = cyctime;
  options.scope = TRIB_RUN_SCOPE_NODE;
  options.node = RAW_SYNC;
  run = run_fixture_create (f, &options);
  g_signal_connect (run, "node-progress", G_CALLBACK (progress_cb), seen);
  g_assert_true (run_fixture_wait (f, run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==,
                   RAW_SYNC " 0.25 0.25;" RAW_SYNC " 0.50 0.50;" RAW_SYNC " 1.00 1.00;");
}

static void
fixture_set_up (RunFixture    *f,
                gconstpointer  data)
{
  run_fixture_set_up (f, data ? data : "ok");
}

static void
fixture_tear_down (RunFixture    *f,
                   gconstpointer  data)
{
  run_fixture_tear_down (f);
}

#define ADD(path, func) \
  g_test_add ("/runner/" path, RunFixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("success", test_success);
  ADD ("failure", test_failure);
  ADD ("retry", test_retry);
  ADD ("retries-exhausted", test_retries_exhausted);
  ADD ("cancel-run", test_cancel_run);
  ADD ("cancel-node", test_cancel_node);
  ADD ("timeout", test_timeout);
  ADD ("rerun-from-failed", test_rerun_from_failed);
  ADD ("rerun-modes", test_rerun_modes);
  ADD ("scopes", test_scopes);
  ADD ("recurrence", test_recurrence);
  ADD ("refusals", test_refusals);
  ADD ("planned-run", test_planned_run);
  ADD ("concurrency", test_concurrency);
  ADD ("progress", test_progress);
  ADD ("log-streaming", test_log_streaming);
  ADD ("signals-in-starter-context", test_signals_in_starter_context);
  ADD ("async-create", test_async_create);

  return g_test_run ();
}
