/* trib-run-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-run-state.h"

G_DEFINE_ENUM_TYPE (TribNodeState, trib_node_state,
  G_DEFINE_ENUM_VALUE (TRIB_NODE_STATE_NOT_RUN, "not-run"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_STATE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_STATE_SUCCESS, "success"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_STATE_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (TRIB_NODE_STATE_SKIPPED, "skipped"))

G_DEFINE_ENUM_TYPE (TribRunState, trib_run_state,
  G_DEFINE_ENUM_VALUE (TRIB_RUN_STATE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (TRIB_RUN_STATE_SUCCESS, "success"),
  G_DEFINE_ENUM_VALUE (TRIB_RUN_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (TRIB_RUN_STATE_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (TRIB_RUN_STATE_INCOMPLETE, "incomplete"))

static const char * const node_state_names[] = {
  "not-run", "waiting", "running", "success", "failed", "cancelled", "skipped",
};

static const char * const run_state_names[] = {
  "running", "success", "failed", "cancelled", "incomplete",
};

const char *
trib_node_state_to_string (TribNodeState state)
{
  g_return_val_if_fail (state <= TRIB_NODE_STATE_LAST, NULL);
  return node_state_names[state];
}

gboolean
trib_node_state_from_string (const char    *text,
                             TribNodeState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (node_state_names); i++)
    if (g_strcmp0 (text, node_state_names[i]) == 0)
      {
        *state = (TribNodeState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
trib_node_state_get_label (TribNodeState state)
{
  switch (state)
    {
    case TRIB_NODE_STATE_NOT_RUN:   return _("Not run");
    case TRIB_NODE_STATE_WAITING:   return _("Waiting");
    case TRIB_NODE_STATE_RUNNING:   return _("Running");
    case TRIB_NODE_STATE_SUCCESS:   return _("Succeeded");
    case TRIB_NODE_STATE_FAILED:    return _("Failed");
    case TRIB_NODE_STATE_CANCELLED: return _("Cancelled");
    case TRIB_NODE_STATE_SKIPPED:   return _("Skipped (dry-run)");
    default:                        g_return_val_if_reached (NULL);
    }
}

gboolean
trib_node_state_is_final (TribNodeState state)
{
  return state == TRIB_NODE_STATE_SUCCESS || state == TRIB_NODE_STATE_FAILED ||
         state == TRIB_NODE_STATE_CANCELLED || state == TRIB_NODE_STATE_SKIPPED;
}

gboolean
trib_node_state_is_success (TribNodeState state)
{
  return state == TRIB_NODE_STATE_SUCCESS || state == TRIB_NODE_STATE_SKIPPED;
}

const char *
trib_run_state_to_string (TribRunState state)
{
  g_return_val_if_fail (state <= TRIB_RUN_STATE_INCOMPLETE, NULL);
  return run_state_names[state];
}

gboolean
trib_run_state_from_string (const char   *text,
                            TribRunState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (run_state_names); i++)
    if (g_strcmp0 (text, run_state_names[i]) == 0)
      {
        *state = (TribRunState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
trib_run_state_get_label (TribRunState state)
{
  switch (state)
    {
    case TRIB_RUN_STATE_RUNNING:    return _("Running");
    case TRIB_RUN_STATE_SUCCESS:    return _("Succeeded");
    case TRIB_RUN_STATE_FAILED:     return _("Failed");
    case TRIB_RUN_STATE_CANCELLED:  return _("Cancelled");
    case TRIB_RUN_STATE_INCOMPLETE: return _("Incomplete");
    default:                        g_return_val_if_reached (NULL);
    }
}
