/* trib-param-context.h: what a scheduling parameter is evaluated against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-civil-time.h"

G_BEGIN_DECLS

#define TRIB_TYPE_PARAM_CONTEXT (trib_param_context_get_type ())

G_DECLARE_FINAL_TYPE (TribParamContext, trib_param_context, TRIB, PARAM_CONTEXT, GObject)

/* An instance's scheduled time (cyctime), read as wall time in its own time zone (pass
 * it in the workspace's zone), and the ids the system parameters $jobid, $nodeid and
 * $taskid print. The context is immutable, so threads may share it. */
TribParamContext *trib_param_context_new            (GDateTime        *cyctime,
                                                     const char       *job_id,
                                                     const char       *node_id,
                                                     const char       *task_id);
/* The same scheduled time for another node or instance. */
TribParamContext *trib_param_context_new_for_node   (TribParamContext *self,
                                                     const char       *node_id,
                                                     const char       *task_id);

GDateTime        *trib_param_context_get_cyctime    (TribParamContext *self);
void              trib_param_context_get_cyctime_fields (TribParamContext *self,
                                                         TribCivilTime    *cyctime);
/* The business date: the scheduled date minus one day, at 00:00:00. */
void              trib_param_context_get_bizdate_fields (TribParamContext *self,
                                                         TribCivilTime    *bizdate);
/* "YYYYMMDD" and "YYYYMMDDHHMMSS". */
char             *trib_param_context_dup_bizdate    (TribParamContext *self);
char             *trib_param_context_dup_cyctime_string (TribParamContext *self);
const char       *trib_param_context_get_job_id     (TribParamContext *self);
const char       *trib_param_context_get_node_id    (TribParamContext *self);
const char       *trib_param_context_get_task_id    (TribParamContext *self);

G_END_DECLS
