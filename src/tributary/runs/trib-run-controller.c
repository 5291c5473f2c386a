/* trib-run-controller.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-run-controller.h"

struct _TribRunController
{
  GObject        parent_instance;

  TribWorkspace *workspace;
  TribHistory   *history;
  TribRunner    *runner;
  GCancellable  *cancellable;
  GListStore    *runs;
  GPtrArray     *active;
  GPtrArray     *backfills;
  guint          n_creating;
};

G_DEFINE_FINAL_TYPE (TribRunController, trib_run_controller, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HISTORY,
  PROP_N_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_RUN_STARTED,
  SIGNAL_NODE_STATE_CHANGED,
  SIGNAL_NODE_PROGRESS,
  SIGNAL_NODE_LOG,
  SIGNAL_RUN_FINISHED,
  SIGNAL_START_FAILED,
  SIGNAL_BACKFILL_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
trib_run_controller_dispose (GObject *object)
{
  TribRunController *self = TRIB_RUN_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->active)
    for (guint i = 0; i < self->active->len; i++)
      {
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->active, i), self);
        trib_run_cancel (g_ptr_array_index (self->active, i));
      }
  if (self->backfills)
    for (guint i = 0; i < self->backfills->len; i++)
      {
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->backfills, i), self);
        trib_backfill_cancel (g_ptr_array_index (self->backfills, i));
      }
  g_clear_pointer (&self->active, g_ptr_array_unref);
  g_clear_pointer (&self->backfills, g_ptr_array_unref);
  g_clear_object (&self->runs);
  g_clear_object (&self->runner);
  g_clear_object (&self->history);
  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (trib_run_controller_parent_class)->dispose (object);
}

static void
trib_run_controller_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TribRunController *self = TRIB_RUN_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_N_ACTIVE:
      g_value_set_uint (value, trib_run_controller_get_n_active (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_run_controller_class_init (TribRunControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = trib_run_controller_dispose;
  object_class->get_property = trib_run_controller_get_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, TRIB_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ACTIVE] =
    g_param_spec_uint ("n-active", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RUN_STARTED] = g_signal_new ("run-started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, TRIB_TYPE_RUN);
  signals[SIGNAL_NODE_STATE_CHANGED] = g_signal_new ("node-state-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                                     NULL, G_TYPE_NONE, 3, TRIB_TYPE_RUN, TRIB_TYPE_NODE_INSTANCE,
                                                     TRIB_TYPE_NODE_STATE);
  signals[SIGNAL_NODE_PROGRESS] = g_signal_new ("node-progress", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 3, TRIB_TYPE_RUN, TRIB_TYPE_NODE_INSTANCE,
                                                G_TYPE_DOUBLE);
  signals[SIGNAL_NODE_LOG] = g_signal_new ("node-log", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 3, TRIB_TYPE_RUN, TRIB_TYPE_NODE_INSTANCE, G_TYPE_STRING);
  signals[SIGNAL_RUN_FINISHED] = g_signal_new ("run-finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, TRIB_TYPE_RUN, G_TYPE_STRING);
  signals[SIGNAL_START_FAILED] = g_signal_new ("start-failed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, TRIB_TYPE_WORKFLOW, G_TYPE_STRING);
  signals[SIGNAL_BACKFILL_STARTED] = g_signal_new ("backfill-started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                                   NULL, G_TYPE_NONE, 1, TRIB_TYPE_BACKFILL);
}

static void
trib_run_controller_init (TribRunController *self)
{
  self->cancellable = g_cancellable_new ();
  self->runs = g_list_store_new (TRIB_TYPE_RUN);
  self->active = g_ptr_array_new_with_free_func (g_object_unref);
  self->backfills = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
history_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TribRunController) self = user_data;
  g_autoptr(GError) error = NULL;
  TribHistory *history = trib_history_open_finish (result, &error);

  if (history == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }
  if (self->workspace == NULL)
    {
      g_object_unref (history);
      return;
    }
  self->history = history;
  self->runner = trib_runner_new (self->workspace, self->history);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

TribRunController *
trib_run_controller_new (TribWorkspace *workspace)
{
  TribRunController *self;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRIB_TYPE_RUN_CONTROLLER, NULL);
  self->workspace = g_object_ref (workspace);
  trib_history_open_async (trib_workspace_get_state_directory (workspace), self->cancellable,
                           history_opened_cb, g_object_ref (self));
  return self;
}

TribWorkspace *
trib_run_controller_get_workspace (TribRunController *self)
{
  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), NULL);
  return self->workspace;
}

TribHistory *
trib_run_controller_get_history (TribRunController *self)
{
  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), NULL);
  return self->history;
}

TribRunner *
trib_run_controller_get_runner (TribRunController *self)
{
  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), NULL);
  return self->runner;
}

GListModel *
trib_run_controller_get_runs (TribRunController *self)
{
  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->runs);
}

guint
trib_run_controller_get_n_active (TribRunController *self)
{
  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), 0);
  return self->active->len + self->backfills->len + self->n_creating;
}

static void
notify_n_active (TribRunController *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACTIVE]);
}

TribRun *
trib_run_controller_lookup_run (TribRunController *self,
                                TribWorkflow      *workflow)
{
  guint n;

  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), NULL);

  for (guint i = self->active->len; i > 0; i--)
    if (trib_run_get_workflow (g_ptr_array_index (self->active, i - 1)) == workflow)
      return g_ptr_array_index (self->active, i - 1);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(TribRun) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i - 1);

      if (trib_run_get_workflow (run) == workflow)
        return run;
    }
  return NULL;
}

gboolean
trib_run_controller_is_running (TribRunController *self,
                                TribWorkflow      *workflow)
{
  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), FALSE);

  for (guint i = 0; i < self->active->len; i++)
    if (trib_run_get_workflow (g_ptr_array_index (self->active, i)) == workflow)
      return TRUE;
  return FALSE;
}

static void
node_state_changed_cb (TribRun           *run,
                       TribNodeInstance  *instance,
                       TribNodeState      old_state,
                       TribRunController *self)
{
  g_signal_emit (self, signals[SIGNAL_NODE_STATE_CHANGED], 0, run, instance, old_state);
}

static void
node_progress_cb (TribRun           *run,
                  TribNodeInstance  *instance,
                  double             fraction,
                  TribRunController *self)
{
  g_signal_emit (self, signals[SIGNAL_NODE_PROGRESS], 0, run, instance, fraction);
}

static void
node_log_cb (TribRun           *run,
             TribNodeInstance  *instance,
             const char        *line,
             TribRunController *self)
{
  g_signal_emit (self, signals[SIGNAL_NODE_LOG], 0, run, instance, line);
}

static void
track_run (TribRunController *self,
           TribRun           *run)
{
  g_ptr_array_add (self->active, g_object_ref (run));
  g_list_store_append (self->runs, run);
  g_signal_connect (run, "node-state-changed", G_CALLBACK (node_state_changed_cb), self);
  g_signal_connect (run, "node-progress", G_CALLBACK (node_progress_cb), self);
  g_signal_connect (run, "node-log", G_CALLBACK (node_log_cb), self);
  g_signal_emit (self, signals[SIGNAL_RUN_STARTED], 0, run);
  notify_n_active (self);
}

static void
untrack_run (TribRunController *self,
             TribRun           *run,
             const GError      *error)
{
  g_autoptr(TribRun) held = g_object_ref (run);

  g_signal_handlers_disconnect_by_data (run, self);
  g_ptr_array_remove (self->active, run);
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, run, error ? error->message : NULL);
  notify_n_active (self);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TribRunController) self = user_data;
  g_autoptr(GError) error = NULL;

  trib_run_start_finish (TRIB_RUN (object), result, &error);
  if (self->active == NULL)
    return;
  untrack_run (self, TRIB_RUN (object), error);
}

typedef struct
{
  TribRunController *self;
  TribWorkflow      *workflow;
} StartData;

static void
start_data_free (StartData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->workflow);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StartData, start_data_free)

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StartData) data = user_data;
  TribRunController *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = NULL;

  run = trib_runner_create_run_finish (TRIB_RUNNER (object), result, &error);
  if (self->active == NULL)
    return;
  self->n_creating--;
  if (run == NULL)
    {
      notify_n_active (self);
      g_signal_emit (self, signals[SIGNAL_START_FAILED], 0, data->workflow, error->message);
      return;
    }
  track_run (self, run);
  /* The run has its own cancellation (trib_run_cancel()), which Stop uses. */
  trib_run_start_async (run, NULL, run_done_cb, g_object_ref (self));
}

void
trib_run_controller_start (TribRunController    *self,
                           TribWorkflow         *workflow,
                           const TribRunOptions *options)
{
  StartData *data;

  g_return_if_fail (TRIB_IS_RUN_CONTROLLER (self));
  g_return_if_fail (TRIB_IS_WORKFLOW (workflow));

  if (self->runner == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_START_FAILED], 0, workflow,
                     _("The run history is still being opened; try again in a moment"));
      return;
    }
  data = g_new0 (StartData, 1);
  data->self = g_object_ref (self);
  data->workflow = g_object_ref (workflow);
  self->n_creating++;
  notify_n_active (self);
  /* No cancellable: once the history has the run, it must start to be settled there. */
  trib_runner_create_run_async (self->runner, workflow, options, NULL, created_cb, data);
}

void
trib_run_controller_stop (TribRunController *self,
                          TribRun           *run)
{
  g_return_if_fail (TRIB_IS_RUN_CONTROLLER (self));
  g_return_if_fail (TRIB_IS_RUN (run));

  trib_run_cancel (run);
}

void
trib_run_controller_stop_workflow (TribRunController *self,
                                   TribWorkflow      *workflow)
{
  g_return_if_fail (TRIB_IS_RUN_CONTROLLER (self));

  for (guint i = 0; i < self->active->len; i++)
    if (trib_run_get_workflow (g_ptr_array_index (self->active, i)) == workflow)
      trib_run_cancel (g_ptr_array_index (self->active, i));
}

void
trib_run_controller_stop_all (TribRunController *self)
{
  g_return_if_fail (TRIB_IS_RUN_CONTROLLER (self));

  for (guint i = 0; i < self->backfills->len; i++)
    trib_backfill_cancel (g_ptr_array_index (self->backfills, i));
  for (guint i = 0; i < self->active->len; i++)
    trib_run_cancel (g_ptr_array_index (self->active, i));
}

static void
backfill_run_created_cb (TribBackfill      *backfill,
                         TribRun           *run,
                         TribRunController *self)
{
  /* Marked first: views told of the run may treat backfill dates apart. */
  g_object_set_data (G_OBJECT (run), "trib-backfill", backfill);
  track_run (self, run);
}

static void
backfill_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TribRunController) self = user_data;
  TribBackfill *backfill = TRIB_BACKFILL (object);

  trib_backfill_start_finish (backfill, result, NULL);
  if (self->backfills == NULL)
    return;
  g_signal_handlers_disconnect_by_data (backfill, self);
  g_ptr_array_remove (self->backfills, backfill);
  notify_n_active (self);
}

/* A backfill's date runs end without telling us through run_done_cb: watch their state. */
static void
backfill_date_finished_cb (TribBackfill      *backfill,
                           const char        *bizdate,
                           TribRunState       state,
                           const char        *message,
                           TribRunController *self)
{
  for (guint i = 0; i < self->active->len; i++)
    {
      TribRun *run = g_ptr_array_index (self->active, i);

      if (g_object_get_data (G_OBJECT (run), "trib-backfill") == backfill &&
          g_strcmp0 (trib_run_get_bizdate (run), bizdate) == 0)
        {
          g_autoptr(GError) error = NULL;

          if (state != TRIB_RUN_STATE_SUCCESS)
            error = g_error_new_literal (TRIB_ERROR, TRIB_ERROR_FAILED, message ? message : "");
          untrack_run (self, run, error);
          return;
        }
    }
}

void
trib_run_controller_start_backfill (TribRunController *self,
                                    TribBackfill      *backfill)
{
  g_return_if_fail (TRIB_IS_RUN_CONTROLLER (self));
  g_return_if_fail (TRIB_IS_BACKFILL (backfill));

  g_ptr_array_add (self->backfills, g_object_ref (backfill));
  g_signal_connect (backfill, "run-created", G_CALLBACK (backfill_run_created_cb), self);
  g_signal_connect (backfill, "date-finished", G_CALLBACK (backfill_date_finished_cb), self);
  g_signal_emit (self, signals[SIGNAL_BACKFILL_STARTED], 0, backfill);
  notify_n_active (self);
  trib_backfill_start_async (backfill, NULL, backfill_done_cb, g_object_ref (self));
}

char *
trib_run_controller_dup_default_bizdate (TribRunController *self)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) yesterday = NULL;

  g_return_val_if_fail (TRIB_IS_RUN_CONTROLLER (self), NULL);

  zone = trib_workspace_dup_timezone (self->workspace);
  now = g_date_time_new_now (zone);
  yesterday = g_date_time_add_days (now, -1);
  return g_date_time_format (yesterday, "%Y%m%d");
}
