/* trib-query-drafts.h: unsaved query text and remembered parameter values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both live in the workspace's state folder (.tributary/, ignored by git):
 * query-drafts/KEY.sql in the saved-query format, query-params/KEY.json. KEY is the
 * query's name, or "Untitled N" for a query never saved.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TRIB_QUERY_DRAFTS_DIR "query-drafts"
#define TRIB_QUERY_PARAMS_DIR "query-params"

GFile      *trib_query_draft_dup_file     (GFile        *state_directory,
                                           const char   *key);
/* The keys of the drafts kept, sorted. Blocking. */
GStrv       trib_query_drafts_list        (GFile        *state_directory,
                                           GCancellable *cancellable);
/* Removes the draft (after a save); a missing one is fine. Blocking. */
gboolean    trib_query_draft_discard      (GFile        *state_directory,
                                           const char   *key,
                                           GError      **error);

/* name -> value, remembered per query; an empty table when there is none. Blocking. */
GHashTable *trib_query_params_load        (GFile        *state_directory,
                                           const char   *key);
gboolean    trib_query_params_save        (GFile        *state_directory,
                                           const char   *key,
                                           GHashTable   *values,
                                           GError      **error);

G_END_DECLS
