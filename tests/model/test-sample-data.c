/* test-sample-data.c: the demo's generated data is realistic and reproducible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"

typedef gboolean (*WriteFunc) (const TribSampleOptions *, GOutputStream *, GCancellable *, GError **);

static char *
generate (WriteFunc                func,
          const TribSampleOptions *options)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (func (options, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_same_seed_same_bytes (void)
{
  TribSampleOptions options;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  trib_sample_options_init (&options);
  options.n_users = 50;
  options.n_log_lines = 200;
  a = generate (trib_sample_write_log, &options);
  b = generate (trib_sample_write_log, &options);
  g_assert_cmpstr (a, ==, b);

  options.seed++;
  c = generate (trib_sample_write_log, &options);
  g_assert_cmpstr (a, !=, c);
}

static void
test_users (void)
{
  TribSampleOptions options;
  g_autofree char *tsv = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 previous = 0;

  trib_sample_options_init (&options);
  options.n_users = 300;
  tsv = generate (trib_sample_write_users_tsv, &options);
  lines = g_strsplit (tsv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 301);
  g_assert_cmpstr (lines[300], ==, "");

  for (guint i = 0; i < 300; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      guint64 uid = g_ascii_strtoull (fields[0], NULL, 10);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpuint (strlen (fields[0]), ==, 13);
      /* Increasing, with gaps, as a split key sees them. */
      g_assert_cmpuint (uid, >, previous);
      g_assert_cmpuint (uid, ==, trib_sample_user_uid (&options, i));
      g_assert_true (g_str_equal (fields[1], "男") || g_str_equal (fields[1], "女"));
      g_assert_true (g_str_has_suffix (fields[2], "岁") || g_str_equal (fields[2], "60岁以上"));
      g_assert_true (g_str_has_suffix (fields[3], "座"));
      previous = uid;
    }
}

static void
test_users_sql (void)
{
  TribSampleOptions options;
  g_autofree char *sql = NULL;

  trib_sample_options_init (&options);
  options.n_users = 1001;
  options.locale = TRIB_SAMPLE_LOCALE_EN;
  sql = generate (trib_sample_write_users_sql, &options);
  g_assert_nonnull (strstr (sql, "CREATE TABLE ods_user_info_d (\n  uid BIGINT NOT NULL PRIMARY KEY"));
  /* 1001 rows in statements of 500. */
  g_assert_nonnull (strstr (sql, ";\nINSERT INTO ods_user_info_d VALUES\n"));
  g_assert_true (g_str_has_suffix (sql, ");\n"));
  g_assert_null (strstr (sql, "男"));
}

static void
test_log_lines (void)
{
  TribSampleOptions options;
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint unknown = 0, crawlers = 0, feeds = 0, mobile = 0;

  trib_sample_options_init (&options);
  options.n_users = 100;
  options.n_log_lines = 2000;
  for (guint i = 0; i < options.n_users; i++)
    g_hash_table_add (uids, g_strdup_printf ("%" G_GUINT64_FORMAT, trib_sample_user_uid (&options, i)));

  log = generate (trib_sample_write_log, &options);
  lines = g_strsplit (log, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2001);

  for (guint i = 0; i < 2000; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "##@@", -1);

      /* ip, uid, time, request, status, bytes, referer, agent; no "|" anywhere, so a
       * "|"-delimited sync keeps each line whole. */
      g_assert_cmpuint (g_strv_length (f), ==, 8);
      g_assert_null (strchr (lines[i], '|'));
      g_assert_true (g_str_has_prefix (f[2], "2024-08-07 "));
      g_assert_cmpuint (strlen (f[2]), ==, 19);
      g_assert_true (g_str_has_suffix (f[3], "HTTP/1.1") || g_str_has_suffix (f[3], "HTTP/1.0"));
      if (!g_hash_table_contains (uids, f[1]))
        unknown++;
      if (strstr (f[7], "bot") || strstr (f[7], "spider") || strstr (f[7], "Slurp"))
        crawlers++;
      if (strstr (f[7], "Feed"))
        feeds++;
      if (strstr (f[7], "iPhone") || strstr (f[7], "Android"))
        mobile++;
    }

  /* Some log uids are missing from the user table, about 8 %. */
  g_assert_cmpuint (unknown, >, 100);
  g_assert_cmpuint (unknown, <, 250);
  g_assert_cmpuint (crawlers, >, 0);
  g_assert_cmpuint (feeds, >, 0);
  g_assert_cmpuint (mobile, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sample-data/reproducible", test_same_seed_same_bytes);
  g_test_add_func ("/sample-data/users", test_users);
  g_test_add_func ("/sample-data/users-sql", test_users_sql);
  g_test_add_func ("/sample-data/log", test_log_lines);

  return g_test_run ();
}
