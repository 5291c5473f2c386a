/* trib-node-properties-params.c: the Scheduling Parameters section: name = value rows
 * checked by the parameter parser as they are typed, and what each value becomes for a
 * chosen business date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-node-properties-private.h"

#define NAME_KEY "trib-name-entry"
#define VALUE_KEY "trib-value-entry"
#define ERROR_KEY "trib-error-label"
#define RESOLVED_KEY "trib-resolved-label"
#define REMOVE_KEY "trib-remove-button"

static void params_changed (TribNodeProperties *self);

static GtkEntry *
row_entry (GtkWidget  *row,
           const char *key)
{
  return g_object_get_data (G_OBJECT (row), key);
}

static GtkLabel *
row_label (GtkWidget  *row,
           const char *key)
{
  return g_object_get_data (G_OBJECT (row), key);
}

static const char *
row_text (GtkWidget  *row,
          const char *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (row_entry (row, key)));
}

/* The names of a row's controls follow the parameter's name, so a screen reader says
 * which parameter a field or button belongs to. */
static void
name_row_controls (GtkWidget *row,
                   guint      position)
{
  const char *name = row_text (row, NAME_KEY);
  g_autofree char *shown = *name ? g_strdup (name) : g_strdup_printf (_("parameter %u"), position + 1);
  g_autofree char *name_label = g_strdup_printf (_("Name of %s"), shown);
  g_autofree char *value_label = g_strdup_printf (_("Value of %s"), shown);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), shown);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row_entry (row, NAME_KEY)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_entry (row, VALUE_KEY)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  value_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), REMOVE_KEY)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (row), REMOVE_KEY), remove_label);
}

static GPtrArray *
list_rows (TribNodeProperties *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->params_list)); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), NAME_KEY) != NULL)
      g_ptr_array_add (rows, child);
  return rows;
}

static gboolean
remove_parameter (TribNodeProperties *self,
                  gpointer            data,
                  GError            **error)
{
  return trib_node_properties_remove_parameter (self->workflow, self->node_id, data, error);
}

static void
remove_clicked (GtkWidget *button,
                GtkWidget *row)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (gtk_widget_get_ancestor (row, TRIB_TYPE_NODE_PROPERTIES));
  GtkWidget *next = gtk_widget_get_next_sibling (row);
  GtkWidget *previous = gtk_widget_get_prev_sibling (row);
  TribNode *node = _trib_node_properties_get_node (self);
  g_autofree char *name = g_strdup (row_text (row, NAME_KEY));
  g_autoptr(GError) error = NULL;

  /* A parameter of the document goes as its own undo step; the rows left are then
   * checked (and written if they differ) as usual. */
  if (node && *name && trib_node_lookup_parameter (node, name) &&
      !_trib_node_properties_apply (self, TRIB_PROPS_PARAMS, remove_parameter, name, &error))
    g_warning ("%s", error->message);
  gtk_list_box_remove (self->params_list, row);
  params_changed (self);
  /* Keep the keyboard focus in the list. */
  if (next && g_object_get_data (G_OBJECT (next), NAME_KEY))
    gtk_widget_grab_focus (GTK_WIDGET (row_entry (next, VALUE_KEY)));
  else if (previous && g_object_get_data (G_OBJECT (previous), NAME_KEY))
    gtk_widget_grab_focus (GTK_WIDGET (row_entry (previous, VALUE_KEY)));
}

static GtkWidget *
new_row (TribNodeProperties *self,
         const char         *name,
         const char         *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_entry = gtk_entry_new ();
  GtkWidget *equals = gtk_label_new ("=");
  GtkWidget *value_entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *resolved = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_editable_set_text (GTK_EDITABLE (name_entry), name ? name : "");
  /* In a narrow pane the value, the longer of the two, keeps the room. */
  gtk_editable_set_width_chars (GTK_EDITABLE (name_entry), 5);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("name"));
  gtk_editable_set_text (GTK_EDITABLE (value_entry), value ? value : "");
  gtk_widget_set_hexpand (value_entry, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (value_entry), 13);
  gtk_entry_set_placeholder_text (GTK_ENTRY (value_entry), "$[yyyymmdd-1]");
  gtk_widget_add_css_class (value_entry, "monospace");
  gtk_widget_add_css_class (equals, "dim-label");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error, "caption");
  gtk_widget_add_css_class (error, "monospace");
  gtk_widget_set_visible (error, FALSE);
  gtk_label_set_xalign (GTK_LABEL (resolved), 0);
  gtk_label_set_wrap (GTK_LABEL (resolved), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (resolved), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (resolved), TRUE);
  gtk_widget_add_css_class (resolved, "dim-label");
  gtk_widget_add_css_class (resolved, "caption");

  gtk_box_append (GTK_BOX (line), name_entry);
  gtk_box_append (GTK_BOX (line), equals);
  gtk_box_append (GTK_BOX (line), value_entry);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), error);
  gtk_box_append (GTK_BOX (box), resolved);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), NAME_KEY, name_entry);
  g_object_set_data (G_OBJECT (row), VALUE_KEY, value_entry);
  g_object_set_data (G_OBJECT (row), ERROR_KEY, error);
  g_object_set_data (G_OBJECT (row), RESOLVED_KEY, resolved);
  g_object_set_data (G_OBJECT (row), REMOVE_KEY, remove);

  g_signal_connect_swapped (name_entry, "changed", G_CALLBACK (params_changed), self);
  g_signal_connect_swapped (value_entry, "changed", G_CALLBACK (params_changed), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked), row);
  return row;
}

/* "value\n      ^\nmessage": the parser's message with a caret under its column. */
static char *
caret_message (const char *value,
               guint       column,
               const char *message)
{
  g_autoptr(GString) text = g_string_new (value);
  glong length = g_utf8_strlen (value, -1);

  g_string_append_c (text, '\n');
  for (glong i = 0; i < MIN ((glong) column, length); i++)
    g_string_append_c (text, ' ');
  g_string_append (text, "^\n");
  g_string_append (text, message);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Checks one row; returns the problem sentence, or NULL. */
static char *
check_row (GtkWidget  *row,
           GHashTable *seen,
           guint       position)
{
  const char *name = row_text (row, NAME_KEY);
  const char *value = row_text (row, VALUE_KEY);
  GtkLabel *label = row_label (row, ERROR_KEY);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  char *problem = NULL;
  GtkWidget *field = NULL;
  guint column = 0;

  name_row_controls (row, position);
  if (!trib_node_properties_check_parameter_name (name, &error))
    {
      field = GTK_WIDGET (row_entry (row, NAME_KEY));
      shown = g_strdup_printf (_("Name: %s"), error->message);
      problem = g_strdup_printf (_("Scheduling parameters: row %u: name: %s"), position + 1, error->message);
    }
  else if (g_hash_table_contains (seen, name))
    {
      field = GTK_WIDGET (row_entry (row, NAME_KEY));
      shown = g_strdup (_("Name: this name is used twice"));
      problem = g_strdup_printf (_("Scheduling parameters: %s: the name is used twice"), name);
    }
  else if (!trib_node_properties_check_parameter_value (value, &column, &error))
    {
      field = GTK_WIDGET (row_entry (row, VALUE_KEY));
      shown = *value ? caret_message (value, column, error->message) : g_strdup (error->message);
      problem = g_strdup_printf (_("Scheduling parameters: %s: %s"), name, error->message);
    }
  else
    g_hash_table_add (seen, (gpointer) name);

  gtk_widget_remove_css_class (GTK_WIDGET (row_entry (row, NAME_KEY)), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (row_entry (row, VALUE_KEY)), "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row_entry (row, NAME_KEY)), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row_entry (row, VALUE_KEY)), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (field)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _trib_node_properties_strip_section (problem), -1);
    }
  gtk_label_set_text (label, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (label), shown != NULL);
  return problem;
}

static gboolean
write_parameters (TribNodeProperties *self,
                  gpointer            data,
                  GError            **error)
{
  GPtrArray **lists = data;

  return trib_node_properties_set_parameters (self->workflow, self->node_id,
                                              (const char * const *) lists[0]->pdata,
                                              (const char * const *) lists[1]->pdata, NULL, NULL, error);
}

static void
params_changed (TribNodeProperties *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *lists[2] = { names, values };

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;

  g_clear_pointer (&self->params_problems, g_ptr_array_unref);
  self->params_problems = g_ptr_array_new_with_free_func (g_free);
  rows = list_rows (self);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      char *problem;

      /* A row just added and still empty is neither written nor a problem. */
      if (*row_text (row, NAME_KEY) == '\0' && *row_text (row, VALUE_KEY) == '\0')
        {
          gtk_widget_set_visible (GTK_WIDGET (row_label (row, ERROR_KEY)), FALSE);
          name_row_controls (row, i);
          continue;
        }
      problem = check_row (row, seen, i);
      if (problem)
        g_ptr_array_add (self->params_problems, problem);
      g_ptr_array_add (names, (gpointer) row_text (row, NAME_KEY));
      g_ptr_array_add (values, (gpointer) row_text (row, VALUE_KEY));
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);

  if (self->params_problems->len == 0 &&
      !_trib_node_properties_apply (self, TRIB_PROPS_PARAMS, write_parameters, lists, &error))
    g_ptr_array_add (self->params_problems, g_strdup (error->message));
  _trib_node_properties_update_problems (self);
  _trib_node_properties_params_refresh_resolved (self);
}

void
_trib_node_properties_params_load (TribNodeProperties *self,
                                   gboolean            force)
{
  TribNode *node = _trib_node_properties_get_node (self);
  g_autoptr(GString) sig = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  if (node == NULL)
    return;
  n = trib_node_get_n_parameters (node);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sig, "%s\x1f%s\x1e", trib_node_get_parameter_name (node, i),
                            trib_node_get_parameter_value (node, i));
  if (!_trib_node_properties_take_sig (self, TRIB_PROPS_PARAMS, &self->params_sig, sig->str, force))
    return;

  self->loading = TRUE;
  rows = list_rows (self);
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (self->params_list, rows->pdata[i]);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = new_row (self, trib_node_get_parameter_name (node, i), trib_node_get_parameter_value (node, i));

      gtk_list_box_append (self->params_list, row);
      name_row_controls (row, i);
    }
  self->loading = FALSE;
  g_clear_pointer (&self->params_problems, g_ptr_array_unref);
  _trib_node_properties_update_problems (self);
}

static char *
bizdate_text (TribNodeProperties *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->bizdate_row))));
}

void
_trib_node_properties_params_refresh_resolved (TribNodeProperties *self)
{
  g_autoptr(GTimeZone) zone = _trib_node_properties_dup_zone (self);
  g_autoptr(TribParamContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *bizdate = bizdate_text (self);

  if (_trib_node_properties_get_node (self) == NULL)
    return;
  context = trib_node_properties_new_context (self->workflow, self->node_id, zone, bizdate, &error);
  if (context == NULL)
    {
      /* Not a problem of the document: the date only chooses what to show. */
      _trib_node_properties_show_error (GTK_WIDGET (self->bizdate_row), self->bizdate_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->bizdate_label), "error");
    }
  else
    {
      g_autoptr(GDateTime) cyctime = trib_param_context_get_cyctime (context)
                                       ? g_date_time_ref (trib_param_context_get_cyctime (context)) : NULL;
      g_autofree char *when = g_date_time_format (cyctime, "%Y-%m-%d %H:%M");
      g_autofree char *text = NULL;
      const char *zone_name = trib_workspace_get_timezone_name (self->workspace);

      _trib_node_properties_show_error (GTK_WIDGET (self->bizdate_row), self->bizdate_label, NULL);
      /* Translators: the scheduled time of the run for the chosen business date. */
      text = g_strdup_printf (_("Its run is scheduled at %s (%s)"), when, zone_name ? zone_name : _("local time"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->bizdate_label), "error");
      gtk_label_set_text (self->bizdate_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->bizdate_label), TRUE);
    }

  rows = list_rows (self);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      GtkLabel *label = row_label (row, RESOLVED_KEY);
      g_autofree char *value = NULL;
      g_autofree char *text = NULL;

      if (context == NULL || gtk_widget_get_visible (GTK_WIDGET (row_label (row, ERROR_KEY))) ||
          *row_text (row, VALUE_KEY) == '\0')
        {
          gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
          continue;
        }
      value = trib_param_evaluate (row_text (row, VALUE_KEY), context, NULL);
      if (value == NULL)
        {
          gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
          continue;
        }
      /* Translators: what a scheduling parameter's value becomes, e.g. "→ 20240807". */
      text = g_strdup_printf (_("→ %s"), value);
      gtk_label_set_text (label, text);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
    }
}

static void
bizdate_changed (TribNodeProperties *self)
{
  g_autofree char *text = bizdate_text (self);
  TribCivilTime date;

  if (self->loading)
    return;
  if (trib_civil_parse_date (text, &date))
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (date.year, date.month, date.day, 12, 0, 0);

      self->loading = TRUE;
      if (day)
        gtk_calendar_select_day (self->bizdate_calendar, day);
      self->loading = FALSE;
    }
  _trib_node_properties_params_refresh_resolved (self);
}

static void
calendar_day_selected (TribNodeProperties *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  day = gtk_calendar_get_date (self->bizdate_calendar);
  text = g_date_time_format (day, "%Y%m%d");
  gtk_editable_set_text (GTK_EDITABLE (self->bizdate_row), text);
  gtk_menu_button_popdown (self->bizdate_button);
}

static void
add_parameter (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (widget);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *row;

  self->loading = TRUE;
  row = new_row (self, NULL, NULL);
  gtk_list_box_append (self->params_list, row);
  self->loading = FALSE;
  rows = list_rows (self);
  name_row_controls (row, rows->len - 1);
  gtk_widget_grab_focus (GTK_WIDGET (row_entry (row, NAME_KEY)));
}

void
_trib_node_properties_params_init (TribNodeProperties *self)
{
  g_autoptr(GTimeZone) zone = _trib_node_properties_dup_zone (self);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *text = g_date_time_format (yesterday, "%Y%m%d");
  GtkWidget *placeholder = gtk_label_new (_("No parameters"));

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->params_list, placeholder);

  /* The default business date is yesterday's, the one today's run works on. */
  gtk_editable_set_text (GTK_EDITABLE (self->bizdate_row), text);
  g_signal_connect_swapped (self->bizdate_row, "changed", G_CALLBACK (bizdate_changed), self);
  g_signal_connect_swapped (self->bizdate_calendar, "day-selected", G_CALLBACK (calendar_day_selected), self);
  bizdate_changed (self);
}

void
_trib_node_properties_params_flush (TribNodeProperties *self)
{
  params_changed (self);
}

void
_trib_node_properties_params_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "props.add-parameter", NULL, add_parameter);
}
