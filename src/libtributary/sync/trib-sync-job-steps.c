/* trib-sync-job-steps.c: the reader and writer parameter blocks of a job
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-charset.h"
#include "trib-sync-date.h"
#include "trib-http-file.h"
#include "trib-sync-job-private.h"

/* g_strv_builder_take () is GLib 2.80. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A string member that must be present and not blank; FALSE (with an error recorded
 * once) otherwise. */
static gboolean
require_string (TribSyncParser  *p,
                JsonObject      *object,
                const char      *member,
                const char      *base,
                gboolean         substitute,
                char           **value,
                const char      *missing)
{
  gboolean present = _trib_sync_get_string (p, object, member, base, substitute, value);

  if (present && !is_blank (*value))
    return TRUE;
  if (present || !_trib_sync_has_member (object, member) ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, member)))
    {
      g_autofree char *path = _trib_sync_path (base, member);

      _trib_sync_parser_error (p, path, "%s", missing);
    }
  g_clear_pointer (value, g_free);
  return FALSE;
}

static void
check_encoding (TribSyncParser *p,
                const char     *base,
                const char     *encoding)
{
  g_autoptr(GError) error = NULL;

  if (!trib_sync_charset_check (encoding, &error))
    {
      g_autofree char *path = _trib_sync_path (base, "encoding");

      _trib_sync_parser_error (p, path, "%s", error->message);
    }
}

/* An unquoted identifier, `quoted`, or db.table made of those. */
static gboolean
is_identifier (const char *text)
{
  const char *s = text;

  if (*s == '\0')
    return FALSE;
  while (*s)
    {
      if (*s == '`')
        {
          const char *close = strchr (s + 1, '`');

          if (close == NULL || close == s + 1)
            return FALSE;
          s = close + 1;
        }
      else
        {
          const char *start = s;

          while (g_ascii_isalnum (*s) || *s == '_' || *s == '$' || (guchar) *s >= 0x80)
            s++;
          if (s == start)
            return FALSE;
        }
      if (*s == '.')
        s++;
      else if (*s != '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
where_has_limit (const char *where)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\blimit\\b", G_REGEX_CASELESS, 0, NULL);

  return g_regex_match (regex, where, 0, NULL);
}

static void
mysql_connection_free (gpointer data)
{
  TribSyncMysqlConnection *c = data;

  g_free (c->datasource);
  g_strfreev (c->tables);
  g_strfreev (c->query_sqls);
  g_free (c->path);
  g_free (c);
}

gboolean
_trib_sync_parse_mysql_reader (TribSyncParser            *p,
                               JsonObject                *parameter,
                               const char                *base,
                               TribSyncMysqlReaderConfig *config)
{
  g_autofree char *connection_path = _trib_sync_path (base, "connection");
  g_auto(GStrv) top_tables = NULL;
  g_auto(GStrv) top_queries = NULL;
  JsonNode *connection_node = json_object_get_member (parameter, "connection");
  gboolean uses_query = FALSE;
  gboolean uses_table = FALSE;
  guint errors_before = p->errors->len;
  gint64 factor = 5;

  config->path = g_strdup (base);
  config->connections = g_ptr_array_new_with_free_func (mysql_connection_free);
  _trib_sync_check_no_credentials (p, parameter, base);

  _trib_sync_get_string (p, parameter, "datasource", base, FALSE, &config->datasource);
  if (is_blank (config->datasource))
    g_clear_pointer (&config->datasource, g_free);
  _trib_sync_get_string_list (p, parameter, "table", base, TRUE, &top_tables);
  _trib_sync_get_string_list (p, parameter, "querySql", base, TRUE, &top_queries);

  if (connection_node != NULL && !JSON_NODE_HOLDS_NULL (connection_node) && !JSON_NODE_HOLDS_ARRAY (connection_node))
    _trib_sync_parser_error (p, connection_path, _("must be a list of objects"));
  else if (connection_node != NULL && JSON_NODE_HOLDS_ARRAY (connection_node))
    {
      JsonArray *array = json_node_get_array (connection_node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *path = _trib_sync_path_index (connection_path, i);
          TribSyncMysqlConnection *c;
          JsonObject *object;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              _trib_sync_parser_error (p, path, _("must be an object"));
              continue;
            }
          object = json_node_get_object (element);
          c = g_new0 (TribSyncMysqlConnection, 1);
          c->path = g_strdup (path);
          _trib_sync_get_string (p, object, "datasource", path, FALSE, &c->datasource);
          if (is_blank (c->datasource))
            g_clear_pointer (&c->datasource, g_free);
          _trib_sync_get_string_list (p, object, "table", path, TRUE, &c->tables);
          _trib_sync_get_string_list (p, object, "querySql", path, TRUE, &c->query_sqls);
          g_ptr_array_add (config->connections, c);
        }
    }
  if (config->connections->len == 0)
    {
      TribSyncMysqlConnection *c = g_new0 (TribSyncMysqlConnection, 1);

      c->path = g_strdup (base);
      g_ptr_array_add (config->connections, c);
    }

  for (guint i = 0; i < config->connections->len; i++)
    {
      TribSyncMysqlConnection *c = g_ptr_array_index (config->connections, i);

      if (c->tables == NULL && top_tables != NULL)
        c->tables = g_strdupv (top_tables);
      if (c->query_sqls == NULL && top_queries != NULL)
        c->query_sqls = g_strdupv (top_queries);
      if (c->datasource == NULL)
        c->datasource = g_strdup (config->datasource);
      if (config->datasource == NULL)
        config->datasource = g_strdup (c->datasource);

      if (c->datasource == NULL)
        {
          g_autofree char *path = _trib_sync_path (base, "datasource");

          _trib_sync_parser_error (p, path, _("missing (name a MySQL data source)"));
        }

      if (c->query_sqls && c->query_sqls[0])
        {
          uses_query = TRUE;
          if (c->tables && c->tables[0])
            {
              g_autofree char *path = _trib_sync_path (c->path, "querySql");

              _trib_sync_parser_error (p, path, _("cannot be combined with table"));
            }
          for (guint k = 0; c->query_sqls[k]; k++)
            if (is_blank (c->query_sqls[k]))
              {
                g_autofree char *qpath = g_strdup_printf ("%s.querySql[%u]", c->path, k);

                _trib_sync_parser_error (p, qpath, _("must not be empty"));
              }
        }
      else if (c->tables && c->tables[0])
        {
          uses_table = TRUE;
          for (guint k = 0; c->tables[k]; k++)
            if (!is_identifier (c->tables[k]))
              {
                g_autofree char *tpath = g_strdup_printf ("%s.table[%u]", c->path, k);

                _trib_sync_parser_error (p, tpath, _("\"%s\" is not a table name"), c->tables[k]);
              }
        }
      else
        {
          g_autofree char *path = _trib_sync_path (c->path, "table");

          _trib_sync_parser_error (p, path, _("missing (give a table or querySql)"));
        }
    }

  /* column */
  if (uses_table)
    {
      JsonNode *node = json_object_get_member (parameter, "column");
      g_autofree char *path = _trib_sync_path (base, "column");

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        _trib_sync_parser_error (p, path, _("missing (list the columns, or [\"*\"])"));
      else if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
        _trib_sync_parser_error (p, path, _("must be a non-empty list of column names"));
      else
        {
          JsonArray *array = json_node_get_array (node);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          guint n = json_array_get_length (array);

          for (guint i = 0; i < n; i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              g_autofree char *epath = _trib_sync_path_index (path, i);
              const char *name;

              if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
                {
                  _trib_sync_parser_error (p, epath, _("must be a string"));
                  continue;
                }
              name = json_node_get_string (element);
              if (is_blank (name))
                _trib_sync_parser_error (p, epath, _("must not be empty"));
              else if (strcmp (name, "*") == 0 && n > 1)
                _trib_sync_parser_error (p, epath, _("\"*\" must be the only column"));
              g_strv_builder_add (builder, name);
            }
          config->columns = g_strv_builder_end (builder);
        }
    }

  if (_trib_sync_get_string (p, parameter, "where", base, TRUE, &config->where) && is_blank (config->where))
    g_clear_pointer (&config->where, g_free);
  if (config->where && where_has_limit (config->where))
    {
      g_autofree char *path = _trib_sync_path (base, "where");

      _trib_sync_parser_error (p, path, _("\"limit\" is not allowed in where"));
    }

  if (_trib_sync_get_string (p, parameter, "splitPk", base, FALSE, &config->split_pk))
    {
      g_strstrip (config->split_pk);
      if (*config->split_pk == '\0')
        g_clear_pointer (&config->split_pk, g_free);
      else if (!is_identifier (config->split_pk))
        {
          g_autofree char *path = _trib_sync_path (base, "splitPk");

          _trib_sync_parser_error (p, path, _("\"%s\" is not a column name"), config->split_pk);
        }
    }
  _trib_sync_get_int_range (p, parameter, "splitFactor", base, 1, 1000, &factor);
  config->split_factor = (guint) MIN (factor, 1000);

  if (uses_query)
    {
      if (config->where)
        _trib_sync_parser_warning (p, base, _("where is ignored: querySql replaces table, column and where"));
      if (config->split_pk)
        _trib_sync_parser_warning (p, base, _("splitPk is ignored with querySql"));
      g_clear_pointer (&config->where, g_free);
      g_clear_pointer (&config->split_pk, g_free);
      g_clear_pointer (&config->columns, g_strfreev);
    }
  if (json_object_has_member (parameter, "fetchSize"))
    _trib_sync_parser_warning (p, base, _("fetchSize is ignored: rows are always streamed"));
  if (json_object_has_member (parameter, "preSql"))
    {
      g_autofree char *path = _trib_sync_path (base, "preSql");

      _trib_sync_parser_error (p, path, _("is not supported by the MySQL reader"));
    }

  return p->errors->len == errors_before;
}

static void
parse_delimiter (TribSyncParser  *p,
                 JsonObject      *parameter,
                 const char      *base,
                 const char      *member,
                 char           **value)
{
  if (_trib_sync_get_string (p, parameter, member, base, FALSE, value) && **value == '\0')
    {
      g_autofree char *path = _trib_sync_path (base, member);

      _trib_sync_parser_error (p, path, _("must not be empty"));
    }
}

static gboolean
parse_file_format (TribSyncParser     *p,
                   JsonObject         *parameter,
                   const char         *base,
                   TribSyncFileFormat *format)
{
  g_autofree char *text = NULL;

  *format = TRIB_SYNC_FILE_FORMAT_TEXT;
  if (!_trib_sync_get_string (p, parameter, "fileFormat", base, FALSE, &text) || is_blank (text))
    return TRUE;
  if (g_ascii_strcasecmp (text, "text") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (text, "csv") == 0)
    {
      *format = TRIB_SYNC_FILE_FORMAT_CSV;
      return TRUE;
    }
  {
    g_autofree char *path = _trib_sync_path (base, "fileFormat");

    _trib_sync_parser_error (p, path, _("\"%s\" is not supported (text or csv)"), text);
  }
  return FALSE;
}

static void
parse_columns (TribSyncParser    *p,
               JsonObject        *parameter,
               const char        *base,
               TribSyncTextInput *input)
{
  g_autofree char *path = _trib_sync_path (base, "column");
  JsonNode *node = json_object_get_member (parameter, "column");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      _trib_sync_parser_error (p, path, _("missing (list the fields, or [\"*\"])"));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      _trib_sync_parser_error (p, path, _("must be a non-empty list"));
      return;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 1)
    {
      JsonNode *only = json_array_get_element (array, 0);

      if (JSON_NODE_HOLDS_VALUE (only) && json_node_get_value_type (only) == G_TYPE_STRING &&
          strcmp (json_node_get_string (only), "*") == 0)
        return;   /* every field, as strings */
    }

  input->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) _trib_sync_column_spec_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *epath = _trib_sync_path_index (path, i);
      g_autofree char *type_name = NULL;
      TribSyncColumnSpec *spec;
      JsonObject *object;
      gint64 index = -1;
      gboolean has_index, has_value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          _trib_sync_parser_error (p, epath, _("must be an object with \"type\" and \"index\" or \"value\""));
          continue;
        }
      object = json_node_get_object (element);
      spec = g_new0 (TribSyncColumnSpec, 1);
      spec->index = -1;
      g_ptr_array_add (input->columns, spec);

      if (!_trib_sync_get_string (p, object, "type", epath, FALSE, &type_name))
        {
          g_autofree char *tpath = _trib_sync_path (epath, "type");

          if (!_trib_sync_has_member (object, "type"))
            _trib_sync_parser_error (p, tpath, _("missing"));
        }
      else if (!trib_sync_type_from_string (type_name, &spec->type))
        {
          g_autofree char *tpath = _trib_sync_path (epath, "type");

          _trib_sync_parser_error (p, tpath, _("unknown type \"%s\" (string, long, double, boolean, date or bytes)"),
                                   type_name);
        }

      has_index = _trib_sync_has_member (object, "index");
      has_value = _trib_sync_has_member (object, "value");
      if (has_index && has_value)
        _trib_sync_parser_error (p, epath, _("give either index or value, not both"));
      else if (!has_index && !has_value)
        _trib_sync_parser_error (p, epath, _("give index or value"));
      else if (has_index && _trib_sync_get_int (p, object, "index", epath, 0, &index))
        spec->index = (int) MIN (index, G_MAXINT);
      else if (has_value)
        _trib_sync_get_string (p, object, "value", epath, TRUE, &spec->value);

      if (_trib_sync_get_string (p, object, "format", epath, FALSE, &spec->format) && spec->type == TRIB_SYNC_TYPE_DATE)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(TribSyncDatePattern) pattern = trib_sync_date_pattern_new (spec->format, &error);

          if (pattern == NULL)
            {
              g_autofree char *fpath = _trib_sync_path (epath, "format");

              _trib_sync_parser_error (p, fpath, "%s", error->message);
            }
        }
    }
}

gboolean
_trib_sync_parse_file_reader (TribSyncParser           *p,
                              JsonObject               *parameter,
                              const char               *base,
                              TribSyncFileReaderConfig *config)
{
  TribSyncTextInput *input = &config->input;
  g_autofree char *compress = NULL;
  guint errors_before = p->errors->len;
  gint64 timeout;
  JsonObject *headers;

  config->path = g_strdup (base);
  _trib_sync_check_no_credentials (p, parameter, base);

  require_string (p, parameter, "datasource", base, FALSE, &config->datasource,
                  _("missing (name an HTTP file data source)"));
  if (require_string (p, parameter, "fileName", base, TRUE, &config->file_name,
                      _("missing (the file's path under the data source's URL)")))
    {
      g_autoptr(GError) path_error = NULL;

      if (!trib_http_path_check (config->file_name, &path_error))
        {
          g_autofree char *path = _trib_sync_path (base, "fileName");

          _trib_sync_parser_error (p, path, "%s", path_error->message);
        }
    }

  parse_file_format (p, parameter, base, &input->file_format);
  parse_delimiter (p, parameter, base, "fieldDelimiter", &input->field_delimiter);
  if (input->field_delimiter == NULL)
    input->field_delimiter = g_strdup (",");
  parse_delimiter (p, parameter, base, "lineDelimiter", &input->line_delimiter);
  if (!_trib_sync_get_string (p, parameter, "encoding", base, FALSE, &input->encoding) || is_blank (input->encoding))
    {
      g_free (input->encoding);
      input->encoding = g_strdup ("UTF-8");
    }
  check_encoding (p, base, input->encoding);
  if (!_trib_sync_get_string (p, parameter, "nullFormat", base, FALSE, &input->null_format))
    input->null_format = g_strdup ("\\N");
  _trib_sync_get_bool (p, parameter, "skipHeader", base, &input->skip_header);

  input->compress = TRIB_SYNC_COMPRESS_NONE;
  if (_trib_sync_get_string (p, parameter, "compress", base, FALSE, &compress) && !is_blank (compress))
    {
      g_autofree char *path = _trib_sync_path (base, "compress");

      if (g_ascii_strcasecmp (compress, "gzip") == 0)
        input->compress = TRIB_SYNC_COMPRESS_GZIP;
      else if (g_ascii_strcasecmp (compress, "bzip2") == 0)
        input->compress = TRIB_SYNC_COMPRESS_BZIP2;
      else if (g_ascii_strcasecmp (compress, "zip") == 0)
        input->compress = TRIB_SYNC_COMPRESS_ZIP;
      else if (g_ascii_strcasecmp (compress, "none") != 0)
        _trib_sync_parser_error (p, path, _("unknown compression \"%s\" (none, gzip, bzip2 or zip)"), compress);
    }
  if (input->skip_header && input->compress != TRIB_SYNC_COMPRESS_NONE)
    {
      g_autofree char *path = _trib_sync_path (base, "skipHeader");

      _trib_sync_parser_error (p, path, _("cannot be used with compressed files (compress is \"%s\")"),
                               trib_sync_compress_to_string (input->compress));
    }

  parse_columns (p, parameter, base, input);

  if (!_trib_sync_get_string (p, parameter, "requestMethod", base, FALSE, &config->request_method) ||
      is_blank (config->request_method))
    {
      g_free (config->request_method);
      config->request_method = g_strdup ("GET");
    }
  else if (g_ascii_strcasecmp (config->request_method, "GET") != 0 &&
           g_ascii_strcasecmp (config->request_method, "POST") != 0)
    {
      g_autofree char *path = _trib_sync_path (base, "requestMethod");

      _trib_sync_parser_error (p, path, _("must be GET or POST"));
    }
  else
    {
      char *upper = g_ascii_strup (config->request_method, -1);

      g_free (config->request_method);
      config->request_method = upper;
    }
  _trib_sync_get_string (p, parameter, "requestBody", base, TRUE, &config->request_body);

  headers = _trib_sync_has_member (parameter, "requestHeaders") &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (parameter, "requestHeaders"))
            ? json_object_get_object_member (parameter, "requestHeaders") : NULL;
  if (headers != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autofree char *hpath = _trib_sync_path (base, "requestHeaders");
      g_autoptr(GList) names = json_object_get_members (headers);

      for (GList *l = names; l; l = l->next)
        {
          g_autofree char *value = NULL;

          if (_trib_sync_get_string (p, headers, l->data, hpath, TRUE, &value))
            strv_builder_take (builder, g_strdup_printf ("%s: %s", (const char *) l->data, value));
        }
      config->request_headers = g_strv_builder_end (builder);
    }
  else if (_trib_sync_has_member (parameter, "requestHeaders"))
    {
      g_autofree char *path = _trib_sync_path (base, "requestHeaders");

      _trib_sync_parser_error (p, path, _("must be an object of header names and values"));
    }

  config->connect_timeout = 60;
  if (_trib_sync_get_int_range (p, parameter, "connectTimeoutSeconds", base, 1, 86400, &timeout))
    {
      config->connect_timeout = (guint) MIN (timeout, 86400);
      _trib_sync_parser_warning (p, base, _("connectTimeoutSeconds is ignored: the data source's connect_timeout applies"));
    }
  config->socket_timeout = 3600;
  if (_trib_sync_get_int_range (p, parameter, "socketTimeoutSeconds", base, 1, 86400 * 7, &timeout))
    {
      config->socket_timeout = (guint) MIN (timeout, 86400 * 7);
      _trib_sync_parser_warning (p, base, _("socketTimeoutSeconds is ignored: the data source's read_timeout applies"));
    }

  return p->errors->len == errors_before;
}

gboolean
_trib_sync_parse_object_writer (TribSyncParser             *p,
                                JsonObject                 *parameter,
                                const char                 *base,
                                TribSyncObjectWriterConfig *config)
{
  TribSyncTextOutput *output = &config->output;
  g_autofree char *mode = NULL;
  g_autofree char *compress = NULL;
  guint errors_before = p->errors->len;
  gint64 max_size;

  config->path = g_strdup (base);
  _trib_sync_check_no_credentials (p, parameter, base);

  require_string (p, parameter, "datasource", base, FALSE, &config->datasource,
                  _("missing (name an object storage data source)"));
  if (require_string (p, parameter, "object", base, TRUE, &config->object, _("missing (the object name or prefix)")) &&
      config->object[0] == '/')
    {
      /* Object names have no leading slash; DataX's "/cdo/datax" means "cdo/datax". */
      char *trimmed = g_strdup (config->object + strspn (config->object, "/"));

      g_free (config->object);
      config->object = trimmed;
    }
  if (config->object != NULL)
    {
      g_auto(GStrv) segments = g_strsplit (config->object, "/", -1);
      gboolean climbs = FALSE;
      gboolean control = FALSE;

      /* The object store refuses such a key when the job runs; say so before. */
      for (guint i = 0; segments[i]; i++)
        climbs |= g_str_equal (segments[i], ".") || g_str_equal (segments[i], "..");
      for (const char *c = config->object; *c; c++)
        control |= (guchar) *c < 0x20 || *c == 0x7f || *c == '\\';
      if (climbs || control)
        {
          g_autofree char *path = _trib_sync_path (base, "object");

          _trib_sync_parser_error (p, path,
                                   climbs ? _("\"%s\": an object name has no \".\" or \"..\" segments")
                                          : _("\"%s\": an object name has no control characters or \"\\\""),
                                   config->object);
        }
    }

  _trib_sync_get_bool (p, parameter, "writeSingleObject", base, &config->write_single_object);
  config->generate_empty_file = TRUE;
  _trib_sync_get_bool (p, parameter, "generateEmptyFile", base, &config->generate_empty_file);

  if (require_string (p, parameter, "writeMode", base, FALSE, &mode, _("missing (truncate, append or nonConflict)")))
    {
      g_autofree char *path = _trib_sync_path (base, "writeMode");

      g_strstrip (mode);
      if (strcmp (mode, "truncate") == 0)
        config->write_mode = TRIB_SYNC_WRITE_MODE_TRUNCATE;
      else if (strcmp (mode, "append") == 0)
        config->write_mode = TRIB_SYNC_WRITE_MODE_APPEND;
      else if (strcmp (mode, "nonConflict") == 0)
        config->write_mode = TRIB_SYNC_WRITE_MODE_NON_CONFLICT;
      else
        _trib_sync_parser_error (p, path, _("unknown write mode \"%s\" (truncate, append or nonConflict)"), mode);

      if (config->write_mode == TRIB_SYNC_WRITE_MODE_APPEND && config->write_single_object &&
          strcmp (mode, "append") == 0)
        _trib_sync_parser_error (p, path,
                                 _("append cannot be used with writeSingleObject: the object name would not be unique"));
    }

  parse_file_format (p, parameter, base, &output->file_format);
  parse_delimiter (p, parameter, base, "fieldDelimiter", &output->field_delimiter);
  if (output->field_delimiter == NULL)
    output->field_delimiter = g_strdup (",");
  if (output->file_format == TRIB_SYNC_FILE_FORMAT_CSV && *output->field_delimiter &&
      (g_utf8_strlen (output->field_delimiter, -1) != 1 || strchr ("\"\r\n", output->field_delimiter[0])))
    {
      g_autofree char *path = _trib_sync_path (base, "fieldDelimiter");

      _trib_sync_parser_error (p, path, _("csv needs one character other than a quote or a line end"));
    }
  parse_delimiter (p, parameter, base, "lineDelimiter", &output->line_delimiter);
  if (output->line_delimiter == NULL)
    output->line_delimiter = g_strdup ("\n");
  {
    g_autofree char *ambiguous = NULL;

    if (_trib_sync_get_string (p, parameter, "ambiguousRecords", base, FALSE, &ambiguous) && !is_blank (ambiguous))
      {
        g_strstrip (ambiguous);
        if (strcmp (ambiguous, "dirty") == 0)
          output->ambiguous_is_dirty = TRUE;
        else if (strcmp (ambiguous, "write") != 0)
          {
            g_autofree char *path = _trib_sync_path (base, "ambiguousRecords");

            _trib_sync_parser_error (p, path, _("unknown value \"%s\" (write or dirty)"), ambiguous);
          }
      }
  }
  if (!_trib_sync_get_string (p, parameter, "encoding", base, FALSE, &output->encoding) || is_blank (output->encoding))
    {
      g_free (output->encoding);
      output->encoding = g_strdup ("UTF-8");
    }
  check_encoding (p, base, output->encoding);
  if (!_trib_sync_get_string (p, parameter, "nullFormat", base, FALSE, &output->null_format))
    output->null_format = g_strdup ("\\N");
  if (_trib_sync_get_string (p, parameter, "dateFormat", base, FALSE, &output->date_format) &&
      !is_blank (output->date_format))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TribSyncDatePattern) pattern = trib_sync_date_pattern_new (output->date_format, &error);

      if (pattern == NULL)
        {
          g_autofree char *path = _trib_sync_path (base, "dateFormat");

          _trib_sync_parser_error (p, path, "%s", error->message);
        }
    }
  else
    g_clear_pointer (&output->date_format, g_free);
  if (_trib_sync_get_string_list (p, parameter, "header", base, FALSE, &output->header) &&
      output->header[0] == NULL)
    g_clear_pointer (&output->header, g_strfreev);

  if (_trib_sync_get_int (p, parameter, "maxFileSize", base, 1, &max_size))
    {
      if (config->write_single_object)
        _trib_sync_parser_warning (p, base, _("maxFileSize is ignored with writeSingleObject: one object is written"));
      else
        config->max_file_size = (guint64) MIN (max_size, (gint64) 100000000) * 1024 * 1024;
    }
  if (_trib_sync_get_string (p, parameter, "suffix", base, TRUE, &config->suffix))
    {
      g_strstrip (config->suffix);
      if (*config->suffix == '\0')
        g_clear_pointer (&config->suffix, g_free);
    }

  if (_trib_sync_get_string (p, parameter, "compress", base, FALSE, &compress) && !is_blank (compress) &&
      g_ascii_strcasecmp (compress, "none") != 0)
    {
      g_autofree char *path = _trib_sync_path (base, "compress");

      _trib_sync_parser_error (p, path, _("object storage writes are not compressed (got \"%s\")"), compress);
    }

  return p->errors->len == errors_before;
}
