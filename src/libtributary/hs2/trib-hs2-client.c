/* trib-hs2-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-client-private.h"
#include "trib-hs2-error.h"

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
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (trib_hs2_client_parent_class)->finalize (object);
}

enum {
  SIGNAL_ENGINE_LOG,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
trib_hs2_client_class_init (TribHs2ClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_hs2_client_finalize;

  /**
   * TribHs2Client::engine-log:
   * @line: one line of the Kyuubi engine launch log, while the session waits for it
   */
  signals[SIGNAL_ENGINE_LOG] = g_signal_new ("engine-log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

typedef struct
{
  TribHs2Client *self;
  char          *line;
} EngineLog;

static gboolean
emit_engine_log_cb (gpointer data)
{
  EngineLog *e = data;

  g_signal_emit (e->self, signals[SIGNAL_ENGINE_LOG], 0, e->line);
  g_object_unref (e->self);
  g_free (e->line);
  g_free (e);
  return G_SOURCE_REMOVE;
}

void
_trib_hs2_client_emit_engine_log (TribHs2Client *self,
                                  const char    *line)
{
  EngineLog *e = g_new0 (EngineLog, 1);

  e->self = g_object_ref (self);
  e->line = g_strdup (line);
  g_main_context_invoke (self->context, emit_engine_log_cb, e);
}

static void
trib_hs2_client_init (TribHs2Client *self)
{
  g_mutex_init (&self->lock);
  self->protocol = -1;
  self->engine_log = g_ptr_array_new_with_free_func (g_free);
  self->context = g_main_context_ref_thread_default ();
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
    ok = _trib_hs2_client_wait_for_engine_locked (self, cancellable, error);
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

gboolean
_trib_hs2_client_call_locked (TribHs2Client     *self,
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
  ok = _trib_hs2_client_call_locked (self, rpc, needs_session, build, data, resp, cancellable, error);
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
    ok = _trib_hs2_client_call_locked (self, TRIB_HS2_RPC_CLOSE_SESSION, FALSE, build_close_session, NULL, &resp,
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

void
_trib_hs2_call_data_free (CallData *cd)
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

TribHs2Operation *
_trib_hs2_client_start_operation (TribHs2Client  *self,
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
  return _trib_hs2_client_start_operation (self, &cd, cancellable, error);
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
  return _trib_hs2_client_start_operation (self, &cd, cancellable, error);
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
      /* A local error: with the caller's @error NULL, a failed fetch would otherwise look
       * like the end of the rows, and a truncated result set would be returned as a success. */
      g_autoptr(GError) fetch_error = NULL;
      g_autoptr(TribHs2Batch) batch = trib_hs2_operation_fetch_sync (op, 0, cancellable, &fetch_error);

      if (fetch_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&fetch_error));
          return NULL;
        }
      if (batch == NULL)
        break;
      if (!trib_hs2_result_set_append_batch (rs, batch, error))
        return NULL;
    }
  return g_steal_pointer (&rs);
}

TribHs2ResultSet *
_trib_hs2_client_query (TribHs2Client  *self,
                        CallData       *cd,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(TribHs2Operation) op = _trib_hs2_client_start_operation (self, cd, cancellable, error);
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
  return _trib_hs2_client_query (self, &cd, cancellable, error);
}

