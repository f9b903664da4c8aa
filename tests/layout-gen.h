/* layout-gen.h — network-shaped graphs for the layout tests and benchmark
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Random graphs are a poor stand-in for a model: what stresses a layered
 * drawing of a quantized CNN or transformer is long chains, residual skips
 * that span a block, fan-out into parallel branches joined by a Concat, and a
 * few very long edges (a second input, feature-pyramid taps).  This builds
 * such graphs, as they look after folding (one box per op), deterministically
 * from a seed.
 */
#pragma once

#include <string.h>

#include "qs-layout.h"

typedef struct
{
  QsLayoutGraph *graph;
  GPtrArray     *types;        /* const char *, per node */
  guint32        state;
} LayoutGen;

static inline guint32
layout_gen_rand (LayoutGen *gen,
                 guint32    n)
{
  /* xorshift32: the same graphs on every machine. */
  gen->state ^= gen->state << 13;
  gen->state ^= gen->state >> 17;
  gen->state ^= gen->state << 5;
  return gen->state % n;
}

static inline guint
layout_gen_node (LayoutGen  *gen,
                 const char *type)
{
  gboolean folds = strcmp (type, "FakeQuantize") == 0 || strcmp (type, "Convolution") == 0 ||
                   strcmp (type, "MatMul") == 0;
  double w = CLAMP (16 + 7.0 * strlen (type) + layout_gen_rand (gen, 40), 64, 240);

  g_ptr_array_add (gen->types, (gpointer) type);
  return qs_layout_graph_add_node (gen->graph, w, folds ? 52 : 38);
}

static inline guint
layout_gen_op (LayoutGen  *gen,
               const char *type,
               guint       input)
{
  guint v = layout_gen_node (gen, type);

  qs_layout_graph_add_edge (gen->graph, input, v);
  return v;
}

/* FakeQuantize then a weighted op: the unit a quantized model repeats. */
static inline guint
layout_gen_qconv (LayoutGen *gen,
                  guint      x)
{
  return layout_gen_op (gen, "Convolution", layout_gen_op (gen, "FakeQuantize", x));
}

/* Returns a graph of about @n_nodes boxes; @types_out (optional) receives
 * each node's op type. */
static inline QsLayoutGraph *
layout_gen_network (guint       n_nodes,
                    guint32     seed,
                    GPtrArray **types_out)
{
  LayoutGen gen = { qs_layout_graph_new (), g_ptr_array_new (), seed ? seed : 1 };
  g_autoptr(GArray) taps = g_array_new (FALSE, FALSE, sizeof (guint));
  guint x, mask, n_blocks = 0, n_attn = 0;

  x = layout_gen_node (&gen, "Parameter");
  mask = layout_gen_node (&gen, "Parameter");      /* a second input used far down */
  x = layout_gen_qconv (&gen, x);
  x = layout_gen_op (&gen, "Relu", x);

  while (qs_layout_graph_get_n_nodes (gen.graph) + 16 < n_nodes)
    {
      guint kind = layout_gen_rand (&gen, 10);

      n_blocks++;
      if (kind < 4)
        {
          /* Residual block. */
          guint y = layout_gen_op (&gen, "Relu", layout_gen_qconv (&gen, x));
          guint add;

          y = layout_gen_qconv (&gen, y);
          add = layout_gen_node (&gen, "Add");
          qs_layout_graph_add_edge (gen.graph, y, add);
          qs_layout_graph_add_edge (gen.graph, x, add);
          x = layout_gen_op (&gen, "Relu", add);
        }
      else if (kind < 6)
        {
          /* Inception-like branches joined by a Concat. */
          guint n_br = 2 + layout_gen_rand (&gen, 3), b;
          guint cat = G_MAXUINT;
          guint ends[4];

          for (b = 0; b < n_br; b++)
            {
              guint y = layout_gen_qconv (&gen, x), d = layout_gen_rand (&gen, 3), k;

              for (k = 0; k < d; k++)
                y = layout_gen_qconv (&gen, layout_gen_op (&gen, "Relu", y));
              ends[b] = y;
            }
          cat = layout_gen_node (&gen, "Concat");
          for (b = 0; b < n_br; b++)
            qs_layout_graph_add_edge (gen.graph, ends[b], cat);
          x = cat;
        }
      else if (kind < 8)
        {
          /* Attention: q, k, v, softmax, residual, normalisation.  The mask
           * is recomputed every few blocks, as a model's stages do, so its
           * edges are long but not all as long as the graph. */
          guint q = layout_gen_op (&gen, "MatMul", layout_gen_op (&gen, "FakeQuantize", x));
          guint k = layout_gen_op (&gen, "MatMul", layout_gen_op (&gen, "FakeQuantize", x));
          guint v = layout_gen_op (&gen, "MatMul", layout_gen_op (&gen, "FakeQuantize", x));
          guint s = layout_gen_node (&gen, "MatMul"), a, o, add;

          qs_layout_graph_add_edge (gen.graph, q, s);
          qs_layout_graph_add_edge (gen.graph, k, s);
          a = layout_gen_node (&gen, "Add");
          qs_layout_graph_add_edge (gen.graph, s, a);
          qs_layout_graph_add_edge (gen.graph, mask, a);
          a = layout_gen_op (&gen, "Softmax", a);
          o = layout_gen_node (&gen, "MatMul");
          qs_layout_graph_add_edge (gen.graph, a, o);
          qs_layout_graph_add_edge (gen.graph, v, o);
          o = layout_gen_op (&gen, "MatMul", layout_gen_op (&gen, "FakeQuantize", o));
          add = layout_gen_node (&gen, "Add");
          qs_layout_graph_add_edge (gen.graph, o, add);
          qs_layout_graph_add_edge (gen.graph, x, add);
          x = layout_gen_op (&gen, "MVN", add);
          if (++n_attn % 8 == 0)
            mask = layout_gen_op (&gen, "Convert", layout_gen_op (&gen, "ShapeOf", x));
        }
      else if (kind < 9)
        {
          /* Downsampling, remembered as a pyramid tap. */
          x = layout_gen_op (&gen, "MaxPool", layout_gen_qconv (&gen, x));
          g_array_append_val (taps, x);
        }
      else
        {
          /* A head: a short side branch to its own output, or a pyramid
           * merge of an earlier tap. */
          if (taps->len > 0 && layout_gen_rand (&gen, 2) == 0)
            {
              guint t = g_array_index (taps, guint, layout_gen_rand (&gen, taps->len));
              guint up = layout_gen_op (&gen, "Interpolate", layout_gen_qconv (&gen, t));
              guint cat = layout_gen_node (&gen, "Concat");

              qs_layout_graph_add_edge (gen.graph, up, cat);
              qs_layout_graph_add_edge (gen.graph, x, cat);
              x = cat;
            }
          else
            {
              guint h = layout_gen_op (&gen, "Sigmoid", layout_gen_qconv (&gen, x));

              layout_gen_op (&gen, "Result", h);
            }
        }
      /* Keep the taps few so pyramid edges stay long but not innumerable. */
      if (taps->len > 8)
        g_array_remove_index (taps, 0);
    }
  layout_gen_op (&gen, "Result", x);

  if (types_out)
    *types_out = gen.types;
  else
    g_ptr_array_unref (gen.types);
  return gen.graph;
}
