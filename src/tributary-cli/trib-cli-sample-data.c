/* trib-cli-sample-data.c: tributary-cli sample-data --out DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trib-cli.h"
#include "trib-sample-data.h"

typedef gboolean (*WriteFunc) (const TribSampleOptions *options,
                               GOutputStream           *out,
                               GCancellable            *cancellable,
                               GError                 **error);

static gboolean
write_file (GFile                   *dir,
            const char              *name,
            WriteFunc                func,
            const TribSampleOptions *options,
            GError                 **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GFileOutputStream) stream = NULL;

  /* g_file_replace writes beside the target and renames on close: never half a file. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!func (options, G_OUTPUT_STREAM (stream), NULL, error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

int
trib_cli_cmd_sample_data (int    argc,
                          char **argv)
{
  TribSampleOptions options;
  g_autofree char *out = NULL;
  g_autofree char *day = NULL;
  g_autofree char *locale = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seed = -1;
  int users = -1;
  int lines = -1;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Folder to write into (created if needed)"), N_("DIR") },
    { "users", 0, 0, G_OPTION_ARG_INT, &users, N_("Number of users (default 2000)"), N_("N") },
    { "log-lines", 0, 0, G_OPTION_ARG_INT, &lines, N_("Number of web log lines (default 20000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed; the same seed gives the same bytes"), N_("SEED") },
    { "day", 0, 0, G_OPTION_ARG_STRING, &day, N_("Day of the log lines, YYYYMMDD"), N_("DATE") },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, N_("zh (男/女, 巨蟹座) or en (male/female, Cancer)"), N_("LOCALE") },
    { NULL }
  };

  if (!trib_cli_parse_options ("sample-data", N_("--out DIR"),
                               N_("Write ods_user_info_d.sql, ods_user_info_d.tsv and user_log.txt for the demo workspace."),
                               entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (out == NULL || argc != 1)
    {
      trib_cli_error ("sample-data", _("--out DIR is required and takes no other arguments"));
      return TRIB_CLI_EXIT_USAGE;
    }

  trib_sample_options_init (&options);
  if (users >= 0)
    options.n_users = (guint) users;
  if (lines >= 0)
    options.n_log_lines = (guint) lines;
  if (seed >= 0)
    options.seed = (guint64) seed;
  if (day)
    {
      if (strlen (day) != 8)
        {
          trib_cli_error ("sample-data", _("--day: \"%s\" is not a date in the form YYYYMMDD"), day);
          return TRIB_CLI_EXIT_USAGE;
        }
      g_strlcpy (options.day, day, sizeof options.day);
    }
  if (locale)
    {
      if (g_str_equal (locale, "en"))
        options.locale = TRIB_SAMPLE_LOCALE_EN;
      else if (g_str_equal (locale, "zh"))
        options.locale = TRIB_SAMPLE_LOCALE_ZH;
      else
        {
          trib_cli_error ("sample-data", _("--locale: expected zh or en, got \"%s\""), locale);
          return TRIB_CLI_EXIT_USAGE;
        }
    }

  if (g_mkdir_with_parents (out, 0755) != 0)
    {
      trib_cli_error ("sample-data", _("cannot create %s: %s"), out, g_strerror (errno));
      return TRIB_CLI_EXIT_FAILED;
    }
  dir = g_file_new_for_commandline_arg (out);

  if (!write_file (dir, "ods_user_info_d.sql", trib_sample_write_users_sql, &options, &error) ||
      !write_file (dir, "ods_user_info_d.tsv", trib_sample_write_users_tsv, &options, &error) ||
      !write_file (dir, "user_log.txt", trib_sample_write_log, &options, &error))
    {
      trib_cli_error ("sample-data", "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }

  return TRIB_CLI_EXIT_OK;
}
