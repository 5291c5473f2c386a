/* trib-s3-object-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-s3-object-writer-private.h"

struct _TribS3ObjectWriter
{
  TribObjectWriter  parent_instance;
  TribS3Client     *client;
  GByteArray       *buffer;
  gsize             part_size;
  char             *upload_id;
  GPtrArray        *etags;
};

G_DEFINE_FINAL_TYPE (TribS3ObjectWriter, trib_s3_object_writer, TRIB_TYPE_OBJECT_WRITER)

static gboolean
send_part (TribS3ObjectWriter  *self,
           gsize                length,
           GCancellable        *cancellable,
           GError             **error)
{
  const char *key = trib_object_writer_get_key (TRIB_OBJECT_WRITER (self));
  g_autoptr(GBytes) part = NULL;
  char *etag;

  if (self->upload_id == NULL)
    {
      self->upload_id = trib_s3_client_create_multipart_upload (self->client, key, NULL, cancellable, error);
      if (self->upload_id == NULL)
        return FALSE;
    }

  part = g_bytes_new (self->buffer->data, length);
  etag = trib_s3_client_upload_part (self->client, key, self->upload_id, self->etags->len + 1, part,
                                     cancellable, error);
  if (etag == NULL)
    return FALSE;
  g_ptr_array_add (self->etags, etag);
  g_byte_array_remove_range (self->buffer, 0, length);
  return TRUE;
}

static gboolean
trib_s3_object_writer_write (TribObjectWriter  *writer,
                             const guint8      *data,
                             gsize              length,
                             GCancellable      *cancellable,
                             GError           **error)
{
  TribS3ObjectWriter *self = TRIB_S3_OBJECT_WRITER (writer);

  g_byte_array_append (self->buffer, data, length);
  while (self->buffer->len >= self->part_size)
    if (!send_part (self, self->part_size, cancellable, error))
      return FALSE;
  return TRUE;
}

static gboolean
trib_s3_object_writer_commit (TribObjectWriter  *writer,
                              GCancellable      *cancellable,
                              GError           **error)
{
  TribS3ObjectWriter *self = TRIB_S3_OBJECT_WRITER (writer);
  const char *key = trib_object_writer_get_key (writer);

  if (self->upload_id == NULL)
    {
      g_autoptr(GBytes) whole = g_bytes_new (self->buffer->data, self->buffer->len);
      return trib_s3_client_put_object (self->client, key, whole, NULL, cancellable, error);
    }

  if (self->buffer->len > 0 && !send_part (self, self->buffer->len, cancellable, error))
    return FALSE;

  g_ptr_array_add (self->etags, NULL);
  if (!trib_s3_client_complete_multipart_upload (self->client, key, self->upload_id,
                                                 (const char * const *) self->etags->pdata, cancellable, error))
    {
      g_ptr_array_remove_index (self->etags, self->etags->len - 1);
      return FALSE;
    }
  g_clear_pointer (&self->upload_id, g_free);
  return TRUE;
}

static void
trib_s3_object_writer_abort (TribObjectWriter *writer)
{
  TribS3ObjectWriter *self = TRIB_S3_OBJECT_WRITER (writer);

  if (self->upload_id != NULL)
    {
      /* Best effort: the parts of an unfinished upload are never visible as an object. */
      trib_s3_client_abort_multipart_upload (self->client, trib_object_writer_get_key (writer),
                                             self->upload_id, NULL, NULL);
      g_clear_pointer (&self->upload_id, g_free);
    }
  if (self->buffer)
    g_byte_array_set_size (self->buffer, 0);
}

static void
trib_s3_object_writer_finalize (GObject *object)
{
  TribS3ObjectWriter *self = (TribS3ObjectWriter *) object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->upload_id, g_free);
  g_clear_pointer (&self->etags, g_ptr_array_unref);

  G_OBJECT_CLASS (trib_s3_object_writer_parent_class)->finalize (object);
}

static void
trib_s3_object_writer_class_init (TribS3ObjectWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TribObjectWriterClass *writer_class = TRIB_OBJECT_WRITER_CLASS (klass);

  object_class->finalize = trib_s3_object_writer_finalize;
  writer_class->write = trib_s3_object_writer_write;
  writer_class->commit = trib_s3_object_writer_commit;
  writer_class->abort = trib_s3_object_writer_abort;
}

static void
trib_s3_object_writer_init (TribS3ObjectWriter *self)
{
  self->buffer = g_byte_array_new ();
  self->etags = g_ptr_array_new_with_free_func (g_free);
}

TribObjectWriter *
_trib_s3_object_writer_new (TribS3Client *client,
                            const char   *key,
                            gsize         part_size)
{
  TribS3ObjectWriter *self = g_object_new (TRIB_TYPE_S3_OBJECT_WRITER, "key", key, NULL);

  self->client = g_object_ref (client);
  self->part_size = MAX (part_size, 1);
  return TRIB_OBJECT_WRITER (self);
}

const char *
_trib_s3_object_writer_get_upload_id (TribS3ObjectWriter *self)
{
  g_return_val_if_fail (TRIB_IS_S3_OBJECT_WRITER (self), NULL);
  return self->upload_id;
}
