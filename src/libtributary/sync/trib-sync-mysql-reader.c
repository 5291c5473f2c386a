/* trib-sync-mysql-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-mysql-connection.h"
#include "trib-secrets.h"
#include "trib-sync-error.h"
#include "trib-sync-mysql-reader.h"
#include "trib-sync-mysql-types.h"
#include "trib-sync-sources.h"
#include "trib-sync-split.h"

typedef struct
{
  guint  connection;   /* index into the config's connections */
  char  *sql;
} Slice;

struct _TribSyncMysqlReader
{
  TribSyncReader                   parent_instance;

  const TribSyncMysqlReaderConfig *config;
  TribSyncSources                 *sources;
  GPtrArray                       *data_sources; /* TribDataSource per connection */
  GPtrArray                       *passwords;   /* per connection */
  GPtrArray                       *slices;
  GStrv                            queries;
  TribSyncTransfer                *run;
};

G_DEFINE_FINAL_TYPE (TribSyncMysqlReader, trib_sync_mysql_reader, TRIB_TYPE_SYNC_READER)

static void
slice_free (gpointer data)
{
  Slice *slice = data;

  g_free (slice->sql);
  g_free (slice);
}

static const TribSyncMysqlConnection *
connection_at (TribSyncMysqlReader *self,
               guint                index)
{
  return g_ptr_array_index (self->config->connections, index);
}

static TribMysqlConnection *
open_session (TribSyncMysqlReader  *self,
              guint                 index,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(TribMysqlConnection) connection = NULL;

  connection = trib_mysql_connection_new (g_ptr_array_index (self->data_sources, index),
                                          g_ptr_array_index (self->passwords, index), error);
  if (connection == NULL || !trib_mysql_connection_open (connection, cancellable, error))
    return NULL;
  /* A channel that reads ahead of the writer waits with its query open: give the server
   * more patience than its default minute. */
  if (!trib_mysql_connection_execute (connection, "SET SESSION net_write_timeout = 3600", cancellable, error))
    return NULL;
  return g_steal_pointer (&connection);
}

typedef struct
{
  TribSyncMysqlReader *self;
  const char          *split_pk;
  char                *min;
  char                *max;
  gboolean             seen;
} RangeQuery;

static gboolean
range_columns_cb (MYSQL_FIELD  *fields,
                  guint         n_fields,
                  gpointer      user_data,
                  GError      **error)
{
  RangeQuery *q = user_data;

  if (n_fields != 2 || !trib_sync_mysql_type_is_integer (fields[0].type))
    {
      trib_sync_mysql_set_split_key_error (error, q->self->config->path, q->split_pk);
      return FALSE;
    }
  return TRUE;
}

static gboolean
range_row_cb (MYSQL_ROW             row,
              const unsigned long  *lengths,
              guint                 n_fields,
              gpointer              user_data,
              GError              **error)
{
  RangeQuery *q = user_data;

  q->min = row[0] ? g_strndup (row[0], lengths[0]) : NULL;
  q->max = row[1] ? g_strndup (row[1], lengths[1]) : NULL;
  q->seen = TRUE;
  return TRUE;
}

static gboolean
plan_table (TribSyncMysqlReader  *self,
            TribMysqlConnection  *session,
            guint                 index,
            const char           *table,
            const char           *columns,
            guint                 expected,
            GCancellable         *cancellable,
            GError              **error)
{
  const TribSyncMysqlReaderConfig *config = self->config;
  g_autofree char *range_sql = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  RangeQuery q = { self, config->split_pk, NULL, NULL, FALSE };
  gboolean ok;

  if (config->split_pk == NULL)
    {
      Slice *slice = g_new0 (Slice, 1);

      slice->connection = index;
      slice->sql = trib_sync_split_build_query (columns, table, config->where);
      g_ptr_array_add (self->slices, slice);
      return TRUE;
    }

  range_sql = trib_sync_split_min_max_sql (config->split_pk, table, config->where);
  trib_sync_transfer_log (self->run, TRIB_SYNC_LOG_INFO, _("Split key range: %s"), range_sql);
  ok = trib_mysql_connection_stream_query (session, range_sql, range_columns_cb, range_row_cb, &q,
                                           cancellable, error);
  if (ok)
    {
      queries = trib_sync_split_plan (columns, table, config->where, config->split_pk,
                                      q.min, q.max, expected, error);
      ok = queries != NULL;
    }
  else if (error && *error && (*error)->domain != TRIB_SYNC_ERROR &&
           !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("%s.splitPk: cannot read the range of \"%s\": "), config->path, config->split_pk);

  for (guint i = 0; ok && i < queries->len; i++)
    {
      Slice *slice = g_new0 (Slice, 1);

      slice->connection = index;
      slice->sql = g_strdup (g_ptr_array_index (queries, i));
      g_ptr_array_add (self->slices, slice);
    }
  g_free (q.min);
  g_free (q.max);
  return ok;
}

static gboolean
trib_sync_mysql_reader_prepare (TribSyncReader  *reader,
                                TribSyncTransfer     *run,
                                GCancellable    *cancellable,
                                GError         **error)
{
  TribSyncMysqlReader *self = TRIB_SYNC_MYSQL_READER (reader);
  const TribSyncMysqlReaderConfig *config = self->config;
  static const TribDataSourceKind kinds[] = { TRIB_DATA_SOURCE_KIND_MYSQL, TRIB_DATA_SOURCE_KIND_UNKNOWN };
  g_autofree char *columns = config->columns ? g_strjoinv (",", config->columns) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_tables = 0;
  guint expected;

  self->run = run;
  g_ptr_array_set_size (self->slices, 0);

  for (guint i = 0; i < config->connections->len; i++)
    {
      const TribSyncMysqlConnection *c = connection_at (self, i);

      n_tables += c->tables ? g_strv_length (c->tables) : 0;
    }
  expected = trib_sync_split_expected_slices (trib_sync_transfer_get_channels (run), n_tables, config->split_factor);

  for (guint i = 0; i < config->connections->len; i++)
    {
      const TribSyncMysqlConnection *c = connection_at (self, i);
      g_autofree char *path = g_strdup_printf ("%s.datasource", c->path);
      g_autoptr(TribMysqlConnection) session = NULL;
      TribDataSource *data_source;
      char *password;

      data_source = trib_sync_sources_lookup (self->sources, c->datasource, kinds, path, error);
      if (data_source == NULL)
        return FALSE;
      g_ptr_array_add (self->data_sources, data_source);
      password = trib_sync_sources_dup_secret (self->sources, data_source, cancellable, error);
      if (password == NULL)
        return FALSE;
      g_ptr_array_add (self->passwords, password);

      if (c->query_sqls && c->query_sqls[0])
        {
          for (guint k = 0; c->query_sqls[k]; k++)
            {
              Slice *slice = g_new0 (Slice, 1);

              slice->connection = i;
              slice->sql = g_strdup (c->query_sqls[k]);
              g_ptr_array_add (self->slices, slice);
            }
          continue;
        }

      if (config->split_pk && !(session = open_session (self, i, cancellable, error)))
        return FALSE;
      for (guint k = 0; c->tables && c->tables[k]; k++)
        if (!plan_table (self, session, i, c->tables[k], columns, expected, cancellable, error))
          return FALSE;
    }

  for (guint i = 0; i < self->slices->len; i++)
    {
      const Slice *slice = g_ptr_array_index (self->slices, i);

      g_strv_builder_add (builder, slice->sql);
      trib_sync_transfer_log (run, TRIB_SYNC_LOG_INFO, _("Slice %u of %u: %s"), i + 1, self->slices->len, slice->sql);
    }
  g_strfreev (self->queries);
  self->queries = g_strv_builder_end (builder);
  return TRUE;
}

static guint
trib_sync_mysql_reader_get_n_slices (TribSyncReader *reader)
{
  return TRIB_SYNC_MYSQL_READER (reader)->slices->len;
}

typedef struct
{
  TribSyncEmitter     *emitter;
  TribSyncMysqlColumn *columns;
  guint                n_columns;
} SliceRead;

static gboolean
slice_columns_cb (MYSQL_FIELD  *fields,
                  guint         n_fields,
                  gpointer      user_data,
                  GError      **error)
{
  SliceRead *r = user_data;

  r->columns = g_new (TribSyncMysqlColumn, MAX (n_fields, 1));
  r->n_columns = n_fields;
  for (guint i = 0; i < n_fields; i++)
    trib_sync_mysql_column_init (&r->columns[i], fields[i].type, fields[i].flags, fields[i].charsetnr,
                                 fields[i].length);
  return TRUE;
}

static gboolean
slice_row_cb (MYSQL_ROW             row,
              const unsigned long  *lengths,
              guint                 n_fields,
              gpointer              user_data,
              GError              **error)
{
  SliceRead *r = user_data;
  TribSyncBatch *batch = trib_sync_emitter_get_batch (r->emitter);

  trib_sync_batch_begin_record (batch);
  for (guint i = 0; i < n_fields; i++)
    trib_sync_mysql_column_add (&r->columns[i], batch, row[i], lengths[i]);
  return trib_sync_emitter_end_record (r->emitter, error);
}

static gboolean
trib_sync_mysql_reader_read_slice (TribSyncReader   *reader,
                                   guint             index,
                                   TribSyncEmitter  *emitter,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  TribSyncMysqlReader *self = TRIB_SYNC_MYSQL_READER (reader);
  const Slice *slice = g_ptr_array_index (self->slices, index);
  g_autoptr(TribMysqlConnection) session = NULL;
  SliceRead r = { emitter, NULL, 0 };
  gboolean ok;

  session = open_session (self, slice->connection, cancellable, error);
  ok = session != NULL &&
       trib_mysql_connection_stream_query (session, slice->sql, slice_columns_cb, slice_row_cb, &r,
                                           cancellable, error);
  g_free (r.columns);
  if (!ok && error && *error && (*error)->domain != TRIB_SYNC_ERROR &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("cannot read from MySQL (slice %u of %u): "), index + 1, self->slices->len);
  return ok;
}

static void
trib_sync_mysql_reader_finalize (GObject *object)
{
  TribSyncMysqlReader *self = (TribSyncMysqlReader *) object;

  g_clear_object (&self->sources);
  g_ptr_array_unref (self->data_sources);
  g_ptr_array_unref (self->passwords);
  g_ptr_array_unref (self->slices);
  g_strfreev (self->queries);

  G_OBJECT_CLASS (trib_sync_mysql_reader_parent_class)->finalize (object);
}

static void
trib_sync_mysql_reader_class_init (TribSyncMysqlReaderClass *klass)
{
  TribSyncReaderClass *reader_class = TRIB_SYNC_READER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = trib_sync_mysql_reader_finalize;
  reader_class->prepare = trib_sync_mysql_reader_prepare;
  reader_class->get_n_slices = trib_sync_mysql_reader_get_n_slices;
  reader_class->read_slice = trib_sync_mysql_reader_read_slice;
}

static void
trib_sync_mysql_reader_init (TribSyncMysqlReader *self)
{
  self->data_sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->passwords = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_secret_free);
  self->slices = g_ptr_array_new_with_free_func (slice_free);
}

TribSyncReader *
trib_sync_mysql_reader_new (const TribSyncMysqlReaderConfig *config,
                            TribSyncSources                 *sources)
{
  TribSyncMysqlReader *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (TRIB_IS_SYNC_SOURCES (sources), NULL);

  self = g_object_new (TRIB_TYPE_SYNC_MYSQL_READER, NULL);
  self->config = config;
  self->sources = g_object_ref (sources);
  return TRIB_SYNC_READER (self);
}

const char * const *
trib_sync_mysql_reader_get_queries (TribSyncMysqlReader *self)
{
  g_return_val_if_fail (TRIB_IS_SYNC_MYSQL_READER (self), NULL);
  return (const char * const *) self->queries;
}
