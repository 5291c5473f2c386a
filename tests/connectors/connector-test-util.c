/* connector-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "connector-test-util.h"

GSocket *
blackhole_new (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 16);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

guint16
unused_port (void)
{
  guint16 port;
  GSocket *socket = blackhole_new (&port);

  g_socket_close (socket, NULL);
  g_object_unref (socket);
  return port;
}

void
set_options (TribDataSource *source,
             ...)
{
  va_list args;
  const char *key;

  va_start (args, source);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autoptr(GError) error = NULL;

      if (value == NULL)
        trib_data_source_unset_option (source, key);
      else
        {
          trib_data_source_set_option (source, key, value, &error);
          g_assert_no_error (error);
        }
    }
  va_end (args);
}

TribDataSource *
harness_mysql_source (const char *name)
{
  TribDataSource *source = trib_data_source_new (name, TRIB_DATA_SOURCE_KIND_MYSQL);

  set_options (source,
               "host", trib_test_require_env ("TRIB_TEST_MYSQL_HOST"),
               "port", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"),
               "database", trib_test_require_env ("TRIB_TEST_MYSQL_DATABASE"),
               "user", trib_test_require_env ("TRIB_TEST_MYSQL_USER"),
               "tls", "disabled",
               "connect_timeout", "2",
               "read_timeout", "5",
               NULL);
  return source;
}

TribDataSource *
harness_http_source (const char *name)
{
  TribDataSource *source = trib_data_source_new (name, TRIB_DATA_SOURCE_KIND_HTTPFILE);

  set_options (source,
               "url", trib_test_require_env ("TRIB_TEST_HTTP_URL"),
               "connect_timeout", "2",
               "read_timeout", "2",
               NULL);
  return source;
}

TribDataSource *
harness_s3_source (const char *name)
{
  TribDataSource *source = trib_data_source_new (name, TRIB_DATA_SOURCE_KIND_S3);

  set_options (source,
               "endpoint", trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"),
               "region", trib_test_require_env ("TRIB_TEST_S3_REGION"),
               "bucket", trib_test_require_env ("TRIB_TEST_S3_BUCKET"),
               "access_key_id", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"),
               "path_style", "true",
               "connect_timeout", "2",
               "read_timeout", "5",
               NULL);
  return source;
}

typedef struct
{
  GMainLoop              *loop;
  TribConnectivityResult *result;
  GError                 *error;
} Wait;

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = trib_connectivity_test_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

TribConnectivityResult *
run_connectivity_test (TribDataSource  *source,
                       const char      *secret,
                       GCancellable    *cancellable,
                       GError         **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  trib_connectivity_test_async (source, secret, NULL, cancellable, test_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.result;
}

void
assert_failure (TribConnectivityResult *result,
                TribConnectorError      category,
                const char             *secret)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (result);
  text = trib_connectivity_result_format (result);
  if (trib_connectivity_result_get_success (result) ||
      trib_connectivity_result_get_category (result) != category)
    g_error ("expected category %s, got:\n%s", trib_connector_error_to_string (category), text);
  g_assert_nonnull (trib_connectivity_result_get_message (result));
  g_assert_nonnull (trib_connectivity_result_get_hint (result));
  if (secret != NULL && *secret != '\0')
    g_assert_null (strstr (text, secret));
}

int
run_cli (const char * const  *argv,
         const char          *input,
         const char * const  *extra_env,
         char               **out,
         char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;

  g_ptr_array_add (args, (gpointer) trib_test_require_env ("TRIB_CLI"));
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; extra_env && extra_env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (extra_env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1] ? kv[1] : "", TRUE);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &stdout_buf, &stderr_buf, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  g_test_message ("$ tributary-cli %s\n%s%s", argv[0], stdout_buf, stderr_buf);
  if (out)
    *out = g_steal_pointer (&stdout_buf);
  if (err)
    *err = g_steal_pointer (&stderr_buf);
  return g_subprocess_get_exit_status (proc);
}
