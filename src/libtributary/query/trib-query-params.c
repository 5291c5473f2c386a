/* trib-query-params.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-param-expr.h"
#include "trib-query-params.h"

typedef void (*ParamFunc) (const char *name,
                           const char *start,
                           const char *end,
                           gpointer    data);

/* Calls @func for each parameter; returns FALSE at an unclosed one (@bad points to it). */
static gboolean
scan (const char  *sql,
      ParamFunc    func,
      gpointer     data,
      const char **bad)
{
  const char *p = sql;

  while (*p)
    {
      if (p[0] == '$' && p[1] == '$' && p[2] == '{')
        p += 3;
      else if (p[0] == '$' && (p[1] == '{' || p[1] == '['))
        {
          char close = p[1] == '{' ? '}' : ']';
          const char *end = strchr (p + 2, close);

          if (end == NULL)
            {
              *bad = p;
              return FALSE;
            }
          if (close == '}')
            {
              g_autofree char *name = g_strstrip (g_strndup (p + 2, (gsize) (end - p - 2)));
              func (name, p, end + 1, data);
            }
          else
            {
              g_autofree char *whole = g_strndup (p, (gsize) (end + 1 - p));
              func (whole, p, end + 1, data);
            }
          p = end + 1;
        }
      else
        p++;
    }
  return TRUE;
}

static void
collect (const char *name,
         const char *start,
         const char *end,
         gpointer    data)
{
  GPtrArray *names = data;

  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return;
  g_ptr_array_add (names, g_strdup (name));
}

GStrv
trib_query_params_find (const char *sql)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *bad = NULL;

  g_return_val_if_fail (sql != NULL, NULL);

  scan (sql, collect, names, &bad);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

TribParamContext *
trib_query_params_context_new_now (GTimeZone *time_zone)
{
  g_autoptr(GTimeZone) local = time_zone ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (local);

  return trib_param_context_new (now, "adhoc", "adhoc", "adhoc");
}

char *
trib_query_params_default_value (const char       *name,
                                 TribParamContext *context)
{
  g_autofree char *expression = NULL;
  char *value;

  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "bizdate") || g_str_equal (name, "bdp.system.bizdate"))
    return trib_param_context_dup_bizdate (context);
  if (g_str_equal (name, "cyctime") || g_str_equal (name, "bdp.system.cyctime"))
    return trib_param_context_dup_cyctime_string (context);

  /* $[yyyymmdd-1] as it is; ${yyyymmdd} as DataWorks reads it in a parameter value. */
  if (name[0] == '$')
    expression = g_strdup (name);
  else
    expression = g_strdup_printf ("${%s}", name);
  value = trib_param_evaluate (expression, context, NULL);
  if (value == NULL || g_str_equal (value, expression))
    {
      g_free (value);
      return g_strdup ("");
    }
  return value;
}

typedef struct
{
  GString    *out;
  const char *copied;
  GHashTable *values;
  GError     *error;
} Apply;

static void
replace (const char *name,
         const char *start,
         const char *end,
         gpointer    data)
{
  Apply *a = data;
  const char *value;

  if (a->error)
    return;
  value = g_hash_table_lookup (a->values, name);
  if (value == NULL)
    {
      if (name[0] == '$')
        g_set_error (&a->error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("The parameter %s has no value"), name);
      else
        g_set_error (&a->error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND, _("The parameter ${%s} has no value"), name);
      return;
    }
  g_string_append_len (a->out, a->copied, start - a->copied);
  g_string_append (a->out, value);
  a->copied = end;
}

char *
trib_query_params_apply (const char  *sql,
                         GHashTable  *values,
                         GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) empty = NULL;
  Apply a = { out, sql, values, NULL };
  const char *bad = NULL;

  g_return_val_if_fail (sql != NULL, NULL);

  if (values == NULL)
    a.values = empty = g_hash_table_new (g_str_hash, g_str_equal);
  if (!scan (sql, replace, &a, &bad))
    {
      guint line = 1;

      for (const char *p = sql; p < bad; p++)
        line += *p == '\n';
      g_clear_error (&a.error);
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("Line %u: “%c%c” is not closed"), line, bad[0], bad[1]);
      return NULL;
    }
  if (a.error)
    {
      g_propagate_error (error, a.error);
      return NULL;
    }
  g_string_append (out, a.copied);
  /* "$${" stays a literal "${", as the executor reads it. */
  g_string_replace (out, "$${", "${", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
trib_query_params_to_string (GHashTable *values)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  if (values == NULL)
    return g_string_free (out, FALSE);
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s=%s", i ? " " : "", (char *) g_ptr_array_index (names, i),
                            (char *) g_hash_table_lookup (values, g_ptr_array_index (names, i)));
  return g_string_free (out, FALSE);
}
