/* trib-canvas.h: the workflow canvas, nodes as child widgets and edges drawn beneath
 *
 * The canvas only calls the model's edit operations (trib-workflow-edit.h) and redraws
 * when the workflow changes; it holds no state of its own beyond the view (zoom,
 * scroll, selection). It implements GtkScrollable: put it in a GtkScrolledWindow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_CANVAS (trib_canvas_get_type ())

G_DECLARE_FINAL_TYPE (TribCanvas, trib_canvas, TRIB, CANVAS, GtkWidget)

#define TRIB_CANVAS_GRID 20.0
#define TRIB_CANVAS_MIN_ZOOM 0.1
#define TRIB_CANVAS_MAX_ZOOM 3.0

GtkWidget    *trib_canvas_new                 (TribWorkflow *workflow);
TribWorkflow *trib_canvas_get_workflow        (TribCanvas   *self);
double        trib_canvas_get_zoom            (TribCanvas   *self);
/* Zooms around the centre of the view. */
void          trib_canvas_set_zoom            (TribCanvas   *self,
                                               double        zoom);
gboolean      trib_canvas_get_snap_to_grid    (TribCanvas   *self);
void          trib_canvas_set_snap_to_grid    (TribCanvas   *self,
                                               gboolean      snap);
gboolean      trib_canvas_get_editable        (TribCanvas   *self);
void          trib_canvas_set_editable        (TribCanvas   *self,
                                               gboolean      editable);
/* Shows every node. */
void          trib_canvas_zoom_to_fit         (TribCanvas   *self);
/* Selects the node, scrolls it to the centre and gives it the focus. */
void          trib_canvas_reveal_node         (TribCanvas   *self,
                                               const char   *node_id);
/* Asks for a name, then creates the node at the centre of the view. */
void          trib_canvas_create_node         (TribCanvas   *self,
                                               TribNodeKind  kind);
/* Creates it at a point of the view (a drop), after asking for the name. */
void          trib_canvas_create_node_at      (TribCanvas   *self,
                                               TribNodeKind  kind,
                                               double        view_x,
                                               double        view_y);
/* Ids of the selected nodes, in file order. */
GStrv         trib_canvas_dup_selection       (TribCanvas   *self);
void          trib_canvas_select_node         (TribCanvas   *self,
                                               const char   *node_id,
                                               gboolean      add);
/* The card of a node, for tests and for later run states. */
GtkWidget    *trib_canvas_get_card            (TribCanvas   *self,
                                               const char   *node_id);
/* The last refusal shown at the pointer ("This line would create a cycle: ..."). */
const char   *trib_canvas_get_message         (TribCanvas   *self);
/* What a drag from @upstream's handle dropped on @downstream does; FALSE and the
 * reason shown when refused. */
gboolean      trib_canvas_connect_nodes       (TribCanvas   *self,
                                               const char   *upstream_id,
                                               const char   *downstream_id);
/* Selects the edge from @upstream_id to @downstream_id (Delete then removes it). */
void          trib_canvas_select_edge         (TribCanvas   *self,
                                               const char   *upstream_id,
                                               const char   *downstream_id);
/* Shows @node_id's state in a run on its card (and marks the lines into failed nodes). */
void          trib_canvas_set_node_state      (TribCanvas    *self,
                                               const char    *node_id,
                                               TribNodeState  state,
                                               const char    *detail);
/* Forgets every node's run state: no run is shown. */
void          trib_canvas_clear_node_states   (TribCanvas   *self);
/* The visible canvas area in model units. */
graphene_rect_t trib_canvas_get_visible_area  (TribCanvas   *self);

G_END_DECLS
