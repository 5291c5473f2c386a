/* fuzz-cron.c: libFuzzer target for Quartz cron expressions (trigger.cron)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one expression such as "00 30 00 * * ?". When it parses, its next fire
 * times are computed from a fixed instant in a zone with daylight-saving changes, and its
 * daily time is read, as the runner does.
 */

#include "config.h"

#include "trib-cron.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static GTimeZone *zone;
  static GDateTime *after;
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 4096));
  g_autoptr(TribCron) cron = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) next = NULL;
  int hour, minute, second;

  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier ("Europe/Berlin");
      if (zone == NULL)
        zone = g_time_zone_new_utc ();
      after = g_date_time_new (zone, 2025, 3, 29, 23, 0, 0);
    }

  cron = trib_cron_new (text, &error);
  g_assert ((cron == NULL) == (error != NULL));
  if (cron == NULL)
    return 0;

  next = trib_cron_next_n (cron, after, zone, 3);
  trib_cron_get_earliest_time (cron, &hour, &minute, &second);
  g_assert (hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60);
  {
    g_autoptr(GDateTime) first = trib_cron_first_on_date (cron, 2025, 10, 26, zone);
  }
  return 0;
}
