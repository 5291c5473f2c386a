/* trib-sql-editor.h: a Spark SQL node's editor: the script, the Kyuubi data source it
 * runs on, how many statements will run, and the parameters it uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SQL_EDITOR (trib_sql_editor_get_type ())

G_DECLARE_FINAL_TYPE (TribSqlEditor, trib_sql_editor, TRIB, SQL_EDITOR, GtkWidget)

GtkWidget *trib_sql_editor_new          (TribWorkspace *workspace,
                                         TribWorkflow  *workflow,
                                         const char    *node_id);
/* Input that is not in the document yet because it is invalid (none for SQL text). */
GStrv      trib_sql_editor_dup_problems (TribSqlEditor *self);
/* Writes what was typed and not yet applied. */
void       trib_sql_editor_flush        (TribSqlEditor *self);
/* What the editor says about the script: "2 statements will run" and the warnings. */
char      *trib_sql_editor_dup_summary  (TribSqlEditor *self);

G_END_DECLS
