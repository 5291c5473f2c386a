/* trib-hs2-client-engine.c: following Kyuubi's engine launch after OpenSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-client-private.h"
#include "trib-hs2-error.h"

/* Kyuubi engine launch (hs2-protocol.md §3.6) */

static void
engine_log_line (const char *line,
                 gpointer    data)
{
  TribHs2Client *self = data;

  g_ptr_array_add (self->engine_log, g_strdup (line));
  _trib_hs2_client_emit_engine_log (self, line);
}

static void
build_engine_call (GByteArray            *buf,
                   gint32                 seqid,
                   const TribHs2HandleId *session,
                   gpointer               data)
{
  const TribHs2OperationHandle *op = ((gpointer *) data)[0];
  TribHs2Rpc rpc = GPOINTER_TO_INT (((gpointer *) data)[1]);

  if (rpc == TRIB_HS2_RPC_GET_OPERATION_STATUS)
    trib_hs2_write_get_status (buf, seqid, op, FALSE);
  else if (rpc == TRIB_HS2_RPC_FETCH_RESULTS)
    trib_hs2_write_fetch (buf, seqid, op, 0, 1000, GPOINTER_TO_INT (((gpointer *) data)[2]));
  else
    trib_hs2_write_operation_call (buf, seqid, rpc, op);
}

static gboolean
engine_call (TribHs2Client                *self,
             const TribHs2OperationHandle *op,
             TribHs2Rpc                    rpc,
             gint                          fetch_type,
             TribHs2Response              *resp,
             GCancellable                 *cancellable,
             GError                      **error)
{
  gpointer data[3] = { (gpointer) op, GINT_TO_POINTER (rpc), GINT_TO_POINTER (fetch_type) };

  return _trib_hs2_client_call_locked (self, rpc, FALSE, build_engine_call, data, resp, cancellable, error);
}

static gboolean
decode_handle_part (const char *b64,
                    guint8      out[16])
{
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  if (b64 == NULL)
    return FALSE;
  raw = g_base64_decode (b64, &len);
  if (len != 16)
    return FALSE;
  memcpy (out, raw, 16);
  return TRUE;
}

static void
fetch_engine_log (TribHs2Client                *self,
                  const TribHs2OperationHandle *op,
                  GCancellable                 *cancellable)
{
  for (guint i = 0; i < 100; i++)
    {
      TribHs2Response resp = { 0 };
      guint n = 0;

      if (!engine_call (self, op, TRIB_HS2_RPC_FETCH_RESULTS, 1, &resp, cancellable, NULL))
        {
          trib_hs2_response_clear (&resp);
          return;
        }
      if (resp.batch && trib_hs2_batch_get_n_columns (resp.batch) > 0)
        {
          n = trib_hs2_batch_get_n_rows (resp.batch);
          for (guint row = 0; row < n; row++)
            {
              g_autofree char *line = trib_hs2_batch_dup_text (resp.batch, 0, row);
              if (line)
                engine_log_line (line, self);
            }
        }
      trib_hs2_response_clear (&resp);
      if (n == 0)
        return;
    }
}

gboolean
_trib_hs2_client_wait_for_engine_locked (TribHs2Client  *self,
                                         GCancellable   *cancellable,
                                         GError        **error)
{
  TribHs2OperationHandle op = { .operation_type = 8, .has_result_set = FALSE };
  gint64 deadline;

  if (self->server_conf == NULL ||
      !decode_handle_part (g_hash_table_lookup (self->server_conf, "kyuubi.session.engine.launch.handle.guid"),
                           op.id.guid) ||
      !decode_handle_part (g_hash_table_lookup (self->server_conf, "kyuubi.session.engine.launch.handle.secret"),
                           op.id.secret))
    return TRUE;

  deadline = g_get_monotonic_time () + (gint64) MAX (self->config->read_timeout, 600) * G_USEC_PER_SEC;
  for (guint poll = 0; ; poll++)
    {
      TribHs2Response resp = { 0 };
      gint32 state;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!engine_call (self, &op, TRIB_HS2_RPC_GET_OPERATION_STATUS, 0, &resp, cancellable, error))
        {
          trib_hs2_response_clear (&resp);
          /* Servers that forgot the launch operation: go on, later calls will wait. */
          if (error && g_error_matches (*error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_INVALID_HANDLE))
            {
              g_clear_error (error);
              return TRUE;
            }
          return FALSE;
        }
      state = resp.operation_state;
      if (state == TRIB_HS2_STATE_ERROR || state == TRIB_HS2_STATE_CANCELED ||
          state == TRIB_HS2_STATE_TIMEDOUT || state == TRIB_HS2_STATE_CLOSED)
        {
          const char *message = resp.error_message ? resp.error_message : _("no message from the server");

          fetch_engine_log (self, &op, cancellable);
          g_propagate_error (error, trib_hs2_error_new_server (TRIB_HS2_ERROR_SERVER, resp.sql_state,
                                                               resp.error_code, message,
                                                               _("The Spark engine did not start: %s"),
                                                               message));
          trib_hs2_response_clear (&resp);
          return FALSE;
        }
      trib_hs2_response_clear (&resp);
      fetch_engine_log (self, &op, cancellable);
      if (state == TRIB_HS2_STATE_FINISHED)
        break;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_TIMED_OUT,
                       _("The Spark engine did not start in time"));
          return FALSE;
        }
      /* Kyuubi long-polls; a quick answer gets a short pause. */
      g_usleep (poll < 10 ? 100000 : 500000);
    }

  /* FINISHED: the engine's id, name, url and refId as (key, value) rows. */
  {
    TribHs2Response resp = { 0 };

    if (engine_call (self, &op, TRIB_HS2_RPC_FETCH_RESULTS, 0, &resp, cancellable, NULL) &&
        resp.batch && trib_hs2_batch_get_n_columns (resp.batch) >= 2)
      {
        g_clear_pointer (&self->engine_info, g_hash_table_unref);
        self->engine_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        for (guint row = 0; row < trib_hs2_batch_get_n_rows (resp.batch); row++)
          {
            char *key = trib_hs2_batch_dup_text (resp.batch, 0, row);
            char *value = trib_hs2_batch_dup_text (resp.batch, 1, row);

            if (key)
              g_hash_table_replace (self->engine_info, key, value);
            else
              g_free (value);
          }
      }
    trib_hs2_response_clear (&resp);
  }
  return TRUE;
}
