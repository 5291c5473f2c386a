/* trib-cron.h: DataWorks / Quartz cron expressions and their fire times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRIB_TYPE_CRON (trib_cron_get_type ())

G_DECLARE_FINAL_TYPE (TribCron, trib_cron, TRIB, CRON, GObject)

/* Six fields as DataWorks writes them, "second minute hour day-of-month month
 * day-of-week" (00 30 00 * * ?: daily at 00:30), or seven with a year as Quartz does
 * (0 0 4 * * ? *). Each field takes *, a number, a range a-b (which may wrap round,
 * FRI-MON), a list a,b,c and steps a/n and a-b/n (a star followed by /n steps through
 * the whole range).
 *
 * Day of week is numbered as in Quartz: 1 = Sunday ... 7 = Saturday, or the names SUN,
 * MON, TUE, WED, THU, FRI, SAT (any case); 0 is an error rather than a guess, because
 * Spring's cron calls Sunday 0 and Monday 1. Months are 1-12 or JAN-DEC.
 *
 * "?" means "no value" and is allowed in day of month or day of week; when one of the two
 * is restricted the other must be "?" or "*". Day of month also takes L (last day),
 * L-n (n days before it), LW (last weekday) and nW (the weekday nearest to day n, inside
 * the month). Day of week also takes nL (the last such day of the month, 6L = last
 * Friday), L alone (Saturday) and n#k (the k-th such day, 2#1 = first Monday).
 *
 * Errors name the field and quote the offending text:
 * `cron "00 61 00 * * ?": minute field "61": 61 is out of range 0-59`. */
TribCron   *trib_cron_new                (const char   *expression,
                                          GError      **error);
const char *trib_cron_get_expression     (TribCron     *self);

/* The first fire time strictly after @after, as wall time in @zone, or NULL when there is
 * none before the end of 2099. A wall time that a daylight-saving change skips does not
 * fire; one that happens twice fires once, the first time. */
GDateTime  *trib_cron_next               (TribCron     *self,
                                          GDateTime    *after,
                                          GTimeZone    *zone);
/* Up to @n successive fire times after @after (GDateTime items). */
GPtrArray  *trib_cron_next_n             (TribCron     *self,
                                          GDateTime    *after,
                                          GTimeZone    *zone,
                                          guint         n);
/* The first fire time on the calendar date @year-@month-@day in @zone, or NULL when the
 * expression does not fire that day. */
GDateTime  *trib_cron_first_on_date      (TribCron     *self,
                                          int           year,
                                          int           month,
                                          int           day,
                                          GTimeZone    *zone);
/* The earliest time of day at which the expression can fire. */
void        trib_cron_get_earliest_time  (TribCron     *self,
                                          int          *hour,
                                          int          *minute,
                                          int          *second);

/* The "daily at HH:MM" form the UI edits: TRUE when the expression fires every day at one
 * time with second 0, which it gives. */
gboolean    trib_cron_get_daily_time     (TribCron     *self,
                                          guint        *hour,
                                          guint        *minute);
/* "00 MM HH * * ?", the DataWorks spelling of daily at HH:MM. */
char       *trib_cron_format_daily       (guint         hour,
                                          guint         minute);
/* "HH:MM" or "H:MM" (00:00 to 23:59). */
gboolean    trib_cron_parse_time_of_day  (const char   *text,
                                          guint        *hour,
                                          guint        *minute,
                                          GError      **error);

G_END_DECLS
