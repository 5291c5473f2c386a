/* test-ui-runs.c: running, watching, stopping and backfilling the demo workflow from the
 * window, against real MariaDB, HTTP, S3 and HiveServer2 servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "trib-application.h"
#include "trib-backfill-dialog.h"
#include "trib-node-log-view.h"
#include "trib-run-controller.h"
#include "trib-run-dialog.h"
#include "trib-run-toolbar.h"
#include "trib-runs-panel.h"
#include "trib-schedule-button.h"
#include "trib-preferences-window.h"
#include "trib-canvas.h"
#include "trib-node-card.h"
#include "trib-test-util.h"
#include "trib-ui-test.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"

#define WORKFLOW "user_profile_analysis_spark"
#define BIZDATE  "20240807"

static char *workspace_dir;
/* Summaries received by our notification server, in order. */
static GPtrArray *notifications;
static TribApplication *the_app;
static TribWindow *window;


static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

static void
save_screenshot_of (GtkWidget  *widget,
                    const char *name)
{
  g_autofree char *path = trib_ui_artifact_path (name);

  trib_ui_wait_until (trib_ui_is_mapped, widget, "the window to show");
  trib_ui_wait_until (is_allocated, widget, "the window to be laid out");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  trib_ui_settle_for (30);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
save_screenshot (const char *name)
{
  save_screenshot_of (GTK_WIDGET (window), name);
}

/* Light and dark, as users see it either way. */
static void
save_screenshots (const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  save_screenshot (light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static TribRunController *
controller (void)
{
  return _trib_window_get_run_controller (window);
}

static TribRunToolbar *
toolbar (void)
{
  return TRIB_RUN_TOOLBAR (_trib_window_get_run_toolbar (window));
}

static TribRunsPanel *
panel (void)
{
  return TRIB_RUNS_PANEL (_trib_window_get_runs_panel (window));
}

static TribWorkflow *
workflow (void)
{
  return trib_workspace_lookup_workflow (trib_window_get_workspace (window), WORKFLOW);
}

static void
set_data_source_option (const char *name,
                        const char *key,
                        const char *value)
{
  g_autoptr(GError) error = NULL;
  TribDataSource *source = trib_workspace_lookup_data_source (trib_window_get_workspace (window), name);

  g_assert_nonnull (source);
  g_assert_true (trib_data_source_set_option (source, key, value, &error));
  g_assert_no_error (error);
}

/* Runs */

static TribRun *
latest_run (void)
{
  GListModel *runs = trib_run_controller_get_runs (controller ());
  guint n = g_list_model_get_n_items (runs);

  if (n == 0)
    return NULL;
  {
    g_autoptr(TribRun) run = g_list_model_get_item (runs, n - 1);
    return run;
  }
}

static gboolean
latest_run_over (gpointer data)
{
  TribRun *run = latest_run ();

  return run != NULL && trib_run_get_id (run) > (gint64) GPOINTER_TO_SIZE (data) &&
         trib_run_get_state (run) != TRIB_RUN_STATE_RUNNING &&
         trib_run_controller_get_n_active (controller ()) == 0;
}

static gint64
latest_run_id (void)
{
  TribRun *run = latest_run ();

  return run ? trib_run_get_id (run) : 0;
}

static char *
node_states (TribRun *run)
{
  GListModel *instances = trib_run_get_instances (run);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, i);

      g_string_append_printf (text, "%s%s %s", text->len ? ", " : "", trib_node_instance_get_node_name (instance),
                              trib_node_state_to_string (trib_node_instance_get_state (instance)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The node list of the runs panel: "name state" of each row, as it shows them. */
static char *
panel_node_states (void)
{
  GListModel *instances = _trib_runs_panel_get_instances (panel ());
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(TribInstanceRecord) record = g_list_model_get_item (instances, i);

      g_string_append_printf (text, "%s%s %s", text->len ? ", " : "", trib_instance_record_get_node_name (record),
                              trib_node_state_to_string (trib_instance_record_get_state (record)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
panel_shows (gpointer data)
{
  g_autofree char *states = panel_node_states ();

  return g_strcmp0 (states, data) == 0;
}

static TribRunDialog *
open_run_dialog (void)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (toolbar ()), "run.run", NULL));
  dialog = _trib_run_toolbar_get_last_dialog (toolbar ());
  g_assert_true (TRIB_IS_RUN_DIALOG (dialog));
  return TRIB_RUN_DIALOG (dialog);
}

static void
start_run (const char *bizdate)
{
  TribRunDialog *dialog = open_run_dialog ();

  trib_run_dialog_set_bizdate (dialog, bizdate);
  g_assert_true (_trib_run_dialog_activate_run (dialog));
}

static gboolean
run_running_node (gpointer data)
{
  TribRun *run = latest_run ();
  TribNodeInstance *instance = run ? trib_run_lookup_instance (run, data) : NULL;

  return instance != NULL && trib_node_instance_get_state (instance) == TRIB_NODE_STATE_RUNNING;
}

static gboolean
log_has_text (gpointer data)
{
  g_autofree char *text = _trib_node_log_view_dup_text (TRIB_NODE_LOG_VIEW (_trib_runs_panel_get_log_view (panel ())));

  return strstr (text, data) != NULL;
}

static gboolean
panel_selected (gpointer data)
{
  return _trib_runs_panel_get_selected_run (panel ()) == (gint64) GPOINTER_TO_SIZE (data);
}

static gboolean notified (gpointer data);

static void
test_run_from_the_window (void)
{
  TribRunDialog *dialog;
  g_autofree char *preview = NULL;
  g_autofree char *states = NULL;
  gint64 before = latest_run_id ();
  TribRun *run;

  trib_window_show_workflow (window, workflow ());
  trib_ui_settle_for (30);
  g_assert_true (trib_run_toolbar_get_workflow (toolbar ()) == workflow ());
  {
    /* The toolbar's Run can be clicked; Stop cannot, nothing runs. */
    GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (toolbar ()));
    GtkWidget *run_button = gtk_widget_get_first_child (box);

    g_assert_true (gtk_widget_is_sensitive (run_button));
    g_assert_false (gtk_widget_is_sensitive (gtk_widget_get_next_sibling (run_button)));
  }

  /* Yesterday by default; the parameters resolved before anything runs. */
  dialog = open_run_dialog ();
  trib_run_dialog_set_bizdate (dialog, "2024080");
  preview = _trib_run_dialog_dup_preview (dialog);
  g_assert_cmpstr (preview, ==, "\"2024080\" is not a business date of the form YYYYMMDD");
  g_assert_false (_trib_run_dialog_activate_run (dialog));
  g_free (preview);
  trib_run_dialog_set_bizdate (dialog, BIZDATE);
  preview = _trib_run_dialog_dup_preview (dialog);
  g_assert_nonnull (strstr (preview, "workshop_start_spark\n  bizdate=20240807\n"));
  g_assert_nonnull (strstr (preview, "ods_user_info_d_spark\n  bizdate=20240807"));
  save_screenshot_of (GTK_WIDGET (dialog), "runs-run-dialog.png");
  g_assert_true (_trib_run_dialog_activate_run (dialog));

  /* The log of a node, opened while the run goes on. */
  trib_ui_wait_until (panel_selected, GSIZE_TO_POINTER (before + 1), "the new run to be selected in the runs panel");
  trib_runs_panel_select_node (panel (), "ods_user_info_d_2oss_spark");
  trib_ui_wait_until (latest_run_over, GSIZE_TO_POINTER (before), "the run to end");
  run = latest_run ();
  states = node_states (run);
  g_assert_cmpstr (states, ==, "workshop_start_spark success, ods_raw_log_d_2oss_spark success, "
                               "ods_user_info_d_2oss_spark success, ods_raw_log_d_spark success, "
                               "ods_user_info_d_spark success");
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_SUCCESS);
  g_assert_cmpstr (trib_run_get_kind (run), ==, "manual");

  /* The canvas shows it too: each card says "Succeeded", as a screen reader would hear,
   * and the tab's title says how the run went. */
  {
    TribWorkflowPage *page = _trib_window_get_current_workflow_page (window);
    TribCanvas *canvas = trib_workflow_page_get_canvas (page);
    GListModel *nodes = trib_workflow_get_nodes (trib_workflow_page_get_workflow (page));

    for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
      {
        g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
        TribNodeCard *card = TRIB_NODE_CARD (trib_canvas_get_card (canvas, trib_node_get_id (node)));

        g_autofree char *described = trib_node_card_dup_description (card);
        g_autofree char *expected = g_strdup_printf ("%s, %s", trib_node_kind_get_label (trib_node_get_kind (node)),
                                                     trib_node_state_get_label (TRIB_NODE_STATE_SUCCESS));

        g_assert_cmpint (trib_node_card_get_run_state (card), ==, TRIB_NODE_STATE_SUCCESS);
        /* A duration may follow ("Succeeded 2.1 s"). */
        if (!g_str_has_prefix (described, expected))
          g_error ("%s is described as \"%s\", expected \"%s\"", trib_node_get_id (node), described, expected);
      }
    g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_selected_page (_trib_window_get_tab_view (window))), ==,
                     "User profile analysis_Spark · Succeeded");
  }

  /* The runs panel shows the same, read back from the history. */
  trib_ui_wait_until (panel_shows, (gpointer) states, "the runs panel to show the five successes");
  trib_ui_wait_until (log_has_text, (gpointer) "ods_user_info_d", "the node's log in the log view");
  g_assert_nonnull (strstr (_trib_run_toolbar_get_status (toolbar ()), "Succeeded"));
  save_screenshots ("runs-finished");

  /* The window is not focused (no window manager here): the desktop was told. */
  g_assert_false (gtk_window_is_active (GTK_WINDOW (window)));
  trib_ui_wait_until (notified, (gpointer) "User profile analysis_Spark succeeded for 20240807 | all 5 nodes succeeded",
              "the desktop notification");
}

/* A server that accepts connections and never answers: the sync node hangs until Stop. */
static GSocketService *
silent_server (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  GSocketService *service = g_socket_service_new ();

  *port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  return service;
}

static gboolean
hold_connection (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           user_data)
{
  g_ptr_array_add (user_data, g_object_ref (connection));
  return TRUE;
}

static void
test_stop_a_run (void)
{
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *url = NULL;
  g_autofree char *states = NULL;
  const char *good_url = trib_test_require_env ("TRIB_TEST_HTTP_URL");
  guint16 port = 0;
  gint64 before = latest_run_id ();
  TribRun *run;

  service = silent_server (&port);
  g_signal_connect (service, "incoming", G_CALLBACK (hold_connection), held);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  set_data_source_option ("user_behavior_analysis_httpfile", "url", url);

  start_run (BIZDATE);
  trib_ui_wait_until (run_running_node, (gpointer) "ods_raw_log_d_2oss_spark", "the HTTP sync node to run");
  save_screenshots ("runs-running");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (toolbar ()), "run.stop", NULL));
  trib_ui_wait_until (latest_run_over, GSIZE_TO_POINTER (before), "the stopped run to end");
  run = latest_run ();
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_CANCELLED);
  g_assert_cmpint (trib_node_instance_get_state (trib_run_lookup_instance (run, "ods_raw_log_d_2oss_spark")), ==,
                   TRIB_NODE_STATE_CANCELLED);
  g_assert_cmpint (trib_node_instance_get_state (trib_run_lookup_instance (run, "ods_raw_log_d_spark")), ==,
                   TRIB_NODE_STATE_NOT_RUN);
  g_socket_service_stop (service);
  set_data_source_option ("user_behavior_analysis_httpfile", "url", good_url);
}

static gboolean
error_line_visible (gpointer data)
{
  TribNodeLogView *view = TRIB_NODE_LOG_VIEW (_trib_runs_panel_get_log_view (panel ()));
  static gint64 last;

  if (g_get_monotonic_time () - last > 5 * G_USEC_PER_SEC)
    {
      g_autofree char *line = _trib_node_log_view_dup_cursor_line (view);

      last = g_get_monotonic_time ();
      g_test_message ("log of %s, complete %d, following %d, cursor line: %s", trib_node_log_view_get_node (view),
                      _trib_node_log_view_is_complete (view), _trib_node_log_view_is_following (view), line);
    }
  return _trib_node_log_view_error_line_visible (view);
}

static gboolean
latest_run_is_rerun_over (gpointer data)
{
  TribRun *run = latest_run ();

  return run != NULL && trib_run_get_id (run) == (gint64) GPOINTER_TO_SIZE (data) &&
         trib_run_get_state (run) != TRIB_RUN_STATE_RUNNING && trib_run_controller_get_n_active (controller ()) == 0 &&
         g_list_model_get_n_items (trib_run_controller_get_runs (controller ())) >= 2;
}

static void
test_rerun_from_failed (void)
{
  g_autofree char *broken = NULL;
  const char *good_url = trib_test_require_env ("TRIB_TEST_HTTP_URL");
  g_autoptr(GSocketService) service = NULL;
  g_autofree char *log = NULL;
  guint16 port = 0;
  gint64 before = latest_run_id ();
  guint n_runs;
  TribRun *run;

  /* Nothing listens there any more: the HTTP sync fails at once. */
  service = silent_server (&port);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  broken = g_strdup_printf ("http://127.0.0.1:%u/", port);
  set_data_source_option ("user_behavior_analysis_httpfile", "url", broken);
  start_run (BIZDATE);
  trib_ui_wait_until (latest_run_over, GSIZE_TO_POINTER (before), "the broken run to end");
  run = latest_run ();
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_FAILED);
  g_assert_cmpint (trib_node_instance_get_state (trib_run_lookup_instance (run, "ods_raw_log_d_2oss_spark")), ==,
                   TRIB_NODE_STATE_FAILED);

  /* The failed node's log opens by itself in the panel. */
  trib_runs_panel_select_run (panel (), trib_run_get_id (run));
  trib_ui_wait_until (panel_selected, GSIZE_TO_POINTER (trib_run_get_id (run)), "the failed run to be selected");
  trib_ui_wait_until (log_has_text, (gpointer) "127.0.0.1", "the failed node's log");
  log = _trib_node_log_view_dup_text (TRIB_NODE_LOG_VIEW (_trib_runs_panel_get_log_view (panel ())));
  g_test_message ("failed log:\n%s", log);
  g_assert_false (_trib_node_log_view_is_following (TRIB_NODE_LOG_VIEW (_trib_runs_panel_get_log_view (panel ()))));
  trib_ui_wait_until (error_line_visible, NULL, "the failed node's log to scroll to its error");
  {
    g_autofree char *line = _trib_node_log_view_dup_cursor_line (TRIB_NODE_LOG_VIEW (_trib_runs_panel_get_log_view (panel ())));

    g_test_message ("error line: %s", line);
    g_assert_nonnull (strstr (line, "failed"));
  }
  save_screenshots ("runs-failed");

  /* Fix the data source, then Rerun From Failed in the panel: the same run succeeds. */
  set_data_source_option ("user_behavior_analysis_httpfile", "url", good_url);
  n_runs = g_list_model_get_n_items (trib_run_controller_get_runs (controller ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel ()), "runs.rerun-failed", NULL));
  trib_ui_wait_until (latest_run_is_rerun_over, GSIZE_TO_POINTER (trib_run_get_id (run)), "the rerun to end");
  g_assert_cmpuint (g_list_model_get_n_items (trib_run_controller_get_runs (controller ())), ==, n_runs + 1);
  run = latest_run ();
  g_assert_cmpint (trib_run_get_state (run), ==, TRIB_RUN_STATE_SUCCESS);
}

static gboolean
backfill_finished (gpointer data)
{
  return _trib_backfill_dialog_is_finished (data);
}

static void
test_backfill_three_days (void)
{
  TribBackfillDialog *dialog;
  g_autofree char *preview = NULL;
  g_autofree char *progress = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (toolbar ()), "run.backfill", NULL));
  dialog = TRIB_BACKFILL_DIALOG (_trib_run_toolbar_get_last_dialog (toolbar ()));
  g_object_ref (dialog);
  _trib_backfill_dialog_set_dates (dialog, "20240805", "20240807", "");
  _trib_backfill_dialog_set_order (dialog, FALSE, 1);
  g_assert_true (_trib_backfill_dialog_next (dialog));
  g_assert_cmpstr (_trib_backfill_dialog_get_step (dialog), ==, "preview");
  preview = _trib_backfill_dialog_dup_text (dialog);
  g_test_message ("preview:\n%s", preview);
  g_assert_true (g_str_has_prefix (preview, "Business date 20240805, scheduled 2024-08-06 00:30:00\n"
                                            "  workshop_start_spark: bizdate=20240805\n"));
  g_assert_nonnull (strstr (preview, "\nBusiness date 20240806, scheduled 2024-08-07 00:30:00\n"));
  g_assert_nonnull (strstr (preview, "\nBusiness date 20240807, scheduled 2024-08-08 00:30:00\n"));
  g_assert_nonnull (strstr (preview, "  ods_user_info_d_spark: bizdate=20240807"));
  save_screenshot_of (GTK_WIDGET (dialog), "runs-backfill-preview.png");

  g_assert_true (_trib_backfill_dialog_next (dialog));
  g_assert_cmpstr (_trib_backfill_dialog_get_step (dialog), ==, "progress");
  trib_ui_wait_until (backfill_finished, dialog, "the backfill to end");
  progress = _trib_backfill_dialog_dup_text (dialog);
  g_test_message ("progress:\n%s", progress);
  g_assert_true (g_regex_match_simple ("^20240805  Succeeded  \\(run \\d+\\)\n20240806  Succeeded  \\(run \\d+\\)\n"
                                       "20240807  Succeeded  \\(run \\d+\\)\n$", progress, 0, 0));
  save_screenshot_of (GTK_WIDGET (dialog), "runs-backfill-progress.png");
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

typedef struct
{
  const char   *bizdate;
  TribRunState  state;
} Listed;

static gboolean
panel_lists (gpointer data)
{
  Listed *listed = data;
  GListModel *runs = _trib_runs_panel_get_runs (panel ());

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(TribRunRecord) record = g_list_model_get_item (runs, i);

      if (g_str_equal (trib_run_record_get_bizdate (record), listed->bizdate) &&
          trib_run_record_get_state (record) == listed->state)
        return TRUE;
    }
  return FALSE;
}

static void
test_panel_lists_cli_runs (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  Listed running = { "20240801", TRIB_RUN_STATE_RUNNING };
  Listed done = { "20240801", TRIB_RUN_STATE_SUCCESS };

  /* A slow run from the command line (test executor: two seconds a node). */
  g_subprocess_launcher_setenv (launcher, "TRIBUTARY_TEST_EXECUTOR", "*=sleep:2000", TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, trib_test_require_env ("TRIB_CLI"), "run", workspace_dir,
                                     WORKFLOW, "--bizdate", "20240801", NULL);
  g_assert_no_error (error);
  trib_ui_wait_until (panel_lists, &running, "the CLI's run to be listed while it runs");
  save_screenshot ("runs-cli-run-listed.png");
  trib_ui_wait_until (panel_lists, &done, "the CLI's run to be listed as succeeded");
  g_subprocess_wait_check (cli, NULL, &error);
  g_assert_no_error (error);

  /* Filters: by state and business date. */
  _trib_runs_panel_set_filters (panel (), WORKFLOW, "cancelled", NULL);
  trib_ui_settle_for (30);
  g_assert_cmpuint (g_list_model_get_n_items (_trib_runs_panel_get_runs (panel ())), ==, 1);
  _trib_runs_panel_set_filters (panel (), NULL, NULL, "20240801");
  trib_ui_settle_for (30);
  g_assert_cmpuint (g_list_model_get_n_items (_trib_runs_panel_get_runs (panel ())), ==, 1);
  _trib_runs_panel_set_filters (panel (), NULL, NULL, NULL);
}

static gboolean
n_listed_at_least (gpointer data)
{
  return g_list_model_get_n_items (_trib_runs_panel_get_runs (panel ())) >= GPOINTER_TO_UINT (data);
}

/* 120 more runs (a backfill from the command line): the panel reads them a page at a time. */
static void
test_panel_pages (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n_before;

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "backfill", workspace_dir, WORKFLOW, "--from", "20230101",
                                                          "--to", "20230430", "--parallel", "8", NULL },
                                      (const char *[]) { "TRIBUTARY_TEST_EXECUTOR=1", NULL }, &out, &err), ==, 0);
  /* The newest page first: 50 rows, the newest on top. */
  trib_ui_wait_until (n_listed_at_least, GUINT_TO_POINTER (50), "the first page of runs");
  trib_ui_settle_for (30);
  n_before = g_list_model_get_n_items (_trib_runs_panel_get_runs (panel ()));
  g_assert_cmpuint (n_before, ==, 50);
  {
    g_autoptr(TribRunRecord) first = g_list_model_get_item (_trib_runs_panel_get_runs (panel ()), 0);

    g_assert_cmpstr (trib_run_record_get_kind (first), ==, "backfill");
  }
  /* Scrolling down reads the next ones. */
  _trib_runs_panel_scroll_to_end (panel ());
  trib_ui_wait_until (n_listed_at_least, GUINT_TO_POINTER (100), "the second page of runs");
  _trib_runs_panel_scroll_to_end (panel ());
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) all = trib_history_list_runs (trib_run_controller_get_history (controller ()), NULL, 0, 0,
                                                        &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, >, 120);
    g_assert_cmpuint (all->len, <, 150);
    trib_ui_wait_until (n_listed_at_least, GUINT_TO_POINTER (all->len), "every run");
    trib_ui_settle_for (30);
    g_assert_cmpuint (g_list_model_get_n_items (_trib_runs_panel_get_runs (panel ())), ==, all->len);
  }
}

static gboolean
schedule_saved (gpointer data)
{
  return !_trib_schedule_button_is_saving (data);
}

static void
test_pause_schedule (void)
{
  TribScheduleButton *button = TRIB_SCHEDULE_BUTTON (_trib_run_toolbar_get_schedule_button (toolbar ()));
  g_autofree char *details = _trib_schedule_button_dup_details (button);
  g_autofree char *file = g_build_filename (workspace_dir, "workflows", WORKFLOW ".json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpstr (_trib_schedule_button_get_label (button), ==, "Daily at 00:30");
  g_assert_true (g_str_has_prefix (details, "Cron 00 30 00 * * ? in Asia/Shanghai, set on node workshop_start_spark.\nNext: "));
  g_assert_nonnull (strstr (details, "It fires while a scheduler runs"));

  /* Pausing writes the start node's recurrence, which the scheduler reads. */
  _trib_schedule_button_set_paused (button, TRUE);
  trib_ui_wait_until (schedule_saved, button, "the workflow to be saved");
  g_assert_cmpstr (_trib_schedule_button_get_label (button), ==, "Paused");
  text = trib_test_read_file (file);
  g_assert_nonnull (strstr (text, "\"recurrence\": \"Pause\""));
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "schedule", "status", workspace_dir, NULL },
                                      (const char *[]) { "TRIBUTARY_SYSTEMCTL=/nonexistent", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "user_profile_analysis_spark: 00 30 00 * * ? (paused: does not fire)\n"));

  _trib_schedule_button_set_paused (button, FALSE);
  trib_ui_wait_until (schedule_saved, button, "the workflow to be saved again");
  g_assert_cmpstr (_trib_schedule_button_get_label (button), ==, "Daily at 00:30");
  g_free (text);
  text = trib_test_read_file (file);
  g_assert_null (strstr (text, "\"recurrence\": \"Pause\""));
}

static gboolean is_ready (gpointer data);

/* What a node's context menu on the canvas will offer: the dialog plans only that node
 * and what is downstream of it. */
static void
test_run_node_with_descendants (void)
{
  GtkWindow *dialog;
  g_autofree char *preview = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (toolbar ()), "run.run-descendants", "s",
                                             "ods_user_info_d_2oss_spark"));
  dialog = _trib_run_toolbar_get_last_dialog (toolbar ());
  g_assert_true (TRIB_IS_RUN_DIALOG (dialog));
  trib_run_dialog_set_bizdate (TRIB_RUN_DIALOG (dialog), BIZDATE);
  preview = _trib_run_dialog_dup_preview (TRIB_RUN_DIALOG (dialog));
  g_assert_cmpstr (preview, ==, "ods_user_info_d_2oss_spark\n  bizdate=20240807\n\n"
                                "ods_user_info_d_spark\n  bizdate=20240807");
  gtk_window_close (dialog);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
scheduler_started (gpointer data)
{
  TribScheduler *scheduler = _trib_window_get_scheduler (window);

  return scheduler != NULL && trib_scheduler_get_workspace (scheduler) != NULL;
}

static void
set_test_clock (const char *path,
                const char *iso)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);

  trib_test_write_file (tmp, iso);
  g_assert_cmpint (g_rename (tmp, path), ==, 0);
}

/* Preferences turn on the scheduler inside the app: the workflow fires at 00:30 (a test
 * clock) as a run of kind "scheduled", and the runs panel lists it. */
static void
test_in_app_scheduler (void)
{
  GSettings *settings = trib_application_get_settings (the_app);
  g_autofree char *clock = g_build_filename (workspace_dir, "..", "clock", NULL);
  TribPreferencesWindow *preferences = NULL;
  Listed scheduled = { "20240808", TRIB_RUN_STATE_SUCCESS };
  GListModel *runs;
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean found = FALSE;

  set_test_clock (clock, "2024-08-09T00:29:50+08:00");
  g_setenv ("TRIBUTARY_TEST_CLOCK", clock, TRUE);

  /* Off by default; the switch in Preferences turns it on. */
  g_assert_false (g_settings_get_boolean (settings, "scheduler-in-app"));
  g_assert_null (_trib_window_get_scheduler (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (TRIB_IS_PREFERENCES_WINDOW (item))
        preferences = TRIB_PREFERENCES_WINDOW (item);
    }
  g_assert_nonnull (preferences);
  save_screenshot_of (GTK_WIDGET (preferences), "runs-preferences.png");
  gtk_switch_set_active (_trib_preferences_window_get_scheduler_switch (preferences), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "scheduler-in-app"));
  gtk_window_close (GTK_WINDOW (preferences));
  trib_ui_wait_until (scheduler_started, NULL, "the in-app scheduler to start");

  set_test_clock (clock, "2024-08-09T00:30:00+08:00");
  trib_ui_wait_until (panel_lists, &scheduled, "the scheduled run in the runs panel");
  runs = _trib_runs_panel_get_runs (panel ());
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(TribRunRecord) record = g_list_model_get_item (runs, i);

      if (g_str_equal (trib_run_record_get_bizdate (record), "20240808"))
        {
          g_assert_cmpstr (trib_run_record_get_kind (record), ==, "scheduled");
          g_assert_cmpstr (trib_run_record_get_cyctime (record), ==, "20240809003000");
          found = TRUE;
        }
    }
  g_assert_true (found);

  g_settings_set_boolean (settings, "scheduler-in-app", FALSE);
  g_assert_null (_trib_window_get_scheduler (window));
  g_unsetenv ("TRIBUTARY_TEST_CLOCK");
}

/* Closing a window while its run goes on asks first; "Stop Runs and Close" cancels the
 * run, records it, then closes. */
static void
test_close_with_a_run_going (void)
{
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) dir = g_file_new_for_path (workspace_dir);
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = g_build_filename (workspace_dir, ".tributary", NULL);
  g_autoptr(GFile) state_dir = g_file_new_for_path (state);
  TribWindow *main_window = window;
  TribWindow *second;
  AdwMessageDialog *dialog;
  guint16 port = 0;

  /* A second window on the workspace, so the tests' own window stays. */
  second = trib_window_new (the_app);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  gtk_window_present (GTK_WINDOW (second));
  window = second;
  trib_window_open_workspace (second, dir);
  trib_ui_wait_until (is_ready, NULL, "the second window's workspace");
  trib_window_show_workflow (second, workflow ());
  trib_ui_settle_for (30);

  service = silent_server (&port);
  g_signal_connect (service, "incoming", G_CALLBACK (hold_connection), held);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  set_data_source_option ("user_behavior_analysis_httpfile", "url", url);
  start_run ("20240802");
  trib_ui_wait_until (run_running_node, (gpointer) "ods_raw_log_d_2oss_spark", "the HTTP sync node to run");

  gtk_window_close (GTK_WINDOW (second));
  trib_ui_wait_until (has_message_dialog, NULL, "the question about the running run");
  g_assert_nonnull (second);
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Stop Runs?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "1 run is still going. Closing the window stops it.");
  save_screenshot_of (GTK_WIDGET (dialog), "runs-close-question.png");
  adw_message_dialog_response (dialog, "stop");
  window = main_window;
  trib_ui_wait_until (pointer_cleared, &second, "the window to close once the run is stopped");
  g_socket_service_stop (service);

  history = trib_history_open (state_dir, &error);
  g_assert_no_error (error);
  runs = trib_history_list_runs (history, NULL, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trib_run_record_get_bizdate (g_ptr_array_index (runs, 0)), ==, "20240802");
  g_assert_cmpint (trib_run_record_get_state (g_ptr_array_index (runs, 0)), ==, TRIB_RUN_STATE_CANCELLED);
}

static void
cli_ok (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = trib_test_run_cli (argv, NULL, &out, &err);

  if (status != 0)
    g_error ("tributary-cli %s %s failed (%d): %s%s", argv[0], argv[1], status, out, err);
}

/* The demo workspace, its data sources on the peers, no automatic reruns. */
static void
make_workspace (void)
{
  g_autofree char *parent = trib_test_make_tmpdir ("ui-runs-XXXXXX");
  g_autofree char *mysql_port_option = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  g_autofree char *http_url_option = g_strdup_printf ("url=%s", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_autofree char *endpoint = g_strdup_printf ("endpoint=%s", trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  g_autofree char *key_id = g_strdup_printf ("access_key_id=%s", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"));
  g_autofree char *region = g_strdup_printf ("region=%s", trib_test_require_env ("TRIB_TEST_S3_REGION"));
  g_autofree char *hs2_port_option = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT"));
  g_autoptr(GFile) dir = NULL;
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  TribWorkflow *demo;
  GListModel *nodes;

  workspace_dir = g_build_filename (parent, "workspace", NULL);
  cli_ok ((const char *[]) { "init", "--demo", workspace_dir, NULL });
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "user_behavior_analysis_mysql", "--type", "mysql",
                             "--option", "host=127.0.0.1", "--option", mysql_port_option, "--option", "database=workshop",
                             "--option", "user=workshop", "--option", "tls=disabled", NULL });
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "user_behavior_analysis_httpfile", "--type", "httpfile",
                             "--option", http_url_option, NULL });
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "test_g", "--type", "s3",
                             "--option", endpoint, "--option", region, "--option", "bucket=dw-emr-demo",
                             "--option", key_id, "--option", "path_style=true", NULL });
  cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "user_behavior_analysis_spark", "--type", "kyuubi",
                             "--option", "host=127.0.0.1", "--option", hs2_port_option, "--option", "transport=sasl",
                             "--option", "user=workshop", "--option", "database=default", NULL });

  dir = g_file_new_for_path (workspace_dir);
  workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);
  demo = trib_workspace_lookup_workflow (workspace, WORKFLOW);
  nodes = trib_workflow_get_nodes (demo);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      trib_json_object_put_int (trib_node_get_json (node), "rerunTimes", 0);
    }
  g_assert_true (trib_workflow_save (demo, NULL, &error));
  g_assert_no_error (error);

  /* The app reads secrets as the CLI does: the environment first. */
  g_setenv ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL", trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), TRUE);
  g_setenv ("TRIBUTARY_SECRET_TEST_G", trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"), TRUE);
  trib_test_require_env ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_SPARK");
}

/* A desktop notification server on the test's session bus (what GNotification talks to
 * outside a sandbox), recording what it is asked to show. */
static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s | %s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notifications->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body'],)"));
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "tributary", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_call, NULL, NULL, { NULL } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GVariant *reply;

  g_assert_no_error (error);
  notifications = g_ptr_array_new_with_free_func (g_free);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_unref (reply);
}

static gboolean
notified (gpointer data)
{
  for (guint i = 0; i < notifications->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (notifications, i), data))
      return TRUE;
  return FALSE;
}

static gboolean
is_ready (gpointer data)
{
  return trib_window_get_workspace (window) != NULL && controller () != NULL &&
         trib_run_controller_get_history (controller ()) != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  make_workspace ();
  start_notification_server ();

  the_app = trib_application_new ();
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  window = trib_window_new (the_app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  trib_ui_wait_until (trib_ui_is_mapped, window, "the window to be mapped");
  dir = g_file_new_for_path (workspace_dir);
  trib_window_open_workspace (window, dir);
  trib_ui_wait_until (is_ready, NULL, "the workspace and its run history");

  g_test_add_func ("/ui-runs/run-from-the-window", test_run_from_the_window);
  g_test_add_func ("/ui-runs/stop", test_stop_a_run);
  g_test_add_func ("/ui-runs/rerun-from-failed", test_rerun_from_failed);
  g_test_add_func ("/ui-runs/backfill-three-days", test_backfill_three_days);
  g_test_add_func ("/ui-runs/cli-run-listed", test_panel_lists_cli_runs);
  g_test_add_func ("/ui-runs/pages", test_panel_pages);
  g_test_add_func ("/ui-runs/pause-schedule", test_pause_schedule);
  g_test_add_func ("/ui-runs/run-node-with-descendants", test_run_node_with_descendants);
  g_test_add_func ("/ui-runs/in-app-scheduler", test_in_app_scheduler);
  g_test_add_func ("/ui-runs/close-with-a-run-going", test_close_with_a_run_going);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (30);
  return status;
}
