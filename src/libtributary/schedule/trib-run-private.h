/* trib-run-private.h: what the runner does with a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-history.h"
#include "trib-node-instance-private.h"
#include "trib-run.h"
#include "trib-runner.h"

G_BEGIN_DECLS

typedef struct
{
  const char            *workflow_stem;
  const char            *kind;
  const char            *scope;
  const char            *backfill_id;
  GDateTime             *cyctime;
  guint                  max_parallel;
  guint64                default_timeout_ms;
  gboolean               rerun;
} TribRunSetup;

TribRun    *_trib_run_new              (TribRunner            *runner,
                                        TribHistory           *history,
                                        TribWorkflow          *workflow,
                                        const TribRunSetup    *setup);
void        _trib_run_add_instance     (TribRun               *self,
                                        TribNodeInstance      *instance);
void        _trib_run_link             (TribRun               *self,
                                        TribNodeInstance      *upstream,
                                        TribNodeInstance      *downstream);
GPtrArray  *_trib_run_get_instance_array (TribRun             *self);
void        _trib_run_set_id           (TribRun               *self,
                                        gint64                 id);
const char *_trib_run_get_workflow_stem (TribRun              *self);
const char *_trib_run_get_kind         (TribRun               *self);
const char *_trib_run_get_scope        (TribRun               *self);
const char *_trib_run_get_backfill_id  (TribRun               *self);
const char *_trib_run_get_cyctime_text (TribRun               *self);
const char *_trib_run_get_timezone     (TribRun               *self);

/* Called by the runner when a worker frees up: start what can start. */
void        _trib_run_kick             (TribRun               *self);
/* The body of a worker thread job. */
void        _trib_run_execute_job      (gpointer               job);

/* The run's state, shared by trib-run.c (the object) and trib-run-engine.c (the
 * scheduling). Everything but the event queue belongs to the run's main context. */
struct _TribRun
{
  GObject                parent_instance;

  TribRunner            *runner;
  TribHistory           *history;
  TribWorkflow          *workflow;
  TribWorkspaceSnapshot *snapshot;
  char                  *workflow_stem;
  char                  *workflow_name;
  char                  *kind;
  char                  *scope;
  char                  *backfill_id;
  GDateTime             *cyctime;
  char                  *bizdate;
  char                  *cyctime_text;
  char                  *timezone;
  gint64                 id;
  gboolean               rerun;
  TribRunState           state;
  char                  *message;
  GListStore            *instance_store;
  GPtrArray             *instances;
  GHashTable            *by_node;
  guint                  max_parallel;
  guint64                default_timeout_ms;

  GMainContext          *context;
  GTask                 *task;
  GCancellable          *cancellable;
  gulong                 cancelled_id;
  GQueue                 newly_ready;
  GQueue                 ready;
  guint                  n_running;
  guint                  n_timers;
  guint                  n_settled;
  guint                  started : 1;
  guint                  begun : 1;
  guint                  finishing : 1;
  guint                  cancel_requested : 1;
  gint64                 started_us;
  gint64                 ended_us;

  /* Log lines and progress from worker threads, on their way to the main context. */
  GMutex                 events_mutex;
  GQueue                 events;
  GSource               *events_source;
};

enum {
  TRIB_RUN_SIGNAL_NODE_STATE_CHANGED,
  TRIB_RUN_SIGNAL_NODE_LOG,
  TRIB_RUN_SIGNAL_NODE_PROGRESS,
  TRIB_RUN_N_SIGNALS
};

extern guint _trib_run_signals[TRIB_RUN_N_SIGNALS];

/* trib-run.c */
void        _trib_run_log              (TribRun               *self,
                                        TribNodeInstance      *instance,
                                        const char            *format,
                                        ...) G_GNUC_PRINTF (3, 4);
/* Hands the worker threads' log lines and progress to the main context now. */
void        _trib_run_drain_events     (TribRun               *self);
extern const TribExecutionSink _trib_run_execution_sink;
void        _trib_run_set_state        (TribRun               *self,
                                        TribRunState           state,
                                        const char            *message);
void        _trib_run_complete         (TribRun               *self);

/* trib-run-engine.c */
void        _trib_run_begin            (TribRun               *self);
void        _trib_run_advance          (TribRun               *self);
void        _trib_run_cancel_all       (TribRun               *self);
gboolean    _trib_run_cancel_one       (TribRun               *self,
                                        TribNodeInstance      *instance,
                                        GError               **error);
char       *_trib_format_duration      (guint64                ms);

G_END_DECLS
