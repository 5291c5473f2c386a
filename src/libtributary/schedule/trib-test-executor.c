/* trib-test-executor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-test-executor.h"

typedef enum
{
  ACTION_OK,
  ACTION_FAIL,
  ACTION_FLAKY,
  ACTION_SLEEP,
  ACTION_HANG,
  ACTION_LOG,
  ACTION_PROGRESS,
} ActionKind;

typedef struct
{
  ActionKind  kind;
  guint64     number;
  double      fraction;
  char       *text;
} Action;

typedef struct
{
  char   *node;     /* NULL: any */
  char   *bizdate;  /* NULL: any */
  GArray *actions;
} Rule;

struct _TribTestExecutor
{
  GObject     parent_instance;
  GPtrArray  *rules;
  GMutex      mutex;
  GHashTable *attempts;
  guint       running;
  guint       max_running;
};

static void trib_test_executor_iface_init (TribExecutorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TribTestExecutor, trib_test_executor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRIB_TYPE_EXECUTOR, trib_test_executor_iface_init))

static void
action_clear (gpointer data)
{
  Action *action = data;

  g_free (action->text);
}

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->node);
  g_free (rule->bizdate);
  g_array_unref (rule->actions);
  g_free (rule);
}

static gboolean
parse_action (const char  *text,
              Action      *action,
              GError     **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *word = colon ? g_strndup (text, colon - text) : g_strdup (text);
  const char *arg = colon ? colon + 1 : NULL;
  char *end = NULL;

  memset (action, 0, sizeof *action);

  if (g_str_equal (word, "ok") || g_str_equal (word, "1"))
    action->kind = ACTION_OK;
  else if (g_str_equal (word, "fail"))
    {
      action->kind = ACTION_FAIL;
      action->text = g_strdup (arg);
    }
  else if (g_str_equal (word, "hang"))
    action->kind = ACTION_HANG;
  else if (g_str_equal (word, "log") && arg)
    {
      action->kind = ACTION_LOG;
      action->text = g_strdup (arg);
    }
  else if ((g_str_equal (word, "flaky") || g_str_equal (word, "sleep")) && arg && g_ascii_isdigit (*arg))
    {
      action->kind = g_str_equal (word, "flaky") ? ACTION_FLAKY : ACTION_SLEEP;
      action->number = g_ascii_strtoull (arg, &end, 10);
      if (action->kind == ACTION_FLAKY && *end == ':')
        action->text = g_strdup (end + 1);
      else if (*end != '\0')
        goto invalid;
    }
  else if (g_str_equal (word, "progress") && arg)
    {
      action->kind = ACTION_PROGRESS;
      action->fraction = g_ascii_strtod (arg, &end);
      if (*end != '\0')
        goto invalid;
    }
  else
    goto invalid;
  return TRUE;

invalid:
  g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
               _("test executor: \"%s\" is not an action (ok, fail[:MESSAGE], flaky:N[:MESSAGE], "
                 "sleep:MS, hang, log:TEXT, progress:F)"),
               text);
  return FALSE;
}

TribTestExecutor *
trib_test_executor_new (const char  *spec,
                        GError     **error)
{
  g_autoptr(TribTestExecutor) self = g_object_new (TRIB_TYPE_TEST_EXECUTOR, NULL);
  g_auto(GStrv) rules = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  rules = g_strsplit (spec, ";", -1);
  for (guint i = 0; rules[i]; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (rules[i]));
      const char *equals;
      const char *actions_text;
      g_auto(GStrv) actions = NULL;
      Rule *rule;

      if (*text == '\0')
        continue;

      rule = g_new0 (Rule, 1);
      rule->actions = g_array_new (FALSE, TRUE, sizeof (Action));
      g_array_set_clear_func (rule->actions, action_clear);
      g_ptr_array_add (self->rules, rule);

      equals = strchr (text, '=');
      actions_text = text;
      if (equals)
        {
          g_autofree char *pattern = g_strstrip (g_strndup (text, equals - text));
          char *at = strchr (pattern, '@');

          if (at)
            {
              *at = '\0';
              rule->bizdate = g_strdup (at + 1);
            }
          if (!g_str_equal (pattern, "*"))
            rule->node = g_strdup (pattern);
          actions_text = equals + 1;
        }

      actions = g_strsplit (actions_text, "+", -1);
      for (guint j = 0; actions[j]; j++)
        {
          Action action;

          if (!parse_action (actions[j], &action, error))
            return NULL;
          g_array_append_val (rule->actions, action);
        }
    }
  return g_steal_pointer (&self);
}

static const Rule *
find_rule (TribTestExecutor *self,
           TribExecution    *execution)
{
  TribNode *node = trib_execution_get_node (execution);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (self->rules, i);

      if (rule->node && g_strcmp0 (rule->node, trib_node_get_name (node)) != 0 &&
          g_strcmp0 (rule->node, trib_node_get_id (node)) != 0)
        continue;
      if (rule->bizdate && g_strcmp0 (rule->bizdate, trib_execution_get_bizdate (execution)) != 0)
        continue;
      return rule;
    }
  return NULL;
}

/* Sleeps @ms milliseconds (forever when negative) or until @cancellable fires. */
static gboolean
wait_cancellable (gint64         ms,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 deadline = ms < 0 ? G_MAXINT64 : g_get_monotonic_time () + ms * 1000;
  GPollFD pfd;
  gboolean have_fd = cancellable && g_cancellable_make_pollfd (cancellable, &pfd);

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      int timeout;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (now >= deadline)
        break;
      timeout = deadline == G_MAXINT64 ? 1000 : (int) MIN ((deadline - now + 999) / 1000, 1000);
      if (have_fd)
        g_poll (&pfd, 1, timeout);
      else
        g_usleep ((gulong) timeout * 1000);
    }

  if (have_fd)
    g_cancellable_release_fd (cancellable);
  return error == NULL || *error == NULL;
}

static gboolean
run_actions (TribExecution  *execution,
             const Rule     *rule,
             GCancellable   *cancellable,
             GError        **error)
{
  guint attempt = trib_execution_get_attempt (execution);

  for (guint i = 0; rule && i < rule->actions->len; i++)
    {
      const Action *action = &g_array_index (rule->actions, Action, i);

      switch (action->kind)
        {
        case ACTION_OK:
          return TRUE;
        case ACTION_FAIL:
          g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_FAILED,
                               action->text ? action->text : _("test executor: failing as asked"));
          return FALSE;
        case ACTION_FLAKY:
          if (attempt <= action->number)
            {
              if (action->text)
                g_set_error_literal (error, TRIB_ERROR, TRIB_ERROR_FAILED, action->text);
              else
                g_set_error (error, TRIB_ERROR, TRIB_ERROR_FAILED,
                             _("test executor: failing attempt %u of the first %u"),
                             attempt, (guint) action->number);
              return FALSE;
            }
          break;
        case ACTION_SLEEP:
          if (!wait_cancellable ((gint64) action->number, cancellable, error))
            return FALSE;
          break;
        case ACTION_HANG:
          trib_execution_log (execution, _("test executor: waiting until cancelled"));
          return wait_cancellable (-1, cancellable, error);
        case ACTION_LOG:
          trib_execution_log_text (execution, action->text);
          break;
        case ACTION_PROGRESS:
          trib_execution_set_progress (execution, action->fraction);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
trib_test_executor_run (TribExecutor   *executor,
                        TribExecution  *execution,
                        GCancellable   *cancellable,
                        GError        **error)
{
  TribTestExecutor *self = TRIB_TEST_EXECUTOR (executor);
  TribNode *node = trib_execution_get_node (execution);
  g_autofree char *parameters = trib_param_set_to_string (trib_execution_get_parameters (execution));
  const char *code = trib_execution_get_code (execution);
  guint *count;
  gboolean ok;

  g_mutex_lock (&self->mutex);
  count = g_hash_table_lookup (self->attempts, trib_node_get_display_name (node));
  if (count == NULL)
    {
      count = g_new0 (guint, 1);
      g_hash_table_insert (self->attempts, g_strdup (trib_node_get_display_name (node)), count);
    }
  (*count)++;
  self->running++;
  self->max_running = MAX (self->max_running, self->running);
  g_mutex_unlock (&self->mutex);

  trib_execution_log (execution, _("test executor standing in for %s node \"%s\", attempt %u of %u"),
                      trib_node_get_command (node), trib_node_get_display_name (node),
                      trib_execution_get_attempt (execution), trib_execution_get_max_attempts (execution));
  trib_execution_log (execution, _("parameters: %s"), parameters);
  if (code && *code)
    {
      trib_execution_log (execution, _("code:"));
      trib_execution_log_text (execution, code);
    }

  ok = run_actions (execution, find_rule (self, execution), cancellable, error);
  if (ok)
    {
      trib_execution_set_progress (execution, 1.0);
      trib_execution_set_summary (execution, _("test executor: ok"));
      trib_execution_log (execution, _("test executor: ok"));
    }

  g_mutex_lock (&self->mutex);
  self->running--;
  g_mutex_unlock (&self->mutex);
  return ok;
}

static void
trib_test_executor_iface_init (TribExecutorInterface *iface)
{
  iface->run = trib_test_executor_run;
}

static void
trib_test_executor_finalize (GObject *object)
{
  TribTestExecutor *self = (TribTestExecutor *) object;

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->attempts, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (trib_test_executor_parent_class)->finalize (object);
}

static void
trib_test_executor_class_init (TribTestExecutorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_test_executor_finalize;
}

static void
trib_test_executor_init (TribTestExecutor *self)
{
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->mutex);
}

guint
trib_test_executor_get_n_attempts (TribTestExecutor *self,
                                   const char       *node)
{
  guint *count;
  guint n;

  g_return_val_if_fail (TRIB_IS_TEST_EXECUTOR (self), 0);

  g_mutex_lock (&self->mutex);
  count = g_hash_table_lookup (self->attempts, node);
  n = count ? *count : 0;
  g_mutex_unlock (&self->mutex);
  return n;
}

guint
trib_test_executor_get_max_concurrent (TribTestExecutor *self)
{
  guint n;

  g_return_val_if_fail (TRIB_IS_TEST_EXECUTOR (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->max_running;
  g_mutex_unlock (&self->mutex);
  return n;
}
