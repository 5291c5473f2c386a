/* trib-sync-s3-upload.h: one object as an S3 multipart upload, parts sent in parallel
 *
 * The sync writer's way to S3: bytes fill a part buffer; a full part is handed, without a
 * copy, to a small pool of uploads running while the next part fills, so reading,
 * formatting and uploading overlap. At most @max_parallel parts are in flight, so memory
 * stays at (max_parallel + 1) parts. The object appears only when commit completes the
 * upload; abort cancels the parts in flight and aborts the upload (a server that refuses
 * to abort, like the test peer's 405, keeps the parts unreferenced: no object exists).
 * Every non-empty object goes up as a multipart upload, even a small one, so that no
 * interrupted PUT can ever leave a partial object at the final name. Parts are sent with
 * "UNSIGNED-PAYLOAD" (set on @client), as curl --aws-sigv4 -T - does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-object-writer.h"
#include "trib-s3-client.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_S3_UPLOAD (trib_sync_s3_upload_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncS3Upload, trib_sync_s3_upload, TRIB, SYNC_S3_UPLOAD, TribObjectWriter)

TribObjectWriter *trib_sync_s3_upload_new          (TribS3Client     *client,
                                                    const char       *key,
                                                    gsize             part_size,
                                                    guint             max_parallel);
/* How long the server took over CompleteMultipartUpload, after a commit (0 before). */
gint64            trib_sync_s3_upload_get_complete_us (TribSyncS3Upload *self);

G_END_DECLS
