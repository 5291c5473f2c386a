/* trib-sync-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-secrets.h"
#include "trib-sync-error.h"
#include "trib-connector-error.h"
#include "trib-sync-sources.h"

struct _TribSyncSources
{
  GObject             parent_instance;
  char               *workspace_id;
  GFile              *directory;
  TribSyncLookupFunc  lookup;
  gpointer            user_data;
  GDestroyNotify      destroy;
};

G_DEFINE_FINAL_TYPE (TribSyncSources, trib_sync_sources, G_TYPE_OBJECT)

static void
trib_sync_sources_finalize (GObject *object)
{
  TribSyncSources *self = (TribSyncSources *) object;

  if (self->destroy)
    self->destroy (self->user_data);
  g_free (self->workspace_id);
  g_clear_object (&self->directory);

  G_OBJECT_CLASS (trib_sync_sources_parent_class)->finalize (object);
}

static void
trib_sync_sources_class_init (TribSyncSourcesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_sync_sources_finalize;
}

static void
trib_sync_sources_init (TribSyncSources *self)
{
}

TribSyncSources *
trib_sync_sources_new (const char         *workspace_id,
                       GFile              *directory,
                       TribSyncLookupFunc  lookup,
                       gpointer            user_data,
                       GDestroyNotify      destroy)
{
  TribSyncSources *self;

  g_return_val_if_fail (lookup != NULL, NULL);

  self = g_object_new (TRIB_TYPE_SYNC_SOURCES, NULL);
  self->workspace_id = g_strdup (workspace_id);
  self->directory = directory ? g_object_ref (directory) : NULL;
  self->lookup = lookup;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

static TribDataSource *
lookup_in_workspace (const char *name,
                     gpointer    user_data)
{
  TribDataSource *data_source = trib_workspace_lookup_data_source (user_data, name);

  return data_source ? g_object_ref (data_source) : NULL;
}

TribSyncSources *
trib_sync_sources_new_for_workspace (TribWorkspace *workspace)
{
  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);

  return trib_sync_sources_new (trib_workspace_get_id (workspace), trib_workspace_get_directory (workspace),
                                lookup_in_workspace, g_object_ref (workspace), g_object_unref);
}

GFile *
trib_sync_sources_get_directory (TribSyncSources *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (self), NULL);
  return self->directory;
}

TribDataSource *
trib_sync_sources_lookup (TribSyncSources           *self,
                          const char                *name,
                          const TribDataSourceKind  *kinds,
                          const char                *path,
                          GError                   **error)
{
  g_autoptr(TribDataSource) data_source = NULL;
  TribDataSourceKind kind;

  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (self), NULL);

  data_source = name ? self->lookup (name, self->user_data) : NULL;
  if (data_source == NULL)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB,
                   _("%s: no data source named \"%s\" in the workspace"), path, name ? name : "");
      return NULL;
    }
  kind = trib_data_source_get_kind (data_source);
  for (const TribDataSourceKind *k = kinds; *k != TRIB_DATA_SOURCE_KIND_UNKNOWN; k++)
    if (*k == kind)
      return g_steal_pointer (&data_source);

  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB,
               _("%s: \"%s\" is a %s data source, not %s"), path, name,
               trib_data_source_kind_get_label (kind), trib_data_source_kind_get_label (kinds[0]));
  return NULL;
}

char *
trib_sync_sources_dup_secret (TribSyncSources  *self,
                              TribDataSource   *data_source,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autofree char *variable = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *value;
  char *secret;

  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (self), NULL);

  if (!trib_data_source_needs_secret (data_source))
    return g_strdup ("");

  /* The environment first, as every other part of Tributary does, without touching the
   * keyring (headless runs, CI). */
  variable = trib_data_source_dup_secret_env_name (data_source);
  value = g_getenv (variable);
  if (value != NULL)
    return g_strdup (value);
  if (self->workspace_id == NULL)
    return g_strdup ("");

  secret = trib_secrets_lookup_sync (self->workspace_id, trib_data_source_get_name (data_source),
                                     cancellable, &local_error);
  if (local_error != NULL)
    {
      /* Permanent for the run (not retried): nobody will type the secret in meanwhile. */
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_MISSING_SECRET,
                   _("no secret for data source \"%s\": set %s or store it in the keyring (%s)"),
                   trib_data_source_get_name (data_source), variable, local_error->message);
      return NULL;
    }
  return secret ? secret : g_strdup ("");
}
