/* trib-sync-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-sync-error.h"

G_DEFINE_QUARK (trib-sync-error-quark, trib_sync_error)
