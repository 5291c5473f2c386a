/* trib-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-error.h"

G_DEFINE_QUARK (trib-error-quark, trib_error)
