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
 * ReLU).  Concat passes when all its inputs share one per-tensor record
 * (aligned intervals).  Multiply, Add and Subtract with a constant that is
 * scalar or per channel on the record's axis fold into the record.
 */
#include "config.h"

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

static void
pass_codes (LptContext   *ctx,
            const QsNode *node,
            const LptDq  *in)
{
  LptNode *n = _qs_lpt_node (ctx, node);
  guint o;

  for (o = 0; o < node->n_outputs; o++)
    {
      LptDq *out = _qs_lpt_tensor (ctx, &node->outputs[o]);
      _qs_lpt_dq_copy (out, in);
      out->rank = node->outputs[o].shape.rank;
    }
  n->mode = LPT_MODE_CODES;
  n->d.precision = QS_LPT_PRECISION_CODES;
  n->d.reason = NULL;
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

  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_copy (out, in);
  widen (out, nk, 1);
  if (out->shift == NULL && !mul)
    out->shift = g_new0 (double, out->n);
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
  return TRUE;
}

gboolean
_qs_lpt_pass_propagate (LptContext    *ctx,
                        const QsNode  *node,
                        GError       **error)
{
  static const char *const movers[] = {
    "Reshape", "Squeeze", "Unsqueeze", "Transpose", "StridedSlice", "Split", "VariadicSplit", NULL,
  };
  static const char *const linear[] = { "Multiply", "Add", "Subtract", NULL };
  const LptDq *in = _qs_lpt_input (ctx, node, 0);
  guint c, i;

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

  if (in == NULL || !in->valid || in->type == QS_ELEMENT_I32)
    return TRUE;

  if (is_type_in (node, movers))
    {
      if (in->shift != NULL)
        _qs_lpt_fp32 (ctx, node, "the Dequantize has a shift; %s stays on float values", node->type);
      else if (!_qs_lpt_dq_per_tensor (in))
        _qs_lpt_fp32 (ctx, node, "the Dequantize is per-channel; %s would move the channels", node->type);
      else
        pass_codes (ctx, node, in);
      return TRUE;
    }
  if (qs_node_is_type (node, "MaxPool"))
    {
      for (c = 0; c < in->n; c++)
        if (!(in->scale[c] > 0) || in->shift != NULL)
          {
            _qs_lpt_fp32 (ctx, node, "a scale is not positive; MaxPool does not commute with it");
            return TRUE;
          }
      pass_codes (ctx, node, in);
      return TRUE;
    }
  if (qs_node_is_type (node, "ReLU") || qs_node_is_type (node, "Relu"))
    {
      for (c = 0; c < in->n; c++)
        if (in->zp[c] != 0.0 || !(in->scale[c] > 0) || in->shift != NULL)
          {
            _qs_lpt_fp32 (ctx, node, "the Dequantize has a zero point; ReLU on codes would not be exact");
            return TRUE;
          }
      pass_codes (ctx, node, in);
      return TRUE;
    }
  if (qs_node_is_type (node, "Concat"))
    {
      for (i = 0; i < node->n_inputs; i++)
        {
          const LptDq *other = _qs_lpt_input (ctx, node, i);
          if (other == NULL || !other->valid)
            {
              _qs_lpt_fp32 (ctx, node, "Concat input %u is not quantized", i);
              return TRUE;
            }
          if (other->type != in->type || !_qs_lpt_dq_per_tensor (other) || !_qs_lpt_dq_per_tensor (in) ||
              other->shift != NULL || in->shift != NULL ||
              other->scale[0] != in->scale[0] || other->zp[0] != in->zp[0])
            {
              _qs_lpt_fp32 (ctx, node, "Concat inputs have different quantization intervals");
              return TRUE;
            }
        }
      pass_codes (ctx, node, in);
      return TRUE;
    }
  if (qs_node_is_type (node, "AvgPool"))
    {
      _qs_lpt_fp32 (ctx, node, "AvgPool of codes is not an integer; it runs on dequantized values");
      return TRUE;
    }
  return TRUE;
}
