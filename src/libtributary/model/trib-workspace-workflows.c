/* trib-workspace-workflows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-json.h"
#include "trib-workflow-edit.h"
#include "trib-workflow-private.h"
#include "trib-workspace-workflows.h"

#define WORKFLOW_NAME_MAX_CHARS 128

static GListStore *
workflows_of (TribWorkspace *self)
{
  return G_LIST_STORE (trib_workspace_get_workflows (self));
}

static GFile *
file_for_stem (TribWorkspace *self,
               const char    *stem)
{
  g_autofree char *relative = g_strconcat (TRIB_WORKSPACE_WORKFLOWS_DIR "/", stem, ".json", NULL);

  return g_file_resolve_relative_path (trib_workspace_get_directory (self), relative);
}

static char *
display_path_for_stem (const char *stem)
{
  return g_strconcat (TRIB_WORKSPACE_WORKFLOWS_DIR "/", stem, ".json", NULL);
}

gboolean
trib_workspace_check_workflow_name (TribWorkspace  *self,
                                    const char     *name,
                                    TribWorkflow   *except,
                                    GError        **error)
{
  GListModel *workflows;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), FALSE);

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Enter a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > WORKFLOW_NAME_MAX_CHARS)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("The name is longer than %d characters"), WORKFLOW_NAME_MAX_CHARS);
      return FALSE;
    }
  if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                           _("The name cannot start or end with a space"));
      return FALSE;
    }
  stem = trib_workflow_file_stem_for_name (name);
  if (stem == NULL)
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                           _("The name needs at least one letter or digit"));
      return FALSE;
    }

  workflows = trib_workspace_get_workflows (self);
  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
      g_autofree char *other_stem = NULL;

      if (workflow == except)
        continue;
      if (g_utf8_collate (trib_workflow_get_name (workflow), name) == 0)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                       _("The workspace already has a workflow named “%s”"), name);
          return FALSE;
        }
      other_stem = trib_workflow_dup_file_stem (workflow);
      if (g_strcmp0 (other_stem, stem) == 0)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                       _("The file %s/%s.json is already used by the workflow “%s”"),
                       TRIB_WORKSPACE_WORKFLOWS_DIR, stem, trib_workflow_get_name (workflow));
          return FALSE;
        }
    }
  return TRUE;
}

TribWorkflow *
trib_workspace_new_workflow (TribWorkspace  *self,
                             const char     *name,
                             const char     *description,
                             GError        **error)
{
  g_autoptr(TribWorkflow) workflow = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);

  if (!trib_workspace_check_workflow_name (self, name, NULL, error))
    return NULL;

  stem = trib_workflow_file_stem_for_name (name);
  file = file_for_stem (self, stem);
  display = display_path_for_stem (stem);
  workflow = trib_workflow_new (name, file, display);
  if (description && *description)
    trib_json_object_put_string (trib_json_object_ensure_object (_trib_workflow_root_object (workflow), "metadata"),
                                 "description", description);
  _trib_workflow_update_modified (workflow);
  trib_workspace_add_workflow (self, workflow);
  return g_steal_pointer (&workflow);
}

TribWorkflow *
trib_workspace_duplicate_workflow (TribWorkspace  *self,
                                   TribWorkflow   *workflow,
                                   const char     *name,
                                   GError        **error)
{
  g_autoptr(TribWorkflow) copy = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GFile) file = NULL;
  GListModel *nodes;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  if (trib_workflow_get_json (workflow) == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("%s cannot be copied until its problems are fixed in the file"),
                   trib_workflow_get_display_path (workflow));
      return NULL;
    }
  if (!trib_workspace_check_workflow_name (self, name, NULL, error))
    return NULL;

  stem = trib_workflow_file_stem_for_name (name);
  file = file_for_stem (self, stem);
  display = display_path_for_stem (stem);
  text = trib_workflow_to_string (workflow);
  copy = trib_workflow_new_from_text (text, file, display);
  trib_workflow_set_workspace_name (copy, trib_workspace_get_name (self));
  g_clear_pointer (&copy->saved_text, g_free);

  /* Outputs are "<workspace>.<node>" and must stay unique across the workspace. */
  nodes = trib_workflow_get_nodes (copy);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_ptr_array_add (ids, g_strdup (trib_node_get_id (node)));
    }
  for (guint i = 0; i < ids->len; i++)
    {
      TribNode *node = trib_workflow_lookup_node (copy, ids->pdata[i]);
      g_autofree char *new_name = g_strconcat (trib_node_get_display_name (node), "_copy", NULL);

      if (!trib_workflow_rename_node (copy, ids->pdata[i], new_name, error))
        return NULL;
    }
  if (!trib_workflow_set_name_and_description (copy, name, trib_workflow_get_description (workflow), error))
    return NULL;

  trib_workspace_add_workflow (self, copy);
  return g_steal_pointer (&copy);
}

gboolean
trib_workspace_rename_workflow (TribWorkspace  *self,
                                TribWorkflow   *workflow,
                                const char     *name,
                                const char     *description,
                                GFile         **old_file,
                                GError        **error)
{
  g_autofree char *old_stem = NULL;
  g_autofree char *derived_old = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  if (old_file)
    *old_file = NULL;
  if (!trib_workspace_check_workflow_name (self, name, workflow, error))
    return FALSE;

  old_stem = trib_workflow_dup_file_stem (workflow);
  derived_old = trib_workflow_file_stem_for_name (trib_workflow_get_name (workflow));
  stem = trib_workflow_file_stem_for_name (name);

  if (!trib_workflow_set_name_and_description (workflow, name, description, error))
    return FALSE;

  /* The file follows the name when it was derived from it; a name chosen by hand
   * (or by another tool) is kept. */
  if (g_strcmp0 (old_stem, derived_old) == 0 && g_strcmp0 (old_stem, stem) != 0)
    {
      g_autoptr(GFile) file = file_for_stem (self, stem);
      g_autofree char *display = display_path_for_stem (stem);

      if (old_file)
        *old_file = g_object_ref (workflow->file);
      g_set_object (&workflow->file, file);
      g_free (workflow->display_path);
      workflow->display_path = g_steal_pointer (&display);
      /* Nothing is on disk at the new name yet. */
      g_clear_pointer (&workflow->saved_text, g_free);
      _trib_workflow_update_modified (workflow);
      g_object_notify (G_OBJECT (workflow), "display-path");
    }
  return TRUE;
}

void
trib_workspace_remove_workflow (TribWorkspace *self,
                                TribWorkflow  *workflow)
{
  guint position;

  g_return_if_fail (TRIB_IS_WORKSPACE (self));

  if (g_list_store_find (workflows_of (self), workflow, &position))
    {
      g_signal_handlers_disconnect_by_data (workflow, self);
      g_list_store_remove (workflows_of (self), position);
      trib_workspace_validate (self);
    }
}

GPtrArray *
trib_workspace_list_dependents (TribWorkspace       *self,
                                TribWorkflow        *workflow,
                                const char * const  *node_ids)
{
  g_autoptr(GHashTable) outputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  GListModel *nodes = trib_workflow_get_nodes (workflow);
  GListModel *workflows = trib_workspace_get_workflows (self);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_auto(GStrv) list = NULL;

      if (node_ids && !g_strv_contains (node_ids, trib_node_get_id (node)))
        continue;
      list = trib_node_dup_outputs (node);
      for (guint k = 0; list && list[k]; k++)
        g_hash_table_add (outputs, g_strdup (list[k]));
    }

  for (guint w = 0; w < g_list_model_get_n_items (workflows); w++)
    {
      g_autoptr(TribWorkflow) other = g_list_model_get_item (workflows, w);
      GListModel *deps;

      if (other == workflow)
        continue;
      deps = trib_workflow_get_dependencies (other);
      for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
        {
          g_autoptr(TribDependency) dep = g_list_model_get_item (deps, i);
          const char *output = trib_dependency_get_output (dep);
          TribNode *node;

          if (output == NULL || !g_hash_table_contains (outputs, output))
            continue;
          node = trib_workflow_lookup_node (other, trib_dependency_get_node_id (dep));
          g_ptr_array_add (result, g_strdup_printf ("%s / %s", trib_workflow_get_name (other),
                                                    node ? trib_node_get_display_name (node)
                                                         : trib_dependency_get_node_id (dep)));
        }
    }
  return result;
}

/* tributary.json ------------------------------------------------------------------- */

GFile *
trib_workspace_dup_settings_file (TribWorkspace *self)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (self), NULL);
  return g_file_get_child (trib_workspace_get_directory (self), TRIB_WORKSPACE_FILE_NAME);
}

typedef struct
{
  GFile *file;
  char  *text;
} SettingsWrite;

static void
settings_write_free (SettingsWrite *write)
{
  g_clear_object (&write->file);
  g_free (write->text);
  g_free (write);
}

static void
write_settings_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  SettingsWrite *write = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (trib_file_set_contents_atomic (write->file, write->text, strlen (write->text), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
trib_workspace_save_settings_async (TribWorkspace       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SettingsWrite *write;
  char *text;

  g_return_if_fail (TRIB_IS_WORKSPACE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_workspace_save_settings_async);
  text = trib_workspace_dup_settings_text_if_changed (self);
  if (text == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  write = g_new0 (SettingsWrite, 1);
  write->file = trib_workspace_dup_settings_file (self);
  write->text = text;
  g_task_set_task_data (task, write, (GDestroyNotify) settings_write_free);
  g_task_run_in_thread (task, write_settings_in_thread);
}

gboolean
trib_workspace_save_settings_finish (TribWorkspace  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  SettingsWrite *write;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  write = g_task_get_task_data (G_TASK (result));
  if (write)
    trib_workspace_settings_written (self, write->text);
  return TRUE;
}
