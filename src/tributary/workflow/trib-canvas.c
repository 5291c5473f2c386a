/* trib-canvas.c: view, layout of the node cards, and drawing of grid and edges
 *
 * Input (pointer, keyboard, actions) lives in trib-canvas-input.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "trib-canvas-private.h"
#include "trib-name-dialog.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (TribCanvas, trib_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_WORKFLOW,
  PROP_ZOOM,
  PROP_SNAP_TO_GRID,
  PROP_EDITABLE,
  /* GtkScrollable */
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS = PROP_HADJUSTMENT
};

static GParamSpec *properties[N_PROPS];

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Empty space around the graph, in model units, so nodes can be dragged outwards. */
#define CONTENT_MARGIN 400.0

/* Positions ------------------------------------------------------------------------- */

gboolean
_trib_canvas_node_position (TribCanvas *self,
                            const char *id,
                            double     *x,
                            double     *y)
{
  TribNode *node = trib_workflow_lookup_node (self->workflow, id);
  double *dragged;

  if (node == NULL)
    return FALSE;
  /* While a drag runs the model keeps its old position; the view shows the new one. */
  if (self->drag_positions && (dragged = g_hash_table_lookup (self->drag_positions, id)))
    {
      *x = dragged[0];
      *y = dragged[1];
      return TRUE;
    }
  if (!trib_node_get_position (node, x, y))
    *x = *y = 0;
  return TRUE;
}

void
_trib_canvas_model_to_view (TribCanvas *self,
                            double      mx,
                            double      my,
                            double     *vx,
                            double     *vy)
{
  *vx = mx * self->zoom - gtk_adjustment_get_value (self->hadjustment);
  *vy = my * self->zoom - gtk_adjustment_get_value (self->vadjustment);
}

void
_trib_canvas_view_to_model (TribCanvas *self,
                            double      vx,
                            double      vy,
                            double     *mx,
                            double     *my)
{
  *mx = (vx + gtk_adjustment_get_value (self->hadjustment)) / self->zoom;
  *my = (vy + gtk_adjustment_get_value (self->vadjustment)) / self->zoom;
}

static graphene_rect_t
graph_bounds (TribCanvas *self)
{
  GListModel *nodes = trib_workflow_get_nodes (self->workflow);
  guint n = g_list_model_get_n_items (nodes);
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      double x, y;

      _trib_canvas_node_position (self, trib_node_get_id (node), &x, &y);
      if (i == 0)
        {
          x0 = x1 = x;
          y0 = y1 = y;
        }
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x + TRIB_LAYOUT_NODE_WIDTH);
      y1 = MAX (y1, y + TRIB_LAYOUT_NODE_HEIGHT);
    }
  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

/* Scrollable area: the graph plus a margin, and never less than the view. */
void
_trib_canvas_update_adjustments (TribCanvas *self)
{
  graphene_rect_t b = graph_bounds (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double lower_x = (b.origin.x - CONTENT_MARGIN) * self->zoom;
  double upper_x = (b.origin.x + b.size.width + CONTENT_MARGIN) * self->zoom;
  double lower_y = (b.origin.y - CONTENT_MARGIN) * self->zoom;
  double upper_y = (b.origin.y + b.size.height + CONTENT_MARGIN) * self->zoom;
  double hvalue = gtk_adjustment_get_value (self->hadjustment);
  double vvalue = gtk_adjustment_get_value (self->vadjustment);

  /* Keep what is on screen reachable while nodes move out of the old bounds. */
  lower_x = MIN (lower_x, hvalue);
  lower_y = MIN (lower_y, vvalue);
  upper_x = MAX (upper_x, hvalue + width);
  upper_y = MAX (upper_y, vvalue + height);

  self->updating_adjustments = TRUE;
  gtk_adjustment_configure (self->hadjustment, hvalue, lower_x, upper_x,
                            width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment, vvalue, lower_y, upper_y,
                            height * 0.1, height * 0.9, height);
  self->updating_adjustments = FALSE;
}

/* Cards ----------------------------------------------------------------------------- */

static int
compare_cards_by_position (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  TribCanvas *self = user_data;
  TribNode *na = *(TribNode **) a, *nb = *(TribNode **) b;
  double ax, ay, bx, by;

  _trib_canvas_node_position (self, trib_node_get_id (na), &ax, &ay);
  _trib_canvas_node_position (self, trib_node_get_id (nb), &bx, &by);
  /* Rows first (within half a card), then left to right: Tab reads like the graph. */
  if (fabs (ay - by) > TRIB_LAYOUT_NODE_HEIGHT / 2)
    return ay < by ? -1 : 1;
  if (ax != bx)
    return ax < bx ? -1 : 1;
  return 0;
}

/* Matches the cards to the model's nodes after an edit: a card survives (with its
 * focus) as long as its node id does. */
void
_trib_canvas_sync_cards (TribCanvas *self)
{
  GListModel *nodes = trib_workflow_get_nodes (self->workflow);
  guint n = g_list_model_get_n_items (nodes);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  GtkWidget *previous = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ordered, g_list_model_get_item (nodes, i));
  g_ptr_array_sort_with_data (ordered, compare_cards_by_position, self);

  for (guint i = 0; i < ordered->len; i++)
    {
      TribNode *node = ordered->pdata[i];
      const char *id = trib_node_get_id (node);
      GtkWidget *card = g_hash_table_lookup (self->cards, id);

      if (card == NULL)
        {
          gpointer state;

          card = trib_node_card_new (node);
          _trib_canvas_setup_card (self, TRIB_NODE_CARD (card));
          if (g_hash_table_lookup_extended (self->node_states, id, NULL, &state))
            trib_node_card_set_run_state (TRIB_NODE_CARD (card), TRUE, GPOINTER_TO_INT (state), NULL);
          gtk_widget_insert_after (card, GTK_WIDGET (self), previous);
          g_hash_table_insert (self->cards, g_strdup (id), card);
        }
      else
        {
          trib_node_card_set_node (TRIB_NODE_CARD (card), node);
          if (gtk_widget_get_prev_sibling (card) != previous)
            gtk_widget_insert_after (card, GTK_WIDGET (self), previous);
        }
      trib_node_card_set_selected (TRIB_NODE_CARD (card), g_hash_table_contains (self->selection, id));
      g_hash_table_add (keep, (gpointer) trib_node_card_get_node_id (TRIB_NODE_CARD (card)));
      previous = card;
    }

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (keep, key))
      {
        g_hash_table_remove (self->selection, key);
        gtk_widget_unparent (value);
        g_hash_table_iter_remove (&iter);
      }

  /* An edge whose ends are gone is no longer selected. */
  if (self->selected_edge_up &&
      (!g_hash_table_contains (self->cards, self->selected_edge_up) ||
       !g_hash_table_contains (self->cards, self->selected_edge_down)))
    _trib_canvas_clear_edge_selection (self);

  _trib_canvas_invalidate_edges (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  _trib_canvas_update_actions (self);
}

static void
workflow_changed_cb (TribCanvas   *self,
                     TribWorkflow *workflow)
{
  trib_workflow_place_unpositioned (workflow);
  _trib_canvas_sync_cards (self);
}

/* Layout ---------------------------------------------------------------------------- */

static void
trib_canvas_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  GHashTableIter iter;
  gpointer key, value;

  _trib_canvas_update_adjustments (self);

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double x, y, vx, vy;
      double w = TRIB_LAYOUT_NODE_WIDTH * self->zoom, h = TRIB_LAYOUT_NODE_HEIGHT * self->zoom;
      gboolean visible;
      GskTransform *transform;

      _trib_canvas_node_position (self, key, &x, &y);
      _trib_canvas_model_to_view (self, x, y, &vx, &vy);

      /* Cards out of view are neither allocated nor drawn, as a list view does with
       * its rows; the focused one stays, so keyboard focus is never lost. */
      visible = (vx + w >= -w && vy + h >= -h && vx <= width + w && vy <= height + h) ||
                gtk_widget_has_focus (value);
      gtk_widget_set_child_visible (value, visible);
      if (!visible)
        continue;

      transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (vx, vy));
      transform = gsk_transform_scale (transform, self->zoom, self->zoom);
      gtk_widget_allocate (value, TRIB_LAYOUT_NODE_WIDTH, TRIB_LAYOUT_NODE_HEIGHT, -1, transform);
    }

  if (self->message_popover)
    gtk_popover_present (GTK_POPOVER (self->message_popover));
  if (self->context_menu)
    gtk_popover_present (GTK_POPOVER (self->context_menu));

  /* The edge node is in view coordinates. */
  g_clear_pointer (&self->edges_node, gsk_render_node_unref);
}

static void
trib_canvas_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  GHashTableIter iter;
  gpointer value;

  /* Cards are measured so GTK is content; their size is fixed by the layout. */
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_widget_measure (value, orientation, -1, NULL, NULL, NULL, NULL);

  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
}

static void
adjustment_value_changed_cb (TribCanvas *self)
{
  if (self->updating_adjustments)
    return;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (TribCanvas     *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
  g_set_object (slot, adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* GObject --------------------------------------------------------------------------- */

static void
trib_canvas_dispose (GObject *object)
{
  TribCanvas *self = TRIB_CANVAS (object);
  GtkWidget *child;

  if (self->workflow)
    g_signal_handlers_disconnect_by_data (self->workflow, self);
  g_clear_pointer (&self->message_popover, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->edges_node, gsk_render_node_unref);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (trib_canvas_parent_class)->dispose (object);
}

static void
trib_canvas_finalize (GObject *object)
{
  TribCanvas *self = TRIB_CANVAS (object);

  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->drag_positions, g_hash_table_unref);
  g_clear_pointer (&self->frame_times, g_array_unref);
  g_clear_pointer (&self->node_states, g_hash_table_unref);
  g_free (self->connect_from);
  g_free (self->message);
  g_free (self->selected_edge_up);
  g_free (self->selected_edge_down);

  G_OBJECT_CLASS (trib_canvas_parent_class)->finalize (object);
}

static void
trib_canvas_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TribCanvas *self = TRIB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      g_value_set_object (value, self->workflow);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, GTK_SCROLL_NATURAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_canvas_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TribCanvas *self = TRIB_CANVAS (object);

  switch (prop_id)
    {
    case PROP_WORKFLOW:
      self->workflow = g_value_dup_object (value);
      break;
    case PROP_ZOOM:
      trib_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_SNAP_TO_GRID:
      trib_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    case PROP_EDITABLE:
      trib_canvas_set_editable (self, g_value_get_boolean (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
    case PROP_VSCROLL_POLICY:
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
style_changed_cb (TribCanvas *self)
{
  /* The cached edges carry the old foreground colour. */
  _trib_canvas_invalidate_edges (self);
}

static void
trib_canvas_constructed (GObject *object)
{
  TribCanvas *self = TRIB_CANVAS (object);

  G_OBJECT_CLASS (trib_canvas_parent_class)->constructed (object);

  set_adjustment (self, &self->hadjustment, self->hadjustment);
  set_adjustment (self, &self->vadjustment, self->vadjustment);
  g_signal_connect_object (self->workflow, "changed", G_CALLBACK (workflow_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  self->editable = trib_workflow_get_json (self->workflow) != NULL;
  trib_workflow_place_unpositioned (self->workflow);
  _trib_canvas_sync_cards (self);
}

static void
trib_canvas_class_init (TribCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_canvas_dispose;
  object_class->finalize = trib_canvas_finalize;
  object_class->get_property = trib_canvas_get_property;
  object_class->set_property = trib_canvas_set_property;
  object_class->constructed = trib_canvas_constructed;
  widget_class->snapshot = _trib_canvas_snapshot;
  widget_class->size_allocate = trib_canvas_size_allocate;
  widget_class->measure = trib_canvas_measure;

  properties[PROP_WORKFLOW] =
    g_param_spec_object ("workflow", NULL, NULL, TRIB_TYPE_WORKFLOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, TRIB_CANVAS_MIN_ZOOM, TRIB_CANVAS_MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* Enter, double-click or "Open" on a node. */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "trib-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  _trib_canvas_class_init_input (widget_class);
}

static void
trib_canvas_init (TribCanvas *self)
{
  self->zoom = 1.0;
  self->snap = TRUE;
  self->editable = TRUE;
  self->show_grid = TRUE;
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->frame_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->node_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workflow canvas"), -1);
  _trib_canvas_init_input (self);
}

/* Public ---------------------------------------------------------------------------- */

GtkWidget *
trib_canvas_new (TribWorkflow *workflow)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  return g_object_new (TRIB_TYPE_CANVAS, "workflow", workflow, NULL);
}

TribWorkflow *
trib_canvas_get_workflow (TribCanvas *self)
{
  g_return_val_if_fail (TRIB_IS_CANVAS (self), NULL);
  return self->workflow;
}

double
trib_canvas_get_zoom (TribCanvas *self)
{
  g_return_val_if_fail (TRIB_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
_trib_canvas_zoom_at (TribCanvas *self,
                      double      zoom,
                      double      vx,
                      double      vy)
{
  double mx, my;

  zoom = CLAMP (zoom, TRIB_CANVAS_MIN_ZOOM, TRIB_CANVAS_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  /* The model point under (vx, vy) stays under it. */
  _trib_canvas_view_to_model (self, vx, vy, &mx, &my);
  self->zoom = zoom;
  _trib_canvas_update_adjustments (self);
  self->updating_adjustments = TRUE;
  gtk_adjustment_set_value (self->hadjustment, mx * zoom - vx);
  gtk_adjustment_set_value (self->vadjustment, my * zoom - vy);
  self->updating_adjustments = FALSE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  _trib_canvas_update_actions (self);
}

void
trib_canvas_set_zoom (TribCanvas *self,
                      double      zoom)
{
  g_return_if_fail (TRIB_IS_CANVAS (self));
  _trib_canvas_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

gboolean
trib_canvas_get_snap_to_grid (TribCanvas *self)
{
  g_return_val_if_fail (TRIB_IS_CANVAS (self), FALSE);
  return self->snap;
}

void
trib_canvas_set_snap_to_grid (TribCanvas *self,
                              gboolean    snap)
{
  g_return_if_fail (TRIB_IS_CANVAS (self));

  if (self->snap == !!snap)
    return;
  self->snap = !!snap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

gboolean
trib_canvas_get_editable (TribCanvas *self)
{
  g_return_val_if_fail (TRIB_IS_CANVAS (self), FALSE);
  return self->editable;
}

void
trib_canvas_set_editable (TribCanvas *self,
                          gboolean    editable)
{
  g_return_if_fail (TRIB_IS_CANVAS (self));

  editable = editable && trib_workflow_get_json (self->workflow) != NULL;
  if (self->editable == !!editable)
    return;
  self->editable = !!editable;
  _trib_canvas_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

graphene_rect_t
trib_canvas_get_visible_area (TribCanvas *self)
{
  double x0, y0, x1, y1;

  _trib_canvas_view_to_model (self, 0, 0, &x0, &y0);
  _trib_canvas_view_to_model (self, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), &x1, &y1);
  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

void
_trib_canvas_center_on (TribCanvas *self,
                        double      mx,
                        double      my)
{
  _trib_canvas_update_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, mx * self->zoom - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0);
  gtk_adjustment_set_value (self->vadjustment, my * self->zoom - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
trib_canvas_zoom_to_fit (TribCanvas *self)
{
  graphene_rect_t b;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  g_return_if_fail (TRIB_IS_CANVAS (self));

  if (g_hash_table_size (self->cards) == 0 || width <= 0 || height <= 0)
    return;
  b = graph_bounds (self);
  zoom = MIN ((width - 48) / MAX (b.size.width, 1), (height - 48) / MAX (b.size.height, 1));
  zoom = CLAMP (MIN (zoom, 1.0), TRIB_CANVAS_MIN_ZOOM, TRIB_CANVAS_MAX_ZOOM);
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  _trib_canvas_center_on (self, b.origin.x + b.size.width / 2, b.origin.y + b.size.height / 2);
  _trib_canvas_update_actions (self);
}

void
trib_canvas_reveal_node (TribCanvas *self,
                         const char *node_id)
{
  GtkWidget *card;
  double x, y;

  g_return_if_fail (TRIB_IS_CANVAS (self));

  card = g_hash_table_lookup (self->cards, node_id);
  if (card == NULL)
    return;
  trib_canvas_select_node (self, node_id, FALSE);
  _trib_canvas_node_position (self, node_id, &x, &y);
  _trib_canvas_center_on (self, x + TRIB_LAYOUT_NODE_WIDTH / 2, y + TRIB_LAYOUT_NODE_HEIGHT / 2);
  gtk_widget_grab_focus (card);
}

GtkWidget *
trib_canvas_get_card (TribCanvas *self,
                      const char *node_id)
{
  g_return_val_if_fail (TRIB_IS_CANVAS (self), NULL);
  return g_hash_table_lookup (self->cards, node_id);
}

const char *
trib_canvas_get_message (TribCanvas *self)
{
  g_return_val_if_fail (TRIB_IS_CANVAS (self), NULL);
  return self->message;
}

void
_trib_canvas_emit_node_activated (TribCanvas *self,
                                  const char *node_id)
{
  g_signal_emit (self, signals[NODE_ACTIVATED], 0, node_id);
}

/* Frame times, for the canvas-1000 benchmark and nothing else. */
void
_trib_canvas_record_frame (TribCanvas *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->frame_times->len > 100000)
    g_array_set_size (self->frame_times, 0);
  g_array_append_val (self->frame_times, now);
}

GArray *
_trib_canvas_get_frame_times (TribCanvas *self)
{
  return self->frame_times;
}

void
trib_canvas_set_node_state (TribCanvas    *self,
                            const char    *node_id,
                            TribNodeState  state,
                            const char    *detail)
{
  GtkWidget *card;
  gpointer old;
  gboolean had;

  g_return_if_fail (TRIB_IS_CANVAS (self));

  had = g_hash_table_lookup_extended (self->node_states, node_id, NULL, &old);
  g_hash_table_replace (self->node_states, g_strdup (node_id), GINT_TO_POINTER (state));
  card = g_hash_table_lookup (self->cards, node_id);
  if (card)
    trib_node_card_set_run_state (TRIB_NODE_CARD (card), TRUE, state, detail);
  /* Lines into a failed node are drawn marked. */
  if (!had || (GPOINTER_TO_INT (old) == TRIB_NODE_STATE_FAILED) != (state == TRIB_NODE_STATE_FAILED))
    _trib_canvas_invalidate_edges (self);
}

void
trib_canvas_clear_node_states (TribCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (TRIB_IS_CANVAS (self));

  g_hash_table_remove_all (self->node_states);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    trib_node_card_set_run_state (value, FALSE, TRIB_NODE_STATE_NOT_RUN, NULL);
  _trib_canvas_invalidate_edges (self);
}
