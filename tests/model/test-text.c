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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/width", test_width);
  g_test_add_func ("/text/padding", test_padding);

  return g_test_run ();
}
