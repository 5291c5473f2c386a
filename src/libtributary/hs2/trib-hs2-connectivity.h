/* trib-hs2-connectivity.h: the Kyuubi / Spark SQL entry of "Test Connection"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-connectivity-result.h"
#include "trib-data-source.h"

G_BEGIN_DECLS

/* Opens a session, asks the server its name and version, closes it; the result uses the
 * same categories and shape as the tests of every other kind. */
TribConnectivityResult *trib_hs2_connectivity_test                 (TribDataSource  *data_source,
                                                                    const char      *secret,
                                                                    GCancellable    *cancellable,
                                                                    GError         **error);
/* Plugs the test above into trib_connectivity_test_*() for kyuubi sources. */
void                    trib_hs2_register_connectivity_test        (void);

G_END_DECLS
