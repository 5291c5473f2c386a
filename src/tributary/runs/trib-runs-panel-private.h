/* trib-runs-panel-private.h: shared by trib-runs-panel.c and trib-runs-panel-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-runs-panel.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_ID,
  COLUMN_WORKFLOW,
  COLUMN_KIND,
  COLUMN_BIZDATE,
  COLUMN_STATE,
  COLUMN_STARTED,
  COLUMN_DURATION,
  COLUMN_NODES,
} Column;

/* A column of the runs list; @fixed_width 0: it takes the room left. */
void                _trib_runs_panel_add_column           (GtkColumnView *view,
                                                           const char    *title,
                                                           Column         column,
                                                           int            fixed_width);
/* Rows of the node list: state icon, name, state, and the message as tooltip and
 * accessible description. */
GtkListItemFactory *_trib_runs_panel_new_instance_factory (void);

G_END_DECLS
