/* test-hs2-splitter.c: splitting Spark SQL scripts; ${name} parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"

static void
assert_split (const char         *script,
              const char * const *expected)
{
  g_autoptr(GPtrArray) statements = trib_hs2_split_statements (script);
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < statements->len; i++)
    g_test_message ("[%u] line %u: %s", i, ((TribHs2Statement *) g_ptr_array_index (statements, i))->line,
                    ((TribHs2Statement *) g_ptr_array_index (statements, i))->text);
  g_assert_cmpuint (statements->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (((TribHs2Statement *) g_ptr_array_index (statements, i))->text, ==, expected[i]);
}

static void
test_simple (void)
{
  assert_split ("SELECT 1; SELECT 2;", (const char * const[]) { "SELECT 1", "SELECT 2", NULL });
  assert_split ("SELECT 1", (const char * const[]) { "SELECT 1", NULL });
  assert_split ("", (const char * const[]) { NULL });
  assert_split (" ;; ;\n", (const char * const[]) { NULL });
}

static void
test_quotes (void)
{
  assert_split ("SELECT ';' AS a; SELECT \"x;y\"; SELECT `weird;name` FROM t",
                (const char * const[]) { "SELECT ';' AS a", "SELECT \"x;y\"", "SELECT `weird;name` FROM t", NULL });
  /* Escapes: a backslash in strings, doubling in all three. */
  assert_split ("SELECT 'it\\'s; fine'; SELECT 'it''s; fine'; SELECT `a``;b`",
                (const char * const[]) { "SELECT 'it\\'s; fine'", "SELECT 'it''s; fine'", "SELECT `a``;b`", NULL });
  /* An unterminated string runs to the end; the server will say what is wrong. */
  assert_split ("SELECT 1; SELECT 'open;", (const char * const[]) { "SELECT 1", "SELECT 'open;", NULL });
}

static void
test_comments (void)
{
  assert_split ("-- first; not a statement\nSELECT 1; /* a ; b */ SELECT 2 -- trailing;\n;",
                (const char * const[]) { "-- first; not a statement\nSELECT 1", "/* a ; b */ SELECT 2 -- trailing;", NULL });
  /* Statements of comments only are dropped. */
  assert_split ("SELECT 1;\n-- the end\n/* really; */\n",
                (const char * const[]) { "SELECT 1", NULL });
  assert_split ("SELECT '--not a comment'; SELECT '/*' || '*/'",
                (const char * const[]) { "SELECT '--not a comment'", "SELECT '/*' || '*/'", NULL });
}

static void
test_lines (void)
{
  g_autoptr(GPtrArray) statements = trib_hs2_split_statements ("SELECT 1;\n\n  SELECT\n2;\n'a\nb';\nSELECT 3");

  g_assert_cmpuint (statements->len, ==, 4);
  g_assert_cmpuint (((TribHs2Statement *) g_ptr_array_index (statements, 0))->line, ==, 1);
  g_assert_cmpuint (((TribHs2Statement *) g_ptr_array_index (statements, 1))->line, ==, 3);
  g_assert_cmpuint (((TribHs2Statement *) g_ptr_array_index (statements, 2))->line, ==, 5);
  g_assert_cmpuint (((TribHs2Statement *) g_ptr_array_index (statements, 3))->line, ==, 7);
}

static void
test_tutorial_script (void)
{
  static const char script[] =
    "-- Spark SQL node: ods_user_info_d_spark\n"
    "CREATE EXTERNAL TABLE IF NOT EXISTS ods_user_info_d_spark (\n"
    "    `uid` STRING COMMENT 'user ID',\n"
    "    `gender` STRING COMMENT 'gender; M/F'\n"
    ")\n"
    "PARTITIONED BY (dt STRING)\n"
    "ROW FORMAT DELIMITED FIELDS TERMINATED BY ','\n"
    "LOCATION 'oss://dw-emr-demo/ods_user_info_d/';\n"
    "\n"
    "ALTER TABLE ods_user_info_d_spark ADD IF NOT EXISTS PARTITION (dt = '${bizdate}')\n"
    "LOCATION 'oss://dw-emr-demo/ods_user_info_d/dt=${bizdate}/';\n";
  g_autoptr(GPtrArray) statements = trib_hs2_split_statements (script);

  g_assert_cmpuint (statements->len, ==, 2);
  g_assert_true (g_str_has_prefix (((TribHs2Statement *) g_ptr_array_index (statements, 0))->text,
                                   "-- Spark SQL node"));
  g_assert_true (g_str_has_suffix (((TribHs2Statement *) g_ptr_array_index (statements, 0))->text,
                                   "LOCATION 'oss://dw-emr-demo/ods_user_info_d/'"));
  g_assert_true (g_str_has_prefix (((TribHs2Statement *) g_ptr_array_index (statements, 1))->text,
                                   "ALTER TABLE"));
  g_assert_cmpuint (((TribHs2Statement *) g_ptr_array_index (statements, 1))->line, ==, 10);
}

static void
test_params (void)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *literal = NULL;

  g_hash_table_insert (params, (gpointer) "bizdate", (gpointer) "20240101");
  g_hash_table_insert (params, (gpointer) "t", (gpointer) "users");
  out = trib_hs2_substitute_params ("SELECT * FROM ${t} WHERE dt = '${bizdate}' AND x = '${ bizdate }'",
                                    params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "SELECT * FROM users WHERE dt = '20240101' AND x = '20240101'");

  missing = trib_hs2_substitute_params ("SELECT '${nope}'", params, &error);
  g_assert_null (missing);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_true (strstr (error->message, "${nope}") != NULL);
  g_clear_error (&error);

  literal = trib_hs2_substitute_params ("SELECT '$${kept}', '$5'", params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (literal, ==, "SELECT '${kept}', '$5'");

  g_assert_null (trib_hs2_substitute_params ("SELECT '${open", params, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hs2/splitter/simple", test_simple);
  g_test_add_func ("/hs2/splitter/quotes", test_quotes);
  g_test_add_func ("/hs2/splitter/comments", test_comments);
  g_test_add_func ("/hs2/splitter/lines", test_lines);
  g_test_add_func ("/hs2/splitter/tutorial-script", test_tutorial_script);
  g_test_add_func ("/hs2/splitter/params", test_params);

  return g_test_run ();
}
