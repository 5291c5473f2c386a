/* trib-hs2-connection-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-client.h"
#include "trib-hs2-connection-test.h"
#include "trib-hs2-error.h"

G_DEFINE_BOXED_TYPE (TribHs2TestResult, trib_hs2_test_result, trib_hs2_test_result_copy,
                     trib_hs2_test_result_free)

TribHs2TestResult *
trib_hs2_test_result_copy (const TribHs2TestResult *self)
{
  TribHs2TestResult *copy = g_memdup2 (self, sizeof *self);

  copy->message = g_strdup (self->message);
  copy->hint = g_strdup (self->hint);
  copy->reached = g_strdup (self->reached);
  copy->server_name = g_strdup (self->server_name);
  copy->server_version = g_strdup (self->server_version);
  return copy;
}

void
trib_hs2_test_result_free (TribHs2TestResult *self)
{
  if (self == NULL)
    return;
  g_free (self->message);
  g_free (self->hint);
  g_free (self->reached);
  g_free (self->server_name);
  g_free (self->server_version);
  g_free (self);
}

const char *
trib_hs2_test_category_to_string (TribHs2TestCategory category)
{
  static const char * const names[] = {
    "ok", "name-not-resolved", "connection-refused", "timed-out", "tls-failure",
    "auth-failed", "wrong-protocol", "server-error", "config-error", "failed",
  };

  return (guint) category < G_N_ELEMENTS (names) ? names[category] : "failed";
}

TribHs2TestCategory
trib_hs2_test_classify_error (const GError  *error,
                              const char   **hint)
{
  TribHs2TestCategory category = TRIB_HS2_TEST_FAILED;
  const char *h = _("Check the data source's settings and the server's log.");

  if (error == NULL)
    category = TRIB_HS2_TEST_OK;
  else if (error->domain == G_RESOLVER_ERROR)
    {
      category = TRIB_HS2_TEST_NAME_NOT_RESOLVED;
      h = _("Check the host name, or use the server's IP address.");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      category = TRIB_HS2_TEST_CONNECTION_REFUSED;
      h = _("Nothing listens on that port: check the port (Kyuubi 10009, HiveServer2 10000, HTTP 10010/10001) and that the server runs.");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
           g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_TIMED_OUT))
    {
      category = TRIB_HS2_TEST_TIMED_OUT;
      h = _("The server did not answer in time: check firewalls, the port, and the transport (a NOSASL port stays silent to a SASL client).");
    }
  else if (error->domain == G_TLS_ERROR)
    {
      category = TRIB_HS2_TEST_TLS_FAILURE;
      h = error->code == G_TLS_ERROR_NOT_TLS || error->code == G_TLS_ERROR_MISC || error->code == G_TLS_ERROR_EOF
          ? _("The port does not seem to speak TLS: turn TLS off, or use the TLS port.")
          : _("Check the CA file and that the certificate names this host.");
    }
  else if (g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_AUTH))
    {
      category = TRIB_HS2_TEST_AUTH_FAILED;
      h = _("Check the user name and the password (keyring or TRIBUTARY_SECRET_<NAME>).");
    }
  else if (g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL))
    {
      category = TRIB_HS2_TEST_WRONG_PROTOCOL;
      h = _("Set the transport (sasl, nosasl, http) and TLS to what the server's port uses.");
    }
  else if (g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_SERVER) ||
           g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_APPLICATION) ||
           g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_INVALID_HANDLE))
    {
      category = TRIB_HS2_TEST_SERVER_ERROR;
      h = _("The server refused the session: read its message, and its log.");
    }
  else if (error->domain == TRIB_HS2_ERROR && error->code == TRIB_HS2_ERROR_CLOSED)
    h = _("The server closed the connection: check the transport (sasl, nosasl, http) and TLS.");

  if (hint)
    *hint = category == TRIB_HS2_TEST_OK ? NULL : h;
  return category;
}

TribHs2TestResult *
trib_hs2_test_connection_sync (TribDataSource *source,
                               const char     *password,
                               GCancellable   *cancellable)
{
  g_autoptr(TribHs2Config) config = NULL;
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *env_name = NULL;
  TribHs2TestResult *result = g_new0 (TribHs2TestResult, 1);
  gint64 start = g_get_monotonic_time ();
  const char *hint = NULL;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (source), result);

  if (password == NULL)
    {
      env_name = trib_data_source_dup_secret_env_name (source);
      password = g_getenv (env_name);
    }
  config = trib_hs2_config_new_from_data_source (source, password, &error);
  if (config == NULL)
    {
      result->category = TRIB_HS2_TEST_CONFIG_ERROR;
      result->message = g_strdup (error->message);
      result->hint = g_strdup (_("Fix the data source's options."));
      return result;
    }
  /* A test answers quickly or says why not: cap the reply wait. */
  config->read_timeout = MIN (config->read_timeout ? config->read_timeout : 60, 60);
  result->reached = trib_hs2_config_describe (config);

  client = trib_hs2_client_new (config);
  if (trib_hs2_client_open_sync (client, cancellable, &error))
    {
      result->server_name = trib_hs2_client_get_info_sync (client, TRIB_HS2_INFO_DBMS_NAME, cancellable, &error);
      if (result->server_name == NULL)
        {
          /* Some servers answer only a part of GetInfo: the server name is enough. */
          g_clear_error (&error);
          result->server_name = trib_hs2_client_get_info_sync (client, TRIB_HS2_INFO_SERVER_NAME,
                                                               cancellable, &error);
        }
      if (error == NULL)
        result->server_version = trib_hs2_client_get_info_sync (client, TRIB_HS2_INFO_DBMS_VER,
                                                                cancellable, NULL);
      if (error == NULL)
        trib_hs2_client_close_sync (client, cancellable, NULL);
    }
  result->elapsed = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  result->category = trib_hs2_test_classify_error (error, &hint);
  result->ok = error == NULL;
  if (result->ok)
    result->message = g_strdup_printf (_("Connected to %s %s on %s in %.2f s"),
                                       result->server_name ? result->server_name : "HiveServer2",
                                       result->server_version ? result->server_version : "",
                                       result->reached, result->elapsed);
  else
    {
      result->message = g_strdup (error->message);
      result->hint = g_strdup (hint);
    }
  return result;
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TribDataSource *source = g_object_get_data (G_OBJECT (task), "trib-source");

  g_task_return_pointer (task, trib_hs2_test_connection_sync (source, task_data, cancellable),
                         (GDestroyNotify) trib_hs2_test_result_free);
}

void
trib_hs2_test_connection_async (TribDataSource      *source,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRIB_IS_DATA_SOURCE (source));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_hs2_test_connection_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_object_set_data_full (G_OBJECT (task), "trib-source", g_object_ref (source), g_object_unref);
  g_task_set_task_data (task, g_strdup (password), g_free);
  g_task_run_in_thread (task, test_thread);
}

TribHs2TestResult *
trib_hs2_test_connection_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
