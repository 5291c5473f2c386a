/* trib-query-history-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-query-history-dialog.h"

#define LIMIT 500

struct _TribQueryHistoryDialog
{
  AdwWindow       parent_instance;

  TribWorkspace  *workspace;
  TribHistory    *history;
  GCancellable   *cancellable;
  guint           loading;
  guint           n_rows;

  GtkSearchEntry *filter_entry;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (TribQueryHistoryDialog, trib_query_history_dialog, ADW_TYPE_WINDOW)

enum {
  REOPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The first line of code, after blanks and -- comments. */
static char *
first_line (const char *sql)
{
  const char *p = sql;

  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (p[0] != '-' || p[1] != '-')
        break;
      p += strcspn (p, "\n");
    }
  return g_strndup (p, strcspn (p, "\n"));
}

static GtkWidget *
make_row (TribQueryRunRecord *record)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *sql = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  g_autofree char *line = first_line (trib_query_run_record_get_sql (record));
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (trib_query_run_record_get_started (record) / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (started, "%Y-%m-%d %H:%M:%S");
  g_autofree char *rows = NULL;
  g_autofree char *text = NULL;
  const char *outcome = trib_query_run_record_get_outcome (record);
  const char *params = trib_query_run_record_get_parameters (record);

  if (trib_query_run_record_get_rows (record) >= 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, trib_query_run_record_get_rows (record));

      rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                           (gulong) trib_query_run_record_get_rows (record)), count);
    }
  text = g_strdup_printf ("%s%s · %s · %s · %.1f s%s%s%s%s",
                          g_str_equal (outcome, "success") ? "" : g_str_equal (outcome, "cancelled") ? _("Stopped · ")
                                                                                                    : _("Failed · "),
                          when, trib_query_run_record_get_query_name (record),
                          trib_query_run_record_get_data_source (record),
                          trib_query_run_record_get_duration (record) / (double) G_USEC_PER_SEC,
                          rows ? " · " : "", rows ? rows : "",
                          *params ? " · " : "", params);
  gtk_label_set_text (GTK_LABEL (sql), line);
  gtk_label_set_xalign (GTK_LABEL (sql), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sql), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sql, "monospace");
  gtk_label_set_text (GTK_LABEL (details), text);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, g_str_equal (outcome, "success") ? "dim-label" : "error");
  gtk_box_append (GTK_BOX (box), sql);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, trib_query_run_record_get_message (record) ? trib_query_run_record_get_message (record)
                                                                              : trib_query_run_record_get_sql (record));
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  return row;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TribQueryHistoryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = trib_query_history_list_finish (TRIB_HISTORY (object), result, &error);
  GtkWidget *child;

  self->loading--;
  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->empty_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < records->len; i++)
    gtk_list_box_append (self->list, make_row (g_ptr_array_index (records, i)));
  self->n_rows = records->len;
  gtk_stack_set_visible_child_name (self->stack, records->len ? "list" : "empty");
}

static void
reload (TribQueryHistoryDialog *self)
{
  if (self->history == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading++;
  trib_query_history_list_async (self->history, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), LIMIT,
                                 self->cancellable, listed_cb, g_object_ref (self));
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TribQueryHistoryDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->loading--;
  self->history = trib_history_open_finish (result, &error);
  if (self->history == NULL)
    {
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  reload (self);
}

static void
row_activated_cb (TribQueryHistoryDialog *self,
                  GtkListBoxRow          *row)
{
  g_signal_emit (self, signals[REOPEN], 0, g_object_get_data (G_OBJECT (row), "record"));
}

static void
trib_query_history_dialog_dispose (GObject *object)
{
  TribQueryHistoryDialog *self = TRIB_QUERY_HISTORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (trib_query_history_dialog_parent_class)->dispose (object);
}

static void
trib_query_history_dialog_class_init (TribQueryHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_query_history_dialog_dispose;

  signals[REOPEN] = g_signal_new ("reopen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, TRIB_TYPE_QUERY_RUN_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-query-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TribQueryHistoryDialog, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, TribQueryHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TribQueryHistoryDialog, list);
  gtk_widget_class_bind_template_child (widget_class, TribQueryHistoryDialog, empty_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trib_query_history_dialog_init (TribQueryHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->filter_entry, "search-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
}

TribQueryHistoryDialog *
trib_query_history_dialog_new (GtkWindow     *parent,
                               TribWorkspace *workspace)
{
  TribQueryHistoryDialog *self = g_object_new (TRIB_TYPE_QUERY_HISTORY_DIALOG, "transient-for", parent, NULL);

  self->workspace = g_object_ref (workspace);
  self->loading++;
  trib_history_open_async (trib_workspace_get_state_directory (workspace), NULL, opened_cb, g_object_ref (self));
  return self;
}

gboolean
_trib_query_history_dialog_is_loading (TribQueryHistoryDialog *self)
{
  return self->loading > 0;
}

guint
_trib_query_history_dialog_get_n_rows (TribQueryHistoryDialog *self)
{
  return self->n_rows;
}

GtkEditable *
_trib_query_history_dialog_get_filter (TribQueryHistoryDialog *self)
{
  return GTK_EDITABLE (self->filter_entry);
}

void
_trib_query_history_dialog_activate (TribQueryHistoryDialog *self,
                                     guint                   index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) index);

  g_return_if_fail (row != NULL);
  g_signal_emit_by_name (row, "activate");
}
