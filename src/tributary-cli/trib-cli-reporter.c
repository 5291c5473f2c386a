/* trib-cli-reporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "trib-cli-reporter.h"
#include "trib-text.h"

TribHistory *
trib_cli_open_history (const char    *command,
                       TribWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  TribHistory *history;

  history = trib_history_open (trib_workspace_get_state_directory (workspace), &error);
  if (history == NULL)
    {
      trib_cli_error (command, "%s", error->message);
      return NULL;
    }
  if (trib_history_get_n_recovered (history) > 0)
    trib_cli_error (command,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%u node instance was left running by a process that ended "
                                 "unexpectedly; it is now marked failed",
                                 "%u node instances were left running by a process that ended "
                                 "unexpectedly; they are now marked failed",
                                 trib_history_get_n_recovered (history)),
                    trib_history_get_n_recovered (history));
  return history;
}

TribRunner *
trib_cli_make_runner (const char    *command,
                      TribWorkspace *workspace,
                      TribHistory   *history,
                      const char    *test_executor)
{
  g_autoptr(TribRunner) runner = trib_runner_new (workspace, history);
  const char *spec = test_executor ? test_executor : g_getenv (TRIB_CLI_TEST_EXECUTOR_ENV);

  if (spec != NULL && *spec != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TribTestExecutor) executor = trib_test_executor_new (spec, &error);

      if (executor == NULL)
        {
          trib_cli_error (command, "%s", error->message);
          return NULL;
        }
      /* Loud on purpose: nothing real runs. */
      trib_cli_error (command, _("test only: a test executor stands in for the DI and EMR_SPARK_SQL "
                                 "nodes (%s)"),
                      test_executor ? "--test-executor" : TRIB_CLI_TEST_EXECUTOR_ENV);
      trib_runner_set_executor (runner, TRIB_NODE_KIND_DI, TRIB_EXECUTOR (executor));
      trib_runner_set_executor (runner, TRIB_NODE_KIND_EMR_SPARK_SQL, TRIB_EXECUTOR (executor));
    }
  return g_steal_pointer (&runner);
}

TribWorkflow *
trib_cli_lookup_workflow (const char    *command,
                          TribWorkspace *workspace,
                          const char    *name)
{
  TribWorkflow *workflow = trib_workspace_lookup_workflow (workspace, name);
  GListModel *workflows;
  g_autoptr(GString) known = NULL;

  if (workflow != NULL)
    return workflow;

  workflows = trib_workspace_get_workflows (workspace);
  known = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) item = g_list_model_get_item (workflows, i);
      g_autofree char *stem = trib_workflow_dup_file_stem (item);

      g_string_append_printf (known, "%s%s", known->len ? ", " : "", stem);
    }
  trib_cli_error (command, _("workspace \"%s\" has no workflow \"%s\" (it has: %s)"),
                  trib_workspace_get_name (workspace), name, known->len ? known->str : _("none"));
  return NULL;
}

void
trib_cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  printf ("%s\n", text);
  fflush (stdout);
}

char *
trib_cli_format_time (gint64 microseconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (microseconds <= 0)
    return g_strdup ("-");
  utc = g_date_time_new_from_unix_utc (microseconds / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

char *
trib_cli_format_duration (gint64 microseconds)
{
  return trib_format_duration (microseconds);
}

char *
trib_cli_format_cyctime (GDateTime *cyctime)
{
  g_autofree char *text = g_date_time_format (cyctime, "%Y-%m-%d %H:%M:%S");

  return g_strdup_printf ("%s %s", text, g_time_zone_get_identifier (g_date_time_get_timezone (cyctime)));
}

static char *
iso_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
state_changed_cb (TribRun          *run,
                  TribNodeInstance *instance,
                  TribNodeState     old_state,
                  TribCliReporter  *reporter)
{
  TribNodeState state = trib_node_instance_get_state (instance);
  const char *message = trib_node_instance_get_message (instance);

  if (reporter->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *time = iso_now ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, "state");
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, trib_run_get_id (run));
      json_builder_set_member_name (builder, "bizdate");
      json_builder_add_string_value (builder, trib_run_get_bizdate (run));
      json_builder_set_member_name (builder, "node");
      json_builder_add_string_value (builder, trib_node_instance_get_node_name (instance));
      json_builder_set_member_name (builder, "node_id");
      json_builder_add_string_value (builder, trib_node_instance_get_node_id (instance));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, trib_node_state_to_string (state));
      json_builder_set_member_name (builder, "previous");
      json_builder_add_string_value (builder, trib_node_state_to_string (old_state));
      json_builder_set_member_name (builder, "attempt");
      json_builder_add_int_value (builder, trib_node_instance_get_attempt (instance));
      json_builder_set_member_name (builder, "max_attempts");
      json_builder_add_int_value (builder, trib_node_instance_get_max_attempts (instance));
      add_string_or_null (builder, "message", message);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, time);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      trib_cli_print_json (node);
      return;
    }

  {
    g_autoptr(GString) line = g_string_new (NULL);
    g_autofree char *attempt = NULL;
    const char *detail = message;

    if (reporter->tty)
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autofree char *clock = g_date_time_format (now, "%H:%M:%S ");
        g_string_append (line, clock);
      }
    if (reporter->with_bizdate)
      g_string_append_printf (line, "%s  ", trib_run_get_bizdate (run));
    if (state == TRIB_NODE_STATE_RUNNING)
      detail = attempt = g_strdup_printf (_("attempt %u of %u"), trib_node_instance_get_attempt (instance),
                                          trib_node_instance_get_max_attempts (instance));
    g_string_append_printf (line, "%-30s %-9s", trib_node_instance_get_node_name (instance),
                            trib_node_state_to_string (state));
    if (detail && *detail)
      g_string_append_printf (line, " %s", detail);
    printf ("%s\n", line->str);
    fflush (stdout);
  }
}

static void
log_cb (TribRun          *run,
        TribNodeInstance *instance,
        const char       *text,
        TribCliReporter  *reporter)
{
  if (reporter->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, "log");
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, trib_run_get_id (run));
      json_builder_set_member_name (builder, "node");
      json_builder_add_string_value (builder, trib_node_instance_get_node_name (instance));
      json_builder_set_member_name (builder, "line");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      trib_cli_print_json (node);
    }
  else
    {
      printf ("    %s | %s\n", trib_node_instance_get_node_name (instance), text);
      fflush (stdout);
    }
}

void
trib_cli_reporter_attach (TribCliReporter *reporter,
                          TribRun         *run)
{
  g_signal_connect (run, "node-state-changed", G_CALLBACK (state_changed_cb), reporter);
  if (reporter->verbose)
    g_signal_connect (run, "node-log", G_CALLBACK (log_cb), reporter);
}

void
trib_cli_reporter_run_started (TribCliReporter *reporter,
                               TribRun         *run)
{
  TribWorkflow *workflow = trib_run_get_workflow (run);

  if (reporter->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *stem = trib_workflow_dup_file_stem (workflow);
      g_autofree char *cyctime = g_date_time_format (trib_run_get_cyctime (run), "%Y%m%d%H%M%S");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, "run");
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, trib_run_get_id (run));
      json_builder_set_member_name (builder, "workflow");
      json_builder_add_string_value (builder, stem);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, trib_run_get_kind (run));
      json_builder_set_member_name (builder, "catch_up");
      json_builder_add_boolean_value (builder, reporter->catch_up);
      json_builder_set_member_name (builder, "workflow_name");
      json_builder_add_string_value (builder, trib_workflow_get_name (workflow));
      json_builder_set_member_name (builder, "bizdate");
      json_builder_add_string_value (builder, trib_run_get_bizdate (run));
      json_builder_set_member_name (builder, "cyctime");
      json_builder_add_string_value (builder, cyctime);
      json_builder_set_member_name (builder, "timezone");
      json_builder_add_string_value (builder,
                                     g_time_zone_get_identifier (g_date_time_get_timezone (trib_run_get_cyctime (run))));
      json_builder_set_member_name (builder, "nodes");
      json_builder_add_int_value (builder, g_list_model_get_n_items (trib_run_get_instances (run)));
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      trib_cli_print_json (node);
    }
  else
    {
      g_autofree char *cyctime = trib_cli_format_cyctime (trib_run_get_cyctime (run));

      printf (_("Run %" PRId64 " of \"%s\": business date %s, scheduled %s\n"), trib_run_get_id (run),
              trib_workflow_get_name (workflow), trib_run_get_bizdate (run), cyctime);
      fflush (stdout);
    }
}

/* For a command line the user can paste. */
static char *
quote_if_needed (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("/._-+,:@", *p)))
      return g_shell_quote (text);
  return g_strdup (text);
}

int
trib_cli_reporter_run_finished (TribCliReporter *reporter,
                                TribRun         *run,
                                const GError    *error,
                                const char      *workspace_path)
{
  TribRunState state = trib_run_get_state (run);
  const char *message = error ? error->message : trib_run_get_message (run);
  GListModel *instances = trib_run_get_instances (run);
  guint counts[TRIB_NODE_STATE_LAST + 1] = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, i);
      counts[trib_node_instance_get_state (instance)]++;
    }

  if (reporter->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, "finished");
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, trib_run_get_id (run));
      json_builder_set_member_name (builder, "bizdate");
      json_builder_add_string_value (builder, trib_run_get_bizdate (run));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, trib_run_state_to_string (state));
      add_string_or_null (builder, "message", message);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_object (builder);
      for (guint i = 0; i <= TRIB_NODE_STATE_LAST; i++)
        {
          json_builder_set_member_name (builder, trib_node_state_to_string (i));
          json_builder_add_int_value (builder, counts[i]);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      trib_cli_print_json (node);
    }
  else if (!reporter->with_bizdate)
    {
      const char *verb;

      switch (state)
        {
        case TRIB_RUN_STATE_SUCCESS:    verb = _("succeeded"); break;
        case TRIB_RUN_STATE_FAILED:     verb = _("failed"); break;
        case TRIB_RUN_STATE_CANCELLED:  verb = _("was cancelled"); break;
        case TRIB_RUN_STATE_INCOMPLETE: verb = _("is incomplete"); break;
        case TRIB_RUN_STATE_RUNNING:
        default:                        verb = _("ended"); break;
        }
      printf (_("Run %" PRId64 " %s: %s\n"), trib_run_get_id (run), verb, message);
      if (state == TRIB_RUN_STATE_FAILED || state == TRIB_RUN_STATE_CANCELLED)
        {
          g_autofree char *stem = trib_workflow_dup_file_stem (trib_run_get_workflow (run));
          g_autofree char *quoted_ws = quote_if_needed (workspace_path);

          for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
            {
              g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, i);

              if (trib_node_instance_get_state (instance) == TRIB_NODE_STATE_FAILED)
                printf (_("  Its log: tributary-cli log %s %" PRId64 " %s\n"), quoted_ws,
                        trib_run_get_id (run), trib_node_instance_get_node_name (instance));
            }
          printf (_("  Rerun from the failed nodes: tributary-cli run %s %s --rerun-failed %" PRId64 "\n"),
                  quoted_ws, stem, trib_run_get_id (run));
        }
      fflush (stdout);
    }

  return state == TRIB_RUN_STATE_SUCCESS ? TRIB_CLI_EXIT_OK : TRIB_CLI_EXIT_FAILED;
}

void
trib_cli_report_error (TribCliReporter *reporter,
                       const char      *message)
{
  if (reporter->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, "error");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      trib_cli_print_json (node);
    }
  trib_cli_error (reporter->command, "%s", message);
}

typedef struct
{
  const char *command;
  void      (*cancel) (gpointer);
  gpointer    data;
  gboolean    cancelling;
} Interrupts;

static Interrupts interrupts;

static gboolean
interrupted_cb (gpointer user_data)
{
  if (interrupts.cancelling)
    {
      trib_cli_error (interrupts.command, _("interrupted again: quitting without waiting"));
      exit (130);
    }
  interrupts.cancelling = TRUE;
  trib_cli_error (interrupts.command, _("cancelling (interrupt again to quit at once)"));
  interrupts.cancel (interrupts.data);
  return G_SOURCE_CONTINUE;
}

void
trib_cli_catch_interrupts (const char  *command,
                           void       (*cancel) (gpointer),
                           gpointer     data)
{
  interrupts.command = command;
  interrupts.cancel = cancel;
  interrupts.data = data;
  g_unix_signal_add (SIGINT, interrupted_cb, NULL);
  g_unix_signal_add (SIGTERM, interrupted_cb, NULL);
}
