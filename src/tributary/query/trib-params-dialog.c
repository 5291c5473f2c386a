/* trib-params-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "libtributary.h"
#include "trib-params-dialog.h"

struct _TribParamsDialog
{
  AdwMessageDialog  parent_instance;

  char             *sql;
  GHashTable       *entries;   /* name -> GtkEntry */
  GtkLabel         *preview;
  char             *final_sql;
};

G_DEFINE_FINAL_TYPE (TribParamsDialog, trib_params_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_preview (TribParamsDialog *self)
{
  g_autoptr(GHashTable) values = trib_params_dialog_dup_values (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->final_sql, g_free);
  self->final_sql = trib_query_params_apply (self->sql, values, &error);
  gtk_label_set_text (self->preview, self->final_sql ? self->final_sql : error->message);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "run", self->final_sql != NULL);
}

static void
trib_params_dialog_finalize (GObject *object)
{
  TribParamsDialog *self = TRIB_PARAMS_DIALOG (object);

  g_free (self->sql);
  g_free (self->final_sql);
  g_hash_table_unref (self->entries);
  G_OBJECT_CLASS (trib_params_dialog_parent_class)->finalize (object);
}

static void
trib_params_dialog_class_init (TribParamsDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_params_dialog_finalize;
}

static void
trib_params_dialog_init (TribParamsDialog *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

TribParamsDialog *
trib_params_dialog_new (GtkWindow          *parent,
                        const char         *sql,
                        const char * const *names,
                        GHashTable         *values)
{
  TribParamsDialog *self = g_object_new (TRIB_TYPE_PARAMS_DIALOG,
                                         "transient-for", parent,
                                         "modal", TRUE,
                                         "heading", _("Run with Parameters"),
                                         "body", _("Give each parameter of the SQL a value."),
                                         NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *caption = gtk_label_new (_("Final SQL"));

  self->sql = g_strdup (sql);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; names[i]; i++)
    {
      GtkWidget *label = gtk_label_new (names[i]);
      GtkWidget *entry = gtk_entry_new ();
      const char *value = values ? g_hash_table_lookup (values, names[i]) : NULL;

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "monospace");
      gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), entry, 1, (int) i, 1, 1);
      g_hash_table_insert (self->entries, g_strdup (names[i]), entry);
      g_signal_connect_object (entry, "changed", G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
    }
  gtk_box_append (GTK_BOX (box), grid);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "heading");
  gtk_box_append (GTK_BOX (box), caption);
  self->preview = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->preview, 0);
  gtk_label_set_yalign (self->preview, 0);
  gtk_label_set_selectable (self->preview, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview), "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Final SQL"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->preview));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "run", _("_Run"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "run", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "run");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  update_preview (self);
  return self;
}

GHashTable *
trib_params_dialog_dup_values (TribParamsDialog *self)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &entry))
    g_hash_table_insert (values, g_strdup (key), g_strdup (gtk_editable_get_text (entry)));
  return values;
}

const char *
trib_params_dialog_get_final_sql (TribParamsDialog *self)
{
  return self->final_sql;
}

GtkEditable *
_trib_params_dialog_get_entry (TribParamsDialog *self,
                               const char       *name)
{
  return g_hash_table_lookup (self->entries, name);
}
