/* trib-param-parser.c: numbers, offsets and formats of parameter values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-param-parser.h"
#include "trib-text.h"

static const struct
{
  const char *text;
  TokenKind   kind;
} token_table[] = {
  /* Longest first: yyyy before yy, hh24 before hh. */
  { "yyyy", TOKEN_YYYY },
  { "yy", TOKEN_YY },
  { "mm", TOKEN_MM },
  { "dd", TOKEN_DD },
  { "hh24", TOKEN_HH24 },
  { "hh", TOKEN_HH },
  { "mi", TOKEN_MI },
  { "ss", TOKEN_SS },
};

guint
_trib_param_column_of (Parser     *self,
                       const char *at)
{
  return (guint) g_utf8_pointer_to_offset (self->value, at);
}

gboolean
_trib_param_fail (Parser     *self,
                  const char *at,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->failed)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  self->failed = TRUE;
  self->error_column = _trib_param_column_of (self, at);
  {
    /* A 100 KB token is not echoed whole: the column says where the problem is. */
    g_autofree char *shown = trib_text_elide (self->value, 120);

    g_set_error (self->error, TRIB_ERROR, TRIB_ERROR_INVALID, "%s: %s", shown, message);
  }
  return FALSE;
}

gboolean
_trib_param_fail_unexpected (Parser     *self,
                             const char *at)
{
  g_autofree char *text = NULL;

  if (at >= self->end || *at == '\0')
    return _trib_param_fail (self, at, _("unexpected end at column %u"), _trib_param_column_of (self, at));

  text = g_strndup (at, g_utf8_next_char (at) - at);
  if (strchr ("YMDHIS", *at) != NULL)
    return _trib_param_fail (self, at, _("unexpected \"%s\" at column %u (format letters are lower "
                                         "case: yyyy mm dd hh24 mi ss)"),
                 text, _trib_param_column_of (self, at));
  if (*at == ' ' || *at == '\t')
    return _trib_param_fail (self, at, _("unexpected space at column %u"), _trib_param_column_of (self, at));
  return _trib_param_fail (self, at, _("unexpected \"%s\" at column %u"), text, _trib_param_column_of (self, at));
}

void
_trib_param_skip_spaces (Parser *self)
{
  while (self->p < self->end && (*self->p == ' ' || *self->p == '\t'))
    self->p++;
}

static gint64
gcd64 (gint64 a,
       gint64 b)
{
  if (a < 0)
    a = -a;
  while (b != 0)
    {
      gint64 t = a % b;
      a = b;
      b = t;
    }
  return a == 0 ? 1 : a;
}

static void
ratio_reduce (Ratio *r)
{
  gint64 g = gcd64 (r->num, r->den);

  r->num /= g;
  r->den /= g;
}

static gboolean
ratio_mul (Ratio       *r,
           const Ratio *by)
{
  if (__builtin_mul_overflow (r->num, by->num, &r->num) ||
      __builtin_mul_overflow (r->den, by->den, &r->den))
    return FALSE;
  ratio_reduce (r);
  return TRUE;
}

static gboolean
ratio_div (Ratio       *r,
           const Ratio *by)
{
  Ratio inverse = { by->den, by->num };

  if (inverse.den < 0)
    {
      inverse.num = -inverse.num;
      inverse.den = -inverse.den;
    }
  return ratio_mul (r, &inverse);
}

static gboolean
ratio_add (Ratio       *r,
           const Ratio *other)
{
  gint64 a, b, den;

  if (__builtin_mul_overflow (r->num, other->den, &a) ||
      __builtin_mul_overflow (other->num, r->den, &b) ||
      __builtin_mul_overflow (r->den, other->den, &den) ||
      __builtin_add_overflow (a, b, &r->num))
    return FALSE;
  r->den = den;
  ratio_reduce (r);
  return TRUE;
}

static gboolean
ratio_in_range (const Ratio *r)
{
  return r->num / r->den <= MAX_OFFSET_DAYS && r->num / r->den >= -MAX_OFFSET_DAYS;
}

/* Days as a fraction, to whole seconds, rounding half away from zero. */
gint64
_trib_param_ratio_to_seconds (const Ratio *days)
{
  gint64 scaled, q, r;

  if (__builtin_mul_overflow (days->num, 86400, &scaled))
    {
      double seconds = (double) days->num / (double) days->den * 86400.0;
      return (gint64) (seconds < 0 ? seconds - 0.5 : seconds + 0.5);
    }
  q = scaled / days->den;
  r = scaled % days->den;

  if (2 * (r < 0 ? -r : r) >= days->den)
    q += scaled < 0 ? -1 : 1;
  return q;
}

static gboolean
parse_number (Parser *self,
              Ratio  *number)
{
  const char *start = self->p;
  gint64 value = 0;
  gint64 scale = 1;
  guint digits = 0;

  if (self->p >= self->end || !g_ascii_isdigit (*self->p))
    {
      if (self->p >= self->end)
        return _trib_param_fail (self, self->p, _("expected a number at column %u"), _trib_param_column_of (self, self->p));
      return _trib_param_fail_unexpected (self, self->p);
    }

  while (self->p < self->end && g_ascii_isdigit (*self->p))
    {
      if (++digits > 9)
        return _trib_param_fail (self, start, _("the number at column %u is too large"), _trib_param_column_of (self, start));
      value = value * 10 + (*self->p - '0');
      self->p++;
    }

  if (self->p < self->end && *self->p == '.')
    {
      guint decimals = 0;

      self->p++;
      if (self->p >= self->end || !g_ascii_isdigit (*self->p))
        return _trib_param_fail_unexpected (self, self->p);
      while (self->p < self->end && g_ascii_isdigit (*self->p))
        {
          if (++decimals > 6)
            return _trib_param_fail (self, start, _("the number at column %u has too many decimals"), _trib_param_column_of (self, start));
          value = value * 10 + (*self->p - '0');
          scale *= 10;
          self->p++;
        }
    }

  number->num = value;
  number->den = scale;
  ratio_reduce (number);
  return TRUE;
}

/* number (("*" | "/") number)* */
gboolean
_trib_param_parse_term (Parser *self,
                        Ratio  *term)
{
  const char *start = self->p;

  if (!parse_number (self, term))
    return FALSE;

  for (;;)
    {
      const char *save = self->p;
      const char *op_at;
      Ratio factor;
      char op;

      _trib_param_skip_spaces (self);
      if (self->p >= self->end || (*self->p != '*' && *self->p != '/'))
        {
          self->p = save;
          return TRUE;
        }
      op_at = self->p;
      op = *self->p++;
      _trib_param_skip_spaces (self);
      if (!parse_number (self, &factor))
        return FALSE;
      if (op == '/' && factor.num == 0)
        return _trib_param_fail (self, op_at, _("division by zero at column %u"), _trib_param_column_of (self, op_at));
      if (!(op == '*' ? ratio_mul (term, &factor) : ratio_div (term, &factor)) || !ratio_in_range (term))
        return _trib_param_fail (self, start, _("the offset at column %u is too large"), _trib_param_column_of (self, start));
    }
}

/* (("+" | "-") term)*, up to the end of the body */
gboolean
_trib_param_parse_offset (Parser *self,
                          Ratio  *offset)
{
  offset->num = 0;
  offset->den = 1;

  _trib_param_skip_spaces (self);
  while (self->p < self->end)
    {
      const char *start = self->p;
      gboolean negative;
      Ratio term;

      if (*self->p != '+' && *self->p != '-')
        return _trib_param_fail_unexpected (self, self->p);
      negative = *self->p == '-';
      self->p++;
      _trib_param_skip_spaces (self);
      if (!_trib_param_parse_term (self, &term))
        return FALSE;
      if (negative)
        term.num = -term.num;
      if (!ratio_add (offset, &term) || !ratio_in_range (offset))
        return _trib_param_fail (self, start, _("the offset at column %u is too large"), _trib_param_column_of (self, start));
      _trib_param_skip_spaces (self);
    }
  return TRUE;
}

static gboolean
digit_follows (const char *p,
               const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p < end && g_ascii_isdigit (*p);
}

/* Tokens up to the first character that is not one; @with_time says whether the hour,
 * minute and second tokens are allowed ($[...]) or an error (${...}). */
gboolean
_trib_param_parse_format (Parser   *self,
                          Format   *format,
                          gboolean  with_time)
{
  const char *start = self->p;
  gboolean has_field = FALSE;

  memset (format, 0, sizeof *format);

  while (self->p < self->end)
    {
      const char *p = self->p;
      Token token = { TOKEN_LITERAL, 0 };
      gsize length = 0;

      for (guint i = 0; i < G_N_ELEMENTS (token_table); i++)
        {
          gsize n = strlen (token_table[i].text);

          if ((gsize) (self->end - p) >= n && strncmp (p, token_table[i].text, n) == 0)
            {
              token.kind = token_table[i].kind;
              length = n;
              break;
            }
        }

      if (length == 0)
        {
          /* "-1" starts the offset, and so does a "-" with nothing after it. */
          if (*p == '-' && (digit_follows (p + 1, self->end) || p + 1 == self->end))
            break;
          if (*p != '-' && *p != ':' && *p != '_' && *p != '/')
            break;
          token.literal = *p;
          length = 1;
        }

      if (!with_time && token.kind >= TOKEN_HH24)
        {
          g_autofree char *text = g_strndup (p, length);
          return _trib_param_fail (self, p, _("\"%s\" at column %u needs $[...]: ${...} is the business "
                                              "date, to the day"),
                       text, _trib_param_column_of (self, p));
        }

      if (format->n == MAX_TOKENS)
        return _trib_param_fail (self, start, _("the format at column %u is too long"), _trib_param_column_of (self, start));

      format->tokens[format->n++] = token;
      has_field |= token.kind != TOKEN_LITERAL;
      format->has_year |= token.kind == TOKEN_YYYY || token.kind == TOKEN_YY;
      format->has_month |= token.kind == TOKEN_MM;
      format->has_day |= token.kind == TOKEN_DD;
      self->p += length;
    }

  if (!has_field)
    {
      if (self->p < self->end && self->p != start)
        return _trib_param_fail_unexpected (self, self->p);
      if (self->p < self->end && g_ascii_isalpha (*self->p))
        return _trib_param_fail_unexpected (self, self->p);
      return _trib_param_fail (self, start, _("expected a date format such as yyyymmdd at column %u"),
                   _trib_param_column_of (self, start));
    }
  return TRUE;
}

void
_trib_param_append_formatted (GString             *out,
                              const Format        *format,
                              const TribCivilTime *time)
{
  for (guint i = 0; i < format->n; i++)
    {
      const Token *token = &format->tokens[i];

      switch (token->kind)
        {
        case TOKEN_LITERAL:
          g_string_append_c (out, token->literal);
          break;
        case TOKEN_YYYY:
          g_string_append_printf (out, "%04d", time->year);
          break;
        case TOKEN_YY:
          g_string_append_printf (out, "%02d", time->year % 100);
          break;
        case TOKEN_MM:
          g_string_append_printf (out, "%02d", time->month);
          break;
        case TOKEN_DD:
          g_string_append_printf (out, "%02d", time->day);
          break;
        case TOKEN_HH24:
          g_string_append_printf (out, "%02d", time->hour);
          break;
        case TOKEN_HH:
          g_string_append_printf (out, "%02d", time->hour % 12 == 0 ? 12 : time->hour % 12);
          break;
        case TOKEN_MI:
          g_string_append_printf (out, "%02d", time->minute);
          break;
        case TOKEN_SS:
          g_string_append_printf (out, "%02d", time->second);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}
