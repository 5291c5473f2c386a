/* trib-curl.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-curl-private.h"

/* Error bodies (S3's XML, an HTML 404 page) are kept for messages, never streamed out. */
#define ERROR_BODY_LIMIT (64 * 1024)

void
_trib_curl_global_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&once, 1);
    }
}

static size_t
header_cb (char   *buffer,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  TribCurlRequest *request = user_data;
  gsize len = size * nitems;
  g_autofree char *line = g_strndup (buffer, len);
  char *colon;

  g_strchomp (line);
  /* A new status line starts a new response (after a redirect or 100 Continue). */
  if (g_str_has_prefix (line, "HTTP/"))
    {
      g_hash_table_remove_all (request->response_headers);
      return len;
    }
  colon = strchr (line, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      g_hash_table_insert (request->response_headers,
                           g_ascii_strdown (g_strstrip (line), -1),
                           g_strdup (g_strstrip (colon + 1)));
    }
  return len;
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  TribCurlRequest *request = user_data;
  gsize len = size * nmemb;
  long status = 0;

  curl_easy_getinfo (request->easy, CURLINFO_RESPONSE_CODE, &status);

  if (request->sink != NULL && status < 300)
    {
      if (!request->sink ((const guint8 *) data, len, request->sink_data, &request->sink_error))
        return 0;
      return len;
    }

  if (request->body->len + len > request->body_limit)
    {
      gsize room = request->body_limit - MIN (request->body_limit, request->body->len);
      g_byte_array_append (request->body, (const guint8 *) data, room);
      request->body_truncated = TRUE;
      return len;
    }
  g_byte_array_append (request->body, (const guint8 *) data, len);
  return len;
}

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  nitems,
         void   *user_data)
{
  TribCurlRequest *request = user_data;
  gsize room = size * nitems;

  if (request->upload != NULL)
    {
      gsize total;
      const guint8 *bytes = g_bytes_get_data (request->upload, &total);
      gsize n = MIN (room, total - request->upload_offset);

      memcpy (buffer, bytes + request->upload_offset, n);
      request->upload_offset += n;
      return n;
    }

  if (request->upload_stream != NULL)
    {
      gssize n = g_input_stream_read (request->upload_stream, buffer, room,
                                      request->cancellable, &request->upload_error);
      if (n < 0)
        return CURL_READFUNC_ABORT;
      return (size_t) n;
    }

  return 0;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  TribCurlRequest *request = user_data;

  /* Called at least once a second, also while waiting: cancellation is prompt. */
  return g_cancellable_is_cancelled (request->cancellable) ? 1 : 0;
}

TribCurlRequest *
_trib_curl_request_new (const char            *url,
                        const TribCurlOptions *options,
                        GCancellable          *cancellable)
{
  TribCurlRequest *request = g_new0 (TribCurlRequest, 1);

  _trib_curl_global_init ();

  request->easy = curl_easy_init ();
  request->url = g_strdup (url);
  request->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  request->response_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  request->body = g_byte_array_new ();
  request->body_limit = ERROR_BODY_LIMIT;

  curl_easy_setopt (request->easy, CURLOPT_URL, url);
  curl_easy_setopt (request->easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (request->easy, CURLOPT_ERRORBUFFER, request->errbuf);
  curl_easy_setopt (request->easy, CURLOPT_USERAGENT, _trib_connector_user_agent ());
  curl_easy_setopt (request->easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (request->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (request->easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (request->easy, CURLOPT_ACCEPT_ENCODING, NULL);
  curl_easy_setopt (request->easy, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (request->easy, CURLOPT_HEADERDATA, request);
  curl_easy_setopt (request->easy, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (request->easy, CURLOPT_WRITEDATA, request);
  curl_easy_setopt (request->easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (request->easy, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (request->easy, CURLOPT_XFERINFODATA, request);

  /* The environment's proxy, decided here so that messages can name it. */
  request->proxy = _trib_curl_proxy_for_url (url, &request->proxy_variable);
  curl_easy_setopt (request->easy, CURLOPT_PROXY, request->proxy ? request->proxy : "");
  curl_easy_setopt (request->easy, CURLOPT_NOPROXY, "");

  if (options != NULL)
    {
      curl_easy_setopt (request->easy, CURLOPT_CONNECTTIMEOUT, MAX (options->connect_timeout, 1L));
      /* "No byte for N seconds" rather than a cap on the whole transfer, which a large
       * file would exceed legitimately. */
      curl_easy_setopt (request->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
      curl_easy_setopt (request->easy, CURLOPT_LOW_SPEED_TIME, MAX (options->read_timeout, 1L));
      curl_easy_setopt (request->easy, CURLOPT_SSL_VERIFYPEER, options->verify_tls ? 1L : 0L);
      curl_easy_setopt (request->easy, CURLOPT_SSL_VERIFYHOST, options->verify_tls ? 2L : 0L);
      if (options->ca_file != NULL)
        curl_easy_setopt (request->easy, CURLOPT_CAINFO, options->ca_file);
    }

  return request;
}

void
_trib_curl_request_free (TribCurlRequest *request)
{
  if (request == NULL)
    return;

  g_clear_pointer (&request->easy, curl_easy_cleanup);
  g_clear_pointer (&request->request_headers, curl_slist_free_all);
  g_clear_pointer (&request->response_headers, g_hash_table_unref);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_pointer (&request->upload, g_bytes_unref);
  g_clear_object (&request->upload_stream);
  g_clear_object (&request->cancellable);
  g_clear_error (&request->sink_error);
  g_clear_error (&request->upload_error);
  g_free (request->url);
  g_free (request->proxy);
  g_free (request->tls_detail);
  if (request->secret)
    {
      memset (request->secret, 0, strlen (request->secret));
      g_free (request->secret);
    }
  g_free (request);
}

void
_trib_curl_request_set_method (TribCurlRequest *request,
                               const char      *method)
{
  if (g_str_equal (method, "HEAD"))
    curl_easy_setopt (request->easy, CURLOPT_NOBODY, 1L);
  else if (g_str_equal (method, "GET"))
    curl_easy_setopt (request->easy, CURLOPT_HTTPGET, 1L);
  else if (g_str_equal (method, "PUT"))
    curl_easy_setopt (request->easy, CURLOPT_UPLOAD, 1L);
  else if (g_str_equal (method, "POST"))
    {
      request->post = TRUE;
      curl_easy_setopt (request->easy, CURLOPT_POST, 1L);
      curl_easy_setopt (request->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) 0);
      curl_easy_setopt (request->easy, CURLOPT_POSTFIELDS, "");
    }
  else
    curl_easy_setopt (request->easy, CURLOPT_CUSTOMREQUEST, method);
}

void
_trib_curl_request_add_header (TribCurlRequest *request,
                               const char      *name,
                               const char      *value)
{
  g_autofree char *line = g_strdup_printf ("%s: %s", name, value);

  request->request_headers = curl_slist_append (request->request_headers, line);
}

void
_trib_curl_request_set_basic_auth (TribCurlRequest *request,
                                   const char      *user,
                                   const char      *password)
{
  curl_easy_setopt (request->easy, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
  curl_easy_setopt (request->easy, CURLOPT_USERNAME, user);
  curl_easy_setopt (request->easy, CURLOPT_PASSWORD, password ? password : "");
  g_free (request->secret);
  request->secret = g_strdup (password);
}

void
_trib_curl_request_set_sink (TribCurlRequest  *request,
                             TribCurlSinkFunc  sink,
                             gpointer          user_data)
{
  request->sink = sink;
  request->sink_data = user_data;
}

void
_trib_curl_request_set_upload_bytes (TribCurlRequest *request,
                                     GBytes          *bytes)
{
  gsize size = g_bytes_get_size (bytes);

  g_clear_pointer (&request->upload, g_bytes_unref);
  request->upload = g_bytes_ref (bytes);
  request->upload_offset = 0;

  curl_easy_setopt (request->easy, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (request->easy, CURLOPT_READDATA, request);

  if (request->post)
    {
      /* POST reads the body through the read callback when POSTFIELDS is unset; setting
       * POSTFIELDS at all would turn any other method into a POST. */
      curl_easy_setopt (request->easy, CURLOPT_POSTFIELDS, NULL);
      curl_easy_setopt (request->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) size);
    }
  else
    curl_easy_setopt (request->easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t) size);
}

void
_trib_curl_request_set_upload_stream (TribCurlRequest *request,
                                      GInputStream    *stream,
                                      goffset          size)
{
  g_clear_object (&request->upload_stream);
  request->upload_stream = g_object_ref (stream);

  curl_easy_setopt (request->easy, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (request->easy, CURLOPT_READDATA, request);
  curl_easy_setopt (request->easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t) size);
}

static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_strdup (uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : url);
}

static int
url_port (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return 0;
  if (g_uri_get_port (uri) > 0)
    return g_uri_get_port (uri);
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static const char *
getenv_either (const char  *lower,
               const char  *upper,
               const char **variable)
{
  const char *value = g_getenv (lower);

  *variable = lower;
  if ((value == NULL || *value == '\0') && upper != NULL)
    {
      value = g_getenv (upper);
      *variable = upper;
    }
  return value && *value ? value : NULL;
}

static gboolean
no_proxy_matches (const char *host)
{
  const char *variable;
  const char *list = getenv_either ("no_proxy", "NO_PROXY", &variable);
  g_auto(GStrv) entries = NULL;

  if (list == NULL)
    return FALSE;
  entries = g_strsplit (list, ",", -1);
  for (guint i = 0; entries[i]; i++)
    {
      char *entry = g_strstrip (entries[i]);
      gsize hl = strlen (host), el;

      if (*entry == '.')
        entry++;
      el = strlen (entry);
      if (g_str_equal (entry, "*"))
        return TRUE;
      if (el == 0 || el > hl)
        continue;
      if (g_ascii_strcasecmp (host, entry) == 0 ||
          (hl > el && host[hl - el - 1] == '.' && g_ascii_strcasecmp (host + hl - el, entry) == 0))
        return TRUE;
    }
  return FALSE;
}

char *
_trib_curl_proxy_for_url (const char  *url,
                          const char **variable)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *proxy = NULL;
  const char *name = NULL;

  if (variable)
    *variable = NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || no_proxy_matches (g_uri_get_host (uri)))
    return NULL;

  /* Upper-case HTTP_PROXY is ignored, as libcurl does (a CGI request could set it). */
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    proxy = getenv_either ("https_proxy", "HTTPS_PROXY", &name);
  else
    proxy = getenv_either ("http_proxy", NULL, &name);
  if (proxy == NULL)
    proxy = getenv_either ("all_proxy", "ALL_PROXY", &name);
  if (proxy == NULL)
    return NULL;
  if (variable)
    *variable = name;
  return g_strdup (proxy);
}

gboolean
_trib_curl_request_failed_at_proxy (TribCurlRequest *request,
                                    const GError    *error)
{
  if (request->proxy == NULL || error == NULL || error->domain != TRIB_CONNECTOR_ERROR)
    return FALSE;
  return error->code == TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED || error->code == TRIB_CONNECTOR_ERROR_UNREACHABLE ||
         error->code == TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED ||
         (error->code == TRIB_CONNECTOR_ERROR_TIMED_OUT && request->status == 0);
}

char *
_trib_curl_request_dup_endpoint (TribCurlRequest *request)
{
  /* Through a proxy, the connection is to the proxy. */
  const char *target = request->proxy ? request->proxy : request->url;
  g_autofree char *with_scheme = strstr (target, "://") ? g_strdup (target) : g_strconcat ("http://", target, NULL);
  g_autofree char *host = url_host (with_scheme);
  char *ip = NULL;
  long port = 0;

  curl_easy_getinfo (request->easy, CURLINFO_PRIMARY_IP, &ip);
  curl_easy_getinfo (request->easy, CURLINFO_PRIMARY_PORT, &port);
  if (port <= 0)
    port = url_port (with_scheme);
  return _trib_connector_format_endpoint (host, ip, (guint) port);
}

const char *
_trib_curl_request_get_header (TribCurlRequest *request,
                               const char      *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (request->response_headers, lower);
}

const char *
_trib_curl_request_get_body_text (TribCurlRequest *request)
{
  /* Keep a NUL after the data without counting it. */
  g_byte_array_append (request->body, (const guint8 *) "", 1);
  g_byte_array_set_size (request->body, request->body->len - 1);
  return (const char *) request->body->data;
}

static void
classify_tls_verification (TribCurlRequest *request)
{
  long verify = 0;
  g_autofree char *host = url_host (request->url);

  curl_easy_getinfo (request->easy, CURLINFO_SSL_VERIFYRESULT, &verify);

  /* libcurl checks the name itself, after OpenSSL accepted the chain. */
  if (verify == 62 || strstr (request->errbuf, "subject name") || strstr (request->errbuf, "host name"))
    {
      request->tls_problem = TRIB_TLS_PROBLEM_NAME_MISMATCH;
      request->tls_detail = g_strdup_printf (_("the server's certificate is not issued for “%s”"), host);
      return;
    }

  /* X509_V_ERR_* numbers from OpenSSL's x509_vfy.h, stable across versions. */
  switch (verify)
    {
    case 18: /* DEPTH_ZERO_SELF_SIGNED_CERT */
      request->tls_problem = TRIB_TLS_PROBLEM_UNTRUSTED;
      request->tls_detail = g_strdup (_("the server's certificate is self-signed"));
      return;
    case 19: /* SELF_SIGNED_CERT_IN_CHAIN */
    case 2:  /* UNABLE_TO_GET_ISSUER_CERT */
    case 20: /* UNABLE_TO_GET_ISSUER_CERT_LOCALLY */
    case 21: /* UNABLE_TO_VERIFY_LEAF_SIGNATURE */
      request->tls_problem = TRIB_TLS_PROBLEM_UNTRUSTED;
      request->tls_detail = g_strdup (_("the server's certificate is issued by an authority this computer does not trust"));
      return;
    case 10: /* CERT_HAS_EXPIRED */
      request->tls_problem = TRIB_TLS_PROBLEM_EXPIRED;
      request->tls_detail = g_strdup (_("the server's certificate has expired"));
      return;
    case 9: /* CERT_NOT_YET_VALID */
      request->tls_problem = TRIB_TLS_PROBLEM_NOT_YET_VALID;
      request->tls_detail = g_strdup (_("the server's certificate is not valid yet"));
      return;
    default:
      break;
    }

  request->tls_problem = TRIB_TLS_PROBLEM_OTHER;
  request->tls_detail = g_strdup (request->errbuf);
}

static void
set_transport_error (TribCurlRequest  *request,
                     CURLcode          code,
                     GError          **error)
{
  g_autofree char *endpoint = _trib_curl_request_dup_endpoint (request);
  g_autofree char *host = url_host (request->url);
  long os_errno = 0;
  double connect_time = 0;
  const char *detail = request->errbuf[0] ? request->errbuf : curl_easy_strerror (code);
  gboolean https = g_str_has_prefix (request->url, "https:");

  curl_easy_getinfo (request->easy, CURLINFO_OS_ERRNO, &os_errno);
  curl_easy_getinfo (request->easy, CURLINFO_CONNECT_TIME, &connect_time);

  switch ((int) code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED, request->secret,
                                 _("cannot resolve the host name “%s”"), host);
      return;

    case CURLE_COULDNT_RESOLVE_PROXY:
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED, request->secret,
                                 _("cannot resolve the host name of the proxy %s (from %s)"), request->proxy,
                                 request->proxy_variable);
      return;

    case CURLE_COULDNT_CONNECT:
      if (request->proxy != NULL)
        {
          _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, request->secret,
                                     _("the proxy %s (from %s) refused the connection"), endpoint,
                                     request->proxy_variable);
          return;
        }
      if (os_errno == EHOSTUNREACH || os_errno == ENETUNREACH)
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_UNREACHABLE, request->secret,
                                   _("no route to %s"), endpoint);
      else if (os_errno == ETIMEDOUT)
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TIMED_OUT, request->secret,
                                   _("no answer from %s while connecting"), endpoint);
      else
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, request->secret,
                                   _("%s refused the connection"), endpoint);
      return;

    case CURLE_OPERATION_TIMEDOUT:
      if (connect_time > 0)
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TIMED_OUT, request->secret,
                                   _("%s accepted the connection but did not answer in time"), endpoint);
      else
        _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TIMED_OUT, request->secret,
                                   _("no answer from %s while connecting"), endpoint);
      return;

    case CURLE_SSL_CONNECT_ERROR:
      if (strstr (detail, "wrong version number") || strstr (detail, "packet length too long") ||
          strstr (detail, "record layer failure"))
        {
          request->tls_problem = TRIB_TLS_PROBLEM_NOT_TLS;
          request->tls_detail = g_strdup (_("the server does not speak TLS on this port (it answered in plain text)"));
        }
      else
        {
          request->tls_problem = TRIB_TLS_PROBLEM_OTHER;
          request->tls_detail = g_strdup (detail);
        }
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TLS, request->secret,
                                 _("TLS handshake with %s failed: %s"), endpoint, request->tls_detail);
      return;

    case CURLE_PEER_FAILED_VERIFICATION:
      classify_tls_verification (request);
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TLS, request->secret,
                                 _("the certificate of %s was not accepted: %s"), endpoint, request->tls_detail);
      return;

    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      request->tls_problem = TRIB_TLS_PROBLEM_CA_FILE;
      request->tls_detail = g_strdup (_("the CA file cannot be read or is not a PEM certificate"));
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TLS, request->secret,
                                 _("TLS setup failed: %s (%s)"), request->tls_detail, detail);
      return;

    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, request->secret,
                                 _("%s answered, but not in HTTP"), endpoint);
      return;

    case CURLE_RECV_ERROR:
      /* Reset before any answer: typically a TLS server dropping a plain-text request. */
      if (request->status != 0 || https || request->upload_error)
        break;
      G_GNUC_FALLTHROUGH;
    case CURLE_GOT_NOTHING:
      _trib_connector_set_error (error, https ? TRIB_CONNECTOR_ERROR_FAILED : TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,
                                 request->secret,
                                 _("%s closed the connection without an HTTP answer"), endpoint);
      return;

    case CURLE_LOGIN_DENIED:
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_AUTHENTICATION, request->secret,
                                 _("%s rejected the credentials"), endpoint);
      return;

    case CURLE_ABORTED_BY_CALLBACK:
      if (g_cancellable_set_error_if_cancelled (request->cancellable, error))
        return;
      break;

    case CURLE_WRITE_ERROR:
      if (request->sink_error)
        {
          g_propagate_error (error, g_steal_pointer (&request->sink_error));
          return;
        }
      break;

    case CURLE_READ_ERROR:
    case CURLE_SEND_ERROR:
      if (request->upload_error)
        {
          g_propagate_error (error, g_steal_pointer (&request->upload_error));
          return;
        }
      break;

    default:
      break;
    }

  _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_FAILED, request->secret,
                             _("request to %s failed: %s"), endpoint, detail);
}

gboolean
_trib_curl_request_perform (TribCurlRequest  *request,
                            GError          **error)
{
  CURLcode code;

  if (g_cancellable_set_error_if_cancelled (request->cancellable, error))
    return FALSE;

  if (request->request_headers)
    curl_easy_setopt (request->easy, CURLOPT_HTTPHEADER, request->request_headers);

  g_hash_table_remove_all (request->response_headers);
  g_byte_array_set_size (request->body, 0);
  request->upload_offset = 0;
  request->errbuf[0] = '\0';
  request->tls_problem = TRIB_TLS_PROBLEM_NONE;
  g_clear_pointer (&request->tls_detail, g_free);

  code = curl_easy_perform (request->easy);
  curl_easy_getinfo (request->easy, CURLINFO_RESPONSE_CODE, &request->status);

  if (code == CURLE_OK)
    return TRUE;

  set_transport_error (request, code, error);
  return FALSE;
}
