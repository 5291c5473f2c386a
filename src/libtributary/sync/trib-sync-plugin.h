/* trib-sync-plugin.h: the reader and writer a sync job runs, and what the engine gives them
 *
 * A reader cuts its source into slices (prepare), then the engine's channel threads read
 * slices concurrently (read_slice), each into its own emitter. A writer is fed every batch
 * in slice order from one thread (write_batch), then either commit makes the output
 * visible, or abort removes every trace of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-sync-emitter.h"
#include "trib-sync-progress.h"

G_BEGIN_DECLS

/* The engine's services to the reader and writer of one transfer: a sync job being
 * copied (not a TribRun, which is a run of a workflow). */
typedef struct _TribSyncTransfer TribSyncTransfer;

void      trib_sync_transfer_log             (TribSyncTransfer *run,
                                              TribSyncLogLevel  level,
                                              const char       *format,
                                              ...) G_GNUC_PRINTF (3, 4);
/* A record the writer refused: counted against errorLimit and echoed (10 at most).
 * FALSE with @error set when the limit is exceeded. */
gboolean  trib_sync_transfer_writer_dirty    (TribSyncTransfer  *run,
                                              const char        *message,
                                              const char        *record_text,
                                              GError           **error);
/* Records the writer wrote but that will not read back as written (fileFormat text and
 * a value holding the delimiter); in the summary. */
void      trib_sync_transfer_writer_ambiguous (TribSyncTransfer *run,
                                               guint64           n_records);
/* Incomplete multipart uploads an interrupted run left that the writer aborted; in the
 * summary. */
void      trib_sync_transfer_writer_stale_uploads (TribSyncTransfer *run,
                                                   guint             n_uploads);
/* The number of channels of the job. */
guint     trib_sync_transfer_get_channels    (TribSyncTransfer  *run);

#define TRIB_TYPE_SYNC_READER (trib_sync_reader_get_type ())

G_DECLARE_DERIVABLE_TYPE (TribSyncReader, trib_sync_reader, TRIB, SYNC_READER, GObject)

struct _TribSyncReaderClass
{
  GObjectClass parent_class;

  /* Connects, checks and plans the slices; blocking, in a worker thread. */
  gboolean (*prepare)      (TribSyncReader   *self,
                            TribSyncTransfer *run,
                            GCancellable     *cancellable,
                            GError          **error);
  guint    (*get_n_slices) (TribSyncReader   *self);
  /* Reads slice @slice into @emitter, blocking; called concurrently for different
   * slices. Must return soon after @cancellable is cancelled. */
  gboolean (*read_slice)   (TribSyncReader   *self,
                            guint             slice,
                            TribSyncEmitter  *emitter,
                            GCancellable     *cancellable,
                            GError          **error);
  /* Optional: how far the reading is, 0..1, or negative when unknown. */
  double   (*get_fraction) (TribSyncReader   *self);
  /* Optional: releases connections; called once after the last read_slice. */
  void     (*close)        (TribSyncReader   *self);

  gpointer padding[8];
};

gboolean  trib_sync_reader_prepare      (TribSyncReader   *self,
                                         TribSyncTransfer *run,
                                         GCancellable     *cancellable,
                                         GError          **error);
guint     trib_sync_reader_get_n_slices (TribSyncReader   *self);
gboolean  trib_sync_reader_read_slice   (TribSyncReader   *self,
                                         guint             slice,
                                         TribSyncEmitter  *emitter,
                                         GCancellable     *cancellable,
                                         GError          **error);
double    trib_sync_reader_get_fraction (TribSyncReader   *self);
void      trib_sync_reader_close        (TribSyncReader   *self);

#define TRIB_TYPE_SYNC_WRITER (trib_sync_writer_get_type ())

G_DECLARE_DERIVABLE_TYPE (TribSyncWriter, trib_sync_writer, TRIB, SYNC_WRITER, GObject)

struct _TribSyncWriterClass
{
  GObjectClass parent_class;

  /* Checks the target (nonConflict) before anything is read; blocking. */
  gboolean (*prepare)     (TribSyncWriter   *self,
                           TribSyncTransfer *run,
                           GCancellable     *cancellable,
                           GError          **error);
  gboolean (*write_batch) (TribSyncWriter   *self,
                           const TribSyncBatch *batch,
                           GCancellable     *cancellable,
                           GError          **error);
  /* Makes the output visible at its final names, all of it or none of it. */
  gboolean (*commit)      (TribSyncWriter   *self,
                           GCancellable     *cancellable,
                           GError          **error);
  /* Removes every trace of an unfinished output; never fails, never blocks long. */
  void     (*abort)       (TribSyncWriter   *self);
  /* Bytes written so far (after formatting and encoding). */
  guint64  (*get_bytes)   (TribSyncWriter   *self);

  gpointer padding[8];
};

gboolean  trib_sync_writer_prepare      (TribSyncWriter      *self,
                                         TribSyncTransfer    *run,
                                         GCancellable        *cancellable,
                                         GError             **error);
gboolean  trib_sync_writer_write_batch  (TribSyncWriter      *self,
                                         const TribSyncBatch *batch,
                                         GCancellable        *cancellable,
                                         GError             **error);
gboolean  trib_sync_writer_commit       (TribSyncWriter      *self,
                                         GCancellable        *cancellable,
                                         GError             **error);
void      trib_sync_writer_abort        (TribSyncWriter      *self);
guint64   trib_sync_writer_get_bytes    (TribSyncWriter      *self);

G_END_DECLS
