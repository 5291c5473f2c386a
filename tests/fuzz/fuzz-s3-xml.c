/* fuzz-s3-xml.c: libFuzzer target for the S3 XML responses the client parses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a response body: ListObjectsV2 (ListBucketResult), an <Error> document,
 * InitiateMultipartUploadResult (UploadId), GetBucketLocation (LocationConstraint),
 * ListMultipartUploadsResult. Every
 * parser the client uses on a body is run on it.
 */

#include "config.h"

#include "trib-s3-client.h"
#include "trib-s3-xml-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Bodies reach the parsers as NUL-terminated text. */
  g_autofree char *body = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_s3_object_free);
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *next_token = NULL;
  g_autofree char *upload_id = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GPtrArray) uploads = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_s3_upload_free);
  g_autofree char *next_key = NULL;
  g_autofree char *next_upload_id = NULL;
  g_autoptr(GError) error = NULL;
  TribS3ErrorDoc doc = { NULL };

  if (_trib_s3_parse_list (body, objects, prefixes, &next_token, &error))
    for (guint i = 0; i < objects->len; i++)
      g_assert (((TribS3Object *) g_ptr_array_index (objects, i))->key != NULL);
  if (_trib_s3_parse_uploads (body, uploads, &next_key, &next_upload_id, NULL))
    for (guint i = 0; i < uploads->len; i++)
      g_assert (((TribS3Upload *) g_ptr_array_index (uploads, i))->upload_id != NULL);
  _trib_s3_parse_error (body, &doc);
  _trib_s3_error_doc_clear (&doc);
  upload_id = _trib_s3_parse_text (body, "UploadId");
  location = _trib_s3_parse_text (body, "LocationConstraint");
  return 0;
}
