/* trib-sync-form.h: a batch sync job as the DataWorks codeless form shows it
 *
 * The form is a plain structure the editor binds its rows to. It converts both ways:
 *
 * - trib_sync_form_new_from_text() reads a script-mode job ({"steps": [...]}) or a DataX
 *   job ({"job": {"content": [...]}}). A job that uses anything the form has no row for
 *   fails with TRIB_SYNC_ERROR_FORM_UNSUPPORTED and the exact JSON paths of those keys
 *   (`steps[0].parameter.querySql`), so the editor stays in script mode.
 * - trib_sync_form_to_text() writes the script-mode job in the canonical form the demo
 *   workspace uses (trib_json_to_string() without its final newline): filling a fresh
 *   form with the tutorial's values gives the demo's jobs byte for byte.
 *
 * Strings are owned (g_free); NULL means "key absent" where the key is optional.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-sync-config.h"

G_BEGIN_DECLS

/* One entry of the reader's column list. Its position in the list is the destination
 * position (the field mapping): the writer writes the fields in this order. */
typedef struct
{
  char *name;   /* MySQL: the column name; file: NULL */
  int   index;  /* file: the 0-based field index; MySQL: -1 */
  char *type;   /* file: "string", "long", "double", "boolean", "date" or "bytes"; MySQL: NULL */
} TribSyncFormColumn;

TribSyncFormColumn *trib_sync_form_column_new_mysql (const char *name);
TribSyncFormColumn *trib_sync_form_column_new_file  (int         index,
                                                     const char *type);
TribSyncFormColumn *trib_sync_form_column_copy      (const TribSyncFormColumn *column);
void                trib_sync_form_column_free      (TribSyncFormColumn *column);

typedef struct
{
  /* 1. Source and destination */
  TribSyncReaderKind  reader_kind;
  char               *reader_datasource;
  char               *writer_type;          /* "oss" or "s3" */
  char               *writer_datasource;

  /* 2. Source settings: MySQL */
  char               *table;
  char               *where;                /* "" when empty, as DataWorks writes it */
  char               *split_pk;             /* NULL: no split key */

  /* 2. Source settings: HTTP file */
  char               *file_name;
  char               *file_format;          /* "text" or "csv" */
  char               *field_delimiter;
  char               *compress;             /* "none", "gzip", "bzip2" or "zip" */
  gboolean            skip_header;
  char               *null_format;          /* NULL: none */

  /* Both readers */
  char               *reader_encoding;      /* NULL: not written (the engine's UTF-8) */
  GPtrArray          *columns;              /* of TribSyncFormColumn: 4. Field mapping */

  /* 3. Destination settings */
  char               *object;               /* with ${...} variables */
  char               *writer_file_format;   /* "text" or "csv" */
  char               *writer_encoding;
  char               *writer_field_delimiter;
  char               *writer_null_format;   /* NULL: not written */
  GStrv               header;               /* NULL: no header line */
  char               *write_mode;           /* "truncate", "append" or "nonConflict" */
  gboolean            write_single_object;

  /* 5. Channel control */
  guint               concurrent;           /* 1..TRIB_SYNC_MAX_CHANNELS */
  gint64              error_limit_records;  /* -1: no limit */
  gboolean            throttle;
  double              mbps;                 /* the rate cap when throttle is TRUE */

  /* Where the job came from: a DataX job is rewritten in script mode only when edited. */
  gboolean            datax_shape;
  char               *reader_name;          /* the steps' names, "Reader" and "Writer" */
  char               *writer_name;
} TribSyncForm;

/* A fresh form with DataWorks' defaults for @reader_kind (UTF-8, text, "|", truncate,
 * one object, concurrency 2, no dirty records, no throttle). */
TribSyncForm *trib_sync_form_new            (TribSyncReaderKind   reader_kind);
TribSyncForm *trib_sync_form_copy           (const TribSyncForm  *form);
void          trib_sync_form_free           (TribSyncForm        *form);
gboolean      trib_sync_form_equal          (const TribSyncForm  *a,
                                             const TribSyncForm  *b);

/* Reads @text. Fails with TRIB_SYNC_ERROR_INVALID_JOB (the validator's messages, one per
 * line) when the job is malformed or invalid, or with TRIB_SYNC_ERROR_FORM_UNSUPPORTED
 * when it uses keys the form has no row for; @unsupported_keys then holds their JSON paths
 * and the message lists them. */
TribSyncForm *trib_sync_form_new_from_text  (const char          *text,
                                             GStrv               *unsupported_keys,
                                             GError             **error);

/* The script-mode job, canonical, without a final newline. Always a well-formed job;
 * whether it is valid is for trib_sync_check_text() to say. */
char         *trib_sync_form_to_text        (const TribSyncForm  *form);

/* Reorders the columns so that each destination header name gets the source column of
 * that name ("map by name"); columns without a header of their name keep their order
 * after those. Without a header, or for a file reader, the order is the source's ("map
 * by row": MySQL columns as given in @source_order, file fields by index). */
void          trib_sync_form_map_by_name    (TribSyncForm        *form);
void          trib_sync_form_map_by_row     (TribSyncForm        *form,
                                             const char * const  *source_order);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncForm, trib_sync_form_free)

/* A problem of a job's text, placed in it so an editor can underline it. */
typedef struct
{
  char  *path;     /* "steps[1].parameter.object"; NULL for a JSON syntax error */
  char  *message;  /* the whole line as `tributary-cli validate` gives it after "script.content: " */
  gsize  start;    /* byte range of the offending value (or of the key whose value is missing) */
  gsize  end;
  guint  line;     /* 1-based */
  guint  column;   /* 1-based, in characters */
} TribSyncProblem;

void          trib_sync_problem_free        (TribSyncProblem     *problem);

/* Checks @text with the sync job validator. Returns the problems (an empty array when the
 * job is valid), in the validator's order. */
GPtrArray    *trib_sync_check_text          (const char          *text);

/* The byte range of the value at @path (`steps[1].parameter.object`) in the JSON @text.
 * When the path does not exist, the range of the deepest member that does (its key) and
 * FALSE. */
gboolean      trib_sync_locate_path         (const char          *text,
                                             const char          *path,
                                             gsize               *start,
                                             gsize               *end);

G_END_DECLS
