/* trib-sync-object-writer.h: the osswriter: records as text objects in a store
 *
 * DataX osswriter semantics (dataworks-reference.md §3.6), on any TribObjectStore (an S3
 * or OSS bucket, a local folder):
 *  - writeSingleObject: true writes exactly one object at "object"; otherwise the name is
 *    "object__<uuid>" (DataX's unique suffix), rolled into "..._1", "..._2" when
 *    maxFileSize is reached, each with "suffix" and the header;
 *  - truncate replaces every object whose name starts with "object"; append only adds;
 *    nonConflict fails before reading anything if such an object exists;
 *  - nothing partial is visible: an object appears whole when the job commits (S3:
 *    multipart upload completed at the end; a local folder: a temporary file renamed).
 *    The old objects a truncate replaces are deleted only then, so a failed run leaves
 *    the previous output as it was. Rolled objects are committed as each one fills, and
 *    removed again if the job fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-object-store.h"
#include "trib-sync-config.h"
#include "trib-sync-plugin.h"
#include "trib-sync-sources.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_OBJECT_WRITER (trib_sync_object_writer_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncObjectWriter, trib_sync_object_writer, TRIB, SYNC_OBJECT_WRITER, TribSyncWriter)

TribSyncWriter *trib_sync_object_writer_new         (const TribSyncObjectWriterConfig *config,
                                                     TribObjectStore                  *store,
                                                     GError                          **error);
/* The same, with the store opened when the writer is prepared: the data source named by
 * the config is looked up in @sources and its secret resolved then (blocking). */
TribSyncWriter *trib_sync_object_writer_new_for_sources (const TribSyncObjectWriterConfig *config,
                                                           TribSyncSources                  *sources,
                                                           GError                          **error);
/* The keys committed by the last successful run, in order. */
const char * const *trib_sync_object_writer_get_keys (TribSyncObjectWriter            *self);

G_END_DECLS
