/* trib-cli-run.c: tributary-cli run WORKSPACE WORKFLOW
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "trib-cli-reporter.h"

#define RUN_SUMMARY \
  N_("Run a workflow for one business date, or rerun a run.\n" \
     "\n" \
     "Without --bizdate or --cyctime it runs today's instance (business date yesterday). One line\n" \
     "is printed per state change of a node. With --json each event is a JSON object on its own\n" \
     "line: {\"event\": \"run\"} first, then {\"event\": \"state\"} for each state change\n" \
     "(\"log\" events too with --verbose), and {\"event\": \"finished\"} with the run's state and\n" \
     "counts last; a refusal is {\"event\": \"error\"}.\n" \
     "\n" \
     "Exit status: 0 when every node succeeded, 1 otherwise (a node failed, the run was\n" \
     "cancelled or refused), 2 for a wrong command line. Ctrl+C cancels the run.")

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
finished_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static void
cancel_run (gpointer data)
{
  trib_run_cancel (data);
}

static GDateTime *
parse_cyctime (TribWorkspace  *workspace,
               const char     *text,
               GError        **error)
{
  g_autoptr(GTimeZone) zone = trib_workspace_dup_timezone (workspace);
  g_autoptr(GError) local_error = NULL;
  TribCivilTime wall;
  GDateTime *cyctime;

  if (!trib_civil_parse_checked (text, TRUE, &wall, &local_error))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, "--cyctime %s", local_error->message);
      return NULL;
    }
  cyctime = trib_civil_to_date_time (&wall, zone);
  if (cyctime == NULL)
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                 _("--cyctime %s does not happen in %s (the clocks skip it)"), text,
                 g_time_zone_get_identifier (zone));
  return cyctime;
}

int
trib_cli_cmd_run (int    argc,
                  char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(TribRunner) runner = NULL;
  g_autoptr(TribRun) run = NULL;
  g_autoptr(GDateTime) cyctime = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bizdate = NULL;
  g_autofree char *cyctime_text = NULL;
  g_autofree char *node = NULL;
  g_autofree char *test_executor = NULL;
  gboolean with_descendants = FALSE;
  gboolean json = FALSE;
  gboolean verbose = FALSE;
  gint64 rerun_failed = 0;
  gint64 rerun = 0;
  int parallel = G_MININT;
  int timeout = 0;
  TribWorkflow *workflow;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;
  TribCliReporter reporter = { "run" };
  Wait wait = { NULL };
  int status;
  const GOptionEntry entries[] = {
    { "bizdate", 0, 0, G_OPTION_ARG_STRING, &bizdate, N_("The business date; the instance is scheduled the next day"), N_("YYYYMMDD") },
    { "cyctime", 0, 0, G_OPTION_ARG_STRING, &cyctime_text, N_("The scheduled time, in the workspace's time zone"), N_("YYYYMMDDHHMMSS") },
    { "node", 0, 0, G_OPTION_ARG_STRING, &node, N_("Run this node alone (name or id); its upstream counts as done"), N_("NAME") },
    { "with-descendants", 0, 0, G_OPTION_ARG_NONE, &with_descendants, N_("With --node: also run everything downstream of it"), NULL },
    { "rerun-failed", 0, 0, G_OPTION_ARG_INT64, &rerun_failed, N_("Rerun run RUN_ID in place from its failed nodes; its successful nodes are not rerun"), N_("RUN_ID") },
    { "rerun", 0, 0, G_OPTION_ARG_INT64, &rerun, N_("With --node: rerun that node of run RUN_ID (and its descendants with --with-descendants), as its rerun mode allows"), N_("RUN_ID") },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &parallel, N_("How many nodes may run at the same time (default 4)"), N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Time limit for each node that has no timeout of its own"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line for each event"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Also print the nodes' log lines as they are written"), NULL },
    /* Test only: see TRIB_CLI_TEST_EXECUTOR_ENV. */
    { "test-executor", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &test_executor, NULL, NULL },
    { NULL }
  };

  if (!trib_cli_parse_options ("run", N_("WORKSPACE WORKFLOW"), RUN_SUMMARY, entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (argc != 3)
    {
      trib_cli_error ("run", _("expected a workspace folder and a workflow, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }
  if (bizdate && cyctime_text)
    {
      trib_cli_error ("run", _("give --bizdate or --cyctime, not both"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (with_descendants && node == NULL)
    {
      trib_cli_error ("run", _("--with-descendants needs --node"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (rerun_failed != 0 && (bizdate || cyctime_text || node || rerun))
    {
      trib_cli_error ("run", _("--rerun-failed reruns a run as it was: it takes no --bizdate, --cyctime, --node or --rerun"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (rerun != 0 && (node == NULL || bizdate || cyctime_text))
    {
      trib_cli_error ("run", _("--rerun needs --node, and takes no --bizdate or --cyctime"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (parallel != G_MININT && parallel < 1)
    {
      /* The same rule as backfill --parallel. */
      trib_cli_error ("run", _("--parallel must be at least 1"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (rerun_failed < 0 || rerun < 0 || timeout < 0)
    {
      trib_cli_error ("run", _("run ids, --parallel and --timeout cannot be negative"));
      return TRIB_CLI_EXIT_USAGE;
    }

  reporter.json = json;
  reporter.verbose = verbose;
  reporter.tty = !json && isatty (STDOUT_FILENO);

  workspace = trib_cli_load_workspace ("run", argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;
  workflow = trib_cli_lookup_workflow ("run", workspace, argv[2]);
  if (workflow == NULL)
    return TRIB_CLI_EXIT_FAILED;
  history = trib_cli_open_history ("run", workspace);
  if (history == NULL)
    return TRIB_CLI_EXIT_FAILED;
  runner = trib_cli_make_runner ("run", workspace, history, test_executor);
  if (runner == NULL)
    return TRIB_CLI_EXIT_USAGE;

  if (bizdate)
    cyctime = trib_runner_dup_cyctime_for_bizdate (runner, workflow, bizdate, &error);
  else if (cyctime_text)
    cyctime = parse_cyctime (workspace, cyctime_text, &error);
  if (error)
    {
      trib_cli_report_error (&reporter, error->message);
      return TRIB_CLI_EXIT_USAGE;
    }

  options.cyctime = cyctime;
  options.node = node;
  if (node)
    options.scope = with_descendants ? TRIB_RUN_SCOPE_NODE_AND_DESCENDANTS : TRIB_RUN_SCOPE_NODE;
  options.rerun_of = rerun_failed ? rerun_failed : rerun;
  options.max_parallel = parallel == G_MININT ? 0 : (guint) parallel;
  options.default_timeout_ms = (guint64) timeout * 1000;

  run = trib_runner_create_run (runner, workflow, &options, &error);
  if (run == NULL)
    {
      trib_cli_report_error (&reporter, error->message);
      return TRIB_CLI_EXIT_FAILED;
    }

  trib_cli_reporter_run_started (&reporter, run);
  trib_cli_reporter_attach (&reporter, run);

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  trib_cli_catch_interrupts ("run", cancel_run, run);
  trib_run_start_async (run, NULL, finished_cb, &wait);
  g_main_loop_run (loop);

  trib_run_start_finish (run, wait.result, &error);
  g_clear_object (&wait.result);
  status = trib_cli_reporter_run_finished (&reporter, run, error, argv[1]);
  return status;
}
