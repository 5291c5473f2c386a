/* bench-sync.c: runs one sync job against the harness peers and reports time and memory
 *
 *   bench-sync JOB.json
 *
 * The data sources the job names are built from the harness environment (TRIB_TEST_*):
 * "bench_mysql" (MariaDB), "bench_http" (the HTTP server), "bench_s3" (the S3 server).
 * Prints one JSON line: client, seconds, records, bytes read and written, peak RSS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "libtributary.h"

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    {
      g_printerr ("bench-sync: %s is not set (run it under tests/harness/trib-peers)\n", name);
      exit (2);
    }
  return value;
}

static void
set_option (TribDataSource *data_source,
            const char     *key,
            const char     *value)
{
  g_autoptr(GError) error = NULL;

  if (!trib_data_source_set_option (data_source, key, value, &error))
    g_error ("%s", error->message);
}

static TribDataSource *
lookup_cb (const char *name,
           gpointer    user_data)
{
  TribDataSource *data_source = g_hash_table_lookup (user_data, name);

  return data_source ? g_object_ref (data_source) : NULL;
}

static void
log_cb (TribSyncLogLevel  level,
        const char       *line,
        gpointer          user_data)
{
  double *complete = user_data;
  const char *at = strstr (line, "the server completed the upload in ");

  if (at != NULL)
    *complete += g_ascii_strtod (at + strlen ("the server completed the upload in "), NULL);
  if (g_getenv ("TRIB_BENCH_VERBOSE"))
    g_printerr ("%s\n", line);
}

/* The peak RSS of this program alone. getrusage()'s ru_maxrss is no good here: Linux
 * carries the parent's peak over exec(), so a big Python parent would show through. */
static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *at;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(at = strstr (status, "VmHWM:")))
    return -1;
  return strtol (at + strlen ("VmHWM:"), NULL, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(TribSyncSources) lookup = NULL;
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(TribSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const TribSyncSummary *summary;
  TribDataSource *ds;
  struct rusage usage;
  double complete_seconds = 0;
  gint64 start;
  double seconds;

  if (argc != 2)
    {
      g_printerr ("usage: bench-sync JOB.json\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, NULL, &error))
    g_error ("%s", error->message);

  ds = trib_data_source_new ("bench_mysql", TRIB_DATA_SOURCE_KIND_MYSQL);
  set_option (ds, "host", env ("TRIB_TEST_MYSQL_HOST"));
  set_option (ds, "port", env ("TRIB_TEST_MYSQL_PORT"));
  set_option (ds, "user", env ("TRIB_TEST_MYSQL_USER"));
  set_option (ds, "database", env ("TRIB_TEST_MYSQL_DATABASE"));
  g_hash_table_insert (sources, (gpointer) trib_data_source_get_name (ds), ds);
  g_setenv ("TRIBUTARY_SECRET_BENCH_MYSQL", env ("TRIB_TEST_MYSQL_PASSWORD"), TRUE);

  ds = trib_data_source_new ("bench_http", TRIB_DATA_SOURCE_KIND_HTTPFILE);
  set_option (ds, "url", env ("TRIB_TEST_HTTP_URL"));
  g_hash_table_insert (sources, (gpointer) trib_data_source_get_name (ds), ds);

  ds = trib_data_source_new ("bench_s3", TRIB_DATA_SOURCE_KIND_S3);
  set_option (ds, "endpoint", env ("TRIB_TEST_S3_ENDPOINT"));
  set_option (ds, "region", env ("TRIB_TEST_S3_REGION"));
  set_option (ds, "bucket", env ("TRIB_TEST_S3_BUCKET"));
  set_option (ds, "access_key_id", env ("TRIB_TEST_S3_ACCESS_KEY"));
  set_option (ds, "path_style", "true");
  g_hash_table_insert (sources, (gpointer) trib_data_source_get_name (ds), ds);
  g_setenv ("TRIBUTARY_SECRET_BENCH_S3", env ("TRIB_TEST_S3_SECRET_KEY"), TRUE);

  /* A local folder target, to tell the engine's cost from the S3 server's. */
  ds = trib_data_source_new ("bench_local", TRIB_DATA_SOURCE_KIND_LOCAL);
  set_option (ds, "path", g_getenv ("TRIB_BENCH_LOCAL_DIR") ? g_getenv ("TRIB_BENCH_LOCAL_DIR") : g_get_tmp_dir ());
  g_hash_table_insert (sources, (gpointer) trib_data_source_get_name (ds), ds);

  lookup = trib_sync_sources_new (NULL, NULL, lookup_cb, g_hash_table_ref (sources),
                                  (GDestroyNotify) g_hash_table_unref);
  job = trib_sync_job_new_from_string (text, -1, NULL, NULL, &error);
  if (job == NULL)
    g_error ("%s", error->message);
  engine = trib_sync_engine_new_for_job (job, lookup, &error);
  if (engine == NULL)
    g_error ("%s", error->message);
  trib_sync_engine_set_log_func (engine, log_cb, &complete_seconds, NULL);

  start = g_get_monotonic_time ();
  if (!trib_sync_engine_run (engine, NULL, &error))
    {
      g_printerr ("bench-sync: %s\n", error->message);
      return 1;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  summary = trib_sync_engine_get_summary (engine);
  getrusage (RUSAGE_SELF, &usage);

  g_print ("{\"client\": \"tributary\", \"seconds\": %.3f, \"records\": %" G_GUINT64_FORMAT ", "
           "\"bytes_read\": %" G_GUINT64_FORMAT ", \"bytes_written\": %" G_GUINT64_FORMAT ", "
           "\"peak_rss_kb\": %ld, \"commit_seconds\": %.3f, \"complete_seconds\": %.3f, \"cpu_seconds\": %.3f}\n",
           seconds, summary->records_read, summary->bytes_read, summary->bytes_written, peak_rss_kb (),
           summary->commit_us / 1e6, complete_seconds,
           usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6);
  return 0;
}
