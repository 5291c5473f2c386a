/* trib-sync-preview.h: the first records of a job's reader, as the sync would read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-param-set.h"
#include "trib-workspace.h"

G_BEGIN_DECLS

/* The number of records DataWorks' "Preview Data" shows. */
#define TRIB_SYNC_PREVIEW_RECORDS 20

typedef struct
{
  GStrv      column_names;  /* MySQL: the columns; file: "Field 1" for index 0, ... */
  GPtrArray *rows;          /* of GPtrArray of char * (NULL for a null value) */
} TribSyncPreview;

void             trib_sync_preview_free   (TribSyncPreview     *preview);

/* Reads the first @max_records records of the reader of the job @job_text through the
 * real reader (MySQL query with its columns and where; HTTP file with its delimiter,
 * encoding, compression, skipHeader and columns), writing nothing. ${name} in the job's
 * values is replaced from @params when given. Credentials come from the keyring (or the
 * environment) as for a run. The data sources are looked up in @workspace now; nothing
 * of it is touched by the worker thread. */
void             trib_sync_preview_async  (TribWorkspace       *workspace,
                                           const char          *job_text,
                                           TribParamSet        *params,
                                           guint                max_records,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
TribSyncPreview *trib_sync_preview_finish (GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribSyncPreview, trib_sync_preview_free)

G_END_DECLS
