/* trib-sync-object-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-connector-error.h"
#include "trib-sync-error.h"
#include "trib-s3-store.h"
#include "trib-secrets.h"
#include "trib-sync-object-writer.h"
#include "trib-sync-sources.h"
#include "trib-sync-text-writer.h"

/* Formatted records are handed to the store in pieces of this size. */
#define CHUNK_SIZE (1024 * 1024)
/* S3 parts in flight at once. */
#define PARALLEL_PARTS 3

struct _TribSyncObjectWriter
{
  TribSyncWriter      parent_instance;

  TribObjectStore    *store;
  TribSyncSources    *sources;         /* to open the store in prepare */
  char               *datasource;
  TribSyncTextWriter *text;
  TribSyncTransfer   *run;

  char               *object;
  char               *suffix;
  char               *path;
  TribSyncWriteMode   write_mode;
  gboolean            single;
  gboolean            generate_empty;
  guint64             max_size;

  char               *base_name;
  guint               roll;
  TribObjectWriter   *current;
  guint64             current_size;
  GByteArray         *chunk;
  GByteArray         *record;
  GPtrArray          *committed;
  guint64             total_bytes;
  GStrv               keys;
  guint64             n_records;       /* appended so far, for a record's position */
  guint64             n_ambiguous;     /* text lines that do not split back into their record */
  gboolean            swept_uploads;   /* truncate: stale uploads under the prefix aborted */
};

G_DEFINE_FINAL_TYPE (TribSyncObjectWriter, trib_sync_object_writer, TRIB_TYPE_SYNC_WRITER)

static char *
object_name (TribSyncObjectWriter *self,
             guint                 roll)
{
  GString *name = g_string_new (self->base_name);

  if (self->single)
    return g_string_free (name, FALSE);
  if (roll > 0)
    g_string_append_printf (name, "_%u", roll);
  if (self->suffix)
    {
      if (self->suffix[0] != '.')
        g_string_append_c (name, '.');
      g_string_append (name, self->suffix);
    }
  return g_string_free (name, FALSE);
}

static gboolean
store_failed (TribSyncObjectWriter  *self,
              const char            *key,
              GError               **error)
{
  g_autofree char *uri = trib_object_store_dup_uri (self->store, key);

  if (error && *error && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("cannot write %s: "), uri);
  return FALSE;
}

static gboolean
flush_chunk (TribSyncObjectWriter  *self,
             GCancellable          *cancellable,
             GError               **error)
{
  if (self->chunk->len == 0)
    return TRUE;
  if (!trib_object_writer_write (self->current, self->chunk->data, self->chunk->len, cancellable, error))
    return store_failed (self, trib_object_writer_get_key (self->current), error);
  self->total_bytes += self->chunk->len;
  g_byte_array_set_size (self->chunk, 0);
  return TRUE;
}

static void
log_stale_uploads (TribSyncObjectWriter *self,
                   const char           *key,
                   guint                 aborted)
{
  g_autofree char *uri = trib_object_store_dup_uri (self->store, key);

  trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_WARNING,
                          g_dngettext (GETTEXT_PACKAGE, "aborted %u incomplete upload of %s left by an interrupted run",
                                       "aborted %u incomplete uploads of %s left by an interrupted run", aborted),
                          aborted, uri);
  trib_sync_transfer_writer_stale_uploads (self->run, aborted);
}

/* Listing or aborting failed: not worth failing the run for (a policy without
 * s3:ListBucketMultipartUploads, say), the new object is written all the same. */
static gboolean
stale_uploads_failed (TribSyncObjectWriter  *self,
                      const char            *key,
                      GError               **local_error,
                      GError               **error)
{
  g_autofree char *uri = trib_object_store_dup_uri (self->store, key);

  if (g_error_matches (*local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (local_error));
      return FALSE;
    }
  trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_WARNING,
                          _("cannot look for incomplete uploads of %s left by an interrupted run: %s"),
                          uri, (*local_error)->message);
  g_clear_error (local_error);
  return TRUE;
}

/* truncate owns every key under the object prefix (it deletes their objects on commit), so
 * it aborts their incomplete uploads too: those of the uniquely named objects a killed run
 * of writeSingleObject false left, which no later run writes again. Called before this
 * run starts any upload: none of them is its own. */
static gboolean
abort_stale_uploads_under_prefix (TribSyncObjectWriter  *self,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  TribS3Client *client = trib_s3_store_get_client (TRIB_S3_STORE (self->store));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) uploads = trib_s3_client_list_multipart_uploads (client, self->object, cancellable, &local_error);
  const char *key = NULL;
  guint aborted = 0;

  /* Listed by key: one line per key. */
  for (guint i = 0; uploads != NULL && i < uploads->len && local_error == NULL; i++)
    {
      const TribS3Upload *upload = g_ptr_array_index (uploads, i);

      if (key != NULL && !g_str_equal (key, upload->key) && aborted > 0)
        {
          log_stale_uploads (self, key, aborted);
          aborted = 0;
        }
      key = upload->key;
      if (trib_s3_client_abort_multipart_upload (client, upload->key, upload->upload_id, cancellable, &local_error))
        aborted++;
      /* NoSuchUpload: gone meanwhile. */
      else if (g_error_matches (local_error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND))
        g_clear_error (&local_error);
    }
  if (aborted > 0)
    log_stale_uploads (self, key, aborted);
  if (local_error != NULL)
    return stale_uploads_failed (self, self->object, &local_error, error);
  return TRUE;
}

/* What a killed run left of this object on S3 goes now, and the node log says so. */
static gboolean
abort_stale_uploads (TribSyncObjectWriter  *self,
                     TribS3ObjectWriter    *writer,
                     GCancellable          *cancellable,
                     GError               **error)
{
  const char *key = trib_object_writer_get_key (TRIB_OBJECT_WRITER (writer));
  g_autoptr(GError) local_error = NULL;
  gint aborted = trib_s3_object_writer_abort_stale_uploads (writer, cancellable, &local_error);

  if (aborted > 0)
    log_stale_uploads (self, key, (guint) aborted);
  else if (aborted < 0)
    return stale_uploads_failed (self, key, &local_error, error);
  return TRUE;
}

static gboolean
open_object (TribSyncObjectWriter  *self,
             GCancellable          *cancellable,
             GError               **error)
{
  g_autofree char *key = object_name (self, self->roll);

  if (TRIB_IS_S3_STORE (self->store) && self->write_mode == TRIB_SYNC_WRITE_MODE_TRUNCATE &&
      !self->swept_uploads)
    {
      self->swept_uploads = TRUE;
      if (!abort_stale_uploads_under_prefix (self, cancellable, error))
        return FALSE;
    }
  self->current = trib_object_store_create_writer (self->store, key, cancellable, error);
  if (self->current == NULL)
    return store_failed (self, key, error);
  /* truncate swept the whole prefix already (the writer still looks, quietly). */
  if (TRIB_IS_S3_OBJECT_WRITER (self->current) && self->write_mode != TRIB_SYNC_WRITE_MODE_TRUNCATE &&
      !abort_stale_uploads (self, TRIB_S3_OBJECT_WRITER (self->current), cancellable, error))
    return FALSE;
  self->current_size = 0;
  if (!trib_sync_text_writer_append_header (self->text, self->chunk, error))
    return FALSE;
  self->current_size = self->chunk->len;
  return TRUE;
}

static gboolean
commit_current (TribSyncObjectWriter  *self,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autofree char *key = g_strdup (trib_object_writer_get_key (self->current));
  g_autofree char *uri = trib_object_store_dup_uri (self->store, key);

  if (!flush_chunk (self, cancellable, error))
    return FALSE;
  if (!trib_object_writer_commit (self->current, cancellable, error))
    return store_failed (self, key, error);
  if (TRIB_IS_S3_OBJECT_WRITER (self->current))
    trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_INFO,
                            _("Wrote %s (%" PRIu64 " bytes; the server completed the upload in %.3f s)"),
                            uri, trib_object_writer_get_bytes_written (self->current),
                            trib_s3_object_writer_get_complete_us (TRIB_S3_OBJECT_WRITER (self->current)) / 1e6);
  else
    trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_INFO, _("Wrote %s (%" PRIu64 " bytes)"),
                            uri, trib_object_writer_get_bytes_written (self->current));
  g_clear_object (&self->current);
  g_ptr_array_add (self->committed, g_steal_pointer (&key));
  return TRUE;
}

static gboolean
open_store (TribSyncObjectWriter  *self,
            GCancellable          *cancellable,
            GError               **error)
{
  static const TribDataSourceKind kinds[] = {
    TRIB_DATA_SOURCE_KIND_S3, TRIB_DATA_SOURCE_KIND_LOCAL, TRIB_DATA_SOURCE_KIND_UNKNOWN
  };
  g_autofree char *path = g_strdup_printf ("%s.datasource", self->path);
  g_autoptr(TribDataSource) data_source = NULL;
  g_autoptr(TribSecret) secret = NULL;

  data_source = trib_sync_sources_lookup (self->sources, self->datasource, kinds, path, error);
  if (data_source == NULL)
    return FALSE;
  secret = trib_sync_sources_dup_secret (self->sources, data_source, cancellable, error);
  if (secret == NULL)
    return FALSE;
  self->store = trib_object_store_new_for_data_source (data_source, secret,
                                                       trib_sync_sources_get_directory (self->sources), error);
  if (self->store == NULL)
    return FALSE;
  /* S3's smallest parts: the least memory per part in flight, and the shortest wait for
   * the last one before the upload completes. */
  if (TRIB_IS_S3_STORE (self->store))
    trib_s3_store_set_part_size (TRIB_S3_STORE (self->store), TRIB_S3_MIN_PART_SIZE);
  return TRUE;
}

/* S3: parts go up in parallel while the next one fills, so reading, formatting and
 * uploading overlap. */
static void
tune_s3_store (TribS3Store *store)
{
  trib_s3_store_set_parallel_parts (store, PARALLEL_PARTS);
  /* Hashing every byte with SHA-256 before sending it costs more CPU than the rest of
   * the pipeline; the requests stay signed (and TLS protects the bytes on https). */
  trib_s3_client_set_unsigned_payload (trib_s3_store_get_client (store), TRUE);
}

static gboolean
trib_sync_object_writer_prepare (TribSyncWriter  *writer,
                                 TribSyncTransfer     *run,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  TribSyncObjectWriter *self = TRIB_SYNC_OBJECT_WRITER (writer);
  g_autofree char *prefix_uri = NULL;

  self->run = run;
  if (self->store == NULL && !open_store (self, cancellable, error))
    return FALSE;
  if (TRIB_IS_S3_STORE (self->store))
    tune_s3_store (TRIB_S3_STORE (self->store));
  prefix_uri = trib_object_store_dup_uri (self->store, self->object);
  g_ptr_array_set_size (self->committed, 0);
  self->swept_uploads = FALSE;

  if (self->write_mode != TRIB_SYNC_WRITE_MODE_NON_CONFLICT && TRIB_IS_S3_STORE (self->store))
    {
      /* One cheap request before anything is read, as DataX checks the bucket: a wrong
       * bucket, key or endpoint fails now, not after the whole source was read. */
      g_autoptr(GPtrArray) some = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_s3_object_free);
      g_autofree char *next = NULL;

      if (!trib_s3_client_list_objects_page (trib_s3_store_get_client (TRIB_S3_STORE (self->store)), self->object,
                                             NULL, NULL, 1, some, NULL, &next, cancellable, error))
        return store_failed (self, self->object, error);
    }

  if (self->write_mode == TRIB_SYNC_WRITE_MODE_NON_CONFLICT)
    {
      g_autoptr(GPtrArray) existing = trib_object_store_list (self->store, self->object, cancellable, error);

      if (existing == NULL)
        return store_failed (self, self->object, error);
      if (existing->len > 0)
        {
          const TribObjectInfo *first = g_ptr_array_index (existing, 0);

          g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_CONFLICT,
                       _("%s.writeMode: nonConflict, but %u objects already start with \"%s\", such as \"%s\""),
                       self->path, existing->len, self->object, first->key);
          return FALSE;
        }
    }

  if (self->single)
    self->base_name = g_strdup (self->object);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();
      GString *compact = g_string_new (uuid);

      g_string_replace (compact, "-", "", 0);
      self->base_name = g_strdup_printf ("%s__%s", self->object, compact->str);
      g_string_free (compact, TRUE);
    }

  trib_sync_transfer_log (run, TRIB_SYNC_LOG_INFO, self->single ? _("Writing one object at %s (writeMode %s)")
                                                           : _("Writing objects under %s (writeMode %s)"),
                     prefix_uri, trib_sync_write_mode_to_string (self->write_mode));
  return TRUE;
}

#define MAX_AMBIGUOUS_ECHOED 5

static void
note_ambiguous (TribSyncObjectWriter *self,
                const TribSyncBatch  *batch,
                guint                 record)
{
  self->n_ambiguous++;
  if (self->n_ambiguous <= MAX_AMBIGUOUS_ECHOED)
    {
      g_autofree char *json = trib_sync_batch_dup_record_json (batch, record);

      trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_WARNING,
                              _("Record %" PRIu64 " holds the field delimiter or a line break in a value, "
                                "written raw: %s"), self->n_records, json);
    }
}

static gboolean
trib_sync_object_writer_write_batch (TribSyncWriter       *writer,
                                     const TribSyncBatch  *batch,
                                     GCancellable         *cancellable,
                                     GError              **error)
{
  TribSyncObjectWriter *self = TRIB_SYNC_OBJECT_WRITER (writer);

  for (guint i = 0; i < batch->n_records; i++)
    {
      g_autoptr(GError) local_error = NULL;
      guint start;
      guint length;

      if (self->current == NULL && !open_object (self, cancellable, error))
        return FALSE;
      start = self->chunk->len;

      if (!trib_sync_text_writer_append_record (self->text, batch, i, self->chunk, &local_error))
        {
          g_autofree char *json = trib_sync_batch_dup_record_json (batch, i);

          if (!g_error_matches (local_error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          self->n_records++;
          if (!trib_sync_transfer_writer_dirty (self->run, local_error->message, json, error))
            return FALSE;
          continue;
        }
      self->n_records++;
      if (trib_sync_text_writer_last_record_ambiguous (self->text))
        note_ambiguous (self, batch, i);
      length = self->chunk->len - start;

      if (self->max_size > 0 && self->current_size > 0 && self->current_size + length > self->max_size)
        {
          /* This record starts the next object: keep it aside while the current one ends. */
          g_byte_array_set_size (self->record, 0);
          g_byte_array_append (self->record, self->chunk->data + start, length);
          g_byte_array_set_size (self->chunk, start);
          if (!commit_current (self, cancellable, error))
            return FALSE;
          self->roll++;
          if (!open_object (self, cancellable, error))
            return FALSE;
          g_byte_array_append (self->chunk, self->record->data, self->record->len);
        }
      self->current_size += length;

      if (self->chunk->len >= CHUNK_SIZE && !flush_chunk (self, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
trib_sync_object_writer_commit (TribSyncWriter  *writer,
                                GCancellable    *cancellable,
                                GError         **error)
{
  TribSyncObjectWriter *self = TRIB_SYNC_OBJECT_WRITER (writer);

  if (self->n_ambiguous > 0)
    {
      /* DataX writes them the same way, silently; here the user hears of it. */
      trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_WARNING,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%" PRIu64 " record holds the field delimiter or a line break in a value: "
                                           "in fileFormat text its line does not split back into the record, so a table over "
                                           "the object reads it wrong. Use fileFormat csv (which quotes such values), or set "
                                           "\"ambiguousRecords\": \"dirty\" to count them as dirty records",
                                           "%" PRIu64 " records hold the field delimiter or a line break in a value: "
                                           "in fileFormat text their lines do not split back into the records, so a table over "
                                           "the object reads them wrong. Use fileFormat csv (which quotes such values), or set "
                                           "\"ambiguousRecords\": \"dirty\" to count them as dirty records",
                                           self->n_ambiguous),
                              self->n_ambiguous);
      trib_sync_transfer_writer_ambiguous (self->run, self->n_ambiguous);
    }

  if (self->current == NULL && self->committed->len == 0)
    {
      if (!self->generate_empty)
        {
          trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_INFO, _("No records: no object written (generateEmptyFile is false)"));
          return TRUE;
        }
      if (!open_object (self, cancellable, error))
        return FALSE;
    }

  if (self->write_mode == TRIB_SYNC_WRITE_MODE_TRUNCATE)
    {
      /* The old objects go now that the new output is complete. The final key itself is
       * not deleted: committing it replaces the old object at once. */
      const char *final_key = self->current ? trib_object_writer_get_key (self->current) : NULL;
      g_autoptr(GPtrArray) existing = trib_object_store_list (self->store, self->object, cancellable, error);
      guint removed = 0;

      if (existing == NULL)
        return store_failed (self, self->object, error);
      for (guint i = 0; i < existing->len; i++)
        {
          const TribObjectInfo *info = g_ptr_array_index (existing, i);

          if (g_strcmp0 (info->key, final_key) == 0 ||
              g_ptr_array_find_with_equal_func (self->committed, info->key, g_str_equal, NULL))
            continue;
          if (!trib_object_store_remove (self->store, info->key, cancellable, error))
            return store_failed (self, info->key, error);
          removed++;
        }
      if (removed > 0)
        trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_INFO, _("truncate: removed %u old objects under \"%s\""),
                                removed, self->object);
    }

  if (self->current != NULL && !commit_current (self, cancellable, error))
    return FALSE;

  g_strfreev (self->keys);
  g_ptr_array_add (self->committed, NULL);
  self->keys = g_strdupv ((char **) self->committed->pdata);
  g_ptr_array_remove_index (self->committed, self->committed->len - 1);
  return TRUE;
}

static void
trib_sync_object_writer_abort (TribSyncWriter *writer)
{
  TribSyncObjectWriter *self = TRIB_SYNC_OBJECT_WRITER (writer);

  if (self->current != NULL)
    {
      trib_object_writer_abort (self->current);
      g_clear_object (&self->current);
    }
  g_byte_array_set_size (self->chunk, 0);

  /* Objects already rolled over and committed are removed again. */
  for (guint i = 0; i < self->committed->len; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *key = g_ptr_array_index (self->committed, i);

      if (!trib_object_store_remove (self->store, key, NULL, &error) && self->run)
        trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_WARNING, _("cannot remove %s after the failure: %s"),
                                key, error->message);
    }
  g_ptr_array_set_size (self->committed, 0);
}

static guint64
trib_sync_object_writer_get_bytes (TribSyncWriter *writer)
{
  /* Read from the engine's thread while the writer thread works: a torn read of a
   * 64-bit counter is harmless on the platforms we build for. */
  return TRIB_SYNC_OBJECT_WRITER (writer)->total_bytes;
}

static void
trib_sync_object_writer_finalize (GObject *object)
{
  TribSyncObjectWriter *self = (TribSyncObjectWriter *) object;

  if (self->current != NULL)
    trib_object_writer_abort (self->current);
  g_clear_object (&self->current);
  g_clear_object (&self->store);
  g_clear_object (&self->sources);
  g_free (self->datasource);
  g_clear_pointer (&self->text, trib_sync_text_writer_free);
  g_free (self->object);
  g_free (self->suffix);
  g_free (self->path);
  g_free (self->base_name);
  g_byte_array_unref (self->chunk);
  g_byte_array_unref (self->record);
  g_ptr_array_unref (self->committed);
  g_strfreev (self->keys);

  G_OBJECT_CLASS (trib_sync_object_writer_parent_class)->finalize (object);
}

static void
trib_sync_object_writer_class_init (TribSyncObjectWriterClass *klass)
{
  TribSyncWriterClass *writer_class = TRIB_SYNC_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = trib_sync_object_writer_finalize;
  writer_class->prepare = trib_sync_object_writer_prepare;
  writer_class->write_batch = trib_sync_object_writer_write_batch;
  writer_class->commit = trib_sync_object_writer_commit;
  writer_class->abort = trib_sync_object_writer_abort;
  writer_class->get_bytes = trib_sync_object_writer_get_bytes;
}

static void
trib_sync_object_writer_init (TribSyncObjectWriter *self)
{
  self->chunk = g_byte_array_sized_new (CHUNK_SIZE + 64 * 1024);
  self->record = g_byte_array_new ();
  self->committed = g_ptr_array_new_with_free_func (g_free);
}

static TribSyncObjectWriter *
object_writer_new (const TribSyncObjectWriterConfig  *config,
                   GError                           **error)
{
  g_autoptr(TribSyncObjectWriter) self = g_object_new (TRIB_TYPE_SYNC_OBJECT_WRITER, NULL);

  self->text = trib_sync_text_writer_new (&config->output, error);
  if (self->text == NULL)
    return NULL;
  self->datasource = g_strdup (config->datasource);
  self->object = g_strdup (config->object);
  self->suffix = g_strdup (config->suffix);
  self->path = g_strdup (config->path);
  self->write_mode = config->write_mode;
  self->single = config->write_single_object;
  self->generate_empty = config->generate_empty_file;
  self->max_size = config->max_file_size;
  return g_steal_pointer (&self);
}

TribSyncWriter *
trib_sync_object_writer_new (const TribSyncObjectWriterConfig  *config,
                             TribObjectStore                   *store,
                             GError                           **error)
{
  TribSyncObjectWriter *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (store), NULL);

  self = object_writer_new (config, error);
  if (self != NULL)
    self->store = g_object_ref (store);
  return (TribSyncWriter *) self;
}

TribSyncWriter *
trib_sync_object_writer_new_for_sources (const TribSyncObjectWriterConfig  *config,
                                         TribSyncSources                   *sources,
                                         GError                           **error)
{
  TribSyncObjectWriter *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (sources), NULL);

  self = object_writer_new (config, error);
  if (self != NULL)
    self->sources = g_object_ref (sources);
  return (TribSyncWriter *) self;
}

const char * const *
trib_sync_object_writer_get_keys (TribSyncObjectWriter *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_OBJECT_WRITER (self), NULL);
  return (const char * const *) self->keys;
}
