/* trib-history-records-private.h: how the history fills its records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-instance-record.h"
#include "trib-run-record.h"

G_BEGIN_DECLS

typedef struct
{
  gint64        id;
  char         *workflow;
  char         *workflow_name;
  char         *kind;
  char         *scope;
  char         *bizdate;
  char         *cyctime;
  char         *timezone;
  TribRunState  state;
  gint64        created;
  gint64        started;
  gint64        ended;
  char         *message;
  char         *backfill_id;
  gboolean      catch_up;
  guint         counts[TRIB_NODE_STATE_LAST + 1];
} TribRunRecordData;

typedef struct
{
  gint64         id;
  gint64         run_id;
  guint          position;
  char          *node_id;
  char          *node_name;
  char          *command;
  TribNodeState  state;
  guint          attempts;
  guint          max_attempts;
  gint64         started;
  gint64         ended;
  char          *message;
  char          *log_path;
  char          *parameters_json;
} TribInstanceRecordData;

/* Take the strings of @data (they are freed with the record). */
TribRunRecord      *_trib_run_record_new      (TribRunRecordData      *data);
TribInstanceRecord *_trib_instance_record_new (TribInstanceRecordData *data);

G_END_DECLS
