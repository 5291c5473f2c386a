/* trib-query-mysql.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <mysql.h>

#include <glib/gi18n.h>

#include "trib-hs2-batch-private.h"
#include "trib-hs2-error.h"
#include "trib-hs2-protocol.h"
#include "trib-mysql-connection.h"
#include "trib-query-mysql.h"

typedef struct
{
  TribMysqlConnection *connection;
  char                *sql;
  GMainContext        *context;
  TribQueryRun        *run;       /* touched on @context only */
  /* The batch being filled (worker only). */
  guint                n_fields;
  GPtrArray           *values;    /* per column: GByteArray of bytes */
  GArray             **offsets;   /* per column: guint32 offsets */
  GByteArray         **nulls;
  guint                n_rows;
  gint64               affected;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->connection);
  g_free (job->sql);
  g_main_context_unref (job->context);
  g_clear_pointer (&job->values, g_ptr_array_unref);
  for (guint c = 0; job->offsets && c < job->n_fields; c++)
    {
      g_array_unref (job->offsets[c]);
      g_byte_array_unref (job->nulls[c]);
    }
  g_free (job->offsets);
  g_free (job->nulls);
  g_free (job);
}

const char *
trib_query_mysql_type_name (int field_type)
{
  switch (field_type)
    {
    case MYSQL_TYPE_TINY:        return "TINYINT";
    case MYSQL_TYPE_SHORT:       return "SMALLINT";
    case MYSQL_TYPE_INT24:       return "MEDIUMINT";
    case MYSQL_TYPE_LONG:        return "INT";
    case MYSQL_TYPE_LONGLONG:    return "BIGINT";
    case MYSQL_TYPE_FLOAT:       return "FLOAT";
    case MYSQL_TYPE_DOUBLE:      return "DOUBLE";
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:  return "DECIMAL";
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:     return "DATE";
    case MYSQL_TYPE_TIME:        return "TIME";
    case MYSQL_TYPE_DATETIME:    return "DATETIME";
    case MYSQL_TYPE_TIMESTAMP:   return "TIMESTAMP";
    case MYSQL_TYPE_YEAR:        return "YEAR";
    case MYSQL_TYPE_BIT:         return "BIT";
    case MYSQL_TYPE_JSON:        return "JSON";
    case MYSQL_TYPE_ENUM:        return "ENUM";
    case MYSQL_TYPE_SET:         return "SET";
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:        return "BLOB/TEXT";
    case MYSQL_TYPE_STRING:      return "CHAR";
    case MYSQL_TYPE_NULL:        return "NULL";
    case MYSQL_TYPE_GEOMETRY:    return "GEOMETRY";
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_VAR_STRING:
    default:                     return "VARCHAR";
    }
}

/* The TTypeId the grid sorts by: numbers numerically, the rest as text. */
static gint32
hs2_type_for (int field_type)
{
  switch (field_type)
    {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_YEAR:
      return TRIB_HS2_TYPE_INT;
    case MYSQL_TYPE_LONGLONG:
      return TRIB_HS2_TYPE_BIGINT;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
      return TRIB_HS2_TYPE_DOUBLE;
    default:
      return TRIB_HS2_TYPE_STRING;
    }
}

/* Delivery to the run, on its context */

typedef struct
{
  TribQueryRun *run;
  GPtrArray    *schema;
  TribHs2Batch *batch;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *d = data;

  g_object_unref (d->run);
  g_clear_pointer (&d->schema, g_ptr_array_unref);
  g_clear_pointer (&d->batch, trib_hs2_batch_unref);
  g_free (d);
}

static gboolean
deliver_cb (gpointer data)
{
  Delivery *d = data;

  if (d->schema)
    trib_query_run_set_schema (d->run, d->schema);
  if (d->batch)
    trib_query_run_add_batch (d->run, d->batch);
  return G_SOURCE_REMOVE;
}

static void
deliver (Job          *job,
         GPtrArray    *schema,
         TribHs2Batch *batch)
{
  Delivery *d = g_new0 (Delivery, 1);

  /* A reference only: the run is used and released on its own context. */
  d->run = g_object_ref (job->run);
  d->schema = schema;
  d->batch = batch;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_cb, d, delivery_free);
}

/* Worker */

static void
reset_batch (Job *job)
{
  for (guint c = 0; c < job->n_fields; c++)
    {
      g_byte_array_set_size (g_ptr_array_index (job->values, c), 0);
      g_array_set_size (job->offsets[c], 0);
      g_array_append_val (job->offsets[c], (guint32) { 0 });
      g_byte_array_set_size (job->nulls[c], 0);
    }
  job->n_rows = 0;
}

static TribHs2Batch *
take_batch (Job *job)
{
  TribHs2Batch *batch = _trib_hs2_batch_new (job->n_fields);

  batch->n_rows = job->n_rows;
  for (guint c = 0; c < job->n_fields; c++)
    {
      TribHs2Column *col = &batch->columns[c];
      GByteArray *bytes = g_ptr_array_index (job->values, c);

      col->kind = TRIB_HS2_COLUMN_STRING;
      col->n_rows = job->n_rows;
      col->offsets = g_memdup2 (job->offsets[c]->data, sizeof (guint32) * (job->n_rows + 1));
      col->bytes = g_memdup2 (bytes->data ? bytes->data : (guint8 *) "", MAX (bytes->len, 1));
      col->nulls_len = job->nulls[c]->len;
      col->nulls = job->nulls[c]->len ? g_memdup2 (job->nulls[c]->data, job->nulls[c]->len) : NULL;
      batch->memory += _trib_hs2_column_memory (col);
    }
  reset_batch (job);
  return batch;
}

static gboolean
columns_cb (MYSQL_FIELD  *fields,
            guint         n_fields,
            gpointer      user_data,
            GError      **error)
{
  Job *job = user_data;
  GPtrArray *schema = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_hs2_column_desc_free);

  job->n_fields = n_fields;
  job->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  job->offsets = g_new0 (GArray *, n_fields);
  job->nulls = g_new0 (GByteArray *, n_fields);
  for (guint c = 0; c < n_fields; c++)
    {
      TribHs2ColumnDesc *desc = g_new0 (TribHs2ColumnDesc, 1);

      desc->name = g_strdup (fields[c].name);
      desc->type_id = hs2_type_for (fields[c].type);
      desc->type_name = g_strdup (trib_query_mysql_type_name (fields[c].type));
      desc->position = (gint32) c + 1;
      desc->precision = -1;
      desc->scale = -1;
      desc->max_length = -1;
      g_ptr_array_add (schema, desc);
      g_ptr_array_add (job->values, g_byte_array_new ());
      job->offsets[c] = g_array_new (FALSE, FALSE, sizeof (guint32));
      job->nulls[c] = g_byte_array_new ();
    }
  reset_batch (job);
  deliver (job, schema, NULL);
  return TRUE;
}

static gboolean
row_cb (MYSQL_ROW            row,
        const unsigned long *lengths,
        guint                n_fields,
        gpointer             user_data,
        GError             **error)
{
  Job *job = user_data;
  guint r = job->n_rows;

  for (guint c = 0; c < n_fields; c++)
    {
      GByteArray *bytes = g_ptr_array_index (job->values, c);
      guint32 end;

      if (row[c] == NULL)
        {
          guint8 zero = 0;

          while (job->nulls[c]->len <= r / 8)
            g_byte_array_append (job->nulls[c], &zero, 1);
          job->nulls[c]->data[r / 8] |= (guint8) (1u << (r % 8));
        }
      else
        g_byte_array_append (bytes, (const guint8 *) row[c], (guint) lengths[c]);
      end = bytes->len;
      g_array_append_val (job->offsets[c], end);
    }
  job->n_rows++;
  if (job->n_rows == TRIB_QUERY_MYSQL_BATCH_ROWS)
    deliver (job, NULL, take_batch (job));
  return TRUE;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  MYSQL *handle;

  if (!trib_mysql_connection_open (job->connection, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!trib_mysql_connection_stream_query (job->connection, job->sql, columns_cb, row_cb, job, cancellable, &error))
    {
      handle = trib_mysql_connection_get_handle (job->connection);
      if (handle && mysql_errno (handle) != 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GError *server = trib_hs2_error_new_server (TRIB_HS2_ERROR_SERVER, mysql_sqlstate (handle),
                                                      (int) mysql_errno (handle), mysql_error (handle),
                                                      "%s", mysql_error (handle));
          g_clear_error (&error);
          error = server;
        }
      trib_mysql_connection_close (job->connection);
      g_task_return_error (task, error);
      return;
    }
  if (job->n_fields > 0 && job->n_rows > 0)
    deliver (job, NULL, take_batch (job));
  handle = trib_mysql_connection_get_handle (job->connection);
  job->affected = job->n_fields == 0 && handle ? (gint64) mysql_affected_rows (handle) : -1;
  trib_mysql_connection_close (job->connection);
  g_task_return_boolean (task, TRUE);
}

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GTask *inner = G_TASK (result);
  Job *job = g_task_get_task_data (inner);
  g_autoptr(GError) error = NULL;

  /* Batches delivered before this callback were queued first: the run has them all. */
  g_task_propagate_boolean (inner, &error);
  trib_query_run_end_external (job->run, job->affected, error);
  if (error)
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
}

void
trib_query_mysql_run_async (TribDataSource      *source,
                            const char          *password,
                            TribQueryRun        *run,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;
  TribMysqlConnection *connection = trib_mysql_connection_new (source, password ? password : "", &error);

  g_task_set_source_tag (outer, trib_query_mysql_run_async);
  trib_query_run_begin_external (run);
  if (connection == NULL)
    {
      trib_query_run_end_external (run, -1, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (Job, 1);
  job->connection = connection;
  job->sql = g_strdup (trib_query_run_get_sql (run));
  job->context = g_main_context_ref_thread_default ();
  job->run = run;   /* the task keeps it below; the worker only copies the pointer for deliveries */
  job->affected = -1;
  g_object_set_data_full (G_OBJECT (outer), "run", g_object_ref (run), g_object_unref);
  inner = g_task_new (NULL, cancellable, ran_cb, g_object_ref (outer));
  g_task_set_task_data (inner, job, job_free);
  g_task_run_in_thread (inner, run_in_thread);
}

gboolean
trib_query_mysql_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
