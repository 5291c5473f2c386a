/* trib-node-log-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n.h>

#include "trib-node-log-view.h"

#define POLL_MS   300
#define CHUNK     (256 * 1024)

struct _TribNodeLogView
{
  AdwBin             parent_instance;

  GtkLabel          *title_label;
  GtkSearchEntry    *search_entry;
  GtkToggleButton   *follow_button;
  GtkScrolledWindow *scrolled_window;
  GtkTextView       *text_view;

  TribHistory       *history;
  gint64             run_id;
  char              *node;
  char              *log_file;
  gboolean           scroll_to_error;
  guint64            offset;
  gboolean           complete;
  gboolean           reading;
  guint              poll_id;
  GCancellable      *cancellable;
  GtkTextMark       *end_mark;
  GtkTextMark       *error_mark;
  guint              error_tick_id;
  guint              error_frames;
};

G_DEFINE_FINAL_TYPE (TribNodeLogView, trib_node_log_view, ADW_TYPE_BIN)

static void read_next (TribNodeLogView *self);

static void
stop_reading (TribNodeLogView *self)
{
  if (self->error_tick_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->error_tick_id);
  self->error_tick_id = 0;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->reading = FALSE;
}

static void
trib_node_log_view_dispose (GObject *object)
{
  TribNodeLogView *self = TRIB_NODE_LOG_VIEW (object);

  stop_reading (self);
  g_clear_object (&self->history);
  g_clear_pointer (&self->node, g_free);
  g_clear_pointer (&self->log_file, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_NODE_LOG_VIEW);
  G_OBJECT_CLASS (trib_node_log_view_parent_class)->dispose (object);
}

static void
scroll_to_end (TribNodeLogView *self)
{
  gtk_text_view_scroll_to_mark (self->text_view, self->end_mark, 0.0, FALSE, 0.0, 1.0);
}

static gboolean mark_on_screen (TribNodeLogView *self,
                                GtkTextMark     *mark);

static gboolean
keep_error_in_view (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  TribNodeLogView *self = user_data;

  if (mark_on_screen (self, self->error_mark) || ++self->error_frames > 120)
    {
      self->error_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_text_view_scroll_to_mark (self->text_view, self->error_mark, 0.0, TRUE, 0.0, 0.2);
  return G_SOURCE_CONTINUE;
}

/* The last line that says it failed: where a reader wants to start. */
static void
scroll_to_error (TribNodeLogView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  static const char *const needles[] = { "error", "Error", "ERROR", "failed", "FAILED", "Failed" };
  GtkTextIter best;
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      GtkTextIter end, match_start;

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (gtk_text_iter_backward_search (&end, needles[i], GTK_TEXT_SEARCH_TEXT_ONLY, &match_start, NULL, NULL) &&
          (!found || gtk_text_iter_compare (&match_start, &best) > 0))
        {
          best = match_start;
          found = TRUE;
        }
    }
  if (!found)
    return;
  gtk_text_iter_set_line_offset (&best, 0);
  gtk_text_buffer_place_cursor (buffer, &best);
  gtk_toggle_button_set_active (self->follow_button, FALSE);
  /* A mark, not an iter: the lines are laid out later, and the mark waits for them. A
   * scroll asked for before the view is laid out can be lost, so it is asked again on
   * the next frames until the line is on screen. */
  gtk_text_buffer_move_mark (buffer, self->error_mark, &best);
  gtk_text_view_scroll_to_mark (self->text_view, self->error_mark, 0.0, TRUE, 0.0, 0.2);
  self->error_frames = 0;
  if (self->error_tick_id == 0)
    self->error_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), keep_error_in_view, self, NULL);
}

static void
poll_later (TribNodeLogView *self);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TribNodeLogView) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 next_offset = 0;
  gboolean complete = FALSE;

  bytes = trib_history_read_log_finish (TRIB_HISTORY (object), result, &next_offset, &complete, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->history == NULL)
    return;
  self->reading = FALSE;
  if (bytes == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The log cannot be read: %s"), error->message);

      gtk_label_set_label (self->title_label, text);
      return;
    }

  if (g_bytes_get_size (bytes) > 0)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      gsize size = 0;
      const char *data = g_bytes_get_data (bytes, &size);
      g_autofree char *valid = g_utf8_make_valid (data, (gssize) size);
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, valid, -1);
      if (gtk_toggle_button_get_active (self->follow_button))
        scroll_to_end (self);
    }
  self->offset = next_offset;
  self->complete = complete;
  if (complete)
    {
      if (self->scroll_to_error)
        scroll_to_error (self);
      return;
    }
  /* More already there: read on at once; otherwise look again shortly. */
  if (g_bytes_get_size (bytes) >= CHUNK)
    read_next (self);
  else
    poll_later (self);
}

static void
read_next (TribNodeLogView *self)
{
  if (self->history == NULL || self->reading || self->complete)
    return;
  self->reading = TRUE;
  trib_history_read_log_async (self->history, self->run_id, self->node, self->offset, CHUNK, self->cancellable,
                               read_cb, g_object_ref (self));
}

static gboolean
poll_cb (gpointer user_data)
{
  TribNodeLogView *self = user_data;

  self->poll_id = 0;
  read_next (self);
  return G_SOURCE_REMOVE;
}

static void
poll_later (TribNodeLogView *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_id = g_timeout_add (POLL_MS, poll_cb, self);
}

void
trib_node_log_view_clear (TribNodeLogView *self)
{
  g_return_if_fail (TRIB_IS_NODE_LOG_VIEW (self));

  stop_reading (self);
  g_clear_object (&self->history);
  g_clear_pointer (&self->node, g_free);
  g_clear_pointer (&self->log_file, g_free);
  self->run_id = 0;
  self->offset = 0;
  self->complete = FALSE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  gtk_label_set_label (self->title_label, _("Select a node of a run to see its log"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.open-file", FALSE);
}

void
trib_node_log_view_show (TribNodeLogView *self,
                         TribHistory     *history,
                         gint64           run_id,
                         const char      *node,
                         const char      *log_file,
                         gboolean         scroll_to_error_line)
{
  g_autofree char *title = NULL;

  g_return_if_fail (TRIB_IS_NODE_LOG_VIEW (self));
  g_return_if_fail (TRIB_IS_HISTORY (history));

  if (self->history == history && self->run_id == run_id && g_strcmp0 (self->node, node) == 0)
    return;
  trib_node_log_view_clear (self);
  self->history = g_object_ref (history);
  self->run_id = run_id;
  self->node = g_strdup (node);
  self->log_file = g_strdup (log_file);
  self->scroll_to_error = scroll_to_error_line;
  self->cancellable = g_cancellable_new ();
  gtk_toggle_button_set_active (self->follow_button, !scroll_to_error_line);
  title = g_strdup_printf (_("Log of %s, run %" PRId64), node, run_id);
  gtk_label_set_label (self->title_label, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.open-file", log_file != NULL);
  read_next (self);
}

gint64
trib_node_log_view_get_run_id (TribNodeLogView *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_LOG_VIEW (self), 0);
  return self->run_id;
}

const char *
trib_node_log_view_get_node (TribNodeLogView *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_LOG_VIEW (self), NULL);
  return self->node;
}

/* Scrolling up stops following; scrolling back to the end starts again. */
static void
value_changed_cb (GtkAdjustment   *adjustment,
                  TribNodeLogView *self)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  gboolean at_end = gtk_adjustment_get_value (adjustment) >= bottom - 4;

  /* A finished log grows no more: nothing to follow, and a failed node's log must stay
   * where it scrolled to (its error) while the view lays its lines out. */
  if (self->complete)
    return;

  if (gtk_toggle_button_get_active (self->follow_button) != at_end)
    gtk_toggle_button_set_active (self->follow_button, at_end);
}

static void
follow_toggled_cb (GtkToggleButton *button,
                   TribNodeLogView *self)
{
  if (gtk_toggle_button_get_active (button))
    scroll_to_end (self);
}

static void
search (TribNodeLogView *self,
        gboolean         from_start)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter start, match_start, match_end;

  if (text == NULL || *text == '\0')
    return;
  if (from_start)
    gtk_text_buffer_get_start_iter (buffer, &start);
  else
    {
      GtkTextIter selection_end;

      if (!gtk_text_buffer_get_selection_bounds (buffer, NULL, &selection_end))
        gtk_text_buffer_get_iter_at_mark (buffer, &selection_end, gtk_text_buffer_get_insert (buffer));
      start = selection_end;
    }
  if (!gtk_text_iter_forward_search (&start, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &match_start, &match_end, NULL))
    {
      /* Wrap round once. */
      gtk_text_buffer_get_start_iter (buffer, &start);
      if (!gtk_text_iter_forward_search (&start, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &match_start, &match_end,
                                         NULL))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
          return;
        }
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_toggle_button_set_active (self->follow_button, FALSE);
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_iter (self->text_view, &match_start, 0.1, FALSE, 0.0, 0.0);
}

static void
search_changed_cb (GtkSearchEntry  *entry,
                   TribNodeLogView *self)
{
  search (self, TRUE);
}

static void
next_match_cb (GtkSearchEntry  *entry,
               TribNodeLogView *self)
{
  search (self, FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribNodeLogView *self = TRIB_NODE_LOG_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  /* The selection if there is one, else everything. */
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("%s", error->message);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TribNodeLogView *self = TRIB_NODE_LOG_VIEW (widget);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;

  if (self->log_file == NULL)
    return;
  file = g_file_new_for_path (self->log_file);
  uri = g_file_get_uri (file);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launched_cb, NULL);
}

static void
trib_node_log_view_class_init (TribNodeLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_node_log_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-node-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TribNodeLogView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TribNodeLogView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TribNodeLogView, follow_button);
  gtk_widget_class_bind_template_child (widget_class, TribNodeLogView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TribNodeLogView, text_view);
  gtk_widget_class_install_action (widget_class, "log.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "log.open-file", NULL, open_file_action);
}

static void
trib_node_log_view_init (TribNodeLogView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  self->end_mark = gtk_text_buffer_create_mark (buffer, "trib-end", &end, FALSE);
  self->error_mark = gtk_text_buffer_create_mark (buffer, "trib-error", &end, TRUE);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                           G_CALLBACK (value_changed_cb), self, 0);
  g_signal_connect_object (self->follow_button, "toggled", G_CALLBACK (follow_toggled_cb), self, 0);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, 0);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (next_match_cb), self, 0);
  g_signal_connect_object (self->search_entry, "next-match", G_CALLBACK (next_match_cb), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.open-file", FALSE);
}

GtkWidget *
trib_node_log_view_new (void)
{
  return g_object_new (TRIB_TYPE_NODE_LOG_VIEW, NULL);
}

char *
_trib_node_log_view_dup_text (TribNodeLogView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
_trib_node_log_view_is_complete (TribNodeLogView *self)
{
  return self->complete;
}

static gboolean
mark_on_screen (TribNodeLogView *self,
                GtkTextMark     *mark)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  return visible.height > 0 && location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

gboolean
_trib_node_log_view_error_line_visible (TribNodeLogView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (gtk_text_iter_is_start (&cursor))
    return FALSE;
  return mark_on_screen (self, gtk_text_buffer_get_insert (buffer));
}

char *
_trib_node_log_view_dup_cursor_line (TribNodeLogView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
  end = start;
  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
_trib_node_log_view_is_following (TribNodeLogView *self)
{
  return gtk_toggle_button_get_active (self->follow_button);
}
