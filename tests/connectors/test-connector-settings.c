/* test-connector-settings.c: field checks, endpoints, result texts (no server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "connector-test-util.h"

static void
assert_option (TribDataSourceKind  kind,
               const char         *key,
               const char         *value,
               const char         *expected)
{
  g_autofree char *message = trib_connector_check_option (kind, key, value);
  g_assert_cmpstr (message, ==, expected);
}

static void
test_check_option (void)
{
  TribDataSourceKind mysql = TRIB_DATA_SOURCE_KIND_MYSQL;
  TribDataSourceKind http = TRIB_DATA_SOURCE_KIND_HTTPFILE;
  TribDataSourceKind s3 = TRIB_DATA_SOURCE_KIND_S3;

  assert_option (mysql, "host", "db.example.com", NULL);
  assert_option (mysql, "host", "10.0.0.7", NULL);
  assert_option (mysql, "host", "", "host: required");
  assert_option (mysql, "host", "db.example.com:3306", "host: give the host name alone, without a port or scheme (the port is a separate option)");
  assert_option (mysql, "host", "db example", "host: \"db example\" is not a host name or IP address");
  assert_option (mysql, "port", "0", "port: 0 is not a port number (1–65535)");
  assert_option (mysql, "port", "33o6", "port: \"33o6\" is not a whole number");
  assert_option (mysql, "database", "", NULL);
  assert_option (mysql, "tls", "verify-identity", NULL);
  assert_option (mysql, "tls", "on", "tls: \"on\" is not one of disabled, preferred, required, verify-ca, verify-identity");
  assert_option (mysql, "connect_timeout", "0", "connect_timeout: give a number of seconds between 1 and 86400");
  assert_option (mysql, "time_zone", "Asia/Shanghai", NULL);
  assert_option (mysql, "time_zone", "+08:00'; DROP", "time_zone: \"+08:00'; DROP\" is not a time zone (+08:00, Asia/Shanghai, SYSTEM)");
  assert_option (mysql, "ca_file", "relative.pem", "ca_file: give an absolute path");
  assert_option (mysql, "ca_file", "/nonexistent/ca.pem", "ca_file: /nonexistent/ca.pem does not exist or is not a file");
  assert_option (mysql, "colour", "x", "colour: unknown option for a mysql data source (known: host, port, database, user, tls, ca_file, connect_timeout, read_timeout, time_zone, charset)");

  assert_option (http, "url", "http://127.0.0.1:28080", NULL);
  assert_option (http, "url", "ftp://files", "url: the URL must start with http:// or https://");
  assert_option (http, "url", "https://user:pw@files", "url: do not put a user name or password in the URL; use the \"user\" option and the keyring");
  assert_option (http, "url", "https://files/?x=1", "url: the URL must not have a query (?) or fragment (#)");
  assert_option (http, "headers", "Accept: text/plain\nX-Token-Id: 7", NULL);
  assert_option (http, "headers", "Authorization: Basic abc", "headers: \"Authorization\" would keep a credential in the workspace file; use the \"user\" option and the keyring");
  assert_option (http, "headers", "no colon", "headers: line 1 is not \"Name: value\"");
  assert_option (http, "probe_path", "user_log.txt", "probe_path: must start with \"/\"");
  assert_option (http, "verify_tls", "no", NULL);
  assert_option (http, "user", "a:b", "user: a Basic authentication user name cannot contain \":\"");

  assert_option (s3, "endpoint", "oss-cn-shanghai.aliyuncs.com", NULL);
  assert_option (s3, "endpoint", "https://s3.example.com/bucket", "endpoint: give the service URL without a path; the bucket is a separate option");
  assert_option (s3, "bucket", "dw-emr-demo", NULL);
  assert_option (s3, "bucket", "ab", "bucket: \"ab\" is not a bucket name (3–63 letters, digits, dots and hyphens, starting and ending with a letter or digit)");
  assert_option (s3, "bucket", "DW-EMR", "bucket: bucket names are lower case");
  assert_option (s3, "path_style", "maybe", "path_style: \"maybe\" is not true or false");
  assert_option (s3, "access_key_id", "AK ID", "access_key_id: must not contain spaces");
  assert_option (TRIB_DATA_SOURCE_KIND_KYUUBI, "transport", "binary", "transport: \"binary\" is not one of sasl, nosasl, http");
  assert_option (TRIB_DATA_SOURCE_KIND_LOCAL, "path", "", "path: required");
}

static void
test_check_data_source (void)
{
  g_autoptr(TribDataSource) s3 = trib_data_source_new ("lake", TRIB_DATA_SOURCE_KIND_S3);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) problems2 = NULL;
  g_autoptr(GError) error = NULL;
  TribFieldProblem *problem;

  problems = trib_connector_check_data_source (s3);
  g_assert_cmpuint (problems->len, ==, 3);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->key, ==, "endpoint");
  g_assert_cmpstr (problem->message, ==, "endpoint: required");
  g_assert_cmpstr (((TribFieldProblem *) problems->pdata[1])->key, ==, "bucket");
  g_assert_cmpstr (((TribFieldProblem *) problems->pdata[2])->key, ==, "access_key_id");

  set_options (s3, "endpoint", "http://10.0.0.5:9000", "bucket", "data", "access_key_id", "AK", "path_style", "false", NULL);
  problems2 = trib_connector_check_data_source (s3);
  g_assert_cmpuint (problems2->len, ==, 1);
  g_assert_cmpstr (((TribFieldProblem *) problems2->pdata[0])->key, ==, "path_style");

  g_assert_false (trib_connector_validate (s3, &error));
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS);
  g_assert_true (g_str_has_prefix (error->message, "data source \"lake\": path_style: virtual-hosted addressing"));

  /* Unset, path style follows the endpoint: IP address or localhost means path style. */
  trib_data_source_unset_option (s3, "path_style");
  g_assert_true (trib_connector_s3_uses_path_style (s3));
  set_options (s3, "endpoint", "https://oss-cn-shanghai.aliyuncs.com", NULL);
  g_assert_false (trib_connector_s3_uses_path_style (s3));
}

static void
test_describe_endpoint (void)
{
  g_autoptr(TribDataSource) mysql = trib_data_source_new ("db", TRIB_DATA_SOURCE_KIND_MYSQL);
  g_autoptr(TribDataSource) s3 = trib_data_source_new ("lake", TRIB_DATA_SOURCE_KIND_S3);
  g_autoptr(TribDataSource) kyuubi = trib_data_source_new ("spark", TRIB_DATA_SOURCE_KIND_KYUUBI);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  set_options (mysql, "host", "db.example.com", "database", "workshop", NULL);
  a = trib_connector_describe_endpoint (mysql);
  g_assert_cmpstr (a, ==, "db.example.com:3306/workshop");
  set_options (s3, "endpoint", "oss-cn-shanghai.aliyuncs.com", "bucket", "dw-emr-demo", NULL);
  b = trib_connector_describe_endpoint (s3);
  g_assert_cmpstr (b, ==, "https://dw-emr-demo.oss-cn-shanghai.aliyuncs.com");
  set_options (s3, "endpoint", "http://127.0.0.1:29000/", NULL);
  c = trib_connector_describe_endpoint (s3);
  g_assert_cmpstr (c, ==, "http://127.0.0.1:29000/dw-emr-demo");
  set_options (kyuubi, "host", "127.0.0.1", NULL);
  d = trib_connector_describe_endpoint (kyuubi);
  g_assert_cmpstr (d, ==, "127.0.0.1:10009 (sasl)");
}

static void
test_result_format (void)
{
  g_autoptr(TribConnectivityResult) ok = trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_MYSQL, "127.0.0.1:3306",
                                                                               "MariaDB 10.11.6");
  g_autoptr(TribConnectivityResult) bad = trib_connectivity_result_new_failure (TRIB_DATA_SOURCE_KIND_MYSQL,
                                                                                TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED,
                                                                                "127.0.0.1:1", "refused\nreally",
                                                                                "Check the port.");
  g_autoptr(GError) error = NULL;
  g_autofree char *ok_text = NULL;
  g_autofree char *bad_text = NULL;

  trib_connectivity_result_set_elapsed_usec (ok, 12345);
  ok_text = trib_connectivity_result_format (ok);
  g_assert_cmpstr (ok_text, ==,
                   "Status:   OK\n"
                   "Reached:  MariaDB 10.11.6\n"
                   "Endpoint: 127.0.0.1:3306\n"
                   "Time:     12 ms\n");

  trib_connectivity_result_set_tls_problem (bad, NULL);
  bad_text = trib_connectivity_result_format (bad);
  g_assert_cmpstr (bad_text, ==,
                   "Status:   FAILED: Connection refused\n"
                   "Endpoint: 127.0.0.1:1\n"
                   "Time:     0.0 ms\n"
                   "Problem:  refused\n"
                   "          really\n"
                   "Hint:     Check the port.\n");

  error = trib_connectivity_result_to_error (bad);
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (trib_connector_error_to_string (TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL), ==, "wrong-protocol");
  g_assert_cmpstr (trib_connector_error_to_string (TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED), ==, "name-not-resolved");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_result_notify (void)
{
  g_autoptr(TribConnectivityResult) result = trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_S3, "x", "y");
  guint count = 0;

  g_signal_connect (result, "notify::region", G_CALLBACK (count_notify), &count);
  trib_connectivity_result_set_region (result, "cn-shanghai");
  trib_connectivity_result_set_region (result, "cn-shanghai");
  g_assert_cmpuint (count, ==, 1);
  trib_connectivity_result_set_region (result, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_finalize_object (g_steal_pointer (&result));
}

static void
test_env_name_and_defaults (void)
{
  g_autoptr(TribDataSource) source = trib_data_source_new ("user_behavior-analysis.mysql", TRIB_DATA_SOURCE_KIND_MYSQL);
  g_autofree char *env = trib_data_source_dup_secret_env_name (source);

  g_assert_cmpstr (env, ==, "TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL");
  g_assert_cmpstr (trib_connector_option_get_default (TRIB_DATA_SOURCE_KIND_MYSQL, "tls"), ==, "preferred");
  g_assert_cmpstr (trib_connector_option_get_default (TRIB_DATA_SOURCE_KIND_MYSQL, "port"), ==, "3306");
  g_assert_true (trib_connector_option_is_required (TRIB_DATA_SOURCE_KIND_S3, "bucket"));
  g_assert_false (trib_connector_option_is_required (TRIB_DATA_SOURCE_KIND_S3, "region"));
  g_assert_nonnull (trib_connector_option_get_description (TRIB_DATA_SOURCE_KIND_HTTPFILE, "probe_path"));
  g_assert_true (trib_connector_option_is_known (TRIB_DATA_SOURCE_KIND_HTTPFILE, "headers"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connector-settings/check-option", test_check_option);
  g_test_add_func ("/connector-settings/check-data-source", test_check_data_source);
  g_test_add_func ("/connector-settings/describe-endpoint", test_describe_endpoint);
  g_test_add_func ("/connector-settings/result-format", test_result_format);
  g_test_add_func ("/connector-settings/result-notify", test_result_notify);
  g_test_add_func ("/connector-settings/env-name-and-defaults", test_env_name_and_defaults);

  return g_test_run ();
}
