/* trib-node-properties-edit.c: checked, undoable edits of a node's properties
 *
 * Every setter checks its whole input before it calls trib_workflow_edit_node(), whose
 * function then only writes; so a refusal never leaves half an edit behind. Parameters,
 * schedule and rerun here; dependencies, outputs and general settings in
 * trib-node-properties-edit-deps.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-civil-time.h"
#include "trib-error.h"
#include "trib-json.h"
#include "trib-node-properties-edit.h"
#include "trib-param-expr.h"
#include "trib-workflow-edit.h"
#include "trib-workflow-schedule.h"

#define PARAMETER_NAME_MAX_CHARS 128

/* Scheduling parameters ------------------------------------------------------------ */

gboolean
trib_node_properties_check_parameter_name (const char  *name,
                                           GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("enter a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > PARAMETER_NAME_MAX_CHARS)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("a name has at most %d characters"), PARAMETER_NAME_MAX_CHARS);
      return FALSE;
    }
  if (g_ascii_isdigit (*name))
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("a name cannot start with a digit"));
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '_' && c != '.')
        {
          char text[8] = { 0 };

          g_unichar_to_utf8 (c, text);
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("\"%s\" is not allowed in a name: use letters, digits, \"_\" and \".\""), text);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
trib_node_properties_check_parameter_value (const char  *value,
                                            guint       *column,
                                            GError     **error)
{
  if (column)
    *column = 0;
  if (value == NULL || *value == '\0')
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("enter a value"));
      return FALSE;
    }
  return trib_param_check (value, column, error);
}

typedef struct
{
  const char * const *names;
  const char * const *values;
} ParametersEdit;

static JsonObject *
find_parameter (JsonArray  *parameters,
                const char *name)
{
  for (guint i = 0; parameters && i < json_array_get_length (parameters); i++)
    {
      JsonNode *element = json_array_get_element (parameters, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (trib_json_object_get_string (json_node_get_object (element), "name", NULL), name) == 0)
        return json_node_get_object (element);
    }
  return NULL;
}

static gboolean
write_parameters (JsonObject  *node,
                  gpointer     user_data,
                  GError     **error)
{
  ParametersEdit *edit = user_data;
  JsonObject *script = trib_json_object_ensure_object (node, "script");
  JsonArray *old = trib_json_object_get_array (script, "parameters");
  JsonArray *list = json_array_new ();

  for (guint i = 0; edit->names && edit->names[i]; i++)
    {
      JsonObject *existing = find_parameter (old, edit->names[i]);
      JsonObject *parameter;

      if (existing)
        {
          g_autoptr(JsonNode) wrapped = json_node_init_object (json_node_alloc (), existing);
          JsonNode *copy = trib_json_node_deep_copy (wrapped);

          parameter = json_node_get_object (copy);
          trib_json_object_put_string (parameter, "value", edit->values[i]);
          json_array_add_element (list, copy);
          continue;
        }
      parameter = json_object_new ();
      json_object_set_string_member (parameter, "name", edit->names[i]);
      json_object_set_string_member (parameter, "scope", "NodeParameter");
      json_object_set_string_member (parameter, "type", "System");
      json_object_set_string_member (parameter, "value", edit->values[i]);
      json_object_set_string_member (parameter, "artifactType", "Variable");
      json_array_add_object_element (list, parameter);
    }
  json_object_set_array_member (script, "parameters", list);
  return TRUE;
}

gboolean
trib_node_properties_set_parameters (TribWorkflow        *workflow,
                                     const char          *node_id,
                                     const char * const  *names,
                                     const char * const  *values,
                                     guint               *error_index,
                                     guint               *error_column,
                                     GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *merge_key = NULL;
  ParametersEdit edit = { names, values };
  guint n_names = names ? g_strv_length ((char **) names) : 0;
  guint n_values = values ? g_strv_length ((char **) values) : 0;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);
  g_return_val_if_fail (n_names == n_values, FALSE);

  for (guint i = 0; i < n_names; i++)
    {
      g_autoptr(GError) local_error = NULL;
      guint column = 0;

      if (error_index)
        *error_index = i;
      if (error_column)
        *error_column = G_MAXUINT;
      if (!trib_node_properties_check_parameter_name (names[i], &local_error))
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("Scheduling parameters: row %u: name: %s"), i + 1, local_error->message);
          return FALSE;
        }
      if (g_hash_table_contains (seen, names[i]))
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                       _("Scheduling parameters: %s: the name is used twice"), names[i]);
          return FALSE;
        }
      g_hash_table_add (seen, (gpointer) names[i]);
      if (!trib_node_properties_check_parameter_value (values[i], &column, &local_error))
        {
          if (error_column)
            *error_column = column;
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("Scheduling parameters: %s: %s"), names[i], local_error->message);
          return FALSE;
        }
    }
  if (error_index)
    *error_index = G_MAXUINT;
  if (error_column)
    *error_column = G_MAXUINT;

  merge_key = g_strconcat ("parameters:", node_id, NULL);
  return trib_workflow_edit_node (workflow, node_id, _("Edit Parameters"), merge_key,
                                  write_parameters, &edit, error);
}

static gboolean
drop_parameter (JsonObject  *node,
                gpointer     user_data,
                GError     **error)
{
  JsonArray *parameters = trib_json_object_get_array (trib_json_object_get_object (node, "script"), "parameters");

  for (guint i = parameters ? json_array_get_length (parameters) : 0; i-- > 0;)
    {
      JsonNode *element = json_array_get_element (parameters, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (trib_json_object_get_string (json_node_get_object (element), "name", NULL), user_data) == 0)
        json_array_remove_element (parameters, i);
    }
  return TRUE;
}

gboolean
trib_node_properties_remove_parameter (TribWorkflow  *workflow,
                                       const char    *node_id,
                                       const char    *name,
                                       GError       **error)
{
  TribNode *node;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  node = trib_workflow_lookup_node (workflow, node_id);
  if (node != NULL && (name == NULL || trib_node_lookup_parameter (node, name) == NULL))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                   _("Scheduling parameters: there is no parameter “%s”"), name ? name : "");
      return FALSE;
    }
  /* Not merged with typing: taking a parameter away is a step of its own. */
  return trib_workflow_edit_node (workflow, node_id, _("Remove Parameter"), NULL,
                                  drop_parameter, (gpointer) name, error);
}

/* The node the runner takes the workflow's schedule from, and so the cyctime. */
GDateTime *
trib_node_properties_dup_cyctime (TribWorkflow  *workflow,
                                  GTimeZone     *zone,
                                  const char    *bizdate,
                                  GError       **error)
{
  g_autoptr(TribWorkflowSchedule) schedule = NULL;
  g_autoptr(GError) local_error = NULL;
  TribCivilTime date;
  GDateTime *cyctime = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  if (!trib_civil_parse_checked (bizdate, FALSE, &date, error))
    return NULL;
  /* T+1: the instance for a business date runs on the next day. */
  trib_civil_date_from_days (trib_civil_days_from_date (date.year, date.month, date.day) + 1,
                             &date.year, &date.month, &date.day);

  schedule = trib_workflow_schedule_new (workflow, zone, &local_error);
  if (schedule == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (schedule != NULL)
    {
      TribCron *cron = trib_workflow_schedule_get_cron (schedule);

      cyctime = trib_cron_first_on_date (cron, date.year, date.month, date.day, zone);
      if (cyctime == NULL)
        trib_cron_get_earliest_time (cron, &date.hour, &date.minute, &date.second);
    }
  if (cyctime == NULL)
    cyctime = trib_civil_to_date_time (&date, zone);
  if (cyctime == NULL)
    cyctime = g_date_time_new (zone, date.year, date.month, date.day, date.hour, date.minute, date.second);
  return cyctime;
}

TribParamContext *
trib_node_properties_new_context (TribWorkflow  *workflow,
                                  const char    *node_id,
                                  GTimeZone     *zone,
                                  const char    *bizdate,
                                  GError       **error)
{
  g_autoptr(GDateTime) cyctime = trib_node_properties_dup_cyctime (workflow, zone, bizdate, error);
  g_autofree char *stem = NULL;

  if (cyctime == NULL)
    return NULL;
  stem = trib_workflow_dup_file_stem (workflow);
  return trib_param_context_new (cyctime, stem, node_id, NULL);
}

TribParamSet *
trib_node_properties_resolve_parameters (TribWorkflow  *workflow,
                                         const char    *node_id,
                                         GTimeZone     *zone,
                                         const char    *bizdate,
                                         GError       **error)
{
  g_autoptr(TribParamContext) context = NULL;
  TribNode *node;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  node = trib_workflow_lookup_node (workflow, node_id);
  if (node == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""), node_id);
      return NULL;
    }
  context = trib_node_properties_new_context (workflow, node_id, zone, bizdate, error);
  if (context == NULL)
    return NULL;
  return trib_param_set_new_for_node (node, context, error);
}

/* Schedule ----------------------------------------------------------------------------- */

static gboolean
parse_small_number (const char *text,
                    guint       max,
                    guint      *value)
{
  guint64 n;
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text) || strlen (text) > 2)
    return FALSE;
  n = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || n > max)
    return FALSE;
  *value = (guint) n;
  return TRUE;
}

TribScheduleKind
trib_node_properties_classify_cron (const char *cron,
                                    guint      *hour,
                                    guint      *minute)
{
  g_autoptr(TribCron) parsed = NULL;
  g_auto(GStrv) fields = NULL;
  guint h = 0, m = 0, s = 0;

  if (hour)
    *hour = 0;
  if (minute)
    *minute = 0;
  if (cron == NULL || (parsed = trib_cron_new (cron, NULL)) == NULL)
    return TRIB_SCHEDULE_KIND_CRON;
  if (trib_cron_get_daily_time (parsed, &h, &m))
    {
      if (hour)
        *hour = h;
      if (minute)
        *minute = m;
      return TRIB_SCHEDULE_KIND_DAILY;
    }
  /* "0 M * * * ?" (or "*" for the day of week): every hour at minute M. */
  fields = g_strsplit_set (cron, " \t", -1);
  {
    g_autoptr(GPtrArray) words = g_ptr_array_new ();

    for (guint i = 0; fields[i]; i++)
      if (*fields[i])
        g_ptr_array_add (words, fields[i]);
    if ((words->len == 6 || (words->len == 7 && g_str_equal (words->pdata[6], "*"))) &&
        parse_small_number (words->pdata[0], 0, &s) &&
        parse_small_number (words->pdata[1], 59, &m) &&
        g_str_equal (words->pdata[2], "*") && g_str_equal (words->pdata[3], "*") &&
        g_str_equal (words->pdata[4], "*") &&
        (g_str_equal (words->pdata[5], "?") || g_str_equal (words->pdata[5], "*")))
      {
        if (minute)
          *minute = m;
        return TRIB_SCHEDULE_KIND_HOURLY;
      }
  }
  return TRIB_SCHEDULE_KIND_CRON;
}

char *
trib_node_properties_format_hourly (guint minute)
{
  return g_strdup_printf ("00 %02u * * * ?", MIN (minute, 59));
}

static gboolean
write_cron (JsonObject  *node,
            gpointer     user_data,
            GError     **error)
{
  JsonObject *trigger = trib_json_object_ensure_object (node, "trigger");

  if (!json_object_has_member (trigger, "type"))
    json_object_set_string_member (trigger, "type", "Scheduler");
  trib_json_object_put_string (trigger, "cron", user_data);
  return TRUE;
}

gboolean
trib_node_properties_set_cron (TribWorkflow  *workflow,
                               const char    *node_id,
                               const char    *cron,
                               GError       **error)
{
  g_autoptr(TribCron) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *merge_key = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  if (cron == NULL || *cron == '\0')
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Schedule: cron: enter an expression"));
      return FALSE;
    }
  parsed = trib_cron_new (cron, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Schedule: %s"), local_error->message);
      return FALSE;
    }
  merge_key = g_strconcat ("cron:", node_id, NULL);
  return trib_workflow_edit_node (workflow, node_id, _("Change Schedule"), merge_key,
                                  write_cron, (gpointer) cron, error);
}

/* "yyyy-MM-dd HH:mm:ss" (or with a "T"), as FlowSpec writes trigger bounds. */
static gboolean
parse_bound (const char    *text,
             TribCivilTime *time)
{
  int year, month, day, hour, minute, second;
  char sep;
  int consumed = 0;

  memset (time, 0, sizeof *time);
  if (text == NULL)
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &year, &month, &day, &sep, &hour, &minute, &second,
              &consumed) != 7 || text[consumed] != '\0' || (sep != ' ' && sep != 'T'))
    return FALSE;
  *time = (TribCivilTime) { year, month, day, hour, minute, second };
  return trib_civil_is_valid (time) || (year == 9999 && month == 1 && day == 1);
}

static GDateTime *
bound_to_date_time (const char *text,
                    GTimeZone  *zone,
                    gboolean   *invalid)
{
  TribCivilTime time;

  *invalid = FALSE;
  if (text == NULL || *text == '\0')
    return NULL;
  if (!parse_bound (text, &time))
    {
      *invalid = TRUE;
      return NULL;
    }
  return g_date_time_new (zone, time.year, time.month, time.day, time.hour, time.minute, time.second);
}

GPtrArray *
trib_node_properties_next_fire_times (const char  *cron,
                                      GTimeZone   *zone,
                                      GDateTime   *after,
                                      const char  *start,
                                      const char  *end,
                                      guint        n,
                                      GError     **error)
{
  g_autoptr(TribCron) parsed = NULL;
  g_autoptr(GDateTime) start_time = NULL;
  g_autoptr(GDateTime) end_time = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *times;
  gboolean invalid;

  g_return_val_if_fail (zone != NULL && after != NULL, NULL);

  parsed = trib_cron_new (cron, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Schedule: %s"), local_error->message);
      return NULL;
    }
  start_time = bound_to_date_time (start, zone, &invalid);
  if (invalid)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Schedule: start \"%s\" is not a time of the form yyyy-MM-dd HH:mm:ss"), start);
      return NULL;
    }
  end_time = bound_to_date_time (end, zone, &invalid);
  if (invalid)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Schedule: end \"%s\" is not a time of the form yyyy-MM-dd HH:mm:ss"), end);
      return NULL;
    }

  times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  /* The first fire time may be the start itself. */
  if (start_time && g_date_time_compare (start_time, after) > 0)
    from = g_date_time_add_seconds (start_time, -1);
  else
    from = g_date_time_ref (after);
  while (times->len < n)
    {
      GDateTime *next = trib_cron_next (parsed, from, zone);

      if (next == NULL)
        break;
      if (end_time && g_date_time_compare (next, end_time) > 0)
        {
          g_date_time_unref (next);
          break;
        }
      g_ptr_array_add (times, next);
      g_date_time_unref (from);
      from = g_date_time_ref (next);
    }
  return times;
}

static char *
dup_bound_date (TribNode   *node,
                const char *member)
{
  const char *text = trib_json_object_get_string (trib_json_object_get_object (trib_node_get_json (node), "trigger"),
                                                  member, NULL);
  TribCivilTime time;

  if (!parse_bound (text, &time))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", time.year, time.month, time.day);
}

char *
trib_node_properties_dup_start_date (TribNode *node)
{
  g_return_val_if_fail (TRIB_IS_NODE (node), NULL);
  return dup_bound_date (node, "startTime");
}

char *
trib_node_properties_dup_end_date (TribNode *node)
{
  g_return_val_if_fail (TRIB_IS_NODE (node), NULL);
  return dup_bound_date (node, "endTime");
}

/* "YYYY-MM-DD", a date that exists (or DataWorks' open end 9999-01-01). */
static gboolean
parse_date (const char     *what,
            const char     *text,
            TribCivilTime  *date,
            GError        **error)
{
  int consumed = 0;

  memset (date, 0, sizeof *date);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%n", &date->year, &date->month, &date->day, &consumed) != 3 ||
      text[consumed] != '\0' || strlen (text) != 10)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Schedule: %s: \"%s\" is not a date of the form YYYY-MM-DD"), what, text ? text : "");
      return FALSE;
    }
  if (date->year == 9999 && date->month == 1 && date->day == 1)
    return TRUE;
  if (date->year < TRIB_CIVIL_FIRST_YEAR || date->year > TRIB_CIVIL_LAST_YEAR)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Schedule: %s: the year %d is out of range %d–%d"), what, date->year,
                   TRIB_CIVIL_FIRST_YEAR, TRIB_CIVIL_LAST_YEAR);
      return FALSE;
    }
  if (!trib_civil_is_valid (date))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Schedule: %s: %s does not exist"), what, text);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *start;
  char *end;
} PeriodEdit;

static gboolean
write_period (JsonObject  *node,
              gpointer     user_data,
              GError     **error)
{
  PeriodEdit *edit = user_data;
  JsonObject *trigger = trib_json_object_ensure_object (node, "trigger");

  if (!json_object_has_member (trigger, "type"))
    json_object_set_string_member (trigger, "type", "Scheduler");
  trib_json_object_put_string (trigger, "startTime", edit->start);
  trib_json_object_put_string (trigger, "endTime", edit->end);
  return TRUE;
}

gboolean
trib_node_properties_set_effective_dates (TribWorkflow  *workflow,
                                          const char    *node_id,
                                          const char    *start,
                                          const char    *end,
                                          GError       **error)
{
  TribCivilTime start_date, end_date;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *merge_key = NULL;
  PeriodEdit edit;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  if (!parse_date (_("start date"), start, &start_date, error) ||
      !parse_date (_("end date"), end, &end_date, error))
    return FALSE;
  if (strcmp (start, end) > 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Schedule: end date: %s is before the start date %s"), end, start);
      return FALSE;
    }
  start_text = g_strdup_printf ("%s 00:00:00", start);
  end_text = g_str_equal (end, "9999-01-01") ? g_strdup ("9999-01-01 00:00:00")
                                            : g_strdup_printf ("%s 23:59:59", end);
  edit = (PeriodEdit) { start_text, end_text };
  merge_key = g_strconcat ("period:", node_id, NULL);
  return trib_workflow_edit_node (workflow, node_id, _("Change Effective Period"), merge_key,
                                  write_period, &edit, error);
}

static gboolean
write_recurrence (JsonObject  *node,
                  gpointer     user_data,
                  GError     **error)
{
  trib_json_object_put_string (node, "recurrence", user_data);
  return TRUE;
}

gboolean
trib_node_properties_set_recurrence (TribWorkflow    *workflow,
                                     const char      *node_id,
                                     TribRecurrence   recurrence,
                                     GError         **error)
{
  const char *text;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  switch (recurrence)
    {
    case TRIB_RECURRENCE_NORMAL: text = "Normal"; break;
    case TRIB_RECURRENCE_SKIP: text = "Skip"; break;
    case TRIB_RECURRENCE_PAUSE: text = "Pause"; break;
    default:
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Schedule: run mode: unknown mode"));
      return FALSE;
    }
  return trib_workflow_edit_node (workflow, node_id, _("Change Run Mode"), NULL,
                                  write_recurrence, (gpointer) text, error);
}

/* Rerun ------------------------------------------------------------------------------- */

gboolean
trib_node_properties_parse_interval (const char  *text,
                                     guint64     *ms,
                                     GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  guint64 number;
  char *end = NULL;
  guint64 unit = 60000;

  if (*copy == '\0' || !g_ascii_isdigit (*copy))
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                           _("Rerun: interval: enter minutes (\"2 min\") or seconds (\"90 s\")"));
      return FALSE;
    }
  number = g_ascii_strtoull (copy, &end, 10);
  while (*end == ' ')
    end++;
  if (*end == '\0' || g_str_equal (end, "min") || g_str_equal (end, "m"))
    unit = 60000;
  else if (g_str_equal (end, "s") || g_str_equal (end, "sec"))
    unit = 1000;
  else
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Rerun: interval: unknown unit \"%s\" (use \"min\" or \"s\")"), end);
      return FALSE;
    }
  if (number > TRIB_NODE_RERUN_INTERVAL_MAX_MS / unit)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Rerun: interval: %s is out of range 0–1440 min"), copy);
      return FALSE;
    }
  *ms = number * unit;
  return TRUE;
}

char *
trib_node_properties_format_interval (guint64 ms)
{
  /* The units are the ones trib_node_properties_parse_interval() reads: not translated. */
  if (ms % 60000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " min", ms / 60000);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " s", (ms + 500) / 1000);
}

typedef struct
{
  const char *mode;
  guint       times;
  guint64     interval_ms;
} RerunEdit;

static gboolean
write_rerun (JsonObject  *node,
             gpointer     user_data,
             GError     **error)
{
  RerunEdit *edit = user_data;

  trib_json_object_put_string (node, "rerunMode", edit->mode);
  trib_json_object_put_int (node, "rerunTimes", edit->times);
  trib_json_object_put_int (node, "rerunInterval", (gint64) edit->interval_ms);
  return TRUE;
}

gboolean
trib_node_properties_set_rerun (TribWorkflow   *workflow,
                                const char     *node_id,
                                TribRerunMode   mode,
                                guint           times,
                                guint64         interval_ms,
                                GError        **error)
{
  RerunEdit edit = { NULL, times, interval_ms };
  g_autofree char *merge_key = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  switch (mode)
    {
    case TRIB_RERUN_ALLOWED: edit.mode = "Allowed"; break;
    case TRIB_RERUN_FAILURE_ALLOWED: edit.mode = "FailureAllowed"; break;
    case TRIB_RERUN_DENIED: edit.mode = "Denied"; break;
    default:
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Rerun: mode: unknown mode"));
      return FALSE;
    }
  if (times > TRIB_NODE_RERUN_TIMES_MAX)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Rerun: times: %u is out of range 0–%d"), times, TRIB_NODE_RERUN_TIMES_MAX);
      return FALSE;
    }
  if (interval_ms > TRIB_NODE_RERUN_INTERVAL_MAX_MS)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, interval_ms);

      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Rerun: interval: %s ms is out of range 0–%d ms (24 hours)"),
                   number, TRIB_NODE_RERUN_INTERVAL_MAX_MS);
      return FALSE;
    }
  merge_key = g_strconcat ("rerun:", node_id, NULL);
  return trib_workflow_edit_node (workflow, node_id, _("Change Rerun Settings"), merge_key,
                                  write_rerun, &edit, error);
}

static gboolean
write_timeout (JsonObject  *node,
               gpointer     user_data,
               GError     **error)
{
  guint hours = GPOINTER_TO_UINT (user_data);

  if (hours == 0)
    {
      if (json_object_has_member (node, "timeout"))
        json_object_remove_member (node, "timeout");
    }
  else
    trib_json_object_put_int (node, "timeout", hours);
  return TRUE;
}

gboolean
trib_node_properties_set_timeout_hours (TribWorkflow  *workflow,
                                        const char    *node_id,
                                        guint          hours,
                                        GError       **error)
{
  g_autofree char *merge_key = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  if (hours > TRIB_NODE_TIMEOUT_MAX_HOURS)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Rerun: timeout: %u hours is out of range 0–%d"), hours, TRIB_NODE_TIMEOUT_MAX_HOURS);
      return FALSE;
    }
  merge_key = g_strconcat ("timeout:", node_id, NULL);
  return trib_workflow_edit_node (workflow, node_id, _("Change Timeout"), merge_key,
                                  write_timeout, GUINT_TO_POINTER (hours), error);
}
