/* trib-instance-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-history-records-private.h"
#include "trib-json.h"

struct _TribInstanceRecord
{
  GObject                parent_instance;
  TribInstanceRecordData data;
};

G_DEFINE_FINAL_TYPE (TribInstanceRecord, trib_instance_record, G_TYPE_OBJECT)

static void
trib_instance_record_finalize (GObject *object)
{
  TribInstanceRecord *self = (TribInstanceRecord *) object;

  g_free (self->data.node_id);
  g_free (self->data.node_name);
  g_free (self->data.command);
  g_free (self->data.message);
  g_free (self->data.log_path);
  g_free (self->data.parameters_json);

  G_OBJECT_CLASS (trib_instance_record_parent_class)->finalize (object);
}

static void
trib_instance_record_class_init (TribInstanceRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_instance_record_finalize;
}

static void
trib_instance_record_init (TribInstanceRecord *self)
{
}

TribInstanceRecord *
_trib_instance_record_new (TribInstanceRecordData *data)
{
  TribInstanceRecord *self = g_object_new (TRIB_TYPE_INSTANCE_RECORD, NULL);

  self->data = *data;
  memset (data, 0, sizeof *data);
  return self;
}

#define GETTER(type, name, field, fallback) \
  type \
  trib_instance_record_get_##name (TribInstanceRecord *self) \
  { \
    g_return_val_if_fail (TRIB_IS_INSTANCE_RECORD (self), fallback); \
    return self->data.field; \
  }

GETTER (gint64, id, id, 0)
GETTER (gint64, run_id, run_id, 0)
GETTER (guint, position, position, 0)
GETTER (const char *, node_id, node_id, NULL)
GETTER (const char *, node_name, node_name, NULL)
GETTER (const char *, command, command, NULL)
GETTER (TribNodeState, state, state, TRIB_NODE_STATE_NOT_RUN)
GETTER (guint, attempts, attempts, 0)
GETTER (guint, max_attempts, max_attempts, 0)
GETTER (gint64, started, started, 0)
GETTER (gint64, ended, ended, 0)
GETTER (const char *, message, message, NULL)
GETTER (const char *, log_path, log_path, NULL)

#undef GETTER

TribParamSet *
trib_instance_record_dup_parameters (TribInstanceRecord *self)
{
  g_autoptr(JsonNode) json = NULL;

  g_return_val_if_fail (TRIB_IS_INSTANCE_RECORD (self), NULL);

  if (self->data.parameters_json == NULL)
    return NULL;
  json = trib_json_parse (self->data.parameters_json, -1, "params", NULL);
  return trib_param_set_new_from_json (json, NULL);
}
