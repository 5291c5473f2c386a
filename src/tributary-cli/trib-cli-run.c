/* trib-cli-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-cli.h"

int
trib_cli_cmd_run (int    argc,
              char **argv)
{
  trib_cli_error ("run", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_backfill (int    argc,
              char **argv)
{
  trib_cli_error ("backfill", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_runs (int    argc,
              char **argv)
{
  trib_cli_error ("runs", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_log (int    argc,
              char **argv)
{
  trib_cli_error ("log", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_params (int    argc,
              char **argv)
{
  trib_cli_error ("params", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}
