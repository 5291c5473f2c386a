/* test-node-properties.c: a node's properties edited as the Properties pane does it, on
 * the tutorial's workflow: every operation, every refusal, and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"

#define WF_NAME "User profile analysis_Spark"
#define START "workshop_start_spark"
#define RAW_SYNC "ods_raw_log_d_2oss_spark"
#define USER_SYNC "ods_user_info_d_2oss_spark"
#define RAW_SQL "ods_raw_log_d_spark"
#define USER_SQL "ods_user_info_d_spark"

typedef struct
{
  char          *dir;
  TribWorkspace *workspace;
  TribWorkflow  *workflow;
  TribUndoStack *undo;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = trib_test_make_demo_workspace ();
  dir = g_file_new_for_path (f->dir);
  f->workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);
  f->workflow = trib_workspace_lookup_workflow (f->workspace, WF_NAME);
  g_assert_nonnull (f->workflow);
  g_assert_true (trib_workflow_is_valid (f->workflow));
  f->undo = trib_undo_stack_new (f->workflow);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->undo);
  g_clear_object (&f->workspace);
  trib_test_rm_rf (f->dir);
  g_free (f->dir);
}

static TribNode *
node (Fixture    *f,
      const char *id)
{
  TribNode *n = trib_workflow_lookup_node (f->workflow, id);

  g_assert_nonnull (n);
  return n;
}

static JsonObject *
node_json (Fixture    *f,
           const char *id)
{
  return trib_node_get_json (node (f, id));
}

static char *
node_text (Fixture    *f,
           const char *id)
{
  g_autoptr(JsonNode) wrapped = json_node_init_object (json_node_alloc (), node_json (f, id));

  return trib_json_to_string (wrapped);
}

static GTimeZone *
shanghai (void)
{
  GTimeZone *zone = g_time_zone_new_identifier ("Asia/Shanghai");

  g_assert_nonnull (zone);
  return zone;
}

/* Scheduling parameters ------------------------------------------------------------ */

static void
test_parameters_tutorial (Fixture       *f,
                          gconstpointer  data)
{
  const char *names[] = { "bizdate", "region", NULL };
  const char *values[] = { "$[yyyymmdd-1]", "cn-shanghai", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = shanghai ();
  g_autoptr(TribParamSet) set = NULL;
  g_autoptr(GDateTime) cyctime = NULL;
  g_autofree char *cyctime_text = NULL;
  JsonArray *parameters;
  JsonObject *added;
  guint index = 0, column = 0;

  /* The tutorial's value resolves, for the 00:30 run of 2024-08-08, to the day before. */
  set = trib_node_properties_resolve_parameters (f->workflow, RAW_SQL, zone, "20240807", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trib_param_set_lookup (set, "bizdate"), ==, "20240807");
  g_clear_object (&set);
  cyctime = trib_node_properties_dup_cyctime (f->workflow, zone, "20240807", &error);
  g_assert_no_error (error);
  cyctime_text = g_date_time_format (cyctime, "%Y-%m-%d %H:%M:%S %z");
  g_assert_cmpstr (cyctime_text, ==, "2024-08-08 00:30:00 +0800");

  g_assert_true (trib_node_properties_set_parameters (f->workflow, RAW_SQL, names, values, &index, &column, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, G_MAXUINT);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Edit Parameters");
  g_assert_true (trib_workflow_is_modified (f->workflow));

  parameters = json_object_get_array_member (json_object_get_object_member (node_json (f, RAW_SQL), "script"),
                                             "parameters");
  g_assert_cmpuint (json_array_get_length (parameters), ==, 2);
  added = json_array_get_object_element (parameters, 1);
  g_assert_cmpstr (json_object_get_string_member (added, "name"), ==, "region");
  g_assert_cmpstr (json_object_get_string_member (added, "scope"), ==, "NodeParameter");
  g_assert_cmpstr (json_object_get_string_member (added, "type"), ==, "System");
  g_assert_cmpstr (json_object_get_string_member (added, "value"), ==, "cn-shanghai");
  g_assert_cmpstr (json_object_get_string_member (added, "artifactType"), ==, "Variable");

  set = trib_node_properties_resolve_parameters (f->workflow, RAW_SQL, zone, "20240807", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trib_param_set_lookup (set, "region"), ==, "cn-shanghai");

  /* Removing one is a step of its own, not folded into the typing before or after. */
  g_assert_true (trib_node_properties_remove_parameter (f->workflow, RAW_SQL, "region", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Remove Parameter");
  g_assert_null (trib_node_lookup_parameter (node (f, RAW_SQL), "region"));
  g_assert_false (trib_node_properties_remove_parameter (f->workflow, RAW_SQL, "region", &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Scheduling parameters: there is no parameter “region”");
  g_clear_error (&error);
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_cmpstr (trib_node_lookup_parameter (node (f, RAW_SQL), "region"), ==, "cn-shanghai");

  /* Typing a value after an undo is a new step; undo restores the value before it, and
   * undo again the one parameter of the tutorial. */
  values[1] = "cn-beij";
  g_assert_true (trib_node_properties_set_parameters (f->workflow, RAW_SQL, names, values, NULL, NULL, &error));
  values[1] = "cn-beijing";
  g_assert_true (trib_node_properties_set_parameters (f->workflow, RAW_SQL, names, values, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_cmpstr (trib_node_lookup_parameter (node (f, RAW_SQL), "region"), ==, "cn-shanghai");
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_cmpuint (trib_node_get_n_parameters (node (f, RAW_SQL)), ==, 1);
  g_assert_cmpstr (trib_node_lookup_parameter (node (f, RAW_SQL), "bizdate"), ==, "$[yyyymmdd-1]");
}

static void
test_parameters_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *before = node_text (f, RAW_SQL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint index = 0, column = 0;
  const char *names[] = { "bizdate", "other", NULL };
  const char *bad_value[] = { "$[yyyymmdd-1]", "$[yyyymmdd-1x]", NULL };
  const char *twice[] = { "bizdate", "bizdate", NULL };
  const char *values[] = { "$[yyyymmdd-1]", "1", NULL };
  const char *bad_name[] = { "bizdate", "my param", NULL };
  const char *digit_name[] = { "bizdate", "1st", NULL };
  const char *empty_value[] = { "$[yyyymmdd-1]", "", NULL };

  g_assert_false (trib_node_properties_set_parameters (f->workflow, RAW_SQL, names, bad_value, &index, &column, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Scheduling parameters: other: $[yyyymmdd-1x]: unexpected \"x\" at column 12");
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (column, ==, 12);
  g_clear_error (&error);

  g_assert_false (trib_node_properties_set_parameters (f->workflow, RAW_SQL, twice, values, &index, &column, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "Scheduling parameters: bizdate: the name is used twice");
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (column, ==, G_MAXUINT);
  g_clear_error (&error);

  g_assert_false (trib_node_properties_set_parameters (f->workflow, RAW_SQL, bad_name, values, &index, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Scheduling parameters: row 2: name: \" \" is not allowed in a name: use letters, digits, \"_\" and \".\"");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_parameters (f->workflow, RAW_SQL, digit_name, values, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Scheduling parameters: row 2: name: a name cannot start with a digit");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_parameters (f->workflow, RAW_SQL, names, empty_value, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Scheduling parameters: other: enter a value");
  g_clear_error (&error);

  g_assert_false (trib_node_properties_check_parameter_value ("$[yyyymmdd", &column, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autofree char *long_name = g_strnfill (129, 'p');

    g_assert_false (trib_node_properties_check_parameter_name (long_name, &error));
    g_assert_cmpstr (error->message, ==, "a name has at most 128 characters");
    g_clear_error (&error);
    g_assert_true (trib_node_properties_check_parameter_name ("bdp.system.bizdate", &error));
    g_assert_no_error (error);
  }

  /* A business date outside the supported range is refused by name. */
  {
    g_autoptr(GTimeZone) zone = shanghai ();
    g_autoptr(TribParamSet) set = trib_node_properties_resolve_parameters (f->workflow, RAW_SQL, zone, "20240230", &error);

    g_assert_null (set);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "February 30"));
    g_clear_error (&error);
  }

  after = node_text (f, RAW_SQL);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (trib_workflow_is_modified (f->workflow));
  g_assert_false (trib_undo_stack_can_undo (f->undo));
}

/* Schedule ----------------------------------------------------------------------------- */

static void
check_times (GPtrArray          *times,
             const char * const *expected)
{
  g_assert_cmpuint (times->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < times->len; i++)
    {
      g_autofree char *text = g_date_time_format (times->pdata[i], "%Y-%m-%d %H:%M");

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = shanghai ();
  g_autoptr(GDateTime) after = g_date_time_new (zone, 2024, 8, 7, 12, 0, 0);
  g_autoptr(GPtrArray) times = NULL;
  g_autofree char *hourly = trib_node_properties_format_hourly (15);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *daily[] = { "2024-08-08 00:30", "2024-08-09 00:30", "2024-08-10 00:30",
                          "2024-08-11 00:30", "2024-08-12 00:30", NULL };
  const char *bounded[] = { "2024-09-01 00:30", "2024-09-02 00:30", NULL };
  const char *every_hour[] = { "2024-08-07 12:15", "2024-08-07 13:15", "2024-08-07 14:15",
                               "2024-08-07 15:15", "2024-08-07 16:15", NULL };
  guint hour = 99, minute = 99;

  /* The tutorial's start node: daily at 00:30. */
  g_assert_cmpint (trib_node_properties_classify_cron (trib_node_get_cron (node (f, START)), &hour, &minute),
                   ==, TRIB_SCHEDULE_KIND_DAILY);
  g_assert_cmpuint (hour, ==, 0);
  g_assert_cmpuint (minute, ==, 30);
  times = trib_node_properties_next_fire_times (trib_node_get_cron (node (f, START)), zone, after,
                                                "1970-01-01 00:00:00", "9999-01-01 00:00:00", 5, &error);
  g_assert_no_error (error);
  check_times (times, daily);
  g_clear_pointer (&times, g_ptr_array_unref);
  times = trib_node_properties_next_fire_times ("00 30 00 * * ?", zone, after,
                                                "2024-09-01 00:00:00", "2024-09-02 23:59:59", 5, &error);
  g_assert_no_error (error);
  check_times (times, bounded);
  g_clear_pointer (&times, g_ptr_array_unref);

  g_assert_cmpstr (hourly, ==, "00 15 * * * ?");
  g_assert_cmpint (trib_node_properties_classify_cron (hourly, NULL, &minute), ==, TRIB_SCHEDULE_KIND_HOURLY);
  g_assert_cmpuint (minute, ==, 15);
  g_assert_cmpint (trib_node_properties_classify_cron ("0 0 4 ? * 2", NULL, NULL), ==, TRIB_SCHEDULE_KIND_CRON);
  g_assert_true (trib_node_properties_set_cron (f->workflow, START, hourly, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trib_node_get_cron (node (f, START)), ==, "00 15 * * * ?");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Schedule");
  times = trib_node_properties_next_fire_times (trib_node_get_cron (node (f, START)), zone, after, NULL, NULL, 5, &error);
  g_assert_no_error (error);
  check_times (times, every_hour);

  /* A sync node without a trigger gets one. */
  g_assert_true (trib_node_properties_set_cron (f->workflow, RAW_SYNC, "0 0 4 * * ? *", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (node_json (f, RAW_SYNC), "trigger"),
                                                  "type"), ==, "Scheduler");

  g_assert_true (trib_node_properties_set_effective_dates (f->workflow, START, "2024-08-01", "2024-12-31", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (node_json (f, START), "trigger"),
                                                  "startTime"), ==, "2024-08-01 00:00:00");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (node_json (f, START), "trigger"),
                                                  "endTime"), ==, "2024-12-31 23:59:59");
  start = trib_node_properties_dup_start_date (node (f, START));
  end = trib_node_properties_dup_end_date (node (f, START));
  g_assert_cmpstr (start, ==, "2024-08-01");
  g_assert_cmpstr (end, ==, "2024-12-31");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Effective Period");
  g_assert_true (trib_node_properties_set_effective_dates (f->workflow, START, "1970-01-01", "9999-01-01", &error));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (node_json (f, START), "trigger"),
                                                  "endTime"), ==, "9999-01-01 00:00:00");

  g_assert_true (trib_node_properties_set_recurrence (f->workflow, START, TRIB_RECURRENCE_SKIP, &error));
  g_assert_cmpstr (json_object_get_string_member (node_json (f, START), "recurrence"), ==, "Skip");
  g_assert_cmpint (trib_node_get_recurrence (node (f, START)), ==, TRIB_RECURRENCE_SKIP);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Run Mode");
  g_assert_true (trib_node_properties_set_recurrence (f->workflow, START, TRIB_RECURRENCE_PAUSE, &error));
  g_assert_cmpstr (json_object_get_string_member (node_json (f, START), "recurrence"), ==, "Pause");

  /* Undo the run mode twice: the tutorial's Normal is back. */
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_cmpstr (json_object_get_string_member (node_json (f, START), "recurrence"), ==, "Normal");
}

static void
test_schedule_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = node_text (f, START);
  g_autofree char *after_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = shanghai ();
  g_autoptr(GDateTime) after = g_date_time_new (zone, 2024, 8, 7, 12, 0, 0);
  g_autoptr(GPtrArray) times = NULL;

  g_assert_false (trib_node_properties_set_cron (f->workflow, START, "00 61 00 * * ?", &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Schedule: cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_cron (f->workflow, START, "", &error));
  g_assert_cmpstr (error->message, ==, "Schedule: cron: enter an expression");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_cron (f->workflow, START, "00 30 00 * *", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Schedule: cron \"00 30 00 * *\""));
  g_clear_error (&error);
  times = trib_node_properties_next_fire_times ("00 30 25 * * ?", zone, after, NULL, NULL, 5, &error);
  g_assert_null (times);
  g_assert_cmpstr (error->message, ==, "Schedule: cron \"00 30 25 * * ?\": hour field \"25\": 25 is out of range 0-23");
  g_clear_error (&error);
  times = trib_node_properties_next_fire_times ("00 30 00 * * ?", zone, after, "2024-13-01 00:00:00", NULL, 5, &error);
  g_assert_null (times);
  g_assert_cmpstr (error->message, ==,
                   "Schedule: start \"2024-13-01 00:00:00\" is not a time of the form yyyy-MM-dd HH:mm:ss");
  g_clear_error (&error);

  g_assert_false (trib_node_properties_set_effective_dates (f->workflow, START, "2024-02-30", "2024-12-31", &error));
  g_assert_cmpstr (error->message, ==, "Schedule: start date: 2024-02-30 does not exist");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_effective_dates (f->workflow, START, "2024-08-01", "2024-07-31", &error));
  g_assert_cmpstr (error->message, ==, "Schedule: end date: 2024-07-31 is before the start date 2024-08-01");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_effective_dates (f->workflow, START, "2024/08/01", "2024-12-31", &error));
  g_assert_cmpstr (error->message, ==, "Schedule: start date: \"2024/08/01\" is not a date of the form YYYY-MM-DD");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_effective_dates (f->workflow, START, "1969-12-31", "2024-12-31", &error));
  g_assert_cmpstr (error->message, ==, "Schedule: start date: the year 1969 is out of range 1970–9998");
  g_clear_error (&error);

  after_text = node_text (f, START);
  g_assert_cmpstr (after_text, ==, before);
  g_assert_false (trib_undo_stack_can_undo (f->undo));
}

/* Rerun ------------------------------------------------------------------------------- */

static void
test_rerun (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *two = trib_node_properties_format_interval (120000);
  g_autofree char *ninety = trib_node_properties_format_interval (90000);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 ms = 0;

  g_assert_cmpstr (two, ==, "2 min");
  g_assert_cmpstr (ninety, ==, "90 s");
  g_assert_true (trib_node_properties_parse_interval ("2 min", &ms, &error));
  g_assert_cmpuint (ms, ==, 120000);
  g_assert_true (trib_node_properties_parse_interval (" 90 s", &ms, &error));
  g_assert_cmpuint (ms, ==, 90000);
  g_assert_true (trib_node_properties_parse_interval ("5", &ms, &error));
  g_assert_cmpuint (ms, ==, 300000);
  g_assert_no_error (error);
  g_assert_false (trib_node_properties_parse_interval ("two", &ms, &error));
  g_assert_cmpstr (error->message, ==, "Rerun: interval: enter minutes (\"2 min\") or seconds (\"90 s\")");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_parse_interval ("2 hours", &ms, &error));
  g_assert_cmpstr (error->message, ==, "Rerun: interval: unknown unit \"hours\" (use \"min\" or \"s\")");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_parse_interval ("1441 min", &ms, &error));
  g_assert_cmpstr (error->message, ==, "Rerun: interval: 1441 min is out of range 0–1440 min");
  g_clear_error (&error);

  g_assert_true (trib_node_properties_set_rerun (f->workflow, RAW_SQL, TRIB_RERUN_FAILURE_ALLOWED, 5, 90000, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (node_json (f, RAW_SQL), "rerunMode"), ==, "FailureAllowed");
  g_assert_cmpint (json_object_get_int_member (node_json (f, RAW_SQL), "rerunTimes"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (node_json (f, RAW_SQL), "rerunInterval"), ==, 90000);
  g_assert_cmpint (trib_node_get_rerun_mode (node (f, RAW_SQL)), ==, TRIB_RERUN_FAILURE_ALLOWED);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Rerun Settings");

  g_assert_true (trib_node_properties_set_timeout_hours (f->workflow, RAW_SQL, 3, &error));
  g_assert_cmpint (json_object_get_int_member (node_json (f, RAW_SQL), "timeout"), ==, 3);
  g_assert_cmpuint (trib_node_get_timeout_seconds (node (f, RAW_SQL)), ==, 3 * 3600);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Timeout");
  g_assert_true (trib_node_properties_set_timeout_hours (f->workflow, RAW_SQL, 0, &error));
  g_assert_false (json_object_has_member (node_json (f, RAW_SQL), "timeout"));

  before = node_text (f, RAW_SQL);
  g_assert_false (trib_node_properties_set_rerun (f->workflow, RAW_SQL, TRIB_RERUN_ALLOWED, 101, 0, &error));
  g_assert_cmpstr (error->message, ==, "Rerun: times: 101 is out of range 0–100");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_rerun (f->workflow, RAW_SQL, TRIB_RERUN_ALLOWED, 3, 86400001, &error));
  g_assert_cmpstr (error->message, ==, "Rerun: interval: 86400001 ms is out of range 0–86400000 ms (24 hours)");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_timeout_hours (f->workflow, RAW_SQL, 169, &error));
  g_assert_cmpstr (error->message, ==, "Rerun: timeout: 169 hours is out of range 0–168");
  g_clear_error (&error);
  after = node_text (f, RAW_SQL);
  g_assert_cmpstr (after, ==, before);
}

/* Dependencies and outputs ---------------------------------------------------------- */

static char *
joined_upstreams (Fixture    *f,
                  const char *id)
{
  g_auto(GStrv) upstreams = trib_node_properties_dup_upstreams (f->workflow, id);

  return g_strjoinv (",", upstreams);
}

static void
test_dependencies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) candidates = trib_node_properties_dup_output_candidates (f->workspace, f->workflow, RAW_SQL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) upstream_ids = NULL;
  const char *two[] = { "user_behavior_analysis.ods_raw_log_d_2oss_spark",
                        "user_behavior_analysis.ods_user_info_d_2oss_spark", NULL };
  const char *none[] = { NULL };
  JsonArray *inputs;

  /* Completion offers the root and every other output, not the node's own. */
  g_assert_true (g_strv_contains ((const char * const *) candidates, "user_behavior_analysis_root"));
  g_assert_true (g_strv_contains ((const char * const *) candidates, "user_behavior_analysis.workshop_start_spark"));
  g_assert_false (g_strv_contains ((const char * const *) candidates, "user_behavior_analysis.ods_raw_log_d_spark"));
  g_assert_cmpuint (g_strv_length (candidates), ==, 5);

  text = joined_upstreams (f, START);
  g_assert_cmpstr (text, ==, "user_behavior_analysis_root");
  g_clear_pointer (&text, g_free);
  text = joined_upstreams (f, RAW_SQL);
  g_assert_cmpstr (text, ==, "user_behavior_analysis.ods_raw_log_d_2oss_spark");
  g_clear_pointer (&text, g_free);

  /* Two upstreams: written by id, as the canvas draws them, so the canvas shows both. */
  g_assert_true (trib_node_properties_set_upstreams (f->workspace, f->workflow, RAW_SQL, two, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Dependencies");
  upstream_ids = trib_workflow_list_upstream (f->workflow, RAW_SQL);
  g_assert_cmpuint (upstream_ids->len, ==, 2);
  g_assert_cmpstr (upstream_ids->pdata[0], ==, RAW_SYNC);
  g_assert_cmpstr (upstream_ids->pdata[1], ==, USER_SYNC);
  g_clear_pointer (&upstream_ids, g_ptr_array_unref);
  text = joined_upstreams (f, RAW_SQL);
  g_assert_cmpstr (text, ==, "user_behavior_analysis.ods_raw_log_d_2oss_spark,user_behavior_analysis.ods_user_info_d_2oss_spark");
  g_clear_pointer (&text, g_free);
  g_assert_true (trib_workflow_is_valid (f->workflow));

  /* Nothing upstream: the workspace root, as after disconnecting on the canvas. */
  g_assert_true (trib_node_properties_set_upstreams (f->workspace, f->workflow, RAW_SQL, none, &error));
  text = joined_upstreams (f, RAW_SQL);
  g_assert_cmpstr (text, ==, "user_behavior_analysis_root");
  g_clear_pointer (&text, g_free);

  /* The start node: its inputs.nodeOutputs follows the list; the root goes once there is
   * something else (here a node of another workflow, by its output). */
  {
    const char *root_and_other[] = { "user_behavior_analysis_root", "user_behavior_analysis.report_start", NULL };
    g_autoptr(TribWorkflow) other = trib_workspace_new_workflow (f->workspace, "Reports", NULL, &error);
    g_autoptr(TribNode) created = NULL;

    g_assert_no_error (error);
    created = trib_workflow_create_node (other, TRIB_NODE_KIND_VIRTUAL, "report_start", 0, 0, &error);
    g_assert_no_error (error);
    g_assert_true (trib_node_properties_set_upstreams (f->workspace, f->workflow, START, root_and_other, &error));
    g_assert_no_error (error);
    text = joined_upstreams (f, START);
    g_assert_cmpstr (text, ==, "user_behavior_analysis.report_start");
    g_clear_pointer (&text, g_free);
    inputs = json_object_get_array_member (json_object_get_object_member (node_json (f, START), "inputs"), "nodeOutputs");
    g_assert_cmpuint (json_array_get_length (inputs), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (inputs, 0), "data"), ==,
                     "user_behavior_analysis.report_start");
  }

  /* Undo restores the canvas' edges too: they are the same data. */
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_true (trib_undo_stack_undo (f->undo));
  text = joined_upstreams (f, RAW_SQL);
  g_assert_cmpstr (text, ==, "user_behavior_analysis.ods_raw_log_d_2oss_spark");
  g_clear_pointer (&text, g_free);
  upstream_ids = trib_workflow_list_upstream (f->workflow, RAW_SQL);
  g_assert_cmpuint (upstream_ids->len, ==, 1);
}

static void
test_dependencies_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *before = trib_workflow_to_string (f->workflow);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *unknown[] = { "user_behavior_analysis.nothing", NULL };
  const char *self[] = { "user_behavior_analysis.ods_raw_log_d_spark", NULL };
  const char *twice[] = { "user_behavior_analysis.ods_raw_log_d_2oss_spark", RAW_SYNC, NULL };
  const char *cycle[] = { "user_behavior_analysis.ods_raw_log_d_spark", NULL };
  const char *empty[] = { "", NULL };

  g_assert_false (trib_node_properties_set_upstreams (f->workspace, f->workflow, RAW_SQL, unknown, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Dependencies: no node in the workspace publishes the output “user_behavior_analysis.nothing”");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_upstreams (f->workspace, f->workflow, RAW_SQL, self, &error));
  g_assert_cmpstr (error->message, ==, "Dependencies: A node cannot depend on itself");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_upstreams (f->workspace, f->workflow, RAW_SQL, twice, &error));
  g_assert_cmpstr (error->message, ==, "Dependencies: “ods_raw_log_d_2oss_spark” is listed twice");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_upstreams (f->workspace, f->workflow, START, cycle, &error));
  g_assert_cmpstr (error->message, ==,
                   "Dependencies: Depending on “user_behavior_analysis.ods_raw_log_d_spark” would create a cycle: "
                   "ods_raw_log_d_spark → workshop_start_spark → ods_raw_log_d_2oss_spark → ods_raw_log_d_spark");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_upstreams (f->workspace, f->workflow, START, empty, &error));
  g_assert_cmpstr (error->message, ==, "Dependencies: Enter an output name");
  g_clear_error (&error);

  after = trib_workflow_to_string (f->workflow);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (trib_undo_stack_can_undo (f->undo));
}

static void
test_outputs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkflow) other = NULL;
  g_autoptr(TribNode) created = NULL;
  const char *renamed[] = { "user_behavior_analysis.raw_log_table", "raw_log_extra", NULL };
  const char *taken[] = { "user_behavior_analysis.workshop_start_spark", NULL };
  const char *root[] = { "user_behavior_analysis_root", NULL };
  const char *twice[] = { "a.b", "a.b", NULL };
  const char *bad[] = { "a b", NULL };
  const char *none[] = { NULL };
  const char *by_output[] = { "user_behavior_analysis.raw_log_table", NULL };
  g_auto(GStrv) outputs = NULL;
  JsonArray *list;

  g_assert_true (trib_node_properties_set_outputs (f->workspace, f->workflow, RAW_SQL, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Outputs");
  outputs = trib_node_dup_outputs (node (f, RAW_SQL));
  g_assert_cmpuint (g_strv_length (outputs), ==, 2);
  g_assert_cmpstr (outputs[0], ==, "user_behavior_analysis.raw_log_table");
  list = json_object_get_array_member (json_object_get_object_member (node_json (f, RAW_SQL), "outputs"), "nodeOutputs");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 0), "isDefault"));
  g_assert_false (json_object_has_member (json_array_get_object_element (list, 1), "isDefault"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "artifactType"), ==,
                   "NodeOutput");

  g_assert_false (trib_node_properties_set_outputs (f->workspace, f->workflow, RAW_SQL, taken, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==,
                   "Outputs: “user_behavior_analysis.workshop_start_spark” is already the output of node "
                   "“workshop_start_spark”; output names are unique in the workspace");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_outputs (f->workspace, f->workflow, RAW_SQL, root, &error));
  g_assert_cmpstr (error->message, ==, "Outputs: “user_behavior_analysis_root” is the workspace root's output");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_outputs (f->workspace, f->workflow, RAW_SQL, twice, &error));
  g_assert_cmpstr (error->message, ==, "Outputs: “a.b” is listed twice");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_outputs (f->workspace, f->workflow, RAW_SQL, bad, &error));
  g_assert_cmpstr (error->message, ==,
                   "Outputs: \" \" is not allowed in an output name: use letters, digits, \"_\", \".\" and \"-\"");
  g_clear_error (&error);
  g_assert_false (trib_node_properties_set_outputs (f->workspace, f->workflow, RAW_SQL, none, &error));
  g_assert_cmpstr (error->message, ==, "Outputs: a node needs at least one output (its default output)");
  g_clear_error (&error);

  /* A node of another workflow depends on the output by name: it cannot vanish. */
  other = trib_workspace_new_workflow (f->workspace, "Reports", NULL, &error);
  g_assert_no_error (error);
  created = trib_workflow_create_node (other, TRIB_NODE_KIND_VIRTUAL, "report_start", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (trib_node_properties_set_upstreams (f->workspace, other, "report_start", by_output, &error));
  g_assert_no_error (error);
  {
    const char *replaced[] = { "user_behavior_analysis.raw_log_v2", NULL };

    g_assert_false (trib_node_properties_set_outputs (f->workspace, f->workflow, RAW_SQL, replaced, &error));
    g_assert_cmpstr (error->message, ==,
                     "Outputs: “user_behavior_analysis.raw_log_table” cannot be removed: Reports / report_start depends on it");
    g_clear_error (&error);
  }
}

/* General ----------------------------------------------------------------------------- */

static void
test_general (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_owner = g_strnfill (129, 'x');

  g_assert_true (trib_node_properties_set_description (f->workflow, START, "Starts the day", &error));
  g_assert_true (trib_node_properties_set_description (f->workflow, START, "Starts the day at 00:30", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trib_node_get_description (node (f, START)), ==, "Starts the day at 00:30");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Edit Description");
  g_assert_true (trib_node_properties_set_owner (f->workflow, START, "analyst", &error));
  g_assert_cmpstr (trib_node_properties_get_owner (node (f, START)), ==, "analyst");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (f->undo), ==, "Change Owner");
  g_assert_false (trib_node_properties_set_owner (f->workflow, START, long_owner, &error));
  g_assert_cmpstr (error->message, ==, "General: owner: at most 128 characters");
  g_clear_error (&error);
  g_assert_true (trib_node_properties_set_owner (f->workflow, START, "", &error));
  g_assert_null (trib_node_properties_get_owner (node (f, START)));

  /* Typing the description was one step, and the owner another: two undos go back to
   * the tutorial's text. */
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_true (trib_undo_stack_undo (f->undo));
  g_assert_cmpstr (trib_node_get_description (node (f, START)), ==,
                   "Triggers the entire workflow at 00:30 every day. A dry-run node: no code.");
  g_assert_false (trib_undo_stack_can_undo (f->undo));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  trib_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/node-properties/parameters/tutorial", test_parameters_tutorial);
  ADD ("/node-properties/parameters/refused", test_parameters_refused);
  ADD ("/node-properties/schedule/edits", test_schedule);
  ADD ("/node-properties/schedule/refused", test_schedule_refused);
  ADD ("/node-properties/rerun", test_rerun);
  ADD ("/node-properties/dependencies/edits", test_dependencies);
  ADD ("/node-properties/dependencies/refused", test_dependencies_refused);
  ADD ("/node-properties/outputs", test_outputs);
  ADD ("/node-properties/general", test_general);
  return g_test_run ();
}
