/* trib-data-source-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-data-source-dialog.h"
#include "trib-data-source-dialog-private.h"

G_DEFINE_FINAL_TYPE (TribDataSourceDialog, trib_data_source_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  TESTED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds offered, in the order of the Type row. */
static const TribDataSourceKind offered_kinds[] = {
  TRIB_DATA_SOURCE_KIND_MYSQL,
  TRIB_DATA_SOURCE_KIND_HTTPFILE,
  TRIB_DATA_SOURCE_KIND_S3,
  TRIB_DATA_SOURCE_KIND_LOCAL,
  TRIB_DATA_SOURCE_KIND_KYUUBI,
};

static void
kind_selected_cb (TribDataSourceDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected >= G_N_ELEMENTS (offered_kinds) || offered_kinds[selected] == self->kind)
    return;
  self->kind = offered_kinds[selected];
  gtk_widget_set_visible (self->result_box, FALSE);
  _trib_data_source_dialog_build_fields (self);
}

/* Connectivity test */

static char *
format_elapsed (gint64 usec)
{
  if (usec < 1000000)
    return g_strdup_printf (_("%.0f ms"), usec / 1000.0);
  return g_strdup_printf (_("%.1f s"), usec / 1000000.0);
}

static void
show_result (TribDataSourceDialog   *self,
             TribConnectivityResult *result)
{
  g_autofree char *elapsed = format_elapsed (trib_connectivity_result_get_elapsed_usec (result));
  GString *details = g_string_new (NULL);
  const char *reached = trib_connectivity_result_get_reached (result);
  const char *endpoint = trib_connectivity_result_get_endpoint (result);

  if (trib_connectivity_result_get_success (result))
    {
      g_autofree char *title = g_strdup_printf (_("Connected in %s"), elapsed);

      gtk_image_set_from_icon_name (self->result_icon, "emblem-ok-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "success");
      gtk_label_set_text (self->result_title, title);
      if (reached)
        g_string_append (details, reached);
    }
  else
    {
      g_autofree char *title = g_strdup_printf ("%s: %s",
                                                trib_connector_error_get_label (trib_connectivity_result_get_category (result)),
                                                trib_connectivity_result_get_message (result));

      gtk_image_set_from_icon_name (self->result_icon, "dialog-error-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "error");
      gtk_label_set_text (self->result_title, title);
      if (trib_connectivity_result_get_tls_problem (result))
        g_string_append (details, trib_connectivity_result_get_tls_problem (result));
    }

  if (endpoint)
    {
      if (details->len)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Endpoint: %s"), endpoint);
    }

  gtk_label_set_text (self->result_details, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->result_details), details->len > 0);
  gtk_label_set_text (self->result_hint, trib_connectivity_result_get_hint (result));
  gtk_widget_set_visible (GTK_WIDGET (self->result_hint), trib_connectivity_result_get_hint (result) != NULL);
  gtk_widget_set_visible (self->result_box, TRUE);
  g_string_free (details, TRUE);
}

static void
set_testing (TribDataSourceDialog *self,
             gboolean              testing)
{
  if (testing)
    {
      gtk_spinner_start (self->test_spinner);
      gtk_button_set_label (self->test_button, _("_Cancel Test"));
    }
  else
    {
      gtk_spinner_stop (self->test_spinner);
      gtk_button_set_label (self->test_button, _("_Test Connection"));
    }
}

typedef struct
{
  TribDataSource *candidate;
  char           *secret;
  char           *workspace_id;
  TribDataSource *original;   /* where a stored secret is filed */
  GFile          *base_directory;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_object (&data->candidate);
  if (data->secret)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_free (data->workspace_id);
  g_clear_object (&data->original);
  g_clear_object (&data->base_directory);
  g_free (data);
}

static void
test_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TestData *data = task_data;
  g_autofree char *secret = g_strdup (data->secret);
  GError *error = NULL;
  TribConnectivityResult *result;

  /* An empty field while editing means "the stored secret": the environment variable
   * first, then the keyring, exactly as a run would use it. */
  if (secret == NULL && data->original && data->workspace_id)
    secret = trib_secrets_resolve_for_id_sync (data->workspace_id, data->original, NULL, cancellable, NULL);

  result = trib_connectivity_test_sync (data->candidate, secret, data->base_directory, cancellable, &error);
  if (secret)
    memset (secret, 0, strlen (secret));
  if (result)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled by the user: say so, unless the dialog is going away. */
      if (self->test_cancellable && !g_cancellable_is_cancelled (self->cancellable))
        {
          set_testing (self, FALSE);
          g_clear_object (&self->test_cancellable);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Connectivity test cancelled")));
        }
      return;
    }

  set_testing (self, FALSE);
  g_clear_object (&self->test_cancellable);

  if (result == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_set_object (&self->last_result, result);
  show_result (self, result);
  if (self->original)
    g_signal_emit (self, signals[TESTED], 0, trib_data_source_get_name (self->original), result);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  TestData *data;

  if (self->test_cancellable)
    {
      g_cancellable_cancel (self->test_cancellable);
      return;
    }

  self->test_cancellable = g_cancellable_new ();
  data = g_new0 (TestData, 1);
  data->candidate = _trib_data_source_dialog_build_candidate (self, NULL);
  data->secret = _trib_data_source_dialog_secret_text (self);
  if (self->workspace)
    {
      data->workspace_id = g_strdup (trib_workspace_get_id (self->workspace));
      data->base_directory = g_object_ref (trib_workspace_get_directory (self->workspace));
    }
  if (self->original)
    data->original = g_object_ref (self->original);

  set_testing (self, TRUE);
  gtk_widget_set_visible (self->result_box, FALSE);

  task = g_task_new (self, self->test_cancellable, test_done_cb, NULL);
  g_task_set_source_tag (task, test_action);
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, test_in_thread);
}

/* Saving */

typedef struct
{
  TribWorkspace *workspace;
  char          *workspace_id;
  char          *old_name;     /* the name the secret is filed under now, or NULL */
  char          *new_name;
  char          *secret;       /* NULL: keep (or move) the stored one */
  /* tributary.json, made on the UI thread: the worker never touches the workspace. */
  GFile         *settings_file;
  char          *settings_text;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->workspace);
  g_free (data->workspace_id);
  g_free (data->old_name);
  g_free (data->new_name);
  if (data->secret)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_clear_object (&data->settings_file);
  g_free (data->settings_text);
  g_free (data);
}

static void
prepare_settings (SaveData      *data,
                  TribWorkspace *workspace)
{
  data->settings_file = trib_workspace_dup_settings_file (workspace);
  data->settings_text = trib_workspace_dup_settings_text_if_changed (workspace);
}

/* Only tributary.json: edits on the canvas are saved when the user saves them. */
static gboolean
write_settings (SaveData  *data,
                GError   **error)
{
  if (data->settings_text == NULL)
    return TRUE;
  return trib_file_set_contents_atomic (data->settings_file, data->settings_text,
                                        strlen (data->settings_text), error);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (data->secret)
    {
      if (!trib_secrets_store_sync (data->workspace_id, data->new_name, data->secret, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (data->old_name && g_strcmp0 (data->old_name, data->new_name) != 0)
        trib_secrets_clear_sync (data->workspace_id, data->old_name, cancellable, NULL);
    }
  else if (data->old_name && g_strcmp0 (data->old_name, data->new_name) != 0)
    {
      /* Renamed: the secret follows the data source. */
      g_autofree char *stored = trib_secrets_lookup_sync (data->workspace_id, data->old_name, cancellable, NULL);

      if (stored)
        {
          trib_secrets_store_sync (data->workspace_id, data->new_name, stored, cancellable, NULL);
          trib_secrets_clear_sync (data->workspace_id, data->old_name, cancellable, NULL);
          memset (stored, 0, strlen (stored));
        }
    }

  if (!write_settings (data, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (TribDataSourceDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->connection_group), !busy);
  _trib_data_source_dialog_revalidate (self);
}

static void save_action   (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter);
static void delete_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter);

/* Saving and deleting both end here: the workspace was written (or not); the task's
 * source tag says which signal to emit. */
static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = user_data;
  guint signal_id;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  {
    SaveData *data = g_task_get_task_data (G_TASK (result));

    if (data->settings_text)
      trib_workspace_settings_written (data->workspace, data->settings_text);
  }

  signal_id = g_task_get_source_tag (G_TASK (result)) == save_action ? signals[SAVED] : signals[DELETED];
  g_signal_emit (self, signal_id, 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (widget);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_field_problem_free);
  g_autoptr(TribDataSource) candidate = NULL;
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  _trib_data_source_dialog_revalidate (self);
  if (self->name_error || self->workspace == NULL)
    return;

  candidate = _trib_data_source_dialog_build_candidate (self, problems);
  if (problems->len > 0)
    return;

  data = g_new0 (SaveData, 1);
  data->workspace = g_object_ref (self->workspace);
  data->workspace_id = g_strdup (trib_workspace_get_id (self->workspace));
  data->new_name = g_strdup (trib_data_source_get_name (candidate));
  data->secret = _trib_data_source_dialog_kind_has_secret (self->kind) ? _trib_data_source_dialog_secret_text (self) : NULL;
  if (self->original)
    {
      data->old_name = g_strdup (trib_data_source_get_name (self->original));
      if (g_strcmp0 (data->old_name, data->new_name) != 0)
        trib_workspace_remove_data_source (self->workspace, data->old_name);
    }
  trib_workspace_put_data_source (self->workspace, candidate);
  g_set_object (&self->original, candidate);
  prepare_settings (data, self->workspace);

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, stored_cb, g_strdup (data->new_name));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

/* Deleting */

static char *
describe_users (TribDataSourceDialog *self,
                const char           *name)
{
  GListModel *workflows = trib_workspace_get_workflows (self->workspace);
  GString *users = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
      GListModel *nodes = trib_workflow_get_nodes (workflow);

      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(TribNode) node = g_list_model_get_item (nodes, j);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

          trib_workflow_collect_datasource_refs (workflow, node, names, paths);
          if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_string_append_printf (users, "\n• %s (%s)", trib_node_get_display_name (node),
                                    trib_workflow_get_name (workflow));
        }
    }
  return g_string_free (users, users->len == 0);
}

static void
delete_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  trib_secrets_clear_sync (data->workspace_id, data->old_name, cancellable, NULL);
  if (!write_settings (data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
confirm_delete_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   TribDataSourceDialog *self)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  if (!g_str_equal (response, "delete") || self->original == NULL)
    return;

  data = g_new0 (SaveData, 1);
  data->workspace = g_object_ref (self->workspace);
  data->workspace_id = g_strdup (trib_workspace_get_id (self->workspace));
  data->old_name = g_strdup (trib_data_source_get_name (self->original));
  trib_workspace_remove_data_source (self->workspace, data->old_name);
  prepare_settings (data, self->workspace);

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, stored_cb, g_strdup (data->old_name));
  g_task_set_source_tag (task, delete_action);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, delete_in_thread);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (widget);
  g_autofree char *users = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  const char *name;

  if (self->original == NULL || self->workspace == NULL)
    return;

  name = trib_data_source_get_name (self->original);
  users = describe_users (self, name);
  if (users)
    body = g_strdup_printf (_("These nodes use it and will fail until they are given another data source:%s"), users);
  else
    body = g_strdup (_("No node uses it. Its password or secret key is removed from the keyring too."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, body);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_delete_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static gboolean
trib_data_source_dialog_close_request (GtkWindow *window)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (window);

  /* Closing mid-test or mid-save stops the work; nothing half-done is shown. */
  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (trib_data_source_dialog_parent_class)->close_request (window);
}

static void
trib_data_source_dialog_dispose (GObject *object)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);

  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_DATA_SOURCE_DIALOG);

  G_OBJECT_CLASS (trib_data_source_dialog_parent_class)->dispose (object);
}

static void
trib_data_source_dialog_finalize (GObject *object)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->original);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->last_result);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_free (self->name_error);

  G_OBJECT_CLASS (trib_data_source_dialog_parent_class)->finalize (object);
}

static void
trib_data_source_dialog_class_init (TribDataSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = trib_data_source_dialog_dispose;
  object_class->finalize = trib_data_source_dialog_finalize;
  window_class->close_request = trib_data_source_dialog_close_request;

  /* The data source was added or changed and the workspace saved; its name. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A saved data source was tested: its name and the result. */
  signals[TESTED] = g_signal_new ("tested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                  TRIB_TYPE_CONNECTIVITY_RESULT);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-data-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, connection_group);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, advanced_group);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, test_group);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_box);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_title);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_details);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_hint);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, delete_group);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "dialog.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
}

static void
trib_data_source_dialog_init (TribDataSourceDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_ptr_array_new_with_free_func (_trib_data_source_dialog_field_free);
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < G_N_ELEMENTS (offered_kinds); i++)
    gtk_string_list_append (kinds, trib_data_source_kind_get_label (offered_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (_trib_data_source_dialog_field_changed_cb), self);
}

TribDataSourceDialog *
trib_data_source_dialog_new (GtkWindow      *parent,
                             TribWorkspace  *workspace,
                             TribDataSource *data_source)
{
  TribDataSourceDialog *self;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (!data_source || TRIB_IS_DATA_SOURCE (data_source), NULL);

  self = g_object_new (TRIB_TYPE_DATA_SOURCE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->original = data_source ? g_object_ref (data_source) : NULL;
  self->kind = data_source ? trib_data_source_get_kind (data_source) : TRIB_DATA_SOURCE_KIND_MYSQL;

  for (guint i = 0; i < G_N_ELEMENTS (offered_kinds); i++)
    if (offered_kinds[i] == self->kind)
      adw_combo_row_set_selected (self->kind_row, i);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);

  if (data_source)
    {
      adw_window_title_set_title (self->window_title, _("Edit Data Source"));
      adw_window_title_set_subtitle (self->window_title, trib_data_source_kind_get_label (self->kind));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), trib_data_source_get_name (data_source));
      if (trib_data_source_get_description (data_source))
        gtk_editable_set_text (GTK_EDITABLE (self->description_row), trib_data_source_get_description (data_source));
      /* Another type means other options: a new data source is the honest way. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
    }
  else
    adw_window_title_set_title (self->window_title, _("New Data Source"));

  _trib_data_source_dialog_build_fields (self);
  return self;
}

/* For the UI tests */

void
_trib_data_source_dialog_set_kind (TribDataSourceDialog *self,
                                   TribDataSourceKind    kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (offered_kinds); i++)
    if (offered_kinds[i] == kind)
      adw_combo_row_set_selected (self->kind_row, i);
}

void
_trib_data_source_dialog_set_field (TribDataSourceDialog *self,
                                    const char           *key,
                                    const char           *value)
{
  Field *field;

  if (g_str_equal (key, "name"))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), value);
  else if (g_str_equal (key, "description"))
    gtk_editable_set_text (GTK_EDITABLE (self->description_row), value);
  else if (g_str_equal (key, "secret"))
    {
      g_return_if_fail (self->secret_row != NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row), value);
    }
  else if ((field = _trib_data_source_dialog_find_field (self, key)))
    {
      if (GTK_IS_SWITCH (field->input))
        gtk_switch_set_active (GTK_SWITCH (field->input), g_str_equal (value, "true"));
      else if (ADW_IS_COMBO_ROW (field->input))
        {
          const char * const *choices = trib_connector_option_get_choices (self->kind, key);
          for (guint i = 0; choices && choices[i]; i++)
            if (g_str_equal (choices[i], value))
              adw_combo_row_set_selected (ADW_COMBO_ROW (field->input), i);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (field->input), value);
    }
  else
    g_critical ("no field %s", key);
}

const char *
_trib_data_source_dialog_get_field_error (TribDataSourceDialog *self,
                                          const char           *key)
{
  Field *field;

  if (g_str_equal (key, "name"))
    return self->name_error;
  field = _trib_data_source_dialog_find_field (self, key);
  return field ? field->error : NULL;
}

gboolean
_trib_data_source_dialog_is_testing (TribDataSourceDialog *self)
{
  return self->test_cancellable != NULL;
}

char *
_trib_data_source_dialog_dup_result (TribDataSourceDialog *self)
{
  if (!gtk_widget_get_visible (self->result_box))
    return NULL;
  return g_strdup_printf ("%s\n%s\n%s",
                          gtk_label_get_text (self->result_title),
                          gtk_label_get_text (self->result_details),
                          gtk_label_get_text (self->result_hint));
}

gboolean
_trib_data_source_dialog_can_save (TribDataSourceDialog *self)
{
  gboolean enabled = FALSE;

  g_object_get (self->save_button, "sensitive", &enabled, NULL);
  return enabled;
}
