/* qs-op-deformable.c — DeformableConvolution-1 and -8
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A 2-D convolution whose every kernel tap reads the input at its place
 * shifted by a learned offset: offsets [N, DG·2·KH·KW, OH, OW] give (y, x)
 * per tap and output position for each deformable group (a run of C/DG
 * input channels), the input is sampled bilinearly there, and -8 scales
 * the sample by a mask [N, DG·KH·KW, OH, OW].  A sample outside the input
 * counts as zero; with bilinear_interpolation_pad (-8) a sample within one
 * pixel of the border still mixes in the border pixels, as OpenVINO's
 * reference does.  fp32 only.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

/* Pads for one spatial axis following auto_pad (qs-op-conv.c). */
gboolean _qs_op_spatial_pads (const char *auto_pad, gint64 n, gint64 k, gint64 s, gint64 d,
                              gint64 *pb, gint64 *pe);

static float
sample (const float *plane,
        float        y,
        float        x,
        gint64       h,
        gint64       w,
        gboolean     pad)
{
  gint64 y1, x1, y2, x2;
  float dy, dx, v11 = 0, v12 = 0, v21 = 0, v22 = 0;

  if (pad)
    {
      y1 = (gint64) floorf (y);
      x1 = (gint64) floorf (x);
      y2 = y1 + 1;
      x2 = x1 + 1;
    }
  else
    {
      y1 = MAX ((gint64) floorf (y), 0);
      x1 = MAX ((gint64) floorf (x), 0);
      y2 = MIN ((gint64) ceilf (y), h - 1);
      x2 = MIN ((gint64) ceilf (x), w - 1);
    }
  dy = y - (float) y1;
  dx = x - (float) x1;
  if (y1 >= 0 && x1 >= 0 && y1 < h && x1 < w)
    v11 = plane[y1 * w + x1];
  if (y1 >= 0 && x2 >= 0 && y1 < h && x2 < w)
    v21 = plane[y1 * w + x2];
  if (y2 >= 0 && x1 >= 0 && y2 < h && x1 < w)
    v12 = plane[y2 * w + x1];
  if (y2 >= 0 && x2 >= 0 && y2 < h && x2 < w)
    v22 = plane[y2 * w + x2];
  return (1 - dx) * (1 - dy) * v11 + (1 - dx) * dy * v12 + dx * (1 - dy) * v21 + dx * dy * v22;
}

static gboolean
op_deformable_convolution (QsOpCtx *ctx,
                           GError **error)
{
  QsTensor *x, *off, *wt, *mask = NULL;
  const char *auto_pad = qs_node_get_attr (ctx->node, "auto_pad");
  g_autoptr(GArray) st_l = NULL, pb_l = NULL, pe_l = NULL, dl_l = NULL;
  gint64 st[2] = { 1, 1 }, pb[2] = { 0, 0 }, pe[2] = { 0, 0 }, dl[2] = { 1, 1 }, in_sp[2], k_sp[2];
  gint64 groups = 1, dgroups = 1, N, C, H, W, O, KH, KW, OH, OW, K, cpg, opg, cpdg, dims[4];
  gint64 n, oc, oy, ox, ic, ky, kx;
  gboolean pad = FALSE;
  g_autoptr(QsTensor) out = NULL;
  float *o;
  int i;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  x = ctx->in[0];
  off = ctx->in[1];
  wt = ctx->in[2];
  if (qs_node_opset (ctx->node) >= 8)
    {
      if (ctx->n_in > 3)
        mask = ctx->in[3];
      if (!qs_node_get_bool (ctx->node, "bilinear_interpolation_pad", FALSE, &pad, error))
        return FALSE;
    }
  if (!qs_node_get_int (ctx->node, "group", 1, &groups, error)
      || !qs_node_get_int (ctx->node, "deformable_group", 1, &dgroups, error))
    return FALSE;
  if (x->rank != 4 || off->rank != 4 || wt->rank != 4 || (mask != NULL && mask->rank != 4))
    return _qs_op_fail (error, "only 2-D deformable convolutions are supported (data rank %d)", x->rank);
  if (x->type != QS_ELEMENT_F32 || off->type != QS_ELEMENT_F32 || wt->type != QS_ELEMENT_F32
      || (mask != NULL && mask->type != QS_ELEMENT_F32))
    return _qs_op_fail (error, "needs float inputs");
  N = x->dims[0];
  C = x->dims[1];
  H = x->dims[2];
  W = x->dims[3];
  O = wt->dims[0];
  KH = wt->dims[2];
  KW = wt->dims[3];
  K = KH * KW;
  if (groups < 1 || dgroups < 1 || C % groups != 0 || O % groups != 0 || C % dgroups != 0)
    return _qs_op_fail (error, "group %" G_GINT64_FORMAT " and deformable_group %" G_GINT64_FORMAT
                        " must divide the %" G_GINT64_FORMAT " input channels (and group the %" G_GINT64_FORMAT
                        " output channels)", groups, dgroups, C, O);
  cpg = C / groups;
  opg = O / groups;
  cpdg = C / dgroups;
  if (wt->dims[1] != cpg)
    return _qs_op_fail (error, "filters have %" G_GINT64_FORMAT " input channels, expected %" G_GINT64_FORMAT,
                        wt->dims[1], cpg);

  st_l = qs_node_get_int_list (ctx->node, "strides", error);
  if (st_l == NULL)
    return FALSE;
  pb_l = qs_node_get_int_list (ctx->node, "pads_begin", NULL);
  pe_l = qs_node_get_int_list (ctx->node, "pads_end", NULL);
  dl_l = qs_node_get_int_list (ctx->node, "dilations", NULL);
  in_sp[0] = H;
  in_sp[1] = W;
  k_sp[0] = KH;
  k_sp[1] = KW;
  for (i = 0; i < 2; i++)
    {
      if ((int) st_l->len > i)
        st[i] = g_array_index (st_l, gint64, i);
      if (dl_l != NULL && (int) dl_l->len > i)
        dl[i] = g_array_index (dl_l, gint64, i);
      if (pb_l != NULL && (int) pb_l->len > i)
        pb[i] = g_array_index (pb_l, gint64, i);
      if (pe_l != NULL && (int) pe_l->len > i)
        pe[i] = g_array_index (pe_l, gint64, i);
      if (st[i] < 1 || dl[i] < 1 || pb[i] < 0 || pe[i] < 0 || st[i] > G_MAXINT32 || dl[i] > G_MAXINT32
          || pb[i] > G_MAXINT32 || pe[i] > G_MAXINT32)
        return _qs_op_fail (error, "strides and dilations must be positive, pads not negative");
      if (!_qs_op_spatial_pads (auto_pad, in_sp[i], k_sp[i], st[i], dl[i], &pb[i], &pe[i]))
        return _qs_op_fail (error, "auto_pad “%s” is unknown", auto_pad);
    }
  OH = (H + pb[0] + pe[0] - ((KH - 1) * dl[0] + 1)) / st[0] + 1;
  OW = (W + pb[1] + pe[1] - ((KW - 1) * dl[1] + 1)) / st[1] + 1;
  if (OH < 1 || OW < 1)
    return _qs_op_fail (error, "the kernel does not fit the padded input");
  if (off->dims[0] != N || off->dims[1] != dgroups * 2 * K || off->dims[2] != OH || off->dims[3] != OW)
    return _qs_op_fail (error, "offsets must be [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                        G_GINT64_FORMAT "]", N, dgroups * 2 * K, OH, OW);
  if (mask != NULL
      && (mask->dims[0] != N || mask->dims[1] != dgroups * K || mask->dims[2] != OH || mask->dims[3] != OW))
    return _qs_op_fail (error, "mask must be [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                        G_GINT64_FORMAT "]", N, dgroups * K, OH, OW);
  dims[0] = N;
  dims[1] = O;
  dims[2] = OH;
  dims[3] = OW;
  out = qs_tensor_new (QS_ELEMENT_F32, 4, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  o = out->data;
  for (n = 0; n < N; n++)
    for (oc = 0; oc < O; oc++)
      {
        gint64 g = oc / opg;
        const float *filt = (const float *) wt->data + oc * cpg * K;

        for (oy = 0; oy < OH; oy++)
          for (ox = 0; ox < OW; ox++)
            {
              float sum = 0;
              gint64 pos = oy * OW + ox;

              for (ic = 0; ic < cpg; ic++)
                {
                  gint64 c = g * cpg + ic, dg = c / cpdg;
                  const float *plane = (const float *) x->data + (n * C + c) * H * W;
                  const float *offs = (const float *) off->data + (n * dgroups + dg) * 2 * K * OH * OW;
                  const float *msk = mask != NULL ? (const float *) mask->data + (n * dgroups + dg) * K * OH * OW : NULL;

                  for (ky = 0; ky < KH; ky++)
                    for (kx = 0; kx < KW; kx++)
                      {
                        gint64 t = ky * KW + kx;
                        float y = (float) (oy * st[0] - pb[0] + ky * dl[0]) + offs[(2 * t) * OH * OW + pos];
                        float xx = (float) (ox * st[1] - pb[1] + kx * dl[1]) + offs[(2 * t + 1) * OH * OW + pos];
                        gboolean inside;

                        if (pad)
                          inside = (gint64) xx > -1 && (gint64) xx < W && (gint64) y > -1 && (gint64) y < H;
                        else
                          inside = xx >= 0 && xx < (float) W && y >= 0 && y < (float) H;
                        if (!inside)
                          continue;
                        sum += sample (plane, y, xx, H, W, pad) * filt[ic * K + t]
                               * (msk != NULL ? msk[t * OH * OW + pos] : 1.f);
                      }
                }
              *o++ = sum;
            }
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_deformable_table[] = {
  { "DeformableConvolution", 1, 7, op_deformable_convolution },
  { "DeformableConvolution", 8, G_MAXINT, op_deformable_convolution },
  { NULL, 0, 0, NULL }
};
