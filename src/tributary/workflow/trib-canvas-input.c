/* trib-canvas-input.c: selection, dragging, drawing lines, keys and actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "trib-canvas-private.h"
#include "trib-name-dialog.h"

#define DRAG_THRESHOLD 3.0
#define KEY_STEP TRIB_CANVAS_GRID

/* Selection ------------------------------------------------------------------------- */

static void
refresh_selection (TribCanvas *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    trib_node_card_set_selected (value, g_hash_table_contains (self->selection, key));
  _trib_canvas_update_actions (self);
}

void
_trib_canvas_clear_edge_selection (TribCanvas *self)
{
  g_clear_pointer (&self->selected_edge_up, g_free);
  g_clear_pointer (&self->selected_edge_down, g_free);
  _trib_canvas_invalidate_edges (self);
}

static void
clear_selection (TribCanvas *self)
{
  g_hash_table_remove_all (self->selection);
  _trib_canvas_clear_edge_selection (self);
  refresh_selection (self);
}

void
trib_canvas_select_node (TribCanvas *self,
                         const char *node_id,
                         gboolean    add)
{
  g_return_if_fail (TRIB_IS_CANVAS (self));

  if (!add)
    {
      g_hash_table_remove_all (self->selection);
      if (self->selected_edge_up)
        _trib_canvas_clear_edge_selection (self);
    }
  if (node_id && g_hash_table_contains (self->cards, node_id))
    g_hash_table_add (self->selection, g_strdup (node_id));
  refresh_selection (self);
}

void
trib_canvas_select_edge (TribCanvas *self,
                         const char *upstream_id,
                         const char *downstream_id)
{
  g_return_if_fail (TRIB_IS_CANVAS (self));

  g_hash_table_remove_all (self->selection);
  g_free (self->selected_edge_up);
  g_free (self->selected_edge_down);
  self->selected_edge_up = g_strdup (upstream_id);
  self->selected_edge_down = g_strdup (downstream_id);
  refresh_selection (self);
  _trib_canvas_invalidate_edges (self);
}

GStrv
trib_canvas_dup_selection (TribCanvas *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *nodes;

  g_return_val_if_fail (TRIB_IS_CANVAS (self), NULL);

  nodes = trib_workflow_get_nodes (self->workflow);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      if (g_hash_table_contains (self->selection, trib_node_get_id (node)))
        g_strv_builder_add (builder, trib_node_get_id (node));
    }
  return g_strv_builder_end (builder);
}

static const char *
focused_node (TribCanvas *self)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));

  return TRIB_IS_NODE_CARD (focus) ? trib_node_card_get_node_id (TRIB_NODE_CARD (focus)) : NULL;
}

/* The node an action applies to: the focused one, else the only selected one. */
static const char *
current_node (TribCanvas *self)
{
  GHashTableIter iter;
  gpointer key;

  if (focused_node (self) && g_hash_table_contains (self->selection, focused_node (self)))
    return focused_node (self);
  if (g_hash_table_size (self->selection) != 1)
    return NULL;
  g_hash_table_iter_init (&iter, self->selection);
  g_hash_table_iter_next (&iter, &key, NULL);
  return key;
}

void
_trib_canvas_update_actions (TribCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = g_hash_table_size (self->selection);
  gboolean one = current_node (self) != NULL;

  gtk_widget_action_set_enabled (widget, "canvas.delete", self->editable && (n > 0 || self->selected_edge_up));
  gtk_widget_action_set_enabled (widget, "canvas.rename", self->editable && one);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", self->editable && one);
  gtk_widget_action_set_enabled (widget, "canvas.connect", self->editable && one);
  gtk_widget_action_set_enabled (widget, "canvas.open", one);
  gtk_widget_action_set_enabled (widget, "canvas.format", self->editable && g_hash_table_size (self->cards) > 0);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-in", self->zoom < TRIB_CANVAS_MAX_ZOOM);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-out", self->zoom > TRIB_CANVAS_MIN_ZOOM);
}

/* Messages at the pointer ----------------------------------------------------------- */

static void
show_message_at (TribCanvas *self,
                 const char *message,
                 double      vx,
                 double      vy)
{
  GtkWidget *label;

  g_free (self->message);
  self->message = g_strdup (message);

  if (self->message_popover == NULL)
    {
      self->message_popover = gtk_popover_new ();
      gtk_widget_set_parent (self->message_popover, GTK_WIDGET (self));
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_popover_set_child (GTK_POPOVER (self->message_popover), label);
      gtk_widget_add_css_class (self->message_popover, "trib-canvas-message");
    }
  label = gtk_popover_get_child (GTK_POPOVER (self->message_popover));
  gtk_label_set_text (GTK_LABEL (label), message);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->message_popover),
                               &(GdkRectangle) { (int) vx, (int) vy, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->message_popover));
}

static void
show_error_at (TribCanvas *self,
               GError     *error,
               double      vx,
               double      vy)
{
  show_message_at (self, error->message, vx, vy);
}

/* Hit testing ----------------------------------------------------------------------- */

static TribNodeCard *
card_at (TribCanvas *self,
         double      vx,
         double      vy,
         gboolean   *on_handle)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), vx, vy, GTK_PICK_DEFAULT);

  if (on_handle)
    *on_handle = FALSE;
  for (GtkWidget *w = picked; w && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      if (TRIB_IS_NODE_CARD (w))
        return TRIB_NODE_CARD (w);
      if (on_handle && gtk_widget_has_css_class (w, "trib-node-handle"))
        *on_handle = TRUE;
    }
  return NULL;
}

static double
distance_to_curve (const double p[8],
                   double       x,
                   double       y)
{
  double best = G_MAXDOUBLE;

  for (int i = 0; i <= 24; i++)
    {
      double t = i / 24.0, u = 1 - t;
      double bx = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];
      double by = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];
      best = MIN (best, hypot (bx - x, by - y));
    }
  return best;
}

static TribDependency *
edge_at (TribCanvas *self,
         double      vx,
         double      vy)
{
  GListModel *deps = trib_workflow_get_dependencies (self->workflow);

  for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
    {
      g_autoptr(TribDependency) dep = g_list_model_get_item (deps, i);
      const char *up = trib_dependency_get_upstream_id (dep);
      double p[8];

      if (up == NULL || !g_hash_table_contains (self->cards, up) ||
          !g_hash_table_contains (self->cards, trib_dependency_get_node_id (dep)))
        continue;
      _trib_canvas_edge_curve (self, up, trib_dependency_get_node_id (dep), p);
      if (distance_to_curve (p, vx, vy) <= 6)
        return g_steal_pointer (&dep);
    }
  return NULL;
}

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
      show_error_at (self, error, x, y);
      return FALSE;
    }
  g_clear_pointer (&self->message, g_free);
  return TRUE;
}

static double
snap (TribCanvas *self,
      double      value)
{
  return self->snap ? round (value / TRIB_CANVAS_GRID) * TRIB_CANVAS_GRID : round (value);
}

static void
move_selection_by (TribCanvas *self,
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
      xy[2 * i] = snap (self, x + dx);
      xy[2 * i + 1] = snap (self, y + dy);
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
        show_message_at (self, error->message, self->pointer_x, self->pointer_y);
      else
        trib_canvas_reveal_node (self, request->rename_id);
    }
  else
    {
      g_autoptr(TribNode) node = trib_workflow_create_node (self->workflow, request->kind, name,
                                                            snap (self, request->x), snap (self, request->y),
                                                            &error);
      if (node == NULL)
        show_message_at (self, error->message, self->pointer_x, self->pointer_y);
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
  const char *id = current_node (self);
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
  const char *id = current_node (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribNode) copy = NULL;

  if (id == NULL)
    return;
  copy = trib_workflow_duplicate_node (self->workflow, id, &error);
  if (copy == NULL)
    show_message_at (self, error->message, self->pointer_x, self->pointer_y);
  else
    trib_canvas_reveal_node (self, trib_node_get_id (copy));
}

static void
delete_nodes (TribCanvas *self,
              GStrv       ids)
{
  g_autoptr(GError) error = NULL;

  if (!trib_workflow_remove_nodes (self->workflow, (const char * const *) ids, &error))
    show_message_at (self, error->message, self->pointer_x, self->pointer_y);
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
        show_message_at (self, error->message, self->pointer_x, self->pointer_y);
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
  g_autofree char *id = g_strdup (current_node (self));

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
  refresh_selection (self);
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
  const char *id = current_node (self);
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
node_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GMenu *runs = g_menu_new ();

  g_menu_append (section, _("_Open"), "canvas.open");
  g_menu_append (section, _("_Rename…"), "canvas.rename");
  g_menu_append (section, _("D_uplicate"), "canvas.duplicate");
  g_menu_append (section, _("_Connect To…"), "canvas.connect");
  g_menu_append (section, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  /* Filled by the runs feature; shown now so the menu does not change shape. */
  g_menu_append (runs, _("Run This _Node"), "canvas.run-node");
  g_menu_append (runs, _("Run With _Descendants"), "canvas.run-descendants");
  g_menu_append (runs, _("View _Log"), "canvas.view-log");
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

static void
show_context_menu (TribCanvas *self,
                   gboolean    on_node,
                   double      vx,
                   double      vy)
{
  g_autoptr(GMenuModel) model = on_node ? node_menu () : background_menu ();

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
  const char *id = current_node (self);
  double x, y, vx = 20, vy = 20;

  if (id)
    {
      _trib_canvas_node_position (self, id, &x, &y);
      _trib_canvas_model_to_view (self, x + TRIB_LAYOUT_NODE_WIDTH / 2, y + TRIB_LAYOUT_NODE_HEIGHT, &vx, &vy);
    }
  show_context_menu (self, id != NULL, vx, vy);
}

/* Pointer --------------------------------------------------------------------------- */

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TribCanvas      *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  TribNodeCard *card = card_at (self, x, y, NULL);
  const char *id = card ? trib_node_card_get_node_id (card) : NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->message_popover)
    gtk_popover_popdown (GTK_POPOVER (self->message_popover));

  if (card)
    {
      if (state & GDK_CONTROL_MASK && button == GDK_BUTTON_PRIMARY)
        {
          if (g_hash_table_contains (self->selection, id))
            g_hash_table_remove (self->selection, id);
          else
            g_hash_table_add (self->selection, g_strdup (id));
          refresh_selection (self);
        }
      else if (!g_hash_table_contains (self->selection, id))
        trib_canvas_select_node (self, id, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (card));

      if (button == GDK_BUTTON_SECONDARY)
        show_context_menu (self, TRUE, x, y);
      else if (n_press == 2 && button == GDK_BUTTON_PRIMARY)
        _trib_canvas_emit_node_activated (self, id);
      return;
    }

  {
    g_autoptr(TribDependency) edge = edge_at (self, x, y);

    if (edge)
      trib_canvas_select_edge (self, trib_dependency_get_upstream_id (edge), trib_dependency_get_node_id (edge));
    else if (!(state & GDK_CONTROL_MASK))
      clear_selection (self);
  }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (button == GDK_BUTTON_SECONDARY)
    show_context_menu (self, FALSE, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TribCanvas     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  gboolean on_handle = FALSE;
  TribNodeCard *card = card_at (self, x, y, &on_handle);

  self->drag_x0 = self->pointer_x = x;
  self->drag_y0 = self->pointer_y = y;
  self->scroll_x0 = gtk_adjustment_get_value (self->hadjustment);
  self->scroll_y0 = gtk_adjustment_get_value (self->vadjustment);

  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && self->space_held))
    self->drag_mode = TRIB_CANVAS_DRAG_PAN;
  else if (button != GDK_BUTTON_PRIMARY)
    self->drag_mode = TRIB_CANVAS_DRAG_NONE;
  else if (card && on_handle && self->editable)
    {
      self->drag_mode = TRIB_CANVAS_DRAG_CONNECT;
      g_free (self->connect_from);
      self->connect_from = g_strdup (trib_node_card_get_node_id (card));
    }
  else if (card && self->editable)
    self->drag_mode = TRIB_CANVAS_DRAG_MOVE;
  else if (card == NULL)
    self->drag_mode = TRIB_CANVAS_DRAG_RUBBER;
  else
    self->drag_mode = TRIB_CANVAS_DRAG_NONE;

  if (self->drag_mode != TRIB_CANVAS_DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
start_moving (TribCanvas *self)
{
  GHashTableIter iter;
  gpointer key;

  self->drag_positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      double *xy = g_new (double, 4);   /* current x, y; then start x, y */

      _trib_canvas_node_position (self, key, &xy[0], &xy[1]);
      xy[2] = xy[0];
      xy[3] = xy[1];
      g_hash_table_insert (self->drag_positions, g_strdup (key), xy);
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                TribCanvas     *self)
{
  self->pointer_x = self->drag_x0 + dx;
  self->pointer_y = self->drag_y0 + dy;

  switch (self->drag_mode)
    {
    case TRIB_CANVAS_DRAG_PAN:
      gtk_adjustment_set_value (self->hadjustment, self->scroll_x0 - dx);
      gtk_adjustment_set_value (self->vadjustment, self->scroll_y0 - dy);
      break;
    case TRIB_CANVAS_DRAG_MOVE:
      {
        GHashTableIter iter;
        gpointer value;

        if (self->drag_positions == NULL)
          {
            if (hypot (dx, dy) < DRAG_THRESHOLD)
              return;
            start_moving (self);
          }
        g_hash_table_iter_init (&iter, self->drag_positions);
        while (g_hash_table_iter_next (&iter, NULL, &value))
          {
            double *xy = value;
            xy[0] = xy[2] + dx / self->zoom;
            xy[1] = xy[3] + dy / self->zoom;
          }
        /* Only the cards and the edges move: the grid and the rest are reused. */
        _trib_canvas_invalidate_edges (self);
        gtk_widget_queue_allocate (GTK_WIDGET (self));
      }
      break;
    case TRIB_CANVAS_DRAG_RUBBER:
    case TRIB_CANVAS_DRAG_CONNECT:
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case TRIB_CANVAS_DRAG_NONE:
    default:
      break;
    }
}

static void
finish_move (TribCanvas *self)
{
  g_autoptr(GHashTable) positions = g_steal_pointer (&self->drag_positions);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (positions == NULL)
    return;
  g_hash_table_iter_init (&iter, positions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *p = value;
      double x = snap (self, p[0]), y = snap (self, p[1]);

      g_ptr_array_add (ids, key);
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }
  g_ptr_array_add (ids, NULL);
  /* One edit, one undo step, however long the drag. */
  if (!trib_workflow_move_nodes (self->workflow, (const char * const *) ids->pdata, (double *) xy->data, &error))
    g_warning ("%s", error->message);
}

static void
finish_rubber_band (TribCanvas *self)
{
  double x0, y0, x1, y1;
  GHashTableIter iter;
  gpointer key;

  _trib_canvas_view_to_model (self, MIN (self->drag_x0, self->pointer_x), MIN (self->drag_y0, self->pointer_y),
                              &x0, &y0);
  _trib_canvas_view_to_model (self, MAX (self->drag_x0, self->pointer_x), MAX (self->drag_y0, self->pointer_y),
                              &x1, &y1);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      double x, y;

      _trib_canvas_node_position (self, key, &x, &y);
      if (x < x1 && x + TRIB_LAYOUT_NODE_WIDTH > x0 && y < y1 && y + TRIB_LAYOUT_NODE_HEIGHT > y0)
        g_hash_table_add (self->selection, g_strdup (key));
    }
  refresh_selection (self);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             TribCanvas     *self)
{
  TribCanvasDrag mode = self->drag_mode;

  self->pointer_x = self->drag_x0 + dx;
  self->pointer_y = self->drag_y0 + dy;

  if (mode == TRIB_CANVAS_DRAG_MOVE)
    finish_move (self);
  else if (mode == TRIB_CANVAS_DRAG_RUBBER && hypot (dx, dy) >= DRAG_THRESHOLD)
    finish_rubber_band (self);
  else if (mode == TRIB_CANVAS_DRAG_CONNECT && hypot (dx, dy) >= DRAG_THRESHOLD)
    {
      TribNodeCard *target = card_at (self, self->pointer_x, self->pointer_y, NULL);

      if (target)
        trib_canvas_connect_nodes (self, self->connect_from, trib_node_card_get_node_id (target));
    }
  self->drag_mode = TRIB_CANVAS_DRAG_NONE;
  g_clear_pointer (&self->connect_from, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TribCanvas               *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TribCanvas               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK))
    return FALSE;   /* the scrolled window pans */
  _trib_canvas_zoom_at (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               TribCanvas       *self)
{
  self->zoom_at_gesture = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       TribCanvas     *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  _trib_canvas_zoom_at (self, self->zoom_at_gesture * scale, x, y);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TribCanvas    *self)
{
  const char *command = g_value_get_string (value);
  TribNodeKind kind = trib_node_kind_from_command (command);

  if (kind == TRIB_NODE_KIND_UNKNOWN || kind == TRIB_NODE_KIND_REFERENCE)
    return FALSE;
  self->pointer_x = x;
  self->pointer_y = y;
  trib_canvas_create_node_at (self, kind, x, y);
  return TRUE;
}

/* Keyboard -------------------------------------------------------------------------- */

/* The nearest node from @from in the direction (dx, dy), favouring straight lines. */
static const char *
neighbour_in_direction (TribCanvas *self,
                        const char *from,
                        int         dx,
                        int         dy)
{
  GHashTableIter iter;
  gpointer key;
  const char *best = NULL;
  double best_score = G_MAXDOUBLE, fx, fy;

  _trib_canvas_node_position (self, from, &fx, &fy);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      double x, y, along, across;

      if (g_str_equal (key, from))
        continue;
      _trib_canvas_node_position (self, key, &x, &y);
      along = (x - fx) * dx + (y - fy) * dy;
      across = fabs ((x - fx) * dy) + fabs ((y - fy) * dx);
      if (along <= 0)
        continue;
      if (along + 2 * across < best_score)
        {
          best_score = along + 2 * across;
          best = key;
        }
    }
  return best;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TribCanvas            *self)
{
  int dx = 0, dy = 0;
  const char *focus = focused_node (self);

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
    case GDK_KEY_space:
      if (focus == NULL)
        {
          self->space_held = TRUE;
          return TRUE;
        }
      trib_canvas_select_node (self, focus, (state & GDK_CONTROL_MASK) != 0);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      if (focus == NULL)
        return FALSE;
      trib_canvas_select_node (self, focus, FALSE);
      _trib_canvas_emit_node_activated (self, focus);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->drag_mode != TRIB_CANVAS_DRAG_NONE)
        return FALSE;
      clear_selection (self);
      return TRUE;
    default:
      return FALSE;
    }

  if (state & GDK_SHIFT_MASK)
    {
      move_selection_by (self, dx * KEY_STEP, dy * KEY_STEP);
      return TRUE;
    }
  if (focus == NULL)
    {
      /* From the canvas itself, arrows pan. */
      gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx * 40);
      gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy * 40);
      return TRUE;
    }
  {
    const char *next = neighbour_in_direction (self, focus, dx, dy);

    if (next)
      trib_canvas_reveal_node (self, next);
  }
  return TRUE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 TribCanvas            *self)
{
  if (keyval == GDK_KEY_space)
    self->space_held = FALSE;
}

/* Focus ----------------------------------------------------------------------------- */

static void
card_focus_enter_cb (GtkEventControllerFocus *controller,
                     TribCanvas              *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *id = trib_node_card_get_node_id (TRIB_NODE_CARD (card));
  double x, y, vx, vy;

  /* Tabbing onto a node selects it and brings it into view. */
  if (!g_hash_table_contains (self->selection, id))
    trib_canvas_select_node (self, id, FALSE);
  _trib_canvas_node_position (self, id, &x, &y);
  _trib_canvas_model_to_view (self, x, y, &vx, &vy);
  if (vx < 0 || vy < 0 || vx + TRIB_LAYOUT_NODE_WIDTH * self->zoom > gtk_widget_get_width (GTK_WIDGET (self)) ||
      vy + TRIB_LAYOUT_NODE_HEIGHT * self->zoom > gtk_widget_get_height (GTK_WIDGET (self)))
    _trib_canvas_center_on (self, x + TRIB_LAYOUT_NODE_WIDTH / 2, y + TRIB_LAYOUT_NODE_HEIGHT / 2);
  _trib_canvas_update_actions (self);
}

void
_trib_canvas_setup_card (TribCanvas   *self,
                         TribNodeCard *card)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "enter", G_CALLBACK (card_focus_enter_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (card), focus);
}

void
_trib_canvas_set_workspace (TribCanvas    *self,
                            TribWorkspace *workspace)
{
  self->workspace = workspace;
}

/* Setup ----------------------------------------------------------------------------- */

void
_trib_canvas_class_init_input (GtkWidgetClass *widget_class)
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

void
_trib_canvas_init_input (TribCanvas *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
