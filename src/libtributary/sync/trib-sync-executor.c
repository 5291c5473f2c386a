/* trib-sync-executor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trib-connector-error.h"
#include "trib-execution.h"
#include "trib-sync-error.h"
#include "trib-sync-executor.h"
#include "trib-sync-factory.h"

/* DataX reports progress every ten seconds; the node's progress bar moves every second. */
#define PROGRESS_LOG_INTERVAL (10 * G_USEC_PER_SEC)

struct _TribSyncExecutor
{
  GObject parent_instance;
};

static void trib_sync_executor_iface_init (TribExecutorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TribSyncExecutor, trib_sync_executor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRIB_TYPE_EXECUTOR, trib_sync_executor_iface_init))

typedef struct
{
  TribExecution *execution;
  gint64         last_logged;
} Attempt;

static TribDataSource *
lookup_cb (const char *name,
           gpointer    user_data)
{
  TribDataSource *data_source = trib_execution_lookup_data_source (user_data, name);

  return data_source ? g_object_ref (data_source) : NULL;
}

static void
log_cb (TribSyncLogLevel  level,
        const char       *line,
        gpointer          user_data)
{
  Attempt *attempt = user_data;

  trib_execution_log_text (attempt->execution, line);
}

static void
progress_cb (const TribSyncProgress *progress,
             gpointer                user_data)
{
  Attempt *attempt = user_data;

  trib_execution_set_progress (attempt->execution, progress->fraction);
  if (progress->elapsed_us - attempt->last_logged >= PROGRESS_LOG_INTERVAL)
    {
      g_autofree char *line = trib_sync_progress_format (progress);

      attempt->last_logged = progress->elapsed_us;
      trib_execution_log_text (attempt->execution, line);
    }
}

/* Errors that another attempt cannot cure: the job or a data source definition is wrong,
 * a secret is missing or refused, the target says no by design. Everything else (lost
 * connections, timeouts, server errors) may pass, and is retried. */
static gboolean
error_is_permanent (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == TRIB_SYNC_ERROR)
    return error->code == TRIB_SYNC_ERROR_INVALID_JOB || error->code == TRIB_SYNC_ERROR_CONFLICT ||
           error->code == TRIB_SYNC_ERROR_DIRTY_LIMIT;
  if (error->domain == TRIB_CONNECTOR_ERROR)
    return error->code == TRIB_CONNECTOR_ERROR_INVALID_SETTINGS ||
           error->code == TRIB_CONNECTOR_ERROR_MISSING_SECRET ||
           error->code == TRIB_CONNECTOR_ERROR_AUTHENTICATION ||
           error->code == TRIB_CONNECTOR_ERROR_DATABASE_NOT_FOUND ||
           error->code == TRIB_CONNECTOR_ERROR_BUCKET_NOT_FOUND ||
           error->code == TRIB_CONNECTOR_ERROR_PERMISSION_DENIED ||
           error->code == TRIB_CONNECTOR_ERROR_WRONG_PROTOCOL ||
           error->code == TRIB_CONNECTOR_ERROR_NOT_AVAILABLE;
  return FALSE;
}

static gboolean
trib_sync_executor_run_job (TribExecutor   *executor,
                            TribExecution  *execution,
                            GCancellable   *cancellable,
                            GError        **error);

static gboolean
trib_sync_executor_run (TribExecutor   *executor,
                        TribExecution  *execution,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (trib_sync_executor_run_job (executor, execution, cancellable, &local_error))
    return TRUE;
  if (error_is_permanent (local_error))
    trib_execution_set_failure_permanent (execution);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
trib_sync_executor_run_job (TribExecutor   *executor,
                            TribExecution  *execution,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(TribSyncSources) sources = NULL;
  g_autoptr(TribSyncEngine) engine = NULL;
  g_autofree char *summary = NULL;
  const TribSyncSummary *result;
  Attempt attempt = { execution, 0 };
  gboolean ok;

  job = trib_sync_job_new_from_string (trib_execution_get_code (execution), -1, NULL, NULL, error);
  if (job == NULL)
    {
      trib_execution_log_text (execution, (*error)->message);
      return FALSE;
    }

  sources = trib_sync_sources_new (trib_execution_get_workspace_id (execution),
                                   trib_execution_get_workspace_directory (execution),
                                   lookup_cb, g_object_ref (execution), g_object_unref);
  engine = trib_sync_engine_new_for_job (job, sources, error);
  if (engine == NULL)
    return FALSE;
  trib_sync_engine_set_log_func (engine, log_cb, &attempt, NULL);
  trib_sync_engine_set_progress_func (engine, progress_cb, &attempt, NULL);

  ok = trib_sync_engine_run (engine, cancellable, error);

  result = trib_sync_engine_get_summary (engine);
  if (result->ambiguous > 0)
    summary = g_strdup_printf (_("%" PRIu64 " records read, %" PRIu64 " written, %" PRIu64 " dirty; %" PRIu64
                                 " hold the field delimiter or a line break (see the log)"),
                               result->records_read, result->records_written, result->failures,
                               result->ambiguous);
  else
    summary = g_strdup_printf (_("%" PRIu64 " records read, %" PRIu64 " written, %" PRIu64 " dirty"),
                               result->records_read, result->records_written, result->failures);
  if (result->stale_uploads > 0)
    {
      /* Worth a word: the killed run that left them may have gone unnoticed. */
      g_autofree char *clause = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "aborted %" PRIu64 " incomplete upload left by an interrupted run",
                                                              "aborted %" PRIu64 " incomplete uploads left by an interrupted run",
                                                              result->stale_uploads),
                                                 result->stale_uploads);
      g_autofree char *plain = g_steal_pointer (&summary);

      summary = g_strdup_printf ("%s; %s", plain, clause);
    }
  trib_execution_set_summary (execution, summary);
  if (ok)
    trib_execution_set_progress (execution, 1.0);
  return ok;
}

static void
trib_sync_executor_iface_init (TribExecutorInterface *iface)
{
  iface->run = trib_sync_executor_run;
}

static void
trib_sync_executor_class_init (TribSyncExecutorClass *klass)
{
}

static void
trib_sync_executor_init (TribSyncExecutor *self)
{
}

TribExecutor *
trib_sync_executor_new (void)
{
  return g_object_new (TRIB_TYPE_SYNC_EXECUTOR, NULL);
}
