/* qs-lpt-pass-propagate.c — pass 2: the Dequantize moves down
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A tensor of codes with real = (q - z)*s + b passes unchanged through
 * ops that only move or select elements (the record follows), through
 * MaxPool when every scale is positive (max commutes with increasing affine
 * maps) and through ReLU when every zero point and shift is 0.  Per-channel
 * records only pass ops that keep the channel axis where it is (MaxPool,
 * ReLU).  Concat passes when all its inputs share one record, or joins
 * their records along the channels.  Multiply, Add and Subtract with a
 * constant that is scalar or per channel on the record's axis fold into the
 * record: Multiply into the scale, Add and Subtract into the zero point
 * (AddTransformation: the Add swaps with the Dequantize's Multiply and
 * becomes its Subtract), except the bias after an int8 layer, which stays a
 * shift of the i32 record.  Reshape, Squeeze, Unsqueeze, Transpose,
 * StridedSlice, Pad, Gather, DepthToSpace, ShuffleChannels, Interpolate,
 * Split and VariadicSplit are in qs-lpt-move-shape.c, AvgPool
 * in qs-lpt-move-pool.c, the ops that take codes but give f32 in
 * qs-lpt-move-f32.c.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-lpt-private.h"

static gboolean
is_type_in (const QsNode       *node,
            const char * const *types)
{
  for (; *types != NULL; types++)
    if (qs_node_is_type (node, *types))
      return TRUE;
  return FALSE;
}

void
_qs_lpt_mark_codes (LptContext   *ctx,
                    const QsNode *node)
{
  LptNode *n = _qs_lpt_node (ctx, node);

  n->mode = LPT_MODE_CODES;
  n->d.precision = QS_LPT_PRECISION_CODES;
  n->d.reason = NULL;
}

void
_qs_lpt_pass_codes (LptContext   *ctx,
                    const QsNode *node,
                    const LptDq  *in)
{
  guint o;

  for (o = 0; o < node->n_outputs; o++)
    {
      LptDq *out = _qs_lpt_tensor (ctx, &node->outputs[o]);
      _qs_lpt_dq_copy (out, in);
      out->rank = node->outputs[o].shape.rank;
    }
  _qs_lpt_mark_codes (ctx, node);
}

/* The constant of a Multiply/Add/Subtract as per-channel values on @dq's
 * axis (or one value); NULL when it varies along another axis. */
static double *
linear_constant (const QsNode *konst,
                 const LptDq  *dq,
                 int           out_rank,
                 guint        *n_out)
{
  const QsShape *s = &konst->konst->shape;
  g_autofree float *v = qs_const_to_f32 (konst, NULL);
  int d, axis = -1;
  guint n = 1, i;
  double *out;

  if (v == NULL || s->rank > out_rank)
    return NULL;
  for (d = 0; d < s->rank; d++)
    if (s->dims[d] > 1)
      {
        if (axis >= 0)
          return NULL;
        axis = d + (out_rank - s->rank);
        n = (guint) s->dims[d];
      }
  if (axis >= 0 && dq->n > 1 && (axis != dq->axis || n != dq->n))
    return NULL;
  if (axis >= 0 && axis != 1)
    return NULL;
  *n_out = n;
  out = g_new (double, n);
  for (i = 0; i < n; i++)
    out[i] = v[i];
  return out;
}

static void
widen (LptDq *dq,
       guint  n,
       int    axis)
{
  guint c;

  if (dq->n == n || n == 1)
    return;
  dq->scale = g_renew (double, dq->scale, n);
  dq->zp = g_renew (double, dq->zp, n);
  if (dq->shift != NULL)
    dq->shift = g_renew (double, dq->shift, n);
  for (c = 1; c < n; c++)
    {
      dq->scale[c] = dq->scale[0];
      dq->zp[c] = dq->zp[0];
      if (dq->shift != NULL)
        dq->shift[c] = dq->shift[0];
    }
  dq->n = n;
  dq->axis = axis;
}

static gboolean
fold_linear (LptContext   *ctx,
             const QsNode *node)
{
  LptNode *n = _qs_lpt_node (ctx, node);
  guint side, c, nk = 1;
  const LptDq *in = NULL;
  const QsNode *konst = NULL;
  g_autofree double *k = NULL;
  LptDq *out;
  gboolean mul = qs_node_is_type (node, "Multiply");
  gboolean sub = qs_node_is_type (node, "Subtract");
  int out_rank = node->outputs[0].shape.rank;

  if (node->n_inputs != 2 || node->n_outputs != 1)
    return FALSE;
  for (side = 0; side < 2; side++)
    {
      const LptDq *dq = _qs_lpt_input (ctx, node, side);
      const QsNode *other = qs_input_const (node, 1 - side);
      if (dq != NULL && dq->valid && other != NULL)
        {
          in = dq;
          konst = other;
          break;
        }
    }
  if (in == NULL || in->rank != out_rank)
    return FALSE;
  k = linear_constant (konst, in, out_rank, &nk);
  if (k == NULL)
    return FALSE;

  if (in->border != NULL && nk > 1 && nk != in->n)
    return FALSE;
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_copy (out, in);
  widen (out, nk, 1);
  if (out->shift == NULL && !mul)
    out->shift = g_new0 (double, out->n);
  if (out->border != NULL && (mul || (sub && side == 1)))
    {
      /* the border correction is real-valued like shift: scaled, or negated for k - x */
      gint64 plane = (gint64) out->border_classes[0] * out->border_classes[1], j;
      for (c = 0; c < out->n; c++)
        for (j = 0; j < plane; j++)
          out->border[c * plane + j] *= mul ? k[nk > 1 ? c : 0] : -1.0;
    }
  for (c = 0; c < out->n; c++)
    {
      double kc = k[nk > 1 ? c : 0];
      if (mul)
        {
          out->scale[c] *= kc;
          if (out->shift != NULL)
            out->shift[c] *= kc;
        }
      else if (!sub)
        out->shift[c] += kc;
      else if (side == 0)
        out->shift[c] -= kc;                 /* x - k */
      else
        {
          out->scale[c] = -out->scale[c];    /* k - x */
          out->shift[c] = kc - out->shift[c];
        }
    }
  n->mode = LPT_MODE_LINEAR;
  n->linear_input = side;
  n->d.precision = QS_LPT_PRECISION_FOLDED;
  n->d.reason = mul ? "folded into the Dequantize scale" : "folded into the Dequantize (bias)";
  if (!mul && out->type != QS_ELEMENT_I32 && out->border == NULL)
    {
      /* AddTransformation (SubtractTransformation alike): an Add of a
       * constant that is not a convolution's bias swaps with the
       * Dequantize's Multiply and fuses into its Subtract, (q - z) * s + b
       * = (q - (z - b / s)) * s: the constant becomes part of the zero
       * point, per channel when it is per channel. */
      gboolean all = TRUE;
      for (c = 0; c < out->n; c++)
        all &= out->scale[c] != 0.0 && isfinite (out->shift[c] / out->scale[c]);
      if (all)
        {
          for (c = 0; c < out->n; c++)
            out->zp[c] -= out->shift[c] / out->scale[c];
          g_clear_pointer (&out->shift, g_free);
          n->d.reason = sub ? "SubtractTransformation: folded into the Dequantize's zero point"
                            : "AddTransformation: the constant becomes part of the Dequantize's zero point (Subtract)";
        }
    }
  return TRUE;
}

static gboolean
same_record (const LptDq *a,
             const LptDq *b)
{
  guint c;

  if (a->type != b->type || a->shift != NULL || b->shift != NULL)
    return FALSE;
  if (_qs_lpt_dq_per_tensor (a) && _qs_lpt_dq_per_tensor (b))
    return a->scale[0] == b->scale[0] && a->zp[0] == b->zp[0];
  /* per channel alike on the same axis (the halves of a Split along
   * another axis, say) */
  if (a->n != b->n || a->axis != b->axis || a->rank != b->rank)
    return FALSE;
  for (c = 0; c < a->n; c++)
    if (a->scale[c] != b->scale[c] || a->zp[c] != b->zp[c])
      return FALSE;
  return TRUE;
}

/* Inputs with one record pass as they are.  Different records pass when the
 * Concat joins channels (axis 1): the output's record is per channel, each
 * input's values over its own channels, as LPT concatenates the inputs'
 * dequantization constants.  (Inputs that must share one interval for a
 * convolution were aligned by pass 1.) */
static void
concat (LptContext   *ctx,
        const QsNode *node,
        const LptDq  *in)
{
  gint64 axis = 1;
  guint i, c, k;
  gboolean same = TRUE;
  LptDq *out;
  int rank = node->outputs[0].shape.rank;

  for (i = 0; i < node->n_inputs; i++)
    {
      const LptDq *other = _qs_lpt_input (ctx, node, i);
      if (other == NULL || !other->valid || other->type == QS_ELEMENT_I32)
        {
          const QsNode *src = qs_node_input_node (node, i);
          _qs_lpt_fp32 (ctx, node, "Concat input %u (%s “%s”) is not quantized", i,
                        src != NULL ? src->type : "?", src != NULL ? src->name : "?");
          return;
        }
      if (other->type != in->type)
        {
          _qs_lpt_fp32 (ctx, node, "Concat inputs are quantized to different types (%s and %s)",
                        qs_element_type_name (in->type), qs_element_type_name (other->type));
          return;
        }
      if (!same_record (in, other))
        same = FALSE;
    }
  if (same)
    {
      _qs_lpt_pass_codes (ctx, node, in);
      return;
    }
  qs_node_get_int (node, "axis", 1, &axis, NULL);
  if (axis < 0)
    axis += rank;
  if (axis != 1 || rank < 2 || !qs_shape_is_static (&node->outputs[0].shape))
    {
      _qs_lpt_fp32 (ctx, node, "Concat inputs have different quantization intervals and it joins axis %"
                    G_GINT64_FORMAT ", not the channels, so they cannot become one per-channel Dequantize", axis);
      return;
    }
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_init (out, in->type, rank, 1, (guint) node->outputs[0].shape.dims[1]);
  out->qmin = in->qmin;
  out->qmax = in->qmax;
  for (i = 0, k = 0; i < node->n_inputs; i++)
    {
      const LptDq *other = _qs_lpt_input (ctx, node, i);
      gint64 ch = node->inputs[i].shape.rank == rank ? node->inputs[i].shape.dims[1] : -1;
      if (ch < 0 || (other->n > 1 && (other->axis != 1 || other->n != (guint) ch)) ||
          k + ch > out->n || other->shift != NULL)
        {
          _qs_lpt_dq_clear (out);
          _qs_lpt_fp32 (ctx, node, "Concat input %u is quantized per channel on another axis, or carries a folded bias", i);
          return;
        }
      for (c = 0; c < ch; c++, k++)
        {
          out->scale[k] = other->scale[other->n > 1 ? c : 0];
          out->zp[k] = other->zp[other->n > 1 ? c : 0];
        }
    }
  {
    LptNode *n = _qs_lpt_node (ctx, node);
    n->mode = LPT_MODE_CODES;
    n->d.precision = QS_LPT_PRECISION_CODES;
    n->d.reason = NULL;
  }
}

/* max/min over axes commute with an increasing affine map; a per-channel
 * record must keep its axis where it is (not reduced, keep_dims). */
static void
reduce_max (LptContext   *ctx,
            const QsNode *node,
            const LptDq  *in)
{
  guint c;

  for (c = 0; c < in->n; c++)
    if (!(in->scale[c] > 0) || in->shift != NULL)
      {
        _qs_lpt_fp32 (ctx, node, "a scale is not positive; %s does not commute with it", node->type);
        return;
      }
  if (!_qs_lpt_dq_per_tensor (in))
    {
      const QsNode *ax = qs_input_const (node, 1);
      gboolean keep = FALSE;
      g_autofree float *v = ax != NULL ? qs_const_to_f32 (ax, NULL) : NULL;
      guint64 j;
      qs_node_get_bool (node, "keep_dims", FALSE, &keep, NULL);
      if (v == NULL || !keep)
        {
          _qs_lpt_fp32 (ctx, node, "the Dequantize is per-channel and %s drops dimensions", node->type);
          return;
        }
      for (j = 0; j < ax->konst->n_elements; j++)
        if ((int) v[j] == in->axis || (int) v[j] + in->rank == in->axis)
          {
            _qs_lpt_fp32 (ctx, node, "the Dequantize is per-channel and %s reduces the channel axis", node->type);
            return;
          }
    }
  _qs_lpt_pass_codes (ctx, node, in);
}

gboolean
_qs_lpt_pass_propagate (LptContext    *ctx,
                        const QsNode  *node,
                        GError       **error)
{
  static const char *const linear[] = { "Multiply", "Add", "Subtract", NULL };
  const LptDq *in = _qs_lpt_input (ctx, node, 0);
  guint c;

  if (qs_node_is_type (node, "FakeQuantize") || _qs_lpt_is_compute (node))
    return TRUE;

  if (is_type_in (node, linear))
    {
      if (!fold_linear (ctx, node))
        {
          const LptDq *a = _qs_lpt_input (ctx, node, 0), *b = _qs_lpt_input (ctx, node, 1);
          if (a != NULL && a->valid && b != NULL && b->valid)
            _qs_lpt_fp32 (ctx, node, "%s of two quantized branches runs on dequantized values", node->type);
          else if ((a != NULL && a->valid) || (b != NULL && b->valid))
            _qs_lpt_fp32 (ctx, node, "the other input is not a constant that is scalar or per channel on axis 1");
        }
      return TRUE;
    }

  if (_qs_lpt_recurrent (ctx, node) || _qs_lpt_assign (ctx, node))
    return TRUE;

  if (in != NULL && in->valid && in->type == QS_ELEMENT_I32 && !qs_node_is_type (node, "Result"))
    {
      /* the i32 sum of an int8 layer (its bias folded in) is dequantized
       * before any other op: the CPU plugin's int8 layer gives f32 */
      const QsNode *up = qs_node_input_node (node, 0);
      guint hops = 0;
      while (up != NULL && up->graph == ctx->graph && _qs_lpt_node (ctx, up)->mode == LPT_MODE_LINEAR &&
             hops++ < 16)
        up = qs_node_input_node (up, _qs_lpt_node (ctx, up)->linear_input);
      if (up != NULL)
        _qs_lpt_fp32 (ctx, node, "its input is the float output of the int8 %s “%s” (dequantized there), with no "
                      "FakeQuantize in between", up->type, up->name);
      return TRUE;
    }
  if (in == NULL || !in->valid || in->type == QS_ELEMENT_I32)
    return TRUE;

  if (_qs_lpt_move_shape (ctx, node, in) || _qs_lpt_move_pool (ctx, node, in) || _qs_lpt_move_f32 (ctx, node, in) ||
      _qs_lpt_move_space (ctx, node, in))
    return TRUE;

  if (qs_node_is_type (node, "MaxPool"))
    {
      for (c = 0; c < in->n; c++)
        if (!(in->scale[c] > 0) || in->shift != NULL)
          {
            _qs_lpt_fp32 (ctx, node, "a scale is not positive; MaxPool does not commute with it");
            return TRUE;
          }
      _qs_lpt_pass_codes (ctx, node, in);
      return TRUE;
    }
  if (qs_node_is_type (node, "ReLU") || qs_node_is_type (node, "Relu"))
    {
      for (c = 0; c < in->n; c++)
        if (in->zp[c] != 0.0 || !(in->scale[c] > 0) || in->shift != NULL)
          {
            /* ReluTransformation: no Subtract, and every scale positive */
            _qs_lpt_fp32 (ctx, node, !(in->scale[c] > 0) && in->zp[c] == 0.0 && in->shift == NULL
                          ? "ReluTransformation: a Dequantize scale is negative; ReLU on codes would not be exact"
                          : "the Dequantize has a zero point; ReLU on codes would not be exact");
            return TRUE;
          }
      _qs_lpt_pass_codes (ctx, node, in);
      return TRUE;
    }
  if (qs_node_is_type (node, "Concat"))
    {
      concat (ctx, node, in);
      return TRUE;
    }
  if (qs_node_is_type (node, "ReduceMax") || qs_node_is_type (node, "ReduceMin"))
    {
      reduce_max (ctx, node, in);
      return TRUE;
    }
  return TRUE;
}
