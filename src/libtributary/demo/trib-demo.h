/* trib-demo.h: the demo workspace of the DataWorks tutorial
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-workspace.h"

G_BEGIN_DECLS

/* Ports the demo workspace points at; `build-aux/demo` starts its servers there. */
#define TRIB_DEMO_MYSQL_PORT  23306
#define TRIB_DEMO_HTTP_PORT   28080
#define TRIB_DEMO_S3_PORT     29000
#define TRIB_DEMO_KYUUBI_PORT 20009

#define TRIB_DEMO_WORKFLOW_NAME "User profile analysis_Spark"

/* Writes a copy of the demo workspace into @directory (empty or absent) and loads it. */
TribWorkspace *trib_demo_create_workspace (GFile   *directory,
                                           GError **error);

G_END_DECLS
