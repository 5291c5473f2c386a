/* trib-cli-params.c: tributary-cli params EXPRESSION... [--cyctime T] [--timezone TZ]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-cli-reporter.h"
#include "trib-civil-time.h"
#include "trib-param-context.h"
#include "trib-param-expr.h"

#define PARAMS_SUMMARY \
  N_("Print the value of each scheduling-parameter EXPRESSION, one per line, as a node scheduled\n" \
     "at --cyctime would see it: $[yyyymmdd-1], ${yyyymm-1}, $[add_months(yyyymmdd,-1)],\n" \
     "$[hh24-1/24], $bizdate, $cyctime, ... An argument NAME=EXPRESSION prints NAME=VALUE.\n" \
     "Without --cyctime (or --bizdate) the scheduled time is now. Exit status 1 when an\n" \
     "expression is wrong; the message shows where.")

/* "name=expression", as DataWorks lists node parameters. */
static gboolean
split_assignment (const char  *argument,
                  char       **name,
                  const char **expression)
{
  const char *equals = strchr (argument, '=');

  if (equals == NULL || equals == argument)
    return FALSE;
  for (const char *p = argument; p < equals; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '.'))
      return FALSE;
  *name = g_strndup (argument, equals - argument);
  *expression = equals + 1;
  return TRUE;
}

int
trib_cli_cmd_params (int    argc,
                     char **argv)
{
  g_autofree char *cyctime_text = NULL;
  g_autofree char *bizdate = NULL;
  g_autofree char *zone_name = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) cyctime = NULL;
  g_autoptr(TribParamContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean json = FALSE;
  int status = TRIB_CLI_EXIT_OK;
  TribCivilTime wall;
  const GOptionEntry entries[] = {
    { "cyctime", 0, 0, G_OPTION_ARG_STRING, &cyctime_text, N_("The scheduled time (default: now)"), N_("YYYYMMDDHHMMSS") },
    { "bizdate", 0, 0, G_OPTION_ARG_STRING, &bizdate, N_("The business date: the scheduled time is 00:00:00 the next day"), N_("YYYYMMDD") },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &zone_name, N_("The time zone of the scheduled time (default: the local one)"), N_("TZ") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON document"), NULL },
    { NULL }
  };

  if (!trib_cli_parse_options ("params", N_("EXPRESSION..."), PARAMS_SUMMARY, entries, &argc, &argv))
    return TRIB_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      trib_cli_error ("params", _("expected at least one expression, such as '$[yyyymmdd-1]'"));
      return TRIB_CLI_EXIT_USAGE;
    }
  if (cyctime_text && bizdate)
    {
      trib_cli_error ("params", _("give --cyctime or --bizdate, not both"));
      return TRIB_CLI_EXIT_USAGE;
    }

  zone = zone_name ? trib_time_zone_new_checked (zone_name) : g_time_zone_new_local ();
  if (zone == NULL)
    {
      trib_cli_error ("params", _("unknown time zone \"%s\" (use a name such as Asia/Shanghai)"), zone_name);
      return TRIB_CLI_EXIT_USAGE;
    }

  if (cyctime_text)
    {
      if (!trib_civil_parse_checked (cyctime_text, TRUE, &wall, &parse_error))
        {
          trib_cli_error ("params", "--cyctime %s", parse_error->message);
          return TRIB_CLI_EXIT_USAGE;
        }
      cyctime = trib_civil_to_date_time (&wall, zone);
      if (cyctime == NULL)
        {
          trib_cli_error ("params", _("--cyctime %s does not happen in %s (the clocks skip it)"), cyctime_text,
                          g_time_zone_get_identifier (zone));
          return TRIB_CLI_EXIT_USAGE;
        }
    }
  else if (bizdate)
    {
      if (!trib_civil_parse_checked (bizdate, FALSE, &wall, &parse_error))
        {
          trib_cli_error ("params", "--bizdate %s", parse_error->message);
          return TRIB_CLI_EXIT_USAGE;
        }
      trib_civil_date_from_days (trib_civil_days_from_date (wall.year, wall.month, wall.day) + 1,
                                 &wall.year, &wall.month, &wall.day);
      cyctime = g_date_time_new (zone, wall.year, wall.month, wall.day, 0, 0, 0);
    }
  else
    cyctime = g_date_time_new_now (zone);

  context = trib_param_context_new (cyctime, NULL, NULL, NULL);

  if (json)
    {
      g_autofree char *cyc = trib_param_context_dup_cyctime_string (context);
      g_autofree char *biz = trib_param_context_dup_bizdate (context);

      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "cyctime");
      json_builder_add_string_value (builder, cyc);
      json_builder_set_member_name (builder, "bizdate");
      json_builder_add_string_value (builder, biz);
      json_builder_set_member_name (builder, "timezone");
      json_builder_add_string_value (builder, g_time_zone_get_identifier (zone));
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      const char *expression = argv[i];
      guint column = 0;

      if (!split_assignment (argv[i], &name, &expression))
        expression = argv[i];
      value = trib_param_evaluate_full (expression, context, &column, &error);

      if (value == NULL)
        {
          /* Point at the offending character under the expression. */
          trib_cli_error ("params", "%s", error->message);
          /* The caret only under an expression short enough to be shown whole. */
          if (g_utf8_strlen (expression, -1) <= 120)
            fprintf (stderr, "  %s\n  %*s^\n", expression, (int) column, "");
          status = TRIB_CLI_EXIT_FAILED;
        }

      if (json)
        {
          json_builder_begin_object (builder);
          if (name)
            {
              json_builder_set_member_name (builder, "name");
              json_builder_add_string_value (builder, name);
            }
          json_builder_set_member_name (builder, "expression");
          json_builder_add_string_value (builder, expression);
          json_builder_set_member_name (builder, value ? "value" : "error");
          json_builder_add_string_value (builder, value ? value : error->message);
          if (value == NULL)
            {
              json_builder_set_member_name (builder, "column");
              json_builder_add_int_value (builder, column);
            }
          json_builder_end_object (builder);
        }
      else if (value && name)
        printf ("%s=%s\n", name, value);
      else if (value)
        printf ("%s\n", value);
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      trib_cli_print_json (root);
    }
  return status;
}
