/* trib-name-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-name-dialog.h"

struct _TribNameDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *name_entry;
  GtkEntry         *description_entry;
  GtkLabel         *error_label;
  char             *error_text;

  TribNameCheck     check;
  gpointer          user_data;
  GDestroyNotify    destroy;
};

G_DEFINE_FINAL_TYPE (TribNameDialog, trib_name_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
recheck (TribNameDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  gboolean ok = self->check ? self->check (name, self->user_data, &error) : *name != '\0';

  g_clear_pointer (&self->error_text, g_free);
  if (!ok)
    self->error_text = g_strdup (error ? error->message : _("Enter a name"));

  /* An empty field is not an error yet; just nothing to accept. */
  gtk_label_set_text (self->error_label, self->error_text && *name ? self->error_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error_text != NULL && *name);
  if (self->error_text && *name)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->error_text ? self->error_text : "", -1);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", ok);
}

static void
activate_cb (TribNameDialog *self)
{
  trib_name_dialog_accept (self);
}

static void
trib_name_dialog_finalize (GObject *object)
{
  TribNameDialog *self = TRIB_NAME_DIALOG (object);

  if (self->destroy)
    self->destroy (self->user_data);
  g_free (self->error_text);

  G_OBJECT_CLASS (trib_name_dialog_parent_class)->finalize (object);
}

static void
trib_name_dialog_class_init (TribNameDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_name_dialog_finalize;
}

static void
trib_name_dialog_init (TribNameDialog *self)
{
}

TribNameDialog *
trib_name_dialog_new (GtkWindow     *parent,
                      const char    *heading,
                      const char    *body,
                      const char    *accept_label,
                      const char    *initial_name,
                      gboolean       with_description,
                      const char    *initial_description,
                      TribNameCheck  check,
                      gpointer       user_data,
                      GDestroyNotify destroy)
{
  TribNameDialog *self = g_object_new (TRIB_TYPE_NAME_DIALOG,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       "heading", heading,
                                       "body", body,
                                       NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->check = check;
  self->user_data = user_data;
  self->destroy = destroy;

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->name_entry, FALSE);
  gtk_entry_set_placeholder_text (self->name_entry, _("Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  if (with_description)
    {
      self->description_entry = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_placeholder_text (self->description_entry, _("Description (optional)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->description_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
      if (initial_description)
        gtk_editable_set_text (GTK_EDITABLE (self->description_entry), initial_description);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->description_entry));
      g_signal_connect_swapped (self->description_entry, "activate", G_CALLBACK (activate_cb), self);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  if (initial_name)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), initial_name);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (recheck), self);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (activate_cb), self);
  recheck (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  return self;
}

const char *
trib_name_dialog_get_name (TribNameDialog *self)
{
  g_return_val_if_fail (TRIB_IS_NAME_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
}

const char *
trib_name_dialog_get_description (TribNameDialog *self)
{
  g_return_val_if_fail (TRIB_IS_NAME_DIALOG (self), NULL);
  return self->description_entry ? gtk_editable_get_text (GTK_EDITABLE (self->description_entry)) : NULL;
}

void
trib_name_dialog_set_name (TribNameDialog *self,
                           const char     *name)
{
  g_return_if_fail (TRIB_IS_NAME_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
}

const char *
trib_name_dialog_get_error (TribNameDialog *self)
{
  g_return_val_if_fail (TRIB_IS_NAME_DIALOG (self), NULL);
  return self->error_text;
}

gboolean
trib_name_dialog_accept (TribNameDialog *self)
{
  g_return_val_if_fail (TRIB_IS_NAME_DIALOG (self), FALSE);

  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "accept"))
    return FALSE;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "accept");
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
