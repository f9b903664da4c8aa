/* test-lpt.c — FakeQuantize analysis, builder/writer, the transformation
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "qscope-core.h"
#include "qs-graph-builder.h"
#include "qs-ir-writer.h"
#include "qs-fq-analysis.h"
#include "qs-lpt.h"
#include "qs-exec.h"
#include "qs-test-dir.h"

static gint64 d4[4] = { 1, 2, 4, 4 };

static QsNode *
scalar (QsGraphBuilder *b, float v)
{
  return qs_graph_builder_add_const_f32 (b, NULL, 0, NULL, &v);
}

/* Parameter → FQ(levels, ranges) → Convolution(1x1, 2→2, weights FQ) → Result */
static QsModel *
conv_model (guint levels, float il, float ih, gboolean per_channel_act, float w_ol)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("t");
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "fq", 5, 1);
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", "conv", 2, 1);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "out", 1, 0);
  QsNode *wfq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "wfq", 5, 1);
  gint64 wd[4] = { 2, 2, 1, 1 }, cd[4] = { 1, 2, 1, 1 };
  float wv[4] = { 0.3f, -0.2f, 0.1f, 0.5f };
  float lo2[2] = { il, il * 2 }, hi2[2] = { ih, ih * 2 };
  QsNode *wk = qs_graph_builder_add_const_f32 (b, "w", 4, wd, wv);
  g_autofree char *lv = g_strdup_printf ("%u", levels);
  guint i;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, d4);
  for (i = 0; i < 5; i++)
    qs_graph_builder_set_port (b, &fq->inputs[i], QS_ELEMENT_F32, i == 0 ? 4 : 0, d4);
  qs_graph_builder_set_port (b, &fq->outputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_attr (b, fq, "levels", lv);
  qs_graph_builder_connect (b, p, 0, fq, 0, NULL);
  if (per_channel_act)
    {
      QsNode *k[4] = { qs_graph_builder_add_const_f32 (b, NULL, 4, cd, lo2), qs_graph_builder_add_const_f32 (b, NULL, 4, cd, hi2),
                       qs_graph_builder_add_const_f32 (b, NULL, 4, cd, lo2), qs_graph_builder_add_const_f32 (b, NULL, 4, cd, hi2) };
      for (i = 0; i < 4; i++)
        {
          qs_graph_builder_set_port (b, &fq->inputs[i + 1], QS_ELEMENT_F32, 4, cd);
          qs_graph_builder_connect (b, k[i], 0, fq, i + 1, NULL);
        }
    }
  else
    {
      qs_graph_builder_connect (b, scalar (b, il), 0, fq, 1, NULL);
      qs_graph_builder_connect (b, scalar (b, ih), 0, fq, 2, NULL);
      qs_graph_builder_connect (b, scalar (b, il), 0, fq, 3, NULL);
      qs_graph_builder_connect (b, scalar (b, ih), 0, fq, 4, NULL);
    }
  qs_graph_builder_set_attr (b, wfq, "levels", "255");
  qs_graph_builder_set_port (b, &wfq->inputs[0], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &wfq->outputs[0], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_connect (b, wk, 0, wfq, 0, NULL);
  qs_graph_builder_connect (b, scalar (b, -1.27f), 0, wfq, 1, NULL);
  qs_graph_builder_connect (b, scalar (b, 1.27f), 0, wfq, 2, NULL);
  qs_graph_builder_connect (b, scalar (b, w_ol), 0, wfq, 3, NULL);
  qs_graph_builder_connect (b, scalar (b, 1.27f), 0, wfq, 4, NULL);
  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_connect (b, fq, 0, conv, 0, NULL);
  qs_graph_builder_connect (b, wfq, 0, conv, 1, NULL);
  qs_graph_builder_connect (b, conv, 0, res, 0, NULL);
  return qs_graph_builder_finish (b, NULL);
}

static const QsLptDecision *
decision_of (QsLptResult *r, const char *name)
{
  QsModel *m = qs_lpt_result_get_original (r);
  return qs_lpt_result_get_decision (r, qs_graph_find_node_by_name (m->graph, name));
}

/* ------------------------------------------------------------------------ */
/* Small handwritten graphs: Parameter [1,2,4,4] → FQ → (op under test) →
 * Convolution 1x1 2→2 with FQ weights → [FQ → Convolution] → Result.       */

typedef struct
{
  QsGraphBuilder *b;
  guint           n;
} Net;

static gint64 wd4[4] = { 2, 2, 1, 1 };

static void
net_port (Net *net, QsPort *port, int rank, const gint64 *dims)
{
  qs_graph_builder_set_port (net->b, port, QS_ELEMENT_F32, rank, dims);
}

static QsNode *
net_const (Net *net, int rank, const gint64 *dims, const float *v)
{
  return qs_graph_builder_add_const_f32 (net->b, NULL, rank, dims, v);
}

static QsNode *
net_i64 (Net *net, guint n, const gint64 *v)
{
  gint64 d[1] = { n };
  return qs_graph_builder_add_const (net->b, NULL, QS_ELEMENT_I64, 1, d, v, n * sizeof (gint64));
}

/* A node whose input 0 comes from @src (output 0) and that keeps d4. */
static QsNode *
net_op (Net *net, const char *type, const char *name, QsNode *src, guint n_in)
{
  QsNode *node = qs_graph_builder_add_node (net->b, type, "opset1", name, n_in, 1);

  net_port (net, &node->inputs[0], 4, d4);
  net_port (net, &node->outputs[0], 4, d4);
  if (src != NULL)
    qs_graph_builder_connect (net->b, src, 0, node, 0, NULL);
  return node;
}

/* FakeQuantize with equal input/output ranges; per channel (axis 1) when @c > 1. */
static QsNode *
net_fq (Net *net, const char *name, QsNode *src, guint levels, guint c, const float *lo, const float *hi)
{
  QsNode *fq = net_op (net, "FakeQuantize", name, src, 5);
  gint64 cd[4] = { 1, c, 1, 1 };
  g_autofree char *lv = g_strdup_printf ("%u", levels);
  guint i;

  qs_graph_builder_set_attr (net->b, fq, "levels", lv);
  for (i = 1; i < 5; i++)
    {
      QsNode *k = net_const (net, c > 1 ? 4 : 0, cd, (i % 2) ? lo : hi);
      net_port (net, &fq->inputs[i], c > 1 ? 4 : 0, cd);
      qs_graph_builder_connect (net->b, k, 0, fq, i, NULL);
    }
  return fq;
}

static QsNode *
net_fq1 (Net *net, const char *name, QsNode *src, float lo, float hi)
{
  return net_fq (net, name, src, 256, 1, &lo, &hi);
}

/* 1x1 convolution 2→2, weights FQ 255 levels [-1.27, 1.27] (s_w = 0.01) */
static QsNode *
net_conv (Net *net, const char *name, QsNode *src, const float *w)
{
  static const float wdef[4] = { 0.3f, -0.2f, 0.1f, 0.5f };
  QsNode *conv = net_op (net, "Convolution", name, src, 2);
  QsNode *wk = net_const (net, 4, wd4, w != NULL ? w : wdef);
  QsNode *wfq = qs_graph_builder_add_node (net->b, "FakeQuantize", "opset1", NULL, 5, 1);
  float lo = -1.27f, hi = 1.27f;
  guint i;

  qs_graph_builder_set_attr (net->b, wfq, "levels", "255");
  net_port (net, &wfq->inputs[0], 4, wd4);
  net_port (net, &wfq->outputs[0], 4, wd4);
  qs_graph_builder_connect (net->b, wk, 0, wfq, 0, NULL);
  for (i = 1; i < 5; i++)
    {
      net_port (net, &wfq->inputs[i], 0, NULL);
      qs_graph_builder_connect (net->b, net_const (net, 0, NULL, (i % 2) ? &lo : &hi), 0, wfq, i, NULL);
    }
  qs_graph_builder_set_attr (net->b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (net->b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (net->b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (net->b, conv, "dilations", "1,1");
  net_port (net, &conv->inputs[1], 4, wd4);
  qs_graph_builder_connect (net->b, wfq, 0, conv, 1, NULL);
  return conv;
}

static QsNode *net_dwconv (Net *net, const char *name, QsNode *src);

static QsNode *
net_begin (Net *net)
{
  QsNode *p;

  net->b = qs_graph_builder_new ("t");
  p = qs_graph_builder_add_node (net->b, "Parameter", "opset1", "x", 0, 1);
  net_port (net, &p->outputs[0], 4, d4);
  return p;
}

static QsModel *
net_finish (Net *net, QsNode *last)
{
  QsNode *res = qs_graph_builder_add_node (net->b, "Result", "opset1", "out", 1, 0);
  QsModel *m;

  net_port (net, &res->inputs[0], 4, d4);
  qs_graph_builder_connect (net->b, last, 0, res, 0, NULL);
  m = qs_graph_builder_finish (net->b, NULL);
  /* finish spends the builder; it is still ours to free */
  g_clear_pointer (&net->b, qs_graph_builder_free);
  g_assert_nonnull (m);
  return m;
}

/* Builds Parameter → FQ [lo, hi] → @op_type (extra inputs from @extra) → Conv. */
static QsModel *
through (const char *op_type, float lo, float hi, guint channels, QsNode *(*extra) (Net *, QsNode *))
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  float los[2] = { lo, lo }, his[2] = { hi, 2 * hi };
  QsNode *fq = net_fq (&net, "fq", p, 256, channels, los, his);
  QsNode *op = extra (&net, fq);

  (void) op_type;
  return net_finish (&net, net_conv (&net, "conv", op, NULL));
}

static QsNode *
x_reshape (Net *net, QsNode *src)
{
  static const gint64 shape[4] = { 1, 2, 4, 4 };
  QsNode *op = net_op (net, "Reshape", "op", src, 2);
  qs_graph_builder_set_attr (net->b, op, "special_zero", "false");
  qs_graph_builder_set_port (net->b, &op->inputs[1], QS_ELEMENT_I64, 1, (gint64[]) { 4 });
  qs_graph_builder_connect (net->b, net_i64 (net, 4, shape), 0, op, 1, NULL);
  return op;
}

static QsNode *
x_reshape_mix (Net *net, QsNode *src)
{
  /* [1,2,4,4] → [1,4,2,4] → [1,2,4,4]: channels mixed in the middle */
  static const gint64 mid[4] = { 1, 4, 2, 4 }, back[4] = { 1, 2, 4, 4 };
  gint64 md[4] = { 1, 4, 2, 4 };
  QsNode *a = net_op (net, "Reshape", "op", src, 2);
  QsNode *b;
  qs_graph_builder_set_attr (net->b, a, "special_zero", "false");
  net_port (net, &a->outputs[0], 4, md);
  qs_graph_builder_set_port (net->b, &a->inputs[1], QS_ELEMENT_I64, 1, (gint64[]) { 4 });
  qs_graph_builder_connect (net->b, net_i64 (net, 4, mid), 0, a, 1, NULL);
  b = net_op (net, "Reshape", "op2", NULL, 2);
  net_port (net, &b->inputs[0], 4, md);
  qs_graph_builder_connect (net->b, a, 0, b, 0, NULL);
  qs_graph_builder_set_attr (net->b, b, "special_zero", "false");
  qs_graph_builder_set_port (net->b, &b->inputs[1], QS_ELEMENT_I64, 1, (gint64[]) { 4 });
  qs_graph_builder_connect (net->b, net_i64 (net, 4, back), 0, b, 1, NULL);
  return b;
}

static QsNode *
x_unary (Net *net, QsNode *src, const char *type)
{
  return net_op (net, type, "op", src, 1);
}

static QsNode *x_relu (Net *net, QsNode *src) { return x_unary (net, src, "ReLU"); }

static QsNode *
x_maxpool (Net *net, QsNode *src)
{
  QsNode *op = net_op (net, "MaxPool", "op", src, 1);
  qs_graph_builder_set_attr (net->b, op, "kernel", "1,1");
  qs_graph_builder_set_attr (net->b, op, "strides", "1,1");
  qs_graph_builder_set_attr (net->b, op, "pads_begin", "0,0");
  qs_graph_builder_set_attr (net->b, op, "pads_end", "0,0");
  return op;
}

static QsNode *
x_with_i64 (Net *net, QsNode *src, const char *type, guint n, const gint64 *v)
{
  QsNode *op = net_op (net, type, "op", src, 2);
  qs_graph_builder_set_port (net->b, &op->inputs[1], QS_ELEMENT_I64, 1, (gint64[]) { n });
  qs_graph_builder_connect (net->b, net_i64 (net, n, v), 0, op, 1, NULL);
  return op;
}

static QsNode *x_transpose (Net *net, QsNode *src) { return x_with_i64 (net, src, "Transpose", 4, (gint64[]) { 0, 1, 3, 2 }); }
static QsNode *x_squeeze (Net *net, QsNode *src) { return x_with_i64 (net, src, "Squeeze", 1, (gint64[]) { 0 }); }
static QsNode *x_unsqueeze (Net *net, QsNode *src) { return x_with_i64 (net, src, "Unsqueeze", 1, (gint64[]) { 0 }); }

static QsNode *
x_reducemax (Net *net, QsNode *src)
{
  QsNode *op = x_with_i64 (net, src, "ReduceMax", 1, (gint64[]) { 3 });
  qs_graph_builder_set_attr (net->b, op, "keep_dims", "true");
  return op;
}

static QsNode *
x_stridedslice (Net *net, QsNode *src)
{
  QsNode *op = net_op (net, "StridedSlice", "op", src, 4);
  static const gint64 b0[4] = { 0, 0, 0, 0 }, e0[4] = { 1, 2, 4, 4 }, s1[4] = { 1, 1, 1, 1 };
  guint i;
  for (i = 1; i < 4; i++)
    {
      qs_graph_builder_set_port (net->b, &op->inputs[i], QS_ELEMENT_I64, 1, (gint64[]) { 4 });
      qs_graph_builder_connect (net->b, net_i64 (net, 4, i == 1 ? b0 : i == 2 ? e0 : s1), 0, op, i, NULL);
    }
  qs_graph_builder_set_attr (net->b, op, "begin_mask", "0,0,0,0");
  qs_graph_builder_set_attr (net->b, op, "end_mask", "0,0,0,0");
  return op;
}

static QsNode *
x_split (Net *net, QsNode *src)
{
  /* Split on axis 3 into one piece: the record follows every output */
  QsNode *op = net_op (net, "Split", "op", src, 2);
  gint64 axis = 3;
  qs_graph_builder_set_attr (net->b, op, "num_splits", "1");
  qs_graph_builder_set_port (net->b, &op->inputs[1], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_connect (net->b, qs_graph_builder_add_const (net->b, NULL, QS_ELEMENT_I64, 0, NULL, &axis, 8),
                            0, op, 1, NULL);
  return op;
}

static QsNode *
x_variadicsplit (Net *net, QsNode *src)
{
  QsNode *op = net_op (net, "VariadicSplit", "op", src, 3);
  gint64 axis = 3;
  qs_graph_builder_set_port (net->b, &op->inputs[1], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_connect (net->b, qs_graph_builder_add_const (net->b, NULL, QS_ELEMENT_I64, 0, NULL, &axis, 8),
                            0, op, 1, NULL);
  qs_graph_builder_set_port (net->b, &op->inputs[2], QS_ELEMENT_I64, 1, (gint64[]) { 1 });
  qs_graph_builder_connect (net->b, net_i64 (net, 1, (gint64[]) { 4 }), 0, op, 2, NULL);
  return op;
}

static QsNode *
x_concat (Net *net, QsNode *src)
{
  /* the same codes twice along axis 3 */
  QsNode *op = qs_graph_builder_add_node (net->b, "Concat", "opset1", "op", 2, 1);
  qs_graph_builder_set_attr (net->b, op, "axis", "3");
  net_port (net, &op->inputs[0], 4, d4);
  net_port (net, &op->inputs[1], 4, d4);
  net_port (net, &op->outputs[0], 4, d4);
  qs_graph_builder_connect (net->b, src, 0, op, 0, NULL);
  qs_graph_builder_connect (net->b, src, 0, op, 1, NULL);
  return op;
}

static QsNode *
x_linear (Net *net, QsNode *src, const char *type, float k)
{
  QsNode *op = net_op (net, type, "op", src, 2);
  net_port (net, &op->inputs[1], 0, NULL);
  qs_graph_builder_connect (net->b, net_const (net, 0, NULL, &k), 0, op, 1, NULL);
  return op;
}

static QsNode *x_multiply (Net *net, QsNode *src) { return x_linear (net, src, "Multiply", 2.0f); }

static QsNode *
x_negate_maxpool (Net *net, QsNode *src)
{
  float k = -1.0f;
  QsNode *neg = net_op (net, "Multiply", "neg", src, 2);
  net_port (net, &neg->inputs[1], 0, NULL);
  qs_graph_builder_connect (net->b, net_const (net, 0, NULL, &k), 0, neg, 1, NULL);
  return x_maxpool (net, neg);
}

typedef struct
{
  const char *name;
  QsNode   *(*build) (Net *, QsNode *);
  QsLptPrecision op_precision;
} PropagateCase;

static const PropagateCase propagate_cases[] = {
  { "Reshape", x_reshape, QS_LPT_PRECISION_CODES },
  { "Transpose", x_transpose, QS_LPT_PRECISION_CODES },
  { "Squeeze", x_squeeze, QS_LPT_PRECISION_CODES },
  { "Unsqueeze", x_unsqueeze, QS_LPT_PRECISION_CODES },
  { "StridedSlice", x_stridedslice, QS_LPT_PRECISION_CODES },
  { "Split", x_split, QS_LPT_PRECISION_CODES },
  { "VariadicSplit", x_variadicsplit, QS_LPT_PRECISION_CODES },
  { "Concat", x_concat, QS_LPT_PRECISION_CODES },
  { "MaxPool", x_maxpool, QS_LPT_PRECISION_CODES },
  { "ReduceMax", x_reducemax, QS_LPT_PRECISION_CODES },
  { "ReLU", x_relu, QS_LPT_PRECISION_CODES },
  { "Multiply", x_multiply, QS_LPT_PRECISION_FOLDED },
};

static void
test_propagate (gconstpointer data)
{
  const PropagateCase *c = data;
  g_autoptr(QsModel) m = through (c->name, 0.0f, 2.55f, 1, c->build);
  g_autoptr(GError) error = NULL;
  g_autoptr(QsLptResult) r = qs_lpt_run (m, &error);
  const QsLptDecision *op, *conv;

  g_assert_no_error (error);
  op = decision_of (r, "op");
  conv = decision_of (r, "conv");
  g_assert_cmpstr (op->node->type, ==, c->name);
  g_assert_cmpint (op->precision, ==, c->op_precision);
  g_assert_cmpint (conv->precision, ==, QS_LPT_PRECISION_INT8);
  /* s_x = 0.01 (×2 after Multiply), s_w = 0.01 */
  g_assert_cmpfloat_with_epsilon (conv->output.scale[0], c->build == x_multiply ? 2e-4 : 1e-4, 1e-9);
  g_assert_cmpint (qs_lpt_result_get_role (r, conv->node), ==, QS_LPT_ROLE_INT8_COMPUTE);
}

static void
test_propagate_reshape_mixes_channels (void)
{
  g_autoptr(QsModel) m = through ("Reshape", 0.0f, 2.55f, 2, x_reshape_mix);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *op = decision_of (r, "op"), *op2 = decision_of (r, "op2"), *conv = decision_of (r, "conv");

  /* [1,2,4,4] → [1,4,2,4] repeats each channel's constants over two output
   * channels (reshape_transformation.cpp, "channels are affected"); the way
   * back to 2 channels from 4 different ones declines, so nothing takes
   * the first one's codes */
  g_assert_cmpint (op->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (op->reason, "consumers need float values"));
  g_assert_cmpint (op2->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (op2->reason, "ReshapeTransformation: the per-channel Dequantize's channel axis 1 is not kept"));
  g_assert_cmpint (conv->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (conv->reason, "Reshape “op2”, which stays float"));
}

static void
test_propagate_per_channel_kept (void)
{
  /* ReshapeTransformation, TransposeTransformation: a per-channel
   * Dequantize whose channel axis the op keeps moves through (the record
   * follows the axis) */
  float lo[2] = { 0.0f, -0.64f }, hi[2] = { 2.55f, 4.46f };
  QsNode *(*const builds[2]) (Net *, QsNode *) = { x_reshape, x_transpose };
  guint k;

  for (k = 0; k < 2; k++)
    {
      Net net = { 0 };
      QsNode *p = net_begin (&net);
      QsNode *fq = net_fq (&net, "fq", p, 256, 2, lo, hi);
      g_autoptr(QsModel) m = net_finish (&net, net_dwconv (&net, "gconv", builds[k] (&net, fq)));
      g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
      const QsLptDecision *d = decision_of (r, "op");

      g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_CODES);
      g_assert_cmpuint (d->output.n, ==, 2);
      g_assert_cmpint (d->output.axis, ==, 1);
      g_assert_cmpint (decision_of (r, "gconv")->precision, ==, QS_LPT_PRECISION_INT8);
    }
}

static void
test_propagate_negative_maxpool (void)
{
  g_autoptr(QsModel) m = through ("MaxPool", 0.0f, 2.55f, 1, x_negate_maxpool);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *op = decision_of (r, "op"), *conv = decision_of (r, "conv");

  g_assert_cmpstr (op->node->type, ==, "MaxPool");
  g_assert_cmpint (op->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (op->reason, "not positive"));
  g_assert_cmpint (conv->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (conv->reason, "MaxPool “op”"));
}

static void
test_propagate_relu_zero_point (void)
{
  g_autoptr(QsModel) m = through ("ReLU", -0.5f, 1.0f, 1, x_relu);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *op = decision_of (r, "op"), *conv = decision_of (r, "conv");

  g_assert_cmpint (op->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (op->reason, "zero point; ReLU"));
  g_assert_cmpint (conv->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (conv->reason, "ReLU “op”, which stays float"));
}

/* Param → FQ1 [0, 2.55] → conv1 → [Add bias] → FQ2 → conv2 → Result */
static QsModel *
requantize_model (guint c2, const float *lo2, const float *hi2, const float *bias)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *x = net_conv (&net, "conv1", net_fq1 (&net, "fq1", p, 0.0f, 2.55f), NULL);

  if (bias != NULL)
    {
      gint64 bd[4] = { 1, 2, 1, 1 };
      QsNode *add = net_op (&net, "Add", "bias", x, 2);
      net_port (&net, &add->inputs[1], 4, bd);
      qs_graph_builder_connect (net.b, net_const (&net, 4, bd, bias), 0, add, 1, NULL);
      x = add;
    }
  x = net_fq (&net, "fq2", x, 256, c2, lo2, hi2);
  /* per-channel codes need a layer that takes them: a depthwise one */
  return net_finish (&net, c2 > 1 ? net_dwconv (&net, "conv2", x) : net_conv (&net, "conv2", x, NULL));
}

static const QsNode *
find_role (QsModel *t, QsLptRole role)
{
  guint i;

  for (i = 0; i < t->graph->n_nodes; i++)
    if (qs_lpt_node_role (t->graph->nodes[i]) == role)
      return t->graph->nodes[i];
  return NULL;
}

static void
const_values (const QsNode *node, guint input, guint n, float *out)
{
  const QsNode *k = qs_node_input_node (node, input);
  g_autofree float *v = qs_const_to_f32 (k, NULL);
  guint i;

  g_assert_nonnull (v);
  for (i = 0; i < n; i++)
    out[i] = v[k->konst->n_elements > 1 ? i : 0];
}

static void
test_requantize_per_tensor (void)
{
  /* lpt.md §9: s_x·s_w = 1e-4, s_q = 0.255/255 = 1e-3 → M = 0.1;
   * bias 0.1 → offset = 0.1 / 1e-3 = 100 */
  float lo = 0.0f, hi = 0.255f, bias[2] = { 0.1f, 0.1f };
  g_autoptr(QsModel) m = requantize_model (1, &lo, &hi, bias);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsNode *rq;
  float mul[1], off[1];

  g_assert_cmpint (decision_of (r, "conv1")->precision, ==, QS_LPT_PRECISION_INT8);
  g_assert_cmpint (decision_of (r, "conv2")->precision, ==, QS_LPT_PRECISION_INT8);
  g_assert_cmpint (decision_of (r, "bias")->precision, ==, QS_LPT_PRECISION_FOLDED);
  g_assert_cmpint (decision_of (r, "fq2")->role, ==, QS_LPT_ROLE_REQUANTIZE);
  rq = find_role (qs_lpt_result_get_model (r), QS_LPT_ROLE_REQUANTIZE);
  g_assert_nonnull (rq);
  const_values (rq, 1, 1, mul);
  const_values (rq, 2, 1, off);
  g_assert_cmpfloat_with_epsilon (mul[0], 0.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (off[0], 100.0, 1e-3);
}

static void
test_requantize_per_channel (void)
{
  /* channel 0: s_q = 1e-3, channel 1: s_q = 2e-3 → M = 0.1, 0.05;
   * bias 0.1, 0.2 → offsets 100, 100 */
  float lo[2] = { 0.0f, 0.0f }, hi[2] = { 0.255f, 0.51f }, bias[2] = { 0.1f, 0.2f };
  g_autoptr(QsModel) m = requantize_model (2, lo, hi, bias);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsNode *rq;
  float mul[2], off[2];

  g_assert_cmpint (decision_of (r, "fq2")->role, ==, QS_LPT_ROLE_REQUANTIZE);
  rq = find_role (qs_lpt_result_get_model (r), QS_LPT_ROLE_REQUANTIZE);
  g_assert_nonnull (rq);
  const_values (rq, 1, 2, mul);
  const_values (rq, 2, 2, off);
  g_assert_cmpfloat_with_epsilon (mul[0], 0.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (mul[1], 0.05, 1e-6);
  g_assert_cmpfloat_with_epsilon (off[0], 100.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (off[1], 100.0, 1e-3);
  g_assert_cmpint (decision_of (r, "conv2")->precision, ==, QS_LPT_PRECISION_INT8);
}

static void
test_requantize_zero_point (void)
{
  /* FQ2 [-0.1275, 0.1275] feeding a convolution becomes u8 with zero point
   * 127.5 → s_q = 1e-3; offset = (0.1 + 0.1275) / 1e-3 = 227.5 */
  float lo = -0.1275f, hi = 0.1275f, bias[2] = { 0.1f, 0.1f };
  g_autoptr(QsModel) m = requantize_model (1, &lo, &hi, bias);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsNode *rq = find_role (qs_lpt_result_get_model (r), QS_LPT_ROLE_REQUANTIZE);
  float mul[1], off[1];

  g_assert_nonnull (rq);
  const_values (rq, 1, 1, mul);
  const_values (rq, 2, 1, off);
  g_assert_cmpfloat_with_epsilon (mul[0], 0.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (off[0], 227.5, 1e-2);
}

static void
test_folded_bias (void)
{
  /* conv1 → Add bias → Result: the bias is the Dequantize's shift */
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *x = net_conv (&net, "conv1", net_fq1 (&net, "fq1", p, 0.0f, 2.55f), NULL);
  gint64 bd[4] = { 1, 2, 1, 1 };
  float bias[2] = { 0.25f, -0.5f };
  QsNode *add = net_op (&net, "Add", "bias", x, 2);
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;
  const QsLptDecision *d;
  const QsNode *dq;
  float shift[2];

  net_port (&net, &add->inputs[1], 4, bd);
  qs_graph_builder_connect (net.b, net_const (&net, 4, bd, bias), 0, add, 1, NULL);
  m = net_finish (&net, add);
  r = qs_lpt_run (m, NULL);
  d = decision_of (r, "bias");
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FOLDED);
  g_assert_nonnull (d->output.shift);
  g_assert_cmpfloat_with_epsilon (d->output.shift[0], 0.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (d->output.shift[1], -0.5, 1e-6);
  dq = find_role (qs_lpt_result_get_model (r), QS_LPT_ROLE_DEQUANTIZE);
  g_assert_nonnull (dq);
  g_assert_cmpuint (dq->n_inputs, ==, 4);
  const_values (dq, 3, 2, shift);
  g_assert_cmpfloat_with_epsilon (shift[0], 0.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (shift[1], -0.5, 1e-6);
}

/* Depthwise GroupConvolution, 2 groups of 1, 1x1 with pads 1: weights i8
 * {50, -25} → Convert → Multiply 0.01 */
static QsNode *
net_dwconv (Net *net, const char *name, QsNode *src)
{
  QsNode *gc = net_op (net, "GroupConvolution", name, src, 2);
  gint64 gd[5] = { 2, 1, 1, 1, 1 };
  QsNode *wk = qs_graph_builder_add_const (net->b, NULL, QS_ELEMENT_I8, 5, gd, (gint8[]) { 50, -25 }, 2);
  QsNode *cv = qs_graph_builder_add_node (net->b, "Convert", "opset1", NULL, 1, 1);
  QsNode *mul = qs_graph_builder_add_node (net->b, "Multiply", "opset1", NULL, 2, 1);
  float s = 0.01f;

  qs_graph_builder_set_attr (net->b, cv, "destination_type", "f32");
  qs_graph_builder_set_port (net->b, &cv->inputs[0], QS_ELEMENT_I8, 5, gd);
  net_port (net, &cv->outputs[0], 5, gd);
  net_port (net, &mul->inputs[0], 5, gd);
  net_port (net, &mul->inputs[1], 0, NULL);
  net_port (net, &mul->outputs[0], 5, gd);
  net_port (net, &gc->inputs[1], 5, gd);
  qs_graph_builder_connect (net->b, wk, 0, cv, 0, NULL);
  qs_graph_builder_connect (net->b, cv, 0, mul, 0, NULL);
  qs_graph_builder_connect (net->b, net_const (net, 0, NULL, &s), 0, mul, 1, NULL);
  qs_graph_builder_connect (net->b, mul, 0, gc, 1, NULL);
  qs_graph_builder_set_attr (net->b, gc, "strides", "1,1");
  qs_graph_builder_set_attr (net->b, gc, "pads_begin", "1,1");
  qs_graph_builder_set_attr (net->b, gc, "pads_end", "1,1");
  qs_graph_builder_set_attr (net->b, gc, "dilations", "1,1");
  return gc;
}

static void
test_depthwise_per_channel (void)
{
  /* FQ per channel (zero points 0 and 64) → GroupConvolution 2 groups of 1 */
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  float lo[2] = { 0.0f, -0.64f }, hi[2] = { 2.55f, 1.91f };
  QsNode *fq = net_fq (&net, "fq", p, 256, 2, lo, hi);
  g_autoptr(QsModel) m = net_finish (&net, net_dwconv (&net, "gconv", fq));
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *d;
  const QsNode *gi;
  const char *pad;

  d = decision_of (r, "gconv");
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
  /* s_x = 0.01 both; s_w = 0.01: scale 1e-4; compensation z·Σw = 0·50, 64·(-25) */
  g_assert_cmpuint (d->output.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (d->output.scale[1], 1e-4, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], -1600.0, 1e-6);
  gi = find_role (qs_lpt_result_get_model (r), QS_LPT_ROLE_INT8_COMPUTE);
  g_assert_nonnull (gi);
  pad = qs_node_get_attr (gi, "qscope_pad_value");
  g_assert_cmpstr (pad, ==, "0,64");
}

static void
test_formulas_per_tensor (void)
{
  g_autoptr(QsModel) m = conv_model (256, -0.5f, 1.0f, FALSE, -1.27f);
  g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), NULL);

  g_assert_nonnull (info);
  /* fakequantize.md §5: scale 1.5/255, zero point 85 */
  g_assert_cmpfloat_with_epsilon (info->scale[0], 1.5f / 255, 1e-7);
  g_assert_cmpfloat_with_epsilon (info->zero_point[0], 85.0f, 1e-4);
  g_assert_true (info->zero_exact);
  g_assert_true (info->has_zero_point);
  g_assert_cmpint (info->precision, ==, QS_ELEMENT_U8);
  g_assert_cmpint (info->axis, ==, -1);
  g_assert_cmpfloat_with_epsilon (qs_fq_info_target_zero_point (info, 0, 0, 255), 85.0f, 1e-4);
}

static void
test_formulas_per_channel (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, TRUE, -1.27f);
  g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), NULL);

  g_assert_nonnull (info);
  g_assert_cmpint (info->axis, ==, 1);
  g_assert_cmpuint (info->n_channels, ==, 2);
  g_assert_cmpfloat_with_epsilon (info->scale[0], 0.01f, 1e-7);
  g_assert_cmpfloat_with_epsilon (info->scale[1], 0.02f, 1e-7);
  g_assert_cmpfloat (info->zero_point[1], ==, 0.0f);
  g_assert_cmpint (info->precision, ==, QS_ELEMENT_U8);
  g_assert_false (info->has_zero_point);
}

/* Parameter [1,2,4,4] → FQ with auto_broadcast="pdpd", ranges of @rank
 * (2 then ones) → Result */
static QsModel *
pdpd_model (const char *axis,
            int         rank)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("t");
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "fq", 5, 1);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "out", 1, 0);
  gint64 rd[4] = { 2, 1, 1, 1 };
  float lo[2] = { 0.0f, 0.0f }, hi[2] = { 2.55f, 5.1f };
  guint i;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_attr (b, fq, "levels", "256");
  qs_graph_builder_set_attr (b, fq, "auto_broadcast", "pdpd");
  if (axis != NULL)
    qs_graph_builder_set_attr (b, fq, "auto_broadcast_axis", axis);
  qs_graph_builder_set_port (b, &fq->inputs[0], QS_ELEMENT_F32, 4, d4);
  for (i = 1; i < 5; i++)
    {
      qs_graph_builder_set_port (b, &fq->inputs[i], QS_ELEMENT_F32, rank, rd);
      qs_graph_builder_connect (b, qs_graph_builder_add_const_f32 (b, NULL, rank, rd, i % 2 == 1 ? lo : hi), 0, fq, i, NULL);
    }
  qs_graph_builder_set_port (b, &fq->outputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_connect (b, p, 0, fq, 0, NULL);
  qs_graph_builder_connect (b, fq, 0, res, 0, NULL);
  return qs_graph_builder_finish (b, NULL);
}

static void
test_pdpd_ranges (void)
{
  /* [2] at axis 1: per channel, where numpy would line it up with the width */
  struct { const char *axis; int rank; } ok[] = { { "1", 1 }, { "-1", 3 }, { NULL, 3 }, { "1", 4 } };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(QsModel) m = pdpd_model (ok[i].axis, ok[i].rank);
      g_autoptr(GError) error = NULL;
      g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), &error);

      g_assert_no_error (error);
      g_assert_cmpint (info->axis, ==, 1);
      g_assert_cmpuint (info->n_channels, ==, 2);
      g_assert_cmpfloat_with_epsilon (info->scale[0], 0.01f, 1e-7);
      g_assert_cmpfloat_with_epsilon (info->scale[1], 0.02f, 1e-7);
    }
  /* [2] at axis 3 does not fit the width of 4 */
  {
    g_autoptr(QsModel) m = pdpd_model ("4", 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), &error);

    g_assert_null (info);
    g_assert_error (error, QS_FQ_ERROR, QS_FQ_ERROR_SHAPE);
    g_assert_nonnull (strstr (error->message, "pdpd"));
  }
}

static void
test_i8_symmetric (void)
{
  g_autoptr(QsModel) m = conv_model (256, -1.28f, 1.27f, FALSE, -1.27f);
  g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), NULL);
  int qmin, qmax;

  g_assert_cmpint (info->precision, ==, QS_ELEMENT_I8);
  g_assert_false (info->has_zero_point);
  g_assert_true (qs_fq_target_interval (256, QS_ELEMENT_I8, &qmin, &qmax));
  g_assert_cmpint (qmin, ==, -128);
  g_assert_cmpint (qmax, ==, 127);
  g_assert_cmpfloat_with_epsilon (qs_fq_info_target_zero_point (info, 0, qmin, qmax), 0.0f, 1e-3);
}

static void
test_conv_int8 (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, FALSE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *d = decision_of (r, "conv");
  QsModel *t = qs_lpt_result_get_model (r);
  guint i, n_deq = 0, n_q = 0;

  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
  /* lpt.md §9: s_x = 0.01, s_w = 0.01 */
  g_assert_cmpfloat_with_epsilon (d->output.scale[0], 1e-4, 1e-9);
  for (i = 0; i < t->graph->n_nodes; i++)
    {
      QsLptRole role = qs_lpt_node_role (t->graph->nodes[i]);
      n_deq += role == QS_LPT_ROLE_DEQUANTIZE;
      n_q += role == QS_LPT_ROLE_QUANTIZE;
      if (role == QS_LPT_ROLE_INT8_COMPUTE)
        g_assert_cmpint (t->graph->nodes[i]->inputs[1].source->node->konst->element_type, ==, QS_ELEMENT_I8);
    }
  g_assert_cmpuint (n_deq, ==, 1);
  g_assert_cmpuint (n_q, ==, 1);
}

static void
test_levels2 (void)
{
  g_autoptr(QsModel) m = conv_model (2, 0.0f, 1.0f, FALSE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);

  g_assert_nonnull (strstr (decision_of (r, "fq")->reason, "levels=2 is not decomposed"));
  g_assert_cmpint (decision_of (r, "conv")->precision, ==, QS_LPT_PRECISION_FP32);
}

static void
test_per_channel_conv (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, TRUE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *d = decision_of (r, "conv");

  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (d->reason, "per-channel; Convolution needs one scale"));
  /* folded back: the activation FakeQuantize stays */
  g_assert_cmpint (decision_of (r, "fq")->precision, ==, QS_LPT_PRECISION_FP32);
}

static void
test_weight_zero_point (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, FALSE, -0.5f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *d = decision_of (r, "conv");

  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (d->reason, "zero point"));
}

/* One handwritten graph per fp32 reason of a compute layer. */

static QsModel *
r_model_input (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  return net_finish (&net, net_conv (&net, "conv", p, NULL));
}

static QsModel *
r_from_compute (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *c1 = net_conv (&net, "conv1", net_fq1 (&net, "fq", p, 0.0f, 2.55f), NULL);
  return net_finish (&net, net_conv (&net, "conv", x_relu (&net, c1), NULL));
}

static QsModel *
r_not_moved (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *sig = x_unary (&net, net_fq1 (&net, "fq", p, 0.0f, 2.55f), "Sigmoid");
  return net_finish (&net, net_conv (&net, "conv", sig, NULL));
}

static QsModel *
r_folded_bias (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *add = x_linear (&net, net_fq1 (&net, "fq", p, 0.0f, 2.55f), "Add", 0.5f);
  return net_finish (&net, net_conv (&net, "conv", add, NULL));
}

static QsModel *
r_levels2 (void)
{
  return conv_model (2, 0.0f, 1.0f, FALSE, -1.27f);
}

static QsModel *
r_per_channel (void)
{
  return conv_model (256, 0.0f, 2.55f, TRUE, -1.27f);
}

static QsModel *
r_weight_zero_point (void)
{
  return conv_model (256, 0.0f, 2.55f, FALSE, -0.5f);
}

static QsModel *
r_float_weights (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *conv = net_op (&net, "Convolution", "conv", net_fq1 (&net, "fq", p, 0.0f, 2.55f), 2);
  float w[4] = { 1, 2, 3, 4 };
  net_port (&net, &conv->inputs[1], 4, wd4);
  qs_graph_builder_connect (net.b, net_const (&net, 4, wd4, w), 0, conv, 1, NULL);
  return net_finish (&net, conv);
}

static QsModel *
r_input1_activation (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *a = net_fq1 (&net, "fq", p, 0.0f, 2.55f);
  QsNode *b = net_fq1 (&net, "fq_b", p, 0.0f, 2.55f);
  QsNode *mm = net_op (&net, "MatMul", "conv", a, 2);
  net_port (&net, &mm->inputs[1], 4, d4);
  qs_graph_builder_connect (net.b, b, 0, mm, 1, NULL);
  return net_finish (&net, mm);
}

static QsModel *
r_input1_float (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *mm = net_op (&net, "MatMul", "conv", net_fq1 (&net, "fq", p, 0.0f, 2.55f), 2);
  net_port (&net, &mm->inputs[1], 4, d4);
  qs_graph_builder_connect (net.b, p, 0, mm, 1, NULL);
  return net_finish (&net, mm);
}

static QsModel *
r_group_backprop (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *d = net_op (&net, "GroupConvolutionBackpropData", "conv", net_fq1 (&net, "fq", p, 0.0f, 2.55f), 2);
  gint64 wd5[5] = { 2, 1, 1, 1, 1 };
  float w[2] = { 1, 2 };
  net_port (&net, &d->inputs[1], 5, wd5);
  qs_graph_builder_connect (net.b, net_const (&net, 5, wd5, w), 0, d, 1, NULL);
  return net_finish (&net, d);
}

static QsModel *
r_weight_scales_vary (void)
{
  /* i8 Const → Convert → Multiply by a scale per input channel [1,2,1,1] */
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *conv = net_op (&net, "Convolution", "conv", net_fq1 (&net, "fq", p, 0.0f, 2.55f), 2);
  QsNode *wk = qs_graph_builder_add_const (net.b, NULL, QS_ELEMENT_I8, 4, wd4, (gint8[]) { 1, 2, 3, 4 }, 4);
  QsNode *cv = qs_graph_builder_add_node (net.b, "Convert", "opset1", NULL, 1, 1);
  QsNode *mul = qs_graph_builder_add_node (net.b, "Multiply", "opset1", NULL, 2, 1);
  gint64 sd[4] = { 1, 2, 1, 1 };
  float sv[2] = { 0.01f, 0.02f };

  qs_graph_builder_set_attr (net.b, cv, "destination_type", "f32");
  qs_graph_builder_set_port (net.b, &cv->inputs[0], QS_ELEMENT_I8, 4, wd4);
  net_port (&net, &cv->outputs[0], 4, wd4);
  net_port (&net, &mul->inputs[0], 4, wd4);
  net_port (&net, &mul->inputs[1], 4, sd);
  net_port (&net, &mul->outputs[0], 4, wd4);
  net_port (&net, &conv->inputs[1], 4, wd4);
  qs_graph_builder_connect (net.b, wk, 0, cv, 0, NULL);
  qs_graph_builder_connect (net.b, cv, 0, mul, 0, NULL);
  qs_graph_builder_connect (net.b, net_const (&net, 4, sd, sv), 0, mul, 1, NULL);
  qs_graph_builder_connect (net.b, mul, 0, conv, 1, NULL);
  return net_finish (&net, conv);
}

static QsModel *
r_group_varies (void)
{
  /* one group of 2 input channels with different scales */
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  float lo[2] = { 0.0f, 0.0f }, hi[2] = { 2.55f, 5.1f };
  QsNode *gc = net_op (&net, "GroupConvolution", "conv", net_fq (&net, "fq", p, 256, 2, lo, hi), 2);
  gint64 gd[5] = { 1, 2, 2, 1, 1 };
  QsNode *wk = qs_graph_builder_add_const (net.b, NULL, QS_ELEMENT_I8, 5, gd, (gint8[]) { 1, 2, 3, 4 }, 4);
  QsNode *cv = qs_graph_builder_add_node (net.b, "Convert", "opset1", NULL, 1, 1);
  QsNode *mul = qs_graph_builder_add_node (net.b, "Multiply", "opset1", NULL, 2, 1);
  float sv = 0.01f;

  qs_graph_builder_set_attr (net.b, cv, "destination_type", "f32");
  qs_graph_builder_set_port (net.b, &cv->inputs[0], QS_ELEMENT_I8, 5, gd);
  net_port (&net, &cv->outputs[0], 5, gd);
  net_port (&net, &mul->inputs[0], 5, gd);
  net_port (&net, &mul->inputs[1], 0, NULL);
  net_port (&net, &mul->outputs[0], 5, gd);
  net_port (&net, &gc->inputs[1], 5, gd);
  qs_graph_builder_connect (net.b, wk, 0, cv, 0, NULL);
  qs_graph_builder_connect (net.b, cv, 0, mul, 0, NULL);
  qs_graph_builder_connect (net.b, net_const (&net, 0, NULL, &sv), 0, mul, 1, NULL);
  qs_graph_builder_connect (net.b, mul, 0, gc, 1, NULL);
  return net_finish (&net, gc);
}

static QsModel *
r_conv3d (void)
{
  /* Parameter [1,2,2,4,4] → FQ → Convolution 1x1x1 2→2 with FQ weights */
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("t");
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "fq", 5, 1);
  QsNode *wfq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "wfq", 5, 1);
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", "conv", 2, 1);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "out", 1, 0);
  gint64 xd[5] = { 1, 2, 2, 4, 4 }, wd[5] = { 2, 2, 1, 1, 1 };
  float wv[4] = { 0.3f, -0.2f, 0.1f, 0.5f };
  float lim[4][2] = { { 0.0f, 2.55f }, { -1.27f, 1.27f } };
  guint i;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 5, xd);
  qs_graph_builder_set_attr (b, fq, "levels", "256");
  qs_graph_builder_set_attr (b, wfq, "levels", "255");
  for (i = 0; i < 5; i++)
    {
      qs_graph_builder_set_port (b, &fq->inputs[i], QS_ELEMENT_F32, i == 0 ? 5 : 0, xd);
      qs_graph_builder_set_port (b, &wfq->inputs[i], QS_ELEMENT_F32, i == 0 ? 5 : 0, wd);
      if (i > 0)
        {
          qs_graph_builder_connect (b, scalar (b, lim[0][(i - 1) % 2]), 0, fq, i, NULL);
          qs_graph_builder_connect (b, scalar (b, lim[1][(i - 1) % 2]), 0, wfq, i, NULL);
        }
    }
  qs_graph_builder_set_port (b, &fq->outputs[0], QS_ELEMENT_F32, 5, xd);
  qs_graph_builder_set_port (b, &wfq->outputs[0], QS_ELEMENT_F32, 5, wd);
  qs_graph_builder_connect (b, p, 0, fq, 0, NULL);
  qs_graph_builder_connect (b, qs_graph_builder_add_const_f32 (b, "w", 5, wd, wv), 0, wfq, 0, NULL);
  qs_graph_builder_set_attr (b, conv, "strides", "1,1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 5, xd);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 5, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 5, xd);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 5, xd);
  qs_graph_builder_connect (b, fq, 0, conv, 0, NULL);
  qs_graph_builder_connect (b, wfq, 0, conv, 1, NULL);
  qs_graph_builder_connect (b, conv, 0, res, 0, NULL);
  return qs_graph_builder_finish (b, NULL);
}

typedef struct
{
  const char *path;
  QsModel  *(*build) (void);
  const char *reason;
} ReasonCase;

static const ReasonCase reason_cases[] = {
  { "model-input", r_model_input, "comes from the model input “x” without a FakeQuantize" },
  { "not-decomposed", r_levels2, "the FakeQuantize “fq” on input 0 is not decomposed: levels=2" },
  { "from-compute", r_from_compute, "input 0 comes from Convolution “conv1” with no FakeQuantize in between" },
  { "stays-float", r_not_moved, "input 0 comes from Sigmoid “op”, which is not quantized" },
  /* AddTransformation turns the Add into the Dequantize's zero point
   * 0 - 0.5 / 0.01 = -50, which checkZeroPoint refuses for u8 */
  { "folded-bias", r_folded_bias, "the activation zero point -50 lies outside the u8 range (checkZeroPoint)" },
  { "per-channel", r_per_channel, "per-channel; Convolution needs one scale" },
  { "group-varies", r_group_varies, "varies inside a group of 2 input channels" },
  { "weight-zero-point", r_weight_zero_point, "weights have a zero point" },
  { "float-weights", r_float_weights, "weights are not quantized" },
  { "weight-scales-vary", r_weight_scales_vary, "weight scales vary inside an output channel" },
  { "input1-activation", r_input1_activation, "MatMulTransformation: input 1 is u8; the CPU plugin's MatMul takes i8 there" },
  { "input1-float", r_input1_float, "input 1 is not quantized" },
  { "group-backprop", r_group_backprop, "LPT has no transformation for GroupConvolutionBackpropData" },
};

/* A 3-D convolution: the CPU plugin runs it on u8 codes (OpenVINO's LPT
 * has no rank condition there), qscope's int8 kernels are 1-D and 2-D:
 * int8 in the prediction, the limit named as qscope's, the int8 graph
 * computing it on the dequantized values. */
static void
test_conv3d_qscope_limit (void)
{
  g_autoptr(QsModel) m = r_conv3d ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QsLptResult) r = qs_lpt_run (m, &error);
  const QsLptDecision *d;

  g_assert_no_error (error);
  d = decision_of (r, "conv");
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
  g_assert_cmpint (d->role, ==, QS_LPT_ROLE_FP32_COMPUTE);
  g_assert_cmpstr (d->reason, ==, "int8 (ConvolutionTransformation); qscope: its int8 convolution kernels take 1-D "
                                  "and 2-D convolutions, not 3-D ones, so qscope's int8 run computes this layer on "
                                  "the dequantized values");
}

static void
test_reason (gconstpointer data)
{
  const ReasonCase *c = data;
  g_autoptr(QsModel) m = c->build ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QsLptResult) r = qs_lpt_run (m, &error);
  const QsLptDecision *d;

  g_assert_no_error (error);
  d = decision_of (r, "conv");
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (d->reason);
  if (strstr (d->reason, c->reason) == NULL)
    g_error ("reason “%s” does not contain “%s”", d->reason, c->reason);
}

static void
test_writer_builder_round_trip (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, FALSE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  g_autofree char *dir = qs_test_make_dir ("qs-lpt");
  g_autofree char *path = g_build_filename (dir, "t.xml", NULL);
  g_autofree char *bin = g_build_filename (dir, "t.bin", NULL);
  g_autoptr(QsModel) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (qs_ir_write (qs_lpt_result_get_model (r), path, NULL, &error));
  g_assert_no_error (error);
  back = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->graph->n_nodes, ==, qs_lpt_result_get_model (r)->graph->n_nodes);
  g_unlink (path);
  g_unlink (bin);
  g_rmdir (dir);
}

static void
compare_models (QsModel *a, QsModel *b)
{
  guint i, j;

  g_assert_cmpuint (a->graph->n_nodes, ==, b->graph->n_nodes);
  for (i = 0; i < a->graph->n_nodes; i++)
    {
      const QsNode *x = a->graph->nodes[i], *y = b->graph->nodes[i];
      g_assert_cmpuint (x->id, ==, y->id);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpuint (x->n_inputs, ==, y->n_inputs);
      for (j = 0; j < x->n_inputs; j++)
        if (x->inputs[j].source != NULL)
          {
            g_assert_cmpuint (x->inputs[j].source->node->id, ==, y->inputs[j].source->node->id);
            g_assert_cmpuint (x->inputs[j].source->xml_id, ==, y->inputs[j].source->xml_id);
          }
      if (x->konst != NULL && x->konst->data != NULL)
        {
          g_assert_cmpuint (x->konst->size, ==, y->konst->size);
          g_assert_true (memcmp (x->konst->data, y->konst->data, x->konst->size) == 0);
        }
    }
}

static GPtrArray *
shared_models (gboolean *xml_only_out)
{
  const char *root = g_getenv ("QS_SHARED_MODELS");
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (root == NULL || (dir = g_dir_open (root, 0, NULL)) == NULL)
    return out;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (root, name, NULL);
      g_autoptr(GDir) d = g_dir_open (sub, 0, NULL);
      const char *f;
      if (d == NULL || g_str_has_prefix (name, "legacy-"))
        continue;
      while ((f = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (f, ".xml"))
          g_ptr_array_add (out, g_build_filename (sub, f, NULL));
    }
  g_ptr_array_sort (out, (GCompareFunc) g_strcmp0);
  return out;
}

static void
test_round_trip_shared (void)
{
  g_autoptr(GPtrArray) models = shared_models (NULL);
  g_autofree char *dir = qs_test_make_dir ("qs-rt");
  guint i;

  if (models->len == 0)
    {
      g_test_skip ("QS_SHARED_MODELS is not set or empty");
      return;
    }
  for (i = 0; i < models->len; i++)
    {
      const char *path = models->pdata[i];
      QsLoadFlags flags = strstr (path, "_xml_only") ? QS_LOAD_FLAGS_NO_WEIGHTS : QS_LOAD_FLAGS_NONE;
      g_autoptr(GError) error = NULL;
      g_autoptr(QsModel) m = qs_model_load (path, flags, NULL, &error);
      g_autofree char *out = g_build_filename (dir, "rt.xml", NULL);
      g_autofree char *outbin = g_build_filename (dir, "rt.bin", NULL);
      g_autoptr(QsModel) back = NULL;

      g_assert_no_error (error);
      g_assert_true (qs_ir_write (m, out, NULL, &error));
      g_assert_no_error (error);
      back = qs_model_load (out, flags, NULL, &error);
      g_assert_no_error (error);
      compare_models (m, back);
      g_unlink (out);
      g_unlink (outbin);
    }
  g_rmdir (dir);
}

/* An independent reading of the original graph (no pass code): is input
 * @node fed by a FakeQuantize LPT decomposes, through ops LPT moves a
 * Dequantize through (data movement, MaxPool, ReduceMax/Min, ReLU, Concat
 * of fed inputs, Multiply/Add/Subtract by a constant)? */
static gboolean
check_is_const (const QsNode *node, guint depth)
{
  guint i;

  if (node == NULL || depth > 24)
    return FALSE;
  if (qs_node_is_type (node, "Const"))
    return TRUE;
  if (qs_node_is_type (node, "Parameter") || node->n_inputs == 0)
    return FALSE;
  if (qs_node_is_type (node, "ShapeOf"))
    return TRUE;
  for (i = 0; i < node->n_inputs; i++)
    if (!check_is_const (qs_node_input_node (node, i), depth + 1))
      return FALSE;
  return TRUE;
}

static gboolean
check_fed (const QsNode *node, guint depth)
{
  static const char *const movers[] = {
    "Reshape", "Squeeze", "Unsqueeze", "Transpose", "StridedSlice", "Split", "VariadicSplit",
    "MaxPool", "ReduceMax", "ReduceMin", "ReLU", "Relu",
  };
  guint i;

  if (node == NULL || depth > 64)
    return FALSE;
  if (qs_node_is_type (node, "FakeQuantize"))
    {
      gint64 levels = 0;
      qs_node_get_int (node, "levels", 0, &levels, NULL);
      return levels == 256 || levels == 255 || levels == 16 || levels == 15;
    }
  if (qs_node_is_type (node, "Concat"))
    {
      for (i = 0; i < node->n_inputs; i++)
        if (!check_fed (qs_node_input_node (node, i), depth + 1))
          return FALSE;
      return node->n_inputs > 0;
    }
  if (qs_node_is_type (node, "Multiply") || qs_node_is_type (node, "Add") || qs_node_is_type (node, "Subtract"))
    {
      for (i = 0; i < 2 && node->n_inputs == 2; i++)
        if (check_is_const (qs_node_input_node (node, 1 - i), 0))
          return check_fed (qs_node_input_node (node, i), depth + 1);
      return FALSE;
    }
  for (i = 0; i < G_N_ELEMENTS (movers); i++)
    if (qs_node_is_type (node, movers[i]))
      return check_fed (qs_node_input_node (node, 0), depth + 1);
  return FALSE;
}

/* Weights quantized: a constant subgraph holding a FakeQuantize or an
 * integer Const (the i8 → Convert → Multiply form). */
static gboolean
check_weights (const QsNode *node, guint depth)
{
  guint i;

  if (node == NULL || depth > 24 || !check_is_const (node, 0))
    return FALSE;
  if (qs_node_is_type (node, "FakeQuantize"))
    return TRUE;
  if (qs_node_is_type (node, "Const"))
    return node->konst != NULL && (node->konst->element_type == QS_ELEMENT_I8 ||
                                   node->konst->element_type == QS_ELEMENT_U8);
  if (qs_node_is_type (node, "ShapeOf"))
    return FALSE;
  for (i = 0; i < node->n_inputs; i++)
    if (check_weights (qs_node_input_node (node, i), depth + 1))
      return TRUE;
  return FALSE;
}

static void
test_int8_models (void)
{
  g_autoptr(GPtrArray) models = shared_models (NULL);
  guint i, j;

  if (models->len == 0)
    {
      g_test_skip ("QS_SHARED_MODELS is not set or empty");
      return;
    }
  for (i = 0; i < models->len; i++)
    {
      const char *path = models->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(QsModel) m = NULL;
      g_autoptr(QsLptResult) r = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (dir);

      if (strstr (path, "int8") == NULL || strstr (path, "_xml_only") != NULL)
        continue;
      m = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
      g_assert_no_error (error);
      r = qs_lpt_run (m, &error);
      g_assert_no_error (error);
      for (j = 0; j < m->graph->n_nodes; j++)
        {
          const QsLptDecision *d = qs_lpt_result_get_decision_at (r, j);
          const QsNode *node = m->graph->nodes[j];
          gboolean compute = qs_node_is_type (node, "Convolution") || qs_node_is_type (node, "GroupConvolution") ||
                             qs_node_is_type (node, "MatMul");
          if (d->is_compute && d->precision == QS_LPT_PRECISION_FP32)
            g_assert_nonnull (d->reason);
          if (compute && check_fed (qs_node_input_node (node, 0), 0) && check_weights (qs_node_input_node (node, 1), 0) &&
              d->precision != QS_LPT_PRECISION_INT8)
            g_error ("%s: %s %" G_GUINT64_FORMAT " “%s” has a quantized input and quantized weights but runs in "
                     "%s: %s", base, node->type, node->id, node->name, qs_lpt_precision_name (d->precision),
                     d->reason != NULL ? d->reason : "?");
        }
      summary = qs_lpt_result_summary (r);
      g_test_message ("%s: %s", base, summary);
    }
}

/* The findings: compute layers kept in fp32 grouped by their reason
 * without the layer names it quotes, the largest group first, with the
 * layers in run order; the summary line is made of the same groups; a
 * search matches precision, role and reason words as well as names. */
static void
test_fp32_groups (void)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  float lo[2] = { 0, 0 }, hi[2] = { 2.55f, 2.55f };
  QsNode *s1 = net_op (&net, "Sigmoid", "sig_a", p, 1);
  QsNode *c2 = net_conv (&net, "c2", s1, NULL);
  QsNode *s2 = net_op (&net, "Sigmoid", "sig_b", p, 1);
  QsNode *c3 = net_conv (&net, "c3", s2, NULL);
  QsNode *add = net_op (&net, "Add", "add", c2, 2);
  QsNode *fq, *c1;
  g_autoptr(QsModel) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *summary = NULL, *want = NULL;
  QsLptResult *r;
  const QsLptReasonGroup *g;
  const QsNode *n1, *n2, *n3;
  guint n_int8 = 0, n_compute = 0;

  net_port (&net, &add->inputs[1], 4, d4);
  qs_graph_builder_connect (net.b, c3, 0, add, 1, NULL);
  fq = net_fq (&net, "fq", add, 256, 1, lo, hi);
  c1 = net_conv (&net, "c1", fq, NULL);
  m = net_finish (&net, c1);
  r = qs_lpt_run (m, &error);
  n1 = qs_graph_find_node_by_name (m->graph, "c1");
  n2 = qs_graph_find_node_by_name (m->graph, "c2");
  n3 = qs_graph_find_node_by_name (m->graph, "c3");

  g_assert_no_error (error);
  groups = qs_lpt_result_fp32_groups (r, &n_int8, &n_compute);
  g_assert_cmpuint (n_compute, ==, 3);
  g_assert_cmpuint (n_int8, ==, 1);
  g_assert_cmpuint (groups->len, ==, 1);
  g = groups->pdata[0];
  g_test_message ("group: %s", g->reason);
  g_assert_cmpuint (g->layers->len, ==, 2);
  g_assert_true (g->layers->pdata[0] == n2);
  g_assert_true (g->layers->pdata[1] == n3);
  g_assert_null (strstr (g->reason, "sig_a"));
  g_assert_nonnull (strstr (qs_lpt_result_get_decision (r, n2)->reason, "sig_a"));
  summary = qs_lpt_result_summary (r);
  want = g_strdup_printf ("1/3 compute layers in int8; fp32: 2 × %s", g->reason);
  g_assert_cmpstr (summary, ==, want);

  g_assert_true (qs_lpt_node_matches (r, n2, "FP32"));
  g_assert_false (qs_lpt_node_matches (r, n1, "fp32"));
  g_assert_true (qs_lpt_node_matches (r, n1, "int8 conv"));
  g_assert_true (qs_lpt_node_matches (r, n2, "sigmoid sig_a"));
  g_assert_false (qs_lpt_node_matches (r, n3, "sigmoid sig_a"));
  g_assert_true (qs_lpt_node_matches (NULL, n3, "C3"));
  g_assert_false (qs_lpt_node_matches (NULL, n3, "fp32"));
  /* a node of the new graph answers for the layer it comes from */
  {
    const QsGraph *t = qs_lpt_result_get_model (r)->graph;
    guint i, found = 0;

    for (i = 0; i < t->n_nodes; i++)
      if (t->nodes[i]->origin == n2 && qs_lpt_node_matches (r, t->nodes[i], "fp32"))
        found++;
    g_assert_cmpuint (found, >=, 1);
  }
  qs_lpt_result_free (r);
}

/* ------------------------------------------------------------------------ */
/* qscope-cli lpt                                                            */

static int
run_cli (const char *const *args, char **out, char **err)
{
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* A small quantized model written to a new directory. */
static char *
write_conv_model (char **dir_out)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, FALSE, -1.27f);
  g_autofree char *dir = qs_test_make_dir ("qs-cli-lpt");
  char *path = g_build_filename (dir, "m.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (qs_ir_write (m, path, NULL, &error));
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return path;
}

static void
test_cli_json (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_conv_model (&dir);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *summary, *layer;
  JsonArray *layers;
  guint i, n_int8 = 0;
  static const char *const keys[] = {
    "id", "name", "type", "precision", "role", "compute", "reason", "weight_sparsity", "input", "output",
  };

  g_assert_cmpint (run_cli ((const char *[]) { "lpt", "--json", path, NULL }, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  layers = json_object_get_array_member (root, "layers");
  summary = json_object_get_object_member (root, "summary");
  g_assert_nonnull (layers);
  g_assert_nonnull (summary);
  g_assert_true (json_object_has_member (summary, "int8_compute"));
  g_assert_true (json_object_has_member (summary, "compute"));
  g_assert_true (json_object_has_member (summary, "fp32_reasons"));
  g_assert_cmpint (json_object_get_int_member (summary, "int8_compute"), ==, 1);
  for (i = 0; i < json_array_get_length (layers); i++)
    {
      guint k;
      layer = json_array_get_object_element (layers, i);
      for (k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (layer, keys[k]));
      if (json_object_get_boolean_member (layer, "compute"))
        {
          n_int8++;
          g_assert_cmpstr (json_object_get_string_member (layer, "precision"), ==, "int8");
          /* weights 0.3, -0.2, 0.1, 0.5: none zero */
          g_assert_cmpfloat (json_object_get_double_member (layer, "weight_sparsity"), ==, 0.0);
        }
    }
  g_assert_cmpuint (n_int8, ==, 1);
  qs_test_remove_tree (dir);
}

static void
test_cli_cpu (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_conv_model (&dir);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *out3 = NULL, *err3 = NULL;
  g_autofree char *want = g_strdup_printf ("CPU: %s (this machine)\n", qs_lpt_cpu_name (qs_lpt_cpu_host ()));

  g_assert_cmpint (run_cli ((const char *[]) { "lpt", "--cpu", "amx", path, NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "CPU: amx\n"));
  g_assert_cmpint (run_cli ((const char *[]) { "lpt", path, NULL }, &out2, &err2), ==, 0);
  g_assert_true (g_str_has_prefix (out2, want));
  g_assert_cmpint (run_cli ((const char *[]) { "lpt", "--cpu", "sse4", path, NULL }, &out3, &err3), ==, 2);
  g_assert_nonnull (strstr (err3, "sse4"));
  qs_test_remove_tree (dir);
}

static void
test_cli_save (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_conv_model (&dir);
  g_autofree char *saved = g_build_filename (dir, "out.xml", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "lpt", "--save", saved, path, NULL }, &out, &err), ==, 0);
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_cli ((const char *[]) { "info", saved, NULL }, &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "Quantize"));
  qs_test_remove_tree (dir);
}

static void
test_cli_malformed (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-cli-lpt");
  g_autofree char *path = g_build_filename (dir, "bad.xml", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *nl;

  g_assert_true (g_file_set_contents (path, "<net name=\"x\"><layers><layer id=\"0\"", -1, NULL));
  g_assert_cmpint (run_cli ((const char *[]) { "lpt", path, NULL }, &out, &err), ==, 2);
  nl = strchr (err, '\n');
  g_assert_nonnull (nl);
  g_assert_cmpstr (nl + 1, ==, "");
  qs_test_remove_tree (dir);
}

static void
test_cli_save_unwritable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_conv_model (&dir);
  g_autofree char *ro = g_build_filename (dir, "ro", NULL);
  g_autofree char *target = g_build_filename (ro, "out.xml", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GDir) d = NULL;

  g_assert_cmpint (g_mkdir (ro, 0555), ==, 0);
  if (access (ro, W_OK) == 0)
    {
      /* root writes anywhere; /proc refuses new files even to root */
      g_free (target);
      target = g_strdup ("/proc/qscope-lpt-test/out.xml");
    }
  g_assert_cmpint (run_cli ((const char *[]) { "lpt", "--save", target, path, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  d = g_dir_open (ro, 0, NULL);
  g_assert_nonnull (d);
  g_assert_null (g_dir_read_name (d));
  g_chmod (ro, 0755);
  g_rmdir (ro);
  qs_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* The Dequantize through AvgPool, Pad, Gather, DepthToSpace,
 * ShuffleChannels, Interpolate, Split, Add, and the ops that take codes but
 * give f32 (qs-lpt-move-*.c).  Cases from OpenVINO's LPT unit tests
 * (src/common/low_precision_transformations/tests/avg_pool_transformation.cpp
 * and pad_transformation.cpp, named in the comments) carry their
 * dequantization and expected placement; the others check the conditions
 * of the transformation's source (named).  A dequantization is made here
 * by a FakeQuantize: [lo, hi] over 256 levels feeding a convolution gives
 * u8 with s = (hi - lo) / 255 and z = -lo / s. */

/* an op on @src with input 0 of @id and output 0 of @od */
static QsNode *
mv_op (Net *net, const char *type, const char *version, const char *name, QsNode *src, guint n_in,
       const gint64 *id, const gint64 *od)
{
  QsNode *node = qs_graph_builder_add_node (net->b, type, version, name, n_in, 1);

  net_port (net, &node->inputs[0], 4, id);
  net_port (net, &node->outputs[0], 4, od);
  if (src != NULL)
    qs_graph_builder_connect (net->b, src, 0, node, 0, NULL);
  return node;
}

static void
mv_i64 (Net *net, QsNode *op, guint input, guint n, const gint64 *v)
{
  qs_graph_builder_set_port (net->b, &op->inputs[input], QS_ELEMENT_I64, 1, (gint64[]) { n });
  qs_graph_builder_connect (net->b, net_i64 (net, n, v), 0, op, input, NULL);
}

static void
mv_i64_scalar (Net *net, QsNode *op, guint input, gint64 v)
{
  qs_graph_builder_set_port (net->b, &op->inputs[input], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_connect (net->b, qs_graph_builder_add_const (net->b, NULL, QS_ELEMENT_I64, 0, NULL, &v, 8),
                            0, op, input, NULL);
}

static void
mv_f32_scalar (Net *net, QsNode *op, guint input, float v)
{
  net_port (net, &op->inputs[input], 0, NULL);
  qs_graph_builder_connect (net->b, net_const (net, 0, NULL, &v), 0, op, input, NULL);
}

/* 1x1 convolution @cin → 2 on [1, cin, h, w], weights FQ 255 levels [-1.27, 1.27] */
static QsNode *
mv_conv (Net *net, QsNode *src, const gint64 *dims)
{
  gint64 wd[4] = { 2, dims[1], 1, 1 }, od[4] = { dims[0], 2, dims[2], dims[3] };
  g_autofree float *w = g_new (float, 2 * dims[1]);
  QsNode *conv = mv_op (net, "Convolution", "opset1", "conv", src, 2, dims, od);
  QsNode *wfq = qs_graph_builder_add_node (net->b, "FakeQuantize", "opset1", NULL, 5, 1);
  float lo = -1.27f, hi = 1.27f;
  gint64 i;

  for (i = 0; i < 2 * dims[1]; i++)
    w[i] = 0.1f * (float) ((i * 7) % 11 - 5);
  qs_graph_builder_set_attr (net->b, wfq, "levels", "255");
  net_port (net, &wfq->inputs[0], 4, wd);
  net_port (net, &wfq->outputs[0], 4, wd);
  qs_graph_builder_connect (net->b, net_const (net, 4, wd, w), 0, wfq, 0, NULL);
  for (i = 1; i < 5; i++)
    {
      net_port (net, &wfq->inputs[i], 0, NULL);
      qs_graph_builder_connect (net->b, net_const (net, 0, NULL, (i % 2) ? &lo : &hi), 0, wfq, (guint) i, NULL);
    }
  qs_graph_builder_set_attr (net->b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (net->b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (net->b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (net->b, conv, "dilations", "1,1");
  net_port (net, &conv->inputs[1], 4, wd);
  qs_graph_builder_connect (net->b, wfq, 0, conv, 1, NULL);
  return conv;
}

static QsModel *
mv_finish (Net *net, QsNode *last, const gint64 *dims)
{
  QsNode *res = qs_graph_builder_add_node (net->b, "Result", "opset1", "out", 1, 0);
  QsModel *m;

  net_port (net, &res->inputs[0], 4, dims);
  qs_graph_builder_connect (net->b, last, 0, res, 0, NULL);
  m = qs_graph_builder_finish (net->b, NULL);
  g_clear_pointer (&net->b, qs_graph_builder_free);
  g_assert_nonnull (m);
  return m;
}

/* the op @name got @precision and a reason containing @part (NULL: any) */
static void
mv_expect (QsLptResult *r, const char *name, QsLptPrecision precision, const char *part)
{
  const QsLptDecision *d = decision_of (r, name);

  g_assert_nonnull (d);
  if (d->precision != precision || (part != NULL && (d->reason == NULL || strstr (d->reason, part) == NULL)))
    {
      const QsLptDecision *c = decision_of (r, "conv");
      QsModel *om = qs_lpt_result_get_original (r);
      guint i;
      for (i = 0; i < om->graph->n_nodes; i++)
        {
          const QsLptDecision *e = qs_lpt_result_get_decision_at (r, i);
          if (!qs_node_is_type (e->node, "Const"))
            g_printerr ("  %s “%s”: %s %s\n", e->node->type, e->node->name, qs_lpt_precision_name (e->precision),
                        e->reason != NULL ? e->reason : "");
        }
      g_error ("%s: %s, reason “%s”; want %s with “%s” (conv: %s)", name, qs_lpt_precision_name (d->precision),
               d->reason != NULL ? d->reason : "", qs_lpt_precision_name (precision), part != NULL ? part : "",
               c != NULL && c->reason != NULL ? c->reason : "-");
    }
}

/* The fake-quant and the int8 runs of @m agree within @tol on a fixed input. */
static void
mv_check_exec (QsModel *m, double tol)
{
  const QsExecMode modes[2] = { QS_EXEC_MODE_FAKE_QUANT, QS_EXEC_MODE_INT8 };
  g_autoptr(QsTensor) x = qs_tensor_new_f32 (4, d4);
  QsTensor *y[2] = { NULL, NULL };
  double worst = 0;
  gsize i;
  guint k;

  for (i = 0; i < x->n_elements; i++)
    qs_tensor_f32 (x)[i] = (float) (1.3 * sin (0.37 * (double) i) + 0.4);
  for (k = 0; k < 2; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QsExec) exec = qs_exec_new (m, modes[k], &error);
      QsTensor **out = NULL;

      g_assert_no_error (error);
      g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &out, &error));
      g_assert_no_error (error);
      y[k] = out[0];
      g_free (out);
    }
  g_assert_cmpuint (y[0]->n_elements, ==, y[1]->n_elements);
  for (i = 0; i < y[0]->n_elements; i++)
    worst = MAX (worst, fabs ((double) qs_tensor_f32 (y[0])[i] - qs_tensor_f32 (y[1])[i]));
  g_assert_cmpfloat (worst, <=, tol);
  qs_tensor_unref (y[0]);
  qs_tensor_unref (y[1]);
}

/* Parameter → FQ (per tensor [lo, hi], or per channel) → @build → tail. */
typedef QsNode *(*MvBuild) (Net *net, QsNode *src, gint64 *od);

/* a FakeQuantize [0, 2.55] between the op and the tail */
static gboolean mv_fq_after;

static QsModel *
mv_model (guint c, const float *lo, const float *hi, MvBuild build, gboolean depthwise)
{
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *fq = net_fq (&net, "fq", p, 256, c, lo, hi);
  gint64 od[4] = { 1, 2, 4, 4 };
  QsNode *op = build (&net, fq, od);

  if (mv_fq_after)
    {
      op = net_fq1 (&net, "fq2", op, 0.0f, 2.55f);
      net_port (&net, &op->inputs[0], 4, od);
      net_port (&net, &op->outputs[0], 4, od);
    }

  if (depthwise)
    return net_finish (&net, net_dwconv (&net, "gconv", op));
  {
    gint64 cd[4] = { od[0], 2, od[2], od[3] };
    return mv_finish (&net, mv_conv (&net, op, od), cd);
  }
}

/* AvgPool 3x3, stride 1, pads 1, exclude-pad: [1,2,4,4] stays; with
 * @mv_dynamic_rank its input has a dynamic rank */
static gboolean mv_dynamic_rank;

static QsNode *
mv_avgpool (Net *net, QsNode *src, gint64 *od)
{
  QsNode *op = mv_op (net, "AvgPool", "opset1", "op", src, 1, d4, od);
  if (mv_dynamic_rank)
    qs_graph_builder_set_port (net->b, &op->inputs[0], QS_ELEMENT_F32, -1, NULL);
  qs_graph_builder_set_attr (net->b, op, "kernel", "3,3");
  qs_graph_builder_set_attr (net->b, op, "strides", "1,1");
  qs_graph_builder_set_attr (net->b, op, "pads_begin", "1,1");
  qs_graph_builder_set_attr (net->b, op, "pads_end", "1,1");
  qs_graph_builder_set_attr (net->b, op, "exclude-pad", "true");
  qs_graph_builder_set_attr (net->b, op, "rounding_type", "floor");
  return op;
}

static void
test_move_avgpool (void)
{
  /* avg_pool_transformation.cpp, "U8 per tensor quantization": u8,
   * subtract 128, multiply 0.02 → AvgPool on u8, the Dequantize after it */
  float lo = -2.56f, hi = 2.54f;
  /* "U8 per channel quantization with different values": subtract
   * {128, 0}, multiply {3, 1} (two of its three channels) */
  float plo[2] = { -384.0f, 0.0f }, phi[2] = { 381.0f, 255.0f };
  g_autoptr(QsModel) m1 = mv_model (1, &lo, &hi, mv_avgpool, FALSE);
  g_autoptr(QsModel) m2 = mv_model (2, plo, phi, mv_avgpool, TRUE);
  g_autoptr(QsLptResult) r1 = qs_lpt_run (m1, NULL);
  g_autoptr(QsLptResult) r2 = qs_lpt_run (m2, NULL);
  const QsLptDecision *d;

  mv_expect (r1, "op", QS_LPT_PRECISION_CODES, "AvgPoolTransformation");
  mv_expect (r1, "conv", QS_LPT_PRECISION_INT8, NULL);
  d = decision_of (r1, "op");
  g_assert_cmpfloat_with_epsilon (d->output.scale[0], 0.02, 1e-6);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 128.0, 1e-3);
  /* the pool's average is rounded to a code: within one code of 0.02 times Σ|w| */
  mv_check_exec (m1, 0.02 * 1.0 + 1e-4);

  mv_expect (r2, "op", QS_LPT_PRECISION_CODES, NULL);
  mv_expect (r2, "gconv", QS_LPT_PRECISION_INT8, NULL);
  /* testValues2: per-channel constants and a dynamic rank → not transformed */
  {
    g_autoptr(QsModel) m3 = NULL;
    g_autoptr(QsLptResult) r3 = NULL;
    mv_dynamic_rank = TRUE;
    m3 = mv_model (2, plo, phi, mv_avgpool, TRUE);
    mv_dynamic_rank = FALSE;
    r3 = qs_lpt_run (m3, NULL);
    mv_expect (r3, "op", QS_LPT_PRECISION_FP32, "AvgPoolTransformation: the Dequantize is per-channel and the input rank is dynamic");
  }
  d = decision_of (r2, "op");
  g_assert_cmpuint (d->output.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (d->output.scale[0], 3.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 128.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], 0.0, 1e-6);
}

static void
test_move_avgpool_not_preserved (void)
{
  /* MarkupAvgPoolPrecisionPreserved: no quantized layer after the pool
   * (a float Sigmoid after it) → AvgPool gives f32 */
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  gint64 od[4] = { 1, 2, 4, 4 };
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;

  m = net_finish (&net, x_unary (&net, mv_avgpool (&net, net_fq1 (&net, "fq", p, 0.0f, 5.1f), od), "Sigmoid"));
  r = qs_lpt_run (m, NULL);
  mv_expect (r, "op", QS_LPT_PRECISION_FP32, "MarkupAvgPoolPrecisionPreserved");
}

/* Pad-1, constant mode, @pb/@pe, @value */
static const gint64 *mv_pb, *mv_pe;
static float mv_pad_value;
static const char *mv_pad_mode = "constant";

static QsNode *
mv_pad (Net *net, QsNode *src, gint64 *od)
{
  QsNode *op;
  int d;

  for (d = 0; d < 4; d++)
    od[d] = d4[d] + mv_pb[d] + mv_pe[d];
  op = mv_op (net, "Pad", "opset1", "op", src, 4, d4, od);
  qs_graph_builder_set_attr (net->b, op, "pad_mode", mv_pad_mode);
  mv_i64 (net, op, 1, 4, mv_pb);
  mv_i64 (net, op, 2, 4, mv_pe);
  mv_f32_scalar (net, op, 3, mv_pad_value);
  return op;
}

static void
test_move_pad (void)
{
  static const gint64 spb[4] = { 0, 0, 2, 1 }, spe[4] = { 0, 0, 1, 2 };
  static const gint64 upb[4] = { 0, 2, 0, 0 }, upe[4] = { 0, 1, 0, 0 };
  float lo0 = 0.0f, hi0 = 7.65f;       /* multiply 0.03, no subtract */
  float lo = -1.92f, hi = 5.73f;       /* subtract 64, multiply 0.03 */
  const QsLptDecision *d;

  /* pad_transformation.cpp commonTestCases: multiply only, pads by
   * spatial dimensions, value 0 → Pad on codes, the Dequantize after it */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    mv_pb = spb; mv_pe = spe; mv_pad_value = 0.0f; mv_pad_mode = "constant";
    m = mv_model (1, &lo0, &hi0, mv_pad, FALSE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
    mv_expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    mv_check_exec (m, 1e-4);
  }
  /* testCasesForConstantMode: subtract 64, multiply 3 (here 0.03), pads
   * on two spatial axes → not propagated */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    m = mv_model (1, &lo, &hi, mv_pad, FALSE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_FP32, "PadTransformation: the Dequantize has a zero point and the pads are on 2 axes");
    mv_expect (r, "conv", QS_LPT_PRECISION_FP32, "Pad “op”, which stays float");
  }
  /* testCasesForConstantModeWithNonZeroValues: value 1, multiply
   * only, pads on two axes → not propagated */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    mv_pad_value = 1.0f;
    m = mv_model (1, &lo0, &hi0, mv_pad, FALSE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_FP32, "a pad value that is not 0");
  }
  /* testCasesForConstantModeAndUniquePadDimension: subtract 64, multiply
   * 3, pads {2, 1} on one axis (there axis 2, here the channels) → the
   * subtract becomes {0, 0, 64, 64, 0} along it, the Pad runs on codes;
   * the Convolution then takes one zero point per input channel */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    mv_pb = upb; mv_pe = upe; mv_pad_value = 0.0f;
    m = mv_model (1, &lo, &hi, mv_pad, FALSE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
    d = decision_of (r, "op");
    g_assert_cmpuint (d->output.n, ==, 5);
    g_assert_cmpint (d->output.axis, ==, 1);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 0.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], 0.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[2], 64.0, 1e-3);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[3], 64.0, 1e-3);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[4], 0.0, 1e-9);
    /* the multiply stays one value: a padded element has code 0, zero point 0 */
    g_assert_cmpfloat_with_epsilon (d->output.scale[0], 0.03, 1e-6);
    g_assert_cmpfloat_with_epsilon (d->output.scale[2], 0.03, 1e-6);
    mv_expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    mv_check_exec (m, 1e-4);
  }
  /* testCasesForNonZeroConstantModeAndUniquePadDimension: value 2 on one
   * axis, subtract 64 → the multiply becomes {1, 1, 3, 3, 1} along it too */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    mv_pad_value = 2.0f;
    m = mv_model (1, &lo, &hi, mv_pad, FALSE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_FP32, "its consumers need float values");
    mv_expect (r, "conv", QS_LPT_PRECISION_FP32, "scale on input 0 differs between channels");
    mv_pad_value = 0.0f;
  }
  /* testCasesForEdgeMode: edge mode, per-channel constants padded like the data */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    float plo[2] = { -1.92f, 0.0f }, phi[2] = { 5.73f, 2.55f };
    mv_pad_mode = "edge";
    mv_fq_after = TRUE;   /* a Requantize takes the per-channel codes */
    m = mv_model (2, plo, phi, mv_pad, FALSE);
    mv_fq_after = FALSE;
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "fq2", QS_LPT_PRECISION_CODES, NULL);
    g_assert_cmpint (qs_lpt_result_get_role (r, decision_of (r, "fq2")->node), ==, QS_LPT_ROLE_REQUANTIZE);
    mv_check_exec (m, 1e-4);
    mv_expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
    d = decision_of (r, "op");
    g_assert_cmpuint (d->output.n, ==, 5);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 64.0, 1e-3);   /* edge: channel 0 */
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], 64.0, 1e-3);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[3], 0.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[4], 0.0, 1e-6);
  }
  /* testCasesForReflectMode: reflect pads the per-channel axis → not propagated */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    float plo[2] = { -1.92f, 0.0f }, phi[2] = { 5.73f, 2.55f };
    static const gint64 rpb[4] = { 0, 1, 0, 0 }, rpe[4] = { 0, 0, 0, 0 };
    mv_pb = rpb; mv_pe = rpe;
    mv_pad_mode = "reflect";
    m = mv_model (2, plo, phi, mv_pad, FALSE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_FP32, "reflect mode pads the per-channel Dequantize's axis 1");
  }
  mv_pad_mode = "constant";
}

/* Gather-8 of @mv_gather_idx along @mv_gather_axis */
static const gint64 *mv_gather_idx;
static guint mv_gather_n;
static gint64 mv_gather_axis;
static gboolean mv_gather_param_idx;

static QsNode *
mv_gather (Net *net, QsNode *src, gint64 *od)
{
  QsNode *op;

  od[mv_gather_axis] = mv_gather_n;
  op = mv_op (net, "Gather", "opset8", "op", src, 3, d4, od);
  qs_graph_builder_set_attr (net->b, op, "batch_dims", "0");
  if (mv_gather_param_idx)
    {
      /* indices from a computation, not a Const: ShapeOf → Gather → … */
      QsNode *sh = qs_graph_builder_add_node (net->b, "ShapeOf", "opset3", NULL, 1, 1);
      QsNode *sl = qs_graph_builder_add_node (net->b, "StridedSlice", "opset1", NULL, 4, 1);
      static const gint64 b0[1] = { 0 }, e0[1] = { 2 }, s1[1] = { 1 };
      guint i;
      net_port (net, &sh->inputs[0], 4, d4);
      qs_graph_builder_set_port (net->b, &sh->outputs[0], QS_ELEMENT_I64, 1, (gint64[]) { 4 });
      qs_graph_builder_connect (net->b, src, 0, sh, 0, NULL);
      qs_graph_builder_set_port (net->b, &sl->inputs[0], QS_ELEMENT_I64, 1, (gint64[]) { 4 });
      qs_graph_builder_set_port (net->b, &sl->outputs[0], QS_ELEMENT_I64, 1, (gint64[]) { 2 });
      qs_graph_builder_connect (net->b, sh, 0, sl, 0, NULL);
      for (i = 1; i < 4; i++)
        mv_i64 (net, sl, i, 1, i == 1 ? b0 : i == 2 ? e0 : s1);
      qs_graph_builder_set_attr (net->b, sl, "begin_mask", "0");
      qs_graph_builder_set_attr (net->b, sl, "end_mask", "0");
      qs_graph_builder_set_port (net->b, &op->inputs[1], QS_ELEMENT_I64, 1, (gint64[]) { 2 });
      qs_graph_builder_connect (net->b, sl, 0, op, 1, NULL);
    }
  else
    mv_i64 (net, op, 1, mv_gather_n, mv_gather_idx);
  mv_i64_scalar (net, op, 2, mv_gather_axis);
  return op;
}

static void
test_move_gather (void)
{
  static const gint64 swap[2] = { 1, 0 }, rows[4] = { 3, 2, 1, 0 };
  float lo = 0.0f, hi = 2.55f;
  float plo[2] = { 0.0f, -0.64f }, phi[2] = { 2.55f, 4.46f };   /* multiply {0.01, 0.02}, subtract {0, 32} */
  const QsLptDecision *d;

  /* GatherTransformation (gather.cpp): scalar-like constants always move */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    mv_gather_idx = rows; mv_gather_n = 4; mv_gather_axis = 2; mv_gather_param_idx = FALSE;
    m = mv_model (1, &lo, &hi, mv_gather, FALSE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
    mv_expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    mv_check_exec (m, 1e-4);
  }
  /* per-channel constants and a Gather along the channels with constant
   * 1-D indices: the constants are gathered too */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    mv_gather_idx = swap; mv_gather_n = 2; mv_gather_axis = 1;
    m = mv_model (2, plo, phi, mv_gather, TRUE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
    d = decision_of (r, "op");
    g_assert_cmpuint (d->output.n, ==, 2);
    g_assert_cmpfloat_with_epsilon (d->output.scale[0], 0.02, 1e-6);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 32.0, 1e-3);
    g_assert_cmpfloat_with_epsilon (d->output.scale[1], 0.01, 1e-6);
    mv_expect (r, "gconv", QS_LPT_PRECISION_INT8, NULL);
  }
  /* per-channel constants, Gather along the channels with indices that are
   * not a constant → GatherTransformation declines */
  {
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    mv_gather_param_idx = TRUE;
    m = mv_model (2, plo, phi, mv_gather, TRUE);
    r = qs_lpt_run (m, NULL);
    mv_expect (r, "op", QS_LPT_PRECISION_FP32, "indices are not a 0-D or 1-D constant");
  }
  mv_gather_param_idx = FALSE;
}

static const char *mv_simple_type;

static QsNode *
mv_simple (Net *net, QsNode *src, gint64 *od)
{
  QsNode *op = mv_op (net, mv_simple_type, "opset1", "op", src, 1, d4, od);

  if (strcmp (mv_simple_type, "DepthToSpace") == 0)
    {
      qs_graph_builder_set_attr (net->b, op, "block_size", "1");
      qs_graph_builder_set_attr (net->b, op, "mode", "blocks_first");
    }
  else if (strcmp (mv_simple_type, "ShuffleChannels") == 0)
    {
      qs_graph_builder_set_attr (net->b, op, "axis", mv_dynamic_rank ? "-3" : "1");
      qs_graph_builder_set_attr (net->b, op, "group", "2");
      if (mv_dynamic_rank)
        qs_graph_builder_set_port (net->b, &op->inputs[0], QS_ELEMENT_F32, -1, NULL);
    }
  return op;
}

static void
test_move_depth_to_space (void)
{
  float lo = -1.28f, hi = 1.27f;                                 /* subtract 128, multiply 0.01 */
  float plo[2] = { 0.0f, -0.64f }, phi[2] = { 2.55f, 4.46f };
  g_autoptr(QsModel) m1 = NULL, m2 = NULL;
  g_autoptr(QsLptResult) r1 = NULL, r2 = NULL;

  mv_simple_type = "DepthToSpace";
  /* DepthToSpaceTransformation (depth_to_space.cpp): u8, subtract 128,
   * multiply 0.01 per tensor → on codes; per-channel constants (not
   * scalar-like) → not transformed */
  m1 = mv_model (1, &lo, &hi, mv_simple, FALSE);
  r1 = qs_lpt_run (m1, NULL);
  mv_expect (r1, "op", QS_LPT_PRECISION_CODES, NULL);
  mv_expect (r1, "conv", QS_LPT_PRECISION_INT8, NULL);
  mv_check_exec (m1, 1e-4);
  m2 = mv_model (2, plo, phi, mv_simple, TRUE);
  r2 = qs_lpt_run (m2, NULL);
  mv_expect (r2, "op", QS_LPT_PRECISION_FP32, "DepthToSpaceTransformation: the Dequantize is per-channel");
}

static void
test_move_shuffle_channels (void)
{
  float lo = 0.0f, hi = 2.55f;
  float plo[2] = { 0.0f, -0.64f }, phi[2] = { 2.55f, 4.46f };
  g_autoptr(QsModel) m1 = NULL, m2 = NULL;
  g_autoptr(QsLptResult) r1 = NULL, r2 = NULL;
  const QsLptDecision *d;

  mv_simple_type = "ShuffleChannels";
  /* ShuffleChannelsTransformation (shuffle_channels.cpp): per tensor and
   * per channel both move, the per-channel constants shuffled with the channels (two
   * channels in two groups keep their order) */
  m1 = mv_model (1, &lo, &hi, mv_simple, FALSE);
  r1 = qs_lpt_run (m1, NULL);
  mv_expect (r1, "op", QS_LPT_PRECISION_CODES, NULL);
  mv_check_exec (m1, 1e-4);
  m2 = mv_model (2, plo, phi, mv_simple, TRUE);
  r2 = qs_lpt_run (m2, NULL);
  mv_expect (r2, "op", QS_LPT_PRECISION_CODES, NULL);
  mv_expect (r2, "gconv", QS_LPT_PRECISION_INT8, NULL);
  d = decision_of (r2, "op");
  g_assert_cmpuint (d->output.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], 32.0, 1e-3);
  /* per-channel constants, a negative axis and a dynamic rank → not transformed */
  {
    g_autoptr(QsModel) m3 = NULL;
    g_autoptr(QsLptResult) r3 = NULL;
    mv_dynamic_rank = TRUE;
    m3 = mv_model (2, plo, phi, mv_simple, TRUE);
    mv_dynamic_rank = FALSE;
    r3 = qs_lpt_run (m3, NULL);
    mv_expect (r3, "op", QS_LPT_PRECISION_FP32, "ShuffleChannelsTransformation: the Dequantize is per-channel and a negative axis");
  }
}

static const char *mv_interp_mode;

static QsNode *
mv_interpolate (Net *net, QsNode *src, gint64 *od)
{
  /* Interpolate-4, sizes [8, 8] on axes 2, 3 */
  static const gint64 sizes[2] = { 8, 8 }, axes[2] = { 2, 3 };
  QsNode *op;
  float sc[2] = { 2.0f, 2.0f };
  gint64 two = 2;

  od[2] = 8;
  od[3] = 8;
  op = mv_op (net, "Interpolate", "opset4", "op", src, 4, d4, od);
  qs_graph_builder_set_attr (net->b, op, "mode", mv_interp_mode);
  qs_graph_builder_set_attr (net->b, op, "shape_calculation_mode", "sizes");
  qs_graph_builder_set_attr (net->b, op, "coordinate_transformation_mode", "half_pixel");
  qs_graph_builder_set_attr (net->b, op, "nearest_mode", "round_prefer_floor");
  qs_graph_builder_set_attr (net->b, op, "pads_begin", "0,0,0,0");
  qs_graph_builder_set_attr (net->b, op, "pads_end", "0,0,0,0");
  qs_graph_builder_set_attr (net->b, op, "antialias", "false");
  qs_graph_builder_set_attr (net->b, op, "cube_coeff", "-0.75");
  mv_i64 (net, op, 1, 2, sizes);
  net_port (net, &op->inputs[2], 1, &two);
  qs_graph_builder_connect (net->b, net_const (net, 1, &two, sc), 0, op, 2, NULL);
  mv_i64 (net, op, 3, 2, axes);
  return op;
}

static void
test_move_interpolate (void)
{
  float lo = -1.28f, hi = 1.27f;
  g_autoptr(QsModel) m1 = NULL, m2 = NULL;
  g_autoptr(QsLptResult) r1 = NULL, r2 = NULL;

  /* InterpolateTransformation (interpolate.cpp): Interpolate-4 nearest,
   * u8 subtract 128 multiply 0.01 → on codes; mode linear → not transformed */
  mv_interp_mode = "nearest";
  m1 = mv_model (1, &lo, &hi, mv_interpolate, FALSE);
  r1 = qs_lpt_run (m1, NULL);
  mv_expect (r1, "op", QS_LPT_PRECISION_CODES, NULL);
  mv_expect (r1, "conv", QS_LPT_PRECISION_INT8, NULL);
  mv_check_exec (m1, 1e-4);
  mv_interp_mode = "linear";
  m2 = mv_model (1, &lo, &hi, mv_interpolate, FALSE);
  r2 = qs_lpt_run (m2, NULL);
  mv_expect (r2, "op", QS_LPT_PRECISION_FP32, "InterpolateTransformation: mode is linear, not nearest");
  mv_expect (r2, "conv", QS_LPT_PRECISION_FP32, "Interpolate “op”, which stays float");
}

static gint64 mv_split_axis;
static gboolean mv_variadic;

/* Split in two along @mv_split_axis, joined again by a Concat on axis 1 */
static QsNode *
mv_split (Net *net, QsNode *src, gint64 *od)
{
  gint64 half[4] = { 1, 2, 4, 4 };
  QsNode *op, *cat;
  guint i;

  half[mv_split_axis] /= 2;
  op = qs_graph_builder_add_node (net->b, mv_variadic ? "VariadicSplit" : "Split", "opset1", "op",
                                  mv_variadic ? 3 : 2, 2);
  net_port (net, &op->inputs[0], 4, d4);
  net_port (net, &op->outputs[0], 4, half);
  net_port (net, &op->outputs[1], 4, half);
  if (!mv_variadic)
    qs_graph_builder_set_attr (net->b, op, "num_splits", "2");
  qs_graph_builder_connect (net->b, src, 0, op, 0, NULL);
  mv_i64_scalar (net, op, 1, mv_split_axis);
  if (mv_variadic)
    mv_i64 (net, op, 2, 2, (gint64[]) { half[mv_split_axis], half[mv_split_axis] });
  cat = qs_graph_builder_add_node (net->b, "Concat", "opset1", "cat", 2, 1);
  qs_graph_builder_set_attr (net->b, cat, "axis", mv_split_axis == 1 ? "1" : "3");
  for (i = 0; i < 2; i++)
    {
      net_port (net, &cat->inputs[i], 4, half);
      qs_graph_builder_connect (net->b, op, i, cat, i, NULL);
    }
  net_port (net, &cat->outputs[0], 4, od);
  return cat;
}

static void
test_move_split (void)
{
  float plo[2] = { 0.0f, -0.64f }, phi[2] = { 2.55f, 4.46f };
  g_autoptr(QsModel) m1 = NULL, m2 = NULL;
  g_autoptr(QsLptResult) r1 = NULL, r2 = NULL;
  const QsLptDecision *d;

  /* SplitTransformation (split.cpp): per-channel dequantization split along the
   * channels: each output gets its own channels' constants (here one each,
   * so per tensor); the Concat joins them per channel again */
  mv_split_axis = 1;
  m1 = mv_model (2, plo, phi, mv_split, TRUE);
  r1 = qs_lpt_run (m1, NULL);
  mv_expect (r1, "op", QS_LPT_PRECISION_CODES, NULL);
  d = decision_of (r1, "op");
  g_assert_cmpuint (d->output.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (d->output.scale[0], 0.01, 1e-6);
  mv_expect (r1, "cat", QS_LPT_PRECISION_CODES, NULL);
  mv_expect (r1, "gconv", QS_LPT_PRECISION_INT8, NULL);
  /* split along another axis: both outputs keep the per-channel constants */
  mv_split_axis = 3;
  m2 = mv_model (2, plo, phi, mv_split, TRUE);
  r2 = qs_lpt_run (m2, NULL);
  mv_expect (r2, "op", QS_LPT_PRECISION_CODES, NULL);
  d = decision_of (r2, "op");
  g_assert_cmpuint (d->output.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], 32.0, 1e-3);
  mv_expect (r2, "gconv", QS_LPT_PRECISION_INT8, NULL);
  /* VariadicSplitTransformation: the same along the channels, lengths {1, 1} */
  {
    g_autoptr(QsModel) m3 = NULL;
    g_autoptr(QsLptResult) r3 = NULL;
    mv_split_axis = 1;
    mv_variadic = TRUE;
    m3 = mv_model (2, plo, phi, mv_split, TRUE);
    mv_variadic = FALSE;
    r3 = qs_lpt_run (m3, NULL);
    mv_expect (r3, "op", QS_LPT_PRECISION_CODES, NULL);
    d = decision_of (r3, "op");
    g_assert_cmpuint (d->output.n, ==, 1);
    g_assert_cmpfloat_with_epsilon (d->output.scale[0], 0.01, 1e-6);
    mv_expect (r3, "gconv", QS_LPT_PRECISION_INT8, NULL);
  }
}

static float mv_add_k[2];

static QsNode *
mv_add (Net *net, QsNode *src, gint64 *od)
{
  gint64 cd[4] = { 1, 2, 1, 1 };
  QsNode *op = mv_op (net, "Add", "opset1", "op", src, 2, d4, od);
  net_port (net, &op->inputs[1], 4, cd);
  qs_graph_builder_connect (net->b, net_const (net, 4, cd, mv_add_k), 0, op, 1, NULL);
  return op;
}

static void
test_move_add_zero_point (void)
{
  /* AddTransformation (add.cpp), the Add of a constant after a Dequantize
   * (u8, multiply 0.01 here): swapMultiplyAndAdd, then the Add becomes a
   * Subtract, part of the zero point: (q - 0) * 0.01 + {-0.3, -0.64} =
   * (q - {30, 64}) * 0.01.  The Convolution takes it per channel. */
  float lo = 0.0f, hi = 2.55f;
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;
  const QsLptDecision *d;
  const QsNode *ci;

  mv_add_k[0] = -0.3f;
  mv_add_k[1] = -0.64f;
  m = mv_model (1, &lo, &hi, mv_add, FALSE);
  r = qs_lpt_run (m, NULL);
  mv_expect (r, "op", QS_LPT_PRECISION_FOLDED, "AddTransformation");
  d = decision_of (r, "op");
  g_assert_cmpuint (d->output.n, ==, 2);
  g_assert_null (d->output.shift);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 30.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], 64.0, 1e-3);
  mv_expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
  ci = find_role (qs_lpt_result_get_model (r), QS_LPT_ROLE_INT8_COMPUTE);
  g_assert_nonnull (ci);
  mv_check_exec (m, 1e-4);
}

static const char *mv_f32_type;

static QsNode *
mv_f32op (Net *net, QsNode *src, gint64 *od)
{
  QsNode *op;

  if (strcmp (mv_f32_type, "Clamp") == 0)
    {
      op = mv_op (net, "Clamp", "opset1", "op", src, 1, d4, od);
      qs_graph_builder_set_attr (net->b, op, "min", "0.1");
      qs_graph_builder_set_attr (net->b, op, "max", "2.0");
    }
  else if (strcmp (mv_f32_type, "PReLU") == 0)
    {
      op = mv_op (net, "PReLU", "opset1", "op", src, 2, d4, od);
      mv_f32_scalar (net, op, 1, 0.25f);
    }
  else if (g_str_has_prefix (mv_f32_type, "MVN"))
    {
      static const gint64 spatial[2] = { 2, 3 };
      op = mv_op (net, "MVN", "opset6", "op", src, 2, d4, od);
      qs_graph_builder_set_attr (net->b, op, "normalize_variance", "true");
      qs_graph_builder_set_attr (net->b, op, "eps", "0.001");
      qs_graph_builder_set_attr (net->b, op, "eps_mode", "inside_sqrt");
      mv_i64 (net, op, 1, 2, spatial);
    }
  else if (g_str_has_prefix (mv_f32_type, "NormalizeL2"))
    {
      static const gint64 channels[1] = { 1 };
      op = mv_op (net, "NormalizeL2", "opset1", "op", src, 2, d4, od);
      qs_graph_builder_set_attr (net->b, op, "eps", "1e-6");
      qs_graph_builder_set_attr (net->b, op, "eps_mode", "add");
      mv_i64 (net, op, 1, 1, channels);
    }
  else
    {
      static const gint64 spatial[2] = { 2, 3 }, channels[1] = { 1 };
      gboolean over_c = g_str_has_suffix (mv_f32_type, "/1");
      g_autofree char *type = g_strndup (mv_f32_type, strcspn (mv_f32_type, "/"));
      od[1] = over_c ? 1 : 2;
      od[2] = over_c ? 4 : 1;
      od[3] = over_c ? 4 : 1;
      op = mv_op (net, type, "opset1", "op", src, 2, d4, od);
      qs_graph_builder_set_attr (net->b, op, "keep_dims", "true");
      mv_i64 (net, op, 1, over_c ? 1 : 2, over_c ? channels : spatial);
    }
  return op;
}

typedef struct
{
  const char *type;
  guint       c;
  float       lo[2], hi[2];
  const char *op_reason, *conv_reason;
} MvF32Case;

static const MvF32Case mv_f32_cases[] = {
  /* ClampTransformation (clamp.cpp): a scalar multiply (here i8, 0.03, the
   * FakeQuantize's own precision before a Clamp) → moved, the bounds
   * divided; a per-channel subtract → not moved */
  { "Clamp", 1, { -3.84f }, { 3.81f }, "ClampTransformation moves the Dequantize after it",
    "whose output is f32: ClampTransformation moved the Dequantize" },
  { "Clamp", 2, { -1.28f, 0.0f }, { 1.27f, 5.1f }, "ClampTransformation: the per-channel zero point is not scalar-like",
    "Clamp “op”, which stays float: ClampTransformation" },
  /* PReluTransformation (prelu.cpp): multiply 0.02 without subtract → moved;
   * with a subtract → not (here i8, the FakeQuantize's own precision
   * before a PReLU, subtract -78) */
  { "PReLU", 1, { 0.0f }, { 5.1f }, "PReluTransformation moves the Dequantize after it",
    "PReluTransformation moved the Dequantize" },
  { "PReLU", 1, { -1.0f }, { 4.1f }, "PReluTransformation: the Dequantize has a zero point", NULL },
  /* ReduceMeanTransformation (reduce_base_transformation.cpp): per-channel
   * constants, reducing the
   * spatial axes → moved; reducing the channel axis → not */
  { "ReduceMean", 2, { 0.0f, -0.64f }, { 2.55f, 4.46f }, "ReduceMeanTransformation moves the Dequantize", NULL },
  { "ReduceMean/1", 2, { 0.0f, -0.64f }, { 2.55f, 4.46f },
    "ReduceMeanTransformation: the per-channel Dequantize varies along a reduced axis", NULL },
  /* ReduceSumTransformation: the same conditions (ReduceBaseTransformation) */
  { "ReduceSum", 2, { 0.0f, -0.64f }, { 2.55f, 4.46f }, "ReduceSumTransformation moves the Dequantize", NULL },
  { "ReduceSum/1", 2, { 0.0f, -0.64f }, { 2.55f, 4.46f },
    "ReduceSumTransformation: the per-channel Dequantize varies along a reduced axis", NULL },
  /* MVNTransformation (mvn.cpp): multiply only, spatial axes → moved (the scale
   * becomes its sign); with a subtract → not */
  { "MVN", 2, { 0.0f, 0.0f }, { 2.55f, 5.1f }, "MVNTransformation moves the Dequantize", NULL },
  { "MVN/zp", 1, { -1.0f }, { 4.1f }, "MVNTransformation: the Dequantize has a zero point", NULL },
  /* NormalizeL2Transformation (normalize_l2.cpp): scalar multiply, axes [1] → moved;
   * per-channel multiply → not */
  { "NormalizeL2", 1, { 0.0f }, { 2.55f }, "NormalizeL2Transformation moves the Dequantize", NULL },
  { "NormalizeL2/pc", 2, { 0.0f, 0.0f }, { 2.55f, 5.1f },
    "NormalizeL2Transformation: the Dequantize's scale is not scalar-like", NULL },
};

static void
test_move_f32 (gconstpointer data)
{
  const MvF32Case *c = data;
  Net net = { 0 };
  QsNode *p = net_begin (&net);
  QsNode *fq = net_fq (&net, "fq", p, 256, c->c, c->lo, c->hi);
  gint64 od[4] = { 1, 2, 4, 4 };
  QsNode *op;
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;

  mv_f32_type = c->type;
  op = mv_f32op (&net, fq, od);
  if (c->conv_reason != NULL)
    {
      gint64 cd[4] = { 1, 2, 4, 4 };
      m = mv_finish (&net, mv_conv (&net, op, od), cd);
    }
  else
    m = mv_finish (&net, op, od);
  r = qs_lpt_run (m, NULL);
  mv_expect (r, "op", QS_LPT_PRECISION_FP32, c->op_reason);
  if (c->conv_reason != NULL)
    mv_expect (r, "conv", QS_LPT_PRECISION_FP32, c->conv_reason);
}


/* ConvolutionBackpropData: cases of OpenVINO's
 * ConvolutionBackpropDataTransformation unit test
 * (low_precision_transformations/tests/convolution_backprop_data_transformation.cpp,
 * testValues1), as FakeQuantize models: input [1,8,4,4], activation
 * scale 0.02 (FakeQuantize [0, 5.1], 256 levels), weights [8,2,1,1] all 2
 * through a FakeQuantize of 255 levels [0, 254] → [-1.27, 1.27] (code 2,
 * i8 -125, scale 0.01).  Transformed: i8 weights -125 and a Dequantize of
 * 0.0002 after the layer.  The activation zero point case carries the CPU
 * plugin's callback (isAsymmetricQuantization), as the test's last case
 * does. */
typedef struct
{
  const char    *path;
  const char    *test;        /* the OpenVINO test case */
  guint          act_n;       /* activation ranges: 1 per tensor, 8 per channel */
  float          act_lo[8], act_hi[8];
  int            wq_rank;     /* shape of the weights FakeQuantize's ranges */
  gint64         wq[4];
  const char    *reason;      /* NULL: int8 */
  QsElementType  in_type;
  float          w_lo, w_hi;  /* the weights' output range; [-1.27, 1.27] when both 0 */
} BackpropCase;

static const BackpropCase backprop_cases[] = {
  { "per-tensor", "without zero point (Shape {1,1,1,1})", 1, { 0 }, { 5.1f }, 4, { 1, 1, 1, 1 }, NULL, QS_ELEMENT_U8 },
  { "scalar-weights", "without zero point (Shape {})", 1, { 0 }, { 5.1f }, 0, { 0 }, NULL, QS_ELEMENT_U8 },
  { "per-channel-weights", "per-channel dequantization on weights", 1, { 0 }, { 5.1f }, 4, { 1, 2, 1, 1 }, NULL,
    QS_ELEMENT_U8 },
  { "per-channel-same", "per-channel dequantization with the same values", 8, { 0, 0, 0, 0, 0, 0, 0, 0 },
    { 5.1f, 5.1f, 5.1f, 5.1f, 5.1f, 5.1f, 5.1f, 5.1f }, 4, { 1, 1, 1, 1 }, NULL, QS_ELEMENT_U8 },
  { "per-channel-different", "per-channel dequantization with different values", 8, { 0, 0, 0, 0, 0, 0, 0, 0 },
    { 5.1f, 2.55f, 5.1f, 2.55f, 5.1f, 2.55f, 5.1f, 2.55f }, 4, { 1, 1, 1, 1 },
    "quantizes ConvolutionBackpropData's input 0 per tensor only", QS_ELEMENT_U8 },
  { "per-batch-weights", "issue #56886: unsupported per-batch dequantization on weights", 1, { 0 }, { 5.1f }, 4,
    { 8, 1, 1, 1 }, "varies along axis 0, not per output channel", QS_ELEMENT_U8 },
  { "asymmetric", "issue #59593: subtract on activations, with the isAsymmetricQuantization callback", 1, { -0.5f },
    { 2.05f }, 4, { 1, 2, 1, 1 }, "isAsymmetricQuantization", QS_ELEMENT_U8 },
  /* not in the unit test: a signed activation, which the CPU plugin's
   * PrecisionsRestriction for ConvolutionBackpropData allows ({u8, i8}) */
  { "i8-activation", NULL, 1, { -2.56f }, { 2.54f }, 4, { 1, 1, 1, 1 }, NULL, QS_ELEMENT_I8 },
  /* weights [-0.5, 2.04]: code 50 is real zero, not 127 (the CPU plugin's
   * isAsymmetricOnWeights callback) */
  { "asymmetric-weights", NULL, 1, { 0 }, { 5.1f }, 4, { 1, 1, 1, 1 }, "isAsymmetricOnWeights", QS_ELEMENT_U8,
    -0.5f, 2.04f },
};

static QsModel *
backprop_model (const BackpropCase *c)
{
  Net net = { 0 };
  QsNode *p, *fq, *d, *wk, *wfq, *res;
  gint64 xd[4] = { 1, 8, 4, 4 }, yd[4] = { 1, 2, 4, 4 }, wd[4] = { 8, 2, 1, 1 }, cd[4] = { 1, 8, 1, 1 };
  float wv[16], in_lo[8], in_hi[8], out_lo[8], out_hi[8];
  guint i, j, n_wq = 1;
  QsModel *m;

  for (i = 0; i < 16; i++)
    wv[i] = 2.0f;
  for (i = 0; i < (guint) c->wq_rank; i++)
    n_wq *= (guint) c->wq[i];
  for (i = 0; i < n_wq; i++)
    {
      in_lo[i] = 0.0f;
      in_hi[i] = 254.0f;
      out_lo[i] = c->w_lo != 0.0f || c->w_hi != 0.0f ? c->w_lo : -1.27f;
      out_hi[i] = c->w_lo != 0.0f || c->w_hi != 0.0f ? c->w_hi : 1.27f;
    }
  net.b = qs_graph_builder_new ("t");
  p = qs_graph_builder_add_node (net.b, "Parameter", "opset1", "x", 0, 1);
  net_port (&net, &p->outputs[0], 4, xd);
  fq = qs_graph_builder_add_node (net.b, "FakeQuantize", "opset1", "fq", 5, 1);
  qs_graph_builder_set_attr (net.b, fq, "levels", "256");
  net_port (&net, &fq->inputs[0], 4, xd);
  net_port (&net, &fq->outputs[0], 4, xd);
  qs_graph_builder_connect (net.b, p, 0, fq, 0, NULL);
  for (i = 1; i < 5; i++)
    {
      net_port (&net, &fq->inputs[i], c->act_n > 1 ? 4 : 0, cd);
      qs_graph_builder_connect (net.b, net_const (&net, c->act_n > 1 ? 4 : 0, cd, (i % 2) ? c->act_lo : c->act_hi),
                                0, fq, i, NULL);
    }
  wk = net_const (&net, 4, wd, wv);
  wfq = qs_graph_builder_add_node (net.b, "FakeQuantize", "opset1", "wfq", 5, 1);
  qs_graph_builder_set_attr (net.b, wfq, "levels", "255");
  net_port (&net, &wfq->inputs[0], 4, wd);
  net_port (&net, &wfq->outputs[0], 4, wd);
  qs_graph_builder_connect (net.b, wk, 0, wfq, 0, NULL);
  for (j = 1; j < 5; j++)
    {
      const float *v = j == 1 ? in_lo : j == 2 ? in_hi : j == 3 ? out_lo : out_hi;
      net_port (&net, &wfq->inputs[j], c->wq_rank, c->wq);
      qs_graph_builder_connect (net.b, net_const (&net, c->wq_rank, c->wq, v), 0, wfq, j, NULL);
    }
  d = qs_graph_builder_add_node (net.b, "ConvolutionBackpropData", "opset1", "conv", 2, 1);
  qs_graph_builder_set_attr (net.b, d, "strides", "1,1");
  qs_graph_builder_set_attr (net.b, d, "pads_begin", "0,0");
  qs_graph_builder_set_attr (net.b, d, "pads_end", "0,0");
  qs_graph_builder_set_attr (net.b, d, "dilations", "1,1");
  net_port (&net, &d->inputs[0], 4, xd);
  net_port (&net, &d->inputs[1], 4, wd);
  net_port (&net, &d->outputs[0], 4, yd);
  qs_graph_builder_connect (net.b, fq, 0, d, 0, NULL);
  qs_graph_builder_connect (net.b, wfq, 0, d, 1, NULL);
  res = qs_graph_builder_add_node (net.b, "Result", "opset1", "out", 1, 0);
  net_port (&net, &res->inputs[0], 4, yd);
  qs_graph_builder_connect (net.b, d, 0, res, 0, NULL);
  m = qs_graph_builder_finish (net.b, NULL);
  g_clear_pointer (&net.b, qs_graph_builder_free);
  g_assert_nonnull (m);
  return m;
}

static void
test_backprop (gconstpointer data)
{
  const BackpropCase *c = data;
  g_autoptr(QsModel) m = backprop_model (c);
  g_autoptr(GError) error = NULL;
  g_autoptr(QsLptResult) r = qs_lpt_run (m, &error);
  const QsLptDecision *d;
  const QsNode *conv, *wk;
  QsLptQuant q;
  QsModel *t;
  guint i;

  g_assert_no_error (error);
  d = decision_of (r, "conv");
  if (c->reason != NULL)
    {
      g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
      g_assert_nonnull (d->reason);
      if (strstr (d->reason, c->reason) == NULL)
        g_error ("reason “%s” does not contain “%s”", d->reason, c->reason);
      return;
    }
  if (d->precision != QS_LPT_PRECISION_INT8)
    g_error ("%s: %s", c->path, d->reason != NULL ? d->reason : "not int8");
  g_assert_cmpint (d->role, ==, QS_LPT_ROLE_INT8_COMPUTE);
  g_assert_cmpint (d->input.type, ==, c->in_type);
  conv = qs_graph_find_node_by_name (m->graph, "conv");
  g_assert_true (qs_lpt_result_get_quant (r, &conv->outputs[0], &q));
  g_assert_cmpint (q.type, ==, QS_ELEMENT_I32);
  g_assert_cmpuint (q.n, ==, 2);
  g_assert_cmpint (q.axis, ==, 1);
  for (i = 0; i < q.n; i++)
    {
      /* {{}, {}, {{ 0.0002f }}} after the layer */
      g_assert_cmpfloat_with_epsilon (q.scale[i], 0.0002, 1e-9);
      g_assert_cmpfloat (q.zero_point[i], ==, 0.0);
      g_assert_null (q.shift);
    }
  /* the weights become i8 -125 */
  t = qs_lpt_result_get_model (r);
  wk = qs_graph_find_node_by_name (t->graph, "conv/weights_i8");
  g_assert_nonnull (wk);
  g_assert_nonnull (wk->konst);
  g_assert_cmpint (wk->konst->element_type, ==, QS_ELEMENT_I8);
  g_assert_cmpuint (wk->konst->n_elements, ==, 16);
  for (i = 0; i < 16; i++)
    g_assert_cmpint (((const gint8 *) wk->konst->data)[i], ==, -125);

  /* the transformed graph is written as IR and read back (lpt --save) with
   * the layer on codes */
  {
    g_autofree char *dir = qs_test_make_dir ("qs-lpt");
    g_autofree char *path = g_build_filename (dir, "t.xml", NULL);
    g_autofree char *bin = g_build_filename (dir, "t.bin", NULL);
    g_autoptr(QsModel) back = NULL;
    const QsNode *bd;

    g_assert_true (qs_ir_write (t, path, NULL, &error));
    g_assert_no_error (error);
    back = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
    g_assert_no_error (error);
    bd = qs_graph_find_node_by_name (back->graph, "conv");
    g_assert_nonnull (bd);
    g_assert_cmpint (bd->inputs[0].element_type, ==, c->in_type);
    g_assert_cmpint (bd->inputs[1].element_type, ==, QS_ELEMENT_I8);
    g_assert_cmpint (bd->outputs[0].element_type, ==, QS_ELEMENT_I32);
    g_unlink (path);
    g_unlink (bin);
    g_rmdir (dir);
  }
}

static void
test_cpu_amx (void)
{
  /* transformation_pipeline.cpp: Convolution takes u8 and i8 activations
   * on AMX (and AVX2-VNNI-2), u8 only otherwise.  A symmetric signed
   * FakeQuantize [-1.28, 1.27] before a Convolution: u8 with zero point 128
   * on avx512_vnni, i8 on amx, where qscope's int8 run computes the layer
   * on the dequantized values and says so. */
  float lo = -1.28f, hi = 1.27f;
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r1 = NULL, r2 = NULL;
  const QsLptDecision *d;
  QsLptCpu cpu;

  mv_simple_type = "ShuffleChannels";
  m = mv_model (1, &lo, &hi, mv_simple, FALSE);
  r1 = qs_lpt_run_for (m, QS_LPT_CPU_AVX512_VNNI, NULL);
  r2 = qs_lpt_run_for (m, QS_LPT_CPU_AMX, NULL);
  g_assert_cmpint (qs_lpt_result_get_cpu (r2), ==, QS_LPT_CPU_AMX);
  d = decision_of (r1, "fq");
  g_assert_cmpint (d->output.type, ==, QS_ELEMENT_U8);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 128.0, 1e-3);
  mv_expect (r1, "conv", QS_LPT_PRECISION_INT8, NULL);
  g_assert_cmpint (qs_lpt_result_get_role (r1, decision_of (r1, "conv")->node), ==, QS_LPT_ROLE_INT8_COMPUTE);
  d = decision_of (r2, "fq");
  g_assert_cmpint (d->output.type, ==, QS_ELEMENT_I8);
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_CODES);
  mv_expect (r2, "conv", QS_LPT_PRECISION_INT8, "qscope: its int8 kernel takes u8 codes");
  g_assert_cmpint (qs_lpt_result_get_role (r2, decision_of (r2, "conv")->node), ==, QS_LPT_ROLE_FP32_COMPUTE);
  g_assert_true (qs_lpt_cpu_from_string ("avx2_vnni_2", &cpu));
  g_assert_true (qs_lpt_cpu_conv_takes_i8 (cpu));
  g_assert_false (qs_lpt_cpu_from_string ("sse4", &cpu));
  g_assert_false (qs_lpt_cpu_conv_takes_i8 (QS_LPT_CPU_AVX2));
}

/* qs_const_broadcast_f32() against the definition, element by element:
 * output index → coordinates → the source element (0 where the source
 * dim is 1), for per-channel, per-tensor, middle-axis, lower-rank,
 * leading-1 and empty shapes. */
static void
test_weights_broadcast (void)
{
  static const struct
  {
    int    kr, rank;
    gint64 kd[6], dims[6];
  } cases[] = {
    { 4, 4, { 5, 1, 1, 1 }, { 5, 3, 3, 3 } },
    { 1, 4, { 1 }, { 4, 2, 3, 3 } },
    { 0, 4, { 0 }, { 2, 2, 1, 3 } },
    { 4, 4, { 1, 3, 1, 1 }, { 4, 3, 2, 2 } },
    { 4, 4, { 2, 1, 3, 1 }, { 2, 5, 3, 2 } },
    { 2, 4, { 3, 1 }, { 2, 2, 3, 4 } },
    { 6, 4, { 1, 1, 3, 1, 2, 1 }, { 3, 4, 2, 5 } },
    { 5, 5, { 2, 1, 3, 1, 1 }, { 2, 3, 3, 2, 2 } },
    { 4, 4, { 3, 1, 1, 1 }, { 3, 0, 3, 3 } },
    { 4, 4, { 2, 3, 2, 2 }, { 2, 3, 2, 2 } },
  };
  guint k;

  for (k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("broadcast");
      g_autoptr(GError) error = NULL;
      g_autofree float *values = NULL, *out = NULL;
      guint64 nk = 1, n = 1, i;
      QsNode *konst;
      int d, kr = cases[k].kr, rank = cases[k].rank;

      for (d = 0; d < kr; d++)
        nk *= cases[k].kd[d];
      for (d = 0; d < rank; d++)
        n *= cases[k].dims[d];
      values = g_new (float, MAX (nk, 1));
      for (i = 0; i < nk; i++)
        values[i] = 0.5f * i - 3;
      konst = qs_graph_builder_add_const_f32 (b, "k", kr, cases[k].kd, values);
      out = qs_const_broadcast_f32 (konst, rank, cases[k].dims, &error);
      g_assert_no_error (error);
      g_assert_nonnull (out);
      for (i = 0; i < n; i++)
        {
          guint64 rem = i, src = 0, stride = 1;

          for (d = rank - 1; d >= 0; d--)
            {
              guint64 coord = rem % cases[k].dims[d];
              int kd = d - (rank - kr);

              rem /= cases[k].dims[d];
              if (kd >= 0)
                {
                  if (cases[k].kd[kd] != 1)
                    src += coord * stride;
                  stride *= cases[k].kd[kd];
                }
            }
          g_assert_cmpfloat (out[i], ==, values[src]);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/lpt/fq/per-tensor", test_formulas_per_tensor);
  g_test_add_func ("/qscope/lpt/weights/broadcast", test_weights_broadcast);
  g_test_add_func ("/qscope/lpt/fq/per-channel", test_formulas_per_channel);
  g_test_add_func ("/qscope/lpt/fq/pdpd-ranges", test_pdpd_ranges);
  g_test_add_func ("/qscope/lpt/fq/i8-symmetric", test_i8_symmetric);
  g_test_add_func ("/qscope/lpt/conv/int8", test_conv_int8);
  g_test_add_func ("/qscope/lpt/conv/levels-2", test_levels2);
  g_test_add_func ("/qscope/lpt/conv/per-channel-activation", test_per_channel_conv);
  g_test_add_func ("/qscope/lpt/conv/weight-zero-point", test_weight_zero_point);
  g_test_add_func ("/qscope/lpt/writer/built-model", test_writer_builder_round_trip);
  g_test_add_func ("/qscope/lpt/writer/shared-models", test_round_trip_shared);
  g_test_add_func ("/qscope/lpt/models/int8", test_int8_models);
  g_test_add_func ("/qscope/lpt/fp32-groups", test_fp32_groups);
  for (guint k = 0; k < G_N_ELEMENTS (propagate_cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/lpt/propagate/%s", propagate_cases[k].name);
      g_test_add_data_func (path, &propagate_cases[k], test_propagate);
    }
  g_test_add_func ("/qscope/lpt/propagate/reshape-mixes-channels", test_propagate_reshape_mixes_channels);
  g_test_add_func ("/qscope/lpt/propagate/per-channel-kept", test_propagate_per_channel_kept);
  g_test_add_func ("/qscope/lpt/propagate/negative-scale-maxpool", test_propagate_negative_maxpool);
  g_test_add_func ("/qscope/lpt/propagate/zero-point-relu", test_propagate_relu_zero_point);
  g_test_add_func ("/qscope/lpt/requantize/per-tensor", test_requantize_per_tensor);
  g_test_add_func ("/qscope/lpt/requantize/per-channel", test_requantize_per_channel);
  g_test_add_func ("/qscope/lpt/requantize/zero-point", test_requantize_zero_point);
  g_test_add_func ("/qscope/lpt/bias/folded", test_folded_bias);
  g_test_add_func ("/qscope/lpt/conv/depthwise-per-channel", test_depthwise_per_channel);
  g_test_add_func ("/qscope/lpt/cli/json", test_cli_json);
  g_test_add_func ("/qscope/lpt/cli/cpu", test_cli_cpu);
  g_test_add_func ("/qscope/lpt/cli/save", test_cli_save);
  g_test_add_func ("/qscope/lpt/cli/malformed", test_cli_malformed);
  g_test_add_func ("/qscope/lpt/cli/save-unwritable", test_cli_save_unwritable);
  for (guint k = 0; k < G_N_ELEMENTS (reason_cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/lpt/reason/%s", reason_cases[k].path);
      g_test_add_data_func (path, &reason_cases[k], test_reason);
    }
  g_test_add_func ("/qscope/lpt/conv-3d-qscope-limit", test_conv3d_qscope_limit);
  g_test_add_func ("/qscope/lpt/move/avgpool", test_move_avgpool);
  g_test_add_func ("/qscope/lpt/move/avgpool-not-preserved", test_move_avgpool_not_preserved);
  g_test_add_func ("/qscope/lpt/move/pad", test_move_pad);
  g_test_add_func ("/qscope/lpt/move/gather", test_move_gather);
  g_test_add_func ("/qscope/lpt/move/depth-to-space", test_move_depth_to_space);
  g_test_add_func ("/qscope/lpt/move/shuffle-channels", test_move_shuffle_channels);
  g_test_add_func ("/qscope/lpt/move/interpolate", test_move_interpolate);
  g_test_add_func ("/qscope/lpt/move/split", test_move_split);
  g_test_add_func ("/qscope/lpt/move/add-zero-point", test_move_add_zero_point);
  for (guint k = 0; k < G_N_ELEMENTS (backprop_cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/lpt/backprop/%s", backprop_cases[k].path);
      g_test_add_data_func (path, &backprop_cases[k], test_backprop);
    }
  g_test_add_func ("/qscope/lpt/cpu/amx", test_cpu_amx);
  for (guint k = 0; k < G_N_ELEMENTS (mv_f32_cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/lpt/move/f32/%u", k);
      g_test_add_data_func (path, &mv_f32_cases[k], test_move_f32);
    }
  return g_test_run ();
}
