/* trib-sync-editor-sources.c: data sources with their connectivity test, the source
 * type, channel control and the destination's resolved name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-connectivity.h"
#include "trib-connector-error.h"
#include "trib-sync-editor-private.h"

/* Data sources and connectivity {{{ */

static gboolean
kind_fits (TribDataSourceKind kind,
           gboolean           reader,
           TribSyncReaderKind reader_kind)
{
  if (reader)
    return kind == (reader_kind == TRIB_SYNC_READER_MYSQL ? TRIB_DATA_SOURCE_KIND_MYSQL : TRIB_DATA_SOURCE_KIND_HTTPFILE);
  return kind == TRIB_DATA_SOURCE_KIND_S3 || kind == TRIB_DATA_SOURCE_KIND_LOCAL;
}

/* The names of the workspace's data sources that fit, after a "none" entry. */
void
_trib_sync_editor_fill_sources (TribSyncEditor *self,
                                AdwComboRow    *row,
                                gboolean        reader,
                                const char     *current)
{
  GListModel *sources = trib_workspace_get_data_sources (self->workspace);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean found = current == NULL;

  gtk_string_list_append (names, _("Choose a data source"));
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TribDataSource) source = g_list_model_get_item (sources, i);

      if (!kind_fits (trib_data_source_get_kind (source), reader, self->form->reader_kind))
        continue;
      gtk_string_list_append (names, trib_data_source_get_name (source));
      if (g_strcmp0 (current, trib_data_source_get_name (source)) == 0)
        {
          selected = g_list_model_get_n_items (G_LIST_MODEL (names)) - 1;
          found = TRUE;
        }
    }
  if (!found)
    {
      /* Named by the job but not in the workspace (or of another type): still shown. */
      gtk_string_list_append (names, current);
      selected = g_list_model_get_n_items (G_LIST_MODEL (names)) - 1;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
}

char *
_trib_sync_editor_selected_name (AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);
  GtkStringObject *item;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = adw_combo_row_get_selected_item (row);
  return item ? g_strdup (gtk_string_object_get_string (item)) : NULL;
}


void
_trib_sync_editor_source_selected_cb (AdwComboRow    *row,
                                      GParamSpec     *pspec,
                                      TribSyncEditor *self)
{
  gboolean reader = row == self->reader_source_row;
  char **member = reader ? &self->form->reader_datasource : &self->form->writer_datasource;
  AdwActionRow *_trib_sync_editor_test_row = reader ? self->reader_test_row : self->writer_test_row;

  if (self->loading)
    return;
  g_free (*member);
  *member = _trib_sync_editor_selected_name (row);
  adw_action_row_set_subtitle (_trib_sync_editor_test_row, _("Not tested"));
  _trib_sync_editor_form_edited (self);
  if (reader)
    _trib_sync_editor_list_tables (self);
}

typedef struct
{
  TribSyncEditor *self;
  AdwActionRow   *row;
  GtkWidget      *button;
} TestData;

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TestData *data = user_data;
  g_autoptr(TribConnectivityResult) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  outcome = trib_connectivity_test_in_workspace_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (data);
      return;
    }
  if (outcome == NULL)
    text = g_strdup (error->message);
  else if (trib_connectivity_result_get_success (outcome))
    {
      const char *reached = trib_connectivity_result_get_reached (outcome);

      text = reached ? g_strdup_printf (_("Connected: %s"), reached) : g_strdup (_("Connected"));
    }
  else
    {
      const char *hint = trib_connectivity_result_get_hint (outcome);

      text = g_strdup_printf ("%s: %s%s%s",
                              trib_connector_error_get_label (trib_connectivity_result_get_category (outcome)),
                              trib_connectivity_result_get_message (outcome),
                              hint ? "\n" : "", hint ? hint : "");
    }
  adw_action_row_set_subtitle (data->row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_set_sensitive (data->button, TRUE);
  g_free (data);
}

static void
test_clicked_cb (GtkButton      *button,
                 TribSyncEditor *self)
{
  gboolean reader = GTK_WIDGET (button) == g_object_get_data (G_OBJECT (self->reader_test_row), "trib-button");
  const char *name = reader ? self->form->reader_datasource : self->form->writer_datasource;
  AdwActionRow *row = reader ? self->reader_test_row : self->writer_test_row;
  TestData *data;

  if (name == NULL)
    {
      adw_action_row_set_subtitle (row, _("Choose a data source first"));
      return;
    }
  data = g_new0 (TestData, 1);
  data->self = self;
  data->row = row;
  data->button = GTK_WIDGET (button);
  adw_action_row_set_subtitle (row, _("Testing…"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  trib_connectivity_test_in_workspace_async (self->workspace, name, self->cancellable, test_done_cb, data);
}

AdwActionRow *
_trib_sync_editor_test_row (TribSyncEditor      *self,
                            AdwPreferencesGroup *group,
                            const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Test Connectivity"));
  /* TRANSLATORS: the accessible name of a Test Connectivity button; %s is its row's title */
  g_autofree char *label = g_strdup_printf (_("Test %s"), title);

  /* Two such buttons: a screen reader tells them apart by their row. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not tested"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "trib-button", button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (test_clicked_cb), self, 0);
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

/* }}} */
/* Source type and channel control {{{ */

void
_trib_sync_editor_reader_type_selected_cb (AdwComboRow    *row,
                                           GParamSpec     *pspec,
                                           TribSyncEditor *self)
{
  TribSyncReaderKind kind = adw_combo_row_get_selected (row) == 1 ? TRIB_SYNC_READER_HTTPFILE : TRIB_SYNC_READER_MYSQL;
  TribSyncForm *form;

  if (self->loading || kind == self->form->reader_kind)
    return;
  /* Another reader: its settings start afresh, the destination and channel stay. */
  form = trib_sync_form_new (kind);
#define KEEP(member) G_STMT_START { g_free (form->member); form->member = g_strdup (self->form->member); } G_STMT_END
  KEEP (writer_type);
  KEEP (writer_datasource);
  KEEP (object);
  KEEP (writer_file_format);
  KEEP (writer_encoding);
  KEEP (writer_field_delimiter);
  KEEP (writer_null_format);
  KEEP (write_mode);
#undef KEEP
  form->header = g_strdupv (self->form->header);
  form->write_single_object = self->form->write_single_object;
  form->concurrent = self->form->concurrent;
  form->error_limit_records = self->form->error_limit_records;
  form->throttle = self->form->throttle;
  form->mbps = self->form->mbps;
  trib_sync_form_free (self->form);
  self->form = form;
  g_clear_pointer (&self->listed_source, g_free);
  g_clear_pointer (&self->listed_table, g_free);
  g_clear_pointer (&self->catalog_columns, g_ptr_array_unref);
  g_clear_pointer (&self->table_names, g_strfreev);
  _trib_sync_editor_load_form (self);
  _trib_sync_editor_form_edited (self);
}

void
_trib_sync_editor_channel_changed_cb (TribSyncEditor *self)
{
  if (self->loading)
    return;
  self->form->concurrent = (guint) gtk_spin_button_get_value_as_int (self->concurrent_spin);
  self->form->error_limit_records = gtk_switch_get_active (self->limit_switch)
                                    ? (gint64) gtk_spin_button_get_value (self->limit_spin) : -1;
  self->form->throttle = gtk_switch_get_active (self->throttle_switch);
  self->form->mbps = gtk_spin_button_get_value (self->rate_spin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_spin), gtk_switch_get_active (self->limit_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rate_row), self->form->throttle);
  _trib_sync_editor_form_edited (self);
}

/* }}} */
/* Destination: the object name resolved {{{ */

void
_trib_sync_editor_update_resolved (TribSyncEditor *self)
{
  g_autoptr(TribParamSet) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->bizdate_calendar);
  g_autofree char *label = g_date_time_format (picked, "%Y-%m-%d");
  g_autofree char *resolved = NULL;
  const char *object = self->form->object ? self->form->object : "";

  gtk_menu_button_set_label (self->bizdate_button, label);
  params = _trib_sync_editor_dup_params (self, &error);
  if (params != NULL)
    resolved = trib_param_set_substitute (params, object, &error);
  if (resolved == NULL)
    adw_action_row_set_subtitle (self->resolved_row, error ? error->message : "");
  else
    adw_action_row_set_subtitle (self->resolved_row, *resolved ? resolved : _("(empty)"));
}

void
_trib_sync_editor_day_selected_cb (TribSyncEditor *self)
{
  _trib_sync_editor_update_resolved (self);
}

/* }}} */
