/* test-mysql.c: the MySQL session helper the sync engine reads through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "connector-test-util.h"

static TribMysqlConnection *
open_connection (TribDataSource *source)
{
  g_autoptr(GError) error = NULL;
  TribMysqlConnection *connection;

  connection = trib_mysql_connection_new (source, trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), &error);
  g_assert_no_error (error);
  trib_mysql_connection_open (connection, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (trib_mysql_connection_is_open (connection));
  return connection;
}

static gboolean
collect_first_cell (MYSQL_ROW             row,
                    const unsigned long  *lengths,
                    guint                 n_fields,
                    gpointer              user_data,
                    GError              **error)
{
  char **out = user_data;

  g_free (*out);
  *out = row[0] ? g_strndup (row[0], lengths[0]) : g_strdup ("NULL");
  return TRUE;
}

static char *
query_value (TribMysqlConnection *connection,
             const char          *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  trib_mysql_connection_stream_query (connection, sql, NULL, collect_first_cell, &value, NULL, &error);
  g_assert_no_error (error);
  return value;
}

typedef struct
{
  guint   rows;
  guint   columns;
  gint64  last_uid;
  gboolean ordered;
  guint   cancel_after;
  GCancellable *cancellable;
} Count;

static gboolean
count_columns (MYSQL_FIELD  *fields,
               guint         n_fields,
               gpointer      user_data,
               GError      **error)
{
  Count *count = user_data;

  count->columns = n_fields;
  g_assert_cmpstr (fields[0].name, ==, "uid");
  g_assert_cmpstr (fields[3].name, ==, "zodiac");
  return TRUE;
}

static gboolean
count_rows (MYSQL_ROW             row,
            const unsigned long  *lengths,
            guint                 n_fields,
            gpointer              user_data,
            GError              **error)
{
  Count *count = user_data;
  gint64 uid = g_ascii_strtoll (row[0], NULL, 10);

  count->ordered = count->ordered && uid > count->last_uid;
  count->last_uid = uid;
  count->rows++;
  if (count->cancel_after && count->rows == count->cancel_after)
    g_cancellable_cancel (count->cancellable);
  return TRUE;
}

static void
test_stream_query (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribMysqlConnection) connection = open_connection (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *total = query_value (connection, "SELECT COUNT(*) FROM ods_user_info_d");
  Count count = { 0, 0, 0, TRUE, 0, NULL };

  trib_mysql_connection_stream_query (connection, "SELECT uid, gender, age_range, zodiac FROM ods_user_info_d ORDER BY uid",
                                      count_columns, count_rows, &count, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count.columns, ==, 4);
  g_assert_cmpuint (count.rows, ==, g_ascii_strtoull (total, NULL, 10));
  g_assert_cmpuint (count.rows, >, 1000);
  g_assert_true (count.ordered);
  /* The session is still usable after a complete stream. */
  g_free (query_value (connection, "SELECT 1"));
}

static void
test_stream_cancel (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribMysqlConnection) connection = open_connection (source);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Count count = { 0, 0, 0, TRUE, 10, cancellable };

  g_assert_false (trib_mysql_connection_stream_query (connection,
                                                      "SELECT uid, gender, age_range, zodiac FROM ods_user_info_d",
                                                      NULL, count_rows, &count, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count.rows, ==, 10);
  /* The session was dropped rather than drained. */
  g_assert_false (trib_mysql_connection_is_open (connection));
}

static void
test_sql_error (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribMysqlConnection) connection = open_connection (source);
  g_autoptr(GError) error = NULL;

  g_assert_false (trib_mysql_connection_execute (connection, "SELECT * FROM no_such_table", NULL, &error));
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_SERVER_ERROR);
  g_assert_cmpstr (error->message, ==, "Table 'workshop.no_such_table' doesn't exist");
  g_assert_true (trib_mysql_connection_is_open (connection));
}

static void
test_session_settings (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribMysqlConnection) connection = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *program = NULL;

  set_options (source, "time_zone", "+08:00", "charset", "utf8mb4", NULL);
  connection = open_connection (source);
  zone = query_value (connection, "SELECT @@session.time_zone");
  charset = query_value (connection, "SELECT @@session.character_set_client");
  program = query_value (connection, "SELECT ATTR_VALUE FROM performance_schema.session_connect_attrs "
                                     "WHERE PROCESSLIST_ID = CONNECTION_ID() AND ATTR_NAME = 'program_name'");
  g_assert_cmpstr (zone, ==, "+08:00");
  g_assert_cmpstr (charset, ==, "utf8mb4");
  g_assert_true (program == NULL || g_str_equal (program, "tributary"));
  g_assert_cmpstr (trib_mysql_connection_get_tls_cipher (connection), ==, NULL);
  g_assert_true (g_str_has_prefix (trib_mysql_connection_get_endpoint (connection), "127.0.0.1:"));
}

static void
test_bad_time_zone (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribMysqlConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  set_options (source, "time_zone", "Mars/Olympus_Mons", NULL);
  connection = trib_mysql_connection_new (source, trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), &error);
  g_assert_no_error (error);
  g_assert_false (trib_mysql_connection_open (connection, NULL, &error));
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS);
  g_assert_cmpstr (error->message, ==, "Unknown or incorrect time zone: 'Mars/Olympus_Mons'");
}

static void
test_localhost_uses_tcp (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribMysqlConnection) connection = NULL;
  g_autofree char *host = NULL;

  /* "localhost" must not silently switch to the server's Unix socket. */
  set_options (source, "host", "localhost", NULL);
  connection = open_connection (source);
  host = query_value (connection, "SELECT SUBSTRING_INDEX(USER(), '@', -1)");
  g_assert_true (g_str_equal (host, "localhost") || g_str_equal (host, "127.0.0.1"));
  g_assert_true (strstr (mysql_get_host_info (trib_mysql_connection_get_handle (connection)), "TCP") != NULL);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  trib_mysql_connection_open_finish (TRIB_MYSQL_CONNECTION (object), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "(opened)");
}

static void
test_open_async (void)
{
  g_autoptr(TribDataSource) source = harness_mysql_source ("shop");
  g_autoptr(TribMysqlConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GError *done = NULL;

  connection = trib_mysql_connection_new (source, trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), &error);
  trib_mysql_connection_open_async (connection, NULL, open_done_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (done, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_error_free (done);
  g_assert_true (g_str_has_suffix (trib_mysql_connection_get_server_version (connection), "MariaDB-0+deb12u1") ||
                 strstr (trib_mysql_connection_get_server_version (connection), "MariaDB") != NULL);
}

static void
test_quote_identifier (void)
{
  g_autofree char *a = trib_mysql_quote_identifier ("ods_user_info_d");
  g_autofree char *b = trib_mysql_quote_identifier ("we`ird");

  g_assert_cmpstr (a, ==, "`ods_user_info_d`");
  g_assert_cmpstr (b, ==, "`we``ird`");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mysql/stream-query", test_stream_query);
  g_test_add_func ("/mysql/stream-cancel", test_stream_cancel);
  g_test_add_func ("/mysql/sql-error", test_sql_error);
  g_test_add_func ("/mysql/session-settings", test_session_settings);
  g_test_add_func ("/mysql/bad-time-zone", test_bad_time_zone);
  g_test_add_func ("/mysql/localhost-uses-tcp", test_localhost_uses_tcp);
  g_test_add_func ("/mysql/open-async", test_open_async);
  g_test_add_func ("/mysql/quote-identifier", test_quote_identifier);

  return g_test_run ();
}
