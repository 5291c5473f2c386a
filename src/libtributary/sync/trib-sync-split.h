/* trib-sync-split.h: the splitPk planner of DataX's mysqlreader, as pure functions
 *
 * dataworks-reference.md §3.3, and DataX's SingleTableSplitUtil / RangeSplitUtil /
 * RdbmsRangeSplitWrap, reproduced text for text:
 *   - expected slices per table = ceil(channels / tables) * splitFactor;
 *   - SELECT MIN(pk),MAX(pk) FROM t [WHERE (where AND pk IS NOT NULL)];
 *   - [min, max] is cut into equal integer ranges, the remainder spread over the first
 *     ones; a gap smaller than the slice count gives one slice per step;
 *   - the queries: "select C from T  where  (a <= pk AND pk < b) " for every range but
 *     the last, which is inclusive "(a <= pk AND pk <= max)"; with a where clause
 *     "select C from T where (W) and  (...) "; then one more slice "...  pk IS NULL";
 *   - min or max NULL (an empty table): one query, no split and no IS NULL slice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "select C from T " or "select C from T where (W)", as DataX builds it. */
char      *trib_sync_split_build_query    (const char  *columns,
                                           const char  *table,
                                           const char  *where);
char      *trib_sync_split_min_max_sql    (const char  *split_pk,
                                           const char  *table,
                                           const char  *where);
guint      trib_sync_split_expected_slices (guint       channels,
                                           guint        n_tables,
                                           guint        split_factor);

/* The range boundaries as decimal strings: n + 1 points for n ranges. @min and @max are
 * the server's text for MIN/MAX of an integer key (any 64-bit signed or unsigned value). */
GStrv      trib_sync_split_points         (const char  *min,
                                           const char  *max,
                                           guint        expected,
                                           GError     **error);

/* Every slice query of one table, in order (the IS NULL slice last). @min / @max NULL
 * means MIN/MAX returned NULL: a single unsplit query. */
GPtrArray *trib_sync_split_plan           (const char  *columns,
                                           const char  *table,
                                           const char  *where,
                                           const char  *split_pk,
                                           const char  *min,
                                           const char  *max,
                                           guint        expected,
                                           GError     **error);

G_END_DECLS
