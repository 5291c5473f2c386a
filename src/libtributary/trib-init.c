/* trib-init.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trib-hs2-connectivity.h"
#include "trib-init.h"

void
trib_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      trib_hs2_register_connectivity_test ();
      g_once_init_leave (&initialized, 1);
    }
}
