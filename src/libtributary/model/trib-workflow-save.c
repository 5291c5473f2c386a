/* trib-workflow-save.c: edits, the "modified" state, replacing the document (undo, a file
 * changed on disk) and saving in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-json.h"
#include "trib-workflow.h"
#include "trib-workflow-private.h"

void
_trib_workflow_update_modified (TribWorkflow *self)
{
  g_autofree char *text = NULL;
  gboolean modified;

  if (self->root == NULL)
    modified = FALSE;
  else
    {
      text = trib_workflow_to_string (self);
      modified = g_strcmp0 (text, self->saved_text) != 0;
    }

  _trib_workflow_set_modified (self, modified);
}

void
_trib_workflow_edited (TribWorkflow *self)
{
  trib_workflow_validate (self, NULL, NULL);
  _trib_workflow_update_modified (self);
  _trib_workflow_emit_changed (self);
}

gboolean
trib_workflow_is_modified (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);
  return self->modified;
}

void
trib_workflow_set_workspace_name (TribWorkflow *self,
                                  const char   *name)
{
  g_return_if_fail (TRIB_IS_WORKFLOW (self));
  g_free (self->workspace_name);
  self->workspace_name = g_strdup (name);
}

const char *
trib_workflow_get_workspace_name (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return self->workspace_name;
}

void
trib_workflow_replace_text (TribWorkflow *self,
                            const char   *text,
                            gboolean      as_saved)
{
  g_return_if_fail (TRIB_IS_WORKFLOW (self));
  g_return_if_fail (text != NULL);

  if (as_saved)
    {
      g_free (self->saved_text);
      self->saved_text = g_strdup (text);
    }

  g_list_store_remove_all (self->dependencies);
  g_list_store_remove_all (self->nodes);
  _trib_workflow_parse_text (self, text);
  if (as_saved)
    _trib_workflow_clear_last_edit (self);
  _trib_workflow_edited (self);
}

gboolean
trib_workflow_is_saved_text (TribWorkflow *self,
                             const char   *text)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);
  return g_strcmp0 (self->saved_text, text) == 0;
}

typedef struct
{
  GFile *file;
  char  *text;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_free (data->text);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (trib_file_set_contents_atomic (data->file, data->text, strlen (data->text), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
trib_workflow_save_async (TribWorkflow        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  SaveData *data;

  g_return_if_fail (TRIB_IS_WORKFLOW (self));
  g_return_if_fail (self->file != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_workflow_save_async);

  /* A file that did not parse is never rewritten, and an unchanged one is not written. */
  if (self->root == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  text = trib_workflow_to_string (self);
  if (g_strcmp0 (text, self->saved_text) == 0 && g_file_query_exists (self->file, NULL))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The text is made here, on the caller's thread; the worker only writes bytes. */
  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (self->file);
  data->text = g_steal_pointer (&text);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
trib_workflow_save_finish (TribWorkflow  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (data)
    {
      g_free (self->saved_text);
      self->saved_text = g_strdup (data->text);
      _trib_workflow_update_modified (self);
    }
  return TRUE;
}
