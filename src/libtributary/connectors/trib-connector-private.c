/* trib-connector-private.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-connector-private.h"
#include "trib-data-source.h"

char *
_trib_connector_scrub (char       *text,
                       const char *secret)
{
  GString *out;
  const char *p;
  const char *hit;
  gsize len;

  if (text == NULL || secret == NULL || *secret == '\0' || strstr (text, secret) == NULL)
    return text;

  len = strlen (secret);
  out = g_string_new (NULL);
  for (p = text; (hit = strstr (p, secret)) != NULL; p = hit + len)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, "******");
    }
  g_string_append (out, p);
  g_free (text);
  return g_string_free (out, FALSE);
}

char *
_trib_connector_format_endpoint (const char *host,
                                 const char *address,
                                 guint       port)
{
  gboolean host_v6 = host && strchr (host, ':') != NULL;
  /* A list of addresses ("::1, 127.0.0.1") goes without brackets. */
  gboolean address_v6 = address && strchr (address, ':') != NULL && strchr (address, ',') == NULL;

  if (address == NULL || *address == '\0' || g_strcmp0 (host, address) == 0)
    return g_strdup_printf ("%s%s%s:%u", host_v6 ? "[" : "", host ? host : "", host_v6 ? "]" : "", port);
  return g_strdup_printf ("%s (%s%s%s):%u", host, address_v6 ? "[" : "", address, address_v6 ? "]" : "", port);
}

void
_trib_connector_set_error (GError             **error,
                           TribConnectorError   code,
                           const char          *secret,
                           const char          *format,
                           ...)
{
  char *message;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  message = _trib_connector_scrub (message, secret);
  g_set_error_literal (error, TRIB_CONNECTOR_ERROR, code, message);
  g_free (message);
}

const char *
_trib_connector_user_agent (void)
{
  return "Tributary/" PACKAGE_VERSION;
}

static char *
tls_hint (TribTlsProblem      problem,
          TribDataSourceKind  kind,
          const char         *host)
{
  gboolean mysql = kind == TRIB_DATA_SOURCE_KIND_MYSQL;

  switch (problem)
    {
    case TRIB_TLS_PROBLEM_NOT_TLS:
      if (mysql)
        return g_strdup (_("This server does not offer TLS. Enable TLS on the server (ssl_cert, ssl_key), or set tls to preferred or disabled if the network is trusted."));
      return g_strdup (_("This port serves plain HTTP, not HTTPS. Use an http:// URL, or the port where the server offers HTTPS."));
    case TRIB_TLS_PROBLEM_UNTRUSTED:
      if (mysql)
        return g_strdup (_("Set ca_file to the PEM file of the certificate authority that signed the server's certificate, or set tls to required to encrypt without verifying."));
      return g_strdup (_("Set ca_file to the PEM file of the certificate authority that signed the server's certificate. Only on a trusted network, verify_tls=false skips the check."));
    case TRIB_TLS_PROBLEM_NAME_MISMATCH:
      if (mysql)
        return g_strdup_printf (_("Connect with a host name that the certificate names instead of “%s”, or set tls to verify-ca to check only the certificate authority."), host);
      return g_strdup_printf (_("Use a host name that the certificate names instead of “%s”, or ask for a certificate that includes it."), host);
    case TRIB_TLS_PROBLEM_EXPIRED:
    case TRIB_TLS_PROBLEM_NOT_YET_VALID:
      return g_strdup (_("Renew the server's certificate, and check that this computer's date and time are right."));
    case TRIB_TLS_PROBLEM_CA_FILE:
      return g_strdup (_("Check that ca_file names a readable PEM file holding the certificate authority's certificate."));
    case TRIB_TLS_PROBLEM_OTHER:
    case TRIB_TLS_PROBLEM_NONE:
    default:
      return g_strdup (_("Check that the server offers TLS 1.2 or later on this port and that its certificate is valid."));
    }
}

char *
_trib_connector_common_hint (TribConnectorError  code,
                             TribTlsProblem      tls_problem,
                             int                 kind,
                             const char         *host,
                             guint               port,
                             guint               timeout_seconds)
{
  switch (code)
    {
    case TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED:
      return g_strdup_printf (_("Check the spelling of “%s”, or use the server's IP address. For a name inside a company network, check that this computer uses that network's DNS (VPN)."),
                              host);
    case TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED:
      if (kind == TRIB_DATA_SOURCE_KIND_MYSQL)
        return g_strdup_printf (_("Nothing listens on port %u of %s. Check the port (MySQL and MariaDB use 3306 by default) and that the server runs and accepts TCP connections from this computer (bind-address, skip-networking)."),
                                port, host);
      return g_strdup_printf (_("Nothing listens on port %u of %s. Check the port in the URL and that the server runs and accepts connections from this computer."),
                              port, host);
    case TRIB_CONNECTOR_ERROR_UNREACHABLE:
      return g_strdup_printf (_("There is no network route to %s. Check the address, this computer's network or VPN connection, and firewalls."),
                              host);
    case TRIB_CONNECTOR_ERROR_TIMED_OUT:
      return g_strdup_printf (_("Nothing answered within %u s. Either a firewall drops the traffic, or another service on port %u accepts connections but never answers: check the host and port. If the server is only slow, raise connect_timeout and read_timeout."),
                              timeout_seconds, port);
    case TRIB_CONNECTOR_ERROR_TLS:
      return tls_hint (tls_problem, (TribDataSourceKind) kind, host);
    default:
      return NULL;
    }
}

char *
_trib_connector_proxy_hint (const char *variable)
{
  return g_strdup_printf (_("The proxy named by the %s environment variable cannot be reached. Check that variable, or list this host in no_proxy to connect directly."),
                          variable);
}

gboolean
_trib_byte_collector_sink (const guint8  *data,
                           gsize          length,
                           gpointer       user_data,
                           GError       **error)
{
  TribByteCollector *collector = user_data;

  if (collector->data->len + length > collector->max_size)
    {
      g_autofree char *limit = g_format_size (collector->max_size);

      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FAILED,
                   _("%s is larger than the limit of %s"), collector->what, limit);
      return FALSE;
    }
  g_byte_array_append (collector->data, data, length);
  return TRUE;
}
