/* test-query.c: the library side of ad hoc queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "trib-hs2-batch-private.h"
#include "trib-test-util.h"

static void
test_text_format (void)
{
  g_autofree char *ds = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;

  sql = trib_query_text_parse ("-- datasource: spark_prod\nSELECT 1;\n", &ds);
  g_assert_cmpstr (ds, ==, "spark_prod");
  g_assert_cmpstr (sql, ==, "SELECT 1;\n");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&ds, g_free);

  /* Without the line: all of it is SQL, no data source. */
  sql = trib_query_text_parse ("SELECT 2;", &ds);
  g_assert_null (ds);
  g_assert_cmpstr (sql, ==, "SELECT 2;");
  g_clear_pointer (&sql, g_free);

  /* Another editor's byte order mark and spaces do not hide it. */
  sql = trib_query_text_parse ("\xEF\xBB\xBF-- DataSource:   mysql_a  \r\nSELECT 3", &ds);
  g_assert_cmpstr (ds, ==, "mysql_a");
  g_assert_cmpstr (sql, ==, "SELECT 3");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&ds, g_free);

  text = trib_query_text_format ("spark_prod", "SELECT 1;");
  g_assert_cmpstr (text, ==, "-- datasource: spark_prod\nSELECT 1;\n");
  g_clear_pointer (&text, g_free);
  text = trib_query_text_format (NULL, "");
  g_assert_cmpstr (text, ==, "");

  g_assert_true (trib_query_name_is_valid ("daily check_1", NULL));
  g_assert_false (trib_query_name_is_valid ("", NULL));
  g_assert_false (trib_query_name_is_valid ("   ", NULL));
  g_assert_false (trib_query_name_is_valid ("../escape", NULL));
  g_assert_false (trib_query_name_is_valid (".hidden", NULL));
  g_assert_false (trib_query_name_is_valid ("a\nb", NULL));
}

static void
test_save_and_load (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("query-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "queries", "check.sql", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *ds = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *raw = NULL;

  g_assert_true (trib_saved_query_save (file, "spark", "SELECT '${bizdate}'", NULL, &error));
  g_assert_no_error (error);
  raw = trib_test_read_file (path);
  g_assert_cmpstr (raw, ==, "-- datasource: spark\nSELECT '${bizdate}'\n");
  sql = trib_saved_query_load (file, &ds, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ds, ==, "spark");
  g_assert_cmpstr (sql, ==, "SELECT '${bizdate}'\n");

  /* Not UTF-8: a clear error naming the file. */
  trib_test_write_file (path, "SELECT '\xff'");
  g_clear_pointer (&sql, g_free);
  sql = trib_saved_query_load (file, NULL, NULL, &error);
  g_assert_null (sql);
  g_assert_nonnull (strstr (error->message, "check.sql: not UTF-8 text"));
  trib_test_rm_rf (dir);
}

static void
put (GHashTable *values,
     const char *name,
     const char *value)
{
  g_hash_table_replace (values, g_strdup (name), g_strdup (value));
}

static void
test_params (void)
{
  g_auto(GStrv) names = trib_query_params_find ("SELECT '${bizdate}', '${ region }', '$[yyyymmdd-1]', "
                                                "'$${literal}', '${bizdate}'");
  g_autoptr(GDateTime) cyctime = NULL;
  g_autoptr(TribParamContext) context = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "bizdate");
  g_assert_cmpstr (names[1], ==, "region");
  g_assert_cmpstr (names[2], ==, "$[yyyymmdd-1]");

  /* A manual run on 2024-08-08: bizdate is the day before, $[...] evaluated. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
    cyctime = g_date_time_new (tz, 2024, 8, 8, 10, 0, 0);
  }
  context = trib_param_context_new (cyctime, "adhoc", "adhoc", "adhoc");
  value = trib_query_params_default_value ("bizdate", context);
  g_assert_cmpstr (value, ==, "20240807");
  g_clear_pointer (&value, g_free);
  value = trib_query_params_default_value ("$[yyyymmdd-1]", context);
  g_assert_cmpstr (value, ==, "20240807");
  g_clear_pointer (&value, g_free);
  value = trib_query_params_default_value ("region", context);
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  put (values, "bizdate", "20240807");
  put (values, "$[yyyymmdd-1]", "20240806");
  sql = trib_query_params_apply ("SELECT '${bizdate}', '${ region }'", values, &error);
  g_assert_null (sql);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The parameter ${region} has no value");
  g_clear_error (&error);

  put (values, "region", "cn");
  sql = trib_query_params_apply ("SELECT '${bizdate}', '${ region }', '$[yyyymmdd-1]', '$${literal}'", values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sql, ==, "SELECT '20240807', 'cn', '20240806', '${literal}'");
  g_clear_pointer (&sql, g_free);

  sql = trib_query_params_apply ("SELECT 1;\n SELECT '${oops", values, &error);
  g_assert_null (sql);
  g_assert_cmpstr (error->message, ==, "Line 2: “${” is not closed");
  g_clear_error (&error);

  g_hash_table_remove (values, "$[yyyymmdd-1]");
  text = trib_query_params_to_string (values);
  g_assert_cmpstr (text, ==, "bizdate=20240807 region=cn");
}

static void
test_drafts_and_remembered_values (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("drafts-XXXXXX");
  g_autoptr(GFile) state = g_file_new_for_path (dir);
  g_autoptr(GFile) draft = trib_query_draft_dup_file (state, "a/b");
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *base = g_file_get_basename (draft);

  /* A name is never a path. */
  g_assert_cmpstr (base, ==, "a_b.sql");
  g_assert_true (trib_saved_query_save (draft, "spark", "SELECT 1", NULL, &error));
  keys = trib_query_drafts_list (state, NULL);
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  g_assert_cmpstr (keys[0], ==, "a_b");
  g_assert_true (trib_query_draft_discard (state, "a/b", &error));
  g_assert_true (trib_query_draft_discard (state, "a/b", &error));
  g_assert_false (g_file_query_exists (draft, NULL));

  loaded = trib_query_params_load (state, "q");
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
  g_clear_pointer (&loaded, g_hash_table_unref);
  put (values, "bizdate", "20240807");
  put (values, "$[hh24]", "10");
  g_assert_true (trib_query_params_save (state, "q", values, &error));
  g_assert_no_error (error);
  loaded = trib_query_params_load (state, "q");
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (loaded, "bizdate"), ==, "20240807");
  g_assert_cmpstr (g_hash_table_lookup (loaded, "$[hh24]"), ==, "10");
  trib_test_rm_rf (dir);
}

/* A batch as the client decodes one: an int column, a string column with NULL and "". */
static TribHs2Batch *
make_batch (void)
{
  TribHs2Batch *batch = _trib_hs2_batch_new (2);
  static const char last[] = "a,b\"c\td\nesc\\";
  gint64 *ints = g_new (gint64, 4);
  guint32 *offsets = g_new (guint32, 5);
  GString *bytes = g_string_new ("x");

  g_string_append (bytes, last);
  batch->n_rows = 4;
  ints[0] = 1;
  ints[1] = -2;
  ints[2] = 3;
  ints[3] = 40;
  batch->columns[0].kind = TRIB_HS2_COLUMN_I64;
  batch->columns[0].n_rows = 4;
  batch->columns[0].values = ints;
  /* "x", NULL, "", last */
  offsets[0] = 0;
  offsets[1] = 1;
  offsets[2] = 1;
  offsets[3] = 1;
  offsets[4] = (guint32) bytes->len;
  batch->columns[1].kind = TRIB_HS2_COLUMN_STRING;
  batch->columns[1].n_rows = 4;
  batch->columns[1].offsets = offsets;
  batch->columns[1].bytes = (guint8 *) g_string_free (bytes, FALSE);
  batch->columns[1].nulls = g_malloc0 (1);
  batch->columns[1].nulls[0] = 0x02;
  batch->columns[1].nulls_len = 1;
  return batch;
}

static GPtrArray *
make_schema (void)
{
  GPtrArray *schema = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_column_desc_free);
  const char *names[] = { "id", "te\"xt" };

  for (guint i = 0; i < 2; i++)
    {
      TribHs2ColumnDesc *d = g_new0 (TribHs2ColumnDesc, 1);

      d->name = g_strdup (names[i]);
      d->type_id = i == 0 ? TRIB_HS2_TYPE_BIGINT : TRIB_HS2_TYPE_STRING;
      d->type_name = g_strdup (i == 0 ? "BIGINT" : "STRING");
      g_ptr_array_add (schema, d);
    }
  return schema;
}

static char *
export_to_string (TribQueryExportFormat  format,
                  GPtrArray             *schema,
                  GPtrArray             *batches)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (trib_query_export_write (format, schema, batches, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
}

static void
test_export (void)
{
  g_autoptr(GPtrArray) schema = make_schema ();
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_batch_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(TribHs2ResultSet) rs = trib_hs2_result_set_new (schema);
  g_autofree char *csv = NULL;
  g_autofree char *tsv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *empty_json = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = trib_test_make_tmpdir ("export-XXXXXX");
  guint rows[] = { 3, 0 };

  g_ptr_array_add (batches, make_batch ());
  g_assert_true (trib_hs2_result_set_append_batch (rs, g_ptr_array_index (batches, 0), NULL));

  /* CSV is the CLI's RFC 4180: NULL empty, "" quoted, CRLF. */
  csv = export_to_string (TRIB_QUERY_EXPORT_CSV, schema, batches);
  g_assert_cmpstr (csv, ==, "id,\"te\"\"xt\"\r\n1,x\r\n-2,\r\n3,\"\"\r\n40,\"a,b\"\"c\td\nesc\\\"\r\n");
  tsv = export_to_string (TRIB_QUERY_EXPORT_TSV, schema, batches);
  g_assert_cmpstr (tsv, ==, "id\tte\"xt\n1\tx\n-2\t\n3\t\n40\ta,b\"c\\td\\nesc\\\\\n");
  json = export_to_string (TRIB_QUERY_EXPORT_JSON, schema, batches);
  g_assert_cmpstr (json, ==, "[\n{\"id\": 1, \"te\\\"xt\": \"x\"},\n{\"id\": -2, \"te\\\"xt\": null},\n"
                             "{\"id\": 3, \"te\\\"xt\": \"\"},\n{\"id\": 40, \"te\\\"xt\": \"a,b\\\"c\\td\\nesc\\\\\"}\n]\n");
  empty_json = export_to_string (TRIB_QUERY_EXPORT_JSON, schema, none);
  g_assert_cmpstr (empty_json, ==, "[]\n");

  /* Copy: the chosen rows in the order given, with the header. */
  copied = trib_query_export_rows_as_tsv (rs, rows, 2, NULL, 0);
  g_assert_cmpstr (copied, ==, "id\tte\"xt\n40\ta,b\"c\\td\\nesc\\\\\n1\tx\n");

  g_assert_cmpint (trib_query_export_format_from_string ("tsv"), ==, TRIB_QUERY_EXPORT_TSV);
  g_assert_cmpint (trib_query_export_format_from_string ("xls"), ==, -1);

  /* To a file, from a worker, the same bytes. */
  path = g_build_filename (dir, "out.csv", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *written = NULL;

    trib_query_export_to_file_async (TRIB_QUERY_EXPORT_CSV, schema, batches, file, NULL, NULL, NULL);
    while (!g_file_test (path, G_FILE_TEST_EXISTS))
      g_main_context_iteration (NULL, TRUE);
    /* The rename is the last step: once there, the file is whole. */
    written = trib_test_read_file (path);
    g_assert_cmpstr (written, ==, csv);
  }
  trib_test_rm_rf (dir);
}

static void
test_history (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("history-XXXXXX");
  g_autoptr(GFile) state = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHistory) history = trib_history_open (state, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) filtered = NULL;
  TribQueryRunRecord *r;

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %u FROM ods_user_info_d_spark", i);
      g_autoptr(TribQueryRunRecord) rec =
        trib_query_run_record_new (0, i == 2 ? "other" : "verify", "spark", sql, "bizdate=20240807",
                                   1000 + i, 400000, i == 1 ? -1 : 2500, i == 1 ? "failed" : "success",
                                   i == 1 ? "SQLSTATE 42000" : NULL);
      g_assert_cmpint (trib_query_history_add (history, rec, &error), ==, i + 1);
      g_assert_no_error (error);
    }
  all = trib_query_history_list (history, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  r = g_ptr_array_index (all, 0);
  g_assert_cmpint (trib_query_run_record_get_id (r), ==, 3);
  g_assert_cmpstr (trib_query_run_record_get_query_name (r), ==, "other");
  g_assert_cmpint (trib_query_run_record_get_rows (r), ==, 2500);
  r = g_ptr_array_index (all, 1);
  g_assert_cmpint (trib_query_run_record_get_rows (r), ==, -1);
  g_assert_cmpstr (trib_query_run_record_get_outcome (r), ==, "failed");
  g_assert_cmpstr (trib_query_run_record_get_message (r), ==, "SQLSTATE 42000");
  g_assert_cmpint (trib_query_run_record_get_duration (r), ==, 400000);

  filtered = trib_query_history_list (history, "SELECT 0", 10, &error);
  g_assert_cmpuint (filtered->len, ==, 1);
  g_clear_pointer (&filtered, g_ptr_array_unref);
  filtered = trib_query_history_list (history, "OTHER", 10, &error);
  g_assert_cmpuint (filtered->len, ==, 1);
  g_clear_pointer (&filtered, g_ptr_array_unref);
  filtered = trib_query_history_list (history, NULL, 2, &error);
  g_assert_cmpuint (filtered->len, ==, 2);
  trib_test_rm_rf (dir);
}

static gboolean
store_has (TribQueryStore *store,
           guint           n)
{
  return trib_query_store_is_loaded (store) && g_list_model_get_n_items (G_LIST_MODEL (store)) == n;
}

static void
wait_for (TribQueryStore *store,
          guint           n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!store_has (store, n))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_store_follows_the_folder (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("store-XXXXXX");
  g_autoptr(GFile) workspace = g_file_new_for_path (dir);
  g_autoptr(TribQueryStore) store = trib_query_store_new (workspace);
  g_autofree char *queries = g_build_filename (dir, "queries", NULL);
  g_autofree char *b = g_build_filename (queries, "b.sql", NULL);
  g_autofree char *a = g_build_filename (queries, "a.sql", NULL);
  g_autofree char *other = g_build_filename (queries, "notes.txt", NULL);
  g_autoptr(TribSavedQuery) first = NULL;

  /* No queries/ yet: an empty list, then the folder made by git. */
  wait_for (store, 0);
  g_mkdir (queries, 0755);
  trib_test_write_file (b, "-- datasource: mysql_a\nSELECT 1;\n");
  trib_test_write_file (other, "not a query");
  wait_for (store, 1);
  trib_test_write_file (a, "SELECT 2;\n");
  wait_for (store, 2);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (trib_saved_query_get_name (first), ==, "a");
  g_assert_null (trib_saved_query_get_data_source (first));
  g_assert_cmpstr (trib_saved_query_get_data_source (trib_query_store_lookup (store, "b")), ==, "mysql_a");
  g_remove (b);
  wait_for (store, 1);
  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/query/text-format", test_text_format);
  g_test_add_func ("/query/save-and-load", test_save_and_load);
  g_test_add_func ("/query/params", test_params);
  g_test_add_func ("/query/drafts", test_drafts_and_remembered_values);
  g_test_add_func ("/query/export", test_export);
  g_test_add_func ("/query/history", test_history);
  g_test_add_func ("/query/store", test_store_follows_the_folder);

  return g_test_run ();
}
