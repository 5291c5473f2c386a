/* trib-sync-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-sync-engine-private.h"
#include "trib-sync-factory.h"
#include "trib-sync-preview.h"

void
trib_sync_preview_free (TribSyncPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->column_names);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview);
}

typedef struct
{
  TribSyncJob     *job;
  TribSyncSources *sources;
  guint            max_records;
  TribSyncPreview *preview;
  gboolean         enough;
} Preview;

static void
preview_free (Preview *p)
{
  g_clear_object (&p->job);
  g_clear_object (&p->sources);
  trib_sync_preview_free (p->preview);
  g_free (p);
}

/* Takes the records of a full (or last) batch; NULL once there are enough. */
static TribSyncBatch *
collect_cb (TribSyncBatch  *full,
            gpointer        user_data,
            GError        **error)
{
  Preview *p = user_data;

  for (guint r = 0; r < full->n_records && p->preview->rows->len < p->max_records; r++)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      guint n = trib_sync_batch_record_n_cells (full, r);

      for (guint c = 0; c < n; c++)
        {
          const TribSyncCell *cell = trib_sync_batch_get_cell (full, r, c);

          g_ptr_array_add (row, cell->is_null ? NULL
                                              : g_strndup (trib_sync_batch_cell_data (full, cell), cell->length));
        }
      g_ptr_array_add (p->preview->rows, row);
    }
  if (p->preview->rows->len >= p->max_records)
    {
      p->enough = TRUE;
      trib_sync_batch_free (full);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "preview complete");
      return NULL;
    }
  /* The emitter resets the batch it gets back. */
  return full;
}

static GStrv
column_names (TribSyncJob *job)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const TribSyncMysqlReaderConfig *mysql = trib_sync_job_get_mysql_reader (job);
  const TribSyncFileReaderConfig *file = trib_sync_job_get_file_reader (job);

  if (mysql != NULL && mysql->columns != NULL && !g_strv_contains ((const char * const *) mysql->columns, "*"))
    g_strv_builder_addv (builder, (const char **) mysql->columns);
  else if (file != NULL && file->input.columns != NULL)
    for (guint i = 0; i < file->input.columns->len; i++)
      {
        const TribSyncColumnSpec *spec = g_ptr_array_index (file->input.columns, i);

        g_autofree char *name = spec->index >= 0 ? g_strdup_printf (_("Field %d"), spec->index + 1)
                                                 : g_strdup_printf (_("Constant \"%s\""), spec->value ? spec->value : "");

        g_strv_builder_add (builder, name);
      }
  return g_strv_builder_end (builder);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Preview *p = task_data;
  g_autoptr(TribSyncReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = trib_sync_reader_new_for_job (p->job, p->sources, &error);
  if (reader == NULL ||
      !_trib_sync_reader_preview (reader, collect_cb, &p->enough, p, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&p->preview), (GDestroyNotify) trib_sync_preview_free);
}

static char *
substitute_cb (const char  *value,
               gpointer     user_data,
               GError     **error)
{
  return trib_param_set_substitute (user_data, value, error);
}

static TribDataSource *
lookup_cb (const char *name,
           gpointer    user_data)
{
  TribDataSource *data_source = g_hash_table_lookup (user_data, name);

  return data_source ? g_object_ref (data_source) : NULL;
}

void
trib_sync_preview_async (TribWorkspace       *workspace,
                         const char          *job_text,
                         TribParamSet        *params,
                         guint                max_records,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  GHashTable *snapshot;
  Preview *p;

  g_return_if_fail (TRIB_IS_WORKSPACE (workspace));
  g_return_if_fail (job_text != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_sync_preview_async);
  p = g_new0 (Preview, 1);
  g_task_set_task_data (task, p, (GDestroyNotify) preview_free);

  p->job = trib_sync_job_new_from_string (job_text, -1, params ? substitute_cb : NULL, params, &error);
  if (p->job == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The worker sees only these data sources, taken now on the caller's thread. */
  snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  names = trib_sync_job_dup_datasources (p->job);
  for (guint i = 0; names[i]; i++)
    {
      TribDataSource *data_source = trib_workspace_lookup_data_source (workspace, names[i]);

      if (data_source != NULL)
        g_hash_table_replace (snapshot, g_strdup (names[i]), g_object_ref (data_source));
    }
  p->sources = trib_sync_sources_new (trib_workspace_get_id (workspace), trib_workspace_get_directory (workspace),
                                      lookup_cb, snapshot, (GDestroyNotify) g_hash_table_unref);
  p->max_records = MAX (max_records, 1);
  p->preview = g_new0 (TribSyncPreview, 1);
  p->preview->column_names = column_names (p->job);
  p->preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_task_run_in_thread (task, preview_thread);
}

TribSyncPreview *
trib_sync_preview_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
