/* trib-sync-mysql-catalog.h: the tables and columns a MySQL data source offers the sync form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  char     *type;         /* "INT", "VARCHAR", ... as the reader sees it */
  gboolean  primary_key;
  gboolean  integer;      /* usable as a split key */
} TribSyncCatalogColumn;

void        trib_sync_catalog_column_free          (TribSyncCatalogColumn *column);

/* The tables and views of the data source's database, sorted by name. */
void        trib_sync_mysql_list_tables_async    (TribWorkspace        *workspace,
                                                  const char           *datasource,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GStrv       trib_sync_mysql_list_tables_finish   (GAsyncResult         *result,
                                                  GError              **error);

/* The columns of @table in their order (a GPtrArray of TribSyncCatalogColumn). */
void        trib_sync_mysql_list_columns_async   (TribWorkspace        *workspace,
                                                  const char           *datasource,
                                                  const char           *table,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray  *trib_sync_mysql_list_columns_finish  (GAsyncResult         *result,
                                                  GError              **error);

/* The split key to suggest: the primary key when it is one integer column, else NULL. */
const char *trib_sync_mysql_suggest_split_key    (GPtrArray            *columns);

/* FALSE with the engine's own message when @split_pk is not an integer column of
 * @columns (`steps[0].parameter.splitPk: "gender" is not an integer column`). */
gboolean    trib_sync_mysql_check_split_key      (GPtrArray            *columns,
                                                  const char           *parameter_path,
                                                  const char           *split_pk,
                                                  GError              **error);

G_END_DECLS
