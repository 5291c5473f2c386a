/* trib-hs2-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-client-private.h"
#include "trib-hs2-error.h"

struct _TribHs2Client
{
  GObject            parent_instance;
  TribHs2Config     *config;

  GMutex             lock;          /* one RPC at a time on the connection */
  TribHs2Transport  *transport;
  gint32             seqid;
  gboolean           has_session;
  TribHs2HandleId    session;
  gint32             protocol;
  GHashTable        *server_conf;
  GHashTable        *engine_info;
  GPtrArray         *engine_log;
  guint              open_count;
  guint64            bytes_before;  /* received by transports already dropped */
};

G_DEFINE_FINAL_TYPE (TribHs2Client, trib_hs2_client, G_TYPE_OBJECT)

static void
trib_hs2_client_finalize (GObject *object)
{
  TribHs2Client *self = (TribHs2Client *) object;

  g_clear_object (&self->transport);
  g_clear_pointer (&self->server_conf, g_hash_table_unref);
  g_clear_pointer (&self->engine_info, g_hash_table_unref);
  g_clear_pointer (&self->engine_log, g_ptr_array_unref);
  g_clear_pointer (&self->config, trib_hs2_config_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (trib_hs2_client_parent_class)->finalize (object);
}

static void
trib_hs2_client_class_init (TribHs2ClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_hs2_client_finalize;
}

static void
trib_hs2_client_init (TribHs2Client *self)
{
  g_mutex_init (&self->lock);
  self->protocol = -1;
  self->engine_log = g_ptr_array_new_with_free_func (g_free);
}

TribHs2Client *
trib_hs2_client_new (const TribHs2Config *config)
{
  TribHs2Client *self;

  g_return_val_if_fail (config != NULL, NULL);
  self = g_object_new (TRIB_TYPE_HS2_CLIENT, NULL);
  self->config = trib_hs2_config_copy (config);
  return self;
}

const TribHs2Config *
trib_hs2_client_get_config (TribHs2Client *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);
  return self->config;
}

gint32
trib_hs2_client_get_protocol (TribHs2Client *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), -1);
  return self->protocol;
}

GHashTable *
trib_hs2_client_get_server_configuration (TribHs2Client *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);
  return self->server_conf;
}

GHashTable *
trib_hs2_client_get_engine_info (TribHs2Client *self)
{
  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);
  return self->engine_info;
}

GStrv
trib_hs2_client_dup_engine_log (TribHs2Client *self)
{
  GStrv lines;

  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);
  g_mutex_lock (&self->lock);
  lines = g_new0 (char *, self->engine_log->len + 1);
  for (guint i = 0; i < self->engine_log->len; i++)
    lines[i] = g_strdup (g_ptr_array_index (self->engine_log, i));
  g_mutex_unlock (&self->lock);
  return lines;
}

guint
trib_hs2_client_get_open_count (TribHs2Client *self)
{
  return self->open_count;
}

guint64
trib_hs2_client_get_bytes_received (TribHs2Client *self)
{
  return self->bytes_before + (self->transport ? trib_hs2_transport_get_bytes_received (self->transport) : 0);
}

/* Calls */

typedef struct
{
  TribHs2Rpc       rpc;
  gint32           seqid;
  TribHs2Response *resp;
} DecodeData;

static gboolean
decode_response (TribThriftReader  *r,
                 gpointer           user_data,
                 GError           **error)
{
  DecodeData *d = user_data;

  trib_hs2_response_clear (d->resp);
  memset (d->resp, 0, sizeof *d->resp);
  return trib_hs2_read_response (r, d->rpc, d->seqid, d->resp, error);
}

static gboolean
transport_rpc (TribHs2Transport       *transport,
               gint32                  seqid,
               TribHs2Rpc              rpc,
               TribHs2BuildFunc        build,
               gpointer                data,
               const TribHs2HandleId  *session,
               TribHs2Response        *resp,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autoptr(GByteArray) req = g_byte_array_new ();
  DecodeData d = { rpc, seqid, resp };

  build (req, seqid, session, data);
  return trib_hs2_transport_call (transport, req, decode_response, &d, cancellable, error);
}

static gboolean
ensure_connected (TribHs2Client  *self,
                  GCancellable   *cancellable,
                  GError        **error)
{
  if (self->transport != NULL && !trib_hs2_transport_is_broken (self->transport))
    return TRUE;
  if (self->transport != NULL)
    {
      self->bytes_before += trib_hs2_transport_get_bytes_received (self->transport);
      g_clear_object (&self->transport);
    }
  self->transport = trib_hs2_transport_new (self->config);
  if (!trib_hs2_transport_open (self->transport, cancellable, error))
    {
      self->bytes_before += trib_hs2_transport_get_bytes_received (self->transport);
      g_clear_object (&self->transport);
      return FALSE;
    }
  return TRUE;
}

static void
build_open_session (GByteArray            *buf,
                    gint32                 seqid,
                    const TribHs2HandleId *session,
                    gpointer               data)
{
  TribHs2Client *self = data;
  g_autoptr(GHashTable) conf = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *fetch_size = g_strdup_printf ("%u", self->config->fetch_size);
  TribHs2OpenSessionArgs args = { self->config->protocol, self->config->user, self->config->password, conf };
  GHashTableIter iter;
  gpointer k, v;

  if (args.username == NULL || *args.username == '\0')
    args.username = "anonymous";
  if (args.password == NULL || *args.password == '\0')
    args.password = "anonymous";
  if (self->config->database && *self->config->database)
    g_hash_table_insert (conf, (gpointer) "use:database", self->config->database);
  g_hash_table_insert (conf, (gpointer) "set:hiveconf:hive.server2.thrift.resultset.default.fetch.size",
                       fetch_size);
  g_hash_table_insert (conf, (gpointer) "kyuubi.client.version", (gpointer) PACKAGE_VERSION);
  g_hash_table_iter_init (&iter, self->config->session_conf);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_replace (conf, k, v);
  trib_hs2_write_open_session (buf, seqid, &args);
}

static gboolean engine_wait_locked (TribHs2Client *self, GCancellable *cancellable, GError **error);

/* Lock held. */
static gboolean
open_session_locked (TribHs2Client  *self,
                     GCancellable   *cancellable,
                     GError        **error)
{
  TribHs2Response resp = { 0 };
  gboolean ok;

  if (!ensure_connected (self, cancellable, error))
    return FALSE;

  ok = transport_rpc (self->transport, ++self->seqid, TRIB_HS2_RPC_OPEN_SESSION, build_open_session, self,
                      NULL, &resp, cancellable, error) &&
       trib_hs2_response_check (&resp, TRIB_HS2_RPC_OPEN_SESSION, error);
  if (ok && !resp.has_session)
    {
      g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                   _("The server opened no session (no session handle in its reply)"));
      ok = FALSE;
    }
  if (ok)
    {
      self->has_session = TRUE;
      self->session = resp.session;
      /* Negotiated down: the server answers min(ours, its own). */
      self->protocol = MIN (resp.server_protocol, self->config->protocol);
      g_clear_pointer (&self->server_conf, g_hash_table_unref);
      self->server_conf = g_steal_pointer (&resp.configuration);
      self->open_count++;
    }
  trib_hs2_response_clear (&resp);
  if (ok && self->config->wait_for_engine)
    ok = engine_wait_locked (self, cancellable, error);
  return ok;
}

static gboolean
is_lost_session (const GError *error)
{
  const char *message;

  if (error == NULL)
    return FALSE;
  if (g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_INVALID_HANDLE))
    return TRUE;
  if (g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_SERVER))
    {
      message = trib_hs2_error_get_server_message (error);
      return message && (strstr (message, "Invalid SessionHandle") || strstr (message, "Invalid session"));
    }
  return FALSE;
}

static gboolean
call_locked (TribHs2Client     *self,
             TribHs2Rpc         rpc,
             gboolean           needs_session,
             TribHs2BuildFunc   build,
             gpointer           data,
             TribHs2Response   *resp,
             GCancellable      *cancellable,
             GError           **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      GError *local = NULL;

      /* A new connection if the last one broke; the session may have gone with it, which
       * the retry below handles. */
      if (!ensure_connected (self, cancellable, error))
        return FALSE;
      if (needs_session && !self->has_session && !open_session_locked (self, cancellable, error))
        return FALSE;

      if (transport_rpc (self->transport, ++self->seqid, rpc, build, data,
                         self->has_session ? &self->session : NULL, resp, cancellable, &local) &&
          trib_hs2_response_check (resp, rpc, &local))
        return TRUE;

      if (needs_session && attempt == 0 && is_lost_session (local))
        {
          g_debug ("%s: session lost (%s); reopening it", trib_hs2_rpc_name (rpc), local->message);
          g_clear_error (&local);
          self->has_session = FALSE;
          continue;
        }
      g_propagate_error (error, local);
      return FALSE;
    }
}

gboolean
_trib_hs2_client_call (TribHs2Client     *self,
                       TribHs2Rpc         rpc,
                       gboolean           needs_session,
                       TribHs2BuildFunc   build,
                       gpointer           data,
                       TribHs2Response   *resp,
                       GCancellable      *cancellable,
                       GError           **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = call_locked (self, rpc, needs_session, build, data, resp, cancellable, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

gboolean
_trib_hs2_call_on_new_connection (const TribHs2Config  *config,
                                  TribHs2Rpc            rpc,
                                  TribHs2BuildFunc      build,
                                  gpointer              data,
                                  TribHs2Response      *resp,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  g_autoptr(TribHs2Transport) transport = trib_hs2_transport_new (config);
  gboolean ok;

  ok = trib_hs2_transport_open (transport, cancellable, error) &&
       transport_rpc (transport, 1, rpc, build, data, NULL, resp, cancellable, error) &&
       trib_hs2_response_check (resp, rpc, error);
  trib_hs2_transport_close (transport);
  return ok;
}

/* Kyuubi engine launch (hs2-protocol.md §3.6) */

static void
engine_log_line (const char *line,
                 gpointer    data)
{
  TribHs2Client *self = data;

  g_ptr_array_add (self->engine_log, g_strdup (line));
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

  return call_locked (self, rpc, FALSE, build_engine_call, data, resp, cancellable, error);
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

static gboolean
engine_wait_locked (TribHs2Client  *self,
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

/* Open / close */

gboolean
trib_hs2_client_open_sync (TribHs2Client  *self,
                           GCancellable   *cancellable,
                           GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  ok = self->has_session || open_session_locked (self, cancellable, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
build_close_session (GByteArray            *buf,
                     gint32                 seqid,
                     const TribHs2HandleId *session,
                     gpointer               data)
{
  trib_hs2_write_session_call (buf, seqid, TRIB_HS2_RPC_CLOSE_SESSION, session);
}

gboolean
trib_hs2_client_close_sync (TribHs2Client  *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  TribHs2Response resp = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  if (self->has_session && self->transport && !trib_hs2_transport_is_broken (self->transport))
    ok = call_locked (self, TRIB_HS2_RPC_CLOSE_SESSION, FALSE, build_close_session, NULL, &resp,
                      cancellable, error);
  self->has_session = FALSE;
  if (self->transport)
    trib_hs2_transport_close (self->transport);
  g_mutex_unlock (&self->lock);
  trib_hs2_response_clear (&resp);
  return ok;
}

/* GetInfo */

static void
build_get_info (GByteArray            *buf,
                gint32                 seqid,
                const TribHs2HandleId *session,
                gpointer               data)
{
  trib_hs2_write_get_info (buf, seqid, session, GPOINTER_TO_INT (data));
}

char *
trib_hs2_client_get_info_sync (TribHs2Client    *self,
                               TribHs2InfoType   info_type,
                               GCancellable     *cancellable,
                               GError          **error)
{
  TribHs2Response resp = { 0 };
  char *value = NULL;

  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);

  if (_trib_hs2_client_call (self, TRIB_HS2_RPC_GET_INFO, TRUE, build_get_info, GINT_TO_POINTER (info_type),
                             &resp, cancellable, error))
    {
      if (resp.info_string)
        value = g_steal_pointer (&resp.info_string);
      else if (resp.has_info)
        value = g_strdup_printf ("%" G_GINT64_FORMAT, resp.info_int);
      else
        value = g_strdup ("");
    }
  trib_hs2_response_clear (&resp);
  return value;
}

/* Execute and metadata */

typedef struct
{
  char        *statement;
  GHashTable  *conf_overlay;
  gint64       query_timeout;
  TribHs2Rpc   rpc;
  char        *catalog;
  char        *schema;
  char        *table;
  char        *column;
  TribHs2InfoType info_type;
} CallData;

static void
call_data_free (CallData *cd)
{
  g_free (cd->statement);
  g_clear_pointer (&cd->conf_overlay, g_hash_table_unref);
  g_free (cd->catalog);
  g_free (cd->schema);
  g_free (cd->table);
  g_free (cd->column);
  g_free (cd);
}

static void
build_execute (GByteArray            *buf,
               gint32                 seqid,
               const TribHs2HandleId *session,
               gpointer               data)
{
  CallData *cd = data;

  trib_hs2_write_execute (buf, seqid, session, cd->statement, cd->conf_overlay, TRUE, cd->query_timeout);
}

static void
build_metadata (GByteArray            *buf,
                gint32                 seqid,
                const TribHs2HandleId *session,
                gpointer               data)
{
  CallData *cd = data;

  trib_hs2_write_get_metadata (buf, seqid, cd->rpc, session, cd->catalog, cd->schema, cd->table,
                               cd->column, NULL);
}

static TribHs2Operation *
start_operation (TribHs2Client  *self,
                 CallData       *cd,
                 GCancellable   *cancellable,
                 GError        **error)
{
  TribHs2Response resp = { 0 };
  TribHs2Operation *op = NULL;
  gboolean execute = cd->rpc == TRIB_HS2_RPC_EXECUTE_STATEMENT;

  if (_trib_hs2_client_call (self, cd->rpc, TRUE, execute ? build_execute : build_metadata, cd,
                             &resp, cancellable, error))
    {
      if (!resp.has_operation)
        g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                     _("The server started no operation (no operation handle in its reply)"));
      else
        op = _trib_hs2_operation_new (self, &resp.operation);
    }
  trib_hs2_response_clear (&resp);
  return op;
}

TribHs2Operation *
trib_hs2_client_execute_sync (TribHs2Client  *self,
                              const char     *statement,
                              GHashTable     *conf_overlay,
                              gint64          query_timeout,
                              GCancellable   *cancellable,
                              GError        **error)
{
  CallData cd = { (char *) statement, conf_overlay, query_timeout, TRIB_HS2_RPC_EXECUTE_STATEMENT };

  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);
  g_return_val_if_fail (statement != NULL, NULL);
  return start_operation (self, &cd, cancellable, error);
}

TribHs2Operation *
trib_hs2_client_get_metadata_sync (TribHs2Client  *self,
                                   TribHs2Rpc      rpc,
                                   const char     *catalog,
                                   const char     *schema_pattern,
                                   const char     *table_pattern,
                                   const char     *column_pattern,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  CallData cd = { NULL, NULL, 0, rpc, (char *) catalog, (char *) schema_pattern,
                  (char *) table_pattern, (char *) column_pattern };

  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);
  g_return_val_if_fail (rpc == TRIB_HS2_RPC_GET_CATALOGS || rpc == TRIB_HS2_RPC_GET_SCHEMAS ||
                        rpc == TRIB_HS2_RPC_GET_TABLES || rpc == TRIB_HS2_RPC_GET_COLUMNS ||
                        rpc == TRIB_HS2_RPC_GET_TYPE_INFO, NULL);
  return start_operation (self, &cd, cancellable, error);
}

static TribHs2ResultSet *
collect (TribHs2Operation  *op,
         GCancellable      *cancellable,
         GError           **error)
{
  g_autoptr(TribHs2ResultSet) rs = NULL;
  GPtrArray *schema;

  if (!trib_hs2_operation_wait_sync (op, cancellable, error))
    return NULL;
  if (!trib_hs2_operation_has_result_set (op))
    return trib_hs2_result_set_new (NULL);
  schema = trib_hs2_operation_get_schema_sync (op, cancellable, error);
  if (schema == NULL)
    return NULL;
  rs = trib_hs2_result_set_new (schema);
  for (;;)
    {
      g_autoptr(TribHs2Batch) batch = trib_hs2_operation_fetch_sync (op, 0, cancellable, error);

      if (batch == NULL)
        {
          if (error && *error)
            return NULL;
          break;
        }
      if (!trib_hs2_result_set_append_batch (rs, batch, error))
        return NULL;
    }
  return g_steal_pointer (&rs);
}

static TribHs2ResultSet *
query_sync (TribHs2Client  *self,
            CallData       *cd,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(TribHs2Operation) op = start_operation (self, cd, cancellable, error);
  TribHs2ResultSet *rs;

  if (op == NULL)
    return NULL;
  rs = collect (op, cancellable, error);
  /* Close even after a failure; a cancelled read may have broken the connection. */
  trib_hs2_operation_close_sync (op, NULL, NULL);
  return rs;
}

TribHs2ResultSet *
trib_hs2_client_query_sync (TribHs2Client  *self,
                            const char     *statement,
                            GCancellable   *cancellable,
                            GError        **error)
{
  CallData cd = { (char *) statement, NULL, 0, TRIB_HS2_RPC_EXECUTE_STATEMENT };

  g_return_val_if_fail (TRIB_IS_HS2_CLIENT (self), NULL);
  return query_sync (self, &cd, cancellable, error);
}

/* Async wrappers: each runs its _sync twin in a worker thread. */

typedef enum { JOB_OPEN, JOB_CLOSE, JOB_INFO, JOB_EXECUTE, JOB_METADATA, JOB_QUERY } Job;

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  TribHs2Client *self = source_object;
  CallData *cd = task_data;
  Job job = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "trib-job"));
  GError *error = NULL;

  switch (job)
    {
    case JOB_OPEN:
    case JOB_CLOSE:
      if (job == JOB_OPEN ? trib_hs2_client_open_sync (self, cancellable, &error)
                          : trib_hs2_client_close_sync (self, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;
    case JOB_INFO:
      {
        char *value = trib_hs2_client_get_info_sync (self, cd->info_type, cancellable, &error);

        if (value)
          g_task_return_pointer (task, value, g_free);
        else
          g_task_return_error (task, error);
      }
      break;
    case JOB_EXECUTE:
    case JOB_METADATA:
      {
        TribHs2Operation *op = start_operation (self, cd, cancellable, &error);

        if (op)
          g_task_return_pointer (task, op, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;
    case JOB_QUERY:
      {
        TribHs2ResultSet *rs = query_sync (self, cd, cancellable, &error);

        if (rs)
          g_task_return_pointer (task, rs, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
start_job (TribHs2Client       *self,
           Job                  job,
           gpointer             source_tag,
           CallData            *cd,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_object_set_data (G_OBJECT (task), "trib-job", GINT_TO_POINTER (job));
  g_task_set_task_data (task, cd ? cd : g_new0 (CallData, 1), (GDestroyNotify) call_data_free);
  /* Results must not be dropped when cancelled: the operation handle still needs closing. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_job);
}

void
trib_hs2_client_open_async (TribHs2Client       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  start_job (self, JOB_OPEN, trib_hs2_client_open_async, NULL, cancellable, callback, user_data);
}

gboolean
trib_hs2_client_open_finish (TribHs2Client  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_hs2_client_close_async (TribHs2Client       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  start_job (self, JOB_CLOSE, trib_hs2_client_close_async, NULL, cancellable, callback, user_data);
}

gboolean
trib_hs2_client_close_finish (TribHs2Client  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_hs2_client_get_info_async (TribHs2Client       *self,
                                TribHs2InfoType      info_type,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  cd->info_type = info_type;
  start_job (self, JOB_INFO, trib_hs2_client_get_info_async, cd, cancellable, callback, user_data);
}

char *
trib_hs2_client_get_info_finish (TribHs2Client  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
trib_hs2_client_execute_async (TribHs2Client       *self,
                               const char          *statement,
                               GHashTable          *conf_overlay,
                               gint64               query_timeout,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  g_return_if_fail (statement != NULL);
  cd->statement = g_strdup (statement);
  cd->conf_overlay = conf_overlay ? g_hash_table_ref (conf_overlay) : NULL;
  cd->query_timeout = query_timeout;
  cd->rpc = TRIB_HS2_RPC_EXECUTE_STATEMENT;
  start_job (self, JOB_EXECUTE, trib_hs2_client_execute_async, cd, cancellable, callback, user_data);
}

TribHs2Operation *
trib_hs2_client_execute_finish (TribHs2Client  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
trib_hs2_client_get_metadata_async (TribHs2Client       *self,
                                    TribHs2Rpc           rpc,
                                    const char          *catalog,
                                    const char          *schema_pattern,
                                    const char          *table_pattern,
                                    const char          *column_pattern,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  cd->rpc = rpc;
  cd->catalog = g_strdup (catalog);
  cd->schema = g_strdup (schema_pattern);
  cd->table = g_strdup (table_pattern);
  cd->column = g_strdup (column_pattern);
  start_job (self, JOB_METADATA, trib_hs2_client_get_metadata_async, cd, cancellable, callback, user_data);
}

TribHs2Operation *
trib_hs2_client_get_metadata_finish (TribHs2Client  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
trib_hs2_client_query_async (TribHs2Client       *self,
                             const char          *statement,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CallData *cd = g_new0 (CallData, 1);

  g_return_if_fail (TRIB_IS_HS2_CLIENT (self));
  g_return_if_fail (statement != NULL);
  cd->statement = g_strdup (statement);
  cd->rpc = TRIB_HS2_RPC_EXECUTE_STATEMENT;
  start_job (self, JOB_QUERY, trib_hs2_client_query_async, cd, cancellable, callback, user_data);
}

TribHs2ResultSet *
trib_hs2_client_query_finish (TribHs2Client  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
