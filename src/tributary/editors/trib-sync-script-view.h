/* trib-sync-script-view.h: the sync job as script-mode JSON, checked as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRIB_TYPE_SYNC_SCRIPT_VIEW (trib_sync_script_view_get_type ())

G_DECLARE_FINAL_TYPE (TribSyncScriptView, trib_sync_script_view, TRIB, SYNC_SCRIPT_VIEW, GtkWidget)

/* Replaces the text without emitting "edited" (a change that came from the document). */
void        trib_sync_script_view_set_text      (TribSyncScriptView *self,
                                                 const char         *text);
char       *trib_sync_script_view_dup_text      (TribSyncScriptView *self);
/* Underlines each TribSyncProblem at its place and lists the messages under the text;
 * @note, if given, is shown first (e.g. the keys the form cannot show). */
void        trib_sync_script_view_show_problems (TribSyncScriptView *self,
                                                 GPtrArray          *problems,
                                                 const char         *note);
/* Emits a pending "edited" now. */
void        trib_sync_script_view_flush         (TribSyncScriptView *self);
GtkWidget  *trib_sync_script_view_get_source_view (TribSyncScriptView *self);

G_END_DECLS
