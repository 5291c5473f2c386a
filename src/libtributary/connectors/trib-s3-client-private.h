/* trib-s3-client-private.h: the client's state, shared with its connectivity test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-curl-private.h"
#include "trib-s3-client.h"

G_BEGIN_DECLS

struct _TribS3Client
{
  GObject          parent_instance;
  TribDataSource  *data_source;
  char            *scheme;
  char            *host;      /* with ":port" when the endpoint has one */
  char            *bucket;
  char            *region;
  char            *access_key_id;
  char            *secret;
  char            *sigv4;     /* "aws:amz:REGION:s3" */
  char            *ca_file;
  gboolean         path_style;
  gboolean         unsigned_payload;  /* parts sent with "UNSIGNED-PAYLOAD" */
  TribCurlOptions  options;
  /* What the last request met, for the connectivity test. */
  GMutex           mutex;
  char            *last_endpoint;
  char            *last_s3_code;
  char            *last_region_hint;
  TribTlsProblem   last_tls_problem;
  char            *last_tls_detail;
  guint            last_timeout;
  const char      *last_proxy_variable;  /* set when the proxy could not be reached */
};

G_END_DECLS
