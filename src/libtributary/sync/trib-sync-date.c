/* trib-sync-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-date.h"
#include "trib-sync-error.h"

static inline gboolean
digits (const char *p,
        guint       n,
        int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *value = v;
  return TRUE;
}

static gboolean
date_time_valid (const TribSyncDateTime *v)
{
  if (v->has_date &&
      (v->year < 1 || v->year > 9999 || v->month < 1 || v->month > 12 ||
       !g_date_valid_dmy ((GDateDay) v->day, (GDateMonth) v->month, (GDateYear) v->year)))
    return FALSE;
  if (v->has_time &&
      (v->hour < 0 || v->hour > 23 || v->minute < 0 || v->minute > 59 ||
       v->second < 0 || v->second > 59 || v->millisecond < 0 || v->millisecond > 999))
    return FALSE;
  return TRUE;
}

gboolean
trib_sync_date_time_parse_canonical (const char       *text,
                                     gsize             length,
                                     TribSyncDateTime *value)
{
  memset (value, 0, sizeof *value);

  if (length == 19 || length == 10)
    {
      if (!digits (text, 4, &value->year) || text[4] != '-' || !digits (text + 5, 2, &value->month) ||
          text[7] != '-' || !digits (text + 8, 2, &value->day))
        return FALSE;
      value->has_date = TRUE;
      if (length == 10)
        return date_time_valid (value);
      if (text[10] != ' ')
        return FALSE;
      text += 11;
    }
  else if (length != 8)
    return FALSE;

  if (!digits (text, 2, &value->hour) || text[2] != ':' || !digits (text + 3, 2, &value->minute) ||
      text[5] != ':' || !digits (text + 6, 2, &value->second))
    return FALSE;
  value->has_time = TRUE;
  return date_time_valid (value);
}

gsize
trib_sync_date_time_format_canonical (const TribSyncDateTime *value,
                                      char                   *buffer)
{
  char tmp[32];
  int n;

  if (value->has_date && value->has_time)
    n = g_snprintf (tmp, sizeof tmp, "%04d-%02d-%02d %02d:%02d:%02d", value->year, value->month,
                    value->day, value->hour, value->minute, value->second);
  else if (value->has_date)
    n = g_snprintf (tmp, sizeof tmp, "%04d-%02d-%02d", value->year, value->month, value->day);
  else
    n = g_snprintf (tmp, sizeof tmp, "%02d:%02d:%02d", value->hour, value->minute, value->second);
  n = MIN (n, 19);
  memcpy (buffer, tmp, n);
  return n;
}

typedef struct
{
  char  letter;   /* 0 for literal text */
  guint count;
  char *text;
} Item;

struct _TribSyncDatePattern
{
  GArray *items;
};

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};
static const char * const day_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->text);
}

void
trib_sync_date_pattern_free (TribSyncDatePattern *pattern)
{
  if (pattern == NULL)
    return;
  g_array_unref (pattern->items);
  g_free (pattern);
}

static void
add_literal (GArray     *items,
             const char *text,
             gsize       length)
{
  Item *last = items->len ? &g_array_index (items, Item, items->len - 1) : NULL;

  if (length == 0)
    return;
  if (last && last->letter == 0)
    {
      char *joined = g_strdup_printf ("%s%.*s", last->text, (int) length, text);

      g_free (last->text);
      last->text = joined;
    }
  else
    {
      Item item = { 0, 0, g_strndup (text, length) };

      g_array_append_val (items, item);
    }
}

TribSyncDatePattern *
trib_sync_date_pattern_new (const char  *pattern,
                            GError     **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (Item));
  TribSyncDatePattern *self;
  const char *p = pattern;

  g_array_set_clear_func (items, item_clear);

  if (pattern == NULL || *pattern == '\0')
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB, _("the date pattern is empty"));
      return NULL;
    }

  while (*p)
    {
      if (*p == '\'')
        {
          const char *start = ++p;

          if (*p == '\'')
            {
              add_literal (items, "'", 1);
              p++;
              continue;
            }
          while (*p && !(*p == '\'' && p[1] != '\''))
            {
              if (*p == '\'')
                {
                  add_literal (items, start, p - start + 1);
                  p += 2;
                  start = p;
                  continue;
                }
              p++;
            }
          if (*p != '\'')
            {
              g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB,
                           _("unterminated quote in date pattern \"%s\""), pattern);
              return NULL;
            }
          add_literal (items, start, p - start);
          p++;
        }
      else if (g_ascii_isalpha (*p))
        {
          Item item = { *p, 0, NULL };

          if (strchr ("yMdHhkKmsSaE", *p) == NULL)
            {
              g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB,
                           _("unsupported letter '%c' in date pattern \"%s\""), *p, pattern);
              return NULL;
            }
          while (*p == item.letter)
            {
              item.count++;
              p++;
            }
          g_array_append_val (items, item);
        }
      else
        {
          const char *start = p;

          while (*p && *p != '\'' && !g_ascii_isalpha (*p))
            p = g_utf8_next_char (p);
          add_literal (items, start, p - start);
        }
    }

  self = g_new0 (TribSyncDatePattern, 1);
  self->items = g_steal_pointer (&items);
  return self;
}

static gboolean
is_numeric (const Item *item)
{
  if (item->letter == 0 || item->letter == 'a' || item->letter == 'E')
    return FALSE;
  if (item->letter == 'M' && item->count >= 3)
    return FALSE;
  return TRUE;
}

static gboolean
match_name (const char         *text,
            gsize               length,
            gsize              *pos,
            const char * const *names,
            guint               n_names,
            int                *index)
{
  /* The full name first, then the three-letter abbreviation. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_names; i++)
        {
          gsize n = pass == 0 ? strlen (names[i]) : 3;

          if (*pos + n <= length && g_ascii_strncasecmp (text + *pos, names[i], n) == 0)
            {
              *pos += n;
              *index = (int) i;
              return TRUE;
            }
        }
    }
  return FALSE;
}

gboolean
trib_sync_date_pattern_parse (const TribSyncDatePattern *pattern,
                              const char                *text,
                              gsize                      length,
                              TribSyncDateTime          *value)
{
  gsize pos = 0;
  int hour12 = -1;
  int pm = -1;
  gboolean two_digit_year = FALSE;

  memset (value, 0, sizeof *value);
  value->year = 1970;
  value->month = 1;
  value->day = 1;

  for (guint i = 0; i < pattern->items->len; i++)
    {
      const Item *item = &g_array_index (pattern->items, Item, i);
      const Item *next = i + 1 < pattern->items->len ? &g_array_index (pattern->items, Item, i + 1) : NULL;

      if (item->letter == 0)
        {
          gsize n = strlen (item->text);

          if (pos + n > length || memcmp (text + pos, item->text, n) != 0)
            return FALSE;
          pos += n;
        }
      else if (item->letter == 'a')
        {
          if (pos + 2 > length)
            return FALSE;
          if (g_ascii_strncasecmp (text + pos, "AM", 2) == 0)
            pm = 0;
          else if (g_ascii_strncasecmp (text + pos, "PM", 2) == 0)
            pm = 1;
          else
            return FALSE;
          pos += 2;
        }
      else if (item->letter == 'E')
        {
          int ignored;

          if (!match_name (text, length, &pos, day_names, G_N_ELEMENTS (day_names), &ignored))
            return FALSE;
        }
      else if (item->letter == 'M' && item->count >= 3)
        {
          int month;

          if (!match_name (text, length, &pos, month_names, G_N_ELEMENTS (month_names), &month))
            return FALSE;
          value->month = month + 1;
          value->has_date = TRUE;
        }
      else
        {
          /* Adjacent numeric fields ("yyyyMMdd") take exactly their width. */
          gsize width = next && is_numeric (next) ? MAX (item->count, item->letter == 'y' && item->count == 2 ? 2u : 1u) : 9;
          gsize start = pos;
          int v = 0;

          while (pos < length && pos - start < width && g_ascii_isdigit (text[pos]))
            v = v * 10 + (text[pos++] - '0');
          if (pos == start || (next && is_numeric (next) && pos - start != width))
            return FALSE;

          switch (item->letter)
            {
            case 'y':
              value->year = v;
              two_digit_year = item->count == 2 && pos - start == 2;
              value->has_date = TRUE;
              break;
            case 'M': value->month = v; value->has_date = TRUE; break;
            case 'd': value->day = v; value->has_date = TRUE; break;
            case 'H': value->hour = v; value->has_time = TRUE; break;
            case 'k': value->hour = v == 24 ? 0 : (v > 24 ? 99 : v); value->has_time = TRUE; break;
            case 'h': hour12 = v == 12 ? 0 : (v > 12 || v == 0 ? 99 : v); value->has_time = TRUE; break;
            case 'K': hour12 = v > 11 ? 99 : v; value->has_time = TRUE; break;
            case 'm': value->minute = v; value->has_time = TRUE; break;
            case 's': value->second = v; value->has_time = TRUE; break;
            case 'S': value->millisecond = v; value->has_time = TRUE; break;
            default: return FALSE;
            }
        }
    }
  if (pos != length)
    return FALSE;

  if (hour12 >= 0)
    value->hour = hour12 + (pm == 1 ? 12 : 0);
  if (two_digit_year)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      int year = 2000 + value->year;

      /* Java's window: within 80 years before and 20 years after today. */
      value->year = year > g_date_time_get_year (now) + 20 ? year - 100 : year;
    }
  return date_time_valid (value);
}

static void
append_number (GString *out,
               int      value,
               guint    width)
{
  g_string_append_printf (out, "%0*d", (int) width, value);
}

void
trib_sync_date_pattern_format (const TribSyncDatePattern *pattern,
                               const TribSyncDateTime    *value,
                               GString                   *out)
{
  for (guint i = 0; i < pattern->items->len; i++)
    {
      const Item *item = &g_array_index (pattern->items, Item, i);

      switch (item->letter)
        {
        case 0:
          g_string_append (out, item->text);
          break;
        case 'y':
          if (item->count == 2)
            append_number (out, value->year % 100, 2);
          else
            append_number (out, value->year, item->count);
          break;
        case 'M':
          if (item->count >= 4)
            g_string_append (out, month_names[value->month - 1]);
          else if (item->count == 3)
            g_string_append_len (out, month_names[value->month - 1], 3);
          else
            append_number (out, value->month, item->count);
          break;
        case 'd': append_number (out, value->day, item->count); break;
        case 'H': append_number (out, value->hour, item->count); break;
        case 'k': append_number (out, value->hour == 0 ? 24 : value->hour, item->count); break;
        case 'h': append_number (out, value->hour % 12 == 0 ? 12 : value->hour % 12, item->count); break;
        case 'K': append_number (out, value->hour % 12, item->count); break;
        case 'm': append_number (out, value->minute, item->count); break;
        case 's': append_number (out, value->second, item->count); break;
        case 'S': append_number (out, value->millisecond, item->count); break;
        case 'a': g_string_append (out, value->hour < 12 ? "AM" : "PM"); break;
        case 'E':
          {
            GDate date;
            int weekday;

            g_date_clear (&date, 1);
            g_date_set_dmy (&date, (GDateDay) value->day, (GDateMonth) value->month, (GDateYear) value->year);
            weekday = g_date_valid (&date) ? (int) g_date_get_weekday (&date) - 1 : 0;
            if (item->count >= 4)
              g_string_append (out, day_names[weekday]);
            else
              g_string_append_len (out, day_names[weekday], 3);
          }
          break;
        default:
          break;
        }
    }
}
