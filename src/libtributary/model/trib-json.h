/* trib-json.h: canonical JSON text and precise parse errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The canonical form every workspace file is written in: two-space indent, `"key": value`,
 * members in document order, UTF-8 left unescaped, a final newline. Loading a file in
 * this form and writing it again gives the same bytes. */
char      *trib_json_to_string        (JsonNode     *node);

/* A copy that shares nothing with @node (json_node_copy() shares objects and arrays). */
JsonNode  *trib_json_node_deep_copy   (JsonNode     *node);

/* Parses @data; on failure the error reads `DISPLAY_NAME:LINE:COLUMN: malformed JSON: ...`. */
JsonNode  *trib_json_parse            (const char   *data,
                                       gssize        length,
                                       const char   *display_name,
                                       GError      **error);

/* Also gives the position of a syntax error (0 when there is none). */
JsonNode  *trib_json_parse_full       (const char   *data,
                                       gssize        length,
                                       const char   *display_name,
                                       guint        *error_line,
                                       guint        *error_column,
                                       GError      **error);

/* The largest workspace or workflow file read: 16 MiB (the demo's files are a few KB). */
#define TRIB_JSON_FILE_MAX_SIZE (16 * 1024 * 1024)

/* Reads a user-supplied file whole, but only a regular file (a folder, FIFO, device or
 * socket is refused without blocking on it) of at most @max_size bytes. Error messages
 * do not name the file: the caller prefixes its display name. */
gboolean   trib_file_load_bounded     (GFile         *file,
                                       gsize          max_size,
                                       GCancellable  *cancellable,
                                       char         **contents,
                                       gsize         *length,
                                       GError       **error);

JsonNode  *trib_json_load_file        (GFile        *file,
                                       const char   *display_name,
                                       GCancellable *cancellable,
                                       GError      **error);

/* Writes @node canonically to @file through a temporary file and a rename, so a crash
 * leaves either the old or the new file, never a mix. */
gboolean   trib_json_save_file        (JsonNode     *node,
                                       GFile        *file,
                                       GCancellable *cancellable,
                                       GError      **error);

gboolean   trib_file_set_contents_atomic (GFile        *file,
                                          const char   *contents,
                                          gsize         length,
                                          GError      **error);

/* Typed member access that tolerates absent or wrongly typed members. */
const char *trib_json_object_get_string (JsonObject *object,
                                         const char *member,
                                         const char *fallback);
gint64      trib_json_object_get_int    (JsonObject *object,
                                         const char *member,
                                         gint64      fallback);
gboolean    trib_json_object_get_bool   (JsonObject *object,
                                         const char *member,
                                         gboolean    fallback);
JsonObject *trib_json_object_get_object (JsonObject *object,
                                         const char *member);
JsonArray  *trib_json_object_get_array  (JsonObject *object,
                                         const char *member);

/* Returns @member of @object, creating an empty object there when absent. */
JsonObject *trib_json_object_ensure_object (JsonObject *object,
                                            const char *member);

/* Setters that leave the document untouched when the value is already equal, so an
 * unmodified model writes back byte for byte. */
void        trib_json_object_put_string (JsonObject *object,
                                         const char *member,
                                         const char *value);
void        trib_json_object_put_int    (JsonObject *object,
                                         const char *member,
                                         gint64      value);
void        trib_json_object_put_bool   (JsonObject *object,
                                         const char *member,
                                         gboolean    value);

/* What a wrongly typed member holds, for "must be ..., found %s": `the string "three"`,
 * `the number 1e+20`, `an object`, `an array`, `true`, `null` (long strings elided). */
char       *trib_json_describe_value    (JsonNode   *node);

/* Is @node a string, int, double, bool or null? */
gboolean    trib_json_node_is_scalar    (JsonNode   *node);

/* The scalar as text: strings as they are, numbers and booleans printed, NULL for null. */
char       *trib_json_node_dup_scalar_text (JsonNode *node);

G_END_DECLS
