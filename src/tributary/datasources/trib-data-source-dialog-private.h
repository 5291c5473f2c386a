/* trib-data-source-dialog-private.h: for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-data-source-dialog.h"

G_BEGIN_DECLS

/* One option row of the Connection group. */
typedef struct
{
  char           *key;
  TribOptionType  type;
  AdwPreferencesGroup *group;
  GtkWidget      *row;
  GtkWidget      *input;        /* AdwEntryRow, GtkSwitch or AdwComboRow */
  GtkWidget      *error_icon;
  char           *error;
} Field;

struct _TribDataSourceDialog
{
  AdwWindow            parent_instance;

  TribWorkspace       *workspace;
  TribDataSource      *original;    /* NULL for a new data source */
  TribDataSourceKind   kind;
  GPtrArray           *fields;      /* Field */
  GtkWidget           *secret_row;
  char                *name_error;
  GCancellable        *test_cancellable;
  GCancellable        *cancellable; /* everything else: secret lookups, saving */
  TribConnectivityResult *last_result;
  gboolean             busy;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwEntryRow         *name_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *description_row;
  AdwPreferencesGroup *connection_group;
  AdwPreferencesGroup *advanced_group;
  AdwPreferencesGroup *test_group;
  GtkSpinner          *test_spinner;
  GtkButton           *test_button;
  GtkWidget           *result_box;
  GtkImage            *result_icon;
  GtkLabel            *result_title;
  GtkLabel            *result_details;
  GtkLabel            *result_hint;
  AdwPreferencesGroup *delete_group;
};

void            _trib_data_source_dialog_field_free      (gpointer               data);
Field          *_trib_data_source_dialog_find_field      (TribDataSourceDialog  *self,
                                                          const char            *key);
const char     *_trib_data_source_dialog_name_text       (TribDataSourceDialog  *self);
char           *_trib_data_source_dialog_secret_text     (TribDataSourceDialog  *self);
gboolean        _trib_data_source_dialog_kind_has_secret (TribDataSourceKind     kind);
TribDataSource *_trib_data_source_dialog_build_candidate (TribDataSourceDialog  *self,
                                                          GPtrArray             *problems);
void            _trib_data_source_dialog_revalidate      (TribDataSourceDialog  *self);
void            _trib_data_source_dialog_build_fields    (TribDataSourceDialog  *self);
void            _trib_data_source_dialog_field_changed_cb (TribDataSourceDialog *self);

/* For the UI tests */

void        _trib_data_source_dialog_set_kind      (TribDataSourceDialog *self,
                                                    TribDataSourceKind    kind);
/* @key is an option key, or "name", "description", "secret". */
void        _trib_data_source_dialog_set_field     (TribDataSourceDialog *self,
                                                    const char           *key,
                                                    const char           *value);
/* The message shown under a field, or NULL when it is fine. */
const char *_trib_data_source_dialog_get_field_error (TribDataSourceDialog *self,
                                                      const char           *key);
gboolean    _trib_data_source_dialog_is_testing    (TribDataSourceDialog *self);
/* The visible result of the last test: title, details and hint, one per line. */
char       *_trib_data_source_dialog_dup_result    (TribDataSourceDialog *self);
gboolean    _trib_data_source_dialog_can_save      (TribDataSourceDialog *self);

G_END_DECLS
