/* test-hs2-transports.c: every transport, TLS, credentials, and what a wrong port says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hs2-test-peer.h"

static void
assert_select_works (TribHs2Config *config)
{
  g_autoptr(TribHs2Client) client = trib_hs2_client_new (config);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;
  g_autofree char *value = NULL;

  rs = trib_hs2_client_query_sync (client, "SELECT 'over ' || 'the wire' AS v, range AS i FROM range(3)",
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (rs), ==, 3);
  value = trib_hs2_result_set_dup_text (rs, 2, 0);
  g_assert_cmpstr (value, ==, "over the wire");
  g_assert_true (trib_hs2_client_close_sync (client, NULL, &error));
  g_assert_no_error (error);
}

static void
test_sasl (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  assert_select_works (config);
}

static void
test_nosasl (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_NOSASL, FALSE);
  assert_select_works (config);
}

static void
test_framed (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_FRAMED, FALSE);
  assert_select_works (config);
}

static void
test_http (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_HTTP, FALSE);
  assert_select_works (config);
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  TribHs2ResultSet **out = data;
  g_autoptr(GError) error = NULL;

  *out = trib_hs2_client_query_finish (TRIB_HS2_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

/* The HTTP session is used from whichever worker thread runs each call. */
static void
test_http_async (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_HTTP, FALSE);
  g_autoptr(TribHs2Client) client = trib_hs2_client_new (config);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(TribHs2ResultSet) rs = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT %u AS round", i);
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("%u", i);

      trib_hs2_client_query_async (client, sql, NULL, query_done_cb, &rs);
      while (rs == NULL)
        g_main_context_iteration (NULL, TRUE);
      text = trib_hs2_result_set_dup_text (rs, 0, 0);
      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_sasl_tls (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, TRUE);
  assert_select_works (config);
}

static void
test_https (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_HTTP, TRUE);
  assert_select_works (config);
}

static void
test_tls_untrusted (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, TRUE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(GError) error = NULL;

  /* The system's trust store does not know the peer's self-signed certificate. */
  g_clear_pointer (&config->ca_file, g_free);
  client = trib_hs2_client_new (config);
  g_assert_false (trib_hs2_client_open_sync (client, NULL, &error));
  g_test_message ("untrusted: %s", error->message);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
}

static void
assert_open_fails (TribHs2Config *config,
                   GQuark         domain,
                   int            code,
                   const char    *needle)
{
  g_autoptr(TribHs2Client) client = trib_hs2_client_new (config);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = trib_hs2_config_describe (config);

  g_assert_false (trib_hs2_client_open_sync (client, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", where, error->message);
  if (code < 0)
    g_assert_true (error->domain == domain);
  else
    g_assert_error (error, domain, code);
  if (needle)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
test_wrong_password (void)
{
  g_autoptr(TribHs2Config) sasl = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Config) http = hs2_test_config (TRIB_HS2_TRANSPORT_HTTP, FALSE);

  g_free (sasl->password);
  sasl->password = g_strdup ("not-the-password");
  assert_open_fails (sasl, TRIB_HS2_ERROR, TRIB_HS2_ERROR_AUTH, "Error validating the login");
  g_free (http->password);
  http->password = g_strdup ("not-the-password");
  assert_open_fails (http, TRIB_HS2_ERROR, TRIB_HS2_ERROR_AUTH, "HTTP 401");
  g_assert_true (hs2_test_recorded ("auth-failed", "\"transport\":\"sasl\"", NULL));
  g_assert_true (hs2_test_recorded ("auth-failed", "\"transport\":\"http\"", NULL));
}

/* A client of one transport against the port of another. */
static void
mismatch (TribHs2TransportMode  client_mode,
          gboolean              client_tls,
          TribHs2TransportMode  port_mode,
          gboolean              port_tls,
          GQuark                domain,
          int                   code,
          const char           *needle)
{
  g_autoptr(TribHs2Config) port = hs2_test_config (port_mode, port_tls);
  g_autoptr(TribHs2Config) config = hs2_test_config (client_mode, client_tls);

  config->port = port->port;
  config->read_timeout = 5;
  assert_open_fails (config, domain, code, needle);
}

static void
test_mismatch_nosasl_client_on_sasl_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_NOSASL, FALSE, TRIB_HS2_TRANSPORT_SASL, FALSE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "this port expects SASL");
}

static void
test_mismatch_sasl_client_on_nosasl_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_SASL, FALSE, TRIB_HS2_TRANSPORT_NOSASL, FALSE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "does not speak SASL");
}

static void
test_mismatch_sasl_client_on_http_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_SASL, FALSE, TRIB_HS2_TRANSPORT_HTTP, FALSE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "this is an HTTP port");
}

static void
test_mismatch_nosasl_client_on_http_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_NOSASL, FALSE, TRIB_HS2_TRANSPORT_HTTP, FALSE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "this is an HTTP port");
}

static void
test_mismatch_http_client_on_sasl_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_HTTP, FALSE, TRIB_HS2_TRANSPORT_SASL, FALSE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "does not answer in HTTP");
}

static void
test_mismatch_http_client_on_nosasl_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_HTTP, FALSE, TRIB_HS2_TRANSPORT_NOSASL, FALSE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "does not answer in HTTP");
}

static void
test_mismatch_plain_client_on_tls_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_SASL, FALSE, TRIB_HS2_TRANSPORT_SASL, TRUE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "this port speaks TLS");
  mismatch (TRIB_HS2_TRANSPORT_NOSASL, FALSE, TRIB_HS2_TRANSPORT_SASL, TRUE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "this port speaks TLS");
  mismatch (TRIB_HS2_TRANSPORT_HTTP, FALSE, TRIB_HS2_TRANSPORT_HTTP, TRUE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, "does not answer in HTTP");
}

static void
test_mismatch_tls_client_on_plain_port (void)
{
  mismatch (TRIB_HS2_TRANSPORT_SASL, TRUE, TRIB_HS2_TRANSPORT_SASL, FALSE,
            G_TLS_ERROR, -1, "does not seem to speak TLS");
  mismatch (TRIB_HS2_TRANSPORT_HTTP, TRUE, TRIB_HS2_TRANSPORT_HTTP, FALSE,
            TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL, NULL);
}

static void
test_http_cookie_retry (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_HTTP, FALSE);
  g_autoptr(TribHs2Client) client = trib_hs2_client_new (config);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2ResultSet) a = NULL;
  g_autoptr(TribHs2ResultSet) b = NULL;

  /* The statement makes the server forget its cookie key: the next POST carries a stale
   * hive.server2.auth cookie, gets 401, and is sent again with the credentials. */
  a = trib_hs2_client_query_sync (client, "SELECT 1 /* trib:expire-cookies */", NULL, &error);
  g_assert_no_error (error);
  b = trib_hs2_client_query_sync (client, "SELECT 'after the 401' AS v", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hs2_test_recorded ("http-401-stale-cookie", NULL));
}

static TribDataSource *
kyuubi_source (const char *name,
               const char *host,
               guint16     port,
               const char *transport)
{
  TribDataSource *source = trib_data_source_new (name, TRIB_DATA_SOURCE_KIND_KYUUBI);
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  g_assert_true (trib_data_source_set_option (source, "host", host, NULL));
  g_assert_true (trib_data_source_set_option (source, "port", port_text, NULL));
  g_assert_true (trib_data_source_set_option (source, "transport", transport, NULL));
  g_assert_true (trib_data_source_set_option (source, "user", trib_test_require_env ("TRIB_TEST_HS2_USER"), NULL));
  g_assert_true (trib_data_source_set_option (source, "database", "default", NULL));
  g_assert_true (trib_data_source_set_option (source, "connect_timeout", "3", NULL));
  g_assert_true (trib_data_source_set_option (source, "read_timeout", "2", NULL));
  return source;
}

static void
test_connection_test_ok (void)
{
  g_autoptr(TribDataSource) source = kyuubi_source ("spark test", "127.0.0.1",
                                                    atoi (trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT")), "sasl");
  g_autoptr(TribHs2TestResult) result = NULL;

  /* The password comes from TRIBUTARY_SECRET_<NAME>. */
  g_setenv ("TRIBUTARY_SECRET_SPARK_TEST", trib_test_require_env ("TRIB_TEST_HS2_PASSWORD"), TRUE);
  result = trib_hs2_test_connection_sync (source, NULL, NULL);
  g_unsetenv ("TRIBUTARY_SECRET_SPARK_TEST");
  g_test_message ("%s", result->message);
  g_assert_true (result->ok);
  g_assert_cmpint (result->category, ==, TRIB_HS2_TEST_OK);
  g_assert_cmpstr (result->server_name, ==, "Apache Kyuubi");
  g_assert_cmpstr (result->server_version, ==, "1.9.0-trib-peer");
  g_assert_nonnull (strstr (result->reached, "(sasl)"));
  g_assert_null (result->hint);
  g_assert_cmpfloat (result->elapsed, >, 0);
}

typedef struct
{
  TribHs2TestResult *result;
} AsyncTest;

static void
test_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      data)
{
  AsyncTest *t = data;

  t->result = trib_hs2_test_connection_finish (res, NULL);
}

static TribHs2TestCategory
category_of (TribDataSource *source,
             const char     *password)
{
  AsyncTest t = { NULL };
  TribHs2TestCategory category;

  trib_hs2_test_connection_async (source, password, NULL, test_done_cb, &t);
  while (t.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("%s → %s: %s (%s)", t.result->reached ? t.result->reached : "?",
                  trib_hs2_test_category_to_string (t.result->category), t.result->message, t.result->hint);
  g_assert_false (t.result->ok);
  g_assert_nonnull (t.result->hint);
  category = t.result->category;
  trib_hs2_test_result_free (t.result);
  return category;
}

static gboolean
hold_connection_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    GPtrArray         *held)
{
  g_ptr_array_add (held, g_object_ref (connection));
  return TRUE;
}

static void
test_connection_test_failures (void)
{
  const char *password = trib_test_require_env ("TRIB_TEST_HS2_PASSWORD");
  guint16 sasl = atoi (trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT"));
  guint16 http = atoi (trib_test_require_env ("TRIB_TEST_HS2_HTTP_PORT"));
  g_autoptr(TribDataSource) refused = kyuubi_source ("s", "127.0.0.1", hs2_test_closed_port (), "sasl");
  g_autoptr(TribDataSource) unknown = kyuubi_source ("s", "no-such-host.invalid", sasl, "sasl");
  g_autoptr(TribDataSource) right = kyuubi_source ("s", "127.0.0.1", sasl, "sasl");
  g_autoptr(TribDataSource) wrong = kyuubi_source ("s", "127.0.0.1", http, "sasl");
  g_autoptr(TribDataSource) tls = kyuubi_source ("s", "127.0.0.1", sasl, "sasl");
  g_autoptr(GSocketService) silent = g_socket_service_new ();
  g_autoptr(TribDataSource) mute = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  guint16 silent_port;

  g_assert_cmpint (category_of (refused, password), ==, TRIB_HS2_TEST_CONNECTION_REFUSED);
  g_assert_cmpint (category_of (unknown, password), ==, TRIB_HS2_TEST_NAME_NOT_RESOLVED);
  g_assert_cmpint (category_of (right, "wrong password"), ==, TRIB_HS2_TEST_AUTH_FAILED);
  g_assert_cmpint (category_of (wrong, password), ==, TRIB_HS2_TEST_WRONG_PROTOCOL);
  g_assert_true (trib_data_source_set_option (tls, "tls", "true", NULL));
  g_assert_cmpint (category_of (tls, password), ==, TRIB_HS2_TEST_TLS_FAILURE);

  /* A server that accepts and never answers: the read timeout (2 s) ends the wait. */
  silent_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (silent), NULL, NULL);
  g_signal_connect (silent, "incoming", G_CALLBACK (hold_connection_cb), held);
  g_socket_service_start (silent);
  mute = kyuubi_source ("s", "127.0.0.1", silent_port, "sasl");
  g_assert_cmpint (category_of (mute, password), ==, TRIB_HS2_TEST_TIMED_OUT);
  g_socket_service_stop (silent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hs2/transport/sasl", test_sasl);
  g_test_add_func ("/hs2/transport/nosasl", test_nosasl);
  g_test_add_func ("/hs2/transport/framed", test_framed);
  g_test_add_func ("/hs2/transport/http", test_http);
  g_test_add_func ("/hs2/transport/http-async", test_http_async);
  g_test_add_func ("/hs2/transport/sasl-tls", test_sasl_tls);
  g_test_add_func ("/hs2/transport/https", test_https);
  g_test_add_func ("/hs2/transport/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/hs2/transport/wrong-password", test_wrong_password);
  g_test_add_func ("/hs2/transport/http-cookie-retry", test_http_cookie_retry);
  g_test_add_func ("/hs2/mismatch/nosasl-client-on-sasl-port", test_mismatch_nosasl_client_on_sasl_port);
  g_test_add_func ("/hs2/mismatch/sasl-client-on-nosasl-port", test_mismatch_sasl_client_on_nosasl_port);
  g_test_add_func ("/hs2/mismatch/sasl-client-on-http-port", test_mismatch_sasl_client_on_http_port);
  g_test_add_func ("/hs2/mismatch/nosasl-client-on-http-port", test_mismatch_nosasl_client_on_http_port);
  g_test_add_func ("/hs2/mismatch/http-client-on-sasl-port", test_mismatch_http_client_on_sasl_port);
  g_test_add_func ("/hs2/mismatch/http-client-on-nosasl-port", test_mismatch_http_client_on_nosasl_port);
  g_test_add_func ("/hs2/mismatch/plain-client-on-tls-port", test_mismatch_plain_client_on_tls_port);
  g_test_add_func ("/hs2/mismatch/tls-client-on-plain-port", test_mismatch_tls_client_on_plain_port);
  g_test_add_func ("/hs2/connection-test/ok", test_connection_test_ok);
  g_test_add_func ("/hs2/connection-test/failures", test_connection_test_failures);

  return g_test_run ();
}
