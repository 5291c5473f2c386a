/* test-spark-sql-executor.c: EMR_SPARK_SQL nodes run by `tributary-cli run` against the
 * reference HiveServer2 peer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "trib-test-util.h"

typedef struct
{
  char *workspace;
} Fixture;

/* The demo workspace, with its Spark source pointed at the peer's SASL port; the peer
 * exports the source's password as TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_SPARK. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT"));
  const char *set_argv[] = { "datasource", "set", NULL, "user_behavior_analysis_spark", "--type", "kyuubi",
                             "--option", "host=127.0.0.1", "--option", port, "--option", "transport=sasl",
                             "--option", "user=workshop", "--option", "database=default", NULL };

  f->workspace = trib_test_make_demo_workspace ();
  set_argv[2] = f->workspace;
  g_assert_cmpint (trib_test_run_cli (set_argv, NULL, NULL, NULL), ==, 0);
  trib_test_require_env ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_SPARK");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  trib_test_rm_rf (f->workspace);
  g_free (f->workspace);
}

/* The peer's record of calls; it only exists after the first one. */
static char *
read_record (void)
{
  char *text = NULL;

  if (!g_file_get_contents (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"), &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* Statements the peer received since @offset bytes of its record, in order. */
static GPtrArray *
received_statements (gsize *offset)
{
  g_autofree char *text = read_record ();
  g_auto(GStrv) lines = g_strsplit (text + *offset, "\n", -1);
  GPtrArray *statements = g_ptr_array_new_with_free_func (g_free);

  *offset = strlen (text);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *event;

      if (*lines[i] == '\0')
        continue;
      node = trib_json_parse (lines[i], -1, "statements", NULL);
      g_assert_nonnull (node);
      event = json_node_get_object (node);
      if (g_strcmp0 (trib_json_object_get_string (event, "event", NULL), "execute") == 0)
        g_ptr_array_add (statements, g_strdup (trib_json_object_get_string (event, "statement", NULL)));
    }
  return statements;
}

static gsize
current_record_size (void)
{
  g_autofree char *text = read_record ();
  return strlen (text);
}

static char *
node_log (Fixture    *f,
          const char *node)
{
  const char *argv[] = { "log", f->workspace, "1", node, NULL };
  char *out = NULL;

  g_assert_cmpint (trib_test_run_cli (argv, NULL, &out, NULL), ==, 0);
  return out;
}

/* The tutorial's node sends its two statements with ${bizdate} substituted. */
static void
test_tutorial_node (Fixture       *f,
                    gconstpointer  data)
{
  const char *argv[] = { "run", f->workspace, "User profile analysis_Spark", "--bizdate", "20240807",
                         "--node", "ods_user_info_d_spark", NULL };
  g_autofree char *out = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  gsize offset = current_record_size ();

  g_assert_cmpint (trib_test_run_cli (argv, NULL, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ods_user_info_d_spark          success   2 statements run\n"));

  statements = received_statements (&offset);
  g_assert_cmpuint (statements->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (statements, 0), ==,
                   "-- Creates an external table for the basic user information synchronized to OSS.\n"
                   "-- The LOCATION points to the date-partitioned directory written by the batch sync task.\n"
                   "-- The 20240807 variable is replaced at runtime by the scheduling parameter.\n"
                   "CREATE EXTERNAL TABLE IF NOT EXISTS ods_user_info_d_spark\n"
                   "(\n"
                   "    `uid`        STRING COMMENT 'The user ID'\n"
                   "    ,`gender`    STRING COMMENT 'The gender'\n"
                   "    ,`age_range` STRING COMMENT 'The age range'\n"
                   "    ,`zodiac`    STRING COMMENT 'The zodiac sign'\n"
                   ")\n"
                   "PARTITIONED BY\n"
                   "(\n"
                   "    dt           STRING\n"
                   ")\n"
                   "ROW FORMAT DELIMITED\n"
                   "FIELDS\n"
                   "TERMINATED\n"
                   "BY'|'\n"
                   "STORED AS TEXTFILE\n"
                   "LOCATION 'oss://dw-emr-demo/ods_user_info_d/user_20240807/'");
  g_assert_cmpstr (g_ptr_array_index (statements, 1), ==,
                   "ALTER TABLE ods_user_info_d_spark ADD IF NOT EXISTS PARTITION (dt = '20240807')\n"
                   "LOCATION'oss://dw-emr-demo/ods_user_info_d/user_20240807/'");

  log = node_log (f, "ods_user_info_d_spark");
  g_assert_nonnull (strstr (log, "Running 2 statements on user_behavior_analysis_spark (127.0.0.1:"));
  g_assert_nonnull (strstr (log, "[1/2] line 4: CREATE EXTERNAL TABLE IF NOT EXISTS ods_user_info_d_spark …\n"));
  g_assert_nonnull (strstr (log, "INFO  : recorded by the test peer (not executed by DuckDB)\n"));
  g_assert_nonnull (strstr (log, "[2/2] line 23: ALTER TABLE ods_user_info_d_spark ADD IF NOT EXISTS PARTITION (dt = '20240807') …\n"));
  g_assert_nonnull (strstr (log, "[2/2] OK in "));
}

static void
write_sql_workflow (Fixture    *f,
                    const char *sql)
{
  g_autofree char *path = g_build_filename (f->workspace, "workflows", "adhoc.json", NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version"); json_builder_add_string_value (b, "1.1.0");
  json_builder_set_member_name (b, "kind"); json_builder_add_string_value (b, "CycleWorkflow");
  json_builder_set_member_name (b, "spec");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id"); json_builder_add_string_value (b, "q");
  json_builder_set_member_name (b, "name"); json_builder_add_string_value (b, "query");
  json_builder_set_member_name (b, "datasource");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name"); json_builder_add_string_value (b, "user_behavior_analysis_spark");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "rerunTimes"); json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "script");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "runtime");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "command"); json_builder_add_string_value (b, "EMR_SPARK_SQL");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "content"); json_builder_add_string_value (b, sql);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = trib_json_to_string (root);
  trib_test_write_file (path, text);
}

static void
test_rows_are_logged (Fixture       *f,
                      gconstpointer  data)
{
  const char *argv[] = { "run", f->workspace, "adhoc", "--bizdate", "20240807", NULL };
  g_autofree char *log = NULL;

  write_sql_workflow (f, "SELECT 42 AS answer, 'x|y' AS text, NULL AS nothing;\n"
                         "SELECT * FROM range(25);");
  g_assert_cmpint (trib_test_run_cli (argv, NULL, NULL, NULL), ==, 0);
  log = node_log (f, "query");
  g_assert_nonnull (strstr (log, "  42\tx|y\tNULL\n"));
  g_assert_nonnull (strstr (log, "[1/2] OK, 1 row, in "));
  /* Ten rows are echoed, all are counted. */
  g_assert_nonnull (strstr (log, "  9\n"));
  g_assert_null (strstr (log, "  10\n"));
  g_assert_nonnull (strstr (log, "[2/2] OK, 25 rows, in "));
}

static void
test_server_error_fails_the_node (Fixture       *f,
                                  gconstpointer  data)
{
  const char *argv[] = { "run", f->workspace, "adhoc", "--bizdate", "20240807", NULL };
  g_autofree char *out = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  gsize offset;

  write_sql_workflow (f, "SELECT 1;\n\n"
                         "-- the table is not there\n"
                         "SELECT * FROM no_such_table;\n"
                         "SELECT 3;");
  offset = current_record_size ();
  g_assert_cmpint (trib_test_run_cli (argv, NULL, &out, NULL), ==, 1);
  /* One line number for the statement, in the log and in the failure: its first line of
   * SQL in the node's script (after the comment before it). */
  g_assert_nonnull (strstr (out, "query                          failed    statement 2 of 3 (line 4) failed: "));
  g_assert_nonnull (strstr (out, "(SQLSTATE 42S02)"));

  /* The statement after the failing one is never sent. */
  statements = received_statements (&offset);
  g_assert_cmpuint (statements->len, ==, 2);

  log = node_log (f, "query");
  g_assert_nonnull (strstr (log, "[2/3] line 4: SELECT * FROM no_such_table"));
  g_assert_nonnull (strstr (log, "[2/3] FAILED: "));
  g_assert_nonnull (strstr (log, "no_such_table"));
}

static void
test_cancel_reaches_the_server (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *record = NULL;
  g_autofree char *log = NULL;
  gint64 started;

  write_sql_workflow (f, "-- trib:slow=20\nSELECT 1;");
  proc = g_subprocess_launcher_spawn (launcher, &error, trib_test_require_env ("TRIB_CLI"),
                                      "run", f->workspace, "adhoc", "--bizdate", "20240807", NULL);
  g_assert_no_error (error);

  /* Let the statement start, then press Ctrl+C. */
  g_usleep (2 * G_USEC_PER_SEC);
  started = g_get_monotonic_time ();
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), !=, 0);
  g_assert_nonnull (strstr (out, "cancelled"));

  /* CancelOperation reached the server while the statement was running. */
  record = read_record ();
  g_assert_nonnull (strstr (record, "\"event\":\"cancel\""));
  log = node_log (f, "query");
  g_assert_nonnull (strstr (log, "[1/1] cancelled"));
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/spark-sql-executor/tutorial-node", test_tutorial_node);
  add ("/spark-sql-executor/rows-logged", test_rows_are_logged);
  add ("/spark-sql-executor/server-error", test_server_error_fails_the_node);
  add ("/spark-sql-executor/cancel", test_cancel_reaches_the_server);

  return g_test_run ();
}
