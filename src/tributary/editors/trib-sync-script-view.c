/* trib-sync-script-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "trib-sync-form.h"
#include "trib-sync-script-view.h"

/* Typing is checked and applied once the keyboard rests this long. */
#define EDIT_DELAY_MS 300

struct _TribSyncScriptView
{
  GtkWidget                parent_instance;

  GtkSearchBar            *search_bar;
  GtkSearchEntry          *search_entry;
  GtkSourceView           *source_view;
  GtkLabel                *problems_label;

  GtkSourceBuffer         *buffer;
  GtkSourceSearchContext  *search;
  guint                    edit_timeout;
  gboolean                 loading;
};

G_DEFINE_FINAL_TYPE (TribSyncScriptView, trib_sync_script_view, GTK_TYPE_WIDGET)

enum { SIGNAL_EDITED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
edit_timeout_cb (gpointer user_data)
{
  TribSyncScriptView *self = user_data;

  self->edit_timeout = 0;
  g_signal_emit (self, signals[SIGNAL_EDITED], 0);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (TribSyncScriptView *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->edit_timeout, g_source_remove);
  self->edit_timeout = g_timeout_add (EDIT_DELAY_MS, edit_timeout_cb, self);
}

void
trib_sync_script_view_flush (TribSyncScriptView *self)
{
  g_return_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self));

  if (self->edit_timeout == 0)
    return;
  g_clear_handle_id (&self->edit_timeout, g_source_remove);
  g_signal_emit (self, signals[SIGNAL_EDITED], 0);
}

void
trib_sync_script_view_set_text (TribSyncScriptView *self,
                                const char         *text)
{
  g_autofree char *current = NULL;

  g_return_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self));

  current = trib_sync_script_view_dup_text (self);
  if (g_strcmp0 (current, text ? text : "") == 0)
    return;
  self->loading = TRUE;
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text ? text : "", -1);
  self->loading = FALSE;
}

char *
trib_sync_script_view_dup_text (TribSyncScriptView *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

static void
iter_at_byte (GtkTextBuffer *buffer,
              const char    *text,
              gsize          offset,
              GtkTextIter   *iter)
{
  gsize len = strlen (text);

  offset = MIN (offset, len);
  gtk_text_buffer_get_iter_at_offset (buffer, iter, (int) g_utf8_pointer_to_offset (text, text + offset));
}

void
trib_sync_script_view_show_problems (TribSyncScriptView *self,
                                     GPtrArray          *problems,
                                     const char         *note)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GString) messages = g_string_new (note);

  g_return_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "trib-error", &start, &end);
  text = trib_sync_script_view_dup_text (self);

  for (guint i = 0; problems && i < problems->len; i++)
    {
      const TribSyncProblem *problem = g_ptr_array_index (problems, i);

      iter_at_byte (buffer, text, problem->start, &start);
      iter_at_byte (buffer, text, MAX (problem->end, problem->start + 1), &end);
      gtk_text_buffer_apply_tag_by_name (buffer, "trib-error", &start, &end);
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      /* TRANSLATORS: a problem of the sync job: line, column, then the validator's message */
      g_string_append_printf (messages, _("Line %u, column %u: %s"), problem->line, problem->column,
                              problem->message);
    }

  gtk_label_set_text (self->problems_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), messages->len > 0);
  /* A screen reader says why the text is wrong when the editor has the focus. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->source_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, messages->str, -1);
}

GtkWidget *
trib_sync_script_view_get_source_view (TribSyncScriptView *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self), NULL);
  return GTK_WIDGET (self->source_view);
}

static void
search_changed_cb (TribSyncScriptView *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search);
  GtkTextIter start, match_start, match_end;

  gtk_source_search_settings_set_search_text (settings, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &start,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
  if (gtk_source_search_context_forward (self->search, &start, &match_start, &match_end, NULL))
    {
      gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->buffer), &match_start, &match_end);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &match_start, 0.1, FALSE, 0, 0);
    }
}

static void
search_next_cb (TribSyncScriptView *self)
{
  GtkTextIter start, end, match_start, match_end;

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  if (gtk_source_search_context_forward (self->search, &end, &match_start, &match_end, NULL))
    {
      gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->buffer), &match_start, &match_end);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &match_start, 0.1, FALSE, 0, 0);
    }
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribSyncScriptView *self = TRIB_SYNC_SCRIPT_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
update_style_scheme (TribSyncScriptView *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita"));
}

static void
trib_sync_script_view_dispose (GObject *object)
{
  TribSyncScriptView *self = TRIB_SYNC_SCRIPT_VIEW (object);

  g_clear_handle_id (&self->edit_timeout, g_source_remove);
  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_SYNC_SCRIPT_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trib_sync_script_view_parent_class)->dispose (object);
}

static void
trib_sync_script_view_class_init (TribSyncScriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_sync_script_view_dispose;

  /* Emitted when the user's typing has rested (or on flush): check and apply the text. */
  signals[SIGNAL_EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-sync-script-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TribSyncScriptView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TribSyncScriptView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TribSyncScriptView, source_view);
  gtk_widget_class_bind_template_child (widget_class, TribSyncScriptView, problems_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "sync-script.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "sync-script.search", NULL);
}

static void
trib_sync_script_view_init (TribSyncScriptView *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (languages, "json"));
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_style_scheme),
                           self, G_CONNECT_SWAPPED);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "trib-error",
                              "underline", PANGO_UNDERLINE_ERROR, NULL);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  self->search = gtk_source_search_context_new (self->buffer, NULL);
  gtk_source_search_settings_set_wrap_around (gtk_source_search_context_get_settings (self->search), TRUE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "next-match", G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
}
