/* trib-sync-text-reader.h: text and CSV files to records, as a stream
 *
 * Bytes go in as they arrive (from HTTP, a file...), pass through decompression and
 * decoding to UTF-8, are cut into lines and fields, and come out as records in an
 * emitter. Memory use does not depend on the file size.
 *
 * Semantics (DataX txtfilereader / DataWorks HttpFile, see dataworks-reference.md §3.4-3.5):
 *  - lines end at "\n" (a "\r" before it is dropped) or at the configured lineDelimiter;
 *    empty lines are skipped, as DataX's CSV reader does;
 *  - text: fields are split on the delimiter exactly (any length), with no quoting;
 *  - csv: RFC 4180 quotes ("a,b", "say ""hi""", values spanning lines);
 *  - skipHeader drops the first record; a field equal to nullFormat is NULL (in csv only
 *    when unquoted, so that a quoted "\N" stays text);
 *  - column: ["*"] gives every field as a string; {index,type[,format]} picks a field,
 *    {type,value} adds a constant; a missing field or a failed conversion makes the
 *    record dirty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-sync-config.h"
#include "trib-sync-emitter.h"

G_BEGIN_DECLS

typedef struct _TribSyncTextReader TribSyncTextReader;

TribSyncTextReader *trib_sync_text_reader_new    (const TribSyncTextInput  *input,
                                                  TribSyncEmitter          *emitter,
                                                  GError                  **error);
void                trib_sync_text_reader_free   (TribSyncTextReader       *self);
gboolean            trib_sync_text_reader_feed   (TribSyncTextReader       *self,
                                                  const guint8             *data,
                                                  gsize                     length,
                                                  GError                  **error);
/* Ends the input: the last line may lack its line end. Flushes the emitter. */
gboolean            trib_sync_text_reader_finish (TribSyncTextReader       *self,
                                                  GError                  **error);
/* Compressed bytes consumed and lines seen so far. */
guint64             trib_sync_text_reader_get_bytes (TribSyncTextReader    *self);

/* DataX conversions of one text value, exposed for the tests. The result is the value's
 * DataX string form, or NULL with @error set (TRIB_SYNC_ERROR_DIRTY_RECORD). */
char               *trib_sync_convert_text       (TribSyncType              type,
                                                  const char               *text,
                                                  gsize                     length,
                                                  const char               *date_format,
                                                  GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncTextReader, trib_sync_text_reader_free)

G_END_DECLS
