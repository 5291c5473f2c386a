/* trib-workflow-schedule.h: when a workflow fires on its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-cron.h"
#include "trib-workflow.h"

G_BEGIN_DECLS

#define TRIB_TYPE_WORKFLOW_SCHEDULE (trib_workflow_schedule_get_type ())

G_DECLARE_FINAL_TYPE (TribWorkflowSchedule, trib_workflow_schedule, TRIB, WORKFLOW_SCHEDULE, GObject)

/* A snapshot of the schedule of @workflow: the trigger of its start node (the first root
 * node with a cron, else the first node with one, as the runner picks it), read in
 * @zone, the workspace's time zone. The trigger's "startTime" and "endTime"
 * ("yyyy-MM-dd HH:mm:ss", or with a "T") bound the effective period; the start node's
 * "recurrence" Pause pauses the workflow (it does not fire) and Skip makes it a dry-run.
 *
 * Returns NULL without an error when the workflow has no schedule (no cron, or a trigger
 * of type Manual), and NULL with an error naming the file and node when the cron or a
 * date cannot be read. It copies what it needs: it keeps no reference to @workflow. */
TribWorkflowSchedule *trib_workflow_schedule_new          (TribWorkflow         *workflow,
                                                          GTimeZone            *zone,
                                                          GError              **error);
/* The workflow's file name without ".json", its display name, the start node's name. */
const char           *trib_workflow_schedule_get_workflow (TribWorkflowSchedule *self);
const char           *trib_workflow_schedule_get_workflow_name (TribWorkflowSchedule *self);
const char           *trib_workflow_schedule_get_node     (TribWorkflowSchedule *self);
TribCron             *trib_workflow_schedule_get_cron     (TribWorkflowSchedule *self);
GTimeZone            *trib_workflow_schedule_get_timezone (TribWorkflowSchedule *self);
gboolean              trib_workflow_schedule_is_paused    (TribWorkflowSchedule *self);
gboolean              trib_workflow_schedule_is_dry_run   (TribWorkflowSchedule *self);
/* The effective period, NULL for an open end. */
GDateTime            *trib_workflow_schedule_get_start    (TribWorkflowSchedule *self);
GDateTime            *trib_workflow_schedule_get_end      (TribWorkflowSchedule *self);

/* The first fire time strictly after @after inside the effective period, in the
 * schedule's zone, or NULL when there is none. Paused or not: callers decide. */
GDateTime            *trib_workflow_schedule_next         (TribWorkflowSchedule *self,
                                                          GDateTime            *after);
/* Up to @n fire times after @after (GDateTime items). */
GPtrArray            *trib_workflow_schedule_next_n       (TribWorkflowSchedule *self,
                                                          GDateTime            *after,
                                                          guint                 n);
/* The business date of the instance scheduled at @cyctime: the day before, "YYYYMMDD". */
char                 *trib_workflow_schedule_dup_bizdate  (GDateTime            *cyctime);

G_END_DECLS
