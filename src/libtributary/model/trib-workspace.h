/* trib-workspace.h: a workspace folder (tributary.json and a workflows folder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-data-source.h"
#include "trib-workflow.h"

G_BEGIN_DECLS

#define TRIB_WORKSPACE_FILE_NAME "tributary.json"
#define TRIB_WORKSPACE_WORKFLOWS_DIR "workflows"
#define TRIB_WORKSPACE_STATE_DIR ".tributary"

#define TRIB_TYPE_WORKSPACE (trib_workspace_get_type ())

G_DECLARE_FINAL_TYPE (TribWorkspace, trib_workspace, TRIB, WORKSPACE, GObject)

/* Fails only when tributary.json cannot be read or parsed; a broken workflow file is
 * loaded as a workflow that carries its diagnostics. */
TribWorkspace  *trib_workspace_load              (GFile               *directory,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void            trib_workspace_load_async        (GFile               *directory,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
TribWorkspace  *trib_workspace_load_finish       (GAsyncResult        *result,
                                                  GError             **error);
/* Creates an empty workspace in @directory (which must be empty or absent). */
TribWorkspace  *trib_workspace_create            (GFile               *directory,
                                                  const char          *name,
                                                  GError             **error);
/* Writes tributary.json and each workflow whose text changed, each atomically. */
gboolean        trib_workspace_save              (TribWorkspace       *self,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

/* tributary.json as it would be written now, or NULL when it has not changed. Made on
 * the caller's thread, so a worker thread only ever writes bytes, never reads the model. */
char           *trib_workspace_dup_settings_text_if_changed (TribWorkspace *self);
GFile          *trib_workspace_dup_settings_file (TribWorkspace       *self);
/* Records that @text is now what tributary.json holds on disk. */
void            trib_workspace_settings_written  (TribWorkspace       *self,
                                                  const char          *text);
/* Writes tributary.json (not the workflows) in a worker thread. */
void            trib_workspace_save_settings_async  (TribWorkspace       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        trib_workspace_save_settings_finish (TribWorkspace       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

GFile          *trib_workspace_get_directory     (TribWorkspace       *self);
/* .tributary/ inside the workspace: run history, logs, caches. Created on demand. */
GFile          *trib_workspace_get_state_directory (TribWorkspace     *self);
const char     *trib_workspace_get_name          (TribWorkspace       *self);
/* A random id fixed at creation; the keyring files secrets under it. */
const char     *trib_workspace_get_id            (TribWorkspace       *self);
/* IANA name from tributary.json, or NULL for the local time zone. */
const char     *trib_workspace_get_timezone_name (TribWorkspace       *self);
GTimeZone      *trib_workspace_dup_timezone      (TribWorkspace       *self);
/* "<name>_root": the implicit upstream of every start node. */
char           *trib_workspace_dup_root_output   (TribWorkspace       *self);

GListModel     *trib_workspace_get_data_sources  (TribWorkspace       *self);
TribDataSource *trib_workspace_lookup_data_source (TribWorkspace      *self,
                                                   const char         *name);
/* Adds, or replaces the data source of the same name. */
void            trib_workspace_put_data_source   (TribWorkspace       *self,
                                                  TribDataSource      *data_source);
gboolean        trib_workspace_remove_data_source (TribWorkspace      *self,
                                                   const char         *name);

GListModel     *trib_workspace_get_workflows     (TribWorkspace       *self);
/* By metadata name or by file name without ".json". */
TribWorkflow   *trib_workspace_lookup_workflow   (TribWorkspace       *self,
                                                  const char          *name);
void            trib_workspace_add_workflow      (TribWorkspace       *self,
                                                  TribWorkflow        *workflow);

/* Every diagnostic of tributary.json and of each workflow, after the last validation. */
GListModel     *trib_workspace_get_diagnostics   (TribWorkspace       *self);
gboolean        trib_workspace_is_valid          (TribWorkspace       *self);
/* Re-checks every file, including references between them. */
void            trib_workspace_validate          (TribWorkspace       *self);

/* Which nodes use the data source @name (in their own settings or in their sync job),
 * as "workflows/FILE.json: NODE" strings, in workflow and node order: the one answer for
 * the data source dialog and `datasource remove`. */
GPtrArray      *trib_workspace_list_data_source_users (TribWorkspace *self,
                                                       const char    *name);

/* The names of the data sources defined in tributary.json with errors (they are not
 * among the data sources), in file order. */
GStrv           trib_workspace_dup_invalid_data_source_names (TribWorkspace *self);

/* A data source defined in tributary.json but with errors (so not among the data
 * sources): its problems as one line, or NULL when @name is not such a source. */
char           *trib_workspace_dup_data_source_errors (TribWorkspace *self,
                                                       const char    *name);

G_END_DECLS
