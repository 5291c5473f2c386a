/* trib-sync-http-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-http-file.h"
#include "trib-secrets.h"
#include "trib-sync-error.h"
#include "trib-sync-http-reader.h"
#include "trib-sync-sources.h"
#include "trib-sync-text-reader.h"

struct _TribSyncHttpReader
{
  TribSyncReader                  parent_instance;

  const TribSyncFileReaderConfig *config;
  TribSyncSources                *sources;
  TribHttpFile                   *http;
  char                           *url;
  gint64                          size;        /* -1: unknown */
  guint64                         received;    /* updated by the channel, read for progress */
};

G_DEFINE_FINAL_TYPE (TribSyncHttpReader, trib_sync_http_reader, TRIB_TYPE_SYNC_READER)

static gboolean
trib_sync_http_reader_prepare (TribSyncReader  *reader,
                               TribSyncTransfer     *run,
                               GCancellable    *cancellable,
                               GError         **error)
{
  TribSyncHttpReader *self = TRIB_SYNC_HTTP_READER (reader);
  static const TribDataSourceKind kinds[] = { TRIB_DATA_SOURCE_KIND_HTTPFILE, TRIB_DATA_SOURCE_KIND_UNKNOWN };
  g_autofree char *path = g_strdup_printf ("%s.datasource", self->config->path);
  g_autoptr(TribDataSource) data_source = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *content_type = NULL;
  guint status = 0;

  data_source = trib_sync_sources_lookup (self->sources, self->config->datasource, kinds, path, error);
  if (data_source == NULL)
    return FALSE;
  secret = trib_sync_sources_dup_secret (self->sources, data_source, cancellable, error);
  if (secret == NULL)
    return FALSE;
  self->http = trib_http_file_new (data_source, *secret ? secret : NULL, error);
  if (self->http == NULL)
    return FALSE;
  self->url = trib_http_file_dup_url (self->http, self->config->file_name);

  /* A HEAD first: a missing file fails before anything is read, and the size gives the
   * progress percentage. A POST source is not probed: the request may not be idempotent. */
  self->size = -1;
  if (g_ascii_strcasecmp (self->config->request_method, "GET") == 0 &&
      !trib_http_file_stat (self->http, self->config->file_name, &status, &self->size, &content_type,
                            cancellable, error))
    {
      if (error && *error && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          strstr ((*error)->message, self->url) == NULL)
        g_prefix_error (error, _("cannot read %s: "), self->url);
      return FALSE;
    }
  trib_sync_transfer_log (run, TRIB_SYNC_LOG_INFO, self->size >= 0 ? _("Reading %s (%" PRId64 " bytes)")
                                                              : _("Reading %s"),
                     self->url, self->size);
  return TRUE;
}

static guint
trib_sync_http_reader_get_n_slices (TribSyncReader *reader)
{
  return 1;
}

typedef struct
{
  TribSyncHttpReader *self;
  TribSyncTextReader *text;
} Fetch;

static gboolean
sink_cb (const guint8  *data,
         gsize          length,
         gpointer       user_data,
         GError       **error)
{
  Fetch *fetch = user_data;

  fetch->self->received += length;
  return trib_sync_text_reader_feed (fetch->text, data, length, error);
}

static gboolean
trib_sync_http_reader_read_slice (TribSyncReader   *reader,
                                  guint             slice,
                                  TribSyncEmitter  *emitter,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  TribSyncHttpReader *self = TRIB_SYNC_HTTP_READER (reader);
  const TribSyncFileReaderConfig *config = self->config;
  g_autoptr(TribSyncTextReader) text = NULL;
  g_autoptr(GBytes) body = NULL;
  Fetch fetch;
  gboolean ok;

  text = trib_sync_text_reader_new (&config->input, emitter, error);
  if (text == NULL)
    return FALSE;
  if (config->request_body)
    body = g_bytes_new (config->request_body, strlen (config->request_body));

  fetch.self = self;
  fetch.text = text;
  ok = trib_http_file_fetch (self->http, config->file_name, config->request_method, body,
                             (const char * const *) config->request_headers, sink_cb, &fetch,
                             cancellable, error) &&
       trib_sync_text_reader_finish (text, error);
  /* Transfer and format errors name the file; a dirty-data limit or a cancellation
   * speaks for itself. */
  if (!ok && error && *error && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (*error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_LIMIT) &&
      strstr ((*error)->message, self->url) == NULL)
    g_prefix_error (error, _("cannot read %s: "), self->url);
  return ok;
}

static double
trib_sync_http_reader_get_fraction (TribSyncReader *reader)
{
  TribSyncHttpReader *self = TRIB_SYNC_HTTP_READER (reader);

  if (self->size <= 0)
    return -1;
  return (double) self->received / self->size;
}

static void
trib_sync_http_reader_finalize (GObject *object)
{
  TribSyncHttpReader *self = (TribSyncHttpReader *) object;

  g_clear_object (&self->sources);
  g_clear_object (&self->http);
  g_free (self->url);

  G_OBJECT_CLASS (trib_sync_http_reader_parent_class)->finalize (object);
}

static void
trib_sync_http_reader_class_init (TribSyncHttpReaderClass *klass)
{
  TribSyncReaderClass *reader_class = TRIB_SYNC_READER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = trib_sync_http_reader_finalize;
  reader_class->prepare = trib_sync_http_reader_prepare;
  reader_class->get_n_slices = trib_sync_http_reader_get_n_slices;
  reader_class->read_slice = trib_sync_http_reader_read_slice;
  reader_class->get_fraction = trib_sync_http_reader_get_fraction;
}

static void
trib_sync_http_reader_init (TribSyncHttpReader *self)
{
  self->size = -1;
}

TribSyncReader *
trib_sync_http_reader_new (const TribSyncFileReaderConfig *config,
                           TribSyncSources                *sources)
{
  TribSyncHttpReader *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (sources), NULL);

  self = g_object_new (TRIB_TYPE_SYNC_HTTP_READER, NULL);
  self->config = config;
  self->sources = g_object_ref (sources);
  return TRIB_SYNC_READER (self);
}
