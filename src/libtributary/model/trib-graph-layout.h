/* trib-graph-layout.h: a layered drawing of a directed graph, top to bottom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Canvas units; the node card is drawn this size. */
#define TRIB_LAYOUT_NODE_WIDTH   300.0
#define TRIB_LAYOUT_NODE_HEIGHT   64.0
#define TRIB_LAYOUT_H_GAP         40.0
#define TRIB_LAYOUT_V_GAP         76.0
#define TRIB_LAYOUT_MARGIN        40.0

/* Places @n_nodes nodes given @n_edges edges (@edges holds from, to pairs of indices) in
 * layers: every edge points down (its target lies in a lower layer, unless the graph has
 * a cycle), nodes of a layer are ordered to keep crossings few, and no two overlap.
 * Deterministic: the same graph in the same order gives the same drawing. @xy receives
 * x0, y0, x1, y1, ... (top-left corners). */
void trib_graph_layout (guint        n_nodes,
                        const guint *edges,
                        guint        n_edges,
                        double      *xy);

/* Crossings between edges of adjacent layers in a drawing, for tests and benchmarks. */
guint trib_graph_count_crossings (guint         n_nodes,
                                  const guint  *edges,
                                  guint         n_edges,
                                  const double *xy);

G_END_DECLS
