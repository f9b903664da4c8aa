/* qs-lpt-move-f32.c — the Dequantize through ops that are not
 * precision-preserved: Clamp, PRelu, ReduceMean, ReduceSum, MVN, NormalizeL2
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's ClampTransformation, PReluTransformation,
 * ReduceMeanTransformation, ReduceSumTransformation (ReduceBaseTransformation),
 * MVNTransformation and NormalizeL2Transformation (src/common/
 * low_precision_transformations/src/{clamp,prelu,reduce_base_transformation,
 * reduce_mean,reduce_sum,mvn,normalize_l2}.cpp).  Each moves the Dequantize
 * after the op, which then reads the u8/i8 codes, but none is
 * precision-preserved: the op's output is f32 (Clamp: bounds divided by the
 * scale; ReduceSum: zero point times the reduced count; MVN and NormalizeL2
 * with a normalized variance: only the scale's sign stays).  A layer after
 * it therefore runs in int8 only behind a FakeQuantize of its own.
 *
 * Conditions (declined otherwise):
 *   Clamp        scalar-like scale; a zero point only scalar-like.
 *   PRelu        no zero point, no negative scale.
 *   ReduceMean, ReduceSum  constant axes; the constants do not vary along a
 *                reduced axis.
 *   MVN          no zero point; reducing axis 1 needs every spatial axis
 *                reduced too and a scalar-like scale.
 *   NormalizeL2  no zero point; axes [1] or [1,2,3]; scalar-like scale.
 *
 * The result is the same as computing the op on the dequantized values,
 * which is what qscope does: such a layer is fp32 here, with the reason.
 */
#include "config.h"

#include "qs-lpt-private.h"

/* The constant axes of input 1, normalized; NULL when not a constant.
 * Axes computed from Consts only (Range over a ShapeOf, say) are a
 * constant for OpenVINO, which folds them before LPT: with keep_dims and
 * static shapes they are the axes whose size changes. */
static GArray *
const_axes (const QsNode *node,
            int           rank)
{
  const QsNode *k = node->n_inputs > 1 ? qs_input_const (node, 1) : NULL;
  g_autofree float *v = k != NULL ? qs_const_to_f32 (k, NULL) : NULL;
  const QsNode *src = node->n_inputs > 1 ? qs_node_input_node (node, 1) : NULL;
  GArray *axes;
  guint64 i;

  if (v == NULL && rank >= 0 && src != NULL && qs_node_is_constant_path (src) &&
      node->n_outputs == 1 && node->outputs[0].shape.rank == rank &&
      qs_shape_is_static (&node->inputs[0].shape) && qs_shape_is_static (&node->outputs[0].shape))
    {
      int d;
      axes = g_array_new (FALSE, FALSE, sizeof (int));
      for (d = 0; d < rank; d++)
        if (node->inputs[0].shape.dims[d] != node->outputs[0].shape.dims[d])
          g_array_append_val (axes, d);
      return axes;
    }
  if (v == NULL || rank < 0)
    return NULL;
  axes = g_array_new (FALSE, FALSE, sizeof (int));
  for (i = 0; i < k->konst->n_elements; i++)
    {
      int a = (int) v[i];
      if (a < 0)
        a += rank;
      g_array_append_val (axes, a);
    }
  return axes;
}

static gboolean
axes_contain (GArray *axes,
              int     axis)
{
  guint i;

  for (i = 0; axes != NULL && i < axes->len; i++)
    if (g_array_index (axes, int, i) == axis)
      return TRUE;
  return FALSE;
}

static const char *
decline_reason (const QsNode *node,
                const LptDq  *in,
                const char  **transformation)
{
  int rank = node->inputs[0].shape.rank;
  gboolean per_tensor = _qs_lpt_dq_per_tensor (in);
  guint c;

  if (qs_node_is_type (node, "Clamp"))
    {
      *transformation = "ClampTransformation";
      if (!per_tensor)
        return _qs_lpt_dq_has_zero_point (in) ? "the per-channel zero point is not scalar-like"
                                   : "the Dequantize's scale is not scalar-like";
      return NULL;
    }
  if (qs_node_is_type (node, "PReLU") || qs_node_is_type (node, "PRelu"))
    {
      *transformation = "PReluTransformation";
      if (_qs_lpt_dq_has_zero_point (in))
        return "the Dequantize has a zero point (Subtract)";
      for (c = 0; c < in->n; c++)
        if (in->scale[c] < 0)
          return "a Dequantize scale is negative";
      return NULL;
    }
  if (qs_node_is_type (node, "ReduceMean") || qs_node_is_type (node, "ReduceSum"))
    {
      g_autoptr(GArray) axes = const_axes (node, rank);
      *transformation = qs_node_is_type (node, "ReduceMean") ? "ReduceMeanTransformation" : "ReduceSumTransformation";
      if (axes == NULL)
        return "the axes are not a constant, or the rank is dynamic";
      if (!per_tensor && axes_contain (axes, in->axis))
        return "the per-channel Dequantize varies along a reduced axis";
      if (qs_node_is_type (node, "ReduceSum") && _qs_lpt_dq_has_zero_point (in))
        {
          guint i;
          for (i = 0; i < axes->len; i++)
            if (g_array_index (axes, int, i) >= rank || node->inputs[0].shape.dims[g_array_index (axes, int, i)] < 0)
              return "a reduced axis is dynamic and the zero point must be multiplied by the reduced count";
        }
      return NULL;
    }
  if (qs_node_is_type (node, "MVN"))
    {
      g_autoptr(GArray) axes = NULL;
      gboolean across = FALSE;
      int i;
      *transformation = "MVNTransformation";
      if (_qs_lpt_dq_has_zero_point (in))
        return "the Dequantize has a zero point (Subtract)";
      if (qs_node_opset (node) >= 6)
        {
          axes = const_axes (node, rank);
          if (axes == NULL)
            return "the axes are not a constant, or the rank is dynamic";
        }
      else
        {
          qs_node_get_bool (node, "across_channels", FALSE, &across, NULL);
          axes = g_array_new (FALSE, FALSE, sizeof (int));
          for (i = across ? 1 : 2; i < rank; i++)
            g_array_append_val (axes, i);
        }
      if (!axes_contain (axes, 1))
        return NULL;
      if (rank < 0)
        return "the rank is dynamic";
      for (i = 2; i < rank; i++)
        if (!axes_contain (axes, i))
          return "it reduces the channel axis but not every spatial axis";
      if (!per_tensor)
        return "it reduces the channel axis and the Dequantize's scale is not scalar-like";
      return NULL;
    }
  if (qs_node_is_type (node, "NormalizeL2"))
    {
      g_autoptr(GArray) axes = const_axes (node, rank);
      *transformation = "NormalizeL2Transformation";
      if (_qs_lpt_dq_has_zero_point (in))
        return "the Dequantize has a zero point (Subtract)";
      if (axes == NULL)
        return "the axes are not a constant";
      if (!((axes->len == 1 && g_array_index (axes, int, 0) == 1) ||
            (axes->len == 3 && g_array_index (axes, int, 0) == 1 && g_array_index (axes, int, 1) == 2 &&
             g_array_index (axes, int, 2) == 3)))
        return "the axes are neither [1] nor [1,2,3]";
      if (!per_tensor)
        return "the Dequantize's scale is not scalar-like";
      return NULL;
    }
  *transformation = NULL;
  return NULL;
}

gboolean
_qs_lpt_move_f32 (LptContext   *ctx,
                  const QsNode *node,
                  const LptDq  *in)
{
  const char *transformation = NULL;
  const char *why = decline_reason (node, in, &transformation);

  if (transformation == NULL)
    return FALSE;
  if (in->shift != NULL)
    why = "the Dequantize carries a folded bias";
  if (why != NULL)
    {
      _qs_lpt_fp32 (ctx, node, "%s: %s; the Dequantize stays before it", transformation, why);
      return TRUE;
    }
  _qs_lpt_fp32 (ctx, node, "%s moves the Dequantize after it: %s reads the codes but gives f32 (not "
                "precision-preserved), so a layer after it needs a FakeQuantize of its own to run in int8",
                transformation, node->type);
  _qs_lpt_node (ctx, node)->moved_f32 = transformation;
  return TRUE;
}
