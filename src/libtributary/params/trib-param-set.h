/* trib-param-set.h: a node instance's resolved scheduling parameters, and ${name} in code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "trib-node.h"
#include "trib-param-context.h"

G_BEGIN_DECLS

#define TRIB_TYPE_PARAM_SET (trib_param_set_get_type ())

G_DECLARE_FINAL_TYPE (TribParamSet, trib_param_set, TRIB, PARAM_SET, GObject)

/* Resolves every scheduling parameter of @node (script.parameters[], name=value) against
 * @context, in order. An error names the parameter and quotes the value:
 * `parameter "bizdate": $[yyyymmdd-1x]: unexpected "x" at column 12`. */
TribParamSet     *trib_param_set_new_for_node   (TribNode            *node,
                                                 TribParamContext    *context,
                                                 GError             **error);
/* Values already resolved (from the run history, or for a test). @context, if given,
 * provides the legacy names ${bdp.system.bizdate} and ${bdp.system.cyctime}. */
TribParamSet     *trib_param_set_new            (const char * const  *names,
                                                 const char * const  *values,
                                                 TribParamContext    *context);
/* A JSON object of name: value members, as trib_param_set_to_json() writes it. */
TribParamSet     *trib_param_set_new_from_json  (JsonNode            *node,
                                                 TribParamContext    *context);
JsonNode         *trib_param_set_to_json        (TribParamSet        *self);
/* "name=value name=value", the DataWorks way of listing them. */
char             *trib_param_set_to_string      (TribParamSet        *self);

TribParamContext *trib_param_set_get_context    (TribParamSet        *self);
guint             trib_param_set_get_n_items    (TribParamSet        *self);
const char       *trib_param_set_get_name       (TribParamSet        *self,
                                                 guint                position);
const char       *trib_param_set_get_value      (TribParamSet        *self,
                                                 guint                position);
const char       *trib_param_set_lookup         (TribParamSet        *self,
                                                 const char          *name);

/* Replaces every ${name} in @code by the value of the parameter @name, or of the legacy
 * ${bdp.system.bizdate} / ${bdp.system.cyctime}. Nothing else changes: $[...] and
 * $bizdate are parameter-value syntax, not code syntax, and the values are inserted as
 * they are (no quoting). A ${name} that is not defined is an error, never an empty
 * string; the message lists each undefined name with its line:
 * `${region} (line 4) is not defined: add a scheduling parameter named "region"`. */
char             *trib_param_set_substitute     (TribParamSet        *self,
                                                 const char          *code,
                                                 GError             **error);

/* The distinct names @code refers to as ${name}, in order of first use. */
GStrv             trib_params_list_references   (const char          *code);

G_END_DECLS
