/* trib-object-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-local-store.h"
#include "trib-connector-private.h"
#include "trib-object-store.h"
#include "trib-s3-store.h"

G_DEFINE_BOXED_TYPE (TribObjectInfo, trib_object_info, trib_object_info_copy, trib_object_info_free)

G_DEFINE_INTERFACE (TribObjectStore, trib_object_store, G_TYPE_OBJECT)

static void
trib_object_store_default_init (TribObjectStoreInterface *iface)
{
}

TribObjectInfo *
trib_object_info_new (const char *key,
                      guint64     size,
                      GDateTime  *modified,
                      const char *etag)
{
  TribObjectInfo *info = g_new0 (TribObjectInfo, 1);

  info->key = g_strdup (key);
  info->size = size;
  info->modified = modified ? g_date_time_ref (modified) : NULL;
  info->etag = g_strdup (etag);
  return info;
}

TribObjectInfo *
trib_object_info_copy (const TribObjectInfo *info)
{
  return trib_object_info_new (info->key, info->size, info->modified, info->etag);
}

void
trib_object_info_free (TribObjectInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->key);
  g_clear_pointer (&info->modified, g_date_time_unref);
  g_free (info->etag);
  g_free (info);
}

gboolean
trib_object_key_is_valid (const char  *key,
                          GError     **error)
{
  g_auto(GStrv) segments = NULL;

  if (key == NULL || *key == '\0' || *key == '/' || g_str_has_suffix (key, "/") ||
      !g_utf8_validate (key, -1, NULL))
    goto invalid;

  segments = g_strsplit (key, "/", -1);
  for (guint i = 0; segments[i]; i++)
    if (*segments[i] == '\0' || g_str_equal (segments[i], ".") || g_str_equal (segments[i], ".."))
      goto invalid;
  for (const char *p = key; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '\\')
      goto invalid;
  return TRUE;

invalid:
  g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
               _("“%s” is not a valid object key (no leading or trailing “/”, no empty, “.” or “..” segments, no control characters or “\\”)"),
               key ? key : "");
  return FALSE;
}

char *
trib_object_store_dup_uri (TribObjectStore *self,
                           const char      *key)
{
  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (self), NULL);
  return TRIB_OBJECT_STORE_GET_IFACE (self)->dup_uri (self, key);
}

gboolean
trib_object_store_put (TribObjectStore  *self,
                       const char       *key,
                       GBytes           *data,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!trib_object_key_is_valid (key, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRIB_OBJECT_STORE_GET_IFACE (self)->put (self, key, data, cancellable, error);
}

gboolean
trib_object_store_get (TribObjectStore   *self,
                       const char        *key,
                       TribByteSinkFunc   sink,
                       gpointer           user_data,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (self), FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);

  if (!trib_object_key_is_valid (key, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRIB_OBJECT_STORE_GET_IFACE (self)->get (self, key, sink, user_data, cancellable, error);
}

GBytes *
trib_object_store_get_bytes (TribObjectStore  *self,
                             const char       *key,
                             gsize             max_size,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *what = g_strdup_printf (_("object “%s”"), key);
  TribByteCollector collector = { data, max_size, what };

  if (!trib_object_store_get (self, key, _trib_byte_collector_sink, &collector, cancellable, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

TribObjectInfo *
trib_object_store_stat (TribObjectStore  *self,
                        const char       *key,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (self), NULL);

  if (!trib_object_key_is_valid (key, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return TRIB_OBJECT_STORE_GET_IFACE (self)->stat (self, key, cancellable, error);
}

static int
compare_info (gconstpointer a,
              gconstpointer b)
{
  const TribObjectInfo *ia = *(const TribObjectInfo * const *) a;
  const TribObjectInfo *ib = *(const TribObjectInfo * const *) b;

  return strcmp (ia->key, ib->key);
}

GPtrArray *
trib_object_store_list (TribObjectStore  *self,
                        const char       *prefix,
                        GCancellable     *cancellable,
                        GError          **error)
{
  GPtrArray *list;

  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  list = TRIB_OBJECT_STORE_GET_IFACE (self)->list (self, prefix ? prefix : "", cancellable, error);
  if (list != NULL)
    g_ptr_array_sort (list, compare_info);
  return list;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *list = trib_object_store_list (source_object, task_data, cancellable, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

void
trib_object_store_list_async (TribObjectStore     *self,
                              const char          *prefix,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRIB_IS_OBJECT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_object_store_list_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_set_task_data (task, g_strdup (prefix ? prefix : ""), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
trib_object_store_list_finish (TribObjectStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
trib_object_store_remove (TribObjectStore  *self,
                          const char       *key,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (self), FALSE);

  if (!trib_object_key_is_valid (key, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRIB_OBJECT_STORE_GET_IFACE (self)->remove (self, key, cancellable, error);
}

TribObjectWriter *
trib_object_store_create_writer (TribObjectStore  *self,
                                 const char       *key,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_return_val_if_fail (TRIB_IS_OBJECT_STORE (self), NULL);

  if (!trib_object_key_is_valid (key, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return TRIB_OBJECT_STORE_GET_IFACE (self)->create_writer (self, key, cancellable, error);
}

TribObjectStore *
trib_object_store_new_for_data_source (TribDataSource  *data_source,
                                       const char      *secret,
                                       GFile           *base_directory,
                                       GError         **error)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  switch (trib_data_source_get_kind (data_source))
    {
    case TRIB_DATA_SOURCE_KIND_S3:
      {
        g_autoptr(TribS3Client) client = trib_s3_client_new (data_source, secret, error);
        return client ? TRIB_OBJECT_STORE (trib_s3_store_new (client)) : NULL;
      }
    case TRIB_DATA_SOURCE_KIND_LOCAL:
      return TRIB_OBJECT_STORE (trib_local_store_new_for_data_source (data_source, base_directory, error));
    case TRIB_DATA_SOURCE_KIND_MYSQL:
    case TRIB_DATA_SOURCE_KIND_HTTPFILE:
    case TRIB_DATA_SOURCE_KIND_KYUUBI:
    case TRIB_DATA_SOURCE_KIND_UNKNOWN:
    default:
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
                   _("data source \"%s\" is not object storage (s3) or a local folder"),
                   trib_data_source_get_name (data_source));
      return NULL;
    }
}
