/* qs-conv-int8.c — fast u8 x s8 -> s32 convolution
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * vpdpbusd multiplies four u8 by four s8 per 32-bit lane, so the input is
 * first rearranged into "unit planes": each 32-bit word holds one pixel of
 * four consecutive input channels, and the border is filled with the pad
 * value (the zero point).  A unit of the GEMM's K is then (channel quad,
 * ky, kx) and im2col copies whole words.  Channels missing from the last
 * quad get zero weights, so whatever sits in their byte does not count.
 * A plain 1x1 layer (stride 1, no pad) needs no planes: the product packs
 * its B panels in the same word layout straight from the NCHW input.
 * Depthwise layers use a direct kernel on a padded u8 plane instead.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "qs-kernels-private.h"

struct _QsConvInt8
{
  QsConvParams        p;
  const QsIsaKernels *k;
  gboolean            depthwise;
  gboolean            cv;          /* packed for the channel-vector kernel */
  int                 quads;       /* ceil (icg / 4) unit planes per group */
  gsize               kq;          /* quads * kh * kw */
  gsize               a_group;     /* words of packed weights per group */
  guint32            *a;
  gint8              *w_dw;        /* depthwise: raw weights */
  QsCvSkip           *skip;        /* channel-vector over the planes: the padding's units left out */
  gint32             *skip_sums;   /* [class][oc]: the weights of the taps each class leaves out */
};

static inline guint32
pack4 (gint8 b0, gint8 b1, gint8 b2, gint8 b3)
{
  return (guint32) (guint8) b0 | (guint32) (guint8) b1 << 8 |
         (guint32) (guint8) b2 << 16 | (guint32) (guint8) b3 << 24;
}

static inline guint32
pack2 (gint8 lo, gint8 hi)   /* two i16, sign-extended */
{
  return (guint32) (guint16) (gint16) lo | (guint32) (guint16) (gint16) hi << 16;
}

QsConvInt8 *
qs_conv_int8_prepare (const QsConvParams *p,
                      const gint8        *weights)
{
  QS_KERNEL_TIMED;
  QsConvInt8 *conv = g_new0 (QsConvInt8, 1);
  int icg = p->ic / p->groups;
  int ocg = p->oc / p->groups;
  gsize khw = (gsize) p->kh * p->kw;
  const QsUkernel *uk;
  gsize mr, aw, blocks;

  conv->p = *p;
  conv->k = _qs_isa_kernels (qs_kernels_get_isa ());
  conv->depthwise = icg == 1;
  if (conv->depthwise)
    {
      conv->w_dw = g_memdup2 (weights, (gsize) p->oc * khw);
      return conv;
    }

  uk = &conv->k->u8s8;
  conv->quads = (icg + 3) / 4;
  conv->kq = conv->quads * khw;
  conv->cv = _qs_conv_use_cv (p, uk, &conv->k->u8s8_cv, conv->kq);
  mr = conv->cv ? QS_CV_OC : (gsize) uk->mr;
  aw = conv->cv ? 1 : uk->a_words;
  blocks = (ocg + mr - 1) / mr;
  conv->a_group = blocks * mr * aw * conv->kq;
  conv->a = g_aligned_alloc0 (conv->a_group * p->groups, sizeof (guint32), 64);

  for (int g = 0; g < p->groups; g++)
    for (gsize rb = 0; rb < blocks; rb++)
      {
        guint32 *panel = conv->a + g * conv->a_group + rb * mr * aw * conv->kq;

        for (gsize i = 0; i < mr && rb * mr + i < (gsize) ocg; i++)
          {
            const gint8 *w = weights + ((gsize) g * ocg + rb * mr + i) * icg * khw;

            for (gsize k = 0; k < conv->kq; k++)
              {
                gsize q = k / khw, r = k % khw;
                gint8 b[4];

                for (int t = 0; t < 4; t++)
                  {
                    gsize c = q * 4 + t;

                    b[t] = c < (gsize) icg ? w[c * khw + r] : 0;
                  }
                if (aw == 2)
                  {
                    panel[(k * mr + i) * 2] = pack2 (b[0], b[2]);
                    panel[(k * mr + i) * 2 + 1] = pack2 (b[1], b[3]);
                  }
                else
                  panel[k * mr + i] = pack4 (b[0], b[1], b[2], b[3]);
              }
          }
      }

  /* The units a pixel reads in the padding add the pad value times their
   * weights: the skipping path adds pad value x skip_sums per class. */
  if (conv->cv && _qs_conv_use_direct (p, uk->nr) && conv->k->u8s8_cv.idx_funcs != NULL)
    conv->skip = _qs_cv_skip_new (p, conv->quads);
  if (conv->skip != NULL)
    {
      conv->skip_sums = g_new0 (gint32, conv->skip->n_classes * p->oc);
      for (gsize c = 0; c < conv->skip->n_classes; c++)
        for (int o = 0; o < p->oc; o++)
          {
            const gint8 *w = weights + (gsize) o * icg * khw;
            gint32 sum = 0;

            for (int ci = 0; ci < icg; ci++)
              for (gsize t = 0; t < khw; t++)
                if (conv->skip->in_pad[c * khw + t])
                  sum += w[ci * khw + t];
            conv->skip_sums[c * p->oc + o] = sum;
          }
    }
  return conv;
}

void
qs_conv_int8_free (QsConvInt8 *conv)
{
  if (conv == NULL)
    return;
  g_aligned_free (conv->a);
  g_free (conv->w_dw);
  _qs_cv_skip_free (conv->skip);
  g_free (conv->skip_sums);
  g_free (conv);
}

/* Interleave four channels into padded unit planes. */
typedef struct
{
  const QsConvParams *p;
  const guint8       *src;      /* channel 0 of this image */
  int                 icg, quads;
  gsize               hp, wp;
  guint8              pad;
} UnitJob;

/* Padded rows [row0, row1) of unit plane t (group t / quads, quad t % quads). */
static void
unit_rows (gconstpointer data,
           guint32      *planes,
           gsize         t,
           gsize         row0,
           gsize         row1)
{
  const UnitJob *job = data;
  const QsConvParams *p = job->p;
  gsize g = t / job->quads, q = t % job->quads;
  guint32 *out = planes + t * job->hp * job->wp;
  guint32 pad_word = job->pad * 0x01010101u;
  const guint8 *ch[4];
  int nch = MIN (4, job->icg - (int) q * 4);
  static const guint8 zeros[1] = { 0 };

  for (int i = 0; i < 4; i++)
    ch[i] = i < nch ? job->src + (g * job->icg + q * 4 + i) * p->ih * p->iw : zeros;

  for (gsize r = row0; r < row1; r++)
    {
      guint32 *row = out + r * job->wp;
      int y = (int) r - p->pad_top;
      gsize off;

      if (y < 0 || y >= p->ih)
        {
          for (gsize x = 0; x < job->wp; x++)
            row[x] = pad_word;
          continue;
        }
      off = (gsize) y * p->iw;
      for (int x = 0; x < p->pad_left; x++)
        row[x] = pad_word;
      row += p->pad_left;
      if (nch == 4)
        {
          const guint8 *c0 = ch[0] + off, *c1 = ch[1] + off, *c2 = ch[2] + off, *c3 = ch[3] + off;

          int x = 0;

#ifdef __SSE2__
          /* a 4 x 16 byte transpose per step; SSE2 is baseline on x86-64 */
          for (; x + 16 <= p->iw; x += 16)
            {
              __m128i a = _mm_loadu_si128 ((const __m128i *) (c0 + x));
              __m128i b = _mm_loadu_si128 ((const __m128i *) (c1 + x));
              __m128i c = _mm_loadu_si128 ((const __m128i *) (c2 + x));
              __m128i d = _mm_loadu_si128 ((const __m128i *) (c3 + x));
              __m128i ab_lo = _mm_unpacklo_epi8 (a, b), ab_hi = _mm_unpackhi_epi8 (a, b);
              __m128i cd_lo = _mm_unpacklo_epi8 (c, d), cd_hi = _mm_unpackhi_epi8 (c, d);

              _mm_storeu_si128 ((__m128i *) (row + x), _mm_unpacklo_epi16 (ab_lo, cd_lo));
              _mm_storeu_si128 ((__m128i *) (row + x + 4), _mm_unpackhi_epi16 (ab_lo, cd_lo));
              _mm_storeu_si128 ((__m128i *) (row + x + 8), _mm_unpacklo_epi16 (ab_hi, cd_hi));
              _mm_storeu_si128 ((__m128i *) (row + x + 12), _mm_unpackhi_epi16 (ab_hi, cd_hi));
            }
          /* rows of 8 to 15 pixels (14 x 14 and 7 x 7 layers): 8 at a time */
          for (; x + 8 <= p->iw; x += 8)
            {
              __m128i ab = _mm_unpacklo_epi8 (_mm_loadl_epi64 ((const __m128i *) (c0 + x)),
                                              _mm_loadl_epi64 ((const __m128i *) (c1 + x)));
              __m128i cd = _mm_unpacklo_epi8 (_mm_loadl_epi64 ((const __m128i *) (c2 + x)),
                                              _mm_loadl_epi64 ((const __m128i *) (c3 + x)));

              _mm_storeu_si128 ((__m128i *) (row + x), _mm_unpacklo_epi16 (ab, cd));
              _mm_storeu_si128 ((__m128i *) (row + x + 4), _mm_unpackhi_epi16 (ab, cd));
            }
#endif
          for (; x < p->iw; x++)
            row[x] = (guint32) c0[x] | (guint32) c1[x] << 8 |
                     (guint32) c2[x] << 16 | (guint32) c3[x] << 24;
        }
      else
        {
          for (int x = 0; x < p->iw; x++)
            {
              guint32 w = 0;

              for (int i = 0; i < nch; i++)
                w |= (guint32) ch[i][off + x] << (8 * i);
              row[x] = w;
            }
        }
      for (int x = 0; x < p->pad_right; x++)
        row[p->iw + x] = pad_word;
    }
}

/* B panels of a plain 1x1 layer (stride 1, no pad) packed straight from
 * the NCHW input: unit row q holds channels 4q..4q+3 of each pixel.  Each
 * task packs the pixels it multiplies, so no thread reads words that
 * another thread has just written (the unit planes of the general path are
 * written by every thread and read by all of them). */
typedef struct
{
  const guint8 *src;      /* channel 0 of this image */
  gsize         pix;      /* ih * iw */
  int           icg;
} SrcPack;

static void
pack_b_1x1 (gconstpointer data,
            gsize         group,
            gsize         kq0,
            gsize         kn,
            gsize         col0,
            int           ncols,
            int           nr,
            guint32      *dst)
{
  const SrcPack *sp = data;

  for (gsize k = 0; k < kn; k++)
    {
      gsize q = kq0 + k;
      int nch = MIN (4, sp->icg - (int) q * 4);
      const guint8 *c0 = sp->src + ((gsize) group * sp->icg + q * 4) * sp->pix + col0;
      guint32 *d = dst + k * nr;
      int x = 0;

      if (nch == 4)
        {
          const guint8 *c1 = c0 + sp->pix, *c2 = c1 + sp->pix, *c3 = c2 + sp->pix;

#ifdef __SSE2__
          for (; x + 16 <= ncols; x += 16)
            {
              __m128i a = _mm_loadu_si128 ((const __m128i *) (c0 + x));
              __m128i b = _mm_loadu_si128 ((const __m128i *) (c1 + x));
              __m128i c = _mm_loadu_si128 ((const __m128i *) (c2 + x));
              __m128i e = _mm_loadu_si128 ((const __m128i *) (c3 + x));
              __m128i ab_lo = _mm_unpacklo_epi8 (a, b), ab_hi = _mm_unpackhi_epi8 (a, b);
              __m128i ce_lo = _mm_unpacklo_epi8 (c, e), ce_hi = _mm_unpackhi_epi8 (c, e);

              _mm_storeu_si128 ((__m128i *) (d + x), _mm_unpacklo_epi16 (ab_lo, ce_lo));
              _mm_storeu_si128 ((__m128i *) (d + x + 4), _mm_unpackhi_epi16 (ab_lo, ce_lo));
              _mm_storeu_si128 ((__m128i *) (d + x + 8), _mm_unpacklo_epi16 (ab_hi, ce_hi));
              _mm_storeu_si128 ((__m128i *) (d + x + 12), _mm_unpackhi_epi16 (ab_hi, ce_hi));
            }
#endif
          for (; x < ncols; x++)
            d[x] = (guint32) c0[x] | (guint32) c1[x] << 8 |
                   (guint32) c2[x] << 16 | (guint32) c3[x] << 24;
        }
      else
        {
          /* the last quad's missing channels have zero weights */
          for (; x < ncols; x++)
            {
              guint32 w = 0;

              for (int i = 0; i < nch; i++)
                w |= (guint32) c0[(gsize) i * sp->pix + x] << (8 * i);
              d[x] = w;
            }
        }
      for (; x < nr; x++)
        d[x] = 0;
    }
}

typedef struct
{
  const QsConvInt8 *conv;
  const guint8     *src;
  guint8            pad;
  gint32           *dst;
} DwJob;

static void
dw_task (gsize    t,
         gpointer data)
{
  const DwJob *job = data;
  const QsConvInt8 *conv = job->conv;
  const QsConvParams *p = &conv->p;
  gsize ocg = p->oc / p->groups;
  gsize n = t / p->ic, c = t % p->ic;
  gsize hp = p->ih + p->pad_top + p->pad_bottom;
  gsize wp = p->iw + p->pad_left + p->pad_right;
  const guint8 *in = job->src + (n * p->ic + c) * p->ih * p->iw;
  const guint8 *plane = in;

  /* a kernel that reads the unpadded plane itself needs no copy */
  if (conv->k->dw_u8_src != NULL && ocg == 1 &&
      conv->k->dw_u8_src (in, p->ih, p->iw, p->pad_top, p->pad_left, job->pad,
                          conv->w_dw + c * p->kh * p->kw,
                          job->dst + (n * p->oc + c) * p->oh * p->ow,
                          p->oh, p->ow, p->kh, p->kw,
                          p->stride_h, p->stride_w, p->dil_h, p->dil_w))
    return;

  if (hp != (gsize) p->ih || wp != (gsize) p->iw)
    {
      guint8 *buf = _qs_scratch (0, hp * wp);

      memset (buf, job->pad, wp * p->pad_top);
      for (int y = 0; y < p->ih; y++)
        {
          guint8 *row = buf + (y + p->pad_top) * wp;

          memset (row, job->pad, p->pad_left);
          memcpy (row + p->pad_left, in + (gsize) y * p->iw, p->iw);
          memset (row + p->pad_left + p->iw, job->pad, p->pad_right);
        }
      memset (buf + (p->pad_top + p->ih) * wp, job->pad, wp * p->pad_bottom);
      plane = buf;
    }

  for (gsize j = 0; j < ocg; j++)
    {
      gsize oc = c * ocg + j;

      conv->k->dw_u8 (plane, wp, conv->w_dw + oc * p->kh * p->kw,
                      job->dst + (n * p->oc + oc) * p->oh * p->ow,
                      p->oh, p->ow, p->kh, p->kw,
                      p->stride_h, p->stride_w, p->dil_h, p->dil_w);
    }
}

void
qs_conv_int8_run (QsConvInt8   *conv,
                  const guint8 *src,
                  guint8        pad_value,
                  gint32       *dst)
{
  QS_KERNEL_TIMED;
  const QsConvParams *p = &conv->p;
  int icg = p->ic / p->groups;
  int ocg = p->oc / p->groups;
  gsize hp = p->ih + p->pad_top + p->pad_bottom;
  gsize wp = p->iw + p->pad_left + p->pad_right;
  gboolean padded = hp != (gsize) p->ih || wp != (gsize) p->iw;
  gsize opix = (gsize) p->oh * p->ow;
  gsize group_units = (gsize) conv->quads * hp * wp;
  gboolean direct = _qs_conv_use_direct (p, conv->k->u8s8.nr);
  gboolean plain_1x1 = p->kh == 1 && p->kw == 1 && p->stride_h == 1 && p->stride_w == 1 && !padded;
  guint32 *planes;
  gsize *offsets;
  UnitJob uj;
  QsConvLazy lazy;

  if (conv->depthwise)
    {
      DwJob job = { conv, src, pad_value, dst };

      qs_parallel_for ((gsize) p->n * p->ic, dw_task, &job);
      return;
    }

  if (plain_1x1)
    {
      for (int n = 0; n < p->n; n++)
        {
          SrcPack sp = { src + (gsize) n * p->ic * opix, opix, icg };
          QsGemm gemm = {
            .uk = &conv->k->u8s8,
            .rows = ocg,
            .cols = opix,
            .kq = conv->kq,
            .a = conv->a,
            .pack_b = pack_b_1x1,
            .pack_data = &sp,
            .c = dst + (gsize) n * p->oc * opix,
            .ldc = opix,
            .n_groups = p->groups,
            .a_group_stride = conv->a_group,
            .c_group_stride = (gsize) ocg * opix,
            .b_units = (gsize) conv->quads * opix,
          };

          if (conv->cv)
            gemm.cv = &conv->k->u8s8_cv;
          _qs_gemm_run (&gemm);
        }
      return;
    }

  {
    gsize n_units = group_units * p->groups;
    gsize bytes = (sizeof (guint32) * (n_units + DIRECT_SLACK) + 63) & ~(gsize) 63;
    gsize n_states = _qs_conv_lazy_init (&lazy, p, hp, wp, conv->quads, direct && !conv->cv,
                                         unit_rows, &uj);
    gsize n_add = direct && conv->cv && conv->skip != NULL ? conv->skip->n_classes * p->oc : 0;
    guint32 *skip_add;

    planes = _qs_scratch (1, bytes + sizeof (gsize) * conv->kq + sizeof (guint) * n_states +
                             sizeof (guint32) * n_add);
    memset (planes + n_units, 0, sizeof (guint32) * DIRECT_SLACK);
    offsets = (gsize *) ((char *) planes + bytes);
    lazy.state = (guint *) (offsets + conv->kq);
    skip_add = (guint32 *) (lazy.state + n_states);
    for (gsize i = 0; i < n_add; i++)
      skip_add[i] = (guint32) pad_value * (guint32) conv->skip_sums[i];   /* wraps as the sums do */
    if (direct)
      _qs_conv_direct_offsets (p, conv->quads, hp * wp, wp, offsets);
    lazy.planes = planes;
    uj = (UnitJob) { p, src, icg, conv->quads, hp, wp, pad_value };

    for (int n = 0; n < p->n; n++)
      {
        QsConvPlanes cp;
        QsGemm gemm;

        /* the product converts the rows it reads (_qs_conv_lazy_prepare) */
        uj.src = src + (gsize) n * p->ic * p->ih * p->iw;
        lazy.stamp = _qs_scratch_stamp ();
        memset (lazy.state, 0, sizeof (guint) * n_states);
        _qs_conv_gemm_init (&gemm, &cp, p, &conv->k->u8s8, conv->a, conv->kq, conv->a_group,
                            planes, group_units, hp, wp, direct ? offsets : NULL,
                            conv->cv ? &conv->k->u8s8_cv : NULL, dst + (gsize) n * p->oc * opix);
        gemm.prepare_b = _qs_conv_lazy_prepare;
        gemm.prepare_data = &lazy;
        if (n_add > 0)
          {
            gemm.cv_skip = conv->skip;
            gemm.cv_skip_add = (const gint32 *) skip_add;
          }
        _qs_gemm_run (&gemm);
      }
  }
}
