/* trib-node-page.c
 *
 * A node tab edits the workflow's document like the canvas does: through the workflow's
 * edit operations, on the workflow tab's undo stack, saved by the workflow's Save. It keeps
 * the node's id, never a TribNode, since every edit rebuilds the nodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-node-page.h"
#include "trib-node-properties.h"
#include "trib-sql-editor.h"
#include "trib-sync-editor.h"

struct _TribNodePage
{
  GtkWidget         parent_instance;

  GtkImage         *kind_icon;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkToggleButton  *properties_button;
  GtkPaned         *paned;
  GtkBox           *properties_box;

  TribWorkflowPage *owner;      /* weak: the workflow tab closes its node tabs first */
  TribWorkflow     *workflow;
  TribUndoStack    *undo;
  char             *node_id;
  char             *title;
  GtkWidget        *editor;
  GtkWidget        *properties;
};

G_DEFINE_FINAL_TYPE (TribNodePage, trib_node_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The editors -------------------------------------------------------------------------- */

static GtkWidget *
create_zero_load_page (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "trib-node-virtual-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Zero-Load Node"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("A zero-load node runs no code: it succeeds at once and starts the nodes that "
                                     "depend on it. Set when it runs and what it depends on in Properties."));
  return status;
}

static GtkWidget *
create_editor (TribNodePage  *self,
               TribWorkspace *workspace,
               TribNode      *node)
{
  switch (trib_node_get_kind (node))
    {
    case TRIB_NODE_KIND_EMR_SPARK_SQL:
      return trib_sql_editor_new (workspace, self->workflow, self->node_id);
    case TRIB_NODE_KIND_VIRTUAL:
      return create_zero_load_page ();
    case TRIB_NODE_KIND_DI:
      return trib_sync_editor_new (workspace, self->workflow, self->node_id);
    case TRIB_NODE_KIND_REFERENCE:
    case TRIB_NODE_KIND_UNKNOWN:
    default:
      {
        GtkWidget *status = adw_status_page_new ();

        adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), trib_node_kind_get_icon_name (trib_node_get_kind (node)));
        adw_status_page_set_title (ADW_STATUS_PAGE (status), trib_node_kind_get_label (trib_node_get_kind (node)));
        return status;
      }
    }
}

static GtkWidget *
create_properties (TribNodePage  *self,
                   TribWorkspace *workspace)
{
  return trib_node_properties_new (workspace, self->workflow, self->node_id);
}

/* What an editor could not write, from its "problems" property. */
static void
add_problems (GStrvBuilder *builder,
              GtkWidget    *widget)
{
  g_auto(GStrv) problems = NULL;

  if (widget == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "problems") == NULL)
    return;
  g_object_get (widget, "problems", &problems, NULL);
  if (problems)
    g_strv_builder_addv (builder, (const char **) problems);
}

char **
trib_node_page_flush_and_check (TribNodePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TRIB_IS_NODE_PAGE (self), NULL);

  if (TRIB_IS_SQL_EDITOR (self->editor))
    trib_sql_editor_flush (TRIB_SQL_EDITOR (self->editor));
  if (TRIB_IS_SYNC_EDITOR (self->editor))
    trib_sync_editor_flush (TRIB_SYNC_EDITOR (self->editor));
  if (TRIB_IS_NODE_PROPERTIES (self->properties))
    trib_node_properties_flush (TRIB_NODE_PROPERTIES (self->properties));
  add_problems (builder, self->editor);
  add_problems (builder, self->properties);
  return g_strv_builder_end (builder);
}

static char **
check_editor_cb (GtkWidget *editor)
{
  return trib_node_page_flush_and_check (TRIB_NODE_PAGE (editor));
}

/* Following the document ---------------------------------------------------------------- */

static void
close_own_tab (TribNodePage *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TAB_VIEW);
  AdwTabPage *page;

  if (view && (page = adw_tab_view_get_page (ADW_TAB_VIEW (view), GTK_WIDGET (self))))
    adw_tab_view_close_page (ADW_TAB_VIEW (view), page);
}

static gboolean
close_idle_cb (gpointer data)
{
  close_own_tab (data);
  return G_SOURCE_REMOVE;
}

static void
update_header (TribNodePage *self)
{
  TribNode *node = trib_workflow_lookup_node (self->workflow, self->node_id);
  g_autofree char *subtitle = NULL;

  if (node == NULL)
    {
      /* Deleted on the canvas (or by a reload): its tab goes too, once the edit is over. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
      return;
    }

  gtk_label_set_text (self->title_label, trib_node_get_display_name (node));
  subtitle = g_strdup_printf ("%s · %s", trib_node_kind_get_label (trib_node_get_kind (node)),
                              trib_workflow_get_name (self->workflow));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_image_set_from_icon_name (self->kind_icon, trib_node_kind_get_icon_name (trib_node_get_kind (node)));
  if (g_strcmp0 (self->title, trib_node_get_display_name (node)) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (trib_node_get_display_name (node));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
update_actions (TribNodePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "node.undo", trib_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "node.redo", trib_undo_stack_can_redo (self->undo));
  /* Save stays available with nothing modified: with invalid input, it says what to fix. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "node.save", TRUE);
}

/* Actions -------------------------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribNodePage *self = TRIB_NODE_PAGE (widget);

  /* Typing not yet written is part of what undo takes back. */
  g_strfreev (trib_node_page_flush_and_check (self));
  if (g_str_equal (action_name, "node.undo"))
    trib_undo_stack_undo (self->undo);
  else
    trib_undo_stack_redo (self->undo);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribNodePage *self = TRIB_NODE_PAGE (widget);

  if (self->owner)
    trib_workflow_page_save (self->owner);
}

static void
toggle_properties_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TribNodePage *self = TRIB_NODE_PAGE (widget);

  gtk_toggle_button_set_active (self->properties_button, !gtk_toggle_button_get_active (self->properties_button));
}

/* GObject --------------------------------------------------------------------------------- */

static void
trib_node_page_dispose (GObject *object)
{
  TribNodePage *self = TRIB_NODE_PAGE (object);

  if (self->workflow)
    g_signal_handlers_disconnect_by_data (self->workflow, self);
  if (self->undo)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  g_clear_weak_pointer (&self->owner);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_NODE_PAGE);
  /* The template's unnamed children too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->workflow);
  g_clear_object (&self->undo);

  G_OBJECT_CLASS (trib_node_page_parent_class)->dispose (object);
}

static void
trib_node_page_finalize (GObject *object)
{
  TribNodePage *self = TRIB_NODE_PAGE (object);

  g_free (self->node_id);
  g_free (self->title);

  G_OBJECT_CLASS (trib_node_page_parent_class)->finalize (object);
}

static void
trib_node_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TribNodePage *self = TRIB_NODE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_node_page_class_init (TribNodePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_node_page_dispose;
  object_class->finalize = trib_node_page_finalize;
  object_class->get_property = trib_node_page_get_property;

  /* The node's name, for the tab. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-node-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TribNodePage, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, TribNodePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TribNodePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TribNodePage, properties_button);
  gtk_widget_class_bind_template_child (widget_class, TribNodePage, paned);
  gtk_widget_class_bind_template_child (widget_class, TribNodePage, properties_box);

  gtk_widget_class_install_action (widget_class, "node.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "node.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "node.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "node.toggle-properties", NULL, toggle_properties_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "node.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "node.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "node.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "node.toggle-properties", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trib-node-page");
}

static void
trib_node_page_init (TribNodePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  g_object_bind_property (self->properties_button, "active", self->properties_box, "visible", G_BINDING_SYNC_CREATE);
}

GtkWidget *
trib_node_page_new (TribWorkflowPage *owner,
                    const char       *node_id)
{
  TribNodePage *self;
  TribWorkspace *workspace = NULL;
  TribNode *node;

  g_return_val_if_fail (TRIB_IS_WORKFLOW_PAGE (owner), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);

  self = g_object_new (TRIB_TYPE_NODE_PAGE, NULL);
  g_set_weak_pointer (&self->owner, owner);
  self->workflow = g_object_ref (trib_workflow_page_get_workflow (owner));
  self->undo = g_object_ref (trib_workflow_page_get_undo_stack (owner));
  self->node_id = g_strdup (node_id);
  g_object_get (owner, "workspace", &workspace, NULL);

  node = trib_workflow_lookup_node (self->workflow, node_id);
  g_return_val_if_fail (node != NULL, GTK_WIDGET (self));

  self->editor = create_editor (self, workspace, node);
  gtk_widget_set_hexpand (self->editor, TRUE);
  gtk_paned_set_start_child (self->paned, self->editor);
  self->properties = create_properties (self, workspace);
  gtk_widget_set_hexpand (self->properties, TRUE);
  gtk_box_append (self->properties_box, self->properties);
  /* A zero-load node has only its Properties; they take the width. */
  if (trib_node_get_kind (node) == TRIB_NODE_KIND_VIRTUAL)
    gtk_paned_set_position (self->paned, 320);
  g_clear_object (&workspace);

  trib_workflow_page_add_editor (owner, GTK_WIDGET (self), check_editor_cb);
  g_signal_connect_object (self->workflow, "changed", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workflow, "notify::modified", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_header (self);
  update_actions (self);
  return GTK_WIDGET (self);
}

TribWorkflow *
trib_node_page_get_workflow (TribNodePage *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_PAGE (self), NULL);
  return self->workflow;
}

const char *
trib_node_page_get_node_id (TribNodePage *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_PAGE (self), NULL);
  return self->node_id;
}

TribWorkflowPage *
trib_node_page_get_owner (TribNodePage *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_PAGE (self), NULL);
  return self->owner;
}

GtkWidget *
trib_node_page_get_editor (TribNodePage *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_PAGE (self), NULL);
  return self->editor;
}

GtkWidget *
trib_node_page_get_properties (TribNodePage *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_PAGE (self), NULL);
  return self->properties;
}
