/* trib-sync-text-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-charset.h"
#include "trib-sync-date.h"
#include "trib-sync-error.h"
#include "trib-sync-text-writer.h"

struct _TribSyncTextWriter
{
  gboolean             csv;
  gboolean             ambiguous_is_dirty;
  gboolean             last_ambiguous;
  char                *delimiter;
  gsize                delimiter_len;
  char                *line_delimiter;
  gsize                line_delimiter_len;
  char                *null_format;
  gsize                null_format_len;
  GStrv                header;
  TribSyncDatePattern *date_pattern;
  TribSyncEncoder     *encoder;   /* NULL for UTF-8 */
  GByteArray          *scratch;   /* the UTF-8 record before encoding */
  GString             *date_text;
};

void
trib_sync_text_writer_free (TribSyncTextWriter *self)
{
  if (self == NULL)
    return;
  g_free (self->delimiter);
  g_free (self->line_delimiter);
  g_free (self->null_format);
  g_strfreev (self->header);
  trib_sync_date_pattern_free (self->date_pattern);
  trib_sync_encoder_free (self->encoder);
  g_byte_array_unref (self->scratch);
  g_string_free (self->date_text, TRUE);
  g_free (self);
}

TribSyncTextWriter *
trib_sync_text_writer_new (const TribSyncTextOutput  *output,
                           GError                   **error)
{
  g_autoptr(TribSyncTextWriter) self = g_new0 (TribSyncTextWriter, 1);

  self->csv = output->file_format == TRIB_SYNC_FILE_FORMAT_CSV;
  self->ambiguous_is_dirty = output->ambiguous_is_dirty;
  self->delimiter = g_strdup (output->field_delimiter ? output->field_delimiter : ",");
  self->delimiter_len = strlen (self->delimiter);
  self->line_delimiter = g_strdup (output->line_delimiter ? output->line_delimiter : "\n");
  self->line_delimiter_len = strlen (self->line_delimiter);
  self->null_format = g_strdup (output->null_format ? output->null_format : "\\N");
  self->null_format_len = strlen (self->null_format);
  self->header = g_strdupv (output->header);
  self->scratch = g_byte_array_new ();
  self->date_text = g_string_new (NULL);

  if (output->date_format && *output->date_format &&
      !(self->date_pattern = trib_sync_date_pattern_new (output->date_format, error)))
    return NULL;
  if (!trib_sync_charset_is_utf8 (output->encoding) &&
      !(self->encoder = trib_sync_encoder_new (output->encoding, error)))
    return NULL;

  return g_steal_pointer (&self);
}

static inline void
append (GByteArray *out,
        const void *data,
        gsize       length)
{
  if (length > 0)
    g_byte_array_append (out, data, (guint) length);
}

static gboolean
needs_quotes (TribSyncTextWriter *self,
              const char         *data,
              gsize               length)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"' || c == '\n' || c == '\r')
        return TRUE;
      if (c == self->delimiter[0] &&
          (self->delimiter_len == 1 ||
           (length - i >= self->delimiter_len && memcmp (data + i, self->delimiter, self->delimiter_len) == 0)))
        return TRUE;
      if (c == self->line_delimiter[0] &&
          length - i >= self->line_delimiter_len &&
          memcmp (data + i, self->line_delimiter, self->line_delimiter_len) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
append_field (TribSyncTextWriter *self,
              GByteArray         *out,
              const char         *data,
              gsize               length)
{
  if (!self->csv || !needs_quotes (self, data, length))
    {
      append (out, data, length);
      return;
    }

  g_byte_array_append (out, (const guint8 *) "\"", 1);
  for (;;)
    {
      const char *q = memchr (data, '"', length);

      if (q == NULL)
        {
          append (out, data, length);
          break;
        }
      append (out, data, q - data + 1);
      g_byte_array_append (out, (const guint8 *) "\"", 1);
      length -= q - data + 1;
      data = q + 1;
    }
  g_byte_array_append (out, (const guint8 *) "\"", 1);
}

static gboolean
finish_record (TribSyncTextWriter  *self,
               GByteArray          *out,
               GError             **error)
{
  append (self->encoder ? self->scratch : out, self->line_delimiter, self->line_delimiter_len);
  if (self->encoder == NULL)
    return TRUE;
  return trib_sync_encoder_append (self->encoder, (const char *) self->scratch->data, self->scratch->len,
                                   out, error);
}

gboolean
trib_sync_text_writer_append_header (TribSyncTextWriter  *self,
                                     GByteArray          *out,
                                     GError             **error)
{
  GByteArray *dest = self->encoder ? self->scratch : out;

  if (self->header == NULL)
    return TRUE;

  g_byte_array_set_size (self->scratch, 0);
  for (guint i = 0; self->header[i]; i++)
    {
      if (i > 0)
        append (dest, self->delimiter, self->delimiter_len);
      append_field (self, dest, self->header[i], strlen (self->header[i]));
    }
  return finish_record (self, out, error);
}

/* The first column of @record (1-based) whose value would split the text line, or 0. */
static guint
find_ambiguous_column (TribSyncTextWriter  *self,
                       const TribSyncBatch *batch,
                       guint                record,
                       guint                n,
                       gboolean            *line_break)
{
  for (guint i = 0; i < n; i++)
    {
      const TribSyncCell *cell = trib_sync_batch_get_cell (batch, record, i);
      const char *data;

      if (cell->is_null || cell->length == 0)
        continue;
      data = trib_sync_batch_cell_data (batch, cell);
      if (memchr (data, '\n', cell->length) || memchr (data, '\r', cell->length))
        {
          *line_break = TRUE;
          return i + 1;
        }
      for (const char *c = memchr (data, self->delimiter[0], cell->length); c != NULL;
           c = memchr (c + 1, self->delimiter[0], cell->length - (gsize) (c + 1 - data)))
        {
          if ((gsize) (data + cell->length - c) >= self->delimiter_len &&
              memcmp (c, self->delimiter, self->delimiter_len) == 0)
            {
              *line_break = FALSE;
              return i + 1;
            }
          if (c + 1 >= data + cell->length)
            break;
        }
      if (self->line_delimiter_len > 0 && self->line_delimiter[0] != '\n' && self->line_delimiter[0] != '\r' &&
          cell->length >= self->line_delimiter_len &&
          g_strstr_len (data, cell->length, self->line_delimiter) != NULL)
        {
          *line_break = TRUE;
          return i + 1;
        }
    }
  return 0;
}

gboolean
trib_sync_text_writer_last_record_ambiguous (TribSyncTextWriter *self)
{
  return self->last_ambiguous;
}

gboolean
trib_sync_text_writer_append_record (TribSyncTextWriter   *self,
                                     const TribSyncBatch  *batch,
                                     guint                 record,
                                     GByteArray           *out,
                                     GError              **error)
{
  GByteArray *dest = self->encoder ? self->scratch : out;
  guint n = trib_sync_batch_record_n_cells (batch, record);
  guint start = out->len;

  g_byte_array_set_size (self->scratch, 0);

  self->last_ambiguous = FALSE;
  if (!self->csv)
    {
      gboolean line_break = FALSE;
      guint column = find_ambiguous_column (self, batch, record, n, &line_break);

      if (column > 0 && self->ambiguous_is_dirty)
        {
          g_autofree char *shown = g_strescape (self->delimiter, NULL);

          if (line_break)
            g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD,
                         _("column %u holds a line break: in fileFormat text the line would not read back as "
                           "this record (fileFormat csv quotes it)"), column);
          else
            g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD,
                         _("column %u holds the field delimiter \"%s\": in fileFormat text the line would not "
                           "read back as this record (fileFormat csv quotes it)"), column, shown);
          return FALSE;
        }
      self->last_ambiguous = column > 0;
    }

  if (!self->csv && self->date_pattern == NULL)
    {
      /* The common case, sized once: plain text. */
      const TribSyncCell *cells = trib_sync_batch_get_cell (batch, record, 0);
      gsize total = self->line_delimiter_len + (n ? (n - 1) * self->delimiter_len : 0);
      guint8 *p;

      for (guint i = 0; i < n; i++)
        total += cells[i].is_null ? self->null_format_len : cells[i].length;
      g_byte_array_set_size (dest, dest->len + (guint) total);
      p = dest->data + dest->len - total;
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            {
              memcpy (p, self->delimiter, self->delimiter_len);
              p += self->delimiter_len;
            }
          if (cells[i].is_null)
            {
              memcpy (p, self->null_format, self->null_format_len);
              p += self->null_format_len;
            }
          else if (cells[i].length > 0)
            {
              memcpy (p, batch->data + cells[i].offset, cells[i].length);
              p += cells[i].length;
            }
        }
      memcpy (p, self->line_delimiter, self->line_delimiter_len);
      if (self->encoder == NULL)
        return TRUE;
      if (trib_sync_encoder_append (self->encoder, (const char *) self->scratch->data, self->scratch->len,
                                    out, error))
        return TRUE;
      g_byte_array_set_size (out, start);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const TribSyncCell *cell = trib_sync_batch_get_cell (batch, record, i);
      const char *data = trib_sync_batch_cell_data (batch, cell);

      if (i > 0)
        append (dest, self->delimiter, self->delimiter_len);
      if (cell->is_null)
        append (dest, self->null_format, self->null_format_len);
      else if (cell->type == TRIB_SYNC_TYPE_DATE && self->date_pattern != NULL)
        {
          TribSyncDateTime value;

          if (!trib_sync_date_time_parse_canonical (data, cell->length, &value))
            {
              g_byte_array_set_size (out, start);
              g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD,
                           _("\"%.*s\" is not a date"), (int) MIN (cell->length, 64u), data);
              return FALSE;
            }
          g_string_truncate (self->date_text, 0);
          trib_sync_date_pattern_format (self->date_pattern, &value, self->date_text);
          append_field (self, dest, self->date_text->str, self->date_text->len);
        }
      else
        append_field (self, dest, data, cell->length);
    }
  if (finish_record (self, out, error))
    return TRUE;
  g_byte_array_set_size (out, start);
  return FALSE;
}
