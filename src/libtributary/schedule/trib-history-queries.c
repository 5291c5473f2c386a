/* trib-history-queries.c: what the UI and the CLI read from the run history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-history-core.h"

static gboolean
fill_counts (TribHistoryCore    *core,
             TribRunRecordData  *data,
             GError            **error)
{
  sqlite3_stmt *stmt = _trib_history_prepare (core, "SELECT state, count(*) FROM instances "
                                                    "WHERE run_id = ?1 GROUP BY state", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TribNodeState state;

      if (trib_node_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
        data->counts[state] = (guint) sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || _trib_history_sql_error (core, error);
}

#define RUN_COLUMNS "id, workflow, workflow_name, kind, scope, bizdate, cyctime, timezone, state, " \
                    "created_at, started_at, ended_at, message, backfill_id, catch_up"

static void
read_run_row (sqlite3_stmt      *stmt,
              TribRunRecordData *data)
{
  memset (data, 0, sizeof *data);
  data->id = sqlite3_column_int64 (stmt, 0);
  data->workflow = _trib_history_column_text (stmt, 1);
  data->workflow_name = _trib_history_column_text (stmt, 2);
  data->kind = _trib_history_column_text (stmt, 3);
  data->scope = _trib_history_column_text (stmt, 4);
  data->bizdate = _trib_history_column_text (stmt, 5);
  data->cyctime = _trib_history_column_text (stmt, 6);
  data->timezone = _trib_history_column_text (stmt, 7);
  if (!trib_run_state_from_string ((const char *) sqlite3_column_text (stmt, 8), &data->state))
    data->state = TRIB_RUN_STATE_FAILED;
  data->created = sqlite3_column_int64 (stmt, 9);
  data->started = sqlite3_column_int64 (stmt, 10);
  data->ended = sqlite3_column_int64 (stmt, 11);
  data->message = _trib_history_column_text (stmt, 12);
  data->backfill_id = _trib_history_column_text (stmt, 13);
  data->catch_up = sqlite3_column_int (stmt, 14) != 0;
}

static GPtrArray *
collect_runs (TribHistoryCore  *core,
              sqlite3_stmt     *stmt,
              GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TribRunRecordData *data = g_new0 (TribRunRecordData, 1);

      read_run_row (stmt, data);
      g_ptr_array_add (rows, data);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _trib_history_sql_error (core, error);
      return NULL;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TribRunRecordData *data = g_ptr_array_index (rows, i);

      if (!fill_counts (core, data, error))
        return NULL;
      g_ptr_array_add (records, _trib_run_record_new (data));
    }
  return g_steal_pointer (&records);
}

GPtrArray *
_trib_history_core_list_runs (TribHistoryCore  *core,
                              const char       *workflow,
                              gint64            before_id,
                              guint             limit,
                              GError          **error)
{
  sqlite3_stmt *stmt = _trib_history_prepare (core, "SELECT " RUN_COLUMNS " FROM runs "
                                                    "WHERE (?1 IS NULL OR workflow = ?1 OR "
                                                    "workflow_name = ?1) "
                                                    "AND (?2 <= 0 OR id < ?2) ORDER BY id DESC LIMIT ?3", error);

  if (stmt == NULL)
    return NULL;
  _trib_history_bind_text (stmt, 1, workflow);
  sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  return collect_runs (core, stmt, error);
}

TribRunRecord *
_trib_history_core_get_run (TribHistoryCore  *core,
                            gint64            run_id,
                            GError          **error)
{
  sqlite3_stmt *stmt = _trib_history_prepare (core, "SELECT " RUN_COLUMNS " FROM runs WHERE id = ?1",
                                                    error);
  g_autoptr(GPtrArray) records = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  records = collect_runs (core, stmt, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("there is no run %" PRId64), run_id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (records, 0));
}

GPtrArray *
_trib_history_core_list_instances (TribHistoryCore  *core,
                                   gint64            run_id,
                                   GError          **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _trib_history_prepare (core, "SELECT id, run_id, position, node_id, node_name, command, state, "
                                      "attempts, max_attempts, started_at, ended_at, message, log_path, "
                                      "params "
                                      "FROM instances WHERE run_id = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TribInstanceRecordData data = { 0 };

      data.id = sqlite3_column_int64 (stmt, 0);
      data.run_id = sqlite3_column_int64 (stmt, 1);
      data.position = (guint) sqlite3_column_int (stmt, 2);
      data.node_id = _trib_history_column_text (stmt, 3);
      data.node_name = _trib_history_column_text (stmt, 4);
      data.command = _trib_history_column_text (stmt, 5);
      if (!trib_node_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &data.state))
        data.state = TRIB_NODE_STATE_FAILED;
      data.attempts = (guint) sqlite3_column_int (stmt, 7);
      data.max_attempts = (guint) sqlite3_column_int (stmt, 8);
      data.started = sqlite3_column_int64 (stmt, 9);
      data.ended = sqlite3_column_int64 (stmt, 10);
      data.message = _trib_history_column_text (stmt, 11);
      data.log_path = _trib_history_column_text (stmt, 12);
      data.parameters_json = _trib_history_column_text (stmt, 13);
      g_ptr_array_add (records, _trib_instance_record_new (&data));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _trib_history_sql_error (core, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

GBytes *
_trib_history_core_read_log (TribHistoryCore  *core,
                             gint64            run_id,
                             const char       *node,
                             guint64           offset,
                             gsize             max_bytes,
                             guint64          *next_offset,
                             gboolean         *complete,
                             GError          **error)
{
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  g_autofree char *buffer = NULL;
  sqlite3_stmt *stmt;
  TribNodeState state = TRIB_NODE_STATE_NOT_RUN;
  gboolean run_over;
  gsize n_read = 0;
  FILE *file;

  /* Lines written earlier in this batch may still sit in a stdio buffer. */
  _trib_history_core_flush_logs (core);

  stmt = _trib_history_prepare (core, "SELECT i.log_path, i.state, r.state FROM instances i "
                                      "JOIN runs r ON r.id = i.run_id "
                                      "WHERE i.run_id = ?1 AND (i.node_id = ?2 OR i.node_name = ?2)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  _trib_history_bind_text (stmt, 2, node);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_stmt *exists;
      gboolean run_exists = FALSE;

      sqlite3_reset (stmt);
      /* Which is missing: the run, or the node in it? */
      exists = _trib_history_prepare (core, "SELECT 1 FROM runs WHERE id = ?1", NULL);
      if (exists != NULL)
        {
          sqlite3_bind_int64 (exists, 1, run_id);
          run_exists = sqlite3_step (exists) == SQLITE_ROW;
          sqlite3_reset (exists);
        }
      if (exists != NULL && !run_exists)
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                     _("there is no run %" PRId64 " in this workspace's history"), run_id);
      else
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                     _("run %" PRId64 " has no node \"%s\""), run_id, node);
      return NULL;
    }
  relative = _trib_history_column_text (stmt, 0);
  trib_node_state_from_string ((const char *) sqlite3_column_text (stmt, 1), &state);
  run_over = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "running") != 0;
  sqlite3_reset (stmt);

  path = g_build_filename (core->directory, relative, NULL);
  file = fopen (path, "re");
  if (file != NULL)
    {
      if (fseeko (file, (off_t) offset, SEEK_SET) == 0)
        {
          gsize chunk = max_bytes > 0 ? max_bytes : 64 * 1024;
          gsize capacity = chunk;

          buffer = g_malloc (capacity);
          for (;;)
            {
              gsize got = fread (buffer + n_read, 1, capacity - n_read, file);

              n_read += got;
              if (got == 0 || (max_bytes > 0 && n_read >= max_bytes))
                break;
              if (n_read == capacity)
                {
                  capacity *= 2;
                  buffer = g_realloc (buffer, capacity);
                }
            }
        }
      fclose (file);
    }
  else if (errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot read %s: %s"),
                   path, g_strerror (saved));
      return NULL;
    }

  if (next_offset)
    *next_offset = offset + n_read;
  /* Done when nothing more will be written: the instance is final, or it never ran and
   * the run is over. */
  if (complete)
    *complete = (trib_node_state_is_final (state) || run_over) && (max_bytes == 0 || n_read < max_bytes);
  return g_bytes_new_take (g_steal_pointer (&buffer), n_read);
}
