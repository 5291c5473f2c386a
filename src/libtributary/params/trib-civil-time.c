/* trib-civil-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-civil-time.h"
#include "trib-error.h"
#include "trib-text.h"

gboolean
trib_civil_is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
trib_civil_days_in_month (int year,
                          int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && trib_civil_is_leap_year (year))
    return 29;
  return days[month - 1];
}

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date,
 * with no table and no time zone. */
gint64
trib_civil_days_from_date (int year,
                           int month,
                           int day)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
trib_civil_date_from_days (gint64  days,
                           int    *year,
                           int    *month,
                           int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = (int) (yoe + era * 400 + (m <= 2));
}

int
trib_civil_day_of_week (int year,
                        int month,
                        int day)
{
  gint64 days = trib_civil_days_from_date (year, month, day);
  gint64 r = (days + 4) % 7;

  /* 1970-01-01 was a Thursday, day 5 when Sunday is 1. */
  if (r < 0)
    r += 7;
  return (int) r + 1;
}

gint64
trib_civil_to_seconds (const TribCivilTime *time)
{
  return trib_civil_days_from_date (time->year, time->month, time->day) * 86400 +
         time->hour * 3600 + time->minute * 60 + time->second;
}

void
trib_civil_from_seconds (gint64         seconds,
                         TribCivilTime *time)
{
  gint64 days = seconds / 86400;
  gint64 rest = seconds % 86400;

  if (rest < 0)
    {
      rest += 86400;
      days--;
    }
  trib_civil_date_from_days (days, &time->year, &time->month, &time->day);
  time->hour = (int) (rest / 3600);
  time->minute = (int) (rest % 3600 / 60);
  time->second = (int) (rest % 60);
}

void
trib_civil_add_months (TribCivilTime *time,
                       int            months)
{
  gint64 index = (gint64) time->year * 12 + (time->month - 1) + months;
  gint64 year = index >= 0 ? index / 12 : (index - 11) / 12;

  time->year = (int) year;
  time->month = (int) (index - year * 12) + 1;
  time->day = MIN (time->day, trib_civil_days_in_month (time->year, time->month));
}

gboolean
trib_civil_is_valid (const TribCivilTime *time)
{
  return time->year >= 1 && time->year <= 9999 &&
         time->month >= 1 && time->month <= 12 &&
         time->day >= 1 && time->day <= trib_civil_days_in_month (time->year, time->month) &&
         time->hour >= 0 && time->hour <= 23 &&
         time->minute >= 0 && time->minute <= 59 &&
         time->second >= 0 && time->second <= 59;
}

int
trib_civil_compare (const TribCivilTime *a,
                    const TribCivilTime *b)
{
  gint64 sa = trib_civil_to_seconds (a);
  gint64 sb = trib_civil_to_seconds (b);

  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

void
trib_civil_from_date_time (GDateTime     *date_time,
                           TribCivilTime *time)
{
  g_date_time_get_ymd (date_time, &time->year, &time->month, &time->day);
  time->hour = g_date_time_get_hour (date_time);
  time->minute = g_date_time_get_minute (date_time);
  time->second = g_date_time_get_second (date_time);
}

GDateTime *
trib_civil_to_date_time (const TribCivilTime *time,
                         GTimeZone           *zone)
{
  static const GTimeType types[] = { G_TIME_TYPE_DAYLIGHT, G_TIME_TYPE_STANDARD };
  g_autoptr(GDateTime) result = NULL;
  gint64 local;

  g_return_val_if_fail (zone != NULL, NULL);

  if (!trib_civil_is_valid (time))
    return NULL;

  /* g_date_time_new() moves a time in a gap to the other side of it and picks either
   * of two equal wall times; here a gap gives NULL and the earlier instant wins. */
  local = trib_civil_to_seconds (time);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) candidate = NULL;
      TribCivilTime check;
      int interval = g_time_zone_find_interval (zone, types[i], local);

      if (interval < 0)
        continue;
      utc = g_date_time_new_from_unix_utc (local - g_time_zone_get_offset (zone, interval));
      if (utc == NULL)
        continue;
      candidate = g_date_time_to_timezone (utc, zone);
      trib_civil_from_date_time (candidate, &check);
      if (trib_civil_compare (&check, time) != 0)
        continue;
      if (result == NULL || g_date_time_compare (candidate, result) < 0)
        {
          g_clear_pointer (&result, g_date_time_unref);
          result = g_steal_pointer (&candidate);
        }
    }
  return g_steal_pointer (&result);
}

char *
trib_civil_format_date (const TribCivilTime *time)
{
  return g_strdup_printf ("%04d%02d%02d", time->year, time->month, time->day);
}

char *
trib_civil_format_date_time (const TribCivilTime *time)
{
  return g_strdup_printf ("%04d%02d%02d%02d%02d%02d", time->year, time->month, time->day,
                          time->hour, time->minute, time->second);
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (text[i] - '0');
    }
  *value = v;
  return TRUE;
}

gboolean
trib_civil_parse_date (const char    *text,
                       TribCivilTime *time)
{
  TribCivilTime t = { 0 };

  if (text == NULL || strlen (text) != 8 ||
      !parse_digits (text, 4, &t.year) ||
      !parse_digits (text + 4, 2, &t.month) ||
      !parse_digits (text + 6, 2, &t.day) ||
      !trib_civil_is_valid (&t))
    return FALSE;
  *time = t;
  return TRUE;
}

gboolean
trib_civil_parse_date_time (const char    *text,
                            TribCivilTime *time)
{
  TribCivilTime t = { 0 };

  if (text == NULL || strlen (text) != 14 ||
      !parse_digits (text, 4, &t.year) ||
      !parse_digits (text + 4, 2, &t.month) ||
      !parse_digits (text + 6, 2, &t.day) ||
      !parse_digits (text + 8, 2, &t.hour) ||
      !parse_digits (text + 10, 2, &t.minute) ||
      !parse_digits (text + 12, 2, &t.second) ||
      !trib_civil_is_valid (&t))
    return FALSE;
  *time = t;
  return TRUE;
}

static const char *
month_name (int month)
{
  static const char *names[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  return _(names[month - 1]);
}

gboolean
trib_civil_parse_checked (const char     *text,
                          gboolean        with_time,
                          TribCivilTime  *time,
                          GError        **error)
{
  TribCivilTime t = { 0 };
  gsize length = with_time ? 14 : 8;
  g_autofree char *shown = trib_text_elide (text, 40);

  if (text == NULL || strlen (text) != length ||
      !parse_digits (text, 4, &t.year) ||
      !parse_digits (text + 4, 2, &t.month) ||
      !parse_digits (text + 6, 2, &t.day) ||
      (with_time && (!parse_digits (text + 8, 2, &t.hour) ||
                     !parse_digits (text + 10, 2, &t.minute) ||
                     !parse_digits (text + 12, 2, &t.second))))
    {
      if (with_time)
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                     _("\"%s\" is not a time of the form YYYYMMDDHHMMSS"), shown);
      else
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                     _("\"%s\" is not a business date of the form YYYYMMDD"), shown);
      return FALSE;
    }

  /* Name the field that is wrong: "20250230" is a date of the right form that does not exist. */
  if (t.month < 1 || t.month > 12)
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("\"%s\": there is no month %d"), shown, t.month);
  else if (t.day < 1 || t.day > trib_civil_days_in_month (MAX (t.year, 1), t.month))
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("\"%s\": %s %d does not exist"), shown,
                 month_name (t.month), t.day);
  else if (t.hour > 23)
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("\"%s\": there is no hour %d (00 to 23)"), shown, t.hour);
  else if (t.minute > 59)
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("\"%s\": there is no minute %d (00 to 59)"), shown, t.minute);
  else if (t.second > 59)
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("\"%s\": there is no second %d (00 to 59)"), shown, t.second);
  else if (t.year < TRIB_CIVIL_FIRST_YEAR || t.year > TRIB_CIVIL_LAST_YEAR)
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                 _("\"%s\" is outside the supported dates, %d0101 to %d1231"), shown,
                 TRIB_CIVIL_FIRST_YEAR, TRIB_CIVIL_LAST_YEAR);
  else
    {
      *time = t;
      return TRUE;
    }
  return FALSE;
}

GTimeZone *
trib_time_zone_new_checked (const char *identifier)
{
  gboolean offset;

  if (identifier == NULL || *identifier == '\0' || strlen (identifier) > 64)
    return NULL;
  /* GLib reads a name as a file under the zoneinfo folder (and a path as a path):
   * only an IANA name (Area/City, letters, digits, "_+-") or a UTC offset gets that far. */
  offset = identifier[0] == '+' || identifier[0] == '-';
  if (identifier[0] == '/' || strstr (identifier, "..") != NULL || strstr (identifier, "//") != NULL)
    return NULL;
  for (const char *p = identifier; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '+' || *p == '-' || (*p == '/' && !offset) ||
          (*p == ':' && offset)))
      return NULL;
  if (g_str_has_suffix (identifier, "/"))
    return NULL;
  return g_time_zone_new_identifier (identifier);
}
