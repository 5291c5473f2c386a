/* test-workflow-edit.c: canvas edits, their refusals, undo/redo and the automatic layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "trib-test-util.h"

static TribWorkspace *
load (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TribWorkspace *workspace = trib_workspace_load (dir, NULL, &error);

  g_assert_no_error (error);
  return workspace;
}

/* An empty workspace named like the demo's, with one new workflow. */
static TribWorkflow *
new_workflow (TribWorkspace **out_ws,
              char          **out_dir)
{
  g_autofree char *dir = trib_test_make_tmpdir ("trib-edit-XXXXXX");
  g_autofree char *ws_dir = g_build_filename (dir, "ws", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (ws_dir);
  g_autoptr(GError) error = NULL;
  TribWorkspace *ws = trib_workspace_create (file, "user_behavior_analysis", &error);
  TribWorkflow *wf;

  g_assert_no_error (error);
  wf = trib_workspace_new_workflow (ws, "User profile analysis_Spark", "Tutorial", &error);
  g_assert_no_error (error);
  *out_ws = ws;
  *out_dir = g_steal_pointer (&dir);
  return wf;
}

static void
create (TribWorkflow *wf,
        TribNodeKind  kind,
        const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribNode) node = trib_workflow_create_node (wf, kind, name, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (trib_node_get_name (node), ==, name);
}

static void
connect (TribWorkflow *wf,
         const char   *from,
         const char   *to)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trib_workflow_connect (wf, from, to, &error));
  g_assert_no_error (error);
}

/* "node<-upstream,upstream;node<-..." from spec.flow, in file order. */
static char *
describe_flow (TribWorkflow *wf)
{
  JsonObject *spec = json_object_get_object_member (json_node_get_object (trib_workflow_get_json (wf)), "spec");
  JsonArray *flow = json_object_get_array_member (spec, "flow");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (flow); i++)
    {
      JsonObject *entry = json_array_get_object_element (flow, i);
      JsonArray *depends = json_object_get_array_member (entry, "depends");

      if (text->len)
        g_string_append_c (text, ';');
      g_string_append_printf (text, "%s<-", json_object_get_string_member (entry, "nodeId"));
      for (guint j = 0; j < json_array_get_length (depends); j++)
        {
          JsonObject *dep = json_array_get_object_element (depends, j);

          if (j)
            g_string_append_c (text, ',');
          if (json_object_has_member (dep, "nodeId"))
            g_string_append (text, json_object_get_string_member (dep, "nodeId"));
          else
            g_string_append_printf (text, "@%s", json_object_get_string_member (dep, "output"));
        }
    }
  return g_string_free (text, FALSE);
}

static void
build_tutorial (TribWorkflow *wf)
{
  create (wf, TRIB_NODE_KIND_VIRTUAL, "workshop_start_spark");
  create (wf, TRIB_NODE_KIND_DI, "ods_raw_log_d_2oss_spark");
  create (wf, TRIB_NODE_KIND_DI, "ods_user_info_d_2oss_spark");
  create (wf, TRIB_NODE_KIND_EMR_SPARK_SQL, "ods_raw_log_d_spark");
  create (wf, TRIB_NODE_KIND_EMR_SPARK_SQL, "ods_user_info_d_spark");
  connect (wf, "workshop_start_spark", "ods_raw_log_d_2oss_spark");
  connect (wf, "workshop_start_spark", "ods_user_info_d_2oss_spark");
  connect (wf, "ods_raw_log_d_2oss_spark", "ods_raw_log_d_spark");
  connect (wf, "ods_user_info_d_2oss_spark", "ods_user_info_d_spark");
}

static void
test_build_tutorial_graph (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autofree char *flow = NULL;
  g_autofree char *demo_dir = trib_test_make_demo_workspace ();
  g_autoptr(TribWorkspace) demo = load (demo_dir);
  TribWorkflow *reference = trib_workspace_lookup_workflow (demo, "User profile analysis_Spark");
  g_autofree char *reference_flow = describe_flow (reference);
  g_auto(GStrv) outputs = NULL;

  g_assert_cmpstr (trib_workflow_get_display_path (wf), ==, "workflows/user_profile_analysis_spark.json");
  g_assert_true (trib_workflow_is_modified (wf));
  build_tutorial (wf);
  flow = describe_flow (wf);
  /* The same nodes and "depends" as the demo, root dependency included. */
  g_assert_cmpstr (flow, ==, "workshop_start_spark<-@user_behavior_analysis_root;"
                             "ods_raw_log_d_2oss_spark<-workshop_start_spark;"
                             "ods_user_info_d_2oss_spark<-workshop_start_spark;"
                             "ods_raw_log_d_spark<-ods_raw_log_d_2oss_spark;"
                             "ods_user_info_d_spark<-ods_user_info_d_2oss_spark");
  g_assert_cmpstr (flow, ==, reference_flow);
  outputs = trib_node_dup_outputs (trib_workflow_lookup_node (wf, "ods_raw_log_d_spark"));
  g_assert_cmpstr (outputs[0], ==, "user_behavior_analysis.ods_raw_log_d_spark");
  /* New sync nodes are not configured yet: the only problems, and they say so. */
  {
    g_autofree char *problems = trib_diagnostics_to_string (trib_workflow_get_diagnostics (wf));
    g_assert_cmpstr (problems, ==,
                     "workflows/user_profile_analysis_spark.json: spec.nodes[1]: sync node \"ods_raw_log_d_2oss_spark\" has no job (script.content is empty)\n"
                     "workflows/user_profile_analysis_spark.json: spec.nodes[2]: sync node \"ods_user_info_d_2oss_spark\" has no job (script.content is empty)");
  }

  trib_test_rm_rf (dir);
  trib_test_rm_rf (demo_dir);
}

static void
test_refusals (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  build_tutorial (wf);
  before = trib_workflow_to_string (wf);

  g_assert_false (trib_workflow_connect (wf, "ods_raw_log_d_spark", "workshop_start_spark", &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This line would create a cycle: ods_raw_log_d_spark → "
                                       "workshop_start_spark → ods_raw_log_d_2oss_spark → ods_raw_log_d_spark");
  g_clear_error (&error);

  g_assert_false (trib_workflow_connect (wf, "workshop_start_spark", "ods_raw_log_d_2oss_spark", &error));
  g_assert_cmpstr (error->message, ==, "“ods_raw_log_d_2oss_spark” already depends on “workshop_start_spark”");
  g_clear_error (&error);

  g_assert_false (trib_workflow_connect (wf, "ods_raw_log_d_spark", "ods_raw_log_d_spark", &error));
  g_assert_cmpstr (error->message, ==, "A node cannot depend on itself");
  g_clear_error (&error);

  g_assert_false (trib_workflow_check_node_name (wf, "", NULL, &error));
  g_assert_cmpstr (error->message, ==, "Enter a name");
  g_clear_error (&error);
  g_assert_false (trib_workflow_check_node_name (wf, "two words", NULL, &error));
  g_assert_cmpstr (error->message, ==, "A node name cannot contain spaces; use \"_\" instead");
  g_clear_error (&error);
  g_assert_false (trib_workflow_check_node_name (wf, "a/b", NULL, &error));
  g_assert_cmpstr (error->message, ==, "A node name cannot contain \"/\": use letters, digits, \"_\" and \".\"");
  g_clear_error (&error);
  g_assert_null (trib_workflow_create_node (wf, TRIB_NODE_KIND_DI, "ods_raw_log_d_spark", 0, 0, &error));
  g_assert_cmpstr (error->message, ==, "This workflow already has a node named \"ods_raw_log_d_spark\"");
  g_clear_error (&error);
  g_assert_true (trib_workflow_check_node_name (wf, "用户画像.v2", NULL, &error));
  g_assert_no_error (error);

  /* Nothing refused changed the document. */
  after = trib_workflow_to_string (wf);
  g_assert_cmpstr (before, ==, after);

  trib_test_rm_rf (dir);
}

static void
test_rename_rewrites_depends (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(TribWorkspace) ws = load (dir);
  TribWorkflow *wf = trib_workspace_lookup_workflow (ws, "User profile analysis_Spark");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) outputs = NULL;
  g_autoptr(TribNode) other = NULL;

  /* A second node depends on the sync node by its output name. */
  other = trib_workflow_create_node (wf, TRIB_NODE_KIND_VIRTUAL, "check", 0, 0, &error);
  g_assert_no_error (error);
  {
    JsonObject *spec = json_object_get_object_member (json_node_get_object (trib_workflow_get_json (wf)), "spec");
    JsonArray *flow = json_object_get_array_member (spec, "flow");
    JsonObject *entry = json_array_get_object_element (flow, json_array_get_length (flow) - 1);
    JsonObject *dep = json_array_get_object_element (json_object_get_array_member (entry, "depends"), 0);

    json_object_remove_member (dep, "output");
    json_object_set_string_member (dep, "output", "user_behavior_analysis.ods_raw_log_d_2oss_spark");
  }

  g_assert_true (trib_workflow_rename_node (wf, "ods_raw_log_d_2oss_spark", "raw_log_sync", &error));
  g_assert_no_error (error);
  outputs = trib_node_dup_outputs (trib_workflow_lookup_node (wf, "ods_raw_log_d_2oss_spark"));
  g_assert_cmpstr (outputs[0], ==, "user_behavior_analysis.raw_log_sync");
  text = trib_workflow_to_string (wf);
  g_assert_nonnull (strstr (text, "\"output\": \"user_behavior_analysis.raw_log_sync\""));
  g_assert_null (strstr (text, "user_behavior_analysis.ods_raw_log_d_2oss_spark"));
  g_assert_nonnull (strstr (text, "\"path\": \"User profile analysis_Spark/raw_log_sync\""));
  g_assert_true (trib_workflow_is_valid (wf));
  g_assert_true (trib_workspace_is_valid (ws));

  trib_test_rm_rf (dir);
}

static void
test_remove_and_root (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autofree char *flow = NULL;
  const char *ids[] = { "workshop_start_spark", NULL };

  build_tutorial (wf);
  g_assert_true (trib_workflow_remove_nodes (wf, ids, NULL));
  g_assert_null (trib_workflow_lookup_node (wf, "workshop_start_spark"));
  flow = describe_flow (wf);
  /* The two sync nodes lost their upstream, so they start from the root. */
  g_assert_cmpstr (flow, ==, "ods_raw_log_d_2oss_spark<-@user_behavior_analysis_root;"
                             "ods_user_info_d_2oss_spark<-@user_behavior_analysis_root;"
                             "ods_raw_log_d_spark<-ods_raw_log_d_2oss_spark;"
                             "ods_user_info_d_spark<-ods_user_info_d_2oss_spark");
  g_clear_pointer (&flow, g_free);

  g_assert_true (trib_workflow_disconnect (wf, "ods_raw_log_d_2oss_spark", "ods_raw_log_d_spark", NULL));
  flow = describe_flow (wf);
  g_assert_nonnull (strstr (flow, "ods_raw_log_d_spark<-@user_behavior_analysis_root"));
  g_assert_null (strstr (trib_workflow_to_string (wf), "\"workshop_start_spark\": {"));

  trib_test_rm_rf (dir);
}

static void
test_undo_redo_after_move (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autoptr(TribUndoStack) undo = trib_undo_stack_new (wf);
  const char *ids[] = { "a", NULL };
  const double to[] = { 300, 200 };
  double x, y;

  create (wf, TRIB_NODE_KIND_VIRTUAL, "a");
  create (wf, TRIB_NODE_KIND_VIRTUAL, "b");
  g_assert_true (trib_workflow_move_nodes (wf, ids, to, NULL));
  connect (wf, "a", "b");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Connect");

  /* Undo the connection and the move, redo the move: a is at (300, 200) again. */
  g_assert_true (trib_undo_stack_undo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (trib_workflow_get_dependencies (wf)), ==, 2);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Move");
  g_assert_true (trib_undo_stack_undo (undo));
  g_assert_true (trib_node_get_position (trib_workflow_lookup_node (wf, "a"), &x, &y));
  g_assert_cmpfloat (x, ==, 0);
  g_assert_true (trib_undo_stack_redo (undo));
  g_assert_true (trib_node_get_position (trib_workflow_lookup_node (wf, "a"), &x, &y));
  g_assert_cmpfloat (x, ==, 300);
  g_assert_cmpfloat (y, ==, 200);
  g_assert_true (trib_undo_stack_redo (undo));
  g_assert_cmpstr (trib_undo_stack_get_redo_label (undo), ==, NULL);
  g_assert_nonnull (trib_workflow_list_upstream (wf, "b"));
  g_assert_cmpuint (trib_workflow_list_upstream (wf, "b")->len, ==, 1);

  /* Undo everything: back to the empty workflow; a new edit drops the redo states. */
  while (trib_undo_stack_undo (undo))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (trib_workflow_get_nodes (wf)), ==, 0);
  create (wf, TRIB_NODE_KIND_VIRTUAL, "c");
  g_assert_false (trib_undo_stack_can_redo (undo));
  g_assert_true (trib_undo_stack_can_undo (undo));

  trib_test_rm_rf (dir);
}

static char *
input_outputs (TribWorkflow *wf,
               const char   *id)
{
  JsonObject *inputs = json_object_get_object_member (trib_node_get_json (trib_workflow_lookup_node (wf, id)), "inputs");
  JsonArray *list = json_object_get_array_member (inputs, "nodeOutputs");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (list); i++)
    g_string_append_printf (out, "%s%s", i ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (list, i), "data"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A line drawn on the canvas and the node's inputs (the Properties pane's list) are the
 * same data: connecting and disconnecting keep inputs.nodeOutputs in step. */
static void
test_connect_keeps_inputs (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(TribWorkspace) ws = load (dir);
  TribWorkflow *wf = trib_workspace_lookup_workflow (ws, "User profile analysis_Spark");
  g_autoptr(TribNode) gate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *connected = NULL;
  g_autofree char *disconnected = NULL;

  before = input_outputs (wf, "workshop_start_spark");
  g_assert_cmpstr (before, ==, "user_behavior_analysis_root");
  gate = trib_workflow_create_node (wf, TRIB_NODE_KIND_VIRTUAL, "gate", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (trib_workflow_connect (wf, "gate", "workshop_start_spark", &error));
  g_assert_no_error (error);
  connected = input_outputs (wf, "workshop_start_spark");
  g_assert_cmpstr (connected, ==, "user_behavior_analysis.gate");
  g_assert_true (trib_workflow_disconnect (wf, "gate", "workshop_start_spark", &error));
  g_assert_no_error (error);
  disconnected = input_outputs (wf, "workshop_start_spark");
  g_assert_cmpstr (disconnected, ==, "user_behavior_analysis_root");

  trib_test_rm_rf (dir);
}

static gboolean
refuse_after_changing (JsonObject  *node,
                       gpointer     user_data,
                       GError     **error)
{
  json_object_set_string_member (node, "description", "half-edited");
  g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, "refused");
  return FALSE;
}

static void
test_node_content_edits (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autoptr(TribUndoStack) undo = trib_undo_stack_new (wf);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_refusal = NULL;

  create (wf, TRIB_NODE_KIND_EMR_SPARK_SQL, "q");
  create (wf, TRIB_NODE_KIND_VIRTUAL, "v");

  /* Typing in one node's script, in three pauses, is one undo step. */
  g_assert_true (trib_workflow_set_node_content (wf, "q", "SELECT", NULL));
  g_assert_true (trib_workflow_set_node_content (wf, "q", "SELECT 1", NULL));
  g_assert_true (trib_workflow_set_node_content (wf, "q", "SELECT 1;", NULL));
  g_assert_cmpstr (trib_node_get_content (trib_workflow_lookup_node (wf, "q")), ==, "SELECT 1;");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Edit Script");
  g_assert_true (trib_undo_stack_undo (undo));
  g_assert_cmpstr (trib_node_get_content (trib_workflow_lookup_node (wf, "q")), ==, "");
  g_assert_true (trib_undo_stack_redo (undo));
  g_assert_cmpstr (trib_node_get_content (trib_workflow_lookup_node (wf, "q")), ==, "SELECT 1;");

  /* Another node's script is another step. */
  g_assert_true (trib_workflow_set_node_content (wf, "v", "x", NULL));
  g_assert_true (trib_undo_stack_undo (undo));
  g_assert_cmpstr (trib_node_get_content (trib_workflow_lookup_node (wf, "q")), ==, "SELECT 1;");

  /* A refused edit leaves the document as it was, even what it changed before refusing. */
  before = trib_workflow_to_string (wf);
  g_assert_false (trib_workflow_edit_node (wf, "q", "Test", NULL, refuse_after_changing, NULL, &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  after_refusal = trib_workflow_to_string (wf);
  g_assert_cmpstr (before, ==, after_refusal);
  g_clear_error (&error);
  g_assert_false (trib_workflow_set_node_content (wf, "nope", "x", &error));
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND);

  trib_test_rm_rf (dir);
}

static void
test_save_and_modified (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autoptr(TribWorkflow) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *path = NULL;

  build_tutorial (wf);
  g_assert_true (trib_workflow_is_modified (wf));
  g_assert_true (trib_workflow_save (wf, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (trib_workflow_is_modified (wf));

  path = g_file_get_path (trib_workflow_get_file (wf));
  on_disk = trib_test_read_file (path);
  text = trib_workflow_to_string (wf);
  g_assert_cmpstr (on_disk, ==, text);
  reread = trib_workflow_load (trib_workflow_get_file (wf), "workflows/x.json", NULL);
  g_clear_pointer (&text, g_free);
  text = trib_workflow_to_string (reread);
  g_assert_cmpstr (on_disk, ==, text);
  g_assert_cmpuint (g_list_model_get_n_items (trib_workflow_get_nodes (reread)), ==, 5);

  trib_test_rm_rf (dir);
}

/* A FlowSpec file without positions is laid out without being changed. */
static void
test_layout_tutorial (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *path = g_build_filename (dir, "workflows", "user_profile_analysis_spark.json", NULL);
  g_autofree char *text = trib_test_read_file (path);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autofree char *stripped = NULL;
  g_autoptr(TribWorkflow) wf = NULL;
  double sx, sy, a_x, a_y, b_x, b_y, c_x, c_y, d_x, d_y;

  json_object_remove_member (json_object_get_object_member (json_node_get_object (root), "metadata"), "tributary");
  stripped = trib_json_to_string (root);
  wf = trib_workflow_new_from_text (stripped, NULL, "workflows/x.json");
  g_assert_false (trib_node_get_position (trib_workflow_lookup_node (wf, "workshop_start_spark"), NULL, NULL));

  trib_workflow_place_unpositioned (wf);
  g_assert_true (trib_node_get_position (trib_workflow_lookup_node (wf, "workshop_start_spark"), &sx, &sy));
  trib_node_get_position (trib_workflow_lookup_node (wf, "ods_raw_log_d_2oss_spark"), &a_x, &a_y);
  trib_node_get_position (trib_workflow_lookup_node (wf, "ods_user_info_d_2oss_spark"), &b_x, &b_y);
  trib_node_get_position (trib_workflow_lookup_node (wf, "ods_raw_log_d_spark"), &c_x, &c_y);
  trib_node_get_position (trib_workflow_lookup_node (wf, "ods_user_info_d_spark"), &d_x, &d_y);
  /* Three layers, top to bottom; the start node centred over the two branches, and
   * each Spark SQL node under its own sync node (no crossing). */
  g_assert_cmpfloat (sy, <, a_y);
  g_assert_cmpfloat (a_y, ==, b_y);
  g_assert_cmpfloat (a_y, <, c_y);
  g_assert_cmpfloat (c_y, ==, d_y);
  g_assert_cmpfloat (a_x, ==, c_x);
  g_assert_cmpfloat (b_x, ==, d_x);
  g_assert_cmpfloat (sx, ==, (a_x + b_x) / 2);

  /* Shown, not written: the file text is unchanged until an edit. */
  {
    g_autofree char *now = trib_workflow_to_string (wf);
    g_assert_cmpstr (now, ==, stripped);
  }
  trib_test_rm_rf (dir);
}

static gboolean
overlaps (const double *xy,
          guint         a,
          guint         b)
{
  return fabs (xy[2 * a] - xy[2 * b]) < TRIB_LAYOUT_NODE_WIDTH &&
         fabs (xy[2 * a + 1] - xy[2 * b + 1]) < TRIB_LAYOUT_NODE_HEIGHT;
}

static void
test_layout_generated (void)
{
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint n = g_rand_int_range (rand, 2, 120);
      g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree double *xy = g_new0 (double, 2 * n);
      g_autofree double *again = g_new0 (double, 2 * n);

      /* Edges only from lower to higher index: a DAG. */
      for (guint e = 0; e < n * 3 / 2; e++)
        {
          guint a = g_rand_int_range (rand, 0, n - 1);
          guint b = g_rand_int_range (rand, a + 1, n);
          g_array_append_val (edges, a);
          g_array_append_val (edges, b);
        }
      trib_graph_layout (n, (guint *) edges->data, edges->len / 2, xy);
      trib_graph_layout (n, (guint *) edges->data, edges->len / 2, again);
      g_assert_cmpmem (xy, 2 * n * sizeof (double), again, 2 * n * sizeof (double));

      for (guint e = 0; e < edges->len / 2; e++)
        {
          guint a = g_array_index (edges, guint, 2 * e), b = g_array_index (edges, guint, 2 * e + 1);
          g_assert_cmpfloat (xy[2 * a + 1], <, xy[2 * b + 1]);
        }
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          g_assert_false (overlaps (xy, a, b));
    }
}

static void
test_layout_fewer_crossings (void)
{
  /* Two chains drawn crossed in file order: 0->3, 1->2. The layout uncrosses them. */
  const guint edges[] = { 0, 3, 1, 2, 2, 4, 3, 5 };
  double xy[12];

  trib_graph_layout (6, edges, 4, xy);
  g_assert_cmpuint (trib_graph_count_crossings (6, edges, 4, xy), ==, 0);
}

static void
test_workflow_names (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) old_file = NULL;
  g_autoptr(TribWorkflow) copy = NULL;
  g_autofree char *stem = trib_workflow_file_stem_for_name ("  Daily / 用户 sync!! ");

  g_assert_cmpstr (stem, ==, "daily_用户_sync");
  g_assert_false (trib_workspace_check_workflow_name (ws, "User profile analysis_Spark", NULL, &error));
  g_assert_cmpstr (error->message, ==, "The workspace already has a workflow named “User profile analysis_Spark”");
  g_clear_error (&error);
  g_assert_false (trib_workspace_check_workflow_name (ws, "user profile analysis spark", NULL, &error));
  g_assert_cmpstr (error->message, ==, "The file workflows/user_profile_analysis_spark.json is already used by "
                                       "the workflow “User profile analysis_Spark”");
  g_clear_error (&error);
  g_assert_false (trib_workspace_check_workflow_name (ws, "!!!", NULL, &error));
  g_assert_cmpstr (error->message, ==, "The name needs at least one letter or digit");
  g_clear_error (&error);

  build_tutorial (wf);
  g_assert_true (trib_workflow_save (wf, NULL, NULL));
  g_assert_true (trib_workspace_rename_workflow (ws, wf, "Daily users", "d", &old_file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (old_file);
  g_assert_cmpstr (trib_workflow_get_display_path (wf), ==, "workflows/daily_users.json");
  g_assert_true (trib_workflow_is_modified (wf));

  copy = trib_workspace_duplicate_workflow (ws, wf, "Daily users copy", &error);
  g_assert_no_error (error);
  g_assert_nonnull (trib_workflow_lookup_node_by_name (copy, "workshop_start_spark_copy"));
  g_assert_cmpstr (trib_workflow_get_display_path (copy), ==, "workflows/daily_users_copy.json");
  g_assert_true (trib_workflow_is_modified (copy));

  trib_test_rm_rf (dir);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (trib_workspace_save_settings_finish (TRIB_WORKSPACE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The text is made on the caller's thread; the worker writes it; nothing else is written. */
static void
test_save_settings_async (void)
{
  g_autoptr(TribWorkspace) ws = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TribWorkflow) wf = new_workflow (&ws, &dir);
  g_autoptr(TribDataSource) source = trib_data_source_new ("db", TRIB_DATA_SOURCE_KIND_MYSQL);
  g_autoptr(GFile) file = trib_workspace_dup_settings_file (ws);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *expected = NULL;
  g_autofree char *on_disk = NULL;
  gboolean done = FALSE;

  create (wf, TRIB_NODE_KIND_VIRTUAL, "a");
  trib_workspace_put_data_source (ws, source);
  expected = trib_workspace_dup_settings_text_if_changed (ws);
  g_assert_nonnull (expected);
  trib_workspace_save_settings_async (ws, NULL, saved_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  on_disk = trib_test_read_file (path);
  g_assert_cmpstr (on_disk, ==, expected);
  g_assert_null (trib_workspace_dup_settings_text_if_changed (ws));
  /* The canvas edit is still the user's to save. */
  g_assert_true (trib_workflow_is_modified (wf));

  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit/build-tutorial-graph", test_build_tutorial_graph);
  g_test_add_func ("/edit/refusals", test_refusals);
  g_test_add_func ("/edit/node-content", test_node_content_edits);
  g_test_add_func ("/edit/connect-keeps-inputs", test_connect_keeps_inputs);
  g_test_add_func ("/edit/rename-rewrites-depends", test_rename_rewrites_depends);
  g_test_add_func ("/edit/remove-and-root", test_remove_and_root);
  g_test_add_func ("/edit/undo-redo-after-move", test_undo_redo_after_move);
  g_test_add_func ("/edit/save-and-modified", test_save_and_modified);
  g_test_add_func ("/edit/workflow-names", test_workflow_names);
  g_test_add_func ("/edit/save-settings-async", test_save_settings_async);
  g_test_add_func ("/layout/tutorial", test_layout_tutorial);
  g_test_add_func ("/layout/generated", test_layout_generated);
  g_test_add_func ("/layout/fewer-crossings", test_layout_fewer_crossings);

  return g_test_run ();
}
