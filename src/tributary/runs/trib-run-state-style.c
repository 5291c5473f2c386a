/* trib-run-state-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-run-state-style.h"

static const char *const all_classes[] = { "success", "error", "warning", "accent", "dim-label" };

const char *
trib_node_state_get_icon_name (TribNodeState state)
{
  switch (state)
    {
    case TRIB_NODE_STATE_WAITING:   return "content-loading-symbolic";
    case TRIB_NODE_STATE_RUNNING:   return "media-playback-start-symbolic";
    case TRIB_NODE_STATE_SUCCESS:   return "object-select-symbolic";
    case TRIB_NODE_STATE_FAILED:    return "dialog-error-symbolic";
    case TRIB_NODE_STATE_CANCELLED: return "process-stop-symbolic";
    case TRIB_NODE_STATE_SKIPPED:   return "media-skip-forward-symbolic";
    case TRIB_NODE_STATE_NOT_RUN:
    default:                        return "radio-symbolic";
    }
}

const char *
trib_node_state_get_css_class (TribNodeState state)
{
  switch (state)
    {
    case TRIB_NODE_STATE_RUNNING:   return "accent";
    case TRIB_NODE_STATE_SUCCESS:   return "success";
    case TRIB_NODE_STATE_FAILED:    return "error";
    case TRIB_NODE_STATE_CANCELLED: return "warning";
    case TRIB_NODE_STATE_SKIPPED:
    case TRIB_NODE_STATE_WAITING:
    case TRIB_NODE_STATE_NOT_RUN:
    default:                        return "dim-label";
    }
}

const char *
trib_run_state_get_icon_name (TribRunState state)
{
  switch (state)
    {
    case TRIB_RUN_STATE_RUNNING:    return "media-playback-start-symbolic";
    case TRIB_RUN_STATE_SUCCESS:    return "object-select-symbolic";
    case TRIB_RUN_STATE_FAILED:     return "dialog-error-symbolic";
    case TRIB_RUN_STATE_CANCELLED:  return "process-stop-symbolic";
    case TRIB_RUN_STATE_INCOMPLETE:
    default:                        return "dialog-warning-symbolic";
    }
}

const char *
trib_run_state_get_css_class (TribRunState state)
{
  switch (state)
    {
    case TRIB_RUN_STATE_RUNNING:    return "accent";
    case TRIB_RUN_STATE_SUCCESS:    return "success";
    case TRIB_RUN_STATE_FAILED:     return "error";
    case TRIB_RUN_STATE_CANCELLED:
    case TRIB_RUN_STATE_INCOMPLETE:
    default:                        return "warning";
    }
}

static void
style_image (GtkImage   *image,
             const char *icon_name,
             const char *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (image), all_classes[i]);
  gtk_image_set_from_icon_name (image, icon_name);
  gtk_widget_add_css_class (GTK_WIDGET (image), css_class);
}

void
trib_style_image_for_node_state (GtkImage      *image,
                                 TribNodeState  state)
{
  style_image (image, trib_node_state_get_icon_name (state), trib_node_state_get_css_class (state));
}

void
trib_style_image_for_run_state (GtkImage     *image,
                                TribRunState  state)
{
  style_image (image, trib_run_state_get_icon_name (state), trib_run_state_get_css_class (state));
}

char *
trib_format_timestamp (gint64 microseconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (microseconds <= 0)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (microseconds / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}
