/* trib-param-parser.h: the pieces of a parameter value's parser (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "trib-param-context.h"

G_BEGIN_DECLS

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

gboolean  _trib_param_fail            (Parser              *self,
                                       const char          *at,
                                       const char          *format,
                                       ...) G_GNUC_PRINTF (3, 4);
/* "unexpected "x" at column N", with a hint for capital format letters. */
gboolean  _trib_param_fail_unexpected (Parser              *self,
                                       const char          *at);
guint     _trib_param_column_of       (Parser              *self,
                                       const char          *at);
void      _trib_param_skip_spaces     (Parser              *self);
/* number (("*" | "/") number)* */
gboolean  _trib_param_parse_term      (Parser              *self,
                                       Ratio               *term);
/* (("+" | "-") term)*, up to the end of the body */
gboolean  _trib_param_parse_offset    (Parser              *self,
                                       Ratio               *offset);
/* Tokens up to the first character that is not one; @with_time says whether hh24, hh,
 * mi and ss are allowed ($[...]) or an error (${...}). */
gboolean  _trib_param_parse_format    (Parser              *self,
                                       Format              *format,
                                       gboolean             with_time);
/* Days to whole seconds, rounding half away from zero. */
gint64    _trib_param_ratio_to_seconds (const Ratio        *days);
void      _trib_param_append_formatted (GString            *out,
                                        const Format       *format,
                                        const TribCivilTime *time);

G_END_DECLS
