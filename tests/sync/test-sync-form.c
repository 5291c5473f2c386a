/* test-sync-form.c: the codeless form <-> job text, and validation placed in the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-json.h"
#include "trib-sync-error.h"
#include "trib-sync-form.h"
#include "trib-test-util.h"

/* The demo workspace's job of node @id, as shipped. */
static char *
demo_job (const char *id)
{
  g_autofree char *path = g_build_filename (trib_test_require_env ("TRIB_SOURCE_ROOT"), "src", "libtributary",
                                            "demo", "workspace", "workflows",
                                            "user_profile_analysis_spark.json", NULL);
  g_autofree char *text = trib_test_read_file (path);
  g_autoptr(JsonNode) root = trib_json_parse (text, -1, path, NULL);
  JsonArray *nodes = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "spec"),
                                                   "nodes");

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);

      if (g_strcmp0 (json_object_get_string_member (node, "id"), id) == 0)
        return g_strdup (json_object_get_string_member (json_object_get_object_member (node, "script"), "content"));
    }
  g_assert_not_reached ();
}

static void
test_demo_round_trip (void)
{
  const char *ids[] = { "ods_user_info_d_2oss_spark", "ods_raw_log_d_2oss_spark" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *text = demo_job (ids[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TribSyncForm) form = trib_sync_form_new_from_text (text, NULL, &error);
      g_autofree char *again = NULL;

      g_assert_no_error (error);
      g_assert_false (form->datax_shape);
      again = trib_sync_form_to_text (form);
      g_assert_cmpstr (again, ==, text);
    }
}

/* The tutorial's steps, row by row, on fresh forms. */
static void
test_tutorial_from_scratch (void)
{
  g_autoptr(TribSyncForm) mysql = trib_sync_form_new (TRIB_SYNC_READER_MYSQL);
  g_autoptr(TribSyncForm) http = trib_sync_form_new (TRIB_SYNC_READER_HTTPFILE);
  const char *columns[] = { "uid", "gender", "age_range", "zodiac" };
  g_autofree char *mysql_text = NULL;
  g_autofree char *http_text = NULL;
  g_autofree char *mysql_demo = demo_job ("ods_user_info_d_2oss_spark");
  g_autofree char *http_demo = demo_job ("ods_raw_log_d_2oss_spark");
  g_autoptr(GPtrArray) problems = NULL;

  mysql->reader_datasource = g_strdup ("user_behavior_analysis_mysql");
  mysql->table = g_strdup ("ods_user_info_d");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_ptr_array_add (mysql->columns, trib_sync_form_column_new_mysql (columns[i]));
  mysql->split_pk = g_strdup ("uid");
  mysql->writer_datasource = g_strdup ("test_g");
  mysql->object = g_strdup ("ods_user_info_d/user_${bizdate}/user_${bizdate}.txt");
  mysql_text = trib_sync_form_to_text (mysql);
  g_assert_cmpstr (mysql_text, ==, mysql_demo);

  http->reader_datasource = g_strdup ("user_behavior_analysis_httpfile");
  http->file_name = g_strdup ("/user_log.txt");
  g_ptr_array_add (http->columns, trib_sync_form_column_new_file (0, "string"));
  http->writer_datasource = g_strdup ("test_g");
  http->object = g_strdup ("ods_raw_log_d/log_${bizdate}/log_${bizdate}.txt");
  http_text = trib_sync_form_to_text (http);
  g_assert_cmpstr (http_text, ==, http_demo);

  /* What the form writes is a valid job. */
  problems = trib_sync_check_text (mysql_text);
  g_assert_cmpuint (problems->len, ==, 0);
}

static const char datax_job[] =
  "{\"job\": {\"content\": [{"
  "  \"reader\": {\"name\": \"mysqlreader\", \"parameter\": {"
  "    \"datasource\": \"user_behavior_analysis_mysql\", \"column\": [\"uid\", \"gender\"],"
  "    \"connection\": [{\"table\": [\"ods_user_info_d\"]}], \"splitPk\": \"uid\"}},"
  "  \"writer\": {\"name\": \"osswriter\", \"parameter\": {"
  "    \"datasource\": \"test_g\", \"object\": \"out/users.txt\", \"fileFormat\": \"text\","
  "    \"fieldDelimiter\": \",\", \"writeMode\": \"append\"}}}],"
  " \"setting\": {\"speed\": {\"channel\": 3}, \"errorLimit\": {\"record\": 5}}}}";

static void
test_datax_opens (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TribSyncForm) form = trib_sync_form_new_from_text (datax_job, NULL, &error);
  TribSyncFormColumn *second;

  g_assert_no_error (error);
  g_assert_true (form->datax_shape);
  g_assert_cmpint (form->reader_kind, ==, TRIB_SYNC_READER_MYSQL);
  g_assert_cmpstr (form->reader_datasource, ==, "user_behavior_analysis_mysql");
  g_assert_cmpstr (form->table, ==, "ods_user_info_d");
  g_assert_cmpuint (form->columns->len, ==, 2);
  second = g_ptr_array_index (form->columns, 1);
  g_assert_cmpstr (second->name, ==, "gender");
  g_assert_cmpstr (form->split_pk, ==, "uid");
  g_assert_cmpstr (form->writer_type, ==, "oss");
  g_assert_cmpstr (form->object, ==, "out/users.txt");
  g_assert_cmpstr (form->writer_field_delimiter, ==, ",");
  g_assert_cmpstr (form->write_mode, ==, "append");
  g_assert_false (form->write_single_object);
  g_assert_cmpuint (form->concurrent, ==, 3);
  g_assert_cmpint (form->error_limit_records, ==, 5);
}

static void
test_unsupported_keys (void)
{
  g_autofree char *demo = demo_job ("ods_user_info_d_2oss_spark");
  g_autoptr(JsonNode) root = trib_json_parse (demo, -1, "job", NULL);
  JsonObject *job = json_node_get_object (root);
  JsonArray *steps = json_object_get_array_member (job, "steps");
  JsonObject *reader = json_object_get_object_member (json_array_get_object_element (steps, 0), "parameter");
  JsonObject *writer = json_object_get_object_member (json_array_get_object_element (steps, 1), "parameter");
  g_autofree char *text = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;
  TribSyncForm *form;

  json_object_set_int_member (reader, "splitFactor", 4);
  json_object_set_string_member (writer, "dateFormat", "yyyy-MM-dd");
  json_object_set_int_member (json_object_get_object_member (job, "setting"), "dmu", 1);
  text = trib_json_to_string (root);

  form = trib_sync_form_new_from_text (text, &keys, &error);
  g_assert_null (form);
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_FORM_UNSUPPORTED);
  g_assert_nonnull (keys);
  g_assert_cmpuint (g_strv_length (keys), ==, 3);
  g_assert_cmpstr (keys[0], ==, "steps[0].parameter.splitFactor");
  g_assert_cmpstr (keys[1], ==, "steps[1].parameter.dateFormat");
  g_assert_cmpstr (keys[2], ==, "setting.dmu");
  g_assert_cmpstr (error->message, ==,
                   "The form cannot show steps[0].parameter.splitFactor, steps[1].parameter.dateFormat, "
                   "setting.dmu: edit the job in script mode");
}

static void
test_query_sql_unsupported (void)
{
  static const char job[] =
    "{\"type\": \"job\", \"steps\": ["
    " {\"stepType\": \"mysql\", \"category\": \"reader\", \"name\": \"Reader\", \"parameter\": {"
    "   \"datasource\": \"db\", \"connection\": [{\"querySql\": [\"SELECT 1\"]}]}},"
    " {\"stepType\": \"oss\", \"category\": \"writer\", \"name\": \"Writer\", \"parameter\": {"
    "   \"datasource\": \"s3\", \"object\": \"a.txt\", \"writeMode\": \"truncate\"}}]}";
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;
  TribSyncForm *form = trib_sync_form_new_from_text (job, &keys, &error);

  g_assert_null (form);
  g_assert_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_FORM_UNSUPPORTED);
  g_assert_cmpstr (keys[0], ==, "steps[0].parameter.connection[0].querySql");
  g_assert_null (keys[1]);
}

static void
test_validation_position (void)
{
  g_autofree char *demo = demo_job ("ods_raw_log_d_2oss_spark");
  g_autoptr(GString) text = g_string_new (demo);
  g_autoptr(GPtrArray) problems = NULL;
  TribSyncProblem *problem;
  const char *at;

  g_string_replace (text, "\"writeMode\": \"truncate\"", "\"writeMode\": \"overwrite\"", 1);
  problems = trib_sync_check_text (text->str);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "steps[1].parameter.writeMode");
  g_assert_cmpstr (problem->message, ==,
                   "steps[1].parameter.writeMode: unknown write mode \"overwrite\" (truncate, append or nonConflict)");
  at = strstr (text->str, "\"overwrite\"");
  g_assert_cmpuint (problem->start, ==, (gsize) (at - text->str));
  g_assert_cmpuint (problem->end, ==, problem->start + strlen ("\"overwrite\""));
  g_assert_cmpuint (problem->line, ==, 35);
  g_assert_cmpuint (problem->column, ==, 22);

  /* A missing value: its parent's key is underlined. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_string_replace (text, "\"object\": \"ods_raw_log_d/log_${bizdate}/log_${bizdate}.txt\",\n        ", "", 1);
  g_string_replace (text, "\"overwrite\"", "\"truncate\"", 1);
  problems = trib_sync_check_text (text->str);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->message, ==, "steps[1].parameter.object: missing (the object name or prefix)");
  at = strstr (strstr (text->str, "\"Writer\""), "\"parameter\"");
  g_assert_cmpuint (problem->start, ==, (gsize) (at - text->str));
  g_assert_cmpuint (problem->end, ==, problem->start + strlen ("\"parameter\""));

  /* A syntax error is placed where the parser stopped. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = trib_sync_check_text ("{\n  \"type\": \"job\",,\n}");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_null (problem->path);
  g_assert_cmpuint (problem->line, ==, 2);
}

static void
test_locate_path (void)
{
  static const char text[] = "{\"a\": [1, {\"b\": true, \"c\": [\"x\", \"y\"]}], \"d\": -2.5e3}";
  gsize start, end;

  g_assert_true (trib_sync_locate_path (text, "a[1].c[1]", &start, &end));
  g_assert_cmpint (strncmp (text + start, "\"y\"", end - start), ==, 0);
  g_assert_true (trib_sync_locate_path (text, "d", &start, &end));
  g_assert_cmpint (strncmp (text + start, "-2.5e3", end - start), ==, 0);
  g_assert_cmpuint (end - start, ==, 6);
  g_assert_true (trib_sync_locate_path (text, "a[1].b", &start, &end));
  g_assert_cmpint (strncmp (text + start, "true", end - start), ==, 0);
  g_assert_false (trib_sync_locate_path (text, "a[1].e", &start, &end));
  g_assert_cmpuint (end - start, ==, 1);
  g_assert_cmpint (text[start], ==, '{');
}

static void
test_field_mapping (void)
{
  g_autoptr(TribSyncForm) form = trib_sync_form_new (TRIB_SYNC_READER_MYSQL);
  const char *source[] = { "uid", "gender", "age_range", "zodiac", NULL };
  const char *header[] = { "zodiac", "uid", NULL };
  TribSyncFormColumn *c;

  for (guint i = 0; source[i]; i++)
    g_ptr_array_add (form->columns, trib_sync_form_column_new_mysql (source[i]));
  form->header = g_strdupv ((char **) header);
  trib_sync_form_map_by_name (form);
  c = g_ptr_array_index (form->columns, 0);
  g_assert_cmpstr (c->name, ==, "zodiac");
  c = g_ptr_array_index (form->columns, 1);
  g_assert_cmpstr (c->name, ==, "uid");
  c = g_ptr_array_index (form->columns, 2);
  g_assert_cmpstr (c->name, ==, "gender");
  trib_sync_form_map_by_row (form, source);
  c = g_ptr_array_index (form->columns, 0);
  g_assert_cmpstr (c->name, ==, "uid");
  c = g_ptr_array_index (form->columns, 3);
  g_assert_cmpstr (c->name, ==, "zodiac");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/form/demo-round-trip", test_demo_round_trip);
  g_test_add_func ("/sync/form/tutorial-from-scratch", test_tutorial_from_scratch);
  g_test_add_func ("/sync/form/datax-opens", test_datax_opens);
  g_test_add_func ("/sync/form/unsupported-keys", test_unsupported_keys);
  g_test_add_func ("/sync/form/query-sql-unsupported", test_query_sql_unsupported);
  g_test_add_func ("/sync/form/validation-position", test_validation_position);
  g_test_add_func ("/sync/form/locate-path", test_locate_path);
  g_test_add_func ("/sync/form/field-mapping", test_field_mapping);

  return g_test_run ();
}
