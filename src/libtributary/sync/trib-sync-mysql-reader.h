/* trib-sync-mysql-reader.h: DataX's mysqlreader over Connector/C
 *
 * table + column (names, "*", constants and expressions) + where, or querySql; every
 * query streams (mysql_use_result), never holding a result in memory. With splitPk the
 * key range of each table is cut into slices exactly as DataX does (trib-sync-split.h),
 * read in parallel by the job's channels; the key must be an integer column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-sync-config.h"
#include "trib-sync-plugin.h"
#include "trib-sync-sources.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_MYSQL_READER (trib_sync_mysql_reader_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncMysqlReader, trib_sync_mysql_reader, TRIB, SYNC_MYSQL_READER, TribSyncReader)

/* Data sources are looked up in @sources when the reader is prepared; their
 * passwords come from TRIBUTARY_SECRET_<NAME> or the keyring. @config must stay valid
 * as long as the reader (it belongs to the job). */
TribSyncReader     *trib_sync_mysql_reader_new         (const TribSyncMysqlReaderConfig *config,
                                                        TribSyncSources                 *sources);

/* The slice queries, after prepare. */
const char * const *trib_sync_mysql_reader_get_queries (TribSyncMysqlReader             *self);

G_END_DECLS
