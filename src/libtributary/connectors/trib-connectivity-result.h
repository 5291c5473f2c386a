/* trib-connectivity-result.h: what a connectivity test found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-connector-error.h"
#include "trib-data-source.h"

G_BEGIN_DECLS

#define TRIB_TYPE_CONNECTIVITY_RESULT (trib_connectivity_result_get_type ())

G_DECLARE_FINAL_TYPE (TribConnectivityResult, trib_connectivity_result, TRIB, CONNECTIVITY_RESULT, GObject)

/* @reached: what answered, e.g. "MariaDB 10.11.6 (database workshop)". */
TribConnectivityResult *trib_connectivity_result_new_success   (TribDataSourceKind      kind,
                                                                const char             *endpoint,
                                                                const char             *reached);
/* @message: what went wrong, never containing a secret; @hint: what to try. */
TribConnectivityResult *trib_connectivity_result_new_failure   (TribDataSourceKind      kind,
                                                                TribConnectorError      category,
                                                                const char             *endpoint,
                                                                const char             *message,
                                                                const char             *hint);
/* A failure from a TRIB_CONNECTOR_ERROR (any other domain counts as FAILED). */
TribConnectivityResult *trib_connectivity_result_new_from_error (TribDataSourceKind     kind,
                                                                 const char            *endpoint,
                                                                 const GError          *error,
                                                                 const char            *hint);

gboolean            trib_connectivity_result_get_success        (TribConnectivityResult *self);
/* Meaningful only for a failure. */
TribConnectorError  trib_connectivity_result_get_category       (TribConnectivityResult *self);
TribDataSourceKind  trib_connectivity_result_get_kind           (TribConnectivityResult *self);
/* The data source tested, when known. */
const char         *trib_connectivity_result_get_name           (TribConnectivityResult *self);
void                trib_connectivity_result_set_name           (TribConnectivityResult *self,
                                                                 const char             *name);
/* The address used: "127.0.0.1:3306", "db.example.com (192.0.2.7):3306", a URL. */
const char         *trib_connectivity_result_get_endpoint       (TribConnectivityResult *self);
void                trib_connectivity_result_set_endpoint       (TribConnectivityResult *self,
                                                                 const char             *endpoint);
const char         *trib_connectivity_result_get_reached        (TribConnectivityResult *self);
const char         *trib_connectivity_result_get_message        (TribConnectivityResult *self);
const char         *trib_connectivity_result_get_hint           (TribConnectivityResult *self);
/* For a TLS failure: the certificate or handshake problem, e.g. "self-signed certificate". */
const char         *trib_connectivity_result_get_tls_problem    (TribConnectivityResult *self);
void                trib_connectivity_result_set_tls_problem    (TribConnectivityResult *self,
                                                                 const char             *problem);
/* Time from the start of the test to its outcome. */
gint64              trib_connectivity_result_get_elapsed_usec   (TribConnectivityResult *self);
void                trib_connectivity_result_set_elapsed_usec   (TribConnectivityResult *self,
                                                                 gint64                  usec);
/* MySQL: the server version string. */
const char         *trib_connectivity_result_get_server_version (TribConnectivityResult *self);
void                trib_connectivity_result_set_server_version (TribConnectivityResult *self,
                                                                 const char             *version);
/* S3: the bucket's region. */
const char         *trib_connectivity_result_get_region         (TribConnectivityResult *self);
void                trib_connectivity_result_set_region         (TribConnectivityResult *self,
                                                                 const char             *region);
/* HTTP file and S3: the last HTTP status (0 when none was received). */
guint               trib_connectivity_result_get_http_status    (TribConnectivityResult *self);
void                trib_connectivity_result_set_http_status    (TribConnectivityResult *self,
                                                                 guint                   status);
/* HTTP file: the probed file's size in bytes, or -1 when the server did not say. */
gint64              trib_connectivity_result_get_size           (TribConnectivityResult *self);
void                trib_connectivity_result_set_size           (TribConnectivityResult *self,
                                                                 gint64                  size);

/* A TRIB_CONNECTOR_ERROR with the category as code and the message (no hint). */
GError             *trib_connectivity_result_to_error           (TribConnectivityResult *self);

/* The result as lines "Label: value", translated, for a terminal or a dialog:
 * Status, Reached, Endpoint, Time, then for a failure Problem, TLS (if any) and Hint. */
char               *trib_connectivity_result_format             (TribConnectivityResult *self);

G_END_DECLS
