/* trib-connectivity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-connectivity.h"
#include "trib-connector-settings.h"
#include "trib-error.h"
#include "trib-http-file.h"
#include "trib-json.h"
#include "trib-local-store.h"
#include "trib-mysql-connection.h"
#include "trib-s3-client.h"
#include "trib-secrets.h"

G_LOCK_DEFINE_STATIC (registry);
static TribConnectivityTestFunc registry[TRIB_DATA_SOURCE_KIND_KYUUBI + 1];

void
trib_connectivity_register_test (TribDataSourceKind        kind,
                                 TribConnectivityTestFunc  func)
{
  g_return_if_fail (kind > TRIB_DATA_SOURCE_KIND_UNKNOWN && kind <= TRIB_DATA_SOURCE_KIND_KYUUBI);

  G_LOCK (registry);
  registry[kind] = func;
  G_UNLOCK (registry);
}

static TribConnectivityTestFunc
lookup_test (TribDataSourceKind kind)
{
  TribConnectivityTestFunc func;

  G_LOCK (registry);
  func = registry[kind];
  G_UNLOCK (registry);
  return func;
}

/* A deep copy, so that the caller may go on editing its data source. */
static TribDataSource *
snapshot (TribDataSource *data_source)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), trib_data_source_get_json (data_source));
  g_autofree char *text = trib_json_to_string (node);
  g_autoptr(JsonNode) copy = trib_json_parse (text, -1, "", NULL);
  TribDataSource *result = NULL;

  if (copy && JSON_NODE_HOLDS_OBJECT (copy))
    result = trib_data_source_new_from_json (json_node_get_object (copy), "", "", NULL);
  if (result == NULL)
    result = trib_data_source_new (trib_data_source_get_name (data_source), trib_data_source_get_kind (data_source));
  return result;
}

static TribConnectivityResult *
invalid_settings (TribDataSource *data_source,
                  GPtrArray      *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *endpoint = trib_connector_describe_endpoint (data_source);

  for (guint i = 0; i < problems->len; i++)
    {
      TribFieldProblem *problem = g_ptr_array_index (problems, i);
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, problem->message);
    }
  return trib_connectivity_result_new_failure (trib_data_source_get_kind (data_source),
                                               TRIB_CONNECTOR_ERROR_INVALID_SETTINGS, endpoint, message->str,
                                               _("Fix the fields named above, then test again."));
}

static TribConnectivityResult *
failure_before_connecting (TribDataSource *data_source,
                           const GError   *error)
{
  g_autofree char *endpoint = trib_connector_describe_endpoint (data_source);
  g_autofree char *env = trib_data_source_dup_secret_env_name (data_source);
  g_autofree char *hint = NULL;

  if (g_error_matches (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET))
    hint = g_strdup_printf (_("Store it in the keyring (the data source dialog, or “tributary-cli datasource set … --secret-stdin”), or set the environment variable %s."),
                            env);
  else
    hint = g_strdup (_("Fix the fields named above, then test again."));
  return trib_connectivity_result_new_from_error (trib_data_source_get_kind (data_source), endpoint, error, hint);
}

TribConnectivityResult *
trib_connectivity_test_sync (TribDataSource  *data_source,
                             const char      *secret,
                             GFile           *base_directory,
                             GCancellable    *cancellable,
                             GError         **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TribDataSource) copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  TribConnectivityResult *result = NULL;
  TribConnectivityTestFunc func;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  copy = snapshot (data_source);
  problems = trib_connector_check_data_source (copy);
  if (problems->len > 0)
    result = invalid_settings (copy, problems);
  else
    switch (trib_data_source_get_kind (copy))
      {
      case TRIB_DATA_SOURCE_KIND_MYSQL:
        {
          g_autoptr(TribMysqlConnection) connection = trib_mysql_connection_new (copy, secret, &local_error);
          if (connection)
            result = trib_mysql_connection_test (connection, cancellable, error);
        }
        break;

      case TRIB_DATA_SOURCE_KIND_HTTPFILE:
        {
          g_autoptr(TribHttpFile) http = trib_http_file_new (copy, secret, &local_error);
          if (http)
            result = trib_http_file_test (http, cancellable, error);
        }
        break;

      case TRIB_DATA_SOURCE_KIND_S3:
        {
          g_autoptr(TribS3Client) client = trib_s3_client_new (copy, secret, &local_error);
          if (client)
            result = trib_s3_client_test (client, cancellable, error);
        }
        break;

      case TRIB_DATA_SOURCE_KIND_LOCAL:
        {
          g_autoptr(TribLocalStore) store = trib_local_store_new_for_data_source (copy, base_directory, &local_error);
          if (store)
            result = trib_local_store_test (store, cancellable, error);
        }
        break;

      case TRIB_DATA_SOURCE_KIND_KYUUBI:
      case TRIB_DATA_SOURCE_KIND_UNKNOWN:
      default:
        func = lookup_test (trib_data_source_get_kind (copy));
        if (func != NULL)
          result = func (copy, secret, cancellable, error);
        else
          {
            g_autofree char *endpoint = trib_connector_describe_endpoint (copy);
            result = trib_connectivity_result_new_failure (trib_data_source_get_kind (copy),
                                                           TRIB_CONNECTOR_ERROR_NOT_AVAILABLE, endpoint,
                                                           _("the Kyuubi connectivity test is not available in this build"),
                                                           _("It comes with the HiveServer2 client. The definition itself is checked and can be saved."));
          }
        break;
      }

  if (local_error != NULL)
    result = failure_before_connecting (copy, local_error);
  if (result == NULL)
    return NULL;  /* cancelled; @error is set */

  trib_connectivity_result_set_name (result, trib_data_source_get_name (data_source));
  trib_connectivity_result_set_elapsed_usec (result, g_get_monotonic_time () - start);
  return result;
}

/* The test of a workspace's data source, given as a snapshot, with its stored secret. */
static TribConnectivityResult *
test_with_stored_secret (TribDataSource  *data_source,
                         const char      *workspace_id,
                         GFile           *directory,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(TribSecret) secret = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 start = g_get_monotonic_time ();
  TribDataSourceKind kind = trib_data_source_get_kind (data_source);

  if (trib_data_source_needs_secret (data_source))
    {
      secret = trib_secrets_resolve_for_id_sync (workspace_id, data_source, NULL, cancellable, &local_error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* Kyuubi may not need one (NOSASL): its test decides. */
      if ((local_error != NULL || secret == NULL) && kind != TRIB_DATA_SOURCE_KIND_KYUUBI)
        {
          g_autofree char *env = trib_data_source_dup_secret_env_name (data_source);
          TribConnectivityResult *result;

          if (local_error == NULL)
            local_error = g_error_new (TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET,
                                       _("no secret stored for data source \"%s\" (neither in the keyring nor in %s)"),
                                       trib_data_source_get_name (data_source), env);
          result = failure_before_connecting (data_source, local_error);
          trib_connectivity_result_set_name (result, trib_data_source_get_name (data_source));
          trib_connectivity_result_set_elapsed_usec (result, g_get_monotonic_time () - start);
          return result;
        }
    }

  return trib_connectivity_test_sync (data_source, secret, directory, cancellable, error);
}

typedef struct
{
  TribDataSource *data_source;
  char           *secret;
  GFile          *base_directory;
  char           *workspace_id;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_object (&data->data_source);
  trib_secret_free (data->secret);
  g_clear_object (&data->base_directory);
  g_free (data->workspace_id);
  g_free (data);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TestData *data = task_data;
  GError *error = NULL;
  TribConnectivityResult *result;

  if (data->workspace_id != NULL)
    result = test_with_stored_secret (data->data_source, data->workspace_id, data->base_directory,
                                      cancellable, &error);
  else
    result = trib_connectivity_test_sync (data->data_source, data->secret, data->base_directory,
                                          cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
trib_connectivity_test_async (TribDataSource      *data_source,
                              const char          *secret,
                              GFile               *base_directory,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TestData *data;

  g_return_if_fail (TRIB_IS_DATA_SOURCE (data_source));

  data = g_new0 (TestData, 1);
  /* Copied now, in the caller's thread, so later edits do not race with the test. */
  data->data_source = snapshot (data_source);
  data->secret = g_strdup (secret);
  data->base_directory = base_directory ? g_object_ref (base_directory) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_connectivity_test_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, test_thread);
}

TribConnectivityResult *
trib_connectivity_test_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Defined with errors is not "no such data source": the fields are checked first, and
 * named (a port of -1 is not reported as a missing password). */
static void
set_not_found_error (TribWorkspace  *workspace,
                     const char     *name,
                     GError        **error)
{
  g_autofree char *problems = trib_workspace_dup_data_source_errors (workspace, name);

  if (problems)
    g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
                 _("data source \"%s\" has invalid settings: %s"), name, problems);
  else
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("the workspace has no data source \"%s\""), name);
}

TribConnectivityResult *
trib_connectivity_test_in_workspace_sync (TribWorkspace  *workspace,
                                          const char     *name,
                                          GCancellable   *cancellable,
                                          GError        **error)
{
  TribDataSource *data_source;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data_source = trib_workspace_lookup_data_source (workspace, name);
  if (data_source == NULL)
    {
      set_not_found_error (workspace, name, error);
      return NULL;
    }
  return test_with_stored_secret (data_source, trib_workspace_get_id (workspace),
                                  trib_workspace_get_directory (workspace), cancellable, error);
}

void
trib_connectivity_test_in_workspace_async (TribWorkspace       *workspace,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TribDataSource *data_source;
  TestData *data;

  g_return_if_fail (TRIB_IS_WORKSPACE (workspace));
  g_return_if_fail (name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_connectivity_test_in_workspace_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;

  data_source = trib_workspace_lookup_data_source (workspace, name);
  if (data_source == NULL)
    {
      GError *error = NULL;

      set_not_found_error (workspace, name, &error);
      g_task_return_error (task, error);
      return;
    }

  /* Everything the worker needs is copied here: it never touches the workspace. */
  data = g_new0 (TestData, 1);
  data->data_source = snapshot (data_source);
  data->workspace_id = g_strdup (trib_workspace_get_id (workspace));
  data->base_directory = g_object_ref (trib_workspace_get_directory (workspace));
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, test_thread);
}

TribConnectivityResult *
trib_connectivity_test_in_workspace_finish (GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
