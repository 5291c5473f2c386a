/* test-backfill.c: one run per business date, in parallel, one failure stops nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-run-fixture.h"

typedef struct
{
  RunFixture    f;
  TribBackfill *backfill;
  GPtrArray    *created;     /* bizdates, in creation order */
  GPtrArray    *finished;    /* "bizdate state" */
  guint         n_active;
  guint         max_active;
  GAsyncResult *result;
} Fixture;

static void
run_created_cb (TribBackfill *backfill,
                TribRun      *run,
                Fixture      *f)
{
  g_ptr_array_add (f->created, g_strdup (trib_run_get_bizdate (run)));
  f->n_active++;
  f->max_active = MAX (f->max_active, f->n_active);
}

static void
date_finished_cb (TribBackfill *backfill,
                  const char   *bizdate,
                  TribRunState  state,
                  const char   *message,
                  Fixture      *f)
{
  g_ptr_array_add (f->finished, g_strdup_printf ("%s %s", bizdate, trib_run_state_to_string (state)));
  f->n_active--;
}

static void
make_backfill (Fixture            *f,
               const char * const *dates,
               guint               parallelism)
{
  g_autoptr(GError) error = NULL;

  f->backfill = trib_backfill_new (f->f.runner, f->f.workflow, dates, &error);
  g_assert_no_error (error);
  trib_backfill_set_parallelism (f->backfill, parallelism);
  g_signal_connect (f->backfill, "run-created", G_CALLBACK (run_created_cb), f);
  g_signal_connect (f->backfill, "date-finished", G_CALLBACK (date_finished_cb), f);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static gboolean
finish_backfill (Fixture  *f,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  run_fixture_iterate_until (result_arrived, f);
  result = g_steal_pointer (&f->result);
  return trib_backfill_start_finish (f->backfill, result, error);
}

static char *
join (GPtrArray *strings)
{
  g_ptr_array_add (strings, NULL);
  g_ptr_array_set_size (strings, strings->len - 1);
  return g_strjoinv (",", (char **) strings->pdata);
}

static void
test_seven_days (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dates = trib_backfill_expand_range ("20251101", "20251107", &error);
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *created = NULL;
  g_autofree char *log = NULL;
  g_autofree char *backfill_id = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (dates), ==, 7);
  run_fixture_set_spec (&f->f, "ods_user_info_d_spark@20251103=fail:Table not found: ods_user_info_d_spark;*=sleep:40");
  make_backfill (f, (const char * const *) dates, 3);
  backfill_id = g_strdup (trib_backfill_get_id (f->backfill));

  trib_backfill_start_async (f->backfill, NULL, store_result_cb, f);
  g_assert_false (finish_backfill (f, &error));

  /* One date failed; the six others ran to success all the same. */
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "1 of 7 business dates did not succeed: 20251103 "
                   "(ods_user_info_d_spark failed: Table not found: ods_user_info_d_spark)");
  g_clear_error (&error);
  g_assert_cmpuint (trib_backfill_get_n_succeeded (f->backfill), ==, 6);
  g_assert_cmpuint (trib_backfill_get_n_failed (f->backfill), ==, 1);
  g_assert_cmpint (trib_backfill_get_date_state (f->backfill, "20251103"), ==, TRIB_RUN_STATE_FAILED);
  g_assert_cmpint (trib_backfill_get_date_state (f->backfill, "20251107"), ==, TRIB_RUN_STATE_SUCCESS);

  /* Ascending, three at a time. */
  created = join (f->created);
  g_assert_cmpstr (created, ==, "20251101,20251102,20251103,20251104,20251105,20251106,20251107");
  g_assert_cmpuint (f->max_active, ==, 3);
  g_assert_cmpuint (f->finished->len, ==, 7);

  /* Seven independent runs in the history. */
  runs = trib_history_list_runs (f->f.history, "user_profile_analysis_spark", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 7);
  for (guint i = 0; i < runs->len; i++)
    {
      TribRunRecord *record = g_ptr_array_index (runs, i);
      const char *bizdate = trib_run_record_get_bizdate (record);
      g_autofree char *cyctime = NULL;
      TribCivilTime day;

      g_assert_cmpstr (trib_run_record_get_kind (record), ==, "backfill");
      g_assert_cmpstr (trib_run_record_get_backfill_id (record), ==, backfill_id);
      g_assert_cmpint (trib_run_record_get_id (record), ==, trib_backfill_get_date_run_id (f->backfill, bizdate));
      /* The selected date is the business date; the instance is scheduled a day later. */
      g_assert_true (trib_civil_parse_date (bizdate, &day));
      trib_civil_date_from_days (trib_civil_days_from_date (day.year, day.month, day.day) + 1,
                                 &day.year, &day.month, &day.day);
      day.hour = 0, day.minute = 30, day.second = 0;
      cyctime = trib_civil_format_date_time (&day);
      g_assert_cmpstr (trib_run_record_get_cyctime (record), ==, cyctime);
      if (g_str_equal (bizdate, "20251103"))
        {
          g_assert_cmpint (trib_run_record_get_state (record), ==, TRIB_RUN_STATE_FAILED);
          g_assert_cmpuint (trib_run_record_get_n_in_state (record, TRIB_NODE_STATE_SUCCESS), ==, 4);
          g_assert_cmpuint (trib_run_record_get_n_in_state (record, TRIB_NODE_STATE_FAILED), ==, 1);
        }
      else
        {
          g_assert_cmpint (trib_run_record_get_state (record), ==, TRIB_RUN_STATE_SUCCESS);
          g_assert_cmpuint (trib_run_record_get_n_in_state (record, TRIB_NODE_STATE_SUCCESS), ==, 5);
        }
    }

  /* Each date resolved its own parameters. */
  log = run_fixture_read_log (&f->f, trib_backfill_get_date_run_id (f->backfill, "20251103"), USER_SQL);
  g_assert_nonnull (strstr (log, "  parameters: bizdate=20251103\n"));
  g_assert_nonnull (strstr (log, "LOCATION 'oss://dw-emr-demo/ods_user_info_d/user_20251103/'"));
  g_assert_true (g_str_has_suffix (log, "  failed: Table not found: ods_user_info_d_spark\n"));
}

static void
test_descending_and_preview (Fixture       *f,
                             gconstpointer  data)
{
  const char *dates[] = { "20251105", "20251101", "20251103", "20251101", NULL };
  const char *expected_order[] = { "20251105", "20251103", "20251101", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *created = NULL;

  make_backfill (f, dates, 2);
  trib_backfill_set_descending (f->backfill, TRUE);
  g_assert_cmpstrv (trib_backfill_get_bizdates (f->backfill), expected_order);

  /* Every instance, with its parameters, before anything runs. */
  preview = trib_backfill_preview (f->backfill, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 3);
  for (guint i = 0; i < preview->len; i++)
    {
      TribRun *run = g_ptr_array_index (preview, i);
      GListModel *instances = trib_run_get_instances (run);

      g_assert_cmpstr (trib_run_get_bizdate (run), ==, expected_order[i]);
      g_assert_cmpint (trib_run_get_id (run), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (instances), ==, 5);
      for (guint j = 0; j < 5; j++)
        {
          g_autoptr(TribNodeInstance) instance = g_list_model_get_item (instances, j);
          g_assert_cmpstr (trib_param_set_lookup (trib_node_instance_get_parameters (instance), "bizdate"),
                           ==, expected_order[i]);
        }
    }
  runs = trib_history_list_runs (f->f.history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);

  trib_backfill_start_async (f->backfill, NULL, store_result_cb, f);
  g_assert_true (finish_backfill (f, &error));
  g_assert_no_error (error);
  created = join (f->created);
  /* Two at a time, but created strictly in order. */
  g_assert_cmpstr (created, ==, "20251105,20251103,20251101");
  runs = trib_history_list_runs (f->f.history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 3);
}

static gboolean
first_run_running (gpointer data)
{
  Fixture *f = data;
  gint64 id = trib_backfill_get_date_run_id (f->backfill, "20251101");

  return id != 0 && g_strrstr (f->f.log->str, "waiting until cancelled") != NULL;
}

static void
log_cb (TribRun          *run,
        TribNodeInstance *instance,
        const char       *line,
        Fixture          *f)
{
  g_string_append_printf (f->f.log, "%s\n", line);
}

static void
connect_log_cb (TribBackfill *backfill,
                TribRun      *run,
                Fixture      *f)
{
  g_signal_connect (run, "node-log", G_CALLBACK (log_cb), f);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dates = trib_backfill_expand_range ("20251101", "20251104", &error);
  g_autoptr(GPtrArray) runs = NULL;

  run_fixture_set_spec (&f->f, "hang");
  make_backfill (f, (const char * const *) dates, 1);
  g_signal_connect (f->backfill, "run-created", G_CALLBACK (connect_log_cb), f);
  trib_backfill_start_async (f->backfill, NULL, store_result_cb, f);
  run_fixture_iterate_until (first_run_running, f);

  trib_backfill_cancel (f->backfill);
  g_assert_false (finish_backfill (f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "the backfill was cancelled; 3 dates did not start");

  runs = trib_history_list_runs (f->f.history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (trib_run_record_get_state (g_ptr_array_index (runs, 0)), ==, TRIB_RUN_STATE_CANCELLED);
}

static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leap = trib_backfill_expand_range ("20240227", "20240302", &error);
  const char *expected[] = { "20240227", "20240228", "20240229", "20240301", "20240302", NULL };
  GStrv empty;
  TribBackfill *none;

  g_assert_no_error (error);
  g_assert_cmpstrv (leap, expected);

  empty = trib_backfill_expand_range ("20251107", "20251101", &error);
  g_assert_null (empty);
  g_assert_error (error, TRIB_ERROR, TRIB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the range 20251107 to 20251101 is empty: its first date comes after its last");
  g_clear_error (&error);

  empty = trib_backfill_expand_range ("20251301", "20251401", &error);
  g_assert_null (empty);
  g_assert_cmpstr (error->message, ==, "\"20251301\": there is no month 13");
  g_clear_error (&error);

  /* One supported range for run, backfill and params. */
  empty = trib_backfill_expand_range ("19691231", "19700102", &error);
  g_assert_null (empty);
  g_assert_cmpstr (error->message, ==, "\"19691231\" is outside the supported dates, 19700101 to 99981231");
  g_clear_error (&error);

  empty = trib_backfill_expand_range ("20250230", "20250301", &error);
  g_assert_null (empty);
  g_assert_cmpstr (error->message, ==, "\"20250230\": February 30 does not exist");
  g_clear_error (&error);

  none = trib_backfill_new (f->f.runner, f->f.workflow, (const char *[]) { NULL }, &error);
  g_assert_null (none);
  g_assert_cmpstr (error->message, ==, "a backfill needs at least one business date");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  run_fixture_set_up (&f->f, "ok");
  f->created = g_ptr_array_new_with_free_func (g_free);
  f->finished = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->backfill)
    g_assert_finalize_object (g_steal_pointer (&f->backfill));
  g_clear_pointer (&f->created, g_ptr_array_unref);
  g_clear_pointer (&f->finished, g_ptr_array_unref);
  g_clear_object (&f->result);
  run_fixture_tear_down (&f->f);
}

#define ADD(path, func) \
  g_test_add ("/backfill/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("seven-days", test_seven_days);
  ADD ("descending-and-preview", test_descending_and_preview);
  ADD ("cancel", test_cancel);
  ADD ("ranges", test_ranges);

  return g_test_run ();
}
