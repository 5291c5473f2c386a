/* trib-schema-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-schema-node.h"

struct _TribSchemaNode
{
  GObject             parent_instance;

  TribSchemaNodeKind  kind;
  char               *database;
  char               *table;
  char               *name;
  char               *type;
  GListStore         *children;
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (TribSchemaNode, trib_schema_node, G_TYPE_OBJECT)

static void
trib_schema_node_finalize (GObject *object)
{
  TribSchemaNode *self = TRIB_SCHEMA_NODE (object);

  g_free (self->database);
  g_free (self->table);
  g_free (self->name);
  g_free (self->type);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (trib_schema_node_parent_class)->finalize (object);
}

static void
trib_schema_node_class_init (TribSchemaNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_schema_node_finalize;
}

static void
trib_schema_node_init (TribSchemaNode *self)
{
}

TribSchemaNode *
trib_schema_node_new (TribSchemaNodeKind  kind,
                      const char         *database,
                      const char         *table,
                      const char         *name,
                      const char         *type)
{
  TribSchemaNode *self = g_object_new (TRIB_TYPE_SCHEMA_NODE, NULL);

  self->kind = kind;
  self->database = g_strdup (database);
  self->table = g_strdup (table);
  self->name = g_strdup (name);
  self->type = g_strdup (type);
  if (kind != TRIB_SCHEMA_NODE_COLUMN)
    self->children = g_list_store_new (TRIB_TYPE_SCHEMA_NODE);
  return self;
}

TribSchemaNodeKind
trib_schema_node_get_kind (TribSchemaNode *self)
{
  return self->kind;
}

const char *
trib_schema_node_get_name (TribSchemaNode *self)
{
  return self->name;
}

const char *
trib_schema_node_get_database (TribSchemaNode *self)
{
  return self->database;
}

const char *
trib_schema_node_get_table (TribSchemaNode *self)
{
  return self->table;
}

const char *
trib_schema_node_get_type_name (TribSchemaNode *self)
{
  return self->type;
}

char *
trib_schema_node_dup_qualified_name (TribSchemaNode *self)
{
  switch (self->kind)
    {
    case TRIB_SCHEMA_NODE_TABLE:
      return g_strdup_printf ("%s.%s", self->database, self->name);
    case TRIB_SCHEMA_NODE_DATABASE:
    case TRIB_SCHEMA_NODE_COLUMN:
    default:
      return g_strdup (self->name);
    }
}

GListStore *
trib_schema_node_get_children (TribSchemaNode *self)
{
  return self->children;
}

gboolean
trib_schema_node_get_loaded (TribSchemaNode *self)
{
  return self->loaded;
}

void
trib_schema_node_set_loaded (TribSchemaNode *self,
                             gboolean        loaded)
{
  self->loaded = loaded;
}
