/* trib-new-query-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-new-query-dialog.h"

struct _TribNewQueryDialog
{
  AdwMessageDialog  parent_instance;

  TribWorkspace    *workspace;
  TribQueryStore   *store;
  GtkEntry         *name_entry;
  GtkDropDown      *type_dropdown;
  GtkDropDown      *source_dropdown;
  GtkStringList    *sources;
  GtkLabel         *problem;
};

G_DEFINE_FINAL_TYPE (TribNewQueryDialog, trib_new_query_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CREATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The types DataStudio offers, and the data source kind each runs on. */
static const TribDataSourceKind type_kinds[] = { TRIB_DATA_SOURCE_KIND_KYUUBI, TRIB_DATA_SOURCE_KIND_MYSQL };

static void
fill_sources (TribNewQueryDialog *self)
{
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  GListModel *all = trib_workspace_get_data_sources (self->workspace);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TribDataSource) ds = g_list_model_get_item (all, i);

      if (type < G_N_ELEMENTS (type_kinds) && trib_data_source_get_kind (ds) == type_kinds[type])
        g_ptr_array_add (names, (gpointer) trib_data_source_get_name (ds));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->sources, 0, old, (const char * const *) names->pdata);
}

static void
validate (TribNewQueryDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autoptr(GError) error = NULL;
  gboolean ok = trib_query_name_is_valid (name, &error);

  if (ok && trib_query_store_lookup (self->store, name))
    {
      ok = FALSE;
      g_set_error (&error, TRIB_ERROR, TRIB_ERROR_INVALID, _("A query named “%s” exists already"), name);
    }
  if (ok && gtk_drop_down_get_selected (self->source_dropdown) == GTK_INVALID_LIST_POSITION)
    {
      ok = FALSE;
      g_set_error (&error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Add a data source of this type first"));
    }
  gtk_label_set_text (self->problem, ok || *name == '\0' ? "" : error->message);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", ok);
}

static void
response_cb (TribNewQueryDialog *self,
             const char         *response)
{
  guint pos = gtk_drop_down_get_selected (self->source_dropdown);

  if (g_strcmp0 (response, "create") != 0 || pos == GTK_INVALID_LIST_POSITION)
    return;
  g_signal_emit (self, signals[CREATE], 0, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                 gtk_string_list_get_string (self->sources, pos));
}

static void
trib_new_query_dialog_dispose (GObject *object)
{
  TribNewQueryDialog *self = TRIB_NEW_QUERY_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->store);
  g_clear_object (&self->sources);
  G_OBJECT_CLASS (trib_new_query_dialog_parent_class)->dispose (object);
}

static void
trib_new_query_dialog_class_init (TribNewQueryDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trib_new_query_dialog_dispose;

  signals[CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
trib_new_query_dialog_init (TribNewQueryDialog *self)
{
}

static GtkWidget *
labelled (GtkWidget  *grid,
          int         row,
          const char *text,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  return widget;
}

TribNewQueryDialog *
trib_new_query_dialog_new (GtkWindow      *parent,
                           TribWorkspace  *workspace,
                           TribQueryStore *store)
{
  TribNewQueryDialog *self = g_object_new (TRIB_TYPE_NEW_QUERY_DIALOG,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           "heading", _("New Ad Hoc Query"),
                                           NULL);
  const char *types[] = { _("EMR Spark SQL (Kyuubi)"), _("MySQL"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();

  self->workspace = g_object_ref (workspace);
  self->store = g_object_ref (store);
  self->sources = gtk_string_list_new (NULL);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->name_entry = GTK_ENTRY (labelled (grid, 0, _("_Name"), gtk_entry_new ()));
  gtk_entry_set_activates_default (self->name_entry, TRUE);
  self->type_dropdown = GTK_DROP_DOWN (labelled (grid, 1, _("_Type"), gtk_drop_down_new_from_strings (types)));
  self->source_dropdown = GTK_DROP_DOWN (labelled (grid, 2, _("_Data source"),
                                                   gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->sources)), NULL)));
  gtk_box_append (GTK_BOX (box), grid);
  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "create", _("_Create"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  fill_sources (self);
  g_signal_connect_object (self->type_dropdown, "notify::selected", G_CALLBACK (fill_sources), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_dropdown, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_dropdown, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
  validate (self);
  return self;
}

GtkEditable *
_trib_new_query_dialog_get_name_entry (TribNewQueryDialog *self)
{
  return GTK_EDITABLE (self->name_entry);
}

GtkDropDown *
_trib_new_query_dialog_get_type_dropdown (TribNewQueryDialog *self)
{
  return self->type_dropdown;
}

GtkDropDown *
_trib_new_query_dialog_get_data_source_dropdown (TribNewQueryDialog *self)
{
  return self->source_dropdown;
}
