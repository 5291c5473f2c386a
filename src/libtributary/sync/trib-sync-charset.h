/* trib-sync-charset.h: text encodings of files read and written, through GIConv
 *
 * Everything inside the engine is UTF-8. A reader decodes its file to UTF-8 as a stream
 * (never the whole file at once); a writer encodes each record, so that a record that
 * cannot be represented in the target encoding is a dirty record, not a silent "?".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "UTF-8", "utf8", any case: no conversion needed. NULL and "" count as UTF-8. */
gboolean  trib_sync_charset_is_utf8    (const char  *encoding);
/* Fails with a message when GIConv does not know @encoding, or when it does not keep
 * ASCII characters as single bytes (UTF-16, UTF-32), which line splitting relies on. */
gboolean  trib_sync_charset_check      (const char  *encoding,
                                        GError     **error);

typedef struct _TribSyncDecoder TribSyncDecoder;

/* Receives UTF-8 text. */
typedef gboolean (*TribSyncTextFunc) (const char  *data,
                                      gsize        length,
                                      gpointer     user_data,
                                      GError     **error);

TribSyncDecoder *trib_sync_decoder_new    (const char       *encoding,
                                           TribSyncTextFunc  func,
                                           gpointer          user_data,
                                           GError          **error);
void             trib_sync_decoder_free   (TribSyncDecoder  *decoder);
/* A character split across two calls is kept until the rest arrives. Bytes that are not
 * valid in the encoding fail with their offset in the stream. */
gboolean         trib_sync_decoder_feed   (TribSyncDecoder  *decoder,
                                           const guint8     *data,
                                           gsize             length,
                                           GError          **error);
gboolean         trib_sync_decoder_finish (TribSyncDecoder  *decoder,
                                           GError          **error);

typedef struct _TribSyncEncoder TribSyncEncoder;

TribSyncEncoder *trib_sync_encoder_new    (const char       *encoding,
                                           GError          **error);
void             trib_sync_encoder_free   (TribSyncEncoder  *encoder);
/* Appends @text (UTF-8) converted to @out. On failure @out is unchanged and the error
 * names the character that has no representation. */
gboolean         trib_sync_encoder_append (TribSyncEncoder  *encoder,
                                           const char       *text,
                                           gsize             length,
                                           GByteArray       *out,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncDecoder, trib_sync_decoder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncEncoder, trib_sync_encoder_free)

G_END_DECLS
