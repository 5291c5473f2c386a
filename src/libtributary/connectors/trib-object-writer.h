/* trib-object-writer.h: writes one object; it becomes visible only when committed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TRIB_TYPE_OBJECT_WRITER (trib_object_writer_get_type ())

G_DECLARE_DERIVABLE_TYPE (TribObjectWriter, trib_object_writer, TRIB, OBJECT_WRITER, GObject)

struct _TribObjectWriterClass
{
  GObjectClass parent_class;

  gboolean (*write)  (TribObjectWriter  *self,
                      const guint8      *data,
                      gsize              length,
                      GCancellable      *cancellable,
                      GError           **error);
  gboolean (*commit) (TribObjectWriter  *self,
                      GCancellable      *cancellable,
                      GError           **error);
  /* Best effort, never fails: drops what was written. */
  void     (*abort)  (TribObjectWriter  *self);

  gpointer padding[8];
};

/* The writer's object key. */
const char *trib_object_writer_get_key           (TribObjectWriter  *self);
guint64     trib_object_writer_get_bytes_written (TribObjectWriter  *self);
gboolean    trib_object_writer_is_finished       (TribObjectWriter  *self);

/* Appends @data. Blocking; after a failure the writer is aborted. */
gboolean    trib_object_writer_write             (TribObjectWriter  *self,
                                                  const guint8      *data,
                                                  gsize              length,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
gboolean    trib_object_writer_write_bytes       (TribObjectWriter  *self,
                                                  GBytes            *bytes,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* Makes the object visible under its key, whole, replacing an older one. After a
 * failure nothing is visible (the older object, if any, stays). */
gboolean    trib_object_writer_commit            (TribObjectWriter  *self,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* Drops everything written; also what finalizing an unfinished writer does. */
void        trib_object_writer_abort             (TribObjectWriter  *self);

G_END_DECLS
