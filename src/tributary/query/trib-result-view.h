/* trib-result-view.h: one statement's result: grid, status line, copy and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_RESULT_VIEW (trib_result_view_get_type ())

G_DECLARE_FINAL_TYPE (TribResultView, trib_result_view, TRIB, RESULT_VIEW, GtkWidget)

GtkWidget     *trib_result_view_new      (TribQueryRun   *run);
TribQueryRun  *trib_result_view_get_run  (TribResultView *self);

/* For the UI tests and the benchmark */
GtkColumnView *_trib_result_view_get_column_view (TribResultView *self);
const char    *_trib_result_view_get_status      (TribResultView *self);
/* The error text shown, or NULL. */
const char    *_trib_result_view_get_error_text  (TribResultView *self);
/* What Copy puts on the clipboard for the selected rows. */
char          *_trib_result_view_dup_selection_tsv (TribResultView *self);
void           _trib_result_view_export          (TribResultView        *self,
                                                  TribQueryExportFormat  format,
                                                  GFile                 *file);
/* How many exports finished (successfully or not) and the last error message. */
guint          _trib_result_view_get_n_exports   (TribResultView *self,
                                                  const char    **last_error);

G_END_DECLS
