/* trib-sync-split.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-error.h"
#include "trib-sync-split.h"

/* g_strv_builder_take () is GLib 2.80. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

/* 64-bit keys, signed or unsigned, and their differences fit in 128 bits. */
typedef __int128 Int128;

static inline gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

char *
trib_sync_split_build_query (const char *columns,
                             const char *table,
                             const char *where)
{
  if (is_blank (where))
    return g_strdup_printf ("select %s from %s ", columns, table);
  return g_strdup_printf ("select %s from %s where (%s)", columns, table, where);
}

char *
trib_sync_split_min_max_sql (const char *split_pk,
                             const char *table,
                             const char *where)
{
  if (is_blank (where))
    return g_strdup_printf ("SELECT MIN(%s),MAX(%s) FROM %s", split_pk, split_pk, table);
  return g_strdup_printf ("SELECT MIN(%s),MAX(%s) FROM %s WHERE (%s AND %s IS NOT NULL)",
                          split_pk, split_pk, table, where, split_pk);
}

guint
trib_sync_split_expected_slices (guint channels,
                                 guint n_tables,
                                 guint split_factor)
{
  guint per_table;

  n_tables = MAX (n_tables, 1);
  per_table = (MAX (channels, 1) + n_tables - 1) / n_tables;
  return per_table * MAX (split_factor, 1);
}

static gboolean
parse_int128 (const char  *text,
              Int128      *value,
              GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  Int128 v = 0;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  if (!g_ascii_isdigit (*p))
    goto fail;
  for (; g_ascii_isdigit (*p); p++)
    {
      v = v * 10 + (*p - '0');
      if (v > ((Int128) 1 << 100))
        goto fail;
    }
  if (*p != '\0')
    goto fail;
  *value = negative ? -v : v;
  return TRUE;

fail:
  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_READ,
               _("the split key's range is not made of integers (\"%s\")"), text);
  return FALSE;
}

static char *
int128_to_string (Int128 value)
{
  char buffer[64];
  char *p = buffer + sizeof buffer - 1;
  gboolean negative = value < 0;
  unsigned __int128 u = negative ? -(unsigned __int128) value : (unsigned __int128) value;

  *p = '\0';
  do
    {
      *--p = (char) ('0' + (int) (u % 10));
      u /= 10;
    }
  while (u > 0);
  if (negative)
    *--p = '-';
  return g_strdup (p);
}

GStrv
trib_sync_split_points (const char  *min,
                        const char  *max,
                        guint        expected,
                        GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Int128 left, right, gap, step, remainder, upper;
  guint n = MAX (expected, 1);

  if (!parse_int128 (min, &left, error) || !parse_int128 (max, &right, error))
    return NULL;

  if (left == right)
    {
      strv_builder_take (builder, int128_to_string (left));
      strv_builder_take (builder, int128_to_string (right));
      return g_strv_builder_end (builder);
    }
  if (left > right)
    {
      Int128 tmp = left;

      left = right;
      right = tmp;
    }

  gap = right - left;
  step = gap / n;
  remainder = gap % n;
  if (step == 0)
    n = (guint) remainder;

  strv_builder_take (builder, int128_to_string (left));
  upper = left;
  for (guint i = 1; i < n; i++)
    {
      upper = upper + step + (remainder >= (Int128) i ? 1 : 0);
      strv_builder_take (builder, int128_to_string (upper));
    }
  strv_builder_take (builder, int128_to_string (right));
  return g_strv_builder_end (builder);
}

GPtrArray *
trib_sync_split_plan (const char  *columns,
                      const char  *table,
                      const char  *where,
                      const char  *split_pk,
                      const char  *min,
                      const char  *max,
                      guint        expected,
                      GError     **error)
{
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = trib_sync_split_build_query (columns, table, where);
  const char *join = is_blank (where) ? " where " : " and ";
  g_auto(GStrv) points = NULL;
  guint n_points;

  if (min == NULL || max == NULL)
    {
      g_ptr_array_add (queries, g_steal_pointer (&base));
      return g_steal_pointer (&queries);
    }

  points = trib_sync_split_points (min, max, expected, error);
  if (points == NULL)
    return NULL;
  n_points = g_strv_length (points);

  if (n_points == 2)
    g_ptr_array_add (queries, g_strdup_printf ("%s%s (%s <= %s AND %s <= %s) ", base, join,
                                               points[0], split_pk, split_pk, points[1]));
  else
    {
      for (guint i = 0; i + 2 < n_points; i++)
        g_ptr_array_add (queries, g_strdup_printf ("%s%s (%s <= %s AND %s < %s) ", base, join,
                                                   points[i], split_pk, split_pk, points[i + 1]));
      g_ptr_array_add (queries, g_strdup_printf ("%s%s (%s <= %s AND %s <= %s) ", base, join,
                                                 points[n_points - 2], split_pk, split_pk,
                                                 points[n_points - 1]));
    }
  g_ptr_array_add (queries, g_strdup_printf ("%s%s %s IS NULL", base, join, split_pk));
  return g_steal_pointer (&queries);
}
