/* trib-test-executor.h: a scripted executor that stands in for real ones in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-executor.h"

G_BEGIN_DECLS

#define TRIB_TYPE_TEST_EXECUTOR (trib_test_executor_get_type ())

G_DECLARE_FINAL_TYPE (TribTestExecutor, trib_test_executor, TRIB, TEST_EXECUTOR, GObject)

/* For tests only. It runs nothing: it logs the node's parameters and code, then follows
 * a script. @spec is a list of rules separated by ";":
 *
 *   RULE    = [PATTERN "="] ACTION ["+" ACTION]...
 *   PATTERN = NODE ["@" BIZDATE]        NODE is a node name or id, or "*" for any
 *   ACTION  = ok                        succeed (also what happens after the last action)
 *           | fail[:MESSAGE]            fail, with MESSAGE as the exit detail
 *           | flaky:N[:MESSAGE]         fail the first N attempts, then succeed
 *           | sleep:MS                  wait MS milliseconds (cancellable)
 *           | hang                      wait until cancelled
 *           | log:TEXT                  log a line
 *           | progress:FRACTION         report progress, 0 to 1
 *
 * The first rule whose pattern matches the node (and the business date, when the
 * pattern has one) applies; a node no rule matches succeeds. "1" is the same as "ok".
 * MESSAGE and TEXT run to the next "+" or ";". Example:
 * "ods_raw_log_d_2oss_spark@20251103=fail:HTTP 404;*=sleep:20". */
TribTestExecutor *trib_test_executor_new            (const char        *spec,
                                                     GError           **error);
/* How many attempts the executor has made for the node named @node. Thread-safe. */
guint             trib_test_executor_get_n_attempts (TribTestExecutor  *self,
                                                     const char        *node);
/* The most attempts that were in progress at the same time. */
guint             trib_test_executor_get_max_concurrent (TribTestExecutor *self);

G_END_DECLS
