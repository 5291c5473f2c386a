/* trib-hs2-operation.h: a statement or metadata call running on the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-hs2-batch.h"
#include "trib-hs2-protocol.h"

G_BEGIN_DECLS

#define TRIB_TYPE_HS2_OPERATION (trib_hs2_operation_get_type ())

G_DECLARE_FINAL_TYPE (TribHs2Operation, trib_hs2_operation, TRIB, HS2_OPERATION, GObject)

typedef struct _TribHs2Client TribHs2Client;

TribHs2Client          *trib_hs2_operation_get_client    (TribHs2Operation *self);
const TribHs2OperationHandle *trib_hs2_operation_get_handle (TribHs2Operation *self);
/* The last state seen (TribHs2OperationState). */
TribHs2OperationState   trib_hs2_operation_get_state     (TribHs2Operation *self);
/* 0..1 when the server reports progress, else -1. */
double                  trib_hs2_operation_get_progress  (TribHs2Operation *self);
gboolean                trib_hs2_operation_has_result_set (TribHs2Operation *self);
/* Rows changed by DML when the server says (-1 if not). */
gint64                  trib_hs2_operation_get_modified_rows (TribHs2Operation *self);
/* Every operation log line received so far. */
GStrv                   trib_hs2_operation_dup_log       (TribHs2Operation *self);

/* Polls GetOperationStatus until the operation ends, reading its log in between. Each new
 * log line is emitted as ::log (line), and each change of state or progress as ::status
 * (state, progress), on the thread-default main context of the operation's creator.
 * Fails with the server's SQLSTATE and message when it ends in ERROR; cancelling
 * @cancellable sends CancelOperation on a connection of its own and fails with
 * G_IO_ERROR_CANCELLED. */
gboolean                trib_hs2_operation_wait_sync     (TribHs2Operation  *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void                    trib_hs2_operation_wait_async    (TribHs2Operation  *self,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
gboolean                trib_hs2_operation_wait_finish   (TribHs2Operation  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

/* GetResultSetMetadata (cached): a GPtrArray of TribHs2ColumnDesc. */
GPtrArray              *trib_hs2_operation_get_schema_sync (TribHs2Operation *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);

/* The next batch of at most @max_rows rows (0: the configured fetch size), or NULL with no
 * error at the end of the results (hs2-protocol.md §4: an empty batch without hasMoreRows). */
TribHs2Batch           *trib_hs2_operation_fetch_sync    (TribHs2Operation  *self,
                                                          guint              max_rows,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void                    trib_hs2_operation_fetch_async   (TribHs2Operation  *self,
                                                          guint              max_rows,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
/* Returns NULL at the end; check @error to tell the end from a failure. */
TribHs2Batch           *trib_hs2_operation_fetch_finish  (TribHs2Operation  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

/* FetchResults with fetchType 1: new log lines (possibly none). */
GStrv                   trib_hs2_operation_fetch_log_sync (TribHs2Operation *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);

/* CancelOperation, on a connection of its own: works while another call is waiting. */
gboolean                trib_hs2_operation_cancel_sync   (TribHs2Operation  *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void                    trib_hs2_operation_cancel_async  (TribHs2Operation  *self,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
gboolean                trib_hs2_operation_cancel_finish (TribHs2Operation  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

/* CloseOperation (idempotent). */
gboolean                trib_hs2_operation_close_sync    (TribHs2Operation  *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void                    trib_hs2_operation_close_async   (TribHs2Operation  *self,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
gboolean                trib_hs2_operation_close_finish  (TribHs2Operation  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

G_END_DECLS
