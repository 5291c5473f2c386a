/* trib-query-history.c: a table of its own beside runs and instances
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is made on first use (CREATE ... IF NOT EXISTS), so the history's schema
 * version stays as it is and older databases simply gain it.
 */

#include "config.h"

#include "trib-history-core.h"
#include "trib-query-history.h"

static const char create_sql[] =
  "CREATE TABLE IF NOT EXISTS query_runs ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  query_name TEXT NOT NULL,"
  "  data_source TEXT NOT NULL,"
  "  sql TEXT NOT NULL,"
  "  parameters TEXT NOT NULL,"
  "  started_at INTEGER NOT NULL,"
  "  duration INTEGER NOT NULL,"
  "  rows INTEGER,"
  "  outcome TEXT NOT NULL,"
  "  message TEXT"
  ");";

static const char insert_sql[] =
  "INSERT INTO query_runs (query_name, data_source, sql, parameters, started_at, duration, rows, outcome, message)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char list_sql[] =
  "SELECT id, query_name, data_source, sql, parameters, started_at, duration, rows, outcome, message"
  " FROM query_runs"
  " WHERE ?1 IS NULL OR instr(lower(sql), lower(?1)) > 0 OR instr(lower(query_name), lower(?1)) > 0"
  "    OR instr(lower(data_source), lower(?1)) > 0"
  " ORDER BY id DESC LIMIT ?2";

typedef struct
{
  TribQueryRunRecord *record;
  char               *filter;
  guint               limit;
  gint64              id;
  GPtrArray          *list;
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->record);
  g_free (op->filter);
  g_clear_pointer (&op->list, g_ptr_array_unref);
  g_free (op);
}

static gboolean
ensure_table (TribHistoryCore  *core,
              GError          **error)
{
  return _trib_history_core_exec (core, create_sql, error);
}

static gboolean
op_add (TribHistoryCore  *core,
        gpointer          data,
        GError          **error)
{
  Op *op = data;
  TribQueryRunRecord *r = op->record;
  sqlite3_stmt *stmt;

  if (!ensure_table (core, error))
    return FALSE;
  stmt = _trib_history_prepare (core, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  _trib_history_bind_text (stmt, 1, trib_query_run_record_get_query_name (r));
  _trib_history_bind_text (stmt, 2, trib_query_run_record_get_data_source (r));
  _trib_history_bind_text (stmt, 3, trib_query_run_record_get_sql (r));
  _trib_history_bind_text (stmt, 4, trib_query_run_record_get_parameters (r));
  sqlite3_bind_int64 (stmt, 5, trib_query_run_record_get_started (r));
  sqlite3_bind_int64 (stmt, 6, trib_query_run_record_get_duration (r));
  if (trib_query_run_record_get_rows (r) >= 0)
    sqlite3_bind_int64 (stmt, 7, trib_query_run_record_get_rows (r));
  else
    sqlite3_bind_null (stmt, 7);
  _trib_history_bind_text (stmt, 8, trib_query_run_record_get_outcome (r));
  _trib_history_bind_text (stmt, 9, trib_query_run_record_get_message (r));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _trib_history_sql_error (core, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  op->id = sqlite3_last_insert_rowid (core->db);
  return TRUE;
}

static gboolean
op_list (TribHistoryCore  *core,
         gpointer          data,
         GError          **error)
{
  Op *op = data;
  sqlite3_stmt *stmt;
  int rc;

  if (!ensure_table (core, error))
    return FALSE;
  stmt = _trib_history_prepare (core, list_sql, error);
  if (stmt == NULL)
    return FALSE;
  _trib_history_bind_text (stmt, 1, op->filter && *op->filter ? op->filter : NULL);
  sqlite3_bind_int64 (stmt, 2, op->limit ? op->limit : G_MAXINT);
  op->list = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = _trib_history_column_text (stmt, 1);
      g_autofree char *ds = _trib_history_column_text (stmt, 2);
      g_autofree char *sql = _trib_history_column_text (stmt, 3);
      g_autofree char *params = _trib_history_column_text (stmt, 4);
      g_autofree char *outcome = _trib_history_column_text (stmt, 8);
      g_autofree char *message = _trib_history_column_text (stmt, 9);

      g_ptr_array_add (op->list,
                       trib_query_run_record_new (sqlite3_column_int64 (stmt, 0), name, ds, sql, params,
                                                  sqlite3_column_int64 (stmt, 5),
                                                  sqlite3_column_int64 (stmt, 6),
                                                  sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7),
                                                  outcome, message));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _trib_history_sql_error (core, error);
  return TRUE;
}

gint64
trib_query_history_add (TribHistory         *history,
                        TribQueryRunRecord  *record,
                        GError             **error)
{
  Op *op = g_new0 (Op, 1);
  gint64 id = 0;

  op->record = g_object_ref (record);
  if (_trib_history_run_sync (history, op_add, op, TRUE, error))
    id = op->id;
  op_free (op);
  return id;
}

void
trib_query_history_add_async (TribHistory         *history,
                              TribQueryRunRecord  *record,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  op->record = g_object_ref (record);
  _trib_history_run_async (history, op_add, op, op_free, TRUE, trib_query_history_add_async,
                           cancellable, callback, user_data);
}

gint64
trib_query_history_add_finish (TribHistory   *history,
                               GAsyncResult  *result,
                               GError       **error)
{
  Op *op;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;
  op = g_task_get_task_data (G_TASK (result));
  return op->id;
}

GPtrArray *
trib_query_history_list (TribHistory  *history,
                         const char   *filter,
                         guint         limit,
                         GError      **error)
{
  Op *op = g_new0 (Op, 1);
  GPtrArray *list = NULL;

  op->filter = g_strdup (filter);
  op->limit = limit;
  if (_trib_history_run_sync (history, op_list, op, FALSE, error))
    list = g_steal_pointer (&op->list);
  op_free (op);
  return list;
}

void
trib_query_history_list_async (TribHistory         *history,
                               const char          *filter,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Op *op = g_new0 (Op, 1);

  op->filter = g_strdup (filter);
  op->limit = limit;
  _trib_history_run_async (history, op_list, op, op_free, FALSE, trib_query_history_list_async,
                           cancellable, callback, user_data);
}

GPtrArray *
trib_query_history_list_finish (TribHistory   *history,
                                GAsyncResult  *result,
                                GError       **error)
{
  Op *op;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  op = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&op->list);
}
