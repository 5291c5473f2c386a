/* trib-run-dialog.h: choose the business date of a run and see its parameters first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-run-controller.h"

G_BEGIN_DECLS

#define TRIB_TYPE_RUN_DIALOG (trib_run_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TribRunDialog, trib_run_dialog, TRIB, RUN_DIALOG, AdwWindow)

/* Business date yesterday by default; every node's resolved parameters are listed
 * (planned without running anything) before Run starts it through @controller. With
 * @node set (id or name) only that node runs, or it and its descendants. */
TribRunDialog *trib_run_dialog_new         (GtkWindow         *parent,
                                            TribRunController *controller,
                                            TribWorkflow      *workflow,
                                            const char        *node,
                                            gboolean           with_descendants);
void           trib_run_dialog_set_bizdate (TribRunDialog     *self,
                                            const char        *bizdate);

/* For the UI tests */
char          *_trib_run_dialog_dup_preview (TribRunDialog    *self);
/* Clicks Run; FALSE when it is disabled. */
gboolean       _trib_run_dialog_activate_run (TribRunDialog   *self);

G_END_DECLS
