/* trib-sync-engine-private.h: the engine's hook for a reader preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-sync-emitter.h"
#include "trib-sync-engine.h"

G_BEGIN_DECLS

gboolean _trib_sync_reader_preview (TribSyncReader     *reader,
                                    TribSyncFlushFunc   flush_func,
                                    gboolean           *enough,
                                    gpointer            user_data,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_END_DECLS
