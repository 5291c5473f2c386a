/* trib-hs2-requests.c: TCLIService calls, written as strict binary CALL messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-hs2-protocol.h"

static void
begin_call (GByteArray *buf,
            TribHs2Rpc  rpc,
            gint32      seqid)
{
  trib_thrift_write_message_begin (buf, trib_hs2_rpc_name (rpc), TRIB_THRIFT_CALL, seqid);
  /* <Method>_args { 1: req } */
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 1);
}

static void
end_call (GByteArray *buf)
{
  trib_thrift_write_stop (buf);   /* req */
  trib_thrift_write_stop (buf);   /* args */
}

static void
write_handle_id (GByteArray            *buf,
                 gint16                 field,
                 const TribHs2HandleId *id)
{
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, field);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 1);
  trib_thrift_write_binary (buf, id->guid, 16);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 2);
  trib_thrift_write_binary (buf, id->secret, 16);
  trib_thrift_write_stop (buf);
}

static void
write_session_handle (GByteArray            *buf,
                      const TribHs2HandleId *session)
{
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 1);
  write_handle_id (buf, 1, session);
  trib_thrift_write_stop (buf);
}

static void
write_operation_handle (GByteArray                   *buf,
                        const TribHs2OperationHandle *op)
{
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 1);
  write_handle_id (buf, 1, &op->id);
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 2);
  trib_thrift_write_i32 (buf, op->operation_type);
  trib_thrift_write_field (buf, TRIB_THRIFT_BOOL, 3);
  trib_thrift_write_bool (buf, op->has_result_set);
  trib_thrift_write_stop (buf);
}

static void
write_string_field (GByteArray *buf,
                    gint16      id,
                    const char *value)
{
  if (value == NULL)
    return;
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, id);
  trib_thrift_write_string (buf, value);
}

static void
write_string_map (GByteArray *buf,
                  gint16      id,
                  GHashTable *map)
{
  GHashTableIter iter;
  gpointer k, v;

  if (map == NULL)
    return;
  trib_thrift_write_field (buf, TRIB_THRIFT_MAP, id);
  trib_thrift_write_map_begin (buf, TRIB_THRIFT_STRING, TRIB_THRIFT_STRING, g_hash_table_size (map));
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      trib_thrift_write_string (buf, k);
      trib_thrift_write_string (buf, v);
    }
}

void
trib_hs2_write_open_session (GByteArray                   *buf,
                             gint32                        seqid,
                             const TribHs2OpenSessionArgs *args)
{
  begin_call (buf, TRIB_HS2_RPC_OPEN_SESSION, seqid);
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 1);
  trib_thrift_write_i32 (buf, args->protocol);
  write_string_field (buf, 2, args->username);
  write_string_field (buf, 3, args->password);
  write_string_map (buf, 4, args->configuration);
  end_call (buf);
}

void
trib_hs2_write_session_call (GByteArray            *buf,
                             gint32                 seqid,
                             TribHs2Rpc             rpc,
                             const TribHs2HandleId *session)
{
  begin_call (buf, rpc, seqid);
  write_session_handle (buf, session);
  end_call (buf);
}

void
trib_hs2_write_get_info (GByteArray            *buf,
                         gint32                 seqid,
                         const TribHs2HandleId *session,
                         gint32                 info_type)
{
  begin_call (buf, TRIB_HS2_RPC_GET_INFO, seqid);
  write_session_handle (buf, session);
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 2);
  trib_thrift_write_i32 (buf, info_type);
  end_call (buf);
}

void
trib_hs2_write_execute (GByteArray            *buf,
                        gint32                 seqid,
                        const TribHs2HandleId *session,
                        const char            *statement,
                        GHashTable            *conf_overlay,
                        gboolean               run_async,
                        gint64                 query_timeout)
{
  begin_call (buf, TRIB_HS2_RPC_EXECUTE_STATEMENT, seqid);
  write_session_handle (buf, session);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 2);
  trib_thrift_write_string (buf, statement);
  write_string_map (buf, 3, conf_overlay);
  trib_thrift_write_field (buf, TRIB_THRIFT_BOOL, 4);
  trib_thrift_write_bool (buf, run_async);
  if (query_timeout > 0)
    {
      trib_thrift_write_field (buf, TRIB_THRIFT_I64, 5);
      trib_thrift_write_i64 (buf, query_timeout);
    }
  end_call (buf);
}

void
trib_hs2_write_get_metadata (GByteArray              *buf,
                             gint32                   seqid,
                             TribHs2Rpc               rpc,
                             const TribHs2HandleId   *session,
                             const char              *catalog,
                             const char              *schema,
                             const char              *table,
                             const char              *column,
                             const char * const      *table_types)
{
  begin_call (buf, rpc, seqid);
  write_session_handle (buf, session);
  if (rpc == TRIB_HS2_RPC_GET_SCHEMAS || rpc == TRIB_HS2_RPC_GET_TABLES ||
      rpc == TRIB_HS2_RPC_GET_COLUMNS)
    {
      write_string_field (buf, 2, catalog);
      write_string_field (buf, 3, schema);
    }
  if (rpc == TRIB_HS2_RPC_GET_TABLES || rpc == TRIB_HS2_RPC_GET_COLUMNS)
    write_string_field (buf, 4, table);
  if (rpc == TRIB_HS2_RPC_GET_COLUMNS)
    write_string_field (buf, 5, column);
  if (rpc == TRIB_HS2_RPC_GET_TABLES && table_types != NULL)
    {
      guint n = g_strv_length ((char **) table_types);

      trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 5);
      trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRING, n);
      for (guint i = 0; i < n; i++)
        trib_thrift_write_string (buf, table_types[i]);
    }
  end_call (buf);
}

void
trib_hs2_write_operation_call (GByteArray                   *buf,
                               gint32                        seqid,
                               TribHs2Rpc                    rpc,
                               const TribHs2OperationHandle *op)
{
  begin_call (buf, rpc, seqid);
  write_operation_handle (buf, op);
  end_call (buf);
}

void
trib_hs2_write_get_status (GByteArray                   *buf,
                           gint32                        seqid,
                           const TribHs2OperationHandle *op,
                           gboolean                      progress)
{
  begin_call (buf, TRIB_HS2_RPC_GET_OPERATION_STATUS, seqid);
  write_operation_handle (buf, op);
  if (progress)
    {
      trib_thrift_write_field (buf, TRIB_THRIFT_BOOL, 2);
      trib_thrift_write_bool (buf, TRUE);
    }
  end_call (buf);
}

void
trib_hs2_write_fetch (GByteArray                   *buf,
                      gint32                        seqid,
                      const TribHs2OperationHandle *op,
                      gint32                        orientation,
                      gint64                        max_rows,
                      gint16                        fetch_type)
{
  begin_call (buf, TRIB_HS2_RPC_FETCH_RESULTS, seqid);
  write_operation_handle (buf, op);
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 2);
  trib_thrift_write_i32 (buf, orientation);
  trib_thrift_write_field (buf, TRIB_THRIFT_I64, 3);
  trib_thrift_write_i64 (buf, max_rows);
  trib_thrift_write_field (buf, TRIB_THRIFT_I16, 4);
  trib_thrift_write_i16 (buf, fetch_type);
  end_call (buf);
}

