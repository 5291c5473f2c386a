/* trib-history-db.c: the run history's SQL and log files (history thread only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trib-error.h"
#include "trib-history-core.h"

#define SCHEMA_VERSION 2

/* The message the issue asks for; the log gets the details. */
#define ORPHAN_MESSAGE N_("the process running it ended unexpectedly")

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS runs ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  workflow TEXT NOT NULL,"
  "  workflow_name TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  scope TEXT NOT NULL,"
  "  bizdate TEXT NOT NULL,"
  "  cyctime TEXT NOT NULL,"
  "  timezone TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  started_at INTEGER,"
  "  ended_at INTEGER,"
  "  message TEXT,"
  "  backfill_id TEXT,"
  "  owner_host TEXT,"
  "  owner_pid INTEGER,"
  "  owner_start TEXT"
  ");"
  "CREATE INDEX IF NOT EXISTS runs_by_workflow ON runs (workflow, id);"
  "CREATE INDEX IF NOT EXISTS runs_by_state ON runs (state);"
  "CREATE TABLE IF NOT EXISTS instances ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  node_id TEXT NOT NULL,"
  "  node_name TEXT NOT NULL,"
  "  command TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  max_attempts INTEGER NOT NULL DEFAULT 1,"
  "  started_at INTEGER,"
  "  ended_at INTEGER,"
  "  params TEXT,"
  "  message TEXT,"
  "  log_path TEXT NOT NULL,"
  "  UNIQUE (run_id, node_id)"
  ");"
  "CREATE INDEX IF NOT EXISTS instances_by_run ON instances (run_id, position);";

/* Schema 2: scheduled runs. The unique index is the scheduler's claim: however many
 * schedulers watch a workspace, only one of them can insert the scheduled run of a
 * workflow for a cyctime. catch_up marks a run started for a fire time that was missed. */
static const char schema_2_sql[] =
  "ALTER TABLE runs ADD COLUMN catch_up INTEGER NOT NULL DEFAULT 0;"
  "CREATE UNIQUE INDEX IF NOT EXISTS runs_scheduled_once ON runs (workflow, cyctime) "
  "  WHERE kind = 'scheduled';";

gboolean
_trib_history_sql_error (TribHistoryCore  *core,
                         GError          **error)
{
  g_set_error (error, TRIB_ERROR, TRIB_ERROR_FAILED, _("run history %s/%s: %s"),
               core->directory, TRIB_HISTORY_FILE_NAME, core->db ? sqlite3_errmsg (core->db) : "");
  return FALSE;
}

sqlite3_stmt *
_trib_history_prepare (TribHistoryCore  *core,
                       const char       *sql,
                       GError          **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (core->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v2 (core->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _trib_history_sql_error (core, error);
      return NULL;
    }
  g_hash_table_insert (core->statements, (gpointer) sql, stmt);
  return stmt;
}

void
_trib_history_bind_text (sqlite3_stmt *stmt,
                         int           index,
                         const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           gint64        time)
{
  if (time > 0)
    sqlite3_bind_int64 (stmt, index, time);
  else
    sqlite3_bind_null (stmt, index);
}

char *
_trib_history_column_text (sqlite3_stmt *stmt,
                           int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (TribHistoryCore  *core,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _trib_history_sql_error (core, error);
  return TRUE;
}

void
_trib_history_core_init (TribHistoryCore *core,
                         const char      *directory)
{
  memset (core, 0, sizeof *core);
  core->directory = g_strdup (directory);
  core->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  core->open_logs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) fclose);
  core->log_paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  core->dirty_logs = g_hash_table_new (g_direct_hash, g_direct_equal);
  core->host = g_strdup (g_get_host_name ());
  core->pid = getpid ();
}

void
_trib_history_core_clear (TribHistoryCore *core)
{
  _trib_history_core_flush_logs (core);
  g_clear_pointer (&core->dirty_logs, g_hash_table_unref);
  g_clear_pointer (&core->open_logs, g_hash_table_unref);
  g_clear_pointer (&core->log_paths, g_hash_table_unref);
  g_clear_pointer (&core->statements, g_hash_table_unref);
  g_clear_pointer (&core->db, sqlite3_close);
  g_clear_pointer (&core->directory, g_free);
  g_clear_pointer (&core->host, g_free);
  g_clear_pointer (&core->process_start, g_free);
}

gboolean
_trib_history_core_exec (TribHistoryCore  *core,
                         const char       *sql,
                         GError          **error)
{
  if (sqlite3_exec (core->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _trib_history_sql_error (core, error);
  return TRUE;
}

/* Field 22 of /proc/PID/stat, the start time in clock ticks since boot: with the pid it
 * names one process, even after the pid is reused. */
static char *
process_start_time (gint64 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *rest;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  /* The command name (field 2) may contain spaces; it ends at the last ')'. */
  rest = strrchr (contents, ')');
  if (rest == NULL)
    return NULL;
  fields = g_strsplit (rest + 2, " ", 0);
  /* fields[0] is field 3. */
  if (g_strv_length (fields) < 20)
    return NULL;
  return g_strdup (fields[19]);
}

static gboolean
owner_is_alive (TribHistoryCore *core,
                const char      *host,
                gint64           pid,
                const char      *start)
{
  g_autofree char *actual_start = NULL;

  /* Another machine's process (a workspace on a shared drive): we cannot tell. */
  if (g_strcmp0 (host, core->host) != 0)
    return TRUE;
  if (pid <= 0)
    return FALSE;
  if (pid == core->pid)
    return g_strcmp0 (start, core->process_start) == 0;
  if (kill ((pid_t) pid, 0) != 0 && errno != EPERM)
    return FALSE;
  actual_start = process_start_time (pid);
  return actual_start == NULL || start == NULL || g_strcmp0 (actual_start, start) == 0;
}

static void
append_line_to_file (TribHistoryCore *core,
                     const char      *relative,
                     const char      *line)
{
  g_autofree char *path = g_build_filename (core->directory, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  FILE *file;

  g_mkdir_with_parents (dir, 0700);
  file = fopen (path, "ae");
  if (file == NULL)
    return;
  fprintf (file, "%s\n", line);
  fclose (file);
}

/* Marks the runs of dead processes failed. */
static gboolean
recover_orphans (TribHistoryCore  *core,
                 GError          **error)
{
  g_autoptr(GArray) orphans = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now_time = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now_time, "%Y-%m-%d %H:%M:%S");
  gint64 now = g_get_real_time ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _trib_history_prepare (core, "SELECT id, owner_host, owner_pid, owner_start FROM runs "
                                      "WHERE state = 'running'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *host = (const char *) sqlite3_column_text (stmt, 1);
      gint64 pid = sqlite3_column_int64 (stmt, 2);
      const char *start = (const char *) sqlite3_column_text (stmt, 3);

      if (!owner_is_alive (core, host, pid, start))
        g_array_append_val (orphans, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _trib_history_sql_error (core, error);

  for (guint i = 0; i < orphans->len; i++)
    {
      gint64 run_id = g_array_index (orphans, gint64, i);
      g_autofree char *line = NULL;

      /* Tell each abandoned instance's log what happened to it. */
      stmt = _trib_history_prepare (core, "SELECT log_path FROM instances "
                                          "WHERE run_id = ?1 AND state IN ('running', 'waiting')", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, run_id);
      line = g_strdup_printf (_("%s  marked failed: %s (found by the process %" PRId64 " on %s)"),
                              now_text, _(ORPHAN_MESSAGE), core->pid, core->host);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          append_line_to_file (core, (const char *) sqlite3_column_text (stmt, 0), line);
          core->n_recovered++;
        }
      sqlite3_reset (stmt);

      stmt = _trib_history_prepare (core, "UPDATE instances SET state = 'failed', ended_at = ?2, "
                                          "message = ?3 "
                                          "WHERE run_id = ?1 AND state IN ('running', 'waiting')", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_int64 (stmt, 2, now);
      _trib_history_bind_text (stmt, 3, _(ORPHAN_MESSAGE));
      if (!step_done (core, stmt, error))
        return FALSE;

      stmt = _trib_history_prepare (core, "UPDATE runs SET state = 'failed', ended_at = ?2, message = ?3 "
                                          "WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_int64 (stmt, 2, now);
      _trib_history_bind_text (stmt, 3, _(ORPHAN_MESSAGE));
      if (!step_done (core, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Two processes opening a new database at once (the app and a CLI, or two CLIs) can
 * meet while one of them turns on WAL mode; SQLite then answers "locked" without
 * waiting, so wait here, for as long as the busy timeout would. */
static gboolean
exec_waiting (TribHistoryCore  *core,
              const char       *sql,
              GError          **error)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int rc;

  while ((rc = sqlite3_exec (core->db, sql, NULL, NULL, NULL)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      if (g_get_monotonic_time () > deadline)
        break;
      g_usleep (20 * 1000);
    }
  if (rc != SQLITE_OK)
    return _trib_history_sql_error (core, error);
  return TRUE;
}

gboolean
_trib_history_core_open (TribHistoryCore  *core,
                         GError          **error)
{
  g_autofree char *path = g_build_filename (core->directory, TRIB_HISTORY_FILE_NAME, NULL);
  int version = 0;
  sqlite3_stmt *stmt;

  if (g_mkdir_with_parents (core->directory, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot create %s: %s"),
                   core->directory, g_strerror (saved));
      return FALSE;
    }

  core->process_start = process_start_time (core->pid);
  if (sqlite3_open_v2 (path, &core->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    return _trib_history_sql_error (core, error);

  sqlite3_busy_timeout (core->db, 10000);
  /* WAL: readers in other processes never block the writer, and a crash leaves a
   * consistent database. NORMAL is safe against a process crash in WAL mode. */
  if (!exec_waiting (core, "PRAGMA journal_mode = WAL", error) ||
      !exec_waiting (core, "PRAGMA synchronous = NORMAL", error) ||
      !exec_waiting (core, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (!exec_waiting (core, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = _trib_history_prepare (core, "PRAGMA user_version", error);
  if (stmt == NULL)
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_UNSUPPORTED,
                   _("run history %s was written by a newer Tributary (schema %d; this one knows %d)"),
                   path, version, SCHEMA_VERSION);
      goto fail;
    }
  if (version < SCHEMA_VERSION)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", SCHEMA_VERSION);

      if (version < 1 && !_trib_history_core_exec (core, schema_sql, error))
        goto fail;
      if (version < 2 && !_trib_history_core_exec (core, schema_2_sql, error))
        goto fail;
      if (!_trib_history_core_exec (core, set_version, error))
        goto fail;
    }

  if (!recover_orphans (core, error))
    goto fail;

  return _trib_history_core_exec (core, "COMMIT", error);

fail:
  _trib_history_core_exec (core, "ROLLBACK", NULL);
  return FALSE;
}

static char *
safe_file_name (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p && out->len < 64; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' ? *p : '_');
  return g_string_free (out, FALSE);
}

gboolean
_trib_history_core_insert_run (TribHistoryCore          *core,
                               const TribRunInsert      *run,
                               const TribInstanceInsert *instances,
                               guint                     n_instances,
                               gint64                   *run_id,
                               gint64                   *instance_ids,
                               GError                  **error)
{
  sqlite3_stmt *stmt;

  stmt = _trib_history_prepare (core, "INSERT INTO runs (workflow, workflow_name, kind, scope, bizdate, "
                                      "cyctime, timezone, state, created_at, started_at, backfill_id, "
                                      "owner_host, owner_pid, owner_start) VALUES "
                                      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'running', ?8, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;
  _trib_history_bind_text (stmt, 1, run->workflow);
  _trib_history_bind_text (stmt, 2, run->workflow_name);
  _trib_history_bind_text (stmt, 3, run->kind);
  _trib_history_bind_text (stmt, 4, run->scope);
  _trib_history_bind_text (stmt, 5, run->bizdate);
  _trib_history_bind_text (stmt, 6, run->cyctime);
  _trib_history_bind_text (stmt, 7, run->timezone);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time ());
  _trib_history_bind_text (stmt, 9, run->backfill_id);
  _trib_history_bind_text (stmt, 10, core->host);
  sqlite3_bind_int64 (stmt, 11, core->pid);
  _trib_history_bind_text (stmt, 12, core->process_start);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      /* Only runs_scheduled_once can refuse a new run: another scheduler claimed it. */
      if (sqlite3_extended_errcode (core->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                     _("workflow %s already has a scheduled instance at %s"), run->workflow, run->cyctime);
      else
        _trib_history_sql_error (core, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  *run_id = sqlite3_last_insert_rowid (core->db);

  for (guint i = 0; i < n_instances; i++)
    {
      g_autofree char *file = safe_file_name (instances[i].node_id);
      g_autofree char *log_path = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/%03u-%s.log",
                                                   TRIB_HISTORY_LOGS_DIR, *run_id, i, file);

      stmt = _trib_history_prepare (core, "INSERT INTO instances (run_id, position, node_id, node_name, "
                                          "command, state, max_attempts, log_path) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, 'not-run', ?6, ?7)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *run_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      _trib_history_bind_text (stmt, 3, instances[i].node_id);
      _trib_history_bind_text (stmt, 4, instances[i].node_name);
      _trib_history_bind_text (stmt, 5, instances[i].command ? instances[i].command : "");
      sqlite3_bind_int (stmt, 6, (int) instances[i].max_attempts);
      _trib_history_bind_text (stmt, 7, log_path);
      if (!step_done (core, stmt, error))
        return FALSE;
      instance_ids[i] = sqlite3_last_insert_rowid (core->db);
      g_hash_table_insert (core->log_paths, g_memdup2 (&instance_ids[i], sizeof (gint64)),
                           g_steal_pointer (&log_path));
    }
  return TRUE;
}

gboolean
_trib_history_core_begin_rerun (TribHistoryCore  *core,
                                gint64            run_id,
                                GError          **error)
{
  g_autoptr(TribRunRecord) record = NULL;
  sqlite3_stmt *stmt;
  gboolean alive;

  stmt = _trib_history_prepare (core, "SELECT state, owner_host, owner_pid, owner_start FROM runs "
                                      "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("there is no run %" PRId64), run_id);
      return FALSE;
    }
  alive = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "running") == 0 &&
          owner_is_alive (core, (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  if (alive)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                   _("run %" PRId64 " is still running: wait for it to end, or cancel it"), run_id);
      return FALSE;
    }

  stmt = _trib_history_prepare (core, "UPDATE runs SET state = 'running', ended_at = NULL, message = NULL, "
                        "owner_host = ?2, owner_pid = ?3, owner_start = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  _trib_history_bind_text (stmt, 2, core->host);
  sqlite3_bind_int64 (stmt, 3, core->pid);
  _trib_history_bind_text (stmt, 4, core->process_start);
  return step_done (core, stmt, error);
}

gboolean
_trib_history_core_update_run (TribHistoryCore  *core,
                               gint64            run_id,
                               TribRunState      state,
                               gint64            started,
                               gint64            ended,
                               const char       *message,
                               GError          **error)
{
  sqlite3_stmt *stmt = _trib_history_prepare (core, "UPDATE runs SET state = ?2, "
                                                    "started_at = COALESCE (?3, started_at), "
                                                    "ended_at = ?4, message = ?5 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  _trib_history_bind_text (stmt, 2, trib_run_state_to_string (state));
  bind_time (stmt, 3, started);
  bind_time (stmt, 4, ended);
  _trib_history_bind_text (stmt, 5, message);
  return step_done (core, stmt, error);
}

gboolean
_trib_history_core_update_instance (TribHistoryCore  *core,
                                    gint64            instance_id,
                                    TribNodeState     state,
                                    guint             attempts,
                                    gint64            started,
                                    gint64            ended,
                                    const char       *message,
                                    GError          **error)
{
  sqlite3_stmt *stmt = _trib_history_prepare (core, "UPDATE instances SET state = ?2, attempts = ?3, "
                                                    "started_at = ?4, ended_at = ?5, message = ?6 "
                                                    "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instance_id);
  _trib_history_bind_text (stmt, 2, trib_node_state_to_string (state));
  sqlite3_bind_int (stmt, 3, (int) attempts);
  bind_time (stmt, 4, started);
  bind_time (stmt, 5, ended);
  _trib_history_bind_text (stmt, 6, message);
  return step_done (core, stmt, error);
}

gboolean
_trib_history_core_set_parameters (TribHistoryCore  *core,
                                   gint64            instance_id,
                                   const char       *json,
                                   GError          **error)
{
  sqlite3_stmt *stmt = _trib_history_prepare (core, "UPDATE instances SET params = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instance_id);
  _trib_history_bind_text (stmt, 2, json);
  return step_done (core, stmt, error);
}

static const char *
lookup_log_path (TribHistoryCore *core,
                 gint64           instance_id)
{
  const char *path = g_hash_table_lookup (core->log_paths, &instance_id);
  sqlite3_stmt *stmt;

  if (path != NULL)
    return path;

  stmt = _trib_history_prepare (core, "SELECT log_path FROM instances WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, instance_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *found = _trib_history_column_text (stmt, 0);

      g_hash_table_insert (core->log_paths, g_memdup2 (&instance_id, sizeof instance_id), found);
      path = found;
    }
  sqlite3_reset (stmt);
  return path;
}

gboolean
_trib_history_core_append_log (TribHistoryCore  *core,
                               gint64            instance_id,
                               const char       *line,
                               GError          **error)
{
  FILE *file = g_hash_table_lookup (core->open_logs, &instance_id);

  if (file == NULL)
    {
      const char *relative = lookup_log_path (core, instance_id);
      g_autofree char *path = NULL;
      g_autofree char *dir = NULL;

      if (relative == NULL)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                       _("run history: no node instance %" PRId64), instance_id);
          return FALSE;
        }
      path = g_build_filename (core->directory, relative, NULL);
      dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);

      /* Keep a bounded number of files open; closed ones reopen on their next line. */
      if (g_hash_table_size (core->open_logs) >= 64)
        {
          _trib_history_core_flush_logs (core);
          g_hash_table_remove_all (core->open_logs);
        }

      file = fopen (path, "ae");
      if (file == NULL)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot write %s: %s"),
                       path, g_strerror (saved));
          return FALSE;
        }
      g_hash_table_insert (core->open_logs, g_memdup2 (&instance_id, sizeof instance_id), file);
    }

  fputs (line, file);
  fputc ('\n', file);
  g_hash_table_add (core->dirty_logs, file);
  return TRUE;
}

void
_trib_history_core_flush_logs (TribHistoryCore *core)
{
  GHashTableIter iter;
  gpointer file;

  if (core->dirty_logs == NULL)
    return;
  g_hash_table_iter_init (&iter, core->dirty_logs);
  while (g_hash_table_iter_next (&iter, &file, NULL))
    fflush (file);
  g_hash_table_remove_all (core->dirty_logs);
}

void
_trib_history_core_close_log (TribHistoryCore *core,
                              gint64           instance_id)
{
  FILE *file = g_hash_table_lookup (core->open_logs, &instance_id);

  if (file == NULL)
    return;
  g_hash_table_remove (core->dirty_logs, file);
  g_hash_table_remove (core->open_logs, &instance_id);
}
