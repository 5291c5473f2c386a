/* test-sync-preview.c: "Preview Data" through the real readers against MariaDB and the
 * HTTP server, and the MySQL catalogue the form lists tables and columns from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sync-peers.h"
#include "trib-sync-error.h"
#include "trib-sync-mysql-catalog.h"
#include "trib-sync-preview.h"

static SyncPeers *peers;

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static TribSyncPreview *
preview (const char    *job_text,
         const char    *bizdate,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TribParamSet) params = NULL;

  if (bizdate != NULL)
    {
      const char *names[] = { "bizdate", NULL };
      const char *values[] = { bizdate, NULL };

      params = trib_param_set_new (names, values, NULL);
    }
  trib_sync_preview_async (peers->workspace, job_text, params, TRIB_SYNC_PREVIEW_RECORDS, cancellable,
                           store_result, &result);
  return trib_sync_preview_finish (wait_for (&result), error);
}

static char *
row_text (GPtrArray *row)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < row->len; i++)
    {
      const char *cell = g_ptr_array_index (row, i);

      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append (text, cell ? cell : "<null>");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_mysql_tutorial (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_user_info_d_2oss_spark");
  g_autofree char *expected = sync_peers_sql_value (peers,
    "SELECT GROUP_CONCAT(CONCAT_WS('|', uid, gender, age_range, zodiac) ORDER BY uid SEPARATOR '\\n')"
    " FROM (SELECT * FROM ods_user_info_d ORDER BY uid LIMIT 20) AS first");
  g_autoptr(TribSyncPreview) result = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  result = preview (content, "20240807", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (result->column_names, ((const char * const[]) { "uid", "gender", "age_range", "zodiac", NULL }));
  g_assert_cmpuint (result->rows->len, ==, 20);
  for (guint i = 0; i < result->rows->len; i++)
    {
      g_autofree char *line = row_text (g_ptr_array_index (result->rows, i));

      g_string_append_printf (shown, "%s%s", i ? "\n" : "", line);
    }
  g_assert_cmpstr (shown->str, ==, expected);
  /* Nothing was written. */
  g_assert_null (sync_peers_read_object (peers, "ods_user_info_d/user_20240807/user_20240807.txt"));
}

static void
test_http_tutorial (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_raw_log_d_2oss_spark");
  g_autofree char *path = g_build_filename (peers->http_root, "user_log.txt", NULL);
  g_autofree char *served = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(TribSyncPreview) result = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &served, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (served, "\n", 21);

  result = preview (content, "20240807", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (result->column_names, ((const char * const[]) { "Field 1", NULL }));
  g_assert_cmpuint (result->rows->len, ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      GPtrArray *row = g_ptr_array_index (result->rows, i);

      g_assert_cmpuint (row->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (row, 0), ==, lines[i]);
    }
}

/* Delimiter, encoding, header, null format and column order as the reader applies them. */
static void
test_http_settings (void)
{
  static const char gbk_csv[] =
    "id;name;note\n"
    "1;\xd5\xc5\xc8\xfd;NULL\n"   /* 张三 in GBK */
    "2;Bob;x\n";
  static const char job[] =
    "{\"type\": \"job\", \"version\": \"2.0\", \"steps\": ["
    " {\"stepType\": \"httpfile\", \"category\": \"reader\", \"name\": \"Reader\", \"parameter\": {"
    "   \"datasource\": \"user_behavior_analysis_httpfile\", \"fileName\": \"/preview-gbk.txt\","
    "   \"fileFormat\": \"text\", \"encoding\": \"GBK\", \"fieldDelimiter\": \";\", \"compress\": \"none\","
    "   \"skipHeader\": \"true\", \"nullFormat\": \"NULL\","
    "   \"column\": [{\"index\": 2, \"type\": \"string\"}, {\"index\": 1, \"type\": \"string\"}]}},"
    " {\"stepType\": \"oss\", \"category\": \"writer\", \"name\": \"Writer\", \"parameter\": {"
    "   \"datasource\": \"test_g\", \"object\": \"preview/${bizdate}.txt\", \"fieldDelimiter\": \"|\","
    "   \"writeMode\": \"truncate\", \"writeSingleObject\": true}}],"
    " \"order\": {\"hops\": [{\"from\": \"Reader\", \"to\": \"Writer\"}]},"
    " \"setting\": {\"errorLimit\": {\"record\": \"0\"}, \"speed\": {\"throttle\": false, \"concurrent\": 1}}}";
  g_autofree char *path = g_build_filename (peers->http_root, "preview-gbk.txt", NULL);
  g_autoptr(TribSyncPreview) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_file_set_contents (path, gbk_csv, -1, &error);
  g_assert_no_error (error);
  result = preview (job, "20240807", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (result->column_names, ((const char * const[]) { "Field 3", "Field 2", NULL }));
  g_assert_cmpuint (result->rows->len, ==, 2);
  first = row_text (g_ptr_array_index (result->rows, 0));
  second = row_text (g_ptr_array_index (result->rows, 1));
  g_assert_cmpstr (first, ==, "<null>|张三");
  g_assert_cmpstr (second, ==, "x|Bob");
  g_assert_null (sync_peers_read_object (peers, "preview/20240807.txt"));
}

/* A gzip file is decompressed by the reader, as the sync does. */
static void
test_http_gzip (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GConverter) gzip = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, gzip);
  g_autofree char *path = g_build_filename (peers->http_root, "preview.txt.gz", NULL);
  g_autoptr(TribSyncPreview) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;
  g_autofree char *last = NULL;

  for (guint i = 1; i <= 100; i++)
    g_string_append_printf (text, "%u,row %u\n", i, i);
  g_output_stream_write_all (out, text->str, text->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                       (gssize) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), &error);
  g_assert_no_error (error);

  job = g_strdup_printf (
    "{\"type\": \"job\", \"version\": \"2.0\", \"steps\": ["
    " {\"stepType\": \"httpfile\", \"category\": \"reader\", \"name\": \"Reader\", \"parameter\": {"
    "   \"datasource\": \"user_behavior_analysis_httpfile\", \"fileName\": \"/preview.txt.gz\","
    "   \"fieldDelimiter\": \",\", \"compress\": \"gzip\","
    "   \"column\": [{\"index\": 1, \"type\": \"string\"}, {\"index\": 0, \"type\": \"long\"}]}},"
    " {\"stepType\": \"oss\", \"category\": \"writer\", \"name\": \"Writer\", \"parameter\": {"
    "   \"datasource\": \"test_g\", \"object\": \"preview/gz.txt\", \"fieldDelimiter\": \"|\","
    "   \"writeMode\": \"truncate\", \"writeSingleObject\": true}}],"
    " \"setting\": {\"speed\": {\"concurrent\": 1}}}");
  result = preview (job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->rows->len, ==, TRIB_SYNC_PREVIEW_RECORDS);
  last = row_text (g_ptr_array_index (result->rows, 19));
  g_assert_cmpstr (last, ==, "row 20|20");
  g_assert_null (sync_peers_read_object (peers, "preview/gz.txt"));
}

static void
test_cancelled (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_user_info_d_2oss_spark");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TribSyncPreview) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  result = preview (content, "20240807", cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_invalid_job (void)
{
  g_autoptr(TribSyncPreview) result = NULL;
  g_autoptr(GError) error = NULL;

  result = preview ("{\"type\": \"job\", \"steps\": []}", NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB);
  g_assert_cmpstr (error->message, ==,
                   "steps: no reader step (a step with \"category\": \"reader\")\n"
                   "steps: no writer step (a step with \"category\": \"writer\")");
}

static void
test_catalog (void)
{
  g_autoptr(GAsyncResult) tables_result = NULL;
  g_autoptr(GAsyncResult) columns_result = NULL;
  g_auto(GStrv) tables = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  TribSyncCatalogColumn *column;

  trib_sync_mysql_list_tables_async (peers->workspace, "user_behavior_analysis_mysql", NULL,
                                     store_result, &tables_result);
  tables = trib_sync_mysql_list_tables_finish (wait_for (&tables_result), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) tables, "ods_user_info_d"));

  trib_sync_mysql_list_columns_async (peers->workspace, "user_behavior_analysis_mysql", "ods_user_info_d", NULL,
                                      store_result, &columns_result);
  columns = trib_sync_mysql_list_columns_finish (wait_for (&columns_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (columns->len, ==, 4);
  column = g_ptr_array_index (columns, 0);
  g_assert_cmpstr (column->name, ==, "uid");
  g_assert_cmpstr (column->type, ==, "BIGINT");
  g_assert_true (column->primary_key);
  g_assert_true (column->integer);
  column = g_ptr_array_index (columns, 1);
  g_assert_cmpstr (column->name, ==, "gender");
  g_assert_cmpstr (column->type, ==, "VARCHAR");
  g_assert_false (column->primary_key);

  g_assert_cmpstr (trib_sync_mysql_suggest_split_key (columns), ==, "uid");
  g_assert_true (trib_sync_mysql_check_split_key (columns, "steps[0].parameter", "uid", &error));
  g_assert_no_error (error);
  g_assert_false (trib_sync_mysql_check_split_key (columns, "steps[0].parameter", "gender", &error));
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB);
  g_assert_cmpstr (error->message, ==, "steps[0].parameter.splitPk: \"gender\" is not an integer column");
}

static void
test_catalog_wrong_kind (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) tables = NULL;
  g_autoptr(GError) error = NULL;

  trib_sync_mysql_list_tables_async (peers->workspace, "test_g", NULL, store_result, &result);
  tables = trib_sync_mysql_list_tables_finish (wait_for (&result), &error);
  g_assert_null (tables);
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB);
  g_assert_nonnull (strstr (error->message, "\"test_g\" is a"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = sync_peers_new ();

  g_test_add_func ("/sync/preview/mysql-tutorial", test_mysql_tutorial);
  g_test_add_func ("/sync/preview/http-tutorial", test_http_tutorial);
  g_test_add_func ("/sync/preview/http-settings", test_http_settings);
  g_test_add_func ("/sync/preview/http-gzip", test_http_gzip);
  g_test_add_func ("/sync/preview/cancelled", test_cancelled);
  g_test_add_func ("/sync/preview/invalid-job", test_invalid_job);
  g_test_add_func ("/sync/preview/catalog", test_catalog);
  g_test_add_func ("/sync/preview/catalog-wrong-kind", test_catalog_wrong_kind);

  status = g_test_run ();
  sync_peers_free (peers);
  return status;
}
