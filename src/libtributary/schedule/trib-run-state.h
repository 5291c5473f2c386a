/* trib-run-state.h: the states of a node instance and of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A node instance starts NOT_RUN. When its upstream instances are done it is WAITING
 * (for a free worker, or for its retry interval), then RUNNING, then one of the final
 * states. An instance that never ran because an upstream failed, was cancelled or is
 * frozen ends NOT_RUN, with the reason in its message. SKIPPED is a dry-run (recurrence
 * Skip): reported as success without running, as DataWorks does. */
typedef enum
{
  TRIB_NODE_STATE_NOT_RUN,
  TRIB_NODE_STATE_WAITING,
  TRIB_NODE_STATE_RUNNING,
  TRIB_NODE_STATE_SUCCESS,
  TRIB_NODE_STATE_FAILED,
  TRIB_NODE_STATE_CANCELLED,
  TRIB_NODE_STATE_SKIPPED,
} TribNodeState;

#define TRIB_NODE_STATE_LAST TRIB_NODE_STATE_SKIPPED

#define TRIB_TYPE_NODE_STATE (trib_node_state_get_type ())
GType          trib_node_state_get_type     (void);

/* "not-run", "waiting", "running", "success", "failed", "cancelled", "skipped": the
 * names in the run history and in `tributary-cli --json` output. */
const char    *trib_node_state_to_string    (TribNodeState  state);
gboolean       trib_node_state_from_string  (const char    *text,
                                             TribNodeState *state);
/* Translated, for people. */
const char    *trib_node_state_get_label    (TribNodeState  state);
/* SUCCESS, FAILED, CANCELLED, SKIPPED. */
gboolean       trib_node_state_is_final     (TribNodeState  state);
/* SUCCESS and SKIPPED: what lets downstream instances run. */
gboolean       trib_node_state_is_success   (TribNodeState  state);

/* A run is RUNNING until no instance can move any more. Then it is SUCCESS when every
 * instance succeeded (or was skipped), FAILED when one failed, CANCELLED when one was
 * cancelled and none failed, and INCOMPLETE when the rest were held back by a frozen
 * node (recurrence Pause). */
typedef enum
{
  TRIB_RUN_STATE_RUNNING,
  TRIB_RUN_STATE_SUCCESS,
  TRIB_RUN_STATE_FAILED,
  TRIB_RUN_STATE_CANCELLED,
  TRIB_RUN_STATE_INCOMPLETE,
} TribRunState;

#define TRIB_TYPE_RUN_STATE (trib_run_state_get_type ())
GType          trib_run_state_get_type      (void);

const char    *trib_run_state_to_string     (TribRunState   state);
gboolean       trib_run_state_from_string   (const char    *text,
                                             TribRunState  *state);
const char    *trib_run_state_get_label     (TribRunState   state);

G_END_DECLS
