/* qs-nncf.h — the NNCF quantization settings an IR carries
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * NNCF writes the arguments of nncf.quantize() into the model's rt_info
 * under nncf/quantization: preset, target_device, model_type, subset_size,
 * fast_bias_correction, advanced_parameters, ... and ignored_scope with its
 * lists names, patterns, types and subgraphs, each a Python literal
 * ("['/model.22/Sigmoid']").  A layer NNCF ignored gets no FakeQuantize on
 * its inputs, which is the root cause when it stays fp32.
 *
 * The scope matches as NNCF does (nncf/scopes.py,
 * get_ignored_node_names_from_ignored_scope): a name exactly, a pattern as
 * a regular expression from the start of the name (Python's re.match), a
 * type by the op type, a subgraph as every layer on a path from one of its
 * inputs to one of its outputs, both included.
 */
#pragma once

#include "qs-model.h"

G_BEGIN_DECLS

#define QS_NNCF_ERROR (qs_nncf_error_quark ())

typedef enum
{
  QS_NNCF_ERROR_FORMAT = 1,   /* a setting qscope cannot read */
} QsNncfError;

GQuark qs_nncf_error_quark (void);

typedef struct _QsNncfSettings QsNncfSettings;

typedef struct
{
  char *key;     /* "preset", "ignored_scope/patterns", ... */
  char *value;   /* as written */
} QsNncfEntry;

/* The settings in @model's rt_info, or NULL (no error) when it has none.
 * An rt_info that is not well-formed, a scope list that is not a Python
 * list of strings or a pattern that is not a regular expression is an
 * error. */
QsNncfSettings    *qs_nncf_settings_from_model  (const QsModel         *model,
                                                 GError               **error);
QsNncfSettings    *qs_nncf_settings_from_rt_info (const char           *rt_info_xml,
                                                 GError               **error);
void               qs_nncf_settings_free        (QsNncfSettings        *settings);

/* Every entry under nncf/quantization, document order (QsNncfEntry *). */
const GPtrArray   *qs_nncf_settings_get_entries (const QsNncfSettings  *settings);
/* The value of @key ("preset", "ignored_scope/names"), or NULL. */
const char        *qs_nncf_settings_get         (const QsNncfSettings  *settings,
                                                 const char            *key);
/* The strings of one ignored_scope list ("names", "patterns", "types"),
 * NULL-terminated, never NULL. */
const char *const *qs_nncf_settings_get_ignored (const QsNncfSettings  *settings,
                                                 const char            *list);

/* Whether NNCF's ignored scope covers @node; @rule (nullable) gets which
 * entry does, for a person: "name '/model.22/Sigmoid'", "pattern
 * '.*dfl.*'", "type 'Multiply'", "subgraph 1" (free it). */
gboolean           qs_nncf_settings_ignores     (const QsNncfSettings  *settings,
                                                 const QsNode          *node,
                                                 char                 **rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsNncfSettings, qs_nncf_settings_free)

G_END_DECLS
