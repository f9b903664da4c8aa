/* qs-op-conv.c — Convolution, GroupConvolution and MatMul in fp32
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The shape arithmetic (auto_pad, dilations) lives here; the inner loops are
 * a private scalar direct convolution until the kernels area's
 * qs_conv_f32_* links, at which point conv_2d() is the one place to switch.
 */
#include "config.h"

#include <string.h>

#include "qs-kernels.h"
#include "qs-op-private.h"

/* Pads for one spatial axis following auto_pad (ops.md §2). */
gboolean _qs_op_spatial_pads (const char *auto_pad,
                              gint64      n,
                              gint64      k,
                              gint64      s,
                              gint64      d,
                              gint64     *pb,
                              gint64     *pe);

gboolean
_qs_op_spatial_pads (const char *auto_pad,
                     gint64      n,
                     gint64      k,
                     gint64      s,
                     gint64      d,
                     gint64     *pb,
                     gint64     *pe)
{
  gint64 dk = (k - 1) * d + 1;

  if (auto_pad == NULL || strcmp (auto_pad, "explicit") == 0 || strcmp (auto_pad, "notset") == 0 ||
      auto_pad[0] == '\0')
    return TRUE;
  if (strcmp (auto_pad, "valid") == 0)
    {
      *pb = *pe = 0;
      return TRUE;
    }
  if (strcmp (auto_pad, "same_upper") == 0 || strcmp (auto_pad, "same_lower") == 0)
    {
      gint64 out = (n + s - 1) / s;
      gint64 total = MAX (0, (out - 1) * s + dk - n);

      if (auto_pad[5] == 'u')
        {
          *pb = total / 2;
          *pe = total - *pb;
        }
      else
        {
          *pe = total / 2;
          *pb = total - *pe;
        }
      return TRUE;
    }
  return FALSE;
}

static void
conv_2d (const QsConvParams *p,
         const float        *src,
         const float        *w,
         float              *dst)
{
  int n, g, oc, ic, kh, kw, oh, ow;
  int icg = p->ic / p->groups, ocg = p->oc / p->groups;

  for (n = 0; n < p->n; n++)
    for (g = 0; g < p->groups; g++)
      for (oc = 0; oc < ocg; oc++)
        {
          int o = g * ocg + oc;
          float *out = dst + ((gsize) n * p->oc + o) * p->oh * p->ow;

          memset (out, 0, sizeof (float) * p->oh * p->ow);
          for (ic = 0; ic < icg; ic++)
            {
              const float *in = src + ((gsize) n * p->ic + g * icg + ic) * p->ih * p->iw;
              const float *wk = w + ((gsize) o * icg + ic) * p->kh * p->kw;

              for (kh = 0; kh < p->kh; kh++)
                for (kw = 0; kw < p->kw; kw++)
                  {
                    float wv = wk[kh * p->kw + kw];
                    int x0 = kw * p->dil_w - p->pad_left;
                    int ow_lo, ow_hi;

                    if (wv == 0.0f)
                      continue;
                    /* the ow range whose input column is inside the image */
                    ow_lo = x0 >= 0 ? 0 : (-x0 + p->stride_w - 1) / p->stride_w;
                    ow_hi = p->iw - 1 - x0 < 0 ? -1 : MIN (p->ow - 1, (p->iw - 1 - x0) / p->stride_w);
                    for (oh = 0; oh < p->oh; oh++)
                      {
                        int y = oh * p->stride_h - p->pad_top + kh * p->dil_h;
                        const float *row;
                        float *orow;

                        if (y < 0 || y >= p->ih)
                          continue;
                        row = in + (gsize) y * p->iw + x0;
                        orow = out + (gsize) oh * p->ow;
                        if (p->stride_w == 1)
                          for (ow = ow_lo; ow <= ow_hi; ow++)
                            orow[ow] += wv * row[ow];
                        else
                          for (ow = ow_lo; ow <= ow_hi; ow++)
                            orow[ow] += wv * row[ow * p->stride_w];
                      }
                  }
            }
        }
}

static gboolean
convolution (QsOpCtx  *ctx,
             gboolean  grouped,
             GError  **error)
{
  QsTensor *x, *w;
  g_autoptr(GArray) strides = NULL, pb = NULL, pe = NULL, dil = NULL;
  const char *auto_pad;
  QsConvParams p = { 0 };
  gint64 pads_b[2] = { 0, 0 }, pads_e[2] = { 0, 0 }, st[2] = { 1, 1 }, dl[2] = { 1, 1 };
  gint64 in_sp[2], k_sp[2];
  int n_sp, i, wo;
  gint64 dims[4];
  g_autoptr(QsTensor) out = NULL;
  g_autoptr(GError) local = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  w = ctx->in[1];
  if (x->type != QS_ELEMENT_F32 || w->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "needs float data and weights");
  if (x->rank != 3 && x->rank != 4)
    return _qs_op_fail (error, "only 1-D and 2-D convolutions are supported (data rank %d)", x->rank);
  n_sp = x->rank - 2;
  wo = grouped ? 1 : 0;
  if (w->rank != x->rank + wo)
    return _qs_op_fail (error, "weights rank %d does not fit data rank %d", w->rank, x->rank);

  strides = qs_node_get_int_list (ctx->node, "strides", error);
  if (strides == NULL)
    return FALSE;
  dil = qs_node_get_int_list (ctx->node, "dilations", &local);
  pb = qs_node_get_int_list (ctx->node, "pads_begin", NULL);
  pe = qs_node_get_int_list (ctx->node, "pads_end", NULL);
  auto_pad = qs_node_get_attr (ctx->node, "auto_pad");

  for (i = 0; i < n_sp; i++)
    {
      in_sp[i] = x->dims[2 + i];
      k_sp[i] = w->dims[2 + wo + i];
      if ((int) strides->len > i)
        st[i] = g_array_index (strides, gint64, i);
      if (dil != NULL && (int) dil->len > i)
        dl[i] = g_array_index (dil, gint64, i);
      if (pb != NULL && (int) pb->len > i)
        pads_b[i] = g_array_index (pb, gint64, i);
      if (pe != NULL && (int) pe->len > i)
        pads_e[i] = g_array_index (pe, gint64, i);
      if (st[i] < 1 || dl[i] < 1)
        return _qs_op_fail (error, "strides and dilations must be positive");
      if (!_qs_op_spatial_pads (auto_pad, in_sp[i], k_sp[i], st[i], dl[i], &pads_b[i], &pads_e[i]))
        return _qs_op_fail (error, "auto_pad “%s” is unknown", auto_pad);
    }
  if (n_sp == 1)
    {
      /* 1-D: a 2-D convolution over a height of one */
      in_sp[1] = in_sp[0]; k_sp[1] = k_sp[0]; st[1] = st[0]; dl[1] = dl[0];
      pads_b[1] = pads_b[0]; pads_e[1] = pads_e[0];
      in_sp[0] = 1; k_sp[0] = 1; st[0] = 1; dl[0] = 1; pads_b[0] = pads_e[0] = 0;
    }

  p.n = x->dims[0];
  p.ic = x->dims[1];
  p.ih = in_sp[0];
  p.iw = in_sp[1];
  if (grouped)
    {
      p.groups = w->dims[0];
      p.oc = w->dims[0] * w->dims[1];
      if (w->dims[2] * p.groups != p.ic)
        return _qs_op_fail (error, "weights [G=%" G_GINT64_FORMAT ", ..., %" G_GINT64_FORMAT ", ...] do not fit %d input channels",
                            w->dims[0], w->dims[2], p.ic);
    }
  else
    {
      p.groups = 1;
      p.oc = w->dims[0];
      if (w->dims[1] != p.ic)
        return _qs_op_fail (error, "weights have %" G_GINT64_FORMAT " input channels, data has %d", w->dims[1], p.ic);
    }
  p.kh = k_sp[0];
  p.kw = k_sp[1];
  p.stride_h = st[0];
  p.stride_w = st[1];
  p.dil_h = dl[0];
  p.dil_w = dl[1];
  p.pad_top = pads_b[0];
  p.pad_left = pads_b[1];
  p.pad_bottom = pads_e[0];
  p.pad_right = pads_e[1];
  p.oh = (p.ih + p.pad_top + p.pad_bottom - ((p.kh - 1) * p.dil_h + 1)) / p.stride_h + 1;
  p.ow = (p.iw + p.pad_left + p.pad_right - ((p.kw - 1) * p.dil_w + 1)) / p.stride_w + 1;
  if (p.oh < 1 || p.ow < 1)
    return _qs_op_fail (error, "the kernel is larger than the padded input");

  dims[0] = p.n;
  dims[1] = p.oc;
  if (n_sp == 1)
    {
      dims[2] = p.ow;
      out = qs_tensor_new_f32 (3, dims);
    }
  else
    {
      dims[2] = p.oh;
      dims[3] = p.ow;
      out = qs_tensor_new_f32 (4, dims);
    }
  conv_2d (&p, x->data, w->data, out->data);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_convolution (QsOpCtx *ctx,
                GError **error)
{
  return convolution (ctx, FALSE, error);
}

static gboolean
op_group_convolution (QsOpCtx *ctx,
                      GError **error)
{
  return convolution (ctx, TRUE, error);
}

/* ---- MatMul ---- */

static gboolean
op_matmul (QsOpCtx *ctx,
           GError **error)
{
  QsTensor *a, *b;
  gboolean ta = FALSE, tb = FALSE;
  gint64 ad[QS_TENSOR_MAX_RANK], bd[QS_TENSOR_MAX_RANK], od[QS_TENSOR_MAX_RANK];
  int ar, br, r, i;
  gint64 M, K, N, Kb;
  g_autoptr(QsTensor) out = NULL;
  QsTensor *ops[3];
  QsTensor fa, fb, fo;
  QsBcast bc;
  gsize batch, off[3], n_batch;
  int out_rank = 0;
  gint64 out_dims[QS_TENSOR_MAX_RANK];

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  a = ctx->in[0];
  b = ctx->in[1];
  if (a->type != QS_ELEMENT_F32 || b->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "needs float inputs");
  if (!qs_node_get_bool (ctx->node, "transpose_a", FALSE, &ta, error) ||
      !qs_node_get_bool (ctx->node, "transpose_b", FALSE, &tb, error))
    return FALSE;
  if (a->rank == 0 || b->rank == 0)
    return _qs_op_fail (error, "MatMul inputs must have rank >= 1");

  /* 1-D operands become matrices; transposes do not apply to them */
  ar = a->rank;
  memcpy (ad, a->dims, sizeof (gint64) * ar);
  if (ar == 1)
    {
      ad[1] = ad[0];
      ad[0] = 1;
      ar = 2;
      ta = FALSE;
    }
  br = b->rank;
  memcpy (bd, b->dims, sizeof (gint64) * br);
  if (br == 1)
    {
      bd[1] = 1;
      br = 2;
      tb = FALSE;
    }
  M = ta ? ad[ar - 1] : ad[ar - 2];
  K = ta ? ad[ar - 2] : ad[ar - 1];
  Kb = tb ? bd[br - 1] : bd[br - 2];
  N = tb ? bd[br - 2] : bd[br - 1];
  if (K != Kb)
    return _qs_op_fail (error, "inner dimensions differ (%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT ")", K, Kb);

  /* broadcast batch dims through fake tensors holding one element per matrix */
  memset (&fa, 0, sizeof fa);
  memset (&fb, 0, sizeof fb);
  memset (&fo, 0, sizeof fo);
  fa.rank = ar - 2;
  memcpy (fa.dims, ad, sizeof (gint64) * fa.rank);
  fb.rank = br - 2;
  memcpy (fb.dims, bd, sizeof (gint64) * fb.rank);
  ops[1] = &fa;
  ops[2] = &fb;
  if (!_qs_op_broadcast_shape (ops + 1, 2, &r, od, error))
    return FALSE;
  fo.rank = r;
  memcpy (fo.dims, od, sizeof (gint64) * r);
  ops[0] = &fo;
  _qs_bcast_init (&bc, r, od, ops, 3);
  n_batch = _qs_dims_product (od, 0, r);

  for (i = 0; i < r; i++)
    out_dims[out_rank++] = od[i];
  if (a->rank > 1)
    out_dims[out_rank++] = M;
  if (b->rank > 1)
    out_dims[out_rank++] = N;
  out = qs_tensor_new_f32 (out_rank, out_dims);
  if (out == NULL)
    return _qs_op_fail (error, "output too large");

  for (batch = 0; batch < n_batch; batch++)
    {
      gsize row = batch / bc.dims[bc.rank - 1], col = batch % bc.dims[bc.rank - 1];
      const float *pa, *pb;
      float *pc;
      gint64 m, n, k;

      _qs_bcast_row (&bc, row, off);
      pa = qs_tensor_f32 (a) + (off[1] + col * bc.strides[1][bc.rank - 1]) * M * K;
      pb = qs_tensor_f32 (b) + (off[2] + col * bc.strides[2][bc.rank - 1]) * K * N;
      pc = qs_tensor_f32 (out) + batch * M * N;
      for (m = 0; m < M; m++)
        {
          float *crow = pc + m * N;

          if (tb)
            for (n = 0; n < N; n++)
              {
                float acc = 0;
                for (k = 0; k < K; k++)
                  acc += (ta ? pa[k * M + m] : pa[m * K + k]) * pb[n * K + k];
                crow[n] = acc;
              }
          else
            for (k = 0; k < K; k++)
              {
                float av = ta ? pa[k * M + m] : pa[m * K + k];
                const float *brow = pb + k * N;
                for (n = 0; n < N; n++)
                  crow[n] += av * brow[n];
              }
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_conv_table[] = {
  { "Convolution", 1, G_MAXINT, op_convolution },
  { "GroupConvolution", 1, G_MAXINT, op_group_convolution },
  { "MatMul", 1, G_MAXINT, op_matmul },
  { NULL, 0, 0, NULL }
};
