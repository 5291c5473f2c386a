/* trib-node.h: one node of a workflow (a FlowSpec spec.nodes[] entry)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TRIB_NODE_KIND_UNKNOWN,
  TRIB_NODE_KIND_VIRTUAL,        /* zero-load: succeeds at once */
  TRIB_NODE_KIND_DI,             /* batch sync, a DataWorks script-mode job */
  TRIB_NODE_KIND_EMR_SPARK_SQL,  /* Spark SQL through Kyuubi / HiveServer2 */
  TRIB_NODE_KIND_REFERENCE,      /* stands for a node outside the file, by output name */
} TribNodeKind;

#define TRIB_TYPE_NODE_KIND (trib_node_kind_get_type ())
GType trib_node_kind_get_type (void);

typedef enum
{
  TRIB_RERUN_ALLOWED,
  TRIB_RERUN_FAILURE_ALLOWED,
  TRIB_RERUN_DENIED,
} TribRerunMode;

typedef enum
{
  TRIB_RECURRENCE_NORMAL,
  TRIB_RECURRENCE_PAUSE,   /* frozen: does not run, descendants wait */
  TRIB_RECURRENCE_SKIP,    /* dry-run: reported as success without running */
} TribRecurrence;

#define TRIB_TYPE_NODE (trib_node_get_type ())

G_DECLARE_FINAL_TYPE (TribNode, trib_node, TRIB, NODE, GObject)

TribNode       *trib_node_new                  (const char     *id,
                                                const char     *name,
                                                TribNodeKind    kind);
/* Wraps @object (a spec.nodes[] entry) without copying it: setters write through. */
TribNode       *trib_node_new_for_json         (JsonObject     *object);
JsonObject     *trib_node_get_json             (TribNode       *self);

const char     *trib_node_get_id               (TribNode       *self);
const char     *trib_node_get_name             (TribNode       *self);
void            trib_node_set_name             (TribNode       *self,
                                                const char     *name);
/* The name if it has one, else the id. */
const char     *trib_node_get_display_name     (TribNode       *self);
TribNodeKind    trib_node_get_kind             (TribNode       *self);
/* script.runtime.command as written, e.g. "DI". */
const char     *trib_node_get_command          (TribNode       *self);
const char     *trib_node_get_language         (TribNode       *self);
/* script.content, or the older script.code. */
const char     *trib_node_get_content          (TribNode       *self);
void            trib_node_set_content          (TribNode       *self,
                                                const char     *content);
const char     *trib_node_get_description      (TribNode       *self);
const char     *trib_node_get_cron             (TribNode       *self);
void            trib_node_set_cron             (TribNode       *self,
                                                const char     *cron);
TribRerunMode   trib_node_get_rerun_mode       (TribNode       *self);
guint           trib_node_get_rerun_times      (TribNode       *self);
/* Milliseconds, as FlowSpec stores it. */
guint64         trib_node_get_rerun_interval   (TribNode       *self);
/* Seconds; 0 = none. FlowSpec's "timeout" is in hours. */
guint64         trib_node_get_timeout_seconds  (TribNode       *self);
TribRecurrence  trib_node_get_recurrence       (TribNode       *self);
/* The node's "datasource": {"name": ...}, if any. */
const char     *trib_node_get_datasource       (TribNode       *self);
/* For a reference node: the output it stands for. */
const char     *trib_node_get_reference_output (TribNode       *self);
/* outputs.nodeOutputs[].data */
GStrv           trib_node_dup_outputs          (TribNode       *self);

/* Scheduling parameters, script.parameters[] as name=value pairs in order. */
guint           trib_node_get_n_parameters     (TribNode       *self);
const char     *trib_node_get_parameter_name   (TribNode       *self,
                                                guint           position);
const char     *trib_node_get_parameter_value  (TribNode       *self,
                                                guint           position);
const char     *trib_node_lookup_parameter     (TribNode       *self,
                                                const char     *name);
void            trib_node_set_parameter        (TribNode       *self,
                                                const char     *name,
                                                const char     *value);

/* Canvas position, kept by the workflow under its "tributary" metadata. */
gboolean        trib_node_get_position         (TribNode       *self,
                                                double         *x,
                                                double         *y);
void            trib_node_set_position         (TribNode       *self,
                                                double          x,
                                                double          y);

const char     *trib_node_kind_to_command      (TribNodeKind    kind);
TribNodeKind    trib_node_kind_from_command    (const char     *command);
const char     *trib_node_kind_get_label       (TribNodeKind    kind);
const char     *trib_node_kind_get_icon_name   (TribNodeKind    kind);

G_END_DECLS
