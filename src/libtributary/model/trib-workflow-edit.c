/* trib-workflow-edit.c: canvas edits as operations on the FlowSpec document
 *
 * Each operation checks everything first, then changes the JSON document (the source of
 * truth, so unknown members survive) and rebuilds the models from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-graph-layout.h"
#include "trib-json.h"
#include "trib-node-private.h"
#include "trib-workflow-edit.h"
#include "trib-workflow-private.h"

#define LAST_EDIT_KEY "trib-last-edit"
#define MERGE_KEY "trib-last-edit-merge-key"

static JsonArray *
spec_array (TribWorkflow *self,
            const char   *member)
{
  JsonObject *spec = _trib_workflow_spec_object (self);
  JsonArray *array;

  if (spec == NULL)
    return NULL;
  array = trib_json_object_get_array (spec, member);
  if (array == NULL)
    {
      array = json_array_new ();
      json_object_set_array_member (spec, member, array);
    }
  return array;
}

static gboolean
check_editable (TribWorkflow  *self,
                GError       **error)
{
  if (_trib_workflow_spec_object (self) == NULL ||
      trib_json_object_get_array (_trib_workflow_spec_object (self), "nodes") == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("%s cannot be edited until its problems are fixed in the file"),
                   trib_workflow_get_display_path (self));
      return FALSE;
    }
  return TRUE;
}

/* Before changing the document: positions the canvas holds (moved or laid out) go into
 * it, so that rebuilding the models keeps them. */
static void
begin_edit (TribWorkflow *self)
{
  GListModel *nodes = trib_workflow_get_nodes (self);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      _trib_node_pin_position (node);
    }
  _trib_workflow_store_positions (self);
}

static void
end_edit_merging (TribWorkflow *self,
                  const char   *label,
                  const char   *merge_key)
{
  g_object_set_data_full (G_OBJECT (self), LAST_EDIT_KEY, g_strdup (label), g_free);
  g_object_set_data_full (G_OBJECT (self), MERGE_KEY, g_strdup (merge_key), g_free);
  _trib_workflow_reparse (self);
  _trib_workflow_edited (self);
}

static void
end_edit (TribWorkflow *self,
          const char   *label)
{
  end_edit_merging (self, label, NULL);
}

const char *
trib_workflow_get_last_edit (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), LAST_EDIT_KEY);
}

/* Called by trib_workflow_replace_text(): a reload is not an edit of the user's. */
void
_trib_workflow_clear_last_edit (TribWorkflow *self)
{
  g_object_set_data (G_OBJECT (self), LAST_EDIT_KEY, NULL);
  g_object_set_data (G_OBJECT (self), MERGE_KEY, NULL);
}

const char *
trib_workflow_get_last_edit_merge_key (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), MERGE_KEY);
}

static char *
strip_reference (const char *ref)
{
  gsize len;

  if (ref == NULL)
    return NULL;
  len = strlen (ref);
  if (len >= 4 && g_str_has_prefix (ref, "{{") && g_str_has_suffix (ref, "}}"))
    return g_strstrip (g_strndup (ref + 2, len - 4));
  return g_strdup (ref);
}

static char *
root_output (TribWorkflow *self)
{
  const char *workspace = trib_workflow_get_workspace_name (self);

  return workspace ? g_strconcat (workspace, "_root", NULL) : NULL;
}

static char *
default_output (TribWorkflow *self,
                const char   *node_name)
{
  const char *workspace = trib_workflow_get_workspace_name (self);

  return workspace ? g_strconcat (workspace, ".", node_name, NULL) : NULL;
}

/* Does the depends[] entry @dep name @node (by id or by one of its outputs)? */
static gboolean
dependency_names_node (JsonObject *dep,
                       TribNode   *node)
{
  g_autofree char *id = strip_reference (trib_json_object_get_string (dep, "nodeId", NULL));
  const char *output = trib_json_object_get_string (dep, "output", NULL);
  g_auto(GStrv) outputs = NULL;

  if (id && *id)
    return g_strcmp0 (id, trib_node_get_id (node)) == 0;
  if (output == NULL)
    return FALSE;
  outputs = trib_node_dup_outputs (node);
  return outputs && g_strv_contains ((const char * const *) outputs, output);
}

static JsonObject *
find_flow_entry (TribWorkflow *self,
                 const char   *node_id,
                 guint        *index)
{
  JsonArray *flow = trib_json_object_get_array (_trib_workflow_spec_object (self), "flow");

  for (guint i = 0; flow && i < json_array_get_length (flow); i++)
    {
      JsonNode *element = json_array_get_element (flow, i);
      g_autofree char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      id = strip_reference (trib_json_object_get_string (json_node_get_object (element), "nodeId", NULL));
      if (g_strcmp0 (id, node_id) == 0)
        {
          if (index)
            *index = i;
          return json_node_get_object (element);
        }
    }
  return NULL;
}

static JsonArray *
ensure_depends (TribWorkflow *self,
                const char   *node_id)
{
  JsonObject *entry = find_flow_entry (self, node_id, NULL);
  JsonArray *depends;

  if (entry == NULL)
    {
      entry = json_object_new ();
      json_object_set_string_member (entry, "nodeId", node_id);
      json_array_add_object_element (spec_array (self, "flow"), entry);
    }
  depends = trib_json_object_get_array (entry, "depends");
  if (depends == NULL)
    {
      depends = json_array_new ();
      json_object_set_array_member (entry, "depends", depends);
    }
  return depends;
}

static void
add_depends (JsonArray  *depends,
             const char *member,
             const char *value)
{
  JsonObject *dep = json_object_new ();

  json_object_set_string_member (dep, member, value);
  json_object_set_string_member (dep, "type", "Normal");
  json_array_add_object_element (depends, dep);
}

static void
remove_depends_on_root (TribWorkflow *self,
                        JsonArray    *depends)
{
  g_autofree char *root = root_output (self);

  for (guint i = json_array_get_length (depends); root && i-- > 0;)
    {
      JsonNode *element = json_array_get_element (depends, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (trib_json_object_get_string (json_node_get_object (element), "output", NULL), root) == 0)
        json_array_remove_element (depends, i);
    }
}

/* DataWorks' rule: a node with nothing upstream depends on the workspace root. */
static void
depend_on_root_if_alone (TribWorkflow *self,
                         const char   *node_id)
{
  g_autofree char *root = root_output (self);
  JsonObject *entry = find_flow_entry (self, node_id, NULL);
  JsonArray *depends = entry ? trib_json_object_get_array (entry, "depends") : NULL;

  if (root == NULL)
    return;
  if (depends && json_array_get_length (depends) > 0)
    return;
  add_depends (ensure_depends (self, node_id), "output", root);
}

static gboolean
name_char_allowed (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_' || c == '.';
}

gboolean
trib_workflow_check_node_name (TribWorkflow  *self,
                               const char    *name,
                               const char    *except_id,
                               GError       **error)
{
  TribNode *existing;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Enter a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("The name is not valid UTF-8"));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > TRIB_NODE_NAME_MAX_CHARS)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("The name is longer than %d characters"), TRIB_NODE_NAME_MAX_CHARS);
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!name_char_allowed (c))
        {
          char text[8] = { 0 };

          g_unichar_to_utf8 (c, text);
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       c == ' ' ? _("A node name cannot contain spaces; use \"_\" instead")
                                : _("A node name cannot contain \"%s\": use letters, digits, \"_\" and \".\""),
                       text);
          return FALSE;
        }
    }

  existing = trib_workflow_lookup_node_by_name (self, name);
  if (existing && g_strcmp0 (trib_node_get_id (existing), except_id) != 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                   _("This workflow already has a node named \"%s\""), name);
      return FALSE;
    }
  /* An id equal to another node's name would make "--node NAME" ambiguous. */
  existing = trib_workflow_lookup_node (self, name);
  if (existing && g_strcmp0 (trib_node_get_id (existing), except_id) != 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                   _("This workflow already has a node whose id is \"%s\""), name);
      return FALSE;
    }
  return TRUE;
}

static char *
unique_id (TribWorkflow *self,
           const char   *name)
{
  if (trib_workflow_lookup_node (self, name) == NULL && trib_workflow_lookup_node_by_name (self, name) == NULL)
    return g_strdup (name);
  for (guint n = 2;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s_%u", name, n);

      if (trib_workflow_lookup_node (self, candidate) == NULL &&
          trib_workflow_lookup_node_by_name (self, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}

static void
set_default_output (TribWorkflow *self,
                    JsonObject   *node,
                    const char   *name)
{
  g_autofree char *output = default_output (self, name);
  JsonObject *outputs;
  JsonArray *list;
  JsonObject *entry;

  if (output == NULL)
    return;
  outputs = json_object_new ();
  list = json_array_new ();
  entry = json_object_new ();
  json_object_set_string_member (entry, "data", output);
  json_object_set_string_member (entry, "artifactType", "NodeOutput");
  json_object_set_boolean_member (entry, "isDefault", TRUE);
  json_array_add_object_element (list, entry);
  json_object_set_array_member (outputs, "nodeOutputs", list);
  json_object_set_object_member (node, "outputs", outputs);
}

static void
set_script_path (TribWorkflow *self,
                 JsonObject   *node,
                 const char   *name)
{
  JsonObject *script = trib_json_object_get_object (node, "script");
  g_autofree char *path = NULL;

  if (script == NULL)
    return;
  path = g_strconcat (trib_workflow_get_name (self), "/", name, NULL);
  trib_json_object_put_string (script, "path", path);
}

static void
set_position_member (TribWorkflow *self,
                     const char   *id,
                     double        x,
                     double        y)
{
  JsonObject *positions = _trib_workflow_canvas_positions (self, TRUE);
  JsonObject *pos = trib_json_object_ensure_object (positions, id);

  trib_json_object_put_int (pos, "x", (gint64) (x < 0 ? x - 0.5 : x + 0.5));
  trib_json_object_put_int (pos, "y", (gint64) (y < 0 ? y - 0.5 : y + 0.5));
}

TribNode *
trib_workflow_create_node (TribWorkflow  *self,
                           TribNodeKind   kind,
                           const char    *name,
                           double         x,
                           double         y,
                           GError       **error)
{
  g_autoptr(TribNode) node = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);

  if (kind != TRIB_NODE_KIND_VIRTUAL && kind != TRIB_NODE_KIND_DI && kind != TRIB_NODE_KIND_EMR_SPARK_SQL)
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_UNSUPPORTED, _("Unknown node type"));
      return NULL;
    }
  if (!check_editable (self, error) || !trib_workflow_check_node_name (self, name, NULL, error))
    return NULL;

  begin_edit (self);
  id = unique_id (self, name);
  node = trib_node_new (id, name, kind);
  object = trib_node_get_json (node);
  set_script_path (self, object, name);
  set_default_output (self, object, name);
  json_array_add_object_element (spec_array (self, "nodes"), json_object_ref (object));
  set_position_member (self, id, x, y);
  depend_on_root_if_alone (self, id);
  end_edit (self, _("Create Node"));

  return g_object_ref (trib_workflow_lookup_node (self, id));
}

TribNode *
trib_workflow_duplicate_node (TribWorkflow  *self,
                              const char    *id,
                              GError       **error)
{
  TribNode *original;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *new_id = NULL;
  JsonObject *object;
  double x = 0, y = 0;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);

  if (!check_editable (self, error))
    return NULL;
  original = trib_workflow_lookup_node (self, id);
  if (original == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""), id);
      return NULL;
    }

  for (guint n = 1;; n++)
    {
      g_free (name);
      name = n == 1 ? g_strconcat (trib_node_get_display_name (original), "_copy", NULL)
                    : g_strdup_printf ("%s_copy%u", trib_node_get_display_name (original), n);
      if (g_utf8_strlen (name, -1) > TRIB_NODE_NAME_MAX_CHARS)
        {
          g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                               _("The copy's name would be too long; rename the node first"));
          return NULL;
        }
      if (trib_workflow_check_node_name (self, name, NULL, NULL))
        break;
    }

  begin_edit (self);
  trib_node_get_position (original, &x, &y);
  new_id = unique_id (self, name);
  copy = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (copy, json_object_ref (trib_node_get_json (original)));
  copy = json_node_copy (copy);
  object = json_node_get_object (copy);
  trib_json_object_put_string (object, "id", new_id);
  trib_json_object_put_string (object, "name", name);
  json_object_remove_member (object, "inputs");
  set_script_path (self, object, name);
  set_default_output (self, object, name);
  json_array_add_object_element (spec_array (self, "nodes"), json_object_ref (object));
  set_position_member (self, new_id, x + 40, y + 40);
  depend_on_root_if_alone (self, new_id);
  end_edit (self, _("Duplicate"));

  return g_object_ref (trib_workflow_lookup_node (self, new_id));
}

gboolean
trib_workflow_remove_nodes (TribWorkflow       *self,
                            const char * const *ids,
                            GError            **error)
{
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *nodes, *flow;
  JsonObject *positions;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  for (guint i = 0; ids && ids[i]; i++)
    {
      TribNode *node = trib_workflow_lookup_node (self, ids[i]);

      if (node == NULL)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""), ids[i]);
          return FALSE;
        }
      g_ptr_array_add (removed, g_object_ref (node));
    }
  if (removed->len == 0)
    return TRUE;

  begin_edit (self);
  nodes = spec_array (self, "nodes");
  flow = spec_array (self, "flow");
  positions = _trib_workflow_canvas_positions (self, FALSE);

  for (guint r = 0; r < removed->len; r++)
    {
      TribNode *node = removed->pdata[r];
      const char *id = trib_node_get_id (node);
      guint index;

      for (guint i = json_array_get_length (nodes); i-- > 0;)
        {
          JsonNode *element = json_array_get_element (nodes, i);
          if (JSON_NODE_HOLDS_OBJECT (element) && json_node_get_object (element) == trib_node_get_json (node))
            json_array_remove_element (nodes, i);
        }
      if (find_flow_entry (self, id, &index))
        json_array_remove_element (flow, index);
      if (positions && json_object_has_member (positions, id))
        json_object_remove_member (positions, id);

      /* Edges from it into the nodes that stay. */
      for (guint i = 0; i < json_array_get_length (flow); i++)
        {
          JsonNode *element = json_array_get_element (flow, i);
          JsonArray *depends;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          depends = trib_json_object_get_array (json_node_get_object (element), "depends");
          for (guint j = depends ? json_array_get_length (depends) : 0; j-- > 0;)
            {
              JsonNode *dep = json_array_get_element (depends, j);

              if (JSON_NODE_HOLDS_OBJECT (dep) && dependency_names_node (json_node_get_object (dep), node))
                {
                  json_array_remove_element (depends, j);
                  g_hash_table_add (touched,
                                    strip_reference (trib_json_object_get_string (json_node_get_object (element),
                                                                                  "nodeId", NULL)));
                }
            }
        }
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    depend_on_root_if_alone (self, key);

  end_edit (self, removed->len == 1 ? _("Delete Node") : _("Delete Nodes"));
  return TRUE;
}

gboolean
trib_workflow_rename_node (TribWorkflow  *self,
                           const char    *id,
                           const char    *name,
                           GError       **error)
{
  TribNode *node;
  g_autofree char *old_output = NULL;
  g_autofree char *new_output = NULL;
  JsonArray *outputs, *flow;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  node = trib_workflow_lookup_node (self, id);
  if (node == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""), id);
      return FALSE;
    }
  if (g_strcmp0 (trib_node_get_name (node), name) == 0)
    return TRUE;
  if (!trib_workflow_check_node_name (self, name, id, error))
    return FALSE;

  begin_edit (self);
  old_output = default_output (self, trib_node_get_display_name (node));
  new_output = default_output (self, name);
  trib_json_object_put_string (trib_node_get_json (node), "name", name);
  set_script_path (self, trib_node_get_json (node), name);

  /* The default output follows the name, and so does every "depends" written with it. */
  outputs = trib_json_object_get_array (trib_json_object_get_object (trib_node_get_json (node), "outputs"),
                                        "nodeOutputs");
  for (guint i = 0; old_output && outputs && i < json_array_get_length (outputs); i++)
    {
      JsonNode *element = json_array_get_element (outputs, i);
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      if (g_strcmp0 (trib_json_object_get_string (entry, "data", NULL), old_output) == 0)
        trib_json_object_put_string (entry, "data", new_output);
    }

  flow = trib_json_object_get_array (_trib_workflow_spec_object (self), "flow");
  for (guint i = 0; old_output && flow && i < json_array_get_length (flow); i++)
    {
      JsonNode *element = json_array_get_element (flow, i);
      JsonArray *depends;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      depends = trib_json_object_get_array (json_node_get_object (element), "depends");
      for (guint j = 0; depends && j < json_array_get_length (depends); j++)
        {
          JsonNode *dep = json_array_get_element (depends, j);

          if (JSON_NODE_HOLDS_OBJECT (dep) &&
              g_strcmp0 (trib_json_object_get_string (json_node_get_object (dep), "output", NULL), old_output) == 0)
            trib_json_object_put_string (json_node_get_object (dep), "output", new_output);
        }
    }

  end_edit (self, _("Rename"));
  return TRUE;
}

gboolean
trib_workflow_move_nodes (TribWorkflow       *self,
                          const char * const *ids,
                          const double       *xy,
                          GError            **error)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  for (guint i = 0; ids && ids[i]; i++)
    if (trib_workflow_lookup_node (self, ids[i]) == NULL)
      {
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""), ids[i]);
        return FALSE;
      }

  begin_edit (self);
  for (guint i = 0; ids && ids[i]; i++)
    set_position_member (self, ids[i], xy[2 * i], xy[2 * i + 1]);
  end_edit (self, _("Move"));
  return TRUE;
}

/* A path of node ids from @from down to @to, or NULL. */
static GPtrArray *
find_path_down (TribWorkflow *self,
                const char   *from,
                const char   *to)
{
  g_autoptr(GHashTable) parent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GQueue) queue = g_queue_new ();
  GPtrArray *path = NULL;

  g_hash_table_insert (parent, g_strdup (from), g_strdup (""));
  g_queue_push_tail (queue, g_strdup (from));
  while (!g_queue_is_empty (queue))
    {
      g_autofree char *v = g_queue_pop_head (queue);
      g_autoptr(GPtrArray) down = NULL;

      if (g_str_equal (v, to))
        {
          const char *step = v;

          path = g_ptr_array_new_with_free_func (g_free);
          while (step && *step)
            {
              g_ptr_array_insert (path, 0, g_strdup (step));
              step = g_hash_table_lookup (parent, step);
            }
          break;
        }
      down = trib_workflow_list_downstream (self, v);
      for (guint i = 0; down && i < down->len; i++)
        if (!g_hash_table_contains (parent, down->pdata[i]))
          {
            g_hash_table_insert (parent, g_strdup (down->pdata[i]), g_strdup (v));
            g_queue_push_tail (queue, g_strdup (down->pdata[i]));
          }
    }
  while (!g_queue_is_empty (queue))
    g_free (g_queue_pop_head (queue));
  return path;
}

static const char *
display_name_of (TribWorkflow *self,
                 const char   *id)
{
  TribNode *node = trib_workflow_lookup_node (self, id);

  return node ? trib_node_get_display_name (node) : id;
}

static JsonArray *
depends_of (TribWorkflow *self,
            const char   *node_id)
{
  JsonObject *entry = find_flow_entry (self, node_id, NULL);

  return entry ? trib_json_object_get_array (entry, "depends") : NULL;
}

static int
find_edge (TribWorkflow *self,
           TribNode     *upstream,
           const char   *downstream_id)
{
  JsonArray *depends = depends_of (self, downstream_id);

  for (guint j = 0; depends && j < json_array_get_length (depends); j++)
    {
      JsonNode *dep = json_array_get_element (depends, j);

      if (JSON_NODE_HOLDS_OBJECT (dep) && dependency_names_node (json_node_get_object (dep), upstream))
        return (int) j;
    }
  return -1;
}

gboolean
trib_workflow_can_connect (TribWorkflow  *self,
                           const char    *upstream_id,
                           const char    *downstream_id,
                           GError       **error)
{
  TribNode *upstream, *downstream;
  g_autoptr(GPtrArray) path = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  upstream = trib_workflow_lookup_node (self, upstream_id);
  downstream = trib_workflow_lookup_node (self, downstream_id);
  if (upstream == NULL || downstream == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""),
                   upstream == NULL ? upstream_id : downstream_id);
      return FALSE;
    }
  if (upstream == downstream)
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("A node cannot depend on itself"));
      return FALSE;
    }
  if (find_edge (self, upstream, downstream_id) >= 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS, _("“%s” already depends on “%s”"),
                   trib_node_get_display_name (downstream), trib_node_get_display_name (upstream));
      return FALSE;
    }

  path = find_path_down (self, downstream_id, upstream_id);
  if (path)
    {
      g_autoptr(GString) text = g_string_new (trib_node_get_display_name (upstream));

      for (guint i = 0; i < path->len; i++)
        g_string_append_printf (text, " → %s", display_name_of (self, path->pdata[i]));
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("This line would create a cycle: %s"), text->str);
      return FALSE;
    }
  return TRUE;
}

static void sync_inputs (TribWorkflow *self,
                         const char   *node_id,
                         JsonArray    *depends);

gboolean
trib_workflow_connect (TribWorkflow  *self,
                       const char    *upstream_id,
                       const char    *downstream_id,
                       GError       **error)
{
  JsonArray *depends;

  if (!trib_workflow_can_connect (self, upstream_id, downstream_id, error))
    return FALSE;

  begin_edit (self);
  depends = ensure_depends (self, downstream_id);
  remove_depends_on_root (self, depends);
  add_depends (depends, "nodeId", upstream_id);
  /* The Properties pane's list and the canvas lines are the same data. */
  sync_inputs (self, downstream_id, depends);
  end_edit (self, _("Connect"));
  return TRUE;
}

gboolean
trib_workflow_disconnect (TribWorkflow  *self,
                          const char    *upstream_id,
                          const char    *downstream_id,
                          GError       **error)
{
  TribNode *upstream;
  int index;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  upstream = trib_workflow_lookup_node (self, upstream_id);
  index = upstream ? find_edge (self, upstream, downstream_id) : -1;
  if (index < 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("“%s” does not depend on “%s”"),
                   display_name_of (self, downstream_id), display_name_of (self, upstream_id));
      return FALSE;
    }

  begin_edit (self);
  json_array_remove_element (depends_of (self, downstream_id), (guint) index);
  depend_on_root_if_alone (self, downstream_id);
  sync_inputs (self, downstream_id, depends_of (self, downstream_id));
  end_edit (self, _("Disconnect"));
  return TRUE;
}

/* Runs the layout over every node; @only_missing keeps the nodes that have a position. */
static void
layout_nodes (TribWorkflow *self,
              gboolean      only_missing)
{
  GListModel *nodes = trib_workflow_get_nodes (self);
  GListModel *dependencies = trib_workflow_get_dependencies (self);
  guint n = g_list_model_get_n_items (nodes);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *xy = NULL;
  double below = 0;
  gboolean any_positioned = FALSE;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      double x, y;

      g_hash_table_insert (index, (gpointer) trib_node_get_id (node), GUINT_TO_POINTER (i));
      if (trib_node_get_position (node, &x, &y))
        {
          below = MAX (below, y + TRIB_LAYOUT_NODE_HEIGHT + TRIB_LAYOUT_V_GAP);
          any_positioned = TRUE;
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr(TribDependency) dep = g_list_model_get_item (dependencies, i);
      gpointer from, to;

      if (trib_dependency_get_upstream_id (dep) == NULL ||
          !g_hash_table_lookup_extended (index, trib_dependency_get_upstream_id (dep), NULL, &from) ||
          !g_hash_table_lookup_extended (index, trib_dependency_get_node_id (dep), NULL, &to))
        continue;
      g_array_append_val (edges, from);
      g_array_append_val (edges, to);
    }

  xy = g_new0 (double, 2 * n);
  trib_graph_layout (n, (const guint *) edges->data, edges->len / 2, xy);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);

      if (only_missing)
        {
          if (trib_node_get_position (node, NULL, NULL))
            continue;
          /* Below what the user placed, so nothing is covered. */
          _trib_node_set_layout_position (node, xy[2 * i], xy[2 * i + 1] + (any_positioned ? below : 0));
        }
      else
        trib_node_set_position (node, xy[2 * i], xy[2 * i + 1]);
    }
}

void
trib_workflow_place_unpositioned (TribWorkflow *self)
{
  g_return_if_fail (TRIB_IS_WORKFLOW (self));
  layout_nodes (self, TRUE);
}

void
trib_workflow_format (TribWorkflow *self)
{
  g_return_if_fail (TRIB_IS_WORKFLOW (self));

  if (!check_editable (self, NULL))
    return;
  layout_nodes (self, FALSE);
  begin_edit (self);
  end_edit (self, _("Format"));
}

const char *
trib_workflow_get_description (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return trib_json_object_get_string (trib_json_object_get_object (_trib_workflow_root_object (self), "metadata"),
                                      "description", NULL);
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
trib_workflow_set_name_and_description (TribWorkflow  *self,
                                        const char    *name,
                                        const char    *description,
                                        GError       **error)
{
  JsonObject *root = _trib_workflow_root_object (self);
  JsonObject *metadata;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (root == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("%s cannot be edited until its problems are fixed in the file"),
                   trib_workflow_get_display_path (self));
      return FALSE;
    }
  if (name == NULL || is_blank (name))
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Enter a name"));
      return FALSE;
    }

  begin_edit (self);
  metadata = trib_json_object_ensure_object (root, "metadata");
  trib_json_object_put_string (metadata, "name", name);
  if (description && *description)
    trib_json_object_put_string (metadata, "description", description);
  else if (json_object_has_member (metadata, "description"))
    json_object_remove_member (metadata, "description");
  g_object_notify (G_OBJECT (self), "name");
  end_edit (self, _("Rename Workflow"));
  return TRUE;
}

char *
trib_workflow_file_stem_for_name (const char *name)
{
  g_autoptr(GString) stem = g_string_new (NULL);
  gboolean gap = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      /* Letters of any script are fine in file names; separators and punctuation become
       * one "_", so the name is also safe on every file system. */
      if (g_unichar_isalnum (c) || c == '-')
        {
          if (gap && stem->len > 0)
            g_string_append_c (stem, '_');
          gap = FALSE;
          g_string_append_unichar (stem, c);
        }
      else
        gap = TRUE;
    }
  if (stem->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&stem), FALSE);
}

/* Node edits run on a copy, so a refusal halfway through leaves the document alone. */
static void
replace_object_members (JsonObject *target,
                        JsonObject *source)
{
  g_autoptr(GList) old_members = json_object_get_members (target);
  g_autoptr(GList) new_members = json_object_get_members (source);

  for (GList *l = old_members; l; l = l->next)
    json_object_remove_member (target, l->data);
  for (GList *l = new_members; l; l = l->next)
    json_object_set_member (target, l->data, trib_json_node_deep_copy (json_object_get_member (source, l->data)));
}

gboolean
trib_workflow_edit_node (TribWorkflow     *self,
                         const char       *id,
                         const char       *label,
                         const char       *merge_key,
                         TribNodeEditFunc  func,
                         gpointer          user_data,
                         GError          **error)
{
  TribNode *node;
  JsonObject *object;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) copy = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!check_editable (self, error))
    return FALSE;
  node = trib_workflow_lookup_node (self, id);
  if (node == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                   _("There is no node \u201c%s\u201d in %s"), id, trib_workflow_get_name (self));
      return FALSE;
    }

  object = trib_node_get_json (node);
  before = json_node_init_object (json_node_alloc (), object);
  copy = trib_json_node_deep_copy (before);
  if (!func (json_node_get_object (copy), user_data, error))
    return FALSE;
  if (json_node_equal (before, copy))
    return TRUE;

  begin_edit (self);
  replace_object_members (object, json_node_get_object (copy));
  end_edit_merging (self, label, merge_key);
  return TRUE;
}

static gboolean
put_content (JsonObject  *node,
             gpointer     user_data,
             GError     **error)
{
  JsonObject *script = trib_json_object_ensure_object (node, "script");

  /* The older "code" member would shadow nothing once content exists; drop it so the
   * file holds one copy of the script. */
  if (json_object_has_member (script, "code"))
    json_object_remove_member (script, "code");
  trib_json_object_put_string (script, "content", user_data);
  return TRUE;
}

gboolean
trib_workflow_set_node_content (TribWorkflow  *self,
                                const char    *id,
                                const char    *content,
                                GError       **error)
{
  g_autofree char *merge_key = NULL;

  g_return_val_if_fail (content != NULL, FALSE);

  merge_key = g_strconcat ("content:", id, NULL);
  return trib_workflow_edit_node (self, id, _("Edit Script"), merge_key,
                                  put_content, (gpointer) content, error);
}

typedef struct
{
  const char *name;
  const char *type;
} DataSourceRef;

static gboolean
put_datasource (JsonObject  *node,
                gpointer     user_data,
                GError     **error)
{
  DataSourceRef *ref = user_data;
  JsonObject *datasource;

  if (ref->name == NULL || *ref->name == '\0')
    {
      if (json_object_has_member (node, "datasource"))
        json_object_remove_member (node, "datasource");
      return TRUE;
    }
  datasource = trib_json_object_ensure_object (node, "datasource");
  trib_json_object_put_string (datasource, "name", ref->name);
  if (ref->type)
    trib_json_object_put_string (datasource, "type", ref->type);
  return TRUE;
}

gboolean
trib_workflow_set_node_datasource (TribWorkflow  *self,
                                   const char    *id,
                                   const char    *name,
                                   const char    *type,
                                   GError       **error)
{
  DataSourceRef ref = { name, type };

  return trib_workflow_edit_node (self, id, _("Change Data Source"), NULL, put_datasource, &ref, error);
}

/* The upstream @entry (an output name, or a node id of this workflow) names: the node of
 * this workflow, or NULL for an output published elsewhere (or the workspace root). */
static TribNode *
upstream_node_for (TribWorkflow *self,
                   const char   *entry)
{
  GListModel *nodes = trib_workflow_get_nodes (self);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      g_auto(GStrv) outputs = trib_node_dup_outputs (node);

      if (outputs && g_strv_contains ((const char * const *) outputs, entry))
        return node;
    }
  return trib_workflow_lookup_node (self, entry);
}

/* inputs.nodeOutputs, when the node has it, lists the same upstream outputs as its
 * depends[]. */
static void
sync_inputs (TribWorkflow *self,
             const char   *node_id,
             JsonArray    *depends)
{
  JsonObject *object = trib_node_get_json (trib_workflow_lookup_node (self, node_id));
  JsonObject *inputs = trib_json_object_get_object (object, "inputs");
  JsonArray *list;

  if (inputs == NULL || trib_json_object_get_array (inputs, "nodeOutputs") == NULL)
    return;
  list = json_array_new ();
  for (guint i = 0; i < json_array_get_length (depends); i++)
    {
      JsonNode *dep = json_array_get_element (depends, i);
      g_autofree char *id = NULL;
      const char *output;
      TribNode *upstream;
      g_auto(GStrv) outputs = NULL;
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (dep))
        continue;
      id = strip_reference (trib_json_object_get_string (json_node_get_object (dep), "nodeId", NULL));
      output = trib_json_object_get_string (json_node_get_object (dep), "output", NULL);
      upstream = id && *id ? trib_workflow_lookup_node (self, id) : NULL;
      outputs = upstream ? trib_node_dup_outputs (upstream) : NULL;
      if (outputs && outputs[0])
        output = outputs[0];
      if (output == NULL)
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "data", output);
      json_object_set_string_member (entry, "artifactType", "NodeOutput");
      json_array_add_object_element (list, entry);
    }
  json_object_set_array_member (inputs, "nodeOutputs", list);
}

gboolean
trib_workflow_set_upstreams (TribWorkflow       *self,
                             const char         *node_id,
                             const char * const *upstreams,
                             GError            **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  TribNode *node;
  JsonArray *depends;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);

  if (!check_editable (self, error))
    return FALSE;
  node = trib_workflow_lookup_node (self, node_id);
  if (node == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""), node_id);
      return FALSE;
    }

  /* Everything is checked before the document changes. */
  for (guint i = 0; upstreams && upstreams[i]; i++)
    {
      const char *entry = upstreams[i];
      TribNode *upstream;
      g_autoptr(GPtrArray) path = NULL;

      if (*entry == '\0')
        {
          g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Enter an output name"));
          return FALSE;
        }
      upstream = upstream_node_for (self, entry);
      if (g_hash_table_contains (seen, upstream ? trib_node_get_id (upstream) : entry))
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS, _("“%s” is listed twice"), entry);
          return FALSE;
        }
      g_hash_table_add (seen, (gpointer) (upstream ? trib_node_get_id (upstream) : entry));
      if (upstream == NULL)
        continue;
      if (upstream == node)
        {
          g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("A node cannot depend on itself"));
          return FALSE;
        }
      path = find_path_down (self, node_id, trib_node_get_id (upstream));
      if (path)
        {
          g_autoptr(GString) text = g_string_new (trib_node_get_display_name (upstream));

          for (guint j = 0; j < path->len; j++)
            g_string_append_printf (text, " → %s", display_name_of (self, path->pdata[j]));
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("Depending on “%s” would create a cycle: %s"), entry, text->str);
          return FALSE;
        }
    }

  begin_edit (self);
  depends = ensure_depends (self, node_id);
  /* Entries that stay keep their JSON (a type other than Normal, members we do not know). */
  for (guint i = 0; upstreams && upstreams[i]; i++)
    {
      TribNode *upstream = upstream_node_for (self, upstreams[i]);
      JsonNode *found = NULL;

      for (guint j = 0; j < json_array_get_length (depends) && found == NULL; j++)
        {
          JsonNode *dep = json_array_get_element (depends, j);
          JsonObject *object;

          if (!JSON_NODE_HOLDS_OBJECT (dep))
            continue;
          object = json_node_get_object (dep);
          if (upstream ? dependency_names_node (object, upstream)
                       : g_strcmp0 (trib_json_object_get_string (object, "output", NULL), upstreams[i]) == 0)
            found = dep;
        }
      if (found)
        g_ptr_array_add (kept, trib_json_node_deep_copy (found));
      else
        {
          JsonObject *dep = json_object_new ();
          JsonNode *element = json_node_new (JSON_NODE_OBJECT);

          /* Inside the workflow, by id, as a line drawn on the canvas is written. */
          if (upstream)
            json_object_set_string_member (dep, "nodeId", trib_node_get_id (upstream));
          else
            json_object_set_string_member (dep, "output", upstreams[i]);
          json_object_set_string_member (dep, "type", "Normal");
          json_node_take_object (element, dep);
          g_ptr_array_add (kept, element);
        }
    }
  while (json_array_get_length (depends) > 0)
    json_array_remove_element (depends, 0);
  for (guint i = 0; i < kept->len; i++)
    json_array_add_element (depends, json_node_ref (kept->pdata[i]));
  /* As on the canvas: the root stands in for an empty list, and only for one. */
  if (json_array_get_length (depends) > 1)
    remove_depends_on_root (self, depends);
  depend_on_root_if_alone (self, node_id);
  sync_inputs (self, node_id, depends_of (self, node_id));
  end_edit (self, _("Change Dependencies"));
  return TRUE;
}
