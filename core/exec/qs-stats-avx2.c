/* qs-stats-avx2.c — AVX2 block passes of the statistics
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Built with -mavx2 -mfma -ffp-contract=off in its own static library,
 * reached only after run-time detection.  Eight floats a step: the finite
 * mask, extremes in float, sums in two double vectors (the low and high
 * four lanes), bins and codes with the reference's float operations in its
 * order (sub, mul / sub, div, mul, round to nearest even), so they come out
 * bit for bit; NaN and infinities are masked, never branched on.  The tail
 * is a copy padded with zeros and a lane mask.
 */
#include "config.h"

#include <immintrin.h>
#include <math.h>
#include <string.h>

#include "qs-stats-private.h"

/* Bytes ahead to prefetch (see qs-stats-avx512.c). */
#define PREFETCH 2048

static inline __m256
finite_mask (__m256 v)
{
  const __m256 abs_mask = _mm256_castsi256_ps (_mm256_set1_epi32 (0x7fffffff));

  return _mm256_cmp_ps (_mm256_and_ps (v, abs_mask), _mm256_set1_ps (INFINITY), _CMP_LT_OQ);
}

static inline guint
count_mask (__m256 m)
{
  return (guint) __builtin_popcount ((unsigned) _mm256_movemask_ps (m));
}

/* lanes [0, n) of all ones */
static inline __m256
lane_mask (gsize n)
{
  const __m256i idx = _mm256_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7);

  return _mm256_castsi256_ps (_mm256_cmpgt_epi32 (_mm256_set1_epi32 ((int) n), idx));
}

typedef struct
{
  __m256  lo, hi;
  __m256d shift;
  __m256d s0, s1;      /* Σ (x − shift) of the finite values */
  __m256d q0, q1;      /* Σ (x − shift)² */
  guint64 count, n_nan, clip_lo, clip_hi;
  __m256  known_lo, known_hi;
  guint64 seen[4];     /* with fq_mask: the codes seen */
} Acc;

/* The four doubles of x − shift, zero where fin is not set. */
static inline __m256d
shifted (__m128  v,
         __m128  fin,
         __m256d shift)
{
  __m256d m = _mm256_castsi256_pd (_mm256_cvtepi32_epi64 (_mm_castps_si128 (fin)));

  return _mm256_and_pd (_mm256_sub_pd (_mm256_cvtps_pd (v), shift), m);
}

static inline void
summary_step (Acc                 *a,
              __m256               v,
              __m256               valid,
              const QsStatsParams *p,
              guint8              *bins,
              guint32             *codes)
{
  const __m256 inf = _mm256_set1_ps (INFINITY), ninf = _mm256_set1_ps (-INFINITY);
  __m256 fin = _mm256_and_ps (finite_mask (v), valid);
  __m256d d0 = shifted (_mm256_castps256_ps128 (v), _mm256_castps256_ps128 (fin), a->shift);
  __m256d d1 = shifted (_mm256_extractf128_ps (v, 1), _mm256_extractf128_ps (fin, 1), a->shift);

  a->count += count_mask (fin);
  a->n_nan += count_mask (_mm256_and_ps (_mm256_cmp_ps (v, v, _CMP_UNORD_Q), valid));
  a->lo = _mm256_min_ps (a->lo, _mm256_blendv_ps (inf, v, fin));
  a->hi = _mm256_max_ps (a->hi, _mm256_blendv_ps (ninf, v, fin));
  a->s0 = _mm256_add_pd (a->s0, d0);
  a->s1 = _mm256_add_pd (a->s1, d1);
  a->q0 = _mm256_fmadd_pd (d0, d0, a->q0);
  a->q1 = _mm256_fmadd_pd (d1, d1, a->q1);
  if (p->has_bins)
    {
      __m256 below = _mm256_cmp_ps (v, _mm256_set1_ps (p->bin_lo), _CMP_LT_OQ);
      __m256 above = _mm256_cmp_ps (v, _mm256_set1_ps (p->bin_hi), _CMP_GT_OQ);
      __m256 t = _mm256_mul_ps (_mm256_sub_ps (v, _mm256_set1_ps (p->bin_lo)), _mm256_set1_ps (p->bin_inv));
      __m256i b, w;

      t = _mm256_min_ps (t, _mm256_set1_ps ((float) (QS_STATS_BINS - 1)));
      b = _mm256_cvttps_epi32 (t);
      b = _mm256_blendv_epi8 (b, _mm256_set1_epi32 (QS_STATS_BIN_BELOW), _mm256_castps_si256 (below));
      b = _mm256_blendv_epi8 (b, _mm256_set1_epi32 (QS_STATS_BIN_ABOVE), _mm256_castps_si256 (above));
      b = _mm256_blendv_epi8 (_mm256_set1_epi32 (QS_STATS_BIN_NONE), b, _mm256_castps_si256 (fin));
      w = _mm256_castsi128_si256 (_mm_packus_epi32 (_mm256_castsi256_si128 (b), _mm256_extracti128_si256 (b, 1)));
      _mm_storel_epi64 ((__m128i *) bins, _mm_packus_epi16 (_mm256_castsi256_si128 (w), _mm256_castsi256_si128 (w)));
    }
  if (p->has_fq)
    {
      __m256 flo = _mm256_set1_ps (p->fq_low), fhi = _mm256_set1_ps (p->fq_high);
      __m256 lm1 = _mm256_set1_ps (p->fq_lm1), c;
      __m256i ci;

      a->clip_lo += count_mask (_mm256_and_ps (_mm256_cmp_ps (v, flo, _CMP_LT_OQ), fin));
      a->clip_hi += count_mask (_mm256_and_ps (_mm256_cmp_ps (v, fhi, _CMP_GT_OQ), fin));
      c = _mm256_min_ps (_mm256_max_ps (v, flo), fhi);
      c = _mm256_mul_ps (_mm256_div_ps (_mm256_sub_ps (c, flo), _mm256_set1_ps (p->fq_width)), lm1);
      c = _mm256_round_ps (c, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      /* max first: a NaN (∞ / ∞) becomes 0, as in the reference */
      c = _mm256_min_ps (_mm256_max_ps (c, _mm256_setzero_ps ()), lm1);
      ci = _mm256_cvttps_epi32 (c);
      ci = _mm256_blendv_epi8 (_mm256_set1_epi32 ((int) p->fq_none), ci, _mm256_castps_si256 (fin));
      _mm256_storeu_si256 ((__m256i *) codes, ci);
    }
}

/* The codes of a vector with fq_mask: values in the interval known to map
 * to codes seen (QsStatsBlock) need none; the others' codes, computed as
 * the reference does, are set in a->seen.  Clip counts as above. */
static inline void
codes_step (Acc                 *a,
            __m256               v,
            __m256               valid,
            const QsStatsParams *p)
{
  __m256 flo = _mm256_set1_ps (p->fq_low), fhi = _mm256_set1_ps (p->fq_high);
  __m256 fin = _mm256_and_ps (finite_mask (v), valid);
  __m256 out = _mm256_or_ps (_mm256_cmp_ps (v, a->known_lo, _CMP_LT_OQ), _mm256_cmp_ps (v, a->known_hi, _CMP_GE_OQ));
  unsigned m;

  a->clip_lo += count_mask (_mm256_and_ps (_mm256_cmp_ps (v, flo, _CMP_LT_OQ), fin));
  a->clip_hi += count_mask (_mm256_and_ps (_mm256_cmp_ps (v, fhi, _CMP_GT_OQ), fin));
  m = (unsigned) _mm256_movemask_ps (_mm256_and_ps (out, fin));
  if (m != 0)
    {
      __m256 lm1 = _mm256_set1_ps (p->fq_lm1), c;
      guint32 codes[8];

      c = _mm256_min_ps (_mm256_max_ps (v, flo), fhi);
      c = _mm256_mul_ps (_mm256_div_ps (_mm256_sub_ps (c, flo), _mm256_set1_ps (p->fq_width)), lm1);
      c = _mm256_round_ps (c, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      c = _mm256_min_ps (_mm256_max_ps (c, _mm256_setzero_ps ()), lm1);
      _mm256_storeu_si256 ((__m256i *) codes, _mm256_cvttps_epi32 (c));
      for (; m != 0; m &= m - 1)
        {
          guint32 code = codes[__builtin_ctz (m)];

          a->seen[code / 64] |= G_GUINT64_CONSTANT (1) << (code % 64);
        }
    }
}

static double
hsum (__m256d v)
{
  __m128d s = _mm_add_pd (_mm256_castpd256_pd128 (v), _mm256_extractf128_pd (v, 1));

  return _mm_cvtsd_f64 (_mm_add_sd (s, _mm_unpackhi_pd (s, s)));
}

static float
hmin (__m256 v)
{
  __m128 m = _mm_min_ps (_mm256_castps256_ps128 (v), _mm256_extractf128_ps (v, 1));

  m = _mm_min_ps (m, _mm_movehl_ps (m, m));
  m = _mm_min_ss (m, _mm_shuffle_ps (m, m, 1));
  return _mm_cvtss_f32 (m);
}

static float
hmax (__m256 v)
{
  __m128 m = _mm_max_ps (_mm256_castps256_ps128 (v), _mm256_extractf128_ps (v, 1));

  m = _mm_max_ps (m, _mm_movehl_ps (m, m));
  m = _mm_max_ss (m, _mm_shuffle_ps (m, m, 1));
  return _mm_cvtss_f32 (m);
}

/* A finite block without bins or codes, as in qs-stats-avx512.c: no
 * masks, four sum chains; FALSE (nothing filled) when Σd² is not finite. */
static gboolean
moments_f32_avx2 (const float  *x,
                  gsize         n,
                  float         shift,
                  QsStatsBlock *b)
{
  __m256 lo0 = _mm256_set1_ps (INFINITY), lo1 = lo0, hi0 = _mm256_set1_ps (-INFINITY), hi1 = hi0;
  __m256d sh = _mm256_set1_pd (shift), z = _mm256_setzero_pd ();
  __m256d s0 = z, s1 = z, s2 = z, s3 = z, q0 = z, q1 = z, q2 = z, q3 = z;
  double sum1, sum2;
  float l, h;
  gsize i;

  for (i = 0; i + 16 <= n; i += 16)
    {
      __m256 v0 = _mm256_loadu_ps (x + i), v1 = _mm256_loadu_ps (x + i + 8);
      __m256d d0 = _mm256_sub_pd (_mm256_cvtps_pd (_mm256_castps256_ps128 (v0)), sh);
      __m256d d1 = _mm256_sub_pd (_mm256_cvtps_pd (_mm256_extractf128_ps (v0, 1)), sh);
      __m256d d2 = _mm256_sub_pd (_mm256_cvtps_pd (_mm256_castps256_ps128 (v1)), sh);
      __m256d d3 = _mm256_sub_pd (_mm256_cvtps_pd (_mm256_extractf128_ps (v1, 1)), sh);

      _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
      lo0 = _mm256_min_ps (lo0, v0);
      lo1 = _mm256_min_ps (lo1, v1);
      hi0 = _mm256_max_ps (hi0, v0);
      hi1 = _mm256_max_ps (hi1, v1);
      s0 = _mm256_add_pd (s0, d0);
      s1 = _mm256_add_pd (s1, d1);
      s2 = _mm256_add_pd (s2, d2);
      s3 = _mm256_add_pd (s3, d3);
      q0 = _mm256_fmadd_pd (d0, d0, q0);
      q1 = _mm256_fmadd_pd (d1, d1, q1);
      q2 = _mm256_fmadd_pd (d2, d2, q2);
      q3 = _mm256_fmadd_pd (d3, d3, q3);
    }
  sum1 = hsum (_mm256_add_pd (_mm256_add_pd (s0, s1), _mm256_add_pd (s2, s3)));
  sum2 = hsum (_mm256_add_pd (_mm256_add_pd (q0, q1), _mm256_add_pd (q2, q3)));
  l = hmin (_mm256_min_ps (lo0, lo1));
  h = hmax (_mm256_max_ps (hi0, hi1));
  for (; i < n; i++)
    {
      double d = (double) x[i] - shift;

      sum1 += d;
      sum2 += d * d;
      l = x[i] < l ? x[i] : l;
      h = x[i] > h ? x[i] : h;
    }
  if (!isfinite (sum2))
    return FALSE;
  memset (b, 0, sizeof *b);
  b->n = n;
  b->min = l;
  b->max = h;
  b->sum = (double) n * shift + sum1;
  b->m2 = _qs_stats_m2 (sum1, sum2, n);
  return TRUE;
}

static void
summary_f32_avx2 (const float         *x,
                  gsize                n,
                  const QsStatsParams *p,
                  QsStatsBlock        *b,
                  QsStatsCounts       *counts,
                  guint8              *bins,
                  guint32             *codes)
{
  const __m256 all = _mm256_castsi256_ps (_mm256_set1_epi32 (-1));
  Acc a = { 0 };
  gsize i, rest = n % 8, full = n - rest;
  float tail[8] = { 0 }, shift = _qs_stats_shift (x, n);

  if (!p->has_bins && !p->has_fq && n > 0 && moments_f32_avx2 (x, n, shift, b))
    return;
  a.lo = _mm256_set1_ps (INFINITY);
  a.hi = _mm256_set1_ps (-INFINITY);
  a.shift = _mm256_set1_pd (shift);
  a.s0 = a.s1 = a.q0 = a.q1 = _mm256_setzero_pd ();
  a.known_lo = _mm256_set1_ps (b->known_lo);
  a.known_hi = _mm256_set1_ps (b->known_hi);
  memcpy (a.seen, b->seen, sizeof a.seen);
  if (p->has_fq && p->fq_mask)
    {
      /* the codes beside the rest, as a bit set */
      QsStatsParams q = *p;

      q.has_fq = FALSE;
      for (i = 0; i < full; i += 8)
        {
          __m256 v = _mm256_loadu_ps (x + i);

          if (i % 16 == 0)
            _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          summary_step (&a, v, all, &q, bins + i, codes + i);
          codes_step (&a, v, all, p);
        }
      if (rest > 0)
        {
          __m256 v;

          memcpy (tail, x + full, rest * sizeof (float));
          v = _mm256_loadu_ps (tail);
          summary_step (&a, v, lane_mask (rest), &q, bins + full, codes + full);
          codes_step (&a, v, lane_mask (rest), p);
        }
    }
  else
    {
      for (i = 0; i < full; i += 8)
        {
          if (i % 16 == 0)
            _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          summary_step (&a, _mm256_loadu_ps (x + i), all, p, bins + i, codes + i);
        }
      if (rest > 0)
        {
          memcpy (tail, x + full, rest * sizeof (float));
          summary_step (&a, _mm256_loadu_ps (tail), lane_mask (rest), p, bins + full, codes + full);
        }
    }
  b->n = a.count;
  b->n_nan = a.n_nan;
  b->n_inf = n - a.count - a.n_nan;
  b->clipped_low = a.clip_lo;
  b->clipped_high = a.clip_hi;
  b->min = hmin (a.lo);
  b->max = hmax (a.hi);
  {
    double sum1 = hsum (_mm256_add_pd (a.s0, a.s1)), sum2 = hsum (_mm256_add_pd (a.q0, a.q1));

    b->sum = (double) a.count * _mm256_cvtsd_f64 (a.shift) + sum1;
    b->m2 = _qs_stats_m2 (sum1, sum2, a.count);
  }
  if (p->has_bins)
    _qs_stats_count_bins (counts, bins, n);
  memcpy (b->seen, a.seen, sizeof b->seen);
}

/* i32 moments as in qs-stats-avx512.c: the shifted sum is exact. */
static void
moments_i32_avx2 (const gint32 *x,
                  gsize         n,
                  gint64       *sum,
                  double       *m2,
                  gint32       *min,
                  gint32       *max)
{
  __m256i lo = _mm256_set1_epi32 (G_MAXINT32), hi = _mm256_set1_epi32 (G_MININT32);
  __m256d sh = _mm256_set1_pd ((double) x[0]), z = _mm256_setzero_pd ();
  __m256d s0 = z, s1 = z, q0 = z, q1 = z;
  gint32 l, h, buf[8];
  double sum1, sum2;
  gsize i, k;

  for (i = 0; i + 8 <= n; i += 8)
    {
      __m256i v = _mm256_loadu_si256 ((const __m256i *) (x + i));
      __m256d d0 = _mm256_sub_pd (_mm256_cvtepi32_pd (_mm256_castsi256_si128 (v)), sh);
      __m256d d1 = _mm256_sub_pd (_mm256_cvtepi32_pd (_mm256_extracti128_si256 (v, 1)), sh);

      if (i % 16 == 0)
        _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
      lo = _mm256_min_epi32 (lo, v);
      hi = _mm256_max_epi32 (hi, v);
      s0 = _mm256_add_pd (s0, d0);
      s1 = _mm256_add_pd (s1, d1);
      q0 = _mm256_fmadd_pd (d0, d0, q0);
      q1 = _mm256_fmadd_pd (d1, d1, q1);
    }
  sum1 = hsum (_mm256_add_pd (s0, s1));
  sum2 = hsum (_mm256_add_pd (q0, q1));
  _mm256_storeu_si256 ((__m256i *) buf, lo);
  for (l = buf[0], k = 1; k < 8; k++)
    l = MIN (l, buf[k]);
  _mm256_storeu_si256 ((__m256i *) buf, hi);
  for (h = buf[0], k = 1; k < 8; k++)
    h = MAX (h, buf[k]);
  for (; i < n; i++)
    {
      double d = (double) x[i] - (double) x[0];

      sum1 += d;
      sum2 += d * d;
      l = MIN (l, x[i]);
      h = MAX (h, x[i]);
    }
  *sum = (gint64) sum1 + (gint64) n * x[0];
  *m2 = _qs_stats_m2 (sum1, sum2, n);
  *min = l;
  *max = h;
}

static void
min_max_f32_avx2 (const float *x,
                  gsize        n,
                  float       *min,
                  float       *max)
{
  const __m256 inf = _mm256_set1_ps (INFINITY), ninf = _mm256_set1_ps (-INFINITY);
  __m256 lo0 = _mm256_set1_ps (*min), hi0 = _mm256_set1_ps (*max), lo1 = inf, hi1 = ninf;
  gsize i;

  for (i = 0; i + 16 <= n; i += 16)
    {
      __m256 v0 = _mm256_loadu_ps (x + i), v1 = _mm256_loadu_ps (x + i + 8);
      __m256 f0 = finite_mask (v0), f1 = finite_mask (v1);

      _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);

      lo0 = _mm256_min_ps (lo0, _mm256_blendv_ps (inf, v0, f0));
      hi0 = _mm256_max_ps (hi0, _mm256_blendv_ps (ninf, v0, f0));
      lo1 = _mm256_min_ps (lo1, _mm256_blendv_ps (inf, v1, f1));
      hi1 = _mm256_max_ps (hi1, _mm256_blendv_ps (ninf, v1, f1));
    }
  *min = hmin (_mm256_min_ps (lo0, lo1));
  *max = hmax (_mm256_max_ps (hi0, hi1));
  for (; i < n; i++)
    if (isfinite (x[i]))
      {
        *min = x[i] < *min ? x[i] : *min;
        *max = x[i] > *max ? x[i] : *max;
      }
}

typedef struct
{
  __m256d xx, yy, xy, dd, mx;
  guint64 count;
} ErrAcc;

static inline void
error_half (ErrAcc *e,
            __m128  a4,
            __m128  b4)
{
  const __m256d abs_mask = _mm256_castsi256_pd (_mm256_set1_epi64x (0x7fffffffffffffffLL));
  __m256d a = _mm256_cvtps_pd (a4), b = _mm256_cvtps_pd (b4), d = _mm256_sub_pd (a, b);

  e->xx = _mm256_fmadd_pd (a, a, e->xx);
  e->yy = _mm256_fmadd_pd (b, b, e->yy);
  e->xy = _mm256_fmadd_pd (a, b, e->xy);
  e->dd = _mm256_fmadd_pd (d, d, e->dd);
  e->mx = _mm256_max_pd (e->mx, _mm256_and_pd (d, abs_mask));
}

static inline void
error_step (ErrAcc *e,
            __m256  a,
            __m256  b,
            __m256  valid)
{
  __m256 fin = _mm256_and_ps (_mm256_and_ps (finite_mask (a), finite_mask (b)), valid);

  /* a pair left out becomes (0, 0): it adds nothing */
  a = _mm256_and_ps (a, fin);
  b = _mm256_and_ps (b, fin);
  e->count += count_mask (fin);
  error_half (e, _mm256_castps256_ps128 (a), _mm256_castps256_ps128 (b));
  error_half (e, _mm256_extractf128_ps (a, 1), _mm256_extractf128_ps (b, 1));
}

static void
error_f32_avx2 (const float *x,
                const float *y,
                gsize        n,
                QsErrorSums *s)
{
  const __m256 all = _mm256_castsi256_ps (_mm256_set1_epi32 (-1));
  ErrAcc e;
  gsize i, rest = n % 8, full = n - rest;
  __m128d m;

  e.xx = e.yy = e.xy = e.dd = e.mx = _mm256_setzero_pd ();
  e.count = 0;
  for (i = 0; i < full; i += 8)
    {
      if (i % 16 == 0)
        {
          _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          _mm_prefetch ((const char *) (y + i) + PREFETCH, _MM_HINT_T0);
        }
      error_step (&e, _mm256_loadu_ps (x + i), _mm256_loadu_ps (y + i), all);
    }
  if (rest > 0)
    {
      float ta[8] = { 0 }, tb[8] = { 0 };

      memcpy (ta, x + full, rest * sizeof (float));
      memcpy (tb, y + full, rest * sizeof (float));
      error_step (&e, _mm256_loadu_ps (ta), _mm256_loadu_ps (tb), lane_mask (rest));
    }
  s->n += e.count;
  s->n_nonfinite += n - e.count;
  s->xx += hsum (e.xx);
  s->yy += hsum (e.yy);
  s->xy += hsum (e.xy);
  s->dd += hsum (e.dd);
  m = _mm_max_pd (_mm256_castpd256_pd128 (e.mx), _mm256_extractf128_pd (e.mx, 1));
  m = _mm_max_sd (m, _mm_unpackhi_pd (m, m));
  s->max_abs = MAX (s->max_abs, _mm_cvtsd_f64 (m));
}

/* As in qs-stats-avx512.c, 32 bytes a step, the tail in scalar code. */
static void
moments_u8_avx2 (const guint8 *x,
                 gsize         n,
                 guint8        flip,
                 guint64      *sum,
                 guint64      *sumsq,
                 guint8       *min,
                 guint8       *max)
{
  const __m256i zero = _mm256_setzero_si256 (), f = _mm256_set1_epi8 ((char) flip);
  __m256i lo = _mm256_set1_epi8 ((char) 0xff), hi = zero, s = zero, q0 = zero, q1 = zero;
  guint64 sb[4];
  guint8 bl[32], bh[32], l = 255, h = 0;
  guint32 qw[8];
  guint64 ss = 0, qq = 0;
  gsize i;
  int k;

  for (i = 0; i + 32 <= n; i += 32)
    {
      __m256i v = _mm256_xor_si256 (_mm256_loadu_si256 ((const __m256i *) (x + i)), f);
      __m256i w0 = _mm256_unpacklo_epi8 (v, zero), w1 = _mm256_unpackhi_epi8 (v, zero);

      if (i % 64 == 0)
        _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
      lo = _mm256_min_epu8 (lo, v);
      hi = _mm256_max_epu8 (hi, v);
      s = _mm256_add_epi64 (s, _mm256_sad_epu8 (v, zero));
      q0 = _mm256_add_epi32 (q0, _mm256_madd_epi16 (w0, w0));
      q1 = _mm256_add_epi32 (q1, _mm256_madd_epi16 (w1, w1));
    }
  _mm256_storeu_si256 ((__m256i *) sb, s);
  _mm256_storeu_si256 ((__m256i *) bl, lo);
  _mm256_storeu_si256 ((__m256i *) bh, hi);
  _mm256_storeu_si256 ((__m256i *) qw, q0);
  for (k = 0; k < 8; k++)
    qq += qw[k];
  _mm256_storeu_si256 ((__m256i *) qw, q1);
  for (k = 0; k < 8; k++)
    qq += qw[k];
  for (k = 0; k < 4; k++)
    ss += sb[k];
  for (k = 0; k < 32; k++)
    {
      l = MIN (l, bl[k]);
      h = MAX (h, bh[k]);
    }
  for (; i < n; i++)
    {
      guint8 u = x[i] ^ flip;

      ss += u;
      qq += (guint) u * u;
      l = MIN (l, u);
      h = MAX (h, u);
    }
  *sum = ss;
  *sumsq = qq;
  *min = l;
  *max = h;
}

void
_qs_stats_kernels_avx2 (QsStatsKernels *k)
{
  k->summary_f32 = summary_f32_avx2;
  k->fold_pairs = _qs_stats_fold_pairs;
  k->moments_i32 = moments_i32_avx2;
  k->moments_u8 = moments_u8_avx2;
  k->min_max_f32 = min_max_f32_avx2;
  k->error_f32 = error_f32_avx2;
}
