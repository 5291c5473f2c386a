/* trib-sync-executor.h: the runner's executor of batch sync (DI) nodes
 *
 * A node's code is its DataWorks script-mode (or DataX) job, with ${name} already
 * replaced by the runner from the instance's resolved parameters (${bizdate} in object
 * names, where clauses, file paths). The executor runs it with the sync engine against
 * the execution's copies of the workspace's data sources; the engine's log lines, a
 * DataX-style progress line every ten seconds and the final summary go to the node's
 * log, the fraction done to its progress, and "N records read, N written, N dirty" to
 * its exit summary. Cancelling the node cancels the job, which leaves nothing partial.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-executor.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_EXECUTOR (trib_sync_executor_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncExecutor, trib_sync_executor, TRIB, SYNC_EXECUTOR, GObject)

TribExecutor *trib_sync_executor_new (void);

G_END_DECLS
