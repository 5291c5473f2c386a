/* trib-window-private.h: for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-data-source-dialog.h"
#include "trib-sidebar.h"
#include "trib-window.h"
#include "trib-workflow-page.h"

G_BEGIN_DECLS

struct _TribWindow
{
  AdwApplicationWindow  parent_instance;

  TribWorkspace        *workspace;
  GCancellable         *load_cancellable;
  GPtrArray            *toast_log;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkToggleButton      *sidebar_button;
  GtkRevealer          *problems_revealer;
  GtkLabel             *problems_label;
  GtkLabel             *problems_list_label;
  GtkStack             *stack;
  GtkSpinner           *loading_spinner;
  GtkListBox           *recent_list;
  AdwPreferencesGroup  *recent_group;
  GtkPaned             *paned;
  TribSidebar          *sidebar;
  GtkStack             *content_stack;
  AdwTabView           *tab_view;
  AdwTabBar            *tab_bar;

  /* Open questions (for the UI tests), and whether closing may skip them. */
  GtkWidget            *name_dialog;
  GtkWidget            *close_dialog;
  gboolean              closing_without_asking;
};

void         _trib_window_update_problems    (TribWindow    *self);
void         _trib_window_close_all_tabs     (TribWindow    *self);
void         _trib_window_set_workspace      (TribWindow    *self,
                                              TribWorkspace *workspace);
void         _trib_window_class_init_actions (GtkWidgetClass *widget_class);
void         _trib_window_class_init_workflow_actions (GtkWidgetClass *widget_class);
void         _trib_window_init_workflow_actions (TribWindow *self);
void         _trib_window_update_workflow_actions (TribWindow *self);
guint        _trib_window_count_modified     (TribWindow    *self);
void         _trib_window_save_workflow      (TribWindow    *self,
                                              TribWorkflow  *workflow);
AdwTabPage  *_trib_window_find_tab           (TribWindow    *self,
                                              TribWorkflow  *workflow);
void         _trib_window_init_actions       (TribWindow    *self);
/* Node tabs (trib-window-nodes.c) */
void         _trib_window_watch_workflow_page (TribWindow      *self,
                                               TribWorkflowPage *page);
void         _trib_window_open_node          (TribWindow       *self,
                                              TribWorkflowPage *owner,
                                              const char       *node_id);
void         _trib_window_close_node_tabs    (TribWindow       *self,
                                              TribWorkflowPage *owner);
gboolean     _trib_window_ask_close_node_tab (TribWindow       *self,
                                              AdwTabPage       *page);
AdwTabPage  *_trib_window_find_node_tab      (TribWindow       *self,
                                              TribWorkflow     *workflow,
                                              const char       *node_id);
TribDataSourceDialog *_trib_window_open_data_source_dialog_internal (TribWindow     *self,
                                                                     TribDataSource *data_source);

/* For the UI tests */

TribSidebar *_trib_window_get_sidebar        (TribWindow *self);
/* The text of the problems banner, or NULL while it is hidden. */
char        *_trib_window_dup_problems_text  (TribWindow *self);
/* Titles of the toasts shown so far, newest last. */
GPtrArray   *_trib_window_get_toast_log      (TribWindow *self);
AdwTabView  *_trib_window_get_tab_view       (TribWindow *self);
/* NULL data source: a new one. */
TribDataSourceDialog *_trib_window_open_data_source_dialog (TribWindow     *self,
                                                            TribDataSource *data_source);
const char  *_trib_window_get_visible_page   (TribWindow *self);
/* The workflow tab in front, or NULL. */
struct _TribWorkflowPage *_trib_window_get_current_workflow_page (TribWindow *self);

/* Runs (trib-window-runs.c) */
void         _trib_window_init_runs          (TribWindow    *self);
void         _trib_window_runs_set_workspace (TribWindow    *self,
                                              TribWorkspace *workspace);
/* TRUE when closing must wait: runs are going (it asks what to do). */
gboolean     _trib_window_runs_close_request (TribWindow    *self);
guint        _trib_window_get_n_active_runs  (TribWindow    *self);
/* Typed as what they are in src/tributary/runs/ (TribRunController, TribRunToolbar,
 * TribRunsPanel). */
gpointer     _trib_window_get_run_controller (TribWindow    *self);
GtkWidget   *_trib_window_get_run_toolbar    (TribWindow    *self);
GtkWidget   *_trib_window_get_runs_panel     (TribWindow    *self);
/* The in-app scheduler (TribScheduler), when Preferences turned it on. */
gpointer     _trib_window_get_scheduler      (TribWindow    *self);

/* query/trib-query-actions.c */
typedef struct _TribNewQueryDialog TribNewQueryDialog;
TribNewQueryDialog *_trib_window_open_new_query_dialog (TribWindow *self);
typedef struct _TribQueryHistoryDialog TribQueryHistoryDialog;
TribQueryHistoryDialog *_trib_window_open_query_history (TribWindow *self);

G_END_DECLS
