/* trib-execution.h: one attempt of one node instance, as an executor sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-data-source.h"
#include "trib-node.h"
#include "trib-param-set.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

#define TRIB_TYPE_EXECUTION (trib_execution_get_type ())

G_DECLARE_FINAL_TYPE (TribExecution, trib_execution, TRIB, EXECUTION, GObject)

/* What an executor gets. The runner builds one per node instance when it creates the
 * run; an executor's own tests build one with trib_execution_new(). Everything is either
 * immutable or thread-safe, because the executor works on a worker thread while the UI
 * keeps editing the workspace: the node and the data sources are private copies. */

/* Copies @node and the data sources of @workspace (which may be NULL), and substitutes
 * ${name} in the node's code with @parameters; fails when the code uses a name that is
 * not defined. Log lines are kept in memory (trib_execution_dup_log()). */
TribExecution  *trib_execution_new                 (TribWorkspace  *workspace,
                                                    TribNode       *node,
                                                    TribParamSet   *parameters,
                                                    GError        **error);

/* The node's definition as it was when the run was created. */
TribNode       *trib_execution_get_node            (TribExecution  *self);
TribParamSet   *trib_execution_get_parameters      (TribExecution  *self);
/* script.content with every ${name} replaced by its value. */
const char     *trib_execution_get_code            (TribExecution  *self);
/* A copy of the workspace's data source @name, or NULL. */
TribDataSource *trib_execution_lookup_data_source  (TribExecution  *self,
                                                    const char     *name);
/* The workspace folder, its id (the keyring files secrets under it) and name. */
GFile          *trib_execution_get_workspace_directory (TribExecution *self);
const char     *trib_execution_get_workspace_id    (TribExecution  *self);
const char     *trib_execution_get_workspace_name  (TribExecution  *self);
/* "YYYYMMDD"; the scheduled time is in the parameters' context. */
const char     *trib_execution_get_bizdate         (TribExecution  *self);
/* The run and node instance ids in the run history (0 outside a run). */
gint64          trib_execution_get_run_id          (TribExecution  *self);
gint64          trib_execution_get_instance_id     (TribExecution  *self);
/* This attempt, from 1, and how many the node may make (1 + rerunTimes). */
guint           trib_execution_get_attempt         (TribExecution  *self);
guint           trib_execution_get_max_attempts    (TribExecution  *self);

/* Thread-safe. Appends one line (or several, split at newlines) to the instance's log;
 * the runner writes it to the log file and shows it live. */
void            trib_execution_log                 (TribExecution  *self,
                                                    const char     *format,
                                                    ...) G_GNUC_PRINTF (2, 3);
void            trib_execution_log_text            (TribExecution  *self,
                                                    const char     *text);
/* Thread-safe. 0.0 to 1.0, or a negative value for "unknown". */
void            trib_execution_set_progress        (TribExecution  *self,
                                                    double          fraction);
double          trib_execution_get_progress        (TribExecution  *self);
/* Thread-safe. A one-line result for the instance's exit detail, such as
 * "1000 records read, 1000 written". */
void            trib_execution_set_summary         (TribExecution  *self,
                                                    const char     *summary);
char           *trib_execution_dup_summary         (TribExecution  *self);
/* Every line logged so far, when no runner is attached. */
char           *trib_execution_dup_log             (TribExecution  *self);

/* The executor says that this attempt failed for a reason another attempt cannot cure
 * (a job that cannot be parsed, a missing data source or secret, refused credentials):
 * the node then fails at once, without its retries (rerunTimes). Transient failures
 * (a lost connection, a timeout, a 5xx) are retried. Reset at each attempt. */
void            trib_execution_set_failure_permanent (TribExecution *self);
gboolean        trib_execution_get_failure_permanent (TribExecution *self);

G_END_DECLS
