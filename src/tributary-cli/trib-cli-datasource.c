/* trib-cli-datasource.c: tributary-cli datasource list|set|remove, test-connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "trib-cli.h"
#include "trib-connectivity-result.h"
#include "trib-connectivity.h"
#include "trib-connector-settings.h"
#include "trib-secrets.h"
#include "trib-text.h"

#define SECRET_HELP \
  N_("Secrets: the password (for s3: the secret access key) is kept in the keyring, never in\n" \
     "tributary.json nor on the command line. Give it on standard input with --secret-stdin.\n" \
     "Headless runs can set TRIBUTARY_SECRET_<NAME> instead, where NAME is the data source\n" \
     "name upper-cased with every character other than A-Z and 0-9 replaced by \"_\"; the\n" \
     "variable takes precedence over the keyring.")

/* Like trib_cli_parse_options(), with a description under the options. */
static gboolean
parse_options (const char          *command,
               const char          *parameters,
               const char          *summary,
               const char          *description,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autofree char *parameter_string = g_strdup_printf ("%s %s", command, parameters);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
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

/* {{{ datasource list */

static char *
secret_status (TribWorkspace  *workspace,
               TribDataSource *source)
{
  g_autofree char *env = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSecret) secret = NULL;

  if (!trib_data_source_needs_secret (source))
    return g_strdup (_("not needed"));
  env = trib_data_source_dup_secret_env_name (source);
  if (g_getenv (env) != NULL)
    return g_strdup_printf (_("from %s"), env);
  secret = trib_secrets_lookup_sync (trib_workspace_get_id (workspace), trib_data_source_get_name (source),
                                     NULL, &error);
  if (error != NULL)
    return g_strdup (_("unknown (keyring unavailable)"));
  return g_strdup (secret ? _("keyring") : _("missing"));
}

static int
datasource_list (int    argc,
                 char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *headers[] = { N_("NAME"), N_("TYPE"), N_("ENDPOINT"), N_("SECRET") };
  guint widths[4];
  GListModel *sources;

  if (!parse_options ("datasource list", _("WORKSPACE"), _("List the data sources of a workspace."),
                      _(SECRET_HELP), NULL, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      trib_cli_error ("datasource list", _("expected one workspace folder, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }

  workspace = trib_cli_load_workspace ("datasource list", argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;

  for (guint c = 0; c < 4; c++)
    widths[c] = trib_text_get_width (_(headers[c]));

  sources = trib_workspace_get_data_sources (workspace);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TribDataSource) source = g_list_model_get_item (sources, i);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup (trib_data_source_get_name (source));
      row[1] = g_strdup (trib_data_source_get_kind_name (source));
      row[2] = trib_connector_describe_endpoint (source);
      row[3] = secret_status (workspace, source);
      for (guint c = 0; c < 4; c++)
        widths[c] = MAX (widths[c], trib_text_get_width (row[c]));
      g_ptr_array_add (rows, row);
    }

  {
    g_autoptr(GString) line = g_string_new (NULL);

    for (guint c = 0; c < 4; c++)
      trib_text_append_padded (line, _(headers[c]), c < 3 ? widths[c] + 2 : 0);
    printf ("%s\n", line->str);
    for (guint i = 0; i < rows->len; i++)
      {
        char **row = g_ptr_array_index (rows, i);

        g_string_truncate (line, 0);
        for (guint c = 0; c < 4; c++)
          trib_text_append_padded (line, row[c], c < 3 ? widths[c] + 2 : 0);
        printf ("%s\n", line->str);
      }
  }

  /* Not silently missing from the list: say which are left out, and why. */
  {
    g_auto(GStrv) invalid = trib_workspace_dup_invalid_data_source_names (workspace);

    for (guint i = 0; invalid[i]; i++)
      {
        g_autofree char *problems = trib_workspace_dup_data_source_errors (workspace, invalid[i]);

        trib_cli_error ("datasource list", _("warning: data source \"%s\" is not listed, its definition is "
                                             "invalid: %s"), invalid[i], problems ? problems : "");
      }
  }
  return TRIB_CLI_EXIT_OK;
}

/* }}} */
/* {{{ datasource set */

static char *
set_description (void)
{
  GString *out = g_string_new (_("Option keys (--option KEY=VALUE):"));
  TribDataSourceKind kinds[] = {
    TRIB_DATA_SOURCE_KIND_MYSQL, TRIB_DATA_SOURCE_KIND_HTTPFILE, TRIB_DATA_SOURCE_KIND_S3,
    TRIB_DATA_SOURCE_KIND_LOCAL, TRIB_DATA_SOURCE_KIND_KYUUBI,
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const char * const *keys = trib_data_source_kind_get_option_keys (kinds[k]);

      g_string_append_printf (out, "\n  %s (%s)\n", trib_data_source_kind_to_string (kinds[k]),
                              trib_data_source_kind_get_label (kinds[k]));
      for (guint i = 0; keys[i]; i++)
        {
          const char *def = trib_connector_option_get_default (kinds[k], keys[i]);
          g_autofree char *extra = NULL;

          if (trib_connector_option_is_required (kinds[k], keys[i]))
            extra = g_strdup (_(" (required)"));
          else if (def)
            extra = g_strdup_printf (_(" (default %s)"), def);
          g_string_append_printf (out, "    %-16s %s%s\n", keys[i],
                                  trib_connector_option_get_description (kinds[k], keys[i]), extra ? extra : "");
        }
    }
  g_string_append_printf (out, "\n%s\n", _(SECRET_HELP));
  return g_string_free (out, FALSE);
}

/* Reads the secret from standard input, without echo on a terminal. */
static char *
read_secret (GError **error)
{
  GString *secret = g_string_new (NULL);
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  int c;

  if (tty && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
      fprintf (stderr, "%s", _("Secret: "));
    }
  else
    tty = FALSE;

  while ((c = getchar ()) != EOF && !(tty && c == '\n') && secret->len < 64 * 1024)
    g_string_append_c (secret, (char) c);

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fprintf (stderr, "\n");
    }

  /* One final line break is the end of the line, not part of the secret. */
  if (g_str_has_suffix (secret->str, "\n"))
    g_string_truncate (secret, secret->len - 1);
  if (g_str_has_suffix (secret->str, "\r"))
    g_string_truncate (secret, secret->len - 1);

  if (secret->len == 0)
    {
      g_string_free (secret, TRUE);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("no secret on standard input"));
      return NULL;
    }
  return g_string_free (secret, FALSE);
}

static gboolean
valid_name (const char *name)
{
  if (name == NULL || *name == '\0' || g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]) ||
      !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == '/')
      return FALSE;
  return TRUE;
}

static int
datasource_set (int    argc,
                char **argv)
{
  static const char *command = "datasource set";
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(TribDataSource) source = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSecret) secret = NULL;
  g_autofree char *type = NULL;
  g_autofree char *description = NULL;
  g_autofree char *help_text = set_description ();
  g_autofree char *env = NULL;
  g_auto(GStrv) options = NULL;
  gboolean secret_stdin = FALSE;
  gboolean bad = FALSE;
  TribDataSourceKind kind;
  const char *name;
  JsonObject *json;
  const GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type, N_("mysql, httpfile, s3, local or kyuubi"), N_("TYPE") },
    { "option", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &options, N_("An option of the type (repeat it)"), N_("KEY=VALUE") },
    { "description", 'd', 0, G_OPTION_ARG_STRING, &description, N_("A description shown in lists"), N_("TEXT") },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin, N_("Read the password or secret key from standard input and store it in the keyring"), NULL },
    { NULL }
  };

  if (!parse_options (command, _("WORKSPACE NAME --type TYPE [--option KEY=VALUE...]"),
                      _("Create or replace the definition of a data source, and save the workspace."),
                      help_text, entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (argc != 3)
    {
      trib_cli_error (command, _("expected a workspace folder and a data source name, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }
  name = argv[2];
  if (!valid_name (name))
    {
      trib_cli_error (command, _("\"%s\" is not a usable data source name"), name);
      return TRIB_CLI_EXIT_USAGE;
    }
  kind = trib_data_source_kind_from_string (type);
  if (kind == TRIB_DATA_SOURCE_KIND_UNKNOWN)
    {
      trib_cli_error (command, type ? _("--type: unknown type \"%s\" (expected mysql, httpfile, s3, local or kyuubi)")
                                    : _("--type is required (mysql, httpfile, s3, local or kyuubi)"),
                      type);
      return TRIB_CLI_EXIT_USAGE;
    }

  source = trib_data_source_new (name, kind);
  for (guint i = 0; options && options[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (options[i], "=", 2);
      g_autofree char *problem = NULL;

      if (kv[0] == NULL || kv[1] == NULL || *kv[0] == '\0')
        {
          trib_cli_error (command, _("--option \"%s\": expected KEY=VALUE"), options[i]);
          bad = TRUE;
          continue;
        }
      if (g_str_equal (kv[0], "password") || g_str_equal (kv[0], "secret") ||
          g_str_equal (kv[0], "secret_access_key"))
        {
          /* Do not echo the value: it is a secret typed where it should not be. */
          trib_cli_error (command, _("option \"%s\": secrets never go on the command line (they would stay in the shell history and the process list); use --secret-stdin"),
                          kv[0]);
          bad = TRUE;
          continue;
        }
      problem = trib_connector_check_option (kind, kv[0], kv[1]);
      if (problem == NULL && !trib_data_source_set_option (source, kv[0], kv[1], &error))
        problem = g_strdup (error->message);
      g_clear_error (&error);
      if (problem)
        {
          trib_cli_error (command, _("option %s"), problem);
          bad = TRUE;
        }
    }
  if (bad)
    return TRIB_CLI_EXIT_USAGE;

  problems = trib_connector_check_data_source (source);
  for (guint i = 0; i < problems->len; i++)
    trib_cli_error (command, _("option %s"), ((TribFieldProblem *) g_ptr_array_index (problems, i))->message);
  if (problems->len > 0)
    return TRIB_CLI_EXIT_USAGE;

  trib_data_source_set_description (source, description);
  json = trib_data_source_get_json (source);
  if (trib_data_source_needs_secret (source))
    json_object_set_string_member (json, "secret", "keyring");
  else if (json_object_has_member (json, "secret"))
    json_object_remove_member (json, "secret");

  if (secret_stdin && !trib_data_source_needs_secret (source))
    {
      trib_cli_error (command, kind == TRIB_DATA_SOURCE_KIND_HTTPFILE
                                 ? _("--secret-stdin: an httpfile source has a password only with the \"user\" option")
                                 : _("--secret-stdin: a %s data source has no secret"),
                      trib_data_source_kind_to_string (kind));
      return TRIB_CLI_EXIT_USAGE;
    }

  workspace = trib_cli_load_workspace (command, argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;

  if (secret_stdin)
    {
      secret = read_secret (&error);
      if (secret == NULL)
        {
          trib_cli_error (command, "%s", error->message);
          return TRIB_CLI_EXIT_FAILED;
        }
      if (!trib_secrets_store_sync (trib_workspace_get_id (workspace), name, secret, NULL, &error))
        {
          /* libsecret's messages never contain the secret itself. */
          trib_cli_error (command, _("cannot store the secret in the keyring: %s"), error->message);
          return TRIB_CLI_EXIT_FAILED;
        }
    }

  trib_workspace_put_data_source (workspace, source);
  if (!trib_workspace_save (workspace, NULL, &error))
    {
      trib_cli_error (command, "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }

  env = trib_data_source_dup_secret_env_name (source);
  if (secret_stdin)
    printf (_("Saved data source \"%s\" (%s); its secret is in the keyring.\n"), name,
            trib_data_source_kind_to_string (kind));
  else if (trib_data_source_needs_secret (source))
    printf (_("Saved data source \"%s\" (%s). Store its secret with --secret-stdin, or set %s.\n"), name,
            trib_data_source_kind_to_string (kind), env);
  else
    printf (_("Saved data source \"%s\" (%s).\n"), name, trib_data_source_kind_to_string (kind));
  return TRIB_CLI_EXIT_OK;
}

/* }}} */
/* {{{ datasource remove */

static int
datasource_remove (int    argc,
                   char **argv)
{
  static const char *command = "datasource remove";
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  gboolean keep_secret = FALSE;
  const char *name;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Remove it even if nodes use it"), NULL },
    { "keep-secret", 0, 0, G_OPTION_ARG_NONE, &keep_secret, N_("Leave its secret in the keyring"), NULL },
    { NULL }
  };

  if (!parse_options (command, _("WORKSPACE NAME"),
                      _("Remove a data source and its secret. Refuses while workflow nodes use it, unless --force."),
                      _(SECRET_HELP), entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (argc != 3)
    {
      trib_cli_error (command, _("expected a workspace folder and a data source name, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }
  name = argv[2];

  workspace = trib_cli_load_workspace (command, argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;
  if (trib_workspace_lookup_data_source (workspace, name) == NULL)
    {
      trib_cli_error (command, _("the workspace has no data source \"%s\""), name);
      return TRIB_CLI_EXIT_FAILED;
    }

  users = trib_workspace_list_data_source_users (workspace, name);

  if (users->len > 0)
    {
      fprintf (stderr, force ? _("tributary-cli %s: warning: data source \"%s\" is used by:\n")
                             : _("tributary-cli %s: data source \"%s\" is used by:\n"), command, name);
      for (guint i = 0; i < users->len; i++)
        fprintf (stderr, "  %s\n", (const char *) g_ptr_array_index (users, i));
      if (!force)
        {
          fprintf (stderr, "%s\n", _("Change those nodes first, or use --force to remove it anyway."));
          return TRIB_CLI_EXIT_FAILED;
        }
    }

  trib_workspace_remove_data_source (workspace, name);
  if (!trib_workspace_save (workspace, NULL, &error))
    {
      trib_cli_error (command, "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }
  if (!keep_secret && !trib_secrets_clear_sync (trib_workspace_get_id (workspace), name, NULL, &error) && error)
    fprintf (stderr, _("tributary-cli %s: warning: the keyring could not be cleared: %s\n"), command, error->message);

  printf (_("Removed data source \"%s\".\n"), name);
  return TRIB_CLI_EXIT_OK;
}

/* }}} */

int
trib_cli_cmd_datasource (int    argc,
                         char **argv)
{
  const char *sub = argc >= 2 ? argv[1] : NULL;

  if (sub == NULL || g_str_equal (sub, "--help") || g_str_equal (sub, "-h"))
    {
      FILE *out = sub ? stdout : stderr;

      fprintf (out, "%s\n\n", _("Usage: tributary-cli datasource list|set|remove WORKSPACE ..."));
      fprintf (out, "  %-8s %s\n", "list", _("List the data sources, their endpoint and whether their secret is stored"));
      fprintf (out, "  %-8s %s\n", "set", _("Create or replace a data source (see \"datasource set --help\")"));
      fprintf (out, "  %-8s %s\n", "remove", _("Remove a data source and its secret"));
      fprintf (out, "\n%s\n", _(SECRET_HELP));
      return sub ? TRIB_CLI_EXIT_OK : TRIB_CLI_EXIT_USAGE;
    }

  /* "datasource set ..." parses as a command named "datasource set". */
  if (g_str_equal (sub, "list"))
    return datasource_list (argc - 1, argv + 1);
  if (g_str_equal (sub, "set"))
    return datasource_set (argc - 1, argv + 1);
  if (g_str_equal (sub, "remove"))
    return datasource_remove (argc - 1, argv + 1);

  trib_cli_error ("datasource", _("unknown subcommand \"%s\" (expected list, set or remove)"), sub);
  return TRIB_CLI_EXIT_USAGE;
}

int
trib_cli_cmd_test_connection (int    argc,
                              char **argv)
{
  static const char *command = "test-connection";
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!parse_options (command, _("WORKSPACE NAME"),
                      _("Test that a data source can be reached with its stored settings and secret.\n"
                        "Prints the status, what was reached, the endpoint and the time; for a failure,\n"
                        "the problem and a hint. Exits with 0 when the test succeeds, 1 when it fails."),
                      _(SECRET_HELP), NULL, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (argc != 3)
    {
      trib_cli_error (command, _("expected a workspace folder and a data source name, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }

  workspace = trib_cli_load_workspace (command, argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;

  result = trib_connectivity_test_in_workspace_sync (workspace, argv[2], NULL, &error);
  if (result == NULL)
    {
      trib_cli_error (command, "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }

  text = trib_connectivity_result_format (result);
  printf ("%s: %s\n%s", argv[2], trib_data_source_kind_get_label (trib_connectivity_result_get_kind (result)), text);
  return trib_connectivity_result_get_success (result) ? TRIB_CLI_EXIT_OK : TRIB_CLI_EXIT_FAILED;
}
