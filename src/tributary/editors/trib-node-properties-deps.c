/* trib-node-properties-deps.c: the Dependencies and Outputs sections: what the node
 * waits for (the same list as the lines drawn into it on the canvas), added by choosing
 * a node or by typing an output with completion; and the output names it publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-node-properties-private.h"

#define OUTPUT_ENTRY_KEY "trib-output-entry"
#define OUTPUT_ERROR_KEY "trib-output-error"

/* Who publishes an output, for showing a dependency by its node's name. */
static char *
describe_output (TribNodeProperties *self,
                 const char         *output,
                 gboolean           *is_root)
{
  GListModel *workflows = trib_workspace_get_workflows (self->workspace);
  g_autofree char *root = trib_workspace_dup_root_output (self->workspace);

  *is_root = g_strcmp0 (output, root) == 0;
  if (*is_root)
    return g_strdup (_("Workspace root"));
  for (guint w = 0; w < g_list_model_get_n_items (workflows); w++)
    {
      g_autoptr(TribWorkflow) wf = g_list_model_get_item (workflows, w);
      GListModel *nodes = trib_workflow_get_nodes (wf);

      for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
        {
          g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
          g_auto(GStrv) outputs = trib_node_dup_outputs (node);

          if ((outputs == NULL || !g_strv_contains ((const char * const *) outputs, output)) &&
              !(wf == self->workflow && g_strcmp0 (trib_node_get_id (node), output) == 0))
            continue;
          if (wf == self->workflow)
            return g_strdup (trib_node_get_display_name (node));
          /* Translators: a node of another workflow: "node (workflow)". */
          return g_strdup_printf (_("%s (%s)"), trib_node_get_display_name (node), trib_workflow_get_name (wf));
        }
    }
  return g_strdup (output);
}

static void
show_upstream_error (TribNodeProperties *self,
                     const char         *message)
{
  g_free (self->deps_problem);
  self->deps_problem = message ? g_strdup (message) : NULL;
  _trib_node_properties_show_error (GTK_WIDGET (self->upstream_entry), self->upstream_error,
                                    message ? _trib_node_properties_strip_section (message) : NULL);
  _trib_node_properties_update_problems (self);
}

static gboolean
write_upstreams (TribNodeProperties *self,
                 gpointer            data,
                 GError            **error)
{
  return trib_node_properties_set_upstreams (self->workspace, self->workflow, self->node_id,
                                             (const char * const *) data, error);
}

/* Sets the list; returns the refusal, shown by the caller. */
static gboolean
apply_upstreams (TribNodeProperties *self,
                 GStrv               upstreams,
                 GError            **error)
{
  return _trib_node_properties_apply (self, TRIB_PROPS_DEPS, write_upstreams, upstreams, error);
}

static void
remove_upstream_clicked (GtkButton          *button,
                         TribNodeProperties *self)
{
  const char *output = g_object_get_data (G_OBJECT (button), "trib-output");
  g_auto(GStrv) current = trib_node_properties_dup_upstreams (self->workflow, self->node_id);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) upstreams = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; current && current[i]; i++)
    if (g_strcmp0 (current[i], output) != 0)
      g_strv_builder_add (builder, current[i]);
  upstreams = g_strv_builder_end (builder);
  if (!apply_upstreams (self, upstreams, &error))
    show_upstream_error (self, error->message);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->upstream_entry));
}

static void
add_upstream (TribNodeProperties *self,
              const char         *output)
{
  g_auto(GStrv) current = trib_node_properties_dup_upstreams (self->workflow, self->node_id);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) upstreams = NULL;
  g_autoptr(GError) error = NULL;

  g_strv_builder_addv (builder, (const char **) current);
  g_strv_builder_add (builder, output);
  upstreams = g_strv_builder_end (builder);
  if (!apply_upstreams (self, upstreams, &error))
    {
      g_autofree char *text = g_strdup (output);

      /* The refused name stays in the entry, with the reason under it. */
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->upstream_entry), text);
      self->loading = FALSE;
      show_upstream_error (self, error->message);
      return;
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->upstream_entry), "");
  self->loading = FALSE;
  show_upstream_error (self, NULL);
}

static void
add_upstream_typed (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (widget);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->upstream_entry))));

  if (*text == '\0')
    {
      g_autofree char *problem = g_strdup_printf (_("Dependencies: %s"), _("enter an output name, such as workspace.node"));

      show_upstream_error (self, problem);
      return;
    }
  add_upstream (self, text);
}

static void
add_upstream_chosen (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  add_upstream (TRIB_NODE_PROPERTIES (widget), g_variant_get_string (parameter, NULL));
}

static void
upstream_entry_activated (TribNodeProperties *self)
{
  add_upstream_typed (GTK_WIDGET (self), NULL, NULL);
}

static void
upstream_entry_changed (TribNodeProperties *self)
{
  /* Typing again, or clearing the entry, withdraws the last refusal. */
  if (!self->loading && self->deps_problem)
    show_upstream_error (self, NULL);
}

/* The menu of nodes to choose and the completion of typed outputs. */
static void
refresh_candidates (TribNodeProperties *self)
{
  g_auto(GStrv) candidates = trib_node_properties_dup_output_candidates (self->workspace, self->workflow,
                                                                          self->node_id);
  g_auto(GStrv) current = trib_node_properties_dup_upstreams (self->workflow, self->node_id);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkEntryCompletion *completion = gtk_entry_get_completion (self->upstream_entry);
  GtkListStore *store = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));

  gtk_list_store_clear (store);
  for (guint i = 0; candidates && candidates[i]; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      gboolean is_root;

      gtk_list_store_insert_with_values (store, NULL, -1, 0, candidates[i], -1);
      if (current && g_strv_contains ((const char * const *) current, candidates[i]))
        continue;
      label = describe_output (self, candidates[i], &is_root);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "props.add-upstream", "s", candidates[i]);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->upstream_menu_button, G_MENU_MODEL (menu));
}

void
_trib_node_properties_deps_load (TribNodeProperties *self,
                                 gboolean            force)
{
  g_auto(GStrv) upstreams = trib_node_properties_dup_upstreams (self->workflow, self->node_id);
  g_autofree char *sig = g_strjoinv ("\x1f", upstreams);
  GtkWidget *child;

  refresh_candidates (self);
  /* The list shows only the document (no typing in it): rebuilt whenever that changes. */
  if (g_strcmp0 (self->deps_sig, sig) == 0 && !force)
    return;
  g_free (self->deps_sig);
  self->deps_sig = g_strdup (sig);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->upstream_list))) != NULL)
    gtk_list_box_remove (self->upstream_list, child);
  for (guint i = 0; upstreams && upstreams[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *title = NULL;
      g_autofree char *remove_label = NULL;
      gboolean is_root;

      title = describe_output (self, upstreams[i], &is_root);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), upstreams[i]);
      if (is_root)
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "go-top-symbolic");
      /* Translators: the accessible name of the button that removes a dependency. */
      remove_label = g_strdup_printf (_("Remove the dependency on %s"), title);
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      /* The root alone stands for "nothing upstream": removing it would put it back. */
      gtk_widget_set_sensitive (remove, !(is_root && g_strv_length (upstreams) == 1));
      g_object_set_data_full (G_OBJECT (remove), "trib-output", g_strdup (upstreams[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_upstream_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->upstream_list, row);
    }
}

/* Outputs ----------------------------------------------------------------------------- */

static GPtrArray *
output_rows (TribNodeProperties *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->outputs_list)); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), OUTPUT_ERROR_KEY) != NULL)
      g_ptr_array_add (rows, child);
  return rows;
}

static gboolean
write_outputs (TribNodeProperties *self,
               gpointer            data,
               GError            **error)
{
  return trib_node_properties_set_outputs (self->workspace, self->workflow, self->node_id,
                                           (const char * const *) data, error);
}

/* Checks every row and writes the list; @skip (a row being removed) is left out. A
 * refusal is shown at @at, or at the row it names. */
static gboolean
outputs_apply (TribNodeProperties *self,
               GtkWidget          *at,
               GtkWidget          *skip)
{
  g_autoptr(GPtrArray) rows = output_rows (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_clear_pointer (&self->outputs_problems, g_ptr_array_unref);
  self->outputs_problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

      _trib_node_properties_show_error (row, g_object_get_data (G_OBJECT (row), OUTPUT_ERROR_KEY), NULL);
      if (row == skip || *text == '\0')
        continue;
      if (!trib_node_properties_check_output_name (text, &error))
        {
          g_autofree char *problem = g_strdup_printf (_("Outputs: %s"), error->message);

          _trib_node_properties_show_error (row, g_object_get_data (G_OBJECT (row), OUTPUT_ERROR_KEY), error->message);
          g_ptr_array_add (self->outputs_problems, g_steal_pointer (&problem));
          g_clear_error (&error);
          ok = FALSE;
        }
      g_ptr_array_add (names, (gpointer) text);
    }
  g_ptr_array_add (names, NULL);
  if (ok && !_trib_node_properties_apply (self, TRIB_PROPS_OUTPUTS, write_outputs, names->pdata, &error))
    {
      GtkWidget *row = at ? at : (rows->len ? rows->pdata[0] : NULL);

      if (row)
        _trib_node_properties_show_error (row, g_object_get_data (G_OBJECT (row), OUTPUT_ERROR_KEY),
                                          _trib_node_properties_strip_section (error->message));
      g_ptr_array_add (self->outputs_problems, g_strdup (error->message));
      ok = FALSE;
    }
  _trib_node_properties_update_problems (self);
  return ok;
}

static void
output_changed (GtkEditable        *row,
                TribNodeProperties *self)
{
  if (!self->loading)
    outputs_apply (self, GTK_WIDGET (row), NULL);
}

static void
remove_output_clicked (GtkButton *button,
                       GtkWidget *row)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (gtk_widget_get_ancestor (row, TRIB_TYPE_NODE_PROPERTIES));
  GtkWidget *error_row = gtk_widget_get_parent (g_object_get_data (G_OBJECT (row), OUTPUT_ERROR_KEY));

  /* Removed only when the document takes it (a name someone depends on stays). */
  if (!outputs_apply (self, row, row))
    return;
  gtk_list_box_remove (self->outputs_list, error_row);
  gtk_list_box_remove (self->outputs_list, row);
}

static GtkWidget *
append_output_row (TribNodeProperties *self,
                   const char         *name,
                   guint               position)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkLabel *error = NULL;
  GtkWidget *error_row = _trib_node_properties_new_error_row (&error);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), position == 0 ? _("Default Output") : _("Output"));
  gtk_editable_set_text (GTK_EDITABLE (row), name ? name : "");
  g_object_set_data (G_OBJECT (row), OUTPUT_ERROR_KEY, error);
  if (position > 0)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove output %u"), position + 1);

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_output_clicked), row);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
    }
  _trib_node_properties_label_row (row);
  g_signal_connect (row, "changed", G_CALLBACK (output_changed), self);
  gtk_list_box_append (self->outputs_list, row);
  gtk_list_box_append (self->outputs_list, error_row);
  return row;
}

void
_trib_node_properties_outputs_load (TribNodeProperties *self,
                                    gboolean            force)
{
  TribNode *node = _trib_node_properties_get_node (self);
  g_auto(GStrv) outputs = NULL;
  g_autofree char *sig = NULL;
  GtkWidget *child;

  if (node == NULL)
    return;
  outputs = trib_node_dup_outputs (node);
  sig = outputs ? g_strjoinv ("\x1f", outputs) : g_strdup ("");
  if (!_trib_node_properties_take_sig (self, TRIB_PROPS_OUTPUTS, &self->outputs_sig, sig, force))
    return;

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outputs_list))) != NULL)
    gtk_list_box_remove (self->outputs_list, child);
  for (guint i = 0; outputs && outputs[i]; i++)
    append_output_row (self, outputs[i], i);
  self->loading = FALSE;
  g_clear_pointer (&self->outputs_problems, g_ptr_array_unref);
  _trib_node_properties_update_problems (self);
}

static void
add_output (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TribNodeProperties *self = TRIB_NODE_PROPERTIES (widget);
  g_autoptr(GPtrArray) rows = output_rows (self);
  GtkWidget *row;

  self->loading = TRUE;
  row = append_output_row (self, NULL, rows->len);
  self->loading = FALSE;
  gtk_widget_grab_focus (row);
}

void
_trib_node_properties_deps_init (TribNodeProperties *self)
{
  g_autoptr(GtkListStore) store = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_popup_completion (completion, TRUE);
  gtk_entry_set_completion (self->upstream_entry, completion);
  g_signal_connect_swapped (self->upstream_entry, "changed", G_CALLBACK (upstream_entry_changed), self);
  g_signal_connect_swapped (self->upstream_entry, "activate", G_CALLBACK (upstream_entry_activated), self);
}

void
_trib_node_properties_deps_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "props.add-upstream-typed", NULL, add_upstream_typed);
  gtk_widget_class_install_action (widget_class, "props.add-upstream", "s", add_upstream_chosen);
  gtk_widget_class_install_action (widget_class, "props.add-output", NULL, add_output);
}
