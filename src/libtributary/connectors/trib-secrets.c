/* trib-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-connector-error.h"
#include "trib-secrets.h"

G_DEFINE_ENUM_TYPE (TribSecretSource, trib_secret_source,
  G_DEFINE_ENUM_VALUE (TRIB_SECRET_SOURCE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (TRIB_SECRET_SOURCE_ENVIRONMENT, "environment"),
  G_DEFINE_ENUM_VALUE (TRIB_SECRET_SOURCE_KEYRING, "keyring"))

const SecretSchema *
trib_secrets_get_schema (void)
{
  /* Named after the app id (not the .Devel one): both builds share the same secrets. */
  static const SecretSchema schema = {
    BASE_APP_ID, SECRET_SCHEMA_NONE,
    {
      { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "datasource", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

void
trib_secret_free (char *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}

static GHashTable *
attributes_new (const char *workspace_id,
                const char *data_source)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "workspace", (gpointer) workspace_id);
  g_hash_table_insert (attributes, (gpointer) "datasource", (gpointer) data_source);
  return attributes;
}

static char *
make_label (const char *data_source)
{
  return g_strdup_printf (_("Tributary data source “%s”"), data_source);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
trib_secrets_store_async (const char          *workspace_id,
                          const char          *data_source,
                          const char          *secret,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (workspace_id != NULL && data_source != NULL && secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_secrets_store_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  attributes = attributes_new (workspace_id, data_source);
  label = make_label (data_source);
  secret_password_storev (trib_secrets_get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          cancellable, store_cb, task);
}

gboolean
trib_secrets_store_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
trib_secrets_store_sync (const char    *workspace_id,
                         const char    *data_source,
                         const char    *secret,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (workspace_id != NULL && data_source != NULL && secret != NULL, FALSE);

  attributes = attributes_new (workspace_id, data_source);
  label = make_label (data_source);
  return secret_password_storev_sync (trib_secrets_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                                      label, secret, cancellable, error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) trib_secret_free);
}

void
trib_secrets_lookup_async (const char          *workspace_id,
                           const char          *data_source,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (workspace_id != NULL && data_source != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_secrets_lookup_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  attributes = attributes_new (workspace_id, data_source);
  secret_password_lookupv (trib_secrets_get_schema (), attributes, cancellable, lookup_cb, task);
}

char *
trib_secrets_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
trib_secrets_lookup_sync (const char    *workspace_id,
                          const char    *data_source,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (workspace_id != NULL && data_source != NULL, NULL);

  attributes = attributes_new (workspace_id, data_source);
  return secret_password_lookupv_sync (trib_secrets_get_schema (), attributes, cancellable, error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed = secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, removed);
}

void
trib_secrets_clear_async (const char          *workspace_id,
                          const char          *data_source,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (workspace_id != NULL && data_source != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_secrets_clear_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  attributes = attributes_new (workspace_id, data_source);
  secret_password_clearv (trib_secrets_get_schema (), attributes, cancellable, clear_cb, task);
}

gboolean
trib_secrets_clear_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
trib_secrets_clear_sync (const char    *workspace_id,
                         const char    *data_source,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (workspace_id != NULL && data_source != NULL, FALSE);

  attributes = attributes_new (workspace_id, data_source);
  return secret_password_clearv_sync (trib_secrets_get_schema (), attributes, cancellable, error);
}

/* The environment variable, when set (an empty value counts as set: an empty password). */
static char *
secret_from_environment (TribDataSource *data_source)
{
  g_autofree char *name = trib_data_source_dup_secret_env_name (data_source);
  const char *value = g_getenv (name);

  return value ? g_strdup (value) : NULL;
}

static GError *
keyring_error (TribDataSource *data_source,
               const GError   *cause)
{
  g_autofree char *env = trib_data_source_dup_secret_env_name (data_source);

  return g_error_new (TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET,
                      _("the keyring cannot be reached to read the secret of data source \"%s\" (%s); set %s instead"),
                      trib_data_source_get_name (data_source), cause->message, env);
}

typedef struct
{
  TribDataSource   *data_source;
  TribSecretSource  source;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_clear_object (&data->data_source);
  g_free (data);
}

static void
resolve_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret = trib_secrets_lookup_finish (result, &error);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, keyring_error (data->data_source, error));
      return;
    }
  data->source = secret ? TRIB_SECRET_SOURCE_KEYRING : TRIB_SECRET_SOURCE_NONE;
  g_task_return_pointer (task, secret, (GDestroyNotify) trib_secret_free);
}

void
trib_secrets_resolve_async (TribWorkspace       *workspace,
                            TribDataSource      *data_source,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ResolveData *data;
  char *secret;

  g_return_if_fail (TRIB_IS_WORKSPACE (workspace));
  g_return_if_fail (TRIB_IS_DATA_SOURCE (data_source));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_secrets_resolve_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  data = g_new0 (ResolveData, 1);
  data->data_source = g_object_ref (data_source);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);

  secret = secret_from_environment (data_source);
  if (secret != NULL)
    {
      data->source = TRIB_SECRET_SOURCE_ENVIRONMENT;
      g_task_return_pointer (task, secret, (GDestroyNotify) trib_secret_free);
      return;
    }

  trib_secrets_lookup_async (trib_workspace_get_id (workspace), trib_data_source_get_name (data_source),
                             cancellable, resolve_lookup_cb, g_steal_pointer (&task));
}

char *
trib_secrets_resolve_finish (GAsyncResult      *result,
                             TribSecretSource  *source,
                             GError           **error)
{
  ResolveData *data;
  char *secret;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  secret = g_task_propagate_pointer (G_TASK (result), error);
  if (source)
    *source = secret ? data->source : TRIB_SECRET_SOURCE_NONE;
  return secret;
}

char *
trib_secrets_resolve_for_id_sync (const char        *workspace_id,
                                  TribDataSource    *data_source,
                                  TribSecretSource  *source,
                                  GCancellable      *cancellable,
                                  GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;

  g_return_val_if_fail (workspace_id != NULL, NULL);
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  if (source)
    *source = TRIB_SECRET_SOURCE_NONE;

  secret = secret_from_environment (data_source);
  if (secret != NULL)
    {
      if (source)
        *source = TRIB_SECRET_SOURCE_ENVIRONMENT;
      return secret;
    }

  secret = trib_secrets_lookup_sync (workspace_id, trib_data_source_get_name (data_source), cancellable, &local_error);
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, keyring_error (data_source, local_error));
      return NULL;
    }
  if (secret && source)
    *source = TRIB_SECRET_SOURCE_KEYRING;
  return secret;
}

char *
trib_secrets_resolve_sync (TribWorkspace     *workspace,
                           TribDataSource    *data_source,
                           TribSecretSource  *source,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);

  return trib_secrets_resolve_for_id_sync (trib_workspace_get_id (workspace), data_source, source,
                                           cancellable, error);
}
