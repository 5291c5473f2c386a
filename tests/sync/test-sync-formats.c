/* test-sync-formats.c: text / CSV reading and writing, encodings, compression, dates,
 * the MySQL type table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <bzlib.h>
#include <zlib.h>

#include "trib-test-util.h"
#include "trib-sync-charset.h"
#include "trib-sync-date.h"
#include "trib-sync-decompress.h"
#include "trib-sync-emitter.h"
#include "trib-sync-mysql-types.h"
#include "trib-sync-text-reader.h"
#include "trib-sync-text-writer.h"

#define ASSERT_BYTES(array, literal) \
  g_assert_cmpmem ((array)->data, (array)->len, literal, sizeof literal - 1)

typedef struct
{
  GString   *records;   /* one JSON array per line */
  GString   *dirty;     /* "message | record" per line */
  guint      n_batches;
} Collected;

static TribSyncBatch *
collect_batch (TribSyncBatch  *full,
               gpointer        user_data,
               GError        **error)
{
  Collected *c = user_data;

  for (guint i = 0; i < full->n_records; i++)
    {
      g_autofree char *json = trib_sync_batch_dup_record_json (full, i);

      g_string_append_printf (c->records, "%s\n", json);
    }
  c->n_batches++;
  trib_sync_batch_reset (full);
  return full;
}

static gboolean
collect_dirty (const char  *message,
               const char  *record,
               gpointer     user_data,
               GError     **error)
{
  Collected *c = user_data;

  g_string_append_printf (c->dirty, "%s | %s\n", message, record);
  return TRUE;
}

/* Reads @data fed in pieces of @chunk bytes (0: all at once); returns the records. */
static char *
read_text (const TribSyncTextInput *input,
           const void              *data,
           gsize                    length,
           gsize                    chunk,
           char                   **dirty,
           GError                 **error)
{
  Collected c = { g_string_new (NULL), g_string_new (NULL), 0 };
  TribSyncEmitter emitter;
  g_autoptr(TribSyncTextReader) reader = NULL;
  gboolean ok = TRUE;

  trib_sync_emitter_init (&emitter, 0, collect_batch, collect_dirty, &c);
  reader = trib_sync_text_reader_new (input, &emitter, error);
  if (reader == NULL)
    ok = FALSE;
  for (gsize at = 0; ok && at < length;)
    {
      gsize n = chunk ? MIN (chunk, length - at) : length;

      ok = trib_sync_text_reader_feed (reader, (const guint8 *) data + at, n, error);
      at += n;
    }
  if (ok)
    ok = trib_sync_text_reader_finish (reader, error);
  trib_sync_emitter_clear (&emitter);
  if (dirty)
    *dirty = g_string_free (c.dirty, FALSE);
  else
    g_string_free (c.dirty, TRUE);
  if (!ok)
    {
      g_string_free (c.records, TRUE);
      return NULL;
    }
  return g_string_free (c.records, FALSE);
}

static void
input_init (TribSyncTextInput *input,
            const char        *delimiter)
{
  memset (input, 0, sizeof *input);
  input->field_delimiter = (char *) delimiter;
  input->encoding = (char *) "UTF-8";
  input->null_format = (char *) "\\N";
}

static void
test_text_fields (void)
{
  static const char data[] = "a|b|c\n\\N||x\r\n\nlast|\xe4\xb8\xad\xe6\x96\x87";
  TribSyncTextInput input;

  input_init (&input, "|");
  for (gsize chunk = 0; chunk < 5; chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = read_text (&input, data, sizeof data - 1, chunk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "[\"a\",\"b\",\"c\"]\n[null,\"\",\"x\"]\n[\"last\",\"中文\"]\n");
    }
}

static void
test_multichar_delimiters (void)
{
  static const char data[] = "1.2.3.4##@@u1##@@t##@@GET / HTTP/1.1\n##@@##@@\n";
  static const char lines[] = "a;;b<EOL>c;;<EOL><EOL>d";
  TribSyncTextInput input;

  input_init (&input, "##@@");
  for (gsize chunk = 0; chunk < 4; chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = read_text (&input, data, sizeof data - 1, chunk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "[\"1.2.3.4\",\"u1\",\"t\",\"GET / HTTP/1.1\"]\n[\"\",\"\",\"\"]\n");
    }

  input_init (&input, ";;");
  input.line_delimiter = (char *) "<EOL>";
  for (gsize chunk = 0; chunk < 7; chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = read_text (&input, lines, sizeof lines - 1, chunk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "[\"a\",\"b\"]\n[\"c\",\"\"]\n[\"d\"]\n");
    }
}

static void
test_csv (void)
{
  static const char data[] =
    "id,name,note\n"
    "1,\"Smith, J\",\"said \"\"hi\"\"\"\n"
    "2,\"two\nlines\",\\N\n"
    "3,\"\\N\",\n"
    "\n"
    "4,x\"y,\"a\"b\n";
  TribSyncTextInput input;

  input_init (&input, ",");
  input.file_format = TRIB_SYNC_FILE_FORMAT_CSV;
  input.skip_header = TRUE;
  for (gsize chunk = 0; chunk < 6; chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = read_text (&input, data, sizeof data - 1, chunk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==,
                       "[\"1\",\"Smith, J\",\"said \\\"hi\\\"\"]\n"
                       "[\"2\",\"two\\nlines\",null]\n"
                       "[\"3\",\"\\\\N\",\"\"]\n"
                       "[\"4\",\"x\\\"y\",\"ab\"]\n");
    }

  {
    static const char open[] = "1,\"never closed\n";
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;

    input.skip_header = FALSE;
    out = read_text (&input, open, sizeof open - 1, 0, NULL, &error);
    g_assert_null (out);
    g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ);
    g_assert_cmpstr (error->message, ==, "the file ends inside a quoted value");
  }
}

static void
test_columns_and_dirty (void)
{
  static const char data[] = "7|2024.08.07|true|1.5e2|x\n8|bad|FALSE|NaN|\n5\n9|2024.02.30|no|1|\n";
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  TribSyncColumnSpec c_long = { 0, TRIB_SYNC_TYPE_LONG, NULL, NULL };
  TribSyncColumnSpec c_date = { 1, TRIB_SYNC_TYPE_DATE, NULL, (char *) "yyyy.MM.dd" };
  TribSyncColumnSpec c_bool = { 2, TRIB_SYNC_TYPE_BOOL, NULL, NULL };
  TribSyncColumnSpec c_double = { 3, TRIB_SYNC_TYPE_DOUBLE, NULL, NULL };
  TribSyncColumnSpec c_const = { -1, TRIB_SYNC_TYPE_STRING, (char *) "k", NULL };
  TribSyncColumnSpec c_null = { -1, TRIB_SYNC_TYPE_LONG, (char *) "\\N", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dirty = NULL;
  g_autofree char *out = NULL;
  TribSyncTextInput input;

  g_ptr_array_add (columns, &c_long);
  g_ptr_array_add (columns, &c_date);
  g_ptr_array_add (columns, &c_bool);
  g_ptr_array_add (columns, &c_double);
  g_ptr_array_add (columns, &c_const);
  g_ptr_array_add (columns, &c_null);
  input_init (&input, "|");
  input.columns = columns;

  out = read_text (&input, data, sizeof data - 1, 3, &dirty, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "[\"7\",\"2024-08-07 00:00:00\",\"true\",\"1.5e2\",\"k\",null]\n");
  g_assert_cmpstr (dirty, ==,
                   "cannot convert \"bad\" to date | 8|bad|FALSE|NaN|\n"
                   "column index 1 is out of range: the line has 1 fields | 5\n"
                   "cannot convert \"2024.02.30\" to date | 9|2024.02.30|no|1|\n");
}

static void
test_conversions (void)
{
  static const struct { TribSyncType type; const char *in; const char *out; const char *format; } cases[] = {
    { TRIB_SYNC_TYPE_LONG, "007", "7", NULL },
    { TRIB_SYNC_TYPE_LONG, "-3.9", "-3", NULL },
    { TRIB_SYNC_TYPE_LONG, "-0.5", "0", NULL },
    { TRIB_SYNC_TYPE_LONG, "1.25e3", "1250", NULL },
    { TRIB_SYNC_TYPE_LONG, "12e-1", "1", NULL },
    { TRIB_SYNC_TYPE_LONG, "+18446744073709551616", "18446744073709551616", NULL },
    { TRIB_SYNC_TYPE_LONG, " 1", NULL, NULL },
    { TRIB_SYNC_TYPE_LONG, "1e", NULL, NULL },
    { TRIB_SYNC_TYPE_LONG, "", NULL, NULL },
    { TRIB_SYNC_TYPE_DOUBLE, "-1.50", "-1.50", NULL },
    { TRIB_SYNC_TYPE_DOUBLE, ".5", ".5", NULL },
    { TRIB_SYNC_TYPE_DOUBLE, "Infinity", "Infinity", NULL },
    { TRIB_SYNC_TYPE_DOUBLE, "1,5", NULL, NULL },
    { TRIB_SYNC_TYPE_BOOL, "TRUE", "true", NULL },
    { TRIB_SYNC_TYPE_BOOL, "1", NULL, NULL },
    { TRIB_SYNC_TYPE_DATE, "2024-08-07", "2024-08-07 00:00:00", NULL },
    { TRIB_SYNC_TYPE_DATE, "2024-08-07 13:05:09", "2024-08-07 13:05:09", NULL },
    { TRIB_SYNC_TYPE_DATE, "13:05:09", "1970-01-01 13:05:09", NULL },
    { TRIB_SYNC_TYPE_DATE, "20240807", "2024-08-07 00:00:00", NULL },
    { TRIB_SYNC_TYPE_DATE, "2024-13-01", NULL, NULL },
    { TRIB_SYNC_TYPE_DATE, "07/Aug/2024:10:00:00 PM", "2024-08-07 22:00:00", "dd/MMM/yyyy:hh:mm:ss a" },
    { TRIB_SYNC_TYPE_DATE, "24-8-7", "2024-08-07 00:00:00", "yy-M-d" },
    { TRIB_SYNC_TYPE_DATE, "20240807T1030", "2024-08-07 10:30:00", "yyyyMMdd'T'HHmm" },
    { TRIB_SYNC_TYPE_STRING, " as is ", " as is ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = trib_sync_convert_text (cases[i].type, cases[i].in, strlen (cases[i].in),
                                                     cases[i].format, &error);

      g_test_message ("case %u: %s", i, cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
      if (cases[i].out == NULL)
        g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = trib_sync_convert_text (TRIB_SYNC_TYPE_LONG, "abc", 3, NULL, &error);

    g_assert_cmpstr (error->message, ==, "cannot convert \"abc\" to long");
  }
}

static void
test_date_patterns (void)
{
  TribSyncDateTime v = { 2024, 8, 7, 9, 5, 3, 45, TRUE, TRUE };
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(TribSyncDatePattern) p = trib_sync_date_pattern_new ("EEE, d MMMM yy 'at' h:mm:ss.SSS a ''kK''", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSyncDatePattern) bad = trib_sync_date_pattern_new ("yyyy-'MM", &error);
  char buffer[32];

  trib_sync_date_pattern_format (p, &v, s);
  g_assert_cmpstr (s->str, ==, "Wed, 7 August 24 at 9:05:03.045 AM '99'");
  g_assert_null (bad);
  g_assert_cmpstr (error->message, ==, "unterminated quote in date pattern \"yyyy-'MM\"");

  g_assert_cmpuint (trib_sync_date_time_format_canonical (&v, buffer), ==, 19);
  g_assert_cmpmem (buffer, 19, "2024-08-07 09:05:03", 19);
  v.has_time = FALSE;
  g_assert_cmpuint (trib_sync_date_time_format_canonical (&v, buffer), ==, 10);
  g_assert_false (trib_sync_date_time_parse_canonical ("2023-02-29", 10, &v));
  g_assert_true (trib_sync_date_time_parse_canonical ("2024-02-29", 10, &v));
}

static void
test_encodings (void)
{
  /* "名字|年龄\n张三|30\n" in GBK; 0x7c ('|') also occurs as a GBK trail byte in 脇 (0xc3 0x7c). */
  static const char gbk[] = "\xc3\xfb\xd7\xd6|\xc4\xea\xc1\xe4\n\xd5\xc5\xc8\xfd|30\n\xc3\x7c|x\n";
  TribSyncTextInput input;

  input_init (&input, "|");
  input.encoding = (char *) "GBK";
  for (gsize chunk = 0; chunk < 4; chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = read_text (&input, gbk, sizeof gbk - 1, chunk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "[\"名字\",\"年龄\"]\n[\"张三\",\"30\"]\n[\"脇\",\"x\"]\n");
    }

  {
    static const char broken[] = "ok\n\xff\xff\n";
    g_autoptr(GError) error = NULL;
    g_autofree char *out = read_text (&input, broken, sizeof broken - 1, 0, NULL, &error);

    g_assert_null (out);
    g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ);
    g_assert_cmpstr (error->message, ==, "the file is not valid GBK text: invalid byte 0xff at offset 3");
  }
}

static void
test_writer_text_csv (void)
{
  g_autoptr(TribSyncBatch) batch = trib_sync_batch_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const char *header[] = { "id", "name, full", NULL };
  TribSyncTextOutput output = { TRIB_SYNC_FILE_FORMAT_TEXT, (char *) "|", (char *) "\n", (char *) "UTF-8",
                                (char *) "\\N", NULL, NULL };
  g_autoptr(TribSyncTextWriter) text = NULL;
  g_autoptr(TribSyncTextWriter) csv = NULL;
  g_autoptr(TribSyncTextWriter) dated = NULL;

  trib_sync_batch_begin_record (batch);
  trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_LONG, "1", 1);
  trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, "a|b \"q\"\nz", 9);
  trib_sync_batch_add_null (batch, TRIB_SYNC_TYPE_STRING);
  trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, "", 0);
  trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_DATE, "2024-08-07 10:00:00", 19);
  trib_sync_batch_end_record (batch);

  text = trib_sync_text_writer_new (&output, &error);
  g_assert_no_error (error);
  g_assert_true (trib_sync_text_writer_append_header (text, out, &error));
  g_assert_cmpuint (out->len, ==, 0);
  g_assert_true (trib_sync_text_writer_append_record (text, batch, 0, out, &error));
  ASSERT_BYTES (out, "1|a|b \"q\"\nz|\\N||2024-08-07 10:00:00\n");

  g_byte_array_set_size (out, 0);
  output.file_format = TRIB_SYNC_FILE_FORMAT_CSV;
  output.field_delimiter = (char *) ",";
  output.header = (GStrv) header;
  output.line_delimiter = (char *) "\r\n";
  csv = trib_sync_text_writer_new (&output, &error);
  g_assert_no_error (error);
  g_assert_true (trib_sync_text_writer_append_header (csv, out, &error));
  g_assert_true (trib_sync_text_writer_append_record (csv, batch, 0, out, &error));
  ASSERT_BYTES (out, "id,\"name, full\"\r\n1,\"a|b \"\"q\"\"\nz\",\\N,,2024-08-07 10:00:00\r\n");

  g_byte_array_set_size (out, 0);
  output.date_format = (char *) "yyyy/MM/dd";
  output.header = NULL;
  dated = trib_sync_text_writer_new (&output, &error);
  g_assert_true (trib_sync_text_writer_append_record (dated, batch, 0, out, &error));
  ASSERT_BYTES (out, "1,\"a|b \"\"q\"\"\nz\",\\N,,2024/08/07\r\n");
}

static void
test_writer_gbk (void)
{
  g_autoptr(TribSyncBatch) batch = trib_sync_batch_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  TribSyncTextOutput output = { TRIB_SYNC_FILE_FORMAT_TEXT, (char *) "|", (char *) "\n", (char *) "GBK",
                                (char *) "\\N", NULL, NULL };
  g_autoptr(TribSyncTextWriter) writer = trib_sync_text_writer_new (&output, &error);

  trib_sync_batch_begin_record (batch);
  trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, "张三", 6);
  trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, "30", 2);
  trib_sync_batch_end_record (batch);
  trib_sync_batch_begin_record (batch);
  trib_sync_batch_add_value (batch, TRIB_SYNC_TYPE_STRING, "😀", 4);
  trib_sync_batch_end_record (batch);

  g_assert_no_error (error);
  g_assert_true (trib_sync_text_writer_append_record (writer, batch, 0, out, &error));
  ASSERT_BYTES (out, "\xd5\xc5\xc8\xfd|30\n");
  g_assert_false (trib_sync_text_writer_append_record (writer, batch, 1, out, &error));
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_RECORD);
  g_assert_cmpstr (error->message, ==, "character U+1F600 cannot be written in GBK");
  g_assert_cmpuint (out->len, ==, 8);
}

/* Compression {{{ */

static GBytes *
gzip_bytes (const char *text,
            gboolean    twice)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  for (guint member = 0; member < (twice ? 2u : 1u); member++)
    {
      z_stream zs = { 0 };
      guint8 buffer[65536];

      g_assert_cmpint (deflateInit2 (&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
      zs.next_in = (Bytef *) text;
      zs.avail_in = strlen (text);
      zs.next_out = buffer;
      zs.avail_out = sizeof buffer;
      g_assert_cmpint (deflate (&zs, Z_FINISH), ==, Z_STREAM_END);
      g_byte_array_append (out, buffer, sizeof buffer - zs.avail_out);
      deflateEnd (&zs);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
raw_deflate (const char *text)
{
  z_stream zs = { 0 };
  guint8 buffer[65536];

  g_assert_cmpint (deflateInit2 (&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zs.next_in = (Bytef *) text;
  zs.avail_in = strlen (text);
  zs.next_out = buffer;
  zs.avail_out = sizeof buffer;
  g_assert_cmpint (deflate (&zs, Z_FINISH), ==, Z_STREAM_END);
  deflateEnd (&zs);
  return g_bytes_new (buffer, sizeof buffer - zs.avail_out);
}

static void
put16 (GByteArray *a,
       guint       v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff };

  g_byte_array_append (a, b, 4);
}

/* A zip built the way streaming zippers do: entries with data descriptors, a stored
 * entry, a directory, then a central directory that the reader never needs. */
static GBytes *
zip_bytes (void)
{
  g_autoptr(GByteArray) a = g_byte_array_new ();
  static const char *names[] = { "dir/", "a.txt", "b.txt" };
  static const char *texts[] = { "", "a1|x\na2|y\n", "b1|z\n" };

  for (guint i = 0; i < 3; i++)
    {
      gboolean stored = i != 1;
      g_autoptr(GBytes) body = stored ? g_bytes_new_static (texts[i], strlen (texts[i])) : raw_deflate (texts[i]);
      guint32 crc = crc32 (0, (const Bytef *) texts[i], strlen (texts[i]));
      gboolean descriptor = i == 1;

      put32 (a, 0x04034b50);
      put16 (a, 20);
      put16 (a, descriptor ? 0x8 : 0);
      put16 (a, stored ? 0 : 8);
      put32 (a, 0);
      put32 (a, descriptor ? 0 : crc);
      put32 (a, descriptor ? 0 : g_bytes_get_size (body));
      put32 (a, descriptor ? 0 : strlen (texts[i]));
      put16 (a, strlen (names[i]));
      put16 (a, 0);
      g_byte_array_append (a, (const guint8 *) names[i], strlen (names[i]));
      g_byte_array_append (a, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      if (descriptor)
        {
          put32 (a, 0x08074b50);
          put32 (a, crc);
          put32 (a, g_bytes_get_size (body));
          put32 (a, strlen (texts[i]));
        }
    }
  put32 (a, 0x02014b50);
  g_byte_array_append (a, (const guint8 *) "central directory follows, ignored", 34);
  return g_byte_array_free_to_bytes (g_steal_pointer (&a));
}

static void
test_compression (void)
{
  static const char text[] = "g1|x\ng2|y\n";
  TribSyncTextInput input;
  g_autoptr(GBytes) gz = gzip_bytes (text, TRUE);
  g_autoptr(GBytes) zip = zip_bytes ();
  g_autofree char *bz = g_malloc (256 * 1024);
  unsigned int bz_len = 256 * 1024;
  g_autofree char *bz_text = NULL;
  GString *big = g_string_new (NULL);

  input_init (&input, "|");
  input.columns = NULL;

  /* 200 kB of lines: the output comes in several chunks. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (big, "%u|line\n", i);
  bz_text = g_string_free (big, FALSE);
  g_assert_cmpint (BZ2_bzBuffToBuffCompress (bz, &bz_len, bz_text, strlen (bz_text), 9, 0, 0), ==, BZ_OK);

  for (gsize chunk = 0; chunk < 3; chunk++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *bz_out = NULL;
      g_autofree char *zip_out = NULL;

      input.compress = TRIB_SYNC_COMPRESS_GZIP;
      out = read_text (&input, g_bytes_get_data (gz, NULL), g_bytes_get_size (gz), chunk * 7, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "[\"g1\",\"x\"]\n[\"g2\",\"y\"]\n[\"g1\",\"x\"]\n[\"g2\",\"y\"]\n");

      input.compress = TRIB_SYNC_COMPRESS_BZIP2;
      bz_out = read_text (&input, bz, bz_len, chunk * 13, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (bz_out, "[\"0\",\"line\"]\n[\"1\",\"line\"]\n"));
      g_assert_true (g_str_has_suffix (bz_out, "[\"19999\",\"line\"]\n"));

      input.compress = TRIB_SYNC_COMPRESS_ZIP;
      zip_out = read_text (&input, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip), chunk * 5, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (zip_out, ==, "[\"a1\",\"x\"]\n[\"a2\",\"y\"]\n[\"b1\",\"z\"]\n");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;

    input.compress = TRIB_SYNC_COMPRESS_GZIP;
    out = read_text (&input, g_bytes_get_data (gz, NULL), g_bytes_get_size (gz) / 2 - 3, 0, NULL, &error);
    g_assert_null (out);
    g_assert_cmpstr (error->message, ==, "the gzip data ends early: the file is truncated");
    g_clear_error (&error);

    input.compress = TRIB_SYNC_COMPRESS_ZIP;
    out = read_text (&input, "PK\x05\x06", 4, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (out, ==, "");
    g_clear_pointer (&out, g_free);
    out = read_text (&input, "hello", 5, 0, NULL, &error);
    g_assert_cmpstr (error->message, ==, "corrupt zip data: not a zip file");
  }
}

/* }}} */

static void
test_mysql_types (void)
{
  static const struct {
    enum enum_field_types type; unsigned flags; unsigned charset; unsigned long length;
    const char *value; unsigned long value_len; TribSyncType out_type; const char *json;
  } cases[] = {
    { MYSQL_TYPE_TINY, 0, 63, 1, "1", 1, TRIB_SYNC_TYPE_LONG, "[\"1\"]" },
    { MYSQL_TYPE_LONGLONG, UNSIGNED_FLAG, 63, 20, "18446744073709551615", 20, TRIB_SYNC_TYPE_LONG, "[\"18446744073709551615\"]" },
    { MYSQL_TYPE_INT24, 0, 63, 8, "-8388608", 8, TRIB_SYNC_TYPE_LONG, "[\"-8388608\"]" },
    { MYSQL_TYPE_YEAR, 0, 63, 4, "0000", 4, TRIB_SYNC_TYPE_LONG, "[\"0\"]" },
    { MYSQL_TYPE_YEAR, 0, 63, 4, "2024", 4, TRIB_SYNC_TYPE_LONG, "[\"2024\"]" },
    { MYSQL_TYPE_FLOAT, 0, 63, 12, "1.1", 3, TRIB_SYNC_TYPE_DOUBLE, "[\"1.1\"]" },
    { MYSQL_TYPE_DOUBLE, 0, 63, 22, "-1e300", 6, TRIB_SYNC_TYPE_DOUBLE, "[\"-1e300\"]" },
    { MYSQL_TYPE_NEWDECIMAL, 0, 63, 12, "12.3400", 7, TRIB_SYNC_TYPE_DOUBLE, "[\"12.3400\"]" },
    { MYSQL_TYPE_BIT, UNSIGNED_FLAG, 63, 1, "\x01", 1, TRIB_SYNC_TYPE_BOOL, "[\"true\"]" },
    { MYSQL_TYPE_BIT, UNSIGNED_FLAG, 63, 1, "\x00", 1, TRIB_SYNC_TYPE_BOOL, "[\"false\"]" },
    { MYSQL_TYPE_BIT, UNSIGNED_FLAG, 63, 12, "\x0a\x0b", 2, TRIB_SYNC_TYPE_LONG, "[\"2571\"]" },
    { MYSQL_TYPE_VAR_STRING, 0, 45, 40, "a|b", 3, TRIB_SYNC_TYPE_STRING, "[\"a|b\"]" },
    { MYSQL_TYPE_STRING, ENUM_FLAG, 45, 4, "red", 3, TRIB_SYNC_TYPE_STRING, "[\"red\"]" },
    { MYSQL_TYPE_STRING, SET_FLAG | BINARY_FLAG, 63, 8, "a,b", 3, TRIB_SYNC_TYPE_STRING, "[\"a,b\"]" },
    { MYSQL_TYPE_BLOB, BLOB_FLAG, 45, 65535, "long text", 9, TRIB_SYNC_TYPE_STRING, "[\"long text\"]" },
    { MYSQL_TYPE_BLOB, BLOB_FLAG | BINARY_FLAG, 63, 65535, "\x01\xff", 2, TRIB_SYNC_TYPE_BYTES, "[\"\\u0001\\xff\"]" },
    { MYSQL_TYPE_VAR_STRING, BINARY_FLAG, 63, 4, "ab", 2, TRIB_SYNC_TYPE_BYTES, "[\"ab\"]" },
    { MYSQL_TYPE_GEOMETRY, BLOB_FLAG | BINARY_FLAG, 63, 0, "\x00\x00", 2, TRIB_SYNC_TYPE_BYTES, "[\"\\u0000\\u0000\"]" },
    { MYSQL_TYPE_JSON, 0, 45, 0, "{\"a\":1}", 7, TRIB_SYNC_TYPE_STRING, "[\"{\\\"a\\\":1}\"]" },
    { MYSQL_TYPE_DATE, BINARY_FLAG, 63, 10, "2024-08-07", 10, TRIB_SYNC_TYPE_DATE, "[\"2024-08-07\"]" },
    { MYSQL_TYPE_DATE, BINARY_FLAG, 63, 10, "0000-00-00", 10, TRIB_SYNC_TYPE_DATE, "[null]" },
    { MYSQL_TYPE_DATETIME, BINARY_FLAG, 63, 26, "2024-08-07 10:11:12.123456", 26, TRIB_SYNC_TYPE_DATE, "[\"2024-08-07 10:11:12\"]" },
    { MYSQL_TYPE_TIMESTAMP, BINARY_FLAG, 63, 19, "0000-00-00 00:00:00", 19, TRIB_SYNC_TYPE_DATE, "[null]" },
    { MYSQL_TYPE_TIME, BINARY_FLAG, 63, 17, "-838:59:59.500000", 17, TRIB_SYNC_TYPE_DATE, "[\"-838:59:59\"]" },
    { MYSQL_TYPE_NULL, BINARY_FLAG, 63, 0, NULL, 0, TRIB_SYNC_TYPE_STRING, "[null]" },
    { MYSQL_TYPE_VAR_STRING, 0, 45, 40, "", 0, TRIB_SYNC_TYPE_STRING, "[\"\"]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TribSyncBatch) batch = trib_sync_batch_new ();
      g_autofree char *json = NULL;
      TribSyncMysqlColumn column;

      g_test_message ("case %u: %s", i, trib_sync_mysql_type_name (cases[i].type, cases[i].flags, cases[i].charset));
      trib_sync_mysql_column_init (&column, cases[i].type, cases[i].flags, cases[i].charset, cases[i].length);
      g_assert_cmpint (column.type, ==, cases[i].out_type);
      trib_sync_batch_begin_record (batch);
      trib_sync_mysql_column_add (&column, batch, cases[i].value, cases[i].value_len);
      trib_sync_batch_end_record (batch);
      json = trib_sync_batch_dup_record_json (batch, 0);
      g_assert_cmpstr (json, ==, cases[i].json);
    }
  g_assert_true (trib_sync_mysql_type_is_integer (MYSQL_TYPE_LONGLONG));
  g_assert_false (trib_sync_mysql_type_is_integer (MYSQL_TYPE_VAR_STRING));
  g_assert_cmpstr (trib_sync_mysql_type_name (MYSQL_TYPE_VAR_STRING, 0, 45), ==, "VARCHAR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/formats/text-fields", test_text_fields);
  g_test_add_func ("/sync/formats/multichar-delimiters", test_multichar_delimiters);
  g_test_add_func ("/sync/formats/csv", test_csv);
  g_test_add_func ("/sync/formats/columns-and-dirty", test_columns_and_dirty);
  g_test_add_func ("/sync/formats/conversions", test_conversions);
  g_test_add_func ("/sync/formats/date-patterns", test_date_patterns);
  g_test_add_func ("/sync/formats/encodings", test_encodings);
  g_test_add_func ("/sync/formats/writer-text-csv", test_writer_text_csv);
  g_test_add_func ("/sync/formats/writer-gbk", test_writer_gbk);
  g_test_add_func ("/sync/formats/compression", test_compression);
  g_test_add_func ("/sync/formats/mysql-types", test_mysql_types);

  return g_test_run ();
}
