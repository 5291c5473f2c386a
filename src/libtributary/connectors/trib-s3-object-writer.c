/* trib-s3-object-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-connector-error.h"
#include "trib-s3-object-writer.h"

struct _TribS3ObjectWriter
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
  gboolean          stale_checked; /* the key's incomplete uploads were looked for */
};

G_DEFINE_FINAL_TYPE (TribS3ObjectWriter, trib_s3_object_writer, TRIB_TYPE_OBJECT_WRITER)

typedef struct
{
  guint       number;
  GByteArray *buffer;
} Part;

static void
upload_part_cb (gpointer data,
                gpointer user_data)
{
  TribS3ObjectWriter *self = user_data;
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
wait_in_flight (TribS3ObjectWriter  *self,
                guint               limit,
                GCancellable       *cancellable,
                GError            **error)
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

gint
trib_s3_object_writer_abort_stale_uploads (TribS3ObjectWriter  *self,
                                           GCancellable        *cancellable,
                                           GError             **error)
{
  const char *key = trib_object_writer_get_key (TRIB_OBJECT_WRITER (self));
  g_autoptr(GPtrArray) uploads = NULL;
  gint aborted = 0;

  g_return_val_if_fail (TRIB_IS_S3_OBJECT_WRITER (self), -1);

  if (self->stale_checked)
    return 0;
  self->stale_checked = TRUE;

  /* Listed before this writer starts its own upload: every one of them is older. */
  uploads = trib_s3_client_list_multipart_uploads (self->client, key, cancellable, error);
  if (uploads == NULL)
    return -1;
  for (guint i = 0; i < uploads->len; i++)
    {
      const TribS3Upload *upload = g_ptr_array_index (uploads, i);
      g_autoptr(GError) local_error = NULL;

      /* The listing is by prefix: "a.csv" also lists "a.csv.gz". */
      if (!g_str_equal (upload->key, key) || g_strcmp0 (upload->upload_id, self->upload_id) == 0)
        continue;
      if (trib_s3_client_abort_multipart_upload (self->client, key, upload->upload_id, cancellable, &local_error))
        aborted++;
      /* NoSuchUpload: completed or aborted by someone else meanwhile; gone all the same. */
      else if (!g_error_matches (local_error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return -1;
        }
    }
  return aborted;
}

/* Before the writer's first request, unless its caller did it already: best effort. */
static void
abort_stale_uploads_quietly (TribS3ObjectWriter *self,
                             GCancellable       *cancellable)
{
  if (!self->stale_checked)
    trib_s3_object_writer_abort_stale_uploads (self, cancellable, NULL);
}

static gboolean
submit_part (TribS3ObjectWriter  *self,
             GCancellable        *cancellable,
             GError             **error)
{
  const char *key = trib_object_writer_get_key (TRIB_OBJECT_WRITER (self));
  Part *part;

  if (self->upload_id == NULL)
    {
      abort_stale_uploads_quietly (self, cancellable);
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
trib_s3_object_writer_write (TribObjectWriter  *writer,
                             const guint8      *data,
                             gsize              length,
                             GCancellable      *cancellable,
                             GError           **error)
{
  TribS3ObjectWriter *self = TRIB_S3_OBJECT_WRITER (writer);

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
trib_s3_object_writer_commit (TribObjectWriter  *writer,
                              GCancellable      *cancellable,
                              GError           **error)
{
  TribS3ObjectWriter *self = TRIB_S3_OBJECT_WRITER (writer);
  const char *key = trib_object_writer_get_key (writer);
  gboolean ok;

  if (self->upload_id == NULL && self->buffer->len == 0)
    {
      /* An empty object has nothing that could be partial: one PUT. */
      g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

      abort_stale_uploads_quietly (self, cancellable);
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
trib_s3_object_writer_abort (TribObjectWriter *writer)
{
  TribS3ObjectWriter *self = TRIB_S3_OBJECT_WRITER (writer);

  /* Stop the parts in flight, wait for them, then give the upload up. */
  g_cancellable_cancel (self->uploads);
  g_mutex_lock (&self->lock);
  while (self->in_flight > 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->upload_id != NULL)
    {
      /* Best effort: S3 drops the parts. When it cannot be reached, the next writer of
       * the key aborts the upload. */
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

  G_OBJECT_CLASS (trib_s3_object_writer_parent_class)->finalize (object);
}

static void
trib_s3_object_writer_class_init (TribS3ObjectWriterClass *klass)
{
  TribObjectWriterClass *writer_class = TRIB_OBJECT_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = trib_s3_object_writer_finalize;
  writer_class->write = trib_s3_object_writer_write;
  writer_class->commit = trib_s3_object_writer_commit;
  writer_class->abort = trib_s3_object_writer_abort;
}

static void
trib_s3_object_writer_init (TribS3ObjectWriter *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->etags = g_ptr_array_new_with_free_func (g_free);
  self->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  self->uploads = g_cancellable_new ();
}

const char *
trib_s3_object_writer_get_upload_id (TribS3ObjectWriter *self)
{
  g_return_val_if_fail (TRIB_IS_S3_OBJECT_WRITER (self), NULL);
  return self->upload_id;
}

gint64
trib_s3_object_writer_get_complete_us (TribS3ObjectWriter *self)
{
  g_return_val_if_fail (TRIB_IS_S3_OBJECT_WRITER (self), 0);
  return self->complete_us;
}

TribObjectWriter *
trib_s3_object_writer_new (TribS3Client *client,
                           const char   *key,
                           gsize         part_size,
                           guint         max_parallel)
{
  TribS3ObjectWriter *self;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (TRIB_TYPE_S3_OBJECT_WRITER, "key", key, NULL);
  self->client = g_object_ref (client);
  self->part_size = MAX (part_size, 1);
  self->max_parallel = CLAMP (max_parallel, 1, TRIB_S3_MAX_PARALLEL_PARTS);
  self->buffer = g_byte_array_sized_new ((guint) self->part_size);
  self->pool = g_thread_pool_new (upload_part_cb, self, (int) self->max_parallel, FALSE, NULL);
  return TRIB_OBJECT_WRITER (self);
}
