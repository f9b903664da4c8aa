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
 *   Broadcast      per tensor; per channel when the channel axis is static
 *                  and keeps its size in the output, and (explicit mode)
 *                  axes_mapping maps it to itself.  qscope also needs the
 *                  rank kept for a per-channel one (the record's axis).
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

/* Broadcast with a per-channel record */
static void
move_broadcast (LptContext   *ctx,
                const QsNode *node,
                const LptDq  *in)
{
  const QsShape *xs = &node->inputs[0].shape, *ys = &node->outputs[0].shape;
  const char *mode = qs_node_get_attr (node, "mode");
  LptDq *out;

  if (xs->rank < 0 || in->axis < 0 || in->axis >= xs->rank || xs->dims[in->axis] < 0)
    {
      _qs_lpt_fp32 (ctx, node, "BroadcastTransformation: the Dequantize is per-channel and its channel axis is "
                    "dynamic");
      return;
    }
  if (ys->rank != xs->rank)
    {
      _qs_lpt_fp32 (ctx, node, "qscope: the Broadcast changes the rank under a per-channel Dequantize; it stays "
                    "float (OpenVINO's BroadcastTransformation compares the channel axis by position)");
      return;
    }
  if (ys->dims[in->axis] != xs->dims[in->axis])
    {
      _qs_lpt_fp32 (ctx, node, "BroadcastTransformation: the per-channel Dequantize's channel axis %d is "
                    "broadcast", in->axis);
      return;
    }
  if (g_strcmp0 (mode, "explicit") == 0 && node->n_inputs > 2)
    {
      const QsNode *k = qs_input_const (node, 2);
      g_autofree float *v = k != NULL ? qs_const_to_f32 (k, NULL) : NULL;
      if (v == NULL || (guint64) in->axis >= k->konst->n_elements || (int) v[in->axis] != in->axis)
        {
          _qs_lpt_fp32 (ctx, node, "BroadcastTransformation: axes_mapping does not map the per-channel Dequantize's "
                        "axis %d to itself", in->axis);
          return;
        }
    }
  _qs_lpt_pass_codes (ctx, node, in);
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  out->axis = in->axis;
}

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
  else if (broadcast && !_qs_lpt_dq_per_tensor (in))
    move_broadcast (ctx, node, in);
  else if (!_qs_lpt_dq_per_tensor (in))
    _qs_lpt_fp32 (ctx, node, "%s: the Dequantize is per-channel (it needs it per tensor)", transformation);
  else
    {
      guint o;

      /* per tensor */
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
