/* test-sync-mysql.c: MySQL -> object storage against the real peers (MariaDB, an S3
 * server that verifies Signature V4): the tutorial node byte for byte, every column type,
 * split keys, encodings, write modes, and a server that dies or stops mid-read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "sync-peers.h"

static SyncPeers *peers;

/* A MySQL -> object storage job; @reader and @writer are extra parameter members. */
static char *
mysql_job (const char *reader,
           const char *writer,
           const char *setting)
{
  return g_strdup_printf (
    "{\"type\": \"job\", \"version\": \"2.0\", \"steps\": ["
    " {\"stepType\": \"mysql\", \"category\": \"reader\", \"name\": \"Reader\", \"parameter\": {"
    "   \"datasource\": \"user_behavior_analysis_mysql\", %s}},"
    " {\"stepType\": \"oss\", \"category\": \"writer\", \"name\": \"Writer\", \"parameter\": {"
    "   \"datasource\": \"test_g\", \"fieldDelimiter\": \"|\", %s}}],"
    " \"order\": {\"hops\": [{\"from\": \"Reader\", \"to\": \"Writer\"}]},"
    " \"setting\": %s}", reader, writer, setting ? setting : "{\"speed\": {\"concurrent\": 2}}");
}

static char *
expected_users (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  TribSampleOptions options;
  g_autoptr(GString) text = NULL;

  /* The harness seeds MariaDB with the generator's defaults (2000 users); the object is
   * those rows, '|'-separated, in uid order. */
  trib_sample_options_init (&options);
  g_assert_true (trib_sample_write_users_tsv (&options, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  text = g_string_new_len (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                           g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  g_string_replace (text, "\t", "|", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)); p += strlen (needle))
    n++;
  return n;
}

static void
test_tutorial (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_user_info_d_2oss_spark");
  g_autoptr(TribSyncJob) job = sync_peers_job (content, "20240807");
  g_autofree char *expected = expected_users ();
  g_autofree char *n_rows = sync_peers_sql_value (peers, "SELECT COUNT(*) FROM ods_user_info_d");
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;

  sync_peers_clear_bucket (peers);
  g_assert_cmpstr (n_rows, ==, "2000");
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "ods_user_info_d/user_20240807/user_20240807.txt", expected, strlen (expected));
  keys = sync_peers_list_objects (peers, "");
  g_assert_cmpstrv (keys, ((const char * const[]) { "ods_user_info_d/user_20240807/user_20240807.txt", NULL }));

  /* concurrent 2 * splitFactor 5 ranges, and the IS NULL slice. */
  g_assert_cmpuint (count (peers->log->str, "Slice "), ==, 11);
  g_assert_nonnull (strstr (peers->log->str, "Split key range: SELECT MIN(uid),MAX(uid) FROM ods_user_info_d\n"));
  g_assert_nonnull (strstr (peers->log->str, "Slice 11 of 11: select uid,gender,age_range,zodiac from ods_user_info_d  where  uid IS NULL\n"));
  g_assert_nonnull (strstr (peers->log->str, "Total records read        :               2000\n"));

  /* A rerun replaces the object with the same bytes. */
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  ASSERT_OBJECT (peers, "ods_user_info_d/user_20240807/user_20240807.txt", expected, strlen (expected));
}

static void
create_types_table (void)
{
  sync_peers_sql (peers, "SET SESSION sql_mode = ''");
  sync_peers_sql (peers, "DROP TABLE IF EXISTS t_types");
  sync_peers_sql (peers,
    "CREATE TABLE t_types (id INT NOT NULL PRIMARY KEY,"
    " c_tiny TINYINT, c_bool TINYINT(1), c_small SMALLINT, c_medium MEDIUMINT UNSIGNED, c_int INT,"
    " c_big BIGINT UNSIGNED, c_float FLOAT, c_double DOUBLE, c_dec DECIMAL(10,4), c_bit1 BIT(1), c_bit BIT(12),"
    " c_char CHAR(4), c_varchar VARCHAR(64), c_text TEXT, c_bin BINARY(3), c_varbin VARBINARY(8), c_blob BLOB,"
    " c_enum ENUM('a','b'), c_set SET('x','y'), c_json JSON, c_date DATE, c_datetime DATETIME(6),"
    " c_ts TIMESTAMP NULL DEFAULT NULL, c_time TIME(3), c_year YEAR, c_geo POINT)"
    " DEFAULT CHARSET=utf8mb4");
  sync_peers_sql (peers,
    "INSERT INTO t_types VALUES"
    " (1, -128, 1, -32768, 16777215, -2147483648, 18446744073709551615, 1.5, -2.25e-10, 12.3400, b'1', b'101010101010',"
    "  'ab', 'pipe|in\\nnew line', '中文 UTF-8 ✓', 'a\\0b', x'00ff', x'0102', 'b', 'x,y', '{\"k\": [1, 2]}',"
    "  '2024-08-07', '2024-08-07 10:11:12.123456', '2024-08-07 10:11:12', '-838:59:59.500', 2024,"
    "  ST_GeomFromText('POINT(1 2)')),"
    " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
    " (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'0', b'0', '', '', '', '', '', '', '', '', '\"\"',"
    "  '0000-00-00', '0000-00-00 00:00:00', NULL, '00:00:00', 0000, NULL)");
}

static void
test_every_type (void)
{
  g_autofree char *text = mysql_job ("\"column\": [\"*\"], \"connection\": [{\"table\": [\"t_types\"]}], \"splitPk\": \"id\"",
                                     "\"object\": \"types/t.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                     NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GError) error = NULL;
  g_autofree char *geo_hex = NULL;
  g_autoptr(GString) geo = g_string_new (NULL);

  create_types_table ();
  geo_hex = sync_peers_sql_value (peers, "SELECT HEX(c_geo) FROM t_types WHERE id = 1");
  for (guint i = 0; geo_hex[i] && geo_hex[i + 1]; i += 2)
    g_string_append_c (geo, (char) ((g_ascii_xdigit_value (geo_hex[i]) << 4) | g_ascii_xdigit_value (geo_hex[i + 1])));

  {
    /* NUL bytes and the WKB of the point: assembled as bytes, not as a C string. */
    static const char row1[] =
      "1|-128|1|-32768|16777215|-2147483648|18446744073709551615|1.5|-0.000000000225|12.3400|true|2730"
      "|ab|pipe|in\nnew line|中文 UTF-8 ✓|a\0b|\0\xff|\x01\x02|b|x,y|{\"k\": [1, 2]}"
      "|2024-08-07|2024-08-07 10:11:12|2024-08-07 10:11:12|-838:59:59|2024|";
    static const char row2[] =
      "\n2|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N"
      "|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N|\\N\n";
    static const char row3[] = "3|0|0|0|0|0|0|0|0|0.0000|false|0||||\0\0\0|||||\"\"|\\N|\\N|\\N|00:00:00|0|\\N\n";
    g_autoptr(GByteArray) bytes = g_byte_array_new ();

    g_byte_array_append (bytes, (const guint8 *) row1, sizeof row1 - 1);
    g_byte_array_append (bytes, (const guint8 *) geo->str, geo->len);
    g_byte_array_append (bytes, (const guint8 *) row2, sizeof row2 - 1);
    g_byte_array_append (bytes, (const guint8 *) row3, sizeof row3 - 1);

    sync_peers_clear_bucket (peers);
    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    ASSERT_OBJECT (peers, "types/t.txt", bytes->data, bytes->len);
  }
}

static void
test_split_gaps_and_nulls (void)
{
  g_autofree char *text = mysql_job ("\"column\": [\"k\", \"v\"], \"connection\": [{\"table\": [\"t_split\"]}],"
                                     " \"splitPk\": \"k\", \"splitFactor\": 2",
                                     "\"object\": \"split/k.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                     "{\"speed\": {\"concurrent\": 3}}");
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) object = NULL;
  g_auto(GStrv) lines = NULL;

  sync_peers_sql (peers, "DROP TABLE IF EXISTS t_split");
  sync_peers_sql (peers, "CREATE TABLE t_split (id INT AUTO_INCREMENT PRIMARY KEY, k INT NULL, v VARCHAR(16), KEY (k))");
  sync_peers_sql (peers, "INSERT INTO t_split (k, v) VALUES (-50, 'a'), (-49, 'b'), (7, 'c'), (1000, 'd'),"
                         " (NULL, 'n1'), (999, 'e'), (NULL, 'n2'), (300, 'f')");

  sync_peers_clear_bucket (peers);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* ceil(3 / 1) * 2 = 6 ranges over [-50, 1000] (gap 1050: step 175), then IS NULL. */
  g_assert_nonnull (strstr (peers->log->str,
                            "Slice 1 of 7: select k,v from t_split  where  (-50 <= k AND k < 125) \n"
                            "Slice 2 of 7: select k,v from t_split  where  (125 <= k AND k < 300) \n"
                            "Slice 3 of 7: select k,v from t_split  where  (300 <= k AND k < 475) \n"
                            "Slice 4 of 7: select k,v from t_split  where  (475 <= k AND k < 650) \n"
                            "Slice 5 of 7: select k,v from t_split  where  (650 <= k AND k < 825) \n"
                            "Slice 6 of 7: select k,v from t_split  where  (825 <= k AND k <= 1000) \n"
                            "Slice 7 of 7: select k,v from t_split  where  k IS NULL\n"));

  object = sync_peers_read_object (peers, "split/k.txt");
  g_assert_nonnull (object);
  lines = g_strsplit (g_bytes_get_data (object, NULL), "\n", -1);
  /* Slices in order; within the first slice the server's order; NULL keys last. */
  g_assert_cmpuint (g_strv_length (lines), ==, 9);
  g_assert_cmpstr (lines[8], ==, "");
  {
    g_autoptr(GPtrArray) first = g_ptr_array_new ();

    for (guint i = 0; i < 3; i++)
      g_ptr_array_add (first, lines[i]);
    g_assert_true (g_ptr_array_find_with_equal_func (first, "-50|a", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (first, "-49|b", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (first, "7|c", g_str_equal, NULL));
  }
  g_assert_cmpstr (lines[3], ==, "300|f");
  g_assert_true ((strcmp (lines[4], "1000|d") == 0 && strcmp (lines[5], "999|e") == 0) ||
                 (strcmp (lines[4], "999|e") == 0 && strcmp (lines[5], "1000|d") == 0));
  g_assert_true ((strcmp (lines[6], "\\N|n1") == 0 && strcmp (lines[7], "\\N|n2") == 0) ||
                 (strcmp (lines[6], "\\N|n2") == 0 && strcmp (lines[7], "\\N|n1") == 0));
}

static void
test_split_not_integer (void)
{
  g_autofree char *text = mysql_job ("\"column\": [\"uid\", \"gender\"], \"connection\": [{\"table\": [\"ods_user_info_d\"]}],"
                                     " \"splitPk\": \"gender\"",
                                     "\"object\": \"split/bad.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                     NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) object = NULL;

  sync_peers_clear_bucket (peers);
  g_assert_false (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB);
  g_assert_cmpstr (error->message, ==, "steps[0].parameter.splitPk: \"gender\" is not an integer column");
  object = sync_peers_read_object (peers, "split/bad.txt");
  g_assert_null (object);
}

static void
test_zero_and_one_row (void)
{
  g_autofree char *text = mysql_job ("\"column\": [\"id\", \"v\"], \"connection\": [{\"table\": [\"t_small\"]}], \"splitPk\": \"id\"",
                                     "\"object\": \"small/s.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true,"
                                     " \"header\": [\"id\", \"v\"]",
                                     NULL);
  g_autoptr(GError) error = NULL;

  sync_peers_clear_bucket (peers);
  sync_peers_sql (peers, "DROP TABLE IF EXISTS t_small");
  sync_peers_sql (peers, "CREATE TABLE t_small (id BIGINT PRIMARY KEY, v VARCHAR(8))");
  {
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");

    /* No rows: MIN/MAX are NULL, so one unsplit query; an empty object, with its header. */
    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (peers->log->str, "Slice 1 of 1: select id,v from t_small \n"));
    ASSERT_OBJECT_TEXT (peers, "small/s.txt", "id|v\n");
  }
  sync_peers_sql (peers, "INSERT INTO t_small VALUES (-42, 'only')");
  {
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");

    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (peers->log->str,
                              "Slice 1 of 2: select id,v from t_small  where  (-42 <= id AND id <= -42) \n"
                              "Slice 2 of 2: select id,v from t_small  where  id IS NULL\n"));
    ASSERT_OBJECT_TEXT (peers, "small/s.txt", "id|v\n-42|only\n");
  }
}

static void
test_gbk_and_dirty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gsize expected_len = 0;

  sync_peers_sql (peers, "DROP TABLE IF EXISTS t_gbk");
  sync_peers_sql (peers, "CREATE TABLE t_gbk (id INT PRIMARY KEY, name VARCHAR(16)) DEFAULT CHARSET=utf8mb4");
  sync_peers_sql (peers, "INSERT INTO t_gbk VALUES (1, '张三'), (2, '😀 smile'), (3, '李四|x')");
  expected = g_convert ("1|张三\n3|李四|x\n", -1, "GBK", "UTF-8", NULL, &expected_len, &error);
  g_assert_no_error (error);

  {
    /* One record cannot be written in GBK: allowed by errorLimit.record 1. */
    g_autofree char *text = mysql_job ("\"column\": [\"id\", \"name\"], \"connection\": [{\"table\": [\"t_gbk\"]}]",
                                       "\"object\": \"gbk/g.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true,"
                                       " \"encoding\": \"GBK\"",
                                       "{\"errorLimit\": {\"record\": 1}, \"speed\": {\"concurrent\": 1}}");
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");

    sync_peers_clear_bucket (peers);
    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    ASSERT_OBJECT (peers, "gbk/g.txt", expected, expected_len);
    g_assert_nonnull (strstr (peers->log->str,
                              "Dirty record 1 (writer): character U+1F600 cannot be written in GBK: [\"2\",\"😀 smile\"]\n"));
    g_assert_nonnull (strstr (peers->log->str, "Total read/write failures :                  1\n"));
  }
  {
    /* record 0: any dirty record fails the job, and nothing is written. */
    g_autofree char *text = mysql_job ("\"column\": [\"id\", \"name\"], \"connection\": [{\"table\": [\"t_gbk\"]}]",
                                       "\"object\": \"gbk/h.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true,"
                                       " \"encoding\": \"GBK\"",
                                       "{\"errorLimit\": {\"record\": \"0\"}, \"speed\": {\"concurrent\": 1}}");
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
    g_autoptr(GBytes) object = NULL;

    g_assert_false (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_LIMIT);
    g_assert_cmpstr (error->message, ==, "dirty data limit exceeded: 1 dirty records, setting.errorLimit.record allows 0");
    object = sync_peers_read_object (peers, "gbk/h.txt");
    g_assert_null (object);
  }
}

static void
test_query_sql_and_where (void)
{
  g_autoptr(GError) error = NULL;

  sync_peers_sql (peers, "DROP TABLE IF EXISTS t_days");
  sync_peers_sql (peers, "CREATE TABLE t_days (id INT PRIMARY KEY, dt CHAR(8), n INT)");
  sync_peers_sql (peers, "INSERT INTO t_days VALUES (1, '20240806', 10), (2, '20240807', 20), (3, '20240807', 30)");
  sync_peers_clear_bucket (peers);
  {
    g_autofree char *text = mysql_job ("\"column\": [\"id\", \"n\", \"'const'\"], \"connection\": [{\"table\": [\"t_days\"]}],"
                                       " \"where\": \"dt = '${bizdate}'\", \"splitPk\": \"id\"",
                                       "\"object\": \"days/${bizdate}\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                       NULL);
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");

    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (peers->log->str,
                              "Split key range: SELECT MIN(id),MAX(id) FROM t_days WHERE (dt = '20240807' AND id IS NOT NULL)\n"));
    g_assert_nonnull (strstr (peers->log->str,
                              "select id,n,'const' from t_days where (dt = '20240807') and  (2 <= id AND id <= 3) \n"));
    ASSERT_OBJECT_TEXT (peers, "days/20240807", "2|20|const\n3|30|const\n");
  }
  {
    g_autofree char *text = mysql_job ("\"connection\": [{\"querySql\": [\"select n * 2, dt from t_days where id = 1\","
                                       " \"select 'q2', NULL\"]}]",
                                       "\"object\": \"days/q\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                       NULL);
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");

    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    ASSERT_OBJECT_TEXT (peers, "days/q", "20|20240806\nq2|\\N\n");
  }
}

static void
test_write_modes (void)
{
  g_autoptr(GError) error = NULL;
  static const char reader[] = "\"column\": [\"id\", \"v\"], \"connection\": [{\"table\": [\"t_small\"]}]";

  sync_peers_clear_bucket (peers);
  sync_peers_sql (peers, "DROP TABLE IF EXISTS t_small");
  sync_peers_sql (peers, "CREATE TABLE t_small (id BIGINT PRIMARY KEY, v VARCHAR(8))");
  sync_peers_sql (peers, "INSERT INTO t_small VALUES (1, 'one'), (2, 'two')");

  {
    /* truncate: every object starting with the name goes; others stay. */
    g_autofree char *text = mysql_job (reader, "\"object\": \"wm/t/a.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                       NULL);
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
    g_auto(GStrv) keys = NULL;

    g_auto(GStrv) uploads = NULL;
    g_autofree char *aborted = g_strdup_printf ("aborted 2 incomplete uploads of s3://%s/wm/t/a.txt_1 left by an "
                                                "interrupted run\n", trib_test_require_env ("TRIB_TEST_S3_BUCKET"));

    sync_peers_put_object (peers, "wm/t/a.txt", "old\n");
    sync_peers_put_object (peers, "wm/t/a.txt_1", "old roll\n");
    sync_peers_put_object (peers, "wm/t/a.txt.bak", "old bak\n");
    sync_peers_put_object (peers, "wm/t/other", "kept\n");
    /* Uploads a killed run left under the prefix go too (truncate owns it); others stay. */
    g_free (sync_peers_start_upload (peers, "wm/t/a.txt_1", "killed\n"));
    g_free (sync_peers_start_upload (peers, "wm/t/a.txt_1", "killed again\n"));
    g_free (sync_peers_start_upload (peers, "wm/t/other", "not ours\n"));
    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    keys = sync_peers_list_objects (peers, "wm/t/");
    g_assert_cmpstrv (keys, ((const char * const[]) { "wm/t/a.txt", "wm/t/other", NULL }));
    ASSERT_OBJECT_TEXT (peers, "wm/t/a.txt", "1|one\n2|two\n");
    ASSERT_OBJECT_TEXT (peers, "wm/t/other", "kept\n");
    uploads = sync_peers_list_uploads (peers, "wm/t/");
    g_assert_cmpstrv (uploads, ((const char * const[]) { "wm/t/other", NULL }));
    g_assert_nonnull (strstr (peers->log->str, aborted));
  }
  {
    /* append: a new object with a unique suffix each run; nothing is removed. */
    g_autofree char *text = mysql_job (reader, "\"object\": \"wm/a/x\", \"writeMode\": \"append\"", NULL);
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
    g_auto(GStrv) keys = NULL;

    g_auto(GStrv) uploads = NULL;

    sync_peers_put_object (peers, "wm/a/x__old", "old\n");
    /* Another writer's upload under the prefix may be live: append leaves it alone. */
    g_free (sync_peers_start_upload (peers, "wm/a/x__0123456789abcdef0123456789abcdef", "live\n"));
    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    uploads = sync_peers_list_uploads (peers, "wm/a/");
    g_assert_cmpstrv (uploads, ((const char * const[]) { "wm/a/x__0123456789abcdef0123456789abcdef", NULL }));
    keys = sync_peers_list_objects (peers, "wm/a/");
    g_assert_cmpuint (g_strv_length (keys), ==, 3);
    for (guint i = 0; keys[i]; i++)
      {
        if (strcmp (keys[i], "wm/a/x__old") == 0)
          continue;
        g_assert_true (g_str_has_prefix (keys[i], "wm/a/x__"));
        g_assert_cmpuint (strlen (keys[i]), ==, strlen ("wm/a/x__") + 32);
        ASSERT_OBJECT (peers, keys[i], "1|one\n2|two\n", 12);
      }
  }
  {
    /* nonConflict: refused before anything is read when the prefix has objects. */
    g_autofree char *text = mysql_job (reader, "\"object\": \"wm/n/x\", \"writeMode\": \"nonConflict\"", NULL);
    g_autofree char *free_text = mysql_job (reader, "\"object\": \"wm/n/y\", \"writeMode\": \"nonConflict\"", NULL);
    g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
    g_autoptr(TribSyncJob) free_job = sync_peers_job (free_text, "20240807");
    g_auto(GStrv) keys = NULL;

    sync_peers_put_object (peers, "wm/n/x.txt", "old\n");
    g_assert_false (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_CONFLICT);
    g_assert_cmpstr (error->message, ==,
                     "steps[1].parameter.writeMode: nonConflict, but 1 objects already start with \"wm/n/x\", such as \"wm/n/x.txt\"");
    g_clear_error (&error);
    g_assert_true (sync_peers_run (peers, free_job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    keys = sync_peers_list_objects (peers, "wm/n/");
    g_assert_cmpuint (g_strv_length (keys), ==, 2);
    g_assert_cmpstr (keys[0], ==, "wm/n/x.txt");
    g_assert_true (g_str_has_prefix (keys[1], "wm/n/y__"));
  }
}

static void
create_big_table (void)
{
  g_autofree char *n = sync_peers_sql_value (peers, "SELECT COUNT(*) FROM information_schema.TABLES"
                                                    " WHERE TABLE_SCHEMA = 'workshop' AND TABLE_NAME = 't_big'");

  if (strcmp (n, "1") == 0)
    return;
  sync_peers_sql (peers, "CREATE TABLE t_big (id INT PRIMARY KEY, pad VARCHAR(40))");
  sync_peers_sql (peers, "INSERT INTO t_big SELECT seq, CONCAT('row-', seq, '-', REPEAT('x', 24)) FROM seq_1_to_100000");
}

static void
create_fault_table (void)
{
  g_autofree char *n = sync_peers_sql_value (peers, "SELECT COUNT(*) FROM information_schema.TABLES"
                                                    " WHERE TABLE_SCHEMA = 'workshop' AND TABLE_NAME = 't_fault'");

  if (strcmp (n, "1") == 0)
    return;
  sync_peers_sql (peers, "CREATE TABLE t_fault (id INT PRIMARY KEY, pad VARCHAR(40))");
  sync_peers_sql (peers, "INSERT INTO t_fault SELECT seq, CONCAT('row-', seq, '-', REPEAT('x', 24)) FROM seq_1_to_1000000");
}

static char *
expected_rows (guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "%u|row-%u-xxxxxxxxxxxxxxxxxxxxxxxx\n", i, i);
  return g_string_free (s, FALSE);
}

static void
test_rolling (void)
{
  g_autofree char *text = mysql_job ("\"column\": [\"id\", \"pad\"], \"connection\": [{\"table\": [\"t_big\"]}], \"splitPk\": \"id\"",
                                     "\"object\": \"roll/part\", \"writeMode\": \"truncate\", \"maxFileSize\": 1,"
                                     " \"suffix\": \"txt\", \"header\": [\"id\", \"pad\"]",
                                     NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = expected_rows (100000);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_auto(GStrv) keys = NULL;
  g_autofree char *base = NULL;

  create_big_table ();
  sync_peers_clear_bucket (peers);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* 4077790 bytes: object__<uuid>.txt, then _1, _2, _3, each at most 1 MiB with the header. */
  g_assert_cmpuint (strlen (expected), ==, 4077790);
  keys = sync_peers_list_objects (peers, "roll/");
  g_assert_cmpuint (g_strv_length (keys), ==, 4);
  g_assert_true (g_str_has_suffix (keys[0], ".txt"));
  base = g_strndup (keys[0], strlen (keys[0]) - 4);
  g_assert_cmpuint (strlen (base), ==, strlen ("roll/part__") + 32);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *key = i == 0 ? g_strdup_printf ("%s.txt", base) : g_strdup_printf ("%s_%u.txt", base, i);
      g_autoptr(GBytes) object = sync_peers_read_object (peers, key);
      gsize size;
      const char *data;

      g_assert_nonnull (object);
      data = g_bytes_get_data (object, &size);
      g_assert_cmpuint (size, <=, 1024 * 1024);
      g_assert_true (size > 7 && memcmp (data, "id|pad\n", 7) == 0);
      g_string_append_len (joined, data + 7, size - 7);
    }
  g_assert_cmpmem (joined->str, joined->len, expected, strlen (expected));
}

typedef struct
{
  gboolean done;
  int      how;   /* 0: KILL the reading connections, 1: SIGSTOP the server, 2: cancel */
  GCancellable *cancellable;
} Fault;

static void
fault_progress_cb (const TribSyncProgress *progress,
                   gpointer                user_data)
{
  Fault *fault = user_data;

  if (fault->done || progress->records_read == 0)
    return;
  fault->done = TRUE;
  if (fault->how == 0)
    {
      g_autofree char *ids = sync_peers_sql_value (peers,
        "SELECT GROUP_CONCAT(id) FROM information_schema.PROCESSLIST"
        " WHERE id <> CONNECTION_ID() AND USER = 'workshop' AND INFO LIKE 'select id,pad from t_fault%'");
      g_auto(GStrv) list = g_strsplit (ids ? ids : "", ",", -1);

      g_test_message ("killing connections %s", ids);
      g_assert_nonnull (ids);
      for (guint i = 0; list[i]; i++)
        {
          g_autofree char *sql = g_strdup_printf ("KILL CONNECTION %s", list[i]);

          sync_peers_sql (peers, sql);
        }
    }
  else if (fault->how == 1)
    {
      g_test_message ("stopping MariaDB");
      kill ((pid_t) g_ascii_strtoll (trib_test_require_env ("TRIB_TEST_MYSQL_PID"), NULL, 10), SIGSTOP);
    }
  else
    g_cancellable_cancel (fault->cancellable);
}

static void
run_with_fault (int          how,
                const char  *message_prefix)
{
  /* 1 MB/s over one 40 MB slice: the server is still sending when it is hit. */
  g_autofree char *text = mysql_job ("\"column\": [\"id\", \"pad\"], \"connection\": [{\"table\": [\"t_fault\"]}],"
                                     " \"splitPk\": \"id\", \"splitFactor\": 1",
                                     "\"object\": \"fault/big.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                     "{\"speed\": {\"concurrent\": 1, \"throttle\": true, \"mbps\": 1}}");
  g_autofree char *fast_text = mysql_job ("\"column\": [\"id\", \"pad\"], \"connection\": [{\"table\": [\"t_fault\"]}], \"splitPk\": \"id\"",
                                          "\"object\": \"fault/big.txt\", \"writeMode\": \"truncate\", \"writeSingleObject\": true",
                                          NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(TribSyncJob) fast_job = sync_peers_job (fast_text, "20240807");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) object = NULL;
  g_autofree char *expected = expected_rows (1000000);
  Fault fault = { FALSE, how, cancellable };
  g_auto(GStrv) keys = NULL;

  create_fault_table ();
  sync_peers_clear_bucket (peers);
  g_assert_false (sync_peers_run (peers, job, NULL, fault_progress_cb, &fault, cancellable, &error));
  g_assert_true (fault.done);
  if (how == 1)
    kill ((pid_t) g_ascii_strtoll (trib_test_require_env ("TRIB_TEST_MYSQL_PID"), NULL, 10), SIGCONT);
  g_assert_nonnull (error);
  g_test_message ("failed as expected: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, message_prefix));

  /* Nothing at the final name, nothing anywhere in the bucket. */
  object = sync_peers_read_object (peers, "fault/big.txt");
  g_assert_null (object);
  keys = sync_peers_list_objects (peers, "");
  g_assert_cmpstrv (keys, ((const char * const[]) { NULL }));

  /* The rerun gives exactly the table. */
  g_clear_error (&error);
  g_assert_true (sync_peers_run (peers, fast_job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "fault/big.txt", expected, strlen (expected));
}

static void
test_fault_killed (void)
{
  run_with_fault (0, "cannot read from MySQL (slice ");
}

static void
test_fault_stopped (void)
{
  TribDataSource *mysql = trib_workspace_lookup_data_source (peers->workspace, "user_behavior_analysis_mysql");
  g_autoptr(GError) error = NULL;

  /* A stopped server answers nothing: the read timeout ends the wait. */
  g_assert_true (trib_data_source_set_option (mysql, "read_timeout", "2", &error));
  run_with_fault (1, "cannot read from MySQL (slice ");
  trib_data_source_unset_option (mysql, "read_timeout");
}

static void
test_cancel (void)
{
  run_with_fault (2, "The sync job was cancelled");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = sync_peers_new ();

  g_test_add_func ("/sync/mysql/tutorial", test_tutorial);
  g_test_add_func ("/sync/mysql/every-type", test_every_type);
  g_test_add_func ("/sync/mysql/split-gaps-and-nulls", test_split_gaps_and_nulls);
  g_test_add_func ("/sync/mysql/split-not-integer", test_split_not_integer);
  g_test_add_func ("/sync/mysql/zero-and-one-row", test_zero_and_one_row);
  g_test_add_func ("/sync/mysql/gbk-and-dirty", test_gbk_and_dirty);
  g_test_add_func ("/sync/mysql/query-sql-and-where", test_query_sql_and_where);
  g_test_add_func ("/sync/mysql/write-modes", test_write_modes);
  g_test_add_func ("/sync/mysql/rolling", test_rolling);
  g_test_add_func ("/sync/mysql/fault-killed", test_fault_killed);
  g_test_add_func ("/sync/mysql/fault-stopped", test_fault_stopped);
  g_test_add_func ("/sync/mysql/cancel", test_cancel);

  status = g_test_run ();
  sync_peers_free (peers);
  return status;
}
