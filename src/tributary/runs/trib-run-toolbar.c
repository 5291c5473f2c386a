/* trib-run-toolbar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "trib-backfill-dialog.h"
#include "trib-run-dialog.h"
#include "trib-run-state-style.h"
#include "trib-run-toolbar.h"
#include "trib-schedule-button.h"

struct _TribRunToolbar
{
  AdwBin             parent_instance;

  GtkButton         *run_button;
  GtkButton         *stop_button;
  GtkButton         *backfill_button;
  TribScheduleButton *schedule_button;
  GtkImage          *state_image;
  GtkLabel          *state_label;

  TribRunController *controller;
  TribWorkflow      *workflow;
  GtkWindow         *last_dialog;
  GSimpleActionGroup *actions;
};

G_DEFINE_FINAL_TYPE (TribRunToolbar, trib_run_toolbar, ADW_TYPE_BIN)

/* A run belongs to this bar's workflow when it is the same file: a reloaded workspace
 * has new workflow objects. */
static gboolean
is_ours (TribRunToolbar *self,
         TribRun        *run)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (self->workflow == NULL || run == NULL)
    return FALSE;
  a = trib_workflow_dup_file_stem (trib_run_get_workflow (run));
  b = trib_workflow_dup_file_stem (self->workflow);
  return g_strcmp0 (a, b) == 0;
}

static TribRun *
latest_run (TribRunToolbar *self)
{
  GListModel *runs;

  if (self->controller == NULL)
    return NULL;
  runs = trib_run_controller_get_runs (self->controller);
  for (guint i = g_list_model_get_n_items (runs); i > 0; i--)
    {
      g_autoptr(TribRun) run = g_list_model_get_item (runs, i - 1);

      if (is_ours (self, run))
        return run;
    }
  return NULL;
}

static gboolean
any_running (TribRunToolbar *self)
{
  GListModel *runs = self->controller ? trib_run_controller_get_runs (self->controller) : NULL;

  for (guint i = 0; runs && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(TribRun) run = g_list_model_get_item (runs, i);

      if (is_ours (self, run) && trib_run_get_state (run) == TRIB_RUN_STATE_RUNNING)
        return TRUE;
    }
  return FALSE;
}

static void
set_enabled (TribRunToolbar *self,
             const char     *name,
             gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
  /* The buttons follow by hand: GTK 4.8 leaves actionable buttons of a template
   * insensitive when their action group is enabled later. */
  if (g_str_equal (name, "run"))
    gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), enabled);
  else if (g_str_equal (name, "stop"))
    gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), enabled);
  else if (g_str_equal (name, "backfill"))
    gtk_widget_set_sensitive (GTK_WIDGET (self->backfill_button), enabled);
}

static void
update (TribRunToolbar *self)
{
  TribRun *run = latest_run (self);
  gboolean ready = self->controller != NULL && self->workflow != NULL;
  g_autofree char *text = NULL;

  set_enabled (self, "run", ready);
  set_enabled (self, "run-node", ready);
  set_enabled (self, "run-descendants", ready);
  set_enabled (self, "backfill", ready);
  set_enabled (self, "stop", ready && any_running (self));
  set_enabled (self, "rerun-failed",
                                 ready && run != NULL && (trib_run_get_state (run) == TRIB_RUN_STATE_FAILED ||
                                                          trib_run_get_state (run) == TRIB_RUN_STATE_CANCELLED));
  gtk_widget_set_visible (GTK_WIDGET (self->state_image), run != NULL);
  if (run == NULL)
    {
      gtk_label_set_label (self->state_label, "");
      return;
    }

  trib_style_image_for_run_state (self->state_image, trib_run_get_state (run));
  if (trib_run_get_state (run) == TRIB_RUN_STATE_RUNNING)
    text = g_strdup_printf (_("Run %" PRId64 " for %s: running, %u of %u nodes done"), trib_run_get_id (run),
                            trib_run_get_bizdate (run), trib_run_get_n_settled (run),
                            g_list_model_get_n_items (trib_run_get_instances (run)));
  else
    text = g_strdup_printf (_("Run %" PRId64 " for %s: %s — %s"), trib_run_get_id (run),
                            trib_run_get_bizdate (run), trib_run_state_get_label (trib_run_get_state (run)),
                            trib_run_get_message (run) ? trib_run_get_message (run) : "");
  gtk_label_set_label (self->state_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  trib_run_state_get_label (trib_run_get_state (run)), -1);
}

static GtkWindow *
parent_window (TribRunToolbar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
remember_dialog (TribRunToolbar *self,
                 GtkWindow      *dialog)
{
  g_set_weak_pointer (&self->last_dialog, dialog);
  gtk_window_present (dialog);
}

static void
run_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkWidget *widget = user_data;
  TribRunToolbar *self = TRIB_RUN_TOOLBAR (widget);
  const char *node = parameter ? g_variant_get_string (parameter, NULL) : NULL;

  if (self->controller == NULL || self->workflow == NULL)
    return;
  remember_dialog (self, GTK_WINDOW (trib_run_dialog_new (parent_window (self), self->controller, self->workflow,
                                                          node,
                                                          g_strcmp0 (g_action_get_name (G_ACTION (action)),
                                                                     "run-descendants") == 0)));
}

static void
stop_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWidget *widget = user_data;
  TribRunToolbar *self = TRIB_RUN_TOOLBAR (widget);
  GListModel *runs = trib_run_controller_get_runs (self->controller);

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(TribRun) run = g_list_model_get_item (runs, i);

      if (is_ours (self, run) && trib_run_get_state (run) == TRIB_RUN_STATE_RUNNING)
        trib_run_controller_stop (self->controller, run);
    }
}

static void
backfill_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWidget *widget = user_data;
  TribRunToolbar *self = TRIB_RUN_TOOLBAR (widget);

  if (self->controller == NULL || self->workflow == NULL)
    return;
  remember_dialog (self, GTK_WINDOW (trib_backfill_dialog_new (parent_window (self), self->controller,
                                                               self->workflow)));
}

static void
rerun_failed_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkWidget *widget = user_data;
  TribRunToolbar *self = TRIB_RUN_TOOLBAR (widget);
  TribRun *run = latest_run (self);
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;

  if (run == NULL)
    return;
  options.rerun_of = trib_run_get_id (run);
  trib_run_controller_start (self->controller, self->workflow, &options);
}

static void
run_button_clicked_cb (TribRunToolbar *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), "run", NULL);
}

static void
stop_button_clicked_cb (TribRunToolbar *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), "stop", NULL);
}

static void
backfill_button_clicked_cb (TribRunToolbar *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), "backfill", NULL);
}

static void
trib_run_toolbar_dispose (GObject *object)
{
  TribRunToolbar *self = TRIB_RUN_TOOLBAR (object);

  trib_run_toolbar_set_controller (self, NULL);
  g_clear_object (&self->workflow);
  g_clear_weak_pointer (&self->last_dialog);
  g_clear_object (&self->actions);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_RUN_TOOLBAR);
  G_OBJECT_CLASS (trib_run_toolbar_parent_class)->dispose (object);
}

static void
trib_run_toolbar_class_init (TribRunToolbarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_run_toolbar_dispose;

  g_type_ensure (TRIB_TYPE_SCHEDULE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-run-toolbar.ui");
  gtk_widget_class_bind_template_child (widget_class, TribRunToolbar, run_button);
  gtk_widget_class_bind_template_child (widget_class, TribRunToolbar, stop_button);
  gtk_widget_class_bind_template_child (widget_class, TribRunToolbar, backfill_button);
  gtk_widget_class_bind_template_child (widget_class, TribRunToolbar, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, TribRunToolbar, state_image);
  gtk_widget_class_bind_template_callback (widget_class, run_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, backfill_button_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, TribRunToolbar, state_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
trib_run_toolbar_init (TribRunToolbar *self)
{
  /* An action group rather than class actions: a view hosting the toolbar (the canvas)
   * can insert the same group on itself for its node menus. */
  static const GActionEntry entries[] = {
    { "run", run_action, NULL, NULL, NULL, { 0 } },
    { "run-node", run_action, "s", NULL, NULL, { 0 } },
    { "run-descendants", run_action, "s", NULL, NULL, { 0 } },
    { "stop", stop_action, NULL, NULL, NULL, { 0 } },
    { "backfill", backfill_action, NULL, NULL, NULL, { 0 } },
    { "rerun-failed", rerun_failed_action, NULL, NULL, NULL, { 0 } },
  };

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "run", G_ACTION_GROUP (self->actions));
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
_trib_run_toolbar_get_schedule_button (TribRunToolbar *self)
{
  return GTK_WIDGET (self->schedule_button);
}

GActionGroup *
trib_run_toolbar_get_action_group (TribRunToolbar *self)
{
  g_return_val_if_fail (TRIB_IS_RUN_TOOLBAR (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

GtkWidget *
trib_run_toolbar_new (void)
{
  return g_object_new (TRIB_TYPE_RUN_TOOLBAR, NULL);
}

static void
run_event_cb (TribRunToolbar *self)
{
  update (self);
}

void
trib_run_toolbar_set_controller (TribRunToolbar    *self,
                                 TribRunController *controller)
{
  g_return_if_fail (TRIB_IS_RUN_TOOLBAR (self));

  if (self->controller == controller)
    return;
  if (self->controller)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  if (controller)
    {
      g_signal_connect_object (controller, "run-started", G_CALLBACK (run_event_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "run-finished", G_CALLBACK (run_event_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "node-state-changed", G_CALLBACK (run_event_cb), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

void
trib_run_toolbar_set_workflow (TribRunToolbar *self,
                               TribWorkflow   *workflow)
{
  g_return_if_fail (TRIB_IS_RUN_TOOLBAR (self));

  if (g_set_object (&self->workflow, workflow))
    update (self);
  trib_schedule_button_set_workflow (self->schedule_button,
                                     self->controller ? trib_run_controller_get_workspace (self->controller) : NULL,
                                     workflow);
}

TribWorkflow *
trib_run_toolbar_get_workflow (TribRunToolbar *self)
{
  g_return_val_if_fail (TRIB_IS_RUN_TOOLBAR (self), NULL);
  return self->workflow;
}

GtkWindow *
_trib_run_toolbar_get_last_dialog (TribRunToolbar *self)
{
  return self->last_dialog;
}

const char *
_trib_run_toolbar_get_status (TribRunToolbar *self)
{
  return gtk_label_get_label (self->state_label);
}
