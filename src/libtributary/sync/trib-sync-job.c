/* trib-sync-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-json.h"
#include "trib-sync-error.h"
#include "trib-sync-job-private.h"

struct _TribSyncJob
{
  GObject                     parent_instance;

  gboolean                    datax_shape;
  TribSyncReaderKind          reader_kind;
  char                       *reader_type;
  char                       *writer_type;
  TribSyncMysqlReaderConfig   mysql;
  TribSyncFileReaderConfig    file;
  TribSyncObjectWriterConfig  object;

  guint                       channels;
  guint64                     byte_rate;
  guint64                     record_rate;
  gint64                      error_records;
  double                      error_percentage;
  char                       *error_limit_path;
  GStrv                       warnings;
};

G_DEFINE_FINAL_TYPE (TribSyncJob, trib_sync_job, G_TYPE_OBJECT)

const char *
trib_sync_compress_to_string (TribSyncCompress compress)
{
  switch (compress)
    {
    case TRIB_SYNC_COMPRESS_GZIP:  return "gzip";
    case TRIB_SYNC_COMPRESS_BZIP2: return "bzip2";
    case TRIB_SYNC_COMPRESS_ZIP:   return "zip";
    case TRIB_SYNC_COMPRESS_NONE:
    default:                       return "none";
    }
}

const char *
trib_sync_write_mode_to_string (TribSyncWriteMode mode)
{
  switch (mode)
    {
    case TRIB_SYNC_WRITE_MODE_APPEND:       return "append";
    case TRIB_SYNC_WRITE_MODE_NON_CONFLICT: return "nonConflict";
    case TRIB_SYNC_WRITE_MODE_TRUNCATE:
    default:                                return "truncate";
    }
}

static void
trib_sync_job_finalize (GObject *object)
{
  TribSyncJob *self = (TribSyncJob *) object;

  _trib_sync_mysql_reader_config_clear (&self->mysql);
  _trib_sync_file_reader_config_clear (&self->file);
  _trib_sync_object_writer_config_clear (&self->object);
  g_free (self->reader_type);
  g_free (self->writer_type);
  g_free (self->error_limit_path);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (trib_sync_job_parent_class)->finalize (object);
}

static void
trib_sync_job_class_init (TribSyncJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_sync_job_finalize;
}

static void
trib_sync_job_init (TribSyncJob *self)
{
  self->channels = 1;
  self->error_records = -1;
  self->error_percentage = -1;
}

static JsonObject *
get_object (TribSyncParser *p,
            JsonObject     *parent,
            const char     *member,
            const char     *base,
            gboolean        required)
{
  g_autofree char *path = _trib_sync_path (base, member);
  JsonNode *node = parent ? json_object_get_member (parent, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        _trib_sync_parser_error (p, path, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _trib_sync_parser_error (p, path, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static void
parse_error_limit (TribSyncJob    *self,
                   TribSyncParser *p,
                   JsonObject     *setting,
                   const char     *setting_path)
{
  JsonObject *limit;
  double percentage;

  self->error_limit_path = _trib_sync_path (setting_path, "errorLimit");
  limit = get_object (p, setting, "errorLimit", setting_path, FALSE);
  if (limit == NULL)
    return;

  _trib_sync_get_int (p, limit, "record", self->error_limit_path, 0, &self->error_records);
  if (_trib_sync_get_double (p, limit, "percentage", self->error_limit_path, &percentage))
    {
      if (percentage < 0 || percentage > 1)
        {
          g_autofree char *path = _trib_sync_path (self->error_limit_path, "percentage");

          _trib_sync_parser_error (p, path, _("must be between 0 and 1"));
        }
      else
        self->error_percentage = percentage;
    }
}

static void
parse_script_speed (TribSyncJob    *self,
                    TribSyncParser *p,
                    JsonObject     *setting)
{
  JsonObject *speed = get_object (p, setting, "speed", "setting", FALSE);
  gboolean throttle = FALSE;
  gint64 concurrent = 1;
  double mbps = 0;

  if (speed == NULL)
    return;
  _trib_sync_get_int_range (p, speed, "concurrent", "setting.speed", 1, TRIB_SYNC_MAX_CHANNELS, &concurrent);
  self->channels = (guint) CLAMP (concurrent, 1, TRIB_SYNC_MAX_CHANNELS);
  _trib_sync_get_bool (p, speed, "throttle", "setting.speed", &throttle);
  if (throttle)
    {
      if (!_trib_sync_get_double (p, speed, "mbps", "setting.speed", &mbps))
        {
          if (!_trib_sync_has_member (speed, "mbps") ||
              JSON_NODE_HOLDS_VALUE (json_object_get_member (speed, "mbps")))
            _trib_sync_parser_error (p, "setting.speed.mbps", _("required when throttle is true"));
        }
      else if (mbps <= 0)
        _trib_sync_parser_error (p, "setting.speed.mbps", _("must be more than 0"));
      else
        self->byte_rate = (guint64) (mbps * 1024 * 1024);
    }
}

static void
parse_datax_speed (TribSyncJob    *self,
                   TribSyncParser *p,
                   JsonNode       *root,
                   JsonObject     *setting)
{
  JsonObject *speed = get_object (p, setting, "speed", "job.setting", FALSE);
  JsonObject *core = json_node_get_object (root);
  JsonObject *per_channel = NULL;
  gint64 channel = 0, bytes = 0, records = 0, per = 0;
  guint derived = 0;

  /* core.transport.channel.speed: the per-channel limits of DataX's core.json. */
  if ((core = trib_json_object_get_object (core, "core")) &&
      (core = trib_json_object_get_object (core, "transport")) &&
      (core = trib_json_object_get_object (core, "channel")))
    per_channel = trib_json_object_get_object (core, "speed");

  if (speed == NULL)
    {
      _trib_sync_parser_error (p, "job.setting.speed", _("set channel, byte or record"));
      return;
    }
  _trib_sync_get_int_range (p, speed, "channel", "job.setting.speed", 1, TRIB_SYNC_MAX_CHANNELS, &channel);

  if (_trib_sync_get_int (p, speed, "byte", "job.setting.speed", 1, &bytes))
    {
      per = 0;
      if (!_trib_sync_get_int (p, per_channel, "byte", "core.transport.channel.speed", 1, &per))
        _trib_sync_parser_error (p, "job.setting.speed.byte",
                                 _("needs core.transport.channel.speed.byte, the limit of one channel"));
      else
        {
          derived = (guint) CLAMP (bytes / per, 1, TRIB_SYNC_MAX_CHANNELS);
          self->byte_rate = (guint64) bytes;
        }
    }
  if (_trib_sync_get_int (p, speed, "record", "job.setting.speed", 1, &records))
    {
      per = 0;
      if (!_trib_sync_get_int (p, per_channel, "record", "core.transport.channel.speed", 1, &per))
        _trib_sync_parser_error (p, "job.setting.speed.record",
                                 _("needs core.transport.channel.speed.record, the limit of one channel"));
      else
        {
          guint by_records = (guint) CLAMP (records / per, 1, TRIB_SYNC_MAX_CHANNELS);

          derived = derived ? MIN (derived, by_records) : by_records;
          self->record_rate = (guint64) records;
        }
    }

  if (bytes > 0 || records > 0)
    self->channels = MAX (derived, 1);
  else if (channel > 0)
    self->channels = (guint) MIN (channel, TRIB_SYNC_MAX_CHANNELS);
  else
    _trib_sync_parser_error (p, "job.setting.speed", _("set channel, byte or record"));
}

static gboolean
set_reader (TribSyncJob    *self,
            TribSyncParser *p,
            const char     *type,
            JsonObject     *parameter,
            const char     *type_path,
            const char     *parameter_path)
{
  g_free (self->reader_type);
  self->reader_type = g_strdup (type);

  if (g_ascii_strcasecmp (type, "mysql") == 0)
    {
      self->reader_kind = TRIB_SYNC_READER_MYSQL;
      return parameter == NULL || _trib_sync_parse_mysql_reader (p, parameter, parameter_path, &self->mysql);
    }
  if (g_ascii_strcasecmp (type, "httpfile") == 0)
    {
      self->reader_kind = TRIB_SYNC_READER_HTTPFILE;
      return parameter == NULL || _trib_sync_parse_file_reader (p, parameter, parameter_path, &self->file);
    }
  if (self->datax_shape)
    _trib_sync_parser_error (p, type_path, _("unknown reader \"%sreader\" (mysqlreader or httpfilereader)"), type);
  else
    _trib_sync_parser_error (p, type_path, _("unknown reader \"%s\" (mysql or httpfile)"), type);
  return FALSE;
}

static gboolean
set_writer (TribSyncJob    *self,
            TribSyncParser *p,
            const char     *type,
            JsonObject     *parameter,
            const char     *type_path,
            const char     *parameter_path)
{
  g_free (self->writer_type);
  self->writer_type = g_strdup (type);

  if (g_ascii_strcasecmp (type, "oss") == 0 || g_ascii_strcasecmp (type, "s3") == 0)
    return parameter == NULL || _trib_sync_parse_object_writer (p, parameter, parameter_path, &self->object);

  if (self->datax_shape)
    _trib_sync_parser_error (p, type_path, _("unknown writer \"%swriter\" (osswriter or s3writer)"), type);
  else
    _trib_sync_parser_error (p, type_path, _("unknown writer \"%s\" (oss or s3)"), type);
  return FALSE;
}

static void
parse_script (TribSyncJob    *self,
              TribSyncParser *p,
              JsonObject     *root)
{
  g_autofree char *type = NULL;
  g_autofree char *reader_name = NULL;
  g_autofree char *writer_name = NULL;
  JsonNode *steps_node = json_object_get_member (root, "steps");
  JsonObject *order;
  JsonObject *setting;
  int reader_index = -1, writer_index = -1;

  if (_trib_sync_get_string (p, root, "type", NULL, FALSE, &type) && strcmp (type, "job") != 0)
    _trib_sync_parser_error (p, "type", _("must be \"job\""));

  if (steps_node == NULL || JSON_NODE_HOLDS_NULL (steps_node))
    _trib_sync_parser_error (p, "steps", _("missing (a reader step and a writer step)"));
  else if (!JSON_NODE_HOLDS_ARRAY (steps_node))
    _trib_sync_parser_error (p, "steps", _("must be a list of steps"));
  else
    {
      JsonArray *steps = json_node_get_array (steps_node);

      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          JsonNode *node = json_array_get_element (steps, i);
          g_autofree char *path = _trib_sync_path_index ("steps", i);
          g_autofree char *category = NULL;
          g_autofree char *step_type = NULL;
          g_autofree char *type_path = _trib_sync_path (path, "stepType");
          g_autofree char *parameter_path = _trib_sync_path (path, "parameter");
          JsonObject *step, *parameter;
          gboolean is_reader;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              _trib_sync_parser_error (p, path, _("must be an object"));
              continue;
            }
          step = json_node_get_object (node);
          if (!_trib_sync_get_string (p, step, "category", path, FALSE, &category))
            {
              g_autofree char *cpath = _trib_sync_path (path, "category");

              _trib_sync_parser_error (p, cpath, _("missing (reader or writer)"));
              continue;
            }
          if (strcmp (category, "reader") != 0 && strcmp (category, "writer") != 0)
            {
              g_autofree char *cpath = _trib_sync_path (path, "category");

              _trib_sync_parser_error (p, cpath, _("unknown category \"%s\" (reader or writer)"), category);
              continue;
            }
          is_reader = strcmp (category, "reader") == 0;
          if ((is_reader && reader_index >= 0) || (!is_reader && writer_index >= 0))
            {
              _trib_sync_parser_error (p, path, is_reader ? _("only one reader step is supported")
                                                          : _("only one writer step is supported"));
              continue;
            }
          if (is_reader)
            {
              reader_index = (int) i;
              _trib_sync_get_string (p, step, "name", path, FALSE, &reader_name);
            }
          else
            {
              writer_index = (int) i;
              _trib_sync_get_string (p, step, "name", path, FALSE, &writer_name);
            }

          parameter = get_object (p, step, "parameter", path, TRUE);
          if (!_trib_sync_get_string (p, step, "stepType", path, FALSE, &step_type) || *step_type == '\0')
            {
              _trib_sync_parser_error (p, type_path, _("missing"));
              continue;
            }
          if (is_reader)
            set_reader (self, p, step_type, parameter, type_path, parameter_path);
          else
            set_writer (self, p, step_type, parameter, type_path, parameter_path);
        }
      if (reader_index < 0)
        _trib_sync_parser_error (p, "steps", _("no reader step (a step with \"category\": \"reader\")"));
      if (writer_index < 0)
        _trib_sync_parser_error (p, "steps", _("no writer step (a step with \"category\": \"writer\")"));
    }

  order = get_object (p, root, "order", NULL, FALSE);
  if (order != NULL && _trib_sync_has_member (order, "hops"))
    {
      JsonNode *hops_node = json_object_get_member (order, "hops");
      JsonArray *hops = JSON_NODE_HOLDS_ARRAY (hops_node) ? json_node_get_array (hops_node) : NULL;

      if (hops == NULL)
        _trib_sync_parser_error (p, "order.hops", _("must be a list of {\"from\", \"to\"} objects"));
      for (guint i = 0; hops && i < json_array_get_length (hops); i++)
        {
          JsonNode *node = json_array_get_element (hops, i);
          g_autofree char *path = g_strdup_printf ("order.hops[%u]", i);
          g_autofree char *from = NULL;
          g_autofree char *to = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              _trib_sync_parser_error (p, path, _("must be an object"));
              continue;
            }
          _trib_sync_get_string (p, json_node_get_object (node), "from", path, FALSE, &from);
          _trib_sync_get_string (p, json_node_get_object (node), "to", path, FALSE, &to);
          if (from == NULL || to == NULL || reader_name == NULL || writer_name == NULL ||
              strcmp (from, reader_name) != 0 || strcmp (to, writer_name) != 0)
            _trib_sync_parser_error (p, path, _("must lead from the reader step to the writer step"));
        }
    }

  setting = get_object (p, root, "setting", NULL, FALSE);
  parse_script_speed (self, p, setting);
  parse_error_limit (self, p, setting, "setting");
}

/* "mysqlreader" -> "mysql"; NULL when the name lacks the suffix. */
static char *
strip_plugin_suffix (const char *name,
                     const char *suffix)
{
  gsize n = strlen (name), s = strlen (suffix);

  if (n <= s || g_ascii_strcasecmp (name + n - s, suffix) != 0)
    return NULL;
  return g_strndup (name, n - s);
}

static void
parse_datax (TribSyncJob    *self,
             TribSyncParser *p,
             JsonNode       *root,
             JsonObject     *job)
{
  JsonNode *content_node = json_object_get_member (job, "content");
  JsonObject *setting;

  if (content_node == NULL || !JSON_NODE_HOLDS_ARRAY (content_node) ||
      json_array_get_length (json_node_get_array (content_node)) != 1)
    _trib_sync_parser_error (p, "job.content", _("must hold exactly one {\"reader\", \"writer\"} pair"));
  else
    {
      JsonNode *pair_node = json_array_get_element (json_node_get_array (content_node), 0);
      JsonObject *pair = JSON_NODE_HOLDS_OBJECT (pair_node) ? json_node_get_object (pair_node) : NULL;

      if (pair == NULL)
        _trib_sync_parser_error (p, "job.content[0]", _("must be an object"));
      for (guint side = 0; pair && side < 2; side++)
        {
          const char *member = side == 0 ? "reader" : "writer";
          g_autofree char *path = g_strdup_printf ("job.content[0].%s", member);
          g_autofree char *name_path = _trib_sync_path (path, "name");
          g_autofree char *parameter_path = _trib_sync_path (path, "parameter");
          g_autofree char *name = NULL;
          g_autofree char *type = NULL;
          JsonObject *plugin = get_object (p, pair, member, "job.content[0]", TRUE);
          JsonObject *parameter;

          if (plugin == NULL)
            continue;
          parameter = get_object (p, plugin, "parameter", path, TRUE);
          if (!_trib_sync_get_string (p, plugin, "name", path, FALSE, &name) || *name == '\0')
            {
              _trib_sync_parser_error (p, name_path, _("missing"));
              continue;
            }
          type = strip_plugin_suffix (name, member);
          if (type == NULL)
            {
              _trib_sync_parser_error (p, name_path, side == 0 ? _("unknown reader \"%s\" (mysqlreader or httpfilereader)")
                                                               : _("unknown writer \"%s\" (osswriter or s3writer)"),
                                       name);
              continue;
            }
          if (side == 0)
            set_reader (self, p, type, parameter, name_path, parameter_path);
          else
            set_writer (self, p, type, parameter, name_path, parameter_path);
        }
    }

  setting = get_object (p, job, "setting", "job", TRUE);
  parse_datax_speed (self, p, root, setting);
  parse_error_limit (self, p, setting, "job.setting");
}

TribSyncJob *
trib_sync_job_new_from_json (JsonNode           *root,
                             TribSyncParamFunc   param_func,
                             gpointer            user_data,
                             GError            **error)
{
  g_autoptr(TribSyncJob) self = g_object_new (TRIB_TYPE_SYNC_JOB, NULL);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  TribSyncParser parser = { errors, warnings, param_func, user_data };
  JsonObject *object;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB, _("the job must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);

  if (json_object_has_member (object, "job") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "job")))
    {
      self->datax_shape = TRUE;
      parse_datax (self, &parser, root, json_object_get_object_member (object, "job"));
    }
  else
    parse_script (self, &parser, object);

  if (errors->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (errors, NULL);
      joined = g_strjoinv ("\n", (char **) errors->pdata);
      g_set_error_literal (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB, joined);
      return NULL;
    }

  g_ptr_array_add (warnings, NULL);
  self->warnings = g_strdupv ((char **) warnings->pdata);
  return g_steal_pointer (&self);
}

TribSyncJob *
trib_sync_job_new_from_string (const char         *text,
                               gssize              length,
                               TribSyncParamFunc   param_func,
                               gpointer            user_data,
                               GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  root = trib_json_parse (text, length, "job", &local_error);
  if (root == NULL)
    {
      g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB, "%s", local_error->message);
      return NULL;
    }
  return trib_sync_job_new_from_json (root, param_func, user_data, error);
}

gboolean
trib_sync_job_is_datax_shape (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), FALSE);
  return self->datax_shape;
}

TribSyncReaderKind
trib_sync_job_get_reader_kind (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), TRIB_SYNC_READER_MYSQL);
  return self->reader_kind;
}

const char *
trib_sync_job_get_reader_type (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);
  return self->reader_type;
}

const char *
trib_sync_job_get_writer_type (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);
  return self->writer_type;
}

const TribSyncMysqlReaderConfig *
trib_sync_job_get_mysql_reader (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);
  return self->reader_kind == TRIB_SYNC_READER_MYSQL ? &self->mysql : NULL;
}

const TribSyncFileReaderConfig *
trib_sync_job_get_file_reader (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);
  return self->reader_kind == TRIB_SYNC_READER_HTTPFILE ? &self->file : NULL;
}

TribSyncWriterKind
trib_sync_job_get_writer_kind (TribSyncJob *self)
{
  return TRIB_SYNC_WRITER_OBJECT;
}

const TribSyncObjectWriterConfig *
trib_sync_job_get_object_writer (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);
  return &self->object;
}

guint
trib_sync_job_get_channels (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), 1);
  return self->channels;
}

guint64
trib_sync_job_get_byte_rate (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), 0);
  return self->byte_rate;
}

guint64
trib_sync_job_get_record_rate (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), 0);
  return self->record_rate;
}

gint64
trib_sync_job_get_error_limit_records (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), -1);
  return self->error_records;
}

double
trib_sync_job_get_error_limit_percentage (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), -1);
  return self->error_percentage;
}

const char *
trib_sync_job_get_error_limit_path (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);
  return self->error_limit_path;
}

GStrv
trib_sync_job_dup_datasources (TribSyncJob *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);

#define ADD(name) G_STMT_START { \
    const char *n_ = (name); \
    if (n_ && g_hash_table_add (seen, (gpointer) n_)) \
      g_strv_builder_add (builder, n_); \
  } G_STMT_END

  if (self->reader_kind == TRIB_SYNC_READER_MYSQL)
    {
      ADD (self->mysql.datasource);
      for (guint i = 0; self->mysql.connections && i < self->mysql.connections->len; i++)
        ADD (((TribSyncMysqlConnection *) g_ptr_array_index (self->mysql.connections, i))->datasource);
    }
  else
    ADD (self->file.datasource);
  ADD (self->object.datasource);
#undef ADD

  return g_strv_builder_end (builder);
}

const char * const *
trib_sync_job_get_warnings (TribSyncJob *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_JOB (self), NULL);
  return (const char * const *) self->warnings;
}
