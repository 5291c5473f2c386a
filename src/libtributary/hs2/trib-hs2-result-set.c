/* trib-hs2-result-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-error.h"
#include "trib-hs2-result-set.h"

struct _TribHs2ResultSet
{
  GObject     parent_instance;
  GPtrArray  *schema;
  GPtrArray  *batches;   /* TribHs2Batch */
  GArray     *starts;    /* guint: first row of each batch */
  guint       n_rows;
  gsize       memory;
  guint       last;      /* the batch found last: rows are mostly read in order */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TribHs2ResultSet, trib_hs2_result_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

struct _TribHs2Row
{
  GObject           parent_instance;
  TribHs2ResultSet *result_set;
  guint             index;
};

G_DEFINE_FINAL_TYPE (TribHs2Row, trib_hs2_row, G_TYPE_OBJECT)

/* Rows */

static void
trib_hs2_row_finalize (GObject *object)
{
  g_clear_object (&((TribHs2Row *) object)->result_set);
  G_OBJECT_CLASS (trib_hs2_row_parent_class)->finalize (object);
}

static void
trib_hs2_row_class_init (TribHs2RowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_hs2_row_finalize;
}

static void
trib_hs2_row_init (TribHs2Row *self)
{
}

TribHs2ResultSet *
trib_hs2_row_get_result_set (TribHs2Row *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_ROW (self), NULL);
  return self->result_set;
}

guint
trib_hs2_row_get_index (TribHs2Row *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_ROW (self), 0);
  return self->index;
}

gboolean
trib_hs2_row_is_null (TribHs2Row *self,
                      guint       column)
{
  g_return_val_if_fail (TRIB_IS_HS2_ROW (self), TRUE);
  return trib_hs2_result_set_is_null (self->result_set, self->index, column);
}

char *
trib_hs2_row_dup_text (TribHs2Row *self,
                       guint       column)
{
  g_return_val_if_fail (TRIB_IS_HS2_ROW (self), NULL);
  return trib_hs2_result_set_dup_text (self->result_set, self->index, column);
}

/* The model */

static GType
get_item_type (GListModel *model)
{
  return TRIB_TYPE_HS2_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return TRIB_HS2_RESULT_SET (model)->n_rows;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TribHs2ResultSet *self = TRIB_HS2_RESULT_SET (model);
  TribHs2Row *row;

  if (position >= self->n_rows)
    return NULL;
  row = g_object_new (TRIB_TYPE_HS2_ROW, NULL);
  row->result_set = g_object_ref (self);
  row->index = position;
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
trib_hs2_result_set_finalize (GObject *object)
{
  TribHs2ResultSet *self = (TribHs2ResultSet *) object;

  g_clear_pointer (&self->schema, g_ptr_array_unref);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_pointer (&self->starts, g_array_unref);

  G_OBJECT_CLASS (trib_hs2_result_set_parent_class)->finalize (object);
}

static void
trib_hs2_result_set_class_init (TribHs2ResultSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_hs2_result_set_finalize;
}

static void
trib_hs2_result_set_init (TribHs2ResultSet *self)
{
  self->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_batch_unref);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

TribHs2ResultSet *
trib_hs2_result_set_new (GPtrArray *schema)
{
  TribHs2ResultSet *self = g_object_new (TRIB_TYPE_HS2_RESULT_SET, NULL);

  self->schema = schema ? g_ptr_array_ref (schema)
                        : g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_column_desc_free);
  return self;
}

gboolean
trib_hs2_result_set_append_batch (TribHs2ResultSet  *self,
                                  TribHs2Batch      *batch,
                                  GError           **error)
{
  guint n;

  g_return_val_if_fail (TRIB_IS_HS2_RESULT_SET (self), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  n = trib_hs2_batch_get_n_rows (batch);
  if (n == 0)
    return TRUE;
  if (trib_hs2_batch_get_n_columns (batch) != self->schema->len)
    {
      g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                   _("A batch of %u columns for a result of %u"),
                   trib_hs2_batch_get_n_columns (batch), self->schema->len);
      return FALSE;
    }
  if ((guint64) self->n_rows + n > G_MAXUINT)
    {
      g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_FAILED, _("Too many rows to keep"));
      return FALSE;
    }
  g_array_append_val (self->starts, self->n_rows);
  g_ptr_array_add (self->batches, trib_hs2_batch_ref (batch));
  self->n_rows += n;
  self->memory += trib_hs2_batch_get_memory_size (batch);
  g_list_model_items_changed (G_LIST_MODEL (self), self->n_rows - n, 0, n);
  return TRUE;
}

GPtrArray *
trib_hs2_result_set_get_schema (TribHs2ResultSet *self)
{
  return self->schema;
}

guint
trib_hs2_result_set_get_n_rows (TribHs2ResultSet *self)
{
  return self->n_rows;
}

guint
trib_hs2_result_set_get_n_columns (TribHs2ResultSet *self)
{
  return self->schema->len;
}

guint
trib_hs2_result_set_get_n_batches (TribHs2ResultSet *self)
{
  return self->batches->len;
}

gsize
trib_hs2_result_set_get_memory_size (TribHs2ResultSet *self)
{
  return self->memory;
}

const char *
trib_hs2_result_set_get_column_name (TribHs2ResultSet *self,
                                     guint             column)
{
  g_return_val_if_fail (column < self->schema->len, NULL);
  return ((TribHs2ColumnDesc *) g_ptr_array_index (self->schema, column))->name;
}

gint32
trib_hs2_result_set_get_column_type (TribHs2ResultSet *self,
                                     guint             column)
{
  g_return_val_if_fail (column < self->schema->len, -1);
  return ((TribHs2ColumnDesc *) g_ptr_array_index (self->schema, column))->type_id;
}

const char *
trib_hs2_result_set_get_column_type_name (TribHs2ResultSet *self,
                                          guint             column)
{
  g_return_val_if_fail (column < self->schema->len, NULL);
  return ((TribHs2ColumnDesc *) g_ptr_array_index (self->schema, column))->type_name;
}

int
trib_hs2_result_set_find_column (TribHs2ResultSet *self,
                                 const char       *name)
{
  for (guint i = 0; i < self->schema->len; i++)
    if (g_ascii_strcasecmp (((TribHs2ColumnDesc *) g_ptr_array_index (self->schema, i))->name, name) == 0)
      return (int) i;
  return -1;
}

static TribHs2Batch *
locate (TribHs2ResultSet *self,
        guint             row,
        guint            *local)
{
  guint lo = 0, hi = self->batches->len;
  guint *starts = (guint *) (gpointer) self->starts->data;

  if (row >= self->n_rows)
    return NULL;
  if (self->last < self->batches->len && row >= starts[self->last] &&
      (self->last + 1 == self->batches->len || row < starts[self->last + 1]))
    lo = self->last;
  else
    {
      while (hi - lo > 1)
        {
          guint mid = lo + (hi - lo) / 2;

          if (starts[mid] <= row)
            lo = mid;
          else
            hi = mid;
        }
      self->last = lo;
    }
  *local = row - starts[lo];
  return g_ptr_array_index (self->batches, lo);
}

gboolean
trib_hs2_result_set_is_null (TribHs2ResultSet *self,
                             guint             row,
                             guint             column)
{
  guint local;
  TribHs2Batch *batch = locate (self, row, &local);

  g_return_val_if_fail (batch != NULL && column < self->schema->len, TRUE);
  return trib_hs2_batch_is_null (batch, column, local);
}

char *
trib_hs2_result_set_dup_text (TribHs2ResultSet *self,
                              guint             row,
                              guint             column)
{
  guint local;
  TribHs2Batch *batch = locate (self, row, &local);

  g_return_val_if_fail (batch != NULL && column < self->schema->len, NULL);
  return trib_hs2_batch_dup_text (batch, column, local);
}

gboolean
trib_hs2_result_set_get_int64 (TribHs2ResultSet *self,
                               guint             row,
                               guint             column,
                               gint64           *out)
{
  guint local;
  TribHs2Batch *batch = locate (self, row, &local);

  g_return_val_if_fail (batch != NULL && column < self->schema->len, FALSE);
  return trib_hs2_batch_get_int64 (batch, column, local, out);
}

gboolean
trib_hs2_result_set_get_double (TribHs2ResultSet *self,
                                guint             row,
                                guint             column,
                                double           *out)
{
  guint local;
  TribHs2Batch *batch = locate (self, row, &local);

  g_return_val_if_fail (batch != NULL && column < self->schema->len, FALSE);
  return trib_hs2_batch_get_double (batch, column, local, out);
}

/* CSV (RFC 4180) */

void
trib_hs2_csv_append_field (GString    *out,
                           const char *value,
                           gssize      len)
{
  gsize n = len < 0 ? strlen (value) : (gsize) len;
  gboolean quote = n == 0;

  for (gsize i = 0; i < n && !quote; i++)
    if (value[i] == ',' || value[i] == '"' || value[i] == '\r' || value[i] == '\n')
      quote = TRUE;
  if (!quote)
    {
      g_string_append_len (out, value, (gssize) n);
      return;
    }
  g_string_append_c (out, '"');
  for (gsize i = 0; i < n; i++)
    {
      if (value[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, value[i]);
    }
  g_string_append_c (out, '"');
}

void
trib_hs2_csv_append_header (GPtrArray *schema,
                            GString   *out)
{
  for (guint i = 0; i < schema->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      trib_hs2_csv_append_field (out, ((TribHs2ColumnDesc *) g_ptr_array_index (schema, i))->name, -1);
    }
  g_string_append (out, "\r\n");
}

void
trib_hs2_csv_append_batch (TribHs2Batch *batch,
                           GString      *out)
{
  guint n_rows = trib_hs2_batch_get_n_rows (batch);
  guint n_cols = trib_hs2_batch_get_n_columns (batch);
  GString *value = g_string_new (NULL);

  for (guint row = 0; row < n_rows; row++)
    {
      for (guint col = 0; col < n_cols; col++)
        {
          if (col > 0)
            g_string_append_c (out, ',');
          g_string_truncate (value, 0);
          if (trib_hs2_batch_append_text (batch, col, row, value))
            trib_hs2_csv_append_field (out, value->str, (gssize) value->len);
        }
      g_string_append (out, "\r\n");
    }
  g_string_free (value, TRUE);
}

gboolean
trib_hs2_result_set_write_csv (TribHs2ResultSet  *self,
                               GOutputStream     *out,
                               gboolean           header,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (TRIB_IS_HS2_RESULT_SET (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (header)
    trib_hs2_csv_append_header (self->schema, text);
  for (guint i = 0; i < self->batches->len; i++)
    {
      trib_hs2_csv_append_batch (g_ptr_array_index (self->batches, i), text);
      if (text->len > 1024 * 1024 || i + 1 == self->batches->len)
        {
          if (!g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (text, 0);
        }
    }
  if (text->len > 0 && !g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error))
    return FALSE;
  return TRUE;
}
