/* trib-node-private.h: what the workflow's layout and edits need of a node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-node.h"

G_BEGIN_DECLS

/* A position computed by the automatic layout: shown, but written to the file only
 * once pinned (by the next edit), so that opening a workflow changes nothing. */
void      _trib_node_set_layout_position (TribNode *self,
                                          double    x,
                                          double    y);
gboolean  _trib_node_has_layout_position (TribNode *self);
void      _trib_node_pin_position        (TribNode *self);

G_END_DECLS
