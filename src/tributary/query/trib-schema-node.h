/* trib-schema-node.h: a database, table or column in the schema browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TRIB_SCHEMA_NODE_DATABASE,
  TRIB_SCHEMA_NODE_TABLE,
  TRIB_SCHEMA_NODE_COLUMN,
} TribSchemaNodeKind;

#define TRIB_TYPE_SCHEMA_NODE (trib_schema_node_get_type ())

G_DECLARE_FINAL_TYPE (TribSchemaNode, trib_schema_node, TRIB, SCHEMA_NODE, GObject)

TribSchemaNode     *trib_schema_node_new          (TribSchemaNodeKind  kind,
                                                   const char         *database,
                                                   const char         *table,
                                                   const char         *name,
                                                   const char         *type);
TribSchemaNodeKind  trib_schema_node_get_kind     (TribSchemaNode     *self);
const char         *trib_schema_node_get_name     (TribSchemaNode     *self);
const char         *trib_schema_node_get_database (TribSchemaNode     *self);
const char         *trib_schema_node_get_table    (TribSchemaNode     *self);
/* The column's type; NULL for others. */
const char         *trib_schema_node_get_type_name (TribSchemaNode    *self);
/* What a double-click inserts: db, db.table, or the column name. */
char               *trib_schema_node_dup_qualified_name (TribSchemaNode *self);
/* The children (TribSchemaNode), filled when loaded; NULL for a column. */
GListStore         *trib_schema_node_get_children (TribSchemaNode     *self);
gboolean            trib_schema_node_get_loaded   (TribSchemaNode     *self);
void                trib_schema_node_set_loaded   (TribSchemaNode     *self,
                                                   gboolean            loaded);

G_END_DECLS
