/* trib-window-nodes.c: node tabs, opened from the canvas next to their workflow's tab
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-node-page.h"
#include "trib-window.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"

AdwTabPage *
_trib_window_find_node_tab (TribWindow   *self,
                            TribWorkflow *workflow,
                            const char   *node_id)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (TRIB_IS_NODE_PAGE (child) &&
          trib_node_page_get_workflow (TRIB_NODE_PAGE (child)) == workflow &&
          g_strcmp0 (trib_node_page_get_node_id (TRIB_NODE_PAGE (child)), node_id) == 0)
        return page;
    }
  return NULL;
}

/* After the workflow's tab and the node tabs already open beside it. */
static int
position_for_node_tab (TribWindow       *self,
                       TribWorkflowPage *owner)
{
  AdwTabPage *owner_page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (owner));
  int position = adw_tab_view_get_page_position (self->tab_view, owner_page) + 1;

  while (position < adw_tab_view_get_n_pages (self->tab_view))
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, position));

      if (!TRIB_IS_NODE_PAGE (child) || trib_node_page_get_owner (TRIB_NODE_PAGE (child)) != owner)
        break;
      position++;
    }
  return position;
}

static void
node_title_changed_cb (TribNodePage *node_page,
                       GParamSpec   *pspec,
                       AdwTabPage   *page)
{
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;

  g_object_get (node_page, "title", &title, NULL);
  adw_tab_page_set_title (page, title);
  tooltip = g_strdup_printf ("%s › %s", trib_workflow_get_name (trib_node_page_get_workflow (node_page)), title);
  adw_tab_page_set_tooltip (page, tooltip);
}

void
_trib_window_open_node (TribWindow       *self,
                        TribWorkflowPage *owner,
                        const char       *node_id)
{
  TribWorkflow *workflow = trib_workflow_page_get_workflow (owner);
  TribNode *node = trib_workflow_lookup_node (workflow, node_id);
  AdwTabPage *page;

  if (node == NULL || trib_node_get_kind (node) == TRIB_NODE_KIND_REFERENCE)
    return;

  page = _trib_window_find_node_tab (self, workflow, node_id);
  if (page == NULL)
    {
      GtkWidget *child = trib_node_page_new (owner, node_id);
      g_autoptr(GIcon) icon = g_themed_icon_new (trib_node_kind_get_icon_name (trib_node_get_kind (node)));

      page = adw_tab_view_insert (self->tab_view, child, position_for_node_tab (self, owner));
      adw_tab_page_set_icon (page, icon);
      node_title_changed_cb (TRIB_NODE_PAGE (child), NULL, page);
      g_signal_connect_object (child, "notify::title", G_CALLBACK (node_title_changed_cb), page, 0);
    }
  adw_tab_view_set_selected_page (self->tab_view, page);
}

/* A workflow's node tabs close with it: they share its undo history and its Save. */
void
_trib_window_close_node_tabs (TribWindow       *self,
                              TribWorkflowPage *owner)
{
  gboolean was_closing = self->closing_without_asking;

  /* The workflow's own close question covered them. */
  self->closing_without_asking = TRUE;
  for (int i = adw_tab_view_get_n_pages (self->tab_view) - 1; i >= 0; i--)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (TRIB_IS_NODE_PAGE (child) && trib_node_page_get_owner (TRIB_NODE_PAGE (child)) == owner)
        adw_tab_view_close_page (self->tab_view, page);
    }
  self->closing_without_asking = was_closing;
}

static void
node_activated_cb (TribCanvas       *canvas,
                   const char       *node_id,
                   TribWorkflowPage *owner)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (owner));

  if (TRIB_IS_WINDOW (root))
    _trib_window_open_node (TRIB_WINDOW (root), owner, node_id);
}

void
_trib_window_watch_workflow_page (TribWindow       *self,
                                  TribWorkflowPage *page)
{
  g_signal_connect_object (trib_workflow_page_get_canvas (page), "node-activated",
                           G_CALLBACK (node_activated_cb), page, 0);
}

static void
close_node_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        TribWindow       *self)
{
  AdwTabPage *page = g_object_get_data (G_OBJECT (dialog), "page");

  adw_tab_view_close_page_finish (self->tab_view, page, g_strcmp0 (response, "discard") == 0);
}

/* Closing a node tab writes what it holds; what is invalid cannot be written, so ask
 * before dropping it. TRUE when the question is shown (the close then waits for it). */
gboolean
_trib_window_ask_close_node_tab (TribWindow *self,
                                 AdwTabPage *page)
{
  GtkWidget *child = adw_tab_page_get_child (page);
  g_auto(GStrv) problems = NULL;
  g_autofree char *list = NULL;
  AdwMessageDialog *dialog;

  if (!TRIB_IS_NODE_PAGE (child) || self->closing_without_asking)
    return FALSE;
  problems = trib_node_page_flush_and_check (TRIB_NODE_PAGE (child));
  if (problems == NULL || problems[0] == NULL)
    return FALSE;

  list = g_strjoinv ("\n", problems);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard Invalid Values?"), NULL));
  adw_message_dialog_format_body (dialog, _("These fields hold values that cannot be saved:\n%s"), list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Editing"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "page", page);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_node_response_cb), self, 0);
  self->close_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
