/* trib-local-store.h: a local folder as object storage (the embedded default)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-connectivity-result.h"
#include "trib-object-store.h"

G_BEGIN_DECLS

#define TRIB_TYPE_LOCAL_STORE (trib_local_store_get_type ())

G_DECLARE_FINAL_TYPE (TribLocalStore, trib_local_store, TRIB, LOCAL_STORE, GObject)

/* Keys map to files under @root ("a/b.txt" -> ROOT/a/b.txt). The folder must exist;
 * sub-folders are created on demand. Objects are written to a hidden partial file next
 * to their final name and renamed into place on commit, so readers and listings never
 * see half an object. */
TribLocalStore *trib_local_store_new                 (GFile           *root);
/* @base_directory resolves a relative "path" option (the workspace folder). */
TribLocalStore *trib_local_store_new_for_data_source (TribDataSource  *data_source,
                                                      GFile           *base_directory,
                                                      GError         **error);
GFile          *trib_local_store_get_root            (TribLocalStore  *self);
/* The file name of @key (which must be valid). */
char           *trib_local_store_dup_path            (TribLocalStore  *self,
                                                      const char      *key);

/* Partial files (".trib-partial-…") that no live writer holds: left by a run that was
 * killed mid-write. Paths relative to the root, sorted; at most @limit of them (the walk
 * stops there). The next write of the same object removes them. */
GPtrArray      *trib_local_store_find_stale_partials (TribLocalStore  *self,
                                                      guint            limit);

/* The connectivity test: the folder exists, is a folder, and accepts a new file.
 * Blocking; NULL only when cancelled. */
TribConnectivityResult *trib_local_store_test        (TribLocalStore  *self,
                                                      GCancellable    *cancellable,
                                                      GError         **error);

G_END_DECLS
