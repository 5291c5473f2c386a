/* trib-sync-plugin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-sync-plugin.h"

G_DEFINE_ABSTRACT_TYPE (TribSyncReader, trib_sync_reader, G_TYPE_OBJECT)
G_DEFINE_ABSTRACT_TYPE (TribSyncWriter, trib_sync_writer, G_TYPE_OBJECT)

static void
trib_sync_reader_class_init (TribSyncReaderClass *klass)
{
}

static void
trib_sync_reader_init (TribSyncReader *self)
{
}

gboolean
trib_sync_reader_prepare (TribSyncReader  *self,
                          TribSyncTransfer     *run,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_return_val_if_fail (TRIB_IS_SYNC_READER (self), FALSE);
  return TRIB_SYNC_READER_GET_CLASS (self)->prepare (self, run, cancellable, error);
}

guint
trib_sync_reader_get_n_slices (TribSyncReader *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_READER (self), 0);
  return TRIB_SYNC_READER_GET_CLASS (self)->get_n_slices (self);
}

gboolean
trib_sync_reader_read_slice (TribSyncReader   *self,
                             guint             slice,
                             TribSyncEmitter  *emitter,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_return_val_if_fail (TRIB_IS_SYNC_READER (self), FALSE);
  return TRIB_SYNC_READER_GET_CLASS (self)->read_slice (self, slice, emitter, cancellable, error);
}

double
trib_sync_reader_get_fraction (TribSyncReader *self)
{
  TribSyncReaderClass *klass;

  g_return_val_if_fail (TRIB_IS_SYNC_READER (self), -1);
  klass = TRIB_SYNC_READER_GET_CLASS (self);
  return klass->get_fraction ? klass->get_fraction (self) : -1;
}

void
trib_sync_reader_close (TribSyncReader *self)
{
  TribSyncReaderClass *klass;

  g_return_if_fail (TRIB_IS_SYNC_READER (self));
  klass = TRIB_SYNC_READER_GET_CLASS (self);
  if (klass->close)
    klass->close (self);
}

static void
trib_sync_writer_class_init (TribSyncWriterClass *klass)
{
}

static void
trib_sync_writer_init (TribSyncWriter *self)
{
}

gboolean
trib_sync_writer_prepare (TribSyncWriter  *self,
                          TribSyncTransfer     *run,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_return_val_if_fail (TRIB_IS_SYNC_WRITER (self), FALSE);
  return TRIB_SYNC_WRITER_GET_CLASS (self)->prepare (self, run, cancellable, error);
}

gboolean
trib_sync_writer_write_batch (TribSyncWriter       *self,
                              const TribSyncBatch  *batch,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_return_val_if_fail (TRIB_IS_SYNC_WRITER (self), FALSE);
  return TRIB_SYNC_WRITER_GET_CLASS (self)->write_batch (self, batch, cancellable, error);
}

gboolean
trib_sync_writer_commit (TribSyncWriter  *self,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_return_val_if_fail (TRIB_IS_SYNC_WRITER (self), FALSE);
  return TRIB_SYNC_WRITER_GET_CLASS (self)->commit (self, cancellable, error);
}

void
trib_sync_writer_abort (TribSyncWriter *self)
{
  g_return_if_fail (TRIB_IS_SYNC_WRITER (self));
  TRIB_SYNC_WRITER_GET_CLASS (self)->abort (self);
}

guint64
trib_sync_writer_get_bytes (TribSyncWriter *self)
{
  TribSyncWriterClass *klass;

  g_return_val_if_fail (TRIB_IS_SYNC_WRITER (self), 0);
  klass = TRIB_SYNC_WRITER_GET_CLASS (self);
  return klass->get_bytes ? klass->get_bytes (self) : 0;
}
