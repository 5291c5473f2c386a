/* trib-data-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-data-source.h"
#include "trib-diagnostic.h"
#include "trib-error.h"
#include "trib-json.h"

/* The JSON object in tributary.json is the source of truth: setters write through to it,
 * so members the model does not know about survive a save untouched. */
struct _TribDataSource
{
  GObject             parent_instance;
  JsonObject         *json;
  TribDataSourceKind  kind;
};

G_DEFINE_FINAL_TYPE (TribDataSource, trib_data_source, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TribDataSourceKind, trib_data_source_kind,
  G_DEFINE_ENUM_VALUE (TRIB_DATA_SOURCE_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (TRIB_DATA_SOURCE_KIND_MYSQL, "mysql"),
  G_DEFINE_ENUM_VALUE (TRIB_DATA_SOURCE_KIND_HTTPFILE, "httpfile"),
  G_DEFINE_ENUM_VALUE (TRIB_DATA_SOURCE_KIND_S3, "s3"),
  G_DEFINE_ENUM_VALUE (TRIB_DATA_SOURCE_KIND_LOCAL, "local"),
  G_DEFINE_ENUM_VALUE (TRIB_DATA_SOURCE_KIND_KYUUBI, "kyuubi"))

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char     *key;
  TribOptionType  type;
} OptionSpec;

static const OptionSpec mysql_options[] = {
  { "host", TRIB_OPTION_STRING },
  { "port", TRIB_OPTION_INT },
  { "database", TRIB_OPTION_STRING },
  { "user", TRIB_OPTION_STRING },
  { "tls", TRIB_OPTION_STRING },
  { "ca_file", TRIB_OPTION_STRING },
  { "connect_timeout", TRIB_OPTION_INT },
  { "read_timeout", TRIB_OPTION_INT },
  { "time_zone", TRIB_OPTION_STRING },
  { "charset", TRIB_OPTION_STRING },
  { NULL }
};

static const OptionSpec httpfile_options[] = {
  { "url", TRIB_OPTION_STRING },
  { "user", TRIB_OPTION_STRING },
  { "headers", TRIB_OPTION_STRING },
  { "probe_path", TRIB_OPTION_STRING },
  { "verify_tls", TRIB_OPTION_BOOL },
  { "ca_file", TRIB_OPTION_STRING },
  { "connect_timeout", TRIB_OPTION_INT },
  { "read_timeout", TRIB_OPTION_INT },
  { NULL }
};

static const OptionSpec s3_options[] = {
  { "endpoint", TRIB_OPTION_STRING },
  { "region", TRIB_OPTION_STRING },
  { "bucket", TRIB_OPTION_STRING },
  { "access_key_id", TRIB_OPTION_STRING },
  { "path_style", TRIB_OPTION_BOOL },
  { "verify_tls", TRIB_OPTION_BOOL },
  { "ca_file", TRIB_OPTION_STRING },
  { "connect_timeout", TRIB_OPTION_INT },
  { "read_timeout", TRIB_OPTION_INT },
  { NULL }
};

static const OptionSpec local_options[] = {
  { "path", TRIB_OPTION_STRING },
  { NULL }
};

static const OptionSpec kyuubi_options[] = {
  { "host", TRIB_OPTION_STRING },
  { "port", TRIB_OPTION_INT },
  { "transport", TRIB_OPTION_STRING },
  { "http_path", TRIB_OPTION_STRING },
  { "user", TRIB_OPTION_STRING },
  { "database", TRIB_OPTION_STRING },
  { "tls", TRIB_OPTION_BOOL },
  { "ca_file", TRIB_OPTION_STRING },
  { "connect_timeout", TRIB_OPTION_INT },
  { "read_timeout", TRIB_OPTION_INT },
  { NULL }
};

static const OptionSpec *
option_specs (TribDataSourceKind kind)
{
  switch (kind)
    {
    case TRIB_DATA_SOURCE_KIND_MYSQL:    return mysql_options;
    case TRIB_DATA_SOURCE_KIND_HTTPFILE: return httpfile_options;
    case TRIB_DATA_SOURCE_KIND_S3:       return s3_options;
    case TRIB_DATA_SOURCE_KIND_LOCAL:    return local_options;
    case TRIB_DATA_SOURCE_KIND_KYUUBI:   return kyuubi_options;
    case TRIB_DATA_SOURCE_KIND_UNKNOWN:
    default:                             return NULL;
    }
}

const char * const *
trib_data_source_kind_get_option_keys (TribDataSourceKind kind)
{
  static GStrv cache[TRIB_DATA_SOURCE_KIND_KYUUBI + 1];
  const OptionSpec *specs = option_specs (kind);

  static const char * const none[] = { NULL };

  if (specs == NULL)
    return none;

  if (g_once_init_enter (&cache[kind]))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (const OptionSpec *s = specs; s->key; s++)
        g_strv_builder_add (builder, s->key);
      g_once_init_leave (&cache[kind], g_strv_builder_end (builder));
    }
  return (const char * const *) cache[kind];
}

TribOptionType
trib_data_source_kind_get_option_type (TribDataSourceKind  kind,
                                       const char         *key)
{
  const OptionSpec *specs = option_specs (kind);

  for (const OptionSpec *s = specs; s && s->key; s++)
    if (strcmp (s->key, key) == 0)
      return s->type;
  return TRIB_OPTION_STRING;
}

const char *
trib_data_source_kind_to_string (TribDataSourceKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TRIB_TYPE_DATA_SOURCE_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  return value ? value->value_nick : "unknown";
}

TribDataSourceKind
trib_data_source_kind_from_string (const char *name)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TRIB_TYPE_DATA_SOURCE_KIND);
  GEnumValue *value;

  if (name == NULL)
    return TRIB_DATA_SOURCE_KIND_UNKNOWN;
  value = g_enum_get_value_by_nick (klass, name);
  return value ? (TribDataSourceKind) value->value : TRIB_DATA_SOURCE_KIND_UNKNOWN;
}

const char *
trib_data_source_kind_get_label (TribDataSourceKind kind)
{
  switch (kind)
    {
    case TRIB_DATA_SOURCE_KIND_MYSQL:    return _("MySQL / MariaDB");
    case TRIB_DATA_SOURCE_KIND_HTTPFILE: return _("HTTP File");
    case TRIB_DATA_SOURCE_KIND_S3:       return _("Object Storage (S3 / OSS)");
    case TRIB_DATA_SOURCE_KIND_LOCAL:    return _("Local Folder");
    case TRIB_DATA_SOURCE_KIND_KYUUBI:   return _("Kyuubi / Spark SQL");
    case TRIB_DATA_SOURCE_KIND_UNKNOWN:
    default:                             return _("Unknown");
    }
}

const char *
trib_data_source_kind_get_icon_name (TribDataSourceKind kind)
{
  switch (kind)
    {
    case TRIB_DATA_SOURCE_KIND_MYSQL:    return "trib-database-symbolic";
    case TRIB_DATA_SOURCE_KIND_HTTPFILE: return "trib-web-symbolic";
    case TRIB_DATA_SOURCE_KIND_S3:       return "trib-bucket-symbolic";
    case TRIB_DATA_SOURCE_KIND_LOCAL:    return "folder-symbolic";
    case TRIB_DATA_SOURCE_KIND_KYUUBI:   return "trib-spark-symbolic";
    case TRIB_DATA_SOURCE_KIND_UNKNOWN:
    default:                             return "dialog-question-symbolic";
    }
}

static void
trib_data_source_finalize (GObject *object)
{
  TribDataSource *self = (TribDataSource *) object;

  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (trib_data_source_parent_class)->finalize (object);
}

static void
trib_data_source_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TribDataSource *self = TRIB_DATA_SOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, trib_data_source_get_name (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, trib_data_source_get_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_data_source_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TribDataSource *self = TRIB_DATA_SOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      trib_data_source_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      trib_data_source_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_data_source_class_init (TribDataSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_data_source_finalize;
  object_class->get_property = trib_data_source_get_property;
  object_class->set_property = trib_data_source_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       TRIB_TYPE_DATA_SOURCE_KIND, TRIB_DATA_SOURCE_KIND_UNKNOWN,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_data_source_init (TribDataSource *self)
{
}

TribDataSource *
trib_data_source_new (const char         *name,
                      TribDataSourceKind  kind)
{
  TribDataSource *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (TRIB_TYPE_DATA_SOURCE, NULL);
  self->kind = kind;
  self->json = json_object_new ();
  json_object_set_string_member (self->json, "name", name);
  json_object_set_string_member (self->json, "type", trib_data_source_kind_to_string (kind));
  json_object_set_object_member (self->json, "options", json_object_new ());
  if (trib_data_source_needs_secret (self))
    json_object_set_string_member (self->json, "secret", "keyring");
  return self;
}

static gboolean
check_option_type (JsonNode        *node,
                   TribOptionType   type)
{
  GType value_type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  value_type = json_node_get_value_type (node);
  switch (type)
    {
    case TRIB_OPTION_INT:    return value_type == G_TYPE_INT64;
    case TRIB_OPTION_BOOL:   return value_type == G_TYPE_BOOLEAN;
    case TRIB_OPTION_STRING: return value_type == G_TYPE_STRING;
    default:                 return FALSE;
    }
}

/* The range of an integer option, stated in the message that refuses a value outside it. */
static void
option_range (const char *key,
              gint64     *minimum,
              gint64     *maximum)
{
  if (g_str_equal (key, "port"))
    *minimum = 1, *maximum = 65535;
  else if (g_str_equal (key, "connect_timeout"))
    *minimum = 1, *maximum = 3600;
  else if (g_str_equal (key, "read_timeout"))
    *minimum = 1, *maximum = 86400;
  else
    *minimum = 0, *maximum = G_MAXINT32;
}

static gboolean
check_option_range (const char *key,
                    gint64      value,
                    GError    **error)
{
  gint64 minimum, maximum;

  option_range (key, &minimum, &maximum);
  if (value >= minimum && value <= maximum)
    return TRUE;
  if (g_str_equal (key, "port"))
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                 _("%" PRId64 " is not a port number (1–65535)"), value);
  else
    g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                 _("must be from %" PRId64 " to %" PRId64 ", found %" PRId64),
                 minimum, maximum, value);
  return FALSE;
}

static const char *
option_type_name (TribOptionType type)
{
  switch (type)
    {
    case TRIB_OPTION_INT:    return _("an integer");
    case TRIB_OPTION_BOOL:   return _("true or false");
    case TRIB_OPTION_STRING: return _("a string");
    default:                 return "";
    }
}

TribDataSource *
trib_data_source_new_from_json (JsonObject  *object,
                                const char  *file,
                                const char  *json_path,
                                GListStore  *diagnostics)
{
  g_autoptr(TribDataSource) self = NULL;
  const char *name = trib_json_object_get_string (object, "name", NULL);
  const char *type = trib_json_object_get_string (object, "type", NULL);
  JsonObject *options;
  gboolean ok = TRUE;

  if (name == NULL || *name == '\0')
    {
      trib_diagnostics_add (diagnostics, TRIB_SEVERITY_ERROR, file, json_path,
                            _("a data source needs a \"name\""));
      return NULL;
    }

  self = g_object_new (TRIB_TYPE_DATA_SOURCE, NULL);
  self->json = json_object_ref (object);
  self->kind = trib_data_source_kind_from_string (type);

  if (self->kind == TRIB_DATA_SOURCE_KIND_UNKNOWN)
    {
      trib_diagnostics_add (diagnostics, TRIB_SEVERITY_ERROR, file, json_path,
                            _("data source \"%s\": unknown type \"%s\" (expected mysql, httpfile, s3, local or kyuubi)"),
                            name, type ? type : "");
      ok = FALSE;
    }

  if (json_object_has_member (object, "options") &&
      trib_json_object_get_object (object, "options") == NULL)
    {
      trib_diagnostics_add (diagnostics, TRIB_SEVERITY_ERROR, file, json_path,
                            _("data source \"%s\": \"options\" must be an object"), name);
      ok = FALSE;
    }

  options = trib_json_object_get_object (object, "options");
  if (options != NULL && self->kind != TRIB_DATA_SOURCE_KIND_UNKNOWN)
    {
      g_autoptr(GList) members = json_object_get_members (options);

      for (const GList *l = members; l; l = l->next)
        {
          const char *key = l->data;
          TribOptionType otype = trib_data_source_kind_get_option_type (self->kind, key);

          JsonNode *value = json_object_get_member (options, key);
          g_autoptr(GError) range_error = NULL;

          if (!check_option_type (value, otype))
            {
              g_autofree char *path = g_strdup_printf ("%s.options.%s", json_path, key);
              g_autofree char *found = trib_json_describe_value (value);

              trib_diagnostics_add (diagnostics, TRIB_SEVERITY_ERROR, file, path,
                                    _("must be %s, found %s"), option_type_name (otype), found);
              ok = FALSE;
            }
          else if (otype == TRIB_OPTION_INT && !check_option_range (key, json_node_get_int (value), &range_error))
            {
              g_autofree char *path = g_strdup_printf ("%s.options.%s", json_path, key);

              trib_diagnostics_add (diagnostics, TRIB_SEVERITY_ERROR, file, path, "%s", range_error->message);
              ok = FALSE;
            }
        }
    }

  /* A secret typed into the file would be read by anyone who can read the workspace. */
  for (const char * const *k = (const char * const[]) { "password", "secret_access_key", "accessKey", NULL }; *k; k++)
    {
      if (json_object_has_member (object, *k) || (options && json_object_has_member (options, *k)))
        {
          trib_diagnostics_add (diagnostics, TRIB_SEVERITY_ERROR, file, json_path,
                                _("data source \"%s\": \"%s\" does not belong in the workspace file; secrets are kept in the keyring"),
                                name, *k);
          ok = FALSE;
        }
    }

  return ok ? g_steal_pointer (&self) : NULL;
}

JsonObject *
trib_data_source_get_json (TribDataSource *self)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), NULL);
  return self->json;
}

const char *
trib_data_source_get_name (TribDataSource *self)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), NULL);
  return trib_json_object_get_string (self->json, "name", "");
}

void
trib_data_source_set_name (TribDataSource *self,
                           const char     *name)
{
  g_return_if_fail (TRIB_IS_DATA_SOURCE (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (name, trib_data_source_get_name (self)) == 0)
    return;
  trib_json_object_put_string (self->json, "name", name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

TribDataSourceKind
trib_data_source_get_kind (TribDataSource *self)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), TRIB_DATA_SOURCE_KIND_UNKNOWN);
  return self->kind;
}

const char *
trib_data_source_get_kind_name (TribDataSource *self)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), NULL);
  return trib_data_source_kind_to_string (self->kind);
}

const char *
trib_data_source_get_description (TribDataSource *self)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), NULL);
  return trib_json_object_get_string (self->json, "description", NULL);
}

void
trib_data_source_set_description (TribDataSource *self,
                                  const char     *description)
{
  g_return_if_fail (TRIB_IS_DATA_SOURCE (self));

  if (description != NULL && *description == '\0')
    description = NULL;
  if (g_strcmp0 (description, trib_data_source_get_description (self)) == 0)
    return;
  trib_json_object_put_string (self->json, "description", description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static JsonObject *
get_options (TribDataSource *self)
{
  return trib_json_object_get_object (self->json, "options");
}

char *
trib_data_source_dup_option (TribDataSource *self,
                             const char     *key)
{
  JsonObject *options;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), NULL);

  options = get_options (self);
  if (options == NULL || !json_object_has_member (options, key))
    return NULL;
  return trib_json_node_dup_scalar_text (json_object_get_member (options, key));
}

const char *
trib_data_source_get_option_string (TribDataSource *self,
                                    const char     *key,
                                    const char     *fallback)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), fallback);
  return trib_json_object_get_string (get_options (self), key, fallback);
}

gint64
trib_data_source_get_option_int (TribDataSource *self,
                                 const char     *key,
                                 gint64          fallback)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), fallback);
  return trib_json_object_get_int (get_options (self), key, fallback);
}

gboolean
trib_data_source_get_option_bool (TribDataSource *self,
                                  const char     *key,
                                  gboolean        fallback)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), fallback);
  return trib_json_object_get_bool (get_options (self), key, fallback);
}

gboolean
trib_data_source_set_option (TribDataSource  *self,
                             const char      *key,
                             const char      *value,
                             GError         **error)
{
  JsonObject *options;
  TribOptionType type;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (*key == '\0')
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID, _("an option needs a name"));
      return FALSE;
    }
  if (g_str_equal (key, "password") || g_str_equal (key, "secret_access_key"))
    {
      g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                   _("option \"%s\": secrets are not stored in the workspace; supply them through the keyring"),
                   key);
      return FALSE;
    }

  options = trib_json_object_ensure_object (self->json, "options");
  type = trib_data_source_kind_get_option_type (self->kind, key);

  switch (type)
    {
    case TRIB_OPTION_INT:
      {
        g_autoptr(GError) local_error = NULL;
        char *end = NULL;
        gint64 v;

        errno = 0;
        v = g_ascii_strtoll (value, &end, 10);
        if (errno != 0 || end == value || *end != '\0')
          {
            g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                         _("option \"%s\": \"%s\" is not an integer"), key, value);
            return FALSE;
          }
        if (!check_option_range (key, v, &local_error))
          {
            g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                         _("option \"%s\": %s"), key, local_error->message);
            return FALSE;
          }
        trib_json_object_put_int (options, key, v);
      }
      break;

    case TRIB_OPTION_BOOL:
      if (g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "1") ||
          g_ascii_strcasecmp (value, "yes") == 0)
        trib_json_object_put_bool (options, key, TRUE);
      else if (g_ascii_strcasecmp (value, "false") == 0 || g_str_equal (value, "0") ||
               g_ascii_strcasecmp (value, "no") == 0)
        trib_json_object_put_bool (options, key, FALSE);
      else
        {
          g_set_error (error, TRIB_ERROR, TRIB_ERROR_INVALID,
                       _("option \"%s\": \"%s\" is not true or false"), key, value);
          return FALSE;
        }
      break;

    case TRIB_OPTION_STRING:
    default:
      trib_json_object_put_string (options, key, value);
      break;
    }

  return TRUE;
}

void
trib_data_source_unset_option (TribDataSource *self,
                               const char     *key)
{
  JsonObject *options;

  g_return_if_fail (TRIB_IS_DATA_SOURCE (self));

  options = get_options (self);
  if (options && json_object_has_member (options, key))
    json_object_remove_member (options, key);
}

GStrv
trib_data_source_list_options (TribDataSource *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *options;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), NULL);

  options = get_options (self);
  if (options)
    {
      g_autoptr(GList) members = json_object_get_members (options);
      for (const GList *l = members; l; l = l->next)
        g_strv_builder_add (builder, l->data);
    }
  return g_strv_builder_end (builder);
}

gboolean
trib_data_source_needs_secret (TribDataSource *self)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), FALSE);

  switch (self->kind)
    {
    case TRIB_DATA_SOURCE_KIND_MYSQL:
    case TRIB_DATA_SOURCE_KIND_S3:
    case TRIB_DATA_SOURCE_KIND_KYUUBI:
      return TRUE;
    case TRIB_DATA_SOURCE_KIND_HTTPFILE:
      /* Only with Basic auth. */
      return trib_data_source_get_option_string (self, "user", NULL) != NULL;
    case TRIB_DATA_SOURCE_KIND_LOCAL:
    case TRIB_DATA_SOURCE_KIND_UNKNOWN:
    default:
      return FALSE;
    }
}

char *
trib_data_source_dup_secret_env_name (TribDataSource *self)
{
  GString *out = g_string_new ("TRIBUTARY_SECRET_");

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (self), NULL);

  /* One "_" per character, not per byte, so a non-ASCII name maps predictably. */
  for (const char *p = trib_data_source_get_name (self); *p; p = g_utf8_next_char (p))
    {
      char c = g_ascii_toupper (*p);
      g_string_append_c (out, ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_');
    }
  return g_string_free (out, FALSE);
}
