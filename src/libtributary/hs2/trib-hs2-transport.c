/* trib-hs2-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "trib-hs2-error.h"
#include "trib-hs2-transport.h"

#define SASL_START    0x01
#define SASL_OK       0x02
#define SASL_BAD      0x03
#define SASL_ERROR    0x04
#define SASL_COMPLETE 0x05

struct _TribHs2Transport
{
  GObject             parent_instance;
  TribHs2Config      *config;
  char               *where;

  /* binary transports */
  GSocketConnection  *connection;
  GIOStream          *stream;       /* the TLS connection, or the socket connection */
  GInputStream       *input;
  GOutputStream      *output;

  /* HTTP */
  SoupSession        *session;
  SoupCookieJar      *jar;
  GUri               *uri;

  GByteArray         *in;           /* the reply being assembled */
  guint64             received;
  gboolean            broken;
};

G_DEFINE_FINAL_TYPE (TribHs2Transport, trib_hs2_transport, G_TYPE_OBJECT)

static void
trib_hs2_transport_finalize (GObject *object)
{
  TribHs2Transport *self = (TribHs2Transport *) object;

  trib_hs2_transport_close (self);
  g_clear_object (&self->session);
  g_clear_object (&self->jar);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->in, g_byte_array_unref);
  g_clear_pointer (&self->config, trib_hs2_config_free);
  g_free (self->where);

  G_OBJECT_CLASS (trib_hs2_transport_parent_class)->finalize (object);
}

static void
trib_hs2_transport_class_init (TribHs2TransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_hs2_transport_finalize;
}

static void
trib_hs2_transport_init (TribHs2Transport *self)
{
  self->in = g_byte_array_new ();
}

TribHs2Transport *
trib_hs2_transport_new (const TribHs2Config *config)
{
  TribHs2Transport *self = g_object_new (TRIB_TYPE_HS2_TRANSPORT, NULL);

  self->config = trib_hs2_config_copy (config);
  self->where = trib_hs2_config_describe (config);
  return self;
}

gboolean
trib_hs2_transport_is_broken (TribHs2Transport *self)
{
  return self->broken || (self->config->transport != TRIB_HS2_TRANSPORT_HTTP && self->stream == NULL);
}

guint64
trib_hs2_transport_get_bytes_received (TribHs2Transport *self)
{
  return self->received;
}

void
trib_hs2_transport_close (TribHs2Transport *self)
{
  if (self->stream != NULL)
    g_io_stream_close (self->stream, NULL, NULL);
  self->input = NULL;
  self->output = NULL;
  g_clear_object (&self->stream);
  g_clear_object (&self->connection);
}

/* What the first bytes of a reply say about the server on that port (hs2-protocol.md §5.2). */
static GError *
diagnose (TribHs2Transport *self,
          const guint8     *b,
          gsize             n)
{
  const char *what = NULL;

  if (n == 0)
    return NULL;
  if (n >= 1 && b[0] == 'H' && (n < 4 || memcmp (b, "HTTP", MIN (n, 4)) == 0))
    what = _("this is an HTTP port: set the transport to “http”");
  else if ((b[0] == 0x15 || b[0] == 0x16) && n >= 2 && b[1] == 0x03)
    what = _("this port speaks TLS: turn TLS on");
  else if (b[0] >= SASL_START && b[0] <= SASL_COMPLETE && self->config->transport != TRIB_HS2_TRANSPORT_SASL)
    what = _("this port expects SASL: set the transport to “sasl”");
  else if (b[0] == 0x80 && self->config->transport == TRIB_HS2_TRANSPORT_SASL)
    what = _("this port does not speak SASL: set the transport to “nosasl”");
  if (what == NULL)
    return NULL;
  return g_error_new (TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL,
                      _("Wrong protocol on %s: %s"), self->where, what);
}

static GError *
io_error (TribHs2Transport *self,
          GError           *error,
          const char       *during)
{
  GError *out;

  self->broken = TRUE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    out = g_error_new (TRIB_HS2_ERROR, TRIB_HS2_ERROR_TIMED_OUT,
                       _("No reply from %s within %u s %s"), self->where,
                       self->config->read_timeout, during);
  else if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED &&
           error->code != G_IO_ERROR_CONNECTION_REFUSED && error->code != G_IO_ERROR_HOST_UNREACHABLE &&
           error->code != G_IO_ERROR_NETWORK_UNREACHABLE)
    out = g_error_new (TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED,
                       _("The connection to %s failed %s: %s"), self->where, during, error->message);
  else
    return error;
  g_error_free (error);
  return out;
}

static gboolean
read_exact (TribHs2Transport  *self,
            guint8            *buf,
            gsize              n,
            gsize             *got,
            GCancellable      *cancellable,
            const char        *during,
            GError           **error)
{
  GError *local = NULL;
  gsize read = 0;

  if (!g_input_stream_read_all (self->input, buf, n, &read, cancellable, &local))
    {
      if (got)
        *got = read;
      g_propagate_error (error, io_error (self, local, during));
      return FALSE;
    }
  if (got)
    *got = read;
  self->received += read;
  if (read < n)
    {
      GError *diag = diagnose (self, buf, read);

      self->broken = TRUE;
      if (diag)
        g_propagate_error (error, diag);
      else
        g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED,
                     _("%s closed the connection %s"), self->where, during);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (TribHs2Transport  *self,
           const guint8      *data,
           gsize              len,
           GCancellable      *cancellable,
           GError           **error)
{
  GError *local = NULL;

  if (!g_output_stream_write_all (self->output, data, len, NULL, cancellable, &local))
    {
      g_propagate_error (error, io_error (self, local, _("while sending")));
      return FALSE;
    }
  return TRUE;
}

static gboolean
sasl_plain (TribHs2Transport  *self,
            GCancellable      *cancellable,
            GError           **error)
{
  const char *user = self->config->user && *self->config->user ? self->config->user : "anonymous";
  /* PLAIN needs a non-empty password even when the server checks none (§3.1). */
  const char *password = self->config->password && *self->config->password
                         ? self->config->password : "anonymous";
  g_autoptr(GByteArray) msg = g_byte_array_new ();
  g_autofree char *reason = NULL;
  guint8 header[5];
  guint32 len;
  gsize got = 0;
  guint8 status;
  gsize response_len = 1 + strlen (user) + 1 + strlen (password);

  g_byte_array_append (msg, (const guint8 *) "\x01\0\0\0\x05PLAIN", 10);
  header[0] = SASL_COMPLETE;
  len = GUINT32_TO_BE ((guint32) response_len);
  memcpy (header + 1, &len, 4);
  g_byte_array_append (msg, header, 5);
  g_byte_array_append (msg, (const guint8 *) "", 1);
  g_byte_array_append (msg, (const guint8 *) user, strlen (user));
  g_byte_array_append (msg, (const guint8 *) "", 1);
  g_byte_array_append (msg, (const guint8 *) password, strlen (password));
  if (!write_all (self, msg->data, msg->len, cancellable, error))
    {
      memset (msg->data, 0, msg->len);
      return FALSE;
    }
  memset (msg->data, 0, msg->len);

  if (!read_exact (self, header, 5, &got, cancellable, _("during the SASL handshake"), error))
    {
      if (got == 0 && g_error_matches (*error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED))
        {
          g_clear_error (error);
          g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL,
                       _("Wrong protocol on %s: the server closed the connection during the SASL "
                         "handshake; this port does not speak SASL (try “nosasl”), or it expects TLS"),
                       self->where);
        }
      else if (g_error_matches (*error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_TIMED_OUT))
        g_prefix_error (error, _("Maybe this port does not speak SASL (try “nosasl”): "));
      return FALSE;
    }
  {
    GError *diag = diagnose (self, header, 5);

    if (diag != NULL)
      {
        self->broken = TRUE;
        g_propagate_error (error, diag);
        return FALSE;
      }
  }
  status = header[0];
  memcpy (&len, header + 1, 4);
  len = GUINT32_FROM_BE (len);
  if (status < SASL_START || status > SASL_COMPLETE || len > 65536)
    {
      self->broken = TRUE;
      g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL,
                   _("Wrong protocol on %s: the reply to the SASL handshake is not SASL"), self->where);
      return FALSE;
    }
  reason = g_malloc0 (len + 1);
  if (len > 0 && !read_exact (self, (guint8 *) reason, len, NULL, cancellable,
                              _("during the SASL handshake"), error))
    return FALSE;
  if (!g_utf8_validate (reason, -1, NULL))
    {
      char *valid = g_utf8_make_valid (reason, -1);
      g_free (reason);
      reason = valid;
    }

  if (status == SASL_BAD || status == SASL_ERROR)
    {
      self->broken = TRUE;
      g_propagate_error (error,
                         trib_hs2_error_new_server (TRIB_HS2_ERROR_AUTH, NULL, 0, reason,
                                                    _("Authentication failed for user “%s” on %s: %s"),
                                                    user, self->where, *reason ? reason : _("refused")));
      return FALSE;
    }
  if (status != SASL_COMPLETE)
    {
      self->broken = TRUE;
      g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_AUTH,
                   _("The server on %s asked for more SASL steps than PLAIN has (Kerberos?)"),
                   self->where);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_socket (TribHs2Transport  *self,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocket *socket;

  trib_hs2_transport_close (self);
  self->broken = FALSE;
  g_socket_client_set_timeout (client, self->config->connect_timeout);
  self->connection = g_socket_client_connect_to_host (client, self->config->host, self->config->port,
                                                      cancellable, error);
  if (self->connection == NULL)
    return FALSE;
  socket = g_socket_connection_get_socket (self->connection);
  g_socket_set_timeout (socket, self->config->read_timeout);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);

  if (self->config->tls)
    {
      g_autoptr(GSocketConnectable) identity = g_network_address_new (self->config->host, self->config->port);
      g_autoptr(GIOStream) tls = g_tls_client_connection_new (G_IO_STREAM (self->connection), identity, error);

      if (tls == NULL)
        return FALSE;
      if (self->config->ca_file)
        {
          g_autoptr(GTlsDatabase) db = g_tls_file_database_new (self->config->ca_file, error);

          if (db == NULL)
            return FALSE;
          g_tls_connection_set_database (G_TLS_CONNECTION (tls), db);
        }
      if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), cancellable, error))
        {
          /* A plain port answers the handshake with its own bytes (or a SASL error). */
          if (error && *error && (*error)->domain == G_TLS_ERROR &&
              ((*error)->code == G_TLS_ERROR_NOT_TLS || (*error)->code == G_TLS_ERROR_MISC ||
               (*error)->code == G_TLS_ERROR_EOF))
            g_prefix_error (error, _("This port does not seem to speak TLS (turn TLS off?): "));
          return FALSE;
        }
      self->stream = g_steal_pointer (&tls);
    }
  else
    self->stream = G_IO_STREAM (g_object_ref (self->connection));

  self->input = g_io_stream_get_input_stream (self->stream);
  self->output = g_io_stream_get_output_stream (self->stream);

  if (self->config->transport == TRIB_HS2_TRANSPORT_SASL && !sasl_plain (self, cancellable, error))
    {
      trib_hs2_transport_close (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_http (TribHs2Transport  *self,
           GError           **error)
{
  g_autofree char *path = NULL;

  if (self->session != NULL)
    return TRUE;
  path = g_strconcat ("/", self->config->http_path[0] == '/' ? self->config->http_path + 1
                                                             : self->config->http_path, NULL);
  self->uri = g_uri_build (G_URI_FLAGS_NONE, self->config->tls ? "https" : "http", NULL,
                           self->config->host, self->config->port, path, NULL, NULL);
  self->session = soup_session_new_with_options ("timeout", MAX (self->config->read_timeout,
                                                                 self->config->connect_timeout),
                                                 "idle-timeout", 60,
                                                 "user-agent", "Tributary/" PACKAGE_VERSION,
                                                 NULL);
  self->jar = soup_cookie_jar_new ();
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->jar));
  if (self->config->tls && self->config->ca_file)
    {
      g_autoptr(GTlsDatabase) db = g_tls_file_database_new (self->config->ca_file, error);

      if (db == NULL)
        return FALSE;
      soup_session_set_tls_database (self->session, db);
    }
  return TRUE;
}

gboolean
trib_hs2_transport_open (TribHs2Transport  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_return_val_if_fail (TRIB_IS_HS2_TRANSPORT (self), FALSE);

  if (self->config->transport == TRIB_HS2_TRANSPORT_HTTP)
    return open_http (self, error);
  return open_socket (self, cancellable, error);
}

/* Tries to decode what has arrived; *done is FALSE when more bytes are needed. */
static gboolean
try_decode (TribHs2Transport   *self,
            TribHs2DecodeFunc   decode,
            gpointer            user_data,
            gboolean            final,
            gboolean           *done,
            GError            **error)
{
  TribThriftReader r;
  GError *local = NULL;
  gboolean ok;

  trib_thrift_reader_init (&r, self->in->data, self->in->len);
  r.max_message = self->config->max_message;
  ok = decode (&r, user_data, &local);
  if (!ok && r.incomplete && !final)
    {
      g_clear_error (&local);
      trib_thrift_reader_clear (&r);
      *done = FALSE;
      return TRUE;
    }
  *done = TRUE;
  trib_thrift_reader_clear (&r);
  if (!ok)
    {
      /* The stream is out of step after a bad reply. */
      self->broken = TRUE;
      if (local == NULL)
        local = g_error_new_literal (TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL, _("Malformed reply"));
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static gboolean
receive_framed (TribHs2Transport   *self,
                TribHs2DecodeFunc   decode,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  gboolean done = FALSE;

  while (!done)
    {
      guint8 header[4];
      guint32 len;
      guint old;

      if (!read_exact (self, header, 4, NULL, cancellable, _("while waiting for a reply"), error))
        return FALSE;
      memcpy (&len, header, 4);
      len = GUINT32_FROM_BE (len);
      if (len > self->config->max_message || (gsize) self->in->len + len > self->config->max_message)
        {
          GError *diag = diagnose (self, header, 4);

          self->broken = TRUE;
          if (diag)
            g_propagate_error (error, diag);
          else
            g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                         _("A reply frame of %u bytes exceeds the limit of %zu bytes"),
                         len, self->config->max_message);
          return FALSE;
        }
      old = self->in->len;
      g_byte_array_set_size (self->in, old + len);
      if (!read_exact (self, self->in->data + old, len, NULL, cancellable,
                       _("in the middle of a reply"), error))
        return FALSE;
      /* A message may span frames: decode once the bytes are all there. */
      if (!try_decode (self, decode, user_data, FALSE, &done, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
receive_raw (TribHs2Transport   *self,
             TribHs2DecodeFunc   decode,
             gpointer            user_data,
             GCancellable       *cancellable,
             GError            **error)
{
  gsize chunk = 64 * 1024;
  gsize attempted = 0;
  gboolean done = FALSE;

  while (!done)
    {
      GError *local = NULL;
      guint old = self->in->len;
      gssize n;

      if (old + chunk > self->config->max_message + chunk)
        {
          self->broken = TRUE;
          g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                       _("A reply exceeds the limit of %zu bytes"), self->config->max_message);
          return FALSE;
        }
      g_byte_array_set_size (self->in, old + chunk);
      n = g_input_stream_read (self->input, self->in->data + old, chunk, cancellable, &local);
      if (n < 0)
        {
          g_byte_array_set_size (self->in, old);
          g_propagate_error (error, io_error (self, local, _("while waiting for a reply")));
          return FALSE;
        }
      g_byte_array_set_size (self->in, old + (guint) n);
      self->received += (guint64) n;
      if (old == 0 && n > 0)
        {
          GError *diag = self->in->data[0] != 0x80 ? diagnose (self, self->in->data, self->in->len) : NULL;

          if (diag)
            {
              self->broken = TRUE;
              g_propagate_error (error, diag);
              return FALSE;
            }
        }
      if (n == 0)
        {
          self->broken = TRUE;
          if (self->in->len == 0)
            g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED,
                         _("%s closed the connection without a reply (does this port expect SASL or TLS?)"),
                         self->where);
          else
            g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED,
                         _("%s closed the connection in the middle of a reply"), self->where);
          return FALSE;
        }
      /* Retry the decode when the socket looks drained or the data doubled: linear overall. */
      if ((gsize) n < chunk || self->in->len >= 2 * attempted)
        {
          attempted = self->in->len;
          if (!try_decode (self, decode, user_data, FALSE, &done, error))
            return FALSE;
        }
      if ((gsize) n == chunk && chunk < 4 * 1024 * 1024)
        chunk *= 2;
    }
  return TRUE;
}

static gboolean
call_http (TribHs2Transport   *self,
           GByteArray         *request,
           TribHs2DecodeFunc   decode,
           gpointer            user_data,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GBytes) body = g_bytes_new (request->data, request->len);
  gboolean done;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_uri ("POST", self->uri);
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GSList) cookies = soup_cookie_jar_get_cookie_list (self->jar, self->uri, TRUE);
      gboolean with_cookie = FALSE;
      GError *local = NULL;
      guint status;

      for (GSList *l = cookies; l; l = l->next)
        if (g_strcmp0 (soup_cookie_get_name (l->data), "hive.server2.auth") == 0)
          with_cookie = TRUE;
      g_slist_free_full (g_steal_pointer (&cookies), (GDestroyNotify) soup_cookie_free);

      soup_message_headers_replace (headers, "Content-Type", "application/x-thrift");
      soup_message_headers_replace (headers, "Accept", "application/x-thrift");
      if (!with_cookie)
        {
          const char *user = self->config->user && *self->config->user ? self->config->user : "anonymous";
          const char *password = self->config->password ? self->config->password : "";
          g_autofree char *pair = g_strconcat (user, ":", password, NULL);
          g_autofree char *b64 = g_base64_encode ((const guint8 *) pair, strlen (pair));
          g_autofree char *value = g_strconcat ("Basic ", b64, NULL);

          soup_message_headers_replace (headers, "Authorization", value);
          memset (pair, 0, strlen (pair));
        }
      soup_message_set_request_body_from_bytes (msg, "application/x-thrift", body);

      reply = soup_session_send_and_read (self->session, msg, cancellable, &local);
      if (reply == NULL)
        {
          if (local->domain == G_IO_ERROR && local->code == G_IO_ERROR_TIMED_OUT)
            g_propagate_error (error, io_error (self, local, ""));
          else if (local->domain == SOUP_SESSION_ERROR || local->domain == G_TLS_ERROR ||
                   (local->domain == G_IO_ERROR && local->code == G_IO_ERROR_PARTIAL_INPUT))
            {
              g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_WRONG_PROTOCOL,
                           _("Wrong protocol on %s: the server does not answer in HTTP%s (%s); "
                             "this may be a binary (SASL or NOSASL) port%s"),
                           self->where, self->config->tls ? "S" : "", local->message,
                           self->config->tls ? "" : _(", or it expects TLS"));
              g_error_free (local);
            }
          else
            g_propagate_error (error, local);
          return FALSE;
        }
      status = soup_message_get_status (msg);
      if (status == SOUP_STATUS_UNAUTHORIZED && with_cookie && attempt == 0)
        {
          /* A stale hive.server2.auth cookie: drop it and send the credentials again. */
          g_autoptr(GSList) all = soup_cookie_jar_all_cookies (self->jar);

          for (GSList *l = all; l; l = l->next)
            soup_cookie_jar_delete_cookie (self->jar, l->data);
          g_slist_free_full (g_steal_pointer (&all), (GDestroyNotify) soup_cookie_free);
          continue;
        }
      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_AUTH,
                       _("Authentication failed for user “%s” on %s (HTTP %u)"),
                       self->config->user ? self->config->user : "anonymous", self->where, status);
          return FALSE;
        }
      if (status != SOUP_STATUS_OK)
        {
          g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_FAILED,
                       _("%s answered HTTP %u %s"), self->where, status,
                       soup_message_get_reason_phrase (msg) ? soup_message_get_reason_phrase (msg) : "");
          return FALSE;
        }
      g_byte_array_set_size (self->in, 0);
      g_byte_array_append (self->in, g_bytes_get_data (reply, NULL), (guint) g_bytes_get_size (reply));
      self->received += g_bytes_get_size (reply);
      if (self->in->len > self->config->max_message)
        {
          g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                       _("A reply exceeds the limit of %zu bytes"), self->config->max_message);
          return FALSE;
        }
      if (self->in->len > 0 && self->in->data[0] != 0x80)
        {
          GError *diag = diagnose (self, self->in->data, self->in->len);

          if (diag)
            {
              g_propagate_error (error, diag);
              return FALSE;
            }
        }
      return try_decode (self, decode, user_data, TRUE, &done, error);
    }
  g_assert_not_reached ();
  return FALSE;
}

gboolean
trib_hs2_transport_call (TribHs2Transport   *self,
                         GByteArray         *request,
                         TribHs2DecodeFunc   decode,
                         gpointer            user_data,
                         GCancellable       *cancellable,
                         GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (TRIB_IS_HS2_TRANSPORT (self), FALSE);

  g_byte_array_set_size (self->in, 0);
  if (self->config->transport == TRIB_HS2_TRANSPORT_HTTP)
    {
      if (!open_http (self, error))
        return FALSE;
      ok = call_http (self, request, decode, user_data, cancellable, error);
    }
  else
    {
      if (self->stream == NULL || self->broken)
        {
          g_set_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED,
                       _("The connection to %s is closed"), self->where);
          return FALSE;
        }
      if (self->config->transport == TRIB_HS2_TRANSPORT_NOSASL)
        ok = write_all (self, request->data, request->len, cancellable, error) &&
             receive_raw (self, decode, user_data, cancellable, error);
      else
        {
          guint32 be = GUINT32_TO_BE (request->len);
          g_autoptr(GByteArray) framed = g_byte_array_sized_new (request->len + 4);

          g_byte_array_append (framed, (const guint8 *) &be, 4);
          g_byte_array_append (framed, request->data, request->len);
          ok = write_all (self, framed->data, framed->len, cancellable, error) &&
               receive_framed (self, decode, user_data, cancellable, error);
        }
    }
  /* Keep big buffers from lingering between calls. */
  if (self->in->len > 4 * 1024 * 1024)
    {
      g_byte_array_unref (self->in);
      self->in = g_byte_array_new ();
    }
  else
    g_byte_array_set_size (self->in, 0);
  return ok;
}
