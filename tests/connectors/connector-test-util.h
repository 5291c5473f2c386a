/* connector-test-util.h: helpers shared by the connector tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-test-util.h"

G_BEGIN_DECLS

/* A listening socket on 127.0.0.1 that accepts connections (the kernel completes the
 * handshake) but never reads nor answers. Close it with g_object_unref(). */
GSocket                *blackhole_new                (guint16            *port);
/* A port on 127.0.0.1 where nothing listens. */
guint16                 unused_port                  (void);

/* Data sources pointing at the harness's peers (from TRIB_TEST_*). */
TribDataSource         *harness_mysql_source         (const char         *name);
TribDataSource         *harness_http_source          (const char         *name);
TribDataSource         *harness_s3_source            (const char         *name);

/* Sets options from "key", "value" pairs, NULL-terminated; fails the test on an error. */
void                    set_options                  (TribDataSource     *source,
                                                      ...) G_GNUC_NULL_TERMINATED;

/* Runs trib_connectivity_test_async() in a main loop and returns its result. */
TribConnectivityResult *run_connectivity_test        (TribDataSource     *source,
                                                      const char         *secret,
                                                      GCancellable       *cancellable,
                                                      GError            **error);

/* Asserts the result's category and that @secret appears in none of its texts. */
void                    assert_failure               (TribConnectivityResult *result,
                                                      TribConnectorError      category,
                                                      const char             *secret);

/* Runs tributary-cli with @argv (NULL-terminated), @input on its standard input (may be
 * NULL) and @extra_env ("NAME=VALUE", NULL-terminated, may be NULL). */
int                     run_cli                      (const char * const *argv,
                                                      const char         *input,
                                                      const char * const *extra_env,
                                                      char              **out,
                                                      char              **err);

G_END_DECLS
