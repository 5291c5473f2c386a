/* trib-undo-stack.c
 *
 * Snapshots rather than inverse operations: Apache Hop's diff-based undo lost redo after
 * a drag (apache/hop#6028) and moved to snapshots; a workflow's text is small enough.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-undo-stack.h"
#include "trib-workflow-edit.h"

typedef struct
{
  char *text;
  char *label;   /* the edit that led to this state */
  char *merge_key;
} State;

struct _TribUndoStack
{
  GObject       parent_instance;

  TribWorkflow *workflow;
  GPtrArray    *states;
  guint         current;
  gboolean      restoring;
};

G_DEFINE_FINAL_TYPE (TribUndoStack, trib_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
state_free (State *state)
{
  g_free (state->text);
  g_free (state->label);
  g_free (state->merge_key);
  g_free (state);
}

static State *
state_new (const char *text,
           const char *label)
{
  State *state = g_new0 (State, 1);

  state->text = g_strdup (text);
  state->label = g_strdup (label);
  return state;
}

static void
notify_all (TribUndoStack *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
reset_to_present (TribUndoStack *self)
{
  g_autofree char *text = trib_workflow_to_string (self->workflow);

  g_ptr_array_set_size (self->states, 0);
  g_ptr_array_add (self->states, state_new (text, NULL));
  self->current = 0;
}

static void
workflow_changed_cb (TribUndoStack *self,
                     TribWorkflow  *workflow)
{
  const char *label = trib_workflow_get_last_edit (workflow);
  const char *merge_key;
  g_autofree char *text = NULL;
  State *present;

  if (self->restoring)
    return;
  /* The document was replaced from disk: the old states no longer apply. */
  if (label == NULL)
    {
      reset_to_present (self);
      notify_all (self);
      return;
    }

  text = trib_workflow_to_string (workflow);
  present = self->states->pdata[self->current];
  if (g_strcmp0 (present->text, text) == 0)
    return;

  /* Typing in a script is one step, not one per pause. */
  merge_key = trib_workflow_get_last_edit_merge_key (workflow);
  if (merge_key != NULL && self->current > 0 &&
      self->current == self->states->len - 1 &&
      g_strcmp0 (present->merge_key, merge_key) == 0)
    {
      g_free (present->text);
      present->text = g_steal_pointer (&text);
      return;
    }

  /* A new edit after undo drops the states that could have been redone. */
  g_ptr_array_set_size (self->states, self->current + 1);
  g_ptr_array_add (self->states, state_new (text, label));
  ((State *) g_ptr_array_index (self->states, self->states->len - 1))->merge_key = g_strdup (merge_key);
  if (self->states->len > TRIB_UNDO_STACK_LIMIT)
    g_ptr_array_remove_index (self->states, 0);
  self->current = self->states->len - 1;
  notify_all (self);
}

static void
trib_undo_stack_dispose (GObject *object)
{
  TribUndoStack *self = TRIB_UNDO_STACK (object);

  if (self->workflow)
    g_signal_handlers_disconnect_by_data (self->workflow, self);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (trib_undo_stack_parent_class)->dispose (object);
}

static void
trib_undo_stack_finalize (GObject *object)
{
  TribUndoStack *self = TRIB_UNDO_STACK (object);

  g_clear_pointer (&self->states, g_ptr_array_unref);

  G_OBJECT_CLASS (trib_undo_stack_parent_class)->finalize (object);
}

static void
trib_undo_stack_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TribUndoStack *self = TRIB_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, trib_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, trib_undo_stack_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, trib_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, trib_undo_stack_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_undo_stack_class_init (TribUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trib_undo_stack_dispose;
  object_class->finalize = trib_undo_stack_finalize;
  object_class->get_property = trib_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_undo_stack_init (TribUndoStack *self)
{
  self->states = g_ptr_array_new_with_free_func ((GDestroyNotify) state_free);
}

TribUndoStack *
trib_undo_stack_new (TribWorkflow *workflow)
{
  TribUndoStack *self;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  self = g_object_new (TRIB_TYPE_UNDO_STACK, NULL);
  self->workflow = g_object_ref (workflow);
  reset_to_present (self);
  g_signal_connect_swapped (workflow, "changed", G_CALLBACK (workflow_changed_cb), self);
  return self;
}

TribWorkflow *
trib_undo_stack_get_workflow (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), NULL);
  return self->workflow;
}

gboolean
trib_undo_stack_can_undo (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), FALSE);
  return self->current > 0;
}

gboolean
trib_undo_stack_can_redo (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), FALSE);
  return self->current + 1 < self->states->len;
}

const char *
trib_undo_stack_get_undo_label (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), NULL);
  if (!trib_undo_stack_can_undo (self))
    return NULL;
  return ((State *) self->states->pdata[self->current])->label;
}

const char *
trib_undo_stack_get_redo_label (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), NULL);
  if (!trib_undo_stack_can_redo (self))
    return NULL;
  return ((State *) self->states->pdata[self->current + 1])->label;
}

static void
restore (TribUndoStack *self,
         guint          index)
{
  State *state = self->states->pdata[index];

  self->current = index;
  self->restoring = TRUE;
  trib_workflow_replace_text (self->workflow, state->text, FALSE);
  self->restoring = FALSE;
  notify_all (self);
}

gboolean
trib_undo_stack_undo (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), FALSE);

  if (!trib_undo_stack_can_undo (self))
    return FALSE;
  restore (self, self->current - 1);
  return TRUE;
}

gboolean
trib_undo_stack_redo (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), FALSE);

  if (!trib_undo_stack_can_redo (self))
    return FALSE;
  restore (self, self->current + 1);
  return TRUE;
}

void
trib_undo_stack_clear (TribUndoStack *self)
{
  g_return_if_fail (TRIB_IS_UNDO_STACK (self));
  reset_to_present (self);
  notify_all (self);
}

guint
trib_undo_stack_get_depth (TribUndoStack *self)
{
  g_return_val_if_fail (TRIB_IS_UNDO_STACK (self), 0);
  return self->states->len;
}
