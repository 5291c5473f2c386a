/* trib-run.c: the run object, its signals and its log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-history-private.h"
#include "trib-run-private.h"
#include "trib-runner-private.h"

G_DEFINE_FINAL_TYPE (TribRun, trib_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint _trib_run_signals[TRIB_RUN_N_SIGNALS];

typedef struct
{
  TribNodeInstance *instance;
  char             *line;      /* NULL: a progress report */
  double            progress;
} Event;

static void
event_free (gpointer data)
{
  Event *event = data;

  g_object_unref (event->instance);
  g_free (event->line);
  g_free (event);
}

static void
trib_run_dispose (GObject *object)
{
  TribRun *self = (TribRun *) object;

  g_mutex_lock (&self->events_mutex);
  if (self->events_source)
    {
      g_source_destroy (self->events_source);
      g_clear_pointer (&self->events_source, g_source_unref);
    }
  g_queue_clear_full (&self->events, event_free);
  g_mutex_unlock (&self->events_mutex);

  G_OBJECT_CLASS (trib_run_parent_class)->dispose (object);
}

static void
trib_run_finalize (GObject *object)
{
  TribRun *self = (TribRun *) object;

  g_clear_object (&self->runner);
  g_clear_object (&self->history);
  g_clear_object (&self->workflow);
  g_clear_pointer (&self->snapshot, _trib_workspace_snapshot_unref);
  g_clear_pointer (&self->workflow_stem, g_free);
  g_clear_pointer (&self->workflow_name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->backfill_id, g_free);
  g_clear_pointer (&self->cyctime, g_date_time_unref);
  g_clear_pointer (&self->bizdate, g_free);
  g_clear_pointer (&self->cyctime_text, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_object (&self->instance_store);
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->by_node, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_queue_clear (&self->newly_ready);
  g_queue_clear (&self->ready);
  g_mutex_clear (&self->events_mutex);

  G_OBJECT_CLASS (trib_run_parent_class)->finalize (object);
}

static void
trib_run_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TribRun *self = TRIB_RUN (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_run_class_init (TribRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trib_run_dispose;
  object_class->finalize = trib_run_finalize;
  object_class->get_property = trib_run_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TRIB_TYPE_RUN_STATE, TRIB_RUN_STATE_RUNNING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _trib_run_signals[TRIB_RUN_SIGNAL_NODE_STATE_CHANGED] =
    g_signal_new ("node-state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TRIB_TYPE_NODE_INSTANCE, TRIB_TYPE_NODE_STATE);
  _trib_run_signals[TRIB_RUN_SIGNAL_NODE_LOG] =
    g_signal_new ("node-log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TRIB_TYPE_NODE_INSTANCE, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  _trib_run_signals[TRIB_RUN_SIGNAL_NODE_PROGRESS] =
    g_signal_new ("node-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TRIB_TYPE_NODE_INSTANCE, G_TYPE_DOUBLE);
}

static void
trib_run_init (TribRun *self)
{
  self->instance_store = g_list_store_new (TRIB_TYPE_NODE_INSTANCE);
  self->instances = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_node = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->events_mutex);
  g_queue_init (&self->events);
  g_queue_init (&self->newly_ready);
  g_queue_init (&self->ready);
}

TribRun *
_trib_run_new (TribRunner         *runner,
               TribHistory        *history,
               TribWorkflow       *workflow,
               const TribRunSetup *setup)
{
  TribRun *self = g_object_new (TRIB_TYPE_RUN, NULL);
  GTimeZone *zone = g_date_time_get_timezone (setup->cyctime);
  TribCivilTime fields;

  self->runner = g_object_ref (runner);
  self->history = g_object_ref (history);
  self->workflow = g_object_ref (workflow);
  self->workflow_stem = g_strdup (setup->workflow_stem);
  self->workflow_name = g_strdup (trib_workflow_get_name (workflow));
  self->kind = g_strdup (setup->kind ? setup->kind : "manual");
  self->scope = g_strdup (setup->scope);
  self->backfill_id = g_strdup (setup->backfill_id);
  self->cyctime = g_date_time_ref (setup->cyctime);
  self->max_parallel = MAX (setup->max_parallel, 1);
  self->default_timeout_ms = setup->default_timeout_ms;
  self->rerun = setup->rerun;
  self->timezone = g_strdup (g_time_zone_get_identifier (zone));

  trib_civil_from_date_time (setup->cyctime, &fields);
  self->cyctime_text = trib_civil_format_date_time (&fields);
  trib_civil_date_from_days (trib_civil_days_from_date (fields.year, fields.month, fields.day) - 1,
                             &fields.year, &fields.month, &fields.day);
  self->bizdate = trib_civil_format_date (&fields);
  return self;
}

void
_trib_run_add_instance (TribRun          *self,
                        TribNodeInstance *instance)
{
  instance->run = self;
  g_ptr_array_add (self->instances, g_object_ref (instance));
  g_list_store_append (self->instance_store, instance);
  g_hash_table_insert (self->by_node, instance->node_id, instance);
  if (!g_hash_table_contains (self->by_node, instance->node_name))
    g_hash_table_insert (self->by_node, instance->node_name, instance);
}

void
_trib_run_link (TribRun          *self,
                TribNodeInstance *upstream,
                TribNodeInstance *downstream)
{
  if (g_ptr_array_find (upstream->downstream, downstream, NULL))
    return;
  g_ptr_array_add (upstream->downstream, downstream);
  g_ptr_array_add (downstream->upstream, upstream);
}

GPtrArray *
_trib_run_get_instance_array (TribRun *self)
{
  return self->instances;
}

void
_trib_run_set_id (TribRun *self,
                  gint64   id)
{
  self->id = id;
}

const char *
_trib_run_get_workflow_stem (TribRun *self)
{
  return self->workflow_stem;
}

const char *
_trib_run_get_kind (TribRun *self)
{
  return self->kind;
}

const char *
_trib_run_get_scope (TribRun *self)
{
  return self->scope;
}

const char *
_trib_run_get_backfill_id (TribRun *self)
{
  return self->backfill_id;
}

const char *
_trib_run_get_cyctime_text (TribRun *self)
{
  return self->cyctime_text;
}

const char *
_trib_run_get_timezone (TribRun *self)
{
  return self->timezone;
}

/* Log lines carry the local wall time, as a person reading the log expects. */
static char *
stamp (const char *line)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");

  return g_strdup_printf ("%s.%03d  %s", time, g_date_time_get_microsecond (now) / 1000, line);
}

void
_trib_run_log (TribRun          *self,
               TribNodeInstance *instance,
               const char       *format,
               ...)
{
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  line = stamp (text);
  _trib_history_append_log (self->history, instance->id, line);
  g_signal_emit (self, _trib_run_signals[TRIB_RUN_SIGNAL_NODE_LOG], 0, instance, line);
}

void
_trib_run_drain_events (TribRun *self)
{
  GQueue events = G_QUEUE_INIT;
  Event *event;

  g_mutex_lock (&self->events_mutex);
  events = self->events;
  g_queue_init (&self->events);
  if (self->events_source)
    {
      g_source_destroy (self->events_source);
      g_clear_pointer (&self->events_source, g_source_unref);
    }
  g_mutex_unlock (&self->events_mutex);

  while ((event = g_queue_pop_head (&events)))
    {
      if (event->line)
        g_signal_emit (self, _trib_run_signals[TRIB_RUN_SIGNAL_NODE_LOG], 0, event->instance, event->line);
      else if (event->instance->state == TRIB_NODE_STATE_RUNNING)
        {
          _trib_node_instance_set_progress (event->instance, event->progress);
          g_signal_emit (self, _trib_run_signals[TRIB_RUN_SIGNAL_NODE_PROGRESS], 0,
                         event->instance, event->progress);
        }
      event_free (event);
    }
}

static gboolean
drain_events_cb (gpointer user_data)
{
  _trib_run_drain_events (user_data);
  return G_SOURCE_REMOVE;
}

/* From a worker thread. */
static void
push_event (TribRun          *self,
            TribNodeInstance *instance,
            char             *line,
            double            progress)
{
  Event *event = g_new0 (Event, 1);

  event->instance = g_object_ref (instance);
  event->line = line;
  event->progress = progress;

  g_mutex_lock (&self->events_mutex);
  g_queue_push_tail (&self->events, event);
  if (self->events_source == NULL)
    {
      self->events_source = g_idle_source_new ();
      g_source_set_priority (self->events_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->events_source, drain_events_cb, g_object_ref (self), g_object_unref);
      g_source_attach (self->events_source, self->context);
    }
  g_mutex_unlock (&self->events_mutex);
}

static void
sink_log (gpointer       data,
          TribExecution *execution,
          const char    *line)
{
  TribNodeInstance *instance = data;
  TribRun *self = instance->run;
  char *stamped = stamp (line);

  _trib_history_append_log (self->history, instance->id, stamped);
  push_event (self, instance, stamped, 0.0);
}

static void
sink_progress (gpointer       data,
               TribExecution *execution,
               double         fraction)
{
  TribNodeInstance *instance = data;

  push_event (instance->run, instance, NULL, fraction);
}

const TribExecutionSink _trib_run_execution_sink = {
  sink_log,
  sink_progress,
};

void
_trib_run_set_state (TribRun      *self,
                     TribRunState  state,
                     const char   *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TribRun) self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) error = NULL;

  if (self->cancellable && self->cancelled_id)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  if (!_trib_history_flush_finish (TRIB_HISTORY (object), result, &error))
    {
      g_prefix_error (&error, _("run %" PRId64 ": "), self->id);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (self->state == TRIB_RUN_STATE_SUCCESS)
    g_task_return_boolean (task, TRUE);
  else if (self->state == TRIB_RUN_STATE_CANCELLED)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", self->message);
  else
    g_task_return_new_error (task, TRIB_ERROR, TRIB_ERROR_FAILED, "%s", self->message);
}

/* The run is over: its final state is set and its history rows written; tell the
 * caller once the history has them on disk. */
void
_trib_run_complete (TribRun *self)
{
  _trib_runner_run_finished (self->runner, self);
  _trib_history_flush_async (self->history, NULL, flushed_cb, g_object_ref (self));
}

static gboolean
cancel_in_context_cb (gpointer user_data)
{
  _trib_run_cancel_all (user_data);
  return G_SOURCE_REMOVE;
}

/* May come from any thread. */
static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  TribRun *self = user_data;

  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, cancel_in_context_cb,
                              g_object_ref (self), g_object_unref);
}

static gboolean
begin_cb (gpointer user_data)
{
  _trib_run_begin (user_data);
  return G_SOURCE_REMOVE;
}

void
trib_run_start_async (TribRun             *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRIB_IS_RUN (self));
  g_return_if_fail (!self->started);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trib_run_start_async);
  /* A cancelled run still settles every instance and writes its history first. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->id == 0)
    {
      g_task_return_new_error (task, TRIB_ERROR, TRIB_ERROR_INVALID, _("a planned run cannot be started"));
      return;
    }

  self->context = g_main_context_ref_thread_default ();
  self->task = g_steal_pointer (&task);
  self->started = TRUE;
  if (cancellable)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
    }

  _trib_runner_run_started (self->runner, self);

  /* Every signal comes from the main context, the first one too. */
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, begin_cb,
                              g_object_ref (self), g_object_unref);
}

gboolean
trib_run_start_finish (TribRun       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_run_cancel (TribRun *self)
{
  g_return_if_fail (TRIB_IS_RUN (self));

  _trib_run_cancel_all (self);
}

gboolean
trib_run_cancel_node (TribRun     *self,
                      const char  *node,
                      GError     **error)
{
  TribNodeInstance *instance;

  g_return_val_if_fail (TRIB_IS_RUN (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  instance = g_hash_table_lookup (self->by_node, node);
  if (instance == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                   _("run %" PRId64 " has no node \"%s\""), self->id, node);
      return FALSE;
    }
  return _trib_run_cancel_one (self, instance, error);
}

gint64
trib_run_get_id (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), 0);
  return self->id;
}

TribWorkflow *
trib_run_get_workflow (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), NULL);
  return self->workflow;
}

const char *
trib_run_get_bizdate (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), NULL);
  return self->bizdate;
}

GDateTime *
trib_run_get_cyctime (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), NULL);
  return self->cyctime;
}

TribRunState
trib_run_get_state (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), TRIB_RUN_STATE_FAILED);
  return self->state;
}

const char *
trib_run_get_message (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), NULL);
  return self->message;
}

GListModel *
trib_run_get_instances (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), NULL);
  return G_LIST_MODEL (self->instance_store);
}

TribNodeInstance *
trib_run_lookup_instance (TribRun    *self,
                          const char *node)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), NULL);
  return node ? g_hash_table_lookup (self->by_node, node) : NULL;
}

guint
trib_run_get_n_settled (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), 0);
  return self->n_settled;
}

const char *
trib_run_get_kind (TribRun *self)
{
  g_return_val_if_fail (TRIB_IS_RUN (self), NULL);
  return self->kind;
}
