/* trib-workflow-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-workflow-page.h"

struct _TribWorkflowPage
{
  GtkWidget            parent_instance;

  TribWorkflow        *workflow;

  AdwPreferencesPage  *page;
  AdwPreferencesGroup *overview_group;
  AdwActionRow        *file_row;
  AdwActionRow        *schedule_row;
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *nodes_group;
  AdwPreferencesGroup *dependencies_group;
};

G_DEFINE_FINAL_TYPE (TribWorkflowPage, trib_workflow_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKFLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
new_row (const char *title,
         const char *subtitle,
         const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  return row;
}

static char *
describe_node (TribNode *node)
{
  GString *text = g_string_new (trib_node_kind_get_label (trib_node_get_kind (node)));
  guint n = trib_node_get_n_parameters (node);

  if (trib_node_get_kind (node) == TRIB_NODE_KIND_UNKNOWN && trib_node_get_command (node))
    g_string_append_printf (text, " (%s)", trib_node_get_command (node));

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, " · %s=%s",
                            trib_node_get_parameter_name (node, i),
                            trib_node_get_parameter_value (node, i));

  if (trib_node_get_cron (node))
    g_string_append_printf (text, " · %s", trib_node_get_cron (node));
  if (trib_node_get_datasource (node))
    g_string_append_printf (text, " · %s", trib_node_get_datasource (node));
  return g_string_free (text, FALSE);
}

static const char *
schedule_of (TribWorkflow *workflow)
{
  GListModel *nodes = trib_workflow_get_nodes (workflow);

  /* Downstream nodes inherit their time from the start node; show the first cron. */
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      if (trib_node_get_cron (node))
        return trib_node_get_cron (node);
    }
  return NULL;
}

static void
populate (TribWorkflowPage *self)
{
  GListModel *nodes = trib_workflow_get_nodes (self->workflow);
  GListModel *dependencies = trib_workflow_get_dependencies (self->workflow);
  GListModel *diagnostics = trib_workflow_get_diagnostics (self->workflow);
  const char *description;
  const char *cron;

  adw_preferences_group_set_title (self->overview_group, trib_workflow_get_name (self->workflow));
  description = NULL;
  if (trib_workflow_get_json (self->workflow) && JSON_NODE_HOLDS_OBJECT (trib_workflow_get_json (self->workflow)))
    description = trib_json_object_get_string (
                    trib_json_object_get_object (json_node_get_object (trib_workflow_get_json (self->workflow)),
                                                 "metadata"),
                    "description", NULL);
  adw_preferences_group_set_description (self->overview_group, description);
  adw_action_row_set_subtitle (self->file_row, trib_workflow_get_display_path (self->workflow));
  cron = schedule_of (self->workflow);
  adw_action_row_set_subtitle (self->schedule_row, cron ? cron : _("Not scheduled"));

  for (guint i = 0; i < g_list_model_get_n_items (diagnostics); i++)
    {
      g_autoptr(TribDiagnostic) d = g_list_model_get_item (diagnostics, i);
      g_autofree char *text = trib_diagnostic_to_string (d);
      GtkWidget *row = new_row (text, NULL, "dialog-warning-symbolic");

      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->problems_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), g_list_model_get_n_items (diagnostics) > 0);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_autofree char *subtitle = describe_node (node);
      GtkWidget *row = new_row (trib_node_get_display_name (node), subtitle,
                                trib_node_kind_get_icon_name (trib_node_get_kind (node)));

      if (trib_node_get_description (node))
        gtk_widget_set_tooltip_text (row, trib_node_get_description (node));
      adw_preferences_group_add (self->nodes_group, row);
    }
  if (g_list_model_get_n_items (nodes) == 0)
    adw_preferences_group_set_description (self->nodes_group, _("This workflow has no nodes."));

  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr(TribDependency) dep = g_list_model_get_item (dependencies, i);
      TribNode *to = trib_workflow_lookup_node (self->workflow, trib_dependency_get_node_id (dep));
      const char *upstream_id = trib_dependency_get_upstream_id (dep);
      TribNode *from = upstream_id ? trib_workflow_lookup_node (self->workflow, upstream_id) : NULL;
      g_autofree char *title = NULL;

      title = g_strdup_printf ("%s → %s",
                               from ? trib_node_get_display_name (from) :
                               (trib_dependency_get_output (dep) ? trib_dependency_get_output (dep) : upstream_id),
                               to ? trib_node_get_display_name (to) : trib_dependency_get_node_id (dep));
      adw_preferences_group_add (self->dependencies_group,
                                 new_row (title, trib_dependency_get_dependency_type (dep), NULL));
    }
  if (g_list_model_get_n_items (dependencies) == 0)
    adw_preferences_group_set_description (self->dependencies_group, _("No node depends on another."));
}

static void
trib_workflow_page_dispose (GObject *object)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_WORKFLOW_PAGE);
  /* A plain GtkWidget does not drop its children itself. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (trib_workflow_page_parent_class)->dispose (object);
}

static void
trib_workflow_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      g_value_set_object (value, self->workflow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_workflow_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      self->workflow = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_workflow_page_constructed (GObject *object)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (object);

  G_OBJECT_CLASS (trib_workflow_page_parent_class)->constructed (object);

  if (self->workflow)
    populate (self);
}

static void
trib_workflow_page_class_init (TribWorkflowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_workflow_page_dispose;
  object_class->get_property = trib_workflow_page_get_property;
  object_class->set_property = trib_workflow_page_set_property;
  object_class->constructed = trib_workflow_page_constructed;

  properties[PROP_WORKFLOW] =
    g_param_spec_object ("workflow", NULL, NULL, TRIB_TYPE_WORKFLOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-workflow-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, page);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, overview_group);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, nodes_group);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, dependencies_group);
}

static void
trib_workflow_page_init (TribWorkflowPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
trib_workflow_page_new (TribWorkflow *workflow)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  return g_object_new (TRIB_TYPE_WORKFLOW_PAGE, "workflow", workflow, NULL);
}

TribWorkflow *
trib_workflow_page_get_workflow (TribWorkflowPage *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW_PAGE (self), NULL);
  return self->workflow;
}
