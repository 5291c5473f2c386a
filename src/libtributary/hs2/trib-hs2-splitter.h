/* trib-hs2-splitter.h: split a Spark SQL script into statements; ${name} parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *text;    /* trimmed, without the closing ';' */
  guint  line;    /* 1-based line where the statement starts */
} TribHs2Statement;

void        trib_hs2_statement_free        (TribHs2Statement *statement);

/* Splits on ';' outside '...', "...", `...`, -- comments and / * * / comments. Statements
 * that hold only blanks and comments are dropped. A GPtrArray of TribHs2Statement. */
GPtrArray  *trib_hs2_split_statements      (const char       *script);

/* Replaces every ${name} with its value from @params (name → value). An undefined name is an
 * error naming it; "$${" stays a literal "${". */
char       *trib_hs2_substitute_params     (const char       *text,
                                            GHashTable       *params,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribHs2Statement, trib_hs2_statement_free)

G_END_DECLS
