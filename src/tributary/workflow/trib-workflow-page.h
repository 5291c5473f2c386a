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
/* A node tab of this workflow. @check writes what the editor holds and returns the
 * invalid input it could not write (a NULL-terminated list, possibly empty); the page
 * asks every editor before saving and refuses to save while any has problems. */
typedef char **(*TribEditorCheckFunc) (GtkWidget *editor);

void           trib_workflow_page_add_editor     (TribWorkflowPage    *self,
                                                  GtkWidget           *editor,
                                                  TribEditorCheckFunc  check);
char         **trib_workflow_page_check_editors  (TribWorkflowPage    *self);
/* Saves, and shows what went wrong (a toast, or the fields to fix first). */
void           trib_workflow_page_save           (TribWorkflowPage    *self);
/* Saves in a worker thread; @callback may be NULL. Fails with TRIB_ERROR_INVALID, listing
 * the problems one a line, while an open editor holds invalid input. */
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
