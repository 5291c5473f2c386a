/* trib-s3-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-s3-object-writer.h"
#include "trib-s3-store.h"

struct _TribS3Store
{
  GObject       parent_instance;
  TribS3Client *client;
  gsize         part_size;
  guint         parallel_parts;
};

static void object_store_iface_init (TribObjectStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TribS3Store, trib_s3_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRIB_TYPE_OBJECT_STORE, object_store_iface_init))

enum {
  PROP_0,
  PROP_PART_SIZE,
  PROP_PARALLEL_PARTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_s3_store_finalize (GObject *object)
{
  TribS3Store *self = (TribS3Store *) object;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (trib_s3_store_parent_class)->finalize (object);
}

static void
trib_s3_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TribS3Store *self = TRIB_S3_STORE (object);

  switch (prop_id)
    {
    case PROP_PART_SIZE:
      g_value_set_uint64 (value, self->part_size);
      break;
    case PROP_PARALLEL_PARTS:
      g_value_set_uint (value, self->parallel_parts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_s3_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TribS3Store *self = TRIB_S3_STORE (object);

  switch (prop_id)
    {
    case PROP_PART_SIZE:
      trib_s3_store_set_part_size (self, g_value_get_uint64 (value));
      break;
    case PROP_PARALLEL_PARTS:
      trib_s3_store_set_parallel_parts (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_s3_store_class_init (TribS3StoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trib_s3_store_finalize;
  object_class->get_property = trib_s3_store_get_property;
  object_class->set_property = trib_s3_store_set_property;

  properties[PROP_PART_SIZE] =
    g_param_spec_uint64 ("part-size", NULL, NULL, 1, G_MAXUINT32, TRIB_S3_DEFAULT_PART_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PARALLEL_PARTS] =
    g_param_spec_uint ("parallel-parts", NULL, NULL, 1, TRIB_S3_MAX_PARALLEL_PARTS, 1,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_s3_store_init (TribS3Store *self)
{
  self->part_size = TRIB_S3_DEFAULT_PART_SIZE;
  self->parallel_parts = 1;
}

TribS3Store *
trib_s3_store_new (TribS3Client *client)
{
  TribS3Store *self;

  g_return_val_if_fail (TRIB_IS_S3_CLIENT (client), NULL);

  self = g_object_new (TRIB_TYPE_S3_STORE, NULL);
  self->client = g_object_ref (client);
  return self;
}

TribS3Client *
trib_s3_store_get_client (TribS3Store *self)
{
  g_return_val_if_fail (TRIB_IS_S3_STORE (self), NULL);
  return self->client;
}

gsize
trib_s3_store_get_part_size (TribS3Store *self)
{
  g_return_val_if_fail (TRIB_IS_S3_STORE (self), 0);
  return self->part_size;
}

void
trib_s3_store_set_part_size (TribS3Store *self,
                             gsize        part_size)
{
  g_return_if_fail (TRIB_IS_S3_STORE (self));
  g_return_if_fail (part_size > 0);

  if (self->part_size == part_size)
    return;
  self->part_size = part_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PART_SIZE]);
}

guint
trib_s3_store_get_parallel_parts (TribS3Store *self)
{
  g_return_val_if_fail (TRIB_IS_S3_STORE (self), 1);
  return self->parallel_parts;
}

void
trib_s3_store_set_parallel_parts (TribS3Store *self,
                                  guint        parallel_parts)
{
  g_return_if_fail (TRIB_IS_S3_STORE (self));
  g_return_if_fail (parallel_parts >= 1 && parallel_parts <= TRIB_S3_MAX_PARALLEL_PARTS);

  if (self->parallel_parts == parallel_parts)
    return;
  self->parallel_parts = parallel_parts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARALLEL_PARTS]);
}

static char *
s3_dup_uri (TribObjectStore *store,
            const char      *key)
{
  TribS3Store *self = TRIB_S3_STORE (store);

  return g_strdup_printf ("s3://%s/%s", trib_s3_client_get_bucket (self->client), key ? key : "");
}

static gboolean
s3_put (TribObjectStore  *store,
        const char       *key,
        GBytes           *data,
        GCancellable     *cancellable,
        GError          **error)
{
  return trib_s3_client_put_object (TRIB_S3_STORE (store)->client, key, data, NULL, cancellable, error);
}

static gboolean
s3_get (TribObjectStore   *store,
        const char        *key,
        TribByteSinkFunc   sink,
        gpointer           user_data,
        GCancellable      *cancellable,
        GError           **error)
{
  return trib_s3_client_get_object (TRIB_S3_STORE (store)->client, key, sink, user_data, cancellable, error);
}

static TribObjectInfo *
s3_stat (TribObjectStore  *store,
         const char       *key,
         GCancellable     *cancellable,
         GError          **error)
{
  g_autoptr(TribS3Object) object = trib_s3_client_head_object (TRIB_S3_STORE (store)->client, key,
                                                               cancellable, error);

  if (object == NULL)
    return NULL;
  return trib_object_info_new (object->key, object->size > 0 ? (guint64) object->size : 0, NULL, object->etag);
}

static GPtrArray *
s3_list (TribObjectStore  *store,
         const char       *prefix,
         GCancellable     *cancellable,
         GError          **error)
{
  g_autoptr(GPtrArray) objects = trib_s3_client_list_objects (TRIB_S3_STORE (store)->client, prefix,
                                                              cancellable, error);
  GPtrArray *out;

  if (objects == NULL)
    return NULL;

  out = g_ptr_array_new_full (objects->len, (GDestroyNotify) trib_object_info_free);
  for (guint i = 0; i < objects->len; i++)
    {
      TribS3Object *object = g_ptr_array_index (objects, i);
      g_autoptr(GDateTime) modified = object->last_modified
                                    ? g_date_time_new_from_iso8601 (object->last_modified, NULL) : NULL;

      g_ptr_array_add (out, trib_object_info_new (object->key, object->size > 0 ? (guint64) object->size : 0,
                                                  modified, object->etag));
    }
  return out;
}

static gboolean
s3_remove (TribObjectStore  *store,
           const char       *key,
           GCancellable     *cancellable,
           GError          **error)
{
  return trib_s3_client_delete_object (TRIB_S3_STORE (store)->client, key, cancellable, error);
}

static TribObjectWriter *
s3_create_writer (TribObjectStore  *store,
                  const char       *key,
                  GCancellable     *cancellable,
                  GError          **error)
{
  TribS3Store *self = TRIB_S3_STORE (store);

  return trib_s3_object_writer_new (self->client, key, self->part_size, self->parallel_parts);
}

static void
object_store_iface_init (TribObjectStoreInterface *iface)
{
  iface->dup_uri = s3_dup_uri;
  iface->put = s3_put;
  iface->get = s3_get;
  iface->stat = s3_stat;
  iface->list = s3_list;
  iface->remove = s3_remove;
  iface->create_writer = s3_create_writer;
}
