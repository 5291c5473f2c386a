/* trib-cli-validate.c: tributary-cli validate WORKSPACE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "trib-cli.h"
#include "trib-diagnostic.h"
#include "trib-local-store.h"

/* Warnings, not errors: what a killed run left in local folders (removed by the next
 * write of the same object). */
static void
print_stale_partials (TribWorkspace *workspace)
{
  GListModel *sources = trib_workspace_get_data_sources (workspace);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TribDataSource) source = g_list_model_get_item (sources, i);
      g_autoptr(TribLocalStore) store = NULL;
      g_autoptr(GPtrArray) stale = NULL;

      if (trib_data_source_get_kind (source) != TRIB_DATA_SOURCE_KIND_LOCAL)
        continue;
      store = trib_local_store_new_for_data_source (source, trib_workspace_get_directory (workspace), NULL);
      if (store == NULL)
        continue;
      stale = trib_local_store_find_stale_partials (store, 100);
      for (guint k = 0; k < stale->len; k++)
        fprintf (stderr, _("warning: data source \"%s\": %s is a partial file left by an interrupted run; "
                           "the next write of that object removes it\n"),
                 trib_data_source_get_name (source), (const char *) g_ptr_array_index (stale, k));
    }
}

int
trib_cli_cmd_validate (int    argc,
                       char **argv)
{
  g_autoptr(TribWorkspace) workspace = NULL;
  GListModel *diagnostics;
  GListModel *workflows;
  guint n_errors = 0;
  guint n;

  if (!trib_cli_parse_options ("validate", N_("WORKSPACE"),
                               N_("Check tributary.json and every workflow file. Exits with 1 when a problem is found."),
                               NULL, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      trib_cli_error ("validate", _("expected one workspace folder, got %d arguments"), argc - 1);
      return TRIB_CLI_EXIT_USAGE;
    }

  workspace = trib_cli_load_workspace ("validate", argv[1]);
  if (workspace == NULL)
    return TRIB_CLI_EXIT_FAILED;

  diagnostics = trib_workspace_get_diagnostics (workspace);
  n = g_list_model_get_n_items (diagnostics);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribDiagnostic) d = g_list_model_get_item (diagnostics, i);
      g_autofree char *text = trib_diagnostic_to_string (d);

      if (trib_diagnostic_get_severity (d) == TRIB_SEVERITY_ERROR)
        n_errors++;
      fprintf (stderr, "%s\n", text);
    }

  print_stale_partials (workspace);

  workflows = trib_workspace_get_workflows (workspace);
  if (n_errors > 0)
    {
      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%u error\n", "%u errors\n", n_errors), n_errors);
      return TRIB_CLI_EXIT_FAILED;
    }

  printf (_("%s: valid (%u data sources, %u workflows)\n"),
          trib_workspace_get_name (workspace),
          g_list_model_get_n_items (trib_workspace_get_data_sources (workspace)),
          g_list_model_get_n_items (workflows));
  return TRIB_CLI_EXIT_OK;
}
