/* trib-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-diagnostic.h"
#include "trib-error.h"
#include "trib-json.h"
#include "trib-civil-time.h"
#include "trib-workspace.h"

struct _TribWorkspace
{
  GObject     parent_instance;
  GFile      *directory;
  /* tributary.json, kept whole so unknown members and broken entries survive a save. */
  JsonNode   *root;
  char       *saved_text;
  GListStore *data_sources;
  GListStore *workflows;
  GListStore *diagnostics;
  /* Problems of tributary.json itself, found while parsing. */
  GPtrArray  *file_diagnostics;
  /* Names of data sources defined with errors: already reported, so the nodes using
   * them are not told again that the workspace "does not define" them. */
  GPtrArray  *broken_data_sources;
};

G_DEFINE_FINAL_TYPE (TribWorkspace, trib_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DIRECTORY,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_workspace_finalize (GObject *object)
{
  TribWorkspace *self = (TribWorkspace *) object;

  g_clear_object (&self->directory);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->saved_text, g_free);
  g_clear_object (&self->data_sources);
  g_clear_object (&self->workflows);
  g_clear_object (&self->diagnostics);
  g_clear_pointer (&self->file_diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->broken_data_sources, g_ptr_array_unref);

  G_OBJECT_CLASS (trib_workspace_parent_class)->finalize (object);
}

static void
trib_workspace_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TribWorkspace *self = TRIB_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, trib_workspace_get_name (self));
      break;
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, trib_workspace_is_valid (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_workspace_class_init (TribWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_workspace_finalize;
  object_class->get_property = trib_workspace_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_workspace_init (TribWorkspace *self)
{
  self->data_sources = g_list_store_new (TRIB_TYPE_DATA_SOURCE);
  self->workflows = g_list_store_new (TRIB_TYPE_WORKFLOW);
  self->diagnostics = g_list_store_new (TRIB_TYPE_DIAGNOSTIC);
  self->file_diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  self->broken_data_sources = g_ptr_array_new_with_free_func (g_free);
}

static JsonObject *
root_object (TribWorkspace *self)
{
  return json_node_get_object (self->root);
}

static void
add_file_error (TribWorkspace *self,
                const char    *path,
                const char    *format,
                ...) G_GNUC_PRINTF (3, 4);

static void
add_file_error (TribWorkspace *self,
                const char    *path,
                const char    *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->file_diagnostics,
                   trib_diagnostic_new (TRIB_SEVERITY_ERROR, TRIB_WORKSPACE_FILE_NAME, path, message));
}

static void
parse_data_sources (TribWorkspace *self)
{
  g_autoptr(GListStore) diagnostics = g_list_store_new (TRIB_TYPE_DIAGNOSTIC);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root = root_object (self);
  JsonArray *array;

  if (!json_object_has_member (root, "datasources"))
    return;

  array = trib_json_object_get_array (root, "datasources");
  if (array == NULL)
    {
      add_file_error (self, "datasources", _("must be an array"));
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("datasources[%u]", i);
      g_autoptr(TribDataSource) ds = NULL;
      gpointer other;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          add_file_error (self, path, _("a data source must be a JSON object"));
          continue;
        }

      ds = trib_data_source_new_from_json (json_node_get_object (element),
                                           TRIB_WORKSPACE_FILE_NAME, path, diagnostics);
      if (ds == NULL)
        {
          const char *name = trib_json_object_get_string (json_node_get_object (element), "name", NULL);

          if (name && *name)
            {
              g_ptr_array_add (self->broken_data_sources, g_strdup (name));
              g_ptr_array_add (self->broken_data_sources, g_strdup (path));
            }
          continue;
        }

      if (g_hash_table_lookup_extended (seen, trib_data_source_get_name (ds), NULL, &other))
        {
          add_file_error (self, path, _("duplicate data source name \"%s\" (also datasources[%u])"),
                          trib_data_source_get_name (ds), GPOINTER_TO_UINT (other));
          continue;
        }
      g_hash_table_insert (seen, (gpointer) trib_data_source_get_name (ds), GUINT_TO_POINTER (i));
      g_list_store_append (self->data_sources, ds);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
    g_ptr_array_add (self->file_diagnostics, g_list_model_get_item (G_LIST_MODEL (diagnostics), i));
}

static void
parse_workspace_file (TribWorkspace *self)
{
  JsonObject *root = root_object (self);
  const char *tz;

  if (trib_json_object_get_string (root, "name", NULL) == NULL)
    add_file_error (self, "name", _("missing; the workspace needs a name"));

  tz = trib_json_object_get_string (root, "timezone", NULL);
  if (json_object_has_member (root, "timezone") && tz == NULL)
    add_file_error (self, "timezone", _("must be a string such as \"Asia/Shanghai\""));
  else if (tz != NULL)
    {
      g_autoptr(GTimeZone) zone = trib_time_zone_new_checked (tz);
      if (zone == NULL)
        add_file_error (self, "timezone", _("unknown time zone \"%s\""), tz);
    }

  parse_data_sources (self);
}

static int
compare_file_names (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
workflow_changed_cb (TribWorkspace *self,
                     TribWorkflow  *workflow)
{
  /* Edits may add or remove outputs that other workflows depend on. */
  trib_workspace_validate (self);
}

static void
adopt_workflow (TribWorkspace *self,
                TribWorkflow  *workflow)
{
  trib_workflow_set_workspace_name (workflow, trib_workspace_get_name (self));
  g_signal_connect_object (workflow, "changed", G_CALLBACK (workflow_changed_cb), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->workflows, workflow);
}

static gboolean
load_workflows (TribWorkspace  *self,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GFile) dir = g_file_get_child (self->directory, TRIB_WORKSPACE_WORKFLOWS_DIR);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (enumerator == NULL)
    {
      /* A workspace without workflows yet is fine. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, &local_error)))
    {
      const char *name = g_file_info_get_name (info);

      /* Every *.json entry is loaded, whatever its type: a folder, FIFO or device named
       * like a workflow is reported as a problem by trib_workflow_load(), not skipped. */
      if (g_str_has_suffix (name, ".json") && name[0] != '.')
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_ptr_array_sort (names, compare_file_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) file = g_file_get_child (dir, name);
      g_autofree char *display = g_strdup_printf (TRIB_WORKSPACE_WORKFLOWS_DIR "/%s", name);
      g_autoptr(TribWorkflow) workflow = trib_workflow_load (file, display, cancellable);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      adopt_workflow (self, workflow);
    }

  return TRUE;
}

TribWorkspace *
trib_workspace_load (GFile         *directory,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(TribWorkspace) self = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir_name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  dir_name = g_file_get_parse_name (directory);
  file = g_file_get_child (directory, TRIB_WORKSPACE_FILE_NAME);
  if (!trib_file_load_bounded (file, TRIB_JSON_FILE_MAX_SIZE, cancellable, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                     _("%s is not a Tributary workspace: it has no %s"),
                     dir_name, TRIB_WORKSPACE_FILE_NAME);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     "%s: %s", TRIB_WORKSPACE_FILE_NAME, local_error->message);
      return NULL;
    }

  self = g_object_new (TRIB_TYPE_WORKSPACE, NULL);
  self->directory = g_object_ref (directory);
  self->root = trib_json_parse (contents, length, TRIB_WORKSPACE_FILE_NAME, error);
  if (self->root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("%s: the workspace file must hold a JSON object"), TRIB_WORKSPACE_FILE_NAME);
      return NULL;
    }
  self->saved_text = g_steal_pointer (&contents);

  parse_workspace_file (self);

  if (!load_workflows (self, cancellable, error))
    return NULL;

  trib_workspace_validate (self);
  return g_steal_pointer (&self);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  TribWorkspace *workspace = trib_workspace_load (task_data, cancellable, &error);

  if (workspace)
    g_task_return_pointer (task, workspace, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
trib_workspace_load_async (GFile               *directory,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (directory));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_workspace_load_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_set_task_data (task, g_object_ref (directory), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

TribWorkspace *
trib_workspace_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
directory_is_empty_or_absent (GFile   *directory,
                              GError **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;

  enumerator = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (enumerator == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  info = g_file_enumerator_next_file (enumerator, NULL, &local_error);
  if (info != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (directory);
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                   _("%s is not empty; a new workspace needs an empty folder"), name);
      return FALSE;
    }
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

TribWorkspace *
trib_workspace_create (GFile       *directory,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(GFile) workflows = NULL;
  g_autoptr(GFile) gitignore = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  static const char gitignore_text[] = "# Run history, logs and caches of this machine.\n" TRIB_WORKSPACE_STATE_DIR "/\n";

  g_return_val_if_fail (G_IS_FILE (directory), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  if (!directory_is_empty_or_absent (directory, error))
    return NULL;

  if (!g_file_make_directory_with_parents (directory, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  workflows = g_file_get_child (directory, TRIB_WORKSPACE_WORKFLOWS_DIR);
  if (!g_file_make_directory (workflows, NULL, error))
    return NULL;

  gitignore = g_file_get_child (directory, ".gitignore");
  if (!trib_file_set_contents_atomic (gitignore, gitignore_text, strlen (gitignore_text), error))
    return NULL;

  json_object_set_string_member (root, "name", name);
  json_object_set_string_member (root, "id", uuid);
  json_object_set_array_member (root, "datasources", json_array_new ());
  json_node_set_object (node, root);

  file = g_file_get_child (directory, TRIB_WORKSPACE_FILE_NAME);
  if (!trib_json_save_file (node, file, NULL, error))
    return NULL;

  return trib_workspace_load (directory, NULL, error);
}

gboolean
trib_workspace_save (TribWorkspace  *self,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autofree char *text = NULL;
  guint n;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), FALSE);

  text = trib_json_to_string (self->root);
  if (g_strcmp0 (text, self->saved_text) != 0)
    {
      g_autoptr(GFile) file = g_file_get_child (self->directory, TRIB_WORKSPACE_FILE_NAME);

      if (!trib_file_set_contents_atomic (file, text, strlen (text), error))
        return FALSE;
      g_free (self->saved_text);
      self->saved_text = g_steal_pointer (&text);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->workflows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (G_LIST_MODEL (self->workflows), i);

      if (!trib_workflow_save (workflow, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

char *
trib_workspace_dup_settings_text_if_changed (TribWorkspace *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);

  text = trib_json_to_string (self->root);
  if (g_strcmp0 (text, self->saved_text) == 0)
    return NULL;
  return g_steal_pointer (&text);
}

void
trib_workspace_settings_written (TribWorkspace *self,
                                 const char    *text)
{
  g_return_if_fail (TRIB_IS_WORKSPACE (self));
  g_free (self->saved_text);
  self->saved_text = g_strdup (text);
}

GFile *
trib_workspace_get_directory (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return self->directory;
}

GFile *
trib_workspace_get_state_directory (TribWorkspace *self)
{
  GFile *state;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);

  state = g_object_get_data (G_OBJECT (self), "state-directory");
  if (state == NULL)
    {
      state = g_file_get_child (self->directory, TRIB_WORKSPACE_STATE_DIR);
      g_file_make_directory_with_parents (state, NULL, NULL);
      g_object_set_data_full (G_OBJECT (self), "state-directory", state, g_object_unref);
    }
  return state;
}

const char *
trib_workspace_get_name (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return trib_json_object_get_string (root_object (self), "name", "");
}

const char *
trib_workspace_get_id (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return trib_json_object_get_string (root_object (self), "id", trib_workspace_get_name (self));
}

const char *
trib_workspace_get_timezone_name (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return trib_json_object_get_string (root_object (self), "timezone", NULL);
}

GTimeZone *
trib_workspace_dup_timezone (TribWorkspace *self)
{
  const char *name;
  GTimeZone *zone = NULL;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);

  name = trib_workspace_get_timezone_name (self);
  if (name)
    zone = trib_time_zone_new_checked (name);
  return zone ? zone : g_time_zone_new_local ();
}

char *
trib_workspace_dup_root_output (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return g_strdup_printf ("%s_root", trib_workspace_get_name (self));
}

GListModel *
trib_workspace_get_data_sources (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return G_LIST_MODEL (self->data_sources);
}

TribDataSource *
trib_workspace_lookup_data_source (TribWorkspace *self,
                                   const char    *name)
{
  guint n;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->data_sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribDataSource) ds = g_list_model_get_item (G_LIST_MODEL (self->data_sources), i);
      if (g_strcmp0 (trib_data_source_get_name (ds), name) == 0)
        return ds;
    }
  return NULL;
}

static JsonArray *
ensure_data_source_array (TribWorkspace *self)
{
  JsonArray *array = trib_json_object_get_array (root_object (self), "datasources");

  if (array == NULL)
    {
      array = json_array_new ();
      json_object_set_array_member (root_object (self), "datasources", array);
    }
  return array;
}

static int
find_data_source_element (TribWorkspace *self,
                          JsonObject    *object)
{
  JsonArray *array = ensure_data_source_array (self);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_OBJECT (element) && json_node_get_object (element) == object)
        return (int) i;
    }
  return -1;
}

void
trib_workspace_put_data_source (TribWorkspace  *self,
                                TribDataSource *data_source)
{
  TribDataSource *existing;
  JsonArray *array;
  g_autoptr(JsonNode) element = NULL;

  g_return_if_fail (TRIB_IS_WORKSPACE (self));
  g_return_if_fail (TRIB_IS_DATA_SOURCE (data_source));

  array = ensure_data_source_array (self);
  element = json_node_init_object (json_node_alloc (), trib_data_source_get_json (data_source));
  existing = trib_workspace_lookup_data_source (self, trib_data_source_get_name (data_source));

  if (existing == data_source)
    return;

  if (existing != NULL)
    {
      guint position = 0;
      int index = find_data_source_element (self, trib_data_source_get_json (existing));

      g_list_store_find (self->data_sources, existing, &position);
      /* Replace in place so the definition keeps its position in the file. */
      if (index >= 0)
        {
          JsonNode *slot = json_array_get_element (array, (guint) index);
          json_node_set_object (slot, trib_data_source_get_json (data_source));
        }
      else
        json_array_add_element (array, g_steal_pointer (&element));
      g_list_store_splice (self->data_sources, position, 1, (gpointer *) &data_source, 1);
    }
  else
    {
      json_array_add_element (array, g_steal_pointer (&element));
      g_list_store_append (self->data_sources, data_source);
    }

  trib_workspace_validate (self);
}

gboolean
trib_workspace_remove_data_source (TribWorkspace *self,
                                   const char    *name)
{
  TribDataSource *existing;
  guint position;
  int index;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), FALSE);

  existing = trib_workspace_lookup_data_source (self, name);
  if (existing == NULL)
    return FALSE;

  index = find_data_source_element (self, trib_data_source_get_json (existing));
  if (index >= 0)
    json_array_remove_element (ensure_data_source_array (self), (guint) index);
  if (g_list_store_find (self->data_sources, existing, &position))
    g_list_store_remove (self->data_sources, position);

  trib_workspace_validate (self);
  return TRUE;
}

GListModel *
trib_workspace_get_workflows (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return G_LIST_MODEL (self->workflows);
}

TribWorkflow *
trib_workspace_lookup_workflow (TribWorkspace *self,
                                const char    *name)
{
  guint n;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->workflows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (G_LIST_MODEL (self->workflows), i);
      g_autofree char *stem = trib_workflow_dup_file_stem (workflow);

      if (g_strcmp0 (trib_workflow_get_name (workflow), name) == 0 || g_strcmp0 (stem, name) == 0)
        return workflow;
    }
  return NULL;
}

void
trib_workspace_add_workflow (TribWorkspace *self,
                             TribWorkflow  *workflow)
{
  g_return_if_fail (TRIB_IS_WORKSPACE (self));
  g_return_if_fail (TRIB_IS_WORKFLOW (workflow));

  adopt_workflow (self, workflow);
  trib_workspace_validate (self);
}

GListModel *
trib_workspace_get_diagnostics (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return G_LIST_MODEL (self->diagnostics);
}

gboolean
trib_workspace_is_valid (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), FALSE);
  return !trib_diagnostics_has_errors (G_LIST_MODEL (self->diagnostics));
}

/* Outputs published by any node of any workflow, plus the workspace root, so that a
 * dependency may cross workflow files as it does in DataWorks. */
static GStrv
collect_outputs (TribWorkspace *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *root = trib_workspace_dup_root_output (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->workflows));

  g_strv_builder_add (builder, root);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (G_LIST_MODEL (self->workflows), i);
      GListModel *nodes = trib_workflow_get_nodes (workflow);

      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(TribNode) node = g_list_model_get_item (nodes, j);
          g_auto(GStrv) outputs = NULL;

          if (trib_node_get_kind (node) == TRIB_NODE_KIND_REFERENCE)
            continue;
          outputs = trib_node_dup_outputs (node);
          g_strv_builder_addv (builder, (const char **) outputs);
        }
    }
  return g_strv_builder_end (builder);
}

static GStrv
collect_data_source_names (TribWorkspace *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->data_sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribDataSource) ds = g_list_model_get_item (G_LIST_MODEL (self->data_sources), i);
      g_strv_builder_add (builder, trib_data_source_get_name (ds));
    }
  for (guint i = 0; i + 1 < self->broken_data_sources->len; i += 2)
    g_strv_builder_add (builder, g_ptr_array_index (self->broken_data_sources, i));
  return g_strv_builder_end (builder);
}

void
trib_workspace_validate (TribWorkspace *self)
{
  g_auto(GStrv) outputs = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean was_valid;
  guint n;

  g_return_if_fail (TRIB_IS_WORKSPACE (self));

  was_valid = trib_workspace_is_valid (self);
  outputs = collect_outputs (self);
  names = collect_data_source_names (self);

  for (guint i = 0; i < self->file_diagnostics->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (self->file_diagnostics, i)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->workflows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (G_LIST_MODEL (self->workflows), i);
      GListModel *diagnostics;

      trib_workflow_validate (workflow, (const char * const *) names, (const char * const *) outputs);
      diagnostics = trib_workflow_get_diagnostics (workflow);
      for (guint j = 0; j < g_list_model_get_n_items (diagnostics); j++)
        g_ptr_array_add (all, g_list_model_get_item (diagnostics, j));
    }

  g_list_store_splice (self->diagnostics, 0, g_list_model_get_n_items (G_LIST_MODEL (self->diagnostics)),
                       all->pdata, all->len);

  if (was_valid != trib_workspace_is_valid (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

char *
trib_workspace_dup_data_source_errors (TribWorkspace *self,
                                       const char    *name)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i + 1 < self->broken_data_sources->len; i += 2)
    {
      const char *path = g_ptr_array_index (self->broken_data_sources, i + 1);
      g_autoptr(GString) text = NULL;

      if (!g_str_equal (g_ptr_array_index (self->broken_data_sources, i), name))
        continue;
      text = g_string_new (NULL);
      for (guint k = 0; k < self->file_diagnostics->len; k++)
        {
          TribDiagnostic *d = g_ptr_array_index (self->file_diagnostics, k);
          const char *dpath = trib_diagnostic_get_path (d);

          /* "datasources[1]" and "datasources[1].options.port", not "datasources[10]". */
          if (dpath && g_str_has_prefix (dpath, path) &&
              (dpath[strlen (path)] == '\0' || dpath[strlen (path)] == '.'))
            {
              g_autofree char *line = trib_diagnostic_to_string (d);

              if (text->len)
                g_string_append (text, "; ");
              g_string_append (text, line);
            }
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return NULL;
}

GPtrArray *
trib_workspace_list_data_source_users (TribWorkspace *self,
                                       const char    *name)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_free);
  guint n_workflows;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), users);
  g_return_val_if_fail (name != NULL, users);

  n_workflows = g_list_model_get_n_items (G_LIST_MODEL (self->workflows));
  for (guint w = 0; w < n_workflows; w++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (G_LIST_MODEL (self->workflows), w);
      GListModel *nodes = trib_workflow_get_nodes (workflow);

      for (guint n = 0; n < g_list_model_get_n_items (nodes); n++)
        {
          g_autoptr(TribNode) node = g_list_model_get_item (nodes, n);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

          trib_workflow_collect_datasource_refs (workflow, node, names, paths);
          for (guint i = 0; i < names->len; i++)
            if (g_str_equal (g_ptr_array_index (names, i), name))
              {
                g_ptr_array_add (users, g_strdup_printf ("%s: %s", trib_workflow_get_display_path (workflow),
                                                         trib_node_get_display_name (node)));
                break;
              }
        }
    }
  return users;
}

GStrv
trib_workspace_dup_invalid_data_source_names (TribWorkspace *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);

  for (guint i = 0; i + 1 < self->broken_data_sources->len; i += 2)
    g_strv_builder_add (builder, g_ptr_array_index (self->broken_data_sources, i));
  return g_strv_builder_end (builder);
}
