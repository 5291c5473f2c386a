/* trib-cli-datasource.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-cli.h"

int
trib_cli_cmd_datasource (int    argc,
              char **argv)
{
  trib_cli_error ("datasource", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_test_connection (int    argc,
              char **argv)
{
  trib_cli_error ("test-connection", _("not available yet in this build"));
  return TRIB_CLI_EXIT_USAGE;
}
