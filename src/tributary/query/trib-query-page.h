/* trib-query-page.h: an ad hoc query tab: SQL editor, run controls, results, log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "libtributary.h"
#include "trib-result-view.h"
#include "trib-schema-browser.h"

G_BEGIN_DECLS

#define TRIB_TYPE_QUERY_PAGE (trib_query_page_get_type ())

G_DECLARE_FINAL_TYPE (TribQueryPage, trib_query_page, TRIB, QUERY_PAGE, GtkWidget)

GtkWidget      *trib_query_page_new          (TribWorkspace  *workspace,
                                              TribSavedQuery *query);
TribSavedQuery *trib_query_page_get_query    (TribQueryPage  *self);
/* "name" or "• name" while there are unsaved changes. */
char           *trib_query_page_dup_title    (TribQueryPage  *self);
gboolean        trib_query_page_is_modified  (TribQueryPage  *self);
/* Replaces the editor's text (as from history). */
void            trib_query_page_set_sql      (TribQueryPage  *self,
                                              const char     *sql);

/* For the UI tests and the benchmark */
GtkSourceView  *_trib_query_page_get_source_view (TribQueryPage *self);
TribSchemaBrowser *_trib_query_page_get_schema_browser (TribQueryPage *self);
gboolean        _trib_query_page_is_loaded   (TribQueryPage  *self);
gboolean        _trib_query_page_is_running  (TribQueryPage  *self);
/* Runs the script (@all) or the statement at the cursor with these parameter values
 * (NULL: none), as the Run with Parameters dialog does. */
void            _trib_query_page_run         (TribQueryPage  *self,
                                              gboolean        all,
                                              GHashTable     *values);
/* The dialog Run with Parameters opens (NULL when the SQL has none). */
GtkWidget      *_trib_query_page_open_params_dialog (TribQueryPage *self,
                                                     gboolean       all);
void            _trib_query_page_stop        (TribQueryPage  *self);
guint           _trib_query_page_get_n_results (TribQueryPage *self);
TribResultView *_trib_query_page_get_result  (TribQueryPage  *self,
                                              guint           index);
char           *_trib_query_page_dup_log     (TribQueryPage  *self);
gboolean        _trib_query_page_is_saving   (TribQueryPage  *self);

G_END_DECLS
