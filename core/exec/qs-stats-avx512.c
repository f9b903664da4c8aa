/* qs-stats-avx512.c — AVX-512 block passes of the statistics
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Built with -mavx512f -mavx512bw -mavx512vl -ffp-contract=off in its own
 * static library, reached only after run-time detection.  The AVX2 passes
 * sixteen floats wide, with mask registers: the tail is a masked load, bins
 * and codes are masked narrowing stores, so nothing is copied.  Bins and
 * codes use the reference's float operations in its order and come out bit
 * for bit.  Sums are taken in float lanes, each lane folded into double
 * every QS_STATS_FOLD values (the bound is in qs-stats-private.h).
 */
#include "config.h"

#include <immintrin.h>
#include <math.h>
#include <string.h>

#include "qs-stats-private.h"

/* Bytes ahead to prefetch: the hardware prefetcher of the machines this was
 * measured on left a streamed 64 MB tensor at a third of the speed. */
#define PREFETCH 2048

static inline __mmask16
tail_mask (gsize n)
{
  return n >= 16 ? (__mmask16) 0xffff : (__mmask16) ((1u << n) - 1);
}

static inline __mmask16
finite_mask (__m512      v,
             __mmask16   valid)
{
  const __m512 abs_mask = _mm512_castsi512_ps (_mm512_set1_epi32 (0x7fffffff));
  __m512 a = _mm512_castsi512_ps (_mm512_and_si512 (_mm512_castps_si512 (v), _mm512_castps_si512 (abs_mask)));

  return _mm512_mask_cmp_ps_mask (valid, a, _mm512_set1_ps (INFINITY), _CMP_LT_OQ);
}

static inline __m256
low8 (__m512 v)
{
  return _mm512_castps512_ps256 (v);
}

static inline __m256
high8 (__m512 v)
{
  return _mm256_castsi256_ps (_mm512_extracti64x4_epi64 (_mm512_castps_si512 (v), 1));
}

/* Adds the sixteen float lanes of v to the two double vectors acc[0, 2). */
static inline void
fold (__m512d *acc,
      __m512   v)
{
  acc[0] = _mm512_add_pd (acc[0], _mm512_cvtps_pd (low8 (v)));
  acc[1] = _mm512_add_pd (acc[1], _mm512_cvtps_pd (high8 (v)));
}

static inline double
folded (const __m512d *acc)
{
  return _mm512_reduce_add_pd (_mm512_add_pd (acc[0], acc[1]));
}

typedef guint16 QsAliasU16 __attribute__ ((may_alias));

typedef struct
{
  __m512  lo, hi;
  __m512  shift;
  __m512  s, q;        /* Σ (x − shift), Σ (x − shift)² of the finite values, this run */
  __m512d sd[2], qd[2];   /* the runs before, in double */
  __m512i seen;        /* with fq_mask: word c / 32 of the codes c seen, lanes 0 .. 7 */
  __m512  known_lo, known_hi;
  QsAliasU16 *pidx;    /* with pairs: the pair indices of the block so far */
  gsize   np, done;    /* indices stored, and counted */
  guint16 *pairs;
  guint32 *runs;       /* with pairs: slots of sixteen equal values, counted at once */
  guint64 count, n_nan, clip_lo, clip_hi;
} Acc;

/* Adds the codes of the lanes in @fresh to @seen, one at a time: taken only
 * for codes not seen before, which after the first few vectors of a
 * tensor is rare. */
static __attribute__ ((noinline)) __m512i
seen_add (__m512i    seen,
          __m512i    codes,
          __mmask16  fresh)
{
  guint32 w[16], c[16];

  _mm512_storeu_si512 (w, seen);
  _mm512_storeu_si512 (c, codes);
  while (fresh != 0)
    {
      int lane = __builtin_ctz (fresh);

      w[c[lane] / 32] |= 1u << (c[lane] % 32);
      fresh &= fresh - 1;
    }
  return _mm512_loadu_si512 (w);
}

/* The code of each lane (as float), as the reference computes it; with
 * @recip through the reciprocal of qs-stats.c's fq_recip_params(), the
 * lanes too near a rounding boundary again with the division. */
static inline __attribute__ ((always_inline)) __m512
fq_code (const QsStatsParams *p,
         __m512               v,
         __mmask16            fin,
         gboolean             recip)
{
  __m512 flo = _mm512_set1_ps (p->fq_low), lm1 = _mm512_set1_ps (p->fq_lm1), d, c;

  d = _mm512_sub_ps (_mm512_min_ps (_mm512_max_ps (v, flo), _mm512_set1_ps (p->fq_high)), flo);
  if (recip)
    {
      __m512 r = _mm512_mul_ps (d, _mm512_set1_ps (p->fq_scale));
      __mmask16 near;

      c = _mm512_roundscale_ps (r, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      near = _mm512_mask_cmp_ps_mask (fin, _mm512_abs_ps (_mm512_sub_ps (r, c)), _mm512_set1_ps (p->fq_near),
                                      _CMP_GE_OQ);
      if (__builtin_expect (near != 0, 0))
        c = _mm512_mask_roundscale_ps (c, near, _mm512_mul_ps (_mm512_div_ps (d, _mm512_set1_ps (p->fq_width)), lm1),
                                       _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    }
  else
    c = _mm512_roundscale_ps (_mm512_mul_ps (_mm512_div_ps (d, _mm512_set1_ps (p->fq_width)), lm1),
                              _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  /* max first: a NaN (∞ / ∞) becomes 0, as in the reference */
  return _mm512_min_ps (_mm512_max_ps (c, _mm512_setzero_ps ()), lm1);
}

static inline __attribute__ ((always_inline)) void
summary_step (Acc                 *a,
              const float         *x,
              __mmask16            valid,
              const QsStatsParams *p,
              gboolean             has_bins,
              gboolean             has_fq,
              gboolean             fq_mask,
              gboolean             recip,
              gboolean             pairs,
              guint8              *bins,
              guint32             *codes)
{
  __m512 v = _mm512_maskz_loadu_ps (valid, x);
  __mmask16 fin = finite_mask (v, valid);

  a->count += (guint) __builtin_popcount (fin);
  a->n_nan += (guint) __builtin_popcount (_mm512_mask_cmp_ps_mask (valid, v, v, _CMP_UNORD_Q));
  a->lo = _mm512_mask_min_ps (a->lo, fin, a->lo, v);
  a->hi = _mm512_mask_max_ps (a->hi, fin, a->hi, v);
  {
    __m512 d = _mm512_maskz_sub_ps (fin, v, a->shift);

    a->s = _mm512_add_ps (a->s, d);
    a->q = _mm512_fmadd_ps (d, d, a->q);
  }
  if (has_bins)
    {
      __m512 lo = _mm512_set1_ps (p->bin_lo);
      __mmask16 below = _mm512_mask_cmp_ps_mask (fin, v, lo, _CMP_LT_OQ);
      __mmask16 above = _mm512_mask_cmp_ps_mask (fin, v, _mm512_set1_ps (p->bin_hi), _CMP_GT_OQ);
      __m512 t = _mm512_mul_ps (_mm512_sub_ps (v, lo), _mm512_set1_ps (p->bin_inv));
      __m512i b;

      t = _mm512_min_ps (t, _mm512_set1_ps ((float) (QS_STATS_BINS - 1)));
      b = _mm512_cvttps_epi32 (t);
      b = _mm512_mask_mov_epi32 (b, below, _mm512_set1_epi32 (QS_STATS_BIN_BELOW));
      b = _mm512_mask_mov_epi32 (b, above, _mm512_set1_epi32 (QS_STATS_BIN_ABOVE));
      b = _mm512_mask_mov_epi32 (_mm512_set1_epi32 (QS_STATS_BIN_NONE), fin, b);
      if (pairs && valid == 0xffff)
        {
          /* lane k and lane k + 8 as one pair, in table k % 2; sixteen
           * equal slots (a constant region) are one addition instead, so
           * that a run does not wait on its own increments */
          __m256i lo8 = _mm512_castsi512_si256 (b), hi8 = _mm512_extracti64x4_epi64 (b, 1);
          /* slot · 67 by one multiply-add of 16-bit halves (the high
           * half of each slot is 0) */
          __m256i idx = _mm256_add_epi32 (_mm256_madd_epi16 (lo8, _mm256_set1_epi32 (QS_STATS_BIN_SLOTS)), hi8);
          __mmask16 mixed = _mm512_cmpneq_epi32_mask (b, _mm512_broadcastd_epi32 (_mm512_castsi512_si128 (b)));

          idx = _mm256_add_epi32 (idx, _mm256_setr_epi32 (0, QS_STATS_PAIRS, 0, QS_STATS_PAIRS,
                                                          0, QS_STATS_PAIRS, 0, QS_STATS_PAIRS));
          /* the previous vector's pairs counted here, beside this one's
           * vector work */
          if (__builtin_expect (a->done + 8 <= a->np, 1))
            {
              guint16 *c = a->pairs;
              const QsAliasU16 *q = a->pidx + a->done;

              c[q[0]]++;
              c[q[1]]++;
              c[q[2]]++;
              c[q[3]]++;
              c[q[4]]++;
              c[q[5]]++;
              c[q[6]]++;
              c[q[7]]++;
              a->done += 8;
            }
          _mm_storeu_si128 ((__m128i *) (a->pidx + a->np), _mm256_cvtepi32_epi16 (idx));
          a->np += mixed != 0 ? 8 : 0;
          a->runs[_mm_cvtsi128_si32 (_mm512_castsi512_si128 (b))] += mixed != 0 ? 0 : 16;
        }
      else
        _mm512_mask_cvtepi32_storeu_epi8 (bins, valid, b);
    }
  if (has_fq)
    {
      __m512i ci;

      a->clip_lo += (guint) __builtin_popcount (_mm512_mask_cmp_ps_mask (fin, v, _mm512_set1_ps (p->fq_low),
                                                                         _CMP_LT_OQ));
      a->clip_hi += (guint) __builtin_popcount (_mm512_mask_cmp_ps_mask (fin, v, _mm512_set1_ps (p->fq_high),
                                                                         _CMP_GT_OQ));
      if (fq_mask)
        {
          /* values in the interval known to map to codes seen need no
           * code; the others' codes are looked up in the bitmap kept in a
           * register, and only a code not seen before goes to memory */
          __mmask16 out = _mm512_mask_cmp_ps_mask (fin, v, a->known_lo, _CMP_LT_OQ) |
                          _mm512_mask_cmp_ps_mask (fin, v, a->known_hi, _CMP_GE_OQ);

          if (out != 0)
            {
              __m512i bit, have;
              __mmask16 fresh;

              ci = _mm512_cvttps_epi32 (fq_code (p, v, out, recip));
              bit = _mm512_sllv_epi32 (_mm512_set1_epi32 (1), _mm512_and_si512 (ci, _mm512_set1_epi32 (31)));
              have = _mm512_permutexvar_epi32 (_mm512_srli_epi32 (ci, 5), a->seen);
              fresh = _mm512_mask_testn_epi32_mask (out, have, bit);
              if (__builtin_expect (fresh != 0, 0))
                a->seen = seen_add (a->seen, ci, fresh);
            }
        }
      else
        {
          ci = _mm512_cvttps_epi32 (fq_code (p, v, fin, recip));
          ci = _mm512_mask_mov_epi32 (_mm512_set1_epi32 ((int) p->fq_none), fin, ci);
          _mm512_mask_storeu_epi32 (codes, valid, ci);
        }
    }
}

static inline __attribute__ ((always_inline)) void
summary_loop (Acc                 *a,
              const float         *x,
              gsize                n,
              const QsStatsParams *p,
              gboolean             has_bins,
              gboolean             has_fq,
              gboolean             fq_mask,
              gboolean             recip,
              gboolean             pairs,
              guint8              *bins,
              guint32             *codes)
{
  gsize i = 0, k;

  while (i < n)
    {
      /* one run: at most QS_STATS_FOLD values a lane */
      a->s = a->q = _mm512_setzero_ps ();
      for (k = 0; k < QS_STATS_FOLD && i + 16 <= n; k++, i += 16)
        {
          _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          summary_step (a, x + i, 0xffff, p, has_bins, has_fq, fq_mask, recip, pairs, bins + i, codes + i);
        }
      if (k < QS_STATS_FOLD && i < n)
        {
          summary_step (a, x + i, tail_mask (n - i), p, has_bins, has_fq, fq_mask, recip, pairs, bins + i,
                        codes + i);
          i = n;
        }
      fold (a->sd, a->s);
      fold (a->qd, a->q);
    }
}

/* The block's sums again in double, for the blocks whose float sums do
 * not stand (QsMomentsF64Func). */
static double
moments_f64_avx512 (const float *x,
                    gsize        n,
                    double      *s1,
                    double      *s2)
{
  double shift = _qs_stats_shift (x, n);
  __m512d sh = _mm512_set1_pd (shift), a0 = _mm512_setzero_pd (), a1 = a0, q0 = a0, q1 = a0;
  gsize i;

  for (i = 0; i < n; i += 16)
    {
      __mmask16 valid = tail_mask (n - i);
      __m512 v = _mm512_maskz_loadu_ps (valid, x + i);
      __mmask16 fin = finite_mask (v, valid);
      __m512d d0 = _mm512_maskz_sub_pd ((__mmask8) fin, _mm512_cvtps_pd (low8 (v)), sh);
      __m512d d1 = _mm512_maskz_sub_pd ((__mmask8) (fin >> 8), _mm512_cvtps_pd (high8 (v)), sh);

      a0 = _mm512_add_pd (a0, d0);
      a1 = _mm512_add_pd (a1, d1);
      q0 = _mm512_fmadd_pd (d0, d0, q0);
      q1 = _mm512_fmadd_pd (d1, d1, q1);
    }
  *s1 = _mm512_reduce_add_pd (_mm512_add_pd (a0, a1));
  *s2 = _mm512_reduce_add_pd (_mm512_add_pd (q0, q1));
  return shift;
}

/* One step of the unmasked moments: sixteen values into the extremes and
 * the float sums of one chain.  x − shift and the running Σd are taken as
 * fma (x, 1, −shift) and fma (d, 1, s), which round exactly as the
 * subtraction and the addition do (the product by one is exact): on the
 * machines this was measured on (AMD Zen 5) min, max, add and sub share
 * two pipes and the FMAs have two others, and moving those two there took
 * the loop from 81 to 110 GB/s (in L2). */
static inline __attribute__ ((always_inline)) void
moments_step (__m512  v,
              __m512  one,
              __m512  neg_shift,
              __m512 *lo,
              __m512 *hi,
              __m512 *s,
              __m512 *q)
{
  __m512 d;

  /* v in a register: else GCC folds the load into min, max and sub, three
   * loads of one vector, and on data not 64-byte aligned (most tensors:
   * malloc aligns to 16) each is split over two cache lines; 30 % slower
   * from L2 */
  __asm__ ("" : "+v" (v));
  d = _mm512_fmadd_ps (v, one, neg_shift);
  *lo = _mm512_min_ps (*lo, v);
  *hi = _mm512_max_ps (*hi, v);
  *s = _mm512_fmadd_ps (d, one, *s);
  *q = _mm512_fmadd_ps (d, d, *q);
}

/* The unmasked moments of x[0, n): four chains of float sums of x − shift,
 * each lane folded into double every QS_STATS_FOLD values, four chains of
 * extremes in float; FALSE when Σd² came out non-finite (from a NaN or an infinity,
 * or a square past FLT_MAX), and then nothing else is set. */
static inline __attribute__ ((always_inline)) gboolean
moments_sums (const float *x,
              gsize        n,
              float        shift,
              gsize        q_runs,
              double      *sum1,
              double      *sum2,
              float       *min,
              float       *max)
{
  __m512 lo0 = _mm512_set1_ps (INFINITY), lo1 = lo0, lo2 = lo0, lo3 = lo0;
  __m512 hi0 = _mm512_set1_ps (-INFINITY), hi1 = hi0, hi2 = hi0, hi3 = hi0;
  __m512 sh = _mm512_set1_ps (shift), nsh = _mm512_set1_ps (-shift), one = _mm512_set1_ps (1.0f);
  __m512 zf = _mm512_setzero_ps ();
  __m512d z = _mm512_setzero_pd ();
  __m512d sd[2][2] = { { z, z }, { z, z } }, qd[2][2] = { { z, z }, { z, z } };
  __m512 q0 = zf, q1 = zf, q2 = zf, q3 = zf;
  gsize i = 0, full = n - n % 64, run = 0;

  /* one unknown to the compiler, which would turn fma (x, 1, c) back into
   * an addition */
  __asm__ ("" : "+v" (one));

  while (i < full)
    {
      __m512 s0 = zf, s1 = zf, s2 = zf, s3 = zf;
      gsize end = MIN (full, i + 64 * QS_STATS_FOLD);

      for (; i < end; i += 64)
        {
          _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          _mm_prefetch ((const char *) (x + i) + PREFETCH + 64, _MM_HINT_T0);
          _mm_prefetch ((const char *) (x + i) + PREFETCH + 128, _MM_HINT_T0);
          _mm_prefetch ((const char *) (x + i) + PREFETCH + 192, _MM_HINT_T0);
          moments_step (_mm512_loadu_ps (x + i), one, nsh, &lo0, &hi0, &s0, &q0);
          moments_step (_mm512_loadu_ps (x + i + 16), one, nsh, &lo1, &hi1, &s1, &q1);
          moments_step (_mm512_loadu_ps (x + i + 32), one, nsh, &lo2, &hi2, &s2, &q2);
          moments_step (_mm512_loadu_ps (x + i + 48), one, nsh, &lo3, &hi3, &s3, &q3);
        }
      fold (sd[0], s0);
      fold (sd[1], s1);
      fold (sd[0], s2);
      fold (sd[1], s3);
      /* Σd² every q_runs runs (each run adds QS_STATS_FOLD values a lane) */
      if (++run % q_runs == 0 || i >= full)
        {
          fold (qd[0], q0);
          fold (qd[1], q1);
          fold (qd[0], q2);
          fold (qd[1], q3);
          q0 = q1 = q2 = q3 = zf;
        }
    }
  if (i < n)
    {
      /* the last 1 to 63 values, one a lane */
      __m512 s0 = zf;   /* q0 is zero here, folded and cleared above */

      for (; i < n; i += 16)
        {
          __mmask16 valid = tail_mask (n - i);
          __m512 v = _mm512_maskz_loadu_ps (valid, x + i);
          __m512 d = _mm512_maskz_sub_ps (valid, v, sh);

          lo0 = _mm512_mask_min_ps (lo0, valid, lo0, v);
          hi0 = _mm512_mask_max_ps (hi0, valid, hi0, v);
          s0 = _mm512_add_ps (s0, d);
          q0 = _mm512_fmadd_ps (d, d, q0);
          fold (sd[0], s0);
          fold (qd[0], q0);
          s0 = q0 = zf;
        }
    }
  /* one reduction for both sums: the two sets, then the halves */
  {
    __m512d s = _mm512_add_pd (_mm512_add_pd (sd[0][0], sd[0][1]), _mm512_add_pd (sd[1][0], sd[1][1]));
    __m512d q = _mm512_add_pd (_mm512_add_pd (qd[0][0], qd[0][1]), _mm512_add_pd (qd[1][0], qd[1][1]));

    *sum2 = _mm512_reduce_add_pd (q);
    if (!isfinite (*sum2))
      return FALSE;
    *sum1 = _mm512_reduce_add_pd (s);
  }
  *min = _mm512_reduce_min_ps (_mm512_min_ps (_mm512_min_ps (lo0, lo1), _mm512_min_ps (lo2, lo3)));
  *max = _mm512_reduce_max_ps (_mm512_max_ps (_mm512_max_ps (hi0, hi1), _mm512_max_ps (hi2, hi3)));
  return TRUE;
}

/* A block without bins or codes, when every value is finite: no masks
 * (moments_sums()).  FALSE (and nothing filled) when Σd² came out
 * non-finite: then the masked pass takes the block. */
static gboolean
moments_block_avx512 (const float  *x,
                      gsize         n,
                      float         shift,
                      QsStatsBlock *b)
{
  double sum1, sum2;
  float lo, hi;

  if (!moments_sums (x, n, shift, 1, &sum1, &sum2, &lo, &hi))
    return FALSE;
  memset (b, 0, sizeof *b);
  b->n = n;
  b->min = lo;
  b->max = hi;
  _qs_stats_finish_sums (b, x, n, shift, sum1, sum2, moments_f64_avx512);
  return TRUE;
}

/* A whole task of a moments-only summary (QsMomentsF32Func): the lanes of
 * moments_sums() run through all of it under one shift, reduced once. */
static gboolean
moments_f32_avx512 (const float  *x,
                    gsize         n,
                    QsStatsBlock *b)
{
  float shift = _qs_stats_task_shift (x, n), lo, hi;
  double sum1, sum2;

  if (!moments_sums (x, n, shift, QS_STATS_TASK_FOLD_SQ / QS_STATS_FOLD, &sum1, &sum2, &lo, &hi))
    return FALSE;
  b->n = n;
  b->n_nan = b->n_inf = b->clipped_low = b->clipped_high = 0;
  b->min = lo;
  b->max = hi;
  return _qs_stats_finish_task_sums (b, x, n, shift, sum1, sum2, moments_f64_avx512);
}

static void
summary_f32_avx512 (const float         *x,
                    gsize                n,
                    const QsStatsParams *p,
                    QsStatsBlock        *b,
                    QsStatsCounts       *counts,
                    guint8              *bins,
                    guint32             *codes)
{
  float shift = _qs_stats_sample_shift (x, n);
  gboolean recip = p->fq_recip, pairs = p->has_bins && counts->pairs != NULL;
  Acc a;

  if (!p->has_bins && !p->has_fq && n > 0 && moments_block_avx512 (x, n, shift, b))
    return;
  a.lo = _mm512_set1_ps (INFINITY);
  a.hi = _mm512_set1_ps (-INFINITY);
  a.shift = _mm512_set1_ps (shift);
  a.sd[0] = a.sd[1] = a.qd[0] = a.qd[1] = _mm512_setzero_pd ();
  a.count = a.n_nan = a.clip_lo = a.clip_hi = 0;
  /* start from the codes earlier blocks saw */
  a.pidx = (QsAliasU16 *) bins;
  a.np = a.done = 0;
  a.pairs = counts->pairs;
  a.runs = counts->slots[1];
  a.known_lo = _mm512_set1_ps (b->known_lo);
  a.known_hi = _mm512_set1_ps (b->known_hi);
  a.seen = p->has_fq && p->fq_mask ? _mm512_zextsi256_si512 (_mm256_loadu_si256 ((const __m256i *) b->seen))
                                   : _mm512_setzero_si512 ();
  /* one loop per combination of bins and codes, so that the flags and the
   * constants they bring are out of the loop */
  if (p->has_bins && p->has_fq && p->fq_mask && pairs)
    summary_loop (&a, x, n, p, TRUE, TRUE, TRUE, recip, TRUE, bins, codes);
  else if (p->has_bins && p->has_fq && p->fq_mask)
    summary_loop (&a, x, n, p, TRUE, TRUE, TRUE, recip, FALSE, bins, codes);
  else if (p->has_bins && p->has_fq)
    summary_loop (&a, x, n, p, TRUE, TRUE, FALSE, recip, pairs, bins, codes);
  else if (p->has_bins && pairs)
    summary_loop (&a, x, n, p, TRUE, FALSE, FALSE, FALSE, TRUE, bins, codes);
  else if (p->has_bins)
    summary_loop (&a, x, n, p, TRUE, FALSE, FALSE, FALSE, FALSE, bins, codes);
  else if (p->has_fq && p->fq_mask)
    summary_loop (&a, x, n, p, FALSE, TRUE, TRUE, recip, FALSE, bins, codes);
  else if (p->has_fq)
    summary_loop (&a, x, n, p, FALSE, TRUE, FALSE, recip, FALSE, bins, codes);
  else
    summary_loop (&a, x, n, p, FALSE, FALSE, FALSE, FALSE, FALSE, bins, codes);
  /* counted after the block, from the cache: as measured, counting each
   * vector's sixteen slots beside the vector code was no faster */
  if (pairs)
    {
      gsize k;

      /* four a turn: the loop's own branch was a limit */
      for (k = a.done; k + 4 <= a.np; k += 4)
        {
          guint16 *c = counts->pairs;

          c[a.pidx[k]]++;
          c[a.pidx[k + 1]]++;
          c[a.pidx[k + 2]]++;
          c[a.pidx[k + 3]]++;
        }
      for (; k < a.np; k++)
        counts->pairs[a.pidx[k]]++;
      counts->pairs_used |= a.np > 0;
      _qs_stats_count_bins (counts, bins + n / 16 * 16, n % 16);
    }
  else if (p->has_bins)
    _qs_stats_count_bins (counts, bins, n);
  _mm256_storeu_si256 ((__m256i *) b->seen, _mm512_castsi512_si256 (a.seen));
  b->n = a.count;
  b->n_nan = a.n_nan;
  b->n_inf = n - a.count - a.n_nan;
  b->clipped_low = a.clip_lo;
  b->clipped_high = a.clip_hi;
  b->min = _mm512_reduce_min_ps (a.lo);
  b->max = _mm512_reduce_max_ps (a.hi);
  _qs_stats_finish_sums (b, x, n, shift, folded (a.sd), folded (a.qd), moments_f64_avx512);
}

/* The fold of _qs_stats_fold_pairs() a row of 67 counters at a time, in
 * five vectors of sixteen 32-bit sums, the counters cleared as they are
 * read: a sixtieth of the scalar loop's instructions. */
static void
fold_pairs_avx512 (QsStatsCounts *c)
{
  const __m512i zero = _mm512_setzero_si512 ();
  __m512i col[5] = { zero, zero, zero, zero, zero };
  guint32 cols[80];
  gsize a, k, i;

  G_STATIC_ASSERT (QS_STATS_BIN_SLOTS > 64 && QS_STATS_BIN_SLOTS <= 80);
  for (a = 0; a < QS_STATS_BIN_SLOTS; a++)
    {
      __m512i row = zero;

      for (k = 0; k < QS_STATS_PAIR_TABLES; k++)
        {
          guint16 *p = c->pairs + k * QS_STATS_PAIRS + a * QS_STATS_BIN_SLOTS;
          const __mmask32 rest = (__mmask32) ((1u << (QS_STATS_BIN_SLOTS - 64)) - 1);
          __m512i w0 = _mm512_loadu_si512 (p), w1 = _mm512_loadu_si512 (p + 32);
          __m512i w2 = _mm512_maskz_loadu_epi16 (rest, p + 64);
          __m512i e[5];

          e[0] = _mm512_cvtepu16_epi32 (_mm512_castsi512_si256 (w0));
          e[1] = _mm512_cvtepu16_epi32 (_mm512_extracti64x4_epi64 (w0, 1));
          e[2] = _mm512_cvtepu16_epi32 (_mm512_castsi512_si256 (w1));
          e[3] = _mm512_cvtepu16_epi32 (_mm512_extracti64x4_epi64 (w1, 1));
          e[4] = _mm512_cvtepu16_epi32 (_mm512_castsi512_si256 (w2));
          for (i = 0; i < 5; i++)
            {
              col[i] = _mm512_add_epi32 (col[i], e[i]);
              row = _mm512_add_epi32 (row, e[i]);
            }
          _mm512_storeu_si512 (p, zero);
          _mm512_storeu_si512 (p + 32, zero);
          _mm512_mask_storeu_epi16 (p + 64, rest, zero);
        }
      c->slots[0][a] += (guint32) _mm512_reduce_add_epi32 (row);
    }
  for (i = 0; i < 5; i++)
    _mm512_storeu_si512 (cols + 16 * i, col[i]);
  for (a = 0; a < QS_STATS_BIN_SLOTS; a++)
    c->slots[0][a] += cols[a];
  c->pairs_used = FALSE;
}

/* i32 values are exact in double, and so is Σ (x − x[0]) over a block
 * (|x − x[0]| < 2³², n <= 4096): the sum is exact. */
static void
moments_i32_avx512 (const gint32 *x,
                    gsize         n,
                    gint64       *sum,
                    double       *m2,
                    gint32       *min,
                    gint32       *max)
{
  __m512i lo = _mm512_set1_epi32 (G_MAXINT32), hi = _mm512_set1_epi32 (G_MININT32);
  __m512d sh = _mm512_set1_pd ((double) x[0]), z = _mm512_setzero_pd ();
  __m512d s0 = z, s1 = z, q0 = z, q1 = z, s2 = z, s3 = z, q2 = z, q3 = z;
  double sum1, sum2;
  gsize i;

  /* two sets of double chains: one set waits on its FMA's latency (four
   * cycles a sixteen values); the sums of d are integers, exact in any order */
  for (i = 0; i + 32 <= n; i += 32)
    {
      __m512i v = _mm512_loadu_si512 (x + i), w = _mm512_loadu_si512 (x + i + 16);
      __m512d d0 = _mm512_sub_pd (_mm512_cvtepi32_pd (_mm512_castsi512_si256 (v)), sh);
      __m512d d1 = _mm512_sub_pd (_mm512_cvtepi32_pd (_mm512_extracti64x4_epi64 (v, 1)), sh);
      __m512d d2 = _mm512_sub_pd (_mm512_cvtepi32_pd (_mm512_castsi512_si256 (w)), sh);
      __m512d d3 = _mm512_sub_pd (_mm512_cvtepi32_pd (_mm512_extracti64x4_epi64 (w, 1)), sh);

      _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
      _mm_prefetch ((const char *) (x + i) + PREFETCH + 64, _MM_HINT_T0);
      lo = _mm512_min_epi32 (lo, _mm512_min_epi32 (v, w));
      hi = _mm512_max_epi32 (hi, _mm512_max_epi32 (v, w));
      s0 = _mm512_add_pd (s0, d0);
      s1 = _mm512_add_pd (s1, d1);
      s2 = _mm512_add_pd (s2, d2);
      s3 = _mm512_add_pd (s3, d3);
      q0 = _mm512_fmadd_pd (d0, d0, q0);
      q1 = _mm512_fmadd_pd (d1, d1, q1);
      q2 = _mm512_fmadd_pd (d2, d2, q2);
      q3 = _mm512_fmadd_pd (d3, d3, q3);
    }
  s0 = _mm512_add_pd (s0, s2);
  s1 = _mm512_add_pd (s1, s3);
  q0 = _mm512_add_pd (q0, q2);
  q1 = _mm512_add_pd (q1, q3);
  for (; i < n; i += 16)
    {
      __mmask16 valid = tail_mask (n - i);
      __m512i v = _mm512_maskz_loadu_epi32 (valid, x + i);
      __m512d d0 = _mm512_maskz_sub_pd ((__mmask8) valid, _mm512_cvtepi32_pd (_mm512_castsi512_si256 (v)), sh);
      __m512d d1 = _mm512_maskz_sub_pd ((__mmask8) (valid >> 8),
                                        _mm512_cvtepi32_pd (_mm512_extracti64x4_epi64 (v, 1)), sh);

      _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
      lo = _mm512_mask_min_epi32 (lo, valid, lo, v);
      hi = _mm512_mask_max_epi32 (hi, valid, hi, v);
      s0 = _mm512_add_pd (s0, d0);
      s1 = _mm512_add_pd (s1, d1);
      q0 = _mm512_fmadd_pd (d0, d0, q0);
      q1 = _mm512_fmadd_pd (d1, d1, q1);
    }
  sum1 = _mm512_reduce_add_pd (_mm512_add_pd (s0, s1));
  sum2 = _mm512_reduce_add_pd (_mm512_add_pd (q0, q1));
  *sum = (gint64) sum1 + (gint64) n * x[0];
  *m2 = _qs_stats_m2 (sum1, sum2, n);
  *min = _mm512_reduce_min_epi32 (lo);
  *max = _mm512_reduce_max_epi32 (hi);
}

static void
min_max_f32_avx512 (const float *x,
                    gsize        n,
                    float       *min,
                    float       *max)
{
  __m512 lo0 = _mm512_set1_ps (*min), hi0 = _mm512_set1_ps (*max);
  __m512 lo1 = _mm512_set1_ps (INFINITY), hi1 = _mm512_set1_ps (-INFINITY);
  gsize i;

  for (i = 0; i + 32 <= n; i += 32)
    {
      __m512 v0 = _mm512_loadu_ps (x + i), v1 = _mm512_loadu_ps (x + i + 16);
      __mmask16 f0 = finite_mask (v0, 0xffff), f1 = finite_mask (v1, 0xffff);

      _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
      _mm_prefetch ((const char *) (x + i) + PREFETCH + 64, _MM_HINT_T0);

      lo0 = _mm512_mask_min_ps (lo0, f0, lo0, v0);
      hi0 = _mm512_mask_max_ps (hi0, f0, hi0, v0);
      lo1 = _mm512_mask_min_ps (lo1, f1, lo1, v1);
      hi1 = _mm512_mask_max_ps (hi1, f1, hi1, v1);
    }
  for (; i < n; i += 16)
    {
      __mmask16 valid = tail_mask (n - i);
      __m512 v = _mm512_maskz_loadu_ps (valid, x + i);
      __mmask16 f = finite_mask (v, valid);

      lo0 = _mm512_mask_min_ps (lo0, f, lo0, v);
      hi0 = _mm512_mask_max_ps (hi0, f, hi0, v);
    }
  *min = _mm512_reduce_min_ps (_mm512_min_ps (lo0, lo1));
  *max = _mm512_reduce_max_ps (_mm512_max_ps (hi0, hi1));
}

typedef struct
{
  __m512  xx, yy, xy, dd;     /* this run, in float */
  __m512d xxd[2], yyd[2], xyd[2], ddd[2];   /* the runs before, in double (set 0 only) */
  __m512  mx;                 /* max fl(|x − y|) of this run */
  __m512i bits;               /* the OR of every x and y kept */
} ErrAcc;

static inline __attribute__ ((always_inline)) void
error_step (ErrAcc      *e,
            const float *x,
            const float *y,
            __mmask16    valid,
            guint64     *count)
{
  __m512 a = _mm512_maskz_loadu_ps (valid, x), b = _mm512_maskz_loadu_ps (valid, y), d;
  __mmask16 fin;

  /* one load a vector (see moments_step) */
  __asm__ ("" : "+v" (a), "+v" (b));
  fin = finite_mask (a, valid) & finite_mask (b, valid);
  /* a pair left out becomes (0, 0): it adds nothing */
  a = _mm512_maskz_mov_ps (fin, a);
  b = _mm512_maskz_mov_ps (fin, b);
  d = _mm512_sub_ps (a, b);
  *count += (guint) __builtin_popcount (fin);
  e->xx = _mm512_fmadd_ps (a, a, e->xx);
  e->yy = _mm512_fmadd_ps (b, b, e->yy);
  e->xy = _mm512_fmadd_ps (a, b, e->xy);
  e->dd = _mm512_fmadd_ps (d, d, e->dd);
  e->mx = _mm512_max_ps (e->mx, _mm512_abs_ps (d));
  e->bits = _mm512_ternarylogic_epi32 (e->bits, _mm512_castps_si512 (a), _mm512_castps_si512 (b), 0xfe);
}


/* Ends a run: the float sums of the two sets meet in float and go into
 * the first set's double accumulators; the run's max out (returned). */
static inline float
run_end (ErrAcc *e)
{
  float m = _mm512_reduce_max_ps (_mm512_max_ps (e[0].mx, e[1].mx));
  int j;

  fold (e[0].xxd, _mm512_add_ps (e[0].xx, e[1].xx));
  fold (e[0].yyd, _mm512_add_ps (e[0].yy, e[1].yy));
  fold (e[0].xyd, _mm512_add_ps (e[0].xy, e[1].xy));
  fold (e[0].ddd, _mm512_add_ps (e[0].dd, e[1].dd));
  for (j = 0; j < 2; j++)
    e[j].xx = e[j].yy = e[j].xy = e[j].dd = e[j].mx = _mm512_setzero_ps ();
  return m;
}

/* max |x − y| in double over the finite pairs of x[0, n), y[0, n) (as the
 * reference evaluates it), 0 without one. */
static double
max_abs_f64 (const float *x,
             const float *y,
             gsize        n)
{
  __m512d m = _mm512_setzero_pd ();
  gsize i;

  for (i = 0; i < n; i += 16)
    {
      __mmask16 valid = tail_mask (n - i);
      __m512 a = _mm512_maskz_loadu_ps (valid, x + i), b = _mm512_maskz_loadu_ps (valid, y + i);
      __mmask16 fin = finite_mask (a, valid) & finite_mask (b, valid);
      __m512d d0, d1;

      a = _mm512_maskz_mov_ps (fin, a);
      b = _mm512_maskz_mov_ps (fin, b);
      d0 = _mm512_sub_pd (_mm512_cvtps_pd (low8 (a)), _mm512_cvtps_pd (low8 (b)));
      d1 = _mm512_sub_pd (_mm512_cvtps_pd (high8 (a)), _mm512_cvtps_pd (high8 (b)));
      m = _mm512_max_pd (m, _mm512_max_pd (_mm512_abs_pd (d0), _mm512_abs_pd (d1)));
    }
  return _mm512_reduce_max_pd (m);
}

#define ERROR_RUN (32 * QS_STATS_FOLD)
#define ERROR_RUNS (QS_STATS_BLOCK / ERROR_RUN + 2)

/* The errors of one block (n <= QS_STATS_BLOCK): two sets of float chains
 * (32 lanes), each lane folded into double every QS_STATS_FOLD values (two
 * lanes meeting in float first); the
 * block takes its sums in double again when they do not stand
 * (qs-stats-private.h).  As rounding to float keeps the order, the largest
 * |x − y| lies in a run whose largest fl(|x − y|) is the block's: only
 * those runs are read again, in double, for the exact value. */
static void
error_f32_avx512 (const float *x,
                  const float *y,
                  gsize        n,
                  QsErrorSums *s)
{
  const __m512d zd = _mm512_setzero_pd ();
  ErrAcc e[2];
  guint64 count = 0;
  gsize i = 0, full = n - n % 32, start[ERROR_RUNS + 1];
  float run_max[ERROR_RUNS];
  double sums[4];
  gboolean any_nonzero;
  int j, runs = 0;

  g_assert (n <= QS_STATS_BLOCK);
  for (j = 0; j < 2; j++)
    {
      e[j].xx = e[j].yy = e[j].xy = e[j].dd = e[j].mx = _mm512_setzero_ps ();
      e[j].xxd[0] = e[j].xxd[1] = e[j].yyd[0] = e[j].yyd[1] = zd;
      e[j].xyd[0] = e[j].xyd[1] = e[j].ddd[0] = e[j].ddd[1] = zd;
      e[j].bits = _mm512_setzero_si512 ();
    }
  while (i < full)
    {
      gsize end = MIN (full, i + ERROR_RUN);

      start[runs] = i;
      for (; i < end; i += 32)
        {
          _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
          _mm_prefetch ((const char *) (y + i) + PREFETCH, _MM_HINT_T0);
          _mm_prefetch ((const char *) (x + i) + PREFETCH + 64, _MM_HINT_T0);
          _mm_prefetch ((const char *) (y + i) + PREFETCH + 64, _MM_HINT_T0);
          error_step (&e[0], x + i, y + i, 0xffff, &count);
          error_step (&e[1], x + i + 16, y + i + 16, 0xffff, &count);
        }
      run_max[runs++] = run_end (e);
    }
  if (i < n)
    {
      /* the last 1 to 31 values: one run, one value a lane */
      start[runs] = i;
      error_step (&e[0], x + i, y + i, tail_mask (n - i), &count);
      if (n - i > 16)
        error_step (&e[1], x + i + 16, y + i + 16, tail_mask (n - i - 16), &count);
      run_max[runs++] = run_end (e);
    }
  start[runs] = n;
  sums[0] = folded (e[0].xxd);
  sums[1] = folded (e[0].yyd);
  sums[2] = folded (e[0].xyd);
  sums[3] = folded (e[0].ddd);
  any_nonzero = _mm512_test_epi32_mask (_mm512_or_si512 (e[0].bits, e[1].bits),
                                        _mm512_set1_epi32 (0x7fffffff)) != 0;
  _qs_stats_error_finish (s, x, y, n, count, start, run_max, runs, sums, any_nonzero, max_abs_f64);
}

/* 64 bytes a step: Σu through vpsadbw, Σu² through vpmaddwd on the bytes
 * widened to 16 bits (each 32-bit lane gains at most 2 · 255² a step, so
 * the 1024 steps of 65536 bytes cannot overflow it), the extremes as bytes. */
static void
moments_u8_avx512 (const guint8 *x,
                   gsize         n,
                   guint8        flip,
                   guint64      *sum,
                   guint64      *sumsq,
                   guint8       *min,
                   guint8       *max)
{
  const __m512i zero = _mm512_setzero_si512 (), f = _mm512_set1_epi8 ((char) flip);
  __m512i lo = _mm512_set1_epi8 ((char) 0xff), hi = zero, s = zero, q0 = zero, q1 = zero;
  gsize i;

  for (i = 0; i < n; i += 64)
    {
      __mmask64 valid = n - i >= 64 ? ~(__mmask64) 0 : (((__mmask64) 1 << (n - i)) - 1);
      __m512i v = _mm512_xor_si512 (_mm512_maskz_loadu_epi8 (valid, x + i), f);
      __m512i w0, w1;

      v = _mm512_maskz_mov_epi8 (valid, v);
      _mm_prefetch ((const char *) (x + i) + PREFETCH, _MM_HINT_T0);
      lo = _mm512_mask_min_epu8 (lo, valid, lo, v);
      hi = _mm512_max_epu8 (hi, v);
      s = _mm512_add_epi64 (s, _mm512_sad_epu8 (v, zero));
      w0 = _mm512_unpacklo_epi8 (v, zero);
      w1 = _mm512_unpackhi_epi8 (v, zero);
      q0 = _mm512_add_epi32 (q0, _mm512_madd_epi16 (w0, w0));
      q1 = _mm512_add_epi32 (q1, _mm512_madd_epi16 (w1, w1));
    }
  *sum = (guint64) _mm512_reduce_add_epi64 (s);
  /* widened to 64 bits before the sum of the lanes */
  q0 = _mm512_add_epi64 (_mm512_add_epi64 (_mm512_unpacklo_epi32 (q0, zero), _mm512_unpackhi_epi32 (q0, zero)),
                         _mm512_add_epi64 (_mm512_unpacklo_epi32 (q1, zero), _mm512_unpackhi_epi32 (q1, zero)));
  *sumsq = (guint64) _mm512_reduce_add_epi64 (q0);
  {
    __m256i l = _mm256_min_epu8 (_mm512_castsi512_si256 (lo), _mm512_extracti64x4_epi64 (lo, 1));
    __m256i h = _mm256_max_epu8 (_mm512_castsi512_si256 (hi), _mm512_extracti64x4_epi64 (hi, 1));
    guint8 bl[32], bh[32];
    int k;

    _mm256_storeu_si256 ((__m256i *) bl, l);
    _mm256_storeu_si256 ((__m256i *) bh, h);
    *min = bl[0];
    *max = bh[0];
    for (k = 1; k < 32; k++)
      {
        *min = MIN (*min, bl[k]);
        *max = MAX (*max, bh[k]);
      }
  }
}

void
_qs_stats_kernels_avx512 (QsStatsKernels *k)
{
  k->summary_f32 = summary_f32_avx512;
  k->fold_pairs = fold_pairs_avx512;
  k->moments_i32 = moments_i32_avx512;
  k->moments_u8 = moments_u8_avx512;
  k->min_max_f32 = min_max_f32_avx512;
  k->error_f32 = error_f32_avx512;
  k->moments_f32 = moments_f32_avx512;
}
