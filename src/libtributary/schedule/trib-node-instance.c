/* trib-node-instance.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-node-instance-private.h"

G_DEFINE_FINAL_TYPE (TribNodeInstance, trib_node_instance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NODE_ID,
  PROP_NODE_NAME,
  PROP_STATE,
  PROP_ATTEMPT,
  PROP_MESSAGE,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_node_instance_finalize (GObject *object)
{
  TribNodeInstance *self = (TribNodeInstance *) object;

  if (self->timer)
    {
      g_source_destroy (self->timer);
      g_source_unref (self->timer);
    }
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->node_name, g_free);
  g_clear_pointer (&self->command, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_object (&self->parameters);
  g_clear_object (&self->node);
  g_clear_object (&self->execution);
  g_clear_object (&self->executor);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->upstream, g_ptr_array_unref);
  g_clear_pointer (&self->downstream, g_ptr_array_unref);

  G_OBJECT_CLASS (trib_node_instance_parent_class)->finalize (object);
}

static void
trib_node_instance_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TribNodeInstance *self = TRIB_NODE_INSTANCE (object);

  switch (prop_id)
    {
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    case PROP_NODE_NAME:
      g_value_set_string (value, self->node_name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ATTEMPT:
      g_value_set_uint (value, self->attempt);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_node_instance_class_init (TribNodeInstanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_node_instance_finalize;
  object_class->get_property = trib_node_instance_get_property;

  properties[PROP_NODE_ID] =
    g_param_spec_string ("node-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NODE_NAME] =
    g_param_spec_string ("node-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TRIB_TYPE_NODE_STATE, TRIB_NODE_STATE_NOT_RUN,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ATTEMPT] =
    g_param_spec_uint ("attempt", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, -1.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_node_instance_init (TribNodeInstance *self)
{
  self->progress = -1.0;
  self->max_attempts = 1;
  self->selected = TRUE;
  self->upstream = g_ptr_array_new ();
  self->downstream = g_ptr_array_new ();
}

TribNodeInstance *
_trib_node_instance_new (TribNode *node_copy,
                         guint     position)
{
  TribNodeInstance *self = g_object_new (TRIB_TYPE_NODE_INSTANCE, NULL);
  TribRerunMode mode = trib_node_get_rerun_mode (node_copy);

  self->node = g_object_ref (node_copy);
  self->position = position;
  self->node_id = g_strdup (trib_node_get_id (node_copy));
  self->node_name = g_strdup (trib_node_get_display_name (node_copy));
  self->kind = trib_node_get_kind (node_copy);
  self->command = g_strdup (trib_node_get_command (node_copy) ? trib_node_get_command (node_copy)
                            : self->kind == TRIB_NODE_KIND_REFERENCE ? "REFERENCE" : "");
  self->recurrence = trib_node_get_recurrence (node_copy);
  self->rerun_mode = mode;
  /* Denied: no automatic reruns either. */
  self->max_attempts = mode == TRIB_RERUN_DENIED ? 1 : trib_node_get_rerun_times (node_copy) + 1;
  self->retry_interval_ms = trib_node_get_rerun_interval (node_copy);
  self->timeout_ms = trib_node_get_timeout_seconds (node_copy) * 1000;
  return self;
}

void
_trib_node_instance_set_state (TribNodeInstance *self,
                               TribNodeState     state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_trib_node_instance_set_attempt (TribNodeInstance *self,
                                 guint             attempt)
{
  if (self->attempt == attempt)
    return;
  self->attempt = attempt;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPT]);
}

void
_trib_node_instance_set_message (TribNodeInstance *self,
                                 const char       *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

void
_trib_node_instance_set_progress (TribNodeInstance *self,
                                  double            progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

void
_trib_node_instance_set_times (TribNodeInstance *self,
                               gint64            started,
                               gint64            ended)
{
  self->started = started;
  self->ended = ended;
}

gint64
trib_node_instance_get_id (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), 0);
  return self->id;
}

const char *
trib_node_instance_get_node_id (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), NULL);
  return self->node_id;
}

const char *
trib_node_instance_get_node_name (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), NULL);
  return self->node_name;
}

TribNodeKind
trib_node_instance_get_kind (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), TRIB_NODE_KIND_UNKNOWN);
  return self->kind;
}

TribNodeState
trib_node_instance_get_state (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), TRIB_NODE_STATE_NOT_RUN);
  return self->state;
}

guint
trib_node_instance_get_attempt (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), 0);
  return self->attempt;
}

guint
trib_node_instance_get_max_attempts (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), 0);
  return self->max_attempts;
}

gint64
trib_node_instance_get_started (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), 0);
  return self->started;
}

gint64
trib_node_instance_get_ended (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), 0);
  return self->ended;
}

const char *
trib_node_instance_get_message (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), NULL);
  return self->message;
}

double
trib_node_instance_get_progress (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), -1.0);
  return self->progress;
}

TribParamSet *
trib_node_instance_get_parameters (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), NULL);
  return self->parameters;
}

const char *
trib_node_instance_get_code (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), NULL);
  return self->code;
}

gboolean
trib_node_instance_get_selected (TribNodeInstance *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_INSTANCE (self), FALSE);
  return self->selected;
}
