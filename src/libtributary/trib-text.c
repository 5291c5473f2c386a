/* trib-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-text.h"

guint
trib_text_get_width (const char *text)
{
  guint width = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
trib_text_append_padded (GString    *out,
                         const char *text,
                         guint       width)
{
  guint used = trib_text_get_width (text);

  g_string_append (out, text ? text : "");
  for (; used < width; used++)
    g_string_append_c (out, ' ');
}

void
trib_text_append_right (GString    *out,
                        const char *text,
                        guint       width)
{
  for (guint used = trib_text_get_width (text); used < width; used++)
    g_string_append_c (out, ' ');
  g_string_append (out, text ? text : "");
}
