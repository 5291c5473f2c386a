/* trib-hs2-client-async.c: the _async/_finish face of TribHs2Client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-hs2-client-private.h"

/* Async wrappers: each runs its _sync twin in a worker thread. */

typedef enum { JOB_OPEN, JOB_CLOSE, JOB_INFO, JOB_EXECUTE, JOB_METADATA, JOB_QUERY } Job;

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  TribHs2Client *self = source_object;
  CallData *cd = task_data;
  Job job = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "trib-job"));
  GError *error = NULL;

  switch (job)
    {
    case JOB_OPEN:
    case JOB_CLOSE:
      if (job == JOB_OPEN ? trib_hs2_client_open_sync (self, cancellable, &error)
                          : trib_hs2_client_close_sync (self, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;
    case JOB_INFO:
      {
        char *value = trib_hs2_client_get_info_sync (self, cd->info_type, cancellable, &error);

        if (value)
          g_task_return_pointer (task, value, g_free);
        else
          g_task_return_error (task, error);
      }
      break;
    case JOB_EXECUTE:
    case JOB_METADATA:
      {
        TribHs2Operation *op = _trib_hs2_client_start_operation (self, cd, cancellable, &error);

        if (op)
          g_task_return_pointer (task, op, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;
    case JOB_QUERY:
      {
        TribHs2ResultSet *rs = _trib_hs2_client_query (self, cd, cancellable, &error);

        if (rs)
          g_task_return_pointer (task, rs, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
start_job (TribHs2Client       *self,
           Job                  job,
           gpointer             source_tag,
           CallData            *cd,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Already cancelled: nothing starts; closing (and cancelling) always goes ahead, so a
   * handle is never left open on the server. */
  if (job != JOB_CLOSE && g_task_return_error_if_cancelled (task))
    {
      if (cd)
        _trib_hs2_call_data_free (cd);
      return;
    }
  g_object_set_data (G_OBJECT (task), "trib-job", GINT_TO_POINTER (job));
  g_task_set_task_data (task, cd ? cd : g_new0 (CallData, 1), (GDestroyNotify) _trib_hs2_call_data_free);
  /* Results must not be dropped when cancelled: the operation handle still needs closing. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_job);
}

void
trib_hs2_client_open_async (TribHs2Client       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  start_job (self, JOB_OPEN, trib_hs2_client_open_async, NULL, cancellable, callback, user_data);
}

gboolean
trib_hs2_client_open_finish (TribHs2Client  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_hs2_client_close_async (TribHs2Client       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  start_job (self, JOB_CLOSE, trib_hs2_client_close_async, NULL, cancellable, callback, user_data);
}

gboolean
trib_hs2_client_close_finish (TribHs2Client  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_hs2_client_get_info_async (TribHs2Client       *self,
                                TribHs2InfoType      info_type,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  cd->info_type = info_type;
  start_job (self, JOB_INFO, trib_hs2_client_get_info_async, cd, cancellable, callback, user_data);
}

char *
trib_hs2_client_get_info_finish (TribHs2Client  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
trib_hs2_client_execute_async (TribHs2Client       *self,
                               const char          *statement,
                               GHashTable          *conf_overlay,
                               gint64               query_timeout,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  g_return_if_fail (statement != NULL);
  cd->statement = g_strdup (statement);
  cd->conf_overlay = conf_overlay ? g_hash_table_ref (conf_overlay) : NULL;
  cd->query_timeout = query_timeout;
  cd->rpc = TRIB_HS2_RPC_EXECUTE_STATEMENT;
  start_job (self, JOB_EXECUTE, trib_hs2_client_execute_async, cd, cancellable, callback, user_data);
}

TribHs2Operation *
trib_hs2_client_execute_finish (TribHs2Client  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  TribHs2Operation *operation;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  operation = g_task_propagate_pointer (G_TASK (result), error);
  if (operation)
    _trib_hs2_operation_set_context (operation, g_task_get_context (G_TASK (result)));
  return operation;
}

void
trib_hs2_client_get_metadata_async (TribHs2Client       *self,
                                    TribHs2Rpc           rpc,
                                    const char          *catalog,
                                    const char          *schema_pattern,
                                    const char          *table_pattern,
                                    const char          *column_pattern,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  cd->rpc = rpc;
  cd->catalog = g_strdup (catalog);
  cd->schema = g_strdup (schema_pattern);
  cd->table = g_strdup (table_pattern);
  cd->column = g_strdup (column_pattern);
  start_job (self, JOB_METADATA, trib_hs2_client_get_metadata_async, cd, cancellable, callback, user_data);
}

TribHs2Operation *
trib_hs2_client_get_metadata_finish (TribHs2Client  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  TribHs2Operation *operation;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  operation = g_task_propagate_pointer (G_TASK (result), error);
  if (operation)
    _trib_hs2_operation_set_context (operation, g_task_get_context (G_TASK (result)));
  return operation;
}

void
trib_hs2_client_query_async (TribHs2Client       *self,
                             const char          *statement,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  g_return_if_fail (statement != NULL);
  cd->statement = g_strdup (statement);
  cd->rpc = TRIB_HS2_RPC_EXECUTE_STATEMENT;
  start_job (self, JOB_QUERY, trib_hs2_client_query_async, cd, cancellable, callback, user_data);
}

TribHs2ResultSet *
trib_hs2_client_query_finish (TribHs2Client  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
