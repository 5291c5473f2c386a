/* trib-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"
#include "trib-application.h"

G_BEGIN_DECLS

#define TRIB_TYPE_WINDOW (trib_window_get_type ())

G_DECLARE_FINAL_TYPE (TribWindow, trib_window, TRIB, WINDOW, AdwApplicationWindow)

TribWindow    *trib_window_new            (TribApplication *application);
/* Loads @directory in the background; on failure a toast says why and the current
 * workspace stays open. */
void           trib_window_open_workspace (TribWindow      *self,
                                           GFile           *directory);
TribWorkspace *trib_window_get_workspace  (TribWindow      *self);
/* Opens (or brings forward) the tab of @workflow. */
void           trib_window_show_workflow  (TribWindow      *self,
                                           TribWorkflow    *workflow);
/* Opens (or brings forward) the tab of an ad hoc query (query/trib-query-actions.c). */
void           trib_window_show_query     (TribWindow      *self,
                                           TribSavedQuery  *query);
void           trib_window_add_toast      (TribWindow      *self,
                                           const char      *message);

G_END_DECLS
