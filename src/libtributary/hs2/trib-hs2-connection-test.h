/* trib-hs2-connection-test.h: the connectivity test of a Kyuubi / Spark SQL data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-data-source.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_HS2_TEST_OK,
  TRIB_HS2_TEST_NAME_NOT_RESOLVED,
  TRIB_HS2_TEST_CONNECTION_REFUSED,
  TRIB_HS2_TEST_TIMED_OUT,
  TRIB_HS2_TEST_TLS_FAILURE,
  TRIB_HS2_TEST_AUTH_FAILED,
  TRIB_HS2_TEST_WRONG_PROTOCOL,
  TRIB_HS2_TEST_SERVER_ERROR,
  TRIB_HS2_TEST_CONFIG_ERROR,
  TRIB_HS2_TEST_FAILED,
} TribHs2TestCategory;

typedef struct
{
  gboolean             ok;
  TribHs2TestCategory  category;
  char                *message;         /* what happened, for people */
  char                *hint;            /* what to try; NULL when ok */
  double               elapsed;         /* seconds */
  char                *reached;         /* "127.0.0.1:10009 (sasl)": the address tried */
  char                *server_name;     /* GetInfo DBMS name, when ok */
  char                *server_version;
} TribHs2TestResult;

#define TRIB_TYPE_HS2_TEST_RESULT (trib_hs2_test_result_get_type ())

GType               trib_hs2_test_result_get_type     (void) G_GNUC_CONST;
TribHs2TestResult  *trib_hs2_test_result_copy         (const TribHs2TestResult *self);
void                trib_hs2_test_result_free         (TribHs2TestResult       *self);
/* "name-not-resolved", "connection-refused", ... */
const char         *trib_hs2_test_category_to_string  (TribHs2TestCategory      category);
/* The category of an error from the client, and a hint (translated, static). */
TribHs2TestCategory trib_hs2_test_classify_error      (const GError            *error,
                                                       const char             **hint);

/* Opens a session, asks GetInfo for the server's name and version, closes. @password NULL:
 * read TRIBUTARY_SECRET_<NAME> from the environment. Never fails: the result says why. */
TribHs2TestResult  *trib_hs2_test_connection_sync     (TribDataSource          *source,
                                                       const char              *password,
                                                       GCancellable            *cancellable);
void                trib_hs2_test_connection_async    (TribDataSource          *source,
                                                       const char              *password,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
TribHs2TestResult  *trib_hs2_test_connection_finish   (GAsyncResult            *result,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribHs2TestResult, trib_hs2_test_result_free)

G_END_DECLS
