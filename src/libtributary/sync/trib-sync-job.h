/* trib-sync-job.h: a batch sync job (DataWorks script mode or DataX JSON), validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "trib-sync-config.h"

G_BEGIN_DECLS

/* Resolves scheduling parameters in one string value of a reader or writer parameter
 * (`${bizdate}` in object names, where clauses, file paths). Returns a new string, or
 * NULL with @error set; the job then fails naming the key. */
typedef char *(*TribSyncParamFunc) (const char  *value,
                                    gpointer     user_data,
                                    GError     **error);

#define TRIB_TYPE_SYNC_JOB (trib_sync_job_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncJob, trib_sync_job, TRIB, SYNC_JOB, GObject)

/* Parses and checks a job. Every problem found statically is reported, one per line,
 * each as "JSON.PATH: what is wrong" (e.g. `steps[1].parameter.writeMode: unknown write
 * mode "overwrite" (truncate, append or nonConflict)`), in TRIB_SYNC_ERROR_INVALID_JOB.
 * @param_func, if given, rewrites every string of the reader and writer parameters. */
TribSyncJob        *trib_sync_job_new_from_json      (JsonNode           *root,
                                                      TribSyncParamFunc   param_func,
                                                      gpointer            user_data,
                                                      GError            **error);
TribSyncJob        *trib_sync_job_new_from_string    (const char         *text,
                                                      gssize              length,
                                                      TribSyncParamFunc   param_func,
                                                      gpointer            user_data,
                                                      GError            **error);

/* TRUE for the open-source DataX shape ({"job": {"content": [...]}}). */
gboolean            trib_sync_job_is_datax_shape     (TribSyncJob        *self);

TribSyncReaderKind  trib_sync_job_get_reader_kind    (TribSyncJob        *self);
/* The step type as DataWorks names it: "mysql", "httpfile", "oss"... */
const char         *trib_sync_job_get_reader_type    (TribSyncJob        *self);
const char         *trib_sync_job_get_writer_type    (TribSyncJob        *self);
/* NULL unless the reader is of that kind. */
const TribSyncMysqlReaderConfig  *trib_sync_job_get_mysql_reader  (TribSyncJob *self);
const TribSyncFileReaderConfig   *trib_sync_job_get_file_reader   (TribSyncJob *self);
TribSyncWriterKind  trib_sync_job_get_writer_kind    (TribSyncJob        *self);
const TribSyncObjectWriterConfig *trib_sync_job_get_object_writer (TribSyncJob *self);

/* Channels (DataWorks "concurrent", DataX "channel" or derived from byte/record). */
guint               trib_sync_job_get_channels       (TribSyncJob        *self);
/* Rate caps; 0 = none. */
guint64             trib_sync_job_get_byte_rate      (TribSyncJob        *self);
guint64             trib_sync_job_get_record_rate    (TribSyncJob        *self);
/* errorLimit.record, or -1 when not set. */
gint64              trib_sync_job_get_error_limit_records    (TribSyncJob *self);
/* errorLimit.percentage as a fraction 0..1, or a negative number when not set. */
double              trib_sync_job_get_error_limit_percentage (TribSyncJob *self);
/* The JSON path of the errorLimit object, "setting.errorLimit" or "job.setting.errorLimit". */
const char         *trib_sync_job_get_error_limit_path (TribSyncJob      *self);

/* Names of the data sources the job uses, without duplicates. */
GStrv               trib_sync_job_dup_datasources    (TribSyncJob        *self);
/* Things accepted but ignored (fetchSize, unsupported keys), one sentence each. */
const char * const *trib_sync_job_get_warnings       (TribSyncJob        *self);

G_END_DECLS
