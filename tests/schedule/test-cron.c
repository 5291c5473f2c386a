/* test-cron.c: DataWorks / Quartz cron expressions (dataworks-reference.md §2.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-test-util.h"

static GDateTime *
local_time (const char *zone_name,
            int         year,
            int         month,
            int         day,
            int         hour,
            int         minute,
            int         second)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);

  g_assert_nonnull (zone);
  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

/* Checks the next fire times of @expression after @after, written as local
 * "YYYY-MM-DD HH:MM:SS" in @zone_name; NULL ends @expected. */
static void
check_next (const char         *expression,
            const char         *zone_name,
            GDateTime          *after,
            const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribCron) cron = trib_cron_new (expression, &error);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GPtrArray) times = NULL;
  guint n = g_strv_length ((char **) expected);

  g_assert_no_error (error);
  times = trib_cron_next_n (cron, after, zone, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      g_assert_cmpuint (i, <, times->len);
      text = g_date_time_format (g_ptr_array_index (times, i), "%Y-%m-%d %H:%M:%S");
      g_test_message ("%s: %s", expression, text);
      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_daily (void)
{
  g_autoptr(GDateTime) from = local_time ("Asia/Shanghai", 2025, 10, 31, 12, 0, 0);
  g_autoptr(GDateTime) at_fire = local_time ("Asia/Shanghai", 2025, 11, 1, 0, 30, 0);
  const char *expected[] = { "2025-11-01 00:30:00", "2025-11-02 00:30:00", "2025-11-03 00:30:00", NULL };
  const char *strictly_after[] = { "2025-11-02 00:30:00", NULL };
  const char *quartz[] = { "2025-11-01 04:00:00", "2025-11-02 04:00:00", NULL };

  check_next ("00 30 00 * * ?", "Asia/Shanghai", from, expected);
  /* "After" is strict: a fire time equal to it is not next. */
  check_next ("00 30 00 * * ?", "Asia/Shanghai", at_fire, strictly_after);
  /* The 7-field Quartz form FlowSpec files may carry. */
  check_next ("0 0 4 * * ? *", "Asia/Shanghai", from, quartz);
}

static void
test_time_zone (void)
{
  /* The instant is the same; the workspace zone decides when 00:30 is. */
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2025-10-31T12:00:00Z", NULL);
  g_autoptr(TribCron) cron = trib_cron_new ("00 30 00 * * ?", NULL);
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) next_shanghai = trib_cron_next (cron, from, shanghai);
  g_autoptr(GDateTime) next_utc = trib_cron_next (cron, from, utc);
  g_autofree char *a = g_date_time_format_iso8601 (next_shanghai);
  g_autofree char *b = g_date_time_format_iso8601 (next_utc);

  g_assert_cmpstr (a, ==, "2025-11-01T00:30:00+08");
  g_assert_cmpstr (b, ==, "2025-11-01T00:30:00Z");
}

static void
test_minute_and_hour_cycles (void)
{
  g_autoptr(GDateTime) from = local_time ("UTC", 2025, 11, 1, 10, 10, 0);
  const char *half_hourly[] = { "2025-11-01 10:30:00", "2025-11-01 11:00:00", "2025-11-01 11:30:00", NULL };
  const char *hourly[] = { "2025-11-01 11:00:00", "2025-11-01 12:00:00", NULL };
  const char *stepped[] = { "2025-11-01 10:25:00", "2025-11-01 10:45:00", "2025-11-01 11:05:00", NULL };
  const char *wrapped[] = { "2025-11-01 22:00:00", "2025-11-01 23:00:00", "2025-11-02 00:00:00",
                            "2025-11-02 01:00:00", "2025-11-02 02:00:00", "2025-11-02 22:00:00", NULL };
  const char *listed[] = { "2025-11-01 10:10:30", "2025-11-01 10:11:00", NULL };

  check_next ("00 */30 00-23 * * ?", "UTC", from, half_hourly);
  check_next ("00 00 00-23/1 * * ?", "UTC", from, hourly);
  check_next ("0 5/20 * * * ?", "UTC", from, stepped);
  check_next ("0 0 22-2 * * ?", "UTC", from, wrapped);
  check_next ("0,30 * * * * ?", "UTC", from, listed);
}

static void
test_weekly (void)
{
  /* Wednesday 2025-11-05. Quartz numbering: 1 = Sunday, 3 = Tuesday. */
  g_autoptr(GDateTime) from = local_time ("UTC", 2025, 11, 5, 12, 0, 0);
  const char *numbers[] = { "2025-11-09 02:00:00", "2025-11-11 02:00:00", "2025-11-16 02:00:00", NULL };
  const char *names[] = { "2025-11-10 02:00:00", "2025-11-12 02:00:00", "2025-11-17 02:00:00", NULL };
  const char *wrapped[] = { "2025-11-07 02:00:00", "2025-11-08 02:00:00", "2025-11-09 02:00:00",
                            "2025-11-10 02:00:00", "2025-11-14 02:00:00", NULL };
  const char *day_of_month_star[] = { "2025-11-07 02:00:00", "2025-11-14 02:00:00", NULL };

  check_next ("00 00 02 ? * 1,3", "UTC", from, numbers);
  check_next ("00 00 02 ? * mon,WED", "UTC", from, names);
  check_next ("00 00 02 ? * FRI-MON", "UTC", from, wrapped);
  check_next ("00 00 02 * * 6", "UTC", from, day_of_month_star);
}

static void
test_monthly (void)
{
  g_autoptr(GDateTime) from = local_time ("UTC", 2024, 2, 10, 0, 0, 0);
  g_autoptr(GDateTime) nov = local_time ("UTC", 2025, 11, 1, 12, 0, 0);
  g_autoptr(GDateTime) aug = local_time ("UTC", 2025, 8, 1, 0, 0, 0);
  g_autoptr(GDateTime) october_2 = local_time ("UTC", 2025, 10, 2, 0, 0, 0);
  const char *first_and_third[] = { "2024-03-01 01:00:00", "2024-03-03 01:00:00", "2024-04-01 01:00:00", NULL };
  const char *last_day[] = { "2024-02-29 01:00:00", "2024-03-31 01:00:00", "2024-04-30 01:00:00", NULL };
  const char *two_before_last[] = { "2024-02-27 00:00:00", "2024-03-29 00:00:00", NULL };
  const char *last_weekday[] = { "2025-08-29 00:00:00", "2025-09-30 00:00:00", "2025-10-31 00:00:00", NULL };
  /* 2025-11-15 is a Saturday: the nearest weekday is Friday the 14th; 2026-02-15 is a
   * Sunday: Monday the 16th. */
  const char *nearest_15[] = { "2025-11-14 00:00:00", "2025-12-15 00:00:00", "2026-01-15 00:00:00",
                               "2026-02-16 00:00:00", NULL };
  /* 2025-11-01 is a Saturday: 1W does not leave the month, it is Monday the 3rd. */
  /* Strictly after 2025-08-01 00:00 (a Friday, its own 1W). */
  const char *nearest_1_weekday[] = { "2025-09-01 00:00:00", "2025-10-01 00:00:00", NULL };
  const char *nearest_1[] = { "2025-11-03 00:00:00", "2025-12-01 00:00:00", NULL };
  const char *last_friday[] = { "2025-11-28 00:00:00", "2025-12-26 00:00:00", NULL };
  const char *first_monday[] = { "2025-11-03 00:00:00", "2025-12-01 00:00:00", NULL };
  const char *third_friday[] = { "2025-11-21 00:00:00", "2025-12-19 00:00:00", NULL };

  check_next ("00 00 01 1,3 * ?", "UTC", from, first_and_third);
  check_next ("00 00 01 L * ?", "UTC", from, last_day);
  check_next ("0 0 0 L-2 * ?", "UTC", from, two_before_last);
  check_next ("0 0 0 LW * ?", "UTC", aug, last_weekday);
  check_next ("0 0 0 15W * ?", "UTC", nov, nearest_15);
  check_next ("0 0 0 1W * ?", "UTC", aug, nearest_1_weekday);
  check_next ("0 0 0 1W * ?", "UTC", october_2, nearest_1);
  check_next ("0 0 0 ? * 6L", "UTC", nov, last_friday);
  check_next ("0 0 0 ? * 2#1", "UTC", nov, first_monday);
  check_next ("0 0 0 ? * FRI#3", "UTC", nov, third_friday);
}

static void
test_years_and_never (void)
{
  g_autoptr(GDateTime) from = local_time ("UTC", 2025, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) after_2027 = local_time ("UTC", 2027, 1, 2, 0, 0, 0);
  g_autoptr(TribCron) once = trib_cron_new ("0 0 0 1 1 ? 2027", NULL);
  g_autoptr(TribCron) never = trib_cron_new ("0 0 0 30 2 ?", NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) first = trib_cron_next (once, from, utc);
  g_autoptr(GDateTime) none = trib_cron_next (once, after_2027, utc);
  g_autoptr(GDateTime) feb30 = trib_cron_next (never, from, utc);
  const char *leap_days[] = { "2028-02-29 00:00:00", "2032-02-29 00:00:00", NULL };
  g_autofree char *text = NULL;

  text = g_date_time_format (first, "%Y-%m-%d %H:%M:%S");
  g_assert_cmpstr (text, ==, "2027-01-01 00:00:00");
  g_assert_null (none);
  g_assert_null (feb30);
  check_next ("0 0 0 29 2 ?", "UTC", from, leap_days);
}

static void
test_daylight_saving (void)
{
  /* Europe/Berlin: 2025-03-30 02:00 -> 03:00, 2025-10-26 03:00 -> 02:00. */
  g_autoptr(GDateTime) march = local_time ("Europe/Berlin", 2025, 3, 29, 12, 0, 0);
  g_autoptr(GDateTime) october = local_time ("Europe/Berlin", 2025, 10, 25, 12, 0, 0);
  g_autoptr(TribCron) cron = trib_cron_new ("0 30 2 * * ?", NULL);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) times = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *skipped[] = { "2025-03-31 02:30:00", "2025-04-01 02:30:00", NULL };

  /* 02:30 does not exist on 2025-03-30: no fire that day. */
  check_next ("0 30 2 * * ?", "Europe/Berlin", march, skipped);

  /* 02:30 happens twice on 2025-10-26: one fire, the first. */
  times = trib_cron_next_n (cron, october, berlin, 2);
  g_assert_cmpuint (times->len, ==, 2);
  a = g_date_time_format_iso8601 (g_ptr_array_index (times, 0));
  b = g_date_time_format_iso8601 (g_ptr_array_index (times, 1));
  g_assert_cmpstr (a, ==, "2025-10-26T02:30:00+02");
  g_assert_cmpstr (b, ==, "2025-10-27T02:30:00+01");
}

static void
test_first_on_date (void)
{
  g_autoptr(TribCron) daily = trib_cron_new ("00 30 00 * * ?", NULL);
  g_autoptr(TribCron) weekly = trib_cron_new ("00 00 02 ? * MON", NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) first = trib_cron_first_on_date (daily, 2025, 11, 1, zone);
  g_autoptr(GDateTime) monday = trib_cron_first_on_date (weekly, 2025, 11, 3, zone);
  g_autoptr(GDateTime) saturday = trib_cron_first_on_date (weekly, 2025, 11, 1, zone);
  g_autofree char *a = g_date_time_format_iso8601 (first);
  g_autofree char *b = g_date_time_format_iso8601 (monday);
  int h, m, s;

  g_assert_cmpstr (a, ==, "2025-11-01T00:30:00+08");
  g_assert_cmpstr (b, ==, "2025-11-03T02:00:00+08");
  g_assert_null (saturday);

  trib_cron_get_earliest_time (weekly, &h, &m, &s);
  g_assert_cmpint (h, ==, 2);
  g_assert_cmpint (m, ==, 0);
  g_assert_cmpint (s, ==, 0);
}

static void
check_error (const char *expression,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribCron) cron = trib_cron_new (expression, &error);

  g_assert_null (cron);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_errors (void)
{
  check_error ("00 61 00 * * ?", "cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59");
  check_error ("30 0 * * *",
               "cron \"30 0 * * *\": expected 6 fields (second minute hour day-of-month month day-of-week) or 7 "
               "(and a year), got 5: a DataWorks cron starts with the second, as in \"00 30 00 * * ?\"");
  check_error ("", "cron \"\": expected 6 fields (second minute hour day-of-month month day-of-week) or 7 (and a year), got 0");
  check_error ("0 0 2 ? * 0",
               "cron \"0 0 2 ? * 0\": day-of-week field \"0\": 0 is not a day: days of the week are 1 (SUN) to 7 (SAT), as in Quartz");
  check_error ("0 0 2 ? * 8", "cron \"0 0 2 ? * 8\": day-of-week field \"8\": 8 is out of range 1-7");
  check_error ("0 0 ? * * ?", "cron \"0 0 ? * * ?\": hour field \"?\": \"?\" is only allowed in the day-of-month and day-of-week fields");
  check_error ("0 0 0 ? * ?", "cron \"0 0 0 ? * ?\": day-of-month and day-of-week cannot both be \"?\"");
  check_error ("0 0 0 1 * MON", "cron \"0 0 0 1 * MON\": give a day of month or a day of week, and \"?\" in the other field");
  check_error ("0 */0 * * * ?", "cron \"0 */0 * * * ?\": minute field \"*/0\": \"*/0\": the step must be a number from 1 to 60");
  check_error ("0 0 0 ? FOO *", "cron \"0 0 0 ? FOO *\": month field \"FOO\": \"FOO\" is not a name (JAN-DEC)");
  check_error ("0 5L * * * ?", "cron \"0 5L * * * ?\": minute field \"5L\": \"5L\": L, W and # are only allowed in the day fields");
  check_error ("0 0 0 ? * 2#6", "cron \"0 0 0 ? * 2#6\": day-of-week field \"2#6\": \"2#6\": in n#k, k is the week of the month, 1 to 5");
  check_error ("0 0 0 1-x * ?", "cron \"0 0 0 1-x * ?\": day-of-month field \"1-x\": \"x\" is not a number");
  check_error ("0 0 0 1, * ?", "cron \"0 0 0 1, * ?\": day-of-month field \"1,\": a value is missing");
  check_error ("0 0 0 1 1 ? 1969", "cron \"0 0 0 1 1 ? 1969\": year field \"1969\": 1969 is out of range 1970-2099");
}

static void
test_daily_helpers (void)
{
  static const struct
  {
    const char *expression;
    gboolean    daily;
    guint       hour;
    guint       minute;
  } cases[] = {
    { "00 30 00 * * ?", TRUE, 0, 30 },
    { "0 0 4 * * ? *", TRUE, 4, 0 },
    { "0 15 23 ? * *", TRUE, 23, 15 },
    { "00 */30 00-23 * * ?", FALSE, 0, 0 },
    { "30 30 00 * * ?", FALSE, 0, 0 },
    { "00 30 00 ? * MON", FALSE, 0, 0 },
    { "00 30 00 L * ?", FALSE, 0, 0 },
    { "0 0 4 * * ? 2027", FALSE, 0, 0 },
  };
  g_autofree char *formatted = trib_cron_format_daily (0, 30);
  g_autofree char *evening = trib_cron_format_daily (21, 5);
  g_autoptr(GError) error = NULL;
  guint hour = 99, minute = 99;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TribCron) cron = trib_cron_new (cases[i].expression, NULL);
      guint h = 99, m = 99;

      g_assert_nonnull (cron);
      g_assert_cmpint (trib_cron_get_daily_time (cron, &h, &m), ==, cases[i].daily);
      if (cases[i].daily)
        {
          g_assert_cmpuint (h, ==, cases[i].hour);
          g_assert_cmpuint (m, ==, cases[i].minute);
        }
    }

  g_assert_cmpstr (formatted, ==, "00 30 00 * * ?");
  g_assert_cmpstr (evening, ==, "00 05 21 * * ?");

  g_assert_true (trib_cron_parse_time_of_day ("00:30", &hour, &minute, NULL));
  g_assert_cmpuint (hour, ==, 0);
  g_assert_cmpuint (minute, ==, 30);
  g_assert_true (trib_cron_parse_time_of_day (" 7:05 ", &hour, &minute, NULL));
  g_assert_cmpuint (hour, ==, 7);
  g_assert_cmpuint (minute, ==, 5);
  g_assert_false (trib_cron_parse_time_of_day ("24:00", &hour, &minute, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "\"24:00\" is not a time of day such as 00:30");
  g_assert_false (trib_cron_parse_time_of_day ("0030", NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cron/daily", test_daily);
  g_test_add_func ("/cron/time-zone", test_time_zone);
  g_test_add_func ("/cron/minute-and-hour-cycles", test_minute_and_hour_cycles);
  g_test_add_func ("/cron/weekly", test_weekly);
  g_test_add_func ("/cron/monthly", test_monthly);
  g_test_add_func ("/cron/years-and-never", test_years_and_never);
  g_test_add_func ("/cron/daylight-saving", test_daylight_saving);
  g_test_add_func ("/cron/first-on-date", test_first_on_date);
  g_test_add_func ("/cron/errors", test_errors);
  g_test_add_func ("/cron/daily-helpers", test_daily_helpers);

  return g_test_run ();
}
