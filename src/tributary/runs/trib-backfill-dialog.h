/* trib-backfill-dialog.h: run a workflow for a range or list of business dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-run-controller.h"

G_BEGIN_DECLS

#define TRIB_TYPE_BACKFILL_DIALOG (trib_backfill_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribBackfillDialog, trib_backfill_dialog, TRIB, BACKFILL_DIALOG, AdwWindow)

/* Three steps, as DataWorks' data backfill: the dates (a range and/or a list), their
 * order, how many run at once and which nodes; then a preview of every instance with its
 * resolved parameters, before anything starts; then the progress of every date. */
TribBackfillDialog *trib_backfill_dialog_new (GtkWindow         *parent,
                                              TribRunController *controller,
                                              TribWorkflow      *workflow);

/* For the UI tests */
void        _trib_backfill_dialog_set_dates   (TribBackfillDialog *self,
                                               const char         *from,
                                               const char         *to,
                                               const char         *list);
void        _trib_backfill_dialog_set_order   (TribBackfillDialog *self,
                                               gboolean            descending,
                                               guint               parallelism);
/* "setup", "preview" or "progress". */
const char *_trib_backfill_dialog_get_step    (TribBackfillDialog *self);
/* Presses the main button (Preview, Start); FALSE when it is disabled. */
gboolean    _trib_backfill_dialog_next        (TribBackfillDialog *self);
char       *_trib_backfill_dialog_dup_text    (TribBackfillDialog *self);
gboolean    _trib_backfill_dialog_is_finished (TribBackfillDialog *self);

G_END_DECLS
