/* trib-ui-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

#include "trib-test-util.h"
#include "trib-ui-test.h"

void
trib_ui_wait_until (TribUiCondition  cond,
                    gpointer         data,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

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
void
trib_ui_settle_for (int rounds)
{
  for (int i = 0; i < rounds; i++)
    {
      gint64 until = g_get_monotonic_time () + 20000;

      while (g_get_monotonic_time () < until && g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

void
trib_ui_settle (void)
{
  trib_ui_settle_for (15);
}

gboolean
trib_ui_has_workspace (gpointer data)
{
  return trib_window_get_workspace (data) != NULL;
}

gboolean
trib_ui_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

char *
trib_ui_artifact_path (const char *name)
{
  g_autofree char *dir = g_build_filename (trib_test_require_env ("TRIB_BUILD_ROOT"), "test-artifacts", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

typedef struct
{
  GtkWidget     *window;
  GdkPaintable  *paintable;
  GskRenderNode *node;
} Capture;

/* Right after a frame is painted, every widget has the allocation it was painted with:
 * no idle handler has had the chance to queue a resize in between. */
static void
capture_after_paint_cb (GdkFrameClock *clock,
                        Capture       *capture)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  if (capture->node != NULL)
    return;
  gdk_paintable_snapshot (capture->paintable, snapshot, gtk_widget_get_width (capture->window),
                          gtk_widget_get_height (capture->window));
  capture->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static gboolean
captured (gpointer data)
{
  Capture *capture = data;

  if (capture->node == NULL)
    gtk_widget_queue_draw (capture->window);
  return capture->node != NULL;
}

void
trib_ui_save_screenshot (GtkWidget  *window,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = trib_ui_artifact_path (name);
  GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (window));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (native);
  Capture capture = { window, paintable, NULL };
  gulong handler;

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (capture_after_paint_cb), &capture);
  gtk_widget_queue_draw (native);
  trib_ui_wait_until (captured, &capture, "a frame to capture");
  g_signal_handler_disconnect (clock, handler);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (native)), capture.node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                              gtk_widget_get_height (window)));
  gsk_render_node_unref (capture.node);
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
void
trib_ui_xdotool (const char * const *args)
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
  trib_ui_wait_until (subprocess_done, process, "xdotool");
  g_assert_true (g_subprocess_get_successful (process));
  /* X delivers the events in order; a few rounds let GTK handle them. */
  trib_ui_settle_for (4);
}

/* The point (x, y) of @widget in X root coordinates. */
void
trib_ui_root_point (GtkWidget *widget,
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

/* One xdotool command line, split on spaces. */
void
trib_ui_xdotool_printf (const char *format,
                        ...)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) args = NULL;
  va_list ap;

  va_start (ap, format);
  line = g_strdup_vprintf (format, ap);
  va_end (ap);
  args = g_strsplit (line, " ", -1);
  trib_ui_xdotool ((const char * const *) args);
}

static GtkWidget *key_window;

void
trib_ui_focus_main_window (void)
{
  if (key_window)
    trib_ui_xdotool_printf ("windowfocus %lu",
                    (unsigned long) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (key_window))));
}

/* Xvfb has no window manager: a dialog opens under the pointer, and GTK 4.8 then loses
 * count of the window's :active state on the next click. A hand leaves the pointer
 * where it was; the test parks it in the corner, outside every window, between gestures. */
void
trib_ui_park_pointer (void)
{
  trib_ui_xdotool_printf ("mousemove %d %d", 1399, 899);
}

/* With no window manager, X input focus is not given back when a dialog closes:
 * give it to the main window before typing, as clicking its title bar would. */
void
trib_ui_key (const char *keys)
{
  const char *args[] = { "key", "--delay", "30", keys, NULL };

  trib_ui_focus_main_window ();
  trib_ui_xdotool (args);
}


/* Presses the left button on (@from, fx, fy), moves in steps to (@to, tx, ty), releases;
 * each step is handled by the window before the next, as a hand would do it. */
void
trib_ui_pointer_drag (GtkWidget *from,
                      double     fx,
                      double     fy,
                      GtkWidget *to,
                      double     tx,
                      double     ty)
{
  int x0, y0, x1, y1;

  trib_ui_root_point (from, fx, fy, &x0, &y0);
  trib_ui_root_point (to, tx, ty, &x1, &y1);
  trib_ui_focus_main_window ();
  /* One xdotool run; the pauses let each motion arrive as a separate event. */
  trib_ui_xdotool_printf ("mousemove %d %d mousedown 1 "
                  "mousemove %d %d sleep 0.03 mousemove %d %d sleep 0.03 mousemove %d %d sleep 0.03 "
                  "mousemove %d %d sleep 0.03 mouseup 1 mousemove 1399 899",
                  x0, y0,
                  x0 + (x1 - x0) / 4, y0 + (y1 - y0) / 4,
                  x0 + (x1 - x0) / 2, y0 + (y1 - y0) / 2,
                  x0 + 3 * (x1 - x0) / 4, y0 + 3 * (y1 - y0) / 4,
                  x1, y1);
}

void
trib_ui_save_screenshots (GtkWidget  *window,
                          const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme before = adw_style_manager_get_color_scheme (style);
  g_autofree char *light = g_strconcat (name, "-light.png", NULL);
  g_autofree char *dark = g_strconcat (name, "-dark.png", NULL);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  trib_ui_settle ();
  trib_ui_save_screenshot (window, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  trib_ui_settle ();
  trib_ui_save_screenshot (window, dark);
  adw_style_manager_set_color_scheme (style, before);
  trib_ui_settle ();
}

void
trib_ui_type (const char *text)
{
  const char *args[] = { "type", "--delay", "20", "--", text, NULL };

  trib_ui_focus_main_window ();
  trib_ui_xdotool (args);
}

static void
click_times (GtkWidget *widget,
             int        times)
{
  int x, y;

  trib_ui_root_point (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, &x, &y);
  trib_ui_focus_main_window ();
  trib_ui_xdotool_printf ("mousemove %d %d click --repeat %d --delay 80 1 mousemove 1399 899", x, y, times);
}

void
trib_ui_click (GtkWidget *widget)
{
  click_times (widget, 1);
}

void
trib_ui_double_click (GtkWidget *widget)
{
  click_times (widget, 2);
}

void
trib_ui_init (int    *argc,
              char ***argv)
{
  /* The test accessibility backend keeps what the app tells a screen reader, so the
   * tests can find widgets by it. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* Fixtures -------------------------------------------------------------------------- */

static TribApplication *the_app;

TribWindow *
trib_ui_open_window (const char *dir)
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
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  trib_ui_wait_until (trib_ui_is_mapped, window, "the window to be mapped");
  trib_window_open_workspace (window, file);
  trib_ui_wait_until (trib_ui_has_workspace, window, "the workspace to load");
  trib_ui_settle ();
  trib_ui_park_pointer ();
  key_window = GTK_WIDGET (window);
  return window;
}

void
trib_ui_shutdown (void)
{
  g_clear_object (&the_app);
}

/* Finding widgets as a screen reader does ----------------------------------------------- */

static char *
strip_mnemonic (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (; text && *text; text++)
    if (*text != '_')
      g_string_append_c (out, *text);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
widget_has_name (GtkWidget  *widget,
                 const char *name)
{
  g_autofree char *mismatch = NULL;
  g_autofree char *text = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      return mismatch == NULL;
    }
  if (GTK_IS_BUTTON (widget))
    text = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));
  else if (GTK_IS_CHECK_BUTTON (widget))
    text = strip_mnemonic (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  else if (GTK_IS_LABEL (widget))
    text = g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
  return g_strcmp0 (text, name) == 0;
}

GtkWidget *
trib_ui_find (GtkWidget         *root,
              GtkAccessibleRole  role,
              const char        *name)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)) == role && widget_has_name (root, name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = trib_ui_find (child, role, name);

      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
trib_ui_get (GtkWidget         *root,
             GtkAccessibleRole  role,
             const char        *name)
{
  GtkWidget *found = trib_ui_find (root, role, name);

  if (found == NULL)
    g_error ("no visible widget named “%s” with accessible role %d", name, role);
  return found;
}

gboolean
trib_ui_has_description (GtkWidget  *widget,
                         const char *description)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                 description);
  return mismatch == NULL;
}

void
trib_ui_cli_ok (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = trib_test_run_cli (argv, NULL, &out, &err);

  if (status != 0)
    g_error ("tributary-cli %s %s failed (%d): %s%s", argv[0], argv[1], status, out, err);
}

char *
trib_ui_make_demo_workspace (const char *tmp_template)
{
  g_autofree char *parent = trib_test_make_tmpdir (tmp_template);
  g_autofree char *mysql_port_option = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  g_autofree char *http_url_option = g_strdup_printf ("url=%s", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_autofree char *endpoint = g_strdup_printf ("endpoint=%s", trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  g_autofree char *key_id = g_strdup_printf ("access_key_id=%s", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"));
  g_autofree char *region = g_strdup_printf ("region=%s", trib_test_require_env ("TRIB_TEST_S3_REGION"));
  char *workspace_dir = g_build_filename (parent, "workspace", NULL);

  trib_ui_cli_ok ((const char *[]) { "init", "--demo", workspace_dir, NULL });
  trib_ui_cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "user_behavior_analysis_mysql", "--type", "mysql",
                                     "--option", "host=127.0.0.1", "--option", mysql_port_option,
                                     "--option", "database=workshop", "--option", "user=workshop",
                                     "--option", "tls=disabled", NULL });
  trib_ui_cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "user_behavior_analysis_httpfile",
                                     "--type", "httpfile", "--option", http_url_option, NULL });
  trib_ui_cli_ok ((const char *[]) { "datasource", "set", workspace_dir, "test_g", "--type", "s3",
                                     "--option", endpoint, "--option", region, "--option", "bucket=dw-emr-demo",
                                     "--option", key_id, "--option", "path_style=true", NULL });

  /* The app reads secrets as the CLI does: the environment first. */
  g_setenv ("TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_MYSQL", trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), TRUE);
  g_setenv ("TRIBUTARY_SECRET_TEST_G", trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"), TRUE);
  return workspace_dir;
}
