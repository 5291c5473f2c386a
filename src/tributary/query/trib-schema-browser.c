/* trib-schema-browser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-schema-browser.h"

struct _TribSchemaBrowser
{
  GtkWidget           parent_instance;

  TribWorkspace      *workspace;
  char               *source_name;
  TribDataSourceKind  kind;
  /* A connection of its own, so browsing never waits behind a running query. */
  TribHs2Client      *client;
  char               *password;       /* MySQL */
  gboolean            connecting;
  gboolean            ready;
  GPtrArray          *waiting;        /* nodes (NULL entries: the root) to load once ready */
  guint               loading;
  GCancellable       *cancellable;

  GListStore         *root;
  GtkTreeListModel   *tree;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GtkTextBuffer      *names;

  GtkListView        *list_view;
  GtkSearchEntry     *filter_entry;
  GtkButton          *refresh_button;
  GtkSpinner         *spinner;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (TribSchemaBrowser, trib_schema_browser, GTK_TYPE_WIDGET)

enum {
  INSERT_NAME,
  PREVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_node (TribSchemaBrowser *self, TribSchemaNode *node);

/* A callback's hold on the browser, and the attempt it belongs to: after a refresh or a
 * change of data source, answers of the old attempt are dropped. */
typedef struct
{
  TribSchemaBrowser *self;
  GCancellable      *cancellable;
} Hold;

static Hold *
hold_new (TribSchemaBrowser *self)
{
  Hold *hold = g_new0 (Hold, 1);

  hold->self = g_object_ref (self);
  hold->cancellable = g_object_ref (self->cancellable);
  return hold;
}

/* Frees @hold; TRUE when its attempt is still the current one. */
static gboolean
hold_release (Hold               *hold,
              TribSchemaBrowser **self)
{
  gboolean current = hold->cancellable == hold->self->cancellable &&
                     !g_cancellable_is_cancelled (hold->cancellable);

  *self = hold->self;   /* the caller takes the reference */
  g_object_unref (hold->cancellable);
  g_free (hold);
  return current;
}

static void
set_error (TribSchemaBrowser *self,
           const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_spinner (TribSchemaBrowser *self)
{
  gtk_spinner_set_spinning (self->spinner, self->loading > 0 || self->connecting);
}

/* Loading */

static char *
quote_literal (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *p = text; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, *p);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static TribQueryRun *
make_run (TribSchemaBrowser *self,
          TribSchemaNode    *node)
{
  TribSchemaNodeKind kind = node ? trib_schema_node_get_kind (node) : (TribSchemaNodeKind) -1;

  if (self->kind == TRIB_DATA_SOURCE_KIND_MYSQL)
    {
      g_autofree char *sql = NULL;

      if (node == NULL)
        sql = g_strdup ("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1");
      else if (kind == TRIB_SCHEMA_NODE_DATABASE)
        {
          g_autofree char *db = quote_literal (trib_schema_node_get_name (node));
          sql = g_strdup_printf ("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s ORDER BY 1", db);
        }
      else
        {
          g_autofree char *db = quote_literal (trib_schema_node_get_database (node));
          g_autofree char *table = quote_literal (trib_schema_node_get_name (node));
          sql = g_strdup_printf ("SELECT COLUMN_NAME, UPPER(COLUMN_TYPE) FROM information_schema.COLUMNS"
                                 " WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s ORDER BY ORDINAL_POSITION", db, table);
        }
      return trib_query_run_new (NULL, sql, 0, 0);
    }
  if (node == NULL)
    return trib_query_run_new_metadata (self->client, TRIB_HS2_RPC_GET_SCHEMAS, NULL, NULL, "GetSchemas");
  if (kind == TRIB_SCHEMA_NODE_DATABASE)
    return trib_query_run_new_metadata (self->client, TRIB_HS2_RPC_GET_TABLES, trib_schema_node_get_name (node),
                                        NULL, "GetTables");
  return trib_query_run_new_metadata (self->client, TRIB_HS2_RPC_GET_COLUMNS, trib_schema_node_get_database (node),
                                      trib_schema_node_get_name (node), "GetColumns");
}

static void
add_name (TribSchemaBrowser *self,
          const char        *name)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (self->names, &end);
  gtk_text_buffer_insert (self->names, &end, name, -1);
  gtk_text_buffer_get_end_iter (self->names, &end);
  gtk_text_buffer_insert (self->names, &end, "\n", 1);
}

static void
fill (TribSchemaBrowser *self,
      TribSchemaNode    *node,
      TribQueryRun      *run)
{
  TribHs2ResultSet *rs = trib_query_run_get_result (run);
  GListStore *store = node ? trib_schema_node_get_children (node) : self->root;
  TribSchemaNodeKind kind = node == NULL ? TRIB_SCHEMA_NODE_DATABASE
                          : trib_schema_node_get_kind (node) == TRIB_SCHEMA_NODE_DATABASE ? TRIB_SCHEMA_NODE_TABLE
                          : TRIB_SCHEMA_NODE_COLUMN;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int name_col = 0, type_col = -1;
  guint n = rs ? trib_hs2_result_set_get_n_rows (rs) : 0;

  if (rs && self->kind != TRIB_DATA_SOURCE_KIND_MYSQL)
    {
      /* The JDBC column names of the metadata calls. */
      name_col = trib_hs2_result_set_find_column (rs, kind == TRIB_SCHEMA_NODE_DATABASE ? "TABLE_SCHEM"
                                                     : kind == TRIB_SCHEMA_NODE_TABLE ? "TABLE_NAME" : "COLUMN_NAME");
      if (kind == TRIB_SCHEMA_NODE_COLUMN)
        type_col = trib_hs2_result_set_find_column (rs, "TYPE_NAME");
    }
  else if (rs && kind == TRIB_SCHEMA_NODE_COLUMN)
    type_col = 1;
  if (name_col < 0)
    name_col = 0;

  for (guint r = 0; r < n; r++)
    {
      g_autofree char *name = trib_hs2_result_set_dup_text (rs, r, (guint) name_col);
      g_autofree char *type = type_col >= 0 ? trib_hs2_result_set_dup_text (rs, r, (guint) type_col) : NULL;
      const char *database = node == NULL ? name : trib_schema_node_get_database (node) ? trib_schema_node_get_database (node)
                                                                                      : trib_schema_node_get_name (node);

      if (name == NULL)
        continue;
      g_ptr_array_add (items, trib_schema_node_new (kind, database,
                                                   kind == TRIB_SCHEMA_NODE_COLUMN ? trib_schema_node_get_name (node) : NULL,
                                                   name, type));
      if (kind != TRIB_SCHEMA_NODE_DATABASE)
        add_name (self, name);
    }
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
  if (node)
    trib_schema_node_set_loaded (node, TRUE);
}

static void
loaded_cb (TribSchemaBrowser *self,
           TribSchemaNode    *node,
           TribQueryRun      *run,
           const GError      *error)
{
  self->loading--;
  update_spinner (self);
  if (error)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }
  set_error (self, NULL);
  fill (self, node, run);
}

static void
hs2_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TribSchemaBrowser) self = NULL;
  g_autoptr(TribSchemaNode) node = g_object_steal_data (object, "node");
  g_autoptr(GError) error = NULL;
  gboolean current = hold_release (user_data, &self);

  trib_query_run_start_finish (TRIB_QUERY_RUN (object), result, &error);
  if (current)
    loaded_cb (self, node, TRIB_QUERY_RUN (object), error);
}

static void
mysql_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TribSchemaBrowser) self = NULL;
  TribQueryRun *run = g_object_get_data (G_OBJECT (result), "run");
  g_autoptr(TribSchemaNode) node = g_object_steal_data (G_OBJECT (run), "node");
  g_autoptr(GError) error = NULL;
  gboolean current = hold_release (user_data, &self);

  trib_query_mysql_run_finish (result, &error);
  if (current)
    loaded_cb (self, node, run, error);
}

static void
start_load (TribSchemaBrowser *self,
            TribSchemaNode    *node)
{
  g_autoptr(TribQueryRun) run = make_run (self, node);

  self->loading++;
  update_spinner (self);
  if (node)
    g_object_set_data_full (G_OBJECT (run), "node", g_object_ref (node), g_object_unref);
  if (self->kind == TRIB_DATA_SOURCE_KIND_MYSQL)
    trib_query_mysql_run_async (trib_workspace_lookup_data_source (self->workspace, self->source_name),
                                self->password, run, self->cancellable, mysql_loaded_cb, hold_new (self));
  else
    trib_query_run_start_async (run, self->cancellable, hs2_loaded_cb, hold_new (self));
}

static void
connected (TribSchemaBrowser *self,
           const GError      *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->connecting = FALSE;
  update_spinner (self);
  if (error)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }
  self->ready = TRUE;
  for (guint i = 0; i < waiting->len; i++)
    {
      TribSchemaNode *node = g_ptr_array_index (waiting, i);
      start_load (self, trib_schema_node_get_kind (node) == (TribSchemaNodeKind) -1 ? NULL : node);
    }
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TribSchemaBrowser) self = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current = hold_release (user_data, &self);
  gboolean ok = trib_hs2_client_open_finish (TRIB_HS2_CLIENT (object), result, &error);

  if (!current)
    return;
  if (!ok)
    g_clear_object (&self->client);
  connected (self, error);
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TribSchemaBrowser) self = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current = hold_release (user_data, &self);
  char *password = trib_secrets_resolve_finish (result, NULL, &error);
  TribDataSource *source;
  g_autoptr(TribHs2Config) config = NULL;

  if (!current)
    {
      trib_secret_free (password);
      return;
    }
  source = self->workspace ? trib_workspace_lookup_data_source (self->workspace, self->source_name) : NULL;
  if (error || source == NULL)
    {
      trib_secret_free (password);
      connected (self, error);
      return;
    }
  if (self->kind == TRIB_DATA_SOURCE_KIND_MYSQL)
    {
      self->password = password;
      connected (self, NULL);
      return;
    }
  config = trib_hs2_config_new_from_data_source (source, password, &error);
  trib_secret_free (password);
  if (config == NULL)
    {
      connected (self, error);
      return;
    }
  self->client = trib_hs2_client_new (config);
  trib_hs2_client_open_async (self->client, self->cancellable, client_opened_cb, hold_new (self));
}

/* A sentinel for "the root" in the waiting list (a GPtrArray of objects). */
static TribSchemaNode *
root_marker (void)
{
  return trib_schema_node_new ((TribSchemaNodeKind) -1, NULL, NULL, "", NULL);
}

static void
load_node (TribSchemaBrowser *self,
           TribSchemaNode    *node)
{
  TribDataSource *source;

  if (self->ready)
    {
      start_load (self, node);
      return;
    }
  g_ptr_array_add (self->waiting, node ? g_object_ref (node) : root_marker ());
  if (self->connecting || self->workspace == NULL || self->source_name == NULL)
    return;
  source = trib_workspace_lookup_data_source (self->workspace, self->source_name);
  if (source == NULL)
    return;
  self->connecting = TRUE;
  update_spinner (self);
  trib_secrets_resolve_async (self->workspace, source, self->cancellable, secret_cb, hold_new (self));
}

/* The tree */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  TribSchemaBrowser *self = user_data;
  TribSchemaNode *node = item;
  GListStore *children = trib_schema_node_get_children (node);

  if (children == NULL)
    return NULL;
  /* Lazily: a level is read from the server when it is first expanded. */
  if (!trib_schema_node_get_loaded (node))
    {
      trib_schema_node_set_loaded (node, TRUE);
      load_node (self, node);
    }
  return G_LIST_MODEL (g_object_ref (children));
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  TribSchemaBrowser *self = user_data;
  TribSchemaNode *node = gtk_tree_list_row_get_item (item);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *name = NULL;
  g_autofree char *needle = NULL;
  gboolean match;

  if (node == NULL)
    return TRUE;
  if (*text == '\0' || trib_schema_node_get_kind (node) != TRIB_SCHEMA_NODE_TABLE)
    {
      g_object_unref (node);
      return TRUE;
    }
  name = g_utf8_casefold (trib_schema_node_get_name (node), -1);
  needle = g_utf8_casefold (text, -1);
  match = strstr (name, needle) != NULL;
  g_object_unref (node);
  return match;
}

static void
preview_clicked_cb (GtkButton         *button,
                    TribSchemaBrowser *self)
{
  TribSchemaNode *node = g_object_get_data (G_OBJECT (button), "node");

  if (node)
    g_signal_emit (self, signals[PREVIEW], 0, trib_schema_node_get_database (node), trib_schema_node_get_name (node));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TribSchemaBrowser        *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *type = gtk_label_new (NULL);
  GtkWidget *preview = gtk_button_new_from_icon_name ("view-reveal-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (type, "dim-label");
  gtk_widget_add_css_class (type, "caption");
  gtk_widget_add_css_class (preview, "flat");
  gtk_widget_set_tooltip_text (preview, _("Preview: the first 100 rows in a new result tab"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (preview), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"), -1);
  g_signal_connect (preview, "clicked", G_CALLBACK (preview_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), type);
  gtk_box_append (GTK_BOX (box), preview);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TribSchemaBrowser        *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (icon);
  GtkWidget *type = gtk_widget_get_next_sibling (name);
  GtkWidget *preview = gtk_widget_get_next_sibling (type);
  g_autoptr(TribSchemaNode) node = gtk_tree_list_row_get_item (row);
  TribSchemaNodeKind kind = trib_schema_node_get_kind (node);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kind == TRIB_SCHEMA_NODE_DATABASE ? "trib-database-symbolic"
                                                 : kind == TRIB_SCHEMA_NODE_TABLE ? "view-grid-symbolic"
                                                 : "format-justify-left-symbolic");
  gtk_label_set_text (GTK_LABEL (name), trib_schema_node_get_name (node));
  gtk_label_set_text (GTK_LABEL (type), trib_schema_node_get_type_name (node) ? trib_schema_node_get_type_name (node) : "");
  gtk_widget_set_visible (preview, kind == TRIB_SCHEMA_NODE_TABLE);
  g_object_set_data_full (G_OBJECT (preview), "node", g_object_ref (node), g_object_unref);
}

static void
activate_cb (GtkListView       *view,
             guint              position,
             TribSchemaBrowser *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_autoptr(TribSchemaNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;
  g_autofree char *qualified = NULL;

  if (node == NULL)
    return;
  qualified = trib_schema_node_dup_qualified_name (node);
  g_signal_emit (self, signals[INSERT_NAME], 0, qualified);
}

static void
filter_changed_cb (TribSchemaBrowser *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Object */

static void
reset (TribSchemaBrowser *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->client)
    trib_hs2_client_close_async (self->client, NULL, NULL, NULL);
  g_clear_object (&self->client);
  g_clear_pointer (&self->password, trib_secret_free);
  self->connecting = FALSE;
  self->ready = FALSE;
  self->loading = 0;
  g_ptr_array_set_size (self->waiting, 0);
  g_list_store_remove_all (self->root);
  gtk_text_buffer_set_text (self->names, "", 0);
  set_error (self, NULL);
  update_spinner (self);
}

static void
trib_schema_browser_dispose (GObject *object)
{
  TribSchemaBrowser *self = TRIB_SCHEMA_BROWSER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->client)
    trib_hs2_client_close_async (self->client, NULL, NULL, NULL);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRIB_TYPE_SCHEMA_BROWSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (trib_schema_browser_parent_class)->dispose (object);
}

static void
trib_schema_browser_finalize (GObject *object)
{
  TribSchemaBrowser *self = TRIB_SCHEMA_BROWSER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->password, trib_secret_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->root);
  g_clear_object (&self->names);
  g_free (self->source_name);
  G_OBJECT_CLASS (trib_schema_browser_parent_class)->finalize (object);
}

static void
trib_schema_browser_class_init (TribSchemaBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trib_schema_browser_dispose;
  object_class->finalize = trib_schema_browser_finalize;

  signals[INSERT_NAME] = g_signal_new ("insert-name", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PREVIEW] = g_signal_new ("preview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/trib-schema-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, TribSchemaBrowser, list_view);
  gtk_widget_class_bind_template_child (widget_class, TribSchemaBrowser, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, TribSchemaBrowser, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, TribSchemaBrowser, spinner);
  gtk_widget_class_bind_template_child (widget_class, TribSchemaBrowser, error_label);
}

static void
trib_schema_browser_init (TribSchemaBrowser *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->names = gtk_text_buffer_new (NULL);
  self->root = g_list_store_new (TRIB_TYPE_SCHEMA_NODE);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root)), FALSE, FALSE,
                                        create_children, self, NULL);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->tree), GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect_swapped (self->filter_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (trib_schema_browser_refresh), self);
}

GtkWidget *
trib_schema_browser_new (void)
{
  return g_object_new (TRIB_TYPE_SCHEMA_BROWSER, NULL);
}

void
trib_schema_browser_set_data_source (TribSchemaBrowser *self,
                                     TribWorkspace     *workspace,
                                     const char        *data_source)
{
  TribDataSource *source = workspace && data_source ? trib_workspace_lookup_data_source (workspace, data_source) : NULL;

  if (self->workspace == workspace && g_strcmp0 (self->source_name, data_source) == 0)
    return;
  g_set_object (&self->workspace, workspace);
  g_free (self->source_name);
  self->source_name = g_strdup (data_source);
  self->kind = source ? trib_data_source_get_kind (source) : TRIB_DATA_SOURCE_KIND_UNKNOWN;
  trib_schema_browser_refresh (self);
}

void
trib_schema_browser_refresh (TribSchemaBrowser *self)
{
  reset (self);
  if (self->kind == TRIB_DATA_SOURCE_KIND_KYUUBI || self->kind == TRIB_DATA_SOURCE_KIND_MYSQL)
    load_node (self, NULL);
}

GtkTextBuffer *
trib_schema_browser_get_names (TribSchemaBrowser *self)
{
  return self->names;
}

gboolean
_trib_schema_browser_is_loading (TribSchemaBrowser *self)
{
  return self->loading > 0 || self->connecting;
}

char *
_trib_schema_browser_dup_rows (TribSchemaBrowser *self)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      g_autoptr(TribSchemaNode) node = gtk_tree_list_row_get_item (row);

      for (guint d = 0; d < gtk_tree_list_row_get_depth (row); d++)
        g_string_append (out, "  ");
      g_string_append (out, trib_schema_node_get_name (node));
      if (trib_schema_node_get_type_name (node))
        g_string_append_printf (out, " %s", trib_schema_node_get_type_name (node));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static GtkTreeListRow *
find_row (TribSchemaBrowser *self,
          const char        *name,
          guint             *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      GtkTreeListRow *row = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      g_autoptr(TribSchemaNode) node = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (trib_schema_node_get_name (node), name) == 0)
        {
          if (position)
            *position = i;
          return row;
        }
      g_object_unref (row);
    }
  return NULL;
}

gboolean
_trib_schema_browser_expand (TribSchemaBrowser *self,
                             const char        *name)
{
  g_autoptr(GtkTreeListRow) row = find_row (self, name, NULL);

  if (row == NULL)
    return FALSE;
  gtk_tree_list_row_set_expanded (row, TRUE);
  return TRUE;
}

gboolean
_trib_schema_browser_activate (TribSchemaBrowser *self,
                               const char        *name)
{
  guint position;
  g_autoptr(GtkTreeListRow) row = find_row (self, name, &position);

  if (row == NULL)
    return FALSE;
  g_signal_emit_by_name (self->list_view, "activate", position);
  return TRUE;
}

gboolean
_trib_schema_browser_preview (TribSchemaBrowser *self,
                              const char        *table)
{
  g_autoptr(GtkTreeListRow) row = find_row (self, table, NULL);
  g_autoptr(TribSchemaNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (node == NULL || trib_schema_node_get_kind (node) != TRIB_SCHEMA_NODE_TABLE)
    return FALSE;
  g_signal_emit (self, signals[PREVIEW], 0, trib_schema_node_get_database (node), trib_schema_node_get_name (node));
  return TRUE;
}

GtkEditable *
_trib_schema_browser_get_filter (TribSchemaBrowser *self)
{
  return GTK_EDITABLE (self->filter_entry);
}

const char *
_trib_schema_browser_get_error (TribSchemaBrowser *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
