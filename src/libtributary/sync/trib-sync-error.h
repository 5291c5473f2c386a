/* trib-sync-error.h: errors of the batch sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRIB_SYNC_ERROR (trib_sync_error_quark ())

typedef enum
{
  TRIB_SYNC_ERROR_FAILED,
  TRIB_SYNC_ERROR_INVALID_JOB,   /* the job breaks a rule; the message names the key by its JSON path */
  TRIB_SYNC_ERROR_DIRTY_LIMIT,   /* more dirty records than setting.errorLimit allows */
  TRIB_SYNC_ERROR_READ,          /* the source failed while reading */
  TRIB_SYNC_ERROR_WRITE,         /* the target failed while writing */
  TRIB_SYNC_ERROR_CONFLICT,      /* writeMode nonConflict and the prefix has objects */
  TRIB_SYNC_ERROR_DIRTY_RECORD,  /* one record cannot be converted (reported, not fatal by itself) */
  TRIB_SYNC_ERROR_FORM_UNSUPPORTED, /* the job uses keys the codeless form has no row for */
} TribSyncError;

GQuark trib_sync_error_quark (void);

G_END_DECLS
