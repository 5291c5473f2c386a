/* trib-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRIB_TYPE_APPLICATION (trib_application_get_type ())

G_DECLARE_FINAL_TYPE (TribApplication, trib_application, TRIB, APPLICATION, AdwApplication)

TribApplication *trib_application_new          (void);
GSettings       *trib_application_get_settings (TribApplication *self);
/* Puts @directory first in the recent workspaces, keeping at most ten. */
void             trib_application_add_recent   (TribApplication *self,
                                                GFile           *directory);
void             trib_application_forget_recent (TribApplication *self,
                                                 GFile           *directory);

G_END_DECLS
