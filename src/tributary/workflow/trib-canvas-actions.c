/* trib-canvas-actions.c: what the canvas does on the user's behalf: create, rename,
 * duplicate, connect, delete, zoom, format, and the context menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "trib-canvas-private.h"
#include "trib-name-dialog.h"

#define KEY_STEP TRIB_CANVAS_GRID

/* Edits ----------------------------------------------------------------------------- */

gboolean
trib_canvas_connect_nodes (TribCanvas *self,
                           const char *upstream_id,
                           const char *downstream_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TRIB_IS_CANVAS (self), FALSE);

  if (!trib_workflow_connect (self->workflow, upstream_id, downstream_id, &error))
    {
      GtkWidget *card = g_hash_table_lookup (self->cards, downstream_id);
      double x = self->pointer_x, y = self->pointer_y;

      /* From the keyboard there is no pointer: point at the target node instead. */
      if (self->drag_mode != TRIB_CANVAS_DRAG_CONNECT && card)
        {
          double mx, my;
          _trib_canvas_node_position (self, downstream_id, &mx, &my);
          _trib_canvas_model_to_view (self, mx + TRIB_LAYOUT_NODE_WIDTH / 2, my, &x, &y);
        }
      _trib_canvas_show_message_at (self, error->message, x, y);
      return FALSE;
    }
  g_clear_pointer (&self->message, g_free);
  return TRUE;
}

double
_trib_canvas_snap_value (TribCanvas *self,
                         double      value)
{
  return self->snap ? round (value / TRIB_CANVAS_GRID) * TRIB_CANVAS_GRID : round (value);
}

void
_trib_canvas_move_selection_by (TribCanvas *self,
                                double      dx,
                                double      dy)
{
  g_auto(GStrv) ids = trib_canvas_dup_selection (self);
  guint n = g_strv_length (ids);
  g_autofree double *xy = g_new (double, 2 * MAX (n, 1));
  g_autoptr(GError) error = NULL;

  if (n == 0 || !self->editable)
    return;
  for (guint i = 0; i < n; i++)
    {
      double x, y;
      _trib_canvas_node_position (self, ids[i], &x, &y);
      xy[2 * i] = _trib_canvas_snap_value (self, x + dx);
      xy[2 * i + 1] = _trib_canvas_snap_value (self, y + dy);
    }
  if (!trib_workflow_move_nodes (self->workflow, (const char * const *) ids, xy, &error))
    g_warning ("%s", error->message);
}

typedef struct
{
  TribCanvas   *canvas;
  TribNodeKind  kind;
  double        x, y;
  char         *rename_id;
} NameRequest;

static void
name_request_free (NameRequest *request)
{
  g_object_unref (request->canvas);
  g_free (request->rename_id);
  g_free (request);
}

static gboolean
check_node_name (const char  *name,
                 gpointer     user_data,
                 GError     **error)
{
  NameRequest *request = user_data;

  return trib_workflow_check_node_name (request->canvas->workflow, name, request->rename_id, error);
}

static void
name_response_cb (TribNameDialog *dialog,
                  const char     *response,
                  NameRequest    *request)
{
  TribCanvas *self = request->canvas;
  g_autoptr(GError) error = NULL;
  const char *name = trib_name_dialog_get_name (dialog);

  if (g_strcmp0 (response, "accept") != 0)
    return;

  if (request->rename_id)
    {
      if (!trib_workflow_rename_node (self->workflow, request->rename_id, name, &error))
        _trib_canvas_show_message_at (self, error->message, self->pointer_x, self->pointer_y);
      else
        trib_canvas_reveal_node (self, request->rename_id);
    }
  else
    {
      g_autoptr(TribNode) node = trib_workflow_create_node (self->workflow, request->kind, name,
                                                            _trib_canvas_snap_value (self, request->x), _trib_canvas_snap_value (self, request->y),
                                                            &error);
      if (node == NULL)
        _trib_canvas_show_message_at (self, error->message, self->pointer_x, self->pointer_y);
      else
        trib_canvas_reveal_node (self, trib_node_get_id (node));
    }
}

static void
ask_name (TribCanvas  *self,
          NameRequest *request,
          const char  *heading,
          const char  *accept,
          const char  *initial)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  TribNameDialog *dialog;

  dialog = trib_name_dialog_new (parent, heading,
                                 _("Letters, digits, “_” and “.”; unique in the workflow."),
                                 accept, initial, FALSE, NULL,
                                 check_node_name, request, (GDestroyNotify) name_request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (name_response_cb), request);
  g_object_set_data (G_OBJECT (self), "trib-name-dialog", dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
trib_canvas_create_node_at (TribCanvas   *self,
                            TribNodeKind  kind,
                            double        view_x,
                            double        view_y)
{
  NameRequest *request;
  g_autofree char *heading = NULL;

  g_return_if_fail (TRIB_IS_CANVAS (self));

  if (!self->editable)
    return;
  request = g_new0 (NameRequest, 1);
  request->canvas = g_object_ref (self);
  request->kind = kind;
  _trib_canvas_view_to_model (self, view_x, view_y, &request->x, &request->y);
  request->x -= TRIB_LAYOUT_NODE_WIDTH / 2;
  request->y -= TRIB_LAYOUT_NODE_HEIGHT / 2;
  /* Translators: %s is a node type, e.g. "Batch synchronization". */
  heading = g_strdup_printf (_("New %s Node"), trib_node_kind_get_label (kind));
  ask_name (self, request, heading, _("C_reate"), NULL);
}

void
trib_canvas_create_node (TribCanvas   *self,
                         TribNodeKind  kind)
{
  g_return_if_fail (TRIB_IS_CANVAS (self));
  trib_canvas_create_node_at (self, kind, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                              gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  const char *id = _trib_canvas_current_node (self);
  NameRequest *request;
  TribNode *node;

  if (id == NULL || (node = trib_workflow_lookup_node (self->workflow, id)) == NULL)
    return;
  request = g_new0 (NameRequest, 1);
  request->canvas = g_object_ref (self);
  request->rename_id = g_strdup (id);
  ask_name (self, request, _("Rename Node"), _("_Rename"), trib_node_get_display_name (node));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  const char *id = _trib_canvas_current_node (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribNode) copy = NULL;

  if (id == NULL)
    return;
  copy = trib_workflow_duplicate_node (self->workflow, id, &error);
  if (copy == NULL)
    _trib_canvas_show_message_at (self, error->message, self->pointer_x, self->pointer_y);
  else
    trib_canvas_reveal_node (self, trib_node_get_id (copy));
}

static void
delete_nodes (TribCanvas *self,
              GStrv       ids)
{
  g_autoptr(GError) error = NULL;

  if (!trib_workflow_remove_nodes (self->workflow, (const char * const *) ids, &error))
    _trib_canvas_show_message_at (self, error->message, self->pointer_x, self->pointer_y);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
confirm_delete_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TribCanvas       *self)
{
  GStrv ids = g_object_get_data (G_OBJECT (dialog), "ids");

  if (g_strcmp0 (response, "delete") == 0)
    delete_nodes (self, ids);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) dependents = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->editable)
    return;
  if (self->selected_edge_up)
    {
      g_autofree char *up = g_strdup (self->selected_edge_up);
      g_autofree char *down = g_strdup (self->selected_edge_down);

      _trib_canvas_clear_edge_selection (self);
      if (!trib_workflow_disconnect (self->workflow, up, down, &error))
        _trib_canvas_show_message_at (self, error->message, self->pointer_x, self->pointer_y);
      return;
    }

  ids = trib_canvas_dup_selection (self);
  if (ids == NULL || ids[0] == NULL)
    return;
  if (self->workspace)
    dependents = trib_workspace_list_dependents (self->workspace, self->workflow, (const char * const *) ids);

  /* Nodes other workflows depend on: say which before they break. */
  if (dependents && dependents->len > 0)
    {
      GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
      g_autoptr(GString) body = g_string_new (_("These nodes of other workflows depend on what you delete:"));
      AdwMessageDialog *dialog;

      for (guint i = 0; i < dependents->len; i++)
        g_string_append_printf (body, "\n• %s", (char *) dependents->pdata[i]);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Delete Nodes Others Depend On?"), body->str));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify) g_strfreev);
      g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_delete_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  delete_nodes (self, ids);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  g_autofree char *id = g_strdup (_trib_canvas_current_node (self));

  if (id == NULL)
    return;
  trib_canvas_reveal_node (self, id);
  _trib_canvas_emit_node_activated (self, id);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->selection, g_strdup (key));
  _trib_canvas_refresh_selection (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    trib_canvas_set_zoom (self, self->zoom * 1.25);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    trib_canvas_set_zoom (self, self->zoom / 1.25);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    trib_canvas_set_zoom (self, 1.0);
  else
    trib_canvas_zoom_to_fit (self);
}

static void
format_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);

  if (!self->editable)
    return;
  trib_workflow_format (self->workflow);
  trib_canvas_zoom_to_fit (self);
}

/* "Connect To…": the keyboard's way of drawing a line. */
static void
connect_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          TribCanvas    *self)
{
  const char *up = g_object_get_data (G_OBJECT (list), "upstream");
  const char *down = g_object_get_data (G_OBJECT (row), "node-id");
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_MESSAGE_DIALOG);

  if (trib_canvas_connect_nodes (self, up, down))
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      trib_canvas_reveal_node (self, down);
    }
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  const char *id = _trib_canvas_current_node (self);
  GListModel *nodes = trib_workflow_get_nodes (self->workflow);
  GtkWidget *list, *scroller;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (id == NULL)
    return;
  body = g_strdup_printf (_("Choose the node that will depend on “%s”."),
                          trib_node_get_display_name (trib_workflow_lookup_node (self->workflow, id)));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Connect To"), body));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Nodes"), -1);
  g_object_set_data_full (G_OBJECT (list), "upstream", g_strdup (id), g_free);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_autoptr(GError) error = NULL;
      GtkWidget *row;

      if (g_str_equal (trib_node_get_id (node), id))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trib_node_get_display_name (node));
      /* Targets that would be refused say why, and cannot be chosen. */
      if (!trib_workflow_can_connect (self->workflow, id, trib_node_get_id (node), &error))
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
          gtk_widget_set_sensitive (row, FALSE);
        }
      else
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), trib_node_kind_get_label (trib_node_get_kind (node)));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      g_object_set_data_full (G_OBJECT (row), "node-id", g_strdup (trib_node_get_id (node)), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (connect_row_activated_cb), self, 0);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (self), "trib-connect-dialog", dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Context menu ---------------------------------------------------------------------- */

static GMenuModel *
node_menu (const char *node_id)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GMenu *runs = g_menu_new ();
  const struct { const char *label; const char *action; } run_items[] = {
    /* The window's "run" actions (the runs feature) and its log view. */
    { N_("Run This _Node"), "run.run-node" },
    { N_("Run With _Descendants"), "run.run-descendants" },
    { N_("View _Log"), "win.view-node-log" },
  };

  g_menu_append (section, _("_Open"), "canvas.open");
  g_menu_append (section, _("_Rename…"), "canvas.rename");
  g_menu_append (section, _("D_uplicate"), "canvas.duplicate");
  g_menu_append (section, _("_Connect To…"), "canvas.connect");
  g_menu_append (section, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  for (guint i = 0; node_id && i < G_N_ELEMENTS (run_items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(run_items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, run_items[i].action, g_variant_new_string (node_id));
      g_menu_append_item (runs, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (runs));
  g_object_unref (section);
  g_object_unref (runs);
  return G_MENU_MODEL (menu);
}

static GMenuModel *
background_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("Select _All"), "canvas.select-all");
  g_menu_append (menu, _("_Format"), "canvas.format");
  g_menu_append (menu, _("_Fit"), "canvas.fit");
  return G_MENU_MODEL (menu);
}

void
_trib_canvas_show_context_menu (TribCanvas *self,
                                gboolean    on_node,
                                double      vx,
                                double      vy)
{
  g_autoptr(GMenuModel) model = on_node ? node_menu (_trib_canvas_current_node (self)) : background_menu ();

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  self->context_menu = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { (int) vx, (int) vy, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  const char *id = _trib_canvas_current_node (self);
  double x, y, vx = 20, vy = 20;

  if (id)
    {
      _trib_canvas_node_position (self, id, &x, &y);
      _trib_canvas_model_to_view (self, x + TRIB_LAYOUT_NODE_WIDTH / 2, y + TRIB_LAYOUT_NODE_HEIGHT, &vx, &vy);
    }
  _trib_canvas_show_context_menu (self, id != NULL, vx, vy);
}

void
_trib_canvas_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.format", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, context_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.context-menu", NULL);
}
