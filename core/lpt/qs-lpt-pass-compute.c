/* qs-lpt-pass-compute.c — pass 3: Convolution, GroupConvolution, MatMul,
 * ConvolutionBackpropData in int8
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The conditions are LPT's (ConvolutionTransformation, GroupConvolution-,
 * MatMulTransformation) with the CPU plugin's restrictions: u8 activations
 * with one scale and one integral zero point (GroupConvolution: per channel
 * when depthwise), i8 weights scaled per output channel without a zero
 * point.  The output is the exact i32 sum Σ q_x·w; its record carries
 * scale s_x·s_w[o] and zero point z_x·Σ_t w[o,t] so that
 * real = (acc - z_x·Σw)·s_x·s_w is exactly the float layer's result.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-lpt-private.h"
#include "qs-keep-float.h"

static gboolean
static_shapes (const QsNode *node)
{
  guint i;

  for (i = 0; i < node->n_inputs; i++)
    if (!qs_shape_is_static (&node->inputs[i].shape))
      return FALSE;
  return node->n_outputs == 1 && qs_shape_is_static (&node->outputs[0].shape);
}

/* Why input 0 holds no codes, in words that name the op where the chain
 * of codes breaks: walking up through the ops LPT moves a Dequantize
 * through, the first one that stays float, or the FakeQuantize that was not
 * decomposed, or the producer that no FakeQuantize follows. */
static void
not_quantized (LptContext   *ctx,
               const QsNode *node)
{
  const QsNode *src = qs_node_input_node (node, 0);
  guint steps = 0;

  if (qs_node_is_kept_float (node))
    {
      _qs_lpt_fp32 (ctx, node, "kept in float: an export removed the FakeQuantize on its input "
                    "(rt_info " QS_KEEP_FLOAT_ATTRIBUTE ")");
      return;
    }
  while (src != NULL && src->graph == ctx->graph && steps++ < 64)
    {
      const LptNode *sn = _qs_lpt_node (ctx, src);

      if (qs_node_is_type (src, "Parameter"))
        {
          _qs_lpt_fp32 (ctx, node, "input 0 comes from the model input “%s” without a FakeQuantize", src->name);
          return;
        }
      if (qs_node_is_type (src, "FakeQuantize"))
        {
          _qs_lpt_fp32 (ctx, node, "the FakeQuantize “%s” on input 0 is not decomposed: %s", src->name,
                        sn->d.reason != NULL ? sn->d.reason : "?");
          return;
        }
      if (_qs_lpt_is_compute (src))
        {
          _qs_lpt_fp32 (ctx, node, "input 0 comes from %s “%s” with no FakeQuantize in between: its output "
                        "is float", src->type, src->name);
          return;
        }
      if (sn->moved_f32 != NULL)
        {
          _qs_lpt_fp32 (ctx, node, "input 0 comes from %s “%s”, whose output is f32: %s moved the Dequantize "
                        "through it, but it is not precision-preserved and no FakeQuantize follows it",
                        src->type, src->name, sn->moved_f32);
          return;
        }
      if (sn->d.precision == QS_LPT_PRECISION_FP32 && sn->d.reason != NULL &&
          strcmp (sn->d.reason, "LPT does not run this op on codes") != 0 &&
          !g_str_has_prefix (sn->d.reason, "its input is the float output of the int8") &&
          (_qs_lpt_moves_codes (src) || qs_node_is_type (src, "Multiply") || qs_node_is_type (src, "Add") ||
           qs_node_is_type (src, "Subtract") || strstr (sn->d.reason, "Transformation") != NULL))
        {
          _qs_lpt_fp32 (ctx, node, "input 0 comes from %s “%s”, which stays float: %s", src->type, src->name,
                        sn->d.reason);
          return;
        }
      if (!_qs_lpt_moves_codes (src) && sn->mode != LPT_MODE_LINEAR &&
          !(qs_node_is_type (src, "Multiply") || qs_node_is_type (src, "Add") || qs_node_is_type (src, "Subtract")))
        {
          const LptDq *sin = _qs_lpt_input (ctx, src, 0);
          const QsNode *up = qs_node_input_node (src, 0);
          guint hops = 0;
          /* past the folded bias and scale, to the layer that made the i32 */
          while (up != NULL && up->graph == ctx->graph && _qs_lpt_node (ctx, up)->mode == LPT_MODE_LINEAR &&
                 hops++ < 16)
            up = qs_node_input_node (up, _qs_lpt_node (ctx, up)->linear_input);
          if (sin != NULL && sin->valid && sin->type == QS_ELEMENT_I32 && up != NULL)
            _qs_lpt_fp32 (ctx, node, "input 0 comes from %s “%s” after %s “%s” with no FakeQuantize in "
                          "between: it is float", src->type, src->name, up->type, up->name);
          else if (sin != NULL && sin->valid)
            _qs_lpt_fp32 (ctx, node, "input 0 comes from %s “%s”, which is not quantized: LPT does not move a "
                          "Dequantize through it and no FakeQuantize follows it", src->type, src->name);
          else
            _qs_lpt_fp32 (ctx, node, "input 0 comes from %s “%s”, which is not quantized: no FakeQuantize before "
                          "it or between it and this layer", src->type, src->name);
          return;
        }
      src = qs_node_input_node (src, sn->mode == LPT_MODE_LINEAR ? sn->linear_input : 0);
    }
  _qs_lpt_fp32 (ctx, node, "input 0 is not quantized");
}

/* The first input channel that output channel @o reads (the record is equal
 * over the rest of its group). */
static guint
input_channel (guint                 n_in,
               const QsQuantWeights *w,
               guint64               o,
               guint                 per_group)
{
  guint64 groups;

  if (n_in <= 1)
    return 0;
  groups = n_in / per_group;
  return (guint) ((o / (w->n_out / groups)) * per_group);
}

/* The input channel that weight element @i reads: its group's first plus
 * its place in the group (records are equal inside a group, except a
 * Convolution's per-channel zero points, where the group is all channels). */
static guint
element_channel (guint                 n_in,
                 const QsQuantWeights *w,
                 guint64               o,
                 guint                 per_group,
                 guint64               i)
{
  if (n_in <= 1)
    return 0;
  return input_channel (n_in, w, o, per_group) + (guint) ((i % w->inner) / MAX (w->inner / per_group, 1));
}

gboolean _qs_op_spatial_pads (const char *auto_pad, gint64 n, gint64 k, gint64 s, gint64 d,
                              gint64 *pb, gint64 *pe);

/* The padded taps of a convolution whose input zero point z = round (z) + r
 * is not an integer.  The kernel pads with round (z); a padded tap then adds
 * (round (z) - round (z)) * w = 0 to acc - round (z) * Σw, and the
 * Dequantize's shift -r * s * Σ_all w assumes every tap is real.  A padded
 * element is real zero, so at an output position whose window reaches
 * padded taps P the exact result needs + r * s * Σ_{t in P} w[o,t] more:
 * that is @out's border correction, per output channel and position (0
 * inside).  Only positions at the border are visited. */
/* For each of @n output positions along one axis: the first position whose
 * window has the same real taps (those inside the input of length @len).
 * The real taps of a window are one interval of the kernel's @k taps. */
static void
first_taps (gint64  n,
            gint64  len,
            gint64  k,
            gint64  stride,
            gint64  dilation,
            gint64  pad,
            gint64 *first)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, 3 * sizeof (gint64));   /* lo, hi, first */
  gint64 p, t;
  guint q;

  for (p = 0; p < n; p++)
    {
      gint64 start = p * stride - pad, iv[3] = { k, -1, p };

      for (t = 0; t < k; t++)
        if (start + t * dilation >= 0 && start + t * dilation < len)
          {
            iv[0] = MIN (iv[0], t);
            iv[1] = t;
          }
      /* the distinct intervals are few: the full one and those at the pads */
      for (q = 0; q < seen->len; q++)
        {
          const gint64 *s = (const gint64 *) seen->data + 3 * q;

          if (s[0] == iv[0] && s[1] == iv[1])
            {
              iv[2] = s[2];
              break;
            }
        }
      if (q == seen->len)
        g_array_append_vals (seen, iv, 1);
      first[p] = iv[2];
    }
}

static void
pad_border (const QsNode         *node,
            const QsQuantWeights *w,
            const double         *residual,
            guint                 n_in,
            guint                 per_group,
            LptDq                *out)
{
  const QsShape *xs = &node->inputs[0].shape, *ys = &node->outputs[0].shape;
  g_autoptr(GArray) strides = qs_node_get_int_list (node, "strides", NULL);
  g_autoptr(GArray) dil = qs_node_get_int_list (node, "dilations", NULL);
  g_autoptr(GArray) pb = qs_node_get_int_list (node, "pads_begin", NULL);
  g_autoptr(GArray) pe = qs_node_get_int_list (node, "pads_end", NULL);
  const char *auto_pad = qs_node_get_attr (node, "auto_pad");
  gint64 in[2] = { 1, 1 }, k[2] = { 1, 1 }, st[2] = { 1, 1 }, dl[2] = { 1, 1 }, p0[2] = { 0, 0 }, p1[2] = { 0, 0 };
  gint64 oh, ow, y, x, o, groups, kk, taps;
  g_autofree gint64 *same_y = NULL, *same_x = NULL;
  int n_sp = xs->rank - 2, i, j;
  gboolean padded = FALSE;

  if ((n_sp != 1 && n_sp != 2) || ys->rank != xs->rank || w->rank < xs->rank)
    return;
  for (i = 0; i < n_sp; i++)
    {
      j = 2 - n_sp + i;
      in[j] = xs->dims[2 + i];
      k[j] = w->dims[w->rank - n_sp + i];
      if (strides != NULL && (int) strides->len > i)
        st[j] = g_array_index (strides, gint64, i);
      if (dil != NULL && (int) dil->len > i)
        dl[j] = g_array_index (dil, gint64, i);
      if (pb != NULL && (int) pb->len > i)
        p0[j] = g_array_index (pb, gint64, i);
      if (pe != NULL && (int) pe->len > i)
        p1[j] = g_array_index (pe, gint64, i);
      if (!_qs_op_spatial_pads (auto_pad, in[j], k[j], st[j], dl[j], &p0[j], &p1[j]))
        return;
      padded |= p0[j] > 0 || p1[j] > 0;
    }
  if (!padded)
    return;
  oh = n_sp == 2 ? ys->dims[2] : 1;
  ow = ys->dims[ys->rank - 1];
  kk = k[0] * k[1];
  taps = (gint64) w->inner / kk;            /* input channels per output channel */
  groups = n_in > 1 ? (gint64) (n_in / per_group) : 1;
  /* The correction at (y, x) depends only on which rows and which columns
   * of the window are real taps; those are one interval each.  Rows (and
   * columns) with the same interval form a class, and the correction is
   * computed once per pair of classes, at the first position of each (the
   * pair of two full intervals has no padded tap: 0). */
  same_y = g_new (gint64, oh);
  same_x = g_new (gint64, ow);
  first_taps (oh, in[0], k[0], st[0], dl[0], p0[0], same_y);
  first_taps (ow, in[1], k[1], st[1], dl[1], p0[1], same_x);
  out->border_dims[0] = out->n;
  out->border_dims[1] = oh;
  out->border_dims[2] = ow;
  out->border_row = g_new (gint32, oh);
  out->border_col = g_new (gint32, ow);
  out->border_classes[0] = out->border_classes[1] = 0;
  for (y = 0; y < oh; y++)
    out->border_row[y] = same_y[y] == y ? (gint32) out->border_classes[0]++ : out->border_row[same_y[y]];
  for (x = 0; x < ow; x++)
    out->border_col[x] = same_x[x] == x ? (gint32) out->border_classes[1]++ : out->border_col[same_x[x]];
  out->border = g_new0 (double, (gsize) out->n * out->border_classes[0] * out->border_classes[1]);
  for (y = 0; y < oh; y++)
    for (x = 0; x < ow; x++)
      {
        gint64 y0 = y * st[0] - p0[0], x0 = x * st[1] - p0[1];
        gint64 cell = (gint64) out->border_row[y] * out->border_classes[1] + out->border_col[x];
        gint64 plane = (gint64) out->border_classes[0] * out->border_classes[1];

        if (same_y[y] != y || same_x[x] != x)
          continue;   /* a class already computed */
        if (y0 >= 0 && y0 + (k[0] - 1) * dl[0] < in[0] && x0 >= 0 && x0 + (k[1] - 1) * dl[1] < in[1])
          continue;   /* no padded tap */
        for (o = 0; o < (gint64) w->n_out && o < (gint64) out->n; o++)
          {
            const gint8 *wo = w->i8 + o * w->inner;
            gint64 c, ky, kx, base = n_in > 1 ? (o / ((gint64) w->n_out / groups)) * per_group : 0;
            double sum = 0;
            for (c = 0; c < taps; c++)
              {
                double r = residual[n_in > 1 ? base + c : 0];
                if (r == 0.0)
                  continue;
                for (ky = 0; ky < k[0]; ky++)
                  for (kx = 0; kx < k[1]; kx++)
                    {
                      gint64 iy = y0 + ky * dl[0], ix = x0 + kx * dl[1];
                      if (iy < 0 || iy >= in[0] || ix < 0 || ix >= in[1])
                        sum += r * wo[(c * k[0] + ky) * k[1] + kx];
                    }
              }
            out->border[o * plane + cell] = sum * out->scale[o];
          }
      }
}

/* Whether LPT's weights for @node would keep a zero point (a Subtract):
 * the i8 codes qscope derived are not the ones LPT's decomposition gives
 * (FakeQuantize: code − levels/2, the signed range of those levels;
 * Convert → Subtract → Multiply: the stored integers). */
static gboolean
weights_asymmetric (const QsNode         *node,
                    const QsQuantWeights *w)
{
  QsWeightChain chain = { 0 };
  gint64 levels = 0, offset = 0;
  guint64 i;

  if (!qs_weights_classify (node, 1, &chain) || w->codes == NULL || w->i8 == NULL)
    return FALSE;
  if (chain.fake_quantize != NULL)
    {
      if (!qs_node_get_int (chain.fake_quantize, "levels", 0, &levels, NULL) || levels < 2)
        return FALSE;
      offset = levels / 2;
    }
  for (i = 0; i < w->n_elements; i++)
    if ((gint64) w->codes[i] - (gint64) w->i8[i] != offset)
      return TRUE;
  return FALSE;
}

/* The axis other than the output channels (axis 1 of [C_in, C_out, k…])
 * along which the weights' dequantization constants of @node vary, or -1:
 * LPT takes the constants' shapes, not their values (a FakeQuantize's
 * output range [C_in,1,1,1] is refused even when its values are equal). */
static int
weights_off_axis (const QsNode *node)
{
  QsWeightChain chain = { 0 };
  const QsShape *shapes[2] = { NULL, NULL };
  int r = node->inputs[1].shape.rank, i, d;

  if (!qs_weights_classify (node, 1, &chain) || chain.reshape != NULL)
    return -1;
  if (chain.fake_quantize != NULL && chain.fake_quantize->n_inputs == 5)
    {
      shapes[0] = &chain.fake_quantize->inputs[3].shape;
      shapes[1] = &chain.fake_quantize->inputs[4].shape;
    }
  else
    {
      if (chain.scale != NULL)
        shapes[0] = &chain.scale->outputs[0].shape;
      if (chain.zero_point != NULL)
        shapes[1] = &chain.zero_point->outputs[0].shape;
    }
  for (i = 0; i < 2; i++)
    if (shapes[i] != NULL && shapes[i]->rank <= r)
      for (d = 0; d < shapes[i]->rank; d++)
        {
          int axis = r - shapes[i]->rank + d;
          if (axis != 1 && shapes[i]->dims[d] > 1)
            return axis;
        }
  return -1;
}

/* ConvolutionBackpropData and GroupConvolutionBackpropData.  OpenVINO
 * (low_precision_transformations/src/convolution_backprop_data.cpp and the
 * CPU plugin's transformation_pipeline.cpp): ConvolutionBackpropData-
 * Transformation matches ConvolutionBackpropData only; input 0 u8 or i8
 * (on every CPU), per-tensor quantization of input 0 (the plugin's
 * QuantizationGranularityRestriction; canBeTransformed also needs one
 * scale), i8 weights quantized per output channel (axis 1 of [C_in, C_out,
 * k…]; per input channel, axis 0, is refused), and the plugin skips the
 * transformation for a zero point on the activation or on the weights
 * (isAsymmetricQuantization, isAsymmetricOnWeights).  The layer then
 * computes Σ q_x·w exactly in i32 and its Dequantize has scale
 * s_x·s_w[o] and no zero point. */
static void
backprop_data (LptContext   *ctx,
               const QsNode *node)
{
  LptNode *n = _qs_lpt_node (ctx, node);
  const LptDq *in = _qs_lpt_input (ctx, node, 0);
  g_autoptr(GError) local = NULL;
  QsQuantWeights *w;
  LptDq *out;
  guint c;
  guint64 o;
  int axis;

  if (qs_node_is_type (node, "GroupConvolutionBackpropData"))
    {
      _qs_lpt_fp32 (ctx, node, "LPT has no transformation for GroupConvolutionBackpropData "
                    "(ConvolutionBackpropDataTransformation matches ConvolutionBackpropData only): it runs "
                    "on the dequantized values");
      return;
    }
  if (in == NULL || !in->valid || in->type == QS_ELEMENT_I32)
    {
      not_quantized (ctx, node);
      return;
    }
  if (in->type != QS_ELEMENT_U8 && in->type != QS_ELEMENT_I8)
    {
      _qs_lpt_fp32 (ctx, node, "input 0 is %s; the CPU plugin's ConvolutionBackpropData takes u8 or i8",
                    qs_element_type_name (in->type));
      return;
    }
  if (in->shift != NULL)
    {
      _qs_lpt_fp32 (ctx, node, "input 0 carries a folded bias; it is not a plain Dequantize");
      return;
    }
  if (!static_shapes (node))
    {
      _qs_lpt_fp32 (ctx, node, "shapes are not static");
      return;
    }
  if (node->inputs[0].shape.rank < 3 || node->inputs[0].shape.rank > 5)
    {
      _qs_lpt_fp32 (ctx, node, "input 0 has rank %d; ConvolutionBackpropData takes rank 3 to 5",
                    node->inputs[0].shape.rank);
      return;
    }
  for (c = 1; c < in->n; c++)
    if (in->scale[c] != in->scale[0])
      {
        _qs_lpt_fp32 (ctx, node, "the Dequantize scale on input 0 differs between channels: the CPU plugin "
                      "quantizes ConvolutionBackpropData's input 0 per tensor only "
                      "(QuantizationGranularityRestriction; canBeTransformed needs one scale)");
        return;
      }
  for (c = 0; c < in->n; c++)
    if (in->zp[c] != 0.0)
      {
        _qs_lpt_fp32 (ctx, node, "the activation has a zero point (%.4g): the CPU plugin skips "
                      "ConvolutionBackpropDataTransformation for asymmetric quantization (isAsymmetricQuantization)",
                      in->zp[c]);
        return;
      }
  if (qs_input_const (node, 1) == NULL && !qs_weights_classify (node, 1, &(QsWeightChain) { 0 }))
    {
      _qs_lpt_fp32 (ctx, node, "input 1 is not constant; ConvolutionBackpropDataTransformation needs quantized "
                    "constant weights");
      return;
    }
  axis = weights_off_axis (node);
  if (axis >= 0)
    {
      _qs_lpt_fp32 (ctx, node, "the weights' dequantization varies along axis %d, not per output channel (axis 1 "
                    "of [C_in, C_out, k…]): WeightableLayerTransformation::canBeTransformed refuses its shape", axis);
      return;
    }
  w = qs_quant_weights_read (node, 1, &local);
  if (w == NULL)
    {
      _qs_lpt_fp32 (ctx, node, "%s", local->message);
      return;
    }
  n->weights = w;
  if (w->i8 == NULL)
    {
      if (w->reason != NULL && g_str_has_prefix (w->reason, "weight scales vary inside an output channel"))
        _qs_lpt_fp32 (ctx, node, "the weights are not quantized per output channel (axis 1 of [C_in, C_out, k…]): "
                      "WeightableLayerTransformation::canBeTransformed refuses their dequantization shape");
      else if (w->reason != NULL && g_str_has_prefix (w->reason, "weights have a zero point"))
        _qs_lpt_fp32 (ctx, node, "%s: the CPU plugin skips ConvolutionBackpropDataTransformation for "
                      "asymmetric weights (isAsymmetricOnWeights)", w->reason);
      else
        _qs_lpt_fp32 (ctx, node, "%s", w->reason);
      return;
    }
  if (weights_asymmetric (node, w))
    {
      _qs_lpt_fp32 (ctx, node, "the weights have a zero point: the CPU plugin skips "
                    "ConvolutionBackpropDataTransformation for asymmetric weights (isAsymmetricOnWeights)");
      return;
    }

  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_init (out, QS_ELEMENT_I32, node->outputs[0].shape.rank, 1, (guint) w->n_out);
  out->from_compute = TRUE;
  out->qmin = G_MININT32;
  out->qmax = G_MAXINT32;
  for (o = 0; o < w->n_out; o++)
    out->scale[o] = in->scale[0] * w->scale[o];
  n->mode = LPT_MODE_INT8;
  n->d.precision = QS_LPT_PRECISION_INT8;
  n->d.reason = NULL;
}

/* MatMulTransformation with a quantized activation on input 1 too
 * (mat_mul.cpp: canBeTransformed and transform; both Dequantize ops move
 * after the MatMul, their scales multiplied).  It declines a zero point on
 * input 0 when input 1 is not constant, a zero point on input 1 that does
 * not round to 0, and scales that vary along the reduction axis (columns
 * of A, rows of B); the CPU plugin takes u8 or i8 on input 0 and i8 on
 * input 1 (transformation_pipeline.cpp, PrecisionsRestriction for MatMul).
 * qscope's int8 MatMul multiplies the two codes tensors exactly into i32
 * when both are quantized per tensor. */
static void
two_activations (LptContext   *ctx,
                 const QsNode *node,
                 const LptDq  *a,
                 const LptDq  *b)
{
  LptNode *n = _qs_lpt_node (ctx, node);
  gboolean ta = FALSE, tb = FALSE;
  int rank_b = node->inputs[1].shape.rank;
  guint c;
  LptDq *out;

  qs_node_get_bool (node, "transpose_a", FALSE, &ta, NULL);
  qs_node_get_bool (node, "transpose_b", FALSE, &tb, NULL);
  for (c = 0; c < a->n; c++)
    if (nearbyint (a->zp[c]) != 0.0 || a->shift != NULL)
      {
        _qs_lpt_fp32 (ctx, node, "MatMulTransformation: input 1 is not constant and the Dequantize on input 0 has a "
                      "zero point (Subtract)");
        return;
      }
  for (c = 0; c < b->n; c++)
    if (nearbyint (b->zp[c]) != 0.0 || b->shift != NULL)
      {
        _qs_lpt_fp32 (ctx, node, "MatMulTransformation: the Dequantize on input 1 has a zero point that does not "
                      "round to 0 (the CPU plugin takes i8 there, so an unsigned range needs one)");
        return;
      }
  if (b->type != QS_ELEMENT_I8)
    {
      _qs_lpt_fp32 (ctx, node, "MatMulTransformation: input 1 is %s; the CPU plugin's MatMul takes i8 there, where "
                    "this range needs a zero point, which it declines on a non-constant input 1",
                    qs_element_type_name (b->type));
      return;
    }
  if (a->type != QS_ELEMENT_U8 && a->type != QS_ELEMENT_I8)
    {
      _qs_lpt_fp32 (ctx, node, "input 0 is %s; the CPU plugin's MatMul takes u8 or i8 there",
                    qs_element_type_name (a->type));
      return;
    }
  if (!_qs_lpt_dq_per_tensor (a) && a->axis == a->rank - (ta ? 2 : 1))
    {
      _qs_lpt_fp32 (ctx, node, "MatMulTransformation: the Dequantize scale on input 0 varies along the columns of A "
                    "(the reduction axis)");
      return;
    }
  if (!_qs_lpt_dq_per_tensor (b) && b->axis == rank_b - (tb ? 1 : 2))
    {
      _qs_lpt_fp32 (ctx, node, "MatMulTransformation: the Dequantize scale on input 1 varies along the rows of B "
                    "(the reduction axis)");
      return;
    }
  if (!static_shapes (node))
    {
      _qs_lpt_fp32 (ctx, node, "shapes are not static");
      return;
    }
  if (!_qs_lpt_dq_per_tensor (a) || !_qs_lpt_dq_per_tensor (b))
    {
      /* OpenVINO moves per-row / per-column scales after the MatMul */
      n->mode = LPT_MODE_COPY;
      n->d.precision = QS_LPT_PRECISION_INT8;
      n->d.reason = "int8 on two quantized activations (MatMulTransformation); qscope: its int8 MatMul on two "
                    "activations takes per-tensor scales, so qscope's int8 run computes this layer on the "
                    "dequantized values";
      n->act_b = TRUE;
      return;
    }
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_init (out, QS_ELEMENT_I32, node->outputs[0].shape.rank, -1, 1);
  out->from_compute = TRUE;
  out->qmin = G_MININT32;
  out->qmax = G_MAXINT32;
  out->scale[0] = a->scale[0] * b->scale[0];
  out->zp[0] = 0.0;
  n->mode = LPT_MODE_INT8;
  n->act_b = TRUE;
  n->d.precision = QS_LPT_PRECISION_INT8;
  n->d.reason = "int8 on two quantized activations (MatMulTransformation)";
}

gboolean
_qs_lpt_pass_compute (LptContext    *ctx,
                      const QsNode  *node,
                      GError       **error)
{
  LptNode *n;
  const LptDq *in;
  g_autoptr(GError) local = NULL;
  QsQuantWeights *w;
  gboolean is_conv = qs_node_is_type (node, "Convolution");
  gboolean is_group = qs_node_is_type (node, "GroupConvolution");
  gboolean is_matmul = qs_node_is_type (node, "MatMul");
  LptDq *out;
  double z;
  g_autofree double *zin = NULL;
  g_autofree double *residual = NULL;
  gboolean any_residual;
  gint64 c_in;
  guint64 i, o, t;
  guint c, per_group, n_in;
  gboolean zp_only = FALSE, i8_only_predicted;
  const char *qscope_limit = NULL;   /* OpenVINO runs it in int8, qscope's kernels cannot */
  int out_rank;

  if (!_qs_lpt_is_compute (node))
    return TRUE;
  n = _qs_lpt_node (ctx, node);
  if (qs_node_is_type (node, "ConvolutionBackpropData") || qs_node_is_type (node, "GroupConvolutionBackpropData"))
    {
      backprop_data (ctx, node);
      return TRUE;
    }
  if (!is_conv && !is_group && !is_matmul)
    {
      _qs_lpt_fp32 (ctx, node, "qscope has no int8 kernel for %s", node->type);
      return TRUE;
    }
  in = _qs_lpt_input (ctx, node, 0);
  if (in == NULL || !in->valid)
    {
      not_quantized (ctx, node);
      return TRUE;
    }
  if (in->type == QS_ELEMENT_I32)
    {
      not_quantized (ctx, node);
      return TRUE;
    }
  i8_only_predicted = in->type == QS_ELEMENT_I8 && (is_conv || is_group) && qs_lpt_cpu_conv_takes_i8 (ctx->cpu);
  if (in->type != QS_ELEMENT_U8 && !i8_only_predicted && !(is_matmul && in->type == QS_ELEMENT_I8))
    {
      _qs_lpt_fp32 (ctx, node, "input 0 is %s; the CPU plugin's %s takes u8 activations on %s",
                    qs_element_type_name (in->type), node->type, qs_lpt_cpu_name (ctx->cpu));
      return TRUE;
    }
  if (in->shift != NULL)
    {
      _qs_lpt_fp32 (ctx, node, "input 0 carries a folded bias; it is not a plain Dequantize");
      return TRUE;
    }
  if (!static_shapes (node))
    {
      _qs_lpt_fp32 (ctx, node, "shapes are not static");
      return TRUE;
    }
  if ((is_conv || is_group) && node->inputs[0].shape.rank > 4)
    qscope_limit = "its int8 convolution kernels take 1-D and 2-D convolutions, not 3-D ones";
  /* Convolution and MatMul need one scale and one zero point for input 0.
   * GroupConvolution only needs them equal inside each group: output
   * channel o of group g reads only that group's input channels, so the
   * group's scale folds into o's Dequantize scale and its zero point into
   * o's compensation (depthwise: any per-channel record passes). */
  c_in = node->inputs[0].shape.rank >= 2 ? node->inputs[0].shape.dims[1] : 0;
  per_group = 1;
  if (is_group && node->inputs[1].shape.rank >= 3)
    per_group = (guint) MAX (node->inputs[1].shape.dims[2], 1);
  n_in = _qs_lpt_dq_per_tensor (in) ? 1 : in->n;
  if (n_in > 1 && is_conv && in->axis == 1 && (gint64) in->n == c_in && !in->fq_per_channel)
    {
      /* One scale but a zero point per input channel, as AddTransformation
       * leaves after an Add of a per-channel constant: the Subtract may be
       * per channel (canSubtractBeHandled, checkZeroPoint), only the
       * Multiply must be per tensor (WeightableLayerTransformation::
       * canBeTransformed with perTensorQuantizationOnData).  The whole
       * input is one group. */
      for (c = 1; c < in->n; c++)
        if (in->scale[c] != in->scale[0])
          break;
      if (c == in->n)
        {
          per_group = (guint) c_in;
          zp_only = TRUE;
        }
    }
  if (n_in > 1 && !zp_only && !is_matmul)
    {
      gboolean ok = is_group && in->axis == 1 && (gint64) in->n == c_in && in->shift == NULL;
      for (c = 0; c < in->n && ok; c++)
        if (in->scale[c] != in->scale[c - c % per_group] || in->zp[c] != in->zp[c - c % per_group])
          ok = FALSE;
      if (!ok && is_group)
        {
          _qs_lpt_fp32 (ctx, node, "the activation scale of input 0 varies inside a group of %u input channels",
                        per_group);
          return TRUE;
        }
      if (!ok && in->axis != 1)
        {
          _qs_lpt_fp32 (ctx, node, "the Dequantize on input 0 varies along axis %d, not over the channels: the CPU "
                        "plugin's %s takes one scale and at most one zero point per input channel", in->axis,
                        node->type);
          return TRUE;
        }
      if (!ok && !in->fq_per_channel)
        {
          _qs_lpt_fp32 (ctx, node, "the Dequantize scale on input 0 differs between channels; "
                        "WeightableLayerTransformation needs it per tensor for %s", node->type);
          return TRUE;
        }
      if (!ok)
        {
          _qs_lpt_fp32 (ctx, node, "activation FakeQuantize on input 0 is per-channel; %s needs one scale for its input",
                        node->type);
          return TRUE;
        }
    }
  /* Zero points need not be integers (f16 ranges leave 127.996; some
   * converters 128.1).  OpenVINO rounds the Subtract constant to the data
   * type (NetworkHelper::optimizeSubtract) and accepts the error; here the
   * nearest integer goes to the kernel and the rest into the Dequantize's
   * shift, which is exact except at padded positions. */
  zin = g_new (double, in->n);
  residual = g_new (double, in->n);
  any_residual = FALSE;
  for (c = 0; c < in->n; c++)
    {
      z = in->zp[c];
      residual[c] = z - nearbyint (z);
      if (in->type == QS_ELEMENT_I8 ? (z < -128.5 || z > 127.5) : (z < -0.5 || z > 255.5))
        {
          _qs_lpt_fp32 (ctx, node, "the activation zero point %.4g lies outside the %s range (checkZeroPoint)", z,
                        qs_element_type_name (in->type));
          return TRUE;
        }
      zin[c] = nearbyint (z);
      any_residual |= residual[c] != 0.0;
    }
  z = zin[0];

  if (qs_input_const (node, 1) == NULL && !qs_weights_classify (node, 1, &(QsWeightChain) { 0 }))
    {
      const LptDq *b = _qs_lpt_input (ctx, node, 1);
      if (b != NULL && b->valid && is_matmul)
        two_activations (ctx, node, in, b);
      else if (b != NULL && b->valid)
        _qs_lpt_fp32 (ctx, node, "input 1 is a quantized activation; %sTransformation takes constant weights "
                      "there", node->type);
      else
        _qs_lpt_fp32 (ctx, node, "input 1 is not quantized");
      return TRUE;
    }
  w = qs_quant_weights_read (node, 1, &local);
  if (w == NULL)
    {
      _qs_lpt_fp32 (ctx, node, "%s", local->message);
      return TRUE;
    }
  n->weights = w;
  if (w->i8 == NULL)
    {
      _qs_lpt_fp32 (ctx, node, "%s", w->reason);
      return TRUE;
    }
  if (is_matmul)
    {
      gboolean ta = FALSE;
      qs_node_get_bool (node, "transpose_a", FALSE, &ta, NULL);
      if (!_qs_lpt_dq_per_tensor (in) && in->axis == in->rank - (ta ? 2 : 1))
        {
          _qs_lpt_fp32 (ctx, node, "MatMulTransformation: the Dequantize scale on input 0 varies along the columns "
                        "of A (the reduction axis)");
          return TRUE;
        }
      if (!_qs_lpt_dq_per_tensor (in))
        qscope_limit = "its int8 MatMul takes one scale and zero point for input 0, not one per row";
    }

  /* MatMulTransformation folds the activation zero point through any
   * constant weights (a MatMul of the broadcast zero point with them);
   * qscope's compensation is per output column only */
  if (is_matmul && z != 0.0 && w->n_elements / (w->inner * w->n_out) > 1 && w->inner == 1)
    qscope_limit = "its int8 MatMul compensates an activation zero point per output column, not per batch of "
                   "the weights";
  if (is_matmul && z != 0.0 && w->rank > 2)
    qscope_limit = "its int8 MatMul compensates an activation zero point per output column, not per batch of "
                   "the weights";

  if (qscope_limit != NULL && !i8_only_predicted)
    {
      g_autofree char *text = g_strdup_printf ("int8 (%sTransformation); qscope: %s, so qscope's int8 run computes "
                                               "this layer on the dequantized values", node->type, qscope_limit);
      n->mode = LPT_MODE_COPY;
      n->d.precision = QS_LPT_PRECISION_INT8;
      n->d.reason = g_string_chunk_insert_const (ctx->strings, text);
      return TRUE;
    }
  if (i8_only_predicted)
    {
      /* OpenVINO runs it on i8 codes; qscope's kernel takes u8: the graph
       * keeps the layer in float after the Dequantize (exact fake-quant) */
      g_autofree char *text = g_strdup_printf ("int8 on i8 activations (%s: the CPU plugin's %s takes u8 and i8); "
                                               "qscope: its int8 kernel takes u8 codes, so qscope's int8 run "
                                               "computes this layer on the dequantized values",
                                               qs_lpt_cpu_name (ctx->cpu), node->type);
      n->mode = LPT_MODE_COPY;
      n->d.precision = QS_LPT_PRECISION_INT8;
      n->d.reason = g_string_chunk_insert_const (ctx->strings, text);
      return TRUE;
    }

  /* the record of the i32 output: per output channel (axis 1; MatMul: last) */
  out_rank = node->outputs[0].shape.rank;
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_init (out, QS_ELEMENT_I32, out_rank, is_matmul ? out_rank - 1 : 1, (guint) w->n_out);
  out->from_compute = TRUE;
  out->qmin = G_MININT32;
  out->qmax = G_MAXINT32;
  for (o = 0; o < w->n_out; o++)
    out->scale[o] = in->scale[input_channel (n_in, w, o, per_group)] * w->scale[o];
  /* o = (i / inner) % n_out and t = i % inner, counted along */
  for (i = 0, o = 0, t = 0; i < w->n_elements; i++, qs_quant_weights_next (w, &o, &t))
    out->zp[o] += zin[element_channel (n_in, w, o, per_group, t)] * w->i8[i];
  if (any_residual)
    {
      out->shift = g_new0 (double, out->n);
      for (i = 0, o = 0, t = 0; i < w->n_elements; i++, qs_quant_weights_next (w, &o, &t))
        out->shift[o] -= residual[element_channel (n_in, w, o, per_group, t)] * w->i8[i] * out->scale[o];
      if (!is_matmul)
        pad_border (node, w, residual, n_in, per_group, out);
    }
  n->mode = LPT_MODE_INT8;
  n->d.precision = QS_LPT_PRECISION_INT8;
  n->d.reason = NULL;
  return TRUE;
}
