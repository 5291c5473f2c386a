/* trib-ui-test.h: what every UI test does: wait for a condition, send real X input
 * through xdotool, find widgets as a screen reader does, save screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-application.h"
#include "trib-window.h"

G_BEGIN_DECLS

typedef gboolean (*TribUiCondition) (gpointer data);

/* gtk_test_init() and adw_init(), with the test accessibility backend. */
void        trib_ui_init              (int             *argc,
                                       char          ***argv);

/* Runs the main loop until @cond holds; fails the test after 30 s naming @what. */
void        trib_ui_wait_until        (TribUiCondition  cond,
                                       gpointer         data,
                                       const char      *what);
/* Conditions: the window (@data) has a workspace; the widget (@data) is mapped. */
gboolean    trib_ui_has_workspace     (gpointer         data);
gboolean    trib_ui_is_mapped         (gpointer         data);
/* Lets layout and rendering catch up for a moment (bounded in time). */
void        trib_ui_settle_for        (int              rounds);
void        trib_ui_settle            (void);

char       *trib_ui_artifact_path     (const char      *name);
void        trib_ui_save_screenshot   (GtkWidget       *window,
                                       const char      *name);
/* "NAME-light.png" and "NAME-dark.png". */
void        trib_ui_save_screenshots  (GtkWidget       *window,
                                       const char      *name);

/* Real input, through the X server. */
void        trib_ui_xdotool           (const char * const *args);
/* The point (x, y) of @widget in X root coordinates. */
void        trib_ui_root_point        (GtkWidget       *widget,
                                       double           x,
                                       double           y,
                                       int             *rx,
                                       int             *ry);
/* Presses the left button on (@from, fx, fy), moves in steps to (@to, tx, ty), releases. */
void        trib_ui_pointer_drag      (GtkWidget       *from,
                                       double           fx,
                                       double           fy,
                                       GtkWidget       *to,
                                       double           tx,
                                       double           ty);
void        trib_ui_xdotool_printf    (const char      *format,
                                       ...) G_GNUC_PRINTF (1, 2);
void        trib_ui_key               (const char      *keys);
/* Types @text as key presses. */
void        trib_ui_type              (const char      *text);
void        trib_ui_click             (GtkWidget       *widget);
void        trib_ui_double_click      (GtkWidget       *widget);
void        trib_ui_park_pointer      (void);
void        trib_ui_focus_main_window (void);

/* A new window of the test's application with @dir open as its workspace. */
TribWindow *trib_ui_open_window       (const char      *dir);
void        trib_ui_shutdown          (void);

/* The first widget under @root (in tree order) with @role whose accessible name is
 * @name: its label property, or the text a screen reader reads for it (a button's or
 * check button's label, a row's title, a label's text). NULL if none is visible. */
GtkWidget  *trib_ui_find              (GtkWidget         *root,
                                       GtkAccessibleRole  role,
                                       const char        *name);
/* Like trib_ui_find(), and fails the test when there is none. */
GtkWidget  *trib_ui_get               (GtkWidget         *root,
                                       GtkAccessibleRole  role,
                                       const char        *name);
/* The accessible description of @widget as set by the app, or NULL. */
gboolean    trib_ui_has_description   (GtkWidget       *widget,
                                       const char      *description);

/* tributary-cli with @argv; fails the test when it fails. */
void        trib_ui_cli_ok            (const char * const *argv);
/* The demo workspace in a new folder, its data sources on the test's peers and the
 * secrets in the environment, as the app reads them. Returns the workspace folder. */
char       *trib_ui_make_demo_workspace (const char    *tmp_template);

G_END_DECLS
