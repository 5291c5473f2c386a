/* trib-new-query-dialog.h: New Query: name, type (EMR Spark SQL or MySQL), data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_NEW_QUERY_DIALOG (trib_new_query_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribNewQueryDialog, trib_new_query_dialog, TRIB, NEW_QUERY_DIALOG, AdwMessageDialog)

/* Emits ::create (name, data source) when the user confirms a valid name. */
TribNewQueryDialog *trib_new_query_dialog_new (GtkWindow      *parent,
                                               TribWorkspace  *workspace,
                                               TribQueryStore *store);

/* For the UI tests */
GtkEditable *_trib_new_query_dialog_get_name_entry (TribNewQueryDialog *self);
GtkDropDown *_trib_new_query_dialog_get_type_dropdown (TribNewQueryDialog *self);
GtkDropDown *_trib_new_query_dialog_get_data_source_dropdown (TribNewQueryDialog *self);

G_END_DECLS
