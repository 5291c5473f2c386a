/* trib-cli-init.c: tributary-cli init [--demo] DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "trib-cli.h"
#include "trib-demo.h"

int
trib_cli_cmd_init (int    argc,
                   char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean demo = FALSE;
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Copy the demo workspace of the DataWorks tutorial"), NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The workspace name (default: the folder name)"), N_("NAME") },
    { NULL }
  };

  if (!trib_cli_parse_options ("init", N_("[--demo] DIR"),
                               N_("Create an empty workspace in DIR, which must be empty or absent."),
                               entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      trib_cli_error ("init", _("expected one folder, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }

  directory = g_file_new_for_commandline_arg (argv[1]);

  if (demo)
    workspace = trib_demo_create_workspace (directory, &error);
  else
    {
      g_autofree char *base = g_file_get_basename (directory);
      workspace = trib_workspace_create (directory, name ? name : base, &error);
    }

  if (workspace == NULL)
    {
      trib_cli_error ("init", "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }

  {
    g_autofree char *where = g_file_get_parse_name (directory);
    printf (_("Created workspace \"%s\" in %s\n"), trib_workspace_get_name (workspace), where);
  }
  return TRIB_CLI_EXIT_OK;
}
