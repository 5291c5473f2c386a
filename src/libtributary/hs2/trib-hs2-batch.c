/* trib-hs2-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-hs2-batch.h"

struct _TribHs2Batch
{
  gatomicrefcount  ref;
  guint            n_rows;
  guint            n_columns;
  TribHs2Column   *columns;
  gint64           start_row;
  gsize            memory;
};

G_DEFINE_BOXED_TYPE (TribHs2Batch, trib_hs2_batch, trib_hs2_batch_ref, trib_hs2_batch_unref)

static const guint8 wire_types[] = {
  TRIB_THRIFT_BOOL, TRIB_THRIFT_BYTE, TRIB_THRIFT_I16, TRIB_THRIFT_I32,
  TRIB_THRIFT_I64, TRIB_THRIFT_DOUBLE, TRIB_THRIFT_STRING, TRIB_THRIFT_STRING,
};

static const guint8 value_widths[] = { 1, 1, 2, 4, 8, 8, 0, 0, 0 };

static void
column_clear (TribHs2Column *c)
{
  g_clear_pointer (&c->nulls, g_free);
  g_clear_pointer (&c->values, g_free);
  g_clear_pointer (&c->offsets, g_free);
  g_clear_pointer (&c->bytes, g_free);
  c->nulls_len = 0;
  c->n_rows = 0;
}

static gsize
column_memory (const TribHs2Column *c)
{
  gsize m = c->nulls_len;

  if (c->kind == TRIB_HS2_COLUMN_STRING || c->kind == TRIB_HS2_COLUMN_BINARY)
    m += (gsize) (c->n_rows + 1) * sizeof (guint32) + (c->offsets ? c->offsets[c->n_rows] : 0);
  else if (c->kind < TRIB_HS2_COLUMN_NONE)
    m += (gsize) c->n_rows * value_widths[c->kind];
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
    column_clear (&self->columns[i]);
  g_free (self->columns);
  g_free (self);
}

static TribHs2Batch *
batch_new (guint n_columns)
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
  return batch_new (n_columns);
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

/* Columnar sets (V6+) */

static gboolean
read_values (TribThriftReader *r,
             TribHs2Column    *c)
{
  guint8 elem;
  guint32 n;

  if (!trib_thrift_read_list_begin (r, &elem, &n))
    return FALSE;
  if (elem != wire_types[c->kind])
    return trib_thrift_reader_fail (r, "column values of type %u where %u was expected",
                                    elem, wire_types[c->kind]);
  g_clear_pointer (&c->values, g_free);
  g_clear_pointer (&c->offsets, g_free);
  g_clear_pointer (&c->bytes, g_free);
  c->n_rows = n;

  if (c->kind == TRIB_HS2_COLUMN_STRING || c->kind == TRIB_HS2_COLUMN_BINARY)
    {
      gsize start = r->pos;
      guint64 total = 0;
      guint32 off = 0;

      /* First pass: validate every length and size the buffer exactly. */
      for (guint32 i = 0; i < n; i++)
        {
          const guint8 *data;
          guint32 len;

          if (!trib_thrift_read_binary (r, &data, &len))
            return FALSE;
          total += len;
        }
      if (total > G_MAXUINT32 - 1)
        return trib_thrift_reader_fail (r, "a column batch over 4 GiB");
      c->offsets = g_new (guint32, (gsize) n + 1);
      c->bytes = g_malloc (total > 0 ? total : 1);
      r->pos = start;
      for (guint32 i = 0; i < n; i++)
        {
          guint32 be, len;

          memcpy (&be, r->data + r->pos, 4);
          len = GUINT32_FROM_BE (be);
          c->offsets[i] = off;
          memcpy (c->bytes + off, r->data + r->pos + 4, len);
          off += len;
          r->pos += 4 + (gsize) len;
        }
      c->offsets[n] = off;
      return TRUE;
    }

  /* list_begin checked that n fixed-width values are there. */
  switch (c->kind)
    {
    case TRIB_HS2_COLUMN_BOOL:
    case TRIB_HS2_COLUMN_BYTE:
      c->values = g_malloc (MAX (n, 1));
      memcpy (c->values, r->data + r->pos, n);
      if (c->kind == TRIB_HS2_COLUMN_BOOL)
        for (guint32 i = 0; i < n; i++)
          ((guint8 *) c->values)[i] = ((guint8 *) c->values)[i] != 0;
      r->pos += n;
      break;
    case TRIB_HS2_COLUMN_I16:
      {
        gint16 *v = g_new (gint16, MAX (n, 1));
        const guint8 *p = r->data + r->pos;

        for (guint32 i = 0; i < n; i++, p += 2)
          v[i] = (gint16) ((p[0] << 8) | p[1]);
        c->values = v;
        r->pos += (gsize) n * 2;
      }
      break;
    case TRIB_HS2_COLUMN_I32:
      {
        gint32 *v = g_new (gint32, MAX (n, 1));
        const guint8 *p = r->data + r->pos;

        for (guint32 i = 0; i < n; i++, p += 4)
          {
            guint32 be;
            memcpy (&be, p, 4);
            v[i] = (gint32) GUINT32_FROM_BE (be);
          }
        c->values = v;
        r->pos += (gsize) n * 4;
      }
      break;
    case TRIB_HS2_COLUMN_I64:
    case TRIB_HS2_COLUMN_DOUBLE:
      {
        guint64 *v = g_new (guint64, MAX (n, 1));
        const guint8 *p = r->data + r->pos;

        /* A double travels as the big-endian bits of an i64. */
        for (guint32 i = 0; i < n; i++, p += 8)
          {
            guint64 be;
            memcpy (&be, p, 8);
            v[i] = GUINT64_FROM_BE (be);
          }
        c->values = v;
        r->pos += (gsize) n * 8;
      }
      break;
    case TRIB_HS2_COLUMN_STRING:
    case TRIB_HS2_COLUMN_BINARY:
    case TRIB_HS2_COLUMN_NONE:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

typedef struct
{
  TribHs2Column *column;
  gboolean       has_values;
} ColumnRead;

static gboolean
typed_column_field (TribThriftReader *r,
                    guint8            type,
                    gint16            id,
                    gpointer          user_data)
{
  ColumnRead *cr = user_data;

  if (id == 1 && type == TRIB_THRIFT_LIST)
    {
      cr->has_values = TRUE;
      return read_values (r, cr->column);
    }
  if (id == 2 && type == TRIB_THRIFT_STRING)
    {
      const guint8 *data;
      guint32 len;

      if (!trib_thrift_read_binary (r, &data, &len))
        return FALSE;
      g_free (cr->column->nulls);
      cr->column->nulls = g_memdup2 (data, len);
      cr->column->nulls_len = len;
      return TRUE;
    }
  return trib_thrift_skip (r, type);
}

static gboolean
column_union_field (TribThriftReader *r,
                    guint8            type,
                    gint16            id,
                    gpointer          user_data)
{
  ColumnRead *cr = user_data;

  if (id >= 1 && id <= 8 && type == TRIB_THRIFT_STRUCT)
    {
      if (cr->column->kind != TRIB_HS2_COLUMN_NONE)
        return trib_thrift_reader_fail (r, "a TColumn with two members");
      cr->column->kind = (TribHs2ColumnKind) (id - 1);
      return trib_thrift_read_struct (r, typed_column_field, cr);
    }
  return trib_thrift_skip (r, type);
}

static gboolean
read_columns (TribThriftReader  *r,
              GArray            *columns)
{
  guint8 elem;
  guint32 n;

  if (!trib_thrift_read_list_begin (r, &elem, &n))
    return FALSE;
  if (n > 0 && elem != TRIB_THRIFT_STRUCT)
    return trib_thrift_reader_fail (r, "TRowSet.columns is not a list of structs");
  for (guint32 i = 0; i < n; i++)
    {
      TribHs2Column c = { .kind = TRIB_HS2_COLUMN_NONE };
      ColumnRead cr = { &c, FALSE };

      if (!trib_thrift_read_struct (r, column_union_field, &cr))
        {
          column_clear (&c);
          return FALSE;
        }
      g_array_append_val (columns, c);
      if (c.kind == TRIB_HS2_COLUMN_NONE || !cr.has_values)
        return trib_thrift_reader_fail (r, "a TColumn without values");
    }
  return TRUE;
}

/* Row-based sets (before V6) */

typedef struct
{
  TribHs2ColumnKind  kind;
  guint              n_rows;
  guint              pending_nulls;   /* rows seen before the kind was known */
  GByteArray        *values;
  GByteArray        *bytes;
  GArray            *offsets;
  GByteArray        *nulls;
} ColumnBuilder;

static void
builder_clear (ColumnBuilder *b)
{
  g_clear_pointer (&b->values, g_byte_array_unref);
  g_clear_pointer (&b->bytes, g_byte_array_unref);
  g_clear_pointer (&b->offsets, g_array_unref);
  g_clear_pointer (&b->nulls, g_byte_array_unref);
}

static void
builder_set_null (ColumnBuilder *b,
                  guint          row)
{
  guint8 zero = 0;

  while (b->nulls->len <= row / 8)
    g_byte_array_append (b->nulls, &zero, 1);
  b->nulls->data[row / 8] |= (guint8) (1u << (row % 8));
}

static void
builder_push_placeholder (ColumnBuilder *b)
{
  static const guint8 zeros[8] = { 0 };

  if (b->kind == TRIB_HS2_COLUMN_STRING || b->kind == TRIB_HS2_COLUMN_BINARY)
    {
      guint32 off = b->bytes->len;
      g_array_append_val (b->offsets, off);
    }
  else
    g_byte_array_append (b->values, zeros, value_widths[b->kind]);
}

typedef struct
{
  ColumnBuilder *b;
  gboolean       has_value;
} ValueRead;

static gboolean
typed_value_field (TribThriftReader *r,
                   guint8            type,
                   gint16            id,
                   gpointer          user_data)
{
  ValueRead *vr = user_data;
  ColumnBuilder *b = vr->b;
  guint8 buf[8];

  if (id != 1 || type != wire_types[b->kind] || vr->has_value)
    return trib_thrift_skip (r, type);

  vr->has_value = TRUE;
  switch (b->kind)
    {
    case TRIB_HS2_COLUMN_BOOL:
    case TRIB_HS2_COLUMN_BYTE:
      {
        gint8 v;
        if (!trib_thrift_read_byte (r, &v))
          return FALSE;
        buf[0] = b->kind == TRIB_HS2_COLUMN_BOOL ? (v != 0) : (guint8) v;
        g_byte_array_append (b->values, buf, 1);
      }
      return TRUE;
    case TRIB_HS2_COLUMN_I16:
      {
        gint16 v;
        if (!trib_thrift_read_i16 (r, &v))
          return FALSE;
        g_byte_array_append (b->values, (guint8 *) &v, 2);
      }
      return TRUE;
    case TRIB_HS2_COLUMN_I32:
      {
        gint32 v;
        if (!trib_thrift_read_i32 (r, &v))
          return FALSE;
        g_byte_array_append (b->values, (guint8 *) &v, 4);
      }
      return TRUE;
    case TRIB_HS2_COLUMN_I64:
    case TRIB_HS2_COLUMN_DOUBLE:
      {
        gint64 v;
        if (!trib_thrift_read_i64 (r, &v))
          return FALSE;
        g_byte_array_append (b->values, (guint8 *) &v, 8);
      }
      return TRUE;
    case TRIB_HS2_COLUMN_STRING:
    case TRIB_HS2_COLUMN_BINARY:
      {
        const guint8 *data;
        guint32 len, off = b->bytes->len;

        if (!trib_thrift_read_binary (r, &data, &len))
          return FALSE;
        if ((guint64) b->bytes->len + len > G_MAXUINT32 - 1)
          return trib_thrift_reader_fail (r, "a column batch over 4 GiB");
        g_array_append_val (b->offsets, off);
        g_byte_array_append (b->bytes, data, len);
      }
      return TRUE;
    case TRIB_HS2_COLUMN_NONE:
    default:
      return trib_thrift_skip (r, type);
    }
}

static gboolean
column_value_field (TribThriftReader *r,
                    guint8            type,
                    gint16            id,
                    gpointer          user_data)
{
  ValueRead *vr = user_data;
  ColumnBuilder *b = vr->b;
  TribHs2ColumnKind kind;

  /* TColumnValue has no binary member: 1..7 */
  if (id < 1 || id > 7 || type != TRIB_THRIFT_STRUCT)
    return trib_thrift_skip (r, type);
  kind = (TribHs2ColumnKind) (id - 1);
  if (b->kind == TRIB_HS2_COLUMN_NONE)
    {
      b->kind = kind;
      for (guint i = 0; i < b->pending_nulls; i++)
        builder_push_placeholder (b);
    }
  else if (b->kind != kind)
    return trib_thrift_reader_fail (r, "a row-based column changes type");
  return trib_thrift_read_struct (r, typed_value_field, vr);
}

static gboolean
read_row (TribThriftReader *r,
          GArray           *builders,
          gboolean          first)
{
  guint8 type, elem;
  gint16 id;
  guint32 n;
  gboolean seen = FALSE;

  if (!trib_thrift_reader_enter (r))
    return FALSE;
  for (;;)
    {
      if (!trib_thrift_read_field_begin (r, &type, &id))
        return FALSE;
      if (type == TRIB_THRIFT_STOP)
        break;
      if (id != 1 || type != TRIB_THRIFT_LIST || seen)
        {
          if (!trib_thrift_skip (r, type))
            return FALSE;
          continue;
        }
      seen = TRUE;
      if (!trib_thrift_read_list_begin (r, &elem, &n))
        return FALSE;
      if (n > 0 && elem != TRIB_THRIFT_STRUCT)
        return trib_thrift_reader_fail (r, "TRow.colVals is not a list of structs");
      if (first)
        for (guint32 i = 0; i < n; i++)
          {
            ColumnBuilder b = { TRIB_HS2_COLUMN_NONE, 0, 0, g_byte_array_new (), g_byte_array_new (),
                                g_array_new (FALSE, FALSE, sizeof (guint32)), g_byte_array_new () };
            g_array_append_val (builders, b);
          }
      if (n != builders->len)
        return trib_thrift_reader_fail (r, "rows of different widths");
      for (guint32 i = 0; i < n; i++)
        {
          ColumnBuilder *b = &g_array_index (builders, ColumnBuilder, i);
          ValueRead vr = { b, FALSE };
          guint row = b->n_rows;

          if (!trib_thrift_read_struct (r, column_value_field, &vr))
            return FALSE;
          if (!vr.has_value)
            {
              if (b->kind == TRIB_HS2_COLUMN_NONE)
                b->pending_nulls++;
              else
                builder_push_placeholder (b);
              builder_set_null (b, row);
            }
          b->n_rows++;
        }
    }
  trib_thrift_reader_leave (r);
  if (!seen)
    return trib_thrift_reader_fail (r, "a TRow without colVals");
  return TRUE;
}

static gboolean
read_rows (TribThriftReader *r,
           GArray           *builders,
           guint            *n_rows)
{
  guint8 elem;
  guint32 n;

  if (!trib_thrift_read_list_begin (r, &elem, &n))
    return FALSE;
  if (n > 0 && elem != TRIB_THRIFT_STRUCT)
    return trib_thrift_reader_fail (r, "TRowSet.rows is not a list of structs");
  for (guint32 i = 0; i < n; i++)
    if (!read_row (r, builders, i == 0))
      return FALSE;
  *n_rows = n;
  return TRUE;
}

static void
builder_finish (ColumnBuilder *b,
                TribHs2Column *c)
{
  c->kind = b->kind;
  c->n_rows = b->n_rows;
  c->nulls_len = b->nulls->len;
  c->nulls = g_byte_array_free (g_steal_pointer (&b->nulls), FALSE);
  if (b->kind == TRIB_HS2_COLUMN_STRING || b->kind == TRIB_HS2_COLUMN_BINARY)
    {
      guint32 end = b->bytes->len;

      g_array_append_val (b->offsets, end);
      c->offsets = (guint32 *) (gpointer) g_array_free (g_steal_pointer (&b->offsets), FALSE);
      c->bytes = g_byte_array_free (g_steal_pointer (&b->bytes), FALSE);
      /* An empty array has no storage: keep a valid pointer for zero-length values. */
      if (c->bytes == NULL)
        c->bytes = g_malloc0 (1);
    }
  else if (b->kind != TRIB_HS2_COLUMN_NONE)
    c->values = g_byte_array_free (g_steal_pointer (&b->values), FALSE);
  builder_clear (b);
}

typedef struct
{
  gint64    start_row;
  GArray   *columns;     /* TribHs2Column */
  GArray   *builders;    /* ColumnBuilder */
  guint     n_row_rows;
  gboolean  has_binary_columns;
} RowSetRead;

static gboolean
row_set_field (TribThriftReader *r,
               guint8            type,
               gint16            id,
               gpointer          user_data)
{
  RowSetRead *rs = user_data;

  if (id == 1 && type == TRIB_THRIFT_I64)
    return trib_thrift_read_i64 (r, &rs->start_row);
  if (id == 2 && type == TRIB_THRIFT_LIST && rs->builders->len == 0)
    return read_rows (r, rs->builders, &rs->n_row_rows);
  if (id == 3 && type == TRIB_THRIFT_LIST && rs->columns->len == 0)
    {
      gboolean ok = read_columns (r, rs->columns);
      return ok;
    }
  if (id == 4 && type == TRIB_THRIFT_STRING)
    {
      const guint8 *data;
      guint32 len;

      if (!trib_thrift_read_binary (r, &data, &len))
        return FALSE;
      rs->has_binary_columns = len > 0;
      return TRUE;
    }
  return trib_thrift_skip (r, type);
}

TribHs2Batch *
trib_hs2_batch_read_row_set (TribThriftReader *r)
{
  RowSetRead rs = { 0, g_array_new (FALSE, TRUE, sizeof (TribHs2Column)),
                    g_array_new (FALSE, TRUE, sizeof (ColumnBuilder)), 0, FALSE };
  TribHs2Batch *batch = NULL;
  gboolean ok;

  ok = trib_thrift_read_struct (r, row_set_field, &rs);
  if (ok && rs.columns->len == 0 && rs.has_binary_columns)
    ok = trib_thrift_reader_fail (r, "serialized result sets (binaryColumns) are not supported");

  if (ok && rs.columns->len > 0)
    {
      guint n = g_array_index (rs.columns, TribHs2Column, 0).n_rows;

      for (guint i = 1; ok && i < rs.columns->len; i++)
        if (g_array_index (rs.columns, TribHs2Column, i).n_rows != n)
          ok = trib_thrift_reader_fail (r, "columns of different lengths in one batch");
      if (ok)
        {
          batch = batch_new (rs.columns->len);
          batch->n_rows = n;
          memcpy (batch->columns, rs.columns->data, sizeof (TribHs2Column) * rs.columns->len);
          g_array_set_size (rs.columns, 0);
        }
    }
  else if (ok)
    {
      batch = batch_new (rs.builders->len);
      batch->n_rows = rs.n_row_rows;
      for (guint i = 0; i < rs.builders->len; i++)
        builder_finish (&g_array_index (rs.builders, ColumnBuilder, i), &batch->columns[i]);
      g_array_set_size (rs.builders, 0);
    }

  for (guint i = 0; i < rs.columns->len; i++)
    column_clear (&g_array_index (rs.columns, TribHs2Column, i));
  for (guint i = 0; i < rs.builders->len; i++)
    builder_clear (&g_array_index (rs.builders, ColumnBuilder, i));
  g_array_unref (rs.columns);
  g_array_unref (rs.builders);

  if (batch != NULL)
    {
      batch->start_row = rs.start_row;
      for (guint i = 0; i < batch->n_columns; i++)
        batch->memory += column_memory (&batch->columns[i]);
    }
  return batch;
}
