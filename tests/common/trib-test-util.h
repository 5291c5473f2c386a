/* trib-test-util.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "libtributary.h"

G_BEGIN_DECLS

/* A new empty folder under the test's temporary folder; removed by the caller. */
char       *trib_test_make_tmpdir      (const char  *template_name);
void        trib_test_rm_rf            (const char  *path);
char       *trib_test_read_file        (const char  *path);
void        trib_test_write_file       (const char  *path,
                                        const char  *contents);
/* An environment variable the harness must have set; a missing one fails the test. */
const char *trib_test_require_env      (const char  *name);

/* Runs tributary-cli (TRIB_CLI) with @argv, no shell involved. Returns the exit status;
 * @out and @err receive what it printed. */
int         trib_test_run_cli          (const char * const *argv,
                                        const char * const *extra_env,
                                        char              **out,
                                        char              **err);

/* Writes a copy of the demo workspace into a new temporary folder. */
char       *trib_test_make_demo_workspace (void);

G_END_DECLS
