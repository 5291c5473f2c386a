/* trib-code-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trib-code-editor.h"

struct _TribCodeEditor
{
  GtkWidget                parent_instance;

  GtkSearchBar            *search_bar;
  GtkSearchEntry          *search_entry;
  GtkLabel                *match_label;
  GtkEntry                *replace_entry;
  GtkButton               *replace_button;
  GtkButton               *replace_all_button;
  GtkSourceView           *view;

  GtkSourceBuffer         *buffer;
  GtkSourceSearchContext  *search;
  GtkTextTag              *error_tag;
  const char              *comment_prefix;   /* NULL: the language has no line comments */
  gboolean                 loading;
};

G_DEFINE_FINAL_TYPE (TribCodeEditor, trib_code_editor, GTK_TYPE_WIDGET)

/* Line comments ------------------------------------------------------------------------ */

static gboolean
line_is_commented (GtkTextBuffer *buffer,
                   int            line,
                   const char    *prefix)
{
  GtkTextIter a, b;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_iter_at_line (buffer, &a, line);
  b = a;
  if (!gtk_text_iter_ends_line (&b))
    gtk_text_iter_forward_to_line_end (&b);
  text = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
  g_strchug (text);
  return *text == '\0' || g_str_has_prefix (text, prefix);
}

static void
uncomment_line (GtkTextBuffer *buffer,
                int            line,
                const char    *prefix)
{
  GtkTextIter start, end;
  gsize prefix_chars = g_utf8_strlen (prefix, -1);

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  while (!gtk_text_iter_ends_line (&start) && g_unichar_isspace (gtk_text_iter_get_char (&start)))
    gtk_text_iter_forward_char (&start);
  if (gtk_text_iter_ends_line (&start))
    return;
  end = start;
  gtk_text_iter_forward_chars (&end, prefix_chars);
  if (gtk_text_iter_get_char (&end) == ' ')
    gtk_text_iter_forward_char (&end);
  gtk_text_buffer_delete (buffer, &start, &end);
}

/* Ctrl+/ comments the selected lines, or uncomments them when all already are. */
static void
toggle_comment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TribCodeEditor *self = TRIB_CODE_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *with_space = NULL;
  GtkTextIter start, end;
  gboolean all_commented = TRUE;
  int first, last;

  if (self->comment_prefix == NULL || !gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)))
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  if (last > first && gtk_text_iter_get_line_offset (&end) == 0)
    last--;
  for (int line = first; line <= last && all_commented; line++)
    all_commented = line_is_commented (buffer, line, self->comment_prefix);

  with_space = g_strconcat (self->comment_prefix, " ", NULL);
  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      GtkTextIter at;

      if (all_commented)
        {
          uncomment_line (buffer, line, self->comment_prefix);
          continue;
        }
      gtk_text_buffer_get_iter_at_line (buffer, &at, line);
      gtk_text_buffer_insert (buffer, &at, with_space, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

/* Find and replace --------------------------------------------------------------------- */

static void
update_match_label (TribCodeEditor *self)
{
  int count = gtk_source_search_context_get_occurrences_count (self->search);
  g_autofree char *text = NULL;

  if (count > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);
  else if (count == 0 && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)))
    text = g_strdup (_("No matches"));
  gtk_label_set_text (self->match_label, text ? text : "");
}

static void
select_match_after (TribCodeEditor    *self,
                    const GtkTextIter *from)
{
  GtkTextIter match_start, match_end;

  if (gtk_source_search_context_forward (self->search, from, &match_start, &match_end, NULL))
    {
      gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->buffer), &match_start, &match_end);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->view),
                                          gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
    }
}

static void
search_changed_cb (TribCodeEditor *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search);
  GtkTextIter start, end;

  gtk_source_search_settings_set_search_text (settings, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  select_match_after (self, &start);
}

static void
search_next_cb (TribCodeEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  select_match_after (self, &end);
}

static void
replace_cb (TribCodeEditor *self)
{
  GtkTextIter start, end;

  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end))
    gtk_source_search_context_replace (self->search, &start, &end,
                                       gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)), -1, NULL);
  search_next_cb (self);
}

static void
replace_all_cb (TribCodeEditor *self)
{
  gtk_source_search_context_replace_all (self->search,
                                         gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)), -1, NULL);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribCodeEditor *self = TRIB_CODE_EDITOR (widget);
  gboolean replace = g_str_equal (action_name, "code.replace");

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (replace ? GTK_WIDGET (self->replace_entry) : GTK_WIDGET (self->search_entry));
}

/* GtkSearchBar's close button shows only an icon and has no name of its own. */
static void
name_close_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Search"), -1);
      else
        name_close_button (child);
    }
}

/* Style ----------------------------------------------------------------------------------- */

/* The editor follows the light or dark style of the window. */
static void
update_style_scheme (TribCodeEditor *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita"));
}

static void
trib_code_editor_dispose (GObject *object)
{
  TribCodeEditor *self = TRIB_CODE_EDITOR (object);

  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_CODE_EDITOR);
  /* The template's unnamed children too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trib_code_editor_parent_class)->dispose (object);
}

static void
trib_code_editor_class_init (TribCodeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_code_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-code-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TribCodeEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TribCodeEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TribCodeEditor, match_label);
  gtk_widget_class_bind_template_child (widget_class, TribCodeEditor, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, TribCodeEditor, replace_button);
  gtk_widget_class_bind_template_child (widget_class, TribCodeEditor, replace_all_button);
  gtk_widget_class_bind_template_child (widget_class, TribCodeEditor, view);

  gtk_widget_class_install_action (widget_class, "code.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "code.replace", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "code.toggle-comment", NULL, toggle_comment_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "code.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "code.replace", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trib-code-editor");
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
}

static void
trib_code_editor_init (TribCodeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                                "underline", PANGO_UNDERLINE_ERROR, NULL);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  /* GtkTextView takes Ctrl+/ for "select all"; the editors' convention is to comment. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_slash, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("code.toggle-comment")));
    gtk_widget_add_controller (GTK_WIDGET (self->view), shortcuts);
  }

  name_close_button (GTK_WIDGET (self->search_bar));
  self->search = gtk_source_search_context_new (self->buffer, NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "next-match", G_CALLBACK (search_next_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "notify::occurrences-count", G_CALLBACK (update_match_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replace_button, "clicked", G_CALLBACK (replace_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replace_all_button, "clicked", G_CALLBACK (replace_all_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
trib_code_editor_new (const char *language_id,
                      const char *accessible_label)
{
  TribCodeEditor *self = g_object_new (TRIB_TYPE_CODE_EDITOR, NULL);

  trib_code_editor_set_language (self, language_id);
  trib_code_editor_set_accessible_label (self, accessible_label);
  return GTK_WIDGET (self);
}

void
trib_code_editor_set_language (TribCodeEditor *self,
                               const char     *language_id)
{
  GtkSourceLanguage *language;

  g_return_if_fail (TRIB_IS_CODE_EDITOR (self));

  language = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), language_id);
  gtk_source_buffer_set_language (self->buffer, language);
  self->comment_prefix = g_strcmp0 (language_id, "sql") == 0 ? "--" : NULL;
}

void
trib_code_editor_set_accessible_label (TribCodeEditor *self,
                                       const char     *label)
{
  g_return_if_fail (TRIB_IS_CODE_EDITOR (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

GtkSearchBar *
trib_code_editor_get_search_bar (TribCodeEditor *self)
{
  g_return_val_if_fail (TRIB_IS_CODE_EDITOR (self), NULL);
  return self->search_bar;
}

GtkSourceView *
trib_code_editor_get_view (TribCodeEditor *self)
{
  g_return_val_if_fail (TRIB_IS_CODE_EDITOR (self), NULL);
  return self->view;
}

GtkSourceBuffer *
trib_code_editor_get_buffer (TribCodeEditor *self)
{
  g_return_val_if_fail (TRIB_IS_CODE_EDITOR (self), NULL);
  return self->buffer;
}

char *
trib_code_editor_dup_text (TribCodeEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (TRIB_IS_CODE_EDITOR (self), NULL);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

void
trib_code_editor_set_text (TribCodeEditor *self,
                           const char     *text)
{
  g_autofree char *present = NULL;

  g_return_if_fail (TRIB_IS_CODE_EDITOR (self));

  present = trib_code_editor_dup_text (self);
  if (g_strcmp0 (present, text ? text : "") == 0)
    return;
  self->loading = TRUE;
  /* Loading is not an edit the user can undo in the text view. */
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  self->loading = FALSE;
}

gboolean
trib_code_editor_is_loading (TribCodeEditor *self)
{
  g_return_val_if_fail (TRIB_IS_CODE_EDITOR (self), FALSE);
  return self->loading;
}

void
trib_code_editor_underline (TribCodeEditor *self,
                            int             start,
                            int             end)
{
  GtkTextIter a, b;

  g_return_if_fail (TRIB_IS_CODE_EDITOR (self));

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->buffer), &a, start);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->buffer), &b, MAX (end, start + 1));
  gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &a, &b);
}

void
trib_code_editor_underline_at (TribCodeEditor *self,
                               guint           line,
                               guint           column,
                               guint           length)
{
  GtkTextIter a, b;

  g_return_if_fail (TRIB_IS_CODE_EDITOR (self));

  if (line == 0)
    return;
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->buffer), &a, (int) line - 1,
                                           column > 0 ? (int) column - 1 : 0);
  b = a;
  if (length > 0)
    gtk_text_iter_forward_chars (&b, (int) length);
  else if (!gtk_text_iter_forward_word_end (&b) || gtk_text_iter_get_line (&b) != gtk_text_iter_get_line (&a))
    {
      b = a;
      if (!gtk_text_iter_ends_line (&b))
        gtk_text_iter_forward_to_line_end (&b);
    }
  if (gtk_text_iter_equal (&a, &b))
    gtk_text_iter_forward_char (&b);
  gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &a, &b);
}

void
trib_code_editor_clear_underlines (TribCodeEditor *self)
{
  GtkTextIter start, end;

  g_return_if_fail (TRIB_IS_CODE_EDITOR (self));
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
}
