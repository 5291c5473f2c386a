/* trib-runner-private.h: the worker slots runs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-runner.h"

G_BEGIN_DECLS

gboolean  _trib_runner_acquire_slot  (TribRunner *self);
void      _trib_runner_release_slot  (TribRunner *self);
/* Gives the free slots to the runs waiting for them. */
void      _trib_runner_kick          (TribRunner *self);
void      _trib_runner_push_job      (TribRunner *self,
                                      gpointer    job);
void      _trib_runner_run_started   (TribRunner *self,
                                      TribRun    *run);
void      _trib_runner_run_finished  (TribRunner *self,
                                      TribRun    *run);

G_END_DECLS
