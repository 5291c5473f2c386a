/* trib-saved-query.h: a query of the workspace, queries/NAME.sql
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is plain SQL whose first line names the data source as a comment,
 * `-- datasource: NAME`, so other tools (and git) see an ordinary SQL script.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TRIB_QUERIES_DIR "queries"
#define TRIB_QUERY_SUFFIX ".sql"

#define TRIB_TYPE_SAVED_QUERY (trib_saved_query_get_type ())

G_DECLARE_FINAL_TYPE (TribSavedQuery, trib_saved_query, TRIB, SAVED_QUERY, GObject)

TribSavedQuery *trib_saved_query_new             (GFile          *file,
                                                  const char     *data_source);
GFile          *trib_saved_query_get_file        (TribSavedQuery *self);
/* The file name without ".sql". */
const char     *trib_saved_query_get_name        (TribSavedQuery *self);
/* The data source the first line names, or NULL. */
const char     *trib_saved_query_get_data_source (TribSavedQuery *self);
void            trib_saved_query_set_data_source (TribSavedQuery *self,
                                                  const char     *data_source);

/* Splits a file's text into the data source of its first line (NULL when the line is
 * missing) and the SQL that follows it. */
char           *trib_query_text_parse            (const char     *text,
                                                  char          **data_source);
/* The file's text: the data source line, then @sql ending with a newline. */
char           *trib_query_text_format           (const char     *data_source,
                                                  const char     *sql);

/* Whether @name can be a query's file name ("daily check" yes, "../x" or "" no). */
gboolean        trib_query_name_is_valid         (const char     *name,
                                                  GError        **error);

/* Reads a query file: its SQL and data source. Blocking. */
char           *trib_saved_query_load            (GFile          *file,
                                                  char          **data_source,
                                                  GCancellable   *cancellable,
                                                  GError        **error);
/* Writes it atomically (a crash leaves the old or the new file, never half of one). */
gboolean        trib_saved_query_save            (GFile          *file,
                                                  const char     *data_source,
                                                  const char     *sql,
                                                  GCancellable   *cancellable,
                                                  GError        **error);
void            trib_saved_query_load_async      (GFile          *file,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
char           *trib_saved_query_load_finish     (GAsyncResult   *result,
                                                  char          **data_source,
                                                  GError        **error);
void            trib_saved_query_save_async      (GFile          *file,
                                                  const char     *data_source,
                                                  const char     *sql,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean        trib_saved_query_save_finish     (GAsyncResult   *result,
                                                  GError        **error);

G_END_DECLS
