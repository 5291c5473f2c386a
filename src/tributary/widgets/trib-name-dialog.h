/* trib-name-dialog.h: asks for a name (and optionally a description), checked as typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRIB_TYPE_NAME_DIALOG (trib_name_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribNameDialog, trib_name_dialog, TRIB, NAME_DIALOG, AdwMessageDialog)

/* Returns TRUE when @name is acceptable, else FALSE with the reason in @error. */
typedef gboolean (*TribNameCheck) (const char  *name,
                                   gpointer     user_data,
                                   GError     **error);

TribNameDialog *trib_name_dialog_new             (GtkWindow     *parent,
                                                  const char    *heading,
                                                  const char    *body,
                                                  const char    *accept_label,
                                                  const char    *initial_name,
                                                  gboolean       with_description,
                                                  const char    *initial_description,
                                                  TribNameCheck  check,
                                                  gpointer       user_data,
                                                  GDestroyNotify destroy);
const char     *trib_name_dialog_get_name        (TribNameDialog *self);
const char     *trib_name_dialog_get_description (TribNameDialog *self);
/* For tests: type into the name field as a person would. */
void            trib_name_dialog_set_name        (TribNameDialog *self,
                                                  const char     *name);
/* The reason shown under the field, or NULL when the name is fine. */
const char     *trib_name_dialog_get_error       (TribNameDialog *self);
/* Accepts as the accept button does, if the name is acceptable. */
gboolean        trib_name_dialog_accept          (TribNameDialog *self);

G_END_DECLS
