/* trib-hs2-result-set.h: the rows of a query, kept as the column batches that arrived
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of TribHs2Row for the UI: row objects are made when asked for, never stored.
 */

#pragma once

#include <gio/gio.h>

#include "trib-hs2-batch.h"
#include "trib-hs2-protocol.h"

G_BEGIN_DECLS

#define TRIB_TYPE_HS2_RESULT_SET (trib_hs2_result_set_get_type ())

G_DECLARE_FINAL_TYPE (TribHs2ResultSet, trib_hs2_result_set, TRIB, HS2_RESULT_SET, GObject)

/* @schema: a GPtrArray of TribHs2ColumnDesc (a reference is taken), or NULL for no columns. */
TribHs2ResultSet *trib_hs2_result_set_new              (GPtrArray         *schema);
/* Adds a batch (a reference is taken) and emits ::items-changed. */
gboolean          trib_hs2_result_set_append_batch     (TribHs2ResultSet  *self,
                                                        TribHs2Batch      *batch,
                                                        GError           **error);
GPtrArray        *trib_hs2_result_set_get_schema       (TribHs2ResultSet  *self);
guint             trib_hs2_result_set_get_n_rows       (TribHs2ResultSet  *self);
guint             trib_hs2_result_set_get_n_columns    (TribHs2ResultSet  *self);
guint             trib_hs2_result_set_get_n_batches    (TribHs2ResultSet  *self);
const char       *trib_hs2_result_set_get_column_name  (TribHs2ResultSet  *self,
                                                        guint              column);
/* The column's TTypeId and its name with qualifiers ("DECIMAL(10,2)"). */
gint32            trib_hs2_result_set_get_column_type  (TribHs2ResultSet  *self,
                                                        guint              column);
const char       *trib_hs2_result_set_get_column_type_name (TribHs2ResultSet *self,
                                                        guint              column);
/* -1 if there is no such column. */
int               trib_hs2_result_set_find_column      (TribHs2ResultSet  *self,
                                                        const char        *name);
gboolean          trib_hs2_result_set_is_null          (TribHs2ResultSet  *self,
                                                        guint              row,
                                                        guint              column);
/* The value as text, NULL for SQL NULL (see trib_hs2_batch_append_text()). */
char             *trib_hs2_result_set_dup_text         (TribHs2ResultSet  *self,
                                                        guint              row,
                                                        guint              column);
gboolean          trib_hs2_result_set_get_int64        (TribHs2ResultSet  *self,
                                                        guint              row,
                                                        guint              column,
                                                        gint64            *out);
gboolean          trib_hs2_result_set_get_double       (TribHs2ResultSet  *self,
                                                        guint              row,
                                                        guint              column,
                                                        double            *out);
/* Bytes held by the batches. */
gsize             trib_hs2_result_set_get_memory_size  (TribHs2ResultSet  *self);
/* RFC 4180 CSV (CRLF line ends, a header line when @header). */
gboolean          trib_hs2_result_set_write_csv        (TribHs2ResultSet  *self,
                                                        GOutputStream     *out,
                                                        gboolean           header,
                                                        GCancellable      *cancellable,
                                                        GError           **error);

/* For streaming without keeping batches: CSV of a header and of one batch. NULL is an
 * empty field, an empty string is "". */
void              trib_hs2_csv_append_header           (GPtrArray         *schema,
                                                        GString           *out);
void              trib_hs2_csv_append_batch            (TribHs2Batch      *batch,
                                                        GString           *out);
void              trib_hs2_csv_append_field            (GString           *out,
                                                        const char        *value,
                                                        gssize             len);

#define TRIB_TYPE_HS2_ROW (trib_hs2_row_get_type ())

G_DECLARE_FINAL_TYPE (TribHs2Row, trib_hs2_row, TRIB, HS2_ROW, GObject)

TribHs2ResultSet *trib_hs2_row_get_result_set          (TribHs2Row        *self);
guint             trib_hs2_row_get_index               (TribHs2Row        *self);
gboolean          trib_hs2_row_is_null                 (TribHs2Row        *self,
                                                        guint              column);
char             *trib_hs2_row_dup_text                (TribHs2Row        *self,
                                                        guint              column);

G_END_DECLS
