/* trib-workflow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-diagnostic.h"
#include "trib-json.h"
#include "trib-workflow.h"
#include "trib-workflow-private.h"
#include "trib-node-private.h"

G_DEFINE_FINAL_TYPE (TribWorkflow, trib_workflow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DISPLAY_PATH,
  PROP_VALID,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CANVAS_NAMESPACE "tributary"

static void
trib_workflow_finalize (GObject *object)
{
  TribWorkflow *self = (TribWorkflow *) object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->display_path, g_free);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_object (&self->nodes);
  g_clear_object (&self->dependencies);
  g_clear_object (&self->diagnostics);
  g_clear_pointer (&self->saved_text, g_free);
  g_clear_pointer (&self->parse_diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->node_index, g_hash_table_unref);
  g_clear_pointer (&self->workspace_name, g_free);
  g_clear_pointer (&self->neighbour_index, g_hash_table_unref);

  G_OBJECT_CLASS (trib_workflow_parent_class)->finalize (object);
}

static void
trib_workflow_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TribWorkflow *self = TRIB_WORKFLOW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, trib_workflow_get_name (self));
      break;
    case PROP_DISPLAY_PATH:
      g_value_set_string (value, self->display_path);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, trib_workflow_is_valid (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_workflow_class_init (TribWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_workflow_finalize;
  object_class->get_property = trib_workflow_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DISPLAY_PATH] =
    g_param_spec_string ("display-path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The document differs from the file on disk: edits not saved yet. */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every edit of the document (an operation, an undo, a reload). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nodes_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  TribWorkflow *self)
{
  g_clear_pointer (&self->node_index, g_hash_table_unref);
  _trib_workflow_invalidate_neighbours (self);
}

static void
dependencies_changed_cb (GListModel   *model,
                         guint         position,
                         guint         removed,
                         guint         added,
                         TribWorkflow *self)
{
  _trib_workflow_invalidate_neighbours (self);
}

static void
trib_workflow_init (TribWorkflow *self)
{
  self->nodes = g_list_store_new (TRIB_TYPE_NODE);
  g_signal_connect (self->nodes, "items-changed", G_CALLBACK (nodes_changed_cb), self);
  self->dependencies = g_list_store_new (TRIB_TYPE_DEPENDENCY);
  g_signal_connect (self->dependencies, "items-changed", G_CALLBACK (dependencies_changed_cb), self);
  self->diagnostics = g_list_store_new (TRIB_TYPE_DIAGNOSTIC);
  self->parse_diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
add_parse_error (TribWorkflow *self,
                 const char   *path,
                 const char   *format,
                 ...) G_GNUC_PRINTF (3, 4);

static void
add_parse_error (TribWorkflow *self,
                 const char   *path,
                 const char   *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->parse_diagnostics,
                   trib_diagnostic_new (TRIB_SEVERITY_ERROR, self->display_path, path, message));
}

JsonObject *
_trib_workflow_root_object (TribWorkflow *self)
{
  return self->root && JSON_NODE_HOLDS_OBJECT (self->root) ? json_node_get_object (self->root) : NULL;
}

JsonObject *
_trib_workflow_spec_object (TribWorkflow *self)
{
  return trib_json_object_get_object (_trib_workflow_root_object (self), "spec");
}

/* FlowSpec lets a reference be written "{{id}}" or as the bare id. */
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

JsonObject *
_trib_workflow_canvas_positions (TribWorkflow *self,
                                 gboolean      create)
{
  JsonObject *root = _trib_workflow_root_object (self);
  JsonObject *metadata, *ns, *canvas, *nodes;

  if (root == NULL)
    return NULL;
  if (!create)
    return trib_json_object_get_object (
             trib_json_object_get_object (
               trib_json_object_get_object (
                 trib_json_object_get_object (root, "metadata"), CANVAS_NAMESPACE),
               "canvas"),
             "nodes");

  metadata = trib_json_object_ensure_object (root, "metadata");
  ns = trib_json_object_ensure_object (metadata, CANVAS_NAMESPACE);
  canvas = trib_json_object_ensure_object (ns, "canvas");
  nodes = trib_json_object_ensure_object (canvas, "nodes");
  return nodes;
}

static void
load_positions (TribWorkflow *self)
{
  JsonObject *positions = _trib_workflow_canvas_positions (self, FALSE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

  if (positions == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      JsonObject *pos = trib_json_object_get_object (positions, trib_node_get_id (node));

      if (pos && json_object_has_member (pos, "x") && json_object_has_member (pos, "y"))
        trib_node_set_position (node,
                                json_object_get_double_member (pos, "x"),
                                json_object_get_double_member (pos, "y"));
    }
}

void
_trib_workflow_store_positions (TribWorkflow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      JsonObject *positions;
      JsonObject *pos;
      double x, y;

      if (!trib_node_get_position (node, &x, &y) || trib_node_get_id (node) == NULL ||
          _trib_node_has_layout_position (node))
        continue;

      positions = _trib_workflow_canvas_positions (self, TRUE);
      pos = trib_json_object_ensure_object (positions, trib_node_get_id (node));
      /* Whole pixels: positions are for people, and integers diff cleanly in git. */
      trib_json_object_put_int (pos, "x", (gint64) (x < 0 ? x - 0.5 : x + 0.5));
      trib_json_object_put_int (pos, "y", (gint64) (y < 0 ? y - 0.5 : y + 0.5));
    }
}

static void
parse_nodes (TribWorkflow *self,
             JsonArray    *nodes)
{
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *element = json_array_get_element (nodes, i);
      g_autofree char *path = g_strdup_printf ("spec.nodes[%u]", i);
      g_autoptr(TribNode) node = NULL;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          add_parse_error (self, path, _("a node must be a JSON object"));
          continue;
        }

      id = trib_json_object_get_string (json_node_get_object (element), "id", NULL);
      if (id == NULL || *id == '\0')
        {
          add_parse_error (self, path, _("the node has no \"id\""));
          continue;
        }

      node = trib_node_new_for_json (json_node_get_object (element));
      g_list_store_append (self->nodes, node);
    }
}

static void
parse_flow (TribWorkflow *self,
            JsonArray    *flow)
{
  for (guint i = 0; i < json_array_get_length (flow); i++)
    {
      JsonNode *element = json_array_get_element (flow, i);
      g_autofree char *path = g_strdup_printf ("spec.flow[%u]", i);
      g_autofree char *node_id = NULL;
      JsonObject *entry;
      JsonArray *depends;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          add_parse_error (self, path, _("a flow entry must be a JSON object"));
          continue;
        }
      entry = json_node_get_object (element);
      node_id = strip_reference (trib_json_object_get_string (entry, "nodeId", NULL));
      if (node_id == NULL || *node_id == '\0')
        {
          add_parse_error (self, path, _("the flow entry has no \"nodeId\""));
          continue;
        }

      depends = trib_json_object_get_array (entry, "depends");
      if (depends == NULL && json_object_has_member (entry, "depends"))
        add_parse_error (self, path, _("\"depends\" must be an array"));

      for (guint j = 0; depends && j < json_array_get_length (depends); j++)
        {
          JsonNode *dep = json_array_get_element (depends, j);
          g_autofree char *upstream = NULL;
          g_autoptr(TribDependency) dependency = NULL;
          const char *output;
          JsonObject *dep_object;

          if (!JSON_NODE_HOLDS_OBJECT (dep))
            {
              add_parse_error (self, path, _("depends[%u] must be a JSON object"), j);
              continue;
            }
          dep_object = json_node_get_object (dep);
          upstream = strip_reference (trib_json_object_get_string (dep_object, "nodeId", NULL));
          output = trib_json_object_get_string (dep_object, "output", NULL);
          if ((upstream == NULL || *upstream == '\0') && (output == NULL || *output == '\0'))
            {
              g_autofree char *dep_path = g_strdup_printf ("%s.depends[%u]", path, j);
              add_parse_error (self, dep_path, _("a dependency needs a \"nodeId\" or an \"output\""));
              continue;
            }

          dependency = trib_dependency_new (node_id, upstream, output,
                                            trib_json_object_get_string (dep_object, "type", "Normal"));
          g_object_set_data_full (G_OBJECT (dependency), "json-path",
                                  g_strdup_printf ("%s.depends[%u]", path, j), g_free);
          g_object_set_data (G_OBJECT (dependency), "by-id", GINT_TO_POINTER (upstream != NULL && *upstream));
          g_list_store_append (self->dependencies, dependency);
        }
    }
}

static void
parse_document (TribWorkflow *self)
{
  JsonObject *root = _trib_workflow_root_object (self);
  JsonObject *spec;
  JsonArray *nodes;
  JsonArray *flow;
  const char *kind;

  if (root == NULL)
    {
      add_parse_error (self, NULL, _("a workflow file must hold a JSON object"));
      return;
    }

  kind = trib_json_object_get_string (root, "kind", NULL);
  if (kind == NULL)
    add_parse_error (self, "kind", _("missing; expected \"CycleWorkflow\" or \"ManualWorkflow\""));
  else if (!g_str_equal (kind, "CycleWorkflow") && !g_str_equal (kind, "ManualWorkflow"))
    add_parse_error (self, "kind", _("unsupported kind \"%s\" (expected \"CycleWorkflow\" or \"ManualWorkflow\")"), kind);

  if (json_object_has_member (root, "version") &&
      trib_json_object_get_string (root, "version", NULL) == NULL)
    add_parse_error (self, "version", _("must be a string such as \"1.1.0\""));

  spec = trib_json_object_get_object (root, "spec");
  if (spec == NULL)
    {
      JsonNode *member = json_object_get_member (root, "spec");
      g_autofree char *found = member ? trib_json_describe_value (member) : NULL;

      /* Present with the wrong type is not "missing". */
      if (found)
        add_parse_error (self, "spec", _("must be an object with \"nodes\" and \"flow\", found %s"), found);
      else
        add_parse_error (self, "spec", _("missing; a workflow needs a \"spec\" object with \"nodes\""));
      return;
    }

  nodes = trib_json_object_get_array (spec, "nodes");
  if (nodes == NULL)
    {
      JsonNode *member = json_object_get_member (spec, "nodes");
      g_autofree char *found = member ? trib_json_describe_value (member) : NULL;

      if (found)
        add_parse_error (self, "spec.nodes", _("must be an array of nodes, found %s"), found);
      else
        add_parse_error (self, "spec.nodes", _("missing; expected an array of nodes"));
      return;
    }
  parse_nodes (self, nodes);

  flow = trib_json_object_get_array (spec, "flow");
  if (flow == NULL && json_object_has_member (spec, "flow") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (spec, "flow")))
    add_parse_error (self, "spec.flow", _("must be an array"));
  if (flow)
    parse_flow (self, flow);

  load_positions (self);
}

/* Parses @text into the document, collecting parse errors; models are not touched. */
void
_trib_workflow_parse_text (TribWorkflow *self,
                           const char   *text)
{
  g_autoptr(GError) error = NULL;
  guint line, column;

  g_clear_pointer (&self->root, json_node_unref);
  g_ptr_array_set_size (self->parse_diagnostics, 0);

  self->root = trib_json_parse_full (text, -1, self->display_path, &line, &column, &error);
  if (self->root == NULL)
    {
      const char *message = error->message;

      /* The error text already starts with "PATH:LINE:COL: "; keep only what follows. */
      if (self->display_path && g_str_has_prefix (message, self->display_path))
        {
          message += strlen (self->display_path);
          while (*message == ':' || g_ascii_isdigit (*message))
            message++;
          while (*message == ' ')
            message++;
        }
      g_ptr_array_add (self->parse_diagnostics,
                       trib_diagnostic_new_at (TRIB_SEVERITY_ERROR, self->display_path, line, column, message));
    }
  else
    parse_document (self);
}

TribWorkflow *
trib_workflow_new_from_text (const char *text,
                             GFile      *file,
                             const char *display_path)
{
  TribWorkflow *self = g_object_new (TRIB_TYPE_WORKFLOW, NULL);

  self->file = file ? g_object_ref (file) : NULL;
  self->display_path = g_strdup (display_path);
  self->saved_text = g_strdup (text);

  _trib_workflow_parse_text (self, text);
  trib_workflow_validate (self, NULL, NULL);
  return self;
}

TribWorkflow *
trib_workflow_load (GFile        *file,
                    const char   *display_path,
                    GCancellable *cancellable)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  TribWorkflow *self;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!trib_file_load_bounded (file, TRIB_JSON_FILE_MAX_SIZE, cancellable, &contents, &length, &error))
    {
      self = g_object_new (TRIB_TYPE_WORKFLOW, NULL);
      self->file = g_object_ref (file);
      self->display_path = g_strdup (display_path);
      /* The bounded reader's own messages read as a sentence about the file. */
      if (error->domain == G_IO_ERROR &&
          (error->code == G_IO_ERROR_IS_DIRECTORY || error->code == G_IO_ERROR_NOT_REGULAR_FILE ||
           error->code == G_IO_ERROR_NO_SPACE))
        add_parse_error (self, NULL, "%s", error->message);
      else
        add_parse_error (self, NULL, _("cannot read the file: %s"), error->message);
      trib_workflow_validate (self, NULL, NULL);
      return self;
    }

  if (memchr (contents, '\0', length) != NULL)
    {
      self = g_object_new (TRIB_TYPE_WORKFLOW, NULL);
      self->file = g_object_ref (file);
      self->display_path = g_strdup (display_path);
      add_parse_error (self, NULL, _("malformed JSON: the file contains a NUL byte"));
      trib_workflow_validate (self, NULL, NULL);
      return self;
    }

  return trib_workflow_new_from_text (contents, file, display_path);
}

TribWorkflow *
trib_workflow_new (const char *name,
                   GFile      *file,
                   const char *display_path)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *metadata = json_object_new ();
  JsonObject *spec = json_object_new ();
  TribWorkflow *self;

  json_object_set_string_member (root, "version", "1.1.0");
  json_object_set_string_member (root, "kind", "CycleWorkflow");
  json_object_set_string_member (metadata, "name", name);
  json_object_set_object_member (root, "metadata", metadata);
  json_object_set_array_member (spec, "nodes", json_array_new ());
  json_object_set_array_member (spec, "flow", json_array_new ());
  json_object_set_object_member (root, "spec", spec);
  json_node_set_object (node, root);

  self = g_object_new (TRIB_TYPE_WORKFLOW, NULL);
  self->file = file ? g_object_ref (file) : NULL;
  self->display_path = g_strdup (display_path);
  self->root = g_steal_pointer (&node);
  trib_workflow_validate (self, NULL, NULL);
  return self;
}

char *
trib_workflow_to_string (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);

  if (self->root == NULL)
    return g_strdup (self->saved_text ? self->saved_text : "");
  _trib_workflow_store_positions (self);
  return trib_json_to_string (self->root);
}

gboolean
trib_workflow_save (TribWorkflow  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);

  /* A file that did not parse is never rewritten: the user's text is all there is. */
  if (self->root == NULL)
    return TRUE;

  text = trib_workflow_to_string (self);
  if (g_strcmp0 (text, self->saved_text) == 0 && g_file_query_exists (self->file, cancellable))
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!trib_file_set_contents_atomic (self->file, text, strlen (text), error))
    return FALSE;

  g_free (self->saved_text);
  self->saved_text = g_steal_pointer (&text);
  _trib_workflow_update_modified (self);
  return TRUE;
}

GFile *
trib_workflow_get_file (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return self->file;
}

const char *
trib_workflow_get_display_path (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return self->display_path;
}

char *
trib_workflow_dup_file_stem (TribWorkflow *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);

  base = self->file ? g_file_get_basename (self->file) : g_path_get_basename (self->display_path);
  if (g_str_has_suffix (base, ".json"))
    base[strlen (base) - strlen (".json")] = '\0';
  return g_steal_pointer (&base);
}

const char *
trib_workflow_get_name (TribWorkflow *self)
{
  const char *name;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);

  name = trib_json_object_get_string (trib_json_object_get_object (_trib_workflow_root_object (self), "metadata"),
                                      "name", NULL);
  if (name && *name)
    return name;

  /* Cache the stem so the returned pointer stays valid. */
  if (g_object_get_data (G_OBJECT (self), "stem") == NULL)
    g_object_set_data_full (G_OBJECT (self), "stem", trib_workflow_dup_file_stem (self), g_free);
  return g_object_get_data (G_OBJECT (self), "stem");
}

JsonNode *
trib_workflow_get_json (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return self->root;
}

GListModel *
trib_workflow_get_nodes (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return G_LIST_MODEL (self->nodes);
}

GListModel *
trib_workflow_get_dependencies (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return G_LIST_MODEL (self->dependencies);
}

GListModel *
trib_workflow_get_diagnostics (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return G_LIST_MODEL (self->diagnostics);
}

gboolean
trib_workflow_is_valid (TribWorkflow *self)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), FALSE);
  return self->root != NULL && !trib_diagnostics_has_errors (G_LIST_MODEL (self->diagnostics));
}

TribNode *
trib_workflow_lookup_node (TribWorkflow *self,
                           const char   *id)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);

  if (id == NULL)
    return NULL;

  if (self->node_index == NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

      self->node_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
          const char *node_id = trib_node_get_id (node);

          /* The first of two nodes with one id, as a search in file order finds it. */
          if (node_id && !g_hash_table_contains (self->node_index, node_id))
            g_hash_table_insert (self->node_index, g_strdup (node_id), node);
        }
    }
  return g_hash_table_lookup (self->node_index, id);
}

TribNode *
trib_workflow_lookup_node_by_name (TribWorkflow *self,
                                   const char   *name)
{
  guint n;

  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      if (g_strcmp0 (trib_node_get_name (node), name) == 0)
        return node;
    }
  return NULL;
}

typedef struct
{
  GPtrArray *up;
  GPtrArray *down;
} Neighbours;

static void
neighbours_free (Neighbours *n)
{
  g_ptr_array_unref (n->up);
  g_ptr_array_unref (n->down);
  g_free (n);
}

void
_trib_workflow_invalidate_neighbours (TribWorkflow *self)
{
  g_clear_pointer (&self->neighbour_index, g_hash_table_unref);
}

static Neighbours *
neighbours_of (GHashTable *index,
               const char *id)
{
  Neighbours *n = g_hash_table_lookup (index, id);

  if (n == NULL)
    {
      n = g_new0 (Neighbours, 1);
      n->up = g_ptr_array_new ();
      n->down = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (id), n);
    }
  return n;
}

static void
add_unique (GPtrArray  *array,
            const char *id)
{
  if (!g_ptr_array_find_with_equal_func (array, id, g_str_equal, NULL))
    g_ptr_array_add (array, (gpointer) id);
}

/* Ids point into the TribDependency objects, which live as long as the index. */
static GHashTable *
ensure_neighbour_index (TribWorkflow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->dependencies));

  if (self->neighbour_index)
    return self->neighbour_index;

  self->neighbour_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) neighbours_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribDependency) dep = g_list_model_get_item (G_LIST_MODEL (self->dependencies), i);
      const char *from = trib_dependency_get_upstream_id (dep);
      const char *to = trib_dependency_get_node_id (dep);

      if (from == NULL || trib_workflow_lookup_node (self, from) == NULL ||
          trib_workflow_lookup_node (self, to) == NULL)
        continue;
      add_unique (neighbours_of (self->neighbour_index, to)->up, from);
      add_unique (neighbours_of (self->neighbour_index, from)->down, to);
    }
  return self->neighbour_index;
}

static GPtrArray *
list_neighbours (TribWorkflow *self,
                 const char   *node_id,
                 gboolean      upstream)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  Neighbours *n = g_hash_table_lookup (ensure_neighbour_index (self), node_id);
  GPtrArray *list = n ? (upstream ? n->up : n->down) : NULL;

  for (guint i = 0; list && i < list->len; i++)
    g_ptr_array_add (out, g_strdup (list->pdata[i]));
  return out;
}

GPtrArray *
trib_workflow_list_upstream (TribWorkflow *self,
                             const char   *node_id)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return list_neighbours (self, node_id, TRUE);
}

GPtrArray *
trib_workflow_list_downstream (TribWorkflow *self,
                               const char   *node_id)
{
  g_return_val_if_fail (TRIB_IS_WORKFLOW (self), NULL);
  return list_neighbours (self, node_id, FALSE);
}

void
trib_workflow_add_node (TribWorkflow *self,
                        TribNode     *node)
{
  JsonArray *nodes;

  g_return_if_fail (TRIB_IS_WORKFLOW (self));
  g_return_if_fail (TRIB_IS_NODE (node));
  g_return_if_fail (_trib_workflow_spec_object (self) != NULL);

  nodes = trib_json_object_get_array (_trib_workflow_spec_object (self), "nodes");
  json_array_add_object_element (nodes, json_object_ref (trib_node_get_json (node)));
  g_list_store_append (self->nodes, node);
}

void
trib_workflow_add_dependency (TribWorkflow *self,
                              const char   *node_id,
                              const char   *upstream_id)
{
  g_autoptr(TribDependency) dependency = NULL;
  JsonObject *spec;
  JsonArray *flow;
  JsonObject *entry = NULL;
  JsonArray *depends;
  JsonObject *dep;

  g_return_if_fail (TRIB_IS_WORKFLOW (self));
  g_return_if_fail (node_id != NULL && upstream_id != NULL);
  g_return_if_fail (_trib_workflow_spec_object (self) != NULL);

  spec = _trib_workflow_spec_object (self);
  flow = trib_json_object_get_array (spec, "flow");
  if (flow == NULL)
    {
      flow = json_array_new ();
      json_object_set_array_member (spec, "flow", flow);
    }

  for (guint i = 0; i < json_array_get_length (flow); i++)
    {
      JsonNode *element = json_array_get_element (flow, i);
      g_autofree char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      id = strip_reference (trib_json_object_get_string (json_node_get_object (element), "nodeId", NULL));
      if (g_strcmp0 (id, node_id) == 0)
        {
          entry = json_node_get_object (element);
          break;
        }
    }
  if (entry == NULL)
    {
      entry = json_object_new ();
      json_object_set_string_member (entry, "nodeId", node_id);
      json_object_set_array_member (entry, "depends", json_array_new ());
      json_array_add_object_element (flow, entry);
    }

  depends = trib_json_object_get_array (entry, "depends");
  if (depends == NULL)
    {
      depends = json_array_new ();
      json_object_set_array_member (entry, "depends", depends);
    }
  dep = json_object_new ();
  json_object_set_string_member (dep, "nodeId", upstream_id);
  json_object_set_string_member (dep, "type", "Normal");
  json_array_add_object_element (depends, dep);

  dependency = trib_dependency_new (node_id, upstream_id, NULL, "Normal");
  g_object_set_data (G_OBJECT (dependency), "by-id", GINT_TO_POINTER (TRUE));
  g_list_store_append (self->dependencies, dependency);
}

void
_trib_workflow_notify_valid (TribWorkflow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

void
_trib_workflow_reparse (TribWorkflow *self)
{
  g_ptr_array_set_size (self->parse_diagnostics, 0);
  g_list_store_remove_all (self->dependencies);
  g_list_store_remove_all (self->nodes);
  if (self->root)
    parse_document (self);
}


void
_trib_workflow_emit_changed (TribWorkflow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_trib_workflow_set_modified (TribWorkflow *self,
                             gboolean      modified)
{
  if (modified == self->modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}
