/* qs-stats.c — tensor statistics and errors between modes
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * This file is the reference of what the passes compute (see qs-stats.h).
 * A tensor is read in chunks; each chunk's count, sum, extremes, bins and
 * codes come from one pass over it, its squared deviations from its own
 * mean from a second pass while it is still in cache, and the chunk is
 * merged into the summary with the pairwise update of Chan, Golub and
 * LeVeque, so the variance stays accurate when the mean is large against
 * the spread (a plain Σx² − n·mean² would cancel).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-stats.h"

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

/* Chan et al.: the moments of the union of two parts. */
static void
merge_moments (QsSummary *s,
               guint64    n_b,
               double     mean_b,
               double     m2_b)
{
  double n_a = (double) s->n, n = n_a + (double) n_b, delta;

  if (n_b == 0)
    return;
  if (s->n == 0)
    {
      s->mean = mean_b;
      s->m2 = m2_b;
      s->n = n_b;
      return;
    }
  delta = mean_b - s->mean;
  s->mean += delta * ((double) n_b / n);
  s->m2 += m2_b + delta * delta * (n_a * (double) n_b / n);
  s->n += n_b;
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
              int b = (int) ((xf - s->bins.lo) * bin_inv);
              s->histogram[MIN (b, QS_STATS_BINS - 1)]++;
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
          code = (guint) CLAMP (c, 0.0f, lm1);
          s->levels_seen[code / 64] |= G_GUINT64_CONSTANT (1) << (code % 64);
        }
    }
  s->min = lo;
  s->max = hi;
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
qs_summary_add_tensor (QsSummary      *s,
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
qs_tensor_min_max (const QsTensor *t,
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
  *min = lo;
  *max = hi;
  return lo <= hi;
}

/* ---- errors ---- */

gboolean
qs_error_sums_add (QsErrorSums    *e,
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
