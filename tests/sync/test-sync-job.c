/* test-sync-job.c: parsing and static validation of sync jobs, with exact messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-test-util.h"

/* The tutorial's MySQL node, as in the demo workspace. */
static const char mysql_job[] =
  "{\"type\": \"job\", \"version\": \"2.0\","
  " \"steps\": ["
  "  {\"stepType\": \"mysql\", \"category\": \"reader\", \"name\": \"Reader\", \"parameter\": {"
  "    \"datasource\": \"user_behavior_analysis_mysql\","
  "    \"column\": [\"uid\", \"gender\", \"age_range\", \"zodiac\"],"
  "    \"connection\": [{\"datasource\": \"user_behavior_analysis_mysql\", \"table\": [\"ods_user_info_d\"]}],"
  "    \"where\": \"\", \"splitPk\": \"uid\", \"encoding\": \"UTF-8\"}},"
  "  {\"stepType\": \"oss\", \"category\": \"writer\", \"name\": \"Writer\", \"parameter\": {"
  "    \"datasource\": \"test_g\", \"object\": \"ods_user_info_d/user_${bizdate}/user_${bizdate}.txt\","
  "    \"fileFormat\": \"text\", \"encoding\": \"UTF-8\", \"fieldDelimiter\": \"|\","
  "    \"writeMode\": \"truncate\", \"writeSingleObject\": true}}],"
  " \"order\": {\"hops\": [{\"from\": \"Reader\", \"to\": \"Writer\"}]},"
  " \"setting\": {\"errorLimit\": {\"record\": \"0\"}, \"speed\": {\"throttle\": false, \"concurrent\": 2}}}";

static const char http_job[] =
  "{\"type\": \"job\", \"version\": \"2.0\","
  " \"steps\": ["
  "  {\"stepType\": \"httpfile\", \"category\": \"reader\", \"name\": \"Reader\", \"parameter\": {"
  "    \"datasource\": \"user_behavior_analysis_httpfile\", \"fileName\": \"/user_log.txt\","
  "    \"fileFormat\": \"text\", \"encoding\": \"UTF-8\", \"fieldDelimiter\": \"|\", \"compress\": \"none\","
  "    \"skipHeader\": \"false\", \"column\": [{\"index\": 0, \"type\": \"string\"}]}},"
  "  {\"stepType\": \"oss\", \"category\": \"writer\", \"name\": \"Writer\", \"parameter\": {"
  "    \"datasource\": \"test_g\", \"object\": \"ods_raw_log_d/log_${bizdate}/log_${bizdate}.txt\","
  "    \"fileFormat\": \"text\", \"encoding\": \"UTF-8\", \"fieldDelimiter\": \"|\","
  "    \"writeMode\": \"truncate\", \"writeSingleObject\": true}}],"
  " \"order\": {\"hops\": [{\"from\": \"Reader\", \"to\": \"Writer\"}]},"
  " \"setting\": {\"errorLimit\": {\"record\": \"0\"}, \"speed\": {\"throttle\": false, \"concurrent\": 2}}}";

static char *
bizdate (const char  *value,
         gpointer     user_data,
         GError     **error)
{
  g_autoptr(GString) s = g_string_new (value);

  g_string_replace (s, "${bizdate}", user_data, 0);
  if (strstr (s->str, "${") != NULL)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, "unknown parameter in \"%s\"", value);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Replaces the first occurrence of @from in the job text. */
static char *
edit (const char *job,
      const char *from,
      const char *to)
{
  const char *at = strstr (job, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - job), job, to, at + strlen (from));
}

static void
assert_invalid (const char *text,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSyncJob) job = trib_sync_job_new_from_string (text, -1, bizdate, (gpointer) "20240807", &error);

  g_assert_null (job);
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_tutorial_mysql (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSyncJob) job = trib_sync_job_new_from_string (mysql_job, -1, bizdate, (gpointer) "20240807", &error);
  const TribSyncMysqlReaderConfig *reader;
  const TribSyncObjectWriterConfig *writer;
  const TribSyncMysqlConnection *connection;
  g_auto(GStrv) sources = NULL;

  g_assert_no_error (error);
  g_assert_false (trib_sync_job_is_datax_shape (job));
  g_assert_cmpint (trib_sync_job_get_reader_kind (job), ==, TRIB_SYNC_READER_MYSQL);
  g_assert_cmpstr (trib_sync_job_get_reader_type (job), ==, "mysql");
  g_assert_cmpstr (trib_sync_job_get_writer_type (job), ==, "oss");
  g_assert_null (trib_sync_job_get_file_reader (job));

  reader = trib_sync_job_get_mysql_reader (job);
  g_assert_cmpstr (reader->datasource, ==, "user_behavior_analysis_mysql");
  g_assert_cmpuint (reader->connections->len, ==, 1);
  connection = g_ptr_array_index (reader->connections, 0);
  g_assert_cmpstr (connection->tables[0], ==, "ods_user_info_d");
  g_assert_null (connection->tables[1]);
  g_assert_null (connection->query_sqls);
  g_assert_cmpstr (connection->path, ==, "steps[0].parameter.connection[0]");
  g_assert_cmpstrv (reader->columns, ((const char * const[]) { "uid", "gender", "age_range", "zodiac", NULL }));
  g_assert_null (reader->where);
  g_assert_cmpstr (reader->split_pk, ==, "uid");
  g_assert_cmpuint (reader->split_factor, ==, 5);
  g_assert_cmpstr (reader->path, ==, "steps[0].parameter");

  writer = trib_sync_job_get_object_writer (job);
  g_assert_cmpstr (writer->datasource, ==, "test_g");
  g_assert_cmpstr (writer->object, ==, "ods_user_info_d/user_20240807/user_20240807.txt");
  g_assert_cmpint (writer->write_mode, ==, TRIB_SYNC_WRITE_MODE_TRUNCATE);
  g_assert_true (writer->write_single_object);
  g_assert_true (writer->generate_empty_file);
  g_assert_cmpuint (writer->max_file_size, ==, 0);
  g_assert_cmpint (writer->output.file_format, ==, TRIB_SYNC_FILE_FORMAT_TEXT);
  g_assert_cmpstr (writer->output.field_delimiter, ==, "|");
  g_assert_cmpstr (writer->output.line_delimiter, ==, "\n");
  g_assert_cmpstr (writer->output.null_format, ==, "\\N");
  g_assert_cmpstr (writer->output.encoding, ==, "UTF-8");
  g_assert_null (writer->output.header);

  g_assert_cmpuint (trib_sync_job_get_channels (job), ==, 2);
  g_assert_cmpuint (trib_sync_job_get_byte_rate (job), ==, 0);
  g_assert_cmpint (trib_sync_job_get_error_limit_records (job), ==, 0);
  g_assert_cmpfloat (trib_sync_job_get_error_limit_percentage (job), <, 0);
  g_assert_cmpstr (trib_sync_job_get_error_limit_path (job), ==, "setting.errorLimit");

  sources = trib_sync_job_dup_datasources (job);
  g_assert_cmpstrv (sources, ((const char * const[]) { "user_behavior_analysis_mysql", "test_g", NULL }));
  g_assert_cmpstrv (trib_sync_job_get_warnings (job), ((const char * const[]) { NULL }));
}

static void
test_tutorial_http (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSyncJob) job = trib_sync_job_new_from_string (http_job, -1, bizdate, (gpointer) "20240807", &error);
  const TribSyncFileReaderConfig *reader;
  const TribSyncColumnSpec *column;

  g_assert_no_error (error);
  g_assert_cmpint (trib_sync_job_get_reader_kind (job), ==, TRIB_SYNC_READER_HTTPFILE);
  reader = trib_sync_job_get_file_reader (job);
  g_assert_cmpstr (reader->datasource, ==, "user_behavior_analysis_httpfile");
  g_assert_cmpstr (reader->file_name, ==, "/user_log.txt");
  g_assert_cmpstr (reader->request_method, ==, "GET");
  g_assert_cmpuint (reader->connect_timeout, ==, 60);
  g_assert_cmpuint (reader->socket_timeout, ==, 3600);
  g_assert_cmpint (reader->input.file_format, ==, TRIB_SYNC_FILE_FORMAT_TEXT);
  g_assert_cmpstr (reader->input.field_delimiter, ==, "|");
  g_assert_null (reader->input.line_delimiter);
  g_assert_cmpstr (reader->input.null_format, ==, "\\N");
  g_assert_false (reader->input.skip_header);
  g_assert_cmpint (reader->input.compress, ==, TRIB_SYNC_COMPRESS_NONE);
  g_assert_cmpuint (reader->input.columns->len, ==, 1);
  column = g_ptr_array_index (reader->input.columns, 0);
  g_assert_cmpint (column->index, ==, 0);
  g_assert_cmpint (column->type, ==, TRIB_SYNC_TYPE_STRING);
  g_assert_cmpstr (trib_sync_job_get_object_writer (job)->object, ==, "ods_raw_log_d/log_20240807/log_20240807.txt");
}

static void
test_datax_shape (void)
{
  static const char text[] =
    "{\"core\": {\"transport\": {\"channel\": {\"speed\": {\"byte\": 1048576, \"record\": 1000}}}},"
    " \"job\": {\"setting\": {\"speed\": {\"channel\": 8, \"byte\": 4194304, \"record\": 2000},"
    "                        \"errorLimit\": {\"record\": 5, \"percentage\": 0.02}},"
    "  \"content\": [{\"reader\": {\"name\": \"mysqlreader\", \"parameter\": {"
    "      \"datasource\": \"db\", \"column\": [\"*\"], \"splitPk\": \"id\", \"splitFactor\": \"3\","
    "      \"where\": \"dt = '${bizdate}'\", \"fetchSize\": 1000,"
    "      \"connection\": [{\"table\": [\"t1\", \"`t 2`\"]}]}},"
    "   \"writer\": {\"name\": \"osswriter\", \"parameter\": {"
    "      \"datasource\": \"oss\", \"object\": \"/out/part\", \"writeMode\": \"nonConflict\","
    "      \"fileFormat\": \"csv\", \"header\": [\"a\", \"b\"], \"maxFileSize\": 2, \"suffix\": \"csv\","
    "      \"nullFormat\": \"\", \"dateFormat\": \"yyyy/MM/dd\"}}}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSyncJob) job = trib_sync_job_new_from_string (text, -1, bizdate, (gpointer) "20240807", &error);
  const TribSyncMysqlReaderConfig *reader;
  const TribSyncObjectWriterConfig *writer;
  const TribSyncMysqlConnection *connection;

  g_assert_no_error (error);
  g_assert_true (trib_sync_job_is_datax_shape (job));
  /* 4 MiB/s over 1 MiB/s per channel = 4; 2000 rec/s over 1000 per channel = 2: the smaller wins. */
  g_assert_cmpuint (trib_sync_job_get_channels (job), ==, 2);
  g_assert_cmpuint (trib_sync_job_get_byte_rate (job), ==, 4194304);
  g_assert_cmpuint (trib_sync_job_get_record_rate (job), ==, 2000);
  g_assert_cmpint (trib_sync_job_get_error_limit_records (job), ==, 5);
  g_assert_cmpfloat (trib_sync_job_get_error_limit_percentage (job), ==, 0.02);
  g_assert_cmpstr (trib_sync_job_get_error_limit_path (job), ==, "job.setting.errorLimit");

  reader = trib_sync_job_get_mysql_reader (job);
  g_assert_cmpstr (reader->datasource, ==, "db");
  g_assert_cmpstr (reader->where, ==, "dt = '20240807'");
  g_assert_cmpuint (reader->split_factor, ==, 3);
  g_assert_cmpstrv (reader->columns, ((const char * const[]) { "*", NULL }));
  connection = g_ptr_array_index (reader->connections, 0);
  g_assert_cmpstr (connection->datasource, ==, "db");
  g_assert_cmpstrv (connection->tables, ((const char * const[]) { "t1", "`t 2`", NULL }));
  g_assert_cmpstrv (trib_sync_job_get_warnings (job),
                    ((const char * const[]) { "job.content[0].reader.parameter: fetchSize is ignored: rows are always streamed", NULL }));

  writer = trib_sync_job_get_object_writer (job);
  g_assert_cmpstr (writer->object, ==, "out/part");
  g_assert_cmpint (writer->write_mode, ==, TRIB_SYNC_WRITE_MODE_NON_CONFLICT);
  g_assert_false (writer->write_single_object);
  g_assert_cmpint (writer->output.file_format, ==, TRIB_SYNC_FILE_FORMAT_CSV);
  g_assert_cmpstr (writer->output.field_delimiter, ==, ",");
  g_assert_cmpstr (writer->output.null_format, ==, "");
  g_assert_cmpstr (writer->output.date_format, ==, "yyyy/MM/dd");
  g_assert_cmpstrv (writer->output.header, ((const char * const[]) { "a", "b", NULL }));
  g_assert_cmpuint (writer->max_file_size, ==, 2 * 1024 * 1024);
  g_assert_cmpstr (writer->suffix, ==, "csv");
}

static void
test_datax_channel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSyncJob) job = NULL;
  static const char text[] =
    "{\"job\": {\"setting\": {\"speed\": {\"channel\": \"3\"}},"
    "  \"content\": [{\"reader\": {\"name\": \"httpfilereader\", \"parameter\": {"
    "      \"datasource\": \"web\", \"fileName\": \"/a.csv.gz\", \"fileFormat\": \"CSV\", \"compress\": \"gzip\","
    "      \"fieldDelimiter\": \"##@@\", \"encoding\": \"GBK\", \"nullFormat\": \"NULL\","
    "      \"requestMethod\": \"post\", \"requestBody\": \"d=${bizdate}\", \"requestHeaders\": {\"X-A\": \"1\"},"
    "      \"column\": [{\"index\": 2, \"type\": \"date\", \"format\": \"yyyy.MM.dd\"},"
    "                   {\"type\": \"long\", \"value\": \"7\"}]}},"
    "   \"writer\": {\"name\": \"s3writer\", \"parameter\": {"
    "      \"datasource\": \"s3\", \"object\": \"x\", \"writeMode\": \"append\", \"encoding\": \"gbk\"}}}]}}";
  const TribSyncFileReaderConfig *reader;
  const TribSyncColumnSpec *c0, *c1;

  job = trib_sync_job_new_from_string (text, -1, bizdate, (gpointer) "20240807", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trib_sync_job_get_channels (job), ==, 3);
  g_assert_cmpint (trib_sync_job_get_error_limit_records (job), ==, -1);
  g_assert_cmpstr (trib_sync_job_get_writer_type (job), ==, "s3");
  reader = trib_sync_job_get_file_reader (job);
  g_assert_cmpint (reader->input.file_format, ==, TRIB_SYNC_FILE_FORMAT_CSV);
  g_assert_cmpint (reader->input.compress, ==, TRIB_SYNC_COMPRESS_GZIP);
  g_assert_cmpstr (reader->input.field_delimiter, ==, "##@@");
  g_assert_cmpstr (reader->input.encoding, ==, "GBK");
  g_assert_cmpstr (reader->input.null_format, ==, "NULL");
  g_assert_cmpstr (reader->request_method, ==, "POST");
  g_assert_cmpstr (reader->request_body, ==, "d=20240807");
  g_assert_cmpstrv (reader->request_headers, ((const char * const[]) { "X-A: 1", NULL }));
  c0 = g_ptr_array_index (reader->input.columns, 0);
  c1 = g_ptr_array_index (reader->input.columns, 1);
  g_assert_cmpint (c0->index, ==, 2);
  g_assert_cmpint (c0->type, ==, TRIB_SYNC_TYPE_DATE);
  g_assert_cmpstr (c0->format, ==, "yyyy.MM.dd");
  g_assert_cmpint (c1->index, ==, -1);
  g_assert_cmpint (c1->type, ==, TRIB_SYNC_TYPE_LONG);
  g_assert_cmpstr (c1->value, ==, "7");
  g_assert_cmpint (trib_sync_job_get_object_writer (job)->write_mode, ==, TRIB_SYNC_WRITE_MODE_APPEND);
}

static void
test_throttle (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = edit (mysql_job, "\"throttle\": false", "\"throttle\": \"true\", \"mbps\": \"12\"");
  g_autoptr(TribSyncJob) job = trib_sync_job_new_from_string (text, -1, NULL, NULL, &error);
  g_autofree char *missing = edit (mysql_job, "\"throttle\": false", "\"throttle\": true");

  g_assert_no_error (error);
  g_assert_cmpuint (trib_sync_job_get_byte_rate (job), ==, 12 * 1024 * 1024);
  assert_invalid (missing, "setting.speed.mbps: required when throttle is true");
}

static void
test_invalid_steps (void)
{
  g_autofree char *t1 = edit (mysql_job, "\"stepType\": \"mysql\"", "\"stepType\": \"oracle\"");
  g_autofree char *t2 = edit (mysql_job, "\"stepType\": \"oss\"", "\"stepType\": \"hdfs\"");
  g_autofree char *t3 = edit (mysql_job, "\"category\": \"writer\"", "\"category\": \"reader\"");
  g_autofree char *t4 = edit (mysql_job, "\"from\": \"Reader\"", "\"from\": \"Other\"");
  g_autofree char *t5 = edit (mysql_job, "\"concurrent\": 2", "\"concurrent\": \"two\"");
  g_autofree char *t6 = edit (mysql_job, "\"record\": \"0\"", "\"record\": -1, \"percentage\": 2");

  assert_invalid (t1, "steps[0].stepType: unknown reader \"oracle\" (mysql or httpfile)");
  {
    /* A file name is a path under the base URL, never above it. */
    g_autofree char *climbs = edit (http_job, "\"/user_log.txt\"", "\"/../../../etc/passwd\"");
    g_autofree char *encoded = edit (http_job, "\"/user_log.txt\"", "\"logs/%2e%2e/%2E%2E/x\"");
    g_autofree char *inside = edit (http_job, "\"/user_log.txt\"", "\"logs/../user_log.txt\"");
    g_autoptr(TribSyncJob) fine = NULL;
    g_autoptr(GError) error = NULL;

    assert_invalid (climbs, "steps[0].parameter.fileName: “/../../../etc/passwd” climbs out of the base URL with “..”; "
                            "a file name is a path under the base URL");
    assert_invalid (encoded, "steps[0].parameter.fileName: “logs/%2e%2e/%2E%2E/x” climbs out of the base URL with “..”; "
                             "a file name is a path under the base URL");
    fine = trib_sync_job_new_from_string (inside, -1, bizdate, (gpointer) "20240807", &error);
    g_assert_no_error (error);
  }
  assert_invalid (t2, "steps[1].stepType: unknown writer \"hdfs\" (oss or s3)");
  assert_invalid (t3, "steps[1]: only one reader step is supported\n"
                      "steps: no writer step (a step with \"category\": \"writer\")\n"
                      "order.hops[0]: must lead from the reader step to the writer step");
  assert_invalid (t4, "order.hops[0]: must lead from the reader step to the writer step");
  assert_invalid (t5, "setting.speed.concurrent: must be an integer");
  assert_invalid (t6, "setting.errorLimit.record: must be at least 0\n"
                      "setting.errorLimit.percentage: must be between 0 and 1");
  assert_invalid ("[1]", "the job must be a JSON object");
  assert_invalid ("{\"type\": \"job\"}", "steps: missing (a reader step and a writer step)");
  assert_invalid ("{\"type\": \"job\", \"steps\": [", "job:1:27: malformed JSON: expected a value, found the end of the text");
  assert_invalid ("{\"job\": {\"setting\": {\"speed\": {}}, \"content\": []}}",
                  "job.content: must hold exactly one {\"reader\", \"writer\"} pair\n"
                  "job.setting.speed: set channel, byte or record");
  assert_invalid ("{\"job\": {\"setting\": {\"speed\": {\"byte\": 100}},"
                  " \"content\": [{\"reader\": {\"name\": \"oraclereader\", \"parameter\": {}},"
                  " \"writer\": {\"name\": \"hdfswriter\", \"parameter\": {}}}]}}",
                  "job.content[0].reader.name: unknown reader \"oraclereader\" (mysqlreader or httpfilereader)\n"
                  "job.content[0].writer.name: unknown writer \"hdfswriter\" (osswriter or s3writer)\n"
                  "job.setting.speed.byte: needs core.transport.channel.speed.byte, the limit of one channel");
}

static void
test_invalid_mysql (void)
{
  g_autofree char *no_table = edit (mysql_job, "\"table\": [\"ods_user_info_d\"]", "\"table\": []");
  g_autofree char *query_and_table = edit (mysql_job, "\"table\": [", "\"querySql\": [\"select 1\"], \"table\": [");
  g_autofree char *limit = edit (mysql_job, "\"where\": \"\"", "\"where\": \"uid > 3 LIMIT 10\"");
  g_autofree char *bad_column = edit (mysql_job, "\"column\": [\"uid\",", "\"column\": [\"\", 3, \"*\",");
  g_autofree char *no_column = edit (mysql_job, "\"column\": [\"uid\", \"gender\", \"age_range\", \"zodiac\"],", "");
  g_autofree char *bad_pk = edit (mysql_job, "\"splitPk\": \"uid\"", "\"splitPk\": \"uid; drop\"");
  g_autofree char *inline_creds = edit (mysql_job, "\"table\": [", "\"jdbcUrl\": [\"jdbc:mysql://h/db\"], \"password\": \"x\", \"table\": [");
  g_autofree char *no_source1 = edit (mysql_job, "\"datasource\": \"user_behavior_analysis_mysql\",", "");
  g_autofree char *no_source = edit (no_source1, "\"datasource\": \"user_behavior_analysis_mysql\",", "");
  g_autofree char *factor = edit (mysql_job, "\"splitPk\": \"uid\"", "\"splitPk\": \"uid\", \"splitFactor\": 0");
  g_autofree char *unknown_param = edit (mysql_job, "user_${bizdate}.txt", "user_${cyctime}.txt");

  assert_invalid (no_table, "steps[0].parameter.connection[0].table: missing (give a table or querySql)");
  assert_invalid (query_and_table, "steps[0].parameter.connection[0].querySql: cannot be combined with table");
  assert_invalid (limit, "steps[0].parameter.where: \"limit\" is not allowed in where");
  assert_invalid (bad_column, "steps[0].parameter.column[0]: must not be empty\n"
                              "steps[0].parameter.column[1]: must be a string\n"
                              "steps[0].parameter.column[2]: \"*\" must be the only column");
  assert_invalid (no_column, "steps[0].parameter.column: missing (list the columns, or [\"*\"])");
  assert_invalid (bad_pk, "steps[0].parameter.splitPk: \"uid; drop\" is not a column name");
  assert_invalid (inline_creds,
                  "steps[0].parameter.connection[0].jdbcUrl: inline credentials are not allowed; name a data source in \"datasource\"\n"
                  "steps[0].parameter.connection[0].password: inline credentials are not allowed; name a data source in \"datasource\"");
  assert_invalid (no_source, "steps[0].parameter.datasource: missing (name a MySQL data source)");
  assert_invalid (factor, "steps[0].parameter.splitFactor: must be from 1 to 1000, found 0");
  assert_invalid (unknown_param,
                  "steps[1].parameter.object: unknown parameter in \"ods_user_info_d/user_${bizdate}/user_${cyctime}.txt\"");
}

static void
test_invalid_file_reader (void)
{
  g_autofree char *empty_delim = edit (http_job, "\"fieldDelimiter\": \"|\"", "\"fieldDelimiter\": \"\"");
  g_autofree char *zip = edit (http_job, "\"compress\": \"none\"", "\"compress\": \"zip\"");
  g_autofree char *skip_zip = edit (zip, "\"skipHeader\": \"false\"", "\"skipHeader\": true");
  g_autofree char *bad_compress = edit (http_job, "\"compress\": \"none\"", "\"compress\": \"lzo\"");
  g_autofree char *bad_columns = edit (http_job, "[{\"index\": 0, \"type\": \"string\"}]",
                                       "[{\"index\": 0, \"value\": \"a\", \"type\": \"string\"}, {\"type\": \"int\", \"index\": -1},"
                                       " \"x\", {\"index\": 1}, {\"type\": \"date\", \"index\": 2, \"format\": \"yyyy-QQ\"}]");
  g_autofree char *bad_encoding = edit (http_job, "\"encoding\": \"UTF-8\"", "\"encoding\": \"UTF-16\"");
  g_autofree char *unknown_encoding = edit (http_job, "\"encoding\": \"UTF-8\"", "\"encoding\": \"KLINGON-8\"");
  g_autofree char *no_file = edit (http_job, "\"fileName\": \"/user_log.txt\",", "");
  g_autofree char *format = edit (http_job, "\"fileFormat\": \"text\"", "\"fileFormat\": \"parquet\"");
  g_autofree char *key = edit (http_job, "\"fileName\"", "\"accessKey\": \"k\", \"fileName\"");

  assert_invalid (empty_delim, "steps[0].parameter.fieldDelimiter: must not be empty");
  assert_invalid (skip_zip, "steps[0].parameter.skipHeader: cannot be used with compressed files (compress is \"zip\")");
  assert_invalid (bad_compress, "steps[0].parameter.compress: unknown compression \"lzo\" (none, gzip, bzip2 or zip)");
  assert_invalid (bad_columns,
                  "steps[0].parameter.column[0]: give either index or value, not both\n"
                  "steps[0].parameter.column[1].type: unknown type \"int\" (string, long, double, boolean, date or bytes)\n"
                  "steps[0].parameter.column[1].index: must be at least 0\n"
                  "steps[0].parameter.column[2]: must be an object with \"type\" and \"index\" or \"value\"\n"
                  "steps[0].parameter.column[3].type: missing\n"
                  "steps[0].parameter.column[4].format: unsupported letter 'Q' in date pattern \"yyyy-QQ\"");
  assert_invalid (bad_encoding,
                  "steps[0].parameter.encoding: encoding \"UTF-16\" is not supported: it must keep ASCII characters as single bytes");
  assert_invalid (unknown_encoding, "steps[0].parameter.encoding: unknown encoding \"KLINGON-8\"");
  assert_invalid (no_file, "steps[0].parameter.fileName: missing (the file's path under the data source's URL)");
  assert_invalid (format, "steps[0].parameter.fileFormat: \"parquet\" is not supported (text or csv)");
  assert_invalid (key, "steps[0].parameter.accessKey: inline credentials are not allowed; name a data source in \"datasource\"");
}

static void
test_invalid_writer (void)
{
  g_autofree char *mode = edit (mysql_job, "\"writeMode\": \"truncate\"", "\"writeMode\": \"overwrite\"");
  g_autofree char *no_mode = edit (mysql_job, "\"writeMode\": \"truncate\",", "");
  g_autofree char *append_single = edit (mysql_job, "\"writeMode\": \"truncate\"", "\"writeMode\": \"append\"");
  g_autofree char *empty_delim = edit (mysql_job, "\"fieldDelimiter\": \"|\"", "\"fieldDelimiter\": \"\"");
  g_autofree char *csv_delim = edit (mysql_job, "\"fileFormat\": \"text\", \"encoding\": \"UTF-8\", \"fieldDelimiter\": \"|\"",
                                     "\"fileFormat\": \"csv\", \"encoding\": \"UTF-8\", \"fieldDelimiter\": \"||\"");
  g_autofree char *compress = edit (mysql_job, "\"writeSingleObject\": true", "\"writeSingleObject\": true, \"compress\": \"gzip\"");
  g_autofree char *no_object = edit (mysql_job, "\"object\": \"ods_user_info_d/user_${bizdate}/user_${bizdate}.txt\",", "");
  g_autofree char *creds = edit (mysql_job, "\"datasource\": \"test_g\"", "\"endpoint\": \"x\", \"accessId\": \"a\", \"accessKey\": \"b\"");
  g_autofree char *single = edit (mysql_job, "\"writeSingleObject\": true", "\"writeSingleObject\": \"yes\"");

  assert_invalid (mode, "steps[1].parameter.writeMode: unknown write mode \"overwrite\" (truncate, append or nonConflict)");
  assert_invalid (no_mode, "steps[1].parameter.writeMode: missing (truncate, append or nonConflict)");
  assert_invalid (append_single,
                  "steps[1].parameter.writeMode: append cannot be used with writeSingleObject: the object name would not be unique");
  assert_invalid (empty_delim, "steps[1].parameter.fieldDelimiter: must not be empty");
  assert_invalid (csv_delim, "steps[1].parameter.fieldDelimiter: csv needs one character other than a quote or a line end");
  assert_invalid (compress, "steps[1].parameter.compress: object storage writes are not compressed (got \"gzip\")");
  assert_invalid (no_object, "steps[1].parameter.object: missing (the object name or prefix)");
  assert_invalid (creds,
                  "steps[1].parameter.accessId: inline credentials are not allowed; name a data source in \"datasource\"\n"
                  "steps[1].parameter.accessKey: inline credentials are not allowed; name a data source in \"datasource\"\n"
                  "steps[1].parameter.datasource: missing (name an object storage data source)");
  assert_invalid (single, "steps[1].parameter.writeSingleObject: must be true or false");
}

static void
test_demo_workspace_jobs (void)
{
  g_autofree char *dir = trib_test_make_demo_workspace ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TribWorkspace) workspace = trib_workspace_load (file, NULL, &error);
  TribWorkflow *workflow;
  guint n_di = 0;

  g_assert_no_error (error);
  workflow = g_list_model_get_item (trib_workspace_get_workflows (workspace), 0);
  for (guint i = 0; i < g_list_model_get_n_items (trib_workflow_get_nodes (workflow)); i++)
    {
      g_autoptr(TribNode) node = g_list_model_get_item (trib_workflow_get_nodes (workflow), i);
      g_autoptr(TribSyncJob) job = NULL;

      if (trib_node_get_kind (node) != TRIB_NODE_KIND_DI)
        continue;
      job = trib_sync_job_new_from_string (trib_node_get_content (node), -1, bizdate, (gpointer) "20240807", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (trib_sync_job_get_channels (job), ==, 2);
      n_di++;
    }
  g_assert_cmpuint (n_di, ==, 2);
  g_object_unref (workflow);
  trib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/job/tutorial-mysql", test_tutorial_mysql);
  g_test_add_func ("/sync/job/tutorial-http", test_tutorial_http);
  g_test_add_func ("/sync/job/datax-shape", test_datax_shape);
  g_test_add_func ("/sync/job/datax-channel", test_datax_channel);
  g_test_add_func ("/sync/job/throttle", test_throttle);
  g_test_add_func ("/sync/job/invalid-steps", test_invalid_steps);
  g_test_add_func ("/sync/job/invalid-mysql", test_invalid_mysql);
  g_test_add_func ("/sync/job/invalid-file-reader", test_invalid_file_reader);
  g_test_add_func ("/sync/job/invalid-writer", test_invalid_writer);
  g_test_add_func ("/sync/job/demo-workspace", test_demo_workspace_jobs);

  return g_test_run ();
}
