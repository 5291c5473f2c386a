/* trib-cli-reporter.h: prints runs' events (TribCliReporter), and the run setup that run,
 * backfill, runs, schedule and scheduler share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-cli.h"
#include "trib-history.h"
#include "trib-run.h"
#include "trib-runner.h"
#include "trib-test-executor.h"

G_BEGIN_DECLS

/* Test only: when set (or with the hidden option --test-executor SPEC), a
 * TribTestExecutor following SPEC stands in for the DI and EMR_SPARK_SQL executors, so
 * the tests can run the demo workflow without servers. "1" means "every node succeeds". */
#define TRIB_CLI_TEST_EXECUTOR_ENV "TRIBUTARY_TEST_EXECUTOR"

/* Prints state changes (and, when verbose, log lines) of runs: one line each, or one
 * JSON object per line. */
typedef struct
{
  const char *command;
  gboolean    json;
  gboolean    verbose;
  gboolean    tty;
  /* Backfill lines carry the business date. */
  gboolean    with_bizdate;
  /* The next run_started is a scheduler's catch-up instance. */
  gboolean    catch_up;
} TribCliReporter;

TribHistory  *trib_cli_open_history       (const char       *command,
                                           TribWorkspace    *workspace);
/* A runner with the executors this build has, or the test executor. */
TribRunner   *trib_cli_make_runner        (const char       *command,
                                           TribWorkspace    *workspace,
                                           TribHistory      *history,
                                           const char       *test_executor);
TribWorkflow *trib_cli_lookup_workflow    (const char       *command,
                                           TribWorkspace    *workspace,
                                           const char       *name);

void          trib_cli_reporter_attach    (TribCliReporter  *reporter,
                                           TribRun          *run);
/* "Run 3 of ...: business date ..., scheduled ..." or its JSON event. */
void          trib_cli_reporter_run_started (TribCliReporter *reporter,
                                             TribRun         *run);
/* The closing line of a run; returns the exit status it deserves. */
int           trib_cli_reporter_run_finished (TribCliReporter *reporter,
                                              TribRun         *run,
                                              const GError    *error,
                                              const char      *workspace_path);
/* In JSON mode also an {"event": "error"} line; always the message on stderr. */
void          trib_cli_report_error       (TribCliReporter  *reporter,
                                           const char       *message);

/* Writes @node as one line of compact JSON on stdout. */
void          trib_cli_print_json         (JsonNode         *node);
/* "2025-11-01 00:30:00" in the local time zone, from microseconds since the epoch. */
char         *trib_cli_format_time        (gint64            microseconds);
/* "0.3 s", "2 min 5 s", "1 h 2 min". */
char         *trib_cli_format_duration    (gint64            microseconds);
/* "2025-11-01 00:30:00 Asia/Shanghai" */
char         *trib_cli_format_cyctime     (GDateTime        *cyctime);

/* Stops the main loop's run gracefully on SIGINT/SIGTERM: the first signal calls
 * @cancel (@data), the second exits at once with status 130. */
void          trib_cli_catch_interrupts   (const char       *command,
                                           void            (*cancel) (gpointer),
                                           gpointer          data);

G_END_DECLS
