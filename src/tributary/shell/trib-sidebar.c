/* trib-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-sidebar.h"

struct _TribSidebar
{
  GtkWidget       parent_instance;

  TribWorkspace  *workspace;
  GtkSortListModel *sorted_data_sources;

  GtkListBox     *workflows_list;
  GtkListBox     *data_sources_list;
  /* Ad hoc queries (query/) */
  GtkListBox     *queries_list;
  TribQueryStore *queries;

  /* name -> Status, so a row made again (after an edit) keeps its dot */
  GHashTable     *statuses;
};

typedef struct
{
  TribSidebarStatus  status;
  char              *tooltip;
} Status;

static void
status_free (gpointer data)
{
  Status *status = data;

  g_free (status->tooltip);
  g_free (status);
}

G_DEFINE_FINAL_TYPE (TribSidebar, trib_sidebar, GTK_TYPE_WIDGET)

static GStrv dup_titles (GtkListBox *list);

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

enum {
  WORKFLOW_ACTIVATED,
  DATA_SOURCE_ACTIVATED,
  QUERY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
row_box (const char *icon_name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_name (label, "title");
  gtk_box_append (GTK_BOX (labels), label);

  if (subtitle)
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (labels), sub);
    }

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), labels);
  return box;
}

static void
fill_workflow_row (GtkListBoxRow *row)
{
  TribWorkflow *workflow = g_object_get_data (G_OBJECT (row), "workflow");
  guint n_nodes = g_list_model_get_n_items (trib_workflow_get_nodes (workflow));
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node", "%u nodes", n_nodes), n_nodes);
  g_autofree char *title = NULL;
  GtkWidget *box;

  /* An unsaved workflow is marked as a GNOME editor marks an unsaved document. */
  title = trib_workflow_is_modified (workflow) ? g_strconcat ("• ", trib_workflow_get_name (workflow), NULL)
                                               : g_strdup (trib_workflow_get_name (workflow));
  box = row_box ("trib-workflow-symbolic", title, subtitle);
  if (!trib_workflow_is_valid (workflow))
    {
      GListModel *diagnostics = trib_workflow_get_diagnostics (workflow);
      g_autofree char *tooltip = trib_diagnostics_to_string (diagnostics);
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_tooltip_text (warning, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Has problems"), -1);
      gtk_box_append (GTK_BOX (box), warning);
    }
  gtk_list_box_row_set_child (row, box);
}

static GtkWidget *
create_workflow_row (gpointer item,
                     gpointer user_data)
{
  TribWorkflow *workflow = item;
  GtkWidget *row = gtk_list_box_row_new ();

  g_object_set_data_full (G_OBJECT (row), "workflow", g_object_ref (workflow), g_object_unref);
  fill_workflow_row (GTK_LIST_BOX_ROW (row));
  /* Edits on the canvas change the node count, the name and the saved state. */
  g_signal_connect_object (workflow, "changed", G_CALLBACK (fill_workflow_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (workflow, "notify::modified", G_CALLBACK (fill_workflow_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (workflow, "notify::valid", G_CALLBACK (fill_workflow_row), row, G_CONNECT_SWAPPED);
  return row;
}

static void
update_dot (TribSidebar *self,
            GtkWidget   *dot,
            const char  *name)
{
  Status *status = g_hash_table_lookup (self->statuses, name);

  gtk_widget_remove_css_class (dot, "success");
  gtk_widget_remove_css_class (dot, "error");
  gtk_widget_remove_css_class (dot, "dim-label");
  if (status == NULL || status->status == TRIB_SIDEBAR_STATUS_UNTESTED)
    {
      gtk_widget_add_css_class (dot, "dim-label");
      gtk_widget_set_tooltip_text (dot, _("Not tested yet"));
    }
  else
    {
      gtk_widget_add_css_class (dot, status->status == TRIB_SIDEBAR_STATUS_OK ? "success" : "error");
      gtk_widget_set_tooltip_text (dot, status->tooltip);
    }
}

static GtkWidget *
create_data_source_row (gpointer item,
                        gpointer user_data)
{
  TribSidebar *self = user_data;
  TribDataSource *ds = item;
  TribDataSourceKind kind = trib_data_source_get_kind (ds);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = row_box (trib_data_source_kind_get_icon_name (kind),
                            trib_data_source_get_name (ds),
                            trib_data_source_get_description (ds));
  GtkWidget *dot = gtk_label_new ("●");

  gtk_widget_add_css_class (dot, "trib-status-dot");
  update_dot (self, dot, trib_data_source_get_name (ds));
  gtk_box_append (GTK_BOX (box), dot);

  gtk_widget_set_tooltip_text (row, trib_data_source_kind_get_label (kind));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "data-source", g_object_ref (ds), g_object_unref);
  g_object_set_data (G_OBJECT (row), "dot", dot);
  return row;
}

void
trib_sidebar_set_data_source_status (TribSidebar       *self,
                                     const char        *name,
                                     TribSidebarStatus  status,
                                     const char        *tooltip)
{
  Status *entry;

  g_return_if_fail (TRIB_IS_SIDEBAR (self));
  g_return_if_fail (name != NULL);

  entry = g_new0 (Status, 1);
  entry->status = status;
  entry->tooltip = g_strdup (tooltip);
  g_hash_table_replace (self->statuses, g_strdup (name), entry);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->data_sources_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      TribDataSource *ds = g_object_get_data (G_OBJECT (row), "data-source");

      if (ds && g_strcmp0 (trib_data_source_get_name (ds), name) == 0)
        update_dot (self, g_object_get_data (G_OBJECT (row), "dot"), name);
    }
}

TribSidebarStatus
trib_sidebar_get_data_source_status (TribSidebar *self,
                                     const char  *name)
{
  Status *status;

  g_return_val_if_fail (TRIB_IS_SIDEBAR (self), TRIB_SIDEBAR_STATUS_UNTESTED);

  status = g_hash_table_lookup (self->statuses, name);
  return status ? status->status : TRIB_SIDEBAR_STATUS_UNTESTED;
}

/* Data sources are grouped by type under a small header. */
static void
data_source_header_func (GtkListBoxRow *row,
                         GtkListBoxRow *before,
                         gpointer       user_data)
{
  TribDataSource *ds = g_object_get_data (G_OBJECT (row), "data-source");
  TribDataSource *prev = before ? g_object_get_data (G_OBJECT (before), "data-source") : NULL;
  GtkWidget *header;

  if (prev && trib_data_source_get_kind (prev) == trib_data_source_get_kind (ds))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (trib_data_source_kind_get_label (trib_data_source_get_kind (ds)));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (header, "trib-sidebar-group");
  gtk_list_box_row_set_header (row, header);
}

static int
compare_data_sources (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  TribDataSource *da = (TribDataSource *) a;
  TribDataSource *db = (TribDataSource *) b;
  int kind_a = trib_data_source_get_kind (da);
  int kind_b = trib_data_source_get_kind (db);

  if (kind_a != kind_b)
    return kind_a < kind_b ? -1 : 1;
  return g_utf8_collate (trib_data_source_get_name (da), trib_data_source_get_name (db));
}

static void
workflow_row_activated_cb (TribSidebar   *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  TribWorkflow *workflow = g_object_get_data (G_OBJECT (row), "workflow");

  gtk_list_box_unselect_all (self->data_sources_list);
  g_signal_emit (self, signals[WORKFLOW_ACTIVATED], 0, workflow);
}

static void
data_source_row_activated_cb (TribSidebar   *self,
                              GtkListBoxRow *row,
                              GtkListBox    *list)
{
  TribDataSource *ds = g_object_get_data (G_OBJECT (row), "data-source");

  gtk_list_box_unselect_all (self->workflows_list);
  g_signal_emit (self, signals[DATA_SOURCE_ACTIVATED], 0, ds);
}

static GtkWidget *
create_query_row (gpointer item,
                  gpointer user_data)
{
  TribSavedQuery *query = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = row_box ("trib-spark-symbolic", trib_saved_query_get_name (query),
                            trib_saved_query_get_data_source (query));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "query", g_object_ref (query), g_object_unref);
  return row;
}

static void
query_row_activated_cb (TribSidebar   *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  gtk_list_box_unselect_all (self->workflows_list);
  gtk_list_box_unselect_all (self->data_sources_list);
  g_signal_emit (self, signals[QUERY_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "query"));
}

TribQueryStore *
trib_sidebar_get_query_store (TribSidebar *self)
{
  return self->queries;
}

GStrv
_trib_sidebar_dup_query_titles (TribSidebar *self)
{
  return dup_titles (self->queries_list);
}

static void
trib_sidebar_dispose (GObject *object)
{
  TribSidebar *self = TRIB_SIDEBAR (object);
  GtkWidget *child;

  g_clear_object (&self->workspace);
  g_clear_object (&self->sorted_data_sources);
  g_clear_object (&self->queries);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_SIDEBAR);
  /* A plain GtkWidget does not drop its children itself. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trib_sidebar_parent_class)->dispose (object);
}

static void
trib_sidebar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TribSidebar *self = TRIB_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_sidebar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TribSidebar *self = TRIB_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      trib_sidebar_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_sidebar_class_init (TribSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_sidebar_dispose;
  object_class->get_property = trib_sidebar_get_property;
  object_class->set_property = trib_sidebar_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TRIB_TYPE_WORKSPACE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WORKFLOW_ACTIVATED] =
    g_signal_new ("workflow-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TRIB_TYPE_WORKFLOW);
  signals[DATA_SOURCE_ACTIVATED] =
    g_signal_new ("data-source-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TRIB_TYPE_DATA_SOURCE);
  signals[QUERY_ACTIVATED] =
    g_signal_new ("query-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TRIB_TYPE_SAVED_QUERY);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tribsidebar");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TribSidebar, workflows_list);
  gtk_widget_class_bind_template_child (widget_class, TribSidebar, data_sources_list);
  gtk_widget_class_bind_template_child (widget_class, TribSidebar, queries_list);
}

static void
trib_sidebar_init (TribSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, status_free);
  gtk_list_box_set_header_func (self->data_sources_list, data_source_header_func, NULL, NULL);
  g_signal_connect_object (self->workflows_list, "row-activated",
                           G_CALLBACK (workflow_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->data_sources_list, "row-activated",
                           G_CALLBACK (data_source_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queries_list, "row-activated",
                           G_CALLBACK (query_row_activated_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
trib_sidebar_new (void)
{
  return g_object_new (TRIB_TYPE_SIDEBAR, NULL);
}

TribWorkspace *
trib_sidebar_get_workspace (TribSidebar *self)
{
  g_return_val_if_fail (TRIB_IS_SIDEBAR (self), NULL);
  return self->workspace;
}

void
trib_sidebar_set_workspace (TribSidebar   *self,
                            TribWorkspace *workspace)
{
  g_return_if_fail (TRIB_IS_SIDEBAR (self));
  g_return_if_fail (!workspace || TRIB_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  g_clear_object (&self->sorted_data_sources);
  g_clear_object (&self->queries);
  g_hash_table_remove_all (self->statuses);

  if (workspace)
    {
      GtkCustomSorter *sorter = gtk_custom_sorter_new (compare_data_sources, NULL, NULL);

      self->sorted_data_sources =
        gtk_sort_list_model_new (g_object_ref (trib_workspace_get_data_sources (workspace)),
                                 GTK_SORTER (sorter));
      gtk_list_box_bind_model (self->workflows_list, trib_workspace_get_workflows (workspace),
                               create_workflow_row, self, NULL);
      gtk_list_box_bind_model (self->data_sources_list, G_LIST_MODEL (self->sorted_data_sources),
                               create_data_source_row, self, NULL);
      self->queries = trib_query_store_new (trib_workspace_get_directory (workspace));
      gtk_list_box_bind_model (self->queries_list, G_LIST_MODEL (self->queries), create_query_row, self, NULL);
    }
  else
    {
      gtk_list_box_bind_model (self->queries_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->workflows_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->data_sources_list, NULL, NULL, NULL, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static GStrv
dup_titles (GtkListBox *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box, *labels, *title;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      labels = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
      title = gtk_widget_get_first_child (labels);
      g_strv_builder_add (builder, gtk_label_get_text (GTK_LABEL (title)));
    }
  return g_strv_builder_end (builder);
}

GStrv
_trib_sidebar_dup_workflow_titles (TribSidebar *self)
{
  return dup_titles (self->workflows_list);
}

GStrv
_trib_sidebar_dup_data_source_titles (TribSidebar *self)
{
  return dup_titles (self->data_sources_list);
}
