/* trib-executor.h: runs one node instance of one kind (the plug-in point of the runner)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-execution.h"

G_BEGIN_DECLS

#define TRIB_TYPE_EXECUTOR (trib_executor_get_type ())

G_DECLARE_INTERFACE (TribExecutor, trib_executor, TRIB, EXECUTOR, GObject)

/**
 * TribExecutorInterface:
 * @run: the blocking form. The runner calls it on one of its worker threads, so it may
 *   block on I/O for as long as the work takes; it must return soon after @cancellable
 *   is cancelled (the user cancelled the node or the run, or its timeout expired).
 * @run_async: the asynchronous form, for an executor built on asynchronous I/O. The
 *   runner calls it on a worker thread whose thread-default main context is private to
 *   this attempt and iterates that context until the callback runs.
 * @run_finish: completes @run_async.
 *
 * Implement @run, or @run_async and @run_finish. The default @run_async runs @run in a
 * thread, so trib_executor_run_async() works for either kind from any thread.
 *
 * One executor object serves every instance of its node kind, several at a time on
 * different threads: keep per-attempt state in locals, not in the object.
 *
 * Everything an attempt needs is in the #TribExecution: a private copy of the node, its
 * resolved parameters, its code with ${name} already substituted, copies of the
 * workspace's data sources, a thread-safe log and progress sink. Success is TRUE; a
 * failure is FALSE with an error whose message becomes the instance's exit detail.
 *
 * No executor may pass user text to a shell: an executor that needs another program
 * runs it with GSubprocess and an argument vector, never through `sh -c`.
 */
struct _TribExecutorInterface
{
  GTypeInterface parent_iface;

  gboolean (*run)        (TribExecutor         *self,
                          TribExecution        *execution,
                          GCancellable         *cancellable,
                          GError              **error);
  void     (*run_async)  (TribExecutor         *self,
                          TribExecution        *execution,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data);
  gboolean (*run_finish) (TribExecutor         *self,
                          GAsyncResult         *result,
                          GError              **error);
};

/* Blocking: call it on a worker thread (or from a test). */
gboolean  trib_executor_run         (TribExecutor         *self,
                                     TribExecution        *execution,
                                     GCancellable         *cancellable,
                                     GError              **error);
void      trib_executor_run_async   (TribExecutor         *self,
                                     TribExecution        *execution,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  trib_executor_run_finish  (TribExecutor         *self,
                                     GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
