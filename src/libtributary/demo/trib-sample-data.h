/* trib-sample-data.h: realistic, reproducible data for the tutorial's sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TRIB_SAMPLE_LOCALE_ZH,  /* 男 / 女, 20-30岁, 巨蟹座, as in the original data */
  TRIB_SAMPLE_LOCALE_EN,  /* male / female, 20-30, Cancer */
} TribSampleLocale;

typedef struct
{
  guint64          seed;
  guint            n_users;
  guint            n_log_lines;
  /* Share of log lines whose uid is not in the user table (tests the LEFT JOIN). */
  double           unknown_uid_ratio;
  /* The day the log lines fall on, as YYYYMMDD. */
  char             day[9];
  TribSampleLocale locale;
} TribSampleOptions;

void     trib_sample_options_init      (TribSampleOptions       *options);

/* The uid of user @index (0-based), increasing with gaps, as a split key would see. */
guint64  trib_sample_user_uid          (const TribSampleOptions *options,
                                        guint                    index);

/* One line per user: "uid\tgender\tage_range\tzodiac\n" (MySQL LOAD DATA / TSV). */
gboolean trib_sample_write_users_tsv   (const TribSampleOptions *options,
                                        GOutputStream           *out,
                                        GCancellable            *cancellable,
                                        GError                 **error);
/* CREATE TABLE ods_user_info_d and batched INSERTs, for `mariadb < file.sql`. */
gboolean trib_sample_write_users_sql   (const TribSampleOptions *options,
                                        GOutputStream           *out,
                                        GCancellable            *cancellable,
                                        GError                 **error);
/* user_log.txt: "ip##@@uid##@@time##@@request##@@status##@@bytes##@@referer##@@agent". */
gboolean trib_sample_write_log         (const TribSampleOptions *options,
                                        GOutputStream           *out,
                                        GCancellable            *cancellable,
                                        GError                 **error);

G_END_DECLS
