/* qs-op-roi.c — pooling over regions of interest: ROIPooling, ROIAlign, PSROIPooling
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Each op pools a [N, C, H, W] feature map over a list of boxes into
 * [num_rois, C', pooled_h, pooled_w].  The arithmetic follows the
 * operation specifications as OpenVINO's reference evaluates them (sample
 * positions, clipping at the border, which bins count as empty), in f32.
 */
#include "config.h"

#include <float.h>
#include <string.h>

#include "qs-op-private.h"

/* The feature map and the boxes, checked. */
static gboolean
roi_inputs (QsOpCtx  *ctx,
            gint64    box_len,
            GError  **error)
{
  const QsTensor *x = ctx->in[0], *rois = ctx->in[1];

  if (x->type != QS_ELEMENT_F32 || x->rank != 4)
    return _qs_op_fail (error, "needs a 4-D float feature map (it has rank %d)", x->rank);
  if (rois->rank != 2 || rois->dims[1] != box_len)
    return _qs_op_fail (error, "the boxes must be [num_rois, %" G_GINT64_FORMAT "]", box_len);
  return TRUE;
}

static gboolean
pooled_size (QsOpCtx  *ctx,
             gint64   *ph,
             gint64   *pw,
             GError  **error)
{
  if (!qs_node_get_int (ctx->node, "pooled_h", 1, ph, error)
      || !qs_node_get_int (ctx->node, "pooled_w", 1, pw, error))
    return FALSE;
  if (*ph < 1 || *pw < 1 || *ph > G_MAXINT32 || *pw > G_MAXINT32)
    return _qs_op_fail (error, "pooled_h %" G_GINT64_FORMAT " and pooled_w %" G_GINT64_FORMAT " must be positive",
                        *ph, *pw);
  return TRUE;
}

/* ---- ROIPooling ---- */

static gboolean
op_roi_pooling (QsOpCtx *ctx,
                GError **error)
{
  QsTensor *x, *rois;
  const char *method = qs_node_get_attr (ctx->node, "method");
  gboolean bilinear;
  gint64 ph, pw, dims[4], N, C, H, W, r, c, y, xx;
  double scale_d = 1;
  float scale;
  g_autofree float *boxes = NULL;
  g_autoptr(QsTensor) out = NULL;
  const float *data;
  float *o;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  rois = ctx->in[1];
  if (!roi_inputs (ctx, 5, error) || !pooled_size (ctx, &ph, &pw, error)
      || !qs_node_get_double (ctx->node, "spatial_scale", 1, &scale_d, error))
    return FALSE;
  if (method == NULL || strcmp (method, "max") == 0)
    bilinear = FALSE;
  else if (strcmp (method, "bilinear") == 0)
    bilinear = TRUE;
  else
    return _qs_op_fail (error, "method “%s” is unknown", method);
  scale = (float) scale_d;
  N = x->dims[0];
  C = x->dims[1];
  H = x->dims[2];
  W = x->dims[3];
  dims[0] = rois->dims[0];
  dims[1] = C;
  dims[2] = ph;
  dims[3] = pw;
  out = qs_tensor_new (QS_ELEMENT_F32, 4, dims);
  boxes = qs_tensor_dup_f32 (rois);
  if (out == NULL || boxes == NULL)
    return _qs_op_fail_alloc (error, "the output");
  data = x->data;
  o = out->data;
  for (r = 0; r < dims[0]; r++)
    {
      const float *box = boxes + r * 5;
      gint64 b = (gint64) box[0];

      if (b < 0 || b >= N)
        return _qs_op_fail (error, "box %" G_GINT64_FORMAT " has batch index %" G_GINT64_FORMAT " outside [0, %"
                            G_GINT64_FORMAT "]", r, b, N - 1);
      if (!bilinear)
        {
          /* box corners rounded to the feature map, at least 1x1 */
          gint64 ws = (gint64) roundf (box[1] * scale), hs = (gint64) roundf (box[2] * scale);
          gint64 we = (gint64) roundf (box[3] * scale), he = (gint64) roundf (box[4] * scale);
          float bh = (float) MAX (he - hs + 1, 1) / (float) ph;
          float bw = (float) MAX (we - ws + 1, 1) / (float) pw;

          for (c = 0; c < C; c++)
            {
              const float *plane = data + (b * C + c) * H * W;

              for (y = 0; y < ph; y++)
                for (xx = 0; xx < pw; xx++)
                  {
                    gint64 h0 = CLAMP ((gint64) floorf ((float) y * bh) + hs, 0, H);
                    gint64 h1 = CLAMP ((gint64) ceilf ((float) (y + 1) * bh) + hs, 0, H);
                    gint64 w0 = CLAMP ((gint64) floorf ((float) xx * bw) + ws, 0, W);
                    gint64 w1 = CLAMP ((gint64) ceilf ((float) (xx + 1) * bw) + ws, 0, W);
                    float m = (h1 <= h0 || w1 <= w0) ? 0 : -FLT_MAX;
                    gint64 i, j;

                    for (i = h0; i < h1; i++)
                      for (j = w0; j < w1; j++)
                        m = MAX (m, plane[i * W + j]);
                    *o++ = m;
                  }
            }
        }
      else
        {
          /* box corners normalised to [0, 1]; one sample per output, the
           * last row and column on the box's far edge */
          float rh = (box[4] - box[2]) * (float) (H - 1), rw = (box[3] - box[1]) * (float) (W - 1);
          float sh = ph > 1 ? rh / (float) (ph - 1) : 0, sw = pw > 1 ? rw / (float) (pw - 1) : 0;

          for (c = 0; c < C; c++)
            {
              const float *plane = data + (b * C + c) * H * W;

              for (y = 0; y < ph; y++)
                for (xx = 0; xx < pw; xx++)
                  {
                    float iy, ix;

                    if (ph > 1)
                      iy = y == ph - 1 ? (float) (H - 1) * box[4] : (float) y * sh + box[2] * (float) (H - 1);
                    else
                      iy = 0.5f * (box[2] + box[4]) * (float) (H - 1);
                    if (pw > 1)
                      ix = xx == pw - 1 ? (float) (W - 1) * box[3] : (float) xx * sw + box[1] * (float) (W - 1);
                    else
                      ix = 0.5f * (box[1] + box[3]) * (float) (W - 1);
                    if (iy < 0 || iy > (float) (H - 1) || ix < 0 || ix > (float) (W - 1))
                      *o++ = 0;
                    else
                      {
                        gint64 t = (gint64) floorf (iy), bo = MIN ((gint64) ceilf (iy), H - 1);
                        gint64 l = (gint64) floorf (ix), ri = MIN ((gint64) ceilf (ix), W - 1);
                        float top = plane[t * W + l] + (plane[t * W + ri] - plane[t * W + l]) * (ix - (float) l);
                        float bot = plane[bo * W + l] + (plane[bo * W + ri] - plane[bo * W + l]) * (ix - (float) l);

                        *o++ = top + (bot - top) * (iy - (float) t);
                      }
                  }
            }
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- ROIAlign-3, ROIAlign-9 ---- */

static gboolean
op_roi_align (QsOpCtx *ctx,
              GError **error)
{
  QsTensor *x, *rois;
  const char *mode = qs_node_get_attr (ctx->node, "mode");
  const char *aligned = qs_node_get_attr (ctx->node, "aligned_mode");
  gboolean is_max, is_aligned = FALSE;
  float off_src = 0, off_dst = 0, scale;
  gint64 ph, pw, ratio = 0, dims[4], N, C, H, W, r, c, by, bx, sy, sx;
  double scale_d = 1;
  g_autofree float *boxes = NULL;
  g_autofree gint64 *bidx = NULL;
  gsize n_bidx;
  g_autoptr(QsTensor) out = NULL;
  const float *data;
  float *o;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  x = ctx->in[0];
  rois = ctx->in[1];
  if (!roi_inputs (ctx, 4, error) || !pooled_size (ctx, &ph, &pw, error)
      || !qs_node_get_int (ctx->node, "sampling_ratio", 0, &ratio, error)
      || !qs_node_get_double (ctx->node, "spatial_scale", 1, &scale_d, error))
    return FALSE;
  if (ratio < 0 || ratio > G_MAXINT32)
    return _qs_op_fail (error, "sampling_ratio %" G_GINT64_FORMAT " is negative", ratio);
  if (mode == NULL || (strcmp (mode, "avg") != 0 && strcmp (mode, "max") != 0))
    return _qs_op_fail (error, "mode “%s” is unknown", mode != NULL ? mode : "");
  is_max = strcmp (mode, "max") == 0;
  if (qs_node_opset (ctx->node) >= 9 && aligned != NULL && strcmp (aligned, "asymmetric") != 0)
    {
      if (strcmp (aligned, "half_pixel_for_nn") == 0)
        off_dst = -0.5f;
      else if (strcmp (aligned, "half_pixel") == 0)
        {
          off_src = 0.5f;
          off_dst = -0.5f;
        }
      else
        return _qs_op_fail (error, "aligned_mode “%s” is unknown", aligned);
      is_aligned = TRUE;
    }
  scale = (float) scale_d;
  N = x->dims[0];
  C = x->dims[1];
  H = x->dims[2];
  W = x->dims[3];
  bidx = _qs_op_int_values (ctx->in[2], &n_bidx);
  if (bidx == NULL)
    return _qs_op_fail_alloc (error, "the batch indices");
  if ((gint64) n_bidx != rois->dims[0])
    return _qs_op_fail (error, "%" G_GSIZE_FORMAT " batch indices for %" G_GINT64_FORMAT " boxes", n_bidx, rois->dims[0]);
  dims[0] = rois->dims[0];
  dims[1] = C;
  dims[2] = ph;
  dims[3] = pw;
  out = qs_tensor_new (QS_ELEMENT_F32, 4, dims);
  boxes = qs_tensor_dup_f32 (rois);
  if (out == NULL || boxes == NULL)
    return _qs_op_fail_alloc (error, "the output");
  data = x->data;
  o = out->data;
  for (r = 0; r < dims[0]; r++)
    {
      const float *box = boxes + r * 4;
      float x1 = (box[0] + off_src) * scale + off_dst, y1 = (box[1] + off_src) * scale + off_dst;
      float rw = (box[2] + off_src) * scale + off_dst - x1, rh = (box[3] + off_src) * scale + off_dst - y1;
      float bw, bh, dx, dy;
      gint64 rx, ry, b = bidx[r];

      if (b < 0 || b >= N)
        return _qs_op_fail (error, "box %" G_GINT64_FORMAT " has batch index %" G_GINT64_FORMAT " outside [0, %"
                            G_GINT64_FORMAT "]", r, b, N - 1);
      if (!is_aligned)
        {
          rw = MAX (rw, 1.f);
          rh = MAX (rh, 1.f);
        }
      bw = rw / (float) pw;
      bh = rh / (float) ph;
      rx = ratio > 0 ? ratio : (gint64) ceilf (bw);
      ry = ratio > 0 ? ratio : (gint64) ceilf (bh);
      dx = bw / (float) rx;
      dy = bh / (float) ry;
      for (c = 0; c < C; c++)
        {
          const float *plane = data + (b * C + c) * H * W;

          for (by = 0; by < ph; by++)
            for (bx = 0; bx < pw; bx++)
              {
                float pooled = 0;

                for (sy = 0; sy < ry; sy++)
                  for (sx = 0; sx < rx; sx++)
                    {
                      float py = y1 + (float) by * bh + dy * ((float) sy + 0.5f);
                      float px = x1 + (float) bx * bw + dx * ((float) sx + 0.5f);
                      float v = 0;

                      /* a sample beyond one pixel outside the map counts as 0 */
                      if (!(px < -1.f || px > (float) W || py < -1.f || py > (float) H))
                        {
                          gint64 yl, xl, yh, xh;
                          float ly, lx;

                          py = MAX (py, 0.f);
                          px = MAX (px, 0.f);
                          yl = (gint64) py;
                          xl = (gint64) px;
                          if (yl >= H - 1)
                            {
                              yl = yh = H - 1;
                              py = (float) yl;
                            }
                          else
                            yh = yl + 1;
                          if (xl >= W - 1)
                            {
                              xl = xh = W - 1;
                              px = (float) xl;
                            }
                          else
                            xh = xl + 1;
                          ly = py - (float) yl;
                          lx = px - (float) xl;
                          v = (1 - ly) * (1 - lx) * plane[yl * W + xl] + (1 - ly) * lx * plane[yl * W + xh]
                            + ly * (1 - lx) * plane[yh * W + xl] + ly * lx * plane[yh * W + xh];
                        }
                      if (is_max)
                        pooled = MAX (pooled, v);
                      else
                        pooled += v / (float) (rx * ry);
                    }
                *o++ = pooled;
              }
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- PSROIPooling-1 ---- */

static gboolean
op_psroi_pooling (QsOpCtx *ctx,
                  GError **error)
{
  QsTensor *x, *rois;
  const char *mode = qs_node_get_attr (ctx->node, "mode");
  gboolean bilinear;
  gint64 out_dim, group = 1, bins_x = 1, bins_y = 1, dims[4], N, C, H, W, r, co, y, xx;
  double scale_d = 1;
  float scale;
  g_autofree float *boxes = NULL;
  g_autoptr(QsTensor) out = NULL;
  const float *data;
  float *o;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  rois = ctx->in[1];
  if (!roi_inputs (ctx, 5, error)
      || !qs_node_get_int (ctx->node, "output_dim", 0, &out_dim, error)
      || !qs_node_get_int (ctx->node, "group_size", 1, &group, error)
      || !qs_node_get_int (ctx->node, "spatial_bins_x", 1, &bins_x, error)
      || !qs_node_get_int (ctx->node, "spatial_bins_y", 1, &bins_y, error)
      || !qs_node_get_double (ctx->node, "spatial_scale", 1, &scale_d, error))
    return FALSE;
  if (mode == NULL || strcmp (mode, "average") == 0)
    bilinear = FALSE;
  else if (strcmp (mode, "bilinear") == 0)
    bilinear = TRUE;
  else
    return _qs_op_fail (error, "mode “%s” is unknown", mode);
  N = x->dims[0];
  C = x->dims[1];
  H = x->dims[2];
  W = x->dims[3];
  if (out_dim < 1 || group < 1 || bins_x < 1 || bins_y < 1 || group > 4096 || bins_x > 4096 || bins_y > 4096)
    return _qs_op_fail (error, "output_dim, group_size, spatial_bins_x and spatial_bins_y must be positive");
  if (bilinear ? out_dim * bins_x * bins_y != C : out_dim * group * group != C)
    return _qs_op_fail (error, "output_dim %" G_GINT64_FORMAT " does not fit %" G_GINT64_FORMAT " channels (%s)",
                        out_dim, C, bilinear ? "output_dim × spatial_bins_x × spatial_bins_y"
                                             : "output_dim × group_size²");
  scale = (float) scale_d;
  dims[0] = rois->dims[0];
  dims[1] = out_dim;
  dims[2] = group;
  dims[3] = group;
  out = qs_tensor_new (QS_ELEMENT_F32, 4, dims);
  boxes = qs_tensor_dup_f32 (rois);
  if (out == NULL || boxes == NULL)
    return _qs_op_fail_alloc (error, "the output");
  data = x->data;
  o = out->data;
  for (r = 0; r < dims[0]; r++)
    {
      const float *box = boxes + r * 5;
      gint64 b = (gint64) box[0], c_in = 0;
      float sw, sh, ew, eh, bw, bh, wscale = 0, hscale = 0;

      if (b < 0 || b >= N)
        return _qs_op_fail (error, "box %" G_GINT64_FORMAT " has batch index %" G_GINT64_FORMAT " outside [0, %"
                            G_GINT64_FORMAT "]", r, b, N - 1);
      if (bilinear)
        {
          sw = box[1] * scale;
          sh = box[2] * scale;
          ew = box[3] * scale;
          eh = box[4] * scale;
          bw = (ew - sw) / (float) bins_x;
          bh = (eh - sh) / (float) bins_y;
          if (group > 1)
            {
              wscale = bw * (float) (W - 1) / (float) (group - 1);
              hscale = bh * (float) (H - 1) / (float) (group - 1);
            }
        }
      else
        {
          sw = roundf (box[1]) * scale;
          sh = roundf (box[2]) * scale;
          ew = (roundf (box[3]) + 1) * scale;
          eh = (roundf (box[4]) + 1) * scale;
          bw = (ew - sw) / (float) group;
          bh = (eh - sh) / (float) group;
        }
      for (co = 0; co < out_dim; co++)
        for (y = 0; y < group; y++)
          for (xx = 0; xx < group; xx++)
            {
              float v = 0;

              if (!bilinear)
                {
                  /* channel c_in holds the bins in order: position-sensitive */
                  gint64 w0 = MIN ((gint64) floorf (sw + (float) xx * bw), W - 1);
                  gint64 h0 = MIN ((gint64) floorf (sh + (float) y * bh), H - 1);
                  gint64 w1 = MIN ((gint64) ceilf (sw + (float) (xx + 1) * bw), W);
                  gint64 h1 = MIN ((gint64) ceilf (sh + (float) (y + 1) * bh), H);
                  const float *plane = data + (b * C + c_in) * H * W;
                  gint64 i, j;

                  for (i = h0; i < h1; i++)
                    for (j = w0; j < w1; j++)
                      v += plane[i * W + j];
                  v = (h1 > h0 && w1 > w0) ? v / (float) ((h1 - h0) * (w1 - w0)) : 0;
                  c_in++;
                }
              else
                {
                  gint64 sby, sbx, k = 0;

                  for (sby = 0; sby < bins_y; sby++)
                    for (sbx = 0; sbx < bins_x; sbx++, k++)
                      {
                        float bsw = sw + (float) sbx * bw, bsh = sh + (float) sby * bh;
                        const float *plane = data + (b * C + k * out_dim + co) * H * W;
                        float pxf = group > 1 ? (float) xx * wscale + bsw * (float) (W - 1)
                                              : (bsw + bsw + bw) * (float) (W - 1) / 2;
                        float pyf = group > 1 ? (float) y * hscale + bsh * (float) (H - 1)
                                              : (bsh + bsh + bh) * (float) (H - 1) / 2;

                        if (pxf >= 0 && pyf >= 0 && pxf < (float) W && pyf < (float) H)
                          {
                            gint64 l = (gint64) floorf (pxf), ri = MIN ((gint64) ceilf (pxf), W - 1);
                            gint64 t = (gint64) floorf (pyf), bo = MIN ((gint64) ceilf (pyf), H - 1);
                            float top = plane[t * W + l] + (plane[t * W + ri] - plane[t * W + l]) * (pxf - (float) l);
                            float bot = plane[bo * W + l] + (plane[bo * W + ri] - plane[bo * W + l]) * (pxf - (float) l);

                            v += top + (bot - top) * (pyf - (float) t);
                          }
                      }
                  v /= (float) (bins_x * bins_y);
                }
              *o++ = v;
            }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_roi_table[] = {
  { "ROIPooling", 1, G_MAXINT, op_roi_pooling },
  { "ROIAlign", 3, 8, op_roi_align },
  { "ROIAlign", 9, G_MAXINT, op_roi_align },
  { "PSROIPooling", 1, G_MAXINT, op_psroi_pooling },
  { NULL, 0, 0, NULL }
};
