/* trib-hs2-codec.h: the Thrift binary protocol, strict and bounded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader works on a complete buffer and never trusts a length: every string, container
 * and nesting level is checked against what is left and against fixed limits. When the data
 * ends early the reader says so (incomplete), so a stream transport can read more and retry.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TRIB_THRIFT_STOP   = 0,
  TRIB_THRIFT_BOOL   = 2,
  TRIB_THRIFT_BYTE   = 3,
  TRIB_THRIFT_DOUBLE = 4,
  TRIB_THRIFT_I16    = 6,
  TRIB_THRIFT_I32    = 8,
  TRIB_THRIFT_I64    = 10,
  TRIB_THRIFT_STRING = 11,
  TRIB_THRIFT_STRUCT = 12,
  TRIB_THRIFT_MAP    = 13,
  TRIB_THRIFT_SET    = 14,
  TRIB_THRIFT_LIST   = 15,
  TRIB_THRIFT_UUID   = 16,
} TribThriftType;

typedef enum
{
  TRIB_THRIFT_CALL      = 1,
  TRIB_THRIFT_REPLY     = 2,
  TRIB_THRIFT_EXCEPTION = 3,
  TRIB_THRIFT_ONEWAY    = 4,
} TribThriftMessageType;

#define TRIB_THRIFT_VERSION_1      0x80010000u
#define TRIB_THRIFT_MAX_DEPTH      64
/* Defaults; the client may lower or raise them (hs2-protocol.md §2: servers use 100 MiB). */
#define TRIB_THRIFT_MAX_MESSAGE    (256u * 1024u * 1024u)
#define TRIB_THRIFT_MAX_STRING     (64u * 1024u * 1024u)

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  guint         depth;
  gsize         max_message;   /* no length may claim more than this */
  gsize         max_string;
  gboolean      incomplete;    /* failed because the data ended: more may come */
  GError       *error;         /* sticky: the first failure */
} TribThriftReader;

void      trib_thrift_reader_init          (TribThriftReader  *r,
                                            const guint8      *data,
                                            gsize              len);
void      trib_thrift_reader_clear         (TribThriftReader  *r);
gboolean  trib_thrift_reader_fail          (TribThriftReader  *r,
                                            const char        *format,
                                            ...) G_GNUC_PRINTF (2, 3);
/* Moves the reader's error to @error; returns FALSE so callers can "return" it. */
gboolean  trib_thrift_reader_propagate     (TribThriftReader  *r,
                                            GError           **error);

gboolean  trib_thrift_read_bool            (TribThriftReader  *r, gboolean *out);
gboolean  trib_thrift_read_byte            (TribThriftReader  *r, gint8    *out);
gboolean  trib_thrift_read_i16             (TribThriftReader  *r, gint16   *out);
gboolean  trib_thrift_read_i32             (TribThriftReader  *r, gint32   *out);
gboolean  trib_thrift_read_i64             (TribThriftReader  *r, gint64   *out);
gboolean  trib_thrift_read_double          (TribThriftReader  *r, double   *out);
/* Points into the buffer: no copy. */
gboolean  trib_thrift_read_binary          (TribThriftReader  *r,
                                            const guint8     **data,
                                            guint32           *len);
/* A newly allocated string; invalid UTF-8 is replaced, never refused (hs2-protocol.md §4.1). */
gboolean  trib_thrift_read_string          (TribThriftReader  *r,
                                            char             **out);
/* Reads a field header; *type is TRIB_THRIFT_STOP at the end of the struct. */
gboolean  trib_thrift_read_field_begin     (TribThriftReader  *r,
                                            guint8            *type,
                                            gint16            *id);
/* List or set header; @size is checked against the bytes left. */
gboolean  trib_thrift_read_list_begin      (TribThriftReader  *r,
                                            guint8            *elem_type,
                                            guint32           *size);
gboolean  trib_thrift_read_map_begin       (TribThriftReader  *r,
                                            guint8            *key_type,
                                            guint8            *value_type,
                                            guint32           *size);
gboolean  trib_thrift_read_message_begin   (TribThriftReader  *r,
                                            char             **name,
                                            guint8            *type,
                                            gint32            *seqid);
/* Skips one value of @type, however nested (up to the depth limit). */
gboolean  trib_thrift_skip                 (TribThriftReader  *r,
                                            guint8             type);
/* Enter/leave one nesting level (struct, container); fails past TRIB_THRIFT_MAX_DEPTH. */
gboolean  trib_thrift_reader_enter         (TribThriftReader  *r);
void      trib_thrift_reader_leave         (TribThriftReader  *r);

/* Callback for trib_thrift_read_struct: handle the field or call trib_thrift_skip(). */
typedef gboolean (*TribThriftFieldFunc) (TribThriftReader *r,
                                         guint8            type,
                                         gint16            id,
                                         gpointer          user_data);
gboolean  trib_thrift_read_struct          (TribThriftReader    *r,
                                            TribThriftFieldFunc  func,
                                            gpointer             user_data);
/* Reads a TApplicationException body into a GError (TRIB_HS2_ERROR_APPLICATION). */
gboolean  trib_thrift_read_application_exception (TribThriftReader *r,
                                                  GError          **error);

void      trib_thrift_write_byte           (GByteArray *buf, gint8 v);
void      trib_thrift_write_bool           (GByteArray *buf, gboolean v);
void      trib_thrift_write_i16            (GByteArray *buf, gint16 v);
void      trib_thrift_write_i32            (GByteArray *buf, gint32 v);
void      trib_thrift_write_i64            (GByteArray *buf, gint64 v);
void      trib_thrift_write_double         (GByteArray *buf, double v);
void      trib_thrift_write_binary         (GByteArray *buf, const guint8 *data, gsize len);
void      trib_thrift_write_string         (GByteArray *buf, const char *s);
void      trib_thrift_write_field          (GByteArray *buf, guint8 type, gint16 id);
void      trib_thrift_write_stop           (GByteArray *buf);
void      trib_thrift_write_list_begin     (GByteArray *buf, guint8 elem_type, guint32 size);
void      trib_thrift_write_map_begin      (GByteArray *buf, guint8 key_type, guint8 value_type, guint32 size);
void      trib_thrift_write_message_begin  (GByteArray *buf, const char *name, guint8 type, gint32 seqid);

G_END_DECLS
