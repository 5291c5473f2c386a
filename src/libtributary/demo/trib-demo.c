/* trib-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-demo.h"
#include "trib-error.h"
#include "trib-json.h"

GResource *trib_demo_get_resource (void);

/* The id in the shipped tributary.json, replaced in every copy. */
#define DEMO_WORKSPACE_ID "5f0d4c1e-7a53-4c8e-9b8e-2d6f1f0a7b31"

#define DEMO_PREFIX "/io/github/tributary/Tributary/demo/workspace/"

static const struct {
  const char *resource;
  const char *target;
} demo_files[] = {
  { "tributary.json", "tributary.json" },
  { "gitignore", ".gitignore" },
  { "workflows/user_profile_analysis_spark.json", "workflows/user_profile_analysis_spark.json" },
};

TribWorkspace *
trib_demo_create_workspace (GFile   *directory,
                            GError **error)
{
  g_autoptr(GFile) workflows = NULL;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  enumerator = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (enumerator != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_enumerator_next_file (enumerator, NULL, NULL);

      if (info != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (directory);
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                       _("%s is not empty; a new workspace needs an empty folder"), name);
          return NULL;
        }
    }

  workflows = g_file_get_child (directory, TRIB_WORKSPACE_WORKFLOWS_DIR);
  if (!g_file_make_directory_with_parents (workflows, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *path = g_strconcat (DEMO_PREFIX, demo_files[i].resource, NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (trib_demo_get_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      g_autoptr(GFile) target = NULL;
      gsize size;
      const char *data;

      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &size);
      target = g_file_resolve_relative_path (directory, demo_files[i].target);

      /* Each copy gets its own id, so two demo workspaces never share keyring entries. */
      if (g_str_equal (demo_files[i].target, TRIB_WORKSPACE_FILE_NAME))
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_autoptr(GString) text = g_string_new_len (data, size);

          g_string_replace (text, DEMO_WORKSPACE_ID, uuid, 1);
          if (!trib_file_set_contents_atomic (target, text->str, text->len, error))
            return NULL;
          continue;
        }

      if (!trib_file_set_contents_atomic (target, data, size, error))
        return NULL;
    }

  return trib_workspace_load (directory, NULL, error);
}
