/* trib-connectivity-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "trib-connectivity-result.h"
#include "trib-text.h"

struct _TribConnectivityResult
{
  GObject             parent_instance;
  gboolean            success;
  TribConnectorError  category;
  TribDataSourceKind  kind;
  char               *name;
  char               *endpoint;
  char               *reached;
  char               *message;
  char               *hint;
  char               *tls_problem;
  char               *server_version;
  char               *region;
  gint64              elapsed_usec;
  gint64              size;
  guint               http_status;
};

G_DEFINE_FINAL_TYPE (TribConnectivityResult, trib_connectivity_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUCCESS,
  PROP_CATEGORY,
  PROP_KIND,
  PROP_NAME,
  PROP_ENDPOINT,
  PROP_REACHED,
  PROP_MESSAGE,
  PROP_HINT,
  PROP_TLS_PROBLEM,
  PROP_ELAPSED_USEC,
  PROP_SERVER_VERSION,
  PROP_REGION,
  PROP_HTTP_STATUS,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trib_connectivity_result_finalize (GObject *object)
{
  TribConnectivityResult *self = (TribConnectivityResult *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->reached, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->hint, g_free);
  g_clear_pointer (&self->tls_problem, g_free);
  g_clear_pointer (&self->server_version, g_free);
  g_clear_pointer (&self->region, g_free);

  G_OBJECT_CLASS (trib_connectivity_result_parent_class)->finalize (object);
}

static void
trib_connectivity_result_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TribConnectivityResult *self = TRIB_CONNECTIVITY_RESULT (object);

  switch (prop_id)
    {
    case PROP_SUCCESS:        g_value_set_boolean (value, self->success); break;
    case PROP_CATEGORY:       g_value_set_enum (value, self->category); break;
    case PROP_KIND:           g_value_set_enum (value, self->kind); break;
    case PROP_NAME:           g_value_set_string (value, self->name); break;
    case PROP_ENDPOINT:       g_value_set_string (value, self->endpoint); break;
    case PROP_REACHED:        g_value_set_string (value, self->reached); break;
    case PROP_MESSAGE:        g_value_set_string (value, self->message); break;
    case PROP_HINT:           g_value_set_string (value, self->hint); break;
    case PROP_TLS_PROBLEM:    g_value_set_string (value, self->tls_problem); break;
    case PROP_ELAPSED_USEC:   g_value_set_int64 (value, self->elapsed_usec); break;
    case PROP_SERVER_VERSION: g_value_set_string (value, self->server_version); break;
    case PROP_REGION:         g_value_set_string (value, self->region); break;
    case PROP_HTTP_STATUS:    g_value_set_uint (value, self->http_status); break;
    case PROP_SIZE:           g_value_set_int64 (value, self->size); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
trib_connectivity_result_class_init (TribConnectivityResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trib_connectivity_result_finalize;
  object_class->get_property = trib_connectivity_result_get_property;

  properties[PROP_SUCCESS] = g_param_spec_boolean ("success", NULL, NULL, FALSE, flags);
  properties[PROP_CATEGORY] = g_param_spec_enum ("category", NULL, NULL, TRIB_TYPE_CONNECTOR_ERROR,
                                                 TRIB_CONNECTOR_ERROR_FAILED, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TRIB_TYPE_DATA_SOURCE_KIND,
                                             TRIB_DATA_SOURCE_KIND_UNKNOWN, flags);
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_ENDPOINT] = string_property ("endpoint");
  properties[PROP_REACHED] = string_property ("reached");
  properties[PROP_MESSAGE] = string_property ("message");
  properties[PROP_HINT] = string_property ("hint");
  properties[PROP_TLS_PROBLEM] = string_property ("tls-problem");
  properties[PROP_ELAPSED_USEC] = g_param_spec_int64 ("elapsed-usec", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SERVER_VERSION] = string_property ("server-version");
  properties[PROP_REGION] = string_property ("region");
  properties[PROP_HTTP_STATUS] = g_param_spec_uint ("http-status", NULL, NULL, 0, 999, 0, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trib_connectivity_result_init (TribConnectivityResult *self)
{
  self->size = -1;
  self->category = TRIB_CONNECTOR_ERROR_FAILED;
}

TribConnectivityResult *
trib_connectivity_result_new_success (TribDataSourceKind  kind,
                                      const char         *endpoint,
                                      const char         *reached)
{
  TribConnectivityResult *self = g_object_new (TRIB_TYPE_CONNECTIVITY_RESULT, NULL);

  self->success = TRUE;
  self->kind = kind;
  self->endpoint = g_strdup (endpoint);
  self->reached = g_strdup (reached);
  return self;
}

TribConnectivityResult *
trib_connectivity_result_new_failure (TribDataSourceKind  kind,
                                      TribConnectorError  category,
                                      const char         *endpoint,
                                      const char         *message,
                                      const char         *hint)
{
  TribConnectivityResult *self = g_object_new (TRIB_TYPE_CONNECTIVITY_RESULT, NULL);

  self->success = FALSE;
  self->kind = kind;
  self->category = category;
  self->endpoint = g_strdup (endpoint);
  self->message = g_strdup (message);
  self->hint = g_strdup (hint);
  return self;
}

TribConnectivityResult *
trib_connectivity_result_new_from_error (TribDataSourceKind  kind,
                                         const char         *endpoint,
                                         const GError       *error,
                                         const char         *hint)
{
  TribConnectorError category = TRIB_CONNECTOR_ERROR_FAILED;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == TRIB_CONNECTOR_ERROR)
    category = (TribConnectorError) error->code;
  return trib_connectivity_result_new_failure (kind, category, endpoint, error->message, hint);
}

gboolean
trib_connectivity_result_get_success (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), FALSE);
  return self->success;
}

TribConnectorError
trib_connectivity_result_get_category (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), TRIB_CONNECTOR_ERROR_FAILED);
  return self->category;
}

TribDataSourceKind
trib_connectivity_result_get_kind (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), TRIB_DATA_SOURCE_KIND_UNKNOWN);
  return self->kind;
}

static void
set_string (TribConnectivityResult  *self,
            char                   **field,
            const char              *value,
            guint                    prop)
{
  /* g_set_str() is GLib 2.76. */
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
trib_connectivity_result_get_name (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->name;
}

void
trib_connectivity_result_set_name (TribConnectivityResult *self,
                                   const char             *name)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
trib_connectivity_result_get_endpoint (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->endpoint;
}

void
trib_connectivity_result_set_endpoint (TribConnectivityResult *self,
                                       const char             *endpoint)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));
  set_string (self, &self->endpoint, endpoint, PROP_ENDPOINT);
}

const char *
trib_connectivity_result_get_reached (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->reached;
}

const char *
trib_connectivity_result_get_message (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->message;
}

const char *
trib_connectivity_result_get_hint (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->hint;
}

const char *
trib_connectivity_result_get_tls_problem (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->tls_problem;
}

void
trib_connectivity_result_set_tls_problem (TribConnectivityResult *self,
                                          const char             *problem)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));
  set_string (self, &self->tls_problem, problem, PROP_TLS_PROBLEM);
}

gint64
trib_connectivity_result_get_elapsed_usec (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), 0);
  return self->elapsed_usec;
}

void
trib_connectivity_result_set_elapsed_usec (TribConnectivityResult *self,
                                           gint64                  usec)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));

  usec = MAX (usec, 0);
  if (self->elapsed_usec == usec)
    return;
  self->elapsed_usec = usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED_USEC]);
}

const char *
trib_connectivity_result_get_server_version (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->server_version;
}

void
trib_connectivity_result_set_server_version (TribConnectivityResult *self,
                                             const char             *version)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));
  set_string (self, &self->server_version, version, PROP_SERVER_VERSION);
}

const char *
trib_connectivity_result_get_region (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  return self->region;
}

void
trib_connectivity_result_set_region (TribConnectivityResult *self,
                                     const char             *region)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));
  set_string (self, &self->region, region, PROP_REGION);
}

guint
trib_connectivity_result_get_http_status (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), 0);
  return self->http_status;
}

void
trib_connectivity_result_set_http_status (TribConnectivityResult *self,
                                          guint                   status)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));

  if (self->http_status == status)
    return;
  self->http_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_STATUS]);
}

gint64
trib_connectivity_result_get_size (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), -1);
  return self->size;
}

void
trib_connectivity_result_set_size (TribConnectivityResult *self,
                                   gint64                  size)
{
  g_return_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self));

  size = MAX (size, -1);
  if (self->size == size)
    return;
  self->size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

GError *
trib_connectivity_result_to_error (TribConnectivityResult *self)
{
  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);
  g_return_val_if_fail (!self->success, NULL);

  return g_error_new_literal (TRIB_CONNECTOR_ERROR, self->category,
                              self->message ? self->message : trib_connector_error_get_label (self->category));
}

static void
append_line (GString    *out,
             const char *label,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  /* Continuation lines of a multi-line value line up under the first. */
  trib_text_append_padded (out, label, 9);
  g_string_append_c (out, ' ');
  for (const char *p = value; *p; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n' && p[1] != '\0')
        g_string_append (out, "          ");
    }
  g_string_append_c (out, '\n');
}

char *
trib_connectivity_result_format (TribConnectivityResult *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *status = NULL;
  g_autofree char *elapsed = NULL;

  g_return_val_if_fail (TRIB_IS_CONNECTIVITY_RESULT (self), NULL);

  if (self->success)
    status = g_strdup (_("OK"));
  else
    status = g_strdup_printf (_("FAILED: %s"), trib_connector_error_get_label (self->category));
  elapsed = trib_format_duration (self->elapsed_usec);

  /* TRANSLATORS: labels of a connectivity test report, at most 9 characters wide. */
  append_line (out, _("Status:"), status);
  append_line (out, _("Reached:"), self->reached);
  append_line (out, _("Endpoint:"), self->endpoint);
  append_line (out, _("Time:"), elapsed);
  if (!self->success)
    {
      append_line (out, _("Problem:"), self->message);
      append_line (out, _("TLS:"), self->tls_problem);
      append_line (out, _("Hint:"), self->hint);
    }
  return g_string_free (out, FALSE);
}
