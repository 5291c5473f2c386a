/* trib-sample-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "trib-sample-data.h"

/* splitmix64: tiny, fast, and the same sequence on every platform and GLib version, so
 * a seed always gives the same bytes. */
static guint64
mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

typedef struct
{
  guint64 state;
} Rng;

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  rng->state = mix64 (seed ^ mix64 (stream + 1));
}

static guint64
rng_next (Rng *rng)
{
  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (rng->state);
}

static guint
rng_below (Rng   *rng,
           guint  bound)
{
  return (guint) (rng_next (rng) % bound);
}

static const char *
pick (Rng                *rng,
      const char * const *items,
      guint               n_items)
{
  return items[rng_below (rng, n_items)];
}

#define PICK(rng, array) pick ((rng), (array), G_N_ELEMENTS (array))

void
trib_sample_options_init (TribSampleOptions *options)
{
  memset (options, 0, sizeof *options);
  options->seed = 20240807;
  options->n_users = 2000;
  options->n_log_lines = 20000;
  options->unknown_uid_ratio = 0.08;
  g_strlcpy (options->day, "20240807", sizeof options->day);
  options->locale = TRIB_SAMPLE_LOCALE_ZH;
}

#define UID_BASE G_GUINT64_CONSTANT (1000000000000)
#define UID_STEP 1000

guint64
trib_sample_user_uid (const TribSampleOptions *options,
                      guint                    index)
{
  /* Increasing, with uneven gaps; never ending in 998 or 999, which unknown uids use. */
  return UID_BASE + (guint64) index * UID_STEP + mix64 (options->seed ^ index) % 997;
}

static const char * const genders_zh[] = { "男", "女" };
static const char * const genders_en[] = { "male", "female" };
static const char * const ages_zh[] = { "10-20岁", "20-30岁", "20-30岁", "30-40岁", "30-40岁", "40-50岁", "50-60岁", "60岁以上" };
static const char * const ages_en[] = { "10-20", "20-30", "20-30", "30-40", "30-40", "40-50", "50-60", "60+" };
static const char * const zodiacs_zh[] = {
  "白羊座", "金牛座", "双子座", "巨蟹座", "狮子座", "处女座",
  "天秤座", "天蝎座", "射手座", "摩羯座", "水瓶座", "双鱼座",
};
static const char * const zodiacs_en[] = {
  "Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo",
  "Libra", "Scorpio", "Sagittarius", "Capricorn", "Aquarius", "Pisces",
};

typedef struct
{
  guint64     uid;
  const char *gender;
  const char *age_range;
  const char *zodiac;
} User;

static void
make_user (const TribSampleOptions *options,
           guint                    index,
           User                    *user)
{
  gboolean zh = options->locale == TRIB_SAMPLE_LOCALE_ZH;
  Rng rng;

  rng_init (&rng, options->seed, G_GUINT64_CONSTANT (0x75736572) + index);
  user->uid = trib_sample_user_uid (options, index);
  user->gender = zh ? PICK (&rng, genders_zh) : PICK (&rng, genders_en);
  user->age_range = zh ? PICK (&rng, ages_zh) : PICK (&rng, ages_en);
  user->zodiac = zh ? PICK (&rng, zodiacs_zh) : PICK (&rng, zodiacs_en);
}

static gboolean
flush_if_full (GString        *buffer,
               GOutputStream  *out,
               gboolean        force,
               GCancellable   *cancellable,
               GError        **error)
{
  if (buffer->len < 256 * 1024 && !force)
    return TRUE;
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

gboolean
trib_sample_write_users_tsv (const TribSampleOptions  *options,
                             GOutputStream            *out,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (300 * 1024);

  for (guint i = 0; i < options->n_users; i++)
    {
      User user;

      make_user (options, i, &user);
      g_string_append_printf (buffer, "%" G_GUINT64_FORMAT "\t%s\t%s\t%s\n",
                              user.uid, user.gender, user.age_range, user.zodiac);
      if (!flush_if_full (buffer, out, FALSE, cancellable, error))
        return FALSE;
    }
  return flush_if_full (buffer, out, TRUE, cancellable, error);
}

gboolean
trib_sample_write_users_sql (const TribSampleOptions  *options,
                             GOutputStream            *out,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (300 * 1024);

  g_string_append (buffer,
                   "SET NAMES utf8mb4;\n"
                   "DROP TABLE IF EXISTS ods_user_info_d;\n"
                   "CREATE TABLE ods_user_info_d (\n"
                   "  uid BIGINT NOT NULL PRIMARY KEY COMMENT 'The user ID',\n"
                   "  gender VARCHAR(16) COMMENT 'The gender',\n"
                   "  age_range VARCHAR(32) COMMENT 'The age range',\n"
                   "  zodiac VARCHAR(32) COMMENT 'The zodiac sign'\n"
                   ") DEFAULT CHARSET=utf8mb4;\n");

  for (guint i = 0; i < options->n_users; i++)
    {
      User user;

      /* 500 rows a statement keeps each statement well under max_allowed_packet. */
      if (i % 500 == 0)
        g_string_append (buffer, i ? ";\nINSERT INTO ods_user_info_d VALUES\n" :
                                     "INSERT INTO ods_user_info_d VALUES\n");
      else
        g_string_append (buffer, ",\n");

      make_user (options, i, &user);
      /* Generated values hold no quote or backslash, so no escaping is needed. */
      g_string_append_printf (buffer, "(%" G_GUINT64_FORMAT ",'%s','%s','%s')",
                              user.uid, user.gender, user.age_range, user.zodiac);
      if (!flush_if_full (buffer, out, FALSE, cancellable, error))
        return FALSE;
    }
  if (options->n_users > 0)
    g_string_append (buffer, ";\n");
  return flush_if_full (buffer, out, TRUE, cancellable, error);
}

static const char * const ip_first_octets[] = {
  "58", "60", "61", "101", "106", "110", "111", "112", "113", "114", "115", "116", "117",
  "118", "119", "120", "121", "122", "123", "124", "125", "180", "182", "183", "202",
  "210", "211", "218", "219", "220", "221", "222", "223",
};

static const char * const pages[] = {
  "GET / HTTP/1.1",
  "GET /article/{n}.html HTTP/1.1",
  "GET /article/{n}.html HTTP/1.1",
  "GET /article/{n}.html HTTP/1.1",
  "GET /tag/hadoop HTTP/1.1",
  "GET /tag/spark HTTP/1.1",
  "GET /category/big-data/page/{n} HTTP/1.1",
  "GET /feed HTTP/1.1",
  "GET /comments/feed HTTP/1.1",
  "POST /wp-comments-post.php HTTP/1.1",
  "GET /wp-content/uploads/2024/0{n}/chart.png HTTP/1.1",
  "GET /wp-includes/js/jquery/jquery.js?ver=1.10.2 HTTP/1.1",
  "GET /wp-content/themes/twentyfourteen/style.css HTTP/1.1",
  "HEAD /robots.txt HTTP/1.0",
  "GET /search?q=datax HTTP/1.1",
};

static const char * const referers[] = {
  "-",
  "-",
  "-",
  "https://www.google.com/search?q=spark+sql+external+table",
  "https://www.google.com/",
  "https://cn.bing.com/search?q=dataworks+tutorial",
  "https://www.baidu.com/s?wd=datax",
  "https://blog.example.com/article/1024.html",
  "https://blog.example.com/",
  "https://blog.example.com/tag/hadoop",
};

static const char * const agents[] = {
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
  "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Linux; Android 12; SM-G991B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0; IEMobile/10.0; ARM; Touch; NOKIA; Lumia 920)",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.16",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
  "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 12 subscribers)",
  "FeedDemon/4.5 (http://www.feeddemon.com/; Microsoft Windows)",
  "curl/7.88.1",
  "python-requests/2.31.0",
};

static guint
pick_status (Rng *rng)
{
  guint r = rng_below (rng, 100);

  if (r < 85)
    return 200;
  if (r < 91)
    return 304;
  if (r < 96)
    return 404;
  if (r < 99)
    return 301;
  return 500;
}

static void
append_log_line (const TribSampleOptions *options,
                 GDateTime               *day_start,
                 guint                    index,
                 GString                 *buffer)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *request = NULL;
  const char *page;
  guint64 uid;
  guint status;
  guint bytes;
  Rng rng;

  rng_init (&rng, options->seed, G_GUINT64_CONSTANT (0x6c6f67) * 65536 + index);

  /* Lines are in time order across the day, as a web server writes them. */
  when = g_date_time_add_seconds (day_start,
                                  (gdouble) ((guint64) index * 86400 / MAX (options->n_log_lines, 1)));
  time_text = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");

  if (options->n_users == 0 ||
      (double) rng_below (&rng, 1000000) / 1000000.0 < options->unknown_uid_ratio)
    uid = UID_BASE + (guint64) rng_below (&rng, 1000000) * UID_STEP + 998;
  else
    uid = trib_sample_user_uid (options, rng_below (&rng, options->n_users));

  page = PICK (&rng, pages);
  {
    GString *text = g_string_new (page);
    g_autofree char *number = NULL;

    number = g_strdup_printf ("%u", g_str_has_prefix (page, "GET /article/") ?
                              1000 + rng_below (&rng, 4000) : 1 + rng_below (&rng, 9));
    g_string_replace (text, "{n}", number, 0);
    request = g_string_free (text, FALSE);
  }

  status = pick_status (&rng);
  bytes = status == 304 ? 0 : rng_below (&rng, 200001);

  g_string_append_printf (buffer, "%s.%u.%u.%u##@@%" G_GUINT64_FORMAT "##@@%s##@@%s##@@%u##@@%u##@@%s##@@%s\n",
                          PICK (&rng, ip_first_octets),
                          rng_below (&rng, 256), rng_below (&rng, 256), 1 + rng_below (&rng, 254),
                          uid, time_text, request, status, bytes,
                          PICK (&rng, referers), PICK (&rng, agents));
}

gboolean
trib_sample_write_log (const TribSampleOptions  *options,
                       GOutputStream            *out,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (300 * 1024);
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int y, m, d;

  if (sscanf (options->day, "%4d%2d%2d", &y, &m, &d) != 3 ||
      !(day_start = g_date_time_new (utc, y, m, d, 0, 0, 0)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "\"%s\" is not a date in the form YYYYMMDD", options->day);
      return FALSE;
    }

  for (guint i = 0; i < options->n_log_lines; i++)
    {
      append_log_line (options, day_start, i, buffer);
      if (!flush_if_full (buffer, out, FALSE, cancellable, error))
        return FALSE;
    }
  return flush_if_full (buffer, out, TRUE, cancellable, error);
}
