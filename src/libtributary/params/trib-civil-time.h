/* trib-civil-time.h: wall-clock date and time arithmetic, without a time zone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date and time as a clock on the wall shows it. Scheduling parameters and cron
 * expressions are defined on these fields: "one day earlier" is the same wall time on
 * the previous calendar day, whatever a daylight-saving change did in between. The
 * time zone only matters where an instant becomes wall time, or back. */
typedef struct
{
  int year;
  int month;   /* 1-12 */
  int day;     /* 1-31 */
  int hour;    /* 0-23 */
  int minute;
  int second;
} TribCivilTime;

gboolean   trib_civil_is_leap_year       (int                  year);
int        trib_civil_days_in_month      (int                  year,
                                          int                  month);
/* Days since 1970-01-01 (proleptic Gregorian), and back. */
gint64     trib_civil_days_from_date     (int                  year,
                                          int                  month,
                                          int                  day);
void       trib_civil_date_from_days     (gint64               days,
                                          int                 *year,
                                          int                 *month,
                                          int                 *day);
/* 1 = Sunday ... 7 = Saturday, as Quartz numbers the days of the week. */
int        trib_civil_day_of_week        (int                  year,
                                          int                  month,
                                          int                  day);

/* Seconds since 1970-01-01 00:00:00 of the wall clock, as if it ran in UTC. */
gint64     trib_civil_to_seconds         (const TribCivilTime *time);
void       trib_civil_from_seconds       (gint64               seconds,
                                          TribCivilTime       *time);
/* Moves by whole months; a day past the end of the new month becomes its last day. */
void       trib_civil_add_months         (TribCivilTime       *time,
                                          int                  months);
gboolean   trib_civil_is_valid           (const TribCivilTime *time);
int        trib_civil_compare            (const TribCivilTime *a,
                                          const TribCivilTime *b);

void       trib_civil_from_date_time     (GDateTime           *date_time,
                                          TribCivilTime       *time);
/* The instant that shows @time on the clocks of @zone, or NULL when the clocks skip it
 * (a daylight-saving gap). When they show it twice, the first. */
GDateTime *trib_civil_to_date_time       (const TribCivilTime *time,
                                          GTimeZone           *zone);

/* "YYYYMMDD" and "YYYYMMDDHHMMSS"; the parsers accept exactly these forms of a valid
 * date or time. */
char      *trib_civil_format_date        (const TribCivilTime *time);
char      *trib_civil_format_date_time   (const TribCivilTime *time);
gboolean   trib_civil_parse_date         (const char          *text,
                                          TribCivilTime       *time);
gboolean   trib_civil_parse_date_time    (const char          *text,
                                          TribCivilTime       *time);

/* The one range of business dates and scheduled times that params, run and backfill
 * accept (the cron evaluator starts in 1970; a date needs a next day to be scheduled). */
#define TRIB_CIVIL_FIRST_YEAR 1970
#define TRIB_CIVIL_LAST_YEAR  9998

/* Parses a business date "YYYYMMDD" (or, @with_time, a scheduled time "YYYYMMDDHHMMSS")
 * given by a user, and says precisely what is wrong: the form, a field that does not
 * exist ("February 30 does not exist"), or a date outside the supported range. */
gboolean   trib_civil_parse_checked      (const char          *text,
                                          gboolean             with_time,
                                          TribCivilTime       *time,
                                          GError             **error);

/* A time zone from a name a user typed (Asia/Shanghai, UTC, +08:00), or NULL when it is
 * not a time zone name; never a path, so never a GLib warning about a file. */
GTimeZone *trib_time_zone_new_checked    (const char          *identifier);

G_END_DECLS
