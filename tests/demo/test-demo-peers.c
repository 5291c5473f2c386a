/* test-demo-peers.c: the harness's MariaDB, HTTP and S3 servers hold the demo data
 *
 * These talk to the servers with libmariadb and libcurl directly, to prove the ground the
 * connectors and the sync engine stand on: the right rows, the right bytes, and an S3
 * server that really checks signatures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <mysql.h>

#include "trib-test-util.h"

static TribSampleOptions
harness_sample_options (void)
{
  TribSampleOptions options;

  /* What tests/harness/peers/common.py asks tributary-cli sample-data for. */
  trib_sample_options_init (&options);
  options.n_users = 2000;
  options.n_log_lines = 20000;
  return options;
}

static char *
generate (gboolean (*func) (const TribSampleOptions *, GOutputStream *, GCancellable *, GError **),
          gsize    *length)
{
  TribSampleOptions options = harness_sample_options ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (func (&options, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static MYSQL *
connect_mysql (const char *password,
               unsigned   *error_code)
{
  MYSQL *mysql = mysql_init (NULL);
  unsigned timeout = 10;

  mysql_optionsv (mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_optionsv (mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (!mysql_real_connect (mysql,
                           trib_test_require_env ("TRIB_TEST_MYSQL_HOST"),
                           trib_test_require_env ("TRIB_TEST_MYSQL_USER"),
                           password,
                           trib_test_require_env ("TRIB_TEST_MYSQL_DATABASE"),
                           (unsigned) atoi (trib_test_require_env ("TRIB_TEST_MYSQL_PORT")),
                           NULL, 0))
    {
      *error_code = mysql_errno (mysql);
      mysql_close (mysql);
      return NULL;
    }
  *error_code = 0;
  return mysql;
}

static void
test_mysql_holds_the_sample_users (void)
{
  TribSampleOptions options = harness_sample_options ();
  g_autofree char *tsv = NULL;
  GString *fetched = g_string_new (NULL);
  MYSQL *mysql;
  MYSQL_RES *result;
  MYSQL_ROW row;
  unsigned code;
  gsize length;

  mysql = connect_mysql (trib_test_require_env ("TRIB_TEST_MYSQL_PASSWORD"), &code);
  g_assert_nonnull (mysql);

  g_assert_cmpint (mysql_query (mysql, "SELECT uid, gender, age_range, zodiac FROM ods_user_info_d ORDER BY uid"), ==, 0);
  result = mysql_use_result (mysql);
  g_assert_nonnull (result);
  while ((row = mysql_fetch_row (result)))
    g_string_append_printf (fetched, "%s\t%s\t%s\t%s\n", row[0], row[1], row[2], row[3]);
  g_assert_cmpuint (mysql_errno (mysql), ==, 0);
  mysql_free_result (result);
  mysql_close (mysql);

  /* Row for row and byte for byte what the generator writes. */
  tsv = generate (trib_sample_write_users_tsv, &length);
  g_assert_cmpuint (fetched->len, ==, length);
  g_assert_cmpstr (fetched->str, ==, tsv);
  {
    g_autofree char *first = g_strdup_printf ("%" G_GUINT64_FORMAT "\t", trib_sample_user_uid (&options, 0));
    g_assert_true (g_str_has_prefix (fetched->str, first));
  }
  g_string_free (fetched, TRUE);
}

static void
test_mysql_rejects_a_wrong_password (void)
{
  unsigned code = 0;
  MYSQL *mysql = connect_mysql ("not-the-password", &code);

  g_assert_null (mysql);
  g_assert_cmpuint (code, ==, 1045); /* ER_ACCESS_DENIED_ERROR */
}

typedef struct
{
  GString *body;
} Response;

static size_t
collect (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  g_string_append_len (((Response *) user_data)->body, data, (gssize) (size * n));
  return size * n;
}

static long
http_request (const char  *method,
              const char  *url,
              const char  *sigv4_secret,
              const char  *body,
              GString    **response)
{
  CURL *curl = curl_easy_init ();
  struct curl_slist *headers = NULL;
  g_autofree char *userpwd = NULL;
  g_autofree char *sha_header = NULL;
  Response r = { g_string_new (NULL) };
  long status = 0;
  CURLcode rc;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &r);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  if (body)
    {
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body, -1);

      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, (long) strlen (body));
      sha_header = g_strdup_printf ("x-amz-content-sha256: %s", sha);
    }
  else
    sha_header = g_strdup ("x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  if (sigv4_secret)
    {
      /* libcurl 7.88 signs but does not add the payload hash header itself. */
      headers = curl_slist_append (headers, sha_header);
      userpwd = g_strdup_printf ("%s:%s", trib_test_require_env ("TRIB_TEST_S3_ACCESS_KEY"), sigv4_secret);
      curl_easy_setopt (curl, CURLOPT_AWS_SIGV4, "aws:amz:us-east-1:s3");
      curl_easy_setopt (curl, CURLOPT_USERPWD, userpwd);
      curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
    }

  rc = curl_easy_perform (curl);
  g_assert_cmpstr (curl_easy_strerror (rc), ==, curl_easy_strerror (CURLE_OK));
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  *response = r.body;
  return status;
}

static void
test_http_serves_the_sample_log (void)
{
  g_autofree char *url = g_strdup_printf ("%s/user_log.txt", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  g_autofree char *expected = NULL;
  g_autofree char *missing = g_strdup_printf ("%s/no_such_file.txt", trib_test_require_env ("TRIB_TEST_HTTP_URL"));
  GString *body = NULL;
  gsize length;

  g_assert_cmpint (http_request ("GET", url, NULL, NULL, &body), ==, 200);
  expected = generate (trib_sample_write_log, &length);
  g_assert_cmpuint (body->len, ==, length);
  g_assert_true (memcmp (body->str, expected, length) == 0);
  g_string_free (body, TRUE);

  g_assert_cmpint (http_request ("GET", missing, NULL, NULL, &body), ==, 404);
  g_string_free (body, TRUE);
}

static void
test_s3_checks_signatures (void)
{
  const char *endpoint = trib_test_require_env ("TRIB_TEST_S3_ENDPOINT");
  const char *bucket = trib_test_require_env ("TRIB_TEST_S3_BUCKET");
  const char *secret = trib_test_require_env ("TRIB_TEST_S3_SECRET_KEY");
  g_autofree char *url = g_strdup_printf ("%s/%s/peers/hello.txt", endpoint, bucket);
  GString *body = NULL;

  g_assert_cmpint (http_request ("PUT", url, secret, "hello, bucket\n", &body), ==, 200);
  g_string_free (body, TRUE);
  g_assert_cmpint (http_request ("GET", url, secret, NULL, &body), ==, 200);
  g_assert_cmpstr (body->str, ==, "hello, bucket\n");
  g_string_free (body, TRUE);

  /* The server recomputes the signature: a wrong secret key is refused. */
  g_assert_cmpint (http_request ("PUT", url, "wrong-secret-key", "tampered\n", &body), ==, 403);
  g_assert_nonnull (strstr (body->str, "<Code>SignatureDoesNotMatch</Code>"));
  g_string_free (body, TRUE);

  g_assert_cmpint (http_request ("GET", url, secret, NULL, &body), ==, 200);
  g_assert_cmpstr (body->str, ==, "hello, bucket\n");
  g_string_free (body, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  mysql_library_init (0, NULL, NULL);

  g_test_add_func ("/demo-peers/mysql/sample-users", test_mysql_holds_the_sample_users);
  g_test_add_func ("/demo-peers/mysql/wrong-password", test_mysql_rejects_a_wrong_password);
  g_test_add_func ("/demo-peers/http/sample-log", test_http_serves_the_sample_log);
  g_test_add_func ("/demo-peers/s3/signatures", test_s3_checks_signatures);

  status = g_test_run ();
  mysql_library_end ();
  curl_global_cleanup ();
  return status;
}
