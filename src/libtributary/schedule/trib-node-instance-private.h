/* trib-node-instance-private.h: the runner's side of a node instance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-execution-private.h"
#include "trib-executor.h"
#include "trib-node-instance.h"

G_BEGIN_DECLS

struct _TribNodeInstance
{
  GObject         parent_instance;

  /* What the getters show. */
  gint64          id;
  guint           position;
  char           *node_id;
  char           *node_name;
  char           *command;
  TribNodeKind    kind;
  TribNodeState   state;
  guint           attempt;
  guint           max_attempts;
  gint64          started;
  gint64          ended;
  char           *message;
  double          progress;
  TribParamSet   *parameters;
  char           *code;

  /* The runner's. */
  gpointer        run;           /* the TribRun that owns it */
  TribNode       *node;          /* a private copy */
  TribExecution  *execution;
  TribExecutor   *executor;      /* NULL for nodes that run nothing */
  guint           attempts_before; /* made by earlier runs of a rerun */
  TribRecurrence  recurrence;
  TribRerunMode   rerun_mode;
  guint64         retry_interval_ms;
  guint64         timeout_ms;
  GPtrArray      *upstream;      /* TribNodeInstance, borrowed */
  GPtrArray      *downstream;
  guint           n_pending;     /* upstream instances that have not succeeded */
  GCancellable   *cancellable;   /* of the running attempt */
  GSource        *timer;         /* retry wait, or timeout while running */
  guint           selected : 1;  /* runs in this run (a rerun keeps the others) */
  guint           settled : 1;   /* final, or not-run for good */
  guint           queued : 1;    /* in the run's ready queue */
  guint           cancel_requested : 1;
  guint           timed_out : 1;
};

TribNodeInstance *_trib_node_instance_new           (TribNode         *node_copy,
                                                     guint             position);
/* Each setter notifies when the value changes. */
void              _trib_node_instance_set_state     (TribNodeInstance *self,
                                                     TribNodeState     state);
void              _trib_node_instance_set_attempt   (TribNodeInstance *self,
                                                     guint             attempt);
void              _trib_node_instance_set_message   (TribNodeInstance *self,
                                                     const char       *message);
void              _trib_node_instance_set_progress  (TribNodeInstance *self,
                                                     double            progress);
void              _trib_node_instance_set_times     (TribNodeInstance *self,
                                                     gint64            started,
                                                     gint64            ended);

G_END_DECLS
