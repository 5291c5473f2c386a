/* trib-schedule-button.h: whether a workflow fires on its own, when, and a switch to pause it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SCHEDULE_BUTTON (trib_schedule_button_get_type ())

G_DECLARE_FINAL_TYPE (TribScheduleButton, trib_schedule_button, TRIB, SCHEDULE_BUTTON, AdwBin)

/* A button that says "Scheduled 00:30" / "Paused" / "Not Scheduled"; its popover lists the
 * next fire times with their business dates and has a switch that pauses or resumes the
 * workflow: the start node's FlowSpec "recurrence" becomes Pause or Normal and the file
 * is written in the background. */
GtkWidget *trib_schedule_button_new           (void);
void       trib_schedule_button_set_workflow  (TribScheduleButton *self,
                                               TribWorkspace      *workspace,
                                               TribWorkflow       *workflow);

/* For the UI tests */
const char *_trib_schedule_button_get_label   (TribScheduleButton *self);
char       *_trib_schedule_button_dup_details (TribScheduleButton *self);
void        _trib_schedule_button_set_paused  (TribScheduleButton *self,
                                               gboolean            paused);
gboolean    _trib_schedule_button_is_saving   (TribScheduleButton *self);

G_END_DECLS
