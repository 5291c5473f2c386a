/* trib-clock.h: the time the scheduler goes by, which tests can set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Test only: the path of a file holding an ISO 8601 time ("2024-08-08T00:30:00+08:00").
 * When it is set, trib_clock_new_default() reads the time from that file (again each
 * time it is asked), so a test can move the clock of a scheduler running in another
 * process by rewriting the file. */
#define TRIB_CLOCK_ENV "TRIBUTARY_TEST_CLOCK"

#define TRIB_TYPE_CLOCK (trib_clock_get_type ())

G_DECLARE_FINAL_TYPE (TribClock, trib_clock, TRIB, CLOCK, GObject)

/* The real time. */
TribClock  *trib_clock_new_system      (void);
/* A clock that shows @now until trib_clock_set_now() moves it (tests). */
TribClock  *trib_clock_new_manual      (GDateTime   *now);
/* A clock that shows the time written in @path (tests; see TRIB_CLOCK_ENV). */
TribClock  *trib_clock_new_for_file    (const char  *path);
/* The file clock when TRIB_CLOCK_ENV is set, else the system clock. */
TribClock  *trib_clock_new_default     (void);

/* The current time, in UTC. */
GDateTime  *trib_clock_dup_now         (TribClock   *self);
/* Manual clocks only; emits "changed". */
void        trib_clock_set_now         (TribClock   *self,
                                        GDateTime   *now);
gboolean    trib_clock_is_system       (TribClock   *self);
/* The longest a scheduler may sleep before asking again: the system clock can jump
 * (a suspend, an NTP step), a test clock can move at any moment. */
guint       trib_clock_get_max_sleep_ms (TribClock  *self);

G_END_DECLS
