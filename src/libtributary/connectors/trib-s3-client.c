/* trib-s3-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-connector-settings.h"
#include "trib-curl-private.h"
#include "trib-s3-client-private.h"
#include "trib-s3-xml-private.h"

/* SHA-256 of nothing: the payload hash of every request without a body. */
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

G_DEFINE_FINAL_TYPE (TribS3Client, trib_s3_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (TribS3Object, trib_s3_object, trib_s3_object_copy, trib_s3_object_free)

TribS3Object *
trib_s3_object_copy (const TribS3Object *object)
{
  TribS3Object *copy = g_new0 (TribS3Object, 1);

  copy->key = g_strdup (object->key);
  copy->size = object->size;
  copy->etag = g_strdup (object->etag);
  copy->last_modified = g_strdup (object->last_modified);
  return copy;
}

void
trib_s3_object_free (TribS3Object *object)
{
  if (object == NULL)
    return;
  g_free (object->key);
  g_free (object->etag);
  g_free (object->last_modified);
  g_free (object);
}

void
trib_s3_upload_free (TribS3Upload *upload)
{
  if (upload == NULL)
    return;
  g_free (upload->key);
  g_free (upload->upload_id);
  g_free (upload->initiated);
  g_free (upload);
}

static void
trib_s3_client_finalize (GObject *object)
{
  TribS3Client *self = (TribS3Client *) object;

  g_clear_object (&self->data_source);
  g_clear_pointer (&self->scheme, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->bucket, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->access_key_id, g_free);
  if (self->secret)
    memset (self->secret, 0, strlen (self->secret));
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->sigv4, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->last_endpoint, g_free);
  g_clear_pointer (&self->last_s3_code, g_free);
  g_clear_pointer (&self->last_region_hint, g_free);
  g_clear_pointer (&self->last_tls_detail, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (trib_s3_client_parent_class)->finalize (object);
}

static void
trib_s3_client_class_init (TribS3ClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_s3_client_finalize;
}

static void
trib_s3_client_init (TribS3Client *self)
{
  g_mutex_init (&self->mutex);
}

TribS3Client *
trib_s3_client_new (TribDataSource  *data_source,
                    const char      *secret_access_key,
                    GError         **error)
{
  g_autoptr(TribS3Client) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = NULL;
  const char *endpoint;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  if (trib_data_source_get_kind (data_source) != TRIB_DATA_SOURCE_KIND_S3)
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
                   _("data source \"%s\" is not an object storage source"), trib_data_source_get_name (data_source));
      return NULL;
    }
  if (!trib_connector_validate (data_source, error))
    return NULL;
  if (secret_access_key == NULL || *secret_access_key == '\0')
    {
      g_autofree char *env = trib_data_source_dup_secret_env_name (data_source);
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET,
                   _("data source \"%s\" has no secret access key: store it in the keyring or set %s"),
                   trib_data_source_get_name (data_source), env);
      return NULL;
    }

  endpoint = trib_data_source_get_option_string (data_source, "endpoint", NULL);
  text = strstr (endpoint, "://") ? g_strdup (endpoint) : g_strconcat ("https://", endpoint, NULL);
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  g_assert (uri != NULL);  /* validated above */

  self = g_object_new (TRIB_TYPE_S3_CLIENT, NULL);
  self->data_source = g_object_ref (data_source);
  self->scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (g_uri_get_port (uri) > 0)
    self->host = g_strdup_printf (strchr (g_uri_get_host (uri), ':') ? "[%s]:%d" : "%s:%d",
                                  g_uri_get_host (uri), g_uri_get_port (uri));
  else
    self->host = g_strdup_printf (strchr (g_uri_get_host (uri), ':') ? "[%s]" : "%s", g_uri_get_host (uri));
  self->bucket = g_strdup (trib_data_source_get_option_string (data_source, "bucket", NULL));
  self->region = g_strdup (trib_data_source_get_option_string (data_source, "region", "us-east-1"));
  self->access_key_id = g_strdup (trib_data_source_get_option_string (data_source, "access_key_id", NULL));
  self->secret = g_strdup (secret_access_key);
  self->sigv4 = g_strdup_printf ("aws:amz:%s:s3", self->region);
  self->path_style = trib_connector_s3_uses_path_style (data_source);
  self->ca_file = g_strdup (trib_data_source_get_option_string (data_source, "ca_file", NULL));
  self->options.ca_file = self->ca_file;
  self->options.verify_tls = trib_data_source_get_option_bool (data_source, "verify_tls", TRUE);
  self->options.connect_timeout = trib_data_source_get_option_int (data_source, "connect_timeout",
                                                                   TRIB_CONNECTOR_DEFAULT_CONNECT_TIMEOUT);
  self->options.read_timeout = trib_data_source_get_option_int (data_source, "read_timeout",
                                                                TRIB_CONNECTOR_DEFAULT_READ_TIMEOUT);
  return g_steal_pointer (&self);
}

const char *
trib_s3_client_get_bucket (TribS3Client *self)
{
  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);
  return self->bucket;
}

const char *
trib_s3_client_get_region (TribS3Client *self)
{
  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);
  return self->region;
}

gboolean
trib_s3_client_get_path_style (TribS3Client *self)
{
  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  return self->path_style;
}

void
trib_s3_client_set_unsigned_payload (TribS3Client *self,
                                     gboolean      unsigned_payload)
{
  g_return_if_fail (TRIB_IS_S3_CLIENT (self));
  self->unsigned_payload = !!unsigned_payload;
}

char *
trib_s3_uri_encode (const char *text,
                    gboolean    keep_slash)
{
  static const char hex[] = "0123456789ABCDEF";
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~' ||
          (keep_slash && *p == '/'))
        g_string_append_c (out, (char) *p);
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
  return g_string_free (out, FALSE);
}

char *
trib_s3_client_dup_url (TribS3Client *self,
                        const char   *key)
{
  g_autofree char *path = key ? trib_s3_uri_encode (key, TRUE) : g_strdup ("");

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);

  if (self->path_style)
    return g_strdup_printf ("%s://%s/%s%s%s", self->scheme, self->host, self->bucket, key ? "/" : "", path);
  return g_strdup_printf ("%s://%s.%s/%s", self->scheme, self->bucket, self->host, path);
}

typedef struct
{
  const char *name;
  const char *value;   /* NULL for a valueless sub-resource such as "uploads" */
} Param;

static int
compare_params (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* libcurl 7.88 signs the query string exactly as written: send it canonical. */
static char *
canonical_query (const Param *params)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; params && params[i].name; i++)
    {
      g_autofree char *name = trib_s3_uri_encode (params[i].name, FALSE);
      g_autofree char *value = trib_s3_uri_encode (params[i].value ? params[i].value : "", FALSE);
      g_ptr_array_add (parts, g_strdup_printf ("%s=%s", name, value));
    }
  g_ptr_array_sort (parts, compare_params);
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append (out, g_ptr_array_index (parts, i));
    }
  return g_string_free (out, FALSE);
}

static TribCurlRequest *
new_request (TribS3Client *self,
             const char   *method,
             const char   *key,
             const Param  *params,
             const char   *payload_hash,
             GCancellable *cancellable)
{
  g_autofree char *base = trib_s3_client_dup_url (self, key);
  g_autofree char *query = canonical_query (params);
  g_autofree char *url = *query ? g_strconcat (base, "?", query, NULL) : g_strdup (base);
  TribCurlRequest *request;

  request = _trib_curl_request_new (url, &self->options, cancellable);
  request->secret = g_strdup (self->secret);
  _trib_curl_request_set_method (request, method);
  curl_easy_setopt (request->easy, CURLOPT_AWS_SIGV4, self->sigv4);
  curl_easy_setopt (request->easy, CURLOPT_USERNAME, self->access_key_id);
  curl_easy_setopt (request->easy, CURLOPT_PASSWORD, self->secret);
  /* libcurl 7.88 does not add it, and S3 rejects a signed request without it. */
  _trib_curl_request_add_header (request, "x-amz-content-sha256", payload_hash ? payload_hash : EMPTY_SHA256);
  return request;
}

static void
set_upload (TribCurlRequest *request,
            GBytes          *data)
{
  _trib_curl_request_set_upload_bytes (request, data);
}

/* Maps a response to an error; TRUE for a 2xx status. */
static gboolean
check_response (TribS3Client     *self,
                TribCurlRequest  *request,
                const char       *key,
                GError          **error)
{
  TribS3ErrorDoc doc;
  const char *body;
  const char *where = key ? key : self->bucket;
  long status = request->status;
  TribConnectorError code;

  if (status >= 200 && status < 300)
    return TRUE;

  body = _trib_curl_request_get_body_text (request);
  if (!_trib_s3_parse_error (body, &doc))
    {
      const char *region = _trib_curl_request_get_header (request, "x-amz-bucket-region");

      g_mutex_lock (&self->mutex);
      g_free (self->last_region_hint);
      self->last_region_hint = g_strdup (region);
      g_mutex_unlock (&self->mutex);

      if (status == 404 && request->body->len == 0)
        {
          if (key)
            _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND, self->secret,
                                       _("no object “%s” in bucket “%s” (HTTP 404)"), key, self->bucket);
          else
            _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND, self->secret,
                                       _("no bucket “%s” at this endpoint (HTTP 404)"), self->bucket);
        }
      else if (status == 403 && request->body->len == 0)
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_PERMISSION_DENIED, self->secret,
                                   _("access to “%s” denied (HTTP 403)"), where);
      else if ((status == 301 || status == 400) && region != NULL)
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS, self->secret,
                                   _("bucket “%s” is in region %s, not %s (HTTP %ld)"), self->bucket, region,
                                   self->region, status);
      else if (status >= 500)
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_SERVER_ERROR, self->secret,
                                   _("the server failed (HTTP %ld)"), status);
      else
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, self->secret,
                                   _("the answer (HTTP %ld) is not from an S3 API"), status);
      return FALSE;
    }

  if (g_str_equal (doc.code, "NoSuchBucket"))
    code = TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND;
  else if (g_str_equal (doc.code, "NoSuchKey") || g_str_equal (doc.code, "NoSuchUpload"))
    code = TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND;
  else if (g_str_equal (doc.code, "SignatureDoesNotMatch") || g_str_equal (doc.code, "InvalidAccessKeyId") ||
           g_str_equal (doc.code, "RequestTimeTooSkewed") || g_str_equal (doc.code, "InvalidToken") ||
           g_str_equal (doc.code, "ExpiredToken"))
    code = TRIB_CONNECTOR_ERROR_AUTHENTICATION;
  else if (g_str_equal (doc.code, "AccessDenied") || g_str_equal (doc.code, "AllAccessDisabled") ||
           g_str_equal (doc.code, "AccountProblem"))
    code = TRIB_CONNECTOR_ERROR_PERMISSION_DENIED;
  else if (g_str_equal (doc.code, "AuthorizationHeaderMalformed") || g_str_equal (doc.code, "PermanentRedirect") ||
           g_str_equal (doc.code, "IllegalLocationConstraintException") || g_str_equal (doc.code, "InvalidRegion"))
    code = TRIB_CONNECTOR_ERROR_INVALID_SETTINGS;
  else if (status >= 500)
    code = TRIB_CONNECTOR_ERROR_SERVER_ERROR;
  else
    code = TRIB_CONNECTOR_ERROR_FAILED;

  g_mutex_lock (&self->mutex);
  g_free (self->last_s3_code);
  self->last_s3_code = g_strdup (doc.code);
  g_free (self->last_region_hint);
  self->last_region_hint = g_strdup (doc.region ? doc.region
                                                : _trib_curl_request_get_header (request, "x-amz-bucket-region"));
  g_mutex_unlock (&self->mutex);

  _trib_connector_set_error (error, code, self->secret, "%s: %s (“%s”, HTTP %ld)",
                             doc.code, doc.message ? doc.message : "", where, status);
  _trib_s3_error_doc_clear (&doc);
  return FALSE;
}

static gboolean
perform (TribS3Client     *self,
         TribCurlRequest  *request,
         const char       *key,
         GError          **error)
{
  gboolean ok = _trib_curl_request_perform (request, error);
  double connect_time = 0;

  curl_easy_getinfo (request->easy, CURLINFO_CONNECT_TIME, &connect_time);
  g_mutex_lock (&self->mutex);
  g_free (self->last_endpoint);
  self->last_endpoint = _trib_curl_request_dup_endpoint (request);
  g_clear_pointer (&self->last_s3_code, g_free);
  g_clear_pointer (&self->last_region_hint, g_free);
  self->last_tls_problem = request->tls_problem;
  g_free (self->last_tls_detail);
  self->last_tls_detail = g_strdup (request->tls_detail);
  self->last_timeout = connect_time > 0 ? self->options.read_timeout : self->options.connect_timeout;
  self->last_proxy_variable = !ok && error && _trib_curl_request_failed_at_proxy (request, *error)
                            ? request->proxy_variable : NULL;
  g_mutex_unlock (&self->mutex);

  return ok && check_response (self, request, key, error);
}

char *
trib_s3_client_get_bucket_location (TribS3Client  *self,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  static const Param params[] = { { "location", NULL }, { NULL } };
  g_autoptr(TribCurlRequest) request = NULL;
  char *region;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);

  request = new_request (self, "GET", NULL, params, NULL, cancellable);
  if (!perform (self, request, NULL, error))
    return NULL;

  region = _trib_s3_parse_text (_trib_curl_request_get_body_text (request), "LocationConstraint");
  if (region == NULL)
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,
                   _("the answer to GetBucketLocation is not S3 XML"));
      return NULL;
    }
  if (*region == '\0')
    {
      g_free (region);
      region = g_strdup ("us-east-1");
    }
  return region;
}

TribS3Object *
trib_s3_client_head_object (TribS3Client  *self,
                            const char    *key,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(TribCurlRequest) request = NULL;
  TribS3Object *object;
  curl_off_t length = -1;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  request = new_request (self, "HEAD", key, NULL, NULL, cancellable);
  if (!perform (self, request, key, error))
    return NULL;

  curl_easy_getinfo (request->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  object = g_new0 (TribS3Object, 1);
  object->key = g_strdup (key);
  object->size = length;
  object->etag = g_strdup (_trib_curl_request_get_header (request, "etag"));
  object->last_modified = g_strdup (_trib_curl_request_get_header (request, "last-modified"));
  return object;
}

gboolean
trib_s3_client_get_object (TribS3Client      *self,
                           const char        *key,
                           TribByteSinkFunc   sink,
                           gpointer           user_data,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(TribCurlRequest) request = NULL;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && sink != NULL, FALSE);

  request = new_request (self, "GET", key, NULL, NULL, cancellable);
  _trib_curl_request_set_sink (request, (TribCurlSinkFunc) sink, user_data);
  return perform (self, request, key, error);
}

GBytes *
trib_s3_client_get_object_bytes (TribS3Client  *self,
                                 const char    *key,
                                 gsize          max_size,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *what = g_strdup_printf (_("object “%s”"), key);
  TribByteCollector collector = { data, max_size, what };

  if (!trib_s3_client_get_object (self, key, _trib_byte_collector_sink, &collector, cancellable, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

gboolean
trib_s3_client_put_object (TribS3Client  *self,
                           const char    *key,
                           GBytes        *data,
                           const char    *content_type,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(TribCurlRequest) request = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && data != NULL, FALSE);

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  request = new_request (self, "PUT", key, NULL, hash, cancellable);
  _trib_curl_request_add_header (request, "Content-Type", content_type ? content_type : "application/octet-stream");
  set_upload (request, data);
  return perform (self, request, key, error);
}

gboolean
trib_s3_client_put_object_from_file (TribS3Client  *self,
                                     const char    *key,
                                     GFile         *file,
                                     const char    *content_type,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(TribCurlRequest) request = NULL;
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  goffset size = 0;
  gssize n;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && G_IS_FILE (file), FALSE);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 64 * 1024, cancellable, error)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      size += n;
    }
  if (n < 0 || !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return FALSE;

  request = new_request (self, "PUT", key, NULL, g_checksum_get_string (checksum), cancellable);
  _trib_curl_request_add_header (request, "Content-Type", content_type ? content_type : "application/octet-stream");
  _trib_curl_request_set_upload_stream (request, G_INPUT_STREAM (stream), size);
  return perform (self, request, key, error);
}

gboolean
trib_s3_client_delete_object (TribS3Client  *self,
                              const char    *key,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(TribCurlRequest) request = NULL;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  request = new_request (self, "DELETE", key, NULL, NULL, cancellable);
  return perform (self, request, key, error);
}

gboolean
trib_s3_client_list_objects_page (TribS3Client  *self,
                                  const char    *prefix,
                                  const char    *delimiter,
                                  const char    *continuation,
                                  guint          max_keys,
                                  GPtrArray     *objects,
                                  GPtrArray     *prefixes,
                                  char         **next_continuation,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(TribCurlRequest) request = NULL;
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *max = g_strdup_printf ("%u", max_keys ? max_keys : 1000);
  Param params[6] = { { 0 } };
  guint n = 0;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (objects != NULL && next_continuation != NULL, FALSE);

  params[n++] = (Param) { "list-type", "2" };
  params[n++] = (Param) { "max-keys", max };
  if (prefix && *prefix)
    params[n++] = (Param) { "prefix", prefix };
  if (delimiter && *delimiter)
    params[n++] = (Param) { "delimiter", delimiter };
  if (continuation && *continuation)
    params[n++] = (Param) { "continuation-token", continuation };

  request = new_request (self, "GET", NULL, params, NULL, cancellable);
  if (!perform (self, request, NULL, error))
    return FALSE;
  return _trib_s3_parse_list (_trib_curl_request_get_body_text (request), objects,
                              prefixes ? prefixes : ignored, next_continuation, error);
}

GPtrArray *
trib_s3_client_list_objects (TribS3Client  *self,
                             const char    *prefix,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_s3_object_free);
  g_autofree char *token = NULL;

  do
    {
      g_autofree char *next = NULL;

      if (!trib_s3_client_list_objects_page (self, prefix, NULL, token, 1000, objects, NULL, &next,
                                             cancellable, error))
        return NULL;
      g_free (token);
      token = g_steal_pointer (&next);
    }
  while (token != NULL);

  return g_steal_pointer (&objects);
}

char *
trib_s3_client_create_multipart_upload (TribS3Client  *self,
                                        const char    *key,
                                        const char    *content_type,
                                        GCancellable  *cancellable,
                                        GError       **error)
{
  static const Param params[] = { { "uploads", NULL }, { NULL } };
  g_autoptr(TribCurlRequest) request = NULL;
  char *upload_id;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  request = new_request (self, "POST", key, params, NULL, cancellable);
  _trib_curl_request_add_header (request, "Content-Type", content_type ? content_type : "application/octet-stream");
  if (!perform (self, request, key, error))
    return NULL;

  upload_id = _trib_s3_parse_text (_trib_curl_request_get_body_text (request), "UploadId");
  if (upload_id == NULL || *upload_id == '\0')
    {
      g_free (upload_id);
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,
                   _("the answer to CreateMultipartUpload has no UploadId"));
      return NULL;
    }
  return upload_id;
}

char *
trib_s3_client_upload_part (TribS3Client  *self,
                            const char    *key,
                            const char    *upload_id,
                            guint          part_number,
                            GBytes        *data,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(TribCurlRequest) request = NULL;
  g_autofree char *number = g_strdup_printf ("%u", part_number);
  g_autofree char *hash = NULL;
  const Param params[] = { { "partNumber", number }, { "uploadId", upload_id }, { NULL } };
  const char *etag;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);
  g_return_val_if_fail (key != NULL && upload_id != NULL && data != NULL, NULL);
  g_return_val_if_fail (part_number >= 1 && part_number <= 10000, NULL);

  hash = self->unsigned_payload ? g_strdup ("UNSIGNED-PAYLOAD")
                                : g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  request = new_request (self, "PUT", key, params, hash, cancellable);
  set_upload (request, data);
  if (!perform (self, request, key, error))
    return NULL;

  etag = _trib_curl_request_get_header (request, "etag");
  if (etag == NULL)
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,
                   _("the answer to UploadPart has no ETag"));
      return NULL;
    }
  return g_strdup (etag);
}

gboolean
trib_s3_client_complete_multipart_upload (TribS3Client       *self,
                                          const char         *key,
                                          const char         *upload_id,
                                          const char * const *etags,
                                          GCancellable       *cancellable,
                                          GError            **error)
{
  g_autoptr(TribCurlRequest) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *error_code = NULL;
  const Param params[] = { { "uploadId", upload_id }, { NULL } };
  char *xml;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && upload_id != NULL && etags != NULL, FALSE);

  xml = _trib_s3_complete_body (etags);
  body = g_bytes_new_take (xml, strlen (xml));
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  request = new_request (self, "POST", key, params, hash, cancellable);
  _trib_curl_request_add_header (request, "Content-Type", "application/xml");
  set_upload (request, body);
  if (!perform (self, request, key, error))
    return FALSE;

  /* S3 may answer 200 and put the error in the body. */
  error_code = _trib_s3_parse_text (_trib_curl_request_get_body_text (request), "Code");
  if (error_code != NULL)
    {
      request->status = 500;
      return check_response (self, request, key, error);
    }
  return TRUE;
}

gboolean
trib_s3_client_abort_multipart_upload (TribS3Client  *self,
                                       const char    *key,
                                       const char    *upload_id,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_autoptr(TribCurlRequest) request = NULL;
  const Param params[] = { { "uploadId", upload_id }, { NULL } };

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (key != NULL && upload_id != NULL, FALSE);

  request = new_request (self, "DELETE", key, params, NULL, cancellable);
  return perform (self, request, key, error);
}

gboolean
trib_s3_client_list_multipart_uploads_page (TribS3Client  *self,
                                            const char    *prefix,
                                            const char    *key_marker,
                                            const char    *upload_id_marker,
                                            guint          max_uploads,
                                            GPtrArray     *uploads,
                                            char         **next_key_marker,
                                            char         **next_upload_id_marker,
                                            GCancellable  *cancellable,
                                            GError       **error)
{
  g_autoptr(TribCurlRequest) request = NULL;
  g_autofree char *max = g_strdup_printf ("%u", max_uploads ? max_uploads : 1000);
  Param params[6] = { { 0 } };
  guint n = 0;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), FALSE);
  g_return_val_if_fail (uploads != NULL && next_key_marker != NULL && next_upload_id_marker != NULL, FALSE);

  params[n++] = (Param) { "uploads", NULL };
  params[n++] = (Param) { "max-uploads", max };
  if (prefix && *prefix)
    params[n++] = (Param) { "prefix", prefix };
  if (key_marker && *key_marker)
    params[n++] = (Param) { "key-marker", key_marker };
  if (key_marker && *key_marker && upload_id_marker && *upload_id_marker)
    params[n++] = (Param) { "upload-id-marker", upload_id_marker };

  request = new_request (self, "GET", NULL, params, NULL, cancellable);
  if (!perform (self, request, NULL, error))
    return FALSE;
  if (!_trib_s3_parse_uploads (_trib_curl_request_get_body_text (request), uploads,
                               next_key_marker, next_upload_id_marker, error))
    return FALSE;
  /* A server that repeats its markers would list forever. */
  if (*next_key_marker != NULL && g_strcmp0 (*next_key_marker, key_marker) == 0 &&
      g_strcmp0 (*next_upload_id_marker, upload_id_marker) == 0)
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,
                   _("the listing of multipart uploads does not move past “%s”"), *next_key_marker);
      g_clear_pointer (next_key_marker, g_free);
      g_clear_pointer (next_upload_id_marker, g_free);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
trib_s3_client_list_multipart_uploads (TribS3Client  *self,
                                       const char    *prefix,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_autoptr(GPtrArray) uploads = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_s3_upload_free);
  g_autofree char *key_marker = NULL;
  g_autofree char *upload_id_marker = NULL;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);

  do
    {
      g_autofree char *next_key = NULL;
      g_autofree char *next_upload_id = NULL;

      if (!trib_s3_client_list_multipart_uploads_page (self, prefix, key_marker, upload_id_marker, 1000, uploads,
                                                       &next_key, &next_upload_id, cancellable, error))
        return NULL;
      g_free (key_marker);
      key_marker = g_steal_pointer (&next_key);
      g_free (upload_id_marker);
      upload_id_marker = g_steal_pointer (&next_upload_id);
    }
  while (key_marker != NULL);

  return g_steal_pointer (&uploads);
}
