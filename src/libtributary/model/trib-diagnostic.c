/* trib-diagnostic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-diagnostic.h"

struct _TribDiagnostic
{
  GObject      parent_instance;
  TribSeverity severity;
  char        *file;
  char        *path;
  guint        line;
  guint        column;
  char        *message;
};

G_DEFINE_FINAL_TYPE (TribDiagnostic, trib_diagnostic, G_TYPE_OBJECT)

static void
trib_diagnostic_finalize (GObject *object)
{
  TribDiagnostic *self = (TribDiagnostic *) object;

  g_free (self->file);
  g_free (self->path);
  g_free (self->message);

  G_OBJECT_CLASS (trib_diagnostic_parent_class)->finalize (object);
}

static void
trib_diagnostic_class_init (TribDiagnosticClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trib_diagnostic_finalize;
}

static void
trib_diagnostic_init (TribDiagnostic *self)
{
}

TribDiagnostic *
trib_diagnostic_new (TribSeverity  severity,
                     const char   *file,
                     const char   *path,
                     const char   *message)
{
  TribDiagnostic *self = g_object_new (TRIB_TYPE_DIAGNOSTIC, NULL);

  self->severity = severity;
  self->file = g_strdup (file);
  self->path = g_strdup (path);
  self->message = g_strdup (message);
  return self;
}

TribDiagnostic *
trib_diagnostic_new_at (TribSeverity  severity,
                        const char   *file,
                        guint         line,
                        guint         column,
                        const char   *message)
{
  TribDiagnostic *self = trib_diagnostic_new (severity, file, NULL, message);

  self->line = line;
  self->column = column;
  return self;
}

TribSeverity
trib_diagnostic_get_severity (TribDiagnostic *self)
{
  g_return_val_if_fail (TRIB_IS_DIAGNOSTIC (self), TRIB_SEVERITY_ERROR);
  return self->severity;
}

const char *
trib_diagnostic_get_file (TribDiagnostic *self)
{
  g_return_val_if_fail (TRIB_IS_DIAGNOSTIC (self), NULL);
  return self->file;
}

const char *
trib_diagnostic_get_path (TribDiagnostic *self)
{
  g_return_val_if_fail (TRIB_IS_DIAGNOSTIC (self), NULL);
  return self->path;
}

guint
trib_diagnostic_get_line (TribDiagnostic *self)
{
  g_return_val_if_fail (TRIB_IS_DIAGNOSTIC (self), 0);
  return self->line;
}

guint
trib_diagnostic_get_column (TribDiagnostic *self)
{
  g_return_val_if_fail (TRIB_IS_DIAGNOSTIC (self), 0);
  return self->column;
}

const char *
trib_diagnostic_get_message (TribDiagnostic *self)
{
  g_return_val_if_fail (TRIB_IS_DIAGNOSTIC (self), NULL);
  return self->message;
}

char *
trib_diagnostic_to_string (TribDiagnostic *self)
{
  GString *out;

  g_return_val_if_fail (TRIB_IS_DIAGNOSTIC (self), NULL);

  out = g_string_new (self->file ? self->file : "");
  if (self->line > 0)
    g_string_append_printf (out, ":%u:%u", self->line, self->column);
  if (out->len > 0)
    g_string_append (out, ": ");
  if (self->path && *self->path)
    g_string_append_printf (out, "%s: ", self->path);
  g_string_append (out, self->message);
  return g_string_free (out, FALSE);
}

void
trib_diagnostics_add (GListStore   *list,
                      TribSeverity  severity,
                      const char   *file,
                      const char   *path,
                      const char   *format,
                      ...)
{
  g_autoptr(TribDiagnostic) diagnostic = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic = trib_diagnostic_new (severity, file, path, message);
  g_list_store_append (list, diagnostic);
}

gboolean
trib_diagnostics_has_errors (GListModel *list)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribDiagnostic) d = g_list_model_get_item (list, i);
      if (d->severity == TRIB_SEVERITY_ERROR)
        return TRUE;
    }
  return FALSE;
}

char *
trib_diagnostics_to_string (GListModel *list)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TribDiagnostic) d = g_list_model_get_item (list, i);
      g_autofree char *line = trib_diagnostic_to_string (d);

      if (out->len)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}
