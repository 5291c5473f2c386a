/* trib-hs2-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-hs2-config.h"
#include "trib-hs2-protocol.h"

G_DEFINE_BOXED_TYPE (TribHs2Config, trib_hs2_config, trib_hs2_config_copy, trib_hs2_config_free)

TribHs2Config *
trib_hs2_config_new (const char *host,
                     guint16     port)
{
  TribHs2Config *self = g_new0 (TribHs2Config, 1);

  self->host = g_strdup (host ? host : "127.0.0.1");
  self->port = port ? port : 10009;
  self->transport = TRIB_HS2_TRANSPORT_SASL;
  self->http_path = g_strdup ("cliservice");
  self->connect_timeout = 10;
  self->read_timeout = 300;
  self->protocol = TRIB_HS2_PROTOCOL_V10;
  self->session_conf = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fetch_size = 10000;
  self->max_message = 256u * 1024u * 1024u;
  self->wait_for_engine = TRUE;
  return self;
}

TribHs2Config *
trib_hs2_config_copy (const TribHs2Config *self)
{
  TribHs2Config *copy = g_memdup2 (self, sizeof *self);
  GHashTableIter iter;
  gpointer k, v;

  copy->host = g_strdup (self->host);
  copy->http_path = g_strdup (self->http_path);
  copy->user = g_strdup (self->user);
  copy->password = g_strdup (self->password);
  copy->database = g_strdup (self->database);
  copy->ca_file = g_strdup (self->ca_file);
  copy->session_conf = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, self->session_conf);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_insert (copy->session_conf, g_strdup (k), g_strdup (v));
  return copy;
}

void
trib_hs2_config_free (TribHs2Config *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->http_path);
  g_free (self->user);
  if (self->password)
    {
      /* Don't leave the secret in freed memory. */
      memset (self->password, 0, strlen (self->password));
      g_free (self->password);
    }
  g_free (self->database);
  g_free (self->ca_file);
  g_hash_table_unref (self->session_conf);
  g_free (self);
}

void
trib_hs2_config_set_session_conf (TribHs2Config *self,
                                  const char    *key,
                                  const char    *value)
{
  if (value == NULL)
    g_hash_table_remove (self->session_conf, key);
  else
    g_hash_table_replace (self->session_conf, g_strdup (key), g_strdup (value));
}

static const char * const mode_names[] = { "sasl", "nosasl", "http", "framed" };

gboolean
trib_hs2_transport_mode_from_string (const char           *name,
                                     TribHs2TransportMode *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_ascii_strcasecmp (name, mode_names[i]) == 0)
      {
        *mode = (TribHs2TransportMode) i;
        return TRUE;
      }
  return FALSE;
}

const char *
trib_hs2_transport_mode_to_string (TribHs2TransportMode mode)
{
  return (guint) mode < G_N_ELEMENTS (mode_names) ? mode_names[mode] : "?";
}

char *
trib_hs2_config_describe (const TribHs2Config *self)
{
  if (self->transport == TRIB_HS2_TRANSPORT_HTTP)
    return g_strdup_printf ("%s://%s:%u/%s", self->tls ? "https" : "http", self->host, self->port,
                            self->http_path[0] == '/' ? self->http_path + 1 : self->http_path);
  return g_strdup_printf ("%s:%u (%s%s)", self->host, self->port,
                          trib_hs2_transport_mode_to_string (self->transport), self->tls ? ", TLS" : "");
}

TribHs2Config *
trib_hs2_config_new_from_data_source (TribDataSource  *source,
                                      const char      *password,
                                      GError         **error)
{
  g_autoptr(TribHs2Config) self = NULL;
  const char *transport;
  gint64 port;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (source), NULL);

  if (trib_data_source_get_kind (source) != TRIB_DATA_SOURCE_KIND_KYUUBI)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Data source “%s” is not a Kyuubi / Spark SQL source"),
                   trib_data_source_get_name (source));
      return NULL;
    }
  port = trib_data_source_get_option_int (source, "port", 10009);
  if (port <= 0 || port > 65535)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Data source “%s”: port %" PRId64 " is out of range"),
                   trib_data_source_get_name (source), port);
      return NULL;
    }
  self = trib_hs2_config_new (trib_data_source_get_option_string (source, "host", "127.0.0.1"),
                              (guint16) port);
  transport = trib_data_source_get_option_string (source, "transport", "sasl");
  if (!trib_hs2_transport_mode_from_string (transport, &self->transport))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Data source “%s”: unknown transport “%s” (sasl, nosasl or http)"),
                   trib_data_source_get_name (source), transport);
      return NULL;
    }
  g_free (self->http_path);
  self->http_path = g_strdup (trib_data_source_get_option_string (source, "http_path", "cliservice"));
  self->user = g_strdup (trib_data_source_get_option_string (source, "user", g_get_user_name ()));
  self->password = g_strdup (password);
  self->database = g_strdup (trib_data_source_get_option_string (source, "database", NULL));
  self->tls = trib_data_source_get_option_bool (source, "tls", FALSE);
  self->ca_file = g_strdup (trib_data_source_get_option_string (source, "ca_file", NULL));
  self->connect_timeout = (guint) CLAMP (trib_data_source_get_option_int (source, "connect_timeout", 10), 0, 3600);
  self->read_timeout = (guint) CLAMP (trib_data_source_get_option_int (source, "read_timeout", 300), 0, 86400);
  return g_steal_pointer (&self);
}
