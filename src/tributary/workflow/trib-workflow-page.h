/* trib-workflow-page.h: a workflow's nodes and dependencies, read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_WORKFLOW_PAGE (trib_workflow_page_get_type ())

G_DECLARE_FINAL_TYPE (TribWorkflowPage, trib_workflow_page, TRIB, WORKFLOW_PAGE, GtkWidget)

GtkWidget    *trib_workflow_page_new          (TribWorkflow     *workflow);
TribWorkflow *trib_workflow_page_get_workflow (TribWorkflowPage *self);

G_END_DECLS
