/* test-ui-node-properties.c: the Properties pane of the tutorial's start node in a real
 * window under Xvfb: a parameter added and resolved, a cron with a mistake refused at
 * the field, undo restoring a field; controls found by their accessible names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "trib-node-properties.h"
#include "trib-test-util.h"
#include "trib-ui-test.h"

#define WF_NAME "User profile analysis_Spark"
#define START "workshop_start_spark"

/* Finding controls as a screen reader names them ------------------------------------- */

static gboolean
has_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  g_autofree char *mismatch = NULL;

  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return TRUE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  return mismatch == NULL;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *label)
{
  if (has_accessible_label (root, label))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* Popovers (menus, completion) are not part of the pane as shown. */
      if (GTK_IS_NATIVE (child))
        continue;
      found = find_named (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
require_named (GtkWidget  *root,
               const char *label)
{
  GtkWidget *widget = find_named (root, label);

  if (widget == NULL)
    g_error ("no control named \"%s\"", label);
  return widget;
}

/* A visible label whose text starts with @prefix. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *prefix)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, prefix);

      if (found)
        return found;
    }
  return NULL;
}

/* Types @text at the end of @editable one character at a time, as a person does: every
 * intermediate text goes through the checks. */
static void
type_text (GtkWidget  *editable,
           const char *text)
{
  gtk_widget_grab_focus (editable);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = -1;

      /* A key replaces the selection, as a completion's suggestion. */
      gtk_editable_delete_selection (GTK_EDITABLE (editable));
      gtk_editable_insert_text (GTK_EDITABLE (editable), p, g_utf8_next_char (p) - p, &position);
      position = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (editable)), -1);
      gtk_editable_set_position (GTK_EDITABLE (editable), position);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
replace_text (GtkWidget  *editable,
              const char *text)
{
  gtk_editable_delete_text (GTK_EDITABLE (editable), 0, -1);
  type_text (editable, text);
}

static char *
describe_problems (GtkWidget *pane)
{
  g_auto(GStrv) problems = trib_node_properties_dup_problems (TRIB_NODE_PROPERTIES (pane));

  return problems ? g_strjoinv ("\n", problems) : g_strdup ("");
}

static const char *
parameter_value (TribWorkflow *workflow,
                 const char   *name)
{
  return trib_node_lookup_parameter (trib_workflow_lookup_node (workflow, START), name);
}

static void
test_start_node_properties (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = trib_workspace_load (file, NULL, &error);
  g_autoptr(TribUndoStack) undo = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *mismatch = NULL;
  TribWorkflow *workflow;
  GtkWidget *window, *pane, *field, *label;

  g_assert_no_error (error);
  workflow = trib_workspace_lookup_workflow (workspace, WF_NAME);
  g_assert_nonnull (workflow);
  undo = trib_undo_stack_new (workflow);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Properties");
  gtk_window_set_default_size (GTK_WINDOW (window), 460, 1000);
  pane = trib_node_properties_new (workspace, workflow, START);
  gtk_window_set_child (GTK_WINDOW (window), pane);
  gtk_window_present (GTK_WINDOW (window));
  trib_ui_wait_until (trib_ui_is_mapped, pane, "the pane on screen");
  trib_ui_settle ();

  /* The tutorial's values are shown. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (pane, "Value of bizdate"))), ==,
                   "$[yyyymmdd-1]");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (pane, "Cron Expression"))), ==,
                   "00 30 00 * * ?");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (pane, "Time (HH:MM)"))), ==, "00:30");
  g_assert_nonnull (find_named (pane, "Workspace root"));

  /* The tutorial's business date. */
  replace_text (require_named (pane, "Resolved for Business Date"), "20240807");
  trib_ui_settle ();
  g_assert_nonnull (find_label (pane, "Its run is scheduled at 2024-08-08 00:30 (Asia/Shanghai)"));

  /* Add a parameter with the keyboard, as the tutorial sets bizdate. */
  gtk_widget_activate (require_named (pane, "Add Parameter"));
  trib_ui_settle ();
  type_text (require_named (pane, "Name of parameter 2"), "yesterday");
  field = require_named (pane, "Value of yesterday");
  type_text (field, "$[yyyymmdd-1]");
  trib_ui_settle ();
  g_assert_cmpstr (parameter_value (workflow, "yesterday"), ==, "$[yyyymmdd-1]");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Edit Parameters");
  label = find_label (gtk_widget_get_ancestor (field, GTK_TYPE_LIST_BOX_ROW), "→ ");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "→ 20240807");
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==, "");
  g_clear_pointer (&problems, g_free);

  /* A value with a mistake (a key pressed inside the brackets): the parser's message with
   * a caret at its column, and the document keeps the value it had. */
  {
    int position = 12;

    gtk_editable_insert_text (GTK_EDITABLE (field), "x", 1, &position);
  }
  trib_ui_settle ();
  g_assert_cmpstr (parameter_value (workflow, "yesterday"), ==, "$[yyyymmdd-1]");
  label = find_label (pane, "$[yyyymmdd-1x]\n");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "$[yyyymmdd-1x]\n            ^\n$[yyyymmdd-1x]: unexpected \"x\" at column 12");
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==,
                   "Scheduling parameters: yesterday: $[yyyymmdd-1x]: unexpected \"x\" at column 12");
  g_clear_pointer (&problems, g_free);
  gtk_editable_delete_text (GTK_EDITABLE (field), 12, 13);
  trib_ui_settle ();
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==, "");
  g_clear_pointer (&problems, g_free);

  trib_ui_save_screenshot (window, "node-properties-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  trib_ui_settle ();
  trib_ui_save_screenshot (window, "node-properties-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  trib_ui_settle ();

  /* A cron with a mistake is refused at the field, with its reason, and not written. */
  field = require_named (pane, "Cron Expression");
  replace_text (field, "00 61 00 * * ?");
  trib_ui_settle ();
  g_assert_cmpstr (trib_node_get_cron (trib_workflow_lookup_node (workflow, START)), ==, "00 30 00 * * ?");
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  label = find_label (pane, "cron \"00 61 00 * * ?\"");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59");
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                 "cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59");
  g_assert_null (mismatch);
  /* Where the keyboard focus is, a screen reader names the field and says the reason. */
  {
    GtkWidget *text = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (GTK_IS_TEXT (text));
    g_assert_true (gtk_widget_is_ancestor (text, field));
    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                       "Cron Expression"));
    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                       "cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59"));
  }
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==, "Schedule: cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59");
  g_clear_pointer (&problems, g_free);
  trib_ui_save_screenshot (window, "node-properties-cron-error.png");
  /* The label sits right under the field, in the same list. */
  g_assert_true (gtk_widget_get_next_sibling (field) == gtk_widget_get_parent (label));

  /* Corrected: written, and the daily form and next runs follow. */
  replace_text (field, "00 45 00 * * ?");
  trib_ui_settle ();
  g_assert_cmpstr (trib_node_get_cron (trib_workflow_lookup_node (workflow, START)), ==, "00 45 00 * * ?");
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (pane, "Time (HH:MM)"))), ==, "00:45");
  label = find_label (pane, "20");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), " 00:45 "));
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==, "");
  g_clear_pointer (&problems, g_free);
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Change Schedule");

  /* Undo (what Ctrl+Z does in the node's tab) restores the field from the document. */
  g_assert_true (trib_undo_stack_undo (undo));
  trib_ui_settle ();
  g_assert_cmpstr (trib_node_get_cron (trib_workflow_lookup_node (workflow, START)), ==, "00 30 00 * * ?");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (pane, "Cron Expression"))), ==,
                   "00 30 00 * * ?");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (pane, "Time (HH:MM)"))), ==, "00:30");
  /* And undo again: the parameter typed in (one step) is gone, and its row with it. */
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Edit Parameters");
  g_assert_true (trib_undo_stack_undo (undo));
  trib_ui_settle ();
  g_assert_null (parameter_value (workflow, "yesterday"));
  g_assert_null (find_named (pane, "Value of yesterday"));
  g_assert_cmpstr (parameter_value (workflow, "bizdate"), ==, "$[yyyymmdd-1]");
  g_assert_false (trib_undo_stack_can_undo (undo));
  g_assert_true (trib_undo_stack_redo (undo));
  trib_ui_settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_named (pane, "Value of yesterday"))), ==,
                   "$[yyyymmdd-1]");

  /* Its remove button, found by its name. */
  gtk_widget_activate (require_named (pane, "Remove yesterday"));
  trib_ui_settle ();
  g_assert_null (parameter_value (workflow, "yesterday"));
  g_assert_cmpstr (parameter_value (workflow, "bizdate"), ==, "$[yyyymmdd-1]");
  g_assert_cmpstr (trib_undo_stack_get_undo_label (undo), ==, "Remove Parameter");

  /* The lower half: dependencies, outputs, general. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (require_named (pane, "Owner"), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    trib_ui_settle ();
    trib_ui_save_screenshot (window, "node-properties-lower-light.png");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    trib_ui_settle ();
    trib_ui_save_screenshot (window, "node-properties-lower-dark.png");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
  trib_test_rm_rf (dir);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* A Spark SQL node: its dependencies (the canvas' lines) and its rerun interval. */
static void
test_sql_node_dependencies (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = trib_workspace_load (file, NULL, &error);
  g_autoptr(GPtrArray) upstream = NULL;
  g_autofree char *problems = NULL;
  TribWorkflow *workflow;
  GtkWidget *window, *pane, *entry, *label, *field;
  guint notified = 0;

  g_assert_no_error (error);
  workflow = trib_workspace_lookup_workflow (workspace, WF_NAME);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 460, 1000);
  pane = trib_node_properties_new (workspace, workflow, "ods_raw_log_d_spark");
  g_signal_connect_swapped (pane, "notify::problems", G_CALLBACK (count_notify), &notified);
  gtk_window_set_child (GTK_WINDOW (window), pane);
  gtk_window_present (GTK_WINDOW (window));
  trib_ui_wait_until (trib_ui_is_mapped, pane, "the pane on screen");
  trib_ui_settle ();

  g_assert_nonnull (find_named (pane, "ods_raw_log_d_2oss_spark"));
  g_assert_null (find_named (pane, "Workspace root"));

  /* An output nobody publishes is refused at the entry, and stays there. */
  entry = require_named (pane, "Upstream output to add");
  type_text (entry, "user_behavior_analysis.nothing");
  gtk_widget_activate (require_named (pane, "Add the upstream output"));
  trib_ui_settle ();
  label = find_label (pane, "no node in the workspace");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "no node in the workspace publishes the output “user_behavior_analysis.nothing”");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "user_behavior_analysis.nothing");
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==,
                   "Dependencies: no node in the workspace publishes the output “user_behavior_analysis.nothing”");
  g_clear_pointer (&problems, g_free);
  g_assert_cmpuint (notified, >=, 1);

  /* The other sync node, typed and added with Enter: the canvas has the line too. */
  replace_text (entry, "user_behavior_analysis.ods_user_info_d_2oss_spark");
  g_signal_emit_by_name (entry, "activate");
  trib_ui_settle ();
  upstream = trib_workflow_list_upstream (workflow, "ods_raw_log_d_spark");
  g_assert_cmpuint (upstream->len, ==, 2);
  g_assert_cmpstr (upstream->pdata[1], ==, "ods_user_info_d_2oss_spark");
  g_clear_pointer (&upstream, g_ptr_array_unref);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (find_named (pane, "ods_user_info_d_2oss_spark"));
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==, "");
  g_clear_pointer (&problems, g_free);

  /* Removing both leaves the workspace root, as on the canvas. */
  gtk_widget_activate (require_named (pane, "Remove the dependency on ods_raw_log_d_2oss_spark"));
  trib_ui_settle ();
  gtk_widget_activate (require_named (pane, "Remove the dependency on ods_user_info_d_2oss_spark"));
  trib_ui_settle ();
  upstream = trib_workflow_list_upstream (workflow, "ods_raw_log_d_spark");
  g_assert_cmpuint (upstream->len, ==, 0);
  g_assert_nonnull (find_named (pane, "Workspace root"));
  g_assert_false (gtk_widget_get_sensitive (require_named (pane, "Remove the dependency on Workspace root")));

  /* Choosing a node from the menu: the menu lists the other nodes by name. */
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (require_named (pane, "Choose an upstream node")));
    gboolean listed = FALSE;

    for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
      {
        g_autofree char *item_label = NULL;
        g_autofree char *target = NULL;

        g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
        g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "s", &target);
        g_assert_cmpstr (target, !=, "user_behavior_analysis.ods_raw_log_d_spark");
        if (g_strcmp0 (item_label, "ods_raw_log_d_2oss_spark") == 0)
          {
            g_assert_cmpstr (target, ==, "user_behavior_analysis.ods_raw_log_d_2oss_spark");
            listed = TRUE;
          }
      }
    g_assert_true (listed);
    gtk_widget_activate_action (pane, "props.add-upstream", "s", "user_behavior_analysis.ods_raw_log_d_2oss_spark");
    trib_ui_settle ();
    g_clear_pointer (&upstream, g_ptr_array_unref);
    upstream = trib_workflow_list_upstream (workflow, "ods_raw_log_d_spark");
    g_assert_cmpuint (upstream->len, ==, 1);
    g_assert_cmpstr (upstream->pdata[0], ==, "ods_raw_log_d_2oss_spark");
    g_assert_null (find_named (pane, "Workspace root"));
  }

  /* Rerun interval: minutes or seconds, anything else refused with the reason. */
  field = require_named (pane, "Retry Interval");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, "2 min");
  replace_text (field, "90 sec");
  trib_ui_settle ();
  g_assert_cmpuint (trib_node_get_rerun_interval (trib_workflow_lookup_node (workflow, "ods_raw_log_d_spark")), ==, 90000);
  replace_text (field, "2 hours");
  trib_ui_settle ();
  label = find_label (pane, "interval: unknown unit");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  problems = describe_problems (pane);
  g_assert_cmpstr (problems, ==, "Rerun: interval: unknown unit \"hours\" (use \"min\" or \"s\")");
  g_clear_pointer (&problems, g_free);

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  trib_ui_init (&argc, &argv);
  trib_init ();

  g_test_add_func ("/ui/node-properties/start-node", test_start_node_properties);
  g_test_add_func ("/ui/node-properties/sql-node-dependencies", test_sql_node_dependencies);
  return g_test_run ();
}
