/* trib-history-writes.c: the runner's writes, queued to the history thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-history-core.h"

typedef struct
{
  TribRunInsert       run;
  TribInstanceInsert *instances;
  guint               n_instances;
  gint64              run_id;
  gint64             *instance_ids;
  /* Owns the strings the structs above point to. */
  GStringChunk       *strings;
} InsertRun;

static void
insert_run_free (gpointer data)
{
  InsertRun *insert = data;

  g_free (insert->instances);
  g_free (insert->instance_ids);
  g_string_chunk_free (insert->strings);
  g_free (insert);
}

static const char *
keep (InsertRun  *insert,
      const char *text)
{
  return text ? g_string_chunk_insert_const (insert->strings, text) : NULL;
}

/* A copy the history thread can use after the caller returned. */
static InsertRun *
insert_run_new (const TribRunInsert      *run,
                const TribInstanceInsert *instances,
                guint                     n_instances)
{
  InsertRun *insert = g_new0 (InsertRun, 1);

  insert->strings = g_string_chunk_new (1024);
  insert->run.workflow = keep (insert, run->workflow);
  insert->run.workflow_name = keep (insert, run->workflow_name);
  insert->run.kind = keep (insert, run->kind);
  insert->run.scope = keep (insert, run->scope);
  insert->run.bizdate = keep (insert, run->bizdate);
  insert->run.cyctime = keep (insert, run->cyctime);
  insert->run.timezone = keep (insert, run->timezone);
  insert->run.backfill_id = keep (insert, run->backfill_id);
  insert->n_instances = n_instances;
  insert->instances = g_new0 (TribInstanceInsert, MAX (n_instances, 1));
  insert->instance_ids = g_new0 (gint64, MAX (n_instances, 1));
  for (guint i = 0; i < n_instances; i++)
    {
      insert->instances[i].node_id = keep (insert, instances[i].node_id);
      insert->instances[i].node_name = keep (insert, instances[i].node_name);
      insert->instances[i].command = keep (insert, instances[i].command);
      insert->instances[i].max_attempts = instances[i].max_attempts;
    }
  return insert;
}

static gboolean
op_insert_run (TribHistoryCore  *core,
               gpointer          data,
               GError          **error)
{
  InsertRun *insert = data;

  return _trib_history_core_insert_run (core, &insert->run, insert->instances, insert->n_instances,
                                        &insert->run_id, insert->instance_ids, error);
}

gboolean
_trib_history_insert_run (TribHistory              *self,
                          const TribRunInsert      *run,
                          const TribInstanceInsert *instances,
                          guint                     n_instances,
                          gint64                   *run_id,
                          gint64                   *instance_ids,
                          GError                  **error)
{
  InsertRun *insert = insert_run_new (run, instances, n_instances);
  gboolean ok;

  ok = _trib_history_run_sync (self, op_insert_run, insert, TRUE, error);
  if (ok)
    {
      *run_id = insert->run_id;
      memcpy (instance_ids, insert->instance_ids, n_instances * sizeof (gint64));
    }
  insert_run_free (insert);
  return ok;
}

void
_trib_history_insert_run_async (TribHistory              *self,
                                const TribRunInsert      *run,
                                const TribInstanceInsert *instances,
                                guint                     n_instances,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  _trib_history_run_async (self, op_insert_run, insert_run_new (run, instances, n_instances), insert_run_free,
                           TRUE, _trib_history_insert_run_async, cancellable, callback, user_data);
}

gboolean
_trib_history_insert_run_finish (TribHistory   *self,
                                 GAsyncResult  *result,
                                 gint64        *run_id,
                                 gint64        *instance_ids,
                                 GError       **error)
{
  InsertRun *insert = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *run_id = insert->run_id;
  memcpy (instance_ids, insert->instance_ids, insert->n_instances * sizeof (gint64));
  return TRUE;
}

static gboolean
op_begin_rerun (TribHistoryCore  *core,
                gpointer          data,
                GError          **error)
{
  return _trib_history_core_begin_rerun (core, *(gint64 *) data, error);
}

gboolean
_trib_history_begin_rerun (TribHistory  *self,
                           gint64        run_id,
                           GError      **error)
{
  return _trib_history_run_sync (self, op_begin_rerun, &run_id, TRUE, error);
}

typedef struct
{
  gint64  id;
  int     state;
  guint   attempts;
  gint64  started;
  gint64  ended;
  char   *text;
} Update;

static void
update_free (gpointer data)
{
  Update *update = data;

  g_free (update->text);
  g_free (update);
}

static Update *
update_new (gint64      id,
            int         state,
            guint       attempts,
            gint64      started,
            gint64      ended,
            const char *text)
{
  Update *update = g_new0 (Update, 1);

  update->id = id;
  update->state = state;
  update->attempts = attempts;
  update->started = started;
  update->ended = ended;
  update->text = g_strdup (text);
  return update;
}

static gboolean
op_update_run (TribHistoryCore  *core,
               gpointer          data,
               GError          **error)
{
  Update *u = data;

  return _trib_history_core_update_run (core, u->id, (TribRunState) u->state, u->started, u->ended,
                                        u->text, error);
}

void
_trib_history_update_run (TribHistory  *self,
                          gint64        run_id,
                          TribRunState  state,
                          gint64        started,
                          gint64        ended,
                          const char   *message)
{
  _trib_history_run_queued (self, op_update_run, update_new (run_id, state, 0, started, ended, message),
                            update_free);
}

static gboolean
op_update_instance (TribHistoryCore  *core,
                    gpointer          data,
                    GError          **error)
{
  Update *u = data;

  return _trib_history_core_update_instance (core, u->id, (TribNodeState) u->state, u->attempts,
                                             u->started, u->ended, u->text, error);
}

void
_trib_history_update_instance (TribHistory   *self,
                               gint64         instance_id,
                               TribNodeState  state,
                               guint          attempts,
                               gint64         started,
                               gint64         ended,
                               const char    *message)
{
  _trib_history_run_queued (self, op_update_instance,
                            update_new (instance_id, state, attempts, started, ended, message), update_free);
}

static gboolean
op_set_parameters (TribHistoryCore  *core,
                   gpointer          data,
                   GError          **error)
{
  Update *u = data;

  return _trib_history_core_set_parameters (core, u->id, u->text, error);
}

void
_trib_history_set_parameters (TribHistory *self,
                              gint64       instance_id,
                              const char  *json)
{
  _trib_history_run_queued (self, op_set_parameters, update_new (instance_id, 0, 0, 0, 0, json), update_free);
}

static gboolean
op_append_log (TribHistoryCore  *core,
               gpointer          data,
               GError          **error)
{
  Update *u = data;

  return _trib_history_core_append_log (core, u->id, u->text, error);
}

void
_trib_history_append_log (TribHistory *self,
                          gint64       instance_id,
                          const char  *line)
{
  _trib_history_run_queued (self, op_append_log, update_new (instance_id, 0, 0, 0, 0, line), update_free);
}

static gboolean
op_close_log (TribHistoryCore  *core,
              gpointer          data,
              GError          **error)
{
  Update *u = data;

  _trib_history_core_close_log (core, u->id);
  return TRUE;
}

void
_trib_history_close_log (TribHistory *self,
                         gint64       instance_id)
{
  _trib_history_run_queued (self, op_close_log, update_new (instance_id, 0, 0, 0, 0, NULL), update_free);
}

static gboolean
op_flush (TribHistoryCore  *core,
          gpointer          data,
          GError          **error)
{
  return TRUE;
}

void
_trib_history_flush_async (TribHistory         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  _trib_history_run_async (self, op_flush, NULL, NULL, FALSE, _trib_history_flush_async,
                           cancellable, callback, user_data);
}

gboolean
_trib_history_flush_finish (TribHistory   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  GError *write_error;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  write_error = _trib_history_take_write_error (self);
  if (write_error)
    {
      g_propagate_error (error, write_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_trib_history_flush (TribHistory  *self,
                     GError      **error)
{
  GError *write_error;

  if (!_trib_history_run_sync (self, op_flush, NULL, FALSE, error))
    return FALSE;
  write_error = _trib_history_take_write_error (self);
  if (write_error)
    {
      g_propagate_error (error, write_error);
      return FALSE;
    }
  return TRUE;
}
