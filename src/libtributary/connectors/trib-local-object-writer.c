/* trib-local-object-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trib-connector-error.h"
#include "trib-local-object-writer-private.h"

struct _TribLocalObjectWriter
{
  TribObjectWriter  parent_instance;
  char             *path;
  char             *partial;
  int               fd;
};

G_DEFINE_FINAL_TYPE (TribLocalObjectWriter, trib_local_object_writer, TRIB_TYPE_OBJECT_WRITER)

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  TribConnectorError code = saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                          ? TRIB_CONNECTOR_ERROR_PERMISSION_DENIED
                          : saved_errno == ENOENT ? TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND
                          : TRIB_CONNECTOR_ERROR_FAILED;

  g_set_error (error, TRIB_CONNECTOR_ERROR, code, "%s %s: %s", what, path, g_strerror (saved_errno));
}

static gboolean
trib_local_object_writer_write (TribObjectWriter  *writer,
                                const guint8      *data,
                                gsize              length,
                                GCancellable      *cancellable,
                                GError           **error)
{
  TribLocalObjectWriter *self = TRIB_LOCAL_OBJECT_WRITER (writer);

  while (length > 0)
    {
      gssize n = write (self->fd, data, length);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          set_errno_error (error, saved_errno, _("cannot write"), self->partial);
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
trib_local_object_writer_commit (TribObjectWriter  *writer,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  TribLocalObjectWriter *self = TRIB_LOCAL_OBJECT_WRITER (writer);
  int fd = self->fd;

  self->fd = -1;
  /* Data on disk before the name points at it: a crash leaves the old object or the new.
   * The file stays open (and locked) until it has its final name, so that no other
   * writer takes it for a stale partial file in between. */
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, _("cannot write"), self->partial);
      close (fd);
      return FALSE;
    }
  if (g_rename (self->partial, self->path) != 0)
    {
      set_errno_error (error, errno, _("cannot rename into"), self->path);
      close (fd);
      return FALSE;
    }
  g_clear_pointer (&self->partial, g_free);
  if (close (fd) != 0)
    {
      set_errno_error (error, errno, _("cannot write"), self->path);
      return FALSE;
    }
  return TRUE;
}

static void
trib_local_object_writer_abort (TribObjectWriter *writer)
{
  TribLocalObjectWriter *self = TRIB_LOCAL_OBJECT_WRITER (writer);

  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->partial != NULL)
    {
      g_unlink (self->partial);
      g_clear_pointer (&self->partial, g_free);
    }
}

static void
trib_local_object_writer_finalize (GObject *object)
{
  TribLocalObjectWriter *self = (TribLocalObjectWriter *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->partial, g_free);

  G_OBJECT_CLASS (trib_local_object_writer_parent_class)->finalize (object);
}

static void
trib_local_object_writer_class_init (TribLocalObjectWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TribObjectWriterClass *writer_class = TRIB_OBJECT_WRITER_CLASS (klass);

  object_class->finalize = trib_local_object_writer_finalize;
  writer_class->write = trib_local_object_writer_write;
  writer_class->commit = trib_local_object_writer_commit;
  writer_class->abort = trib_local_object_writer_abort;
}

static void
trib_local_object_writer_init (TribLocalObjectWriter *self)
{
  self->fd = -1;
}

/* Is @name a partial file of the object named @base, ".trib-partial-BASE-XXXXXX"? */
static gboolean
is_partial_of (const char *name,
               const char *base)
{
  gsize prefix = strlen (TRIB_LOCAL_PARTIAL_PREFIX);
  gsize length = strlen (base);

  return g_str_has_prefix (name, TRIB_LOCAL_PARTIAL_PREFIX) &&
         strncmp (name + prefix, base, length) == 0 &&
         name[prefix + length] == '-' && strlen (name + prefix + length + 1) == 6;
}

gboolean
_trib_local_partial_is_stale (const char *path)
{
  gboolean stale;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);

  if (fd < 0)
    return FALSE;
  /* A live writer holds its partial file locked until it renames or removes it; a
   * lock we can take belongs to a process that is gone (killed mid-write). */
  stale = flock (fd, LOCK_EX | LOCK_NB) == 0;
  close (fd);
  return stale;
}

guint
_trib_local_remove_stale_partials (const char *dir,
                                   const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint removed = 0;

  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *path = NULL;

      if (base ? !is_partial_of (name, base) : !g_str_has_prefix (name, TRIB_LOCAL_PARTIAL_PREFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (_trib_local_partial_is_stale (path) && g_unlink (path) == 0)
        removed++;
    }
  return removed;
}

TribObjectWriter *
_trib_local_object_writer_new (const char  *key,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(TribLocalObjectWriter) self = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      set_errno_error (error, errno, _("cannot create the folder"), dir);
      return NULL;
    }

  self = g_object_new (TRIB_TYPE_LOCAL_OBJECT_WRITER, "key", key, NULL);
  self->path = g_strdup (path);
  self->partial = g_strdup_printf ("%s/" TRIB_LOCAL_PARTIAL_PREFIX "%s-XXXXXX", dir, base);
  /* What a killed run left of this object goes now, so it never piles up. */
  _trib_local_remove_stale_partials (dir, base);
  self->fd = g_mkstemp_full (self->partial, O_WRONLY | O_CLOEXEC, 0644);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, _("cannot create a file in"), dir);
      g_clear_pointer (&self->partial, g_free);
      return NULL;
    }
  /* Held while the file is partial: tells the next writer that it is not stale. */
  if (flock (self->fd, LOCK_EX | LOCK_NB) != 0)
    {
      set_errno_error (error, errno, _("cannot lock"), self->partial);
      return NULL;
    }
  return TRIB_OBJECT_WRITER (g_steal_pointer (&self));
}
