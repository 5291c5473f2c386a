/* trib-sidebar.h: the workspace's workflows and data sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "libtributary.h"

G_BEGIN_DECLS

#define TRIB_TYPE_SIDEBAR (trib_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (TribSidebar, trib_sidebar, TRIB, SIDEBAR, GtkWidget)

GtkWidget     *trib_sidebar_new           (void);
TribWorkspace *trib_sidebar_get_workspace (TribSidebar   *self);
void           trib_sidebar_set_workspace (TribSidebar   *self,
                                           TribWorkspace *workspace);

typedef enum
{
  TRIB_SIDEBAR_STATUS_UNTESTED,
  TRIB_SIDEBAR_STATUS_OK,
  TRIB_SIDEBAR_STATUS_FAILED,
} TribSidebarStatus;

/* The dot beside a data source: the outcome of its last connectivity test. */
void           trib_sidebar_set_data_source_status (TribSidebar       *self,
                                                    const char        *name,
                                                    TribSidebarStatus  status,
                                                    const char        *tooltip);
TribSidebarStatus trib_sidebar_get_data_source_status (TribSidebar    *self,
                                                       const char     *name);

/* The ad hoc queries listed (NULL without a workspace). */
TribQueryStore *trib_sidebar_get_query_store (TribSidebar *self);

/* What the rows show, in order: for the UI tests. */
GStrv          _trib_sidebar_dup_workflow_titles    (TribSidebar *self);
GStrv          _trib_sidebar_dup_data_source_titles (TribSidebar *self);
GStrv          _trib_sidebar_dup_query_titles       (TribSidebar *self);

G_END_DECLS
