/* trib-hs2-client-private.h: what TribHs2Operation needs from its client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-hs2-client.h"
#include "trib-hs2-transport.h"

G_BEGIN_DECLS

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

G_END_DECLS
