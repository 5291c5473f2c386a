/* trib-sync-progress.h: what a running sync job reports, and the DataX-style texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64   elapsed_us;
  guint64  records_read;
  guint64  bytes_read;
  guint64  records_written;
  guint64  bytes_written;
  guint64  dirty_read;        /* records the reader could not convert */
  guint64  dirty_write;       /* records the writer refused */
  double   bytes_per_second;  /* read, since the start */
  double   records_per_second;
  double   fraction;          /* 0..1, or negative when the total is unknown */
  guint    slices_done;
  guint    n_slices;
} TribSyncProgress;

typedef struct
{
  GDateTime *start;
  GDateTime *end;
  gint64     elapsed_us;
  guint64    records_read;
  guint64    bytes_read;
  guint64    records_written;
  guint64    bytes_written;
  guint64    failures;        /* read + write failures (dirty records) */
  guint64    ambiguous;       /* written raw in fileFormat text, not splitting back */
  gint64     commit_us;       /* of elapsed_us, making the output visible (S3: completing
                               * the upload, which a test server may take long over) */
  guint64    stale_uploads;   /* incomplete uploads an interrupted run left, aborted */
} TribSyncSummary;

typedef enum
{
  TRIB_SYNC_LOG_INFO,
  TRIB_SYNC_LOG_WARNING,
  TRIB_SYNC_LOG_ERROR,
} TribSyncLogLevel;

/* Called once a second while a job runs, from the thread running the job. */
typedef void (*TribSyncProgressFunc) (const TribSyncProgress *progress,
                                      gpointer                user_data);
/* One line for the node's log (no trailing newline). Called from any thread of the job,
 * one call at a time. */
typedef void (*TribSyncLogFunc)      (TribSyncLogLevel        level,
                                      const char             *line,
                                      gpointer                user_data);

/* "Total 2000 records, 48000 bytes | Speed 46.88KB/s, 1000 records/s | Error 0 records |
 * Percentage 100.00%", as DataX's progress line. */
char   *trib_sync_progress_format (const TribSyncProgress *progress);

/* DataX's seven-line summary, in English:
 *   Job start time            : 2024-08-08 00:30:00
 *   Job end time              : 2024-08-08 00:30:02
 *   Total elapsed time        :             2.004s
 *   Average throughput        :          23.39KB/s
 *   Record speed              :          998rec/s
 *   Total records read        :               2000
 *   Total read/write failures :                  0 */
char   *trib_sync_summary_format  (const TribSyncSummary  *summary);
void    trib_sync_summary_clear   (TribSyncSummary        *summary);

/* 205 -> "205B", 48000 -> "46.88KB", as DataX prints sizes. */
char   *trib_sync_format_size     (double                  bytes);

G_END_DECLS
