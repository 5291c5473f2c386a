/* trib-query-history.h: ad hoc query runs in the workspace's run history database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-history.h"
#include "trib-query-run-record.h"

G_BEGIN_DECLS

/* Adds a finished run (the record's id is ignored); gives the new id. */
gint64     trib_query_history_add          (TribHistory        *history,
                                            TribQueryRunRecord *record,
                                            GError            **error);
void       trib_query_history_add_async    (TribHistory        *history,
                                            TribQueryRunRecord *record,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gint64     trib_query_history_add_finish   (TribHistory        *history,
                                            GAsyncResult       *result,
                                            GError            **error);

/* Runs newest first, at most @limit, those whose SQL, query name or data source
 * contain @filter (case-insensitive; NULL or "" for all). TribQueryRunRecord items. */
GPtrArray *trib_query_history_list         (TribHistory        *history,
                                            const char         *filter,
                                            guint               limit,
                                            GError            **error);
void       trib_query_history_list_async   (TribHistory        *history,
                                            const char         *filter,
                                            guint               limit,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
GPtrArray *trib_query_history_list_finish  (TribHistory        *history,
                                            GAsyncResult       *result,
                                            GError            **error);

G_END_DECLS
