/* trib-workflow-validate.c: the rules a workflow file must keep, and their messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n.h>

#include "trib-diagnostic.h"
#include "trib-json.h"
#include "trib-workflow.h"
#include "trib-workflow-private.h"

static void
add_error (TribWorkflow *self,
           const char   *path,
           const char   *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
add_error (TribWorkflow *self,
           const char   *path,
           const char   *format,
           ...)
{
  g_autoptr(TribDiagnostic) diagnostic = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = trib_diagnostic_new (TRIB_SEVERITY_ERROR, self->display_path, path, message);
  g_list_store_append (self->diagnostics, diagnostic);
}

G_LOCK_DEFINE_STATIC (node_checks);
static GPtrArray *node_checks;

void
trib_workflow_register_node_check (TribNodeCheckFunc func)
{
  g_return_if_fail (func != NULL);

  G_LOCK (node_checks);
  if (node_checks == NULL)
    node_checks = g_ptr_array_new ();
  if (!g_ptr_array_find (node_checks, func, NULL))
    g_ptr_array_add (node_checks, func);
  G_UNLOCK (node_checks);
}

static void
run_registered_checks (TribWorkflow *self,
                       TribNode     *node,
                       const char   *path)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  G_LOCK (node_checks);
  if (node_checks)
    g_ptr_array_extend (checks, node_checks, NULL, NULL);
  G_UNLOCK (node_checks);

  for (guint i = 0; i < checks->len; i++)
    ((TribNodeCheckFunc) g_ptr_array_index (checks, i)) (node, problems);
  for (guint i = 0; i < problems->len; i++)
    add_error (self, path, "%s", (const char *) g_ptr_array_index (problems, i));
}

/* An integer member of a node, if present, within [minimum, maximum]. */
static void
check_int_member (TribWorkflow *self,
                  const char   *path,
                  JsonObject   *object,
                  const char   *member,
                  gint64        minimum,
                  gint64        maximum)
{
  JsonNode *value = object ? json_object_get_member (object, member) : NULL;
  g_autofree char *found = NULL;

  if (value == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (value);

      if (v >= minimum && v <= maximum)
        return;
    }
  found = trib_json_describe_value (value);
  add_error (self, path, _("%s: must be an integer from %" PRId64 " to %" PRId64 ", found %s"),
             member, minimum, maximum, found);
}

static void
check_node_settings (TribWorkflow *self,
                     TribNode     *node,
                     const char   *path)
{
  JsonObject *json = trib_node_get_json (node);
  JsonNode *value;

  /* The ranges the scheduler applies (trib-node.c), stated rather than silently clamped. */
  check_int_member (self, path, json, "rerunTimes", 0, 100);
  check_int_member (self, path, json, "rerunInterval", 0, 24 * 3600 * 1000);
  check_int_member (self, path, json, "timeout", 0, 24 * 7);

  value = json_object_get_member (json, "rerunMode");
  if (value != NULL)
    {
      const char *mode = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                         ? json_node_get_string (value) : NULL;

      if (mode == NULL || !(g_str_equal (mode, "Allowed") || g_str_equal (mode, "FailureAllowed") ||
                            g_str_equal (mode, "Denied")))
        {
          g_autofree char *found = trib_json_describe_value (value);

          add_error (self, path, _("rerunMode: must be \"Allowed\", \"FailureAllowed\" or \"Denied\", found %s"),
                     found);
        }
    }

  value = json_object_get_member (json, "script");
  if (value != NULL && !JSON_NODE_HOLDS_OBJECT (value))
    {
      g_autofree char *found = trib_json_describe_value (value);

      add_error (self, path, _("script: must be an object, found %s"), found);
      return;
    }
  if (value != NULL)
    {
      JsonObject *script = json_node_get_object (value);
      JsonNode *member = json_object_get_member (script, "parameters");

      if (member != NULL && !JSON_NODE_HOLDS_ARRAY (member))
        {
          g_autofree char *found = trib_json_describe_value (member);

          add_error (self, path, _("script.parameters: must be an array of {\"name\", \"value\"} objects, found %s"),
                     found);
        }
      member = json_object_get_member (script, "content");
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
          !(JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING))
        {
          g_autofree char *found = trib_json_describe_value (member);

          add_error (self, path, _("script.content: must be a string, found %s"), found);
        }
    }
}

static guint
node_position_in_file (TribWorkflow *self,
                       TribNode     *node)
{
  JsonArray *nodes = trib_json_object_get_array (_trib_workflow_spec_object (self), "nodes");

  for (guint i = 0; nodes && i < json_array_get_length (nodes); i++)
    {
      JsonNode *element = json_array_get_element (nodes, i);
      if (JSON_NODE_HOLDS_OBJECT (element) && json_node_get_object (element) == trib_node_get_json (node))
        return i;
    }
  return G_MAXUINT;
}

static void
check_nodes (TribWorkflow *self)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      guint pos = node_position_in_file (self, node);
      g_autofree char *path = g_strdup_printf ("spec.nodes[%u]", pos);
      const char *id = trib_node_get_id (node);
      const char *name = trib_node_get_name (node);
      TribNodeKind kind = trib_node_get_kind (node);
      gpointer other;

      if (g_hash_table_lookup_extended (ids, id, NULL, &other))
        add_error (self, path, _("duplicate node id \"%s\" (also spec.nodes[%u])"),
                   id, GPOINTER_TO_UINT (other));
      else
        g_hash_table_insert (ids, (gpointer) id, GUINT_TO_POINTER (pos));

      if (name && *name)
        {
          if (g_hash_table_lookup_extended (names, name, NULL, &other))
            add_error (self, path, _("duplicate node name \"%s\" (also spec.nodes[%u])"),
                       name, GPOINTER_TO_UINT (other));
          else
            g_hash_table_insert (names, (gpointer) name, GUINT_TO_POINTER (pos));
        }
      else if (json_object_has_member (trib_node_get_json (node), "name") &&
               !JSON_NODE_HOLDS_NULL (json_object_get_member (trib_node_get_json (node), "name")) &&
               name == NULL)
        {
          g_autofree char *found = trib_json_describe_value (json_object_get_member (trib_node_get_json (node), "name"));

          add_error (self, path, _("name: must be a string, found %s"), found);
        }
      else if (kind != TRIB_NODE_KIND_REFERENCE)
        add_error (self, path, _("node \"%s\" has no \"name\""), id);

      if (kind == TRIB_NODE_KIND_UNKNOWN)
        {
          const char *command = trib_node_get_command (node);

          if (command == NULL)
            add_error (self, path, _("node \"%s\" has no type (script.runtime.command)"), id);
          else
            add_error (self, path, _("unknown node type \"%s\""), command);
        }

      for (guint j = 0; j < trib_node_get_n_parameters (node); j++)
        {
          const char *pname = trib_node_get_parameter_name (node, j);

          if (pname == NULL || *pname == '\0')
            add_error (self, path, _("script.parameters[%u] has no \"name\""), j);
          else if (trib_node_get_parameter_value (node, j) == NULL)
            add_error (self, path, _("script.parameters[%u] (\"%s\") has no \"value\""), j, pname);
        }

      if (kind == TRIB_NODE_KIND_DI)
        {
          const char *content = trib_node_get_content (node);
          g_autoptr(JsonNode) job = NULL;
          g_autoptr(GError) error = NULL;

          JsonObject *script = trib_json_object_get_object (trib_node_get_json (node), "script");
          JsonNode *member = script ? json_object_get_member (script, "content") : NULL;

          /* A content of the wrong type is reported by check_node_settings(). */
          if (member != NULL && !JSON_NODE_HOLDS_NULL (member) && content == NULL)
            ;
          else if (content == NULL || *content == '\0')
            add_error (self, path, _("sync node \"%s\" has no job (script.content is empty)"),
                       trib_node_get_display_name (node));
          else if (!(job = trib_json_parse (content, -1, "script.content", &error)))
            add_error (self, path, "%s", error->message);
          else if (!JSON_NODE_HOLDS_OBJECT (job))
            add_error (self, path, _("script.content: the sync job must be a JSON object"));
        }

      check_node_settings (self, node, path);
      run_registered_checks (self, node, path);
    }

  /* --node, depends and the app accept a node's name or its id: one that is another
   * node's id could mean either. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      const char *name = trib_node_get_name (node);
      guint pos = node_position_in_file (self, node);
      gpointer other;

      if (name && *name && g_hash_table_lookup_extended (ids, name, NULL, &other) &&
          GPOINTER_TO_UINT (other) != pos && !g_str_equal (name, trib_node_get_id (node)))
        {
          g_autofree char *path = g_strdup_printf ("spec.nodes[%u]", pos);

          add_error (self, path, _("name \"%s\" is the id of another node (spec.nodes[%u]): a reference to "
                                   "\"%s\" would be ambiguous"), name, GPOINTER_TO_UINT (other), name);
        }
    }
}

static gboolean
strv_contains (const char * const *strv,
               const char         *str)
{
  return strv != NULL && str != NULL && g_strv_contains (strv, str);
}

static TribNode *
lookup_node_by_output (TribWorkflow *self,
                       const char   *output)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      g_auto(GStrv) outputs = trib_node_dup_outputs (node);

      if (strv_contains ((const char * const *) outputs, output))
        return node;
    }
  return NULL;
}

static void
check_dependencies (TribWorkflow       *self,
                    const char * const *external_outputs)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->dependencies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribDependency) dep = g_list_model_get_item (G_LIST_MODEL (self->dependencies), i);
      const char *path = g_object_get_data (G_OBJECT (dep), "json-path");
      const char *node_id = trib_dependency_get_node_id (dep);
      const char *output = trib_dependency_get_output (dep);
      gboolean by_id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dep), "by-id"));

      if (path == NULL)
        path = "spec.flow";

      if (trib_workflow_lookup_node (self, node_id) == NULL)
        {
          g_autofree char *entry = g_strndup (path, strstr (path, ".depends") ? (gsize) (strstr (path, ".depends") - path) : strlen (path));
          add_error (self, entry, _("dependencies of a missing node \"%s\""), node_id);
          continue;
        }

      if (by_id)
        {
          const char *upstream = trib_dependency_get_upstream_id (dep);

          if (trib_workflow_lookup_node (self, upstream) == NULL)
            add_error (self, path, _("\"%s\" depends on missing node \"%s\""),
                       trib_node_get_display_name (trib_workflow_lookup_node (self, node_id)), upstream);
        }
      else
        {
          TribNode *upstream = lookup_node_by_output (self, output);

          if (upstream != NULL)
            _trib_dependency_set_upstream_id (dep, trib_node_get_id (upstream));
          else if (external_outputs != NULL && !strv_contains (external_outputs, output))
            add_error (self, path, _("\"%s\" depends on output \"%s\", which no node publishes"),
                       trib_node_get_display_name (trib_workflow_lookup_node (self, node_id)), output);
        }
    }
}

typedef enum { WHITE, GREY, BLACK } Colour;

static gboolean
find_cycle_from (TribWorkflow *self,
                 const char   *id,
                 GHashTable   *colours,
                 GPtrArray    *stack)
{
  g_autoptr(GPtrArray) upstream = NULL;

  g_hash_table_insert (colours, (gpointer) id, GINT_TO_POINTER (GREY));
  g_ptr_array_add (stack, (gpointer) id);

  upstream = trib_workflow_list_upstream (self, id);
  for (guint i = 0; i < upstream->len; i++)
    {
      TribNode *next = trib_workflow_lookup_node (self, g_ptr_array_index (upstream, i));
      const char *next_id = trib_node_get_id (next);
      Colour colour = GPOINTER_TO_INT (g_hash_table_lookup (colours, next_id));

      if (colour == GREY)
        {
          g_ptr_array_add (stack, (gpointer) next_id);
          return TRUE;
        }
      if (colour == WHITE && find_cycle_from (self, next_id, colours, stack))
        return TRUE;
    }

  g_hash_table_insert (colours, (gpointer) id, GINT_TO_POINTER (BLACK));
  g_ptr_array_remove_index (stack, stack->len - 1);
  return FALSE;
}

static void
check_cycles (TribWorkflow *self)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();
      const char *id = trib_node_get_id (node);

      if (GPOINTER_TO_INT (g_hash_table_lookup (colours, id)) != WHITE)
        continue;

      if (find_cycle_from (self, id, colours, stack))
        {
          /* The stack walks upstream and ends on the node that closes the loop; print
           * it in the direction the work flows, from that node round to itself. */
          const char *closing = g_ptr_array_index (stack, stack->len - 1);
          GString *text = g_string_new (NULL);
          guint start = 0;

          while (g_strcmp0 (g_ptr_array_index (stack, start), closing) != 0)
            start++;
          for (guint k = stack->len; k-- > start;)
            {
              TribNode *member = trib_workflow_lookup_node (self, g_ptr_array_index (stack, k));
              if (text->len)
                g_string_append (text, " → ");
              g_string_append (text, trib_node_get_display_name (member));
            }
          add_error (self, "spec.flow", _("dependency cycle: %s"), text->str);
          g_string_free (text, TRUE);

          /* Mark the whole cycle done so one loop is reported once. */
          for (guint k = 0; k < stack->len; k++)
            g_hash_table_insert (colours, g_ptr_array_index (stack, k), GINT_TO_POINTER (BLACK));
        }
    }
}

void
trib_workflow_collect_datasource_refs (TribWorkflow *self,
                                       TribNode     *node,
                                       GPtrArray    *names,
                                       GPtrArray    *paths)
{
  guint pos;
  const char *ds;

  g_return_if_fail (TRIB_IS_WORKFLOW (self));
  g_return_if_fail (TRIB_IS_NODE (node));

  pos = node_position_in_file (self, node);
  ds = trib_node_get_datasource (node);
  if (ds)
    {
      g_ptr_array_add (names, g_strdup (ds));
      g_ptr_array_add (paths, g_strdup_printf ("spec.nodes[%u].datasource", pos));
    }

  if (trib_node_get_kind (node) == TRIB_NODE_KIND_DI && trib_node_get_content (node))
    {
      g_autoptr(JsonNode) job = trib_json_parse (trib_node_get_content (node), -1, "", NULL);
      JsonObject *job_object = job && JSON_NODE_HOLDS_OBJECT (job) ? json_node_get_object (job) : NULL;
      JsonArray *steps = trib_json_object_get_array (job_object, "steps");

      for (guint i = 0; steps && i < json_array_get_length (steps); i++)
        {
          JsonNode *step = json_array_get_element (steps, i);
          JsonObject *parameter;
          const char *name;

          if (!JSON_NODE_HOLDS_OBJECT (step))
            continue;
          JsonArray *connection;

          parameter = trib_json_object_get_object (json_node_get_object (step), "parameter");
          name = trib_json_object_get_string (parameter, "datasource", NULL);
          if (name && *name)
            {
              g_ptr_array_add (names, g_strdup (name));
              g_ptr_array_add (paths, g_strdup_printf ("spec.nodes[%u].script.content: steps[%u].parameter.datasource", pos, i));
            }

          /* Readers may name the source again per connection entry. */
          connection = trib_json_object_get_array (parameter, "connection");
          for (guint k = 0; connection && k < json_array_get_length (connection); k++)
            {
              JsonNode *entry = json_array_get_element (connection, k);

              if (!JSON_NODE_HOLDS_OBJECT (entry))
                continue;
              name = trib_json_object_get_string (json_node_get_object (entry), "datasource", NULL);
              if (name && *name)
                {
                  g_ptr_array_add (names, g_strdup (name));
                  g_ptr_array_add (paths, g_strdup_printf ("spec.nodes[%u].script.content: steps[%u].parameter.connection[%u].datasource", pos, i, k));
                }
            }
        }
    }
}

static void
check_data_sources (TribWorkflow       *self,
                    const char * const *data_sources)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      trib_workflow_collect_datasource_refs (self, node, names, paths);
      for (guint k = 0; k < names->len; k++)
        if (!strv_contains (data_sources, g_ptr_array_index (names, k)))
          add_error (self, g_ptr_array_index (paths, k),
                     _("node \"%s\" uses data source \"%s\", which the workspace does not define"),
                     trib_node_get_display_name (node), (const char *) g_ptr_array_index (names, k));
    }
}

void
trib_workflow_validate (TribWorkflow       *self,
                        const char * const *data_sources,
                        const char * const *external_outputs)
{
  gboolean was_valid;

  g_return_if_fail (TRIB_IS_WORKFLOW (self));

  was_valid = trib_workflow_is_valid (self);

  g_list_store_remove_all (self->diagnostics);
  for (guint i = 0; i < self->parse_diagnostics->len; i++)
    g_list_store_append (self->diagnostics, g_ptr_array_index (self->parse_diagnostics, i));

  if (self->root != NULL)
    {
      check_nodes (self);
      check_dependencies (self, external_outputs);
      _trib_workflow_invalidate_neighbours (self);
      check_cycles (self);
      if (data_sources != NULL)
        check_data_sources (self, data_sources);
    }

  if (was_valid != trib_workflow_is_valid (self))
    _trib_workflow_notify_valid (self);
}
