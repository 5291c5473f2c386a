/* trib-saved-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-error.h"
#include "trib-saved-query.h"

#define HEADER "-- datasource:"

struct _TribSavedQuery
{
  GObject  parent_instance;

  GFile   *file;
  char    *name;
  char    *data_source;
};

G_DEFINE_FINAL_TYPE (TribSavedQuery, trib_saved_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DATA_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_saved_query_finalize (GObject *object)
{
  TribSavedQuery *self = TRIB_SAVED_QUERY (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->data_source, g_free);
  G_OBJECT_CLASS (trib_saved_query_parent_class)->finalize (object);
}

static void
trib_saved_query_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TribSavedQuery *self = TRIB_SAVED_QUERY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DATA_SOURCE:
      g_value_set_string (value, self->data_source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_saved_query_class_init (TribSavedQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_saved_query_finalize;
  object_class->get_property = trib_saved_query_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_SOURCE] =
    g_param_spec_string ("data-source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_saved_query_init (TribSavedQuery *self)
{
}

TribSavedQuery *
trib_saved_query_new (GFile      *file,
                      const char *data_source)
{
  TribSavedQuery *self;
  g_autofree char *base = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TRIB_TYPE_SAVED_QUERY, NULL);
  self->file = g_object_ref (file);
  base = g_file_get_basename (file);
  if (g_str_has_suffix (base, TRIB_QUERY_SUFFIX))
    base[strlen (base) - strlen (TRIB_QUERY_SUFFIX)] = '\0';
  self->name = g_steal_pointer (&base);
  self->data_source = g_strdup (data_source);
  return self;
}

GFile *
trib_saved_query_get_file (TribSavedQuery *self)
{
  g_return_val_if_fail (TRIB_IS_SAVED_QUERY (self), NULL);
  return self->file;
}

const char *
trib_saved_query_get_name (TribSavedQuery *self)
{
  g_return_val_if_fail (TRIB_IS_SAVED_QUERY (self), NULL);
  return self->name;
}

const char *
trib_saved_query_get_data_source (TribSavedQuery *self)
{
  g_return_val_if_fail (TRIB_IS_SAVED_QUERY (self), NULL);
  return self->data_source;
}

void
trib_saved_query_set_data_source (TribSavedQuery *self,
                                  const char     *data_source)
{
  g_return_if_fail (TRIB_IS_SAVED_QUERY (self));

  if (g_strcmp0 (self->data_source, data_source) == 0)
    return;
  g_free (self->data_source);
  self->data_source = g_strdup (data_source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_SOURCE]);
}

char *
trib_query_text_parse (const char  *text,
                       char       **data_source)
{
  const char *eol;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  if (data_source)
    *data_source = NULL;
  /* A byte order mark from another editor does not hide the line. */
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  if (g_ascii_strncasecmp (p, HEADER, strlen (HEADER)) != 0)
    return g_strdup (text);

  eol = strchr (p, '\n');
  if (data_source)
    {
      g_autofree char *name = g_strndup (p + strlen (HEADER),
                                         eol ? (gsize) (eol - p) - strlen (HEADER) : strlen (p + strlen (HEADER)));
      g_strstrip (name);
      *data_source = *name ? g_steal_pointer (&name) : NULL;
    }
  return g_strdup (eol ? eol + 1 : "");
}

char *
trib_query_text_format (const char *data_source,
                        const char *sql)
{
  GString *out = g_string_new (NULL);

  if (data_source && *data_source)
    g_string_append_printf (out, HEADER " %s\n", data_source);
  g_string_append (out, sql ? sql : "");
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

gboolean
trib_query_name_is_valid (const char  *name,
                          GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("A query needs a name"));
      return FALSE;
    }
  if (strchr (name, '/') || strchr (name, '\\') || name[0] == '.' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("“%s” cannot be a query name: use letters, digits, spaces, “-” and “_”"), name);
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20)
      {
        g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                     _("“%s” cannot be a query name: use letters, digits, spaces, “-” and “_”"), name);
        return FALSE;
      }
  return TRUE;
}

char *
trib_saved_query_load (GFile         *file,
                       char         **data_source,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, error))
    return NULL;
  if (!g_utf8_validate_len (contents, len, NULL))
    {
      g_autofree char *path = g_file_get_parse_name (file);
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("%s: not UTF-8 text"), path);
      return NULL;
    }
  return trib_query_text_parse (contents, data_source);
}

gboolean
trib_saved_query_save (GFile         *file,
                       const char    *data_source,
                       const char    *sql,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *text = trib_query_text_format (data_source, sql);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local = NULL;

  if (!g_file_make_directory_with_parents (parent, cancellable, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* g_file_replace writes a temporary file and renames it over the old one. */
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}

typedef struct
{
  char *data_source;
  char *sql;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *d = data;

  g_free (d->data_source);
  g_free (d->sql);
  g_free (d);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  SaveData *d = g_new0 (SaveData, 1);

  d->sql = trib_saved_query_load (task_data, &d->data_source, cancellable, &error);
  if (d->sql == NULL)
    {
      save_data_free (d);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, d, save_data_free);
}

void
trib_saved_query_load_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, trib_saved_query_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

char *
trib_saved_query_load_finish (GAsyncResult  *result,
                              char         **data_source,
                              GError       **error)
{
  SaveData *d = g_task_propagate_pointer (G_TASK (result), error);
  char *sql;

  if (d == NULL)
    return NULL;
  if (data_source)
    *data_source = g_steal_pointer (&d->data_source);
  sql = g_steal_pointer (&d->sql);
  save_data_free (d);
  return sql;
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *d = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (trib_saved_query_save (file, d->data_source, d->sql, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
trib_saved_query_save_async (GFile               *file,
                             const char          *data_source,
                             const char          *sql,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveData *d = g_new0 (SaveData, 1);

  d->data_source = g_strdup (data_source);
  d->sql = g_strdup (sql);
  g_task_set_source_tag (task, trib_saved_query_save_async);
  g_task_set_task_data (task, d, save_data_free);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
trib_saved_query_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
