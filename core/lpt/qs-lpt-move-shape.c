/* qs-lpt-move-shape.c — the Dequantize through Pad, Gather, DepthToSpace,
 * ShuffleChannels, Interpolate, Split and VariadicSplit
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's ReshapeTransformation, Squeeze-, Unsqueeze-,
 * TransposeTransformation, StridedSliceTransformation, PadTransformation,
 * GatherTransformation,
 * DepthToSpaceTransformation, ShuffleChannelsTransformation,
 * InterpolateTransformation, SplitTransformation and
 * VariadicSplitTransformation (src/common/low_precision_transformations/
 * src/{pad,gather,depth_to_space,shuffle_channels,interpolate,split,
 * variadic_split}.cpp).  All are precision-preserved: the op runs on the
 * u8/i8 codes and the Dequantize follows it, its constants reshaped like the
 * data where they vary along an axis the op touches:
 *
 *   Pad            constant mode: the codes are padded with the pad value
 *                  itself, and the Dequantize's constants become per
 *                  element along the padded axis (zero point 0, scale 1
 *                  there), so a padded element means exactly the pad value.
 *                  That needs one padded axis when there is a zero point,
 *                  or when the pad value is not 0, and the constants may
 *                  vary only along it.  reflect: no per-channel constant
 *                  along a padded axis.  edge and symmetric: the constants
 *                  are padded like the data.  Negative pads: declined.
 *   Gather         scalar-like constants pass; otherwise the axis must be
 *                  a constant, and when the constants vary along the
 *                  gathered axis the indices must be a 0-D or 1-D constant
 *                  (the constants are gathered too).
 *   DepthToSpace   scalar-like constants only.
 *   ShuffleChannels  any; per-channel constants on the shuffled axis are
 *                  shuffled.
 *   Interpolate    mode nearest only, no pads, not align_corners (and for
 *                  Interpolate-1 no interpolation along axes 0 and 1).
 *   Reshape, Squeeze, Unsqueeze  per tensor; per channel when the new
 *                  shape keeps the channel axis (same size after as many
 *                  elements), which the record then follows, or merges it
 *                  with the axes after it into one (each channel's
 *                  constants repeated over its elements).
 *   Transpose      per tensor; per channel when the order starts {0, 1}
 *                  (the record follows its axis through the order).
 *   StridedSlice   any; per-channel constants are sliced with the data
 *                  along their axis (constant begin/end/strides), follow it
 *                  past new axes, and become per tensor when it is shrunk
 *                  (qscope declines an ellipsis mask).
 *   Split, VariadicSplit  any; constants that vary along the split axis
 *                  are split with the data, and each output's become per
 *                  tensor when equal ("toScalarIfPossible").
 *
 * A record with a shift (a folded bias) is not a Convert-Subtract-Multiply
 * Dequantize; it stays where it is.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-lpt-private.h"
#include "qs-pad.h"

/* The values of a Const input as integers, or NULL. */
static gint64 *
const_ints (const QsNode *node,
            guint         input,
            guint        *n)
{
  const QsNode *k = qs_input_const (node, input);
  g_autofree float *v = k != NULL ? qs_const_to_f32 (k, NULL) : NULL;
  gint64 *out;
  guint i;

  if (v == NULL)
    return NULL;
  *n = (guint) k->konst->n_elements;
  out = g_new (gint64, MAX (*n, 1));
  for (i = 0; i < *n; i++)
    out[i] = (gint64) v[i];
  return out;
}

/* Collapses a record whose channels are all equal to one value. */
static void
to_scalar_if_possible (LptDq *dq)
{
  if (dq->n > 1 && _qs_lpt_dq_per_tensor (dq))
    {
      dq->n = 1;
      dq->axis = -1;
    }
}

/* @out becomes @in's record along @axis of a tensor of rank @rank with @n
 * positions: position j takes @in's channel src[j] (0 when @in is per
 * tensor), or, when src[j] < 0, zero point 0 and scale @pad_scale (a
 * padded element: code 0 means real 0, and with scale 1 any code means
 * its own value). */
static void
remap_padded (LptDq         *out,
              const LptDq   *in,
              int            rank,
              int            axis,
              guint          n,
              const gint64  *src,
              double         pad_scale)
{
  guint j;

  _qs_lpt_dq_init (out, in->type, rank, axis, n);
  out->from_compute = in->from_compute;
  out->fq_per_channel = in->fq_per_channel;
  out->qmin = in->qmin;
  out->qmax = in->qmax;
  for (j = 0; j < n; j++)
    {
      if (src[j] < 0)
        {
          out->scale[j] = pad_scale;
          out->zp[j] = 0.0;
          continue;
        }
      out->scale[j] = in->scale[in->n > 1 ? src[j] : 0];
      out->zp[j] = in->zp[in->n > 1 ? src[j] : 0];
    }
  to_scalar_if_possible (out);
}

static void
remap (LptDq         *out,
       const LptDq   *in,
       int            rank,
       int            axis,
       guint          n,
       const gint64  *src)
{
  remap_padded (out, in, rank, axis, n, src, 1.0);
}

static void
move_pad (LptContext   *ctx,
          const QsNode *node,
          const LptDq  *in)
{
  const char *mode_s = qs_node_get_attr (node, "pad_mode");
  const QsShape *xs = &node->inputs[0].shape, *ys = &node->outputs[0].shape;
  g_autofree gint64 *pb = NULL, *pe = NULL;
  guint npb = 0, npe = 0, j;
  QsPadMode mode;
  int d, padded_axis = -1, n_padded = 0, axis;
  double value = 0.0;
  gboolean zp = _qs_lpt_dq_has_zero_point (in), per_channel = !_qs_lpt_dq_per_tensor (in);

  if (!qs_pad_mode_parse (mode_s, &mode))
    {
      _qs_lpt_fp32 (ctx, node, "PadTransformation: pad_mode “%s” is unknown", mode_s);
      return;
    }
  pb = const_ints (node, 1, &npb);
  pe = const_ints (node, 2, &npe);
  if (pb == NULL || pe == NULL || node->n_outputs != 1)
    {
      _qs_lpt_fp32 (ctx, node, "PadTransformation: pads_begin and pads_end are not constants");
      return;
    }
  if (xs->rank < 0 || (int) npb != xs->rank || (int) npe != xs->rank || ys->rank != xs->rank)
    {
      _qs_lpt_fp32 (ctx, node, "PadTransformation: the input rank is not static");
      return;
    }
  for (d = 0; d < xs->rank; d++)
    {
      if (pb[d] < 0 || pe[d] < 0)
        {
          _qs_lpt_fp32 (ctx, node, "PadTransformation: negative pads (it declines them)");
          return;
        }
      if (pb[d] != 0 || pe[d] != 0)
        {
          n_padded++;
          padded_axis = d;
        }
    }
  if (mode == QS_PAD_CONSTANT && node->n_inputs > 3)
    {
      const QsNode *k = qs_input_const (node, 3);
      g_autofree float *v = k != NULL ? qs_const_to_f32 (k, NULL) : NULL;
      if (v == NULL || k->konst->n_elements < 1)
        {
          _qs_lpt_fp32 (ctx, node, "PadTransformation: the pad value is not a constant");
          return;
        }
      value = v[0];
    }
  axis = per_channel ? in->axis : padded_axis;
  if (mode == QS_PAD_CONSTANT && (zp || value != 0.0))
    {
      /* padAndDqByTheSameDimension, for the Subtract and (pad value not 0)
       * the Multiply */
      if (n_padded > 1)
        {
          _qs_lpt_fp32 (ctx, node, "PadTransformation: the Dequantize has %s and the pads are on %d axes; it needs "
                        "them on one", zp ? "a zero point" : "a pad value that is not 0 to carry", n_padded);
          return;
        }
      if (per_channel && n_padded == 1 && in->axis != padded_axis)
        {
          _qs_lpt_fp32 (ctx, node, "PadTransformation: the per-channel Dequantize varies along axis %d, not along "
                        "the padded axis %d", in->axis, padded_axis);
          return;
        }
    }
  if (mode == QS_PAD_REFLECT && per_channel && (pb[in->axis] != 0 || pe[in->axis] != 0))
    {
      _qs_lpt_fp32 (ctx, node, "PadTransformation: reflect mode pads the per-channel Dequantize's axis %d",
                    in->axis);
      return;
    }
  if (mode == QS_PAD_CONSTANT && (value != nearbyint (value) || value < in->qmin || value > in->qmax))
    {
      _qs_lpt_fp32 (ctx, node, "qscope: the pad value %g is not a %s code, so padding the codes with it is not "
                    "exact; it stays float (OpenVINO's PadTransformation converts it to %s)", value,
                    qs_element_type_name (in->type), qs_element_type_name (in->type));
      return;
    }

  /* the record, along the axis where it varies or is padded */
  if (axis < 0 || (mode == QS_PAD_CONSTANT && !zp && value == 0.0 && !per_channel) ||
      (pb[axis] == 0 && pe[axis] == 0))
    {
      _qs_lpt_pass_codes (ctx, node, in);
      return;
    }
  if (!qs_shape_is_static (ys) || !qs_shape_is_static (xs))
    {
      _qs_lpt_fp32 (ctx, node, "PadTransformation: the padded axis %d is not static", axis);
      return;
    }
  {
    guint n = (guint) ys->dims[axis];
    g_autofree gint64 *src = g_new (gint64, MAX (n, 1));
    LptDq *out = _qs_lpt_tensor (ctx, &node->outputs[0]);

    gboolean one_scale = TRUE;

    for (j = 1; j < in->n; j++)
      one_scale &= in->scale[j] == in->scale[0];
    for (j = 0; j < n; j++)
      src[j] = qs_pad_source (j, pb[axis], xs->dims[axis], mode);
    /* a scale that does not vary stays as it is with pad value 0; one
     * that varies along the axis, or a pad value not 0, gets 1 there */
    remap_padded (out, in, ys->rank, axis, n, src, one_scale && value == 0.0 ? in->scale[0] : 1.0);
    _qs_lpt_mark_codes (ctx, node);
  }
}

static void
move_gather (LptContext   *ctx,
             const QsNode *node,
             const LptDq  *in)
{
  g_autofree gint64 *axv = NULL, *idx = NULL;
  guint nax = 0, nidx = 0, j;
  gint64 ga, batch = 0;
  const QsShape *xs = &node->inputs[0].shape;
  int irank, axis;
  LptDq *out;

  if (_qs_lpt_dq_per_tensor (in))
    {
      _qs_lpt_pass_codes (ctx, node, in);
      return;
    }
  axv = node->n_inputs > 2 ? const_ints (node, 2, &nax) : NULL;
  if (axv == NULL || nax != 1)
    {
      _qs_lpt_fp32 (ctx, node, "GatherTransformation: the Dequantize is per-channel and the axis is not a constant");
      return;
    }
  if (xs->rank < 0)
    {
      _qs_lpt_fp32 (ctx, node, "GatherTransformation: the Dequantize is per-channel and the input rank is dynamic");
      return;
    }
  ga = axv[0] < 0 ? axv[0] + xs->rank : axv[0];
  qs_node_get_int (node, "batch_dims", 0, &batch, NULL);
  irank = node->inputs[1].shape.rank;
  if (ga != in->axis)
    {
      /* the channel axis moves by the rank the indices add */
      if (irank < 0 || batch < 0)
        {
          _qs_lpt_fp32 (ctx, node, "qscope: the indices' rank is dynamic, so the per-channel Dequantize's axis after "
                        "Gather is unknown");
          return;
        }
      axis = in->axis < ga ? in->axis : in->axis + irank - (int) batch - 1;
      out = _qs_lpt_tensor (ctx, &node->outputs[0]);
      _qs_lpt_dq_copy (out, in);
      out->rank = node->outputs[0].shape.rank;
      out->axis = axis;
      _qs_lpt_mark_codes (ctx, node);
      return;
    }
  idx = const_ints (node, 1, &nidx);
  if (idx == NULL || irank > 1 || nidx == 0)
    {
      _qs_lpt_fp32 (ctx, node, "GatherTransformation: the per-channel Dequantize varies along the gathered axis and "
                    "the indices are not a 0-D or 1-D constant");
      return;
    }
  if (batch != 0)
    {
      _qs_lpt_fp32 (ctx, node, "qscope: gathering the per-channel Dequantize's own axis with batch_dims %"
                    G_GINT64_FORMAT " is not handled; it stays float", batch);
      return;
    }
  for (j = 0; j < nidx; j++)
    {
      if (idx[j] < 0)
        idx[j] += in->n;
      if (idx[j] < 0 || idx[j] >= (gint64) in->n)
        {
          _qs_lpt_fp32 (ctx, node, "Gather index %" G_GINT64_FORMAT " is outside the %u channels", idx[j], in->n);
          return;
        }
    }
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  remap (out, in, node->outputs[0].shape.rank, irank == 0 ? -1 : (int) ga, irank == 0 ? 1 : nidx, idx);
  _qs_lpt_mark_codes (ctx, node);
}

static void
move_shuffle (LptContext   *ctx,
              const QsNode *node,
              const LptDq  *in)
{
  gint64 axis = 1, group = 1;
  const QsShape *xs = &node->inputs[0].shape;
  g_autofree gint64 *src = NULL;
  guint c, per;

  qs_node_get_int (node, "axis", 1, &axis, NULL);
  qs_node_get_int (node, "group", 1, &group, NULL);
  if (_qs_lpt_dq_per_tensor (in))
    {
      _qs_lpt_pass_codes (ctx, node, in);
      return;
    }
  if (xs->rank < 0 && axis < 0)
    {
      _qs_lpt_fp32 (ctx, node, "ShuffleChannelsTransformation: the Dequantize is per-channel and a negative axis "
                    "cannot be normalized on a dynamic rank");
      return;
    }
  if (axis < 0)
    axis += xs->rank;
  if (axis != in->axis)
    {
      _qs_lpt_pass_codes (ctx, node, in);
      return;
    }
  if (group < 1 || in->n % group != 0)
    {
      _qs_lpt_fp32 (ctx, node, "ShuffleChannels group %" G_GINT64_FORMAT " does not divide the %u channels", group, in->n);
      return;
    }
  /* [group, C / group] transposed: output channel i * group + g reads input g * (C / group) + i */
  per = in->n / (guint) group;
  src = g_new (gint64, in->n);
  for (c = 0; c < in->n; c++)
    src[c] = (gint64) (c % group) * per + c / group;
  remap (_qs_lpt_tensor (ctx, &node->outputs[0]), in, node->outputs[0].shape.rank, (int) axis, in->n, src);
  _qs_lpt_mark_codes (ctx, node);
}

static gboolean
all_zero (const QsNode *node,
          const char   *attr)
{
  g_autoptr(GArray) v = qs_node_get_int_list (node, attr, NULL);
  guint i;

  for (i = 0; v != NULL && i < v->len; i++)
    if (g_array_index (v, gint64, i) != 0)
      return FALSE;
  return TRUE;
}

static void
move_interpolate (LptContext   *ctx,
                  const QsNode *node,
                  const LptDq  *in)
{
  const char *mode = qs_node_get_attr (node, "mode");
  int version = qs_node_opset (node);
  const QsShape *xs = &node->inputs[0].shape, *ys = &node->outputs[0].shape;

  if (g_strcmp0 (mode, "nearest") != 0)
    {
      _qs_lpt_fp32 (ctx, node, "InterpolateTransformation: mode is %s, not nearest", mode != NULL ? mode : "?");
      return;
    }
  if (!all_zero (node, "pads_begin") || !all_zero (node, "pads_end"))
    {
      _qs_lpt_fp32 (ctx, node, "InterpolateTransformation: the pads are not 0");
      return;
    }
  if (version < 4)
    {
      g_autoptr(GArray) axes = qs_node_get_int_list (node, "axes", NULL);
      gboolean ac = FALSE;
      guint i;
      qs_node_get_bool (node, "align_corners", FALSE, &ac, NULL);
      if (ac)
        {
          _qs_lpt_fp32 (ctx, node, "InterpolateTransformation: align_corners is set");
          return;
        }
      for (i = 0; axes != NULL && i < axes->len; i++)
        if (g_array_index (axes, gint64, i) == 0 || g_array_index (axes, gint64, i) == 1)
          {
            _qs_lpt_fp32 (ctx, node, "InterpolateTransformation: Interpolate-1 interpolates axis %" G_GINT64_FORMAT,
                          g_array_index (axes, gint64, i));
            return;
          }
    }
  else if (g_strcmp0 (qs_node_get_attr (node, "coordinate_transformation_mode"), "align_corners") == 0)
    {
      _qs_lpt_fp32 (ctx, node, "InterpolateTransformation: coordinate_transformation_mode is align_corners");
      return;
    }
  if (!_qs_lpt_dq_per_tensor (in) &&
      (xs->rank != ys->rank || in->axis >= xs->rank || xs->dims[in->axis] != ys->dims[in->axis] ||
       xs->dims[in->axis] < 0))
    {
      _qs_lpt_fp32 (ctx, node, "qscope: the per-channel Dequantize's axis %d is resized (or not known to be kept); "
                    "it stays float", in->axis);
      return;
    }
  _qs_lpt_pass_codes (ctx, node, in);
}

static void
move_split (LptContext   *ctx,
            const QsNode *node,
            const LptDq  *in)
{
  g_autofree gint64 *axv = NULL;
  guint nax = 0, o, j;
  gint64 axis, start = 0;
  int rank = node->inputs[0].shape.rank;

  if (rank < 0)
    {
      _qs_lpt_fp32 (ctx, node, "%sTransformation: the input rank is dynamic", node->type);
      return;
    }
  if (_qs_lpt_dq_per_tensor (in))
    {
      _qs_lpt_pass_codes (ctx, node, in);
      return;
    }
  axv = const_ints (node, 1, &nax);
  if (axv == NULL || nax != 1)
    {
      _qs_lpt_fp32 (ctx, node, "%sTransformation: the axis is not a constant", node->type);
      return;
    }
  axis = axv[0] < 0 ? axv[0] + rank : axv[0];
  if (axis != in->axis)
    {
      _qs_lpt_pass_codes (ctx, node, in);
      return;
    }
  /* the constants are split like the data: each output its own channels */
  for (o = 0; o < node->n_outputs; o++)
    {
      const QsShape *s = &node->outputs[o].shape;
      if (s->rank != rank || s->dims[axis] < 0)
        {
          _qs_lpt_fp32 (ctx, node, "qscope: output %u's size along the split axis is not static", o);
          return;
        }
    }
  for (o = 0; o < node->n_outputs; o++)
    {
      guint n = (guint) node->outputs[o].shape.dims[axis];
      g_autofree gint64 *src = g_new (gint64, MAX (n, 1));
      LptDq *out = _qs_lpt_tensor (ctx, &node->outputs[o]);

      if (start + n > in->n)
        {
          for (j = 0; j < o; j++)
            _qs_lpt_dq_clear (_qs_lpt_tensor (ctx, &node->outputs[j]));
          _qs_lpt_fp32 (ctx, node, "%s outputs hold more than the %u channels", node->type, in->n);
          return;
        }
      for (j = 0; j < n; j++)
        src[j] = start + j;
      remap (out, in, rank, (int) axis, MAX (n, 1), src);
      start += n;
    }
  _qs_lpt_mark_codes (ctx, node);
}

/* Reshape, Squeeze, Unsqueeze with a per-channel record: the channel axis
 * is kept when the new shape has a dimension of the same size after the
 * same number of elements (ReshapeTransformation, Squeeze-,
 * UnsqueezeTransformation reshape the constants then); the record moves to
 * that axis. */
static void
move_reshape (LptContext   *ctx,
              const QsNode *node,
              const LptDq  *in)
{
  const QsShape *xs = &node->inputs[0].shape, *ys = &node->outputs[0].shape;
  gint64 before = 1, acc = 1;
  int d, axis = -1;
  LptDq *out;

  if (!qs_shape_is_static (xs) || !qs_shape_is_static (ys) || in->axis < 0 || in->axis >= xs->rank)
    {
      _qs_lpt_fp32 (ctx, node, "%sTransformation: the Dequantize is per-channel and the shapes are not static",
                    node->type);
      return;
    }
  if (in->axis == 1 && (ys->rank < 2 || ys->dims[0] != xs->dims[0]))
    {
      _qs_lpt_fp32 (ctx, node, "%sTransformation: the Dequantize is per-channel and the new shape changes the batch "
                    "axis", node->type);
      return;
    }
  for (d = 0; d < in->axis; d++)
    before *= xs->dims[d];
  for (d = 0; d < ys->rank; d++)
    {
      if (acc == before && ys->dims[d] == xs->dims[in->axis])
        {
          axis = d;
          break;
        }
      acc *= ys->dims[d];
      if (acc > before)
        break;
    }
  if (axis < 0)
    {
      /* ReshapeTransformation on constants along axis 1: the batch kept and
       * output axis 1 a multiple of the channels (the channel axis merged
       * with what follows it, 4D → [N, C·H·W], [1,3,2,3] → [1,18,1,1,1]):
       * each channel's constants repeat over its output channels */
      if (in->axis == 1 && ys->rank >= 2 && ys->dims[0] == xs->dims[0] && ys->dims[1] > xs->dims[1] &&
          ys->dims[1] % xs->dims[1] == 0)
        {
          guint n = (guint) ys->dims[1], j;
          guint per = (guint) (ys->dims[1] / xs->dims[1]);
          g_autofree gint64 *src = g_new (gint64, MAX (n, 1));
          for (j = 0; j < n; j++)
            src[j] = j / per;
          remap (_qs_lpt_tensor (ctx, &node->outputs[0]), in, ys->rank, 1, n, src);
          _qs_lpt_mark_codes (ctx, node);
          return;
        }
      _qs_lpt_fp32 (ctx, node, "%sTransformation: the per-channel Dequantize's channel axis %d is not kept by the "
                    "new shape", node->type, in->axis);
      return;
    }
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_copy (out, in);
  out->rank = ys->rank;
  out->axis = axis;
  _qs_lpt_mark_codes (ctx, node);
}

/* Transpose with a per-channel record: the constants are transposed too
 * (TransposeTransformation); the record moves to where the permutation
 * puts its axis. */
static void
move_transpose (LptContext   *ctx,
                const QsNode *node,
                const LptDq  *in)
{
  g_autofree gint64 *perm = NULL;
  guint n = 0, j;
  LptDq *out;

  perm = const_ints (node, 1, &n);
  if (perm == NULL || (int) n != node->outputs[0].shape.rank)
    {
      _qs_lpt_fp32 (ctx, node, "TransposeTransformation: the Dequantize is per-channel and the order is not a "
                    "constant");
      return;
    }
  /* TransposeTransformation::canBeTransformed: constants that are not
   * scalar-like need an order starting {0, 1} */
  if (n < 2 || perm[0] != 0 || perm[1] != 1)
    {
      _qs_lpt_fp32 (ctx, node, "TransposeTransformation: the Dequantize is per-channel and the order does not keep "
                    "axes 0 and 1 in place");
      return;
    }
  for (j = 0; j < n; j++)
    if (perm[j] == in->axis)
      break;
  if (j == n)
    {
      _qs_lpt_fp32 (ctx, node, "Transpose order does not name axis %d", in->axis);
      return;
    }
  out = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_copy (out, in);
  out->rank = (int) n;
  out->axis = (int) j;
  _qs_lpt_mark_codes (ctx, node);
}

/* StridedSlice with a per-channel record: the constants are sliced like
 * the data along the channel axis (StridedSliceTransformation), follow it
 * past new axes, and a shrunk channel axis leaves one channel's constants;
 * qscope declines an ellipsis mask. */
static gboolean
mask_set (const QsNode *node,
          const char   *attr)
{
  g_autoptr(GArray) v = qs_node_get_int_list (node, attr, NULL);
  guint i;

  for (i = 0; v != NULL && i < v->len; i++)
    if (g_array_index (v, gint64, i) != 0)
      return TRUE;
  return FALSE;
}

static gboolean
mask_at (const QsNode *node,
         const char   *attr,
         int           axis)
{
  g_autoptr(GArray) v = qs_node_get_int_list (node, attr, NULL);

  return v != NULL && (guint) axis < v->len && g_array_index (v, gint64, axis) != 0;
}

static void
move_strided_slice (LptContext   *ctx,
                    const QsNode *node,
                    const LptDq  *in)
{
  const QsShape *xs = &node->inputs[0].shape, *ys = &node->outputs[0].shape;
  g_autofree gint64 *b = NULL, *e = NULL, *st = NULL, *src = NULL;
  guint nb = 0, ne = 0, ns = 0, j;
  gint64 dim, begin, end, step, n;
  int a = in->axis, i, x = 0, y = 0, spec = -1, oa = -1;

  b = const_ints (node, 1, &nb);
  e = const_ints (node, 2, &ne);
  st = node->n_inputs > 3 ? const_ints (node, 3, &ns) : NULL;
  if (xs->rank < 0 || ys->rank < 0 || a >= xs->rank || xs->dims[a] < 0 || b == NULL || e == NULL ||
      mask_set (node, "ellipsis_mask"))
    {
      _qs_lpt_fp32 (ctx, node, "qscope: the StridedSlice has a dynamic rank, a dynamic channel axis, begin or end "
                    "not constant, or an ellipsis mask under the per-channel Dequantize's axis %d; it stays float "
                    "(OpenVINO's StridedSliceTransformation slices the constants too)", a);
      return;
    }
  /* which entry of begin/end acts on input axis @a, and where it lands in
   * the output: a new-axis entry adds an output axis and takes no input
   * axis, a shrink entry takes one and adds none */
  for (i = 0; i < (int) nb && x <= a; i++)
    {
      if (mask_at (node, "new_axis_mask", i))
        {
          y++;
          continue;
        }
      if (x == a)
        {
          spec = i;
          oa = mask_at (node, "shrink_axis_mask", i) ? -1 : y;
        }
      if (!mask_at (node, "shrink_axis_mask", i))
        y++;
      x++;
    }
  if (spec < 0)
    oa = y + (a - x);   /* past the entries: the axis is kept whole */
  dim = xs->dims[a];
  step = spec >= 0 && st != NULL && (guint) spec < ns ? st[spec] : 1;
  if (step == 0)
    {
      _qs_lpt_fp32 (ctx, node, "StridedSlice stride 0 on axis %d", a);
      return;
    }
  begin = spec >= 0 && (guint) spec < nb && !mask_at (node, "begin_mask", spec) ? b[spec] : (step > 0 ? 0 : dim - 1);
  end = spec >= 0 && (guint) spec < ne && !mask_at (node, "end_mask", spec) ? e[spec] : (step > 0 ? dim : -dim - 1);
  if (begin < 0)
    begin += dim;
  if (oa < 0)
    {
      /* shrunk: one channel, its constants per tensor */
      gint64 one;
      if (begin < 0 || begin >= dim)
        {
          _qs_lpt_fp32 (ctx, node, "StridedSlice shrinks axis %d at %" G_GINT64_FORMAT ", outside its %" G_GINT64_FORMAT
                        " channels", a, begin, dim);
          return;
        }
      one = begin;
      remap (_qs_lpt_tensor (ctx, &node->outputs[0]), in, ys->rank, -1, 1, &one);
      _qs_lpt_mark_codes (ctx, node);
      return;
    }
  if (oa >= ys->rank || ys->dims[oa] < 0)
    {
      _qs_lpt_fp32 (ctx, node, "qscope: the StridedSlice's output axis for the per-channel Dequantize's axis %d is "
                    "not static; it stays float", a);
      return;
    }
  if (end < 0)
    end += dim;
  begin = step > 0 ? CLAMP (begin, 0, dim) : CLAMP (begin, -1, dim - 1);
  end = step > 0 ? CLAMP (end, 0, dim) : CLAMP (end, -1, dim - 1);
  n = ys->dims[oa];
  src = g_new (gint64, MAX (n, 1));
  for (j = 0; j < (guint) n; j++)
    {
      src[j] = begin + (gint64) j * step;
      if (src[j] < 0 || src[j] >= dim || (step > 0 ? src[j] >= end : src[j] <= end))
        {
          _qs_lpt_fp32 (ctx, node, "qscope: the StridedSlice's output along the per-channel Dequantize's axis %d does "
                        "not match its begin, end and strides; it stays float", a);
          return;
        }
    }
  remap (_qs_lpt_tensor (ctx, &node->outputs[0]), in, ys->rank, oa, (guint) MAX (n, 1), src);
  _qs_lpt_mark_codes (ctx, node);
}

gboolean
_qs_lpt_move_shape (LptContext   *ctx,
                    const QsNode *node,
                    const LptDq  *in)
{
  gboolean pad = qs_node_is_type (node, "Pad"), gather = qs_node_is_type (node, "Gather");
  gboolean d2s = qs_node_is_type (node, "DepthToSpace"), shuffle = qs_node_is_type (node, "ShuffleChannels");
  gboolean interp = qs_node_is_type (node, "Interpolate");
  gboolean split = qs_node_is_type (node, "Split") || qs_node_is_type (node, "VariadicSplit");
  gboolean reshape = qs_node_is_type (node, "Reshape") || qs_node_is_type (node, "Squeeze") ||
                     qs_node_is_type (node, "Unsqueeze");
  gboolean transpose = qs_node_is_type (node, "Transpose"), slice = qs_node_is_type (node, "StridedSlice");

  if (!pad && !gather && !d2s && !shuffle && !interp && !split && !reshape && !transpose && !slice)
    return FALSE;
  if (in->shift != NULL)
    {
      _qs_lpt_fp32 (ctx, node, "the Dequantize carries a folded bias; %s stays on float values", node->type);
      return TRUE;
    }
  if ((reshape || transpose || slice) && _qs_lpt_dq_per_tensor (in))
    _qs_lpt_pass_codes (ctx, node, in);
  else if (reshape)
    move_reshape (ctx, node, in);
  else if (transpose)
    move_transpose (ctx, node, in);
  else if (slice)
    move_strided_slice (ctx, node, in);
  else if (pad)
    move_pad (ctx, node, in);
  else if (gather)
    move_gather (ctx, node, in);
  else if (d2s)
    {
      if (!_qs_lpt_dq_per_tensor (in))
        _qs_lpt_fp32 (ctx, node, "DepthToSpaceTransformation: the Dequantize is per-channel (its constants are not "
                      "scalar-like)");
      else
        _qs_lpt_pass_codes (ctx, node, in);
    }
  else if (shuffle)
    move_shuffle (ctx, node, in);
  else if (interp)
    move_interpolate (ctx, node, in);
  else
    move_split (ctx, node, in);
  return TRUE;
}
