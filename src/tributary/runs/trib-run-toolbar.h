/* trib-run-toolbar.h: Run, Stop and Backfill for one workflow, and its run's state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-run-controller.h"

G_BEGIN_DECLS

#define TRIB_TYPE_RUN_TOOLBAR (trib_run_toolbar_get_type ())

G_DECLARE_FINAL_TYPE (TribRunToolbar, trib_run_toolbar, TRIB, RUN_TOOLBAR, AdwBin)

/* A small bar any workflow view can host (the canvas's toolbar, for one). Its actions,
 * a group inserted as "run" on the toolbar; a view can insert the same group
 * (trib_run_toolbar_get_action_group()) for its own buttons and node menus:
 *   run.run            opens the Run dialog (business date, resolved parameters)
 *   run.run-node       (s: node id) Run This Node
 *   run.run-descendants (s: node id) Run With Descendants
 *   run.stop           cancels the workflow's running runs
 *   run.backfill       opens the Backfill dialog
 *   run.rerun-failed   reruns the workflow's last run from its failed nodes */
GtkWidget         *trib_run_toolbar_new            (void);
void               trib_run_toolbar_set_controller (TribRunToolbar    *self,
                                                    TribRunController *controller);
void               trib_run_toolbar_set_workflow   (TribRunToolbar    *self,
                                                    TribWorkflow      *workflow);
TribWorkflow      *trib_run_toolbar_get_workflow   (TribRunToolbar    *self);
GActionGroup      *trib_run_toolbar_get_action_group (TribRunToolbar  *self);

/* For the UI tests: the dialog the last run.run / run.backfill opened. */
GtkWindow         *_trib_run_toolbar_get_last_dialog (TribRunToolbar  *self);
const char        *_trib_run_toolbar_get_status      (TribRunToolbar  *self);
GtkWidget         *_trib_run_toolbar_get_schedule_button (TribRunToolbar *self);

G_END_DECLS
