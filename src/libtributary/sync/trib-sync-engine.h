/* trib-sync-engine.h: runs a sync job: reader channels -> bounded queue -> writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-sync-job.h"
#include "trib-sync-plugin.h"
#include "trib-sync-progress.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_ENGINE (trib_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncEngine, trib_sync_engine, TRIB, SYNC_ENGINE, GObject)

/* @job gives the channels, the rate caps and the error limit. */
TribSyncEngine        *trib_sync_engine_new                (TribSyncJob          *job,
                                                            TribSyncReader       *reader,
                                                            TribSyncWriter       *writer);

void                   trib_sync_engine_set_progress_func  (TribSyncEngine       *self,
                                                            TribSyncProgressFunc  func,
                                                            gpointer              user_data,
                                                            GDestroyNotify        destroy);
void                   trib_sync_engine_set_log_func       (TribSyncEngine       *self,
                                                            TribSyncLogFunc       func,
                                                            gpointer              user_data,
                                                            GDestroyNotify        destroy);
/* The queue's byte budget (default 8 MiB); memory stays under 1.5 times it. */
void                   trib_sync_engine_set_queue_budget   (TribSyncEngine       *self,
                                                            gsize                 budget);

/* Runs the job to the end, blocking the calling thread, which also calls the progress
 * function once a second. On success the output has been committed; on failure or
 * cancellation nothing of it is visible. An engine runs once. */
gboolean               trib_sync_engine_run                (TribSyncEngine       *self,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
/* The same in a worker thread; the progress and log functions are then called there. */
void                   trib_sync_engine_run_async          (TribSyncEngine       *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean               trib_sync_engine_run_finish         (TribSyncEngine       *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* After a run (successful or not). */
const TribSyncSummary *trib_sync_engine_get_summary        (TribSyncEngine       *self);
/* The largest number of bytes the queue held at once during the run. */
gsize                  trib_sync_engine_get_peak_queue_bytes (TribSyncEngine     *self);

G_END_DECLS
