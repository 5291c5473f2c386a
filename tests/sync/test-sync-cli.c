/* test-sync-cli.c: `tributary-cli run` runs the tutorial's sync nodes through the DI
 * executor, with ${bizdate} resolved by the runner, against the real peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
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

/* Waits (up to two minutes) until the fault proxy's log holds @line. */
static void
wait_for_proxy_log (const char *line)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *log = NULL;

      if (g_file_get_contents (trib_test_require_env ("TRIB_TEST_FAULTPROXY_LOG"), &log, NULL, NULL) &&
          strstr (log, line) != NULL)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the fault proxy never logged \"%s\"", line);
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

static void
set_s3_endpoint (const char *endpoint)
{
  TribDataSource *s3 = trib_workspace_lookup_data_source (peers->workspace, "test_g");
  g_autoptr(GError) error = NULL;

  g_assert_true (trib_data_source_set_option (s3, "endpoint", endpoint, &error));
  g_assert_true (trib_workspace_save (peers->workspace, NULL, &error));
  g_assert_no_error (error);
}

static void
test_killed_upload (void)
{
  const char *key = "ods_raw_log_d/log_20240807/log_20240807.txt";
  g_autofree char *held = g_strdup_printf ("s3 POST /%s/%s?uploadId=", trib_test_require_env ("TRIB_TEST_S3_BUCKET"), key);
  g_autofree char *mysql_secret = g_strdup_printf ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL=%s",
                                                   trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"));
  g_autofree char *s3_secret = g_strdup_printf ("TRIBUTARY_SECRET_TEST_G=%s",
                                                trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"));
  g_autofree char *aborted = g_strdup_printf ("aborted 1 incomplete upload of s3://%s/%s left by an interrupted run",
                                              trib_test_require_env ("TRIB_TEST_S3_BUCKET"), key);
  g_autofree char *log_path = g_build_filename (peers->http_root, "user_log.txt", NULL);
  g_autofree char *log = trib_test_read_file (log_path);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) object = NULL;
  g_auto(GStrv) left = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* The run goes through the fault proxy, which holds its CompleteMultipartUpload: every
   * part is on the server when the run is killed, and no object. */
  sync_peers_clear_bucket (peers);
  set_s3_endpoint (trib_test_require_env ("TRIB_TEST_FAULTPROXY_S3_URL"));
  sync_peers_set_faults ("{\"listener\": \"s3\", \"method\": \"POST\", \"query\": \"uploadId=\", \"action\": \"hold\"}");
  g_subprocess_launcher_setenv (launcher, "TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL",
                                strchr (mysql_secret, '=') + 1, TRUE);
  g_subprocess_launcher_setenv (launcher, "TRIBUTARY_SECRET_TEST_G", strchr (s3_secret, '=') + 1, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, trib_test_require_env ("TRIB_CLI"), "run", peers->workspace_dir,
                                      "user_profile_analysis_spark", "--bizdate", "20240807",
                                      "--node", "ods_raw_log_d_2oss_spark", NULL);
  g_assert_no_error (error);
  wait_for_proxy_log (held);
  g_subprocess_send_signal (proc, SIGKILL);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_false (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);

  left = sync_peers_list_uploads (peers, "");
  g_assert_cmpstrv (left, ((const char * const[]) { key, NULL }));
  object = sync_peers_read_object (peers, key);
  g_assert_null (object);

  /* The next run of the node aborts it, says so, and writes the whole object. */
  sync_peers_set_faults ("");
  set_s3_endpoint (trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  g_assert_cmpint (run_node ("ods_raw_log_d_2oss_spark", &out, &err), ==, 0);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, aborted));
  g_assert_nonnull (strstr (out, "; aborted 1 incomplete upload left by an interrupted run"));
  none = sync_peers_list_uploads (peers, "");
  g_assert_cmpstrv (none, ((const char * const[]) { NULL }));
  ASSERT_OBJECT (peers, key, log, strlen (log));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = sync_peers_new ();

  g_test_add_func ("/sync/cli/run-sync-nodes", test_run_sync_nodes);
  g_test_add_func ("/sync/cli/killed-upload", test_killed_upload);
  g_test_add_func ("/sync/cli/failing-node", test_failing_node);

  status = g_test_run ();
  sync_peers_free (peers);
  return status;
}
