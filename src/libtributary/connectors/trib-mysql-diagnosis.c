/* trib-mysql-diagnosis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-mysql-diagnosis-private.h"

/* After a session died in the handshake: what listens there? Connects once more, waits
 * briefly for a MySQL greeting, else sends an HTTP request and looks at the answer. */
TribMysqlPeer
_trib_mysql_probe_peer (const char   *host,
                        guint         port,
                        guint         connect_timeout,
                        GCancellable *cancellable)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket;
  guint8 buffer[8] = { 0 };
  gssize n;
  guint wait = MIN (connect_timeout, 3);
  static const char request[] = "HEAD / HTTP/1.0\r\n\r\n";

  /* Straight to the port: a proxy would answer for the server. */
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, MAX (wait, 1));
  connection = g_socket_client_connect_to_host (client, host, port, cancellable, &error);
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        return TRIB_MYSQL_PEER_REFUSED;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
        return TRIB_MYSQL_PEER_UNREACHABLE;
      return TRIB_MYSQL_PEER_SILENT;
    }

  /* A MySQL server greets at once; wait a moment for that before speaking HTTP. */
  socket = g_socket_connection_get_socket (connection);
  n = -1;
  if (g_socket_condition_timed_wait (socket, G_IO_IN, 300 * 1000, cancellable, NULL))
    n = g_socket_receive (socket, (char *) buffer, sizeof buffer, cancellable, NULL);
  if (n >= 5 && buffer[3] == 0 && (buffer[4] == 10 || buffer[4] == 0xff))
    return TRIB_MYSQL_PEER_MYSQL;
  if (n > 0)
    return TRIB_MYSQL_PEER_OTHER;

  if (n == 0)
    return TRIB_MYSQL_PEER_OTHER;  /* closed without a word */
  g_socket_set_timeout (socket, MAX (wait, 1));
  if (g_socket_send (socket, request, sizeof request - 1, cancellable, NULL) < 0)
    return TRIB_MYSQL_PEER_SILENT;
  n = g_socket_receive (socket, (char *) buffer, sizeof buffer, cancellable, NULL);
  if (n >= 5 && memcmp (buffer, "HTTP/", 5) == 0)
    return TRIB_MYSQL_PEER_HTTP;
  if (n >= 1 && (buffer[0] == 0x15 || buffer[0] == 0x16))
    return TRIB_MYSQL_PEER_TLS;
  if (n > 0)
    return TRIB_MYSQL_PEER_OTHER;
  return TRIB_MYSQL_PEER_SILENT;
}

int
_trib_mysql_message_errno (const char *message)
{
  const char *open = strrchr (message, '(');
  const char *se = strstr (message, "system error: ");

  if (se)
    return atoi (se + strlen ("system error: "));
  if (open && g_ascii_isdigit (open[1]))
    return atoi (open + 1);
  return 0;
}

void
_trib_mysql_classify_tls (const char      *message,
                          const char      *host,
                          const char      *ca_file,
                          TribTlsProblem  *problem,
                          char           **problem_detail)
{
  const char *detail = strstr (message, "error: ");

  detail = detail ? detail + strlen ("error: ") : message;

  if (strstr (message, "does not support"))
    {
      *problem = TRIB_TLS_PROBLEM_NOT_TLS;
      *problem_detail = g_strdup (_("the server does not offer TLS"));
    }
  else if (strstr (message, "in certificate chain") || strstr (message, "issuer") ||
           strstr (message, "first certificate"))
    {
      *problem = TRIB_TLS_PROBLEM_UNTRUSTED;
      *problem_detail = g_strdup (ca_file
                                   ? _("the server's certificate is issued by an authority that ca_file does not hold")
                                   : _("the server's certificate is issued by an authority this computer does not trust"));
    }
  else if (strstr (message, "self-signed") || strstr (message, "self signed"))
    {
      *problem = TRIB_TLS_PROBLEM_UNTRUSTED;
      *problem_detail = g_strdup (_("the server's certificate is self-signed"));
    }
  else if (strstr (message, "expired"))
    {
      *problem = TRIB_TLS_PROBLEM_EXPIRED;
      *problem_detail = g_strdup (_("the server's certificate has expired"));
    }
  else if (strstr (message, "not yet valid"))
    {
      *problem = TRIB_TLS_PROBLEM_NOT_YET_VALID;
      *problem_detail = g_strdup (_("the server's certificate is not valid yet"));
    }
  else if (strstr (message, "Validation of SSL server certificate failed") || strstr (message, "hostname") ||
           strstr (message, "match"))
    {
      *problem = TRIB_TLS_PROBLEM_NAME_MISMATCH;
      *problem_detail = g_strdup_printf (_("the server's certificate is not issued for “%s”"), host);
    }
  else if (strstr (message, "file") || strstr (message, "load") || strstr (message, "PEM"))
    {
      *problem = TRIB_TLS_PROBLEM_CA_FILE;
      *problem_detail = g_strdup_printf (_("ca_file %s cannot be used: %s"), ca_file ? ca_file : "", detail);
    }
  else
    {
      *problem = TRIB_TLS_PROBLEM_OTHER;
      *problem_detail = g_strdup (detail);
    }
}
