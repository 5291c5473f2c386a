/* trib-workflow.h: one workflow file (workflows/NAME.json, DataWorks FlowSpec shape)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "trib-dependency.h"
#include "trib-node.h"

G_BEGIN_DECLS

#define TRIB_TYPE_WORKFLOW (trib_workflow_get_type ())

G_DECLARE_FINAL_TYPE (TribWorkflow, trib_workflow, TRIB, WORKFLOW, GObject)

/* A new, empty CycleWorkflow that will be saved to @file. */
TribWorkflow   *trib_workflow_new                (const char    *name,
                                                  GFile         *file,
                                                  const char    *display_path);
/* Always returns a workflow: one whose file is broken has no nodes and carries the
 * diagnostics that say why, so the rest of the workspace stays usable. */
TribWorkflow   *trib_workflow_load               (GFile         *file,
                                                  const char    *display_path,
                                                  GCancellable  *cancellable);
/* Parses @text as the workflow file at @display_path. */
TribWorkflow   *trib_workflow_new_from_text      (const char    *text,
                                                  GFile         *file,
                                                  const char    *display_path);
/* Writes the file (temporary file, then rename) if its text changed since it was read. */
gboolean        trib_workflow_save               (TribWorkflow  *self,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
/* Serialises on the caller's thread and writes the file in a worker thread; the
 * workflow counts as saved once the finish function has returned TRUE. */
void            trib_workflow_save_async         (TribWorkflow        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        trib_workflow_save_finish        (TribWorkflow  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);
/* TRUE when the document differs from the file as last read or saved. */
gboolean        trib_workflow_is_modified        (TribWorkflow  *self);
/* Replaces the whole document with @text (an undo snapshot, or the file re-read from
 * disk when @as_saved). The node and dependency models are rebuilt. */
void            trib_workflow_replace_text       (TribWorkflow  *self,
                                                  const char    *text,
                                                  gboolean       as_saved);
/* TRUE when @text is what was last read from or written to the file. */
gboolean        trib_workflow_is_saved_text      (TribWorkflow  *self,
                                                  const char    *text);
/* The workspace name that prefixes node outputs ("<workspace>.<node>"). */
void            trib_workflow_set_workspace_name (TribWorkflow  *self,
                                                  const char    *name);
const char     *trib_workflow_get_workspace_name (TribWorkflow  *self);
char           *trib_workflow_to_string          (TribWorkflow  *self);

GFile          *trib_workflow_get_file           (TribWorkflow  *self);
/* "workflows/NAME.json": the name used in every diagnostic. */
const char     *trib_workflow_get_display_path   (TribWorkflow  *self);
/* metadata.name, else the file name without ".json". */
const char     *trib_workflow_get_name           (TribWorkflow  *self);
/* The file name without ".json". */
char           *trib_workflow_dup_file_stem      (TribWorkflow  *self);
JsonNode       *trib_workflow_get_json           (TribWorkflow  *self);

/* TribNode items in file order. */
GListModel     *trib_workflow_get_nodes          (TribWorkflow  *self);
/* TribDependency items in file order. */
GListModel     *trib_workflow_get_dependencies   (TribWorkflow  *self);
/* TribDiagnostic items from the last validation. */
GListModel     *trib_workflow_get_diagnostics    (TribWorkflow  *self);
/* TRUE when the file parsed and validation found no error. */
gboolean        trib_workflow_is_valid           (TribWorkflow  *self);

TribNode       *trib_workflow_lookup_node        (TribWorkflow  *self,
                                                  const char    *id);
TribNode       *trib_workflow_lookup_node_by_name (TribWorkflow *self,
                                                  const char    *name);
/* Upstream node ids of @node_id inside this workflow (resolved dependencies only). */
GPtrArray      *trib_workflow_list_upstream      (TribWorkflow  *self,
                                                  const char    *node_id);
GPtrArray      *trib_workflow_list_downstream    (TribWorkflow  *self,
                                                  const char    *node_id);

void            trib_workflow_add_node           (TribWorkflow  *self,
                                                  TribNode      *node);
void            trib_workflow_add_dependency     (TribWorkflow  *self,
                                                  const char    *node_id,
                                                  const char    *upstream_id);

/* Re-runs every check. @data_sources lists the workspace's data source names;
 * @external_outputs the output names that nodes outside this file publish (the
 * workspace root among them). Either may be NULL to skip that check. */
void            trib_workflow_validate           (TribWorkflow       *self,
                                                  const char * const *data_sources,
                                                  const char * const *external_outputs);

/* Data source names a node refers to: the node's "datasource" and, for a sync node,
 * every steps[].parameter.datasource of its job. Adds "name" and "json path" pairs. */
void            trib_workflow_collect_datasource_refs (TribWorkflow *self,
                                                       TribNode     *node,
                                                       GPtrArray    *names,
                                                       GPtrArray    *paths);

/* A check that a layer above the model adds to every workflow's validation, so that
 * `validate` refuses what `run` would: the scheduler's cron expressions, the sync
 * layer's jobs (registered by trib_init()). @problems receives one string per problem,
 * "MEMBER.PATH: what is wrong", the path relative to the node. */
typedef void (*TribNodeCheckFunc) (TribNode  *node,
                                   GPtrArray *problems);

void            trib_workflow_register_node_check (TribNodeCheckFunc func);

G_END_DECLS
