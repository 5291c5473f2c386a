/* trib-run-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "trib-history-records-private.h"

struct _TribRunRecord
{
  GObject           parent_instance;
  TribRunRecordData data;
};

G_DEFINE_FINAL_TYPE (TribRunRecord, trib_run_record, G_TYPE_OBJECT)

static void
trib_run_record_finalize (GObject *object)
{
  TribRunRecord *self = (TribRunRecord *) object;

  g_free (self->data.workflow);
  g_free (self->data.workflow_name);
  g_free (self->data.kind);
  g_free (self->data.scope);
  g_free (self->data.bizdate);
  g_free (self->data.cyctime);
  g_free (self->data.timezone);
  g_free (self->data.message);
  g_free (self->data.backfill_id);

  G_OBJECT_CLASS (trib_run_record_parent_class)->finalize (object);
}

static void
trib_run_record_class_init (TribRunRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_run_record_finalize;
}

static void
trib_run_record_init (TribRunRecord *self)
{
}

TribRunRecord *
_trib_run_record_new (TribRunRecordData *data)
{
  TribRunRecord *self = g_object_new (TRIB_TYPE_RUN_RECORD, NULL);

  self->data = *data;
  memset (data, 0, sizeof *data);
  return self;
}

#define GETTER(type, name, field, fallback) \
  type \
  trib_run_record_get_##name (TribRunRecord *self) \
  { \
    g_return_val_if_fail (TRIB_IS_RUN_RECORD (self), fallback); \
    return self->data.field; \
  }

GETTER (gint64, id, id, 0)
GETTER (const char *, workflow, workflow, NULL)
GETTER (const char *, workflow_name, workflow_name, NULL)
GETTER (const char *, kind, kind, NULL)
GETTER (const char *, scope, scope, NULL)
GETTER (const char *, bizdate, bizdate, NULL)
GETTER (const char *, cyctime, cyctime, NULL)
GETTER (const char *, timezone, timezone, NULL)
GETTER (TribRunState, state, state, TRIB_RUN_STATE_FAILED)
GETTER (gint64, created, created, 0)
GETTER (gint64, started, started, 0)
GETTER (gint64, ended, ended, 0)
GETTER (const char *, message, message, NULL)
GETTER (const char *, backfill_id, backfill_id, NULL)
GETTER (gboolean, catch_up, catch_up, FALSE)

#undef GETTER

guint
trib_run_record_get_n_instances (TribRunRecord *self)
{
  guint n = 0;

  g_return_val_if_fail (TRIB_IS_RUN_RECORD (self), 0);

  for (guint i = 0; i <= TRIB_NODE_STATE_LAST; i++)
    n += self->data.counts[i];
  return n;
}

guint
trib_run_record_get_n_in_state (TribRunRecord *self,
                                TribNodeState  state)
{
  g_return_val_if_fail (TRIB_IS_RUN_RECORD (self), 0);
  g_return_val_if_fail (state <= TRIB_NODE_STATE_LAST, 0);
  return self->data.counts[state];
}
