/* trib-dependency.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-dependency.h"

struct _TribDependency
{
  GObject  parent_instance;
  char    *node_id;
  char    *upstream_id;
  char    *output;
  char    *type;
};

G_DEFINE_FINAL_TYPE (TribDependency, trib_dependency, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NODE_ID,
  PROP_UPSTREAM_ID,
  PROP_OUTPUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_dependency_finalize (GObject *object)
{
  TribDependency *self = (TribDependency *) object;

  g_free (self->node_id);
  g_free (self->upstream_id);
  g_free (self->output);
  g_free (self->type);

  G_OBJECT_CLASS (trib_dependency_parent_class)->finalize (object);
}

static void
trib_dependency_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TribDependency *self = TRIB_DEPENDENCY (object);

  switch (prop_id)
    {
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    case PROP_UPSTREAM_ID:
      g_value_set_string (value, self->upstream_id);
      break;
    case PROP_OUTPUT:
      g_value_set_string (value, self->output);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_dependency_class_init (TribDependencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_dependency_finalize;
  object_class->get_property = trib_dependency_get_property;

  properties[PROP_NODE_ID] =
    g_param_spec_string ("node-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPSTREAM_ID] =
    g_param_spec_string ("upstream-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OUTPUT] =
    g_param_spec_string ("output", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_dependency_init (TribDependency *self)
{
}

TribDependency *
trib_dependency_new (const char *node_id,
                     const char *upstream_id,
                     const char *output,
                     const char *type)
{
  TribDependency *self = g_object_new (TRIB_TYPE_DEPENDENCY, NULL);

  self->node_id = g_strdup (node_id);
  self->upstream_id = g_strdup (upstream_id);
  self->output = g_strdup (output);
  self->type = g_strdup (type ? type : "Normal");
  return self;
}

const char *
trib_dependency_get_node_id (TribDependency *self)
{
  g_return_val_if_fail (TRIB_IS_DEPENDENCY (self), NULL);
  return self->node_id;
}

const char *
trib_dependency_get_upstream_id (TribDependency *self)
{
  g_return_val_if_fail (TRIB_IS_DEPENDENCY (self), NULL);
  return self->upstream_id;
}

const char *
trib_dependency_get_output (TribDependency *self)
{
  g_return_val_if_fail (TRIB_IS_DEPENDENCY (self), NULL);
  return self->output;
}

const char *
trib_dependency_get_dependency_type (TribDependency *self)
{
  g_return_val_if_fail (TRIB_IS_DEPENDENCY (self), NULL);
  return self->type;
}

void
_trib_dependency_set_upstream_id (TribDependency *self,
                                  const char     *upstream_id)
{
  g_return_if_fail (TRIB_IS_DEPENDENCY (self));

  if (g_strcmp0 (self->upstream_id, upstream_id) == 0)
    return;
  g_free (self->upstream_id);
  self->upstream_id = g_strdup (upstream_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPSTREAM_ID]);
}
