/* trib-backfill-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "trib-backfill-dialog.h"

struct _TribBackfillDialog
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkButton         *back_button;
  GtkButton         *next_button;
  GtkStack          *stack;
  AdwEntryRow       *from_row;
  AdwEntryRow       *to_row;
  AdwEntryRow       *list_row;
  AdwComboRow       *order_row;
  GtkSpinButton     *parallel_spin;
  AdwComboRow       *nodes_row;
  GtkLabel          *preview_label;
  GtkProgressBar    *progress_bar;
  GtkLabel          *progress_label;

  TribRunController *controller;
  TribWorkflow      *workflow;
  GtkStringList     *node_ids;
  TribBackfill      *backfill;
  gboolean           finished;
};

G_DEFINE_FINAL_TYPE (TribBackfillDialog, trib_backfill_dialog, ADW_TYPE_WINDOW)

static void
show_step (TribBackfillDialog *self,
           const char         *step)
{
  gtk_stack_set_visible_child_name (self->stack, step);
  if (g_str_equal (step, "setup"))
    {
      gtk_button_set_label (self->next_button, _("_Preview"));
      gtk_button_set_label (self->back_button, _("_Cancel"));
    }
  else if (g_str_equal (step, "preview"))
    {
      gtk_button_set_label (self->next_button, _("_Start"));
      gtk_button_set_label (self->back_button, _("_Back"));
    }
  else
    {
      gtk_button_set_label (self->next_button, _("_Close"));
      gtk_button_set_label (self->back_button, _("_Stop"));
    }
}

/* The dates of the range and the list, in the order given; NULL with an error naming
 * the field that is wrong. */
static GStrv
collect_dates (TribBackfillDialog  *self,
               GError             **error)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));
  const char *list = gtk_editable_get_text (GTK_EDITABLE (self->list_row));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  if ((*from != '\0') != (*to != '\0'))
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Give both ends of the range, or neither"));
      return NULL;
    }
  if (*from != '\0')
    {
      g_auto(GStrv) range = trib_backfill_expand_range (from, to, error);

      if (range == NULL)
        return NULL;
      g_strv_builder_addv (builder, (const char **) range);
    }
  items = g_strsplit_set (list, ", ", -1);
  for (guint i = 0; items[i]; i++)
    if (*items[i] != '\0')
      g_strv_builder_add (builder, items[i]);
  return g_strv_builder_end (builder);
}

static char *
preview_text (GPtrArray *runs)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      TribRun *run = g_ptr_array_index (runs, i);
      GListModel *instances = trib_run_get_instances (run);
      g_autofree char *when = g_date_time_format (trib_run_get_cyctime (run), "%Y-%m-%d %H:%M:%S");

      g_string_append_printf (text, _("%sBusiness date %s, scheduled %s\n"), text->len ? "\n" : "",
                              trib_run_get_bizdate (run), when);
      for (guint j = 0; j < g_list_model_get_n_items (instances); j++)
        {
          g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, j);
          TribParamSet *parameters = trib_node_instance_get_parameters (instance);
          g_autofree char *values = parameters ? trib_param_set_to_string (parameters) : NULL;

          if (!trib_node_instance_get_selected (instance))
            continue;
          g_string_append_printf (text, "  %s: %s\n", trib_node_instance_get_node_name (instance),
                                  values && *values ? values : _("(no parameters)"));
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
go_to_preview (TribBackfillDialog *self)
{
  g_auto(GStrv) dates = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *text = NULL;
  TribRunner *runner = trib_run_controller_get_runner (self->controller);
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;
  guint node_position = adw_combo_row_get_selected (self->nodes_row);

  g_clear_object (&self->backfill);
  dates = collect_dates (self, &error);
  if (dates != NULL && dates[0] == NULL)
    g_set_error_literal (&error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Give at least one business date"));
  if (error == NULL && runner == NULL)
    g_set_error_literal (&error, TRIB_ERROR, TRIB_ERROR_FAILED, _("The run history is still being opened"));
  if (error == NULL)
    self->backfill = trib_backfill_new (runner, self->workflow, (const char * const *) dates, &error);
  if (self->backfill != NULL)
    {
      trib_backfill_set_descending (self->backfill, adw_combo_row_get_selected (self->order_row) == 1);
      trib_backfill_set_parallelism (self->backfill, (guint) gtk_spin_button_get_value_as_int (self->parallel_spin));
      if (node_position > 0 && node_position != GTK_INVALID_LIST_POSITION)
        {
          options.scope = TRIB_RUN_SCOPE_NODE_AND_DESCENDANTS;
          options.node = gtk_string_list_get_string (self->node_ids, node_position);
        }
      trib_backfill_set_options (self->backfill, &options);
      runs = trib_backfill_preview (self->backfill, &error);
    }
  if (runs == NULL)
    {
      g_clear_object (&self->backfill);
      text = g_strdup (error->message);
    }
  else
    text = preview_text (runs);
  gtk_label_set_label (self->preview_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backfill.next", runs != NULL);
  show_step (self, "preview");
}

static void
update_progress (TribBackfillDialog *self)
{
  const char * const *dates = trib_backfill_get_bizdates (self->backfill);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_strv_length ((char **) dates);
  guint done = trib_backfill_get_n_succeeded (self->backfill) + trib_backfill_get_n_failed (self->backfill);
  g_autofree char *fraction_text = g_strdup_printf (_("%u of %u dates done"), done, n);

  for (guint i = 0; dates[i]; i++)
    {
      gint64 run_id = trib_backfill_get_date_run_id (self->backfill, dates[i]);
      TribRunState state = trib_backfill_get_date_state (self->backfill, dates[i]);
      const char *label = run_id == 0 && state == TRIB_RUN_STATE_RUNNING ? _("waiting") : trib_run_state_get_label (state);

      if (run_id > 0)
        g_string_append_printf (text, _("%s  %s  (run %" PRId64 ")\n"), dates[i], label, run_id);
      else
        g_string_append_printf (text, "%s  %s\n", dates[i], label);
    }
  gtk_label_set_label (self->progress_label, text->str);
  gtk_progress_bar_set_fraction (self->progress_bar, n ? (double) done / n : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, fraction_text);
}

static void
backfill_changed_cb (TribBackfillDialog *self)
{
  update_progress (self);
}

static void
backfill_done_cb (TribBackfillDialog *self,
                  GParamSpec         *pspec,
                  TribRunController  *controller)
{
  if (self->backfill == NULL || self->finished)
    return;
  if (trib_backfill_get_n_succeeded (self->backfill) + trib_backfill_get_n_failed (self->backfill) <
      g_strv_length ((char **) trib_backfill_get_bizdates (self->backfill)))
    return;
  self->finished = TRUE;
  update_progress (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backfill.back", FALSE);
}

static void
start_backfill (TribBackfillDialog *self)
{
  g_signal_connect_object (self->backfill, "run-created", G_CALLBACK (backfill_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->backfill, "date-finished", G_CALLBACK (backfill_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->controller, "notify::n-active", G_CALLBACK (backfill_done_cb), self, G_CONNECT_SWAPPED);
  show_step (self, "progress");
  trib_run_controller_start_backfill (self->controller, self->backfill);
  update_progress (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribBackfillDialog *self = TRIB_BACKFILL_DIALOG (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "setup"))
    go_to_preview (self);
  else if (g_str_equal (step, "preview"))
    start_backfill (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribBackfillDialog *self = TRIB_BACKFILL_DIALOG (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "setup"))
    gtk_window_close (GTK_WINDOW (self));
  else if (g_str_equal (step, "preview"))
    {
      g_clear_object (&self->backfill);
      gtk_widget_action_set_enabled (widget, "backfill.next", TRUE);
      show_step (self, "setup");
    }
  else if (self->backfill)
    trib_backfill_cancel (self->backfill);
}

static void
trib_backfill_dialog_dispose (GObject *object)
{
  TribBackfillDialog *self = TRIB_BACKFILL_DIALOG (object);

  g_clear_object (&self->controller);
  g_clear_object (&self->workflow);
  g_clear_object (&self->backfill);
  g_clear_object (&self->node_ids);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_BACKFILL_DIALOG);
  G_OBJECT_CLASS (trib_backfill_dialog_parent_class)->dispose (object);
}

static void
trib_backfill_dialog_class_init (TribBackfillDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_backfill_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tributary/Tributary/ui/trib-backfill-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, list_row);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, order_row);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, parallel_spin);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, nodes_row);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TribBackfillDialog, progress_label);
  gtk_widget_class_install_action (widget_class, "backfill.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "backfill.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trib_backfill_dialog_init (TribBackfillDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_step (self, "setup");
}

TribBackfillDialog *
trib_backfill_dialog_new (GtkWindow         *parent,
                          TribRunController *controller,
                          TribWorkflow      *workflow)
{
  TribBackfillDialog *self;
  g_autoptr(GtkStringList) labels = NULL;
  g_autofree char *yesterday = NULL;
  GListModel *nodes;

  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (controller), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  self = g_object_new (TRIB_TYPE_BACKFILL_DIALOG, "transient-for", parent, NULL);
  self->controller = g_object_ref (controller);
  self->workflow = g_object_ref (workflow);
  adw_window_title_set_subtitle (self->window_title, trib_workflow_get_name (workflow));

  /* Whole workflow, or one node with everything downstream of it. */
  labels = gtk_string_list_new ((const char *[]) { _("Whole Workflow"), NULL });
  self->node_ids = gtk_string_list_new ((const char *[]) { "", NULL });
  nodes = trib_workflow_get_nodes (workflow);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_autofree char *label = g_strdup_printf (_("%s and Its Descendants"), trib_node_get_display_name (node));

      gtk_string_list_append (labels, label);
      gtk_string_list_append (self->node_ids, trib_node_get_id (node));
    }
  adw_combo_row_set_model (self->nodes_row, G_LIST_MODEL (labels));

  yesterday = trib_run_controller_dup_default_bizdate (controller);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), yesterday);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), yesterday);
  return self;
}

void
_trib_backfill_dialog_set_dates (TribBackfillDialog *self,
                                 const char         *from,
                                 const char         *to,
                                 const char         *list)
{
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to ? to : "");
  gtk_editable_set_text (GTK_EDITABLE (self->list_row), list ? list : "");
}

void
_trib_backfill_dialog_set_order (TribBackfillDialog *self,
                                 gboolean            descending,
                                 guint               parallelism)
{
  adw_combo_row_set_selected (self->order_row, descending ? 1 : 0);
  gtk_spin_button_set_value (self->parallel_spin, parallelism);
}

const char *
_trib_backfill_dialog_get_step (TribBackfillDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
_trib_backfill_dialog_next (TribBackfillDialog *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->next_button)))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "backfill.next", NULL);
}

char *
_trib_backfill_dialog_dup_text (TribBackfillDialog *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "preview"))
    return g_strdup (gtk_label_get_label (self->preview_label));
  return g_strdup (gtk_label_get_label (self->progress_label));
}

gboolean
_trib_backfill_dialog_is_finished (TribBackfillDialog *self)
{
  return self->finished;
}
