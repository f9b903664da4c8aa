/* qs-lpt-move-pool.c — the Dequantize through AvgPool
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's AvgPoolTransformation (src/common/
 * low_precision_transformations/src/avg_pool.cpp) with the markup pass
 * MarkupAvgPoolPrecisionPreserved: any Dequantize (per tensor or per
 * channel, with a zero point, negative scales) moves after the AvgPool,
 * whose input becomes the u8/i8 codes.  The pool keeps the codes' type on
 * its output (precision-preserved) only when a quantized layer takes its
 * output; the CPU plugin then rounds the average to the nearest code.
 * Otherwise it gives f32 and the Dequantize follows: qscope's fold-back
 * (qs-lpt-pass-fold.c) finds no consumer of the codes and says so.
 *
 * The average of codes differs from the codes of the average only by that
 * rounding, except that a window reaching padding with exclude-pad false
 * averages padded codes 0, which mean -z * s, not 0, when the zero point z
 * is not 0: OpenVINO does not check this, and neither does qscope, which
 * runs what the runtime runs.
 */
#include "config.h"

#include "qs-lpt-private.h"

gboolean
_qs_lpt_move_pool (LptContext   *ctx,
                   const QsNode *node,
                   const LptDq  *in)
{
  if (!qs_node_is_type (node, "AvgPool"))
    return FALSE;
  if (in->shift != NULL)
    _qs_lpt_fp32 (ctx, node, "the Dequantize carries a folded bias; AvgPool stays on float values");
  else if (!_qs_lpt_dq_per_tensor (in) && node->inputs[0].shape.rank < 0)
    _qs_lpt_fp32 (ctx, node, "AvgPoolTransformation: the Dequantize is per-channel and the input rank is dynamic");
  else
    {
      _qs_lpt_pass_codes (ctx, node, in);
      _qs_lpt_node (ctx, node)->d.reason =
        "AvgPoolTransformation: precision-preserved (a quantized layer takes its output); the average is rounded "
        "to a code";
    }
  return TRUE;
}
