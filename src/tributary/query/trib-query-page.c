/* trib-query-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-query-page-private.h"

G_DEFINE_FINAL_TYPE (TribQueryPage, trib_query_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GFile *
_trib_query_page_state_directory (TribQueryPage *self)
{
  return trib_workspace_get_state_directory (self->workspace);
}

const char *
_trib_query_page_selected_data_source (TribQueryPage *self)
{
  guint pos = gtk_drop_down_get_selected (self->data_source_dropdown);

  if (pos == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->data_source_names, pos);
}

void
_trib_query_page_log (TribQueryPage *self,
                      const char    *line)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (self->disposed)
    return;
  buffer = gtk_text_view_get_buffer (self->log_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, line, -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);
}

static void
set_modified (TribQueryPage *self,
              gboolean       modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
_trib_query_page_update_actions (TribQueryPage *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.run", self->loaded && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.run-all", self->loaded && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.run-with-parameters", self->loaded && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "query.save", self->loaded);
}

/* Drafts and saving */

char *
_trib_query_page_dup_text (TribQueryPage *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!trib_saved_query_save_finish (result, &error))
    g_warning ("Could not keep the draft: %s", error->message);
}

static gboolean
draft_timeout_cb (gpointer data)
{
  TribQueryPage *self = data;
  g_autofree char *text = _trib_query_page_dup_text (self);
  g_autoptr(GFile) file = trib_query_draft_dup_file (_trib_query_page_state_directory (self), trib_saved_query_get_name (self->query));

  self->draft_timer = 0;
  if (self->modified)
    trib_saved_query_save_async (file, _trib_query_page_selected_data_source (self), text, NULL, draft_saved_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (TribQueryPage *self)
{
  if (self->setting_text || !self->loaded)
    return;
  set_modified (self, TRUE);
  /* A draft a moment after typing stops: nothing typed is lost in a crash. */
  g_clear_handle_id (&self->draft_timer, g_source_remove);
  self->draft_timer = g_timeout_add (700, draft_timeout_cb, self);
}

static void
discard_draft_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GFile *state = g_object_get_data (G_OBJECT (task), "state");

  trib_query_draft_discard (state, task_data, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving--;
  if (!trib_saved_query_save_finish (result, &error))
    {
      if (self->disposed)
        return;
      g_autofree char *message = g_strdup_printf (_("Could not save the query: %s"), error->message);
      _trib_query_page_log (self, message);
      set_modified (self, TRUE);
      return;
    }
  {
    g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

    g_object_set_data_full (G_OBJECT (task), "state", g_object_ref (_trib_query_page_state_directory (self)), g_object_unref);
    g_task_set_task_data (task, g_strdup (trib_saved_query_get_name (self->query)), g_free);
    g_task_run_in_thread (task, discard_draft_in_thread);
  }
  if (!self->disposed)
    trib_saved_query_set_data_source (self->query, _trib_query_page_selected_data_source (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribQueryPage *self = TRIB_QUERY_PAGE (widget);
  g_autofree char *text = _trib_query_page_dup_text (self);

  g_clear_handle_id (&self->draft_timer, g_source_remove);
  self->saving++;
  set_modified (self, FALSE);
  trib_saved_query_save_async (trib_saved_query_get_file (self->query), _trib_query_page_selected_data_source (self), text,
                               NULL, saved_cb, g_object_ref (self));
}

/* Loading */

typedef struct
{
  char       *sql;
  char       *data_source;
  gboolean    from_draft;
  GHashTable *params;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *l = data;

  g_free (l->sql);
  g_free (l->data_source);
  g_clear_pointer (&l->params, g_hash_table_unref);
  g_free (l);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *state = g_object_get_data (G_OBJECT (task), "state");
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  const char *name = task_data;
  g_autoptr(GFile) draft = trib_query_draft_dup_file (state, name);
  Loaded *l = g_new0 (Loaded, 1);
  GError *error = NULL;

  /* Unsaved changes from the last session win over the file. */
  l->sql = trib_saved_query_load (draft, &l->data_source, cancellable, NULL);
  l->from_draft = l->sql != NULL;
  if (l->sql == NULL)
    l->sql = trib_saved_query_load (file, &l->data_source, cancellable, &error);
  if (l->sql == NULL)
    {
      loaded_free (l);
      g_task_return_error (task, error);
      return;
    }
  l->params = trib_query_params_load (state, name);
  g_task_return_pointer (task, l, loaded_free);
}

static void
select_data_source (TribQueryPage *self,
                    const char    *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->data_source_names));

  for (guint i = 0; name && i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->data_source_names, i), name))
      {
        gtk_drop_down_set_selected (self->data_source_dropdown, i);
        return;
      }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TribQueryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *l = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    {
      g_clear_pointer (&l, loaded_free);
      return;
    }
  if (l == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        _trib_query_page_log (self, error->message);
      self->loaded = TRUE;
      _trib_query_page_update_actions (self);
      return;
    }
  self->setting_text = TRUE;
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), l->sql, -1);
  self->setting_text = FALSE;
  select_data_source (self, l->data_source ? l->data_source : trib_saved_query_get_data_source (self->query));
  g_clear_pointer (&self->remembered, g_hash_table_unref);
  self->remembered = g_steal_pointer (&l->params);
  self->loaded = TRUE;
  set_modified (self, l->from_draft);
  _trib_query_page_update_actions (self);
  loaded_free (l);
}

/* Editing helpers */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribQueryPage *self = TRIB_QUERY_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->code_editor), "code.find", NULL);
}

/* Schema browser */

static void
data_source_changed_cb (TribQueryPage *self)
{
  trib_schema_browser_set_data_source (self->schema_browser, self->workspace, _trib_query_page_selected_data_source (self));
  if (self->loaded)
    buffer_changed_cb (self);
}

static void
insert_name_cb (TribSchemaBrowser *browser,
                const char        *name,
                TribQueryPage     *self)
{
  gtk_text_buffer_insert_at_cursor (GTK_TEXT_BUFFER (self->buffer), name, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static char *
quote_identifier (const char *name)
{
  g_autoptr(GString) out = g_string_new ("`");

  for (const char *p = name; *p; p++)
    {
      if (*p == '`')
        g_string_append_c (out, '`');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '`');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
preview_cb (TribSchemaBrowser *browser,
            const char        *database,
            const char        *table,
            TribQueryPage     *self)
{
  g_autofree char *db = quote_identifier (database);
  g_autofree char *t = quote_identifier (table);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s.%s LIMIT 100", db, t);

  /* A new result tab beside those there: the editor's text stays as it is. */
  _trib_query_page_start_script (self, sql, 0, 0, NULL, TRUE);
}

/* Object */

/* The tab was closed (the page may live on a moment, held by answers still coming):
 * what runs is stopped on the server, and what was typed is kept as a draft. */
static void
trib_query_page_unroot (GtkWidget *widget)
{
  TribQueryPage *self = TRIB_QUERY_PAGE (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->draft_timer)
    {
      g_clear_handle_id (&self->draft_timer, g_source_remove);
      draft_timeout_cb (self);
    }
  GTK_WIDGET_CLASS (trib_query_page_parent_class)->unroot (widget);
}

static void
trib_query_page_dispose (GObject *object)
{
  TribQueryPage *self = TRIB_QUERY_PAGE (object);
  GtkWidget *child;

  self->disposed = TRUE;
  /* Closing the tab keeps what was typed: write the draft now. */
  if (self->draft_timer)
    {
      g_clear_handle_id (&self->draft_timer, g_source_remove);
      draft_timeout_cb (self);
    }
  g_clear_handle_id (&self->tick, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A statement still running gets its CancelOperation first; the session is closed
   * when it has ended (run_done_cb), as closing it now would drop the operation's handle. */
  if (self->client && self->current == NULL)
    {
      trib_hs2_client_close_async (self->client, NULL, NULL, NULL);
      g_clear_object (&self->client);
    }
  g_clear_object (&self->history);
  g_clear_object (&self->completion_words);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_QUERY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (trib_query_page_parent_class)->dispose (object);
}

static void
trib_query_page_finalize (GObject *object)
{
  TribQueryPage *self = TRIB_QUERY_PAGE (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->query);
  g_clear_object (&self->data_source_names);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->remembered, g_hash_table_unref);
  g_clear_pointer (&self->run_values, g_hash_table_unref);
  g_free (self->client_source);
  g_clear_pointer (&self->mysql_password, trib_secret_free);
  g_clear_object (&self->current);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (trib_query_page_parent_class)->finalize (object);
}

static void
trib_query_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TribQueryPage *self = TRIB_QUERY_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_take_string (value, trib_query_page_dup_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_query_page_class_init (TribQueryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_query_page_dispose;
  object_class->finalize = trib_query_page_finalize;
  object_class->get_property = trib_query_page_get_property;
  widget_class->unroot = trib_query_page_unroot;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-query-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, code_editor);
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, schema_browser);
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, data_source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, results);
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, log_view);
  gtk_widget_class_bind_template_child (widget_class, TribQueryPage, search_button);

  gtk_widget_class_install_action (widget_class, "query.run", NULL, _trib_query_page_run_action);
  gtk_widget_class_install_action (widget_class, "query.run-all", NULL, _trib_query_page_run_all_action);
  gtk_widget_class_install_action (widget_class, "query.run-with-parameters", NULL, _trib_query_page_run_with_parameters_action);
  gtk_widget_class_install_action (widget_class, "query.stop", NULL, _trib_query_page_stop_action);
  gtk_widget_class_install_action (widget_class, "query.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "query.find", NULL, find_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "query.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "query.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "query.run-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "query.run-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "query.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "query.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "query.stop", NULL);

  g_type_ensure (TRIB_TYPE_CODE_EDITOR);
  g_type_ensure (TRIB_TYPE_SCHEMA_BROWSER);
}

static void
trib_query_page_init (TribQueryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  trib_code_editor_set_language (self->code_editor, "sql");
  trib_code_editor_set_accessible_label (self->code_editor, _("SQL editor"));
  self->source_view = trib_code_editor_get_view (self->code_editor);
  self->buffer = trib_code_editor_get_buffer (self->code_editor);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "trib-error",
                              "underline", PANGO_UNDERLINE_ERROR, NULL);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  /* Completion of the table and column names the schema browser has loaded. */
  self->completion_words = gtk_source_completion_words_new (_("Schema"));
  gtk_source_completion_words_register (self->completion_words, trib_schema_browser_get_names (self->schema_browser));
  gtk_source_completion_add_provider (gtk_source_view_get_completion (self->source_view),
                                      GTK_SOURCE_COMPLETION_PROVIDER (self->completion_words));
  g_signal_connect_object (self->schema_browser, "insert-name", G_CALLBACK (insert_name_cb), self, 0);
  g_signal_connect_object (self->schema_browser, "preview", G_CALLBACK (preview_cb), self, 0);
  g_signal_connect_object (self->data_source_dropdown, "notify::selected", G_CALLBACK (data_source_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->search_button, "active",
                          trib_code_editor_get_search_bar (self->code_editor), "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  _trib_query_page_update_actions (self);
}

GtkWidget *
trib_query_page_new (TribWorkspace  *workspace,
                     TribSavedQuery *query)
{
  TribQueryPage *self = g_object_new (TRIB_TYPE_QUERY_PAGE, NULL);
  GListModel *sources = trib_workspace_get_data_sources (workspace);
  g_autoptr(GTask) task = NULL;

  self->workspace = g_object_ref (workspace);
  self->query = g_object_ref (query);
  self->data_source_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TribDataSource) ds = g_list_model_get_item (sources, i);
      TribDataSourceKind kind = trib_data_source_get_kind (ds);

      if (kind == TRIB_DATA_SOURCE_KIND_KYUUBI || kind == TRIB_DATA_SOURCE_KIND_MYSQL)
        gtk_string_list_append (self->data_source_names, trib_data_source_get_name (ds));
    }
  gtk_drop_down_set_model (self->data_source_dropdown, G_LIST_MODEL (self->data_source_names));
  select_data_source (self, trib_saved_query_get_data_source (query));

  task = g_task_new (NULL, NULL, loaded_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (trib_saved_query_get_name (query)), g_free);
  g_object_set_data_full (G_OBJECT (task), "state", g_object_ref (_trib_query_page_state_directory (self)), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (trib_saved_query_get_file (query)), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
  return GTK_WIDGET (self);
}

TribSavedQuery *
trib_query_page_get_query (TribQueryPage *self)
{
  return self->query;
}

char *
trib_query_page_dup_title (TribQueryPage *self)
{
  if (self->query == NULL)
    return NULL;
  if (self->modified)
    return g_strdup_printf ("• %s", trib_saved_query_get_name (self->query));
  return g_strdup (trib_saved_query_get_name (self->query));
}

gboolean
trib_query_page_is_modified (TribQueryPage *self)
{
  return self->modified;
}

void
trib_query_page_set_sql (TribQueryPage *self,
                         const char    *sql)
{
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), sql, -1);
}

TribSchemaBrowser *
_trib_query_page_get_schema_browser (TribQueryPage *self)
{
  return self->schema_browser;
}

GtkSourceView *
_trib_query_page_get_source_view (TribQueryPage *self)
{
  return self->source_view;
}

gboolean
_trib_query_page_is_loaded (TribQueryPage *self)
{
  return self->loaded;
}

gboolean
_trib_query_page_is_running (TribQueryPage *self)
{
  return self->current != NULL || self->pending->len > 0 || self->cancellable != NULL;
}

void
_trib_query_page_run (TribQueryPage *self,
                      gboolean       all,
                      GHashTable    *values)
{
  if (values)
    _trib_query_page_remember_values (self, values);
  _trib_query_page_start_runs (self, all, values);
}

void
_trib_query_page_stop (TribQueryPage *self)
{
  if (self->cancellable)
    {
      _trib_query_page_log (self, _("Stopping: CancelOperation sent to the server"));
      g_cancellable_cancel (self->cancellable);
    }
}

guint
_trib_query_page_get_n_results (TribQueryPage *self)
{
  return (guint) gtk_notebook_get_n_pages (self->results) - 1;
}

TribResultView *
_trib_query_page_get_result (TribQueryPage *self,
                             guint          index)
{
  return TRIB_RESULT_VIEW (gtk_notebook_get_nth_page (self->results, (int) index + 1));
}

char *
_trib_query_page_dup_log (TribQueryPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->log_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
_trib_query_page_is_saving (TribQueryPage *self)
{
  return self->saving > 0;
}
