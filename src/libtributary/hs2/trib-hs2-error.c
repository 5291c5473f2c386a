/* trib-hs2-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-hs2-error.h"

typedef struct
{
  char *sql_state;
  int   error_code;
  char *server_message;
} TribHs2ErrorPrivate;

static void
trib_hs2_error_private_init (TribHs2ErrorPrivate *priv)
{
}

static void
trib_hs2_error_private_copy (const TribHs2ErrorPrivate *src,
                             TribHs2ErrorPrivate       *dest)
{
  dest->sql_state = g_strdup (src->sql_state);
  dest->error_code = src->error_code;
  dest->server_message = g_strdup (src->server_message);
}

static void
trib_hs2_error_private_clear (TribHs2ErrorPrivate *priv)
{
  g_clear_pointer (&priv->sql_state, g_free);
  g_clear_pointer (&priv->server_message, g_free);
}

/* The macro casts the private area to its struct, which GLib allocates suitably aligned. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (TribHs2Error, trib_hs2_error)
#pragma GCC diagnostic pop

GError *
trib_hs2_error_new_server (TribHs2Error  code,
                           const char   *sql_state,
                           int           error_code,
                           const char   *server_message,
                           const char   *format,
                           ...)
{
  TribHs2ErrorPrivate *priv;
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (TRIB_HS2_ERROR, code, format, args);
  va_end (args);

  priv = trib_hs2_error_get_private (error);
  if (priv != NULL)
    {
      priv->sql_state = g_strdup (sql_state);
      priv->error_code = error_code;
      priv->server_message = g_strdup (server_message);
    }
  return error;
}

const char *
trib_hs2_error_get_sql_state (const GError *error)
{
  TribHs2ErrorPrivate *priv = error ? trib_hs2_error_get_private (error) : NULL;

  return priv ? priv->sql_state : NULL;
}

int
trib_hs2_error_get_error_code (const GError *error)
{
  TribHs2ErrorPrivate *priv = error ? trib_hs2_error_get_private (error) : NULL;

  return priv ? priv->error_code : 0;
}

const char *
trib_hs2_error_get_server_message (const GError *error)
{
  TribHs2ErrorPrivate *priv = error ? trib_hs2_error_get_private (error) : NULL;

  return priv ? priv->server_message : NULL;
}
