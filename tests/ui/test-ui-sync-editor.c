/* test-ui-sync-editor.c: the batch synchronization editor in a real X server, against
 * the real MariaDB, HTTP and S3 peers: the tutorial's MySQL job built with the form from
 * an empty node gives the demo's bytes; Preview Data shows the first records of
 * ods_user_info_d and user_log.txt; a broken value in script mode is underlined with the
 * validator's message; a job the form cannot show stays in script mode naming its keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "editors/trib-sync-editor-private.h"
#include "editors/trib-sync-preview-dialog.h"
#include "trib-node-page.h"
#include "trib-ui-test.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"
#include "trib-init.h"
#include "trib-json.h"
#include "trib-test-util.h"
#include "trib-workflow-edit.h"

#define WORKFLOW "user_profile_analysis_spark"

static char *workspace_dir;
static TribWorkspace *workspace;
static TribWorkflow *workflow;

static const char *
content_of (const char *node_id)
{
  TribNode *node = trib_workflow_lookup_node (workflow, node_id);

  g_assert_nonnull (node);
  return trib_node_get_content (node) ? trib_node_get_content (node) : "";
}

/* The editor in a window of its own, as the node page hosts it. */
static TribSyncEditor *
open_editor (const char  *node_id,
             GtkWidget  **window_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *editor = trib_sync_editor_new (workspace, workflow, node_id);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1100);
  adw_window_set_content (ADW_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  trib_ui_wait_until (trib_ui_is_mapped, editor, "the editor to be shown");
  *window_out = window;
  return TRIB_SYNC_EDITOR (editor);
}

static gboolean
columns_listed (gpointer data)
{
  TribSyncEditor *self = data;

  return self->catalog_columns != NULL && !self->select_all_columns;
}

static gboolean
tables_listed (gpointer data)
{
  return ((TribSyncEditor *) data)->table_names != NULL;
}

static void
select_in_combo (AdwComboRow *row,
                 const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("no item \"%s\" in the combo row", name);
}

static GtkWidget *
entry_row_titled (TribSyncEditor *self,
                  const char     *title)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      GtkWidget *row = *(GtkWidget **) g_ptr_array_index (self->bound_rows, i);

      if (ADW_IS_ENTRY_ROW (row) && gtk_widget_get_visible (row) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
  g_error ("no entry row \"%s\"", title);
}

static gboolean
test_finished (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return g_strcmp0 (subtitle, "Testing…") != 0 && g_strcmp0 (subtitle, "Not tested") != 0;
}

static void
test_open_demo_node (void)
{
  g_autofree char *before = g_strdup (content_of ("ods_user_info_d_2oss_spark"));
  GtkWidget *window;
  TribSyncEditor *editor = open_editor ("ods_user_info_d_2oss_spark", &window);

  g_assert_false (trib_sync_editor_get_script_mode (editor));
  g_assert_cmpstr (editor->form->table, ==, "ods_user_info_d");
  trib_ui_wait_until (tables_listed, editor, "the tables of user_behavior_analysis_mysql");
  trib_ui_wait_until (columns_listed, editor, "the columns of ods_user_info_d");
  g_assert_cmpuint (editor->catalog_columns->len, ==, 4);
  g_assert_cmpuint (editor->column_rows->len, ==, 4);
  g_assert_cmpuint (editor->mapping_rows->len, ==, 4);
  g_assert_null (trib_sync_editor_dup_problems (editor));
  /* Opening changes nothing. */
  g_assert_cmpstr (content_of ("ods_user_info_d_2oss_spark"), ==, before);
  g_assert_false (trib_workflow_is_modified (workflow));

  /* The object name as the run of business date 2024-08-07 resolves it. */
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(GDateTime) day = g_date_time_new (utc, 2024, 8, 7, 0, 0, 0);

    gtk_calendar_select_day (editor->bizdate_calendar, day);
    g_assert_cmpstr (adw_action_row_get_subtitle (editor->resolved_row), ==,
                     "ods_user_info_d/user_20240807/user_20240807.txt");
  }

  /* The inline connectivity test, as the data source dialog runs it. */
  gtk_widget_activate (g_object_get_data (G_OBJECT (editor->reader_test_row), "trib-button"));
  trib_ui_wait_until (test_finished, editor->reader_test_row, "the source's connectivity test");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (editor->reader_test_row), "Connected"));
  gtk_widget_activate (g_object_get_data (G_OBJECT (editor->writer_test_row), "trib-button"));
  trib_ui_wait_until (test_finished, editor->writer_test_row, "the destination's connectivity test");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (editor->writer_test_row), "Connected"));

  adw_expander_row_set_expanded (editor->columns_row, TRUE);
  trib_ui_settle ();
  trib_ui_save_screenshots (window, "ui-sync-editor-form");
  /* The destination, mapping and channel groups further down. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (editor->form_box), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    adw_expander_row_set_expanded (editor->columns_row, FALSE);
    trib_ui_settle ();
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    trib_ui_settle ();
    trib_ui_save_screenshot (window, "ui-sync-editor-form-end.png");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tutorial's steps on a new node, row by row; the job saved is the demo's. */
static void
test_build_mysql_job (void)
{
  g_autoptr(TribNode) node = trib_node_new ("new_user_info_sync", "new_user_info_sync", TRIB_NODE_KIND_DI);
  g_autofree char *expected = g_strdup (content_of ("ods_user_info_d_2oss_spark"));
  g_auto(GStrv) problems = NULL;
  GtkWidget *window;
  TribSyncEditor *editor;

  trib_workflow_add_node (workflow, node);
  editor = open_editor ("new_user_info_sync", &window);
  g_assert_null (trib_sync_editor_dup_problems (editor));
  /* A look at the new node's script and back: nothing written, the form as it was. */
  g_assert_true (trib_sync_editor_set_script_mode (editor, TRUE));
  g_assert_true (trib_sync_editor_set_script_mode (editor, FALSE));
  g_assert_false (trib_sync_editor_get_script_mode (editor));
  g_assert_cmpstr (content_of ("new_user_info_sync"), ==, "");
  g_assert_null (trib_sync_editor_dup_problems (editor));
  /* Only data sources of a fitting type are offered. */
  {
    GListModel *readers = adw_combo_row_get_model (editor->reader_source_row);
    GListModel *writers = adw_combo_row_get_model (editor->writer_source_row);

    g_assert_cmpuint (g_list_model_get_n_items (readers), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (readers), 1), ==, "user_behavior_analysis_mysql");
    g_assert_cmpuint (g_list_model_get_n_items (writers), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (writers), 1), ==, "test_g");
  }

  select_in_combo (editor->reader_source_row, "user_behavior_analysis_mysql");
  /* Not complete yet: shown at the fields, nothing written. */
  problems = trib_sync_editor_dup_problems (editor);
  g_assert_nonnull (problems);
  g_assert_cmpstr (content_of ("new_user_info_sync"), ==, "");
  trib_ui_wait_until (tables_listed, editor, "the tables of user_behavior_analysis_mysql");
  select_in_combo (editor->table_row, "ods_user_info_d");
  trib_ui_wait_until (columns_listed, editor, "the columns of ods_user_info_d");
  /* Every column by default, and the primary key as the split key. */
  g_assert_cmpuint (editor->form->columns->len, ==, 4);
  g_assert_cmpstr (editor->form->split_pk, ==, "uid");

  select_in_combo (editor->writer_source_row, "test_g");
  gtk_editable_set_text (GTK_EDITABLE (entry_row_titled (editor, "Object name")),
                         "ods_user_info_d/user_${bizdate}/user_${bizdate}.txt");
  trib_sync_editor_flush (editor);

  g_clear_pointer (&problems, g_strfreev);
  problems = trib_sync_editor_dup_problems (editor);
  g_assert_null (problems);
  g_assert_cmpstr (content_of ("new_user_info_sync"), ==, expected);
  g_assert_true (trib_workflow_is_modified (workflow));

  /* A split key the engine refuses, at its field, with the engine's reason. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row_titled (editor, "Split key")), "gender");
  problems = trib_sync_editor_dup_problems (editor);
  g_assert_nonnull (problems);
  g_assert_cmpstr (problems[0], ==, "Split key: steps[0].parameter.splitPk: \"gender\" is not an integer column");
  g_assert_true (gtk_widget_has_css_class (entry_row_titled (editor, "Split key"), "error"));
  /* Never written: the document keeps the last valid job. */
  g_assert_null (strstr (content_of ("new_user_info_sync"), "gender\"\n"));
  g_assert_null (strstr (content_of ("new_user_info_sync"), "\"splitPk\": \"gender\""));
  gtk_editable_set_text (GTK_EDITABLE (entry_row_titled (editor, "Split key")), "uid");
  g_clear_pointer (&problems, g_strfreev);
  g_assert_null (trib_sync_editor_dup_problems (editor));
  g_assert_false (gtk_widget_has_css_class (entry_row_titled (editor, "Split key"), "error"));
  g_assert_cmpstr (content_of ("new_user_info_sync"), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The HTTP file node of the tutorial, built on a new node; fields added, typed, removed. */
static void
test_build_http_job (void)
{
  g_autoptr(TribNode) node = trib_node_new ("new_log_sync", "new_log_sync", TRIB_NODE_KIND_DI);
  g_autofree char *expected = g_strdup (content_of ("ods_raw_log_d_2oss_spark"));
  GtkWidget *window, *type, *remove;
  TribSyncEditor *editor;
  TribSyncFormColumn *second;

  trib_workflow_add_node (workflow, node);
  editor = open_editor ("new_log_sync", &window);
  adw_combo_row_set_selected (editor->reader_type_row, 1);
  g_assert_cmpint (editor->form->reader_kind, ==, TRIB_SYNC_READER_HTTPFILE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->table_row)));
  select_in_combo (editor->reader_source_row, "user_behavior_analysis_httpfile");
  gtk_editable_set_text (GTK_EDITABLE (entry_row_titled (editor, "File path")), "/user_log.txt");
  _trib_sync_editor_add_field (editor);
  _trib_sync_editor_add_field (editor);
  g_assert_cmpuint (editor->mapping_rows->len, ==, 2);

  type = trib_ui_get (GTK_WIDGET (editor), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Type of Field 2 (string)");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (type), 1);
  second = g_ptr_array_index (editor->form->columns, 1);
  g_assert_cmpint (second->index, ==, 1);
  g_assert_cmpstr (second->type, ==, "long");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (editor->mapping_rows, 1)), ==, "Field 2 (long)");
  remove = trib_ui_get (GTK_WIDGET (editor), GTK_ACCESSIBLE_ROLE_BUTTON, "Remove Field 2 (string)");
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (editor->form->columns->len, ==, 1);

  select_in_combo (editor->writer_source_row, "test_g");
  gtk_editable_set_text (GTK_EDITABLE (entry_row_titled (editor, "Object name")),
                         "ods_raw_log_d/log_${bizdate}/log_${bizdate}.txt");
  g_assert_null (trib_sync_editor_dup_problems (editor));
  g_assert_cmpstr (content_of ("new_log_sync"), ==, expected);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
preview_done (gpointer data)
{
  return trib_sync_preview_dialog_is_done (data);
}

static TribSyncPreviewDialog *
find_preview_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (TRIB_IS_SYNC_PREVIEW_DIALOG (l->data))
      return l->data;
  return NULL;
}

static TribSyncPreviewDialog *
preview (TribSyncEditor *editor)
{
  TribSyncPreviewDialog *dialog;

  _trib_sync_editor_show_preview (editor);
  dialog = find_preview_dialog ();
  g_assert_nonnull (dialog);
  trib_ui_wait_until (preview_done, dialog, "the preview");
  g_assert_null (trib_sync_preview_dialog_get_error (dialog));
  return dialog;
}

/* The first column of the first row of @sql, through the mariadb client over the socket
 * (the password in the environment, never in argv). */
static char *
mysql_value (const char *sql)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *socket = g_strdup_printf ("--socket=%s", trib_test_require_env ("TRIB_TEST_MYSQL_SOCKET"));
  g_autofree char *user = g_strdup_printf ("--user=%s", trib_test_require_env ("TRIB_TEST_MYSQL_USER"));
  const char *argv[] = { "mariadb", socket, user, "--batch", "--skip-column-names", "-e", sql,
                         trib_test_require_env ("TRIB_TEST_MYSQL_DATABASE"), NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "MYSQL_PWD",
                                        trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), TRUE);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("mariadb failed: %s", err);
  g_strchomp (out);
  return g_steal_pointer (&out);
}

static void
test_preview (void)
{
  g_autofree char *first_uid = mysql_value ("SELECT MIN(uid) FROM ods_user_info_d");
  g_autofree char *log_path = g_build_filename (trib_test_require_env ("TRIB_TEST_HTTP_ROOT"), "user_log.txt", NULL);
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWidget *window;
  TribSyncEditor *editor = open_editor ("ods_user_info_d_2oss_spark", &window);
  TribSyncPreviewDialog *dialog;

  dialog = preview (editor);
  g_assert_cmpuint (trib_sync_preview_dialog_get_n_rows (dialog), ==, 20);
  g_assert_cmpstr (trib_sync_preview_dialog_get_cell (dialog, 0, 0), ==, first_uid);
  trib_ui_wait_until (trib_ui_is_mapped, dialog, "the preview dialog");
  trib_ui_settle ();
  trib_ui_save_screenshot (GTK_WIDGET (dialog), "ui-sync-editor-preview.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", 3);
  editor = open_editor ("ods_raw_log_d_2oss_spark", &window);
  dialog = preview (editor);
  g_assert_cmpuint (trib_sync_preview_dialog_get_n_rows (dialog), ==, 20);
  g_assert_cmpstr (trib_sync_preview_dialog_get_cell (dialog, 0, 0), ==, lines[0]);
  g_assert_cmpstr (trib_sync_preview_dialog_get_cell (dialog, 1, 0), ==, lines[1]);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Is @text underlined as an error (wavy) where it first occurs? */
static gboolean
has_error_tag_at (GtkTextBuffer *buffer,
                  const char    *text)
{
  GtkTextIter start, match, match_end;
  g_autoptr(GSList) tags = NULL;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, text, 0, &match, &match_end, NULL))
    return FALSE;
  tags = gtk_text_iter_get_tags (&match);
  for (GSList *l = tags; l; l = l->next)
    {
      PangoUnderline underline = PANGO_UNDERLINE_NONE;

      g_object_get (l->data, "underline", &underline, NULL);
      if (underline == PANGO_UNDERLINE_ERROR)
        return TRUE;
    }
  return FALSE;
}

static void
test_script_mode (void)
{
  g_autofree char *demo = g_strdup (content_of ("ods_raw_log_d_2oss_spark"));
  g_autoptr(GString) broken = g_string_new (demo);
  g_autoptr(GString) extra = g_string_new (demo);
  g_auto(GStrv) problems = NULL;
  GtkWidget *window;
  TribSyncEditor *editor = open_editor ("ods_raw_log_d_2oss_spark", &window);
  GtkTextBuffer *buffer;

  g_assert_true (trib_sync_editor_set_script_mode (editor, TRUE));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (trib_sync_script_view_get_source_view (editor->script_view)));
  {
    g_autofree char *shown = trib_sync_script_view_dup_text (editor->script_view);

    g_assert_cmpstr (shown, ==, demo);
  }
  /* Ctrl+F opens the search of the job. */
  {
    GtkWidget *view = trib_sync_script_view_get_source_view (editor->script_view);
    GtkWidget *search = trib_ui_get (GTK_WIDGET (editor), GTK_ACCESSIBLE_ROLE_SEARCH_BOX, "Find");

    g_assert_false (gtk_widget_get_mapped (search));
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
    g_assert_true (gtk_widget_activate_action (view, "code.find", NULL));
    trib_ui_wait_until (trib_ui_is_mapped, search, "the search bar");
    gtk_editable_set_text (GTK_EDITABLE (search), "writeMode");
    trib_ui_settle ();
    g_assert_true (gtk_text_buffer_get_has_selection (buffer));
  }

  /* A broken value: underlined where it is, the validator's message under the text. */
  g_string_replace (broken, "\"writeMode\": \"truncate\"", "\"writeMode\": \"overwrite\"", 1);
  gtk_text_buffer_set_text (buffer, broken->str, -1);
  trib_sync_editor_flush (editor);
  problems = trib_sync_editor_dup_problems (editor);
  g_assert_nonnull (problems);
  g_assert_cmpstr (problems[0], ==,
                   "Script, line 35: steps[1].parameter.writeMode: unknown write mode \"overwrite\" "
                   "(truncate, append or nonConflict)");
  g_assert_true (has_error_tag_at (buffer, "\"overwrite\""));
  g_assert_false (has_error_tag_at (buffer, "\"truncate\"") );
  g_assert_cmpstr (content_of ("ods_raw_log_d_2oss_spark"), ==, demo);
  trib_ui_settle ();
  trib_ui_save_screenshot (window, "ui-sync-editor-script.png");

  /* A key the form has no row for: the switch back is refused, naming the key. */
  g_string_replace (extra, "\"writeMode\": \"truncate\"", "\"writeMode\": \"truncate\", \"dateFormat\": \"yyyy-MM-dd\"", 1);
  gtk_text_buffer_set_text (buffer, extra->str, -1);
  trib_sync_editor_flush (editor);
  g_clear_pointer (&problems, g_strfreev);
  g_assert_null (trib_sync_editor_dup_problems (editor));
  g_assert_cmpstr (content_of ("ods_raw_log_d_2oss_spark"), ==, extra->str);
  g_assert_false (trib_sync_editor_set_script_mode (editor, FALSE));
  g_assert_true (trib_sync_editor_get_script_mode (editor));
  g_assert_cmpstr (gtk_label_get_text (editor->mode_message), ==,
                   "The form cannot show steps[1].parameter.dateFormat: edit the job in script mode");

  /* Back to the demo's job: the form shows it again. */
  gtk_text_buffer_set_text (buffer, demo, -1);
  g_assert_true (trib_sync_editor_set_script_mode (editor, FALSE));
  g_assert_cmpstr (content_of ("ods_raw_log_d_2oss_spark"), ==, demo);
  g_assert_cmpstr (editor->form->file_name, ==, "/user_log.txt");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An undo (the workflow's text replaced by a snapshot) shows in the form; an edit of
 * another node leaves unfinished input alone. */
static void
test_undo_and_other_edits (void)
{
  g_autofree char *snapshot = trib_workflow_to_string (workflow);
  g_autofree char *demo = g_strdup (content_of ("ods_user_info_d_2oss_spark"));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  GtkWidget *window;
  TribSyncEditor *editor = open_editor ("ods_user_info_d_2oss_spark", &window);
  GtkWidget *object = entry_row_titled (editor, "Object name");

  gtk_editable_set_text (GTK_EDITABLE (object), "users/${bizdate}.txt");
  g_assert_nonnull (strstr (content_of ("ods_user_info_d_2oss_spark"), "\"users/${bizdate}.txt\""));

  trib_workflow_replace_text (workflow, snapshot, FALSE);
  g_assert_cmpstr (content_of ("ods_user_info_d_2oss_spark"), ==, demo);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (object)), ==,
                   "ods_user_info_d/user_${bizdate}/user_${bizdate}.txt");
  g_assert_cmpstr (editor->form->object, ==, "ods_user_info_d/user_${bizdate}/user_${bizdate}.txt");

  /* Unfinished input survives an edit elsewhere in the workflow. */
  gtk_editable_set_text (GTK_EDITABLE (object), "");
  problems = trib_sync_editor_dup_problems (editor);
  g_assert_nonnull (problems);
  g_assert_true (trib_workflow_set_node_content (workflow, "ods_raw_log_d_spark", "SELECT 1;", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (object)), ==, "");
  g_assert_cmpstr (content_of ("ods_user_info_d_2oss_spark"), ==, demo);
  trib_workflow_replace_text (workflow, snapshot, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A DataX job opens in the form and is left as it is; a job with keys the form has no
 * row for opens in script mode, saying which. */
static void
test_pasted_jobs (void)
{
  static const char datax[] =
    "{\"job\": {\"content\": [{\"reader\": {\"name\": \"httpfilereader\", \"parameter\": {"
    "\"datasource\": \"user_behavior_analysis_httpfile\", \"fileName\": \"/user_log.txt\","
    " \"column\": [{\"index\": 0, \"type\": \"string\"}]}},"
    " \"writer\": {\"name\": \"osswriter\", \"parameter\": {\"datasource\": \"test_g\","
    " \"object\": \"raw/log.txt\", \"writeMode\": \"truncate\", \"fieldDelimiter\": \"|\"}}}],"
    " \"setting\": {\"speed\": {\"channel\": 1}}}}";
  g_autoptr(GString) with_extra = g_string_new (content_of ("ods_user_info_d_2oss_spark"));
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  TribSyncEditor *editor;

  g_assert_true (trib_workflow_set_node_content (workflow, "ods_raw_log_d_2oss_spark", datax, &error));
  g_assert_no_error (error);
  editor = open_editor ("ods_raw_log_d_2oss_spark", &window);
  g_assert_false (trib_sync_editor_get_script_mode (editor));
  g_assert_cmpstr (editor->form->object, ==, "raw/log.txt");
  g_assert_true (trib_sync_editor_set_script_mode (editor, TRUE));
  g_assert_true (trib_sync_editor_set_script_mode (editor, FALSE));
  trib_ui_settle ();
  g_assert_cmpstr (content_of ("ods_raw_log_d_2oss_spark"), ==, datax);
  gtk_window_destroy (GTK_WINDOW (window));

  g_string_replace (with_extra, "\"splitPk\": \"uid\",", "\"splitPk\": \"uid\", \"splitFactor\": 4,", 1);
  g_assert_true (trib_workflow_set_node_content (workflow, "ods_raw_log_d_2oss_spark", with_extra->str, &error));
  editor = open_editor ("ods_raw_log_d_2oss_spark", &window);
  g_assert_true (trib_sync_editor_get_script_mode (editor));
  g_assert_cmpstr (gtk_label_get_text (editor->mode_message), ==,
                   "The form cannot show steps[0].parameter.splitFactor: edit the job in script mode");
  g_assert_cmpstr (content_of ("ods_raw_log_d_2oss_spark"), ==, with_extra->str);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
node_tab_shown (gpointer data)
{
  TribWindow *window = data;
  AdwTabPage *page = adw_tab_view_get_selected_page (_trib_window_get_tab_view (window));
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  return TRIB_IS_NODE_PAGE (child) && gtk_widget_get_mapped (child);
}

static gboolean
saved (gpointer data)
{
  return !trib_workflow_is_modified (data);
}

/* In the application: the node's tab hosts the editor; an edit is saved by Save. */
static void
test_in_the_app (void)
{
  g_autofree char *dir = trib_ui_make_demo_workspace ("ui-sync-app-XXXXXX");
  TribWindow *window = trib_ui_open_window (dir);
  TribWorkflow *app_workflow = trib_workspace_lookup_workflow (trib_window_get_workspace (window), WORKFLOW);
  g_autofree char *path = g_build_filename (dir, "workflows", WORKFLOW ".json", NULL);
  g_autofree char *file_text = NULL;
  TribWorkflowPage *owner;
  TribSyncEditor *editor;
  AdwTabPage *tab;

  trib_window_show_workflow (window, app_workflow);
  trib_ui_settle ();
  tab = adw_tab_view_get_selected_page (_trib_window_get_tab_view (window));
  owner = TRIB_WORKFLOW_PAGE (adw_tab_page_get_child (tab));
  _trib_window_open_node (window, owner, "ods_user_info_d_2oss_spark");
  trib_ui_wait_until (node_tab_shown, window, "the node's tab");
  tab = adw_tab_view_get_selected_page (_trib_window_get_tab_view (window));
  editor = TRIB_SYNC_EDITOR (trib_node_page_get_editor (TRIB_NODE_PAGE (adw_tab_page_get_child (tab))));
  trib_ui_wait_until (columns_listed, editor, "the columns of ods_user_info_d");
  trib_ui_save_screenshots (GTK_WIDGET (window), "ui-sync-editor-in-app");

  gtk_editable_set_text (GTK_EDITABLE (entry_row_titled (editor, "Filter (where)")), "gender = 'female'");
  g_assert_true (trib_workflow_is_modified (app_workflow));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  trib_ui_wait_until (saved, app_workflow, "the workflow to be saved");
  g_assert_true (g_file_get_contents (path, &file_text, NULL, NULL));
  g_assert_nonnull (strstr (file_text, "\\\"where\\\": \\\"gender = 'female'\\\""));
  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
}

/* The demo workspace, its data sources on the peers. */
static void
make_workspace (void)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  workspace_dir = trib_ui_make_demo_workspace ("ui-sync-XXXXXX");
  dir = g_file_new_for_path (workspace_dir);
  workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);
  workflow = g_object_ref (trib_workspace_lookup_workflow (workspace, WORKFLOW));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  trib_ui_init (&argc, &argv);
  trib_init ();
  make_workspace ();

  g_test_add_func ("/ui-sync-editor/open-demo-node", test_open_demo_node);
  g_test_add_func ("/ui-sync-editor/build-mysql-job", test_build_mysql_job);
  g_test_add_func ("/ui-sync-editor/build-http-job", test_build_http_job);
  g_test_add_func ("/ui-sync-editor/preview", test_preview);
  g_test_add_func ("/ui-sync-editor/script-mode", test_script_mode);
  g_test_add_func ("/ui-sync-editor/undo-and-other-edits", test_undo_and_other_edits);
  g_test_add_func ("/ui-sync-editor/pasted-jobs", test_pasted_jobs);
  g_test_add_func ("/ui-sync-editor/in-the-app", test_in_the_app);

  status = g_test_run ();
  trib_ui_shutdown ();
  g_clear_object (&workflow);
  g_clear_object (&workspace);
  return status;
}
