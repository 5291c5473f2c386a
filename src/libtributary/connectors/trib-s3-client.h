/* trib-s3-client.h: a small S3 client (AWS Signature V4) for S3-compatible storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-connectivity-result.h"
#include "trib-data-source.h"

G_BEGIN_DECLS

/* One object of a listing or a HEAD. */
typedef struct
{
  char   *key;
  gint64  size;
  char   *etag;           /* with its quotes, as the server sends it */
  char   *last_modified;  /* ISO 8601 (listing) or an HTTP date (HEAD) */
} TribS3Object;

#define TRIB_TYPE_S3_OBJECT (trib_s3_object_get_type ())
GType         trib_s3_object_get_type (void);
TribS3Object *trib_s3_object_copy     (const TribS3Object *object);
void          trib_s3_object_free     (TribS3Object       *object);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribS3Object, trib_s3_object_free)

/* One incomplete multipart upload of a ListMultipartUploads. */
typedef struct
{
  char *key;
  char *upload_id;
  char *initiated;      /* ISO 8601, as the server sends it */
} TribS3Upload;

void          trib_s3_upload_free     (TribS3Upload       *upload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribS3Upload, trib_s3_upload_free)

#define TRIB_TYPE_S3_CLIENT (trib_s3_client_get_type ())

G_DECLARE_FINAL_TYPE (TribS3Client, trib_s3_client, TRIB, S3_CLIENT, GObject)

/* @secret_access_key is required (MISSING_SECRET otherwise). */
TribS3Client *trib_s3_client_new                  (TribDataSource      *data_source,
                                                   const char          *secret_access_key,
                                                   GError             **error);

const char   *trib_s3_client_get_bucket           (TribS3Client        *self);
const char   *trib_s3_client_get_region           (TribS3Client        *self);
gboolean      trib_s3_client_get_path_style       (TribS3Client        *self);
/* Sends UploadPart bodies with "UNSIGNED-PAYLOAD" as their payload hash, as curl
 * --aws-sigv4 and the AWS SDKs over HTTPS do, instead of hashing every byte with SHA-256
 * first; the requests are signed all the same. Off by default. */
void          trib_s3_client_set_unsigned_payload (TribS3Client        *self,
                                                   gboolean             unsigned_payload);
/* The unsigned URL of @key (NULL: the bucket itself), path-style or virtual-hosted. */
char         *trib_s3_client_dup_url              (TribS3Client        *self,
                                                   const char          *key);

/* Every call below blocks (run it in a worker) and is cancellable within a second.
 * Failures are TRIB_CONNECTOR_ERROR: BUCKET_NOT_FOUND (NoSuchBucket), FILE_NOT_FOUND
 * (NoSuchKey), AUTHENTICATION (SignatureDoesNotMatch, InvalidAccessKeyId),
 * PERMISSION_DENIED (AccessDenied), WRONG_PROTOCOL (an answer that is not S3),
 * SERVER_ERROR (5xx) or a network category; messages carry the S3 code. */

/* GetBucketLocation; "us-east-1" for the empty answer of that region. */
char         *trib_s3_client_get_bucket_location  (TribS3Client        *self,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
TribS3Object *trib_s3_client_head_object          (TribS3Client        *self,
                                                   const char          *key,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean      trib_s3_client_get_object           (TribS3Client        *self,
                                                   const char          *key,
                                                   TribByteSinkFunc     sink,
                                                   gpointer             user_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* Fails when the object is larger than @max_size. */
GBytes       *trib_s3_client_get_object_bytes     (TribS3Client        *self,
                                                   const char          *key,
                                                   gsize                max_size,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean      trib_s3_client_put_object           (TribS3Client        *self,
                                                   const char          *key,
                                                   GBytes              *data,
                                                   const char          *content_type,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* Reads @file twice: once for the payload hash the signature needs, once to send it. */
gboolean      trib_s3_client_put_object_from_file (TribS3Client        *self,
                                                   const char          *key,
                                                   GFile               *file,
                                                   const char          *content_type,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean      trib_s3_client_delete_object        (TribS3Client        *self,
                                                   const char          *key,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* One ListObjectsV2 page: appends TribS3Object to @objects and, with a @delimiter,
 * common prefixes to @prefixes (may be NULL). @continuation is NULL for the first page;
 * @next_continuation is set to NULL after the last page. */
gboolean      trib_s3_client_list_objects_page    (TribS3Client        *self,
                                                   const char          *prefix,
                                                   const char          *delimiter,
                                                   const char          *continuation,
                                                   guint                max_keys,
                                                   GPtrArray           *objects,
                                                   GPtrArray           *prefixes,
                                                   char               **next_continuation,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* Every object whose key starts with @prefix, all pages: a GPtrArray of TribS3Object. */
GPtrArray    *trib_s3_client_list_objects         (TribS3Client        *self,
                                                   const char          *prefix,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

/* Multipart upload: returns the upload id. */
char         *trib_s3_client_create_multipart_upload (TribS3Client     *self,
                                                      const char       *key,
                                                      const char       *content_type,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
/* Parts are numbered from 1; returns the part's ETag. */
char         *trib_s3_client_upload_part          (TribS3Client        *self,
                                                   const char          *key,
                                                   const char          *upload_id,
                                                   guint                part_number,
                                                   GBytes              *data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* @etags: the ETag of part 1, 2, ... in order, NULL-terminated. */
gboolean      trib_s3_client_complete_multipart_upload (TribS3Client   *self,
                                                        const char     *key,
                                                        const char     *upload_id,
                                                        const char * const *etags,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
gboolean      trib_s3_client_abort_multipart_upload (TribS3Client      *self,
                                                     const char        *key,
                                                     const char        *upload_id,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
/* One ListMultipartUploads page of at most @max_uploads (0: 1000): appends TribS3Upload
 * entries to @uploads. The markers are NULL for the first page; the next ones are set to
 * NULL after the last page. */
gboolean      trib_s3_client_list_multipart_uploads_page (TribS3Client  *self,
                                                          const char    *prefix,
                                                          const char    *key_marker,
                                                          const char    *upload_id_marker,
                                                          guint          max_uploads,
                                                          GPtrArray     *uploads,
                                                          char         **next_key_marker,
                                                          char         **next_upload_id_marker,
                                                          GCancellable  *cancellable,
                                                          GError       **error);
/* ListMultipartUploads, every page: the incomplete multipart uploads whose key starts
 * with @prefix (NULL: all), a GPtrArray of TribS3Upload by key, oldest first. */
GPtrArray    *trib_s3_client_list_multipart_uploads (TribS3Client      *self,
                                                     const char        *prefix,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

/* The connectivity test: GetBucketLocation, then a one-key listing. Blocking; NULL only
 * when cancelled (with G_IO_ERROR_CANCELLED). */
TribConnectivityResult *trib_s3_client_test       (TribS3Client        *self,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

/* RFC 3986 encoding as Signature V4 wants it: everything but A-Z a-z 0-9 - . _ ~ is
 * %XX-encoded, and "/" too unless @keep_slash. */
char         *trib_s3_uri_encode                  (const char          *text,
                                                   gboolean             keep_slash);

G_END_DECLS
