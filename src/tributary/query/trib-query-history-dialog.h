/* trib-query-history-dialog.h: the runs of ad hoc queries, filtered, reopened in a tab
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_QUERY_HISTORY_DIALOG (trib_query_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribQueryHistoryDialog, trib_query_history_dialog, TRIB, QUERY_HISTORY_DIALOG, AdwWindow)

/* Emits ::reopen (TribQueryRunRecord) when a run is activated. */
TribQueryHistoryDialog *trib_query_history_dialog_new (GtkWindow     *parent,
                                                       TribWorkspace *workspace);

/* For the UI tests */
gboolean     _trib_query_history_dialog_is_loading (TribQueryHistoryDialog *self);
guint        _trib_query_history_dialog_get_n_rows (TribQueryHistoryDialog *self);
GtkEditable *_trib_query_history_dialog_get_filter (TribQueryHistoryDialog *self);
void         _trib_query_history_dialog_activate   (TribQueryHistoryDialog *self,
                                                    guint                   index);

G_END_DECLS
