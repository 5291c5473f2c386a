/* trib-sync-preview-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-sync-preview.h"
#include "trib-sync-preview-dialog.h"

struct _TribSyncPreviewDialog
{
  AdwWindow        parent_instance;

  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkLabel        *summary_label;
  GtkColumnView   *column_view;

  GCancellable    *cancellable;
  TribSyncPreview *preview;
  char            *error;
  gboolean         done;
};

G_DEFINE_FINAL_TYPE (TribSyncPreviewDialog, trib_sync_preview_dialog, ADW_TYPE_WINDOW)

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TribSyncPreviewDialog    *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "trib-column"));
  guint row = gtk_list_item_get_position (item);
  const char *text = trib_sync_preview_dialog_get_cell (self, row, column);
  GtkWidget *label = gtk_list_item_get_child (item);

  /* A null is shown as DataWorks shows it, and dimmed so it is not taken for text. */
  gtk_label_set_text (GTK_LABEL (label), text ? text : "NULL");
  if (text == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
show_records (TribSyncPreviewDialog *self)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autofree char *summary = NULL;
  guint n_columns = 0;

  for (guint i = 0; i < self->preview->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (self->preview->rows, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      n_columns = MAX (n_columns, row->len);
      gtk_string_list_append (rows, number);
    }
  n_columns = MAX (n_columns, g_strv_length (self->preview->column_names));

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autofree char *fallback = g_strdup_printf (_("Field %u"), c + 1);
      const char *title = c < g_strv_length (self->preview->column_names) ? self->preview->column_names[c] : fallback;

      g_object_set_data (G_OBJECT (factory), "trib-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
      column = gtk_column_view_column_new (title, g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)))));
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %u record, as the reader parses it",
                                          "The first %u records, as the reader parses them",
                                          self->preview->rows->len),
                             self->preview->rows->len);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "records");
}

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TribSyncPreviewDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->preview = trib_sync_preview_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->done = TRUE;
  if (self->preview == NULL)
    {
      self->error = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_records (self);
}

GtkWidget *
trib_sync_preview_dialog_new (TribWorkspace *workspace,
                              const char    *job_text,
                              TribParamSet  *params)
{
  TribSyncPreviewDialog *self = g_object_new (TRIB_TYPE_SYNC_PREVIEW_DIALOG, NULL);

  trib_sync_preview_async (workspace, job_text, params, TRIB_SYNC_PREVIEW_RECORDS, self->cancellable,
                           preview_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

gboolean
trib_sync_preview_dialog_is_done (TribSyncPreviewDialog *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_PREVIEW_DIALOG (self), FALSE);
  return self->done;
}

guint
trib_sync_preview_dialog_get_n_rows (TribSyncPreviewDialog *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_PREVIEW_DIALOG (self), 0);
  return self->preview ? self->preview->rows->len : 0;
}

const char *
trib_sync_preview_dialog_get_cell (TribSyncPreviewDialog *self,
                                   guint                  row,
                                   guint                  column)
{
  GPtrArray *cells;

  g_return_val_if_fail (TRIB_IS_SYNC_PREVIEW_DIALOG (self), NULL);

  if (self->preview == NULL || row >= self->preview->rows->len)
    return NULL;
  cells = g_ptr_array_index (self->preview->rows, row);
  return column < cells->len ? g_ptr_array_index (cells, column) : NULL;
}

const char *
trib_sync_preview_dialog_get_error (TribSyncPreviewDialog *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_PREVIEW_DIALOG (self), NULL);
  return self->error;
}

static void
trib_sync_preview_dialog_dispose (GObject *object)
{
  TribSyncPreviewDialog *self = TRIB_SYNC_PREVIEW_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_SYNC_PREVIEW_DIALOG);

  G_OBJECT_CLASS (trib_sync_preview_dialog_parent_class)->dispose (object);
}

static void
trib_sync_preview_dialog_finalize (GObject *object)
{
  TribSyncPreviewDialog *self = TRIB_SYNC_PREVIEW_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->preview, trib_sync_preview_free);
  g_free (self->error);

  G_OBJECT_CLASS (trib_sync_preview_dialog_parent_class)->finalize (object);
}

static gboolean
trib_sync_preview_dialog_close_request (TribSyncPreviewDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
trib_sync_preview_dialog_class_init (TribSyncPreviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_sync_preview_dialog_dispose;
  object_class->finalize = trib_sync_preview_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tributary/Tributary/ui/trib-sync-preview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TribSyncPreviewDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TribSyncPreviewDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TribSyncPreviewDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TribSyncPreviewDialog, column_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trib_sync_preview_dialog_init (TribSyncPreviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self, "close-request", G_CALLBACK (trib_sync_preview_dialog_close_request), NULL);
}
