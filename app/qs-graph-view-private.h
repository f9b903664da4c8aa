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

/* Puts layout point (@cx, @cy) at the centre, at once (panning). */
void _qs_graph_view_set_center        (QsGraphView *self,
                                       double       cx,
                                       double       cy);

/* TRUE while a new picture of the graph is being painted tile by tile
 * (after a zoom step or a pan out of the last one). */
gboolean _qs_graph_view_is_refining   (QsGraphView *self);

/* The frames that painted tiles of a new picture since the last call, and
 * the longest time one of them spent on it. */
void     _qs_graph_view_take_refine_stats (QsGraphView *self,
                                           guint       *ticks,
                                           double      *longest_ms);

/* The mini-map's rectangle in widget coordinates; FALSE when none is shown. */
gboolean _qs_graph_view_get_minimap_rect (QsGraphView       *self,
                                          cairo_rectangle_t *rect);

G_END_DECLS
