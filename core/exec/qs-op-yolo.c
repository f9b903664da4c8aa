/* qs-op-yolo.c — the YOLO heads: RegionYolo and ReorgYolo
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * RegionYolo works on [N, C, H, W] data laid out as regions of (coords +
 * classes + 1) channel planes each: x, y, w, h (coords), objectness, class
 * scores.  YOLOv2 (do_softmax) keeps all channels, squashes x, y and the
 * objectness with a sigmoid and takes a softmax over the class planes of
 * each region; YOLOv3 (no softmax) keeps the regions of the mask only and
 * squashes x, y, the objectness and the class scores.  ReorgYolo is
 * darknet's reorg: the data is read as if it were [N, C/s², H·s, W·s] and
 * written as [N, C·s², H/s, W/s].
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

static inline float
sigmoid (float x)
{
  return 1.f / (1.f + expf (-x));
}

/* ---- RegionYolo-1 ---- */

static gboolean
op_region_yolo (QsOpCtx *ctx,
                GError **error)
{
  QsTensor *x;
  gint64 coords, classes, num, axis_attr, end_attr, dims[QS_TENSOR_MAX_RANK];
  gboolean softmax;
  g_autoptr(GArray) mask = NULL;
  gsize hw, region, n_regions, b, n, i, c, batch_in, batch_out;
  int axis, end_axis, d, r = 0;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_int (ctx->node, "coords", 4, &coords, error)
      || !qs_node_get_int (ctx->node, "classes", 0, &classes, error)
      || !qs_node_get_int (ctx->node, "num", 1, &num, error)
      || !qs_node_get_bool (ctx->node, "do_softmax", TRUE, &softmax, error)
      || !qs_node_get_int (ctx->node, "axis", 1, &axis_attr, error)
      || !qs_node_get_int (ctx->node, "end_axis", 3, &end_attr, error))
    return FALSE;
  if (x->type != QS_ELEMENT_F32 || x->rank != 4)
    return _qs_op_fail (error, "needs 4-D float data (it has rank %d)", x->rank);
  if (coords < 0 || classes < 0 || num < 1)
    return _qs_op_fail (error, "coords %" G_GINT64_FORMAT ", classes %" G_GINT64_FORMAT " and num %" G_GINT64_FORMAT
                        " must not be negative (num at least 1)", coords, classes, num);
  mask = qs_node_get_int_list (ctx->node, "mask", NULL);
  hw = (gsize) (x->dims[2] * x->dims[3]);
  region = (gsize) (coords + classes + 1) * hw;
  if (softmax)
    n_regions = (gsize) num;
  else
    {
      if (mask == NULL || mask->len == 0)
        return _qs_op_fail (error, "mask is missing (do_softmax is false)");
      n_regions = mask->len;
    }
  batch_in = (gsize) (x->dims[1] * x->dims[2] * x->dims[3]);
  if (n_regions * region > batch_in)
    return _qs_op_fail (error, "%" G_GSIZE_FORMAT " regions of %" G_GINT64_FORMAT " channels need more than the %"
                        G_GINT64_FORMAT " channels of the data", n_regions, coords + classes + 1, x->dims[1]);
  if (softmax)
    {
      if (!_qs_op_axis (axis_attr, 4, &axis, error))
        return FALSE;
      if (end_attr < -4 || end_attr > 3)
        return _qs_op_fail (error, "end_axis %" G_GINT64_FORMAT " is out of range for rank 4", end_attr);
      end_axis = (int) (end_attr < 0 ? end_attr + 4 : end_attr);
      if (end_axis < axis)
        return _qs_op_fail (error, "end_axis %d comes before axis %d", end_axis, axis);
      for (d = 0; d < 4; d++)
        {
          if (d > axis && d <= end_axis)
            dims[r - 1] *= x->dims[d];
          else
            dims[r++] = x->dims[d];
        }
    }
  else
    {
      dims[r++] = x->dims[0];
      dims[r++] = (gint64) n_regions * (coords + classes + 1);
      dims[r++] = x->dims[2];
      dims[r++] = x->dims[3];
    }
  out = qs_tensor_new (QS_ELEMENT_F32, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  batch_out = out->n_elements / (gsize) x->dims[0];
  for (b = 0; b < (gsize) x->dims[0]; b++)
    {
      const float *src = (const float *) x->data + b * batch_in;
      float *dst = (float *) out->data + b * batch_out;

      memcpy (dst, src, batch_out * sizeof (float));
      for (n = 0; n < n_regions; n++)
        {
          float *reg = dst + n * region;
          /* x, y; then the objectness, and in YOLOv3 the class scores too */
          gsize n_obj = softmax ? hw : (gsize) (classes + 1) * hw;

          for (i = 0; i < 2 * hw; i++)
            reg[i] = sigmoid (reg[i]);
          for (i = 0; i < n_obj; i++)
            reg[coords * hw + i] = sigmoid (reg[coords * hw + i]);
          if (softmax && classes > 0)
            for (i = 0; i < hw; i++)
              {
                float *cls = reg + (coords + 1) * hw + i;
                float mx = cls[0], sum = 0;

                for (c = 1; c < (gsize) classes; c++)
                  mx = MAX (mx, cls[c * hw]);
                for (c = 0; c < (gsize) classes; c++)
                  {
                    cls[c * hw] = expf (cls[c * hw] - mx);
                    sum += cls[c * hw];
                  }
                for (c = 0; c < (gsize) classes; c++)
                  cls[c * hw] /= sum;
              }
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- ReorgYolo-2 ---- */

static gboolean
op_reorg_yolo (QsOpCtx *ctx,
               GError **error)
{
  QsTensor *x;
  g_autoptr(GArray) stride_l = NULL;
  gint64 s, C, H, W, oc, dims[4];
  gsize es, n, c, h, w, dst = 0;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  stride_l = qs_node_get_int_list (ctx->node, "stride", error);
  if (stride_l == NULL)
    return FALSE;
  if (stride_l->len < 1)
    return _qs_op_fail (error, "stride is missing");
  s = g_array_index (stride_l, gint64, 0);
  if (x->rank != 4)
    return _qs_op_fail (error, "needs 4-D data (it has rank %d)", x->rank);
  C = x->dims[1];
  H = x->dims[2];
  W = x->dims[3];
  if (s < 1 || s > G_MAXINT32 || C % (s * s) != 0 || H % s != 0 || W % s != 0)
    return _qs_op_fail (error, "stride %" G_GINT64_FORMAT " does not divide channels %" G_GINT64_FORMAT
                        " by its square and height %" G_GINT64_FORMAT " and width %" G_GINT64_FORMAT " by itself",
                        s, C, H, W);
  dims[0] = x->dims[0];
  dims[1] = C * s * s;
  dims[2] = H / s;
  dims[3] = W / s;
  out = qs_tensor_new (x->type, 4, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = qs_tensor_type_size (x->type);
  oc = C / (s * s);
  /* walk the data's own shape; read where darknet's reorg writes */
  for (n = 0; n < (gsize) x->dims[0]; n++)
    for (c = 0; c < (gsize) C; c++)
      for (h = 0; h < (gsize) H; h++)
        for (w = 0; w < (gsize) W; w++, dst++)
          {
            gint64 off = (gint64) c / oc;
            gint64 ic = (gint64) c % oc;
            gint64 iw = (gint64) w * s + off % s;
            gint64 ih = (gint64) h * s + off / s;
            gsize src = (gsize) ((((gint64) n * oc + ic) * H * s + ih) * W * s + iw);

            memcpy ((guint8 *) out->data + dst * es, (const guint8 *) x->data + src * es, es);
          }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_yolo_table[] = {
  { "RegionYolo", 1, G_MAXINT, op_region_yolo },
  { "ReorgYolo", 2, G_MAXINT, op_reorg_yolo },
  { NULL, 0, 0, NULL }
};
