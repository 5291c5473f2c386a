/* trib-local-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trib-local-object-writer-private.h"
#include "trib-local-store.h"

struct _TribLocalStore
{
  GObject  parent_instance;
  GFile   *root;
  char    *root_path;
  char    *name;   /* the data source's, for results */
};

static void object_store_iface_init (TribObjectStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TribLocalStore, trib_local_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRIB_TYPE_OBJECT_STORE, object_store_iface_init))

enum {
  PROP_0,
  PROP_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_local_store_finalize (GObject *object)
{
  TribLocalStore *self = (TribLocalStore *) object;

  g_clear_object (&self->root);
  g_clear_pointer (&self->root_path, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (trib_local_store_parent_class)->finalize (object);
}

static void
trib_local_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_object (value, self->root);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_local_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      self->root = g_value_dup_object (value);
      self->root_path = g_file_get_path (self->root);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_local_store_class_init (TribLocalStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_local_store_finalize;
  object_class->get_property = trib_local_store_get_property;
  object_class->set_property = trib_local_store_set_property;

  properties[PROP_ROOT] =
    g_param_spec_object ("root", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_local_store_init (TribLocalStore *self)
{
}

TribLocalStore *
trib_local_store_new (GFile *root)
{
  g_return_val_if_fail (G_IS_FILE (root), NULL);
  g_return_val_if_fail (g_file_is_native (root), NULL);

  return g_object_new (TRIB_TYPE_LOCAL_STORE, "root", root, NULL);
}

TribLocalStore *
trib_local_store_new_for_data_source (TribDataSource  *data_source,
                                      GFile           *base_directory,
                                      GError         **error)
{
  g_autoptr(GFile) root = NULL;
  TribLocalStore *self;
  const char *path;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  path = trib_data_source_get_option_string (data_source, "path", NULL);
  if (trib_data_source_get_kind (data_source) != TRIB_DATA_SOURCE_KIND_LOCAL || path == NULL || *path == '\0')
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
                   _("data source \"%s\": path: required"), trib_data_source_get_name (data_source));
      return NULL;
    }

  if (g_path_is_absolute (path) || base_directory == NULL)
    root = g_file_new_for_path (path);
  else
    root = g_file_resolve_relative_path (base_directory, path);

  self = trib_local_store_new (root);
  self->name = g_strdup (trib_data_source_get_name (data_source));
  return self;
}

GFile *
trib_local_store_get_root (TribLocalStore *self)
{
  g_return_val_if_fail (TRIB_IS_LOCAL_STORE (self), NULL);
  return self->root;
}

char *
trib_local_store_dup_path (TribLocalStore *self,
                           const char     *key)
{
  g_return_val_if_fail (TRIB_IS_LOCAL_STORE (self), NULL);
  return g_build_filename (self->root_path, key, NULL);
}

static gboolean
check_root (TribLocalStore  *self,
            GError         **error)
{
  if (g_file_test (self->root_path, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND,
               _("the folder %s does not exist"), self->root_path);
  return FALSE;
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *message,
                 const char  *path)
{
  TribConnectorError code = saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                          ? TRIB_CONNECTOR_ERROR_PERMISSION_DENIED
                          : saved_errno == ENOENT || saved_errno == ENOTDIR ? TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND
                          : TRIB_CONNECTOR_ERROR_FAILED;

  g_set_error (error, TRIB_CONNECTOR_ERROR, code, "%s %s: %s", message, path, g_strerror (saved_errno));
}

static char *
local_dup_uri (TribObjectStore *store,
               const char      *key)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (store);
  g_autofree char *path = key ? trib_local_store_dup_path (self, key) : g_strdup (self->root_path);

  return g_filename_to_uri (path, NULL, NULL);
}

static TribObjectWriter *
local_create_writer (TribObjectStore  *store,
                     const char       *key,
                     GCancellable     *cancellable,
                     GError          **error)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (store);
  g_autofree char *path = NULL;

  if (!check_root (self, error))
    return NULL;
  path = trib_local_store_dup_path (self, key);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FAILED,
                   _("%s is a folder, not an object"), path);
      return NULL;
    }
  return _trib_local_object_writer_new (key, path, error);
}

static gboolean
local_put (TribObjectStore  *store,
           const char       *key,
           GBytes           *data,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(TribObjectWriter) writer = local_create_writer (store, key, cancellable, error);

  return writer != NULL &&
         trib_object_writer_write_bytes (writer, data, cancellable, error) &&
         trib_object_writer_commit (writer, cancellable, error);
}

static gboolean
local_get (TribObjectStore   *store,
           const char        *key,
           TribByteSinkFunc   sink,
           gpointer           user_data,
           GCancellable      *cancellable,
           GError           **error)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (store);
  g_autofree char *path = trib_local_store_dup_path (self, key);
  g_autofree guint8 *buffer = NULL;
  FILE *file;
  gboolean ok = TRUE;
  size_t n;

  if (!check_root (self, error))
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR) || (file = g_fopen (path, "rbe")) == NULL)
    {
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND,
                   _("no object “%s” in %s"), key, self->root_path);
      return FALSE;
    }

  buffer = g_malloc (64 * 1024);
  while (ok && (n = fread (buffer, 1, 64 * 1024, file)) > 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = sink (buffer, n, user_data, error);
    }
  if (ok && ferror (file))
    {
      set_errno_error (error, errno, _("cannot read"), path);
      ok = FALSE;
    }
  fclose (file);
  return ok;
}

static TribObjectInfo *
info_for_path (const char *key,
               const char *path)
{
  GStatBuf st;
  g_autoptr(GDateTime) modified = NULL;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  modified = g_date_time_new_from_unix_utc (st.st_mtime);
  return trib_object_info_new (key, (guint64) st.st_size, modified, NULL);
}

static TribObjectInfo *
local_stat (TribObjectStore  *store,
            const char       *key,
            GCancellable     *cancellable,
            GError          **error)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (store);
  g_autofree char *path = trib_local_store_dup_path (self, key);
  TribObjectInfo *info;

  if (!check_root (self, error))
    return NULL;
  info = info_for_path (key, path);
  if (info == NULL)
    g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND,
                 _("no object “%s” in %s"), key, self->root_path);
  return info;
}

static gboolean
walk (const char    *dir_path,
      const char    *key_prefix,
      const char    *prefix,
      GPtrArray     *out,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      /* A folder that vanished while listing is simply empty. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_PERMISSION_DENIED,
                   "%s", local_error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir_path, name, NULL);
      g_autofree char *key = g_strconcat (key_prefix, name, NULL);

      if (g_str_has_prefix (name, TRIB_LOCAL_PARTIAL_PREFIX) || g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *sub_prefix = g_strconcat (key, "/", NULL);

          /* Only descend where keys can still match the prefix. */
          if (!g_str_has_prefix (sub_prefix, prefix) && !g_str_has_prefix (prefix, sub_prefix))
            continue;
          if (!walk (child, sub_prefix, prefix, out, cancellable, error))
            return FALSE;
        }
      else if (g_str_has_prefix (key, prefix))
        {
          TribObjectInfo *info = info_for_path (key, child);
          if (info)
            g_ptr_array_add (out, info);
        }
    }
  return TRUE;
}

static GPtrArray *
local_list (TribObjectStore  *store,
            const char       *prefix,
            GCancellable     *cancellable,
            GError          **error)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_object_info_free);

  if (!check_root (self, error))
    return NULL;
  if (!walk (self->root_path, "", prefix, out, cancellable, error))
    return NULL;
  return g_steal_pointer (&out);
}

static gboolean
local_remove (TribObjectStore  *store,
              const char       *key,
              GCancellable     *cancellable,
              GError          **error)
{
  TribLocalStore *self = TRIB_LOCAL_STORE (store);
  g_autofree char *path = trib_local_store_dup_path (self, key);
  g_autofree char *dir = NULL;

  if (!check_root (self, error))
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      set_errno_error (error, errno, _("cannot delete"), path);
      return FALSE;
    }

  /* Like S3, where "folders" exist only through their objects: drop emptied folders. */
  dir = g_path_get_dirname (path);
  while (strlen (dir) > strlen (self->root_path) && g_rmdir (dir) == 0)
    {
      char *parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return TRUE;
}

static void
object_store_iface_init (TribObjectStoreInterface *iface)
{
  iface->dup_uri = local_dup_uri;
  iface->put = local_put;
  iface->get = local_get;
  iface->stat = local_stat;
  iface->list = local_list;
  iface->remove = local_remove;
  iface->create_writer = local_create_writer;
}

TribConnectivityResult *
trib_local_store_test (TribLocalStore  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  gint64 start = g_get_monotonic_time ();
  TribConnectivityResult *result;
  g_autofree char *probe = NULL;
  int fd;

  g_return_val_if_fail (TRIB_IS_LOCAL_STORE (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  probe = g_build_filename (self->root_path, TRIB_LOCAL_PARTIAL_PREFIX "probe-XXXXXX", NULL);
  if (!g_file_test (self->root_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("the folder %s does not exist"), self->root_path);
      g_autofree char *hint = g_strdup_printf (_("Create it (mkdir -p %s), or correct the path option."), self->root_path);

      result = trib_connectivity_result_new_failure (TRIB_DATA_SOURCE_KIND_LOCAL, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND,
                                                     self->root_path, message, hint);
    }
  else if (!g_file_test (self->root_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("%s is a file, not a folder"), self->root_path);

      result = trib_connectivity_result_new_failure (TRIB_DATA_SOURCE_KIND_LOCAL, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND,
                                                     self->root_path, message,
                                                     _("Point the path option at a folder."));
    }
  else if ((fd = g_mkstemp (probe)) < 0)
    {
      int saved_errno = errno;
      g_autofree char *message = g_strdup_printf (_("cannot create a file in %s: %s"), self->root_path,
                                                  g_strerror (saved_errno));
      g_autofree char *hint = g_strdup_printf (_("Give this user write access to %s (or choose a folder it owns)."),
                                               self->root_path);

      result = trib_connectivity_result_new_failure (TRIB_DATA_SOURCE_KIND_LOCAL,
                                                     saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                                                       ? TRIB_CONNECTOR_ERROR_PERMISSION_DENIED
                                                       : TRIB_CONNECTOR_ERROR_FAILED,
                                                     self->root_path, message, hint);
    }
  else
    {
      g_autoptr(GFileInfo) fs = NULL;
      g_autofree char *reached = NULL;

      close (fd);
      g_unlink (probe);
      fs = g_file_query_filesystem_info (self->root, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, cancellable, NULL);
      if (fs && g_file_info_has_attribute (fs, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
        {
          g_autofree char *free_text = g_format_size (g_file_info_get_attribute_uint64 (fs, G_FILE_ATTRIBUTE_FILESYSTEM_FREE));
          reached = g_strdup_printf (_("writable folder, %s free"), free_text);
        }
      else
        reached = g_strdup (_("writable folder"));
      result = trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_LOCAL, self->root_path, reached);
    }

  trib_connectivity_result_set_name (result, self->name);
  trib_connectivity_result_set_elapsed_usec (result, g_get_monotonic_time () - start);
  return result;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
find_stale_in (const char *root,
               const char *relative,
               guint       depth,
               guint      *budget,
               guint       limit,
               GPtrArray  *found)
{
  g_autofree char *dir_path = relative ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  /* Bounded: a huge or deep folder costs validate a bounded walk. */
  while (dir && found->len < limit && *budget > 0 && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = relative ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *path = g_build_filename (root, child, NULL);

      (*budget)--;
      if (g_str_has_prefix (name, TRIB_LOCAL_PARTIAL_PREFIX))
        {
          if (_trib_local_partial_is_stale (path))
            g_ptr_array_add (found, g_steal_pointer (&child));
        }
      else if (depth < 32 && g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        find_stale_in (root, child, depth + 1, budget, limit, found);
    }
}

GPtrArray *
trib_local_store_find_stale_partials (TribLocalStore *self,
                                      guint           limit)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  guint budget = 100000;

  g_return_val_if_fail (TRIB_IS_LOCAL_STORE (self), found);

  find_stale_in (self->root_path, NULL, 0, &budget, limit, found);
  g_ptr_array_sort (found, compare_paths);
  return found;
}
