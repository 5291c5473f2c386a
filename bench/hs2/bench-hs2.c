/* bench-hs2.c: Tributary's client fetching a whole result from the replay server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-hs2 PORT ROWS: opens a session (binary + SASL PLAIN), runs the query, keeps every
 * batch in a TribHs2ResultSet, and prints one JSON line with the figures.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "libtributary.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TribHs2Config) config = NULL;
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start, end;
  guint rows;
  gint64 checksum = 0;

  if (argc != 3)
    {
      fprintf (stderr, "usage: bench-hs2 PORT ROWS\n");
      return 2;
    }
  config = trib_hs2_config_new ("127.0.0.1", (guint16) atoi (argv[1]));
  config->user = g_strdup ("bench");
  config->password = g_strdup ("bench");
  config->fetch_size = 10000;
  client = trib_hs2_client_new (config);

  start = g_get_monotonic_time ();
  rs = trib_hs2_client_query_sync (client, "SELECT id, name, score, active FROM bench", NULL, &error);
  end = g_get_monotonic_time ();
  if (rs == NULL)
    {
      fprintf (stderr, "bench-hs2: %s\n", error->message);
      return 1;
    }
  rows = trib_hs2_result_set_get_n_rows (rs);
  /* Touch the values, as a consumer would. */
  for (guint r = 0; r < rows; r++)
    {
      gint64 id;

      if (trib_hs2_result_set_get_int64 (rs, r, 0, &id))
        checksum += id;
    }
  trib_hs2_client_close_sync (client, NULL, NULL);
  getrusage (RUSAGE_SELF, &usage);

  printf ("{\"client\": \"tributary\", \"rows\": %u, \"columns\": %u, \"seconds\": %.3f, "
          "\"peak_rss_kb\": %ld, \"result_bytes\": %" G_GSIZE_FORMAT ", \"checksum\": %" G_GINT64_FORMAT "}\n",
          rows, trib_hs2_result_set_get_n_columns (rs), (double) (end - start) / G_USEC_PER_SEC,
          usage.ru_maxrss, trib_hs2_result_set_get_memory_size (rs), checksum);
  return rows == (guint) atoi (argv[2]) ? 0 : 1;
}
