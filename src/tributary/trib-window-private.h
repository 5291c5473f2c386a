/* trib-window-private.h: for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-data-source-dialog.h"
#include "trib-sidebar.h"
#include "trib-window.h"

G_BEGIN_DECLS

TribSidebar *_trib_window_get_sidebar        (TribWindow *self);
/* The text of the problems banner, or NULL while it is hidden. */
char        *_trib_window_dup_problems_text  (TribWindow *self);
/* Titles of the toasts shown so far, newest last. */
GPtrArray   *_trib_window_get_toast_log      (TribWindow *self);
AdwTabView  *_trib_window_get_tab_view       (TribWindow *self);
/* NULL data source: a new one. */
TribDataSourceDialog *_trib_window_open_data_source_dialog (TribWindow     *self,
                                                            TribDataSource *data_source);
const char  *_trib_window_get_visible_page   (TribWindow *self);

G_END_DECLS
