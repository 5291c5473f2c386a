/* test-cli-scheduler.c: tributary-cli scheduler and schedule, as processes
 *
 * The scheduler reads its clock from a file (TRIBUTARY_TEST_CLOCK) that the test
 * rewrites, and runs the demo workflow on the test executor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "trib-test-util.h"

#define WORKFLOW "user_profile_analysis_spark"

typedef struct
{
  char        *parent;
  char        *dir;
  char        *clock;
  GPtrArray   *procs;
  GPtrArray   *outputs;
} Fixture;

static void
set_clock (Fixture    *f,
           const char *iso)
{
  g_autofree char *tmp = g_strconcat (f->clock, ".tmp", NULL);

  /* Rename over it, so the scheduler never reads half a time. */
  trib_test_write_file (tmp, iso);
  g_assert_cmpint (g_rename (tmp, f->clock), ==, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *nodes;

  f->dir = trib_test_make_demo_workspace ();
  f->parent = g_path_get_dirname (f->dir);
  f->clock = g_build_filename (f->parent, "clock", NULL);
  f->procs = g_ptr_array_new_with_free_func (g_object_unref);
  f->outputs = g_ptr_array_new_with_free_func (g_free);
  set_clock (f, "2024-08-08T00:29:58+08:00");

  dir = g_file_new_for_path (f->dir);
  workspace = trib_workspace_load (dir, NULL, &error);
  g_assert_no_error (error);
  nodes = trib_workflow_get_nodes (trib_workspace_lookup_workflow (workspace, WORKFLOW));
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (nodes, i);
      trib_json_object_put_int (trib_node_get_json (node), "rerunTimes", 0);
    }
  trib_workflow_save (trib_workspace_lookup_workflow (workspace, WORKFLOW), NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < f->procs->len; i++)
    g_subprocess_force_exit (g_ptr_array_index (f->procs, i));
  g_ptr_array_unref (f->procs);
  g_ptr_array_unref (f->outputs);
  trib_test_rm_rf (f->parent);
  g_free (f->parent);
  g_free (f->dir);
  g_free (f->clock);
}

/* Starts "tributary-cli scheduler" in the background; its stdout goes to a file. */
static GSubprocess *
spawn_scheduler (Fixture            *f,
                 const char         *spec,
                 const char * const *extra_args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("scheduler-%u.out", f->procs->len);
  char *out = g_build_filename (f->parent, name, NULL);
  g_autofree char *err = g_strconcat (out, ".err", NULL);
  GSubprocess *proc;

  g_subprocess_launcher_setenv (launcher, "TRIBUTARY_TEST_CLOCK", f->clock, TRUE);
  g_subprocess_launcher_setenv (launcher, "TRIBUTARY_TEST_EXECUTOR", spec, TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, out);
  g_subprocess_launcher_set_stderr_file_path (launcher, err);
  g_ptr_array_add (args, (gpointer) trib_test_require_env ("TRIB_CLI"));
  g_ptr_array_add (args, (gpointer) "scheduler");
  g_ptr_array_add (args, (gpointer) "--json");
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (args, (gpointer) extra_args[i]);
  g_ptr_array_add (args, f->dir);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_ptr_array_add (f->procs, proc);
  g_ptr_array_add (f->outputs, out);
  return proc;
}

static char *
output_of (Fixture *f,
           guint    i)
{
  g_autofree char *text = NULL;

  g_file_get_contents (g_ptr_array_index (f->outputs, i), &text, NULL, NULL);
  return text ? g_steal_pointer (&text) : g_strdup ("");
}

static void
wait_for_output (Fixture    *f,
                 guint       i,
                 const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *text = output_of (f, i);

      if (strstr (text, needle))
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("\"%s\" not printed by scheduler %u; it printed:\n%s", needle, i, text);
      g_usleep (10 * 1000);
    }
}

/* SIGTERM, as systemd stops a service; it must exit 0 after "stopped". */
static void
terminate (Fixture *f,
           guint    i)
{
  GSubprocess *proc = g_ptr_array_index (f->procs, i);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  text = output_of (f, i);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("scheduler %u did not exit cleanly; it printed:\n%s", i, text);
  g_assert_nonnull (strstr (text, "{\"event\":\"stopped\"}\n"));
}

static TribHistory *
open_history (Fixture *f)
{
  g_autofree char *state = g_build_filename (f->dir, ".tributary", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (state);
  g_autoptr(GError) error = NULL;
  TribHistory *history = trib_history_open (file, &error);

  g_assert_no_error (error);
  return history;
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_fires_with_json_events (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  spawn_scheduler (f, "1", NULL);
  wait_for_output (f, 0, "\"event\":\"scheduler\"");
  text = output_of (f, 0);
  g_assert_nonnull (strstr (text, "{\"event\":\"scheduler\",\"workspace\":\"user_behavior_analysis\","
                                  "\"timezone\":\"Asia/Shanghai\",\"catch_up\":\"latest\",\"dry_run\":false,"
                                  "\"workflows\":[{\"workflow\":\"user_profile_analysis_spark\","
                                  "\"cron\":\"00 30 00 * * ?\",\"paused\":false,\"next\":\"20240808003000\"}]}\n"));
  g_assert_null (strstr (text, "\"event\":\"fire\""));

  set_clock (f, "2024-08-08T00:30:00+08:00");
  wait_for_output (f, 0, "\"event\":\"finished\"");
  terminate (f, 0);
  g_free (text);
  text = output_of (f, 0);
  g_assert_nonnull (strstr (text, "{\"event\":\"fire\",\"workspace\":\"user_behavior_analysis\","
                                  "\"workflow\":\"user_profile_analysis_spark\",\"cyctime\":\"20240808003000\","
                                  "\"bizdate\":\"20240807\",\"catch_up\":false,\"dry_run\":false,\"run\":1}\n"));
  g_assert_nonnull (strstr (text, "{\"event\":\"run\",\"run\":1,\"workflow\":\"user_profile_analysis_spark\","
                                  "\"kind\":\"scheduled\",\"catch_up\":false,"));
  g_assert_nonnull (strstr (text, "\"state\":\"success\",\"message\":\"all 5 nodes succeeded\""));

  history = open_history (f);
  runs = trib_history_list_runs (history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (trib_run_record_get_kind (g_ptr_array_index (runs, 0)), ==, "scheduled");
  g_assert_cmpstr (trib_run_record_get_cyctime (g_ptr_array_index (runs, 0)), ==, "20240808003000");
  g_assert_cmpstr (trib_run_record_get_bizdate (g_ptr_array_index (runs, 0)), ==, "20240807");
}

static void
test_two_processes_one_instance (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *both = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* Slow enough that both see the fire time while the first run is going. */
  spawn_scheduler (f, "*=sleep:200", NULL);
  spawn_scheduler (f, "*=sleep:200", NULL);
  wait_for_output (f, 0, "\"event\":\"scheduler\"");
  wait_for_output (f, 1, "\"event\":\"scheduler\"");
  set_clock (f, "2024-08-08T00:30:00+08:00");
  /* One fires, the other is told it was claimed. */
  for (gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;;)
    {
      g_free (first);
      g_free (second);
      first = output_of (f, 0);
      second = output_of (f, 1);
      both = g_strconcat (first, second, NULL);
      if (strstr (both, "\"event\":\"finished\"") && strstr (both, "\"event\":\"skipped\""))
        break;
      g_clear_pointer (&both, g_free);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
  terminate (f, 0);
  terminate (f, 1);
  g_clear_pointer (&both, g_free);
  g_free (first);
  g_free (second);
  first = output_of (f, 0);
  second = output_of (f, 1);
  both = g_strconcat (first, second, NULL);
  g_assert_cmpuint (count (both, "\"event\":\"fire\""), ==, 1);
  g_assert_cmpuint (count (both, "\"reason\":\"another scheduler started it\""), ==, 1);

  history = open_history (f);
  runs = trib_history_list_runs (history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
}

static void
test_sigterm_mid_run (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autofree char *text = NULL;

  spawn_scheduler (f, "ods_raw_log_d_2oss_spark=hang", NULL);
  wait_for_output (f, 0, "\"event\":\"scheduler\"");
  set_clock (f, "2024-08-08T00:30:00+08:00");
  wait_for_output (f, 0, "\"node\":\"ods_raw_log_d_2oss_spark\",\"node_id\":\"ods_raw_log_d_2oss_spark\","
                         "\"state\":\"running\"");
  terminate (f, 0);
  text = output_of (f, 0);
  g_assert_nonnull (strstr (text, "\"event\":\"finished\",\"run\":1,\"bizdate\":\"20240807\",\"state\":\"cancelled\""));

  /* The history says what happened: nothing is left running, nothing was "recovered". */
  history = open_history (f);
  g_assert_cmpuint (trib_history_get_n_recovered (history), ==, 0);
  runs = trib_history_list_runs (history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (trib_run_record_get_state (g_ptr_array_index (runs, 0)), ==, TRIB_RUN_STATE_CANCELLED);
  g_assert_cmpint (trib_run_record_get_ended (g_ptr_array_index (runs, 0)), >, 0);
  instances = trib_history_list_instances (history, 1, NULL);
  for (guint i = 0; i < instances->len; i++)
    {
      TribInstanceRecord *record = g_ptr_array_index (instances, i);
      TribNodeState state = trib_instance_record_get_state (record);

      g_assert_true (state != TRIB_NODE_STATE_RUNNING && state != TRIB_NODE_STATE_WAITING);
      if (g_str_equal (trib_instance_record_get_node_name (record), "ods_raw_log_d_2oss_spark"))
        g_assert_cmpint (state, ==, TRIB_NODE_STATE_CANCELLED);
    }
}

static void
test_dry_run_and_catch_up_option (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(TribHistory) history = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "scheduler", "--catch-up", "some", f->dir, NULL }, NULL,
                                      &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--catch-up takes latest, all or none, not \"some\""));

  spawn_scheduler (f, "1", (const char *[]) { "--dry-run", NULL });
  wait_for_output (f, 0, "\"event\":\"scheduler\"");
  set_clock (f, "2024-08-08T00:30:00+08:00");
  wait_for_output (f, 0, "\"event\":\"fire\"");
  terminate (f, 0);
  g_free (out);
  out = output_of (f, 0);
  g_assert_nonnull (strstr (out, "\"cyctime\":\"20240808003000\",\"bizdate\":\"20240807\",\"catch_up\":false,"
                                 "\"dry_run\":true,\"run\":null}"));
  history = open_history (f);
  runs = trib_history_list_runs (history, NULL, 0, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *env_clock = g_strdup_printf ("TRIBUTARY_TEST_CLOCK=%s", f->clock);
  /* No systemctl at all: status still lists the fire times. */
  const char *env[] = { env_clock, "TRIBUTARY_SYSTEMCTL=/nonexistent/systemctl", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "schedule", "status", f->dir, NULL }, env, &out, &err), ==, 0);
  expected = g_strdup_printf ("Service: systemd is not reachable here; run \"tributary-cli scheduler %s\" to fire the schedules\n"
                              "Time zone: Asia/Shanghai\n"
                              "user_profile_analysis_spark: 00 30 00 * * ?\n"
                              "  next 2024-08-08 00:30:00 (business date 20240807)\n"
                              "  next 2024-08-09 00:30:00 (business date 20240808)\n"
                              "  next 2024-08-10 00:30:00 (business date 20240809)\n", f->dir);
  g_assert_cmpstr (out, ==, expected);

  g_free (out);
  g_free (err);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "schedule", "status", "--json", "--count", "1", f->dir, NULL },
                                      env, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\"installed\":false,\"systemd\":false,\"state\":null,\"timezone\":\"Asia/Shanghai\","
                                 "\"workflows\":[{\"workflow\":\"user_profile_analysis_spark\",\"cron\":\"00 30 00 * * ?\","
                                 "\"paused\":false,\"next\":[{\"cyctime\":\"20240808003000\",\"bizdate\":\"20240807\"}]}],"
                                 "\"problems\":[]}"));
}

static void
test_install_and_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *config = g_build_filename (f->parent, "config", NULL);
  g_autofree char *calls = g_build_filename (f->parent, "systemctl-calls", NULL);
  g_autofree char *fake = g_build_filename (f->parent, "fake-systemctl", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\necho \"$*\" >> '%s'\n"
                                             "if [ \"$2\" = is-active ]; then echo active; fi\n", calls);
  g_autofree char *env_config = g_strdup_printf ("XDG_CONFIG_HOME=%s", config);
  g_autofree char *env_systemctl = g_strdup_printf ("TRIBUTARY_SYSTEMCTL=%s", fake);
  const char *env[] = { env_config, env_systemctl, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *unit_dir = g_build_filename (config, "systemd", "user", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *unit_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *analyze = g_find_program_in_path ("systemd-analyze");
  g_autofree char *analyze_out = NULL;
  g_autofree char *analyze_err = NULL;
  int analyze_status = -1;
  g_autoptr(GError) error = NULL;

  trib_test_write_file (fake, script);
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "schedule", "install", f->dir, NULL }, env, &out, &err), ==, 0);
  dir = g_dir_open (unit_dir, 0, &error);
  g_assert_no_error (error);
  unit = g_strdup (g_dir_read_name (dir));
  g_assert_true (g_str_has_prefix (unit, "tributary-scheduler-user_behavior_analysis-"));
  g_assert_true (g_str_has_suffix (unit, ".service"));
  unit_path = g_build_filename (unit_dir, unit, NULL);
  text = trib_test_read_file (unit_path);
  exec = g_strdup_printf ("ExecStart=\"%s\" \"scheduler\" \"%s\"\n", trib_test_require_env ("TRIB_CLI"), f->dir);
  g_assert_nonnull (strstr (text, exec));
  g_assert_nonnull (strstr (text, "\nRestart=on-failure\n"));
  g_assert_nonnull (strstr (text, "\nStandardOutput=journal\n"));
  g_assert_nonnull (strstr (text, "\nWantedBy=default.target\n"));
  log = trib_test_read_file (calls);
  expected = g_strdup_printf ("--user daemon-reload\n--user enable --now %s\n", unit);
  g_assert_cmpstr (log, ==, expected);

  /* systemd itself accepts the unit. */
  g_assert_nonnull (analyze);
  g_spawn_sync (NULL, (char *[]) { analyze, (char *) "verify", unit_path, NULL }, NULL, 0, NULL, NULL,
                &analyze_out, &analyze_err, &analyze_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (analyze_status, NULL) || *analyze_err)
    g_error ("systemd-analyze verify %s:\n%s%s\n%s", unit_path, analyze_out, analyze_err, text);

  g_free (out);
  g_free (err);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "schedule", "status", f->dir, NULL }, env, &out, &err), ==, 0);
  g_free (expected);
  expected = g_strdup_printf ("Service: %s is active\n", unit);
  g_assert_true (g_str_has_prefix (out, expected));

  g_free (out);
  g_free (err);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "schedule", "remove", f->dir, NULL }, env, &out, &err), ==, 0);
  g_assert_false (g_file_test (unit_path, G_FILE_TEST_EXISTS));
  g_free (log);
  log = trib_test_read_file (calls);
  g_free (expected);
  expected = g_strdup_printf ("--user disable --now %s\n--user daemon-reload\n", unit);
  g_assert_true (g_str_has_suffix (log, expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  trib_init ();

#define ADD(path, func) g_test_add ("/cli-scheduler/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fires-json", test_fires_with_json_events);
  ADD ("two-processes", test_two_processes_one_instance);
  ADD ("sigterm-mid-run", test_sigterm_mid_run);
  ADD ("dry-run", test_dry_run_and_catch_up_option);
  ADD ("status", test_status);
  ADD ("install-remove", test_install_and_remove);
#undef ADD
  return g_test_run ();
}
