/* trib-sync-mysql-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-sync-mysql-types.h"
#include "trib-sync-error.h"

#define BINARY_CHARSET 63

void
trib_sync_mysql_column_init (TribSyncMysqlColumn   *column,
                             enum enum_field_types  type,
                             unsigned int           flags,
                             unsigned int           charsetnr,
                             unsigned long          length)
{
  column->type = TRIB_SYNC_TYPE_STRING;
  column->conversion = TRIB_SYNC_MYSQL_AS_SENT;

  switch (type)
    {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
      column->type = TRIB_SYNC_TYPE_LONG;
      break;

    case MYSQL_TYPE_YEAR:
      column->type = TRIB_SYNC_TYPE_LONG;
      column->conversion = TRIB_SYNC_MYSQL_YEAR;
      break;

    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
      column->type = TRIB_SYNC_TYPE_DOUBLE;
      break;

    case MYSQL_TYPE_BIT:
      if (length <= 1)
        {
          column->type = TRIB_SYNC_TYPE_BOOL;
          column->conversion = TRIB_SYNC_MYSQL_BIT_BOOL;
        }
      else
        {
          column->type = TRIB_SYNC_TYPE_LONG;
          column->conversion = TRIB_SYNC_MYSQL_BIT_NUMBER;
        }
      break;

    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
      column->type = TRIB_SYNC_TYPE_DATE;
      column->conversion = TRIB_SYNC_MYSQL_DATE;
      break;

    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_DATETIME2:
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIMESTAMP2:
      column->type = TRIB_SYNC_TYPE_DATE;
      column->conversion = TRIB_SYNC_MYSQL_DATETIME;
      break;

    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2:
      column->type = TRIB_SYNC_TYPE_DATE;
      column->conversion = TRIB_SYNC_MYSQL_TIME;
      break;

    case MYSQL_TYPE_GEOMETRY:
      column->type = TRIB_SYNC_TYPE_BYTES;
      break;

    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_VARCHAR:
      /* ENUM and SET arrive as strings with their flag; binary strings have charset 63. */
      if (charsetnr == BINARY_CHARSET && !(flags & (ENUM_FLAG | SET_FLAG)))
        column->type = TRIB_SYNC_TYPE_BYTES;
      break;

    case MYSQL_TYPE_ENUM:
    case MYSQL_TYPE_SET:
    case MYSQL_TYPE_JSON:
    case MYSQL_TYPE_NULL:
    default:
      break;
    }
}

static gboolean
all_zero_date (const char    *value,
               unsigned long  length)
{
  /* "0000-00-00" or "0000-00-00 00:00:00[.000]": digits all zero. */
  for (unsigned long i = 0; i < length; i++)
    if (g_ascii_isdigit (value[i]) && value[i] != '0')
      return FALSE;
  return TRUE;
}

void
trib_sync_mysql_column_add (const TribSyncMysqlColumn *column,
                            TribSyncBatch             *batch,
                            const char                *value,
                            unsigned long              length)
{
  if (value == NULL)
    {
      trib_sync_batch_add_null (batch, column->type);
      return;
    }

  switch (column->conversion)
    {
    case TRIB_SYNC_MYSQL_AS_SENT:
      trib_sync_batch_add_value (batch, column->type, value, length);
      return;

    case TRIB_SYNC_MYSQL_YEAR:
      while (length > 1 && value[0] == '0')
        value++, length--;
      trib_sync_batch_add_value (batch, column->type, value, length);
      return;

    case TRIB_SYNC_MYSQL_BIT_BOOL:
      {
        gboolean set = FALSE;

        for (unsigned long i = 0; i < length; i++)
          set |= value[i] != 0;
        trib_sync_batch_add_value (batch, column->type, set ? "true" : "false", set ? 4 : 5);
      }
      return;

    case TRIB_SYNC_MYSQL_BIT_NUMBER:
      {
        guint64 number = 0;
        char text[24];

        for (unsigned long i = 0; i < length; i++)
          number = (number << 8) | (guint8) value[i];
        trib_sync_batch_add_value (batch, column->type, text,
                                   g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, number));
      }
      return;

    case TRIB_SYNC_MYSQL_DATE:
      if (all_zero_date (value, length))
        trib_sync_batch_add_null (batch, column->type);
      else
        trib_sync_batch_add_value (batch, column->type, value, MIN (length, 10ul));
      return;

    case TRIB_SYNC_MYSQL_DATETIME:
      if (all_zero_date (value, length))
        trib_sync_batch_add_null (batch, column->type);
      else
        trib_sync_batch_add_value (batch, column->type, value, MIN (length, 19ul));
      return;

    case TRIB_SYNC_MYSQL_TIME:
      {
        const char *dot = memchr (value, '.', length);

        trib_sync_batch_add_value (batch, column->type, value, dot ? (unsigned long) (dot - value) : length);
      }
      return;

    default:
      g_assert_not_reached ();
    }
}

gboolean
trib_sync_mysql_type_is_integer (enum enum_field_types type)
{
  switch (type)
    {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
      return TRUE;
    default:
      return FALSE;
    }
}

void
trib_sync_mysql_set_split_key_error (GError     **error,
                                     const char  *parameter_path,
                                     const char  *split_pk)
{
  g_set_error (error, TRIB_SYNC_ERROR, TRIB_SYNC_ERROR_INVALID_JOB,
               _("%s.splitPk: \"%s\" is not an integer column"), parameter_path, split_pk);
}

const char *
trib_sync_mysql_type_name (enum enum_field_types type,
                           unsigned int          flags,
                           unsigned int          charsetnr)
{
  if (flags & ENUM_FLAG)
    return "ENUM";
  if (flags & SET_FLAG)
    return "SET";

  switch (type)
    {
    case MYSQL_TYPE_TINY:        return "TINYINT";
    case MYSQL_TYPE_SHORT:       return "SMALLINT";
    case MYSQL_TYPE_INT24:       return "MEDIUMINT";
    case MYSQL_TYPE_LONG:        return "INT";
    case MYSQL_TYPE_LONGLONG:    return "BIGINT";
    case MYSQL_TYPE_YEAR:        return "YEAR";
    case MYSQL_TYPE_FLOAT:       return "FLOAT";
    case MYSQL_TYPE_DOUBLE:      return "DOUBLE";
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:  return "DECIMAL";
    case MYSQL_TYPE_BIT:         return "BIT";
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:     return "DATE";
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_DATETIME2:   return "DATETIME";
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIMESTAMP2:  return "TIMESTAMP";
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2:       return "TIME";
    case MYSQL_TYPE_GEOMETRY:    return "GEOMETRY";
    case MYSQL_TYPE_JSON:        return "JSON";
    case MYSQL_TYPE_ENUM:        return "ENUM";
    case MYSQL_TYPE_SET:         return "SET";
    case MYSQL_TYPE_NULL:        return "NULL";
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:        return charsetnr == BINARY_CHARSET ? "BLOB" : "TEXT";
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_VARCHAR:     return charsetnr == BINARY_CHARSET ? "VARBINARY" : "VARCHAR";
    case MYSQL_TYPE_STRING:      return charsetnr == BINARY_CHARSET ? "BINARY" : "CHAR";
    default:                     return "UNKNOWN";
    }
}
