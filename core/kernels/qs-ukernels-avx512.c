/* qs-ukernels-avx512.c — AVX-512 and VNNI micro-kernels
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Built with -mavx512f -mavx512bw -mavx512vl -mavx512vnni in its own static
 * library, reached only after run-time detection.  Both kernels keep an
 * 8 x 32 tile (16 zmm accumulators): the fp32 one broadcasts a weight and
 * FMAs it into two vectors of 16 pixels; the int8 one broadcasts four s8
 * weights (one unit) and vpdpbusd's them against two vectors of 16 pixels
 * of four u8 channels each.  vpdpbusd adds four exact i16 products into the
 * i32 lane without intermediate saturation, so it matches the reference.
 * Each has a "wide" twin (the same sums) that packs the kept columns of a
 * direct-path panel into the output rows.
 */
#include "config.h"

#include <immintrin.h>

#include "qs-kernels-private.h"

#define MR 8
#define NR 32

static inline __mmask16
tail_mask (int n)
{
  if (n >= 16)
    return 0xffff;
  if (n <= 0)
    return 0;
  return (__mmask16) ((1u << n) - 1);
}

/* The tile is spelled out as 16 named variables: with arrays, GCC 12
 * shuffles the accumulators between registers on every iteration. */
#define DECL2(T, i) T c##i##0, c##i##1
#define FOR_ROWS(X) X (0) X (1) X (2) X (3) X (4) X (5) X (6) X (7)

/* The wide store of one row: the kept lanes of x0 then x1, packed
 * (vpcompressd into a register, then a masked store: the memory form is
 * slow on AMD's cores). */
#define WIDE_STORE_ROW(suffix, row, x0, x1) \
  { \
    int n0_ = __builtin_popcount (k0); \
    _mm512_mask_storeu_##suffix (row, tail_mask (n0_), _mm512_maskz_compress_##suffix (k0, x0)); \
    _mm512_mask_storeu_##suffix (row + n0_, tail_mask (__builtin_popcount (k1)), \
                                 _mm512_maskz_compress_##suffix (k1, x1)); \
  }

static inline __attribute__ ((always_inline)) void
uk_f32_body (gsize          kq,
             const guint32 *a_,
             const guint32 *b_,
             const gsize   *boff,
             void          *c_,
             gsize          ldc,
             int            mr,
             int            nr,
             gboolean       accumulate,
             guint64        keep,
             const float   *row_bias,
             const int      WIDE)
{
  const float *a = (const float *) a_;
  const float *b = (const float *) b_;
  float *c = c_;
  __mmask16 m0 = tail_mask (nr), m1 = tail_mask (nr - 16);
  __mmask16 k0 = (__mmask16) keep, k1 = (__mmask16) (keep >> 16);
  DECL2 (__m512, 0); DECL2 (__m512, 1); DECL2 (__m512, 2); DECL2 (__m512, 3);
  DECL2 (__m512, 4); DECL2 (__m512, 5); DECL2 (__m512, 6); DECL2 (__m512, 7);

#define ZERO(i) c##i##0 = _mm512_setzero_ps (); c##i##1 = _mm512_setzero_ps ();
  FOR_ROWS (ZERO)
#undef ZERO

  for (gsize k = 0; k < kq; k++)
    {
      const float *bk = b + boff[k];
      __m512 b0 = _mm512_loadu_ps (bk);
      __m512 b1 = _mm512_loadu_ps (bk + 16);

#define STEP(i) { __m512 av = _mm512_set1_ps (a[i]); \
                  c##i##0 = _mm512_fmadd_ps (av, b0, c##i##0); \
                  c##i##1 = _mm512_fmadd_ps (av, b1, c##i##1); }
      FOR_ROWS (STEP)
#undef STEP
      a += MR;
    }

#define STORE(i) \
  if (i < mr) \
    { \
      float *row = c + (gsize) i * ldc; \
      if (WIDE) \
        { \
          if (row_bias != NULL) \
            { \
              __m512 bv = _mm512_set1_ps (row_bias[i]); \
              c##i##0 = _mm512_add_ps (c##i##0, bv); \
              c##i##1 = _mm512_add_ps (c##i##1, bv); \
            } \
          WIDE_STORE_ROW (ps, row, c##i##0, c##i##1) \
        } \
      else \
        { \
          if (accumulate) \
            { \
              c##i##0 = _mm512_add_ps (c##i##0, _mm512_maskz_loadu_ps (m0, row)); \
              c##i##1 = _mm512_add_ps (c##i##1, _mm512_maskz_loadu_ps (m1, row + 16)); \
            } \
          _mm512_mask_storeu_ps (row, m0, c##i##0); \
          _mm512_mask_storeu_ps (row + 16, m1, c##i##1); \
        } \
    }
  FOR_ROWS (STORE)
#undef STORE
}

static void
uk_f32_avx512 (gsize          kq,
               const guint32 *a,
               const guint32 *b,
               const gsize   *boff,
               void          *c,
               gsize          ldc,
               int            mr,
               int            nr,
               gboolean       accumulate)
{
  uk_f32_body (kq, a, b, boff, c, ldc, mr, nr, accumulate, 0, NULL, 0);
}

static void
uk_f32_wide_avx512 (gsize          kq,
                    const guint32 *a,
                    const guint32 *b,
                    const gsize   *boff,
                    void          *c,
                    gsize          ldc,
                    int            mr,
                    guint64        keep,
                    const float   *row_bias)
{
  uk_f32_body (kq, a, b, boff, c, ldc, mr, NR, FALSE, keep, row_bias, 1);
}

static inline __attribute__ ((always_inline)) void
uk_u8s8_body (gsize          kq,
              const guint32 *a,
              const guint32 *b,
              const gsize   *boff,
              void          *c_,
              gsize          ldc,
              int            mr,
              int            nr,
              gboolean       accumulate,
              guint64        keep,
              const int      WIDE)
{
  gint32 *c = c_;
  __mmask16 m0 = tail_mask (nr), m1 = tail_mask (nr - 16);
  __mmask16 k0 = (__mmask16) keep, k1 = (__mmask16) (keep >> 16);
  DECL2 (__m512i, 0); DECL2 (__m512i, 1); DECL2 (__m512i, 2); DECL2 (__m512i, 3);
  DECL2 (__m512i, 4); DECL2 (__m512i, 5); DECL2 (__m512i, 6); DECL2 (__m512i, 7);

#define ZERO(i) c##i##0 = _mm512_setzero_si512 (); c##i##1 = _mm512_setzero_si512 ();
  FOR_ROWS (ZERO)
#undef ZERO

  for (gsize k = 0; k < kq; k++)
    {
      const guint32 *bk = b + boff[k];
      __m512i b0 = _mm512_loadu_si512 (bk);
      __m512i b1 = _mm512_loadu_si512 (bk + 16);

#define STEP(i) { __m512i w = _mm512_set1_epi32 ((gint32) a[i]); \
                  c##i##0 = _mm512_dpbusd_epi32 (c##i##0, b0, w); \
                  c##i##1 = _mm512_dpbusd_epi32 (c##i##1, b1, w); }
      FOR_ROWS (STEP)
#undef STEP
      a += MR;
    }

#define STORE(i) \
  if (i < mr) \
    { \
      gint32 *row = c + (gsize) i * ldc; \
      if (WIDE) \
        WIDE_STORE_ROW (epi32, row, c##i##0, c##i##1) \
      else \
        { \
          if (accumulate) \
            { \
              c##i##0 = _mm512_add_epi32 (c##i##0, _mm512_maskz_loadu_epi32 (m0, row)); \
              c##i##1 = _mm512_add_epi32 (c##i##1, _mm512_maskz_loadu_epi32 (m1, row + 16)); \
            } \
          _mm512_mask_storeu_epi32 (row, m0, c##i##0); \
          _mm512_mask_storeu_epi32 (row + 16, m1, c##i##1); \
        } \
    }
  FOR_ROWS (STORE)
#undef STORE
}

static void
uk_u8s8_avx512 (gsize          kq,
                const guint32 *a,
                const guint32 *b,
                const gsize   *boff,
                void          *c,
                gsize          ldc,
                int            mr,
                int            nr,
                gboolean       accumulate)
{
  uk_u8s8_body (kq, a, b, boff, c, ldc, mr, nr, accumulate, 0, 0);
}

static void
uk_u8s8_wide_avx512 (gsize          kq,
                     const guint32 *a,
                     const guint32 *b,
                     const gsize   *boff,
                     void          *c,
                     gsize          ldc,
                     int            mr,
                     guint64        keep,
                     const float   *row_bias)
{
  (void) row_bias;
  uk_u8s8_body (kq, a, b, boff, c, ldc, mr, NR, FALSE, keep, 1);
}

/* The channel-vector kernels: a tile of QS_CV_OC = 64 output channels (four
 * vectors of 16, weights loaded once per unit) by np <= 6 pixels
 * (broadcast), so a layer whose pixels do not fill 32-wide vectors (a 7 x 7
 * or 14 x 14 image) wastes none, and a unit costs 4 + np loads for 4 np
 * FMAs or vpdpbusd (8 + 2 for 16 in the kernels above).  Each pixel's sum
 * is the same chain as the row kernels' (from zero, one FMA per unit in
 * unit order; QS_CV_CONTINUE goes on from the tile), so results are
 * bit-identical to theirs.  With idx (the _idx variants) the chain runs
 * over the listed units only, in their order.  The tile holds QS_CV_OC
 * values per pixel.  Six
 * pixels at most: 24 accumulators, 4 weight vectors and the broadcast (GCC
 * 12 does not fold the broadcast into the FMA, so a seventh pixel
 * spills). */
#define CV_DECL(T, j) T c##j##0, c##j##1, c##j##2, c##j##3
#define FOR_PIX(X) X (0) X (1) X (2) X (3) X (4) X (5)

static inline __attribute__ ((always_inline)) void
cv_f32_body (gsize                 kq,
             const float          *a,
             const guint32 *const *bp,
             const gsize          *boff,
             const guint32        *idx,
             float                *tile,
             QsCvMode              mode,
             const int             NP)
{
  const float *b0 = NULL, *b1 = NULL, *b2 = NULL, *b3 = NULL, *b4 = NULL, *b5 = NULL;
  CV_DECL (__m512, 0); CV_DECL (__m512, 1); CV_DECL (__m512, 2); CV_DECL (__m512, 3);
  CV_DECL (__m512, 4); CV_DECL (__m512, 5);

#define INIT(j) \
  if (NP > j) \
    { \
      b##j = (const float *) bp[j]; \
      if (mode == QS_CV_CONTINUE) \
        { \
          c##j##0 = _mm512_load_ps (tile + j * 64); \
          c##j##1 = _mm512_load_ps (tile + j * 64 + 16); \
          c##j##2 = _mm512_load_ps (tile + j * 64 + 32); \
          c##j##3 = _mm512_load_ps (tile + j * 64 + 48); \
        } \
      else \
        c##j##0 = c##j##1 = c##j##2 = c##j##3 = _mm512_setzero_ps (); \
    }
  FOR_PIX (INIT)
#undef INIT

  for (gsize k = 0; k < kq; k++)
    {
      gsize o = idx != NULL ? boff[idx[k]] : boff[k];
      const float *ak = idx != NULL ? a + (gsize) idx[k] * 64 : a;
      __m512 w0 = _mm512_load_ps (ak);
      __m512 w1 = _mm512_load_ps (ak + 16);
      __m512 w2 = _mm512_load_ps (ak + 32);
      __m512 w3 = _mm512_load_ps (ak + 48);

#define STEP(j) \
  if (NP > j) \
    { \
      __m512 x = _mm512_set1_ps (b##j[o]); \
      c##j##0 = _mm512_fmadd_ps (x, w0, c##j##0); \
      c##j##1 = _mm512_fmadd_ps (x, w1, c##j##1); \
      c##j##2 = _mm512_fmadd_ps (x, w2, c##j##2); \
      c##j##3 = _mm512_fmadd_ps (x, w3, c##j##3); \
    }
      FOR_PIX (STEP)
#undef STEP
      if (idx == NULL)
        a += 64;
    }

#define STORE(j) \
  if (NP > j) \
    { \
      if (mode == QS_CV_ADD) \
        { \
          c##j##0 = _mm512_add_ps (c##j##0, _mm512_load_ps (tile + j * 64)); \
          c##j##1 = _mm512_add_ps (c##j##1, _mm512_load_ps (tile + j * 64 + 16)); \
          c##j##2 = _mm512_add_ps (c##j##2, _mm512_load_ps (tile + j * 64 + 32)); \
          c##j##3 = _mm512_add_ps (c##j##3, _mm512_load_ps (tile + j * 64 + 48)); \
        } \
      _mm512_store_ps (tile + j * 64, c##j##0); \
      _mm512_store_ps (tile + j * 64 + 16, c##j##1); \
      _mm512_store_ps (tile + j * 64 + 32, c##j##2); \
      _mm512_store_ps (tile + j * 64 + 48, c##j##3); \
    }
  FOR_PIX (STORE)
#undef STORE
}

static inline __attribute__ ((always_inline)) void
cv_u8s8_body (gsize                 kq,
              const guint32        *a,
              const guint32 *const *bp,
              const gsize          *boff,
              const guint32        *idx,
              gint32               *tile,
              QsCvMode              mode,
              const int             NP)
{
  const guint32 *b0 = NULL, *b1 = NULL, *b2 = NULL, *b3 = NULL, *b4 = NULL, *b5 = NULL;
  CV_DECL (__m512i, 0); CV_DECL (__m512i, 1); CV_DECL (__m512i, 2); CV_DECL (__m512i, 3);
  CV_DECL (__m512i, 4); CV_DECL (__m512i, 5);

#define INIT(j) \
  if (NP > j) \
    { \
      b##j = bp[j]; \
      if (mode == QS_CV_CONTINUE) \
        { \
          c##j##0 = _mm512_load_si512 (tile + j * 64); \
          c##j##1 = _mm512_load_si512 (tile + j * 64 + 16); \
          c##j##2 = _mm512_load_si512 (tile + j * 64 + 32); \
          c##j##3 = _mm512_load_si512 (tile + j * 64 + 48); \
        } \
      else \
        c##j##0 = c##j##1 = c##j##2 = c##j##3 = _mm512_setzero_si512 (); \
    }
  FOR_PIX (INIT)
#undef INIT

  for (gsize k = 0; k < kq; k++)
    {
      gsize o = idx != NULL ? boff[idx[k]] : boff[k];
      const guint32 *ak = idx != NULL ? a + (gsize) idx[k] * 64 : a;
      __m512i w0 = _mm512_load_si512 (ak);
      __m512i w1 = _mm512_load_si512 (ak + 16);
      __m512i w2 = _mm512_load_si512 (ak + 32);
      __m512i w3 = _mm512_load_si512 (ak + 48);

#define STEP(j) \
  if (NP > j) \
    { \
      __m512i x = _mm512_set1_epi32 ((gint32) b##j[o]); \
      c##j##0 = _mm512_dpbusd_epi32 (c##j##0, x, w0); \
      c##j##1 = _mm512_dpbusd_epi32 (c##j##1, x, w1); \
      c##j##2 = _mm512_dpbusd_epi32 (c##j##2, x, w2); \
      c##j##3 = _mm512_dpbusd_epi32 (c##j##3, x, w3); \
    }
      FOR_PIX (STEP)
#undef STEP
      if (idx == NULL)
        a += 64;
    }

#define STORE(j) \
  if (NP > j) \
    { \
      if (mode == QS_CV_ADD) \
        { \
          c##j##0 = _mm512_add_epi32 (c##j##0, _mm512_load_si512 (tile + j * 64)); \
          c##j##1 = _mm512_add_epi32 (c##j##1, _mm512_load_si512 (tile + j * 64 + 16)); \
          c##j##2 = _mm512_add_epi32 (c##j##2, _mm512_load_si512 (tile + j * 64 + 32)); \
          c##j##3 = _mm512_add_epi32 (c##j##3, _mm512_load_si512 (tile + j * 64 + 48)); \
        } \
      _mm512_store_si512 (tile + j * 64, c##j##0); \
      _mm512_store_si512 (tile + j * 64 + 16, c##j##1); \
      _mm512_store_si512 (tile + j * 64 + 32, c##j##2); \
      _mm512_store_si512 (tile + j * 64 + 48, c##j##3); \
    }
  FOR_PIX (STORE)
#undef STORE
}

/* A finished tile to the output, transposed: out[o * ldc + j] = tile[j][o]
 * (+ bias[o], fp32) for o < rows, j < np.  Per 16 channels, the (up to)
 * eight pixel vectors go through an 8 x 16 transpose (unpacks by 32 and 64
 * bits, then one two-source permute per pair of rows) and each channel's
 * row is one masked store, where an element-by-element copy cost as much
 * as the products of a short K. */
/* GCC 12 warns about the _mm512_undefined_*() inside the unpack and
 * extract intrinsics (a self-initialised variable), not about our code. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
static void
cv_store_avx512 (const guint32 *tile,
                 int            np,
                 guint32       *out,
                 gsize          ldc,
                 int            rows,
                 const float   *bias)
{
  const __m512i lo = _mm512_set_epi64 (11, 10, 3, 2, 9, 8, 1, 0);
  const __m512i hi = _mm512_set_epi64 (15, 14, 7, 6, 13, 12, 5, 4);
  __mmask8 m = (__mmask8) ((1u << np) - 1);

  for (int v = 0; v * 16 < rows; v++)
    {
      __m512i r[8], t[8], u[8];
      int left = rows - v * 16;

      for (int j = 0; j < 8; j++)
        {
          r[j] = j < np ? _mm512_load_si512 (tile + j * QS_CV_OC + v * 16) : _mm512_setzero_si512 ();
          if (bias != NULL && j < np)
            r[j] = _mm512_castps_si512 (_mm512_add_ps (_mm512_castsi512_ps (r[j]),
                                                       _mm512_loadu_ps (bias + v * 16)));
        }
      for (int j = 0; j < 8; j += 2)
        {
          t[j] = _mm512_unpacklo_epi32 (r[j], r[j + 1]);
          t[j + 1] = _mm512_unpackhi_epi32 (r[j], r[j + 1]);
        }
      /* u[m] (m < 4): pixels 0-3 of channel 4L + m in 128-bit lane L;
       * u[4 + m]: pixels 4-7 */
      for (int h = 0; h < 2; h++)
        {
          u[4 * h + 0] = _mm512_unpacklo_epi64 (t[4 * h + 0], t[4 * h + 2]);
          u[4 * h + 1] = _mm512_unpackhi_epi64 (t[4 * h + 0], t[4 * h + 2]);
          u[4 * h + 2] = _mm512_unpacklo_epi64 (t[4 * h + 1], t[4 * h + 3]);
          u[4 * h + 3] = _mm512_unpackhi_epi64 (t[4 * h + 1], t[4 * h + 3]);
        }
      for (int mm = 0; mm < 4; mm++)
        {
          /* channels mm and 4 + mm, then 8 + mm and 12 + mm */
          __m512i a = _mm512_permutex2var_epi64 (u[mm], lo, u[4 + mm]);
          __m512i b = _mm512_permutex2var_epi64 (u[mm], hi, u[4 + mm]);
          guint32 *o = out + (gsize) (v * 16 + mm) * ldc;

          if (mm < left)
            _mm256_mask_storeu_epi32 (o, m, _mm512_castsi512_si256 (a));
          if (4 + mm < left)
            _mm256_mask_storeu_epi32 (o + 4 * ldc, m, _mm512_extracti64x4_epi64 (a, 1));
          if (8 + mm < left)
            _mm256_mask_storeu_epi32 (o + 8 * ldc, m, _mm512_castsi512_si256 (b));
          if (12 + mm < left)
            _mm256_mask_storeu_epi32 (o + 12 * ldc, m, _mm512_extracti64x4_epi64 (b, 1));
        }
    }
}
#pragma GCC diagnostic pop

#define CV_VARIANT(kind, T, n) \
  static void \
  cv_##kind##_##n (gsize kq, const guint32 *a, const guint32 *const *bp, \
                   const gsize *boff, void *tile, QsCvMode mode) \
  { \
    cv_##kind##_body (kq, (const T *) a, bp, boff, NULL, tile, mode, n); \
  } \
  static void \
  cv_##kind##_idx_##n (gsize kq, const guint32 *a, const guint32 *const *bp, \
                       const gsize *boff, const guint32 *idx, void *tile, QsCvMode mode) \
  { \
    cv_##kind##_body (kq, (const T *) a, bp, boff, idx, tile, mode, n); \
  }
CV_VARIANT (f32, float, 1) CV_VARIANT (f32, float, 2) CV_VARIANT (f32, float, 3)
CV_VARIANT (f32, float, 4) CV_VARIANT (f32, float, 5) CV_VARIANT (f32, float, 6)
CV_VARIANT (u8s8, guint32, 1) CV_VARIANT (u8s8, guint32, 2) CV_VARIANT (u8s8, guint32, 3)
CV_VARIANT (u8s8, guint32, 4) CV_VARIANT (u8s8, guint32, 5) CV_VARIANT (u8s8, guint32, 6)
#undef CV_VARIANT

static const QsUkernelCvFunc cv_f32_funcs[] = {
  cv_f32_1, cv_f32_2, cv_f32_3, cv_f32_4, cv_f32_5, cv_f32_6,
};
static const QsUkernelCvFunc cv_u8s8_funcs[] = {
  cv_u8s8_1, cv_u8s8_2, cv_u8s8_3, cv_u8s8_4, cv_u8s8_5, cv_u8s8_6,
};
static const QsUkernelCvIdxFunc cv_f32_idx_funcs[] = {
  cv_f32_idx_1, cv_f32_idx_2, cv_f32_idx_3, cv_f32_idx_4, cv_f32_idx_5, cv_f32_idx_6,
};
static const QsUkernelCvIdxFunc cv_u8s8_idx_funcs[] = {
  cv_u8s8_idx_1, cv_u8s8_idx_2, cv_u8s8_idx_3, cv_u8s8_idx_4, cv_u8s8_idx_5, cv_u8s8_idx_6,
};

#define DW_SUFFIX avx512
#define DW_LOAD_U8(p) _mm512_maskz_cvtepu8_epi32 (0xffff, _mm_loadu_si128 ((const __m128i *) (p)))
#define DW_VLEN 16
#include "qs-ukernels-dw.h"

/* int8 depthwise with vpdpbusd, straight from the unpadded input plane.
 * Output lane x of one vector needs, for kernel row ky and a group of four
 * taps kx = 4g .. 4g+3, the four input bytes at padded columns
 * x·sw + (4g + j)·dw, j = 0..3, side by side in its 32-bit lane; the
 * weights of the group are broadcast as one 4-byte word (taps past kw
 * weigh 0).  For 16 outputs the 128-bit lane k (outputs 4k .. 4k+3) only
 * needs bytes sw·4k .. sw·4k + 3·sw + 3·dw from the first one: one vpermd
 * brings dwords sw·k .. sw·k+3 into lane k and one vpshufb picks byte
 * sw·i + j·dw for dword i, byte j.  That needs 3·(sw + dw) < 16, so
 * sw + dw <= 5 (_qs_dw_u8_vnni_fits); other shapes keep the widening
 * kernel.  Padding is never copied: a load takes the pad value for every
 * byte outside the input row (masked loads do not touch those bytes), and
 * a kernel row above or below the input is the pad value throughout.
 * vpdpbusd adds exact u8·s8 products without saturation, so the sums are
 * those of the widening kernel on the padded plane. */

#define DWV_NV 4

typedef struct
{
  const guint8  *in;
  int            ih, iw, pt, pl;
  const guint32 *wq;
  int            kh, ng, sh, sw, dh, dw;
  __m512i        idx, ctl, padv;
  int            need;        /* bytes one gather uses */
  const __mmask64 *masks;     /* [g · nvec + x / 16]: the row's bytes of a gather */
  int            nvec;
} DwvCtx;

/* the bytes [lo, hi) of a gather's @need, as a mask */
static inline __mmask64
dwv_range (int lo, int hi, int need)
{
  __mmask64 m;

  lo = MAX (lo, 0);
  hi = MIN (hi, need);
  if (hi <= lo)
    return 0;
  m = hi >= 64 ? ~(__mmask64) 0 : ((__mmask64) 1 << hi) - 1;
  return m & ~(((__mmask64) 1 << lo) - 1);
}

/* 16 outputs' gathered bytes from padded column c of input row @r (NULL:
 * a pad row); with @clip only the bytes in @m come from the row */
static inline __m512i
dwv_gather (const DwvCtx *cx, const guint8 *r, int c, __mmask64 m, gboolean clip)
{
  __m512i z;

  if (r == NULL)
    return cx->padv;
  if (clip)
    z = _mm512_mask_loadu_epi8 (cx->padv, m, r + c - cx->pl);
  else
    z = _mm512_loadu_si512 (r + c - cx->pl);
  /* the masked form: GCC 12 warns about the unmasked one's undefined source */
  return _mm512_shuffle_epi8 (_mm512_maskz_permutexvar_epi32 (0xffff, cx->idx, z), cx->ctl);
}

static inline __mmask64
dwv_mask (const DwvCtx *cx, int c)
{
  return dwv_range (cx->pl - c, cx->pl + cx->iw - c, cx->need);
}

static inline void
dwv_store (gint32 *o, int n, __m512i a0, __m512i a1, __m512i a2, __m512i a3)
{
  if (n >= DWV_NV * 16)
    {
      _mm512_storeu_si512 (o, a0);
      _mm512_storeu_si512 (o + 16, a1);
      _mm512_storeu_si512 (o + 32, a2);
      _mm512_storeu_si512 (o + 48, a3);
    }
  else
    {
      _mm512_mask_storeu_epi32 (o, tail_mask (n), a0);
      _mm512_mask_storeu_epi32 (o + 16, tail_mask (n - 16), a1);
      _mm512_mask_storeu_epi32 (o + 32, tail_mask (n - 32), a2);
      _mm512_mask_storeu_epi32 (o + 48, tail_mask (n - 48), a3);
    }
}

/* The edge masks of tap group @g for the four vectors of outputs from @x
 * (none without @clip: every byte is inside the row). */
static inline __attribute__ ((always_inline)) void
dwv_masks (const DwvCtx *cx,
           int           g,
           int           x,
           gboolean      clip,
           __mmask64    *m0,
           __mmask64    *m1,
           __mmask64    *m2,
           __mmask64    *m3)
{
  const __mmask64 *mg;

  if (!clip)
    {
      *m0 = *m1 = *m2 = *m3 = 0;
      return;
    }
  mg = cx->masks + g * cx->nvec + x / 16;
  *m0 = mg[0];
  *m1 = mg[1];
  *m2 = mg[2];
  *m3 = mg[3];
}

/* DWV_NV vectors of outputs from x on; @n of them are stored (the rest
 * masked off). */
static inline __attribute__ ((always_inline)) void
dwv_block (const DwvCtx *cx, gint32 *o, int y, int x, int n, gboolean clip)
{
  __m512i a0 = _mm512_setzero_si512 (), a1 = a0, a2 = a0, a3 = a0;
  int sw = cx->sw;

  /* tap groups outside, kernel rows inside: a gather's mask depends on
   * its column only */
  for (int g = 0; g < cx->ng; g++)
    {
      int c = x * sw + 4 * g * cx->dw;
      __mmask64 m0, m1, m2, m3;

      dwv_masks (cx, g, x, clip, &m0, &m1, &m2, &m3);
      for (int ky = 0; ky < cx->kh; ky++)
        {
          int ry = y * cx->sh + ky * cx->dh - cx->pt;
          const guint8 *r = ry >= 0 && ry < cx->ih ? cx->in + (gsize) ry * cx->iw : NULL;
          __m512i wv = _mm512_set1_epi32 ((int) cx->wq[ky * cx->ng + g]);

          a0 = _mm512_dpbusd_epi32 (a0, dwv_gather (cx, r, c, m0, clip), wv);
          a1 = _mm512_dpbusd_epi32 (a1, dwv_gather (cx, r, c + 16 * sw, m1, clip), wv);
          a2 = _mm512_dpbusd_epi32 (a2, dwv_gather (cx, r, c + 32 * sw, m2, clip), wv);
          a3 = _mm512_dpbusd_epi32 (a3, dwv_gather (cx, r, c + 48 * sw, m3, clip), wv);
        }
    }
  dwv_store (o + x, n, a0, a1, a2, a3);
}

/* The same for output rows y and y + 1 (@o: row y, row y + 1 at o + ow):
 * each input row either reads is gathered once and meets the weights of
 * both where both read it (with sh = dh = 1, 3 kernel rows: 4 gathers for
 * 6 row products). */
static inline __attribute__ ((always_inline)) void
dwv_block2 (const DwvCtx *cx, gint32 *o, int ow, int y, int x, int n, gboolean clip)
{
  __m512i a0 = _mm512_setzero_si512 (), a1 = a0, a2 = a0, a3 = a0;
  __m512i b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  int sw = cx->sw, sh = cx->sh, dh = cx->dh, kh = cx->kh;
  int nt = (kh - 1) * dh + sh + 1;

  for (int g = 0; g < cx->ng; g++)
    {
      int c = x * sw + 4 * g * cx->dw;
      __mmask64 m0, m1, m2, m3;

      dwv_masks (cx, g, x, clip, &m0, &m1, &m2, &m3);
      for (int t = 0; t < nt; t++)
        {
          int ka = t % dh == 0 && t / dh < kh ? t / dh : -1;
          int kb = t >= sh && (t - sh) % dh == 0 && (t - sh) / dh < kh ? (t - sh) / dh : -1;
          int ry = y * sh + t - cx->pt;
          const guint8 *r = ry >= 0 && ry < cx->ih ? cx->in + (gsize) ry * cx->iw : NULL;
          __m512i z0, z1, z2, z3;

          if (ka < 0 && kb < 0)
            continue;
          z0 = dwv_gather (cx, r, c, m0, clip);
          z1 = dwv_gather (cx, r, c + 16 * sw, m1, clip);
          z2 = dwv_gather (cx, r, c + 32 * sw, m2, clip);
          z3 = dwv_gather (cx, r, c + 48 * sw, m3, clip);
          if (ka >= 0)
            {
              __m512i wv = _mm512_set1_epi32 ((int) cx->wq[ka * cx->ng + g]);

              a0 = _mm512_dpbusd_epi32 (a0, z0, wv);
              a1 = _mm512_dpbusd_epi32 (a1, z1, wv);
              a2 = _mm512_dpbusd_epi32 (a2, z2, wv);
              a3 = _mm512_dpbusd_epi32 (a3, z3, wv);
            }
          if (kb >= 0)
            {
              __m512i wv = _mm512_set1_epi32 ((int) cx->wq[kb * cx->ng + g]);

              b0 = _mm512_dpbusd_epi32 (b0, z0, wv);
              b1 = _mm512_dpbusd_epi32 (b1, z1, wv);
              b2 = _mm512_dpbusd_epi32 (b2, z2, wv);
              b3 = _mm512_dpbusd_epi32 (b3, z3, wv);
            }
        }
    }
  dwv_store (o + x, n, a0, a1, a2, a3);
  dwv_store (o + ow + x, n, b0, b1, b2, b3);
}

static inline void
dwv_one (const DwvCtx *cx, gint32 *o, int y, int x, int n)
{
  __m512i a = _mm512_setzero_si512 ();

  for (int ky = 0; ky < cx->kh; ky++)
    {
      int ry = y * cx->sh + ky * cx->dh - cx->pt;
      const guint8 *r = ry >= 0 && ry < cx->ih ? cx->in + (gsize) ry * cx->iw : NULL;

      for (int g = 0; g < cx->ng; g++)
        {
          int c = x * cx->sw + 4 * g * cx->dw;

          a = _mm512_dpbusd_epi32 (a, dwv_gather (cx, r, c, cx->masks[g * cx->nvec + x / 16], TRUE),
                                   _mm512_set1_epi32 ((int) cx->wq[ky * cx->ng + g]));
        }
    }
  _mm512_mask_storeu_epi32 (o + x, tail_mask (n), a);
}

/* One output row: blocks of DWV_NV vectors, the last one masked when more
 * than two vectors' worth of outputs remain (narrow planes such as 54
 * outputs are then one block), else single masked vectors.  Blocks whose
 * gathers all fall inside the input row load without masks. */
static void
dwv_row (const DwvCtx *cx, gint32 *o, int y, int ow)
{
  int span = 48 * cx->sw + 4 * (cx->ng - 1) * cx->dw + 64;   /* unmasked loads read 64 */
  int x = 0;

  for (; x + DWV_NV * 16 <= ow; x += DWV_NV * 16)
    {
      int c = x * cx->sw;

      if (c >= cx->pl && c + span <= cx->pl + cx->iw)
        dwv_block (cx, o, y, x, DWV_NV * 16, FALSE);
      else
        dwv_block (cx, o, y, x, DWV_NV * 16, TRUE);
    }
  if (ow - x > 32)
    {
      dwv_block (cx, o, y, x, ow - x, TRUE);
      return;
    }
  for (; x < ow; x += 16)
    dwv_one (cx, o, y, x, ow - x);
}

/* Output rows y and y + 1 together where they take 4-vector blocks; the
 * single-vector tail goes row by row. */
static void
dwv_row2 (const DwvCtx *cx, gint32 *o, int y, int ow)
{
  int span = 48 * cx->sw + 4 * (cx->ng - 1) * cx->dw + 64;
  int x = 0;

  for (; x + DWV_NV * 16 <= ow; x += DWV_NV * 16)
    {
      int c = x * cx->sw;

      if (c >= cx->pl && c + span <= cx->pl + cx->iw)
        dwv_block2 (cx, o, ow, y, x, DWV_NV * 16, FALSE);
      else
        dwv_block2 (cx, o, ow, y, x, DWV_NV * 16, TRUE);
    }
  if (ow - x > 32)
    {
      dwv_block2 (cx, o, ow, y, x, ow - x, TRUE);
      return;
    }
  for (; x < ow; x += 16)
    {
      dwv_one (cx, o, y, x, ow - x);
      dwv_one (cx, o + ow, y + 1, x, ow - x);
    }
}

/* @in: the unpadded ih × iw plane; pt, pl: the top and left pads (the
 * bottom and right ones follow from oh, ow).  FALSE when the shape is not
 * one this kernel takes. */
static gboolean
dw_u8_src_vnni (const guint8 *in, int ih, int iw, int pt, int pl, guint8 pad,
                const gint8 *w, gint32 *out,
                int oh, int ow, int kh, int kw,
                int sh, int sw, int dh, int dw)
{
  guint32 wq_stack[64];
  __mmask64 masks_stack[256], *masks;
  int y;
  gint32 idx_v[16];
  gint8 ctl_v[64];
  DwvCtx cx;
  guint32 *wq;
  int ng = (kw + 3) / 4;

  if (!_qs_dw_u8_vnni_fits (sw, dw) || oh <= 0 || ow <= 0 || kh <= 0 || kw <= 0)
    return FALSE;

  wq = kh * ng <= (int) G_N_ELEMENTS (wq_stack) ? wq_stack : g_new (guint32, kh * ng);
  for (int ky = 0; ky < kh; ky++)
    for (int g = 0; g < ng; g++)
      {
        guint32 v = 0;

        for (int j = 0; j < 4 && 4 * g + j < kw; j++)
          v |= (guint32) (guint8) w[ky * kw + 4 * g + j] << (8 * j);
        wq[ky * ng + g] = v;
      }
  for (int k = 0; k < 4; k++)
    for (int i = 0; i < 4; i++)
      {
        idx_v[4 * k + i] = sw * k + i;
        for (int j = 0; j < 4; j++)
          ctl_v[16 * k + 4 * i + j] = (gint8) (sw * i + j * dw);
      }

  cx = (DwvCtx) {
    .in = in, .ih = ih, .iw = iw, .pt = pt, .pl = pl, .wq = wq,
    .kh = kh, .ng = ng, .sh = sh, .sw = sw, .dh = dh, .dw = dw,
    .idx = _mm512_loadu_si512 (idx_v),
    .ctl = _mm512_loadu_si512 (ctl_v),
    .padv = _mm512_set1_epi8 ((char) pad),
    .need = 4 * (3 * sw + 4),
  };
  /* the masks depend on the column only: once for all rows, whole blocks
   * of DWV_NV vectors */
  cx.nvec = (ow + DWV_NV * 16 - 1) / (DWV_NV * 16) * DWV_NV;
  masks = cx.nvec * ng <= (int) G_N_ELEMENTS (masks_stack) ? masks_stack
                                                           : g_new (__mmask64, cx.nvec * ng);
  for (int g = 0; g < ng; g++)
    for (int v = 0; v < cx.nvec; v++)
      masks[g * cx.nvec + v] = dwv_mask (&cx, v * 16 * sw + 4 * g * dw);
  cx.masks = masks;

  /* rows in pairs at stride 1 only: at stride 2 two rows share one input
   * row of three, and pvb 96@240x432 s2 measured a little slower */
  y = 0;
  if (sh == 1)
    for (; y + 1 < oh; y += 2)
      dwv_row2 (&cx, out + (gsize) y * ow, y, ow);
  for (; y < oh; y++)
    dwv_row (&cx, out + (gsize) y * ow, y, ow);

  if (masks != masks_stack)
    g_free (masks);

  if (wq != wq_stack)
    g_free (wq);
  return TRUE;
}

/* The padded-plane entry: the plane is the input, without pads; it ends
 * after the last row the outputs need. */
static void
dw_u8_vnni (const guint8 *in,
            gsize         wp,
            const gint8  *w,
            gint32       *out,
            int oh, int ow, int kh, int kw,
            int sh, int sw, int dh, int dw)
{
  int hp = oh > 0 ? (oh - 1) * sh + (kh - 1) * dh + 1 : 0;

  if (!dw_u8_src_vnni (in, hp, (int) wp, 0, 0, 0, w, out, oh, ow, kh, kw, sh, sw, dh, dw))
    dw_u8_avx512 (in, wp, w, out, oh, ow, kh, kw, sh, sw, dh, dw);
}

/* Padded fp32 rows (QsPadRowsF32Func) of at most 16 columns, one masked
 * store a row, the image's columns brought in by an expanding load from
 * the row's first value (nothing outside the input is read); 32-bit
 * integer moves, so every bit pattern goes through as it is.  In a
 * convolution's lazy conversion (task traces, one thread, medians) res5's
 * 512 planes of 7 x 7 took 9.4 us against 24.9 through memset and memcpy,
 * res4's 256 of 14 x 14 10.2 against 23.5.  A loop over blocks of sixteen
 * for wider rows lost (res3's 128 planes of 28 x 28: 29.5 against 22.7 us,
 * res2's 64 of 56 x 56: 48 against 24), so wider rows take the portable
 * copy. */
static void
pad_rows_f32_avx512 (const float *in,
                     int          ih,
                     int          iw,
                     int          pt,
                     int          pl,
                     float       *out,
                     gsize        wp,
                     gsize        row0,
                     gsize        row1)
{
  __mmask16 store, image;

  if (wp > 16)
    {
      _qs_pad_rows_f32 (in, ih, iw, pt, pl, out, wp, row0, row1);
      return;
    }
  store = (__mmask16) (((guint32) 1 << wp) - 1);
  image = (__mmask16) ((((guint32) 1 << iw) - 1) << pl);
  for (gsize r = row0; r < row1; r++)
    {
      gssize y = (gssize) r - pt;
      __m512i v = _mm512_setzero_si512 ();

      if (y >= 0 && y < ih)
        v = _mm512_maskz_expandloadu_epi32 (image, (const gint32 *) in + (gsize) y * iw);
      _mm512_mask_storeu_epi32 ((gint32 *) out + r * wp, store, v);
    }
}

void
_qs_ukernels_avx512 (QsIsaKernels *k)
{
  k->f32 = (QsUkernel) { uk_f32_avx512, MR, NR, 1, uk_f32_wide_avx512 };
  k->u8s8 = (QsUkernel) { uk_u8s8_avx512, MR, NR, 1, uk_u8s8_wide_avx512 };
  k->f32_cv = (QsUkernelCv) { cv_f32_funcs, G_N_ELEMENTS (cv_f32_funcs), cv_store_avx512,
                              cv_f32_idx_funcs };
  k->u8s8_cv = (QsUkernelCv) { cv_u8s8_funcs, G_N_ELEMENTS (cv_u8s8_funcs), cv_store_avx512,
                               cv_u8s8_idx_funcs };
  k->dw_f32 = dw_f32_avx512;
  k->dw_u8 = dw_u8_vnni;
  k->dw_u8_src = dw_u8_src_vnni;
  k->pad_f32 = pad_rows_f32_avx512;
}
