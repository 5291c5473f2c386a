/* trib-history-schedule.c: what the scheduler asks of the run history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-history-core.h"

typedef struct
{
  char *workflow;
  char *result;
  gint64 run_id;
} ScheduleQuery;

static void
schedule_query_free (gpointer data)
{
  ScheduleQuery *query = data;

  g_free (query->workflow);
  g_free (query->result);
  g_free (query);
}

static gboolean
op_last_scheduled (TribHistoryCore  *core,
                   gpointer          data,
                   GError          **error)
{
  ScheduleQuery *query = data;
  sqlite3_stmt *stmt;
  int rc;

  /* cyctime is a fixed-width wall time, so the greatest is the latest (runs_scheduled_once
   * makes this an index lookup). */
  stmt = _trib_history_prepare (core, "SELECT MAX(cyctime) FROM runs WHERE workflow = ?1 "
                                      "AND kind = 'scheduled'", error);
  if (stmt == NULL)
    return FALSE;
  _trib_history_bind_text (stmt, 1, query->workflow);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    query->result = _trib_history_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _trib_history_sql_error (core, error);
  return TRUE;
}

static ScheduleQuery *
schedule_query_new (const char *workflow)
{
  ScheduleQuery *query = g_new0 (ScheduleQuery, 1);

  query->workflow = g_strdup (workflow);
  return query;
}

char *
trib_history_dup_last_scheduled (TribHistory  *self,
                                 const char   *workflow,
                                 GError      **error)
{
  ScheduleQuery *query;
  char *result = NULL;

  g_return_val_if_fail (TRIB_IS_HISTORY (self), NULL);
  g_return_val_if_fail (workflow != NULL, NULL);

  query = schedule_query_new (workflow);
  if (_trib_history_run_sync (self, op_last_scheduled, query, FALSE, error))
    result = g_steal_pointer (&query->result);
  schedule_query_free (query);
  return result;
}

void
trib_history_dup_last_scheduled_async (TribHistory         *self,
                                       const char          *workflow,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HISTORY (self));
  g_return_if_fail (workflow != NULL);

  _trib_history_run_async (self, op_last_scheduled, schedule_query_new (workflow), schedule_query_free,
                           FALSE, trib_history_dup_last_scheduled_async, cancellable, callback, user_data);
}

char *
trib_history_dup_last_scheduled_finish (TribHistory   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  ScheduleQuery *query;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trib_history_dup_last_scheduled_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  query = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&query->result);
}

static gboolean
op_mark_catch_up (TribHistoryCore  *core,
                  gpointer          data,
                  GError          **error)
{
  ScheduleQuery *query = data;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _trib_history_prepare (core, "UPDATE runs SET catch_up = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, query->run_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _trib_history_sql_error (core, error);
  return TRUE;
}

void
trib_history_mark_catch_up (TribHistory *self,
                            gint64       run_id)
{
  ScheduleQuery *query;

  g_return_if_fail (TRIB_IS_HISTORY (self));

  query = schedule_query_new (NULL);
  query->run_id = run_id;
  _trib_history_run_queued (self, op_mark_catch_up, query, schedule_query_free);
}
