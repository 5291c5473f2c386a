/* trib-dependency.h: "node depends on upstream" (a FlowSpec spec.flow[].depends[] entry)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRIB_TYPE_DEPENDENCY (trib_dependency_get_type ())

G_DECLARE_FINAL_TYPE (TribDependency, trib_dependency, TRIB, DEPENDENCY, GObject)

TribDependency *trib_dependency_new             (const char     *node_id,
                                                 const char     *upstream_id,
                                                 const char     *output,
                                                 const char     *type);
/* The downstream node. */
const char     *trib_dependency_get_node_id     (TribDependency *self);
/* The upstream node in the same workflow; NULL when it could not be resolved or lies
 * outside the workflow. */
const char     *trib_dependency_get_upstream_id (TribDependency *self);
/* The upstream output name, when the dependency is written by output. */
const char     *trib_dependency_get_output      (TribDependency *self);
/* "Normal", "CrossCycleDependsOnSelf", ... */
const char     *trib_dependency_get_dependency_type (TribDependency *self);
void            _trib_dependency_set_upstream_id (TribDependency *self,
                                                  const char     *upstream_id);

G_END_DECLS
