/* trib-cli-runs.c: tributary-cli runs WORKSPACE [WORKFLOW], tributary-cli log WORKSPACE RUN_ID NODE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "trib-cli-reporter.h"
#include "trib-text.h"

static char *
describe_counts (TribRunRecord *record)
{
  static const TribNodeState order[] = {
    TRIB_NODE_STATE_SUCCESS, TRIB_NODE_STATE_SKIPPED, TRIB_NODE_STATE_FAILED, TRIB_NODE_STATE_CANCELLED,
    TRIB_NODE_STATE_RUNNING, TRIB_NODE_STATE_WAITING, TRIB_NODE_STATE_NOT_RUN,
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint n = trib_run_record_get_n_in_state (record, order[i]);

      if (n > 0)
        g_string_append_printf (text, "%s%u %s", text->len ? ", " : "", n, trib_node_state_to_string (order[i]));
    }
  return g_string_free (text, FALSE);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       microseconds)
{
  json_builder_set_member_name (builder, member);
  if (microseconds > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (microseconds / G_USEC_PER_SEC);
      g_autofree char *text = g_date_time_format_iso8601 (time);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_run_json (JsonBuilder   *builder,
              TribRunRecord *record)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, trib_run_record_get_id (record));
  json_builder_set_member_name (builder, "workflow");
  json_builder_add_string_value (builder, trib_run_record_get_workflow (record));
  json_builder_set_member_name (builder, "workflow_name");
  json_builder_add_string_value (builder, trib_run_record_get_workflow_name (record));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, trib_run_record_get_kind (record));
  json_builder_set_member_name (builder, "catch_up");
  json_builder_add_boolean_value (builder, trib_run_record_get_catch_up (record));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, trib_run_record_get_scope (record));
  json_builder_set_member_name (builder, "bizdate");
  json_builder_add_string_value (builder, trib_run_record_get_bizdate (record));
  json_builder_set_member_name (builder, "cyctime");
  json_builder_add_string_value (builder, trib_run_record_get_cyctime (record));
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, trib_run_record_get_timezone (record));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, trib_run_state_to_string (trib_run_record_get_state (record)));
  json_builder_set_member_name (builder, "message");
  if (trib_run_record_get_message (record))
    json_builder_add_string_value (builder, trib_run_record_get_message (record));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "backfill_id");
  if (trib_run_record_get_backfill_id (record))
    json_builder_add_string_value (builder, trib_run_record_get_backfill_id (record));
  else
    json_builder_add_null_value (builder);
  add_time (builder, "started", trib_run_record_get_started (record));
  add_time (builder, "ended", trib_run_record_get_ended (record));
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint i = 0; i <= TRIB_NODE_STATE_LAST; i++)
    {
      json_builder_set_member_name (builder, trib_node_state_to_string (i));
      json_builder_add_int_value (builder, trib_run_record_get_n_in_state (record, i));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

int
trib_cli_cmd_runs (int    argc,
                   char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  const char *workflow_name = NULL;
  g_autofree char *stem = NULL;
  gboolean json = FALSE;
  int limit = 20;
  gint64 before = 0;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N runs (default 20; 0 for all)"), N_("N") },
    { "before", 0, 0, G_OPTION_ARG_INT64, &before, N_("Show the runs older than run RUN_ID (the next page)"), N_("RUN_ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON document"), NULL },
    { NULL }
  };

  if (!trib_cli_parse_options ("runs", N_("WORKSPACE [WORKFLOW]"),
                               N_("List the runs of a workspace, or of one workflow, newest first."),
                               entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (argc != 2 && argc != 3)
    {
      trib_cli_error ("runs", _("expected a workspace folder and maybe a workflow, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }
  if (limit < 0 || before < 0)
    {
      trib_cli_error ("runs", _("--limit and --before cannot be negative"));
      return TRIB_CLI_EXIT_USAGE;
    }

  workspace = trib_cli_load_workspace ("runs", argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;
  if (argc == 3)
    {
      /* A deleted workflow still has its runs: then match the name as given. */
      TribWorkflow *workflow = trib_workspace_lookup_workflow (workspace, argv[2]);

      stem = workflow ? trib_workflow_dup_file_stem (workflow) : g_strdup (argv[2]);
      workflow_name = stem;
    }
  history = trib_cli_open_history ("runs", workspace);
  if (history == NULL)
    return TRIB_CLI_EXIT_FAILED;

  runs = trib_history_list_runs (history, workflow_name, before, (guint) limit, &error);
  if (runs == NULL)
    {
      trib_cli_error ("runs", "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < runs->len; i++)
        add_run_json (builder, g_ptr_array_index (runs, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      trib_cli_print_json (root);
      return TRIB_CLI_EXIT_OK;
    }

  if (runs->len == 0)
    {
      printf ("%s\n", _("No runs yet."));
      return TRIB_CLI_EXIT_OK;
    }

  {
    /* Widths in terminal columns, so translated headers line up too. */
    static const guint widths[] = { 6, 28, 8, 8, 10, 19, 9, 0 };
    const char *headers[] = { _("RUN"), _("WORKFLOW"), _("KIND"), _("BIZDATE"), _("STATE"), _("STARTED"),
                              _("DURATION"), _("NODES") };
    g_autoptr(GString) line = g_string_new (NULL);

    for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
      {
        if (c == 0)
          trib_text_append_right (line, headers[c], widths[c]);
        else
          trib_text_append_padded (line, headers[c], widths[c]);
        if (c + 1 < G_N_ELEMENTS (headers))
          g_string_append (line, "  ");
      }
    printf ("%s\n", line->str);

    for (guint i = 0; i < runs->len; i++)
      {
        TribRunRecord *record = g_ptr_array_index (runs, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, trib_run_record_get_id (record));
        g_autofree char *started = trib_cli_format_time (trib_run_record_get_started (record));
        g_autofree char *counts = describe_counts (record);
        g_autofree char *duration = NULL;
        gint64 end = trib_run_record_get_ended (record);
        const char *cells[8];

        duration = trib_cli_format_duration ((end > 0 ? end : g_get_real_time ()) -
                                            trib_run_record_get_started (record));
        cells[0] = id;
        cells[1] = trib_run_record_get_workflow (record);
        cells[2] = trib_run_record_get_kind (record);
        cells[3] = trib_run_record_get_bizdate (record);
        cells[4] = trib_run_state_to_string (trib_run_record_get_state (record));
        cells[5] = started;
        cells[6] = duration;
        cells[7] = counts;

        g_string_truncate (line, 0);
        for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
          {
            if (c == 0)
              trib_text_append_right (line, cells[c], widths[c]);
            else
              trib_text_append_padded (line, cells[c], widths[c]);
            if (c + 1 < G_N_ELEMENTS (cells))
              g_string_append (line, "  ");
          }
        printf ("%s\n", line->str);
      }
  }
  if (limit > 0 && runs->len == (guint) limit)
    printf (_("Older runs: add --before %" PRId64 "\n"),
            trib_run_record_get_id (g_ptr_array_index (runs, runs->len - 1)));
  return TRIB_CLI_EXIT_OK;
}

int
trib_cli_cmd_log (int    argc,
                  char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(TribHistory) history = NULL;
  gboolean follow = FALSE;
  guint64 offset = 0;
  gint64 run_id;
  char *end = NULL;
  const GOptionEntry entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, N_("Keep printing new lines until the node is done"), NULL },
    { NULL }
  };

  if (!trib_cli_parse_options ("log", N_("WORKSPACE RUN_ID NODE"),
                               N_("Print the log of one node (name or id) of a run."), entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (argc != 4)
    {
      trib_cli_error ("log", _("expected a workspace folder, a run id and a node, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }
  run_id = g_ascii_strtoll (argv[2], &end, 10);
  if (*argv[2] == '\0' || *end != '\0' || run_id <= 0)
    {
      trib_cli_error ("log", _("\"%s\" is not a run id"), argv[2]);
      return TRIB_CLI_EXIT_USAGE;
    }

  workspace = trib_cli_load_workspace ("log", argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;
  history = trib_cli_open_history ("log", workspace);
  if (history == NULL)
    return TRIB_CLI_EXIT_FAILED;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gboolean complete = FALSE;

      bytes = trib_history_read_log (history, run_id, argv[3], offset, 1024 * 1024, &offset, &complete,
                                     &error);
      if (bytes == NULL)
        {
          trib_cli_error ("log", "%s", error->message);
          return TRIB_CLI_EXIT_FAILED;
        }
      fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
      fflush (stdout);
      if (complete || (!follow && g_bytes_get_size (bytes) == 0))
        break;
      if (g_bytes_get_size (bytes) == 0)
        g_usleep (200 * 1000);
    }
  return TRIB_CLI_EXIT_OK;
}
