/* trib-node-properties-schedule.c: the Schedule section: daily / hourly / cron, the
 * next runs in the workspace time zone, the effective period and the run mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-node-properties-private.h"

enum { PROBLEM_TIME, PROBLEM_CRON, PROBLEM_START, PROBLEM_END };

#define NEXT_RUNS 5

/* The combo's order: Normal, Dry-Run, Paused. */
static const TribRecurrence recurrence_order[] = {
  TRIB_RECURRENCE_NORMAL, TRIB_RECURRENCE_SKIP, TRIB_RECURRENCE_PAUSE,
};

static void
set_problem (TribNodeProperties *self,
             guint               slot,
             const char         *problem)
{
  g_free (self->schedule_problem[slot]);
  self->schedule_problem[slot] = g_strdup (problem);
  _trib_node_properties_update_problems (self);
}

static const char *
trigger_string (TribNode   *node,
                const char *member)
{
  return trib_json_object_get_string (trib_json_object_get_object (trib_node_get_json (node), "trigger"),
                                      member, NULL);
}

static void
show_kind_fields (TribNodeProperties *self)
{
  guint kind = adw_combo_row_get_selected (self->schedule_kind_row);

  gtk_widget_set_visible (GTK_WIDGET (self->time_row), kind == TRIB_SCHEDULE_KIND_DAILY);
  gtk_widget_set_visible (GTK_WIDGET (self->minute_row), kind == TRIB_SCHEDULE_KIND_HOURLY);
  if (kind != TRIB_SCHEDULE_KIND_DAILY && kind != TRIB_SCHEDULE_KIND_HOURLY)
    {
      _trib_node_properties_show_error (GTK_WIDGET (self->time_row), self->time_error, NULL);
      _trib_node_properties_show_error (GTK_WIDGET (self->minute_row), self->minute_error, NULL);
    }
  else if (kind == TRIB_SCHEDULE_KIND_DAILY)
    _trib_node_properties_show_error (GTK_WIDGET (self->minute_row), self->minute_error, NULL);
  else
    _trib_node_properties_show_error (GTK_WIDGET (self->time_row), self->time_error, NULL);
}

/* Fills the kind, time and minute from @cron, without writing anything. */
static void
show_cron_form (TribNodeProperties *self,
                const char         *cron)
{
  guint hour = 0, minute = 0;
  TribScheduleKind kind = trib_node_properties_classify_cron (cron, &hour, &minute);
  gboolean loading = self->loading;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->schedule_kind_row, kind);
  if (kind == TRIB_SCHEDULE_KIND_DAILY)
    {
      g_autofree char *time = g_strdup_printf ("%02u:%02u", hour, minute);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), time) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
    }
  else if (kind == TRIB_SCHEDULE_KIND_HOURLY)
    {
      g_autofree char *text = g_strdup_printf ("%u", minute);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->minute_row)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->minute_row), text);
    }
  self->loading = loading;
  show_kind_fields (self);
}

static void
refresh_next_runs (TribNodeProperties *self)
{
  TribNode *node = _trib_node_properties_get_node (self);
  g_autoptr(GTimeZone) zone = _trib_node_properties_dup_zone (self);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *zone_name = trib_workspace_get_timezone_name (self->workspace);
  g_autofree char *title = NULL;
  const char *cron;

  if (node == NULL)
    return;
  /* Translators: the title of the list of the next fire times, with the time zone. */
  title = g_strdup_printf (_("Next Runs (%s)"), zone_name ? zone_name : _("local time"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->next_runs_row), title);
  cron = trib_node_get_cron (node);
  if (cron == NULL || *cron == '\0')
    {
      adw_action_row_set_subtitle (self->next_runs_row,
                                   _("No schedule of its own: it runs when its upstream nodes have run"));
      gtk_label_set_text (self->next_runs_label, "");
      return;
    }
  times = trib_node_properties_next_fire_times (cron, zone, now, trigger_string (node, "startTime"),
                                                trigger_string (node, "endTime"), NEXT_RUNS, NULL);
  for (guint i = 0; times && i < times->len; i++)
    {
      g_autofree char *line = g_date_time_format (times->pdata[i], "%Y-%m-%d %H:%M %a");

      if (text->len)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  adw_action_row_set_subtitle (self->next_runs_row,
                               times == NULL ? _("The schedule in the file cannot be read")
                               : times->len == 0 ? _("No run left in the effective period") : NULL);
  gtk_label_set_text (self->next_runs_label, text->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_runs_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->len ? text->str : _("none"), -1);
}

void
_trib_node_properties_schedule_load (TribNodeProperties *self,
                                     gboolean            force)
{
  TribNode *node = _trib_node_properties_get_node (self);
  g_autofree char *sig = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *cron;

  if (node == NULL)
    return;
  cron = trib_node_get_cron (node);
  sig = g_strdup_printf ("%s|%s|%s|%d", cron ? cron : "", trigger_string (node, "startTime"),
                         trigger_string (node, "endTime"), trib_node_get_recurrence (node));
  if (_trib_node_properties_take_sig (self, TRIB_PROPS_SCHEDULE, &self->schedule_sig, sig, force))
    {
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->cron_row), cron ? cron : "");
      show_cron_form (self, cron);
      start = trib_node_properties_dup_start_date (node);
      end = trib_node_properties_dup_end_date (node);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), start ? start : "1970-01-01");
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), end ? end : "9999-01-01");
      for (guint i = 0; i < G_N_ELEMENTS (recurrence_order); i++)
        if (recurrence_order[i] == trib_node_get_recurrence (node))
          adw_combo_row_set_selected (self->recurrence_row, i);
      self->loading = FALSE;
      _trib_node_properties_show_error (GTK_WIDGET (self->time_row), self->time_error, NULL);
      _trib_node_properties_show_error (GTK_WIDGET (self->minute_row), self->minute_error, NULL);
      _trib_node_properties_show_error (GTK_WIDGET (self->cron_row), self->cron_error, NULL);
      _trib_node_properties_show_error (GTK_WIDGET (self->start_row), self->start_error, NULL);
      _trib_node_properties_show_error (GTK_WIDGET (self->end_row), self->end_error, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (self->schedule_problem); i++)
        g_clear_pointer (&self->schedule_problem[i], g_free);
      _trib_node_properties_update_problems (self);
    }
  refresh_next_runs (self);
}

static gboolean
write_cron (TribNodeProperties *self,
            gpointer            data,
            GError            **error)
{
  return trib_node_properties_set_cron (self->workflow, self->node_id, data, error);
}

/* Writes @cron; a refusal is shown at @field (with @label) in problem @slot. */
static gboolean
apply_cron (TribNodeProperties *self,
            const char         *cron,
            GtkWidget          *field,
            GtkLabel           *label,
            guint               slot)
{
  g_autoptr(GError) error = NULL;

  if (!_trib_node_properties_apply (self, TRIB_PROPS_SCHEDULE, write_cron, (gpointer) cron, &error))
    {
      _trib_node_properties_show_error (field, label, _trib_node_properties_strip_section (error->message));
      set_problem (self, slot, error->message);
      return FALSE;
    }
  _trib_node_properties_show_error (field, label, NULL);
  set_problem (self, slot, NULL);
  return TRUE;
}

static void
set_cron_text (TribNodeProperties *self,
               const char         *cron)
{
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->cron_row), cron);
  self->loading = FALSE;
  _trib_node_properties_show_error (GTK_WIDGET (self->cron_row), self->cron_error, NULL);
  set_problem (self, PROBLEM_CRON, NULL);
}

static void
time_changed (TribNodeProperties *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cron = NULL;
  g_autofree char *problem = NULL;
  guint hour, minute;

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;
  if (!trib_cron_parse_time_of_day (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &hour, &minute, &error))
    {
      problem = g_strdup_printf (_("Schedule: time: %s"), error->message);
      _trib_node_properties_show_error (GTK_WIDGET (self->time_row), self->time_error, error->message);
      set_problem (self, PROBLEM_TIME, problem);
      return;
    }
  cron = trib_cron_format_daily (hour, minute);
  if (apply_cron (self, cron, GTK_WIDGET (self->time_row), self->time_error, PROBLEM_TIME))
    set_cron_text (self, cron);
  refresh_next_runs (self);
}

static void
minute_changed (TribNodeProperties *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->minute_row));
  g_autofree char *cron = NULL;
  guint64 minute = 0;

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 59, &minute, NULL))
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a minute: enter 0 to 59"), text);
      g_autofree char *problem = g_strdup_printf (_("Schedule: minute: %s"), reason);

      _trib_node_properties_show_error (GTK_WIDGET (self->minute_row), self->minute_error, reason);
      set_problem (self, PROBLEM_TIME, problem);
      return;
    }
  cron = trib_node_properties_format_hourly ((guint) minute);
  if (apply_cron (self, cron, GTK_WIDGET (self->minute_row), self->minute_error, PROBLEM_TIME))
    set_cron_text (self, cron);
  refresh_next_runs (self);
}

static void
cron_changed (TribNodeProperties *self)
{
  g_autofree char *cron = NULL;

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;
  cron = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->cron_row))));
  if (apply_cron (self, cron, GTK_WIDGET (self->cron_row), self->cron_error, PROBLEM_CRON))
    {
      show_cron_form (self, cron);
      set_problem (self, PROBLEM_TIME, NULL);
    }
  refresh_next_runs (self);
}

static void
kind_changed (TribNodeProperties *self)
{
  TribNode *node = _trib_node_properties_get_node (self);
  g_autofree char *cron = NULL;
  TribCron *parsed = NULL;
  int hour = 0, minute = 0, second = 0;

  if (self->loading || node == NULL)
    return;
  show_kind_fields (self);
  /* Switching to daily or hourly keeps the time the schedule has. */
  if (trib_node_get_cron (node) && (parsed = trib_cron_new (trib_node_get_cron (node), NULL)) != NULL)
    {
      trib_cron_get_earliest_time (parsed, &hour, &minute, &second);
      g_object_unref (parsed);
    }
  switch (adw_combo_row_get_selected (self->schedule_kind_row))
    {
    case TRIB_SCHEDULE_KIND_DAILY:
      cron = trib_cron_format_daily ((guint) hour, (guint) minute);
      break;
    case TRIB_SCHEDULE_KIND_HOURLY:
      cron = trib_node_properties_format_hourly ((guint) minute);
      break;
    default:
      gtk_widget_grab_focus (GTK_WIDGET (self->cron_row));
      return;
    }
  if (apply_cron (self, cron, GTK_WIDGET (self->cron_row), self->cron_error, PROBLEM_CRON))
    {
      set_cron_text (self, cron);
      show_cron_form (self, cron);
      set_problem (self, PROBLEM_TIME, NULL);
    }
  refresh_next_runs (self);
}

static gboolean
write_period (TribNodeProperties *self,
              gpointer            data,
              GError            **error)
{
  const char **dates = data;

  return trib_node_properties_set_effective_dates (self->workflow, self->node_id, dates[0], dates[1], error);
}

static void
period_changed (TribNodeProperties *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GError) error = NULL;
  const char *dates[2];

  if (self->loading || _trib_node_properties_get_node (self) == NULL)
    return;
  start = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->start_row))));
  end = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->end_row))));
  dates[0] = start;
  dates[1] = end;
  _trib_node_properties_show_error (GTK_WIDGET (self->start_row), self->start_error, NULL);
  _trib_node_properties_show_error (GTK_WIDGET (self->end_row), self->end_error, NULL);
  set_problem (self, PROBLEM_START, NULL);
  set_problem (self, PROBLEM_END, NULL);
  if (!_trib_node_properties_apply (self, TRIB_PROPS_SCHEDULE, write_period, dates, &error))
    {
      gboolean at_end = strstr (error->message, _("end date")) != NULL;

      _trib_node_properties_show_error (GTK_WIDGET (at_end ? self->end_row : self->start_row),
                                        at_end ? self->end_error : self->start_error,
                                        _trib_node_properties_strip_section (error->message));
      set_problem (self, at_end ? PROBLEM_END : PROBLEM_START, error->message);
    }
  refresh_next_runs (self);
}

static gboolean
write_recurrence (TribNodeProperties *self,
                  gpointer            data,
                  GError            **error)
{
  return trib_node_properties_set_recurrence (self->workflow, self->node_id, GPOINTER_TO_INT (data), error);
}

static void
recurrence_changed (TribNodeProperties *self)
{
  g_autoptr(GError) error = NULL;
  guint index = adw_combo_row_get_selected (self->recurrence_row);

  if (self->loading || _trib_node_properties_get_node (self) == NULL || index >= G_N_ELEMENTS (recurrence_order))
    return;
  if (!_trib_node_properties_apply (self, TRIB_PROPS_SCHEDULE, write_recurrence,
                                    GINT_TO_POINTER (recurrence_order[index]), &error))
    g_warning ("%s", error->message);
}

void
_trib_node_properties_schedule_init (TribNodeProperties *self)
{
  g_signal_connect_swapped (self->schedule_kind_row, "notify::selected", G_CALLBACK (kind_changed), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (time_changed), self);
  g_signal_connect_swapped (self->minute_row, "changed", G_CALLBACK (minute_changed), self);
  g_signal_connect_swapped (self->cron_row, "changed", G_CALLBACK (cron_changed), self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (period_changed), self);
  g_signal_connect_swapped (self->end_row, "changed", G_CALLBACK (period_changed), self);
  g_signal_connect_swapped (self->recurrence_row, "notify::selected", G_CALLBACK (recurrence_changed), self);
}
