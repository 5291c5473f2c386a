/* trib-sync-sources.h: where a sync job finds its data sources and their secrets
 *
 * A workspace, or the private copies a runner gives a node's execution: the readers and
 * writers only need to look a data source up by name, know the workspace's id (the
 * keyring files secrets under it) and its folder (a local store's relative path).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-data-source.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

/* Returns the data source called @name (a new reference), or NULL. */
typedef TribDataSource *(*TribSyncLookupFunc) (const char *name,
                                               gpointer    user_data);

#define TRIB_TYPE_SYNC_SOURCES (trib_sync_sources_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncSources, trib_sync_sources, TRIB, SYNC_SOURCES, GObject)

TribSyncSources *trib_sync_sources_new_for_workspace (TribWorkspace       *workspace);
TribSyncSources *trib_sync_sources_new               (const char          *workspace_id,
                                                      GFile               *directory,
                                                      TribSyncLookupFunc   lookup,
                                                      gpointer             user_data,
                                                      GDestroyNotify       destroy);

GFile           *trib_sync_sources_get_directory     (TribSyncSources     *self);

/* The data source @name, which must be of one of @kinds (a TRIB_DATA_SOURCE_KIND_UNKNOWN-
 * terminated list). Errors name @path, the JSON path of the "datasource" key:
 *   steps[0].parameter.datasource: no data source named "x" in the workspace
 *   steps[1].parameter.datasource: "db" is a MySQL / MariaDB data source, not S3 / OSS */
TribDataSource  *trib_sync_sources_lookup            (TribSyncSources          *self,
                                                      const char               *name,
                                                      const TribDataSourceKind *kinds,
                                                      const char               *path,
                                                      GError                  **error);
/* Its password or secret key: TRIBUTARY_SECRET_<NAME> when set, else the keyring's;
 * "" when the kind needs none or none is stored. Blocking. Free with trib_secret_free(). */
char            *trib_sync_sources_dup_secret        (TribSyncSources          *self,
                                                      TribDataSource           *data_source,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);

G_END_DECLS
