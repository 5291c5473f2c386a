/* trib-sync-preview-dialog.h: "Preview Data": the first records the job's reader reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-param-set.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_PREVIEW_DIALOG (trib_sync_preview_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncPreviewDialog, trib_sync_preview_dialog, TRIB, SYNC_PREVIEW_DIALOG, AdwWindow)

/* Starts reading at once; closing the dialog cancels the reading. */
GtkWidget  *trib_sync_preview_dialog_new        (TribWorkspace         *workspace,
                                                 const char            *job_text,
                                                 TribParamSet          *params);
/* TRUE once the records (or an error) are shown. */
gboolean    trib_sync_preview_dialog_is_done    (TribSyncPreviewDialog *self);
/* The number of records shown, and the text of one cell (NULL for a null value). */
guint       trib_sync_preview_dialog_get_n_rows (TribSyncPreviewDialog *self);
const char *trib_sync_preview_dialog_get_cell   (TribSyncPreviewDialog *self,
                                                 guint                  row,
                                                 guint                  column);
const char *trib_sync_preview_dialog_get_error  (TribSyncPreviewDialog *self);

G_END_DECLS
