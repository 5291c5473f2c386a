/* trib-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-preferences-window.h"

struct _TribPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *scheduler_switch;
};

G_DEFINE_FINAL_TYPE (TribPreferencesWindow, trib_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
trib_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TRIB_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (trib_preferences_window_parent_class)->dispose (object);
}

static void
trib_preferences_window_class_init (TribPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trib_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tributary/Tributary/ui/trib-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TribPreferencesWindow, scheduler_switch);
}

static void
trib_preferences_window_init (TribPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TribPreferencesWindow *
trib_preferences_window_new (GtkWindow *parent,
                             GSettings *settings)
{
  TribPreferencesWindow *self = g_object_new (TRIB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  if (settings)
    g_settings_bind (settings, "scheduler-in-app", self->scheduler_switch, "active", G_SETTINGS_BIND_DEFAULT);
  return self;
}

GtkSwitch *
_trib_preferences_window_get_scheduler_switch (TribPreferencesWindow *self)
{
  return self->scheduler_switch;
}
