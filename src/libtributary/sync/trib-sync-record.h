/* trib-sync-record.h: records of typed columns, carried in batches
 *
 * A record is a list of cells. A cell has a DataX type and either a value or NULL; an
 * empty string is a value, distinct from NULL. Every value is kept in its DataX string
 * form (what Column.asString() gives): integers as digits, decimals as written, dates as
 * "yyyy-MM-dd HH:mm:ss" / "yyyy-MM-dd" / "HH:mm:ss", booleans as "true"/"false", bytes raw.
 *
 * Records travel in batches: one byte arena and one cell array per batch, so that a
 * million rows cost a few hundred allocations, not millions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-sync-config.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 offset;   /* into the batch's data */
  guint32 length;
  guint8  type;     /* TribSyncType */
  guint8  is_null;
} TribSyncCell;

typedef struct _TribSyncBatch TribSyncBatch;

struct _TribSyncBatch
{
  guint8       *data;
  gsize         data_len;
  gsize         data_alloc;
  TribSyncCell *cells;
  guint         n_cells;
  guint         cells_alloc;
  guint32      *record_ends;    /* record i holds cells [end(i-1), end(i)) */
  guint         n_records;
  guint         records_alloc;
  guint         slice;          /* which reader slice produced it */
};

/* A batch is full at this many bytes or records; the reader then hands it on. */
#define TRIB_SYNC_BATCH_BYTES    (256 * 1024)
#define TRIB_SYNC_BATCH_RECORDS  8192

TribSyncBatch *trib_sync_batch_new          (void);
void           trib_sync_batch_free         (TribSyncBatch       *batch);
void           trib_sync_batch_reset        (TribSyncBatch       *batch);
gboolean       trib_sync_batch_is_full      (const TribSyncBatch *batch);
/* Bytes of values, as counted in progress and throughput. */
static inline gsize
trib_sync_batch_get_bytes (const TribSyncBatch *batch)
{
  return batch->data_len;
}

static inline guint
trib_sync_batch_record_first_cell (const TribSyncBatch *batch,
                                   guint                record)
{
  return record == 0 ? 0 : batch->record_ends[record - 1];
}

static inline guint
trib_sync_batch_record_n_cells (const TribSyncBatch *batch,
                                guint                record)
{
  return batch->record_ends[record] - trib_sync_batch_record_first_cell (batch, record);
}

static inline const TribSyncCell *
trib_sync_batch_get_cell (const TribSyncBatch *batch,
                          guint                record,
                          guint                column)
{
  return &batch->cells[trib_sync_batch_record_first_cell (batch, record) + column];
}

static inline const char *
trib_sync_batch_cell_data (const TribSyncBatch *batch,
                           const TribSyncCell  *cell)
{
  return (const char *) batch->data + cell->offset;
}

/* Building, one record at a time. A record is open between begin and end/discard. */
void           trib_sync_batch_begin_record (TribSyncBatch       *batch);
void           trib_sync_batch_add_value    (TribSyncBatch       *batch,
                                             TribSyncType         type,
                                             const void          *data,
                                             gsize                length);
/* Reserves @length bytes for a value of the open record and returns where to write them. */
guint8        *trib_sync_batch_add_value_uninit (TribSyncBatch   *batch,
                                                 TribSyncType     type,
                                                 gsize            length);
void           trib_sync_batch_add_null     (TribSyncBatch       *batch,
                                             TribSyncType         type);
void           trib_sync_batch_end_record   (TribSyncBatch       *batch);
void           trib_sync_batch_discard_record (TribSyncBatch     *batch);
/* Cells of the open record so far. */
guint          trib_sync_batch_open_n_cells (const TribSyncBatch *batch);

/* The record as a JSON array of strings and nulls, for dirty-record logs. */
char          *trib_sync_batch_dup_record_json (const TribSyncBatch *batch,
                                                guint                record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncBatch, trib_sync_batch_free)

G_END_DECLS
