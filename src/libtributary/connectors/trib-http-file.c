/* trib-http-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-connector-settings.h"
#include "trib-curl-private.h"
#include "trib-connector-private.h"
#include "trib-http-file.h"

struct _TribHttpFile
{
  GObject          parent_instance;
  TribDataSource  *data_source;
  char            *base_url;
  char            *user;
  char            *secret;
  GStrv            headers;
  char            *probe_path;
  TribCurlOptions  options;
  char            *ca_file;
};

G_DEFINE_FINAL_TYPE (TribHttpFile, trib_http_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_http_file_finalize (GObject *object)
{
  TribHttpFile *self = (TribHttpFile *) object;

  g_clear_object (&self->data_source);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->user, g_free);
  if (self->secret)
    memset (self->secret, 0, strlen (self->secret));
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->probe_path, g_free);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (trib_http_file_parent_class)->finalize (object);
}

static void
trib_http_file_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TribHttpFile *self = TRIB_HTTP_FILE (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_http_file_class_init (TribHttpFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_http_file_finalize;
  object_class->get_property = trib_http_file_get_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_http_file_init (TribHttpFile *self)
{
}

TribHttpFile *
trib_http_file_new (TribDataSource  *data_source,
                    const char      *secret,
                    GError         **error)
{
  g_autoptr(TribHttpFile) self = NULL;
  const char *headers;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  if (trib_data_source_get_kind (data_source) != TRIB_DATA_SOURCE_KIND_HTTPFILE)
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
                   _("data source \"%s\" is not an HTTP file source"), trib_data_source_get_name (data_source));
      return NULL;
    }
  if (!trib_connector_validate (data_source, error))
    return NULL;

  self = g_object_new (TRIB_TYPE_HTTP_FILE, NULL);
  self->data_source = g_object_ref (data_source);
  self->base_url = g_strdup (trib_data_source_get_option_string (data_source, "url", NULL));
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->user = g_strdup (trib_data_source_get_option_string (data_source, "user", NULL));
  self->secret = g_strdup (secret);
  self->probe_path = g_strdup (trib_data_source_get_option_string (data_source, "probe_path", NULL));
  self->ca_file = g_strdup (trib_data_source_get_option_string (data_source, "ca_file", NULL));
  self->options.ca_file = self->ca_file;
  self->options.verify_tls = trib_data_source_get_option_bool (data_source, "verify_tls", TRUE);
  self->options.connect_timeout = trib_data_source_get_option_int (data_source, "connect_timeout",
                                                                   TRIB_CONNECTOR_DEFAULT_CONNECT_TIMEOUT);
  self->options.read_timeout = trib_data_source_get_option_int (data_source, "read_timeout",
                                                                TRIB_CONNECTOR_DEFAULT_READ_TIMEOUT);

  headers = trib_data_source_get_option_string (data_source, "headers", NULL);
  if (headers != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (headers, "\n", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; lines[i]; i++)
        if (*g_strstrip (lines[i]) != '\0')
          g_strv_builder_add (builder, lines[i]);
      self->headers = g_strv_builder_end (builder);
    }

  if (self->user != NULL && (secret == NULL || *secret == '\0'))
    {
      g_autofree char *env = trib_data_source_dup_secret_env_name (data_source);
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET,
                   _("data source \"%s\" has a user but no password: store it in the keyring or set %s"),
                   trib_data_source_get_name (data_source), env);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
trib_http_file_get_base_url (TribHttpFile *self)
{
  g_return_val_if_fail (TRIB_IS_HTTP_FILE (self), NULL);
  return self->base_url;
}

/* "a/./b//../c" -> "a/c", with "%2e%2e" read as ".." (a server decodes it). Returns NULL
 * when a ".." climbs above the first segment, unless @clamp (then it stays at the top). */
static char *
normalize_path (const char *path,
                gboolean    clamp)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean trailing = g_str_has_suffix (path, "/");

  for (guint i = 0; segments[i]; i++)
    {
      g_autofree char *decoded = g_uri_unescape_string (segments[i], NULL);
      const char *plain = decoded ? decoded : segments[i];

      if (*plain == '\0' || g_str_equal (plain, "."))
        continue;
      if (g_str_equal (plain, ".."))
        {
          if (kept->len == 0)
            {
              if (!clamp)
                return NULL;
              continue;
            }
          g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, segments[i]);
    }
  for (guint i = 0; i < kept->len; i++)
    {
      g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (kept, i));
    }
  if (trailing || out->len == 0)
    g_string_append_c (out, '/');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
trib_http_path_check (const char  *path,
                      GError     **error)
{
  g_autofree char *normal = NULL;

  if (path == NULL)
    return TRUE;
  normal = normalize_path (path, FALSE);
  if (normal == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (path, MIN (strlen (path), 200));

      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
                   _("“%s” climbs out of the base URL with “..”; a file name is a path under the base URL"),
                   shown);
      return FALSE;
    }
  return TRUE;
}

char *
trib_http_file_dup_url (TribHttpFile *self,
                        const char   *path)
{
  g_autofree char *escaped = NULL;
  g_autofree char *normal = NULL;

  g_return_val_if_fail (TRIB_IS_HTTP_FILE (self), NULL);

  if (path == NULL || *path == '\0')
    return g_strconcat (self->base_url, "/", NULL);
  /* Never above the base URL, whatever the path says (trib_http_path_check() refuses
   * such a path with a message before it gets here). */
  normal = normalize_path (path, TRUE);
  escaped = g_uri_escape_string (normal, "/!$&'()*+,;=:@%?", TRUE);
  return g_strconcat (self->base_url, escaped, NULL);
}

static TribCurlRequest *
new_request (TribHttpFile       *self,
             const char         *url,
             const char * const *extra_headers,
             GCancellable       *cancellable)
{
  TribCurlRequest *request = _trib_curl_request_new (url, &self->options, cancellable);

  curl_easy_setopt (request->easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (request->easy, CURLOPT_MAXREDIRS, 5L);
  if (self->user != NULL)
    _trib_curl_request_set_basic_auth (request, self->user, self->secret);
  for (guint i = 0; self->headers && self->headers[i]; i++)
    request->request_headers = curl_slist_append (request->request_headers, self->headers[i]);
  for (guint i = 0; extra_headers && extra_headers[i]; i++)
    request->request_headers = curl_slist_append (request->request_headers, extra_headers[i]);
  return request;
}

/* Turns an HTTP status >= 400 into an error; TRUE when the status is a success. */
static gboolean
check_status (TribHttpFile     *self,
              TribCurlRequest  *request,
              const char       *url,
              GError          **error)
{
  long status = request->status;

  if (status < 400)
    return TRUE;

  if (status == 401 || status == 407)
    {
      if (self->user == NULL)
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_AUTHENTICATION, self->secret,
                                   _("%s asks for a user name and password (HTTP %ld)"), url, status);
      else
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_AUTHENTICATION, self->secret,
                                   _("%s rejected user “%s” (HTTP %ld)"), url, self->user, status);
    }
  else if (status == 403)
    _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_PERMISSION_DENIED, self->secret,
                               _("%s refuses access to this file (HTTP 403)"), url);
  else if (status == 404 || status == 410)
    _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND, self->secret,
                               _("%s: no such file on the server (HTTP %ld)"), url, status);
  else if (status >= 500)
    _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_SERVER_ERROR, self->secret,
                               _("%s: the server failed (HTTP %ld)"), url, status);
  else
    _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_FAILED, self->secret,
                               _("%s: the server refused the request (HTTP %ld)"), url, status);
  return FALSE;
}

static char *
address_of (TribCurlRequest *request,
            const char      *url)
{
  char *ip = NULL;
  long port = 0;

  curl_easy_getinfo (request->easy, CURLINFO_PRIMARY_IP, &ip);
  curl_easy_getinfo (request->easy, CURLINFO_PRIMARY_PORT, &port);
  if (ip == NULL || *ip == '\0')
    return g_strdup (url);
  if (strchr (ip, ':'))
    return g_strdup_printf ("%s ([%s]:%ld)", url, ip, port);
  return g_strdup_printf ("%s (%s:%ld)", url, ip, port);
}

static gboolean
do_stat (TribHttpFile    *self,
         const char      *path,
         guint           *status,
         gint64          *size,
         char           **content_type,
         TribTlsProblem  *tls_problem,
         char           **tls_detail,
         char           **endpoint,
         guint           *timeout_used,
         const char     **proxy_variable,
         GCancellable    *cancellable,
         GError         **error)
{
  g_autofree char *url = NULL;
  g_autoptr(TribCurlRequest) request = NULL;
  curl_off_t length = -1;
  const char *range;
  gboolean ok;

  url = trib_http_file_dup_url (self, path);
  request = new_request (self, url, NULL, cancellable);
  _trib_curl_request_set_method (request, "HEAD");
  ok = _trib_curl_request_perform (request, error);

  if (ok && (request->status == 405 || request->status == 501))
    {
      /* No HEAD here: ask for the first byte instead and read the total from Content-Range. */
      g_clear_pointer (&request, _trib_curl_request_free);
      request = new_request (self, url, (const char * const[]) { "Range: bytes=0-0", NULL }, cancellable);
      ok = _trib_curl_request_perform (request, error);
    }

  if (status)
    *status = (guint) request->status;
  if (tls_problem)
    *tls_problem = request->tls_problem;
  if (tls_detail)
    *tls_detail = g_strdup (request->tls_detail);
  if (endpoint)
    *endpoint = address_of (request, url);
  if (proxy_variable)
    *proxy_variable = !ok && error && _trib_curl_request_failed_at_proxy (request, *error) ? request->proxy_variable
                                                                                          : NULL;
  if (timeout_used)
    {
      double connect_time = 0;

      /* Connected but no answer: the read timeout ran out; else the connect timeout. */
      curl_easy_getinfo (request->easy, CURLINFO_CONNECT_TIME, &connect_time);
      *timeout_used = connect_time > 0 ? self->options.read_timeout : self->options.connect_timeout;
    }
  if (!ok || !check_status (self, request, url, error))
    return FALSE;

  range = _trib_curl_request_get_header (request, "content-range");
  if (request->status == 206 && range && strchr (range, '/'))
    length = g_ascii_strtoll (strchr (range, '/') + 1, NULL, 10);
  else
    curl_easy_getinfo (request->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);

  if (size)
    *size = length >= 0 ? (gint64) length : -1;
  if (content_type)
    *content_type = g_strdup (_trib_curl_request_get_header (request, "content-type"));
  return TRUE;
}

gboolean
trib_http_file_stat (TribHttpFile  *self,
                     const char    *path,
                     guint         *status,
                     gint64        *size,
                     char         **content_type,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (TRIB_IS_HTTP_FILE (self), FALSE);

  return do_stat (self, path, status, size, content_type, NULL, NULL, NULL, NULL, NULL, cancellable, error);
}

gboolean
trib_http_file_fetch (TribHttpFile          *self,
                      const char            *path,
                      const char            *method,
                      GBytes                *body,
                      const char * const    *extra_headers,
                      TribByteSinkFunc       sink,
                      gpointer               user_data,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autofree char *url = NULL;
  g_autoptr(TribCurlRequest) request = NULL;

  g_return_val_if_fail (TRIB_IS_HTTP_FILE (self), FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);

  url = trib_http_file_dup_url (self, path);
  request = new_request (self, url, extra_headers, cancellable);
  if (method != NULL && g_ascii_strcasecmp (method, "POST") == 0)
    {
      g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

      _trib_curl_request_set_method (request, "POST");
      _trib_curl_request_set_upload_bytes (request, body ? body : empty);
    }
  _trib_curl_request_set_sink (request, (TribCurlSinkFunc) sink, user_data);

  if (!_trib_curl_request_perform (request, error))
    return FALSE;
  return check_status (self, request, url, error);
}

GBytes *
trib_http_file_fetch_bytes (TribHttpFile  *self,
                            const char    *path,
                            gsize          max_size,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  TribByteCollector collector;

  g_return_val_if_fail (TRIB_IS_HTTP_FILE (self), NULL);

  url = trib_http_file_dup_url (self, path);
  collector.data = data;
  collector.max_size = max_size;
  collector.what = url;
  if (!trib_http_file_fetch (self, path, NULL, NULL, NULL, _trib_byte_collector_sink, &collector, cancellable, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static char *
failure_hint (TribHttpFile       *self,
              TribConnectorError  code,
              TribTlsProblem      tls_problem,
              guint               timeout_used,
              const char         *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : url;
  int port = uri ? g_uri_get_port (uri) : -1;
  gboolean https = uri && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
  g_autofree char *env = trib_data_source_dup_secret_env_name (self->data_source);
  char *hint;

  if (port <= 0)
    port = https ? 443 : 80;

  hint = _trib_connector_common_hint (code, tls_problem, TRIB_DATA_SOURCE_KIND_HTTPFILE, host, port,
                                      timeout_used);
  if (hint != NULL)
    return hint;

  switch (code)
    {
    case TRIB_CONNECTOR_ERROR_AUTHENTICATION:
      if (self->user == NULL)
        return g_strdup_printf (_("The server wants a user name and password: set the user option and store the password in the keyring (or set %s)."), env);
      return g_strdup_printf (_("Check the user name “%s” and its password (from the keyring, or %s)."), self->user, env);
    case TRIB_CONNECTOR_ERROR_PERMISSION_DENIED:
      return g_strdup (_("The server refuses this file to this client: check the file's permissions on the server, or whether it needs other credentials or headers."));
    case TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND:
      if (self->probe_path == NULL)
        return g_strdup (_("The base URL itself has no page here. Check the URL, or set probe_path to a file that exists under it, such as /user_log.txt."));
      return g_strdup_printf (_("Check the path “%s” under the base URL %s; paths are case-sensitive."), self->probe_path, self->base_url);
    case TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL:
      if (!https)
        return g_strdup_printf (_("Port %d of %s does not answer in HTTP. Check the port; if this server speaks HTTPS, use an https:// URL."), port, host);
      return g_strdup_printf (_("Port %d of %s does not answer in HTTPS. Check the port and the URL's scheme."), port, host);
    case TRIB_CONNECTOR_ERROR_SERVER_ERROR:
      return g_strdup (_("The server reached the file but failed to serve it; see the server's logs."));
    default:
      return g_strdup (_("See the problem above; check the URL and the server."));
    }
}

static char *
format_size (gint64 size)
{
  g_autofree char *human = NULL;
  g_autofree char *exact = NULL;

  if (size < 0)
    return g_strdup (_("size unknown"));
  exact = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  if (size < 1000)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes", (gulong) size), exact);
  human = g_format_size ((guint64) size);
  /* TRANSLATORS: "4.6 MB (4555991 bytes)" */
  return g_strdup_printf (_("%s (%s bytes)"), human, exact);
}

TribConnectivityResult *
trib_http_file_test (TribHttpFile  *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *url = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *tls_detail = NULL;
  g_autoptr(GError) local_error = NULL;
  TribTlsProblem tls_problem = TRIB_TLS_PROBLEM_NONE;
  TribConnectivityResult *result;
  guint status = 0;
  guint timeout_used = 0;
  const char *proxy_variable = NULL;
  gint64 size = -1;

  g_return_val_if_fail (TRIB_IS_HTTP_FILE (self), NULL);

  url = trib_http_file_dup_url (self, self->probe_path);

  if (!do_stat (self, self->probe_path, &status, &size, &content_type, &tls_problem, &tls_detail,
                &endpoint, &timeout_used, &proxy_variable, cancellable, &local_error))
    {
      g_autofree char *hint = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (proxy_variable != NULL)
        hint = _trib_connector_proxy_hint (proxy_variable);
      else
        hint = failure_hint (self, local_error->domain == TRIB_CONNECTOR_ERROR ? local_error->code
                                                                               : TRIB_CONNECTOR_ERROR_FAILED,
                           tls_problem, timeout_used, url);
      result = trib_connectivity_result_new_from_error (TRIB_DATA_SOURCE_KIND_HTTPFILE, endpoint, local_error, hint);
      trib_connectivity_result_set_tls_problem (result, tls_detail);
      trib_connectivity_result_set_http_status (result, status);
    }
  else
    {
      g_autofree char *size_text = format_size (size);
      g_autofree char *reached = NULL;

      if (content_type)
        reached = g_strdup_printf (_("HTTP %u, %s, %s"), status, size_text, content_type);
      else
        reached = g_strdup_printf (_("HTTP %u, %s"), status, size_text);
      result = trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_HTTPFILE, endpoint, reached);
      trib_connectivity_result_set_http_status (result, status);
      trib_connectivity_result_set_size (result, size);
    }

  trib_connectivity_result_set_name (result, trib_data_source_get_name (self->data_source));
  trib_connectivity_result_set_elapsed_usec (result, g_get_monotonic_time () - start);
  return result;
}
