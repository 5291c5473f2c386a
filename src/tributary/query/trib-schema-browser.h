/* trib-schema-browser.h: databases -> tables -> columns of the query's data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"
#include "trib-schema-node.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SCHEMA_BROWSER (trib_schema_browser_get_type ())

G_DECLARE_FINAL_TYPE (TribSchemaBrowser, trib_schema_browser, TRIB, SCHEMA_BROWSER, GtkWidget)

GtkWidget     *trib_schema_browser_new            (void);
/* Shows the schema of @data_source (Kyuubi through the metadata calls, MySQL through
 * information_schema), loaded level by level as rows are expanded. */
void           trib_schema_browser_set_data_source (TribSchemaBrowser *self,
                                                    TribWorkspace     *workspace,
                                                    const char        *data_source);
void           trib_schema_browser_refresh        (TribSchemaBrowser *self);
/* Every name loaded so far, for completion in the editor (one per line). */
GtkTextBuffer *trib_schema_browser_get_names      (TribSchemaBrowser *self);

/* For the UI tests */
gboolean       _trib_schema_browser_is_loading    (TribSchemaBrowser *self);
/* The rows shown, as "name" or "name TYPE", indented by two spaces per level. */
char          *_trib_schema_browser_dup_rows      (TribSchemaBrowser *self);
/* Expands the row showing @name (a database or table); FALSE if there is none. */
gboolean       _trib_schema_browser_expand        (TribSchemaBrowser *self,
                                                   const char        *name);
gboolean       _trib_schema_browser_activate      (TribSchemaBrowser *self,
                                                   const char        *name);
gboolean       _trib_schema_browser_preview       (TribSchemaBrowser *self,
                                                   const char        *table);
GtkEditable   *_trib_schema_browser_get_filter    (TribSchemaBrowser *self);
const char    *_trib_schema_browser_get_error     (TribSchemaBrowser *self);

G_END_DECLS
