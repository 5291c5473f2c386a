/* trib-cli.h: shared by the tributary-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-error.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 the operation failed (a run, a test, a validation),
 * 2 the command line was wrong. */
#define TRIB_CLI_EXIT_OK      0
#define TRIB_CLI_EXIT_FAILED  1
#define TRIB_CLI_EXIT_USAGE   2

typedef int (*TribCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char         *name;
  const char         *parameters;
  const char         *summary;
  TribCliCommandFunc  func;
} TribCliCommand;

/* Parses @argv with @entries; on error prints it with the command's usage and returns FALSE. */
gboolean       trib_cli_parse_options       (const char     *command,
                                             const char     *parameters,
                                             const char     *summary,
                                             const GOptionEntry *entries,
                                             int            *argc,
                                             char         ***argv);
/* Prints "tributary-cli COMMAND: message" to stderr. */
void           trib_cli_error               (const char     *command,
                                             const char     *format,
                                             ...) G_GNUC_PRINTF (2, 3);
/* Loads the workspace at @path, printing the error if it cannot be read. */
TribWorkspace *trib_cli_load_workspace      (const char     *command,
                                             const char     *path);
/* Whether stdout is a terminal (for colour and progress). */
gboolean       trib_cli_stdout_is_tty       (void);

int trib_cli_cmd_init             (int argc, char **argv);
int trib_cli_cmd_validate         (int argc, char **argv);
int trib_cli_cmd_sample_data      (int argc, char **argv);
int trib_cli_cmd_run              (int argc, char **argv);
int trib_cli_cmd_backfill         (int argc, char **argv);
int trib_cli_cmd_runs             (int argc, char **argv);
int trib_cli_cmd_log              (int argc, char **argv);
int trib_cli_cmd_params           (int argc, char **argv);
int trib_cli_cmd_datasource       (int argc, char **argv);
int trib_cli_cmd_test_connection  (int argc, char **argv);
int trib_cli_cmd_query            (int argc, char **argv);
int trib_cli_cmd_schemas          (int argc, char **argv);
int trib_cli_cmd_tables           (int argc, char **argv);
int trib_cli_cmd_columns          (int argc, char **argv);
int trib_cli_cmd_scheduler        (int argc, char **argv);
int trib_cli_cmd_schedule         (int argc, char **argv);

G_END_DECLS
