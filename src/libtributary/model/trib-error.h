/* trib-error.h: the library's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRIB_ERROR (trib_error_quark ())

typedef enum
{
  TRIB_ERROR_FAILED,
  TRIB_ERROR_INVALID,        /* a definition breaks a rule; the message says where */
  TRIB_ERROR_NOT_FOUND,      /* a named workflow, node or data source does not exist */
  TRIB_ERROR_EXISTS,         /* refusing to overwrite something */
  TRIB_ERROR_UNSUPPORTED,
} TribError;

GQuark trib_error_quark (void);

G_END_DECLS
