/* trib-query-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-query-store.h"

struct _TribQueryStore
{
  GObject        parent_instance;

  GFile         *directory;      /* queries/ */
  GListStore    *queries;
  GFileMonitor  *monitor;        /* queries/ */
  GFileMonitor  *parent_monitor; /* the workspace: queries/ may be made later */
  GCancellable  *cancellable;
  guint          reload_source;
  gboolean       loading;
  gboolean       reload_again;
  gboolean       loaded;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TribQueryStore, trib_query_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return TRIB_TYPE_SAVED_QUERY;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (TRIB_QUERY_STORE (model)->queries));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (TRIB_QUERY_STORE (model)->queries), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static int
compare_queries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_utf8_collate (trib_saved_query_get_name ((TribSavedQuery *) a),
                         trib_saved_query_get_name ((TribSavedQuery *) b));
}

/* Worker: the .sql files and the data source line of each. */
static void
scan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *directory = task_data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFileEnumerator) e = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  e = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                 G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (e == NULL)
    {
      /* No queries/ yet: no queries. */
      g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  while ((info = g_file_enumerator_next_file (e, cancellable, NULL)))
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_str_has_suffix (name, TRIB_QUERY_SUFFIX) && name[0] != '.')
        {
          g_autoptr(GFile) file = g_file_get_child (directory, name);
          g_autofree char *data_source = NULL;
          g_autofree char *sql = trib_saved_query_load (file, &data_source, cancellable, NULL);

          g_ptr_array_add (found, trib_saved_query_new (file, data_source));
        }
      g_object_unref (info);
    }
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

static void start_scan (TribQueryStore *self);

static void
scanned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TribQueryStore *self = TRIB_QUERY_STORE (object);
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), NULL);
  guint old;

  self->loading = FALSE;
  if (found == NULL)
    return;

  for (guint i = 0; i < found->len; i++)
    {
      TribSavedQuery *q = g_ptr_array_index (found, i);
      TribSavedQuery *existing = trib_query_store_lookup (self, trib_saved_query_get_name (q));

      /* Keep the objects that stay, so open tabs and selections keep theirs. */
      if (existing)
        {
          trib_saved_query_set_data_source (existing, trib_saved_query_get_data_source (q));
          g_ptr_array_index (found, i) = g_object_ref (existing);
          g_object_unref (q);
        }
    }
  old = g_list_model_get_n_items (G_LIST_MODEL (self->queries));
  {
    g_autoptr(GListStore) sorted = g_list_store_new (TRIB_TYPE_SAVED_QUERY);
    gboolean same = old == found->len;

    for (guint i = 0; i < found->len; i++)
      g_list_store_insert_sorted (sorted, g_ptr_array_index (found, i), compare_queries, NULL);
    for (guint i = 0; same && i < found->len; i++)
      {
        g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (sorted), i);
        g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (self->queries), i);
        same = a == b;
      }
    if (!same)
      {
        g_autofree gpointer *items = g_new0 (gpointer, found->len + 1);
        guint n = g_list_model_get_n_items (G_LIST_MODEL (sorted));

        for (guint i = 0; i < n; i++)
          items[i] = g_list_model_get_item (G_LIST_MODEL (sorted), i);
        g_list_store_splice (self->queries, 0, old, items, n);
        for (guint i = 0; i < n; i++)
          g_object_unref (items[i]);
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old, n);
      }
  }

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_signal_emit (self, signals[LOADED], 0);
    }
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      start_scan (self);
    }
}

static void
start_scan (TribQueryStore *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  task = g_task_new (self, self->cancellable, scanned_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->directory), g_object_unref);
  g_task_run_in_thread (task, scan_in_thread);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  TribQueryStore *self = data;

  self->reload_source = 0;
  start_scan (self);
  return G_SOURCE_REMOVE;
}

static void watch_directory (TribQueryStore *self);

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            gpointer           user_data)
{
  TribQueryStore *self = user_data;

  if (monitor == self->parent_monitor)
    {
      g_autofree char *base = g_file_get_basename (file);

      if (g_strcmp0 (base, TRIB_QUERIES_DIR) != 0)
        return;
      watch_directory (self);
    }
  /* Editors and git write in several steps: read once they are done. */
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (150, reload_timeout_cb, self);
}

static void
watch_directory (TribQueryStore *self)
{
  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  self->monitor = g_file_monitor_directory (self->directory, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (changed_cb), self);
}

static void
trib_query_store_dispose (GObject *object)
{
  TribQueryStore *self = TRIB_QUERY_STORE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->parent_monitor)
    {
      g_signal_handlers_disconnect_by_func (self->parent_monitor, changed_cb, self);
      g_file_monitor_cancel (self->parent_monitor);
      g_clear_object (&self->parent_monitor);
    }
  G_OBJECT_CLASS (trib_query_store_parent_class)->dispose (object);
}

static void
trib_query_store_finalize (GObject *object)
{
  TribQueryStore *self = TRIB_QUERY_STORE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->queries);
  g_clear_object (&self->directory);
  G_OBJECT_CLASS (trib_query_store_parent_class)->finalize (object);
}

static void
trib_query_store_class_init (TribQueryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trib_query_store_dispose;
  object_class->finalize = trib_query_store_finalize;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
trib_query_store_init (TribQueryStore *self)
{
  self->queries = g_list_store_new (TRIB_TYPE_SAVED_QUERY);
  self->cancellable = g_cancellable_new ();
}

TribQueryStore *
trib_query_store_new (GFile *workspace_directory)
{
  TribQueryStore *self;

  g_return_val_if_fail (G_IS_FILE (workspace_directory), NULL);

  self = g_object_new (TRIB_TYPE_QUERY_STORE, NULL);
  self->directory = g_file_get_child (workspace_directory, TRIB_QUERIES_DIR);
  self->parent_monitor = g_file_monitor_directory (workspace_directory, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->parent_monitor)
    g_signal_connect (self->parent_monitor, "changed", G_CALLBACK (changed_cb), self);
  watch_directory (self);
  start_scan (self);
  return self;
}

GFile *
trib_query_store_get_directory (TribQueryStore *self)
{
  g_return_val_if_fail (TRIB_IS_QUERY_STORE (self), NULL);
  return self->directory;
}

void
trib_query_store_reload (TribQueryStore *self)
{
  g_return_if_fail (TRIB_IS_QUERY_STORE (self));
  start_scan (self);
}

gboolean
trib_query_store_is_loaded (TribQueryStore *self)
{
  g_return_val_if_fail (TRIB_IS_QUERY_STORE (self), FALSE);
  return self->loaded;
}

TribSavedQuery *
trib_query_store_lookup (TribQueryStore *self,
                         const char     *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribSavedQuery) q = g_list_model_get_item (G_LIST_MODEL (self->queries), i);

      if (g_strcmp0 (trib_saved_query_get_name (q), name) == 0)
        return q;   /* the store keeps its reference */
    }
  return NULL;
}

GFile *
trib_query_store_dup_file_for_name (TribQueryStore *self,
                                    const char     *name)
{
  g_autofree char *base = g_strconcat (name, TRIB_QUERY_SUFFIX, NULL);

  return g_file_get_child (self->directory, base);
}
