/* trib-cli-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-cli.h"

int
trib_cli_cmd_query (int    argc,
              char **argv)
{
  trib_cli_error ("query", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_schemas (int    argc,
              char **argv)
{
  trib_cli_error ("schemas", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_tables (int    argc,
              char **argv)
{
  trib_cli_error ("tables", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_columns (int    argc,
              char **argv)
{
  trib_cli_error ("columns", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}
