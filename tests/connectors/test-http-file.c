/* test-http-file.c: the HTTP file helper the sync engine reads through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "connector-test-util.h"

static TribHttpFile *
harness_http (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(GError) error = NULL;
  TribHttpFile *http = trib_http_file_new (source, NULL, &error);

  g_assert_no_error (error);
  return http;
}

static char *
served_file (const char *name)
{
  g_autofree char *path = g_build_filename (trib_test_require_env ("TRIB_TEST_HTTP_ROOT"), name, NULL);
  return trib_test_read_file (path);
}

static void
test_fetch_bytes (void)
{
  g_autoptr(TribHttpFile) http = harness_http ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = served_file ("user_log.txt");
  g_autoptr(GBytes) got = trib_http_file_fetch_bytes (http, "/user_log.txt", 64 * 1024 * 1024, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), expected, strlen (expected));
}

typedef struct
{
  gsize    bytes;
  guint    calls;
  GChecksum *checksum;
} Stream;

static gboolean
stream_sink (const guint8  *data,
             gsize          length,
             gpointer       user_data,
             GError       **error)
{
  Stream *stream = user_data;

  stream->bytes += length;
  stream->calls++;
  g_checksum_update (stream->checksum, data, length);
  return TRUE;
}

static void
test_fetch_stream (void)
{
  g_autoptr(TribHttpFile) http = harness_http ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = served_file ("user_log.txt");
  g_autofree char *expected_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, expected, -1);
  Stream stream = { 0, 0, g_checksum_new (G_CHECKSUM_SHA256) };

  g_assert_true (trib_http_file_fetch (http, "user_log.txt", NULL, NULL, NULL, stream_sink, &stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stream.bytes, ==, strlen (expected));
  g_assert_cmpuint (stream.calls, >, 1);
  g_assert_cmpstr (g_checksum_get_string (stream.checksum), ==, expected_sum);
  g_checksum_free (stream.checksum);
}

static void
test_fetch_missing (void)
{
  g_autoptr(TribHttpFile) http = harness_http ();
  g_autoptr(GError) error = NULL;
  Stream stream = { 0, 0, g_checksum_new (G_CHECKSUM_SHA256) };

  g_assert_false (trib_http_file_fetch (http, "/missing.txt", NULL, NULL, NULL, stream_sink, &stream, NULL, &error));
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND);
  /* The server's error page never reaches the sink. */
  g_assert_cmpuint (stream.bytes, ==, 0);
  g_checksum_free (stream.checksum);
}

static void
test_stat (void)
{
  g_autoptr(TribHttpFile) http = harness_http ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = served_file ("user_log.txt");
  g_autofree char *type = NULL;
  guint status = 0;
  gint64 size = 0;

  g_assert_true (trib_http_file_stat (http, "/user_log.txt", &status, &size, &type, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (size, ==, strlen (expected));
  g_assert_cmpstr (type, ==, "text/plain");
}

static void
test_urls (void)
{
  g_autoptr(TribDataSource) source = trib_data_source_new ("logs", TRIB_DATA_SOURCE_KIND_HTTPFILE);
  g_autoptr(TribHttpFile) http = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  set_options (source, "url", "https://files.example.com/data/", NULL);
  http = trib_http_file_new (source, NULL, &error);
  g_assert_no_error (error);
  a = trib_http_file_dup_url (http, "/user_log.txt");
  b = trib_http_file_dup_url (http, "logs/2024 01 01.txt");
  c = trib_http_file_dup_url (http, NULL);
  g_assert_cmpstr (a, ==, "https://files.example.com/data/user_log.txt");
  g_assert_cmpstr (b, ==, "https://files.example.com/data/logs/2024%2001%2001.txt");
  g_assert_cmpstr (c, ==, "https://files.example.com/data/");
  {
    /* Resolved under the base URL, never above it. */
    g_autofree char *d = trib_http_file_dup_url (http, "/../../../etc/passwd");
    g_autofree char *e = trib_http_file_dup_url (http, "logs/./a/../b.txt");

    g_assert_cmpstr (d, ==, "https://files.example.com/data/etc/passwd");
    g_assert_cmpstr (e, ==, "https://files.example.com/data/logs/b.txt");
    g_assert_false (trib_http_path_check ("/a/../../x", &error));
    g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS);
  }
}

static void
test_user_needs_password (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("private-logs");
  g_autoptr(TribHttpFile) http = NULL;
  g_autoptr(GError) error = NULL;

  set_options (source, "user", "analyst", NULL);
  http = trib_http_file_new (source, NULL, &error);
  g_assert_null (http);
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET);
  g_assert_cmpstr (error->message, ==,
                   "data source \"private-logs\" has a user but no password: store it in the keyring or set TRIBUTARY_SECRET_PRIVATE_LOGS");
}

static gpointer
cancel_soon (gpointer user_data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (user_data);
  return NULL;
}

static void
test_cancel_fetch (void)
{
  g_autoptr(TribDataSource) source = harness_http_source ("logs");
  g_autoptr(TribHttpFile) http = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSocket) hole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Stream stream = { 0, 0, g_checksum_new (G_CHECKSUM_SHA256) };
  GThread *thread;
  gint64 start;
  guint16 port;

  hole = blackhole_new (&port);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  set_options (source, "url", url, "read_timeout", "60", NULL);
  http = trib_http_file_new (source, NULL, &error);
  g_assert_no_error (error);

  /* Cancelled from another thread while the server keeps silent. */
  thread = g_thread_new ("cancel", cancel_soon, cancellable);
  start = g_get_monotonic_time ();
  g_assert_false (trib_http_file_fetch (http, "/user_log.txt", NULL, NULL, NULL, stream_sink, &stream,
                                        cancellable, &error));
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * 1000);
  g_checksum_free (stream.checksum);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http-file/fetch-bytes", test_fetch_bytes);
  g_test_add_func ("/http-file/fetch-stream", test_fetch_stream);
  g_test_add_func ("/http-file/fetch-missing", test_fetch_missing);
  g_test_add_func ("/http-file/stat", test_stat);
  g_test_add_func ("/http-file/urls", test_urls);
  g_test_add_func ("/http-file/user-needs-password", test_user_needs_password);
  g_test_add_func ("/http-file/cancel-fetch", test_cancel_fetch);

  return g_test_run ();
}
