/* trib-sync-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-sync-record.h"

const char *
trib_sync_type_to_string (TribSyncType type)
{
  switch (type)
    {
    case TRIB_SYNC_TYPE_STRING: return "string";
    case TRIB_SYNC_TYPE_LONG:   return "long";
    case TRIB_SYNC_TYPE_DOUBLE: return "double";
    case TRIB_SYNC_TYPE_BOOL:   return "boolean";
    case TRIB_SYNC_TYPE_DATE:   return "date";
    case TRIB_SYNC_TYPE_BYTES:  return "bytes";
    default:                    return "unknown";
    }
}

gboolean
trib_sync_type_from_string (const char   *name,
                            TribSyncType *type)
{
  static const struct { const char *name; TribSyncType type; } names[] = {
    { "string", TRIB_SYNC_TYPE_STRING },
    { "long", TRIB_SYNC_TYPE_LONG },
    { "double", TRIB_SYNC_TYPE_DOUBLE },
    { "boolean", TRIB_SYNC_TYPE_BOOL },
    { "bool", TRIB_SYNC_TYPE_BOOL },
    { "date", TRIB_SYNC_TYPE_DATE },
    { "bytes", TRIB_SYNC_TYPE_BYTES },
  };

  for (guint i = 0; name && i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (name, names[i].name) == 0)
        {
          *type = names[i].type;
          return TRUE;
        }
    }
  return FALSE;
}

TribSyncBatch *
trib_sync_batch_new (void)
{
  TribSyncBatch *batch = g_new0 (TribSyncBatch, 1);

  batch->data_alloc = TRIB_SYNC_BATCH_BYTES + 4096;
  batch->data = g_malloc (batch->data_alloc);
  batch->cells_alloc = 4096;
  batch->cells = g_new (TribSyncCell, batch->cells_alloc);
  batch->records_alloc = 1024;
  batch->record_ends = g_new (guint32, batch->records_alloc);
  return batch;
}

void
trib_sync_batch_free (TribSyncBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->data);
  g_free (batch->cells);
  g_free (batch->record_ends);
  g_free (batch);
}

void
trib_sync_batch_reset (TribSyncBatch *batch)
{
  batch->data_len = 0;
  batch->n_cells = 0;
  batch->n_records = 0;
  batch->slice = 0;
}

gboolean
trib_sync_batch_is_full (const TribSyncBatch *batch)
{
  return batch->data_len >= TRIB_SYNC_BATCH_BYTES || batch->n_records >= TRIB_SYNC_BATCH_RECORDS;
}

void
trib_sync_batch_begin_record (TribSyncBatch *batch)
{
  /* Cells of the open record live past the last record end until end_record. */
  g_assert (batch->n_cells == (batch->n_records ? batch->record_ends[batch->n_records - 1] : 0));
}

static inline TribSyncCell *
new_cell (TribSyncBatch *batch)
{
  if (G_UNLIKELY (batch->n_cells == batch->cells_alloc))
    {
      batch->cells_alloc *= 2;
      batch->cells = g_renew (TribSyncCell, batch->cells, batch->cells_alloc);
    }
  return &batch->cells[batch->n_cells++];
}

guint8 *
trib_sync_batch_add_value_uninit (TribSyncBatch *batch,
                                  TribSyncType   type,
                                  gsize          length)
{
  TribSyncCell *cell;

  /* One value may be larger than a whole batch (a big text column): grow for it. */
  if (G_UNLIKELY (batch->data_len + length > batch->data_alloc))
    {
      g_assert (length < G_MAXUINT32 && batch->data_len + length < G_MAXUINT32);
      batch->data_alloc = MAX (batch->data_alloc * 2, batch->data_len + length + 4096);
      batch->data = g_realloc (batch->data, batch->data_alloc);
    }

  cell = new_cell (batch);
  cell->offset = (guint32) batch->data_len;
  cell->length = (guint32) length;
  cell->type = type;
  cell->is_null = FALSE;
  batch->data_len += length;
  return batch->data + cell->offset;
}

void
trib_sync_batch_add_value (TribSyncBatch *batch,
                           TribSyncType   type,
                           const void    *data,
                           gsize          length)
{
  guint8 *dest = trib_sync_batch_add_value_uninit (batch, type, length);

  if (length > 0)
    memcpy (dest, data, length);
}

void
trib_sync_batch_add_null (TribSyncBatch *batch,
                          TribSyncType   type)
{
  TribSyncCell *cell = new_cell (batch);

  cell->offset = (guint32) batch->data_len;
  cell->length = 0;
  cell->type = type;
  cell->is_null = TRUE;
}

void
trib_sync_batch_end_record (TribSyncBatch *batch)
{
  if (G_UNLIKELY (batch->n_records == batch->records_alloc))
    {
      batch->records_alloc *= 2;
      batch->record_ends = g_renew (guint32, batch->record_ends, batch->records_alloc);
    }
  batch->record_ends[batch->n_records++] = batch->n_cells;
}

void
trib_sync_batch_discard_record (TribSyncBatch *batch)
{
  guint first = batch->n_records ? batch->record_ends[batch->n_records - 1] : 0;

  if (batch->n_cells > first)
    {
      /* Values of the open record were appended last: drop them too. */
      batch->data_len = batch->cells[first].offset;
      batch->n_cells = first;
    }
}

guint
trib_sync_batch_open_n_cells (const TribSyncBatch *batch)
{
  guint first = batch->n_records ? batch->record_ends[batch->n_records - 1] : 0;

  return batch->n_cells - first;
}

static void
append_json_string (GString    *out,
                    const char *data,
                    gsize       length)
{
  const char *end = data + length;
  const char *p = data;

  g_string_append_c (out, '"');
  while (p < end)
    {
      gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Bytes that are not UTF-8 are shown as \xNN, never passed through raw. */
          g_string_append_printf (out, "\\x%02x", (guint8) *p);
          p++;
          continue;
        }
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_unichar (out, c);
        }
      p = c == 0 ? p + 1 : g_utf8_next_char (p);
    }
  g_string_append_c (out, '"');
}

char *
trib_sync_batch_dup_record_json (const TribSyncBatch *batch,
                                 guint                record)
{
  GString *out = g_string_new ("[");
  guint n = trib_sync_batch_record_n_cells (batch, record);

  for (guint i = 0; i < n; i++)
    {
      const TribSyncCell *cell = trib_sync_batch_get_cell (batch, record, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (cell->is_null)
        g_string_append (out, "null");
      else
        append_json_string (out, trib_sync_batch_cell_data (batch, cell), cell->length);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}
