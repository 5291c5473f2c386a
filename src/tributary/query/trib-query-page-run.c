/* trib-query-page-run.c: the query page's runs: connecting, statement by statement,
 * parameters, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-query-page-private.h"

static void run_next (TribQueryPage *self);

/* Connecting */

static void
engine_log_cb (TribHs2Client *client,
               const char    *line,
               TribQueryPage *self)
{
  _trib_query_page_log (self, line);
}

static void finish_script (TribQueryPage *self);

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean opened = trib_hs2_client_open_finish (TRIB_HS2_CLIENT (object), result, &error);

  if (self->disposed)
    return;
  if (!opened)
    {
      g_autofree char *message = g_strdup_printf (_("Could not connect: %s"), error->message);

      g_clear_object (&self->client);
      g_clear_pointer (&self->client_source, g_free);
      g_ptr_array_set_size (self->pending, 0);
      g_clear_object (&self->current);
      finish_script (self);
      _trib_query_page_log (self, message);
      gtk_label_set_text (self->elapsed_label, message);
      return;
    }
  _trib_query_page_log (self, _("Connected."));
  run_next (self);
}

static void
secret_resolved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Config) config = NULL;
  g_autofree char *password = trib_secrets_resolve_finish (result, NULL, &error);
  TribDataSource *source;

  if (self->disposed)
    {
      if (password)
        memset (password, 0, strlen (password));
      return;
    }
  source = trib_workspace_lookup_data_source (self->workspace, self->client_source);

  if (error == NULL && source != NULL)
    config = trib_hs2_config_new_from_data_source (source, password, &error);
  if (config == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not connect: %s"),
                                                  error ? error->message : _("the data source is gone"));
      g_clear_pointer (&self->client_source, g_free);
      g_ptr_array_set_size (self->pending, 0);
      finish_script (self);
      _trib_query_page_log (self, message);
      gtk_label_set_text (self->elapsed_label, message);
      return;
    }
  self->client = trib_hs2_client_new (config);
  g_signal_connect_object (self->client, "engine-log", G_CALLBACK (engine_log_cb), self, 0);
  {
    g_autofree char *message = g_strdup_printf (_("Connecting to %s…"), self->client_source);
    _trib_query_page_log (self, message);
  }
  trib_hs2_client_open_async (self->client, self->cancellable, client_opened_cb, g_object_ref (self));
}

/* Running */

static void
history_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(TribHistory) history = trib_history_open_finish (result, NULL);

  if (history && self->history == NULL)
    self->history = g_object_ref (history);
}

static void
record_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!trib_query_history_add_finish (TRIB_HISTORY (object), result, &error))
    g_warning ("Could not record the query run: %s", error->message);
}

static void
record_run (TribQueryPage *self,
            TribQueryRun  *run)
{
  g_autoptr(TribQueryRunRecord) record = NULL;
  g_autofree char *params = trib_query_params_to_string (self->run_values);
  const GError *error = trib_query_run_get_error (run);
  const char *outcome;
  gint64 rows = trib_query_run_get_result (run) ? (gint64) trib_query_run_get_n_rows (run)
                                                : trib_query_run_get_modified_rows (run);

  switch (trib_query_run_get_state (run))
    {
    case TRIB_QUERY_RUN_SUCCEEDED:
      outcome = "success";
      break;
    case TRIB_QUERY_RUN_CANCELLED:
      outcome = "cancelled";
      break;
    default:
      outcome = "failed";
    }
  record = trib_query_run_record_new (0, trib_saved_query_get_name (self->query), self->client_source,
                                      trib_query_run_get_sql (run), params,
                                      g_get_real_time () - trib_query_run_get_elapsed (run),
                                      trib_query_run_get_elapsed (run), rows, outcome,
                                      error ? error->message : NULL);
  if (self->history)
    trib_query_history_add_async (self->history, record, NULL, record_added_cb, NULL);
}

/* Puts the cursor on the line of a failed statement and marks it. */
static void
mark_error (TribQueryPage *self,
            TribQueryRun  *run)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;
  guint line = trib_query_run_get_line (run) + GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (run), "line-offset"));

  if (line == 0 || !gtk_text_buffer_get_iter_at_line (buffer, &start, (int) line - 1))
    return;
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag_by_name (buffer, "trib-error", &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
}

static void statement_finished (TribQueryPage *self, TribQueryRun *run, GError *error);

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  trib_query_run_start_finish (TRIB_QUERY_RUN (object), result, &error);
  if (!self->disposed)
    statement_finished (self, TRIB_QUERY_RUN (object), error);
  else if (self->client)
    {
      trib_hs2_client_close_async (self->client, NULL, NULL, NULL);
      g_clear_object (&self->client);
    }
}

static void
mysql_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TribQueryRun *run = g_object_get_data (G_OBJECT (result), "run");

  trib_query_mysql_run_finish (result, &error);
  if (!self->disposed)
    statement_finished (self, run, error);
}

static void
statement_finished (TribQueryPage *self,
                    TribQueryRun  *run,
                    GError        *error)
{
  g_autofree char *summary = NULL;

  summary = trib_query_run_dup_summary (run);
  record_run (self, run);
  {
    g_autofree char *title = trib_query_run_dup_title (run);
    g_autofree char *line = g_strdup_printf ("[%s] %s", title, summary);
    _trib_query_page_log (self, line);
  }
  if (error)
    {
      if (trib_query_run_get_state (run) == TRIB_QUERY_RUN_FAILED)
        {
          mark_error (self, run);
          _trib_query_page_log (self, error->message);
        }
      /* A broken connection is reopened on the next run. */
      if (g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED) ||
          g_error_matches (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_TIMED_OUT) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
        {
          g_clear_object (&self->client);
          g_clear_pointer (&self->client_source, g_free);
        }
      g_ptr_array_set_size (self->pending, 0);
      self->failed_statement = trib_query_run_get_number (run);
    }
  g_clear_object (&self->current);
  run_next (self);
}

static void
run_log_cb (TribQueryRun  *run,
            const char    *line,
            TribQueryPage *self)
{
  _trib_query_page_log (self, line);
}

static gboolean
tick_cb (gpointer data)
{
  TribQueryPage *self = data;
  g_autofree char *text = NULL;
  double seconds = (g_get_monotonic_time () - self->script_started) / (double) G_USEC_PER_SEC;

  if (self->current)
    {
      g_autofree char *summary = trib_query_run_dup_summary (self->current);
      text = g_strdup_printf (_("Statement %u of %u: %s"), trib_query_run_get_number (self->current),
                              self->n_statements, summary);
    }
  else
    text = g_strdup_printf (_("Connecting (%.1f s)"), seconds);
  gtk_label_set_text (self->elapsed_label, text);
  return G_SOURCE_CONTINUE;
}

static void
finish_script (TribQueryPage *self)
{
  double seconds = (g_get_monotonic_time () - self->script_started) / (double) G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (self->failed_statement)
    text = g_strdup_printf (_("Stopped at statement %u of %u (%.1f s)"), self->failed_statement,
                            self->n_statements, seconds);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u statement, %.1f s",
                                         "%u statements, %.1f s", self->n_statements),
                            self->n_statements, seconds);

  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mysql_password, trib_secret_free);
  self->mysql_ready = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_label_set_text (self->elapsed_label, text);
  _trib_query_page_update_actions (self);
}

static void
mysql_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = trib_secrets_resolve_finish (result, NULL, &error);

  if (self->disposed)
    {
      g_clear_pointer (&password, trib_secret_free);
      return;
    }
  if (error)
    {
      g_autofree char *message = g_strdup_printf (_("Could not connect: %s"), error->message);
      _trib_query_page_log (self, message);
      g_ptr_array_set_size (self->pending, 0);
      finish_script (self);
      gtk_label_set_text (self->elapsed_label, message);
      return;
    }
  self->mysql_password = password;
  self->mysql_ready = TRUE;
  run_next (self);
}

static void add_result_tab (TribQueryPage *self, TribQueryRun *run);

static void
run_next_mysql (TribQueryPage  *self,
                TribDataSource *source)
{
  g_autoptr(TribQueryRun) run = NULL;

  g_free (self->client_source);
  self->client_source = g_strdup (trib_data_source_get_name (source));
  if (!self->mysql_ready)
    {
      trib_secrets_resolve_async (self->workspace, source, self->cancellable, mysql_secret_cb, g_object_ref (self));
      return;
    }
  run = g_ptr_array_steal_index (self->pending, 0);
  self->current = g_object_ref (run);
  add_result_tab (self, run);
  trib_query_mysql_run_async (source, self->mysql_password, run, self->cancellable, mysql_done_cb, g_object_ref (self));
  _trib_query_page_update_actions (self);
}

static void
add_result_tab (TribQueryPage *self,
                TribQueryRun  *run)
{
  g_autofree char *title = trib_query_run_dup_title (run);
  GtkWidget *view = trib_result_view_new (run);
  GtkWidget *tab_label = gtk_label_new (title);

  gtk_widget_set_tooltip_text (tab_label, trib_query_run_get_sql (run));
  gtk_notebook_append_page (self->results, view, tab_label);
  gtk_notebook_set_tab_reorderable (self->results, view, TRUE);
  gtk_notebook_set_current_page (self->results, -1);
  g_signal_connect_object (run, "log", G_CALLBACK (run_log_cb), self, 0);
  {
    g_autofree char *line = g_strdup_printf ("[%s] %s", title, trib_query_run_get_sql (run));
    _trib_query_page_log (self, line);
  }
}

static void
run_next (TribQueryPage *self)
{
  const char *source_name = _trib_query_page_selected_data_source (self);
  g_autoptr(TribQueryRun) run = NULL;
  TribDataSource *source;

  if (self->pending->len == 0)
    {
      finish_script (self);
      return;
    }

  source = source_name ? trib_workspace_lookup_data_source (self->workspace, source_name) : NULL;
  if (source == NULL)
    {
      gtk_label_set_text (self->elapsed_label, _("Choose a data source first"));
      g_ptr_array_set_size (self->pending, 0);
      finish_script (self);
      return;
    }
  if (trib_data_source_get_kind (source) == TRIB_DATA_SOURCE_KIND_MYSQL)
    {
      run_next_mysql (self, source);
      return;
    }

  if (self->client && g_strcmp0 (self->client_source, source_name) != 0)
    {
      trib_hs2_client_close_async (self->client, NULL, NULL, NULL);
      g_clear_object (&self->client);
    }
  if (self->client == NULL)
    {
      g_free (self->client_source);
      self->client_source = g_strdup (source_name);
      trib_secrets_resolve_async (self->workspace, source, self->cancellable, secret_resolved_cb, g_object_ref (self));
      return;
    }

  /* The runs were made without a client: give it now. */
  run = g_ptr_array_steal_index (self->pending, 0);
  {
    TribQueryRun *ready = trib_query_run_new (self->client, trib_query_run_get_sql (run),
                                              trib_query_run_get_number (run), trib_query_run_get_line (run));
    g_object_set_data (G_OBJECT (ready), "line-offset", g_object_get_data (G_OBJECT (run), "line-offset"));
    g_set_object (&run, ready);
    g_object_unref (ready);
  }
  self->current = g_object_ref (run);

  add_result_tab (self, run);
  trib_query_run_start_async (run, self->cancellable, run_done_cb, g_object_ref (self));
  _trib_query_page_update_actions (self);
}

static void
clear_results (TribQueryPage *self)
{
  while (gtk_notebook_get_n_pages (self->results) > 1)
    gtk_notebook_remove_page (self->results, -1);
}

/* The text to run: the selection, else the statement at the cursor, else everything. */
static char *
text_to_run (TribQueryPage *self,
             gboolean       all,
             guint         *line_offset,
             guint         *cursor_line)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  *line_offset = 0;
  *cursor_line = 0;
  if (!all && gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      *line_offset = (guint) gtk_text_iter_get_line (&start);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (!all)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
      *cursor_line = (guint) gtk_text_iter_get_line (&start) + 1;
    }
  return _trib_query_page_dup_text (self);
}

void
_trib_query_page_start_runs (TribQueryPage *self,
                             gboolean       all,
                             GHashTable    *values)
{
  guint line_offset, cursor_line;
  g_autofree char *text = text_to_run (self, all, &line_offset, &cursor_line);

  _trib_query_page_start_script (self, text, line_offset, cursor_line, values, FALSE);
}

void
_trib_query_page_start_script (TribQueryPage *self,
                               const char    *text,
                               guint          line_offset,
                               guint          cursor_line,
                               GHashTable    *values,
                               gboolean       keep_results)
{
  g_autoptr(GPtrArray) statements = trib_hs2_split_statements (text);
  GtkTextIter start, end;
  guint first = 0, last = statements->len;

  if (self->cancellable)
    return;
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag_by_name (GTK_TEXT_BUFFER (self->buffer), "trib-error", &start, &end);
  if (statements->len == 0)
    {
      gtk_label_set_text (self->elapsed_label, _("No SQL statement to run"));
      return;
    }
  if (cursor_line > 0)
    {
      /* The statement under the cursor: the last one starting at or before its line. */
      first = 0;
      for (guint i = 0; i < statements->len; i++)
        if (((TribHs2Statement *) g_ptr_array_index (statements, i))->line <= cursor_line)
          first = i;
      last = first + 1;
    }

  g_clear_pointer (&self->run_values, g_hash_table_unref);
  self->run_values = values ? g_hash_table_ref (values) : NULL;
  if (!keep_results)
    clear_results (self);
  g_ptr_array_set_size (self->pending, 0);
  for (guint i = first; i < last; i++)
    {
      TribHs2Statement *st = g_ptr_array_index (statements, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = trib_query_params_apply (st->text, values, &error);
      TribQueryRun *run;

      if (sql == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Line %u: %s"), st->line + line_offset, error->message);
          gtk_label_set_text (self->elapsed_label, message);
          _trib_query_page_log (self, message);
          g_ptr_array_set_size (self->pending, 0);
          return;
        }
      run = trib_query_run_new (NULL, sql, i + 1 + (keep_results ? _trib_query_page_get_n_results (self) : 0),
                                st->line);
      g_object_set_data (G_OBJECT (run), "line-offset", GUINT_TO_POINTER (line_offset));
      g_ptr_array_add (self->pending, run);
    }

  self->n_statements = statements->len;
  self->failed_statement = 0;
  self->cancellable = g_cancellable_new ();
  self->script_started = g_get_monotonic_time ();
  self->tick = g_timeout_add (100, tick_cb, self);
  gtk_spinner_start (self->spinner);
  if (self->history == NULL)
    trib_history_open_async (_trib_query_page_state_directory (self), NULL, history_opened_cb, g_object_ref (self));
  run_next (self);
  _trib_query_page_update_actions (self);
}

/* Parameters */

static void
save_params_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GFile *state = g_object_get_data (G_OBJECT (task), "state");
  const char *name = g_object_get_data (G_OBJECT (task), "name");

  trib_query_params_save (state, name, task_data, NULL);
  g_task_return_boolean (task, TRUE);
}

void
_trib_query_page_remember_values (TribQueryPage *self,
                                  GHashTable    *values)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;

  if (self->remembered == NULL)
    self->remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (self->remembered, g_strdup (key), g_strdup (value));
  /* The worker gets a copy; the page keeps its table. */
  {
    GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_hash_table_iter_init (&iter, self->remembered);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
    g_task_set_task_data (task, copy, (GDestroyNotify) g_hash_table_unref);
  }
  g_object_set_data_full (G_OBJECT (task), "state", g_object_ref (_trib_query_page_state_directory (self)), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "name", g_strdup (trib_saved_query_get_name (self->query)), g_free);
  g_task_run_in_thread (task, save_params_in_thread);
}

static void
params_response_cb (TribParamsDialog *dialog,
                    const char       *response,
                    TribQueryPage    *self)
{
  gboolean all = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "all"));
  g_autoptr(GHashTable) values = NULL;

  if (g_strcmp0 (response, "run") != 0)
    return;
  values = trib_params_dialog_dup_values (dialog);
  _trib_query_page_remember_values (self, values);
  _trib_query_page_start_runs (self, all, values);
}

GtkWidget *
_trib_query_page_open_params_dialog (TribQueryPage *self,
                                     gboolean       all)
{
  guint line_offset, cursor_line;
  g_autofree char *text = text_to_run (self, all, &line_offset, &cursor_line);
  g_auto(GStrv) names = trib_query_params_find (text);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(TribParamContext) context = NULL;
  g_autoptr(GTimeZone) tz = trib_workspace_dup_timezone (self->workspace);
  TribParamsDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (names[0] == NULL)
    return NULL;
  context = trib_query_params_context_new_now (tz);
  for (guint i = 0; names[i]; i++)
    {
      const char *last = self->remembered ? g_hash_table_lookup (self->remembered, names[i]) : NULL;

      g_hash_table_insert (values, g_strdup (names[i]),
                           last ? g_strdup (last) : trib_query_params_default_value (names[i], context));
    }
  dialog = trib_params_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, text,
                                   (const char * const *) names, values);
  g_object_set_data (G_OBJECT (dialog), "all", GINT_TO_POINTER (all));
  g_signal_connect_object (dialog, "response", G_CALLBACK (params_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
run_or_ask (TribQueryPage *self,
            gboolean       all,
            gboolean       always_ask)
{
  if (self->cancellable)
    return;
  /* SQL with parameters always asks: a run with stale values is worse than a click. */
  if (_trib_query_page_open_params_dialog (self, all) == NULL)
    {
      if (always_ask)
        gtk_label_set_text (self->elapsed_label, _("The SQL has no ${…} or $[…] parameters"));
      _trib_query_page_start_runs (self, all, NULL);
    }
}

void
_trib_query_page_run_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  run_or_ask (TRIB_QUERY_PAGE (widget), FALSE, FALSE);
}

void
_trib_query_page_run_all_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  run_or_ask (TRIB_QUERY_PAGE (widget), TRUE, FALSE);
}

void
_trib_query_page_run_with_parameters_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  run_or_ask (TRIB_QUERY_PAGE (widget), TRUE, TRUE);
}

void
_trib_query_page_stop_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  _trib_query_page_stop (TRIB_QUERY_PAGE (widget));
}
