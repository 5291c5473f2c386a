/* trib-run-planner.h: from a workflow and options to a run, checked, then recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-run-private.h"

G_BEGIN_DECLS

/* Builds the run on the caller's thread: every check that can refuse it happens here.
 * For a rerun, @record and @instances are the run as the history has it. */
TribRun  *_trib_run_planner_plan   (TribRunner            *runner,
                                    TribWorkflow          *workflow,
                                    const TribRunOptions  *options,
                                    TribRunRecord         *record,
                                    GPtrArray             *instances,
                                    GError               **error);
/* Finds the executor of each node that runs one; fails naming every node without. */
gboolean  _trib_run_planner_check_executors (TribRunner     *runner,
                                             TribRun        *run,
                                             GError        **error);
/* Writes the planned run to the history and gives it its ids. Blocking; any thread. */
gboolean  _trib_run_planner_record (TribRunner            *runner,
                                    TribRun               *run,
                                    GError               **error);

G_END_DECLS
