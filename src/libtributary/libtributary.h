/* libtributary.h: the whole library, for the app, the CLI and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-data-source.h"
#include "trib-dependency.h"
#include "trib-diagnostic.h"
#include "trib-error.h"
#include "trib-json.h"
#include "trib-node.h"
#include "trib-workflow.h"
#include "trib-workspace.h"

#include "trib-civil-time.h"
#include "trib-param-context.h"
#include "trib-param-expr.h"
#include "trib-param-set.h"

#include "trib-backfill.h"
#include "trib-cron.h"
#include "trib-execution.h"
#include "trib-executor.h"
#include "trib-history.h"
#include "trib-instance-record.h"
#include "trib-node-instance.h"
#include "trib-run.h"
#include "trib-run-record.h"
#include "trib-run-state.h"
#include "trib-runner.h"
#include "trib-test-executor.h"

#include "trib-demo.h"
#include "trib-sample-data.h"
