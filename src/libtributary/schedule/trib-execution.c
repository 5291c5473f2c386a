/* trib-execution.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-execution-private.h"
#include "trib-json.h"

struct _TribWorkspaceSnapshot
{
  gatomicrefcount  ref_count;
  GFile           *directory;
  char            *id;
  char            *name;
  GPtrArray       *data_sources;
};

struct _TribExecution
{
  GObject                parent_instance;

  /* Immutable after construction. */
  TribWorkspaceSnapshot *workspace;
  TribNode              *node;
  TribParamSet          *parameters;
  char                  *code;
  char                  *bizdate;

  /* Set by the runner before an attempt starts, read by the executor during it. */
  gint64                 run_id;
  gint64                 instance_id;
  guint                  attempt;
  guint                  max_attempts;
  const TribExecutionSink *sink;
  gpointer               sink_data;

  GMutex                 mutex;
  double                 progress;
  char                  *summary;
  gboolean               failure_permanent;
  GString               *log;
};

G_DEFINE_FINAL_TYPE (TribExecution, trib_execution, G_TYPE_OBJECT)

TribNode *
_trib_node_copy (TribNode *node)
{
  g_autoptr(JsonNode) wrapper = json_node_alloc ();
  g_autoptr(JsonNode) copy = NULL;

  json_node_init_object (wrapper, trib_node_get_json (node));
  copy = trib_json_node_deep_copy (wrapper);
  return trib_node_new_for_json (json_node_get_object (copy));
}

TribWorkspaceSnapshot *
_trib_workspace_snapshot_new (TribWorkspace *workspace)
{
  TribWorkspaceSnapshot *snapshot = g_new0 (TribWorkspaceSnapshot, 1);
  g_autoptr(GListStore) ignored = g_list_store_new (G_TYPE_OBJECT);
  GListModel *sources;

  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->data_sources = g_ptr_array_new_with_free_func (g_object_unref);
  if (workspace == NULL)
    return snapshot;

  snapshot->directory = g_object_ref (trib_workspace_get_directory (workspace));
  snapshot->id = g_strdup (trib_workspace_get_id (workspace));
  snapshot->name = g_strdup (trib_workspace_get_name (workspace));

  sources = trib_workspace_get_data_sources (workspace);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TribDataSource) source = g_list_model_get_item (sources, i);
      g_autoptr(JsonNode) wrapper = json_node_alloc ();
      g_autoptr(JsonNode) copy = NULL;
      TribDataSource *source_copy;

      json_node_init_object (wrapper, trib_data_source_get_json (source));
      copy = trib_json_node_deep_copy (wrapper);
      source_copy = trib_data_source_new_from_json (json_node_get_object (copy), TRIB_WORKSPACE_FILE_NAME,
                                                    "datasources", ignored);
      if (source_copy)
        g_ptr_array_add (snapshot->data_sources, source_copy);
    }
  return snapshot;
}

TribWorkspaceSnapshot *
_trib_workspace_snapshot_ref (TribWorkspaceSnapshot *snapshot)
{
  g_atomic_ref_count_inc (&snapshot->ref_count);
  return snapshot;
}

void
_trib_workspace_snapshot_unref (TribWorkspaceSnapshot *snapshot)
{
  if (!g_atomic_ref_count_dec (&snapshot->ref_count))
    return;
  g_clear_object (&snapshot->directory);
  g_free (snapshot->id);
  g_free (snapshot->name);
  g_ptr_array_unref (snapshot->data_sources);
  g_free (snapshot);
}

static void
trib_execution_finalize (GObject *object)
{
  TribExecution *self = (TribExecution *) object;

  g_clear_pointer (&self->workspace, _trib_workspace_snapshot_unref);
  g_clear_object (&self->node);
  g_clear_object (&self->parameters);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->bizdate, g_free);
  g_clear_pointer (&self->summary, g_free);
  if (self->log)
    g_string_free (self->log, TRUE);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (trib_execution_parent_class)->finalize (object);
}

static void
trib_execution_class_init (TribExecutionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_execution_finalize;
}

static void
trib_execution_init (TribExecution *self)
{
  g_mutex_init (&self->mutex);
  self->progress = -1.0;
  self->attempt = 1;
  self->max_attempts = 1;
}

TribExecution *
_trib_execution_new_for_run (TribWorkspaceSnapshot *snapshot,
                             TribNode              *node_copy,
                             TribParamSet          *parameters,
                             const char            *code)
{
  TribExecution *self = g_object_new (TRIB_TYPE_EXECUTION, NULL);
  TribParamContext *context = trib_param_set_get_context (parameters);

  self->workspace = _trib_workspace_snapshot_ref (snapshot);
  self->node = g_object_ref (node_copy);
  self->parameters = g_object_ref (parameters);
  self->code = g_strdup (code ? code : "");
  self->bizdate = context ? trib_param_context_dup_bizdate (context) : g_strdup ("");
  return self;
}

TribExecution *
trib_execution_new (TribWorkspace  *workspace,
                    TribNode       *node,
                    TribParamSet   *parameters,
                    GError        **error)
{
  g_autoptr(TribWorkspaceSnapshot) snapshot = NULL;
  g_autoptr(TribNode) copy = NULL;
  g_autofree char *code = NULL;
  TribExecution *self;

  g_return_val_if_fail (workspace == NULL || TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRIB_IS_NODE (node), NULL);
  g_return_val_if_fail (TRIB_IS_PARAM_SET (parameters), NULL);

  code = trib_param_set_substitute (parameters, trib_node_get_content (node), error);
  if (code == NULL)
    return NULL;

  snapshot = _trib_workspace_snapshot_new (workspace);
  copy = _trib_node_copy (node);
  self = _trib_execution_new_for_run (snapshot, copy, parameters, code);
  self->log = g_string_new (NULL);
  return self;
}

void
_trib_execution_set_sink (TribExecution           *self,
                          const TribExecutionSink *sink,
                          gpointer                 data)
{
  self->sink = sink;
  self->sink_data = data;
}

void
_trib_execution_set_ids (TribExecution *self,
                         gint64         run_id,
                         gint64         instance_id)
{
  self->run_id = run_id;
  self->instance_id = instance_id;
}

void
_trib_execution_set_attempt (TribExecution *self,
                             guint          attempt,
                             guint          max_attempts)
{
  self->attempt = attempt;
  self->max_attempts = max_attempts;
  g_mutex_lock (&self->mutex);
  self->progress = -1.0;
  g_clear_pointer (&self->summary, g_free);
  self->failure_permanent = FALSE;
  g_mutex_unlock (&self->mutex);
}

void
trib_execution_set_failure_permanent (TribExecution *self)
{
  g_return_if_fail (TRIB_IS_EXECUTION (self));
  g_mutex_lock (&self->mutex);
  self->failure_permanent = TRUE;
  g_mutex_unlock (&self->mutex);
}

gboolean
trib_execution_get_failure_permanent (TribExecution *self)
{
  gboolean permanent;

  g_return_val_if_fail (TRIB_IS_EXECUTION (self), FALSE);
  g_mutex_lock (&self->mutex);
  permanent = self->failure_permanent;
  g_mutex_unlock (&self->mutex);
  return permanent;
}

TribNode *
trib_execution_get_node (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);
  return self->node;
}

TribParamSet *
trib_execution_get_parameters (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);
  return self->parameters;
}

const char *
trib_execution_get_code (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);
  return self->code;
}

TribDataSource *
trib_execution_lookup_data_source (TribExecution *self,
                                   const char    *name)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);

  for (guint i = 0; i < self->workspace->data_sources->len; i++)
    {
      TribDataSource *source = g_ptr_array_index (self->workspace->data_sources, i);

      if (g_strcmp0 (trib_data_source_get_name (source), name) == 0)
        return source;
    }
  return NULL;
}

GFile *
trib_execution_get_workspace_directory (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);
  return self->workspace->directory;
}

const char *
trib_execution_get_workspace_id (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);
  return self->workspace->id;
}

const char *
trib_execution_get_workspace_name (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);
  return self->workspace->name;
}

const char *
trib_execution_get_bizdate (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);
  return self->bizdate;
}

gint64
trib_execution_get_run_id (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), 0);
  return self->run_id;
}

gint64
trib_execution_get_instance_id (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), 0);
  return self->instance_id;
}

guint
trib_execution_get_attempt (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), 0);
  return self->attempt;
}

guint
trib_execution_get_max_attempts (TribExecution *self)
{
  g_return_val_if_fail (TRIB_IS_EXECUTION (self), 0);
  return self->max_attempts;
}

void
trib_execution_log_text (TribExecution *self,
                         const char    *text)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  g_return_if_fail (TRIB_IS_EXECUTION (self));
  g_return_if_fail (text != NULL);

  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  /* "a\n" is one line, not two. */
  if (n > 1 && *lines[n - 1] == '\0')
    n--;

  for (guint i = 0; i < n; i++)
    {
      if (self->sink)
        self->sink->log (self->sink_data, self, lines[i]);
      else
        {
          g_mutex_lock (&self->mutex);
          g_string_append (self->log, lines[i]);
          g_string_append_c (self->log, '\n');
          g_mutex_unlock (&self->mutex);
        }
    }
}

void
trib_execution_log (TribExecution *self,
                    const char    *format,
                    ...)
{
  g_autofree char *text = NULL;
  va_list args;

  g_return_if_fail (TRIB_IS_EXECUTION (self));

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  trib_execution_log_text (self, text);
}

void
trib_execution_set_progress (TribExecution *self,
                             double         fraction)
{
  g_return_if_fail (TRIB_IS_EXECUTION (self));

  if (fraction > 1.0)
    fraction = 1.0;
  if (fraction < 0.0)
    fraction = -1.0;

  g_mutex_lock (&self->mutex);
  self->progress = fraction;
  g_mutex_unlock (&self->mutex);

  if (self->sink)
    self->sink->progress (self->sink_data, self, fraction);
}

double
trib_execution_get_progress (TribExecution *self)
{
  double fraction;

  g_return_val_if_fail (TRIB_IS_EXECUTION (self), -1.0);

  g_mutex_lock (&self->mutex);
  fraction = self->progress;
  g_mutex_unlock (&self->mutex);
  return fraction;
}

void
trib_execution_set_summary (TribExecution *self,
                            const char    *summary)
{
  g_return_if_fail (TRIB_IS_EXECUTION (self));

  g_mutex_lock (&self->mutex);
  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_mutex_unlock (&self->mutex);
}

char *
trib_execution_dup_summary (TribExecution *self)
{
  char *summary;

  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);

  g_mutex_lock (&self->mutex);
  summary = g_strdup (self->summary);
  g_mutex_unlock (&self->mutex);
  return summary;
}

char *
trib_execution_dup_log (TribExecution *self)
{
  char *text;

  g_return_val_if_fail (TRIB_IS_EXECUTION (self), NULL);

  g_mutex_lock (&self->mutex);
  text = g_strdup (self->log ? self->log->str : "");
  g_mutex_unlock (&self->mutex);
  return text;
}
