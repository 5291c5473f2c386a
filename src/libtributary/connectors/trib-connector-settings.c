/* trib-connector-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trib-connector-error.h"
#include "trib-connector-settings.h"

G_DEFINE_BOXED_TYPE (TribFieldProblem, trib_field_problem, trib_field_problem_copy, trib_field_problem_free)

TribFieldProblem *
trib_field_problem_new (const char *key,
                        const char *message)
{
  TribFieldProblem *problem = g_new0 (TribFieldProblem, 1);

  problem->key = g_strdup (key);
  problem->message = g_strdup (message);
  return problem;
}

TribFieldProblem *
trib_field_problem_copy (const TribFieldProblem *problem)
{
  return trib_field_problem_new (problem->key, problem->message);
}

void
trib_field_problem_free (TribFieldProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->key);
  g_free (problem->message);
  g_free (problem);
}

static const char * const mysql_tls_choices[] = {
  "disabled", "preferred", "required", "verify-ca", "verify-identity", NULL
};
static const char * const kyuubi_transport_choices[] = { "sasl", "nosasl", "http", NULL };

typedef struct
{
  TribDataSourceKind  kind;
  const char         *key;
  gboolean            required;
  const char         *default_value;
  const char * const *choices;
  const char         *description;
} OptionInfo;

static const OptionInfo option_info[] = {
  { TRIB_DATA_SOURCE_KIND_MYSQL, "host", TRUE, NULL, NULL, N_("Server host name or IP address") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "port", FALSE, "3306", NULL, N_("TCP port") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "database", FALSE, NULL, NULL, N_("Default database (schema)") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "user", TRUE, NULL, NULL, N_("User name; the password is the secret") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "tls", FALSE, "preferred", mysql_tls_choices,
    N_("disabled, preferred, required, verify-ca or verify-identity") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "ca_file", FALSE, NULL, NULL, N_("PEM file of the CA that signed the server certificate") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "connect_timeout", FALSE, "10", NULL, N_("Seconds to wait for the connection and greeting") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "read_timeout", FALSE, "60", NULL, N_("Seconds to wait for each read") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "time_zone", FALSE, NULL, NULL, N_("Session time zone, e.g. +08:00 or Asia/Shanghai") },
  { TRIB_DATA_SOURCE_KIND_MYSQL, "charset", FALSE, "utf8mb4", NULL, N_("Connection character set") },

  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "url", TRUE, NULL, NULL, N_("Base URL; files are paths under it, e.g. /user_log.txt") },
  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "user", FALSE, NULL, NULL, N_("User name for HTTP Basic authentication; the password is the secret") },
  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "headers", FALSE, NULL, NULL, N_("Extra request headers, one \"Name: value\" per line") },
  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "probe_path", FALSE, NULL, NULL, N_("Path the connectivity test requests (default: the base URL)") },
  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "verify_tls", FALSE, "true", NULL, N_("Verify the server certificate") },
  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "ca_file", FALSE, NULL, NULL, N_("PEM file of the CA that signed the server certificate") },
  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "connect_timeout", FALSE, "10", NULL, N_("Seconds to wait for the connection") },
  { TRIB_DATA_SOURCE_KIND_HTTPFILE, "read_timeout", FALSE, "60", NULL, N_("Seconds without any data before giving up") },

  { TRIB_DATA_SOURCE_KIND_S3, "endpoint", TRUE, NULL, NULL, N_("Service URL, e.g. https://oss-cn-shanghai.aliyuncs.com") },
  { TRIB_DATA_SOURCE_KIND_S3, "region", FALSE, "us-east-1", NULL, N_("Signing region, e.g. cn-shanghai or us-east-1") },
  { TRIB_DATA_SOURCE_KIND_S3, "bucket", TRUE, NULL, NULL, N_("Bucket name") },
  { TRIB_DATA_SOURCE_KIND_S3, "access_key_id", TRUE, NULL, NULL, N_("Access key id; the secret access key is the secret") },
  { TRIB_DATA_SOURCE_KIND_S3, "path_style", FALSE, NULL, NULL,
    N_("true: endpoint/bucket/key; false: bucket.endpoint/key (default: true for an IP address)") },
  { TRIB_DATA_SOURCE_KIND_S3, "verify_tls", FALSE, "true", NULL, N_("Verify the server certificate") },
  { TRIB_DATA_SOURCE_KIND_S3, "ca_file", FALSE, NULL, NULL, N_("PEM file of the CA that signed the server certificate") },
  { TRIB_DATA_SOURCE_KIND_S3, "connect_timeout", FALSE, "10", NULL, N_("Seconds to wait for the connection") },
  { TRIB_DATA_SOURCE_KIND_S3, "read_timeout", FALSE, "60", NULL, N_("Seconds without any data before giving up") },

  { TRIB_DATA_SOURCE_KIND_LOCAL, "path", TRUE, NULL, NULL, N_("Folder, absolute or relative to the workspace") },

  { TRIB_DATA_SOURCE_KIND_KYUUBI, "host", TRUE, NULL, NULL, N_("Server host name or IP address") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "port", FALSE, "10009", NULL, N_("TCP port") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "transport", FALSE, "sasl", kyuubi_transport_choices, N_("sasl, nosasl or http") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "http_path", FALSE, "/cliservice", NULL, N_("HTTP transport: the endpoint path") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "user", FALSE, NULL, NULL, N_("User name; the password is the secret") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "database", FALSE, "default", NULL, N_("Default database") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "tls", FALSE, "false", NULL, N_("Use TLS") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "ca_file", FALSE, NULL, NULL, N_("PEM file of the CA that signed the server certificate") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "connect_timeout", FALSE, "10", NULL, N_("Seconds to wait for the connection") },
  { TRIB_DATA_SOURCE_KIND_KYUUBI, "read_timeout", FALSE, "60", NULL, N_("Seconds to wait for each answer") },
};

static const OptionInfo *
find_info (TribDataSourceKind  kind,
           const char         *key)
{
  if (key == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (option_info); i++)
    if (option_info[i].kind == kind && strcmp (option_info[i].key, key) == 0)
      return &option_info[i];
  return NULL;
}

gboolean
trib_connector_option_is_known (TribDataSourceKind  kind,
                                const char         *key)
{
  const char * const *keys = trib_data_source_kind_get_option_keys (kind);

  return key != NULL && g_strv_contains (keys, key);
}

gboolean
trib_connector_option_is_required (TribDataSourceKind  kind,
                                   const char         *key)
{
  const OptionInfo *info = find_info (kind, key);
  return info != NULL && info->required;
}

const char *
trib_connector_option_get_default (TribDataSourceKind  kind,
                                   const char         *key)
{
  const OptionInfo *info = find_info (kind, key);
  return info ? info->default_value : NULL;
}

const char * const *
trib_connector_option_get_choices (TribDataSourceKind  kind,
                                   const char         *key)
{
  const OptionInfo *info = find_info (kind, key);
  return info ? info->choices : NULL;
}

const char *
trib_connector_option_get_description (TribDataSourceKind  kind,
                                       const char         *key)
{
  const OptionInfo *info = find_info (kind, key);
  return info ? _(info->description) : NULL;
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
parse_int (const char *value,
           gint64     *out)
{
  char *end = NULL;

  errno = 0;
  *out = g_ascii_strtoll (value, &end, 10);
  return errno == 0 && end != value && *end == '\0';
}

static gboolean
has_only (const char *value,
          const char *extra)
{
  for (const char *p = value; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

static char *
check_host (const char *key,
            const char *value)
{
  if (strchr (value, ':') && !g_hostname_is_ip_address (value))
    return g_strdup_printf (_("%s: give the host name alone, without a port or scheme (the port is a separate option)"), key);
  if (!g_hostname_is_ip_address (value) && !has_only (value, ".-_"))
    return g_strdup_printf (_("%s: \"%s\" is not a host name or IP address"), key, value);
  return NULL;
}

static char *
check_http_url (const char *key,
                const char *value,
                gboolean    allow_bare_host)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *scheme;

  if (allow_bare_host && strstr (value, "://") == NULL)
    text = g_strconcat ("https://", value, NULL);
  else
    text = g_strdup (value);

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, &error);
  if (uri == NULL)
    return g_strdup_printf (_("%s: \"%s\" is not a valid URL"), key, value);
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return g_strdup_printf (_("%s: the URL must start with http:// or https://"), key);
  if (is_blank (g_uri_get_host (uri)))
    return g_strdup_printf (_("%s: the URL has no host"), key);
  if (g_uri_get_userinfo (uri) != NULL)
    return g_strdup_printf (_("%s: do not put a user name or password in the URL; use the \"user\" option and the keyring"), key);
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return g_strdup_printf (_("%s: the URL must not have a query (?) or fragment (#)"), key);
  return NULL;
}

static char *
check_headers (const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *name = NULL;
      const char *colon;

      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      colon = strchr (lines[i], ':');
      if (colon == NULL || colon == lines[i])
        return g_strdup_printf (_("headers: line %u is not \"Name: value\""), i + 1);
      name = g_strndup (lines[i], colon - lines[i]);
      g_strstrip (name);
      if (!has_only (name, "!#$%&'*+-.^_`|~"))
        return g_strdup_printf (_("headers: \"%s\" is not a valid header name"), name);
      if (g_ascii_strcasecmp (name, "Authorization") == 0 ||
          g_ascii_strcasecmp (name, "Proxy-Authorization") == 0)
        return g_strdup_printf (_("headers: \"%s\" would keep a credential in the workspace file; use the \"user\" option and the keyring"), name);
    }
  return NULL;
}

char *
trib_connector_check_option (TribDataSourceKind  kind,
                             const char         *key,
                             const char         *value)
{
  const char * const *choices;
  TribOptionType type;
  gint64 n;

  g_return_val_if_fail (key != NULL, NULL);

  if (!trib_connector_option_is_known (kind, key))
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) trib_data_source_kind_get_option_keys (kind));
      return g_strdup_printf (_("%s: unknown option for a %s data source (known: %s)"),
                              key, trib_data_source_kind_to_string (kind), known);
    }

  if (is_blank (value))
    {
      if (trib_connector_option_is_required (kind, key))
        return g_strdup_printf (_("%s: required"), key);
      return NULL;
    }

  type = trib_data_source_kind_get_option_type (kind, key);
  if (type == TRIB_OPTION_INT)
    {
      if (!parse_int (value, &n))
        return g_strdup_printf (_("%s: \"%s\" is not a whole number"), key, value);
      if (g_str_equal (key, "port") && (n < 1 || n > 65535))
        return g_strdup_printf (_("%s: %s is not a port number (1–65535)"), key, value);
      if (g_str_has_suffix (key, "_timeout") && (n < 1 || n > 86400))
        return g_strdup_printf (_("%s: give a number of seconds between 1 and 86400"), key);
      return NULL;
    }
  if (type == TRIB_OPTION_BOOL)
    {
      const char * const booleans[] = { "true", "false", "yes", "no", "1", "0", NULL };

      for (guint i = 0; booleans[i]; i++)
        if (g_ascii_strcasecmp (value, booleans[i]) == 0)
          return NULL;
      return g_strdup_printf (_("%s: \"%s\" is not true or false"), key, value);
    }

  choices = trib_connector_option_get_choices (kind, key);
  if (choices != NULL && !g_strv_contains (choices, value))
    {
      g_autofree char *list = g_strjoinv (", ", (GStrv) choices);
      return g_strdup_printf (_("%s: \"%s\" is not one of %s"), key, value, list);
    }

  if (g_str_equal (key, "host"))
    return check_host (key, value);
  if (g_str_equal (key, "url"))
    return check_http_url (key, value, FALSE);
  if (g_str_equal (key, "endpoint"))
    {
      g_autofree char *problem = check_http_url (key, value, TRUE);
      g_autoptr(GUri) uri = NULL;

      if (problem)
        return g_steal_pointer (&problem);
      uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
      if (uri && g_strcmp0 (g_uri_get_path (uri), "") != 0 && g_strcmp0 (g_uri_get_path (uri), "/") != 0)
        return g_strdup_printf (_("%s: give the service URL without a path; the bucket is a separate option"), key);
      return NULL;
    }
  if (g_str_equal (key, "headers"))
    return check_headers (value);
  if (g_str_equal (key, "probe_path") || g_str_equal (key, "http_path"))
    {
      if (value[0] != '/')
        return g_strdup_printf (_("%s: must start with \"/\""), key);
      return NULL;
    }
  if (g_str_equal (key, "ca_file"))
    {
      if (!g_path_is_absolute (value))
        return g_strdup_printf (_("%s: give an absolute path"), key);
      if (!g_file_test (value, G_FILE_TEST_IS_REGULAR))
        return g_strdup_printf (_("%s: %s does not exist or is not a file"), key, value);
      return NULL;
    }
  if (g_str_equal (key, "bucket"))
    {
      gsize len = strlen (value);

      if (len < 3 || len > 63 || !has_only (value, ".-_") ||
          !g_ascii_isalnum (value[0]) || !g_ascii_isalnum (value[len - 1]))
        return g_strdup_printf (_("%s: \"%s\" is not a bucket name (3–63 letters, digits, dots and hyphens, starting and ending with a letter or digit)"),
                                key, value);
      for (const char *p = value; *p; p++)
        if (g_ascii_isupper (*p))
          return g_strdup_printf (_("%s: bucket names are lower case"), key);
      return NULL;
    }
  if (g_str_equal (key, "region"))
    return has_only (value, "-_") ? NULL : g_strdup_printf (_("%s: \"%s\" is not a region name"), key, value);
  if (g_str_equal (key, "charset"))
    return has_only (value, "_") ? NULL : g_strdup_printf (_("%s: \"%s\" is not a character set name"), key, value);
  if (g_str_equal (key, "time_zone"))
    return has_only (value, "+-:/_") ? NULL : g_strdup_printf (_("%s: \"%s\" is not a time zone (+08:00, Asia/Shanghai, SYSTEM)"), key, value);
  if (g_str_equal (key, "access_key_id") || g_str_equal (key, "user"))
    {
      for (const char *p = value; *p; p++)
        if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
          return g_strdup_printf (_("%s: must not contain spaces"), key);
      if (g_str_equal (key, "user") && kind == TRIB_DATA_SOURCE_KIND_HTTPFILE && strchr (value, ':'))
        return g_strdup_printf (_("%s: a Basic authentication user name cannot contain \":\""), key);
      return NULL;
    }

  return NULL;
}

static void
add_problem (GPtrArray  *problems,
             const char *key,
             char       *message)
{
  g_ptr_array_add (problems, trib_field_problem_new (key, message));
  g_free (message);
}

GPtrArray *
trib_connector_check_data_source (TribDataSource *data_source)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trib_field_problem_free);
  TribDataSourceKind kind;
  g_auto(GStrv) set_keys = NULL;
  const char * const *keys;

  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), problems);

  kind = trib_data_source_get_kind (data_source);
  if (kind == TRIB_DATA_SOURCE_KIND_UNKNOWN)
    {
      add_problem (problems, "type", g_strdup (_("type: unknown data source type (expected mysql, httpfile, s3, local or kyuubi)")));
      return problems;
    }

  /* Unknown keys first, in document order, then the known ones in table order. */
  set_keys = trib_data_source_list_options (data_source);
  for (guint i = 0; set_keys[i]; i++)
    if (!trib_connector_option_is_known (kind, set_keys[i]))
      add_problem (problems, set_keys[i], trib_connector_check_option (kind, set_keys[i], ""));

  keys = trib_data_source_kind_get_option_keys (kind);
  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *value = trib_data_source_dup_option (data_source, keys[i]);
      char *message = trib_connector_check_option (kind, keys[i], value);

      if (message)
        add_problem (problems, keys[i], message);
    }

  if (kind == TRIB_DATA_SOURCE_KIND_S3)
    {
      const char *endpoint = trib_data_source_get_option_string (data_source, "endpoint", NULL);
      g_autofree char *text = endpoint && !strstr (endpoint, "://") ? g_strconcat ("https://", endpoint, NULL)
                                                                     : g_strdup (endpoint);
      g_autoptr(GUri) uri = text ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;
      const char *bucket = trib_data_source_get_option_string (data_source, "bucket", "");

      if (uri && !trib_connector_s3_uses_path_style (data_source) &&
          g_hostname_is_ip_address (g_uri_get_host (uri)))
        add_problem (problems, "path_style",
                     g_strdup (_("path_style: virtual-hosted addressing (bucket.host) needs a host name, not an IP address; set path_style to true")));
      else if (uri && !trib_connector_s3_uses_path_style (data_source) && strchr (bucket, '.') &&
               g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
        add_problem (problems, "path_style",
                     g_strdup (_("path_style: a bucket name with dots does not match the server's TLS certificate in virtual-hosted addressing; set path_style to true")));
    }

  if (kind == TRIB_DATA_SOURCE_KIND_MYSQL)
    {
      const char *tls = trib_data_source_get_option_string (data_source, "tls", "preferred");
      const char *host = trib_data_source_get_option_string (data_source, "host", "");

      if (g_strcmp0 (tls, "verify-ca") == 0 &&
          trib_data_source_get_option_string (data_source, "ca_file", NULL) == NULL)
        add_problem (problems, "tls",
                     g_strdup (_("tls: verify-ca checks the certificate against ca_file: set ca_file")));
      if (g_strcmp0 (tls, "verify-identity") == 0 && g_hostname_is_ip_address (host) &&
          trib_data_source_get_option_string (data_source, "ca_file", NULL) == NULL)
        add_problem (problems, "tls",
                     g_strdup (_("tls: verify-identity checks the host name in the server's certificate; with an IP address, the server's certificate must be issued for that address and signed by the CA in ca_file (set ca_file), or use verify-ca")));
    }

  return problems;
}

gboolean
trib_connector_validate (TribDataSource  *data_source,
                         GError         **error)
{
  g_autoptr(GPtrArray) problems = trib_connector_check_data_source (data_source);
  g_autoptr(GString) text = NULL;

  if (problems->len == 0)
    return TRUE;

  text = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      TribFieldProblem *p = g_ptr_array_index (problems, i);
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, p->message);
    }
  g_set_error (error, TRIB_CONNECTOR_ERROR, TRIB_CONNECTOR_ERROR_INVALID_SETTINGS,
               _("data source \"%s\": %s"), trib_data_source_get_name (data_source), text->str);
  return FALSE;
}

gboolean
trib_connector_s3_uses_path_style (TribDataSource *data_source)
{
  g_autofree char *set = trib_data_source_dup_option (data_source, "path_style");
  const char *endpoint;
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (set != NULL)
    return trib_data_source_get_option_bool (data_source, "path_style", FALSE);

  endpoint = trib_data_source_get_option_string (data_source, "endpoint", NULL);
  if (endpoint == NULL)
    return FALSE;
  text = strstr (endpoint, "://") ? g_strdup (endpoint) : g_strconcat ("https://", endpoint, NULL);
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  host = uri ? g_uri_get_host (uri) : NULL;
  return host != NULL && (g_hostname_is_ip_address (host) || g_ascii_strcasecmp (host, "localhost") == 0);
}

char *
trib_connector_describe_endpoint (TribDataSource *data_source)
{
  g_return_val_if_fail (TRIB_IS_DATA_SOURCE (data_source), NULL);

  switch (trib_data_source_get_kind (data_source))
    {
    case TRIB_DATA_SOURCE_KIND_MYSQL:
      {
        const char *host = trib_data_source_get_option_string (data_source, "host", "?");
        const char *database = trib_data_source_get_option_string (data_source, "database", NULL);
        gint64 port = trib_data_source_get_option_int (data_source, "port", TRIB_MYSQL_DEFAULT_PORT);
        gboolean v6 = strchr (host, ':') != NULL;

        return g_strdup_printf ("%s%s%s:%" G_GINT64_FORMAT "%s%s", v6 ? "[" : "", host, v6 ? "]" : "", port,
                                database ? "/" : "", database ? database : "");
      }
    case TRIB_DATA_SOURCE_KIND_HTTPFILE:
      return g_strdup (trib_data_source_get_option_string (data_source, "url", "?"));
    case TRIB_DATA_SOURCE_KIND_S3:
      {
        const char *endpoint = trib_data_source_get_option_string (data_source, "endpoint", "?");
        const char *bucket = trib_data_source_get_option_string (data_source, "bucket", "?");
        g_autofree char *base = strstr (endpoint, "://") ? g_strdup (endpoint) : g_strconcat ("https://", endpoint, NULL);
        const char *sep;

        while (g_str_has_suffix (base, "/"))
          base[strlen (base) - 1] = '\0';
        if (trib_connector_s3_uses_path_style (data_source))
          return g_strdup_printf ("%s/%s", base, bucket);
        sep = strstr (base, "://");
        return g_strdup_printf ("%.*s%s.%s", (int) (sep + 3 - base), base, bucket, sep + 3);
      }
    case TRIB_DATA_SOURCE_KIND_LOCAL:
      return g_strdup (trib_data_source_get_option_string (data_source, "path", "?"));
    case TRIB_DATA_SOURCE_KIND_KYUUBI:
      return g_strdup_printf ("%s:%" G_GINT64_FORMAT " (%s)",
                              trib_data_source_get_option_string (data_source, "host", "?"),
                              trib_data_source_get_option_int (data_source, "port", TRIB_KYUUBI_DEFAULT_PORT),
                              trib_data_source_get_option_string (data_source, "transport", "sasl"));
    case TRIB_DATA_SOURCE_KIND_UNKNOWN:
    default:
      return g_strdup ("");
    }
}
