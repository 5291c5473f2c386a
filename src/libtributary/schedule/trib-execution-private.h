/* trib-execution-private.h: what the runner sets on an execution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-execution.h"

G_BEGIN_DECLS

typedef struct
{
  /* Called on the executor's thread, one line at a time, without a newline. */
  void (*log)      (gpointer       data,
                    TribExecution *execution,
                    const char    *line);
  void (*progress) (gpointer       data,
                    TribExecution *execution,
                    double         fraction);
} TribExecutionSink;

/* The copies of the workspace that every instance of a run shares. */
typedef struct _TribWorkspaceSnapshot TribWorkspaceSnapshot;

TribWorkspaceSnapshot *_trib_workspace_snapshot_new   (TribWorkspace         *workspace);
TribWorkspaceSnapshot *_trib_workspace_snapshot_ref   (TribWorkspaceSnapshot *snapshot);
void                   _trib_workspace_snapshot_unref (TribWorkspaceSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribWorkspaceSnapshot, _trib_workspace_snapshot_unref)

/* A deep copy: json_node_copy() shares objects and arrays. */
TribNode       *_trib_node_copy                   (TribNode              *node);

TribExecution  *_trib_execution_new_for_run       (TribWorkspaceSnapshot *snapshot,
                                                   TribNode              *node_copy,
                                                   TribParamSet          *parameters,
                                                   const char            *code);
void            _trib_execution_set_sink          (TribExecution         *self,
                                                   const TribExecutionSink *sink,
                                                   gpointer               data);
void            _trib_execution_set_ids           (TribExecution         *self,
                                                   gint64                 run_id,
                                                   gint64                 instance_id);
void            _trib_execution_set_attempt       (TribExecution         *self,
                                                   guint                  attempt,
                                                   guint                  max_attempts);

G_END_DECLS
