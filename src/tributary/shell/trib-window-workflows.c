/* trib-window-workflows.c: creating, renaming, copying, deleting and saving workflows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-name-dialog.h"
#include "trib-window.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"

TribWorkflowPage *
_trib_window_get_current_workflow_page (TribWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  return TRIB_IS_WORKFLOW_PAGE (child) ? TRIB_WORKFLOW_PAGE (child) : NULL;
}

static TribWorkflow *
current_workflow (TribWindow *self)
{
  TribWorkflowPage *page = _trib_window_get_current_workflow_page (self);

  return page ? trib_workflow_page_get_workflow (page) : NULL;
}

static void
workflow_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TribWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!trib_workflow_save_finish (TRIB_WORKFLOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save %s: %s"),
                                                  trib_workflow_get_display_path (TRIB_WORKFLOW (object)),
                                                  error->message);
      trib_window_add_toast (self, message);
    }
}

/* The text is made here on the UI thread and only written by a worker; a failure is
 * shown as a toast naming the file. */
void
_trib_window_save_workflow (TribWindow   *self,
                            TribWorkflow *workflow)
{
  AdwTabPage *page = _trib_window_find_tab (self, workflow);

  /* Its tab knows the node editors, which must write what they hold (or refuse) first. */
  if (page != NULL)
    {
      trib_workflow_page_save (TRIB_WORKFLOW_PAGE (adw_tab_page_get_child (page)));
      return;
    }
  trib_workflow_save_async (workflow, self->load_cancellable, workflow_saved_cb, g_object_ref (self));
}

typedef enum { NEW, RENAME, DUPLICATE } Purpose;

typedef struct
{
  TribWindow   *window;
  TribWorkflow *workflow;
  Purpose       purpose;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->workflow);
  g_free (request);
}

static gboolean
check_name (const char  *name,
            gpointer     user_data,
            GError     **error)
{
  Request *request = user_data;

  return trib_workspace_check_workflow_name (request->window->workspace, name,
                                             request->purpose == RENAME ? request->workflow : NULL, error);
}

static void
file_deleted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TribWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete the old file: %s"), error->message);
      trib_window_add_toast (self, message);
    }
}

static void
name_response_cb (TribNameDialog *dialog,
                  const char     *response,
                  Request        *request)
{
  TribWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkflow) result = NULL;
  g_autoptr(GFile) old_file = NULL;

  if (g_strcmp0 (response, "accept") != 0)
    return;

  switch (request->purpose)
    {
    case NEW:
      result = trib_workspace_new_workflow (self->workspace, trib_name_dialog_get_name (dialog),
                                            trib_name_dialog_get_description (dialog), &error);
      break;
    case DUPLICATE:
      result = trib_workspace_duplicate_workflow (self->workspace, request->workflow,
                                                  trib_name_dialog_get_name (dialog), &error);
      break;
    case RENAME:
      if (trib_workspace_rename_workflow (self->workspace, request->workflow, trib_name_dialog_get_name (dialog),
                                          trib_name_dialog_get_description (dialog), &old_file, &error))
        result = g_object_ref (request->workflow);
      break;
    default:
      g_assert_not_reached ();
    }

  if (result == NULL)
    {
      trib_window_add_toast (self, error->message);
      return;
    }
  /* The file is written at once: a new workflow is a file in the workspace. */
  _trib_window_save_workflow (self, result);
  if (old_file)
    g_file_delete_async (old_file, G_PRIORITY_DEFAULT, self->load_cancellable, file_deleted_cb, g_object_ref (self));
  trib_window_show_workflow (self, result);
  _trib_window_update_problems (self);
}

static void
ask_name (TribWindow   *self,
          Purpose       purpose,
          TribWorkflow *workflow)
{
  Request *request = g_new0 (Request, 1);
  TribNameDialog *dialog;
  g_autofree char *copy_name = NULL;
  const char *heading, *accept, *initial = NULL, *description = NULL;

  request->window = g_object_ref (self);
  request->workflow = workflow ? g_object_ref (workflow) : NULL;
  request->purpose = purpose;

  switch (purpose)
    {
    case NEW:
      heading = _("New Workflow");
      accept = _("C_reate");
      break;
    case RENAME:
      heading = _("Rename Workflow");
      accept = _("_Rename");
      initial = trib_workflow_get_name (workflow);
      description = trib_workflow_get_description (workflow);
      break;
    case DUPLICATE:
    default:
      heading = _("Duplicate Workflow");
      accept = _("D_uplicate");
      /* Translators: the default name of a copy of a workflow */
      copy_name = g_strdup_printf (_("%s copy"), trib_workflow_get_name (workflow));
      initial = copy_name;
      break;
    }

  dialog = trib_name_dialog_new (GTK_WINDOW (self), heading,
                                 _("The workflow is saved as a file in the workspace’s workflows folder."),
                                 accept, initial, purpose != DUPLICATE, description,
                                 check_name, request, (GDestroyNotify) request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (name_response_cb), request);
  self->name_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->name_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_workflow_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);

  if (self->workspace)
    ask_name (self, NEW, NULL);
}

static void
rename_workflow_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);

  if (current_workflow (self))
    ask_name (self, RENAME, current_workflow (self));
}

static void
duplicate_workflow_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);

  if (current_workflow (self))
    ask_name (self, DUPLICATE, current_workflow (self));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TribWindow       *self)
{
  TribWorkflow *workflow = g_object_get_data (G_OBJECT (dialog), "workflow");
  AdwTabPage *page;

  if (g_strcmp0 (response, "delete") != 0 || self->workspace == NULL)
    return;
  page = _trib_window_find_tab (self, workflow);
  if (page)
    adw_tab_view_close_page_finish (self->tab_view, page, TRUE),
    adw_tab_view_close_page (self->tab_view, page);
  trib_workspace_remove_workflow (self->workspace, workflow);
  g_file_delete_async (trib_workflow_get_file (workflow), G_PRIORITY_DEFAULT, self->load_cancellable,
                       file_deleted_cb, g_object_ref (self));
  _trib_window_update_problems (self);
}

static void
delete_workflow_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TribWindow *self = TRIB_WINDOW (widget);
  TribWorkflow *workflow = current_workflow (self);
  g_autoptr(GPtrArray) dependents = NULL;
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (workflow == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), trib_workflow_get_name (workflow));
  body = g_string_new (NULL);
  g_string_append_printf (body, _("The file %s will be deleted."), trib_workflow_get_display_path (workflow));
  dependents = trib_workspace_list_dependents (self->workspace, workflow, NULL);
  if (dependents->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("These nodes of other workflows depend on it and will fail to run:"));
      for (guint i = 0; i < dependents->len; i++)
        g_string_append_printf (body, "\n• %s", (char *) dependents->pdata[i]);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "workflow", g_object_ref (workflow), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  trib_window_add_toast (TRIB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Closing a tab with unsaved edits ----------------------------------------------------- */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TribWindow       *self)
{
  AdwTabPage *page = g_object_get_data (G_OBJECT (dialog), "page");
  TribWorkflowPage *wp = TRIB_WORKFLOW_PAGE (adw_tab_page_get_child (page));
  TribWorkflow *workflow = trib_workflow_page_get_workflow (wp);

  if (g_strcmp0 (response, "save") == 0)
    {
      g_auto(GStrv) problems = trib_workflow_page_check_editors (wp);

      /* Invalid input in a node tab: keep everything open and say what to fix. */
      if (problems[0] != NULL)
        {
          adw_tab_view_close_page_finish (self->tab_view, page, FALSE);
          trib_workflow_page_save (wp);
          return;
        }
      _trib_window_save_workflow (self, workflow);
      _trib_window_close_node_tabs (self, wp);
      adw_tab_view_close_page_finish (self->tab_view, page, TRUE);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      /* Back to what is on disk, so the sidebar and runs see the saved workflow. */
      g_autofree char *saved = NULL;
      TribUndoStack *undo = trib_workflow_page_get_undo_stack (wp);

      while (trib_undo_stack_undo (undo))
        ;
      _trib_window_close_node_tabs (self, wp);
      adw_tab_view_close_page_finish (self->tab_view, page, TRUE);
    }
  else
    adw_tab_view_close_page_finish (self->tab_view, page, FALSE);
}

static gboolean
close_page_cb (AdwTabView *view,
               AdwTabPage *page,
               TribWindow *self)
{
  GtkWidget *child = adw_tab_page_get_child (page);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (_trib_window_ask_close_node_tab (self, page))
    return GDK_EVENT_STOP;
  if (TRIB_IS_WORKFLOW_PAGE (child))
    g_strfreev (trib_workflow_page_check_editors (TRIB_WORKFLOW_PAGE (child)));
  if (!TRIB_IS_WORKFLOW_PAGE (child) ||
      !trib_workflow_is_modified (trib_workflow_page_get_workflow (TRIB_WORKFLOW_PAGE (child))) ||
      self->closing_without_asking)
    {
      if (TRIB_IS_WORKFLOW_PAGE (child))
        _trib_window_close_node_tabs (self, TRIB_WORKFLOW_PAGE (child));
      adw_tab_view_close_page_finish (view, page, TRUE);
      return GDK_EVENT_STOP;
    }

  heading = g_strdup_printf (_("Save Changes to “%s”?"),
                             trib_workflow_get_name (trib_workflow_page_get_workflow (TRIB_WORKFLOW_PAGE (child))));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Changes that are not saved are lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "page", page);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  self->close_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return GDK_EVENT_STOP;
}

/* Closing the window with unsaved edits: one question for all of them. */
static void
window_close_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          TribWindow       *self)
{
  if (g_strcmp0 (response, "cancel") == 0)
    return;
  if (g_strcmp0 (response, "save") == 0)
    {
      GListModel *workflows = trib_workspace_get_workflows (self->workspace);

      /* Saved synchronously here: the window is going away and nothing else runs. */
      for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
        {
          g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
          g_autoptr(GError) error = NULL;

          if (trib_workflow_is_modified (workflow) && !trib_workflow_save (workflow, NULL, &error))
            {
              trib_window_add_toast (self, error->message);
              return;
            }
        }
    }
  self->closing_without_asking = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

guint
_trib_window_count_modified (TribWindow *self)
{
  GListModel *workflows;
  guint n = 0;

  if (self->workspace == NULL)
    return 0;
  workflows = trib_workspace_get_workflows (self->workspace);
  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
      n += trib_workflow_is_modified (workflow);
    }
  return n;
}

static gboolean
close_request_cb (TribWindow *self)
{
  AdwMessageDialog *dialog;
  guint n;

  if (self->closing_without_asking || (n = _trib_window_count_modified (self)) == 0)
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u workflow has changes that are not saved.",
                                               "%u workflows have changes that are not saved.", n), n);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save All"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (window_close_response_cb), self, 0);
  self->close_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
_trib_window_update_workflow_actions (TribWindow *self)
{
  gboolean has_workflow = current_workflow (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-workflow", self->workspace != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-workflow", has_workflow);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-workflow", has_workflow);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-workflow", has_workflow);
}

void
_trib_window_class_init_workflow_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-workflow", NULL, new_workflow_action);
  gtk_widget_class_install_action (widget_class, "win.rename-workflow", NULL, rename_workflow_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-workflow", NULL, duplicate_workflow_action);
  gtk_widget_class_install_action (widget_class, "win.delete-workflow", NULL, delete_workflow_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
}

void
_trib_window_init_workflow_actions (TribWindow *self)
{
  g_signal_connect_object (self->tab_view, "close-page", G_CALLBACK (close_page_cb), self, 0);
  g_signal_connect_object (self->tab_view, "notify::selected-page",
                           G_CALLBACK (_trib_window_update_workflow_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}
