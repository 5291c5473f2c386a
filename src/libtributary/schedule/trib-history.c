/* trib-history.c: the history thread and its queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-history-core.h"

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean done;
} Waiter;

/* One unit of work for the history thread. Exactly one of @task (an _async call),
 * @waiter (a blocking call) or neither (a queued write) says who hears of the result. */
typedef struct
{
  TribHistoryOpFunc func;
  gpointer        data;
  GDestroyNotify  destroy;
  gboolean        write;
  gboolean        stop;
  GTask          *task;
  Waiter         *waiter;
  gboolean        ok;
  GError         *error;
} Op;

/* Shared by the object and its thread; the thread frees it when it stops. */
typedef struct
{
  TribHistoryCore  core;
  GAsyncQueue     *queue;
  GMutex           error_mutex;
  GError          *write_error;
} Shared;

struct _TribHistory
{
  GObject  parent_instance;
  GFile   *directory;
  Shared  *shared;
  GThread *thread;
};

G_DEFINE_FINAL_TYPE (TribHistory, trib_history, G_TYPE_OBJECT)

#define MAX_BATCH 512

static void
op_free (Op *op)
{
  if (op->destroy && op->data)
    op->destroy (op->data);
  g_clear_object (&op->task);
  g_clear_error (&op->error);
  g_free (op);
}

static void
complete (Shared *shared,
          Op     *op)
{
  if (op->task)
    {
      if (op->ok)
        g_task_return_boolean (op->task, TRUE);
      else
        g_task_return_error (op->task, g_steal_pointer (&op->error));
    }
  else if (op->waiter)
    {
      g_mutex_lock (&op->waiter->mutex);
      op->waiter->done = TRUE;
      g_cond_signal (&op->waiter->cond);
      g_mutex_unlock (&op->waiter->mutex);
      /* The waiting thread owns the op now. */
      return;
    }
  else if (!op->ok && op->error)
    {
      g_mutex_lock (&shared->error_mutex);
      if (shared->write_error == NULL)
        {
          g_warning ("%s", op->error->message);
          shared->write_error = g_error_copy (op->error);
        }
      g_mutex_unlock (&shared->error_mutex);
    }
  op_free (op);
}

static gpointer
history_thread (gpointer user_data)
{
  Shared *shared = user_data;
  gboolean stopping = FALSE;

  while (!stopping)
    {
      Op *batch[MAX_BATCH];
      guint n = 0;
      gboolean write = FALSE;
      gboolean in_transaction = FALSE;
      g_autoptr(GError) commit_error = NULL;

      /* Wait for one op, then take whatever else is queued: writes that arrive together
       * share one transaction. */
      batch[n++] = g_async_queue_pop (shared->queue);
      while (n < MAX_BATCH && (batch[n] = g_async_queue_try_pop (shared->queue)) != NULL)
        n++;

      for (guint i = 0; i < n; i++)
        write |= batch[i]->write;

      /* One transaction per batch: a run's thousand rows are one commit, not a thousand. */
      if (shared->core.db != NULL && (n > 1 || write))
        in_transaction = _trib_history_core_exec (&shared->core, write ? "BEGIN IMMEDIATE" : "BEGIN",
                                                  &commit_error);

      for (guint i = 0; i < n; i++)
        {
          Op *op = batch[i];

          if (op->stop)
            {
              stopping = TRUE;
              op->ok = TRUE;
              continue;
            }
          if (op->task && g_task_return_error_if_cancelled (op->task))
            {
              g_clear_object (&op->task);
              op->ok = TRUE;
              continue;
            }
          op->ok = op->func (&shared->core, op->data, &op->error);
        }

      /* The log files first: whoever sees a final state in the database also sees the
       * whole log. */
      _trib_history_core_flush_logs (&shared->core);
      if (in_transaction && !_trib_history_core_exec (&shared->core, "COMMIT", &commit_error))
        _trib_history_core_exec (&shared->core, "ROLLBACK", NULL);

      for (guint i = 0; i < n; i++)
        {
          Op *op = batch[i];

          if (commit_error && op->write && op->ok)
            {
              op->ok = FALSE;
              op->error = g_error_copy (commit_error);
            }
          complete (shared, op);
        }
    }

  _trib_history_core_clear (&shared->core);
  g_async_queue_unref (shared->queue);
  g_mutex_clear (&shared->error_mutex);
  g_clear_error (&shared->write_error);
  g_free (shared);
  return NULL;
}

static void
push (TribHistory *self,
      Op          *op)
{
  g_async_queue_push (self->shared->queue, op);
}

gboolean
_trib_history_run_sync (TribHistory        *self,
                        TribHistoryOpFunc   func,
                        gpointer            data,
                        gboolean            write,
                        GError            **error)
{
  Waiter waiter = { 0 };
  Op *op = g_new0 (Op, 1);
  gboolean ok;

  g_mutex_init (&waiter.mutex);
  g_cond_init (&waiter.cond);
  op->func = func;
  op->data = data;
  op->write = write;
  op->waiter = &waiter;

  g_mutex_lock (&waiter.mutex);
  push (self, op);
  while (!waiter.done)
    g_cond_wait (&waiter.cond, &waiter.mutex);
  g_mutex_unlock (&waiter.mutex);

  ok = op->ok;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&op->error));
  op->data = NULL;
  op_free (op);
  g_mutex_clear (&waiter.mutex);
  g_cond_clear (&waiter.cond);
  return ok;
}

void
_trib_history_run_async (TribHistory         *self,
                         TribHistoryOpFunc    func,
                         gpointer             data,
                         GDestroyNotify       destroy,
                         gboolean             write,
                         gpointer             source_tag,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  op->func = func;
  op->data = data;
  op->write = write;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);
  g_task_set_task_data (op->task, data, destroy);
  push (self, op);
}

void
_trib_history_run_queued (TribHistory       *self,
                          TribHistoryOpFunc  func,
                          gpointer           data,
                          GDestroyNotify     destroy)
{
  Op *op = g_new0 (Op, 1);

  op->func = func;
  op->data = data;
  op->destroy = destroy;
  op->write = TRUE;
  push (self, op);
}

static void
trib_history_finalize (GObject *object)
{
  TribHistory *self = (TribHistory *) object;

  if (self->thread)
    {
      Op *op = g_new0 (Op, 1);

      op->stop = TRUE;
      push (self, op);
      /* The thread frees the shared state as it leaves. */
      if (g_thread_self () == self->thread)
        g_thread_unref (self->thread);
      else
        g_thread_join (self->thread);
    }
  g_clear_object (&self->directory);

  G_OBJECT_CLASS (trib_history_parent_class)->finalize (object);
}

static void
trib_history_class_init (TribHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_history_finalize;
}

static void
trib_history_init (TribHistory *self)
{
}

static TribHistory *
history_new (GFile *state_directory)
{
  TribHistory *self = g_object_new (TRIB_TYPE_HISTORY, NULL);
  g_autofree char *path = g_file_get_path (state_directory);

  self->directory = g_object_ref (state_directory);
  self->shared = g_new0 (Shared, 1);
  _trib_history_core_init (&self->shared->core, path);
  self->shared->queue = g_async_queue_new ();
  g_mutex_init (&self->shared->error_mutex);
  self->thread = g_thread_new ("trib-history", history_thread, self->shared);
  return self;
}

static gboolean
op_open (TribHistoryCore  *core,
         gpointer          data,
         GError          **error)
{
  return _trib_history_core_open (core, error);
}

TribHistory *
trib_history_open (GFile   *state_directory,
                   GError **error)
{
  g_autoptr(TribHistory) self = NULL;

  g_return_val_if_fail (G_IS_FILE (state_directory), NULL);

  self = history_new (state_directory);
  if (!_trib_history_run_sync (self, op_open, NULL, TRUE, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
trib_history_open_async (GFile               *state_directory,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(TribHistory) self = NULL;

  g_return_if_fail (G_IS_FILE (state_directory));

  self = history_new (state_directory);
  _trib_history_run_async (self, op_open, NULL, NULL, TRUE, trib_history_open_async,
                           cancellable, callback, user_data);
}

TribHistory *
trib_history_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_object_ref (g_task_get_source_object (G_TASK (result)));
}

GFile *
trib_history_get_directory (TribHistory *self)
{
  g_return_val_if_fail (TRIB_IS_HISTORY (self), NULL);
  return self->directory;
}

guint
trib_history_get_n_recovered (TribHistory *self)
{
  g_return_val_if_fail (TRIB_IS_HISTORY (self), 0);
  /* Written by the open op, which completed before anyone could ask. */
  return self->shared->core.n_recovered;
}

GError *
_trib_history_take_write_error (TribHistory *self)
{
  GError *error;

  g_mutex_lock (&self->shared->error_mutex);
  error = g_steal_pointer (&self->shared->write_error);
  g_mutex_unlock (&self->shared->error_mutex);
  return error;
}

/* Queries */

typedef struct
{
  char      *workflow;
  gint64     id;
  guint      limit;
  char      *node;
  guint64    offset;
  gsize      max_bytes;
  gpointer   result;
  GDestroyNotify result_destroy;
  guint64    next_offset;
  gboolean   complete;
} Query;

static void
query_free (gpointer data)
{
  Query *query = data;

  g_free (query->workflow);
  g_free (query->node);
  if (query->result && query->result_destroy)
    query->result_destroy (query->result);
  g_free (query);
}

static Query *
query_new (const char *workflow,
           gint64      id,
           guint       limit)
{
  Query *query = g_new0 (Query, 1);

  query->workflow = g_strdup (workflow);
  query->id = id;
  query->limit = limit;
  return query;
}

static gpointer
steal_result (GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  Query *query;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  query = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&query->result);
}

static gboolean
op_list_runs (TribHistoryCore  *core,
              gpointer          data,
              GError          **error)
{
  Query *query = data;

  query->result = _trib_history_core_list_runs (core, query->workflow, query->id, query->limit, error);
  query->result_destroy = (GDestroyNotify) g_ptr_array_unref;
  return query->result != NULL;
}

GPtrArray *
trib_history_list_runs (TribHistory  *self,
                        const char   *workflow,
                        gint64        before_id,
                        guint         limit,
                        GError      **error)
{
  g_autoptr(GPtrArray) result = NULL;
  Query *query;

  g_return_val_if_fail (TRIB_IS_HISTORY (self), NULL);

  query = query_new (workflow, before_id, limit);
  if (_trib_history_run_sync (self, op_list_runs, query, FALSE, error))
    result = g_steal_pointer (&query->result);
  query_free (query);
  return g_steal_pointer (&result);
}

void
trib_history_list_runs_async (TribHistory         *self,
                              const char          *workflow,
                              gint64               before_id,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HISTORY (self));

  _trib_history_run_async (self, op_list_runs, query_new (workflow, before_id, limit), query_free, FALSE,
                           trib_history_list_runs_async, cancellable, callback, user_data);
}

GPtrArray *
trib_history_list_runs_finish (TribHistory   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return steal_result (result, trib_history_list_runs_async, error);
}

static gboolean
op_get_run (TribHistoryCore  *core,
            gpointer          data,
            GError          **error)
{
  Query *query = data;

  query->result = _trib_history_core_get_run (core, query->id, error);
  query->result_destroy = g_object_unref;
  return query->result != NULL;
}

TribRunRecord *
trib_history_get_run (TribHistory  *self,
                      gint64        run_id,
                      GError      **error)
{
  TribRunRecord *result = NULL;
  Query *query;

  g_return_val_if_fail (TRIB_IS_HISTORY (self), NULL);

  query = query_new (NULL, run_id, 0);
  if (_trib_history_run_sync (self, op_get_run, query, FALSE, error))
    result = g_steal_pointer (&query->result);
  query_free (query);
  return result;
}

void
trib_history_get_run_async (TribHistory         *self,
                            gint64               run_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HISTORY (self));

  _trib_history_run_async (self, op_get_run, query_new (NULL, run_id, 0), query_free, FALSE,
                           trib_history_get_run_async, cancellable, callback, user_data);
}

TribRunRecord *
trib_history_get_run_finish (TribHistory   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return steal_result (result, trib_history_get_run_async, error);
}

static gboolean
op_list_instances (TribHistoryCore  *core,
                   gpointer          data,
                   GError          **error)
{
  Query *query = data;

  query->result = _trib_history_core_list_instances (core, query->id, error);
  query->result_destroy = (GDestroyNotify) g_ptr_array_unref;
  return query->result != NULL;
}

GPtrArray *
trib_history_list_instances (TribHistory  *self,
                             gint64        run_id,
                             GError      **error)
{
  GPtrArray *result = NULL;
  Query *query;

  g_return_val_if_fail (TRIB_IS_HISTORY (self), NULL);

  query = query_new (NULL, run_id, 0);
  if (_trib_history_run_sync (self, op_list_instances, query, FALSE, error))
    result = g_steal_pointer (&query->result);
  query_free (query);
  return result;
}

void
trib_history_list_instances_async (TribHistory         *self,
                                   gint64               run_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HISTORY (self));

  _trib_history_run_async (self, op_list_instances, query_new (NULL, run_id, 0), query_free, FALSE,
                           trib_history_list_instances_async, cancellable, callback, user_data);
}

GPtrArray *
trib_history_list_instances_finish (TribHistory   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return steal_result (result, trib_history_list_instances_async, error);
}

static gboolean
op_read_log (TribHistoryCore  *core,
             gpointer          data,
             GError          **error)
{
  Query *query = data;

  query->result = _trib_history_core_read_log (core, query->id, query->node, query->offset, query->max_bytes,
                                               &query->next_offset, &query->complete, error);
  query->result_destroy = (GDestroyNotify) g_bytes_unref;
  return query->result != NULL;
}

static Query *
log_query_new (gint64      run_id,
               const char *node,
               guint64     offset,
               gsize       max_bytes)
{
  Query *query = query_new (NULL, run_id, 0);

  query->node = g_strdup (node);
  query->offset = offset;
  query->max_bytes = max_bytes;
  return query;
}

GBytes *
trib_history_read_log (TribHistory  *self,
                       gint64        run_id,
                       const char   *node,
                       guint64       offset,
                       gsize         max_bytes,
                       guint64      *next_offset,
                       gboolean     *complete,
                       GError      **error)
{
  GBytes *result = NULL;
  Query *query;

  g_return_val_if_fail (TRIB_IS_HISTORY (self), NULL);
  g_return_val_if_fail (node != NULL, NULL);

  query = log_query_new (run_id, node, offset, max_bytes);
  if (_trib_history_run_sync (self, op_read_log, query, FALSE, error))
    {
      result = g_steal_pointer (&query->result);
      if (next_offset)
        *next_offset = query->next_offset;
      if (complete)
        *complete = query->complete;
    }
  query_free (query);
  return result;
}

void
trib_history_read_log_async (TribHistory         *self,
                             gint64               run_id,
                             const char          *node,
                             guint64              offset,
                             gsize                max_bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HISTORY (self));
  g_return_if_fail (node != NULL);

  _trib_history_run_async (self, op_read_log, log_query_new (run_id, node, offset, max_bytes), query_free,
                           FALSE,
                           trib_history_read_log_async, cancellable, callback, user_data);
}

GBytes *
trib_history_read_log_finish (TribHistory   *self,
                              GAsyncResult  *result,
                              guint64       *next_offset,
                              gboolean      *complete,
                              GError       **error)
{
  Query *query = g_task_get_task_data (G_TASK (result));
  GBytes *bytes = steal_result (result, trib_history_read_log_async, error);

  if (bytes)
    {
      if (next_offset)
        *next_offset = query->next_offset;
      if (complete)
        *complete = query->complete;
    }
  return bytes;
}

