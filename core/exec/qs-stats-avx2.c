/* qs-stats-avx2.c — AVX2 block passes of the statistics
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Built with -mavx2 -mfma -ffp-contract=off in its own static library,
 * reached only after run-time detection.  Eight floats a step: the finite
 * mask, extremes in float, sums in float lanes folded into double every
 * QS_STATS_FOLD values (the bound is in qs-stats-private.h), bins and codes with the reference's float operations in its
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

/* Adds the eight float lanes of v to the two double vectors acc[0, 2). */
static inline void
fold (__m256d *acc,
      __m256   v)
{
  acc[0] = _mm256_add_pd (acc[0], _mm256_cvtps_pd (_mm256_castps256_ps128 (v)));
  acc[1] = _mm256_add_pd (acc[1], _mm256_cvtps_pd (_mm256_extractf128_ps (v, 1)));
}

typedef struct
{
  __m256  lo, hi;
  __m256  shift;
  __m256  s, q;        /* Σ (x − shift), Σ (x − shift)² of the finite values, this run */
  __m256d sd[2], qd[2];   /* the runs before, in double */
  guint64 count, n_nan, clip_lo, clip_hi;
  __m256  known_lo, known_hi;
  guint64 seen[4];     /* with fq_mask: the codes seen */
} Acc;

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
  __m256 d = _mm256_and_ps (_mm256_sub_ps (v, a->shift), fin);

  a->count += count_mask (fin);
  a->n_nan += count_mask (_mm256_and_ps (_mm256_cmp_ps (v, v, _CMP_UNORD_Q), valid));
  a->lo = _mm256_min_ps (a->lo, _mm256_blendv_ps (inf, v, fin));
  a->hi = _mm256_max_ps (a->hi, _mm256_blendv_ps (ninf, v, fin));
  a->s = _mm256_add_ps (a->s, d);
  a->q = _mm256_fmadd_ps (d, d, a->q);
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

static inline double
folded (const __m256d *acc)
{
  return hsum (_mm256_add_pd (acc[0], acc[1]));
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

/* The four doubles of x − shift, zero where fin is not set. */
static inline __m256d
shifted (__m128  v,
         __m128  fin,
         __m256d shift)
{
  __m256d m = _mm256_castsi256_pd (_mm256_cvtepi32_epi64 (_mm_castps_si128 (fin)));

  return _mm256_and_pd (_mm256_sub_pd (_mm256_cvtps_pd (v), shift), m);
}

/* The block's sums again in double, for the blocks whose float sums do
 * not stand (QsMomentsF64Func). */
static double
moments_f64_avx2 (const float *x,
                  gsize        n,
                  double      *s1,
                  double      *s2)
{
  double shift = _qs_stats_shift (x, n);
  __m256d sh = _mm256_set1_pd (shift), a0 = _mm256_setzero_pd (), a1 = a0, q0 = a0, q1 = a0;
  gsize i;

  for (i = 0; i + 8 <= n; i += 8)
    {
      __m256 v = _mm256_loadu_ps (x + i), fin = finite_mask (v);
      __m256d d0 = shifted (_mm256_castps256_ps128 (v), _mm256_castps256_ps128 (fin), sh);
      __m256d d1 = shifted (_mm256_extractf128_ps (v, 1), _mm256_extractf128_ps (fin, 1), sh);

      a0 = _mm256_add_pd (a0, d0);
      a1 = _mm256_add_pd (a1, d1);
      q0 = _mm256_fmadd_pd (d0, d0, q0);
      q1 = _mm256_fmadd_pd (d1, d1, q1);
    }
  *s1 = hsum (_mm256_add_pd (a0, a1));
  *s2 = hsum (_mm256_add_pd (q0, q1));
  for (; i < n; i++)
    if (isfinite (x[i]))
      {
        double d = (double) x[i] - shift;

        *s1 += d;
        *s2 += d * d;
      }
  return shift;
}

/* One step of the unmasked moments, with x − shift and the running Σd
 * taken by FMAs that round as the subtraction and the addition do (see
 * qs-stats-avx512.c). */
static inline __attribute__ ((always_inline)) void
moments_step (__m256  v,
              __m256  one,
              __m256  neg_shift,
              __m256 *lo,
              __m256 *hi,
              __m256 *s,
              __m256 *q)
{
  __m256 d;

  /* v in a register, one load (see qs-stats-avx512.c) */
  __asm__ ("" : "+x" (v));
  d = _mm256_fmadd_ps (v, one, neg_shift);
  *lo = _mm256_min_ps (*lo, v);
  *hi = _mm256_max_ps (*hi, v);
  *s = _mm256_fmadd_ps (d, one, *s);
  *q = _mm256_fmadd_ps (d, d, *q);
}

/* The unmasked moments of x[0, n), as in qs-stats-avx512.c: four chains of
 * float sums folded into double every QS_STATS_FOLD values, the last 1 to
 * 31 values in double; FALSE (nothing else set) when Σd² is not finite. */
static inline __attribute__ ((always_inline)) gboolean
moments_sums (const float *x,
              gsize        n,
              float        shift,
              double      *sum1,
              double      *sum2,
              float       *min,
              float       *max)
{
  __m256 lo0 = _mm256_set1_ps (INFINITY), lo1 = lo0, hi0 = _mm256_set1_ps (-INFINITY), hi1 = hi0;
  __m256 nsh = _mm256_set1_ps (-shift), one = _mm256_set1_ps (1.0f), zf = _mm256_setzero_ps ();
  __m256d z = _mm256_setzero_pd ();
  __m256d sd[2][2] = { { z, z }, { z, z } }, qd[2][2] = { { z, z }, { z, z } };
  double s1, s2;
  float l, h;
  gsize i = 0, full = n - n % 32;

  /* one unknown to the compiler (see qs-stats-avx512.c) */
  __asm__ ("" : "+x" (one));
  while (i < full)
    {
      __m256 s0 = zf, s1v = zf, s2v = zf, s3 = zf, q0 = zf, q1 = zf, q2 = zf, q3 = zf;
      gsize end = MIN (full, i + 32 * QS_STATS_FOLD);

      for (; i < end; i += 32)
        {
          _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          _mm_prefetch ((const char *) (x + i) + PREFETCH + 64, _MM_HINT_T0);
          moments_step (_mm256_loadu_ps (x + i), one, nsh, &lo0, &hi0, &s0, &q0);
          moments_step (_mm256_loadu_ps (x + i + 8), one, nsh, &lo1, &hi1, &s1v, &q1);
          moments_step (_mm256_loadu_ps (x + i + 16), one, nsh, &lo0, &hi0, &s2v, &q2);
          moments_step (_mm256_loadu_ps (x + i + 24), one, nsh, &lo1, &hi1, &s3, &q3);
        }
      fold (sd[0], s0);
      fold (sd[1], s1v);
      fold (sd[0], s2v);
      fold (sd[1], s3);
      fold (qd[0], q0);
      fold (qd[1], q1);
      fold (qd[0], q2);
      fold (qd[1], q3);
    }
  s1 = folded (sd[0]) + folded (sd[1]);
  s2 = folded (qd[0]) + folded (qd[1]);
  l = hmin (_mm256_min_ps (lo0, lo1));
  h = hmax (_mm256_max_ps (hi0, hi1));
  for (; i < n; i++)
    {
      double d = (double) x[i] - shift;

      s1 += d;
      s2 += d * d;
      l = x[i] < l ? x[i] : l;
      h = x[i] > h ? x[i] : h;
    }
  if (!isfinite (s2))
    return FALSE;
  *sum1 = s1;
  *sum2 = s2;
  *min = l;
  *max = h;
  return TRUE;
}

/* A finite block without bins or codes: no masks (moments_sums()); FALSE
 * (nothing filled) when Σd² is not finite. */
static gboolean
moments_block_avx2 (const float  *x,
                    gsize         n,
                    float         shift,
                    QsStatsBlock *b)
{
  double sum1, sum2;
  float l, h;

  if (!moments_sums (x, n, shift, &sum1, &sum2, &l, &h))
    return FALSE;
  memset (b, 0, sizeof *b);
  b->n = n;
  b->min = l;
  b->max = h;
  _qs_stats_finish_sums (b, x, n, shift, sum1, sum2, moments_f64_avx2);
  return TRUE;
}

/* A whole task of a moments-only summary (QsMomentsF32Func), as in
 * qs-stats-avx512.c. */
static gboolean
moments_f32_avx2 (const float  *x,
                  gsize         n,
                  QsStatsBlock *b)
{
  float shift = _qs_stats_task_shift (x, n), l, h;
  double sum1, sum2;

  if (!moments_sums (x, n, shift, &sum1, &sum2, &l, &h))
    return FALSE;
  b->n = n;
  b->n_nan = b->n_inf = b->clipped_low = b->clipped_high = 0;
  b->min = l;
  b->max = h;
  return _qs_stats_finish_task_sums (b, x, n, shift, sum1, sum2, moments_f64_avx2);
}

/* The full vectors of a block, x[0, full), in runs of QS_STATS_FOLD
 * vectors; with @beside the codes go to the bit set (codes_step) and
 * @sp is @p without them. */
static inline __attribute__ ((always_inline)) void
summary_runs (Acc                 *a,
              const float         *x,
              gsize                full,
              const QsStatsParams *sp,
              const QsStatsParams *p,
              gboolean             beside,
              guint8              *bins,
              guint32             *codes)
{
  const __m256 all = _mm256_castsi256_ps (_mm256_set1_epi32 (-1));
  gsize i = 0, k;

  while (i < full)
    {
      /* one run: at most QS_STATS_FOLD values a lane */
      a->s = a->q = _mm256_setzero_ps ();
      for (k = 0; k < QS_STATS_FOLD && i < full; k++, i += 8)
        {
          __m256 v = _mm256_loadu_ps (x + i);

          if (i % 16 == 0)
            _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          summary_step (a, v, all, sp, bins + i, codes + i);
          if (beside)
            codes_step (a, v, all, p);
        }
      fold (a->sd, a->s);
      fold (a->qd, a->q);
    }
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
  Acc a = { 0 };
  gsize rest = n % 8, full = n - rest;
  float tail[8] = { 0 }, shift = _qs_stats_sample_shift (x, n);
  /* with a bit set, the codes beside the rest */
  gboolean beside = p->has_fq && p->fq_mask;
  QsStatsParams q = *p;

  if (!p->has_bins && !p->has_fq && n > 0 && moments_block_avx2 (x, n, shift, b))
    return;
  q.has_fq = q.has_fq && !beside;
  a.lo = _mm256_set1_ps (INFINITY);
  a.hi = _mm256_set1_ps (-INFINITY);
  a.shift = _mm256_set1_ps (shift);
  a.sd[0] = a.sd[1] = a.qd[0] = a.qd[1] = _mm256_setzero_pd ();
  a.known_lo = _mm256_set1_ps (b->known_lo);
  a.known_hi = _mm256_set1_ps (b->known_hi);
  memcpy (a.seen, b->seen, sizeof a.seen);
  if (beside)
    summary_runs (&a, x, full, &q, p, TRUE, bins, codes);
  else
    summary_runs (&a, x, full, p, p, FALSE, bins, codes);
  if (rest > 0)
    {
      __m256 v;

      memcpy (tail, x + full, rest * sizeof (float));
      v = _mm256_loadu_ps (tail);
      a.s = a.q = _mm256_setzero_ps ();
      summary_step (&a, v, lane_mask (rest), &q, bins + full, codes + full);
      if (beside)
        codes_step (&a, v, lane_mask (rest), p);
      fold (a.sd, a.s);
      fold (a.qd, a.q);
    }
  b->n = a.count;
  b->n_nan = a.n_nan;
  b->n_inf = n - a.count - a.n_nan;
  b->clipped_low = a.clip_lo;
  b->clipped_high = a.clip_hi;
  b->min = hmin (a.lo);
  b->max = hmax (a.hi);
  _qs_stats_finish_sums (b, x, n, shift, folded (a.sd), folded (a.qd), moments_f64_avx2);
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
  __m256  xx, yy, xy, dd;     /* this run, in float */
  __m256d xxd[2], yyd[2], xyd[2], ddd[2];   /* the runs before, in double (set 0 only) */
  __m256  mx;                 /* max fl(|x − y|) of this run */
  __m256  bits;               /* the OR of every x and y kept */
} ErrAcc;

static inline __attribute__ ((always_inline)) void
error_step (ErrAcc  *e,
            __m256   a,
            __m256   b,
            __m256   valid,
            guint64 *count)
{
  const __m256 abs_mask = _mm256_castsi256_ps (_mm256_set1_epi32 (0x7fffffff));
  __m256 fin = _mm256_and_ps (_mm256_and_ps (finite_mask (a), finite_mask (b)), valid), d;

  /* a pair left out becomes (0, 0): it adds nothing */
  a = _mm256_and_ps (a, fin);
  b = _mm256_and_ps (b, fin);
  d = _mm256_sub_ps (a, b);
  *count += count_mask (fin);
  e->xx = _mm256_fmadd_ps (a, a, e->xx);
  e->yy = _mm256_fmadd_ps (b, b, e->yy);
  e->xy = _mm256_fmadd_ps (a, b, e->xy);
  e->dd = _mm256_fmadd_ps (d, d, e->dd);
  e->mx = _mm256_max_ps (e->mx, _mm256_and_ps (d, abs_mask));
  e->bits = _mm256_or_ps (e->bits, _mm256_or_ps (a, b));
}

/* Ends a run: the float sums of the two sets meet in float and go into
 * the first set's double accumulators; the run's max out (returned). */
static inline float
run_end (ErrAcc *e)
{
  float m = hmax (_mm256_max_ps (e[0].mx, e[1].mx));
  int j;

  fold (e[0].xxd, _mm256_add_ps (e[0].xx, e[1].xx));
  fold (e[0].yyd, _mm256_add_ps (e[0].yy, e[1].yy));
  fold (e[0].xyd, _mm256_add_ps (e[0].xy, e[1].xy));
  fold (e[0].ddd, _mm256_add_ps (e[0].dd, e[1].dd));
  for (j = 0; j < 2; j++)
    e[j].xx = e[j].yy = e[j].xy = e[j].dd = e[j].mx = _mm256_setzero_ps ();
  return m;
}

/* max |x − y| in double over the finite pairs of x[0, n), y[0, n) (as the
 * reference evaluates it), 0 without one. */
static double
max_abs_f64 (const float *x,
             const float *y,
             gsize        n)
{
  double m = 0.0;
  gsize i;

  for (i = 0; i < n; i++)
    if (isfinite (x[i]) && isfinite (y[i]))
      {
        double d = fabs ((double) x[i] - (double) y[i]);

        m = d > m ? d : m;
      }
  return m;
}

#define ERROR_RUN (16 * QS_STATS_FOLD)
#define ERROR_RUNS (QS_STATS_BLOCK / ERROR_RUN + 2)

/* The errors of one block (n <= QS_STATS_BLOCK), as in qs-stats-avx512.c:
 * two sets of float chains (16 lanes) folded into double every
 * QS_STATS_FOLD values, the largest |x − y| again in double from the runs
 * whose largest fl(|x − y|) is the block's. */
static void
error_f32_avx2 (const float *x,
                const float *y,
                gsize        n,
                QsErrorSums *s)
{
  const __m256 all = _mm256_castsi256_ps (_mm256_set1_epi32 (-1));
  const __m256d zd = _mm256_setzero_pd ();
  ErrAcc e[2];
  guint64 count = 0;
  gsize i = 0, full = n - n % 16, start[ERROR_RUNS + 1];
  float run_max[ERROR_RUNS];
  double sums[4];
  gboolean any_nonzero;
  int j, runs = 0;

  g_assert (n <= QS_STATS_BLOCK);
  for (j = 0; j < 2; j++)
    {
      e[j].xx = e[j].yy = e[j].xy = e[j].dd = e[j].mx = e[j].bits = _mm256_setzero_ps ();
      e[j].xxd[0] = e[j].xxd[1] = e[j].yyd[0] = e[j].yyd[1] = zd;
      e[j].xyd[0] = e[j].xyd[1] = e[j].ddd[0] = e[j].ddd[1] = zd;
    }
  while (i < full)
    {
      gsize end = MIN (full, i + ERROR_RUN);

      start[runs] = i;
      for (; i < end; i += 16)
        {
          _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          _mm_prefetch ((const char *) (y + i) + PREFETCH, _MM_HINT_T0);
          error_step (&e[0], _mm256_loadu_ps (x + i), _mm256_loadu_ps (y + i), all, &count);
          error_step (&e[1], _mm256_loadu_ps (x + i + 8), _mm256_loadu_ps (y + i + 8), all, &count);
        }
      run_max[runs++] = run_end (e);
    }
  if (i < n)
    {
      /* the last 1 to 15 values: one run, one value a lane */
      float ta[16] = { 0 }, tb[16] = { 0 };

      start[runs] = i;
      memcpy (ta, x + i, (n - i) * sizeof (float));
      memcpy (tb, y + i, (n - i) * sizeof (float));
      error_step (&e[0], _mm256_loadu_ps (ta), _mm256_loadu_ps (tb), lane_mask (n - i), &count);
      if (n - i > 8)
        error_step (&e[1], _mm256_loadu_ps (ta + 8), _mm256_loadu_ps (tb + 8), lane_mask (n - i - 8), &count);
      run_max[runs++] = run_end (e);
    }
  start[runs] = n;
  sums[0] = folded (e[0].xxd);
  sums[1] = folded (e[0].yyd);
  sums[2] = folded (e[0].xyd);
  sums[3] = folded (e[0].ddd);
  any_nonzero = !_mm256_testz_si256 (_mm256_castps_si256 (_mm256_or_ps (e[0].bits, e[1].bits)),
                                     _mm256_set1_epi32 (0x7fffffff));
  _qs_stats_error_finish (s, x, y, n, count, start, run_max, runs, sums, any_nonzero, max_abs_f64);
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
  k->moments_f32 = moments_f32_avx2;
}
