/* trib-spark-sql-executor.h: runs EMR_SPARK_SQL nodes through Kyuubi / HiveServer2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-executor.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SPARK_SQL_EXECUTOR (trib_spark_sql_executor_get_type ())

G_DECLARE_FINAL_TYPE (TribSparkSqlExecutor, trib_spark_sql_executor, TRIB, SPARK_SQL_EXECUTOR, GObject)

/* Splits the node's code (its ${name} already substituted) into statements and runs them
 * in order on one session of the node's "datasource", a kyuubi source. The operation log
 * and each statement's outcome go to the node log as they happen; the first failing
 * statement fails the node with the server's SQLSTATE and message. */
TribExecutor *trib_spark_sql_executor_new (void);

G_END_DECLS
