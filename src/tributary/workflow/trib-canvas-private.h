/* trib-canvas-private.h: shared by the canvas's drawing and input halves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-canvas.h"
#include "trib-node-card.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_CANVAS_DRAG_NONE,
  TRIB_CANVAS_DRAG_MOVE,
  TRIB_CANVAS_DRAG_RUBBER,
  TRIB_CANVAS_DRAG_PAN,
  TRIB_CANVAS_DRAG_CONNECT,
} TribCanvasDrag;

struct _TribCanvas
{
  GtkWidget       parent_instance;

  TribWorkflow   *workflow;
  TribWorkspace  *workspace;      /* unowned; names dependents in other workflows */
  GHashTable     *cards;          /* node id -> TribNodeCard (a child) */
  GHashTable     *selection;      /* node ids */
  char           *selected_edge_up;
  char           *selected_edge_down;

  double          zoom;
  gboolean        snap;
  gboolean        editable;
  gboolean        show_grid;
  GtkAdjustment  *hadjustment;
  GtkAdjustment  *vadjustment;
  gboolean        updating_adjustments;

  GskRenderNode  *edges_node;     /* cached until something moves */

  /* Pointer interaction. */
  TribCanvasDrag  drag_mode;
  double          drag_x0, drag_y0;       /* view coordinates where it started */
  double          pointer_x, pointer_y;   /* last known pointer, view coordinates */
  double          scroll_x0, scroll_y0;
  double          zoom_at_gesture;
  GHashTable     *drag_positions;         /* id -> double[2] while moving */
  char           *connect_from;
  gboolean        space_held;

  GtkWidget      *message_popover;
  GtkWidget      *context_menu;
  char           *message;

  GArray         *frame_times;

  /* Node id -> TribNodeState of the run shown, for cards made later and for edges. */
  GHashTable     *node_states;
};

gboolean  _trib_canvas_node_position      (TribCanvas  *self,
                                           const char  *id,
                                           double      *x,
                                           double      *y);
void      _trib_canvas_model_to_view      (TribCanvas  *self,
                                           double       mx,
                                           double       my,
                                           double      *vx,
                                           double      *vy);
void      _trib_canvas_view_to_model      (TribCanvas  *self,
                                           double       vx,
                                           double       vy,
                                           double      *mx,
                                           double      *my);
void      _trib_canvas_update_adjustments (TribCanvas  *self);
void      _trib_canvas_sync_cards         (TribCanvas  *self);
void      _trib_canvas_invalidate_edges   (TribCanvas  *self);
void      _trib_canvas_edge_curve         (TribCanvas  *self,
                                           const char  *up,
                                           const char  *down,
                                           double       p[8]);
void      _trib_canvas_zoom_at            (TribCanvas  *self,
                                           double       zoom,
                                           double       vx,
                                           double       vy);
void      _trib_canvas_center_on          (TribCanvas  *self,
                                           double       mx,
                                           double       my);
void      _trib_canvas_emit_node_activated (TribCanvas *self,
                                            const char *node_id);
void      _trib_canvas_record_frame       (TribCanvas  *self);
GArray   *_trib_canvas_get_frame_times    (TribCanvas  *self);

/* trib-canvas-draw.c */
void      _trib_canvas_snapshot           (GtkWidget   *widget,
                                           GtkSnapshot *snapshot);

/* trib-canvas-input.c */
void      _trib_canvas_class_init_input   (GtkWidgetClass *widget_class);
void      _trib_canvas_init_input         (TribCanvas  *self);
void      _trib_canvas_setup_card         (TribCanvas  *self,
                                           TribNodeCard *card);
void      _trib_canvas_update_actions     (TribCanvas  *self);
void      _trib_canvas_clear_edge_selection (TribCanvas *self);
void      _trib_canvas_set_workspace      (TribCanvas    *self,
                                           TribWorkspace *workspace);
void      _trib_canvas_refresh_selection  (TribCanvas  *self);
void      _trib_canvas_clear_selection    (TribCanvas  *self);
const char *_trib_canvas_focused_node     (TribCanvas  *self);
/* The node an action applies to: the focused one, else the only selected one. */
const char *_trib_canvas_current_node     (TribCanvas  *self);
/* Shows @message in a popover at (vx, vy), where the pointer is. */
void      _trib_canvas_show_message_at    (TribCanvas  *self,
                                           const char  *message,
                                           double       vx,
                                           double       vy);

/* trib-canvas-actions.c */
void      _trib_canvas_class_init_actions (GtkWidgetClass *widget_class);
double    _trib_canvas_snap_value         (TribCanvas  *self,
                                           double       value);
void      _trib_canvas_move_selection_by  (TribCanvas  *self,
                                           double       dx,
                                           double       dy);
void      _trib_canvas_show_context_menu  (TribCanvas  *self,
                                           gboolean     on_node,
                                           double       vx,
                                           double       vy);

G_END_DECLS
