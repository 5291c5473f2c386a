/* trib-history-core.h: the SQLite side of TribHistory, used on its thread only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "trib-history-private.h"
#include "trib-history-records-private.h"

G_BEGIN_DECLS

typedef struct
{
  sqlite3    *db;
  char       *directory;
  /* Prepared statements by SQL text (the address of a string literal). */
  GHashTable *statements;
  /* Instance id -> FILE * of its log, while it is being written. */
  GHashTable *open_logs;
  /* Instance id -> log path relative to directory. */
  GHashTable *log_paths;
  /* Logs written since the last flush to disk. */
  GHashTable *dirty_logs;
  /* Who we are, to tell our runs from those of a process that died. */
  char       *host;
  gint64      pid;
  char       *process_start;
  guint       n_recovered;
} TribHistoryCore;

/* Shared by trib-history-db.c and trib-history-queries.c. */
gboolean        _trib_history_sql_error        (TribHistoryCore *core,
                                                GError         **error);
/* A cached statement, reset and unbound. */
sqlite3_stmt   *_trib_history_prepare          (TribHistoryCore *core,
                                                const char      *sql,
                                                GError         **error);
void            _trib_history_bind_text        (sqlite3_stmt    *stmt,
                                                int              index,
                                                const char      *text);
char           *_trib_history_column_text      (sqlite3_stmt    *stmt,
                                                int              column);

void            _trib_history_core_init        (TribHistoryCore *core,
                                                const char      *directory);
void            _trib_history_core_clear       (TribHistoryCore *core);
/* Opens the database, creates or upgrades the schema and recovers abandoned runs. */
gboolean        _trib_history_core_open        (TribHistoryCore *core,
                                                GError         **error);
gboolean        _trib_history_core_exec        (TribHistoryCore *core,
                                                const char      *sql,
                                                GError         **error);
/* Writes buffered log lines to the files, so readers (also in other processes) see them. */
void            _trib_history_core_flush_logs  (TribHistoryCore *core);

gboolean        _trib_history_core_insert_run  (TribHistoryCore          *core,
                                                const TribRunInsert      *run,
                                                const TribInstanceInsert *instances,
                                                guint                     n_instances,
                                                gint64                   *run_id,
                                                gint64                   *instance_ids,
                                                GError                  **error);
gboolean        _trib_history_core_begin_rerun (TribHistoryCore *core,
                                                gint64           run_id,
                                                GError         **error);
gboolean        _trib_history_core_update_run  (TribHistoryCore *core,
                                                gint64           run_id,
                                                TribRunState     state,
                                                gint64           started,
                                                gint64           ended,
                                                const char      *message,
                                                GError         **error);
gboolean        _trib_history_core_update_instance (TribHistoryCore *core,
                                                    gint64           instance_id,
                                                    TribNodeState    state,
                                                    guint            attempts,
                                                    gint64           started,
                                                    gint64           ended,
                                                    const char      *message,
                                                    GError         **error);
gboolean        _trib_history_core_set_parameters (TribHistoryCore *core,
                                                   gint64           instance_id,
                                                   const char      *json,
                                                   GError         **error);
gboolean        _trib_history_core_append_log  (TribHistoryCore *core,
                                                gint64           instance_id,
                                                const char      *line,
                                                GError         **error);
void            _trib_history_core_close_log   (TribHistoryCore *core,
                                                gint64           instance_id);

GPtrArray      *_trib_history_core_list_runs   (TribHistoryCore *core,
                                                const char      *workflow,
                                                gint64           before_id,
                                                guint            limit,
                                                GError         **error);
TribRunRecord  *_trib_history_core_get_run     (TribHistoryCore *core,
                                                gint64           run_id,
                                                GError         **error);
GPtrArray      *_trib_history_core_list_instances (TribHistoryCore *core,
                                                   gint64           run_id,
                                                   GError         **error);
GBytes         *_trib_history_core_read_log    (TribHistoryCore *core,
                                                gint64           run_id,
                                                const char      *node,
                                                guint64          offset,
                                                gsize            max_bytes,
                                                guint64         *next_offset,
                                                gboolean        *complete,
                                                GError         **error);

/* The queue of the history thread (trib-history.c). @func runs there, in order. */
typedef gboolean (*TribHistoryOpFunc) (TribHistoryCore  *core,
                                       gpointer          data,
                                       GError          **error);

/* Waits for @func; @data stays the caller's. */
gboolean        _trib_history_run_sync         (TribHistory         *self,
                                                TribHistoryOpFunc    func,
                                                gpointer             data,
                                                gboolean             write,
                                                GError             **error);
/* The task keeps @data (freed with @destroy); _finish reads the results from it. */
void            _trib_history_run_async        (TribHistory         *self,
                                                TribHistoryOpFunc    func,
                                                gpointer             data,
                                                GDestroyNotify       destroy,
                                                gboolean             write,
                                                gpointer             source_tag,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* A write nobody waits for; a failure is kept for the next flush. */
void            _trib_history_run_queued       (TribHistory         *self,
                                                TribHistoryOpFunc    func,
                                                gpointer             data,
                                                GDestroyNotify       destroy);
GError         *_trib_history_take_write_error (TribHistory         *self);

G_END_DECLS
