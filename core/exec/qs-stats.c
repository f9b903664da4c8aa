/* qs-stats.c — tensor statistics and errors between modes
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Sums are in double; NaN and infinities are counted apart and left out.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-stats.h"

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
qs_tensor_stats_compute (const QsTensor  *t,
                         const QsFqRange *fq,
                         QsTensorStats   *s)
{
  double sum = 0, sq = 0;
  gsize i;
  guint64 clipped = 0;
  guint8 *used = NULL;

  memset (s, 0, sizeof *s);
  s->min = INFINITY;
  s->max = -INFINITY;
  if (fq != NULL && fq->levels >= 2 && fq->in_high > fq->in_low && fq->levels <= (1u << 20))
    {
      s->has_fq = TRUE;
      s->fq = *fq;
      used = g_malloc0 (fq->levels);
    }
  for (i = 0; i < t->n_elements; i++)
    {
      double v = qs_tensor_get_f64 (t, i);
      if (!isfinite (v))
        {
          s->n_nonfinite++;
          continue;
        }
      s->n++;
      sum += v;
      s->min = MIN (s->min, v);
      s->max = MAX (s->max, v);
      if (used != NULL)
        {
          float x = (float) v, lm1 = (float) (fq->levels - 1);
          float c;
          if (x <= fq->in_low || x > fq->in_high)
            clipped += (x < fq->in_low || x > fq->in_high);
          x = CLAMP (x, fq->in_low, fq->in_high);
          c = nearbyintf ((x - fq->in_low) / (fq->in_high - fq->in_low) * lm1);
          used[(guint) CLAMP (c, 0, lm1)] = 1;
        }
    }
  if (s->n == 0)
    {
      s->min = s->max = 0;
      g_free (used);
      return;
    }
  s->mean = sum / s->n;
  for (i = 0; i < t->n_elements; i++)
    {
      double v = qs_tensor_get_f64 (t, i);
      if (isfinite (v))
        {
          sq += (v - s->mean) * (v - s->mean);
          s->histogram[qs_tensor_stats_bin (s, v)]++;
        }
    }
  s->std = sqrt (sq / s->n);
  if (used != NULL)
    {
      for (i = 0; i < fq->levels; i++)
        s->levels_used += used[i];
      s->clipped = (double) clipped / s->n;
      g_free (used);
    }
}

gboolean
qs_tensor_error_compute (const QsTensor *x,
                         const QsTensor *y,
                         QsTensorError  *e)
{
  double nx = 0, ny = 0, nd = 0, dot = 0, mx = 0;
  gsize i;

  memset (e, 0, sizeof *e);
  if (x->n_elements != y->n_elements)
    return FALSE;
  for (i = 0; i < x->n_elements; i++)
    {
      double a = qs_tensor_get_f64 (x, i), b = qs_tensor_get_f64 (y, i), d = a - b;
      nx += a * a;
      ny += b * b;
      nd += d * d;
      dot += a * b;
      mx = MAX (mx, fabs (d));
    }
  e->mse = x->n_elements > 0 ? nd / x->n_elements : 0;
  e->max_abs = mx;
  e->nmse = nx > 0 ? nd / nx : (nd > 0 ? INFINITY : 0);
  e->sqnr_db = nd == 0 ? INFINITY : (nx == 0 ? -INFINITY : 10.0 * log10 (nx / nd));
  e->cosine = (nx > 0 && ny > 0) ? dot / sqrt (nx * ny) : (nx == ny ? 1.0 : 0.0);
  return TRUE;
}

gboolean
qs_tensor_step_error (const QsTensor *x,
                      const QsTensor *y,
                      double          step,
                      QsStepError    *e)
{
  double sum = 0;
  gsize i, differ = 0;

  memset (e, 0, sizeof *e);
  if (x->n_elements != y->n_elements || step <= 0)
    return FALSE;
  for (i = 0; i < x->n_elements; i++)
    {
      double d = fabs (qs_tensor_get_f64 (x, i) - qs_tensor_get_f64 (y, i)) / step;
      e->max_steps = MAX (e->max_steps, d);
      sum += d;
      differ += d != 0;
    }
  if (x->n_elements > 0)
    {
      e->mean_steps = sum / x->n_elements;
      e->share_differ = (double) differ / x->n_elements;
    }
  return TRUE;
}
