/* trib-node-properties.c: the Properties pane: the widget, its rerun and general
 * sections, and what every section shares (errors at the field, problems, reloading)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-node-properties-private.h"

G_DEFINE_FINAL_TYPE (TribNodeProperties, trib_node_properties, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shared helpers -------------------------------------------------------------------- */

TribNode *
_trib_node_properties_get_node (TribNodeProperties *self)
{
  return trib_workflow_lookup_node (self->workflow, self->node_id);
}

GTimeZone *
_trib_node_properties_dup_zone (TribNodeProperties *self)
{
  return trib_workspace_dup_timezone (self->workspace);
}

const char *
_trib_node_properties_strip_section (const char *message)
{
  static const char * const prefixes[] = { "Scheduling parameters: ", "Schedule: ", "Rerun: ",
                                           "Dependencies: ", "Outputs: ", "General: " };

  for (guint i = 0; message && i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (message, prefixes[i]))
      return message + strlen (prefixes[i]);
  return message;
}

/* The text widget inside an entry row, which has the keyboard focus. */
static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child);

      if (found)
        return found;
    }
  return NULL;
}

void
_trib_node_properties_label_row (GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  GtkWidget *text = ADW_IS_ENTRY_ROW (row) ? find_text (row) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (text)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

void
_trib_node_properties_show_error (GtkWidget  *field,
                                  GtkLabel   *label,
                                  const char *message)
{
  GtkWidget *holder = gtk_widget_get_parent (GTK_WIDGET (label));

  if (message)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
  gtk_label_set_text (label, message ? message : "");
  /* An error row holds only its label: hide the row, not just the text. */
  if (GTK_IS_LIST_BOX_ROW (holder))
    gtk_widget_set_visible (holder, message != NULL);
  else
    gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  /* In an entry row the focus is on its text: a screen reader reads the reason there. */
  if (ADW_IS_ENTRY_ROW (field) && find_text (field))
    {
      if (message)
        gtk_accessible_update_property (GTK_ACCESSIBLE (find_text (field)), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        message, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (find_text (field)), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

GtkWidget *
_trib_node_properties_new_error_row (GtkLabel **label)
{
  /* A preferences row, so that a preferences group keeps it in its list, under the field. */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *text = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  gtk_widget_set_margin_top (text, 6);
  gtk_widget_set_margin_bottom (text, 6);
  gtk_widget_add_css_class (text, "error");
  gtk_widget_add_css_class (text, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), text);
  *label = GTK_LABEL (text);
  return row;
}

gboolean
_trib_node_properties_apply (TribNodeProperties *self,
                             TribPropsSection    section,
                             TribPropsEditFunc   func,
                             gpointer            data,
                             GError            **error)
{
  TribPropsSection before = self->applying;
  gboolean ok;

  self->applying = section;
  ok = func (self, data, error);
  self->applying = before;
  return ok;
}

gboolean
_trib_node_properties_take_sig (TribNodeProperties *self,
                                TribPropsSection    section,
                                char              **stored,
                                const char         *sig,
                                gboolean            force)
{
  gboolean same = g_strcmp0 (*stored, sig) == 0;

  if (same && !force)
    return FALSE;
  g_free (*stored);
  *stored = g_strdup (sig);
  /* The section's own edit: its fields show it already, and may be mid-typing. */
  if (!force && self->applying == section)
    return FALSE;
  return TRUE;
}

static void
add_problem (GPtrArray  *list,
             const char *problem)
{
  if (problem)
    g_ptr_array_add (list, g_strdup (problem));
}

void
_trib_node_properties_update_problems (TribNodeProperties *self)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) problems = NULL;

  for (guint i = 0; self->params_problems && i < self->params_problems->len; i++)
    add_problem (list, self->params_problems->pdata[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->schedule_problem); i++)
    add_problem (list, self->schedule_problem[i]);
  add_problem (list, self->rerun_problem);
  add_problem (list, self->deps_problem);
  for (guint i = 0; self->outputs_problems && i < self->outputs_problems->len; i++)
    add_problem (list, self->outputs_problems->pdata[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->general_problem); i++)
    add_problem (list, self->general_problem[i]);

  if (list->len > 0)
    {
      g_ptr_array_add (list, NULL);
      problems = (GStrv) g_ptr_array_steal (list, NULL);
    }
  if ((problems == NULL && self->problems == NULL) ||
      (problems && self->problems && g_strv_equal ((const char * const *) problems,
                                                   (const char * const *) self->problems)))
    return;
  g_strfreev (self->problems);
  self->problems = g_steal_pointer (&problems);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
}

static void
set_problem (TribNodeProperties  *self,
             char               **slot,
             const char          *problem)
{
  g_free (*slot);
  *slot = g_strdup (problem);
  _trib_node_properties_update_problems (self);
}

static void
set_entry_text (GtkEditable *editable,
                const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

/* Rerun ------------------------------------------------------------------------------- */

static void
rerun_load (TribNodeProperties *self,
            gboolean            force)
{
  TribNode *node = _trib_node_properties_get_node (self);
  g_autofree char *sig = NULL;
  g_autofree char *interval = NULL;

  if (node == NULL)
    return;
  sig = g_strdup_printf ("%d|%u|%" G_GUINT64_FORMAT "|%" G_GUINT64_FORMAT, trib_node_get_rerun_mode (node),
                         trib_node_get_rerun_times (node), trib_node_get_rerun_interval (node),
                         trib_node_get_timeout_seconds (node));
  if (!_trib_node_properties_take_sig (self, TRIB_PROPS_RERUN, &self->rerun_sig, sig, force))
    return;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->rerun_mode_row, trib_node_get_rerun_mode (node));
  gtk_spin_button_set_value (self->rerun_times_spin, trib_node_get_rerun_times (node));
  interval = trib_node_properties_format_interval (trib_node_get_rerun_interval (node));
  set_entry_text (GTK_EDITABLE (self->rerun_interval_row), interval);
  gtk_spin_button_set_value (self->timeout_spin, (double) (trib_node_get_timeout_seconds (node) / 3600));
  self->loading = FALSE;
  _trib_node_properties_show_error (GTK_WIDGET (self->rerun_interval_row), self->rerun_interval_error, NULL);
  set_problem (self, &self->rerun_problem, NULL);
}

typedef struct
{
  TribRerunMode mode;
  guint         times;
  guint64       interval_ms;
  guint         timeout_hours;
} RerunValues;

static gboolean
write_rerun (TribNodeProperties *self,
             gpointer            data,
             GError            **error)
{
  RerunValues *values = data;

  return trib_node_properties_set_rerun (self->workflow, self->node_id, values->mode, values->times,
                                         values->interval_ms, error) &&
         trib_node_properties_set_timeout_hours (self->workflow, self->node_id, values->timeout_hours, error);
}

static void
rerun_changed (TribNodeProperties *self)
{
  g_autoptr(GError) error = NULL;
  RerunValues values;

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;
  values.mode = adw_combo_row_get_selected (self->rerun_mode_row);
  values.times = (guint) gtk_spin_button_get_value_as_int (self->rerun_times_spin);
  values.timeout_hours = (guint) gtk_spin_button_get_value_as_int (self->timeout_spin);
  if (!trib_node_properties_parse_interval (gtk_editable_get_text (GTK_EDITABLE (self->rerun_interval_row)),
                                            &values.interval_ms, &error) ||
      !_trib_node_properties_apply (self, TRIB_PROPS_RERUN, write_rerun, &values, &error))
    {
      _trib_node_properties_show_error (GTK_WIDGET (self->rerun_interval_row), self->rerun_interval_error,
                                        _trib_node_properties_strip_section (error->message));
      set_problem (self, &self->rerun_problem, error->message);
      return;
    }
  _trib_node_properties_show_error (GTK_WIDGET (self->rerun_interval_row), self->rerun_interval_error, NULL);
  set_problem (self, &self->rerun_problem, NULL);
}

/* General ----------------------------------------------------------------------------- */

static void
general_load (TribNodeProperties *self,
              gboolean            force)
{
  TribNode *node = _trib_node_properties_get_node (self);
  g_autofree char *sig = NULL;
  g_autofree char *kind = NULL;

  if (node == NULL)
    return;
  sig = g_strjoin ("\x1f", trib_node_get_display_name (node),
                   trib_node_get_description (node) ? trib_node_get_description (node) : "",
                   trib_node_properties_get_owner (node) ? trib_node_properties_get_owner (node) : "", NULL);
  if (!_trib_node_properties_take_sig (self, TRIB_PROPS_GENERAL, &self->general_sig, sig, force))
    return;

  self->loading = TRUE;
  set_entry_text (GTK_EDITABLE (self->name_row), trib_node_get_display_name (node));
  set_entry_text (GTK_EDITABLE (self->description_row), trib_node_get_description (node));
  set_entry_text (GTK_EDITABLE (self->owner_row), trib_node_properties_get_owner (node));
  self->loading = FALSE;
  /* Type and id never change by an edit here. */
  kind = g_strdup_printf ("%s · %s", trib_node_kind_get_label (trib_node_get_kind (node)), trib_node_get_id (node));
  adw_action_row_set_subtitle (self->kind_row, kind);
  _trib_node_properties_show_error (GTK_WIDGET (self->name_row), self->name_error, NULL);
  _trib_node_properties_show_error (GTK_WIDGET (self->owner_row), self->owner_error, NULL);
  set_problem (self, &self->general_problem[0], NULL);
  set_problem (self, &self->general_problem[1], NULL);
}

static gboolean
write_name (TribNodeProperties *self,
            gpointer            data,
            GError            **error)
{
  return trib_workflow_rename_node (self->workflow, self->node_id, data, error);
}

/* The name is applied on Enter (or the apply button, or flush), as the canvas rename is
 * one step; while typed it is only checked. */
static gboolean
check_name (TribNodeProperties *self,
            gboolean            apply)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  TribNode *node = _trib_node_properties_get_node (self);

  if (node == NULL)
    return FALSE;
  if (!trib_workflow_check_node_name (self->workflow, name, self->node_id, &error) ||
      (apply && g_strcmp0 (name, trib_node_get_display_name (node)) != 0 &&
       !_trib_node_properties_apply (self, TRIB_PROPS_GENERAL, write_name, (gpointer) name, &error)))
    {
      problem = g_strdup_printf (_("General: name: %s"), error->message);
      _trib_node_properties_show_error (GTK_WIDGET (self->name_row), self->name_error, error->message);
      set_problem (self, &self->general_problem[0], problem);
      return FALSE;
    }
  _trib_node_properties_show_error (GTK_WIDGET (self->name_row), self->name_error, NULL);
  set_problem (self, &self->general_problem[0], NULL);
  return TRUE;
}

static void
name_changed (TribNodeProperties *self)
{
  if (!self->loading)
    check_name (self, FALSE);
}

static void
name_applied (TribNodeProperties *self)
{
  check_name (self, TRUE);
}

static gboolean
write_description (TribNodeProperties *self,
                   gpointer            data,
                   GError            **error)
{
  return trib_node_properties_set_description (self->workflow, self->node_id, data, error);
}

static void
description_changed (TribNodeProperties *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;
  if (!_trib_node_properties_apply (self, TRIB_PROPS_GENERAL, write_description,
                                    (gpointer) gtk_editable_get_text (GTK_EDITABLE (self->description_row)), &error))
    g_warning ("%s", error->message);
}

static gboolean
write_owner (TribNodeProperties *self,
             gpointer            data,
             GError            **error)
{
  return trib_node_properties_set_owner (self->workflow, self->node_id, data, error);
}

static void
owner_changed (TribNodeProperties *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;
  if (!_trib_node_properties_apply (self, TRIB_PROPS_GENERAL, write_owner,
                                    (gpointer) gtk_editable_get_text (GTK_EDITABLE (self->owner_row)), &error))
    {
      _trib_node_properties_show_error (GTK_WIDGET (self->owner_row), self->owner_error,
                                        _trib_node_properties_strip_section (error->message));
      set_problem (self, &self->general_problem[1], error->message);
      return;
    }
  _trib_node_properties_show_error (GTK_WIDGET (self->owner_row), self->owner_error, NULL);
  set_problem (self, &self->general_problem[1], NULL);
}

/* The widget ------------------------------------------------------------------------ */

static void
load_all (TribNodeProperties *self,
          gboolean            force)
{
  gboolean present = _trib_node_properties_get_node (self) != NULL;

  /* A node that is gone (its tab is about to close) shows what it last had. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), present);
  if (!present)
    return;
  _trib_node_properties_params_load (self, force);
  _trib_node_properties_schedule_load (self, force);
  rerun_load (self, force);
  _trib_node_properties_deps_load (self, force);
  _trib_node_properties_outputs_load (self, force);
  general_load (self, force);
  _trib_node_properties_params_refresh_resolved (self);
}

static void
workflow_changed (TribNodeProperties *self)
{
  load_all (self, FALSE);
}

static void
trib_node_properties_dispose (GObject *object)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (object);

  g_clear_signal_handler (&self->changed_id, self->workflow);
  /* AdwBin would unparent its child again after the template has. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_NODE_PROPERTIES);
  G_OBJECT_CLASS (trib_node_properties_parent_class)->dispose (object);
}

static void
trib_node_properties_finalize (GObject *object)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->workflow);
  g_free (self->node_id);
  g_strfreev (self->problems);
  g_free (self->params_sig);
  g_free (self->schedule_sig);
  g_free (self->rerun_sig);
  g_free (self->deps_sig);
  g_free (self->outputs_sig);
  g_free (self->general_sig);
  g_clear_pointer (&self->params_problems, g_ptr_array_unref);
  g_clear_pointer (&self->outputs_problems, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->schedule_problem); i++)
    g_free (self->schedule_problem[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->general_problem); i++)
    g_free (self->general_problem[i]);
  g_free (self->rerun_problem);
  g_free (self->deps_problem);
  G_OBJECT_CLASS (trib_node_properties_parent_class)->finalize (object);
}

static void
trib_node_properties_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_PROBLEMS:
      g_value_take_boxed (value, trib_node_properties_dup_problems (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_node_properties_class_init (TribNodePropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_node_properties_dispose;
  object_class->finalize = trib_node_properties_finalize;
  object_class->get_property = trib_node_properties_get_property;

  /**
   * TribNodeProperties:problems:
   *
   * The invalid input the pane holds that is not in the document, one sentence each.
   */
  properties[PROP_PROBLEMS] =
    g_param_spec_boxed ("problems", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tributary/Tributary/ui/trib-node-properties.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, TribNodeProperties, name)
  CHILD (page);
  CHILD (params_list);
  CHILD (bizdate_row);
  CHILD (bizdate_calendar);
  CHILD (bizdate_button);
  CHILD (bizdate_label);
  CHILD (schedule_kind_row);
  CHILD (time_row);
  CHILD (time_error);
  CHILD (minute_row);
  CHILD (minute_error);
  CHILD (cron_row);
  CHILD (cron_error);
  CHILD (next_runs_row);
  CHILD (next_runs_label);
  CHILD (start_row);
  CHILD (start_error);
  CHILD (end_row);
  CHILD (end_error);
  CHILD (recurrence_row);
  CHILD (rerun_mode_row);
  CHILD (rerun_times_spin);
  CHILD (rerun_interval_row);
  CHILD (rerun_interval_error);
  CHILD (timeout_spin);
  CHILD (upstream_list);
  CHILD (upstream_entry);
  CHILD (upstream_add_button);
  CHILD (upstream_menu_button);
  CHILD (upstream_error);
  CHILD (outputs_list);
  CHILD (name_row);
  CHILD (name_error);
  CHILD (description_row);
  CHILD (owner_row);
  CHILD (owner_error);
  CHILD (kind_row);
#undef CHILD

  _trib_node_properties_params_class_init (widget_class);
  _trib_node_properties_deps_class_init (widget_class);
}

/* Accessible names for the controls whose visible label is not their own. */
static void
label_controls (TribNodeProperties *self)
{
  struct { GtkWidget *widget; const char *label; } controls[] = {
    { GTK_WIDGET (self->bizdate_button), _("Choose the business date") },
    { GTK_WIDGET (self->bizdate_calendar), _("Business date") },
    { GTK_WIDGET (self->rerun_times_spin), _("Automatic retries") },
    { GTK_WIDGET (self->timeout_spin), _("Timeout in hours") },
    { GTK_WIDGET (self->upstream_entry), _("Upstream output to add") },
    { GTK_WIDGET (self->upstream_add_button), _("Add the upstream output") },
    { GTK_WIDGET (self->upstream_menu_button), _("Choose an upstream node") },
    { GTK_WIDGET (self->upstream_list), _("Upstream dependencies") },
    { GTK_WIDGET (self->params_list), _("Scheduling parameters") },
    { GTK_WIDGET (self->outputs_list), _("Output names") },
  };

  GtkWidget *rows[] = {
    GTK_WIDGET (self->bizdate_row), GTK_WIDGET (self->schedule_kind_row), GTK_WIDGET (self->time_row),
    GTK_WIDGET (self->minute_row), GTK_WIDGET (self->cron_row), GTK_WIDGET (self->start_row),
    GTK_WIDGET (self->end_row), GTK_WIDGET (self->recurrence_row), GTK_WIDGET (self->rerun_mode_row),
    GTK_WIDGET (self->rerun_interval_row), GTK_WIDGET (self->name_row), GTK_WIDGET (self->description_row),
    GTK_WIDGET (self->owner_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (controls[i].widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    controls[i].label, -1);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    _trib_node_properties_label_row (rows[i]);
}

static void
trib_node_properties_init (TribNodeProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  label_controls (self);

  g_signal_connect_swapped (self->rerun_mode_row, "notify::selected", G_CALLBACK (rerun_changed), self);
  g_signal_connect_swapped (self->rerun_times_spin, "value-changed", G_CALLBACK (rerun_changed), self);
  g_signal_connect_swapped (self->rerun_interval_row, "changed", G_CALLBACK (rerun_changed), self);
  g_signal_connect_swapped (self->timeout_spin, "value-changed", G_CALLBACK (rerun_changed), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed), self);
  g_signal_connect_swapped (self->name_row, "apply", G_CALLBACK (name_applied), self);
  g_signal_connect_swapped (self->description_row, "changed", G_CALLBACK (description_changed), self);
  g_signal_connect_swapped (self->owner_row, "changed", G_CALLBACK (owner_changed), self);
}

GtkWidget *
trib_node_properties_new (TribWorkspace *workspace,
                          TribWorkflow  *workflow,
                          const char    *node_id)
{
  TribNodeProperties *self;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);

  self = g_object_new (TRIB_TYPE_NODE_PROPERTIES, NULL);
  self->workspace = g_object_ref (workspace);
  self->workflow = g_object_ref (workflow);
  self->node_id = g_strdup (node_id);
  _trib_node_properties_params_init (self);
  _trib_node_properties_schedule_init (self);
  _trib_node_properties_deps_init (self);
  self->changed_id = g_signal_connect_swapped (workflow, "changed", G_CALLBACK (workflow_changed), self);
  load_all (self, TRUE);
  return GTK_WIDGET (self);
}

const char *
trib_node_properties_get_node_id (TribNodeProperties *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_PROPERTIES (self), NULL);
  return self->node_id;
}

GStrv
trib_node_properties_dup_problems (TribNodeProperties *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_PROPERTIES (self), NULL);
  return g_strdupv (self->problems);
}

void
trib_node_properties_flush (TribNodeProperties *self)
{
  TribNode *node;

  g_return_if_fail (TRIB_IS_NODE_PROPERTIES (self));

  node = _trib_node_properties_get_node (self);
  if (node == NULL)
    return;
  /* Everything else is applied as it is typed; the name waits for Enter. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), trib_node_get_display_name (node)) != 0)
    check_name (self, TRUE);
  _trib_node_properties_params_flush (self);
}
