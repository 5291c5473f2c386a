/* trib-s3-object-writer.h: one object as an S3 multipart upload, parts sent in parallel
 *
 * Bytes fill a part buffer; a full part is handed, without a copy, to a small pool of
 * uploads running while the next part fills, so producing and uploading overlap. At most
 * @max_parallel parts are in flight, so memory stays at (max_parallel + 1) parts. The
 * object appears only when commit completes the upload; abort cancels the parts in flight
 * and aborts the upload. Every non-empty object goes up as a multipart upload, even a
 * small one, so that no interrupted PUT can leave a partial object at the final name; an
 * empty one is a single PUT.
 *
 * Before its first request the writer aborts the incomplete multipart uploads of its key
 * that were started before it: what a killed run left (S3 keeps, and bills, their parts
 * until they are aborted). Two writers of one key at the same time conflict anyway (the
 * last to complete wins); the earlier one then fails with NoSuchUpload instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-object-writer.h"
#include "trib-s3-client.h"

G_BEGIN_DECLS

#define TRIB_TYPE_S3_OBJECT_WRITER (trib_s3_object_writer_get_type ())

G_DECLARE_FINAL_TYPE (TribS3ObjectWriter, trib_s3_object_writer, TRIB, S3_OBJECT_WRITER, TribObjectWriter)

/* @max_parallel: parts in flight at once, 1 to TRIB_S3_MAX_PARALLEL_PARTS. */
#define TRIB_S3_MAX_PARALLEL_PARTS 16

TribObjectWriter *trib_s3_object_writer_new                (TribS3Client        *client,
                                                            const char          *key,
                                                            gsize                part_size,
                                                            guint                max_parallel);
/* Aborts the incomplete multipart uploads of the writer's key now, rather than quietly
 * before its first request (where a failure is ignored): for a caller that reports them.
 * Returns how many were aborted, or -1 with @error (listing or aborting failed). Only
 * the first call does anything. */
gint              trib_s3_object_writer_abort_stale_uploads (TribS3ObjectWriter  *self,
                                                            GCancellable        *cancellable,
                                                            GError             **error);
/* The multipart upload id while one is open; else NULL. */
const char       *trib_s3_object_writer_get_upload_id      (TribS3ObjectWriter  *self);
/* How long the server took over CompleteMultipartUpload, after a commit (0 before). */
gint64            trib_s3_object_writer_get_complete_us    (TribS3ObjectWriter  *self);

G_END_DECLS
