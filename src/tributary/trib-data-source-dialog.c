/* trib-data-source-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-data-source-dialog.h"
#include "trib-data-source-dialog-private.h"

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

G_DEFINE_FINAL_TYPE (TribDataSourceDialog, trib_data_source_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  TESTED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds offered, in the order of the Type row. */
static const TribDataSourceKind offered_kinds[] = {
  TRIB_DATA_SOURCE_KIND_MYSQL,
  TRIB_DATA_SOURCE_KIND_HTTPFILE,
  TRIB_DATA_SOURCE_KIND_S3,
  TRIB_DATA_SOURCE_KIND_LOCAL,
  TRIB_DATA_SOURCE_KIND_KYUUBI,
};

static void
field_free (gpointer data)
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

static gboolean
kind_has_secret (TribDataSourceKind kind)
{
  return kind == TRIB_DATA_SOURCE_KIND_MYSQL || kind == TRIB_DATA_SOURCE_KIND_S3 ||
         kind == TRIB_DATA_SOURCE_KIND_KYUUBI || kind == TRIB_DATA_SOURCE_KIND_HTTPFILE;
}

static Field *
find_field (TribDataSourceDialog *self,
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

static const char *
name_text (TribDataSourceDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

static char *
secret_text (TribDataSourceDialog *self)
{
  const char *text;

  if (self->secret_row == NULL)
    return NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  return *text ? g_strdup (text) : NULL;
}

/* A deep copy of the definition being edited (or a new one), with the fields applied.
 * Members the dialog does not show, such as request headers, are kept. */
static TribDataSource *
build_candidate (TribDataSourceDialog  *self,
                 GPtrArray             *problems)
{
  g_autoptr(TribDataSource) ds = NULL;
  g_autofree char *name = g_strstrip (g_strdup (name_text (self)));
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
static void
revalidate (TribDataSourceDialog *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_field_problem_free);
  g_autoptr(TribDataSource) candidate = NULL;
  g_autofree char *name = g_strstrip (g_strdup (name_text (self)));
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

  candidate = build_candidate (self, problems);
  {
    g_autoptr(GPtrArray) whole = trib_connector_check_data_source (candidate);

    for (guint i = 0; i < whole->len; i++)
      {
        TribFieldProblem *p = g_ptr_array_index (whole, i);
        Field *field = find_field (self, p->key);

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

static void
field_changed_cb (TribDataSourceDialog *self)
{
  revalidate (self);
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
      g_signal_connect_swapped (field->row, "notify::selected", G_CALLBACK (field_changed_cb), self);
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
      g_signal_connect_swapped (field->input, "notify::active", G_CALLBACK (field_changed_cb), self);
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
      g_signal_connect_swapped (field->row, "changed", G_CALLBACK (field_changed_cb), self);
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

static void
build_fields (TribDataSourceDialog *self)
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

  if (kind_has_secret (self->kind) && self->secret_row == NULL)
    add_secret_row (self);

  revalidate (self);
}

static void
add_secret_row (TribDataSourceDialog *self)
{
  if (!kind_has_secret (self->kind) || self->secret_row != NULL)
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

static void
kind_selected_cb (TribDataSourceDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected >= G_N_ELEMENTS (offered_kinds) || offered_kinds[selected] == self->kind)
    return;
  self->kind = offered_kinds[selected];
  gtk_widget_set_visible (self->result_box, FALSE);
  build_fields (self);
}

/* Connectivity test */

static char *
format_elapsed (gint64 usec)
{
  if (usec < 1000000)
    return g_strdup_printf (_("%.0f ms"), usec / 1000.0);
  return g_strdup_printf (_("%.1f s"), usec / 1000000.0);
}

static void
show_result (TribDataSourceDialog   *self,
             TribConnectivityResult *result)
{
  g_autofree char *elapsed = format_elapsed (trib_connectivity_result_get_elapsed_usec (result));
  GString *details = g_string_new (NULL);
  const char *reached = trib_connectivity_result_get_reached (result);
  const char *endpoint = trib_connectivity_result_get_endpoint (result);

  if (trib_connectivity_result_get_success (result))
    {
      g_autofree char *title = g_strdup_printf (_("Connected in %s"), elapsed);

      gtk_image_set_from_icon_name (self->result_icon, "emblem-ok-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "success");
      gtk_label_set_text (self->result_title, title);
      if (reached)
        g_string_append (details, reached);
    }
  else
    {
      g_autofree char *title = g_strdup_printf ("%s: %s",
                                                trib_connector_error_get_label (trib_connectivity_result_get_category (result)),
                                                trib_connectivity_result_get_message (result));

      gtk_image_set_from_icon_name (self->result_icon, "dialog-error-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "error");
      gtk_label_set_text (self->result_title, title);
      if (trib_connectivity_result_get_tls_problem (result))
        g_string_append (details, trib_connectivity_result_get_tls_problem (result));
    }

  if (endpoint)
    {
      if (details->len)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Endpoint: %s"), endpoint);
    }

  gtk_label_set_text (self->result_details, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->result_details), details->len > 0);
  gtk_label_set_text (self->result_hint, trib_connectivity_result_get_hint (result));
  gtk_widget_set_visible (GTK_WIDGET (self->result_hint), trib_connectivity_result_get_hint (result) != NULL);
  gtk_widget_set_visible (self->result_box, TRUE);
  g_string_free (details, TRUE);
}

static void
set_testing (TribDataSourceDialog *self,
             gboolean              testing)
{
  if (testing)
    {
      gtk_spinner_start (self->test_spinner);
      gtk_button_set_label (self->test_button, _("_Cancel Test"));
    }
  else
    {
      gtk_spinner_stop (self->test_spinner);
      gtk_button_set_label (self->test_button, _("_Test Connection"));
    }
}

typedef struct
{
  TribDataSource *candidate;
  char           *secret;
  char           *workspace_id;
  TribDataSource *original;   /* where a stored secret is filed */
  GFile          *base_directory;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_object (&data->candidate);
  if (data->secret)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_free (data->workspace_id);
  g_clear_object (&data->original);
  g_clear_object (&data->base_directory);
  g_free (data);
}

static void
test_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TestData *data = task_data;
  g_autofree char *secret = g_strdup (data->secret);
  GError *error = NULL;
  TribConnectivityResult *result;

  /* An empty field while editing means "the stored secret": the environment variable
   * first, then the keyring, exactly as a run would use it. */
  if (secret == NULL && data->original && data->workspace_id)
    secret = trib_secrets_resolve_for_id_sync (data->workspace_id, data->original, NULL, cancellable, NULL);

  result = trib_connectivity_test_sync (data->candidate, secret, data->base_directory, cancellable, &error);
  if (secret)
    memset (secret, 0, strlen (secret));
  if (result)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);
  g_autoptr(TribConnectivityResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled by the user: say so, unless the dialog is going away. */
      if (self->test_cancellable && !g_cancellable_is_cancelled (self->cancellable))
        {
          set_testing (self, FALSE);
          g_clear_object (&self->test_cancellable);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Connectivity test cancelled")));
        }
      return;
    }

  set_testing (self, FALSE);
  g_clear_object (&self->test_cancellable);

  if (result == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_set_object (&self->last_result, result);
  show_result (self, result);
  if (self->original)
    g_signal_emit (self, signals[TESTED], 0, trib_data_source_get_name (self->original), result);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  TestData *data;

  if (self->test_cancellable)
    {
      g_cancellable_cancel (self->test_cancellable);
      return;
    }

  self->test_cancellable = g_cancellable_new ();
  data = g_new0 (TestData, 1);
  data->candidate = build_candidate (self, NULL);
  data->secret = secret_text (self);
  if (self->workspace)
    {
      data->workspace_id = g_strdup (trib_workspace_get_id (self->workspace));
      data->base_directory = g_object_ref (trib_workspace_get_directory (self->workspace));
    }
  if (self->original)
    data->original = g_object_ref (self->original);

  set_testing (self, TRUE);
  gtk_widget_set_visible (self->result_box, FALSE);

  task = g_task_new (self, self->test_cancellable, test_done_cb, NULL);
  g_task_set_source_tag (task, test_action);
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, test_in_thread);
}

/* Saving */

typedef struct
{
  TribWorkspace *workspace;
  char          *workspace_id;
  char          *old_name;     /* the name the secret is filed under now, or NULL */
  char          *new_name;
  char          *secret;       /* NULL: keep (or move) the stored one */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->workspace);
  g_free (data->workspace_id);
  g_free (data->old_name);
  g_free (data->new_name);
  if (data->secret)
    memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (data->secret)
    {
      if (!trib_secrets_store_sync (data->workspace_id, data->new_name, data->secret, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (data->old_name && g_strcmp0 (data->old_name, data->new_name) != 0)
        trib_secrets_clear_sync (data->workspace_id, data->old_name, cancellable, NULL);
    }
  else if (data->old_name && g_strcmp0 (data->old_name, data->new_name) != 0)
    {
      /* Renamed: the secret follows the data source. */
      g_autofree char *stored = trib_secrets_lookup_sync (data->workspace_id, data->old_name, cancellable, NULL);

      if (stored)
        {
          trib_secrets_store_sync (data->workspace_id, data->new_name, stored, cancellable, NULL);
          trib_secrets_clear_sync (data->workspace_id, data->old_name, cancellable, NULL);
          memset (stored, 0, strlen (stored));
        }
    }

  if (!trib_workspace_save (data->workspace, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (TribDataSourceDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->connection_group), !busy);
  revalidate (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = user_data;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (widget);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_field_problem_free);
  g_autoptr(TribDataSource) candidate = NULL;
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  revalidate (self);
  if (self->name_error || self->workspace == NULL)
    return;

  candidate = build_candidate (self, problems);
  if (problems->len > 0)
    return;

  data = g_new0 (SaveData, 1);
  data->workspace = g_object_ref (self->workspace);
  data->workspace_id = g_strdup (trib_workspace_get_id (self->workspace));
  data->new_name = g_strdup (trib_data_source_get_name (candidate));
  data->secret = kind_has_secret (self->kind) ? secret_text (self) : NULL;
  if (self->original)
    {
      data->old_name = g_strdup (trib_data_source_get_name (self->original));
      if (g_strcmp0 (data->old_name, data->new_name) != 0)
        trib_workspace_remove_data_source (self->workspace, data->old_name);
    }
  trib_workspace_put_data_source (self->workspace, candidate);
  g_set_object (&self->original, candidate);

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, saved_cb, g_strdup (data->new_name));
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

/* Deleting */

static char *
describe_users (TribDataSourceDialog *self,
                const char           *name)
{
  GListModel *workflows = trib_workspace_get_workflows (self->workspace);
  GString *users = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (workflows); i++)
    {
      g_autoptr(TribWorkflow) workflow = g_list_model_get_item (workflows, i);
      GListModel *nodes = trib_workflow_get_nodes (workflow);

      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(TribNode) node = g_list_model_get_item (nodes, j);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

          trib_workflow_collect_datasource_refs (workflow, node, names, paths);
          if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_string_append_printf (users, "\n• %s (%s)", trib_node_get_display_name (node),
                                    trib_workflow_get_name (workflow));
        }
    }
  return g_string_free (users, users->len == 0);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = user_data;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  g_signal_emit (self, signals[DELETED], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  trib_secrets_clear_sync (data->workspace_id, data->old_name, cancellable, NULL);
  if (!trib_workspace_save (data->workspace, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
confirm_delete_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   TribDataSourceDialog *self)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  if (!g_str_equal (response, "delete") || self->original == NULL)
    return;

  data = g_new0 (SaveData, 1);
  data->workspace = g_object_ref (self->workspace);
  data->workspace_id = g_strdup (trib_workspace_get_id (self->workspace));
  data->old_name = g_strdup (trib_data_source_get_name (self->original));
  trib_workspace_remove_data_source (self->workspace, data->old_name);

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, deleted_cb, g_strdup (data->old_name));
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, delete_in_thread);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (widget);
  g_autofree char *users = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  const char *name;

  if (self->original == NULL || self->workspace == NULL)
    return;

  name = trib_data_source_get_name (self->original);
  users = describe_users (self, name);
  if (users)
    body = g_strdup_printf (_("These nodes use it and will fail until they are given another data source:%s"), users);
  else
    body = g_strdup (_("No node uses it. Its password or secret key is removed from the keyring too."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, body);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_delete_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static gboolean
trib_data_source_dialog_close_request (GtkWindow *window)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (window);

  /* Closing mid-test or mid-save stops the work; nothing half-done is shown. */
  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (trib_data_source_dialog_parent_class)->close_request (window);
}

static void
trib_data_source_dialog_dispose (GObject *object)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);

  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_DATA_SOURCE_DIALOG);

  G_OBJECT_CLASS (trib_data_source_dialog_parent_class)->dispose (object);
}

static void
trib_data_source_dialog_finalize (GObject *object)
{
  TribDataSourceDialog *self = TRIB_DATA_SOURCE_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->original);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->last_result);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_free (self->name_error);

  G_OBJECT_CLASS (trib_data_source_dialog_parent_class)->finalize (object);
}

static void
trib_data_source_dialog_class_init (TribDataSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = trib_data_source_dialog_dispose;
  object_class->finalize = trib_data_source_dialog_finalize;
  window_class->close_request = trib_data_source_dialog_close_request;

  /* The data source was added or changed and the workspace saved; its name. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A saved data source was tested: its name and the result. */
  signals[TESTED] = g_signal_new ("tested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                  TRIB_TYPE_CONNECTIVITY_RESULT);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-data-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, connection_group);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, advanced_group);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, test_group);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_box);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_title);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_details);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, result_hint);
  gtk_widget_class_bind_template_child (widget_class, TribDataSourceDialog, delete_group);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "dialog.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
}

static void
trib_data_source_dialog_init (TribDataSourceDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_ptr_array_new_with_free_func (field_free);
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < G_N_ELEMENTS (offered_kinds); i++)
    gtk_string_list_append (kinds, trib_data_source_kind_get_label (offered_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (field_changed_cb), self);
}

TribDataSourceDialog *
trib_data_source_dialog_new (GtkWindow      *parent,
                             TribWorkspace  *workspace,
                             TribDataSource *data_source)
{
  TribDataSourceDialog *self;

  g_return_val_if_fail (TRIB_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (!data_source || TRIB_IS_DATA_SOURCE (data_source), NULL);

  self = g_object_new (TRIB_TYPE_DATA_SOURCE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->original = data_source ? g_object_ref (data_source) : NULL;
  self->kind = data_source ? trib_data_source_get_kind (data_source) : TRIB_DATA_SOURCE_KIND_MYSQL;

  for (guint i = 0; i < G_N_ELEMENTS (offered_kinds); i++)
    if (offered_kinds[i] == self->kind)
      adw_combo_row_set_selected (self->kind_row, i);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);

  if (data_source)
    {
      adw_window_title_set_title (self->window_title, _("Edit Data Source"));
      adw_window_title_set_subtitle (self->window_title, trib_data_source_kind_get_label (self->kind));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), trib_data_source_get_name (data_source));
      if (trib_data_source_get_description (data_source))
        gtk_editable_set_text (GTK_EDITABLE (self->description_row), trib_data_source_get_description (data_source));
      /* Another type means other options: a new data source is the honest way. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
    }
  else
    adw_window_title_set_title (self->window_title, _("New Data Source"));

  build_fields (self);
  return self;
}

/* For the UI tests */

void
_trib_data_source_dialog_set_kind (TribDataSourceDialog *self,
                                   TribDataSourceKind    kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (offered_kinds); i++)
    if (offered_kinds[i] == kind)
      adw_combo_row_set_selected (self->kind_row, i);
}

void
_trib_data_source_dialog_set_field (TribDataSourceDialog *self,
                                    const char           *key,
                                    const char           *value)
{
  Field *field;

  if (g_str_equal (key, "name"))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), value);
  else if (g_str_equal (key, "description"))
    gtk_editable_set_text (GTK_EDITABLE (self->description_row), value);
  else if (g_str_equal (key, "secret"))
    {
      g_return_if_fail (self->secret_row != NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row), value);
    }
  else if ((field = find_field (self, key)))
    {
      if (GTK_IS_SWITCH (field->input))
        gtk_switch_set_active (GTK_SWITCH (field->input), g_str_equal (value, "true"));
      else if (ADW_IS_COMBO_ROW (field->input))
        {
          const char * const *choices = trib_connector_option_get_choices (self->kind, key);
          for (guint i = 0; choices && choices[i]; i++)
            if (g_str_equal (choices[i], value))
              adw_combo_row_set_selected (ADW_COMBO_ROW (field->input), i);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (field->input), value);
    }
  else
    g_critical ("no field %s", key);
}

const char *
_trib_data_source_dialog_get_field_error (TribDataSourceDialog *self,
                                          const char           *key)
{
  Field *field;

  if (g_str_equal (key, "name"))
    return self->name_error;
  field = find_field (self, key);
  return field ? field->error : NULL;
}

gboolean
_trib_data_source_dialog_is_testing (TribDataSourceDialog *self)
{
  return self->test_cancellable != NULL;
}

char *
_trib_data_source_dialog_dup_result (TribDataSourceDialog *self)
{
  if (!gtk_widget_get_visible (self->result_box))
    return NULL;
  return g_strdup_printf ("%s\n%s\n%s",
                          gtk_label_get_text (self->result_title),
                          gtk_label_get_text (self->result_details),
                          gtk_label_get_text (self->result_hint));
}

gboolean
_trib_data_source_dialog_can_save (TribDataSourceDialog *self)
{
  gboolean enabled = FALSE;

  g_object_get (self->save_button, "sensitive", &enabled, NULL);
  return enabled;
}
