/* trib-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-json.h"
#include "trib-node.h"
#include "trib-node-private.h"

/* The spec.nodes[] object is the source of truth; only the canvas position lives here,
 * because FlowSpec has no place for it. */
struct _TribNode
{
  GObject     parent_instance;
  JsonObject *json;
  double      x;
  double      y;
  guint       has_position : 1;
  /* Placed by the automatic layout, not by the user: not written until pinned. */
  guint       position_is_layout : 1;
};

G_DEFINE_FINAL_TYPE (TribNode, trib_node, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TribNodeKind, trib_node_kind,
  G_DEFINE_ENUM_VALUE (TRIB_NODE_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_KIND_VIRTUAL, "virtual"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_KIND_DI, "di"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_KIND_EMR_SPARK_SQL, "emr-spark-sql"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_KIND_REFERENCE, "reference"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_CONTENT,
  PROP_CRON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
trib_node_kind_to_command (TribNodeKind kind)
{
  switch (kind)
    {
    case TRIB_NODE_KIND_VIRTUAL:       return "VIRTUAL";
    case TRIB_NODE_KIND_DI:            return "DI";
    case TRIB_NODE_KIND_EMR_SPARK_SQL: return "EMR_SPARK_SQL";
    case TRIB_NODE_KIND_REFERENCE:
    case TRIB_NODE_KIND_UNKNOWN:
    default:                           return NULL;
    }
}

TribNodeKind
trib_node_kind_from_command (const char *command)
{
  if (command == NULL)
    return TRIB_NODE_KIND_UNKNOWN;
  if (strcmp (command, "VIRTUAL") == 0)
    return TRIB_NODE_KIND_VIRTUAL;
  if (strcmp (command, "DI") == 0)
    return TRIB_NODE_KIND_DI;
  if (strcmp (command, "EMR_SPARK_SQL") == 0)
    return TRIB_NODE_KIND_EMR_SPARK_SQL;
  return TRIB_NODE_KIND_UNKNOWN;
}

const char *
trib_node_kind_get_label (TribNodeKind kind)
{
  switch (kind)
    {
    case TRIB_NODE_KIND_VIRTUAL:       return _("Zero-load node");
    case TRIB_NODE_KIND_DI:            return _("Batch synchronization");
    case TRIB_NODE_KIND_EMR_SPARK_SQL: return _("EMR Spark SQL");
    case TRIB_NODE_KIND_REFERENCE:     return _("External node");
    case TRIB_NODE_KIND_UNKNOWN:
    default:                           return _("Unknown");
    }
}

const char *
trib_node_kind_get_icon_name (TribNodeKind kind)
{
  switch (kind)
    {
    case TRIB_NODE_KIND_VIRTUAL:       return "trib-node-virtual-symbolic";
    case TRIB_NODE_KIND_DI:            return "trib-node-sync-symbolic";
    case TRIB_NODE_KIND_EMR_SPARK_SQL: return "trib-spark-symbolic";
    case TRIB_NODE_KIND_REFERENCE:     return "emblem-shared-symbolic";
    case TRIB_NODE_KIND_UNKNOWN:
    default:                           return "dialog-question-symbolic";
    }
}

static void
trib_node_finalize (GObject *object)
{
  TribNode *self = (TribNode *) object;

  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (trib_node_parent_class)->finalize (object);
}

static void
trib_node_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TribNode *self = TRIB_NODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, trib_node_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, trib_node_get_name (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, trib_node_get_kind (self));
      break;
    case PROP_CONTENT:
      g_value_set_string (value, trib_node_get_content (self));
      break;
    case PROP_CRON:
      g_value_set_string (value, trib_node_get_cron (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_node_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TribNode *self = TRIB_NODE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      trib_node_set_name (self, g_value_get_string (value));
      break;
    case PROP_CONTENT:
      trib_node_set_content (self, g_value_get_string (value));
      break;
    case PROP_CRON:
      trib_node_set_cron (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_node_class_init (TribNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_node_finalize;
  object_class->get_property = trib_node_get_property;
  object_class->set_property = trib_node_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, TRIB_TYPE_NODE_KIND, TRIB_NODE_KIND_UNKNOWN,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CRON] =
    g_param_spec_string ("cron", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_node_init (TribNode *self)
{
}

TribNode *
trib_node_new_for_json (JsonObject *object)
{
  TribNode *self;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (TRIB_TYPE_NODE, NULL);
  self->json = json_object_ref (object);
  return self;
}

TribNode *
trib_node_new (const char   *id,
               const char   *name,
               TribNodeKind  kind)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *script;
  JsonObject *runtime;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (kind != TRIB_NODE_KIND_UNKNOWN && kind != TRIB_NODE_KIND_REFERENCE, NULL);

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", name ? name : id);
  script = json_object_new ();
  json_object_set_object_member (object, "script", script);
  runtime = json_object_new ();
  switch (kind)
    {
    case TRIB_NODE_KIND_VIRTUAL:
      json_object_set_string_member (runtime, "engine", "General");
      break;
    case TRIB_NODE_KIND_DI:
      json_object_set_string_member (script, "language", "json");
      json_object_set_string_member (runtime, "engine", "DataIntegration");
      break;
    case TRIB_NODE_KIND_EMR_SPARK_SQL:
      json_object_set_string_member (script, "language", "spark-sql");
      json_object_set_string_member (runtime, "engine", "EMR");
      break;
    case TRIB_NODE_KIND_UNKNOWN:
    case TRIB_NODE_KIND_REFERENCE:
    default:
      g_assert_not_reached ();
    }
  json_object_set_string_member (runtime, "command", trib_node_kind_to_command (kind));
  json_object_set_object_member (script, "runtime", runtime);
  json_object_set_string_member (script, "content", "");
  json_object_set_array_member (script, "parameters", json_array_new ());
  json_object_set_string_member (object, "recurrence", "Normal");
  json_object_set_string_member (object, "rerunMode", "Allowed");

  return trib_node_new_for_json (object);
}

JsonObject *
trib_node_get_json (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return self->json;
}

static JsonObject *
get_script (TribNode *self)
{
  return trib_json_object_get_object (self->json, "script");
}

const char *
trib_node_get_id (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (self->json, "id", NULL);
}

const char *
trib_node_get_name (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (self->json, "name", NULL);
}

void
trib_node_set_name (TribNode   *self,
                    const char *name)
{
  g_return_if_fail (TRIB_IS_NODE (self));

  if (g_strcmp0 (name, trib_node_get_name (self)) == 0)
    return;
  trib_json_object_put_string (self->json, "name", name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
trib_node_get_display_name (TribNode *self)
{
  const char *name;

  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);

  name = trib_node_get_name (self);
  if (name && *name)
    return name;
  name = trib_node_get_id (self);
  return name ? name : "";
}

const char *
trib_node_get_command (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (trib_json_object_get_object (get_script (self), "runtime"),
                                      "command", NULL);
}

TribNodeKind
trib_node_get_kind (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), TRIB_NODE_KIND_UNKNOWN);

  if (json_object_has_member (self->json, "reference") && get_script (self) == NULL)
    return TRIB_NODE_KIND_REFERENCE;
  return trib_node_kind_from_command (trib_node_get_command (self));
}

const char *
trib_node_get_language (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (get_script (self), "language", NULL);
}

const char *
trib_node_get_content (TribNode *self)
{
  JsonObject *script;

  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);

  script = get_script (self);
  return trib_json_object_get_string (script, "content",
                                      trib_json_object_get_string (script, "code", NULL));
}

void
trib_node_set_content (TribNode   *self,
                       const char *content)
{
  JsonObject *script;

  g_return_if_fail (TRIB_IS_NODE (self));

  if (g_strcmp0 (content, trib_node_get_content (self)) == 0)
    return;
  script = trib_json_object_ensure_object (self->json, "script");
  /* Keep the member the file already uses. */
  if (!json_object_has_member (script, "content") && json_object_has_member (script, "code"))
    trib_json_object_put_string (script, "code", content ? content : "");
  else
    trib_json_object_put_string (script, "content", content ? content : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

const char *
trib_node_get_description (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (self->json, "description", NULL);
}

const char *
trib_node_get_cron (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (trib_json_object_get_object (self->json, "trigger"),
                                      "cron", NULL);
}

void
trib_node_set_cron (TribNode   *self,
                    const char *cron)
{
  JsonObject *trigger;

  g_return_if_fail (TRIB_IS_NODE (self));

  if (g_strcmp0 (cron, trib_node_get_cron (self)) == 0)
    return;
  trigger = trib_json_object_ensure_object (self->json, "trigger");
  if (!json_object_has_member (trigger, "type"))
    json_object_set_string_member (trigger, "type", "Scheduler");
  trib_json_object_put_string (trigger, "cron", cron);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CRON]);
}

TribRerunMode
trib_node_get_rerun_mode (TribNode *self)
{
  const char *mode;

  g_return_val_if_fail (TRIB_IS_NODE (self), TRIB_RERUN_ALLOWED);

  mode = trib_json_object_get_string (self->json, "rerunMode", "Allowed");
  if (g_str_equal (mode, "Denied"))
    return TRIB_RERUN_DENIED;
  if (g_str_equal (mode, "FailureAllowed"))
    return TRIB_RERUN_FAILURE_ALLOWED;
  return TRIB_RERUN_ALLOWED;
}

guint
trib_node_get_rerun_times (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), 0);
  return (guint) CLAMP (trib_json_object_get_int (self->json, "rerunTimes", 0), 0, 100);
}

guint64
trib_node_get_rerun_interval (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), 0);
  return (guint64) MAX (trib_json_object_get_int (self->json, "rerunInterval", 0), 0);
}

guint64
trib_node_get_timeout_seconds (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), 0);
  return (guint64) MAX (trib_json_object_get_int (self->json, "timeout", 0), 0) * 3600;
}

TribRecurrence
trib_node_get_recurrence (TribNode *self)
{
  const char *recurrence;

  g_return_val_if_fail (TRIB_IS_NODE (self), TRIB_RECURRENCE_NORMAL);

  recurrence = trib_json_object_get_string (self->json, "recurrence", "Normal");
  if (g_str_equal (recurrence, "Pause"))
    return TRIB_RECURRENCE_PAUSE;
  if (g_str_equal (recurrence, "Skip"))
    return TRIB_RECURRENCE_SKIP;
  return TRIB_RECURRENCE_NORMAL;
}

const char *
trib_node_get_datasource (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (trib_json_object_get_object (self->json, "datasource"),
                                      "name", NULL);
}

const char *
trib_node_get_reference_output (TribNode *self)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (trib_json_object_get_object (self->json, "reference"),
                                      "output", NULL);
}

GStrv
trib_node_dup_outputs (TribNode *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *outputs;

  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);

  outputs = trib_json_object_get_array (trib_json_object_get_object (self->json, "outputs"),
                                        "nodeOutputs");
  for (guint i = 0; outputs && i < json_array_get_length (outputs); i++)
    {
      JsonNode *element = json_array_get_element (outputs, i);
      const char *data;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      data = trib_json_object_get_string (json_node_get_object (element), "data", NULL);
      if (data && *data)
        g_strv_builder_add (builder, data);
    }
  if (trib_node_get_reference_output (self))
    g_strv_builder_add (builder, trib_node_get_reference_output (self));
  return g_strv_builder_end (builder);
}

static JsonArray *
get_parameters (TribNode *self)
{
  return trib_json_object_get_array (get_script (self), "parameters");
}

static JsonObject *
get_parameter (TribNode *self,
               guint     position)
{
  JsonArray *parameters = get_parameters (self);
  JsonNode *element;

  if (parameters == NULL || position >= json_array_get_length (parameters))
    return NULL;
  element = json_array_get_element (parameters, position);
  return JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
}

guint
trib_node_get_n_parameters (TribNode *self)
{
  JsonArray *parameters;

  g_return_val_if_fail (TRIB_IS_NODE (self), 0);

  parameters = get_parameters (self);
  return parameters ? json_array_get_length (parameters) : 0;
}

const char *
trib_node_get_parameter_name (TribNode *self,
                              guint     position)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (get_parameter (self, position), "name", NULL);
}

const char *
trib_node_get_parameter_value (TribNode *self,
                               guint     position)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);
  return trib_json_object_get_string (get_parameter (self, position), "value", NULL);
}

const char *
trib_node_lookup_parameter (TribNode   *self,
                            const char *name)
{
  guint n;

  g_return_val_if_fail (TRIB_IS_NODE (self), NULL);

  n = trib_node_get_n_parameters (self);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (trib_node_get_parameter_name (self, i), name) == 0)
      return trib_node_get_parameter_value (self, i);
  return NULL;
}

void
trib_node_set_parameter (TribNode   *self,
                         const char *name,
                         const char *value)
{
  JsonObject *script;
  JsonArray *parameters;
  JsonObject *parameter;
  guint n;

  g_return_if_fail (TRIB_IS_NODE (self));
  g_return_if_fail (name != NULL);

  n = trib_node_get_n_parameters (self);
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (trib_node_get_parameter_name (self, i), name) == 0)
        {
          if (value == NULL)
            json_array_remove_element (get_parameters (self), i);
          else
            trib_json_object_put_string (get_parameter (self, i), "value", value);
          return;
        }
    }

  if (value == NULL)
    return;

  script = trib_json_object_ensure_object (self->json, "script");
  parameters = trib_json_object_get_array (script, "parameters");
  if (parameters == NULL)
    {
      parameters = json_array_new ();
      json_object_set_array_member (script, "parameters", parameters);
    }
  parameter = json_object_new ();
  json_object_set_string_member (parameter, "name", name);
  json_object_set_string_member (parameter, "scope", "NodeParameter");
  json_object_set_string_member (parameter, "type", "System");
  json_object_set_string_member (parameter, "value", value);
  json_object_set_string_member (parameter, "artifactType", "Variable");
  json_array_add_object_element (parameters, parameter);
}

gboolean
trib_node_get_position (TribNode *self,
                        double   *x,
                        double   *y)
{
  g_return_val_if_fail (TRIB_IS_NODE (self), FALSE);

  if (x)
    *x = self->x;
  if (y)
    *y = self->y;
  return self->has_position;
}

void
trib_node_set_position (TribNode *self,
                        double    x,
                        double    y)
{
  g_return_if_fail (TRIB_IS_NODE (self));

  self->x = x;
  self->y = y;
  self->has_position = TRUE;
  self->position_is_layout = FALSE;
}

void
_trib_node_set_layout_position (TribNode *self,
                                double    x,
                                double    y)
{
  self->x = x;
  self->y = y;
  self->has_position = TRUE;
  self->position_is_layout = TRUE;
}

gboolean
_trib_node_has_layout_position (TribNode *self)
{
  return self->has_position && self->position_is_layout;
}

void
_trib_node_pin_position (TribNode *self)
{
  self->position_is_layout = FALSE;
}
