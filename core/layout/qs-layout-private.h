/* qs-layout-private.h — what the layout stages share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One QsLayoutWork carries the whole pipeline (rank, order, position, route)
 * in flat arrays indexed by node and edge number, so that a 50,000-node graph
 * is a few dozen allocations and every stage is a linear pass over them.
 */
#pragma once

#include "qs-layout.h"

G_BEGIN_DECLS

struct _QsLayoutGraph
{
  gint           ref_count;
  GArray        *width;          /* double */
  GArray        *height;         /* double */
  GArray        *key;            /* guint64 */
  GArray        *from;           /* guint */
  GArray        *to;             /* guint */

  /* Only for graphs built from a QsGraph. */
  const QsGraph *source;
  GPtrArray     *qs_nodes;       /* box -> QsNode */
  GArray        *folded_start;   /* guint, n_nodes + 1 */
  GPtrArray     *folded;         /* QsNode *, concatenated per box */
  GHashTable    *box_of;         /* QsNode * -> box + 1 */
  GPtrArray     *out_ports;      /* edge -> const QsPort * */
  GPtrArray     *in_ports;       /* edge -> const QsPort * */

  /* Only for graphs with collapsed groups (qs-layout-group.c). */
  QsLayoutGroups *groups;
  GArray        *box_group;      /* int per box: the group it stands for, or -1 */
  GArray        *n_members;      /* guint per box: leading folded nodes that are layers */
};

struct _QsLayout
{
  gint           ref_count;
  QsLayoutGraph *graph;
  guint          n_nodes;
  QsLayoutBox   *boxes;
  guint          n_edges;
  QsLayoutPath  *paths;
  QsLayoutPoint *points;         /* storage behind every path */
  double         width;
  double         height;
  guint          n_ranks;
  guint          n_dummies;
  guint64        crossings;
  gboolean       alt_ranks;      /* laid out on the heuristic ranks */
  double         seconds[5];     /* rank, order, position, route, total */
};

typedef struct
{
  const QsLayoutGraph   *graph;
  QsLayoutOptions        opts;

  /* Real nodes are 0..n_real-1, dummies follow. */
  guint     n_real;
  guint     n_nodes;

  /* Distinct edges after dropping self-loops and merging parallels, each
   * pointing down (reversed when it closed a cycle). */
  guint     n_edges;
  guint    *e_from;
  guint    *e_to;
  gboolean *e_reversed;
  guint    *edge_of;             /* graph edge -> distinct edge, or G_MAXUINT */

  /* Ranks and the dummy chains: distinct edge e passes the dummies
   * chain[chain_start[e] .. chain_start[e + 1]), top to bottom. */
  guint    *rank;                /* per node, dummies included */
  guint     n_ranks;
  guint    *alt_rank;            /* other ranks worth ordering too, or NULL */
  guint     alt_n_ranks;
  guint    *chain_start;
  guint    *chain;
  guint    *dummy_edge;          /* dummy - n_real -> distinct edge */

  /* Unit edges between adjacent ranks, as CSR both ways. */
  guint     n_segs;
  guint    *up_start;            /* n_nodes + 1 */
  guint    *up;                  /* neighbours one rank above */
  guint    *up_seg;
  guint    *down_start;
  guint    *down;
  guint    *down_seg;

  /* Order: layer r is layer[layer_start[r] .. layer_start[r + 1]). */
  guint    *layer_start;
  guint    *layer;
  guint    *pos;                 /* per node, index within its layer */
  guint64   crossings;

  /* Seeds for the order (incremental layout): NULL or one double per node. */
  double   *seed;
  gboolean *pinned;              /* real nodes matched in the previous layout */

  /* Geometry. */
  double   *x;
  double   *width;               /* per node; dummies get edge_gap */
  double   *rank_y;              /* top of each rank */
  double   *rank_h;
} QsLayoutWork;

void     _qs_layout_rank      (QsLayoutWork *work);
gboolean _qs_layout_network_simplex (QsLayoutWork *work,
                                     guint        *rank,
                                     gint64        budget);
void     _qs_layout_rank_alternative (QsLayoutWork *work,
                                      QsLayoutWork *alt);
void     _qs_layout_order     (QsLayoutWork *work);
guint64  _qs_layout_count_all (QsLayoutWork *work);
void     _qs_layout_position  (QsLayoutWork *work);
void     _qs_layout_route     (QsLayoutWork *work,
                               QsLayout     *layout);

static inline double
_qs_layout_graph_width (const QsLayoutGraph *graph,
                        guint                node)
{
  return g_array_index (graph->width, double, node);
}

static inline double
_qs_layout_graph_height (const QsLayoutGraph *graph,
                         guint                node)
{
  return g_array_index (graph->height, double, node);
}

G_END_DECLS
