/* trib-secrets.h: data source passwords and secret keys in the keyring (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "trib-data-source.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

/* Where a secret came from. */
typedef enum
{
  TRIB_SECRET_SOURCE_NONE,
  TRIB_SECRET_SOURCE_ENVIRONMENT,   /* TRIBUTARY_SECRET_<NAME> */
  TRIB_SECRET_SOURCE_KEYRING,
} TribSecretSource;

#define TRIB_TYPE_SECRET_SOURCE (trib_secret_source_get_type ())
GType trib_secret_source_get_type (void);

/* The schema "io.github.tributary.Tributary", attributes "workspace" (the workspace id)
 * and "datasource" (the data source name). */
const SecretSchema *trib_secrets_get_schema     (void);

/* Secrets returned by this API are freed with this (it wipes the memory). */
typedef char TribSecret;
void                trib_secret_free            (char                *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSecret, trib_secret_free)

/* Keyring operations. Errors are libsecret's or G_IO_ERROR ones (no Secret Service). */
void      trib_secrets_store_async      (const char          *workspace_id,
                                         const char          *data_source,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  trib_secrets_store_finish     (GAsyncResult        *result,
                                         GError             **error);
gboolean  trib_secrets_store_sync       (const char          *workspace_id,
                                         const char          *data_source,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* NULL without an error when the keyring holds nothing for that source. */
void      trib_secrets_lookup_async     (const char          *workspace_id,
                                         const char          *data_source,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char     *trib_secrets_lookup_finish    (GAsyncResult        *result,
                                         GError             **error);
char     *trib_secrets_lookup_sync      (const char          *workspace_id,
                                         const char          *data_source,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* TRUE when a secret was removed. */
void      trib_secrets_clear_async      (const char          *workspace_id,
                                         const char          *data_source,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  trib_secrets_clear_finish     (GAsyncResult        *result,
                                         GError             **error);
gboolean  trib_secrets_clear_sync       (const char          *workspace_id,
                                         const char          *data_source,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* The secret a connection should use: TRIBUTARY_SECRET_<NAME> when set (without asking
 * the keyring), else the keyring's. NULL without an error when there is none;
 * @source tells where it came from. A keyring that cannot be reached is an error
 * (TRIB_CONNECTOR_ERROR_MISSING_SECRET) naming the environment variable to use. */
void      trib_secrets_resolve_async    (TribWorkspace       *workspace,
                                         TribDataSource      *data_source,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char     *trib_secrets_resolve_finish   (GAsyncResult        *result,
                                         TribSecretSource    *source,
                                         GError             **error);
char     *trib_secrets_resolve_sync     (TribWorkspace       *workspace,
                                         TribDataSource      *data_source,
                                         TribSecretSource    *source,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* The same with the workspace given by its id: safe in a worker thread, since it does
 * not touch a TribWorkspace that the main thread may be editing. */
char     *trib_secrets_resolve_for_id_sync (const char       *workspace_id,
                                            TribDataSource   *data_source,
                                            TribSecretSource *source,
                                            GCancellable     *cancellable,
                                            GError          **error);

G_END_DECLS
