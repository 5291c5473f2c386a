/* trib-runner.h: turns a workflow into runs (the DAG runner)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-executor.h"
#include "trib-history.h"
#include "trib-run.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_RUN_SCOPE_WORKFLOW,              /* every node */
  TRIB_RUN_SCOPE_NODE,                  /* one node alone: its upstream counts as done */
  TRIB_RUN_SCOPE_NODE_AND_DESCENDANTS,  /* one node and everything downstream of it */
} TribRunScope;

/* What to run. Zero-initialise it (TRIB_RUN_OPTIONS_INIT) and set what you need. */
typedef struct
{
  /* The scheduled time, read as wall time in the workspace's time zone (it is converted
   * there). NULL: today's scheduled time, as a manual run in DataWorks. */
  GDateTime    *cyctime;
  TribRunScope  scope;
  /* For the node scopes: a node id or name. */
  const char   *node;
  /* Not 0: rerun this run in place instead of creating one. With the workflow scope
   * its failed, cancelled and not-run instances run again ("rerun from failed"); with
   * a node scope that node (and its descendants) runs again whatever its state, as the
   * node's rerun mode allows. Successful upstream instances are never rerun. */
  gint64        rerun_of;
  /* Node instances of this run that may run at the same time; 0: the runner's limit. */
  guint         max_parallel;
  /* Timeout for nodes that have none of their own, in milliseconds; 0: none. */
  guint64       default_timeout_ms;
  /* Recorded in the history: "manual" (the default), "backfill", ... */
  const char   *kind;
  const char   *backfill_id;
} TribRunOptions;

#define TRIB_RUN_OPTIONS_INIT { NULL, TRIB_RUN_SCOPE_WORKFLOW, NULL, 0, 0, 0, NULL, NULL }

#define TRIB_TYPE_RUNNER (trib_runner_get_type ())

G_DECLARE_FINAL_TYPE (TribRunner, trib_runner, TRIB, RUNNER, GObject)

/* A runner and the runs it creates belong to the thread that creates them: call them
 * from there, and iterate its main context. Node instances execute on the runner's
 * worker threads, at most "max-workers" at a time over all its runs; the history
 * writes happen on the history's own thread, so nothing here blocks on I/O except the
 * functions documented as blocking. */
TribRunner     *trib_runner_new                  (TribWorkspace        *workspace,
                                                  TribHistory          *history);
TribWorkspace  *trib_runner_get_workspace        (TribRunner           *self);
TribHistory    *trib_runner_get_history          (TribRunner           *self);
guint           trib_runner_get_max_workers      (TribRunner           *self);
/* Takes effect for attempts that start afterwards. */
void            trib_runner_set_max_workers      (TribRunner           *self,
                                                  guint                 max_workers);

/* The executor for nodes of @kind (NULL removes it). Zero-load (VIRTUAL) nodes and
 * references to nodes outside the workflow need none: they succeed at once. The sync
 * (DI) and Spark SQL (EMR_SPARK_SQL) executors register here. */
void            trib_runner_set_executor         (TribRunner           *self,
                                                  TribNodeKind          kind,
                                                  TribExecutor         *executor);
TribExecutor   *trib_runner_get_executor         (TribRunner           *self,
                                                  TribNodeKind          kind);
/* The executor every runner created afterwards starts with for @kind (trib_init ()
 * registers those of this build). */
void            trib_runner_register_default_executor (TribNodeKind    kind,
                                                       TribExecutor   *executor);

/* The scheduled time of the instance whose business date is @bizdate ("YYYYMMDD"):
 * the next day at the time the workflow's start node is scheduled (its cron; 00:00:00
 * without one), in the workspace's time zone. */
GDateTime      *trib_runner_dup_cyctime_for_bizdate (TribRunner        *self,
                                                     TribWorkflow      *workflow,
                                                     const char        *bizdate,
                                                     GError           **error);
/* Today's scheduled time. */
GDateTime      *trib_runner_dup_default_cyctime  (TribRunner           *self,
                                                  TribWorkflow         *workflow,
                                                  GError              **error);

/* Everything a run would do, without doing it: the instances with their resolved
 * parameters and substituted code, after the checks of the definitions (a valid
 * workflow, parameters that resolve, code whose ${name} are all defined). The result
 * cannot be started; its id is 0. With options->rerun_of it reads the history, and so
 * blocks: a UI previews reruns through trib_runner_create_run_async() instead. */
TribRun        *trib_runner_plan_run             (TribRunner           *self,
                                                  TribWorkflow         *workflow,
                                                  const TribRunOptions *options,
                                                  GError              **error);
/* Whether this runner has an executor for every node of @run that needs one; the error
 * names each node that has none. */
gboolean        trib_runner_check_executors      (TribRunner           *self,
                                                  TribRun              *run,
                                                  GError              **error);
/* Plans the run, checks its executors and records it in the history; start it with trib_run_start_async().
 * Refuses, with an error saying why and before anything runs, what plan_run refuses and
 * a node without executor.
 * Blocking (it waits for the history): not on a UI thread. */
TribRun        *trib_runner_create_run           (TribRunner           *self,
                                                  TribWorkflow         *workflow,
                                                  const TribRunOptions *options,
                                                  GError              **error);
void            trib_runner_create_run_async     (TribRunner           *self,
                                                  TribWorkflow         *workflow,
                                                  const TribRunOptions *options,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
TribRun        *trib_runner_create_run_finish    (TribRunner           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
