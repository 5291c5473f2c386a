/* bench-result-grid.c: 1,000,000 rows in the real result grid, under Xvfb
 *
 *   bench-result-grid tributary PORT ROWS   the Ad Hoc Query page running SELECT against a
 *                                           HiveServer2 server on 127.0.0.1:PORT (the recorded
 *                                           replies of bench/hs2/replay-server.js)
 *   bench-result-grid baseline ROWS         the naive grid: a GtkColumnView over a GListStore
 *                                           of one GObject per row holding its strings
 *
 * Prints one JSON line: time to the first row painted, time to every row fetched, peak RSS,
 * and the median and 95th percentile frame times while scrolling top to bottom for 5 s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <adwaita.h>

#include "libtributary.h"
#include "trib-query-page.h"
#include "trib-result-view.h"

#define SCROLL_SECONDS 5

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   cond,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Frames: the time between successive paints of the window. */

static GArray *frame_times;   /* double, ms */
static gint64 last_paint;
static gint64 first_paint_after;
static gint64 first_paint;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  gint64 now = g_get_monotonic_time ();

  if (first_paint_after > 0 && first_paint == 0 && now >= first_paint_after)
    first_paint = now;
  if (frame_times && last_paint > 0)
    {
      double ms = (now - last_paint) / 1000.0;
      g_array_append_val (frame_times, ms);
    }
  last_paint = now;
}

typedef struct
{
  GtkAdjustment *adj;
  gint64         start;
  gboolean       done;
} Scroll;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  Scroll *s = data;
  double f = (g_get_monotonic_time () - s->start) / (double) (SCROLL_SECONDS * G_USEC_PER_SEC);
  double range = gtk_adjustment_get_upper (s->adj) - gtk_adjustment_get_page_size (s->adj);

  gtk_adjustment_set_value (s->adj, MIN (f, 1.0) * range);
  if (f >= 1.0)
    {
      s->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_done (gpointer data)
{
  return ((Scroll *) data)->done;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
scroll_and_report (GtkWidget     *window,
                   GtkScrollable *grid,
                   const char    *client,
                   guint          rows,
                   gint64         t0,
                   gint64         all_fetched)
{
  Scroll s = { gtk_scrollable_get_vadjustment (grid), 0, FALSE };
  double median, p95;

  frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  last_paint = 0;
  s.start = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (grid), scroll_tick_cb, &s, NULL);
  wait_until (scroll_done, &s, "the scroll");
  g_array_sort (frame_times, compare_doubles);
  median = frame_times->len ? g_array_index (frame_times, double, frame_times->len / 2) : 0;
  p95 = frame_times->len ? g_array_index (frame_times, double, MIN (frame_times->len - 1, frame_times->len * 95 / 100)) : 0;
  printf ("{\"client\": \"%s\", \"rows\": %u, \"first_row_s\": %.3f, \"all_rows_s\": %.3f, \"peak_rss_kb\": %ld, "
          "\"median_frame_ms\": %.2f, \"p95_frame_ms\": %.2f, \"frames\": %u, \"scrolled_to\": %.0f}\n",
          client, rows, (first_paint - t0) / 1e6, (all_fetched - t0) / 1e6, peak_rss_kb (), median, p95,
          frame_times->len, gtk_adjustment_get_value (s.adj));
  fflush (stdout);
}

/* Tributary: the query page, as the app shows it */

static gboolean
page_loaded (gpointer data)
{
  return _trib_query_page_is_loaded (data);
}

static gboolean
has_rows (gpointer data)
{
  TribQueryPage *page = data;

  return _trib_query_page_get_n_results (page) > 0 &&
         trib_query_run_get_n_rows (trib_result_view_get_run (_trib_query_page_get_result (page, 0))) > 0;
}

static gboolean
painted (gpointer data)
{
  return first_paint != 0;
}

static gboolean
page_idle (gpointer data)
{
  return !_trib_query_page_is_running (data);
}

static void
run_tributary (GtkWidget  *window,
               const char *port,
               guint       rows)
{
  g_autofree char *dir = g_dir_make_tmp ("trib-bench-grid-XXXXXX", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = trib_workspace_create (directory, "bench", &error);
  g_autoptr(TribDataSource) source = trib_data_source_new ("bench", TRIB_DATA_SOURCE_KIND_KYUUBI);
  g_autoptr(GFile) file = NULL;
  g_autoptr(TribSavedQuery) query = NULL;
  g_autofree char *port_option = g_strdup (port);
  TribQueryPage *page;
  TribQueryRun *run;
  gint64 t0;

  g_assert_no_error (error);
  trib_data_source_set_option (source, "host", "127.0.0.1", NULL);
  trib_data_source_set_option (source, "port", port_option, NULL);
  trib_data_source_set_option (source, "transport", "sasl", NULL);
  trib_data_source_set_option (source, "user", "bench", NULL);
  trib_workspace_put_data_source (workspace, source);
  g_setenv ("TRIBUTARY_SECRET_BENCH", "bench", TRUE);
  file = g_file_new_build_filename (dir, "queries", "bench.sql", NULL);
  g_assert_true (trib_saved_query_save (file, "bench", "SELECT * FROM bench", NULL, &error));
  query = trib_saved_query_new (file, "bench");

  page = TRIB_QUERY_PAGE (trib_query_page_new (workspace, query));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (page_loaded, page, "the page");

  t0 = g_get_monotonic_time ();
  _trib_query_page_run (page, TRUE, NULL);
  wait_until (has_rows, page, "the first rows");
  first_paint_after = g_get_monotonic_time ();
  wait_until (painted, NULL, "the first rows painted");
  wait_until (page_idle, page, "every row");
  run = trib_result_view_get_run (_trib_query_page_get_result (page, 0));
  if (trib_query_run_get_n_rows (run) != rows)
    g_error ("fetched %u rows, expected %u", trib_query_run_get_n_rows (run), rows);
  scroll_and_report (window, GTK_SCROLLABLE (_trib_result_view_get_column_view (_trib_query_page_get_result (page, 0))),
                     "tributary", rows, t0, g_get_monotonic_time ());
}

/* Baseline: one GObject per row with its four strings, the way a naive grid holds them */

#define BENCH_TYPE_ROW (bench_row_get_type ())
G_DECLARE_FINAL_TYPE (BenchRow, bench_row, BENCH, ROW, GObject)

struct _BenchRow
{
  GObject  parent_instance;
  char    *cells[4];
};

G_DEFINE_FINAL_TYPE (BenchRow, bench_row, G_TYPE_OBJECT)

static void
bench_row_finalize (GObject *object)
{
  BenchRow *self = BENCH_ROW (object);

  for (guint i = 0; i < 4; i++)
    g_free (self->cells[i]);
  G_OBJECT_CLASS (bench_row_parent_class)->finalize (object);
}

static void
bench_row_class_init (BenchRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_row_finalize;
}

static void
bench_row_init (BenchRow *self)
{
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  BenchRow *row = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), row->cells[GPOINTER_TO_UINT (data)]);
}

static void
run_baseline (GtkWidget *window,
              guint      rows)
{
  GListStore *store = g_list_store_new (BENCH_TYPE_ROW);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view;
  gint64 t0 = g_get_monotonic_time ();
  gint64 built;
  const char *names[] = { "id", "name", "value", "flag" };
  g_autofree gpointer *items = g_new (gpointer, rows);

  /* The same values as the recorded result: BIGINT, STRING, DOUBLE, BOOLEAN as text. */
  for (guint i = 0; i < rows; i++)
    {
      BenchRow *row = g_object_new (BENCH_TYPE_ROW, NULL);

      row->cells[0] = g_strdup_printf ("%u", i);
      row->cells[1] = g_strdup_printf ("name-%u", i);
      row->cells[2] = g_strdup_printf ("%g", i * 0.5);
      row->cells[3] = g_strdup (i % 2 ? "true" : "false");
      items[i] = row;
    }
  g_list_store_splice (store, 0, 0, items, rows);
  for (guint i = 0; i < rows; i++)
    g_object_unref (items[i]);
  built = g_get_monotonic_time ();

  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_multi_selection_new (G_LIST_MODEL (store))));
  for (guint c = 0; c < 4; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GUINT_TO_POINTER (c));
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), gtk_column_view_column_new (names[c], factory));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  first_paint_after = g_get_monotonic_time ();
  wait_until (painted, NULL, "the first rows painted");
  scroll_and_report (window, GTK_SCROLLABLE (view), "baseline", rows, t0, built);
}

static void
realized_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  GtkWidget *window;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s tributary PORT ROWS | baseline ROWS\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (realized_cb), NULL);

  if (g_str_equal (argv[1], "tributary") && argc == 4)
    run_tributary (window, argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  else
    run_baseline (window, (guint) g_ascii_strtoull (argv[2], NULL, 10));
  return 0;
}
