/* trib-init.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-hs2-connectivity.h"
#include "trib-init.h"
#include "trib-runner.h"
#include "trib-spark-sql-executor.h"
#include "trib-sync-executor.h"

void
trib_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(TribExecutor) spark_sql = trib_spark_sql_executor_new ();
      g_autoptr(TribExecutor) sync = trib_sync_executor_new ();

      trib_hs2_register_connectivity_test ();
      trib_runner_register_default_executor (TRIB_NODE_KIND_EMR_SPARK_SQL, spark_sql);
      trib_runner_register_default_executor (TRIB_NODE_KIND_DI, sync);
      g_once_init_leave (&initialized, 1);
    }
}
