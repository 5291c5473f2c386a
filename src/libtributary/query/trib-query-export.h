/* trib-query-export.h: a result written as CSV, TSV or JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV and JSON are byte for byte what `tributary-cli query --format csv|json` prints for
 * the same result. The input is the schema and the batches as they arrived: immutable,
 * so a worker thread may write them while the grid keeps showing the result.
 */

#pragma once

#include <gio/gio.h>

#include "trib-hs2-batch.h"
#include "trib-hs2-result-set.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_QUERY_EXPORT_CSV,
  TRIB_QUERY_EXPORT_TSV,
  TRIB_QUERY_EXPORT_JSON,
} TribQueryExportFormat;

/* "csv", "tsv", "json" (also the file name extension) and back (-1 if unknown). */
const char *trib_query_export_format_to_string   (TribQueryExportFormat  format);
int         trib_query_export_format_from_string (const char            *name);

/* JSON: one row as an object; @first is TRUE for the first row of the result. */
void        trib_query_export_append_json_row    (GString               *out,
                                                  GPtrArray             *schema,
                                                  TribHs2Batch          *batch,
                                                  guint                  row,
                                                  gboolean               first,
                                                  GString               *scratch);
/* JSON's closing: after the rows, or for a result without any. */
void        trib_query_export_append_json_end    (GString               *out,
                                                  gboolean               had_rows);
/* TSV: tab, newline, carriage return and backslash as \t \n \r \\; NULL as empty. */
void        trib_query_export_append_tsv_field   (GString               *out,
                                                  const char            *value);

/* The whole result: @schema (TribHs2ColumnDesc) and @batches (TribHs2Batch). */
gboolean    trib_query_export_write              (TribQueryExportFormat  format,
                                                  GPtrArray             *schema,
                                                  GPtrArray             *batches,
                                                  GOutputStream         *out,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
/* Writes @file atomically in a worker; the arrays are referenced, not copied. */
void        trib_query_export_to_file_async      (TribQueryExportFormat  format,
                                                  GPtrArray             *schema,
                                                  GPtrArray             *batches,
                                                  GFile                 *file,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
gboolean    trib_query_export_to_file_finish     (GAsyncResult          *result,
                                                  GError               **error);

/* Rows @rows (indexes, ascending) of @result as TSV with a header line: what Copy puts
 * on the clipboard. NULL @rows: every row. */
char       *trib_query_export_rows_as_tsv        (TribHs2ResultSet      *result,
                                                  const guint           *rows,
                                                  guint                  n_rows,
                                                  const guint           *columns,
                                                  guint                  n_columns);

G_END_DECLS
