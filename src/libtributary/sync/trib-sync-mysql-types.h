/* trib-sync-mysql-types.h: every MySQL / MariaDB column type, mapped to DataX text
 *
 * The reader asks for rows in the text protocol, so most values already are what DataX's
 * mysqlreader prints (it connects with yearIsDateType=false, tinyInt1isBit=false and
 * zeroDateTimeBehavior=convertToNull). The mapping, one row per server type:
 *
 *   TINYINT SMALLINT MEDIUMINT INT BIGINT (signed, unsigned; tinyint(1) too)  long    as sent
 *   YEAR                                                                     long    as a number ("0000" -> "0")
 *   FLOAT DOUBLE                                                             double  as sent
 *   DECIMAL NUMERIC                                                          double  as sent ("12.3400")
 *   BIT(1)                                                                   boolean "true" / "false"
 *   BIT(n), n > 1                                                            long    the bits as an unsigned number
 *   CHAR VARCHAR TINYTEXT TEXT MEDIUMTEXT LONGTEXT ENUM SET JSON, INET6 UUID  string  as sent
 *   BINARY VARBINARY TINYBLOB BLOB MEDIUMBLOB LONGBLOB (binary charset)      bytes   the raw bytes
 *   GEOMETRY and its subtypes                                                bytes   the raw WKB bytes
 *   DATE                                                                     date    "yyyy-MM-dd"; 0000-00-00 -> NULL
 *   DATETIME TIMESTAMP (any precision)                                       date    "yyyy-MM-dd HH:mm:ss", the fraction dropped;
 *                                                                                    a zero date -> NULL
 *   TIME (any precision)                                                     date    "HH:mm:ss", the fraction dropped
 *   NULL (SELECT NULL)                                                       string  NULL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <mysql.h>

#include "trib-sync-record.h"

G_BEGIN_DECLS

typedef enum
{
  TRIB_SYNC_MYSQL_AS_SENT,
  TRIB_SYNC_MYSQL_YEAR,
  TRIB_SYNC_MYSQL_BIT_BOOL,
  TRIB_SYNC_MYSQL_BIT_NUMBER,
  TRIB_SYNC_MYSQL_DATE,
  TRIB_SYNC_MYSQL_DATETIME,
  TRIB_SYNC_MYSQL_TIME,
} TribSyncMysqlConversion;

typedef struct
{
  TribSyncType             type;
  TribSyncMysqlConversion  conversion;
} TribSyncMysqlColumn;

/* From a result field: its type, flags and character set number (63 = binary). */
void         trib_sync_mysql_column_init (TribSyncMysqlColumn       *column,
                                          enum enum_field_types      type,
                                          unsigned int               flags,
                                          unsigned int               charsetnr,
                                          unsigned long              length);

/* Adds the value as the server sent it (NULL @value for SQL NULL) to the open record. */
void         trib_sync_mysql_column_add  (const TribSyncMysqlColumn *column,
                                          TribSyncBatch             *batch,
                                          const char                *value,
                                          unsigned long              length);

/* Whether a split key of this type can be cut into integer ranges. */
gboolean     trib_sync_mysql_type_is_integer (enum enum_field_types  type);

/* The engine's refusal of a split key that is not an integer column:
 * `PARAMETER_PATH.splitPk: "KEY" is not an integer column` (TRIB_SYNC_ERROR_INVALID_JOB). */
void         trib_sync_mysql_set_split_key_error (GError     **error,
                                                  const char  *parameter_path,
                                                  const char  *split_pk);

/* "BIGINT", "VARCHAR", ... for messages. */
const char  *trib_sync_mysql_type_name   (enum enum_field_types      type,
                                          unsigned int               flags,
                                          unsigned int               charsetnr);

G_END_DECLS
