/* trib-init.h: wires the layers of the library together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers what one layer offers another: the Kyuubi connectivity test, the node
 * executors of the runner. Every program calls it once at start; calling it again does
 * nothing. */
void trib_init (void);

G_END_DECLS
