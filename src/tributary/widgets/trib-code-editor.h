/* trib-code-editor.h: a source editor with find and replace, line comments and
 * error underlines, shared by the node editors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define TRIB_TYPE_CODE_EDITOR (trib_code_editor_get_type ())

G_DECLARE_FINAL_TYPE (TribCodeEditor, trib_code_editor, TRIB, CODE_EDITOR, GtkWidget)

/* @language_id: a GtkSourceView language ("sql", "json"); @accessible_label names the text
 * area for screen readers ("SQL editor"). */
GtkWidget       *trib_code_editor_new              (const char     *language_id,
                                                    const char     *accessible_label);
void             trib_code_editor_set_language     (TribCodeEditor *self,
                                                    const char     *language_id);
void             trib_code_editor_set_accessible_label (TribCodeEditor *self,
                                                        const char     *label);
GtkSearchBar    *trib_code_editor_get_search_bar   (TribCodeEditor *self);
GtkSourceView   *trib_code_editor_get_view         (TribCodeEditor *self);
GtkSourceBuffer *trib_code_editor_get_buffer       (TribCodeEditor *self);
char            *trib_code_editor_dup_text         (TribCodeEditor *self);
/* Replaces the text without it counting as the user's typing ("changed" is emitted by
 * the buffer all the same; check trib_code_editor_is_loading()). */
void             trib_code_editor_set_text         (TribCodeEditor *self,
                                                    const char     *text);
gboolean         trib_code_editor_is_loading       (TribCodeEditor *self);
/* Underlines characters [@start, @end) (character offsets) as an error. */
void             trib_code_editor_underline        (TribCodeEditor *self,
                                                    int             start,
                                                    int             end);
/* Underlines from 1-based @line, @column to the end of that token (or @length chars). */
void             trib_code_editor_underline_at     (TribCodeEditor *self,
                                                    guint           line,
                                                    guint           column,
                                                    guint           length);
void             trib_code_editor_clear_underlines (TribCodeEditor *self);

G_END_DECLS
