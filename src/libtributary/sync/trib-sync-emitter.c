/* trib-sync-emitter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-sync-emitter.h"

void
trib_sync_emitter_init (TribSyncEmitter   *emitter,
                        guint              slice,
                        TribSyncFlushFunc  flush_func,
                        TribSyncDirtyFunc  dirty_func,
                        gpointer           user_data)
{
  emitter->batch = trib_sync_batch_new ();
  emitter->batch->slice = slice;
  emitter->flush_func = flush_func;
  emitter->dirty_func = dirty_func;
  emitter->user_data = user_data;
  emitter->slice = slice;
  emitter->n_records = 0;
  emitter->n_dirty = 0;
}

void
trib_sync_emitter_clear (TribSyncEmitter *emitter)
{
  g_clear_pointer (&emitter->batch, trib_sync_batch_free);
}

gboolean
trib_sync_emitter_flush (TribSyncEmitter  *emitter,
                         GError          **error)
{
  TribSyncBatch *next;

  if (emitter->batch == NULL || emitter->batch->n_records == 0)
    return TRUE;

  emitter->batch->slice = emitter->slice;
  next = emitter->flush_func (g_steal_pointer (&emitter->batch), emitter->user_data, error);
  if (next == NULL)
    return FALSE;
  trib_sync_batch_reset (next);
  next->slice = emitter->slice;
  emitter->batch = next;
  return TRUE;
}

gboolean
trib_sync_emitter_reject (TribSyncEmitter  *emitter,
                          const char       *message,
                          const char       *record_text,
                          GError          **error)
{
  g_autofree char *shown = NULL;

  if (record_text == NULL)
    {
      /* Show what was converted so far, as a record of its own. */
      trib_sync_batch_end_record (emitter->batch);
      shown = trib_sync_batch_dup_record_json (emitter->batch, emitter->batch->n_records - 1);
      emitter->batch->n_records--;
      record_text = shown;
    }
  trib_sync_batch_discard_record (emitter->batch);
  emitter->n_dirty++;
  return emitter->dirty_func == NULL ||
         emitter->dirty_func (message, record_text, emitter->user_data, error);
}
