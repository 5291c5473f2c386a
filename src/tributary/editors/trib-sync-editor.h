/* trib-sync-editor.h: the batch synchronization node's editor (codeless form and script mode)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "trib-workflow.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_EDITOR (trib_sync_editor_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncEditor, trib_sync_editor, TRIB, SYNC_EDITOR, GtkWidget)

GtkWidget *trib_sync_editor_new          (TribWorkspace  *workspace,
                                          TribWorkflow   *workflow,
                                          const char     *node_id);
/* The invalid input shown that is not in the document, one sentence each; NULL when none. */
GStrv      trib_sync_editor_dup_problems (TribSyncEditor *self);
/* Applies pending valid input (script typing still within its delay) now. */
void       trib_sync_editor_flush        (TribSyncEditor *self);
/* TRUE while the script mode is shown. */
gboolean   trib_sync_editor_get_script_mode (TribSyncEditor *self);
/* Switches modes as the switcher does; FALSE (staying in script mode) when the form
 * cannot show the job. */
gboolean   trib_sync_editor_set_script_mode (TribSyncEditor *self,
                                             gboolean        script_mode);

G_END_DECLS
