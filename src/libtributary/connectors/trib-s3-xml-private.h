/* trib-s3-xml-private.h: the few S3 XML documents the client reads and writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *code;
  char *message;
  char *region;      /* <Region>, when the server names the bucket's region */
} TribS3ErrorDoc;

void      _trib_s3_error_doc_clear   (TribS3ErrorDoc *doc);
/* FALSE when @body is not an S3 <Error> document. */
gboolean  _trib_s3_parse_error       (const char     *body,
                                      TribS3ErrorDoc *doc);
/* The text of the first element named @element anywhere in @body; NULL when the body is
 * not XML or has no such element, "" when the element is empty. */
char     *_trib_s3_parse_text        (const char     *body,
                                      const char     *element);
/* ListObjectsV2: appends TribS3Object entries to @objects and common prefixes (strings)
 * to @prefixes; sets @next_token when the listing continues. */
gboolean  _trib_s3_parse_list        (const char     *body,
                                      GPtrArray      *objects,
                                      GPtrArray      *prefixes,
                                      char          **next_token,
                                      GError        **error);
/* ListMultipartUploads: appends TribS3Upload entries to @uploads; sets @next_key and
 * @next_upload_id (the markers of the next page) when the listing continues. */
gboolean  _trib_s3_parse_uploads     (const char     *body,
                                      GPtrArray      *uploads,
                                      char          **next_key,
                                      char          **next_upload_id,
                                      GError        **error);
char     *_trib_s3_complete_body     (const char * const *etags);

G_END_DECLS
