/* trib-s3-store.h: an S3 bucket as object storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-object-store.h"
#include "trib-s3-client.h"
#include "trib-s3-object-writer.h"

G_BEGIN_DECLS

/* S3's smallest part (all but the last) and the default part size of writers. */
#define TRIB_S3_MIN_PART_SIZE     (5 * 1024 * 1024)
#define TRIB_S3_DEFAULT_PART_SIZE (8 * 1024 * 1024)

#define TRIB_TYPE_S3_STORE (trib_s3_store_get_type ())

G_DECLARE_FINAL_TYPE (TribS3Store, trib_s3_store, TRIB, S3_STORE, GObject)

TribS3Store  *trib_s3_store_new           (TribS3Client *client);
TribS3Client *trib_s3_store_get_client    (TribS3Store  *self);
/* Writers (TribS3ObjectWriter) buffer this many bytes per part and send a non-empty
 * object as a multipart upload completed on commit (and aborted otherwise). Real S3
 * refuses parts under TRIB_S3_MIN_PART_SIZE but the last. */
gsize         trib_s3_store_get_part_size (TribS3Store  *self);
void          trib_s3_store_set_part_size (TribS3Store  *self,
                                           gsize         part_size);
/* Parts a writer sends at once (1, the default, to TRIB_S3_MAX_PARALLEL_PARTS); each
 * costs one more part of memory. */
guint         trib_s3_store_get_parallel_parts (TribS3Store *self);
void          trib_s3_store_set_parallel_parts (TribS3Store *self,
                                                guint        parallel_parts);

G_END_DECLS
