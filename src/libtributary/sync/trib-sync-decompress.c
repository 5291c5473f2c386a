/* trib-sync-decompress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <bzlib.h>
#include <zlib.h>
#include <glib/gi18n.h>

#include "trib-sync-decompress.h"
#include "trib-sync-error.h"

#define OUT_CHUNK (64 * 1024)

#define ZIP_LOCAL_HEADER   0x04034b50u
#define ZIP_DESCRIPTOR     0x08074b50u
#define ZIP_CENTRAL_HEADER 0x02014b50u
#define ZIP_END_RECORD     0x06054b50u

typedef enum
{
  ZIP_HEADER,       /* collecting a local file header */
  ZIP_DEFLATED,     /* inflating an entry */
  ZIP_STORED,       /* copying an entry */
  ZIP_DESCRIPTOR_S, /* skipping a data descriptor */
  ZIP_DONE,         /* at the central directory: the rest is ignored */
} ZipState;

struct _TribSyncDecompressor
{
  TribSyncCompress   compress;
  TribSyncBytesFunc  func;
  gpointer           user_data;
  guint8            *out;
  guint64            consumed;

  /* gzip / zip deflate */
  z_stream           zs;
  gboolean           zs_ready;
  /* bzip2 */
  bz_stream          bz;
  gboolean           bz_ready;
  /* gzip / bzip2: inside a stream (FALSE at the start and after each stream's end) */
  gboolean           in_stream;

  /* zip */
  ZipState           zip_state;
  GByteArray        *header;
  guint64            stored_left;
  gboolean           zip64;
  gboolean           has_descriptor;
  guint              descriptor_need;
  guint              n_entries;
};

TribSyncDecompressor *
trib_sync_decompressor_new (TribSyncCompress   compress,
                            TribSyncBytesFunc  func,
                            gpointer           user_data)
{
  TribSyncDecompressor *self = g_new0 (TribSyncDecompressor, 1);

  self->compress = compress;
  self->func = func;
  self->user_data = user_data;
  if (compress != TRIB_SYNC_COMPRESS_NONE)
    self->out = g_malloc (OUT_CHUNK);
  self->header = g_byte_array_new ();
  return self;
}

void
trib_sync_decompressor_free (TribSyncDecompressor *self)
{
  if (self == NULL)
    return;
  if (self->zs_ready)
    inflateEnd (&self->zs);
  if (self->bz_ready)
    BZ2_bzDecompressEnd (&self->bz);
  g_byte_array_unref (self->header);
  g_free (self->out);
  g_free (self);
}

guint64
trib_sync_decompressor_get_consumed (TribSyncDecompressor *self)
{
  return self->consumed;
}

static gboolean
corrupt (GError     **error,
         const char  *what,
         const char  *detail)
{
  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ, _("corrupt %s data: %s"), what,
               detail ? detail : _("unexpected bytes"));
  return FALSE;
}

/* Inflates from *data until the deflate stream ends or the input runs out. */
static gboolean
inflate_some (TribSyncDecompressor  *self,
              const guint8         **data,
              gsize                 *length,
              gboolean              *stream_end,
              const char            *what,
              GError               **error)
{
  *stream_end = FALSE;
  self->zs.next_in = (Bytef *) *data;
  self->zs.avail_in = (uInt) MIN (*length, G_MAXUINT32);

  do
    {
      int r;

      self->zs.next_out = self->out;
      self->zs.avail_out = OUT_CHUNK;
      r = inflate (&self->zs, Z_NO_FLUSH);
      if (r == Z_STREAM_END)
        *stream_end = TRUE;
      else if (r != Z_OK && r != Z_BUF_ERROR)
        return corrupt (error, what, self->zs.msg);
      if (self->zs.next_out != self->out &&
          !self->func (self->out, self->zs.next_out - self->out, self->user_data, error))
        return FALSE;
      if (r == Z_BUF_ERROR)
        break;
    }
  while (!*stream_end && (self->zs.avail_in > 0 || self->zs.avail_out == 0));

  self->consumed += (const guint8 *) self->zs.next_in - *data;
  *length -= (const guint8 *) self->zs.next_in - *data;
  *data = (const guint8 *) self->zs.next_in;
  return TRUE;
}

static gboolean
feed_gzip (TribSyncDecompressor  *self,
           const guint8          *data,
           gsize                  length,
           GError               **error)
{
  while (length > 0)
    {
      gboolean end;

      if (!self->in_stream)
        {
          if (self->zs_ready)
            inflateReset (&self->zs);
          else
            {
              memset (&self->zs, 0, sizeof self->zs);
              /* 15 + 16: gzip only, as the files are .gz. */
              if (inflateInit2 (&self->zs, 15 + 16) != Z_OK)
                return corrupt (error, "gzip", self->zs.msg);
              self->zs_ready = TRUE;
            }
          self->in_stream = TRUE;
        }
      if (!inflate_some (self, &data, &length, &end, "gzip", error))
        return FALSE;
      if (end)
        self->in_stream = FALSE;   /* another member may follow (gzip a b > c) */
    }
  return TRUE;
}

static gboolean
feed_bzip2 (TribSyncDecompressor  *self,
            const guint8          *data,
            gsize                  length,
            GError               **error)
{
  while (length > 0)
    {
      const guint8 *start = data;

      if (!self->in_stream)
        {
          if (self->bz_ready)
            BZ2_bzDecompressEnd (&self->bz);
          memset (&self->bz, 0, sizeof self->bz);
          if (BZ2_bzDecompressInit (&self->bz, 0, 0) != BZ_OK)
            return corrupt (error, "bzip2", NULL);
          self->bz_ready = TRUE;
          self->in_stream = TRUE;
        }

      self->bz.next_in = (char *) data;
      self->bz.avail_in = (unsigned int) MIN (length, G_MAXUINT32);
      for (;;)
        {
          int r;

          self->bz.next_out = (char *) self->out;
          self->bz.avail_out = OUT_CHUNK;
          r = BZ2_bzDecompress (&self->bz);
          if (r != BZ_OK && r != BZ_STREAM_END)
            return corrupt (error, "bzip2", NULL);
          if ((guint8 *) self->bz.next_out != self->out &&
              !self->func (self->out, (guint8 *) self->bz.next_out - self->out, self->user_data, error))
            return FALSE;
          if (r == BZ_STREAM_END)
            {
              self->in_stream = FALSE;
              break;
            }
          if (self->bz.avail_in == 0 && self->bz.avail_out != 0)
            break;
        }
      data = (const guint8 *) self->bz.next_in;
      self->consumed += data - start;
      length -= data - start;
    }
  return TRUE;
}

static inline guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static inline guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static void
end_zip_entry (TribSyncDecompressor *self)
{
  g_byte_array_set_size (self->header, 0);
  if (self->has_descriptor)
    {
      self->zip_state = ZIP_DESCRIPTOR_S;
      self->descriptor_need = 4;   /* then decided by the first four bytes */
    }
  else
    self->zip_state = ZIP_HEADER;
}

/* A complete local header is in self->header: set up the entry. */
static gboolean
begin_zip_entry (TribSyncDecompressor  *self,
                 GError               **error)
{
  const guint8 *h = self->header->data;
  guint16 flags = le16 (h + 6);
  guint16 method = le16 (h + 8);
  guint64 csize = le32 (h + 18);
  guint16 name_len = le16 (h + 26);
  guint16 extra_len = le16 (h + 28);
  g_autofree char *name = g_strndup ((const char *) h + 30, name_len);
  const guint8 *extra = h + 30 + name_len;

  self->zip64 = FALSE;
  for (guint i = 0; i + 4 <= extra_len;)
    {
      guint16 id = le16 (extra + i);
      guint16 size = le16 (extra + i + 2);

      if (id == 0x0001 && size >= 16 && i + 4 + size <= extra_len)
        {
          self->zip64 = TRUE;
          csize = le32 (extra + i + 12) | ((guint64) le32 (extra + i + 16) << 32);
        }
      i += 4 + size;
    }

  if (flags & 0x1)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
                   _("zip entry \"%s\" is encrypted, which is not supported"), name);
      return FALSE;
    }
  self->has_descriptor = (flags & 0x8) != 0;
  self->n_entries++;

  if (method == 8)
    {
      if (self->zs_ready)
        inflateReset (&self->zs);
      else
        {
          memset (&self->zs, 0, sizeof self->zs);
          if (inflateInit2 (&self->zs, -15) != Z_OK)
            return corrupt (error, "zip", self->zs.msg);
          self->zs_ready = TRUE;
        }
      self->zip_state = ZIP_DEFLATED;
      return TRUE;
    }
  if (method == 0)
    {
      if (self->has_descriptor)
        {
          g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
                       _("zip entry \"%s\" is stored with its size after the data, which cannot be read as a stream"),
                       name);
          return FALSE;
        }
      self->stored_left = csize;
      self->zip_state = ZIP_STORED;
      if (csize == 0)
        end_zip_entry (self);   /* a directory or an empty file */
      return TRUE;
    }
  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
               _("zip entry \"%s\" uses compression method %u; only stored and deflated entries are supported"),
               name, method);
  return FALSE;
}

static gboolean
feed_zip (TribSyncDecompressor  *self,
          const guint8          *data,
          gsize                  length,
          GError               **error)
{
  while (length > 0)
    {
      switch (self->zip_state)
        {
        case ZIP_DONE:
          self->consumed += length;
          return TRUE;

        case ZIP_HEADER:
          {
            guint have = self->header->len;
            guint need = 30;

            if (have >= 30)
              need = 30 + le16 (self->header->data + 26) + le16 (self->header->data + 28);
            else if (have >= 4 && le32 (self->header->data) != ZIP_LOCAL_HEADER)
              need = 4;
            {
              gsize take = MIN (length, (gsize) (need - have));

              g_byte_array_append (self->header, data, take);
              data += take;
              length -= take;
              self->consumed += take;
            }
            if (self->header->len >= 4)
              {
                guint32 sig = le32 (self->header->data);

                if (sig == ZIP_CENTRAL_HEADER || sig == ZIP_END_RECORD)
                  {
                    self->zip_state = ZIP_DONE;
                    break;
                  }
                if (sig != ZIP_LOCAL_HEADER)
                  return corrupt (error, "zip", self->n_entries == 0 ? _("not a zip file") : NULL);
              }
            if (self->header->len >= 30 &&
                self->header->len == 30u + le16 (self->header->data + 26) + le16 (self->header->data + 28) &&
                !begin_zip_entry (self, error))
              return FALSE;
          }
          break;

        case ZIP_DEFLATED:
          {
            gboolean end;

            if (!inflate_some (self, &data, &length, &end, "zip", error))
              return FALSE;
            if (end)
              end_zip_entry (self);
          }
          break;

        case ZIP_STORED:
          {
            gsize take = (gsize) MIN ((guint64) length, self->stored_left);

            while (take > 0)
              {
                gsize n = MIN (take, (gsize) OUT_CHUNK);

                if (!self->func (data, n, self->user_data, error))
                  return FALSE;
                data += n;
                length -= n;
                take -= n;
                self->stored_left -= n;
                self->consumed += n;
              }
            if (self->stored_left == 0)
              end_zip_entry (self);
          }
          break;

        case ZIP_DESCRIPTOR_S:
          {
            gsize take = MIN (length, (gsize) (self->descriptor_need - self->header->len));

            g_byte_array_append (self->header, data, take);
            data += take;
            length -= take;
            self->consumed += take;
            if (self->header->len == 4 && self->descriptor_need == 4)
              {
                /* The signature is optional: crc32, sizes follow either way. */
                guint sizes = self->zip64 ? 16 : 8;

                self->descriptor_need = le32 (self->header->data) == ZIP_DESCRIPTOR ? 8 + sizes : 4 + sizes;
              }
            if (self->header->len == self->descriptor_need && self->descriptor_need > 4)
              {
                g_byte_array_set_size (self->header, 0);
                self->zip_state = ZIP_HEADER;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

gboolean
trib_sync_decompressor_feed (TribSyncDecompressor  *self,
                             const guint8          *data,
                             gsize                  length,
                             GError               **error)
{
  switch (self->compress)
    {
    case TRIB_SYNC_COMPRESS_GZIP:
      return feed_gzip (self, data, length, error);
    case TRIB_SYNC_COMPRESS_BZIP2:
      return feed_bzip2 (self, data, length, error);
    case TRIB_SYNC_COMPRESS_ZIP:
      return feed_zip (self, data, length, error);
    case TRIB_SYNC_COMPRESS_NONE:
    default:
      self->consumed += length;
      return length == 0 || self->func (data, length, self->user_data, error);
    }
}

gboolean
trib_sync_decompressor_finish (TribSyncDecompressor  *self,
                               GError               **error)
{
  const char *what = NULL;

  switch (self->compress)
    {
    case TRIB_SYNC_COMPRESS_GZIP:
      if (self->in_stream || self->consumed == 0)
        what = "gzip";
      break;
    case TRIB_SYNC_COMPRESS_BZIP2:
      if (self->in_stream || self->consumed == 0)
        what = "bzip2";
      break;
    case TRIB_SYNC_COMPRESS_ZIP:
      if (self->zip_state != ZIP_DONE)
        what = "zip";
      break;
    case TRIB_SYNC_COMPRESS_NONE:
    default:
      break;
    }
  if (what != NULL)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
                   _("the %s data ends early: the file is truncated"), what);
      return FALSE;
    }
  return TRUE;
}
