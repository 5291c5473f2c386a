/* trib-text.h: text laid out in columns on a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Columns @text takes on a terminal: two for a wide (CJK) character, none for a combining
 * mark, one otherwise. printf's "%-20s" counts bytes, which breaks tables in Chinese. */
guint trib_text_get_width     (const char *text);

/* Appends @text, then spaces up to @width columns (none when it is wider already). */
void  trib_text_append_padded (GString    *out,
                               const char *text,
                               guint       width);
/* Spaces first: for numbers. */
void  trib_text_append_right  (GString    *out,
                               const char *text,
                               guint       width);

/* @text for an error message: at most @max_chars characters, a long text cut in the
 * middle with "…" and the number of characters left out, so that a 100 KB token is not
 * echoed whole. Invalid UTF-8 is shown with U+FFFD. */
char *trib_text_elide         (const char *text,
                               gsize       max_chars);

/* The one way a duration is shown (logs, the command line, connectivity results):
 * "0.4 ms", "12 ms", "1.5 s", "30 s", "2 min", "2 min 5 s", "1 h", "1 h 3 min"; "-" when
 * negative (unknown). Below one second, milliseconds; then seconds with one decimal
 * when not whole; minutes and hours without the seconds that do not matter any more. */
char *trib_format_duration    (gint64      microseconds);

G_END_DECLS
