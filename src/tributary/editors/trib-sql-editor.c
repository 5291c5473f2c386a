/* trib-sql-editor.c
 *
 * What is typed is written to the workflow after a short pause (and at once before a
 * save), so a burst of typing is one edit and one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-code-editor.h"
#include "trib-sql-editor.h"

#define APPLY_DELAY_MS 300

struct _TribSqlEditor
{
  GtkWidget       parent_instance;

  GtkDropDown    *data_source_dropdown;
  GtkLabel       *statements_label;
  TribCodeEditor *code_editor;
  GtkRevealer    *warnings_revealer;
  GtkLabel       *warnings_label;

  TribWorkspace  *workspace;
  TribWorkflow   *workflow;
  char           *node_id;
  GtkStringList  *data_sources;
  guint           apply_source;
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (TribSqlEditor, trib_sql_editor, GTK_TYPE_WIDGET)

static TribNode *
lookup_node (TribSqlEditor *self)
{
  return trib_workflow_lookup_node (self->workflow, self->node_id);
}

/* What the script will do -------------------------------------------------------------- */

static void
update_statement_count (TribSqlEditor *self,
                        const char    *text)
{
  g_autoptr(GPtrArray) statements = trib_hs2_split_statements (text);
  g_autofree char *label = NULL;

  if (statements->len == 0)
    label = g_strdup (_("No statements to run"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statement will run",
                                          "%u statements will run", statements->len),
                             statements->len);
  gtk_label_set_text (self->statements_label, label);
}

/* Flags each ${name} the node does not define, at its place and in the list below. */
static void
update_parameter_warnings (TribSqlEditor *self,
                           const char    *text)
{
  TribNode *node = lookup_node (self);
  g_autoptr(GString) warnings = g_string_new (NULL);
  const char *p = text;
  guint line = 1;

  trib_code_editor_clear_underlines (self->code_editor);
  for (; node && *p; p++)
    {
      const char *end;
      g_autofree char *name = NULL;

      if (*p == '\n')
        line++;
      if (p[0] == '$' && p[1] == '$' && p[2] == '{')
        {
          p += 2;     /* "$${" is a literal "${" */
          continue;
        }
      if (p[0] != '$' || p[1] != '{' || (end = strchr (p + 2, '}')) == NULL || memchr (p, '\n', end - p))
        continue;
      name = g_strndup (p + 2, end - p - 2);
      if (trib_node_lookup_parameter (node, name) == NULL)
        {
          glong start = g_utf8_pointer_to_offset (text, p);

          trib_code_editor_underline (self->code_editor, (int) start,
                                      (int) (start + g_utf8_pointer_to_offset (p, end + 1)));
          if (warnings->len)
            g_string_append_c (warnings, '\n');
          g_string_append_printf (warnings,
                                  _("Line %u: ${%s} is not a scheduling parameter of this node; add it under Properties → Scheduling Parameters"),
                                  line, name);
        }
      p = end;
    }

  gtk_label_set_text (self->warnings_label, warnings->str);
  gtk_revealer_set_reveal_child (self->warnings_revealer, warnings->len > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (trib_code_editor_get_view (self->code_editor)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warnings->str, -1);
}

static void
update_analysis (TribSqlEditor *self)
{
  g_autofree char *text = trib_code_editor_dup_text (self->code_editor);

  update_statement_count (self, text);
  update_parameter_warnings (self, text);
}

/* Writing to the workflow --------------------------------------------------------------- */

static void
apply_text (TribSqlEditor *self)
{
  g_autofree char *text = trib_code_editor_dup_text (self->code_editor);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->apply_source, g_source_remove);
  if (lookup_node (self) == NULL)
    return;
  self->syncing = TRUE;
  if (!trib_workflow_set_node_content (self->workflow, self->node_id, text, &error))
    g_warning ("%s", error->message);
  self->syncing = FALSE;
}

static gboolean
apply_timeout_cb (gpointer data)
{
  TribSqlEditor *self = data;

  self->apply_source = 0;
  apply_text (self);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (TribSqlEditor *self)
{
  update_analysis (self);
  if (trib_code_editor_is_loading (self->code_editor))
    return;
  g_clear_handle_id (&self->apply_source, g_source_remove);
  self->apply_source = g_timeout_add (APPLY_DELAY_MS, apply_timeout_cb, self);
}

static void
data_source_selected_cb (TribSqlEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->data_source_dropdown);
  const char *name;
  g_autoptr(GError) error = NULL;
  TribDataSource *source;

  if (self->syncing || position == GTK_INVALID_LIST_POSITION)
    return;
  name = gtk_string_list_get_string (self->data_sources, position);
  if (lookup_node (self) == NULL || g_strcmp0 (name, trib_node_get_datasource (lookup_node (self))) == 0)
    return;
  source = trib_workspace_lookup_data_source (self->workspace, name);
  self->syncing = TRUE;
  if (!trib_workflow_set_node_datasource (self->workflow, self->node_id, name,
                                          source ? trib_data_source_get_kind_name (source) : NULL, &error))
    g_warning ("%s", error->message);
  self->syncing = FALSE;
}

/* Reading from the workflow ------------------------------------------------------------- */

static void
load_data_sources (TribSqlEditor *self,
                   const char    *current)
{
  GListModel *sources = trib_workspace_get_data_sources (self->workspace);
  guint selected = GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TribDataSource) source = g_list_model_get_item (sources, i);

      if (trib_data_source_get_kind (source) != TRIB_DATA_SOURCE_KIND_KYUUBI)
        continue;
      if (g_strcmp0 (trib_data_source_get_name (source), current) == 0)
        selected = names->len;
      g_ptr_array_add (names, (gpointer) trib_data_source_get_name (source));
    }
  /* A data source the workspace does not define is still shown, so nothing is lost. */
  if (current && selected == GTK_INVALID_LIST_POSITION)
    {
      selected = names->len;
      g_ptr_array_add (names, (gpointer) current);
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->data_sources, 0, g_list_model_get_n_items (G_LIST_MODEL (self->data_sources)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->data_source_dropdown, selected);
}

static void
sync_from_document (TribSqlEditor *self)
{
  TribNode *node = lookup_node (self);

  if (node == NULL || self->syncing)
    return;
  self->syncing = TRUE;
  load_data_sources (self, trib_node_get_datasource (node));
  /* Typing not yet applied wins over the document; otherwise an undo shows here. */
  if (self->apply_source == 0)
    trib_code_editor_set_text (self->code_editor, trib_node_get_content (node));
  self->syncing = FALSE;
  update_analysis (self);
}

/* Public ------------------------------------------------------------------------------- */

GStrv
trib_sql_editor_dup_problems (TribSqlEditor *self)
{
  g_return_val_if_fail (TRIB_IS_SQL_EDITOR (self), NULL);
  return g_new0 (char *, 1);
}

void
trib_sql_editor_flush (TribSqlEditor *self)
{
  g_return_if_fail (TRIB_IS_SQL_EDITOR (self));
  if (self->apply_source != 0)
    apply_text (self);
}

char *
trib_sql_editor_dup_summary (TribSqlEditor *self)
{
  const char *warnings;

  g_return_val_if_fail (TRIB_IS_SQL_EDITOR (self), NULL);
  warnings = gtk_label_get_text (self->warnings_label);
  return g_strconcat (gtk_label_get_text (self->statements_label), *warnings ? "\n" : "", warnings, NULL);
}

static void
trib_sql_editor_dispose (GObject *object)
{
  TribSqlEditor *self = TRIB_SQL_EDITOR (object);

  /* Closing the tab keeps what was typed. */
  if (self->apply_source != 0 && self->workflow)
    apply_text (self);
  if (self->workflow)
    g_signal_handlers_disconnect_by_data (self->workflow, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_SQL_EDITOR);
  /* The template's unnamed children too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->workflow);
  g_clear_object (&self->workspace);
  g_clear_object (&self->data_sources);

  G_OBJECT_CLASS (trib_sql_editor_parent_class)->dispose (object);
}

static void
trib_sql_editor_finalize (GObject *object)
{
  TribSqlEditor *self = TRIB_SQL_EDITOR (object);

  g_free (self->node_id);

  G_OBJECT_CLASS (trib_sql_editor_parent_class)->finalize (object);
}

static void
trib_sql_editor_class_init (TribSqlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_sql_editor_dispose;
  object_class->finalize = trib_sql_editor_finalize;

  g_type_ensure (TRIB_TYPE_CODE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-sql-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TribSqlEditor, data_source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TribSqlEditor, statements_label);
  gtk_widget_class_bind_template_child (widget_class, TribSqlEditor, code_editor);
  gtk_widget_class_bind_template_child (widget_class, TribSqlEditor, warnings_revealer);
  gtk_widget_class_bind_template_child (widget_class, TribSqlEditor, warnings_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trib-sql-editor");
}

static void
trib_sql_editor_init (TribSqlEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  trib_code_editor_set_language (self->code_editor, "sql");
  trib_code_editor_set_accessible_label (self->code_editor, _("SQL"));
  self->data_sources = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->data_source_dropdown, G_LIST_MODEL (self->data_sources));
}

GtkWidget *
trib_sql_editor_new (TribWorkspace *workspace,
                     TribWorkflow  *workflow,
                     const char    *node_id)
{
  TribSqlEditor *self;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);

  self = g_object_new (TRIB_TYPE_SQL_EDITOR, NULL);
  self->workspace = g_object_ref (workspace);
  self->workflow = g_object_ref (workflow);
  self->node_id = g_strdup (node_id);
  sync_from_document (self);

  g_signal_connect_object (trib_code_editor_get_buffer (self->code_editor), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->data_source_dropdown, "notify::selected",
                           G_CALLBACK (data_source_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workflow, "changed", G_CALLBACK (sync_from_document), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
