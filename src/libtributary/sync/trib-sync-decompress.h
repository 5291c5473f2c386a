/* trib-sync-decompress.h: streaming gzip / bzip2 / zip decompression
 *
 * Bytes are pushed in as they arrive and decompressed bytes pushed out in chunks of at
 * most 64 KiB; nothing holds a whole file. gzip and bzip2 accept concatenated streams.
 * zip is read front to back from its local file headers (the central directory at the
 * end is never needed), every file entry's content one after the other, as DataX does;
 * entries may be stored or deflated, with or without data descriptors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-sync-config.h"

G_BEGIN_DECLS

typedef gboolean (*TribSyncBytesFunc) (const guint8  *data,
                                       gsize          length,
                                       gpointer       user_data,
                                       GError       **error);

typedef struct _TribSyncDecompressor TribSyncDecompressor;

/* TRIB_SYNC_COMPRESS_NONE passes bytes through unchanged. */
TribSyncDecompressor *trib_sync_decompressor_new    (TribSyncCompress       compress,
                                                     TribSyncBytesFunc      func,
                                                     gpointer               user_data);
void                  trib_sync_decompressor_free   (TribSyncDecompressor  *self);
gboolean              trib_sync_decompressor_feed   (TribSyncDecompressor  *self,
                                                     const guint8          *data,
                                                     gsize                  length,
                                                     GError               **error);
/* Fails if the input ended inside a compressed stream (a truncated file). */
gboolean              trib_sync_decompressor_finish (TribSyncDecompressor  *self,
                                                     GError               **error);
/* Compressed bytes consumed so far. */
guint64               trib_sync_decompressor_get_consumed (TribSyncDecompressor *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncDecompressor, trib_sync_decompressor_free)

G_END_DECLS
