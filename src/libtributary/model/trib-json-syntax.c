/* trib-json-syntax.c: a strict JSON syntax checker that points at the place to fix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-json-private.h"
#include "trib-text.h"

/* json-glib reports some syntax errors at the token before the mistake ("unexpected
 * string constant" on the line above a missing comma). This small checker walks the text
 * the way a person reads it and names the first character that cannot be right. */
typedef struct
{
  const char *p;
  const char *end;
  const char *start;
  const char *error_at;
  char       *message;
} Checker;

static void check_value (Checker *c, guint depth);

static char *
describe_char (Checker *c)
{
  gunichar ch;

  if (c->p >= c->end)
    return g_strdup (_("the end of the text"));
  ch = g_utf8_get_char_validated (c->p, c->end - c->p);
  if (ch == (gunichar) -1 || ch == (gunichar) -2)
    return g_strdup (_("an invalid byte"));
  if (ch == '\n')
    return g_strdup (_("the end of the line"));
  if (ch < 0x20)
    return g_strdup_printf (_("control character U+%04X"), ch);
  if (ch == '"')
    {
      const char *close = c->p + 1;
      g_autofree char *text = NULL;

      while (close < c->end && *close != '"' && *close != '\n' && close - c->p < 40)
        close++;
      if (close < c->end && *close == '"')
        {
          text = g_strndup (c->p, close - c->p + 1);
          return g_strdup_printf (_("the string %s"), text);
        }
    }
  {
    char buf[8] = { 0 };
    g_unichar_to_utf8 (ch, buf);
    return g_strdup_printf ("\"%s\"", buf);
  }
}

static void
check_fail (Checker    *c,
            const char *expected)
{
  g_autofree char *found = NULL;

  if (c->message)
    return;
  found = describe_char (c);
  c->error_at = c->p;
  /* Translators: "expected a value, found "}"". */
  c->message = g_strdup_printf (_("expected %s, found %s"), expected, found);
}

static void
skip_space (Checker *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

static void
check_string (Checker *c)
{
  const char *open = c->p;

  c->p++;
  while (c->p < c->end && !c->message)
    {
      guchar ch = (guchar) *c->p;

      if (ch == '"')
        {
          c->p++;
          return;
        }
      if (ch == '\\')
        {
          c->p++;
          if (c->p >= c->end)
            break;
          if (strchr ("\"\\/bfnrt", *c->p) && *c->p)
            c->p++;
          else if (*c->p == 'u')
            {
              const char *escape = c->p - 1;

              c->p++;
              for (int i = 0; i < 4; i++, c->p++)
                if (c->p >= c->end || !g_ascii_isxdigit (*c->p))
                  {
                    check_fail (c, _("four hexadecimal digits after \\u"));
                    return;
                  }
              /* json-glib would cut the string there, silently. */
              if (strncmp (escape + 2, "0000", 4) == 0)
                {
                  c->error_at = escape;
                  c->message = g_strdup (_("\\u0000 (a NUL character) is not allowed in a string"));
                  return;
                }
            }
          else
            {
              c->p--;
              check_fail (c, _("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"));
              return;
            }
          continue;
        }
      if (ch < 0x20)
        {
          check_fail (c, _("the closing quote of the string (a line break inside a string must be written \\n)"));
          return;
        }
      c->p++;
    }
  if (!c->message)
    {
      c->p = open;
      c->error_at = open;
      c->message = g_strdup (_("this string is never closed"));
    }
}

static void
check_number (Checker *c)
{
  if (*c->p == '-')
    c->p++;
  if (c->p < c->end && *c->p == '0')
    c->p++;
  else if (c->p < c->end && g_ascii_isdigit (*c->p))
    while (c->p < c->end && g_ascii_isdigit (*c->p))
      c->p++;
  else
    {
      check_fail (c, _("a digit"));
      return;
    }
  if (c->p < c->end && *c->p == '.')
    {
      c->p++;
      if (c->p >= c->end || !g_ascii_isdigit (*c->p))
        {
          check_fail (c, _("a digit after the decimal point"));
          return;
        }
      while (c->p < c->end && g_ascii_isdigit (*c->p))
        c->p++;
    }
  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E'))
    {
      c->p++;
      if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
        c->p++;
      if (c->p >= c->end || !g_ascii_isdigit (*c->p))
        {
          check_fail (c, _("a digit in the exponent"));
          return;
        }
      while (c->p < c->end && g_ascii_isdigit (*c->p))
        c->p++;
    }
}

static gboolean
check_literal (Checker    *c,
               const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (c->end - c->p) >= len && strncmp (c->p, word, len) == 0)
    {
      c->p += len;
      return TRUE;
    }
  return FALSE;
}

static guint
line_of (Checker    *c,
         const char *at)
{
  guint line = 1;

  for (const char *q = c->start; q < at; q++)
    line += *q == '\n';
  return line;
}

static void
check_object (Checker *c,
              guint    depth)
{
  /* Raw member names (as written, between the quotes) to the place of their first use:
   * json-glib keeps the last of two equal members without a word. */
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  c->p++;
  skip_space (c);
  if (c->p < c->end && *c->p == '}')
    {
      c->p++;
      return;
    }
  while (!c->message)
    {
      skip_space (c);
      if (c->p >= c->end || *c->p != '"')
        {
          check_fail (c, _("a member name in double quotes"));
          return;
        }
      {
        const char *name_start = c->p;
        char *name;
        gpointer first;

        check_string (c);
        if (c->message)
          return;
        name = g_strndup (name_start + 1, c->p - name_start - 2);
        if (g_hash_table_lookup_extended (names, name, NULL, &first))
          {
            g_autofree char *shown = trib_text_elide (name, 64);

            c->error_at = name_start;
            c->message = g_strdup_printf (_("duplicate member \"%s\" (also on line %u): a member may appear "
                                            "only once in an object"), shown, line_of (c, first));
            g_free (name);
            return;
          }
        g_hash_table_insert (names, name, (gpointer) name_start);
      }
      skip_space (c);
      if (c->p >= c->end || *c->p != ':')
        {
          check_fail (c, _("\":\" after the member name"));
          return;
        }
      c->p++;
      check_value (c, depth + 1);
      skip_space (c);
      if (c->message)
        return;
      if (c->p < c->end && *c->p == ',')
        {
          c->p++;
          skip_space (c);
          if (c->p < c->end && *c->p == '}')
            {
              check_fail (c, _("another member after \",\" (a trailing comma is not allowed)"));
              return;
            }
          continue;
        }
      if (c->p < c->end && *c->p == '}')
        {
          c->p++;
          return;
        }
      check_fail (c, _("\",\" or \"}\" after the member"));
      return;
    }
}

static void
check_array (Checker *c,
             guint    depth)
{
  c->p++;
  skip_space (c);
  if (c->p < c->end && *c->p == ']')
    {
      c->p++;
      return;
    }
  while (!c->message)
    {
      check_value (c, depth + 1);
      skip_space (c);
      if (c->message)
        return;
      if (c->p < c->end && *c->p == ',')
        {
          c->p++;
          skip_space (c);
          if (c->p < c->end && *c->p == ']')
            {
              check_fail (c, _("another element after \",\" (a trailing comma is not allowed)"));
              return;
            }
          continue;
        }
      if (c->p < c->end && *c->p == ']')
        {
          c->p++;
          return;
        }
      check_fail (c, _("\",\" or \"]\" after the element"));
      return;
    }
}

static void
check_value (Checker *c,
             guint    depth)
{
  skip_space (c);
  if (depth > 512)
    {
      check_fail (c, _("less nesting (more than 512 levels)"));
      return;
    }
  if (c->p >= c->end)
    {
      check_fail (c, _("a value"));
      return;
    }
  switch (*c->p)
    {
    case '{':
      check_object (c, depth);
      break;
    case '[':
      check_array (c, depth);
      break;
    case '"':
      check_string (c);
      break;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      check_number (c);
      break;
    default:
      if (!check_literal (c, "true") && !check_literal (c, "false") && !check_literal (c, "null"))
        check_fail (c, _("a value"));
      break;
    }
}

/* Returns FALSE and the position (1-based line, column in characters) of the first
 * syntax error, or TRUE if the text is well-formed as far as this checker can tell. */
gboolean
_trib_json_locate_syntax_error (const char  *data,
                                gsize        length,
                                guint       *line,
                                guint       *column,
                                char       **message)
{
  Checker c = { data, data + length, data, NULL, NULL };

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      c.error_at = data;
      c.message = g_strdup (_("the file starts with a byte order mark (BOM); save it as UTF-8 without one"));
    }
  else
    check_value (&c, 0);
  skip_space (&c);
  if (!c.message && c.p < c.end)
    check_fail (&c, _("the end of the text after the value"));
  if (!c.message)
    return TRUE;

  *line = 1;
  *column = 1;
  for (const char *q = data; q < c.error_at; q = g_utf8_next_char (q))
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
  *message = c.message;
  return FALSE;
}
