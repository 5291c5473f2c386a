/* trib-query-run.h: one statement of an ad hoc query, run and streamed into a result set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lives on the thread that made it (the UI thread): everything slow goes through the
 * HiveServer2 client's _async calls, and the result set grows batch by batch there, so a
 * grid shows the first rows while the rest arrive.
 */

#pragma once

#include <gio/gio.h>

#include "trib-hs2-client.h"
#include "trib-hs2-result-set.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_QUERY_RUN_PENDING,
  TRIB_QUERY_RUN_RUNNING,     /* executing on the server */
  TRIB_QUERY_RUN_FETCHING,    /* rows arriving */
  TRIB_QUERY_RUN_SUCCEEDED,
  TRIB_QUERY_RUN_FAILED,
  TRIB_QUERY_RUN_CANCELLED,
} TribQueryRunState;

#define TRIB_TYPE_QUERY_RUN (trib_query_run_get_type ())

G_DECLARE_FINAL_TYPE (TribQueryRun, trib_query_run, TRIB, QUERY_RUN, GObject)

/* @number: the statement's place in the script (1-based); @line: where it starts. */
TribQueryRun      *trib_query_run_new              (TribHs2Client  *client,
                                                    const char     *sql,
                                                    guint           number,
                                                    guint           line);
/* A metadata call (GetSchemas, GetTables, GetColumns) run the same way; @sql is a
 * description for titles and history. */
TribQueryRun      *trib_query_run_new_metadata     (TribHs2Client  *client,
                                                    TribHs2Rpc      rpc,
                                                    const char     *schema,
                                                    const char     *table,
                                                    const char     *sql);
const char        *trib_query_run_get_sql          (TribQueryRun   *self);
guint              trib_query_run_get_number       (TribQueryRun   *self);
guint              trib_query_run_get_line         (TribQueryRun   *self);
/* "2 SELECT * FROM ods_user_info_d…": the number and the first words. */
char              *trib_query_run_dup_title        (TribQueryRun   *self);
TribQueryRunState  trib_query_run_get_state        (TribQueryRun   *self);
gboolean           trib_query_run_is_finished      (TribQueryRun   *self);
/* The rows so far (NULL until the schema arrived, and for statements without rows). */
TribHs2ResultSet  *trib_query_run_get_result       (TribQueryRun   *self);
/* The schema and the batches received (for export; both immutable). */
GPtrArray         *trib_query_run_get_schema       (TribQueryRun   *self);
GPtrArray         *trib_query_run_dup_batches      (TribQueryRun   *self);
guint              trib_query_run_get_n_rows       (TribQueryRun   *self);
/* -1 when the server did not say. */
gint64             trib_query_run_get_modified_rows (TribQueryRun  *self);
/* Monotonic microseconds: start, time to the first row, duration (so far). */
gint64             trib_query_run_get_started      (TribQueryRun   *self);
gint64             trib_query_run_get_first_row_time (TribQueryRun *self);
gint64             trib_query_run_get_elapsed      (TribQueryRun   *self);
/* 0..1 when the server reports progress, else -1. */
double             trib_query_run_get_progress     (TribQueryRun   *self);
const GError      *trib_query_run_get_error        (TribQueryRun   *self);
/* Every log line so far, newest last. */
GPtrArray         *trib_query_run_get_log          (TribQueryRun   *self);
/* "2,500 rows in 0.4 s", "Done in 0.1 s", "Failed after 1.2 s": what the status line says. */
char              *trib_query_run_dup_summary      (TribQueryRun   *self);

/* Runs it: execute, wait (CancelOperation when @cancellable fires), schema, fetch every
 * batch, close. Completes when the statement ended in any way; FALSE with the error
 * (also kept in the run) when it failed or was cancelled. */
void               trib_query_run_start_async      (TribQueryRun   *self,
                                                    GCancellable   *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer        user_data);
gboolean           trib_query_run_start_finish     (TribQueryRun   *self,
                                                    GAsyncResult   *result,
                                                    GError        **error);

/* For other engines (MySQL): the run is fed from outside. */
void               trib_query_run_begin_external   (TribQueryRun   *self);
void               trib_query_run_set_schema       (TribQueryRun   *self,
                                                    GPtrArray      *schema);
void               trib_query_run_add_batch        (TribQueryRun   *self,
                                                    TribHs2Batch   *batch);
void               trib_query_run_add_log          (TribQueryRun   *self,
                                                    const char     *line);
void               trib_query_run_end_external     (TribQueryRun   *self,
                                                    gint64          modified_rows,
                                                    const GError   *error);

G_END_DECLS
