/* trib-sync-text-writer.h: records to text or CSV bytes
 *
 * DataX's writer semantics (osswriter, txtfilewriter):
 *  - text: fields joined by fieldDelimiter, no escaping at all, lineDelimiter after each
 *    record ("\n" by default);
 *  - csv: RFC 4180: a field holding the delimiter, a quote, CR or LF is quoted with '"'
 *    and its quotes doubled;
 *  - NULL is written as nullFormat ("\N" by default), never quoted; an empty string is an
 *    empty field;
 *  - dateFormat (a Java SimpleDateFormat pattern) reformats date columns;
 *  - header: one line of column names first;
 *  - encoding: each record is converted on its own; a record with a character the
 *    encoding cannot hold is refused (a dirty record), never written with "?".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-sync-config.h"
#include "trib-sync-record.h"

G_BEGIN_DECLS

typedef struct _TribSyncTextWriter TribSyncTextWriter;

TribSyncTextWriter *trib_sync_text_writer_new           (const TribSyncTextOutput *output,
                                                         GError                  **error);
void                trib_sync_text_writer_free          (TribSyncTextWriter       *self);
/* Appends the header line, if one is configured. */
gboolean            trib_sync_text_writer_append_header (TribSyncTextWriter       *self,
                                                         GByteArray               *out,
                                                         GError                  **error);
/* Appends one record. On failure (TRIB_SYNC_ERROR_DIRTY_RECORD) @out is unchanged. */
gboolean            trib_sync_text_writer_append_record (TribSyncTextWriter       *self,
                                                         const TribSyncBatch      *batch,
                                                         guint                     record,
                                                         GByteArray               *out,
                                                         GError                  **error);

/* fileFormat text: did the record just appended hold the field delimiter or a line
 * break in a value (written raw, so its line does not split back into it)? */
gboolean            trib_sync_text_writer_last_record_ambiguous (TribSyncTextWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncTextWriter, trib_sync_text_writer_free)

G_END_DECLS
