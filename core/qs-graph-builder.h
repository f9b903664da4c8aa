/* qs-graph-builder.h — making a QsModel in memory
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The reader is not the only source of graphs: the low-precision
 * transformation and the tests build theirs with this.  A builder owns a new
 * model (one arena, Const data copied into it); nodes get their ports when
 * they are added, and edges, consumer lists, the parameter/result lists and
 * the topological order are worked out by qs_graph_builder_finish().
 *
 * Nodes are plain QsNode structs; until finish() their fields may be set
 * directly (element types and shapes of ports through the helpers below,
 * because shapes live in the arena).
 */
#pragma once

#include "qs-graph.h"
#include "qs-model.h"

G_BEGIN_DECLS

typedef struct _QsGraphBuilder QsGraphBuilder;

/* @name: the model's name (written as <net name="">). */
QsGraphBuilder *qs_graph_builder_new        (const char          *name);
void            qs_graph_builder_free       (QsGraphBuilder      *builder);

/* Adds a node with @n_inputs and @n_outputs ports (element type undefined,
 * rank 0); its id is its position and its name @name (or "TYPE_ID" when
 * %NULL).  @version "" or %NULL means none.  The builder owns the node. */
QsNode         *qs_graph_builder_add_node   (QsGraphBuilder      *builder,
                                             const char          *type,
                                             const char          *version,
                                             const char          *name,
                                             guint                n_inputs,
                                             guint                n_outputs);
/* Sets or replaces a <data> attribute. */
void            qs_graph_builder_set_attr   (QsGraphBuilder      *builder,
                                             QsNode              *node,
                                             const char          *key,
                                             const char          *value);
void            qs_graph_builder_set_port   (QsGraphBuilder      *builder,
                                             QsPort              *port,
                                             QsElementType        element_type,
                                             int                  rank,
                                             const gint64        *dims);
/* The same, copying a shape of any model (ranges included). */
void            qs_graph_builder_set_port_shape (QsGraphBuilder  *builder,
                                             QsPort              *port,
                                             QsElementType        element_type,
                                             const QsShape       *shape);
/* Output port names (the names="" text, escaped as in the IR). */
void            qs_graph_builder_set_port_names (QsGraphBuilder  *builder,
                                             QsPort              *port,
                                             const char          *names);

/* A Const holding a copy of @data (@size bytes, packed as @element_type
 * stores it); element_type/shape attributes and the output port are set. */
QsNode         *qs_graph_builder_add_const  (QsGraphBuilder      *builder,
                                             const char          *name,
                                             QsElementType        element_type,
                                             int                  rank,
                                             const gint64        *dims,
                                             gconstpointer        data,
                                             gsize                size);
/* An f32 Const, for scales and offsets. */
QsNode         *qs_graph_builder_add_const_f32 (QsGraphBuilder   *builder,
                                             const char          *name,
                                             int                  rank,
                                             const gint64        *dims,
                                             const float         *values);
/* An f32 Const whose values the caller writes into *@values (uninitialised,
 * valid as long as the builder's graph), instead of handing in a copy. */
QsNode         *qs_graph_builder_add_const_f32_filled (QsGraphBuilder *builder,
                                             const char          *name,
                                             int                  rank,
                                             const gint64        *dims,
                                             float              **values);

/* A copy of @original (type, version, name, attributes, ports with their
 * types, shapes, names and rt_info; Const data copied; bodies and port maps
 * shared, valid while the original model lives), without edges.  The copy's
 * origin points at @original; its id is new. */
QsNode         *qs_graph_builder_copy_node  (QsGraphBuilder      *builder,
                                             const QsNode        *original);

/* Replaces @node's <rt_info> XML text (copied; NULL: none). */
void            qs_graph_builder_set_rt_info (QsGraphBuilder     *builder,
                                             QsNode              *node,
                                             const char          *rt_info);

/* Connects output @out of @from to input @in of @to.  FALSE when the input
 * already has a source or a port does not exist. */
gboolean        qs_graph_builder_connect    (QsGraphBuilder      *builder,
                                             QsNode              *from,
                                             guint                out,
                                             QsNode              *to,
                                             guint                in,
                                             GError             **error);

/* Net-level XML text kept as is by the writer (rt_info, meta_data, ...). */
void            qs_graph_builder_set_net_text (QsGraphBuilder    *builder,
                                             const char          *rt_info,
                                             const char          *meta_data,
                                             const char          *quantization_parameters);

/* Resolves consumers, lists parameters/results/sinks, sorts.  Returns the
 * model (transfer full) or %NULL with QS_IR_ERROR_CYCLE / _EDGE; either way
 * the builder is spent and must only be freed. */
QsModel        *qs_graph_builder_finish     (QsGraphBuilder      *builder,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsGraphBuilder, qs_graph_builder_free)

G_END_DECLS
