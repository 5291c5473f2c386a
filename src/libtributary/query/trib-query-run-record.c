/* trib-query-run-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-query-run-record.h"

struct _TribQueryRunRecord
{
  GObject  parent_instance;

  gint64   id;
  char    *query_name;
  char    *data_source;
  char    *sql;
  char    *parameters;
  gint64   started;
  gint64   duration;
  gint64   rows;
  char    *outcome;
  char    *message;
};

G_DEFINE_FINAL_TYPE (TribQueryRunRecord, trib_query_run_record, G_TYPE_OBJECT)

static void
trib_query_run_record_finalize (GObject *object)
{
  TribQueryRunRecord *self = TRIB_QUERY_RUN_RECORD (object);

  g_free (self->query_name);
  g_free (self->data_source);
  g_free (self->sql);
  g_free (self->parameters);
  g_free (self->outcome);
  g_free (self->message);
  G_OBJECT_CLASS (trib_query_run_record_parent_class)->finalize (object);
}

static void
trib_query_run_record_class_init (TribQueryRunRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_query_run_record_finalize;
}

static void
trib_query_run_record_init (TribQueryRunRecord *self)
{
}

TribQueryRunRecord *
trib_query_run_record_new (gint64      id,
                           const char *query_name,
                           const char *data_source,
                           const char *sql,
                           const char *parameters,
                           gint64      started,
                           gint64      duration,
                           gint64      rows,
                           const char *outcome,
                           const char *message)
{
  TribQueryRunRecord *self = g_object_new (TRIB_TYPE_QUERY_RUN_RECORD, NULL);

  self->id = id;
  self->query_name = g_strdup (query_name ? query_name : "");
  self->data_source = g_strdup (data_source ? data_source : "");
  self->sql = g_strdup (sql ? sql : "");
  self->parameters = g_strdup (parameters ? parameters : "");
  self->started = started;
  self->duration = duration;
  self->rows = rows;
  self->outcome = g_strdup (outcome ? outcome : "");
  self->message = g_strdup (message);
  return self;
}

#define GETTER(type, field) \
  type trib_query_run_record_get_##field (TribQueryRunRecord *self) \
  { \
    g_return_val_if_fail (TRIB_IS_QUERY_RUN_RECORD (self), 0); \
    return self->field; \
  }

GETTER (gint64, id)
GETTER (const char *, query_name)
GETTER (const char *, data_source)
GETTER (const char *, sql)
GETTER (const char *, parameters)
GETTER (gint64, started)
GETTER (gint64, duration)
GETTER (gint64, rows)
GETTER (const char *, outcome)
GETTER (const char *, message)
