/* trib-connector-settings.h: what each data source kind accepts, checked field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "trib-data-source.h"

G_BEGIN_DECLS

/* One problem of one field: @key is the option key (or "name", "secret"). */
typedef struct
{
  char *key;
  char *message;
} TribFieldProblem;

#define TRIB_TYPE_FIELD_PROBLEM (trib_field_problem_get_type ())
GType             trib_field_problem_get_type   (void);
TribFieldProblem *trib_field_problem_new        (const char       *key,
                                                 const char       *message);
TribFieldProblem *trib_field_problem_copy       (const TribFieldProblem *problem);
void              trib_field_problem_free       (TribFieldProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribFieldProblem, trib_field_problem_free)

/* Defaults used when an option is unset. */
#define TRIB_MYSQL_DEFAULT_PORT             3306
#define TRIB_KYUUBI_DEFAULT_PORT            10009
#define TRIB_CONNECTOR_DEFAULT_CONNECT_TIMEOUT 10
#define TRIB_CONNECTOR_DEFAULT_READ_TIMEOUT    60

/* Checks one value as a user types it. Returns NULL when it is acceptable, else a
 * translated message that names the key. An empty @value is a problem only for a
 * required key. Does not touch the network; may look at the file system (ca_file). */
char               *trib_connector_check_option        (TribDataSourceKind  kind,
                                                        const char         *key,
                                                        const char         *value);
/* Checks a whole definition: unknown keys, missing required keys, every value, and
 * combinations (virtual-hosted addressing on an IP address, verify-identity without a
 * host name...). Returns a GPtrArray of TribFieldProblem, empty when all is well. */
GPtrArray          *trib_connector_check_data_source   (TribDataSource     *data_source);
/* The same, as one TRIB_CONNECTOR_ERROR_INVALID_SETTINGS error listing every problem. */
gboolean            trib_connector_validate            (TribDataSource     *data_source,
                                                        GError            **error);

gboolean            trib_connector_option_is_known     (TribDataSourceKind  kind,
                                                        const char         *key);
gboolean            trib_connector_option_is_required  (TribDataSourceKind  kind,
                                                        const char         *key);
/* The value used when unset, as text, or NULL. */
const char         *trib_connector_option_get_default  (TribDataSourceKind  kind,
                                                        const char         *key);
/* The accepted values of a choice option (mysql "tls", kyuubi "transport"), or NULL. */
const char * const *trib_connector_option_get_choices  (TribDataSourceKind  kind,
                                                        const char         *key);
/* A translated one-line description, for help texts and tooltips. */
const char         *trib_connector_option_get_description (TribDataSourceKind kind,
                                                           const char        *key);

/* A short address for lists: "127.0.0.1:3306/workshop", "http://127.0.0.1:28080",
 * "http://127.0.0.1:29000/dw-emr-demo", "/srv/data", "127.0.0.1:10009 (sasl)". */
char               *trib_connector_describe_endpoint   (TribDataSource     *data_source);

/* Whether S3 requests use path-style addressing: the "path_style" option, or when unset,
 * TRUE for an IP address or "localhost" endpoint (virtual hosts need DNS names). */
gboolean            trib_connector_s3_uses_path_style  (TribDataSource     *data_source);

G_END_DECLS
