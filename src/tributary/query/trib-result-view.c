/* trib-result-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-result-view.h"

struct _TribResultView
{
  GtkWidget          parent_instance;

  TribQueryRun      *run;
  GtkSortListModel  *sorted;
  GtkMultiSelection *selection;
  guint              status_timer;
  guint              n_exports;
  char              *last_export_error;
  char              *error_text;
  /* Export asked for while rows still arrive: done when the run ends. */
  TribQueryExportFormat pending_format;
  GFile             *pending_file;

  GtkStack          *stack;
  GtkColumnView     *column_view;
  GtkLabel          *message_label;
  GtkLabel          *status_label;
  GtkWidget         *copy_button;
  GtkWidget         *export_button;
};

G_DEFINE_FINAL_TYPE (TribResultView, trib_result_view, GTK_TYPE_WIDGET)

/* Cells */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  TribHs2Row *row = gtk_list_item_get_item (item);
  g_autofree char *text = trib_hs2_row_dup_text (row, column);

  /* NULL looks different from an empty string, as in DBeaver and HUE. */
  /* Style changes cost a restyle: only when a cell turns NULL or back (scrolling rebinds
   * every visible cell each frame). */
  if ((text == NULL) != gtk_widget_has_css_class (label, "trib-null"))
    {
      if (text == NULL)
        gtk_widget_add_css_class (label, "trib-null");
      else
        gtk_widget_remove_css_class (label, "trib-null");
    }
  if (text == NULL)
    gtk_label_set_text (GTK_LABEL (label), "NULL");
  else
    {
      char *newline = strpbrk (text, "\r\n");

      /* One line per row: the cell shows the start of a multi-line value. */
      if (newline)
        *newline = '\0';
      gtk_label_set_text (GTK_LABEL (label), text);
    }
}

static void
bind_row_number (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  TribHs2Row *row = gtk_list_item_get_item (item);
  char text[16];

  g_snprintf (text, sizeof text, "%u", trib_hs2_row_get_index (row) + 1);
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
setup_row_number (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static gboolean
is_numeric_type (gint32 type_id)
{
  switch (type_id)
    {
    case TRIB_HS2_TYPE_TINYINT:
    case TRIB_HS2_TYPE_SMALLINT:
    case TRIB_HS2_TYPE_INT:
    case TRIB_HS2_TYPE_BIGINT:
    case TRIB_HS2_TYPE_FLOAT:
    case TRIB_HS2_TYPE_DOUBLE:
    case TRIB_HS2_TYPE_DECIMAL:
      return TRUE;
    default:
      return FALSE;
    }
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  guint column = GPOINTER_TO_UINT (user_data) & 0xffff;
  gboolean numeric = (GPOINTER_TO_UINT (user_data) >> 16) != 0;
  TribHs2Row *ra = (TribHs2Row *) a;
  TribHs2Row *rb = (TribHs2Row *) b;
  gboolean na = trib_hs2_row_is_null (ra, column);
  gboolean nb = trib_hs2_row_is_null (rb, column);

  /* NULLs first, as Spark sorts them ascending. */
  if (na || nb)
    return na == nb ? 0 : (na ? -1 : 1);
  if (numeric)
    {
      double da = 0, db = 0;

      trib_hs2_result_set_get_double (trib_hs2_row_get_result_set (ra), trib_hs2_row_get_index (ra), column, &da);
      trib_hs2_result_set_get_double (trib_hs2_row_get_result_set (rb), trib_hs2_row_get_index (rb), column, &db);
      if (da != db)
        return da < db ? -1 : 1;
      return 0;
    }
  {
    g_autofree char *ta = trib_hs2_row_dup_text (ra, column);
    g_autofree char *tb = trib_hs2_row_dup_text (rb, column);
    return g_strcmp0 (ta, tb);
  }
}

static void
build_columns (TribResultView *self)
{
  TribHs2ResultSet *rs = trib_query_run_get_result (self->run);
  g_autoptr(GtkListItemFactory) number_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) number_column = NULL;
  guint n = trib_hs2_result_set_get_n_columns (rs);

  g_signal_connect (number_factory, "setup", G_CALLBACK (setup_row_number), NULL);
  g_signal_connect (number_factory, "bind", G_CALLBACK (bind_row_number), NULL);
  number_column = gtk_column_view_column_new ("#", g_object_ref (number_factory));
  gtk_column_view_column_set_resizable (number_column, TRUE);
  gtk_column_view_append_column (self->column_view, number_column);

  for (guint c = 0; c < n; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autofree char *title = g_strdup_printf ("%s\n%s", trib_hs2_result_set_get_column_name (rs, c),
                                                trib_hs2_result_set_get_column_type_name (rs, c));
      gboolean numeric = is_numeric_type (trib_hs2_result_set_get_column_type (rs, c));
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cells,
                                                             GUINT_TO_POINTER (c | (numeric ? 0x10000u : 0)),
                                                             NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (title, g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
    }

  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (rs)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "grid");
}

/* Status */

static char *
describe_error (TribQueryRun *run)
{
  const GError *error = trib_query_run_get_error (run);
  gboolean server = error->domain == TRIB_HS2_ERROR;
  const char *state = server ? trib_hs2_error_get_sql_state (error) : NULL;
  const char *message = server ? trib_hs2_error_get_server_message (error) : NULL;
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Statement %u (line %u) failed"), trib_query_run_get_number (run),
                          trib_query_run_get_line (run));
  g_string_append (text, "\n\n");
  if (state && *state)
    g_string_append_printf (text, _("SQLSTATE %s: "), state);
  g_string_append (text, message ? message : error->message);
  return g_string_free (text, FALSE);
}

static void
update_status (TribResultView *self)
{
  g_autofree char *summary = trib_query_run_dup_summary (self->run);
  TribQueryRunState state = trib_query_run_get_state (self->run);
  gboolean has_rows = trib_query_run_get_result (self->run) != NULL;

  gtk_label_set_text (self->status_label, summary);
  gtk_widget_set_sensitive (self->copy_button, has_rows);
  gtk_widget_set_sensitive (self->export_button, has_rows);

  if (self->selection == NULL && has_rows)
    build_columns (self);

  if (state == TRIB_QUERY_RUN_FAILED || state == TRIB_QUERY_RUN_CANCELLED)
    {
      g_free (self->error_text);
      self->error_text = state == TRIB_QUERY_RUN_FAILED ? describe_error (self->run)
                                                        : g_strdup (trib_query_run_get_error (self->run)->message);
      if (!has_rows || state == TRIB_QUERY_RUN_FAILED)
        {
          gtk_label_set_text (self->message_label, self->error_text);
          /* Servers point at the position with a caret under the line: keep columns. */
          gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "monospace");
          gtk_widget_add_css_class (GTK_WIDGET (self->message_label), state == TRIB_QUERY_RUN_FAILED ? "error" : "dim-label");
          gtk_stack_set_visible_child_name (self->stack, "message");
        }
    }
  else if (state == TRIB_QUERY_RUN_SUCCEEDED && !has_rows)
    {
      gtk_label_set_text (self->message_label, summary);
      gtk_stack_set_visible_child_name (self->stack, "message");
    }
}

static void export_now (TribResultView *self, TribQueryExportFormat format, GFile *file);

static void
run_state_cb (TribResultView *self)
{
  update_status (self);
  if (trib_query_run_is_finished (self->run))
    {
      g_clear_handle_id (&self->status_timer, g_source_remove);
      if (self->pending_file)
        {
          g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);
          export_now (self, self->pending_format, file);
        }
    }
}

static gboolean
status_tick_cb (gpointer data)
{
  update_status (data);
  return G_SOURCE_CONTINUE;
}

/* Copy and export */

char *
_trib_result_view_dup_selection_tsv (TribResultView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree guint *rows = NULL;
  GtkBitsetIter iter;
  guint pos, n = 0;

  if (self->selection == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    return NULL;
  rows = g_new (guint, gtk_bitset_get_size (selected));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &pos); ok;
       ok = gtk_bitset_iter_next (&iter, &pos))
    {
      g_autoptr(TribHs2Row) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), pos);
      rows[n++] = trib_hs2_row_get_index (row);
    }
  return trib_query_export_rows_as_tsv (trib_query_run_get_result (self->run), rows, n, NULL, 0);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribResultView *self = TRIB_RESULT_VIEW (widget);
  g_autofree char *text = _trib_result_view_dup_selection_tsv (self);

  if (text)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TribResultView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_exports++;
  g_clear_pointer (&self->last_export_error, g_free);
  if (!trib_query_export_to_file_finish (result, &error))
    {
      self->last_export_error = g_strdup (error->message);
      gtk_label_set_text (self->status_label, error->message);
    }
  else
    gtk_label_set_text (self->status_label, _("Exported"));
}

static void
export_now (TribResultView        *self,
            TribQueryExportFormat  format,
            GFile                 *file)
{
  g_autoptr(GPtrArray) batches = trib_query_run_dup_batches (self->run);

  trib_query_export_to_file_async (format, trib_query_run_get_schema (self->run), batches, file, NULL,
                                   exported_cb, g_object_ref (self));
}

void
_trib_result_view_export (TribResultView        *self,
                          TribQueryExportFormat  format,
                          GFile                 *file)
{
  g_return_if_fail (trib_query_run_get_schema (self->run) != NULL);

  if (!trib_query_run_is_finished (self->run))
    {
      /* Streaming still: export everything once it has arrived. */
      g_set_object (&self->pending_file, file);
      self->pending_format = format;
      gtk_label_set_text (self->status_label, _("The export starts when every row has arrived"));
      return;
    }
  export_now (self, format, file);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TribResultView  *self)
{
  TribQueryExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (file)
    _trib_result_view_export (self, format, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribResultView *self = TRIB_RESULT_VIEW (widget);
  int format = trib_query_export_format_from_string (g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (format < 0 || trib_query_run_get_schema (self->run) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Result"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("result-%u.%s", trib_query_run_get_number (self->run),
                          trib_query_export_format_to_string (format));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Object */

static void
trib_result_view_dispose (GObject *object)
{
  TribResultView *self = TRIB_RESULT_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->status_timer, g_source_remove);
  if (self->run)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_RESULT_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->pending_file);
  G_OBJECT_CLASS (trib_result_view_parent_class)->dispose (object);
}

static void
trib_result_view_finalize (GObject *object)
{
  TribResultView *self = TRIB_RESULT_VIEW (object);

  g_free (self->last_export_error);
  g_free (self->error_text);
  G_OBJECT_CLASS (trib_result_view_parent_class)->finalize (object);
}

static void
trib_result_view_class_init (TribResultViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_result_view_dispose;
  object_class->finalize = trib_result_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-result-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TribResultView, stack);
  gtk_widget_class_bind_template_child (widget_class, TribResultView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TribResultView, message_label);
  gtk_widget_class_bind_template_child (widget_class, TribResultView, status_label);
  gtk_widget_class_bind_template_child (widget_class, TribResultView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TribResultView, export_button);

  gtk_widget_class_install_action (widget_class, "result.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "result.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "result.copy", NULL);
}

static void
trib_result_view_init (TribResultView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
trib_result_view_new (TribQueryRun *run)
{
  TribResultView *self = g_object_new (TRIB_TYPE_RESULT_VIEW, NULL);
  g_autofree char *title = trib_query_run_dup_title (run);
  g_autofree char *label = g_strdup_printf (_("Result of statement %s"), title);

  self->run = g_object_ref (run);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (run, "notify::state", G_CALLBACK (run_state_cb), self, G_CONNECT_SWAPPED);
  if (!trib_query_run_is_finished (run))
    self->status_timer = g_timeout_add (100, status_tick_cb, self);
  update_status (self);
  return GTK_WIDGET (self);
}

TribQueryRun *
trib_result_view_get_run (TribResultView *self)
{
  return self->run;
}

GtkColumnView *
_trib_result_view_get_column_view (TribResultView *self)
{
  return self->column_view;
}

const char *
_trib_result_view_get_status (TribResultView *self)
{
  return gtk_label_get_text (self->status_label);
}

const char *
_trib_result_view_get_error_text (TribResultView *self)
{
  return self->error_text;
}

guint
_trib_result_view_get_n_exports (TribResultView *self,
                                 const char    **last_error)
{
  if (last_error)
    *last_error = self->last_export_error;
  return self->n_exports;
}
