/* trib-params-dialog.h: Run with Parameters: a value for each ${name} and $[...]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRIB_TYPE_PARAMS_DIALOG (trib_params_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribParamsDialog, trib_params_dialog, TRIB, PARAMS_DIALOG, AdwMessageDialog)

/* @names: the parameters in order; @values: the starting value of each (name -> value). */
TribParamsDialog *trib_params_dialog_new        (GtkWindow          *parent,
                                                 const char         *sql,
                                                 const char * const *names,
                                                 GHashTable         *values);
/* name -> value as entered. */
GHashTable       *trib_params_dialog_dup_values (TribParamsDialog   *self);
/* The SQL with the values in, as the preview shows it (NULL while one is missing). */
const char       *trib_params_dialog_get_final_sql (TribParamsDialog *self);
/* The entry of a parameter, for the UI tests. */
GtkEditable      *_trib_params_dialog_get_entry (TribParamsDialog   *self,
                                                 const char         *name);

G_END_DECLS
