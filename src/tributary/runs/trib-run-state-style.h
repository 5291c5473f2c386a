/* trib-run-state-style.h: how run and node states look (icon and colour, never colour alone)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "libtributary.h"
#include "trib-text.h"  /* trib_format_duration () */

G_BEGIN_DECLS

const char *trib_node_state_get_icon_name  (TribNodeState  state);
/* A libadwaita style class ("success", "error", "warning", "accent", "dim-label"). */
const char *trib_node_state_get_css_class  (TribNodeState  state);
const char *trib_run_state_get_icon_name   (TribRunState   state);
const char *trib_run_state_get_css_class   (TribRunState   state);
/* Sets @image's icon and colour class for a state, dropping the previous class. */
void        trib_style_image_for_node_state (GtkImage     *image,
                                             TribNodeState state);
void        trib_style_image_for_run_state  (GtkImage     *image,
                                             TribRunState  state);
/* "2024-08-08 00:30:00", local time; "" for 0. */
char       *trib_format_timestamp          (gint64         microseconds);

G_END_DECLS
