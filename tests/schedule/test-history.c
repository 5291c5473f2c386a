/* test-history.c: the run history store on its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "trib-test-util.h"
#include "trib-history-private.h"

typedef struct
{
  char        *dir;
  GFile       *state;
  TribHistory *history;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = trib_test_make_tmpdir ("history-XXXXXX");
  f->state = g_file_new_build_filename (f->dir, ".tributary", NULL);
  f->history = trib_history_open (f->state, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->history)
    {
      g_autoptr(GPtrArray) barrier = trib_history_list_runs (f->history, NULL, 0, 1, NULL);
      g_assert_finalize_object (g_steal_pointer (&f->history));
    }
  g_clear_object (&f->state);
  trib_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gint64
insert_run (Fixture    *f,
            const char *workflow,
            const char *bizdate)
{
  g_autofree char *cyctime = g_strconcat (bizdate, "003000", NULL);
  TribRunInsert run = { workflow, "Workflow", "manual", "workflow", bizdate, cyctime, "UTC", NULL };
  TribInstanceInsert instances[] = {
    { "a", "node a", "VIRTUAL", 1 },
    { "b/../x", "node b", "DI", 4 },
  };
  gint64 ids[2] = { 0, 0 };
  gint64 run_id = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (_trib_history_insert_run (f->history, &run, instances, 2, &run_id, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ids[1], ==, ids[0] + 1);
  return run_id;
}

static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(GPtrArray) page3 = NULL;
  g_autoptr(GPtrArray) only_b = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *bizdate = g_strdup_printf ("2025110%u", i + 1);
      g_assert_cmpint (insert_run (f, i % 2 ? "b" : "a", bizdate), ==, i + 1);
    }

  /* Newest first, a page at a time from the last id seen. */
  page1 = trib_history_list_runs (f->history, NULL, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page1->len, ==, 2);
  g_assert_cmpint (trib_run_record_get_id (g_ptr_array_index (page1, 0)), ==, 5);
  g_assert_cmpint (trib_run_record_get_id (g_ptr_array_index (page1, 1)), ==, 4);
  page2 = trib_history_list_runs (f->history, NULL, 4, 2, &error);
  g_assert_cmpint (trib_run_record_get_id (g_ptr_array_index (page2, 0)), ==, 3);
  g_assert_cmpint (trib_run_record_get_id (g_ptr_array_index (page2, 1)), ==, 2);
  page3 = trib_history_list_runs (f->history, NULL, 2, 2, &error);
  g_assert_cmpuint (page3->len, ==, 1);
  g_assert_cmpint (trib_run_record_get_id (g_ptr_array_index (page3, 0)), ==, 1);

  /* One workflow, by file name or display name. */
  only_b = trib_history_list_runs (f->history, "b", 0, 0, &error);
  g_assert_cmpuint (only_b->len, ==, 2);
  g_assert_cmpstr (trib_run_record_get_bizdate (g_ptr_array_index (only_b, 0)), ==, "20251104");
  g_clear_pointer (&only_b, g_ptr_array_unref);
  only_b = trib_history_list_runs (f->history, "Workflow", 0, 0, &error);
  g_assert_cmpuint (only_b->len, ==, 5);

  g_assert_cmpuint (trib_run_record_get_n_instances (g_ptr_array_index (page1, 0)), ==, 2);
  g_assert_cmpuint (trib_run_record_get_n_in_state (g_ptr_array_index (page1, 0), TRIB_NODE_STATE_NOT_RUN), ==, 2);
  g_assert_cmpint (trib_run_record_get_state (g_ptr_array_index (page1, 0)), ==, TRIB_RUN_STATE_RUNNING);
}

static void
test_updates_and_logs (Fixture       *f,
                       gconstpointer  data)
{
  gint64 run_id = insert_run (f, "a", "20251031");
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(TribRunRecord) run = NULL;
  g_autoptr(TribParamSet) parameters = NULL;
  g_autoptr(GBytes) log = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_disk = NULL;
  TribInstanceRecord *b;
  guint64 next = 0;
  gboolean complete = TRUE;

  instances = trib_history_list_instances (f->history, run_id, &error);
  g_assert_no_error (error);
  b = g_ptr_array_index (instances, 1);
  _trib_history_update_instance (f->history, trib_instance_record_get_id (b), TRIB_NODE_STATE_RUNNING, 1,
                                 1000000, 0, NULL);
  _trib_history_set_parameters (f->history, trib_instance_record_get_id (b), "{\"bizdate\":\"20251031\"}");
  _trib_history_append_log (f->history, trib_instance_record_get_id (b), "first");
  _trib_history_append_log (f->history, trib_instance_record_get_id (b), "second");

  /* Streamed while running: complete only once the instance is done. */
  log = trib_history_read_log (f->history, run_id, "node b", 0, 0, &next, &complete, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (log, NULL), g_bytes_get_size (log), "first\nsecond\n", 13);
  g_assert_cmpuint (next, ==, 13);
  g_assert_false (complete);

  _trib_history_update_instance (f->history, trib_instance_record_get_id (b), TRIB_NODE_STATE_FAILED, 1,
                                 1000000, 2000000, "boom");
  _trib_history_close_log (f->history, trib_instance_record_get_id (b));
  _trib_history_update_run (f->history, run_id, TRIB_RUN_STATE_FAILED, 0, 3000000, "b failed: boom");
  g_assert_true (_trib_history_flush (f->history, &error));
  g_assert_no_error (error);

  empty = trib_history_read_log (f->history, run_id, "b/../x", 13, 0, &next, &complete, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
  g_assert_true (complete);

  g_clear_pointer (&instances, g_ptr_array_unref);
  instances = trib_history_list_instances (f->history, run_id, &error);
  b = g_ptr_array_index (instances, 1);
  g_assert_cmpint (trib_instance_record_get_state (b), ==, TRIB_NODE_STATE_FAILED);
  g_assert_cmpuint (trib_instance_record_get_attempts (b), ==, 1);
  g_assert_cmpuint (trib_instance_record_get_max_attempts (b), ==, 4);
  g_assert_cmpint (trib_instance_record_get_started (b), ==, 1000000);
  g_assert_cmpint (trib_instance_record_get_ended (b), ==, 2000000);
  g_assert_cmpstr (trib_instance_record_get_message (b), ==, "boom");
  g_assert_cmpstr (trib_instance_record_get_command (b), ==, "DI");
  g_assert_cmpuint (trib_instance_record_get_position (b), ==, 1);
  parameters = trib_instance_record_dup_parameters (b);
  g_assert_cmpstr (trib_param_set_lookup (parameters, "bizdate"), ==, "20251031");
  g_assert_null (trib_instance_record_dup_parameters (g_ptr_array_index (instances, 0)));

  /* A node id cannot walk out of the logs folder. */
  g_assert_cmpstr (trib_instance_record_get_log_path (b), ==, "logs/1/001-b_.._x.log");
  path = g_build_filename (f->dir, ".tributary", "logs", "1", "001-b_.._x.log", NULL);
  on_disk = trib_test_read_file (path);
  g_assert_cmpstr (on_disk, ==, "first\nsecond\n");

  run = trib_history_get_run (f->history, run_id, &error);
  g_assert_cmpint (trib_run_record_get_state (run), ==, TRIB_RUN_STATE_FAILED);
  g_assert_cmpint (trib_run_record_get_ended (run), ==, 3000000);
  g_assert_cmpstr (trib_run_record_get_message (run), ==, "b failed: boom");
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRunRecord) none = trib_history_get_run (f->history, 7, &error);
  g_autoptr(GPtrArray) instances = NULL;

  g_assert_null (none);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "there is no run 7");
  g_clear_error (&error);

  instances = trib_history_list_instances (f->history, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 0);

  g_assert_false (_trib_history_begin_rerun (f->history, 7, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
}

static void
test_reopen_keeps_live_runs (Fixture       *f,
                             gconstpointer  data)
{
  gint64 run_id = insert_run (f, "a", "20251031");
  g_autoptr(TribHistory) second = NULL;
  g_autoptr(TribRunRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  /* This process is alive: another open (the UI and a CLI in one process, say) does not
   * take its running run for an orphan, and a rerun of it is refused. */
  second = trib_history_open (f->state, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trib_history_get_n_recovered (second), ==, 0);
  record = trib_history_get_run (second, run_id, &error);
  g_assert_cmpint (trib_run_record_get_state (record), ==, TRIB_RUN_STATE_RUNNING);
  g_assert_false (_trib_history_begin_rerun (second, run_id, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "run 1 is still running: wait for it to end, or cancel it");
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_open_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(TribHistory) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *not_a_dir = g_build_filename (f->dir, "file", NULL);

  trib_history_open_async (f->state, NULL, open_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  history = trib_history_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (trib_history_get_directory (history), f->state));

  /* A state folder that cannot exist. */
  trib_test_write_file (not_a_dir, "x");
  file = g_file_new_build_filename (not_a_dir, ".tributary", NULL);
  broken = trib_history_open (file, &error);
  g_assert_null (broken);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, ".tributary", "history.db", NULL);
  g_autoptr(TribHistory) newer = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* Written by a future version: refused, not damaged. */
  g_assert_finalize_object (g_steal_pointer (&f->history));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  newer = trib_history_open (f->state, &error);
  g_assert_null (newer);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_UNSUPPORTED);
  g_assert_true (g_str_has_suffix (error->message, "was written by a newer Tributary (schema 99; this one knows 2)"));
}

/* What Tributary's first history schema created (schema 1), with one manual run. */
static const char schema_1_sql[] =
  "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, workflow TEXT NOT NULL,"
  "  workflow_name TEXT NOT NULL, kind TEXT NOT NULL, scope TEXT NOT NULL, bizdate TEXT NOT NULL,"
  "  cyctime TEXT NOT NULL, timezone TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL,"
  "  started_at INTEGER, ended_at INTEGER, message TEXT, backfill_id TEXT, owner_host TEXT,"
  "  owner_pid INTEGER, owner_start TEXT);"
  "CREATE INDEX runs_by_workflow ON runs (workflow, id);"
  "CREATE INDEX runs_by_state ON runs (state);"
  "CREATE TABLE instances (id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, position INTEGER NOT NULL,"
  "  node_id TEXT NOT NULL, node_name TEXT NOT NULL, command TEXT NOT NULL, state TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 1, started_at INTEGER,"
  "  ended_at INTEGER, params TEXT, message TEXT, log_path TEXT NOT NULL, UNIQUE (run_id, node_id));"
  "INSERT INTO runs (workflow, workflow_name, kind, scope, bizdate, cyctime, timezone, state, created_at)"
  "  VALUES ('daily', 'Daily', 'manual', 'workflow', '20240807', '20240808003000', 'Asia/Shanghai',"
  "  'success', 1);"
  "PRAGMA user_version = 1;";

static gboolean
insert_scheduled (TribHistory  *history,
                  const char   *kind,
                  const char   *cyctime,
                  gint64       *run_id,
                  GError      **error)
{
  TribRunInsert run = { "daily", "Daily", kind, "workflow", "20240807", cyctime, "Asia/Shanghai", NULL };
  TribInstanceInsert instance = { "start", "start", "VIRTUAL", 1 };
  gint64 instance_id = 0;

  return _trib_history_insert_run (history, &run, &instance, 1, run_id, &instance_id, error);
}

static void
test_schema_1_upgrade_and_claims (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, ".tributary", "history.db", NULL);
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  gint64 first = 0, second = 0, manual = 0;
  sqlite3 *db = NULL;

  g_assert_finalize_object (g_steal_pointer (&f->history));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_1_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* The old run is still there, as no catch-up. */
  history = trib_history_open (f->state, &error);
  g_assert_no_error (error);
  runs = trib_history_list_runs (history, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (trib_run_record_get_kind (g_ptr_array_index (runs, 0)), ==, "manual");
  g_assert_false (trib_run_record_get_catch_up (g_ptr_array_index (runs, 0)));
  last = trib_history_dup_last_scheduled (history, "daily", &error);
  g_assert_no_error (error);
  g_assert_null (last);

  /* One scheduled run per workflow and cyctime; a manual run of the same time is fine. */
  g_assert_true (insert_scheduled (history, "scheduled", "20240808003000", &first, &error));
  g_assert_no_error (error);
  g_assert_false (insert_scheduled (history, "scheduled", "20240808003000", &second, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "workflow daily already has a scheduled instance at 20240808003000");
  g_clear_error (&error);
  g_assert_true (insert_scheduled (history, "manual", "20240808003000", &manual, &error));
  g_assert_no_error (error);
  g_assert_true (insert_scheduled (history, "scheduled", "20240809003000", &second, &error));
  g_assert_no_error (error);

  trib_history_mark_catch_up (history, second);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = trib_history_list_runs (history, "daily", 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trib_run_record_get_id (g_ptr_array_index (runs, 0)), ==, second);
  g_assert_true (trib_run_record_get_catch_up (g_ptr_array_index (runs, 0)));
  last = trib_history_dup_last_scheduled (history, "daily", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (last, ==, "20240809003000");
}

#define ADD(path, func) \
  g_test_add ("/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("pagination", test_pagination);
  ADD ("updates-and-logs", test_updates_and_logs);
  ADD ("errors", test_errors);
  ADD ("reopen-keeps-live-runs", test_reopen_keeps_live_runs);
  ADD ("open-async", test_open_async);
  ADD ("newer-schema", test_newer_schema);
  ADD ("schema-1-upgrade-and-claims", test_schema_1_upgrade_and_claims);

  return g_test_run ();
}
