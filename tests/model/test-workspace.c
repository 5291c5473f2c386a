/* test-workspace.c: loading, saving and editing a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "trib-test-util.h"

static TribWorkspace *
load (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TribWorkspace *workspace = trib_workspace_load (dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

static char *
demo_source_file (const char *relative)
{
  return g_build_filename (trib_test_require_env ("TRIB_SOURCE_ROOT"),
                           "src", "libtributary", "demo", "workspace", relative, NULL);
}

static void
test_demo_contents (void)
{
  g_autofree char *path = trib_test_make_demo_workspace ();
  g_autoptr(TribWorkspace) ws = load (path);
  GListModel *sources = trib_workspace_get_data_sources (ws);
  TribWorkflow *wf;
  GListModel *nodes;
  TribNode *node;
  const char *expected_nodes[] = {
    "workshop_start_spark", "ods_raw_log_d_2oss_spark", "ods_user_info_d_2oss_spark",
    "ods_raw_log_d_spark", "ods_user_info_d_spark",
  };
  const TribNodeKind expected_kinds[] = {
    TRIB_NODE_KIND_VIRTUAL, TRIB_NODE_KIND_DI, TRIB_NODE_KIND_DI,
    TRIB_NODE_KIND_EMR_SPARK_SQL, TRIB_NODE_KIND_EMR_SPARK_SQL,
  };
  double x, y;

  g_assert_true (trib_workspace_is_valid (ws));
  g_assert_cmpstr (trib_workspace_get_name (ws), ==, "user_behavior_analysis");
  g_assert_cmpstr (trib_workspace_get_timezone_name (ws), ==, "Asia/Shanghai");
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 4);
  g_assert_cmpint (trib_data_source_get_kind (trib_workspace_lookup_data_source (ws, "user_behavior_analysis_mysql")),
                   ==, TRIB_DATA_SOURCE_KIND_MYSQL);
  g_assert_cmpint (trib_data_source_get_kind (trib_workspace_lookup_data_source (ws, "user_behavior_analysis_httpfile")),
                   ==, TRIB_DATA_SOURCE_KIND_HTTPFILE);
  g_assert_cmpint (trib_data_source_get_kind (trib_workspace_lookup_data_source (ws, "test_g")),
                   ==, TRIB_DATA_SOURCE_KIND_S3);
  g_assert_cmpint (trib_data_source_get_kind (trib_workspace_lookup_data_source (ws, "user_behavior_analysis_spark")),
                   ==, TRIB_DATA_SOURCE_KIND_KYUUBI);
  g_assert_cmpint (trib_data_source_get_option_int (trib_workspace_lookup_data_source (ws, "user_behavior_analysis_mysql"), "port", 0),
                   ==, TRIB_DEMO_MYSQL_PORT);
  g_assert_cmpstr (trib_data_source_get_option_string (trib_workspace_lookup_data_source (ws, "test_g"), "bucket", NULL),
                   ==, "dw-emr-demo");

  wf = trib_workspace_lookup_workflow (ws, TRIB_DEMO_WORKFLOW_NAME);
  g_assert_nonnull (wf);
  g_assert_true (wf == trib_workspace_lookup_workflow (ws, "user_profile_analysis_spark"));
  g_assert_cmpstr (trib_workflow_get_display_path (wf), ==, "workflows/user_profile_analysis_spark.json");
  nodes = trib_workflow_get_nodes (wf);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, G_N_ELEMENTS (expected_nodes));
  for (guint i = 0; i < G_N_ELEMENTS (expected_nodes); i++)
    {
      g_autoptr(TribNode) n = g_list_model_get_item (nodes, i);

      g_assert_cmpstr (trib_node_get_name (n), ==, expected_nodes[i]);
      g_assert_cmpint (trib_node_get_kind (n), ==, expected_kinds[i]);
      g_assert_cmpstr (trib_node_lookup_parameter (n, "bizdate"), ==, "$[yyyymmdd-1]");
      g_assert_cmpint (trib_node_get_rerun_mode (n), ==, TRIB_RERUN_ALLOWED);
      g_assert_true (trib_node_get_position (n, NULL, NULL));
    }

  node = trib_workflow_lookup_node_by_name (wf, "workshop_start_spark");
  g_assert_cmpstr (trib_node_get_cron (node), ==, "00 30 00 * * ?");
  g_assert_true (trib_node_get_position (node, &x, &y));
  g_assert_cmpfloat (x, ==, 240);
  g_assert_cmpfloat (y, ==, 40);

  node = trib_workflow_lookup_node_by_name (wf, "ods_user_info_d_2oss_spark");
  g_assert_nonnull (strstr (trib_node_get_content (node), "\"object\": \"ods_user_info_d/user_${bizdate}/user_${bizdate}.txt\""));
  g_assert_nonnull (strstr (trib_node_get_content (node), "\"splitPk\": \"uid\""));
  g_assert_nonnull (strstr (trib_node_get_content (node), "\"fieldDelimiter\": \"|\""));
  node = trib_workflow_lookup_node_by_name (wf, "ods_raw_log_d_2oss_spark");
  g_assert_nonnull (strstr (trib_node_get_content (node), "\"object\": \"ods_raw_log_d/log_${bizdate}/log_${bizdate}.txt\""));
  g_assert_nonnull (strstr (trib_node_get_content (node), "\"fileName\": \"/user_log.txt\""));
  node = trib_workflow_lookup_node_by_name (wf, "ods_user_info_d_spark");
  g_assert_nonnull (strstr (trib_node_get_content (node), "CREATE EXTERNAL TABLE IF NOT EXISTS ods_user_info_d_spark"));
  g_assert_cmpstr (trib_node_get_datasource (node), ==, "user_behavior_analysis_spark");

  {
    g_autoptr(GPtrArray) down = trib_workflow_list_downstream (wf, "workshop_start_spark");
    g_autoptr(GPtrArray) up = trib_workflow_list_upstream (wf, "ods_raw_log_d_spark");

    g_assert_cmpuint (down->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (down, 0), ==, "ods_raw_log_d_2oss_spark");
    g_assert_cmpstr (g_ptr_array_index (down, 1), ==, "ods_user_info_d_2oss_spark");
    g_assert_cmpuint (up->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (up, 0), ==, "ods_raw_log_d_2oss_spark");
  }

  trib_test_rm_rf (path);
}

static void
test_round_trip_is_byte_stable (void)
{
  g_autofree char *path = trib_test_make_demo_workspace ();
  g_autofree char *wf_path = g_build_filename (path, "workflows", "user_profile_analysis_spark.json", NULL);
  g_autofree char *ws_path = g_build_filename (path, "tributary.json", NULL);
  g_autofree char *original_wf = demo_source_file ("workflows/user_profile_analysis_spark.json");
  g_autofree char *expected_wf = trib_test_read_file (original_wf);
  g_autofree char *expected_ws = trib_test_read_file (ws_path);
  g_autoptr(TribWorkspace) ws = load (path);
  g_autoptr(GError) error = NULL;
  TribWorkflow *wf = trib_workspace_lookup_workflow (ws, TRIB_DEMO_WORKFLOW_NAME);
  g_autofree char *text = trib_workflow_to_string (wf);
  g_autofree char *after_wf = NULL;
  g_autofree char *after_ws = NULL;
  GStatBuf before_stat, after_stat;

  /* The in-memory text is exactly the file. */
  g_assert_cmpstr (text, ==, expected_wf);

  /* Saving an unchanged workspace writes nothing at all. */
  g_assert_cmpint (g_stat (wf_path, &before_stat), ==, 0);
  g_assert_true (trib_workspace_save (ws, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wf_path, &after_stat), ==, 0);
  g_assert_cmpuint (before_stat.st_ino, ==, after_stat.st_ino);

  /* A change and its undo come back to the same bytes. */
  trib_node_set_name (trib_workflow_lookup_node (wf, "workshop_start_spark"), "renamed");
  g_assert_true (trib_workspace_save (ws, NULL, &error));
  after_wf = trib_test_read_file (wf_path);
  g_assert_nonnull (strstr (after_wf, "\"name\": \"renamed\""));
  g_free (after_wf);
  trib_node_set_name (trib_workflow_lookup_node (wf, "workshop_start_spark"), "workshop_start_spark");
  g_assert_true (trib_workspace_save (ws, NULL, &error));
  g_assert_no_error (error);

  after_wf = trib_test_read_file (wf_path);
  after_ws = trib_test_read_file (ws_path);
  g_assert_cmpstr (after_wf, ==, expected_wf);
  g_assert_cmpstr (after_ws, ==, expected_ws);

  /* Loading what was saved and saving again is still the same. */
  {
    g_autoptr(TribWorkspace) again = load (path);
    g_autofree char *text2 = trib_workflow_to_string (trib_workspace_lookup_workflow (again, TRIB_DEMO_WORKFLOW_NAME));
    g_assert_cmpstr (text2, ==, expected_wf);
  }

  trib_test_rm_rf (path);
}

static void
test_unknown_members_survive (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("ws-XXXXXX");
  g_autofree char *ws_file = g_build_filename (dir, "tributary.json", NULL);
  g_autofree char *wf_file = g_build_filename (dir, "workflows", "w.json", NULL);
  const char *ws_text =
    "{\n"
    "  \"name\": \"w\",\n"
    "  \"id\": \"id-1\",\n"
    "  \"x-custom\": {\n"
    "    \"kept\": [\n"
    "      1,\n"
    "      2\n"
    "    ]\n"
    "  },\n"
    "  \"datasources\": []\n"
    "}\n";
  const char *wf_text =
    "{\n"
    "  \"version\": \"1.1.0\",\n"
    "  \"kind\": \"CycleWorkflow\",\n"
    "  \"spec\": {\n"
    "    \"nodes\": [\n"
    "      {\n"
    "        \"id\": \"a\",\n"
    "        \"name\": \"a\",\n"
    "        \"owner\": \"26730\",\n"
    "        \"script\": {\n"
    "          \"runtime\": {\n"
    "            \"engine\": \"General\",\n"
    "            \"command\": \"VIRTUAL\",\n"
    "            \"commandTypeId\": 99\n"
    "          }\n"
    "        },\n"
    "        \"priority\": 7,\n"
    "        \"runtimeResource\": {\n"
    "          \"resourceGroup\": null\n"
    "        }\n"
    "      }\n"
    "    ]\n"
    "  }\n"
    "}\n";
  g_autoptr(TribWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ws_after = NULL;
  g_autofree char *wf_after = NULL;

  trib_test_write_file (ws_file, ws_text);
  trib_test_write_file (wf_file, wf_text);
  ws = load (dir);
  g_assert_true (trib_workspace_is_valid (ws));

  /* Moving a node on the canvas adds our metadata and nothing else changes. */
  trib_node_set_position (trib_workflow_lookup_node (trib_workspace_lookup_workflow (ws, "w"), "a"), 10.4, -3.6);
  g_assert_true (trib_workspace_save (ws, NULL, &error));
  g_assert_no_error (error);

  ws_after = trib_test_read_file (ws_file);
  g_assert_cmpstr (ws_after, ==, ws_text);
  wf_after = trib_test_read_file (wf_file);
  g_assert_nonnull (strstr (wf_after, "\"commandTypeId\": 99"));
  g_assert_nonnull (strstr (wf_after, "\"owner\": \"26730\""));
  g_assert_nonnull (strstr (wf_after, "\"resourceGroup\": null"));
  g_assert_nonnull (strstr (wf_after,
                            "  \"metadata\": {\n"
                            "    \"tributary\": {\n"
                            "      \"canvas\": {\n"
                            "        \"nodes\": {\n"
                            "          \"a\": {\n"
                            "            \"x\": 10,\n"
                            "            \"y\": -4\n"));

  trib_test_rm_rf (dir);
}

static void
test_create_empty (void)
{
  g_autofree char *parent = trib_test_make_tmpdir ("create-XXXXXX");
  g_autofree char *path = g_build_filename (parent, "new", "nested", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) ws = trib_workspace_create (dir, "analytics", &error);
  g_autofree char *gitignore = g_build_filename (path, ".gitignore", NULL);
  g_autofree char *workflows = g_build_filename (path, "workflows", NULL);
  g_autofree char *ignore_text = NULL;
  g_autoptr(TribWorkspace) again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  g_assert_cmpstr (trib_workspace_get_name (ws), ==, "analytics");
  g_assert_cmpuint (strlen (trib_workspace_get_id (ws)), ==, 36);
  g_assert_true (trib_workspace_is_valid (ws));
  g_assert_true (g_file_test (workflows, G_FILE_TEST_IS_DIR));
  ignore_text = trib_test_read_file (gitignore);
  g_assert_nonnull (strstr (ignore_text, ".tributary/"));

  /* A folder that is not empty is refused, and left alone. */
  again = trib_workspace_create (dir, "other", &error);
  g_assert_null (again);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "is not empty"));

  trib_test_rm_rf (parent);
}

static void
test_data_source_editing (void)
{
  g_autofree char *path = trib_test_make_demo_workspace ();
  g_autoptr(TribWorkspace) ws = load (path);
  g_autoptr(TribDataSource) ds = trib_data_source_new ("warehouse", TRIB_DATA_SOURCE_KIND_MYSQL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) reloaded = NULL;
  g_autofree char *env_name = NULL;
  g_auto(GStrv) keys = NULL;
  TribDataSource *found;

  g_assert_true (trib_data_source_set_option (ds, "host", "db.example.com", &error));
  g_assert_true (trib_data_source_set_option (ds, "port", "3307", &error));
  g_assert_no_error (error);

  g_assert_false (trib_data_source_set_option (ds, "port", "70000", &error));
  g_assert_cmpstr (error->message, ==, "option \"port\": 70000 is not a port number (1–65535)");
  g_clear_error (&error);
  g_assert_false (trib_data_source_set_option (ds, "connect_timeout", "ten", &error));
  g_assert_cmpstr (error->message, ==, "option \"connect_timeout\": \"ten\" is not an integer");
  g_clear_error (&error);
  g_assert_false (trib_data_source_set_option (ds, "password", "hunter2", &error));
  g_assert_nonnull (strstr (error->message, "secrets are not stored in the workspace"));
  g_clear_error (&error);

  keys = trib_data_source_list_options (ds);
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  g_assert_cmpstr (keys[0], ==, "host");
  g_assert_cmpstr (keys[1], ==, "port");

  env_name = trib_data_source_dup_secret_env_name (trib_workspace_lookup_data_source (ws, "user_behavior_analysis_mysql"));
  g_assert_cmpstr (env_name, ==, "TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL");

  trib_workspace_put_data_source (ws, ds);
  g_assert_cmpuint (g_list_model_get_n_items (trib_workspace_get_data_sources (ws)), ==, 5);
  g_assert_true (trib_workspace_remove_data_source (ws, "test_g"));
  g_assert_false (trib_workspace_remove_data_source (ws, "test_g"));
  g_assert_true (trib_workspace_save (ws, NULL, &error));
  g_assert_no_error (error);

  /* Removing test_g leaves the sync nodes pointing at nothing: that is reported. */
  g_assert_false (trib_workspace_is_valid (ws));

  reloaded = load (path);
  g_assert_cmpuint (g_list_model_get_n_items (trib_workspace_get_data_sources (reloaded)), ==, 4);
  found = trib_workspace_lookup_data_source (reloaded, "warehouse");
  g_assert_nonnull (found);
  g_assert_cmpint (trib_data_source_get_option_int (found, "port", 0), ==, 3307);
  g_assert_null (trib_workspace_lookup_data_source (reloaded, "test_g"));

  trib_test_rm_rf (path);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_load_async (void)
{
  g_autofree char *path = trib_test_make_demo_workspace ();
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/tributary-workspace");
  g_autoptr(TribWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  trib_workspace_load_async (dir, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ws = trib_workspace_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trib_workspace_get_workflows (ws)), ==, 1);
  g_clear_object (&result);

  trib_workspace_load_async (missing, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (trib_workspace_load_finish (result, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "/nonexistent/tributary-workspace is not a Tributary workspace: it has no tributary.json");

  trib_test_rm_rf (path);
}

/* An _async call with a cancellable already cancelled starts nothing and reports
 * G_IO_ERROR_CANCELLED through its callback. */
static void
test_async_checks_cancellable (void)
{
  g_autofree char *path = trib_test_make_demo_workspace ();
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribLocalStore) store = trib_local_store_new (dir);
  g_autoptr(GPtrArray) listing = NULL;
  g_autofree char *secret = NULL;

  g_cancellable_cancel (cancelled);

  trib_workspace_load_async (dir, cancelled, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (trib_workspace_load_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  trib_object_store_list_async (TRIB_OBJECT_STORE (store), "", cancelled, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  listing = trib_object_store_list_finish (TRIB_OBJECT_STORE (store), result, &error);
  g_assert_null (listing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Not even the keyring is asked. */
  trib_secrets_lookup_async ("ws", "db", cancelled, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  secret = trib_secrets_lookup_finish (result, &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  trib_test_rm_rf (path);
}

/* One answer to "which nodes use this data source" (the dialog and datasource remove). */
static void
test_data_source_users (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(TribWorkspace) ws = load (dir);
  g_autoptr(GPtrArray) mysql = trib_workspace_list_data_source_users (ws, "user_behavior_analysis_mysql");
  g_autoptr(GPtrArray) bucket = trib_workspace_list_data_source_users (ws, "test_g");
  g_autoptr(GPtrArray) none = trib_workspace_list_data_source_users (ws, "nothing");

  g_assert_cmpuint (mysql->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (mysql, 0), ==, "workflows/user_profile_analysis_spark.json: ods_user_info_d_2oss_spark");
  g_assert_cmpuint (bucket->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (bucket, 0), ==, "workflows/user_profile_analysis_spark.json: ods_raw_log_d_2oss_spark");
  g_assert_cmpstr (g_ptr_array_index (bucket, 1), ==, "workflows/user_profile_analysis_spark.json: ods_user_info_d_2oss_spark");
  g_assert_cmpuint (none->len, ==, 0);
  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workspace/demo/contents", test_demo_contents);
  g_test_add_func ("/workspace/save/byte-stable", test_round_trip_is_byte_stable);
  g_test_add_func ("/workspace/save/unknown-members", test_unknown_members_survive);
  g_test_add_func ("/workspace/create", test_create_empty);
  g_test_add_func ("/workspace/data-sources/edit", test_data_source_editing);
  g_test_add_func ("/workspace/load/async", test_load_async);
  g_test_add_func ("/workspace/data-sources/users", test_data_source_users);
  g_test_add_func ("/workspace/async-checks-cancellable", test_async_checks_cancellable);

  return g_test_run ();
}
