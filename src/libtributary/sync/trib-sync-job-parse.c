/* trib-sync-job-parse.c: typed access to job members, with errors naming JSON paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-job-private.h"

/* g_strv_builder_take () is GLib 2.80. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

static void
add_message (GPtrArray  *messages,
             const char *path,
             const char *format,
             va_list     args) G_GNUC_PRINTF (3, 0);

static void
add_message (GPtrArray  *messages,
             const char *path,
             const char *format,
             va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (messages, g_strdup_printf ("%s: %s", path, message));
}

void
_trib_sync_parser_error (TribSyncParser *p,
                         const char     *path,
                         const char     *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  add_message (p->errors, path, format, args);
  va_end (args);
}

void
_trib_sync_parser_warning (TribSyncParser *p,
                           const char     *path,
                           const char     *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  add_message (p->warnings, path, format, args);
  va_end (args);
}

char *
_trib_sync_path (const char *base,
                 const char *key)
{
  if (base == NULL || *base == '\0')
    return g_strdup (key);
  return g_strdup_printf ("%s.%s", base, key);
}

char *
_trib_sync_path_index (const char *base,
                       guint       index)
{
  return g_strdup_printf ("%s[%u]", base, index);
}

gboolean
_trib_sync_has_member (JsonObject *object,
                       const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return FALSE;
  return !JSON_NODE_HOLDS_NULL (node);
}

static char *
substitute (TribSyncParser  *p,
            const char      *path,
            const char      *text)
{
  g_autoptr(GError) error = NULL;
  char *result;

  if (p->param_func == NULL || strchr (text, '$') == NULL)
    return g_strdup (text);

  result = p->param_func (text, p->param_data, &error);
  if (result == NULL)
    {
      _trib_sync_parser_error (p, path, "%s", error ? error->message : _("cannot resolve the parameters"));
      return NULL;
    }
  return result;
}

gboolean
_trib_sync_get_string (TribSyncParser  *p,
                       JsonObject      *object,
                       const char      *member,
                       const char      *base,
                       gboolean         subst,
                       char           **value)
{
  g_autofree char *path = NULL;
  JsonNode *node;
  GType type;

  *value = NULL;
  if (object == NULL || !(node = json_object_get_member (object, member)) || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  path = _trib_sync_path (base, member);
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      _trib_sync_parser_error (p, path, _("must be a string"));
      return FALSE;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      *value = subst ? substitute (p, path, text) : g_strdup (text);
      return *value != NULL;
    }
  if (type == G_TYPE_INT64)
    *value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_BOOLEAN)
    *value = g_strdup (json_node_get_boolean (node) ? "true" : "false");
  else
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      *value = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  return TRUE;
}

/* A JSON number, or a string holding one ("concurrent": "2", "record": "0"). */
static gboolean
node_to_double (JsonNode *node,
                double   *value,
                gboolean *blank)
{
  GType type = json_node_get_value_type (node);

  *blank = FALSE;
  if (type == G_TYPE_INT64)
    {
      *value = (double) json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      *value = json_node_get_double (node);
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      char *end = NULL;

      if (*text == '\0')
        {
          *blank = TRUE;
          return FALSE;
        }
      errno = 0;
      *value = g_ascii_strtod (text, &end);
      return errno == 0 && end != text && *end == '\0' && isfinite (*value);
    }
  return FALSE;
}

gboolean
_trib_sync_get_int (TribSyncParser *p,
                    JsonObject     *object,
                    const char     *member,
                    const char     *base,
                    gint64          minimum,
                    gint64         *value)
{
  return _trib_sync_get_int_range (p, object, member, base, minimum, G_MAXINT64 / 2, value);
}

gboolean
_trib_sync_get_int_range (TribSyncParser *p,
                          JsonObject     *object,
                          const char     *member,
                          const char     *base,
                          gint64          minimum,
                          gint64          maximum,
                          gint64         *value)
{
  g_autofree char *path = NULL;
  JsonNode *node;
  gboolean blank = FALSE;
  double d = 0;

  if (object == NULL || !(node = json_object_get_member (object, member)) || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  path = _trib_sync_path (base, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || !node_to_double (node, &d, &blank))
    {
      if (!blank)
        _trib_sync_parser_error (p, path, _("must be an integer"));
      return FALSE;
    }
  if (d != floor (d) || d > (double) G_MAXINT64 / 2 || d < (double) G_MININT64 / 2)
    {
      _trib_sync_parser_error (p, path, _("must be an integer"));
      return FALSE;
    }
  if (maximum < G_MAXINT64 / 2 && ((gint64) d < minimum || (gint64) d > maximum))
    {
      _trib_sync_parser_error (p, path, _("must be from %" PRId64 " to %" PRId64 ", found %.0f"),
                               minimum, maximum, d);
      return FALSE;
    }
  if ((gint64) d < minimum)
    {
      _trib_sync_parser_error (p, path, _("must be at least %" PRId64), minimum);
      return FALSE;
    }
  *value = (gint64) d;
  return TRUE;
}

gboolean
_trib_sync_get_double (TribSyncParser *p,
                       JsonObject     *object,
                       const char     *member,
                       const char     *base,
                       double         *value)
{
  g_autofree char *path = NULL;
  JsonNode *node;
  gboolean blank = FALSE;

  if (object == NULL || !(node = json_object_get_member (object, member)) || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  path = _trib_sync_path (base, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || !node_to_double (node, value, &blank))
    {
      if (!blank)
        _trib_sync_parser_error (p, path, _("must be a number"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_trib_sync_get_bool (TribSyncParser *p,
                     JsonObject     *object,
                     const char     *member,
                     const char     *base,
                     gboolean       *value)
{
  g_autofree char *path = NULL;
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)) || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  path = _trib_sync_path (base, member);
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        {
          *value = json_node_get_boolean (node);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));

          /* DataWorks writes "skipHeader": "false". */
          if (g_ascii_strcasecmp (text, "true") == 0)
            {
              *value = TRUE;
              return TRUE;
            }
          if (g_ascii_strcasecmp (text, "false") == 0)
            {
              *value = FALSE;
              return TRUE;
            }
          if (*text == '\0')
            return FALSE;
        }
    }
  _trib_sync_parser_error (p, path, _("must be true or false"));
  return FALSE;
}

gboolean
_trib_sync_get_string_list (TribSyncParser *p,
                            JsonObject     *object,
                            const char     *member,
                            const char     *base,
                            gboolean        subst,
                            GStrv          *value)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *path = NULL;
  JsonNode *node;
  JsonArray *array;
  gboolean ok = TRUE;

  *value = NULL;
  if (object == NULL || !(node = json_object_get_member (object, member)) || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  path = _trib_sync_path (base, member);
  builder = g_strv_builder_new ();

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *text = subst ? substitute (p, path, json_node_get_string (node))
                         : g_strdup (json_node_get_string (node));

      if (text == NULL)
        return FALSE;
      strv_builder_take (builder, text);
      *value = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      _trib_sync_parser_error (p, path, _("must be a list of strings"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = _trib_sync_path_index (path, i);
      char *text;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          _trib_sync_parser_error (p, element_path, _("must be a string"));
          ok = FALSE;
          continue;
        }
      text = subst ? substitute (p, element_path, json_node_get_string (element))
                   : g_strdup (json_node_get_string (element));
      if (text == NULL)
        {
          ok = FALSE;
          continue;
        }
      strv_builder_take (builder, text);
    }
  if (!ok)
    return FALSE;
  *value = g_strv_builder_end (builder);
  return TRUE;
}

static const char * const credential_keys[] = {
  "jdbcUrl", "username", "password", "accessId", "accessKey", "accessKeyId",
  "accessKeySecret", "secretKey", "secretAccessKey",
};

static void
check_object_credentials (TribSyncParser *p,
                          JsonObject     *object,
                          const char     *base)
{
  g_autoptr(GList) members = json_object_get_members (object);

  /* Matched without regard to case: "Password" or "PASSWORD" is a password too. */
  for (GList *l = members; l; l = l->next)
    for (guint i = 0; i < G_N_ELEMENTS (credential_keys); i++)
      if (g_ascii_strcasecmp (l->data, credential_keys[i]) == 0)
        {
          g_autofree char *path = _trib_sync_path (base, l->data);

          _trib_sync_parser_error (p, path,
                                   _("inline credentials are not allowed; name a data source in \"datasource\""));
          break;
        }
}

void
_trib_sync_check_no_credentials (TribSyncParser *p,
                                 JsonObject     *parameter,
                                 const char     *base)
{
  JsonArray *connections;

  check_object_credentials (p, parameter, base);

  connections = json_object_has_member (parameter, "connection") &&
                JSON_NODE_HOLDS_ARRAY (json_object_get_member (parameter, "connection"))
                ? json_object_get_array_member (parameter, "connection") : NULL;
  for (guint i = 0; connections && i < json_array_get_length (connections); i++)
    {
      JsonNode *element = json_array_get_element (connections, i);
      g_autofree char *path = g_strdup_printf ("%s.connection[%u]", base, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        check_object_credentials (p, json_node_get_object (element), path);
    }
}

void
_trib_sync_column_spec_free (TribSyncColumnSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->value);
  g_free (spec->format);
  g_free (spec);
}

void
_trib_sync_mysql_reader_config_clear (TribSyncMysqlReaderConfig *config)
{
  g_clear_pointer (&config->datasource, g_free);
  g_clear_pointer (&config->connections, g_ptr_array_unref);
  g_clear_pointer (&config->columns, g_strfreev);
  g_clear_pointer (&config->where, g_free);
  g_clear_pointer (&config->split_pk, g_free);
  g_clear_pointer (&config->path, g_free);
}

static void
text_input_clear (TribSyncTextInput *input)
{
  g_clear_pointer (&input->field_delimiter, g_free);
  g_clear_pointer (&input->line_delimiter, g_free);
  g_clear_pointer (&input->encoding, g_free);
  g_clear_pointer (&input->null_format, g_free);
  g_clear_pointer (&input->columns, g_ptr_array_unref);
}

void
_trib_sync_file_reader_config_clear (TribSyncFileReaderConfig *config)
{
  g_clear_pointer (&config->datasource, g_free);
  g_clear_pointer (&config->file_name, g_free);
  g_clear_pointer (&config->request_method, g_free);
  g_clear_pointer (&config->request_body, g_free);
  g_clear_pointer (&config->request_headers, g_strfreev);
  g_clear_pointer (&config->path, g_free);
  text_input_clear (&config->input);
}

void
_trib_sync_object_writer_config_clear (TribSyncObjectWriterConfig *config)
{
  g_clear_pointer (&config->datasource, g_free);
  g_clear_pointer (&config->object, g_free);
  g_clear_pointer (&config->suffix, g_free);
  g_clear_pointer (&config->path, g_free);
  g_clear_pointer (&config->output.field_delimiter, g_free);
  g_clear_pointer (&config->output.line_delimiter, g_free);
  g_clear_pointer (&config->output.encoding, g_free);
  g_clear_pointer (&config->output.null_format, g_free);
  g_clear_pointer (&config->output.date_format, g_free);
  g_clear_pointer (&config->output.header, g_strfreev);
}
