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

  start_log = run_fixture_read_log (f, trib_run_get_id (run), START);
  g_assert_nonnull (strstr (start_log, "  parameters: bizdate=20251031\n"));
  g_assert_true (g_str_has_suffix (start_log, "  zero-load node: nothing to run\n"));

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

  return g_test_run ();
}
