/* trib-workflow-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "trib-canvas-private.h"
#include "trib-workflow-page.h"

struct _TribWorkflowPage
{
  GtkWidget          parent_instance;

  TribWorkflow      *workflow;
  TribWorkspace     *workspace;
  TribUndoStack     *undo;
  TribCanvas        *canvas;
  GFileMonitor      *monitor;
  GCancellable      *cancellable;
  gboolean           saving;

  GtkWidget         *box;
  GtkMenuButton     *create_button;
  GtkBox            *palette_box;
  GtkButton         *zoom_button;
  GtkToggleButton   *snap_button;
  GtkSearchEntry    *find_entry;
  GtkRevealer       *disk_revealer;
  GtkRevealer       *problems_revealer;
  GtkLabel          *problems_label;
  GtkScrolledWindow *scroller;

  /* Node tabs of this workflow, asked before each save (see trib_workflow_page_add_editor()). */
  GPtrArray         *editors;
};

typedef struct
{
  GWeakRef             widget;
  TribEditorCheckFunc  check;
} Editor;

static void
editor_free (Editor *editor)
{
  g_weak_ref_clear (&editor->widget);
  g_free (editor);
}

G_DEFINE_FINAL_TYPE (TribWorkflowPage, trib_workflow_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKFLOW,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (TribWorkflowPage *self)
{
  gboolean editable = trib_canvas_get_editable (self->canvas);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", editable && trib_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.redo", editable && trib_undo_stack_can_redo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.save", trib_workflow_is_modified (self->workflow));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.create-node", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.format", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.zoom-in",
                                 trib_canvas_get_zoom (self->canvas) < TRIB_CANVAS_MAX_ZOOM - 1e-6);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.zoom-out",
                                 trib_canvas_get_zoom (self->canvas) > TRIB_CANVAS_MIN_ZOOM + 1e-6);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), editable);
}

static void
update_zoom_label (TribWorkflowPage *self)
{
  g_autofree char *text = g_strdup_printf ("%d%%", (int) (trib_canvas_get_zoom (self->canvas) * 100 + 0.5));

  gtk_button_set_label (self->zoom_button, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update_problems (TribWorkflowPage *self)
{
  GListModel *diagnostics = trib_workflow_get_diagnostics (self->workflow);
  g_autofree char *text = trib_diagnostics_to_string (diagnostics);

  if (trib_workflow_get_json (self->workflow) == NULL)
    {
      g_autofree char *all = g_strdup_printf (_("This file cannot be edited on the canvas until it is fixed:\n%s"), text);
      gtk_label_set_text (self->problems_label, all);
    }
  else
    gtk_label_set_text (self->problems_label, text);
  gtk_revealer_set_reveal_child (self->problems_revealer, g_list_model_get_n_items (diagnostics) > 0);
}

static void
workflow_changed_cb (TribWorkflowPage *self)
{
  trib_canvas_set_editable (self->canvas, trib_workflow_get_json (self->workflow) != NULL);
  update_problems (self);
  update_actions (self);
}

/* Saving ---------------------------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TribWorkflowPage *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->saving = FALSE;
  if (!trib_workflow_save_finish (TRIB_WORKFLOW (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  update_actions (self);
}

void
trib_workflow_page_add_editor (TribWorkflowPage    *self,
                               GtkWidget           *editor,
                               TribEditorCheckFunc  check)
{
  Editor *entry;

  g_return_if_fail (TRIB_IS_WORKFLOW_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (editor));

  entry = g_new0 (Editor, 1);
  g_weak_ref_init (&entry->widget, editor);
  entry->check = check;
  g_ptr_array_add (self->editors, entry);
}

/* Every open editor of the workflow writes what it holds; what it cannot write (invalid
 * input) is listed, and then nothing is saved. */
char **
trib_workflow_page_check_editors (TribWorkflowPage *self)
{
  g_autoptr(GStrvBuilder) problems = g_strv_builder_new ();

  g_return_val_if_fail (TRIB_IS_WORKFLOW_PAGE (self), NULL);

  for (guint i = 0; i < self->editors->len;)
    {
      Editor *entry = g_ptr_array_index (self->editors, i);
      g_autoptr(GtkWidget) editor = g_weak_ref_get (&entry->widget);
      g_auto(GStrv) found = NULL;

      if (editor == NULL)
        {
          g_ptr_array_remove_index (self->editors, i);
          continue;
        }
      found = entry->check (editor);
      if (found)
        g_strv_builder_addv (problems, (const char **) found);
      i++;
    }
  return g_strv_builder_end (problems);
}

void
trib_workflow_page_save_async (TribWorkflowPage    *self,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  g_auto(GStrv) problems = NULL;

  g_return_if_fail (TRIB_IS_WORKFLOW_PAGE (self));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_workflow_page_save_async);

  problems = trib_workflow_page_check_editors (self);
  if (problems[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("\n", problems);

      g_task_return_new_error (task, TRIB_ERROR, TRIB_ERROR_INVALID, "%s", list);
      g_object_unref (task);
      return;
    }

  self->saving = TRUE;
  trib_workflow_save_async (self->workflow, self->cancellable, saved_cb, task);
}

gboolean
trib_workflow_page_save_finish (TribWorkflowPage  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Invalid input in an open editor: say what, and save nothing. */
static void
show_save_refused (TribWorkflowPage *self,
                   const char       *problems)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Saved"), trib_workflow_get_name (self->workflow));
  g_autofree char *body = g_strdup_printf (_("Fix these fields first:\n%s"), problems);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (trib_workflow_page_save_finish (self, result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, TRIB_ERROR, TRIB_ERROR_INVALID))
    show_save_refused (self, error->message);
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *message = g_strdup_printf (_("Could not save %s: %s"),
                                                  trib_workflow_get_display_path (self->workflow),
                                                  error->message);
      if (root)
        gtk_widget_activate_action (GTK_WIDGET (root), "win.show-toast", "s", message);
      g_warning ("%s", message);
    }
}

void
trib_workflow_page_save (TribWorkflowPage *self)
{
  g_return_if_fail (TRIB_IS_WORKFLOW_PAGE (self));
  trib_workflow_page_save_async (self, save_done_cb, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  trib_workflow_page_save (TRIB_WORKFLOW_PAGE (widget));
}

/* The file on disk ------------------------------------------------------------------ */

static void
reread_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TribWorkflowPage *self = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_object_unref (self);
      else
        g_object_unref (self);
      return;
    }
  /* Our own save, or an editor that rewrote the same bytes. */
  if (!trib_workflow_is_saved_text (self->workflow, contents) && memchr (contents, '\0', length) == NULL)
    {
      if (trib_workflow_is_modified (self->workflow))
        gtk_revealer_set_reveal_child (self->disk_revealer, TRUE);
      else
        trib_workflow_replace_text (self->workflow, contents, TRUE);
    }
  g_object_unref (self);
}

static void
reread (TribWorkflowPage *self)
{
  g_file_load_contents_async (trib_workflow_get_file (self->workflow), self->cancellable,
                              reread_cb, g_object_ref (self));
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 TribWorkflowPage  *self)
{
  if (self->saving)
    return;
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_CREATED ||
      event == G_FILE_MONITOR_EVENT_RENAMED || event == G_FILE_MONITOR_EVENT_MOVED_IN)
    reread (self);
}

static void
watch_file (TribWorkflowPage *self)
{
  GFile *file = trib_workflow_get_file (self->workflow);

  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (file == NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed_cb), self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (widget);

  gtk_revealer_set_reveal_child (self->disk_revealer, FALSE);
  /* Drop the edits so the re-read replaces the document. */
  trib_workflow_replace_text (self->workflow, "", FALSE);
  reread (self);
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (TRIB_WORKFLOW_PAGE (widget)->disk_revealer, FALSE);
}

/* Editing --------------------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (widget);

  if (g_str_equal (action_name, "page.undo"))
    trib_undo_stack_undo (self->undo);
  else
    trib_undo_stack_redo (self->undo);
}

/* The toolbar is not inside the canvas, so its buttons reach the canvas's actions here. */
static void
canvas_forward_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (widget);
  g_autofree char *name = g_strconcat ("canvas.", action_name + strlen ("page."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), name, NULL);
}

static void
create_node_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (widget);

  trib_canvas_create_node (self->canvas, trib_node_kind_from_command (g_variant_get_string (parameter, NULL)));
}

gboolean
trib_workflow_page_find (TribWorkflowPage *self,
                         const char       *text)
{
  GListModel *nodes = trib_workflow_get_nodes (self->workflow);
  g_autofree char *needle = g_utf8_casefold (text, -1);

  if (*needle == '\0')
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_autofree char *name = g_utf8_casefold (trib_node_get_display_name (node), -1);

      if (strstr (name, needle))
        {
          trib_canvas_reveal_node (self->canvas, trib_node_get_id (node));
          return TRUE;
        }
    }
  return FALSE;
}

static void
find_activate_cb (TribWorkflowPage *self)
{
  if (!trib_workflow_page_find (self, gtk_editable_get_text (GTK_EDITABLE (self->find_entry))))
    gtk_widget_error_bell (GTK_WIDGET (self->find_entry));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TRIB_WORKFLOW_PAGE (widget)->find_entry));
}

static void
palette_drag_begin_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       GtkWidget     *button)
{
  GtkWidget *popover = gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER);
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (button);

  gtk_drag_source_set_icon (source, icon, 0, 0);
  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The palette: the node types as draggable buttons, as DataWorks' node list. */
static void
populate_palette (TribWorkflowPage *self)
{
  const TribNodeKind kinds[] = { TRIB_NODE_KIND_VIRTUAL, TRIB_NODE_KIND_DI, TRIB_NODE_KIND_EMR_SPARK_SQL };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = adw_button_content_new ();
      GtkDragSource *source = gtk_drag_source_new ();
      g_autoptr(GdkContentProvider) provider =
        gdk_content_provider_new_typed (G_TYPE_STRING, trib_node_kind_to_command (kinds[i]));
      g_autofree char *detailed = g_strdup_printf ("page.create-node('%s')", trib_node_kind_to_command (kinds[i]));

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), trib_node_kind_get_icon_name (kinds[i]));
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), trib_node_kind_get_label (kinds[i]));
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), detailed);
      gtk_drag_source_set_content (source, provider);
      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect (source, "drag-begin", G_CALLBACK (palette_drag_begin_cb), button);
      gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));
      gtk_box_append (self->palette_box, button);
    }
}

/* GObject --------------------------------------------------------------------------- */

static void
trib_workflow_page_dispose (GObject *object)
{
  TribWorkflowPage *self = TRIB_WORKFLOW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->workflow)
    g_signal_handlers_disconnect_by_data (self->workflow, self);
  if (self->undo)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_WORKFLOW_PAGE);
  g_clear_object (&self->undo);
  g_clear_object (&self->workflow);
  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->editors, g_ptr_array_unref);

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
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
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
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
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

  self->undo = trib_undo_stack_new (self->workflow);
  self->canvas = TRIB_CANVAS (trib_canvas_new (self->workflow));
  _trib_canvas_set_workspace (self->canvas, self->workspace);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->canvas));
  g_object_bind_property (self->snap_button, "active", self->canvas, "snap-to-grid", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->workflow, "changed", G_CALLBACK (workflow_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workflow, "notify::modified", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workflow, "notify::display-path", G_CALLBACK (watch_file), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-undo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-redo", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom", G_CALLBACK (update_zoom_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::editable", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_entry, "activate", G_CALLBACK (find_activate_cb), self, G_CONNECT_SWAPPED);

  populate_palette (self);
  watch_file (self);
  update_zoom_label (self);
  update_problems (self);
  update_actions (self);
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
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TRIB_TYPE_WORKSPACE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "page.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "page.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "page.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "page.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "page.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "page.create-node", "s", create_node_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-in", NULL, canvas_forward_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-out", NULL, canvas_forward_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-reset", NULL, canvas_forward_action);
  gtk_widget_class_install_action (widget_class, "page.fit", NULL, canvas_forward_action);
  gtk_widget_class_install_action (widget_class, "page.format", NULL, canvas_forward_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "page.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "page.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.find", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-workflow-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, box);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, palette_box);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, snap_button);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, find_entry);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, disk_revealer);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TribWorkflowPage, scroller);
}

static void
trib_workflow_page_init (TribWorkflowPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->editors = g_ptr_array_new_with_free_func ((GDestroyNotify) editor_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
trib_workflow_page_new (TribWorkflow  *workflow,
                        TribWorkspace *workspace)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  return g_object_new (TRIB_TYPE_WORKFLOW_PAGE, "workflow", workflow, "workspace", workspace, NULL);
}

TribWorkflow *
trib_workflow_page_get_workflow (TribWorkflowPage *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW_PAGE (self), NULL);
  return self->workflow;
}

TribCanvas *
trib_workflow_page_get_canvas (TribWorkflowPage *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW_PAGE (self), NULL);
  return self->canvas;
}

TribUndoStack *
trib_workflow_page_get_undo_stack (TribWorkflowPage *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW_PAGE (self), NULL);
  return self->undo;
}

gboolean
trib_workflow_page_is_conflicted (TribWorkflowPage *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW_PAGE (self), FALSE);
  return gtk_revealer_get_reveal_child (self->disk_revealer);
}
