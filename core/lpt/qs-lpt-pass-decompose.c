/* qs-lpt-pass-decompose.c — pass 1: activation FakeQuantize → Quantize + Dequantize
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * LPT's FakeQuantizeDecomposition: the FakeQuantize's output range is mapped
 * onto the integer interval of u8 or i8, with scale (oh - ol)/(qmax - qmin)
 * and zero point (qmin*oh - qmax*ol)/(oh - ol) per channel.  The precision
 * is the FakeQuantize's natural one unless a convolution or MatMul is fed
 * (through code-moving ops): the CPU plugin takes u8 activations there, so
 * a signed range becomes u8 with a zero point, as LPT does when the natural
 * precision is not among the consumer's.
 */
#include "config.h"

#include <math.h>

#include "qs-lpt-private.h"

static gboolean
moves_codes (const QsNode *node)
{
  static const char *const types[] = {
    "MaxPool", "Reshape", "Squeeze", "Unsqueeze", "Transpose", "StridedSlice", "Split",
    "VariadicSplit", "Concat", "ReLU", "Relu",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (types); i++)
    if (qs_node_is_type (node, types[i]))
      return TRUE;
  return FALSE;
}

/* Does a compute layer take this value on input 0, directly or through ops that move codes? */
static gboolean
feeds_compute (const QsNode *node,
               guint         depth)
{
  guint o, c;

  if (depth > 32)
    return FALSE;
  for (o = 0; o < node->n_outputs; o++)
    for (c = 0; c < node->outputs[o].n_consumers; c++)
      {
        const QsPort *in = node->outputs[o].consumers[c];
        if (_qs_lpt_is_compute (in->node) && in->index == 0)
          return TRUE;
        if (moves_codes (in->node) && feeds_compute (in->node, depth + 1))
          return TRUE;
      }
  return FALSE;
}

gboolean
_qs_lpt_pass_decompose (LptContext    *ctx,
                        const QsNode  *node,
                        GError       **error)
{
  LptNode *n;
  g_autoptr(GError) local = NULL;
  QsFqInfo *info;
  QsElementType type;
  gboolean zp;
  LptDq *dq;
  guint c;

  if (!qs_node_is_type (node, "FakeQuantize"))
    return TRUE;
  n = _qs_lpt_node (ctx, node);
  info = qs_fq_analyze (node, &local);
  if (info == NULL)
    {
      _qs_lpt_fp32 (ctx, node, "%s", local->message);
      return TRUE;
    }
  n->fq = info;
  if (info->on_weights)
    {
      /* read by the compute pass together with the weights */
      n->d.precision = QS_LPT_PRECISION_FP32;
      n->d.reason = "FakeQuantize on weights stays float unless its layer runs in int8";
      return TRUE;
    }
  if (info->levels == 2)
    {
      _qs_lpt_fp32 (ctx, node, "levels=2 is not decomposed (binarization)");
      return TRUE;
    }
  if (!info->levels_supported)
    {
      _qs_lpt_fp32 (ctx, node, "levels=%u has no 8-bit form (LPT decomposes 256, 255, 16 and 15)", info->levels);
      return TRUE;
    }
  for (c = 0; c < info->n_channels; c++)
    if (!(info->ih[c] > info->il[c]) || !(info->oh[c] > info->ol[c]))
      {
        _qs_lpt_fp32 (ctx, node, "an empty or inverted range on channel %u", c);
        return TRUE;
      }

  type = info->precision;
  zp = info->has_zero_point;
  if (type == QS_ELEMENT_I8 && feeds_compute (node, 0))
    {
      type = QS_ELEMENT_U8;
      zp = TRUE;
    }
  (void) zp;
  qs_fq_target_interval (info->levels, type, &n->qmin, &n->qmax);
  n->qtype = type;

  dq = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_init (dq, type, info->data_rank, info->axis, info->n_channels);
  dq->qmin = n->qmin;
  dq->qmax = n->qmax;
  for (c = 0; c < info->n_channels; c++)
    {
      double z = qs_fq_info_target_zero_point (info, c, n->qmin, n->qmax);
      dq->scale[c] = ((double) info->oh[c] - info->ol[c]) / (n->qmax - n->qmin);
      dq->zp[c] = z;
      /* LPT's checkZeroPoint */
      if (z < n->qmin - 0.5 || z > n->qmax + 0.5)
        {
          _qs_lpt_dq_clear (dq);
          _qs_lpt_fp32 (ctx, node, "zero point %.3g lies outside the %s range", z, qs_element_type_name (type));
          return TRUE;
        }
    }
  n->mode = LPT_MODE_QUANTIZE;
  n->d.precision = QS_LPT_PRECISION_CODES;
  n->d.reason = NULL;
  return TRUE;
}
