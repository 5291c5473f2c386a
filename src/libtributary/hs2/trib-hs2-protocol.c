/* trib-hs2-protocol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-error.h"
#include "trib-hs2-protocol.h"

static const char * const rpc_names[] = {
  "OpenSession", "CloseSession", "GetInfo", "ExecuteStatement", "GetTypeInfo", "GetCatalogs",
  "GetSchemas", "GetTables", "GetColumns", "GetOperationStatus", "CancelOperation",
  "CloseOperation", "GetResultSetMetadata", "FetchResults",
};

const char *
trib_hs2_rpc_name (TribHs2Rpc rpc)
{
  g_return_val_if_fail ((guint) rpc < G_N_ELEMENTS (rpc_names), "?");
  return rpc_names[rpc];
}

const char *
trib_hs2_type_id_to_string (gint32 type_id)
{
  static const char * const names[] = {
    "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "STRING", "TIMESTAMP",
    "BINARY", "ARRAY", "MAP", "STRUCT", "UNIONTYPE", "USER_DEFINED", "DECIMAL", "NULL", "DATE",
    "VARCHAR", "CHAR", "INTERVAL_YEAR_MONTH", "INTERVAL_DAY_TIME", "TIMESTAMP WITH LOCAL TIME ZONE",
  };

  if (type_id < 0 || type_id >= (gint32) G_N_ELEMENTS (names))
    return "UNKNOWN";
  return names[type_id];
}

void
trib_hs2_column_desc_free (TribHs2ColumnDesc *desc)
{
  if (desc == NULL)
    return;
  g_free (desc->name);
  g_free (desc->type_name);
  g_free (desc->comment);
  g_free (desc);
}

void
trib_hs2_response_clear (TribHs2Response *resp)
{
  g_clear_pointer (&resp->sql_state, g_free);
  g_clear_pointer (&resp->error_message, g_free);
  g_clear_pointer (&resp->info_messages, g_ptr_array_unref);
  g_clear_pointer (&resp->configuration, g_hash_table_unref);
  g_clear_pointer (&resp->info_string, g_free);
  g_clear_pointer (&resp->task_status, g_free);
  g_clear_pointer (&resp->schema, g_ptr_array_unref);
  g_clear_pointer (&resp->batch, trib_hs2_batch_unref);
}

/* Reading */

static gboolean
read_string_list (TribThriftReader  *r,
                  GPtrArray        **out)
{
  guint8 elem;
  guint32 n;

  if (!trib_thrift_reader_enter (r) || !trib_thrift_read_list_begin (r, &elem, &n))
    return FALSE;
  if (n > 0 && elem != TRIB_THRIFT_STRING)
    return trib_thrift_reader_fail (r, "a list of strings holds type %u", elem);
  if (*out == NULL)
    *out = g_ptr_array_new_with_free_func (g_free);
  for (guint32 i = 0; i < n; i++)
    {
      char *s = NULL;

      if (!trib_thrift_read_string (r, &s))
        return FALSE;
      g_ptr_array_add (*out, s);
    }
  trib_thrift_reader_leave (r);
  return TRUE;
}

static gboolean
read_string_map (TribThriftReader  *r,
                 GHashTable       **out)
{
  guint8 k, v;
  guint32 n;

  if (!trib_thrift_reader_enter (r) || !trib_thrift_read_map_begin (r, &k, &v, &n))
    return FALSE;
  if (n > 0 && (k != TRIB_THRIFT_STRING || v != TRIB_THRIFT_STRING))
    return trib_thrift_reader_fail (r, "a map<string,string> holds other types");
  if (*out == NULL)
    *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      char *key = NULL, *value = NULL;

      if (!trib_thrift_read_string (r, &key) || !trib_thrift_read_string (r, &value))
        {
          g_free (key);
          g_free (value);
          return FALSE;
        }
      g_hash_table_replace (*out, key, value);
    }
  trib_thrift_reader_leave (r);
  return TRUE;
}

static gboolean
status_field (TribThriftReader *r,
              guint8            type,
              gint16            id,
              gpointer          user_data)
{
  TribHs2Response *resp = user_data;

  if (id == 1 && type == TRIB_THRIFT_I32)
    return trib_thrift_read_i32 (r, &resp->status_code);
  if (id == 2 && type == TRIB_THRIFT_LIST)
    return read_string_list (r, &resp->info_messages);
  if (id == 3 && type == TRIB_THRIFT_STRING)
    return trib_thrift_read_string (r, &resp->sql_state);
  if (id == 4 && type == TRIB_THRIFT_I32)
    return trib_thrift_read_i32 (r, &resp->error_code);
  if (id == 5 && type == TRIB_THRIFT_STRING)
    return trib_thrift_read_string (r, &resp->error_message);
  return trib_thrift_skip (r, type);
}

typedef struct
{
  TribHs2HandleId *id;
  guint            seen;
} HandleRead;

static gboolean
handle_id_field (TribThriftReader *r,
                 guint8            type,
                 gint16            id,
                 gpointer          user_data)
{
  HandleRead *hr = user_data;
  const guint8 *data;
  guint32 len;

  if ((id == 1 || id == 2) && type == TRIB_THRIFT_STRING)
    {
      if (!trib_thrift_read_binary (r, &data, &len))
        return FALSE;
      if (len != 16)
        return trib_thrift_reader_fail (r, "a handle identifier of %u bytes instead of 16", len);
      memcpy (id == 1 ? hr->id->guid : hr->id->secret, data, 16);
      hr->seen |= 1u << id;
      return TRUE;
    }
  return trib_thrift_skip (r, type);
}

static gboolean
read_handle_id (TribThriftReader *r,
                TribHs2HandleId  *out)
{
  HandleRead hr = { out, 0 };

  if (!trib_thrift_read_struct (r, handle_id_field, &hr))
    return FALSE;
  if (hr.seen != 6)
    return trib_thrift_reader_fail (r, "a handle without guid or secret");
  return TRUE;
}

static gboolean
session_handle_field (TribThriftReader *r,
                      guint8            type,
                      gint16            id,
                      gpointer          user_data)
{
  TribHs2Response *resp = user_data;

  if (id == 1 && type == TRIB_THRIFT_STRUCT)
    {
      resp->has_session = read_handle_id (r, &resp->session);
      return resp->has_session;
    }
  return trib_thrift_skip (r, type);
}

static gboolean
operation_handle_field (TribThriftReader *r,
                        guint8            type,
                        gint16            id,
                        gpointer          user_data)
{
  TribHs2Response *resp = user_data;

  if (id == 1 && type == TRIB_THRIFT_STRUCT)
    {
      resp->has_operation = read_handle_id (r, &resp->operation.id);
      return resp->has_operation;
    }
  if (id == 2 && type == TRIB_THRIFT_I32)
    return trib_thrift_read_i32 (r, &resp->operation.operation_type);
  if (id == 3 && type == TRIB_THRIFT_BOOL)
    return trib_thrift_read_bool (r, &resp->operation.has_result_set);
  return trib_thrift_skip (r, type);
}

static gboolean
info_value_field (TribThriftReader *r,
                  guint8            type,
                  gint16            id,
                  gpointer          user_data)
{
  TribHs2Response *resp = user_data;

  resp->has_info = TRUE;
  if (id == 1 && type == TRIB_THRIFT_STRING)
    return trib_thrift_read_string (r, &resp->info_string);
  if (id == 2 && type == TRIB_THRIFT_I16)
    {
      gint16 v;
      if (!trib_thrift_read_i16 (r, &v))
        return FALSE;
      resp->info_int = v;
      return TRUE;
    }
  if ((id == 3 || id == 4 || id == 5) && type == TRIB_THRIFT_I32)
    {
      gint32 v;
      if (!trib_thrift_read_i32 (r, &v))
        return FALSE;
      resp->info_int = v;
      return TRUE;
    }
  if (id == 6 && type == TRIB_THRIFT_I64)
    return trib_thrift_read_i64 (r, &resp->info_int);
  return trib_thrift_skip (r, type);
}

static gboolean
progress_field (TribThriftReader *r,
                guint8            type,
                gint16            id,
                gpointer          user_data)
{
  TribHs2Response *resp = user_data;

  if (id == 3 && type == TRIB_THRIFT_DOUBLE)
    {
      if (!trib_thrift_read_double (r, &resp->progress))
        return FALSE;
      if (!(resp->progress >= 0.0 && resp->progress <= 1.0))
        resp->progress = -1;
      return TRUE;
    }
  return trib_thrift_skip (r, type);
}

/* Column descriptions */

typedef struct
{
  TribHs2ColumnDesc *desc;
  char              *qualifier_key;
} DescRead;

static gboolean
qualifier_value_field (TribThriftReader *r,
                       guint8            type,
                       gint16            id,
                       gpointer          user_data)
{
  DescRead *dr = user_data;
  gint32 v;

  if (id == 1 && type == TRIB_THRIFT_I32)
    {
      if (!trib_thrift_read_i32 (r, &v))
        return FALSE;
      if (g_strcmp0 (dr->qualifier_key, "precision") == 0)
        dr->desc->precision = v;
      else if (g_strcmp0 (dr->qualifier_key, "scale") == 0)
        dr->desc->scale = v;
      else if (g_strcmp0 (dr->qualifier_key, "characterMaximumLength") == 0)
        dr->desc->max_length = v;
      return TRUE;
    }
  return trib_thrift_skip (r, type);
}

static gboolean
qualifiers_field (TribThriftReader *r,
                  guint8            type,
                  gint16            id,
                  gpointer          user_data)
{
  DescRead *dr = user_data;
  guint8 k, v;
  guint32 n;

  if (id != 1 || type != TRIB_THRIFT_MAP)
    return trib_thrift_skip (r, type);
  if (!trib_thrift_reader_enter (r) || !trib_thrift_read_map_begin (r, &k, &v, &n))
    return FALSE;
  if (n > 0 && (k != TRIB_THRIFT_STRING || v != TRIB_THRIFT_STRUCT))
    return trib_thrift_reader_fail (r, "type qualifiers of unexpected types");
  for (guint32 i = 0; i < n; i++)
    {
      gboolean ok;

      if (!trib_thrift_read_string (r, &dr->qualifier_key))
        return FALSE;
      ok = trib_thrift_read_struct (r, qualifier_value_field, dr);
      g_clear_pointer (&dr->qualifier_key, g_free);
      if (!ok)
        return FALSE;
    }
  trib_thrift_reader_leave (r);
  return TRUE;
}

static gboolean
primitive_entry_field (TribThriftReader *r,
                       guint8            type,
                       gint16            id,
                       gpointer          user_data)
{
  DescRead *dr = user_data;

  if (id == 1 && type == TRIB_THRIFT_I32)
    return trib_thrift_read_i32 (r, &dr->desc->type_id);
  if (id == 2 && type == TRIB_THRIFT_STRUCT)
    return trib_thrift_read_struct (r, qualifiers_field, dr);
  return trib_thrift_skip (r, type);
}

static gboolean
type_entry_field (TribThriftReader *r,
                  guint8            type,
                  gint16            id,
                  gpointer          user_data)
{
  DescRead *dr = user_data;
  static const gint32 complex_ids[] = { 0, 0, TRIB_HS2_TYPE_ARRAY, TRIB_HS2_TYPE_MAP,
                                        TRIB_HS2_TYPE_STRUCT, TRIB_HS2_TYPE_UNION,
                                        TRIB_HS2_TYPE_USER_DEFINED };

  if (id == 1 && type == TRIB_THRIFT_STRUCT)
    return trib_thrift_read_struct (r, primitive_entry_field, dr);
  if (id >= 2 && id <= 6 && type == TRIB_THRIFT_STRUCT)
    {
      dr->desc->type_id = complex_ids[id];
      return trib_thrift_skip (r, type);
    }
  return trib_thrift_skip (r, type);
}

static gboolean
type_desc_field (TribThriftReader *r,
                 guint8            type,
                 gint16            id,
                 gpointer          user_data)
{
  guint8 elem;
  guint32 n;

  if (id != 1 || type != TRIB_THRIFT_LIST)
    return trib_thrift_skip (r, type);
  if (!trib_thrift_reader_enter (r) || !trib_thrift_read_list_begin (r, &elem, &n))
    return FALSE;
  if (n > 0 && elem != TRIB_THRIFT_STRUCT)
    return trib_thrift_reader_fail (r, "TTypeDesc.types is not a list of structs");
  /* Element 0 is the column's own type; the others describe nested types. */
  for (guint32 i = 0; i < n; i++)
    if (!(i == 0 ? trib_thrift_read_struct (r, type_entry_field, user_data)
                 : trib_thrift_skip (r, elem)))
      return FALSE;
  trib_thrift_reader_leave (r);
  return TRUE;
}

static gboolean
column_desc_field (TribThriftReader *r,
                   guint8            type,
                   gint16            id,
                   gpointer          user_data)
{
  DescRead *dr = user_data;

  if (id == 1 && type == TRIB_THRIFT_STRING)
    return trib_thrift_read_string (r, &dr->desc->name);
  if (id == 2 && type == TRIB_THRIFT_STRUCT)
    return trib_thrift_read_struct (r, type_desc_field, dr);
  if (id == 3 && type == TRIB_THRIFT_I32)
    return trib_thrift_read_i32 (r, &dr->desc->position);
  if (id == 4 && type == TRIB_THRIFT_STRING)
    return trib_thrift_read_string (r, &dr->desc->comment);
  return trib_thrift_skip (r, type);
}

static gboolean
table_schema_field (TribThriftReader *r,
                    guint8            type,
                    gint16            id,
                    gpointer          user_data)
{
  TribHs2Response *resp = user_data;
  guint8 elem;
  guint32 n;

  if (id != 1 || type != TRIB_THRIFT_LIST)
    return trib_thrift_skip (r, type);
  if (!trib_thrift_reader_enter (r) || !trib_thrift_read_list_begin (r, &elem, &n))
    return FALSE;
  if (n > 0 && elem != TRIB_THRIFT_STRUCT)
    return trib_thrift_reader_fail (r, "TTableSchema.columns is not a list of structs");
  g_clear_pointer (&resp->schema, g_ptr_array_unref);
  resp->schema = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_column_desc_free);
  for (guint32 i = 0; i < n; i++)
    {
      TribHs2ColumnDesc *desc = g_new0 (TribHs2ColumnDesc, 1);
      DescRead dr = { desc, NULL };

      desc->type_id = TRIB_HS2_TYPE_STRING;
      desc->precision = desc->scale = desc->max_length = -1;
      g_ptr_array_add (resp->schema, desc);
      if (!trib_thrift_read_struct (r, column_desc_field, &dr))
        {
          g_free (dr.qualifier_key);
          return FALSE;
        }
      if (desc->name == NULL)
        desc->name = g_strdup_printf ("_c%u", i);
      if (desc->type_id == TRIB_HS2_TYPE_DECIMAL && desc->precision >= 0)
        desc->type_name = g_strdup_printf ("DECIMAL(%d,%d)", desc->precision, MAX (desc->scale, 0));
      else if ((desc->type_id == TRIB_HS2_TYPE_VARCHAR || desc->type_id == TRIB_HS2_TYPE_CHAR) &&
               desc->max_length >= 0)
        desc->type_name = g_strdup_printf ("%s(%d)", trib_hs2_type_id_to_string (desc->type_id),
                                           desc->max_length);
      else
        desc->type_name = g_strdup (trib_hs2_type_id_to_string (desc->type_id));
    }
  trib_thrift_reader_leave (r);
  return TRUE;
}

/* The response struct: field meanings depend on the RPC. */

typedef struct
{
  TribHs2Rpc       rpc;
  TribHs2Response *resp;
  gboolean         has_status;
} ResponseRead;

static gboolean
response_field (TribThriftReader *r,
                guint8            type,
                gint16            id,
                gpointer          user_data)
{
  ResponseRead *rr = user_data;
  TribHs2Response *resp = rr->resp;

  if (id == 1 && type == TRIB_THRIFT_STRUCT)
    {
      rr->has_status = TRUE;
      return trib_thrift_read_struct (r, status_field, resp);
    }

  switch (rr->rpc)
    {
    case TRIB_HS2_RPC_OPEN_SESSION:
      if (id == 2 && type == TRIB_THRIFT_I32)
        return trib_thrift_read_i32 (r, &resp->server_protocol);
      if (id == 3 && type == TRIB_THRIFT_STRUCT)
        return trib_thrift_read_struct (r, session_handle_field, resp);
      if (id == 4 && type == TRIB_THRIFT_MAP)
        return read_string_map (r, &resp->configuration);
      break;

    case TRIB_HS2_RPC_GET_INFO:
      if (id == 2 && type == TRIB_THRIFT_STRUCT)
        return trib_thrift_read_struct (r, info_value_field, resp);
      break;

    case TRIB_HS2_RPC_EXECUTE_STATEMENT:
    case TRIB_HS2_RPC_GET_TYPE_INFO:
    case TRIB_HS2_RPC_GET_CATALOGS:
    case TRIB_HS2_RPC_GET_SCHEMAS:
    case TRIB_HS2_RPC_GET_TABLES:
    case TRIB_HS2_RPC_GET_COLUMNS:
      if (id == 2 && type == TRIB_THRIFT_STRUCT)
        return trib_thrift_read_struct (r, operation_handle_field, resp);
      break;

    case TRIB_HS2_RPC_GET_OPERATION_STATUS:
      switch (id)
        {
        case 2:
          if (type == TRIB_THRIFT_I32)
            return trib_thrift_read_i32 (r, &resp->operation_state);
          break;
        case 3:
          if (type == TRIB_THRIFT_STRING)
            return trib_thrift_read_string (r, &resp->sql_state);
          break;
        case 4:
          if (type == TRIB_THRIFT_I32)
            return trib_thrift_read_i32 (r, &resp->error_code);
          break;
        case 5:
          if (type == TRIB_THRIFT_STRING)
            return trib_thrift_read_string (r, &resp->error_message);
          break;
        case 6:
          if (type == TRIB_THRIFT_STRING)
            return trib_thrift_read_string (r, &resp->task_status);
          break;
        case 7:
          if (type == TRIB_THRIFT_I64)
            return trib_thrift_read_i64 (r, &resp->operation_started);
          break;
        case 8:
          if (type == TRIB_THRIFT_I64)
            return trib_thrift_read_i64 (r, &resp->operation_completed);
          break;
        case 9:
          if (type == TRIB_THRIFT_BOOL)
            {
              gboolean b;
              if (!trib_thrift_read_bool (r, &b))
                return FALSE;
              resp->has_result_set = b;
              return TRUE;
            }
          break;
        case 10:
          if (type == TRIB_THRIFT_STRUCT)
            return trib_thrift_read_struct (r, progress_field, resp);
          break;
        case 11:
          if (type == TRIB_THRIFT_I64)
            return trib_thrift_read_i64 (r, &resp->num_modified_rows);
          break;
        default:
          break;
        }
      break;

    case TRIB_HS2_RPC_GET_RESULT_SET_METADATA:
      if (id == 2 && type == TRIB_THRIFT_STRUCT)
        return trib_thrift_read_struct (r, table_schema_field, resp);
      break;

    case TRIB_HS2_RPC_FETCH_RESULTS:
      if (id == 2 && type == TRIB_THRIFT_BOOL)
        {
          gboolean b;
          if (!trib_thrift_read_bool (r, &b))
            return FALSE;
          resp->has_more_rows = b;
          return TRUE;
        }
      if (id == 3 && type == TRIB_THRIFT_STRUCT)
        {
          g_clear_pointer (&resp->batch, trib_hs2_batch_unref);
          resp->batch = trib_hs2_batch_read_row_set (r);
          return resp->batch != NULL;
        }
      break;

    case TRIB_HS2_RPC_CLOSE_SESSION:
    case TRIB_HS2_RPC_CANCEL_OPERATION:
    case TRIB_HS2_RPC_CLOSE_OPERATION:
    default:
      break;
    }
  return trib_thrift_skip (r, type);
}

typedef struct
{
  ResponseRead rr;
  gboolean     has_success;
} ResultRead;

static gboolean
result_field (TribThriftReader *r,
              guint8            type,
              gint16            id,
              gpointer          user_data)
{
  ResultRead *res = user_data;

  if (id == 0 && type == TRIB_THRIFT_STRUCT && !res->has_success)
    {
      res->has_success = TRUE;
      return trib_thrift_read_struct (r, response_field, &res->rr);
    }
  return trib_thrift_skip (r, type);
}

gboolean
trib_hs2_read_response (TribThriftReader  *r,
                        TribHs2Rpc         rpc,
                        gint32             seqid,
                        TribHs2Response   *resp,
                        GError           **error)
{
  g_autofree char *name = NULL;
  ResultRead res = { { rpc, resp, FALSE }, FALSE };
  guint8 type;
  gint32 got_seqid;

  resp->operation_state = -1;
  resp->has_result_set = -1;
  resp->has_more_rows = -1;
  resp->progress = -1;
  resp->num_modified_rows = -1;
  resp->status_code = -1;

  if (!trib_thrift_read_message_begin (r, &name, &type, &got_seqid))
    return trib_thrift_reader_propagate (r, error);

  if (type == TRIB_THRIFT_EXCEPTION)
    return trib_thrift_read_application_exception (r, error);
  if (type != TRIB_THRIFT_REPLY)
    {
      trib_thrift_reader_fail (r, "message type %u instead of a reply", type);
      return trib_thrift_reader_propagate (r, error);
    }
  if (g_strcmp0 (name, trib_hs2_rpc_name (rpc)) != 0)
    {
      trib_thrift_reader_fail (r, "a reply to %s instead of %s", name, trib_hs2_rpc_name (rpc));
      return trib_thrift_reader_propagate (r, error);
    }
  if (got_seqid != seqid)
    {
      trib_thrift_reader_fail (r, "sequence id %d instead of %d", got_seqid, seqid);
      return trib_thrift_reader_propagate (r, error);
    }
  if (!trib_thrift_read_struct (r, result_field, &res))
    return trib_thrift_reader_propagate (r, error);
  if (!res.has_success)
    {
      trib_thrift_reader_fail (r, "the reply to %s has no result", name);
      return trib_thrift_reader_propagate (r, error);
    }
  if (!res.rr.has_status || resp->status_code < 0)
    {
      trib_thrift_reader_fail (r, "the reply to %s has no status", name);
      return trib_thrift_reader_propagate (r, error);
    }
  return TRUE;
}

gboolean
trib_hs2_response_check (TribHs2Response  *resp,
                         TribHs2Rpc        rpc,
                         GError          **error)
{
  const char *message;

  if (resp->status_code == TRIB_HS2_STATUS_SUCCESS ||
      resp->status_code == TRIB_HS2_STATUS_SUCCESS_WITH_INFO ||
      resp->status_code == TRIB_HS2_STATUS_STILL_EXECUTING)
    return TRUE;

  message = resp->error_message && *resp->error_message ? resp->error_message
            : _("no message from the server");
  if (resp->status_code == TRIB_HS2_STATUS_INVALID_HANDLE)
    g_propagate_error (error, trib_hs2_error_new_server (TRIB_HS2_ERROR_INVALID_HANDLE, resp->sql_state,
                                                         resp->error_code, message,
                                                         _("%s: invalid handle: %s"),
                                                         trib_hs2_rpc_name (rpc), message));
  else if (resp->sql_state && *resp->sql_state)
    g_propagate_error (error, trib_hs2_error_new_server (TRIB_HS2_ERROR_SERVER, resp->sql_state,
                                                         resp->error_code, message,
                                                         _("SQLSTATE %s (error %d): %s"),
                                                         resp->sql_state, resp->error_code, message));
  else
    g_propagate_error (error, trib_hs2_error_new_server (TRIB_HS2_ERROR_SERVER, NULL,
                                                         resp->error_code, message,
                                                         _("Server error %d: %s"),
                                                         resp->error_code, message));
  return FALSE;
}
