/* test-secrets.c: secrets in a real Secret Service (gnome-keyring from the harness)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "connector-test-util.h"

static void
require_keyring (void)
{
  trib_test_require_env ("TRIB_TEST_KEYRING");
  trib_test_require_env ("DBUS_SESSION_BUS_ADDRESS");
}

static void
test_schema (void)
{
  const SecretSchema *schema = trib_secrets_get_schema ();

  g_assert_cmpstr (schema->name, ==, "io.github.tributary.Tributary");
  g_assert_cmpstr (schema->attributes[0].name, ==, "workspace");
  g_assert_cmpstr (schema->attributes[1].name, ==, "datasource");
  g_assert_null (schema->attributes[2].name);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSecret) found = NULL;
  g_autoptr(TribSecret) other = NULL;
  g_autoptr(TribSecret) gone = NULL;

  require_keyring ();
  g_assert_true (trib_secrets_store_sync ("ws-1", "shop", "s3cr3t ünïcode", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (trib_secrets_store_sync ("ws-2", "shop", "another", NULL, &error));
  g_assert_no_error (error);

  found = trib_secrets_lookup_sync ("ws-1", "shop", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "s3cr3t ünïcode");
  /* Same data source name in another workspace: another secret. */
  other = trib_secrets_lookup_sync ("ws-2", "shop", NULL, &error);
  g_assert_cmpstr (other, ==, "another");

  /* Storing again replaces. */
  g_assert_true (trib_secrets_store_sync ("ws-1", "shop", "rotated", NULL, &error));
  g_clear_pointer (&found, trib_secret_free);
  found = trib_secrets_lookup_sync ("ws-1", "shop", NULL, &error);
  g_assert_cmpstr (found, ==, "rotated");

  g_assert_true (trib_secrets_clear_sync ("ws-1", "shop", NULL, &error));
  g_assert_no_error (error);
  gone = trib_secrets_lookup_sync ("ws-1", "shop", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  g_assert_false (trib_secrets_clear_sync ("ws-1", "shop", NULL, &error));
  g_assert_no_error (error);
  trib_secrets_clear_sync ("ws-2", "shop", NULL, NULL);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *secret;
  GError   *error;
} Wait;

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = trib_secrets_store_finish (result, &wait->error);
  wait->done = TRUE;
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;

  wait->secret = trib_secrets_lookup_finish (result, &wait->error);
  wait->done = TRUE;
}

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = trib_secrets_clear_finish (result, &wait->error);
  wait->done = TRUE;
}

static void
run_until_done (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait->error);
  wait->done = FALSE;
}

static void
test_async (void)
{
  Wait wait = { 0 };

  require_keyring ();
  trib_secrets_store_async ("ws-async", "lake", "key/with+chars=", NULL, store_done_cb, &wait);
  run_until_done (&wait);
  g_assert_true (wait.ok);

  trib_secrets_lookup_async ("ws-async", "lake", NULL, lookup_done_cb, &wait);
  run_until_done (&wait);
  g_assert_cmpstr (wait.secret, ==, "key/with+chars=");
  trib_secret_free (wait.secret);

  trib_secrets_clear_async ("ws-async", "lake", NULL, clear_done_cb, &wait);
  run_until_done (&wait);
  g_assert_true (wait.ok);

  trib_secrets_lookup_async ("ws-async", "lake", NULL, lookup_done_cb, &wait);
  run_until_done (&wait);
  g_assert_null (wait.secret);
}

static void
resolve_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TribSecretSource *source = ((gpointer *) user_data)[1];
  char **secret = ((gpointer *) user_data)[0];

  *secret = trib_secrets_resolve_finish (result, source, NULL);
  ((gpointer *) user_data)[2] = GINT_TO_POINTER (1);
}

static void
test_resolve_precedence (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("ws-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "w", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = trib_workspace_create (folder, "w", &error);
  g_autoptr(TribDataSource) source = trib_data_source_new ("User-Behavior.mysql", TRIB_DATA_SOURCE_KIND_MYSQL);
  g_autofree char *env = trib_data_source_dup_secret_env_name (source);
  TribSecretSource where = TRIB_SECRET_SOURCE_NONE;
  char *secret;
  gpointer slots[3] = { &secret, &where, NULL };

  require_keyring ();
  g_assert_no_error (error);
  g_assert_cmpstr (env, ==, "TRIBUTARY_SECRET_USER_BEHAVIOR_MYSQL");
  g_unsetenv (env);

  secret = trib_secrets_resolve_sync (workspace, source, &where, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  g_assert_cmpint (where, ==, TRIB_SECRET_SOURCE_NONE);

  g_assert_true (trib_secrets_store_sync (trib_workspace_get_id (workspace), "User-Behavior.mysql", "from-keyring",
                                          NULL, &error));
  secret = trib_secrets_resolve_sync (workspace, source, &where, NULL, &error);
  g_assert_cmpstr (secret, ==, "from-keyring");
  g_assert_cmpint (where, ==, TRIB_SECRET_SOURCE_KEYRING);
  trib_secret_free (secret);

  /* The environment wins over the keyring. */
  g_setenv (env, "from-environment", TRUE);
  secret = trib_secrets_resolve_sync (workspace, source, &where, NULL, &error);
  g_assert_cmpstr (secret, ==, "from-environment");
  g_assert_cmpint (where, ==, TRIB_SECRET_SOURCE_ENVIRONMENT);
  trib_secret_free (secret);

  secret = NULL;
  trib_secrets_resolve_async (workspace, source, NULL, resolve_done_cb, slots);
  while (slots[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (secret, ==, "from-environment");
  g_assert_cmpint (where, ==, TRIB_SECRET_SOURCE_ENVIRONMENT);
  trib_secret_free (secret);

  g_unsetenv (env);
  slots[2] = NULL;
  trib_secrets_resolve_async (workspace, source, NULL, resolve_done_cb, slots);
  while (slots[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (secret, ==, "from-keyring");
  g_assert_cmpint (where, ==, TRIB_SECRET_SOURCE_KEYRING);
  trib_secret_free (secret);

  trib_secrets_clear_sync (trib_workspace_get_id (workspace), "User-Behavior.mysql", NULL, NULL);
  trib_test_rm_rf (dir);
}

static void
test_secret_tool_interop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "secret-tool", "lookup", "workspace", "ws-tool", "datasource", "files", NULL };

  require_keyring ();
  g_assert_true (trib_secrets_store_sync ("ws-tool", "files", "visible-to-secret-tool", NULL, &error));
  /* The item carries the schema name, so other tools find it by its attributes. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "visible-to-secret-tool");
  trib_secrets_clear_sync ("ws-tool", "files", NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/schema", test_schema);
  g_test_add_func ("/secrets/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secrets/async", test_async);
  g_test_add_func ("/secrets/resolve-precedence", test_resolve_precedence);
  g_test_add_func ("/secrets/secret-tool-interop", test_secret_tool_interop);

  return g_test_run ();
}
