/* trib-connector-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-connector-error.h"

G_DEFINE_QUARK (trib-connector-error-quark, trib_connector_error)

G_DEFINE_ENUM_TYPE (TribConnectorError, trib_connector_error,
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_INVALID_SETTINGS, "invalid-settings"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_MISSING_SECRET, "missing-secret"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED, "name-not-resolved"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, "connection-refused"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_UNREACHABLE, "unreachable"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_TIMED_OUT, "timed-out"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_TLS, "tls"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_AUTHENTICATION, "authentication"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_DATABASE_NOT_FOUND, "database-not-found"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND, "bucket-not-found"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND, "file-not-found"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_PERMISSION_DENIED, "permission-denied"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, "wrong-protocol"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_SERVER_ERROR, "server-error"),
  G_DEFINE_ENUM_VALUE (TRIB_CONNECTOR_ERROR_NOT_AVAILABLE, "not-available"))

const char *
trib_connector_error_to_string (TribConnectorError code)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TRIB_TYPE_CONNECTOR_ERROR);
  GEnumValue *value = g_enum_get_value (klass, code);

  return value ? value->value_nick : "failed";
}

const char *
trib_connector_error_get_label (TribConnectorError code)
{
  switch (code)
    {
    case TRIB_CONNECTOR_ERROR_INVALID_SETTINGS:   return _("Incomplete or invalid settings");
    case TRIB_CONNECTOR_ERROR_MISSING_SECRET:     return _("No password or secret key");
    case TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED:  return _("Host name not resolved");
    case TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED: return _("Connection refused");
    case TRIB_CONNECTOR_ERROR_UNREACHABLE:        return _("Host unreachable");
    case TRIB_CONNECTOR_ERROR_TIMED_OUT:          return _("Timed out");
    case TRIB_CONNECTOR_ERROR_TLS:                return _("TLS failure");
    case TRIB_CONNECTOR_ERROR_AUTHENTICATION:     return _("Authentication failed");
    case TRIB_CONNECTOR_ERROR_DATABASE_NOT_FOUND: return _("Database not found");
    case TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND:   return _("Bucket not found");
    case TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND:     return _("File not found");
    case TRIB_CONNECTOR_ERROR_PERMISSION_DENIED:  return _("Permission denied");
    case TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL:     return _("Wrong protocol");
    case TRIB_CONNECTOR_ERROR_SERVER_ERROR:       return _("Server error");
    case TRIB_CONNECTOR_ERROR_NOT_AVAILABLE:      return _("Not available");
    case TRIB_CONNECTOR_ERROR_FAILED:
    default:                                      return _("Failed");
    }
}
