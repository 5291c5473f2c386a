/* trib-history.h: the run history of a workspace (.tributary/history.db and logs/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-instance-record.h"
#include "trib-run-record.h"

G_BEGIN_DECLS

#define TRIB_HISTORY_FILE_NAME "history.db"
#define TRIB_HISTORY_LOGS_DIR  "logs"

#define TRIB_TYPE_HISTORY (trib_history_get_type ())

G_DECLARE_FINAL_TYPE (TribHistory, trib_history, TRIB, HISTORY, GObject)

/* Threading: a TribHistory owns one thread, and only that thread touches the SQLite
 * database and writes the log files; every query and every write is queued to it and
 * runs in order, so a query sees every write made before it. Writes that arrive
 * together share one transaction.
 *
 * The _async functions may be called from any thread that has a thread-default main
 * context; their callbacks run in that context. The blocking functions wait for the
 * history thread: use them in the CLI, in tests and on worker threads, never on a UI
 * thread. Records are immutable and may be passed between threads.
 *
 * The database is in WAL mode, so other processes (the CLI while the app is open) may
 * read and write it at the same time. Opening it marks the runs of processes that died
 * (a crash, a kill, a power cut) as failed: their running and waiting instances become
 * failed with the message "the process running it ended unexpectedly". */

/* Opens (creating when needed) the history in @state_directory, the workspace's
 * .tributary folder (trib_workspace_get_state_directory()). */
TribHistory    *trib_history_open               (GFile                *state_directory,
                                                 GError              **error);
void            trib_history_open_async         (GFile                *state_directory,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
TribHistory    *trib_history_open_finish        (GAsyncResult         *result,
                                                 GError              **error);

GFile          *trib_history_get_directory      (TribHistory          *self);
/* How many node instances the last open found abandoned by a dead process. */
guint           trib_history_get_n_recovered    (TribHistory          *self);

/* Runs newest first: those of @workflow (file name without ".json", or display name;
 * NULL for all) with an id below @before_id (0: from the newest), at most @limit. To
 * page on, pass the id of the last record of the previous page. Each item is a
 * TribRunRecord. */
GPtrArray      *trib_history_list_runs          (TribHistory          *self,
                                                 const char           *workflow,
                                                 gint64                before_id,
                                                 guint                 limit,
                                                 GError              **error);
void            trib_history_list_runs_async    (TribHistory          *self,
                                                 const char           *workflow,
                                                 gint64                before_id,
                                                 guint                 limit,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray      *trib_history_list_runs_finish   (TribHistory          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* TRIB_ERROR_NOT_FOUND when there is no such run. */
TribRunRecord  *trib_history_get_run            (TribHistory          *self,
                                                 gint64                run_id,
                                                 GError              **error);
void            trib_history_get_run_async      (TribHistory          *self,
                                                 gint64                run_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
TribRunRecord  *trib_history_get_run_finish     (TribHistory          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* The run's node instances in workflow order (TribInstanceRecord items). */
GPtrArray      *trib_history_list_instances     (TribHistory          *self,
                                                 gint64                run_id,
                                                 GError              **error);
void            trib_history_list_instances_async (TribHistory        *self,
                                                 gint64                run_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray      *trib_history_list_instances_finish (TribHistory       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Reads the log of node @node (id or name) of run @run_id from byte @offset, at most
 * @max_bytes (0: all). *@next_offset is where to go on from; *@complete is TRUE when the
 * instance has finished and everything was read, so a viewer polls until then. An
 * instance that has not logged anything yet has an empty log. */
GBytes         *trib_history_read_log           (TribHistory          *self,
                                                 gint64                run_id,
                                                 const char           *node,
                                                 guint64               offset,
                                                 gsize                 max_bytes,
                                                 guint64              *next_offset,
                                                 gboolean             *complete,
                                                 GError              **error);
void            trib_history_read_log_async     (TribHistory          *self,
                                                 gint64                run_id,
                                                 const char           *node,
                                                 guint64               offset,
                                                 gsize                 max_bytes,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GBytes         *trib_history_read_log_finish    (TribHistory          *self,
                                                 GAsyncResult         *result,
                                                 guint64              *next_offset,
                                                 gboolean             *complete,
                                                 GError              **error);

/* Scheduling (trib-history-schedule.c). A scheduled run (kind "scheduled") is unique
 * per workflow and cyctime: creating a second one fails with TRIB_ERROR_EXISTS, which
 * is how several schedulers watching one workspace start each fire time once. */

/* The cyctime ("YYYYMMDDHHMMSS", wall time) of the newest scheduled run of @workflow
 * (file name without ".json"), or NULL (and no error) when it has none. */
char           *trib_history_dup_last_scheduled (TribHistory          *self,
                                                 const char           *workflow,
                                                 GError              **error);
void            trib_history_dup_last_scheduled_async (TribHistory    *self,
                                                 const char           *workflow,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char           *trib_history_dup_last_scheduled_finish (TribHistory   *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* Marks run @run_id as a catch-up instance (a missed fire time run late). Queued: it
 * returns at once, and every query made afterwards sees it. */
void            trib_history_mark_catch_up      (TribHistory          *self,
                                                 gint64                run_id);

G_END_DECLS
