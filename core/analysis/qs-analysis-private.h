/* qs-json-private.h — what the readers of qscope's JSON files share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One past the '}' of the JSON object @data starts with, or 0 (see
 * qs-analysis-json.c for why the readers cut it out themselves). */
gsize _qs_json_object_end (const char *data,
                           gsize       length);

G_END_DECLS
