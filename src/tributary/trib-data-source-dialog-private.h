/* trib-data-source-dialog-private.h: for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trib-data-source-dialog.h"

G_BEGIN_DECLS

void        _trib_data_source_dialog_set_kind      (TribDataSourceDialog *self,
                                                    TribDataSourceKind    kind);
/* @key is an option key, or "name", "description", "secret". */
void        _trib_data_source_dialog_set_field     (TribDataSourceDialog *self,
                                                    const char           *key,
                                                    const char           *value);
/* The message shown under a field, or NULL when it is fine. */
const char *_trib_data_source_dialog_get_field_error (TribDataSourceDialog *self,
                                                      const char           *key);
gboolean    _trib_data_source_dialog_is_testing    (TribDataSourceDialog *self);
/* The visible result of the last test: title, details and hint, one per line. */
char       *_trib_data_source_dialog_dup_result    (TribDataSourceDialog *self);
gboolean    _trib_data_source_dialog_can_save      (TribDataSourceDialog *self);

G_END_DECLS
