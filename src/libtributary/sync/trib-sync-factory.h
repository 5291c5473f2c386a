/* trib-sync-factory.h: the reader, writer and engine of a job, against its data sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-sync-engine.h"
#include "trib-sync-sources.h"

G_BEGIN_DECLS

TribSyncReader *trib_sync_reader_new_for_job (TribSyncJob      *job,
                                              TribSyncSources  *sources,
                                              GError          **error);
TribSyncWriter *trib_sync_writer_new_for_job (TribSyncJob      *job,
                                              TribSyncSources  *sources,
                                              GError          **error);
/* Never blocks: data sources are looked up, and their secrets resolved, when the engine
 * runs (errors then name the "datasource" key of the job). */
TribSyncEngine *trib_sync_engine_new_for_job (TribSyncJob      *job,
                                              TribSyncSources  *sources,
                                              GError          **error);

G_END_DECLS
