/* test-validation.c: each rule a workspace can break gives a precise error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"

#define WS_FILE \
  "{\n" \
  "  \"name\": \"ws\",\n" \
  "  \"id\": \"0\",\n" \
  "  \"datasources\": [\n" \
  "    {\n" \
  "      \"name\": \"db\",\n" \
  "      \"type\": \"mysql\",\n" \
  "      \"options\": {\n" \
  "        \"host\": \"127.0.0.1\"\n" \
  "      }\n" \
  "    }\n" \
  "  ]\n" \
  "}\n"

/* A node in FlowSpec shape: id, name, type. */
#define NODE(id, name, command) \
  "{\"id\": \"" id "\", \"name\": \"" name "\", \"script\": {\"runtime\": {\"command\": \"" command "\"}}}"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *ws = NULL;

  f->dir = trib_test_make_tmpdir ("validate-XXXXXX");
  ws = g_build_filename (f->dir, "tributary.json", NULL);
  trib_test_write_file (ws, WS_FILE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  trib_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
write_workflow (Fixture    *f,
                const char *name,
                const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, "workflows", name, NULL);
  trib_test_write_file (path, text);
}

static TribWorkspace *
load (Fixture *f)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;
  TribWorkspace *ws = trib_workspace_load (dir, NULL, &error);

  g_assert_no_error (error);
  return ws;
}

static char *
all_diagnostics (TribWorkspace *ws)
{
  return trib_diagnostics_to_string (trib_workspace_get_diagnostics (ws));
}

static void
assert_only_diagnostic (Fixture    *f,
                        const char *expected)
{
  g_autoptr(TribWorkspace) ws = load (f);
  g_autofree char *text = all_diagnostics (ws);

  g_assert_false (trib_workspace_is_valid (ws));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\n"
                  "  \"version\": \"1.1.0\",\n"
                  "  \"kind\": \"CycleWorkflow\"\n"
                  "  \"spec\": {}\n"
                  "}\n");
  assert_only_diagnostic (f, "workflows/daily.json:4:3: malformed JSON: expected \",\" or \"}\" after the member, found the string \"spec\"");
}

static void
test_duplicate_ids_and_names (Fixture       *f,
                              gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {\"nodes\": ["
                  NODE ("a", "start", "VIRTUAL") ", "
                  NODE ("b", "start", "VIRTUAL") ", "
                  NODE ("a", "other", "VIRTUAL") "]}}");
  assert_only_diagnostic (f,
                          "workflows/daily.json: spec.nodes[1]: duplicate node name \"start\" (also spec.nodes[0])\n"
                          "workflows/daily.json: spec.nodes[2]: duplicate node id \"a\" (also spec.nodes[0])");
}

static void
test_unknown_node_type (Fixture       *f,
                        gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {\"nodes\": ["
                  NODE ("a", "a", "VIRTUAL") ", " NODE ("b", "b", "VIRTUAL") ", " NODE ("c", "c", "FOO")
                  "]}}");
  assert_only_diagnostic (f, "workflows/daily.json: spec.nodes[2]: unknown node type \"FOO\"");
}

static void
test_missing_dependency (Fixture       *f,
                         gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {"
                  "\"nodes\": [" NODE ("a", "start", "VIRTUAL") ", " NODE ("b", "load", "VIRTUAL") "],"
                  "\"flow\": [{\"nodeId\": \"b\", \"depends\": [{\"nodeId\": \"a\"}, {\"nodeId\": \"{{ghost}}\"}]},"
                  "           {\"nodeId\": \"a\", \"depends\": [{\"output\": \"ws.nowhere\", \"type\": \"Normal\"}]}]}}");
  assert_only_diagnostic (f,
                          "workflows/daily.json: spec.flow[0].depends[1]: \"load\" depends on missing node \"ghost\"\n"
                          "workflows/daily.json: spec.flow[1].depends[0]: \"start\" depends on output \"ws.nowhere\", which no node publishes");
}

static void
test_root_and_cross_file_outputs_resolve (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *text = NULL;

  write_workflow (f, "a.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {"
                  "\"nodes\": [{\"id\": \"s\", \"name\": \"s\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}},"
                  "             \"outputs\": {\"nodeOutputs\": [{\"data\": \"ws.s\"}]}}],"
                  "\"flow\": [{\"nodeId\": \"s\", \"depends\": [{\"output\": \"ws_root\"}]}]}}");
  write_workflow (f, "b.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {"
                  "\"nodes\": [" NODE ("t", "t", "VIRTUAL") "],"
                  "\"flow\": [{\"nodeId\": \"t\", \"depends\": [{\"output\": \"ws.s\"}]}]}}");
  ws = load (f);
  text = all_diagnostics (ws);
  g_assert_cmpstr (text, ==, "");
  g_assert_true (trib_workspace_is_valid (ws));
}

static void
test_cycle_is_named (Fixture       *f,
                     gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {"
                  "\"nodes\": [" NODE ("s", "start", "VIRTUAL") ", " NODE ("a", "extract", "VIRTUAL") ", "
                  NODE ("b", "load", "VIRTUAL") ", " NODE ("c", "check", "VIRTUAL") "],"
                  "\"flow\": [{\"nodeId\": \"a\", \"depends\": [{\"nodeId\": \"s\"}, {\"nodeId\": \"c\"}]},"
                  "           {\"nodeId\": \"b\", \"depends\": [{\"nodeId\": \"a\"}]},"
                  "           {\"nodeId\": \"c\", \"depends\": [{\"nodeId\": \"b\"}]}]}}");
  assert_only_diagnostic (f, "workflows/daily.json: spec.flow: dependency cycle: extract → load → check → extract");
}

static void
test_self_dependency_is_a_cycle (Fixture       *f,
                                 gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {"
                  "\"nodes\": [" NODE ("a", "loop", "VIRTUAL") "],"
                  "\"flow\": [{\"nodeId\": \"a\", \"depends\": [{\"nodeId\": \"a\"}]}]}}");
  assert_only_diagnostic (f, "workflows/daily.json: spec.flow: dependency cycle: loop → loop");
}

static void
test_missing_data_source (Fixture       *f,
                          gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {\"nodes\": ["
                  "{\"id\": \"n\", \"name\": \"sync\", \"script\": {\"runtime\": {\"command\": \"DI\"},"
                  " \"content\": \"{\\\"type\\\": \\\"job\\\", \\\"steps\\\": ["
                  "{\\\"stepType\\\": \\\"mysql\\\", \\\"parameter\\\": {\\\"datasource\\\": \\\"db\\\"}},"
                  "{\\\"stepType\\\": \\\"oss\\\", \\\"parameter\\\": {\\\"datasource\\\": \\\"nope\\\"}}]}\"}},"
                  "{\"id\": \"q\", \"name\": \"query\", \"datasource\": {\"name\": \"spark\"},"
                  " \"script\": {\"runtime\": {\"command\": \"EMR_SPARK_SQL\"}, \"content\": \"select 1\"}}]}}");
  assert_only_diagnostic (f,
                          "workflows/daily.json: spec.nodes[0].script.content: steps[1].parameter.datasource: "
                          "node \"sync\" uses data source \"nope\", which the workspace does not define\n"
                          "workflows/daily.json: spec.nodes[1].datasource: "
                          "node \"query\" uses data source \"spark\", which the workspace does not define");
}

static void
test_broken_sync_job (Fixture       *f,
                      gconstpointer  data)
{
  write_workflow (f, "daily.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {\"nodes\": ["
                  "{\"id\": \"n\", \"name\": \"sync\", \"script\": {\"runtime\": {\"command\": \"DI\"},"
                  " \"content\": \"{\\n  \\\"type\\\": job\\n}\"}}]}}");
  assert_only_diagnostic (f, "workflows/daily.json: spec.nodes[0]: script.content:2:11: malformed JSON: expected a value, found \"j\"");
}

static void
test_structure_errors (Fixture       *f,
                       gconstpointer  data)
{
  write_workflow (f, "a.json", "[1, 2]");
  write_workflow (f, "b.json", "{\"kind\": \"Node\", \"spec\": {\"nodes\": [42, {\"name\": \"x\"}]}}");
  write_workflow (f, "c.json", "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\"}");
  assert_only_diagnostic (f,
                          "workflows/a.json: a workflow file must hold a JSON object\n"
                          "workflows/b.json: kind: unsupported kind \"Node\" (expected \"CycleWorkflow\" or \"ManualWorkflow\")\n"
                          "workflows/b.json: spec.nodes[0]: a node must be a JSON object\n"
                          "workflows/b.json: spec.nodes[1]: the node has no \"id\"\n"
                          "workflows/c.json: spec: missing; a workflow needs a \"spec\" object with \"nodes\"");
}

static void
test_workspace_file_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "tributary.json", NULL);

  trib_test_write_file (path,
                        "{\"name\": \"ws\", \"timezone\": \"Mars/Olympus\", \"datasources\": ["
                        "{\"name\": \"a\", \"type\": \"oracle\"},"
                        "{\"name\": \"b\", \"type\": \"mysql\", \"options\": {\"port\": \"3306\"}, \"password\": \"x\"},"
                        "{\"name\": \"a\", \"type\": \"local\"}]}");
  assert_only_diagnostic (f,
                          "tributary.json: timezone: unknown time zone \"Mars/Olympus\"\n"
                          "tributary.json: datasources[0]: data source \"a\": unknown type \"oracle\" (expected mysql, httpfile, s3, local or kyuubi)\n"
                          "tributary.json: datasources[1].options.port: must be an integer, found the string \"3306\"\n"
                          "tributary.json: datasources[1]: data source \"b\": \"password\" does not belong in the workspace file; secrets are kept in the keyring");
}

static void
test_malformed_workspace_file_fails_the_load (Fixture       *f,
                                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "tributary.json", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) ws = NULL;

  trib_test_write_file (path, "{\n  \"name\": \"ws\",\n  \"datasources\": [\n}\n");
  ws = trib_workspace_load (dir, NULL, &error);
  g_assert_null (ws);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "tributary.json:4:1: malformed JSON: expected a value, found \"}\"");
}

/* A broken file never stops the others from loading, and saving leaves it alone. */
static void
test_broken_file_keeps_workspace_usable (Fixture       *f,
                                         gconstpointer  data)
{
  const char *broken = "{ \"kind\": \"CycleWorkflow\", \"spec\": { \"nodes\": [ }";
  g_autofree char *broken_path = g_build_filename (f->dir, "workflows", "broken.json", NULL);
  g_autoptr(TribWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  TribWorkflow *good;

  write_workflow (f, "broken.json", broken);
  write_workflow (f, "good.json",
                  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"spec\": {\"nodes\": [" NODE ("a", "a", "VIRTUAL") "]}}");

  ws = load (f);
  g_assert_cmpuint (g_list_model_get_n_items (trib_workspace_get_workflows (ws)), ==, 2);
  g_assert_false (trib_workflow_is_valid (trib_workspace_lookup_workflow (ws, "broken")));
  g_assert_cmpuint (g_list_model_get_n_items (trib_workflow_get_nodes (trib_workspace_lookup_workflow (ws, "broken"))), ==, 0);
  good = trib_workspace_lookup_workflow (ws, "good");
  g_assert_true (trib_workflow_is_valid (good));
  g_assert_cmpuint (g_list_model_get_n_items (trib_workflow_get_nodes (good)), ==, 1);

  g_assert_true (trib_workspace_save (ws, NULL, &error));
  g_assert_no_error (error);
  after = trib_test_read_file (broken_path);
  g_assert_cmpstr (after, ==, broken);
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add ("/validation/malformed-json", test_malformed_json);
  add ("/validation/duplicates", test_duplicate_ids_and_names);
  add ("/validation/unknown-node-type", test_unknown_node_type);
  add ("/validation/missing-dependency", test_missing_dependency);
  add ("/validation/outputs-resolve", test_root_and_cross_file_outputs_resolve);
  add ("/validation/cycle", test_cycle_is_named);
  add ("/validation/self-cycle", test_self_dependency_is_a_cycle);
  add ("/validation/missing-data-source", test_missing_data_source);
  add ("/validation/broken-sync-job", test_broken_sync_job);
  add ("/validation/structure", test_structure_errors);
  add ("/validation/workspace-file", test_workspace_file_errors);
  add ("/validation/malformed-workspace-file", test_malformed_workspace_file_fails_the_load);
  add ("/validation/broken-file-keeps-workspace-usable", test_broken_file_keeps_workspace_usable);

  return g_test_run ();
}
