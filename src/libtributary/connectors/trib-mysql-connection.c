/* trib-mysql-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <errmsg.h>
#include <mysqld_error.h>

#include <glib/gi18n.h>

#include "trib-connector-private.h"
#include "trib-connector-settings.h"
#include "trib-mysql-connection.h"
#include "trib-mysql-diagnosis-private.h"

struct _TribMysqlConnection
{
  GObject            parent_instance;
  TribDataSource    *data_source;
  MYSQL             *mysql;
  char              *host;
  guint              port;
  char              *database;
  char              *user;
  char              *password;
  char              *ca_file;
  char              *charset;
  char              *time_zone;
  TribMysqlTlsMode   tls_mode;
  guint              connect_timeout;
  guint              read_timeout;
  char              *endpoint;
  char              *server_version;
  /* Why the last open failed, for the connectivity test's hint. */
  TribTlsProblem     tls_problem;
  char              *tls_detail;
  char              *peer_description;
};

G_DEFINE_FINAL_TYPE (TribMysqlConnection, trib_mysql_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_SERVER_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
library_init (void)
{
  static gsize once = 0;

  /* mysql_init() would do it implicitly, but not thread-safely. */
  if (g_once_init_enter (&once))
    {
      mysql_library_init (0, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
}

static void
trib_mysql_connection_finalize (GObject *object)
{
  TribMysqlConnection *self = (TribMysqlConnection *) object;

  trib_mysql_connection_close (self);
  g_clear_object (&self->data_source);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->user, g_free);
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->charset, g_free);
  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->server_version, g_free);
  g_clear_pointer (&self->tls_detail, g_free);
  g_clear_pointer (&self->peer_description, g_free);

  G_OBJECT_CLASS (trib_mysql_connection_parent_class)->finalize (object);
}

static void
trib_mysql_connection_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TribMysqlConnection *self = TRIB_MYSQL_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_SERVER_VERSION:
      g_value_set_string (value, self->server_version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_mysql_connection_class_init (TribMysqlConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_mysql_connection_finalize;
  object_class->get_property = trib_mysql_connection_get_property;

  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SERVER_VERSION] =
    g_param_spec_string ("server-version", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_mysql_connection_init (TribMysqlConnection *self)
{
}

static TribMysqlTlsMode
parse_tls_mode (const char *text)
{
  if (g_strcmp0 (text, "disabled") == 0)
    return TRIB_MYSQL_TLS_DISABLED;
  if (g_strcmp0 (text, "required") == 0)
    return TRIB_MYSQL_TLS_REQUIRED;
  if (g_strcmp0 (text, "verify-ca") == 0)
    return TRIB_MYSQL_TLS_VERIFY_CA;
  if (g_strcmp0 (text, "verify-identity") == 0)
    return TRIB_MYSQL_TLS_VERIFY_IDENTITY;
  return TRIB_MYSQL_TLS_PREFERRED;
}

TribMysqlConnection *
trib_mysql_connection_new (TribDataSource  *data_source,
                           const char      *password,
                           GError         **error)
{
  g_autoptr(TribMysqlConnection) self = NULL;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  if (trib_data_source_get_kind (data_source) != TRIB_DATA_SOURCE_KIND_MYSQL)
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
                   _("data source \"%s\" is not a MySQL source"), trib_data_source_get_name (data_source));
      return NULL;
    }
  if (!trib_connector_validate (data_source, error))
    return NULL;
  if (password == NULL)
    {
      g_autofree char *env = trib_data_source_dup_secret_env_name (data_source);
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET,
                   _("data source \"%s\" has no password: store it in the keyring or set %s"),
                   trib_data_source_get_name (data_source), env);
      return NULL;
    }

  library_init ();

  self = g_object_new (TRIB_TYPE_MYSQL_CONNECTION, NULL);
  self->data_source = g_object_ref (data_source);
  self->host = g_strdup (trib_data_source_get_option_string (data_source, "host", NULL));
  self->port = (guint) trib_data_source_get_option_int (data_source, "port", TRIB_MYSQL_DEFAULT_PORT);
  self->database = g_strdup (trib_data_source_get_option_string (data_source, "database", NULL));
  self->user = g_strdup (trib_data_source_get_option_string (data_source, "user", NULL));
  self->password = g_strdup (password);
  self->ca_file = g_strdup (trib_data_source_get_option_string (data_source, "ca_file", NULL));
  self->charset = g_strdup (trib_data_source_get_option_string (data_source, "charset", "utf8mb4"));
  self->time_zone = g_strdup (trib_data_source_get_option_string (data_source, "time_zone", NULL));
  self->tls_mode = parse_tls_mode (trib_data_source_get_option_string (data_source, "tls", "preferred"));
  self->connect_timeout = (guint) trib_data_source_get_option_int (data_source, "connect_timeout",
                                                                   TRIB_CONNECTOR_DEFAULT_CONNECT_TIMEOUT);
  self->read_timeout = (guint) trib_data_source_get_option_int (data_source, "read_timeout",
                                                                TRIB_CONNECTOR_DEFAULT_READ_TIMEOUT);
  self->endpoint = _trib_connector_format_endpoint (self->host, NULL, self->port);
  return g_steal_pointer (&self);
}

static void
set_endpoint (TribMysqlConnection *self,
              const char          *address)
{
  g_free (self->endpoint);
  self->endpoint = _trib_connector_format_endpoint (self->host, address, self->port);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT]);
}

/* Looks the host up ourselves first: a clean "not resolved", and the address to show. */
static gboolean
resolve_host (TribMysqlConnection  *self,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GError) local_error = NULL;
  GList *addresses;

  if (g_hostname_is_ip_address (self->host))
    {
      set_endpoint (self, NULL);
      return TRUE;
    }

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, self->host, cancellable, &local_error);
  if (addresses == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED,
                     _("cannot resolve the host name “%s”"), self->host);
      return FALSE;
    }

  {
    /* Connector/C tries each address in turn: until one answers, show them all. */
    g_autoptr(GString) text = g_string_new (NULL);
    guint n = 0;

    for (GList *l = addresses; l && n < 4; l = l->next, n++)
      {
        g_autofree char *address = g_inet_address_to_string (l->data);
        if (n > 0)
          g_string_append (text, ", ");
        g_string_append (text, address);
      }
    set_endpoint (self, text->str);
  }
  g_resolver_free_addresses (addresses);
  return TRUE;
}

static void
set_failure (TribMysqlConnection  *self,
             GCancellable         *cancellable,
             GError              **error)
{
  unsigned int code = mysql_errno (self->mysql);
  const char *message = mysql_error (self->mysql);
  TribConnectorError category;
  const char *pw = self->password;

  switch (code)
    {
    case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
    case ER_ACCOUNT_HAS_BEEN_LOCKED:
    case ER_MUST_CHANGE_PASSWORD:
    case ER_NOT_SUPPORTED_AUTH_MODE:
      category = TRIB_CONNECTOR_ERROR_AUTHENTICATION;
      break;
    case ER_DBACCESS_DENIED_ERROR:
    case ER_HOST_NOT_PRIVILEGED:
    case ER_HOST_IS_BLOCKED:
    case ER_SPECIFIC_ACCESS_DENIED_ERROR:
    case ER_TABLEACCESS_DENIED_ERROR:
      category = TRIB_CONNECTOR_ERROR_PERMISSION_DENIED;
      break;
    case ER_BAD_DB_ERROR:
      category = TRIB_CONNECTOR_ERROR_DATABASE_NOT_FOUND;
      break;
    case ER_UNKNOWN_CHARACTER_SET:
    case ER_UNKNOWN_TIME_ZONE:
      category = TRIB_CONNECTOR_ERROR_INVALID_SETTINGS;
      break;
    case CR_UNKNOWN_HOST:
      category = TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED;
      break;
    case CR_SSL_CONNECTION_ERROR:
      g_clear_pointer (&self->tls_detail, g_free);
      _trib_mysql_classify_tls (message, self->host, self->ca_file, &self->tls_problem, &self->tls_detail);
      category = TRIB_CONNECTOR_ERROR_TLS;
      _trib_connector_set_error (error, category, pw, _("TLS with %s failed: %s"), self->endpoint, self->tls_detail);
      return;
    case CR_VERSION_ERROR:
    case CR_MALFORMED_PACKET:
    case CR_SERVER_HANDSHAKE_ERR:
      g_free (self->peer_description);
      self->peer_description = g_strdup (_("something that does not speak the MySQL protocol"));
      _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, pw,
                                 _("%s answered, but not as a MySQL server"), self->endpoint);
      return;
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_IPSOCK_ERROR:
      {
        int os_errno = _trib_mysql_message_errno (message);
        TribMysqlPeer peer;

        /* Connector/C's connect is non-blocking inside: the errno it reports may be
         * EINPROGRESS; then ask the port directly. */
        if (os_errno == ECONNREFUSED)
          peer = TRIB_MYSQL_PEER_REFUSED;
        else if (os_errno == ETIMEDOUT)
          peer = TRIB_MYSQL_PEER_SILENT;
        else if (os_errno == EHOSTUNREACH || os_errno == ENETUNREACH)
          peer = TRIB_MYSQL_PEER_UNREACHABLE;
        else
          peer = _trib_mysql_probe_peer (self->host, self->port, self->connect_timeout, cancellable);

        if (peer == TRIB_MYSQL_PEER_REFUSED)
          _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED, pw,
                                     _("%s refused the connection"), self->endpoint);
        else if (peer == TRIB_MYSQL_PEER_UNREACHABLE)
          _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_UNREACHABLE, pw,
                                     _("no route to %s"), self->endpoint);
        else if (peer == TRIB_MYSQL_PEER_SILENT)
          _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TIMED_OUT, pw,
                                     _("no answer from %s within %u s while connecting"), self->endpoint,
                                     self->connect_timeout);
        else
          _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_FAILED, pw,
                                     _("cannot connect to %s: %s"), self->endpoint, message);
        return;
      }
    case CR_SERVER_LOST:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST_EXTENDED:
      if (strstr (message, "handshake") != NULL || strstr (message, "initial communication") != NULL)
        {
          TribMysqlPeer peer = _trib_mysql_probe_peer (self->host, self->port, self->connect_timeout, cancellable);

          g_clear_pointer (&self->peer_description, g_free);
          switch (peer)
            {
            case TRIB_MYSQL_PEER_HTTP:
              self->peer_description = g_strdup (_("an HTTP server"));
              break;
            case TRIB_MYSQL_PEER_TLS:
              self->peer_description = g_strdup (_("a TLS server, perhaps HTTPS"));
              break;
            case TRIB_MYSQL_PEER_OTHER:
              self->peer_description = g_strdup (_("something that does not speak the MySQL protocol"));
              break;
            case TRIB_MYSQL_PEER_SILENT:
            case TRIB_MYSQL_PEER_MYSQL:
            case TRIB_MYSQL_PEER_REFUSED:
            case TRIB_MYSQL_PEER_UNREACHABLE:
            default:
              break;
            }
          if (self->peer_description != NULL)
            _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL, pw,
                                       _("%s is not a MySQL server: %s answers there"),
                                       self->endpoint, self->peer_description);
          else
            _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TIMED_OUT, pw,
                                       _("%s accepted the connection but sent no MySQL greeting within %u s"),
                                       self->endpoint, self->connect_timeout);
          return;
        }
      if (_trib_mysql_message_errno (message) == ETIMEDOUT)
        {
          _trib_connector_set_error (error, TRIB_CONNECTOR_ERROR_TIMED_OUT, pw,
                                     _("%s stopped answering (no data within %u s)"), self->endpoint,
                                     self->read_timeout);
          return;
        }
      category = TRIB_CONNECTOR_ERROR_FAILED;
      break;
    default:
      category = code < CR_MIN_ERROR ? TRIB_CONNECTOR_ERROR_SERVER_ERROR : TRIB_CONNECTOR_ERROR_FAILED;
      break;
    }

  _trib_connector_set_error (error, category, pw, "%s", message);
}

gboolean
trib_mysql_connection_open (TribMysqlConnection  *self,
                            GCancellable         *cancellable,
                            GError              **error)
{
  unsigned int protocol = MYSQL_PROTOCOL_TCP;
  unsigned int local_infile = 0;
  my_bool verify = 0;

  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), FALSE);

  trib_mysql_connection_close (self);
  self->tls_problem = TRIB_TLS_PROBLEM_NONE;
  g_clear_pointer (&self->tls_detail, g_free);
  g_clear_pointer (&self->peer_description, g_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!resolve_host (self, cancellable, error))
    return FALSE;

  self->mysql = mysql_init (NULL);
  /* "localhost" would otherwise mean the Unix socket. */
  mysql_optionsv (self->mysql, MYSQL_OPT_PROTOCOL, &protocol);
  mysql_optionsv (self->mysql, MYSQL_OPT_CONNECT_TIMEOUT, &self->connect_timeout);
  mysql_optionsv (self->mysql, MYSQL_OPT_READ_TIMEOUT, &self->read_timeout);
  mysql_optionsv (self->mysql, MYSQL_OPT_WRITE_TIMEOUT, &self->read_timeout);
  mysql_optionsv (self->mysql, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  mysql_optionsv (self->mysql, MYSQL_SET_CHARSET_NAME, self->charset);
  mysql_optionsv (self->mysql, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", "tributary");
  if (self->time_zone != NULL)
    {
      /* The value was checked to hold only [A-Za-z0-9+-:/_]; quote it anyway. */
      g_autofree char *command = g_strdup_printf ("SET time_zone = '%s'", self->time_zone);
      mysql_optionsv (self->mysql, MYSQL_INIT_COMMAND, command);
    }

  if (self->tls_mode != TRIB_MYSQL_TLS_DISABLED)
    {
      /* With a CA, Connector/C also verifies the certificate chain (verify-ca). */
      mysql_ssl_set (self->mysql, NULL, NULL, self->ca_file, NULL, NULL);
    }
  if (self->tls_mode >= TRIB_MYSQL_TLS_REQUIRED)
    {
      /* Connector/C 3.3 only refuses a plain session when it verifies the host name, so
       * "required" is checked after the handshake; until then no authentication method
       * may send the password in clear. */
      mysql_optionsv (self->mysql, MARIADB_OPT_RESTRICTED_AUTH,
                      "mysql_native_password,client_ed25519,caching_sha2_password,sha256_password");
    }
  verify = self->tls_mode == TRIB_MYSQL_TLS_VERIFY_IDENTITY;
  mysql_optionsv (self->mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);

  if (mysql_real_connect (self->mysql, self->host, self->user, self->password, self->database,
                          self->port, NULL, CLIENT_MULTI_RESULTS) == NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          trib_mysql_connection_close (self);
          return FALSE;
        }
      set_failure (self, cancellable, error);
      trib_mysql_connection_close (self);
      return FALSE;
    }

  if (self->tls_mode >= TRIB_MYSQL_TLS_REQUIRED && mysql_get_ssl_cipher (self->mysql) == NULL)
    {
      self->tls_problem = TRIB_TLS_PROBLEM_NOT_TLS;
      self->tls_detail = g_strdup (_("the server does not offer TLS"));
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_TLS,
                   _("TLS with %s failed: %s"), self->endpoint, self->tls_detail);
      trib_mysql_connection_close (self);
      return FALSE;
    }

  if (!g_hostname_is_ip_address (self->host))
    {
      /* The address that answered. */
      g_autoptr(GSocket) socket = g_socket_new_from_fd (dup (mysql_get_socket (self->mysql)), NULL);
      g_autoptr(GSocketAddress) peer = socket ? g_socket_get_remote_address (socket, NULL) : NULL;

      if (G_IS_INET_SOCKET_ADDRESS (peer))
        {
          g_autofree char *text = g_inet_address_to_string (
            g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (peer)));
          set_endpoint (self, text);
        }
    }

  g_free (self->server_version);
  self->server_version = g_strdup (mysql_get_server_info (self->mysql));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_VERSION]);
  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (trib_mysql_connection_open (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
trib_mysql_connection_open_async (TribMysqlConnection *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRIB_IS_MYSQL_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_mysql_connection_open_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_thread);
}

gboolean
trib_mysql_connection_open_finish (TribMysqlConnection  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_mysql_connection_close (TribMysqlConnection *self)
{
  g_return_if_fail (TRIB_IS_MYSQL_CONNECTION (self));
  g_clear_pointer (&self->mysql, mysql_close);
}

gboolean
trib_mysql_connection_is_open (TribMysqlConnection *self)
{
  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), FALSE);
  return self->mysql != NULL;
}

MYSQL *
trib_mysql_connection_get_handle (TribMysqlConnection *self)
{
  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), NULL);
  return self->mysql;
}

const char *
trib_mysql_connection_get_server_version (TribMysqlConnection *self)
{
  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), NULL);
  return self->server_version;
}

const char *
trib_mysql_connection_get_endpoint (TribMysqlConnection *self)
{
  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), NULL);
  return self->endpoint;
}

const char *
trib_mysql_connection_get_tls_cipher (TribMysqlConnection *self)
{
  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), NULL);
  return self->mysql ? mysql_get_ssl_cipher (self->mysql) : NULL;
}

TribMysqlTlsMode
trib_mysql_connection_get_tls_mode (TribMysqlConnection *self)
{
  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), TRIB_MYSQL_TLS_PREFERRED);
  return self->tls_mode;
}

static gboolean
check_open (TribMysqlConnection  *self,
            GError              **error)
{
  if (self->mysql != NULL)
    return TRUE;
  g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FAILED,
               _("the session with %s is not open"), self->endpoint);
  return FALSE;
}

static void
cancelled_cb (GCancellable *cancellable,
              MYSQL        *mysql)
{
  /* Shuts the socket down from the cancelling thread: a blocked read returns at once. */
  mariadb_cancel (mysql);
}

gboolean
trib_mysql_connection_execute (TribMysqlConnection  *self,
                               const char           *sql,
                               GCancellable         *cancellable,
                               GError              **error)
{
  return trib_mysql_connection_stream_query (self, sql, NULL, NULL, NULL, cancellable, error);
}

gboolean
trib_mysql_connection_stream_query (TribMysqlConnection  *self,
                                    const char           *sql,
                                    TribMysqlColumnsFunc  columns_func,
                                    TribMysqlRowFunc      row_func,
                                    gpointer              user_data,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  MYSQL_RES *result;
  MYSQL_ROW row;
  gulong handler = 0;
  gboolean ok = TRUE;
  guint n_fields;

  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (!check_open (self, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self->mysql, NULL);

  if (mysql_real_query (self->mysql, sql, strlen (sql)) != 0)
    {
      g_cancellable_disconnect (cancellable, handler);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        set_failure (self, NULL, error);
      if (g_cancellable_is_cancelled (cancellable))
        trib_mysql_connection_close (self);
      return FALSE;
    }

  result = mysql_use_result (self->mysql);
  if (result == NULL)
    {
      g_cancellable_disconnect (cancellable, handler);
      if (mysql_field_count (self->mysql) == 0)
        return TRUE;
      set_failure (self, NULL, error);
      return FALSE;
    }

  n_fields = mysql_num_fields (result);
  if (columns_func != NULL)
    ok = columns_func (mysql_fetch_fields (result), n_fields, user_data, error);

  while (ok && (row = mysql_fetch_row (result)) != NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (row_func != NULL)
        ok = row_func (row, mysql_fetch_lengths (result), n_fields, user_data, error);
    }

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (ok && mysql_errno (self->mysql) != 0)
    {
      set_failure (self, NULL, error);
      ok = FALSE;
    }

  g_cancellable_disconnect (cancellable, handler);

  if (!ok)
    {
      /* mysql_free_result() would read every remaining row: drop the session instead. */
      mariadb_cancel (self->mysql);
      mysql_free_result (result);
      trib_mysql_connection_close (self);
      return FALSE;
    }

  mysql_free_result (result);
  return TRUE;
}

char *
trib_mysql_quote_identifier (const char *name)
{
  GString *out = g_string_new ("`");

  for (const char *p = name; *p; p++)
    {
      if (*p == '`')
        g_string_append_c (out, '`');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '`');
  return g_string_free (out, FALSE);
}

static char *
failure_hint (TribMysqlConnection *self,
              TribConnectorError   code)
{
  g_autofree char *env = trib_data_source_dup_secret_env_name (self->data_source);
  char *hint;

  hint = _trib_connector_common_hint (code, self->tls_problem, TRIB_DATA_SOURCE_KIND_MYSQL, self->host,
                                      self->port, self->connect_timeout);
  if (hint != NULL)
    return hint;

  switch (code)
    {
    case TRIB_CONNECTOR_ERROR_AUTHENTICATION:
      return g_strdup_printf (_("Check the user name “%s” and its password (from the keyring, or %s), and that this user may connect from this computer's address."),
                              self->user, env);
    case TRIB_CONNECTOR_ERROR_MISSING_SECRET:
      return g_strdup_printf (_("Store the password with “tributary-cli datasource set … --secret-stdin” or in the data source dialog, or set %s."), env);
    case TRIB_CONNECTOR_ERROR_DATABASE_NOT_FOUND:
      return g_strdup_printf (_("The server has no database “%s”. Check the name (it may be case-sensitive), or create it with CREATE DATABASE."),
                              self->database ? self->database : "");
    case TRIB_CONNECTOR_ERROR_PERMISSION_DENIED:
      return g_strdup_printf (_("User “%s” is not allowed to do this from this computer. Ask for a GRANT on the database (for example GRANT SELECT ON `%s`.* TO the user), or for an account that may connect from this address."),
                              self->user, self->database ? self->database : "…");
    case TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL:
      return g_strdup_printf (_("Port %u of %s is not a MySQL server. Check the port: MySQL and MariaDB listen on 3306 by default."),
                              self->port, self->host);
    case TRIB_CONNECTOR_ERROR_INVALID_SETTINGS:
      return g_strdup (_("The server does not know the charset or time_zone of this data source: fix or remove that option."));
    case TRIB_CONNECTOR_ERROR_SERVER_ERROR:
      return g_strdup (_("The server refused the session; see the problem above (too many connections?) and the server's error log."));
    default:
      return g_strdup (_("See the problem above; check the host, port and server."));
    }
}

TribConnectivityResult *
trib_mysql_connection_test (TribMysqlConnection  *self,
                            GCancellable         *cancellable,
                            GError              **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) local_error = NULL;
  TribConnectivityResult *result;

  g_return_val_if_fail (TRIB_IS_MYSQL_CONNECTION (self), NULL);

  if (!trib_mysql_connection_open (self, cancellable, &local_error))
    {
      g_autofree char *hint = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      hint = failure_hint (self, local_error->domain == TRIB_CONNECTOR_ERROR ? local_error->code
                                                                               : TRIB_CONNECTOR_ERROR_FAILED);
      result = trib_connectivity_result_new_from_error (TRIB_DATA_SOURCE_KIND_MYSQL, self->endpoint,
                                                        local_error, hint);
      trib_connectivity_result_set_tls_problem (result, self->tls_detail);
    }
  else
    {
      const char *cipher = mysql_get_ssl_cipher (self->mysql);
      const char *product = strstr (self->server_version, "MariaDB") ? "MariaDB" : "MySQL";
      g_autofree char *tls = cipher ? g_strdup_printf (_("TLS %s"), cipher) : g_strdup (_("not encrypted"));
      g_autofree char *reached = NULL;

      if (self->database)
        reached = g_strdup_printf (_("%s %s, database “%s”, %s"), product, self->server_version, self->database, tls);
      else
        reached = g_strdup_printf (_("%s %s, %s"), product, self->server_version, tls);
      result = trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_MYSQL, self->endpoint, reached);
      trib_connectivity_result_set_server_version (result, self->server_version);
      trib_mysql_connection_close (self);
    }

  trib_connectivity_result_set_name (result, trib_data_source_get_name (self->data_source));
  trib_connectivity_result_set_elapsed_usec (result, g_get_monotonic_time () - start);
  return result;
}
