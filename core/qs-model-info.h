/* qs-model-info.h — the facts `qscope-cli info` prints, as JSON
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

#include "qs-model.h"

G_BEGIN_DECLS

/* Returns: (transfer full): a JSON object whose keys the README documents. */
JsonNode *qs_model_summarize (const QsModel *model);

G_END_DECLS
