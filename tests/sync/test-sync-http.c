/* test-sync-http.c: HTTP file -> object storage against the real peers: the tutorial node
 * byte for byte, text/CSV/encodings/compression over HTTP, a server closing mid-file,
 * an S3 server refusing a part, a local folder as the target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <bzlib.h>
#include <zlib.h>

#include "sync-peers.h"

static SyncPeers *peers;

static char *
http_job (const char *source,
          const char *reader,
          const char *writer,
          const char *setting)
{
  /* The writer's "|" unless the test gives its own (a member appears once in an object). */
  return g_strdup_printf (
    "{\"type\": \"job\", \"version\": \"2.0\", \"steps\": ["
    " {\"stepType\": \"httpfile\", \"category\": \"reader\", \"name\": \"Reader\", \"parameter\": {"
    "   \"datasource\": \"%s\", %s}},"
    " {\"stepType\": \"oss\", \"category\": \"writer\", \"name\": \"Writer\", \"parameter\": {"
    "   %s\"writeMode\": \"truncate\", \"writeSingleObject\": true, %s}}],"
    " \"order\": {\"hops\": [{\"from\": \"Reader\", \"to\": \"Writer\"}]},"
    " \"setting\": %s}", source, reader,
    strstr (writer, "\"fieldDelimiter\"") ? "" : "\"fieldDelimiter\": \"|\", ", writer,
    setting ? setting : "{\"errorLimit\": {\"record\": \"0\"}, \"speed\": {\"concurrent\": 2}}");
}

static void
put_http_file (const char *name,
               const void *data,
               gsize       length)
{
  g_autofree char *path = g_build_filename (peers->http_root, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static char *
read_http_file (const char *name,
                gsize      *length)
{
  g_autofree char *path = g_build_filename (peers->http_root, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
generated_log (gsize *length)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  TribSampleOptions options;

  trib_sample_options_init (&options);
  g_assert_true (trib_sample_write_log (&options, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_tutorial (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_raw_log_d_2oss_spark");
  g_autoptr(TribSyncJob) job = sync_peers_job (content, "20240807");
  g_autoptr(GError) error = NULL;
  g_autofree char *served = NULL;
  g_autofree char *generated = NULL;
  gsize served_len, generated_len;
  g_auto(GStrv) keys = NULL;

  /* The file the HTTP peer serves is the generator's log; the object must be that file
   * exactly: one column per line (no '|' in the log), each line ended by "\n". */
  served = read_http_file ("user_log.txt", &served_len);
  generated = generated_log (&generated_len);
  g_assert_cmpmem (served, served_len, generated, generated_len);
  g_assert_true (generated_len > 0 && generated[generated_len - 1] == '\n');
  g_assert_null (memchr (generated, '|', generated_len));

  sync_peers_clear_bucket (peers);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "ods_raw_log_d/log_20240807/log_20240807.txt", generated, generated_len);
  keys = sync_peers_list_objects (peers, "");
  g_assert_cmpstrv (keys, ((const char * const[]) { "ods_raw_log_d/log_20240807/log_20240807.txt", NULL }));
  g_assert_nonnull (strstr (peers->log->str, "Total records read        :              20000\n"));
}

static void
test_csv_and_columns (void)
{
  static const char csv[] =
    "id,name,note\r\n"
    "1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n"
    "2,\"two\nlines\",\\N\r\n"
    "\r\n"
    "3,Zoë,plain\r\n";
  g_autofree char *text = http_job ("user_behavior_analysis_httpfile",
                                    "\"fileName\": \"/people.csv\", \"fileFormat\": \"csv\", \"fieldDelimiter\": \",\","
                                    " \"skipHeader\": true, \"column\": [{\"index\": 0, \"type\": \"long\"},"
                                    " {\"index\": 1, \"type\": \"string\"}, {\"index\": 2, \"type\": \"string\"},"
                                    " {\"type\": \"string\", \"value\": \"${bizdate}\"}]",
                                    "\"datasource\": \"test_g\", \"object\": \"csv/people.csv\", \"fileFormat\": \"csv\","
                                    " \"fieldDelimiter\": \",\", \"header\": [\"id\", \"name\", \"note\", \"dt\"], \"nullFormat\": \"NULL\"",
                                    NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GError) error = NULL;
  static const char expected[] =
    "id,name,note,dt\n"
    "1,\"Smith, J\",\"said \"\"hi\"\"\",20240807\n"
    "2,\"two\nlines\",NULL,20240807\n"
    "3,Zoë,plain,20240807\n";

  put_http_file ("people.csv", csv, sizeof csv - 1);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "csv/people.csv", expected, sizeof expected - 1);
}

static void
test_gbk_and_multichar (void)
{
  /* "名字##@@年龄##@@x\n脇|y##@@30##@@z\n" in GBK: 脇 holds the byte of '|'. */
  static const char gbk[] = "\xc3\xfb\xd7\xd6##@@\xc4\xea\xc1\xe4##@@x\n\xc3\x7c|y##@@30##@@z\n";
  g_autofree char *text = http_job ("user_behavior_analysis_httpfile",
                                    "\"fileName\": \"/gbk.txt\", \"encoding\": \"GBK\", \"fieldDelimiter\": \"##@@\","
                                    " \"column\": [{\"index\": 2, \"type\": \"string\"}, {\"index\": 0, \"type\": \"string\"}]",
                                    "\"datasource\": \"test_g\", \"object\": \"gbk/out.txt\", \"fieldDelimiter\": \"\\t\"",
                                    NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GError) error = NULL;
  static const char expected[] = "x\t名字\nz\t脇|y\n";

  put_http_file ("gbk.txt", gbk, sizeof gbk - 1);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "gbk/out.txt", expected, sizeof expected - 1);
}

/* Compressed copies of the log {{{ */

static GBytes *
gzip_bytes (const char *data,
            gsize       length)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  z_stream zs = { 0 };
  guint8 buffer[65536];
  int r;

  g_assert_cmpint (deflateInit2 (&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zs.next_in = (Bytef *) data;
  zs.avail_in = length;
  do
    {
      zs.next_out = buffer;
      zs.avail_out = sizeof buffer;
      r = deflate (&zs, Z_FINISH);
      g_byte_array_append (out, buffer, sizeof buffer - zs.avail_out);
    }
  while (r == Z_OK);
  g_assert_cmpint (r, ==, Z_STREAM_END);
  deflateEnd (&zs);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
raw_deflate (const char *data,
             gsize       length)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  z_stream zs = { 0 };
  guint8 buffer[65536];
  int r;

  g_assert_cmpint (deflateInit2 (&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zs.next_in = (Bytef *) data;
  zs.avail_in = length;
  do
    {
      zs.next_out = buffer;
      zs.avail_out = sizeof buffer;
      r = deflate (&zs, Z_FINISH);
      g_byte_array_append (out, buffer, sizeof buffer - zs.avail_out);
    }
  while (r == Z_OK);
  deflateEnd (&zs);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
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

/* One deflated entry with a data descriptor (as streaming zippers write it), then the
 * start of a central directory. */
static GBytes *
zip_bytes (const char *data,
           gsize       length)
{
  g_autoptr(GByteArray) a = g_byte_array_new ();
  g_autoptr(GBytes) body = raw_deflate (data, length);
  guint32 crc = crc32 (0, (const Bytef *) data, length);

  put32 (a, 0x04034b50);
  put16 (a, 20);
  put16 (a, 0x8);
  put16 (a, 8);
  put32 (a, 0);
  put32 (a, 0);
  put32 (a, 0);
  put32 (a, 0);
  put16 (a, 12);
  put16 (a, 0);
  g_byte_array_append (a, (const guint8 *) "user_log.txt", 12);
  g_byte_array_append (a, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  put32 (a, 0x08074b50);
  put32 (a, crc);
  put32 (a, g_bytes_get_size (body));
  put32 (a, length);
  put32 (a, 0x02014b50);
  return g_byte_array_free_to_bytes (g_steal_pointer (&a));
}

/* }}} */

static void
test_compression (void)
{
  static const char * const kinds[] = { "gzip", "bzip2", "zip" };
  g_autofree char *log = NULL;
  gsize log_len;
  unsigned int bz_len;
  g_autofree char *bz = NULL;
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GBytes) zip = NULL;

  log = read_http_file ("user_log.txt", &log_len);
  gz = gzip_bytes (log, log_len);
  zip = zip_bytes (log, log_len);
  bz_len = log_len + log_len / 100 + 600;
  bz = g_malloc (bz_len);
  g_assert_cmpint (BZ2_bzBuffToBuffCompress (bz, &bz_len, log, log_len, 9, 0, 0), ==, BZ_OK);
  put_http_file ("user_log.txt.gz", g_bytes_get_data (gz, NULL), g_bytes_get_size (gz));
  put_http_file ("user_log.txt.bz2", bz, bz_len);
  put_http_file ("user_log.zip", g_bytes_get_data (zip, NULL), g_bytes_get_size (zip));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      static const char * const files[] = { "/user_log.txt.gz", "/user_log.txt.bz2", "/user_log.zip" };
      g_autofree char *reader = g_strdup_printf ("\"fileName\": \"%s\", \"compress\": \"%s\", \"fieldDelimiter\": \"|\","
                                                 " \"column\": [\"*\"]", files[i], kinds[i]);
      g_autofree char *writer = g_strdup_printf ("\"datasource\": \"test_g\", \"object\": \"z/%s.txt\"", kinds[i]);
      g_autofree char *text = http_job ("user_behavior_analysis_httpfile", reader, writer, NULL);
      g_autofree char *key = g_strdup_printf ("z/%s.txt", kinds[i]);
      g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
      g_autoptr(GError) error = NULL;

      g_test_message ("compress %s", kinds[i]);
      g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      ASSERT_OBJECT (peers, key, log, log_len);
    }
}

static void
test_missing_file (void)
{
  g_autofree char *text = http_job ("user_behavior_analysis_httpfile",
                                    "\"fileName\": \"/nope.txt\", \"column\": [\"*\"]",
                                    "\"datasource\": \"test_g\", \"object\": \"missing/out.txt\"", NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("%s/nope.txt: no such file on the server (HTTP 404)",
                                               trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_autoptr(GBytes) object = NULL;

  g_assert_false (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_FILE_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, expected);
  object = sync_peers_read_object (peers, "missing/out.txt");
  g_assert_null (object);
}

static void
test_fault_http_cut (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_raw_log_d_2oss_spark");
  g_autoptr(GString) faulty = g_string_new (content);
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GBytes) object = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *proxy_log = NULL;
  gsize generated_len;

  /* The tutorial node, reading through the fault proxy, which closes the connection
   * after 100 kB of the file. */
  g_string_replace (faulty, "\"user_behavior_analysis_httpfile\"", "\"faulty_httpfile\"", 0);
  job = sync_peers_job (faulty->str, "20240807");
  generated = generated_log (&generated_len);
  prefix = g_strdup_printf ("cannot read %s/user_log.txt: ", trib_test_require_env ("TRIB_TEST_FAULTPROXY_HTTP_URL"));

  sync_peers_clear_bucket (peers);
  sync_peers_set_faults ("{\"path\": \"/user_log.txt\", \"method\": \"GET\", \"action\": \"cut\", \"after\": 100000}");
  g_assert_false (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  object = sync_peers_read_object (peers, "ods_raw_log_d/log_20240807/log_20240807.txt");
  g_assert_null (object);
  keys = sync_peers_list_objects (peers, "");
  g_assert_cmpstrv (keys, ((const char * const[]) { NULL }));
  proxy_log = trib_test_read_file (trib_test_require_env ("TRIB_TEST_FAULTPROXY_LOG"));
  g_assert_nonnull (strstr (proxy_log, "http GET /user_log.txt -> 200 (cut after 100000 bytes)\n"));

  /* The rerun, with the server behaving, gives the exact bytes. */
  sync_peers_set_faults ("");
  g_clear_error (&error);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "ods_raw_log_d/log_20240807/log_20240807.txt", generated, generated_len);
}

static TribSyncWriter *
faulty_writer (TribSyncJob *job)
{
  g_autoptr(GError) error = NULL;
  TribDataSource *s3 = trib_workspace_lookup_data_source (peers->workspace, "faulty_s3");
  g_autoptr(TribObjectStore) store = trib_object_store_new_for_data_source (s3, trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY"),
                                                                           NULL, &error);
  TribSyncWriter *writer;

  g_assert_no_error (error);
  /* 1 MiB parts (the S3 peer accepts parts under 5 MB): the 5 MB log takes several. */
  g_object_set (store, "part-size", (guint64) 1024 * 1024, NULL);
  writer = trib_sync_object_writer_new (trib_sync_job_get_object_writer (job), store, &error);
  g_assert_no_error (error);
  return writer;
}

static void
test_fault_s3_part (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_raw_log_d_2oss_spark");
  g_autoptr(GString) faulty = g_string_new (content);
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(TribSyncWriter) writer = NULL;
  g_autoptr(TribSyncWriter) writer2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;
  g_autoptr(GBytes) object = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) uploads = NULL;
  g_autofree char *proxy_log = NULL;
  g_autofree char *prefix = NULL;
  gsize generated_len;

  g_string_replace (faulty, "\"test_g\"", "\"faulty_s3\"", 0);
  job = sync_peers_job (faulty->str, "20240807");
  generated = generated_log (&generated_len);
  g_assert_cmpuint (generated_len, >, 3 * 1024 * 1024);
  prefix = g_strdup_printf ("cannot write s3://%s/ods_raw_log_d/log_20240807/log_20240807.txt: ",
                            trib_test_require_env ("TRIB_TEST_S3_BUCKET"));

  sync_peers_clear_bucket (peers);
  sync_peers_set_faults ("{\"listener\": \"s3\", \"method\": \"PUT\", \"query\": \"partNumber=2&\", \"action\": \"status\","
                         " \"status\": 500, \"times\": 1}");
  writer = faulty_writer (job);
  g_assert_false (sync_peers_run (peers, job, writer, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  proxy_log = trib_test_read_file (trib_test_require_env ("TRIB_TEST_FAULTPROXY_LOG"));
  g_assert_nonnull (strstr (proxy_log, "-> 500 (injected)\n"));

  /* No object at the final name, and no parts left: the upload was aborted. */
  object = sync_peers_read_object (peers, "ods_raw_log_d/log_20240807/log_20240807.txt");
  g_assert_null (object);
  keys = sync_peers_list_objects (peers, "");
  g_assert_cmpstrv (keys, ((const char * const[]) { NULL }));
  uploads = sync_peers_list_uploads (peers, "");
  g_assert_cmpstrv (uploads, ((const char * const[]) { NULL }));

  sync_peers_set_faults ("");
  g_clear_error (&error);
  writer2 = faulty_writer (job);
  g_assert_true (sync_peers_run (peers, job, writer2, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "ods_raw_log_d/log_20240807/log_20240807.txt", generated, generated_len);
}

static void
test_stale_upload (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_raw_log_d_2oss_spark");
  g_autoptr(TribSyncJob) job = sync_peers_job (content, "20240807");
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  gsize generated_len;
  const char *key = "ods_raw_log_d/log_20240807/log_20240807.txt";

  /* What a run killed mid-upload leaves: an upload of the key with a part, never
   * completed; and one of another key, which is not this run's business. */
  sync_peers_clear_bucket (peers);
  killed = sync_peers_start_upload (peers, key, "the first lines of a run that was killed\n");
  g_free (sync_peers_start_upload (peers, "ods_raw_log_d/log_20240806/log_20240806.txt", "another date\n"));
  before = sync_peers_list_uploads (peers, "ods_raw_log_d/");
  g_assert_cmpstrv (before, ((const char * const[]) { "ods_raw_log_d/log_20240806/log_20240806.txt", key, NULL }));

  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s", peers->log->str);
  message = g_strdup_printf ("aborted 1 incomplete upload of s3://%s/%s left by an interrupted run\n",
                             trib_test_require_env ("TRIB_TEST_S3_BUCKET"), key);
  g_assert_nonnull (strstr (peers->log->str, message));

  /* The key's stale upload is gone, the object is whole, the other date's upload stays. */
  after = sync_peers_list_uploads (peers, "ods_raw_log_d/");
  g_assert_cmpstrv (after, ((const char * const[]) { "ods_raw_log_d/log_20240806/log_20240806.txt", NULL }));
  generated = generated_log (&generated_len);
  ASSERT_OBJECT (peers, key, generated, generated_len);

  /* Nothing to say the next time. */
  g_string_truncate (peers->log, 0);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (peers->log->str, "incomplete upload"));

  /* nonConflict (which refuses a prefix with objects, not one with uploads): only the
   * key's own uploads go, the prefix is not the run's. */
  {
    g_autoptr(GString) non_conflict = g_string_new (content);
    g_autoptr(TribSyncJob) non_conflict_job = NULL;
    g_auto(GStrv) left = NULL;

    g_string_replace (non_conflict, "\"writeMode\": \"truncate\"", "\"writeMode\": \"nonConflict\"", 0);
    non_conflict_job = sync_peers_job (non_conflict->str, "20240807");
    sync_peers_clear_bucket (peers);
    g_free (sync_peers_start_upload (peers, key, "killed again\n"));
    g_free (sync_peers_start_upload (peers, "ods_raw_log_d/log_20240807/log_20240807.txt.gz", "another key\n"));
    g_assert_true (sync_peers_run (peers, non_conflict_job, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (peers->log->str, message));
    left = sync_peers_list_uploads (peers, "ods_raw_log_d/log_20240807/");
    g_assert_cmpstrv (left, ((const char * const[]) { "ods_raw_log_d/log_20240807/log_20240807.txt.gz", NULL }));
    ASSERT_OBJECT (peers, key, generated, generated_len);
  }
}

static void
test_stale_uploads_not_listable (void)
{
  g_autofree char *content = sync_peers_node_content (peers, "ods_raw_log_d_2oss_spark");
  g_autoptr(GString) faulty = g_string_new (content);
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(TribSyncWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *warning = NULL;
  g_auto(GStrv) uploads = NULL;
  gsize generated_len;
  const char *key = "ods_raw_log_d/log_20240807/log_20240807.txt";

  /* A policy without s3:ListBucketMultipartUploads: the run warns and writes the object
   * all the same; what a killed run left stays (nothing could see it). */
  g_string_replace (faulty, "\"test_g\"", "\"faulty_s3\"", 0);
  job = sync_peers_job (faulty->str, "20240807");
  sync_peers_clear_bucket (peers);
  g_free (sync_peers_start_upload (peers, key, "left by a killed run\n"));
  sync_peers_set_faults ("{\"listener\": \"s3\", \"method\": \"GET\", \"query\": \"uploads=\", \"action\": \"status\","
                         " \"status\": 403, \"body\": \"<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>\"}");
  writer = faulty_writer (job);
  g_assert_true (sync_peers_run (peers, job, writer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sync_peers_set_faults ("");
  g_test_message ("%s", peers->log->str);
  warning = g_strdup_printf ("cannot look for incomplete uploads of s3://%s/%s left by an interrupted run: AccessDenied: "
                             "Access Denied", trib_test_require_env ("TRIB_TEST_S3_BUCKET"), key);
  g_assert_nonnull (strstr (peers->log->str, warning));
  g_assert_null (strstr (peers->log->str, "aborted"));
  generated = generated_log (&generated_len);
  ASSERT_OBJECT (peers, key, generated, generated_len);
  uploads = sync_peers_list_uploads (peers, "");
  g_assert_cmpstrv (uploads, ((const char * const[]) { key, NULL }));
}

static void
test_local_folder (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("local-store");
  g_autofree char *text = http_job ("user_behavior_analysis_httpfile",
                                    "\"fileName\": \"/user_log.txt\", \"fieldDelimiter\": \"|\", \"column\": [{\"index\": 0, \"type\": \"string\"}]",
                                    "\"datasource\": \"local_out\", \"object\": \"ods_raw_log_d/log_${bizdate}/log_${bizdate}.txt\"",
                                    NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GString) faulty_text = g_string_new (text);
  g_autoptr(TribSyncJob) faulty_job = NULL;
  g_autoptr(TribDataSource) local = trib_data_source_new ("local_out", TRIB_DATA_SOURCE_KIND_LOCAL);
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  gsize generated_len, written_len;

  g_string_replace (faulty_text, "\"user_behavior_analysis_httpfile\"", "\"faulty_httpfile\"", 0);
  faulty_job = sync_peers_job (faulty_text->str, "20240807");
  g_assert_true (trib_data_source_set_option (local, "path", dir, &error));
  trib_workspace_put_data_source (peers->workspace, local);
  generated = generated_log (&generated_len);

  /* The server closes the connection half-way: no file at the final name, and no
   * temporary file left either. */
  sync_peers_set_faults ("{\"path\": \"/user_log.txt\", \"action\": \"cut\", \"after\": 50000}");
  g_assert_false (sync_peers_run (peers, faulty_job, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  sync_peers_set_faults ("");
  {
    g_autofree char *command = g_strdup_printf ("find %s -type f", dir);
    g_autofree char *found = NULL;

    g_assert_true (g_spawn_command_line_sync (command, &found, NULL, NULL, NULL));
    g_assert_cmpstr (found, ==, "");
  }

  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  path = g_build_filename (dir, "ods_raw_log_d", "log_20240807", "log_20240807.txt", NULL);
  g_assert_true (g_file_get_contents (path, &written, &written_len, NULL));
  g_assert_cmpmem (written, written_len, generated, generated_len);
  trib_test_rm_rf (dir);
}

/* A value holding the delimiter or a line break, written as fileFormat text: written raw
 * (as DataX does) but counted and reported, or a dirty record when the job says so. */
static void
test_ambiguous_text_records (void)
{
  static const char csv[] =
    "1,plain\r\n"
    "2,\"tab\there|pipe\nnewline\"\r\n"
    "3,\"a|b\"\r\n";
  g_autofree char *text = http_job ("user_behavior_analysis_httpfile",
                                    "\"fileName\": \"/ambiguous.csv\", \"fileFormat\": \"csv\", \"fieldDelimiter\": \",\","
                                    " \"column\": [{\"index\": 0, \"type\": \"long\"}, {\"index\": 1, \"type\": \"string\"}]",
                                    "\"datasource\": \"test_g\", \"object\": \"amb/a.txt\", \"fileFormat\": \"text\"",
                                    NULL);
  g_autoptr(TribSyncJob) job = sync_peers_job (text, "20240807");
  g_autoptr(GString) dirty_text = g_string_new (text);
  g_autoptr(TribSyncJob) dirty_job = NULL;
  g_autoptr(GError) error = NULL;
  static const char expected[] = "1|plain\n2|tab\there|pipe\nnewline\n3|a|b\n";

  put_http_file ("ambiguous.csv", csv, sizeof csv - 1);
  g_assert_true (sync_peers_run (peers, job, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_OBJECT (peers, "amb/a.txt", expected, sizeof expected - 1);
  g_assert_nonnull (strstr (peers->log->str, "Record 2 holds the field delimiter or a line break in a value, written raw: "));
  g_assert_nonnull (strstr (peers->log->str, "Record 3 holds the field delimiter or a line break in a value, written raw: "));
  g_assert_nonnull (strstr (peers->log->str, "2 records hold the field delimiter or a line break in a value: in fileFormat "
                                             "text their lines do not split back into the records"));
  g_assert_nonnull (strstr (peers->log->str, "Use fileFormat csv"));

  /* "ambiguousRecords": "dirty": they count against errorLimit (0 here by default: the
   * job fails, and no object is written). */
  g_string_replace (dirty_text, "\"fileFormat\": \"text\"", "\"fileFormat\": \"text\", \"ambiguousRecords\": \"dirty\"", 1);
  g_string_replace (dirty_text, "amb/a.txt", "amb/b.txt", 1);
  dirty_job = sync_peers_job (dirty_text->str, "20240807");
  g_assert_false (sync_peers_run (peers, dirty_job, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_DIRTY_LIMIT);
  g_assert_nonnull (strstr (peers->log->str, "column 2 holds a line break: in fileFormat text the line would not read back"));
  g_assert_null (sync_peers_read_object (peers, "amb/b.txt"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  peers = sync_peers_new ();

  g_test_add_func ("/sync/http/tutorial", test_tutorial);
  g_test_add_func ("/sync/http/csv-and-columns", test_csv_and_columns);
  g_test_add_func ("/sync/http/gbk-and-multichar", test_gbk_and_multichar);
  g_test_add_func ("/sync/http/compression", test_compression);
  g_test_add_func ("/sync/http/missing-file", test_missing_file);
  g_test_add_func ("/sync/http/fault-http-cut", test_fault_http_cut);
  g_test_add_func ("/sync/http/fault-s3-part", test_fault_s3_part);
  g_test_add_func ("/sync/http/stale-upload", test_stale_upload);
  g_test_add_func ("/sync/http/stale-uploads-not-listable", test_stale_uploads_not_listable);
  g_test_add_func ("/sync/http/local-folder", test_local_folder);
  g_test_add_func ("/sync/http/ambiguous-text-records", test_ambiguous_text_records);

  status = g_test_run ();
  sync_peers_free (peers);
  return status;
}
