/* qs-stats-scalar.c — portable block passes of the statistics
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * What runs without AVX2 (or with QS_ISA=scalar), and the twin the SIMD
 * passes are held to element by element: the block interface of
 * qs-stats-private.h in plain C, in the stored type (float), with sums in
 * double.  Bins and codes are the reference's float expressions.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-stats-private.h"

static void
summary_f32_scalar (const float         *x,
                    gsize                n,
                    const QsStatsParams *p,
                    QsStatsBlock        *b,
                    QsStatsCounts       *counts,
                    guint8              *bins,
                    guint32             *codes)
{
  double sum = 0, sq = 0, shift = _qs_stats_shift (x, n);
  float lo = INFINITY, hi = -INFINITY;
  guint64 count = 0, n_nan = 0, clip_lo = 0, clip_hi = 0, seen[4] = { 0 };
  gsize i;

  for (i = 0; i < n; i++)
    {
      float v = x[i];
      gboolean fin = isfinite (v);

      n_nan += isnan (v) ? 1 : 0;
      if (fin)
        {
          double d = (double) v - shift;

          count++;
          sum += d;
          sq += d * d;
          lo = v < lo ? v : lo;
          hi = v > hi ? v : hi;
        }
      if (p->has_bins)
        {
          guint8 slot;

          if (!fin)
            slot = QS_STATS_BIN_NONE;
          else if (v < p->bin_lo)
            slot = QS_STATS_BIN_BELOW;
          else if (v > p->bin_hi)
            slot = QS_STATS_BIN_ABOVE;
          else
            {
              float t = (v - p->bin_lo) * p->bin_inv;

              slot = t >= (float) (QS_STATS_BINS - 1) ? QS_STATS_BINS - 1 : (guint8) (int) t;
            }
          bins[i] = slot;
        }
      if (p->has_fq)
        {
          if (!fin)
            {
              if (!p->fq_mask)
                codes[i] = p->fq_none;
            }
          else
            {
              float c, vc = v < p->fq_low ? p->fq_low : (v > p->fq_high ? p->fq_high : v);

              clip_lo += v < p->fq_low;
              clip_hi += v > p->fq_high;
              c = nearbyintf ((vc - p->fq_low) / p->fq_width * p->fq_lm1);
              c = c >= 0.0f ? c : 0.0f;    /* NaN (∞ / ∞) too */
              c = c <= p->fq_lm1 ? c : p->fq_lm1;
              if (p->fq_mask)
                seen[(guint32) c / 64] |= G_GUINT64_CONSTANT (1) << ((guint32) c % 64);
              else
                codes[i] = (guint32) c;
            }
        }
    }
  b->n = count;
  b->n_nan = n_nan;
  b->n_inf = n - count - n_nan;
  b->clipped_low = clip_lo;
  b->clipped_high = clip_hi;
  b->min = lo;
  b->max = hi;
  b->sum = (double) count * shift + sum;
  b->m2 = _qs_stats_m2 (sum, sq, count);
  memcpy (b->seen, seen, sizeof seen);
  if (p->has_bins)
    _qs_stats_count_bins (counts, bins, n);
}

/* The twin of the SIMD i32 moments: shifted by x[0], the sum exact. */
static void
moments_i32_scalar (const gint32 *x,
                    gsize         n,
                    gint64       *sum,
                    double       *m2,
                    gint32       *min,
                    gint32       *max)
{
  double sum1 = 0, sum2 = 0;
  gint32 lo = G_MAXINT32, hi = G_MININT32;
  gsize i;

  for (i = 0; i < n; i++)
    {
      double d = (double) x[i] - (double) x[0];

      sum1 += d;
      sum2 += d * d;
      lo = x[i] < lo ? x[i] : lo;
      hi = x[i] > hi ? x[i] : hi;
    }
  *sum = (gint64) sum1 + (gint64) n * x[0];
  *m2 = _qs_stats_m2 (sum1, sum2, n);
  *min = lo;
  *max = hi;
}

static void
min_max_f32_scalar (const float *x,
                    gsize        n,
                    float       *min,
                    float       *max)
{
  float lo = *min, hi = *max;
  gsize i;

  for (i = 0; i < n; i++)
    if (isfinite (x[i]))
      {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
      }
  *min = lo;
  *max = hi;
}

static void
error_f32_scalar (const float *x,
                  const float *y,
                  gsize        n,
                  QsErrorSums *e)
{
  double xx = 0, yy = 0, xy = 0, dd = 0, mx = e->max_abs;
  guint64 count = 0;
  gsize i;

  for (i = 0; i < n; i++)
    {
      double a = x[i], b = y[i], d;

      if (!isfinite (x[i]) || !isfinite (y[i]))
        continue;
      d = a - b;
      count++;
      xx += a * a;
      yy += b * b;
      xy += a * b;
      dd += d * d;
      mx = fabs (d) > mx ? fabs (d) : mx;
    }
  e->n += count;
  e->n_nonfinite += n - count;
  e->xx += xx;
  e->yy += yy;
  e->xy += xy;
  e->dd += dd;
  e->max_abs = mx;
}

static void
moments_u8_scalar (const guint8 *x,
                   gsize         n,
                   guint8        flip,
                   guint64      *sum,
                   guint64      *sumsq,
                   guint8       *min,
                   guint8       *max)
{
  guint64 s = 0, q = 0;
  guint8 lo = 255, hi = 0;
  gsize i;

  for (i = 0; i < n; i++)
    {
      guint8 u = x[i] ^ flip;

      s += u;
      q += (guint) u * u;
      lo = u < lo ? u : lo;
      hi = u > hi ? u : hi;
    }
  *sum = s;
  *sumsq = q;
  *min = lo;
  *max = hi;
}

void
_qs_stats_kernels_scalar (QsStatsKernels *k)
{
  k->summary_f32 = summary_f32_scalar;
  k->fold_pairs = _qs_stats_fold_pairs;
  k->moments_i32 = moments_i32_scalar;
  k->moments_u8 = moments_u8_scalar;
  k->min_max_f32 = min_max_f32_scalar;
  k->error_f32 = error_f32_scalar;
}
