/* trib-hs2-codec.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trib-hs2-codec.h"
#include "trib-hs2-error.h"

void
trib_thrift_reader_init (TribThriftReader *r,
                         const guint8     *data,
                         gsize             len)
{
  memset (r, 0, sizeof *r);
  r->data = data;
  r->len = len;
  r->max_message = TRIB_THRIFT_MAX_MESSAGE;
  r->max_string = TRIB_THRIFT_MAX_STRING;
}

void
trib_thrift_reader_clear (TribThriftReader *r)
{
  g_clear_error (&r->error);
}

gboolean
trib_thrift_reader_fail (TribThriftReader *r,
                         const char       *format,
                         ...)
{
  va_list args;

  if (r->error == NULL)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      r->error = g_error_new (TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                              _("Malformed reply from the server: %s (at byte %zu)"),
                              message, r->pos);
    }
  return FALSE;
}

gboolean
trib_thrift_reader_propagate (TribThriftReader  *r,
                              GError           **error)
{
  if (r->error != NULL)
    g_propagate_error (error, g_steal_pointer (&r->error));
  else
    g_set_error_literal (error, TRIB_HS2_ERROR, TRIB_HS2_ERROR_PROTOCOL,
                         _("Malformed reply from the server"));
  return FALSE;
}

static inline gboolean
need (TribThriftReader *r,
      gsize             n)
{
  if (G_UNLIKELY (r->error != NULL))
    return FALSE;
  if (G_UNLIKELY (r->len - r->pos < n))
    {
      r->incomplete = TRUE;
      return trib_thrift_reader_fail (r, "the message ends early");
    }
  return TRUE;
}

gboolean
trib_thrift_read_byte (TribThriftReader *r,
                       gint8            *out)
{
  if (!need (r, 1))
    return FALSE;
  *out = (gint8) r->data[r->pos++];
  return TRUE;
}

gboolean
trib_thrift_read_bool (TribThriftReader *r,
                       gboolean         *out)
{
  gint8 b;

  if (!trib_thrift_read_byte (r, &b))
    return FALSE;
  *out = b != 0;
  return TRUE;
}

gboolean
trib_thrift_read_i16 (TribThriftReader *r,
                      gint16           *out)
{
  if (!need (r, 2))
    return FALSE;
  *out = (gint16) (((guint16) r->data[r->pos] << 8) | r->data[r->pos + 1]);
  r->pos += 2;
  return TRUE;
}

gboolean
trib_thrift_read_i32 (TribThriftReader *r,
                      gint32           *out)
{
  guint32 v;

  if (!need (r, 4))
    return FALSE;
  memcpy (&v, r->data + r->pos, 4);
  *out = (gint32) GUINT32_FROM_BE (v);
  r->pos += 4;
  return TRUE;
}

gboolean
trib_thrift_read_i64 (TribThriftReader *r,
                      gint64           *out)
{
  guint64 v;

  if (!need (r, 8))
    return FALSE;
  memcpy (&v, r->data + r->pos, 8);
  *out = (gint64) GUINT64_FROM_BE (v);
  r->pos += 8;
  return TRUE;
}

gboolean
trib_thrift_read_double (TribThriftReader *r,
                         double           *out)
{
  gint64 bits;

  if (!trib_thrift_read_i64 (r, &bits))
    return FALSE;
  memcpy (out, &bits, sizeof *out);
  return TRUE;
}

gboolean
trib_thrift_read_binary (TribThriftReader  *r,
                         const guint8     **data,
                         guint32           *len)
{
  gint32 n;

  if (!trib_thrift_read_i32 (r, &n))
    return FALSE;
  if (n < 0)
    return trib_thrift_reader_fail (r, "negative string length %d", n);
  if ((gsize) n > r->max_string || (gsize) n > r->max_message)
    return trib_thrift_reader_fail (r, "a string of %d bytes exceeds the limit of %" G_GSIZE_FORMAT,
                                    n, MIN (r->max_string, r->max_message));
  if (!need (r, (gsize) n))
    return FALSE;
  *data = r->data + r->pos;
  *len = (guint32) n;
  r->pos += (gsize) n;
  return TRUE;
}

gboolean
trib_thrift_read_string (TribThriftReader  *r,
                         char             **out)
{
  const guint8 *data;
  guint32 len;

  if (!trib_thrift_read_binary (r, &data, &len))
    return FALSE;
  g_free (*out);
  if (g_utf8_validate_len ((const char *) data, len, NULL))
    *out = g_strndup ((const char *) data, len);
  else
    *out = g_utf8_make_valid ((const char *) data, len);
  return TRUE;
}

gboolean
trib_thrift_read_field_begin (TribThriftReader *r,
                              guint8           *type,
                              gint16           *id)
{
  gint8 t;

  if (!trib_thrift_read_byte (r, &t))
    return FALSE;
  *type = (guint8) t;
  *id = 0;
  if (t == TRIB_THRIFT_STOP)
    return TRUE;
  return trib_thrift_read_i16 (r, id);
}

/* The fewest bytes one value of @type takes on the wire; 0 for an unknown type. */
static gsize
min_size (guint8 type)
{
  switch (type)
    {
    case TRIB_THRIFT_BOOL:
    case TRIB_THRIFT_BYTE:
    case TRIB_THRIFT_STRUCT:
      return 1;
    case TRIB_THRIFT_I16:
      return 2;
    case TRIB_THRIFT_I32:
    case TRIB_THRIFT_STRING:
      return 4;
    case TRIB_THRIFT_DOUBLE:
    case TRIB_THRIFT_I64:
      return 8;
    case TRIB_THRIFT_SET:
    case TRIB_THRIFT_LIST:
      return 5;
    case TRIB_THRIFT_MAP:
      return 6;
    case TRIB_THRIFT_UUID:
      return 16;
    default:
      return 0;
    }
}

static gboolean
check_container (TribThriftReader *r,
                 gint32            size,
                 gsize             element_size)
{
  guint64 bytes;

  if (element_size == 0)
    return trib_thrift_reader_fail (r, "unknown element type in a container");
  if (size < 0)
    return trib_thrift_reader_fail (r, "negative container size %d", size);
  bytes = (guint64) size * element_size;
  if (bytes > r->max_message)
    return trib_thrift_reader_fail (r, "a container of %d elements exceeds the message limit", size);
  /* Only a lower bound: the elements themselves are checked as they are read. */
  if (bytes > r->len - r->pos)
    return need (r, (gsize) bytes);
  return TRUE;
}

gboolean
trib_thrift_read_list_begin (TribThriftReader *r,
                             guint8           *elem_type,
                             guint32          *size)
{
  gint8 t;
  gint32 n;

  if (!trib_thrift_read_byte (r, &t) || !trib_thrift_read_i32 (r, &n))
    return FALSE;
  if (!check_container (r, n, min_size ((guint8) t)))
    return FALSE;
  *elem_type = (guint8) t;
  *size = (guint32) n;
  return TRUE;
}

gboolean
trib_thrift_read_map_begin (TribThriftReader *r,
                            guint8           *key_type,
                            guint8           *value_type,
                            guint32          *size)
{
  gint8 k, v;
  gint32 n;
  gsize ks, vs;

  if (!trib_thrift_read_byte (r, &k) || !trib_thrift_read_byte (r, &v) ||
      !trib_thrift_read_i32 (r, &n))
    return FALSE;
  ks = min_size ((guint8) k);
  vs = min_size ((guint8) v);
  /* An empty map may carry any (even zero) type bytes. */
  if (n != 0 && !check_container (r, n, (ks && vs) ? ks + vs : 0))
    return FALSE;
  if (n < 0)
    return trib_thrift_reader_fail (r, "negative map size %d", n);
  *key_type = (guint8) k;
  *value_type = (guint8) v;
  *size = (guint32) n;
  return TRUE;
}

gboolean
trib_thrift_read_message_begin (TribThriftReader  *r,
                                char             **name,
                                guint8            *type,
                                gint32            *seqid)
{
  gint32 version;

  if (!trib_thrift_read_i32 (r, &version))
    return FALSE;
  if (((guint32) version & 0xffff0000u) != TRIB_THRIFT_VERSION_1)
    return trib_thrift_reader_fail (r, "not a strict Thrift binary message (first word 0x%08x)",
                                    (guint32) version);
  *type = (guint8) (version & 0xff);
  if (*type < TRIB_THRIFT_CALL || *type > TRIB_THRIFT_ONEWAY)
    return trib_thrift_reader_fail (r, "unknown message type %u", *type);
  if (!trib_thrift_read_string (r, name))
    return FALSE;
  return trib_thrift_read_i32 (r, seqid);
}

gboolean
trib_thrift_reader_enter (TribThriftReader *r)
{
  if (r->error != NULL)
    return FALSE;
  if (++r->depth > TRIB_THRIFT_MAX_DEPTH)
    return trib_thrift_reader_fail (r, "nesting deeper than %d levels", TRIB_THRIFT_MAX_DEPTH);
  return TRUE;
}

void
trib_thrift_reader_leave (TribThriftReader *r)
{
  if (r->depth > 0)
    r->depth--;
}

static gboolean
skip_field_cb (TribThriftReader *r,
               guint8            type,
               gint16            id,
               gpointer          user_data)
{
  return trib_thrift_skip (r, type);
}

gboolean
trib_thrift_skip (TribThriftReader *r,
                  guint8            type)
{
  gsize size = min_size (type);
  gboolean ok = TRUE;

  switch (type)
    {
    case TRIB_THRIFT_BOOL:
    case TRIB_THRIFT_BYTE:
    case TRIB_THRIFT_I16:
    case TRIB_THRIFT_I32:
    case TRIB_THRIFT_DOUBLE:
    case TRIB_THRIFT_I64:
    case TRIB_THRIFT_UUID:
      if (!need (r, size))
        return FALSE;
      r->pos += size;
      return TRUE;

    case TRIB_THRIFT_STRING:
      {
        const guint8 *data;
        guint32 len;

        return trib_thrift_read_binary (r, &data, &len);
      }

    case TRIB_THRIFT_STRUCT:
      return trib_thrift_read_struct (r, skip_field_cb, NULL);

    case TRIB_THRIFT_SET:
    case TRIB_THRIFT_LIST:
      {
        guint8 elem;
        guint32 n;

        if (!trib_thrift_reader_enter (r))
          return FALSE;
        ok = trib_thrift_read_list_begin (r, &elem, &n);
        for (guint32 i = 0; ok && i < n; i++)
          ok = trib_thrift_skip (r, elem);
        trib_thrift_reader_leave (r);
        return ok;
      }

    case TRIB_THRIFT_MAP:
      {
        guint8 k, v;
        guint32 n;

        if (!trib_thrift_reader_enter (r))
          return FALSE;
        ok = trib_thrift_read_map_begin (r, &k, &v, &n);
        for (guint32 i = 0; ok && i < n; i++)
          ok = trib_thrift_skip (r, k) && trib_thrift_skip (r, v);
        trib_thrift_reader_leave (r);
        return ok;
      }

    default:
      return trib_thrift_reader_fail (r, "unknown field type %u", type);
    }
}

gboolean
trib_thrift_read_struct (TribThriftReader    *r,
                         TribThriftFieldFunc  func,
                         gpointer             user_data)
{
  gboolean ok = TRUE;

  if (!trib_thrift_reader_enter (r))
    return FALSE;
  for (;;)
    {
      guint8 type;
      gint16 id;

      if (!trib_thrift_read_field_begin (r, &type, &id))
        {
          ok = FALSE;
          break;
        }
      if (type == TRIB_THRIFT_STOP)
        break;
      if (!func (r, type, id, user_data))
        {
          ok = FALSE;
          break;
        }
    }
  trib_thrift_reader_leave (r);
  /* A callback may return FALSE without a message: give one. */
  if (!ok && r->error == NULL)
    trib_thrift_reader_fail (r, "invalid field");
  return ok;
}

typedef struct
{
  char   *message;
  gint32  type;
} AppException;

static gboolean
app_exception_field (TribThriftReader *r,
                     guint8            type,
                     gint16            id,
                     gpointer          user_data)
{
  AppException *ex = user_data;

  if (id == 1 && type == TRIB_THRIFT_STRING)
    return trib_thrift_read_string (r, &ex->message);
  if (id == 2 && type == TRIB_THRIFT_I32)
    return trib_thrift_read_i32 (r, &ex->type);
  return trib_thrift_skip (r, type);
}

gboolean
trib_thrift_read_application_exception (TribThriftReader  *r,
                                        GError           **error)
{
  static const char * const names[] = {
    "UNKNOWN", "UNKNOWN_METHOD", "INVALID_MESSAGE_TYPE", "WRONG_METHOD_NAME",
    "BAD_SEQUENCE_ID", "MISSING_RESULT", "INTERNAL_ERROR", "PROTOCOL_ERROR",
    "INVALID_TRANSFORM", "INVALID_PROTOCOL", "UNSUPPORTED_CLIENT_TYPE",
  };
  AppException ex = { NULL, 0 };
  const char *name;

  if (!trib_thrift_read_struct (r, app_exception_field, &ex))
    {
      g_free (ex.message);
      return trib_thrift_reader_propagate (r, error);
    }
  name = ex.type >= 0 && ex.type < (gint32) G_N_ELEMENTS (names) ? names[ex.type] : "UNKNOWN";
  g_propagate_error (error,
                     trib_hs2_error_new_server (TRIB_HS2_ERROR_APPLICATION, NULL, ex.type, ex.message,
                                                _("The server refused the call (%s): %s"),
                                                name, ex.message ? ex.message : ""));
  g_free (ex.message);
  return FALSE;
}

/* Writing */

void
trib_thrift_write_byte (GByteArray *buf,
                        gint8       v)
{
  guint8 b = (guint8) v;

  g_byte_array_append (buf, &b, 1);
}

void
trib_thrift_write_bool (GByteArray *buf,
                        gboolean    v)
{
  trib_thrift_write_byte (buf, v ? 1 : 0);
}

void
trib_thrift_write_i16 (GByteArray *buf,
                       gint16      v)
{
  guint16 be = GUINT16_TO_BE ((guint16) v);

  g_byte_array_append (buf, (const guint8 *) &be, 2);
}

void
trib_thrift_write_i32 (GByteArray *buf,
                       gint32      v)
{
  guint32 be = GUINT32_TO_BE ((guint32) v);

  g_byte_array_append (buf, (const guint8 *) &be, 4);
}

void
trib_thrift_write_i64 (GByteArray *buf,
                       gint64      v)
{
  guint64 be = GUINT64_TO_BE ((guint64) v);

  g_byte_array_append (buf, (const guint8 *) &be, 8);
}

void
trib_thrift_write_double (GByteArray *buf,
                          double      v)
{
  gint64 bits;

  memcpy (&bits, &v, sizeof bits);
  trib_thrift_write_i64 (buf, bits);
}

void
trib_thrift_write_binary (GByteArray   *buf,
                          const guint8 *data,
                          gsize         len)
{
  g_return_if_fail (len <= G_MAXINT32);
  trib_thrift_write_i32 (buf, (gint32) len);
  if (len > 0)
    g_byte_array_append (buf, data, (guint) len);
}

void
trib_thrift_write_string (GByteArray *buf,
                          const char *s)
{
  trib_thrift_write_binary (buf, (const guint8 *) (s ? s : ""), s ? strlen (s) : 0);
}

void
trib_thrift_write_field (GByteArray *buf,
                         guint8      type,
                         gint16      id)
{
  trib_thrift_write_byte (buf, (gint8) type);
  trib_thrift_write_i16 (buf, id);
}

void
trib_thrift_write_stop (GByteArray *buf)
{
  trib_thrift_write_byte (buf, TRIB_THRIFT_STOP);
}

void
trib_thrift_write_list_begin (GByteArray *buf,
                              guint8      elem_type,
                              guint32     size)
{
  trib_thrift_write_byte (buf, (gint8) elem_type);
  trib_thrift_write_i32 (buf, (gint32) size);
}

void
trib_thrift_write_map_begin (GByteArray *buf,
                             guint8      key_type,
                             guint8      value_type,
                             guint32     size)
{
  trib_thrift_write_byte (buf, (gint8) key_type);
  trib_thrift_write_byte (buf, (gint8) value_type);
  trib_thrift_write_i32 (buf, (gint32) size);
}

void
trib_thrift_write_message_begin (GByteArray *buf,
                                 const char *name,
                                 guint8      type,
                                 gint32      seqid)
{
  trib_thrift_write_i32 (buf, (gint32) (TRIB_THRIFT_VERSION_1 | type));
  trib_thrift_write_string (buf, name);
  trib_thrift_write_i32 (buf, seqid);
}
