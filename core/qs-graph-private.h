/* qs-graph-private.h — what the reader and builders share with qs-graph.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-arena.h"
#include "qs-model.h"

G_BEGIN_DECLS

typedef struct
{
  QsArena      *arena;
  GStringChunk *strings;      /* interned type names, attribute keys, versions */
  QsLoadLimits  limits;
  GBytes       *bin_bytes;    /* weights given in memory (qs_model_load_from_bytes) */
} QsModelPrivate;

/* Parses a partial shape into @dims (gint64) and, when some dimension is a
 * range, @ranges (QsDimRange, one per dim).  *rank is QS_RANK_DYNAMIC for "...". */
gboolean _qs_parse_shape_into   (const char          *text,
                                 gsize                len,
                                 guint                max_rank,
                                 gint64               max_dim,
                                 int                 *rank,
                                 GArray              *dims,
                                 GArray              *ranges,
                                 GError             **error);
gboolean _qs_parse_dim          (const char          *text,
                                 gsize                len,
                                 gint64               max_dim,
                                 gint64              *dim,
                                 QsDimRange          *range,
                                 GError             **error);

/* Kahn's order over a graph as index arrays (see qs-graph.c); the reader
 * and _qs_graph_sort() share it, so that both give the same order. */
guint    _qs_topo_order         (guint                n,
                                 guint32             *pending,
                                 const guint32       *first,
                                 const guint32       *succ,
                                 guint32             *order);
/* Fills graph->topo, or returns FALSE with *cycle set to a layer on a cycle. */
gboolean _qs_graph_sort         (QsGraph             *graph,
                                 QsArena             *arena,
                                 QsNode             **cycle);
/* 0 .. n - 1 ordered by ids[], equal ids in list order (see qs-graph.c). */
void     _qs_order_by_id        (const guint64       *ids,
                                 guint                n,
                                 guint32             *order);
void     _qs_graph_index_ids    (QsGraph             *graph,
                                 QsArena             *arena);

G_END_DECLS
