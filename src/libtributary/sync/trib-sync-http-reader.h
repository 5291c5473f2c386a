/* trib-sync-http-reader.h: DataWorks' HttpFile reader
 *
 * fileName under the data source's base URL, streamed through libcurl into the text
 * reader (decompression, decoding, lines, fields) as the bytes arrive: one slice, one
 * channel, memory independent of the file size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-sync-config.h"
#include "trib-sync-plugin.h"
#include "trib-sync-sources.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_HTTP_READER (trib_sync_http_reader_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncHttpReader, trib_sync_http_reader, TRIB, SYNC_HTTP_READER, TribSyncReader)

/* @config must stay valid as long as the reader (it belongs to the job). */
TribSyncReader *trib_sync_http_reader_new (const TribSyncFileReaderConfig *config,
                                           TribSyncSources                *sources);

G_END_DECLS
