/* trib-object-store.h: where sync output goes: an S3 bucket or a local folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "trib-connector-error.h"
#include "trib-data-source.h"
#include "trib-object-writer.h"

G_BEGIN_DECLS

/* One object: its key ("ods_raw_log_d/20240101/part-0"), size and modification time. */
typedef struct
{
  char      *key;
  guint64    size;
  GDateTime *modified;  /* may be NULL */
  char      *etag;      /* may be NULL */
} TribObjectInfo;

#define TRIB_TYPE_OBJECT_INFO (trib_object_info_get_type ())
GType           trib_object_info_get_type (void);
TribObjectInfo *trib_object_info_new      (const char           *key,
                                           guint64               size,
                                           GDateTime            *modified,
                                           const char           *etag);
TribObjectInfo *trib_object_info_copy     (const TribObjectInfo *info);
void            trib_object_info_free     (TribObjectInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TribObjectInfo, trib_object_info_free)

#define TRIB_TYPE_OBJECT_STORE (trib_object_store_get_type ())

G_DECLARE_INTERFACE (TribObjectStore, trib_object_store, TRIB, OBJECT_STORE, GObject)

/* Keys use "/" as separator; "", a leading "/", "." or ".." segments and empty segments
 * are invalid in every store, so a key means the same in a bucket and in a folder.
 * Every method blocks (run it in a worker thread) and fails with TRIB_CONNECTOR_ERROR
 * (FILE_NOT_FOUND for a missing object) or G_IO_ERROR_CANCELLED. */
struct _TribObjectStoreInterface
{
  GTypeInterface parent_iface;

  /* "s3://bucket/key" or "file:///folder/key", for logs and messages. */
  char             *(*dup_uri)       (TribObjectStore     *self,
                                      const char          *key);
  gboolean          (*put)           (TribObjectStore     *self,
                                      const char          *key,
                                      GBytes              *data,
                                      GCancellable        *cancellable,
                                      GError             **error);
  gboolean          (*get)           (TribObjectStore     *self,
                                      const char          *key,
                                      TribByteSinkFunc     sink,
                                      gpointer             user_data,
                                      GCancellable        *cancellable,
                                      GError             **error);
  TribObjectInfo   *(*stat)          (TribObjectStore     *self,
                                      const char          *key,
                                      GCancellable        *cancellable,
                                      GError             **error);
  GPtrArray        *(*list)          (TribObjectStore     *self,
                                      const char          *prefix,
                                      GCancellable        *cancellable,
                                      GError             **error);
  gboolean          (*remove)        (TribObjectStore     *self,
                                      const char          *key,
                                      GCancellable        *cancellable,
                                      GError             **error);
  TribObjectWriter *(*create_writer) (TribObjectStore     *self,
                                      const char          *key,
                                      GCancellable        *cancellable,
                                      GError             **error);
};

/* Whether @key is usable in every store; @error says why not. */
gboolean          trib_object_key_is_valid       (const char          *key,
                                                  GError             **error);

char             *trib_object_store_dup_uri      (TribObjectStore     *self,
                                                  const char          *key);
/* Writes @data as @key in one go; atomic: readers see the old object or the new one. */
gboolean          trib_object_store_put          (TribObjectStore     *self,
                                                  const char          *key,
                                                  GBytes              *data,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
gboolean          trib_object_store_get          (TribObjectStore     *self,
                                                  const char          *key,
                                                  TribByteSinkFunc     sink,
                                                  gpointer             user_data,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* The whole object in memory; fails when it is larger than @max_size. */
GBytes           *trib_object_store_get_bytes    (TribObjectStore     *self,
                                                  const char          *key,
                                                  gsize                max_size,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
TribObjectInfo   *trib_object_store_stat         (TribObjectStore     *self,
                                                  const char          *key,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* Every object whose key starts with @prefix ("" for all), sorted by key: a GPtrArray
 * of TribObjectInfo. Objects being written are not listed. */
GPtrArray        *trib_object_store_list         (TribObjectStore     *self,
                                                  const char          *prefix,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void              trib_object_store_list_async   (TribObjectStore     *self,
                                                  const char          *prefix,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray        *trib_object_store_list_finish  (TribObjectStore     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Deleting a missing object is not an error (as in S3). */
gboolean          trib_object_store_remove       (TribObjectStore     *self,
                                                  const char          *key,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* A streaming writer: the object appears only on trib_object_writer_commit(). */
TribObjectWriter *trib_object_store_create_writer (TribObjectStore    *self,
                                                   const char         *key,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

/* The store of an "s3" or "local" data source. @secret is the S3 secret access key;
 * @base_directory resolves a relative local "path" (the workspace folder), may be NULL. */
TribObjectStore  *trib_object_store_new_for_data_source (TribDataSource *data_source,
                                                         const char     *secret,
                                                         GFile          *base_directory,
                                                         GError        **error);

G_END_DECLS
