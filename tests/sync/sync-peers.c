/* sync-peers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sync-peers.h"

#define S3RVER_OBJECT "._S3rver_object"

static void
set_option (TribDataSource *data_source,
            const char     *key,
            const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trib_data_source_set_option (data_source, key, value, &error));
  g_assert_no_error (error);
}

static TribDataSource *
add_source (TribWorkspace      *workspace,
            const char         *name,
            TribDataSourceKind  kind)
{
  TribDataSource *data_source = trib_data_source_new (name, kind);

  trib_workspace_put_data_source (workspace, data_source);
  g_object_unref (data_source);
  return trib_workspace_lookup_data_source (workspace, name);
}

static void
configure_s3 (TribDataSource *s3,
              const char     *endpoint)
{
  set_option (s3, "endpoint", endpoint);
  set_option (s3, "region", trib_test_require_env ("TRIB_TEST_S3_REGION"));
  set_option (s3, "bucket", trib_test_require_env ("TRIB_TEST_S3_BUCKET"));
  set_option (s3, "access_key_id", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"));
  set_option (s3, "path_style", "true");
}

SyncPeers *
sync_peers_new (void)
{
  SyncPeers *peers = g_new0 (SyncPeers, 1);
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;
  TribDataSource *mysql, *http, *s3;
  unsigned int port;

  peers->workspace_dir = trib_test_make_demo_workspace ();
  dir = g_file_new_for_path (peers->workspace_dir);
  peers->workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);

  mysql = trib_workspace_lookup_data_source (peers->workspace, "user_behavior_analysis_mysql");
  set_option (mysql, "host", trib_test_require_env ("TRIB_TEST_MYSQL_HOST"));
  set_option (mysql, "port", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  set_option (mysql, "user", trib_test_require_env ("TRIB_TEST_MYSQL_USER"));
  set_option (mysql, "database", trib_test_require_env ("TRIB_TEST_MYSQL_DATABASE"));
  g_setenv ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL", trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), TRUE);

  http = trib_workspace_lookup_data_source (peers->workspace, "user_behavior_analysis_httpfile");
  set_option (http, "url", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  http = add_source (peers->workspace, "faulty_httpfile", TRIB_DATA_SOURCE_KIND_HTTPFILE);
  set_option (http, "url", trib_test_require_env ("TRIB_TEST_FAULTPROXY_HTTP_URL"));

  s3 = trib_workspace_lookup_data_source (peers->workspace, "test_g");
  configure_s3 (s3, trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  s3 = add_source (peers->workspace, "faulty_s3", TRIB_DATA_SOURCE_KIND_S3);
  configure_s3 (s3, trib_test_require_env ("TRIB_TEST_FAULTPROXY_S3_URL"));
  g_setenv ("TRIBUTARY_SECRET_TEST_G", trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"), TRUE);
  g_setenv ("TRIBUTARY_SECRET_FAULTY_S3", trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"), TRUE);

  peers->sources = trib_sync_sources_new_for_workspace (peers->workspace);
  peers->bucket_dir = g_build_filename (trib_test_require_env ("TRIB_TEST_S3_DIRECTORY"),
                                        trib_test_require_env ("TRIB_TEST_S3_BUCKET"), NULL);
  peers->http_root = g_strdup (trib_test_require_env ("TRIB_TEST_HTTP_ROOT"));
  peers->log = g_string_new (NULL);

  peers->admin = mysql_init (NULL);
  port = (unsigned int) g_ascii_strtoull (trib_test_require_env ("TRIB_TEST_MYSQL_PORT"), NULL, 10);
  if (!mysql_real_connect (peers->admin, NULL, trib_test_require_env ("TRIB_TEST_MYSQL_USER"),
                           trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"),
                           trib_test_require_env ("TRIB_TEST_MYSQL_DATABASE"), port,
                           trib_test_require_env ("TRIB_TEST_MYSQL_SOCKET"), 0))
    g_error ("cannot connect to MariaDB: %s", mysql_error (peers->admin));
  g_assert_cmpint (mysql_set_character_set (peers->admin, "utf8mb4"), ==, 0);

  sync_peers_set_faults ("");
  return peers;
}

void
sync_peers_free (SyncPeers *peers)
{
  mysql_close (peers->admin);
  g_clear_object (&peers->sources);
  g_clear_object (&peers->workspace);
  trib_test_rm_rf (peers->workspace_dir);
  g_free (peers->workspace_dir);
  g_free (peers->bucket_dir);
  g_free (peers->http_root);
  g_string_free (peers->log, TRUE);
  g_free (peers);
}

void
sync_peers_sql (SyncPeers  *peers,
                const char *sql)
{
  if (mysql_query (peers->admin, sql) != 0)
    g_error ("%s: %s", sql, mysql_error (peers->admin));
  do
    {
      MYSQL_RES *result = mysql_store_result (peers->admin);

      if (result)
        mysql_free_result (result);
    }
  while (mysql_next_result (peers->admin) == 0);
}

char *
sync_peers_sql_value (SyncPeers  *peers,
                      const char *sql)
{
  MYSQL_RES *result;
  MYSQL_ROW row;
  char *value = NULL;

  if (mysql_query (peers->admin, sql) != 0)
    g_error ("%s: %s", sql, mysql_error (peers->admin));
  result = mysql_store_result (peers->admin);
  g_assert_nonnull (result);
  row = mysql_fetch_row (result);
  if (row && row[0])
    value = g_strdup (row[0]);
  mysql_free_result (result);
  return value;
}

GBytes *
sync_peers_read_object (SyncPeers  *peers,
                        const char *key)
{
  g_autofree char *path = g_strdup_printf ("%s/%s%s", peers->bucket_dir, key, S3RVER_OBJECT);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static void
collect_keys (const char *dir,
              const char *relative,
              GPtrArray  *keys)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = *relative ? g_strdup_printf ("%s/%s", relative, name) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!g_str_has_prefix (name, "._S3rver"))
            collect_keys (path, rel, keys);
        }
      else if (g_str_has_suffix (rel, S3RVER_OBJECT))
        g_ptr_array_add (keys, g_strndup (rel, strlen (rel) - strlen (S3RVER_OBJECT)));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GStrv
sync_peers_list_objects (SyncPeers  *peers,
                         const char *prefix)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *keys = g_ptr_array_new ();

  collect_keys (peers->bucket_dir, "", all);
  g_ptr_array_sort (all, compare_strings);
  for (guint i = 0; i < all->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (all, i), prefix))
      g_ptr_array_add (keys, g_strdup (g_ptr_array_index (all, i)));
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (keys, FALSE);
}

void
sync_peers_clear_bucket (SyncPeers *peers)
{
  g_autoptr(GDir) d = g_dir_open (peers->bucket_dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (peers->bucket_dir, name, NULL);

      trib_test_rm_rf (path);
    }
}

void
sync_peers_put_object (SyncPeers  *peers,
                       const char *key,
                       const char *contents)
{
  g_autoptr(GError) error = NULL;
  TribDataSource *s3 = trib_workspace_lookup_data_source (peers->workspace, "test_g");
  g_autoptr(TribObjectStore) store = trib_object_store_new_for_data_source (s3, trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"),
                                                                           NULL, &error);
  g_autoptr(GBytes) bytes = g_bytes_new (contents, strlen (contents));

  g_assert_no_error (error);
  g_assert_true (trib_object_store_put (store, key, bytes, NULL, &error));
  g_assert_no_error (error);
}

static TribS3Client *
s3_client (SyncPeers *peers)
{
  g_autoptr(GError) error = NULL;
  TribDataSource *s3 = trib_workspace_lookup_data_source (peers->workspace, "test_g");
  TribS3Client *client = trib_s3_client_new (s3, trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"), &error);

  g_assert_no_error (error);
  return client;
}

char *
sync_peers_start_upload (SyncPeers  *peers,
                         const char *key,
                         const char *part)
{
  g_autoptr(TribS3Client) client = s3_client (peers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (part, strlen (part));
  g_autofree char *etag = NULL;
  char *upload_id = trib_s3_client_create_multipart_upload (client, key, NULL, NULL, &error);

  g_assert_no_error (error);
  etag = trib_s3_client_upload_part (client, key, upload_id, 1, bytes, NULL, &error);
  g_assert_no_error (error);
  return upload_id;
}

GStrv
sync_peers_list_uploads (SyncPeers  *peers,
                         const char *prefix)
{
  g_autoptr(TribS3Client) client = s3_client (peers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uploads = trib_s3_client_list_multipart_uploads (client, prefix, NULL, &error);
  GPtrArray *keys = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < uploads->len; i++)
    g_ptr_array_add (keys, g_strdup (((TribS3Upload *) g_ptr_array_index (uploads, i))->key));
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (keys, FALSE);
}

void
sync_peers_set_faults (const char *rules_json)
{
  g_autofree char *text = g_strdup_printf ("{\"rules\": [%s]}\n", rules_json);

  trib_test_write_file (trib_test_require_env ("TRIB_TEST_FAULTPROXY_RULES"), text);
}

static char *
replace_bizdate (const char  *value,
                 gpointer     user_data,
                 GError     **error)
{
  g_autoptr(GString) s = g_string_new (value);

  g_string_replace (s, "${bizdate}", user_data, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

TribSyncJob *
sync_peers_job (const char *text,
                const char *bizdate)
{
  g_autoptr(GError) error = NULL;
  TribSyncJob *job = trib_sync_job_new_from_string (text, -1, replace_bizdate, (gpointer) bizdate, &error);

  g_assert_no_error (error);
  return job;
}

static void
log_cb (TribSyncLogLevel  level,
        const char       *line,
        gpointer          user_data)
{
  SyncPeers *peers = user_data;

  g_string_append_printf (peers->log, "%s\n", line);
  g_test_message ("%s", line);
}

gboolean
sync_peers_run (SyncPeers            *peers,
                TribSyncJob          *job,
                TribSyncWriter       *writer,
                TribSyncProgressFunc  progress,
                gpointer              user_data,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(TribSyncEngine) engine = NULL;
  g_autoptr(TribSyncReader) reader = NULL;

  g_string_truncate (peers->log, 0);
  if (writer == NULL)
    engine = trib_sync_engine_new_for_job (job, peers->sources, error);
  else
    {
      reader = trib_sync_reader_new_for_job (job, peers->sources, error);
      engine = trib_sync_engine_new (job, reader, writer);
    }
  g_assert_nonnull (engine);
  trib_sync_engine_set_log_func (engine, log_cb, peers, NULL);
  if (progress)
    trib_sync_engine_set_progress_func (engine, progress, user_data, NULL);
  return trib_sync_engine_run (engine, cancellable, error);
}

char *
sync_peers_node_content (SyncPeers  *peers,
                         const char *node_id)
{
  TribWorkflow *workflow = g_list_model_get_item (trib_workspace_get_workflows (peers->workspace), 0);
  TribNode *node = trib_workflow_lookup_node (workflow, node_id);
  char *content;

  g_assert_nonnull (node);
  content = g_strdup (trib_node_get_content (node));
  g_object_unref (workflow);
  return content;
}
