/* trib-node-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-node-card.h"
#include "trib-run-state-style.h"

struct _TribNodeCard
{
  GtkWidget  parent_instance;

  TribNode  *node;
  char      *node_id;
  char      *state_text;
  gboolean   selected;

  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *name_label;
  GtkLabel  *type_label;
  GtkWidget *handle;
  GtkImage  *state_icon;
  gboolean   state_shown;
  TribNodeState state;
  char      *state_detail;
  int        shown_kind;        /* the kind's CSS class on the card; -1: none yet */
  char      *shown_accessible;  /* name and description last given to screen readers */
};

G_DEFINE_FINAL_TYPE (TribNodeCard, trib_node_card, GTK_TYPE_WIDGET)

static const char *
kind_css_class (TribNodeKind kind)
{
  switch (kind)
    {
    case TRIB_NODE_KIND_VIRTUAL:
      return "trib-kind-virtual";
    case TRIB_NODE_KIND_DI:
      return "trib-kind-sync";
    case TRIB_NODE_KIND_EMR_SPARK_SQL:
      return "trib-kind-spark";
    case TRIB_NODE_KIND_UNKNOWN:
    case TRIB_NODE_KIND_REFERENCE:
    default:
      return "trib-kind-other";
    }
}

char *
trib_node_card_dup_description (TribNodeCard *self)
{
  TribNodeKind kind;

  g_return_val_if_fail (TRIB_IS_NODE_CARD (self), NULL);

  /* A screen reader says the name, then the type and the run state. */
  kind = trib_node_get_kind (self->node);
  if (self->state_text)
    return g_strdup_printf ("%s, %s", trib_node_kind_get_label (kind), self->state_text);
  return g_strdup (trib_node_kind_get_label (kind));
}

static void
update_accessible (TribNodeCard *self)
{
  g_autofree char *description = trib_node_card_dup_description (self);
  g_autofree char *shown = g_strdup_printf ("%s\n%s\n%d", trib_node_get_display_name (self->node), description,
                                            self->selected);

  /* Every edit of the workflow gives each card its rebuilt node: tell assistive
   * technologies only what changed (1,000 cards on one edit). */
  if (g_strcmp0 (shown, self->shown_accessible) == 0)
    return;
  g_free (self->shown_accessible);
  self->shown_accessible = g_steal_pointer (&shown);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, trib_node_get_display_name (self->node),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, self->selected, -1);
}

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

static void
update (TribNodeCard *self)
{
  TribNodeKind kind = trib_node_get_kind (self->node);
  const char *description = trib_node_get_description (self->node);

  /* A class change restyles the card: only when the kind changed. */
  if (self->shown_kind != (int) kind)
    {
      if (self->shown_kind >= 0)
        gtk_widget_remove_css_class (GTK_WIDGET (self), kind_css_class (self->shown_kind));
      gtk_widget_add_css_class (GTK_WIDGET (self), kind_css_class (kind));
      self->shown_kind = kind;
    }

  gtk_image_set_from_icon_name (self->icon, trib_node_kind_get_icon_name (kind));
  set_label_text (self->name_label, trib_node_get_display_name (self->node));
  if (kind == TRIB_NODE_KIND_UNKNOWN && trib_node_get_command (self->node))
    {
      g_autofree char *text = g_strdup_printf ("%s (%s)", trib_node_kind_get_label (kind),
                                               trib_node_get_command (self->node));
      set_label_text (self->type_label, text);
    }
  else if (self->state_shown)
    {
      g_autofree char *text = self->state_detail
        ? g_strdup_printf ("%s · %s %s", trib_node_kind_get_label (kind), trib_node_state_get_label (self->state),
                           self->state_detail)
        : g_strdup_printf ("%s · %s", trib_node_kind_get_label (kind), trib_node_state_get_label (self->state));
      set_label_text (self->type_label, text);
    }
  else
    set_label_text (self->type_label, trib_node_kind_get_label (kind));
  {
    const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (self));
    const char *wanted = description && *description ? description : NULL;

    if (g_strcmp0 (tooltip, wanted) != 0)
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), wanted);
  }
  update_accessible (self);
}

static void
trib_node_card_dispose (GObject *object)
{
  TribNodeCard *self = TRIB_NODE_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->handle, gtk_widget_unparent);
  g_clear_object (&self->node);
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->state_text, g_free);
  g_clear_pointer (&self->state_detail, g_free);
  g_clear_pointer (&self->shown_accessible, g_free);

  G_OBJECT_CLASS (trib_node_card_parent_class)->dispose (object);
}

/* The box fills the card; the handle sits on the middle of its bottom edge. */
static void
trib_node_card_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  TribNodeCard *self = TRIB_NODE_CARD (widget);
  int hw, hh;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  gtk_widget_measure (self->handle, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &hw, NULL, NULL);
  gtk_widget_measure (self->handle, GTK_ORIENTATION_VERTICAL, -1, NULL, &hh, NULL, NULL);
  gtk_widget_allocate (self->handle, hw, hh, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((width - hw) / 2.0f,
                                                                            height - hh / 2.0f)));
}

static void
trib_node_card_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  TribNodeCard *self = TRIB_NODE_CARD (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
trib_node_card_class_init (TribNodeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_node_card_dispose;
  widget_class->size_allocate = trib_node_card_size_allocate;
  widget_class->measure = trib_node_card_measure;

  gtk_widget_class_set_css_name (widget_class, "trib-node");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

/* Built in code rather than from a .ui template: a canvas holds a thousand of these, and
 * parsing the template for each one tripled the time to open a large workflow. */
static void
trib_node_card_init (TribNodeCard *self)
{
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->shown_kind = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_add_css_class (self->box, "trib-node-box");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->icon, 24);
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "trib-node-icon");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->icon));

  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (self->box), labels);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->name_label));

  self->type_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->type_label, 0);
  gtk_label_set_ellipsize (self->type_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->type_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->type_label), "dim-label");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->type_label));

  self->state_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->state_icon), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->state_icon));

  self->handle = gtk_image_new_from_icon_name ("trib-handle-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (self->handle), 12);
  gtk_widget_set_tooltip_text (self->handle, _("Drag onto another node to make it depend on this one"));
  gtk_widget_add_css_class (self->handle, "trib-node-handle");
  gtk_widget_set_parent (self->handle, GTK_WIDGET (self));
}

GtkWidget *
trib_node_card_new (TribNode *node)
{
  TribNodeCard *self = g_object_new (TRIB_TYPE_NODE_CARD, NULL);

  trib_node_card_set_node (self, node);
  return GTK_WIDGET (self);
}

TribNode *
trib_node_card_get_node (TribNodeCard *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_CARD (self), NULL);
  return self->node;
}

void
trib_node_card_set_node (TribNodeCard *self,
                         TribNode     *node)
{
  g_return_if_fail (TRIB_IS_NODE_CARD (self));
  g_return_if_fail (TRIB_IS_NODE (node));

  g_set_object (&self->node, node);
  g_free (self->node_id);
  self->node_id = g_strdup (trib_node_get_id (node));
  update (self);
}

const char *
trib_node_card_get_node_id (TribNodeCard *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_CARD (self), NULL);
  return self->node_id;
}

gboolean
trib_node_card_get_selected (TribNodeCard *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_CARD (self), FALSE);
  return self->selected;
}

void
trib_node_card_set_selected (TribNodeCard *self,
                             gboolean      selected)
{
  g_return_if_fail (TRIB_IS_NODE_CARD (self));

  if (self->selected == !!selected)
    return;
  self->selected = !!selected;
  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
  update_accessible (self);
}

GtkWidget *
trib_node_card_get_handle (TribNodeCard *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_CARD (self), NULL);
  return self->handle;
}

void
trib_node_card_set_state_text (TribNodeCard *self,
                               const char   *text)
{
  g_return_if_fail (TRIB_IS_NODE_CARD (self));
  g_free (self->state_text);
  self->state_text = g_strdup (text);
  update_accessible (self);
}

static const char *
state_css_class (TribNodeState state)
{
  switch (state)
    {
    case TRIB_NODE_STATE_WAITING:   return "trib-state-waiting";
    case TRIB_NODE_STATE_RUNNING:   return "trib-state-running";
    case TRIB_NODE_STATE_SUCCESS:   return "trib-state-success";
    case TRIB_NODE_STATE_FAILED:    return "trib-state-failed";
    case TRIB_NODE_STATE_CANCELLED: return "trib-state-cancelled";
    case TRIB_NODE_STATE_SKIPPED:   return "trib-state-skipped";
    case TRIB_NODE_STATE_NOT_RUN:
    default:                        return "trib-state-not-run";
    }
}

void
trib_node_card_set_run_state (TribNodeCard  *self,
                              gboolean       shown,
                              TribNodeState  state,
                              const char    *detail)
{
  g_autofree char *words = NULL;

  g_return_if_fail (TRIB_IS_NODE_CARD (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self), state_css_class (self->state));
  self->state_shown = shown;
  self->state = state;
  g_free (self->state_detail);
  self->state_detail = g_strdup (detail);

  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), shown);
  if (shown)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), state_css_class (state));
      trib_style_image_for_node_state (self->state_icon, state);
      words = detail ? g_strdup_printf ("%s %s", trib_node_state_get_label (state), detail)
                     : g_strdup (trib_node_state_get_label (state));
    }
  /* The description a screen reader says: "Batch synchronization, Succeeded". */
  g_free (self->state_text);
  self->state_text = g_steal_pointer (&words);
  update (self);
}

TribNodeState
trib_node_card_get_run_state (TribNodeCard *self)
{
  g_return_val_if_fail (TRIB_IS_NODE_CARD (self), TRIB_NODE_STATE_NOT_RUN);
  return self->state_shown ? self->state : TRIB_NODE_STATE_NOT_RUN;
}
