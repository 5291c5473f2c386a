/* trib-cli-query.c: query, schemas, tables, columns: Spark SQL through Kyuubi / HiveServer2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-cli.h"
#include "trib-hs2-batch.h"
#include "trib-hs2-client.h"
#include "trib-hs2-config.h"
#include "trib-hs2-operation.h"
#include "trib-hs2-result-set.h"
#include "trib-hs2-splitter.h"
#include "trib-json.h"
#include "trib-query-export.h"
#include "trib-text.h"

typedef enum
{
  FORMAT_TABLE,
  FORMAT_CSV,
  FORMAT_JSON,
} Format;

typedef struct
{
  const char     *command;
  Format          format;
  gboolean        show_log;
  TribHs2Client  *client;
  guint           results;     /* result sets printed so far */
} Output;

static gboolean
parse_format (const char *command,
              const char *name,
              Format     *format)
{
  if (name == NULL || g_str_equal (name, "table"))
    *format = FORMAT_TABLE;
  else if (g_str_equal (name, "csv"))
    *format = FORMAT_CSV;
  else if (g_str_equal (name, "json"))
    *format = FORMAT_JSON;
  else
    {
      trib_cli_error (command, _("unknown format “%s” (table, csv or json)"), name);
      return FALSE;
    }
  return TRUE;
}

/* The workspace's data source, as a client; the password from TRIBUTARY_SECRET_<NAME>. */
static TribHs2Client *
open_data_source (const char *command,
                  const char *workspace_path,
                  const char *name)
{
  g_autoptr(TribWorkspace) workspace = trib_cli_load_workspace (command, workspace_path);
  g_autoptr(TribHs2Config) config = NULL;
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *env_name = NULL;
  TribDataSource *source;

  if (workspace == NULL)
    return NULL;
  source = trib_workspace_lookup_data_source (workspace, name);
  if (source == NULL)
    {
      trib_cli_error (command, _("no data source named “%s” in the workspace"), name);
      return NULL;
    }
  env_name = trib_data_source_dup_secret_env_name (source);
  config = trib_hs2_config_new_from_data_source (source, g_getenv (env_name), &error);
  if (config == NULL)
    {
      trib_cli_error (command, "%s", error->message);
      return NULL;
    }
  client = trib_hs2_client_new (config);
  if (!trib_hs2_client_open_sync (client, NULL, &error))
    {
      trib_cli_error (command, "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&client);
}

static void
print_table (TribHs2ResultSet *rs)
{
  guint n_cols = trib_hs2_result_set_get_n_columns (rs);
  guint n_rows = trib_hs2_result_set_get_n_rows (rs);
  g_autofree glong *widths = g_new0 (glong, MAX (n_cols, 1));
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < n_cols; c++)
    widths[c] = trib_text_get_width (trib_hs2_result_set_get_column_name (rs, c));
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        g_autofree char *text = trib_hs2_result_set_dup_text (rs, r, c);
        widths[c] = MAX (widths[c], text ? (glong) trib_text_get_width (text) : 4);
      }

#define PAD(text) trib_text_append_padded (line, (text), (guint) widths[c])

  for (guint c = 0; c < n_cols; c++)
    {
      g_string_append (line, c ? " | " : "");
      PAD (trib_hs2_result_set_get_column_name (rs, c));
    }
  g_strchomp (line->str);
  g_string_set_size (line, strlen (line->str));
  g_string_append_c (line, '\n');
  for (guint c = 0; c < n_cols; c++)
    {
      g_string_append (line, c ? "-+-" : "");
      for (glong i = 0; i < widths[c]; i++)
        g_string_append_c (line, '-');
    }
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_truncate (line, 0);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *text = trib_hs2_result_set_dup_text (rs, r, c);

          g_string_append (line, c ? " | " : "");
          PAD (text ? text : "NULL");
        }
      g_strchomp (line->str);
      fputs (line->str, stdout);
      fputc ('\n', stdout);
    }
#undef PAD
  printf (ngettext ("(%u row)\n", "(%u rows)\n", n_rows), n_rows);
}

static void
log_cb (TribHs2Operation *op,
        const char       *line,
        gpointer          data)
{
  fprintf (stderr, "%s\n", line);
}

/* Waits for @op and prints its results; FALSE after printing the error. */
static gboolean
print_operation (Output           *o,
                 TribHs2Operation *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(TribHs2ResultSet) rs = NULL;
  GPtrArray *schema;
  gboolean first_row = TRUE;

  if (o->show_log)
    g_signal_connect (op, "log", G_CALLBACK (log_cb), NULL);
  if (!trib_hs2_operation_wait_sync (op, NULL, &error) ||
      !trib_hs2_operation_has_result_set (op))
    goto done;
  schema = trib_hs2_operation_get_schema_sync (op, NULL, &error);
  if (schema == NULL)
    goto done;
  if (o->results++ > 0)
    fputc ('\n', stdout);
  if (o->format == FORMAT_TABLE)
    rs = trib_hs2_result_set_new (schema);
  else if (o->format == FORMAT_CSV)
    trib_hs2_csv_append_header (schema, out);
  else
    g_string_append (out, "[");

  /* CSV and JSON stream batch by batch; the table needs every row for its widths. */
  for (;;)
    {
      g_autoptr(TribHs2Batch) batch = trib_hs2_operation_fetch_sync (op, 0, NULL, &error);

      if (batch == NULL)
        break;
      if (rs != NULL && !trib_hs2_result_set_append_batch (rs, batch, &error))
        break;
      if (o->format == FORMAT_CSV)
        trib_hs2_csv_append_batch (batch, out);
      else if (o->format == FORMAT_JSON)
        for (guint r = 0; r < trib_hs2_batch_get_n_rows (batch); r++)
          {
            /* The same writer as the app's export, so both give the same bytes. */
            trib_query_export_append_json_row (out, schema, batch, r, first_row, scratch);
            first_row = FALSE;
          }
      fwrite (out->str, 1, out->len, stdout);
      g_string_truncate (out, 0);
    }
  if (error == NULL)
    {
      if (o->format == FORMAT_JSON)
        trib_query_export_append_json_end (out, !first_row);
      fwrite (out->str, 1, out->len, stdout);
      if (rs != NULL)
        print_table (rs);
    }

done:
  trib_hs2_operation_close_sync (op, NULL, NULL);
  fflush (stdout);
  if (error != NULL)
    {
      trib_cli_error (o->command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_statement (Output     *o,
               const char *sql,
               guint       line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Operation) op = trib_hs2_client_execute_sync (o->client, sql, NULL, 0, NULL, &error);

  if (op == NULL)
    {
      if (line > 0)
        trib_cli_error (o->command, _("statement at line %u: %s"), line, error->message);
      else
        trib_cli_error (o->command, "%s", error->message);
      return FALSE;
    }
  return print_operation (o, op);
}

int
trib_cli_cmd_query (int    argc,
                    char **argv)
{
  g_auto(GStrv) params = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Client) client = NULL;
  gboolean show_log = FALSE;
  Output o = { "query" };
  const GOptionEntry entries[] = {
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &params, N_("Set ${KEY} to VALUE in the SQL"), N_("KEY=VALUE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: table (default), csv or json"), N_("FORMAT") },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &file, N_("Read the SQL script from FILE"), N_("FILE") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &show_log, N_("Print the server's operation log to standard error"), NULL },
    { NULL }
  };

  if (!trib_cli_parse_options ("query", N_("WORKSPACE DATASOURCE [SQL]"),
                               N_("Run Spark SQL through Kyuubi / HiveServer2 and print the results. "
                                  "A script of several statements runs them in order and stops at the first error."),
                               entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (!parse_format ("query", format_name, &o.format))
    return TRIB_CLI_EXIT_USAGE;
  if (argc != (file ? 3 : 4))
    {
      trib_cli_error ("query", _("expected WORKSPACE DATASOURCE and either SQL or --file FILE"));
      return TRIB_CLI_EXIT_USAGE;
    }
  for (guint i = 0; params && params[i]; i++)
    {
      const char *eq = strchr (params[i], '=');

      if (eq == NULL || eq == params[i])
        {
          trib_cli_error ("query", _("--param expects KEY=VALUE, not “%s”"), params[i]);
          return TRIB_CLI_EXIT_USAGE;
        }
      g_hash_table_replace (values, g_strndup (params[i], (gsize) (eq - params[i])), g_strdup (eq + 1));
    }
  if (file)
    {
      g_autoptr(GFile) sql_file = g_file_new_for_commandline_arg (file);

      if (!trib_file_load_bounded (sql_file, TRIB_JSON_FILE_MAX_SIZE, NULL, &text, NULL, &error))
        {
          trib_cli_error ("query", "%s: %s", file, error->message);
          return TRIB_CLI_EXIT_FAILED;
        }
    }
  else
    text = g_strdup (argv[3]);

  /* Substitute before splitting: a value could hold anything, but so could the SQL. */
  sql = trib_hs2_substitute_params (text, values, &error);
  if (sql == NULL)
    {
      trib_cli_error ("query", "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }
  statements = trib_hs2_split_statements (sql);
  if (statements->len == 0)
    {
      trib_cli_error ("query", _("no SQL statement to run"));
      return TRIB_CLI_EXIT_USAGE;
    }

  client = open_data_source ("query", argv[1], argv[2]);
  if (client == NULL)
    return TRIB_CLI_EXIT_FAILED;
  o.client = client;
  o.show_log = show_log;
  for (guint i = 0; i < statements->len; i++)
    {
      TribHs2Statement *st = g_ptr_array_index (statements, i);

      if (!run_statement (&o, st->text, statements->len > 1 ? st->line : 0))
        {
          trib_hs2_client_close_sync (client, NULL, NULL);
          return TRIB_CLI_EXIT_FAILED;
        }
    }
  trib_hs2_client_close_sync (client, NULL, NULL);
  return TRIB_CLI_EXIT_OK;
}

static int
metadata_command (const char *command,
                  const char *parameters,
                  const char *summary,
                  TribHs2Rpc  rpc,
                  guint       min_args,
                  guint       max_args,
                  int         argc,
                  char      **argv)
{
  g_autofree char *format_name = NULL;
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(TribHs2Operation) op = NULL;
  g_autoptr(GError) error = NULL;
  Output o = { command };
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: table (default), csv or json"), N_("FORMAT") },
    { NULL }
  };
  const char *schema = NULL, *table = NULL;

  if (!trib_cli_parse_options (command, parameters, summary, entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;
  if (!parse_format (command, format_name, &o.format))
    return TRIB_CLI_EXIT_USAGE;
  if (argc < (int) min_args + 1 || argc > (int) max_args + 1)
    {
      trib_cli_error (command, _("expected %s"), _(parameters));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (rpc == TRIB_HS2_RPC_GET_SCHEMAS)
    schema = argc > 3 ? argv[3] : NULL;
  else
    {
      schema = argc > 3 ? argv[3] : NULL;
      table = argc > 4 ? argv[4] : NULL;
    }

  client = open_data_source (command, argv[1], argv[2]);
  if (client == NULL)
    return TRIB_CLI_EXIT_FAILED;
  o.client = client;
  op = trib_hs2_client_get_metadata_sync (client, rpc, NULL, schema, table, NULL, NULL, &error);
  if (op == NULL)
    {
      trib_cli_error (command, "%s", error->message);
      return TRIB_CLI_EXIT_FAILED;
    }
  if (!print_operation (&o, op))
    return TRIB_CLI_EXIT_FAILED;
  trib_hs2_client_close_sync (client, NULL, NULL);
  return TRIB_CLI_EXIT_OK;
}

int
trib_cli_cmd_schemas (int    argc,
                      char **argv)
{
  return metadata_command ("schemas", N_("WORKSPACE DATASOURCE [PATTERN]"),
                           N_("List the schemas (databases) of a Spark SQL data source"),
                           TRIB_HS2_RPC_GET_SCHEMAS, 2, 3, argc, argv);
}

int
trib_cli_cmd_tables (int    argc,
                     char **argv)
{
  return metadata_command ("tables", N_("WORKSPACE DATASOURCE [SCHEMA [TABLE_PATTERN]]"),
                           N_("List the tables of a Spark SQL data source"),
                           TRIB_HS2_RPC_GET_TABLES, 2, 4, argc, argv);
}

int
trib_cli_cmd_columns (int    argc,
                      char **argv)
{
  return metadata_command ("columns", N_("WORKSPACE DATASOURCE SCHEMA TABLE"),
                           N_("List the columns of a table"),
                           TRIB_HS2_RPC_GET_COLUMNS, 4, 4, argc, argv);
}
