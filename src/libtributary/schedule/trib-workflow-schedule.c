/* trib-workflow-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>

#include "trib-civil-time.h"
#include "trib-error.h"
#include "trib-json.h"
#include "trib-workflow-schedule.h"

struct _TribWorkflowSchedule
{
  GObject    parent_instance;
  char      *workflow;
  char      *workflow_name;
  char      *node;
  TribCron  *cron;
  GTimeZone *zone;
  gboolean   paused;
  gboolean   dry_run;
  GDateTime *start;
  GDateTime *end;
};

G_DEFINE_FINAL_TYPE (TribWorkflowSchedule, trib_workflow_schedule, G_TYPE_OBJECT)

static void
trib_workflow_schedule_finalize (GObject *object)
{
  TribWorkflowSchedule *self = TRIB_WORKFLOW_SCHEDULE (object);

  g_free (self->workflow);
  g_free (self->workflow_name);
  g_free (self->node);
  g_clear_object (&self->cron);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  G_OBJECT_CLASS (trib_workflow_schedule_parent_class)->finalize (object);
}

static void
trib_workflow_schedule_class_init (TribWorkflowScheduleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_workflow_schedule_finalize;
}

static void
trib_workflow_schedule_init (TribWorkflowSchedule *self)
{
}

/* The same rule as the runner's: the first root node with a cron, else the first node
 * with one. */
static TribNode *
find_start_node (TribWorkflow *workflow)
{
  GListModel *nodes = trib_workflow_get_nodes (workflow);
  TribNode *fallback = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_autoptr(GPtrArray) upstream = NULL;
      const char *cron = trib_node_get_cron (node);

      if (cron == NULL || *cron == '\0')
        continue;
      upstream = trib_workflow_list_upstream (workflow, trib_node_get_id (node));
      if (upstream == NULL || upstream->len == 0)
        return node;
      if (fallback == NULL)
        fallback = node;
    }
  return fallback;
}

/* "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-ddTHH:mm:ss" as wall time in @zone. Years past
 * 9998 (DataWorks writes 9999-01-01 for "never") mean no bound. */
static gboolean
parse_bound (const char  *text,
             GTimeZone   *zone,
             GDateTime  **result)
{
  int year, month, day, hour = 0, minute = 0, second = 0;
  char sep = ' ';
  int n;

  *result = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  n = sscanf (text, "%4d-%2d-%2d%c%2d:%2d:%2d", &year, &month, &day, &sep, &hour, &minute, &second);
  if ((n != 3 && n != 7) || (n == 7 && sep != ' ' && sep != 'T') || month < 1 || month > 12 ||
      day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || year < 1)
    return FALSE;
  if (year > 9998)
    return TRUE;
  *result = g_date_time_new (zone, year, month, day, hour, minute, second);
  return *result != NULL;
}

TribWorkflowSchedule *
trib_workflow_schedule_new (TribWorkflow  *workflow,
                            GTimeZone     *zone,
                            GError       **error)
{
  g_autoptr(TribWorkflowSchedule) self = NULL;
  g_autoptr(GError) local_error = NULL;
  TribNode *start = NULL;
  JsonObject *trigger;
  const char *type;
  const char *bound;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  start = find_start_node (workflow);
  if (start == NULL)
    return NULL;
  trigger = trib_json_object_get_object (trib_node_get_json (start), "trigger");
  type = trib_json_object_get_string (trigger, "type", "Scheduler");
  if (g_ascii_strcasecmp (type, "Manual") == 0)
    return NULL;

  self = g_object_new (TRIB_TYPE_WORKFLOW_SCHEDULE, NULL);
  self->workflow = trib_workflow_dup_file_stem (workflow);
  self->workflow_name = g_strdup (trib_workflow_get_name (workflow));
  self->node = g_strdup (trib_node_get_display_name (start));
  self->zone = g_time_zone_ref (zone);
  self->paused = trib_node_get_recurrence (start) == TRIB_RECURRENCE_PAUSE;
  self->dry_run = trib_node_get_recurrence (start) == TRIB_RECURRENCE_SKIP;
  self->cron = trib_cron_new (trib_node_get_cron (start), &local_error);
  if (self->cron == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("%s: node %s: %s"),
                   trib_workflow_get_display_path (workflow), self->node, local_error->message);
      return NULL;
    }

  bound = trib_json_object_get_string (trigger, "startTime", NULL);
  if (!parse_bound (bound, zone, &self->start))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("%s: node %s: trigger.startTime \"%s\" is not a time of the form yyyy-MM-dd HH:mm:ss"),
                   trib_workflow_get_display_path (workflow), self->node, bound);
      return NULL;
    }
  bound = trib_json_object_get_string (trigger, "endTime", NULL);
  if (!parse_bound (bound, zone, &self->end))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("%s: node %s: trigger.endTime \"%s\" is not a time of the form yyyy-MM-dd HH:mm:ss"),
                   trib_workflow_get_display_path (workflow), self->node, bound);
      return NULL;
    }
  return g_steal_pointer (&self);
}

#define GETTER(type, name, field) \
  type \
  trib_workflow_schedule_get_##name (TribWorkflowSchedule *self) \
  { \
    g_return_val_if_fail (TRIB_IS_WORKFLOW_SCHEDULE (self), 0); \
    return self->field; \
  }

GETTER (const char *, workflow, workflow)
GETTER (const char *, workflow_name, workflow_name)
GETTER (const char *, node, node)
GETTER (TribCron *, cron, cron)
GETTER (GTimeZone *, timezone, zone)
GETTER (GDateTime *, start, start)
GETTER (GDateTime *, end, end)

#undef GETTER

gboolean
trib_workflow_schedule_is_paused (TribWorkflowSchedule *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW_SCHEDULE (self), FALSE);
  return self->paused;
}

gboolean
trib_workflow_schedule_is_dry_run (TribWorkflowSchedule *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW_SCHEDULE (self), FALSE);
  return self->dry_run;
}

GDateTime *
trib_workflow_schedule_next (TribWorkflowSchedule *self,
                             GDateTime            *after)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) next = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW_SCHEDULE (self), NULL);
  g_return_val_if_fail (after != NULL, NULL);

  /* The start bound is inclusive: look from one second before it. */
  if (self->start != NULL && g_date_time_compare (after, self->start) < 0)
    from = g_date_time_add_seconds (self->start, -1);
  else
    from = g_date_time_ref (after);
  next = trib_cron_next (self->cron, from, self->zone);
  if (next == NULL || (self->end != NULL && g_date_time_compare (next, self->end) > 0))
    return NULL;
  return g_steal_pointer (&next);
}

GPtrArray *
trib_workflow_schedule_next_n (TribWorkflowSchedule *self,
                               GDateTime            *after,
                               guint                 n)
{
  GPtrArray *times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GDateTime) cursor = g_date_time_ref (after);

  g_return_val_if_fail (TRIB_IS_WORKFLOW_SCHEDULE (self), times);

  while (times->len < n)
    {
      GDateTime *next = trib_workflow_schedule_next (self, cursor);

      if (next == NULL)
        break;
      g_ptr_array_add (times, next);
      g_date_time_unref (cursor);
      cursor = g_date_time_ref (next);
    }
  return times;
}

char *
trib_workflow_schedule_dup_bizdate (GDateTime *cyctime)
{
  TribCivilTime day = { 0 };

  /* Calendar arithmetic: the day before has no wall time to lose to daylight saving. */
  g_date_time_get_ymd (cyctime, &day.year, &day.month, &day.day);
  trib_civil_date_from_days (trib_civil_days_from_date (day.year, day.month, day.day) - 1,
                             &day.year, &day.month, &day.day);
  return trib_civil_format_date (&day);
}
