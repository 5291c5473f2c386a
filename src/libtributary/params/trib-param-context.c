/* trib-param-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-param-context.h"

struct _TribParamContext
{
  GObject        parent_instance;
  GDateTime     *cyctime;
  TribCivilTime  cyctime_fields;
  char          *job_id;
  char          *node_id;
  char          *task_id;
};

G_DEFINE_FINAL_TYPE (TribParamContext, trib_param_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CYCTIME,
  PROP_JOB_ID,
  PROP_NODE_ID,
  PROP_TASK_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_param_context_finalize (GObject *object)
{
  TribParamContext *self = (TribParamContext *) object;

  g_clear_pointer (&self->cyctime, g_date_time_unref);
  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->task_id, g_free);

  G_OBJECT_CLASS (trib_param_context_parent_class)->finalize (object);
}

static void
trib_param_context_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TribParamContext *self = TRIB_PARAM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CYCTIME:
      g_value_set_boxed (value, self->cyctime);
      break;
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    case PROP_TASK_ID:
      g_value_set_string (value, self->task_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_param_context_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TribParamContext *self = TRIB_PARAM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CYCTIME:
      self->cyctime = g_value_dup_boxed (value);
      if (self->cyctime)
        trib_civil_from_date_time (self->cyctime, &self->cyctime_fields);
      break;
    case PROP_JOB_ID:
      self->job_id = g_value_dup_string (value);
      break;
    case PROP_NODE_ID:
      self->node_id = g_value_dup_string (value);
      break;
    case PROP_TASK_ID:
      self->task_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_param_context_class_init (TribParamContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_param_context_finalize;
  object_class->get_property = trib_param_context_get_property;
  object_class->set_property = trib_param_context_set_property;

  properties[PROP_CYCTIME] =
    g_param_spec_boxed ("cyctime", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_JOB_ID] =
    g_param_spec_string ("job-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NODE_ID] =
    g_param_spec_string ("node-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TASK_ID] =
    g_param_spec_string ("task-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_param_context_init (TribParamContext *self)
{
}

TribParamContext *
trib_param_context_new (GDateTime  *cyctime,
                        const char *job_id,
                        const char *node_id,
                        const char *task_id)
{
  g_return_val_if_fail (cyctime != NULL, NULL);

  return g_object_new (TRIB_TYPE_PARAM_CONTEXT,
                       "cyctime", cyctime,
                       "job-id", job_id,
                       "node-id", node_id,
                       "task-id", task_id,
                       NULL);
}

TribParamContext *
trib_param_context_new_for_node (TribParamContext *self,
                                 const char       *node_id,
                                 const char       *task_id)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (self), NULL);

  return trib_param_context_new (self->cyctime, self->job_id, node_id, task_id);
}

GDateTime *
trib_param_context_get_cyctime (TribParamContext *self)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (self), NULL);
  return self->cyctime;
}

void
trib_param_context_get_cyctime_fields (TribParamContext *self,
                                       TribCivilTime    *cyctime)
{
  g_return_if_fail (TRIB_IS_PARAM_CONTEXT (self));
  *cyctime = self->cyctime_fields;
}

void
trib_param_context_get_bizdate_fields (TribParamContext *self,
                                       TribCivilTime    *bizdate)
{
  g_return_if_fail (TRIB_IS_PARAM_CONTEXT (self));

  trib_civil_date_from_days (trib_civil_days_from_date (self->cyctime_fields.year,
                                                        self->cyctime_fields.month,
                                                        self->cyctime_fields.day) - 1,
                             &bizdate->year, &bizdate->month, &bizdate->day);
  bizdate->hour = 0;
  bizdate->minute = 0;
  bizdate->second = 0;
}

char *
trib_param_context_dup_bizdate (TribParamContext *self)
{
  TribCivilTime bizdate;

  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (self), NULL);

  trib_param_context_get_bizdate_fields (self, &bizdate);
  return trib_civil_format_date (&bizdate);
}

char *
trib_param_context_dup_cyctime_string (TribParamContext *self)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (self), NULL);
  return trib_civil_format_date_time (&self->cyctime_fields);
}

const char *
trib_param_context_get_job_id (TribParamContext *self)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (self), NULL);
  return self->job_id;
}

const char *
trib_param_context_get_node_id (TribParamContext *self)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (self), NULL);
  return self->node_id;
}

const char *
trib_param_context_get_task_id (TribParamContext *self)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (self), NULL);
  return self->task_id;
}
