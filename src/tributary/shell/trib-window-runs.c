/* trib-window-runs.c: the window's part in runs (toolbar, runs panel, notifications,
 * closing with runs going)
 *
 * The run controls live in src/tributary/runs/; this only places them in the window
 * and keeps them pointed at the open workspace and the selected workflow tab.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-application.h"
#include "trib-preferences-window.h"
#include "trib-run-controller.h"
#include "trib-run-toolbar.h"
#include "trib-runs-panel.h"
#include "trib-window-private.h"
#include "trib-run-state-style.h"
#include "trib-workflow-page.h"

typedef struct
{
  TribRunController *controller;
  /* Controllers of earlier loads of the workspace, kept until their runs end. */
  GPtrArray         *retiring;
  TribRunToolbar    *toolbar;
  TribRunsPanel     *panel;
  GtkPaned          *panel_paned;
  gboolean           close_when_idle;
  gboolean           asking;
  /* The in-app scheduler (Preferences), for the open workspace. */
  GSettings         *settings;
  TribScheduler     *scheduler;
  GCancellable      *scheduler_cancellable;
} WindowRuns;

static void stop_scheduler (WindowRuns *runs);

static void
window_runs_free (WindowRuns *runs)
{
  stop_scheduler (runs);
  if (runs->settings)
    g_signal_handlers_disconnect_matched (runs->settings, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, runs);
  g_clear_object (&runs->settings);
  if (runs->controller)
    g_signal_handlers_disconnect_matched (runs->controller, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, runs);
  g_clear_object (&runs->controller);
  g_clear_pointer (&runs->retiring, g_ptr_array_unref);
  g_free (runs);
}

static WindowRuns *
get_runs (TribWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "trib-window-runs");
}

gpointer
_trib_window_get_run_controller (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);

  return runs ? runs->controller : NULL;
}

GtkWidget *
_trib_window_get_run_toolbar (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);

  return runs ? GTK_WIDGET (runs->toolbar) : NULL;
}

GtkWidget *
_trib_window_get_runs_panel (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);

  return runs ? GTK_WIDGET (runs->panel) : NULL;
}

static TribWorkflow *
selected_workflow (TribWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  if (child != NULL && TRIB_IS_WORKFLOW_PAGE (child))
    return trib_workflow_page_get_workflow (TRIB_WORKFLOW_PAGE (child));
  return NULL;
}

static void
selected_page_cb (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  gboolean workflow_tab = page == NULL || TRIB_IS_WORKFLOW_PAGE (adw_tab_page_get_child (page));

  trib_run_toolbar_set_workflow (runs->toolbar, selected_workflow (self));

  /* Run, Stop, Backfill and the runs belong to workflows: a query tab has its own Run and
   * results, and a node tab gives its height to the editor. */
  gtk_widget_set_visible (GTK_WIDGET (runs->toolbar), workflow_tab);
  gtk_widget_set_visible (GTK_WIDGET (runs->panel), workflow_tab);
}

static AdwTabPage *
page_for_run (TribWindow *self,
              TribRun    *run)
{
  g_autofree char *stem = trib_workflow_dup_file_stem (trib_run_get_workflow (run));

  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      GtkWidget *child = adw_tab_page_get_child (page);
      g_autofree char *page_stem = NULL;

      if (!TRIB_IS_WORKFLOW_PAGE (child))
        continue;
      page_stem = trib_workflow_dup_file_stem (trib_workflow_page_get_workflow (TRIB_WORKFLOW_PAGE (child)));
      if (g_strcmp0 (stem, page_stem) == 0)
        return page;
    }
  return NULL;
}

static TribCanvas *
canvas_for_run (TribWindow *self,
                TribRun    *run)
{
  AdwTabPage *page = page_for_run (self, run);

  return page ? trib_workflow_page_get_canvas (TRIB_WORKFLOW_PAGE (adw_tab_page_get_child (page))) : NULL;
}

/* "Batch synchronization, Running 2 min 5 s" on the card, and its accessible description. */
static char *
describe_instance (TribNodeInstance *instance)
{
  TribNodeState state = trib_node_instance_get_state (instance);
  gint64 started = trib_node_instance_get_started (instance);
  gint64 ended = trib_node_instance_get_ended (instance);

  if (state == TRIB_NODE_STATE_RUNNING && trib_node_instance_get_progress (instance) > 0)
    return g_strdup_printf ("%d%%", (int) (trib_node_instance_get_progress (instance) * 100));
  /* How long it took, when that is worth saying. */
  if (started > 0 && ended - started >= G_USEC_PER_SEC &&
      (state == TRIB_NODE_STATE_SUCCESS || state == TRIB_NODE_STATE_FAILED))
    return trib_format_duration (ended - started);
  return NULL;
}

static void
show_instance (TribCanvas       *canvas,
               TribNodeInstance *instance)
{
  g_autofree char *detail = describe_instance (instance);

  trib_canvas_set_node_state (canvas, trib_node_instance_get_node_id (instance),
                              trib_node_instance_get_state (instance), detail);
}

/* The tab title says how the run goes, as DataWorks' does. */
static void
set_tab_title_for_run (AdwTabPage *page,
                       TribRun    *run)
{
  TribWorkflowPage *wp = TRIB_WORKFLOW_PAGE (adw_tab_page_get_child (page));
  g_autofree char *title = g_strdup_printf ("%s · %s", trib_workflow_get_name (trib_workflow_page_get_workflow (wp)),
                                            trib_run_state_get_label (trib_run_get_state (run)));

  adw_tab_page_set_title (page, title);
}

/* The tab says a run is going (a spinner), then how it ended (an icon). */
static void
run_started_cb (TribRunController *controller,
                TribRun           *run,
                TribWindow        *self)
{
  AdwTabPage *page = page_for_run (self, run);
  TribCanvas *canvas = canvas_for_run (self, run);
  GListModel *instances = trib_run_get_instances (run);

  if (page == NULL)
    return;
  adw_tab_page_set_loading (page, TRUE);
  adw_tab_page_set_indicator_icon (page, NULL);
  set_tab_title_for_run (page, run);
  trib_canvas_clear_node_states (canvas);
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, i);
      show_instance (canvas, instance);
    }
}

static void
node_state_changed_cb (TribRunController *controller,
                       TribRun           *run,
                       TribNodeInstance  *instance,
                       TribNodeState      old_state,
                       TribWindow        *self)
{
  TribCanvas *canvas = canvas_for_run (self, run);

  if (canvas)
    show_instance (canvas, instance);
}

static void
node_progress_cb (TribRunController *controller,
                  TribRun           *run,
                  TribNodeInstance  *instance,
                  double             fraction,
                  TribWindow        *self)
{
  TribCanvas *canvas = canvas_for_run (self, run);

  if (canvas && trib_node_instance_get_state (instance) == TRIB_NODE_STATE_RUNNING)
    show_instance (canvas, instance);
}

/* A run picked in the runs panel: its states on the canvas of its workflow. */
static void
panel_instances_changed_cb (GListModel *instances,
                            guint       position,
                            guint       removed,
                            guint       added,
                            TribWindow *self)
{
  TribWorkflowPage *page = _trib_window_get_current_workflow_page (self);
  TribCanvas *canvas;
  const char *shown = g_object_get_data (G_OBJECT (self), "trib-shown-run-workflow");

  if (page == NULL || shown == NULL ||
      g_strcmp0 (trib_workflow_get_name (trib_workflow_page_get_workflow (page)), shown) != 0)
    return;
  canvas = trib_workflow_page_get_canvas (page);
  trib_canvas_clear_node_states (canvas);
  for (guint i = 0; i < g_list_model_get_n_items (instances); i++)
    {
      g_autoptr(TribInstanceRecord) record = g_list_model_get_item (instances, i);
      trib_canvas_set_node_state (canvas, trib_instance_record_get_node_id (record),
                                  trib_instance_record_get_state (record), NULL);
    }
}

static void
panel_run_selected_cb (TribRunsPanel *panel,
                       gint64         run_id,
                       const char    *workflow_name,
                       TribWindow    *self)
{
  TribWorkflow *workflow = self->workspace ? trib_workspace_lookup_workflow (self->workspace, workflow_name) : NULL;

  g_object_set_data_full (G_OBJECT (self), "trib-shown-run-workflow", g_strdup (workflow_name), g_free);
  if (workflow)
    trib_window_show_workflow (self, workflow);
  panel_instances_changed_cb (_trib_runs_panel_get_instances (panel), 0, 0, 0, self);
}

static void
view_node_log_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TribWindow *self = user_data;
  WindowRuns *runs = get_runs (self);
  TribWorkflow *workflow = selected_workflow (self);
  TribRun *run = workflow && runs->controller ? trib_run_controller_lookup_run (runs->controller, workflow) : NULL;

  if (run)
    trib_runs_panel_select_run (runs->panel, trib_run_get_id (run));
  trib_runs_panel_select_node (runs->panel, g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (_trib_runs_panel_get_log_view (runs->panel));
}

static void
notify_run_ended (TribWindow *self,
                  TribRun    *run)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  const char *workflow = trib_workflow_get_name (trib_run_get_workflow (run));

  if (application == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;
  switch (trib_run_get_state (run))
    {
    case TRIB_RUN_STATE_SUCCESS:
      title = g_strdup_printf (_("%s succeeded for %s"), workflow, trib_run_get_bizdate (run));
      break;
    case TRIB_RUN_STATE_CANCELLED:
      title = g_strdup_printf (_("%s was cancelled for %s"), workflow, trib_run_get_bizdate (run));
      break;
    case TRIB_RUN_STATE_FAILED:
    case TRIB_RUN_STATE_INCOMPLETE:
    case TRIB_RUN_STATE_RUNNING:
    default:
      title = g_strdup_printf (_("%s failed for %s"), workflow, trib_run_get_bizdate (run));
      break;
    }
  notification = g_notification_new (title);
  if (trib_run_get_message (run))
    g_notification_set_body (notification, trib_run_get_message (run));
  g_notification_set_priority (notification, trib_run_get_state (run) == TRIB_RUN_STATE_SUCCESS
                                               ? G_NOTIFICATION_PRIORITY_NORMAL : G_NOTIFICATION_PRIORITY_HIGH);
  id = g_strdup_printf ("run-%" G_GINT64_FORMAT, trib_run_get_id (run));
  g_application_send_notification (application, id, notification);
  g_object_set_data_full (G_OBJECT (self), "trib-last-notification", g_strdup (title), g_free);
}

static void
run_finished_cb (TribRunController *controller,
                 TribRun           *run,
                 const char        *error_message,
                 TribWindow        *self)
{
  AdwTabPage *page = page_for_run (self, run);

  if (page != NULL)
    {
      TribRunState state = trib_run_get_state (run);
      g_autoptr(GIcon) icon = g_themed_icon_new (state == TRIB_RUN_STATE_SUCCESS ? "object-select-symbolic"
                                                 : state == TRIB_RUN_STATE_FAILED ? "dialog-error-symbolic"
                                                                                  : "process-stop-symbolic");

      adw_tab_page_set_loading (page, FALSE);
      adw_tab_page_set_indicator_icon (page, icon);
      set_tab_title_for_run (page, run);
      adw_tab_page_set_indicator_tooltip (page, trib_run_state_get_label (state));
    }
  notify_run_ended (self, run);
}

static void
start_failed_cb (TribRunController *controller,
                 TribWorkflow      *workflow,
                 const char        *message,
                 TribWindow        *self)
{
  trib_window_add_toast (self, message);
}

static void
n_active_cb (TribRunController *controller,
             GParamSpec        *pspec,
             TribWindow        *self)
{
  WindowRuns *runs = get_runs (self);

  if (runs->close_when_idle && _trib_window_get_n_active_runs (self) == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static void
retired_idle_cb (TribRunController *controller,
                 GParamSpec        *pspec,
                 TribWindow        *self)
{
  WindowRuns *runs = get_runs (self);

  if (trib_run_controller_get_n_active (controller) > 0)
    return;
  g_signal_handlers_disconnect_by_data (controller, self);
  g_ptr_array_remove (runs->retiring, controller);
  if (runs->close_when_idle && _trib_window_get_n_active_runs (self) == 0)
    gtk_window_close (GTK_WINDOW (self));
}

guint
_trib_window_get_n_active_runs (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);
  guint n = 0;

  if (runs == NULL)
    return 0;
  if (runs->scheduler)
    n += trib_scheduler_get_n_active (runs->scheduler);
  if (runs->controller)
    n += trib_run_controller_get_n_active (runs->controller);
  for (guint i = 0; i < runs->retiring->len; i++)
    n += trib_run_controller_get_n_active (g_ptr_array_index (runs->retiring, i));
  return n;
}

/* The in-app scheduler */

static void
stop_scheduler (WindowRuns *runs)
{
  if (runs->scheduler_cancellable)
    g_cancellable_cancel (runs->scheduler_cancellable);
  g_clear_object (&runs->scheduler_cancellable);
  if (runs->scheduler == NULL)
    return;
  g_signal_handlers_disconnect_matched (runs->scheduler, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, runs);
  /* Its runs are cancelled and recorded; the object lives until they are. */
  trib_scheduler_stop (runs->scheduler);
  g_clear_object (&runs->scheduler);
}

static void
scheduler_problem_cb (TribScheduler *scheduler,
                      const char    *message,
                      TribWindow    *self)
{
  trib_window_add_toast (self, message);
}

static void
scheduler_started_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TribWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!trib_scheduler_start_finish (TRIB_SCHEDULER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Scheduled workflows will not fire: %s"), error->message);

      trib_window_add_toast (self, message);
    }
}

/* Inside a sandbox the app cannot install a systemd service: it asks the Background
 * portal to go on running when its window is closed, and to start at login. */
static void
request_background (TribWindow *self)
{
  g_autoptr(GDBusConnection) bus = NULL;
  GVariantBuilder options;
  const char *commandline[] = { "tributary", NULL };

  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Scheduled workflows fire while Tributary runs in the background")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, NULL, NULL);
}

static void
update_scheduler (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);
  TribWorkspace *workspace = trib_window_get_workspace (self);
  gboolean wanted = runs->settings != NULL && workspace != NULL &&
                    g_settings_get_boolean (runs->settings, "scheduler-in-app");
  g_autoptr(GFile) directory = NULL;

  if (runs->scheduler && (!wanted || !g_file_equal (g_object_get_data (G_OBJECT (runs->scheduler), "trib-directory"),
                                                     trib_workspace_get_directory (workspace))))
    stop_scheduler (runs);
  if (!wanted || runs->scheduler)
    return;

  directory = g_object_ref (trib_workspace_get_directory (workspace));
  runs->scheduler = trib_scheduler_new (directory, NULL);
  g_object_set_data_full (G_OBJECT (runs->scheduler), "trib-directory", g_object_ref (directory), g_object_unref);
  g_signal_connect_object (runs->scheduler, "problem", G_CALLBACK (scheduler_problem_cb), self, 0);
  runs->scheduler_cancellable = g_cancellable_new ();
  trib_scheduler_start_async (runs->scheduler, runs->scheduler_cancellable, scheduler_started_cb,
                              g_object_ref (self));
  request_background (self);
}

static void
scheduler_setting_cb (GSettings  *settings,
                      const char *key,
                      TribWindow *self)
{
  update_scheduler (self);
}

gpointer
_trib_window_get_scheduler (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);

  return runs ? runs->scheduler : NULL;
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TribWindow *self = user_data;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = TRIB_IS_APPLICATION (application) ? trib_application_get_settings (TRIB_APPLICATION (application))
                                                           : NULL;

  gtk_window_present (GTK_WINDOW (trib_preferences_window_new (GTK_WINDOW (self), settings)));
}

void
_trib_window_runs_set_workspace (TribWindow    *self,
                                 TribWorkspace *workspace)
{
  WindowRuns *runs = get_runs (self);

  if (runs == NULL)
    return;
  if (runs->controller && trib_run_controller_get_workspace (runs->controller) == workspace)
    return;
  if (runs->controller)
    {
      g_signal_handlers_disconnect_by_data (runs->controller, self);
      /* Runs still going finish in the background, and still end in a notification. */
      if (trib_run_controller_get_n_active (runs->controller) > 0)
        {
          g_signal_connect_object (runs->controller, "notify::n-active", G_CALLBACK (retired_idle_cb), self, 0);
          g_signal_connect_object (runs->controller, "run-finished", G_CALLBACK (run_finished_cb), self, 0);
          g_ptr_array_add (runs->retiring, g_object_ref (runs->controller));
        }
      g_clear_object (&runs->controller);
    }
  if (workspace)
    {
      runs->controller = trib_run_controller_new (workspace);
      g_signal_connect_object (runs->controller, "run-started", G_CALLBACK (run_started_cb), self, 0);
      g_signal_connect_object (runs->controller, "node-state-changed", G_CALLBACK (node_state_changed_cb), self, 0);
      g_signal_connect_object (runs->controller, "node-progress", G_CALLBACK (node_progress_cb), self, 0);
      g_signal_connect_object (runs->controller, "run-finished", G_CALLBACK (run_finished_cb), self, 0);
      g_signal_connect_object (runs->controller, "start-failed", G_CALLBACK (start_failed_cb), self, 0);
      g_signal_connect_object (runs->controller, "notify::n-active", G_CALLBACK (n_active_cb), self, 0);
    }
  trib_run_toolbar_set_controller (runs->toolbar, runs->controller);
  trib_runs_panel_set_controller (runs->panel, runs->controller);
  trib_run_toolbar_set_workflow (runs->toolbar, selected_workflow (self));

  /* The application is known by now (not yet when the window is built). */
  if (runs->settings == NULL && TRIB_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    {
      runs->settings = g_object_ref (trib_application_get_settings (TRIB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))));
      g_signal_connect_object (runs->settings, "changed::scheduler-in-app", G_CALLBACK (scheduler_setting_cb), self, 0);
    }
  update_scheduler (self);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TribWindow       *self)
{
  WindowRuns *runs = get_runs (self);

  runs->asking = FALSE;
  if (g_str_equal (response, "stop"))
    {
      runs->close_when_idle = TRUE;
      if (runs->controller)
        trib_run_controller_stop_all (runs->controller);
      for (guint i = 0; i < runs->retiring->len; i++)
        trib_run_controller_stop_all (g_ptr_array_index (runs->retiring, i));
      if (_trib_window_get_n_active_runs (self) == 0)
        gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "keep"))
    {
      g_autofree char *message = NULL;

      runs->close_when_idle = TRUE;
      message = g_strdup (_("The window will close when the runs end"));
      trib_window_add_toast (self, message);
    }
}

gboolean
_trib_window_runs_close_request (TribWindow *self)
{
  WindowRuns *runs = get_runs (self);
  guint n = _trib_window_get_n_active_runs (self);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (runs == NULL || n == 0 || runs->close_when_idle)
    return n > 0 && runs != NULL;
  if (runs->asking)
    return TRUE;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u run is still going. Closing the window stops it.",
                                       "%u runs are still going. Closing the window stops them.", n),
                          n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Stop Runs?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Open Until They End"),
                                    "stop", _("_Stop Runs and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  runs->asking = TRUE;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
_trib_window_init_runs (TribWindow *self)
{
  WindowRuns *runs = g_new0 (WindowRuns, 1);
  GtkWidget *tabs_box = gtk_widget_get_parent (GTK_WIDGET (self->tab_view));
  GtkWidget *content = gtk_paned_get_end_child (self->paned);

  runs->retiring = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_set_data_full (G_OBJECT (self), "trib-window-runs", runs, (GDestroyNotify) window_runs_free);

  /* Run, Stop and Backfill above the workflow tabs, for the selected workflow; the canvas
   * can host the same toolbar (or use its run.* actions) once it exists. */
  runs->toolbar = TRIB_RUN_TOOLBAR (trib_run_toolbar_new ());
  gtk_box_insert_child_after (GTK_BOX (tabs_box), GTK_WIDGET (runs->toolbar),
                              gtk_widget_get_first_child (tabs_box));

  /* The runs panel under the tabs, in a pane the user can resize. */
  runs->panel = TRIB_RUNS_PANEL (trib_runs_panel_new ());
  runs->panel_paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_VERTICAL));
  g_object_ref (content);
  gtk_paned_set_end_child (self->paned, GTK_WIDGET (runs->panel_paned));
  gtk_paned_set_start_child (runs->panel_paned, content);
  g_object_unref (content);
  gtk_paned_set_end_child (runs->panel_paned, GTK_WIDGET (runs->panel));
  gtk_paned_set_resize_end_child (runs->panel_paned, FALSE);
  gtk_paned_set_shrink_end_child (runs->panel_paned, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (runs->panel), -1, 240);

  g_signal_connect_object (self->tab_view, "notify::selected-page", G_CALLBACK (selected_page_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (runs->panel, "run-selected", G_CALLBACK (panel_run_selected_cb), self, 0);
  g_signal_connect_object (_trib_runs_panel_get_instances (runs->panel), "items-changed",
                           G_CALLBACK (panel_instances_changed_cb), self, 0);
  /* The canvas's node menu reaches Run This Node and Run With Descendants here. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "run", trib_run_toolbar_get_action_group (runs->toolbar));

  {
    static const GActionEntry entries[] = {
      { "preferences", preferences_cb, NULL, NULL, NULL, { 0 } },
      { "view-node-log", view_node_log_action, "s", NULL, NULL, { 0 } },
    };

    g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  }
}
