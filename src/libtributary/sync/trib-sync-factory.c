/* trib-sync-factory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-sync-factory.h"
#include "trib-sync-http-reader.h"
#include "trib-sync-mysql-reader.h"
#include "trib-sync-object-writer.h"

TribSyncReader *
trib_sync_reader_new_for_job (TribSyncJob      *job,
                              TribSyncSources  *sources,
                              GError          **error)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (job), NULL);
  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (sources), NULL);

  switch (trib_sync_job_get_reader_kind (job))
    {
    case TRIB_SYNC_READER_MYSQL:
      return trib_sync_mysql_reader_new (trib_sync_job_get_mysql_reader (job), sources);
    case TRIB_SYNC_READER_HTTPFILE:
    default:
      return trib_sync_http_reader_new (trib_sync_job_get_file_reader (job), sources);
    }
}

TribSyncWriter *
trib_sync_writer_new_for_job (TribSyncJob      *job,
                              TribSyncSources  *sources,
                              GError          **error)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (job), NULL);
  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (sources), NULL);

  return trib_sync_object_writer_new_for_sources (trib_sync_job_get_object_writer (job), sources, error);
}

TribSyncEngine *
trib_sync_engine_new_for_job (TribSyncJob      *job,
                              TribSyncSources  *sources,
                              GError          **error)
{
  g_autoptr(TribSyncReader) reader = NULL;
  g_autoptr(TribSyncWriter) writer = NULL;

  reader = trib_sync_reader_new_for_job (job, sources, error);
  if (reader == NULL)
    return NULL;
  writer = trib_sync_writer_new_for_job (job, sources, error);
  if (writer == NULL)
    return NULL;
  return trib_sync_engine_new (job, reader, writer);
}
