/* trib-node-page.h: a node's tab: its editor on the left, its Properties on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"
#include "trib-workflow-page.h"

G_BEGIN_DECLS

#define TRIB_TYPE_NODE_PAGE (trib_node_page_get_type ())

G_DECLARE_FINAL_TYPE (TribNodePage, trib_node_page, TRIB, NODE_PAGE, GtkWidget)

/* @owner is the workflow's tab: its undo history and its Save are the node tab's too. */
GtkWidget        *trib_node_page_new              (TribWorkflowPage *owner,
                                                   const char       *node_id);
TribWorkflow     *trib_node_page_get_workflow     (TribNodePage     *self);
const char       *trib_node_page_get_node_id      (TribNodePage     *self);
TribWorkflowPage *trib_node_page_get_owner        (TribNodePage     *self);
/* The type's editor (NULL for a zero-load node) and the Properties pane. */
GtkWidget        *trib_node_page_get_editor       (TribNodePage     *self);
GtkWidget        *trib_node_page_get_properties   (TribNodePage     *self);
/* Writes what the editors hold; returns the invalid input they could not write. */
char            **trib_node_page_flush_and_check  (TribNodePage     *self);

G_END_DECLS
