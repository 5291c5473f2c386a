/* trib-node-properties.h: the Properties pane of a node (DataStudio's "Properties" tab)
 *
 * Scheduling parameters, schedule, rerun, dependencies, outputs and general settings of
 * one node, each field checked as it is typed; valid input is written to the workflow
 * at once as an undoable edit, invalid input stays in the field with its reason and is
 * listed in "problems".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-workflow.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

#define TRIB_TYPE_NODE_PROPERTIES (trib_node_properties_get_type ())

G_DECLARE_FINAL_TYPE (TribNodeProperties, trib_node_properties, TRIB, NODE_PROPERTIES, AdwBin)

GtkWidget  *trib_node_properties_new          (TribWorkspace      *workspace,
                                               TribWorkflow       *workflow,
                                               const char         *node_id);
const char *trib_node_properties_get_node_id  (TribNodeProperties *self);
/* The invalid input the pane holds that is not in the document, one full sentence per
 * field ("Schedule: cron \"00 61 00 * * ?\": minute field \"61\": ..."); NULL when none. */
GStrv       trib_node_properties_dup_problems (TribNodeProperties *self);
/* Applies pending valid input (a name typed but not yet confirmed) now. */
void        trib_node_properties_flush        (TribNodeProperties *self);

G_END_DECLS
