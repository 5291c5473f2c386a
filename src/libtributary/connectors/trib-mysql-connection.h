/* trib-mysql-connection.h: one session with a MySQL / MariaDB server (Connector/C)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <mysql.h>

#include "trib-connectivity-result.h"
#include "trib-data-source.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_MYSQL_TLS_DISABLED,
  TRIB_MYSQL_TLS_PREFERRED,        /* TLS when the server offers it, not verified */
  TRIB_MYSQL_TLS_REQUIRED,         /* TLS or fail, certificate not verified */
  TRIB_MYSQL_TLS_VERIFY_CA,        /* TLS, certificate signed by ca_file */
  TRIB_MYSQL_TLS_VERIFY_IDENTITY,  /* and issued for the host name */
} TribMysqlTlsMode;

#define TRIB_TYPE_MYSQL_CONNECTION (trib_mysql_connection_get_type ())

G_DECLARE_FINAL_TYPE (TribMysqlConnection, trib_mysql_connection, TRIB, MYSQL_CONNECTION, GObject)

/* Called once with the result's columns before the first row. */
typedef gboolean (*TribMysqlColumnsFunc) (MYSQL_FIELD          *fields,
                                          guint                 n_fields,
                                          gpointer              user_data,
                                          GError              **error);
/* Called for each row: @row[i] is NULL for SQL NULL, @lengths[i] its byte length. */
typedef gboolean (*TribMysqlRowFunc)     (MYSQL_ROW             row,
                                          const unsigned long  *lengths,
                                          guint                 n_fields,
                                          gpointer              user_data,
                                          GError              **error);

/* Checks the definition; @password may be "" but not NULL (MISSING_SECRET). */
TribMysqlConnection *trib_mysql_connection_new          (TribDataSource       *data_source,
                                                         const char           *password,
                                                         GError              **error);

/* Connects: resolves the host, opens a TCP session with the TLS mode, time zone and
 * character set of the source. Blocks (run it in a worker); failures are
 * TRIB_CONNECTOR_ERROR with the category as code and never contain the password. */
gboolean             trib_mysql_connection_open         (TribMysqlConnection  *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
/* The same in a worker thread; a cancellation returns at once. */
void                 trib_mysql_connection_open_async   (TribMysqlConnection  *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             trib_mysql_connection_open_finish  (TribMysqlConnection  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                 trib_mysql_connection_close        (TribMysqlConnection  *self);
gboolean             trib_mysql_connection_is_open      (TribMysqlConnection  *self);

/* The Connector/C handle for direct use (one thread at a time), or NULL when closed. */
MYSQL               *trib_mysql_connection_get_handle   (TribMysqlConnection  *self);
/* "10.11.6-MariaDB-0+deb12u1", after open. */
const char          *trib_mysql_connection_get_server_version (TribMysqlConnection *self);
/* "127.0.0.1:3306" or "db.example.com (192.0.2.7):3306", after a lookup. */
const char          *trib_mysql_connection_get_endpoint (TribMysqlConnection  *self);
/* The TLS cipher of the session, or NULL when it is not encrypted. */
const char          *trib_mysql_connection_get_tls_cipher (TribMysqlConnection *self);
TribMysqlTlsMode     trib_mysql_connection_get_tls_mode (TribMysqlConnection  *self);

/* Runs a statement that returns no rows (or discards them). */
gboolean             trib_mysql_connection_execute      (TribMysqlConnection  *self,
                                                         const char           *sql,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
/* Runs @sql with mysql_use_result, so rows stream from the server without being held
 * in memory. A cancellation aborts the transfer at once; the session is then closed. */
gboolean             trib_mysql_connection_stream_query (TribMysqlConnection  *self,
                                                         const char           *sql,
                                                         TribMysqlColumnsFunc  columns_func,
                                                         TribMysqlRowFunc      row_func,
                                                         gpointer              user_data,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

/* `name` with backticks doubled: for table and column names in generated SQL. */
char                *trib_mysql_quote_identifier        (const char           *name);

/* The connectivity test: opens a session and reports the server version, database and
 * TLS state. Blocking; NULL only when cancelled (with G_IO_ERROR_CANCELLED). */
TribConnectivityResult *trib_mysql_connection_test      (TribMysqlConnection  *self,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

G_END_DECLS
