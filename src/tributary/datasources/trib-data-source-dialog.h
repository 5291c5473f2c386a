/* trib-data-source-dialog.h: add or edit a data source, and test that it connects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_DATA_SOURCE_DIALOG (trib_data_source_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribDataSourceDialog, trib_data_source_dialog, TRIB, DATA_SOURCE_DIALOG, AdwWindow)

/* With @data_source NULL the dialog defines a new one; otherwise it edits a copy and
 * replaces the original only on Save. */
TribDataSourceDialog *trib_data_source_dialog_new (GtkWindow      *parent,
                                                   TribWorkspace  *workspace,
                                                   TribDataSource *data_source);

G_END_DECLS
