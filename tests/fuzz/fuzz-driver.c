/* fuzz-driver.c: runs files or folders of inputs through LLVMFuzzerTestOneInput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without libFuzzer (any compiler): replays the seed corpus as a regression test.
 */

#include "config.h"

#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
run_path (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          n += run_path (child);
        }
      return n;
    }
  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      fprintf (stderr, "cannot read %s\n", path);
      return 0;
    }
  LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
  /* Every prefix too: truncated replies are what a dropped connection leaves. */
  for (gsize cut = 0; cut < len; cut += 1 + len / 64)
    LLVMFuzzerTestOneInput ((const guint8 *) contents, cut);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);
  printf ("1..1\nok 1 - %u inputs decoded without a crash\n", n);
  return n > 0 ? 0 : 1;
}
