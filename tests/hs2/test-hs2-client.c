/* test-hs2-client.c: the TCLIService client against the reference HiveServer2 peer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hs2-test-peer.h"

static TribHs2Client *
open_client (TribHs2Config *config)
{
  g_autoptr(GError) error = NULL;
  TribHs2Client *client = trib_hs2_client_new (config);

  g_assert_true (trib_hs2_client_open_sync (client, NULL, &error));
  g_assert_no_error (error);
  return client;
}

static TribHs2ResultSet *
query (TribHs2Client *client,
       const char    *sql)
{
  g_autoptr(GError) error = NULL;
  TribHs2ResultSet *rs = trib_hs2_client_query_sync (client, sql, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rs);
  return rs;
}

static void
assert_cell (TribHs2ResultSet *rs,
             guint             row,
             guint             col,
             const char       *expected)
{
  g_autofree char *text = trib_hs2_result_set_dup_text (rs, row, col);

  if (expected == NULL)
    {
      g_assert_true (trib_hs2_result_set_is_null (rs, row, col));
      g_assert_null (text);
    }
  else
    {
      g_assert_false (trib_hs2_result_set_is_null (rs, row, col));
      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_open_and_info (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = trib_hs2_client_get_info_sync (client, TRIB_HS2_INFO_DBMS_NAME, NULL, &error);
  g_autofree char *version = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Apache Kyuubi");
  version = trib_hs2_client_get_info_sync (client, TRIB_HS2_INFO_DBMS_VER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "1.9.0-trib-peer");
  g_assert_cmpint (trib_hs2_client_get_protocol (client), ==, TRIB_HS2_PROTOCOL_V10);

  /* Info types the server does not know are a server error, and the session survives. */
  bad = trib_hs2_client_get_info_sync (client, 10006, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_true (trib_hs2_client_close_sync (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hs2_test_recorded ("open-session", "use:database", "default", NULL));
  g_assert_true (hs2_test_recorded ("close-session", NULL));
}

static void
test_protocol_negotiated_down (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;

  /* Ask for V11; the server knows V10 at most and answers that. */
  config->protocol = TRIB_HS2_PROTOCOL_V11;
  client = open_client (config);
  g_assert_cmpint (trib_hs2_client_get_protocol (client), ==, TRIB_HS2_PROTOCOL_V10);
  g_assert_true (hs2_test_recorded ("open-session", "\"protocol\":10", NULL));
  rs = query (client, "SELECT 'negotiated' AS v");
  assert_cell (rs, 0, 0, "negotiated");
}

static const char all_types_sql[] =
  "SELECT * FROM (VALUES "
  "(true, 1::TINYINT, 2::SMALLINT, 3, 4::BIGINT, 1.5::FLOAT, 2.25::DOUBLE, 'text', '\\x01\\xff'::BLOB,"
  " DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05', 12.345::DECIMAL(10,3), [1, 2], MAP {'a': 1},"
  " {'k': 1}, CAST(-9223372036854775807 - 1 AS BIGINT)), "
  "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
  "(false, CAST(-128 AS TINYINT), CAST(-32768 AS SMALLINT), CAST(-2147483648 AS INTEGER),"
  " 9223372036854775807::BIGINT, CAST(-0.5 AS FLOAT),"
  " 1e300::DOUBLE, 'NULL', ''::BLOB, DATE '1970-01-01', TIMESTAMP '1999-12-31 23:59:59.123456',"
  " CAST(-0.001 AS DECIMAL(10,3)), [], MAP {'b': 2}, {'k': 2}, 0::BIGINT)) "
  "AS t(b, ti, si, i, bi, f, d, s, bin, dt, ts, dec, arr, m, st, big)";

static void
check_all_types (gint32 protocol)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;
  static const gint32 types[] = {
    TRIB_HS2_TYPE_BOOLEAN, TRIB_HS2_TYPE_TINYINT, TRIB_HS2_TYPE_SMALLINT, TRIB_HS2_TYPE_INT,
    TRIB_HS2_TYPE_BIGINT, TRIB_HS2_TYPE_FLOAT, TRIB_HS2_TYPE_DOUBLE, TRIB_HS2_TYPE_STRING,
    TRIB_HS2_TYPE_BINARY, TRIB_HS2_TYPE_DATE, TRIB_HS2_TYPE_TIMESTAMP, TRIB_HS2_TYPE_DECIMAL,
    TRIB_HS2_TYPE_ARRAY, TRIB_HS2_TYPE_MAP, TRIB_HS2_TYPE_STRUCT, TRIB_HS2_TYPE_BIGINT,
  };
  static const char * const row0[] = {
    "true", "1", "2", "3", "4", "1.5", "2.25", "text", "01ff", "2024-01-02", "2024-01-02 03:04:05",
    "12.345", "[1,2]", "{\"a\":1}", "{\"k\":1}", "-9223372036854775808",
  };
  static const char * const row2[] = {
    "false", "-128", "-32768", "-2147483648", "9223372036854775807", "-0.5", "1e+300", "NULL", "",
    "1970-01-01", "1999-12-31 23:59:59.123456", "-0.001", "[]", "{\"b\":2}", "{\"k\":2}", "0",
  };
  gint64 v;

  config->protocol = protocol;
  client = open_client (config);
  g_assert_cmpint (trib_hs2_client_get_protocol (client), ==, protocol);
  rs = query (client, all_types_sql);
  g_assert_cmpuint (trib_hs2_result_set_get_n_columns (rs), ==, G_N_ELEMENTS (types));
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (rs), ==, 3);
  for (guint c = 0; c < G_N_ELEMENTS (types); c++)
    {
      g_test_message ("column %u %s", c, trib_hs2_result_set_get_column_name (rs, c));
      g_assert_cmpint (trib_hs2_result_set_get_column_type (rs, c), ==, types[c]);
      /* Every column type, NULL; string columns carry the text "NULL" as placeholder. */
      assert_cell (rs, 1, c, NULL);
      /* Row-based sets (before V6) have no binary member: binary comes as a string. */
      if (c == 8 && protocol < TRIB_HS2_PROTOCOL_V6)
        continue;
      assert_cell (rs, 0, c, row0[c]);
      assert_cell (rs, 2, c, row2[c]);
    }
  g_assert_cmpstr (trib_hs2_result_set_get_column_type_name (rs, 11), ==, "DECIMAL(10,3)");
  g_assert_true (trib_hs2_result_set_get_int64 (rs, 2, 4, &v));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_false (trib_hs2_result_set_get_int64 (rs, 1, 4, &v));
}

static void
test_all_types_columnar (void)
{
  check_all_types (TRIB_HS2_PROTOCOL_V10);
}

static void
test_all_types_row_based (void)
{
  check_all_types (4 /* V5: row-based sets */);
}

static void
test_several_fetches (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;
  g_autoptr(TribHs2ResultSet) more = NULL;
  gint64 v;

  config->fetch_size = 1000;
  client = open_client (config);
  rs = query (client, "SELECT range AS i, 'row ' || range AS s FROM range(4500)");
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (rs), ==, 4500);
  g_assert_cmpuint (trib_hs2_result_set_get_n_batches (rs), ==, 5);
  for (guint i = 0; i < 4500; i += 499)
    {
      g_autofree char *s = g_strdup_printf ("row %u", i);

      g_assert_true (trib_hs2_result_set_get_int64 (rs, i, 0, &v));
      g_assert_cmpint (v, ==, i);
      assert_cell (rs, i, 1, s);
    }

  /* An empty batch that says more rows are coming does not end the results (§4). */
  more = query (client, "SELECT range AS i FROM range(25) /* trib:has-more trib:rows-per-fetch=10 */");
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (more), ==, 25);
  g_assert_cmpuint (trib_hs2_result_set_get_n_batches (more), ==, 3);
}

static void
test_empty_results (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(TribHs2ResultSet) rs = query (client, "SELECT 1 AS a, 'x' AS b WHERE false");
  g_autoptr(TribHs2ResultSet) ddl = query (client, "CREATE TABLE empty_t (a INT)");

  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (rs), ==, 0);
  g_assert_cmpuint (trib_hs2_result_set_get_n_columns (rs), ==, 2);
  g_assert_cmpstr (trib_hs2_result_set_get_column_name (rs, 1), ==, "b");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rs)), ==, 0);
  g_assert_cmpuint (trib_hs2_result_set_get_n_columns (ddl), ==, 0);
}

typedef struct
{
  TribHs2Operation *op;
  GCancellable     *cancellable;
  gboolean          done;
  gboolean          ok;
  GError           *error;
} Waiter;

static gpointer
wait_thread (gpointer data)
{
  Waiter *w = data;

  w->ok = trib_hs2_operation_wait_sync (w->op, w->cancellable, &w->error);
  g_atomic_int_set (&w->done, TRUE);
  return NULL;
}

static void
test_slow_operation (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Operation) op = NULL;
  Waiter w = { 0 };
  GThread *thread;
  gboolean saw_pending = FALSE, saw_running = FALSE, saw_progress = FALSE;
  gint64 start = g_get_monotonic_time ();

  op = trib_hs2_client_execute_sync (client, "/* trib:slow=3 */ SELECT 42 AS answer", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  w.op = op;
  thread = g_thread_new ("wait", wait_thread, &w);
  while (!g_atomic_int_get (&w.done))
    {
      TribHs2OperationState state = trib_hs2_operation_get_state (op);
      double progress = trib_hs2_operation_get_progress (op);

      saw_pending |= state == TRIB_HS2_STATE_PENDING;
      saw_running |= state == TRIB_HS2_STATE_RUNNING;
      saw_progress |= progress > 0 && progress < 1;
      g_usleep (10000);
    }
  g_thread_join (thread);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_true (saw_pending);
  g_assert_true (saw_running);
  g_assert_true (saw_progress);
  g_assert_cmpint (trib_hs2_operation_get_state (op), ==, TRIB_HS2_STATE_FINISHED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2500000);
  g_assert_true (trib_hs2_operation_close_sync (op, NULL, NULL));
}

static void
log_cb (TribHs2Operation *op,
        const char       *line,
        GPtrArray        *lines)
{
  g_ptr_array_add (lines, g_strdup (line));
}

static void
wait_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Waiter *w = data;

  w->ok = trib_hs2_operation_wait_finish (TRIB_HS2_OPERATION (object), result, &w->error);
  w->done = TRUE;
}

static void
status_cb (TribHs2Operation *op,
           int               state,
           double            progress,
           GArray           *states)
{
  g_array_append_val (states, state);
}

static void
test_status_signal (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Operation) op = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (int));
  Waiter w = { 0 };
  gboolean pending = FALSE, running = FALSE;

  op = trib_hs2_client_execute_sync (client, "/* trib:slow=2 */ SELECT 1", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (op, "status", G_CALLBACK (status_cb), states);
  trib_hs2_operation_wait_async (op, NULL, wait_done_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < states->len; i++)
    {
      pending |= g_array_index (states, int, i) == TRIB_HS2_STATE_PENDING;
      running |= g_array_index (states, int, i) == TRIB_HS2_STATE_RUNNING;
    }
  g_assert_true (pending);
  g_assert_true (running);
  g_assert_cmpint (g_array_index (states, int, states->len - 1), ==, TRIB_HS2_STATE_FINISHED);
  trib_hs2_operation_close_sync (op, NULL, NULL);
}

static void
test_operation_logs (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Operation) op = NULL;
  g_autoptr(GPtrArray) signalled = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) log = NULL;
  Waiter w = { 0 };

  op = trib_hs2_client_execute_sync (client, "/* trib:log=5 trib:slow=1 */ SELECT 1", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (op, "log", G_CALLBACK (log_cb), signalled);
  trib_hs2_operation_wait_async (op, NULL, wait_done_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  log = trib_hs2_operation_dup_log (op);
  g_assert_true (g_strv_contains ((const char * const *) log, "INFO  : log line 1 of 5"));
  g_assert_true (g_strv_contains ((const char * const *) log, "INFO  : log line 5 of 5"));
  g_assert_true (g_strv_contains ((const char * const *) log, "INFO  : Pending: waiting for resources"));
  g_assert_cmpuint (signalled->len, ==, g_strv_length (log));
  trib_hs2_operation_close_sync (op, NULL, NULL);
}

static void
test_errors_with_sqlstate (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;
  g_autoptr(TribHs2Operation) op = NULL;

  rs = trib_hs2_client_query_sync (client, "SELECT * FROM no_such_table", NULL, &error);
  g_assert_null (rs);
  g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_SERVER);
  g_assert_cmpstr (trib_hs2_error_get_sql_state (error), ==, "42S02");
  g_assert_cmpint (trib_hs2_error_get_error_code (error), ==, 10001);
  g_assert_nonnull (strstr (error->message, "SQLSTATE 42S02"));
  g_assert_nonnull (strstr (trib_hs2_error_get_server_message (error), "no_such_table"));
  g_clear_error (&error);

  rs = trib_hs2_client_query_sync (client, "/* trib:error=22012:20001:Division_by_zero */ SELECT 1", NULL, &error);
  g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_SERVER);
  g_assert_cmpstr (trib_hs2_error_get_sql_state (error), ==, "22012");
  g_assert_cmpint (trib_hs2_error_get_error_code (error), ==, 20001);
  g_assert_cmpstr (trib_hs2_error_get_server_message (error), ==, "Division by zero");
  g_clear_error (&error);

  /* Refused by ExecuteStatement itself (a compile error on HiveServer2). */
  op = trib_hs2_client_execute_sync (client, "/* trib:fail-execute=42000:40000:Syntax_error */ SELEC 1",
                                     NULL, 0, NULL, &error);
  g_assert_null (op);
  g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_SERVER);
  g_assert_cmpstr (trib_hs2_error_get_sql_state (error), ==, "42000");
  g_clear_error (&error);

  /* The session is still good. */
  g_clear_object (&rs);
  rs = query (client, "SELECT 5");
  assert_cell (rs, 0, 0, "5");
}

static void
cancel_later (GCancellable *cancellable)
{
  g_usleep (700000);
  g_cancellable_cancel (cancellable);
}

static void
test_cancel_mid_run (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;
  g_autoptr(TribHs2ResultSet) after = NULL;
  GThread *canceller;
  gint64 start = g_get_monotonic_time ();

  canceller = g_thread_new ("cancel", (GThreadFunc) cancel_later, cancellable);
  rs = trib_hs2_client_query_sync (client, "/* trib:slow=20 cancel-me */ SELECT 1", cancellable, &error);
  g_thread_join (canceller);
  g_assert_null (rs);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* CancelOperation went out on its own connection while the status poll waited. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 6 * G_USEC_PER_SEC);
  g_assert_true (hs2_test_recorded ("\"event\":\"cancel\"", "cancel-me", NULL));

  after = query (client, "SELECT 'still usable'");
  assert_cell (after, 0, 0, "still usable");
}

static void
test_connection_closed_mid_fetch (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Operation) op = NULL;
  g_autoptr(TribHs2Batch) first = NULL;
  g_autoptr(TribHs2Batch) second = NULL;
  g_autoptr(TribHs2ResultSet) after = NULL;

  config->fetch_size = 1000;
  client = open_client (config);
  op = trib_hs2_client_execute_sync (client, "SELECT range FROM range(3000) /* trib:drop-after-fetches=1 */",
                                     NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (trib_hs2_operation_wait_sync (op, NULL, &error));
  g_assert_nonnull (trib_hs2_operation_get_schema_sync (op, NULL, &error));
  first = trib_hs2_operation_fetch_sync (op, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trib_hs2_batch_get_n_rows (first), ==, 1000);
  second = trib_hs2_operation_fetch_sync (op, 0, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_CLOSED);
  g_test_message ("%s", error->message);
  g_assert_true (hs2_test_recorded ("dropped-connection", NULL));

  /* The next call reconnects, and reopens the session if it went with the connection. */
  after = query (client, "SELECT 7");
  assert_cell (after, 0, 0, "7");
}

/* query_sync with error == NULL: a fetch that fails half-way is a failure (NULL), never a
 * result set cut at the first batch returned as a success. */
static void
test_query_without_error_is_not_truncated (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(TribHs2ResultSet) rs = NULL;

  config->fetch_size = 1000;
  client = open_client (config);
  rs = trib_hs2_client_query_sync (client, "SELECT range FROM range(3000) /* trib:drop-after-fetches=1 */",
                                   NULL, NULL);
  g_assert_null (rs);
}

static void
test_expired_session (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(TribHs2ResultSet) first = query (client, "SELECT 1 /* trib:expire-session */");
  g_autoptr(TribHs2ResultSet) second = NULL;

  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (first), ==, 1);
  g_assert_cmpuint (trib_hs2_client_get_open_count (client), ==, 1);
  second = query (client, "SELECT 2 AS after_expiry");
  assert_cell (second, 0, 0, "2");
  g_assert_cmpuint (trib_hs2_client_get_open_count (client), ==, 2);
}

static void
engine_log_cb (TribHs2Client *client,
               const char    *line,
               GPtrArray     *lines)
{
  g_ptr_array_add (lines, g_strdup (line));
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trib_hs2_client_open_finish (TRIB_HS2_CLIENT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static void
test_engine_launch (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(GPtrArray) streamed = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) log = NULL;
  GHashTable *info;
  gint64 start = g_get_monotonic_time ();
  gboolean opened = FALSE;
  guint seen_before_open = 0;

  trib_hs2_config_set_session_conf (config, "trib.test.engine.launch.ms", "1500");
  client = trib_hs2_client_new (config);
  g_signal_connect (client, "engine-log", G_CALLBACK (engine_log_cb), streamed);
  trib_hs2_client_open_async (client, NULL, open_done_cb, &opened);
  while (!opened)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!opened)
        seen_before_open = streamed->len;
    }
  /* The launch log streams while the engine starts, before the session is usable. */
  g_assert_cmpuint (seen_before_open, >=, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1400000);
  log = trib_hs2_client_dup_engine_log (client);
  g_assert_true (g_strv_contains ((const char * const *) log, "INFO  : Launching a Spark engine for the session"));
  g_assert_true (g_strv_contains ((const char * const *) log, "INFO  : Engine is ready"));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (streamed->len, ==, g_strv_length (log));
  info = trib_hs2_client_get_engine_info (client);
  g_assert_nonnull (info);
  g_assert_cmpstr (g_hash_table_lookup (info, "id"), ==, "application_0001");
  g_assert_cmpstr (g_hash_table_lookup (info, "url"), ==, "http://127.0.0.1:4040");
}

static TribHs2ResultSet *
collect_metadata (TribHs2Client *client,
                  TribHs2Rpc     rpc,
                  const char    *schema,
                  const char    *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Operation) op = trib_hs2_client_get_metadata_sync (client, rpc, NULL, schema, table, NULL,
                                                                      NULL, &error);
  g_autoptr(TribHs2ResultSet) rs = NULL;
  TribHs2Batch *batch;

  g_assert_no_error (error);
  g_assert_true (trib_hs2_operation_wait_sync (op, NULL, &error));
  rs = trib_hs2_result_set_new (trib_hs2_operation_get_schema_sync (op, NULL, &error));
  g_assert_no_error (error);
  while ((batch = trib_hs2_operation_fetch_sync (op, 0, NULL, &error)) != NULL)
    {
      g_assert_true (trib_hs2_result_set_append_batch (rs, batch, NULL));
      trib_hs2_batch_unref (batch);
    }
  g_assert_no_error (error);
  trib_hs2_operation_close_sync (op, NULL, NULL);
  return g_steal_pointer (&rs);
}

static void
test_metadata (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = open_client (config);
  g_autoptr(TribHs2ResultSet) ddl = query (client, "CREATE SCHEMA IF NOT EXISTS meta_s");
  g_autoptr(TribHs2ResultSet) ddl2 = query (client, "CREATE TABLE IF NOT EXISTS meta_s.people (id BIGINT, name VARCHAR)");
  g_autoptr(TribHs2ResultSet) schemas = collect_metadata (client, TRIB_HS2_RPC_GET_SCHEMAS, "meta%", NULL);
  g_autoptr(TribHs2ResultSet) tables = collect_metadata (client, TRIB_HS2_RPC_GET_TABLES, "meta_s", "peo%");
  g_autoptr(TribHs2ResultSet) columns = collect_metadata (client, TRIB_HS2_RPC_GET_COLUMNS, "meta_s", "people");
  g_autoptr(TribHs2ResultSet) catalogs = collect_metadata (client, TRIB_HS2_RPC_GET_CATALOGS, NULL, NULL);
  g_autoptr(TribHs2ResultSet) types = collect_metadata (client, TRIB_HS2_RPC_GET_TYPE_INFO, NULL, NULL);
  int c;

  g_assert_cmpuint (trib_hs2_result_set_get_n_columns (ddl) + trib_hs2_result_set_get_n_columns (ddl2), ==, 0);
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (schemas), ==, 1);
  assert_cell (schemas, 0, (guint) trib_hs2_result_set_find_column (schemas, "TABLE_SCHEM"), "meta_s");
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (tables), ==, 1);
  assert_cell (tables, 0, (guint) trib_hs2_result_set_find_column (tables, "TABLE_NAME"), "people");
  assert_cell (tables, 0, (guint) trib_hs2_result_set_find_column (tables, "TABLE_TYPE"), "TABLE");
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (columns), ==, 2);
  c = trib_hs2_result_set_find_column (columns, "COLUMN_NAME");
  assert_cell (columns, 0, (guint) c, "id");
  assert_cell (columns, 1, (guint) c, "name");
  assert_cell (columns, 0, (guint) trib_hs2_result_set_find_column (columns, "DATA_TYPE"), "-5");
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (catalogs), >=, 1);
  g_assert_cmpuint (trib_hs2_result_set_get_n_rows (types), >=, 10);
  g_assert_true (hs2_test_recorded ("\"kind\":\"tables\"", "meta_s", NULL));
}

static void
test_execute_options_recorded (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = NULL;
  g_autoptr(GHashTable) overlay = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribHs2Operation) op = NULL;

  trib_hs2_config_set_session_conf (config, "set:hiveconf:spark.sql.shuffle.partitions", "7");
  client = open_client (config);
  g_hash_table_insert (overlay, (gpointer) "spark.sql.ansi.enabled", (gpointer) "true");
  op = trib_hs2_client_execute_sync (client, "SELECT 'overlay test'", overlay, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (trib_hs2_operation_wait_sync (op, NULL, &error));
  trib_hs2_operation_close_sync (op, NULL, NULL);
  g_assert_true (hs2_test_recorded ("spark.sql.shuffle.partitions", "\"7\"", NULL));
  g_assert_true (hs2_test_recorded ("overlay test", "spark.sql.ansi.enabled", "\"queryTimeout\":30",
                                    "\"runAsync\":true", NULL));
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  TribHs2ResultSet **out = data;
  g_autoptr(GError) error = NULL;

  *out = trib_hs2_client_query_finish (TRIB_HS2_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

static void
test_async_model_and_csv (void)
{
  g_autoptr(TribHs2Config) config = hs2_test_config (TRIB_HS2_TRANSPORT_SASL, FALSE);
  g_autoptr(TribHs2Client) client = trib_hs2_client_new (config);
  g_autoptr(TribHs2ResultSet) rs = NULL;
  g_autoptr(TribHs2Row) row = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;

  trib_hs2_client_query_async (client,
                               "SELECT * FROM (VALUES (1, 'plain', NULL), (2, 'with, comma', 'say \"hi\"'),"
                               " (3, 'two\nlines', '')) AS t(id, a, b) ORDER BY id",
                               NULL, query_done_cb, &rs);
  while (rs == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (rs)) == TRIB_TYPE_HS2_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rs)), ==, 3);
  row = g_list_model_get_item (G_LIST_MODEL (rs), 1);
  g_assert_cmpuint (trib_hs2_row_get_index (row), ==, 1);
  text = trib_hs2_row_dup_text (row, 1);
  g_assert_cmpstr (text, ==, "with, comma");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rs), 3));

  g_assert_true (trib_hs2_result_set_write_csv (rs, out, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write (out, "", 1, NULL, NULL) == 1);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  csv = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpstr (csv, ==,
                   "id,a,b\r\n"
                   "1,plain,\r\n"
                   "2,\"with, comma\",\"say \"\"hi\"\"\"\r\n"
                   "3,\"two\nlines\",\"\"\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hs2/client/open-and-info", test_open_and_info);
  g_test_add_func ("/hs2/client/protocol-negotiated-down", test_protocol_negotiated_down);
  g_test_add_func ("/hs2/client/all-types/columnar", test_all_types_columnar);
  g_test_add_func ("/hs2/client/all-types/row-based", test_all_types_row_based);
  g_test_add_func ("/hs2/client/several-fetches", test_several_fetches);
  g_test_add_func ("/hs2/client/empty-results", test_empty_results);
  g_test_add_func ("/hs2/client/slow-operation", test_slow_operation);
  g_test_add_func ("/hs2/client/operation-logs", test_operation_logs);
  g_test_add_func ("/hs2/client/status-signal", test_status_signal);
  g_test_add_func ("/hs2/client/errors-with-sqlstate", test_errors_with_sqlstate);
  g_test_add_func ("/hs2/client/cancel-mid-run", test_cancel_mid_run);
  g_test_add_func ("/hs2/client/connection-closed-mid-fetch", test_connection_closed_mid_fetch);
  g_test_add_func ("/hs2/client/expired-session", test_expired_session);
  g_test_add_func ("/hs2/client/engine-launch", test_engine_launch);
  g_test_add_func ("/hs2/client/metadata", test_metadata);
  g_test_add_func ("/hs2/client/execute-options-recorded", test_execute_options_recorded);
  g_test_add_func ("/hs2/client/query-without-error-is-not-truncated", test_query_without_error_is_not_truncated);
  g_test_add_func ("/hs2/client/async-model-and-csv", test_async_model_and_csv);

  return g_test_run ();
}
