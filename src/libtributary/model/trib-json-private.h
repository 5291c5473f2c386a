/* trib-json-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FALSE with the 1-based line, the column in characters and a translated message of the
 * first syntax error; TRUE when the text is well-formed JSON. */
gboolean _trib_json_locate_syntax_error (const char  *data,
                                         gsize        length,
                                         guint       *line,
                                         guint       *column,
                                         char       **message);

G_END_DECLS
