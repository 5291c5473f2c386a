/* trib-sync-queue.h: the bounded, ordered queue between reader channels and the writer
 *
 * Channels read slices in parallel, but the writer takes batches slice by slice, in slice
 * order, so the output is the same bytes on every run. A channel reading ahead of the
 * writer blocks once the queue holds its byte budget; the channel of the slice the writer
 * is on may always add up to half the budget more, so the writer is never starved and
 * nothing deadlocks. Memory is bounded by 1.5 times the budget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-sync-record.h"

G_BEGIN_DECLS

typedef struct _TribSyncQueue TribSyncQueue;

TribSyncQueue *trib_sync_queue_new          (guint           n_slices,
                                             gsize           budget);
void           trib_sync_queue_free         (TribSyncQueue  *self);

/* An empty batch, from the pool of used ones when possible. */
TribSyncBatch *trib_sync_queue_take_empty   (TribSyncQueue  *self);
/* Gives a consumed batch back to the pool. */
void           trib_sync_queue_recycle      (TribSyncQueue  *self,
                                             TribSyncBatch  *batch);

/* Adds @batch (taking it) to its slice (batch->slice). Blocks while over budget.
 * FALSE once the queue is aborted. */
gboolean       trib_sync_queue_push         (TribSyncQueue  *self,
                                             TribSyncBatch  *batch);
void           trib_sync_queue_finish_slice (TribSyncQueue  *self,
                                             guint           slice);

/* The next batch in slice order; NULL at the end (all slices finished and drained) or
 * when aborted, which @aborted tells. */
TribSyncBatch *trib_sync_queue_pop          (TribSyncQueue  *self,
                                             gboolean       *aborted);

/* Wakes every waiter; pushes and pops fail from now on. */
void           trib_sync_queue_abort        (TribSyncQueue  *self);
gboolean       trib_sync_queue_is_aborted   (TribSyncQueue  *self);

/* Sleeps until @deadline (monotonic time), or less if the queue is aborted. Used for
 * throttling, so that a cancelled job does not sleep on. */
void           trib_sync_queue_sleep_until  (TribSyncQueue  *self,
                                             gint64          deadline);

/* Slices the writer has drained completely. */
guint          trib_sync_queue_get_slices_done (TribSyncQueue *self);
/* The most bytes ever held at once, for the tests of bounded memory. */
gsize          trib_sync_queue_get_peak_bytes  (TribSyncQueue *self);

G_END_DECLS
