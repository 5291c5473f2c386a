/* trib-canvas-draw.c: the grid, the edges (cached until something moves) and what a
 * drag shows (rubber band, the line being drawn)
 *
 * GTK 4.8 has no GskPath: edges are stroked with cairo, only those that cross the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "trib-canvas-private.h"

/* Drawing --------------------------------------------------------------------------- */

void
_trib_canvas_invalidate_edges (TribCanvas *self)
{
  g_clear_pointer (&self->edges_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
get_foreground (TribCanvas *self,
                GdkRGBA    *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), color);
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

/* The curve of an edge, in view coordinates: out of the bottom of the upstream card,
 * into the top of the downstream one. */
void
_trib_canvas_edge_curve (TribCanvas *self,
                         const char *up,
                         const char *down,
                         double      p[8])
{
  double ux, uy, dx, dy, bend;

  _trib_canvas_node_position (self, up, &ux, &uy);
  _trib_canvas_node_position (self, down, &dx, &dy);
  _trib_canvas_model_to_view (self, ux + TRIB_LAYOUT_NODE_WIDTH / 2, uy + TRIB_LAYOUT_NODE_HEIGHT, &p[0], &p[1]);
  _trib_canvas_model_to_view (self, dx + TRIB_LAYOUT_NODE_WIDTH / 2, dy, &p[6], &p[7]);
  bend = MAX (fabs (p[7] - p[1]) / 2, 30 * self->zoom);
  p[2] = p[0];
  p[3] = p[1] + bend;
  p[4] = p[6];
  p[5] = p[7] - bend;
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x,
                 double   y,
                 double   size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - size * 0.6, y - size);
  cairo_line_to (cr, x + size * 0.6, y - size);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_edge (TribCanvas *self,
           cairo_t    *cr,
           const double p[8],
           gboolean    selected)
{
  double head = 9 * self->zoom;

  cairo_set_line_width (cr, (selected ? 3.0 : 1.5) * MAX (self->zoom, 0.5));
  if (selected)
    /* Selection is also shown by thickness and a dash, not by colour alone. */
    cairo_set_dash (cr, (double[]) { 8 * self->zoom, 4 * self->zoom }, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, p[0], p[1]);
  cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7] - head);
  cairo_stroke (cr);
  draw_arrow_head (cr, p[6], p[7], head);
}

static gboolean
curve_visible (const double p[8],
               int          width,
               int          height)
{
  double x0 = MIN (MIN (p[0], p[2]), MIN (p[4], p[6]));
  double x1 = MAX (MAX (p[0], p[2]), MAX (p[4], p[6]));
  double y0 = MIN (MIN (p[1], p[3]), MIN (p[5], p[7]));
  double y1 = MAX (MAX (p[1], p[3]), MAX (p[5], p[7]));

  return x1 >= 0 && y1 >= 0 && x0 <= width && y0 <= height;
}

/* All edges in one cairo node, kept until something moves; only edges that cross the
 * view are stroked, so a large graph costs what is visible. */
static GskRenderNode *
build_edges_node (TribCanvas *self,
                  int         width,
                  int         height)
{
  GListModel *deps = trib_workflow_get_dependencies (self->workflow);
  g_autoptr(GskRenderNode) node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);
  GdkRGBA fg;

  get_foreground (self, &fg);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
    {
      g_autoptr(TribDependency) dep = g_list_model_get_item (deps, i);
      const char *up = trib_dependency_get_upstream_id (dep);
      const char *down = trib_dependency_get_node_id (dep);
      gboolean selected;
      double p[8];

      if (up == NULL || !g_hash_table_contains (self->cards, up) || !g_hash_table_contains (self->cards, down))
        continue;
      _trib_canvas_edge_curve (self, up, down, p);
      if (!curve_visible (p, width, height))
        continue;
      selected = g_strcmp0 (up, self->selected_edge_up) == 0 && g_strcmp0 (down, self->selected_edge_down) == 0;
      if (GPOINTER_TO_INT (g_hash_table_lookup (self->node_states, down)) == TRIB_NODE_STATE_FAILED)
        {
          /* Into a failed node: red, and thick and dashed for those who cannot see red. */
          cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.95);
          draw_edge (self, cr, p, TRUE);
          continue;
        }
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, selected ? 0.95 : 0.55);
      draw_edge (self, cr, p, selected);
    }
  cairo_destroy (cr);
  return g_steal_pointer (&node);
}

static void
snapshot_grid (TribCanvas  *self,
               GtkSnapshot *snapshot,
               int          width,
               int          height)
{
  double step = TRIB_CANVAS_GRID * self->zoom;
  double ox, oy;
  GdkRGBA fg;

  /* Too dense to help below this size. */
  while (step < 8)
    step *= 2;

  get_foreground (self, &fg);
  fg.alpha = 0.10;
  ox = -fmod (gtk_adjustment_get_value (self->hadjustment), step);
  oy = -fmod (gtk_adjustment_get_value (self->vadjustment), step);
  if (ox > 0)
    ox -= step;
  if (oy > 0)
    oy -= step;

  /* One dot repeated by the renderer: the cost does not grow with the view. */
  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height),
                            &GRAPHENE_RECT_INIT (ox, oy, step, step));
  gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (ox, oy, 1.5, 1.5));
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_overlay (TribCanvas  *self,
                  GtkSnapshot *snapshot,
                  int          width,
                  int          height)
{
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };

  if (self->drag_mode == TRIB_CANVAS_DRAG_RUBBER)
    {
      graphene_rect_t r = GRAPHENE_RECT_INIT (MIN (self->drag_x0, self->pointer_x),
                                              MIN (self->drag_y0, self->pointer_y),
                                              fabs (self->pointer_x - self->drag_x0),
                                              fabs (self->pointer_y - self->drag_y0));
      GdkRGBA fill = accent;
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA colors[4] = { accent, accent, accent, accent };

      fill.alpha = 0.15;
      gtk_snapshot_append_color (snapshot, &fill, &r);
      gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (r.origin.x, r.origin.y, r.size.width, r.size.height),
                                  widths, colors);
    }
  else if (self->drag_mode == TRIB_CANVAS_DRAG_CONNECT && self->connect_from)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      double sx, sy, x, y;

      _trib_canvas_node_position (self, self->connect_from, &x, &y);
      _trib_canvas_model_to_view (self, x + TRIB_LAYOUT_NODE_WIDTH / 2, y + TRIB_LAYOUT_NODE_HEIGHT, &sx, &sy);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_move_to (cr, sx, sy);
      cairo_curve_to (cr, sx, sy + 40, self->pointer_x, self->pointer_y - 40, self->pointer_x, self->pointer_y);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
}

void
_trib_canvas_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TribCanvas *self = TRIB_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->show_grid)
    snapshot_grid (self, snapshot, width, height);

  if (self->edges_node == NULL)
    self->edges_node = build_edges_node (self, width, height);
  gtk_snapshot_append_node (snapshot, self->edges_node);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);

  snapshot_overlay (self, snapshot, width, height);
  gtk_snapshot_pop (snapshot);

  _trib_canvas_record_frame (self);
}

