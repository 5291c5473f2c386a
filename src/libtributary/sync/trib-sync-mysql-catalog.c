/* trib-sync-mysql-catalog.c
 *
 * The columns come from the reader's own view of them (the result metadata of a
 * `SELECT * ... LIMIT 0`), so what is offered as a split key is what the engine accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-mysql-connection.h"
#include "trib-secrets.h"
#include "trib-sync-error.h"
#include "trib-sync-mysql-catalog.h"
#include "trib-sync-mysql-types.h"
#include "trib-sync-sources.h"

void
trib_sync_catalog_column_free (TribSyncCatalogColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->type);
  g_free (column);
}

typedef struct
{
  TribDataSource *data_source;
  TribSyncSources *sources;
  char           *table;      /* NULL: list the tables */
  GPtrArray      *columns;
  GStrvBuilder   *tables;
} Catalog;

static void
catalog_free (Catalog *c)
{
  g_clear_object (&c->data_source);
  g_clear_object (&c->sources);
  g_free (c->table);
  g_clear_pointer (&c->columns, g_ptr_array_unref);
  g_clear_pointer (&c->tables, g_strv_builder_unref);
  g_free (c);
}

static gboolean
columns_cb (MYSQL_FIELD  *fields,
            guint         n_fields,
            gpointer      user_data,
            GError      **error)
{
  Catalog *c = user_data;

  if (c->columns == NULL)
    return TRUE;
  for (guint i = 0; i < n_fields; i++)
    {
      TribSyncCatalogColumn *column = g_new0 (TribSyncCatalogColumn, 1);

      column->name = g_strdup (fields[i].name);
      column->type = g_strdup (trib_sync_mysql_type_name (fields[i].type, fields[i].flags, fields[i].charsetnr));
      column->primary_key = (fields[i].flags & PRI_KEY_FLAG) != 0;
      column->integer = trib_sync_mysql_type_is_integer (fields[i].type);
      g_ptr_array_add (c->columns, column);
    }
  return TRUE;
}

static gboolean
row_cb (MYSQL_ROW             row,
        const unsigned long  *lengths,
        guint                 n_fields,
        gpointer              user_data,
        GError              **error)
{
  Catalog *c = user_data;

  if (c->tables != NULL && n_fields > 0 && row[0] != NULL)
    {
      g_autofree char *name = g_strndup (row[0], lengths[0]);

      g_strv_builder_add (c->tables, name);
    }
  return TRUE;
}

static void
catalog_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Catalog *c = task_data;
  g_autoptr(TribMysqlConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *password;

  password = trib_sync_sources_dup_secret (c->sources, c->data_source, cancellable, &error);
  if (password == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  connection = trib_mysql_connection_new (c->data_source, password, &error);
  trib_secret_free (password);
  if (connection == NULL || !trib_mysql_connection_open (connection, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (c->table != NULL)
    {
      g_autofree char *quoted = trib_mysql_quote_identifier (c->table);

      sql = g_strdup_printf ("SELECT * FROM %s LIMIT 0", quoted);
    }
  else
    sql = g_strdup ("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1");

  if (!trib_mysql_connection_stream_query (connection, sql, columns_cb, row_cb, c, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  trib_mysql_connection_close (connection);

  if (c->table != NULL)
    g_task_return_pointer (task, g_steal_pointer (&c->columns), (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_pointer (task, g_strv_builder_end (c->tables), (GDestroyNotify) g_strfreev);
}

/* The worker's lookup: the one data source taken on the caller's thread. */
static TribDataSource *
only_source (const char *name,
             gpointer    user_data)
{
  return g_object_ref (user_data);
}

static void
catalog_start (TribWorkspace       *workspace,
               const char          *datasource,
               const char          *table,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  static const TribDataSourceKind kinds[] = { TRIB_DATA_SOURCE_KIND_MYSQL, TRIB_DATA_SOURCE_KIND_UNKNOWN };
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(TribSyncSources) sources = trib_sync_sources_new_for_workspace (workspace);
  g_autoptr(GError) error = NULL;
  Catalog *c;

  g_task_set_source_tag (task, source_tag);
  c = g_new0 (Catalog, 1);
  g_task_set_task_data (task, c, (GDestroyNotify) catalog_free);
  /* Looked up here: the worker gets the data source, not the workspace. */
  c->data_source = trib_sync_sources_lookup (sources, datasource, kinds, "datasource", &error);
  if (c->data_source == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  c->sources = trib_sync_sources_new (trib_workspace_get_id (workspace), trib_workspace_get_directory (workspace),
                                      only_source, g_object_ref (c->data_source),
                                      g_object_unref);
  c->table = g_strdup (table);
  if (table != NULL)
    c->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_sync_catalog_column_free);
  else
    c->tables = g_strv_builder_new ();
  g_task_run_in_thread (task, catalog_thread);
}

void
trib_sync_mysql_list_tables_async (TribWorkspace       *workspace,
                                   const char          *datasource,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_WORKSPACE (workspace));
  g_return_if_fail (datasource != NULL);

  catalog_start (workspace, datasource, NULL, trib_sync_mysql_list_tables_async, cancellable, callback, user_data);
}

GStrv
trib_sync_mysql_list_tables_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
trib_sync_mysql_list_columns_async (TribWorkspace       *workspace,
                                    const char          *datasource,
                                    const char          *table,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_WORKSPACE (workspace));
  g_return_if_fail (datasource != NULL && table != NULL);

  catalog_start (workspace, datasource, table, trib_sync_mysql_list_columns_async, cancellable, callback, user_data);
}

GPtrArray *
trib_sync_mysql_list_columns_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
trib_sync_mysql_suggest_split_key (GPtrArray *columns)
{
  const TribSyncCatalogColumn *key = NULL;

  for (guint i = 0; columns && i < columns->len; i++)
    {
      const TribSyncCatalogColumn *column = g_ptr_array_index (columns, i);

      if (!column->primary_key)
        continue;
      if (key != NULL)
        return NULL;  /* a composite key cannot be cut into ranges of one column */
      key = column;
    }
  return key && key->integer ? key->name : NULL;
}

gboolean
trib_sync_mysql_check_split_key (GPtrArray   *columns,
                                 const char  *parameter_path,
                                 const char  *split_pk,
                                 GError     **error)
{
  for (guint i = 0; columns && i < columns->len; i++)
    {
      const TribSyncCatalogColumn *column = g_ptr_array_index (columns, i);

      if (g_ascii_strcasecmp (column->name, split_pk) == 0)
        {
          if (column->integer)
            return TRUE;
          break;
        }
    }
  trib_sync_mysql_set_split_key_error (error, parameter_path, split_pk);
  return FALSE;
}
