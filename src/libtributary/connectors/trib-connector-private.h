/* trib-connector-private.h: shared by the connectors, not installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-connector-error.h"

G_BEGIN_DECLS

/* What went wrong in a TLS handshake, for the hint. */
typedef enum
{
  TRIB_TLS_PROBLEM_NONE,
  TRIB_TLS_PROBLEM_NOT_TLS,          /* the peer does not speak TLS on that port */
  TRIB_TLS_PROBLEM_UNTRUSTED,        /* self-signed or unknown CA */
  TRIB_TLS_PROBLEM_NAME_MISMATCH,
  TRIB_TLS_PROBLEM_EXPIRED,
  TRIB_TLS_PROBLEM_NOT_YET_VALID,
  TRIB_TLS_PROBLEM_CA_FILE,          /* our ca_file cannot be used */
  TRIB_TLS_PROBLEM_OTHER,
} TribTlsProblem;

/* Replaces every occurrence of @secret in @text with "******" (in place, may realloc). */
char *_trib_connector_scrub (char       *text,
                             const char *secret);

/* "host:port", "[v6]:port", or "name (address):port" when @address differs from @host. */
char *_trib_connector_format_endpoint (const char *host,
                                       const char *address,
                                       guint       port);

/* Sets a TRIB_CONNECTOR_ERROR whose message never contains @secret. */
void  _trib_connector_set_error (GError             **error,
                                 TribConnectorError   code,
                                 const char          *secret,
                                 const char          *format,
                                 ...) G_GNUC_PRINTF (4, 5);

/* The hint for the failures every connector shares (name, refused, unreachable, timed out,
 * TLS), or NULL for another category. @port is the port tried; @kind picks the wording. */
char *_trib_connector_common_hint (TribConnectorError  code,
                                   TribTlsProblem      tls_problem,
                                   int                 kind,
                                   const char         *host,
                                   guint               port,
                                   guint               timeout_seconds);

/* The hint when the proxy from the environment variable @variable cannot be reached. */
char *_trib_connector_proxy_hint (const char *variable);

/* The user agent of every HTTP request. */
const char *_trib_connector_user_agent (void);

/* Collects a download in memory, refusing more than @max_size bytes: a
 * TribByteSinkFunc for the *_bytes () conveniences. @what names the download in the
 * error ("object “x”", a URL). */
typedef struct
{
  GByteArray *data;
  gsize       max_size;
  const char *what;
} TribByteCollector;

gboolean _trib_byte_collector_sink (const guint8  *data,
                                    gsize          length,
                                    gpointer       user_data,
                                    GError       **error);

G_END_DECLS
