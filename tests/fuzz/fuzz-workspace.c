/* fuzz-workspace.c: libFuzzer target for workspace and workflow files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Through the loader and validator the app and `tributary-cli validate` use: the input
 * is written to a workspace folder and loaded with trib_workspace_load(). Byte 0 says
 * which file it is (even: workflows/fuzz.json, odd: tributary.json); the other file is a
 * small valid one. The node checks of trib_init() (cron, sync jobs) take part.
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "trib-diagnostic.h"
#include "trib-init.h"
#include "trib-workspace.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char workspace_file[] =
  "{\"name\": \"fuzz\", \"timezone\": \"Asia/Shanghai\", \"datasources\": ["
  "{\"name\": \"db\", \"type\": \"mysql\", \"options\": {\"host\": \"127.0.0.1\", \"port\": 3306, \"user\": \"u\"}},"
  "{\"name\": \"out\", \"type\": \"local\", \"options\": {\"path\": \"out\"}}]}\n";

static const char workflow_file[] =
  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {\"nodes\": ["
  "{\"id\": \"a\", \"name\": \"a\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}},"
  " \"trigger\": {\"type\": \"Scheduler\", \"cron\": \"00 30 00 * * ?\"}}], \"flow\": []}}\n";

static char *dir;
static char *workspace_path;
static char *workflow_path;

/* The folder is the process's own: gone with it. */
static void
remove_folder (void)
{
  g_autofree char *workflows = g_build_filename (dir, "workflows", NULL);

  g_unlink (workflow_path);
  g_unlink (workspace_path);
  g_rmdir (workflows);
  g_rmdir (dir);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GFile) directory = NULL;
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_workspace;

  if (dir == NULL)
    {
      g_autofree char *workflows = NULL;

      trib_init ();
      dir = g_dir_make_tmp ("trib-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      workflows = g_build_filename (dir, "workflows", NULL);
      g_mkdir (workflows, 0700);
      workspace_path = g_build_filename (dir, "tributary.json", NULL);
      workflow_path = g_build_filename (workflows, "fuzz.json", NULL);
      atexit (remove_folder);
    }
  if (size < 1)
    return 0;

  is_workspace = data[0] & 1;
  g_assert (g_file_set_contents (is_workspace ? workspace_path : workflow_path, (const char *) data + 1,
                                 (gssize) size - 1, NULL));
  g_assert (g_file_set_contents (is_workspace ? workflow_path : workspace_path,
                                 is_workspace ? workflow_file : workspace_file, -1, NULL));

  directory = g_file_new_for_path (dir);
  workspace = trib_workspace_load (directory, NULL, &error);
  g_assert ((workspace == NULL) == (error != NULL));
  if (workspace)
    {
      GListModel *diagnostics = trib_workspace_get_diagnostics (workspace);

      for (guint i = 0; i < g_list_model_get_n_items (diagnostics); i++)
        {
          g_autoptr(TribDiagnostic) d = g_list_model_get_item (diagnostics, i);
          g_autofree char *text = trib_diagnostic_to_string (d);

          g_assert (text != NULL && g_utf8_validate (text, -1, NULL));
        }
    }
  return 0;
}
