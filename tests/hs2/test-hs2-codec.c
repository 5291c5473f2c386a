/* test-hs2-codec.c: the Thrift codec and TCLIService decoding, with hostile inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-test-util.h"

/* Writers for replies */

static GByteArray *
reply_begin (const char *name,
             gint32      seqid)
{
  GByteArray *buf = g_byte_array_new ();

  trib_thrift_write_message_begin (buf, name, TRIB_THRIFT_REPLY, seqid);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 0);   /* success */
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 1);   /* status */
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 1);
  trib_thrift_write_i32 (buf, 0);
  trib_thrift_write_stop (buf);
  return buf;
}

static void
reply_end (GByteArray *buf)
{
  trib_thrift_write_stop (buf);   /* response */
  trib_thrift_write_stop (buf);   /* result */
}

static gboolean
decode (GByteArray       *buf,
        TribHs2Rpc        rpc,
        gint32            seqid,
        TribHs2Response  *resp,
        gboolean         *incomplete,
        GError          **error)
{
  TribThriftReader r;
  gboolean ok;

  memset (resp, 0, sizeof *resp);
  trib_thrift_reader_init (&r, buf->data, buf->len);
  ok = trib_hs2_read_response (&r, rpc, seqid, resp, error);
  if (incomplete)
    *incomplete = r.incomplete;
  trib_thrift_reader_clear (&r);
  return ok;
}

static void
write_i32_column (GByteArray   *buf,
                  const gint32 *values,
                  guint         n,
                  const guint8 *nulls,
                  guint         nulls_len)
{
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 4);    /* i32Val */
  trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 1);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_I32, n);
  for (guint i = 0; i < n; i++)
    trib_thrift_write_i32 (buf, values[i]);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 2);
  trib_thrift_write_binary (buf, nulls, nulls_len);
  trib_thrift_write_stop (buf);
  trib_thrift_write_stop (buf);
}

static void
write_string_column (GByteArray         *buf,
                     const char * const *values,
                     guint               n,
                     const guint8       *nulls,
                     guint               nulls_len)
{
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 7);    /* stringVal */
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 2);    /* nulls first: order is free */
  trib_thrift_write_binary (buf, nulls, nulls_len);
  trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 1);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRING, n);
  for (guint i = 0; i < n; i++)
    trib_thrift_write_string (buf, values[i]);
  trib_thrift_write_stop (buf);
  trib_thrift_write_stop (buf);
}

/* A FetchResults reply: 10 rows of (i32, string) with the given bitmaps. */
static GByteArray *
fetch_reply (const guint8 *int_nulls,
             guint         int_nulls_len,
             const guint8 *str_nulls,
             guint         str_nulls_len)
{
  static const gint32 ints[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  static const char * const strs[10] = { "a", "NULL", "", "d", "e", "f", "g", "h", "i", "j" };
  GByteArray *buf = reply_begin ("FetchResults", 7);

  trib_thrift_write_field (buf, TRIB_THRIFT_BOOL, 2);
  trib_thrift_write_bool (buf, FALSE);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 3);    /* TRowSet */
  trib_thrift_write_field (buf, TRIB_THRIFT_I64, 1);
  trib_thrift_write_i64 (buf, 0);
  trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 2);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRUCT, 0);
  trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 3);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRUCT, 2);
  write_i32_column (buf, ints, 10, int_nulls, int_nulls_len);
  write_string_column (buf, strs, 10, str_nulls, str_nulls_len);
  trib_thrift_write_stop (buf);                            /* TRowSet */
  reply_end (buf);
  return buf;
}

static void
test_primitives_round_trip (void)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  TribThriftReader r;
  g_autofree char *name = NULL;
  g_autofree char *s = NULL;
  guint8 type, kt, vt;
  gint32 seqid, i32;
  gint16 i16;
  gint8 i8;
  gint64 i64;
  double d;
  gboolean b;
  guint32 n;
  const guint8 *bin;
  guint32 bin_len;

  trib_thrift_write_message_begin (buf, "GetInfo", TRIB_THRIFT_REPLY, 42);
  trib_thrift_write_byte (buf, -5);
  trib_thrift_write_bool (buf, TRUE);
  trib_thrift_write_i16 (buf, -300);
  trib_thrift_write_i32 (buf, G_MININT32);
  trib_thrift_write_i64 (buf, G_MININT64);
  trib_thrift_write_double (buf, -0.125);
  trib_thrift_write_string (buf, "héllo");
  trib_thrift_write_binary (buf, (const guint8 *) "\0\1\2", 3);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_I32, 2);
  trib_thrift_write_i32 (buf, 1);
  trib_thrift_write_i32 (buf, 2);
  trib_thrift_write_map_begin (buf, TRIB_THRIFT_STRING, TRIB_THRIFT_I64, 0);

  /* Byte for byte as in hs2-protocol.md §2 */
  g_assert_cmpmem (buf->data, 4, "\x80\x01\x00\x02", 4);

  trib_thrift_reader_init (&r, buf->data, buf->len);
  g_assert_true (trib_thrift_read_message_begin (&r, &name, &type, &seqid));
  g_assert_cmpstr (name, ==, "GetInfo");
  g_assert_cmpint (type, ==, TRIB_THRIFT_REPLY);
  g_assert_cmpint (seqid, ==, 42);
  g_assert_true (trib_thrift_read_byte (&r, &i8));
  g_assert_cmpint (i8, ==, -5);
  g_assert_true (trib_thrift_read_bool (&r, &b));
  g_assert_true (b);
  g_assert_true (trib_thrift_read_i16 (&r, &i16));
  g_assert_cmpint (i16, ==, -300);
  g_assert_true (trib_thrift_read_i32 (&r, &i32));
  g_assert_cmpint (i32, ==, G_MININT32);
  g_assert_true (trib_thrift_read_i64 (&r, &i64));
  g_assert_cmpint (i64, ==, G_MININT64);
  g_assert_true (trib_thrift_read_double (&r, &d));
  g_assert_cmpfloat (d, ==, -0.125);
  g_assert_true (trib_thrift_read_string (&r, &s));
  g_assert_cmpstr (s, ==, "héllo");
  g_assert_true (trib_thrift_read_binary (&r, &bin, &bin_len));
  g_assert_cmpmem (bin, bin_len, "\0\1\2", 3);
  g_assert_true (trib_thrift_read_list_begin (&r, &type, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (trib_thrift_read_i32 (&r, &i32) && trib_thrift_read_i32 (&r, &i32));
  g_assert_true (trib_thrift_read_map_begin (&r, &kt, &vt, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (r.pos, ==, buf->len);
  /* Nothing left: a further read is "incomplete", not a crash. */
  g_assert_false (trib_thrift_read_i32 (&r, &i32));
  g_assert_true (r.incomplete);
  trib_thrift_reader_clear (&r);
}

static void
test_open_session_request_bytes (void)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GHashTable) conf = g_hash_table_new (g_str_hash, g_str_equal);
  TribHs2OpenSessionArgs args = { 9, "alice", "x", conf };
  static const guint8 expected[] =
    "\x80\x01\x00\x01\x00\x00\x00\x0bOpenSession\x00\x00\x00\x01"
    "\x0c\x00\x01"
    "\x08\x00\x01\x00\x00\x00\x09"
    "\x0b\x00\x02\x00\x00\x00\x05" "alice"
    "\x0b\x00\x03\x00\x00\x00\x01" "x"
    "\x0d\x00\x04\x0b\x0b\x00\x00\x00\x01\x00\x00\x00\x0cuse:database\x00\x00\x00\x07" "default"
    "\x00\x00";

  /* The worked example of hs2-protocol.md §2: 91 bytes. */
  g_hash_table_insert (conf, (gpointer) "use:database", (gpointer) "default");
  trib_hs2_write_open_session (buf, 1, &args);
  g_assert_cmpuint (buf->len, ==, 91);
  g_assert_cmpmem (buf->data, buf->len, expected, sizeof expected - 1);
}

static void
write_unknown_fields (GByteArray *buf,
                      gboolean    wrong_type_for_2)
{
  /* Every type under ids the client does not know: a newer server's additions. */
  trib_thrift_write_field (buf, TRIB_THRIFT_BOOL, 100);
  trib_thrift_write_bool (buf, TRUE);
  trib_thrift_write_field (buf, TRIB_THRIFT_BYTE, 101);
  trib_thrift_write_byte (buf, 1);
  trib_thrift_write_field (buf, TRIB_THRIFT_DOUBLE, 102);
  trib_thrift_write_double (buf, 1.5);
  trib_thrift_write_field (buf, TRIB_THRIFT_I16, 103);
  trib_thrift_write_i16 (buf, 1);
  trib_thrift_write_field (buf, TRIB_THRIFT_I64, 104);
  trib_thrift_write_i64 (buf, 1);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 105);
  trib_thrift_write_string (buf, "new");
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 106);
  trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 1);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_MAP, 1);
  trib_thrift_write_map_begin (buf, TRIB_THRIFT_STRING, TRIB_THRIFT_SET, 1);
  trib_thrift_write_string (buf, "k");
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_I32, 2);
  trib_thrift_write_i32 (buf, 1);
  trib_thrift_write_i32 (buf, 2);
  trib_thrift_write_stop (buf);
  trib_thrift_write_field (buf, TRIB_THRIFT_UUID, 107);
  g_byte_array_append (buf, (const guint8 *) "0123456789abcdef", 16);
  /* A known id with an unexpected type is skipped too. */
  if (wrong_type_for_2)
    {
      trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 2);
      trib_thrift_write_string (buf, "not an i32");
    }
}

static void
test_skips_unknown_fields (void)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  TribHs2Response resp;

  trib_thrift_write_message_begin (buf, "OpenSession", TRIB_THRIFT_REPLY, 3);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 0);
  write_unknown_fields (buf, FALSE);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 1);
  write_unknown_fields (buf, TRUE);
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 1);
  trib_thrift_write_i32 (buf, 1);
  trib_thrift_write_stop (buf);
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 2);
  trib_thrift_write_i32 (buf, 5);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 3);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 1);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 1);
  trib_thrift_write_binary (buf, (const guint8 *) "GGGGGGGGGGGGGGGG", 16);
  write_unknown_fields (buf, FALSE);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 2);
  trib_thrift_write_binary (buf, (const guint8 *) "SSSSSSSSSSSSSSSS", 16);
  trib_thrift_write_stop (buf);
  trib_thrift_write_stop (buf);
  trib_thrift_write_field (buf, TRIB_THRIFT_MAP, 4);
  trib_thrift_write_map_begin (buf, TRIB_THRIFT_STRING, TRIB_THRIFT_STRING, 1);
  trib_thrift_write_string (buf, "k");
  trib_thrift_write_string (buf, "v");
  trib_thrift_write_stop (buf);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 9);   /* an unknown result field */
  trib_thrift_write_stop (buf);
  trib_thrift_write_stop (buf);

  g_assert_true (decode (buf, TRIB_HS2_RPC_OPEN_SESSION, 3, &resp, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (resp.status_code, ==, TRIB_HS2_STATUS_SUCCESS_WITH_INFO);
  g_assert_cmpint (resp.server_protocol, ==, 5);
  g_assert_true (resp.has_session);
  g_assert_cmpmem (resp.session.guid, 16, "GGGGGGGGGGGGGGGG", 16);
  g_assert_cmpmem (resp.session.secret, 16, "SSSSSSSSSSSSSSSS", 16);
  g_assert_cmpstr (g_hash_table_lookup (resp.configuration, "k"), ==, "v");
  trib_hs2_response_clear (&resp);
}

static void
test_application_exception (void)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  TribHs2Response resp;

  trib_thrift_write_message_begin (buf, "GetLog", TRIB_THRIFT_EXCEPTION, 4);
  trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 1);
  trib_thrift_write_string (buf, "Invalid method name: 'GetLog'");
  trib_thrift_write_field (buf, TRIB_THRIFT_I32, 2);
  trib_thrift_write_i32 (buf, 1);
  trib_thrift_write_stop (buf);

  g_assert_false (decode (buf, TRIB_HS2_RPC_FETCH_RESULTS, 4, &resp, NULL, &error));
  g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_APPLICATION);
  g_assert_nonnull (strstr (error->message, "UNKNOWN_METHOD"));
  g_assert_cmpstr (trib_hs2_error_get_server_message (error), ==, "Invalid method name: 'GetLog'");
  trib_hs2_response_clear (&resp);
}

static void
test_message_checks (void)
{
  struct { const char *name; gint32 seqid; guint8 type; gboolean strict; } cases[] = {
    { "FetchResults", 8, TRIB_THRIFT_REPLY, TRUE },    /* wrong seqid */
    { "GetInfo", 7, TRIB_THRIFT_REPLY, TRUE },         /* wrong name */
    { "FetchResults", 7, TRIB_THRIFT_CALL, TRUE },     /* a call, not a reply */
    { "FetchResults", 7, TRIB_THRIFT_REPLY, FALSE },   /* old non-strict header */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) buf = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      TribHs2Response resp;

      if (cases[i].strict)
        trib_thrift_write_message_begin (buf, cases[i].name, cases[i].type, cases[i].seqid);
      else
        {
          trib_thrift_write_string (buf, cases[i].name);
          trib_thrift_write_byte (buf, (gint8) cases[i].type);
          trib_thrift_write_i32 (buf, cases[i].seqid);
        }
      trib_thrift_write_stop (buf);
      g_assert_false (decode (buf, TRIB_HS2_RPC_FETCH_RESULTS, 7, &resp, NULL, &error));
      g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL);
      trib_hs2_response_clear (&resp);
    }
}

static void
assert_rows (TribHs2Batch *batch,
             const char   *int_nulls_expected,
             const char   *str_nulls_expected)
{
  g_assert_cmpuint (trib_hs2_batch_get_n_rows (batch), ==, 10);
  g_assert_cmpuint (trib_hs2_batch_get_n_columns (batch), ==, 2);
  for (guint row = 0; row < 10; row++)
    {
      g_assert_cmpint (trib_hs2_batch_is_null (batch, 0, row), ==, int_nulls_expected[row] == 'N');
      g_assert_cmpint (trib_hs2_batch_is_null (batch, 1, row), ==, str_nulls_expected[row] == 'N');
    }
}

static void
test_nulls_bitmap (void)
{
  TribHs2Response resp;
  g_autoptr(GError) error = NULL;
  /* Rows 0 and 3 NULL in the first byte; rows 8 and 9 in the second. */
  static const guint8 full[2] = { 0x09, 0x03 };
  static const guint8 short_map[1] = { 0x09 };
  g_autoptr(GByteArray) a = fetch_reply (full, 2, NULL, 0);
  g_autoptr(GByteArray) b = fetch_reply (short_map, 1, (const guint8 *) "\x02", 1);
  g_autofree char *text = NULL;

  g_assert_true (decode (a, TRIB_HS2_RPC_FETCH_RESULTS, 7, &resp, NULL, &error));
  g_assert_no_error (error);
  /* An empty bitmap: no NULL at all, even for the text "NULL". */
  assert_rows (resp.batch, "N--N----NN", "----------");
  text = trib_hs2_batch_dup_text (resp.batch, 1, 1);
  g_assert_cmpstr (text, ==, "NULL");
  g_clear_pointer (&text, g_free);
  text = trib_hs2_batch_dup_text (resp.batch, 1, 2);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpint (resp.has_more_rows, ==, 0);
  trib_hs2_response_clear (&resp);

  /* A bitmap shorter than the rows (BitSet.toByteArray): missing bytes mean "not null". */
  g_assert_true (decode (b, TRIB_HS2_RPC_FETCH_RESULTS, 7, &resp, NULL, &error));
  g_assert_no_error (error);
  assert_rows (resp.batch, "N--N------", "-N--------");
  trib_hs2_response_clear (&resp);
}

static void
test_row_based_set (void)
{
  g_autoptr(GByteArray) buf = reply_begin ("FetchResults", 1);
  g_autoptr(GError) error = NULL;
  TribHs2Response resp;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 3);
  trib_thrift_write_field (buf, TRIB_THRIFT_I64, 1);
  trib_thrift_write_i64 (buf, 0);
  trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 2);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRUCT, 3);
  for (guint row = 0; row < 3; row++)
    {
      trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 1);
      trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRUCT, 2);
      /* i64Val, value absent in row 1 */
      trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 5);
      if (row != 1)
        {
          trib_thrift_write_field (buf, TRIB_THRIFT_I64, 1);
          trib_thrift_write_i64 (buf, 1000 + row);
        }
      trib_thrift_write_stop (buf);
      trib_thrift_write_stop (buf);
      /* stringVal, absent in row 0 */
      trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 7);
      if (row != 0)
        {
          trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 1);
          trib_thrift_write_string (buf, row == 1 ? "one" : "two");
        }
      trib_thrift_write_stop (buf);
      trib_thrift_write_stop (buf);
      trib_thrift_write_stop (buf);   /* TRow */
    }
  trib_thrift_write_stop (buf);       /* TRowSet */
  reply_end (buf);

  g_assert_true (decode (buf, TRIB_HS2_RPC_FETCH_RESULTS, 1, &resp, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (trib_hs2_batch_get_n_rows (resp.batch), ==, 3);
  g_assert_true (trib_hs2_batch_is_null (resp.batch, 0, 1));
  g_assert_true (trib_hs2_batch_is_null (resp.batch, 1, 0));
  a = trib_hs2_batch_dup_text (resp.batch, 0, 2);
  b = trib_hs2_batch_dup_text (resp.batch, 1, 1);
  g_assert_cmpstr (a, ==, "1002");
  g_assert_cmpstr (b, ==, "one");
  trib_hs2_response_clear (&resp);
}

/* Every prefix of a valid reply is incomplete: never a crash, never a success. */
static void
test_truncated_replies (void)
{
  static const guint8 nulls[1] = { 0x01 };
  g_autoptr(GByteArray) full = fetch_reply (nulls, 1, nulls, 1);

  for (guint len = 0; len < full->len; len++)
    {
      g_autoptr(GByteArray) part = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      TribHs2Response resp;
      gboolean incomplete = FALSE;

      g_byte_array_append (part, full->data, len);
      g_assert_false (decode (part, TRIB_HS2_RPC_FETCH_RESULTS, 7, &resp, &incomplete, &error));
      g_assert_true (incomplete);
      g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL);
      trib_hs2_response_clear (&resp);
    }
}

static void
assert_hostile (GByteArray *buf,
                TribHs2Rpc  rpc,
                gint32      seqid)
{
  g_autoptr(GError) error = NULL;
  TribHs2Response resp;
  gboolean incomplete = TRUE;

  g_assert_false (decode (buf, rpc, seqid, &resp, &incomplete, &error));
  g_assert_error (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL);
  /* Not "wait for more bytes": the length alone condemns it. */
  g_assert_false (incomplete);
  g_test_message ("%s", error->message);
  trib_hs2_response_clear (&resp);
}

static void
test_hostile_lengths (void)
{
  {
    g_autoptr(GByteArray) buf = reply_begin ("GetInfo", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 2);
    trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 1);
    trib_thrift_write_i32 (buf, -1);                      /* negative string length */
    assert_hostile (buf, TRIB_HS2_RPC_GET_INFO, 1);
  }
  {
    g_autoptr(GByteArray) buf = reply_begin ("GetInfo", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 2);
    trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 1);
    trib_thrift_write_i32 (buf, G_MAXINT32);              /* 2 GiB string */
    assert_hostile (buf, TRIB_HS2_RPC_GET_INFO, 1);
  }
  {
    g_autoptr(GByteArray) buf = reply_begin ("FetchResults", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 3);
    trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 3);
    trib_thrift_write_list_begin (buf, TRIB_THRIFT_I64, 0x7fffffff);  /* 16 GiB of i64 */
    assert_hostile (buf, TRIB_HS2_RPC_FETCH_RESULTS, 1);
  }
  {
    g_autoptr(GByteArray) buf = reply_begin ("OpenSession", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_MAP, 4);
    trib_thrift_write_map_begin (buf, TRIB_THRIFT_STRING, TRIB_THRIFT_STRING, 0x40000000);
    assert_hostile (buf, TRIB_HS2_RPC_OPEN_SESSION, 1);
  }
  {
    g_autoptr(GByteArray) buf = reply_begin ("OpenSession", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 77);
    trib_thrift_write_list_begin (buf, TRIB_THRIFT_I32, (guint32) -5);   /* negative size */
    assert_hostile (buf, TRIB_HS2_RPC_OPEN_SESSION, 1);
  }
  {
    g_autoptr(GByteArray) buf = reply_begin ("OpenSession", 1);

    trib_thrift_write_field (buf, 99, 77);                /* unknown type id */
    assert_hostile (buf, TRIB_HS2_RPC_OPEN_SESSION, 1);
  }
  {
    /* A nesting bomb: 10,000 structs inside each other under an unknown field. */
    g_autoptr(GByteArray) buf = reply_begin ("OpenSession", 1);

    for (guint i = 0; i < 10000; i++)
      trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 50);
    assert_hostile (buf, TRIB_HS2_RPC_OPEN_SESSION, 1);
  }
  {
    /* Lists of lists, as deep. */
    g_autoptr(GByteArray) buf = reply_begin ("OpenSession", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 50);
    for (guint i = 0; i < 10000; i++)
      trib_thrift_write_list_begin (buf, TRIB_THRIFT_LIST, 1);
    assert_hostile (buf, TRIB_HS2_RPC_OPEN_SESSION, 1);
  }
}

static void
test_malformed_row_sets (void)
{
  {
    /* A handle identifier of 15 bytes */
    g_autoptr(GByteArray) buf = reply_begin ("ExecuteStatement", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 2);
    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 1);
    trib_thrift_write_field (buf, TRIB_THRIFT_STRING, 1);
    trib_thrift_write_binary (buf, (const guint8 *) "short-guid-15by", 15);
    trib_thrift_write_stop (buf);
    trib_thrift_write_stop (buf);
    reply_end (buf);
    assert_hostile (buf, TRIB_HS2_RPC_EXECUTE_STATEMENT, 1);
  }
  {
    /* Columns of different lengths in one batch */
    static const gint32 v[3] = { 1, 2, 3 };
    static const char * const s[2] = { "a", "b" };
    g_autoptr(GByteArray) buf = reply_begin ("FetchResults", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 3);
    trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 3);
    trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRUCT, 2);
    write_i32_column (buf, v, 3, NULL, 0);
    write_string_column (buf, s, 2, NULL, 0);
    trib_thrift_write_stop (buf);
    reply_end (buf);
    assert_hostile (buf, TRIB_HS2_RPC_FETCH_RESULTS, 1);
  }
  {
    /* An i32Val column whose list holds strings */
    g_autoptr(GByteArray) buf = reply_begin ("FetchResults", 1);

    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 3);
    trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 3);
    trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRUCT, 1);
    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 4);
    trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 1);
    trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRING, 1);
    trib_thrift_write_string (buf, "x");
    trib_thrift_write_stop (buf);
    trib_thrift_write_stop (buf);
    trib_thrift_write_stop (buf);
    reply_end (buf);
    assert_hostile (buf, TRIB_HS2_RPC_FETCH_RESULTS, 1);
  }
  {
    /* A reply without a status */
    g_autoptr(GByteArray) buf = g_byte_array_new ();

    trib_thrift_write_message_begin (buf, "CloseSession", TRIB_THRIFT_REPLY, 1);
    trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 0);
    trib_thrift_write_stop (buf);
    trib_thrift_write_stop (buf);
    assert_hostile (buf, TRIB_HS2_RPC_CLOSE_SESSION, 1);
  }
}

/* Random damage to valid replies: decoding may succeed or fail, but never crash or leak
 * (ASan/UBSan builds check the latter). */
static void
test_random_mutations (void)
{
  static const guint8 nulls[1] = { 0x05 };
  g_autoptr(GByteArray) base = fetch_reply (nulls, 1, nulls, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  for (guint iter = 0; iter < 5000; iter++)
    {
      g_autoptr(GByteArray) buf = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      TribHs2Response resp;
      guint flips = g_rand_int_range (rand, 1, 6);

      g_byte_array_append (buf, base->data, base->len);
      for (guint f = 0; f < flips; f++)
        buf->data[g_rand_int_range (rand, 0, (gint32) buf->len)] = (guint8) g_rand_int_range (rand, 0, 256);
      if (g_rand_boolean (rand))
        g_byte_array_set_size (buf, g_rand_int_range (rand, 0, (gint32) buf->len + 1));
      if (decode (buf, TRIB_HS2_RPC_FETCH_RESULTS, 7, &resp, NULL, &error) && resp.batch)
        {
          /* Whatever decoded must be readable. */
          for (guint r = 0; r < trib_hs2_batch_get_n_rows (resp.batch); r++)
            for (guint c = 0; c < trib_hs2_batch_get_n_columns (resp.batch); c++)
              g_free (trib_hs2_batch_dup_text (resp.batch, c, r));
        }
      trib_hs2_response_clear (&resp);
    }
}

static void
test_invalid_utf8 (void)
{
  static const char * const strs[10] = { "ok", "bad \xff\xfe here", "", "", "", "", "", "", "", "" };
  g_autoptr(GByteArray) buf = reply_begin ("FetchResults", 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TribHs2Response resp;

  trib_thrift_write_field (buf, TRIB_THRIFT_STRUCT, 3);
  trib_thrift_write_field (buf, TRIB_THRIFT_LIST, 3);
  trib_thrift_write_list_begin (buf, TRIB_THRIFT_STRUCT, 1);
  write_string_column (buf, strs, 10, NULL, 0);
  trib_thrift_write_stop (buf);
  reply_end (buf);
  g_assert_true (decode (buf, TRIB_HS2_RPC_FETCH_RESULTS, 2, &resp, NULL, &error));
  text = trib_hs2_batch_dup_text (resp.batch, 0, 1);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "bad "));
  g_assert_true (g_str_has_suffix (text, " here"));
  trib_hs2_response_clear (&resp);
}

static void
test_csv_fields (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  trib_hs2_csv_append_field (s, "plain", -1);
  g_string_append_c (s, '|');
  trib_hs2_csv_append_field (s, "", -1);
  g_string_append_c (s, '|');
  trib_hs2_csv_append_field (s, "a,b", -1);
  g_string_append_c (s, '|');
  trib_hs2_csv_append_field (s, "q\"q", -1);
  g_string_append_c (s, '|');
  trib_hs2_csv_append_field (s, "l\r\nl", -1);
  g_assert_cmpstr (s->str, ==, "plain|\"\"|\"a,b\"|\"q\"\"q\"|\"l\r\nl\"");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hs2/codec/primitives-round-trip", test_primitives_round_trip);
  g_test_add_func ("/hs2/codec/open-session-request-bytes", test_open_session_request_bytes);
  g_test_add_func ("/hs2/codec/skips-unknown-fields", test_skips_unknown_fields);
  g_test_add_func ("/hs2/codec/application-exception", test_application_exception);
  g_test_add_func ("/hs2/codec/message-checks", test_message_checks);
  g_test_add_func ("/hs2/codec/nulls-bitmap", test_nulls_bitmap);
  g_test_add_func ("/hs2/codec/row-based-set", test_row_based_set);
  g_test_add_func ("/hs2/codec/truncated-replies", test_truncated_replies);
  g_test_add_func ("/hs2/codec/hostile-lengths", test_hostile_lengths);
  g_test_add_func ("/hs2/codec/malformed-row-sets", test_malformed_row_sets);
  g_test_add_func ("/hs2/codec/random-mutations", test_random_mutations);
  g_test_add_func ("/hs2/codec/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/hs2/codec/csv-fields", test_csv_fields);

  return g_test_run ();
}
