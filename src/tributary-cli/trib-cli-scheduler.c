/* trib-cli-scheduler.c: tributary-cli scheduler WORKSPACE...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "trib-cli-reporter.h"
#include "trib-clock.h"
#include "trib-scheduler.h"
#include "trib-text.h"
#include "trib-workflow-schedule.h"

#define SCHEDULER_SUMMARY \
  N_("Fire the workflows of one or more workspaces at their scheduled times, as a service.\n" \
     "\n" \
     "Each workflow is scheduled by the cron of its start node, in the workspace's time zone,\n" \
     "within the trigger's startTime and endTime; a start node whose recurrence is Pause does\n" \
     "not fire. Each fire time becomes a run of kind \"scheduled\" whose cyctime is that time\n" \
     "(its business date is the day before). However many schedulers watch a workspace, each\n" \
     "fire time runs once: the run history records which one started it. The workspace is\n" \
     "read again when its files change.\n" \
     "\n" \
     "Fire times missed while no scheduler ran are caught up when it starts: \"latest\" (the\n" \
     "default) runs the latest missed instance of each workflow, \"all\" every one, \"none\"\n" \
     "none. Caught-up runs are marked as such in the history.\n" \
     "\n" \
     "With --json each event is a JSON object on its own line: \"scheduler\" (the schedules),\n" \
     "\"fire\", \"skipped\", \"problem\", \"reloaded\", the \"run\", \"state\" and \"finished\"\n" \
     "events of `run --json` for each run, and \"stopped\" last.\n" \
     "\n" \
     "SIGTERM or Ctrl+C stops it: running instances are cancelled and recorded as such.")

typedef struct
{
  GPtrArray        *schedulers;
  GPtrArray        *paths;
  GMainLoop        *loop;
  TribCliReporter   reporter;
  TribTestExecutor *test_executor;
  guint             n_stopped;
} Service;

static void
print_event (JsonBuilder *builder)
{
  g_autoptr(JsonNode) node = NULL;

  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  trib_cli_print_json (node);
}

static JsonBuilder *
begin_event (const char    *event,
             TribScheduler *scheduler)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, event);
  if (scheduler)
    {
      json_builder_set_member_name (builder, "workspace");
      json_builder_add_string_value (builder, trib_workspace_get_name (trib_scheduler_get_workspace (scheduler)));
    }
  return builder;
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *time)
{
  g_autofree char *text = time ? g_date_time_format (time, "%Y%m%d%H%M%S") : NULL;

  json_builder_set_member_name (builder, member);
  if (text)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static char *
format_wall (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

/* A timestamp for each line: the journal has its own, but a terminal does not. */
static void
print_line (Service    *service,
            const char *text)
{
  if (service->reporter.tty)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *clock = g_date_time_format (now, "%H:%M:%S ");

      printf ("%s", clock);
    }
  printf ("%s\n", text);
  fflush (stdout);
}

static void
report_schedules (Service       *service,
                  TribScheduler *scheduler)
{
  GPtrArray *schedules = trib_scheduler_get_schedules (scheduler);
  TribWorkspace *workspace = trib_scheduler_get_workspace (scheduler);
  g_autoptr(TribClock) clock = trib_clock_new_default ();
  g_autoptr(GDateTime) now = trib_clock_dup_now (clock);

  if (service->reporter.json)
    {
      g_autoptr(JsonBuilder) builder = begin_event ("scheduler", scheduler);

      json_builder_set_member_name (builder, "timezone");
      json_builder_add_string_value (builder, trib_workspace_get_timezone_name (workspace));
      json_builder_set_member_name (builder, "catch_up");
      json_builder_add_string_value (builder, trib_catch_up_to_string (trib_scheduler_get_catch_up (scheduler)));
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, trib_scheduler_get_dry_run (scheduler));
      json_builder_set_member_name (builder, "workflows");
      json_builder_begin_array (builder);
      for (guint i = 0; i < schedules->len; i++)
        {
          TribWorkflowSchedule *schedule = g_ptr_array_index (schedules, i);
          g_autoptr(GDateTime) next = trib_workflow_schedule_next (schedule, now);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "workflow");
          json_builder_add_string_value (builder, trib_workflow_schedule_get_workflow (schedule));
          json_builder_set_member_name (builder, "cron");
          json_builder_add_string_value (builder, trib_cron_get_expression (trib_workflow_schedule_get_cron (schedule)));
          json_builder_set_member_name (builder, "paused");
          json_builder_add_boolean_value (builder, trib_workflow_schedule_is_paused (schedule));
          add_time (builder, "next", next);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_event (builder);
      return;
    }

  {
    g_autofree char *header =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "Scheduling %u workflow of workspace \"%s\" (time zone %s, catch-up %s%s)",
                                    "Scheduling %u workflows of workspace \"%s\" (time zone %s, catch-up %s%s)",
                                    schedules->len),
                       schedules->len, trib_workspace_get_name (workspace),
                       trib_workspace_get_timezone_name (workspace),
                       trib_catch_up_to_string (trib_scheduler_get_catch_up (scheduler)),
                       trib_scheduler_get_dry_run (scheduler) ? _(", dry-run: nothing is started") : "");

    print_line (service, header);
    for (guint i = 0; i < schedules->len; i++)
      {
        TribWorkflowSchedule *schedule = g_ptr_array_index (schedules, i);
        g_autoptr(GDateTime) next = trib_workflow_schedule_next (schedule, now);
        g_autofree char *when = next ? format_wall (next) : g_strdup (_("never"));
        g_autofree char *line = NULL;

        if (trib_workflow_schedule_is_paused (schedule))
          line = g_strdup_printf (_("  %s  %s  paused"), trib_workflow_schedule_get_workflow (schedule),
                                  trib_cron_get_expression (trib_workflow_schedule_get_cron (schedule)));
        else
          line = g_strdup_printf (_("  %s  %s  next %s"), trib_workflow_schedule_get_workflow (schedule),
                                  trib_cron_get_expression (trib_workflow_schedule_get_cron (schedule)), when);
        print_line (service, line);
      }
  }
}

static void
setup_runner_cb (TribScheduler *scheduler,
                 TribRunner    *runner,
                 Service       *service)
{
  if (service->test_executor == NULL)
    return;
  trib_runner_set_executor (runner, TRIB_NODE_KIND_DI, TRIB_EXECUTOR (service->test_executor));
  trib_runner_set_executor (runner, TRIB_NODE_KIND_EMR_SPARK_SQL, TRIB_EXECUTOR (service->test_executor));
}

static void
fired_cb (TribScheduler        *scheduler,
          TribWorkflowSchedule *schedule,
          GDateTime            *cyctime,
          gboolean              catch_up,
          TribRun              *run,
          Service              *service)
{
  g_autofree char *bizdate = trib_workflow_schedule_dup_bizdate (cyctime);

  if (service->reporter.json)
    {
      g_autoptr(JsonBuilder) builder = begin_event ("fire", scheduler);

      json_builder_set_member_name (builder, "workflow");
      json_builder_add_string_value (builder, trib_workflow_schedule_get_workflow (schedule));
      add_time (builder, "cyctime", cyctime);
      json_builder_set_member_name (builder, "bizdate");
      json_builder_add_string_value (builder, bizdate);
      json_builder_set_member_name (builder, "catch_up");
      json_builder_add_boolean_value (builder, catch_up);
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, run == NULL);
      json_builder_set_member_name (builder, "run");
      if (run)
        json_builder_add_int_value (builder, trib_run_get_id (run));
      else
        json_builder_add_null_value (builder);
      print_event (builder);
    }
  else
    {
      g_autofree char *when = format_wall (cyctime);
      g_autofree char *line = NULL;

      if (run == NULL)
        line = g_strdup_printf (_("%s: would fire for %s (business date %s)%s; dry-run, nothing started"),
                                trib_workflow_schedule_get_workflow (schedule), when, bizdate,
                                catch_up ? _(", catching up") : "");
      else
        line = g_strdup_printf (_("%s: fired for %s (business date %s)%s: run %" PRId64),
                                trib_workflow_schedule_get_workflow (schedule), when, bizdate,
                                catch_up ? _(", catching up") : "", trib_run_get_id (run));
      print_line (service, line);
    }

  if (run == NULL)
    return;
  service->reporter.catch_up = catch_up;
  if (service->reporter.json)
    trib_cli_reporter_run_started (&service->reporter, run);
  service->reporter.catch_up = FALSE;
  trib_cli_reporter_attach (&service->reporter, run);
}

static void
skipped_cb (TribScheduler        *scheduler,
            TribWorkflowSchedule *schedule,
            GDateTime            *cyctime,
            const char           *reason,
            Service              *service)
{
  if (service->reporter.json)
    {
      g_autoptr(JsonBuilder) builder = begin_event ("skipped", scheduler);

      json_builder_set_member_name (builder, "workflow");
      json_builder_add_string_value (builder, trib_workflow_schedule_get_workflow (schedule));
      add_time (builder, "cyctime", cyctime);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
      print_event (builder);
    }
  else
    {
      g_autofree char *when = format_wall (cyctime);
      g_autofree char *line = g_strdup_printf (_("%s: not fired for %s: %s"),
                                               trib_workflow_schedule_get_workflow (schedule), when, reason);
      print_line (service, line);
    }
}

static void
run_finished_cb (TribScheduler *scheduler,
                 TribRun       *run,
                 const char    *error_message,
                 Service       *service)
{
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_matched (run, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, &service->reporter);
  if (error_message)
    error = g_error_new_literal (TRIB_ERROR, TRIB_ERROR_FAILED, error_message);
  if (service->reporter.json)
    trib_cli_reporter_run_finished (&service->reporter, run, error, "");
  else
    {
      g_autofree char *line =
        g_strdup_printf (_("%s: run %" PRId64 " (business date %s) ended %s: %s"),
                         trib_workflow_get_name (trib_run_get_workflow (run)), trib_run_get_id (run),
                         trib_run_get_bizdate (run), trib_run_state_to_string (trib_run_get_state (run)),
                         error_message ? error_message : trib_run_get_message (run));
      print_line (service, line);
    }
}

static void
problem_cb (TribScheduler *scheduler,
            const char    *message,
            Service       *service)
{
  if (service->reporter.json)
    {
      g_autoptr(JsonBuilder) builder = begin_event ("problem", scheduler);

      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      print_event (builder);
    }
  trib_cli_error ("scheduler", "%s", message);
}

static void
reloaded_cb (TribScheduler *scheduler,
             Service       *service)
{
  if (service->reporter.json)
    {
      g_autoptr(JsonBuilder) builder = begin_event ("reloaded", scheduler);
      print_event (builder);
    }
  else
    print_line (service, _("The workspace changed; its schedules were read again."));
  report_schedules (service, scheduler);
}

static void
stopped_cb (TribScheduler *scheduler,
            Service       *service)
{
  if (++service->n_stopped < service->schedulers->len)
    return;
  if (service->reporter.json)
    {
      g_autoptr(JsonBuilder) builder = begin_event ("stopped", NULL);
      print_event (builder);
    }
  else
    print_line (service, _("Scheduler stopped."));
  g_main_loop_quit (service->loop);
}

static void
stop_all (gpointer data)
{
  Service *service = data;

  for (guint i = 0; i < service->schedulers->len; i++)
    trib_scheduler_stop (g_ptr_array_index (service->schedulers, i));
}

int
trib_cli_cmd_scheduler (int    argc,
                        char **argv)
{
  g_autofree char *catch_up_text = NULL;
  g_autofree char *test_executor = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(TribClock) clock = NULL;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  gboolean verbose = FALSE;
  TribCatchUp catch_up = TRIB_CATCH_UP_LATEST;
  Service service = { NULL };
  const char *spec;
  int status = TRIB_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "catch-up", 0, 0, G_OPTION_ARG_STRING, &catch_up_text, N_("Fire times missed while no scheduler ran: latest (default), all or none"), N_("WHICH") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what would fire, and start nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line for each event"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Also print the nodes' log lines as they are written"), NULL },
    /* Test only: see TRIB_CLI_TEST_EXECUTOR_ENV. */
    { "test-executor", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &test_executor, NULL, NULL },
    { NULL }
  };

  if (!trib_cli_parse_options ("scheduler", N_("WORKSPACE..."), SCHEDULER_SUMMARY, entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      trib_cli_error ("scheduler", _("expected one or more workspace folders"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (catch_up_text && !trib_catch_up_from_string (catch_up_text, &catch_up))
    {
      trib_cli_error ("scheduler", _("--catch-up takes latest, all or none, not \"%s\""), catch_up_text);
      return TRIB_CLI_EXIT_USAGE;
    }

  spec = test_executor ? test_executor : g_getenv (TRIB_CLI_TEST_EXECUTOR_ENV);
  if (spec != NULL && *spec != '\0')
    {
      g_autoptr(GError) error = NULL;

      service.test_executor = trib_test_executor_new (spec, &error);
      if (service.test_executor == NULL)
        {
          trib_cli_error ("scheduler", "%s", error->message);
          return TRIB_CLI_EXIT_USAGE;
        }
      trib_cli_error ("scheduler", _("test only: a test executor stands in for the DI and EMR_SPARK_SQL nodes"));
    }

  service.reporter.command = "scheduler";
  service.reporter.json = json;
  service.reporter.verbose = verbose;
  service.reporter.tty = !json && isatty (STDOUT_FILENO);
  service.reporter.with_bizdate = TRUE;
  service.schedulers = g_ptr_array_new_with_free_func (g_object_unref);
  loop = g_main_loop_new (NULL, FALSE);
  service.loop = loop;
  clock = trib_clock_new_default ();
  if (!trib_clock_is_system (clock))
    trib_cli_error ("scheduler", _("test only: the clock is read from %s"), g_getenv (TRIB_CLOCK_ENV));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) directory = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(TribScheduler) scheduler = trib_scheduler_new (directory, clock);
      g_autoptr(GError) error = NULL;

      trib_scheduler_set_catch_up (scheduler, catch_up);
      trib_scheduler_set_dry_run (scheduler, dry_run);
      g_signal_connect (scheduler, "setup-runner", G_CALLBACK (setup_runner_cb), &service);
      g_signal_connect (scheduler, "fired", G_CALLBACK (fired_cb), &service);
      g_signal_connect (scheduler, "skipped", G_CALLBACK (skipped_cb), &service);
      g_signal_connect (scheduler, "run-finished", G_CALLBACK (run_finished_cb), &service);
      g_signal_connect (scheduler, "problem", G_CALLBACK (problem_cb), &service);
      g_signal_connect (scheduler, "reloaded", G_CALLBACK (reloaded_cb), &service);
      g_signal_connect (scheduler, "stopped", G_CALLBACK (stopped_cb), &service);
      if (!trib_scheduler_start (scheduler, &error))
        {
          trib_cli_error ("scheduler", "%s: %s", argv[i], error->message);
          status = TRIB_CLI_EXIT_FAILED;
          break;
        }
      g_ptr_array_add (service.schedulers, g_steal_pointer (&scheduler));
      report_schedules (&service, g_ptr_array_index (service.schedulers, service.schedulers->len - 1));
    }

  if (status == TRIB_CLI_EXIT_OK)
    {
      trib_cli_catch_interrupts ("scheduler", stop_all, &service);
      g_main_loop_run (loop);
    }
  else if (service.schedulers->len > 0)
    {
      /* Started ones have not fired yet (that happens in the loop): just stop them. */
      stop_all (&service);
      service.n_stopped = 0;
      g_main_loop_run (loop);
    }

  for (guint i = 0; i < service.schedulers->len; i++)
    g_signal_handlers_disconnect_matched (g_ptr_array_index (service.schedulers, i), G_SIGNAL_MATCH_DATA,
                                          0, 0, NULL, NULL, &service);
  g_ptr_array_unref (service.schedulers);
  g_clear_object (&service.test_executor);
  return status;
}
