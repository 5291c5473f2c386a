/* trib-hs2-transport.h: one connection to a HiveServer2 server, any transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blocking: used from worker threads, one call at a time (the client serialises).
 */

#pragma once

#include <gio/gio.h>

#include "trib-hs2-codec.h"
#include "trib-hs2-config.h"

G_BEGIN_DECLS

#define TRIB_TYPE_HS2_TRANSPORT (trib_hs2_transport_get_type ())

G_DECLARE_FINAL_TYPE (TribHs2Transport, trib_hs2_transport, TRIB, HS2_TRANSPORT, GObject)

/* Decodes a reply. Returning FALSE with r->incomplete set asks for more bytes. */
typedef gboolean (*TribHs2DecodeFunc) (TribThriftReader  *r,
                                       gpointer           user_data,
                                       GError           **error);

TribHs2Transport *trib_hs2_transport_new        (const TribHs2Config  *config);
/* Connects, does TLS and the SASL handshake. */
gboolean          trib_hs2_transport_open       (TribHs2Transport     *self,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
/* Sends one message and decodes its reply. */
gboolean          trib_hs2_transport_call       (TribHs2Transport     *self,
                                                 GByteArray           *request,
                                                 TribHs2DecodeFunc     decode,
                                                 gpointer              user_data,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
/* Whether a failure left the connection unusable (reconnect before the next call). */
gboolean          trib_hs2_transport_is_broken  (TribHs2Transport     *self);
void              trib_hs2_transport_close      (TribHs2Transport     *self);
/* Bytes received in replies so far. */
guint64           trib_hs2_transport_get_bytes_received (TribHs2Transport *self);

G_END_DECLS
