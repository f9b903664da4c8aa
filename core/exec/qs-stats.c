/* qs-stats.c — tensor statistics and errors between modes
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * This file holds the reference of what the passes compute (see
 * qs-stats.h), the _ref functions, and the driver of the fast passes that
 * the public functions use (at the end; see qs-stats-private.h).  The
 * reference reads a tensor in chunks; each chunk's count, sum, extremes, bins and
 * codes come from one pass over it, its squared deviations from its own
 * mean from a second pass while it is still in cache, and the chunk is
 * merged into the summary with the pairwise update of Chan, Golub and
 * LeVeque, so the variance stays accurate when the mean is large against
 * the spread (a plain Σx² − n·mean² would cancel).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-stats-private.h"
#include "qs-stats-derive.h"

#define CHUNK 4096

/* ---- summaries ---- */

static gsize
levels_words (guint levels)
{
  return (levels + 63) / 64;
}

void
qs_summary_init (QsSummary       *s,
                 const QsBinning *bins,
                 const QsFqRange *fq)
{
  memset (s, 0, sizeof *s);
  s->min = INFINITY;
  s->max = -INFINITY;
  if (bins != NULL && bins->hi >= bins->lo && isfinite (bins->lo) && isfinite (bins->hi))
    {
      s->has_bins = TRUE;
      s->bins = *bins;
    }
  if (fq != NULL && fq->levels >= 2 && fq->levels <= QS_STATS_MAX_LEVELS && fq->in_high > fq->in_low)
    {
      s->has_fq = TRUE;
      s->fq = *fq;
      s->levels_seen = g_new0 (guint64, levels_words (fq->levels));
    }
}

void
qs_summary_clear (QsSummary *s)
{
  g_clear_pointer (&s->levels_seen, g_free);
  memset (s, 0, sizeof *s);
  s->min = INFINITY;
  s->max = -INFINITY;
}

void
qs_summary_copy (QsSummary       *dest,
                 const QsSummary *src)
{
  *dest = *src;
  if (src->levels_seen != NULL)
    dest->levels_seen = g_memdup2 (src->levels_seen, levels_words (src->fq.levels) * sizeof (guint64));
}

void
_qs_stats_chan_merge (guint64 *n_a,
                      double  *mean_a,
                      double  *m2_a,
                      guint64  n_b,
                      double   mean_b,
                      double   m2_b)
{
  double na = (double) *n_a, n = na + (double) n_b, delta;

  if (n_b == 0)
    return;
  if (*n_a == 0)
    {
      *mean_a = mean_b;
      *m2_a = m2_b;
      *n_a = n_b;
      return;
    }
  delta = mean_b - *mean_a;
  *mean_a += delta * ((double) n_b / n);
  *m2_a += m2_b + delta * delta * (na * (double) n_b / n);
  *n_a += n_b;
}

static void
merge_moments (QsSummary *s,
               guint64    n_b,
               double     mean_b,
               double     m2_b)
{
  _qs_stats_chan_merge (&s->n, &s->mean, &s->m2, n_b, mean_b, m2_b);
}

/* Reads elements [from, from + n) of @t as doubles. */
static void
load_chunk (const QsTensor *t,
            gsize           from,
            gsize           n,
            double         *out)
{
  gsize i;

  switch (t->type)
    {
    case QS_ELEMENT_F32:
      for (i = 0; i < n; i++)
        out[i] = ((const float *) t->data)[from + i];
      break;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_BOOLEAN:
      for (i = 0; i < n; i++)
        out[i] = ((const guint8 *) t->data)[from + i];
      break;
    case QS_ELEMENT_I8:
      for (i = 0; i < n; i++)
        out[i] = ((const gint8 *) t->data)[from + i];
      break;
    case QS_ELEMENT_I32:
      for (i = 0; i < n; i++)
        out[i] = ((const gint32 *) t->data)[from + i];
      break;
    default:
      for (i = 0; i < n; i++)
        out[i] = qs_tensor_get_f64 (t, from + i);
      break;
    }
}

static void
summary_chunk (QsSummary    *s,
               const double *v,
               gsize         n,
               float         bin_inv,
               float         lm1)
{
  double sum = 0, m2 = 0, mean, lo = s->min, hi = s->max;
  guint64 count = 0;
  gsize i;

  for (i = 0; i < n; i++)
    {
      double x = v[i];

      if (!isfinite (x))
        {
          if (isnan (x))
            s->n_nan++;
          else
            s->n_inf++;
          continue;
        }
      count++;
      sum += x;
      lo = MIN (lo, x);
      hi = MAX (hi, x);
      if (s->has_bins)
        {
          float xf = (float) x;

          if (xf < s->bins.lo)
            s->below++;
          else if (xf > s->bins.hi)
            s->above++;
          else
            {
              float b = (xf - s->bins.lo) * bin_inv;

              /* clamped in float: an overflow to +inf lands in the last bin too */
              s->histogram[b >= QS_STATS_BINS - 1 ? QS_STATS_BINS - 1 : (int) b]++;
            }
        }
      if (s->has_fq)
        {
          float xf = (float) x, c;
          guint code;

          if (xf < s->fq.in_low)
            s->clipped_low++;
          else if (xf > s->fq.in_high)
            s->clipped_high++;
          xf = CLAMP (xf, s->fq.in_low, s->fq.in_high);
          c = nearbyintf ((xf - s->fq.in_low) / (s->fq.in_high - s->fq.in_low) * lm1);
          c = c >= 0.0f ? c : 0.0f;    /* NaN (∞ / ∞ of an unbounded range) too */
          code = (guint) (c <= lm1 ? c : lm1);
          s->levels_seen[code / 64] |= G_GUINT64_CONSTANT (1) << (code % 64);
        }
    }
  s->min = lo + 0.0;   /* a zero extreme is +0, whichever sign came last */
  s->max = hi + 0.0;
  if (count == 0)
    return;
  mean = sum / (double) count;
  for (i = 0; i < n; i++)
    if (isfinite (v[i]))
      m2 += (v[i] - mean) * (v[i] - mean);
  merge_moments (s, count, mean, m2);
}

static float
bin_factor (const QsSummary *s)
{
  if (!s->has_bins || !(s->bins.hi > s->bins.lo))
    return 0.0f;
  return (float) (QS_STATS_BINS / ((double) s->bins.hi - (double) s->bins.lo));
}

void
_qs_summary_add_tensor_ref (QsSummary      *s,
                            const QsTensor *t)
{
  double buf[CHUNK];
  float inv = bin_factor (s), lm1 = s->has_fq ? (float) (s->fq.levels - 1) : 0.0f;
  gsize from;

  for (from = 0; from < t->n_elements; from += CHUNK)
    {
      gsize n = MIN (CHUNK, t->n_elements - from);

      load_chunk (t, from, n, buf);
      summary_chunk (s, buf, n, inv, lm1);
    }
}

gboolean
qs_summary_merge (QsSummary       *into,
                  const QsSummary *from)
{
  guint i;

  if (into->has_bins != from->has_bins || into->has_fq != from->has_fq)
    return FALSE;
  if (into->has_bins && (into->bins.lo != from->bins.lo || into->bins.hi != from->bins.hi))
    return FALSE;
  if (into->has_fq && (into->fq.in_low != from->fq.in_low || into->fq.in_high != from->fq.in_high ||
                       into->fq.levels != from->fq.levels))
    return FALSE;
  into->n_nan += from->n_nan;
  into->n_inf += from->n_inf;
  into->min = MIN (into->min, from->min);
  into->max = MAX (into->max, from->max);
  merge_moments (into, from->n, from->mean, from->m2);
  into->below += from->below;
  into->above += from->above;
  for (i = 0; i < QS_STATS_BINS; i++)
    into->histogram[i] += from->histogram[i];
  into->clipped_low += from->clipped_low;
  into->clipped_high += from->clipped_high;
  if (into->has_fq)
    for (i = 0; i < levels_words (into->fq.levels); i++)
      into->levels_seen[i] |= from->levels_seen[i];
  return TRUE;
}

double
qs_summary_std (const QsSummary *s)
{
  return s->n > 0 ? sqrt (MAX (s->m2, 0.0) / (double) s->n) : 0.0;
}

guint
qs_summary_levels_used (const QsSummary *s)
{
  guint used = 0;
  gsize i;

  if (!s->has_fq)
    return 0;
  for (i = 0; i < levels_words (s->fq.levels); i++)
    used += (guint) __builtin_popcountll (s->levels_seen[i]);
  return used;
}

double
qs_summary_clipped (const QsSummary *s)
{
  return s->n > 0 ? (double) (s->clipped_low + s->clipped_high) / (double) s->n : 0.0;
}

gboolean
_qs_tensor_min_max_ref (const QsTensor *t,
                        double         *min,
                        double         *max)
{
  double buf[CHUNK], lo = INFINITY, hi = -INFINITY;
  gsize from, i;

  for (from = 0; from < t->n_elements; from += CHUNK)
    {
      gsize n = MIN (CHUNK, t->n_elements - from);

      load_chunk (t, from, n, buf);
      for (i = 0; i < n; i++)
        if (isfinite (buf[i]))
          {
            lo = MIN (lo, buf[i]);
            hi = MAX (hi, buf[i]);
          }
    }
  *min = lo + 0.0;
  *max = hi + 0.0;
  return lo <= hi;
}

/* ---- errors ---- */

gboolean
_qs_error_sums_add_ref (QsErrorSums    *e,
                        const QsTensor *x,
                        const QsTensor *y)
{
  double a[CHUNK], b[CHUNK];
  gsize from, i;

  if (x->n_elements != y->n_elements)
    return FALSE;
  for (from = 0; from < x->n_elements; from += CHUNK)
    {
      gsize n = MIN (CHUNK, x->n_elements - from);

      load_chunk (x, from, n, a);
      load_chunk (y, from, n, b);
      for (i = 0; i < n; i++)
        {
          double d;

          if (!isfinite (a[i]) || !isfinite (b[i]))
            {
              e->n_nonfinite++;
              continue;
            }
          d = a[i] - b[i];
          e->n++;
          e->xx += a[i] * a[i];
          e->yy += b[i] * b[i];
          e->xy += a[i] * b[i];
          e->dd += d * d;
          e->max_abs = MAX (e->max_abs, fabs (d));
        }
    }
  return TRUE;
}

void
qs_error_sums_merge (QsErrorSums       *into,
                     const QsErrorSums *from)
{
  into->n += from->n;
  into->n_nonfinite += from->n_nonfinite;
  into->xx += from->xx;
  into->yy += from->yy;
  into->xy += from->xy;
  into->dd += from->dd;
  into->max_abs = MAX (into->max_abs, from->max_abs);
}

void
qs_tensor_error_from_sums (const QsErrorSums *s,
                           QsTensorError     *e)
{
  memset (e, 0, sizeof *e);
  e->mse = s->n > 0 ? s->dd / (double) s->n : 0;
  e->max_abs = s->max_abs;
  e->nmse = s->xx > 0 ? s->dd / s->xx : (s->dd > 0 ? INFINITY : 0);
  e->sqnr_db = s->dd == 0 ? INFINITY : (s->xx == 0 ? -INFINITY : 10.0 * log10 (s->xx / s->dd));
  e->cosine = (s->xx > 0 && s->yy > 0) ? s->xy / sqrt (s->xx * s->yy) : (s->xx == s->yy ? 1.0 : 0.0);
}

gboolean
qs_tensor_error_compute (const QsTensor *x,
                         const QsTensor *y,
                         QsTensorError  *e)
{
  QsErrorSums sums = { 0 };

  memset (e, 0, sizeof *e);
  if (!qs_error_sums_add (&sums, x, y))
    return FALSE;
  qs_tensor_error_from_sums (&sums, e);
  return TRUE;
}

#if defined(__GNUC__) && !defined(__clang__)
#define STEP_VECTORISE __attribute__ ((optimize ("tree-vectorize", "vect-cost-model=dynamic")))
#else
#define STEP_VECTORISE
#endif

/* Steps of 1 between two u8 or two i8 code tensors: every distance is an
 * integer, so integer sums give what the double loop below gives, as long
 * as the running sum stays an integer below 2^53 (it does: at most 255 per
 * element, and the caller's sum is checked to be an integer). */
static void STEP_VECTORISE
step_sums_codes8 (QsStepSums     *e,
                  const QsTensor *x,
                  const QsTensor *y)
{
  gsize i, n = x->n_elements;
  guint64 sum = 0, n_differ = 0;
  guint max = 0;

  if (x->type == QS_ELEMENT_U8)
    {
      const guint8 *a = x->data, *b = y->data;

      for (i = 0; i < n; i++)
        {
          guint d = a[i] > b[i] ? (guint) (a[i] - b[i]) : (guint) (b[i] - a[i]);

          sum += d;
          n_differ += d != 0;
          max = d > max ? d : max;
        }
    }
  else
    {
      const gint8 *a = x->data, *b = y->data;

      for (i = 0; i < n; i++)
        {
          int d0 = (int) a[i] - (int) b[i];
          guint d = (guint) (d0 < 0 ? -d0 : d0);

          sum += d;
          n_differ += d != 0;
          max = d > max ? d : max;
        }
    }
  e->max_steps = MAX (e->max_steps, (double) max);
  e->sum_steps += (double) sum;
  e->n_differ += n_differ;
  e->n += n;
}

gboolean
qs_step_sums_add (QsStepSums     *e,
                  const QsTensor *x,
                  const QsTensor *y,
                  double          step)
{
  double a[CHUNK], b[CHUNK];
  gsize from, i;

  if (x->n_elements != y->n_elements || !(step > 0))
    return FALSE;
  if (step == 1.0 && x->type == y->type && (x->type == QS_ELEMENT_U8 || x->type == QS_ELEMENT_I8) &&
      x->n_elements > 0 && x->n_elements < ((guint64) 1 << 40) &&
      e->sum_steps == floor (e->sum_steps) && e->sum_steps >= 0 && e->sum_steps < 0x1p52)
    {
      step_sums_codes8 (e, x, y);
      return TRUE;
    }
  for (from = 0; from < x->n_elements; from += CHUNK)
    {
      gsize n = MIN (CHUNK, x->n_elements - from);

      load_chunk (x, from, n, a);
      load_chunk (y, from, n, b);
      for (i = 0; i < n; i++)
        {
          double d = fabs (a[i] - b[i]) / step;

          e->max_steps = MAX (e->max_steps, d);
          e->sum_steps += d;
          e->n_differ += d != 0;
        }
      e->n += n;
    }
  return TRUE;
}

void
qs_step_sums_merge (QsStepSums       *into,
                    const QsStepSums *from)
{
  into->n += from->n;
  into->n_differ += from->n_differ;
  into->sum_steps += from->sum_steps;
  into->max_steps = MAX (into->max_steps, from->max_steps);
}

void
qs_step_error_from_sums (const QsStepSums *s,
                         QsStepError      *e)
{
  memset (e, 0, sizeof *e);
  e->max_steps = s->max_steps;
  if (s->n > 0)
    {
      e->mean_steps = s->sum_steps / (double) s->n;
      e->share_differ = (double) s->n_differ / (double) s->n;
    }
}

gboolean
qs_tensor_step_error (const QsTensor *x,
                      const QsTensor *y,
                      double          step,
                      QsStepError    *e)
{
  QsStepSums sums = { 0 };

  memset (e, 0, sizeof *e);
  if (!qs_step_sums_add (&sums, x, y, step))
    return FALSE;
  qs_step_error_from_sums (&sums, e);
  return TRUE;
}

/* ---- finished statistics ---- */

int
qs_tensor_stats_bin (const QsTensorStats *s,
                     double               v)
{
  int b;

  if (s->max <= s->min)
    return 0;
  b = (int) floor ((v - s->min) / (s->max - s->min) * QS_STATS_BINS);
  return CLAMP (b, 0, QS_STATS_BINS - 1);
}

void
qs_tensor_stats_from_summary (const QsSummary *sum,
                              QsTensorStats   *s)
{
  memset (s, 0, sizeof *s);
  s->n = sum->n;
  s->n_nonfinite = sum->n_nan + sum->n_inf;
  if (sum->n > 0)
    {
      s->min = sum->min;
      s->max = sum->max;
      s->mean = sum->mean;
      s->std = qs_summary_std (sum);
    }
  if (sum->has_bins)
    memcpy (s->histogram, sum->histogram, sizeof s->histogram);
  if (sum->has_fq)
    {
      s->has_fq = TRUE;
      s->fq = sum->fq;
      s->clipped = qs_summary_clipped (sum);
      s->levels_used = qs_summary_levels_used (sum);
    }
}

void
qs_tensor_stats_compute (const QsTensor  *t,
                         const QsFqRange *fq,
                         QsTensorStats   *s)
{
  QsSummary sum;
  QsBinning bins;
  double lo, hi;

  if (!qs_tensor_min_max (t, &lo, &hi))
    lo = hi = 0;
  bins.lo = (float) lo;
  bins.hi = (float) hi;
  qs_summary_init (&sum, &bins, fq);
  qs_summary_add_tensor (&sum, t);
  qs_tensor_stats_from_summary (&sum, s);
  qs_summary_clear (&sum);
}

/* ---- the fast passes ----
 *
 * f32 tensors go through the block passes of the ISA in use, i32 tensors
 * through its integer moments (and, for bins and codes, the f32 pass on
 * their float values); u8, i8 and boolean
 * tensors through a count of their 256 byte values, from which every
 * figure follows exactly; other types through the reference.  A
 * tensor is cut into tasks of QS_STATS_TASK elements (each one a partial
 * summary, its blocks merged in order) and the tasks are merged in order:
 * the boundaries depend on the element count only, so the figures do not
 * depend on how many threads ran the tasks. */

const QsStatsKernels *
_qs_stats_kernels (QsIsa isa)
{
  static QsStatsKernels tables[QS_ISA_N];
  static gsize once = 0;
  static const QsIsaTableFill fill[QS_ISA_N] = {
    (QsIsaTableFill) _qs_stats_kernels_scalar,
    (QsIsaTableFill) _qs_stats_kernels_avx2,
    (QsIsaTableFill) _qs_stats_kernels_avx512,
  };

  return _qs_isa_table (&once, tables, sizeof tables[0], fill, isa);
}

static const QsStatsKernels *
kernels (void)
{
  return _qs_stats_kernels (qs_kernels_get_isa ());
}

/* The reciprocal of a FakeQuantize code.  The reference's code is
 * nearbyint (q), q = fl (fl (d / W) · L), with d = fl (clamped x − in_low),
 * W = fl (in_high − in_low) and L = levels − 1; a SIMD pass may take
 * r = fl (d · k), k = fl (L / W), which needs no division.  Both are the
 * exact z = d · L / W, rounded twice: with u = 2⁻²⁴ and no underflow,
 * q = z (1 + δ₁)(1 + δ₂) and r = z (1 + δ₃)(1 + δ₄), |δᵢ| <= u; a result in
 * the subnormal range is off by at most 2⁻¹⁵⁰ instead, which the 2⁻¹⁰⁰
 * below covers.  As the clamped x <= in_high, d <= W (rounding is
 * monotonic), so 0 <= z <= L and |q − r| <= 2 L (2u + u²) + 2⁻¹⁰⁰ < M,
 * M = 8 u L + 2⁻¹⁰⁰ = L · 2⁻²¹ + 2⁻¹⁰⁰.  Where |r − n| < 1/2 − M, n =
 * nearbyint (r), the interval [r − M, r + M] holds q and lies inside
 * (n − 1/2, n + 1/2): q rounds to n as well (no tie possible), and the
 * clamps after are the same.  r − n is exact in float (n = 0, or
 * n/2 <= r <= 2n), so a pass compares it with fq_near, a float at most
 * 1/2 − M, and computes the lanes at or past it as the reference does.
 * Only where k is a normal float (no overflow of L / W, W finite) and M
 * is small (up to 1024 levels: one lane in about 1000 goes the slow way). */
static void
fq_recip_params (QsStatsParams *p)
{
  double m, near;
  float k, f;

  k = p->fq_lm1 / p->fq_width;
  if (!isfinite (p->fq_width) || !isfinite (k) || !(k >= 0x1p-100f) || p->fq_lm1 > 1023.0f)
    return;
  m = (double) p->fq_lm1 * 0x1p-21 + 0x1p-100;
  near = 0.5 - m;
  f = (float) near;
  if ((double) f > near)
    f = nextafterf (f, 0.0f);
  p->fq_recip = TRUE;
  p->fq_scale = k;
  p->fq_near = f;
}

void
_qs_stats_params (const QsSummary *s,
                  QsStatsParams   *p)
{
  memset (p, 0, sizeof *p);
  p->has_bins = s->has_bins;
  p->bin_lo = s->bins.lo;
  p->bin_hi = s->bins.hi;
  p->bin_inv = bin_factor (s);
  p->has_fq = s->has_fq;
  if (s->has_fq)
    {
      p->fq_low = s->fq.in_low;
      p->fq_high = s->fq.in_high;
      p->fq_width = s->fq.in_high - s->fq.in_low;
      p->fq_lm1 = (float) (s->fq.levels - 1);
      p->fq_none = s->fq.levels;
      p->fq_mask = s->fq.levels <= 256;
      fq_recip_params (p);
    }
}

/* The bin slot and the code of one finite value, as the reference. */
static guint
bin_slot (const QsStatsParams *p,
          float                x)
{
  float b;

  if (x < p->bin_lo)
    return QS_STATS_BIN_BELOW;
  if (x > p->bin_hi)
    return QS_STATS_BIN_ABOVE;
  b = (x - p->bin_lo) * p->bin_inv;
  return b >= QS_STATS_BINS - 1 ? QS_STATS_BINS - 1 : (guint) (int) b;
}

static guint32
fq_code (const QsStatsParams *p,
         float                x)
{
  float c;

  x = CLAMP (x, p->fq_low, p->fq_high);
  c = nearbyintf ((x - p->fq_low) / p->fq_width * p->fq_lm1);
  c = c >= 0.0f ? c : 0.0f;
  return (guint32) (c <= p->fq_lm1 ? c : p->fq_lm1);
}

/* A float's place in the order of the floats, as an integer (−0 just
 * below +0). */
static gint32
float_order (float x)
{
  gint32 i;

  memcpy (&i, &x, sizeof i);
  return i >= 0 ? i : (gint32) (G_MININT32 - i) - 1;
}

static float
float_of_order (gint32 k)
{
  gint32 i = k >= 0 ? k : (gint32) (G_MININT32 - (k + 1));
  float x;

  memcpy (&x, &i, sizeof x);
  return x;
}

/* The smallest float whose code is >= c, 1 <= c <= levels − 1: in_low has
 * code 0 and in_high code levels − 1, and the code is monotonic in x (every
 * step, clamps, float subtraction, division, multiplication and rounding,
 * is), so a bisection over the floats between them finds it. */
static float
code_threshold (const QsStatsParams *p,
                guint32              c)
{
  gint64 a = float_order (p->fq_low), b = float_order (p->fq_high);
  float guess = (float) (p->fq_low + ((double) c - 0.5) * ((double) p->fq_high - p->fq_low) / p->fq_lm1);
  gint64 g = float_order (isfinite (guess) ? CLAMP (guess, p->fq_low, p->fq_high) : p->fq_low);

  /* first a window of floats around where the boundary would be in exact
   * arithmetic, when it brackets the code (it mostly does) */
  if (g - 64 > a && g + 64 < b && fq_code (p, float_of_order ((gint32) (g - 64))) < c &&
      fq_code (p, float_of_order ((gint32) (g + 64))) >= c)
    {
      a = g - 64;
      b = g + 64;
    }
  while (b - a > 1)
    {
      gint64 m = a + (b - a) / 2;

      if (fq_code (p, float_of_order ((gint32) m)) >= c)
        b = m;
      else
        a = m;
    }
  return float_of_order ((gint32) b);
}

/* The first code at or after @from whose bit in @seen is @on (@end when
 * none before it). */
static guint32
next_code (const guint64 seen[4],
           guint32       from,
           guint32       end,
           gboolean      on)
{
  while (from < end)
    {
      guint64 w = on ? seen[from / 64] : ~seen[from / 64];

      w &= ~G_GUINT64_CONSTANT (0) << (from % 64);
      if (w != 0)
        return MIN (end, from / 64 * 64 + (guint32) __builtin_ctzll (w));
      from = (from / 64 + 1) * 64;
    }
  return end;
}

gboolean
_qs_stats_known_codes (const QsStatsParams *p,
                       const guint64        seen[4],
                       guint32              run[2],
                       float               *lo,
                       float               *hi)
{
  guint32 best = 0, best_len = 0, start, end, levels = p->fq_none;

  /* the runs of set bits, a word at a time */
  for (start = next_code (seen, 0, levels, TRUE); start < levels; start = next_code (seen, end, levels, TRUE))
    {
      end = next_code (seen, start, levels, FALSE);
      if (end - start > best_len)
        {
          best = start;
          best_len = end - start;
        }
    }
  if (best_len == 0)
    {
      *lo = INFINITY;
      *hi = -INFINITY;
      run[0] = run[1] = 0;
      return FALSE;
    }
  if (run[0] == best && run[1] == best + best_len)
    return FALSE;
  run[0] = best;
  run[1] = best + best_len;
  *lo = best == 0 ? -INFINITY : code_threshold (p, best);
  *hi = best + best_len == levels ? INFINITY : code_threshold (p, best + best_len);
  return TRUE;
}

/* The levels a pass has seen: a byte a level (stored from any thread
 * without a lock) up to this many levels, else the summary's bitmap with
 * atomic ORs. */
#define BYTE_MAP_MAX_LEVELS 65536

typedef struct
{
  guint8  *bytes;     /* levels + 1 (the last for NaN and infinities), or NULL */
  guint64 *bits;
  guint32  none;
} LevelMap;

/* With @bytes FALSE, or more levels than BYTE_MAP_MAX_LEVELS, marks go
 * straight to the summary's bitmap. */
static void
level_map_init (LevelMap        *m,
                const QsSummary *s,
                gboolean         bytes)
{
  memset (m, 0, sizeof *m);
  if (!s->has_fq)
    return;
  m->none = s->fq.levels;
  if (bytes && s->fq.levels <= BYTE_MAP_MAX_LEVELS)
    m->bytes = g_malloc0 (s->fq.levels + 1);
  else
    m->bits = s->levels_seen;
}

static inline void
level_map_mark (LevelMap *m,
                guint32   code)
{
  if (m->bytes != NULL)
    __atomic_store_n (&m->bytes[code], 1, __ATOMIC_RELAXED);
  else if (code != m->none)
    __atomic_fetch_or (&m->bits[code / 64], G_GUINT64_CONSTANT (1) << (code % 64), __ATOMIC_RELAXED);
}

static void
level_map_finish (LevelMap  *m,
                  QsSummary *s)
{
  guint32 c;

  if (m->bytes == NULL)
    return;
  for (c = 0; c < m->none; c++)
    if (m->bytes[c])
      s->levels_seen[c / 64] |= G_GUINT64_CONSTANT (1) << (c % 64);
  g_free (m->bytes);
}

/* A partial summary: one task's. */
typedef struct
{
  guint64 n, n_nan, n_inf, clipped_low, clipped_high;
  double  min, max, mean, m2;
  guint64 slots[QS_STATS_BIN_SLOTS];
} Part;

static void
part_add_moments (Part   *r,
                  guint64 n_b,
                  double  mean_b,
                  double  m2_b)
{
  _qs_stats_chan_merge (&r->n, &r->mean, &r->m2, n_b, mean_b, m2_b);
}

static void
summary_merge_part (QsSummary  *s,
                    const Part *r)
{
  guint i;

  s->n_nan += r->n_nan;
  s->n_inf += r->n_inf;
  s->min = MIN (s->min, r->min);
  s->max = MAX (s->max, r->max);
  merge_moments (s, r->n, r->mean, r->m2);
  if (s->has_bins)
    {
      for (i = 0; i < QS_STATS_BINS; i++)
        s->histogram[i] += r->slots[i];
      s->below += r->slots[QS_STATS_BIN_BELOW];
      s->above += r->slots[QS_STATS_BIN_ABOVE];
    }
  s->clipped_low += r->clipped_low;
  s->clipped_high += r->clipped_high;
}

/* What one tensor added to a summary, to be added again without reading
 * it (qs-stats-memo.c): the partial summaries in the order they were
 * merged, and the FakeQuantize levels the values map to. */
struct _QsSummaryRecord
{
  guint    n_parts;
  guint    alloc;
  Part    *parts;
  guint    n_words;
  guint64 *levels;
};

/* Merges @r into @s (when not NULL) and, with a record, keeps a copy of it. */
static void
merge_part (QsSummary       *s,
            QsSummaryRecord *rec,
            const Part      *r)
{
  if (s != NULL)
    summary_merge_part (s, r);
  if (rec == NULL)
    return;
  if (rec->n_parts == rec->alloc)
    {
      rec->alloc = MAX (4, 2 * rec->alloc);
      rec->parts = g_renew (Part, rec->parts, rec->alloc);
    }
  rec->parts[rec->n_parts++] = *r;
}

typedef struct
{
  const QsStatsKernels *k;
  const QsStatsParams  *p;
  gconstpointer         data;
  gsize                 n;
  Part                 *parts;
  LevelMap             *levels;
  guint64             (*counts)[256];   /* byte tensors: one table a task */
  guint64               seen[4];          /* levels <= 256: the codes seen */
  gboolean              is_i32;
  QsMomentsF32Func      moments_f32;      /* f32 moments alone: a task in one run */
} Job;

static void
part_init (Part *r)
{
  memset (r, 0, sizeof *r);
  r->min = INFINITY;
  r->max = -INFINITY;
}

/* What one task accumulates of one tensor, block by block. */
typedef struct
{
  QsStatsCounts counts;
  guint64 seen[4];
  guint64 known_seen[4];      /* what seen was when known_lo / known_hi were set */
  guint32 known_run[2];       /* the codes [run[0], run[1]) they are of */
  float   known_lo, known_hi;
  guint16 pairs[QS_STATS_PAIR_TABLES * QS_STATS_PAIRS];
  guint8  bins[QS_STATS_BLOCK] __attribute__ ((aligned (64)));
  guint32 codes[QS_STATS_BLOCK];
  float   as_float[QS_STATS_BLOCK];
} TaskAcc;

static void
task_begin (Job     *j,
            gsize    t,
            TaskAcc *a)
{
  gsize from = t * QS_STATS_TASK, n = MIN (QS_STATS_TASK, j->n - from);

  part_init (&j->parts[t]);
  /* the bin counts only with bins: a moments-only summary of many small
   * pieces (taken as an op writes them) spent a tenth of its time on them */
  if (j->p->has_bins)
    memset (a->counts.slots, 0, sizeof a->counts.slots);
  a->counts.pairs_used = FALSE;
  a->counts.pairs = NULL;
  /* the pair counters are worth clearing and folding for a few blocks */
  if (j->p->has_bins && n >= 4 * QS_STATS_BLOCK)
    {
      a->counts.pairs = a->pairs;
      memset (a->pairs, 0, sizeof a->pairs);
    }
  memset (a->seen, 0, sizeof a->seen);
  memset (a->known_seen, 0, sizeof a->known_seen);
  a->known_run[0] = a->known_run[1] = 0;
  a->known_lo = INFINITY;
  a->known_hi = -INFINITY;
}

/* Block [b, b + n) of an f32 tensor, or of an i32 tensor: the moments and
 * extremes of i32 values come from the integers (the sum exactly); only
 * when bins or codes are asked for do their values as float (what bins and
 * codes are computed from, as in the reference) go through the f32 pass. */
static void
task_block (Job     *j,
            gsize    t,
            TaskAcc *a,
            gsize    b,
            gsize    n)
{
  Part *r = &j->parts[t];
  QsStatsBlock blk;
  gsize i;

  /* the codes seen so far: a pass may skip the values known to map into
   * them (worked out again when a block found new ones) */
  memcpy (blk.seen, a->seen, sizeof blk.seen);
  if (j->p->has_fq && j->p->fq_mask && memcmp (a->seen, a->known_seen, sizeof a->seen) != 0)
    {
      _qs_stats_known_codes (j->p, a->seen, a->known_run, &a->known_lo, &a->known_hi);
      memcpy (a->known_seen, a->seen, sizeof a->seen);
    }
  blk.known_lo = a->known_lo;
  blk.known_hi = a->known_hi;
  if (j->is_i32)
    {
      const gint32 *x = (const gint32 *) j->data + b;
      gint64 sum;
      gint32 lo, hi;

      /* bins and codes from the float values; without them no float pass */
      if (j->p->has_bins || j->p->has_fq)
        {
          /* sixteen at a time, a fixed count the compiler makes vector
           * conversions of (a plain loop stayed scalar at -O2) */
          for (i = 0; i + 16 <= n; i += 16)
            {
              gsize k;

              for (k = 0; k < 16; k++)
                a->as_float[i + k] = (float) x[i + k];
            }
          for (; i < n; i++)
            a->as_float[i] = (float) x[i];
          j->k->summary_f32 (a->as_float, n, j->p, &blk, &a->counts, a->bins, a->codes);
        }
      else
        memset (&blk, 0, sizeof blk);
      j->k->moments_i32 (x, n, &sum, &blk.m2, &lo, &hi);
      blk.n = n;
      blk.n_nan = blk.n_inf = 0;
      blk.sum = (double) sum;
      r->min = MIN (r->min, (double) lo);
      r->max = MAX (r->max, (double) hi);
    }
  else
    {
      j->k->summary_f32 ((const float *) j->data + b, n, j->p, &blk, &a->counts, a->bins, a->codes);
      r->min = MIN (r->min, (double) blk.min);
      r->max = MAX (r->max, (double) blk.max);
    }
  r->n_nan += blk.n_nan;
  r->n_inf += blk.n_inf;
  r->clipped_low += blk.clipped_low;
  r->clipped_high += blk.clipped_high;
  if (blk.n > 0)
    part_add_moments (r, blk.n, blk.sum / (double) blk.n, blk.m2);
  if (j->p->has_fq && j->p->fq_mask)
    for (i = 0; i < 4; i++)
      a->seen[i] |= blk.seen[i];
  else if (j->p->has_fq)
    for (i = 0; i < n; i++)
      level_map_mark (j->levels, a->codes[i]);
}

static void
task_end (Job     *j,
          gsize    t,
          TaskAcc *a)
{
  Part *r = &j->parts[t];
  gsize i;

  if (a->counts.pairs_used)
    j->k->fold_pairs (&a->counts);

  for (i = 0; i < 4; i++)
    if (a->seen[i] != 0)
      __atomic_fetch_or (&j->seen[i], a->seen[i], __ATOMIC_RELAXED);
  if (!j->p->has_bins)
    return;   /* r->slots stay 0 */
  for (i = 0; i < QS_STATS_BIN_SLOTS; i++)
    {
      guint64 c = 0;
      gsize k;

      for (k = 0; k < QS_STATS_COUNT_TABLES; k++)
        c += a->counts.slots[k][i];
      r->slots[i] = c;
    }
}

/* A part of the moments alone of n f32 values, from one run over them
 * all (QsMomentsF32Func); FALSE when that does not stand. */
static gboolean
moments_part (QsMomentsF32Func  func,
              const float      *x,
              gsize             n,
              Part             *r)
{
  QsStatsBlock blk;

  if (!func (x, n, &blk))
    return FALSE;
  part_init (r);
  r->n = blk.n;
  r->min = blk.min;
  r->max = blk.max;
  r->mean = blk.sum / (double) blk.n;
  r->m2 = blk.m2;
  return TRUE;
}

static void
summary_task (gsize    t,
              gpointer data)
{
  Job *j = data;
  gsize from = t * QS_STATS_TASK, to = MIN (from + QS_STATS_TASK, j->n), b;
  TaskAcc a;

  if (j->moments_f32 != NULL && moments_part (j->moments_f32, (const float *) j->data + from, to - from,
                                              &j->parts[t]))
    return;
  task_begin (j, t, &a);
  for (b = from; b < to; b += QS_STATS_BLOCK)
    task_block (j, t, &a, b, MIN (QS_STATS_BLOCK, to - b));
  task_end (j, t, &a);
}

static void
byte_task (gsize    t,
           gpointer data)
{
  Job *j = data;
  const guint8 *x = j->data;
  gsize from = t * QS_STATS_TASK, to = MIN (from + QS_STATS_TASK, j->n), i;
  guint32 c[4][256];

  memset (c, 0, sizeof c);
  for (i = from; i + 8 <= to; i += 8)
    {
      guint64 w;

      if ((i & 63) == 0)
        __builtin_prefetch (x + i + 2048);
      memcpy (&w, x + i, sizeof w);
      c[0][w & 0xff]++;
      c[1][(w >> 8) & 0xff]++;
      c[2][(w >> 16) & 0xff]++;
      c[3][(w >> 24) & 0xff]++;
      c[0][(w >> 32) & 0xff]++;
      c[1][(w >> 40) & 0xff]++;
      c[2][(w >> 48) & 0xff]++;
      c[3][w >> 56]++;
    }
  for (; i < to; i++)
    c[0][x[i]]++;
  for (i = 0; i < 256; i++)
    j->counts[t][i] = (guint64) c[0][i] + c[1][i] + c[2][i] + c[3][i];
}

void
_qs_stats_run_tasks (gsize          n_elements,
                     gsize          n_tasks,
                     QsParallelFunc func,
                     gpointer       job)
{
  gsize t;

  if (n_elements >= QS_STATS_PARALLEL_MIN && n_tasks > 1)
    qs_parallel_for (n_tasks, func, job);
  else
    for (t = 0; t < n_tasks; t++)
      func (t, job);
}

/* A pass over n values in tasks of QS_STATS_TASK. */
static void
run_tasks (gsize          n,
           QsParallelFunc func,
           gpointer       job)
{
  _qs_stats_run_tasks (n, (n + QS_STATS_TASK - 1) / QS_STATS_TASK, func, job);
}

static void
job_setup (Job            *job,
           QsSummary      *s,
           const QsTensor *t,
           QsStatsParams  *p,
           LevelMap       *levels,
           Part           *one)
{
  gsize n_tasks = (t->n_elements + QS_STATS_TASK - 1) / QS_STATS_TASK;

  memset (job, 0, sizeof *job);
  _qs_stats_params (s, p);
  /* up to 256 levels the block passes keep the codes as a bit set */
  level_map_init (levels, s, !p->fq_mask);
  job->k = kernels ();
  job->p = p;
  job->data = t->data;
  job->n = t->n_elements;
  job->parts = n_tasks > 1 ? g_new (Part, n_tasks) : one;
  job->levels = levels;
  job->is_i32 = t->type == QS_ELEMENT_I32;
  if (t->type == QS_ELEMENT_F32 && !p->has_bins && !p->has_fq)
    job->moments_f32 = job->k->moments_f32;
}

static void
job_finish (Job             *job,
            QsSummary       *s,
            QsSummaryRecord *rec,
            Part            *one)
{
  gsize n_tasks = (job->n + QS_STATS_TASK - 1) / QS_STATS_TASK, i;

  for (i = 0; i < n_tasks; i++)
    merge_part (s, rec, &job->parts[i]);
  if (job->p->has_fq && job->p->fq_mask)
    for (i = 0; i < levels_words (s->fq.levels); i++)
      s->levels_seen[i] |= job->seen[i];
  level_map_finish (job->levels, s);
  if (job->parts != one)
    g_free (job->parts);
}

static void
summary_add_blocks (QsSummary       *s,
                    const QsTensor  *t,
                    QsSummaryRecord *rec)
{
  QsStatsParams p;
  LevelMap levels;
  Part one;
  Job job;

  job_setup (&job, s, t, &p, &levels, &one);
  run_tasks (t->n_elements, summary_task, &job);
  job_finish (&job, s, rec, &one);
}

typedef struct
{
  const QsStatsKernels *k;
  const guint8         *x;
  gsize                 n;
  guint8                flip;
  guint64              (*parts)[4];   /* Σu, Σu², min, max: one a task */
} ByteMomentsJob;

static void
byte_moments_task (gsize    t,
                   gpointer data)
{
  ByteMomentsJob *j = data;
  gsize from = t * QS_STATS_TASK, to = MIN (from + QS_STATS_TASK, j->n);
  guint8 lo, hi;

  j->k->moments_u8 (j->x + from, to - from, j->flip, &j->parts[t][0], &j->parts[t][1], &lo, &hi);
  j->parts[t][2] = lo;
  j->parts[t][3] = hi;
}

/* The moments alone of a byte tensor (no bins, no codes): integer sums
 * of u (i8 values v as u = v + 128), exact, and m2 = (n Σu² − (Σu)²) / n
 * from an exact 128-bit numerator. */
static void
summary_add_byte_moments (QsSummary       *s,
                          const QsTensor  *t,
                          QsSummaryRecord *rec)
{
  gsize n_tasks = (t->n_elements + QS_STATS_TASK - 1) / QS_STATS_TASK, i;
  guint64 one[4], (*parts)[4] = n_tasks > 1 ? g_malloc (n_tasks * sizeof *parts) : &one;
  gboolean is_signed = t->type == QS_ELEMENT_I8;
  ByteMomentsJob job = { kernels (), t->data, t->n_elements, is_signed ? 0x80 : 0, parts };
  guint64 sum = 0, sumsq = 0, lo = 255, hi = 0, n = t->n_elements;
  unsigned __int128 num;
  int off = is_signed ? -128 : 0;
  Part r;

  if (n == 0)
    return;
  run_tasks (n, byte_moments_task, &job);
  for (i = 0; i < n_tasks; i++)
    {
      sum += parts[i][0];
      sumsq += parts[i][1];
      lo = MIN (lo, parts[i][2]);
      hi = MAX (hi, parts[i][3]);
    }
  if (parts != &one)
    g_free (parts);
  part_init (&r);
  r.n = n;
  r.min = (double) ((int) lo + off);
  r.max = (double) ((int) hi + off);
  r.mean = (double) ((gint64) sum + (gint64) n * off) / (double) n;
  num = (unsigned __int128) n * sumsq - (unsigned __int128) sum * sum;
  r.m2 = (double) num / (double) n;
  merge_part (s, rec, &r);
}

/* Every figure of a byte tensor from the count of each of its 256 values. */
static void
summary_add_bytes (QsSummary       *s,
                   const QsTensor  *t,
                   QsSummaryRecord *rec)
{
  gsize n_tasks = (t->n_elements + QS_STATS_TASK - 1) / QS_STATS_TASK, i, v;
  guint64 total[256] = { 0 }, (*counts)[256] = g_malloc (MAX (n_tasks, 1) * sizeof *counts);
  gboolean is_signed = t->type == QS_ELEMENT_I8;
  QsStatsParams p;
  LevelMap levels;
  Job job = { NULL, &p, t->data, t->n_elements, NULL, NULL, counts };
  Part r;
  gint64 sum = 0;

  _qs_stats_params (s, &p);
  run_tasks (t->n_elements, byte_task, &job);
  for (i = 0; i < n_tasks; i++)
    for (v = 0; v < 256; v++)
      total[v] += counts[i][v];
  g_free (counts);

  part_init (&r);
  level_map_init (&levels, s, FALSE);   /* one thread, 256 marks at most */
  for (v = 0; v < 256; v++)
    {
      guint64 c = total[v];
      int value = is_signed ? (int) (gint8) v : (int) v;

      if (c == 0)
        continue;
      r.n += c;
      sum += (gint64) c * value;
      r.min = MIN (r.min, (double) value);
      r.max = MAX (r.max, (double) value);
      if (p.has_bins)
        r.slots[bin_slot (&p, (float) value)] += c;
      if (p.has_fq)
        {
          r.clipped_low += (float) value < p.fq_low ? c : 0;
          r.clipped_high += (float) value > p.fq_high ? c : 0;
          level_map_mark (&levels, fq_code (&p, (float) value));
        }
    }
  if (r.n > 0)
    {
      r.mean = (double) sum / (double) r.n;
      for (v = 0; v < 256; v++)
        if (total[v] > 0)
          {
            double d = (is_signed ? (double) (gint8) v : (double) v) - r.mean;

            r.m2 += (double) total[v] * d * d;
          }
    }
  merge_part (s, rec, &r);
  level_map_finish (&levels, s);
}

/* The moments alone of an f32 tensor of one task (what an op's written
 * slice or a small layer asks): one run of the ISA's pass, merged as its
 * one part would be, without the job around it; FALSE when the pass is
 * not there or its sums do not stand. */
static gboolean
summary_add_moments_one (QsSummary       *s,
                         const QsTensor  *t,
                         QsSummaryRecord *rec)
{
  QsMomentsF32Func func = kernels ()->moments_f32;
  QsStatsBlock blk;
  Part r;

  if (func == NULL || t->n_elements == 0 || !func (t->data, t->n_elements, &blk))
    return FALSE;
  if (rec != NULL)
    {
      part_init (&r);
      r.n = blk.n;
      r.min = blk.min;
      r.max = blk.max;
      r.mean = blk.sum / (double) blk.n;
      r.m2 = blk.m2;
      merge_part (s, rec, &r);
      return TRUE;
    }
  /* summary_merge_part() of that part: its counts of non-finite and
   * clipped values are 0, it has no bins */
  s->min = MIN (s->min, (double) blk.min);
  s->max = MAX (s->max, (double) blk.max);
  merge_moments (s, blk.n, blk.sum / (double) blk.n, blk.m2);
  return TRUE;
}

/* qs_summary_add_tensor() of the types with a fast pass, recording what
 * is merged into @rec when not NULL; FALSE for other types. */
static gboolean
summary_add_fast (QsSummary       *s,
                  const QsTensor  *t,
                  QsSummaryRecord *rec)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32:
      if (s->has_bins || s->has_fq || t->n_elements > QS_STATS_TASK || !summary_add_moments_one (s, t, rec))
        summary_add_blocks (s, t, rec);
      break;
    case QS_ELEMENT_I32:
      summary_add_blocks (s, t, rec);
      break;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      if (!s->has_bins && !s->has_fq)
        summary_add_byte_moments (s, t, rec);
      else
        summary_add_bytes (s, t, rec);
      break;
    default:
      return FALSE;
    }
  s->min += 0.0;
  s->max += 0.0;
  return TRUE;
}

void
qs_summary_add_tensor (QsSummary      *s,
                       const QsTensor *t)
{
  if (!summary_add_fast (s, t, NULL))
    _qs_summary_add_tensor_ref (s, t);
}

QsSummaryRecord *
_qs_summary_record_new (void)
{
  return g_new0 (QsSummaryRecord, 1);
}

void
_qs_summary_record_free (QsSummaryRecord *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->parts);
  g_free (rec->levels);
  g_free (rec);
}

void
_qs_summary_record_copy (QsSummaryRecord       *dest,
                         const QsSummaryRecord *src)
{
  if (dest->alloc < src->n_parts)
    {
      dest->alloc = src->n_parts;
      dest->parts = g_renew (Part, dest->parts, dest->alloc);
    }
  if (src->n_parts > 0)
    memcpy (dest->parts, src->parts, src->n_parts * sizeof (Part));
  dest->n_parts = src->n_parts;
  g_free (dest->levels);
  dest->levels = src->levels != NULL ? g_memdup2 (src->levels, src->n_words * sizeof (guint64)) : NULL;
  dest->n_words = src->levels != NULL ? src->n_words : 0;
}

gboolean
_qs_summary_add_tensor_record (QsSummary       *s,
                               const QsTensor  *t,
                               QsSummaryRecord *rec)
{
  QsSummary fresh;

  rec->n_parts = 0;
  g_clear_pointer (&rec->levels, g_free);
  rec->n_words = 0;
  /* the levels this tensor alone maps to: its pass into an empty summary
   * of the same bins and range, whose parts are the ones @s would get */
  qs_summary_init (&fresh, s->has_bins ? &s->bins : NULL, s->has_fq ? &s->fq : NULL);
  if (!summary_add_fast (&fresh, t, rec))
    {
      qs_summary_clear (&fresh);
      _qs_summary_add_tensor_ref (s, t);
      return FALSE;
    }
  if (fresh.has_fq)
    {
      rec->levels = g_steal_pointer (&fresh.levels_seen);
      rec->n_words = levels_words (fresh.fq.levels);
    }
  qs_summary_clear (&fresh);
  _qs_summary_record_apply (s, rec);
  return TRUE;
}

void
_qs_summary_record_set (QsSummaryRecord *rec,
                        const QsSummary *from)
{
  Part r;
  guint i;

  part_init (&r);
  r.n = from->n;
  r.n_nan = from->n_nan;
  r.n_inf = from->n_inf;
  r.clipped_low = from->clipped_low;
  r.clipped_high = from->clipped_high;
  r.min = from->min;
  r.max = from->max;
  r.mean = from->mean;
  r.m2 = from->m2;
  if (from->has_bins)
    {
      for (i = 0; i < QS_STATS_BINS; i++)
        r.slots[i] = from->histogram[i];
      r.slots[QS_STATS_BIN_BELOW] = from->below;
      r.slots[QS_STATS_BIN_ABOVE] = from->above;
    }
  rec->n_parts = 0;
  merge_part (NULL, rec, &r);
  g_clear_pointer (&rec->levels, g_free);
  rec->n_words = 0;
  if (from->has_fq && from->levels_seen != NULL)
    {
      rec->n_words = levels_words (from->fq.levels);
      rec->levels = g_memdup2 (from->levels_seen, rec->n_words * sizeof (guint64));
    }
}

void
_qs_summary_record_apply (QsSummary             *s,
                          const QsSummaryRecord *rec)
{
  guint i;

  for (i = 0; i < rec->n_parts; i++)
    summary_merge_part (s, &rec->parts[i]);
  if (s->has_fq && rec->levels != NULL)
    for (i = 0; i < MIN (rec->n_words, levels_words (s->fq.levels)); i++)
      s->levels_seen[i] |= rec->levels[i];
  s->min += 0.0;
  s->max += 0.0;
}

static void
min_max_task (gsize    t,
              gpointer data)
{
  Job *j = data;
  gsize from = t * QS_STATS_TASK, to = MIN (from + QS_STATS_TASK, j->n);
  float lo = INFINITY, hi = -INFINITY;

  j->k->min_max_f32 ((const float *) j->data + from, to - from, &lo, &hi);
  j->parts[t].min = lo;
  j->parts[t].max = hi;
}

gboolean
qs_tensor_min_max (const QsTensor *t,
                   double         *min,
                   double         *max)
{
  double lo = INFINITY, hi = -INFINITY;
  gsize i;

  switch (t->type)
    {
    case QS_ELEMENT_F32:
      {
        gsize n_tasks = (t->n_elements + QS_STATS_TASK - 1) / QS_STATS_TASK;
        Part one, *parts = n_tasks > 1 ? g_new (Part, n_tasks) : &one;
        Job job = { kernels (), NULL, t->data, t->n_elements, parts, NULL, NULL };

        run_tasks (t->n_elements, min_max_task, &job);
        for (i = 0; i < n_tasks; i++)
          {
            lo = MIN (lo, parts[i].min);
            hi = MAX (hi, parts[i].max);
          }
        if (parts != &one)
          g_free (parts);
      }
      break;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_BOOLEAN:
    case QS_ELEMENT_I8:
      {
        /* through the byte moments (i8 flipped to v + 128): their extremes
         * are exact, and the pass is vector code where a plain loop of
         * MIN / MAX was not */
        const QsStatsKernels *k = kernels ();
        guint8 flip = t->type == QS_ELEMENT_I8 ? 0x80 : 0, l = 255, h = 0;

        for (i = 0; i < t->n_elements; i += QS_STATS_TASK)
          {
            guint64 sum, sumsq;
            guint8 cl, ch;

            k->moments_u8 ((const guint8 *) t->data + i, MIN (QS_STATS_TASK, t->n_elements - i),
                           flip, &sum, &sumsq, &cl, &ch);
            l = MIN (l, cl);
            h = MAX (h, ch);
          }
        if (t->n_elements > 0)
          {
            lo = (double) l - (flip ? 128 : 0);
            hi = (double) h - (flip ? 128 : 0);
          }
      }
      break;
    case QS_ELEMENT_I32:
      {
        /* the i32 moments' extremes (exact) */
        const QsStatsKernels *k = kernels ();
        gint32 l = G_MAXINT32, h = G_MININT32;

        for (i = 0; i < t->n_elements; i += QS_STATS_BLOCK)
          {
            gint64 sum;
            double m2;
            gint32 cl, ch;

            k->moments_i32 ((const gint32 *) t->data + i, MIN (QS_STATS_BLOCK, t->n_elements - i),
                            &sum, &m2, &cl, &ch);
            l = MIN (l, cl);
            h = MAX (h, ch);
          }
        if (t->n_elements > 0)
          lo = l, hi = h;
      }
      break;
    default:
      return _qs_tensor_min_max_ref (t, min, max);
    }
  *min = lo + 0.0;
  *max = hi + 0.0;
  return lo <= hi;
}

typedef struct
{
  const QsStatsKernels *k;
  const float          *x, *y;
  gsize                 n;
  QsErrorSums          *parts;
} ErrorJob;

static void
error_task (gsize    t,
            gpointer data)
{
  ErrorJob *j = data;
  gsize from = t * QS_STATS_TASK, to = MIN (from + QS_STATS_TASK, j->n);

  memset (&j->parts[t], 0, sizeof j->parts[t]);
  for (; from < to; from += QS_STATS_BLOCK)
    j->k->error_f32 (j->x + from, j->y + from, MIN (QS_STATS_BLOCK, to - from), &j->parts[t]);
}

gboolean
qs_error_sums_add (QsErrorSums    *e,
                   const QsTensor *x,
                   const QsTensor *y)
{
  gsize n = x->n_elements, n_tasks, t;
  QsErrorSums one, *parts;
  ErrorJob job;

  if (n != y->n_elements)
    return FALSE;
  if (x->type != QS_ELEMENT_F32 || y->type != QS_ELEMENT_F32)
    return _qs_error_sums_add_ref (e, x, y);
  n_tasks = (n + QS_STATS_TASK - 1) / QS_STATS_TASK;
  parts = n_tasks > 1 ? g_new (QsErrorSums, n_tasks) : &one;
  job = (ErrorJob) { kernels (), x->data, y->data, n, parts };
  if (n >= QS_STATS_PARALLEL_MIN && n_tasks > 1)
    qs_parallel_for (n_tasks, error_task, &job);
  else
    for (t = 0; t < n_tasks; t++)
      error_task (t, &job);
  for (t = 0; t < n_tasks; t++)
    qs_error_sums_merge (e, &parts[t]);
  if (parts != &one)
    g_free (parts);
  return TRUE;
}

/* ---- both modes of a layer at once ---- */

typedef struct
{
  Job          x, y;
  ErrorJob     e;
} PairJob;

static void
pair_task (gsize    t,
           gpointer data)
{
  PairJob *j = data;
  gsize from = t * QS_STATS_TASK, to = MIN (from + QS_STATS_TASK, j->x.n), b;
  TaskAcc a[2];

  task_begin (&j->x, t, &a[0]);
  task_begin (&j->y, t, &a[1]);
  memset (&j->e.parts[t], 0, sizeof j->e.parts[t]);
  /* each block read from memory once, then from the cache */
  for (b = from; b < to; b += QS_STATS_BLOCK)
    {
      gsize n = MIN (QS_STATS_BLOCK, to - b);

      task_block (&j->x, t, &a[0], b, n);
      task_block (&j->y, t, &a[1], b, n);
      j->e.k->error_f32 (j->e.x + b, j->e.y + b, n, &j->e.parts[t]);
    }
  task_end (&j->x, t, &a[0]);
  task_end (&j->y, t, &a[1]);
}

gboolean
qs_summary_add_pair (QsSummary      *sx,
                     QsSummary      *sy,
                     QsErrorSums    *e,
                     const QsTensor *x,
                     const QsTensor *y)
{
  gsize n = x->n_elements, n_tasks, t;
  QsStatsParams px, py;
  LevelMap lx, ly;
  Part one_x, one_y;
  QsErrorSums one_e;
  PairJob job;

  if (x->type != QS_ELEMENT_F32 || y->type != QS_ELEMENT_F32 || n != y->n_elements)
    {
      qs_summary_add_tensor (sx, x);
      qs_summary_add_tensor (sy, y);
      return qs_error_sums_add (e, x, y);
    }
  n_tasks = (n + QS_STATS_TASK - 1) / QS_STATS_TASK;
  job_setup (&job.x, sx, x, &px, &lx, &one_x);
  job_setup (&job.y, sy, y, &py, &ly, &one_y);
  job.e = (ErrorJob) { job.x.k, x->data, y->data, n, n_tasks > 1 ? g_new (QsErrorSums, n_tasks) : &one_e };
  run_tasks (n, pair_task, &job);
  job_finish (&job.x, sx, NULL, &one_x);
  job_finish (&job.y, sy, NULL, &one_y);
  for (t = 0; t < n_tasks; t++)
    qs_error_sums_merge (e, &job.e.parts[t]);
  if (job.e.parts != &one_e)
    g_free (job.e.parts);
  sx->min += 0.0;
  sx->max += 0.0;
  sy->min += 0.0;
  sy->max += 0.0;
  return TRUE;
}

/* ---- for qs-stats-derive.c ---- */

void
_qs_summary_merge_moments (QsSummary *s,
                           guint64    n,
                           double     mean,
                           double     m2,
                           double     min,
                           double     max)
{
  if (n == 0)
    return;
  s->min = MIN (s->min, min);
  s->max = MAX (s->max, max);
  merge_moments (s, n, mean, m2);
}
