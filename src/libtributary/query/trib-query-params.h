/* trib-query-params.h: "Run with parameters" for ad hoc queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-param-context.h"

G_BEGIN_DECLS

/* The parameters @sql refers to, in order of first use: the NAME of each ${NAME}, and
 * each $[...] whole (a scheduling expression the user may replace by a value).
 * "$${" is a literal "${", as in trib_hs2_substitute_params(). */
GStrv    trib_query_params_find          (const char        *sql);
/* The value a parameter starts with in the dialog: bizdate, and ${yyyymmdd} style
 * formats, are yesterday's business date of @context; a $[...] expression is
 * evaluated against @context; anything else is empty. */
char    *trib_query_params_default_value (const char        *name,
                                          TribParamContext  *context);
/* A context for "now" in @time_zone (NULL: local), as a manual run uses. */
TribParamContext *trib_query_params_context_new_now (GTimeZone *time_zone);
/* The final SQL: every ${NAME} and $[...] of trib_query_params_find() replaced by its
 * value in @values. A missing value is an error naming the parameter. */
char    *trib_query_params_apply         (const char        *sql,
                                          GHashTable        *values,
                                          GError           **error);

/* "bizdate=20240807 region=cn", the way history shows them (names sorted). */
char    *trib_query_params_to_string     (GHashTable        *values);

G_END_DECLS
