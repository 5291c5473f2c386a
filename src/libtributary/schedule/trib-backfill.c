/* trib-backfill.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-backfill.h"
#include "trib-civil-time.h"
#include "trib-error.h"

typedef struct
{
  char         *bizdate;
  TribRunState  state;
  gint64        run_id;
  char         *message;
  TribRun      *run;       /* while it runs */
  guint         started : 1;
  guint         done : 1;
} DateState;

struct _TribBackfill
{
  GObject         parent_instance;
  TribRunner     *runner;
  TribWorkflow   *workflow;
  char           *id;
  GPtrArray      *dates;       /* DateState, in run order */
  GStrv           order;       /* their bizdates, for the getter */
  guint           parallelism;
  TribRunOptions  options;
  char           *options_node;

  GTask          *task;
  guint           next;
  guint           in_flight;
  /* Runs are created one after another, so their ids and starts follow the date order
   * even when several run at once. */
  gboolean        creating;
  guint           n_succeeded;
  guint           n_failed;
  gboolean        cancelled;
};

G_DEFINE_FINAL_TYPE (TribBackfill, trib_backfill, G_TYPE_OBJECT)

enum {
  SIGNAL_RUN_CREATED,
  SIGNAL_DATE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
date_state_free (gpointer data)
{
  DateState *date = data;

  g_free (date->bizdate);
  g_free (date->message);
  g_clear_object (&date->run);
  g_free (date);
}

static void
trib_backfill_finalize (GObject *object)
{
  TribBackfill *self = (TribBackfill *) object;

  g_clear_object (&self->runner);
  g_clear_object (&self->workflow);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->dates, g_ptr_array_unref);
  g_clear_pointer (&self->order, g_strfreev);
  g_clear_pointer (&self->options_node, g_free);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (trib_backfill_parent_class)->finalize (object);
}

static void
trib_backfill_class_init (TribBackfillClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_backfill_finalize;

  signals[SIGNAL_RUN_CREATED] =
    g_signal_new ("run-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TRIB_TYPE_RUN);
  signals[SIGNAL_DATE_FINISHED] =
    g_signal_new ("date-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, TRIB_TYPE_RUN_STATE, G_TYPE_STRING);
}

static void
trib_backfill_init (TribBackfill *self)
{
  TribRunOptions defaults = TRIB_RUN_OPTIONS_INIT;

  self->dates = g_ptr_array_new_with_free_func (date_state_free);
  self->parallelism = 1;
  self->options = defaults;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  const DateState *x = *(const DateState **) a;
  const DateState *y = *(const DateState **) b;

  return strcmp (x->bizdate, y->bizdate);
}

static void
update_order (TribBackfill *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; i < self->dates->len; i++)
    g_strv_builder_add (builder, ((DateState *) g_ptr_array_index (self->dates, i))->bizdate);
  g_strfreev (self->order);
  self->order = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
}

static gboolean
parse_bizdate (const char     *text,
               TribCivilTime  *date,
               GError        **error)
{
  return trib_civil_parse_checked (text, FALSE, date, error);
}

TribBackfill *
trib_backfill_new (TribRunner          *runner,
                   TribWorkflow        *workflow,
                   const char * const  *bizdates,
                   GError             **error)
{
  g_autoptr(TribBackfill) self = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (TRIB_IS_RUNNER (runner), NULL);
  g_return_val_if_fail (TRIB_IS_WORKFLOW (workflow), NULL);

  self = g_object_new (TRIB_TYPE_BACKFILL, NULL);
  self->runner = g_object_ref (runner);
  self->workflow = g_object_ref (workflow);
  self->id = g_strdup_printf ("backfill-%.8s", uuid);

  for (guint i = 0; bizdates && bizdates[i]; i++)
    {
      TribCivilTime date;
      DateState *state;

      if (!parse_bizdate (bizdates[i], &date, error))
        return NULL;
      if (!g_hash_table_add (seen, (gpointer) bizdates[i]))
        continue;
      state = g_new0 (DateState, 1);
      state->bizdate = g_strdup (bizdates[i]);
      state->state = TRIB_RUN_STATE_RUNNING;
      g_ptr_array_add (self->dates, state);
    }

  if (self->dates->len == 0)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("a backfill needs at least one business date"));
      return NULL;
    }

  g_ptr_array_sort (self->dates, compare_dates);
  update_order (self);
  return g_steal_pointer (&self);
}

GStrv
trib_backfill_expand_range (const char  *from,
                            const char  *to,
                            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  TribCivilTime first, last;
  gint64 a, b;

  if (!parse_bizdate (from, &first, error) || !parse_bizdate (to, &last, error))
    return NULL;

  a = trib_civil_days_from_date (first.year, first.month, first.day);
  b = trib_civil_days_from_date (last.year, last.month, last.day);
  if (a > b)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("the range %s to %s is empty: its first date comes after its last"), from, to);
      return NULL;
    }
  if (b - a >= 36600)
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("the range %s to %s is longer than 100 years"), from, to);
      return NULL;
    }

  for (gint64 day = a; day <= b; day++)
    {
      TribCivilTime date = { 0 };
      g_autofree char *text = NULL;

      trib_civil_date_from_days (day, &date.year, &date.month, &date.day);
      text = trib_civil_format_date (&date);
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

const char *
trib_backfill_get_id (TribBackfill *self)
{
  g_return_val_if_fail (TRIB_IS_BACKFILL (self), NULL);
  return self->id;
}

const char * const *
trib_backfill_get_bizdates (TribBackfill *self)
{
  g_return_val_if_fail (TRIB_IS_BACKFILL (self), NULL);
  return (const char * const *) self->order;
}

void
trib_backfill_set_descending (TribBackfill *self,
                              gboolean      descending)
{
  g_return_if_fail (TRIB_IS_BACKFILL (self));
  g_return_if_fail (self->task == NULL);

  g_ptr_array_sort (self->dates, compare_dates);
  if (descending)
    for (guint i = 0, j = self->dates->len - 1; i < j; i++, j--)
      {
        gpointer t = self->dates->pdata[i];
        self->dates->pdata[i] = self->dates->pdata[j];
        self->dates->pdata[j] = t;
      }
  update_order (self);
}

void
trib_backfill_set_parallelism (TribBackfill *self,
                               guint         parallelism)
{
  g_return_if_fail (TRIB_IS_BACKFILL (self));
  self->parallelism = MAX (parallelism, 1);
}

guint
trib_backfill_get_parallelism (TribBackfill *self)
{
  g_return_val_if_fail (TRIB_IS_BACKFILL (self), 1);
  return self->parallelism;
}

void
trib_backfill_set_options (TribBackfill         *self,
                           const TribRunOptions *options)
{
  g_return_if_fail (TRIB_IS_BACKFILL (self));
  g_return_if_fail (options != NULL);

  self->options.scope = options->scope;
  g_free (self->options_node);
  self->options_node = g_strdup (options->node);
  self->options.node = self->options_node;
  self->options.max_parallel = options->max_parallel;
  self->options.default_timeout_ms = options->default_timeout_ms;
}

static gboolean
options_for_date (TribBackfill    *self,
                  DateState       *date,
                  TribRunOptions  *options,
                  GError         **error)
{
  *options = self->options;
  options->cyctime = trib_runner_dup_cyctime_for_bizdate (self->runner, self->workflow, date->bizdate, error);
  options->kind = "backfill";
  options->backfill_id = self->id;
  options->rerun_of = 0;
  return options->cyctime != NULL;
}

gboolean
trib_backfill_preview_foreach (TribBackfill             *self,
                               TribBackfillPreviewFunc   func,
                               gpointer                  user_data,
                               GError                  **error)
{
  g_return_val_if_fail (TRIB_IS_BACKFILL (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* One planned run at a time: a century of dates costs what one date does. */
  for (guint i = 0; i < self->dates->len; i++)
    {
      g_autoptr(TribRun) run = NULL;
      TribRunOptions options;

      if (!options_for_date (self, g_ptr_array_index (self->dates, i), &options, error))
        return FALSE;
      run = trib_runner_plan_run (self->runner, self->workflow, &options, error);
      g_date_time_unref (options.cyctime);
      if (run == NULL)
        return FALSE;
      func (run, user_data);
    }
  return TRUE;
}

static void
collect_run (TribRun  *run,
             gpointer  user_data)
{
  g_ptr_array_add (user_data, g_object_ref (run));
}

GPtrArray *
trib_backfill_preview (TribBackfill  *self,
                       GError       **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TRIB_IS_BACKFILL (self), NULL);

  if (!trib_backfill_preview_foreach (self, collect_run, runs, error))
    return NULL;
  return g_steal_pointer (&runs);
}

static void start_next (TribBackfill *self);

static void
maybe_complete (TribBackfill *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) failed = NULL;
  guint n_not_started = 0;

  if (self->task == NULL || self->in_flight > 0 || (self->next < self->dates->len && !self->cancelled))
    return;

  task = g_steal_pointer (&self->task);
  failed = g_string_new (NULL);
  for (guint i = 0; i < self->dates->len; i++)
    {
      DateState *date = g_ptr_array_index (self->dates, i);

      if (!date->started)
        n_not_started++;
      else if (date->state != TRIB_RUN_STATE_SUCCESS)
        g_string_append_printf (failed, "%s%s (%s)", failed->len ? ", " : "", date->bizdate,
                                date->message ? date->message : trib_run_state_to_string (date->state));
    }

  if (self->cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             g_dngettext (GETTEXT_PACKAGE, "the backfill was cancelled; %u date did not start",
                                          "the backfill was cancelled; %u dates did not start", n_not_started),
                             n_not_started);
  else if (failed->len > 0)
    g_task_return_new_error (task, TRIB_ERROR, TRIB_ERROR_FAILED,
                             _("%u of %u business dates did not succeed: %s"),
                             self->dates->len - self->n_succeeded, self->dates->len, failed->str);
  else
    g_task_return_boolean (task, TRUE);
}

static void
date_done (TribBackfill *self,
           DateState    *date,
           TribRunState  state,
           const char   *message)
{
  date->done = TRUE;
  date->state = state;
  g_free (date->message);
  date->message = g_strdup (message);
  g_clear_object (&date->run);
  self->in_flight--;
  if (state == TRIB_RUN_STATE_SUCCESS)
    self->n_succeeded++;
  else
    self->n_failed++;

  g_signal_emit (self, signals[SIGNAL_DATE_FINISHED], 0, date->bizdate, state, message);
  start_next (self);
  maybe_complete (self);
}

typedef struct
{
  TribBackfill *self;
  DateState    *date;
} DateJob;

static void
date_job_free (DateJob *job)
{
  g_object_unref (job->self);
  g_free (job);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DateJob *job = user_data;
  TribRun *run = TRIB_RUN (object);
  g_autoptr(GError) error = NULL;

  trib_run_start_finish (run, result, &error);
  date_done (job->self, job->date, trib_run_get_state (run),
             error ? error->message : trib_run_get_message (run));
  date_job_free (job);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DateJob *job = user_data;
  TribBackfill *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TribRun) run = trib_runner_create_run_finish (TRIB_RUNNER (object), result, &error);

  self->creating = FALSE;
  if (run == NULL)
    {
      date_done (self, job->date, TRIB_RUN_STATE_FAILED, error->message);
      date_job_free (job);
      return;
    }

  job->date->run_id = trib_run_get_id (run);
  job->date->run = g_object_ref (run);
  g_signal_emit (self, signals[SIGNAL_RUN_CREATED], 0, run);
  trib_run_start_async (run, NULL, run_done_cb, job);
  if (self->cancelled)
    trib_run_cancel (run);
  start_next (self);
}

static void
start_next (TribBackfill *self)
{
  while (!self->cancelled && !self->creating && self->in_flight < self->parallelism &&
         self->next < self->dates->len)
    {
      DateState *date = g_ptr_array_index (self->dates, self->next++);
      g_autoptr(GError) error = NULL;
      TribRunOptions options;
      DateJob *job;

      date->started = TRUE;
      self->in_flight++;
      if (!options_for_date (self, date, &options, &error))
        {
          date_done (self, date, TRIB_RUN_STATE_FAILED, error->message);
          continue;
        }

      job = g_new0 (DateJob, 1);
      job->self = g_object_ref (self);
      job->date = date;
      self->creating = TRUE;
      trib_runner_create_run_async (self->runner, self->workflow, &options, NULL, created_cb, job);
      g_date_time_unref (options.cyctime);
    }
}

static void
cancelled_cb (GCancellable *cancellable,
              TribBackfill *self)
{
  trib_backfill_cancel (self);
}

void
trib_backfill_start_async (TribBackfill        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (TRIB_IS_BACKFILL (self));
  g_return_if_fail (self->task == NULL && self->next == 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, trib_backfill_start_async);
  g_task_set_check_cancellable (self->task, FALSE);
  if (cancellable)
    g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
  start_next (self);
  maybe_complete (self);
}

gboolean
trib_backfill_start_finish (TribBackfill  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (TRIB_IS_BACKFILL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trib_backfill_cancel (TribBackfill *self)
{
  g_return_if_fail (TRIB_IS_BACKFILL (self));

  if (self->cancelled || self->task == NULL)
    return;
  self->cancelled = TRUE;
  for (guint i = 0; i < self->dates->len; i++)
    {
      DateState *date = g_ptr_array_index (self->dates, i);

      if (date->run)
        trib_run_cancel (date->run);
    }
  maybe_complete (self);
}

guint
trib_backfill_get_n_succeeded (TribBackfill *self)
{
  g_return_val_if_fail (TRIB_IS_BACKFILL (self), 0);
  return self->n_succeeded;
}

guint
trib_backfill_get_n_failed (TribBackfill *self)
{
  g_return_val_if_fail (TRIB_IS_BACKFILL (self), 0);
  return self->n_failed;
}

static DateState *
lookup_date (TribBackfill *self,
             const char   *bizdate)
{
  for (guint i = 0; i < self->dates->len; i++)
    {
      DateState *date = g_ptr_array_index (self->dates, i);

      if (g_strcmp0 (date->bizdate, bizdate) == 0)
        return date;
    }
  return NULL;
}

TribRunState
trib_backfill_get_date_state (TribBackfill *self,
                              const char   *bizdate)
{
  DateState *date;

  g_return_val_if_fail (TRIB_IS_BACKFILL (self), TRIB_RUN_STATE_FAILED);

  date = lookup_date (self, bizdate);
  return date ? date->state : TRIB_RUN_STATE_FAILED;
}

gint64
trib_backfill_get_date_run_id (TribBackfill *self,
                               const char   *bizdate)
{
  DateState *date;

  g_return_val_if_fail (TRIB_IS_BACKFILL (self), 0);

  date = lookup_date (self, bizdate);
  return date ? date->run_id : 0;
}
