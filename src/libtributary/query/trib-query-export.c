/* trib-query-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-hs2-protocol.h"
#include "trib-query-export.h"

const char *
trib_query_export_format_to_string (TribQueryExportFormat format)
{
  switch (format)
    {
    case TRIB_QUERY_EXPORT_TSV:
      return "tsv";
    case TRIB_QUERY_EXPORT_JSON:
      return "json";
    case TRIB_QUERY_EXPORT_CSV:
    default:
      return "csv";
    }
}

int
trib_query_export_format_from_string (const char *name)
{
  if (g_strcmp0 (name, "csv") == 0)
    return TRIB_QUERY_EXPORT_CSV;
  if (g_strcmp0 (name, "tsv") == 0)
    return TRIB_QUERY_EXPORT_TSV;
  if (g_strcmp0 (name, "json") == 0)
    return TRIB_QUERY_EXPORT_JSON;
  return -1;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar ch = (guchar) *p;

      if (ch == '"' || ch == '\\')
        g_string_append_printf (out, "\\%c", ch);
      else if (ch == '\n')
        g_string_append (out, "\\n");
      else if (ch == '\r')
        g_string_append (out, "\\r");
      else if (ch == '\t')
        g_string_append (out, "\\t");
      else if (ch < 0x20)
        g_string_append_printf (out, "\\u%04x", ch);
      else
        g_string_append_c (out, (char) ch);
    }
  g_string_append_c (out, '"');
}

static void
append_json_value (GString      *out,
                   TribHs2Batch *batch,
                   guint         col,
                   guint         row,
                   GString      *scratch)
{
  const TribHs2Column *c = trib_hs2_batch_get_column (batch, col);

  g_string_truncate (scratch, 0);
  if (!trib_hs2_batch_append_text (batch, col, row, scratch))
    {
      g_string_append (out, "null");
      return;
    }
  switch (c->kind)
    {
    case TRIB_HS2_COLUMN_BOOL:
    case TRIB_HS2_COLUMN_BYTE:
    case TRIB_HS2_COLUMN_I16:
    case TRIB_HS2_COLUMN_I32:
    case TRIB_HS2_COLUMN_I64:
      g_string_append (out, scratch->str);
      return;
    case TRIB_HS2_COLUMN_DOUBLE:
      /* JSON has no NaN or infinities: those are strings. */
      if (g_ascii_isdigit (scratch->str[0]) || (scratch->str[0] == '-' && g_ascii_isdigit (scratch->str[1])))
        {
          g_string_append (out, scratch->str);
          return;
        }
      break;
    case TRIB_HS2_COLUMN_STRING:
    case TRIB_HS2_COLUMN_BINARY:
    case TRIB_HS2_COLUMN_NONE:
    default:
      break;
    }
  append_json_string (out, scratch->str);
}

void
trib_query_export_append_json_row (GString      *out,
                                   GPtrArray    *schema,
                                   TribHs2Batch *batch,
                                   guint         row,
                                   gboolean      first,
                                   GString      *scratch)
{
  g_string_append (out, first ? "\n{" : ",\n{");
  for (guint c = 0; c < schema->len; c++)
    {
      const char *name = ((TribHs2ColumnDesc *) g_ptr_array_index (schema, c))->name;

      g_string_append_printf (out, "%s\"", c ? ", " : "");
      for (const char *p = name; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append (out, "\": ");
      append_json_value (out, batch, c, row, scratch);
    }
  g_string_append_c (out, '}');
}

void
trib_query_export_append_json_end (GString  *out,
                                   gboolean  had_rows)
{
  g_string_append (out, had_rows ? "\n]\n" : "]\n");
}

void
trib_query_export_append_tsv_field (GString    *out,
                                    const char *value)
{
  if (value == NULL)
    return;
  for (const char *p = value; *p; p++)
    {
      switch (*p)
        {
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static void
append_tsv_header (GString   *out,
                   GPtrArray *schema)
{
  for (guint c = 0; c < schema->len; c++)
    {
      if (c)
        g_string_append_c (out, '\t');
      trib_query_export_append_tsv_field (out, ((TribHs2ColumnDesc *) g_ptr_array_index (schema, c))->name);
    }
  g_string_append_c (out, '\n');
}

static void
append_tsv_batch (GString      *out,
                  TribHs2Batch *batch,
                  GString      *scratch)
{
  guint n_cols = trib_hs2_batch_get_n_columns (batch);

  for (guint r = 0; r < trib_hs2_batch_get_n_rows (batch); r++)
    {
      for (guint c = 0; c < n_cols; c++)
        {
          if (c)
            g_string_append_c (out, '\t');
          g_string_truncate (scratch, 0);
          if (trib_hs2_batch_append_text (batch, c, r, scratch))
            trib_query_export_append_tsv_field (out, scratch->str);
        }
      g_string_append_c (out, '\n');
    }
}

static gboolean
flush (GString       *text,
       GOutputStream *out,
       gboolean       force,
       GCancellable  *cancellable,
       GError       **error)
{
  if (text->len == 0 || (!force && text->len < 1024 * 1024))
    return TRUE;
  if (!g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (text, 0);
  return TRUE;
}

gboolean
trib_query_export_write (TribQueryExportFormat  format,
                         GPtrArray             *schema,
                         GPtrArray             *batches,
                         GOutputStream         *out,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  gboolean first = TRUE;

  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (format == TRIB_QUERY_EXPORT_CSV)
    trib_hs2_csv_append_header (schema, text);
  else if (format == TRIB_QUERY_EXPORT_TSV)
    append_tsv_header (text, schema);
  else
    g_string_append_c (text, '[');

  for (guint i = 0; batches && i < batches->len; i++)
    {
      TribHs2Batch *batch = g_ptr_array_index (batches, i);

      if (format == TRIB_QUERY_EXPORT_CSV)
        trib_hs2_csv_append_batch (batch, text);
      else if (format == TRIB_QUERY_EXPORT_TSV)
        append_tsv_batch (text, batch, scratch);
      else
        for (guint r = 0; r < trib_hs2_batch_get_n_rows (batch); r++)
          {
            trib_query_export_append_json_row (text, schema, batch, r, first, scratch);
            first = FALSE;
          }
      if (!flush (text, out, FALSE, cancellable, error))
        return FALSE;
    }
  if (format == TRIB_QUERY_EXPORT_JSON)
    trib_query_export_append_json_end (text, !first);
  return flush (text, out, TRUE, cancellable, error);
}

typedef struct
{
  TribQueryExportFormat  format;
  GPtrArray             *schema;
  GPtrArray             *batches;
  GFile                 *file;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  g_ptr_array_unref (d->schema);
  g_clear_pointer (&d->batches, g_ptr_array_unref);
  g_object_unref (d->file);
  g_free (d);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *d = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *error = NULL;

  /* Replace: a failure or a cancel leaves the old file (or none), never half of one. */
  stream = g_file_replace (d->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!trib_query_export_write (d->format, d->schema, d->batches, G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      g_task_return_error (task, error);
      return;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
trib_query_export_to_file_async (TribQueryExportFormat  format,
                                 GPtrArray             *schema,
                                 GPtrArray             *batches,
                                 GFile                 *file,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *d = g_new0 (ExportData, 1);

  d->format = format;
  d->schema = g_ptr_array_ref (schema);
  d->batches = batches ? g_ptr_array_ref (batches) : NULL;
  d->file = g_object_ref (file);
  g_task_set_source_tag (task, trib_query_export_to_file_async);
  g_task_set_task_data (task, d, export_data_free);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
trib_query_export_to_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
trib_query_export_rows_as_tsv (TribHs2ResultSet *result,
                               const guint      *rows,
                               guint             n_rows,
                               const guint      *columns,
                               guint             n_columns)
{
  GString *out = g_string_new (NULL);
  guint all_cols = trib_hs2_result_set_get_n_columns (result);
  guint total = rows ? n_rows : trib_hs2_result_set_get_n_rows (result);
  guint n_c = columns ? n_columns : all_cols;

  for (guint c = 0; c < n_c; c++)
    {
      if (c)
        g_string_append_c (out, '\t');
      trib_query_export_append_tsv_field (out, trib_hs2_result_set_get_column_name (result, columns ? columns[c] : c));
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < total; i++)
    {
      guint r = rows ? rows[i] : i;

      for (guint c = 0; c < n_c; c++)
        {
          g_autofree char *text = trib_hs2_result_set_dup_text (result, r, columns ? columns[c] : c);

          if (c)
            g_string_append_c (out, '\t');
          trib_query_export_append_tsv_field (out, text);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
