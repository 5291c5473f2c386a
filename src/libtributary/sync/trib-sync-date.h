/* trib-sync-date.h: dates as DataX prints them, and Java SimpleDateFormat patterns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int      year;
  int      month;        /* 1-12 */
  int      day;          /* 1-31 */
  int      hour;
  int      minute;
  int      second;
  int      millisecond;
  gboolean has_date;
  gboolean has_time;
} TribSyncDateTime;

/* DataX's string forms: "yyyy-MM-dd HH:mm:ss" (date and time), "yyyy-MM-dd" (date),
 * "HH:mm:ss" (time). Parsing accepts exactly these three. */
gboolean  trib_sync_date_time_parse_canonical  (const char             *text,
                                                gsize                   length,
                                                TribSyncDateTime       *value);
/* Appends the form matching has_date/has_time; returns the number of bytes written,
 * which is at most 19. */
gsize     trib_sync_date_time_format_canonical (const TribSyncDateTime *value,
                                                char                   *buffer);

typedef struct _TribSyncDatePattern TribSyncDatePattern;

/* Letters supported: y M d H h k K m s S a E, quoted 'literal' text and '' for a quote.
 * Anything else that is a letter is refused, naming it. */
TribSyncDatePattern *trib_sync_date_pattern_new    (const char                *pattern,
                                                    GError                   **error);
void                 trib_sync_date_pattern_free   (TribSyncDatePattern       *pattern);
/* Strict: the whole text must match and the date must exist. */
gboolean             trib_sync_date_pattern_parse  (const TribSyncDatePattern *pattern,
                                                    const char                *text,
                                                    gsize                      length,
                                                    TribSyncDateTime          *value);
void                 trib_sync_date_pattern_format (const TribSyncDatePattern *pattern,
                                                    const TribSyncDateTime    *value,
                                                    GString                   *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncDatePattern, trib_sync_date_pattern_free)

G_END_DECLS
