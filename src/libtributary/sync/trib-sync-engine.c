/* trib-sync-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-engine-private.h"
#include "trib-sync-error.h"
#include "trib-sync-queue.h"

#define MAX_DIRTY_ECHOED 10
#define DEFAULT_BUDGET   (8 * 1024 * 1024)

struct _TribSyncTransfer
{
  TribSyncEngine *engine;
  GMutex          lock;
  GCond           cond;
  GError         *error;           /* the first failure */
  GCancellable   *cancellable;     /* cancelled on the first failure, or by the caller */
  TribSyncQueue  *queue;
  guint           n_slices;
  guint           channels;
  gint            next_slice;
  guint           threads_running;
  gint64          start_us;

  guint64         records_read;
  guint64         bytes_read;
  guint64         records_written;
  guint64         dirty_read;
  guint64         dirty_write;
  guint64         ambiguous;
  guint64         stale_uploads;
  guint           dirty_echoed;

  gint64          error_records;   /* -1: no limit */
  double          error_fraction;  /* < 0: no limit */
  const char     *error_path;
  guint64         byte_rate;
  guint64         record_rate;

  GMutex          log_lock;
};

struct _TribSyncEngine
{
  GObject               parent_instance;

  TribSyncJob          *job;
  TribSyncReader       *reader;
  TribSyncWriter       *writer;
  gsize                 budget;

  TribSyncProgressFunc  progress_func;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  TribSyncLogFunc       log_func;
  gpointer              log_data;
  GDestroyNotify        log_destroy;

  TribSyncSummary       summary;
  gsize                 peak_queue_bytes;
  gboolean              started;
};

G_DEFINE_FINAL_TYPE (TribSyncEngine, trib_sync_engine, G_TYPE_OBJECT)

static void
trib_sync_engine_finalize (GObject *object)
{
  TribSyncEngine *self = (TribSyncEngine *) object;

  g_clear_object (&self->job);
  g_clear_object (&self->reader);
  g_clear_object (&self->writer);
  if (self->progress_destroy)
    self->progress_destroy (self->progress_data);
  if (self->log_destroy)
    self->log_destroy (self->log_data);
  trib_sync_summary_clear (&self->summary);

  G_OBJECT_CLASS (trib_sync_engine_parent_class)->finalize (object);
}

static void
trib_sync_engine_class_init (TribSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_sync_engine_finalize;
}

static void
trib_sync_engine_init (TribSyncEngine *self)
{
  self->budget = DEFAULT_BUDGET;
}

TribSyncEngine *
trib_sync_engine_new (TribSyncJob    *job,
                      TribSyncReader *reader,
                      TribSyncWriter *writer)
{
  TribSyncEngine *self;

  g_return_val_if_fail (TRIB_IS_SYNC_JOB (job), NULL);
  g_return_val_if_fail (TRIB_IS_SYNC_READER (reader), NULL);
  g_return_val_if_fail (TRIB_IS_SYNC_WRITER (writer), NULL);

  self = g_object_new (TRIB_TYPE_SYNC_ENGINE, NULL);
  self->job = g_object_ref (job);
  self->reader = g_object_ref (reader);
  self->writer = g_object_ref (writer);
  return self;
}

void
trib_sync_engine_set_progress_func (TribSyncEngine       *self,
                                    TribSyncProgressFunc  func,
                                    gpointer              user_data,
                                    GDestroyNotify        destroy)
{
  g_return_if_fail (TRIB_IS_SYNC_ENGINE (self));

  if (self->progress_destroy)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

void
trib_sync_engine_set_log_func (TribSyncEngine  *self,
                               TribSyncLogFunc  func,
                               gpointer         user_data,
                               GDestroyNotify   destroy)
{
  g_return_if_fail (TRIB_IS_SYNC_ENGINE (self));

  if (self->log_destroy)
    self->log_destroy (self->log_data);
  self->log_func = func;
  self->log_data = user_data;
  self->log_destroy = destroy;
}

void
trib_sync_engine_set_queue_budget (TribSyncEngine *self,
                                   gsize           budget)
{
  g_return_if_fail (TRIB_IS_SYNC_ENGINE (self));
  self->budget = MAX (budget, 2 * TRIB_SYNC_BATCH_BYTES);
}

const TribSyncSummary *
trib_sync_engine_get_summary (TribSyncEngine *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_ENGINE (self), NULL);
  return &self->summary;
}

gsize
trib_sync_engine_get_peak_queue_bytes (TribSyncEngine *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_ENGINE (self), 0);
  return self->peak_queue_bytes;
}

/* TribSyncTransfer {{{ */

static void
run_log_line (TribSyncTransfer *run,
              TribSyncLogLevel  level,
              const char       *line)
{
  TribSyncEngine *engine = run->engine;

  if (engine->log_func == NULL)
    return;
  g_mutex_lock (&run->log_lock);
  engine->log_func (level, line, engine->log_data);
  g_mutex_unlock (&run->log_lock);
}

void
trib_sync_transfer_log (TribSyncTransfer *run,
                        TribSyncLogLevel  level,
                        const char       *format,
                        ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  run_log_line (run, level, line);
}

guint
trib_sync_transfer_get_channels (TribSyncTransfer *run)
{
  return run->channels;
}

/* Records the first failure and stops everything else. */
static void
run_fail (TribSyncTransfer *run,
          GError           *error)
{
  g_mutex_lock (&run->lock);
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  /* Under the lock: the queue is replaced once, after the reader is prepared. */
  trib_sync_queue_abort (run->queue);
  g_mutex_unlock (&run->lock);
  g_cancellable_cancel (run->cancellable);
}

static void
caller_cancelled_cb (GCancellable     *cancellable,
                     TribSyncTransfer *run)
{
  run_fail (run, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync job was cancelled")));
}

static gboolean
record_dirty (TribSyncTransfer  *run,
              gboolean           writer,
              const char        *message,
              const char        *record_text,
              GError           **error)
{
  guint64 total;
  gboolean echo;
  guint number;

  g_mutex_lock (&run->lock);
  if (writer)
    run->dirty_write++;
  else
    run->dirty_read++;
  total = run->dirty_read + run->dirty_write;
  echo = run->dirty_echoed < MAX_DIRTY_ECHOED;
  number = ++run->dirty_echoed;
  g_mutex_unlock (&run->lock);

  if (echo)
    trib_sync_transfer_log (run, TRIB_SYNC_LOG_WARNING, writer ? _("Dirty record %u (writer): %s: %s")
                                                          : _("Dirty record %u (reader): %s: %s"),
                       number, message, record_text ? record_text : "");

  if (run->error_records >= 0 && total > (guint64) run->error_records)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_LIMIT,
                   _("dirty data limit exceeded: %" PRIu64 " dirty records, %s.record allows %" PRId64),
                   total, run->error_path, run->error_records);
      return FALSE;
    }
  return TRUE;
}

gboolean
trib_sync_transfer_writer_dirty (TribSyncTransfer  *run,
                                 const char        *message,
                                 const char        *record_text,
                                 GError           **error)
{
  return record_dirty (run, TRUE, message, record_text, error);
}

void
trib_sync_transfer_writer_ambiguous (TribSyncTransfer *run,
                                     guint64           n_records)
{
  run->ambiguous += n_records;
}

void
trib_sync_transfer_writer_stale_uploads (TribSyncTransfer *run,
                                         guint             n_uploads)
{
  run->stale_uploads += n_uploads;
}

/* }}} */

/* Channels {{{ */

static gboolean
reader_dirty_cb (const char  *message,
                 const char  *record_text,
                 gpointer     user_data,
                 GError     **error)
{
  return record_dirty (user_data, FALSE, message, record_text, error);
}

static void
throttle (TribSyncTransfer *run,
          guint64           bytes_so_far,
          guint64           records_so_far)
{
  gint64 wait_until = 0;

  if (run->byte_rate > 0)
    wait_until = run->start_us + (gint64) (bytes_so_far * 1e6 / run->byte_rate);
  if (run->record_rate > 0)
    wait_until = MAX (wait_until, run->start_us + (gint64) (records_so_far * 1e6 / run->record_rate));
  if (wait_until > g_get_monotonic_time ())
    trib_sync_queue_sleep_until (run->queue, wait_until);
}

static TribSyncBatch *
flush_cb (TribSyncBatch  *full,
          gpointer        user_data,
          GError        **error)
{
  TribSyncTransfer *run = user_data;
  guint64 bytes, records;

  g_mutex_lock (&run->lock);
  run->records_read += full->n_records;
  run->bytes_read += trib_sync_batch_get_bytes (full);
  bytes = run->bytes_read;
  records = run->records_read;
  g_mutex_unlock (&run->lock);

  if (run->byte_rate > 0 || run->record_rate > 0)
    throttle (run, bytes, records);

  if (!trib_sync_queue_push (run->queue, full))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync job was stopped"));
      return NULL;
    }
  return trib_sync_queue_take_empty (run->queue);
}

static void
thread_done (TribSyncTransfer *run)
{
  g_mutex_lock (&run->lock);
  run->threads_running--;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

static gpointer
channel_thread (gpointer data)
{
  TribSyncTransfer *run = data;
  TribSyncReader *reader = run->engine->reader;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      TribSyncEmitter emitter;
      guint slice = (guint) g_atomic_int_add (&run->next_slice, 1);
      gboolean ok;

      if (slice >= run->n_slices || g_cancellable_is_cancelled (run->cancellable))
        break;

      trib_sync_emitter_init (&emitter, slice, flush_cb, reader_dirty_cb, run);
      trib_sync_batch_free (emitter.batch);
      emitter.batch = trib_sync_queue_take_empty (run->queue);
      emitter.batch->slice = slice;

      ok = trib_sync_reader_read_slice (reader, slice, &emitter, run->cancellable, &error) &&
           trib_sync_emitter_flush (&emitter, &error);
      trib_sync_emitter_clear (&emitter);
      if (!ok)
        {
          run_fail (run, g_steal_pointer (&error));
          break;
        }
      trib_sync_queue_finish_slice (run->queue, slice);
    }

  thread_done (run);
  return NULL;
}

static gpointer
writer_thread (gpointer data)
{
  TribSyncTransfer *run = data;
  TribSyncWriter *writer = run->engine->writer;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gboolean aborted = FALSE;
      TribSyncBatch *batch = trib_sync_queue_pop (run->queue, &aborted);
      gboolean ok;

      if (batch == NULL)
        break;
      ok = trib_sync_writer_write_batch (writer, batch, run->cancellable, &error);
      g_mutex_lock (&run->lock);
      run->records_written += batch->n_records;
      g_mutex_unlock (&run->lock);
      trib_sync_queue_recycle (run->queue, batch);
      if (!ok)
        {
          run_fail (run, g_steal_pointer (&error));
          break;
        }
    }

  thread_done (run);
  return NULL;
}

/* }}} */

static void
fill_progress (TribSyncTransfer *run,
               TribSyncProgress *p)
{
  double seconds;
  double fraction;

  memset (p, 0, sizeof *p);
  p->elapsed_us = g_get_monotonic_time () - run->start_us;
  g_mutex_lock (&run->lock);
  p->records_read = run->records_read;
  p->bytes_read = run->bytes_read;
  p->records_written = run->records_written - MIN (run->records_written, run->dirty_write);
  p->dirty_read = run->dirty_read;
  p->dirty_write = run->dirty_write;
  g_mutex_unlock (&run->lock);
  p->bytes_written = trib_sync_writer_get_bytes (run->engine->writer);
  seconds = MAX (p->elapsed_us, 1) / 1e6;
  p->bytes_per_second = p->bytes_read / seconds;
  p->records_per_second = p->records_read / seconds;
  p->n_slices = run->n_slices;
  p->slices_done = run->queue ? trib_sync_queue_get_slices_done (run->queue) : 0;
  fraction = trib_sync_reader_get_fraction (run->engine->reader);
  if (fraction >= 0)
    p->fraction = MIN (fraction, 1.0);
  else
    p->fraction = run->n_slices ? (double) p->slices_done / run->n_slices : -1;
}

static void
report_progress (TribSyncTransfer *run)
{
  TribSyncProgress progress;

  if (run->engine->progress_func == NULL)
    return;
  fill_progress (run, &progress);
  run->engine->progress_func (&progress, run->engine->progress_data);
}

static gboolean
check_percentage (TribSyncTransfer  *run,
                  GError           **error)
{
  guint64 total, dirty;

  if (run->error_records >= 0 || run->error_fraction < 0)
    return TRUE;   /* the record count, when given, wins over the percentage */

  dirty = run->dirty_read + run->dirty_write;
  total = run->records_read + run->dirty_read;
  if (dirty == 0 || total == 0 || (double) dirty / total <= run->error_fraction)
    return TRUE;

  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_LIMIT,
               _("dirty data limit exceeded: %.2f%% of the records are dirty (%" PRIu64 " of %" PRIu64 "), %s.percentage allows %.2f%%"),
               100.0 * dirty / total, dirty, total, run->error_path, run->error_fraction * 100);
  return FALSE;
}

static void
describe_start (TribSyncTransfer *run)
{
  TribSyncJob *job = run->engine->job;
  g_auto(GStrv) sources = trib_sync_job_dup_datasources (job);
  g_autofree char *joined = g_strjoinv (", ", sources);
  const char * const *warnings = trib_sync_job_get_warnings (job);

  trib_sync_transfer_log (run, TRIB_SYNC_LOG_INFO, _("Sync job: %s reader, %s writer, data sources %s; %u channels"),
                          trib_sync_job_get_reader_type (job), trib_sync_job_get_writer_type (job), joined,
                          run->channels);
  for (guint i = 0; warnings && warnings[i]; i++)
    trib_sync_transfer_log (run, TRIB_SYNC_LOG_WARNING, "%s", warnings[i]);
}

gboolean
trib_sync_engine_run (TribSyncEngine  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  TribSyncTransfer run_data = { 0 };
  TribSyncTransfer *run = &run_data;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree char *summary_text = NULL;
  gulong cancel_id = 0;
  gboolean ok = FALSE;
  guint channels;

  g_return_val_if_fail (TRIB_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  self->started = TRUE;

  run->engine = self;
  g_mutex_init (&run->lock);
  g_mutex_init (&run->log_lock);
  g_cond_init (&run->cond);
  run->cancellable = g_cancellable_new ();
  run->channels = trib_sync_job_get_channels (self->job);
  run->error_records = trib_sync_job_get_error_limit_records (self->job);
  run->error_fraction = trib_sync_job_get_error_limit_percentage (self->job);
  run->error_path = trib_sync_job_get_error_limit_path (self->job);
  run->byte_rate = trib_sync_job_get_byte_rate (self->job);
  run->record_rate = trib_sync_job_get_record_rate (self->job);
  /* A queue exists from the start, so that a failure can always abort it. */
  run->queue = trib_sync_queue_new (0, self->budget);

  self->summary.start = g_date_time_new_now_local ();
  run->start_us = g_get_monotonic_time ();
  if (cancellable)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb), run, NULL);

  describe_start (run);

  {
    g_autoptr(GError) local_error = NULL;

    if (!g_cancellable_is_cancelled (run->cancellable) &&
        (!trib_sync_writer_prepare (self->writer, run, run->cancellable, &local_error) ||
         !trib_sync_reader_prepare (self->reader, run, run->cancellable, &local_error)))
      run_fail (run, g_steal_pointer (&local_error));
  }

  if (!g_cancellable_is_cancelled (run->cancellable))
    {
      TribSyncQueue *initial = run->queue;

      run->n_slices = trib_sync_reader_get_n_slices (self->reader);
      g_mutex_lock (&run->lock);
      run->queue = trib_sync_queue_new (run->n_slices, self->budget);
      g_mutex_unlock (&run->lock);
      trib_sync_queue_free (initial);
      /* A cancellation that raced with the swap aborts the new queue too. */
      if (g_cancellable_is_cancelled (run->cancellable))
        trib_sync_queue_abort (run->queue);

      channels = MAX (MIN (run->channels, run->n_slices), 1);
      run->threads_running = channels + 1;
      g_ptr_array_add (threads, g_thread_new ("sync-writer", writer_thread, run));
      for (guint i = 0; i < channels; i++)
        g_ptr_array_add (threads, g_thread_new ("sync-channel", channel_thread, run));

      g_mutex_lock (&run->lock);
      while (run->threads_running > 0)
        {
          gint64 deadline = g_get_monotonic_time () + G_TIME_SPAN_SECOND;

          if (!g_cond_wait_until (&run->cond, &run->lock, deadline) && run->threads_running > 0)
            {
              g_mutex_unlock (&run->lock);
              report_progress (run);
              g_mutex_lock (&run->lock);
            }
        }
      g_mutex_unlock (&run->lock);
      for (guint i = 0; i < threads->len; i++)
        g_thread_join (g_ptr_array_index (threads, i));
      self->peak_queue_bytes = trib_sync_queue_get_peak_bytes (run->queue);
    }

  trib_sync_reader_close (self->reader);

  if (run->error == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      gint64 commit_start = g_get_monotonic_time ();

      if (!check_percentage (run, &local_error) ||
          !trib_sync_writer_commit (self->writer, run->cancellable, &local_error))
        run_fail (run, g_steal_pointer (&local_error));
      self->summary.commit_us = g_get_monotonic_time () - commit_start;
    }
  if (cancel_id)
    g_cancellable_disconnect (cancellable, cancel_id);
  if (run->error != NULL)
    trib_sync_writer_abort (self->writer);
  else
    ok = TRUE;

  report_progress (run);
  self->summary.end = g_date_time_new_now_local ();
  self->summary.elapsed_us = g_get_monotonic_time () - run->start_us;
  self->summary.records_read = run->records_read;
  self->summary.bytes_read = run->bytes_read;
  self->summary.records_written = run->records_written - MIN (run->records_written, run->dirty_write);
  self->summary.bytes_written = trib_sync_writer_get_bytes (self->writer);
  self->summary.failures = run->dirty_read + run->dirty_write;
  self->summary.ambiguous = run->ambiguous;
  self->summary.stale_uploads = run->stale_uploads;
  summary_text = trib_sync_summary_format (&self->summary);
  if (!ok)
    trib_sync_transfer_log (run, TRIB_SYNC_LOG_ERROR, _("Sync job failed: %s"), run->error->message);
  run_log_line (run, TRIB_SYNC_LOG_INFO, summary_text);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&run->error));
  trib_sync_queue_free (run->queue);
  g_clear_object (&run->cancellable);
  g_mutex_clear (&run->lock);
  g_mutex_clear (&run->log_lock);
  g_cond_clear (&run->cond);
  return ok;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (trib_sync_engine_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
trib_sync_engine_run_async (TribSyncEngine      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRIB_IS_SYNC_ENGINE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_sync_engine_run_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  /* The engine cancels itself: a cancelled task must still wait for the abort. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
trib_sync_engine_run_finish (TribSyncEngine  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Preview {{{ */

/* Prepares @reader for one channel and reads its slices in order into @flush_func until
 * that returns NULL (it has enough) or the slices end. No writer, no queue: the records
 * go straight to the caller. Dirty records are skipped. Blocking, in a worker thread. */
gboolean
_trib_sync_reader_preview (TribSyncReader     *reader,
                           TribSyncFlushFunc   flush_func,
                           gboolean           *enough,
                           gpointer            user_data,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(TribSyncEngine) engine = g_object_new (TRIB_TYPE_SYNC_ENGINE, NULL);
  g_autoptr(GCancellable) own = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  TribSyncTransfer run = { 0 };
  gboolean ok;

  run.engine = engine;
  run.cancellable = own;
  run.channels = 1;
  run.error_records = -1;
  run.error_fraction = -1;
  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  g_mutex_init (&run.log_lock);

  ok = trib_sync_reader_prepare (reader, &run, own, error);
  for (guint slice = 0; ok && !*enough && slice < trib_sync_reader_get_n_slices (reader); slice++)
    {
      TribSyncEmitter emitter;
      g_autoptr(GError) local_error = NULL;

      trib_sync_emitter_init (&emitter, slice, flush_func, NULL, user_data);
      ok = trib_sync_reader_read_slice (reader, slice, &emitter, own, &local_error) &&
           trib_sync_emitter_flush (&emitter, &local_error);
      trib_sync_emitter_clear (&emitter);
      if (*enough)
        ok = TRUE;  /* the stop was ours */
      else if (!ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  trib_sync_reader_close (reader);

  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);
  g_mutex_clear (&run.log_lock);
  return ok;
}

/* }}} */
