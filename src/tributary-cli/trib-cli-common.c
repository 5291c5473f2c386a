/* trib-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "trib-cli.h"

gboolean
trib_cli_parse_options (const char          *command,
                        const char          *parameters,
                        const char          *summary,
                        const GOptionEntry  *entries,
                        int                 *argc,
                        char              ***argv)
{
  g_autofree char *parameter_string = g_strdup_printf ("%s %s", command, _(parameters));
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _(summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      fprintf (stderr, "tributary-cli %s: %s\n\n%s", command, error->message, help);
      return FALSE;
    }
  return TRUE;
}

void
trib_cli_error (const char *command,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "tributary-cli %s: %s\n", command, message);
}

TribWorkspace *
trib_cli_load_workspace (const char *command,
                         const char *path)
{
  g_autoptr(GFile) directory = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  TribWorkspace *workspace;

  workspace = trib_workspace_load (directory, NULL, &error);
  if (workspace == NULL)
    trib_cli_error (command, "%s", error->message);
  return workspace;
}

gboolean
trib_cli_stdout_is_tty (void)
{
  return isatty (STDOUT_FILENO);
}
