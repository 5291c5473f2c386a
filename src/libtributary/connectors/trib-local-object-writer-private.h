/* trib-local-object-writer-private.h: the local folder's object writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-object-writer.h"

G_BEGIN_DECLS

/* Partial files start with this, so listings can skip them. */
#define TRIB_LOCAL_PARTIAL_PREFIX ".trib-partial-"

#define TRIB_TYPE_LOCAL_OBJECT_WRITER (trib_local_object_writer_get_type ())

G_DECLARE_FINAL_TYPE (TribLocalObjectWriter, trib_local_object_writer, TRIB, LOCAL_OBJECT_WRITER, TribObjectWriter)

/* Creates the partial file next to @path (its folders included). */
TribObjectWriter *_trib_local_object_writer_new (const char  *key,
                                                 const char  *path,
                                                 GError     **error);

/* A partial file that no live writer holds (its writer was killed). */
gboolean          _trib_local_partial_is_stale       (const char *path);
/* Removes the stale partial files of the object @base in @dir (of any object when @base
 * is NULL); returns how many. */
guint             _trib_local_remove_stale_partials  (const char *dir,
                                                      const char *base);

G_END_DECLS
