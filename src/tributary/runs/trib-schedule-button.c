/* trib-schedule-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-schedule-button.h"

#define N_FIRE_TIMES 3

struct _TribScheduleButton
{
  AdwBin         parent_instance;

  GtkMenuButton *button;
  GtkLabel      *details;
  GtkSwitch     *active_switch;

  TribWorkspace *workspace;
  TribWorkflow  *workflow;
  GCancellable  *cancellable;
  guint          n_saving;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (TribScheduleButton, trib_schedule_button, ADW_TYPE_BIN)

static TribWorkflowSchedule *
read_schedule (TribScheduleButton *self,
               GError            **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (self->workflow == NULL || self->workspace == NULL)
    return NULL;
  zone = trib_workspace_dup_timezone (self->workspace);
  return trib_workflow_schedule_new (self->workflow, zone, error);
}

static void
update (TribScheduleButton *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkflowSchedule) schedule = read_schedule (self, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) times = NULL;
  guint hour, minute;

  gtk_widget_set_visible (GTK_WIDGET (self), self->workflow != NULL);
  self->updating = TRUE;
  if (schedule == NULL)
    {
      gtk_menu_button_set_label (self->button, _("Not Scheduled"));
      gtk_label_set_label (self->details, error ? error->message
                                                : _("No node of this workflow has a cron expression: it runs only when started."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch), FALSE);
      gtk_switch_set_active (self->active_switch, FALSE);
      self->updating = FALSE;
      return;
    }

  if (trib_workflow_schedule_is_paused (schedule))
    gtk_menu_button_set_label (self->button, _("Paused"));
  else if (trib_cron_get_daily_time (trib_workflow_schedule_get_cron (schedule), &hour, &minute))
    {
      g_autofree char *label = g_strdup_printf (_("Daily at %02u:%02u"), hour, minute);

      gtk_menu_button_set_label (self->button, label);
    }
  else
    gtk_menu_button_set_label (self->button, _("Scheduled"));

  g_string_append_printf (text, _("Cron %s in %s, set on node %s.\n"),
                          trib_cron_get_expression (trib_workflow_schedule_get_cron (schedule)),
                          g_time_zone_get_identifier (trib_workflow_schedule_get_timezone (schedule)),
                          trib_workflow_schedule_get_node (schedule));
  now = g_date_time_new_now (trib_workflow_schedule_get_timezone (schedule));
  times = trib_workflow_schedule_next_n (schedule, now, N_FIRE_TIMES);
  if (trib_workflow_schedule_is_paused (schedule))
    g_string_append (text, _("Paused: it does not fire until it is resumed."));
  else if (times->len == 0)
    g_string_append (text, _("No fire time to come: its effective period is over."));
  for (guint i = 0; !trib_workflow_schedule_is_paused (schedule) && i < times->len; i++)
    {
      g_autofree char *when = g_date_time_format (g_ptr_array_index (times, i), "%Y-%m-%d %H:%M");
      g_autofree char *bizdate = trib_workflow_schedule_dup_bizdate (g_ptr_array_index (times, i));

      g_string_append_printf (text, _("Next: %s (business date %s)\n"), when, bizdate);
    }
  if (!trib_workflow_schedule_is_paused (schedule))
    g_string_append (text, _("It fires while a scheduler runs: tributary-cli schedule install WORKSPACE."));
  gtk_label_set_label (self->details, text->str);
  gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch), TRUE);
  gtk_switch_set_active (self->active_switch, !trib_workflow_schedule_is_paused (schedule));
  self->updating = FALSE;
}

/* The node whose "recurrence" pauses the workflow: the one the schedule comes from. */
static TribNode *
start_node (TribScheduleButton *self)
{
  g_autoptr(TribWorkflowSchedule) schedule = read_schedule (self, NULL);
  const char *name = schedule ? trib_workflow_schedule_get_node (schedule) : NULL;
  TribNode *node;

  if (name == NULL)
    return NULL;
  node = trib_workflow_lookup_node_by_name (self->workflow, name);
  return node ? node : trib_workflow_lookup_node (self->workflow, name);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TribScheduleButton) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_saving--;
  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The workflow was not saved: %s"), error->message);

      gtk_label_set_label (self->details, message);
    }
}

static void
switch_cb (TribScheduleButton *self)
{
  TribNode *node;
  g_autofree char *text = NULL;

  if (self->updating || self->workflow == NULL)
    return;
  node = start_node (self);
  if (node == NULL)
    return;
  trib_json_object_put_string (trib_node_get_json (node), "recurrence",
                               gtk_switch_get_active (self->active_switch) ? "Normal" : "Pause");
  /* Serialised here, written by GIO in the background (atomically: a temporary file,
   * then a rename), so the model never leaves this thread. */
  text = trib_workflow_to_string (self->workflow);
  self->n_saving++;
  {
    gsize length = strlen (text);
    GBytes *contents = g_bytes_new_take (g_steal_pointer (&text), length);

    g_file_replace_contents_bytes_async (trib_workflow_get_file (self->workflow), contents, NULL, FALSE,
                                         G_FILE_CREATE_NONE, self->cancellable, saved_cb, g_object_ref (self));
    g_bytes_unref (contents);
  }
  update (self);
}

static void
trib_schedule_button_dispose (GObject *object)
{
  TribScheduleButton *self = TRIB_SCHEDULE_BUTTON (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->workflow);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (trib_schedule_button_parent_class)->dispose (object);
}

static void
trib_schedule_button_class_init (TribScheduleButtonClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trib_schedule_button_dispose;
}

static void
trib_schedule_button_init (TribScheduleButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("Fires on Its Own"));

  self->cancellable = g_cancellable_new ();
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_always_show_arrow (self->button, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Schedule"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  self->active_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->active_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->active_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Fires on Its Own"), -1);
  gtk_box_append (GTK_BOX (row), title);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->active_switch));
  gtk_box_append (GTK_BOX (box), row);
  self->details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->details, 0);
  gtk_label_set_wrap (self->details, TRUE);
  gtk_label_set_max_width_chars (self->details, 48);
  gtk_label_set_selectable (self->details, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->details));
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->button, popover);
  g_signal_connect_object (self->active_switch, "notify::active", G_CALLBACK (switch_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
trib_schedule_button_new (void)
{
  return g_object_new (TRIB_TYPE_SCHEDULE_BUTTON, NULL);
}

void
trib_schedule_button_set_workflow (TribScheduleButton *self,
                                   TribWorkspace      *workspace,
                                   TribWorkflow       *workflow)
{
  g_return_if_fail (TRIB_IS_SCHEDULE_BUTTON (self));

  g_set_object (&self->workspace, workspace);
  g_set_object (&self->workflow, workflow);
  update (self);
}

const char *
_trib_schedule_button_get_label (TribScheduleButton *self)
{
  return gtk_menu_button_get_label (self->button);
}

char *
_trib_schedule_button_dup_details (TribScheduleButton *self)
{
  return g_strdup (gtk_label_get_label (self->details));
}

void
_trib_schedule_button_set_paused (TribScheduleButton *self,
                                  gboolean            paused)
{
  gtk_switch_set_active (self->active_switch, !paused);
}

gboolean
_trib_schedule_button_is_saving (TribScheduleButton *self)
{
  return self->n_saving > 0;
}
