/* trib-run-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-run-dialog.h"

struct _TribRunDialog
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkButton         *run_button;
  AdwEntryRow       *bizdate_row;
  AdwActionRow      *cyctime_row;
  GtkLabel          *preview_label;

  TribRunController *controller;
  TribWorkflow      *workflow;
  char              *node;
  gboolean           with_descendants;
  GDateTime         *cyctime;
};

G_DEFINE_FINAL_TYPE (TribRunDialog, trib_run_dialog, ADW_TYPE_WINDOW)

static void
fill_options (TribRunDialog  *self,
              TribRunOptions *options)
{
  options->cyctime = self->cyctime;
  if (self->node)
    {
      options->node = self->node;
      options->scope = self->with_descendants ? TRIB_RUN_SCOPE_NODE_AND_DESCENDANTS : TRIB_RUN_SCOPE_NODE;
    }
}

/* Plans the run (no I/O: planning only reads the workflow) to show what it would do. */
static void
update_preview (TribRunDialog *self)
{
  const char *bizdate = gtk_editable_get_text (GTK_EDITABLE (self->bizdate_row));
  TribRunner *runner = trib_run_controller_get_runner (self->controller);
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GListModel *instances;

  g_clear_pointer (&self->cyctime, g_date_time_unref);
  gtk_widget_remove_css_class (GTK_WIDGET (self->bizdate_row), "error");
  if (runner == NULL)
    {
      gtk_label_set_label (self->preview_label, _("The run history is still being opened…"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.run", FALSE);
      return;
    }

  self->cyctime = trib_runner_dup_cyctime_for_bizdate (runner, self->workflow, bizdate, &error);
  if (self->cyctime != NULL)
    {
      fill_options (self, &options);
      run = trib_runner_plan_run (runner, self->workflow, &options, &error);
    }
  if (run == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->bizdate_row), "error");
      adw_action_row_set_subtitle (self->cyctime_row, "");
      gtk_label_set_label (self->preview_label, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.run", FALSE);
      return;
    }

  {
    g_autofree char *when = g_date_time_format (self->cyctime, "%Y-%m-%d %H:%M:%S");
    g_autofree char *subtitle = g_strdup_printf ("%s %s", when,
                                                 g_time_zone_get_identifier (g_date_time_get_timezone (self->cyctime)));

    adw_action_row_set_subtitle (self->cyctime_row, subtitle);
  }

  instances = trib_run_get_instances (run);
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, i);
      TribParamSet *parameters = trib_node_instance_get_parameters (instance);
      guint n = parameters ? trib_param_set_get_n_items (parameters) : 0;

      if (!trib_node_instance_get_selected (instance))
        continue;
      g_string_append_printf (text, "%s%s\n", text->len ? "\n" : "", trib_node_instance_get_node_name (instance));
      if (n == 0)
        g_string_append_printf (text, "  %s\n", _("(no parameters)"));
      for (guint j = 0; j < n; j++)
        g_string_append_printf (text, "  %s=%s\n", trib_param_set_get_name (parameters, j),
                                trib_param_set_get_value (parameters, j));
    }
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  gtk_label_set_label (self->preview_label, text->str);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.run", TRUE);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TribRunDialog *self = TRIB_RUN_DIALOG (widget);
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  if (self->cyctime == NULL)
    return;
  fill_options (self, &options);
  trib_run_controller_start (self->controller, self->workflow, &options);
  gtk_window_close (GTK_WINDOW (self));
}

static void
entry_activated_cb (TribRunDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.run", NULL);
}

static void
trib_run_dialog_dispose (GObject *object)
{
  TribRunDialog *self = TRIB_RUN_DIALOG (object);

  if (self->controller)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  g_clear_object (&self->workflow);
  g_clear_pointer (&self->node, g_free);
  g_clear_pointer (&self->cyctime, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_RUN_DIALOG);
  G_OBJECT_CLASS (trib_run_dialog_parent_class)->dispose (object);
}

static void
trib_run_dialog_class_init (TribRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_run_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TribRunDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TribRunDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, TribRunDialog, bizdate_row);
  gtk_widget_class_bind_template_child (widget_class, TribRunDialog, cyctime_row);
  gtk_widget_class_bind_template_child (widget_class, TribRunDialog, preview_label);
  gtk_widget_class_install_action (widget_class, "dialog.run", NULL, run_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trib_run_dialog_init (TribRunDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->bizdate_row, "changed", G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bizdate_row, "entry-activated", G_CALLBACK (entry_activated_cb), self,
                           G_CONNECT_SWAPPED);
}

TribRunDialog *
trib_run_dialog_new (GtkWindow         *parent,
                     TribRunController *controller,
                     TribWorkflow      *workflow,
                     const char        *node,
                     gboolean           with_descendants)
{
  TribRunDialog *self;
  g_autofree char *bizdate = NULL;

  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (controller), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  self = g_object_new (TRIB_TYPE_RUN_DIALOG, "transient-for", parent, NULL);
  self->controller = g_object_ref (controller);
  self->workflow = g_object_ref (workflow);
  self->node = g_strdup (node);
  self->with_descendants = with_descendants;
  adw_window_title_set_subtitle (self->window_title, trib_workflow_get_name (workflow));
  if (node)
    {
      g_autofree char *title = g_strdup_printf (with_descendants ? _("Run %s With Descendants") : _("Run %s"), node);

      adw_window_title_set_title (self->window_title, title);
    }
  g_signal_connect_object (controller, "notify::history", G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
  bizdate = trib_run_controller_dup_default_bizdate (controller);
  gtk_editable_set_text (GTK_EDITABLE (self->bizdate_row), bizdate);
  update_preview (self);
  return self;
}

void
trib_run_dialog_set_bizdate (TribRunDialog *self,
                             const char    *bizdate)
{
  g_return_if_fail (TRIB_IS_RUN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->bizdate_row), bizdate);
}

char *
_trib_run_dialog_dup_preview (TribRunDialog *self)
{
  return g_strdup (gtk_label_get_label (self->preview_label));
}

gboolean
_trib_run_dialog_activate_run (TribRunDialog *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->run_button)))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "dialog.run", NULL);
}
