/* trib-workflow-edit.h: the edits a person makes to a workflow on the canvas
 *
 * Every operation checks its input first and changes nothing when it fails, so an
 * invalid workflow cannot be made through them. Each successful one rebuilds the node
 * and dependency models, re-validates and emits TribWorkflow::changed, with a label
 * for the undo stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-workflow.h"

G_BEGIN_DECLS

#define TRIB_NODE_NAME_MAX_CHARS 128

/* A node name as DataWorks allows it: not empty, at most 128 characters, letters of any
 * script, digits, "_" and "."; unique in the workflow (@except_id may keep its own). */
gboolean    trib_workflow_check_node_name   (TribWorkflow  *self,
                                             const char    *name,
                                             const char    *except_id,
                                             GError       **error);
/* A new node of @kind named @name at (@x, @y). It publishes "<workspace>.<name>" and,
 * having no upstream yet, depends on the workspace root. */
TribNode   *trib_workflow_create_node       (TribWorkflow  *self,
                                             TribNodeKind   kind,
                                             const char    *name,
                                             double         x,
                                             double         y,
                                             GError       **error);
/* A copy of the node (script, parameters, schedule) with a new name, without edges. */
TribNode   *trib_workflow_duplicate_node    (TribWorkflow  *self,
                                             const char    *id,
                                             GError       **error);
/* Removes the nodes, their edges and their positions. */
gboolean    trib_workflow_remove_nodes      (TribWorkflow       *self,
                                             const char * const *ids,
                                             GError            **error);
/* Renames the node and rewrites its default output and every "depends" that names it. */
gboolean    trib_workflow_rename_node       (TribWorkflow  *self,
                                             const char    *id,
                                             const char    *name,
                                             GError       **error);
/* Moves nodes: @ids and @xy (x0, y0, x1, y1, ...) of the same length. */
gboolean    trib_workflow_move_nodes        (TribWorkflow       *self,
                                             const char * const *ids,
                                             const double       *xy,
                                             GError            **error);
/* Makes @downstream_id depend on @upstream_id. Refused for an edge to itself, an edge
 * that exists, and one that would close a cycle (the message names the cycle). */
gboolean    trib_workflow_connect           (TribWorkflow  *self,
                                             const char    *upstream_id,
                                             const char    *downstream_id,
                                             GError       **error);
/* TRUE when trib_workflow_connect() would accept the edge; @error says why not. */
gboolean    trib_workflow_can_connect       (TribWorkflow  *self,
                                             const char    *upstream_id,
                                             const char    *downstream_id,
                                             GError       **error);
gboolean    trib_workflow_disconnect        (TribWorkflow  *self,
                                             const char    *upstream_id,
                                             const char    *downstream_id,
                                             GError       **error);
/* Replaces what @node_id depends on, in order: each entry is an output name (of a node of
 * this workflow, of another workflow, or the workspace root) or a node id of this
 * workflow. A node of this workflow is written by id, as trib_workflow_connect() does;
 * entries that stay keep their JSON. An empty list means the workspace root, and the root
 * is dropped when there is anything else (the canvas' rule). inputs.nodeOutputs, if the
 * node has it, follows. Refused for an empty entry, one listed twice, the node itself
 * and a cycle (the message names it). Whether an output outside the workflow exists is
 * the caller's check (it needs the workspace). */
gboolean    trib_workflow_set_upstreams     (TribWorkflow       *self,
                                             const char         *node_id,
                                             const char * const *upstreams,
                                             GError            **error);
/* Re-runs the automatic layout over every node ("Format"). */
void        trib_workflow_format            (TribWorkflow  *self);
/* Lays out the nodes that have no position yet (a FlowSpec file made elsewhere). The
 * positions are shown but not written until the next edit: opening changes nothing. */
void        trib_workflow_place_unpositioned (TribWorkflow *self);
/* Sets metadata.name and metadata.description. */
gboolean    trib_workflow_set_name_and_description (TribWorkflow *self,
                                                    const char   *name,
                                                    const char   *description,
                                                    GError      **error);
const char *trib_workflow_get_description   (TribWorkflow  *self);
/* Changes one node's JSON object (a spec.nodes[] entry) in place. @func returns FALSE
 * with @error set to refuse; the document is then left as it was. @merge_key, when not
 * NULL, lets the undo stack fold consecutive edits with the same key into one step
 * (typing in a script). The label names the edit for the undo stack. */
typedef gboolean (*TribNodeEditFunc) (JsonObject  *node,
                                      gpointer     user_data,
                                      GError     **error);

gboolean    trib_workflow_edit_node         (TribWorkflow     *self,
                                             const char       *id,
                                             const char       *label,
                                             const char       *merge_key,
                                             TribNodeEditFunc  func,
                                             gpointer          user_data,
                                             GError          **error);

/* Replaces script.content (the SQL, or the sync job's JSON text). Consecutive calls for
 * the same node are one undo step. Nothing is written when the text is unchanged. */
gboolean    trib_workflow_set_node_content  (TribWorkflow  *self,
                                             const char    *id,
                                             const char    *content,
                                             GError       **error);

/* Sets the node's "datasource": {"name", "type"}; a NULL @name removes it. */
gboolean    trib_workflow_set_node_datasource (TribWorkflow *self,
                                               const char   *id,
                                               const char   *name,
                                               const char   *type,
                                               GError      **error);

/* The merge key of the last edit, or NULL (see trib_workflow_edit_node()). */
const char *trib_workflow_get_last_edit_merge_key (TribWorkflow *self);

/* What the last edit did, for the undo stack ("Move", "Connect"...); NULL after the
 * document was replaced from disk. */
const char *trib_workflow_get_last_edit     (TribWorkflow  *self);
/* A file name stem derived from a workflow name: "User profile analysis_Spark" ->
 * "user_profile_analysis_spark". NULL when nothing usable remains. */
char       *trib_workflow_file_stem_for_name (const char   *name);

G_END_DECLS
