/* main.c: tributary-cli, the headless face of Tributary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-cli.h"
#include "trib-init.h"

static const TribCliCommand commands[] = {
  { "init", N_("[--demo] DIR"), N_("Create an empty workspace, or a copy of the tutorial's demo workspace"), trib_cli_cmd_init },
  { "validate", N_("WORKSPACE"), N_("Check every file of a workspace and list the problems"), trib_cli_cmd_validate },
  { "run", N_("WORKSPACE WORKFLOW"), N_("Run a workflow for one business date"), trib_cli_cmd_run },
  { "backfill", N_("WORKSPACE WORKFLOW --from DATE --to DATE"), N_("Run a workflow for a range of business dates"), trib_cli_cmd_backfill },
  { "runs", N_("WORKSPACE [WORKFLOW]"), N_("List past runs, newest first"), trib_cli_cmd_runs },
  { "log", N_("WORKSPACE RUN_ID NODE"), N_("Print the log of one node of a run"), trib_cli_cmd_log },
  { "params", N_("EXPRESSION --cyctime TIME"), N_("Resolve a scheduling parameter expression"), trib_cli_cmd_params },
  { "datasource", N_("list|set|remove WORKSPACE ..."), N_("List, define or remove data sources"), trib_cli_cmd_datasource },
  { "test-connection", N_("WORKSPACE NAME"), N_("Test that a data source can be reached"), trib_cli_cmd_test_connection },
  { "query", N_("WORKSPACE DATASOURCE SQL"), N_("Run Spark SQL through Kyuubi / HiveServer2"), trib_cli_cmd_query },
  { "schemas", N_("WORKSPACE DATASOURCE"), N_("List the schemas of a Spark SQL data source"), trib_cli_cmd_schemas },
  { "tables", N_("WORKSPACE DATASOURCE [SCHEMA]"), N_("List tables"), trib_cli_cmd_tables },
  { "columns", N_("WORKSPACE DATASOURCE SCHEMA TABLE"), N_("List the columns of a table"), trib_cli_cmd_columns },
  { "scheduler", N_("WORKSPACE..."), N_("Fire the workspaces' workflows at their scheduled times (a service)"), trib_cli_cmd_scheduler },
  { "schedule", N_("install|remove|status WORKSPACE"), N_("Install the scheduler as a systemd user service, or show its state"), trib_cli_cmd_schedule },
  { "sample-data", N_("--out DIR"), N_("Write the demo's sample users and web log"), trib_cli_cmd_sample_data },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: tributary-cli COMMAND [OPTIONS...]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run \"tributary-cli COMMAND --help\" for the options of a command."));
  fprintf (out, "\n%s\n",
           _("Secrets: a data source's password or secret key is read from the keyring, or from\n"
             "the environment variable TRIBUTARY_SECRET_<NAME>, where NAME is the data source\n"
             "name upper-cased with every character other than A-Z and 0-9 replaced by \"_\"\n"
             "(for example TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL). The variable takes\n"
             "precedence over the keyring."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("tributary-cli");
  trib_init ();

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? TRIB_CLI_EXIT_USAGE : TRIB_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("tributary-cli %s\n", PACKAGE_VERSION);
      return TRIB_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  fprintf (stderr, _("tributary-cli: unknown command \"%s\"\n\n"), argv[1]);
  print_usage (stderr);
  return TRIB_CLI_EXIT_USAGE;
}
