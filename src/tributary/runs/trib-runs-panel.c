/* trib-runs-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-node-log-view.h"
#include "trib-run-state-style.h"
#include "trib-runs-panel-private.h"

#define PAGE_SIZE 50
#define POLL_MS   1000

struct _TribRunsPanel
{
  AdwBin              parent_instance;

  GtkDropDown        *workflow_filter;
  GtkDropDown        *state_filter;
  GtkSearchEntry     *date_filter;
  GtkScrolledWindow  *runs_scroller;
  GtkColumnView      *column_view;
  GtkListView        *instance_list;
  TribNodeLogView    *log_view;

  TribRunController  *controller;
  GListStore         *runs;
  GtkCustomFilter    *filter;
  GtkSingleSelection *run_selection;
  GListStore         *instances;
  GtkSingleSelection *instance_selection;
  GtkStringList      *workflow_names;

  GCancellable       *cancellable;
  guint               poll_id;
  gboolean            refreshing;
  gboolean            loading_more;
  gboolean            reached_end;
  gboolean            reading_instances;
  gboolean            updating;
  gint64              selected_run;
  gint64              wanted_run;
  char               *wanted_node;
  char               *shown_node;
};

G_DEFINE_FINAL_TYPE (TribRunsPanel, trib_runs_panel, ADW_TYPE_BIN)

enum
{
  SIGNAL_RUN_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const state_filter_values[] = { NULL, "running", "success", "failed", "cancelled", "incomplete" };

static void refresh (TribRunsPanel *self);

static TribRunRecord *
selected_record (TribRunsPanel *self)
{
  return gtk_single_selection_get_selected_item (self->run_selection);
}

static const char *
workflow_filter_value (TribRunsPanel *self)
{
  guint position = gtk_drop_down_get_selected (self->workflow_filter);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->workflow_names, position);
}

/* Selections and logs */

static void
show_selected_log (TribRunsPanel *self)
{
  TribInstanceRecord *record = gtk_single_selection_get_selected_item (self->instance_selection);
  TribHistory *history = self->controller ? trib_run_controller_get_history (self->controller) : NULL;
  g_autofree char *log_file = NULL;
  g_autofree char *directory = NULL;

  if (record == NULL || history == NULL)
    return;
  directory = g_file_get_path (trib_history_get_directory (history));
  log_file = g_build_filename (directory, trib_instance_record_get_log_path (record), NULL);
  g_free (self->shown_node);
  self->shown_node = g_strdup (trib_instance_record_get_node_name (record));
  trib_node_log_view_show (self->log_view, history, trib_instance_record_get_run_id (record),
                           trib_instance_record_get_node_name (record), log_file,
                           trib_instance_record_get_state (record) == TRIB_NODE_STATE_FAILED);
}

static void
instance_selected_cb (TribRunsPanel *self)
{
  if (!self->updating)
    show_selected_log (self);
}

static guint
find_instance (TribRunsPanel *self,
               const char    *node)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->instances));

  for (guint i = 0; node && i < n; i++)
    {
      g_autoptr(TribInstanceRecord) record = g_list_model_get_item (G_LIST_MODEL (self->instances), i);

      if (g_str_equal (trib_instance_record_get_node_name (record), node) ||
          g_str_equal (trib_instance_record_get_node_id (record), node))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static guint
find_failed_instance (TribRunsPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->instances));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribInstanceRecord) record = g_list_model_get_item (G_LIST_MODEL (self->instances), i);

      if (trib_instance_record_get_state (record) == TRIB_NODE_STATE_FAILED)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
instances_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TribRunsPanel) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), "trib-reading-run"));
  guint position;

  records = trib_history_list_instances_finish (TRIB_HISTORY (object), result, &error);
  self->reading_instances = FALSE;
  if (records == NULL || run_id != self->selected_run)
    return;

  self->updating = TRUE;
  g_list_store_splice (self->instances, 0, g_list_model_get_n_items (G_LIST_MODEL (self->instances)),
                       records->pdata, records->len);
  position = find_instance (self, self->wanted_node ? self->wanted_node : self->shown_node);
  if (position == GTK_INVALID_LIST_POSITION && self->shown_node == NULL)
    position = find_failed_instance (self);
  gtk_single_selection_set_selected (self->instance_selection, position);
  self->updating = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_clear_pointer (&self->wanted_node, g_free);
      show_selected_log (self);
    }
}

static void
read_instances (TribRunsPanel *self)
{
  TribHistory *history = self->controller ? trib_run_controller_get_history (self->controller) : NULL;

  if (history == NULL || self->selected_run == 0 || self->reading_instances)
    return;
  self->reading_instances = TRUE;
  g_object_set_data (G_OBJECT (self), "trib-reading-run", GSIZE_TO_POINTER (self->selected_run));
  trib_history_list_instances_async (history, self->selected_run, self->cancellable, instances_read_cb,
                                     g_object_ref (self));
}

static void
update_actions (TribRunsPanel *self)
{
  TribRunRecord *record = selected_record (self);
  TribRunState state = record ? trib_run_record_get_state (record) : TRIB_RUN_STATE_SUCCESS;
  gboolean live = FALSE;
  GListModel *runs = self->controller ? trib_run_controller_get_runs (self->controller) : NULL;

  for (guint i = 0; record && runs && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(TribRun) run = g_list_model_get_item (runs, i);

      if (trib_run_get_id (run) == trib_run_record_get_id (record) && trib_run_get_state (run) == TRIB_RUN_STATE_RUNNING)
        live = TRUE;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runs.rerun-failed",
                                 record != NULL && (state == TRIB_RUN_STATE_FAILED || state == TRIB_RUN_STATE_CANCELLED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runs.stop-selected", live);
}

static void
run_selected_cb (TribRunsPanel *self)
{
  TribRunRecord *record = selected_record (self);
  gint64 id = record ? trib_run_record_get_id (record) : 0;

  update_actions (self);
  if (self->updating || id == self->selected_run)
    return;
  self->selected_run = id;
  g_clear_pointer (&self->shown_node, g_free);
  g_list_store_remove_all (self->instances);
  trib_node_log_view_clear (self->log_view);
  self->reading_instances = FALSE;
  read_instances (self);
  g_signal_emit (self, signals[SIGNAL_RUN_SELECTED], 0, id, record ? trib_run_record_get_workflow (record) : NULL);
}

static void
select_run_by_id (TribRunsPanel *self,
                  gint64         run_id)
{
  GListModel *model = G_LIST_MODEL (self->run_selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribRunRecord) record = g_list_model_get_item (model, i);

      if (trib_run_record_get_id (record) == run_id)
        {
          gtk_single_selection_set_selected (self->run_selection, i);
          return;
        }
    }
}

/* History reads */

static gboolean
same_record (TribRunRecord *a,
             TribRunRecord *b)
{
  if (trib_run_record_get_id (a) != trib_run_record_get_id (b) ||
      trib_run_record_get_state (a) != trib_run_record_get_state (b) ||
      trib_run_record_get_ended (a) != trib_run_record_get_ended (b) ||
      trib_run_record_get_started (a) != trib_run_record_get_started (b) ||
      trib_run_record_get_catch_up (a) != trib_run_record_get_catch_up (b))
    return FALSE;
  for (TribNodeState state = TRIB_NODE_STATE_NOT_RUN; state <= TRIB_NODE_STATE_LAST; state++)
    if (trib_run_record_get_n_in_state (a, state) != trib_run_record_get_n_in_state (b, state))
      return FALSE;
  /* A running run's duration changes every second. */
  return trib_run_record_get_state (a) != TRIB_RUN_STATE_RUNNING;
}

/* Replaces the newest runs with @page (newest first), keeping the older pages and the
 * selection. */
static void
merge_newest (TribRunsPanel *self,
              GPtrArray     *page)
{
  GListModel *model = G_LIST_MODEL (self->runs);
  guint n = g_list_model_get_n_items (model);
  gint64 oldest = page->len ? trib_run_record_get_id (g_ptr_array_index (page, page->len - 1)) : 0;
  guint n_replaced = 0;
  gboolean changed;
  gint64 keep = self->selected_run;

  while (n_replaced < n)
    {
      g_autoptr(TribRunRecord) record = g_list_model_get_item (model, n_replaced);

      if (page->len > 0 && trib_run_record_get_id (record) < oldest)
        break;
      n_replaced++;
    }
  /* A full page that does not reach what is listed (many runs came at once): there may be
   * runs between the two, so start again from this page and read on as the user scrolls. */
  if (page->len == PAGE_SIZE && n_replaced == 0 && n > 0)
    {
      n_replaced = n;
      self->reached_end = FALSE;
    }
  changed = n_replaced != page->len;
  for (guint i = 0; !changed && i < page->len; i++)
    {
      g_autoptr(TribRunRecord) record = g_list_model_get_item (model, i);

      changed = !same_record (record, g_ptr_array_index (page, i));
    }
  if (!changed)
    return;

  self->updating = TRUE;
  g_list_store_splice (self->runs, 0, n_replaced, page->pdata, page->len);
  if (keep != 0)
    select_run_by_id (self, keep);
  self->updating = FALSE;
  update_actions (self);
}

static void
newest_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TribRunsPanel) self = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  page = trib_history_list_runs_finish (TRIB_HISTORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->refreshing = FALSE;
  if (page == NULL)
    return;
  merge_newest (self, page);
  if (self->wanted_run != 0)
    {
      select_run_by_id (self, self->wanted_run);
      if (self->selected_run == self->wanted_run)
        self->wanted_run = 0;
    }
  /* The nodes of a run that is still going change too. */
  if (selected_record (self) && trib_run_record_get_state (selected_record (self)) == TRIB_RUN_STATE_RUNNING)
    read_instances (self);
  else if (selected_record (self) && g_list_model_get_n_items (G_LIST_MODEL (self->instances)) > 0)
    {
      /* Once more after it ended, for the final states. */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->instances));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TribInstanceRecord) record = g_list_model_get_item (G_LIST_MODEL (self->instances), i);
          TribNodeState state = trib_instance_record_get_state (record);

          if (state == TRIB_NODE_STATE_RUNNING || state == TRIB_NODE_STATE_WAITING)
            {
              read_instances (self);
              break;
            }
        }
    }
}

static void
refresh (TribRunsPanel *self)
{
  TribHistory *history = self->controller ? trib_run_controller_get_history (self->controller) : NULL;

  if (history == NULL || self->refreshing)
    return;
  self->refreshing = TRUE;
  trib_history_list_runs_async (history, workflow_filter_value (self), 0, PAGE_SIZE, self->cancellable,
                                newest_read_cb, g_object_ref (self));
}

static void
older_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TribRunsPanel) self = user_data;
  g_autoptr(GPtrArray) page = NULL;

  page = trib_history_list_runs_finish (TRIB_HISTORY (object), result, NULL);
  self->loading_more = FALSE;
  if (page == NULL)
    return;
  if (page->len < PAGE_SIZE)
    self->reached_end = TRUE;
  g_list_store_splice (self->runs, g_list_model_get_n_items (G_LIST_MODEL (self->runs)), 0, page->pdata, page->len);
}

/* The next page, when the user scrolls near the end of what is loaded. */
static void
load_older (TribRunsPanel *self)
{
  TribHistory *history = self->controller ? trib_run_controller_get_history (self->controller) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  g_autoptr(TribRunRecord) last = NULL;

  if (history == NULL || self->loading_more || self->reached_end || n < PAGE_SIZE)
    return;
  last = g_list_model_get_item (G_LIST_MODEL (self->runs), n - 1);
  self->loading_more = TRUE;
  trib_history_list_runs_async (history, workflow_filter_value (self), trib_run_record_get_id (last), PAGE_SIZE,
                                self->cancellable, older_read_cb, g_object_ref (self));
}

static void
scrolled_cb (GtkAdjustment *adjustment,
             TribRunsPanel *self)
{
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
                gtk_adjustment_get_page_size (adjustment);

  if (left < gtk_adjustment_get_page_size (adjustment))
    load_older (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
reset (TribRunsPanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->refreshing = FALSE;
  self->loading_more = FALSE;
  self->reached_end = FALSE;
  self->reading_instances = FALSE;
  g_list_store_remove_all (self->runs);
  refresh (self);
}

/* Filters */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TribRunsPanel *self = user_data;
  TribRunRecord *record = item;
  guint state_position = gtk_drop_down_get_selected (self->state_filter);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_filter));

  if (state_position > 0 && state_position < G_N_ELEMENTS (state_filter_values) &&
      g_strcmp0 (trib_run_state_to_string (trib_run_record_get_state (record)), state_filter_values[state_position]) != 0)
    return FALSE;
  if (date && *date && strstr (trib_run_record_get_bizdate (record), date) == NULL)
    return FALSE;
  return TRUE;
}

static void
filters_changed_cb (TribRunsPanel *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
workflow_filter_changed_cb (TribRunsPanel *self)
{
  reset (self);
}

static void
update_workflow_names (TribRunsPanel *self)
{
  TribWorkspace *workspace = self->controller ? trib_run_controller_get_workspace (self->controller) : NULL;
  GListModel *workflows = workspace ? trib_workspace_get_workflows (workspace) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workflow_names));

  gtk_string_list_splice (self->workflow_names, 1, n - 1, NULL);
  for (guint i = 0; workflows && i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
      g_autofree char *stem = trib_workflow_dup_file_stem (workflow);

      gtk_string_list_append (self->workflow_names, stem);
    }
}

/* Actions */

static void
rerun_failed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TribRunsPanel *self = TRIB_RUNS_PANEL (widget);
  TribRunRecord *record = selected_record (self);
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;
  TribWorkflow *workflow;

  if (record == NULL || self->controller == NULL)
    return;
  workflow = trib_workspace_lookup_workflow (trib_run_controller_get_workspace (self->controller),
                                             trib_run_record_get_workflow (record));
  if (workflow == NULL)
    return;
  options.rerun_of = trib_run_record_get_id (record);
  g_clear_pointer (&self->shown_node, g_free);
  trib_node_log_view_clear (self->log_view);
  trib_run_controller_start (self->controller, workflow, &options);
}

static void
stop_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TribRunsPanel *self = TRIB_RUNS_PANEL (widget);
  TribRunRecord *record = selected_record (self);
  GListModel *runs;

  if (record == NULL || self->controller == NULL)
    return;
  runs = trib_run_controller_get_runs (self->controller);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(TribRun) run = g_list_model_get_item (runs, i);

      if (trib_run_get_id (run) == trib_run_record_get_id (record))
        trib_run_controller_stop (self->controller, run);
    }
}

/* Lifecycle */

static void
trib_runs_panel_map (GtkWidget *widget)
{
  TribRunsPanel *self = TRIB_RUNS_PANEL (widget);

  GTK_WIDGET_CLASS (trib_runs_panel_parent_class)->map (widget);
  refresh (self);
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add (POLL_MS, poll_cb, self);
}

static void
trib_runs_panel_unmap (GtkWidget *widget)
{
  TribRunsPanel *self = TRIB_RUNS_PANEL (widget);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  GTK_WIDGET_CLASS (trib_runs_panel_parent_class)->unmap (widget);
}

static void
trib_runs_panel_dispose (GObject *object)
{
  TribRunsPanel *self = TRIB_RUNS_PANEL (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->controller)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_RUNS_PANEL);
  g_clear_object (&self->run_selection);
  g_clear_object (&self->instance_selection);
  g_clear_object (&self->runs);
  g_clear_object (&self->instances);
  g_clear_pointer (&self->wanted_node, g_free);
  g_clear_pointer (&self->shown_node, g_free);
  G_OBJECT_CLASS (trib_runs_panel_parent_class)->dispose (object);
}

static void
trib_runs_panel_class_init (TribRunsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_runs_panel_dispose;
  widget_class->map = trib_runs_panel_map;
  widget_class->unmap = trib_runs_panel_unmap;

  signals[SIGNAL_RUN_SELECTED] = g_signal_new ("run-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                               NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  g_type_ensure (TRIB_TYPE_NODE_LOG_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-runs-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TribRunsPanel, workflow_filter);
  gtk_widget_class_bind_template_child (widget_class, TribRunsPanel, state_filter);
  gtk_widget_class_bind_template_child (widget_class, TribRunsPanel, date_filter);
  gtk_widget_class_bind_template_child (widget_class, TribRunsPanel, runs_scroller);
  gtk_widget_class_bind_template_child (widget_class, TribRunsPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, TribRunsPanel, instance_list);
  gtk_widget_class_bind_template_child (widget_class, TribRunsPanel, log_view);
  gtk_widget_class_install_action (widget_class, "runs.rerun-failed", NULL, rerun_failed_action);
  gtk_widget_class_install_action (widget_class, "runs.stop-selected", NULL, stop_selected_action);
}

static void
trib_runs_panel_init (TribRunsPanel *self)
{
  g_autoptr(GtkStringList) states = NULL;
  GtkFilterListModel *filtered;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->runs = g_list_store_new (TRIB_TYPE_RUN_RECORD);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->runs)), GTK_FILTER (self->filter));
  self->run_selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->run_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->run_selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->run_selection));
  g_signal_connect_object (self->run_selection, "notify::selected-item", G_CALLBACK (run_selected_cb), self,
                           G_CONNECT_SWAPPED);

  _trib_runs_panel_add_column (self->column_view, _("Run"), COLUMN_ID, 52);
  _trib_runs_panel_add_column (self->column_view, _("Workflow"), COLUMN_WORKFLOW, 0);
  _trib_runs_panel_add_column (self->column_view, _("Kind"), COLUMN_KIND, 90);
  _trib_runs_panel_add_column (self->column_view, _("Business Date"), COLUMN_BIZDATE, 110);
  _trib_runs_panel_add_column (self->column_view, _("State"), COLUMN_STATE, 116);
  _trib_runs_panel_add_column (self->column_view, _("Started"), COLUMN_STARTED, 120);
  _trib_runs_panel_add_column (self->column_view, _("Duration"), COLUMN_DURATION, 80);
  _trib_runs_panel_add_column (self->column_view, _("Nodes"), COLUMN_NODES, 130);

  self->instances = g_list_store_new (TRIB_TYPE_INSTANCE_RECORD);
  self->instance_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->instances)));
  gtk_single_selection_set_autoselect (self->instance_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->instance_selection, TRUE);
  factory = _trib_runs_panel_new_instance_factory ();
  gtk_list_view_set_factory (self->instance_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->instance_list, GTK_SELECTION_MODEL (self->instance_selection));
  g_signal_connect_object (self->instance_selection, "notify::selected-item", G_CALLBACK (instance_selected_cb), self,
                           G_CONNECT_SWAPPED);

  self->workflow_names = gtk_string_list_new ((const char *[]) { _("All Workflows"), NULL });
  gtk_drop_down_set_model (self->workflow_filter, G_LIST_MODEL (self->workflow_names));
  g_object_unref (self->workflow_names);
  states = gtk_string_list_new ((const char *[]) { _("All States"), _("Running"), _("Succeeded"), _("Failed"),
                                                   _("Cancelled"), _("Incomplete"), NULL });
  gtk_drop_down_set_model (self->state_filter, G_LIST_MODEL (states));
  g_signal_connect_object (self->workflow_filter, "notify::selected", G_CALLBACK (workflow_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_filter, "search-changed", G_CALLBACK (filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->runs_scroller), "value-changed",
                           G_CALLBACK (scrolled_cb), self, 0);
  update_actions (self);
}

GtkWidget *
trib_runs_panel_new (void)
{
  return g_object_new (TRIB_TYPE_RUNS_PANEL, NULL);
}

static void
controller_history_cb (TribRunsPanel *self)
{
  reset (self);
}

/* A run of this window started or ended: show it without waiting for the next poll. */
static void
controller_run_cb (TribRunsPanel *self,
                   TribRun       *run)
{
  if (self->wanted_run == 0 && trib_run_get_state (run) == TRIB_RUN_STATE_RUNNING &&
      g_object_get_data (G_OBJECT (run), "trib-backfill") == NULL)
    self->wanted_run = trib_run_get_id (run);
  self->refreshing = FALSE;
  refresh (self);
}

void
trib_runs_panel_set_controller (TribRunsPanel     *self,
                                TribRunController *controller)
{
  g_return_if_fail (TRIB_IS_RUNS_PANEL (self));

  if (self->controller == controller)
    return;
  if (self->controller)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  self->selected_run = 0;
  trib_node_log_view_clear (self->log_view);
  g_list_store_remove_all (self->instances);
  update_workflow_names (self);
  gtk_drop_down_set_selected (self->workflow_filter, 0);
  if (controller)
    {
      g_signal_connect_object (controller, "notify::history", G_CALLBACK (controller_history_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "run-started", G_CALLBACK (controller_run_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "run-finished", G_CALLBACK (controller_run_cb), self, G_CONNECT_SWAPPED);
    }
  reset (self);
}

TribRunController *
trib_runs_panel_get_controller (TribRunsPanel *self)
{
  g_return_val_if_fail (TRIB_IS_RUNS_PANEL (self), NULL);
  return self->controller;
}

void
trib_runs_panel_select_run (TribRunsPanel *self,
                            gint64         run_id)
{
  g_return_if_fail (TRIB_IS_RUNS_PANEL (self));

  self->wanted_run = run_id;
  select_run_by_id (self, run_id);
  if (self->selected_run == run_id)
    self->wanted_run = 0;
  else
    refresh (self);
}

void
trib_runs_panel_select_node (TribRunsPanel *self,
                             const char    *node)
{
  guint position;

  g_return_if_fail (TRIB_IS_RUNS_PANEL (self));

  position = find_instance (self, node);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_free (self->wanted_node);
      self->wanted_node = g_strdup (node);
      return;
    }
  gtk_single_selection_set_selected (self->instance_selection, position);
}

GListModel *
_trib_runs_panel_get_runs (TribRunsPanel *self)
{
  return G_LIST_MODEL (self->run_selection);
}

GListModel *
_trib_runs_panel_get_instances (TribRunsPanel *self)
{
  return G_LIST_MODEL (self->instances);
}

gint64
_trib_runs_panel_get_selected_run (TribRunsPanel *self)
{
  return self->selected_run;
}

GtkWidget *
_trib_runs_panel_get_log_view (TribRunsPanel *self)
{
  return GTK_WIDGET (self->log_view);
}

void
_trib_runs_panel_scroll_to_end (TribRunsPanel *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->runs_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  /* Also when everything loaded still fits: the user asked for more. */
  load_older (self);
}

void
_trib_runs_panel_set_filters (TribRunsPanel *self,
                              const char    *workflow,
                              const char    *state,
                              const char    *bizdate)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workflow_names));
  guint position = 0;

  for (guint i = 1; workflow && i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->workflow_names, i), workflow))
      position = i;
  gtk_drop_down_set_selected (self->workflow_filter, position);
  position = 0;
  for (guint i = 1; state && i < G_N_ELEMENTS (state_filter_values); i++)
    if (g_str_equal (state_filter_values[i], state))
      position = i;
  gtk_drop_down_set_selected (self->state_filter, position);
  gtk_editable_set_text (GTK_EDITABLE (self->date_filter), bizdate ? bizdate : "");
}
