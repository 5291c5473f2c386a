/* test-sync-cli.c: `tributary-cli run` runs the tutorial's sync nodes through the DI
 * executor, with ${bizdate} resolved by the runner, against the real peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sync-peers.h"

static SyncPeers *peers;

static char *
expected_users (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GString) text = NULL;
  TribSampleOptions options;

  trib_sample_options_init (&options);
  g_assert_true (trib_sample_write_users_tsv (&options, out, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  text = g_string_new_len (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                           g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  g_string_replace (text, "\t", "|", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
run_node (const char  *node,
          char       **out,
          char       **err)
{
  g_autofree char *mysql_secret = g_strdup_printf ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL=%s",
                                                   trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"));
  g_autofree char *s3_secret = g_strdup_printf ("TRIBUTARY_SECRET_TEST_G=%s",
                                                trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"));
  const char *env[] = { mysql_secret, s3_secret, NULL };
  const char *argv[] = { "run", peers->workspace_dir, "user_profile_analysis_spark", "--bizdate", "20240807",
                         "--node", node, "--verbose", NULL };

  return trib_test_run_cli (argv, env, out, err);
}

static void
test_run_sync_nodes (void)
{
  g_autofree char *users = expected_users ();
  g_autofree char *log_path = NULL;
  g_autofree char *log = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autoptr(GError) error = NULL;
  gsize log_len;
  g_auto(GStrv) keys = NULL;

  /* The workspace on disk points at the peers; the secrets come from the environment. */
  g_assert_true (trib_workspace_save (peers->workspace, NULL, &error));
  g_assert_no_error (error);
  sync_peers_clear_bucket (peers);

  g_assert_cmpint (run_node ("ods_user_info_d_2oss_spark", &out, &err), ==, 0);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "Total records read        :               2000"));
  g_assert_nonnull (strstr (out, "Wrote s3://dw-emr-demo/ods_user_info_d/user_20240807/user_20240807.txt ("));
  ASSERT_OBJECT (peers, "ods_user_info_d/user_20240807/user_20240807.txt", users, strlen (users));

  log_path = g_build_filename (peers->http_root, "user_log.txt", NULL);
  log = trib_test_read_file (log_path);
  log_len = strlen (log);
  g_assert_cmpint (run_node ("ods_raw_log_d_2oss_spark", &out2, &err2), ==, 0);
  g_test_message ("%s%s", out2, err2);
  g_assert_nonnull (strstr (out2, "Total records read        :              20000"));
  ASSERT_OBJECT (peers, "ods_raw_log_d/log_20240807/log_20240807.txt", log, log_len);

  keys = sync_peers_list_objects (peers, "");
  g_assert_cmpstrv (keys, ((const char * const[]) {
    "ods_raw_log_d/log_20240807/log_20240807.txt",
    "ods_user_info_d/user_20240807/user_20240807.txt",
    NULL }));
}

static void
test_failing_node (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) object = NULL;
  TribDataSource *s3 = trib_workspace_lookup_data_source (peers->workspace, "test_g");

  TribWorkflow *workflow = g_list_model_get_item (trib_workspace_get_workflows (peers->workspace), 0);
  TribNode *node = trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark");

  /* No automatic reruns (the demo waits two minutes between attempts). */
  json_object_set_int_member (trib_node_get_json (node), "rerunTimes", 0);
  g_assert_true (trib_workflow_save (workflow, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (workflow);

  /* A wrong bucket: the node fails with the store's message, nothing is written. */
  g_assert_true (trib_data_source_set_option (s3, "bucket", "no-such-bucket", &error));
  g_assert_true (trib_workspace_save (peers->workspace, NULL, &error));
  g_assert_no_error (error);
  sync_peers_clear_bucket (peers);

  g_assert_cmpint (run_node ("ods_user_info_d_2oss_spark", &out, &err), ==, 1);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "Sync job failed: "));
  object = sync_peers_read_object (peers, "ods_user_info_d/user_20240807/user_20240807.txt");
  g_assert_null (object);

  g_assert_true (trib_data_source_set_option (s3, "bucket", trib_test_require_env ("TRIB_TEST_S3_BUCKET"), &error));
  g_assert_true (trib_workspace_save (peers->workspace, NULL, &error));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = sync_peers_new ();

  g_test_add_func ("/sync/cli/run-sync-nodes", test_run_sync_nodes);
  g_test_add_func ("/sync/cli/failing-node", test_failing_node);

  status = g_test_run ();
  sync_peers_free (peers);
  return status;
}
