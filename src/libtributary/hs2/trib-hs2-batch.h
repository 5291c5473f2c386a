/* trib-hs2-batch.h: one FetchResults reply, decoded straight into column arrays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-hs2-codec.h"

G_BEGIN_DECLS

/* Which TColumn member carried the values (the wire type, not the SQL type). */
typedef enum
{
  TRIB_HS2_COLUMN_BOOL,
  TRIB_HS2_COLUMN_BYTE,
  TRIB_HS2_COLUMN_I16,
  TRIB_HS2_COLUMN_I32,
  TRIB_HS2_COLUMN_I64,
  TRIB_HS2_COLUMN_DOUBLE,
  TRIB_HS2_COLUMN_STRING,
  TRIB_HS2_COLUMN_BINARY,
  TRIB_HS2_COLUMN_NONE,     /* row-based set whose column was never filled */
} TribHs2ColumnKind;

typedef struct
{
  TribHs2ColumnKind  kind;
  guint              n_rows;
  guint8            *nulls;       /* LSB first; may be shorter than the rows (missing = not null) */
  guint              nulls_len;
  gpointer           values;      /* gboolean-as-guint8 / gint8 / gint16 / gint32 / gint64 / double */
  guint32           *offsets;     /* STRING and BINARY: n_rows + 1 offsets into bytes */
  guint8            *bytes;
} TribHs2Column;

typedef struct _TribHs2Batch TribHs2Batch;

#define TRIB_TYPE_HS2_BATCH (trib_hs2_batch_get_type ())

GType                 trib_hs2_batch_get_type       (void) G_GNUC_CONST;
TribHs2Batch         *trib_hs2_batch_ref            (TribHs2Batch *self);
void                  trib_hs2_batch_unref          (TribHs2Batch *self);
/* An empty batch of @n_columns columns. */
TribHs2Batch         *trib_hs2_batch_new_empty      (guint         n_columns);

guint                 trib_hs2_batch_get_n_rows     (TribHs2Batch *self);
guint                 trib_hs2_batch_get_n_columns  (TribHs2Batch *self);
gint64                trib_hs2_batch_get_start_row  (TribHs2Batch *self);
/* Bytes held by the batch's arrays. */
gsize                 trib_hs2_batch_get_memory_size (TribHs2Batch *self);
const TribHs2Column  *trib_hs2_batch_get_column     (TribHs2Batch *self,
                                                     guint         column);
gboolean              trib_hs2_batch_is_null        (TribHs2Batch *self,
                                                     guint         column,
                                                     guint         row);
/* Appends the value as text: "true"/"false", decimal numbers, strings as sent (invalid
 * UTF-8 replaced), binary as lower-case hex. Appends nothing for NULL and returns FALSE. */
gboolean              trib_hs2_batch_append_text    (TribHs2Batch *self,
                                                     guint         column,
                                                     guint         row,
                                                     GString      *out);
/* The value as text, or NULL for SQL NULL. */
char                 *trib_hs2_batch_dup_text       (TribHs2Batch *self,
                                                     guint         column,
                                                     guint         row);
/* Integers and booleans as int64 (others: FALSE). */
gboolean              trib_hs2_batch_get_int64      (TribHs2Batch *self,
                                                     guint         column,
                                                     guint         row,
                                                     gint64       *out);
gboolean              trib_hs2_batch_get_double     (TribHs2Batch *self,
                                                     guint         column,
                                                     guint         row,
                                                     double       *out);
/* STRING or BINARY values without a copy (not NUL-terminated). */
const guint8         *trib_hs2_batch_peek_bytes     (TribHs2Batch *self,
                                                     guint         column,
                                                     guint         row,
                                                     gsize        *len);

/* Reads a TRowSet struct (columnar or row-based). */
TribHs2Batch         *trib_hs2_batch_read_row_set   (TribThriftReader *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribHs2Batch, trib_hs2_batch_unref)

G_END_DECLS
