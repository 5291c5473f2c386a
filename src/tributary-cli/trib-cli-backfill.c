/* trib-cli-backfill.c: tributary-cli backfill WORKSPACE WORKFLOW --from D --to D
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "trib-cli-reporter.h"
#include "trib-backfill.h"

#define BACKFILL_SUMMARY \
  N_("Run a workflow once for each business date of a range (and/or a list): each date is\n" \
     "an independent run, so one that fails never stops the others. As in DataWorks, a date D\n" \
     "is the business date: its instance is scheduled on D + 1 at the start node's time.\n" \
     "--preview lists every instance that would be created, with its resolved parameters,\n" \
     "and runs nothing.\n" \
     "\n" \
     "With --json, events are JSON objects, one per line, as for \"run\" (each carries its\n" \
     "\"bizdate\"), plus {\"event\": \"date\"} when a date is over and {\"event\": \"backfill\"} last;\n" \
     "--preview --json prints one JSON document.\n" \
     "\n" \
     "Exit status: 0 when every date succeeded, 1 otherwise, 2 for a wrong command line.")

typedef struct
{
  TribCliReporter  reporter;
  GMainLoop       *loop;
  GAsyncResult    *result;
} Backfill;

static void
finished_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Backfill *data = user_data;

  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

static void
run_created_cb (TribBackfill *backfill,
                TribRun      *run,
                Backfill     *data)
{
  trib_cli_reporter_attach (&data->reporter, run);
  if (data->reporter.json)
    trib_cli_reporter_run_started (&data->reporter, run);
  else
    {
      g_autofree char *cyctime = trib_cli_format_cyctime (trib_run_get_cyctime (run));

      printf (_("%s  run %" PRId64 " started, scheduled %s\n"), trib_run_get_bizdate (run),
              trib_run_get_id (run), cyctime);
      fflush (stdout);
    }
}

static void
date_finished_cb (TribBackfill *backfill,
                  const char   *bizdate,
                  TribRunState  state,
                  const char   *message,
                  Backfill     *data)
{
  if (data->reporter.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, "date");
      json_builder_set_member_name (builder, "bizdate");
      json_builder_add_string_value (builder, bizdate);
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, trib_backfill_get_date_run_id (backfill, bizdate));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, trib_run_state_to_string (state));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message ? message : "");
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      trib_cli_print_json (node);
    }
  else
    {
      printf (_("%s  %s: %s\n"), bizdate, trib_run_state_to_string (state), message ? message : "");
      fflush (stdout);
    }
}

static void
cancel_backfill (gpointer data)
{
  trib_backfill_cancel (data);
}

typedef struct
{
  gboolean  json;
  guint     n_dates;
  guint     n_instances;
  TribRun  *first;      /* to check the executors once the list is out */
} Preview;

static JsonNode *
preview_date_to_json (TribRun *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *instances = trib_run_get_instances (run);
  g_autofree char *cyctime = g_date_time_format (trib_run_get_cyctime (run), "%Y%m%d%H%M%S");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bizdate");
  json_builder_add_string_value (builder, trib_run_get_bizdate (run));
  json_builder_set_member_name (builder, "cyctime");
  json_builder_add_string_value (builder, cyctime);
  json_builder_set_member_name (builder, "instances");
  json_builder_begin_array (builder);
  for (guint j = 0; j < g_list_model_get_n_items (instances); j++)
    {
      g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, j);
      TribParamSet *set = trib_node_instance_get_parameters (instance);
      g_autoptr(JsonNode) parameters = trib_param_set_to_json (set);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "node");
      json_builder_add_string_value (builder, trib_node_instance_get_node_name (instance));
      json_builder_set_member_name (builder, "node_id");
      json_builder_add_string_value (builder, trib_node_instance_get_node_id (instance));
      json_builder_set_member_name (builder, "parameters");
      json_builder_add_value (builder, g_steal_pointer (&parameters));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Each date is printed as soon as it is planned, then freed: the preview of a century
 * of dates needs the memory of one. */
static void
print_preview_date (TribRun  *run,
                    gpointer  user_data)
{
  Preview *preview = user_data;
  GListModel *instances = trib_run_get_instances (run);
  guint n = g_list_model_get_n_items (instances);

  if (preview->first == NULL)
    preview->first = g_object_ref (run);
  preview->n_instances += n;

  if (preview->json)
    {
      g_autoptr(JsonNode) node = preview_date_to_json (run);
      g_autofree char *text = json_to_string (node, FALSE);

      printf ("%s%s", preview->n_dates > 0 ? "," : "", text);
    }
  else
    {
      g_autofree char *cyctime = trib_cli_format_cyctime (trib_run_get_cyctime (run));

      printf (_("%s  scheduled %s\n"), trib_run_get_bizdate (run), cyctime);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, j);
          TribParamSet *set = trib_node_instance_get_parameters (instance);
          g_autofree char *parameters = trib_param_set_to_string (set);

          printf ("  %-30s %s\n", trib_node_instance_get_node_name (instance), parameters);
        }
    }
  preview->n_dates++;
}

static gboolean
print_preview (TribBackfill  *backfill,
               Preview       *preview,
               GError       **error)
{
  guint n_dates = g_strv_length ((char **) trib_backfill_get_bizdates (backfill));
  gboolean ok;

  if (preview->json)
    printf ("{\"parallelism\":%u,\"dates\":[", trib_backfill_get_parallelism (backfill));
  else
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "Backfill preview: %u business date, ", "Backfill preview: %u business dates, ",
                           n_dates), n_dates);
      printf (_("%u at a time\n"), trib_backfill_get_parallelism (backfill));
    }

  ok = trib_backfill_preview_foreach (backfill, print_preview_date, preview, error);

  if (preview->json)
    printf ("],\"instances\":%u}\n", preview->n_instances);
  else if (ok)
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "%u node instance in all. ", "%u node instances in all. ",
                           preview->n_instances), preview->n_instances);
      printf ("%s\n", _("Nothing was run (--preview)."));
    }
  fflush (stdout);
  return ok;
}

static GStrv
collect_dates (const char  *from,
               const char  *to,
               const char  *list,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (from || to)
    {
      g_auto(GStrv) range = NULL;

      if (from == NULL || to == NULL)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("--from and --to go together"));
          return NULL;
        }
      range = trib_backfill_expand_range (from, to, error);
      if (range == NULL)
        return NULL;
      g_strv_builder_addv (builder, (const char **) range);
    }
  if (list)
    {
      g_auto(GStrv) dates = g_strsplit (list, ",", -1);

      for (guint i = 0; dates[i]; i++)
        {
          g_strstrip (dates[i]);
          if (*dates[i])
            g_strv_builder_add (builder, dates[i]);
        }
    }
  return g_strv_builder_end (builder);
}

int
trib_cli_cmd_backfill (int    argc,
                       char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(TribRunner) runner = NULL;
  g_autoptr(TribBackfill) backfill = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dates = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *list = NULL;
  g_autofree char *node = NULL;
  g_autofree char *test_executor = NULL;
  gboolean with_descendants = FALSE;
  gboolean descending = FALSE;
  gboolean preview = FALSE;
  gboolean json = FALSE;
  gboolean verbose = FALSE;
  int parallel = 1;
  int timeout = 0;
  TribWorkflow *workflow;
  TribRunOptions options = TRIB_RUN_OPTIONS_INIT;
  Backfill data = { { "backfill" } };
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first business date"), N_("YYYYMMDD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last business date"), N_("YYYYMMDD") },
    { "dates", 0, 0, G_OPTION_ARG_STRING, &list, N_("Business dates, separated by commas (also with --from/--to)"), N_("D,D,...") },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &parallel, N_("How many dates run at the same time (default 1)"), N_("N") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Newest date first"), NULL },
    { "preview", 0, 0, G_OPTION_ARG_NONE, &preview, N_("List the instances that would be created, and stop"), NULL },
    { "node", 0, 0, G_OPTION_ARG_STRING, &node, N_("Only this node (name or id) each date"), N_("NAME") },
    { "with-descendants", 0, 0, G_OPTION_ARG_NONE, &with_descendants, N_("With --node: also what is downstream of it"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Time limit for each node that has no timeout of its own"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Also print the nodes' log lines"), NULL },
    /* Test only: see TRIB_CLI_TEST_EXECUTOR_ENV. */
    { "test-executor", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &test_executor, NULL, NULL },
    { NULL }
  };

  if (!trib_cli_parse_options ("backfill", N_("WORKSPACE WORKFLOW --from DATE --to DATE"), BACKFILL_SUMMARY,
                               entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (argc != 3)
    {
      trib_cli_error ("backfill", _("expected a workspace folder and a workflow, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }
  if (from == NULL && to == NULL && list == NULL)
    {
      trib_cli_error ("backfill", _("which business dates? Give --from and --to, or --dates"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (parallel < 1 || timeout < 0)
    {
      trib_cli_error ("backfill", _("--parallel must be at least 1, and --timeout cannot be negative"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (with_descendants && node == NULL)
    {
      trib_cli_error ("backfill", _("--with-descendants needs --node"));
      return TRIB_CLI_EXIT_USAGE;
    }
  dates = collect_dates (from, to, list, &error);
  if (dates == NULL)
    {
      trib_cli_error ("backfill", "%s", error->message);
      return TRIB_CLI_EXIT_USAGE;
    }

  data.reporter.json = json;
  data.reporter.verbose = verbose;
  data.reporter.tty = !json && isatty (STDOUT_FILENO);
  data.reporter.with_bizdate = TRUE;

  workspace = trib_cli_load_workspace ("backfill", argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;
  workflow = trib_cli_lookup_workflow ("backfill", workspace, argv[2]);
  if (workflow == NULL)
    return TRIB_CLI_EXIT_FAILED;
  history = trib_cli_open_history ("backfill", workspace);
  if (history == NULL)
    return TRIB_CLI_EXIT_FAILED;
  runner = trib_cli_make_runner ("backfill", workspace, history, test_executor);
  if (runner == NULL)
    return TRIB_CLI_EXIT_USAGE;

  backfill = trib_backfill_new (runner, workflow, (const char * const *) dates, &error);
  if (backfill == NULL)
    {
      trib_cli_error ("backfill", "%s", error->message);
      return TRIB_CLI_EXIT_USAGE;
    }
  trib_backfill_set_parallelism (backfill, (guint) parallel);
  trib_backfill_set_descending (backfill, descending);
  options.node = node;
  if (node)
    options.scope = with_descendants ? TRIB_RUN_SCOPE_NODE_AND_DESCENDANTS : TRIB_RUN_SCOPE_NODE;
  options.default_timeout_ms = (guint64) timeout * 1000;
  trib_backfill_set_options (backfill, &options);

  if (preview)
    {
      Preview listing = { json };
      gboolean ok = print_preview (backfill, &listing, &error);

      if (!ok)
        {
          g_clear_object (&listing.first);
          trib_cli_report_error (&data.reporter, error->message);
          return TRIB_CLI_EXIT_FAILED;
        }
      /* The list stands; say now what would stop the real thing. */
      if (listing.first && !trib_runner_check_executors (runner, listing.first, &error))
        trib_cli_error ("backfill", _("warning: %s"), error->message);
      g_clear_object (&listing.first);
      return TRIB_CLI_EXIT_OK;
    }

  if (!json)
    {
      guint n = g_strv_length ((char **) trib_backfill_get_bizdates (backfill));

      printf (g_dngettext (GETTEXT_PACKAGE, "Backfill %s of \"%s\": %u business date, %u at a time\n",
                           "Backfill %s of \"%s\": %u business dates, %u at a time\n", n),
              trib_backfill_get_id (backfill), trib_workflow_get_name (workflow), n, (guint) parallel);
      fflush (stdout);
    }

  g_signal_connect (backfill, "run-created", G_CALLBACK (run_created_cb), &data);
  g_signal_connect (backfill, "date-finished", G_CALLBACK (date_finished_cb), &data);
  loop = g_main_loop_new (NULL, FALSE);
  data.loop = loop;
  trib_cli_catch_interrupts ("backfill", cancel_backfill, backfill);
  trib_backfill_start_async (backfill, NULL, finished_cb, &data);
  g_main_loop_run (loop);

  trib_backfill_start_finish (backfill, data.result, &error);
  g_clear_object (&data.result);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, "backfill");
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, trib_backfill_get_id (backfill));
      json_builder_set_member_name (builder, "succeeded");
      json_builder_add_int_value (builder, trib_backfill_get_n_succeeded (backfill));
      json_builder_set_member_name (builder, "failed");
      json_builder_add_int_value (builder, trib_backfill_get_n_failed (backfill));
      json_builder_set_member_name (builder, "message");
      if (error)
        json_builder_add_string_value (builder, error->message);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      trib_cli_print_json (root);
    }
  else if (error)
    printf (_("Backfill %s: %s\n"), trib_backfill_get_id (backfill), error->message);
  else
    printf (_("Backfill %s: all %u business dates succeeded\n"), trib_backfill_get_id (backfill),
            trib_backfill_get_n_succeeded (backfill));

  return error ? TRIB_CLI_EXIT_FAILED : TRIB_CLI_EXIT_OK;
}
