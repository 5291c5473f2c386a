/* trib-object-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-connector-error.h"
#include "trib-object-writer.h"

typedef struct
{
  char     *key;
  guint64   bytes_written;
  gboolean  finished;
} TribObjectWriterPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TribObjectWriter, trib_object_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_BYTES_WRITTEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_object_writer_dispose (GObject *object)
{
  TribObjectWriter *self = TRIB_OBJECT_WRITER (object);

  /* A writer dropped half-way must not leave a partial object behind. */
  trib_object_writer_abort (self);

  G_OBJECT_CLASS (trib_object_writer_parent_class)->dispose (object);
}

static void
trib_object_writer_finalize (GObject *object)
{
  TribObjectWriter *self = TRIB_OBJECT_WRITER (object);
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  g_clear_pointer (&priv->key, g_free);

  G_OBJECT_CLASS (trib_object_writer_parent_class)->finalize (object);
}

static void
trib_object_writer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TribObjectWriter *self = TRIB_OBJECT_WRITER (object);
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, priv->key);
      break;
    case PROP_BYTES_WRITTEN:
      g_value_set_uint64 (value, priv->bytes_written);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_object_writer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TribObjectWriter *self = TRIB_OBJECT_WRITER (object);
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_KEY:
      priv->key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trib_object_writer_class_init (TribObjectWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trib_object_writer_dispose;
  object_class->finalize = trib_object_writer_finalize;
  object_class->get_property = trib_object_writer_get_property;
  object_class->set_property = trib_object_writer_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BYTES_WRITTEN] =
    g_param_spec_uint64 ("bytes-written", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_object_writer_init (TribObjectWriter *self)
{
}

const char *
trib_object_writer_get_key (TribObjectWriter *self)
{
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  g_return_val_if_fail (TRIB_IS_OBJECT_WRITER (self), NULL);
  return priv->key;
}

guint64
trib_object_writer_get_bytes_written (TribObjectWriter *self)
{
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  g_return_val_if_fail (TRIB_IS_OBJECT_WRITER (self), 0);
  return priv->bytes_written;
}

gboolean
trib_object_writer_is_finished (TribObjectWriter *self)
{
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  g_return_val_if_fail (TRIB_IS_OBJECT_WRITER (self), TRUE);
  return priv->finished;
}

static gboolean
check_usable (TribObjectWriter  *self,
              GError           **error)
{
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  if (!priv->finished)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
               _("the writer of “%s” is already committed or aborted"), priv->key);
  return FALSE;
}

gboolean
trib_object_writer_write (TribObjectWriter  *self,
                          const guint8      *data,
                          gsize              length,
                          GCancellable      *cancellable,
                          GError           **error)
{
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  g_return_val_if_fail (TRIB_IS_OBJECT_WRITER (self), FALSE);

  if (!check_usable (self, error))
    return FALSE;
  if (length == 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !TRIB_OBJECT_WRITER_GET_CLASS (self)->write (self, data, length, cancellable, error))
    {
      trib_object_writer_abort (self);
      return FALSE;
    }
  priv->bytes_written += length;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_WRITTEN]);
  return TRUE;
}

gboolean
trib_object_writer_write_bytes (TribObjectWriter  *self,
                                GBytes            *bytes,
                                GCancellable      *cancellable,
                                GError           **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return trib_object_writer_write (self, data, length, cancellable, error);
}

gboolean
trib_object_writer_commit (TribObjectWriter  *self,
                           GCancellable      *cancellable,
                           GError           **error)
{
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  g_return_val_if_fail (TRIB_IS_OBJECT_WRITER (self), FALSE);

  if (!check_usable (self, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !TRIB_OBJECT_WRITER_GET_CLASS (self)->commit (self, cancellable, error))
    {
      trib_object_writer_abort (self);
      return FALSE;
    }
  priv->finished = TRUE;
  return TRUE;
}

void
trib_object_writer_abort (TribObjectWriter *self)
{
  TribObjectWriterPrivate *priv = trib_object_writer_get_instance_private (self);

  g_return_if_fail (TRIB_IS_OBJECT_WRITER (self));

  if (priv->finished)
    return;
  priv->finished = TRUE;
  TRIB_OBJECT_WRITER_GET_CLASS (self)->abort (self);
}
