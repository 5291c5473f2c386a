/* trib-node-properties-private.h: what the Properties pane's sections share
 *
 * The pane is one widget split by section: parameters (-params.c), schedule
 * (-schedule.c), dependencies and outputs (-deps.c); rerun and general live with the
 * widget itself. Each section keeps the document's text of what it shows ("sig"), so a
 * change of the workflow reloads only the sections whose part of the document changed,
 * and never a field the user is typing in while the document agrees with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"
#include "trib-node-properties.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_PROPS_NONE,
  TRIB_PROPS_PARAMS,
  TRIB_PROPS_SCHEDULE,
  TRIB_PROPS_RERUN,
  TRIB_PROPS_DEPS,
  TRIB_PROPS_OUTPUTS,
  TRIB_PROPS_GENERAL,
} TribPropsSection;

struct _TribNodeProperties
{
  AdwBin         parent_instance;

  TribWorkspace *workspace;
  TribWorkflow  *workflow;
  char          *node_id;
  gulong         changed_id;
  /* The section writing an edit (its fields already show it: it only takes note of the
   * document), and whether the pane is filling its own fields (no handler reacts). */
  TribPropsSection applying;
  gboolean       loading;
  GStrv          problems;

  /* Template children */
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *params_group;
  GtkListBox          *params_list;
  AdwEntryRow         *bizdate_row;
  GtkCalendar         *bizdate_calendar;
  GtkMenuButton       *bizdate_button;
  GtkLabel            *bizdate_label;
  AdwComboRow         *schedule_kind_row;
  AdwEntryRow         *time_row;
  GtkLabel            *time_error;
  AdwEntryRow         *minute_row;
  GtkLabel            *minute_error;
  AdwEntryRow         *cron_row;
  GtkLabel            *cron_error;
  AdwActionRow        *next_runs_row;
  GtkLabel            *next_runs_label;
  AdwEntryRow         *start_row;
  GtkLabel            *start_error;
  AdwEntryRow         *end_row;
  GtkLabel            *end_error;
  AdwComboRow         *recurrence_row;
  AdwComboRow         *rerun_mode_row;
  GtkSpinButton       *rerun_times_spin;
  AdwEntryRow         *rerun_interval_row;
  GtkLabel            *rerun_interval_error;
  GtkSpinButton       *timeout_spin;
  GtkListBox          *upstream_list;
  GtkEntry            *upstream_entry;
  GtkButton           *upstream_add_button;
  GtkMenuButton       *upstream_menu_button;
  GtkLabel            *upstream_error;
  GtkListBox          *outputs_list;
  AdwEntryRow         *name_row;
  GtkLabel            *name_error;
  AdwEntryRow         *description_row;
  AdwEntryRow         *owner_row;
  GtkLabel            *owner_error;
  AdwActionRow        *kind_row;

  /* The document's text of each section when last shown. */
  char                *params_sig;
  char                *schedule_sig;
  char                *rerun_sig;
  char                *deps_sig;
  char                *outputs_sig;
  char                *general_sig;

  /* Problems of each section, NULL when none. */
  GPtrArray           *params_problems;
  char                *schedule_problem[4];   /* time/minute, cron, start, end */
  char                *rerun_problem;
  char                *deps_problem;
  GPtrArray           *outputs_problems;
  char                *general_problem[2];    /* name, owner */
};

/* Runs @func (an edit of the document) on behalf of @section; see "applying". */
typedef gboolean (*TribPropsEditFunc) (TribNodeProperties *self,
                                       gpointer            data,
                                       GError            **error);
gboolean    _trib_node_properties_apply        (TribNodeProperties *self,
                                                TribPropsSection    section,
                                                TribPropsEditFunc   func,
                                                gpointer            data,
                                                GError            **error);
/* Whether @section should reload its fields for a document whose text of it is @sig
 * (and takes note of @sig). */
gboolean    _trib_node_properties_take_sig     (TribNodeProperties *self,
                                                TribPropsSection    section,
                                                char              **stored,
                                                const char         *sig,
                                                gboolean            force);

/* The node, or NULL once it is gone (deleted, or the file broke). */
TribNode   *_trib_node_properties_get_node     (TribNodeProperties *self);
GTimeZone  *_trib_node_properties_dup_zone     (TribNodeProperties *self);
/* Recollects the problems of every section and notifies "problems" if they changed. */
void        _trib_node_properties_update_problems (TribNodeProperties *self);
/* Shows @message (or clears it) at a field: the "error" style on @field, the text in
 * @label under it, and as the field's accessible description. */
void        _trib_node_properties_show_error   (GtkWidget          *field,
                                                GtkLabel           *label,
                                                const char         *message);
/* Names a preferences row (and the text inside an entry row) after its title. */
void        _trib_node_properties_label_row    (GtkWidget          *row);
/* A GError message without its "Section: " prefix, for the label under a field (the
 * problems list keeps the whole sentence). */
const char *_trib_node_properties_strip_section (const char        *message);
/* A non-activatable list row holding a hidden error label, to put under a field. */
GtkWidget  *_trib_node_properties_new_error_row (GtkLabel         **label);

/* Parameters (trib-node-properties-params.c) */
void        _trib_node_properties_params_class_init (GtkWidgetClass   *widget_class);
void        _trib_node_properties_params_init    (TribNodeProperties *self);
void        _trib_node_properties_params_load    (TribNodeProperties *self,
                                                  gboolean            force);
void        _trib_node_properties_params_refresh_resolved (TribNodeProperties *self);
void        _trib_node_properties_params_flush   (TribNodeProperties *self);

/* Schedule (trib-node-properties-schedule.c) */
void        _trib_node_properties_schedule_init  (TribNodeProperties *self);
void        _trib_node_properties_schedule_load  (TribNodeProperties *self,
                                                  gboolean            force);

/* Dependencies and outputs (trib-node-properties-deps.c) */
void        _trib_node_properties_deps_class_init (GtkWidgetClass     *widget_class);
void        _trib_node_properties_deps_init      (TribNodeProperties *self);
void        _trib_node_properties_deps_load      (TribNodeProperties *self,
                                                  gboolean            force);
void        _trib_node_properties_outputs_load   (TribNodeProperties *self,
                                                  gboolean            force);

G_END_DECLS
