/* trib-sync-config.h: the internal model of a sync job's reader, writer and settings
 *
 * Both job shapes (DataWorks script mode and open-source DataX) are converted to these
 * plain structures by TribSyncJob. They are read-only once the job is built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most channels (parallel reader connections) one job may open, as DataWorks caps a
 * job's concurrency at 32: more would exhaust a source database's connections. */
#define TRIB_SYNC_MAX_CHANNELS 32

/* DataX's column types. Every value travels as text in its DataX string form
 * (see trib-sync-record.h); the type says how a writer may reformat it. */
typedef enum
{
  TRIB_SYNC_TYPE_STRING,
  TRIB_SYNC_TYPE_LONG,
  TRIB_SYNC_TYPE_DOUBLE,
  TRIB_SYNC_TYPE_BOOL,
  TRIB_SYNC_TYPE_DATE,
  TRIB_SYNC_TYPE_BYTES,
} TribSyncType;

const char *trib_sync_type_to_string   (TribSyncType  type);
/* "string", "long", "double", "boolean"/"bool", "date", "bytes", any case. */
gboolean    trib_sync_type_from_string (const char   *name,
                                        TribSyncType *type);

typedef enum
{
  TRIB_SYNC_READER_MYSQL,
  TRIB_SYNC_READER_HTTPFILE,
} TribSyncReaderKind;

typedef enum
{
  /* Object storage: an S3/OSS bucket or a local folder, as the data source says. */
  TRIB_SYNC_WRITER_OBJECT,
} TribSyncWriterKind;

typedef enum
{
  TRIB_SYNC_FILE_FORMAT_TEXT,  /* fields split on / joined by the delimiter, no quoting */
  TRIB_SYNC_FILE_FORMAT_CSV,   /* RFC 4180 quoting with '"' */
} TribSyncFileFormat;

typedef enum
{
  TRIB_SYNC_COMPRESS_NONE,
  TRIB_SYNC_COMPRESS_GZIP,
  TRIB_SYNC_COMPRESS_BZIP2,
  TRIB_SYNC_COMPRESS_ZIP,
} TribSyncCompress;

const char *trib_sync_compress_to_string (TribSyncCompress compress);

typedef enum
{
  TRIB_SYNC_WRITE_MODE_TRUNCATE,     /* replace every object under the prefix */
  TRIB_SYNC_WRITE_MODE_APPEND,       /* add new objects with a unique suffix */
  TRIB_SYNC_WRITE_MODE_NON_CONFLICT, /* fail if any object has the prefix */
} TribSyncWriteMode;

const char *trib_sync_write_mode_to_string (TribSyncWriteMode mode);

/* One entry of a file reader's "column": a field by index, or a constant. */
typedef struct
{
  int           index;   /* 0-based field index, -1 for a constant */
  TribSyncType  type;
  char         *value;   /* the constant, when index is -1 */
  char         *format;  /* a Java SimpleDateFormat pattern for dates, or NULL */
} TribSyncColumnSpec;

/* How text is parsed by a file reader. */
typedef struct
{
  TribSyncFileFormat  file_format;
  char               *field_delimiter;  /* one or more bytes, never empty */
  char               *line_delimiter;   /* NULL: "\n", with a "\r" before it dropped */
  char               *encoding;         /* as written, e.g. "UTF-8", "GBK" */
  char               *null_format;      /* a field equal to this is NULL; NULL for none */
  gboolean            skip_header;
  TribSyncCompress    compress;
  GPtrArray          *columns;          /* of TribSyncColumnSpec; NULL for ["*"] */
} TribSyncTextInput;

/* How records are written as text by a writer. */
typedef struct
{
  TribSyncFileFormat  file_format;
  char               *field_delimiter;
  char               *line_delimiter;   /* "\n" by default */
  char               *encoding;
  char               *null_format;      /* "\N" by default */
  char               *date_format;      /* Java SimpleDateFormat pattern, or NULL */
  GStrv               header;           /* NULL for no header line */
  /* fileFormat text only: a value holding the field delimiter or a line break makes a
   * line that does not split back into the record. FALSE: written raw (as DataX does),
   * counted and reported; TRUE ("ambiguousRecords": "dirty"): a dirty record. */
  gboolean            ambiguous_is_dirty;
} TribSyncTextOutput;

typedef struct
{
  char  *datasource;   /* the connection's own data source, or the reader's */
  GStrv  tables;
  GStrv  query_sqls;
  char  *path;         /* JSON path of this connection entry, for errors */
} TribSyncMysqlConnection;

typedef struct
{
  char       *datasource;
  GPtrArray  *connections;  /* of TribSyncMysqlConnection */
  GStrv       columns;      /* NULL when querySql is used */
  char       *where;        /* NULL or non-blank */
  char       *split_pk;     /* NULL: no splitting */
  guint       split_factor;
  char       *path;         /* JSON path of the parameter block, e.g. "steps[0].parameter" */
} TribSyncMysqlReaderConfig;

typedef struct
{
  char              *datasource;
  char              *file_name;        /* path under the data source's base URL */
  char              *request_method;   /* "GET" or "POST" */
  char              *request_body;
  GStrv              request_headers;  /* "Name: value" */
  guint              connect_timeout;  /* seconds */
  guint              socket_timeout;   /* seconds */
  TribSyncTextInput  input;
  char              *path;
} TribSyncFileReaderConfig;

typedef struct
{
  char               *datasource;
  char               *object;             /* name (single object) or prefix */
  TribSyncWriteMode   write_mode;
  gboolean            write_single_object;
  gboolean            generate_empty_file;
  guint64             max_file_size;      /* bytes; 0 = no rolling */
  char               *suffix;             /* appended to every name, with a '.', or NULL */
  TribSyncTextOutput  output;
  char               *path;
} TribSyncObjectWriterConfig;

G_END_DECLS
