/* trib-hs2-operation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-hs2-client-private.h"
#include "trib-hs2-error.h"
#include "trib-hs2-operation.h"

struct _TribHs2Operation
{
  GObject                 parent_instance;
  TribHs2Client          *client;
  TribHs2OperationHandle  handle;
  GMainContext           *context;

  GMutex                  lock;
  TribHs2OperationState   state;
  double                  progress;
  gint                    has_result_set;   /* -1: trust the handle */
  gint64                  modified_rows;
  GPtrArray              *log;
  GPtrArray              *schema;
  gboolean                end_of_results;
  gboolean                closed;
};

G_DEFINE_FINAL_TYPE (TribHs2Operation, trib_hs2_operation, G_TYPE_OBJECT)

enum {
  SIGNAL_LOG,
  SIGNAL_STATUS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
trib_hs2_operation_finalize (GObject *object)
{
  TribHs2Operation *self = (TribHs2Operation *) object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_pointer (&self->schema, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (trib_hs2_operation_parent_class)->finalize (object);
}

static void
trib_hs2_operation_class_init (TribHs2OperationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_hs2_operation_finalize;

  /**
   * TribHs2Operation::log:
   * @line: one line of the server's operation log
   */
  signals[SIGNAL_LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * TribHs2Operation::status:
   * @state: the TribHs2OperationState seen by the last poll
   * @progress: 0..1, or -1 when the server reports none
   *
   * Emitted when the state or the progress changes while waiting.
   */
  signals[SIGNAL_STATUS] = g_signal_new ("status", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_DOUBLE);
}

static void
trib_hs2_operation_init (TribHs2Operation *self)
{
  g_mutex_init (&self->lock);
  self->state = TRIB_HS2_STATE_INITIALIZED;
  self->progress = -1;
  self->has_result_set = -1;
  self->modified_rows = -1;
  self->log = g_ptr_array_new_with_free_func (g_free);
}

TribHs2Operation *
_trib_hs2_operation_new (TribHs2Client                *client,
                         const TribHs2OperationHandle *handle)
{
  TribHs2Operation *self = g_object_new (TRIB_TYPE_HS2_OPERATION, NULL);

  self->client = g_object_ref (client);
  self->handle = *handle;
  self->context = g_main_context_ref_thread_default ();
  return self;
}

void
_trib_hs2_operation_set_context (TribHs2Operation *self,
                                 GMainContext     *context)
{
  g_return_if_fail (TRIB_IS_HS2_OPERATION (self));

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref (context);
}

TribHs2Client *
trib_hs2_operation_get_client (TribHs2Operation *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), NULL);
  return self->client;
}

const TribHs2OperationHandle *
trib_hs2_operation_get_handle (TribHs2Operation *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), NULL);
  return &self->handle;
}

TribHs2OperationState
trib_hs2_operation_get_state (TribHs2Operation *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), TRIB_HS2_STATE_UNKNOWN);
  return self->state;
}

double
trib_hs2_operation_get_progress (TribHs2Operation *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), -1);
  return self->progress;
}

gboolean
trib_hs2_operation_has_result_set (TribHs2Operation *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), FALSE);
  /* The status reply's flag wins: async compile leaves the handle's unset (§4.1 item 3). */
  return self->has_result_set >= 0 ? self->has_result_set : self->handle.has_result_set;
}

gint64
trib_hs2_operation_get_modified_rows (TribHs2Operation *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), -1);
  return self->modified_rows;
}

GStrv
trib_hs2_operation_dup_log (TribHs2Operation *self)
{
  GStrv lines;

  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), NULL);
  g_mutex_lock (&self->lock);
  lines = g_new0 (char *, self->log->len + 1);
  for (guint i = 0; i < self->log->len; i++)
    lines[i] = g_strdup (g_ptr_array_index (self->log, i));
  g_mutex_unlock (&self->lock);
  return lines;
}

/* RPC builders */

typedef struct
{
  TribHs2Operation *self;
  gint32            orientation;
  gint64            max_rows;
  gint16            fetch_type;
  gboolean          progress;
} OpCall;

static void
build_op_call (GByteArray            *buf,
               gint32                 seqid,
               const TribHs2HandleId *session,
               gpointer               data)
{
  OpCall *c = ((gpointer *) data)[0];
  TribHs2Rpc rpc = GPOINTER_TO_INT (((gpointer *) data)[1]);

  switch (rpc)
    {
    case TRIB_HS2_RPC_GET_OPERATION_STATUS:
      trib_hs2_write_get_status (buf, seqid, &c->self->handle, c->progress);
      break;
    case TRIB_HS2_RPC_FETCH_RESULTS:
      trib_hs2_write_fetch (buf, seqid, &c->self->handle, c->orientation, c->max_rows, c->fetch_type);
      break;
    default:
      trib_hs2_write_operation_call (buf, seqid, rpc, &c->self->handle);
      break;
    }
}

static gboolean
op_call (TribHs2Operation  *self,
         TribHs2Rpc         rpc,
         OpCall            *c,
         TribHs2Response   *resp,
         GCancellable      *cancellable,
         GError           **error)
{
  OpCall defaults = { self, 0, 0, 0, FALSE };
  gpointer data[2] = { c ? c : &defaults, GINT_TO_POINTER (rpc) };

  if (c)
    c->self = self;
  return _trib_hs2_client_call (self->client, rpc, FALSE, build_op_call, data, resp, cancellable, error);
}

/* Logs */

typedef struct
{
  TribHs2Operation *self;
  char             *line;
} LogEmit;

static gboolean
emit_log_cb (gpointer data)
{
  LogEmit *e = data;

  g_signal_emit (e->self, signals[SIGNAL_LOG], 0, e->line);
  g_object_unref (e->self);
  g_free (e->line);
  g_free (e);
  return G_SOURCE_REMOVE;
}

GStrv
trib_hs2_operation_fetch_log_sync (TribHs2Operation  *self,
                                   GCancellable      *cancellable,
                                   GError           **error)
{
  OpCall c = { self, 0, 1000, 1, FALSE };
  TribHs2Response resp = { 0 };
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), NULL);

  if (!op_call (self, TRIB_HS2_RPC_FETCH_RESULTS, &c, &resp, cancellable, error))
    {
      trib_hs2_response_clear (&resp);
      return NULL;
    }
  if (resp.batch && trib_hs2_batch_get_n_columns (resp.batch) > 0)
    for (guint row = 0; row < trib_hs2_batch_get_n_rows (resp.batch); row++)
      {
        char *line = trib_hs2_batch_dup_text (resp.batch, 0, row);
        LogEmit *e;

        if (line == NULL)
          continue;
        g_strv_builder_add (lines, line);
        g_mutex_lock (&self->lock);
        g_ptr_array_add (self->log, g_strdup (line));
        g_mutex_unlock (&self->lock);
        e = g_new0 (LogEmit, 1);
        e->self = g_object_ref (self);
        e->line = line;
        g_main_context_invoke (self->context, emit_log_cb, e);
      }
  trib_hs2_response_clear (&resp);
  return g_strv_builder_end (lines);
}

typedef struct
{
  TribHs2Operation *self;
  int               state;
  double            progress;
} StatusEmit;

static gboolean
emit_status_cb (gpointer data)
{
  StatusEmit *e = data;

  g_signal_emit (e->self, signals[SIGNAL_STATUS], 0, e->state, e->progress);
  g_object_unref (e->self);
  g_free (e);
  return G_SOURCE_REMOVE;
}

/* Waiting, with cancellation on a connection of its own */

typedef struct
{
  GMutex             lock;
  TribHs2Operation  *self;
  GCancellable      *io_cancel;     /* aborts our own blocked poll as a last resort */
  GThread           *thread;
  gboolean           waiting;
  gatomicrefcount    ref;
} WaitData;

static WaitData *
wait_data_ref (WaitData *w)
{
  g_atomic_ref_count_inc (&w->ref);
  return w;
}

static void
wait_data_unref (WaitData *w)
{
  if (!g_atomic_ref_count_dec (&w->ref))
    return;
  g_object_unref (w->self);
  g_object_unref (w->io_cancel);
  g_mutex_clear (&w->lock);
  g_free (w);
}

static gpointer
cancel_thread (gpointer data)
{
  WaitData *w = data;
  g_autoptr(GError) error = NULL;

  if (!trib_hs2_operation_cancel_sync (w->self, NULL, &error))
    g_debug ("CancelOperation failed: %s", error->message);

  /* The server now answers the pending poll with CANCELED; if it does not within a few
   * seconds, give up on that reply (the connection is then reopened). */
  for (guint i = 0; i < 50; i++)
    {
      gboolean waiting;

      g_mutex_lock (&w->lock);
      waiting = w->waiting;
      g_mutex_unlock (&w->lock);
      if (!waiting)
        break;
      g_usleep (100000);
    }
  g_cancellable_cancel (w->io_cancel);
  wait_data_unref (w);
  return NULL;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  WaitData *w = data;

  g_mutex_lock (&w->lock);
  if (w->thread == NULL)
    w->thread = g_thread_new ("trib-hs2-cancel", cancel_thread, wait_data_ref (w));
  g_mutex_unlock (&w->lock);
}

static gboolean
is_running (gint32 state)
{
  return state == TRIB_HS2_STATE_INITIALIZED || state == TRIB_HS2_STATE_RUNNING ||
         state == TRIB_HS2_STATE_PENDING;
}

static void
pull_logs (TribHs2Operation *self,
           GCancellable     *cancellable)
{
  for (guint i = 0; i < 20; i++)
    {
      g_auto(GStrv) lines = trib_hs2_operation_fetch_log_sync (self, cancellable, NULL);

      if (lines == NULL || lines[0] == NULL)
        break;
    }
}

gboolean
trib_hs2_operation_wait_sync (TribHs2Operation  *self,
                              GCancellable      *cancellable,
                              GError           **error)
{
  WaitData *w;
  gulong handler = 0;
  gboolean ok = FALSE;
  gint64 started = g_get_monotonic_time ();
  gboolean progress = trib_hs2_client_get_protocol (self->client) >= TRIB_HS2_PROTOCOL_V10;

  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), FALSE);

  w = g_new0 (WaitData, 1);
  g_atomic_ref_count_init (&w->ref);
  g_mutex_init (&w->lock);
  w->self = g_object_ref (self);
  w->io_cancel = g_cancellable_new ();
  w->waiting = TRUE;
  if (cancellable)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb), w, NULL);

  for (;;)
    {
      OpCall c = { self, 0, 0, 0, progress };
      TribHs2Response resp = { 0 };
      GError *local = NULL;
      gint64 t0 = g_get_monotonic_time ();
      gint32 state;

      if (!op_call (self, TRIB_HS2_RPC_GET_OPERATION_STATUS, &c, &resp, w->io_cancel, &local))
        {
          trib_hs2_response_clear (&resp);
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_clear_error (&local);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The statement was cancelled"));
            }
          else
            g_propagate_error (error, local);
          break;
        }
      state = resp.operation_state;
      g_mutex_lock (&self->lock);
      if ((state >= 0 && (gint32) self->state != state) ||
          (resp.progress >= 0 && resp.progress != self->progress))
        {
          StatusEmit *e = g_new0 (StatusEmit, 1);

          e->self = g_object_ref (self);
          e->state = state >= 0 ? state : (int) self->state;
          e->progress = resp.progress >= 0 ? resp.progress : self->progress;
          g_main_context_invoke (self->context, emit_status_cb, e);
        }
      if (state >= 0)
        self->state = state;
      if (resp.progress >= 0)
        self->progress = resp.progress;
      if (resp.has_result_set >= 0)
        self->has_result_set = resp.has_result_set;
      if (resp.num_modified_rows >= 0)
        self->modified_rows = resp.num_modified_rows;
      g_mutex_unlock (&self->lock);

      if (state < 0 || !is_running (state))
        {
          pull_logs (self, NULL);
          if (state == TRIB_HS2_STATE_FINISHED)
            ok = TRUE;
          else if (g_cancellable_is_cancelled (cancellable))
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The statement was cancelled"));
          else if (state == TRIB_HS2_STATE_ERROR)
            {
              const char *message = resp.error_message && *resp.error_message
                                    ? resp.error_message : _("no message from the server");

              if (resp.sql_state && *resp.sql_state)
                g_propagate_error (error, trib_hs2_error_new_server (TRIB_HS2_ERROR_SERVER, resp.sql_state,
                                                                     resp.error_code, message,
                                                                     _("SQLSTATE %s (error %d): %s"),
                                                                     resp.sql_state, resp.error_code, message));
              else
                g_propagate_error (error, trib_hs2_error_new_server (TRIB_HS2_ERROR_SERVER, NULL,
                                                                     resp.error_code, message,
                                                                     _("Server error %d: %s"),
                                                                     resp.error_code, message));
            }
          else if (state == TRIB_HS2_STATE_CANCELED)
            g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CANCELLED_BY_SERVER,
                         _("The statement was cancelled on the server"));
          else if (state == TRIB_HS2_STATE_TIMEDOUT)
            g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_TIMED_OUT,
                         _("The statement exceeded its query timeout"));
          else
            g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_FAILED,
                         _("The operation ended in state %d"), state);
          trib_hs2_response_clear (&resp);
          break;
        }
      trib_hs2_response_clear (&resp);

      pull_logs (self, NULL);

      /* Servers long-poll; when the reply came back at once, pause a little (impyla's steps). */
      if (g_get_monotonic_time () - t0 < 50000)
        {
          gint64 elapsed = g_get_monotonic_time () - started;
          gint64 pause = elapsed < 1000000 ? 20000 : elapsed < 10000000 ? 100000 : 500000;

          for (gint64 slept = 0; slept < pause && !g_cancellable_is_cancelled (w->io_cancel); slept += 10000)
            g_usleep (10000);
        }
    }

  g_mutex_lock (&w->lock);
  w->waiting = FALSE;
  g_mutex_unlock (&w->lock);
  if (handler)
    g_cancellable_disconnect (cancellable, handler);
  g_mutex_lock (&w->lock);
  if (w->thread)
    {
      GThread *thread = g_steal_pointer (&w->thread);

      g_mutex_unlock (&w->lock);
      g_thread_join (thread);
    }
  else
    g_mutex_unlock (&w->lock);
  wait_data_unref (w);
  return ok;
}

/* Results */

GPtrArray *
trib_hs2_operation_get_schema_sync (TribHs2Operation  *self,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  TribHs2Response resp = { 0 };

  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), NULL);

  if (self->schema)
    return self->schema;
  if (!op_call (self, TRIB_HS2_RPC_GET_RESULT_SET_METADATA, NULL, &resp, cancellable, error))
    {
      trib_hs2_response_clear (&resp);
      return NULL;
    }
  self->schema = g_steal_pointer (&resp.schema);
  if (self->schema == NULL)
    self->schema = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_column_desc_free);
  trib_hs2_response_clear (&resp);
  return self->schema;
}

TribHs2Batch *
trib_hs2_operation_fetch_sync (TribHs2Operation  *self,
                               guint              max_rows,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), NULL);

  if (self->end_of_results)
    return NULL;
  if (max_rows == 0)
    max_rows = trib_hs2_client_get_config (self->client)->fetch_size;

  for (guint empty = 0; ; empty++)
    {
      OpCall c = { self, 0, max_rows, 0, FALSE };
      TribHs2Response resp = { 0 };
      TribHs2Batch *batch;
      gboolean more;

      if (!op_call (self, TRIB_HS2_RPC_FETCH_RESULTS, &c, &resp, cancellable, error))
        {
          trib_hs2_response_clear (&resp);
          return NULL;
        }
      batch = g_steal_pointer (&resp.batch);
      more = resp.has_more_rows == 1;
      trib_hs2_response_clear (&resp);

      if (batch && trib_hs2_batch_get_n_rows (batch) > 0)
        {
          if (self->schema && trib_hs2_batch_get_n_columns (batch) != self->schema->len)
            {
              g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                           _("A batch of %u columns for a result of %u"),
                           trib_hs2_batch_get_n_columns (batch), self->schema->len);
              trib_hs2_batch_unref (batch);
              return NULL;
            }
          return batch;
        }
      g_clear_pointer (&batch, trib_hs2_batch_unref);
      /* §4: an empty batch ends the results unless the server says more are coming. */
      if (!more || empty >= 600)
        {
          self->end_of_results = TRUE;
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_usleep (100000);
    }
}

gboolean
trib_hs2_operation_cancel_sync (TribHs2Operation  *self,
                                GCancellable      *cancellable,
                                GError           **error)
{
  OpCall c = { self, 0, 0, 0, FALSE };
  gpointer data[2] = { &c, GINT_TO_POINTER (TRIB_HS2_RPC_CANCEL_OPERATION) };
  TribHs2Response resp = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), FALSE);

  ok = _trib_hs2_call_on_new_connection (trib_hs2_client_get_config (self->client),
                                         TRIB_HS2_RPC_CANCEL_OPERATION, build_op_call, data,
                                         &resp, cancellable, error);
  trib_hs2_response_clear (&resp);
  return ok;
}

gboolean
trib_hs2_operation_close_sync (TribHs2Operation  *self,
                               GCancellable      *cancellable,
                               GError           **error)
{
  TribHs2Response resp = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRIB_IS_HS2_OPERATION (self), FALSE);

  if (self->closed)
    return TRUE;
  ok = op_call (self, TRIB_HS2_RPC_CLOSE_OPERATION, NULL, &resp, cancellable, error);
  trib_hs2_response_clear (&resp);
  self->closed = TRUE;
  return ok;
}

/* Async wrappers */

typedef enum { JOB_WAIT, JOB_FETCH, JOB_CANCEL, JOB_CLOSE } Job;

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  TribHs2Operation *self = source_object;
  Job job = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "trib-job"));
  GError *error = NULL;

  if (job == JOB_FETCH)
    {
      TribHs2Batch *batch = trib_hs2_operation_fetch_sync (self, GPOINTER_TO_UINT (task_data), cancellable, &error);

      if (error)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, batch, batch ? (GDestroyNotify) trib_hs2_batch_unref : NULL);
      return;
    }
  if (job == JOB_WAIT ? trib_hs2_operation_wait_sync (self, cancellable, &error)
      : job == JOB_CANCEL ? trib_hs2_operation_cancel_sync (self, cancellable, &error)
      : trib_hs2_operation_close_sync (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_job (TribHs2Operation    *self,
           Job                  job,
           gpointer             source_tag,
           gpointer             data,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Already cancelled: nothing starts; closing (and cancelling) always goes ahead, so a
   * handle is never left open on the server. */
  if (job != JOB_CLOSE && job != JOB_CANCEL && g_task_return_error_if_cancelled (task))
    return;
  g_task_set_task_data (task, data, NULL);
  g_object_set_data (G_OBJECT (task), "trib-job", GINT_TO_POINTER (job));
  g_task_run_in_thread (task, run_job);
}

void
trib_hs2_operation_wait_async (TribHs2Operation    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_OPERATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  start_job (self, JOB_WAIT, trib_hs2_operation_wait_async, NULL, cancellable, callback, user_data);
}

gboolean
trib_hs2_operation_wait_finish (TribHs2Operation  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_hs2_operation_fetch_async (TribHs2Operation    *self,
                                guint                max_rows,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_OPERATION (self));
  start_job (self, JOB_FETCH, trib_hs2_operation_fetch_async, GUINT_TO_POINTER (max_rows),
             cancellable, callback, user_data);
}

TribHs2Batch *
trib_hs2_operation_fetch_finish (TribHs2Operation  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
trib_hs2_operation_cancel_async (TribHs2Operation    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_OPERATION (self));
  start_job (self, JOB_CANCEL, trib_hs2_operation_cancel_async, NULL, cancellable, callback, user_data);
}

gboolean
trib_hs2_operation_cancel_finish (TribHs2Operation  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_hs2_operation_close_async (TribHs2Operation    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_OPERATION (self));
  start_job (self, JOB_CLOSE, trib_hs2_operation_close_async, NULL, cancellable, callback, user_data);
}

gboolean
trib_hs2_operation_close_finish (TribHs2Operation  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
