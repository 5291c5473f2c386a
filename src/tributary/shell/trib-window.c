/* trib-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-query-actions.h"
#include "trib-sidebar.h"
#include "trib-window.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"

G_DEFINE_FINAL_TYPE (TribWindow, trib_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GSettings *
get_settings (TribWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? trib_application_get_settings (TRIB_APPLICATION (app)) : NULL;
}

void
trib_window_add_toast (TribWindow *self,
                       const char *message)
{
  AdwToast *toast;

  g_return_if_fail (TRIB_IS_WINDOW (self));

  g_ptr_array_add (self->toast_log, g_strdup (message));
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_trib_window_update_problems (TribWindow *self)
{
  GListModel *diagnostics;
  g_autofree char *all = NULL;
  g_autofree char *first = NULL;
  g_autofree char *summary = NULL;
  guint n;

  if (self->workspace == NULL)
    {
      gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
      return;
    }

  diagnostics = trib_workspace_get_diagnostics (self->workspace);
  n = g_list_model_get_n_items (diagnostics);
  if (n == 0)
    {
      gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
      return;
    }

  {
    g_autoptr(TribDiagnostic) d = g_list_model_get_item (diagnostics, 0);
    first = trib_diagnostic_to_string (d);
  }
  all = trib_diagnostics_to_string (diagnostics);

  if (n == 1)
    summary = g_strdup (first);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s (and %u more problem)",
                                            "%s (and %u more problems)", n - 1),
                               first, n - 1);

  gtk_label_set_text (self->problems_label, summary);
  gtk_label_set_text (self->problems_list_label, all);
  gtk_revealer_set_reveal_child (self->problems_revealer, TRUE);
}

void
_trib_window_close_all_tabs (TribWindow *self)
{
  gboolean was = self->closing_without_asking;

  /* Switching workspaces does not ask about each tab. */
  self->closing_without_asking = TRUE;
  while (adw_tab_view_get_n_pages (self->tab_view) > 0)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, 0);
      adw_tab_view_close_page (self->tab_view, page);
    }
  self->closing_without_asking = was;
}

static void
update_title (TribWindow *self)
{
  if (self->workspace)
    {
      g_autofree char *path = g_file_get_parse_name (trib_workspace_get_directory (self->workspace));

      adw_window_title_set_title (self->window_title, trib_workspace_get_name (self->workspace));
      adw_window_title_set_subtitle (self->window_title, path);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Tributary"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
}

static void
update_actions (TribWindow *self)
{
  gboolean has_workspace = self->workspace != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-workspace", has_workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-workspace", has_workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_workspace);
  _trib_window_update_workflow_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar", has_workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-data-source", has_workspace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab",
                                 adw_tab_view_get_n_pages (self->tab_view) > 0);
}

void
_trib_window_set_workspace (TribWindow    *self,
                            TribWorkspace *workspace)
{
  g_autoptr(GPtrArray) open_names = g_ptr_array_new_with_free_func (g_free);

  /* Keep the tabs of a reloaded workspace open. */
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      TribWorkflowPage *wp;

      if (!TRIB_IS_WORKFLOW_PAGE (adw_tab_page_get_child (page)))
        continue;
      wp = TRIB_WORKFLOW_PAGE (adw_tab_page_get_child (page));
      g_ptr_array_add (open_names, g_strdup (trib_workflow_get_name (trib_workflow_page_get_workflow (wp))));
    }
  _trib_window_close_all_tabs (self);

  g_set_object (&self->workspace, workspace);
  trib_sidebar_set_workspace (self->sidebar, workspace);
  _trib_window_runs_set_workspace (self, workspace);

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), workspace != NULL);
  gtk_stack_set_visible_child_name (self->stack, workspace ? "workspace" : "welcome");
  update_title (self);
  _trib_window_update_problems (self);

  if (workspace)
    for (guint i = 0; i < open_names->len; i++)
      {
        TribWorkflow *workflow = trib_workspace_lookup_workflow (workspace, g_ptr_array_index (open_names, i));
        if (workflow)
          trib_window_show_workflow (self, workflow);
      }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void rebuild_recent_list (TribWindow *self);

static void
workspace_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TribWindow) self = user_data;
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *app;

  workspace = trib_workspace_load_finish (result, &error);
  gtk_spinner_stop (self->loading_spinner);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (workspace == NULL)
    {
      /* The workspace that was open stays open and usable. */
      gtk_stack_set_visible_child_name (self->stack, self->workspace ? "workspace" : "welcome");
      trib_window_add_toast (self, error->message);
      return;
    }

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app)
    trib_application_add_recent (TRIB_APPLICATION (app), trib_workspace_get_directory (workspace));
  rebuild_recent_list (self);

  _trib_window_set_workspace (self, workspace);

  /* Open the first workflow, as an IDE opens the last file: the canvas is the point. */
  if (adw_tab_view_get_n_pages (self->tab_view) == 0 &&
      g_list_model_get_n_items (trib_workspace_get_workflows (workspace)) > 0)
    {
      g_autoptr(TribWorkflow) first = g_list_model_get_item (trib_workspace_get_workflows (workspace), 0);
      trib_window_show_workflow (self, first);
    }

  if (!trib_workspace_is_valid (workspace))
    {
      guint n = g_list_model_get_n_items (trib_workspace_get_diagnostics (workspace));
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "The workspace has %u problem",
                                                               "The workspace has %u problems", n), n);
      trib_window_add_toast (self, message);
    }
}

void
trib_window_open_workspace (TribWindow *self,
                            GFile      *directory)
{
  g_return_if_fail (TRIB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (directory));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  if (self->workspace == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->loading_spinner);
    }

  trib_workspace_load_async (directory, self->load_cancellable, workspace_loaded_cb, g_object_ref (self));
}

TribWorkspace *
trib_window_get_workspace (TribWindow *self)
{
  g_return_val_if_fail (TRIB_IS_WINDOW (self), NULL);
  return self->workspace;
}

AdwTabPage *
_trib_window_find_tab (TribWindow   *self,
                       TribWorkflow *workflow)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (TRIB_IS_WORKFLOW_PAGE (child) &&
          trib_workflow_page_get_workflow (TRIB_WORKFLOW_PAGE (child)) == workflow)
        return page;
    }
  return NULL;
}

void
trib_window_show_workflow (TribWindow   *self,
                           TribWorkflow *workflow)
{
  AdwTabPage *page;

  g_return_if_fail (TRIB_IS_WINDOW (self));
  g_return_if_fail (TRIB_IS_WORKFLOW (workflow));

  page = _trib_window_find_tab (self, workflow);
  if (page == NULL)
    {
      GtkWidget *child = trib_workflow_page_new (workflow, self->workspace);
      g_autoptr(GIcon) icon = g_themed_icon_new (trib_workflow_is_valid (workflow) ?
                                                 "trib-workflow-symbolic" : "dialog-warning-symbolic");

      page = adw_tab_view_append (self->tab_view, child);
      _trib_window_watch_workflow_page (self, TRIB_WORKFLOW_PAGE (child));
      adw_tab_page_set_title (page, trib_workflow_get_name (workflow));
      adw_tab_page_set_tooltip (page, trib_workflow_get_display_path (workflow));
      adw_tab_page_set_icon (page, icon);
    }
  adw_tab_view_set_selected_page (self->tab_view, page);
  gtk_stack_set_visible_child_name (self->content_stack, "tabs");
  update_actions (self);
}

static void
sidebar_workflow_activated_cb (TribWindow   *self,
                               TribWorkflow *workflow,
                               TribSidebar  *sidebar)
{
  trib_window_show_workflow (self, workflow);
}

/* libadwaita 1.2's tab close buttons have a tooltip but no accessible name; a screen
 * reader would say "GtkImage". Name every icon-only button of the tab bar after its
 * tooltip. */
static void
label_icon_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (child))) &&
          gtk_widget_get_tooltip_text (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_widget_get_tooltip_text (child), -1);
      label_icon_buttons (child);
    }
}

static gboolean
label_tab_bar_idle (gpointer data)
{
  TribWindow *self = data;

  if (self->tab_bar)
    label_icon_buttons (GTK_WIDGET (self->tab_bar));
  return G_SOURCE_REMOVE;
}

static void
tab_view_n_pages_cb (TribWindow *self,
                     GParamSpec *pspec,
                     AdwTabView *tab_view)
{
  gtk_stack_set_visible_child_name (self->content_stack,
                                    adw_tab_view_get_n_pages (tab_view) > 0 ? "tabs" : "empty");
  update_actions (self);
  /* The tab widgets are made during the next layout. */
  g_idle_add_full (G_PRIORITY_LOW, label_tab_bar_idle, g_object_ref (self), g_object_unref);
}

/* Recent workspaces */

static void
recent_row_activated_cb (TribWindow    *self,
                         AdwActionRow  *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  trib_window_open_workspace (self, file);
}

static void
forget_recent_clicked_cb (GtkButton  *button,
                          TribWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app)
    trib_application_forget_recent (TRIB_APPLICATION (app), file);
  rebuild_recent_list (self);
}

static void
rebuild_recent_list (TribWindow *self)
{
  GSettings *settings = get_settings (self);
  g_auto(GStrv) recent = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  recent = settings ? g_settings_get_strv (settings, "recent-workspaces") : g_new0 (char *, 1);
  for (guint i = 0; recent[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (recent[i]);
      g_autofree char *home_relative = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *forget = gtk_button_new_from_icon_name ("user-trash-symbolic");

      if (g_str_has_prefix (recent[i], g_get_home_dir ()))
        home_relative = g_strconcat ("~", recent[i] + strlen (g_get_home_dir ()), NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), home_relative ? home_relative : recent[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recent[i]), g_free);
      g_signal_connect_swapped (row, "activated", G_CALLBACK (recent_row_activated_cb), self);

      gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (forget, _("Remove From Recent Workspaces"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (forget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove from recent workspaces"), -1);
      gtk_widget_add_css_class (forget, "flat");
      g_object_set_data_full (G_OBJECT (forget), "path", g_strdup (recent[i]), g_free);
      g_signal_connect (forget, "clicked", G_CALLBACK (forget_recent_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);

      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), recent[0] != NULL);
}

/* Window state */

static gboolean
trib_window_close_request (GtkWindow *window)
{
  TribWindow *self = TRIB_WINDOW (window);
  GSettings *settings = get_settings (self);

  if (_trib_window_runs_close_request (self))
    return TRUE;
  g_cancellable_cancel (self->load_cancellable);

  if (settings)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_int (settings, "sidebar-width", gtk_paned_get_position (self->paned));
    }

  return GTK_WINDOW_CLASS (trib_window_parent_class)->close_request (window);
}

static void
trib_window_constructed (GObject *object)
{
  TribWindow *self = TRIB_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (trib_window_parent_class)->constructed (object);

  settings = get_settings (self);
  if (settings)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      gtk_paned_set_position (self->paned, g_settings_get_int (settings, "sidebar-width"));
    }

  rebuild_recent_list (self);
  update_actions (self);
}

static void
trib_window_dispose (GObject *object)
{
  TribWindow *self = TRIB_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->workspace);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_WINDOW);

  G_OBJECT_CLASS (trib_window_parent_class)->dispose (object);
}

static void
trib_window_finalize (GObject *object)
{
  TribWindow *self = TRIB_WINDOW (object);

  g_clear_pointer (&self->toast_log, g_ptr_array_unref);

  G_OBJECT_CLASS (trib_window_parent_class)->finalize (object);
}

static void
trib_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TribWindow *self = TRIB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_window_class_init (TribWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = trib_window_constructed;
  object_class->dispose = trib_window_dispose;
  object_class->finalize = trib_window_finalize;
  object_class->get_property = trib_window_get_property;
  window_class->close_request = trib_window_close_request;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TRIB_TYPE_WORKSPACE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TribWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, problems_list_label);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, TribWindow, tab_bar);

  _trib_window_class_init_actions (widget_class);
  _trib_query_actions_class_init (widget_class);

  g_type_ensure (TRIB_TYPE_SIDEBAR);
}

static void
trib_window_init (TribWindow *self)
{
  self->toast_log = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_object_bind_property (self->sidebar_button, "active", self->sidebar, "visible", G_BINDING_SYNC_CREATE);
  /* Ctrl+Home and Ctrl+End (with or without Shift) belong to the text in node and query
   * tabs (start and end of the script), not to switching tabs. */
  adw_tab_view_remove_shortcuts (self->tab_view,
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_HOME | ADW_TAB_VIEW_SHORTCUT_CONTROL_END |
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_HOME | ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_END);
  g_signal_connect_object (self->tab_view, "notify::n-pages", G_CALLBACK (tab_view_n_pages_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "workflow-activated", G_CALLBACK (sidebar_workflow_activated_cb),
                           self, G_CONNECT_SWAPPED);
  _trib_window_init_actions (self);
  _trib_window_init_runs (self);
  _trib_query_actions_init (self);
}

TribWindow *
trib_window_new (TribApplication *application)
{
  return g_object_new (TRIB_TYPE_WINDOW, "application", application, NULL);
}

TribSidebar *
_trib_window_get_sidebar (TribWindow *self)
{
  return self->sidebar;
}

char *
_trib_window_dup_problems_text (TribWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->problems_revealer))
    return NULL;
  return g_strdup (gtk_label_get_text (self->problems_list_label));
}

GPtrArray *
_trib_window_get_toast_log (TribWindow *self)
{
  return self->toast_log;
}

TribDataSourceDialog *
_trib_window_open_data_source_dialog (TribWindow     *self,
                                      TribDataSource *data_source)
{
  return _trib_window_open_data_source_dialog_internal (self, data_source);
}

AdwTabView *
_trib_window_get_tab_view (TribWindow *self)
{
  return self->tab_view;
}

const char *
_trib_window_get_visible_page (TribWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}
