/* trib-node-card.h: one node on the canvas, a card with its type icon, name and type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_NODE_CARD (trib_node_card_get_type ())

G_DECLARE_FINAL_TYPE (TribNodeCard, trib_node_card, TRIB, NODE_CARD, GtkWidget)

GtkWidget  *trib_node_card_new           (TribNode     *node);
TribNode   *trib_node_card_get_node      (TribNodeCard *self);
/* The node object is replaced after every edit; the card (and its focus) stays. */
void        trib_node_card_set_node      (TribNodeCard *self,
                                          TribNode     *node);
const char *trib_node_card_get_node_id   (TribNodeCard *self);
gboolean    trib_node_card_get_selected  (TribNodeCard *self);
void        trib_node_card_set_selected  (TribNodeCard *self,
                                          gboolean      selected);
/* The output handle, from which lines are drawn. */
GtkWidget  *trib_node_card_get_handle    (TribNodeCard *self);
/* Extra words for the accessible description (a run state, later). */
void        trib_node_card_set_state_text (TribNodeCard *self,
                                           const char   *text);
/* The node's state in the run shown (icon, words and colour; never colour alone).
 * @detail ("45%", "2 min 5 s") may be NULL. TRIB_NODE_STATE_NOT_RUN with @shown FALSE
 * hides the state: no run is shown. */
void        trib_node_card_set_run_state  (TribNodeCard  *self,
                                           gboolean       shown,
                                           TribNodeState  state,
                                           const char    *detail);
TribNodeState trib_node_card_get_run_state (TribNodeCard *self);
/* What a screen reader says after the name: "Batch synchronization, Succeeded". */
char       *trib_node_card_dup_description (TribNodeCard *self);

G_END_DECLS
