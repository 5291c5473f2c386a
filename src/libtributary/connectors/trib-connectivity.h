/* trib-connectivity.h: "Test Connection" for every kind of data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-connectivity-result.h"
#include "trib-data-source.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

/* A test for a kind this layer does not test itself (Kyuubi: the HiveServer2 layer
 * registers one). Runs in a worker thread; returns a result (failures included), or
 * NULL with G_IO_ERROR_CANCELLED. @secret may be NULL. */
typedef TribConnectivityResult *(*TribConnectivityTestFunc) (TribDataSource  *data_source,
                                                             const char      *secret,
                                                             GCancellable    *cancellable,
                                                             GError         **error);

/* Registers (or with NULL, removes) the test of @kind; replaces any earlier one. */
void                    trib_connectivity_register_test        (TribDataSourceKind         kind,
                                                                TribConnectivityTestFunc   func);

/* Tests @data_source as it is now (a copy is taken, so a dialog may keep editing):
 * checks the fields, then connects. @secret is the password or secret key as typed
 * (NULL when the kind needs none or it is not known); @base_directory resolves a
 * relative local folder. Every failure is a result; only a cancellation is an error
 * (G_IO_ERROR_CANCELLED), reported at once. */
void                    trib_connectivity_test_async           (TribDataSource            *data_source,
                                                                const char                *secret,
                                                                GFile                     *base_directory,
                                                                GCancellable              *cancellable,
                                                                GAsyncReadyCallback        callback,
                                                                gpointer                   user_data);
TribConnectivityResult *trib_connectivity_test_finish          (GAsyncResult              *result,
                                                                GError                   **error);
/* Blocking version, for worker threads and the command line. */
TribConnectivityResult *trib_connectivity_test_sync            (TribDataSource            *data_source,
                                                                const char                *secret,
                                                                GFile                     *base_directory,
                                                                GCancellable              *cancellable,
                                                                GError                   **error);

/* Tests the data source @name of @workspace with its stored secret:
 * TRIBUTARY_SECRET_<NAME> if set, else the keyring. A missing data source is a
 * TRIB_ERROR_NOT_FOUND error. */
void                    trib_connectivity_test_in_workspace_async  (TribWorkspace         *workspace,
                                                                    const char            *name,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
TribConnectivityResult *trib_connectivity_test_in_workspace_finish (GAsyncResult          *result,
                                                                    GError               **error);
TribConnectivityResult *trib_connectivity_test_in_workspace_sync   (TribWorkspace         *workspace,
                                                                    const char            *name,
                                                                    GCancellable          *cancellable,
                                                                    GError               **error);

G_END_DECLS
