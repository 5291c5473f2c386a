/* trib-param-expr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-param-expr.h"

typedef enum
{
  TOKEN_LITERAL,
  TOKEN_YYYY,
  TOKEN_YY,
  TOKEN_MM,
  TOKEN_DD,
  TOKEN_HH24,
  TOKEN_HH,
  TOKEN_MI,
  TOKEN_SS,
} TokenKind;

typedef struct
{
  TokenKind kind;
  char      literal;
} Token;

#define MAX_TOKENS 64

typedef struct
{
  Token tokens[MAX_TOKENS];
  guint n;
  guint has_year : 1;
  guint has_month : 1;
  guint has_day : 1;
} Format;

/* Offsets are exact fractions of a day until the last step, so that -15/24/60 is 900
 * seconds and not 899.99... */
typedef struct
{
  gint64 num;
  gint64 den;
} Ratio;

/* Ten thousand years either way is more than any date can move and still print. */
#define MAX_OFFSET_DAYS G_GINT64_CONSTANT (3660000)

typedef struct
{
  const char        *value;
  const char        *p;
  const char        *end;
  const char        *dollar;
  TribParamContext  *context;
  GError           **error;
  guint              error_column;
  gboolean           failed;
} Parser;

static const char * const system_names[] = {
  "bizdate", "cyctime", "gmtdate", "bizmonth", "jobid", "nodeid", "taskid", NULL,
};

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

gboolean
trib_param_is_system_name (const char *name)
{
  return name != NULL && g_strv_contains (system_names, name);
}

static guint
column_of (Parser     *self,
           const char *at)
{
  return (guint) g_utf8_pointer_to_offset (self->value, at);
}

static gboolean
fail (Parser     *self,
      const char *at,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Parser     *self,
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
  self->error_column = column_of (self, at);
  g_set_error (self->error, TRIB_ERROR, TRIB_ERROR_INVALID, "%s: %s", self->value, message);
  return FALSE;
}

static gboolean
fail_unexpected (Parser     *self,
                 const char *at)
{
  g_autofree char *text = NULL;

  if (at >= self->end || *at == '\0')
    return fail (self, at, _("unexpected end at column %u"), column_of (self, at));

  text = g_strndup (at, g_utf8_next_char (at) - at);
  if (strchr ("YMDHIS", *at) != NULL)
    return fail (self, at, _("unexpected \"%s\" at column %u (format letters are lower case: yyyy mm dd hh24 mi ss)"),
                 text, column_of (self, at));
  if (*at == ' ' || *at == '\t')
    return fail (self, at, _("unexpected space at column %u"), column_of (self, at));
  return fail (self, at, _("unexpected \"%s\" at column %u"), text, column_of (self, at));
}

static void
skip_spaces (Parser *self)
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
static gint64
ratio_to_seconds (const Ratio *days)
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
        return fail (self, self->p, _("expected a number at column %u"), column_of (self, self->p));
      return fail_unexpected (self, self->p);
    }

  while (self->p < self->end && g_ascii_isdigit (*self->p))
    {
      if (++digits > 9)
        return fail (self, start, _("the number at column %u is too large"), column_of (self, start));
      value = value * 10 + (*self->p - '0');
      self->p++;
    }

  if (self->p < self->end && *self->p == '.')
    {
      guint decimals = 0;

      self->p++;
      if (self->p >= self->end || !g_ascii_isdigit (*self->p))
        return fail_unexpected (self, self->p);
      while (self->p < self->end && g_ascii_isdigit (*self->p))
        {
          if (++decimals > 6)
            return fail (self, start, _("the number at column %u has too many decimals"), column_of (self, start));
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
static gboolean
parse_term (Parser *self,
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

      skip_spaces (self);
      if (self->p >= self->end || (*self->p != '*' && *self->p != '/'))
        {
          self->p = save;
          return TRUE;
        }
      op_at = self->p;
      op = *self->p++;
      skip_spaces (self);
      if (!parse_number (self, &factor))
        return FALSE;
      if (op == '/' && factor.num == 0)
        return fail (self, op_at, _("division by zero at column %u"), column_of (self, op_at));
      if (!(op == '*' ? ratio_mul (term, &factor) : ratio_div (term, &factor)) || !ratio_in_range (term))
        return fail (self, start, _("the offset at column %u is too large"), column_of (self, start));
    }
}

/* (("+" | "-") term)*, up to the end of the body */
static gboolean
parse_offset (Parser *self,
              Ratio  *offset)
{
  offset->num = 0;
  offset->den = 1;

  skip_spaces (self);
  while (self->p < self->end)
    {
      const char *start = self->p;
      gboolean negative;
      Ratio term;

      if (*self->p != '+' && *self->p != '-')
        return fail_unexpected (self, self->p);
      negative = *self->p == '-';
      self->p++;
      skip_spaces (self);
      if (!parse_term (self, &term))
        return FALSE;
      if (negative)
        term.num = -term.num;
      if (!ratio_add (offset, &term) || !ratio_in_range (offset))
        return fail (self, start, _("the offset at column %u is too large"), column_of (self, start));
      skip_spaces (self);
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
static gboolean
parse_format (Parser   *self,
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
          return fail (self, p, _("\"%s\" at column %u needs $[...]: ${...} is the business date, to the day"),
                       text, column_of (self, p));
        }

      if (format->n == MAX_TOKENS)
        return fail (self, start, _("the format at column %u is too long"), column_of (self, start));

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
        return fail_unexpected (self, self->p);
      if (self->p < self->end && g_ascii_isalpha (*self->p))
        return fail_unexpected (self, self->p);
      return fail (self, start, _("expected a date format such as yyyymmdd at column %u"),
                   column_of (self, start));
    }
  return TRUE;
}

static void
append_formatted (GString             *out,
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

static gboolean
check_year (Parser              *self,
            const char          *at,
            const TribCivilTime *time)
{
  if (time->year < 1 || time->year > 9999)
    return fail (self, at, _("the date at column %u falls outside the years 1 to 9999"), column_of (self, at));
  return TRUE;
}

/* add_months(FORMAT, N): sets *months and leaves the cursor after ")". */
static gboolean
parse_add_months (Parser *self,
                  Format *format,
                  int    *months)
{
  const char *count_at;
  gboolean negative = FALSE;
  Ratio count;

  self->p += strlen ("add_months");
  skip_spaces (self);
  self->p++;  /* "(" */
  skip_spaces (self);
  if (!parse_format (self, format, TRUE))
    return FALSE;
  skip_spaces (self);
  if (self->p >= self->end || *self->p != ',')
    return fail_unexpected (self, self->p);
  self->p++;
  skip_spaces (self);

  count_at = self->p;
  if (self->p < self->end && (*self->p == '-' || *self->p == '+'))
    {
      negative = *self->p == '-';
      self->p++;
      skip_spaces (self);
    }
  if (!parse_term (self, &count))
    return FALSE;
  if (count.den != 1)
    return fail (self, count_at, _("add_months needs a whole number of months at column %u"),
                 column_of (self, count_at));
  if (count.num > 120000)
    return fail (self, count_at, _("the number of months at column %u is too large"), column_of (self, count_at));
  *months = (int) (negative ? -count.num : count.num);

  skip_spaces (self);
  if (self->p >= self->end || *self->p != ')')
    return fail_unexpected (self, self->p);
  self->p++;
  return TRUE;
}

/* $[...]: self->p is on the first character after "[", self->end on "]". */
static gboolean
eval_cyctime (Parser  *self,
              GString *out)
{
  const char *start;
  TribCivilTime time;
  Format format;
  Ratio offset;
  gint64 seconds;
  int months = 0;

  skip_spaces (self);
  while (self->end > self->p && (self->end[-1] == ' ' || self->end[-1] == '\t'))
    self->end--;
  start = self->p;

  if (self->p == self->end)
    return fail (self, start, _("expected a date format such as yyyymmdd at column %u"), column_of (self, start));

  if (g_str_has_prefix (self->p, "add_months") && (gsize) (self->end - self->p) > strlen ("add_months"))
    {
      const char *q = self->p + strlen ("add_months");

      while (q < self->end && (*q == ' ' || *q == '\t'))
        q++;
      if (q < self->end && *q == '(')
        {
          if (!parse_add_months (self, &format, &months))
            return FALSE;
        }
      else if (!parse_format (self, &format, TRUE))
        return FALSE;
    }
  else if (!parse_format (self, &format, TRUE))
    return FALSE;

  if (!parse_offset (self, &offset))
    return FALSE;

  if (self->context == NULL)
    return TRUE;

  trib_param_context_get_cyctime_fields (self->context, &time);
  trib_civil_add_months (&time, months);

  /* As java.time does: whole days move the calendar (the same wall time on another
   * day), the rest moves the clock (an hour earlier is 3600 s earlier, also across a
   * daylight-saving change). */
  seconds = ratio_to_seconds (&offset);
  trib_civil_from_seconds (trib_civil_to_seconds (&time) + (seconds / 86400) * 86400, &time);
  if (!check_year (self, start, &time))
    return FALSE;
  if (seconds % 86400 != 0)
    {
      GDateTime *cyctime = trib_param_context_get_cyctime (self->context);
      GTimeZone *zone = g_date_time_get_timezone (cyctime);
      g_autoptr(GDateTime) wall = NULL;
      g_autoptr(GDateTime) moved = NULL;

      /* Unmoved, the cyctime itself also knows which of two equal wall times it is. */
      if (months == 0 && seconds / 86400 == 0)
        wall = g_date_time_ref (cyctime);
      else
        wall = g_date_time_new (zone, time.year, time.month, time.day, time.hour, time.minute, time.second);
      if (wall)
        moved = g_date_time_add_seconds (wall, (double) (seconds % 86400));

      if (moved == NULL)
        return fail (self, start, _("the date at column %u falls outside the years 1 to 9999"),
                     column_of (self, start));
      trib_civil_from_date_time (moved, &time);
    }
  append_formatted (out, &format, &time);
  return TRUE;
}

static gboolean
is_identifier (const char *p,
               const char *end)
{
  if (p >= end || !(g_ascii_isalpha (*p) || *p == '_'))
    return FALSE;
  for (; p < end; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

/* ${...}: self->p is on the first character after "{", self->end on "}". */
static gboolean
eval_bizdate (Parser  *self,
              GString *out)
{
  g_autofree char *body = NULL;
  const char *start;
  const char *offset_at;
  TribCivilTime time;
  Format format;
  Ratio offset;
  gint64 count;

  skip_spaces (self);
  while (self->end > self->p && (self->end[-1] == ' ' || self->end[-1] == '\t'))
    self->end--;
  start = self->p;
  body = g_strndup (self->p, self->end - self->p);

  if (g_str_equal (body, "bdp.system.bizdate") || g_str_equal (body, "bdp.system.cyctime"))
    {
      if (self->context)
        {
          g_autofree char *text = g_str_equal (body, "bdp.system.bizdate")
                                    ? trib_param_context_dup_bizdate (self->context)
                                    : trib_param_context_dup_cyctime_string (self->context);
          g_string_append (out, text);
        }
      self->p = self->end;
      return TRUE;
    }

  /* ${name} is how code refers to a parameter; in a value it is not a date. */
  if (is_identifier (self->p, self->end) && strspn (body, "ymdhisYMDHIS24_") != strlen (body))
    return fail (self, self->dollar,
                 _("\"${%s}\" at column %u is not a date format: in a parameter value, ${...} is the business date, as in ${yyyymmdd}"),
                 body, column_of (self, self->dollar));

  if (!parse_format (self, &format, FALSE))
    return FALSE;
  offset_at = self->p;
  while (offset_at < self->end && (*offset_at == ' ' || *offset_at == '\t'))
    offset_at++;
  if (!parse_offset (self, &offset))
    return FALSE;
  if (offset.den != 1)
    return fail (self, offset_at,
                 _("the offset at column %u is not whole: ${...} moves by days, months or years; use $[...] for hours and minutes"),
                 column_of (self, offset_at));

  if (self->context == NULL)
    return TRUE;

  count = offset.num;
  trib_param_context_get_bizdate_fields (self->context, &time);
  if (format.has_day)
    {
      gint64 days = trib_civil_days_from_date (time.year, time.month, time.day) + count;
      trib_civil_date_from_days (days, &time.year, &time.month, &time.day);
    }
  else if (format.has_month)
    trib_civil_add_months (&time, (int) CLAMP (count, -120000, 120000));
  else
    trib_civil_add_months (&time, (int) CLAMP (count, -10000, 10000) * 12);

  if (!check_year (self, start, &time))
    return FALSE;
  append_formatted (out, &format, &time);
  return TRUE;
}

static gboolean
eval_system_name (Parser     *self,
                  const char *name,
                  const char *at,
                  GString    *out)
{
  TribParamContext *ctx = self->context;

  if (!trib_param_is_system_name (name))
    return fail (self, at,
                 _("unknown system parameter \"$%s\" at column %u (there are $bizdate, $cyctime, $gmtdate, $bizmonth, $jobid, $nodeid and $taskid)"),
                 name, column_of (self, at));
  if (ctx == NULL)
    return TRUE;

  if (g_str_equal (name, "bizdate"))
    {
      g_autofree char *text = trib_param_context_dup_bizdate (ctx);
      g_string_append (out, text);
    }
  else if (g_str_equal (name, "cyctime"))
    {
      g_autofree char *text = trib_param_context_dup_cyctime_string (ctx);
      g_string_append (out, text);
    }
  else if (g_str_equal (name, "gmtdate"))
    {
      TribCivilTime cyctime;
      g_autofree char *text = NULL;

      trib_param_context_get_cyctime_fields (ctx, &cyctime);
      text = trib_civil_format_date (&cyctime);
      g_string_append (out, text);
    }
  else if (g_str_equal (name, "bizmonth"))
    {
      TribCivilTime cyctime, bizdate;

      trib_param_context_get_cyctime_fields (ctx, &cyctime);
      trib_param_context_get_bizdate_fields (ctx, &bizdate);
      if (bizdate.year == cyctime.year && bizdate.month == cyctime.month)
        trib_civil_add_months (&bizdate, -1);
      g_string_append_printf (out, "%04d%02d", bizdate.year, bizdate.month);
    }
  else if (g_str_equal (name, "jobid"))
    g_string_append (out, trib_param_context_get_job_id (ctx) ? trib_param_context_get_job_id (ctx) : "");
  else if (g_str_equal (name, "nodeid"))
    g_string_append (out, trib_param_context_get_node_id (ctx) ? trib_param_context_get_node_id (ctx) : "");
  else if (g_str_equal (name, "taskid"))
    g_string_append (out, trib_param_context_get_task_id (ctx) ? trib_param_context_get_task_id (ctx) : "");
  return TRUE;
}

static char *
evaluate (const char        *value,
          TribParamContext  *context,
          guint             *error_column,
          GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *value_end;
  const char *p;
  Parser parser = { 0 };

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (context == NULL || TRIB_IS_PARAM_CONTEXT (context), NULL);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("the value is not valid UTF-8"));
      return NULL;
    }

  parser.value = value;
  parser.context = context;
  parser.error = error;
  value_end = value + strlen (value);
  p = value;

  while (p < value_end)
    {
      const char *dollar;
      gboolean ok = TRUE;

      if (*p != '$')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      dollar = p;

      if (p[1] == '[' || p[1] == '{')
        {
          char close = p[1] == '[' ? ']' : '}';
          const char *body = p + 2;
          const char *end = memchr (body, close, value_end - body);

          if (end == NULL)
            {
              fail (&parser, dollar, _("\"$%c\" at column %u has no closing \"%c\""),
                    p[1], column_of (&parser, dollar), close);
              ok = FALSE;
            }
          else
            {
              parser.p = body;
              parser.end = end;
              parser.dollar = dollar;
              ok = close == ']' ? eval_cyctime (&parser, out) : eval_bizdate (&parser, out);
              p = end + 1;
            }
        }
      else if (g_ascii_isalpha (p[1]))
        {
          const char *q = p + 1;
          g_autofree char *name = NULL;

          while (q < value_end && (g_ascii_isalnum (*q) || *q == '_'))
            q++;
          name = g_strndup (p + 1, q - p - 1);
          ok = eval_system_name (&parser, name, dollar, out);
          p = q;
        }
      else
        g_string_append_c (out, *p++);

      if (!ok)
        {
          if (error_column)
            *error_column = parser.error_column;
          return NULL;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
trib_param_evaluate_full (const char        *value,
                          TribParamContext  *context,
                          guint             *error_column,
                          GError           **error)
{
  g_return_val_if_fail (TRIB_IS_PARAM_CONTEXT (context), NULL);
  return evaluate (value, context, error_column, error);
}

char *
trib_param_evaluate (const char        *value,
                     TribParamContext  *context,
                     GError           **error)
{
  return trib_param_evaluate_full (value, context, NULL, error);
}

gboolean
trib_param_check (const char  *value,
                  guint       *error_column,
                  GError     **error)
{
  g_autofree char *result = evaluate (value, NULL, error_column, error);

  return result != NULL;
}
