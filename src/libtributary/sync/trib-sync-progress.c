/* trib-sync-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trib-sync-progress.h"
#include "trib-text.h"

char *
trib_sync_format_size (double bytes)
{
  static const char * const units[] = { "B", "KB", "MB", "GB", "TB" };
  guint unit = 0;

  if (bytes < 1024)
    return g_strdup_printf ("%.0fB", bytes);
  while (bytes >= 1024 && unit + 1 < G_N_ELEMENTS (units))
    {
      bytes /= 1024;
      unit++;
    }
  return g_strdup_printf ("%.2f%s", bytes, units[unit]);
}

char *
trib_sync_progress_format (const TribSyncProgress *p)
{
  g_autofree char *speed = trib_sync_format_size (p->bytes_per_second);
  g_autofree char *percentage = NULL;

  if (p->fraction >= 0)
    percentage = g_strdup_printf (" | %s %.2f%%", _("Percentage"), p->fraction * 100);

  return g_strdup_printf (_("Total %" PRIu64 " records, %" PRIu64 " bytes"
                            " | Speed %s/s, %.0f records/s"
                            " | Error %" PRIu64 " records%s"),
                          p->records_read, p->bytes_read, speed, p->records_per_second,
                          p->dirty_read + p->dirty_write, percentage ? percentage : "");
}

static void
append_row (GString    *out,
            const char *label,
            const char *value)
{
  /* Labels padded to one column, values right-aligned, as DataX lays them out. */
  trib_text_append_padded (out, label, 26);
  g_string_append (out, ": ");
  trib_text_append_right (out, value, 18);
  g_string_append_c (out, '\n');
}

char *
trib_sync_summary_format (const TribSyncSummary *s)
{
  GString *out = g_string_new (NULL);
  double seconds = MAX (s->elapsed_us, 1) / 1e6;
  g_autofree char *start = s->start ? g_date_time_format (s->start, "%Y-%m-%d %H:%M:%S") : g_strdup ("-");
  g_autofree char *end = s->end ? g_date_time_format (s->end, "%Y-%m-%d %H:%M:%S") : g_strdup ("-");
  g_autofree char *elapsed = g_strdup_printf ("%.3fs", s->elapsed_us / 1e6);
  g_autofree char *size = trib_sync_format_size (s->bytes_read / seconds);
  g_autofree char *throughput = g_strdup_printf ("%s/s", size);
  g_autofree char *speed = g_strdup_printf ("%.0frec/s", s->records_read / seconds);
  g_autofree char *records = g_strdup_printf ("%" G_GUINT64_FORMAT, s->records_read);
  g_autofree char *failures = g_strdup_printf ("%" G_GUINT64_FORMAT, s->failures);

  append_row (out, _("Job start time"), start);
  append_row (out, _("Job end time"), end);
  append_row (out, _("Total elapsed time"), elapsed);
  append_row (out, _("Average throughput"), throughput);
  append_row (out, _("Record speed"), speed);
  append_row (out, _("Total records read"), records);
  append_row (out, _("Total read/write failures"), failures);
  g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

void
trib_sync_summary_clear (TribSyncSummary *summary)
{
  g_clear_pointer (&summary->start, g_date_time_unref);
  g_clear_pointer (&summary->end, g_date_time_unref);
}
