/* trib-cron.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-civil-time.h"
#include "trib-cron.h"
#include "trib-error.h"

typedef enum
{
  FIELD_SECOND,
  FIELD_MINUTE,
  FIELD_HOUR,
  FIELD_DAY_OF_MONTH,
  FIELD_MONTH,
  FIELD_DAY_OF_WEEK,
  FIELD_YEAR,
  N_FIELDS
} Field;

static const struct
{
  const char *name;
  int         min;
  int         max;
} field_info[N_FIELDS] = {
  { N_("second"), 0, 59 },
  { N_("minute"), 0, 59 },
  { N_("hour"), 0, 23 },
  { N_("day-of-month"), 1, 31 },
  { N_("month"), 1, 12 },
  { N_("day-of-week"), 1, 7 },
  { N_("year"), 1970, 2099 },
};

static const char * const month_names[] = {
  "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC", NULL,
};
static const char * const day_names[] = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", NULL };

#define LAST_YEAR 2099

/* Sets of allowed values are bit masks: bit v for value v (years: v - 1970). */
struct _TribCron
{
  GObject   parent_instance;
  char     *expression;
  guint64   bits[N_FIELDS - 1];
  guint64   years[3];
  /* "*" or "?" */
  guint     day_of_month_any : 1;
  guint     day_of_week_any : 1;
  /* Day of month: L-n for each n set in last_offsets (L is n = 0), LW, nW. */
  guint32   last_offsets;
  guint     last_weekday : 1;
  guint32   nearest_weekday;
  /* Day of week: wL, and w#k as bit (w - 1) * 5 + (k - 1). */
  guint8    last_of_month;
  guint64   nth_of_month;
};

G_DEFINE_FINAL_TYPE (TribCron, trib_cron, G_TYPE_OBJECT)

static void
trib_cron_finalize (GObject *object)
{
  TribCron *self = (TribCron *) object;

  g_clear_pointer (&self->expression, g_free);

  G_OBJECT_CLASS (trib_cron_parent_class)->finalize (object);
}

static void
trib_cron_class_init (TribCronClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_cron_finalize;
}

static void
trib_cron_init (TribCron *self)
{
}

/* Parsing */

typedef struct
{
  TribCron    *self;
  Field        field;
  const char  *text;
  GError     **error;
} FieldParser;

static gboolean
field_fail (FieldParser *fp,
            const char  *format,
            ...) G_GNUC_PRINTF (2, 3);

static gboolean
field_fail (FieldParser *fp,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (fp->error, TRIB_ERROR, TRIB_ERROR_INVALID, _("cron \"%s\": %s field \"%s\": %s"),
               fp->self->expression, _(field_info[fp->field].name), fp->text, message);
  return FALSE;
}

static void
set_bit (TribCron *self,
         Field     field,
         int       value)
{
  if (field == FIELD_YEAR)
    {
      int i = value - 1970;
      self->years[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
    }
  else
    self->bits[field] |= G_GUINT64_CONSTANT (1) << value;
}

static gboolean
has_bit (const TribCron *self,
         Field           field,
         int             value)
{
  if (field == FIELD_YEAR)
    {
      int i = value - 1970;
      if (i < 0 || i >= 130)
        return FALSE;
      return (self->years[i / 64] >> (i % 64)) & 1;
    }
  if (value < 0 || value > 63)
    return FALSE;
  return (self->bits[field] >> value) & 1;
}

/* A number or, in the month and day-of-week fields, a name. */
static gboolean
parse_value (FieldParser *fp,
             const char  *text,
             int         *value)
{
  const char * const *names = fp->field == FIELD_MONTH ? month_names
                              : fp->field == FIELD_DAY_OF_WEEK ? day_names : NULL;
  int min = field_info[fp->field].min;
  int max = field_info[fp->field].max;
  char *end = NULL;
  long v;

  if (*text == '\0')
    return field_fail (fp, _("a value is missing"));

  if (names && g_ascii_isalpha (*text))
    {
      for (guint i = 0; names[i]; i++)
        if (g_ascii_strcasecmp (text, names[i]) == 0)
          {
            *value = (int) i + 1;
            return TRUE;
          }
      return field_fail (fp, _("\"%s\" is not a name (%s)"), text,
                         fp->field == FIELD_MONTH ? "JAN-DEC" : "SUN-SAT");
    }

  if (!g_ascii_isdigit (*text))
    return field_fail (fp, _("\"%s\" is not a number"), text);
  v = strtol (text, &end, 10);
  if (*end != '\0')
    return field_fail (fp, _("\"%s\" is not a number"), text);
  if (fp->field == FIELD_DAY_OF_WEEK && v == 0)
    return field_fail (fp, _("0 is not a day: days of the week are 1 (SUN) to 7 (SAT), as in Quartz"));
  if (v < min || v > max)
    return field_fail (fp, _("%ld is out of range %d-%d"), v, min, max);
  *value = (int) v;
  return TRUE;
}

static gboolean
parse_special (FieldParser *fp,
               const char  *item,
               gboolean    *handled)
{
  TribCron *self = fp->self;
  gsize len = strlen (item);
  int value;

  *handled = TRUE;

  if (fp->field == FIELD_DAY_OF_MONTH)
    {
      if (g_ascii_strcasecmp (item, "L") == 0)
        {
          self->last_offsets |= 1;
          return TRUE;
        }
      if (g_ascii_strcasecmp (item, "LW") == 0)
        {
          self->last_weekday = TRUE;
          return TRUE;
        }
      if ((item[0] == 'L' || item[0] == 'l') && item[1] == '-')
        {
          g_autofree char *number = g_strdup (item + 2);
          char *end = NULL;
          long n = strtol (number, &end, 10);

          if (*number == '\0' || *end != '\0' || !g_ascii_isdigit (*number) || n < 0 || n > 30)
            return field_fail (fp, _("\"%s\": L-n needs n from 0 to 30"), item);
          self->last_offsets |= 1u << n;
          return TRUE;
        }
      if (len > 1 && (item[len - 1] == 'W' || item[len - 1] == 'w'))
        {
          g_autofree char *number = g_strndup (item, len - 1);

          if (!parse_value (fp, number, &value))
            return FALSE;
          self->nearest_weekday |= 1u << value;
          return TRUE;
        }
    }

  if (fp->field == FIELD_DAY_OF_WEEK)
    {
      const char *hash = strchr (item, '#');

      if (g_ascii_strcasecmp (item, "L") == 0)
        {
          set_bit (self, FIELD_DAY_OF_WEEK, 7);
          return TRUE;
        }
      if (len > 1 && (item[len - 1] == 'L' || item[len - 1] == 'l'))
        {
          g_autofree char *day = g_strndup (item, len - 1);

          if (!parse_value (fp, day, &value))
            return FALSE;
          self->last_of_month |= 1u << value;
          return TRUE;
        }
      if (hash != NULL)
        {
          g_autofree char *day = g_strndup (item, hash - item);
          char *end = NULL;
          long k = strtol (hash + 1, &end, 10);

          if (!parse_value (fp, day, &value))
            return FALSE;
          if (hash[1] == '\0' || *end != '\0' || !g_ascii_isdigit (hash[1]) || k < 1 || k > 5)
            return field_fail (fp, _("\"%s\": in n#k, k is the week of the month, 1 to 5"), item);
          self->nth_of_month |= G_GUINT64_CONSTANT (1) << ((value - 1) * 5 + (k - 1));
          return TRUE;
        }
    }

  if (strpbrk (item, "LlWw#") != NULL && !g_ascii_isalpha (item[0]))
    {
      if (fp->field != FIELD_DAY_OF_MONTH && fp->field != FIELD_DAY_OF_WEEK)
        return field_fail (fp, _("\"%s\": L, W and # are only allowed in the day fields"), item);
    }

  *handled = FALSE;
  return TRUE;
}

static gboolean
parse_item (FieldParser *fp,
            const char  *item)
{
  int min = field_info[fp->field].min;
  int max = field_info[fp->field].max;
  int from, to, step = 1;
  g_autofree char *range = NULL;
  const char *slash;
  const char *dash;
  gboolean handled;

  if (!parse_special (fp, item, &handled))
    return FALSE;
  if (handled)
    return TRUE;

  slash = strchr (item, '/');
  range = slash ? g_strndup (item, slash - item) : g_strdup (item);
  if (slash)
    {
      char *end = NULL;
      long v = strtol (slash + 1, &end, 10);

      if (slash[1] == '\0' || !g_ascii_isdigit (slash[1]) || *end != '\0' || v < 1 || v > max - min + 1)
        return field_fail (fp, _("\"%s\": the step must be a number from 1 to %d"), item, max - min + 1);
      step = (int) v;
    }

  dash = strchr (range, '-');
  if (g_str_equal (range, "*") || g_str_equal (range, "?"))
    {
      if (g_str_equal (range, "?") && fp->field != FIELD_DAY_OF_MONTH && fp->field != FIELD_DAY_OF_WEEK)
        return field_fail (fp, _("\"?\" is only allowed in the day-of-month and day-of-week fields"));
      from = min;
      to = max;
    }
  else if (dash != NULL)
    {
      g_autofree char *first = g_strndup (range, dash - range);

      if (!parse_value (fp, first, &from) || !parse_value (fp, dash + 1, &to))
        return FALSE;
    }
  else
    {
      if (!parse_value (fp, range, &from))
        return FALSE;
      /* "a/n" runs from a to the end of the range. */
      to = slash ? max : from;
    }

  /* A range may wrap round: FRI-MON, 22-2. */
  for (int i = 0, v = from; ; i++)
    {
      if (i % step == 0)
        set_bit (fp->self, fp->field, v);
      if (v == to)
        break;
      v = v == max ? min : v + 1;
    }
  return TRUE;
}

static gboolean
parse_field (TribCron    *self,
             Field        field,
             const char  *text,
             GError     **error)
{
  FieldParser fp = { self, field, text, error };
  g_auto(GStrv) items = NULL;

  if (g_str_equal (text, "*") || g_str_equal (text, "?"))
    {
      if (field == FIELD_DAY_OF_MONTH)
        self->day_of_month_any = TRUE;
      else if (field == FIELD_DAY_OF_WEEK)
        self->day_of_week_any = TRUE;
    }

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i]; i++)
    if (!parse_item (&fp, items[i]))
      return FALSE;
  return TRUE;
}

TribCron *
trib_cron_new (const char  *expression,
               GError     **error)
{
  g_autoptr(TribCron) self = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *stripped = NULL;
  guint n;

  g_return_val_if_fail (expression != NULL, NULL);

  self = g_object_new (TRIB_TYPE_CRON, NULL);
  self->expression = g_strdup (expression);

  stripped = g_strstrip (g_strdup (expression));
  fields = g_regex_split_simple ("[ \t]+", stripped, 0, 0);
  n = *stripped ? g_strv_length (fields) : 0;
  if (n != 6 && n != 7)
    {
      if (n == 5)
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                     _("cron \"%s\": expected 6 fields (second minute hour day-of-month month "
                       "day-of-week) or 7 (and a year), got 5: a DataWorks cron starts with the second, as in \"00 30 00 * * ?\""),
                     expression);
      else
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                     _("cron \"%s\": expected 6 fields (second minute hour day-of-month month "
                       "day-of-week) or 7 (and a year), got %u"),
                     expression, n);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    if (!parse_field (self, (Field) i, fields[i], error))
      return NULL;
  if (n == 6)
    for (int y = 1970; y <= LAST_YEAR; y++)
      set_bit (self, FIELD_YEAR, y);

  if (g_str_equal (fields[FIELD_DAY_OF_MONTH], "?") && g_str_equal (fields[FIELD_DAY_OF_WEEK], "?"))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("cron \"%s\": day-of-month and day-of-week cannot both be \"?\""), expression);
      return NULL;
    }
  if (!self->day_of_month_any && !self->day_of_week_any)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("cron \"%s\": give a day of month or a day of week, and \"?\" in the other field"),
                   expression);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
trib_cron_get_expression (TribCron *self)
{
  g_return_val_if_fail (TRIB_IS_CRON (self), NULL);
  return self->expression;
}

/* Matching */

static gboolean
day_of_month_matches (const TribCron *self,
                      int             year,
                      int             month,
                      int             day)
{
  int last = trib_civil_days_in_month (year, month);
  int weekday = trib_civil_day_of_week (year, month, day);

  if (has_bit (self, FIELD_DAY_OF_MONTH, day))
    return TRUE;
  if (last - day <= 30 && (self->last_offsets >> (last - day)) & 1)
    return TRUE;
  if (self->last_weekday)
    {
      int lw = last;
      int w = trib_civil_day_of_week (year, month, last);

      if (w == 7)
        lw -= 1;
      else if (w == 1)
        lw -= 2;
      if (day == lw)
        return TRUE;
    }
  if (self->nearest_weekday && weekday >= 2 && weekday <= 6)
    {
      /* nW moves a Saturday to the Friday before and a Sunday to the Monday after,
       * but never out of the month: Saturday the 1st becomes Monday the 3rd, a Sunday
       * that ends the month the Friday before it. So look two days either way. */
      for (int n = MAX (1, day - 2); n <= MIN (last, day + 2); n++)
        {
          int w, target;

          if (!((self->nearest_weekday >> n) & 1))
            continue;
          w = trib_civil_day_of_week (year, month, n);
          if (w == 7)
            target = n == 1 ? n + 2 : n - 1;
          else if (w == 1)
            target = n == last ? n - 2 : n + 1;
          else
            target = n;
          if (target == day)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
day_of_week_matches (const TribCron *self,
                     int             year,
                     int             month,
                     int             day)
{
  int weekday = trib_civil_day_of_week (year, month, day);
  int week = (day - 1) / 7 + 1;

  if (has_bit (self, FIELD_DAY_OF_WEEK, weekday))
    return TRUE;
  if ((self->last_of_month >> weekday) & 1 && day + 7 > trib_civil_days_in_month (year, month))
    return TRUE;
  if (week <= 5 && (self->nth_of_month >> ((weekday - 1) * 5 + (week - 1))) & 1)
    return TRUE;
  return FALSE;
}

static gboolean
day_matches (const TribCron *self,
             int             year,
             int             month,
             int             day)
{
  if (self->day_of_month_any && self->day_of_week_any)
    return TRUE;
  if (self->day_of_week_any)
    return day_of_month_matches (self, year, month, day);
  return day_of_week_matches (self, year, month, day);
}

/* The first value >= @from set in @field, or -1. */
static int
next_value (const TribCron *self,
            Field           field,
            int             from)
{
  for (int v = MAX (from, field_info[field].min); v <= field_info[field].max; v++)
    if (has_bit (self, field, v))
      return v;
  return -1;
}

/* Moves @t to the first matching wall time at or after it; FALSE when there is none
 * before the end of LAST_YEAR. Each step either matches a field or moves to the start
 * of the next candidate for it, so a few thousand steps cover the whole range. */
static gboolean
next_civil (const TribCron *self,
            TribCivilTime  *t)
{
  if (t->year < 1970)
    *t = (TribCivilTime) { 1970, 1, 1, 0, 0, 0 };

  for (guint guard = 0; guard < 1000000; guard++)
    {
      int v;

      if (t->year > LAST_YEAR)
        return FALSE;

      if (!has_bit (self, FIELD_YEAR, t->year))
        {
          v = next_value (self, FIELD_YEAR, t->year + 1);
          if (v < 0)
            return FALSE;
          *t = (TribCivilTime) { v, 1, 1, 0, 0, 0 };
          continue;
        }

      if (!has_bit (self, FIELD_MONTH, t->month))
        {
          v = next_value (self, FIELD_MONTH, t->month + 1);
          if (v < 0)
            *t = (TribCivilTime) { t->year + 1, 1, 1, 0, 0, 0 };
          else
            *t = (TribCivilTime) { t->year, v, 1, 0, 0, 0 };
          continue;
        }

      if (t->day > trib_civil_days_in_month (t->year, t->month) ||
          !day_matches (self, t->year, t->month, t->day))
        {
          if (t->day >= trib_civil_days_in_month (t->year, t->month))
            {
              if (t->month == 12)
                *t = (TribCivilTime) { t->year + 1, 1, 1, 0, 0, 0 };
              else
                *t = (TribCivilTime) { t->year, t->month + 1, 1, 0, 0, 0 };
            }
          else
            *t = (TribCivilTime) { t->year, t->month, t->day + 1, 0, 0, 0 };
          continue;
        }

      if (!has_bit (self, FIELD_HOUR, t->hour))
        {
          v = next_value (self, FIELD_HOUR, t->hour + 1);
          if (v < 0)
            *t = (TribCivilTime) { t->year, t->month, t->day + 1, 0, 0, 0 };
          else
            *t = (TribCivilTime) { t->year, t->month, t->day, v, 0, 0 };
          continue;
        }

      if (!has_bit (self, FIELD_MINUTE, t->minute))
        {
          v = next_value (self, FIELD_MINUTE, t->minute + 1);
          if (v < 0)
            {
              t->minute = 0;
              t->second = 0;
              t->hour++;
              if (t->hour == 24)
                *t = (TribCivilTime) { t->year, t->month, t->day + 1, 0, 0, 0 };
            }
          else
            {
              t->minute = v;
              t->second = 0;
            }
          continue;
        }

      if (!has_bit (self, FIELD_SECOND, t->second))
        {
          v = next_value (self, FIELD_SECOND, t->second + 1);
          if (v < 0)
            {
              t->second = 0;
              t->minute++;
              if (t->minute == 60)
                {
                  t->minute = 0;
                  t->hour++;
                  if (t->hour == 24)
                    *t = (TribCivilTime) { t->year, t->month, t->day + 1, 0, 0, 0 };
                }
            }
          else
            t->second = v;
          continue;
        }

      return TRUE;
    }
  return FALSE;
}

/* The first fire time whose wall time is at or after @t and whose instant is after
 * @after_instant (or any, when it is NULL). */
static GDateTime *
next_from_civil (TribCron      *self,
                 TribCivilTime  t,
                 GDateTime     *after_instant,
                 GTimeZone     *zone)
{
  for (guint guard = 0; guard < 10000; guard++)
    {
      g_autoptr(GDateTime) candidate = NULL;

      if (!next_civil (self, &t))
        return NULL;
      candidate = trib_civil_to_date_time (&t, zone);
      if (candidate != NULL &&
          (after_instant == NULL || g_date_time_compare (candidate, after_instant) > 0))
        return g_steal_pointer (&candidate);
      trib_civil_from_seconds (trib_civil_to_seconds (&t) + 1, &t);
    }
  return NULL;
}

GDateTime *
trib_cron_next (TribCron  *self,
                GDateTime *after,
                GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;
  TribCivilTime t;

  g_return_val_if_fail (TRIB_IS_CRON (self), NULL);
  g_return_val_if_fail (after != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  local = g_date_time_to_timezone (after, zone);
  trib_civil_from_date_time (local, &t);
  trib_civil_from_seconds (trib_civil_to_seconds (&t) + 1, &t);
  return next_from_civil (self, t, after, zone);
}

GPtrArray *
trib_cron_next_n (TribCron  *self,
                  GDateTime *after,
                  GTimeZone *zone,
                  guint      n)
{
  GPtrArray *times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GDateTime) previous = NULL;

  g_return_val_if_fail (TRIB_IS_CRON (self), times);
  g_return_val_if_fail (after != NULL, times);

  previous = g_date_time_ref (after);
  while (times->len < n)
    {
      GDateTime *next = trib_cron_next (self, previous, zone);

      if (next == NULL)
        break;
      g_ptr_array_add (times, next);
      g_date_time_unref (previous);
      previous = g_date_time_ref (next);
    }
  return times;
}

GDateTime *
trib_cron_first_on_date (TribCron  *self,
                         int        year,
                         int        month,
                         int        day,
                         GTimeZone *zone)
{
  TribCivilTime t = { year, month, day, 0, 0, 0 };
  g_autoptr(GDateTime) first = NULL;

  g_return_val_if_fail (TRIB_IS_CRON (self), NULL);
  g_return_val_if_fail (trib_civil_is_valid (&t), NULL);

  first = next_from_civil (self, t, NULL, zone);
  if (first == NULL || g_date_time_get_year (first) != year ||
      g_date_time_get_month (first) != month || g_date_time_get_day_of_month (first) != day)
    return NULL;
  return g_steal_pointer (&first);
}

void
trib_cron_get_earliest_time (TribCron *self,
                             int      *hour,
                             int      *minute,
                             int      *second)
{
  g_return_if_fail (TRIB_IS_CRON (self));

  *hour = MAX (next_value (self, FIELD_HOUR, 0), 0);
  *minute = MAX (next_value (self, FIELD_MINUTE, 0), 0);
  *second = MAX (next_value (self, FIELD_SECOND, 0), 0);
}

static gboolean
single_bit (guint64 bits)
{
  return bits != 0 && (bits & (bits - 1)) == 0;
}

gboolean
trib_cron_get_daily_time (TribCron *self,
                          guint    *hour,
                          guint    *minute)
{
  guint64 all_months = ((G_GUINT64_CONSTANT (1) << 13) - 1) & ~G_GUINT64_CONSTANT (1);

  g_return_val_if_fail (TRIB_IS_CRON (self), FALSE);

  if (self->bits[FIELD_SECOND] != 1 ||
      !single_bit (self->bits[FIELD_MINUTE]) || !single_bit (self->bits[FIELD_HOUR]) ||
      !self->day_of_month_any || !self->day_of_week_any ||
      self->bits[FIELD_MONTH] != all_months ||
      self->years[0] != G_MAXUINT64 || self->years[1] != G_MAXUINT64 ||
      self->years[2] != (G_GUINT64_CONSTANT (1) << 2) - 1)
    return FALSE;

  if (hour)
    *hour = (guint) next_value (self, FIELD_HOUR, 0);
  if (minute)
    *minute = (guint) next_value (self, FIELD_MINUTE, 0);
  return TRUE;
}

char *
trib_cron_format_daily (guint hour,
                        guint minute)
{
  g_return_val_if_fail (hour < 24 && minute < 60, NULL);
  return g_strdup_printf ("00 %02u %02u * * ?", minute, hour);
}

gboolean
trib_cron_parse_time_of_day (const char  *text,
                             guint       *hour,
                             guint       *minute,
                             GError     **error)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*([0-9]{1,2}):([0-9]{2})\\s*$", 0, 0, NULL);
  g_autofree char *h = NULL;
  g_autofree char *m = NULL;
  int hv, mv;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_regex_match (regex, text, 0, &match))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("\"%s\" is not a time of day such as 00:30"), text);
      return FALSE;
    }
  h = g_match_info_fetch (match, 1);
  m = g_match_info_fetch (match, 2);
  hv = atoi (h);
  mv = atoi (m);
  if (hv > 23 || mv > 59)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("\"%s\" is not a time of day such as 00:30"), text);
      return FALSE;
    }
  if (hour)
    *hour = (guint) hv;
  if (minute)
    *minute = (guint) mv;
  return TRUE;
}
