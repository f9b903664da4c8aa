/* qs-op-conv.c — Convolution, GroupConvolution, their transposed forms and MatMul
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The shape arithmetic (auto_pad, dilations) lives here; the arithmetic is
 * the kernels area's: qs_conv_f32_* with the weights packed once per plan
 * (they are Consts, or subgraphs over Consts, in every real model), and
 * qs_matmul_f32 per batch matrix.  1-D convolutions run as 2-D ones over a
 * height of one, 3-D ones as sums of 2-D ones over the depth.  Integer
 * operands (one type of 8 to 64 bits) take exact loops of their own at the
 * end of the file and give their own type.
 */
#include "config.h"

#include <string.h>

#include "qs-kernels.h"
#include "qs-op-private.h"

/* The kernels take int sizes; this leaves room for sums and products of two. */
#define QS_CONV_MAX_DIM (1 << 24)

/* The integer paths: data and weights of one integer type give that type.
 * OpenVINO's reference sums the products in the element type itself, so a
 * sum wraps modulo 2^bits; summing in unsigned 64 bits and storing the
 * result wrapped to the type gives the same value exactly. */
static gboolean convolution_int          (QsOpCtx  *ctx,
                                          gboolean  grouped,
                                          GError  **error);
static gboolean convolution_backprop_int (QsOpCtx  *ctx,
                                          gboolean  grouped,
                                          GError  **error);
static gboolean matmul_int               (QsOpCtx  *ctx,
                                          GError  **error);

/* Whether @x and @w are of one integer type the integer paths take; sets
 * @error naming both types when they are neither that nor both f32. */
static gboolean
int_operands (const QsTensor  *x,
              const QsTensor  *w,
              const char      *what,
              GError         **error)
{
  const QsElementTraits *tr = qs_element_type_traits (x->type);

  if (x->type == w->type && tr != NULL && tr->is_integer && tr->bits >= 8 && x->type != QS_ELEMENT_BOOLEAN)
    return TRUE;
  return _qs_op_fail (error, "needs f32 %s, or %s of one integer type of 8 to 64 bits (has %s and %s)", what, what,
                      qs_element_type_name (x->type), qs_element_type_name (w->type));
}

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

typedef struct
{
  const QsConvParams *p;
  const float        *w;
} ConvPrepare;

static gpointer
prepare_conv (gpointer data)
{
  ConvPrepare *cp = data;

  return qs_conv_f32_prepare (cp->p, cp->w, NULL);
}

/* Runs the layer with its weights packed once for the plan (keyed by the
 * parameters they were packed for). */
static void
run_conv (QsOpCtx            *ctx,
          const QsConvParams *p,
          const float        *src,
          const float        *w,
          float              *dst)
{
  ConvPrepare cp = { p, w };
  QsConvF32 *conv = _qs_op_prepared (ctx, 1, p, sizeof *p, prepare_conv, &cp,
                                     (GDestroyNotify) qs_conv_f32_free);

  if (conv != NULL)
    {
      qs_conv_f32_run (conv, src, dst);
      return;
    }
  /* weights computed from a model input, or another input size */
  conv = qs_conv_f32_prepare (p, w, NULL);
  qs_conv_f32_run (conv, src, dst);
  qs_conv_f32_free (conv);
}

/* The geometry of a Convolution or GroupConvolution, from its attributes and
 * the data and weight shapes, into everything of @p but oh/ow, for the fp32
 * and the int8 kernels alike.  A 1-D convolution becomes a 2-D one over a
 * height of one.  Returns the number of spatial dimensions (1 or 2), or 0 with
 * @error set. */
int
_qs_op_conv_geometry (QsOpCtx         *ctx,
                      const QsTensor  *x,
                      const QsTensor  *w,
                      gboolean         grouped,
                      QsConvParams    *p,
                      GError         **error)
{
  g_autoptr(GArray) strides = NULL, pb = NULL, pe = NULL, dil = NULL;
  g_autoptr(GError) local = NULL;
  const char *auto_pad;
  gint64 pads_b[2] = { 0, 0 }, pads_e[2] = { 0, 0 }, st[2] = { 1, 1 }, dl[2] = { 1, 1 };
  gint64 in_sp[2], k_sp[2];
  int n_sp, i, wo;

  if (x->rank != 3 && x->rank != 4)
    return (int) _qs_op_fail (error, "only 1-D and 2-D convolutions are supported%s (data rank %d)",
                              x->type != QS_ELEMENT_F32 ? " on int8 codes" : ", and 3-D ones in fp32", x->rank);
  n_sp = x->rank - 2;
  wo = grouped ? 1 : 0;
  if (w->rank != x->rank + wo)
    return (int) _qs_op_fail (error, "weights rank %d does not fit data rank %d", w->rank, x->rank);

  strides = qs_node_get_int_list (ctx->node, "strides", error);
  if (strides == NULL)
    return 0;
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
        return (int) _qs_op_fail (error, "strides and dilations must be positive");
      if (!_qs_op_spatial_pads (auto_pad, in_sp[i], k_sp[i], st[i], dl[i], &pads_b[i], &pads_e[i]))
        return (int) _qs_op_fail (error, "auto_pad “%s” is unknown", auto_pad);
    }
  if (n_sp == 1)
    {
      /* 1-D: a 2-D convolution over a height of one */
      in_sp[1] = in_sp[0]; k_sp[1] = k_sp[0]; st[1] = st[0]; dl[1] = dl[0];
      pads_b[1] = pads_b[0]; pads_e[1] = pads_e[0];
      in_sp[0] = 1; k_sp[0] = 1; st[0] = 1; dl[0] = 1; pads_b[0] = pads_e[0] = 0;
    }

  /* the kernels compute in int: every number must fit with room for sums */
  for (i = 0; i < 2; i++)
    if (in_sp[i] > QS_CONV_MAX_DIM || k_sp[i] > QS_CONV_MAX_DIM || st[i] > QS_CONV_MAX_DIM ||
        dl[i] > QS_CONV_MAX_DIM || pads_b[i] < 0 || pads_b[i] > QS_CONV_MAX_DIM ||
        pads_e[i] < 0 || pads_e[i] > QS_CONV_MAX_DIM)
      return (int) _qs_op_fail (error, "sizes, strides, dilations or pads out of range (0 to %d)", QS_CONV_MAX_DIM);
  for (i = 0; i < w->rank; i++)
    if (w->dims[i] > QS_CONV_MAX_DIM || (i < 2 && x->dims[i] > QS_CONV_MAX_DIM))
      return (int) _qs_op_fail (error, "data or weights dimension out of range (at most %d)", QS_CONV_MAX_DIM);
  if (grouped && w->dims[0] * w->dims[1] > QS_CONV_MAX_DIM)
    return (int) _qs_op_fail (error, "too many output channels");

  p->n = x->dims[0];
  p->ic = x->dims[1];
  p->ih = in_sp[0];
  p->iw = in_sp[1];
  if (grouped)
    {
      p->groups = w->dims[0];
      p->oc = w->dims[0] * w->dims[1];
      if (w->dims[2] * (gint64) p->groups != p->ic)
        return (int) _qs_op_fail (error, "weights [G=%" G_GINT64_FORMAT ", ..., %" G_GINT64_FORMAT ", ...] do not fit %d input channels",
                            w->dims[0], w->dims[2], p->ic);
    }
  else
    {
      p->groups = 1;
      p->oc = w->dims[0];
      if (w->dims[1] != p->ic)
        return (int) _qs_op_fail (error, "weights have %" G_GINT64_FORMAT " input channels, data has %d", w->dims[1], p->ic);
    }
  p->kh = k_sp[0];
  p->kw = k_sp[1];
  p->stride_h = st[0];
  p->stride_w = st[1];
  p->dil_h = dl[0];
  p->dil_w = dl[1];
  p->pad_top = pads_b[0];
  p->pad_left = pads_b[1];
  p->pad_bottom = pads_e[0];
  p->pad_right = pads_e[1];

  return n_sp;
}

QsTensor *
_qs_op_conv_output (const QsConvParams *p,
                    int                 n_sp,
                    QsElementType       type)
{
  gint64 dims[4] = { p->n, p->oc, n_sp == 1 ? p->ow : p->oh, p->ow };

  return qs_tensor_new_uninit (type, n_sp + 2, dims);
}

/* ---- 3-D convolution ----
 *
 * A rank-5 convolution runs as a sum of 2-D ones: output depth od is the
 * sum over the kernel depths kd of the 2-D convolution of input depth
 * od * stride - pad + kd * dilation (when it lies inside the input) with
 * the weights' depth slice kd.  The 2-D kernels do the height and width. */

typedef struct
{
  gint64 n, k, s, d, pb, pe, out;
} DepthAxis;

/* One packed convolution per kernel depth, NULL-terminated. */
static void
conv3d_free (gpointer data)
{
  QsConvF32 **conv = data;
  int i;

  for (i = 0; conv[i] != NULL; i++)
    qs_conv_f32_free (conv[i]);
  g_free (conv);
}

/* The weights' depth slice @kd as [OC, IC/G, KH, KW] (the same flat order
 * for grouped weights [G, OC/G, IC/G, KH, KW]). */
static void
weights_depth_slice (const float *w,
                     gsize        rows,
                     gint64       depth,
                     gint64       kd,
                     gsize        plane,
                     float       *dst)
{
  gsize r;

  for (r = 0; r < rows; r++)
    memcpy (dst + r * plane, w + (r * depth + kd) * plane, plane * sizeof (float));
}

static QsConvF32 **
prepare_conv3d (const QsConvParams *p,
                const float        *w,
                gsize               rows,
                const DepthAxis    *da,
                float              *slice)
{
  QsConvF32 **conv = g_new0 (QsConvF32 *, da->k + 1);
  gsize plane = (gsize) p->kh * p->kw;
  gint64 kd;

  for (kd = 0; kd < da->k; kd++)
    {
      weights_depth_slice (w, rows, da->k, kd, plane, slice);
      conv[kd] = qs_conv_f32_prepare (p, slice, NULL);
    }
  return conv;
}

typedef struct
{
  const QsConvParams *p;
  const float        *w;
  gsize               rows;
  const DepthAxis    *da;
  float              *slice;
} Conv3dPrepare;

static gpointer
prepare_conv3d_kept (gpointer data)
{
  Conv3dPrepare *cp = data;

  return prepare_conv3d (cp->p, cp->w, cp->rows, cp->da, cp->slice);
}

static gboolean
convolution_3d (QsOpCtx  *ctx,
                gboolean  grouped,
                GError  **error)
{
  QsTensor *x = ctx->in[0], *w = ctx->in[1];
  g_autoptr(GArray) strides = NULL, pb = NULL, pe = NULL, dil = NULL;
  g_autoptr(QsTensor) out = NULL;
  g_autoptr(GError) local = NULL;
  QS_AUTO_SCRATCH float *xs = NULL;
  QS_AUTO_SCRATCH float *ws = NULL;
  QS_AUTO_SCRATCH float *tmp = NULL;
  const char *auto_pad = qs_node_get_attr (ctx->node, "auto_pad");
  DepthAxis ax[3];
  QsConvParams p = { 0 };
  QsConvF32 **conv = NULL;
  gboolean own_conv = FALSE;
  int wo = grouped ? 1 : 0, i;
  gint64 od, kd, n, c, oc, ic_g;
  gsize rows, in_plane, out_plane, kplane;
  gint64 dims[5];

  if (w->rank != 5 + wo)
    return _qs_op_fail (error, "weights rank %d does not fit data rank 5", w->rank);
  strides = qs_node_get_int_list (ctx->node, "strides", error);
  if (strides == NULL)
    return FALSE;
  dil = qs_node_get_int_list (ctx->node, "dilations", &local);
  pb = qs_node_get_int_list (ctx->node, "pads_begin", NULL);
  pe = qs_node_get_int_list (ctx->node, "pads_end", NULL);
  for (i = 0; i < 3; i++)
    {
      DepthAxis *a = &ax[i];

      a->n = x->dims[2 + i];
      a->k = w->dims[2 + wo + i];
      a->s = (int) strides->len > i ? g_array_index (strides, gint64, i) : 1;
      a->d = dil != NULL && (int) dil->len > i ? g_array_index (dil, gint64, i) : 1;
      a->pb = pb != NULL && (int) pb->len > i ? g_array_index (pb, gint64, i) : 0;
      a->pe = pe != NULL && (int) pe->len > i ? g_array_index (pe, gint64, i) : 0;
      if (a->s < 1 || a->d < 1)
        return _qs_op_fail (error, "strides and dilations must be positive");
      if (a->n > QS_CONV_MAX_DIM || a->k > QS_CONV_MAX_DIM || a->s > QS_CONV_MAX_DIM || a->d > QS_CONV_MAX_DIM ||
          a->pb < 0 || a->pb > QS_CONV_MAX_DIM || a->pe < 0 || a->pe > QS_CONV_MAX_DIM)
        return _qs_op_fail (error, "sizes, strides, dilations or pads out of range (0 to %d)", QS_CONV_MAX_DIM);
      if (!_qs_op_spatial_pads (auto_pad, a->n, a->k, a->s, a->d, &a->pb, &a->pe))
        return _qs_op_fail (error, "auto_pad “%s” is unknown", auto_pad);
      if (a->n + a->pb + a->pe < (a->k - 1) * a->d + 1)
        return _qs_op_fail (error, "the kernel is larger than the padded input");
      a->out = (a->n + a->pb + a->pe - (a->k - 1) * a->d - 1) / a->s + 1;
    }
  for (i = 0; i < w->rank; i++)
    if (w->dims[i] > QS_CONV_MAX_DIM || (i < 2 && x->dims[i] > QS_CONV_MAX_DIM))
      return _qs_op_fail (error, "data or weights dimension out of range (at most %d)", QS_CONV_MAX_DIM);
  if (grouped && w->dims[0] * w->dims[1] > QS_CONV_MAX_DIM)
    return _qs_op_fail (error, "too many output channels");

  p.n = x->dims[0];
  p.ic = x->dims[1];
  p.ih = ax[1].n;
  p.iw = ax[2].n;
  if (grouped)
    {
      p.groups = w->dims[0];
      p.oc = w->dims[0] * w->dims[1];
      if (w->dims[2] * (gint64) p.groups != p.ic)
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
  p.kh = ax[1].k;
  p.kw = ax[2].k;
  p.stride_h = ax[1].s;
  p.stride_w = ax[2].s;
  p.dil_h = ax[1].d;
  p.dil_w = ax[2].d;
  p.pad_top = ax[1].pb;
  p.pad_bottom = ax[1].pe;
  p.pad_left = ax[2].pb;
  p.pad_right = ax[2].pe;
  if (!qs_conv_params_init (&p, &local))
    return _qs_op_fail (error, "%s", local->message);

  ic_g = p.ic / p.groups;
  rows = (gsize) p.oc * ic_g;
  kplane = (gsize) p.kh * p.kw;
  in_plane = (gsize) p.ih * p.iw;
  out_plane = (gsize) p.oh * p.ow;
  if ((guint64) ic_g * kplane * p.ow > G_MAXINT32 || (guint64) ic_g * kplane * p.oc > G_MAXINT32)
    return _qs_op_fail (error, "the kernel is too large (%" G_GUINT64_FORMAT " taps)", (guint64) ic_g * kplane);
  /* the packed weights of every kernel depth and the im2col columns the
   * kernels allocate themselves: count them for the time of the call */
  {
    guint64 kq = (guint64) ic_g * kplane;
    gpointer reserve = qs_budget_alloc_scratch ((kq + 64) * ((guint64) p.oc * ax[0].k + p.ow + 64), sizeof (float));

    if (reserve == NULL)
      return _qs_op_fail_alloc (error, "the packed weights");
    qs_budget_free_scratch (reserve);
  }

  dims[0] = p.n;
  dims[1] = p.oc;
  dims[2] = ax[0].out;
  dims[3] = p.oh;
  dims[4] = p.ow;
  out = qs_tensor_new_f32 (5, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  /* the input as [D][N, C, H, W]: each depth slice a 2-D input */
  xs = qs_budget_alloc_scratch ((gsize) ax[0].n * p.n * p.ic * in_plane, sizeof (float));
  ws = qs_budget_alloc_scratch (rows * kplane, sizeof (float));
  tmp = qs_budget_alloc_scratch ((gsize) p.n * p.oc * out_plane, sizeof (float));
  if (xs == NULL || ws == NULL || tmp == NULL)
    return _qs_op_fail_alloc (error, "the depth slices");

  {
    /* the plan's packing, keyed by the 2-D parameters and the kernel depth */
    struct { QsConvParams p; int kd; } key = { p, (int) ax[0].k };
    Conv3dPrepare cp = { &p, w->data, rows, &ax[0], ws };

    conv = _qs_op_prepared (ctx, 1, &key, sizeof key, prepare_conv3d_kept, &cp, conv3d_free);
  }
  if (conv == NULL)
    {
      conv = prepare_conv3d (&p, w->data, rows, &ax[0], ws);
      own_conv = TRUE;
    }

  {
    gint64 id;
    const float *src = qs_tensor_f32 (x);

    for (id = 0; id < ax[0].n; id++)
      for (n = 0; n < p.n; n++)
        for (c = 0; c < p.ic; c++)
          memcpy (xs + ((id * p.n + n) * p.ic + c) * in_plane, src + ((n * p.ic + c) * ax[0].n + id) * in_plane,
                  in_plane * sizeof (float));
  }
  memset (out->data, 0, out->n_elements * sizeof (float));
  for (od = 0; od < ax[0].out; od++)
    for (kd = 0; kd < ax[0].k; kd++)
      {
        gint64 id = od * ax[0].s - ax[0].pb + kd * ax[0].d;
        float *dst = qs_tensor_f32 (out);

        if (id < 0 || id >= ax[0].n)
          continue;
        qs_conv_f32_run (conv[kd], xs + id * p.n * p.ic * in_plane, tmp);
        for (n = 0; n < p.n; n++)
          for (oc = 0; oc < p.oc; oc++)
            {
              float *o = dst + ((n * p.oc + oc) * ax[0].out + od) * out_plane;
              const float *t = tmp + (n * p.oc + oc) * out_plane;
              gsize j;

              for (j = 0; j < out_plane; j++)
                o[j] += t[j];
            }
      }
  if (own_conv)
    conv3d_free (conv);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
convolution (QsOpCtx  *ctx,
             gboolean  grouped,
             GError  **error)
{
  QsTensor *x, *w;
  QsConvParams p = { 0 };
  int n_sp;
  g_autoptr(QsTensor) out = NULL;
  g_autoptr(GError) local = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  w = ctx->in[1];
  if (x->type != QS_ELEMENT_F32 || w->type != QS_ELEMENT_F32)
    return int_operands (x, w, "data and weights", error) && convolution_int (ctx, grouped, error);
  if (x->rank == 5)
    return convolution_3d (ctx, grouped, error);
  n_sp = _qs_op_conv_geometry (ctx, x, w, grouped, &p, error);
  if (n_sp == 0)
    return FALSE;
  if ((gint64) p.ih + p.pad_top + p.pad_bottom < (gint64) (p.kh - 1) * p.dil_h + 1 ||
      (gint64) p.iw + p.pad_left + p.pad_right < (gint64) (p.kw - 1) * p.dil_w + 1)
    return _qs_op_fail (error, "the kernel is larger than the padded input");
  if (!qs_conv_params_init (&p, &local))
    return _qs_op_fail (error, "%s", local->message);

  out = _qs_op_conv_output (&p, n_sp, QS_ELEMENT_F32);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  /* the packed weights and the im2col columns the kernels allocate
   * themselves: count them for the time of the call */
  {
    guint64 kq = (guint64) (p.ic / p.groups) * p.kh * p.kw;
    gpointer reserve;

    if (kq * p.ow > G_MAXINT32 || kq * p.oc > G_MAXINT32)
      return _qs_op_fail (error, "the kernel is too large (%" G_GUINT64_FORMAT " taps)", kq);
    reserve = qs_budget_alloc_scratch ((kq + 64) * (p.oc + p.ow + 64), sizeof (float));
    if (reserve == NULL)
      return _qs_op_fail_alloc (error, "the packed weights");
    qs_budget_free_scratch (reserve);
  }
  run_conv (ctx, &p, x->data, w->data, out->data);
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

gboolean
_qs_op_matmul_shape (QsOpCtx         *ctx,
                     const QsTensor  *a,
                     const QsTensor  *b,
                     QsMatMulShape   *s,
                     GError         **error)
{
  gint64 ad[QS_TENSOR_MAX_RANK], bd[QS_TENSOR_MAX_RANK], od[QS_TENSOR_MAX_RANK];
  int ar, br, r, i;
  gint64 Kb;
  QsTensor *ops[3];
  QsTensor fa, fb, fo;

  memset (s, 0, sizeof *s);
  if (!qs_node_get_bool (ctx->node, "transpose_a", FALSE, &s->ta, error) ||
      !qs_node_get_bool (ctx->node, "transpose_b", FALSE, &s->tb, error))
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
      s->ta = FALSE;
    }
  br = b->rank;
  memcpy (bd, b->dims, sizeof (gint64) * br);
  if (br == 1)
    {
      bd[1] = 1;
      br = 2;
      s->tb = FALSE;
    }
  s->M = s->ta ? ad[ar - 1] : ad[ar - 2];
  s->K = s->ta ? ad[ar - 2] : ad[ar - 1];
  Kb = s->tb ? bd[br - 1] : bd[br - 2];
  s->N = s->tb ? bd[br - 2] : bd[br - 1];
  if (s->K != Kb)
    return _qs_op_fail (error, "inner dimensions differ (%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT ")", s->K, Kb);
  if (s->M > G_MAXINT32 || s->N > G_MAXINT32 || s->K > G_MAXINT32)
    return _qs_op_fail (error, "matrices too large for the kernel");

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
  _qs_bcast_init (&s->bc, r, od, ops, 3);
  s->n_batch = _qs_dims_product (od, 0, r);

  for (i = 0; i < r; i++)
    s->out_dims[s->out_rank++] = od[i];
  if (a->rank > 1)
    s->out_dims[s->out_rank++] = s->M;
  if (b->rank > 1)
    s->out_dims[s->out_rank++] = s->N;
  return TRUE;
}

void
_qs_op_matmul_batch (const QsMatMulShape *s,
                     gsize                batch,
                     gsize               *a_matrix,
                     gsize               *b_matrix)
{
  const QsBcast *bc = &s->bc;
  gsize row = batch / bc->dims[bc->rank - 1], col = batch % bc->dims[bc->rank - 1];
  gsize off[3];

  _qs_bcast_row (bc, row, off);
  *a_matrix = off[1] + col * bc->strides[1][bc->rank - 1];
  *b_matrix = off[2] + col * bc->strides[2][bc->rank - 1];
}

static gboolean
op_matmul (QsOpCtx *ctx,
           GError **error)
{
  QsTensor *a, *b;
  QsMatMulShape s;
  g_autoptr(QsTensor) out = NULL;
  gint64 M, K, N;
  gsize batch;
  float *at = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  a = ctx->in[0];
  b = ctx->in[1];
  if (a->type != QS_ELEMENT_F32 || b->type != QS_ELEMENT_F32)
    return int_operands (a, b, "inputs", error) && matmul_int (ctx, error);
  if (!_qs_op_matmul_shape (ctx, a, b, &s, error))
    return FALSE;
  M = s.M;
  K = s.K;
  N = s.N;
  /* the product writes every element (k = 0 included) */
  out = qs_tensor_new_uninit (QS_ELEMENT_F32, s.out_rank, s.out_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");

  if (s.ta)
    {
      at = qs_budget_alloc_scratch ((gsize) M * K, sizeof (float));
      if (at == NULL)
        return _qs_op_fail_alloc (error, "the transposed A");
    }
  for (batch = 0; batch < s.n_batch; batch++)
    {
      const float *pa, *pb;
      float *pc;
      gsize ia, ib;

      _qs_op_matmul_batch (&s, batch, &ia, &ib);
      pa = qs_tensor_f32 (a) + ia * M * K;
      pb = qs_tensor_f32 (b) + ib * K * N;
      pc = qs_tensor_f32 (out) + batch * M * N;
      if (s.ta)
        {
          /* the kernel takes A as [M,K]; transpose it into a scratch copy */
          gint64 m, k;

          for (m = 0; m < M; m++)
            for (k = 0; k < K; k++)
              at[m * K + k] = pa[k * M + m];
          pa = at;
        }
      qs_matmul_f32 (M, N, K, pa, pb, s.tb, pc);
    }
  qs_budget_free_scratch (at);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- ConvolutionBackpropData-1, GroupConvolutionBackpropData-1 ----
 *
 * The transposed convolution: every input element, times each weight tap,
 * lands at output position i·stride − pad_begin + k·dilation.  Output size
 * per axis: stride·(in − 1) + dilation·(kernel − 1) + 1 − pads_begin −
 * pads_end + output_padding.  1 to 3 spatial axes; data [N, C_in, ...],
 * weights [C_in, C_out, ...] or, grouped, [G, C_in/G, C_out/G, ...].  The
 * optional output_shape input gives that size instead: with same_upper or
 * same_lower the pads follow from it, otherwise it must match the pads. */

#define BACKPROP_MAX_SP QS_BACKPROP_MAX_SP

static gboolean
backprop_list (QsOpCtx    *ctx,
               const char *name,
               int         n_sp,
               gint64      fallback,
               gint64     *out,
               GError    **error)
{
  g_autoptr(GArray) list = qs_node_get_int_list (ctx->node, name, NULL);
  int i;

  for (i = 0; i < n_sp; i++)
    out[i] = fallback;
  if (list == NULL || list->len == 0)
    return TRUE;
  if ((int) list->len != n_sp)
    return _qs_op_fail (error, "attribute %s has %u values for %d spatial axes", name, list->len, n_sp);
  for (i = 0; i < n_sp; i++)
    out[i] = g_array_index (list, gint64, i);
  return TRUE;
}

gboolean
_qs_op_backprop_geometry (QsOpCtx            *ctx,
                          const QsTensor     *x,
                          const QsTensor     *w,
                          gboolean            grouped,
                          QsBackpropGeometry *g,
                          GError            **error)
{
  const char *auto_pad = qs_node_get_attr (ctx->node, "auto_pad");
  gint64 st[BACKPROP_MAX_SP], dl[BACKPROP_MAX_SP], pb[BACKPROP_MAX_SP], pe[BACKPROP_MAX_SP], op[BACKPROP_MAX_SP];
  gint64 want[BACKPROP_MAX_SP];
  gboolean same, has_want = FALSE;
  int n_sp, i, wo = grouped ? 1 : 0;

  memset (g, 0, sizeof *g);
  for (i = 0; i < BACKPROP_MAX_SP; i++)
    {
      g->in[i] = g->k[i] = g->out[i] = g->stride[i] = g->dilation[i] = 1;
      g->pad[i] = 0;
    }
  n_sp = x->rank - 2;
  if (n_sp < 1 || n_sp > BACKPROP_MAX_SP)
    return _qs_op_fail (error, "needs data of rank 3 to 5 (rank %d)", x->rank);
  if (w->rank != x->rank + wo)
    return _qs_op_fail (error, "weights rank %d does not fit data rank %d", w->rank, x->rank);
  if (!backprop_list (ctx, "strides", n_sp, 1, st, error) ||
      !backprop_list (ctx, "dilations", n_sp, 1, dl, error) ||
      !backprop_list (ctx, "pads_begin", n_sp, 0, pb, error) ||
      !backprop_list (ctx, "pads_end", n_sp, 0, pe, error) ||
      !backprop_list (ctx, "output_padding", n_sp, 0, op, error))
    return FALSE;
  same = auto_pad != NULL && (strcmp (auto_pad, "same_upper") == 0 || strcmp (auto_pad, "same_lower") == 0);
  if (auto_pad != NULL && strcmp (auto_pad, "valid") == 0)
    for (i = 0; i < n_sp; i++)
      pb[i] = pe[i] = 0;
  else if (auto_pad != NULL && auto_pad[0] != '\0' && strcmp (auto_pad, "explicit") != 0 &&
           strcmp (auto_pad, "notset") != 0 && !same)
    return _qs_op_fail (error, "attribute auto_pad=“%s” is unknown", auto_pad);
  if (ctx->n_in > 2 && ctx->in[2] != NULL)
    {
      const QsTensor *os = ctx->in[2];
      const QsElementTraits *tr = qs_element_type_traits (os->type);

      if (tr == NULL || !tr->is_integer || os->type == QS_ELEMENT_BOOLEAN || os->rank != 1 ||
          os->n_elements != (gsize) n_sp)
        return _qs_op_fail (error, "the output_shape input must be %d integers, one per spatial axis", n_sp);
      for (i = 0; i < n_sp; i++)
        {
          want[i] = qs_tensor_get_i64 (os, i);
          if (want[i] < 1 || want[i] > QS_CONV_MAX_DIM)
            return _qs_op_fail (error, "output_shape value %" G_GINT64_FORMAT " on spatial axis %d is out of range "
                                "(1 to %d)", want[i], i, QS_CONV_MAX_DIM);
        }
      has_want = TRUE;
    }
  else if (same)
    return _qs_op_fail (error, "attribute auto_pad=“%s” needs the output_shape input", auto_pad);

  g->n_sp = n_sp;
  g->groups = grouped ? w->dims[0] : 1;
  g->icg = w->dims[wo];
  g->ocg = w->dims[wo + 1];
  g->batch = x->dims[0];
  if (g->groups < 1 || g->icg * g->groups != x->dims[1])
    return _qs_op_fail (error, "weights for %" G_GINT64_FORMAT " input channels do not fit data with %" G_GINT64_FORMAT,
                        g->icg * g->groups, x->dims[1]);
  g->out_rank = x->rank;
  g->out_dims[0] = x->dims[0];
  g->out_dims[1] = g->groups * g->ocg;
  for (i = 0; i < n_sp; i++)
    {
      gint64 size;
      int j = BACKPROP_MAX_SP - n_sp + i;

      if (st[i] < 1 || st[i] > QS_CONV_MAX_DIM || dl[i] < 1 || dl[i] > QS_CONV_MAX_DIM)
        return _qs_op_fail (error, "strides and dilations must be between 1 and %d", QS_CONV_MAX_DIM);
      if (pb[i] < 0 || pe[i] < 0 || op[i] < 0 || pb[i] > QS_CONV_MAX_DIM || pe[i] > QS_CONV_MAX_DIM ||
          op[i] > QS_CONV_MAX_DIM)
        return _qs_op_fail (error, "pads and output_padding must lie in 0..%d", QS_CONV_MAX_DIM);
      if (x->dims[2 + i] > QS_CONV_MAX_DIM || w->dims[2 + wo + i] > QS_CONV_MAX_DIM)
        return _qs_op_fail (error, "data or weights dimension out of range (at most %d)", QS_CONV_MAX_DIM);
      if (has_want && same)
        {
          /* the padding the requested size leaves, split as OpenVINO does for
           * the transposed convolution: same_upper puts the odd one at the begin */
          gint64 total = st[i] * (x->dims[2 + i] - 1) + dl[i] * (w->dims[2 + wo + i] - 1) + 1 - want[i] + op[i];

          if (total < 0)
            return _qs_op_fail (error, "output_shape %" G_GINT64_FORMAT " on spatial axis %d is larger than the "
                                "%" G_GINT64_FORMAT " the data and kernel give", want[i], i, want[i] + total);
          if (auto_pad[5] == 'u')
            {
              pe[i] = total / 2;
              pb[i] = total - pe[i];
            }
          else
            {
              pb[i] = total / 2;
              pe[i] = total - pb[i];
            }
        }
      size = st[i] * (x->dims[2 + i] - 1) + dl[i] * (w->dims[2 + wo + i] - 1) + 1 - pb[i] - pe[i] + op[i];
      if (has_want && size != want[i])
        return _qs_op_fail (error, "output_shape %" G_GINT64_FORMAT " on spatial axis %d differs from the "
                            "%" G_GINT64_FORMAT " the pads give", want[i], i, size);
      if (x->dims[2 + i] < 1 || size < 1)
        return _qs_op_fail (error, "the output would be empty on spatial axis %d", i);
      g->out_dims[2 + i] = size;
      g->in[j] = x->dims[2 + i];
      g->k[j] = w->dims[2 + wo + i];
      g->out[j] = size;
      g->stride[j] = st[i];
      g->dilation[j] = dl[i];
      g->pad[j] = pb[i];
    }
  return TRUE;
}

/* The transposed convolution as a scatter: every input value times every
 * weight, added into the output it reaches.  One loop nest for the float
 * sums and the integer ones (XT the operands' type, AT the sums', u64 for
 * the integers so that they wrap as the element type does); a zero input
 * adds nothing and is skipped.  Uses the caller's geometry names. */
#define BACKPROP_SCATTER(XT, AT, xd, wd, od) \
  for (n = 0; n < x->dims[0]; n++) \
    for (g = 0; g < G; g++) \
      for (ci = 0; ci < icg; ci++) \
        { \
          const XT *xs = (xd) + ((n * G + g) * icg + ci) * in[0] * in[1] * in[2]; \
 \
          for (co = 0; co < ocg; co++) \
            { \
              const XT *ws = (wd) + ((g * icg + ci) * ocg + co) * k[0] * k[1] * k[2]; \
              AT *os = (od) + ((n * G + g) * ocg + co) * o[0] * o[1] * o[2]; \
 \
              for (a = 0; a < in[0]; a++) \
                for (b = 0; b < in[1]; b++) \
                  for (c = 0; c < in[2]; c++) \
                    { \
                      AT v = (AT) xs[(a * in[1] + b) * in[2] + c]; \
 \
                      if (v == 0) \
                        continue; \
                      for (ka = 0; ka < k[0]; ka++) \
                        { \
                          gint64 oa = a * s3[0] - p3[0] + ka * d3[0]; \
 \
                          if (oa < 0 || oa >= o[0]) \
                            continue; \
                          for (kb = 0; kb < k[1]; kb++) \
                            { \
                              gint64 ob = b * s3[1] - p3[1] + kb * d3[1]; \
 \
                              if (ob < 0 || ob >= o[1]) \
                                continue; \
                              for (kc = 0; kc < k[2]; kc++) \
                                { \
                                  gint64 oc = c * s3[2] - p3[2] + kc * d3[2]; \
 \
                                  if (oc >= 0 && oc < o[2]) \
                                    os[(oa * o[1] + ob) * o[2] + oc] += v * (AT) ws[(ka * k[1] + kb) * k[2] + kc]; \
                                } \
                            } \
                        } \
                    } \
            } \
        }

static gboolean
convolution_backprop (QsOpCtx  *ctx,
                      gboolean  grouped,
                      GError  **error)
{
  QsTensor *x, *w;
  QsBackpropGeometry geo;
  const gint64 *in = geo.in, *k = geo.k, *o = geo.out, *s3 = geo.stride, *d3 = geo.dilation, *p3 = geo.pad;
  gint64 G, icg, ocg, n, g, ci, co, a, b, c, ka, kb, kc;
  g_autoptr(QsTensor) out = NULL;
  const float *xd, *wd;
  float *od;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  w = ctx->in[1];
  if (x->type != QS_ELEMENT_F32 || w->type != QS_ELEMENT_F32)
    return int_operands (x, w, "data and weights", error) && convolution_backprop_int (ctx, grouped, error);
  if (!_qs_op_backprop_geometry (ctx, x, w, grouped, &geo, error))
    return FALSE;
  G = geo.groups;
  icg = geo.icg;
  ocg = geo.ocg;
  out = qs_tensor_new_uninit (QS_ELEMENT_F32, geo.out_rank, geo.out_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  memset (out->data, 0, out->n_elements * sizeof (float));
  xd = x->data;
  wd = w->data;
  od = out->data;
  BACKPROP_SCATTER (float, float, xd, wd, od);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_convolution_backprop (QsOpCtx *ctx,
                         GError **error)
{
  return convolution_backprop (ctx, FALSE, error);
}

static gboolean
op_group_convolution_backprop (QsOpCtx *ctx,
                               GError **error)
{
  return convolution_backprop (ctx, TRUE, error);
}

/* ---- the integer paths ----
 *
 * Straight loops over gint64 copies of the operands: integer convolutions
 * and MatMuls are rare in real models (the int8 mode has its own kernels),
 * so exactness matters here, not speed. */

/* @t's elements as gint64, in scratch memory. */
static gint64 *
int_values (const QsTensor *t,
            const char     *what,
            GError        **error)
{
  gint64 *v = qs_budget_alloc_scratch (MAX (t->n_elements, 1), sizeof (gint64));
  gsize i;

  if (v == NULL)
    {
      _qs_op_fail_alloc (error, what);
      return NULL;
    }
  for (i = 0; i < t->n_elements; i++)
    v[i] = qs_tensor_get_i64 (t, i);
  return v;
}

static gboolean
convolution_int (QsOpCtx  *ctx,
                 gboolean  grouped,
                 GError  **error)
{
  QsTensor *x = ctx->in[0], *w = ctx->in[1];
  const char *auto_pad = qs_node_get_attr (ctx->node, "auto_pad");
  gint64 st[BACKPROP_MAX_SP], dl[BACKPROP_MAX_SP], pb[BACKPROP_MAX_SP], pe[BACKPROP_MAX_SP];
  gint64 in[3] = { 1, 1, 1 }, k[3] = { 1, 1, 1 }, o[3] = { 1, 1, 1 }, s3[3] = { 1, 1, 1 }, d3[3] = { 1, 1, 1 };
  gint64 p3[3] = { 0, 0, 0 }, dims[QS_TENSOR_MAX_RANK];
  gint64 G, icg, ocg, oc_n, n, oc, ci, a, b, c, ka, kb, kc;
  QS_AUTO_SCRATCH gint64 *xv = NULL;
  QS_AUTO_SCRATCH gint64 *wv = NULL;
  g_autoptr(QsTensor) out = NULL;
  int n_sp = x->rank - 2, wo = grouped ? 1 : 0, i;
  gsize idx = 0;

  if (n_sp < 1 || n_sp > 3)
    return _qs_op_fail (error, "needs data of rank 3 to 5 (rank %d)", x->rank);
  if (w->rank != x->rank + wo)
    return _qs_op_fail (error, "weights rank %d does not fit data rank %d", w->rank, x->rank);
  if (!backprop_list (ctx, "strides", n_sp, 1, st, error) ||
      !backprop_list (ctx, "dilations", n_sp, 1, dl, error) ||
      !backprop_list (ctx, "pads_begin", n_sp, 0, pb, error) ||
      !backprop_list (ctx, "pads_end", n_sp, 0, pe, error))
    return FALSE;
  G = grouped ? w->dims[0] : 1;
  oc_n = grouped ? w->dims[0] * w->dims[1] : w->dims[0];
  icg = w->dims[1 + wo];
  if (G < 1 || icg * G != x->dims[1])
    return _qs_op_fail (error, "weights for %" G_GINT64_FORMAT " input channels do not fit data with %" G_GINT64_FORMAT,
                        icg * G, x->dims[1]);
  ocg = oc_n / G;
  dims[0] = x->dims[0];
  dims[1] = oc_n;
  for (i = 0; i < n_sp; i++)
    {
      int j = 3 - n_sp + i;
      gint64 n_in = x->dims[2 + i], kk = w->dims[2 + wo + i];

      if (st[i] < 1 || st[i] > QS_CONV_MAX_DIM || dl[i] < 1 || dl[i] > QS_CONV_MAX_DIM)
        return _qs_op_fail (error, "strides and dilations must be between 1 and %d", QS_CONV_MAX_DIM);
      if (n_in > QS_CONV_MAX_DIM || kk > QS_CONV_MAX_DIM || kk < 1)
        return _qs_op_fail (error, "data or weights dimension out of range (1 to %d)", QS_CONV_MAX_DIM);
      if (!_qs_op_spatial_pads (auto_pad, n_in, kk, st[i], dl[i], &pb[i], &pe[i]))
        return _qs_op_fail (error, "attribute auto_pad=“%s” is unknown", auto_pad);
      if (pb[i] < 0 || pe[i] < 0 || pb[i] > QS_CONV_MAX_DIM || pe[i] > QS_CONV_MAX_DIM)
        return _qs_op_fail (error, "pads must lie in 0..%d", QS_CONV_MAX_DIM);
      if (n_in + pb[i] + pe[i] < (kk - 1) * dl[i] + 1)
        return _qs_op_fail (error, "the kernel is larger than the padded input");
      in[j] = n_in;
      k[j] = kk;
      s3[j] = st[i];
      d3[j] = dl[i];
      p3[j] = pb[i];
      o[j] = (n_in + pb[i] + pe[i] - (kk - 1) * dl[i] - 1) / st[i] + 1;
      dims[2 + i] = o[j];
    }
  out = qs_tensor_new (x->type, x->rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  xv = int_values (x, "the data", error);
  if (xv == NULL)
    return FALSE;
  wv = int_values (w, "the weights", error);
  if (wv == NULL)
    return FALSE;
  for (n = 0; n < x->dims[0]; n++)
    for (oc = 0; oc < oc_n; oc++)
      for (a = 0; a < o[0]; a++)
        for (b = 0; b < o[1]; b++)
          for (c = 0; c < o[2]; c++)
            {
              gint64 g = oc / ocg;
              guint64 sum = 0;

              for (ci = 0; ci < icg; ci++)
                {
                  const gint64 *xs = xv + (n * x->dims[1] + g * icg + ci) * in[0] * in[1] * in[2];
                  const gint64 *ws = wv + (oc * icg + ci) * k[0] * k[1] * k[2];

                  for (ka = 0; ka < k[0]; ka++)
                    {
                      gint64 ia = a * s3[0] - p3[0] + ka * d3[0];

                      if (ia < 0 || ia >= in[0])
                        continue;
                      for (kb = 0; kb < k[1]; kb++)
                        {
                          gint64 ib = b * s3[1] - p3[1] + kb * d3[1];

                          if (ib < 0 || ib >= in[1])
                            continue;
                          for (kc = 0; kc < k[2]; kc++)
                            {
                              gint64 ic = c * s3[2] - p3[2] + kc * d3[2];

                              if (ic >= 0 && ic < in[2])
                                sum += (guint64) xs[(ia * in[1] + ib) * in[2] + ic] *
                                       (guint64) ws[(ka * k[1] + kb) * k[2] + kc];
                            }
                        }
                    }
                }
              qs_tensor_set_i64 (out, idx++, (gint64) sum);
            }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
convolution_backprop_int (QsOpCtx  *ctx,
                          gboolean  grouped,
                          GError  **error)
{
  QsTensor *x = ctx->in[0], *w = ctx->in[1];
  QsBackpropGeometry geo;
  const gint64 *in = geo.in, *k = geo.k, *o = geo.out, *s3 = geo.stride, *d3 = geo.dilation, *p3 = geo.pad;
  gint64 G, icg, ocg, n, g, ci, co, a, b, c, ka, kb, kc;
  QS_AUTO_SCRATCH gint64 *xv = NULL;
  QS_AUTO_SCRATCH gint64 *wv = NULL;
  QS_AUTO_SCRATCH guint64 *acc = NULL;
  g_autoptr(QsTensor) out = NULL;
  gsize i;

  if (!_qs_op_backprop_geometry (ctx, x, w, grouped, &geo, error))
    return FALSE;
  G = geo.groups;
  icg = geo.icg;
  ocg = geo.ocg;
  out = qs_tensor_new (x->type, geo.out_rank, geo.out_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  acc = qs_budget_alloc_scratch (MAX (out->n_elements, 1), sizeof (guint64));
  if (acc == NULL)
    return _qs_op_fail_alloc (error, "the sums");
  memset (acc, 0, MAX (out->n_elements, 1) * sizeof (guint64));
  xv = int_values (x, "the data", error);
  if (xv == NULL)
    return FALSE;
  wv = int_values (w, "the weights", error);
  if (wv == NULL)
    return FALSE;
  BACKPROP_SCATTER (gint64, guint64, xv, wv, acc);
  for (i = 0; i < out->n_elements; i++)
    qs_tensor_set_i64 (out, i, (gint64) acc[i]);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
matmul_int (QsOpCtx  *ctx,
            GError  **error)
{
  QsTensor *a = ctx->in[0], *b = ctx->in[1];
  QsMatMulShape s;
  g_autoptr(QsTensor) out = NULL;
  QS_AUTO_SCRATCH gint64 *av = NULL;
  QS_AUTO_SCRATCH gint64 *bv = NULL;
  gint64 M, K, N, m, nn, kk;
  gsize batch, idx = 0;

  if (!_qs_op_matmul_shape (ctx, a, b, &s, error))
    return FALSE;
  M = s.M;
  K = s.K;
  N = s.N;
  out = qs_tensor_new (a->type, s.out_rank, s.out_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  av = int_values (a, "the first input", error);
  if (av == NULL)
    return FALSE;
  bv = int_values (b, "the second input", error);
  if (bv == NULL)
    return FALSE;
  for (batch = 0; batch < s.n_batch; batch++)
    {
      const gint64 *pa, *pb;
      gsize ia, ib;

      _qs_op_matmul_batch (&s, batch, &ia, &ib);
      pa = av + ia * M * K;
      pb = bv + ib * K * N;
      for (m = 0; m < M; m++)
        for (nn = 0; nn < N; nn++)
          {
            guint64 sum = 0;

            for (kk = 0; kk < K; kk++)
              sum += (guint64) pa[s.ta ? kk * M + m : m * K + kk] * (guint64) pb[s.tb ? nn * K + kk : kk * N + nn];
            qs_tensor_set_i64 (out, idx++, (gint64) sum);
          }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}


const QsOpEntry _qs_op_conv_table[] = {
  { "Convolution", 1, G_MAXINT, op_convolution },
  { "GroupConvolution", 1, G_MAXINT, op_group_convolution },
  { "ConvolutionBackpropData", 1, G_MAXINT, op_convolution_backprop },
  { "GroupConvolutionBackpropData", 1, G_MAXINT, op_group_convolution_backprop },
  { "MatMul", 1, G_MAXINT, op_matmul },
  { NULL, 0, 0, NULL }
};
