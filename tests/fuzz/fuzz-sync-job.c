/* fuzz-sync-job.c: libFuzzer target for sync jobs (DataWorks script mode and DataX JSON)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a node's script.content, parsed and checked as `validate` and `run` do.
 * A job that parses must answer every getter the engine calls.
 */

#include "config.h"

#include "trib-sync-job.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(GError) error = NULL;

  job = trib_sync_job_new_from_string ((const char *) data, (gssize) size, NULL, NULL, &error);
  g_assert ((job == NULL) == (error != NULL));
  if (job == NULL)
    return 0;

  {
    g_auto(GStrv) sources = trib_sync_job_dup_datasources (job);
    const char * const *warnings = trib_sync_job_get_warnings (job);

    g_assert (trib_sync_job_get_channels (job) >= 1 && trib_sync_job_get_channels (job) <= TRIB_SYNC_MAX_CHANNELS);
    g_assert (trib_sync_job_get_reader_type (job) != NULL);
    g_assert (warnings != NULL);
    (void) sources;
    (void) trib_sync_job_get_error_limit_records (job);
    (void) trib_sync_job_get_error_limit_percentage (job);
    if (trib_sync_job_get_reader_kind (job) == TRIB_SYNC_READER_MYSQL)
      g_assert (trib_sync_job_get_mysql_reader (job) != NULL);
    else
      g_assert (trib_sync_job_get_file_reader (job) != NULL);
    g_assert (trib_sync_job_get_object_writer (job) != NULL);
  }
  return 0;
}
