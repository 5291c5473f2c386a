/* trib-run-fixture.h: the demo workspace with a runner, for the schedule tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-test-util.h"

G_BEGIN_DECLS

#define START "workshop_start_spark"
#define RAW_SYNC "ods_raw_log_d_2oss_spark"
#define USER_SYNC "ods_user_info_d_2oss_spark"
#define RAW_SQL "ods_raw_log_d_spark"
#define USER_SQL "ods_user_info_d_spark"

typedef struct
{
  char             *dir;
  TribWorkspace    *workspace;
  TribWorkflow     *workflow;
  TribHistory      *history;
  TribRunner       *runner;
  TribTestExecutor *executor;
  /* "node state" for each node-state-changed, in order. */
  GPtrArray        *events;
  GString          *log;
  /* The result of the run started last. */
  GAsyncResult     *result;
} RunFixture;

/* A copy of the demo workspace whose sync and Spark SQL nodes run on a test executor
 * following @spec; automatic reruns are off (rerunTimes 0) unless a test turns them on. */
void        run_fixture_set_up          (RunFixture        *f,
                                         const char        *spec);
void        run_fixture_tear_down       (RunFixture        *f);
/* Replaces the test executor. */
void        run_fixture_set_spec        (RunFixture        *f,
                                         const char        *spec);
/* Sets an integer or string member of a node's spec.nodes[] object. */
void        run_fixture_set_node_int    (RunFixture        *f,
                                         const char        *node,
                                         const char        *member,
                                         gint64             value);
void        run_fixture_set_node_string (RunFixture        *f,
                                         const char        *node,
                                         const char        *member,
                                         const char        *value);
/* The options for the instance of business date @bizdate. */
GDateTime  *run_fixture_cyctime         (RunFixture        *f,
                                         const char        *bizdate);
/* Creates the run (asserting that succeeds) and records its state changes. */
TribRun    *run_fixture_create          (RunFixture        *f,
                                         const TribRunOptions *options);
/* Starts @run; run_fixture_finish() waits for it. */
void        run_fixture_start           (RunFixture        *f,
                                         TribRun           *run,
                                         GCancellable      *cancellable);
gboolean    run_fixture_finish          (RunFixture        *f,
                                         TribRun           *run,
                                         GError           **error);
/* Starts @run and iterates the main context until it completes. */
gboolean    run_fixture_wait            (RunFixture        *f,
                                         TribRun           *run,
                                         GCancellable      *cancellable,
                                         GError           **error);
/* Creates the run of @bizdate with @options (may be NULL) and runs it. */
TribRun    *run_fixture_run             (RunFixture        *f,
                                         const char        *bizdate,
                                         TribRunOptions    *options,
                                         GError           **error);
/* Iterates the default main context until @condition returns TRUE (at most 20 s). */
void        run_fixture_iterate_until   (gboolean        (*condition) (gpointer),
                                         gpointer          data);
/* The events joined by ", ", those of @node only when it is not NULL. */
char       *run_fixture_events          (RunFixture        *f,
                                         const char        *node);
char       *run_fixture_read_log        (RunFixture        *f,
                                         gint64             run_id,
                                         const char        *node);
TribInstanceRecord *run_fixture_instance_record (RunFixture *f,
                                                 gint64      run_id,
                                                 const char *node);

G_END_DECLS
