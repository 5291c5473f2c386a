/* trib-param-expr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-param-expr.h"
#include "trib-param-parser.h"

static const char * const system_names[] = {
  "bizdate", "cyctime", "gmtdate", "bizmonth", "jobid", "nodeid", "taskid", NULL,
};


gboolean
trib_param_is_system_name (const char *name)
{
  return name != NULL && g_strv_contains (system_names, name);
}

static gboolean
check_year (Parser              *self,
            const char          *at,
            const TribCivilTime *time)
{
  if (time->year < 1 || time->year > 9999)
    return _trib_param_fail (self, at, _("the date at column %u falls outside the years 1 to 9999"), _trib_param_column_of (self, at));
  return TRUE;
}

/* add_months(FORMAT, N): sets *months and leaves the cursor after ")". */
static gboolean
parse_add_months (Parser *self,
                  Format *format,
                  int    *months)
{
  const char *count_at;
  gboolean negative = FALSE;
  Ratio count;

  self->p += strlen ("add_months");
  _trib_param_skip_spaces (self);
  self->p++;  /* "(" */
  _trib_param_skip_spaces (self);
  if (!_trib_param_parse_format (self, format, TRUE))
    return FALSE;
  _trib_param_skip_spaces (self);
  if (self->p >= self->end || *self->p != ',')
    return _trib_param_fail_unexpected (self, self->p);
  self->p++;
  _trib_param_skip_spaces (self);

  count_at = self->p;
  if (self->p < self->end && (*self->p == '-' || *self->p == '+'))
    {
      negative = *self->p == '-';
      self->p++;
      _trib_param_skip_spaces (self);
    }
  if (!_trib_param_parse_term (self, &count))
    return FALSE;
  if (count.den != 1)
    return _trib_param_fail (self, count_at, _("add_months needs a whole number of months at column %u"),
                 _trib_param_column_of (self, count_at));
  if (count.num > 120000)
    return _trib_param_fail (self, count_at, _("the number of months at column %u is too large"), _trib_param_column_of (self, count_at));
  *months = (int) (negative ? -count.num : count.num);

  _trib_param_skip_spaces (self);
  if (self->p >= self->end || *self->p != ')')
    return _trib_param_fail_unexpected (self, self->p);
  self->p++;
  return TRUE;
}

/* $[...]: self->p is on the first character after "[", self->end on "]". */
static gboolean
eval_cyctime (Parser  *self,
              GString *out)
{
  const char *start;
  TribCivilTime time;
  Format format;
  Ratio offset;
  gint64 seconds;
  int months = 0;

  _trib_param_skip_spaces (self);
  while (self->end > self->p && (self->end[-1] == ' ' || self->end[-1] == '\t'))
    self->end--;
  start = self->p;

  if (self->p == self->end)
    return _trib_param_fail (self, start, _("expected a date format such as yyyymmdd at column %u"), _trib_param_column_of (self, start));

  if (g_str_has_prefix (self->p, "add_months") && (gsize) (self->end - self->p) > strlen ("add_months"))
    {
      const char *q = self->p + strlen ("add_months");

      while (q < self->end && (*q == ' ' || *q == '\t'))
        q++;
      if (q < self->end && *q == '(')
        {
          if (!parse_add_months (self, &format, &months))
            return FALSE;
        }
      else if (!_trib_param_parse_format (self, &format, TRUE))
        return FALSE;
    }
  else if (!_trib_param_parse_format (self, &format, TRUE))
    return FALSE;

  if (!_trib_param_parse_offset (self, &offset))
    return FALSE;

  if (self->context == NULL)
    return TRUE;

  trib_param_context_get_cyctime_fields (self->context, &time);
  trib_civil_add_months (&time, months);

  /* As java.time does: whole days move the calendar (the same wall time on another
   * day), the rest moves the clock (an hour earlier is 3600 s earlier, also across a
   * daylight-saving change). */
  seconds = _trib_param_ratio_to_seconds (&offset);
  trib_civil_from_seconds (trib_civil_to_seconds (&time) + (seconds / 86400) * 86400, &time);
  if (!check_year (self, start, &time))
    return FALSE;
  if (seconds % 86400 != 0)
    {
      GDateTime *cyctime = trib_param_context_get_cyctime (self->context);
      GTimeZone *zone = g_date_time_get_timezone (cyctime);
      g_autoptr(GDateTime) wall = NULL;
      g_autoptr(GDateTime) moved = NULL;

      /* Unmoved, the cyctime itself also knows which of two equal wall times it is. */
      if (months == 0 && seconds / 86400 == 0)
        wall = g_date_time_ref (cyctime);
      else
        wall = g_date_time_new (zone, time.year, time.month, time.day, time.hour, time.minute, time.second);
      if (wall)
        moved = g_date_time_add_seconds (wall, (double) (seconds % 86400));

      if (moved == NULL)
        return _trib_param_fail (self, start, _("the date at column %u falls outside the years 1 to 9999"),
                     _trib_param_column_of (self, start));
      trib_civil_from_date_time (moved, &time);
    }
  _trib_param_append_formatted (out, &format, &time);
  return TRUE;
}

static gboolean
is_identifier (const char *p,
               const char *end)
{
  if (p >= end || !(g_ascii_isalpha (*p) || *p == '_'))
    return FALSE;
  for (; p < end; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

/* ${...}: self->p is on the first character after "{", self->end on "}". */
static gboolean
eval_bizdate (Parser  *self,
              GString *out)
{
  g_autofree char *body = NULL;
  const char *start;
  const char *offset_at;
  TribCivilTime time;
  Format format;
  Ratio offset;
  gint64 count;

  _trib_param_skip_spaces (self);
  while (self->end > self->p && (self->end[-1] == ' ' || self->end[-1] == '\t'))
    self->end--;
  start = self->p;
  body = g_strndup (self->p, self->end - self->p);

  if (g_str_equal (body, "bdp.system.bizdate") || g_str_equal (body, "bdp.system.cyctime"))
    {
      if (self->context)
        {
          g_autofree char *text = g_str_equal (body, "bdp.system.bizdate")
                                    ? trib_param_context_dup_bizdate (self->context)
                                    : trib_param_context_dup_cyctime_string (self->context);
          g_string_append (out, text);
        }
      self->p = self->end;
      return TRUE;
    }

  /* ${name} is how code refers to a parameter; in a value it is not a date. */
  if (is_identifier (self->p, self->end) && strspn (body, "ymdhisYMDHIS24_") != strlen (body))
    return _trib_param_fail (self, self->dollar,
                 _("\"${%s}\" at column %u is not a date format: in a parameter value, ${...} is the "
                   "business date, as in ${yyyymmdd}"),
                 body, _trib_param_column_of (self, self->dollar));

  if (!_trib_param_parse_format (self, &format, FALSE))
    return FALSE;
  offset_at = self->p;
  while (offset_at < self->end && (*offset_at == ' ' || *offset_at == '\t'))
    offset_at++;
  if (!_trib_param_parse_offset (self, &offset))
    return FALSE;
  if (offset.den != 1)
    return _trib_param_fail (self, offset_at,
                 _("the offset at column %u is not whole: ${...} moves by days, months or years; use "
                   "$[...] for hours and minutes"),
                 _trib_param_column_of (self, offset_at));

  if (self->context == NULL)
    return TRUE;

  count = offset.num;
  trib_param_context_get_bizdate_fields (self->context, &time);
  if (format.has_day)
    {
      gint64 days = trib_civil_days_from_date (time.year, time.month, time.day) + count;
      trib_civil_date_from_days (days, &time.year, &time.month, &time.day);
    }
  else if (format.has_month)
    trib_civil_add_months (&time, (int) CLAMP (count, -120000, 120000));
  else
    trib_civil_add_months (&time, (int) CLAMP (count, -10000, 10000) * 12);

  if (!check_year (self, start, &time))
    return FALSE;
  _trib_param_append_formatted (out, &format, &time);
  return TRUE;
}

static gboolean
eval_system_name (Parser     *self,
                  const char *name,
                  const char *at,
                  GString    *out)
{
  TribParamContext *ctx = self->context;

  if (!trib_param_is_system_name (name))
    return _trib_param_fail (self, at,
                 _("unknown system parameter \"$%s\" at column %u (there are $bizdate, $cyctime, "
                   "$gmtdate, $bizmonth, $jobid, $nodeid and $taskid)"),
                 name, _trib_param_column_of (self, at));
  if (ctx == NULL)
    return TRUE;

  if (g_str_equal (name, "bizdate"))
    {
      g_autofree char *text = trib_param_context_dup_bizdate (ctx);
      g_string_append (out, text);
    }
  else if (g_str_equal (name, "cyctime"))
    {
      g_autofree char *text = trib_param_context_dup_cyctime_string (ctx);
      g_string_append (out, text);
    }
  else if (g_str_equal (name, "gmtdate"))
    {
      TribCivilTime cyctime;
      g_autofree char *text = NULL;

      trib_param_context_get_cyctime_fields (ctx, &cyctime);
      text = trib_civil_format_date (&cyctime);
      g_string_append (out, text);
    }
  else if (g_str_equal (name, "bizmonth"))
    {
      TribCivilTime cyctime, bizdate;

      trib_param_context_get_cyctime_fields (ctx, &cyctime);
      trib_param_context_get_bizdate_fields (ctx, &bizdate);
      if (bizdate.year == cyctime.year && bizdate.month == cyctime.month)
        trib_civil_add_months (&bizdate, -1);
      g_string_append_printf (out, "%04d%02d", bizdate.year, bizdate.month);
    }
  else if (g_str_equal (name, "jobid"))
    g_string_append (out, trib_param_context_get_job_id (ctx) ? trib_param_context_get_job_id (ctx) : "");
  else if (g_str_equal (name, "nodeid"))
    g_string_append (out, trib_param_context_get_node_id (ctx) ? trib_param_context_get_node_id (ctx) : "");
  else if (g_str_equal (name, "taskid"))
    g_string_append (out, trib_param_context_get_task_id (ctx) ? trib_param_context_get_task_id (ctx) : "");
  return TRUE;
}

static char *
evaluate (const char        *value,
          TribParamContext  *context,
          guint             *error_column,
          GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *value_end;
  const char *p;
  Parser parser = { 0 };

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (context == NULL || TRIB_IS_PARAM_CONTEXT (context), NULL);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("the value is not valid UTF-8"));
      return NULL;
    }

  parser.value = value;
  parser.context = context;
  parser.error = error;
  value_end = value + strlen (value);
  p = value;

  while (p < value_end)
    {
      const char *dollar;
      gboolean ok = TRUE;

      if (*p != '$')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      dollar = p;

      if (p[1] == '[' || p[1] == '{')
        {
          char close = p[1] == '[' ? ']' : '}';
          const char *body = p + 2;
          const char *end = memchr (body, close, value_end - body);

          if (end == NULL)
            {
              _trib_param_fail (&parser, dollar, _("\"$%c\" at column %u has no closing \"%c\""),
                    p[1], _trib_param_column_of (&parser, dollar), close);
              ok = FALSE;
            }
          else
            {
              parser.p = body;
              parser.end = end;
              parser.dollar = dollar;
              ok = close == ']' ? eval_cyctime (&parser, out) : eval_bizdate (&parser, out);
              p = end + 1;
            }
        }
      else if (g_ascii_isalpha (p[1]))
        {
          const char *q = p + 1;
          g_autofree char *name = NULL;

          while (q < value_end && (g_ascii_isalnum (*q) || *q == '_'))
            q++;
          name = g_strndup (p + 1, q - p - 1);
          ok = eval_system_name (&parser, name, dollar, out);
          p = q;
        }
      else
        g_string_append_c (out, *p++);

      if (!ok)
        {
          if (error_column)
            *error_column = parser.error_column;
          return NULL;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
trib_param_evaluate_full (const char        *value,
                          TribParamContext  *context,
                          guint             *error_column,
                          GError           **error)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (context), NULL);
  return evaluate (value, context, error_column, error);
}

char *
trib_param_evaluate (const char        *value,
                     TribParamContext  *context,
                     GError           **error)
{
  return trib_param_evaluate_full (value, context, NULL, error);
}

gboolean
trib_param_check (const char  *value,
                  guint       *error_column,
                  GError     **error)
{
  g_autofree char *result = evaluate (value, NULL, error_column, error);

  return result != NULL;
}
