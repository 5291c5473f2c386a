/* trib-hs2-batch-private.h: shared by the batch and its reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-hs2-batch.h"

G_BEGIN_DECLS

struct _TribHs2Batch
{
  gatomicrefcount  ref;
  guint            n_rows;
  guint            n_columns;
  TribHs2Column   *columns;
  gint64           start_row;
  gsize            memory;
};

/* The Thrift element type of each TribHs2ColumnKind's values, and their width in memory. */
extern const guint8 _trib_hs2_wire_types[];
extern const guint8 _trib_hs2_value_widths[];

TribHs2Batch *_trib_hs2_batch_new      (guint                n_columns);
void          _trib_hs2_column_clear   (TribHs2Column       *c);
gsize         _trib_hs2_column_memory  (const TribHs2Column *c);

G_END_DECLS
