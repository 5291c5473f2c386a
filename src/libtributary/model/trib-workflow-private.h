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
};

JsonObject *_trib_workflow_root_object  (TribWorkflow *self);
JsonObject *_trib_workflow_spec_object  (TribWorkflow *self);
void        _trib_workflow_notify_valid (TribWorkflow *self);

G_END_DECLS
