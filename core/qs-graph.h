/* qs-graph.h — the in-memory graph of an OpenVINO IR model
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Nodes, ports and edges are plain structs owned by the QsModel they came
 * from (one arena per model), so a 100,000-layer model is a handful of large
 * allocations.  Fields are public and read-only: code that wants a different
 * graph (the low-precision transformation, for one) builds a new one with
 * QsGraphBuilder instead of editing this one.
 */
#pragma once

#include <glib.h>

#include "qs-element-type.h"

G_BEGIN_DECLS

typedef struct _QsModel QsModel;
typedef struct _QsGraph QsGraph;
typedef struct _QsNode  QsNode;
typedef struct _QsPort  QsPort;

/* A dimension written as -1 or "?" is dynamic.  Ranges ("1..8") keep both
 * bounds; an open upper bound is QS_DIM_UNBOUNDED. */
#define QS_DIM_DYNAMIC   (-1)
#define QS_DIM_UNBOUNDED G_MAXINT64
#define QS_RANK_DYNAMIC  (-1)

typedef struct
{
  gint64 min;
  gint64 max;
} QsDimRange;

typedef struct
{
  int         rank;        /* QS_RANK_DYNAMIC when the rank itself is unknown */
  gint64     *dims;        /* QS_DIM_DYNAMIC for a dynamic or ranged dimension */
  QsDimRange *ranges;      /* NULL unless some dimension is a range */
} QsShape;

struct _QsPort
{
  QsNode        *node;
  guint          index : 31;     /* position among the node's inputs or outputs */
  guint          is_output : 1;
  guint          xml_id;         /* the port id written in the XML */
  QsElementType  element_type;   /* from precision=""; UNDEFINED when absent */
  guint          n_consumers;    /* (with consumers below) */
  QsShape        shape;          /* from the <dim> children */
  const char    *names;          /* names="" as written (commas escaped as "\,"), or NULL */
  const char    *rt_info;        /* the <rt_info> element as XML text, or NULL */

  /* Connectivity.  An input has at most one source; an output any number of consumers. */
  QsPort        *source;
  QsPort       **consumers;
};

typedef struct
{
  QsElementType  element_type;
  QsShape        shape;
  guint64        n_elements;
  guint64        offset;         /* into the .bin */
  guint64        size;           /* bytes */
  const guint8  *data;           /* a view into the mapped .bin; NULL when loaded without weights */
} QsConstData;

struct _QsNode
{
  QsGraph      *graph;
  guint         index;           /* position in graph->nodes (document order) */
  guint         line;            /* line of <layer> in the XML */
  guint64       id;
  const char   *name;
  const char   *type;            /* as written: "Const", "SoftMax", ... */
  const char   *version;         /* "opset1", "extension", ...; "" when absent */

  guint         n_attrs;         /* the <data> attributes, as text */
  guint         n_bodies;        /* (below; the two counts share a word) */
  const char  **attr_keys;
  const char  **attr_values;

  guint         n_inputs;
  guint         n_outputs;
  QsPort       *inputs;
  QsPort       *outputs;

  const char   *rt_info;         /* the layer's <rt_info> as XML text, or NULL */
  QsConstData  *konst;           /* Const layers only */

  /* TensorIterator, Loop and If keep their bodies (n_bodies above) as nested
   * graphs, and their <port_map>/<back_edges> (then_/else_ for If) as XML text. */
  QsGraph     **bodies;
  const char  **body_names;      /* "body", "then_body", "else_body" */
  const char   *port_maps;

  /* Graphs made by QsGraphBuilder: the node of another model this one comes
   * from (valid while that model lives), or NULL. */
  const QsNode *origin;
};

struct _QsGraph
{
  QsModel      *model;
  QsNode       *parent;          /* the TensorIterator/Loop/If owning this body, or NULL */
  guint         n_nodes;
  QsNode      **nodes;           /* document order */
  QsNode      **topo;            /* a topological order, producers before consumers */
  guint         n_parameters;
  QsNode      **parameters;      /* model inputs, document order */
  guint         n_results;
  QsNode      **results;         /* model outputs, document order */
  guint         n_sinks;
  QsNode      **sinks;           /* Assign and other stateful sinks */

  /*< private >*/
  QsNode      **by_id;           /* sorted by id, for qs_graph_find_node() */
};

/* Nodes */
QsNode      *qs_graph_find_node        (const QsGraph  *graph,
                                        guint64         id);
QsNode      *qs_graph_find_node_by_name (const QsGraph *graph,
                                        const char     *name);
gboolean     qs_node_is_type           (const QsNode   *node,
                                        const char     *type);
int          qs_node_opset             (const QsNode   *node);
QsNode      *qs_node_input_node        (const QsNode   *node,
                                        guint           input);
const QsPort *qs_node_input_source     (const QsNode   *node,
                                        guint           input);

/* <data> attributes.  Lists accept "1,2" and "1, 2"; "" is an empty list. */
const char  *qs_node_get_attr          (const QsNode   *node,
                                        const char     *key);
gboolean     qs_node_get_int           (const QsNode   *node,
                                        const char     *key,
                                        gint64          fallback,
                                        gint64         *value,
                                        GError        **error);
gboolean     qs_node_get_double        (const QsNode   *node,
                                        const char     *key,
                                        double          fallback,
                                        double         *value,
                                        GError        **error);
gboolean     qs_node_get_bool          (const QsNode   *node,
                                        const char     *key,
                                        gboolean        fallback,
                                        gboolean       *value,
                                        GError        **error);
GArray      *qs_node_get_int_list      (const QsNode   *node,
                                        const char     *key,
                                        GError        **error);
GArray      *qs_node_get_float_list    (const QsNode   *node,
                                        const char     *key,
                                        GError        **error);

/* Plain parsers behind the getters, shared with the reader. */
gboolean     qs_parse_int64            (const char     *text,
                                        gint64         *value);
gboolean     qs_parse_double           (const char     *text,
                                        double         *value);
gboolean     qs_parse_bool             (const char     *text,
                                        gboolean       *value);
GArray      *qs_parse_int_list         (const char     *text);
GArray      *qs_parse_float_list       (const char     *text);
gboolean     qs_parse_shape            (const char     *text,
                                        QsShape        *shape,
                                        GError        **error);
void         qs_shape_clear            (QsShape        *shape);

/* Shapes */
gboolean     qs_shape_is_static        (const QsShape  *shape);
/* By node index: whether the node's value depends on no model input: a
 * Const, or a node whose every input is such (Parameter, ReadValue and
 * Assign never are).  What the executor folds once per plan, and what the
 * analyses call weights and their subgraphs.  A new array. */
gboolean    *qs_graph_constant_nodes   (const QsGraph  *graph);
/* Whether @node is a FakeQuantize of an activation: its data input is not
 * constant by @constant (qs_graph_constant_nodes() of its graph). */
gboolean     qs_node_quantizes_activation (const QsNode   *node,
                                        const gboolean *constant);
gboolean     qs_shape_n_elements       (const QsShape  *shape,
                                        guint64        *n_elements);
char        *qs_shape_to_string        (const QsShape  *shape);
gboolean     qs_shape_equal            (const QsShape  *a,
                                        const QsShape  *b);

/* Tensor names of an output port, unescaped.  Free with g_strfreev(). */
char       **qs_port_dup_names         (const QsPort   *port);

/* Const data read as float32 (any numeric type, sub-byte and f8 included).
 * Returns a new array of konst->n_elements floats, or NULL with @error set. */
float       *qs_const_to_f32           (const QsNode   *node,
                                        GError        **error);

G_END_DECLS
