/* trib-connector-error.h: why talking to a data source failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRIB_CONNECTOR_ERROR (trib_connector_error_quark ())

/* The error codes of every connector (MySQL, HTTP file, S3, local folder) and the
 * failure categories of a connectivity test: one list, so a sync failure and a failed
 * "Test Connection" name a problem the same way. */
typedef enum
{
  TRIB_CONNECTOR_ERROR_FAILED,              /* anything not listed below */
  TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,    /* a field is missing or malformed; nothing was sent */
  TRIB_CONNECTOR_ERROR_MISSING_SECRET,      /* no password or secret key in the keyring or environment */
  TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED,
  TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED,
  TRIB_CONNECTOR_ERROR_UNREACHABLE,         /* no route to the host or network */
  TRIB_CONNECTOR_ERROR_TIMED_OUT,
  TRIB_CONNECTOR_ERROR_TLS,                 /* handshake or certificate problem */
  TRIB_CONNECTOR_ERROR_AUTHENTICATION,      /* wrong user, password, key or signature */
  TRIB_CONNECTOR_ERROR_DATABASE_NOT_FOUND,
  TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND,
  TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND,      /* an HTTP file, an object or a local folder */
  TRIB_CONNECTOR_ERROR_PERMISSION_DENIED,
  TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL,      /* another kind of server answers on that port */
  TRIB_CONNECTOR_ERROR_SERVER_ERROR,        /* the server understood but failed (5xx, SQL error) */
  TRIB_CONNECTOR_ERROR_NOT_AVAILABLE,       /* this build cannot test or open that kind */
} TribConnectorError;

/* Receives bytes as they arrive (an HTTP file, an object); returning FALSE with @error
 * set stops the transfer with that error. */
typedef gboolean (*TribByteSinkFunc) (const guint8  *data,
                                      gsize          length,
                                      gpointer       user_data,
                                      GError       **error);

#define TRIB_TYPE_CONNECTOR_ERROR (trib_connector_error_get_type ())
GType       trib_connector_error_get_type  (void);
GQuark      trib_connector_error_quark     (void);

/* A stable machine name such as "connection-refused" (the enum nick). */
const char *trib_connector_error_to_string (TribConnectorError code);
/* A translated, human name such as "Connection refused". */
const char *trib_connector_error_get_label (TribConnectorError code);

G_END_DECLS
