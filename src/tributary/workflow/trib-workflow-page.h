/* trib-workflow-page.h: a workflow's tab: the canvas, its toolbar, undo and saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"
#include "trib-canvas.h"

G_BEGIN_DECLS

#define TRIB_TYPE_WORKFLOW_PAGE (trib_workflow_page_get_type ())

G_DECLARE_FINAL_TYPE (TribWorkflowPage, trib_workflow_page, TRIB, WORKFLOW_PAGE, GtkWidget)

GtkWidget     *trib_workflow_page_new            (TribWorkflow     *workflow,
                                                  TribWorkspace    *workspace);
TribWorkflow  *trib_workflow_page_get_workflow   (TribWorkflowPage *self);
TribCanvas    *trib_workflow_page_get_canvas     (TribWorkflowPage *self);
TribUndoStack *trib_workflow_page_get_undo_stack (TribWorkflowPage *self);
/* Saves in a worker thread; @callback may be NULL. */
void           trib_workflow_page_save_async     (TribWorkflowPage    *self,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       trib_workflow_page_save_finish    (TribWorkflowPage *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);
/* TRUE while the file-changed banner is shown. */
gboolean       trib_workflow_page_is_conflicted  (TribWorkflowPage *self);
/* Finds the first node whose name contains @text and centres it. */
gboolean       trib_workflow_page_find           (TribWorkflowPage *self,
                                                  const char       *text);

G_END_DECLS
