/* trib-sync-editor.c: the document side of the sync editor and its two modes
 *
 * The node's script.content is the truth. The form holds a TribSyncForm; every change
 * of a row rebuilds the job text, checks it with the engine's validator and, when it is
 * valid, writes it with trib_workflow_set_node_content(). Invalid input stays in the rows
 * (marked, listed in "problems") and never reaches the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-sync-editor-private.h"
#include "trib-sync-error.h"
#include "trib-sync-preview-dialog.h"
#include "trib-workflow-edit.h"

G_DEFINE_FINAL_TYPE (TribSyncEditor, trib_sync_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TribNode *
lookup_node (TribSyncEditor *self)
{
  return self->workflow ? trib_workflow_lookup_node (self->workflow, self->node_id) : NULL;
}

const char *
_trib_sync_editor_get_content (TribSyncEditor *self)
{
  TribNode *node = lookup_node (self);
  const char *content = node ? trib_node_get_content (node) : NULL;

  return content ? content : "";
}

static void
set_problems (TribSyncEditor *self,
              GStrv           problems)
{
  if (problems != NULL && problems[0] == NULL)
    g_clear_pointer (&problems, g_strfreev);
  if (problems == NULL && self->problems == NULL)
    return;
  if (problems != NULL && self->problems != NULL &&
      g_strv_equal ((const char * const *) problems, (const char * const *) self->problems))
    {
      g_strfreev (problems);
      return;
    }
  g_strfreev (self->problems);
  self->problems = problems;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
}

static void
show_mode_message (TribSyncEditor *self,
                   const char     *message)
{
  gtk_label_set_text (self->mode_message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mode_message), message != NULL && *message);
}

static gboolean
is_script_mode (TribSyncEditor *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "script") == 0;
}

/* Writes @text when it differs from the document. */
static void
apply_text (TribSyncEditor *self,
            const char     *text)
{
  g_autoptr(GError) error = NULL;

  if (lookup_node (self) == NULL || g_strcmp0 (text, _trib_sync_editor_get_content (self)) == 0)
    return;
  g_free (self->known_content);
  self->known_content = g_strdup (text);
  if (!trib_workflow_set_node_content (self->workflow, self->node_id, text, &error))
    g_warning ("Cannot apply the sync job of node %s: %s", self->node_id, error->message);
}

/* Form {{{ */

void
_trib_sync_editor_form_edited (TribSyncEditor *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (self->loading)
    return;
  self->form_touched = TRUE;
  text = trib_sync_form_to_text (self->form);
  problems = trib_sync_check_text (text);
  set_problems (self, _trib_sync_editor_show_form_problems (self, problems));
  if (self->problems == NULL)
    apply_text (self, text);
  _trib_sync_editor_update_resolved (self);
}

/* The form for a job's @text, or NULL after saying why the form cannot show it (the
 * keys it has no place for, or errors to correct in script mode). */
static TribSyncForm *
form_for_text (TribSyncEditor *self,
               const char     *text)
{
  g_autoptr(GError) error = NULL;
  TribSyncForm *form = trib_sync_form_new_from_text (text, NULL, &error);

  if (form != NULL)
    return form;
  if (g_error_matches (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_FORM_UNSUPPORTED))
    show_mode_message (self, error->message);
  else
    show_mode_message (self, _("The form cannot show a job with errors: correct them in script mode"));
  return NULL;
}

/* Fills the form from the document; FALSE (and a message) when the form cannot show it. */
static gboolean
load_form_from_document (TribSyncEditor *self)
{
  const char *content = _trib_sync_editor_get_content (self);
  TribSyncForm *form;

  if (*content == '\0')
    {
      /* A new node: DataWorks' defaults, nothing written until the job is complete. */
      if (self->form == NULL)
        self->form = trib_sync_form_new (TRIB_SYNC_READER_MYSQL);
      self->form_touched = FALSE;
      _trib_sync_editor_load_form (self);
      return TRUE;
    }

  form = form_for_text (self, content);
  if (form == NULL)
    return FALSE;
  g_clear_pointer (&self->form, trib_sync_form_free);
  self->form = form;
  self->form_touched = FALSE;
  _trib_sync_editor_load_form (self);
  show_mode_message (self, NULL);
  return TRUE;
}

/* }}} */
/* Script {{{ */

static void
check_script (TribSyncEditor *self,
              gboolean        apply)
{
  g_autofree char *text = trib_sync_script_view_dup_text (self->script_view);
  g_autoptr(GPtrArray) problems = trib_sync_check_text (text);
  g_autoptr(GStrvBuilder) sentences = g_strv_builder_new ();

  trib_sync_script_view_show_problems (self->script_view, problems, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      const TribSyncProblem *problem = g_ptr_array_index (problems, i);
      /* TRANSLATORS: a problem of the sync job in script mode, with its line */
      g_autofree char *sentence = g_strdup_printf (_("Script, line %u: %s"), problem->line, problem->message);

      g_strv_builder_add (sentences, sentence);
    }
  set_problems (self, g_strv_builder_end (sentences));
  if (apply && problems->len == 0)
    apply_text (self, text);
}

static void
script_edited_cb (TribSyncEditor *self)
{
  check_script (self, TRUE);
}

static void
load_script_from_document (TribSyncEditor *self)
{
  const char *content = _trib_sync_editor_get_content (self);

  if (*content == '\0' && self->form != NULL)
    {
      /* A new node: start from what the form holds. */
      g_autofree char *text = trib_sync_form_to_text (self->form);

      trib_sync_script_view_set_text (self->script_view, text);
    }
  else
    trib_sync_script_view_set_text (self->script_view, content);
  check_script (self, FALSE);
}

/* }}} */
/* Modes {{{ */

gboolean
trib_sync_editor_get_script_mode (TribSyncEditor *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_EDITOR (self), FALSE);
  return is_script_mode (self);
}

static void
show_page (TribSyncEditor *self,
           const char     *name)
{
  self->switching = TRUE;
  adw_view_stack_set_visible_child_name (self->stack, name);
  self->switching = FALSE;
}

gboolean
trib_sync_editor_set_script_mode (TribSyncEditor *self,
                                  gboolean        script_mode)
{
  g_return_val_if_fail (TRIB_IS_SYNC_EDITOR (self), FALSE);

  if (script_mode)
    {
      /* Form -> script: the form's job as text (the document's when the form is untouched). */
      g_autofree char *text = NULL;

      if (self->form_touched || *_trib_sync_editor_get_content (self) == '\0')
        text = trib_sync_form_to_text (self->form);
      else
        text = g_strdup (_trib_sync_editor_get_content (self));
      trib_sync_script_view_set_text (self->script_view, text);
      check_script (self, FALSE);
      show_mode_message (self, NULL);
      show_page (self, "script");
      return TRUE;
    }
  else
    {
      g_autofree char *text = NULL;
      TribSyncForm *form;

      trib_sync_script_view_flush (self->script_view);
      text = trib_sync_script_view_dup_text (self->script_view);
      if (self->form != NULL)
        {
          g_autofree char *own = trib_sync_form_to_text (self->form);

          /* The script is the form's own job (even unfinished): the form shows it as it was. */
          if (g_strcmp0 (own, text) == 0)
            {
              show_mode_message (self, NULL);
              show_page (self, "form");
              if (self->form_touched)
                _trib_sync_editor_form_edited (self);
              else
                set_problems (self, NULL);
              return TRUE;
            }
        }
      form = form_for_text (self, text);
      if (form == NULL)
        {
          show_page (self, "script");
          return FALSE;
        }
      /* The form shown again is the script's job, unless the script is the form's own text. */
      if (self->form == NULL || !trib_sync_form_equal (self->form, form))
        {
          g_clear_pointer (&self->form, trib_sync_form_free);
          self->form = form;
        }
      else
        trib_sync_form_free (form);
      _trib_sync_editor_load_form (self);
      show_mode_message (self, NULL);
      show_page (self, "form");
      if (self->form_touched)
        _trib_sync_editor_form_edited (self);
      else
        set_problems (self, NULL);
      return TRUE;
    }
}

static void
visible_child_cb (TribSyncEditor *self)
{
  if (self->switching)
    return;
  trib_sync_editor_set_script_mode (self, is_script_mode (self));
}

/* }}} */
/* The document changed (an edit, undo, redo, reload) {{{ */

static void
workflow_changed_cb (TribSyncEditor *self)
{
  const char *content;

  if (lookup_node (self) == NULL)
    return;
  content = _trib_sync_editor_get_content (self);
  /* Another part of the workflow changed: what is shown (even unfinished) stays. */
  if (g_strcmp0 (content, self->known_content) == 0)
    return;
  /* Undo, redo, a reload: the node's job is shown as the document has it now. */
  g_free (self->known_content);
  self->known_content = g_strdup (content);

  if (is_script_mode (self))
    {
      trib_sync_script_view_set_text (self->script_view, content);
      check_script (self, FALSE);
      return;
    }
  if (!load_form_from_document (self))
    {
      show_page (self, "script");
      load_script_from_document (self);
    }
  else
    set_problems (self, NULL);
}

/* }}} */
/* Preview {{{ */

TribParamSet *
_trib_sync_editor_dup_params (TribSyncEditor *self,
                              GError        **error)
{
  TribNode *node = lookup_node (self);
  g_autoptr(GTimeZone) zone = trib_workspace_dup_timezone (self->workspace);
  g_autoptr(GDateTime) picked = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) cyctime = NULL;
  g_autoptr(TribParamContext) context = NULL;

  if (node == NULL)
    return NULL;
  picked = gtk_calendar_get_date (self->bizdate_calendar);
  /* The run for business date D is scheduled on D + 1. */
  day = g_date_time_new (zone, g_date_time_get_year (picked), g_date_time_get_month (picked),
                         g_date_time_get_day_of_month (picked), 0, 0, 0);
  cyctime = g_date_time_add_days (day, 1);
  context = trib_param_context_new (cyctime, NULL, self->node_id, NULL);
  return trib_param_set_new_for_node (node, context, error);
}

void
_trib_sync_editor_show_preview (TribSyncEditor *self)
{
  g_autofree char *text = NULL;
  g_autoptr(TribParamSet) params = NULL;
  GtkWidget *dialog;

  text = is_script_mode (self) ? trib_sync_script_view_dup_text (self->script_view)
                               : trib_sync_form_to_text (self->form);
  params = _trib_sync_editor_dup_params (self, NULL);
  dialog = trib_sync_preview_dialog_new (self->workspace, text, params);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */
/* Public API {{{ */

GStrv
trib_sync_editor_dup_problems (TribSyncEditor *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_EDITOR (self), NULL);
  return g_strdupv (self->problems);
}

void
trib_sync_editor_flush (TribSyncEditor *self)
{
  g_return_if_fail (TRIB_IS_SYNC_EDITOR (self));

  if (is_script_mode (self))
    trib_sync_script_view_flush (self->script_view);
}

GtkWidget *
trib_sync_editor_new (TribWorkspace *workspace,
                      TribWorkflow  *workflow,
                      const char    *node_id)
{
  TribSyncEditor *self;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);

  self = g_object_new (TRIB_TYPE_SYNC_EDITOR, NULL);
  self->workspace = g_object_ref (workspace);
  self->workflow = g_object_ref (workflow);
  self->node_id = g_strdup (node_id);

  _trib_sync_editor_build_form (self);
  self->known_content = g_strdup (_trib_sync_editor_get_content (self));
  g_signal_connect_object (workflow, "changed", G_CALLBACK (workflow_changed_cb), self, G_CONNECT_SWAPPED);
  if (!load_form_from_document (self))
    {
      show_page (self, "script");
      load_script_from_document (self);
    }
  return GTK_WIDGET (self);
}

/* }}} */
/* GObject {{{ */

static void
trib_sync_editor_dispose (GObject *object)
{
  TribSyncEditor *self = TRIB_SYNC_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_SYNC_EDITOR);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trib_sync_editor_parent_class)->dispose (object);
}

static void
trib_sync_editor_finalize (GObject *object)
{
  TribSyncEditor *self = TRIB_SYNC_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);
  g_clear_object (&self->workflow);
  g_free (self->node_id);
  g_clear_pointer (&self->form, trib_sync_form_free);
  g_strfreev (self->problems);
  g_free (self->known_content);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->catalog_columns, g_ptr_array_unref);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_free (self->listed_source);
  g_free (self->listed_table);
  g_strfreev (self->table_names);
  g_clear_object (&self->tables);

  G_OBJECT_CLASS (trib_sync_editor_parent_class)->finalize (object);
}

static void
trib_sync_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TribSyncEditor *self = TRIB_SYNC_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROBLEMS:
      g_value_set_boxed (value, self->problems);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_sync_editor_class_init (TribSyncEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_sync_editor_dispose;
  object_class->finalize = trib_sync_editor_finalize;
  object_class->get_property = trib_sync_editor_get_property;

  /* The invalid input shown that is not in the document: Save is refused while any. */
  properties[PROP_PROBLEMS] =
    g_param_spec_boxed ("problems", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRIB_TYPE_SYNC_SCRIPT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tributary/Tributary/ui/trib-sync-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TribSyncEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, TribSyncEditor, mode_message);
  gtk_widget_class_bind_template_child (widget_class, TribSyncEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, TribSyncEditor, script_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
trib_sync_editor_init (TribSyncEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bound_rows = g_ptr_array_new_with_free_func (g_free);
  self->error_rows = g_ptr_array_new ();
  self->column_rows = g_ptr_array_new ();
  self->mapping_rows = g_ptr_array_new ();
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (visible_child_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->script_view, "edited", G_CALLBACK (script_edited_cb), self, G_CONNECT_SWAPPED);
}

/* }}} */
