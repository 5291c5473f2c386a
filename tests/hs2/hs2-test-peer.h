/* hs2-test-peer.h: reaching the reference HiveServer2 peer started by trib-peers --hs2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-test-util.h"

G_BEGIN_DECLS

/* A configuration for the peer's port of @mode (TLS ports when @tls). */
TribHs2Config *hs2_test_config          (TribHs2TransportMode  mode,
                                         gboolean              tls);
/* Whether the peer's statements.jsonl has a line containing every one of the strings. */
gboolean       hs2_test_recorded        (const char           *first,
                                         ...) G_GNUC_NULL_TERMINATED;
/* A port on 127.0.0.1 where nothing listens. */
guint16        hs2_test_closed_port     (void);

G_END_DECLS
