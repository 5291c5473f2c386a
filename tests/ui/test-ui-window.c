/* test-ui-window.c: the application opens workspaces, lists them, reports problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "trib-application.h"
#include "trib-test-util.h"
#include "trib-ui-test.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"

static gboolean
has_toast (gpointer data)
{
  return _trib_window_get_toast_log (data)->len > 0;
}

/* Renders the window as GTK draws it and saves it as PNG. */
static void
save_screenshot (GtkWidget  *window,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_assert_cmpint (width, >, 300);
  g_assert_cmpint (height, >, 200);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
assert_png_has_content (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  int width, height;
  g_autofree guchar *pixels = NULL;
  guint distinct = 0;
  guint32 first;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);

  /* Not a blank window: many different colours. */
  memcpy (&first, pixels, 4);
  for (gsize i = 0; i < (gsize) width * height && distinct < 50; i += 97)
    {
      guint32 px;
      memcpy (&px, pixels + i * 4, 4);
      if (px != first)
        distinct++;
    }
  g_assert_cmpuint (distinct, >=, 50);
}

static TribWindow *
new_window (TribApplication *app)
{
  TribWindow *window = trib_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  trib_ui_wait_until (trib_ui_is_mapped, window, "the window to be mapped");
  return window;
}

/* One registered application for the whole program, as in the real app. */
static TribApplication *the_app;

static TribApplication *
start_application (void)
{
  if (the_app == NULL)
    {
      g_autoptr(GError) error = NULL;

      the_app = trib_application_new ();
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }
  return g_object_ref (the_app);
}

static void
test_demo_workspace (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(TribApplication) app = start_application ();
  g_autofree char *shot = trib_ui_artifact_path ("ui-demo-workspace.png");
  TribWindow *window = new_window (app);
  g_auto(GStrv) workflows = NULL;
  g_auto(GStrv) sources = NULL;
  AdwTabView *tabs;
  TribWorkspace *workspace;

  trib_window_open_workspace (window, file);
  trib_ui_wait_until (trib_ui_has_workspace, window, "the demo workspace to load");
  trib_ui_settle_for (50);

  g_assert_cmpstr (_trib_window_get_visible_page (window), ==, "workspace");
  workflows = _trib_sidebar_dup_workflow_titles (_trib_window_get_sidebar (window));
  sources = _trib_sidebar_dup_data_source_titles (_trib_window_get_sidebar (window));

  g_assert_cmpuint (g_strv_length (workflows), ==, 1);
  g_assert_cmpstr (workflows[0], ==, "User profile analysis_Spark");
  /* Grouped by type: MySQL, HTTP file, object storage, Kyuubi. */
  g_assert_cmpuint (g_strv_length (sources), ==, 4);
  g_assert_cmpstr (sources[0], ==, "user_behavior_analysis_mysql");
  g_assert_cmpstr (sources[1], ==, "user_behavior_analysis_httpfile");
  g_assert_cmpstr (sources[2], ==, "test_g");
  g_assert_cmpstr (sources[3], ==, "user_behavior_analysis_spark");
  g_assert_null (_trib_window_dup_problems_text (window));

  /* Open the workflow: a tab with its five nodes. */
  workspace = trib_window_get_workspace (window);
  trib_window_show_workflow (window, trib_workspace_lookup_workflow (workspace, TRIB_DEMO_WORKFLOW_NAME));
  trib_ui_settle_for (50);
  tabs = _trib_window_get_tab_view (window);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_cmpstr (adw_tab_page_get_title (adw_tab_view_get_selected_page (tabs)), ==, "User profile analysis_Spark");

  save_screenshot (GTK_WIDGET (window), shot);
  assert_png_has_content (shot);

  /* Opening it again brings the same tab forward. */
  trib_window_show_workflow (window, trib_workspace_lookup_workflow (workspace, TRIB_DEMO_WORKFLOW_NAME));
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);

  /* It is now the first recent workspace. */
  {
    g_auto(GStrv) recent = g_settings_get_strv (trib_application_get_settings (app), "recent-workspaces");
    g_assert_cmpstr (recent[0], ==, dir);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (50);
  trib_test_rm_rf (dir);
}

static void
test_broken_workflow_stays_usable (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *daily = g_build_filename (dir, "workflows", "daily.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(TribApplication) app = start_application ();
  g_autofree char *shot = trib_ui_artifact_path ("ui-broken-workflow.png");
  TribWindow *window = new_window (app);
  g_autofree char *problems = NULL;
  g_auto(GStrv) workflows = NULL;
  GPtrArray *toasts;

  trib_test_write_file (daily,
                        "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"metadata\": {\"name\": \"daily\"},"
                        " \"spec\": {\"nodes\": ["
                        "{\"id\": \"a\", \"name\": \"a\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}}},"
                        "{\"id\": \"b\", \"name\": \"b\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}}},"
                        "{\"id\": \"c\", \"name\": \"c\", \"script\": {\"runtime\": {\"command\": \"FOO\"}}}]}}");

  trib_window_open_workspace (window, file);
  trib_ui_wait_until (trib_ui_has_workspace, window, "the workspace to load");
  trib_ui_settle_for (50);

  problems = _trib_window_dup_problems_text (window);
  g_assert_cmpstr (problems, ==, "workflows/daily.json: spec.nodes[2]: unknown node type \"FOO\"");
  toasts = _trib_window_get_toast_log (window);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (toasts, 0), ==, "The workspace has 1 problem");

  /* Both workflows are listed; the healthy one opens as usual. */
  workflows = _trib_sidebar_dup_workflow_titles (_trib_window_get_sidebar (window));
  g_assert_cmpuint (g_strv_length (workflows), ==, 2);
  g_assert_cmpstr (workflows[0], ==, "daily");
  g_assert_cmpstr (workflows[1], ==, "User profile analysis_Spark");
  trib_window_show_workflow (window, trib_workspace_lookup_workflow (trib_window_get_workspace (window), "daily"));
  trib_ui_settle_for (50);
  save_screenshot (GTK_WIDGET (window), shot);

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (50);
  trib_test_rm_rf (dir);
}

static void
test_unreadable_workspace_keeps_current (void)
{
  g_autofree char *good = trib_test_make_demo_workspace ();
  g_autofree char *bad = trib_test_make_tmpdir ("bad-XXXXXX");
  g_autofree char *bad_file = g_build_filename (bad, "tributary.json", NULL);
  g_autoptr(GFile) good_dir = g_file_new_for_path (good);
  g_autoptr(GFile) bad_dir = g_file_new_for_path (bad);
  g_autoptr(TribApplication) app = start_application ();
  TribWindow *window = new_window (app);
  TribWorkspace *before;
  GPtrArray *toasts;

  trib_window_open_workspace (window, good_dir);
  trib_ui_wait_until (trib_ui_has_workspace, window, "the workspace to load");
  before = trib_window_get_workspace (window);
  g_assert_cmpuint (_trib_window_get_toast_log (window)->len, ==, 0);

  trib_test_write_file (bad_file, "{\n  \"name\": \"bad\"\n  \"datasources\": []\n}\n");
  trib_window_open_workspace (window, bad_dir);
  trib_ui_wait_until (has_toast, window, "the error toast");

  toasts = _trib_window_get_toast_log (window);
  g_assert_cmpstr (g_ptr_array_index (toasts, 0), ==,
                   "tributary.json:3:3: malformed JSON: expected \",\" or \"}\" after the member, found the string \"datasources\"");
  /* The workspace that was open is still open. */
  g_assert_true (trib_window_get_workspace (window) == before);
  g_assert_cmpstr (_trib_window_get_visible_page (window), ==, "workspace");

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (50);
  trib_test_rm_rf (good);
  trib_test_rm_rf (bad);
}

static void
test_shortcuts_and_actions (void)
{
  g_autoptr(TribApplication) app = start_application ();
  TribWindow *window = new_window (app);
  g_auto(GStrv) help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");

  /* F1 opens the help; the shortcuts window comes from the resources. */
  g_assert_cmpstr (help[0], ==, "F1");
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-workspace", NULL) &&
                  trib_window_get_workspace (window) != NULL);
  g_assert_cmpstr (_trib_window_get_visible_page (window), ==, "welcome");

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (50);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/window/demo-workspace", test_demo_workspace);
  g_test_add_func ("/ui/window/broken-workflow", test_broken_workflow_stays_usable);
  g_test_add_func ("/ui/window/unreadable-workspace", test_unreadable_workspace_keeps_current);
  g_test_add_func ("/ui/window/shortcuts", test_shortcuts_and_actions);

  {
    int status = g_test_run ();
    g_clear_object (&the_app);
    return status;
  }
}
