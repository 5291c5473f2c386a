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
#include "trib-window-private.h"
#include "trib-workflow-page.h"

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   cond,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Lets layout and rendering catch up for a moment. Bounded in time: while a spinner
 * turns, the main loop always has work, and draining it would wait for the spinner. */
static void
settle_for (int rounds)
{
  for (int i = 0; i < rounds; i++)
    {
      gint64 until = g_get_monotonic_time () + 20000;

      while (g_get_monotonic_time () < until && g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

static void
settle (void)
{
  settle_for (15);
}

static gboolean
has_workspace (gpointer data)
{
  return trib_window_get_workspace (data) != NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

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

static char *
artifact_path (const char *name)
{
  g_autofree char *dir = g_build_filename (trib_test_require_env ("TRIB_BUILD_ROOT"), "test-artifacts", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = artifact_path (name);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Real input ------------------------------------------------------------------------ */

static gboolean
subprocess_done (gpointer data)
{
  return g_object_get_data (data, "done") != NULL;
}

static void
subprocess_finished_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  g_object_set_data (object, "done", GINT_TO_POINTER (1));
}

/* Runs xdotool while the main loop keeps running, so the window answers as it would. */
static void
xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, subprocess_finished_cb, NULL);
  wait_until (subprocess_done, process, "xdotool");
  g_assert_true (g_subprocess_get_successful (process));
  /* X delivers the events in order; a few rounds let GTK handle them. */
  settle_for (4);
}

/* The point (x, y) of @widget in X root coordinates. */
static void
root_point (GtkWidget *widget,
            double     x,
            double     y,
            int       *rx,
            int       *ry)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t point;
  double sx, sy;
  int ox = 0, oy = 0;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  gdk_x11_display_error_trap_push (gdk_display_get_default ());
  {
    Window child;
    XTranslateCoordinates (GDK_SURFACE_XDISPLAY (surface), gdk_x11_surface_get_xid (surface),
                           DefaultRootWindow (GDK_SURFACE_XDISPLAY (surface)), 0, 0, &ox, &oy, &child);
  }
  gdk_x11_display_error_trap_pop_ignored (gdk_display_get_default ());
  *rx = ox + (int) (point.x + sx);
  *ry = oy + (int) (point.y + sy);
}

static void
xdotool_printf (const char *format,
                ...) G_GNUC_PRINTF (1, 2);

/* One xdotool command line, split on spaces. */
static void
xdotool_printf (const char *format,
                ...)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) args = NULL;
  va_list ap;

  va_start (ap, format);
  line = g_strdup_vprintf (format, ap);
  va_end (ap);
  args = g_strsplit (line, " ", -1);
  xdotool ((const char * const *) args);
}

static GtkWidget *key_window;

static void
focus_main_window (void)
{
  if (key_window)
    xdotool_printf ("windowfocus %lu",
                    (unsigned long) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (key_window))));
}

/* Xvfb has no window manager: a dialog opens under the pointer, and GTK 4.8 then loses
 * count of the window's :active state on the next click. A hand leaves the pointer
 * where it was; the test parks it in the corner, outside every window, between gestures. */
static void
park_pointer (void)
{
  xdotool_printf ("mousemove %d %d", 1399, 899);
}

/* Presses the left button on (@from, fx, fy), moves in steps to (@to, tx, ty), releases;
 * each step is handled by the window before the next, as a hand would do it. */
static void
pointer_drag (GtkWidget *from,
              double     fx,
              double     fy,
              GtkWidget *to,
              double     tx,
              double     ty)
{
  int x0, y0, x1, y1;

  root_point (from, fx, fy, &x0, &y0);
  root_point (to, tx, ty, &x1, &y1);
  focus_main_window ();
  /* One xdotool run; the pauses let each motion arrive as a separate event. */
  xdotool_printf ("mousemove %d %d mousedown 1 "
                  "mousemove %d %d sleep 0.03 mousemove %d %d sleep 0.03 mousemove %d %d sleep 0.03 "
                  "mousemove %d %d sleep 0.03 mouseup 1 mousemove 1399 899",
                  x0, y0,
                  x0 + (x1 - x0) / 4, y0 + (y1 - y0) / 4,
                  x0 + (x1 - x0) / 2, y0 + (y1 - y0) / 2,
                  x0 + 3 * (x1 - x0) / 4, y0 + 3 * (y1 - y0) / 4,
                  x1, y1);
}


/* With no window manager, X input focus is not given back when a dialog closes:
 * give it to the main window before typing, as clicking its title bar would. */
static void
key (const char *keys)
{
  const char *args[] = { "key", "--delay", "30", keys, NULL };

  focus_main_window ();
  xdotool (args);
}

/* Fixtures -------------------------------------------------------------------------- */

static TribApplication *the_app;

static TribWindow *
open_window (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  TribWindow *window;

  if (the_app == NULL)
    {
      g_autoptr(GError) error = NULL;

      the_app = trib_application_new ();
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }
  window = trib_window_new (the_app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, window, "the window to be mapped");
  trib_window_open_workspace (window, file);
  wait_until (has_workspace, window, "the workspace to load");
  settle ();
  park_pointer ();
  key_window = GTK_WIDGET (window);
  return window;
}

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
  settle ();
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

  pointer_drag (handle, gtk_widget_get_width (handle) / 2.0, gtk_widget_get_height (handle) / 2.0,
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
  window = open_window (dir);

  /* Step 1 of the tutorial: create the workflow; the name is checked as typed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-workflow", NULL);
  dialog = TRIB_NAME_DIALOG (window->name_dialog);
  g_assert_nonnull (dialog);
  trib_name_dialog_set_name (dialog, "!!!");
  g_assert_cmpstr (trib_name_dialog_get_error (dialog), ==, "The name needs at least one letter or digit");
  g_assert_false (trib_name_dialog_accept (dialog));
  trib_name_dialog_set_name (dialog, "User profile analysis_Spark");
  g_assert_true (trib_name_dialog_accept (dialog));
  wait_until (file_exists, saved, "the new workflow file");
  settle ();

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
  settle ();

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
  settle ();

  /* The start node is moved up by dragging it; everything in view first. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.fit", NULL);
  settle ();
  {
    GtkWidget *start = trib_canvas_get_card (canvas, "workshop_start_spark");
    double x0, y0, x1, y1;

    trib_node_get_position (trib_workflow_lookup_node (workflow, "workshop_start_spark"), &x0, &y0);
    pointer_drag (start, 40, 20, start, 40, -80);
    trib_node_get_position (trib_workflow_lookup_node (workflow, "workshop_start_spark"), &x1, &y1);
    g_assert_cmpfloat (x1, ==, x0);
    g_assert_cmpfloat (y1, ==, y0 - 100);
    g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Move");
  }

  /* The five lines of the tutorial (the root one is implicit). */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.fit", NULL);
  settle ();
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
  save_screenshot (GTK_WIDGET (window), "ui-canvas-cycle-refused.png");
  key ("Escape");

  /* Undo the last line and redo it. */
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Connect");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.undo", NULL);
  g_assert_cmpuint (trib_workflow_list_upstream (workflow, "ods_user_info_d_spark")->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.redo", NULL);
  g_assert_cmpuint (trib_workflow_list_upstream (workflow, "ods_user_info_d_spark")->len, ==, 1);

  /* Save with Ctrl+S and compare with the demo's nodes and depends. */
  gtk_widget_grab_focus (trib_canvas_get_card (canvas, "workshop_start_spark"));
  settle ();
  g_assert_true (trib_workflow_is_modified (workflow));
  key ("ctrl+s");
  wait_until (not_modified, workflow, "the workflow to be saved");
  flow = describe_flow_file (saved);
  expected = describe_flow_file (demo_file);
  g_assert_cmpstr (flow, ==, expected);

  /* Format lays it out as the tutorial draws it, in one undoable step. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.format", NULL);
  settle ();
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
  wait_until (not_modified, workflow, "the formatted workflow to be saved");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.fit", NULL);
  settle ();
  save_screenshot (GTK_WIDGET (window), "ui-canvas-tutorial-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  save_screenshot (GTK_WIDGET (window), "ui-canvas-tutorial-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
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
  TribWindow *window = open_window (dir);
  TribWorkflowPage *page = _trib_window_get_current_workflow_page (window);
  TribCanvas *canvas = trib_workflow_page_get_canvas (page);
  TribWorkflow *workflow = trib_workflow_page_get_workflow (page);
  GtkWidget *start = trib_canvas_get_card (canvas, "workshop_start_spark");
  g_auto(GStrv) selection = NULL;
  double x0, y0, x1, y1;

  /* The first Tab on the canvas lands on the top node, which gets selected. */
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  settle ();
  key ("Tab");
  wait_until (card_has_focus, start, "the first node to get the focus");
  selection = trib_canvas_dup_selection (canvas);
  g_assert_cmpstrv (selection, ((const char *[]) { "workshop_start_spark", NULL }));

  /* Down goes to the nearest node below; Right to its neighbour. */
  key ("Down");
  g_assert_true (gtk_widget_has_focus (trib_canvas_get_card (canvas, "ods_raw_log_d_2oss_spark")));
  key ("Right");
  g_assert_true (gtk_widget_has_focus (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark")));

  /* Shift+arrows move the node one grid step. */
  trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"), &x0, &y0);
  key ("shift+Right");
  trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"), &x1, &y1);
  g_assert_cmpfloat (x1, ==, x0 + TRIB_CANVAS_GRID);
  g_assert_cmpfloat (y1, ==, y0);
  key ("ctrl+z");
  trib_node_get_position (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"), &x1, &y1);
  g_assert_cmpfloat (x1, ==, x0);

  /* F2 renames; every depends on it follows. */
  key ("F2");
  {
    TribNameDialog *dialog = canvas_name_dialog (canvas);

    g_assert_cmpstr (trib_name_dialog_get_name (dialog), ==, "ods_user_info_d_2oss_spark");
    trib_name_dialog_set_name (dialog, "user_sync");
    g_assert_true (trib_name_dialog_accept (dialog));
    settle ();
  }
  g_assert_cmpstr (trib_node_get_name (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark")), ==,
                   "user_sync");

  /* Delete removes the node and its two edges; undo brings them back. */
  gtk_widget_grab_focus (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark"));
  settle ();
  key ("Delete");
  g_assert_null (trib_workflow_lookup_node (workflow, "ods_user_info_d_2oss_spark"));
  g_assert_null (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark"));
  key ("ctrl+z");
  g_assert_nonnull (trib_canvas_get_card (canvas, "ods_user_info_d_2oss_spark"));
  g_assert_cmpuint (trib_workflow_list_upstream (workflow, "ods_user_info_d_spark")->len, ==, 1);

  /* Ctrl+D duplicates: a copy with its own output and no edges. */
  trib_canvas_reveal_node (canvas, "ods_raw_log_d_spark");
  settle ();
  key ("ctrl+d");
  g_assert_nonnull (trib_workflow_lookup_node_by_name (workflow, "ods_raw_log_d_spark_copy"));

  /* Ctrl+F finds a node by name and centres it. */
  g_assert_true (trib_workflow_page_find (page, "USER_INFO_D_SPARK"));
  settle ();
  g_assert_true (gtk_widget_has_focus (trib_canvas_get_card (canvas, "ods_user_info_d_spark")));

  /* Zoom from the keyboard. */
  key ("ctrl+equal");
  g_assert_cmpfloat (trib_canvas_get_zoom (canvas), >, 1.2);
  key ("ctrl+0");
  g_assert_cmpfloat (trib_canvas_get_zoom (canvas), ==, 1.0);

  /* Closing the modified tab asks first; Cancel keeps it open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL);
  settle ();
  g_assert_nonnull (window->close_dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (window->close_dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (window->close_dialog));
  settle ();
  g_assert_cmpint (adw_tab_view_get_n_pages (_trib_window_get_tab_view (window)), ==, 1);

  window->closing_without_asking = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  trib_test_rm_rf (dir);
}

/* A file changed on disk (git pull) reloads an unmodified tab. */
static void
test_reload_on_disk_change (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *path = g_build_filename (dir, "workflows", "user_profile_analysis_spark.json", NULL);
  TribWindow *window = open_window (dir);
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
  settle ();
  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/canvas/build-tutorial", test_build_tutorial);
  g_test_add_func ("/ui/canvas/keyboard-only", test_keyboard_only);
  g_test_add_func ("/ui/canvas/reload-on-disk-change", test_reload_on_disk_change);

  {
    int status = g_test_run ();
    g_clear_object (&the_app);
    return status;
  }
}
