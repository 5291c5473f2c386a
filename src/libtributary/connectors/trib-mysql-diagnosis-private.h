/* trib-mysql-diagnosis-private.h: why a MySQL session could not start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-connector-private.h"

G_BEGIN_DECLS

/* What answers on a port where the MySQL handshake failed. */
typedef enum
{
  TRIB_MYSQL_PEER_SILENT,
  TRIB_MYSQL_PEER_REFUSED,
  TRIB_MYSQL_PEER_UNREACHABLE,
  TRIB_MYSQL_PEER_HTTP,
  TRIB_MYSQL_PEER_TLS,
  TRIB_MYSQL_PEER_MYSQL,
  TRIB_MYSQL_PEER_OTHER,
} TribMysqlPeer;

/* Connects once more, waits briefly for a MySQL greeting, else sends an HTTP request
 * and looks at the answer. */
TribMysqlPeer _trib_mysql_probe_peer    (const char      *host,
                                         guint            port,
                                         guint            connect_timeout,
                                         GCancellable    *cancellable);
/* The system error number in a Connector/C message ("... (111)", "system error: 110"). */
int           _trib_mysql_message_errno (const char      *message);
/* Reads a Connector/C TLS error message. */
void          _trib_mysql_classify_tls  (const char      *message,
                                         const char      *host,
                                         const char      *ca_file,
                                         TribTlsProblem  *problem,
                                         char           **problem_detail);

G_END_DECLS
