/* trib-sync-s3-upload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-sync-s3-upload.h"

struct _TribSyncS3Upload
{
  TribObjectWriter  parent_instance;

  TribS3Client     *client;
  gsize             part_size;
  guint             max_parallel;
  GByteArray       *buffer;        /* the part being filled */
  GPtrArray        *spare;         /* part buffers back from the uploads, for reuse */
  char             *upload_id;
  guint             n_parts;       /* parts handed to the pool */
  GThreadPool      *pool;
  GCancellable     *uploads;       /* cancels the parts in flight */

  GMutex            lock;
  GCond             cond;
  guint             in_flight;
  GPtrArray        *etags;         /* part n at n - 1 */
  GError           *error;         /* the first failed part */
  gint64            complete_us;
};

G_DEFINE_FINAL_TYPE (TribSyncS3Upload, trib_sync_s3_upload, TRIB_TYPE_OBJECT_WRITER)

typedef struct
{
  guint       number;
  GByteArray *buffer;
} Part;

static void
upload_part_cb (gpointer data,
                gpointer user_data)
{
  TribSyncS3Upload *self = user_data;
  Part *part = data;
  g_autoptr(GError) error = NULL;
  char *etag = NULL;
  gboolean skip;

  g_mutex_lock (&self->lock);
  skip = self->error != NULL;
  g_mutex_unlock (&self->lock);

  if (!skip)
    {
      /* No copy: the buffer outlives the (synchronous) request. */
      g_autoptr(GBytes) bytes = g_bytes_new_static (part->buffer->data, part->buffer->len);

      etag = trib_s3_client_upload_part (self->client, trib_object_writer_get_key (TRIB_OBJECT_WRITER (self)),
                                         self->upload_id, part->number, bytes, self->uploads, &error);
    }

  g_mutex_lock (&self->lock);
  if (etag != NULL)
    {
      g_free (g_ptr_array_index (self->etags, part->number - 1));
      g_ptr_array_index (self->etags, part->number - 1) = etag;
    }
  else if (self->error == NULL && error != NULL)
    self->error = g_steal_pointer (&error);
  /* The same few buffers go round: no 8 MB allocation per part, no heap growth. */
  g_byte_array_set_size (part->buffer, 0);
  g_ptr_array_add (self->spare, part->buffer);
  self->in_flight--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_free (part);
}

/* Waits until at most @limit parts are in flight. FALSE with @error when a part failed
 * or the caller cancelled. */
static gboolean
wait_in_flight (TribSyncS3Upload  *self,
                guint              limit,
                GCancellable      *cancellable,
                GError           **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  while (self->error == NULL && self->in_flight > limit)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_cancellable_cancel (self->uploads);
          break;
        }
      g_cond_wait_until (&self->cond, &self->lock, g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10);
    }
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      ok = FALSE;
    }
  g_mutex_unlock (&self->lock);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  return ok;
}

static gboolean
submit_part (TribSyncS3Upload  *self,
             GCancellable      *cancellable,
             GError           **error)
{
  const char *key = trib_object_writer_get_key (TRIB_OBJECT_WRITER (self));
  Part *part;

  if (self->upload_id == NULL)
    {
      self->upload_id = trib_s3_client_create_multipart_upload (self->client, key, NULL, cancellable, error);
      if (self->upload_id == NULL)
        return FALSE;
    }
  if (!wait_in_flight (self, self->max_parallel - 1, cancellable, error))
    return FALSE;

  part = g_new0 (Part, 1);
  part->number = ++self->n_parts;
  part->buffer = g_steal_pointer (&self->buffer);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->etags, NULL);
  self->in_flight++;
  if (self->spare->len > 0)
    self->buffer = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
  g_mutex_unlock (&self->lock);
  if (self->buffer == NULL)
    self->buffer = g_byte_array_sized_new ((guint) self->part_size);
  g_thread_pool_push (self->pool, part, NULL);
  return TRUE;
}

static gboolean
trib_sync_s3_upload_write (TribObjectWriter  *writer,
                           const guint8      *data,
                           gsize              length,
                           GCancellable      *cancellable,
                           GError           **error)
{
  TribSyncS3Upload *self = TRIB_SYNC_S3_UPLOAD (writer);

  while (length > 0)
    {
      gsize take = MIN (length, self->part_size - self->buffer->len);

      g_byte_array_append (self->buffer, data, (guint) take);
      data += take;
      length -= take;
      if (self->buffer->len >= self->part_size && !submit_part (self, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
trib_sync_s3_upload_commit (TribObjectWriter  *writer,
                            GCancellable      *cancellable,
                            GError           **error)
{
  TribSyncS3Upload *self = TRIB_SYNC_S3_UPLOAD (writer);
  const char *key = trib_object_writer_get_key (writer);
  gboolean ok;

  if (self->upload_id == NULL && self->buffer->len == 0)
    {
      /* An empty object has nothing that could be partial: one PUT. */
      g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

      return trib_s3_client_put_object (self->client, key, empty, NULL, cancellable, error);
    }

  if (self->buffer->len > 0 && !submit_part (self, cancellable, error))
    return FALSE;
  if (!wait_in_flight (self, 0, cancellable, error))
    return FALSE;

  g_ptr_array_add (self->etags, NULL);
  self->complete_us = g_get_monotonic_time ();
  ok = trib_s3_client_complete_multipart_upload (self->client, key, self->upload_id,
                                                 (const char * const *) self->etags->pdata, cancellable, error);
  self->complete_us = g_get_monotonic_time () - self->complete_us;
  g_ptr_array_remove_index (self->etags, self->etags->len - 1);
  if (ok)
    g_clear_pointer (&self->upload_id, g_free);
  return ok;
}

static void
trib_sync_s3_upload_abort (TribObjectWriter *writer)
{
  TribSyncS3Upload *self = TRIB_SYNC_S3_UPLOAD (writer);

  /* Stop the parts in flight, wait for them, then give the upload up. */
  g_cancellable_cancel (self->uploads);
  g_mutex_lock (&self->lock);
  while (self->in_flight > 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->upload_id != NULL)
    {
      /* Best effort: S3 drops the parts; a server that refuses (405) keeps them in its
       * upload area, where no object is ever made of them. */
      trib_s3_client_abort_multipart_upload (self->client, trib_object_writer_get_key (writer),
                                             self->upload_id, NULL, NULL);
      g_clear_pointer (&self->upload_id, g_free);
    }
  if (self->buffer)
    g_byte_array_set_size (self->buffer, 0);
}

static void
trib_sync_s3_upload_finalize (GObject *object)
{
  TribSyncS3Upload *self = (TribSyncS3Upload *) object;

  /* The base class aborts in dispose: nothing is in flight any more. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->client);
  g_clear_object (&self->uploads);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_ptr_array_unref (self->spare);
  g_clear_pointer (&self->upload_id, g_free);
  g_ptr_array_unref (self->etags);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (trib_sync_s3_upload_parent_class)->finalize (object);
}

static void
trib_sync_s3_upload_class_init (TribSyncS3UploadClass *klass)
{
  TribObjectWriterClass *writer_class = TRIB_OBJECT_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = trib_sync_s3_upload_finalize;
  writer_class->write = trib_sync_s3_upload_write;
  writer_class->commit = trib_sync_s3_upload_commit;
  writer_class->abort = trib_sync_s3_upload_abort;
}

static void
trib_sync_s3_upload_init (TribSyncS3Upload *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->etags = g_ptr_array_new_with_free_func (g_free);
  self->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  self->uploads = g_cancellable_new ();
}

gint64
trib_sync_s3_upload_get_complete_us (TribSyncS3Upload *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_S3_UPLOAD (self), 0);
  return self->complete_us;
}

TribObjectWriter *
trib_sync_s3_upload_new (TribS3Client *client,
                         const char   *key,
                         gsize         part_size,
                         guint         max_parallel)
{
  TribSyncS3Upload *self;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (TRIB_TYPE_SYNC_S3_UPLOAD, "key", key, NULL);
  self->client = g_object_ref (client);
  /* Hashing every byte with SHA-256 before sending it costs more CPU than the rest of
   * the pipeline; the requests stay signed (and TLS protects the bytes on https). */
  trib_s3_client_set_unsigned_payload (client, TRUE);
  self->part_size = MAX (part_size, 1);
  self->max_parallel = CLAMP (max_parallel, 1, 16);
  self->buffer = g_byte_array_sized_new ((guint) self->part_size);
  self->pool = g_thread_pool_new (upload_part_cb, self, (int) self->max_parallel, FALSE, NULL);
  return TRIB_OBJECT_WRITER (self);
}
