/* trib-preferences-window.h: the app's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRIB_TYPE_PREFERENCES_WINDOW (trib_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TribPreferencesWindow, trib_preferences_window, TRIB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Its switches are bound to @settings, the app's. */
TribPreferencesWindow *trib_preferences_window_new (GtkWindow *parent,
                                                    GSettings *settings);

/* For the UI tests */
GtkSwitch *_trib_preferences_window_get_scheduler_switch (TribPreferencesWindow *self);

G_END_DECLS
