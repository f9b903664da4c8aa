/* qs-lpt-pass-requantize.c — pass 4: Dequantize meeting Quantize → Requantize
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A decomposed FakeQuantize whose input already holds codes (the i32 sum of
 * an int8 layer, with its bias folded in, or u8/i8 codes that travelled
 * through MaxPool, Reshape, ...) needs no float in between: the Dequantize
 * and the Quantize compose to one affine map per channel followed by
 * rounding and clamping (LPT's FakeQuantizeTransformation::fuseElementwise
 * does the same by moving the dequantization into the FakeQuantize's input
 * range).  Both sides must be per tensor or per channel on the same axis.
 */
#include "config.h"

#include "qs-lpt-private.h"

gboolean
_qs_lpt_pass_requantize (LptContext    *ctx,
                         const QsNode  *node,
                         GError       **error)
{
  LptNode *n;
  const LptDq *in;
  const LptDq *out;

  if (!qs_node_is_type (node, "FakeQuantize"))
    return TRUE;
  n = _qs_lpt_node (ctx, node);
  if (n->mode != LPT_MODE_QUANTIZE)
    return TRUE;
  in = _qs_lpt_input (ctx, node, 0);
  if (in == NULL || !in->valid)
    return TRUE;
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  if (in->n > 1 && out->n > 1 && (in->n != out->n || in->axis != out->axis))
    return TRUE;   /* stays Dequantize → Quantize */
  if (in->n > 1 && in->rank != out->rank)
    return TRUE;
  if (in->border != NULL && !n->aligned && n->fq->n_channels > in->n)
    return TRUE;   /* the border correction is per the input's channels */
  n->mode = LPT_MODE_REQUANTIZE;
  return TRUE;
}
