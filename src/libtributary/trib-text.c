/* trib-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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

char *
trib_text_elide (const char *text,
                 gsize       max_chars)
{
  g_autofree char *valid = NULL;
  glong length;
  glong keep;
  const char *head_end;
  const char *tail_start;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  length = g_utf8_strlen (valid, -1);
  if (max_chars < 16)
    max_chars = 16;
  if ((gsize) length <= max_chars)
    return g_steal_pointer (&valid);

  keep = (glong) max_chars / 2;
  head_end = g_utf8_offset_to_pointer (valid, keep);
  tail_start = g_utf8_offset_to_pointer (valid, length - keep);
  return g_strdup_printf (_("%.*s… (%ld characters left out) …%s"), (int) (head_end - valid), valid,
                          length - 2 * keep, tail_start);
}

char *
trib_format_duration (gint64 microseconds)
{
  gint64 seconds;

  if (microseconds < 0)
    return g_strdup ("-");
  if (microseconds < 1000)
    return g_strdup_printf (_("%.1f ms"), microseconds / 1000.0);
  if (microseconds < G_USEC_PER_SEC)
    return g_strdup_printf (_("%d ms"), (int) (microseconds / 1000));
  if (microseconds < 60 * G_USEC_PER_SEC)
    {
      if (microseconds % G_USEC_PER_SEC == 0)
        return g_strdup_printf (_("%d s"), (int) (microseconds / G_USEC_PER_SEC));
      return g_strdup_printf (_("%.1f s"), microseconds / (double) G_USEC_PER_SEC);
    }
  seconds = microseconds / G_USEC_PER_SEC;
  if (seconds < 3600)
    {
      if (seconds % 60 == 0)
        return g_strdup_printf (_("%d min"), (int) (seconds / 60));
      return g_strdup_printf (_("%d min %d s"), (int) (seconds / 60), (int) (seconds % 60));
    }
  if (seconds % 3600 / 60 == 0)
    return g_strdup_printf (_("%d h"), (int) (seconds / 3600));
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}
