/* trib-data-source.h: one data source definition of a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TRIB_DATA_SOURCE_KIND_UNKNOWN,
  TRIB_DATA_SOURCE_KIND_MYSQL,
  TRIB_DATA_SOURCE_KIND_HTTPFILE,
  TRIB_DATA_SOURCE_KIND_S3,
  TRIB_DATA_SOURCE_KIND_LOCAL,
  TRIB_DATA_SOURCE_KIND_KYUUBI,
} TribDataSourceKind;

#define TRIB_TYPE_DATA_SOURCE_KIND (trib_data_source_kind_get_type ())
GType trib_data_source_kind_get_type (void);

typedef enum
{
  TRIB_OPTION_STRING,
  TRIB_OPTION_INT,
  TRIB_OPTION_BOOL,
} TribOptionType;

#define TRIB_TYPE_DATA_SOURCE (trib_data_source_get_type ())

G_DECLARE_FINAL_TYPE (TribDataSource, trib_data_source, TRIB, DATA_SOURCE, GObject)

TribDataSource     *trib_data_source_new               (const char          *name,
                                                        TribDataSourceKind   kind);
/* Builds a data source from its object in tributary.json; @json_path names it in errors. */
TribDataSource     *trib_data_source_new_from_json     (JsonObject          *object,
                                                        const char          *file,
                                                        const char          *json_path,
                                                        GListStore          *diagnostics);
JsonObject         *trib_data_source_get_json          (TribDataSource      *self);

const char         *trib_data_source_get_name          (TribDataSource      *self);
void                trib_data_source_set_name          (TribDataSource      *self,
                                                        const char          *name);
TribDataSourceKind  trib_data_source_get_kind          (TribDataSource      *self);
const char         *trib_data_source_get_kind_name     (TribDataSource      *self);
const char         *trib_data_source_get_description   (TribDataSource      *self);
void                trib_data_source_set_description   (TribDataSource      *self,
                                                        const char          *description);

/* Option values, read as text whatever their JSON type; NULL when unset. */
char               *trib_data_source_dup_option        (TribDataSource      *self,
                                                        const char          *key);
const char         *trib_data_source_get_option_string (TribDataSource      *self,
                                                        const char          *key,
                                                        const char          *fallback);
gint64              trib_data_source_get_option_int    (TribDataSource      *self,
                                                        const char          *key,
                                                        gint64               fallback);
gboolean            trib_data_source_get_option_bool   (TribDataSource      *self,
                                                        const char          *key,
                                                        gboolean             fallback);
/* Stores @value with the JSON type the key has for this kind; fails naming the key. */
gboolean            trib_data_source_set_option        (TribDataSource      *self,
                                                        const char          *key,
                                                        const char          *value,
                                                        GError             **error);
void                trib_data_source_unset_option      (TribDataSource      *self,
                                                        const char          *key);
/* Option keys in document order. */
GStrv               trib_data_source_list_options      (TribDataSource      *self);

/* Whether the kind has a password or secret key, kept in the keyring, never in the file. */
gboolean            trib_data_source_needs_secret      (TribDataSource      *self);

/* "TRIBUTARY_SECRET_" + the name upper-cased, every other character than A-Z/0-9 as "_". */
char               *trib_data_source_dup_secret_env_name (TribDataSource    *self);

const char         *trib_data_source_kind_to_string    (TribDataSourceKind   kind);
TribDataSourceKind  trib_data_source_kind_from_string  (const char          *name);
/* A translated, human name such as "MySQL / MariaDB". */
const char         *trib_data_source_kind_get_label    (TribDataSourceKind   kind);
const char         *trib_data_source_kind_get_icon_name (TribDataSourceKind  kind);
/* The keys this kind knows, NULL-terminated, and their types. */
const char * const *trib_data_source_kind_get_option_keys (TribDataSourceKind kind);
TribOptionType      trib_data_source_kind_get_option_type (TribDataSourceKind kind,
                                                           const char        *key);

G_END_DECLS
