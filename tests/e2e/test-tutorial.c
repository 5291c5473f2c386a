/* test-tutorial.c: the DataWorks tutorial "User profile analysis" (data acquisition),
 * reproduced end to end with the command line a user would type
 *
 * The demo workspace is pointed at the harness's servers with `tributary-cli datasource
 * set`, then `tributary-cli run` runs its workflow for one business date: the two sync
 * nodes copy the MySQL table and the HTTP log file into the bucket, the two Spark SQL
 * nodes send their DDL, with ${bizdate} substituted, to the HiveServer2 server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"

#define WORKFLOW "User profile analysis_Spark"
#define BIZDATE "20240807"

static char *workspace;

static char **
secrets_env (void)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *mysql = g_strdup_printf ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL=%s",
                                            trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"));
  g_autofree char *s3 = g_strdup_printf ("TRIBUTARY_SECRET_TEST_G=%s", trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"));

  g_strv_builder_add (b, mysql);
  g_strv_builder_add (b, s3);
  /* The HiveServer2 peer exports TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_SPARK itself. */
  trib_test_require_env ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_SPARK");
  return g_strv_builder_end (b);
}

static void
cli_ok (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = trib_test_run_cli (argv, NULL, &out, &err);

  if (status != 0)
    g_error ("tributary-cli %s %s failed (%d): %s%s", argv[0], argv[1], status, out, err);
}

static void
point_demo_at_the_peers (void)
{
  g_autofree char *mysql_port_option = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  g_autofree char *http_url_option = g_strdup_printf ("url=%s", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_autofree char *endpoint = g_strdup_printf ("endpoint=%s", trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  g_autofree char *key_id = g_strdup_printf ("access_key_id=%s", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"));
  g_autofree char *region = g_strdup_printf ("region=%s", trib_test_require_env ("TRIB_TEST_S3_REGION"));
  g_autofree char *hs2_port_option = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT"));

  cli_ok ((const char *[]) { "datasource", "set", workspace, "user_behavior_analysis_mysql", "--type", "mysql",
                             "--option", "host=127.0.0.1", "--option", mysql_port_option, "--option", "database=workshop",
                             "--option", "user=workshop", "--option", "tls=disabled", NULL });
  cli_ok ((const char *[]) { "datasource", "set", workspace, "user_behavior_analysis_httpfile", "--type", "httpfile",
                             "--option", http_url_option, NULL });
  cli_ok ((const char *[]) { "datasource", "set", workspace, "test_g", "--type", "s3",
                             "--option", endpoint, "--option", region, "--option", "bucket=dw-emr-demo",
                             "--option", key_id, "--option", "path_style=true", NULL });
  cli_ok ((const char *[]) { "datasource", "set", workspace, "user_behavior_analysis_spark", "--type", "kyuubi",
                             "--option", "host=127.0.0.1", "--option", hs2_port_option, "--option", "transport=sasl",
                             "--option", "user=workshop", "--option", "database=default", NULL });
  cli_ok ((const char *[]) { "validate", workspace, NULL });
}

/* What the generator wrote into the table, as the sync writes it: "|" between fields. */
static char *
expected_user_object (void)
{
  TribSampleOptions options;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GString) text = NULL;

  trib_sample_options_init (&options);
  options.n_users = 2000;
  g_assert_true (trib_sample_write_users_tsv (&options, out, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  text = g_string_new_len (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                           g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  g_string_replace (text, "\t", "|", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The bucket as a user of the S3 API sees it: the data source, its secret, GET. */
static TribObjectStore *
open_bucket (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (workspace);
  g_autoptr(TribWorkspace) ws = trib_workspace_load (dir, NULL, NULL);
  g_autoptr(GError) error = NULL;
  TribObjectStore *store;

  g_assert_nonnull (ws);
  store = trib_object_store_new_for_data_source (trib_workspace_lookup_data_source (ws, "test_g"),
                                                 trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"), dir, &error);
  g_assert_no_error (error);
  return store;
}

static GPtrArray *
executed_statements (void)
{
  g_autofree char *text = trib_test_read_file (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *statements = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *event;

      if (*lines[i] == '\0')
        continue;
      node = trib_json_parse (lines[i], -1, "statements", NULL);
      event = json_node_get_object (node);
      if (g_strcmp0 (trib_json_object_get_string (event, "event", NULL), "execute") == 0)
        g_ptr_array_add (statements, g_strdup (trib_json_object_get_string (event, "statement", NULL)));
    }
  return statements;
}

static gboolean
contains_statement (GPtrArray  *statements,
                    const char *prefix)
{
  for (guint i = 0; i < statements->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (statements, i), prefix) ||
        strstr (g_ptr_array_index (statements, i), prefix))
      return TRUE;
  return FALSE;
}

static void
test_run_the_tutorial (void)
{
  g_auto(GStrv) env = secrets_env ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *users = expected_user_object ();
  g_autofree char *log_path = g_build_filename (trib_test_require_env ("TRIB_TEST_HTTP_ROOT"), "user_log.txt", NULL);
  g_autofree char *log = trib_test_read_file (log_path);
  g_autoptr(TribObjectStore) bucket = NULL;
  g_autoptr(GBytes) user_object = NULL;
  g_autoptr(GBytes) log_object = NULL;
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  point_demo_at_the_peers ();

  status = trib_test_run_cli ((const char *[]) { "run", workspace, WORKFLOW, "--bizdate", BIZDATE, NULL },
                              (const char * const *) env, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Run 1 of \"User profile analysis_Spark\": business date 20240807, "
                                        "scheduled 2024-08-08 00:30:00 Asia/Shanghai\n"));
  g_assert_nonnull (strstr (out, "workshop_start_spark           success"));
  g_assert_nonnull (strstr (out, "ods_raw_log_d_2oss_spark       success"));
  g_assert_nonnull (strstr (out, "ods_user_info_d_2oss_spark     success"));
  g_assert_nonnull (strstr (out, "ods_raw_log_d_spark            success   2 statements run\n"));
  g_assert_nonnull (strstr (out, "ods_user_info_d_spark          success   2 statements run\n"));
  g_assert_true (g_str_has_suffix (out, "Run 1 succeeded: all 5 nodes succeeded\n"));

  /* The two objects, byte for byte, at the tutorial's business-date paths. */
  bucket = open_bucket ();
  listing = trib_object_store_list (bucket, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listing->len, ==, 2);
  g_assert_cmpstr (((TribObjectInfo *) g_ptr_array_index (listing, 0))->key, ==, "ods_raw_log_d/log_20240807/log_20240807.txt");
  g_assert_cmpstr (((TribObjectInfo *) g_ptr_array_index (listing, 1))->key, ==, "ods_user_info_d/user_20240807/user_20240807.txt");

  user_object = trib_object_store_get_bytes (bucket, "ods_user_info_d/user_20240807/user_20240807.txt",
                                             64 * 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (user_object, NULL), g_bytes_get_size (user_object), users, strlen (users));

  /* No "|" in a log line: each line is one column, copied whole. */
  log_object = trib_object_store_get_bytes (bucket, "ods_raw_log_d/log_20240807/log_20240807.txt",
                                            64 * 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (log_object, NULL), g_bytes_get_size (log_object), log, strlen (log));

  /* The Spark SQL nodes ran after their sync nodes, with ${bizdate} substituted. */
  statements = executed_statements ();
  g_assert_cmpuint (statements->len, ==, 4);
  g_assert_true (contains_statement (statements, "CREATE EXTERNAL TABLE IF NOT EXISTS ods_raw_log_d_spark"));
  g_assert_true (contains_statement (statements, "ALTER TABLE ods_raw_log_d_spark ADD IF NOT EXISTS PARTITION (dt = '20240807')\n"
                                                 "LOCATION 'oss://dw-emr-demo/ods_raw_log_d/log_20240807/'"));
  g_assert_true (contains_statement (statements, "CREATE EXTERNAL TABLE IF NOT EXISTS ods_user_info_d_spark"));
  g_assert_true (contains_statement (statements, "ALTER TABLE ods_user_info_d_spark ADD IF NOT EXISTS PARTITION (dt = '20240807')\n"
                                                 "LOCATION'oss://dw-emr-demo/ods_user_info_d/user_20240807/'"));
  for (guint i = 0; i < statements->len; i++)
    g_assert_null (strstr (g_ptr_array_index (statements, i), "${bizdate}"));
}

/* Step 3 of the tutorial: an ad hoc query, run with a parameter. */
static void
test_ad_hoc_query (void)
{
  g_auto(GStrv) env = secrets_env ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = trib_test_run_cli ((const char *[]) { "query", workspace, "user_behavior_analysis_spark",
                                                  "--param", "bizdate=" BIZDATE, "--format", "csv",
                                                  "SELECT '${bizdate}' AS dt, 1 + 1 AS two", NULL },
                              (const char * const *) env, &out, &err);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "dt,two\r\n20240807,2\r\n");
}

/* A second run for the same date replaces the objects (truncate) with the same bytes. */
static void
test_rerun_is_idempotent (void)
{
  g_auto(GStrv) env = secrets_env ();
  g_autoptr(TribObjectStore) bucket = open_bucket ();
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  status = trib_test_run_cli ((const char *[]) { "run", workspace, WORKFLOW, "--bizdate", BIZDATE, NULL },
                              (const char * const *) env, NULL, NULL);
  g_assert_cmpint (status, ==, 0);
  listing = trib_object_store_list (bucket, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listing->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *parent = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  parent = trib_test_make_tmpdir ("tutorial-XXXXXX");
  workspace = g_build_filename (parent, "workspace", NULL);
  {
    const char *argv_init[] = { "init", "--demo", workspace, NULL };
    cli_ok (argv_init);
  }

  g_test_add_func ("/tutorial/run", test_run_the_tutorial);
  g_test_add_func ("/tutorial/ad-hoc-query", test_ad_hoc_query);
  g_test_add_func ("/tutorial/rerun", test_rerun_is_idempotent);

  status = g_test_run ();
  trib_test_rm_rf (parent);
  g_free (workspace);
  return status;
}
