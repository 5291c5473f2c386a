/* trib-node-properties-edit.h: a node's properties (DataStudio's "Properties" tab) as
 * checked, undoable edits of the workflow document
 *
 * Each setter checks everything first and changes nothing when it refuses; the message
 * names the field, what is wrong and the allowed range ("Rerun: times: 150 is out of
 * range 0–100"). Each successful one is one step of the workflow's undo stack, labelled
 * after what it did ("Edit Parameters", "Change Schedule"); consecutive edits of the same
 * kind on the same node (typing in a field) fold into one step, except the run mode. They
 * live in the schedule layer because the checks need the cron and parameter parsers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-cron.h"
#include "trib-node.h"
#include "trib-param-context.h"
#include "trib-param-set.h"
#include "trib-workflow.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

/* Scheduling parameters ------------------------------------------------------------ */

/* A parameter name: letters, digits, "_" and "." (the legacy bdp.system.bizdate), not
 * starting with a digit, at most 128 characters. */
gboolean          trib_node_properties_check_parameter_name  (const char          *name,
                                                              GError             **error);
/* A value as the scheduler will read it; @column receives the character position of
 * the mistake (0 = first character), for an editor's cursor. */
gboolean          trib_node_properties_check_parameter_value (const char          *value,
                                                              guint               *column,
                                                              GError             **error);
/* Replaces script.parameters[] with @names[i] = @values[i] in order (FlowSpec entries:
 * scope NodeParameter, type System, artifactType Variable; members of a parameter that
 * keeps its name survive). On refusal @error_index receives the row and @error_column
 * the position in its value (G_MAXUINT when the name is at fault). Typing folds into
 * one undo step per node ("Edit Parameters"). */
gboolean          trib_node_properties_set_parameters        (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char * const  *names,
                                                              const char * const  *values,
                                                              guint               *error_index,
                                                              guint               *error_column,
                                                              GError             **error);
/* Removes the parameter @name, as its own undo step ("Remove Parameter"). */
gboolean          trib_node_properties_remove_parameter      (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char          *name,
                                                              GError             **error);
/* The scheduled time (cyctime) of the instance for business date @bizdate (YYYYMMDD):
 * the first fire time of the workflow's start node on the next day (T+1) in @zone, as
 * the runner computes it; midnight when the workflow has no schedule. */
GDateTime        *trib_node_properties_dup_cyctime           (TribWorkflow        *workflow,
                                                              GTimeZone           *zone,
                                                              const char          *bizdate,
                                                              GError             **error);
/* What the node's parameters are evaluated against for that business date. */
TribParamContext *trib_node_properties_new_context           (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              GTimeZone           *zone,
                                                              const char          *bizdate,
                                                              GError             **error);
/* Every parameter of the node resolved for business date @bizdate. */
TribParamSet     *trib_node_properties_resolve_parameters    (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              GTimeZone           *zone,
                                                              const char          *bizdate,
                                                              GError             **error);

/* Schedule ----------------------------------------------------------------------------- */

typedef enum
{
  TRIB_SCHEDULE_KIND_DAILY,   /* every day at HH:MM */
  TRIB_SCHEDULE_KIND_HOURLY,  /* every hour at minute M */
  TRIB_SCHEDULE_KIND_CRON,    /* any other expression */
} TribScheduleKind;

/* Which form shows @cron; @hour and @minute receive its time (DAILY) or minute (HOURLY). */
TribScheduleKind  trib_node_properties_classify_cron         (const char          *cron,
                                                              guint               *hour,
                                                              guint               *minute);
/* "00 MM * * * ?": every hour at minute @minute. */
char             *trib_node_properties_format_hourly         (guint                minute);
/* Writes trigger.cron (trigger.type Scheduler if absent). Refused with the parser's
 * message: `Schedule: cron "00 61 00 * * ?": minute field "61": 61 is out of range 0-59`.
 * Label "Change Schedule". */
gboolean          trib_node_properties_set_cron              (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char          *cron,
                                                              GError             **error);
/* Up to @n fire times of @cron strictly after @after, in @zone, inside the effective
 * period [@start, @end] ("yyyy-MM-dd HH:mm:ss", either may be NULL). */
GPtrArray        *trib_node_properties_next_fire_times       (const char          *cron,
                                                              GTimeZone           *zone,
                                                              GDateTime           *after,
                                                              const char          *start,
                                                              const char          *end,
                                                              guint                n,
                                                              GError             **error);
/* trigger.startTime / trigger.endTime as dates "YYYY-MM-DD" (NULL when not set). */
char             *trib_node_properties_dup_start_date        (TribNode            *node);
char             *trib_node_properties_dup_end_date          (TribNode            *node);
/* Sets the effective period from dates "YYYY-MM-DD": startTime at 00:00:00 of @start,
 * endTime at 23:59:59 of @end (9999-01-01 is written as DataWorks' open end
 * "9999-01-01 00:00:00"). Refused for a date that does not exist and for an end before
 * the start. Label "Change Effective Period". */
gboolean          trib_node_properties_set_effective_dates   (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char          *start,
                                                              const char          *end,
                                                              GError             **error);
/* recurrence: Normal, Skip (dry-run) or Pause. Label "Change Run Mode". */
gboolean          trib_node_properties_set_recurrence        (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              TribRecurrence       recurrence,
                                                              GError             **error);

/* Rerun ------------------------------------------------------------------------------- */

#define TRIB_NODE_RERUN_TIMES_MAX 100
#define TRIB_NODE_RERUN_INTERVAL_MAX_MS (24 * 3600 * 1000)
#define TRIB_NODE_TIMEOUT_MAX_HOURS (24 * 7)

/* "2 min", "90 s", or a bare number of minutes; @ms receives milliseconds. */
gboolean          trib_node_properties_parse_interval        (const char          *text,
                                                              guint64             *ms,
                                                              GError             **error);
/* "2 min" when whole minutes, else "90 s". */
char             *trib_node_properties_format_interval       (guint64              ms);
/* rerunMode, rerunTimes (0–100) and rerunInterval (milliseconds, up to 24 h).
 * Label "Change Rerun Settings". */
gboolean          trib_node_properties_set_rerun             (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              TribRerunMode        mode,
                                                              guint                times,
                                                              guint64              interval_ms,
                                                              GError             **error);
/* FlowSpec's "timeout", in hours (0–168); 0 removes it. Label "Change Timeout". */
gboolean          trib_node_properties_set_timeout_hours     (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              guint                hours,
                                                              GError             **error);

/* Dependencies and outputs ---------------------------------------------------------- */

/* What the node depends on, as output names (a node of the workflow without an output
 * by its id), in file order; the workspace root among them when it is. */
GStrv             trib_node_properties_dup_upstreams         (TribWorkflow        *workflow,
                                                              const char          *node_id);
/* Every output published in the workspace (each workflow's nodes, in order) and the
 * workspace root, except @node_id's own: the completion of an upstream entry. */
GStrv             trib_node_properties_dup_output_candidates (TribWorkspace       *workspace,
                                                              TribWorkflow        *workflow,
                                                              const char          *node_id);
/* Sets the upstream list (see trib_workflow_set_upstreams()); refuses an output that no
 * node of the workspace publishes. The message starts with "Dependencies: ". */
gboolean          trib_node_properties_set_upstreams         (TribWorkspace       *workspace,
                                                              TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char * const  *upstreams,
                                                              GError             **error);
/* An output name: letters, digits, "_", "." and "-", at most 256 characters. */
gboolean          trib_node_properties_check_output_name     (const char          *name,
                                                              GError             **error);
/* Replaces outputs.nodeOutputs (the first is the default). Refused for a name another
 * node of the workspace publishes, the workspace root, a name listed twice, an empty
 * list, and for removing an output that some node depends on by name.
 * Label "Change Outputs". */
gboolean          trib_node_properties_set_outputs           (TribWorkspace       *workspace,
                                                              TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char * const  *outputs,
                                                              GError             **error);

/* General ----------------------------------------------------------------------------- */

/* The node's "owner" member, or NULL. */
const char       *trib_node_properties_get_owner             (TribNode            *node);
/* Sets or (empty) removes "description"; typing folds into one undo step.
 * Label "Edit Description". */
gboolean          trib_node_properties_set_description       (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char          *description,
                                                              GError             **error);
/* Sets or (empty) removes "owner" (at most 128 characters). Label "Change Owner". */
gboolean          trib_node_properties_set_owner             (TribWorkflow        *workflow,
                                                              const char          *node_id,
                                                              const char          *owner,
                                                              GError             **error);

G_END_DECLS
