/* trib-curl-private.h: one libcurl request, with cancellation and classified failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

#include "trib-connector-private.h"

G_BEGIN_DECLS

typedef struct
{
  long         connect_timeout;   /* seconds */
  long         read_timeout;      /* seconds without a byte before giving up */
  gboolean     verify_tls;
  const char  *ca_file;
} TribCurlOptions;

/* Receives the response body; returns FALSE (with @error set) to stop the transfer. */
typedef gboolean (*TribCurlSinkFunc) (const guint8  *data,
                                      gsize          length,
                                      gpointer       user_data,
                                      GError       **error);

typedef struct
{
  CURL               *easy;
  GCancellable       *cancellable;
  char               *url;
  char               *secret;           /* scrubbed from every message */
  struct curl_slist  *request_headers;
  GHashTable         *response_headers; /* lower-case name -> value, of the final response */
  long                status;
  /* The body goes to @sink, or is collected into @body (up to @body_limit bytes). */
  TribCurlSinkFunc    sink;
  gpointer            sink_data;
  GError             *sink_error;
  GByteArray         *body;
  gsize               body_limit;
  gboolean            body_truncated;
  /* Upload: from @upload (bytes) or from @upload_stream (@upload_size bytes). */
  GBytes             *upload;
  gsize               upload_offset;
  GInputStream       *upload_stream;
  GError             *upload_error;
  gboolean            post;
  /* The proxy used, from the environment ("http://proxy:3128"), and its variable. */
  char               *proxy;
  const char         *proxy_variable;
  TribTlsProblem      tls_problem;
  char               *tls_detail;
  char                errbuf[CURL_ERROR_SIZE];
} TribCurlRequest;

void             _trib_curl_global_init          (void);

TribCurlRequest *_trib_curl_request_new          (const char             *url,
                                                  const TribCurlOptions  *options,
                                                  GCancellable           *cancellable);
void             _trib_curl_request_free         (TribCurlRequest        *request);
void             _trib_curl_request_set_method   (TribCurlRequest        *request,
                                                  const char             *method);
void             _trib_curl_request_add_header   (TribCurlRequest        *request,
                                                  const char             *name,
                                                  const char             *value);
/* Kept out of every message; the request sends it as Basic authentication. */
void             _trib_curl_request_set_basic_auth (TribCurlRequest      *request,
                                                    const char           *user,
                                                    const char           *password);
void             _trib_curl_request_set_sink     (TribCurlRequest        *request,
                                                  TribCurlSinkFunc        sink,
                                                  gpointer                user_data);
void             _trib_curl_request_set_upload_bytes  (TribCurlRequest   *request,
                                                       GBytes            *bytes);
void             _trib_curl_request_set_upload_stream (TribCurlRequest   *request,
                                                       GInputStream      *stream,
                                                       goffset            size);
/* Performs the transfer. FALSE only for a transport failure (or cancellation, as
 * G_IO_ERROR_CANCELLED): any HTTP status is a success here; read request->status. */
gboolean         _trib_curl_request_perform      (TribCurlRequest        *request,
                                                  GError                **error);
const char      *_trib_curl_request_get_header   (TribCurlRequest        *request,
                                                  const char             *name);
/* The proxy the environment gives for @url, as libcurl would pick it: http_proxy (lower
 * case only) for http, https_proxy / HTTPS_PROXY for https, else all_proxy / ALL_PROXY,
 * unless no_proxy / NO_PROXY lists the host ("*", a name, a domain suffix, an address).
 * NULL when none; @variable receives the variable's name. */
char            *_trib_curl_proxy_for_url        (const char             *url,
                                                  const char            **variable);
/* A failure reaching the proxy rather than the server. */
gboolean         _trib_curl_request_failed_at_proxy (TribCurlRequest     *request,
                                                     const GError        *error);
/* "host:port" or "host (address):port" of the connection used (or tried). */
char            *_trib_curl_request_dup_endpoint (TribCurlRequest        *request);
/* The collected body as text (NUL-terminated, possibly truncated). */
const char      *_trib_curl_request_get_body_text (TribCurlRequest       *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribCurlRequest, _trib_curl_request_free)

G_END_DECLS
