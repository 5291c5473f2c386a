/* trib-canvas-input.c: selection, pointer, keys and focus; the edits they lead to are in
 * trib-canvas-actions.c
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

void
_trib_canvas_refresh_selection (TribCanvas *self)
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

void
_trib_canvas_clear_selection (TribCanvas *self)
{
  g_hash_table_remove_all (self->selection);
  _trib_canvas_clear_edge_selection (self);
  _trib_canvas_refresh_selection (self);
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
  _trib_canvas_refresh_selection (self);
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
  _trib_canvas_refresh_selection (self);
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

const char *
_trib_canvas_focused_node (TribCanvas *self)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));

  return TRIB_IS_NODE_CARD (focus) ? trib_node_card_get_node_id (TRIB_NODE_CARD (focus)) : NULL;
}

/* The node an action applies to: the focused one, else the only selected one. */
const char *
_trib_canvas_current_node (TribCanvas *self)
{
  GHashTableIter iter;
  gpointer key;

  if (_trib_canvas_focused_node (self) && g_hash_table_contains (self->selection, _trib_canvas_focused_node (self)))
    return _trib_canvas_focused_node (self);
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
  gboolean one = _trib_canvas_current_node (self) != NULL;

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

void
_trib_canvas_show_message_at (TribCanvas *self,
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
          _trib_canvas_refresh_selection (self);
        }
      else if (!g_hash_table_contains (self->selection, id))
        trib_canvas_select_node (self, id, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (card));

      if (button == GDK_BUTTON_SECONDARY)
        _trib_canvas_show_context_menu (self, TRUE, x, y);
      else if (n_press == 2 && button == GDK_BUTTON_PRIMARY)
        _trib_canvas_emit_node_activated (self, id);
      return;
    }

  {
    g_autoptr(TribDependency) edge = edge_at (self, x, y);

    if (edge)
      trib_canvas_select_edge (self, trib_dependency_get_upstream_id (edge), trib_dependency_get_node_id (edge));
    else if (!(state & GDK_CONTROL_MASK))
      _trib_canvas_clear_selection (self);
  }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (button == GDK_BUTTON_SECONDARY)
    _trib_canvas_show_context_menu (self, FALSE, x, y);
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
      double x = _trib_canvas_snap_value (self, p[0]), y = _trib_canvas_snap_value (self, p[1]);

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
  _trib_canvas_refresh_selection (self);
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
  const char *focus = _trib_canvas_focused_node (self);

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
      _trib_canvas_clear_selection (self);
      return TRUE;
    default:
      return FALSE;
    }

  if (state & GDK_SHIFT_MASK)
    {
      _trib_canvas_move_selection_by (self, dx * KEY_STEP, dy * KEY_STEP);
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
  _trib_canvas_class_init_actions (widget_class);
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
