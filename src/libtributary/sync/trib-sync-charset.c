/* trib-sync-charset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-charset.h"
#include "trib-sync-error.h"

gboolean
trib_sync_charset_is_utf8 (const char *encoding)
{
  return encoding == NULL || *encoding == '\0' ||
         g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
         g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

gboolean
trib_sync_charset_check (const char  *encoding,
                         GError     **error)
{
  static const char probe[] = "\n\r,|;\t\"\\N azAZ09";
  GIConv to = (GIConv) -1, from = (GIConv) -1;
  g_autofree char *converted = NULL;
  gsize written = 0;

  if (trib_sync_charset_is_utf8 (encoding))
    return TRUE;

  to = g_iconv_open (encoding, "UTF-8");
  from = g_iconv_open ("UTF-8", encoding);
  if (to == (GIConv) -1 || from == (GIConv) -1)
    {
      if (to != (GIConv) -1)
        g_iconv_close (to);
      if (from != (GIConv) -1)
        g_iconv_close (from);
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB,
                   _("unknown encoding \"%s\""), encoding);
      return FALSE;
    }
  g_iconv_close (from);

  converted = g_convert_with_iconv (probe, sizeof probe - 1, to, NULL, &written, NULL);
  g_iconv_close (to);
  if (converted == NULL || written != sizeof probe - 1 || memcmp (converted, probe, written) != 0)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB,
                   _("encoding \"%s\" is not supported: it must keep ASCII characters as single bytes"),
                   encoding);
      return FALSE;
    }
  return TRUE;
}

#define DECODE_BUFFER (64 * 1024)

struct _TribSyncDecoder
{
  GIConv            cd;
  char             *encoding;
  TribSyncTextFunc  func;
  gpointer          user_data;
  guint8            pending[16];
  gsize             n_pending;
  guint64           offset;    /* stream bytes converted so far */
  char             *buffer;
};

TribSyncDecoder *
trib_sync_decoder_new (const char        *encoding,
                       TribSyncTextFunc   func,
                       gpointer           user_data,
                       GError           **error)
{
  TribSyncDecoder *self;
  GIConv cd;

  if (!trib_sync_charset_check (encoding, error))
    return NULL;

  cd = g_iconv_open ("UTF-8", encoding);
  g_assert (cd != (GIConv) -1);

  self = g_new0 (TribSyncDecoder, 1);
  self->cd = cd;
  self->encoding = g_strdup (encoding);
  self->func = func;
  self->user_data = user_data;
  self->buffer = g_malloc (DECODE_BUFFER);
  return self;
}

void
trib_sync_decoder_free (TribSyncDecoder *self)
{
  if (self == NULL)
    return;
  g_iconv_close (self->cd);
  g_free (self->encoding);
  g_free (self->buffer);
  g_free (self);
}

/* Converts as much of [*in, *in + *in_left) as possible, handing the text on. Returns
 * FALSE on error; leaves an incomplete trailing character in the input. */
static gboolean
convert (TribSyncDecoder  *self,
         char            **in,
         gsize            *in_left,
         GError          **error)
{
  while (*in_left > 0)
    {
      char *out = self->buffer;
      gsize out_left = DECODE_BUFFER;
      char *before = *in;
      gsize r = g_iconv (self->cd, in, in_left, &out, &out_left);
      int saved = errno;

      self->offset += *in - before;
      if (out != self->buffer && !self->func (self->buffer, out - self->buffer, self->user_data, error))
        return FALSE;

      if (r != (gsize) -1)
        continue;
      if (saved == E2BIG)
        continue;
      if (saved == EINVAL)
        return TRUE;   /* incomplete character: the caller keeps it */
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
                   _("the file is not valid %s text: invalid byte 0x%02x at offset %" PRIu64),
                   self->encoding, (guint8) **in, self->offset);
      return FALSE;
    }
  return TRUE;
}

gboolean
trib_sync_decoder_feed (TribSyncDecoder  *self,
                        const guint8     *data,
                        gsize             length,
                        GError          **error)
{
  char *in;
  gsize in_left;

  if (self->n_pending > 0)
    {
      /* Complete the character split across calls from a small joined buffer. */
      guint8 joined[32];
      gsize take = MIN (length, sizeof joined - self->n_pending);
      gsize joined_len = self->n_pending + take;
      gsize consumed;

      memcpy (joined, self->pending, self->n_pending);
      memcpy (joined + self->n_pending, data, take);
      in = (char *) joined;
      in_left = joined_len;
      if (!convert (self, &in, &in_left, error))
        return FALSE;
      consumed = joined_len - in_left;
      if (consumed < self->n_pending)
        {
          /* Still incomplete (very short input): keep everything for later. */
          g_assert (joined_len <= sizeof self->pending);
          memcpy (self->pending, joined, joined_len);
          self->n_pending = joined_len;
          return TRUE;
        }
      data += consumed - self->n_pending;
      length -= consumed - self->n_pending;
      self->n_pending = 0;
      /* What was left of the joined buffer is still in @data: convert it from there. */
    }

  in = (char *) data;
  in_left = length;
  if (!convert (self, &in, &in_left, error))
    return FALSE;
  if (in_left > 0)
    {
      if (in_left > sizeof self->pending)
        {
          g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
                       _("the file is not valid %s text at offset %" PRIu64),
                       self->encoding, self->offset);
          return FALSE;
        }
      memcpy (self->pending, in, in_left);
      self->n_pending = in_left;
    }
  return TRUE;
}

gboolean
trib_sync_decoder_finish (TribSyncDecoder  *self,
                          GError          **error)
{
  if (self->n_pending > 0)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
                   _("the file ends inside a %s character at offset %" PRIu64),
                   self->encoding, self->offset);
      return FALSE;
    }
  return TRUE;
}

struct _TribSyncEncoder
{
  GIConv  cd;
  char   *encoding;
};

TribSyncEncoder *
trib_sync_encoder_new (const char  *encoding,
                       GError     **error)
{
  TribSyncEncoder *self;

  if (!trib_sync_charset_check (encoding, error))
    return NULL;

  self = g_new0 (TribSyncEncoder, 1);
  self->cd = g_iconv_open (encoding, "UTF-8");
  self->encoding = g_strdup (encoding);
  g_assert (self->cd != (GIConv) -1);
  return self;
}

void
trib_sync_encoder_free (TribSyncEncoder *self)
{
  if (self == NULL)
    return;
  g_iconv_close (self->cd);
  g_free (self->encoding);
  g_free (self);
}

gboolean
trib_sync_encoder_append (TribSyncEncoder  *self,
                          const char       *text,
                          gsize             length,
                          GByteArray       *out,
                          GError          **error)
{
  guint start = out->len;
  char *in = (char *) text;
  gsize in_left = length;

  /* Reset the shift state: each record converts on its own. */
  g_iconv (self->cd, NULL, NULL, NULL, NULL);

  while (in_left > 0)
    {
      gsize room = in_left * 2 + 16;
      guint before = out->len;
      char *dest;
      gsize dest_left = room;
      gsize r;

      g_byte_array_set_size (out, before + room);
      dest = (char *) out->data + before;
      r = g_iconv (self->cd, &in, &in_left, &dest, &dest_left);
      g_byte_array_set_size (out, before + (room - dest_left));

      if (r == (gsize) -1 && errno != E2BIG)
        {
          gunichar c = g_utf8_get_char_validated (in, in_left);

          g_byte_array_set_size (out, start);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD,
                         _("the value is not valid UTF-8 at byte %zu"), (gsize) (in - text));
          else
            g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD,
                         _("character U+%04X cannot be written in %s"), c, self->encoding);
          return FALSE;
        }
    }
  return TRUE;
}
