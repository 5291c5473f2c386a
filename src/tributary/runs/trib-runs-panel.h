/* trib-runs-panel.h: the runs of a workspace (DataWorks' operation centre)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-run-controller.h"

G_BEGIN_DECLS

#define TRIB_TYPE_RUNS_PANEL (trib_runs_panel_get_type ())

G_DECLARE_FINAL_TYPE (TribRunsPanel, trib_runs_panel, TRIB, RUNS_PANEL, AdwBin)

/* A GtkColumnView over the run history, newest first, read a page at a time as the
 * user scrolls. While it is shown it reads the history again every second, so runs
 * started by the CLI or the scheduler appear while they run (SQLite in WAL mode: reading
 * never locks anyone out). Selecting a run lists its nodes; selecting a node shows its
 * log (a failed node's, scrolled to the error).
 *
 * Signals:
 *   run-selected (gint64 run_id, const char *workflow)
 *       for the canvas, to show that run's states read-only; 0 when none. */
GtkWidget         *trib_runs_panel_new            (void);
void               trib_runs_panel_set_controller (TribRunsPanel     *self,
                                                   TribRunController *controller);
TribRunController *trib_runs_panel_get_controller (TribRunsPanel     *self);
/* Selects run @run_id once it is listed (now or after the next refresh). */
void               trib_runs_panel_select_run     (TribRunsPanel     *self,
                                                   gint64             run_id);
/* Shows the log of @node of the selected run. */
void               trib_runs_panel_select_node    (TribRunsPanel     *self,
                                                   const char        *node);

/* For the UI tests */
GListModel        *_trib_runs_panel_get_runs      (TribRunsPanel     *self);
GListModel        *_trib_runs_panel_get_instances (TribRunsPanel     *self);
gint64             _trib_runs_panel_get_selected_run (TribRunsPanel  *self);
GtkWidget         *_trib_runs_panel_get_log_view  (TribRunsPanel     *self);
void               _trib_runs_panel_scroll_to_end (TribRunsPanel    *self);
void               _trib_runs_panel_set_filters   (TribRunsPanel     *self,
                                                   const char        *workflow,
                                                   const char        *state,
                                                   const char        *bizdate);

G_END_DECLS
