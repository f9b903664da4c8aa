/* qs-conv-f32.c — fast fp32 convolution
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Prepare packs the weights of each group into micro-kernel panels for the
 * ISA in use at that moment; run copies the input into zero-padded planes
 * (or uses it as is when there is no padding) and hands every group to the
 * shared blocked GEMM in qs-gemm.c.  Depthwise layers (one input channel
 * per group) would waste the whole register tile on one row, so they get
 * their own direct kernel instead.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-kernels-private.h"

struct _QsConvF32
{
  QsConvParams        p;
  const QsIsaKernels *k;
  gboolean            depthwise;
  gboolean            cv;          /* packed for the channel-vector kernel */
  gsize               kq;          /* icg * kh * kw */
  gsize               a_group;     /* floats of packed weights per group */
  float              *a;           /* packed weights, or raw ones for depthwise */
  float              *bias;        /* NULL: none */
  QsCvSkip           *skip;        /* channel-vector over the planes: the padding's units left out */
};

QsConvF32 *
qs_conv_f32_prepare (const QsConvParams *p,
                     const float        *weights,
                     const float        *bias)
{
  QS_KERNEL_TIMED;
  QsConvF32 *conv = g_new0 (QsConvF32, 1);
  int icg = p->ic / p->groups;
  int ocg = p->oc / p->groups;
  const QsUkernel *uk;
  gsize mr, blocks;

  conv->p = *p;
  conv->k = _qs_isa_kernels (qs_kernels_get_isa ());
  conv->depthwise = icg == 1;
  conv->kq = (gsize) icg * p->kh * p->kw;
  if (bias != NULL)
    conv->bias = g_memdup2 (bias, sizeof (float) * p->oc);

  if (conv->depthwise)
    {
      conv->a = g_memdup2 (weights, sizeof (float) * p->oc * conv->kq);
      return conv;
    }

  uk = &conv->k->f32;
  conv->cv = _qs_conv_use_cv (p, uk, &conv->k->f32_cv, conv->kq);
  mr = conv->cv ? QS_CV_OC : (gsize) uk->mr;
  blocks = (ocg + mr - 1) / mr;
  conv->a_group = blocks * mr * conv->kq;
  conv->a = g_aligned_alloc0 (conv->a_group * p->groups, sizeof (float), 64);
  if (conv->cv && _qs_conv_use_direct (p, uk->nr) && conv->k->f32_cv.idx_funcs != NULL)
    {
      /* A product with the padding adds +0 to the chain unless the weight
       * is not finite (then NaN): with every weight finite, leaving those
       * units out gives the full chain's sums (up to the sign of a zero
       * sum, which only underflowing products can make -0). */
      gboolean finite = TRUE;

      for (gsize i = 0; i < (gsize) p->oc * conv->kq && finite; i++)
        finite = isfinite (weights[i]);
      if (finite)
        conv->skip = _qs_cv_skip_new (p, icg);
    }

  for (int g = 0; g < p->groups; g++)
    for (gsize rb = 0; rb < blocks; rb++)
      {
        float *panel = conv->a + g * conv->a_group + rb * mr * conv->kq;

        for (gsize i = 0; i < mr && rb * mr + i < (gsize) ocg; i++)
          {
            const float *w = weights + ((gsize) g * ocg + rb * mr + i) * conv->kq;

            for (gsize k = 0; k < conv->kq; k++)
              panel[k * mr + i] = w[k];
          }
      }
  return conv;
}

void
qs_conv_f32_free (QsConvF32 *conv)
{
  if (conv == NULL)
    return;
  if (conv->depthwise)
    g_free (conv->a);
  else
    g_aligned_free (conv->a);
  g_free (conv->bias);
  _qs_cv_skip_free (conv->skip);
  g_free (conv);
}

/* Copy input channels into zero-padded planes: padded rows [row0, row1)
 * of one plane (QsPadRowsF32Func). */
void
_qs_pad_rows_f32 (const float *in,
                  int          ih,
                  int          iw,
                  int          pt,
                  int          pl,
                  float       *out,
                  gsize        wp,
                  gsize        row0,
                  gsize        row1)
{
  for (gsize r = row0; r < row1; r++)
    {
      float *row = out + r * wp;
      int y = (int) r - pt;

      if (y < 0 || y >= ih)
        {
          memset (row, 0, sizeof (float) * wp);
          continue;
        }
      memset (row, 0, sizeof (float) * pl);
      memcpy (row + pl, in + (gsize) y * iw, sizeof (float) * iw);
      memset (row + pl + iw, 0, sizeof (float) * (wp - pl - iw));
    }
}

static void
pad_plane_f32 (const QsConvParams *p,
               const float        *in,
               float              *out,
               gsize               hp,
               gsize               wp)
{
  _qs_pad_rows_f32 (in, p->ih, p->iw, p->pad_top, p->pad_left, out, wp, 0, hp);
}

typedef struct
{
  const QsConvParams *p;
  const float        *src;      /* channel 0 of this image */
  gsize               hp, wp;
  QsPadRowsF32Func    pad;
} PadJob;

static void
pad_rows (gconstpointer data,
          guint32      *planes,
          gsize         c,
          gsize         row0,
          gsize         row1)
{
  const PadJob *job = data;

  const QsConvParams *p = job->p;

  job->pad (job->src + c * p->ih * p->iw, p->ih, p->iw, p->pad_top, p->pad_left,
            (float *) planes + c * job->hp * job->wp, job->wp, row0, row1);
}

typedef struct
{
  const QsConvF32 *conv;
  const float     *src;
  float           *dst;
} DwJob;

static void
dw_task (gsize    t,
         gpointer data)
{
  const DwJob *job = data;
  const QsConvF32 *conv = job->conv;
  const QsConvParams *p = &conv->p;
  gsize ocg = p->oc / p->groups;
  gsize n = t / p->ic, c = t % p->ic;
  gsize hp = p->ih + p->pad_top + p->pad_bottom;
  gsize wp = p->iw + p->pad_left + p->pad_right;
  const float *in = job->src + (n * p->ic + c) * p->ih * p->iw;
  const float *plane = in;

  if (hp != (gsize) p->ih || wp != (gsize) p->iw)
    {
      float *buf = _qs_scratch (0, sizeof (float) * hp * wp);

      pad_plane_f32 (p, in, buf, hp, wp);
      plane = buf;
    }

  for (gsize j = 0; j < ocg; j++)
    {
      gsize oc = c * ocg + j;

      conv->k->dw_f32 (plane, wp, conv->a + oc * conv->kq,
                       conv->bias ? conv->bias[oc] : 0.0f,
                       job->dst + (n * p->oc + oc) * p->oh * p->ow,
                       p->oh, p->ow, p->kh, p->kw,
                       p->stride_h, p->stride_w, p->dil_h, p->dil_w);
    }
}

/* Stride-1 layers read B straight from the padded planes when the columns
 * computed in the padding (wp - ow per row) waste less than a tenth, or
 * when they add no more than a tenth to the micro-kernel's panels of nr
 * columns (small images: res5's 7 x 7 is 2 panels either way), since
 * packing B costs more than that. */
gboolean
_qs_conv_use_direct (const QsConvParams *p,
                     int                 nr)
{
  gsize wp = p->iw + p->pad_left + p->pad_right;
  gboolean plain_1x1 = p->kh == 1 && p->kw == 1 &&
                       p->pad_top == 0 && p->pad_left == 0 && p->pad_bottom == 0 && p->pad_right == 0;
  gsize packed = ((gsize) p->oh * p->ow + nr - 1) / nr;
  gsize wide = ((gsize) (p->oh - 1) * wp + p->ow + nr - 1) / nr;

  if (p->stride_h != 1 || p->stride_w != 1 || plain_1x1)
    return FALSE;
  return (wp - p->ow) * 10 <= wp || wide * 10 <= packed * 11;
}

/* The channel-vector kernel pays where the row kernel's nr-pixel vectors
 * compute many columns for nothing: ResNet-50's 7 x 7, 14 x 14 and 28 x 28
 * 3 x 3 layers fill 64, 224 and 864 wide columns for 49, 196 and 784
 * pixels (+31, +14, +10 %), its 7 x 7 and 14 x 14 1 x 1 layers 64 and 224
 * panel columns.  Its tiles go out through a transpose, which a short K
 * does not pay for: on 56 x 56 3 x 3 (+4 %) it lost (fp32 -3 %, int8 -13 %,
 * bench-kernels, before the transpose was vectorised), on res4's int8
 * 256 -> 1024 (K of 64 units, +14 %) -14 %.  It takes stride-1 layers read
 * from the planes and plain 1 x 1 ones, with whole blocks of QS_CV_OC
 * output channels and at least CV_MIN_K units of K. */
#define CV_MIN_K 128
gboolean
_qs_conv_use_cv (const QsConvParams *p,
                 const QsUkernel    *uk,
                 const QsUkernelCv  *cv,
                 gsize               kq)
{
  int ocg = p->oc / p->groups;
  gsize wp = p->iw + p->pad_left + p->pad_right;
  gsize opix = (gsize) p->oh * p->ow;
  gsize wide, computed;

  if (cv->funcs == NULL || !_qs_kernels_get_cv () || ocg % QS_CV_OC != 0)
    return FALSE;
  if (kq < CV_MIN_K)
    return FALSE;
  if (_qs_conv_use_direct (p, uk->nr))
    wide = (gsize) (p->oh - 1) * wp + p->ow;
  else if (p->kh == 1 && p->kw == 1 && p->stride_h == 1 && p->stride_w == 1 &&
           p->pad_top == 0 && p->pad_left == 0 && p->pad_bottom == 0 && p->pad_right == 0)
    wide = opix;
  else
    return FALSE;
  computed = (wide + uk->nr - 1) / uk->nr * uk->nr;
  return computed * 100 >= opix * 108;
}

/* Offsets of the unit rows (plane, ky, kx) of B inside the padded planes. */
void
_qs_conv_direct_offsets (const QsConvParams *p,
                         gsize               n_planes,
                         gsize               plane_stride,
                         gsize               wp,
                         gsize              *off)
{
  gsize k = 0;

  for (gsize q = 0; q < n_planes; q++)
    for (int ky = 0; ky < p->kh; ky++)
      for (int kx = 0; kx < p->kw; kx++)
        off[k++] = q * plane_stride + (gsize) ky * p->dil_h * wp + (gsize) kx * p->dil_w;
}

void
qs_conv_f32_run (QsConvF32   *conv,
                 const float *src,
                 float       *dst)
{
  QS_KERNEL_TIMED;
  const QsConvParams *p = &conv->p;
  int icg = p->ic / p->groups;
  gsize hp = p->ih + p->pad_top + p->pad_bottom;
  gsize wp = p->iw + p->pad_left + p->pad_right;
  gboolean direct = _qs_conv_use_direct (p, conv->k->f32.nr);
  gboolean copy = direct || hp != (gsize) p->ih || wp != (gsize) p->iw;
  gsize opix = (gsize) p->oh * p->ow;
  gsize n_units = (gsize) p->ic * hp * wp;
  float *planes = NULL;
  gsize *offsets = NULL;
  PadJob pj = { 0 };
  QsConvLazy lazy;
  gsize n_states = 0;

  if (conv->depthwise)
    {
      DwJob job = { conv, src, dst };

      qs_parallel_for ((gsize) p->n * p->ic, dw_task, &job);
      return;
    }

  if (copy)
    {
      gsize bytes = sizeof (float) * (n_units + DIRECT_SLACK);

      n_states = _qs_conv_lazy_init (&lazy, p, hp, wp, icg, direct && !conv->cv, pad_rows, &pj);
      bytes = (bytes + 63) & ~(gsize) 63;
      planes = _qs_scratch (1, bytes + sizeof (gsize) * conv->kq + sizeof (guint) * n_states);
      memset (planes + n_units, 0, sizeof (float) * DIRECT_SLACK);
      offsets = (gsize *) ((char *) planes + bytes);
      lazy.state = (guint *) (offsets + conv->kq);
      if (direct)
        _qs_conv_direct_offsets (p, icg, hp * wp, wp, offsets);
      lazy.planes = (guint32 *) planes;
      /* the ISA's copy where it has one (AVX-512: narrow rows) */
      pj = (PadJob) { p, src, hp, wp, conv->k->pad_f32 != NULL ? conv->k->pad_f32 : _qs_pad_rows_f32 };
    }

  for (int n = 0; n < p->n; n++)
    {
      const float *img = src + (gsize) n * p->ic * p->ih * p->iw;
      const float *base = img;

      if (copy)
        {
          /* the product converts the rows it reads (_qs_conv_lazy_prepare) */
          pj.src = img;
          lazy.stamp = _qs_scratch_stamp ();
          memset (lazy.state, 0, sizeof (guint) * n_states);
          base = planes;
        }

      {
        QsConvPlanes cp;
        QsGemm gemm;

        _qs_conv_gemm_init (&gemm, &cp, p, &conv->k->f32, (const guint32 *) conv->a, conv->kq, conv->a_group,
                            (const guint32 *) base, (gsize) icg * hp * wp, hp, wp,
                            direct ? offsets : NULL, conv->cv ? &conv->k->f32_cv : NULL,
                            dst + (gsize) n * p->oc * opix);
        gemm.row_bias = conv->bias;
        if (direct && conv->cv)
          gemm.cv_skip = conv->skip;
        if (copy)
          {
            gemm.prepare_b = _qs_conv_lazy_prepare;
            gemm.prepare_data = &lazy;
          }
        if (!direct && conv->cv)
          {
            /* plain 1 x 1: the input is the planes, unit row k at k * opix */
            gsize *off = _qs_scratch (1, sizeof (gsize) * conv->kq);

            for (gsize k = 0; k < conv->kq; k++)
              off[k] = k * opix;
            gemm.direct_planes = cp.planes;
            gemm.direct_off = off;
            gemm.wide_w = gemm.out_w = p->ow;
            gemm.cv = &conv->k->f32_cv;
            gemm.cv_add_slices = TRUE;
          }
        else if (!direct && p->kh == 1 && p->kw == 1 && p->stride_h == 1 && p->stride_w == 1 && !copy)
          {
            gemm.b_direct = cp.planes;
            gemm.ldb_direct = cp.plane_stride;
          }
        _qs_gemm_run (&gemm);
      }
    }
}
