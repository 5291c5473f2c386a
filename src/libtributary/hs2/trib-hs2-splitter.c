/* trib-hs2-splitter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-hs2-splitter.h"

void
trib_hs2_statement_free (TribHs2Statement *statement)
{
  if (statement == NULL)
    return;
  g_free (statement->text);
  g_free (statement);
}

/* Whether [start, end) has anything besides blanks and comments. */
static gboolean
has_code (const char *start,
          const char *end)
{
  const char *p = start;

  while (p < end)
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (p[0] == '-' && p + 1 < end && p[1] == '-')
        {
          while (p < end && *p != '\n')
            p++;
        }
      else if (p[0] == '/' && p + 1 < end && p[1] == '*')
        {
          p += 2;
          while (p + 1 < end && !(p[0] == '*' && p[1] == '/'))
            p++;
          p = MIN (p + 2, end);
        }
      else
        return TRUE;
    }
  return FALSE;
}

static void
add_statement (GPtrArray  *out,
               const char *start,
               const char *end,
               guint       line)
{
  TribHs2Statement *st;
  char *text;

  if (!has_code (start, end))
    return;
  /* Skip the blank lines before the statement, so that @line is where its text starts. */
  while (start < end && g_ascii_isspace (*start))
    {
      if (*start == '\n')
        line++;
      start++;
    }
  text = g_strndup (start, (gsize) (end - start));
  g_strchomp (text);
  st = g_new0 (TribHs2Statement, 1);
  st->text = text;
  st->line = line;
  g_ptr_array_add (out, st);
}

GPtrArray *
trib_hs2_split_statements (const char *script)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_statement_free);
  const char *p = script;
  const char *start = script;
  guint line = 1, start_line = 1;

  g_return_val_if_fail (script != NULL, out);

  while (*p)
    {
      char c = *p;

      if (c == '\'' || c == '"' || c == '`')
        {
          /* Quoted: a backslash escapes in strings (Hive/Spark), doubling escapes in all. */
          p++;
          while (*p)
            {
              if (*p == '\n')
                line++;
              if (*p == '\\' && c != '`' && p[1])
                {
                  if (p[1] == '\n')
                    line++;
                  p += 2;
                  continue;
                }
              if (*p == c)
                {
                  if (p[1] == c)
                    {
                      p += 2;
                      continue;
                    }
                  break;
                }
              p++;
            }
          if (*p)
            p++;
        }
      else if (c == '-' && p[1] == '-')
        {
          while (*p && *p != '\n')
            p++;
        }
      else if (c == '/' && p[1] == '*')
        {
          p += 2;
          while (*p && !(p[0] == '*' && p[1] == '/'))
            {
              if (*p == '\n')
                line++;
              p++;
            }
          if (*p)
            p += 2;
        }
      else if (c == ';')
        {
          add_statement (out, start, p, start_line);
          p++;
          start = p;
          start_line = line;
        }
      else
        {
          if (c == '\n')
            line++;
          p++;
        }
    }
  add_statement (out, start, p, start_line);
  return out;
}

char *
trib_hs2_substitute_params (const char  *text,
                            GHashTable  *params,
                            GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p)
    {
      if (p[0] == '$' && p[1] == '$' && p[2] == '{')
        {
          g_string_append (out, "${");
          p += 3;
        }
      else if (p[0] == '$' && p[1] == '{')
        {
          const char *end = strchr (p + 2, '}');
          g_autofree char *name = NULL;
          const char *value;

          if (end == NULL)
            {
              g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                           _("An unclosed “${” in the SQL text"));
              return NULL;
            }
          name = g_strstrip (g_strndup (p + 2, (gsize) (end - p - 2)));
          value = params ? g_hash_table_lookup (params, name) : NULL;
          if (value == NULL)
            {
              g_set_error (error, TRIB_ERROR, TRIB_ERROR_NOT_FOUND,
                           _("The parameter ${%s} is not defined"), name);
              return NULL;
            }
          g_string_append (out, value);
          p = end + 1;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
