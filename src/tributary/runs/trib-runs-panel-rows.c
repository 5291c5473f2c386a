/* trib-runs-panel-rows.c: how the runs panel draws a run and a node instance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-run-state-style.h"
#include "trib-runs-panel-private.h"

/* Columns */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_STATE)
    gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_ID || column == COLUMN_DURATION)
    gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static char *
node_counts_text (TribRunRecord *record)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (TribNodeState state = TRIB_NODE_STATE_NOT_RUN; state <= TRIB_NODE_STATE_LAST; state++)
    {
      guint n = trib_run_record_get_n_in_state (record, state);

      if (n > 0)
        g_string_append_printf (text, "%s%u %s", text->len ? ", " : "", n, trib_node_state_get_label (state));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
column_text (TribRunRecord *record,
             Column         column)
{
  switch (column)
    {
    case COLUMN_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, trib_run_record_get_id (record));
    case COLUMN_WORKFLOW:
      return g_strdup (trib_run_record_get_workflow_name (record));
    case COLUMN_KIND:
      if (g_strcmp0 (trib_run_record_get_kind (record), "scheduled") == 0)
        return g_strdup (trib_run_record_get_catch_up (record) ? _("scheduled (catch-up)") : _("scheduled"));
      if (g_strcmp0 (trib_run_record_get_kind (record), "backfill") == 0)
        return g_strdup (_("backfill"));
      return g_strdup (_("manual"));
    case COLUMN_BIZDATE:
      return g_strdup (trib_run_record_get_bizdate (record));
    case COLUMN_STATE:
      return g_strdup (trib_run_state_get_label (trib_run_record_get_state (record)));
    case COLUMN_STARTED:
      {
        g_autofree char *full = trib_format_timestamp (trib_run_record_get_started (record));

        /* "MM-DD HH:MM:SS": the year is rarely news in a list of recent runs. */
        return g_strdup (strlen (full) > 5 ? full + 5 : full);
      }
    case COLUMN_DURATION:
      {
        gint64 started = trib_run_record_get_started (record);
        gint64 ended = trib_run_record_get_ended (record);

        if (started <= 0)
          return g_strdup ("");
        return trib_format_duration ((ended > 0 ? ended : g_get_real_time ()) - started);
      }
    case COLUMN_NODES:
    default:
      return node_counts_text (record);
    }
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  TribRunRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *text = column_text (record, column);

  gtk_label_set_label (GTK_LABEL (label), text);
  if (column == COLUMN_STATE)
    trib_style_image_for_run_state (GTK_IMAGE (gtk_widget_get_first_child (box)), trib_run_record_get_state (record));
  if (column == COLUMN_WORKFLOW)
    gtk_widget_set_tooltip_text (label, trib_run_record_get_message (record));
}

void
_trib_runs_panel_add_column (GtkColumnView *view,
                             const char    *title,
                             Column         column,
                             int            fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* Fixed widths keep the short columns readable; the workflow name takes the rest. */
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  else
    gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}

/* Node list */


static void
setup_instance_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_widget_add_css_class (state, "dim-label");
  gtk_widget_add_css_class (state, "caption");
  gtk_box_append (GTK_BOX (box), state);
  gtk_list_item_set_child (item, box);
}

static void
bind_instance_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  TribInstanceRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (image);
  GtkWidget *state = gtk_widget_get_next_sibling (name);
  TribNodeState node_state = trib_instance_record_get_state (record);
  const char *message = trib_instance_record_get_message (record);
  g_autofree char *description = NULL;

  trib_style_image_for_node_state (GTK_IMAGE (image), node_state);
  gtk_label_set_label (GTK_LABEL (name), trib_instance_record_get_node_name (record));
  gtk_label_set_label (GTK_LABEL (state), trib_node_state_get_label (node_state));
  gtk_widget_set_tooltip_text (box, message);
  /* What a screen reader says: the node, its state and why. */
  description = message && *message ? g_strdup_printf ("%s: %s", trib_node_state_get_label (node_state), message)
                                    : g_strdup (trib_node_state_get_label (node_state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  trib_instance_record_get_node_name (record),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

GtkListItemFactory *
_trib_runs_panel_new_instance_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_instance_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_instance_cb), NULL);
  return factory;
}
