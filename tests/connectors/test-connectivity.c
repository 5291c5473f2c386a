/* test-connectivity.c: connectivity tests against the harness's real servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "connector-test-util.h"

#define WRONG_PASSWORD "wrong-Pa55word-4-test"

static const char *
mysql_password (void)
{
  return trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD");
}

static void
print_result (TribConnectivityResult *result)
{
  g_autofree char *text = trib_connectivity_result_format (result);
  g_test_message ("%s", text);
}

/* {{{ MySQL */

static void
test_mysql_success (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = g_strdup_printf ("127.0.0.1:%s", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  g_autofree char *expected = NULL;

  result = run_connectivity_test (source, mysql_password (), NULL, &error);
  g_assert_no_error (error);
  print_result (result);
  g_assert_true (trib_connectivity_result_get_success (result));
  g_assert_cmpstr (trib_connectivity_result_get_name (result), ==, "shop");
  g_assert_cmpstr (trib_connectivity_result_get_endpoint (result), ==, endpoint);
  g_assert_true (strstr (trib_connectivity_result_get_server_version (result), "MariaDB") != NULL);
  expected = g_strdup_printf ("MariaDB %s, database “workshop”, not encrypted",
                              trib_connectivity_result_get_server_version (result));
  g_assert_cmpstr (trib_connectivity_result_get_reached (result), ==, expected);
  g_assert_cmpint (trib_connectivity_result_get_elapsed_usec (result), >, 0);
  g_assert_null (trib_connectivity_result_get_hint (result));
}

static void
test_mysql_refused (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *port = g_strdup_printf ("%u", unused_port ());
  g_autofree char *hint = NULL;

  set_options (source, "port", port, NULL);
  result = run_connectivity_test (source, mysql_password (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, mysql_password ());
  hint = g_strdup_printf ("Nothing listens on port %s of 127.0.0.1. Check the port (MySQL and MariaDB use 3306 by default) and that the server runs and accepts TCP connections from this computer (bind-address, skip-networking).",
                          port);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, hint);
}

static void
test_mysql_wrong_password (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop-db");
  g_autoptr(TribConnectivityResult) result = NULL;

  result = run_connectivity_test (source, WRONG_PASSWORD, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_AUTHENTICATION, WRONG_PASSWORD);
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_message (result),
                                   "Access denied for user 'workshop'@"));
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "Check the user name “workshop” and its password (from the keyring, or TRIBUTARY_SECRET_SHOP_DB), and that this user may connect from this computer's address.");
}

static void
test_mysql_missing_database (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "database", "no_such_db", NULL);
  result = run_connectivity_test (source, mysql_password (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_DATABASE_NOT_FOUND, mysql_password ());
  g_assert_cmpstr (trib_connectivity_result_get_message (result), ==, "Unknown database 'no_such_db'");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "The server has no database “no_such_db”. Check the name (it may be case-sensitive), or create it with CREATE DATABASE.");
}

static void
test_mysql_tls_required_on_plain_server (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "tls", "required", NULL);
  result = run_connectivity_test (source, mysql_password (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_TLS, mysql_password ());
  g_assert_cmpstr (trib_connectivity_result_get_tls_problem (result), ==, "the server does not offer TLS");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "This server does not offer TLS. Enable TLS on the server (ssl_cert, ssl_key), or set tls to preferred or disabled if the network is trusted.");
}

static void
test_mysql_tls_preferred_on_plain_server (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "tls", "preferred", NULL);
  result = run_connectivity_test (source, mysql_password (), NULL, NULL);
  print_result (result);
  g_assert_true (trib_connectivity_result_get_success (result));
  g_assert_true (g_str_has_suffix (trib_connectivity_result_get_reached (result), ", not encrypted"));
}

static void
test_mysql_http_port (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;
  const char *port = trib_test_require_env ("TRIB_TEST_HTTP_PORT");
  g_autofree char *message = g_strdup_printf ("127.0.0.1:%s is not a MySQL server: an HTTP server answers there", port);
  g_autofree char *hint = g_strdup_printf ("Port %s of 127.0.0.1 is not a MySQL server. Check the port: MySQL and MariaDB listen on 3306 by default.", port);

  set_options (source, "port", port, "connect_timeout", "1", NULL);
  result = run_connectivity_test (source, mysql_password (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, mysql_password ());
  g_assert_cmpstr (trib_connectivity_result_get_message (result), ==, message);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, hint);
}

static void
test_mysql_blackhole (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autoptr(GSocket) hole = NULL;
  g_autofree char *port = NULL;
  g_autofree char *hint = NULL;
  guint16 p;

  hole = blackhole_new (&p);
  port = g_strdup_printf ("%u", p);
  set_options (source, "port", port, "connect_timeout", "1", NULL);
  result = run_connectivity_test (source, mysql_password (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_TIMED_OUT, mysql_password ());
  hint = g_strdup_printf ("Nothing answered within 1 s. Either a firewall drops the traffic, or another service on port %s accepts connections but never answers: check the host and port. If the server is only slow, raise connect_timeout and read_timeout.",
                          port);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, hint);
  /* One second for the greeting, at most one more for the probe. */
  g_assert_cmpint (trib_connectivity_result_get_elapsed_usec (result), <, 4 * G_USEC_PER_SEC);
}

static void
test_mysql_name_not_resolved (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "host", "db.tributary-test.invalid", NULL);
  result = run_connectivity_test (source, mysql_password (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED, mysql_password ());
  g_assert_cmpstr (trib_connectivity_result_get_message (result), ==,
                   "cannot resolve the host name “db.tributary-test.invalid”");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "Check the spelling of “db.tributary-test.invalid”, or use the server's IP address. For a name inside a company network, check that this computer uses that network's DNS (VPN).");
}

static void
test_mysql_missing_secret (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;

  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_MISSING_SECRET, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "Store it in the keyring (the data source dialog, or “tributary-cli datasource set … --secret-stdin”), or set the environment variable TRIBUTARY_SECRET_SHOP.");
}

static void
test_mysql_invalid_settings (void)
{
  g_autoptr(TribDataSource) source = trib_data_source_new ("shop", TRIB_DATA_SOURCE_KIND_MYSQL);
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "port", "3306", "tls", "verify-ca", NULL);
  result = run_connectivity_test (source, "x", NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_message (result), ==,
                   "host: required\nuser: required\ntls: verify-ca checks the certificate against ca_file: set ca_file");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, "Fix the fields named above, then test again.");
}

static gboolean
cancel_later_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_mysql_cancel (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSocket) hole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  gint64 start;
  guint16 p;

  hole = blackhole_new (&p);
  port = g_strdup_printf ("%u", p);
  set_options (source, "port", port, "connect_timeout", "30", NULL);
  g_timeout_add (200, cancel_later_cb, cancellable);
  start = g_get_monotonic_time ();
  result = run_connectivity_test (source, mysql_password (), cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* }}} */
/* {{{ HTTP file */

static void
test_http_success (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *path = g_build_filename (trib_test_require_env ("TRIB_TEST_HTTP_ROOT"), "user_log.txt", NULL);
  g_autofree char *endpoint = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  set_options (source, "probe_path", "/user_log.txt", NULL);
  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  g_assert_true (trib_connectivity_result_get_success (result));
  g_assert_cmpuint (trib_connectivity_result_get_http_status (result), ==, 200);
  g_assert_cmpint (trib_connectivity_result_get_size (result), ==, st.st_size);
  endpoint = g_strdup_printf ("%s/user_log.txt (127.0.0.1:%s)", trib_test_require_env ("TRIB_TEST_HTTP_URL"),
                              trib_test_require_env ("TRIB_TEST_HTTP_PORT"));
  g_assert_cmpstr (trib_connectivity_result_get_endpoint (result), ==, endpoint);
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_reached (result), "HTTP 200, "));
}

static void
test_http_base_url (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;

  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  g_assert_true (trib_connectivity_result_get_success (result));
  g_assert_cmpuint (trib_connectivity_result_get_http_status (result), ==, 200);
}

static void
test_http_not_found (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *message = NULL;

  set_options (source, "probe_path", "/no_such_log.txt", NULL);
  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND, NULL);
  g_assert_cmpuint (trib_connectivity_result_get_http_status (result), ==, 404);
  message = g_strdup_printf ("%s/no_such_log.txt: no such file on the server (HTTP 404)",
                             trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_assert_cmpstr (trib_connectivity_result_get_message (result), ==, message);
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_hint (result),
                                   "Check the path “/no_such_log.txt” under the base URL "));
}

static void
test_http_refused (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;
  guint16 port = unused_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autofree char *hint = g_strdup_printf ("Nothing listens on port %u of 127.0.0.1. Check the port in the URL and that the server runs and accepts connections from this computer.", port);

  set_options (source, "url", url, NULL);
  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, hint);
}

static void
test_http_blackhole (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autoptr(GSocket) hole = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  hole = blackhole_new (&port);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  set_options (source, "url", url, "read_timeout", "1", NULL);
  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_TIMED_OUT, NULL);
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_hint (result), "Nothing answered within 1 s."));
  g_assert_cmpint (trib_connectivity_result_get_elapsed_usec (result), <, 4 * G_USEC_PER_SEC);
}

static void
test_http_tls_on_plain_port (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%s", trib_test_require_env ("TRIB_TEST_HTTP_PORT"));

  set_options (source, "url", url, NULL);
  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_TLS, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_tls_problem (result), ==,
                   "the server does not speak TLS on this port (it answered in plain text)");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "This port serves plain HTTP, not HTTPS. Use an http:// URL, or the port where the server offers HTTPS.");
}

static void
test_http_mysql_port (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;
  const char *port = trib_test_require_env ("TRIB_TEST_MYSQL_PORT");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%s", port);
  g_autofree char *hint = g_strdup_printf ("Port %s of 127.0.0.1 does not answer in HTTP. Check the port; if this server speaks HTTPS, use an https:// URL.", port);

  set_options (source, "url", url, NULL);
  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, hint);
}

static void
test_http_name_not_resolved (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "url", "http://files.tributary-test.invalid/logs", NULL);
  result = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_message (result), ==,
                   "cannot resolve the host name “files.tributary-test.invalid”");
}

/* }}} */
/* {{{ S3 */

static const char *
s3_secret (void)
{
  return trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY");
}

static void
test_s3_success (void)
{
  g_autoptr(TribDataSource) source = harness_s3_source ("lake");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *endpoint = g_strdup_printf ("%s/dw-emr-demo (127.0.0.1:%s)",
                                               trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"),
                                               trib_test_require_env ("TRIB_TEST_S3_PORT"));

  result = run_connectivity_test (source, s3_secret (), NULL, NULL);
  print_result (result);
  g_assert_true (trib_connectivity_result_get_success (result));
  g_assert_cmpstr (trib_connectivity_result_get_region (result), ==, "us-east-1");
  g_assert_cmpstr (trib_connectivity_result_get_reached (result), ==, "bucket “dw-emr-demo”, region us-east-1");
  g_assert_cmpstr (trib_connectivity_result_get_endpoint (result), ==, endpoint);
}

static void
test_s3_missing_bucket (void)
{
  g_autoptr(TribDataSource) source = harness_s3_source ("lake");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "bucket", "no-such-bucket", NULL);
  result = run_connectivity_test (source, s3_secret (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND, s3_secret ());
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_message (result), "NoSuchBucket: "));
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "There is no bucket “no-such-bucket” at this endpoint. Check the bucket name and the endpoint (a bucket lives in one region's endpoint), or create the bucket.");
}

static void
test_s3_wrong_secret (void)
{
  g_autoptr(TribDataSource) source = harness_s3_source ("lake");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *hint = NULL;

  result = run_connectivity_test (source, WRONG_PASSWORD, NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_AUTHENTICATION, WRONG_PASSWORD);
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_message (result), "SignatureDoesNotMatch: "));
  g_assert_true (strstr (trib_connectivity_result_get_message (result), "HTTP 403") != NULL);
  hint = g_strdup_printf ("The server rejected the request signature: the secret access key does not belong to access key id “%s”. Store the right secret access key (keyring, or TRIBUTARY_SECRET_LAKE).",
                          trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"));
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, hint);
}

static void
test_s3_unknown_key_id (void)
{
  g_autoptr(TribDataSource) source = harness_s3_source ("lake");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "access_key_id", "NOSUCHKEYID", NULL);
  result = run_connectivity_test (source, s3_secret (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_AUTHENTICATION, s3_secret ());
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "The server does not know the access key id “NOSUCHKEYID”. Check the access_key_id option.");
}

static void
test_s3_not_s3 (void)
{
  g_autoptr(TribDataSource) source = harness_s3_source ("lake");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "endpoint", trib_test_require_env ("TRIB_TEST_HTTP_URL"), NULL);
  result = run_connectivity_test (source, s3_secret (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, s3_secret ());
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_hint (result), "The server at 127.0.0.1:"));
}

static void
test_s3_refused (void)
{
  g_autoptr(TribDataSource) source = harness_s3_source ("lake");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());

  set_options (source, "endpoint", url, NULL);
  result = run_connectivity_test (source, s3_secret (), NULL, NULL);
  print_result (result);
  assert_failure (result, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, s3_secret ());
}

/* }}} */
/* {{{ Local folder, Kyuubi */

static void
test_local (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("local-XXXXXX");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(TribDataSource) source = trib_data_source_new ("files", TRIB_DATA_SOURCE_KIND_LOCAL);
  g_autoptr(TribConnectivityResult) ok = NULL;
  g_autoptr(TribConnectivityResult) bad = NULL;
  g_autofree char *hint = NULL;

  set_options (source, "path", dir, NULL);
  ok = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (ok);
  g_assert_true (trib_connectivity_result_get_success (ok));
  g_assert_true (g_str_has_prefix (trib_connectivity_result_get_reached (ok), "writable folder, "));

  set_options (source, "path", missing, NULL);
  bad = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (bad);
  assert_failure (bad, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND, NULL);
  hint = g_strdup_printf ("Create it (mkdir -p %s), or correct the path option.", missing);
  g_assert_cmpstr (trib_connectivity_result_get_hint (bad), ==, hint);
  trib_test_rm_rf (dir);
}

static TribConnectivityResult *
fake_kyuubi_test (TribDataSource  *source,
                  const char      *secret,
                  GCancellable    *cancellable,
                  GError         **error)
{
  return trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_KYUUBI, "127.0.0.1:10009", "Kyuubi (fake)");
}

static void
test_kyuubi_hook (void)
{
  g_autoptr(TribDataSource) source = trib_data_source_new ("spark", TRIB_DATA_SOURCE_KIND_KYUUBI);
  g_autoptr(TribConnectivityResult) before = NULL;
  g_autoptr(TribConnectivityResult) after = NULL;

  set_options (source, "host", "127.0.0.1", "port", "10009", "transport", "sasl", NULL);
  before = run_connectivity_test (source, NULL, NULL, NULL);
  print_result (before);
  assert_failure (before, TRIB_CONNECTOR_ERROR_NOT_AVAILABLE, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_message (before), ==,
                   "the Kyuubi connectivity test is not available in this build");

  trib_connectivity_register_test (TRIB_DATA_SOURCE_KIND_KYUUBI, fake_kyuubi_test);
  after = run_connectivity_test (source, NULL, NULL, NULL);
  trib_connectivity_register_test (TRIB_DATA_SOURCE_KIND_KYUUBI, NULL);
  g_assert_true (trib_connectivity_result_get_success (after));
  g_assert_cmpstr (trib_connectivity_result_get_reached (after), ==, "Kyuubi (fake)");
  g_assert_cmpstr (trib_connectivity_result_get_name (after), ==, "spark");
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connectivity/mysql/success", test_mysql_success);
  g_test_add_func ("/connectivity/mysql/refused", test_mysql_refused);
  g_test_add_func ("/connectivity/mysql/wrong-password", test_mysql_wrong_password);
  g_test_add_func ("/connectivity/mysql/missing-database", test_mysql_missing_database);
  g_test_add_func ("/connectivity/mysql/tls-required-on-plain-server", test_mysql_tls_required_on_plain_server);
  g_test_add_func ("/connectivity/mysql/tls-preferred-on-plain-server", test_mysql_tls_preferred_on_plain_server);
  g_test_add_func ("/connectivity/mysql/http-port", test_mysql_http_port);
  g_test_add_func ("/connectivity/mysql/blackhole", test_mysql_blackhole);
  g_test_add_func ("/connectivity/mysql/name-not-resolved", test_mysql_name_not_resolved);
  g_test_add_func ("/connectivity/mysql/missing-secret", test_mysql_missing_secret);
  g_test_add_func ("/connectivity/mysql/invalid-settings", test_mysql_invalid_settings);
  g_test_add_func ("/connectivity/mysql/cancel", test_mysql_cancel);
  g_test_add_func ("/connectivity/http/success", test_http_success);
  g_test_add_func ("/connectivity/http/base-url", test_http_base_url);
  g_test_add_func ("/connectivity/http/not-found", test_http_not_found);
  g_test_add_func ("/connectivity/http/refused", test_http_refused);
  g_test_add_func ("/connectivity/http/blackhole", test_http_blackhole);
  g_test_add_func ("/connectivity/http/tls-on-plain-port", test_http_tls_on_plain_port);
  g_test_add_func ("/connectivity/http/mysql-port", test_http_mysql_port);
  g_test_add_func ("/connectivity/http/name-not-resolved", test_http_name_not_resolved);
  g_test_add_func ("/connectivity/s3/success", test_s3_success);
  g_test_add_func ("/connectivity/s3/missing-bucket", test_s3_missing_bucket);
  g_test_add_func ("/connectivity/s3/wrong-secret", test_s3_wrong_secret);
  g_test_add_func ("/connectivity/s3/unknown-key-id", test_s3_unknown_key_id);
  g_test_add_func ("/connectivity/s3/not-s3", test_s3_not_s3);
  g_test_add_func ("/connectivity/s3/refused", test_s3_refused);
  g_test_add_func ("/connectivity/local", test_local);
  g_test_add_func ("/connectivity/kyuubi-hook", test_kyuubi_hook);

  return g_test_run ();
}
