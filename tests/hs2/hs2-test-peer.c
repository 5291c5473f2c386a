/* hs2-test-peer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hs2-test-peer.h"

TribHs2Config *
hs2_test_config (TribHs2TransportMode mode,
                 gboolean             tls)
{
  const char *port_env;
  TribHs2Config *config;

  switch (mode)
    {
    case TRIB_HS2_TRANSPORT_SASL:   port_env = tls ? "TRIB_TEST_HS2_SASL_TLS_PORT" : "TRIB_TEST_HS2_SASL_PORT"; break;
    case TRIB_HS2_TRANSPORT_NOSASL: port_env = "TRIB_TEST_HS2_NOSASL_PORT"; break;
    case TRIB_HS2_TRANSPORT_FRAMED: port_env = "TRIB_TEST_HS2_FRAMED_PORT"; break;
    case TRIB_HS2_TRANSPORT_HTTP:   port_env = tls ? "TRIB_TEST_HS2_HTTPS_PORT" : "TRIB_TEST_HS2_HTTP_PORT"; break;
    default:                        g_assert_not_reached ();
    }
  config = trib_hs2_config_new (trib_test_require_env ("TRIB_TEST_HS2_HOST"),
                                (guint16) atoi (trib_test_require_env (port_env)));
  config->transport = mode;
  config->tls = tls;
  if (tls)
    config->ca_file = g_strdup (trib_test_require_env ("TRIB_TEST_HS2_CA_FILE"));
  config->user = g_strdup (trib_test_require_env ("TRIB_TEST_HS2_USER"));
  config->password = g_strdup (trib_test_require_env ("TRIB_TEST_HS2_PASSWORD"));
  config->database = g_strdup ("default");
  config->connect_timeout = 5;
  config->read_timeout = 20;
  return config;
}

gboolean
hs2_test_recorded (const char *first,
                   ...)
{
  g_autofree char *text = trib_test_read_file (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"));
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      gboolean all = TRUE;
      va_list args;

      va_start (args, first);
      for (const char *s = first; s && all; s = va_arg (args, const char *))
        all = strstr (lines[i], s) != NULL;
      va_end (args);
      if (all)
        return TRUE;
    }
  return FALSE;
}

guint16
hs2_test_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}
