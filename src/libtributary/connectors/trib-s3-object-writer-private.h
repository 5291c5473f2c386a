/* trib-s3-object-writer-private.h: an S3 object writer (one PUT, or a multipart upload)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-object-writer.h"
#include "trib-s3-client.h"

G_BEGIN_DECLS

#define TRIB_TYPE_S3_OBJECT_WRITER (trib_s3_object_writer_get_type ())

G_DECLARE_FINAL_TYPE (TribS3ObjectWriter, trib_s3_object_writer, TRIB, S3_OBJECT_WRITER, TribObjectWriter)

TribObjectWriter *_trib_s3_object_writer_new          (TribS3Client *client,
                                                       const char   *key,
                                                       gsize         part_size);
/* The multipart upload id, once a first full part went out; else NULL. */
const char       *_trib_s3_object_writer_get_upload_id (TribS3ObjectWriter *self);

G_END_DECLS
