/* trib-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "libtributary.h"
#include "trib-application.h"
#include "trib-window.h"

#define MAX_RECENT 10

struct _TribApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (TribApplication, trib_application, ADW_TYPE_APPLICATION)

static TribWindow *
get_or_create_window (TribApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (trib_window_new (self));
  return TRIB_WINDOW (window);
}

static void
trib_application_activate (GApplication *app)
{
  TribWindow *window = get_or_create_window (TRIB_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

/* `tributary FOLDER` opens FOLDER as a workspace. */
static void
trib_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  TribWindow *window = get_or_create_window (TRIB_APPLICATION (app));

  if (n_files > 0)
    trib_window_open_workspace (window, files[0]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TribApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Tributary developers", NULL };

  adw_show_about_window (window,
                         "application-name", _("Tributary"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Tributary developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/tributary/tributary",
                         "issue-url", "https://github.com/tributary/tributary/issues",
                         "developers", developers,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Tributary developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Bring data in on a schedule and check it with Spark SQL."),
                         NULL);
}

static void
help_shown_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_warning ("Could not open the help: %s", error->message);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TribApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* The help is installed under the base id, the same for .Devel builds. */
  gtk_show_uri_full (window, "help:" BASE_APP_ID, GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TribWindow *window = trib_window_new (TRIB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
  { "new-window", new_window_action },
};

static void
trib_application_startup (GApplication *app)
{
  TribApplication *self = TRIB_APPLICATION (app);
  static const char *help_accels[] = { "F1", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };

  G_APPLICATION_CLASS (trib_application_parent_class)->startup (app);

  trib_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_window_accels);
}

static void
trib_application_finalize (GObject *object)
{
  TribApplication *self = (TribApplication *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trib_application_parent_class)->finalize (object);
}

static void
trib_application_class_init (TribApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = trib_application_finalize;
  app_class->activate = trib_application_activate;
  app_class->open = trib_application_open;
  app_class->startup = trib_application_startup;
}

static void
trib_application_init (TribApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

TribApplication *
trib_application_new (void)
{
  return g_object_new (TRIB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       /* The same resources serve the default and the .Devel ids. */
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

GSettings *
trib_application_get_settings (TribApplication *self)
{
  g_return_val_if_fail (TRIB_IS_APPLICATION (self), NULL);
  return self->settings;
}

void
trib_application_add_recent (TribApplication *self,
                             GFile           *directory)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_return_if_fail (TRIB_IS_APPLICATION (self));

  path = g_file_get_path (directory);
  if (path == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] && n < MAX_RECENT; i++)
    if (!g_str_equal (recent[i], path))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
}

void
trib_application_forget_recent (TribApplication *self,
                                GFile           *directory)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = NULL;
  g_auto(GStrv) updated = NULL;

  g_return_if_fail (TRIB_IS_APPLICATION (self));

  path = g_file_get_path (directory);
  recent = g_settings_get_strv (self->settings, "recent-workspaces");
  for (guint i = 0; recent[i]; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
}
