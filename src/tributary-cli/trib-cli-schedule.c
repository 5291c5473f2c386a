/* trib-cli-schedule.c: tributary-cli schedule install|remove|status WORKSPACE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trib-cli-reporter.h"
#include "trib-clock.h"
#include "trib-scheduler.h"
#include "trib-text.h"
#include "trib-workflow-schedule.h"

/* Test only: the systemctl program to run instead of "systemctl". */
#define TRIB_CLI_SYSTEMCTL_ENV "TRIBUTARY_SYSTEMCTL"

#define SCHEDULE_SUMMARY \
  N_("Run the scheduler of a workspace as a systemd user service.\n" \
     "\n" \
     "install  writes a user unit that runs \"tributary-cli scheduler WORKSPACE\" (restarted\n" \
     "         when it fails, logging to the journal), enables it and starts it.\n" \
     "remove   stops and disables it, and deletes the unit.\n" \
     "status   says whether it is installed and running, and lists the next fire times of\n" \
     "         every workflow; without systemd it lists the fire times only.\n" \
     "\n" \
     "Read its log with: journalctl --user -u UNIT")

/* One unit per workspace folder: a readable part and a hash of the absolute path. */
static char *
unit_name_for (TribWorkspace *workspace,
               const char    *path)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  g_autoptr(GString) name = g_string_new ("tributary-scheduler-");

  for (const char *p = trib_workspace_get_name (workspace); *p && name->len < 60; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '_');
  g_string_append_printf (name, "-%.8s.service", hash);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static char *
unit_path_for (const char *unit)
{
  return g_build_filename (g_get_user_config_dir (), "systemd", "user", unit, NULL);
}

/* One word of ExecStart=: systemd's own quoting, with "%" and "$" doubled so that it
 * neither expands specifiers nor variables. */
static void
append_exec_word (GString    *line,
                  const char *word)
{
  if (line->len > 0)
    g_string_append_c (line, ' ');
  g_string_append_c (line, '"');
  for (const char *p = word; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (line, '\\');
      if (*p == '%' || *p == '$')
        g_string_append_c (line, *p);
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static char *
unit_text (TribWorkspace *workspace,
           const char    *cli,
           const char    *path)
{
  g_autoptr(GString) exec = g_string_new (NULL);
  g_autofree char *description = NULL;

  append_exec_word (exec, cli);
  append_exec_word (exec, "scheduler");
  append_exec_word (exec, path);
  /* Specifiers are expanded in Description= too. */
  description = g_strdup_printf ("Tributary scheduler for workspace %s", trib_workspace_get_name (workspace));
  {
    g_autoptr(GString) escaped = g_string_new (NULL);

    for (const char *p = description; *p; p++)
      {
        if (*p == '%')
          g_string_append_c (escaped, '%');
        if (*p != '\n')
          g_string_append_c (escaped, *p);
      }
    g_free (description);
    description = g_string_free (g_steal_pointer (&escaped), FALSE);
  }

  return g_strdup_printf ("# Written by \"tributary-cli schedule install\"; remove it with\n"
                          "# \"tributary-cli schedule remove\".\n"
                          "[Unit]\n"
                          "Description=%s\n"
                          "\n"
                          "[Service]\n"
                          "Type=exec\n"
                          "ExecStart=%s\n"
                          "Restart=on-failure\n"
                          "RestartSec=30\n"
                          "StandardOutput=journal\n"
                          "StandardError=journal\n"
                          "SyslogIdentifier=tributary-scheduler\n"
                          "KillSignal=SIGTERM\n"
                          "TimeoutStopSec=120\n"
                          "\n"
                          "[Install]\n"
                          "WantedBy=default.target\n",
                          description, exec->str);
}

/* Runs systemctl --user ARGS; FALSE with its message when it cannot or fails. */
static gboolean
systemctl (const char * const *args,
           char              **out,
           GError            **error)
{
  const char *program = g_getenv (TRIB_CLI_SYSTEMCTL_ENV);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) (program && *program ? program : "systemctl"));
  g_ptr_array_add (argv, (gpointer) "--user");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                     &wait_status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (wait_status, NULL))
    {
      g_strstrip (err);
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_FAILED, "systemctl --user %s: %s", args[0],
                   *err ? err : _("failed"));
      return FALSE;
    }
  return TRUE;
}

static char *
own_path (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  return path ? path : g_find_program_in_path ("tributary-cli");
}

static int
install (TribWorkspace *workspace,
         const char    *path,
         const char    *unit)
{
  g_autofree char *unit_path = unit_path_for (unit);
  g_autofree char *unit_dir = g_path_get_dirname (unit_path);
  g_autofree char *cli = own_path ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (cli == NULL)
    {
      trib_cli_error ("schedule", _("cannot tell where tributary-cli is installed"));
      return TRIB_CLI_EXIT_FAILED;
    }
  text = unit_text (workspace, cli, path);
  if (g_mkdir_with_parents (unit_dir, 0755) != 0 ||
      !g_file_set_contents_full (unit_path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      trib_cli_error ("schedule", _("cannot write %s: %s"), unit_path,
                      error ? error->message : g_strerror (errno));
      return TRIB_CLI_EXIT_FAILED;
    }
  printf (_("Wrote %s\n"), unit_path);

  if (!systemctl ((const char *[]) { "daemon-reload", NULL }, NULL, &error) ||
      !systemctl ((const char *[]) { "enable", "--now", unit, NULL }, NULL, &error))
    {
      trib_cli_error ("schedule", _("the unit is written, but could not be started: %s"), error->message);
      trib_cli_error ("schedule", _("without systemd, run \"tributary-cli scheduler %s\" yourself"), path);
      return TRIB_CLI_EXIT_FAILED;
    }
  printf (_("Enabled and started %s; its log: journalctl --user -u %s\n"), unit, unit);
  return TRIB_CLI_EXIT_OK;
}

static int
remove_unit (const char *unit)
{
  g_autofree char *unit_path = unit_path_for (unit);
  g_autoptr(GError) error = NULL;
  gboolean existed = g_file_test (unit_path, G_FILE_TEST_EXISTS);

  /* Stop it even when the file is gone already; a failure here only means it was not
   * running, or there is no systemd. */
  if (!systemctl ((const char *[]) { "disable", "--now", unit, NULL }, NULL, &error))
    g_debug ("%s", error->message);
  g_clear_error (&error);
  if (existed && g_unlink (unit_path) != 0)
    {
      trib_cli_error ("schedule", _("cannot delete %s: %s"), unit_path, g_strerror (errno));
      return TRIB_CLI_EXIT_FAILED;
    }
  systemctl ((const char *[]) { "daemon-reload", NULL }, NULL, NULL);
  if (existed)
    printf (_("Removed %s\n"), unit_path);
  else
    printf (_("%s was not installed\n"), unit);
  return TRIB_CLI_EXIT_OK;
}

static char *
service_state (const char *unit,
               gboolean   *systemd_reachable)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  /* is-active prints the state and fails unless it is "active". */
  systemctl ((const char *[]) { "is-active", unit, NULL }, &out, &error);
  *systemd_reachable = out != NULL && *g_strstrip (out) != '\0' &&
                       !g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT);
  return *systemd_reachable ? g_strdup (out) : NULL;
}

static int
status (TribWorkspace *workspace,
        const char    *path,
        const char    *unit,
        gboolean       json,
        guint          count)
{
  g_autofree char *unit_path = unit_path_for (unit);
  gboolean installed = g_file_test (unit_path, G_FILE_TEST_EXISTS);
  gboolean reachable = FALSE;
  g_autofree char *state = service_state (unit, &reachable);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) schedules = trib_scheduler_list_schedules (workspace, problems);
  g_autoptr(TribClock) clock = trib_clock_new_default ();
  g_autoptr(GDateTime) now = trib_clock_dup_now (clock);
  GListModel *workflows = trib_workspace_get_workflows (workspace);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, unit);
      json_builder_set_member_name (builder, "installed");
      json_builder_add_boolean_value (builder, installed);
      json_builder_set_member_name (builder, "systemd");
      json_builder_add_boolean_value (builder, reachable);
      json_builder_set_member_name (builder, "state");
      if (state)
        json_builder_add_string_value (builder, state);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "timezone");
      json_builder_add_string_value (builder, trib_workspace_get_timezone_name (workspace));
      json_builder_set_member_name (builder, "workflows");
      json_builder_begin_array (builder);
      for (guint i = 0; i < schedules->len; i++)
        {
          TribWorkflowSchedule *schedule = g_ptr_array_index (schedules, i);
          g_autoptr(GPtrArray) times = trib_workflow_schedule_next_n (schedule, now, count);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "workflow");
          json_builder_add_string_value (builder, trib_workflow_schedule_get_workflow (schedule));
          json_builder_set_member_name (builder, "cron");
          json_builder_add_string_value (builder, trib_cron_get_expression (trib_workflow_schedule_get_cron (schedule)));
          json_builder_set_member_name (builder, "paused");
          json_builder_add_boolean_value (builder, trib_workflow_schedule_is_paused (schedule));
          json_builder_set_member_name (builder, "next");
          json_builder_begin_array (builder);
          for (guint j = 0; j < times->len; j++)
            {
              g_autofree char *cyctime = g_date_time_format (g_ptr_array_index (times, j), "%Y%m%d%H%M%S");
              g_autofree char *bizdate = trib_workflow_schedule_dup_bizdate (g_ptr_array_index (times, j));

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "cyctime");
              json_builder_add_string_value (builder, cyctime);
              json_builder_set_member_name (builder, "bizdate");
              json_builder_add_string_value (builder, bizdate);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (problems, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      trib_cli_print_json (node);
      return TRIB_CLI_EXIT_OK;
    }

  if (!reachable)
    printf (_("Service: systemd is not reachable here; run \"tributary-cli scheduler %s\" to fire the schedules\n"),
            path);
  else if (!installed)
    printf (_("Service: not installed (tributary-cli schedule install %s)\n"), path);
  else
    printf (_("Service: %s is %s\n"), unit, state);
  printf (_("Time zone: %s\n"), trib_workspace_get_timezone_name (workspace));

  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
      g_autofree char *stem = trib_workflow_dup_file_stem (workflow);
      TribWorkflowSchedule *schedule = NULL;

      for (guint j = 0; j < schedules->len && schedule == NULL; j++)
        if (g_str_equal (trib_workflow_schedule_get_workflow (g_ptr_array_index (schedules, j)), stem))
          schedule = g_ptr_array_index (schedules, j);

      if (schedule == NULL)
        {
          printf (_("%s: not scheduled\n"), stem);
          continue;
        }
      printf ("%s: %s%s\n", stem, trib_cron_get_expression (trib_workflow_schedule_get_cron (schedule)),
              trib_workflow_schedule_is_paused (schedule) ? _(" (paused: does not fire)") : "");
      {
        g_autoptr(GPtrArray) times = trib_workflow_schedule_next_n (schedule, now, count);

        if (times->len == 0)
          printf (_("  no fire time to come (the effective period is over)\n"));
        for (guint j = 0; j < times->len; j++)
          {
            g_autofree char *when = g_date_time_format (g_ptr_array_index (times, j), "%Y-%m-%d %H:%M:%S");
            g_autofree char *bizdate = trib_workflow_schedule_dup_bizdate (g_ptr_array_index (times, j));

            printf (_("  next %s (business date %s)\n"), when, bizdate);
          }
      }
    }
  for (guint i = 0; i < problems->len; i++)
    trib_cli_error ("schedule", "%s", (const char *) g_ptr_array_index (problems, i));
  return problems->len ? TRIB_CLI_EXIT_FAILED : TRIB_CLI_EXIT_OK;
}

int
trib_cli_cmd_schedule (int    argc,
                       char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unit = NULL;
  gboolean json = FALSE;
  int count = 3;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("status: print one JSON object"), NULL },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("status: how many fire times to list per workflow (default 3)"), N_("N") },
    { NULL }
  };

  if (!trib_cli_parse_options ("schedule", N_("install|remove|status WORKSPACE"), SCHEDULE_SUMMARY, entries,
                               &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (argc != 3 || !(g_str_equal (argv[1], "install") || g_str_equal (argv[1], "remove") ||
                     g_str_equal (argv[1], "status")))
    {
      trib_cli_error ("schedule", _("expected install, remove or status, and a workspace folder"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (count < 1 || count > 1000)
    {
      trib_cli_error ("schedule", _("--count takes 1 to 1000"));
      return TRIB_CLI_EXIT_USAGE;
    }

  workspace = trib_cli_load_workspace ("schedule", argv[2]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;
  directory = g_file_new_for_commandline_arg (argv[2]);
  path = g_file_get_path (directory);
  unit = unit_name_for (workspace, path);

  if (g_str_equal (argv[1], "install"))
    return install (workspace, path, unit);
  if (g_str_equal (argv[1], "remove"))
    return remove_unit (unit);
  return status (workspace, path, unit, json, (guint) count);
}
