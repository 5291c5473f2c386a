/* trib-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n.h>

#include "trib-json.h"
#include "trib-json-private.h"
#include "trib-text.h"

static void write_node (GString *out, JsonNode *node, guint depth);

static void
write_indent (GString *out,
              guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *str)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double; keeps a ".0" so the value stays
 * a double when parsed again. */
static void
write_double (GString *out,
              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_string_append (out, "null");
}

static void
write_object (GString    *out,
              JsonObject *object,
              guint       depth)
{
  g_autoptr(GList) members = json_object_get_members (object);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append (out, "{\n");
  for (const GList *l = members; l; l = l->next)
    {
      write_indent (out, depth + 1);
      write_string (out, l->data);
      g_string_append (out, ": ");
      write_node (out, json_object_get_member (object, l->data), depth + 1);
      if (l->next)
        g_string_append_c (out, ',');
      g_string_append_c (out, '\n');
    }
  write_indent (out, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array,
             guint      depth)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      write_indent (out, depth + 1);
      write_node (out, json_array_get_element (array, i), depth + 1);
      if (i + 1 < n)
        g_string_append_c (out, ',');
      g_string_append_c (out, '\n');
    }
  write_indent (out, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), depth);
      break;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), depth);
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
trib_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* json-glib reports "<data>:LINE:COL: Parse error: WHAT"; keep the position, name the file. */
static void
split_parse_error (const char  *message,
                   guint       *line,
                   guint       *column,
                   const char **what)
{
  const char *p = message;
  char *end;

  *line = *column = 0;
  *what = message;

  if (g_str_has_prefix (p, "<data>:"))
    p += strlen ("<data>:");
  *line = (guint) g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    goto out;
  p = end + 1;
  *column = (guint) g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    goto out;
  *what = end + 1;
  while (**what == ' ')
    (*what)++;
  if (g_str_has_prefix (*what, "Parse error: "))
    *what += strlen ("Parse error: ");
  return;

out:
  *line = *column = 0;
}

JsonNode *
trib_json_parse_full (const char  *data,
                      gssize       length,
                      const char  *display_name,
                      guint       *error_line,
                      guint       *error_column,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (error_line)
    *error_line = 0;
  if (error_column)
    *error_column = 0;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: malformed JSON: the text is not valid UTF-8"), display_name);
      return NULL;
    }

  {
    gsize i = 0;

    while (i < (gsize) length && g_ascii_isspace (data[i]))
      i++;
    if (i == (gsize) length)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: malformed JSON: the text is empty"), display_name);
        return NULL;
      }
  }

  /* Our own pass first: it is stricter than json-glib (which accepts a raw line break in a
   * string, or text after the document) and points at the place to fix. */
  {
    g_autofree char *own_message = NULL;
    guint line, column;

    if (!_trib_json_locate_syntax_error (data, length, &line, &column, &own_message))
      {
        if (error_line)
          *error_line = line;
        if (error_column)
          *error_column = column;
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s:%u:%u: malformed JSON: %s"), display_name, line, column, own_message);
        return NULL;
      }
  }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      const char *what;
      guint line, column;

      split_parse_error (local_error->message, &line, &column, &what);
      if (error_line)
        *error_line = line;
      if (error_column)
        *error_column = column;
      if (line > 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s:%u:%u: malformed JSON: %s"), display_name, line, column, what);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: malformed JSON: %s"), display_name, what);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: malformed JSON: the text is empty"), display_name);
      return NULL;
    }

  return json_node_ref (root);
}

JsonNode *
trib_json_parse (const char  *data,
                 gssize       length,
                 const char  *display_name,
                 GError     **error)
{
  return trib_json_parse_full (data, length, display_name, NULL, NULL, error);
}

static const char *
describe_file_type (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a named pipe (FIFO)");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not a regular file");
}

gboolean
trib_file_load_bounded (GFile         *file,
                        gsize          max_size,
                        GCancellable  *cancellable,
                        char         **contents,
                        gsize         *length,
                        GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GByteArray) bytes = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (contents != NULL, FALSE);

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("only files on a local file system can be read"));
      return FALSE;
    }

  /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                           _("is a folder, not a file"));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("is %s, not a regular file; only regular files are read"),
                   describe_file_type (st.st_mode));
      return FALSE;
    }
  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("is larger than %u MiB, the limit for this kind of file"),
                   (guint) (max_size / (1024 * 1024)));
      return FALSE;
    }

  /* The size can change between fstat() and the reads: never read past the limit. */
  bytes = g_byte_array_sized_new ((guint) st.st_size + 1);
  for (;;)
    {
      guint8 buffer[16 * 1024];
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > max_size)
        {
          close (fd);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("is larger than %u MiB, the limit for this kind of file"),
                       (guint) (max_size / (1024 * 1024)));
          return FALSE;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  close (fd);

  if (length)
    *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

JsonNode *
trib_json_load_file (GFile         *file,
                     const char    *display_name,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!trib_file_load_bounded (file, TRIB_JSON_FILE_MAX_SIZE, cancellable, &contents, &length, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display_name, local_error->message);
      return NULL;
    }

  return trib_json_parse (contents, length, display_name, error);
}

gboolean
trib_file_set_contents_atomic (GFile       *file,
                               const char  *contents,
                               gsize        length,
                               GError     **error)
{
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (path != NULL, FALSE);

  /* CONSISTENT writes a temporary file in the same folder, fsyncs it and renames it over
   * the target; DURABLE also syncs the folder so the rename survives a power cut. */
  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}

gboolean
trib_json_save_file (JsonNode      *node,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *text = trib_json_to_string (node);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return trib_file_set_contents_atomic (file, text, strlen (text), error);
}

const char *
trib_json_object_get_string (JsonObject *object,
                             const char *member,
                             const char *fallback)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return fallback;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return fallback;
}

gint64
trib_json_object_get_int (JsonObject *object,
                          const char *member,
                          gint64      fallback)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      gint64 v;

      /* DataWorks writes some numbers as strings ("errorLimit": {"record": "0"}). */
      errno = 0;
      v = g_ascii_strtoll (s, &end, 10);
      if (errno == 0 && end != s && *end == '\0')
        return v;
    }
  return fallback;
}

gboolean
trib_json_object_get_bool (JsonObject *object,
                           const char *member,
                           gboolean    fallback)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return fallback;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      if (g_ascii_strcasecmp (s, "true") == 0)
        return TRUE;
      if (g_ascii_strcasecmp (s, "false") == 0)
        return FALSE;
    }
  return fallback;
}

JsonObject *
trib_json_object_get_object (JsonObject *object,
                             const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
trib_json_object_get_array (JsonObject *object,
                            const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
trib_json_object_ensure_object (JsonObject *object,
                                const char *member)
{
  JsonObject *child = trib_json_object_get_object (object, member);

  if (child == NULL)
    {
      child = json_object_new ();
      json_object_set_object_member (object, member, child);
    }
  return child;
}

void
trib_json_object_put_string (JsonObject *object,
                             const char *member,
                             const char *value)
{
  const char *current = trib_json_object_get_string (object, member, NULL);

  if (value == NULL)
    {
      if (json_object_has_member (object, member))
        json_object_remove_member (object, member);
      return;
    }
  if (g_strcmp0 (current, value) == 0)
    return;
  json_object_set_string_member (object, member, value);
}

void
trib_json_object_put_int (JsonObject *object,
                          const char *member,
                          gint64      value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) == value)
    return;
  json_object_set_int_member (object, member, value);
}

void
trib_json_object_put_bool (JsonObject *object,
                           const char *member,
                           gboolean    value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
      !!json_node_get_boolean (node) == !!value)
    return;
  json_object_set_boolean_member (object, member, value);
}

gboolean
trib_json_node_is_scalar (JsonNode *node)
{
  return node != NULL && (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node));
}

char *
trib_json_node_dup_scalar_text (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (type == G_TYPE_DOUBLE)
    {
      GString *s = g_string_new (NULL);
      write_double (s, json_node_get_double (node));
      return g_string_free (s, FALSE);
    }
  return NULL;
}

char *
trib_json_describe_value (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("an object"));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("an array"));

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      g_autofree char *text = trib_text_elide (json_node_get_string (node), 64);

      return g_strdup_printf (_("the string \"%s\""), text);
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  {
    g_autofree char *number = trib_json_node_dup_scalar_text (node);

    return g_strdup_printf (_("the number %s"), number);
  }
}

/* json_node_copy() shares objects and arrays; this copies them too. */
JsonNode *
trib_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(JsonObject) out = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (object);

        for (const GList *l = members; l; l = l->next)
          json_object_set_member (out, l->data,
                                  trib_json_node_deep_copy (json_object_get_member (object, l->data)));
        copy = json_node_alloc ();
        json_node_init_object (copy, out);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) out = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (out, trib_json_node_deep_copy (json_array_get_element (array, i)));
        copy = json_node_alloc ();
        json_node_init_array (copy, out);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}
