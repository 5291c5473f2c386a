/* trib-query-store.h: the workspace's saved queries (queries/NAME.sql), kept up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-saved-query.h"

G_BEGIN_DECLS

#define TRIB_TYPE_QUERY_STORE (trib_query_store_get_type ())

G_DECLARE_FINAL_TYPE (TribQueryStore, trib_query_store, TRIB, QUERY_STORE, GObject)

/* A GListModel of TribSavedQuery sorted by name. It reads the folder in a worker thread
 * and reads it again when a file is added, removed or changed there (by hand, by git).
 * Must be used from one thread with a main context. */
TribQueryStore *trib_query_store_new            (GFile          *workspace_directory);
GFile          *trib_query_store_get_directory  (TribQueryStore *self);
/* Reads the folder again (coalesced with a read under way). */
void            trib_query_store_reload         (TribQueryStore *self);
/* TRUE once the first read has finished. */
gboolean        trib_query_store_is_loaded      (TribQueryStore *self);
TribSavedQuery *trib_query_store_lookup         (TribQueryStore *self,
                                                 const char     *name);
/* queries/NAME.sql */
GFile          *trib_query_store_dup_file_for_name (TribQueryStore *self,
                                                    const char     *name);

G_END_DECLS
