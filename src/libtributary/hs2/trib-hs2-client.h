/* trib-hs2-client.h: a TCLIService client for Kyuubi, Spark Thrift Server and HiveServer2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One client = one connection and one session. Calls are serialised on that connection and
 * run in worker threads; the _sync variants block and may be called from any thread except
 * one that must stay responsive. A lost session (idle expiry, server restart) is reopened
 * once, transparently, by the calls that take the session handle.
 */

#pragma once

#include <gio/gio.h>

#include "trib-hs2-config.h"
#include "trib-hs2-operation.h"
#include "trib-hs2-protocol.h"
#include "trib-hs2-result-set.h"

G_BEGIN_DECLS

#define TRIB_TYPE_HS2_CLIENT (trib_hs2_client_get_type ())

G_DECLARE_FINAL_TYPE (TribHs2Client, trib_hs2_client, TRIB, HS2_CLIENT, GObject)

TribHs2Client       *trib_hs2_client_new               (const TribHs2Config  *config);
const TribHs2Config *trib_hs2_client_get_config        (TribHs2Client        *self);
/* The negotiated TProtocolVersion, -1 before the session is open. */
gint32               trib_hs2_client_get_protocol      (TribHs2Client        *self);
/* The configuration map of the OpenSession reply (NULL before). */
GHashTable          *trib_hs2_client_get_server_configuration (TribHs2Client *self);
/* Kyuubi engine information (id, name, url, refId) once its launch finished; may be NULL. */
GHashTable          *trib_hs2_client_get_engine_info   (TribHs2Client        *self);
/* Lines of the engine launch log received so far (Kyuubi); each is also emitted as
 * ::engine-log on the thread-default main context of the client's creator. */
GStrv                trib_hs2_client_dup_engine_log    (TribHs2Client        *self);
/* How many times the session was opened (2+ after a transparent reopen). */
guint                trib_hs2_client_get_open_count    (TribHs2Client        *self);
guint64              trib_hs2_client_get_bytes_received (TribHs2Client       *self);

/* Connects and opens the session (and waits for a Kyuubi engine launch when configured). */
gboolean             trib_hs2_client_open_sync         (TribHs2Client        *self,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 trib_hs2_client_open_async        (TribHs2Client        *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean             trib_hs2_client_open_finish       (TribHs2Client        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* CloseSession and disconnect. */
gboolean             trib_hs2_client_close_sync        (TribHs2Client        *self,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 trib_hs2_client_close_async       (TribHs2Client        *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean             trib_hs2_client_close_finish      (TribHs2Client        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* GetInfo, as text (numbers are printed). */
char                *trib_hs2_client_get_info_sync     (TribHs2Client        *self,
                                                        TribHs2InfoType       info_type,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 trib_hs2_client_get_info_async    (TribHs2Client        *self,
                                                        TribHs2InfoType       info_type,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char                *trib_hs2_client_get_info_finish   (TribHs2Client        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* ExecuteStatement with runAsync: returns the running operation (wait, fetch, cancel it).
 * @conf_overlay applies to this statement only; @query_timeout in seconds, 0 for none. */
TribHs2Operation    *trib_hs2_client_execute_sync      (TribHs2Client        *self,
                                                        const char           *statement,
                                                        GHashTable           *conf_overlay,
                                                        gint64                query_timeout,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 trib_hs2_client_execute_async     (TribHs2Client        *self,
                                                        const char           *statement,
                                                        GHashTable           *conf_overlay,
                                                        gint64                query_timeout,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
TribHs2Operation    *trib_hs2_client_execute_finish    (TribHs2Client        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Metadata operations: GetCatalogs, GetSchemas, GetTables, GetColumns, GetTypeInfo (@rpc).
 * Unused arguments are ignored; NULL leaves a pattern out. */
TribHs2Operation    *trib_hs2_client_get_metadata_sync (TribHs2Client        *self,
                                                        TribHs2Rpc            rpc,
                                                        const char           *catalog,
                                                        const char           *schema_pattern,
                                                        const char           *table_pattern,
                                                        const char           *column_pattern,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 trib_hs2_client_get_metadata_async (TribHs2Client       *self,
                                                        TribHs2Rpc            rpc,
                                                        const char           *catalog,
                                                        const char           *schema_pattern,
                                                        const char           *table_pattern,
                                                        const char           *column_pattern,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
TribHs2Operation    *trib_hs2_client_get_metadata_finish (TribHs2Client      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* The whole round: execute (or @rpc metadata call), wait, read the schema, fetch every
 * batch into a result set, close the operation. Cancelling sends CancelOperation. */
TribHs2ResultSet    *trib_hs2_client_query_sync        (TribHs2Client        *self,
                                                        const char           *statement,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 trib_hs2_client_query_async       (TribHs2Client        *self,
                                                        const char           *statement,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
TribHs2ResultSet    *trib_hs2_client_query_finish      (TribHs2Client        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
