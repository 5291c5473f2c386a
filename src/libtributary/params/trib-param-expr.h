/* trib-param-expr.h: DataWorks scheduling-parameter values ($[...], ${...}, $bizdate, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-param-context.h"

G_BEGIN_DECLS

/* A parameter value is text in which these are replaced, the rest copied as it is:
 *
 *   $[FORMAT OFFSET]   the scheduled time (cyctime) plus OFFSET days, printed with FORMAT.
 *                      OFFSET is a sum of terms such as +1, -7*2, -1/24 (an hour),
 *                      -15/24/60 (15 minutes) or -1.5; "+N" and "-N" may repeat.
 *   $[add_months(FORMAT,N) OFFSET]
 *                      the same after moving N calendar months (N may be 12*k); a day
 *                      past the end of the target month becomes its last day.
 *   ${FORMAT OFFSET}   the business date (bizdate = scheduled date - 1 day) plus OFFSET
 *                      whole units of the smallest field in FORMAT: days when it has dd,
 *                      else months (mm), else years (yyyy / yy).
 *   ${bdp.system.bizdate}, ${bdp.system.cyctime}   the legacy names.
 *   $bizdate $cyctime $gmtdate $bizmonth $jobid $nodeid $taskid   system parameters.
 *
 * FORMAT is any sequence of yyyy yy mm dd hh24 hh mi ss and the separators - : _ /
 * (hh24, hh, mi and ss only in $[...]). A "-" followed by a digit starts the offset.
 * As in java.time, whole days and months move the calendar ("-1" is the same clock time
 * on the previous day, also across a daylight-saving change) and fractions of a day move
 * the clock ("-1/24" is 3600 s earlier, in the cyctime's time zone). $gmtdate is the scheduled date (today
 * for today's instance, the business date + 1 in a backfill). $bizmonth is the
 * business month, or the month before it when that is the scheduled month.
 *
 * A "$" not followed by "[", "{" or a letter is copied as it is. Anything else that
 * does not parse is an error that quotes the value and gives the column of the
 * offending character, counted in characters from 0 at the start of the value (the
 * position a text field's cursor takes): `$[yyyymmdd-1x]: unexpected "x" at column 12`. */
char     *trib_param_evaluate       (const char        *value,
                                     TribParamContext  *context,
                                     GError           **error);
/* Also gives the column of an error, for an editor to put the cursor there. */
char     *trib_param_evaluate_full  (const char        *value,
                                     TribParamContext  *context,
                                     guint             *error_column,
                                     GError           **error);
/* Checks the syntax of @value without a scheduled time. */
gboolean  trib_param_check          (const char        *value,
                                     guint             *error_column,
                                     GError           **error);
/* Whether @name (without "$") is one of the system parameters. */
gboolean  trib_param_is_system_name (const char        *name);

G_END_DECLS
