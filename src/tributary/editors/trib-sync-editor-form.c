/* trib-sync-editor-form.c: the codeless form's rows, in DataWorks' order
 *
 * 1. Source and destination, 2. source settings (with Preview Data), 3. destination
 * settings, 4. field mapping, 5. channel control. Most rows are tied to one member of
 * TribSyncForm (a "bound" row); the rest (data sources, table, columns, mapping, channel)
 * have their own handlers. Every handler updates self->form and calls
 * _trib_sync_editor_form_edited(), which checks and applies the job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-connectivity.h"
#include "trib-connector-error.h"
#include "trib-sync-editor-private.h"
#include "trib-sync-mysql-catalog.h"

#define READER "steps[0].parameter"
#define WRITER "steps[1].parameter"

typedef enum
{
  BOUND_ENTRY,        /* char * member; "" kept */
  BOUND_ENTRY_NULL,   /* char * member; "" is NULL (key not written) */
  BOUND_COMBO,        /* char * member, one of values[] */
  BOUND_SWITCH,       /* gboolean member */
  BOUND_HEADER,       /* GStrv header, typed comma-separated */
  BOUND_NONE,         /* not tied to a member: only a place for errors */
} BoundKind;

typedef struct
{
  GtkWidget           *row;
  GtkWidget           *widget;   /* the switch of a switch row */
  BoundKind            kind;
  gsize                offset;
  const char * const  *values;
  const char          *path;     /* the JSON path the validator names it by */
  const char          *label;
  GtkLabel            *errors;   /* the group's error label */
} Bound;

static const char * const file_formats[] = { "text", "csv", NULL };
static const char * const compressions[] = { "none", "gzip", "bzip2", "zip", NULL };
static const char * const write_modes[] = { "truncate", "append", "nonConflict", NULL };
static const char * const writer_types[] = { "oss", "s3", NULL };

/* The address of the form member a bound row shows. */
#define MEMBER(self, bound) G_STRUCT_MEMBER_P ((self)->form, (bound)->offset)

/* Helpers {{{ */

static Bound *
bind_row (TribSyncEditor *self,
          GtkWidget      *row,
          BoundKind       kind,
          gsize           offset,
          const char     *path,
          const char     *label,
          GtkLabel       *errors)
{
  Bound *bound = g_new0 (Bound, 1);

  bound->row = row;
  bound->kind = kind;
  bound->offset = offset;
  bound->path = path;
  bound->label = label;
  bound->errors = errors;
  g_object_set_data (G_OBJECT (row), "trib-bound", bound);
  g_ptr_array_add (self->bound_rows, bound);
  return bound;
}

/* The label listing a group's problems; added by the caller after the group's rows. */
static GtkLabel *
error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

static AdwPreferencesGroup *
add_group (TribSyncEditor *self,
           const char     *title,
           const char     *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->form_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void entry_changed_cb (GtkEditable *editable, TribSyncEditor *self);
static void combo_selected_cb (AdwComboRow *row, GParamSpec *pspec, TribSyncEditor *self);
static void switch_active_cb (GtkSwitch *widget, GParamSpec *pspec, TribSyncEditor *self);

static GtkWidget *
entry_row (TribSyncEditor      *self,
           AdwPreferencesGroup *group,
           GtkLabel            *errors,
           const char          *title,
           BoundKind            kind,
           gsize                offset,
           const char          *path)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  bind_row (self, row, kind, offset, path, title, errors);
  g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self, 0);
  return row;
}

static GtkWidget *
combo_row (TribSyncEditor      *self,
           AdwPreferencesGroup *group,
           GtkLabel            *errors,
           const char          *title,
           const char * const  *labels,
           const char * const  *values,
           gsize                offset,
           const char          *path)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);
  Bound *bound;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (group, row);
  bound = bind_row (self, row, BOUND_COMBO, offset, path, title, errors);
  bound->values = values;
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (combo_selected_cb), self, 0);
  return row;
}

static GtkWidget *
switch_row (TribSyncEditor      *self,
            AdwPreferencesGroup *group,
            GtkLabel            *errors,
            const char          *title,
            const char          *subtitle,
            gsize                offset,
            const char          *path)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *widget = gtk_switch_new ();
  Bound *bound;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  adw_preferences_group_add (group, row);
  bound = bind_row (self, row, BOUND_SWITCH, offset, path, title, errors);
  bound->widget = widget;
  g_object_set_data (G_OBJECT (widget), "trib-bound", bound);
  g_signal_connect_object (widget, "notify::active", G_CALLBACK (switch_active_cb), self, 0);
  return row;
}

static GtkWidget *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          double               minimum,
          double               maximum,
          guint                digits,
          GtkSpinButton      **spin)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_spin_button_new_with_range (minimum, maximum, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), digits);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
  *spin = GTK_SPIN_BUTTON (button);
  return row;
}

GtkWidget *
_trib_sync_editor_icon_button (const char *icon_name,
                               const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static guint
index_of (const char * const *values,
          const char         *value)
{
  for (guint i = 0; values && values[i]; i++)
    if (value && g_ascii_strcasecmp (values[i], value) == 0)
      return i;
  return 0;
}

/* }}} */
/* Bound rows {{{ */

static void
entry_changed_cb (GtkEditable    *editable,
                  TribSyncEditor *self)
{
  Bound *bound = g_object_get_data (G_OBJECT (editable), "trib-bound");
  const char *text = gtk_editable_get_text (editable);

  if (self->loading)
    return;
  if (bound->kind == BOUND_HEADER)
    {
      GStrv *header = MEMBER (self, bound);
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i]; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i])
            g_strv_builder_add (builder, parts[i]);
        }
      g_strfreev (*header);
      *header = g_strv_builder_end (builder);
      if (**header == NULL)
        g_clear_pointer (header, g_strfreev);
    }
  else
    {
      char **member = MEMBER (self, bound);

      g_free (*member);
      *member = bound->kind == BOUND_ENTRY_NULL && *text == '\0' ? NULL : g_strdup (text);
    }
  _trib_sync_editor_form_edited (self);
}

static void
combo_selected_cb (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   TribSyncEditor *self)
{
  Bound *bound = g_object_get_data (G_OBJECT (row), "trib-bound");
  char **member;
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || selected == GTK_INVALID_LIST_POSITION)
    return;
  member = MEMBER (self, bound);
  g_free (*member);
  *member = g_strdup (bound->values[selected]);
  _trib_sync_editor_form_edited (self);
}

static void
switch_active_cb (GtkSwitch      *widget,
                  GParamSpec     *pspec,
                  TribSyncEditor *self)
{
  Bound *bound = g_object_get_data (G_OBJECT (widget), "trib-bound");

  if (self->loading)
    return;
  *(gboolean *) MEMBER (self, bound) = gtk_switch_get_active (widget);
  _trib_sync_editor_form_edited (self);
}

static void
load_bound (TribSyncEditor *self,
            Bound          *bound)
{
  switch (bound->kind)
    {
    case BOUND_ENTRY:
    case BOUND_ENTRY_NULL:
      {
        const char *value = *(char **) MEMBER (self, bound);

        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (bound->row)), value ? value : "") != 0)
          gtk_editable_set_text (GTK_EDITABLE (bound->row), value ? value : "");
      }
      break;

    case BOUND_HEADER:
      {
        GStrv header = *(GStrv *) MEMBER (self, bound);
        g_autofree char *text = header ? g_strjoinv (", ", header) : g_strdup ("");

        gtk_editable_set_text (GTK_EDITABLE (bound->row), text);
      }
      break;

    case BOUND_COMBO:
      adw_combo_row_set_selected (ADW_COMBO_ROW (bound->row),
                                  index_of (bound->values, *(char **) MEMBER (self, bound)));
      break;

    case BOUND_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (bound->widget), *(gboolean *) MEMBER (self, bound));
      break;

    case BOUND_NONE:
    default:
      break;
    }
}

/* }}} */
/* Building {{{ */

static void
build_source_group (TribSyncEditor *self)
{
  static const char *reader_types[] = { "MySQL", "HttpFile", NULL };
  static const char *writer_labels[] = { "OSS", "S3", NULL };
  g_autoptr(GtkStringList) reader_model = gtk_string_list_new (reader_types);
  AdwPreferencesGroup *group;
  GtkWidget *new_source;
  GtkLabel *errors;
  Bound *bound;

  group = self->source_group = add_group (self, _("Source and Destination"),
                                          _("Choose the data sources, then complete the connectivity test"));
  new_source = gtk_button_new_with_mnemonic (_("_New Data Source…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_source), "win.add-data-source");
  gtk_widget_add_css_class (new_source, "flat");
  gtk_widget_set_valign (new_source, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (group, new_source);

  self->reader_type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reader_type_row), _("Source type"));
  adw_combo_row_set_model (self->reader_type_row, G_LIST_MODEL (reader_model));
  g_signal_connect_object (self->reader_type_row, "notify::selected", G_CALLBACK (_trib_sync_editor_reader_type_selected_cb), self, 0);
  adw_preferences_group_add (group, GTK_WIDGET (self->reader_type_row));

  self->reader_source_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reader_source_row), _("Source data source"));
  g_signal_connect_object (self->reader_source_row, "notify::selected", G_CALLBACK (_trib_sync_editor_source_selected_cb), self, 0);
  adw_preferences_group_add (group, GTK_WIDGET (self->reader_source_row));
  self->reader_test_row = _trib_sync_editor_test_row (self, group, _("Source connectivity"));

  self->writer_type_row = ADW_COMBO_ROW (combo_row (self, group, NULL, _("Destination type"), writer_labels,
                                                    writer_types, G_STRUCT_OFFSET (TribSyncForm, writer_type),
                                                    "steps[1].stepType"));
  self->writer_source_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->writer_source_row), _("Destination data source"));
  g_signal_connect_object (self->writer_source_row, "notify::selected", G_CALLBACK (_trib_sync_editor_source_selected_cb), self, 0);
  adw_preferences_group_add (group, GTK_WIDGET (self->writer_source_row));
  self->writer_test_row = _trib_sync_editor_test_row (self, group, _("Destination connectivity"));

  errors = self->source_errors = error_label ();
  adw_preferences_group_add (group, GTK_WIDGET (errors));
  bound = g_object_get_data (G_OBJECT (self->writer_type_row), "trib-bound");
  bound->errors = errors;
  bind_row (self, GTK_WIDGET (self->reader_source_row), BOUND_NONE, 0, READER ".datasource",
            _("Source data source"), errors);
  bind_row (self, GTK_WIDGET (self->reader_source_row), BOUND_NONE, 0, READER ".connection[0].datasource",
            _("Source data source"), errors);
  bind_row (self, GTK_WIDGET (self->writer_source_row), BOUND_NONE, 0, WRITER ".datasource",
            _("Destination data source"), errors);
}

static void
build_reader_group (TribSyncEditor *self)
{
  static const char *format_labels[] = { "text", "csv", NULL };
  static const char *compress_labels[] = { N_("None"), "gzip", "bzip2", "zip", NULL };
  const char *compress_shown[G_N_ELEMENTS (compress_labels)];
  AdwPreferencesGroup *group;
  GtkLabel *errors;
  GtkWidget *preview_row, *preview_button, *where_row;

  group = self->reader_group = add_group (self, _("Source Settings"), NULL);
  errors = self->reader_errors = error_label ();

  /* MySQL */
  self->table_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->table_row), _("Table"));
  g_signal_connect_object (self->table_row, "notify::selected", G_CALLBACK (_trib_sync_editor_table_selected_cb), self, 0);
  adw_preferences_group_add (group, GTK_WIDGET (self->table_row));
  bind_row (self, GTK_WIDGET (self->table_row), BOUND_NONE, 0, READER ".connection", _("Table"), errors);

  self->columns_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->columns_row), _("Columns"));
  adw_preferences_group_add (group, GTK_WIDGET (self->columns_row));
  bind_row (self, GTK_WIDGET (self->columns_row), BOUND_NONE, 0, READER ".column", _("Columns"), errors);

  where_row = entry_row (self, group, errors, _("Filter (where)"), BOUND_ENTRY,
                         G_STRUCT_OFFSET (TribSyncForm, where), READER ".where");
  self->mysql_rows[0] = GTK_WIDGET (self->table_row);
  self->mysql_rows[1] = GTK_WIDGET (self->columns_row);
  self->mysql_rows[2] = where_row;
  self->mysql_rows[3] = entry_row (self, group, errors, _("Split key"), BOUND_ENTRY_NULL,
                                   G_STRUCT_OFFSET (TribSyncForm, split_pk), READER ".splitPk");

  /* HTTP file */
  for (guint i = 0; i < G_N_ELEMENTS (compress_labels); i++)
    compress_shown[i] = i == 0 ? _(compress_labels[i]) : compress_labels[i];
  self->file_rows[0] = entry_row (self, group, errors, _("File path"), BOUND_ENTRY,
                                  G_STRUCT_OFFSET (TribSyncForm, file_name), READER ".fileName");
  self->file_rows[1] = combo_row (self, group, errors, _("Text type"), format_labels, file_formats,
                                  G_STRUCT_OFFSET (TribSyncForm, file_format), READER ".fileFormat");
  self->file_rows[2] = entry_row (self, group, errors, _("Column delimiter"), BOUND_ENTRY_NULL,
                                  G_STRUCT_OFFSET (TribSyncForm, field_delimiter), READER ".fieldDelimiter");
  self->file_rows[3] = combo_row (self, group, errors, _("Compression"), compress_shown, compressions,
                                  G_STRUCT_OFFSET (TribSyncForm, compress), READER ".compress");
  self->file_rows[4] = switch_row (self, group, errors, _("Skip header"), _("The first line holds column names"),
                                   G_STRUCT_OFFSET (TribSyncForm, skip_header), READER ".skipHeader");
  self->file_rows[5] = entry_row (self, group, errors, _("Null format"), BOUND_ENTRY_NULL,
                                  G_STRUCT_OFFSET (TribSyncForm, null_format), READER ".nullFormat");
  self->file_rows[6] = NULL;

  entry_row (self, group, errors, _("Encoding"), BOUND_ENTRY_NULL,
             G_STRUCT_OFFSET (TribSyncForm, reader_encoding), READER ".encoding");

  preview_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (preview_row), _("Data preview"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (preview_row), _("The first records, as the reader parses them"));
  preview_button = gtk_button_new_with_mnemonic (_("_Preview Data"));
  gtk_widget_set_valign (preview_button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (preview_button, "sync-preview-button");
  g_signal_connect_object (preview_button, "clicked", G_CALLBACK (_trib_sync_editor_show_preview), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (preview_row), preview_button);
  adw_preferences_group_add (group, preview_row);
  adw_preferences_group_add (group, GTK_WIDGET (errors));
}

static void
build_writer_group (TribSyncEditor *self)
{
  static const char *format_labels[] = { "text", "csv", NULL };
  static const char *mode_labels[] = { N_("Truncate (replace the objects under the name)"),
                                       N_("Append (add objects with a unique suffix)"),
                                       N_("No conflict (fail if the name is taken)"), NULL };
  const char *modes_shown[G_N_ELEMENTS (mode_labels)] = { NULL };
  AdwPreferencesGroup *group;
  GtkLabel *errors;
  GtkWidget *popover, *calendar;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  for (guint i = 0; mode_labels[i]; i++)
    modes_shown[i] = _(mode_labels[i]);

  group = self->writer_group = add_group (self, _("Destination Settings"), NULL);
  errors = self->writer_errors = error_label ();

  entry_row (self, group, errors, _("Object name"), BOUND_ENTRY, G_STRUCT_OFFSET (TribSyncForm, object),
             WRITER ".object");

  self->resolved_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resolved_row), _("Resolved for business date"));
  calendar = gtk_calendar_new ();
  self->bizdate_calendar = GTK_CALENDAR (calendar);
  gtk_calendar_select_day (self->bizdate_calendar, yesterday);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (_trib_sync_editor_day_selected_cb), self, G_CONNECT_SWAPPED);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  self->bizdate_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->bizdate_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->bizdate_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->bizdate_button), _("Business date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bizdate_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Business date"), -1);
  adw_action_row_add_suffix (self->resolved_row, GTK_WIDGET (self->bizdate_button));
  adw_preferences_group_add (group, GTK_WIDGET (self->resolved_row));

  combo_row (self, group, errors, _("Text type"), format_labels, file_formats,
             G_STRUCT_OFFSET (TribSyncForm, writer_file_format), WRITER ".fileFormat");
  entry_row (self, group, errors, _("Column delimiter"), BOUND_ENTRY_NULL,
             G_STRUCT_OFFSET (TribSyncForm, writer_field_delimiter), WRITER ".fieldDelimiter");
  combo_row (self, group, errors, _("Write mode"), modes_shown, write_modes,
             G_STRUCT_OFFSET (TribSyncForm, write_mode), WRITER ".writeMode");
  entry_row (self, group, errors, _("Encoding"), BOUND_ENTRY_NULL,
             G_STRUCT_OFFSET (TribSyncForm, writer_encoding), WRITER ".encoding");
  entry_row (self, group, errors, _("Header (column names, comma-separated)"), BOUND_HEADER,
             G_STRUCT_OFFSET (TribSyncForm, header), WRITER ".header");
  entry_row (self, group, errors, _("Null format"), BOUND_ENTRY_NULL,
             G_STRUCT_OFFSET (TribSyncForm, writer_null_format), WRITER ".nullFormat");
  switch_row (self, group, errors, _("Write a single object"), _("Off: one object per channel, with a suffix"),
              G_STRUCT_OFFSET (TribSyncForm, write_single_object), WRITER ".writeSingleObject");
  adw_preferences_group_add (group, GTK_WIDGET (errors));
}

static void
build_mapping_group (TribSyncEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *by_name = gtk_button_new_with_mnemonic (_("Map by _Name"));
  GtkWidget *by_row = gtk_button_new_with_mnemonic (_("Map by _Row"));
  GtkWidget *add_field = gtk_button_new_with_mnemonic (_("_Add Field"));

  self->mapping_group = add_group (self, _("Field Mapping"),
                                   _("The source columns in the order the destination receives them"));
  for (GtkWidget **b = (GtkWidget *[]) { by_name, by_row, add_field, NULL }; *b; b++)
    {
      gtk_widget_add_css_class (*b, "flat");
      gtk_box_append (GTK_BOX (box), *b);
    }
  gtk_widget_set_tooltip_text (by_name, _("Order the columns as the destination header names them"));
  gtk_widget_set_tooltip_text (by_row, _("Order the columns as the source has them"));
  g_signal_connect_object (by_name, "clicked", G_CALLBACK (_trib_sync_editor_map_by_name), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (by_row, "clicked", G_CALLBACK (_trib_sync_editor_map_by_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (add_field, "clicked", G_CALLBACK (_trib_sync_editor_add_field), self, G_CONNECT_SWAPPED);
  self->map_by_name_button = by_name;
  self->add_field_button = add_field;
  adw_preferences_group_set_header_suffix (self->mapping_group, box);
  self->mapping_errors = error_label ();
  adw_preferences_group_add (self->mapping_group, GTK_WIDGET (self->mapping_errors));
}

static void
build_channel_group (TribSyncEditor *self)
{
  AdwPreferencesGroup *group = self->channel_group = add_group (self, _("Channel Control"), NULL);
  GtkWidget *limit_row, *throttle_row, *concurrent_row;

  concurrent_row = spin_row (group, _("Maximum concurrency"), _("Parallel reader connections"), 1,
                             TRIB_SYNC_MAX_CHANNELS, 0, &self->concurrent_spin);

  limit_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (limit_row), _("Limit dirty records"));
  self->limit_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->limit_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->limit_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Limit dirty records"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (limit_row), GTK_WIDGET (self->limit_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (limit_row), GTK_WIDGET (self->limit_switch));
  adw_preferences_group_add (group, limit_row);
  spin_row (group, _("Dirty records allowed"), _("The job fails when there are more"), 0, 1e9, 0,
            &self->limit_spin);

  throttle_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (throttle_row), _("Throttle"));
  self->throttle_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->throttle_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->throttle_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Throttle"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (throttle_row), GTK_WIDGET (self->throttle_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (throttle_row), GTK_WIDGET (self->throttle_switch));
  adw_preferences_group_add (group, throttle_row);
  self->rate_row = ADW_ACTION_ROW (spin_row (group, _("Rate (MB/s)"), NULL, 1, 10240, 0, &self->rate_spin));

  self->channel_errors = error_label ();
  adw_preferences_group_add (group, GTK_WIDGET (self->channel_errors));
  bind_row (self, concurrent_row, BOUND_NONE, 0, "setting.speed.concurrent", _("Maximum concurrency"),
            self->channel_errors);
  bind_row (self, limit_row, BOUND_NONE, 0, "setting.errorLimit", _("Dirty records allowed"), self->channel_errors);
  bind_row (self, GTK_WIDGET (self->rate_row), BOUND_NONE, 0, "setting.speed.mbps", _("Rate (MB/s)"),
            self->channel_errors);

  for (GObject **w = (GObject *[]) { G_OBJECT (self->concurrent_spin), G_OBJECT (self->limit_spin),
                                      G_OBJECT (self->rate_spin), NULL }; *w; w++)
    g_signal_connect_object (*w, "value-changed", G_CALLBACK (_trib_sync_editor_channel_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->limit_switch, "notify::active", G_CALLBACK (_trib_sync_editor_channel_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->throttle_switch, "notify::active", G_CALLBACK (_trib_sync_editor_channel_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
data_sources_changed_cb (TribSyncEditor *self)
{
  if (self->form == NULL)
    return;
  self->loading = TRUE;
  _trib_sync_editor_fill_sources (self, self->reader_source_row, TRUE, self->form->reader_datasource);
  _trib_sync_editor_fill_sources (self, self->writer_source_row, FALSE, self->form->writer_datasource);
  self->loading = FALSE;
}

void
_trib_sync_editor_build_form (TribSyncEditor *self)
{
  build_source_group (self);
  build_reader_group (self);
  build_writer_group (self);
  build_mapping_group (self);
  build_channel_group (self);
  g_signal_connect_object (trib_workspace_get_data_sources (self->workspace), "items-changed",
                           G_CALLBACK (data_sources_changed_cb), self, G_CONNECT_SWAPPED);
}

/* }}} */
/* Loading {{{ */

void
_trib_sync_editor_load_form (TribSyncEditor *self)
{
  gboolean mysql = self->form->reader_kind == TRIB_SYNC_READER_MYSQL;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->reader_type_row, mysql ? 0 : 1);
  _trib_sync_editor_fill_sources (self, self->reader_source_row, TRUE, self->form->reader_datasource);
  _trib_sync_editor_fill_sources (self, self->writer_source_row, FALSE, self->form->writer_datasource);
  for (guint i = 0; i < self->bound_rows->len; i++)
    load_bound (self, g_ptr_array_index (self->bound_rows, i));
  for (guint i = 0; i < G_N_ELEMENTS (self->mysql_rows); i++)
    gtk_widget_set_visible (self->mysql_rows[i], mysql);
  for (guint i = 0; self->file_rows[i]; i++)
    gtk_widget_set_visible (self->file_rows[i], !mysql);
  gtk_widget_set_visible (self->map_by_name_button, mysql);
  gtk_widget_set_visible (self->add_field_button, !mysql);
  if (mysql)
    _trib_sync_editor_fill_tables (self, self->table_names);

  gtk_spin_button_set_value (self->concurrent_spin, self->form->concurrent);
  gtk_switch_set_active (self->limit_switch, self->form->error_limit_records >= 0);
  gtk_spin_button_set_value (self->limit_spin, MAX (self->form->error_limit_records, 0));
  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_spin), self->form->error_limit_records >= 0);
  gtk_switch_set_active (self->throttle_switch, self->form->throttle);
  gtk_spin_button_set_value (self->rate_spin, self->form->mbps > 0 ? self->form->mbps : 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rate_row), self->form->throttle);

  _trib_sync_editor_rebuild_columns (self);
  _trib_sync_editor_rebuild_mapping (self);
  self->loading = FALSE;
  _trib_sync_editor_update_resolved (self);
  _trib_sync_editor_show_form_problems (self, NULL);

  if (mysql)
    {
      /* Listed again for another source; the table's columns when the table changed. */
      if (g_strcmp0 (self->listed_source, self->form->reader_datasource) != 0)
        _trib_sync_editor_list_tables (self);
      else
        _trib_sync_editor_list_columns (self);
    }
}

/* }}} */
/* Problems at the rows {{{ */

static gboolean
path_has_prefix (const char *path,
                 const char *prefix)
{
  gsize n = strlen (prefix);

  return strncmp (path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

static Bound *
bound_for_path (TribSyncEditor *self,
                const char     *path)
{
  Bound *best = NULL;

  for (guint i = 0; path && i < self->bound_rows->len; i++)
    {
      Bound *bound = g_ptr_array_index (self->bound_rows, i);

      if (bound->path && gtk_widget_get_visible (bound->row) && path_has_prefix (path, bound->path) &&
          (best == NULL || strlen (bound->path) > strlen (best->path)))
        best = bound;
    }
  return best;
}

static void
free_text (gpointer text)
{
  g_string_free (text, TRUE);
}

static void
append_line (GHashTable *texts,
             GtkLabel   *label,
             const char *line)
{
  GString *text = g_hash_table_lookup (texts, label);

  if (text == NULL)
    g_hash_table_insert (texts, label, (text = g_string_new (NULL)));
  if (text->len)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

GStrv
_trib_sync_editor_show_form_problems (TribSyncEditor *self,
                                      GPtrArray      *problems)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (NULL, NULL, NULL, free_text);
  g_autoptr(GStrvBuilder) sentences = g_strv_builder_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_sync_problem_free);
  GtkLabel *labels[] = { self->source_errors, self->reader_errors, self->writer_errors, self->mapping_errors,
                         self->channel_errors };

  for (guint i = 0; i < self->error_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->error_rows, i);

      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  g_ptr_array_set_size (self->error_rows, 0);

  for (guint i = 0; problems && i < problems->len; i++)
    {
      const TribSyncProblem *problem = g_ptr_array_index (problems, i);
      TribSyncProblem *copy = g_new0 (TribSyncProblem, 1);

      copy->path = g_strdup (problem->path);
      copy->message = g_strdup (problem->message);
      g_ptr_array_add (all, copy);
    }
  /* The engine refuses a split key that is not an integer column: say so now. */
  if (problems && self->form->reader_kind == TRIB_SYNC_READER_MYSQL && self->form->split_pk &&
      self->catalog_columns)
    {
      g_autoptr(GError) error = NULL;

      if (!trib_sync_mysql_check_split_key (self->catalog_columns, READER, self->form->split_pk, &error))
        {
          TribSyncProblem *problem = g_new0 (TribSyncProblem, 1);

          problem->path = g_strdup (READER ".splitPk");
          problem->message = g_strdup (error->message);
          g_ptr_array_add (all, problem);
        }
    }

  for (guint i = 0; i < all->len; i++)
    {
      const TribSyncProblem *problem = g_ptr_array_index (all, i);
      Bound *bound = bound_for_path (self, problem->path);
      GtkLabel *label = bound && bound->errors ? bound->errors : self->source_errors;
      g_autofree char *sentence = NULL;

      if (bound != NULL)
        {
          sentence = g_strdup_printf ("%s: %s", bound->label, problem->message);
          gtk_widget_add_css_class (bound->row, "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (bound->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          problem->message, -1);
          g_ptr_array_add (self->error_rows, bound->row);
        }
      else
        sentence = g_strdup (problem->message);
      append_line (texts, label, sentence);
      g_strv_builder_add (sentences, sentence);
    }

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GString *text = g_hash_table_lookup (texts, labels[i]);

      gtk_label_set_text (labels[i], text ? text->str : "");
      gtk_widget_set_visible (GTK_WIDGET (labels[i]), text != NULL);
    }
  return g_strv_builder_end (sentences);
}

/* }}} */
