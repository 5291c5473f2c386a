/* trib-sync-editor-private.h: shared by the sync editor's files
 *
 * trib-sync-editor.c keeps the document and the modes; trib-sync-editor-form.c builds and
 * fills the form's rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trib-sync-editor.h"
#include "trib-param-set.h"
#include "trib-sync-form.h"
#include "trib-sync-script-view.h"

G_BEGIN_DECLS

struct _TribSyncEditor
{
  GtkWidget           parent_instance;

  TribWorkspace      *workspace;
  TribWorkflow       *workflow;
  char               *node_id;
  GCancellable       *cancellable;

  /* Template */
  AdwViewStack       *stack;
  GtkLabel           *mode_message;
  GtkBox             *form_box;
  TribSyncScriptView *script_view;

  /* The form's model: what the rows show. */
  TribSyncForm       *form;
  gboolean            form_touched;   /* the user changed something since it was loaded */
  gboolean            loading;        /* rows are being filled: their signals are not edits */
  gboolean            switching;      /* the stack's page is being set by code */
  GStrv               problems;
  char               *known_content;  /* the node's content when last read or written */

  /* Rows, built by trib-sync-editor-form.c */
  GPtrArray          *bound_rows;     /* rows tied to a member of TribSyncForm */
  GPtrArray          *error_rows;     /* rows shown with an error now */
  AdwComboRow        *reader_type_row;
  AdwComboRow        *reader_source_row;
  AdwActionRow       *reader_test_row;
  AdwComboRow        *writer_type_row;
  AdwComboRow        *writer_source_row;
  AdwActionRow       *writer_test_row;
  AdwPreferencesGroup *source_group;
  AdwPreferencesGroup *reader_group;
  AdwPreferencesGroup *writer_group;
  AdwPreferencesGroup *mapping_group;
  AdwPreferencesGroup *channel_group;
  GtkLabel           *source_errors;
  GtkLabel           *reader_errors;
  GtkLabel           *writer_errors;
  GtkLabel           *mapping_errors;
  GtkLabel           *channel_errors;
  AdwComboRow        *table_row;
  GtkStringList      *tables;
  AdwExpanderRow     *columns_row;
  GPtrArray          *column_rows;
  GPtrArray          *catalog_columns; /* of TribSyncCatalogColumn, NULL until listed */
  GtkWidget          *mysql_rows[4];
  GtkWidget          *file_rows[7];
  AdwActionRow       *resolved_row;
  GtkCalendar        *bizdate_calendar;
  GPtrArray          *mapping_rows;
  GtkWidget          *map_by_name_button;
  GtkWidget          *add_field_button;
  GtkSpinButton      *concurrent_spin;
  GtkSwitch          *limit_switch;
  GtkSpinButton      *limit_spin;
  GtkSwitch          *throttle_switch;
  GtkSpinButton      *rate_spin;
  AdwActionRow       *rate_row;
  GtkMenuButton      *bizdate_button;
  char               *listed_source;  /* the MySQL source whose tables are listed */
  char               *listed_table;   /* the table whose columns are listed */
  GStrv               table_names;    /* the tables listed_source has */
  guint               catalog_serial; /* the latest table or column listing */
  gboolean            select_all_columns; /* the user chose the table: take all its columns */
};

/* trib-sync-editor.c */
void  _trib_sync_editor_form_edited     (TribSyncEditor *self);
const char *_trib_sync_editor_get_content (TribSyncEditor *self);
void  _trib_sync_editor_show_preview    (TribSyncEditor *self);
TribParamSet *_trib_sync_editor_dup_params (TribSyncEditor *self,
                                            GError        **error);

/* trib-sync-editor-form.c */
void  _trib_sync_editor_build_form      (TribSyncEditor *self);
void  _trib_sync_editor_load_form       (TribSyncEditor *self);
/* Marks the rows the problems name; returns the problems as sentences naming the fields. */
GStrv _trib_sync_editor_show_form_problems (TribSyncEditor *self,
                                            GPtrArray      *problems);
void  _trib_sync_editor_update_resolved (TribSyncEditor *self);
GtkWidget *_trib_sync_editor_icon_button (const char     *icon_name,
                                          const char     *label);
char *_trib_sync_editor_selected_name   (AdwComboRow    *row);

/* trib-sync-editor-sources.c */
void  _trib_sync_editor_fill_sources    (TribSyncEditor *self,
                                         AdwComboRow    *row,
                                         gboolean        reader,
                                         const char     *current);
AdwActionRow *_trib_sync_editor_test_row (TribSyncEditor      *self,
                                          AdwPreferencesGroup *group,
                                          const char          *title);
void  _trib_sync_editor_source_selected_cb (AdwComboRow    *row,
                                            GParamSpec     *pspec,
                                            TribSyncEditor *self);
void  _trib_sync_editor_reader_type_selected_cb (AdwComboRow    *row,
                                                 GParamSpec     *pspec,
                                                 TribSyncEditor *self);
void  _trib_sync_editor_channel_changed_cb (TribSyncEditor *self);
void  _trib_sync_editor_day_selected_cb (TribSyncEditor *self);

/* trib-sync-editor-columns.c */
void  _trib_sync_editor_fill_tables     (TribSyncEditor *self,
                                         GStrv           listed);
void  _trib_sync_editor_list_tables     (TribSyncEditor *self);
void  _trib_sync_editor_list_columns    (TribSyncEditor *self);
void  _trib_sync_editor_table_selected_cb (AdwComboRow    *row,
                                           GParamSpec     *pspec,
                                           TribSyncEditor *self);
void  _trib_sync_editor_rebuild_columns (TribSyncEditor *self);
void  _trib_sync_editor_rebuild_mapping (TribSyncEditor *self);
void  _trib_sync_editor_map_by_name     (TribSyncEditor *self);
void  _trib_sync_editor_map_by_row      (TribSyncEditor *self);
void  _trib_sync_editor_add_field       (TribSyncEditor *self);

G_END_DECLS
