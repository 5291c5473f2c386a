/* trib-query-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "trib-query-drafts.h"
#include "trib-saved-query.h"

/* A key made safe as a file name: "/" and control characters become "_". */
static char *
file_name_for_key (const char *key,
                   const char *suffix)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = key; *p; p++)
    g_string_append_c (name, (*p == '/' || *p == '\\' || (guchar) *p < 0x20) ? '_' : *p);
  if (name->str[0] == '.')
    name->str[0] = '_';
  g_string_append (name, suffix);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

GFile *
trib_query_draft_dup_file (GFile      *state_directory,
                           const char *key)
{
  g_autofree char *base = file_name_for_key (key, TRIB_QUERY_SUFFIX);
  g_autoptr(GFile) dir = g_file_get_child (state_directory, TRIB_QUERY_DRAFTS_DIR);

  return g_file_get_child (dir, base);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GStrv
trib_query_drafts_list (GFile        *state_directory,
                        GCancellable *cancellable)
{
  g_autoptr(GFile) dir = g_file_get_child (state_directory, TRIB_QUERY_DRAFTS_DIR);
  g_autoptr(GFileEnumerator) e = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GFileInfo *info;

  e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                 cancellable, NULL);
  while (e && (info = g_file_enumerator_next_file (e, cancellable, NULL)))
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_suffix (name, TRIB_QUERY_SUFFIX))
        g_ptr_array_add (keys, g_strndup (name, strlen (name) - strlen (TRIB_QUERY_SUFFIX)));
      g_object_unref (info);
    }
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

gboolean
trib_query_draft_discard (GFile       *state_directory,
                          const char  *key,
                          GError     **error)
{
  g_autoptr(GFile) file = trib_query_draft_dup_file (state_directory, key);
  g_autoptr(GError) local = NULL;

  if (g_file_delete (file, NULL, &local) || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static GFile *
params_file (GFile      *state_directory,
             const char *key)
{
  g_autofree char *base = file_name_for_key (key, ".json");
  g_autoptr(GFile) dir = g_file_get_child (state_directory, TRIB_QUERY_PARAMS_DIR);

  return g_file_get_child (dir, base);
}

GHashTable *
trib_query_params_load (GFile      *state_directory,
                        const char *key)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GFile) file = params_file (state_directory, key);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  /* A missing or broken file only means nothing is remembered. */
  if (!json_parser_load_from_file (parser, path, NULL))
    return values;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return values;
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &member))
    if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
      g_hash_table_replace (values, g_strdup (name), g_strdup (json_node_get_string (member)));
  return values;
}

gboolean
trib_query_params_save (GFile       *state_directory,
                        const char  *key,
                        GHashTable  *values,
                        GError     **error)
{
  g_autoptr(GFile) file = params_file (state_directory, key);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GList) names = g_hash_table_get_keys (values);

  names = g_list_sort (names, (GCompareFunc) strcmp);
  json_builder_begin_object (builder);
  for (GList *l = names; l; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (values, l->data));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (!g_file_make_directory_with_parents (dir, NULL, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}
