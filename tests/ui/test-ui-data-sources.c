/* test-ui-data-sources.c: the data source dialog, tested against a real MariaDB and a
 * real Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "trib-application.h"
#include "trib-data-source-dialog-private.h"
#include "trib-test-util.h"
#include "trib-ui-test.h"
#include "trib-window-private.h"

#define WRONG_PASSWORD "certainly-Not-the-password-7"

static TribApplication *the_app;

static gboolean
test_finished (gpointer data)
{
  return !_trib_data_source_dialog_is_testing (data);
}

static gboolean
widget_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      {
        *(AdwMessageDialog **) data = l->data;
        return TRUE;
      }
  return FALSE;
}

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

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static TribWindow *
open_demo_workspace (char **dir_out)
{
  g_autoptr(GFile) file = NULL;
  TribWindow *window;

  *dir_out = trib_test_make_demo_workspace ();
  file = g_file_new_for_path (*dir_out);
  window = trib_window_new (the_app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  trib_window_open_workspace (window, file);
  trib_ui_wait_until (trib_ui_has_workspace, window, "the demo workspace to load");
  trib_ui_settle_for (30);
  return window;
}

static void
fill_mysql (TribDataSourceDialog *dialog,
            const char           *name,
            const char           *password)
{
  _trib_data_source_dialog_set_kind (dialog, TRIB_DATA_SOURCE_KIND_MYSQL);
  _trib_data_source_dialog_set_field (dialog, "name", name);
  _trib_data_source_dialog_set_field (dialog, "host", "127.0.0.1");
  _trib_data_source_dialog_set_field (dialog, "port", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  _trib_data_source_dialog_set_field (dialog, "database", trib_test_require_env ("TRIB_TEST_MYSQL_DATABASE"));
  _trib_data_source_dialog_set_field (dialog, "user", trib_test_require_env ("TRIB_TEST_MYSQL_USER"));
  _trib_data_source_dialog_set_field (dialog, "tls", "disabled");
  _trib_data_source_dialog_set_field (dialog, "secret", password);
}

static char *
run_test (TribDataSourceDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL);
  g_assert_true (_trib_data_source_dialog_is_testing (dialog));
  trib_ui_wait_until (test_finished, dialog, "the connectivity test");
  trib_ui_settle_for (30);
  return _trib_data_source_dialog_dup_result (dialog);
}

static void
test_mysql_dialog (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *shot = trib_ui_artifact_path ("ui-data-source-dialog.png");
  g_autofree char *shot_failed = trib_ui_artifact_path ("ui-data-source-dialog-failed.png");
  g_autofree char *result = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD");
  TribWindow *window = open_demo_workspace (&dir);
  TribWorkspace *workspace = trib_window_get_workspace (window);
  TribDataSourceDialog *dialog = _trib_window_open_data_source_dialog (window, NULL);
  GtkWidget *watch = GTK_WIDGET (dialog);
  const char *expected_hint =
    "Check the user name “workshop” and its password (from the keyring, or TRIBUTARY_SECRET_HARNESS_MYSQL), "
    "and that this user may connect from this computer's address.";

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &watch);
  /* Tall enough for the screenshots to show the test result. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 900);
  trib_ui_settle_for (30);

  /* Validation as you type: a port out of range names itself and blocks Save. */
  fill_mysql (dialog, "harness_mysql", password);
  g_assert_true (_trib_data_source_dialog_can_save (dialog));
  _trib_data_source_dialog_set_field (dialog, "port", "99999");
  g_assert_nonnull (_trib_data_source_dialog_get_field_error (dialog, "port"));
  g_assert_nonnull (strstr (_trib_data_source_dialog_get_field_error (dialog, "port"), "port"));
  g_assert_false (_trib_data_source_dialog_can_save (dialog));
  _trib_data_source_dialog_set_field (dialog, "port", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  _trib_data_source_dialog_set_field (dialog, "name", "test_g");
  g_assert_cmpstr (_trib_data_source_dialog_get_field_error (dialog, "name"), ==,
                   "The workspace already has a data source named “test_g”");
  g_assert_false (_trib_data_source_dialog_can_save (dialog));
  _trib_data_source_dialog_set_field (dialog, "name", "harness_mysql");
  g_assert_null (_trib_data_source_dialog_get_field_error (dialog, "port"));
  g_assert_true (_trib_data_source_dialog_can_save (dialog));

  /* The right password: connected, with the server's version. */
  result = run_test (dialog);
  g_assert_nonnull (result);
  g_assert_true (g_str_has_prefix (result, "Connected in "));
  g_assert_nonnull (strstr (result, "\nMariaDB 10."));
  g_assert_nonnull (strstr (result, "Endpoint: 127.0.0.1:"));
  save_screenshot (GTK_WIDGET (dialog), shot);
  g_clear_pointer (&result, g_free);

  /* A wrong one: the category, and a hint that names the secret's variable. */
  _trib_data_source_dialog_set_field (dialog, "secret", WRONG_PASSWORD);
  result = run_test (dialog);
  g_assert_true (g_str_has_prefix (result, "Authentication failed: Access denied for user 'workshop'@"));
  g_assert_true (g_str_has_suffix (result, expected_hint));
  g_assert_null (strstr (result, WRONG_PASSWORD));
  save_screenshot (GTK_WIDGET (dialog), shot_failed);
  g_clear_pointer (&result, g_free);

  /* Save with the right password: the workspace file names the source, never the
   * password, which is in the keyring. */
  _trib_data_source_dialog_set_field (dialog, "secret", password);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  trib_ui_wait_until (widget_gone, &watch, "the dialog to save and close");
  g_assert_nonnull (trib_workspace_lookup_data_source (workspace, "harness_mysql"));
  json_path = g_build_filename (dir, "tributary.json", NULL);
  json = trib_test_read_file (json_path);
  g_assert_nonnull (strstr (json, "\"name\": \"harness_mysql\""));
  g_assert_null (strstr (json, password));
  stored = trib_secrets_lookup_sync (trib_workspace_get_id (workspace), "harness_mysql", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, password);
  g_assert_cmpstr (g_ptr_array_index (_trib_window_get_toast_log (window), 0), ==, "Saved data source “harness_mysql”");

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (30);
  trib_test_rm_rf (dir);
}

static void
test_edit_test_and_delete (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *result = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD");
  TribWindow *window = open_demo_workspace (&dir);
  TribWorkspace *workspace = trib_window_get_workspace (window);
  TribDataSource *mysql = trib_workspace_lookup_data_source (workspace, "user_behavior_analysis_mysql");
  TribDataSourceDialog *dialog;
  AdwMessageDialog *confirm = NULL;
  GtkWidget *watch;

  /* Point the demo's MySQL source at the harness server, with its password in the keyring. */
  g_assert_true (trib_data_source_set_option (mysql, "port", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"), NULL));
  g_assert_true (trib_secrets_store_sync (trib_workspace_get_id (workspace), "user_behavior_analysis_mysql",
                                          password, NULL, &error));
  g_assert_no_error (error);

  dialog = _trib_window_open_data_source_dialog (window, mysql);
  watch = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &watch);
  trib_ui_settle_for (30);

  /* The stored password fills the field; the test passes and the sidebar shows it. */
  result = run_test (dialog);
  g_assert_true (g_str_has_prefix (result, "Connected in "));
  g_assert_cmpint (trib_sidebar_get_data_source_status (_trib_window_get_sidebar (window), "user_behavior_analysis_mysql"),
                   ==, TRIB_SIDEBAR_STATUS_OK);

  /* Delete: the confirmation names the node that uses it. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.delete", NULL);
  trib_ui_wait_until (message_dialog_shown, &confirm, "the delete confirmation");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "• ods_user_info_d_2oss_spark (User profile analysis_Spark)"));
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Delete “user_behavior_analysis_mysql”?");
  adw_message_dialog_response (confirm, "delete");
  gtk_window_destroy (GTK_WINDOW (confirm));
  trib_ui_wait_until (widget_gone, &watch, "the dialog to delete and close");

  g_assert_null (trib_workspace_lookup_data_source (workspace, "user_behavior_analysis_mysql"));
  stored = trib_secrets_lookup_sync (trib_workspace_get_id (workspace), "user_behavior_analysis_mysql", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (stored);
  /* The sync node now points at nothing, and the banner says so. */
  {
    g_autofree char *problems = _trib_window_dup_problems_text (window);
    g_assert_nonnull (problems);
    g_assert_nonnull (strstr (problems, "uses data source \"user_behavior_analysis_mysql\", which the workspace does not define"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (30);
  trib_test_rm_rf (dir);
}

static void
test_cancel_mid_test (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  TribWindow *window = open_demo_workspace (&dir);
  TribDataSourceDialog *dialog = _trib_window_open_data_source_dialog (window, NULL);
  gint64 started;

  /* A port that accepts connections and never says a word. */
  g_socket_listener_add_address (listener, any, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  fill_mysql (dialog, "silent", "x");
  _trib_data_source_dialog_set_field (dialog, "port", port);
  _trib_data_source_dialog_set_field (dialog, "connect_timeout", "30");
  _trib_data_source_dialog_set_field (dialog, "read_timeout", "30");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL);
  trib_ui_settle_for (30);
  g_assert_true (_trib_data_source_dialog_is_testing (dialog));

  /* The same button cancels, and the window answers at once. */
  started = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL);
  trib_ui_wait_until (test_finished, dialog, "the cancellation");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  g_assert_null (_trib_data_source_dialog_dup_result (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle_for (30);
  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  the_app = trib_application_new ();
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/data-sources/mysql-dialog", test_mysql_dialog);
  g_test_add_func ("/ui/data-sources/edit-test-delete", test_edit_test_and_delete);
  g_test_add_func ("/ui/data-sources/cancel-mid-test", test_cancel_mid_test);

  status = g_test_run ();
  g_clear_object (&the_app);
  return status;
}
