/* test-text.c: columns on a terminal, for tables in any language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-test-util.h"

static void
test_width (void)
{
  g_assert_cmpuint (trib_text_get_width (NULL), ==, 0);
  g_assert_cmpuint (trib_text_get_width (""), ==, 0);
  g_assert_cmpuint (trib_text_get_width ("workshop"), ==, 8);
  /* Chinese characters take two columns each, a combining accent none. */
  g_assert_cmpuint (trib_text_get_width ("工作流"), ==, 6);
  g_assert_cmpuint (trib_text_get_width ("运行ID"), ==, 6);
  g_assert_cmpuint (trib_text_get_width ("e\xcc\x81t\xc3\xa9"), ==, 3);
}

static void
test_padding (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  trib_text_append_padded (out, "状态", 8);
  g_string_append_c (out, '|');
  trib_text_append_padded (out, "state", 8);
  g_string_append_c (out, '|');
  trib_text_append_right (out, "42", 6);
  g_string_append_c (out, '|');
  trib_text_append_padded (out, "much too long", 4);
  g_assert_cmpstr (out->str, ==, "状态    |state   |    42|much too long");
}

static void
assert_duration (gint64      microseconds,
                 const char *expected)
{
  g_autofree char *text = trib_format_duration (microseconds);

  g_assert_cmpstr (text, ==, expected);
}

/* One formatter for every duration shown (run log, CLI, connectivity results). */
static void
test_duration (void)
{
  assert_duration (-1, "-");
  assert_duration (0, "0.0 ms");
  assert_duration (400, "0.4 ms");
  assert_duration (12345, "12 ms");
  assert_duration (30000, "30 ms");
  assert_duration (1500000, "1.5 s");
  assert_duration (30 * G_USEC_PER_SEC, "30 s");
  assert_duration (120 * G_USEC_PER_SEC, "2 min");
  assert_duration ((gint64) 125 * G_USEC_PER_SEC + 400000, "2 min 5 s");
  assert_duration ((gint64) 3600 * G_USEC_PER_SEC, "1 h");
  assert_duration ((gint64) 3780 * G_USEC_PER_SEC, "1 h 3 min");
}

/* Long input in messages: cut in the middle, with the count of what was left out. */
static void
test_elide (void)
{
  g_autofree char *short_text = trib_text_elide ("abc", 20);
  g_autofree char *long_text = trib_text_elide ("aaaaaaaaaaaaaaaaaaaaXbbbbbbbbbbbbbbbbbbbb", 20);
  g_autofree char *invalid = trib_text_elide ("a\xff" "b", 20);

  g_assert_cmpstr (short_text, ==, "abc");
  g_assert_cmpstr (long_text, ==, "aaaaaaaaaa… (21 characters left out) …bbbbbbbbbb");
  g_assert_cmpstr (invalid, ==, "a\xef\xbf\xbd" "b");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/width", test_width);
  g_test_add_func ("/text/padding", test_padding);
  g_test_add_func ("/text/duration", test_duration);
  g_test_add_func ("/text/elide", test_elide);

  return g_test_run ();
}
