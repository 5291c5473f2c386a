/* test-ui-canvas.c: the tutorial's workflow drawn on the canvas, with real pointer and
 * key events sent to the X server by xdotool, as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "trib-application.h"
#include "trib-canvas.h"
#include "trib-name-dialog.h"
#include "trib-node-card.h"
#include "trib-test-util.h"
#include "trib-ui-test.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
not_modified (gpointer data)
{
  return !trib_workflow_is_modified (data);
}

/* Real input ------------------------------------------------------------------------ */


/* Fixtures -------------------------------------------------------------------------- */

static TribNameDialog *
canvas_name_dialog (TribCanvas *canvas)
{
  TribNameDialog *dialog = g_object_get_data (G_OBJECT (canvas), "trib-name-dialog");

  g_assert_true (TRIB_IS_NAME_DIALOG (dialog));
  return dialog;
}

static void
create_node_at (TribCanvas   *canvas,
                TribNodeKind  kind,
                const char   *name,
                double        x,
                double        y)
{
  TribNameDialog *dialog;

  trib_canvas_create_node_at (canvas, kind, x, y);
  dialog = canvas_name_dialog (canvas);
  trib_name_dialog_set_name (dialog, name);
  g_assert_null (trib_name_dialog_get_error (dialog));
  g_assert_true (trib_name_dialog_accept (dialog));
  trib_ui_settle ();
  g_assert_nonnull (trib_canvas_get_card (canvas, name));
}

static void
draw_line (TribCanvas *canvas,
           const char *from,
           const char *to)
{
  TribNodeCard *a = TRIB_NODE_CARD (trib_canvas_get_card (canvas, from));
  GtkWidget *b = trib_canvas_get_card (canvas, to);
  GtkWidget *handle = trib_node_card_get_handle (a);

  trib_ui_pointer_drag (handle, gtk_widget_get_width (handle) / 2.0, gtk_widget_get_height (handle) / 2.0,
                b, gtk_widget_get_width (b) / 2.0, gtk_widget_get_height (b) / 2.0);
}

/* "node<-upstream,...;..." of a FlowSpec file's spec.flow. */
static char *
describe_flow_file (const char *path)
{
  g_autofree char *text = trib_test_read_file (path);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *spec = json_object_get_object_member (json_node_get_object (root), "spec");
  JsonArray *flow = json_object_get_array_member (spec, "flow");
  JsonArray *nodes = json_object_get_array_member (spec, "nodes");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonObject *runtime = json_object_get_object_member (json_object_get_object_member (node, "script"), "runtime");

      g_string_append_printf (out, "%s:%s ", json_object_get_string_member (node, "name"),
                              json_object_get_string_member (runtime, "command"));
    }
  for (guint i = 0; i < json_array_get_length (flow); i++)
    {
      JsonObject *entry = json_array_get_object_element (flow, i);
      JsonArray *depends = json_object_get_array_member (entry, "depends");

      g_string_append_printf (out, ";%s<-", json_object_get_string_member (entry, "nodeId"));
      for (guint j = 0; j < json_array_get_length (depends); j++)
        {
          JsonObject *dep = json_array_get_object_element (depends, j);
          g_string_append (out, json_object_has_member (dep, "nodeId") ? json_object_get_string_member (dep, "nodeId")
                                                                       : json_object_get_string_member (dep, "output"));
        }
    }
  return g_string_free (out, FALSE);
}

/* Tests ----------------------------------------------------------------------------- */

static void
test_build_tutorial (void)
{
  g_autofree char *tmp = trib_test_make_tmpdir ("trib-canvas-XXXXXX");
  g_autofree char *dir = g_build_filename (tmp, "ws", NULL);
  g_autofree char *saved = g_build_filename (dir, "workflows", "user_profile_analysis_spark.json", NULL);
  g_autofree char *demo_dir = trib_test_make_demo_workspace ();
  g_autofree char *demo_file = g_build_filename (demo_dir, "workflows", "user_profile_analysis_spark.json", NULL);
  g_autofree char *flow = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) ws_file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) created = trib_workspace_create (ws_file, "user_behavior_analysis", &error);
  TribWindow *window;
  TribNameDialog *dialog;
  TribWorkflowPage *page;
  TribCanvas *canvas;
  TribWorkflow *workflow;
  TribUndoStack *undo;
  int w, h;

  g_assert_no_error (error);
  window = trib_ui_open_window (dir);

  /* Step 1 of the tutorial: create the workflow; the name is checked as typed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-workflow", NULL);
  dialog = TRIB_NAME_DIALOG (window->name_dialog);
  g_assert_nonnull (dialog);
  trib_name_dialog_set_name (dialog, "!!!");
  g_assert_cmpstr (trib_name_dialog_get_error (dialog), ==, "The name needs at least one letter or digit");
  g_assert_false (trib_name_dialog_accept (dialog));
  trib_name_dialog_set_name (dialog, "User profile analysis_Spark");
  g_assert_true (trib_name_dialog_accept (dialog));
  trib_ui_wait_until (file_exists, saved, "the new workflow file");
  trib_ui_settle ();

  page = _trib_window_get_current_workflow_page (window);
  g_assert_nonnull (page);
  canvas = trib_workflow_page_get_canvas (page);
  workflow = trib_workflow_page_get_workflow (page);
  undo = trib_workflow_page_get_undo_stack (page);
  w = gtk_widget_get_width (GTK_WIDGET (canvas));
  h = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_assert_cmpint (w, >, 600);

  /* Create Node → General → Zero-load node, placed at the centre; a bad name first. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.create-node", "s", "VIRTUAL");
  dialog = canvas_name_dialog (canvas);
  trib_name_dialog_set_name (dialog, "workshop start");
  g_assert_cmpstr (trib_name_dialog_get_error (dialog), ==, "A node name cannot contain spaces; use \"_\" instead");
  trib_name_dialog_set_name (dialog, "workshop_start_spark");
  g_assert_true (trib_name_dialog_accept (dialog));
  trib_ui_settle ();

  /* The others dropped where they go, as from the palette. */
  create_node_at (canvas, TRIB_NODE_KIND_DI, "ods_raw_log_d_2oss_spark", w / 2.0 - 200, h / 2.0 + 140);
  create_node_at (canvas, TRIB_NODE_KIND_DI, "ods_user_info_d_2oss_spark", w / 2.0 + 200, h / 2.0 + 140);
  create_node_at (canvas, TRIB_NODE_KIND_EMR_SPARK_SQL, "ods_raw_log_d_spark", w / 2.0 - 200, h / 2.0 + 280);
  create_node_at (canvas, TRIB_NODE_KIND_EMR_SPARK_SQL, "ods_user_info_d_spark", w / 2.0 + 200, h / 2.0 + 280);

  /* A duplicate name is refused as typed. */
  trib_canvas_create_node (canvas, TRIB_NODE_KIND_DI);
  dialog = canvas_name_dialog (canvas);
  trib_name_dialog_set_name (dialog, "ods_raw_log_d_spark");
  g_assert_cmpstr (trib_name_dialog_get_error (dialog), ==,
                   "This workflow already has a node named \"ods_raw_log_d_spark\"");
  gtk_window_destroy (GTK_WINDOW (dialog));
  trib_ui_settle ();

  /* The start node is moved up by dragging it; everything in view first. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.fit", NULL);
  trib_ui_settle ();
  {
    GtkWidget *start = trib_canvas_get_card (canvas, "workshop_start_spark");
    double x0, y0, x1, y1;

    trib_node_get_position (trib_workflow_lookup_node (workflow, "workshop_start_spark"), &x0, &y0);
    trib_ui_pointer_drag (start, 40, 20, start, 40, -80);
    trib_node_get_position (trib_workflow_lookup_node (workflow, "workshop_start_spark"), &x1, &y1);
    g_assert_cmpfloat (x1, ==, x0);
    g_assert_cmpfloat (y1, ==, y0 - 100);
    g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Move");
  }

  /* The five lines of the tutorial (the root one is implicit). */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.fit", NULL);
  trib_ui_settle ();
  draw_line (canvas, "workshop_start_spark", "ods_raw_log_d_2oss_spark");
  draw_line (canvas, "workshop_start_spark", "ods_user_info_d_2oss_spark");
  draw_line (canvas, "ods_raw_log_d_2oss_spark", "ods_raw_log_d_spark");
  draw_line (canvas, "ods_user_info_d_2oss_spark", "ods_user_info_d_spark");
  g_assert_cmpuint (trib_workflow_list_upstream (workflow, "ods_user_info_d_spark")->len, ==, 1);

  /* A line that closes a cycle is refused where the pointer is, with its path. */
  draw_line (canvas, "ods_raw_log_d_spark", "workshop_start_spark");
  g_assert_cmpstr (trib_canvas_get_message (canvas), ==,
                   "This line would create a cycle: ods_raw_log_d_spark → workshop_start_spark → "
                   "ods_raw_log_d_2oss_spark → ods_raw_log_d_spark");
  trib_ui_save_screenshot (GTK_WIDGET (window), "ui-canvas-cycle-refused.png");
  trib_ui_key ("Escape");

  /* Undo the last line and redo it. */
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Connect");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_cmpuint (trib_workflow_list_upstream (workflow, "ods_user_info_d_spark")->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.redo", NULL);
  g_assert_cmpuint (trib_workflow_list_upstream (workflow, "ods_user_info_d_spark")->len, ==, 1);

  /* Save with Ctrl+S and compare with the demo's nodes and depends. */
  gtk_widget_grab_focus (trib_canvas_get_card (canvas, "workshop_start_spark"));
  trib_ui_settle ();
  g_assert_true (trib_workflow_is_modified (workflow));
  trib_ui_key ("ctrl+s");
  trib_ui_wait_until (not_modified, workflow, "the workflow to be saved");
  flow = describe_flow_file (saved);
  expected = describe_flow_file (demo_file);
  g_assert_cmpstr (flow, ==, expected);

  /* Format lays it out as the tutorial draws it, in one undoable step. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.format", NULL);
  trib_ui_settle ();
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Format");
  {
    double sx, sy, ax, ay, bx, by;

    trib_node_get_position (trib_workflow_lookup_node (workflow, "workshop_start_spark"), &sx, &sy);
    trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_raw_log_d_2oss_spark"), &ax, &ay);
    trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"), &bx, &by);
    g_assert_cmpfloat (sy, <, ay);
    g_assert_cmpfloat (ay, ==, by);
    g_assert_cmpfloat (sx, ==, (ax + bx) / 2);
  }
  gtk_widget_activate_action (GTK_WIDGET (page), "page.save", NULL);
  trib_ui_wait_until (not_modified, workflow, "the formatted workflow to be saved");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.fit", NULL);
  trib_ui_settle ();
  trib_ui_save_screenshot (GTK_WIDGET (window), "ui-canvas-tutorial-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  trib_ui_settle ();
  trib_ui_save_screenshot (GTK_WIDGET (window), "ui-canvas-tutorial-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
  trib_test_rm_rf (tmp);
  trib_test_rm_rf (demo_dir);
}

static gboolean
card_has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

static void
test_keyboard_only (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  TribWindow *window = trib_ui_open_window (dir);
  TribWorkflowPage *page = _trib_window_get_current_workflow_page (window);
  TribCanvas *canvas = trib_workflow_page_get_canvas (page);
  TribWorkflow *workflow = trib_workflow_page_get_workflow (page);
  GtkWidget *start = trib_canvas_get_card (canvas, "workshop_start_spark");
  g_auto(GStrv) selection = NULL;
  double x0, y0, x1, y1;

  /* The first Tab on the canvas lands on the top node, which gets selected. */
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  trib_ui_settle ();
  trib_ui_key ("Tab");
  trib_ui_wait_until (card_has_focus, start, "the first node to get the focus");
  selection = trib_canvas_dup_selection (canvas);
  g_assert_cmpstrv (selection, ((const char *[]) { "workshop_start_spark", NULL }));

  /* Down goes to the nearest node below; Right to its neighbour. */
  trib_ui_key ("Down");
  g_assert_true (gtk_widget_has_focus (trib_canvas_get_card (canvas, "ods_raw_log_d_2oss_spark")));
  trib_ui_key ("Right");
  g_assert_true (gtk_widget_has_focus (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark")));

  /* Shift+arrows move the node one grid step. */
  trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"), &x0, &y0);
  trib_ui_key ("shift+Right");
  trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"), &x1, &y1);
  g_assert_cmpfloat (x1, ==, x0 + TRIB_CANVAS_GRID);
  g_assert_cmpfloat (y1, ==, y0);
  trib_ui_key ("ctrl+z");
  trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"), &x1, &y1);
  g_assert_cmpfloat (x1, ==, x0);

  /* F2 renames; every depends on it follows. */
  trib_ui_key ("F2");
  {
    TribNameDialog *dialog = canvas_name_dialog (canvas);

    g_assert_cmpstr (trib_name_dialog_get_name (dialog), ==, "ods_user_info_d_2oss_spark");
    trib_name_dialog_set_name (dialog, "user_sync");
    g_assert_true (trib_name_dialog_accept (dialog));
    trib_ui_settle ();
  }
  g_assert_cmpstr (trib_node_get_name (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark")), ==,
                   "user_sync");

  /* Delete removes the node and its two edges; undo brings them back. */
  gtk_widget_grab_focus (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark"));
  trib_ui_settle ();
  trib_ui_key ("Delete");
  g_assert_null (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"));
  g_assert_null (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark"));
  trib_ui_key ("ctrl+z");
  g_assert_nonnull (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark"));
  g_assert_cmpuint (trib_workflow_list_upstream (workflow, "ods_user_info_d_spark")->len, ==, 1);

  /* Ctrl+D duplicates: a copy with its own output and no edges. */
  trib_canvas_reveal_node (canvas, "ods_raw_log_d_spark");
  trib_ui_settle ();
  trib_ui_key ("ctrl+d");
  g_assert_nonnull (trib_workflow_lookup_node_by_name (workflow, "ods_raw_log_d_spark_copy"));

  /* Ctrl+F finds a node by name and centres it. */
  g_assert_true (trib_workflow_page_find (page, "USER_INFO_D_SPARK"));
  trib_ui_settle ();
  g_assert_true (gtk_widget_has_focus (trib_canvas_get_card (canvas, "ods_user_info_d_spark")));

  /* Zoom from the keyboard. */
  trib_ui_key ("ctrl+equal");
  g_assert_cmpfloat (trib_canvas_get_zoom (canvas), >, 1.2);
  trib_ui_key ("ctrl+0");
  g_assert_cmpfloat (trib_canvas_get_zoom (canvas), ==, 1.0);

  /* Closing the modified tab asks first; Cancel keeps it open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL);
  trib_ui_settle ();
  g_assert_nonnull (window->close_dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (window->close_dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (window->close_dialog));
  trib_ui_settle ();
  g_assert_cmpint (adw_tab_view_get_n_pages (_trib_window_get_tab_view (window)), ==, 1);

  window->closing_without_asking = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
  trib_test_rm_rf (dir);
}

/* A file changed on disk (git pull) reloads an unmodified tab. */
static void
test_reload_on_disk_change (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *path = g_build_filename (dir, "workflows", "user_profile_analysis_spark.json", NULL);
  TribWindow *window = trib_ui_open_window (dir);
  TribWorkflowPage *page = _trib_window_get_current_workflow_page (window);
  TribCanvas *canvas = trib_workflow_page_get_canvas (page);
  g_autofree char *text = trib_test_read_file (path);
  g_autoptr(GString) edited = g_string_new (text);
  gint64 deadline;

  g_string_replace (edited, "\"name\": \"ods_raw_log_d_spark\"", "\"name\": \"raw_log_table\"", 1);
  trib_test_write_file (path, edited->str);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_strcmp0 (trib_node_get_name (trib_node_card_get_node (TRIB_NODE_CARD (
           trib_canvas_get_card (canvas, "ods_raw_log_d_spark")))), "raw_log_table") != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_false (trib_workflow_is_modified (trib_workflow_page_get_workflow (page)));
  g_assert_false (trib_workflow_page_is_conflicted (page));

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  trib_ui_init (&argc, &argv);

  g_test_add_func ("/ui/canvas/build-tutorial", test_build_tutorial);
  g_test_add_func ("/ui/canvas/keyboard-only", test_keyboard_only);
  g_test_add_func ("/ui/canvas/reload-on-disk-change", test_reload_on_disk_change);

  {
    int status = g_test_run ();
    trib_ui_shutdown ();
    return status;
  }
}
