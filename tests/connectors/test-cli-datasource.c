/* test-cli-datasource.c: tributary-cli datasource and test-connection, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "connector-test-util.h"

#define WRONG_PASSWORD "not-the-Passw0rd-x9"

typedef struct
{
  char *dir;
  char *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *argv[] = { "init", NULL, NULL };

  fixture->dir = trib_test_make_tmpdir ("cli-XXXXXX");
  fixture->workspace = g_build_filename (fixture->dir, "ws", NULL);
  argv[1] = fixture->workspace;
  g_assert_cmpint (run_cli (argv, NULL, NULL, NULL, NULL), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  trib_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->workspace);
}

static char *
workspace_file (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->workspace, "tributary.json", NULL);
  return trib_test_read_file (path);
}

static void
set_mysql (Fixture    *fixture,
           const char *name,
           const char *password)
{
  g_autofree char *port = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_MYSQL_PORT"));
  g_autofree char *out = NULL;
  g_autofree char *input = password ? g_strconcat (password, "\n", NULL) : NULL;
  const char *argv[] = {
    "datasource", "set", fixture->workspace, name, "--type", "mysql",
    "--option", "host=127.0.0.1", "--option", port, "--option", "database=workshop",
    "--option", "user=workshop", "--option", "tls=preferred", "--description", "ODS users",
    password ? "--secret-stdin" : NULL, NULL
  };

  g_assert_cmpint (run_cli (argv, input, NULL, &out, NULL), ==, 0);
  if (password)
    g_assert_cmpstr (out, ==, "Saved data source \"shop_mysql\" (mysql); its secret is in the keyring.\n");
}

static void
test_mysql_roundtrip (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *password = trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD");
  const char *test_argv[] = { "test-connection", fixture->workspace, "shop_mysql", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;

  set_mysql (fixture, "shop_mysql", password);

  json = workspace_file (fixture);
  g_assert_null (strstr (json, password));
  g_assert_nonnull (strstr (json, "\"secret\": \"keyring\""));
  g_assert_nonnull (strstr (json, "\"tls\": \"preferred\""));
  g_assert_nonnull (strstr (json, "\"port\": "));

  g_assert_cmpint (run_cli (test_argv, NULL, NULL, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "shop_mysql: MySQL / MariaDB\nStatus:   OK\nReached:  MariaDB "));
  g_assert_nonnull (strstr (out, "\nEndpoint: 127.0.0.1:"));
  g_assert_nonnull (strstr (out, "\nTime:     "));
  g_assert_cmpstr (err, ==, "");
}

static void
test_wrong_password_never_shown (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *test_argv[] = { "test-connection", fixture->workspace, "shop_mysql", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;

  set_mysql (fixture, "shop_mysql", WRONG_PASSWORD);
  g_assert_cmpint (run_cli (test_argv, NULL, NULL, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "Status:   FAILED: Authentication failed\n"));
  g_assert_nonnull (strstr (out, "Problem:  Access denied for user 'workshop'@"));
  g_assert_nonnull (strstr (out, "Hint:     Check the user name “workshop” and its password (from the keyring, or TRIBUTARY_SECRET_SHOP_MYSQL), and that this user may connect from this computer's address.\n"));
  g_assert_null (strstr (out, WRONG_PASSWORD));
  g_assert_null (strstr (err, WRONG_PASSWORD));
  json = workspace_file (fixture);
  g_assert_null (strstr (json, WRONG_PASSWORD));
}

static void
test_environment_wins (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *test_argv[] = { "test-connection", fixture->workspace, "shop_mysql", NULL };
  g_autofree char *env = g_strdup_printf ("TRIBUTARY_SECRET_SHOP_MYSQL=%s", trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"));
  const char *extra_env[] = { env, NULL };
  const char *list_argv[] = { "datasource", "list", fixture->workspace, NULL };
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;

  /* The keyring holds a wrong password; the environment holds the right one and wins. */
  set_mysql (fixture, "shop_mysql", WRONG_PASSWORD);
  g_assert_cmpint (run_cli (test_argv, NULL, extra_env, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Status:   OK\n"));
  g_assert_cmpint (run_cli (list_argv, NULL, extra_env, &listing, NULL), ==, 0);
  g_assert_nonnull (strstr (listing, "from TRIBUTARY_SECRET_SHOP_MYSQL"));
}

static void
test_every_kind (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *endpoint = g_strdup_printf ("endpoint=%s", trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  g_autofree char *key_id = g_strdup_printf ("access_key_id=%s", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"));
  g_autofree char *url = g_strdup_printf ("url=%s", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_autofree char *s3_secret = g_strconcat (trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"), "\n", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "lake", NULL);
  g_autofree char *path = g_strdup_printf ("path=%s", folder);
  const char *s3_argv[] = { "datasource", "set", fixture->workspace, "test_g", "--type", "s3", "--option", endpoint,
                            "--option", "region=cn-shanghai", "--option", "bucket=dw-emr-demo", "--option", key_id,
                            "--option", "path_style=true", "--secret-stdin", NULL };
  const char *http_argv[] = { "datasource", "set", fixture->workspace, "logs", "--type", "httpfile", "--option", url,
                              "--option", "probe_path=/user_log.txt", NULL };
  const char *local_argv[] = { "datasource", "set", fixture->workspace, "local", "--type", "local", "--option", path, NULL };
  g_autofree char *spark_port = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_HS2_HTTP_PORT"));
  g_autofree char *spark_user = g_strdup_printf ("user=%s", trib_test_require_env ("TRIB_TEST_HS2_USER"));
  g_autofree char *spark_secret = g_strconcat (trib_test_require_env ("TRIB_TEST_HS2_PASSWORD"), "\n", NULL);
  const char *spark_argv[] = { "datasource", "set", fixture->workspace, "spark", "--type", "kyuubi", "--option",
                               "host=127.0.0.1", "--option", spark_port, "--option", "transport=http",
                               "--option", "http_path=/cliservice", "--option", spark_user, "--secret-stdin", NULL };
  const char *list_argv[] = { "datasource", "list", fixture->workspace, NULL };
  g_autofree char *listing = NULL;
  g_autofree char *expected_row = NULL;
  struct { const char *name; int status; const char *expect; } cases[] = {
    { "test_g", 0, "Reached:  bucket “dw-emr-demo”, region us-east-1\n" },
    { "logs", 0, "Reached:  HTTP 200, " },
    { "local", 0, "Reached:  writable folder, " },
    /* The HiveServer2 layer's test, registered by trib_init (). */
    { "spark", 0, "Status:   OK\n" },
  };

  g_mkdir_with_parents (folder, 0700);
  g_assert_cmpint (run_cli (s3_argv, s3_secret, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run_cli (http_argv, NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run_cli (local_argv, NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run_cli (spark_argv, spark_secret, NULL, NULL, NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { "test-connection", fixture->workspace, cases[i].name, NULL };
      g_autofree char *out = NULL;

      g_assert_cmpint (run_cli (argv, NULL, NULL, &out, NULL), ==, cases[i].status);
      g_assert_nonnull (strstr (out, cases[i].expect));
    }

  g_assert_cmpint (run_cli (list_argv, NULL, NULL, &listing, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (listing, "NAME    TYPE      ENDPOINT"));
  expected_row = g_strdup_printf ("\ntest_g  s3        %s/dw-emr-demo +keyring\n", trib_test_require_env ("TRIB_TEST_S3_ENDPOINT"));
  g_assert_true (g_regex_match_simple (expected_row, listing, 0, 0));
  g_assert_nonnull (strstr (listing, "\nlogs    httpfile  "));
  g_assert_nonnull (strstr (listing, "  not needed\n"));
  expected_row = g_strdup_printf ("\nspark   kyuubi    127.0.0.1:%s (http)", trib_test_require_env ("TRIB_TEST_HS2_HTTP_PORT"));
  g_assert_nonnull (strstr (listing, expected_row));
}

/* Kyuubi sources get the same categorised answers as every other kind. */
static void
test_kyuubi_connection (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("port=%s", trib_test_require_env ("TRIB_TEST_HS2_SASL_PORT"));
  g_autofree char *user = g_strdup_printf ("user=%s", trib_test_require_env ("TRIB_TEST_HS2_USER"));
  g_autofree char *right = g_strconcat (trib_test_require_env ("TRIB_TEST_HS2_PASSWORD"), "\n", NULL);
  const char *set_argv[] = { "datasource", "set", fixture->workspace, "spark", "--type", "kyuubi",
                             "--option", "host=127.0.0.1", "--option", port, "--option", "transport=sasl",
                             "--option", user, "--secret-stdin", NULL };
  const char *test_argv[] = { "test-connection", fixture->workspace, "spark", NULL };
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;

  g_assert_cmpint (run_cli (set_argv, right, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run_cli (test_argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Status:   OK\n"));
  g_assert_nonnull (strstr (out, "Reached:  "));

  g_assert_cmpint (run_cli (set_argv, WRONG_PASSWORD "\n", NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run_cli (test_argv, NULL, NULL, &out2, NULL), ==, 1);
  g_assert_nonnull (strstr (out2, "Status:   FAILED: Authentication failed\n"));
  g_assert_null (strstr (out2, WRONG_PASSWORD));
}

static void
test_validation_names_keys (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *argv[] = { "datasource", "set", fixture->workspace, "bad", "--type", "s3",
                         "--option", "endpoint=ftp://x", "--option", "bucket=Bad_Bucket!", "--option", "colour=blue",
                         "--option", "path_style=perhaps", NULL };
  const char *missing_argv[] = { "datasource", "set", fixture->workspace, "bad", "--type", "mysql", NULL };
  const char *secret_argv[] = { "datasource", "set", fixture->workspace, "bad", "--type", "mysql",
                                "--option", "password=hunter2", NULL };
  const char *type_argv[] = { "datasource", "set", fixture->workspace, "bad", "--type", "oracle", NULL };
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *err4 = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (run_cli (argv, NULL, NULL, NULL, &err), ==, 2);
  g_assert_cmpstr (err, ==,
                   "tributary-cli datasource set: option endpoint: the URL must start with http:// or https://\n"
                   "tributary-cli datasource set: option bucket: \"Bad_Bucket!\" is not a bucket name (3–63 letters, digits, dots and hyphens, starting and ending with a letter or digit)\n"
                   "tributary-cli datasource set: option colour: unknown option for a s3 data source (known: endpoint, region, bucket, access_key_id, path_style, verify_tls, ca_file, connect_timeout, read_timeout)\n"
                   "tributary-cli datasource set: option path_style: \"perhaps\" is not true or false\n");

  g_assert_cmpint (run_cli (missing_argv, NULL, NULL, NULL, &err2), ==, 2);
  g_assert_cmpstr (err2, ==,
                   "tributary-cli datasource set: option host: required\n"
                   "tributary-cli datasource set: option user: required\n");

  g_assert_cmpint (run_cli (secret_argv, NULL, NULL, NULL, &err3), ==, 2);
  g_assert_null (strstr (err3, "hunter2"));
  g_assert_nonnull (strstr (err3, "use --secret-stdin"));

  g_assert_cmpint (run_cli (type_argv, NULL, NULL, NULL, &err4), ==, 2);
  g_assert_cmpstr (err4, ==, "tributary-cli datasource set: --type: unknown type \"oracle\" (expected mysql, httpfile, s3, local or kyuubi)\n");

  /* Nothing was saved. */
  json = workspace_file (fixture);
  g_assert_null (strstr (json, "\"bad\""));
}

static void
test_remove_refuses_when_used (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *demo = trib_test_make_demo_workspace ();
  const char *remove_argv[] = { "datasource", "remove", demo, "user_behavior_analysis_mysql", NULL };
  const char *force_argv[] = { "datasource", "remove", demo, "user_behavior_analysis_mysql", "--force", NULL };
  const char *unused_argv[] = { "datasource", "remove", demo, "nope", NULL };
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *path = g_build_filename (demo, "tributary.json", NULL);
  g_autofree char *before = trib_test_read_file (path);
  g_autofree char *after = NULL;
  g_autofree char *after_force = NULL;

  g_assert_cmpint (run_cli (remove_argv, NULL, NULL, NULL, &err), ==, 1);
  g_assert_cmpstr (err, ==,
                   "tributary-cli datasource remove: data source \"user_behavior_analysis_mysql\" is used by:\n"
                   "  workflows/user_profile_analysis_spark.json: ods_user_info_d_2oss_spark\n"
                   "Change those nodes first, or use --force to remove it anyway.\n");
  after = trib_test_read_file (path);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (run_cli (force_argv, NULL, NULL, &out2, &err2), ==, 0);
  g_assert_true (g_str_has_prefix (err2, "tributary-cli datasource remove: warning: data source \"user_behavior_analysis_mysql\" is used by:\n"));
  g_assert_cmpstr (out2, ==, "Removed data source \"user_behavior_analysis_mysql\".\n");
  after_force = trib_test_read_file (path);
  g_assert_null (strstr (after_force, "user_behavior_analysis_mysql"));

  g_assert_cmpint (run_cli (unused_argv, NULL, NULL, NULL, &err3), ==, 1);
  g_assert_cmpstr (err3, ==, "tributary-cli datasource remove: the workspace has no data source \"nope\"\n");
}

static void
test_remove_clears_secret (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *remove_argv[] = { "datasource", "remove", fixture->workspace, "shop_mysql", NULL };
  g_autoptr(TribWorkspace) workspace = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->workspace);
  g_autoptr(TribSecret) before = NULL;
  g_autoptr(TribSecret) after = NULL;

  set_mysql (fixture, "shop_mysql", WRONG_PASSWORD);
  workspace = trib_workspace_load (dir, NULL, NULL);
  before = trib_secrets_lookup_sync (trib_workspace_get_id (workspace), "shop_mysql", NULL, NULL);
  g_assert_cmpstr (before, ==, WRONG_PASSWORD);
  g_assert_cmpint (run_cli (remove_argv, NULL, NULL, NULL, NULL), ==, 0);
  after = trib_secrets_lookup_sync (trib_workspace_get_id (workspace), "shop_mysql", NULL, NULL);
  g_assert_null (after);
}

static void
test_help_documents_environment (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *argv[] = { "datasource", "set", "--help", NULL };
  const char *argv2[] = { "test-connection", "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;

  g_assert_cmpint (run_cli (argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "TRIBUTARY_SECRET_<NAME>"));
  g_assert_nonnull (strstr (out, "    tls              disabled, preferred, required, verify-ca or verify-identity (default preferred)\n"));
  g_assert_nonnull (strstr (out, "    path_style       "));
  g_assert_cmpint (run_cli (argv2, NULL, NULL, &out2, NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "TRIBUTARY_SECRET_<NAME>"));
}

static void
test_missing_secret (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *argv[] = { "test-connection", fixture->workspace, "shop_mysql", NULL };
  g_autofree char *out = NULL;

  set_mysql (fixture, "shop_mysql", NULL);
  g_assert_cmpint (run_cli (argv, NULL, NULL, &out, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "Status:   FAILED: No password or secret key\n"));
  g_assert_nonnull (strstr (out, "or set the environment variable TRIBUTARY_SECRET_SHOP_MYSQL.\n"));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/cli/datasource/mysql-roundtrip", test_mysql_roundtrip);
  ADD ("/cli/datasource/wrong-password-never-shown", test_wrong_password_never_shown);
  ADD ("/cli/datasource/environment-wins", test_environment_wins);
  ADD ("/cli/datasource/every-kind", test_every_kind);
  ADD ("/cli/datasource/kyuubi", test_kyuubi_connection);
  ADD ("/cli/datasource/validation-names-keys", test_validation_names_keys);
  ADD ("/cli/datasource/remove-refuses-when-used", test_remove_refuses_when_used);
  ADD ("/cli/datasource/remove-clears-secret", test_remove_clears_secret);
  ADD ("/cli/datasource/help-documents-environment", test_help_documents_environment);
  ADD ("/cli/datasource/missing-secret", test_missing_secret);

  return g_test_run ();
}
