/* test-json.c: canonical JSON text, parse errors, atomic writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "trib-test-util.h"

static void
assert_round_trip (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = trib_json_parse (text, -1, "x.json", &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  again = trib_json_to_string (node);
  g_assert_cmpstr (again, ==, text);
}

static void
test_canonical_round_trip (void)
{
  assert_round_trip ("{}\n");
  assert_round_trip ("[]\n");
  assert_round_trip ("{\n"
                     "  \"name\": \"用户画像\",\n"
                     "  \"n\": 42,\n"
                     "  \"neg\": -7,\n"
                     "  \"f\": 1.0,\n"
                     "  \"g\": 0.1,\n"
                     "  \"h\": 1e+20,\n"
                     "  \"yes\": true,\n"
                     "  \"no\": false,\n"
                     "  \"nothing\": null,\n"
                     "  \"empty\": {},\n"
                     "  \"list\": [\n"
                     "    1,\n"
                     "    \"two\",\n"
                     "    [],\n"
                     "    {\n"
                     "      \"deep\": \"tab\\there \\\"quoted\\\" back\\\\slash\\nnewline \\u0001\"\n"
                     "    }\n"
                     "  ]\n"
                     "}\n");
}

static void
test_canonical_keeps_member_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = trib_json_parse ("{\"z\":1,\"a\":{\"y\":[true],\"b\":null}}", -1, "x.json", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = trib_json_to_string (node);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"z\": 1,\n"
                   "  \"a\": {\n"
                   "    \"y\": [\n"
                   "      true\n"
                   "    ],\n"
                   "    \"b\": null\n"
                   "  }\n"
                   "}\n");
}

static void
test_parse_error_position (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint line = 0, column = 0;

  node = trib_json_parse_full ("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}\n", -1,
                               "workflows/daily.json", &line, &column, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 14);
  g_assert_true (g_str_has_prefix (error->message, "workflows/daily.json:3:14: malformed JSON: "));
}

static void
assert_syntax_error (const char *text,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = trib_json_parse (text, -1, "f.json", &error);

  g_assert_null (node);
  g_assert_cmpstr (error->message, ==, expected);
}

/* The position is where a person would put the fix, not where the parser noticed. */
static void
test_parse_error_messages (void)
{
  assert_syntax_error ("{\n  \"a\": 1\n  \"b\": 2\n}",
                       "f.json:3:3: malformed JSON: expected \",\" or \"}\" after the member, found the string \"b\"");
  assert_syntax_error ("[1, 2,]",
                       "f.json:1:7: malformed JSON: expected another element after \",\" (a trailing comma is not allowed), found \"]\"");
  assert_syntax_error ("{\"a\": \"one\ntwo\"}",
                       "f.json:1:11: malformed JSON: expected the closing quote of the string (a line break inside a string must be written \\n), found the end of the line");
  assert_syntax_error ("{\"a\": \"never closed}",
                       "f.json:1:7: malformed JSON: this string is never closed");
  assert_syntax_error ("{\"名前\": tru}",
                       "f.json:1:8: malformed JSON: expected a value, found \"t\"");
  assert_syntax_error ("{\"a\" 1}",
                       "f.json:1:6: malformed JSON: expected \":\" after the member name, found \"1\"");
  assert_syntax_error ("{} {}",
                       "f.json:1:4: malformed JSON: expected the end of the text after the value, found \"{\"");
}

static void
test_parse_empty_and_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = trib_json_parse ("", 0, "tributary.json", &error);

  g_assert_null (node);
  g_assert_cmpstr (error->message, ==, "tributary.json: malformed JSON: the text is empty");
  g_clear_error (&error);

  node = trib_json_parse ("{\"a\": \"\xff\xfe\"}", -1, "tributary.json", &error);
  g_assert_null (node);
  g_assert_cmpstr (error->message, ==, "tributary.json: malformed JSON: the text is not valid UTF-8");
}

static void
test_atomic_save_leaves_no_temporary (void)
{
  g_autofree char *dir = trib_test_make_tmpdir ("json-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "f.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonNode) node = trib_json_parse ("{\"a\": 1}", -1, "f.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  g_autofree char *text = NULL;
  guint n_entries = 0;

  trib_test_write_file (path, "old contents\n");
  g_assert_true (trib_json_save_file (node, file, NULL, &error));
  g_assert_no_error (error);

  text = trib_test_read_file (path);
  g_assert_cmpstr (text, ==, "{\n  \"a\": 1\n}\n");

  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d))
    n_entries++;
  g_assert_cmpuint (n_entries, ==, 1);

  trib_test_rm_rf (dir);
}

static void
test_typed_getters (void)
{
  g_autoptr(JsonNode) node = trib_json_parse ("{\"s\":\"x\",\"i\":5,\"si\":\"12\",\"b\":\"true\",\"bad\":\"1x\"}", -1, "f", NULL);
  JsonObject *o = json_node_get_object (node);

  g_assert_cmpstr (trib_json_object_get_string (o, "s", NULL), ==, "x");
  g_assert_null (trib_json_object_get_string (o, "i", NULL));
  g_assert_cmpint (trib_json_object_get_int (o, "i", -1), ==, 5);
  /* DataWorks writes some numbers as strings. */
  g_assert_cmpint (trib_json_object_get_int (o, "si", -1), ==, 12);
  g_assert_cmpint (trib_json_object_get_int (o, "bad", -1), ==, -1);
  g_assert_true (trib_json_object_get_bool (o, "b", FALSE));
  g_assert_cmpint (trib_json_object_get_int (o, "missing", 7), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/canonical/round-trip", test_canonical_round_trip);
  g_test_add_func ("/json/canonical/member-order", test_canonical_keeps_member_order);
  g_test_add_func ("/json/parse/error-position", test_parse_error_position);
  g_test_add_func ("/json/parse/error-messages", test_parse_error_messages);
  g_test_add_func ("/json/parse/empty-and-binary", test_parse_empty_and_binary);
  g_test_add_func ("/json/save/atomic", test_atomic_save_leaves_no_temporary);
  g_test_add_func ("/json/typed-getters", test_typed_getters);

  return g_test_run ();
}
