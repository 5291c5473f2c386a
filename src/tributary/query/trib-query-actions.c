/* trib-query-actions.c: ad hoc queries in the window, kept out of shell/ so that the
 * window's own files stay small
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-new-query-dialog.h"
#include "trib-query-actions.h"
#include "trib-query-history-dialog.h"
#include "trib-query-page.h"
#include "trib-window-private.h"

static AdwTabPage *
find_query_tab (TribWindow     *self,
                TribSavedQuery *query)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (TRIB_IS_QUERY_PAGE (child) &&
          g_file_equal (trib_saved_query_get_file (trib_query_page_get_query (TRIB_QUERY_PAGE (child))),
                        trib_saved_query_get_file (query)))
        return page;
    }
  return NULL;
}

void
trib_window_show_query (TribWindow     *self,
                        TribSavedQuery *query)
{
  AdwTabPage *page;

  g_return_if_fail (TRIB_IS_WINDOW (self));
  g_return_if_fail (TRIB_IS_SAVED_QUERY (query));
  g_return_if_fail (self->workspace != NULL);

  page = find_query_tab (self, query);
  if (page == NULL)
    {
      GtkWidget *child = trib_query_page_new (self->workspace, query);
      g_autoptr(GIcon) icon = g_themed_icon_new ("trib-spark-symbolic");
      g_autofree char *tooltip = g_file_get_parse_name (trib_saved_query_get_file (query));

      page = adw_tab_view_append (self->tab_view, child);
      g_object_bind_property (child, "title", page, "title", G_BINDING_SYNC_CREATE);
      adw_tab_page_set_tooltip (page, tooltip);
      adw_tab_page_set_icon (page, icon);
    }
  adw_tab_view_set_selected_page (self->tab_view, page);
  gtk_stack_set_visible_child_name (self->content_stack, "tabs");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", TRUE);
}

static void
sidebar_query_activated_cb (TribWindow     *self,
                            TribSavedQuery *query,
                            TribSidebar    *sidebar)
{
  trib_window_show_query (self, query);
}

typedef struct
{
  TribWindow *window;
  GFile      *file;
  char       *data_source;
} Created;

static void
created_free (Created *c)
{
  g_object_unref (c->window);
  g_object_unref (c->file);
  g_free (c->data_source);
  g_free (c);
}

static void
query_created_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Created *c = user_data;
  g_autoptr(GError) error = NULL;

  if (!trib_saved_query_save_finish (result, &error))
    trib_window_add_toast (c->window, error->message);
  else
    {
      g_autoptr(TribSavedQuery) query = trib_saved_query_new (c->file, c->data_source);
      TribQueryStore *store = trib_sidebar_get_query_store (c->window->sidebar);

      if (store)
        trib_query_store_reload (store);
      trib_window_show_query (c->window, query);
    }
  created_free (c);
}

static void
create_cb (TribNewQueryDialog *dialog,
           const char         *name,
           const char         *data_source,
           TribWindow         *self)
{
  TribQueryStore *store = trib_sidebar_get_query_store (self->sidebar);
  Created *c;

  if (store == NULL)
    return;
  c = g_new0 (Created, 1);
  c->window = g_object_ref (self);
  c->file = trib_query_store_dup_file_for_name (store, name);
  c->data_source = g_strdup (data_source);
  /* The file exists from the start, so the query is in the list and in git. */
  trib_saved_query_save_async (c->file, data_source, "", NULL, query_created_cb, c);
}

TribNewQueryDialog *
_trib_window_open_new_query_dialog (TribWindow *self)
{
  TribQueryStore *store = trib_sidebar_get_query_store (self->sidebar);
  TribNewQueryDialog *dialog;

  if (self->workspace == NULL || store == NULL)
    return NULL;
  dialog = trib_new_query_dialog_new (GTK_WINDOW (self), self->workspace, store);
  g_signal_connect_object (dialog, "create", G_CALLBACK (create_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* History: a run reopens as a new query of its own, named after the one it came from. */
static void
reopen_cb (TribQueryHistoryDialog *dialog,
           TribQueryRunRecord     *record,
           TribWindow             *self)
{
  TribQueryStore *store = trib_sidebar_get_query_store (self->sidebar);
  const char *origin = trib_query_run_record_get_query_name (record);
  g_autofree char *name = NULL;
  Created *c;

  if (store == NULL)
    return;
  name = g_strdup_printf ("%s #%" G_GINT64_FORMAT, trib_query_name_is_valid (origin, NULL) ? origin : "history",
                          trib_query_run_record_get_id (record));
  c = g_new0 (Created, 1);
  c->window = g_object_ref (self);
  c->file = trib_query_store_dup_file_for_name (store, name);
  c->data_source = g_strdup (trib_query_run_record_get_data_source (record));
  trib_saved_query_save_async (c->file, c->data_source, trib_query_run_record_get_sql (record), NULL,
                               query_created_cb, c);
  gtk_window_close (GTK_WINDOW (dialog));
}

TribQueryHistoryDialog *
_trib_window_open_query_history (TribWindow *self)
{
  TribQueryHistoryDialog *dialog;

  if (self->workspace == NULL)
    return NULL;
  dialog = trib_query_history_dialog_new (GTK_WINDOW (self), self->workspace);
  g_signal_connect_object (dialog, "reopen", G_CALLBACK (reopen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
query_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _trib_window_open_query_history (TRIB_WINDOW (widget));
}

static void
new_query_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _trib_window_open_new_query_dialog (TRIB_WINDOW (widget));
}

void
_trib_query_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-query", NULL, new_query_action);
  gtk_widget_class_install_action (widget_class, "win.query-history", NULL, query_history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-query", NULL);
}

void
_trib_query_actions_init (TribWindow *self)
{
  g_signal_connect_object (self->sidebar, "query-activated", G_CALLBACK (sidebar_query_activated_cb),
                           self, G_CONNECT_SWAPPED);
}
