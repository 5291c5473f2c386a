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
/* "host:port" or "host (address):port" of the connection used (or tried). */
char            *_trib_curl_request_dup_endpoint (TribCurlRequest        *request);
/* The collected body as text (NUL-terminated, possibly truncated). */
const char      *_trib_curl_request_get_body_text (TribCurlRequest       *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribCurlRequest, _trib_curl_request_free)

G_END_DECLS
