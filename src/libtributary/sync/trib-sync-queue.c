/* trib-sync-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-sync-queue.h"

#define POOL_MAX 8

typedef struct
{
  GQueue   batches;
  gsize    bytes;
  gboolean finished;
} Slice;

struct _TribSyncQueue
{
  GMutex    mutex;
  GCond     cond;
  Slice    *slices;
  guint     n_slices;
  guint     current;     /* the slice the writer is on */
  gsize     budget;
  gsize     bytes;       /* held in all slices */
  gsize     peak;
  gboolean  aborted;
  GQueue    pool;
};

static gsize
batch_cost (const TribSyncBatch *batch)
{
  return batch->data_alloc + batch->cells_alloc * sizeof (TribSyncCell) + batch->records_alloc * sizeof (guint32);
}

TribSyncQueue *
trib_sync_queue_new (guint n_slices,
                     gsize budget)
{
  TribSyncQueue *self = g_new0 (TribSyncQueue, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->n_slices = n_slices;
  self->slices = g_new0 (Slice, MAX (n_slices, 1));
  self->budget = budget;
  g_queue_init (&self->pool);
  return self;
}

void
trib_sync_queue_free (TribSyncQueue *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_slices; i++)
    g_queue_clear_full (&self->slices[i].batches, (GDestroyNotify) trib_sync_batch_free);
  g_queue_clear_full (&self->pool, (GDestroyNotify) trib_sync_batch_free);
  g_free (self->slices);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

TribSyncBatch *
trib_sync_queue_take_empty (TribSyncQueue *self)
{
  TribSyncBatch *batch;

  g_mutex_lock (&self->mutex);
  batch = g_queue_pop_head (&self->pool);
  g_mutex_unlock (&self->mutex);
  if (batch == NULL)
    return trib_sync_batch_new ();
  trib_sync_batch_reset (batch);
  return batch;
}

void
trib_sync_queue_recycle (TribSyncQueue *self,
                         TribSyncBatch *batch)
{
  g_mutex_lock (&self->mutex);
  if (self->pool.length < POOL_MAX && batch_cost (batch) <= 4 * TRIB_SYNC_BATCH_BYTES)
    {
      g_queue_push_head (&self->pool, batch);
      batch = NULL;
    }
  g_mutex_unlock (&self->mutex);
  trib_sync_batch_free (batch);
}

gboolean
trib_sync_queue_push (TribSyncQueue *self,
                      TribSyncBatch *batch)
{
  guint slice = batch->slice;
  gsize cost = batch_cost (batch);

  g_return_val_if_fail (slice < self->n_slices, FALSE);

  g_mutex_lock (&self->mutex);
  for (;;)
    {
      Slice *s = &self->slices[slice];

      if (self->aborted)
        break;
      /* Something must be buffered for a wait to end: an empty slice always gets one. */
      if (s->batches.length == 0)
        break;
      if (slice == self->current ? s->bytes + cost <= self->budget / 2
                                 : self->bytes + cost <= self->budget)
        break;
      g_cond_wait (&self->cond, &self->mutex);
    }
  if (self->aborted)
    {
      g_mutex_unlock (&self->mutex);
      trib_sync_batch_free (batch);
      return FALSE;
    }
  g_queue_push_tail (&self->slices[slice].batches, batch);
  self->slices[slice].bytes += cost;
  self->bytes += cost;
  self->peak = MAX (self->peak, self->bytes);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

void
trib_sync_queue_finish_slice (TribSyncQueue *self,
                              guint          slice)
{
  g_return_if_fail (slice < self->n_slices);

  g_mutex_lock (&self->mutex);
  self->slices[slice].finished = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

TribSyncBatch *
trib_sync_queue_pop (TribSyncQueue *self,
                     gboolean      *aborted)
{
  TribSyncBatch *batch = NULL;

  g_mutex_lock (&self->mutex);
  while (!self->aborted && self->current < self->n_slices)
    {
      Slice *s = &self->slices[self->current];

      batch = g_queue_pop_head (&s->batches);
      if (batch != NULL)
        {
          gsize cost = batch_cost (batch);

          s->bytes -= cost;
          self->bytes -= cost;
          g_cond_broadcast (&self->cond);
          break;
        }
      if (s->finished)
        {
          /* On to the next slice: its channel may now use the larger allowance. */
          self->current++;
          g_cond_broadcast (&self->cond);
          continue;
        }
      g_cond_wait (&self->cond, &self->mutex);
    }
  *aborted = self->aborted;
  if (self->aborted && batch != NULL)
    {
      trib_sync_batch_free (batch);
      batch = NULL;
    }
  g_mutex_unlock (&self->mutex);
  return batch;
}

void
trib_sync_queue_abort (TribSyncQueue *self)
{
  g_mutex_lock (&self->mutex);
  self->aborted = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

gboolean
trib_sync_queue_is_aborted (TribSyncQueue *self)
{
  gboolean aborted;

  g_mutex_lock (&self->mutex);
  aborted = self->aborted;
  g_mutex_unlock (&self->mutex);
  return aborted;
}

void
trib_sync_queue_sleep_until (TribSyncQueue *self,
                             gint64         deadline)
{
  g_mutex_lock (&self->mutex);
  while (!self->aborted && g_get_monotonic_time () < deadline)
    g_cond_wait_until (&self->cond, &self->mutex, deadline);
  g_mutex_unlock (&self->mutex);
}

guint
trib_sync_queue_get_slices_done (TribSyncQueue *self)
{
  guint done;

  g_mutex_lock (&self->mutex);
  done = self->current;
  g_mutex_unlock (&self->mutex);
  return done;
}

gsize
trib_sync_queue_get_peak_bytes (TribSyncQueue *self)
{
  gsize peak;

  g_mutex_lock (&self->mutex);
  peak = self->peak;
  g_mutex_unlock (&self->mutex);
  return peak;
}
