/* trib-query-mysql.h: an ad hoc query statement on MySQL / MariaDB, fed into a TribQueryRun
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-data-source.h"
#include "trib-query-run.h"

G_BEGIN_DECLS

/* Rows in a batch of the result: the grid shows the first ones as soon as they come. */
#define TRIB_QUERY_MYSQL_BATCH_ROWS 1000

/* Runs @run's SQL on a connection of its own in a worker (streamed with mysql_use_result):
 * the columns, each batch of rows and the end reach @run on the caller's thread-default
 * main context; the worker never touches @run. Errors carry the server's SQLSTATE
 * (TRIB_HS2_ERROR_SERVER, as Spark SQL errors do). Cancelling aborts the transfer. */
void      trib_query_mysql_run_async  (TribDataSource      *source,
                                       const char          *password,
                                       TribQueryRun        *run,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  trib_query_mysql_run_finish (GAsyncResult        *result,
                                       GError             **error);

/* "VARCHAR", "BIGINT", "DECIMAL"...: a result field's type as a header shows it. */
const char *trib_query_mysql_type_name (int field_type);

G_END_DECLS
