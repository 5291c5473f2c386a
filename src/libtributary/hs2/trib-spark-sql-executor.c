/* trib-spark-sql-executor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-execution.h"
#include "trib-hs2-batch.h"
#include "trib-hs2-client.h"
#include "trib-hs2-config.h"
#include "trib-hs2-error.h"
#include "trib-hs2-operation.h"
#include "trib-hs2-splitter.h"
#include "trib-secrets.h"
#include "trib-spark-sql-executor.h"

/* Rows of a SELECT echoed to the node log; the rest are counted. */
#define MAX_LOGGED_ROWS 10

struct _TribSparkSqlExecutor
{
  GObject parent_instance;
};

static void trib_spark_sql_executor_iface_init (TribExecutorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TribSparkSqlExecutor, trib_spark_sql_executor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRIB_TYPE_EXECUTOR, trib_spark_sql_executor_iface_init))

/* One attempt: the statements, where we are, and the open session. */
typedef struct
{
  TribExecution    *execution;
  TribHs2Client    *client;
  TribHs2Operation *operation;
  GPtrArray        *statements;   /* TribHs2Statement */
  guint             current;
  gint64            started;
  guint64           rows;
  GError           *failure;      /* kept while the session closes */
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  /* A log line still queued for this attempt must find no handler, not freed memory. */
  if (attempt->operation)
    g_signal_handlers_disconnect_by_data (attempt->operation, attempt);
  if (attempt->client)
    g_signal_handlers_disconnect_by_data (attempt->client, attempt);
  g_clear_object (&attempt->operation);
  g_clear_object (&attempt->client);
  g_clear_object (&attempt->execution);
  g_clear_pointer (&attempt->statements, g_ptr_array_unref);
  g_clear_error (&attempt->failure);
  g_free (attempt);
}

static void run_next_statement (GTask *task);

static TribHs2Statement *
current_statement (Attempt *attempt)
{
  return g_ptr_array_index (attempt->statements, attempt->current);
}

/* The first line of a statement that is not a comment, short enough for a log line;
 * @skipped counts the comment lines before it, so the line number points at it. */
static char *
summarize_statement (const char *text,
                     guint      *skipped)
{
  const char *end;

  *skipped = 0;
  while (g_str_has_prefix (text, "--") && strchr (text, '\n'))
    {
      text = strchr (text, '\n') + 1;
      (*skipped)++;
      while (*text == ' ' || *text == '\t')
        text++;
    }
  end = strchr (text, '\n');
  g_autofree char *line = end ? g_strndup (text, end - text) : g_strdup (text);

  if (g_utf8_strlen (line, -1) > 100)
    {
      char *cut = g_utf8_offset_to_pointer (line, 100);
      *cut = '\0';
      return g_strconcat (line, "…", NULL);
    }
  return g_strconcat (line, end ? " …" : "", NULL);
}

static char *
describe_error (const GError *error)
{
  const char *state = error->domain == TRIB_HS2_ERROR ? trib_hs2_error_get_sql_state (error) : NULL;

  if (state && *state)
    return g_strdup_printf (_("%s (SQLSTATE %s)"), error->message, state);
  return g_strdup (error->message);
}

static void
client_closed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);

  trib_hs2_client_close_finish (TRIB_HS2_CLIENT (object), result, NULL);
  if (attempt->failure)
    g_task_return_error (task, g_steal_pointer (&attempt->failure));
  else
    g_task_return_boolean (task, TRUE);
}

/* Ends the attempt with @error (or success), after closing the session either way. */
static void
finish (GTask  *task,
        GError *error)
{
  Attempt *attempt = g_task_get_task_data (task);

  attempt->failure = error;
  if (attempt->client == NULL)
    {
      if (error)
        g_task_return_error (task, g_steal_pointer (&attempt->failure));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  /* Closing must happen even when the attempt was cancelled. */
  trib_hs2_client_close_async (attempt->client, NULL, client_closed_cb, task);
}

static void
statement_failed (GTask  *task,
                  GError *error)
{
  Attempt *attempt = g_task_get_task_data (task);
  TribHs2Statement *statement = current_statement (attempt);
  g_autofree char *detail = describe_error (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      trib_execution_log (attempt->execution, _("[%u/%u] cancelled"),
                          attempt->current + 1, attempt->statements->len);
      finish (task, error);
      return;
    }

  guint skipped = 0;
  g_autofree char *summary = summarize_statement (statement->text, &skipped);

  trib_execution_log (attempt->execution, _("[%u/%u] FAILED: %s"),
                      attempt->current + 1, attempt->statements->len, detail);
  /* The same line as the "[n/N] line L:" entry: the statement's first line of SQL in the
   * node's script, after the comments and blank lines before it. */
  finish (task, g_error_new (error->domain, error->code,
                             _("statement %u of %u (line %u) failed: %s"),
                             attempt->current + 1, attempt->statements->len, statement->line + skipped, detail));
  g_error_free (error);
}

static void
operation_log_cb (TribHs2Operation *operation,
                  const char       *line,
                  Attempt          *attempt)
{
  trib_execution_log_text (attempt->execution, line);
}

static void
operation_closed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Attempt *attempt = g_task_get_task_data (task);

  trib_hs2_operation_close_finish (TRIB_HS2_OPERATION (object), result, NULL);
  g_signal_handlers_disconnect_by_data (attempt->operation, attempt);
  g_clear_object (&attempt->operation);
  attempt->current++;
  trib_execution_set_progress (attempt->execution, (double) attempt->current / attempt->statements->len);
  run_next_statement (task);
}

static void
statement_done (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);
  double seconds = (g_get_monotonic_time () - attempt->started) / (double) G_USEC_PER_SEC;
  gint64 modified = trib_hs2_operation_get_modified_rows (attempt->operation);

  if (trib_hs2_operation_has_result_set (attempt->operation))
    trib_execution_log (attempt->execution,
                        g_dngettext (GETTEXT_PACKAGE, "[%u/%u] OK, %" PRIu64 " row, in %.2f s",
                                     "[%u/%u] OK, %" PRIu64 " rows, in %.2f s", attempt->rows),
                        attempt->current + 1, attempt->statements->len, attempt->rows, seconds);
  else if (modified >= 0)
    trib_execution_log (attempt->execution, _("[%u/%u] OK, %" PRId64 " rows changed, in %.2f s"),
                        attempt->current + 1, attempt->statements->len, modified, seconds);
  else
    trib_execution_log (attempt->execution, _("[%u/%u] OK in %.2f s"),
                        attempt->current + 1, attempt->statements->len, seconds);

  trib_hs2_operation_close_async (attempt->operation, NULL, operation_closed_cb, task);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  TribHs2Batch *batch;

  batch = trib_hs2_operation_fetch_finish (TRIB_HS2_OPERATION (object), result, &error);
  if (error)
    {
      statement_failed (task, g_steal_pointer (&error));
      return;
    }
  if (batch == NULL)
    {
      statement_done (task);
      return;
    }

  for (guint r = 0; r < trib_hs2_batch_get_n_rows (batch); r++)
    {
      GString *line;

      if (attempt->rows + r >= MAX_LOGGED_ROWS)
        break;
      line = g_string_new ("  ");
      for (guint c = 0; c < trib_hs2_batch_get_n_columns (batch); c++)
        {
          g_autofree char *text = trib_hs2_batch_is_null (batch, c, r) ? g_strdup ("NULL")
                                                                       : trib_hs2_batch_dup_text (batch, c, r);
          if (c > 0)
            g_string_append_c (line, '\t');
          g_string_append (line, text);
        }
      trib_execution_log_text (attempt->execution, line->str);
      g_string_free (line, TRUE);
    }
  attempt->rows += trib_hs2_batch_get_n_rows (batch);
  trib_hs2_batch_unref (batch);

  trib_hs2_operation_fetch_async (attempt->operation, 0, g_task_get_cancellable (task), fetched_cb, task);
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!trib_hs2_operation_wait_finish (TRIB_HS2_OPERATION (object), result, &error))
    {
      statement_failed (task, g_steal_pointer (&error));
      return;
    }

  if (trib_hs2_operation_has_result_set (attempt->operation))
    trib_hs2_operation_fetch_async (attempt->operation, 0, g_task_get_cancellable (task), fetched_cb, task);
  else
    statement_done (task);
}

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  attempt->operation = trib_hs2_client_execute_finish (TRIB_HS2_CLIENT (object), result, &error);
  if (attempt->operation == NULL)
    {
      statement_failed (task, g_steal_pointer (&error));
      return;
    }

  g_signal_connect (attempt->operation, "log", G_CALLBACK (operation_log_cb), attempt);
  trib_hs2_operation_wait_async (attempt->operation, g_task_get_cancellable (task), waited_cb, task);
}

static void
run_next_statement (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);
  TribHs2Statement *statement;
  g_autofree char *summary = NULL;
  guint skipped;

  if (g_task_return_error_if_cancelled (task))
    {
      /* Returned already; still close the session. */
      if (attempt->client)
        trib_hs2_client_close_async (attempt->client, NULL, NULL, NULL);
      g_object_unref (task);
      return;
    }

  if (attempt->current >= attempt->statements->len)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statement run", "%u statements run",
                                                            attempt->statements->len),
                                               attempt->statements->len);
      trib_execution_set_summary (attempt->execution, text);
      finish (task, NULL);
      return;
    }

  statement = current_statement (attempt);
  summary = summarize_statement (statement->text, &skipped);
  trib_execution_log (attempt->execution, _("[%u/%u] line %u: %s"),
                      attempt->current + 1, attempt->statements->len, statement->line + skipped, summary);
  attempt->started = g_get_monotonic_time ();
  attempt->rows = 0;
  trib_hs2_client_execute_async (attempt->client, statement->text, NULL, 0,
                                 g_task_get_cancellable (task), executed_cb, task);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!trib_hs2_client_open_finish (TRIB_HS2_CLIENT (object), result, &error))
    {
      g_autofree char *detail = describe_error (error);
      GError *failure = g_error_new (error->domain, error->code, _("cannot open a Spark SQL session: %s"), detail);

      /* Nothing to close: the session never opened. */
      g_clear_object (&attempt->client);
      finish (task, failure);
      return;
    }

  trib_execution_log (attempt->execution, _("Session open (protocol V%d)"),
                      trib_hs2_client_get_protocol (attempt->client) + 1);
  run_next_statement (task);
}

static void
engine_log_cb (TribHs2Client *client,
               const char    *line,
               Attempt       *attempt)
{
  trib_execution_log_text (attempt->execution, line);
}

static void
trib_spark_sql_executor_run_async (TribExecutor        *executor,
                                   TribExecution       *execution,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (executor, cancellable, callback, user_data);
  TribNode *node = trib_execution_get_node (execution);
  const char *name = trib_node_get_datasource (node);
  g_autoptr(TribHs2Config) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *where = NULL;
  TribDataSource *source;
  Attempt *attempt;

  g_task_set_source_tag (task, trib_spark_sql_executor_run_async);
  /* Already cancelled: nothing starts (the callback still runs, with the error). */
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  attempt = g_new0 (Attempt, 1);
  attempt->execution = g_object_ref (execution);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);

  if (name == NULL)
    {
      g_task_return_new_error (task, TRIB_ERROR, TRIB_ERROR_INVALID,
                               _("node \"%s\" names no Spark SQL data source (its \"datasource\")"),
                               trib_node_get_display_name (node));
      g_object_unref (task);
      return;
    }

  source = trib_execution_lookup_data_source (execution, name);
  if (source == NULL || trib_data_source_get_kind (source) != TRIB_DATA_SOURCE_KIND_KYUUBI)
    {
      g_task_return_new_error (task, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                               source ? _("data source \"%s\" is not a Kyuubi / Spark SQL source")
                                      : _("data source \"%s\" does not exist"), name);
      g_object_unref (task);
      return;
    }

  /* Blocking, but this runs on one of the runner's worker threads. */
  secret = trib_secrets_resolve_for_id_sync (trib_execution_get_workspace_id (execution), source,
                                             NULL, cancellable, &error);
  if (error == NULL)
    config = trib_hs2_config_new_from_data_source (source, secret, &error);
  if (secret)
    memset (secret, 0, strlen (secret));
  if (config == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  attempt->statements = trib_hs2_split_statements (trib_execution_get_code (execution));
  if (attempt->statements->len == 0)
    {
      trib_execution_log_text (execution, _("The script has no statement; nothing to run."));
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  where = trib_hs2_config_describe (config);
  trib_execution_log (execution,
                      g_dngettext (GETTEXT_PACKAGE, "Running %u statement on %s (%s)",
                                   "Running %u statements on %s (%s)", attempt->statements->len),
                      attempt->statements->len, name, where);

  attempt->client = trib_hs2_client_new (config);
  g_signal_connect (attempt->client, "engine-log", G_CALLBACK (engine_log_cb), attempt);
  trib_hs2_client_open_async (attempt->client, cancellable, opened_cb, task);
}

static gboolean
trib_spark_sql_executor_run_finish (TribExecutor  *executor,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
trib_spark_sql_executor_iface_init (TribExecutorInterface *iface)
{
  iface->run_async = trib_spark_sql_executor_run_async;
  iface->run_finish = trib_spark_sql_executor_run_finish;
}

static void
trib_spark_sql_executor_class_init (TribSparkSqlExecutorClass *klass)
{
}

static void
trib_spark_sql_executor_init (TribSparkSqlExecutor *self)
{
}

TribExecutor *
trib_spark_sql_executor_new (void)
{
  return g_object_new (TRIB_TYPE_SPARK_SQL_EXECUTOR, NULL);
}
