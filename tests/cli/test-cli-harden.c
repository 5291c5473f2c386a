/* test-cli-harden.c: bad input that `validate`, `params` and `backfill` must catch, with
 * bounded resources and precise messages (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "trib-test-util.h"

#define WORKFLOW "User profile analysis_Spark"

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected to find\n  %s\nin\n%s", needle, haystack);
}

static void
test_workspace_file_not_regular (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("harden-XXXXXX");
  g_autofree char *file = g_build_filename (dir, "tributary.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A symlink to an endless device: refused at once, not read until memory runs out. */
  g_assert_cmpint (symlink ("/dev/zero", file), ==, 0);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "tributary-cli validate: tributary.json: is a character device, not a regular file; "
                            "only regular files are read\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "runs", dir, NULL }, NULL, &out, &err), ==, 1);
  assert_contains (err, "tributary.json: is a character device, not a regular file");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (unlink (file), ==, 0);

  /* A FIFO with no writer would block a plain open() forever. */
  g_assert_cmpint (mkfifo (file, 0600), ==, 0);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "tributary-cli validate: tributary.json: is a named pipe (FIFO), not a regular file; "
                            "only regular files are read\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (unlink (file), ==, 0);

  /* Past the documented limit (16 MiB): named, with the limit. */
  {
    FILE *big = fopen (file, "w");

    g_assert_nonnull (big);
    g_assert_cmpint (ftruncate (fileno (big), 16 * 1024 * 1024 + 1), ==, 0);
    fclose (big);
  }
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "tributary-cli validate: tributary.json: is larger than 16 MiB, the limit for this kind of file\n");

  trib_test_rm_rf (dir);
}

static void
test_workflow_files_not_regular (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *folder = g_build_filename (dir, "workflows", "folder.json", NULL);
  g_autofree char *zero = g_build_filename (dir, "workflows", "zero.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "workflows", "pipe.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* Reported as problems, not skipped silently. */
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==,
                   "workflows/folder.json: is a folder, not a file\n"
                   "workflows/pipe.json: is a named pipe (FIFO), not a regular file; only regular files are read\n"
                   "workflows/zero.json: is a character device, not a regular file; only regular files are read\n"
                   "3 errors\n");

  trib_test_rm_rf (dir);
}

/* A workflow whose every member `run` would refuse, to see `validate` refuse it first. */
static const char bad_workflow[] =
  "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", \"metadata\": {\"name\": \"bad\"}, \"spec\": {\"nodes\": ["
  "{\"id\": \"start\", \"name\": \"start\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}, \"parameters\": {\"a\": 1}},"
  "  \"trigger\": {\"type\": \"Scheduler\", \"cron\": \"99 99 99 * * ?\"},"
  "  \"rerunTimes\": \"three\", \"rerunInterval\": -1, \"rerunMode\": \"Sometimes\"},"
  "{\"id\": \"nosteps\", \"name\": \"nosteps\", \"script\": {\"runtime\": {\"command\": \"DI\"},"
  "  \"content\": \"{\\\"type\\\": \\\"job\\\", \\\"version\\\": \\\"2.0\\\"}\"}},"
  "{\"id\": \"bad\", \"name\": \"bad\", \"script\": {\"runtime\": {\"command\": \"DI\"}, \"content\": "
  "\"{\\\"type\\\": \\\"job\\\", \\\"version\\\": \\\"2.0\\\", \\\"steps\\\": ["
  "{\\\"stepType\\\": \\\"mysql\\\", \\\"category\\\": \\\"reader\\\", \\\"name\\\": \\\"Reader\\\", \\\"parameter\\\": "
  "{\\\"datasource\\\": \\\"user_behavior_analysis_mysql\\\", \\\"Password\\\": \\\"x\\\", \\\"column\\\": [\\\"uid\\\"],"
  " \\\"connection\\\": [{\\\"datasource\\\": \\\"user_behavior_analysis_mysql\\\", \\\"table\\\": [\\\"t\\\"]}]}},"
  "{\\\"stepType\\\": \\\"oss\\\", \\\"category\\\": \\\"writer\\\", \\\"name\\\": \\\"Writer\\\", \\\"parameter\\\": "
  "{\\\"datasource\\\": \\\"test_g\\\", \\\"object\\\": \\\"a/../../b_${bizdate}.txt\\\", \\\"fileFormat\\\": \\\"text\\\","
  " \\\"fieldDelimiter\\\": \\\"\\\", \\\"writeMode\\\": \\\"truncate\\\"}}],"
  " \\\"order\\\": {\\\"hops\\\": [{\\\"from\\\": \\\"Reader\\\", \\\"to\\\": \\\"Writer\\\"}]},"
  " \\\"setting\\\": {\\\"errorLimit\\\": {\\\"record\\\": -1}, \\\"speed\\\": {\\\"concurrent\\\": 1000000000}}}\"}}"
  "], \"flow\": [{\"nodeId\": \"nosteps\", \"depends\": [{\"nodeId\": \"start\"}]},"
  "{\"nodeId\": \"bad\", \"depends\": [{\"nodeId\": \"start\"}]}]}}";

static void
test_validate_finds_what_run_refuses (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *file = g_build_filename (dir, "workflows", "bad.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  int status;

  trib_test_write_file (file, bad_workflow);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 1);
#define P "workflows/bad.json: "
  assert_contains (err, P "spec.nodes[0]: rerunTimes: must be an integer from 0 to 100, found the string \"three\"\n");
  assert_contains (err, P "spec.nodes[0]: rerunInterval: must be an integer from 0 to 86400000, found the number -1\n");
  assert_contains (err, P "spec.nodes[0]: rerunMode: must be \"Allowed\", \"FailureAllowed\" or \"Denied\", found the string \"Sometimes\"\n");
  assert_contains (err, P "spec.nodes[0]: script.parameters: must be an array of {\"name\", \"value\"} objects, found an object\n");
  assert_contains (err, P "spec.nodes[0]: trigger.cron: cron \"99 99 99 * * ?\": second field \"99\": 99 is out of range 0-59\n");
  assert_contains (err, P "spec.nodes[1]: script.content: steps: missing (a reader step and a writer step)\n");
  assert_contains (err, P "spec.nodes[2]: script.content: steps[0].parameter.Password: inline credentials are not allowed; "
                          "name a data source in \"datasource\"\n");
  assert_contains (err, P "spec.nodes[2]: script.content: steps[1].parameter.object: \"a/../../b_${bizdate}.txt\": "
                          "an object name has no \".\" or \"..\" segments\n");
  assert_contains (err, P "spec.nodes[2]: script.content: steps[1].parameter.fieldDelimiter: must not be empty\n");
  assert_contains (err, P "spec.nodes[2]: script.content: setting.speed.concurrent: must be from 1 to 32, found 1000000000\n");
  assert_contains (err, P "spec.nodes[2]: script.content: setting.errorLimit.record: must be at least 0\n");
#undef P
  g_clear_pointer (&err, g_free);

  /* `run` refuses the same workflow before starting anything: nothing is retried. */
  status = trib_test_run_cli ((const char *[]) { "run", dir, "bad", "--bizdate", "20240807", NULL },
                              NULL, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (err, ==, "tributary-cli run: node start: cron \"99 99 99 * * ?\": second field \"99\": 99 is out of range 0-59\n");
  g_clear_pointer (&err, g_free);
  status = trib_test_run_cli ((const char *[]) { "run", dir, "bad", "--cyctime", "20240808003000", NULL },
                              NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  assert_contains (err, "setting.speed.concurrent: must be from 1 to 32, found 1000000000");

  trib_test_rm_rf (dir);
}

static void
test_one_date_rule (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "params", "$bizdate", "--cyctime", "20250230003000", NULL },
                                      NULL, &out, &err), ==, 2);
  g_assert_cmpstr (err, ==, "tributary-cli params: --cyctime \"20250230003000\": February 30 does not exist\n");
  g_clear_pointer (&err, g_free);

  /* The range run and backfill accept, and params too. */
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "params", "$bizdate", "--bizdate", "19691231", NULL },
                                      NULL, &out, &err), ==, 2);
  g_assert_cmpstr (err, ==, "tributary-cli params: --bizdate \"19691231\" is outside the supported dates, "
                            "19700101 to 99981231\n");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "params", "$bizdate", "--cyctime", "20250101256000", NULL },
                                      NULL, &out, &err), ==, 2);
  g_assert_cmpstr (err, ==, "tributary-cli params: --cyctime \"20250101256000\": there is no hour 25 (00 to 23)\n");
  g_clear_pointer (&err, g_free);

  /* A path is not a time zone: refused before GLib reads it (criticals are fatal here). */
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "params", "$bizdate", "--timezone", "../../etc/passwd", NULL },
                                      NULL, &out, &err), ==, 2);
  g_assert_cmpstr (err, ==, "tributary-cli params: unknown time zone \"../../etc/passwd\" (use a name such as Asia/Shanghai)\n");
}

static void
test_backfill_preview_streams (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  struct rusage usage;

  /* 20 years, 7305 dates: kept whole, the preview took ~56 KB a date (400 MB). */
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "backfill", dir, WORKFLOW, "--from", "20000101",
                                                         "--to", "20191231", "--preview", NULL },
                                      NULL, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Backfill preview: 7305 business dates, 1 at a time\n"));
  g_assert_true (g_str_has_suffix (out, "36525 node instances in all. Nothing was run (--preview).\n"));
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("peak memory of the preview: %ld KB", usage.ru_maxrss);
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer's shadow memory and quarantine (256 MB) dwarf what is measured here;
   * the bound is checked by the plain build. */
  g_assert_cmpint (usage.ru_maxrss, <, 1024 * 1024);
#else
  g_assert_cmpint (usage.ru_maxrss, <, 120 * 1024);
#endif

  trib_test_rm_rf (dir);
}

static void
check_port (const char *dir,
            const char *port,
            const char *expected)
{
  g_autofree char *file = g_build_filename (dir, "tributary.json", NULL);
  g_autofree char *text = trib_test_read_file (file);
  g_autofree char *original = g_strdup (text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) changed = g_string_new (text);

  g_assert_cmpuint (g_string_replace (changed, "\"port\": 23306", port, 1), ==, 1);
  trib_test_write_file (file, changed->str);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 1);
  /* One error: the nodes that use the source are not told it is undefined. */
  g_assert_cmpstr (err, ==, expected);
  trib_test_write_file (file, original);
}

static void
test_numbers_are_range_checked (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();

  check_port (dir, "\"port\": -1",
              "tributary.json: datasources[0].options.port: -1 is not a port number (1–65535)\n1 error\n");
  check_port (dir, "\"port\": 70000",
              "tributary.json: datasources[0].options.port: 70000 is not a port number (1–65535)\n1 error\n");
  check_port (dir, "\"port\": 0",
              "tributary.json: datasources[0].options.port: 0 is not a port number (1–65535)\n1 error\n");
  check_port (dir, "\"port\": 1e20",
              "tributary.json: datasources[0].options.port: must be an integer, found the number 1e+20\n1 error\n");
  check_port (dir, "\"port\": \"23306\"",
              "tributary.json: datasources[0].options.port: must be an integer, found the string \"23306\"\n1 error\n");
  check_port (dir, "\"port\": 23306, \"connect_timeout\": 0",
              "tributary.json: datasources[0].options.connect_timeout: must be from 1 to 3600, found 0\n1 error\n");

  /* The fields first, as the README promises: not "no password". */
  {
    g_autofree char *file = g_build_filename (dir, "tributary.json", NULL);
    g_autofree char *text = trib_test_read_file (file);
    g_autoptr(GString) changed = g_string_new (text);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_string_replace (changed, "\"port\": 23306", "\"port\": -1", 1);
    trib_test_write_file (file, changed->str);
    g_assert_cmpint (trib_test_run_cli ((const char *[]) { "test-connection", dir, "user_behavior_analysis_mysql", NULL },
                                        (const char *[]) { "DBUS_SESSION_BUS_ADDRESS=", NULL }, &out, &err), ==, 1);
    g_assert_cmpstr (err, ==, "tributary-cli test-connection: data source \"user_behavior_analysis_mysql\" has invalid "
                              "settings: tributary.json: datasources[0].options.port: -1 is not a port number (1–65535)\n");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* The list leaves it out, and says so: it does not show a port of -1. */
    g_assert_cmpint (trib_test_run_cli ((const char *[]) { "datasource", "list", dir, NULL },
                                        (const char *[]) { "DBUS_SESSION_BUS_ADDRESS=", NULL }, &out, &err), ==, 0);
    g_assert_null (strstr (out, "user_behavior_analysis_mysql"));
    g_assert_null (strstr (out, "-1"));
    g_assert_cmpstr (err, ==, "tributary-cli datasource list: warning: data source \"user_behavior_analysis_mysql\" is not "
                              "listed, its definition is invalid: tributary.json: datasources[0].options.port: -1 is not "
                              "a port number (1–65535)\n");
  }

  trib_test_rm_rf (dir);
}

static void
test_permanent_errors_not_retried (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *log = NULL;
  gint64 start = g_get_monotonic_time ();

  /* No keyring reachable and no TRIBUTARY_SECRET_*: retrying (rerunInterval 2 min,
   * rerunTimes 3) would fail the same way; the node fails at once. */
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "run", dir, WORKFLOW, "--bizdate", "20240807",
                                                         "--node", "ods_user_info_d_2oss_spark", NULL },
                                      (const char *[]) { "DBUS_SESSION_BUS_ADDRESS=", "DISPLAY=", NULL }, &out, &err), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
  assert_contains (out, "ods_user_info_d_2oss_spark     failed    no secret for data source \"test_g\"");
  g_assert_null (strstr (out, "waiting"));
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "log", dir, "1", "ods_user_info_d_2oss_spark", NULL },
                                      NULL, &log, &err), ==, 0);
  assert_contains (log, "failed (a permanent error, not retried): no secret for data source \"test_g\"");
  g_assert_null (strstr (log, "attempt 2 of 4"));

  trib_test_rm_rf (dir);
}

static void
test_stale_partial_files (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("harden-XXXXXX");
  g_autofree char *file = g_build_filename (dir, "tributary.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "out", "a", NULL);
  g_autofree char *stale = g_build_filename (folder, ".trib-partial-x.txt-AbC123", NULL);
  g_autofree char *live = g_build_filename (folder, ".trib-partial-x.txt-LiVe99", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(TribLocalStore) store = NULL;
  g_autoptr(TribObjectWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  int live_fd;

  trib_test_write_file (file, "{\"name\": \"ws\", \"datasources\": [{\"name\": \"out\", \"type\": \"local\", "
                              "\"options\": {\"path\": \"out\"}}]}");
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  /* What a SIGKILL mid-write leaves, and the partial file of a writer still at work. */
  trib_test_write_file (stale, "half a row|");
  trib_test_write_file (live, "being written");
  live_fd = open (live, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (flock (live_fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "warning: data source \"out\": a/.trib-partial-x.txt-AbC123 is a partial file left by an "
                            "interrupted run; the next write of that object removes it\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The next write of the same object removes the stale file, not the live one. */
  root = g_file_new_build_filename (dir, "out", NULL);
  store = trib_local_store_new (root);
  writer = trib_object_store_create_writer (TRIB_OBJECT_STORE (store), "a/x.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (trib_object_writer_write (writer, (const guint8 *) "1|2\n", 4, NULL, &error));
  g_assert_true (trib_object_writer_commit (writer, NULL, &error));
  g_assert_no_error (error);
  close (live_fd);

  trib_test_rm_rf (dir);
}

static void
write_workflow (const char *dir,
                const char *name,
                const char *text)
{
  g_autofree char *path = g_build_filename (dir, "workflows", name, NULL);

  trib_test_write_file (path, text);
}

#define WF_HEAD "{\"version\": \"1.1.0\", \"kind\": \"CycleWorkflow\", "
#define VIRTUAL_NODE(id, name) "{\"id\": \"" id "\", \"name\": \"" name "\", \"script\": {\"runtime\": {\"command\": \"VIRTUAL\"}}}"

static void
test_precise_messages (void)
{
  g_autofree char *parent = trib_test_make_tmpdir ("harden-XXXXXX");
  g_autofree char *dir = g_build_filename (parent, "ws", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expression = NULL;

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "init", dir, NULL }, NULL, &out, &err), ==, 0);
  write_workflow (dir, "a-bom.json", "\xef\xbb\xbf" WF_HEAD "\"spec\": {\"nodes\": [], \"flow\": []}}");
  write_workflow (dir, "b-dup.json", WF_HEAD "\"spec\": {\"nodes\": [\n"
                                     "{\"id\": \"a\",\n \"id\": \"b\", \"name\": \"a\"}], \"flow\": []}}");
  write_workflow (dir, "c-nul.json", WF_HEAD "\"spec\": {\"nodes\": [" VIRTUAL_NODE ("a", "a\\u0000x") "], \"flow\": []}}");
  write_workflow (dir, "d-nodes.json", WF_HEAD "\"spec\": {\"nodes\": {}, \"flow\": []}}");
  write_workflow (dir, "e-spec.json", WF_HEAD "\"spec\": []}");
  write_workflow (dir, "f-types.json", WF_HEAD "\"spec\": {\"nodes\": [{\"id\": \"x\", \"name\": 42, "
                                       "\"script\": {\"runtime\": {\"command\": \"DI\"}, \"content\": 123}}], \"flow\": []}}");
  write_workflow (dir, "g-ambiguous.json", WF_HEAD "\"spec\": {\"nodes\": [" VIRTUAL_NODE ("p", "q") ","
                                           VIRTUAL_NODE ("q", "r") "], \"flow\": []}}");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "validate", dir, NULL }, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==,
                   "workflows/a-bom.json:1:1: malformed JSON: the file starts with a byte order mark (BOM); "
                   "save it as UTF-8 without one\n"
                   "workflows/b-dup.json:3:2: malformed JSON: duplicate member \"id\" (also on line 2): a member may "
                   "appear only once in an object\n"
                   "workflows/c-nul.json:1:88: malformed JSON: \\u0000 (a NUL character) is not allowed in a string\n"
                   "workflows/d-nodes.json: spec.nodes: must be an array of nodes, found an object\n"
                   "workflows/e-spec.json: spec: must be an object with \"nodes\" and \"flow\", found an array\n"
                   "workflows/f-types.json: spec.nodes[0]: name: must be a string, found the number 42\n"
                   "workflows/f-types.json: spec.nodes[0]: script.content: must be a string, found the number 123\n"
                   "workflows/g-ambiguous.json: spec.nodes[0]: name \"q\" is the id of another node (spec.nodes[1]): "
                   "a reference to \"q\" would be ambiguous\n"
                   "8 errors\n");
  g_clear_pointer (&err, g_free);

  /* The same rule as backfill. */
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "run", dir, "x", "--parallel", "0", NULL }, NULL, &out, &err), ==, 2);
  g_assert_cmpstr (err, ==, "tributary-cli run: --parallel must be at least 1\n");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "log", dir, "999999", "NODE", NULL }, NULL, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "tributary-cli log: there is no run 999999 in this workspace's history\n");
  g_clear_pointer (&err, g_free);

  /* A 100 KB token is elided, and not echoed a second time under a caret. */
  token = g_strnfill (100 * 1024, 'y');
  expression = g_strdup_printf ("$[%s", token);
  g_assert_cmpint (trib_test_run_cli ((const char *[]) { "params", expression, NULL }, NULL, &out, &err), ==, 1);
  g_assert_cmpuint (strlen (err), <, 400);
  assert_contains (err, "… (102282 characters left out) …");
  g_clear_pointer (&err, g_free);

  trib_test_rm_rf (parent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First, so that the peak memory of the children is the preview's. */
  g_test_add_func ("/cli/harden/backfill-preview-streams", test_backfill_preview_streams);
  g_test_add_func ("/cli/harden/workspace-file-not-regular", test_workspace_file_not_regular);
  g_test_add_func ("/cli/harden/workflow-files-not-regular", test_workflow_files_not_regular);
  g_test_add_func ("/cli/harden/validate-finds-what-run-refuses", test_validate_finds_what_run_refuses);
  g_test_add_func ("/cli/harden/one-date-rule", test_one_date_rule);
  g_test_add_func ("/cli/harden/numbers-are-range-checked", test_numbers_are_range_checked);
  g_test_add_func ("/cli/harden/permanent-errors-not-retried", test_permanent_errors_not_retried);
  g_test_add_func ("/cli/harden/stale-partial-files", test_stale_partial_files);
  g_test_add_func ("/cli/harden/precise-messages", test_precise_messages);

  return g_test_run ();
}
