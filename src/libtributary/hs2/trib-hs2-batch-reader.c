/* trib-hs2-batch-reader.c: decoding a TRowSet (columnar or row-based) into a batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-hs2-batch-private.h"

/* Columnar sets (V6+) */

static gboolean
read_values (TribThriftReader *r,
             TribHs2Column    *c)
{
  guint8 elem;
  guint32 n;

  if (!trib_thrift_read_list_begin (r, &elem, &n))
    return FALSE;
  if (elem != _trib_hs2_wire_types[c->kind])
    return trib_thrift_reader_fail (r, "column values of type %u where %u was expected",
                                    elem, _trib_hs2_wire_types[c->kind]);
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
          _trib_hs2_column_clear (&c);
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
    g_byte_array_append (b->values, zeros, _trib_hs2_value_widths[b->kind]);
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

  if (id != 1 || type != _trib_hs2_wire_types[b->kind] || vr->has_value)
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
          batch = _trib_hs2_batch_new (rs.columns->len);
          batch->n_rows = n;
          memcpy (batch->columns, rs.columns->data, sizeof (TribHs2Column) * rs.columns->len);
          g_array_set_size (rs.columns, 0);
        }
    }
  else if (ok)
    {
      batch = _trib_hs2_batch_new (rs.builders->len);
      batch->n_rows = rs.n_row_rows;
      for (guint i = 0; i < rs.builders->len; i++)
        builder_finish (&g_array_index (rs.builders, ColumnBuilder, i), &batch->columns[i]);
      g_array_set_size (rs.builders, 0);
    }

  for (guint i = 0; i < rs.columns->len; i++)
    _trib_hs2_column_clear (&g_array_index (rs.columns, TribHs2Column, i));
  for (guint i = 0; i < rs.builders->len; i++)
    builder_clear (&g_array_index (rs.builders, ColumnBuilder, i));
  g_array_unref (rs.columns);
  g_array_unref (rs.builders);

  if (batch != NULL)
    {
      batch->start_row = rs.start_row;
      for (guint i = 0; i < batch->n_columns; i++)
        batch->memory += _trib_hs2_column_memory (&batch->columns[i]);
    }
  return batch;
}
