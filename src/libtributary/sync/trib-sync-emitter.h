/* trib-sync-emitter.h: where a reader puts its records
 *
 * A reader builds records straight into the emitter's current batch
 * (trib_sync_emitter_get_batch + trib_sync_batch_add_*), then ends or rejects each record.
 * Full batches are handed to the flush function, which returns an empty batch to go on
 * with (the engine blocks there while the writer is behind: that is the back-pressure).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-sync-record.h"

G_BEGIN_DECLS

/* Takes @full; returns an empty batch, or NULL with @error set to stop the reader. */
typedef TribSyncBatch *(*TribSyncFlushFunc) (TribSyncBatch  *full,
                                             gpointer        user_data,
                                             GError        **error);
/* A record the reader could not convert. FALSE with @error set stops the reader
 * (the dirty-record limit was exceeded). */
typedef gboolean       (*TribSyncDirtyFunc) (const char     *message,
                                             const char     *record_text,
                                             gpointer        user_data,
                                             GError        **error);

typedef struct
{
  TribSyncBatch     *batch;
  TribSyncFlushFunc  flush_func;
  TribSyncDirtyFunc  dirty_func;
  gpointer           user_data;
  guint              slice;
  guint64            n_records;
  guint64            n_dirty;
} TribSyncEmitter;

void      trib_sync_emitter_init   (TribSyncEmitter    *emitter,
                                    guint               slice,
                                    TribSyncFlushFunc   flush_func,
                                    TribSyncDirtyFunc   dirty_func,
                                    gpointer            user_data);
/* Frees the current batch without flushing it. */
void      trib_sync_emitter_clear  (TribSyncEmitter    *emitter);

static inline TribSyncBatch *
trib_sync_emitter_get_batch (TribSyncEmitter *emitter)
{
  return emitter->batch;
}

gboolean  trib_sync_emitter_flush  (TribSyncEmitter    *emitter,
                                    GError            **error);

static inline gboolean
trib_sync_emitter_end_record (TribSyncEmitter  *emitter,
                              GError          **error)
{
  trib_sync_batch_end_record (emitter->batch);
  emitter->n_records++;
  if (G_UNLIKELY (trib_sync_batch_is_full (emitter->batch)))
    return trib_sync_emitter_flush (emitter, error);
  return TRUE;
}

/* Drops the open record and reports it. @record_text may be NULL: the cells so far are
 * shown instead. */
gboolean  trib_sync_emitter_reject (TribSyncEmitter    *emitter,
                                    const char         *message,
                                    const char         *record_text,
                                    GError            **error);

G_END_DECLS
