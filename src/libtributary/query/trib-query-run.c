/* trib-query-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-error.h"
#include "trib-query-run.h"

struct _TribQueryRun
{
  GObject            parent_instance;

  TribHs2Client     *client;
  char              *sql;
  guint              number;
  guint              line;
  /* Metadata calls (OPEN_SESSION, 0, for a statement) */
  TribHs2Rpc         rpc;
  char              *meta_schema;
  char              *meta_table;

  TribQueryRunState  state;
  TribHs2Operation  *operation;
  GPtrArray         *schema;
  GPtrArray         *batches;
  TribHs2ResultSet  *result;
  gint64             modified_rows;
  gint64             started;
  gint64             first_row;
  gint64             ended;
  double             progress;
  GError            *error;
  GPtrArray         *log;
  GTask             *task;
};

G_DEFINE_FINAL_TYPE (TribQueryRun, trib_query_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_ROWS,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  LOG,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_state (TribQueryRun      *self,
           TribQueryRunState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  if (trib_query_run_is_finished (self))
    self->ended = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
trib_query_run_dispose (GObject *object)
{
  TribQueryRun *self = TRIB_QUERY_RUN (object);

  g_clear_object (&self->operation);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (trib_query_run_parent_class)->dispose (object);
}

static void
trib_query_run_finalize (GObject *object)
{
  TribQueryRun *self = TRIB_QUERY_RUN (object);

  g_free (self->sql);
  g_free (self->meta_schema);
  g_free (self->meta_table);
  g_clear_pointer (&self->schema, g_ptr_array_unref);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_object (&self->result);
  g_clear_error (&self->error);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  G_OBJECT_CLASS (trib_query_run_parent_class)->finalize (object);
}

static void
trib_query_run_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TribQueryRun *self = TRIB_QUERY_RUN (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_N_ROWS:
      g_value_set_uint (value, trib_query_run_get_n_rows (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_query_run_class_init (TribQueryRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trib_query_run_dispose;
  object_class->finalize = trib_query_run_finalize;
  object_class->get_property = trib_query_run_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, 0, TRIB_QUERY_RUN_CANCELLED, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ROWS] =
    g_param_spec_uint ("n-rows", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
trib_query_run_init (TribQueryRun *self)
{
  self->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_batch_unref);
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->modified_rows = -1;
  self->progress = -1;
}

TribQueryRun *
trib_query_run_new (TribHs2Client *client,
                    const char    *sql,
                    guint          number,
                    guint          line)
{
  TribQueryRun *self = g_object_new (TRIB_TYPE_QUERY_RUN, NULL);

  self->client = client ? g_object_ref (client) : NULL;
  self->sql = g_strdup (sql);
  self->number = number;
  self->line = line;
  return self;
}

TribQueryRun *
trib_query_run_new_metadata (TribHs2Client *client,
                             TribHs2Rpc     rpc,
                             const char    *schema,
                             const char    *table,
                             const char    *sql)
{
  TribQueryRun *self = trib_query_run_new (client, sql, 0, 0);

  self->rpc = rpc;
  self->meta_schema = g_strdup (schema);
  self->meta_table = g_strdup (table);
  return self;
}

const char *
trib_query_run_get_sql (TribQueryRun *self)
{
  return self->sql;
}

guint
trib_query_run_get_number (TribQueryRun *self)
{
  return self->number;
}

guint
trib_query_run_get_line (TribQueryRun *self)
{
  return self->line;
}

/* Where the code starts: after blanks and leading comments. */
static const char *
skip_leading_comments (const char *p)
{
  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (p[0] == '-' && p[1] == '-')
        p += strcspn (p, "\n");
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");
          p = end ? end + 2 : p + strlen (p);
        }
      else
        return p;
    }
}

char *
trib_query_run_dup_title (TribQueryRun *self)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_auto(GStrv) parts = g_regex_split_simple ("\\s+", skip_leading_comments (self->sql), 0, 0);
  guint n = 0;

  for (guint i = 0; parts[i] && n < 4; i++)
    {
      if (*parts[i] == '\0')
        continue;
      g_string_append_printf (words, "%s%s", n ? " " : "", parts[i]);
      n++;
    }
  if (g_utf8_strlen (words->str, -1) > 40)
    {
      g_string_truncate (words, (gsize) (g_utf8_offset_to_pointer (words->str, 39) - words->str));
      g_string_append (words, "…");
    }
  else if (parts[0] && g_strv_length (parts) > n)
    g_string_append (words, "…");
  return g_strdup_printf ("%u %s", self->number, words->str);
}

TribQueryRunState
trib_query_run_get_state (TribQueryRun *self)
{
  return self->state;
}

gboolean
trib_query_run_is_finished (TribQueryRun *self)
{
  return self->state >= TRIB_QUERY_RUN_SUCCEEDED;
}

TribHs2ResultSet *
trib_query_run_get_result (TribQueryRun *self)
{
  return self->result;
}

GPtrArray *
trib_query_run_get_schema (TribQueryRun *self)
{
  return self->schema;
}

GPtrArray *
trib_query_run_dup_batches (TribQueryRun *self)
{
  GPtrArray *copy = g_ptr_array_new_full (self->batches->len, (GDestroyNotify) trib_hs2_batch_unref);

  for (guint i = 0; i < self->batches->len; i++)
    g_ptr_array_add (copy, trib_hs2_batch_ref (g_ptr_array_index (self->batches, i)));
  return copy;
}

guint
trib_query_run_get_n_rows (TribQueryRun *self)
{
  return self->result ? trib_hs2_result_set_get_n_rows (self->result) : 0;
}

gint64
trib_query_run_get_modified_rows (TribQueryRun *self)
{
  return self->modified_rows;
}

gint64
trib_query_run_get_started (TribQueryRun *self)
{
  return self->started;
}

gint64
trib_query_run_get_first_row_time (TribQueryRun *self)
{
  return self->first_row ? self->first_row - self->started : -1;
}

gint64
trib_query_run_get_elapsed (TribQueryRun *self)
{
  if (self->started == 0)
    return 0;
  return (self->ended ? self->ended : g_get_monotonic_time ()) - self->started;
}

double
trib_query_run_get_progress (TribQueryRun *self)
{
  return self->progress;
}

const GError *
trib_query_run_get_error (TribQueryRun *self)
{
  return self->error;
}

GPtrArray *
trib_query_run_get_log (TribQueryRun *self)
{
  return self->log;
}

/* 2500 -> "2,500", as the status line reads. */
static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
trib_query_run_dup_summary (TribQueryRun *self)
{
  double seconds = trib_query_run_get_elapsed (self) / (double) G_USEC_PER_SEC;
  g_autofree char *count = format_count (trib_query_run_get_n_rows (self));
  guint n = trib_query_run_get_n_rows (self);

  switch (self->state)
    {
    case TRIB_QUERY_RUN_PENDING:
      return g_strdup (_("Waiting"));
    case TRIB_QUERY_RUN_RUNNING:
      if (self->progress >= 0)
        return g_strdup_printf (_("Running, %.0f %% (%.1f s)"), self->progress * 100, seconds);
      return g_strdup_printf (_("Running (%.1f s)"), seconds);
    case TRIB_QUERY_RUN_FETCHING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row so far (%.1f s)", "%s rows so far (%.1f s)", n),
                              count, seconds);
    case TRIB_QUERY_RUN_SUCCEEDED:
      if (self->schema == NULL)
        {
          if (self->modified_rows >= 0)
            {
              g_autofree char *changed = format_count ((guint64) self->modified_rows);
              return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Done: %s row changed in %.1f s",
                                                   "Done: %s rows changed in %.1f s", (gulong) self->modified_rows),
                                      changed, seconds);
            }
          return g_strdup_printf (_("Done in %.1f s (no result set)"), seconds);
        }
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row in %.1f s", "%s rows in %.1f s", n),
                              count, seconds);
    case TRIB_QUERY_RUN_CANCELLED:
      return g_strdup_printf (_("Stopped after %.1f s (%s rows fetched)"), seconds, count);
    case TRIB_QUERY_RUN_FAILED:
    default:
      return g_strdup_printf (_("Failed after %.1f s"), seconds);
    }
}

/* Running */

static void
add_log (TribQueryRun *self,
         const char   *line)
{
  g_ptr_array_add (self->log, g_strdup (line));
  g_signal_emit (self, signals[LOG], 0, line);
}

static void
finish (TribQueryRun *self,
        GError       *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (error)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                           g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CANCELLED_BY_SERVER);

      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      set_state (self, cancelled ? TRIB_QUERY_RUN_CANCELLED : TRIB_QUERY_RUN_FAILED);
    }
  else
    set_state (self, TRIB_QUERY_RUN_SUCCEEDED);

  if (self->operation)
    {
      /* Closing needs no answer: the run is over for the user. */
      trib_hs2_operation_close_async (self->operation, NULL, NULL, NULL);
      g_clear_object (&self->operation);
    }
  if (task)
    {
      if (error)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
    }
  else if (error)
    g_error_free (error);
}

static void
append_batch (TribQueryRun *self,
              TribHs2Batch *batch)
{
  if (trib_hs2_batch_get_n_rows (batch) == 0)
    return;
  if (self->first_row == 0)
    self->first_row = g_get_monotonic_time ();
  g_ptr_array_add (self->batches, trib_hs2_batch_ref (batch));
  trib_hs2_result_set_append_batch (self->result, batch, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TribQueryRun) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Batch) batch = trib_hs2_operation_fetch_finish (TRIB_HS2_OPERATION (object), result, &error);

  if (error)
    {
      finish (self, g_steal_pointer (&error));
      return;
    }
  if (batch == NULL)
    {
      finish (self, NULL);
      return;
    }
  append_batch (self, batch);
  /* The first batch is small so that rows show at once; then the configured size. */
  trib_hs2_operation_fetch_async (self->operation, 0, g_task_get_cancellable (self->task),
                                  fetched_cb, g_object_ref (self));
}

static void
schema_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *schema = trib_hs2_operation_get_schema_sync (task_data, cancellable, &error);

  if (schema)
    g_task_return_pointer (task, g_ptr_array_ref (schema), (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
schema_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TribQueryRun) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) schema = g_task_propagate_pointer (G_TASK (result), &error);

  if (schema == NULL)
    {
      finish (self, g_steal_pointer (&error));
      return;
    }
  trib_query_run_set_schema (self, schema);
  trib_hs2_operation_fetch_async (self->operation, 200, g_task_get_cancellable (self->task),
                                  fetched_cb, g_object_ref (self));
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TribQueryRun) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (!trib_hs2_operation_wait_finish (TRIB_HS2_OPERATION (object), result, &error))
    {
      finish (self, g_steal_pointer (&error));
      return;
    }
  self->modified_rows = trib_hs2_operation_get_modified_rows (self->operation);
  if (!trib_hs2_operation_has_result_set (self->operation))
    {
      finish (self, NULL);
      return;
    }
  /* The operation is not a model: its calls are serialised on the client's connection. */
  task = g_task_new (NULL, g_task_get_cancellable (self->task), schema_cb, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (self->operation), g_object_unref);
  g_task_run_in_thread (task, schema_in_thread);
}

static void
operation_log_cb (TribHs2Operation *operation,
                  const char       *line,
                  TribQueryRun     *self)
{
  add_log (self, line);
}

static void
operation_status_cb (TribHs2Operation *operation,
                     int               state,
                     double            progress,
                     TribQueryRun     *self)
{
  if (progress != self->progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TribQueryRun) self = user_data;

  trib_hs2_operation_cancel_finish (TRIB_HS2_OPERATION (object), result, NULL);
  finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The statement was cancelled")));
}

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TribQueryRun) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->rpc != 0)
    self->operation = trib_hs2_client_get_metadata_finish (TRIB_HS2_CLIENT (object), result, &error);
  else
    self->operation = trib_hs2_client_execute_finish (TRIB_HS2_CLIENT (object), result, &error);
  if (self->operation == NULL)
    {
      finish (self, g_steal_pointer (&error));
      return;
    }
  /* Stopped while ExecuteStatement was under way: the statement runs on the server now,
   * so it gets its CancelOperation like any running one. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    {
      trib_hs2_operation_cancel_async (self->operation, NULL, cancelled_cb, g_object_ref (self));
      return;
    }
  g_signal_connect_object (self->operation, "log", G_CALLBACK (operation_log_cb), self, 0);
  g_signal_connect_object (self->operation, "status", G_CALLBACK (operation_status_cb), self, 0);
  trib_hs2_operation_wait_async (self->operation, g_task_get_cancellable (self->task),
                                 waited_cb, g_object_ref (self));
}

void
trib_query_run_start_async (TribQueryRun        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_QUERY_RUN (self));
  g_return_if_fail (self->task == NULL && self->state == TRIB_QUERY_RUN_PENDING);
  g_return_if_fail (self->client != NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, trib_query_run_start_async);
  self->started = g_get_monotonic_time ();
  set_state (self, TRIB_QUERY_RUN_RUNNING);
  /* Not cancellable: an ExecuteStatement cut short would leave the statement running on
   * the server without its handle (executed_cb cancels it instead). */
  if (self->rpc != 0)
    trib_hs2_client_get_metadata_async (self->client, self->rpc, NULL, self->meta_schema, self->meta_table, NULL,
                                        NULL, executed_cb, g_object_ref (self));
  else
    trib_hs2_client_execute_async (self->client, self->sql, NULL, 0, NULL,
                                   executed_cb, g_object_ref (self));
}

gboolean
trib_query_run_start_finish (TribQueryRun  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Fed from outside */

void
trib_query_run_begin_external (TribQueryRun *self)
{
  self->started = g_get_monotonic_time ();
  set_state (self, TRIB_QUERY_RUN_RUNNING);
}

void
trib_query_run_set_schema (TribQueryRun *self,
                           GPtrArray    *schema)
{
  g_clear_pointer (&self->schema, g_ptr_array_unref);
  g_clear_object (&self->result);
  self->schema = g_ptr_array_ref (schema);
  self->result = trib_hs2_result_set_new (schema);
  set_state (self, TRIB_QUERY_RUN_FETCHING);
}

void
trib_query_run_add_batch (TribQueryRun *self,
                          TribHs2Batch *batch)
{
  g_return_if_fail (self->result != NULL);
  append_batch (self, batch);
}

void
trib_query_run_add_log (TribQueryRun *self,
                        const char   *line)
{
  add_log (self, line);
}

void
trib_query_run_end_external (TribQueryRun *self,
                             gint64        modified_rows,
                             const GError *error)
{
  self->modified_rows = modified_rows;
  finish (self, error ? g_error_copy (error) : NULL);
}
