/* trib-query-run-record.h: one run of an ad hoc query, as the history keeps it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRIB_TYPE_QUERY_RUN_RECORD (trib_query_run_record_get_type ())

G_DECLARE_FINAL_TYPE (TribQueryRunRecord, trib_query_run_record, TRIB, QUERY_RUN_RECORD, GObject)

/* Outcomes: "success", "failed", "cancelled". Times in microseconds since the epoch;
 * @rows -1 when the statement returned none. Immutable: may be passed between threads. */
TribQueryRunRecord *trib_query_run_record_new          (gint64       id,
                                                        const char  *query_name,
                                                        const char  *data_source,
                                                        const char  *sql,
                                                        const char  *parameters,
                                                        gint64       started,
                                                        gint64       duration,
                                                        gint64       rows,
                                                        const char  *outcome,
                                                        const char  *message);
gint64      trib_query_run_record_get_id          (TribQueryRunRecord *self);
const char *trib_query_run_record_get_query_name  (TribQueryRunRecord *self);
const char *trib_query_run_record_get_data_source (TribQueryRunRecord *self);
const char *trib_query_run_record_get_sql         (TribQueryRunRecord *self);
const char *trib_query_run_record_get_parameters  (TribQueryRunRecord *self);
gint64      trib_query_run_record_get_started     (TribQueryRunRecord *self);
gint64      trib_query_run_record_get_duration    (TribQueryRunRecord *self);
gint64      trib_query_run_record_get_rows        (TribQueryRunRecord *self);
const char *trib_query_run_record_get_outcome     (TribQueryRunRecord *self);
const char *trib_query_run_record_get_message     (TribQueryRunRecord *self);

G_END_DECLS
