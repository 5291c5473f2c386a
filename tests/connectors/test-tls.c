/* test-tls.c: TLS modes and certificate problems, HTTP authentication, against the
 * harness's TLS peers (a private CA, an HTTPS server, a MariaDB offering TLS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "connector-test-util.h"

static void
print_result (TribConnectivityResult *result)
{
  g_autofree char *text = trib_connectivity_result_format (result);
  g_test_message ("%s", text);
}

static TribConnectivityResult *
test_source (TribDataSource *source,
             const char     *secret)
{
  g_autoptr(GError) error = NULL;
  TribConnectivityResult *result = run_connectivity_test (source, secret, NULL, &error);

  g_assert_no_error (error);
  print_result (result);
  return result;
}

/* {{{ HTTPS */

static TribDataSource *
https_source (void)
{
  TribDataSource *source = trib_data_source_new ("secure-files", TRIB_DATA_SOURCE_KIND_HTTPFILE);

  set_options (source, "url", trib_test_require_env ("TRIB_TEST_HTTPS_URL"), "probe_path", "/hello.txt",
               "connect_timeout", "2", "read_timeout", "5", NULL);
  return source;
}

static void
test_https_trusted_ca (void)
{
  g_autoptr(TribDataSource) source = https_source ();
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "ca_file", trib_test_require_env ("TRIB_TEST_TLS_CA"), NULL);
  result = test_source (source, NULL);
  g_assert_true (trib_connectivity_result_get_success (result));
  g_assert_cmpint (trib_connectivity_result_get_size (result), ==, 15);
  g_assert_cmpstr (trib_connectivity_result_get_reached (result), ==, "HTTP 200, 15 bytes, text/plain");
}

static void
test_https_untrusted (void)
{
  g_autoptr(TribDataSource) source = https_source ();
  g_autoptr(TribConnectivityResult) result = test_source (source, NULL);

  assert_failure (result, TRIB_CONNECTOR_ERROR_TLS, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_tls_problem (result), ==,
                   "the server's certificate is issued by an authority this computer does not trust");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "Set ca_file to the PEM file of the certificate authority that signed the server's certificate. Only on a trusted network, verify_tls=false skips the check.");
}

static void
test_https_no_verification (void)
{
  g_autoptr(TribDataSource) source = https_source ();
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "verify_tls", "false", NULL);
  result = test_source (source, NULL);
  g_assert_true (trib_connectivity_result_get_success (result));
}

static void
test_https_name_mismatch (void)
{
  g_autoptr(TribDataSource) source = https_source ();
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *url = g_strdup_printf ("https://localhost:%s", trib_test_require_env ("TRIB_TEST_HTTPS_PORT"));

  set_options (source, "url", url, "ca_file", trib_test_require_env ("TRIB_TEST_TLS_CA"), NULL);
  result = test_source (source, NULL);
  assert_failure (result, TRIB_CONNECTOR_ERROR_TLS, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_tls_problem (result), ==,
                   "the server's certificate is not issued for “localhost”");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "Use a host name that the certificate names instead of “localhost”, or ask for a certificate that includes it.");
}

static void
test_http_on_tls_port (void)
{
  g_autoptr(TribDataSource) source = https_source ();
  g_autoptr(TribConnectivityResult) result = NULL;
  const char *port = trib_test_require_env ("TRIB_TEST_HTTPS_PORT");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%s", port);
  g_autofree char *hint = g_strdup_printf ("Port %s of 127.0.0.1 does not answer in HTTP. Check the port; if this server speaks HTTPS, use an https:// URL.", port);

  set_options (source, "url", url, NULL);
  result = test_source (source, NULL);
  assert_failure (result, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==, hint);
}

/* }}} */
/* {{{ HTTP Basic authentication */

static TribDataSource *
auth_source (const char *user)
{
  TribDataSource *source = trib_data_source_new ("reports", TRIB_DATA_SOURCE_KIND_HTTPFILE);

  set_options (source, "url", trib_test_require_env ("TRIB_TEST_HTTP_AUTH_URL"), "probe_path", "/private/report.csv",
               "user", user, NULL);
  return source;
}

static void
test_basic_auth (void)
{
  const char *password = trib_test_require_env ("TRIB_TEST_HTTPS_PASSWORD");
  g_autoptr(TribDataSource) anonymous = auth_source (NULL);
  g_autoptr(TribDataSource) analyst = auth_source ("analyst");
  g_autoptr(TribConnectivityResult) none = test_source (anonymous, NULL);
  g_autoptr(TribConnectivityResult) wrong = test_source (analyst, "Wr0ng-passw0rd");
  g_autoptr(TribConnectivityResult) right = test_source (analyst, password);
  g_autoptr(TribHttpFile) http = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  assert_failure (none, TRIB_CONNECTOR_ERROR_AUTHENTICATION, NULL);
  g_assert_cmpuint (trib_connectivity_result_get_http_status (none), ==, 401);
  g_assert_cmpstr (trib_connectivity_result_get_hint (none), ==,
                   "The server wants a user name and password: set the user option and store the password in the keyring (or set TRIBUTARY_SECRET_REPORTS).");

  assert_failure (wrong, TRIB_CONNECTOR_ERROR_AUTHENTICATION, "Wr0ng-passw0rd");
  g_assert_cmpstr (trib_connectivity_result_get_hint (wrong), ==,
                   "Check the user name “analyst” and its password (from the keyring, or TRIBUTARY_SECRET_REPORTS).");

  g_assert_true (trib_connectivity_result_get_success (right));
  text = trib_connectivity_result_format (right);
  g_assert_null (strstr (text, password));

  http = trib_http_file_new (analyst, password, &error);
  g_assert_no_error (error);
  bytes = trib_http_file_fetch_bytes (http, "/private/report.csv", 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "uid,amount\n1,10\n", 16);
}

static void
test_forbidden (void)
{
  g_autoptr(TribDataSource) source = auth_source (NULL);
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "probe_path", "/forbidden/secret.txt", NULL);
  result = test_source (source, NULL);
  assert_failure (result, TRIB_CONNECTOR_ERROR_PERMISSION_DENIED, NULL);
  g_assert_cmpuint (trib_connectivity_result_get_http_status (result), ==, 403);
}

static gboolean
append_sink (const guint8  *data,
             gsize          length,
             gpointer       user_data,
             GError       **error)
{
  g_byte_array_append (user_data, data, length);
  return TRUE;
}

static void
test_headers_and_post (void)
{
  g_autoptr(TribDataSource) source = auth_source (NULL);
  g_autoptr(TribHttpFile) http = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"day\":\"20240101\"}", 18);
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) posted = g_byte_array_new ();
  const char *extra[] = { "X-Request-Id: 7", NULL };

  set_options (source, "headers", "X-Team: data\nX-Env: test", NULL);
  http = trib_http_file_new (source, NULL, &error);
  g_assert_no_error (error);

  got = trib_http_file_fetch_bytes (http, "/echo", 4096, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), "GET\nX-Team: data\nX-Env: test\n\n", 30);

  g_assert_true (trib_http_file_fetch (http, "/echo", "POST", body, extra, append_sink,
                                       posted, NULL, &error));
  g_assert_no_error (error);
  g_byte_array_append (posted, (const guint8 *) "", 1);
  g_assert_cmpstr ((const char *) posted->data, ==,
                   "POST\nX-Team: data\nX-Env: test\nX-Request-Id: 7\n\n{\"day\":\"20240101\"}");
}

static void
test_proxy_from_environment (void)
{
  g_autoptr(TribDataSource) source = auth_source (NULL);
  g_autoptr(TribHttpFile) http = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;
  guint16 port = unused_port ();
  g_autofree char *proxy = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autofree char *expected = g_strdup_printf ("the proxy 127.0.0.1:%u (from http_proxy) refused the connection", port);
  g_autoptr(TribConnectivityResult) result = NULL;

  http = trib_http_file_new (source, NULL, &error);
  g_assert_no_error (error);

  /* libcurl reads http_proxy at each transfer: here, a proxy that is down. */
  g_unsetenv ("no_proxy");
  g_unsetenv ("NO_PROXY");
  g_setenv ("http_proxy", proxy, TRUE);
  got = trib_http_file_fetch_bytes (http, "/hello.txt", 4096, NULL, &error);
  g_unsetenv ("http_proxy");
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* The connectivity test says so too. */
  g_setenv ("http_proxy", proxy, TRUE);
  result = test_source (source, NULL);
  g_unsetenv ("http_proxy");
  assert_failure (result, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, NULL);
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "The proxy named by the http_proxy environment variable cannot be reached. Check that variable, or list this host in no_proxy to connect directly.");

  /* no_proxy lists the host: straight to the server. */
  g_setenv ("http_proxy", proxy, TRUE);
  g_setenv ("no_proxy", "example.com, 127.0.0.1", TRUE);
  g_clear_pointer (&got, g_bytes_unref);
  got = trib_http_file_fetch_bytes (http, "/hello.txt", 4096, NULL, &error);
  g_unsetenv ("http_proxy");
  g_unsetenv ("no_proxy");
  g_assert_no_error (error);

  got = trib_http_file_fetch_bytes (http, "/hello.txt", 4096, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 15);
}

/* }}} */
/* {{{ MariaDB with TLS */

static TribDataSource *
tls_mysql_source (const char *host,
                  const char *mode)
{
  TribDataSource *source = trib_data_source_new ("secure-db", TRIB_DATA_SOURCE_KIND_MYSQL);

  set_options (source, "host", host, "port", trib_test_require_env ("TRIB_TEST_MYSQL_TLS_PORT"),
               "database", trib_test_require_env ("TRIB_TEST_MYSQL_TLS_DATABASE"),
               "user", trib_test_require_env ("TRIB_TEST_MYSQL_TLS_USER"), "tls", mode,
               "connect_timeout", "3", NULL);
  return source;
}

static const char *
tls_password (void)
{
  return trib_test_require_env ("TRIB_TEST_MYSQL_TLS_PASSWORD");
}

static void
assert_encrypted (TribConnectivityResult *result)
{
  g_assert_true (trib_connectivity_result_get_success (result));
  g_assert_nonnull (strstr (trib_connectivity_result_get_reached (result), ", database “secure_db”, TLS TLS_"));
}

static void
test_mysql_tls_modes (void)
{
  const char *ca = trib_test_require_env ("TRIB_TEST_TLS_CA");
  g_autoptr(TribDataSource) preferred = tls_mysql_source ("127.0.0.1", "preferred");
  g_autoptr(TribDataSource) required = tls_mysql_source ("127.0.0.1", "required");
  g_autoptr(TribDataSource) verify_ca = tls_mysql_source ("localhost", "verify-ca");
  g_autoptr(TribDataSource) identity = tls_mysql_source ("127.0.0.1", "verify-identity");
  g_autoptr(TribDataSource) disabled = tls_mysql_source ("127.0.0.1", "disabled");
  g_autoptr(TribConnectivityResult) r1 = NULL;
  g_autoptr(TribConnectivityResult) r2 = NULL;
  g_autoptr(TribConnectivityResult) r3 = NULL;
  g_autoptr(TribConnectivityResult) r4 = NULL;
  g_autoptr(TribConnectivityResult) r5 = NULL;

  r1 = test_source (preferred, tls_password ());
  assert_encrypted (r1);
  r2 = test_source (required, tls_password ());
  assert_encrypted (r2);
  /* verify-ca checks the authority, not the name: "localhost" is fine. */
  set_options (verify_ca, "ca_file", ca, NULL);
  r3 = test_source (verify_ca, tls_password ());
  assert_encrypted (r3);
  set_options (identity, "ca_file", ca, NULL);
  r4 = test_source (identity, tls_password ());
  assert_encrypted (r4);
  r5 = test_source (disabled, tls_password ());
  g_assert_true (trib_connectivity_result_get_success (r5));
  g_assert_true (g_str_has_suffix (trib_connectivity_result_get_reached (r5), ", not encrypted"));
}

static void
test_mysql_wrong_ca (void)
{
  g_autoptr(TribDataSource) source = tls_mysql_source ("127.0.0.1", "verify-ca");
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autofree char *dir = trib_test_make_tmpdir ("ca-XXXXXX");
  g_autofree char *other_ca = g_build_filename (dir, "other.pem", NULL);
  g_autofree char *tls_dir = g_path_get_dirname (trib_test_require_env ("TRIB_TEST_TLS_CA"));
  g_autofree char *server_cert = g_build_filename (tls_dir, "server.pem", NULL);
  g_autofree char *pem = trib_test_read_file (server_cert);

  /* A CA file that does not hold the server's issuer (the server's own certificate). */
  trib_test_write_file (other_ca, pem);
  set_options (source, "ca_file", other_ca, NULL);
  result = test_source (source, tls_password ());
  assert_failure (result, TRIB_CONNECTOR_ERROR_TLS, tls_password ());
  g_assert_cmpstr (trib_connectivity_result_get_tls_problem (result), ==,
                   "the server's certificate is issued by an authority that ca_file does not hold");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "Set ca_file to the PEM file of the certificate authority that signed the server's certificate, or set tls to required to encrypt without verifying.");
  trib_test_rm_rf (dir);
}

static void
test_mysql_name_mismatch (void)
{
  g_autoptr(TribDataSource) source = tls_mysql_source ("localhost", "verify-identity");
  g_autoptr(TribConnectivityResult) result = NULL;

  set_options (source, "ca_file", trib_test_require_env ("TRIB_TEST_TLS_CA"), NULL);
  result = test_source (source, tls_password ());
  assert_failure (result, TRIB_CONNECTOR_ERROR_TLS, tls_password ());
  g_assert_cmpstr (trib_connectivity_result_get_tls_problem (result), ==,
                   "the server's certificate is not issued for “localhost”");
  g_assert_cmpstr (trib_connectivity_result_get_hint (result), ==,
                   "Connect with a host name that the certificate names instead of “localhost”, or set tls to verify-ca to check only the certificate authority.");
}

static void
test_mysql_identity_without_ca (void)
{
  g_autoptr(TribDataSource) source = tls_mysql_source ("localhost", "verify-identity");
  g_autoptr(TribConnectivityResult) result = test_source (source, tls_password ());

  assert_failure (result, TRIB_CONNECTOR_ERROR_TLS, tls_password ());
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls/https/trusted-ca", test_https_trusted_ca);
  g_test_add_func ("/tls/https/untrusted", test_https_untrusted);
  g_test_add_func ("/tls/https/no-verification", test_https_no_verification);
  g_test_add_func ("/tls/https/name-mismatch", test_https_name_mismatch);
  g_test_add_func ("/tls/https/http-on-tls-port", test_http_on_tls_port);
  g_test_add_func ("/tls/http/basic-auth", test_basic_auth);
  g_test_add_func ("/tls/http/forbidden", test_forbidden);
  g_test_add_func ("/tls/http/headers-and-post", test_headers_and_post);
  g_test_add_func ("/tls/http/proxy-from-environment", test_proxy_from_environment);
  g_test_add_func ("/tls/mysql/modes", test_mysql_tls_modes);
  g_test_add_func ("/tls/mysql/wrong-ca", test_mysql_wrong_ca);
  g_test_add_func ("/tls/mysql/name-mismatch", test_mysql_name_mismatch);
  g_test_add_func ("/tls/mysql/identity-without-ca", test_mysql_identity_without_ca);

  return g_test_run ();
}
