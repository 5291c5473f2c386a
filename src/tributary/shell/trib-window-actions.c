/* trib-window-actions.c: what the window's menus, buttons and shortcuts do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-data-source-dialog.h"
#include "trib-window.h"
#include "trib-window-private.h"

/* Data sources */

static void
data_source_saved_cb (TribWindow           *self,
                      const char           *name,
                      TribDataSourceDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (_("Saved data source “%s”"), name);

  trib_workspace_validate (self->workspace);
  _trib_window_update_problems (self);
  trib_window_add_toast (self, message);
}

static void
data_source_deleted_cb (TribWindow           *self,
                        const char           *name,
                        TribDataSourceDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (_("Deleted data source “%s”"), name);

  trib_workspace_validate (self->workspace);
  _trib_window_update_problems (self);
  trib_window_add_toast (self, message);
}

static void
data_source_tested_cb (TribWindow             *self,
                       const char             *name,
                       TribConnectivityResult *result,
                       TribDataSourceDialog   *dialog)
{
  gboolean ok = trib_connectivity_result_get_success (result);
  g_autofree char *tooltip = NULL;

  if (ok)
    tooltip = g_strdup_printf (_("Connected: %s"), trib_connectivity_result_get_reached (result));
  else
    tooltip = g_strdup_printf ("%s: %s",
                               trib_connector_error_get_label (trib_connectivity_result_get_category (result)),
                               trib_connectivity_result_get_message (result));
  trib_sidebar_set_data_source_status (self->sidebar, name,
                                       ok ? TRIB_SIDEBAR_STATUS_OK : TRIB_SIDEBAR_STATUS_FAILED, tooltip);
}

TribDataSourceDialog *
_trib_window_open_data_source_dialog_internal (TribWindow     *self,
                                               TribDataSource *data_source)
{
  TribDataSourceDialog *dialog;

  g_return_val_if_fail (self->workspace != NULL, NULL);

  dialog = trib_data_source_dialog_new (GTK_WINDOW (self), self->workspace, data_source);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (data_source_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "deleted", G_CALLBACK (data_source_deleted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "tested", G_CALLBACK (data_source_tested_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
sidebar_data_source_activated_cb (TribWindow     *self,
                                  TribDataSource *data_source,
                                  TribSidebar    *sidebar)
{
  _trib_window_open_data_source_dialog_internal (self, data_source);
}

static void
add_data_source_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);

  if (self->workspace)
    _trib_window_open_data_source_dialog_internal (self, NULL);
}

/* Actions */

typedef enum
{
  CHOOSE_OPEN,
  CHOOSE_NEW,
  CHOOSE_NEW_DEMO,
} ChooseMode;

static void
create_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *directory = task_data;
  ChooseMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "mode"));
  GError *error = NULL;
  TribWorkspace *workspace;

  if (mode == CHOOSE_NEW_DEMO)
    workspace = trib_demo_create_workspace (directory, &error);
  else
    {
      g_autofree char *name = g_file_get_basename (directory);
      workspace = trib_workspace_create (directory, name, &error);
    }

  if (workspace)
    g_task_return_pointer (task, workspace, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TribWindow *self = TRIB_WINDOW (object);
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  workspace = g_task_propagate_pointer (G_TASK (result), &error);
  if (workspace == NULL)
    {
      trib_window_add_toast (self, error->message);
      return;
    }
  trib_window_open_workspace (self, trib_workspace_get_directory (workspace));
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TribWindow      *self)
{
  ChooseMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "mode"));
  g_autoptr(GFile) directory = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    directory = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (directory == NULL)
    return;

  if (mode == CHOOSE_OPEN)
    trib_window_open_workspace (self, directory);
  else
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, created_cb, NULL);

      g_object_set_data (G_OBJECT (task), "mode", GINT_TO_POINTER (mode));
      g_task_set_task_data (task, g_object_ref (directory), g_object_unref);
      g_task_run_in_thread (task, create_in_thread);
    }
}

static void
choose_folder (TribWindow *self,
               ChooseMode  mode)
{
  GtkFileChooserNative *chooser;
  const char *title;
  const char *accept;

  switch (mode)
    {
    case CHOOSE_NEW:
      title = _("New Workspace");
      accept = _("_Create");
      break;
    case CHOOSE_NEW_DEMO:
      title = _("New Demo Workspace");
      accept = _("_Create");
      break;
    case CHOOSE_OPEN:
    default:
      title = _("Open Workspace");
      accept = _("_Open");
      break;
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "mode", GINT_TO_POINTER (mode));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_folder (TRIB_WINDOW (widget), CHOOSE_OPEN);
}

static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_folder (TRIB_WINDOW (widget), CHOOSE_NEW);
}

static void
new_demo_workspace_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  choose_folder (TRIB_WINDOW (widget), CHOOSE_NEW_DEMO);
}

static void
reload_workspace_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);

  if (self->workspace)
    trib_window_open_workspace (self, trib_workspace_get_directory (self->workspace));
}

static void
close_workspace_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);

  g_cancellable_cancel (self->load_cancellable);
  _trib_window_close_all_tabs (self);
  _trib_window_set_workspace (self, NULL);
}

/* Saves every workflow with edits. Each text is made here on the UI thread and only
 * written by a worker, so no worker ever touches the live workspace. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);
  GListModel *workflows;

  if (self->workspace == NULL)
    return;

  workflows = trib_workspace_get_workflows (self->workspace);
  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);

      if (trib_workflow_is_modified (workflow))
        _trib_window_save_workflow (self, workflow);
    }
}

static void
close_tab_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (page)
    adw_tab_view_close_page (self->tab_view, page);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
}

void
_trib_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, open_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.new-demo-workspace", NULL, new_demo_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.reload-workspace", NULL, reload_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.close-workspace", NULL, close_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.add-data-source", NULL, add_data_source_action);
  _trib_window_class_init_workflow_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

void
_trib_window_init_actions (TribWindow *self)
{
  g_signal_connect_object (self->sidebar, "data-source-activated", G_CALLBACK (sidebar_data_source_activated_cb),
                           self, G_CONNECT_SWAPPED);
  _trib_window_init_workflow_actions (self);
}
