/* trib-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "trib-test-util.h"

const char *
trib_test_require_env (const char *name)
{
  const char *value = g_getenv (name);

  /* Integration tests never skip: a missing peer is a failure. */
  if (value == NULL || *value == '\0')
    g_error ("%s is not set: run this test through tests/harness/trib-peers (meson test does)", name);
  return value;
}

char *
trib_test_make_tmpdir (const char *template_name)
{
  const char *base = g_getenv ("TRIB_TEST_TMPDIR");
  g_autofree char *tmpl = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  if (base && *base)
    {
      g_mkdir_with_parents (base, 0700);
      tmpl = g_build_filename (base, template_name ? template_name : "trib-XXXXXX", NULL);
      if (!strstr (tmpl, "XXXXXX"))
        {
          char *t = g_strconcat (tmpl, "-XXXXXX", NULL);
          g_free (tmpl);
          tmpl = t;
        }
      path = g_mkdtemp (g_steal_pointer (&tmpl));
      g_assert_nonnull (path);
      return path;
    }

  path = g_dir_make_tmp (template_name ? template_name : "trib-XXXXXX", &error);
  g_assert_no_error (error);
  return path;
}

void
trib_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      trib_test_rm_rf (child);
    }
  g_rmdir (path);
}

char *
trib_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

void
trib_test_write_file (const char *path,
                      const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

int
trib_test_run_cli (const char * const  *argv,
                   const char * const  *extra_env,
                   char               **out,
                   char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;
  const char *cli = trib_test_require_env ("TRIB_CLI");

  g_ptr_array_add (args, (gpointer) cli);
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* A GLib critical is a bug, whatever the input: it aborts the command, and the test. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly,fatal-criticals", TRUE);
  for (guint i = 0; extra_env && extra_env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (extra_env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1] ? kv[1] : "", TRUE);
    }

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_buf, &stderr_buf, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_if_exited (proc))
    {
      /* A crash: show what the program said (a sanitizer's report is on stderr). */
      g_printerr ("tributary-cli %s was killed by signal %d\n--- stdout ---\n%s\n--- stderr ---\n%s\n",
                  argv[0], g_subprocess_get_term_sig (proc), stdout_buf ? stdout_buf : "",
                  stderr_buf ? stderr_buf : "");
      g_assert_true (g_subprocess_get_if_exited (proc));
    }

  if (out)
    *out = g_steal_pointer (&stdout_buf);
  if (err)
    *err = g_steal_pointer (&stderr_buf);
  return g_subprocess_get_exit_status (proc);
}

char *
trib_test_make_demo_workspace (void)
{
  g_autofree char *parent = trib_test_make_tmpdir ("demo-XXXXXX");
  g_autofree char *path = g_build_filename (parent, "workspace", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = trib_demo_create_workspace (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return g_steal_pointer (&path);
}
