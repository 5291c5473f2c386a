/* trib-http-file.h: files under the base URL of an HTTP file data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-connectivity-result.h"
#include "trib-data-source.h"

G_BEGIN_DECLS

#define TRIB_TYPE_HTTP_FILE (trib_http_file_get_type ())

G_DECLARE_FINAL_TYPE (TribHttpFile, trib_http_file, TRIB, HTTP_FILE, GObject)

/* @secret is the Basic authentication password (with the "user" option), or NULL.
 * Fails with TRIB_CONNECTOR_ERROR_INVALID_SETTINGS naming the wrong field. The proxy
 * comes from the environment (http_proxy, https_proxy, no_proxy), as libcurl reads it. */
TribHttpFile *trib_http_file_new          (TribDataSource        *data_source,
                                           const char            *secret,
                                           GError               **error);

const char   *trib_http_file_get_base_url (TribHttpFile          *self);
/* The URL of @path under the base URL: "/user_log.txt" -> "http://host:port/user_log.txt".
 * Characters outside RFC 3986 are percent-encoded; "/" and existing escapes are kept.
 * "." and ".." segments are resolved, never above the base URL. */
char         *trib_http_file_dup_url      (TribHttpFile          *self,
                                           const char            *path);

/* FALSE (INVALID_SETTINGS) when @path climbs out of the base URL ("/../etc/passwd", also
 * written "%2e%2e"). */
gboolean      trib_http_path_check        (const char            *path,
                                           GError               **error);

/* The following block the calling thread (run them in a worker); @cancellable stops
 * them within a second. HTTP statuses >= 400 fail with a TRIB_CONNECTOR_ERROR:
 * 401/407 AUTHENTICATION, 403 PERMISSION_DENIED, 404/410 FILE_NOT_FOUND, 5xx SERVER_ERROR. */

/* A HEAD request (a one-byte GET when the server refuses HEAD). @size is -1 when the
 * server does not say; @content_type may be NULL. */
gboolean      trib_http_file_stat         (TribHttpFile          *self,
                                           const char            *path,
                                           guint                 *status,
                                           gint64                *size,
                                           char                 **content_type,
                                           GCancellable          *cancellable,
                                           GError               **error);
/* Streams the file at @path to @sink. @method is "GET" (NULL) or "POST" with @body;
 * @extra_headers are "Name: value" lines added to the source's own headers. */
gboolean      trib_http_file_fetch        (TribHttpFile          *self,
                                           const char            *path,
                                           const char            *method,
                                           GBytes                *body,
                                           const char * const    *extra_headers,
                                           TribByteSinkFunc       sink,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);
/* The whole file in memory; fails when it is larger than @max_size bytes. */
GBytes       *trib_http_file_fetch_bytes  (TribHttpFile          *self,
                                           const char            *path,
                                           gsize                  max_size,
                                           GCancellable          *cancellable,
                                           GError               **error);

/* The connectivity test: requests the "probe_path" option, or the base URL itself.
 * Blocking; returns NULL only when cancelled (with G_IO_ERROR_CANCELLED). */
TribConnectivityResult *trib_http_file_test (TribHttpFile        *self,
                                             GCancellable        *cancellable,
                                             GError             **error);

G_END_DECLS
