/* test-cli-workspace.c: tributary-cli init, validate, sample-data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"

static void
test_init_empty_and_validate (void)
{
  g_autofree char *parent = trib_test_make_tmpdir ("cli-XXXXXX");
  g_autofree char *dir = g_build_filename (parent, "sales", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = trib_test_run_cli ((const char *[]) { "init", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Created workspace \"sales\" in "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "sales: valid (0 data sources, 0 workflows)\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A second init into the same folder is refused and changes nothing. */
  status = trib_test_run_cli ((const char *[]) { "init", "--demo", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "is not empty; a new workspace needs an empty folder"));

  trib_test_rm_rf (parent);
}

static void
test_init_demo_and_validate (void)
{
  g_autofree char *parent = trib_test_make_tmpdir ("cli-XXXXXX");
  g_autofree char *dir = g_build_filename (parent, "demo", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = trib_test_run_cli ((const char *[]) { "init", "--demo", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "user_behavior_analysis: valid (4 data sources, 1 workflows)\n");

  trib_test_rm_rf (parent);
}

static void
test_validate_reports_every_problem (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *daily = g_build_filename (dir, "workflows", "daily.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  trib_test_write_file (daily,
                        "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {\"nodes\": ["
                        "{\"id\": \"a\", \"name\": \"a\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}}},"
                        "{\"id\": \"b\", \"name\": \"b\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}}},"
                        "{\"id\": \"c\", \"name\": \"c\", \"script\": {\"runtime\": {\"command\": \"FOO\"}}}],"
                        "\"flow\": [{\"nodeId\": \"a\", \"depends\": [{\"nodeId\": \"b\"}]},"
                        "           {\"nodeId\": \"b\", \"depends\": [{\"nodeId\": \"a\"}]}]}}");

  status = trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==,
                   "workflows/daily.json: spec.nodes[2]: unknown node type \"FOO\"\n"
                   "workflows/daily.json: spec.flow: dependency cycle: a → b → a\n"
                   "2 errors\n");

  trib_test_rm_rf (dir);
}

static void
test_validate_unreadable_workspace (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("cli-XXXXXX");
  g_autofree char *file = g_build_filename (dir, "tributary.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  int status;

  status = trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  expected = g_strdup_printf ("tributary-cli validate: %s is not a Tributary workspace: it has no tributary.json\n", dir);
  g_assert_cmpstr (err, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  trib_test_write_file (file, "{\"name\": \"x\",}");
  status = trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (err, ==,
                   "tributary-cli validate: tributary.json:1:14: malformed JSON: expected another member after \",\" "
                   "(a trailing comma is not allowed), found \"}\"\n");

  trib_test_rm_rf (dir);
}

static void
test_usage_errors (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = trib_test_run_cli ((const char *[]) { "frobnicate", NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (g_str_has_prefix (err, "tributary-cli: unknown command \"frobnicate\"\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = trib_test_run_cli ((const char *[]) { "validate", NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (err, ==, "tributary-cli validate: expected one workspace folder, got 0 arguments\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = trib_test_run_cli ((const char *[]) { "--help", NULL }, NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "TRIBUTARY_SECRET_<NAME>"));
  g_assert_nonnull (strstr (out, "  validate "));
}

static void
test_sample_data_files (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("sample-XXXXXX");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *log1 = NULL;
  g_autofree char *log2 = NULL;
  g_autofree char *log_path = g_build_filename (dir, "user_log.txt", NULL);
  g_autofree char *tsv_path = g_build_filename (dir, "ods_user_info_d.tsv", NULL);
  g_autofree char *tsv = NULL;
  int status;

  status = trib_test_run_cli ((const char *[]) { "sample-data", "--out", dir, "--users", "10",
                                                  "--log-lines", "25", "--seed", "7", "--locale", "en", NULL },
                              NULL, &out, &err);
  g_assert_cmpint (status, ==, 0);
  log1 = trib_test_read_file (log_path);
  tsv = trib_test_read_file (tsv_path);
  g_assert_true (g_str_has_suffix (tsv, "\n"));
  g_assert_nonnull (strstr (tsv, "male"));

  status = trib_test_run_cli ((const char *[]) { "sample-data", "--out", dir, "--users", "10",
                                                  "--log-lines", "25", "--seed", "7", "--locale", "en", NULL },
                              NULL, NULL, NULL);
  g_assert_cmpint (status, ==, 0);
  log2 = trib_test_read_file (log_path);
  g_assert_cmpstr (log1, ==, log2);

  status = trib_test_run_cli ((const char *[]) { "sample-data", "--out", dir, "--day", "2024-08-07", NULL },
                              NULL, NULL, &err);
  g_assert_cmpint (status, ==, 2);

  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/init/empty", test_init_empty_and_validate);
  g_test_add_func ("/cli/init/demo", test_init_demo_and_validate);
  g_test_add_func ("/cli/validate/problems", test_validate_reports_every_problem);
  g_test_add_func ("/cli/validate/unreadable", test_validate_unreadable_workspace);
  g_test_add_func ("/cli/usage", test_usage_errors);
  g_test_add_func ("/cli/sample-data", test_sample_data_files);

  return g_test_run ();
}
