/* trib-hs2-client-private.h: what TribHs2Operation needs from its client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-hs2-client.h"
#include "trib-hs2-transport.h"

G_BEGIN_DECLS

struct _TribHs2Client
{
  GObject            parent_instance;
  TribHs2Config     *config;

  GMutex             lock;          /* one RPC at a time on the connection */
  TribHs2Transport  *transport;
  gint32             seqid;
  gboolean           has_session;
  TribHs2HandleId    session;
  gint32             protocol;
  GHashTable        *server_conf;
  GHashTable        *engine_info;
  GPtrArray         *engine_log;
  guint              open_count;
  guint64            bytes_before;  /* received by transports already dropped */
  GMainContext      *context;       /* where ::engine-log is emitted */
};

/* The arguments of a call, kept for a worker thread. */
typedef struct
{
  char        *statement;
  GHashTable  *conf_overlay;
  gint64       query_timeout;
  TribHs2Rpc   rpc;
  char        *catalog;
  char        *schema;
  char        *table;
  char        *column;
  TribHs2InfoType info_type;
} CallData;

void              _trib_hs2_call_data_free              (CallData          *cd);
/* ExecuteStatement (rpc) or a metadata call, per @cd. */
TribHs2Operation *_trib_hs2_client_start_operation      (TribHs2Client     *self,
                                                         CallData          *cd,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
/* Start, wait, fetch everything, close. */
TribHs2ResultSet *_trib_hs2_client_query                (TribHs2Client     *self,
                                                         CallData          *cd,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
/* Emits ::engine-log on the creator's main context. */
void              _trib_hs2_client_emit_engine_log      (TribHs2Client     *self,
                                                         const char        *line);
/* Lock held: polls Kyuubi's engine-launch operation, if OpenSession named one. */
gboolean          _trib_hs2_client_wait_for_engine_locked (TribHs2Client   *self,
                                                         GCancellable      *cancellable,
                                                         GError           **error);

typedef void (*TribHs2BuildFunc) (GByteArray            *buf,
                                  gint32                 seqid,
                                  const TribHs2HandleId *session,
                                  gpointer               data);

/* One RPC on the client's connection (reconnecting if it broke). With @needs_session the
 * session is opened first and reopened once if the server lost it. The TStatus is checked. */
gboolean  _trib_hs2_client_call     (TribHs2Client     *self,
                                     TribHs2Rpc         rpc,
                                     gboolean           needs_session,
                                     TribHs2BuildFunc   build,
                                     gpointer           data,
                                     TribHs2Response   *resp,
                                     GCancellable      *cancellable,
                                     GError           **error);
/* _trib_hs2_client_call() with the lock already held. */
gboolean  _trib_hs2_client_call_locked (TribHs2Client     *self,
                                        TribHs2Rpc         rpc,
                                        gboolean           needs_session,
                                        TribHs2BuildFunc   build,
                                        gpointer           data,
                                        TribHs2Response   *resp,
                                        GCancellable      *cancellable,
                                        GError           **error);
/* One RPC on a fresh connection of its own (for CancelOperation). */
gboolean  _trib_hs2_call_on_new_connection (const TribHs2Config *config,
                                            TribHs2Rpc           rpc,
                                            TribHs2BuildFunc     build,
                                            gpointer             data,
                                            TribHs2Response     *resp,
                                            GCancellable        *cancellable,
                                            GError             **error);
TribHs2Operation *_trib_hs2_operation_new (TribHs2Client                *client,
                                           const TribHs2OperationHandle *handle);
/* Polls an operation to its end, streaming its log to @log_func; used for engine launch too. */
typedef void (*TribHs2LogFunc) (const char *line, gpointer data);

/* An operation made by an _async () call is created on a worker thread; its ::log and
 * ::status must reach the caller's context instead. */
void _trib_hs2_operation_set_context (TribHs2Operation *self,
                                      GMainContext     *context);

G_END_DECLS
