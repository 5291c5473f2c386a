/* trib-sync-job-private.h: the parsing helpers shared by the job's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "trib-sync-job.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray         *errors;     /* "path: message" */
  GPtrArray         *warnings;
  TribSyncParamFunc  param_func;
  gpointer           param_data;
} TribSyncParser;

void      _trib_sync_parser_error       (TribSyncParser  *p,
                                         const char      *path,
                                         const char      *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void      _trib_sync_parser_warning     (TribSyncParser  *p,
                                         const char      *path,
                                         const char      *format,
                                         ...) G_GNUC_PRINTF (3, 4);

char     *_trib_sync_path               (const char      *base,
                                         const char      *key);
char     *_trib_sync_path_index         (const char      *base,
                                         guint            index);

/* Member readers. Each returns TRUE when the member is present with a usable value,
 * FALSE when absent (null and "" count as absent for numbers and booleans) or wrong,
 * in which case an error naming the path was recorded. Strings go through the
 * parameter function when @substitute is TRUE. */
gboolean  _trib_sync_get_string         (TribSyncParser  *p,
                                         JsonObject      *object,
                                         const char      *member,
                                         const char      *base,
                                         gboolean         substitute,
                                         char           **value);
gboolean  _trib_sync_get_int            (TribSyncParser  *p,
                                         JsonObject      *object,
                                         const char      *member,
                                         const char      *base,
                                         gint64           minimum,
                                         gint64          *value);
/* The same, with a maximum: the message gives the whole range. */
gboolean  _trib_sync_get_int_range      (TribSyncParser  *p,
                                         JsonObject      *object,
                                         const char      *member,
                                         const char      *base,
                                         gint64           minimum,
                                         gint64           maximum,
                                         gint64          *value);
gboolean  _trib_sync_get_double         (TribSyncParser  *p,
                                         JsonObject      *object,
                                         const char      *member,
                                         const char      *base,
                                         double          *value);
gboolean  _trib_sync_get_bool           (TribSyncParser  *p,
                                         JsonObject      *object,
                                         const char      *member,
                                         const char      *base,
                                         gboolean        *value);
/* A string or an array of strings. */
gboolean  _trib_sync_get_string_list    (TribSyncParser  *p,
                                         JsonObject      *object,
                                         const char      *member,
                                         const char      *base,
                                         gboolean         substitute,
                                         GStrv           *value);
gboolean  _trib_sync_has_member         (JsonObject      *object,
                                         const char      *member);

/* Inline credentials are refused: a data source is referenced by name. */
void      _trib_sync_check_no_credentials (TribSyncParser *p,
                                           JsonObject     *parameter,
                                           const char     *base);

gboolean  _trib_sync_parse_mysql_reader (TribSyncParser             *p,
                                         JsonObject                 *parameter,
                                         const char                 *base,
                                         TribSyncMysqlReaderConfig  *config);
gboolean  _trib_sync_parse_file_reader  (TribSyncParser             *p,
                                         JsonObject                 *parameter,
                                         const char                 *base,
                                         TribSyncFileReaderConfig   *config);
gboolean  _trib_sync_parse_object_writer (TribSyncParser            *p,
                                          JsonObject                *parameter,
                                          const char                *base,
                                          TribSyncObjectWriterConfig *config);

void      _trib_sync_mysql_reader_config_clear  (TribSyncMysqlReaderConfig  *config);
void      _trib_sync_file_reader_config_clear   (TribSyncFileReaderConfig   *config);
void      _trib_sync_object_writer_config_clear (TribSyncObjectWriterConfig *config);
void      _trib_sync_column_spec_free           (TribSyncColumnSpec         *spec);

G_END_DECLS
