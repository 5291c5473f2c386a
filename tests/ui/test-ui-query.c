/* test-ui-query.c: the Ad Hoc Query pane, driven in the real window against the harness's
 * HiveServer2 peer after the tutorial's workflow ran (MariaDB, HTTP and S3 peers too)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "trib-application.h"
#include "trib-new-query-dialog.h"
#include "trib-params-dialog.h"
#include "trib-query-history-dialog.h"
#include "trib-query-page.h"
#include "trib-result-view.h"
#include "trib-test-util.h"
#include "trib-ui-test.h"
#include "trib-window-private.h"

#define BIZDATE "20240807"
#define SPARK "user_behavior_analysis_spark"

static char *workspace_dir;
static TribWindow *window;

static char **
secrets_env (void)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *mysql = g_strdup_printf ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL=%s",
                                            trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"));
  g_autofree char *s3 = g_strdup_printf ("TRIBUTARY_SECRET_TEST_G=%s", trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"));

  g_strv_builder_add (b, mysql);
  g_strv_builder_add (b, s3);
  trib_test_require_env ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_SPARK");
  return g_strv_builder_end (b);
}

static void
cli_ok (const char * const *argv,
        char              **out)
{
  g_auto(GStrv) env = secrets_env ();
  g_autofree char *err = NULL;
  int status = trib_test_run_cli (argv, (const char * const *) env, out, &err);

  if (status != 0)
    g_error ("tributary-cli %s failed (%d): %s", argv[0], status, err);
}

/* The demo workspace pointed at the harness's servers, and the tutorial run for BIZDATE. */
static void
prepare_workspace (void)
{
  g_autofree char *parent = trib_test_make_tmpdir ("query-XXXXXX");
  g_autofree char *mysql_port_option = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  g_autofree char *http_url = g_strdup_printf ("url=%s", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_autofree char *endpoint = g_strdup_printf ("endpoint=%s", trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  g_autofree char *key_id = g_strdup_printf ("access_key_id=%s", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"));
  g_autofree char *region = g_strdup_printf ("region=%s", trib_test_require_env ("TRIB_TEST_S3_REGION"));
  g_autofree char *hs2_port = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT"));

  workspace_dir = g_build_filename (parent, "workspace", NULL);
  /* The app reads the MySQL password as the CLI does (the HiveServer2 peer exports its own). */
  g_setenv ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL", trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), TRUE);
  cli_ok ((const char *[]) { "init", "--demo", workspace_dir, NULL }, NULL);
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "user_behavior_analysis_mysql", "--type", "mysql",
                             "--option", "host=127.0.0.1", "--option", mysql_port_option, "--option", "database=workshop",
                             "--option", "user=workshop", "--option", "tls=disabled", NULL }, NULL);
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "user_behavior_analysis_httpfile", "--type", "httpfile",
                             "--option", http_url, NULL }, NULL);
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "test_g", "--type", "s3",
                             "--option", endpoint, "--option", region, "--option", "bucket=dw-emr-demo",
                             "--option", key_id, "--option", "path_style=true", NULL }, NULL);
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, SPARK, "--type", "kyuubi",
                             "--option", "host=127.0.0.1", "--option", hs2_port, "--option", "transport=sasl",
                             "--option", "user=workshop", "--option", "database=default", NULL }, NULL);
  cli_ok ((const char *[]) { "run", workspace_dir, TRIB_DEMO_WORKFLOW_NAME, "--bizdate", BIZDATE, NULL }, NULL);
}

/* One window for every test, on the workspace prepared above. */
static void
open_window (void)
{
  if (window == NULL)
    window = trib_ui_open_window (workspace_dir);
}

static TribQueryPage *
current_page (void)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (_trib_window_get_tab_view (window));
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  return TRIB_IS_QUERY_PAGE (child) ? TRIB_QUERY_PAGE (child) : NULL;
}

static gboolean
page_named (gpointer data)
{
  TribQueryPage *page = current_page ();

  return page && _trib_query_page_is_loaded (page) &&
         g_strcmp0 (trib_saved_query_get_name (trib_query_page_get_query (page)), data) == 0;
}

static gboolean
page_idle (gpointer data)
{
  return !_trib_query_page_is_running (data);
}

/* The peer has the slow statement: it runs on the server. */
static gboolean
server_runs_slow_statement (gpointer data)
{
  g_autofree char *statements = trib_test_read_file (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"));

  return strstr (statements, "trib:slow=30") != NULL;
}

/* New Query through its dialog, as a user does it. */
static TribQueryPage *
new_query (const char *name,
           guint       type,
           const char *data_source)
{
  TribNewQueryDialog *dialog = _trib_window_open_new_query_dialog (window);
  GtkDropDown *sources;
  GListModel *model;
  guint n;

  g_assert_nonnull (dialog);
  gtk_drop_down_set_selected (_trib_new_query_dialog_get_type_dropdown (dialog), type);
  sources = _trib_new_query_dialog_get_data_source_dropdown (dialog);
  model = gtk_drop_down_get_model (sources);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), data_source))
      gtk_drop_down_set_selected (sources, i);
  gtk_editable_set_text (_trib_new_query_dialog_get_name_entry (dialog), name);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  gtk_window_destroy (GTK_WINDOW (dialog));
  trib_ui_wait_until (page_named, (gpointer) name, "the new query's tab");
  return current_page ();
}

static void
set_sql (TribQueryPage *page,
         const char    *sql)
{
  trib_query_page_set_sql (page, sql);
  trib_ui_settle_for (40);
}

static void
run_and_wait (TribQueryPage *page,
              gboolean       all,
              GHashTable    *values)
{
  _trib_query_page_run (page, all, values);
  trib_ui_wait_until (page_idle, page, "the query to finish");
  trib_ui_settle_for (40);
}

static TribQueryRun *
result_run (TribQueryPage *page,
            guint          i)
{
  g_assert_cmpuint (_trib_query_page_get_n_results (page), >, i);
  return trib_result_view_get_run (_trib_query_page_get_result (page, i));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* Step 3 of the tutorial, in the window: EMR Spark SQL, two SELECTs, Run with
 * Parameters bizdate=20240807, the synced rows in two result tabs. */
static void
test_tutorial_verification (void)
{
  g_autofree char *log_path = g_build_filename (trib_test_require_env ("TRIB_TEST_HTTP_ROOT"), "user_log.txt", NULL);
  g_autofree char *log = trib_test_read_file (log_path);
  g_autofree char *first_log_line = g_strndup (log, strcspn (log, "\n"));
  g_autoptr(GOutputStream) users_out = g_memory_output_stream_new_resizable ();
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *users = NULL;
  g_autofree char *text = NULL;
  g_autofree char *yesterday = NULL;
  g_auto(GStrv) first_user = NULL;
  TribSampleOptions options;
  TribParamsDialog *dialog;
  TribQueryPage *page;
  TribQueryRun *run;
  TribHs2ResultSet *rs;
  GtkColumnView *grid;

  trib_sample_options_init (&options);
  options.n_users = 2000;
  g_assert_true (trib_sample_write_users_tsv (&options, users_out, NULL, NULL));
  g_output_stream_close (users_out, NULL, NULL);
  users = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (users_out)),
                     g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (users_out)));
  {
    g_autofree char *line = g_strndup (users, strcspn (users, "\n"));
    first_user = g_strsplit (line, "\t", -1);
  }

  open_window ();
  page = new_query ("verify_sync", 0, SPARK);
  set_sql (page,
           "-- Replace 'Data timestamp' with the actual bizdate value for your run.\n"
           "SELECT * FROM ods_raw_log_d_spark WHERE dt = '${bizdate}';\n"
           "SELECT * FROM ods_user_info_d_spark WHERE dt = '${bizdate}';\n");

  /* Run with Parameters: bizdate starts at yesterday's business date. */
  dialog = TRIB_PARAMS_DIALOG (_trib_query_page_open_params_dialog (page, TRUE));
  g_assert_nonnull (dialog);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) shanghai = NULL;
    g_autoptr(GTimeZone) tz = trib_workspace_dup_timezone (trib_window_get_workspace (window));
    g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
    g_autoptr(GDateTime) before = g_date_time_add_days (local, -1);

    yesterday = g_date_time_format (before, "%Y%m%d");
  }
  g_assert_cmpstr (gtk_editable_get_text (_trib_params_dialog_get_entry (dialog, "bizdate")), ==, yesterday);
  gtk_editable_set_text (_trib_params_dialog_get_entry (dialog, "bizdate"), BIZDATE);
  g_assert_nonnull (strstr (trib_params_dialog_get_final_sql (dialog), "WHERE dt = '" BIZDATE "';"));
  trib_ui_settle_for (40);
  trib_ui_save_screenshot (GTK_WIDGET (dialog), "ui-query-parameters.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "run");
  gtk_window_destroy (GTK_WINDOW (dialog));
  trib_ui_wait_until (page_idle, page, "the tutorial's SELECTs");
  trib_ui_settle_for (40);

  g_assert_cmpuint (_trib_query_page_get_n_results (page), ==, 2);

  /* The log rows: one column per line, as synced from the HTTP file. */
  run = result_run (page, 0);
  g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_SUCCEEDED);
  rs = trib_query_run_get_result (run);
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (rs), ==, count_lines (log));
  g_assert_cmpstr (trib_hs2_result_set_get_column_name (rs, 0), ==, "col");
  text = trib_hs2_result_set_dup_text (rs, 0, 0);
  g_assert_cmpstr (text, ==, first_log_line);
  g_clear_pointer (&text, g_free);
  text = trib_query_run_dup_title (run);
  g_assert_cmpstr (text, ==, "1 SELECT * FROM ods_raw_log_d_spark…");
  g_clear_pointer (&text, g_free);

  /* The users: 2,000 rows of the MySQL table, split on "|". */
  run = result_run (page, 1);
  g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_SUCCEEDED);
  rs = trib_query_run_get_result (run);
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (rs), ==, 2000);
  g_assert_cmpuint (trib_hs2_result_set_get_n_columns (rs), ==, 5);
  g_assert_cmpstr (trib_hs2_result_set_get_column_name (rs, 0), ==, "uid");
  g_assert_cmpstr (trib_hs2_result_set_get_column_name (rs, 4), ==, "dt");
  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *cell = trib_hs2_result_set_dup_text (rs, 0, c);
      g_assert_cmpstr (cell, ==, first_user[c]);
    }
  text = trib_hs2_result_set_dup_text (rs, 1999, 4);
  g_assert_cmpstr (text, ==, BIZDATE);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_str_has_prefix (_trib_result_view_get_status (_trib_query_page_get_result (page, 1)), "2,000 rows in "));

  /* The grid: row numbers, then each column with its type; every row is there. */
  grid = _trib_result_view_get_column_view (_trib_query_page_get_result (page, 1));
  {
    GListModel *columns = gtk_column_view_get_columns (grid);
    g_autoptr(GtkColumnViewColumn) number = g_list_model_get_item (columns, 0);
    g_autoptr(GtkColumnViewColumn) uid = g_list_model_get_item (columns, 1);

    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 6);
    g_assert_cmpstr (gtk_column_view_column_get_title (number), ==, "#");
    g_assert_cmpstr (gtk_column_view_column_get_title (uid), ==, "uid\nSTRING");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (grid))), ==, 2000);
  }
  /* Accessible names a screen reader reads. */
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (_trib_query_page_get_source_view (page)),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, "SQL editor"));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Result of statement 2 SELECT * FROM ods_user_info_d_spark…"));

  /* A screen reader sees a grid of rows and cells. */
  {
    GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (grid));
    GtkWidget *w = GTK_WIDGET (grid);
    guint visited = 0;
    gboolean found_row = FALSE, found_cell = FALSE;
    GPtrArray *stack = g_ptr_array_new ();

    g_assert_cmpint (role, ==, GTK_ACCESSIBLE_ROLE_TREE_GRID);
    g_ptr_array_add (stack, w);
    while (stack->len > 0 && visited < 10000)
      {
        GtkWidget *cur = g_ptr_array_steal_index (stack, stack->len - 1);
        GtkAccessibleRole r = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (cur));

        visited++;
        if (r == GTK_ACCESSIBLE_ROLE_ROW)
          found_row = TRUE;
        if (r == GTK_ACCESSIBLE_ROLE_CELL || r == GTK_ACCESSIBLE_ROLE_GRID_CELL)
          found_cell = TRUE;
        for (GtkWidget *c = gtk_widget_get_first_child (cur); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    g_assert_true (found_row);
    g_assert_true (found_cell);
  }

  /* The history kept both runs with their parameter. */
  {
    g_autoptr(GFile) dir = g_file_new_for_path (workspace_dir);
    g_autoptr(GFile) state = g_file_get_child (dir, ".tributary");
    g_autoptr(TribHistory) history = trib_history_open (state, NULL);
    g_autoptr(GPtrArray) records = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (history);
    records = trib_query_history_list (history, "ods_user_info_d_spark", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (records->len, >=, 1);
    g_assert_cmpstr (trib_query_run_record_get_parameters (g_ptr_array_index (records, 0)), ==, "bizdate=" BIZDATE);
    g_assert_cmpstr (trib_query_run_record_get_outcome (g_ptr_array_index (records, 0)), ==, "success");
    g_assert_cmpint (trib_query_run_record_get_rows (g_ptr_array_index (records, 0)), ==, 2000);
  }

  /* The values are remembered for the next run of this query. */
  values = trib_query_params_load (trib_workspace_get_state_directory (trib_window_get_workspace (window)), "verify_sync");
  g_assert_cmpstr (g_hash_table_lookup (values, "bizdate"), ==, BIZDATE);

  gtk_widget_activate_action (GTK_WIDGET (page), "query.save", NULL);
  trib_ui_settle_for (40);
  trib_ui_save_screenshot (GTK_WIDGET (window), "ui-query-tutorial.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  trib_ui_settle_for (40);
  trib_ui_save_screenshot (GTK_WIDGET (window), "ui-query-tutorial-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  trib_ui_settle_for (40);
}

static gboolean
browser_idle (gpointer data)
{
  return !_trib_schema_browser_is_loading (data);
}

/* The schema browser lists the tutorial's tables and columns, lazily; double-click
 * inserts the qualified name; Preview runs the first 100 rows in a new result tab. */
static void
test_schema_browser (void)
{
  TribQueryPage *page;
  TribSchemaBrowser *browser;
  g_autofree char *rows = NULL;
  guint n_results;

  open_window ();
  page = new_query ("browse", 0, SPARK);
  browser = _trib_query_page_get_schema_browser (page);
  trib_ui_wait_until (browser_idle, browser, "the databases");
  rows = _trib_schema_browser_dup_rows (browser);
  g_test_message ("%s", rows);
  g_assert_null (_trib_schema_browser_get_error (browser));
  g_assert_nonnull (strstr (rows, "default\n"));
  g_assert_null (strstr (rows, "ods_user_info_d_spark"));

  g_assert_true (_trib_schema_browser_expand (browser, "default"));
  trib_ui_wait_until (browser_idle, browser, "the tables");
  g_clear_pointer (&rows, g_free);
  rows = _trib_schema_browser_dup_rows (browser);
  g_assert_nonnull (strstr (rows, "\n  ods_raw_log_d_spark\n"));
  g_assert_nonnull (strstr (rows, "\n  ods_user_info_d_spark\n"));

  g_assert_true (_trib_schema_browser_expand (browser, "ods_user_info_d_spark"));
  trib_ui_wait_until (browser_idle, browser, "the columns");
  g_clear_pointer (&rows, g_free);
  rows = _trib_schema_browser_dup_rows (browser);
  g_test_message ("%s", rows);
  g_assert_nonnull (strstr (rows, "\n    uid VARCHAR\n    gender VARCHAR\n    age_range VARCHAR\n    zodiac VARCHAR\n    dt VARCHAR\n"));

  /* The filter keeps matching tables (and their columns). */
  gtk_editable_set_text (_trib_schema_browser_get_filter (browser), "raw_log");
  trib_ui_settle_for (40);
  g_clear_pointer (&rows, g_free);
  rows = _trib_schema_browser_dup_rows (browser);
  g_assert_nonnull (strstr (rows, "ods_raw_log_d_spark"));
  g_assert_null (strstr (rows, "ods_user_info_d_spark"));
  gtk_editable_set_text (_trib_schema_browser_get_filter (browser), "");
  trib_ui_settle_for (40);

  set_sql (page, "SELECT * FROM ");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_trib_query_page_get_source_view (page)));
    GtkTextIter end, start;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
    g_assert_true (_trib_schema_browser_activate (browser, "ods_user_info_d_spark"));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "SELECT * FROM default.ods_user_info_d_spark");
  }

  n_results = _trib_query_page_get_n_results (page);
  g_assert_true (_trib_schema_browser_preview (browser, "ods_user_info_d_spark"));
  trib_ui_wait_until (page_idle, page, "the preview");
  g_assert_cmpuint (_trib_query_page_get_n_results (page), ==, n_results + 1);
  {
    TribQueryRun *run = result_run (page, n_results);
    g_assert_cmpstr (trib_query_run_get_sql (run), ==, "SELECT * FROM `default`.`ods_user_info_d_spark` LIMIT 100");
    g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_SUCCEEDED);
    g_assert_cmpuint (trib_query_run_get_n_rows (run), ==, 100);
  }
  trib_ui_settle_for (40);
  trib_ui_save_screenshot (GTK_WIDGET (window), "ui-query-schema.png");
}

/* A file added by hand (or by git) appears in the sidebar. */
static gboolean
sidebar_has (gpointer data)
{
  g_auto(GStrv) titles = _trib_sidebar_dup_query_titles (_trib_window_get_sidebar (window));

  return g_strv_contains ((const char * const *) titles, data);
}

static void
test_query_files_on_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  TribSavedQuery *query;

  open_window ();
  dir = g_build_filename (workspace_dir, "queries", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, "by_hand.sql", NULL);
  trib_test_write_file (path, "-- datasource: " SPARK "\nSELECT 42 AS answer;\n");
  trib_ui_wait_until (sidebar_has, (gpointer) "by_hand", "the hand-written query in the sidebar");

  query = trib_query_store_lookup (trib_sidebar_get_query_store (_trib_window_get_sidebar (window)), "by_hand");
  g_assert_nonnull (query);
  g_assert_cmpstr (trib_saved_query_get_data_source (query), ==, SPARK);
  trib_window_show_query (window, query);
  trib_ui_wait_until (page_named, (gpointer) "by_hand", "its tab");
  run_and_wait (current_page (), FALSE, NULL);
  {
    g_autofree char *cell = trib_hs2_result_set_dup_text (trib_query_run_get_result (result_run (current_page (), 0)), 0, 0);
    g_assert_cmpstr (cell, ==, "42");
  }

  /* The tutorial's query was saved with its data source line first. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "verify_sync.sql", NULL);
  contents = trib_test_read_file (path);
  g_assert_true (g_str_has_prefix (contents, "-- datasource: " SPARK "\n-- Replace"));
}

/* 10,000 rows: scrolled to the end, exported to CSV byte for byte as the CLI prints it. */
static gboolean
exported (gpointer data)
{
  return _trib_result_view_get_n_exports (data, NULL) > 0;
}

static void
test_export_matches_cli (void)
{
  const char *sql = "SELECT i AS id, 'row \"' || i || '\", ok' AS label, "
                    "CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN '' ELSE 'v' || i END AS maybe, "
                    "i * 0.5 AS half FROM range(10000) t(i) ORDER BY i";
  g_autofree char *cli_csv = NULL;
  g_autofree char *cli_json = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *app_csv = NULL;
  g_autofree char *app_json = NULL;
  g_autoptr(GFile) csv_file = NULL;
  g_autoptr(GFile) json_file = NULL;
  TribQueryPage *page;
  TribResultView *view;
  GtkColumnView *grid;
  GtkAdjustment *adj;
  const char *error = NULL;

  open_window ();
  page = new_query ("ten_thousand", 0, SPARK);
  set_sql (page, sql);
  run_and_wait (page, TRUE, NULL);
  view = _trib_query_page_get_result (page, 0);
  g_assert_cmpint (trib_query_run_get_state (trib_result_view_get_run (view)), ==, TRIB_QUERY_RUN_SUCCEEDED);
  g_assert_true (g_str_has_prefix (_trib_result_view_get_status (view), "10,000 rows in "));

  /* Scroll to the bottom and back: the grid keeps up. */
  grid = _trib_result_view_get_column_view (view);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  trib_ui_settle_for (40);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  gtk_adjustment_set_value (adj, 0);
  trib_ui_settle_for (40);

  /* Client-side sort: by id, descending, then back to the server's order. */
  {
    GListModel *columns = gtk_column_view_get_columns (grid);
    g_autoptr(GtkColumnViewColumn) id = g_list_model_get_item (columns, 1);
    g_autoptr(GtkColumnViewColumn) label = g_list_model_get_item (columns, 2);
    GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (grid));

    gtk_column_view_sort_by_column (grid, id, GTK_SORT_DESCENDING);
    trib_ui_settle_for (40);
    {
      g_autoptr(TribHs2Row) first = g_list_model_get_item (shown, 0);
      g_assert_cmpuint (trib_hs2_row_get_index (first), ==, 9999);
    }
    /* Text order: "row \"9999\", ok" is the greatest label. */
    gtk_column_view_sort_by_column (grid, label, GTK_SORT_DESCENDING);
    trib_ui_settle_for (40);
    {
      g_autoptr(TribHs2Row) first = g_list_model_get_item (shown, 0);
      g_assert_cmpuint (trib_hs2_row_get_index (first), ==, 9999);
    }
    gtk_column_view_sort_by_column (grid, NULL, GTK_SORT_ASCENDING);
    trib_ui_settle_for (40);
    {
      g_autoptr(TribHs2Row) first = g_list_model_get_item (shown, 0);
      g_assert_cmpuint (trib_hs2_row_get_index (first), ==, 0);
    }
  }

  /* NULL and the empty string stay different in the copy. */
  gtk_selection_model_select_range (gtk_column_view_get_model (grid), 0, 1, TRUE);
  {
    g_autofree char *tsv = _trib_result_view_dup_selection_tsv (view);
    g_assert_cmpstr (tsv, ==, "id\tlabel\tmaybe\thalf\n0\trow \"0\", ok\t\t0.0\n");
  }

  csv_path = g_build_filename (workspace_dir, "export.csv", NULL);
  csv_file = g_file_new_for_path (csv_path);
  _trib_result_view_export (view, TRIB_QUERY_EXPORT_CSV, csv_file);
  trib_ui_wait_until (exported, view, "the CSV export");
  g_assert_cmpuint (_trib_result_view_get_n_exports (view, &error), ==, 1);
  g_assert_null (error);
  app_csv = trib_test_read_file (csv_path);
  cli_ok ((const char *[]) { "query", workspace_dir, SPARK, "--format", "csv", sql, NULL }, &cli_csv);
  g_assert_cmpuint (strlen (app_csv), ==, strlen (cli_csv));
  g_assert_true (g_str_equal (app_csv, cli_csv));

  json_path = g_build_filename (workspace_dir, "export.json", NULL);
  json_file = g_file_new_for_path (json_path);
  _trib_result_view_export (view, TRIB_QUERY_EXPORT_JSON, json_file);
  while (_trib_result_view_get_n_exports (view, NULL) < 2)
    g_main_context_iteration (NULL, TRUE);
  app_json = trib_test_read_file (json_path);
  cli_ok ((const char *[]) { "query", workspace_dir, SPARK, "--format", "json", sql, NULL }, &cli_json);
  g_assert_true (g_str_equal (app_json, cli_json));
}

/* Stop sends CancelOperation: the peer records it and the statement ends cancelled. */
static void
test_stop_cancels (void)
{
  g_autofree char *statements = NULL;
  TribQueryPage *page;
  TribQueryRun *run;

  open_window ();
  page = new_query ("slow", 0, SPARK);
  set_sql (page, "SELECT 1 AS slow /* trib:slow=30 */");
  _trib_query_page_run (page, TRUE, NULL);
  trib_ui_wait_until (server_runs_slow_statement, NULL, "the slow statement to reach the server");
  g_assert_true (_trib_query_page_is_running (page));
  _trib_query_page_stop (page);
  trib_ui_wait_until (page_idle, page, "the stop");
  trib_ui_settle_for (40);
  run = result_run (page, 0);
  g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_CANCELLED);
  g_assert_cmpint (trib_query_run_get_elapsed (run), <, 20 * G_USEC_PER_SEC);
  statements = trib_test_read_file (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"));
  g_assert_nonnull (strstr (statements, "\"event\":\"cancel\""));
}

/* A dropped connection is reported; the next run opens a new session. */
static void
test_dropped_connection (void)
{
  TribQueryPage *page;
  TribQueryRun *run;
  g_autofree char *log = NULL;

  open_window ();
  page = new_query ("dropping", 0, SPARK);
  set_sql (page, "SELECT 1 AS dropped /* trib:drop-after-fetches=0 */");
  run_and_wait (page, TRUE, NULL);
  run = result_run (page, 0);
  g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_FAILED);
  g_assert_nonnull (_trib_result_view_get_error_text (_trib_query_page_get_result (page, 0)));
  g_test_message ("%s", _trib_result_view_get_error_text (_trib_query_page_get_result (page, 0)));

  set_sql (page, "SELECT 2 AS again");
  run_and_wait (page, TRUE, NULL);
  run = result_run (page, 0);
  g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_SUCCEEDED);
  log = _trib_query_page_dup_log (page);
  /* Connected once for the first run, and again after the drop. */
  g_assert_nonnull (strstr (strstr (log, "Connected."), "[1 SELECT 2 AS again]"));
  {
    const char *first = strstr (log, "Connected.");
    g_assert_nonnull (strstr (first + 1, "Connected."));
  }
}

/* A server that cannot be reached: said in the window, and the page can run again. */
static void
test_unreachable_server (void)
{
  TribWorkspace *workspace;
  g_autoptr(TribDataSource) source = trib_data_source_new ("nowhere_spark", TRIB_DATA_SOURCE_KIND_KYUUBI);
  g_autofree char *log = NULL;
  TribQueryPage *page;

  open_window ();
  workspace = trib_window_get_workspace (window);
  g_assert_true (trib_data_source_set_option (source, "host", "127.0.0.1", NULL));
  /* A port nothing listens on. */
  g_assert_true (trib_data_source_set_option (source, "port", "9", NULL));
  g_assert_true (trib_data_source_set_option (source, "transport", "sasl", NULL));
  g_assert_true (trib_data_source_set_option (source, "user", "nobody", NULL));
  trib_workspace_put_data_source (workspace, source);
  g_setenv ("TRIBUTARY_SECRET_NOWHERE_SPARK", "x", TRUE);

  page = new_query ("unreachable", 0, "nowhere_spark");
  set_sql (page, "SELECT 1");
  run_and_wait (page, TRUE, NULL);
  log = _trib_query_page_dup_log (page);
  g_assert_nonnull (strstr (log, "Could not connect: "));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "query.run-all", NULL));
  trib_ui_wait_until (page_idle, page, "the second attempt");
  trib_workspace_remove_data_source (workspace, "nowhere_spark");
}

static char *
buffer_text (TribQueryPage *page)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_trib_query_page_get_source_view (page)));
  GtkTextIter s, e;

  gtk_text_buffer_get_bounds (buffer, &s, &e);
  return gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
}

/* Ctrl+Enter runs the statement under the cursor, or the selection; Ctrl+/ comments lines. */
static void
test_statement_at_cursor (void)
{
  TribQueryPage *page;
  GtkTextBuffer *buffer;
  GtkTextIter iter, end;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  open_window ();
  page = new_query ("cursor", 0, SPARK);
  set_sql (page, "SELECT 1 AS one;\nSELECT 2 AS two\n  FROM range(3) t(i);\nSELECT 3 AS three;\n");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_trib_query_page_get_source_view (page)));

  /* The cursor on the second line of the second statement. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 2, 4);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "query.run", NULL));
  trib_ui_wait_until (page_idle, page, "the statement at the cursor");
  g_assert_cmpuint (_trib_query_page_get_n_results (page), ==, 1);
  title = trib_query_run_dup_title (result_run (page, 0));
  g_assert_cmpstr (title, ==, "2 SELECT 2 AS two…");
  g_assert_cmpuint (trib_query_run_get_n_rows (result_run (page, 0)), ==, 3);

  /* A selection runs as it is. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 3);
  end = iter;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_select_range (buffer, &iter, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "query.run", NULL));
  trib_ui_wait_until (page_idle, page, "the selection");
  g_assert_cmpuint (_trib_query_page_get_n_results (page), ==, 1);
  g_assert_cmpstr (trib_query_run_get_sql (result_run (page, 0)), ==, "SELECT 3 AS three");

  /* Ctrl+/ on the first two lines comments them, and again uncomments them. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 0);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 1, 3);
  gtk_text_buffer_select_range (buffer, &iter, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (_trib_query_page_get_source_view (page)), "code.toggle-comment", NULL));
  text = buffer_text (page);
  g_assert_cmpstr (text, ==, "-- SELECT 1 AS one;\n-- SELECT 2 AS two\n  FROM range(3) t(i);\nSELECT 3 AS three;\n");
  g_clear_pointer (&text, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (_trib_query_page_get_source_view (page)), "code.toggle-comment", NULL));
  text = buffer_text (page);
  g_assert_cmpstr (text, ==, "SELECT 1 AS one;\nSELECT 2 AS two\n  FROM range(3) t(i);\nSELECT 3 AS three;\n");
  g_clear_pointer (&text, g_free);

  /* The server's operation log streams into the Log tab. */
  set_sql (page, "SELECT 4 AS logged /* trib:log=3 */");
  run_and_wait (page, TRUE, NULL);
  text = _trib_query_page_dup_log (page);
  g_assert_nonnull (strstr (text, "INFO  : log line 1 of 3\nINFO  : log line 2 of 3\nINFO  : log line 3 of 3\n"));
}

static gboolean
cancels_recorded (gpointer data)
{
  g_autofree char *statements = trib_test_read_file (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"));
  guint n = 0;

  for (const char *p = statements; (p = strstr (p, "\"event\":\"cancel\"")); p++)
    n++;
  return n >= GPOINTER_TO_UINT (data);
}

static gboolean
server_runs_closing_statement (gpointer data)
{
  g_autofree char *statements = trib_test_read_file (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"));

  return strstr (statements, "AS closing") != NULL;
}

/* Closing a tab while its statement runs cancels it on the server; nothing is left
 * touching the closed tab. */
static void
test_close_while_running (void)
{
  g_autofree char *before = trib_test_read_file (trib_test_require_env ("TRIB_TEST_HS2_STATEMENTS"));
  guint n_cancels = 0;
  TribQueryPage *page;
  AdwTabView *tabs;

  for (const char *p = before; (p = strstr (p, "\"event\":\"cancel\"")); p++)
    n_cancels++;
  open_window ();
  page = new_query ("closing", 0, SPARK);
  set_sql (page, "SELECT 1 AS closing /* trib:slow=30 trib:log=2 */");
  _trib_query_page_run (page, TRUE, NULL);
  trib_ui_wait_until (server_runs_closing_statement, NULL, "the statement to reach the server");
  tabs = _trib_window_get_tab_view (window);
  adw_tab_view_close_page (tabs, adw_tab_view_get_selected_page (tabs));
  trib_ui_wait_until (cancels_recorded, GUINT_TO_POINTER (n_cancels + 1), "the CancelOperation");
  trib_ui_settle_for (40);
}

/* A syntax error: its SQLSTATE and message at the statement. */
static void
test_syntax_error (void)
{
  TribQueryPage *page;
  TribResultView *view;
  const char *text;

  open_window ();
  page = new_query ("broken", 0, SPARK);
  set_sql (page, "SELECT 1;\n\nSELEC oops FROM nowhere;\nSELECT 3;\n");
  run_and_wait (page, TRUE, NULL);
  /* The script stops at the failed statement. */
  g_assert_cmpuint (_trib_query_page_get_n_results (page), ==, 2);
  view = _trib_query_page_get_result (page, 1);
  g_assert_cmpint (trib_query_run_get_state (trib_result_view_get_run (view)), ==, TRIB_QUERY_RUN_FAILED);
  text = _trib_result_view_get_error_text (view);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Statement 2 (line 3) failed\n\nSQLSTATE 42000: Parser Error"));
  trib_ui_settle_for (40);
  trib_ui_save_screenshot (GTK_WIDGET (window), "ui-query-error.png");
}

/* Unsaved text is a draft: the tab closed and opened again still has it. */
static gboolean
draft_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_draft_kept (void)
{
  g_autofree char *draft = NULL;
  TribQueryPage *page;
  TribSavedQuery *query;
  AdwTabView *tabs;

  open_window ();
  page = new_query ("drafty", 0, SPARK);
  set_sql (page, "SELECT 'unsaved' AS state");
  g_assert_true (trib_query_page_is_modified (page));
  draft = g_build_filename (workspace_dir, ".tributary", "query-drafts", "drafty.sql", NULL);
  trib_ui_wait_until (draft_written, draft, "the draft");
  query = g_object_ref (trib_query_page_get_query (page));
  tabs = _trib_window_get_tab_view (window);
  adw_tab_view_close_page (tabs, adw_tab_view_get_selected_page (tabs));
  trib_ui_settle_for (40);

  trib_window_show_query (window, query);
  trib_ui_wait_until (page_named, (gpointer) "drafty", "the tab again");
  page = current_page ();
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_trib_query_page_get_source_view (page)));
    GtkTextIter s, e;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &s, &e);
    text = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
    g_assert_cmpstr (text, ==, "SELECT 'unsaved' AS state\n");
  }
  g_assert_true (trib_query_page_is_modified (page));
  g_object_unref (query);
}

/* A MySQL query against the harness's MariaDB: the table the tutorial syncs. */
static void
test_mysql_query (void)
{
  g_autoptr(GOutputStream) users_out = g_memory_output_stream_new_resizable ();
  g_autofree char *users = NULL;
  g_auto(GStrv) first_user = NULL;
  TribSampleOptions options;
  TribQueryPage *page;
  TribQueryRun *run;
  TribHs2ResultSet *rs;

  trib_sample_options_init (&options);
  options.n_users = 2000;
  g_assert_true (trib_sample_write_users_tsv (&options, users_out, NULL, NULL));
  g_output_stream_close (users_out, NULL, NULL);
  users = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (users_out)),
                     g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (users_out)));
  {
    g_autofree char *line = g_strndup (users, strcspn (users, "\n"));
    first_user = g_strsplit (line, "\t", -1);
  }

  open_window ();
  page = new_query ("mysql_check", 1, "user_behavior_analysis_mysql");
  set_sql (page, "SELECT COUNT(*) AS n FROM ods_user_info_d;\n"
                 "SELECT uid, gender, NULL AS nothing, '' AS empty FROM ods_user_info_d ORDER BY uid LIMIT 3;\n"
                 "SELECT nope FROM ods_user_info_d;\n");
  run_and_wait (page, TRUE, NULL);
  {
    g_autofree char *log = _trib_query_page_dup_log (page);
    g_test_message ("%s", log);
  }
  g_assert_cmpuint (_trib_query_page_get_n_results (page), ==, 3);

  run = result_run (page, 0);
  g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_SUCCEEDED);
  {
    g_autofree char *n = trib_hs2_result_set_dup_text (trib_query_run_get_result (run), 0, 0);
    g_assert_cmpstr (n, ==, "2000");
    g_assert_cmpstr (trib_hs2_result_set_get_column_type_name (trib_query_run_get_result (run), 0), ==, "BIGINT");
  }

  run = result_run (page, 1);
  rs = trib_query_run_get_result (run);
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (rs), ==, 3);
  {
    g_autofree char *uid = trib_hs2_result_set_dup_text (rs, 0, 0);
    g_autofree char *empty = trib_hs2_result_set_dup_text (rs, 0, 3);

    g_assert_cmpstr (uid, ==, first_user[0]);
    g_assert_true (trib_hs2_result_set_is_null (rs, 0, 2));
    g_assert_false (trib_hs2_result_set_is_null (rs, 0, 3));
    g_assert_cmpstr (empty, ==, "");
  }

  /* The schema browser reads information_schema. */
  {
    TribSchemaBrowser *browser = _trib_query_page_get_schema_browser (page);
    g_autofree char *rows = NULL;

    trib_ui_wait_until (browser_idle, browser, "the MySQL databases");
    g_assert_true (_trib_schema_browser_expand (browser, "workshop"));
    trib_ui_wait_until (browser_idle, browser, "the MySQL tables");
    g_assert_true (_trib_schema_browser_expand (browser, "ods_user_info_d"));
    trib_ui_wait_until (browser_idle, browser, "the MySQL columns");
    rows = _trib_schema_browser_dup_rows (browser);
    g_test_message ("%s", rows);
    g_assert_nonnull (strstr (rows, "\n  ods_user_info_d\n    uid "));
  }

  run = result_run (page, 2);
  g_assert_cmpint (trib_query_run_get_state (run), ==, TRIB_QUERY_RUN_FAILED);
  g_assert_cmpstr (trib_hs2_error_get_sql_state (trib_query_run_get_error (run)), ==, "42S22");
  g_assert_nonnull (strstr (_trib_result_view_get_error_text (_trib_query_page_get_result (page, 2)),
                            "SQLSTATE 42S22: Unknown column 'nope'"));
}

static gboolean
history_loaded (gpointer data)
{
  return !_trib_query_history_dialog_is_loading (data);
}

/* The History view lists the runs, filters them, and reopens one in a new query tab. */
static void
test_history_reopens (void)
{
  TribQueryHistoryDialog *dialog;
  TribQueryPage *page;
  guint all;

  open_window ();
  dialog = _trib_window_open_query_history (window);
  trib_ui_wait_until (history_loaded, dialog, "the history");
  all = _trib_query_history_dialog_get_n_rows (dialog);
  g_assert_cmpuint (all, >=, 6);
  trib_ui_settle_for (40);
  trib_ui_save_screenshot (GTK_WIDGET (dialog), "ui-query-history.png");

  gtk_editable_set_text (_trib_query_history_dialog_get_filter (dialog), "ods_raw_log_d_spark WHERE");
  trib_ui_settle_for (40);
  trib_ui_wait_until (history_loaded, dialog, "the filtered history");
  g_assert_cmpuint (_trib_query_history_dialog_get_n_rows (dialog), ==, 1);

  _trib_query_history_dialog_activate (dialog, 0);
  trib_ui_wait_until (page_named, (gpointer) "verify_sync #1", "the reopened query");
  page = current_page ();
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_trib_query_page_get_source_view (page)));
    GtkTextIter s, e;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &s, &e);
    text = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
    /* The statement as it ran: its comment, the value in place of ${bizdate}. */
    g_assert_cmpstr (text, ==, "-- Replace 'Data timestamp' with the actual bizdate value for your run.\n"
                               "SELECT * FROM ods_raw_log_d_spark WHERE dt = '" BIZDATE "'\n");
  }
  g_assert_cmpstr (trib_saved_query_get_data_source (trib_query_page_get_query (page)), ==, SPARK);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test accessibility backend keeps what a screen reader would be told. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  prepare_workspace ();

  g_test_add_func ("/ui/query/tutorial-verification", test_tutorial_verification);
  g_test_add_func ("/ui/query/schema-browser", test_schema_browser);
  g_test_add_func ("/ui/query/files-on-disk", test_query_files_on_disk);
  g_test_add_func ("/ui/query/export-matches-cli", test_export_matches_cli);
  g_test_add_func ("/ui/query/stop-cancels", test_stop_cancels);
  g_test_add_func ("/ui/query/syntax-error", test_syntax_error);
  g_test_add_func ("/ui/query/dropped-connection", test_dropped_connection);
  g_test_add_func ("/ui/query/unreachable-server", test_unreachable_server);
  g_test_add_func ("/ui/query/statement-at-cursor", test_statement_at_cursor);
  g_test_add_func ("/ui/query/close-while-running", test_close_while_running);
  g_test_add_func ("/ui/query/draft-kept", test_draft_kept);
  g_test_add_func ("/ui/query/mysql", test_mysql_query);
  g_test_add_func ("/ui/query/history", test_history_reopens);

  status = g_test_run ();
  if (window)
    gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_shutdown ();
  return status;
}
