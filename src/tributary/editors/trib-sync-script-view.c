/* trib-sync-script-view.c
 *
 * The shared code editor (JSON highlighting, line numbers, find and replace with Ctrl+F,
 * the window's light or dark style) with the job's problems under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-code-editor.h"
#include "trib-sync-form.h"
#include "trib-sync-script-view.h"

/* Typing is checked and applied once the keyboard rests this long. */
#define EDIT_DELAY_MS 300

struct _TribSyncScriptView
{
  GtkWidget       parent_instance;

  TribCodeEditor *code_editor;
  GtkLabel       *problems_label;

  guint           edit_timeout;
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
  if (trib_code_editor_is_loading (self->code_editor))
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
  g_return_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self));
  trib_code_editor_set_text (self->code_editor, text ? text : "");
}

char *
trib_sync_script_view_dup_text (TribSyncScriptView *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self), NULL);
  return trib_code_editor_dup_text (self->code_editor);
}

/* The character offset of byte @offset of @text. */
static int
char_offset (const char *text,
             gsize       offset)
{
  return (int) g_utf8_pointer_to_offset (text, text + MIN (offset, strlen (text)));
}

void
trib_sync_script_view_show_problems (TribSyncScriptView *self,
                                     GPtrArray          *problems,
                                     const char         *note)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) messages = g_string_new (note);

  g_return_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self));

  trib_code_editor_clear_underlines (self->code_editor);
  text = trib_sync_script_view_dup_text (self);
  for (guint i = 0; problems && i < problems->len; i++)
    {
      const TribSyncProblem *problem = g_ptr_array_index (problems, i);

      trib_code_editor_underline (self->code_editor, char_offset (text, problem->start),
                                  char_offset (text, MAX (problem->end, problem->start + 1)));
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      /* TRANSLATORS: a problem of the sync job: line, column, then the validator's message */
      g_string_append_printf (messages, _("Line %u, column %u: %s"), problem->line, problem->column,
                              problem->message);
    }

  gtk_label_set_text (self->problems_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), messages->len > 0);
  /* A screen reader says why the text is wrong when the editor has the focus. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (trib_code_editor_get_view (self->code_editor)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, messages->str, -1);
}

GtkWidget *
trib_sync_script_view_get_source_view (TribSyncScriptView *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_SCRIPT_VIEW (self), NULL);
  return GTK_WIDGET (trib_code_editor_get_view (self->code_editor));
}

static void
trib_sync_script_view_dispose (GObject *object)
{
  TribSyncScriptView *self = TRIB_SYNC_SCRIPT_VIEW (object);

  g_clear_handle_id (&self->edit_timeout, g_source_remove);
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

  g_type_ensure (TRIB_TYPE_CODE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-sync-script-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TribSyncScriptView, code_editor);
  gtk_widget_class_bind_template_child (widget_class, TribSyncScriptView, problems_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
trib_sync_script_view_init (TribSyncScriptView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  trib_code_editor_set_language (self->code_editor, "json");
  trib_code_editor_set_accessible_label (self->code_editor, _("Sync job (script mode)"));
  g_signal_connect_object (trib_code_editor_get_buffer (self->code_editor), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
}
