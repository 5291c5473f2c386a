/* trib-sync-editor-columns.c: the MySQL table and its columns, and the field mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-sync-editor-private.h"
#include "trib-sync-mysql-catalog.h"

/* MySQL: tables and columns {{{ */


void
_trib_sync_editor_fill_tables (TribSyncEditor *self,
                               GStrv           listed)
{
  g_autoptr(GtkStringList) tables = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (tables, _("Choose a table"));
  for (guint i = 0; listed && listed[i]; i++)
    {
      gtk_string_list_append (tables, listed[i]);
      if (g_strcmp0 (listed[i], self->form->table) == 0)
        selected = i + 1;
    }
  if (selected == 0 && self->form->table != NULL)
    {
      gtk_string_list_append (tables, self->form->table);
      selected = g_list_model_get_n_items (G_LIST_MODEL (tables)) - 1;
    }
  g_set_object (&self->tables, tables);
  adw_combo_row_set_model (self->table_row, G_LIST_MODEL (tables));
  adw_combo_row_set_selected (self->table_row, selected);
}

/* Which listing a reply answers: only the latest one is shown. */
typedef struct
{
  TribSyncEditor *self;
  guint           serial;
} Listing;

static gpointer
listing_new (TribSyncEditor *self)
{
  Listing *listing = g_new (Listing, 1);

  listing->self = self;
  listing->serial = ++self->catalog_serial;
  return listing;
}

/* The editor of the reply, or NULL when it was cancelled or overtaken by a newer listing. */
static TribSyncEditor *
listing_finish (gpointer      data,
                const GError *error)
{
  Listing *listing = data;
  TribSyncEditor *self = listing->self;
  gboolean current;

  current = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && listing->serial == self->catalog_serial;
  g_free (listing);
  return current ? self : NULL;
}

static void
columns_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TribSyncEditor *self;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;

  columns = trib_sync_mysql_list_columns_finish (result, &error);
  if ((self = listing_finish (user_data, error)) == NULL)
    return;
  if (columns == NULL)
    {
      adw_expander_row_set_subtitle (self->columns_row, error->message);
      return;
    }
  g_clear_pointer (&self->catalog_columns, g_ptr_array_unref);
  self->catalog_columns = g_steal_pointer (&columns);
  if (self->select_all_columns)
    {
      const char *key = trib_sync_mysql_suggest_split_key (self->catalog_columns);

      /* DataWorks takes every column of a newly chosen table and suggests its key. */
      self->select_all_columns = FALSE;
      g_ptr_array_set_size (self->form->columns, 0);
      for (guint i = 0; i < self->catalog_columns->len; i++)
        {
          TribSyncCatalogColumn *column = g_ptr_array_index (self->catalog_columns, i);

          g_ptr_array_add (self->form->columns, trib_sync_form_column_new_mysql (column->name));
        }
      g_free (self->form->split_pk);
      self->form->split_pk = g_strdup (key);
      _trib_sync_editor_load_form (self);
      _trib_sync_editor_form_edited (self);
    }
  else
    {
      _trib_sync_editor_rebuild_columns (self);
      /* The split key may now be known not to be an integer. */
      if (self->form_touched)
        _trib_sync_editor_form_edited (self);
    }
}

void
_trib_sync_editor_list_columns (TribSyncEditor *self)
{
  if (self->form->reader_kind != TRIB_SYNC_READER_MYSQL || self->form->reader_datasource == NULL ||
      self->form->table == NULL)
    return;
  if (g_strcmp0 (self->listed_table, self->form->table) == 0 &&
      g_strcmp0 (self->listed_source, self->form->reader_datasource) == 0 && !self->select_all_columns)
    return;
  g_free (self->listed_table);
  self->listed_table = g_strdup (self->form->table);
  adw_expander_row_set_subtitle (self->columns_row, _("Listing the columns…"));
  trib_sync_mysql_list_columns_async (self->workspace, self->form->reader_datasource, self->form->table,
                                      self->cancellable, columns_listed_cb, listing_new (self));
}

static void
tables_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TribSyncEditor *self;
  g_auto(GStrv) tables = NULL;
  g_autoptr(GError) error = NULL;

  tables = trib_sync_mysql_list_tables_finish (result, &error);
  if ((self = listing_finish (user_data, error)) == NULL)
    return;
  g_strfreev (self->table_names);
  self->table_names = g_strdupv (tables);
  self->loading = TRUE;
  _trib_sync_editor_fill_tables (self, tables);
  self->loading = FALSE;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->table_row), tables ? NULL : error->message);
  _trib_sync_editor_list_columns (self);
}

void
_trib_sync_editor_list_tables (TribSyncEditor *self)
{
  if (self->form->reader_kind != TRIB_SYNC_READER_MYSQL || self->form->reader_datasource == NULL ||
      g_strcmp0 (self->listed_source, self->form->reader_datasource) == 0)
    return;
  g_free (self->listed_source);
  self->listed_source = g_strdup (self->form->reader_datasource);
  g_clear_pointer (&self->listed_table, g_free);
  g_clear_pointer (&self->table_names, g_strfreev);
  trib_sync_mysql_list_tables_async (self->workspace, self->form->reader_datasource, self->cancellable,
                                     tables_listed_cb, listing_new (self));
}

void
_trib_sync_editor_table_selected_cb (AdwComboRow    *row,
                                     GParamSpec     *pspec,
                                     TribSyncEditor *self)
{
  if (self->loading)
    return;
  g_free (self->form->table);
  self->form->table = _trib_sync_editor_selected_name (row);
  g_clear_pointer (&self->catalog_columns, g_ptr_array_unref);
  self->select_all_columns = TRUE;
  _trib_sync_editor_form_edited (self);
  _trib_sync_editor_list_columns (self);
}

static int
form_column_position (TribSyncEditor *self,
                      const char     *name)
{
  for (guint i = 0; i < self->form->columns->len; i++)
    {
      TribSyncFormColumn *column = g_ptr_array_index (self->form->columns, i);

      if (g_strcmp0 (column->name, name) == 0)
        return (int) i;
    }
  return -1;
}

static void
column_toggled_cb (GtkCheckButton *check,
                   TribSyncEditor *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), "trib-column");
  int position = form_column_position (self, name);

  if (self->loading)
    return;
  if (gtk_check_button_get_active (check) && position < 0)
    g_ptr_array_add (self->form->columns, trib_sync_form_column_new_mysql (name));
  else if (!gtk_check_button_get_active (check) && position >= 0)
    g_ptr_array_remove_index (self->form->columns, (guint) position);
  _trib_sync_editor_rebuild_mapping (self);
  _trib_sync_editor_form_edited (self);
}

static void
add_column_row (TribSyncEditor *self,
                const char     *name,
                const char     *type,
                gboolean        primary_key)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = NULL;

  if (type != NULL)
    subtitle = primary_key ? g_strdup_printf (_("%s, primary key"), type) : g_strdup (type);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (check), "trib-column", g_strdup (name), g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), form_column_position (self, name) >= 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (column_toggled_cb), self, 0);
  adw_expander_row_add_row (self->columns_row, row);
  g_ptr_array_add (self->column_rows, row);
}

void
_trib_sync_editor_rebuild_columns (TribSyncEditor *self)
{
  gboolean was_loading = self->loading;
  g_autofree char *subtitle = NULL;

  self->loading = TRUE;
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_expander_row_remove (self->columns_row, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  if (self->catalog_columns != NULL)
    for (guint i = 0; i < self->catalog_columns->len; i++)
      {
        TribSyncCatalogColumn *column = g_ptr_array_index (self->catalog_columns, i);

        add_column_row (self, column->name, column->type, column->primary_key);
      }
  /* Columns of the job the table does not list (or before it is listed). */
  for (guint i = 0; i < self->form->columns->len; i++)
    {
      TribSyncFormColumn *column = g_ptr_array_index (self->form->columns, i);
      gboolean listed = FALSE;

      for (guint k = 0; self->catalog_columns && k < self->catalog_columns->len; k++)
        listed |= g_strcmp0 (((TribSyncCatalogColumn *) g_ptr_array_index (self->catalog_columns, k))->name,
                             column->name) == 0;
      if (!listed && column->name)
        add_column_row (self, column->name, NULL, FALSE);
    }
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column selected", "%u columns selected",
                                           self->form->columns->len),
                              self->form->columns->len);
  adw_expander_row_set_subtitle (self->columns_row, subtitle);
  self->loading = was_loading;
}

/* }}} */
/* Field mapping {{{ */

static void
move_column (TribSyncEditor *self,
             guint           from,
             int             to)
{
  gpointer column;

  if (to < 0 || (guint) to >= self->form->columns->len || from >= self->form->columns->len)
    return;
  column = g_ptr_array_steal_index (self->form->columns, from);
  g_ptr_array_insert (self->form->columns, to, column);
  _trib_sync_editor_rebuild_mapping (self);
  _trib_sync_editor_rebuild_columns (self);
  _trib_sync_editor_form_edited (self);
}

static void
mapping_up_cb (GtkButton      *button,
               TribSyncEditor *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "trib-position"));

  move_column (self, position, (int) position - 1);
}

static void
mapping_down_cb (GtkButton      *button,
                 TribSyncEditor *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "trib-position"));

  move_column (self, position, (int) position + 1);
}

static void
mapping_remove_cb (GtkButton      *button,
                   TribSyncEditor *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "trib-position"));

  if (position >= self->form->columns->len)
    return;
  g_ptr_array_remove_index (self->form->columns, position);
  _trib_sync_editor_rebuild_mapping (self);
  _trib_sync_editor_rebuild_columns (self);
  _trib_sync_editor_form_edited (self);
}

static char *column_title (const TribSyncFormColumn *column);

/* The row's title follows the field's number and type. */
static void
retitle (GtkWidget                *control,
         const TribSyncFormColumn *column)
{
  GtkWidget *row = gtk_widget_get_ancestor (control, ADW_TYPE_PREFERENCES_ROW);
  g_autofree char *title = column_title (column);

  if (row != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static const char * const field_types[] = { "string", "long", "double", "boolean", "date", "bytes", NULL };

static TribSyncFormColumn *
column_at (TribSyncEditor *self,
           GObject        *widget)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (widget, "trib-position"));

  return position < self->form->columns->len ? g_ptr_array_index (self->form->columns, position) : NULL;
}

static void
field_number_changed_cb (GtkSpinButton  *spin,
                         TribSyncEditor *self)
{
  TribSyncFormColumn *column = column_at (self, G_OBJECT (spin));

  if (column == NULL || self->loading)
    return;
  column->index = gtk_spin_button_get_value_as_int (spin) - 1;
  retitle (GTK_WIDGET (spin), column);
  _trib_sync_editor_form_edited (self);
}

static void
field_type_changed_cb (GtkDropDown    *dropdown,
                       GParamSpec     *pspec,
                       TribSyncEditor *self)
{
  TribSyncFormColumn *column = column_at (self, G_OBJECT (dropdown));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (column == NULL || self->loading || selected >= G_N_ELEMENTS (field_types) - 1)
    return;
  g_free (column->type);
  column->type = g_strdup (field_types[selected]);
  retitle (GTK_WIDGET (dropdown), column);
  _trib_sync_editor_form_edited (self);
}

/* A file's field: which field of the line it is, and its type. */
static void
add_field_controls (TribSyncEditor           *self,
                    GtkWidget                *row,
                    const TribSyncFormColumn *column,
                    guint                     position,
                    const char               *title)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 10000, 1);
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (field_types);
  g_autofree char *spin_label = g_strdup_printf (_("Field number of %s"), title);
  g_autofree char *type_label = g_strdup_printf (_("Type of %s"), title);
  guint type = 0;

  for (guint i = 0; field_types[i]; i++)
    if (g_strcmp0 (field_types[i], column->type) == 0)
      type = i;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), column->index + 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), type);
  for (GtkWidget **w = (GtkWidget *[]) { spin, dropdown, NULL }; *w; w++)
    {
      gtk_widget_set_valign (*w, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (*w), "trib-position", GUINT_TO_POINTER (position));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), *w);
    }
  gtk_widget_set_tooltip_text (spin, _("The field's number in the line, from 1"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, type_label, -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (field_number_changed_cb), self, 0);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (field_type_changed_cb), self, 0);
}

static char *
column_title (const TribSyncFormColumn *column)
{
  if (column->name != NULL)
    return g_strdup (column->name);
  /* TRANSLATORS: a field of a text file by its 1-based position, and its type */
  return g_strdup_printf (_("Field %d (%s)"), column->index + 1, column->type ? column->type : "string");
}

void
_trib_sync_editor_rebuild_mapping (TribSyncEditor *self)
{
  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);

  for (guint i = 0; i < self->form->columns->len; i++)
    {
      const TribSyncFormColumn *column = g_ptr_array_index (self->form->columns, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = column_title (column);
      g_autofree char *subtitle = NULL;
      g_autofree char *up_label = g_strdup_printf (_("Move %s Up"), title);
      g_autofree char *down_label = g_strdup_printf (_("Move %s Down"), title);
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);
      GtkWidget *up = _trib_sync_editor_icon_button ("go-up-symbolic", up_label);
      GtkWidget *down = _trib_sync_editor_icon_button ("go-down-symbolic", down_label);
      GtkWidget *remove = _trib_sync_editor_icon_button ("list-remove-symbolic", remove_label);

      if (self->form->header && i < g_strv_length (self->form->header))
        subtitle = g_strdup_printf (_("Destination column %u (%s)"), i + 1, self->form->header[i]);
      else
        subtitle = g_strdup_printf (_("Destination column %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->form->columns->len);
      if (column->name == NULL)
        add_field_controls (self, row, column, i, title);
      for (GtkWidget **b = (GtkWidget *[]) { up, down, remove, NULL }; *b; b++)
        {
          g_object_set_data (G_OBJECT (*b), "trib-position", GUINT_TO_POINTER (i));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), *b);
        }
      g_signal_connect_object (up, "clicked", G_CALLBACK (mapping_up_cb), self, 0);
      g_signal_connect_object (down, "clicked", G_CALLBACK (mapping_down_cb), self, 0);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (mapping_remove_cb), self, 0);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
    }
  /* The problems stay under the rows. */
  g_object_ref (self->mapping_errors);
  adw_preferences_group_remove (self->mapping_group, GTK_WIDGET (self->mapping_errors));
  adw_preferences_group_add (self->mapping_group, GTK_WIDGET (self->mapping_errors));
  g_object_unref (self->mapping_errors);
}

void
_trib_sync_editor_map_by_name (TribSyncEditor *self)
{
  trib_sync_form_map_by_name (self->form);
  _trib_sync_editor_rebuild_mapping (self);
  _trib_sync_editor_rebuild_columns (self);
  _trib_sync_editor_form_edited (self);
}

void
_trib_sync_editor_map_by_row (TribSyncEditor *self)
{
  g_autoptr(GStrvBuilder) order = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; self->catalog_columns && i < self->catalog_columns->len; i++)
    g_strv_builder_add (order, ((TribSyncCatalogColumn *) g_ptr_array_index (self->catalog_columns, i))->name);
  names = g_strv_builder_end (order);
  trib_sync_form_map_by_row (self->form, (const char * const *) names);
  _trib_sync_editor_rebuild_mapping (self);
  _trib_sync_editor_rebuild_columns (self);
  _trib_sync_editor_form_edited (self);
}

void
_trib_sync_editor_add_field (TribSyncEditor *self)
{
  int next = 0;

  for (guint i = 0; i < self->form->columns->len; i++)
    next = MAX (next, ((TribSyncFormColumn *) g_ptr_array_index (self->form->columns, i))->index + 1);
  g_ptr_array_add (self->form->columns, trib_sync_form_column_new_file (next, "string"));
  _trib_sync_editor_rebuild_mapping (self);
  _trib_sync_editor_form_edited (self);
}

/* }}} */
