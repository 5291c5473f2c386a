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

#include "trib-connectivity-result.h"
#include "trib-connectivity.h"
#include "trib-connector-error.h"
#include "trib-connector-settings.h"
#include "trib-http-file.h"
#include "trib-local-store.h"
#include "trib-mysql-connection.h"
#include "trib-object-store.h"
#include "trib-object-writer.h"
#include "trib-s3-client.h"
#include "trib-s3-store.h"
#include "trib-secrets.h"

#include "trib-hs2-batch.h"
#include "trib-hs2-client.h"
#include "trib-hs2-codec.h"
#include "trib-hs2-config.h"
#include "trib-hs2-connection-test.h"
#include "trib-hs2-connectivity.h"
#include "trib-hs2-error.h"
#include "trib-hs2-operation.h"
#include "trib-hs2-protocol.h"
#include "trib-hs2-result-set.h"
#include "trib-hs2-splitter.h"
#include "trib-spark-sql-executor.h"

#include "trib-sync-config.h"
#include "trib-sync-engine.h"
#include "trib-sync-error.h"
#include "trib-sync-factory.h"
#include "trib-sync-job.h"
#include "trib-sync-plugin.h"
#include "trib-sync-progress.h"
#include "trib-sync-sources.h"

#include "trib-init.h"

#include "trib-demo.h"
#include "trib-sample-data.h"
