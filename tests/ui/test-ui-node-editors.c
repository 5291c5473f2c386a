/* test-ui-node-editors.c: the tutorial's nodes opened from the canvas and configured in
 * their tabs, with real input sent to the X server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-canvas.h"
#include "trib-node-page.h"
#include "trib-sql-editor.h"
#include "trib-test-util.h"
#include "trib-ui-test.h"
#include "trib-window-private.h"
#include "trib-workflow-page.h"

#define WORKFLOW "User profile analysis_Spark"

static const char * const demo_nodes[] = {
  "workshop_start_spark", "ods_raw_log_d_2oss_spark", "ods_user_info_d_2oss_spark",
  "ods_raw_log_d_spark", "ods_user_info_d_spark",
};

static char *workspace_dir;

static TribWorkflow *
demo_workflow (TribWindow *window)
{
  return trib_workspace_lookup_workflow (trib_window_get_workspace (window), WORKFLOW);
}

static GtkWidget *
selected_tab_child (TribWindow *window)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (_trib_window_get_tab_view (window));

  return page ? adw_tab_page_get_child (page) : NULL;
}

typedef struct
{
  TribWindow *window;
  const char *node_id;
} NodeTab;

static gboolean
node_tab_selected (gpointer data)
{
  NodeTab *tab = data;
  GtkWidget *child = selected_tab_child (tab->window);

  return TRIB_IS_NODE_PAGE (child) &&
         g_strcmp0 (trib_node_page_get_node_id (TRIB_NODE_PAGE (child)), tab->node_id) == 0 &&
         gtk_widget_get_mapped (child);
}

static TribWorkflowPage *
show_demo_workflow (TribWindow *window)
{
  GtkWidget *child;

  trib_window_show_workflow (window, demo_workflow (window));
  trib_ui_settle ();
  child = selected_tab_child (window);
  g_assert_true (TRIB_IS_WORKFLOW_PAGE (child));
  return TRIB_WORKFLOW_PAGE (child);
}

/* Double-clicks the node's card, found by its accessible name as a screen reader finds it. */
static TribNodePage *
open_node_by_double_click (TribWindow *window,
                           const char *node_id)
{
  TribWorkflowPage *owner = show_demo_workflow (window);
  GtkWidget *card = trib_ui_get (GTK_WIDGET (trib_workflow_page_get_canvas (owner)),
                                 GTK_ACCESSIBLE_ROLE_BUTTON, node_id);
  NodeTab tab = { window, node_id };

  /* Brought into view as Find node (Ctrl+F) does. */
  g_assert_true (trib_workflow_page_find (owner, node_id));
  trib_ui_settle ();
  if (g_getenv ("TRIB_UI_DEBUG"))
    trib_ui_save_screenshot (GTK_WIDGET (window), node_id);
  trib_ui_double_click (card);
  trib_ui_wait_until (node_tab_selected, &tab, node_id);
  return TRIB_NODE_PAGE (selected_tab_child (window));
}

static char *
saved_node_content (const char *node_id)
{
  g_autofree char *path = g_build_filename (workspace_dir, "workflows", "user_profile_analysis_spark.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TribWorkflow) workflow = trib_workflow_load (file, "workflows/user_profile_analysis_spark.json", NULL);

  g_assert_true (trib_workflow_is_valid (workflow));
  return g_strdup (trib_node_get_content (trib_workflow_lookup_node (workflow, node_id)));
}

static gboolean
not_modified (gpointer data)
{
  return !trib_workflow_is_modified (data);
}

static gboolean
is_modified (gpointer data)
{
  return trib_workflow_is_modified (data);
}

/* Buttons a screen reader could only call "button": an icon and no name. */
static void
collect_unnamed_buttons (GtkWidget *widget,
                         GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);
      GtkWidget *grand = parent ? gtk_widget_get_parent (parent) : NULL;
      GtkWidget *great = grand ? gtk_widget_get_parent (grand) : NULL;

      /* The inner button of a menu button or drop-down is named by its owner. */
      if (!GTK_IS_MENU_BUTTON (parent) && !GTK_IS_DROP_DOWN (parent))
        g_string_append_printf (out, "%s in %s < %s < %s; ", G_OBJECT_TYPE_NAME (widget),
                                parent ? G_OBJECT_TYPE_NAME (parent) : "-", grand ? G_OBJECT_TYPE_NAME (grand) : "-",
                                great ? G_OBJECT_TYPE_NAME (great) : "-");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_unnamed_buttons (child, out);
}

static void
assert_buttons_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  collect_unnamed_buttons (root, unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
}

/* Each of the five nodes opens in its own tab next to the workflow's, once. */
static void
test_open_each_node (void)
{
  TribWindow *window = trib_ui_open_window (workspace_dir);
  AdwTabView *view = _trib_window_get_tab_view (window);
  TribWorkflowPage *owner;
  int n_pages;

  for (guint i = 0; i < G_N_ELEMENTS (demo_nodes); i++)
    {
      TribNodePage *page = open_node_by_double_click (window, demo_nodes[i]);
      AdwTabPage *tab = adw_tab_view_get_page (view, GTK_WIDGET (page));

      g_assert_cmpstr (adw_tab_page_get_title (tab), ==, demo_nodes[i]);
      assert_buttons_named (GTK_WIDGET (page));
      g_assert_cmpint (adw_tab_view_get_page_position (view, tab), ==, (int) i + 1);
    }
  n_pages = adw_tab_view_get_n_pages (view);
  g_assert_cmpint (n_pages, ==, 6);

  /* Opening one again focuses its tab. */
  open_node_by_double_click (window, "ods_raw_log_d_spark");
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, n_pages);

  /* A zero-load node has only its Properties, and says so. */
  {
    NodeTab tab = { window, "workshop_start_spark" };
    GtkWidget *page = GTK_WIDGET (open_node_by_double_click (window, tab.node_id));

    g_assert_nonnull (trib_ui_find (page, GTK_ACCESSIBLE_ROLE_LABEL, "Zero-Load Node"));
  }

  /* Enter on a focused card opens it too (keyboard only). */
  owner = show_demo_workflow (window);
  {
    GtkWidget *card = trib_ui_get (GTK_WIDGET (trib_workflow_page_get_canvas (owner)),
                                   GTK_ACCESSIBLE_ROLE_BUTTON, "ods_user_info_d_spark");
    NodeTab tab = { window, "ods_user_info_d_spark" };

    gtk_widget_grab_focus (card);
    trib_ui_key ("Return");
    trib_ui_wait_until (node_tab_selected, &tab, "Enter to open the node");
  }

  /* Closing the workflow closes its node tabs: they share its undo history and Save. */
  adw_tab_view_close_page (view, adw_tab_view_get_page (view, GTK_WIDGET (owner)));
  trib_ui_settle ();
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
}

/* The Spark SQL editor: typing is an edit of the workflow, undone by its Undo and saved
 * by Ctrl+S; the statements that will run are counted; an undefined ${name} is flagged. */
static void
test_sql_editor (void)
{
  TribWindow *window = trib_ui_open_window (workspace_dir);
  TribWorkflow *workflow = demo_workflow (window);
  TribNodePage *page = open_node_by_double_click (window, "ods_raw_log_d_spark");
  TribSqlEditor *editor = TRIB_SQL_EDITOR (trib_node_page_get_editor (page));
  GtkWidget *text = trib_ui_get (GTK_WIDGET (page), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "SQL");
  g_autofree char *original = g_strdup (trib_node_get_content (trib_workflow_lookup_node (workflow, "ods_raw_log_d_spark")));
  g_autofree char *summary = NULL;
  g_autofree char *saved = NULL;
  const char *added = "SELECT count(*) FROM ods_raw_log_d_spark WHERE dt = '${cyctime}';";
  GtkWidget *dropdown;

  summary = trib_sql_editor_dup_summary (editor);
  g_assert_cmpstr (summary, ==, "2 statements will run");
  dropdown = trib_ui_get (GTK_WIDGET (page), GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Data Source");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);

  /* Type a third statement at the end, as a person would. */
  trib_ui_click (text);
  trib_ui_key ("ctrl+End");
  trib_ui_key ("Return");
  trib_ui_type (added);
  trib_ui_wait_until (is_modified, workflow, "the typing to reach the workflow");
  g_clear_pointer (&summary, g_free);
  summary = trib_sql_editor_dup_summary (editor);
  if (g_getenv ("TRIB_UI_DEBUG"))
    g_printerr ("CONTENT<<%s>>\n", trib_node_get_content (trib_workflow_lookup_node (workflow, "ods_raw_log_d_spark")));
  g_assert_cmpstr (summary, ==,
                   "3 statements will run\n"
                   "Line 17: ${cyctime} is not a scheduling parameter of this node; "
                   "add it under Properties → Scheduling Parameters");
  g_assert_true (trib_ui_has_description (text, "Line 17: ${cyctime} is not a scheduling parameter of this node; "
                                                "add it under Properties → Scheduling Parameters"));
  g_assert_true (g_str_has_suffix (trib_node_get_content (trib_workflow_lookup_node (workflow, "ods_raw_log_d_spark")),
                                   added));
  trib_ui_save_screenshots (GTK_WIDGET (window), "node-sql-editor");

  /* The typing is one step of the workflow's undo, from the node tab's Undo button. */
  trib_ui_click (trib_ui_get (GTK_WIDGET (page), GTK_ACCESSIBLE_ROLE_BUTTON, "Undo"));
  trib_ui_settle ();
  g_assert_cmpstr (trib_node_get_content (trib_workflow_lookup_node (workflow, "ods_raw_log_d_spark")), ==, original);
  g_clear_pointer (&summary, g_free);
  summary = trib_sql_editor_dup_summary (editor);
  g_assert_cmpstr (summary, ==, "2 statements will run");
  trib_ui_click (trib_ui_get (GTK_WIDGET (page), GTK_ACCESSIBLE_ROLE_BUTTON, "Redo"));
  trib_ui_settle ();

  /* Ctrl+/ comments the line out: one statement fewer. Then Ctrl+S saves the workflow. */
  trib_ui_click (text);
  trib_ui_key ("ctrl+End");
  trib_ui_key ("ctrl+slash");
  trib_ui_settle ();
  g_clear_pointer (&summary, g_free);
  summary = trib_sql_editor_dup_summary (editor);
  g_assert_true (g_str_has_prefix (summary, "2 statements will run\n"));
  trib_ui_key ("ctrl+s");
  trib_ui_wait_until (not_modified, workflow, "Ctrl+S in the node tab to save the workflow");
  saved = saved_node_content ("ods_raw_log_d_spark");
  g_assert_true (g_str_has_suffix (saved, "\n-- SELECT count(*) FROM ods_raw_log_d_spark WHERE dt = '${cyctime}';"));
  g_assert_true (g_str_has_prefix (saved, original));

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static char *
saved_node_cron (const char *node_id)
{
  g_autofree char *path = g_build_filename (workspace_dir, "workflows", "user_profile_analysis_spark.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TribWorkflow) workflow = trib_workflow_load (file, "workflows/user_profile_analysis_spark.json", NULL);

  return g_strdup (trib_node_get_cron (trib_workflow_lookup_node (workflow, node_id)));
}

/* Replaces the text of the field named @name by typing, as a person does. */
static void
retype (GtkWidget  *page,
        const char *name,
        const char *text)
{
  trib_ui_click (trib_ui_get (page, GTK_ACCESSIBLE_ROLE_TEXT_BOX, name));
  trib_ui_key ("ctrl+a");
  trib_ui_type (text);
  trib_ui_settle ();
}

/* In the node tab: a schedule with a mistake is not written, Save refuses and lists it;
 * corrected, it is saved; a property edit is undone by the tab's Undo. */
static void
test_properties_in_node_tab (void)
{
  TribWindow *window = trib_ui_open_window (workspace_dir);
  TribWorkflow *workflow = demo_workflow (window);
  GtkWidget *page = GTK_WIDGET (open_node_by_double_click (window, "workshop_start_spark"));
  AdwMessageDialog *dialog;
  g_autofree char *cron = NULL;
  g_auto(GStrv) problems = NULL;

  g_assert_nonnull (trib_ui_find (page, GTK_ACCESSIBLE_ROLE_LABEL, "Zero-Load Node"));
  retype (page, "Cron Expression", "00 61 00 * * ?");
  g_assert_cmpstr (trib_node_get_cron (trib_workflow_lookup_node (workflow, "workshop_start_spark")), ==,
                   "00 30 00 * * ?");
  problems = trib_node_page_flush_and_check (TRIB_NODE_PAGE (page));
  g_assert_cmpstr (problems[0], ==, "Schedule: cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59");
  g_assert_null (problems[1]);
  trib_ui_save_screenshots (GTK_WIDGET (window), "node-properties-in-tab");

  /* Ctrl+S refuses and says what to fix; the file keeps its schedule. */
  trib_ui_key ("ctrl+s");
  trib_ui_wait_until (message_dialog_shown, NULL, "the refusal to save");
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "“User profile analysis_Spark” Was Not Saved");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Fix these fields first:\n"
                   "Schedule: cron \"00 61 00 * * ?\": minute field \"61\": 61 is out of range 0-59");
  trib_ui_save_screenshot (GTK_WIDGET (dialog), "node-save-refused.png");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  trib_ui_settle ();
  cron = saved_node_cron ("workshop_start_spark");
  g_assert_cmpstr (cron, ==, "00 30 00 * * ?");
  g_clear_pointer (&cron, g_free);

  /* Corrected, it is an edit of the workflow, and Ctrl+S writes it. */
  retype (page, "Cron Expression", "00 45 00 * * ?");
  g_assert_cmpstr (trib_node_get_cron (trib_workflow_lookup_node (workflow, "workshop_start_spark")), ==,
                   "00 45 00 * * ?");
  g_assert_true (trib_workflow_is_modified (workflow));
  trib_ui_key ("ctrl+s");
  trib_ui_wait_until (not_modified, workflow, "the corrected schedule to be saved");
  cron = saved_node_cron ("workshop_start_spark");
  g_assert_cmpstr (cron, ==, "00 45 00 * * ?");

  /* The tab's Undo takes the property edit back, and the field follows. */
  trib_ui_click (trib_ui_get (page, GTK_ACCESSIBLE_ROLE_BUTTON, "Undo"));
  trib_ui_settle ();
  g_assert_cmpstr (trib_node_get_cron (trib_workflow_lookup_node (workflow, "workshop_start_spark")), ==,
                   "00 30 00 * * ?");
  {
    GtkWidget *field = trib_ui_get (page, GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Cron Expression");

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, "00 30 00 * * ?");
  }
  trib_ui_key ("ctrl+s");
  trib_ui_wait_until (not_modified, workflow, "the undone schedule to be saved");

  /* Closing the tab with a mistake in a field asks before dropping it. */
  retype (page, "Cron Expression", "00 30 25 * * ?");
  trib_ui_key ("ctrl+w");
  trib_ui_wait_until (message_dialog_shown, NULL, "the question before closing");
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Invalid Values?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "These fields hold values that cannot be saved:\nSchedule: cron \"00 30 25 * * ?\": "));
  adw_message_dialog_response (dialog, "cancel");
  trib_ui_settle ();
  g_assert_true (selected_tab_child (window) == page);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  trib_ui_key ("ctrl+w");
  trib_ui_wait_until (message_dialog_shown, NULL, "the question before closing, again");
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  trib_ui_settle ();
  g_assert_null (_trib_window_find_node_tab (window, workflow, "workshop_start_spark"));
  g_assert_cmpstr (trib_node_get_cron (trib_workflow_lookup_node (workflow, "workshop_start_spark")), ==,
                   "00 30 00 * * ?");
  g_assert_false (trib_workflow_is_modified (workflow));

  gtk_window_destroy (GTK_WINDOW (window));
  trib_ui_settle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  trib_ui_init (&argc, &argv);
  workspace_dir = trib_ui_make_demo_workspace ("ui-node-editors-XXXXXX");

  g_test_add_func ("/ui/node-editors/open-each-node", test_open_each_node);
  g_test_add_func ("/ui/node-editors/sql-editor", test_sql_editor);
  g_test_add_func ("/ui/node-editors/properties-in-node-tab", test_properties_in_node_tab);

  status = g_test_run ();
  trib_ui_shutdown ();
  return status;
}
