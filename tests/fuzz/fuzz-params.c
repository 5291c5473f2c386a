/* fuzz-params.c: libFuzzer target for the scheduling-parameter parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one parameter expression, as a node's script.parameters value or the
 * argument of `tributary-cli params`: $[yyyymmdd-1], ${yyyymm-1}, $[add_months(...)], ...
 * It is evaluated at a fixed scheduled time, and also read as a --cyctime/--bizdate.
 */

#include "config.h"

#include <string.h>

#include "trib-civil-time.h"
#include "trib-param-context.h"
#include "trib-param-expr.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static TribParamContext *context;
  g_autofree char *text = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) date_error = NULL;
  TribCivilTime time;
  guint column = 0;

  if (context == NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
      g_autoptr(GDateTime) cyctime = g_date_time_new (zone, 2025, 11, 1, 0, 30, 0);

      context = trib_param_context_new (cyctime, NULL, NULL, NULL);
    }

  /* Expressions are text: as every caller does, stop at a NUL. */
  text = g_strndup ((const char *) data, size);
  value = trib_param_evaluate_full (text, context, &column, &error);
  g_assert ((value == NULL) == (error != NULL));
  if (value == NULL)
    g_assert (column <= strlen (text) + 1);

  trib_civil_parse_checked (text, size >= 14, &time, &date_error);
  g_clear_pointer (&value, g_free);
  g_clear_error (&error);
  return 0;
}
