/* trib-sync-text-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-charset.h"
#include "trib-sync-date.h"
#include "trib-sync-decompress.h"
#include "trib-sync-error.h"
#include "trib-sync-text-reader.h"

typedef struct
{
  const char *data;
  gsize       length;
  gboolean    quoted;
} Field;

struct _TribSyncTextReader
{
  TribSyncEmitter       *emitter;
  TribSyncDecompressor  *decompressor;
  TribSyncDecoder       *decoder;

  gboolean               csv;
  char                  *delimiter;
  gsize                  delimiter_len;
  char                  *line_delimiter;   /* NULL: "\n" with "\r" dropped */
  gsize                  line_delimiter_len;
  char                  *null_format;
  gsize                  null_format_len;
  GPtrArray             *columns;          /* of TribSyncColumnSpec, or NULL */
  GPtrArray             *patterns;         /* TribSyncDatePattern per column, or NULL */
  gboolean               skip_header;

  GByteArray            *carry;            /* a line split across chunks */
  GArray                *fields;
  GString               *scratch;

  /* csv: a record spanning lines */
  gboolean               csv_open;         /* inside a quoted field at a line end */
  GString               *csv_text;         /* field values of the open record */
  GArray                *csv_fields;       /* Field with data as offsets into csv_text */
  gboolean               csv_quoted;
  gsize                  csv_field_start;
};

static gboolean on_text (const char *data, gsize length, gpointer user_data, GError **error);
static gboolean on_bytes (const guint8 *data, gsize length, gpointer user_data, GError **error);

void
trib_sync_text_reader_free (TribSyncTextReader *self)
{
  if (self == NULL)
    return;
  trib_sync_decompressor_free (self->decompressor);
  trib_sync_decoder_free (self->decoder);
  g_free (self->delimiter);
  g_free (self->line_delimiter);
  g_free (self->null_format);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_byte_array_unref (self->carry);
  g_array_unref (self->fields);
  g_array_unref (self->csv_fields);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->csv_text, TRUE);
  g_free (self);
}

TribSyncTextReader *
trib_sync_text_reader_new (const TribSyncTextInput  *input,
                           TribSyncEmitter          *emitter,
                           GError                  **error)
{
  g_autoptr(TribSyncTextReader) self = g_new0 (TribSyncTextReader, 1);

  self->emitter = emitter;
  self->csv = input->file_format == TRIB_SYNC_FILE_FORMAT_CSV;
  self->delimiter = g_strdup (input->field_delimiter ? input->field_delimiter : ",");
  self->delimiter_len = strlen (self->delimiter);
  if (input->line_delimiter && *input->line_delimiter && strcmp (input->line_delimiter, "\n") != 0)
    {
      self->line_delimiter = g_strdup (input->line_delimiter);
      self->line_delimiter_len = strlen (self->line_delimiter);
    }
  self->null_format = g_strdup (input->null_format);
  self->null_format_len = self->null_format ? strlen (self->null_format) : 0;
  self->skip_header = input->skip_header;
  self->carry = g_byte_array_new ();
  self->fields = g_array_new (FALSE, FALSE, sizeof (Field));
  self->csv_fields = g_array_new (FALSE, FALSE, sizeof (Field));
  self->scratch = g_string_sized_new (64);
  self->csv_text = g_string_sized_new (256);
  g_return_val_if_fail (self->delimiter_len > 0, NULL);

  if (input->columns != NULL)
    {
      self->columns = g_ptr_array_ref (input->columns);
      self->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_sync_date_pattern_free);
      for (guint i = 0; i < input->columns->len; i++)
        {
          const TribSyncColumnSpec *spec = g_ptr_array_index (input->columns, i);
          TribSyncDatePattern *pattern = NULL;

          if (spec->type == TRIB_SYNC_TYPE_DATE && spec->format && *spec->format &&
              !(pattern = trib_sync_date_pattern_new (spec->format, error)))
            return NULL;
          g_ptr_array_add (self->patterns, pattern);
        }
    }

  if (!trib_sync_charset_is_utf8 (input->encoding) &&
      !(self->decoder = trib_sync_decoder_new (input->encoding, on_text, self, error)))
    return NULL;
  self->decompressor = trib_sync_decompressor_new (input->compress, on_bytes, self);

  return g_steal_pointer (&self);
}

guint64
trib_sync_text_reader_get_bytes (TribSyncTextReader *self)
{
  return trib_sync_decompressor_get_consumed (self->decompressor);
}

/* Conversions {{{ */

static gboolean
convert_long (const char  *s,
              gsize        n,
              GString     *out,
              GError     **error)
{
  const char *p = s, *end = s + n;
  const char *int_start, *frac_start = NULL;
  gsize int_len, frac_len = 0;
  gboolean negative = FALSE;
  gint64 exponent = 0;
  gint64 point;
  gsize before;

  if (p < end && (*p == '+' || *p == '-'))
    negative = *p++ == '-';
  int_start = p;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  int_len = p - int_start;
  if (p < end && *p == '.')
    {
      frac_start = ++p;
      while (p < end && g_ascii_isdigit (*p))
        p++;
      frac_len = p - frac_start;
    }
  if (int_len + frac_len == 0)
    goto fail;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exp_negative = FALSE;
      const char *exp_start;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        exp_negative = *p++ == '-';
      exp_start = p;
      while (p < end && g_ascii_isdigit (*p) && exponent < 100000)
        exponent = exponent * 10 + (*p++ - '0');
      if (p == exp_start)
        goto fail;
      if (exp_negative)
        exponent = -exponent;
    }
  if (p != end)
    goto fail;

  /* The integer part: digits of int and frac before the (shifted) decimal point. */
  point = (gint64) int_len + exponent;
  if (point > 4096)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD,
                   _("cannot convert \"%.*s\" to long: the number is too large"), (int) MIN (n, 64), s);
      return FALSE;
    }
  g_string_truncate (out, 0);
  if (negative)
    g_string_append_c (out, '-');
  before = out->len;
  for (gint64 i = 0; i < point; i++)
    {
      char c = (gsize) i < int_len ? int_start[i] : ((gsize) i - int_len < frac_len ? frac_start[i - int_len] : '0');

      if (c == '0' && out->len == before)
        continue;   /* leading zeros */
      g_string_append_c (out, c);
    }
  if (out->len == before)
    {
      /* Zero, never "-0". */
      g_string_truncate (out, 0);
      g_string_append_c (out, '0');
    }
  return TRUE;

fail:
  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD,
               _("cannot convert \"%.*s\" to long"), (int) MIN (n, 256), s);
  return FALSE;
}

static gboolean
valid_double (const char *s,
              gsize       n)
{
  const char *p = s, *end = s + n;
  gsize digits = 0;

  if ((n == 3 && g_ascii_strncasecmp (s, "NaN", 3) == 0) ||
      (n == 8 && g_ascii_strncasecmp (s, "Infinity", 8) == 0) ||
      (n == 9 && g_ascii_strncasecmp (s, "-Infinity", 9) == 0))
    return TRUE;
  if (p < end && (*p == '+' || *p == '-'))
    p++;
  while (p < end && g_ascii_isdigit (*p))
    p++, digits++;
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        p++, digits++;
    }
  if (digits == 0)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      const char *exp_start;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      exp_start = p;
      while (p < end && g_ascii_isdigit (*p))
        p++;
      if (p == exp_start)
        return FALSE;
    }
  return p == end;
}

static const char * const fallback_date_patterns[] = { "yyyyMMdd" };

/* Writes the DataX string form of @text as @type into @out. */
static gboolean
convert_value (TribSyncType               type,
               const char                *text,
               gsize                      length,
               const TribSyncDatePattern *pattern,
               GString                   *out,
               GError                   **error)
{
  switch (type)
    {
    case TRIB_SYNC_TYPE_STRING:
    case TRIB_SYNC_TYPE_BYTES:
      g_string_truncate (out, 0);
      g_string_append_len (out, text, length);
      return TRUE;

    case TRIB_SYNC_TYPE_LONG:
      return convert_long (text, length, out, error);

    case TRIB_SYNC_TYPE_DOUBLE:
      if (!valid_double (text, length))
        break;
      g_string_truncate (out, 0);
      g_string_append_len (out, text, length);
      return TRUE;

    case TRIB_SYNC_TYPE_BOOL:
      g_string_truncate (out, 0);
      if (length == 4 && g_ascii_strncasecmp (text, "true", 4) == 0)
        g_string_append (out, "true");
      else if (length == 5 && g_ascii_strncasecmp (text, "false", 5) == 0)
        g_string_append (out, "false");
      else
        break;
      return TRUE;

    case TRIB_SYNC_TYPE_DATE:
      {
        TribSyncDateTime value;
        char buffer[32];
        gboolean ok;

        if (pattern != NULL)
          ok = trib_sync_date_pattern_parse (pattern, text, length, &value);
        else
          {
            ok = trib_sync_date_time_parse_canonical (text, length, &value);
            for (guint i = 0; !ok && i < G_N_ELEMENTS (fallback_date_patterns); i++)
              {
                g_autoptr(TribSyncDatePattern) fallback = trib_sync_date_pattern_new (fallback_date_patterns[i], NULL);

                ok = trib_sync_date_pattern_parse (fallback, text, length, &value);
              }
            if (ok && !value.has_date)
              {
                value.year = 1970;
                value.month = value.day = 1;
              }
          }
        if (!ok)
          break;
        /* A parsed date is a DataX DATETIME: it prints as "yyyy-MM-dd HH:mm:ss". */
        value.has_date = value.has_time = TRUE;
        g_string_truncate (out, 0);
        g_string_append_len (out, buffer, trib_sync_date_time_format_canonical (&value, buffer));
        return TRUE;
      }

    default:
      break;
    }

  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD, _("cannot convert \"%.*s\" to %s"),
               (int) MIN (length, 256), text, trib_sync_type_to_string (type));
  return FALSE;
}

char *
trib_sync_convert_text (TribSyncType   type,
                        const char    *text,
                        gsize          length,
                        const char    *date_format,
                        GError       **error)
{
  g_autoptr(TribSyncDatePattern) pattern = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (date_format && !(pattern = trib_sync_date_pattern_new (date_format, error)))
    return NULL;
  if (!convert_value (type, text, length, pattern, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* }}} */

static inline gboolean
is_null (TribSyncTextReader *self,
         const char         *data,
         gsize               length)
{
  return self->null_format != NULL && length == self->null_format_len &&
         memcmp (data, self->null_format, length) == 0;
}

static gboolean
emit_fields (TribSyncTextReader  *self,
             const Field         *fields,
             guint                n_fields,
             const char          *line,
             gsize                line_len,
             GError             **error)
{
  TribSyncBatch *batch = trib_sync_emitter_get_batch (self->emitter);

  if (self->skip_header)
    {
      self->skip_header = FALSE;
      return TRUE;
    }

  trib_sync_batch_begin_record (batch);
  if (self->columns == NULL)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          if (!fields[i].quoted && is_null (self, fields[i].data, fields[i].length))
            trib_sync_batch_add_null (batch, TRIB_SYNC_TYPE_STRING);
          else
            trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, fields[i].data, fields[i].length);
        }
      return trib_sync_emitter_end_record (self->emitter, error);
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      const TribSyncColumnSpec *spec = g_ptr_array_index (self->columns, i);
      g_autoptr(GError) local_error = NULL;
      const char *data;
      gsize length;
      gboolean null;

      if (spec->index >= 0)
        {
          if ((guint) spec->index >= n_fields)
            {
              g_autofree char *message = g_strdup_printf (_("column index %d is out of range: the line has %u fields"),
                                                          spec->index, n_fields);
              g_autofree char *shown = g_strndup (line, MIN (line_len, 1024));

              return trib_sync_emitter_reject (self->emitter, message, shown, error);
            }
          data = fields[spec->index].data;
          length = fields[spec->index].length;
          null = !fields[spec->index].quoted && is_null (self, data, length);
        }
      else
        {
          data = spec->value ? spec->value : "";
          length = strlen (data);
          null = spec->value == NULL || is_null (self, data, length);
        }

      if (null)
        trib_sync_batch_add_null (batch, spec->type);
      else if (spec->type == TRIB_SYNC_TYPE_STRING || spec->type == TRIB_SYNC_TYPE_BYTES)
        trib_sync_batch_add_value (batch, spec->type, data, length);
      else if (convert_value (spec->type, data, length, g_ptr_array_index (self->patterns, i),
                              self->scratch, &local_error))
        trib_sync_batch_add_value (batch, spec->type, self->scratch->str, self->scratch->len);
      else
        {
          g_autofree char *shown = g_strndup (line, MIN (line_len, 1024));

          return trib_sync_emitter_reject (self->emitter, local_error->message, shown, error);
        }
    }
  return trib_sync_emitter_end_record (self->emitter, error);
}

static inline const char *
find_delimiter (TribSyncTextReader *self,
                const char         *p,
                const char         *end)
{
  if (self->delimiter_len == 1)
    return memchr (p, self->delimiter[0], end - p);
  return memmem (p, end - p, self->delimiter, self->delimiter_len);
}

static gboolean
text_line (TribSyncTextReader  *self,
           const char          *line,
           gsize                length,
           GError             **error)
{
  const char *p = line, *end = line + length;

  g_array_set_size (self->fields, 0);
  for (;;)
    {
      const char *d = find_delimiter (self, p, end);
      Field f = { p, (d ? d : end) - p, FALSE };

      g_array_append_val (self->fields, f);
      if (d == NULL)
        break;
      p = d + self->delimiter_len;
    }
  return emit_fields (self, (Field *) self->fields->data, self->fields->len, line, length, error);
}

static void
csv_end_field (TribSyncTextReader *self)
{
  Field f = { (const char *) (gsize) self->csv_field_start, self->csv_text->len - self->csv_field_start,
              self->csv_quoted };

  g_array_append_val (self->csv_fields, f);
  self->csv_quoted = FALSE;
  self->csv_field_start = self->csv_text->len;
}

static gboolean
csv_emit (TribSyncTextReader  *self,
          GError             **error)
{
  Field *fields = (Field *) self->csv_fields->data;
  gboolean ok;

  /* Offsets become pointers now that csv_text no longer moves. */
  for (guint i = 0; i < self->csv_fields->len; i++)
    fields[i].data = self->csv_text->str + (gsize) fields[i].data;
  ok = emit_fields (self, fields, self->csv_fields->len, self->csv_text->str, self->csv_text->len, error);
  g_array_set_size (self->csv_fields, 0);
  g_string_truncate (self->csv_text, 0);
  self->csv_field_start = 0;
  self->csv_quoted = FALSE;
  return ok;
}

static gboolean
csv_line (TribSyncTextReader  *self,
          const char          *line,
          gsize                length,
          GError             **error)
{
  const char *p = line, *end = line + length;
  gboolean in_quotes = self->csv_open;

  if (self->csv_open)
    {
      /* The quoted value goes on over a line end: keep the line end in it. */
      if (self->line_delimiter)
        g_string_append_len (self->csv_text, self->line_delimiter, self->line_delimiter_len);
      else
        g_string_append_c (self->csv_text, '\n');
    }
  else if (length == 0)
    return TRUE;

  while (p < end)
    {
      if (in_quotes)
        {
          const char *q = memchr (p, '"', end - p);

          if (q == NULL)
            {
              g_string_append_len (self->csv_text, p, end - p);
              self->csv_open = TRUE;
              return TRUE;
            }
          g_string_append_len (self->csv_text, p, q - p);
          if (q + 1 < end && q[1] == '"')
            {
              g_string_append_c (self->csv_text, '"');
              p = q + 2;
            }
          else
            {
              in_quotes = FALSE;
              p = q + 1;
            }
          continue;
        }

      if (*p == '"' && self->csv_text->len == self->csv_field_start && !self->csv_quoted)
        {
          in_quotes = TRUE;
          self->csv_quoted = TRUE;
          p++;
          continue;
        }

      {
        const char *d = find_delimiter (self, p, end);

        g_string_append_len (self->csv_text, p, (d ? d : end) - p);
        if (d == NULL)
          {
            p = end;
            break;
          }
        csv_end_field (self);
        p = d + self->delimiter_len;
        if (p == end)
          break;   /* "a," ends with an empty field, added below */
      }
    }

  if (in_quotes)
    {
      self->csv_open = TRUE;
      return TRUE;
    }
  self->csv_open = FALSE;
  csv_end_field (self);
  return csv_emit (self, error);
}

static inline gboolean
handle_line (TribSyncTextReader  *self,
             const char          *line,
             gsize                length,
             GError             **error)
{
  if (self->line_delimiter == NULL && length > 0 && line[length - 1] == '\r')
    length--;
  if (self->csv)
    return csv_line (self, line, length, error);
  if (length == 0)
    return TRUE;
  return text_line (self, line, length, error);
}

static gboolean
on_text (const char  *data,
         gsize        length,
         gpointer     user_data,
         GError     **error)
{
  TribSyncTextReader *self = user_data;
  const char *p = data, *end = data + length;
  const char *ld = self->line_delimiter ? self->line_delimiter : "\n";
  gsize ld_len = self->line_delimiter ? self->line_delimiter_len : 1;

  if (self->carry->len > 0)
    {
      const char *nl = NULL;

      /* A multi-byte line delimiter may straddle the previous chunk and this one. */
      for (gsize k = MIN (ld_len - 1, self->carry->len); k > 0 && nl == NULL; k--)
        {
          if (memcmp (self->carry->data + self->carry->len - k, ld, k) == 0 &&
              length >= ld_len - k && memcmp (data, ld + k, ld_len - k) == 0)
            {
              g_byte_array_set_size (self->carry, self->carry->len - k);
              if (!handle_line (self, (const char *) self->carry->data, self->carry->len, error))
                return FALSE;
              g_byte_array_set_size (self->carry, 0);
              p = data + (ld_len - k);
              nl = p;
            }
        }
      if (nl == NULL)
        {
          nl = ld_len == 1 ? memchr (p, ld[0], end - p) : memmem (p, end - p, ld, ld_len);
          if (nl == NULL)
            {
              g_byte_array_append (self->carry, (const guint8 *) p, end - p);
              return TRUE;
            }
          g_byte_array_append (self->carry, (const guint8 *) p, nl - p);
          if (!handle_line (self, (const char *) self->carry->data, self->carry->len, error))
            return FALSE;
          g_byte_array_set_size (self->carry, 0);
          p = nl + ld_len;
        }
    }

  while (p < end)
    {
      const char *nl = ld_len == 1 ? memchr (p, ld[0], end - p) : memmem (p, end - p, ld, ld_len);

      if (nl == NULL)
        {
          g_byte_array_append (self->carry, (const guint8 *) p, end - p);
          break;
        }
      if (!handle_line (self, p, nl - p, error))
        return FALSE;
      p = nl + ld_len;
    }
  return TRUE;
}

static gboolean
on_bytes (const guint8  *data,
          gsize          length,
          gpointer       user_data,
          GError       **error)
{
  TribSyncTextReader *self = user_data;

  if (self->decoder)
    return trib_sync_decoder_feed (self->decoder, data, length, error);
  return on_text ((const char *) data, length, self, error);
}

gboolean
trib_sync_text_reader_feed (TribSyncTextReader  *self,
                            const guint8        *data,
                            gsize                length,
                            GError             **error)
{
  return trib_sync_decompressor_feed (self->decompressor, data, length, error);
}

gboolean
trib_sync_text_reader_finish (TribSyncTextReader  *self,
                              GError             **error)
{
  if (!trib_sync_decompressor_finish (self->decompressor, error))
    return FALSE;
  if (self->decoder && !trib_sync_decoder_finish (self->decoder, error))
    return FALSE;
  if (self->carry->len > 0 || self->csv_open)
    {
      /* An empty carry has no buffer: "" rather than NULL, which the line code offsets
       * (found by fuzz-text-reader; corpus/text-reader/regress-quote-open-at-end). */
      const char *rest = self->carry->len > 0 ? (const char *) self->carry->data : "";

      if (!handle_line (self, rest, self->carry->len, error))
        return FALSE;
      g_byte_array_set_size (self->carry, 0);
      if (self->csv_open)
        {
          g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
                       _("the file ends inside a quoted value"));
          return FALSE;
        }
    }
  return trib_sync_emitter_flush (self->emitter, error);
}
