/* test-hs2-cli.c: tributary-cli query, schemas, tables and columns against the peer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hs2-test-peer.h"

#define SPARK "user_behavior_analysis_spark"

/* The demo workspace, its Spark source pointed at the peer's SASL port. */
static char *
make_workspace (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *file = g_build_filename (dir, "tributary.json", NULL);
  g_autofree char *json = trib_test_read_file (file);
  g_autofree char *port = g_strdup_printf ("\"port\": %s", trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT"));
  g_autoptr(GString) patched = g_string_new (json);

  g_assert_cmpuint (g_string_replace (patched, "\"port\": 20009", port, 1), ==, 1);
  trib_test_write_file (file, patched->str);
  return g_steal_pointer (&dir);
}

static int
cli (const char * const *argv,
     char              **out,
     char              **err)
{
  int status = trib_test_run_cli (argv, NULL, out, err);

  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", status, *out, *err);
  return status;
}

static void
test_query_formats (void)
{
  g_autofree char *ws = make_workspace ();
  g_autofree char *out = NULL, *err = NULL;
  const char *sql = "SELECT 1 AS id, 'a,b' AS s, CAST(NULL AS INTEGER) AS n, 2.5::DOUBLE AS d "
                    "UNION ALL SELECT 2, 'x', 7, 0.5 ORDER BY id";

  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK, "--format", "csv", sql, NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "id,s,n,d\r\n1,\"a,b\",,2.5\r\n2,x,7,0.5\r\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK, "--format=json", sql, NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "[\n{\"id\": 1, \"s\": \"a,b\", \"n\": null, \"d\": 2.5},\n"
                            "{\"id\": 2, \"s\": \"x\", \"n\": 7, \"d\": 0.5}\n]\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK, sql, NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "id | s   | n    | d\n"
                   "---+-----+------+----\n"
                   "1  | a,b | NULL | 2.5\n"
                   "2  | x   | 7    | 0.5\n"
                   "(2 rows)\n");
}

static void
test_query_params_and_script (void)
{
  g_autofree char *ws = make_workspace ();
  g_autofree char *script = g_build_filename (ws, "script.sql", NULL);
  g_autofree char *out = NULL, *err = NULL;

  trib_test_write_file (script,
                        "-- tutorial-like script\n"
                        "CREATE EXTERNAL TABLE IF NOT EXISTS cli_ods (uid STRING) PARTITIONED BY (dt STRING)\n"
                        "LOCATION 'oss://dw-emr-demo/cli_ods/';\n"
                        "ALTER TABLE cli_ods ADD IF NOT EXISTS PARTITION (dt='${bizdate}')\n"
                        "LOCATION 'oss://dw-emr-demo/cli_ods/dt=${bizdate}/';\n"
                        "SELECT '${bizdate}' AS bizdate, ';' AS semi;\n");
  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK, "--param", "bizdate=20240101",
                                                 "--format", "csv", "-f", script, NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "bizdate,semi\r\n20240101,;\r\n");
  g_assert_true (hs2_test_recorded ("ADD IF NOT EXISTS PARTITION (dt='20240101')",
                                    "oss://dw-emr-demo/cli_ods/dt=20240101/", NULL));
  g_assert_true (hs2_test_recorded ("CREATE EXTERNAL TABLE IF NOT EXISTS cli_ods", NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An undefined parameter is an error, and nothing is sent. */
  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK, "SELECT '${undefined_one}'", NULL },
                        &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "${undefined_one}"));
  g_assert_false (hs2_test_recorded ("undefined_one", NULL));
}

static void
test_query_errors (void)
{
  g_autofree char *ws = make_workspace ();
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK, "SELECT * FROM missing_table", NULL },
                        &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "SQLSTATE 42S02"));
  g_assert_nonnull (strstr (err, "missing_table"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli ((const char * const[]) { "query", ws, "no_such_source", "SELECT 1", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no_such_source"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK, "--format", "xml", "SELECT 1", NULL },
                        &out, &err), ==, 2);
}

static void
test_metadata_commands (void)
{
  g_autofree char *ws = make_workspace ();
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (cli ((const char * const[]) { "query", ws, SPARK,
                                                 "CREATE SCHEMA IF NOT EXISTS cli_s; "
                                                 "CREATE TABLE IF NOT EXISTS cli_s.visits (uid BIGINT, url VARCHAR)",
                                                 NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli ((const char * const[]) { "schemas", ws, SPARK, "--format", "csv", "cli%", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "TABLE_SCHEM,TABLE_CATALOG\r\ncli_s,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli ((const char * const[]) { "tables", ws, SPARK, "cli_s", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "visits"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli ((const char * const[]) { "columns", ws, SPARK, "--format", "json", "cli_s", "visits", NULL },
                        &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"COLUMN_NAME\": \"uid\""));
  g_assert_nonnull (strstr (out, "\"COLUMN_NAME\": \"url\""));
  g_assert_nonnull (strstr (out, "\"DATA_TYPE\": -5"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hs2/cli/query-formats", test_query_formats);
  g_test_add_func ("/hs2/cli/query-params-and-script", test_query_params_and_script);
  g_test_add_func ("/hs2/cli/query-errors", test_query_errors);
  g_test_add_func ("/hs2/cli/metadata-commands", test_metadata_commands);

  return g_test_run ();
}
