/* trib-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-clock.h"

typedef enum
{
  CLOCK_SYSTEM,
  CLOCK_MANUAL,
  CLOCK_FILE,
} ClockKind;

struct _TribClock
{
  GObject    parent_instance;
  ClockKind  kind;
  GDateTime *now;     /* manual; for a file, the last time it held */
  char      *path;
};

G_DEFINE_FINAL_TYPE (TribClock, trib_clock, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
trib_clock_finalize (GObject *object)
{
  TribClock *self = TRIB_CLOCK (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (trib_clock_parent_class)->finalize (object);
}

static void
trib_clock_class_init (TribClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_clock_finalize;

  /* A manual clock was moved. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
trib_clock_init (TribClock *self)
{
}

TribClock *
trib_clock_new_system (void)
{
  return g_object_new (TRIB_TYPE_CLOCK, NULL);
}

TribClock *
trib_clock_new_manual (GDateTime *now)
{
  TribClock *self = g_object_new (TRIB_TYPE_CLOCK, NULL);

  g_return_val_if_fail (now != NULL, self);
  self->kind = CLOCK_MANUAL;
  self->now = g_date_time_to_utc (now);
  return self;
}

TribClock *
trib_clock_new_for_file (const char *path)
{
  TribClock *self = g_object_new (TRIB_TYPE_CLOCK, NULL);

  self->kind = CLOCK_FILE;
  self->path = g_strdup (path);
  return self;
}

TribClock *
trib_clock_new_default (void)
{
  const char *path = g_getenv (TRIB_CLOCK_ENV);

  if (path != NULL && *path != '\0')
    return trib_clock_new_for_file (path);
  return trib_clock_new_system ();
}

static void
read_file (TribClock *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  /* A file being rewritten may be empty for a moment: keep the last good time. */
  if (!g_file_get_contents (self->path, &text, NULL, NULL))
    return;
  g_strstrip (text);
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return;
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_to_utc (time);
}

GDateTime *
trib_clock_dup_now (TribClock *self)
{
  g_return_val_if_fail (TRIB_IS_CLOCK (self), NULL);

  switch (self->kind)
    {
    case CLOCK_FILE:
      read_file (self);
      if (self->now == NULL)
        {
          g_warning ("%s=%s holds no ISO 8601 time", TRIB_CLOCK_ENV, self->path);
          self->now = g_date_time_new_from_unix_utc (0);
        }
      return g_date_time_ref (self->now);
    case CLOCK_MANUAL:
      return g_date_time_ref (self->now);
    case CLOCK_SYSTEM:
    default:
      return g_date_time_new_now_utc ();
    }
}

void
trib_clock_set_now (TribClock *self,
                    GDateTime *now)
{
  g_return_if_fail (TRIB_IS_CLOCK (self));
  g_return_if_fail (self->kind == CLOCK_MANUAL);
  g_return_if_fail (now != NULL);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_to_utc (now);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
trib_clock_is_system (TribClock *self)
{
  g_return_val_if_fail (TRIB_IS_CLOCK (self), TRUE);
  return self->kind == CLOCK_SYSTEM;
}

guint
trib_clock_get_max_sleep_ms (TribClock *self)
{
  g_return_val_if_fail (TRIB_IS_CLOCK (self), 1000);
  return self->kind == CLOCK_SYSTEM ? 30 * 1000 : 20;
}
