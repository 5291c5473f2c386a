/* trib-init.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-cron.h"
#include "trib-hs2-connectivity.h"
#include "trib-init.h"
#include "trib-json.h"
#include "trib-runner.h"
#include "trib-spark-sql-executor.h"
#include "trib-sync-executor.h"
#include "trib-sync-job.h"
#include "trib-workflow.h"

/* The checks `run` makes before it starts a node, made by `validate` too: the same
 * functions, so the two cannot disagree. */
static void
check_cron (TribNode  *node,
            GPtrArray *problems)
{
  g_autoptr(TribCron) cron = NULL;
  g_autoptr(GError) error = NULL;
  const char *expression = trib_node_get_cron (node);

  if (expression == NULL)
    return;
  cron = trib_cron_new (expression, &error);
  if (cron == NULL)
    g_ptr_array_add (problems, g_strdup_printf ("trigger.cron: %s", error->message));
}

static void
check_sync_job (TribNode  *node,
                GPtrArray *problems)
{
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *content;

  if (trib_node_get_kind (node) != TRIB_NODE_KIND_DI)
    return;
  content = trib_node_get_content (node);
  /* An empty or malformed job is reported by the workflow's own checks already. */
  if (content == NULL || (root = trib_json_parse (content, -1, "script.content", NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return;
  job = trib_sync_job_new_from_json (root, NULL, NULL, &error);
  if (job != NULL)
    return;
  lines = g_strsplit (error->message, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*lines[i])
      g_ptr_array_add (problems, g_strdup_printf ("script.content: %s", lines[i]));
}

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
      trib_workflow_register_node_check (check_cron);
      trib_workflow_register_node_check (check_sync_job);
      g_once_init_leave (&initialized, 1);
    }
}
