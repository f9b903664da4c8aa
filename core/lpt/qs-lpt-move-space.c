/* qs-lpt-move-space.c — the Dequantize through BatchToSpace, SpaceToBatch,
 * Slice and Broadcast; Tile declined
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's BatchToSpaceTransformation, SpaceToBatchTransformation,
 * SliceTransformation and BroadcastTransformation (src/common/
 * low_precision_transformations/src/{batch_to_space,space_to_batch,slice,
 * broadcast}.cpp).  Each is precision-preserved: the op runs on the u8/i8
 * codes and the Dequantize follows it unchanged, which needs constants that
 * do not vary along any axis, since the op moves elements across axes:
 *
 *   BatchToSpace, SpaceToBatch, Slice  the Dequantize per tensor
 *                  (FakeQuantizeDequantization::isPerTensor); a per-channel
 *                  one is declined.  A zero point is allowed.
 *   Broadcast      the scale and the zero point scalar-like
 *                  (NetworkHelper::isScalarLike).
 *   Tile           LowPrecision's pass list (low_precision.cpp, the 2025
 *                  version read) registers no TileTransformation (a
 *                  tile.cpp existed in 2022 but was never in the list), so
 *                  the Dequantize stays before a Tile.
 *
 * SpaceToBatch pads with code 0, which means real -z * s when the zero point
 * z is not 0; OpenVINO does not check this (as for AvgPool's padding), and
 * qscope runs what the runtime runs.  A record with a shift (a folded bias)
 * is not a Convert-Subtract-Multiply Dequantize; it stays where it is.
 */
#include "config.h"

#include "qs-lpt-private.h"

gboolean
_qs_lpt_move_space (LptContext   *ctx,
                    const QsNode *node,
                    const LptDq  *in)
{
  const char *transformation;
  gboolean broadcast = FALSE;

  if (qs_node_is_type (node, "BatchToSpace"))
    transformation = "BatchToSpaceTransformation";
  else if (qs_node_is_type (node, "SpaceToBatch"))
    transformation = "SpaceToBatchTransformation";
  else if (qs_node_is_type (node, "Slice"))
    transformation = "SliceTransformation";
  else if (qs_node_is_type (node, "Broadcast"))
    {
      transformation = "BroadcastTransformation";
      broadcast = TRUE;
    }
  else if (qs_node_is_type (node, "Tile"))
    {
      _qs_lpt_fp32 (ctx, node, "LPT has no TileTransformation in its pass list (low_precision.cpp), so the "
                    "Dequantize stays before Tile");
      return TRUE;
    }
  else
    return FALSE;

  if (in->shift != NULL)
    _qs_lpt_fp32 (ctx, node, "the Dequantize carries a folded bias; %s stays on float values", node->type);
  else if (!_qs_lpt_dq_per_tensor (in))
    _qs_lpt_fp32 (ctx, node, broadcast ? "%s: the Dequantize's constants are not scalar-like"
                                       : "%s: the Dequantize is per-channel (it needs it per tensor)", transformation);
  else
    {
      guint o;

      _qs_lpt_pass_codes (ctx, node, in);
      /* equal channels: one value, whatever the op did to the axes */
      for (o = 0; o < node->n_outputs; o++)
        {
          LptDq *out = _qs_lpt_tensor (ctx, &node->outputs[o]);
          out->n = 1;
          out->axis = -1;
        }
    }
  return TRUE;
}
