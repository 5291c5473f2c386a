/* trib-diagnostic.h: one problem found in a workspace file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  TRIB_SEVERITY_ERROR,
  TRIB_SEVERITY_WARNING,
} TribSeverity;

#define TRIB_TYPE_DIAGNOSTIC (trib_diagnostic_get_type ())

G_DECLARE_FINAL_TYPE (TribDiagnostic, trib_diagnostic, TRIB, DIAGNOSTIC, GObject)

TribDiagnostic *trib_diagnostic_new          (TribSeverity    severity,
                                              const char     *file,
                                              const char     *path,
                                              const char     *message);
TribDiagnostic *trib_diagnostic_new_at       (TribSeverity    severity,
                                              const char     *file,
                                              guint           line,
                                              guint           column,
                                              const char     *message);
TribSeverity    trib_diagnostic_get_severity (TribDiagnostic *self);
const char     *trib_diagnostic_get_file     (TribDiagnostic *self);
const char     *trib_diagnostic_get_path     (TribDiagnostic *self);
guint           trib_diagnostic_get_line     (TribDiagnostic *self);
guint           trib_diagnostic_get_column   (TribDiagnostic *self);
const char     *trib_diagnostic_get_message  (TribDiagnostic *self);

/* "file: path: message", or "file:line:column: message" for a position in the text. */
char           *trib_diagnostic_to_string    (TribDiagnostic *self);

/* Appends a diagnostic built from a printf-style message to @list (a GListStore). */
void            trib_diagnostics_add         (GListStore     *list,
                                              TribSeverity    severity,
                                              const char     *file,
                                              const char     *path,
                                              const char     *format,
                                              ...) G_GNUC_PRINTF (5, 6);

gboolean        trib_diagnostics_has_errors  (GListModel     *list);

/* All diagnostics, one per line. */
char           *trib_diagnostics_to_string   (GListModel     *list);

G_END_DECLS
