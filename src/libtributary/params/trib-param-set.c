/* trib-param-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-json.h"
#include "trib-param-expr.h"
#include "trib-param-set.h"

/* Immutable once built, so a worker thread may read it while the UI shows it. */
struct _TribParamSet
{
  GObject           parent_instance;
  GPtrArray        *names;
  GPtrArray        *values;
  TribParamContext *context;
};

G_DEFINE_FINAL_TYPE (TribParamSet, trib_param_set, G_TYPE_OBJECT)

static void
trib_param_set_finalize (GObject *object)
{
  TribParamSet *self = (TribParamSet *) object;

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (trib_param_set_parent_class)->finalize (object);
}

static void
trib_param_set_class_init (TribParamSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_param_set_finalize;
}

static void
trib_param_set_init (TribParamSet *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);
}

static void
add (TribParamSet *self,
     const char   *name,
     const char   *value)
{
  g_ptr_array_add (self->names, g_strdup (name));
  g_ptr_array_add (self->values, g_strdup (value ? value : ""));
}

TribParamSet *
trib_param_set_new (const char * const *names,
                    const char * const *values,
                    TribParamContext   *context)
{
  TribParamSet *self;

  g_return_val_if_fail (context == NULL || TRIB_IS_PARAM_CONTEXT (context), NULL);

  self = g_object_new (TRIB_TYPE_PARAM_SET, NULL);
  g_set_object (&self->context, context);
  for (guint i = 0; names && names[i]; i++)
    add (self, names[i], values ? values[i] : NULL);
  return self;
}

TribParamSet *
trib_param_set_new_for_node (TribNode          *node,
                             TribParamContext  *context,
                             GError           **error)
{
  g_autoptr(TribParamSet) self = NULL;
  guint n;

  g_return_val_if_fail (TRIB_IS_NODE (node), NULL);
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (context), NULL);

  self = trib_param_set_new (NULL, NULL, context);
  n = trib_node_get_n_parameters (node);
  for (guint i = 0; i < n; i++)
    {
      const char *name = trib_node_get_parameter_name (node, i);
      const char *value = trib_node_get_parameter_value (node, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *resolved = NULL;

      if (name == NULL || *name == '\0')
        continue;
      /* DataWorks keeps the first of two parameters with the same name. */
      if (trib_param_set_lookup (self, name) != NULL)
        continue;

      resolved = trib_param_evaluate (value ? value : "", context, &local_error);
      if (resolved == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("parameter \"%s\": %s"), name, local_error->message);
          return NULL;
        }
      add (self, name, resolved);
    }
  return g_steal_pointer (&self);
}

TribParamSet *
trib_param_set_new_from_json (JsonNode         *node,
                              TribParamContext *context)
{
  TribParamSet *self = trib_param_set_new (NULL, NULL, context);
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return self;

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (const GList *l = members; l; l = l->next)
    {
      g_autofree char *value = trib_json_node_dup_scalar_text (json_object_get_member (object, l->data));
      add (self, l->data, value);
    }
  return self;
}

JsonNode *
trib_param_set_to_json (TribParamSet *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), NULL);

  for (guint i = 0; i < self->names->len; i++)
    json_object_set_string_member (object, g_ptr_array_index (self->names, i),
                                   g_ptr_array_index (self->values, i));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

char *
trib_param_set_to_string (TribParamSet *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), NULL);

  for (guint i = 0; i < self->names->len; i++)
    g_string_append_printf (text, "%s%s=%s", i ? " " : "",
                            (const char *) g_ptr_array_index (self->names, i),
                            (const char *) g_ptr_array_index (self->values, i));
  return g_string_free (text, FALSE);
}

TribParamContext *
trib_param_set_get_context (TribParamSet *self)
{
  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), NULL);
  return self->context;
}

guint
trib_param_set_get_n_items (TribParamSet *self)
{
  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), 0);
  return self->names->len;
}

const char *
trib_param_set_get_name (TribParamSet *self,
                         guint         position)
{
  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), NULL);
  g_return_val_if_fail (position < self->names->len, NULL);
  return g_ptr_array_index (self->names, position);
}

const char *
trib_param_set_get_value (TribParamSet *self,
                          guint         position)
{
  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), NULL);
  g_return_val_if_fail (position < self->values->len, NULL);
  return g_ptr_array_index (self->values, position);
}

const char *
trib_param_set_lookup (TribParamSet *self,
                       const char   *name)
{
  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), NULL);

  for (guint i = 0; i < self->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->names, i), name) == 0)
      return g_ptr_array_index (self->values, i);
  return NULL;
}

typedef void (*ReferenceFunc) (const char *name,
                               const char *start,
                               const char *end,
                               guint       line,
                               gpointer    user_data);

/* Calls @func for each ${name} in @code; returns the line of the first "${" that is not
 * closed on its own line, or 0. */
static guint
scan_references (const char    *code,
                 ReferenceFunc  func,
                 gpointer       user_data)
{
  guint line = 1;

  for (const char *p = code; *p; p++)
    {
      const char *close;
      g_autofree char *name = NULL;

      if (*p == '\n')
        {
          line++;
          continue;
        }
      if (p[0] != '$' || p[1] != '{')
        continue;

      close = p + 2;
      while (*close && *close != '}' && *close != '\n')
        close++;
      if (*close != '}')
        return line;

      name = g_strstrip (g_strndup (p + 2, close - p - 2));
      func (name, p, close + 1, line, user_data);
      p = close;
    }
  return 0;
}

typedef struct
{
  TribParamSet *self;
  GString      *out;
  const char   *copied_to;
  GString      *undefined;
  GPtrArray    *undefined_names;
} SubstituteData;

static void
substitute_one (const char *name,
                const char *start,
                const char *end,
                guint       line,
                gpointer    user_data)
{
  SubstituteData *data = user_data;
  g_autofree char *legacy = NULL;
  const char *value;

  g_string_append_len (data->out, data->copied_to, start - data->copied_to);
  data->copied_to = end;

  value = trib_param_set_lookup (data->self, name);
  if (value == NULL && data->self->context != NULL)
    {
      if (g_str_equal (name, "bdp.system.bizdate"))
        value = legacy = trib_param_context_dup_bizdate (data->self->context);
      else if (g_str_equal (name, "bdp.system.cyctime"))
        value = legacy = trib_param_context_dup_cyctime_string (data->self->context);
    }

  if (value != NULL)
    {
      g_string_append (data->out, value);
      return;
    }

  if (g_ptr_array_find_with_equal_func (data->undefined_names, name, g_str_equal, NULL))
    return;
  g_ptr_array_add (data->undefined_names, g_strdup (name));
  if (data->undefined->len)
    g_string_append (data->undefined, ", ");
  g_string_append_printf (data->undefined, _("${%s} (line %u)"), name, line);
}

char *
trib_param_set_substitute (TribParamSet  *self,
                           const char    *code,
                           GError       **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) undefined = g_string_new (NULL);
  g_autoptr(GPtrArray) undefined_names = g_ptr_array_new_with_free_func (g_free);
  SubstituteData data = { self, out, code, undefined, undefined_names };
  guint open_line;

  g_return_val_if_fail (TRIB_IS_PARAM_SET (self), NULL);

  if (code == NULL)
    return g_strdup ("");

  open_line = scan_references (code, substitute_one, &data);
  if (open_line != 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("\"${\" on line %u has no closing \"}\""), open_line);
      return NULL;
    }

  if (undefined_names->len == 1)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                   _("%s is not defined: add a scheduling parameter named \"%s\""),
                   undefined->str, (const char *) g_ptr_array_index (undefined_names, 0));
      return NULL;
    }
  if (undefined_names->len > 1)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                   _("%s are not defined: add scheduling parameters with these names"),
                   undefined->str);
      return NULL;
    }

  g_string_append (out, data.copied_to);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
collect_one (const char *name,
             const char *start,
             const char *end,
             guint       line,
             gpointer    user_data)
{
  GPtrArray *names = user_data;

  if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (name));
}

GStrv
trib_params_list_references (const char *code)
{
  GPtrArray *names = g_ptr_array_new_null_terminated (4, g_free, TRUE);

  if (code != NULL)
    scan_references (code, collect_one, names);
  return (GStrv) g_ptr_array_free (names, FALSE);
}
