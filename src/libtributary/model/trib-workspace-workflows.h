/* trib-workspace-workflows.h: creating, renaming, copying and deleting workflow files
 *
 * These change the workspace in memory only; the caller saves the workflows (with
 * trib_workflow_save_async()) and deletes files, so that no I/O happens here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-workspace.h"

G_BEGIN_DECLS

/* Not empty, at most 128 characters, a usable file name derived from it, and unique
 * in the workspace by name and by file (@except may keep its own). */
gboolean       trib_workspace_check_workflow_name (TribWorkspace  *self,
                                                   const char     *name,
                                                   TribWorkflow   *except,
                                                   GError        **error);
/* An empty workflow at workflows/<stem>.json, added to the workspace and not saved yet. */
TribWorkflow  *trib_workspace_new_workflow        (TribWorkspace  *self,
                                                   const char     *name,
                                                   const char     *description,
                                                   GError        **error);
/* A copy whose nodes are renamed "<name>_copy", so their outputs stay unique. */
TribWorkflow  *trib_workspace_duplicate_workflow  (TribWorkspace  *self,
                                                   TribWorkflow   *workflow,
                                                   const char     *name,
                                                   GError        **error);
/* Renames it; the file name follows the name. Returns the file to delete, if it moved. */
gboolean       trib_workspace_rename_workflow     (TribWorkspace  *self,
                                                   TribWorkflow   *workflow,
                                                   const char     *name,
                                                   const char     *description,
                                                   GFile         **old_file,
                                                   GError        **error);
void           trib_workspace_remove_workflow     (TribWorkspace  *self,
                                                   TribWorkflow   *workflow);
/* "WORKFLOW / NODE" of every node outside @workflow that depends on one of @node_ids
 * (or on any node of @workflow when @node_ids is NULL). */
GPtrArray     *trib_workspace_list_dependents     (TribWorkspace       *self,
                                                   TribWorkflow        *workflow,
                                                   const char * const  *node_ids);

G_END_DECLS
