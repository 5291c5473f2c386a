/* trib-s3-connectivity.c: the connectivity test of an S3 data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-s3-client-private.h"

static char *
failure_hint (TribS3Client       *self,
              TribConnectorError  code)
{
  g_autofree char *env = trib_data_source_dup_secret_env_name (self->data_source);
  g_autofree char *host = g_strdup (self->host);
  char *colon = strrchr (host, ':');
  guint port = g_str_equal (self->scheme, "https") ? 443 : 80;
  const char *s3_code = self->last_s3_code ? self->last_s3_code : "";
  char *hint;

  if (colon && !strchr (colon, ']'))
    {
      port = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
      *colon = '\0';
    }

  if (self->last_proxy_variable != NULL)
    return _trib_connector_proxy_hint (self->last_proxy_variable);

  hint = _trib_connector_common_hint (code, self->last_tls_problem, TRIB_DATA_SOURCE_KIND_S3, host, port,
                                      self->last_timeout);
  if (hint != NULL)
    return hint;

  switch (code)
    {
    case TRIB_CONNECTOR_ERROR_AUTHENTICATION:
      if (g_str_equal (s3_code, "InvalidAccessKeyId"))
        return g_strdup_printf (_("The server does not know the access key id “%s”. Check the access_key_id option."),
                                self->access_key_id);
      if (g_str_equal (s3_code, "RequestTimeTooSkewed"))
        return g_strdup (_("This computer's clock differs too much from the server's: set it right (NTP)."));
      return g_strdup_printf (_("The server rejected the request signature: the secret access key does not belong to access key id “%s”. Store the right secret access key (keyring, or %s)."),
                              self->access_key_id, env);
    case TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND:
      return g_strdup_printf (_("There is no bucket “%s” at this endpoint. Check the bucket name and the endpoint (a bucket lives in one region's endpoint), or create the bucket."),
                              self->bucket);
    case TRIB_CONNECTOR_ERROR_PERMISSION_DENIED:
      return g_strdup_printf (_("The key “%s” is valid but may not use bucket “%s”. Ask for a policy that allows listing, reading and writing objects in it."),
                              self->access_key_id, self->bucket);
    case TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL:
      return g_strdup_printf (_("The server at %s does not speak the S3 API. Check the endpoint: for Alibaba Cloud OSS it looks like https://oss-cn-shanghai.aliyuncs.com, for MinIO http://host:9000."),
                              self->host);
    case TRIB_CONNECTOR_ERROR_INVALID_SETTINGS:
      if (self->last_region_hint)
        return g_strdup_printf (_("Set region to %s, the bucket's region, and use that region's endpoint."), self->last_region_hint);
      return g_strdup (_("Check the region and the endpoint: they must match the bucket's region."));
    case TRIB_CONNECTOR_ERROR_SERVER_ERROR:
      return g_strdup (_("The storage service failed; try again later, or see its logs."));
    default:
      return g_strdup (_("See the problem above; check the endpoint, bucket and keys."));
    }
}

TribConnectivityResult *
trib_s3_client_test (TribS3Client  *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_s3_object_free);
  g_autofree char *region = NULL;
  g_autofree char *next = NULL;
  g_autofree char *bucket_url = NULL;
  g_autofree char *endpoint = NULL;
  TribConnectivityResult *result;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (self), NULL);

  bucket_url = trib_s3_client_dup_url (self, NULL);
  region = trib_s3_client_get_bucket_location (self, cancellable, &local_error);

  /* Some policies deny GetBucketLocation but allow listing: go on with the listing. */
  if (region == NULL && g_error_matches (local_error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_PERMISSION_DENIED))
    g_clear_error (&local_error);

  if (local_error == NULL)
    trib_s3_client_list_objects_page (self, NULL, NULL, NULL, 1, objects, NULL, &next, cancellable, &local_error);

  g_mutex_lock (&self->mutex);
  endpoint = self->last_endpoint && strchr (self->last_endpoint, '(')
           ? g_strdup_printf ("%s %s", bucket_url, strchr (self->last_endpoint, '('))
           : g_strdup_printf ("%s (%s)", bucket_url, self->last_endpoint ? self->last_endpoint : self->host);
  g_mutex_unlock (&self->mutex);

  if (local_error != NULL)
    {
      g_autofree char *hint = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_mutex_lock (&self->mutex);
      hint = failure_hint (self, local_error->domain == TRIB_CONNECTOR_ERROR ? local_error->code
                                                                               : TRIB_CONNECTOR_ERROR_FAILED);
      result = trib_connectivity_result_new_from_error (TRIB_DATA_SOURCE_KIND_S3, endpoint, local_error, hint);
      trib_connectivity_result_set_tls_problem (result, self->last_tls_detail);
      g_mutex_unlock (&self->mutex);
    }
  else
    {
      g_autofree char *reached = NULL;

      if (region)
        reached = g_strdup_printf (_("bucket “%s”, region %s"), self->bucket, region);
      else
        reached = g_strdup_printf (_("bucket “%s” (its region is not disclosed to this key)"), self->bucket);
      result = trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_S3, endpoint, reached);
      trib_connectivity_result_set_region (result, region);
    }

  trib_connectivity_result_set_name (result, trib_data_source_get_name (self->data_source));
  trib_connectivity_result_set_elapsed_usec (result, g_get_monotonic_time () - start);
  return result;
}
