/* qs-layout-fold.c — a layout graph from a loaded model, as a user reads it
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A quantized IR is mostly constants: every FakeQuantize has four range
 * inputs, every compressed weight a Const→Convert→Subtract→Multiply chain.
 * Drawn as boxes they would outnumber the layers several times over, so
 * they are folded into the box of the layer they feed, which lists them;
 * so is a constant weight's FakeQuantize with its Convert and ranges.
 * Only chains that are constant and feed nothing else are folded, so no
 * edge is ever hidden.
 */
#include "config.h"

#include <string.h>

#include "qs-layout-private.h"
#include "qs-model.h"

typedef struct
{
  const QsGraph     *graph;
  QsLayoutFoldFlags  flags;
  gboolean          *constant;
  gint              *fold_into;     /* QsNode index of the box, -1 for a box */
  GPtrArray        **folded;        /* per box QsNode index: folded nodes */
  GArray            *edges;         /* Edge */
  GHashTable        *open;          /* QsNode *: boxes that fold nothing, or NULL */
} Fold;

typedef struct
{
  const QsPort *out;
  const QsPort *in;
  guint         box;                /* QsNode index of the target box */
} Edge;

static guint
n_consumers (const QsNode *node)
{
  guint i, n = 0;

  for (i = 0; i < node->n_outputs; i++)
    n += node->outputs[i].n_consumers;
  return n;
}

static inline gboolean
is_open (Fold         *fold,
         const QsNode *node)
{
  return fold->open != NULL && g_hash_table_contains (fold->open, node);
}

static gboolean
is_folded_const (Fold         *fold,
                 const QsNode *node)
{
  return !(fold->flags & QS_LAYOUT_FOLD_SHOW_CONSTS) && !is_open (fold, node) &&
         qs_node_is_type (node, "Const") && n_consumers (node) > 0;
}

/* The ops a weight passes through between its Const and the layer: both
 * the `i8 → Convert → Multiply` decompression and the `i8 → Convert →
 * FakeQuantize` quantized weight are the layer's weights, not layers. */
static gboolean
is_decompression_op (const QsNode *node)
{
  static const char * const types[] = {
    "Convert", "Subtract", "Multiply", "Reshape", "Unsqueeze", "Transpose", "FakeQuantize",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (types); i++)
    if (qs_node_is_type (node, types[i]))
      return TRUE;
  return FALSE;
}

static gboolean
chain_ok (Fold         *fold,
          const QsNode *node)
{
  return fold->constant[node->index] && n_consumers (node) == 1 &&
         !qs_node_is_type (node, "Const");
}

static void add_inputs (Fold         *fold,
                        const QsNode *node,
                        guint         box,
                        gboolean      in_chain);

static void
fold_node (Fold         *fold,
           const QsNode *node,
           guint         box)
{
  if (fold->folded[box] == NULL)
    fold->folded[box] = g_ptr_array_new ();
  g_ptr_array_add (fold->folded[box], (gpointer) node);
  if (fold->fold_into[node->index] < 0)
    fold->fold_into[node->index] = box;
  if (!qs_node_is_type (node, "Const"))
    add_inputs (fold, node, box, TRUE);
}

/* Folds or links every input of @node, which is @box or folded into it. */
static void
add_inputs (Fold         *fold,
            const QsNode *node,
            guint         box,
            gboolean      in_chain)
{
  gboolean fq = !in_chain && qs_node_is_type (node, "FakeQuantize");
  gboolean weighted = !in_chain && (qs_node_is_type (node, "Convolution") ||
                                    qs_node_is_type (node, "GroupConvolution") ||
                                    qs_node_is_type (node, "MatMul"));
  guint i;

  for (i = 0; i < node->n_inputs; i++)
    {
      const QsPort *src = node->inputs[i].source;
      const QsNode *s;
      gboolean fold_it = FALSE;

      if (src == NULL)
        continue;
      s = src->node;
      if (is_open (fold, node) || is_open (fold, s))
        fold_it = FALSE;
      else if (is_folded_const (fold, s))
        fold_it = TRUE;
      else if (in_chain)
        fold_it = chain_ok (fold, s);
      else if (fq && i >= 1 && i <= 4 && !(fold->flags & QS_LAYOUT_FOLD_SHOW_FQ_RANGES))
        fold_it = chain_ok (fold, s);
      else if (weighted && i == 1 && !(fold->flags & QS_LAYOUT_FOLD_SHOW_DECOMPRESSION))
        fold_it = chain_ok (fold, s) && is_decompression_op (s);

      if (fold_it)
        fold_node (fold, s, box);
      else
        {
          Edge e = { src, &node->inputs[i], box };
          g_array_append_val (fold->edges, e);
        }
    }
}

static void
default_measure (const QsNode   *node,
                 QsNode * const *folded,
                 guint           n_folded,
                 double         *width,
                 double         *height,
                 gpointer        user_data)
{
  gsize chars = MAX (strlen (node->type), MIN (strlen (node->name), 28));

  *width = CLAMP (16 + 7.0 * chars, 64, 240);
  *height = n_folded > 0 ? 52 : 38;
}

static QsLayoutGraph *
build (const QsGraph       *graph,
       QsLayoutFoldFlags    flags,
       GHashTable          *open,
       QsLayoutMeasureFunc  measure,
       gpointer             user_data)
{
  QsLayoutGraph *lg;
  Fold fold = { graph, flags, };
  g_autofree guint *box_index = NULL;
  guint i, n = graph->n_nodes, zero = 0;

  g_return_val_if_fail (graph != NULL, NULL);
  if (measure == NULL)
    measure = default_measure;

  fold.constant = g_new0 (gboolean, MAX (n, 1));
  fold.fold_into = g_new (gint, MAX (n, 1));
  fold.folded = g_new0 (GPtrArray *, MAX (n, 1));
  fold.edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  fold.open = open;
  box_index = g_new (guint, MAX (n, 1));

  for (i = 0; i < n; i++)
    {
      const QsNode *node = graph->topo[i];
      gboolean c = node->n_inputs > 0 || qs_node_is_type (node, "Const");
      guint k;

      for (k = 0; k < node->n_inputs && c; k++)
        c = node->inputs[k].source != NULL && fold.constant[node->inputs[k].source->node->index];
      fold.constant[node->index] = c;
      fold.fold_into[node->index] = -1;
    }

  /* Consumers before producers: a node is folded before it would be
   * visited as a box of its own. */
  for (i = n; i-- > 0;)
    {
      const QsNode *node = graph->topo[i];

      if (fold.fold_into[node->index] >= 0 || is_folded_const (&fold, node))
        continue;
      add_inputs (&fold, node, node->index, FALSE);
    }

  lg = qs_layout_graph_new ();
  lg->source = graph;
  lg->qs_nodes = g_ptr_array_new ();
  lg->folded_start = g_array_new (FALSE, FALSE, sizeof (guint));
  lg->folded = g_ptr_array_new ();
  lg->box_of = g_hash_table_new (NULL, NULL);
  lg->out_ports = g_ptr_array_new ();
  lg->in_ports = g_ptr_array_new ();
  g_array_append_val (lg->folded_start, zero);

  for (i = 0; i < n; i++)
    {
      QsNode *node = graph->nodes[i];
      GPtrArray *f = fold.folded[node->index];
      guint b, k;
      double w, h;

      box_index[node->index] = G_MAXUINT;
      if (fold.fold_into[node->index] >= 0 || is_folded_const (&fold, node))
        continue;
      measure (node, f ? (QsNode * const *) f->pdata : NULL, f ? f->len : 0, &w, &h, user_data);
      b = qs_layout_graph_add_node (lg, w, h);
      qs_layout_graph_set_node_key (lg, b, node->index);
      box_index[node->index] = b;
      g_ptr_array_add (lg->qs_nodes, node);
      g_hash_table_insert (lg->box_of, node, GUINT_TO_POINTER (b + 1));
      for (k = 0; f && k < f->len; k++)
        g_ptr_array_add (lg->folded, f->pdata[k]);
      k = lg->folded->len;
      g_array_append_val (lg->folded_start, k);
    }
  for (i = 0; i < n; i++)
    {
      const QsNode *node = graph->nodes[i];

      if (fold.fold_into[node->index] >= 0 && box_index[node->index] == G_MAXUINT)
        g_hash_table_insert (lg->box_of, (gpointer) node,
                             GUINT_TO_POINTER (box_index[fold.fold_into[node->index]] + 1));
    }

  for (i = 0; i < fold.edges->len; i++)
    {
      const Edge *e = &g_array_index (fold.edges, Edge, i);
      guint from = box_index[e->out->node->index];

      g_assert (from != G_MAXUINT);
      qs_layout_graph_add_edge (lg, from, box_index[e->box]);
      g_ptr_array_add (lg->out_ports, (gpointer) e->out);
      g_ptr_array_add (lg->in_ports, (gpointer) e->in);
    }

  for (i = 0; i < n; i++)
    if (fold.folded[i])
      g_ptr_array_unref (fold.folded[i]);
  g_free (fold.folded);
  g_free (fold.constant);
  g_free (fold.fold_into);
  g_array_unref (fold.edges);
  return lg;
}

QsLayoutGraph *
qs_layout_graph_new_from_graph_full (const QsGraph       *graph,
                                     QsLayoutFoldFlags    flags,
                                     QsLayoutMeasureFunc  measure,
                                     gpointer             user_data)
{
  return build (graph, flags, NULL, measure, user_data);
}

/* The nodes folded into each expanded box (in the view @flags gives)
 * become boxes of their own and fold nothing; everything else folds as
 * before.  A Const shared with a box that stays folded is then a box with
 * an edge to that one too: a node is either a box or folded, never both. */
QsLayoutGraph *
qs_layout_graph_new_from_graph_expanded (const QsGraph        *graph,
                                         QsLayoutFoldFlags     flags,
                                         const QsNode * const *expanded,
                                         guint                 n_expanded,
                                         QsLayoutMeasureFunc   measure,
                                         gpointer              user_data)
{
  g_autoptr(QsLayoutGraph) folded = NULL;
  g_autoptr(GHashTable) open = NULL;
  guint i, k;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (expanded != NULL || n_expanded == 0, NULL);
  if (measure == NULL)
    measure = default_measure;
  if (n_expanded == 0)
    return build (graph, flags, NULL, measure, user_data);

  folded = build (graph, flags, NULL, measure, user_data);
  open = g_hash_table_new (NULL, NULL);
  for (i = 0; i < n_expanded; i++)
    {
      int box = qs_layout_graph_find_box (folded, expanded[i]);
      QsNode * const *f;
      guint nf;

      if (box < 0)
        continue;
      g_hash_table_add (open, (gpointer) qs_layout_graph_get_qs_node (folded, box));
      f = qs_layout_graph_get_folded (folded, box, &nf);
      for (k = 0; k < nf; k++)
        g_hash_table_add (open, f[k]);
    }
  return build (graph, flags, open, measure, user_data);
}

QsLayoutGraph *
qs_layout_graph_new_from_graph (const QsGraph     *graph,
                                QsLayoutFoldFlags  flags)
{
  return qs_layout_graph_new_from_graph_full (graph, flags, NULL, NULL);
}
