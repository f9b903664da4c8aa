/* qs-ukernels-avx2.c — AVX2/FMA micro-kernels
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Built with -mavx2 -mfma in its own static library and reached only after
 * run-time detection.  The int8 kernel avoids vpmaddubsw, whose i16 pair
 * sums saturate (255*127*2 > 32767): activations are widened to i16 and
 * multiplied by i16 weights with vpmaddwd, whose i32 pair sums are exact, so
 * the result equals the scalar reference bit for bit.  Weights for it are
 * packed as two words per unit: (w0, w2) and (w1, w3) as i16 pairs, matching
 * the even and odd bytes of each activation word.
 */
#include "config.h"

#include <immintrin.h>

#include "qs-kernels-private.h"

#define F32_MR 4
#define F32_NR 24
#define I8_MR  4
#define I8_NR  16

static inline __m256i
tail_mask (int n)        /* lanes < n set, n in [0, 8] */
{
  static const gint32 ramp[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };

  return _mm256_cmpgt_epi32 (_mm256_set1_epi32 (n), _mm256_loadu_si256 ((const __m256i *) ramp));
}

static void
uk_f32_avx2 (gsize          kq,
             const guint32 *a_,
             const guint32 *b_,
             const gsize   *boff,
             void          *c_,
             gsize          ldc,
             int            mr,
             int            nr,
             gboolean       accumulate)
{
  const float *a = (const float *) a_;
  const float *b = (const float *) b_;
  float *c = c_;
  __m256 acc[F32_MR][3];

  for (int i = 0; i < F32_MR; i++)
    for (int v = 0; v < 3; v++)
      acc[i][v] = _mm256_setzero_ps ();

  for (gsize k = 0; k < kq; k++)
    {
      const float *bk = b + boff[k];
      __m256 b0 = _mm256_loadu_ps (bk);
      __m256 b1 = _mm256_loadu_ps (bk + 8);
      __m256 b2 = _mm256_loadu_ps (bk + 16);

#pragma GCC unroll 4
      for (int i = 0; i < F32_MR; i++)
        {
          __m256 av = _mm256_broadcast_ss (a + i);

          acc[i][0] = _mm256_fmadd_ps (av, b0, acc[i][0]);
          acc[i][1] = _mm256_fmadd_ps (av, b1, acc[i][1]);
          acc[i][2] = _mm256_fmadd_ps (av, b2, acc[i][2]);
        }
      a += F32_MR;
    }

  for (int i = 0; i < mr; i++)
    {
      float *row = c + (gsize) i * ldc;

      for (int v = 0; v < 3; v++)
        {
          int n = nr - 8 * v;
          __m256 x = acc[i][v];

          if (n >= 8)
            {
              if (accumulate)
                x = _mm256_add_ps (x, _mm256_loadu_ps (row + 8 * v));
              _mm256_storeu_ps (row + 8 * v, x);
            }
          else if (n > 0)
            {
              __m256i m = tail_mask (n);

              if (accumulate)
                x = _mm256_add_ps (x, _mm256_maskload_ps (row + 8 * v, m));
              _mm256_maskstore_ps (row + 8 * v, m, x);
            }
        }
    }
}

static void
uk_u8s8_avx2 (gsize          kq,
              const guint32 *a,
              const guint32 *b,
              const gsize   *boff,
              void          *c_,
              gsize          ldc,
              int            mr,
              int            nr,
              gboolean       accumulate)
{
  gint32 *c = c_;
  const __m256i lo_bytes = _mm256_set1_epi16 (0x00ff);
  __m256i acc[I8_MR][2];

  for (int i = 0; i < I8_MR; i++)
    acc[i][0] = acc[i][1] = _mm256_setzero_si256 ();

  for (gsize k = 0; k < kq; k++)
    {
      const guint32 *bk = b + boff[k];
      __m256i x0 = _mm256_loadu_si256 ((const __m256i *) bk);
      __m256i x1 = _mm256_loadu_si256 ((const __m256i *) (bk + 8));
      __m256i e0 = _mm256_and_si256 (x0, lo_bytes);     /* bytes 0, 2 as u16 */
      __m256i o0 = _mm256_srli_epi16 (x0, 8);           /* bytes 1, 3 as u16 */
      __m256i e1 = _mm256_and_si256 (x1, lo_bytes);
      __m256i o1 = _mm256_srli_epi16 (x1, 8);

#pragma GCC unroll 4
      for (int i = 0; i < I8_MR; i++)
        {
          __m256i we = _mm256_set1_epi32 ((gint32) a[2 * i]);
          __m256i wo = _mm256_set1_epi32 ((gint32) a[2 * i + 1]);

          acc[i][0] = _mm256_add_epi32 (acc[i][0],
                                        _mm256_add_epi32 (_mm256_madd_epi16 (e0, we),
                                                          _mm256_madd_epi16 (o0, wo)));
          acc[i][1] = _mm256_add_epi32 (acc[i][1],
                                        _mm256_add_epi32 (_mm256_madd_epi16 (e1, we),
                                                          _mm256_madd_epi16 (o1, wo)));
        }
      a += 2 * I8_MR;
    }

  for (int i = 0; i < mr; i++)
    {
      gint32 *row = c + (gsize) i * ldc;

      for (int v = 0; v < 2; v++)
        {
          int n = nr - 8 * v;
          __m256i x = acc[i][v];

          if (n >= 8)
            {
              if (accumulate)
                x = _mm256_add_epi32 (x, _mm256_loadu_si256 ((const __m256i *) (row + 8 * v)));
              _mm256_storeu_si256 ((__m256i *) (row + 8 * v), x);
            }
          else if (n > 0)
            {
              __m256i m = tail_mask (n);

              if (accumulate)
                x = _mm256_add_epi32 (x, _mm256_maskload_epi32 (row + 8 * v, m));
              _mm256_maskstore_epi32 (row + 8 * v, m, x);
            }
        }
    }
}

#define DW_SUFFIX avx2
#define DW_LOAD_U8(p) _mm256_cvtepu8_epi32 (_mm_loadl_epi64 ((const __m128i *) (p)))
#define DW_VLEN 8
#include "qs-ukernels-dw.h"

void
_qs_ukernels_avx2 (QsIsaKernels *k)
{
  k->f32 = (QsUkernel) { uk_f32_avx2, F32_MR, F32_NR, 1 };
  k->u8s8 = (QsUkernel) { uk_u8s8_avx2, I8_MR, I8_NR, 2 };
  k->dw_f32 = dw_f32_avx2;
  k->dw_u8 = dw_u8_avx2;
}
