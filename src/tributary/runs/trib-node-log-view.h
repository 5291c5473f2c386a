/* trib-node-log-view.h: one node instance's log, streamed while it runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_NODE_LOG_VIEW (trib_node_log_view_get_type ())

G_DECLARE_FINAL_TYPE (TribNodeLogView, trib_node_log_view, TRIB, NODE_LOG_VIEW, AdwBin)

GtkWidget  *trib_node_log_view_new          (void);
/* Shows the log of @node (id or name) of run @run_id, reading the history in the
 * background until the instance is over. It follows the end of the log until the user
 * scrolls up; with @scroll_to_error (a failed node) it ends scrolled to the last line
 * that reports an error. @log_file: the log's path, for Open Log File. */
void        trib_node_log_view_show         (TribNodeLogView *self,
                                             TribHistory     *history,
                                             gint64           run_id,
                                             const char      *node,
                                             const char      *log_file,
                                             gboolean         scroll_to_error);
void        trib_node_log_view_clear        (TribNodeLogView *self);
gint64      trib_node_log_view_get_run_id   (TribNodeLogView *self);
const char *trib_node_log_view_get_node     (TribNodeLogView *self);

/* For the UI tests */
char       *_trib_node_log_view_dup_text    (TribNodeLogView *self);
gboolean    _trib_node_log_view_is_complete (TribNodeLogView *self);
gboolean    _trib_node_log_view_is_following (TribNodeLogView *self);
/* Whether the line the view scrolled to (a failed node's error) is on screen. */
gboolean    _trib_node_log_view_error_line_visible (TribNodeLogView *self);
char       *_trib_node_log_view_dup_cursor_line (TribNodeLogView *self);

G_END_DECLS
