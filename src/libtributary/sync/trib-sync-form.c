/* trib-sync-form.c: job text <-> the codeless form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trib-json.h"
#include "trib-sync-error.h"
#include "trib-sync-form.h"
#include "trib-sync-job.h"

/* Columns {{{ */

TribSyncFormColumn *
trib_sync_form_column_new_mysql (const char *name)
{
  TribSyncFormColumn *column = g_new0 (TribSyncFormColumn, 1);

  column->name = g_strdup (name);
  column->index = -1;
  return column;
}

TribSyncFormColumn *
trib_sync_form_column_new_file (int         index,
                                const char *type)
{
  TribSyncFormColumn *column = g_new0 (TribSyncFormColumn, 1);

  column->index = index;
  column->type = g_strdup (type ? type : "string");
  return column;
}

TribSyncFormColumn *
trib_sync_form_column_copy (const TribSyncFormColumn *column)
{
  TribSyncFormColumn *copy = g_new0 (TribSyncFormColumn, 1);

  copy->name = g_strdup (column->name);
  copy->index = column->index;
  copy->type = g_strdup (column->type);
  return copy;
}

void
trib_sync_form_column_free (TribSyncFormColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->type);
  g_free (column);
}

/* }}} */
/* Life cycle {{{ */

TribSyncForm *
trib_sync_form_new (TribSyncReaderKind reader_kind)
{
  TribSyncForm *form = g_new0 (TribSyncForm, 1);

  form->reader_kind = reader_kind;
  form->writer_type = g_strdup ("oss");
  form->where = g_strdup ("");
  form->file_format = g_strdup ("text");
  form->field_delimiter = g_strdup ("|");
  form->compress = g_strdup ("none");
  form->reader_encoding = g_strdup ("UTF-8");
  form->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_sync_form_column_free);
  form->writer_file_format = g_strdup ("text");
  form->writer_encoding = g_strdup ("UTF-8");
  form->writer_field_delimiter = g_strdup ("|");
  form->write_mode = g_strdup ("truncate");
  form->write_single_object = TRUE;
  form->concurrent = 2;
  form->error_limit_records = 0;
  form->reader_name = g_strdup ("Reader");
  form->writer_name = g_strdup ("Writer");
  return form;
}

void
trib_sync_form_free (TribSyncForm *form)
{
  if (form == NULL)
    return;
  g_free (form->reader_datasource);
  g_free (form->writer_type);
  g_free (form->writer_datasource);
  g_free (form->table);
  g_free (form->where);
  g_free (form->split_pk);
  g_free (form->file_name);
  g_free (form->file_format);
  g_free (form->field_delimiter);
  g_free (form->compress);
  g_free (form->null_format);
  g_free (form->reader_encoding);
  g_clear_pointer (&form->columns, g_ptr_array_unref);
  g_free (form->object);
  g_free (form->writer_file_format);
  g_free (form->writer_encoding);
  g_free (form->writer_field_delimiter);
  g_free (form->writer_null_format);
  g_strfreev (form->header);
  g_free (form->write_mode);
  g_free (form->reader_name);
  g_free (form->writer_name);
  g_free (form);
}

TribSyncForm *
trib_sync_form_copy (const TribSyncForm *form)
{
  TribSyncForm *copy = g_new0 (TribSyncForm, 1);

  *copy = *form;
  copy->reader_datasource = g_strdup (form->reader_datasource);
  copy->writer_type = g_strdup (form->writer_type);
  copy->writer_datasource = g_strdup (form->writer_datasource);
  copy->table = g_strdup (form->table);
  copy->where = g_strdup (form->where);
  copy->split_pk = g_strdup (form->split_pk);
  copy->file_name = g_strdup (form->file_name);
  copy->file_format = g_strdup (form->file_format);
  copy->field_delimiter = g_strdup (form->field_delimiter);
  copy->compress = g_strdup (form->compress);
  copy->null_format = g_strdup (form->null_format);
  copy->reader_encoding = g_strdup (form->reader_encoding);
  copy->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_sync_form_column_free);
  for (guint i = 0; form->columns && i < form->columns->len; i++)
    g_ptr_array_add (copy->columns, trib_sync_form_column_copy (g_ptr_array_index (form->columns, i)));
  copy->object = g_strdup (form->object);
  copy->writer_file_format = g_strdup (form->writer_file_format);
  copy->writer_encoding = g_strdup (form->writer_encoding);
  copy->writer_field_delimiter = g_strdup (form->writer_field_delimiter);
  copy->writer_null_format = g_strdup (form->writer_null_format);
  copy->header = g_strdupv (form->header);
  copy->write_mode = g_strdup (form->write_mode);
  copy->reader_name = g_strdup (form->reader_name);
  copy->writer_name = g_strdup (form->writer_name);
  return copy;
}

gboolean
trib_sync_form_equal (const TribSyncForm *a,
                      const TribSyncForm *b)
{
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  ta = trib_sync_form_to_text (a);
  tb = trib_sync_form_to_text (b);
  return a->datax_shape == b->datax_shape && g_strcmp0 (ta, tb) == 0;
}

/* }}} */
/* Form -> text {{{ */

static void
put_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static JsonNode *
string_array_node (const char * const *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values && values[i]; i++)
    json_array_add_string_element (array, values[i]);
  json_node_take_array (node, array);
  return node;
}

static JsonObject *
mysql_parameter (const TribSyncForm *form)
{
  JsonObject *parameter = json_object_new ();
  JsonArray *columns = json_array_new ();
  JsonArray *connections = json_array_new ();
  JsonObject *connection = json_object_new ();
  const char *tables[] = { form->table, NULL };

  put_optional_string (parameter, "datasource", form->reader_datasource);
  for (guint i = 0; i < form->columns->len; i++)
    {
      TribSyncFormColumn *column = g_ptr_array_index (form->columns, i);

      json_array_add_string_element (columns, column->name ? column->name : "");
    }
  json_object_set_array_member (parameter, "column", columns);
  put_optional_string (connection, "datasource", form->reader_datasource);
  json_object_set_member (connection, "table", string_array_node (form->table ? tables : NULL));
  json_array_add_object_element (connections, connection);
  json_object_set_array_member (parameter, "connection", connections);
  json_object_set_string_member (parameter, "where", form->where ? form->where : "");
  put_optional_string (parameter, "splitPk", form->split_pk);
  put_optional_string (parameter, "encoding", form->reader_encoding);
  return parameter;
}

static JsonObject *
file_parameter (const TribSyncForm *form)
{
  JsonObject *parameter = json_object_new ();
  JsonArray *columns = json_array_new ();

  put_optional_string (parameter, "datasource", form->reader_datasource);
  json_object_set_string_member (parameter, "fileName", form->file_name ? form->file_name : "");
  put_optional_string (parameter, "fileFormat", form->file_format);
  put_optional_string (parameter, "encoding", form->reader_encoding);
  put_optional_string (parameter, "fieldDelimiter", form->field_delimiter);
  put_optional_string (parameter, "compress", form->compress);
  /* DataWorks' codeless UI writes the flag as a string. */
  json_object_set_string_member (parameter, "skipHeader", form->skip_header ? "true" : "false");
  put_optional_string (parameter, "nullFormat", form->null_format);
  for (guint i = 0; i < form->columns->len; i++)
    {
      TribSyncFormColumn *column = g_ptr_array_index (form->columns, i);
      JsonObject *entry = json_object_new ();

      json_object_set_int_member (entry, "index", MAX (column->index, 0));
      json_object_set_string_member (entry, "type", column->type ? column->type : "string");
      json_array_add_object_element (columns, entry);
    }
  json_object_set_array_member (parameter, "column", columns);
  return parameter;
}

static JsonObject *
writer_parameter (const TribSyncForm *form)
{
  JsonObject *parameter = json_object_new ();

  put_optional_string (parameter, "datasource", form->writer_datasource);
  json_object_set_string_member (parameter, "object", form->object ? form->object : "");
  put_optional_string (parameter, "fileFormat", form->writer_file_format);
  put_optional_string (parameter, "encoding", form->writer_encoding);
  put_optional_string (parameter, "fieldDelimiter", form->writer_field_delimiter);
  put_optional_string (parameter, "nullFormat", form->writer_null_format);
  if (form->header != NULL)
    json_object_set_member (parameter, "header", string_array_node ((const char * const *) form->header));
  put_optional_string (parameter, "writeMode", form->write_mode);
  json_object_set_boolean_member (parameter, "writeSingleObject", form->write_single_object);
  return parameter;
}

static JsonObject *
step_object (const char *type,
             const char *category,
             const char *name,
             JsonObject *parameter)
{
  JsonObject *step = json_object_new ();

  json_object_set_string_member (step, "stepType", type);
  json_object_set_string_member (step, "category", category);
  json_object_set_string_member (step, "name", name);
  json_object_set_object_member (step, "parameter", parameter);
  return step;
}

char *
trib_sync_form_to_text (const TribSyncForm *form)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *job = json_object_new ();
  JsonArray *steps = json_array_new ();
  JsonObject *order = json_object_new ();
  JsonArray *hops = json_array_new ();
  JsonObject *hop = json_object_new ();
  JsonObject *setting = json_object_new ();
  JsonObject *speed = json_object_new ();
  const char *reader_name = form->reader_name ? form->reader_name : "Reader";
  const char *writer_name = form->writer_name ? form->writer_name : "Writer";
  char *text;
  gsize len;

  g_return_val_if_fail (form != NULL, NULL);

  json_object_set_string_member (job, "type", "job");
  json_object_set_string_member (job, "version", "2.0");
  json_array_add_object_element (steps,
                                 step_object (form->reader_kind == TRIB_SYNC_READER_MYSQL ? "mysql" : "httpfile",
                                              "reader", reader_name,
                                              form->reader_kind == TRIB_SYNC_READER_MYSQL ? mysql_parameter (form)
                                                                                          : file_parameter (form)));
  json_array_add_object_element (steps, step_object (form->writer_type ? form->writer_type : "oss",
                                                     "writer", writer_name, writer_parameter (form)));
  json_object_set_array_member (job, "steps", steps);

  json_object_set_string_member (hop, "from", reader_name);
  json_object_set_string_member (hop, "to", writer_name);
  json_array_add_object_element (hops, hop);
  json_object_set_array_member (order, "hops", hops);
  json_object_set_object_member (job, "order", order);

  if (form->error_limit_records >= 0)
    {
      JsonObject *limit = json_object_new ();
      g_autofree char *records = g_strdup_printf ("%" G_GINT64_FORMAT, form->error_limit_records);

      json_object_set_string_member (limit, "record", records);
      json_object_set_object_member (setting, "errorLimit", limit);
    }
  json_object_set_boolean_member (speed, "throttle", form->throttle);
  json_object_set_int_member (speed, "concurrent", form->concurrent);
  if (form->throttle)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      json_object_set_string_member (speed, "mbps", g_ascii_formatd (buffer, sizeof buffer, "%g", form->mbps));
    }
  json_object_set_object_member (setting, "speed", speed);
  json_object_set_object_member (job, "setting", setting);

  json_node_take_object (root, job);
  text = trib_json_to_string (root);
  /* A node's script.content carries no final newline (the demo's jobs do not). */
  len = strlen (text);
  if (len > 0 && text[len - 1] == '\n')
    text[len - 1] = '\0';
  return text;
}

/* }}} */
/* Text -> form {{{ */

typedef struct
{
  GPtrArray *unsupported;  /* JSON paths */
} Reader;

static void
unsupported (Reader     *r,
             const char *path)
{
  g_ptr_array_add (r->unsupported, g_strdup (path));
}

static char *
join_path (const char *base,
           const char *key)
{
  return base && *base ? g_strdup_printf ("%s.%s", base, key) : g_strdup (key);
}

/* Reports every member of @object not in @allowed. */
static void
check_members (Reader             *r,
               JsonObject         *object,
               const char         *base,
               const char * const *allowed)
{
  g_autoptr(GList) members = object ? json_object_get_members (object) : NULL;

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *path = join_path (base, l->data);

        unsupported (r, path);
      }
}

static char *
dup_text (JsonObject *object,
          const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !trib_json_node_is_scalar (node))
    return NULL;
  return trib_json_node_dup_scalar_text (node);
}

static gboolean
get_flag (JsonObject *object,
          const char *member)
{
  g_autofree char *text = dup_text (object, member);

  return text != NULL && g_ascii_strcasecmp (text, "true") == 0;
}

static gint64
get_number (JsonObject *object,
            const char *member,
            gint64      fallback)
{
  g_autofree char *text = dup_text (object, member);

  if (text == NULL || *text == '\0')
    return fallback;
  return g_ascii_strtoll (text, NULL, 10);
}

static void
read_mysql (Reader       *r,
            TribSyncForm *form,
            JsonObject   *parameter,
            const char   *base)
{
  static const char * const allowed[] = { "datasource", "column", "connection", "where", "splitPk", "encoding", NULL };
  JsonArray *columns = trib_json_object_get_array (parameter, "column");
  JsonArray *connections = trib_json_object_get_array (parameter, "connection");

  check_members (r, parameter, base, allowed);
  form->reader_datasource = dup_text (parameter, "datasource");

  for (guint i = 0; columns && i < json_array_get_length (columns); i++)
    {
      const char *name = json_array_get_string_element (columns, i);

      if (g_strcmp0 (name, "*") == 0)
        {
          g_autofree char *path = g_strdup_printf ("%s.column[%u]", base, i);

          unsupported (r, path);
        }
      else
        g_ptr_array_add (form->columns, trib_sync_form_column_new_mysql (name));
    }

  for (guint i = 0; connections && i < json_array_get_length (connections); i++)
    {
      static const char * const connection_allowed[] = { "datasource", "table", NULL };
      g_autofree char *path = g_strdup_printf ("%s.connection[%u]", base, i);
      JsonObject *connection = json_array_get_object_element (connections, i);
      g_autofree char *datasource = dup_text (connection, "datasource");
      JsonNode *tables = json_object_get_member (connection, "table");

      if (i > 0)
        {
          unsupported (r, path);
          continue;
        }
      check_members (r, connection, path, connection_allowed);
      if (form->reader_datasource == NULL)
        form->reader_datasource = g_steal_pointer (&datasource);
      else if (datasource != NULL && strcmp (datasource, form->reader_datasource) != 0)
        {
          g_autofree char *dpath = join_path (path, "datasource");

          unsupported (r, dpath);
        }
      if (tables != NULL && JSON_NODE_HOLDS_VALUE (tables))
        form->table = g_strdup (json_node_get_string (tables));
      else if (tables != NULL && JSON_NODE_HOLDS_ARRAY (tables))
        {
          JsonArray *array = json_node_get_array (tables);

          for (guint k = 0; k < json_array_get_length (array); k++)
            {
              if (k == 0)
                form->table = g_strdup (json_array_get_string_element (array, 0));
              else
                {
                  g_autofree char *tpath = g_strdup_printf ("%s.table[%u]", path, k);

                  unsupported (r, tpath);
                }
            }
        }
    }

  g_free (form->where);
  form->where = dup_text (parameter, "where");
  if (form->where == NULL)
    form->where = g_strdup ("");
  form->split_pk = dup_text (parameter, "splitPk");
  g_free (form->reader_encoding);
  form->reader_encoding = dup_text (parameter, "encoding");
}

static void
read_file (Reader       *r,
           TribSyncForm *form,
           JsonObject   *parameter,
           const char   *base)
{
  static const char * const allowed[] = { "datasource", "fileName", "fileFormat", "fieldDelimiter", "encoding",
                                          "compress", "skipHeader", "nullFormat", "column", NULL };
  static const char * const column_allowed[] = { "index", "type", NULL };
  JsonArray *columns = trib_json_object_get_array (parameter, "column");

  check_members (r, parameter, base, allowed);
  form->reader_datasource = dup_text (parameter, "datasource");
  form->file_name = dup_text (parameter, "fileName");
#define REPLACE(field, member) G_STMT_START { g_free (form->field); form->field = dup_text (parameter, member); } G_STMT_END
  REPLACE (file_format, "fileFormat");
  REPLACE (field_delimiter, "fieldDelimiter");
  REPLACE (reader_encoding, "encoding");
  REPLACE (compress, "compress");
#undef REPLACE
  form->skip_header = get_flag (parameter, "skipHeader");
  form->null_format = dup_text (parameter, "nullFormat");

  for (guint i = 0; columns && i < json_array_get_length (columns); i++)
    {
      JsonNode *element = json_array_get_element (columns, i);
      g_autofree char *path = g_strdup_printf ("%s.column[%u]", base, i);
      JsonObject *column;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          unsupported (r, path);
          continue;
        }
      column = json_node_get_object (element);
      check_members (r, column, path, column_allowed);
      if (json_object_has_member (column, "index"))
        {
          g_autofree char *type = dup_text (column, "type");

          g_ptr_array_add (form->columns,
                           trib_sync_form_column_new_file ((int) get_number (column, "index", 0), type));
        }
    }
}

static void
read_writer (Reader       *r,
             TribSyncForm *form,
             JsonObject   *parameter,
             const char   *base)
{
  static const char * const allowed[] = { "datasource", "object", "fileFormat", "fieldDelimiter", "writeMode",
                                          "encoding", "header", "nullFormat", "writeSingleObject", NULL };
  JsonArray *header = trib_json_object_get_array (parameter, "header");

  check_members (r, parameter, base, allowed);
  form->writer_datasource = dup_text (parameter, "datasource");
  form->object = dup_text (parameter, "object");
#define REPLACE(field, member) G_STMT_START { g_free (form->field); form->field = dup_text (parameter, member); } G_STMT_END
  REPLACE (writer_file_format, "fileFormat");
  REPLACE (writer_field_delimiter, "fieldDelimiter");
  REPLACE (write_mode, "writeMode");
  REPLACE (writer_encoding, "encoding");
  REPLACE (writer_null_format, "nullFormat");
#undef REPLACE
  form->write_single_object = get_flag (parameter, "writeSingleObject");
  if (header != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (header); i++)
        g_strv_builder_add (builder, json_array_get_string_element (header, i));
      form->header = g_strv_builder_end (builder);
    }
}

static void
read_script (Reader       *r,
             TribSyncForm *form,
             JsonObject   *root)
{
  static const char * const allowed[] = { "type", "version", "steps", "order", "setting", NULL };
  static const char * const step_allowed[] = { "stepType", "category", "name", "parameter", NULL };
  static const char * const order_allowed[] = { "hops", NULL };
  static const char * const hop_allowed[] = { "from", "to", NULL };
  static const char * const setting_allowed[] = { "errorLimit", "speed", NULL };
  static const char * const limit_allowed[] = { "record", NULL };
  static const char * const speed_allowed[] = { "throttle", "concurrent", "mbps", NULL };
  JsonArray *steps = trib_json_object_get_array (root, "steps");
  JsonObject *order = trib_json_object_get_object (root, "order");
  JsonArray *hops = trib_json_object_get_array (order, "hops");
  JsonObject *setting = trib_json_object_get_object (root, "setting");
  JsonObject *limit = trib_json_object_get_object (setting, "errorLimit");
  JsonObject *speed = trib_json_object_get_object (setting, "speed");

  check_members (r, root, NULL, allowed);
  for (guint i = 0; steps && i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      g_autofree char *path = g_strdup_printf ("steps[%u]", i);
      g_autofree char *parameter_path = join_path (path, "parameter");
      const char *category = trib_json_object_get_string (step, "category", "");
      const char *type = trib_json_object_get_string (step, "stepType", "");
      JsonObject *parameter = trib_json_object_get_object (step, "parameter");

      check_members (r, step, path, step_allowed);
      if (strcmp (category, "reader") == 0)
        {
          g_free (form->reader_name);
          form->reader_name = dup_text (step, "name");
          if (g_ascii_strcasecmp (type, "mysql") == 0)
            {
              form->reader_kind = TRIB_SYNC_READER_MYSQL;
              read_mysql (r, form, parameter, parameter_path);
            }
          else
            {
              form->reader_kind = TRIB_SYNC_READER_HTTPFILE;
              read_file (r, form, parameter, parameter_path);
            }
        }
      else
        {
          g_free (form->writer_name);
          form->writer_name = dup_text (step, "name");
          g_free (form->writer_type);
          form->writer_type = g_ascii_strdown (type, -1);
          read_writer (r, form, parameter, parameter_path);
        }
    }

  check_members (r, order, "order", order_allowed);
  for (guint i = 0; hops && i < json_array_get_length (hops); i++)
    {
      g_autofree char *path = g_strdup_printf ("order.hops[%u]", i);

      if (i > 0)
        unsupported (r, path);
      else
        check_members (r, json_array_get_object_element (hops, i), path, hop_allowed);
    }

  check_members (r, setting, "setting", setting_allowed);
  check_members (r, limit, "setting.errorLimit", limit_allowed);
  check_members (r, speed, "setting.speed", speed_allowed);
  form->error_limit_records = get_number (limit, "record", -1);
  form->throttle = get_flag (speed, "throttle");
  form->concurrent = (guint) CLAMP (get_number (speed, "concurrent", 1), 1, TRIB_SYNC_MAX_CHANNELS);
  if (form->throttle)
    {
      g_autofree char *mbps = dup_text (speed, "mbps");

      form->mbps = mbps ? g_ascii_strtod (mbps, NULL) : 0;
    }
}

static void
read_datax (Reader       *r,
            TribSyncForm *form,
            JsonObject   *root)
{
  static const char * const allowed[] = { "job", NULL };
  static const char * const job_allowed[] = { "content", "setting", NULL };
  static const char * const pair_allowed[] = { "reader", "writer", NULL };
  static const char * const plugin_allowed[] = { "name", "parameter", NULL };
  static const char * const setting_allowed[] = { "errorLimit", "speed", NULL };
  static const char * const limit_allowed[] = { "record", NULL };
  static const char * const speed_allowed[] = { "channel", NULL };
  JsonObject *job = trib_json_object_get_object (root, "job");
  JsonArray *content = trib_json_object_get_array (job, "content");
  JsonObject *pair = content ? json_array_get_object_element (content, 0) : NULL;
  JsonObject *reader = trib_json_object_get_object (pair, "reader");
  JsonObject *writer = trib_json_object_get_object (pair, "writer");
  JsonObject *setting = trib_json_object_get_object (job, "setting");
  JsonObject *limit = trib_json_object_get_object (setting, "errorLimit");
  JsonObject *speed = trib_json_object_get_object (setting, "speed");
  const char *reader_name = trib_json_object_get_string (reader, "name", "");
  const char *writer_name = trib_json_object_get_string (writer, "name", "");

  form->datax_shape = TRUE;
  check_members (r, root, NULL, allowed);
  check_members (r, job, "job", job_allowed);
  check_members (r, pair, "job.content[0]", pair_allowed);
  check_members (r, reader, "job.content[0].reader", plugin_allowed);
  check_members (r, writer, "job.content[0].writer", plugin_allowed);
  if (g_ascii_strcasecmp (reader_name, "mysqlreader") == 0)
    {
      form->reader_kind = TRIB_SYNC_READER_MYSQL;
      read_mysql (r, form, trib_json_object_get_object (reader, "parameter"), "job.content[0].reader.parameter");
    }
  else
    {
      form->reader_kind = TRIB_SYNC_READER_HTTPFILE;
      read_file (r, form, trib_json_object_get_object (reader, "parameter"), "job.content[0].reader.parameter");
    }
  g_free (form->writer_type);
  form->writer_type = g_ascii_strdown (writer_name, MAX ((gssize) strlen (writer_name) - (gssize) strlen ("writer"), 0));
  read_writer (r, form, trib_json_object_get_object (writer, "parameter"), "job.content[0].writer.parameter");

  check_members (r, setting, "job.setting", setting_allowed);
  check_members (r, limit, "job.setting.errorLimit", limit_allowed);
  check_members (r, speed, "job.setting.speed", speed_allowed);
  form->error_limit_records = get_number (limit, "record", -1);
  form->concurrent = (guint) CLAMP (get_number (speed, "channel", 1), 1, TRIB_SYNC_MAX_CHANNELS);
}

TribSyncForm *
trib_sync_form_new_from_text (const char  *text,
                              GStrv       *unsupported_keys,
                              GError     **error)
{
  g_autoptr(TribSyncForm) form = NULL;
  g_autoptr(TribSyncJob) job = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  Reader r = { keys };
  JsonObject *object;

  g_return_val_if_fail (text != NULL, NULL);

  if (unsupported_keys)
    *unsupported_keys = NULL;

  root = trib_json_parse (text, -1, "job", &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB, local_error->message);
      return NULL;
    }
  job = trib_sync_job_new_from_json (root, NULL, NULL, error);
  if (job == NULL)
    return NULL;

  object = json_node_get_object (root);
  form = trib_sync_form_new (trib_sync_job_get_reader_kind (job));
  if (trib_sync_job_is_datax_shape (job))
    read_datax (&r, form, object);
  else
    read_script (&r, form, object);

  if (keys->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (keys, NULL);
      list = g_strjoinv (", ", (char **) keys->pdata);
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_FORM_UNSUPPORTED,
                   _("The form cannot show %s: edit the job in script mode"), list);
      if (unsupported_keys)
        *unsupported_keys = (GStrv) g_ptr_array_steal (keys, NULL);
      return NULL;
    }
  return g_steal_pointer (&form);
}

/* }}} */
/* Field mapping {{{ */

static int
column_position (const TribSyncFormColumn *column,
                 const char * const       *names)
{
  for (guint i = 0; column->name && names && names[i]; i++)
    if (strcmp (names[i], column->name) == 0)
      return (int) i;
  return G_MAXINT;
}

static int
compare_by_header (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const TribSyncFormColumn *ca = *(TribSyncFormColumn * const *) a;
  const TribSyncFormColumn *cb = *(TribSyncFormColumn * const *) b;
  int pa = column_position (ca, user_data), pb = column_position (cb, user_data);

  return pa < pb ? -1 : pa > pb;
}

static int
compare_by_index (gconstpointer a,
                  gconstpointer b)
{
  const TribSyncFormColumn *ca = *(TribSyncFormColumn * const *) a;
  const TribSyncFormColumn *cb = *(TribSyncFormColumn * const *) b;

  return ca->index < cb->index ? -1 : ca->index > cb->index;
}

void
trib_sync_form_map_by_name (TribSyncForm *form)
{
  g_return_if_fail (form != NULL);

  if (form->header == NULL || form->reader_kind != TRIB_SYNC_READER_MYSQL)
    return;
  /* g_ptr_array_sort_with_data is stable (a merge sort): unmatched columns keep their order. */
  g_ptr_array_sort_with_data (form->columns, compare_by_header, form->header);
}

void
trib_sync_form_map_by_row (TribSyncForm       *form,
                           const char * const *source_order)
{
  g_return_if_fail (form != NULL);

  if (form->reader_kind == TRIB_SYNC_READER_MYSQL)
    g_ptr_array_sort_with_data (form->columns, compare_by_header, (gpointer) source_order);
  else
    g_ptr_array_sort (form->columns, compare_by_index);
}

/* }}} */
