/* trib-hs2-config.h: where and how to reach a HiveServer2 / Kyuubi server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-data-source.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_HS2_TRANSPORT_SASL,     /* binary, SASL PLAIN, then 4-byte frames (the default) */
  TRIB_HS2_TRANSPORT_NOSASL,   /* raw unframed binary */
  TRIB_HS2_TRANSPORT_HTTP,     /* one POST per message */
  TRIB_HS2_TRANSPORT_FRAMED,   /* 4-byte frames without SASL (plain Thrift servers) */
} TribHs2TransportMode;

typedef struct
{
  char                 *host;
  guint16               port;
  TribHs2TransportMode  transport;
  char                 *http_path;        /* "cliservice" */
  char                 *user;
  char                 *password;
  char                 *database;         /* sent as use:database */
  gboolean              tls;
  char                 *ca_file;          /* NULL: the system's trust store */
  guint                 connect_timeout;  /* seconds, 0 = none */
  guint                 read_timeout;     /* seconds per reply, 0 = none */
  gint32                protocol;         /* TProtocolVersion to ask for (V10) */
  GHashTable           *session_conf;     /* extra OpenSession configuration */
  guint                 fetch_size;       /* rows per FetchResults */
  gsize                 max_message;      /* largest reply accepted, bytes */
  gboolean              wait_for_engine;  /* follow Kyuubi's engine-launch operation */
} TribHs2Config;

#define TRIB_TYPE_HS2_CONFIG (trib_hs2_config_get_type ())

GType           trib_hs2_config_get_type  (void) G_GNUC_CONST;
TribHs2Config  *trib_hs2_config_new       (const char          *host,
                                           guint16              port);
TribHs2Config  *trib_hs2_config_copy      (const TribHs2Config *self);
void            trib_hs2_config_free      (TribHs2Config       *self);
void            trib_hs2_config_set_session_conf (TribHs2Config *self,
                                                  const char    *key,
                                                  const char    *value);
/* From a kyuubi data source's options; @password may be NULL (then "anonymous" for PLAIN). */
TribHs2Config  *trib_hs2_config_new_from_data_source (TribDataSource  *source,
                                                      const char      *password,
                                                      GError         **error);
gboolean        trib_hs2_transport_mode_from_string  (const char           *name,
                                                      TribHs2TransportMode *mode);
const char     *trib_hs2_transport_mode_to_string    (TribHs2TransportMode  mode);
/* "host:port" plus the transport, for messages. */
char           *trib_hs2_config_describe  (const TribHs2Config *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribHs2Config, trib_hs2_config_free)

G_END_DECLS
