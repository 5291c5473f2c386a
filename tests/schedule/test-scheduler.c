/* test-scheduler.c: TribScheduler with a manual clock, on the demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-run-fixture.h"

#define WORKFLOW "user_profile_analysis_spark"

typedef struct
{
  RunFixture      run;
  TribClock      *clock;
  GPtrArray      *schedulers;
  /* "fired CYCTIME[ catch-up]", "skipped CYCTIME: reason", "finished RUN STATE", "reloaded",
   * "problem: ...", in order, for every scheduler. */
  GPtrArray      *events;
  guint           n_finished;
  guint           n_reloaded;
  guint           n_stopped;
  const char     *spec;
} Fixture;

static GDateTime *
shanghai (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");

  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

static void
set_clock (Fixture   *f,
           GDateTime *now)
{
  trib_clock_set_now (f->clock, now);
  g_date_time_unref (now);
}

static void
save_workflow (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  trib_workflow_save (f->run.workflow, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) start = shanghai (2024, 8, 8, 0, 0, 0);

  run_fixture_set_up (&f->run, "1");
  save_workflow (f);
  f->clock = trib_clock_new_manual (start);
  f->schedulers = g_ptr_array_new_with_free_func (g_object_unref);
  f->events = g_ptr_array_new_with_free_func (g_free);
  f->spec = "1";
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < f->schedulers->len; i++)
    g_signal_handlers_disconnect_matched (g_ptr_array_index (f->schedulers, i), G_SIGNAL_MATCH_DATA,
                                          0, 0, NULL, NULL, f);
  g_ptr_array_unref (f->schedulers);
  g_ptr_array_unref (f->events);
  g_object_unref (f->clock);
  run_fixture_tear_down (&f->run);
}

static char *
wall (GDateTime *time)
{
  return g_date_time_format (time, "%Y%m%d%H%M%S");
}

static void
setup_runner_cb (TribScheduler *scheduler,
                 TribRunner    *runner,
                 Fixture       *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribTestExecutor) executor = trib_test_executor_new (f->spec, &error);

  g_assert_no_error (error);
  trib_runner_set_executor (runner, TRIB_NODE_KIND_DI, TRIB_EXECUTOR (executor));
  trib_runner_set_executor (runner, TRIB_NODE_KIND_EMR_SPARK_SQL, TRIB_EXECUTOR (executor));
}

static void
fired_cb (TribScheduler        *scheduler,
          TribWorkflowSchedule *schedule,
          GDateTime            *cyctime,
          gboolean              catch_up,
          TribRun              *run,
          Fixture              *f)
{
  g_autofree char *text = wall (cyctime);

  g_ptr_array_add (f->events, g_strdup_printf ("fired %s%s", text, catch_up ? " catch-up" : ""));
}

static void
skipped_cb (TribScheduler        *scheduler,
            TribWorkflowSchedule *schedule,
            GDateTime            *cyctime,
            const char           *reason,
            Fixture              *f)
{
  g_autofree char *text = wall (cyctime);

  g_ptr_array_add (f->events, g_strdup_printf ("skipped %s: %s", text, reason));
}

static void
run_finished_cb (TribScheduler *scheduler,
                 TribRun       *run,
                 const char    *message,
                 Fixture       *f)
{
  f->n_finished++;
  g_ptr_array_add (f->events, g_strdup_printf ("finished %s %s", trib_run_get_bizdate (run),
                                               trib_run_state_to_string (trib_run_get_state (run))));
}

static void
problem_cb (TribScheduler *scheduler,
            const char    *message,
            Fixture       *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("problem: %s", message));
}

static void
reloaded_cb (TribScheduler *scheduler,
             Fixture       *f)
{
  f->n_reloaded++;
}

static void
stopped_cb (TribScheduler *scheduler,
            Fixture       *f)
{
  f->n_stopped++;
}

static TribScheduler *
start_scheduler (Fixture     *f,
                 TribCatchUp  catch_up)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->run.dir);
  g_autoptr(GError) error = NULL;
  TribScheduler *scheduler = trib_scheduler_new (dir, f->clock);

  trib_scheduler_set_catch_up (scheduler, catch_up);
  g_signal_connect (scheduler, "setup-runner", G_CALLBACK (setup_runner_cb), f);
  g_signal_connect (scheduler, "fired", G_CALLBACK (fired_cb), f);
  g_signal_connect (scheduler, "skipped", G_CALLBACK (skipped_cb), f);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (run_finished_cb), f);
  g_signal_connect (scheduler, "problem", G_CALLBACK (problem_cb), f);
  g_signal_connect (scheduler, "reloaded", G_CALLBACK (reloaded_cb), f);
  g_signal_connect (scheduler, "stopped", G_CALLBACK (stopped_cb), f);
  g_assert_true (trib_scheduler_start (scheduler, &error));
  g_assert_no_error (error);
  g_ptr_array_add (f->schedulers, scheduler);
  return scheduler;
}

typedef struct
{
  Fixture *f;
  guint    n;
} Count;

static gboolean
finished_at_least (gpointer data)
{
  Count *count = data;

  return count->f->n_finished >= count->n;
}

static void
wait_finished (Fixture *f,
               guint    n)
{
  Count count = { f, n };

  run_fixture_iterate_until (finished_at_least, &count);
}

static gboolean
all_stopped (gpointer data)
{
  Fixture *f = data;

  return f->n_stopped >= f->schedulers->len;
}

/* Stops every scheduler and waits for them: nothing may fire afterwards. */
static void
stop_all (Fixture *f)
{
  for (guint i = 0; i < f->schedulers->len; i++)
    trib_scheduler_stop (g_ptr_array_index (f->schedulers, i));
  run_fixture_iterate_until (all_stopped, f);
}

/* Lets the schedulers look at the clock (each tick is a main-loop source). */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static char *
joined_events (Fixture *f)
{
  g_ptr_array_add (f->events, NULL);
  {
    char *text = g_strjoinv ("\n", (char **) f->events->pdata);

    g_ptr_array_remove_index (f->events, f->events->len - 1);
    return text;
  }
}

/* "KIND BIZDATE CYCTIME STATE[ catch-up]" for every run in the history, oldest first. */
static char *
history_runs (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = trib_history_list_runs (f->run.history, NULL, 0, 0, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = runs->len; i > 0; i--)
    {
      TribRunRecord *record = g_ptr_array_index (runs, i - 1);

      g_string_append_printf (text, "%s%s %s %s %s%s", text->len ? "\n" : "", trib_run_record_get_kind (record),
                              trib_run_record_get_bizdate (record), trib_run_record_get_cyctime (record),
                              trib_run_state_to_string (trib_run_record_get_state (record)),
                              trib_run_record_get_catch_up (record) ? " catch-up" : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_history (Fixture    *f,
                const char *expected)
{
  g_autofree char *actual = history_runs (f);

  if (g_strcmp0 (actual, expected) != 0)
    {
      g_autofree char *events = joined_events (f);
      g_error ("history:\n%s\nexpected:\n%s\nevents:\n%s", actual, expected, events);
    }
}

static void
test_fires_at_half_past_midnight (Fixture       *f,
                                  gconstpointer  data)
{
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  settle ();
  /* 00:29:59: not yet. */
  set_clock (f, shanghai (2024, 8, 8, 0, 29, 59));
  settle ();
  assert_history (f, "");

  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  wait_finished (f, 1);
  assert_history (f, "scheduled 20240807 20240808003000 success");

  /* The same minute again, and the rest of the day: nothing more. */
  set_clock (f, shanghai (2024, 8, 8, 23, 59, 0));
  settle ();
  set_clock (f, shanghai (2024, 8, 9, 0, 30, 1));
  wait_finished (f, 2);
  stop_all (f);
  assert_history (f, "scheduled 20240807 20240808003000 success\n"
                     "scheduled 20240808 20240809003000 success");
}

static void
use_timezone (Fixture    *f,
              const char *zone)
{
  g_autofree char *path = g_build_filename (f->run.dir, "tributary.json", NULL);
  g_autofree char *text = trib_test_read_file (path);
  g_autofree char *needle = g_strdup ("\"timezone\": \"Asia/Shanghai\"");
  g_autofree char *replacement = g_strdup_printf ("\"timezone\": \"%s\"", zone);
  g_auto(GStrv) parts = g_strsplit (text, needle, 2);
  g_autofree char *changed = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strjoin (replacement, parts[0], parts[1], NULL);
  trib_test_write_file (path, changed);
}

static GDateTime *
new_york (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");

  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

static void
test_daylight_saving (Fixture       *f,
                      gconstpointer  data)
{
  use_timezone (f, "America/New_York");

  /* 02:30 does not happen on 10 March 2024 in New York (02:00 -> 03:00). */
  trib_node_set_cron (trib_workflow_lookup_node (f->run.workflow, START), "00 30 02 * * ?");
  save_workflow (f);
  set_clock (f, new_york (2024, 3, 9, 12, 0, 0));
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  settle ();
  set_clock (f, new_york (2024, 3, 10, 12, 0, 0));
  settle ();
  assert_history (f, "");
  set_clock (f, new_york (2024, 3, 11, 2, 30, 0));
  wait_finished (f, 1);
  assert_history (f, "scheduled 20240310 20240311023000 success");
  stop_all (f);
}

static void
test_daylight_saving_repeated_hour (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) second = NULL;

  use_timezone (f, "America/New_York");
  /* 01:30 happens twice on 3 November 2024 in New York: it fires once, the first time. */
  trib_node_set_cron (trib_workflow_lookup_node (f->run.workflow, START), "00 30 01 * * ?");
  save_workflow (f);
  set_clock (f, new_york (2024, 11, 2, 12, 0, 0));
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  settle ();

  /* 05:30 UTC is the first 01:30 (EDT), 06:30 UTC the second (EST). */
  first = g_date_time_new_utc (2024, 11, 3, 5, 30, 0);
  set_clock (f, g_date_time_ref (first));
  wait_finished (f, 1);
  second = g_date_time_new_utc (2024, 11, 3, 6, 45, 0);
  set_clock (f, g_date_time_ref (second));
  settle ();
  stop_all (f);
  assert_history (f, "scheduled 20241102 20241103013000 success");
}

static void
test_paused_does_not_fire (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *events = NULL;

  run_fixture_set_node_string (&f->run, START, "recurrence", "Pause");
  save_workflow (f);
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  settle ();
  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  settle ();
  stop_all (f);
  assert_history (f, "");
  events = joined_events (f);
  g_assert_cmpstr (events, ==, "skipped 20240808003000: the workflow is paused (recurrence Pause)");
}

/* The trigger's startTime and endTime bound the days it fires on. */
static void
test_effective_period (Fixture       *f,
                       gconstpointer  data)
{
  JsonObject *trigger = trib_json_object_get_object (trib_node_get_json (trib_workflow_lookup_node (f->run.workflow,
                                                                                                   START)),
                                                     "trigger");

  trib_json_object_put_string (trigger, "startTime", "2024-08-09 00:00:00");
  trib_json_object_put_string (trigger, "endTime", "2024-08-10 12:00:00");
  save_workflow (f);
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  settle ();
  assert_history (f, "");
  set_clock (f, shanghai (2024, 8, 9, 0, 30, 0));
  wait_finished (f, 1);
  set_clock (f, shanghai (2024, 8, 10, 0, 30, 0));
  wait_finished (f, 2);
  set_clock (f, shanghai (2024, 8, 11, 0, 30, 0));
  settle ();
  stop_all (f);
  assert_history (f, "scheduled 20240808 20240809003000 success\n"
                     "scheduled 20240809 20240810003000 success");
}

static void
test_two_schedulers_one_instance (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *events = NULL;

  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  settle ();
  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  wait_finished (f, 1);
  settle ();
  stop_all (f);
  assert_history (f, "scheduled 20240807 20240808003000 success");
  events = joined_events (f);
  g_assert_nonnull (strstr (events, "skipped 20240808003000: another scheduler started it"));
  g_assert_nonnull (strstr (events, "fired 20240808003000\n"));
}

/* A scheduler fired on 8 August, then nothing ran until the 12th at noon. */
static void
gap_of_four_days (Fixture     *f,
                  TribCatchUp  catch_up)
{
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  wait_finished (f, 1);
  stop_all (f);
  g_ptr_array_set_size (f->schedulers, 0);
  g_ptr_array_set_size (f->events, 0);
  f->n_finished = 0;
  f->n_stopped = 0;

  set_clock (f, shanghai (2024, 8, 12, 12, 0, 0));
  start_scheduler (f, catch_up);
}

static void
test_catch_up_latest (Fixture       *f,
                      gconstpointer  data)
{
  gap_of_four_days (f, TRIB_CATCH_UP_LATEST);
  wait_finished (f, 1);
  settle ();
  stop_all (f);
  assert_history (f, "scheduled 20240807 20240808003000 success\n"
                     "scheduled 20240811 20240812003000 success catch-up");
}

static void
test_catch_up_all (Fixture       *f,
                   gconstpointer  data)
{
  gap_of_four_days (f, TRIB_CATCH_UP_ALL);
  wait_finished (f, 4);
  settle ();
  stop_all (f);
  assert_history (f, "scheduled 20240807 20240808003000 success\n"
                     "scheduled 20240808 20240809003000 success catch-up\n"
                     "scheduled 20240809 20240810003000 success catch-up\n"
                     "scheduled 20240810 20240811003000 success catch-up\n"
                     "scheduled 20240811 20240812003000 success catch-up");
}

static void
test_catch_up_none (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *events = NULL;

  gap_of_four_days (f, TRIB_CATCH_UP_NONE);
  settle ();
  events = joined_events (f);
  g_assert_cmpstr (events, ==, "skipped 20240812003000: missed while no scheduler ran; not caught up (--catch-up none)");
  assert_history (f, "scheduled 20240807 20240808003000 success");

  /* The next fire time fires as usual. */
  set_clock (f, shanghai (2024, 8, 13, 0, 30, 0));
  wait_finished (f, 1);
  stop_all (f);
  assert_history (f, "scheduled 20240807 20240808003000 success\n"
                     "scheduled 20240812 20240813003000 success");
}

static gboolean
reloaded_once (gpointer data)
{
  Fixture *f = data;

  return f->n_reloaded > 0;
}

static void
test_edited_workflow_is_picked_up (Fixture       *f,
                                   gconstpointer  data)
{
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  settle ();

  /* Someone moves the schedule to 01:15 while the scheduler runs. */
  trib_node_set_cron (trib_workflow_lookup_node (f->run.workflow, START), "00 15 01 * * ?");
  save_workflow (f);
  run_fixture_iterate_until (reloaded_once, f);

  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  settle ();
  assert_history (f, "");
  set_clock (f, shanghai (2024, 8, 8, 1, 15, 0));
  wait_finished (f, 1);
  stop_all (f);
  assert_history (f, "scheduled 20240807 20240808011500 success");
}

static void
test_stop_cancels_runs (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  f->spec = RAW_SYNC "=hang";
  start_scheduler (f, TRIB_CATCH_UP_LATEST);
  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  /* Wait until the hanging node runs, then stop. */
  {
    gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    for (;;)
      {
        g_autoptr(GPtrArray) listed = trib_history_list_runs (f->run.history, NULL, 0, 0, NULL);
        g_autoptr(GPtrArray) states = NULL;
        gboolean running = FALSE;

        if (listed && listed->len == 1)
          {
            states = trib_history_list_instances (f->run.history,
                                                  trib_run_record_get_id (g_ptr_array_index (listed, 0)), NULL);
            for (guint i = 0; states && i < states->len; i++)
              running |= trib_instance_record_get_state (g_ptr_array_index (states, i)) == TRIB_NODE_STATE_RUNNING &&
                         g_str_equal (trib_instance_record_get_node_name (g_ptr_array_index (states, i)), RAW_SYNC);
          }
        if (running)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
      }
  }
  stop_all (f);
  g_assert_cmpuint (f->n_finished, ==, 1);

  runs = trib_history_list_runs (f->run.history, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (trib_run_state_to_string (trib_run_record_get_state (g_ptr_array_index (runs, 0))), ==, "cancelled");
  instances = trib_history_list_instances (f->run.history, trib_run_record_get_id (g_ptr_array_index (runs, 0)), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < instances->len; i++)
    {
      TribInstanceRecord *record = g_ptr_array_index (instances, i);
      TribNodeState state = trib_instance_record_get_state (record);

      g_assert_true (state != TRIB_NODE_STATE_RUNNING && state != TRIB_NODE_STATE_WAITING);
      if (g_str_equal (trib_instance_record_get_node_name (record), RAW_SYNC))
        g_assert_cmpint (state, ==, TRIB_NODE_STATE_CANCELLED);
    }
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trib_scheduler_start_finish (TRIB_SCHEDULER (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The app's way: the workspace and the history are read in a worker thread. */
static void
test_start_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->run.dir);
  TribScheduler *scheduler = trib_scheduler_new (dir, f->clock);
  gboolean started = FALSE;

  g_signal_connect (scheduler, "setup-runner", G_CALLBACK (setup_runner_cb), f);
  g_signal_connect (scheduler, "run-finished", G_CALLBACK (run_finished_cb), f);
  g_signal_connect (scheduler, "stopped", G_CALLBACK (stopped_cb), f);
  g_ptr_array_add (f->schedulers, scheduler);
  trib_scheduler_start_async (scheduler, NULL, started_cb, &started);
  run_fixture_iterate_until (is_true, &started);
  g_assert_nonnull (trib_scheduler_get_workspace (scheduler));
  g_assert_cmpuint (trib_scheduler_get_schedules (scheduler)->len, ==, 1);

  set_clock (f, shanghai (2024, 8, 8, 0, 30, 0));
  wait_finished (f, 1);
  stop_all (f);
  assert_history (f, "scheduled 20240807 20240808003000 success");
}

static void
test_schedule_of_workflow (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = trib_workspace_load (file, NULL, &error);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  TribWorkflow *workflow;
  TribNode *start;
  g_autoptr(TribWorkflowSchedule) schedule = NULL;
  g_autoptr(GDateTime) after = shanghai (2024, 8, 8, 0, 30, 0);
  g_autoptr(GPtrArray) times = NULL;
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *bizdate = NULL;
  g_autofree char *first = NULL;

  g_assert_no_error (error);
  workflow = trib_workspace_lookup_workflow (workspace, WORKFLOW);
  start = trib_workflow_lookup_node (workflow, START);

  /* Effective from the 10th to the 11th at noon: two fire times. */
  trib_json_object_put_string (trib_json_object_get_object (trib_node_get_json (start), "trigger"),
                               "startTime", "2024-08-10 00:00:00");
  trib_json_object_put_string (trib_json_object_get_object (trib_node_get_json (start), "trigger"),
                               "endTime", "2024-08-11T12:00:00");
  schedule = trib_workflow_schedule_new (workflow, zone, &error);
  g_assert_no_error (error);
  times = trib_workflow_schedule_next_n (schedule, after, 5);
  g_assert_cmpuint (times->len, ==, 2);
  first = g_date_time_format (g_ptr_array_index (times, 0), "%F %T");
  g_assert_cmpstr (first, ==, "2024-08-10 00:30:00");
  bizdate = trib_workflow_schedule_dup_bizdate (g_ptr_array_index (times, 1));
  g_assert_cmpstr (bizdate, ==, "20240810");
  g_clear_object (&schedule);

  trib_json_object_put_string (trib_json_object_get_object (trib_node_get_json (start), "trigger"),
                               "endTime", "next week");
  schedule = trib_workflow_schedule_new (workflow, zone, &error);
  g_assert_null (schedule);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "workflows/user_profile_analysis_spark.json: node workshop_start_spark: "
                                       "trigger.endTime \"next week\" is not a time of the form yyyy-MM-dd HH:mm:ss");
  g_clear_error (&error);

  /* A manual trigger is no schedule. */
  trib_json_object_put_string (trib_json_object_get_object (trib_node_get_json (start), "trigger"), "type", "Manual");
  g_assert_null (trib_workflow_schedule_new (workflow, zone, &error));
  g_assert_no_error (error);
  trib_test_rm_rf (parent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  trib_init ();

  g_test_add_func ("/scheduler/workflow-schedule", test_schedule_of_workflow);
#define ADD(path, func) g_test_add ("/scheduler/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fires-at-0030-shanghai", test_fires_at_half_past_midnight);
  ADD ("dst-skipped-hour", test_daylight_saving);
  ADD ("dst-repeated-hour", test_daylight_saving_repeated_hour);
  ADD ("paused", test_paused_does_not_fire);
  ADD ("effective-period", test_effective_period);
  ADD ("two-schedulers", test_two_schedulers_one_instance);
  ADD ("catch-up-latest", test_catch_up_latest);
  ADD ("catch-up-all", test_catch_up_all);
  ADD ("catch-up-none", test_catch_up_none);
  ADD ("edited-workflow", test_edited_workflow_is_picked_up);
  ADD ("stop-cancels-runs", test_stop_cancels_runs);
  ADD ("start-async", test_start_async);
#undef ADD
  return g_test_run ();
}
