/* trib-node-properties-edit-deps.c: a node's dependencies, outputs and general
 * settings as checked, undoable edits (the rest is in trib-node-properties-edit.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-json.h"
#include "trib-node-properties-edit.h"
#include "trib-workflow-edit.h"

#define OUTPUT_NAME_MAX_CHARS 256
#define OWNER_MAX_CHARS 128

/* Dependencies and outputs ---------------------------------------------------------- */

GStrv
trib_node_properties_dup_upstreams (TribWorkflow *workflow,
                                    const char   *node_id)
{
  GListModel *dependencies;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  dependencies = trib_workflow_get_dependencies (workflow);
  for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
    {
      g_autoptr(TribDependency) dep = g_list_model_get_item (dependencies, i);
      const char *upstream_id = trib_dependency_get_upstream_id (dep);
      const char *output = trib_dependency_get_output (dep);

      if (g_strcmp0 (trib_dependency_get_node_id (dep), node_id) != 0)
        continue;
      if (output == NULL && upstream_id != NULL)
        {
          TribNode *upstream = trib_workflow_lookup_node (workflow, upstream_id);
          g_auto(GStrv) outputs = upstream ? trib_node_dup_outputs (upstream) : NULL;

          g_strv_builder_add (builder, outputs && outputs[0] ? outputs[0] : upstream_id);
        }
      else if (output != NULL)
        g_strv_builder_add (builder, output);
    }
  return g_strv_builder_end (builder);
}

/* Every output of the workspace, with the node that publishes it (NULL for the root). */
static void
collect_outputs (TribWorkspace *workspace,
                 TribWorkflow  *workflow,
                 GPtrArray     *names,
                 GPtrArray     *owners)
{
  GListModel *workflows = trib_workspace_get_workflows (workspace);
  gboolean seen_workflow = FALSE;

  for (guint w = 0; w < g_list_model_get_n_items (workflows) + 1; w++)
    {
      g_autoptr(TribWorkflow) wf = NULL;
      GListModel *nodes;

      if (w < g_list_model_get_n_items (workflows))
        wf = g_list_model_get_item (workflows, w);
      else if (!seen_workflow && workflow)
        wf = g_object_ref (workflow);  /* A workflow not (yet) in the workspace. */
      else
        break;
      if (wf == workflow)
        seen_workflow = TRUE;
      nodes = trib_workflow_get_nodes (wf);
      for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
        {
          g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
          g_auto(GStrv) outputs = trib_node_dup_outputs (node);

          for (guint j = 0; outputs && outputs[j]; j++)
            {
              g_ptr_array_add (names, g_strdup (outputs[j]));
              if (owners)
                g_ptr_array_add (owners, g_object_ref (node));
            }
        }
    }
}

GStrv
trib_node_properties_dup_output_candidates (TribWorkspace *workspace,
                                            TribWorkflow  *workflow,
                                            const char    *node_id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *root = NULL;
  TribNode *self_node;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);

  self_node = workflow ? trib_workflow_lookup_node (workflow, node_id) : NULL;
  root = trib_workspace_dup_root_output (workspace);
  g_strv_builder_add (builder, root);
  collect_outputs (workspace, workflow, names, owners);
  for (guint i = 0; i < names->len; i++)
    if (owners->pdata[i] != self_node)
      g_strv_builder_add (builder, names->pdata[i]);
  return g_strv_builder_end (builder);
}

gboolean
trib_node_properties_set_upstreams (TribWorkspace       *workspace,
                                    TribWorkflow        *workflow,
                                    const char          *node_id,
                                    const char * const  *upstreams,
                                    GError             **error)
{
  g_auto(GStrv) candidates = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  candidates = trib_node_properties_dup_output_candidates (workspace, workflow, NULL);
  for (guint i = 0; upstreams && upstreams[i]; i++)
    {
      if (*upstreams[i] == '\0' || g_strv_contains ((const char * const *) candidates, upstreams[i]) ||
          trib_workflow_lookup_node (workflow, upstreams[i]) != NULL)
        continue;
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                   _("Dependencies: no node in the workspace publishes the output “%s”"), upstreams[i]);
      return FALSE;
    }
  if (!trib_workflow_set_upstreams (workflow, node_id, upstreams, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, _("Dependencies: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
trib_node_properties_check_output_name (const char  *name,
                                        GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("enter an output name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > OUTPUT_NAME_MAX_CHARS)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("an output name has at most %d characters"), OUTPUT_NAME_MAX_CHARS);
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '_' && c != '.' && c != '-')
        {
          char text[8] = { 0 };

          g_unichar_to_utf8 (c, text);
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("\"%s\" is not allowed in an output name: use letters, digits, \"_\", \".\" and \"-\""),
                       text);
          return FALSE;
        }
    }
  return TRUE;
}

/* "WORKFLOW / NODE" of a node that depends on @output by that name, or NULL. */
static char *
find_dependent_on_output (TribWorkspace *workspace,
                          TribWorkflow  *workflow,
                          const char    *output)
{
  GListModel *workflows = trib_workspace_get_workflows (workspace);
  guint n = g_list_model_get_n_items (workflows);

  for (guint w = 0; w <= n; w++)
    {
      g_autoptr(TribWorkflow) wf = w < n ? g_list_model_get_item (workflows, w) : g_object_ref (workflow);
      GListModel *dependencies = trib_workflow_get_dependencies (wf);

      if (w == n && trib_workspace_lookup_workflow (workspace, trib_workflow_get_name (wf)) == wf)
        break;
      for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
        {
          g_autoptr(TribDependency) dep = g_list_model_get_item (dependencies, i);
          TribNode *node;

          if (g_strcmp0 (trib_dependency_get_output (dep), output) != 0)
            continue;
          node = trib_workflow_lookup_node (wf, trib_dependency_get_node_id (dep));
          return g_strdup_printf ("%s / %s", trib_workflow_get_name (wf),
                                  node ? trib_node_get_display_name (node) : trib_dependency_get_node_id (dep));
        }
    }
  return NULL;
}

static gboolean
write_outputs (JsonObject  *node,
               gpointer     user_data,
               GError     **error)
{
  const char * const *outputs = user_data;
  JsonObject *object = trib_json_object_ensure_object (node, "outputs");
  JsonArray *old = trib_json_object_get_array (object, "nodeOutputs");
  JsonArray *list = json_array_new ();

  for (guint i = 0; outputs[i]; i++)
    {
      JsonObject *entry = NULL;

      for (guint j = 0; old && j < json_array_get_length (old) && entry == NULL; j++)
        {
          JsonNode *element = json_array_get_element (old, j);

          if (JSON_NODE_HOLDS_OBJECT (element) &&
              g_strcmp0 (trib_json_object_get_string (json_node_get_object (element), "data", NULL), outputs[i]) == 0)
            {
              JsonNode *copy = trib_json_node_deep_copy (element);

              entry = json_object_ref (json_node_get_object (copy));
              json_node_unref (copy);
            }
        }
      if (entry == NULL)
        {
          entry = json_object_new ();
          json_object_set_string_member (entry, "data", outputs[i]);
          json_object_set_string_member (entry, "artifactType", "NodeOutput");
        }
      if (i == 0)
        trib_json_object_put_bool (entry, "isDefault", TRUE);
      else if (json_object_has_member (entry, "isDefault"))
        json_object_remove_member (entry, "isDefault");
      json_array_add_object_element (list, entry);
    }
  json_object_set_array_member (object, "nodeOutputs", list);
  return TRUE;
}

gboolean
trib_node_properties_set_outputs (TribWorkspace       *workspace,
                                  TribWorkflow        *workflow,
                                  const char          *node_id,
                                  const char * const  *outputs,
                                  GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *root = NULL;
  g_auto(GStrv) old = NULL;
  g_autofree char *merge_key = NULL;
  TribNode *node;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  node = trib_workflow_lookup_node (workflow, node_id);
  if (node == NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("There is no node \"%s\""), node_id);
      return FALSE;
    }
  if (outputs == NULL || outputs[0] == NULL)
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                           _("Outputs: a node needs at least one output (its default output)"));
      return FALSE;
    }
  root = trib_workspace_dup_root_output (workspace);
  collect_outputs (workspace, workflow, names, owners);
  for (guint i = 0; outputs[i]; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!trib_node_properties_check_output_name (outputs[i], &local_error))
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("Outputs: %s"), local_error->message);
          return FALSE;
        }
      if (g_hash_table_contains (seen, outputs[i]))
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS, _("Outputs: “%s” is listed twice"), outputs[i]);
          return FALSE;
        }
      g_hash_table_add (seen, (gpointer) outputs[i]);
      if (g_strcmp0 (outputs[i], root) == 0)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("Outputs: “%s” is the workspace root's output"), outputs[i]);
          return FALSE;
        }
      for (guint j = 0; j < names->len; j++)
        if (owners->pdata[j] != node && g_str_equal (names->pdata[j], outputs[i]))
          {
            g_set_error (error, TRIB_ERROR, TRIB_ERROR_EXISTS,
                         _("Outputs: “%s” is already the output of node “%s”; output names are unique in the workspace"),
                         outputs[i], trib_node_get_display_name (owners->pdata[j]));
            return FALSE;
          }
    }

  /* An output someone depends on by name cannot just vanish. */
  old = trib_node_dup_outputs (node);
  for (guint i = 0; old && old[i]; i++)
    {
      g_autofree char *dependent = NULL;

      if (g_strv_contains (outputs, old[i]))
        continue;
      dependent = find_dependent_on_output (workspace, workflow, old[i]);
      if (dependent)
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("Outputs: “%s” cannot be removed: %s depends on it"), old[i], dependent);
          return FALSE;
        }
    }
  merge_key = g_strconcat ("outputs:", node_id, NULL);
  return trib_workflow_edit_node (workflow, node_id, _("Change Outputs"), merge_key,
                                  write_outputs, (gpointer) outputs, error);
}

/* General ----------------------------------------------------------------------------- */

const char *
trib_node_properties_get_owner (TribNode *node)
{
  g_return_val_if_fail (TRIB_IS_NODE (node), NULL);
  return trib_json_object_get_string (trib_node_get_json (node), "owner", NULL);
}

typedef struct
{
  const char *member;
  const char *value;
} StringEdit;

static gboolean
write_string (JsonObject  *node,
              gpointer     user_data,
              GError     **error)
{
  StringEdit *edit = user_data;

  if (edit->value == NULL || *edit->value == '\0')
    {
      if (json_object_has_member (node, edit->member))
        json_object_remove_member (node, edit->member);
    }
  else
    trib_json_object_put_string (node, edit->member, edit->value);
  return TRUE;
}

gboolean
trib_node_properties_set_description (TribWorkflow  *workflow,
                                      const char    *node_id,
                                      const char    *description,
                                      GError       **error)
{
  StringEdit edit = { "description", description };
  g_autofree char *merge_key = g_strconcat ("description:", node_id, NULL);

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  if (description && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("General: description: not valid UTF-8"));
      return FALSE;
    }
  return trib_workflow_edit_node (workflow, node_id, _("Edit Description"), merge_key,
                                  write_string, &edit, error);
}

gboolean
trib_node_properties_set_owner (TribWorkflow  *workflow,
                                const char    *node_id,
                                const char    *owner,
                                GError       **error)
{
  StringEdit edit = { "owner", owner };
  g_autofree char *merge_key = g_strconcat ("owner:", node_id, NULL);

  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), FALSE);

  if (owner && (!g_utf8_validate (owner, -1, NULL) || g_utf8_strlen (owner, -1) > OWNER_MAX_CHARS))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("General: owner: at most %d characters"), OWNER_MAX_CHARS);
      return FALSE;
    }
  return trib_workflow_edit_node (workflow, node_id, _("Change Owner"), merge_key,
                                  write_string, &edit, error);
}
