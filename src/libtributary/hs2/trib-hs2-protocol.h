/* trib-hs2-protocol.h: TCLIService messages (hs2-protocol.md §1) on top of the codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-hs2-batch.h"
#include "trib-hs2-codec.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_HS2_PROTOCOL_V1 = 0,
  TRIB_HS2_PROTOCOL_V6 = 5,    /* columnar row sets */
  TRIB_HS2_PROTOCOL_V10 = 9,   /* progress in GetOperationStatus */
  TRIB_HS2_PROTOCOL_V11 = 10,
} TribHs2ProtocolVersion;

typedef enum
{
  TRIB_HS2_STATUS_SUCCESS = 0,
  TRIB_HS2_STATUS_SUCCESS_WITH_INFO = 1,
  TRIB_HS2_STATUS_STILL_EXECUTING = 2,
  TRIB_HS2_STATUS_ERROR = 3,
  TRIB_HS2_STATUS_INVALID_HANDLE = 4,
} TribHs2StatusCode;

typedef enum
{
  TRIB_HS2_STATE_INITIALIZED = 0,
  TRIB_HS2_STATE_RUNNING = 1,
  TRIB_HS2_STATE_FINISHED = 2,
  TRIB_HS2_STATE_CANCELED = 3,
  TRIB_HS2_STATE_CLOSED = 4,
  TRIB_HS2_STATE_ERROR = 5,
  TRIB_HS2_STATE_UNKNOWN = 6,
  TRIB_HS2_STATE_PENDING = 7,
  TRIB_HS2_STATE_TIMEDOUT = 8,
} TribHs2OperationState;

typedef enum
{
  TRIB_HS2_TYPE_BOOLEAN = 0, TRIB_HS2_TYPE_TINYINT, TRIB_HS2_TYPE_SMALLINT, TRIB_HS2_TYPE_INT,
  TRIB_HS2_TYPE_BIGINT, TRIB_HS2_TYPE_FLOAT, TRIB_HS2_TYPE_DOUBLE, TRIB_HS2_TYPE_STRING,
  TRIB_HS2_TYPE_TIMESTAMP, TRIB_HS2_TYPE_BINARY, TRIB_HS2_TYPE_ARRAY, TRIB_HS2_TYPE_MAP,
  TRIB_HS2_TYPE_STRUCT, TRIB_HS2_TYPE_UNION, TRIB_HS2_TYPE_USER_DEFINED, TRIB_HS2_TYPE_DECIMAL,
  TRIB_HS2_TYPE_NULL, TRIB_HS2_TYPE_DATE, TRIB_HS2_TYPE_VARCHAR, TRIB_HS2_TYPE_CHAR,
  TRIB_HS2_TYPE_INTERVAL_YEAR_MONTH, TRIB_HS2_TYPE_INTERVAL_DAY_TIME, TRIB_HS2_TYPE_TIMESTAMPTZ,
} TribHs2TypeId;

typedef enum
{
  TRIB_HS2_INFO_SERVER_NAME = 13,
  TRIB_HS2_INFO_DBMS_NAME = 17,
  TRIB_HS2_INFO_DBMS_VER = 18,
} TribHs2InfoType;

typedef enum
{
  TRIB_HS2_RPC_OPEN_SESSION,
  TRIB_HS2_RPC_CLOSE_SESSION,
  TRIB_HS2_RPC_GET_INFO,
  TRIB_HS2_RPC_EXECUTE_STATEMENT,
  TRIB_HS2_RPC_GET_TYPE_INFO,
  TRIB_HS2_RPC_GET_CATALOGS,
  TRIB_HS2_RPC_GET_SCHEMAS,
  TRIB_HS2_RPC_GET_TABLES,
  TRIB_HS2_RPC_GET_COLUMNS,
  TRIB_HS2_RPC_GET_OPERATION_STATUS,
  TRIB_HS2_RPC_CANCEL_OPERATION,
  TRIB_HS2_RPC_CLOSE_OPERATION,
  TRIB_HS2_RPC_GET_RESULT_SET_METADATA,
  TRIB_HS2_RPC_FETCH_RESULTS,
} TribHs2Rpc;

const char *trib_hs2_rpc_name (TribHs2Rpc rpc);

typedef struct
{
  guint8 guid[16];
  guint8 secret[16];
} TribHs2HandleId;

typedef struct
{
  TribHs2HandleId id;
  gint32          operation_type;
  gboolean        has_result_set;
} TribHs2OperationHandle;

typedef struct
{
  char    *name;
  gint32   type_id;
  char    *type_name;     /* "DECIMAL(10,2)", "VARCHAR(20)", "ARRAY"... */
  gint32   position;
  char    *comment;
  gint32   precision;     /* -1 when not sent */
  gint32   scale;
  gint32   max_length;
} TribHs2ColumnDesc;

void        trib_hs2_column_desc_free     (TribHs2ColumnDesc *desc);
/* "BOOLEAN" ... "TIMESTAMP WITH LOCAL TIME ZONE", for a TTypeId. */
const char *trib_hs2_type_id_to_string    (gint32             type_id);

/* Everything any TCLIService response may carry; which fields are set depends on the RPC. */
typedef struct
{
  gint32                  status_code;
  char                   *sql_state;
  gint32                  error_code;
  char                   *error_message;
  GPtrArray              *info_messages;

  gint32                  server_protocol;          /* OpenSession */
  gboolean                has_session;
  TribHs2HandleId         session;
  GHashTable             *configuration;

  gboolean                has_info;                 /* GetInfo */
  char                   *info_string;
  gint64                  info_int;

  gboolean                has_operation;            /* ExecuteStatement, Get* */
  TribHs2OperationHandle  operation;

  gint32                  operation_state;          /* GetOperationStatus; -1 if unset */
  char                   *task_status;
  gint64                  operation_started;
  gint64                  operation_completed;
  gint                    has_result_set;           /* -1 unset, 0, 1 */
  double                  progress;                 /* 0..1, or -1 */
  gint64                  num_modified_rows;        /* -1 unset */

  GPtrArray              *schema;                   /* GetResultSetMetadata: TribHs2ColumnDesc */

  gint                    has_more_rows;            /* FetchResults: -1 unset, 0, 1 */
  TribHs2Batch           *batch;
} TribHs2Response;

void              trib_hs2_response_clear   (TribHs2Response *resp);

/* Request builders: each writes a whole CALL message into @buf. */
typedef struct
{
  gint32        protocol;
  const char   *username;
  const char   *password;
  GHashTable   *configuration;
} TribHs2OpenSessionArgs;

void  trib_hs2_write_open_session     (GByteArray *buf, gint32 seqid, const TribHs2OpenSessionArgs *args);
void  trib_hs2_write_session_call     (GByteArray *buf, gint32 seqid, TribHs2Rpc rpc,
                                       const TribHs2HandleId *session);
void  trib_hs2_write_get_info         (GByteArray *buf, gint32 seqid, const TribHs2HandleId *session,
                                       gint32 info_type);
void  trib_hs2_write_execute          (GByteArray *buf, gint32 seqid, const TribHs2HandleId *session,
                                       const char *statement, GHashTable *conf_overlay,
                                       gboolean run_async, gint64 query_timeout);
/* GetSchemas, GetTables (types may be NULL), GetColumns: NULL strings are left out. */
void  trib_hs2_write_get_metadata     (GByteArray *buf, gint32 seqid, TribHs2Rpc rpc,
                                       const TribHs2HandleId *session,
                                       const char *catalog, const char *schema,
                                       const char *table, const char *column,
                                       const char * const *table_types);
void  trib_hs2_write_operation_call   (GByteArray *buf, gint32 seqid, TribHs2Rpc rpc,
                                       const TribHs2OperationHandle *op);
void  trib_hs2_write_get_status       (GByteArray *buf, gint32 seqid, const TribHs2OperationHandle *op,
                                       gboolean progress);
void  trib_hs2_write_fetch            (GByteArray *buf, gint32 seqid, const TribHs2OperationHandle *op,
                                       gint32 orientation, gint64 max_rows, gint16 fetch_type);

/* Decodes a whole reply message for @rpc with @seqid. A TApplicationException becomes a
 * TRIB_HS2_ERROR_APPLICATION error. The TStatus is not interpreted here. */
gboolean trib_hs2_read_response       (TribThriftReader *r,
                                       TribHs2Rpc        rpc,
                                       gint32            seqid,
                                       TribHs2Response  *resp,
                                       GError          **error);

/* Turns a TStatus of ERROR / INVALID_HANDLE into an error naming SQLSTATE and code. */
gboolean trib_hs2_response_check      (TribHs2Response  *resp,
                                       TribHs2Rpc        rpc,
                                       GError          **error);

G_END_DECLS
