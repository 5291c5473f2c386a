/* trib-hs2-connectivity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-connectivity.h"
#include "trib-connector-settings.h"
#include "trib-hs2-connection-test.h"
#include "trib-hs2-connectivity.h"

static TribConnectorError
category_of (TribHs2TestCategory category)
{
  switch (category)
    {
    case TRIB_HS2_TEST_NAME_NOT_RESOLVED:  return TRIB_CONNECTOR_ERROR_NAME_NOT_RESOLVED;
    case TRIB_HS2_TEST_CONNECTION_REFUSED: return TRIB_CONNECTOR_ERROR_CONNECTION_REFUSED;
    case TRIB_HS2_TEST_TIMED_OUT:          return TRIB_CONNECTOR_ERROR_TIMED_OUT;
    case TRIB_HS2_TEST_TLS_FAILURE:        return TRIB_CONNECTOR_ERROR_TLS;
    case TRIB_HS2_TEST_AUTH_FAILED:        return TRIB_CONNECTOR_ERROR_AUTHENTICATION;
    case TRIB_HS2_TEST_WRONG_PROTOCOL:     return TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL;
    case TRIB_HS2_TEST_SERVER_ERROR:       return TRIB_CONNECTOR_ERROR_SERVER_ERROR;
    case TRIB_HS2_TEST_CONFIG_ERROR:       return TRIB_CONNECTOR_ERROR_INVALID_SETTINGS;
    case TRIB_HS2_TEST_OK:
    case TRIB_HS2_TEST_FAILED:
    default:                               return TRIB_CONNECTOR_ERROR_FAILED;
    }
}

TribConnectivityResult *
trib_hs2_connectivity_test (TribDataSource  *data_source,
                            const char      *secret,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(TribHs2TestResult) test = NULL;
  g_autofree char *endpoint = NULL;
  TribConnectivityResult *result;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  test = trib_hs2_test_connection_sync (data_source, secret, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  endpoint = trib_connector_describe_endpoint (data_source);
  if (test->ok)
    {
      g_autofree char *reached = g_strdup_printf ("%s %s",
                                                  test->server_name ? test->server_name : "HiveServer2",
                                                  test->server_version ? test->server_version : "");

      result = trib_connectivity_result_new_success (TRIB_DATA_SOURCE_KIND_KYUUBI, endpoint,
                                                     g_strstrip (reached));
      trib_connectivity_result_set_server_version (result, test->server_version);
    }
  else
    result = trib_connectivity_result_new_failure (TRIB_DATA_SOURCE_KIND_KYUUBI,
                                                   category_of (test->category), endpoint,
                                                   test->message, test->hint);

  trib_connectivity_result_set_elapsed_usec (result, (gint64) (test->elapsed * G_USEC_PER_SEC));
  return result;
}

void
trib_hs2_register_connectivity_test (void)
{
  trib_connectivity_register_test (TRIB_DATA_SOURCE_KIND_KYUUBI, trib_hs2_connectivity_test);
}
