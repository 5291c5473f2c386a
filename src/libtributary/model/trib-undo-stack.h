/* trib-undo-stack.h: one undo history per workflow, made of whole-document snapshots
 *
 * Each state is the workflow's complete text after an edit, so undo and redo restore
 * exactly what was there, whatever happened in between (a drag, a format, a rename).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-workflow.h"

G_BEGIN_DECLS

#define TRIB_TYPE_UNDO_STACK (trib_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (TribUndoStack, trib_undo_stack, TRIB, UNDO_STACK, GObject)

/* Watches @workflow's edits from now on; its present text is the first state. */
TribUndoStack *trib_undo_stack_new            (TribWorkflow  *workflow);
TribWorkflow  *trib_undo_stack_get_workflow   (TribUndoStack *self);
gboolean       trib_undo_stack_can_undo       (TribUndoStack *self);
gboolean       trib_undo_stack_can_redo       (TribUndoStack *self);
/* What undo or redo would revert or repeat ("Move", "Connect"), or NULL. */
const char    *trib_undo_stack_get_undo_label (TribUndoStack *self);
const char    *trib_undo_stack_get_redo_label (TribUndoStack *self);
gboolean       trib_undo_stack_undo           (TribUndoStack *self);
gboolean       trib_undo_stack_redo           (TribUndoStack *self);
/* Forgets the history; the workflow's present text becomes the only state. */
void           trib_undo_stack_clear          (TribUndoStack *self);
guint          trib_undo_stack_get_depth      (TribUndoStack *self);

/* States kept; older ones are dropped. */
#define TRIB_UNDO_STACK_LIMIT 200

G_END_DECLS
