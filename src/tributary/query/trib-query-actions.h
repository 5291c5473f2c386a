/* trib-query-actions.h: the window's ad hoc query actions (win.new-query) and tabs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-window.h"

G_BEGIN_DECLS

void _trib_query_actions_class_init (GtkWidgetClass *widget_class);
void _trib_query_actions_init       (TribWindow     *self);

G_END_DECLS
