/* trib-data-source-dialog-fields.c: the rows of the dialog, one per option of the type,
 * and their checking as the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-data-source-dialog.h"
#include "trib-data-source-dialog-private.h"

void
_trib_data_source_dialog_field_free (gpointer data)
{
  Field *field = data;

  g_free (field->key);
  g_free (field->error);
  g_free (field);
}

static const char *
option_title (const char *key)
{
  static const struct { const char *key; const char *title; } titles[] = {
    { "host", N_("Host") },
    { "port", N_("Port") },
    { "database", N_("Database") },
    { "user", N_("User") },
    { "tls", N_("TLS") },
    { "ca_file", N_("CA Certificate") },
    { "connect_timeout", N_("Connect Timeout (seconds)") },
    { "read_timeout", N_("Read Timeout (seconds)") },
    { "time_zone", N_("Session Time Zone") },
    { "charset", N_("Character Set") },
    { "url", N_("Base URL") },
    { "verify_tls", N_("Verify TLS Certificates") },
    { "headers", N_("Request Headers") },
    { "probe_path", N_("File to Probe") },
    { "endpoint", N_("Endpoint") },
    { "region", N_("Region") },
    { "bucket", N_("Bucket") },
    { "access_key_id", N_("Access Key ID") },
    { "path_style", N_("Path-Style Addressing") },
    { "path", N_("Folder") },
    { "transport", N_("Transport") },
    { "http_path", N_("HTTP Path") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].key, key))
      return _(titles[i].title);
  return key;
}

/* Options most people never change go to the Advanced group. */
static gboolean
is_advanced_option (const char *key)
{
  static const char * const advanced[] = {
    "ca_file", "connect_timeout", "read_timeout", "time_zone", "charset", "verify_tls",
    "path_style", "probe_path", "headers", NULL
  };

  return g_strv_contains (advanced, key);
}

static const char *
secret_title (TribDataSourceKind kind)
{
  return kind == TRIB_DATA_SOURCE_KIND_S3 ? _("Secret Access Key") : _("Password");
}

gboolean
_trib_data_source_dialog_kind_has_secret (TribDataSourceKind kind)
{
  return kind == TRIB_DATA_SOURCE_KIND_MYSQL || kind == TRIB_DATA_SOURCE_KIND_S3 ||
         kind == TRIB_DATA_SOURCE_KIND_KYUUBI || kind == TRIB_DATA_SOURCE_KIND_HTTPFILE;
}

Field *
_trib_data_source_dialog_find_field (TribDataSourceDialog *self,
                                     const char           *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      if (g_str_equal (field->key, key))
        return field;
    }
  return NULL;
}

/* The value of a field as text; NULL when it is empty (the option is then unset). */
static char *
field_dup_value (Field *field)
{
  if (ADW_IS_COMBO_ROW (field->input))
    {
      GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (field->input));
      return item ? g_strdup (gtk_string_object_get_string (item)) : NULL;
    }
  if (GTK_IS_SWITCH (field->input))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->input)) ? "true" : "false");
  {
    const char *text = gtk_editable_get_text (GTK_EDITABLE (field->input));
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    return *stripped ? g_steal_pointer (&stripped) : NULL;
  }
}

const char *
_trib_data_source_dialog_name_text (TribDataSourceDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

char *
_trib_data_source_dialog_secret_text (TribDataSourceDialog *self)
{
  const char *text;

  if (self->secret_row == NULL)
    return NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  return *text ? g_strdup (text) : NULL;
}

/* A deep copy of the definition being edited (or a new one), with the fields applied.
 * Members the dialog does not show, such as request headers, are kept. */
TribDataSource *
_trib_data_source_dialog_build_candidate (TribDataSourceDialog *self,
                                          GPtrArray            *problems)
{
  g_autoptr(TribDataSource) ds = NULL;
  g_autofree char *name = g_strstrip (g_strdup (_trib_data_source_dialog_name_text (self)));
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));

  if (self->original && trib_data_source_get_kind (self->original) == self->kind)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), trib_data_source_get_json (self->original));
      g_autofree char *text = trib_json_to_string (node);
      g_autoptr(JsonNode) copy = trib_json_parse (text, -1, "", NULL);
      g_autoptr(GListStore) ignored = g_list_store_new (TRIB_TYPE_DIAGNOSTIC);

      ds = trib_data_source_new_from_json (json_node_get_object (copy), "", "", ignored);
    }
  if (ds == NULL)
    ds = trib_data_source_new (*name ? name : "unnamed", self->kind);

  if (*name)
    trib_data_source_set_name (ds, name);
  trib_data_source_set_description (ds, description);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *value = field_dup_value (field);
      g_autoptr(GError) error = NULL;

      if (value == NULL)
        trib_data_source_unset_option (ds, field->key);
      else if (!trib_data_source_set_option (ds, field->key, value, &error) && problems)
        g_ptr_array_add (problems, trib_field_problem_new (field->key, error->message));
    }

  return g_steal_pointer (&ds);
}

static void
show_field_error (Field      *field,
                  const char *message)
{
  g_free (field->error);
  field->error = g_strdup (message);
  gtk_widget_set_visible (field->error_icon, message != NULL);
  gtk_widget_set_tooltip_text (field->error_icon, message);
  if (message)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
}

/* Checks every field as the user types; Save is possible only when all are fine. */
void
_trib_data_source_dialog_revalidate (TribDataSourceDialog *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_field_problem_free);
  g_autoptr(TribDataSource) candidate = NULL;
  g_autofree char *name = g_strstrip (g_strdup (_trib_data_source_dialog_name_text (self)));
  TribDataSource *existing;
  GString *summary = g_string_new (NULL);
  gboolean ok;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *value = field_dup_value (field);
      g_autofree char *message = trib_connector_check_option (self->kind, field->key, value ? value : "");

      show_field_error (field, message);
    }

  g_clear_pointer (&self->name_error, g_free);
  existing = self->workspace ? trib_workspace_lookup_data_source (self->workspace, name) : NULL;
  if (*name == '\0')
    self->name_error = g_strdup (_("A data source needs a name"));
  else if (existing != NULL && existing != self->original)
    self->name_error = g_strdup_printf (_("The workspace already has a data source named “%s”"), name);
  if (self->name_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_row), self->name_error);

  candidate = _trib_data_source_dialog_build_candidate (self, problems);
  {
    g_autoptr(GPtrArray) whole = trib_connector_check_data_source (candidate);

    for (guint i = 0; i < whole->len; i++)
      {
        TribFieldProblem *p = g_ptr_array_index (whole, i);
        Field *field = _trib_data_source_dialog_find_field (self, p->key);

        if (field && field->error == NULL)
          show_field_error (field, p->message);
        g_ptr_array_add (problems, trib_field_problem_copy (p));
      }
  }

  if (self->name_error)
    g_string_append (summary, self->name_error);
  for (guint i = 0; i < problems->len; i++)
    {
      TribFieldProblem *p = g_ptr_array_index (problems, i);

      if (summary->len)
        g_string_append_c (summary, '\n');
      g_string_append (summary, p->message);
    }

  adw_preferences_group_set_description (self->connection_group, summary->len ? summary->str : NULL);
  g_string_free (summary, TRUE);

  ok = self->name_error == NULL && problems->len == 0 && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", ok);
}

void
_trib_data_source_dialog_field_changed_cb (TribDataSourceDialog *self)
{
  _trib_data_source_dialog_revalidate (self);
}

static void
choose_file_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         Field           *field)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        gtk_editable_set_text (GTK_EDITABLE (field->input), path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file_clicked_cb (GtkButton *button,
                        Field     *field)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  gboolean folder = g_str_equal (field->key, "path");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Choose a Folder") : _("Choose a CA Certificate"),
                                         window,
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_file_response_cb), field);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static Field *
add_field (TribDataSourceDialog *self,
           const char           *key,
           const char           *value)
{
  Field *field = g_new0 (Field, 1);
  const char * const *choices = trib_connector_option_get_choices (self->kind, key);
  const char *description = trib_connector_option_get_description (self->kind, key);
  const char *fallback = trib_connector_option_get_default (self->kind, key);

  field->key = g_strdup (key);
  field->type = trib_data_source_kind_get_option_type (self->kind, key);
  field->error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_visible (field->error_icon, FALSE);
  gtk_widget_add_css_class (field->error_icon, "error");

  if (choices != NULL)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) choices);
      const char *current = value ? value : fallback;

      field->row = field->input = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (model));
      for (guint i = 0; current && choices[i]; i++)
        if (g_str_equal (choices[i], current))
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), i);
      g_signal_connect_swapped (field->row, "notify::selected", G_CALLBACK (_trib_data_source_dialog_field_changed_cb), self);
    }
  else if (field->type == TRIB_OPTION_BOOL)
    {
      const char *current = value ? value : fallback;

      field->row = adw_action_row_new ();
      field->input = gtk_switch_new ();
      gtk_widget_set_valign (field->input, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (field->input), current && g_str_equal (current, "true"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->input);
      g_signal_connect_swapped (field->input, "notify::active", G_CALLBACK (_trib_data_source_dialog_field_changed_cb), self);
    }
  else
    {
      field->row = field->input = adw_entry_row_new ();
      if (value)
        gtk_editable_set_text (GTK_EDITABLE (field->row), value);
      else if (self->original == NULL && fallback && g_str_equal (key, "port"))
        gtk_editable_set_text (GTK_EDITABLE (field->row), fallback);
      if (field->type == TRIB_OPTION_INT)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->row), GTK_INPUT_PURPOSE_DIGITS);
      if (g_str_equal (key, "url") || g_str_equal (key, "endpoint"))
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (field->row), GTK_INPUT_PURPOSE_URL);
      if (g_str_equal (key, "ca_file") || g_str_equal (key, "path"))
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, _("Choose…"));
          g_signal_connect (button, "clicked", G_CALLBACK (choose_file_clicked_cb), field);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), button);
        }
      g_signal_connect_swapped (field->row, "changed", G_CALLBACK (_trib_data_source_dialog_field_changed_cb), self);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), option_title (key));
  gtk_widget_set_tooltip_text (field->row, description);
  if (ADW_IS_ENTRY_ROW (field->row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), field->error_icon);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->error_icon);
  gtk_widget_set_name (field->row, key);

  field->group = is_advanced_option (key) ? self->advanced_group : self->connection_group;
  adw_preferences_group_add (field->group, field->row);
  g_ptr_array_add (self->fields, field);
  return field;
}

static void
clear_fields (TribDataSourceDialog *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      adw_preferences_group_remove (field->group, field->row);
    }
  g_ptr_array_set_size (self->fields, 0);

  if (self->secret_row)
    {
      adw_preferences_group_remove (self->connection_group, self->secret_row);
      self->secret_row = NULL;
    }
}

static void
secret_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TribDataSourceDialog) self = user_data;
  g_autofree char *secret = trib_secrets_lookup_finish (result, NULL);

  /* Fill the field only if the user has not typed one meanwhile. */
  if (secret && self->secret_row && *gtk_editable_get_text (GTK_EDITABLE (self->secret_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), secret);
  if (secret)
    memset (secret, 0, strlen (secret));
}

static void add_secret_row (TribDataSourceDialog *self);

void
_trib_data_source_dialog_build_fields (TribDataSourceDialog *self)
{
  const char * const *keys = trib_data_source_kind_get_option_keys (self->kind);

  clear_fields (self);

  gboolean has_advanced = FALSE;

  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *value = NULL;

      if (self->original && trib_data_source_get_kind (self->original) == self->kind)
        value = trib_data_source_dup_option (self->original, keys[i]);
      add_field (self, keys[i], value);
      has_advanced |= is_advanced_option (keys[i]);

      /* The password belongs right after the user name. */
      if (g_str_equal (keys[i], "user") || g_str_equal (keys[i], "access_key_id"))
        add_secret_row (self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->advanced_group), has_advanced);

  if (_trib_data_source_dialog_kind_has_secret (self->kind) && self->secret_row == NULL)
    add_secret_row (self);

  _trib_data_source_dialog_revalidate (self);
}

static void
add_secret_row (TribDataSourceDialog *self)
{
  if (!_trib_data_source_dialog_kind_has_secret (self->kind) || self->secret_row != NULL)
    return;

  self->secret_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), secret_title (self->kind));
  gtk_widget_set_tooltip_text (self->secret_row, _("Kept in the keyring, never in the workspace files"));
  gtk_widget_set_name (self->secret_row, "secret");
  adw_preferences_group_add (self->connection_group, self->secret_row);

  if (self->original && self->workspace)
    trib_secrets_lookup_async (trib_workspace_get_id (self->workspace),
                               trib_data_source_get_name (self->original),
                               self->cancellable, secret_looked_up_cb, g_object_ref (self));
}

