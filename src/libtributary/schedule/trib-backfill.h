/* trib-backfill.h: one run per business date over a range of dates ("patch data")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-runner.h"

G_BEGIN_DECLS

#define TRIB_TYPE_BACKFILL (trib_backfill_get_type ())

G_DECLARE_FINAL_TYPE (TribBackfill, trib_backfill, TRIB, BACKFILL, GObject)

/* Each business date is an independent run (kind "backfill", sharing one backfill id):
 * a date that fails, or cannot even be created, never stops the others. At most
 * "parallelism" dates run at a time; a new one is created whenever one ends, in
 * ascending order or, with set_descending(), descending. As in DataWorks, the selected
 * date D is the business date: the scheduled time is D + 1 at the start node's time.
 *
 * Signals, in the context that called start_async():
 *   run-created (TribRun *run)      a date's run exists and is about to start
 *   date-finished (const char *bizdate, TribRunState state, const char *message)
 *                                   a date is over (FAILED with the reason when its run
 *                                   could not be created) */

/* @bizdates are "YYYYMMDD"; duplicates are dropped. */
TribBackfill       *trib_backfill_new               (TribRunner           *runner,
                                                     TribWorkflow         *workflow,
                                                     const char * const   *bizdates,
                                                     GError              **error);
/* Every date from @from to @to, both included ("YYYYMMDD"). */
GStrv               trib_backfill_expand_range      (const char           *from,
                                                     const char           *to,
                                                     GError              **error);

const char         *trib_backfill_get_id            (TribBackfill         *self);
/* The dates in the order they will run. */
const char * const *trib_backfill_get_bizdates      (TribBackfill         *self);
void                trib_backfill_set_descending    (TribBackfill         *self,
                                                     gboolean              descending);
/* Dates that run at the same time, at least 1 (the default). */
void                trib_backfill_set_parallelism   (TribBackfill         *self,
                                                     guint                 parallelism);
guint               trib_backfill_get_parallelism   (TribBackfill         *self);
/* Scope, node, max_parallel and default_timeout_ms for each date's run; the
 * scheduled time, kind and rerun fields are the backfill's own. */
void                trib_backfill_set_options       (TribBackfill         *self,
                                                     const TribRunOptions *options);

/* Every instance the backfill would create, with its resolved parameters, before
 * anything runs: one planned TribRun per date, in run order (see trib_runner_plan_run();
 * trib_runner_check_executors() tells whether they could run). */
GPtrArray          *trib_backfill_preview           (TribBackfill         *self,
                                                     GError              **error);
/* The same, one date at a time: @func sees each planned run, which is freed after it
 * returns, so the memory does not grow with the number of dates. */
typedef void (*TribBackfillPreviewFunc) (TribRun  *run,
                                         gpointer  user_data);
gboolean            trib_backfill_preview_foreach   (TribBackfill            *self,
                                                     TribBackfillPreviewFunc  func,
                                                     gpointer                 user_data,
                                                     GError                 **error);

/* Completes when every date is over: TRUE when all succeeded, else an error listing the
 * dates that did not (G_IO_ERROR_CANCELLED after trib_backfill_cancel()). */
void                trib_backfill_start_async       (TribBackfill         *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            trib_backfill_start_finish      (TribBackfill         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* Cancels the running dates and starts no more. */
void                trib_backfill_cancel            (TribBackfill         *self);

guint               trib_backfill_get_n_succeeded   (TribBackfill         *self);
guint               trib_backfill_get_n_failed      (TribBackfill         *self);
/* How a date ended (RUNNING while it has not), and its run's id (0: none). */
TribRunState        trib_backfill_get_date_state    (TribBackfill         *self,
                                                     const char           *bizdate);
gint64              trib_backfill_get_date_run_id   (TribBackfill         *self,
                                                     const char           *bizdate);

G_END_DECLS
