/* trib-sync-check.c: the validator's messages placed in the job's text
 *
 * json-glib keeps no positions, so a small scanner walks the text along the JSON path
 * the validator names (`steps[1].parameter.object`) to find the bytes to underline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-json.h"
#include "trib-sync-form.h"
#include "trib-sync-job.h"

void
trib_sync_problem_free (TribSyncProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

/* Path components {{{ */

typedef struct
{
  char *key;    /* NULL for an index */
  guint index;
} Step;

static GArray *
split_path (const char *path)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (Step));
  const char *p = path;

  while (*p)
    {
      Step step = { NULL, 0 };

      if (*p == '.')
        p++;
      if (*p == '[')
        {
          char *end;

          step.index = (guint) g_ascii_strtoull (p + 1, &end, 10);
          p = *end == ']' ? end + 1 : end;
        }
      else
        {
          gsize n = strcspn (p, ".[");

          if (n == 0)
            break;
          step.key = g_strndup (p, n);
          p += n;
        }
      g_array_append_val (steps, step);
    }
  return steps;
}

static void
free_steps (GArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    g_free (g_array_index (steps, Step, i).key);
  g_array_unref (steps);
}

/* }}} */
/* Scanner {{{ */

typedef struct
{
  const char *text;
  const char *p;
  GArray     *steps;
  gsize       best_start;   /* the deepest key (or value) found so far */
  gsize       best_end;
} Scan;

static void
skip_space (Scan *s)
{
  while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
    s->p++;
}

static gboolean
skip_string (Scan *s)
{
  if (*s->p != '"')
    return FALSE;
  for (s->p++; *s->p && *s->p != '"'; s->p++)
    if (*s->p == '\\' && s->p[1])
      s->p++;
  if (*s->p != '"')
    return FALSE;
  s->p++;
  return TRUE;
}

static gboolean
skip_value (Scan *s)
{
  int depth = 0;

  skip_space (s);
  if (*s->p == '"')
    return skip_string (s);
  if (*s->p != '{' && *s->p != '[')
    {
      /* A number or a literal. */
      const char *start = s->p;

      s->p += strcspn (s->p, ",}] \t\r\n");
      return s->p > start;
    }
  do
    {
      if (*s->p == '\0')
        return FALSE;
      if (*s->p == '"')
        {
          if (!skip_string (s))
            return FALSE;
        }
      else if (*s->p == '{' || *s->p == '[')
        {
          depth++;
          s->p++;
        }
      else if (*s->p == '}' || *s->p == ']')
        {
          depth--;
          s->p++;
        }
      else
        s->p++;
    }
  while (depth > 0);
  return TRUE;
}

/* Walks the value at s->p, which is at path depth @level. */
static gboolean
find (Scan  *s,
      guint  level,
      gsize *start,
      gsize *end)
{
  const Step *step;

  skip_space (s);
  if (level == s->steps->len)
    {
      *start = (gsize) (s->p - s->text);
      if (!skip_value (s))
        return FALSE;
      *end = (gsize) (s->p - s->text);
      return TRUE;
    }
  step = &g_array_index (s->steps, Step, level);

  if (step->key != NULL && *s->p == '{')
    {
      s->p++;
      for (;;)
        {
          const char *key_start;
          gsize key_len;

          skip_space (s);
          if (*s->p != '"')
            return FALSE;
          key_start = s->p;
          if (!skip_string (s))
            return FALSE;
          key_len = (gsize) (s->p - key_start) - 2;
          skip_space (s);
          if (*s->p != ':')
            return FALSE;
          s->p++;
          if (key_len == strlen (step->key) && strncmp (key_start + 1, step->key, key_len) == 0)
            {
              s->best_start = (gsize) (key_start - s->text);
              s->best_end = s->best_start + key_len + 2;
              return find (s, level + 1, start, end);
            }
          if (!skip_value (s))
            return FALSE;
          skip_space (s);
          if (*s->p != ',')
            return FALSE;
          s->p++;
        }
    }
  if (step->key == NULL && *s->p == '[')
    {
      s->p++;
      for (guint i = 0;; i++)
        {
          skip_space (s);
          if (*s->p == ']')
            return FALSE;
          if (i == step->index)
            {
              s->best_start = (gsize) (s->p - s->text);
              s->best_end = s->best_start + 1;
              return find (s, level + 1, start, end);
            }
          if (!skip_value (s))
            return FALSE;
          skip_space (s);
          if (*s->p != ',')
            return FALSE;
          s->p++;
        }
    }
  return FALSE;
}

gboolean
trib_sync_locate_path (const char *text,
                       const char *path,
                       gsize      *start,
                       gsize      *end)
{
  Scan s = { text, text, NULL, 0, 0 };
  gsize found_start = 0, found_end = 0;
  gboolean found;

  g_return_val_if_fail (text != NULL && path != NULL, FALSE);

  s.steps = split_path (path);
  skip_space (&s);
  s.best_start = (gsize) (s.p - text);
  s.best_end = *s.p ? s.best_start + 1 : s.best_start;
  found = find (&s, 0, &found_start, &found_end);
  free_steps (s.steps);
  if (start)
    *start = found ? found_start : s.best_start;
  if (end)
    *end = found ? found_end : s.best_end;
  return found;
}

/* }}} */
/* Checking {{{ */

static void
set_line_column (TribSyncProblem *problem,
                 const char      *text)
{
  problem->line = 1;
  problem->column = 1;
  for (const char *p = text; p < text + problem->start && *p; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        {
          problem->line++;
          problem->column = 1;
        }
      else
        problem->column++;
    }
}

/* The byte offset of the 1-based @line and character @column. */
static gsize
offset_of (const char *text,
           guint       line,
           guint       column)
{
  const char *p = text;

  for (guint l = 1; l < line && *p; p++)
    if (*p == '\n')
      l++;
  for (guint c = 1; c < column && *p && *p != '\n'; c++)
    p = g_utf8_next_char (p);
  return (gsize) (p - text);
}

GPtrArray *
trib_sync_check_text (const char *text)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_sync_problem_free);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint line = 0, column = 0;

  g_return_val_if_fail (text != NULL, problems);

  root = trib_json_parse_full (text, -1, "script.content", &line, &column, &error);
  if (root == NULL)
    {
      TribSyncProblem *problem = g_new0 (TribSyncProblem, 1);
      gsize len = strlen (text);

      problem->message = g_strdup (error->message);
      problem->start = MIN (offset_of (text, MAX (line, 1), MAX (column, 1)), len);
      problem->end = MIN (problem->start + 1, len);
      set_line_column (problem, text);
      g_ptr_array_add (problems, problem);
      return problems;
    }

  job = trib_sync_job_new_from_json (root, NULL, NULL, &error);
  if (job != NULL)
    return problems;

  lines = g_strsplit (error->message, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      TribSyncProblem *problem;
      const char *colon;

      if (*lines[i] == '\0')
        continue;
      problem = g_new0 (TribSyncProblem, 1);
      problem->message = g_strdup (lines[i]);
      colon = strstr (lines[i], ": ");
      if (colon != NULL && memchr (lines[i], ' ', (gsize) (colon - lines[i])) == NULL)
        problem->path = g_strndup (lines[i], (gsize) (colon - lines[i]));
      if (problem->path != NULL)
        trib_sync_locate_path (text, problem->path, &problem->start, &problem->end);
      set_line_column (problem, text);
      g_ptr_array_add (problems, problem);
    }
  return problems;
}

/* }}} */
