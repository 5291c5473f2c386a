/* trib-history-private.h: the writes the runner makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-history.h"

G_BEGIN_DECLS

typedef struct
{
  const char *workflow;
  const char *workflow_name;
  const char *kind;
  const char *scope;
  const char *bizdate;
  const char *cyctime;
  const char *timezone;
  const char *backfill_id;
} TribRunInsert;

typedef struct
{
  const char *node_id;
  const char *node_name;
  const char *command;
  guint       max_attempts;
} TribInstanceInsert;

/* Inserts a running run and its not-run instances; gives their ids (instance_ids in the
 * order of @instances) and the log paths (relative to the state folder). */
gboolean  _trib_history_insert_run        (TribHistory              *self,
                                           const TribRunInsert      *run,
                                           const TribInstanceInsert *instances,
                                           guint                     n_instances,
                                           gint64                   *run_id,
                                           gint64                   *instance_ids,
                                           GError                  **error);
void      _trib_history_insert_run_async  (TribHistory              *self,
                                           const TribRunInsert      *run,
                                           const TribInstanceInsert *instances,
                                           guint                     n_instances,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
gboolean  _trib_history_insert_run_finish (TribHistory              *self,
                                           GAsyncResult             *result,
                                           gint64                   *run_id,
                                           gint64                   *instance_ids,
                                           GError                  **error);
/* Marks an existing run as running again in this process, for a rerun; fails when it
 * is running in another live process. */
gboolean  _trib_history_begin_rerun       (TribHistory              *self,
                                           gint64                    run_id,
                                           GError                  **error);

/* Queued writes: they return at once and are applied in order. Errors are reported by
 * the next flush. @ended and @started: microseconds, 0 for none. */
void      _trib_history_update_run        (TribHistory              *self,
                                           gint64                    run_id,
                                           TribRunState              state,
                                           gint64                    started,
                                           gint64                    ended,
                                           const char               *message);
void      _trib_history_update_instance   (TribHistory              *self,
                                           gint64                    instance_id,
                                           TribNodeState             state,
                                           guint                     attempts,
                                           gint64                    started,
                                           gint64                    ended,
                                           const char               *message);
void      _trib_history_set_parameters    (TribHistory              *self,
                                           gint64                    instance_id,
                                           const char               *json);
/* Appends @line and a newline to the instance's log file. */
void      _trib_history_append_log        (TribHistory              *self,
                                           gint64                    instance_id,
                                           const char               *line);
/* Closes the log file (the instance is done for now). */
void      _trib_history_close_log         (TribHistory              *self,
                                           gint64                    instance_id);
/* Completes when every write queued before it is committed; fails with the first
 * write error since the last flush. */
void      _trib_history_flush_async       (TribHistory              *self,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
gboolean  _trib_history_flush_finish      (TribHistory              *self,
                                           GAsyncResult             *result,
                                           GError                  **error);
gboolean  _trib_history_flush             (TribHistory              *self,
                                           GError                  **error);

G_END_DECLS
