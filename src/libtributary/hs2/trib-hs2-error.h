/* trib-hs2-error.h: errors of the HiveServer2 client, with the server's SQLSTATE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRIB_HS2_ERROR (trib_hs2_error_quark ())

typedef enum
{
  TRIB_HS2_ERROR_FAILED,
  TRIB_HS2_ERROR_PROTOCOL,           /* a malformed, truncated or oversized reply */
  TRIB_HS2_ERROR_APPLICATION,        /* the server answered with a TApplicationException */
  TRIB_HS2_ERROR_SERVER,             /* a TStatus of ERROR: SQLSTATE and message attached */
  TRIB_HS2_ERROR_INVALID_HANDLE,     /* the session or operation is unknown to the server */
  TRIB_HS2_ERROR_AUTH,               /* the credentials were refused */
  TRIB_HS2_ERROR_WRONG_PROTOCOL,     /* the port speaks another transport (SASL, HTTP, TLS...) */
  TRIB_HS2_ERROR_CLOSED,             /* the server closed the connection */
  TRIB_HS2_ERROR_TIMED_OUT,
  TRIB_HS2_ERROR_CANCELLED_BY_SERVER,/* the operation ended in CANCELED state */
} TribHs2Error;

GQuark      trib_hs2_error_quark          (void);

/* Builds a TRIB_HS2_ERROR_SERVER (or @code) error that remembers the server's details. */
GError     *trib_hs2_error_new_server     (TribHs2Error  code,
                                           const char   *sql_state,
                                           int           error_code,
                                           const char   *server_message,
                                           const char   *format,
                                           ...) G_GNUC_PRINTF (5, 6);
/* The details of an error from trib_hs2_error_new_server(); NULL / 0 otherwise. */
const char *trib_hs2_error_get_sql_state  (const GError *error);
int         trib_hs2_error_get_error_code (const GError *error);
const char *trib_hs2_error_get_server_message (const GError *error);

G_END_DECLS
