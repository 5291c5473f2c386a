/* trib-executor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-executor.h"

G_DEFINE_INTERFACE (TribExecutor, trib_executor, G_TYPE_OBJECT)

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (trib_executor_run (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
trib_executor_real_run_async (TribExecutor        *self,
                              TribExecution       *execution,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, trib_executor_real_run_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_set_task_data (task, g_object_ref (execution), g_object_unref);
  g_task_run_in_thread (task, run_in_thread);
}

static gboolean
trib_executor_real_run_finish (TribExecutor  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
trib_executor_default_init (TribExecutorInterface *iface)
{
  iface->run_async = trib_executor_real_run_async;
  iface->run_finish = trib_executor_real_run_finish;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

gboolean
trib_executor_run (TribExecutor   *self,
                   TribExecution  *execution,
                   GCancellable   *cancellable,
                   GError        **error)
{
  TribExecutorInterface *iface;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  g_return_val_if_fail (TRIB_IS_EXECUTOR (self), FALSE);
  g_return_val_if_fail (TRIB_IS_EXECUTION (execution), FALSE);

  iface = TRIB_EXECUTOR_GET_IFACE (self);
  if (iface->run != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      ok = iface->run (self, execution, cancellable, &local_error);
      if (!ok && local_error == NULL)
        g_set_error (&local_error, TRIB_ERROR, TRIB_ERROR_FAILED, _("the executor failed without saying why"));
      if (!ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return ok;
    }

  /* An asynchronous executor, driven to completion on a context of its own. */
  g_return_val_if_fail (iface->run_async != trib_executor_real_run_async, FALSE);
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  iface->run_async (self, execution, cancellable, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  ok = iface->run_finish (self, result, error);
  g_main_context_pop_thread_default (context);
  return ok;
}

void
trib_executor_run_async (TribExecutor        *self,
                         TribExecution       *execution,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_EXECUTOR (self));
  g_return_if_fail (TRIB_IS_EXECUTION (execution));

  TRIB_EXECUTOR_GET_IFACE (self)->run_async (self, execution, cancellable, callback, user_data);
}

gboolean
trib_executor_run_finish (TribExecutor  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (TRIB_IS_EXECUTOR (self), FALSE);

  return TRIB_EXECUTOR_GET_IFACE (self)->run_finish (self, result, error);
}
