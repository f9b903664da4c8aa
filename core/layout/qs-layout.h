/* qs-layout.h — layered (Sugiyama-style) drawing of a graph, top to bottom
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The layout works on an abstract DAG (QsLayoutGraph: boxes with a size and
 * directed edges) so it can be tested and benchmarked without a model; an
 * adapter builds one from a loaded QsGraph the way a user wants to see it
 * (constants and weight chains folded into the layer they feed).  The result
 * (QsLayout) is geometry only: colours, selection and labels live with the
 * painter, so restyling never runs the layout again.
 */
#pragma once

#include <glib.h>

#include "qs-graph.h"

G_BEGIN_DECLS

typedef struct _QsLayoutGraph QsLayoutGraph;
typedef struct _QsLayout      QsLayout;
typedef struct _QsLayoutGroups QsLayoutGroups;

typedef enum
{
  QS_LAYOUT_FOLD_DEFAULT        = 0,       /* fold Const, FQ ranges, weight decompression */
  QS_LAYOUT_FOLD_SHOW_CONSTS    = 1 << 0,  /* every Const is a box */
  QS_LAYOUT_FOLD_SHOW_FQ_RANGES = 1 << 1,  /* FakeQuantize inputs 1-4 are boxes */
  QS_LAYOUT_FOLD_SHOW_DECOMPRESSION = 1 << 2, /* Convert/Subtract/Multiply weight chains are boxes */
} QsLayoutFoldFlags;

/* Sizes a box (in the painter's units, e.g. pixels) for @node and the nodes
 * folded into it.  The painter passes one that measures its text. */
typedef void (*QsLayoutMeasureFunc) (const QsNode  *node,
                                     QsNode * const *folded,
                                     guint          n_folded,
                                     double        *width,
                                     double        *height,
                                     gpointer       user_data);

typedef struct
{
  double x;
  double y;
} QsLayoutPoint;

typedef struct
{
  double   x;              /* centre */
  double   y;              /* centre */
  double   width;
  double   height;
  guint    rank;
  guint    order;          /* position within the rank, left to right */
} QsLayoutBox;

/* An edge is a cubic Bézier path: points[0] is the start, then every three
 * points are (control, control, end) of one piece; n_points = 1 + 3k.  Paths
 * always run downward.  A reversed edge (only when the input had a cycle)
 * runs from its target's box to its source's: draw its arrow at points[0]. */
typedef struct
{
  guint          from;
  guint          to;
  guint          n_points;
  QsLayoutPoint *points;
  gboolean       reversed;
} QsLayoutPath;

typedef struct
{
  double rank_gap;         /* vertical space between ranks (default 36) */
  double node_gap;         /* horizontal space between boxes (default 24) */
  double edge_gap;         /* width reserved for an edge passing a rank (default 10) */
  guint  order_passes;     /* down+up sweeps of crossing reduction (default 8) */
} QsLayoutOptions;

void                 qs_layout_options_init        (QsLayoutOptions     *options);

/* -- the abstract graph -- */

QsLayoutGraph       *qs_layout_graph_new           (void);
QsLayoutGraph       *qs_layout_graph_ref           (QsLayoutGraph       *graph);
void                 qs_layout_graph_unref         (QsLayoutGraph       *graph);
guint                qs_layout_graph_add_node      (QsLayoutGraph       *graph,
                                                    double               width,
                                                    double               height);
guint                qs_layout_graph_add_edge      (QsLayoutGraph       *graph,
                                                    guint                from,
                                                    guint                to);
guint                qs_layout_graph_get_n_nodes   (const QsLayoutGraph *graph);
guint                qs_layout_graph_get_n_edges   (const QsLayoutGraph *graph);
void                 qs_layout_graph_get_edge      (const QsLayoutGraph *graph,
                                                    guint                edge,
                                                    guint               *from,
                                                    guint               *to);
void                 qs_layout_graph_set_node_size (QsLayoutGraph       *graph,
                                                    guint                node,
                                                    double               width,
                                                    double               height);
void                 qs_layout_graph_get_node_size (const QsLayoutGraph *graph,
                                                    guint                node,
                                                    double              *width,
                                                    double              *height);
/* A key identifies a node across graphs (folded and unfolded views of one
 * model) for qs_layout_run_incremental().  Defaults to the node's index;
 * graphs from a QsGraph use the QsNode's index. */
void                 qs_layout_graph_set_node_key  (QsLayoutGraph       *graph,
                                                    guint                node,
                                                    guint64              key);
guint64              qs_layout_graph_get_node_key  (const QsLayoutGraph *graph,
                                                    guint                node);

/* -- built from a loaded model -- */

/* Returns a new graph with one box per visible op of @graph (not its
 * TensorIterator/Loop bodies).  @measure may be NULL for a default size
 * from the type and name.  @graph must outlive the result. */
QsLayoutGraph       *qs_layout_graph_new_from_graph      (const QsGraph       *graph,
                                                          QsLayoutFoldFlags    flags);
QsLayoutGraph       *qs_layout_graph_new_from_graph_full (const QsGraph       *graph,
                                                          QsLayoutFoldFlags    flags,
                                                          QsLayoutMeasureFunc  measure,
                                                          gpointer             user_data);
/* As qs_layout_graph_new_from_graph_full(), with the boxes showing the
 * @n_expanded ops of @expanded unfolded: each node folded into one of them
 * becomes a box of its own.  An op given by a node folded into a box
 * expands that box.  Keys are QsNode indices as always, so laying the
 * result out with qs_layout_run_incremental() from the folded layout keeps
 * the rest of the drawing in place.  @measure may be NULL. */
QsLayoutGraph       *qs_layout_graph_new_from_graph_expanded (const QsGraph        *graph,
                                                              QsLayoutFoldFlags     flags,
                                                              const QsNode * const *expanded,
                                                              guint                 n_expanded,
                                                              QsLayoutMeasureFunc   measure,
                                                              gpointer              user_data);
/* The op a box stands for (NULL for graphs built by hand). */
const QsNode        *qs_layout_graph_get_qs_node   (const QsLayoutGraph *graph,
                                                    guint                node);
/* The nodes folded into a box, in input order; owned by @graph. */
QsNode * const      *qs_layout_graph_get_folded    (const QsLayoutGraph *graph,
                                                    guint                node,
                                                    guint               *n_folded);
/* The box showing @node (its own or the one it is folded into), or -1. */
int                  qs_layout_graph_find_box      (const QsLayoutGraph *graph,
                                                    const QsNode        *node);
/* The ports an edge joins (NULL for graphs built by hand).  The input port
 * may belong to a node folded into the target box. */
void                 qs_layout_graph_get_edge_ports (const QsLayoutGraph *graph,
                                                     guint                edge,
                                                     const QsPort       **output,
                                                     const QsPort       **input);

/* -- groups by name (qs-layout-group.c) -- */

/* Layer names carry the module they come from: `stage2/conv1/...`,
 * `bottleneck1_2/dim_inc/conv`, `__module.model.layers.3.mlp/aten::linear/
 * MatMul`.  A name is cut into parts on `/` (empty parts dropped, so
 * `/model.2/cv2` is `model.2`, `cv2`).  A name starting with `__module.`
 * is cut on `.` up to its first `/` instead, a part that is a number
 * staying with the one before it (`layers.3`); what follows that `/`
 * names the op (`aten::linear/MatMul`) and is the last part.  Every
 * leading run of parts but the last is a candidate group, and so is a
 * whole name that starts other names (`block1` beside `block1/relu`).
 * A candidate is a group when it holds at least
 * QS_LAYOUT_GROUP_MIN_BOXES boxes and fewer than all of them, is not a
 * layer's own name (`conv1` with `conv1/WithoutBiases` and `conv1/
 * fq_input_0`, pieces a transformation split off one layer), and does
 * not hold exactly the boxes of a group inside it (so the chain
 * `__module` > `__module.model` is the one group `__module.model`).
 * The groups form a tree: a group's parent is the nearest group whose
 * name starts its own. */
#define QS_LAYOUT_GROUP_MIN_BOXES 4

/* Groups the boxes of @graph (built from a QsGraph) by their layers'
 * names.  Groups are numbered by their first box.  @graph must outlive
 * the result; the result holds no reference on it. */
QsLayoutGroups      *qs_layout_groups_new          (const QsLayoutGraph *graph);
QsLayoutGroups      *qs_layout_groups_ref          (QsLayoutGroups      *groups);
void                 qs_layout_groups_unref        (QsLayoutGroups      *groups);
guint                qs_layout_groups_get_n_groups (const QsLayoutGroups *groups);
/* The deepest group's depth (top-level groups are at depth 1), or 0. */
guint                qs_layout_groups_get_max_depth (const QsLayoutGroups *groups);
/* The leading part of the layer names, e.g. "__module.model.layers.3". */
const char          *qs_layout_groups_get_name     (const QsLayoutGroups *groups,
                                                    guint                 group);
/* The name less its parent's, e.g. "layers.3". */
const char          *qs_layout_groups_get_label    (const QsLayoutGroups *groups,
                                                    guint                 group);
int                  qs_layout_groups_get_parent   (const QsLayoutGroups *groups,
                                                    guint                 group);
guint                qs_layout_groups_get_depth    (const QsLayoutGroups *groups,
                                                    guint                 group);
/* Boxes (of the graph the groups were made from) inside, at any depth. */
guint                qs_layout_groups_get_n_boxes  (const QsLayoutGroups *groups,
                                                    guint                 group);
/* The innermost group holding box @box of that graph, or -1. */
int                  qs_layout_groups_get_box_group (const QsLayoutGroups *groups,
                                                     guint                 box);
/* Whether @group is @ancestor or inside it. */
gboolean             qs_layout_groups_is_inside    (const QsLayoutGroups *groups,
                                                    guint                 group,
                                                    guint                 ancestor);

/* The group's level, counted from the groups a big graph opens with:
 * a group holding more than half of all boxes is a frame around the
 * model (`__module.model`) and has level 0; below it, a group's level is
 * one more than that of its nearest parent of level 1 or more (so
 * top-level groups have level 1). */
guint                qs_layout_groups_get_level    (const QsLayoutGroups *groups,
                                                    guint                 group);
/* Sets @collapsed[group] (one per group) for the groups of level @level:
 * qs_layout_graph_new_collapsed() then draws the model at that level.
 * Level 0 collapses nothing. */
void                 qs_layout_groups_collapse_level (const QsLayoutGroups *groups,
                                                      guint                 level,
                                                      gboolean             *collapsed);

/* Sizes the box of a collapsed group; NULL gives a default size. */
typedef void (*QsLayoutGroupMeasureFunc) (const QsLayoutGroups *groups,
                                          guint                 group,
                                          guint                 n_boxes,
                                          double               *width,
                                          double               *height,
                                          gpointer              user_data);

/* A new graph where every group with @collapsed[group] set, and no
 * collapsed group around it, is one box.  @graph is the graph @groups
 * were made from (its boxes keep their sizes and keys).  Edges into and
 * out of a collapsed group are merged: one per pair of boxes, keeping the
 * ports of the first; edges inside it vanish.  The box of a group stands
 * for the op of its first box (qs_layout_graph_get_qs_node()), and its
 * folded nodes are the ops of its boxes, in order, then what was folded
 * into them; qs_layout_graph_find_box() finds the group's box for any of
 * them.  A box that feeds that group alone goes into it too, without
 * counting as one of its layers, when it is of no group and constant-like
 * (no input reaches it) or named after its type by a converter
 * (`Gather_1237`), or of a frame (level 0) around it: the helpers of a
 * module (a float bias's Convert, a shape computation) are not left
 * beside it.  Its key is G_MAXUINT32 + 1 + group, so that
 * qs_layout_run_incremental() keeps the drawing when a group opens.
 * @collapsed may be NULL (nothing collapsed). */
QsLayoutGraph       *qs_layout_graph_new_collapsed (QsLayoutGraph            *graph,
                                                    QsLayoutGroups           *groups,
                                                    const gboolean           *collapsed,
                                                    QsLayoutGroupMeasureFunc  measure,
                                                    gpointer                  user_data);
/* The group box @box stands for, or -1 for a box of a layer; with
 * @n_layers (nullable), how many of its folded nodes are layers (boxes of
 * the graph before collapsing). */
int                  qs_layout_graph_get_group     (const QsLayoutGraph *graph,
                                                    guint                box,
                                                    guint               *n_layers);
/* The groups of a collapsed graph, or NULL. */
QsLayoutGroups      *qs_layout_graph_get_groups    (const QsLayoutGraph *graph);

/* -- the layout -- */

/* Lays @graph out.  @options may be NULL.  Returns a new layout holding a
 * reference on @graph. */
QsLayout            *qs_layout_run                 (QsLayoutGraph       *graph,
                                                    const QsLayoutOptions *options);
/* As qs_layout_run(), starting the crossing reduction from @previous's left
 * to right order (matched by node key), so that folding or unfolding a chain
 * keeps the rest of the drawing where it was. */
QsLayout            *qs_layout_run_incremental     (QsLayoutGraph       *graph,
                                                    const QsLayout      *previous,
                                                    const QsLayoutOptions *options);
QsLayout            *qs_layout_ref                 (QsLayout            *layout);
void                 qs_layout_unref               (QsLayout            *layout);

QsLayoutGraph       *qs_layout_get_graph           (const QsLayout      *layout);
const QsLayoutBox   *qs_layout_get_box             (const QsLayout      *layout,
                                                    guint                node);
/* One path per edge of the graph, indexed like the graph's edges. */
const QsLayoutPath  *qs_layout_get_path            (const QsLayout      *layout,
                                                    guint                edge);
void                 qs_layout_get_size            (const QsLayout      *layout,
                                                    double              *width,
                                                    double              *height);
guint                qs_layout_get_n_ranks         (const QsLayout      *layout);
/* Edge crossings of the layered drawing (long edges counted along their
 * dummy nodes), as left by the crossing reduction. */
guint64              qs_layout_get_crossings       (const QsLayout      *layout);
/* Nodes added on long edges, and the seconds each stage took. */
guint                qs_layout_get_n_dummies       (const QsLayout      *layout);
const double        *qs_layout_get_stage_seconds   (const QsLayout      *layout,
                                                    guint               *n_stages);

/* The exact number of crossings between two adjacent layers: edge i joins
 * position upper[i] to position lower[i].  O(E log V) (Barth, Jünger and
 * Mutzel's accumulator tree). */
guint64              qs_layout_count_crossings     (guint                n_edges,
                                                    const guint         *upper,
                                                    const guint         *lower,
                                                    guint                n_lower);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsLayoutGraph, qs_layout_graph_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsLayout, qs_layout_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsLayoutGroups, qs_layout_groups_unref)

G_END_DECLS
