/* trib-workflow-private.h: shared by the workflow's loading and validating halves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-workflow.h"

G_BEGIN_DECLS

/* The parsed document is kept whole and the model objects point into it, so a save
 * writes back every member, known or not, in its original order. */
struct _TribWorkflow
{
  GObject     parent_instance;
  GFile      *file;
  char       *display_path;
  JsonNode   *root;
  GListStore *nodes;
  GListStore *dependencies;
  GListStore *diagnostics;
  /* What is on disk, to skip writes that would change nothing. */
  char       *saved_text;
  /* Diagnostics from parsing, kept across re-validation. */
  GPtrArray  *parse_diagnostics;
  /* Node id -> TribNode, built on demand and dropped when the node list changes, so that
   * validating or running a workflow of 1,000 nodes is not cubic. */
  GHashTable *node_index;
  /* Node id -> Neighbours (upstream and downstream ids), built on demand, so that the
   * cycle check of a 1,000-node workflow is linear rather than nodes × edges. */
  GHashTable *neighbour_index;
  /* "<workspace>" of the node outputs "<workspace>.<node>"; set by the workspace. */
  char       *workspace_name;
  /* Cached "document differs from what is on disk". */
  gboolean    modified;
};

JsonObject *_trib_workflow_root_object  (TribWorkflow *self);
JsonObject *_trib_workflow_spec_object  (TribWorkflow *self);
void        _trib_workflow_notify_valid (TribWorkflow *self);
/* Drops the neighbour index after dependencies were resolved or changed. */
void        _trib_workflow_invalidate_neighbours (TribWorkflow *self);
/* Parses @text into the document, collecting parse errors; models are not touched. */
void        _trib_workflow_parse_text   (TribWorkflow *self,
                                         const char   *text);
/* Emits "changed"; the signal and "modified" live in trib-workflow.c. */
void        _trib_workflow_emit_changed (TribWorkflow *self);
void        _trib_workflow_set_modified (TribWorkflow *self,
                                         gboolean      modified);
/* Rebuilds the node and dependency models from the document, after an edit. */
void        _trib_workflow_reparse      (TribWorkflow *self);
/* Emits "changed" and updates "modified": every edit ends with this. */
void        _trib_workflow_edited       (TribWorkflow *self);
void        _trib_workflow_update_modified (TribWorkflow *self);
void        _trib_workflow_clear_last_edit (TribWorkflow *self);
/* metadata.tributary.canvas.nodes: position by node id. */
JsonObject *_trib_workflow_canvas_positions (TribWorkflow *self,
                                             gboolean      create);
/* Writes the nodes' canvas positions into the document. */
void        _trib_workflow_store_positions (TribWorkflow *self);

G_END_DECLS
