/* test-params.c: DataWorks scheduling-parameter values, dataworks-reference.md §1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-test-util.h"

typedef struct
{
  const char *expression;
  const char *expected;
} Case;

/* A context for the wall time @cyctime (YYYYMMDDHHMMSS) in @zone_name (NULL: UTC). */
static TribParamContext *
context_at (const char *cyctime,
            const char *zone_name)
{
  g_autoptr(GTimeZone) zone = zone_name ? g_time_zone_new_identifier (zone_name) : g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  TribCivilTime fields;

  g_assert_nonnull (zone);
  g_assert_true (trib_civil_parse_date_time (cyctime, &fields));
  time = trib_civil_to_date_time (&fields, zone);
  g_assert_nonnull (time);
  return trib_param_context_new (time, "user_profile_analysis_spark", "ods_raw_log_d_spark", "7001");
}

static void
check_cases (const char *cyctime,
             const char *zone_name,
             const Case *cases,
             guint       n_cases)
{
  g_autoptr(TribParamContext) context = context_at (cyctime, zone_name);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = trib_param_evaluate (cases[i].expression, context, &error);

      if (error)
        g_test_message ("%s at %s: %s", cases[i].expression, cyctime, error->message);
      g_assert_no_error (error);
      if (g_strcmp0 (value, cases[i].expected) != 0)
        g_test_message ("%s at %s", cases[i].expression, cyctime);
      g_assert_cmpstr (value, ==, cases[i].expected);
    }
}

/* @syntax: whether trib_param_check() finds it too, without a scheduled time. */
static void
check_error_full (const char *expression,
                  const char *expected_message,
                  guint       expected_column,
                  gboolean    syntax)
{
  g_autoptr(TribParamContext) context = context_at ("20251101003000", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autofree char *value = NULL;
  guint column = G_MAXUINT;
  guint check_column = G_MAXUINT;

  value = trib_param_evaluate_full (expression, context, &column, &error);
  g_assert_null (value);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected_message);
  g_assert_cmpuint (column, ==, expected_column);

  if (!syntax)
    {
      g_assert_true (trib_param_check (expression, NULL, NULL));
      return;
    }

  /* The check without a scheduled time finds the same problem. */
  g_assert_false (trib_param_check (expression, &check_column, &check_error));
  g_assert_cmpstr (check_error->message, ==, expected_message);
  g_assert_cmpuint (check_column, ==, expected_column);
}

static void
check_error (const char *expression,
             const char *expected_message,
             guint       expected_column)
{
  check_error_full (expression, expected_message, expected_column, TRUE);
}

/* §1.6: a daily node scheduled at 00:30, instance date 2025-11-01. */
static void
test_worked_examples (void)
{
  static const Case cases[] = {
    { "${yyyymmdd}", "20251031" },
    { "$bizdate", "20251031" },
    { "${yyyy-mm-dd}", "2025-10-31" },
    { "${yyyymmdd-7}", "20251024" },
    { "${yyyymm-1}", "202509" },
    { "$[yyyymmdd]", "20251101" },
    { "$[yyyymmdd-1]", "20251031" },
    { "$[yyyy-mm-dd]", "2025-11-01" },
    { "$[hh24miss]", "003000" },
    { "$cyctime", "20251101003000" },
    { "$[hh24-1/24]", "23" },
    { "$[yyyymmddhh24-1/24]", "2025103123" },
    { "$[hh24mi-30/24/60]", "0000" },
    { "$[yyyymmdd-7*2]", "20251018" },
    { "$[add_months(yyyymmdd,-1)]", "20251001" },
    { "$[add_months(yyyymmdd,-12)]", "20241101" },
    { "$bizmonth", "202510" },
  };

  check_cases ("20251101003000", "Asia/Shanghai", cases, G_N_ELEMENTS (cases));
}

/* §1.6: the documentation's own example, scheduled time 2025-07-27 00:05:00. */
static void
test_docs_example (void)
{
  static const Case cases[] = {
    { "$[yyyy-mm]", "2025-07" },
    { "$[yyyymmdd-1]", "20250726" },
    { "$[yyyymmddhh24]", "2025072700" },
    { "$[yyyymmddhh24-1/24]", "2025072623" },
    { "$[hh24-15/24/60]", "23" },
    { "$[mi-15/24/60]", "50" },
    { "$[yyyymmdd-15/24/60]", "20250726" },
    /* The §1.3 gotcha: a separate $[yyyymmdd] stays on today. */
    { "$[yyyymmdd]", "20250727" },
  };

  check_cases ("20250727000500", "Asia/Shanghai", cases, G_N_ELEMENTS (cases));
}

/* §1.3 and §1.4: every arithmetic form of the tables. */
static void
test_arithmetic_forms (void)
{
  static const Case cases[] = {
    { "$[yyyymmdd+3]", "20251104" },
    { "$[yyyymmdd-7*1]", "20251025" },
    { "$[yyyymmdd+7*3]", "20251122" },
    { "$[add_months(yyyymmdd,2)]", "20260101" },
    { "$[add_months(yyyymmdd,12*2)]", "20271101" },
    { "$[add_months(yyyymmdd,-12*3)]", "20221101" },
    { "$[hh24miss+2/24]", "023000" },
    { "$[hh24miss-45/24/60]", "234500" },
    { "$[yyyymmddhh24miss-90/24/60/60]", "20251101002830" },
    { "$[add_months(yyyymmdd,-12)-30/24/60]", "20241101" },
    { "$[add_months(yyyymmddhh24mi,-12)-31/24/60]", "202410312359" },
    { "$[yyyymmddhh24mi-0.5]", "202510311230" },
    { "$[yyyymmddhh24-1-1/24]", "2025103023" },
    { "$[yyyymmdd - 1]", "20251031" },
    { "$[add_months(yyyymmdd, -1)]", "20251001" },
    { "$[ yyyymmdd ]", "20251101" },
    { "${yyyymmdd+1}", "20251101" },
    { "${yyyymmdd-7*2}", "20251017" },
    { "${yyyymm+3}", "202601" },
    { "${yyyy-1}", "2024" },
    { "${yyyy+1}", "2026" },
    { "${yyyy}", "2025" },
    { "${mm}", "10" },
    { "${dd}", "31" },
    { "${yyyy-mm}", "2025-10" },
    { "${yyyy-mm-1}", "2025-09" },
  };

  check_cases ("20251101003000", "Asia/Shanghai", cases, G_N_ELEMENTS (cases));
}

/* §1.2: every token and separator. */
static void
test_format_tokens (void)
{
  static const Case cases[] = {
    { "$[yyyy/mm/dd_hh24:mi:ss]", "2025/03/09_13:05:07" },
    { "$[yy]", "25" },
    { "$[hh]", "01" },
    { "$[hh24]", "13" },
    { "$[mi]", "05" },
    { "$[ss]", "07" },
    { "$[mm]", "03" },
    { "$[dd-mm-yyyy]", "09-03-2025" },
    { "${yy_mm_dd}", "25_03_08" },
    { "${dd/mm/yyyy}", "08/03/2025" },
  };
  static const Case midnight_hh[] = {
    { "$[hh]", "12" },
    { "$[hh24]", "00" },
  };

  check_cases ("20250309130507", NULL, cases, G_N_ELEMENTS (cases));
  check_cases ("20250309003000", NULL, midnight_hh, G_N_ELEMENTS (midnight_hh));
}

/* §1.5: system parameters and the legacy names. */
static void
test_system_parameters (void)
{
  static const Case cases[] = {
    { "$gmtdate", "20251101" },
    { "$jobid", "user_profile_analysis_spark" },
    { "$nodeid", "ods_raw_log_d_spark" },
    { "$taskid", "7001" },
    { "${bdp.system.bizdate}", "20251031" },
    { "${bdp.system.cyctime}", "20251101003000" },
    { "log_$bizdate.txt", "log_20251031.txt" },
  };
  static const Case same_month[] = {
    /* Business month = scheduled month: $bizmonth is the month before. */
    { "$bizmonth", "202509" },
    { "$bizdate", "20251015" },
  };

  check_cases ("20251101003000", "Asia/Shanghai", cases, G_N_ELEMENTS (cases));
  check_cases ("20251016003000", "Asia/Shanghai", same_month, G_N_ELEMENTS (same_month));
}

static void
test_constants_and_templates (void)
{
  static const Case cases[] = {
    { "", "" },
    { "abc", "abc" },
    { "oss://dw-emr-demo/ods_raw_log_d/log_${yyyymmdd}/", "oss://dw-emr-demo/ods_raw_log_d/log_20251031/" },
    { "$[yyyymmdd]$[hh24]", "2025110100" },
    { "p_$[yyyymmdd-1]_${yyyymmdd}", "p_20251031_20251031" },
    { "cost$", "cost$" },
    { "a$1", "a$1" },
    { "$$", "$$" },
    { "größe_${yyyy}", "größe_2025" },
  };

  check_cases ("20251101003000", NULL, cases, G_N_ELEMENTS (cases));
}

static void
test_midnight (void)
{
  static const Case new_year[] = {
    { "$[yyyymmdd-1/24/60/60]", "20241231" },
    { "$[hh24miss-1/24/60/60]", "235959" },
    { "$[yyyymmddhh24miss-1/24/60/60]", "20241231235959" },
    { "${yyyymmdd}", "20241231" },
    { "${yyyy}", "2024" },
    { "$bizmonth", "202412" },
    { "$gmtdate", "20250101" },
    { "$[yyyymmdd+1/24]", "20250101" },
  };
  static const Case just_before[] = {
    { "$[yyyymmdd+1/24/60/60]", "20250101" },
    { "$[yyyymmddhh24miss+1/24/60/60]", "20250101000000" },
    { "${yyyymmdd}", "20241230" },
  };

  check_cases ("20250101000000", NULL, new_year, G_N_ELEMENTS (new_year));
  check_cases ("20241231235959", NULL, just_before, G_N_ELEMENTS (just_before));
}

static void
test_month_end (void)
{
  static const Case march_31[] = {
    /* add_months clamps to the last day of a shorter month. */
    { "$[add_months(yyyymmdd,-1)]", "20250228" },
    { "$[add_months(yyyymmdd,1)]", "20250430" },
    { "$[add_months(yyyymmdd,-13)]", "20240229" },
    { "${yyyymm-1}", "202502" },
    { "${yyyymmdd}", "20250330" },
    { "${yyyymmdd+2}", "20250401" },
  };
  static const Case january_31[] = {
    { "$[add_months(yyyymmdd,1)]", "20250228" },
    { "$[add_months(yyyymmdd,-2)]", "20241130" },
    { "$[yyyymmdd+1]", "20250201" },
  };
  static const Case april_1[] = {
    { "${yyyymmdd}", "20250331" },
    { "${yyyymm-1}", "202502" },
    { "${yyyymm}", "202503" },
    { "$bizmonth", "202503" },
  };

  check_cases ("20250331003000", NULL, march_31, G_N_ELEMENTS (march_31));
  check_cases ("20250131003000", NULL, january_31, G_N_ELEMENTS (january_31));
  check_cases ("20250401003000", NULL, april_1, G_N_ELEMENTS (april_1));
}

static void
test_leap_years (void)
{
  static const Case leap[] = {
    { "${yyyymmdd}", "20240229" },
    { "$[yyyymmdd-1]", "20240229" },
    { "${yyyymmdd-365}", "20230301" },
    { "${yyyy-1}", "2023" },
  };
  static const Case leap_day[] = {
    { "$[add_months(yyyymmdd,-12)]", "20230228" },
    { "$[add_months(yyyymmdd,12*4)]", "20280229" },
    { "$[add_months(yyyymmdd,12)]", "20250228" },
    { "$[yyyymmdd+1]", "20240301" },
  };
  static const Case century[] = {
    /* 1900 is not a leap year; 2000 is. */
    { "${yyyymmdd}", "19000228" },
  };
  static const Case y2k[] = {
    { "${yyyymmdd}", "20000229" },
  };
  static const Case add_months_then_fraction[] = {
    /* 2025-03-01 00:15 minus a year is 2024-03-01 00:15; minus 30 minutes crosses into
     * the leap day. */
    { "$[add_months(yyyymmddhh24mi,-12)-30/24/60]", "202402292345" },
  };

  check_cases ("20240301003000", NULL, leap, G_N_ELEMENTS (leap));
  check_cases ("20240229120000", NULL, leap_day, G_N_ELEMENTS (leap_day));
  check_cases ("19000301000000", NULL, century, G_N_ELEMENTS (century));
  check_cases ("20000301000000", NULL, y2k, G_N_ELEMENTS (y2k));
  check_cases ("20250301001500", NULL, add_months_then_fraction, G_N_ELEMENTS (add_months_then_fraction));
}

static char *
evaluate_at_instant (const char *expression,
                     const char *iso_instant,
                     const char *zone_name)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (iso_instant, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(TribParamContext) context = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  g_assert_nonnull (zone);
  g_assert_nonnull (instant);
  local = g_date_time_to_timezone (instant, zone);
  context = trib_param_context_new (local, NULL, NULL, NULL);
  value = trib_param_evaluate (expression, context, &error);
  g_assert_no_error (error);
  return value;
}

static void
test_time_zones (void)
{
  static const struct
  {
    const char *expression;
    const char *instant;
    const char *zone;
    const char *expected;
  } cases[] = {
    /* One instant, two workspaces: the time zone decides the scheduled date. */
    { "$cyctime", "2025-10-31T16:30:00Z", "Asia/Shanghai", "20251101003000" },
    { "$bizdate", "2025-10-31T16:30:00Z", "Asia/Shanghai", "20251031" },
    { "$cyctime", "2025-10-31T16:30:00Z", "America/Los_Angeles", "20251031093000" },
    { "$bizdate", "2025-10-31T16:30:00Z", "America/Los_Angeles", "20251030" },
    { "$cyctime", "2025-10-31T16:30:00Z", "UTC", "20251031163000" },
    /* Europe/Berlin springs forward at 02:00 on 2025-03-30: one hour before 03:30
     * CEST is 01:30 CET, and the same time one day earlier is still 03:30. */
    { "$[yyyymmddhh24mi-1/24]", "2025-03-30T01:30:00Z", "Europe/Berlin", "202503300130" },
    { "$[yyyymmddhh24mi-1]", "2025-03-30T01:30:00Z", "Europe/Berlin", "202503290330" },
    { "$[yyyymmddhh24mi+1]", "2025-03-29T02:30:00Z", "Europe/Berlin", "202503300330" },
    /* ... and falls back at 03:00 on 2025-10-26: 02:30 happens twice. */
    { "$[yyyymmddhh24mi-1/24]", "2025-10-26T02:30:00Z", "Europe/Berlin", "202510260230" },
    { "$[yyyymmddhh24mi-2/24]", "2025-10-26T02:30:00Z", "Europe/Berlin", "202510260230" },
    { "$[yyyymmddhh24mi-3/24]", "2025-10-26T02:30:00Z", "Europe/Berlin", "202510260130" },
    { "${yyyymmdd}", "2025-10-26T02:30:00Z", "Europe/Berlin", "20251025" },
    /* A cyctime in the second 02:30 (CET) keeps knowing it is the second one. */
    { "$[yyyymmddhh24mi-1/24]", "2025-10-26T01:30:00Z", "Europe/Berlin", "202510260230" },
    { "$[yyyymmddhh24mi-2/24]", "2025-10-26T01:30:00Z", "Europe/Berlin", "202510260130" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = evaluate_at_instant (cases[i].expression, cases[i].instant, cases[i].zone);

      g_test_message ("%s at %s in %s", cases[i].expression, cases[i].instant, cases[i].zone);
      g_assert_cmpstr (value, ==, cases[i].expected);
    }
}

static void
test_errors (void)
{
  /* The issue's example, word for word. */
  check_error ("$[yyyymmdd-1x]", "$[yyyymmdd-1x]: unexpected \"x\" at column 12", 12);
  check_error ("$[yyyymmddx]", "$[yyyymmddx]: unexpected \"x\" at column 10", 10);
  check_error ("$[yyyyMMdd]",
               "$[yyyyMMdd]: unexpected \"M\" at column 6 (format letters are lower case: yyyy mm dd hh24 mi ss)", 6);
  check_error ("$[yyyymmdd-1", "$[yyyymmdd-1: \"$[\" at column 0 has no closing \"]\"", 0);
  check_error ("p_${yyyymmdd", "p_${yyyymmdd: \"${\" at column 2 has no closing \"}\"", 2);
  check_error ("$[]", "$[]: expected a date format such as yyyymmdd at column 2", 2);
  check_error ("$[-1]", "$[-1]: expected a date format such as yyyymmdd at column 2", 2);
  check_error ("$[yyyymmdd-]x", "$[yyyymmdd-]x: expected a number at column 11", 11);
  check_error ("$[yyyymmdd-1/0]", "$[yyyymmdd-1/0]: division by zero at column 12", 12);
  check_error ("$[yyyymmdd+]", "$[yyyymmdd+]: expected a number at column 11", 11);
  check_error ("$[yyyymmdd-1/]", "$[yyyymmdd-1/]: expected a number at column 13", 13);
  check_error ("$[yyyymmdd-9999999999]", "$[yyyymmdd-9999999999]: the number at column 11 is too large", 11);
  check_error ("$[yyyymmdd-3660001]", "$[yyyymmdd-3660001]: the offset at column 10 is too large", 10);
  check_error_full ("$[yyyymmdd+3000000]", "$[yyyymmdd+3000000]: the date at column 2 falls outside the years 1 to 9999",
                    2, FALSE);
  check_error ("$[add_months(yyyymmdd,-1/2)]",
               "$[add_months(yyyymmdd,-1/2)]: add_months needs a whole number of months at column 22", 22);
  check_error ("$[add_months(yyyymmdd;-1)]", "$[add_months(yyyymmdd;-1)]: unexpected \";\" at column 21", 21);
  check_error ("$[add_months(yyyymmdd,-1]", "$[add_months(yyyymmdd,-1]: unexpected end at column 24", 24);
  check_error ("$[yyyy mm]", "$[yyyy mm]: unexpected \"m\" at column 7", 7);
  check_error ("${hh24}", "${hh24}: \"hh24\" at column 2 needs $[...]: ${...} is the business date, to the day", 2);
  check_error ("${yyyymmdd-1/24}",
               "${yyyymmdd-1/24}: the offset at column 10 is not whole: ${...} moves by days, months or years; use $[...] for hours and minutes",
               10);
  check_error ("${bizdate}",
               "${bizdate}: \"${bizdate}\" at column 0 is not a date format: in a parameter value, ${...} is the business date, as in ${yyyymmdd}",
               0);
  check_error ("x=$today",
               "x=$today: unknown system parameter \"$today\" at column 2 (there are $bizdate, $cyctime, $gmtdate, $bizmonth, $jobid, $nodeid and $taskid)",
               2);
  /* Columns count characters, not bytes. */
  check_error ("größe_$[yyyymmdd-1x]", "größe_$[yyyymmdd-1x]: unexpected \"x\" at column 18", 18);
}

static void
test_system_names (void)
{
  g_assert_true (trib_param_is_system_name ("bizdate"));
  g_assert_true (trib_param_is_system_name ("taskid"));
  g_assert_false (trib_param_is_system_name ("today"));
  g_assert_false (trib_param_is_system_name (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/params/worked-examples", test_worked_examples);
  g_test_add_func ("/params/docs-example", test_docs_example);
  g_test_add_func ("/params/arithmetic-forms", test_arithmetic_forms);
  g_test_add_func ("/params/format-tokens", test_format_tokens);
  g_test_add_func ("/params/system-parameters", test_system_parameters);
  g_test_add_func ("/params/constants-and-templates", test_constants_and_templates);
  g_test_add_func ("/params/midnight", test_midnight);
  g_test_add_func ("/params/month-end", test_month_end);
  g_test_add_func ("/params/leap-years", test_leap_years);
  g_test_add_func ("/params/time-zones", test_time_zones);
  g_test_add_func ("/params/errors", test_errors);
  g_test_add_func ("/params/system-names", test_system_names);

  return g_test_run ();
}
