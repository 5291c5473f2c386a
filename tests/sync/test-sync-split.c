/* test-sync-split.c: the splitPk planner, query text for query text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-test-util.h"
#include "trib-sync-split.h"

static void
assert_plan (const char         *where,
             const char         *min,
             const char         *max,
             guint               expected,
             const char * const *queries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plan = trib_sync_split_plan ("uid,gender", "t", where, "uid", min, max, expected, &error);

  g_assert_no_error (error);
  g_ptr_array_add (plan, NULL);
  g_assert_cmpstrv ((char **) plan->pdata, queries);
}

static void
test_expected_slices (void)
{
  g_assert_cmpuint (trib_sync_split_expected_slices (2, 1, 5), ==, 10);
  g_assert_cmpuint (trib_sync_split_expected_slices (1, 1, 5), ==, 5);
  g_assert_cmpuint (trib_sync_split_expected_slices (3, 2, 5), ==, 10);   /* ceil(3/2) * 5 */
  g_assert_cmpuint (trib_sync_split_expected_slices (4, 2, 1), ==, 2);
  g_assert_cmpuint (trib_sync_split_expected_slices (1, 3, 5), ==, 5);
}

static void
test_sql_texts (void)
{
  g_autofree char *q1 = trib_sync_split_build_query ("a,b", "t", NULL);
  g_autofree char *q2 = trib_sync_split_build_query ("a,b", "t", "  ");
  g_autofree char *q3 = trib_sync_split_build_query ("*", "t", "a > 1");
  g_autofree char *m1 = trib_sync_split_min_max_sql ("id", "t", "");
  g_autofree char *m2 = trib_sync_split_min_max_sql ("id", "t", "dt = '20240807'");

  g_assert_cmpstr (q1, ==, "select a,b from t ");
  g_assert_cmpstr (q2, ==, "select a,b from t ");
  g_assert_cmpstr (q3, ==, "select * from t where (a > 1)");
  g_assert_cmpstr (m1, ==, "SELECT MIN(id),MAX(id) FROM t");
  g_assert_cmpstr (m2, ==, "SELECT MIN(id),MAX(id) FROM t WHERE (dt = '20240807' AND id IS NOT NULL)");
}

static void
test_even (void)
{
  /* [1, 101] in 10: step 10, no remainder. */
  assert_plan (NULL, "1", "101", 10, (const char * const[]) {
    "select uid,gender from t  where  (1 <= uid AND uid < 11) ",
    "select uid,gender from t  where  (11 <= uid AND uid < 21) ",
    "select uid,gender from t  where  (21 <= uid AND uid < 31) ",
    "select uid,gender from t  where  (31 <= uid AND uid < 41) ",
    "select uid,gender from t  where  (41 <= uid AND uid < 51) ",
    "select uid,gender from t  where  (51 <= uid AND uid < 61) ",
    "select uid,gender from t  where  (61 <= uid AND uid < 71) ",
    "select uid,gender from t  where  (71 <= uid AND uid < 81) ",
    "select uid,gender from t  where  (81 <= uid AND uid < 91) ",
    "select uid,gender from t  where  (91 <= uid AND uid <= 101) ",
    "select uid,gender from t  where  uid IS NULL",
    NULL });
}

static void
test_remainder_and_where (void)
{
  /* gap 23 in 5: step 4, remainder 3 spread over the first three ranges. */
  assert_plan ("dt = '1'", "0", "23", 5, (const char * const[]) {
    "select uid,gender from t where (dt = '1') and  (0 <= uid AND uid < 5) ",
    "select uid,gender from t where (dt = '1') and  (5 <= uid AND uid < 10) ",
    "select uid,gender from t where (dt = '1') and  (10 <= uid AND uid < 15) ",
    "select uid,gender from t where (dt = '1') and  (15 <= uid AND uid < 19) ",
    "select uid,gender from t where (dt = '1') and  (19 <= uid AND uid <= 23) ",
    "select uid,gender from t where (dt = '1') and  uid IS NULL",
    NULL });
}

static void
test_negative_and_gaps (void)
{
  /* Keys with gaps only matter through min and max; negative keys work the same. */
  assert_plan (NULL, "-10", "9", 4, (const char * const[]) {
    "select uid,gender from t  where  (-10 <= uid AND uid < -5) ",
    "select uid,gender from t  where  (-5 <= uid AND uid < 0) ",
    "select uid,gender from t  where  (0 <= uid AND uid < 5) ",
    "select uid,gender from t  where  (5 <= uid AND uid <= 9) ",
    "select uid,gender from t  where  uid IS NULL",
    NULL });
}

static void
test_small_gap (void)
{
  /* gap 2 < 10 slices: step 0, so one slice per step. */
  assert_plan (NULL, "7", "9", 10, (const char * const[]) {
    "select uid,gender from t  where  (7 <= uid AND uid < 8) ",
    "select uid,gender from t  where  (8 <= uid AND uid <= 9) ",
    "select uid,gender from t  where  uid IS NULL",
    NULL });
  /* gap 1: one slice. */
  assert_plan (NULL, "7", "8", 10, (const char * const[]) {
    "select uid,gender from t  where  (7 <= uid AND uid <= 8) ",
    "select uid,gender from t  where  uid IS NULL",
    NULL });
}

static void
test_one_row (void)
{
  /* min = max (one row, or equal keys): one inclusive slice and the NULL slice. */
  assert_plan (NULL, "42", "42", 10, (const char * const[]) {
    "select uid,gender from t  where  (42 <= uid AND uid <= 42) ",
    "select uid,gender from t  where  uid IS NULL",
    NULL });
}

static void
test_no_rows (void)
{
  /* MIN/MAX NULL: the table (or the where) has no key: one unsplit query, no NULL slice. */
  assert_plan (NULL, NULL, NULL, 10, (const char * const[]) { "select uid,gender from t ", NULL });
  assert_plan ("a = 1", NULL, NULL, 10, (const char * const[]) { "select uid,gender from t where (a = 1)", NULL });
}

static void
test_extremes (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) points = trib_sync_split_points ("-9223372036854775808", "18446744073709551615", 3, &error);
  g_auto(GStrv) bad = NULL;

  g_assert_no_error (error);
  /* gap 27670116110564327423 = 3 * 9223372036854775807 + 2 */
  g_assert_cmpstrv (points, ((const char * const[]) {
    "-9223372036854775808", "0", "9223372036854775808", "18446744073709551615", NULL }));

  bad = trib_sync_split_points ("1.5", "3", 3, &error);
  g_assert_null (bad);
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "the split key's range is not made of integers (\"1.5\")");
}

static void
test_tutorial (void)
{
  g_autoptr(GError) error = NULL;
  TribSampleOptions options;
  g_autofree char *min = NULL, *max = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  guint64 lo, hi;

  /* The demo's 2000 users, concurrent 2, splitFactor 5: 10 ranges and the NULL slice. */
  trib_sample_options_init (&options);
  lo = trib_sample_user_uid (&options, 0);
  hi = trib_sample_user_uid (&options, options.n_users - 1);
  min = g_strdup_printf ("%" G_GUINT64_FORMAT, lo);
  max = g_strdup_printf ("%" G_GUINT64_FORMAT, hi);
  plan = trib_sync_split_plan ("uid,gender,age_range,zodiac", "ods_user_info_d", NULL, "uid", min, max,
                               trib_sync_split_expected_slices (2, 1, 5), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 11);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (plan, 0), "select uid,gender,age_range,zodiac from ods_user_info_d  where  ("));
  g_assert_cmpstr (g_ptr_array_index (plan, 10), ==, "select uid,gender,age_range,zodiac from ods_user_info_d  where  uid IS NULL");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/split/expected-slices", test_expected_slices);
  g_test_add_func ("/sync/split/sql-texts", test_sql_texts);
  g_test_add_func ("/sync/split/even", test_even);
  g_test_add_func ("/sync/split/remainder-and-where", test_remainder_and_where);
  g_test_add_func ("/sync/split/negative-and-gaps", test_negative_and_gaps);
  g_test_add_func ("/sync/split/small-gap", test_small_gap);
  g_test_add_func ("/sync/split/one-row", test_one_row);
  g_test_add_func ("/sync/split/no-rows", test_no_rows);
  g_test_add_func ("/sync/split/extremes", test_extremes);
  g_test_add_func ("/sync/split/tutorial", test_tutorial);

  return g_test_run ();
}
