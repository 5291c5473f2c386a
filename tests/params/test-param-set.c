/* test-param-set.c: resolving a node's parameters and substituting ${name} in its code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-test-util.h"

static TribParamContext *
demo_context (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) cyctime = g_date_time_new (zone, 2025, 11, 1, 0, 30, 0);

  return trib_param_context_new (cyctime, "user_profile_analysis_spark", NULL, NULL);
}

static TribNode *
node_with_parameters (const char * const *pairs)
{
  TribNode *node = trib_node_new ("ods_raw_log_d_spark", "ods_raw_log_d_spark", TRIB_NODE_KIND_EMR_SPARK_SQL);

  for (guint i = 0; pairs[i]; i += 2)
    trib_node_set_parameter (node, pairs[i], pairs[i + 1]);
  return node;
}

static void
test_resolve_node (void)
{
  const char *pairs[] = {
    "bizdate", "$[yyyymmdd-1]",
    "hour", "$[hh24]",
    "month", "${yyyymm-1}",
    "region", "cn-shanghai",
    "node", "$nodeid",
    NULL,
  };
  g_autoptr(TribNode) node = node_with_parameters (pairs);
  g_autoptr(TribParamContext) base = demo_context ();
  g_autoptr(TribParamContext) context = trib_param_context_new_for_node (base, "ods_raw_log_d_spark", "12");
  g_autoptr(TribParamSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  set = trib_param_set_new_for_node (node, context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trib_param_set_get_n_items (set), ==, 5);
  g_assert_cmpstr (trib_param_set_get_name (set, 0), ==, "bizdate");
  g_assert_cmpstr (trib_param_set_get_value (set, 0), ==, "20251031");
  g_assert_cmpstr (trib_param_set_lookup (set, "hour"), ==, "00");
  g_assert_cmpstr (trib_param_set_lookup (set, "month"), ==, "202509");
  g_assert_cmpstr (trib_param_set_lookup (set, "region"), ==, "cn-shanghai");
  g_assert_cmpstr (trib_param_set_lookup (set, "node"), ==, "ods_raw_log_d_spark");
  g_assert_null (trib_param_set_lookup (set, "missing"));
  g_assert_true (trib_param_set_get_context (set) == context);

  text = trib_param_set_to_string (set);
  g_assert_cmpstr (text, ==, "bizdate=20251031 hour=00 month=202509 region=cn-shanghai node=ods_raw_log_d_spark");
}

static void
test_resolve_error (void)
{
  const char *pairs[] = {
    "ok", "$bizdate",
    "bizdate", "$[yyyymmdd-1x]",
    NULL,
  };
  g_autoptr(TribNode) node = node_with_parameters (pairs);
  g_autoptr(TribParamContext) context = demo_context ();
  g_autoptr(TribParamSet) set = NULL;
  g_autoptr(GError) error = NULL;

  set = trib_param_set_new_for_node (node, context, &error);
  g_assert_null (set);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "parameter \"bizdate\": $[yyyymmdd-1x]: unexpected \"x\" at column 12");
}

static void
test_substitute (void)
{
  const char *names[] = { "bizdate", "table", NULL };
  const char *values[] = { "20251031", "ods_raw_log_d", NULL };
  g_autoptr(TribParamContext) context = demo_context ();
  g_autoptr(TribParamSet) set = trib_param_set_new (names, values, context);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  code = trib_param_set_substitute (set,
                                    "ALTER TABLE ${table}_spark ADD IF NOT EXISTS PARTITION (dt = '${bizdate}')\n"
                                    "LOCATION 'oss://dw-emr-demo/${table}/log_${ bizdate }/';\n"
                                    "-- legacy: ${bdp.system.bizdate} ${bdp.system.cyctime}\n"
                                    "-- untouched: $[yyyymmdd] $bizdate $ {x} $",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==,
                   "ALTER TABLE ods_raw_log_d_spark ADD IF NOT EXISTS PARTITION (dt = '20251031')\n"
                   "LOCATION 'oss://dw-emr-demo/ods_raw_log_d/log_20251031/';\n"
                   "-- legacy: 20251031 20251101003000\n"
                   "-- untouched: $[yyyymmdd] $bizdate $ {x} $");
}

static void
test_substitute_undefined (void)
{
  const char *names[] = { "bizdate", NULL };
  const char *values[] = { "20251031", NULL };
  g_autoptr(TribParamSet) set = trib_param_set_new (names, values, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  g_autofree char *code = NULL;
  g_autofree char *code2 = NULL;
  g_autofree char *code3 = NULL;

  /* Never an empty string: an undefined name stops the run before it starts. */
  code = trib_param_set_substitute (set, "SELECT 1;\n\nWHERE dt = '${bizdate}' AND r = '${region}'", &error);
  g_assert_null (code);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "${region} (line 3) is not defined: add a scheduling parameter named \"region\"");

  code2 = trib_param_set_substitute (set, "${a}\n${b} ${a}\n${bdp.system.bizdate}", &error2);
  g_assert_null (code2);
  g_assert_error (error2, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error2->message, ==,
                   "${a} (line 1), ${b} (line 2), ${bdp.system.bizdate} (line 3) are not defined: "
                   "add scheduling parameters with these names");

  code3 = trib_param_set_substitute (set, "a\nb ${bizdate\n}", &error3);
  g_assert_null (code3);
  g_assert_error (error3, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error3->message, ==, "\"${\" on line 2 has no closing \"}\"");
}

static void
test_json_round_trip (void)
{
  const char *names[] = { "bizdate", "x", NULL };
  const char *values[] = { "20251031", "a b", NULL };
  g_autoptr(TribParamSet) set = trib_param_set_new (names, values, NULL);
  g_autoptr(JsonNode) json = trib_param_set_to_json (set);
  g_autoptr(TribParamSet) copy = trib_param_set_new_from_json (json, NULL);
  g_autofree char *text = trib_json_to_string (json);

  g_assert_cmpstr (text, ==, "{\n  \"bizdate\": \"20251031\",\n  \"x\": \"a b\"\n}\n");
  g_assert_cmpuint (trib_param_set_get_n_items (copy), ==, 2);
  g_assert_cmpstr (trib_param_set_get_name (copy, 1), ==, "x");
  g_assert_cmpstr (trib_param_set_get_value (copy, 1), ==, "a b");
}

static void
test_list_references (void)
{
  g_auto(GStrv) names = trib_params_list_references ("${b} ${a}\n${b} $[x] ${ c }");
  const char *expected[] = { "b", "a", "c", NULL };

  g_assert_cmpstrv (names, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/param-set/resolve-node", test_resolve_node);
  g_test_add_func ("/param-set/resolve-error", test_resolve_error);
  g_test_add_func ("/param-set/substitute", test_substitute);
  g_test_add_func ("/param-set/substitute-undefined", test_substitute_undefined);
  g_test_add_func ("/param-set/json-round-trip", test_json_round_trip);
  g_test_add_func ("/param-set/list-references", test_list_references);

  return g_test_run ();
}
