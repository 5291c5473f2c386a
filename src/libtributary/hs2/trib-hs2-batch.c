/* trib-hs2-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-hs2-batch-private.h"

G_DEFINE_BOXED_TYPE (TribHs2Batch, trib_hs2_batch, trib_hs2_batch_ref, trib_hs2_batch_unref)

const guint8 _trib_hs2_wire_types[] = {
  TRIB_THRIFT_BOOL, TRIB_THRIFT_BYTE, TRIB_THRIFT_I16, TRIB_THRIFT_I32,
  TRIB_THRIFT_I64, TRIB_THRIFT_DOUBLE, TRIB_THRIFT_STRING, TRIB_THRIFT_STRING,
};

const guint8 _trib_hs2_value_widths[] = { 1, 1, 2, 4, 8, 8, 0, 0, 0 };

void
_trib_hs2_column_clear (TribHs2Column *c)
{
  g_clear_pointer (&c->nulls, g_free);
  g_clear_pointer (&c->values, g_free);
  g_clear_pointer (&c->offsets, g_free);
  g_clear_pointer (&c->bytes, g_free);
  c->nulls_len = 0;
  c->n_rows = 0;
}

gsize
_trib_hs2_column_memory (const TribHs2Column *c)
{
  gsize m = c->nulls_len;

  if (c->kind == TRIB_HS2_COLUMN_STRING || c->kind == TRIB_HS2_COLUMN_BINARY)
    m += (gsize) (c->n_rows + 1) * sizeof (guint32) + (c->offsets ? c->offsets[c->n_rows] : 0);
  else if (c->kind < TRIB_HS2_COLUMN_NONE)
    m += (gsize) c->n_rows * _trib_hs2_value_widths[c->kind];
  return m;
}

TribHs2Batch *
trib_hs2_batch_ref (TribHs2Batch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
trib_hs2_batch_unref (TribHs2Batch *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  for (guint i = 0; i < self->n_columns; i++)
    _trib_hs2_column_clear (&self->columns[i]);
  g_free (self->columns);
  g_free (self);
}

TribHs2Batch *
_trib_hs2_batch_new (guint n_columns)
{
  TribHs2Batch *self = g_new0 (TribHs2Batch, 1);

  g_atomic_ref_count_init (&self->ref);
  self->n_columns = n_columns;
  self->columns = g_new0 (TribHs2Column, MAX (n_columns, 1));
  for (guint i = 0; i < n_columns; i++)
    self->columns[i].kind = TRIB_HS2_COLUMN_NONE;
  return self;
}

TribHs2Batch *
trib_hs2_batch_new_empty (guint n_columns)
{
  return _trib_hs2_batch_new (n_columns);
}

guint
trib_hs2_batch_get_n_rows (TribHs2Batch *self)
{
  return self->n_rows;
}

guint
trib_hs2_batch_get_n_columns (TribHs2Batch *self)
{
  return self->n_columns;
}

gint64
trib_hs2_batch_get_start_row (TribHs2Batch *self)
{
  return self->start_row;
}

gsize
trib_hs2_batch_get_memory_size (TribHs2Batch *self)
{
  return self->memory;
}

const TribHs2Column *
trib_hs2_batch_get_column (TribHs2Batch *self,
                           guint         column)
{
  g_return_val_if_fail (column < self->n_columns, NULL);
  return &self->columns[column];
}

static inline gboolean
column_is_null (const TribHs2Column *c,
                guint                row)
{
  /* hs2-protocol.md §1.4: bit (row % 8) of byte (row / 8); missing bytes mean "not null". */
  if (c->kind == TRIB_HS2_COLUMN_NONE)
    return TRUE;
  if (row / 8 >= c->nulls_len)
    return FALSE;
  return (c->nulls[row / 8] & (1u << (row % 8))) != 0;
}

gboolean
trib_hs2_batch_is_null (TribHs2Batch *self,
                        guint         column,
                        guint         row)
{
  g_return_val_if_fail (column < self->n_columns && row < self->n_rows, TRUE);
  return column_is_null (&self->columns[column], row);
}

static void
append_double (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v != v)
    {
      g_string_append (out, "NaN");
      return;
    }
  if (v == 1.0 / 0.0 || v == -1.0 / 0.0)
    {
      g_string_append (out, v > 0 ? "Infinity" : "-Infinity");
      return;
    }
  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  g_string_append (out, buf);
}

gboolean
trib_hs2_batch_append_text (TribHs2Batch *self,
                            guint         column,
                            guint         row,
                            GString      *out)
{
  const TribHs2Column *c;

  g_return_val_if_fail (column < self->n_columns && row < self->n_rows, FALSE);
  c = &self->columns[column];
  if (column_is_null (c, row))
    return FALSE;

  switch (c->kind)
    {
    case TRIB_HS2_COLUMN_BOOL:
      g_string_append (out, ((guint8 *) c->values)[row] ? "true" : "false");
      break;
    case TRIB_HS2_COLUMN_BYTE:
      g_string_append_printf (out, "%d", ((gint8 *) c->values)[row]);
      break;
    case TRIB_HS2_COLUMN_I16:
      g_string_append_printf (out, "%d", ((gint16 *) c->values)[row]);
      break;
    case TRIB_HS2_COLUMN_I32:
      g_string_append_printf (out, "%d", ((gint32 *) c->values)[row]);
      break;
    case TRIB_HS2_COLUMN_I64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, ((gint64 *) c->values)[row]);
      break;
    case TRIB_HS2_COLUMN_DOUBLE:
      append_double (out, ((double *) c->values)[row]);
      break;
    case TRIB_HS2_COLUMN_STRING:
      {
        const char *s = (const char *) c->bytes + c->offsets[row];
        gsize len = c->offsets[row + 1] - c->offsets[row];

        if (G_LIKELY (g_utf8_validate_len (s, len, NULL)))
          g_string_append_len (out, s, (gssize) len);
        else
          {
            g_autofree char *valid = g_utf8_make_valid (s, (gssize) len);
            g_string_append (out, valid);
          }
      }
      break;
    case TRIB_HS2_COLUMN_BINARY:
      for (guint32 i = c->offsets[row]; i < c->offsets[row + 1]; i++)
        g_string_append_printf (out, "%02x", c->bytes[i]);
      break;
    case TRIB_HS2_COLUMN_NONE:
    default:
      return FALSE;
    }
  return TRUE;
}

char *
trib_hs2_batch_dup_text (TribHs2Batch *self,
                         guint         column,
                         guint         row)
{
  GString *s = g_string_new (NULL);

  if (!trib_hs2_batch_append_text (self, column, row, s))
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

gboolean
trib_hs2_batch_get_int64 (TribHs2Batch *self,
                          guint         column,
                          guint         row,
                          gint64       *out)
{
  const TribHs2Column *c;

  g_return_val_if_fail (column < self->n_columns && row < self->n_rows, FALSE);
  c = &self->columns[column];
  if (column_is_null (c, row))
    return FALSE;
  switch (c->kind)
    {
    case TRIB_HS2_COLUMN_BOOL: *out = ((guint8 *) c->values)[row]; return TRUE;
    case TRIB_HS2_COLUMN_BYTE: *out = ((gint8 *) c->values)[row]; return TRUE;
    case TRIB_HS2_COLUMN_I16:  *out = ((gint16 *) c->values)[row]; return TRUE;
    case TRIB_HS2_COLUMN_I32:  *out = ((gint32 *) c->values)[row]; return TRUE;
    case TRIB_HS2_COLUMN_I64:  *out = ((gint64 *) c->values)[row]; return TRUE;
    case TRIB_HS2_COLUMN_DOUBLE:
    case TRIB_HS2_COLUMN_STRING:
    case TRIB_HS2_COLUMN_BINARY:
    case TRIB_HS2_COLUMN_NONE:
    default:
      return FALSE;
    }
}

gboolean
trib_hs2_batch_get_double (TribHs2Batch *self,
                           guint         column,
                           guint         row,
                           double       *out)
{
  gint64 i;

  g_return_val_if_fail (column < self->n_columns && row < self->n_rows, FALSE);
  if (self->columns[column].kind == TRIB_HS2_COLUMN_DOUBLE)
    {
      if (column_is_null (&self->columns[column], row))
        return FALSE;
      *out = ((double *) self->columns[column].values)[row];
      return TRUE;
    }
  if (!trib_hs2_batch_get_int64 (self, column, row, &i))
    return FALSE;
  *out = (double) i;
  return TRUE;
}

const guint8 *
trib_hs2_batch_peek_bytes (TribHs2Batch *self,
                           guint         column,
                           guint         row,
                           gsize        *len)
{
  const TribHs2Column *c;

  g_return_val_if_fail (column < self->n_columns && row < self->n_rows, NULL);
  c = &self->columns[column];
  if (column_is_null (c, row) ||
      (c->kind != TRIB_HS2_COLUMN_STRING && c->kind != TRIB_HS2_COLUMN_BINARY))
    return NULL;
  *len = c->offsets[row + 1] - c->offsets[row];
  return c->bytes + c->offsets[row];
}
