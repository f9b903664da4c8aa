/* qs-graph-view-private.h — QsGraphView internals for tests and benchmarks
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-graph-view.h"

G_BEGIN_DECLS

/* With @enabled FALSE every frame paints the graph directly, as the view
 * did before it cached the zoomed-out picture (to compare the two). */
void _qs_graph_view_set_cache_enabled (QsGraphView *self,
                                       gboolean     enabled);

G_END_DECLS
