/* qs-stats-derive.c — summaries derived from the integer moments of rows
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The rows' moments come from the integer passes of the statistics
 * (moments_u8, moments_i32 of the ISA in use), whose results are exact
 * integers apart from the i32 m2; see qs-stats-derive.h for what follows
 * from them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-stats-derive.h"
#include "qs-stats-private.h"

typedef struct
{
  const QsStatsKernels *k;
  const QsTensor       *t;
  gsize                 inner;
  gsize                 n_rows;
  gsize                 per_task;
  QsRowMoments         *rows;
} RowJob;

static void
row_bytes (const QsStatsKernels *k,
           const guint8         *x,
           gsize                 n,
           gboolean              is_signed,
           QsRowMoments         *m)
{
  guint64 sum = 0, sumsq = 0;
  guint8 lo = 255, hi = 0;
  gsize i;

  for (i = 0; i < n; i += QS_STATS_TASK)
    {
      guint64 s, q;
      guint8 l, h;

      k->moments_u8 (x + i, MIN (QS_STATS_TASK, n - i), is_signed ? 0x80 : 0, &s, &q, &l, &h);
      sum += s;
      sumsq += q;
      lo = MIN (lo, l);
      hi = MAX (hi, h);
    }
  m->n = n;
  m->sumsq = sumsq;
  /* u = v + 128 for i8 */
  m->sum = (gint64) sum - (is_signed ? 128 * (gint64) n : 0);
  m->min = (gint64) lo - (is_signed ? 128 : 0);
  m->max = (gint64) hi - (is_signed ? 128 : 0);
  m->m2 = (double) ((unsigned __int128) n * sumsq - (unsigned __int128) sum * sum) / (double) n;
}

static void
row_i32 (const QsStatsKernels *k,
         const gint32         *x,
         gsize                 n,
         QsRowMoments         *m)
{
  gint64 sum = 0;
  double m2 = 0;
  gint32 lo = G_MAXINT32, hi = G_MININT32;
  gsize i;

  for (i = 0; i < n; i += QS_STATS_BLOCK)
    {
      gsize c = MIN (QS_STATS_BLOCK, n - i);
      gint64 s;
      double q;
      gint32 l, h;

      k->moments_i32 (x + i, c, &s, &q, &l, &h);
      /* Chan's merge of the block into the row so far */
      if (i == 0)
        m2 = q;
      else
        {
          double delta = (double) s / (double) c - (double) sum / (double) i;

          m2 += q + delta * delta * ((double) i * (double) c / (double) (i + c));
        }
      sum += s;
      lo = MIN (lo, l);
      hi = MAX (hi, h);
    }
  m->n = n;
  m->sum = sum;
  m->sumsq = 0;
  m->m2 = m2;
  m->min = lo;
  m->max = hi;
}

static void
row_task (gsize    task,
          gpointer data)
{
  RowJob *j = data;
  gsize r, end = MIN (j->n_rows, (task + 1) * j->per_task);

  for (r = task * j->per_task; r < end; r++)
    {
      QsRowMoments *m = &j->rows[r];
      gsize n = MIN (j->inner, j->t->n_elements - r * j->inner);

      switch (j->t->type)
        {
        case QS_ELEMENT_U8:
        case QS_ELEMENT_I8:
          row_bytes (j->k, (const guint8 *) j->t->data + r * j->inner, n, j->t->type == QS_ELEMENT_I8, m);
          break;
        default:
          row_i32 (j->k, (const gint32 *) j->t->data + r * j->inner, n, m);
          break;
        }
    }
}

gboolean
qs_row_moments_compute (const QsTensor *t,
                        gsize           inner,
                        QsRowMoments   *rows)
{
  RowJob job;
  gsize n_tasks;

  if (t->type != QS_ELEMENT_U8 && t->type != QS_ELEMENT_I8 && t->type != QS_ELEMENT_I32)
    return FALSE;
  if (inner == 0)
    return FALSE;
  job.k = _qs_stats_kernels (qs_kernels_get_isa ());
  job.t = t;
  job.inner = inner;
  job.n_rows = (t->n_elements + inner - 1) / inner;
  /* tasks of whole rows, about QS_STATS_TASK values each; each row's
   * figures are its own, so the cut changes nothing */
  job.per_task = MAX (1, QS_STATS_TASK / inner);
  job.rows = rows;
  n_tasks = (job.n_rows + job.per_task - 1) / job.per_task;
  _qs_stats_run_tasks (t->n_elements, n_tasks, row_task, &job);
  return TRUE;
}

static gboolean
moments_only (const QsSummary *s)
{
  return !s->has_bins && !s->has_fq;
}

/* A moments-only part of n values, merged into @s. */
static void
merge_moments_part (QsSummary *s,
                    guint64    n,
                    double     mean,
                    double     m2,
                    double     min,
                    double     max)
{
  _qs_summary_merge_moments (s, n, mean, m2 > 0 ? m2 : 0.0, min, max);
}

gboolean
qs_summary_add_rows (QsSummary          *s,
                     const QsRowMoments *rows,
                     gsize               n_rows,
                     QsElementType       type)
{
  gsize r;

  if (!moments_only (s))
    return FALSE;
  if (type == QS_ELEMENT_U8 || type == QS_ELEMENT_I8)
    {
      /* the totals, exact, as the byte pass of qs-stats.c takes them:
       * Σu and Σu² of u = v − off (off = −128 for i8) */
      guint64 n = 0, sum_u = 0, sumsq = 0;
      gint64 lo = G_MAXINT64, hi = G_MININT64, off = type == QS_ELEMENT_I8 ? -128 : 0;
      unsigned __int128 num;

      for (r = 0; r < n_rows; r++)
        {
          if (rows[r].n == 0)
            continue;
          n += rows[r].n;
          sum_u += (guint64) (rows[r].sum - off * (gint64) rows[r].n);
          sumsq += rows[r].sumsq;
          lo = MIN (lo, rows[r].min);
          hi = MAX (hi, rows[r].max);
        }
      if (n == 0)
        return TRUE;
      num = (unsigned __int128) n * sumsq - (unsigned __int128) sum_u * sum_u;
      merge_moments_part (s, n, (double) ((gint64) sum_u + (gint64) n * off) / (double) n,
                          (double) num / (double) n, (double) lo, (double) hi);
    }
  else
    for (r = 0; r < n_rows; r++)
      merge_moments_part (s, rows[r].n, (double) rows[r].sum / (double) rows[r].n, rows[r].m2,
                          (double) rows[r].min, (double) rows[r].max);
  s->min += 0.0;
  s->max += 0.0;
  return TRUE;
}

gboolean
qs_summary_add_affine_rows (QsSummary          *s,
                            const QsRowMoments *rows,
                            const QsAffineRow  *affine,
                            gsize               n_rows)
{
  QsSummary acc;
  gsize r;

  if (!moments_only (s))
    return FALSE;
  /* the values of a row lie between the op's values of its extremes (the
   * op is monotonic in v), so finite ends make every value finite: codes
   * and accumulators are finite, and only an overflow of the float
   * arithmetic could make a NaN or an infinity */
  for (r = 0; r < n_rows; r++)
    if (rows[r].n > 0 && (!isfinite (affine[r].at_min) || !isfinite (affine[r].at_max) ||
                          !isfinite (affine[r].scale) || !isfinite (affine[r].zero_point) ||
                          !isfinite (affine[r].shift)))
      return FALSE;
  qs_summary_init (&acc, NULL, NULL);
  for (r = 0; r < n_rows; r++)
    {
      const QsRowMoments *m = &rows[r];
      const QsAffineRow *a = &affine[r];
      double n = (double) m->n, centred;

      if (m->n == 0)
        continue;
      /* mean (v) − zero_point, with one rounding when both are integers */
      if (a->zero_point == floor (a->zero_point) && fabs (a->zero_point) < 0x1p31)
        centred = (double) ((__int128) m->sum - (__int128) m->n * (gint64) a->zero_point) / n;
      else
        centred = ((double) m->sum - n * a->zero_point) / n;
      merge_moments_part (&acc, m->n, centred * a->scale + a->shift, a->scale * a->scale * m->m2,
                          MIN (a->at_min, a->at_max), MAX (a->at_min, a->at_max));
    }
  acc.min += 0.0;
  acc.max += 0.0;
  qs_summary_merge (s, &acc);
  s->min += 0.0;
  s->max += 0.0;
  return TRUE;
}

/* ---- f32 rows ---- */

typedef struct
{
  const QsStatsKernels *k;
  QsStatsParams         p;          /* moments only */
  const float          *x;
  gsize                 n_elements;
  gsize                 inner;
  gsize                 n_rows;
  gsize                 per_task;
  QsRowMomentsF32      *rows;
} RowJobF32;

/* A part (n_b values) merged into the row so far. */
static void
row_merge (QsRowMomentsF32 *m,
           guint64          n_b,
           double           mean_b,
           double           m2_b)
{
  _qs_stats_chan_merge (&m->n, &m->mean, &m->m2, n_b, mean_b, m2_b);
}

static void
row_f32_task (gsize    task,
              gpointer data)
{
  RowJobF32 *j = data;
  gsize r, end = MIN (j->n_rows, (task + 1) * j->per_task);
  /* scratch the pass may write (moments only: it does not, but its
   * contract says so); one a task */
  QsStatsCounts counts = { 0 };
  guint8 bins[QS_STATS_BLOCK] __attribute__ ((aligned (64)));
  guint32 codes[QS_STATS_BLOCK];

  for (r = task * j->per_task; r < end; r++)
    {
      QsRowMomentsF32 *m = &j->rows[r];
      const float *x = j->x + r * j->inner;
      gsize n = MIN (j->inner, j->n_elements - r * j->inner), b;

      memset (m, 0, sizeof *m);
      m->min = INFINITY;
      m->max = -INFINITY;
      for (b = 0; b < n; b += QS_STATS_BLOCK)
        {
          QsStatsBlock blk;

          memset (&blk, 0, sizeof blk);
          blk.known_lo = INFINITY;
          blk.known_hi = -INFINITY;
          j->k->summary_f32 (x + b, MIN (QS_STATS_BLOCK, n - b), &j->p, &blk, &counts, bins, codes);
          m->n_nan += blk.n_nan;
          m->n_inf += blk.n_inf;
          m->min = MIN (m->min, blk.min);
          m->max = MAX (m->max, blk.max);
          if (blk.n > 0)
            row_merge (m, blk.n, blk.sum / (double) blk.n, blk.m2);
        }
    }
}

gboolean
qs_row_moments_compute_f32 (const QsTensor  *t,
                            gsize            inner,
                            QsRowMomentsF32 *rows)
{
  RowJobF32 job;
  QsSummary none;
  gsize n_tasks;

  if (t->type != QS_ELEMENT_F32 || inner == 0)
    return FALSE;
  qs_summary_init (&none, NULL, NULL);
  _qs_stats_params (&none, &job.p);
  job.k = _qs_stats_kernels (qs_kernels_get_isa ());
  job.x = t->data;
  job.n_elements = t->n_elements;
  job.inner = inner;
  job.n_rows = (t->n_elements + inner - 1) / inner;
  job.per_task = MAX (1, QS_STATS_TASK / inner);
  job.rows = rows;
  n_tasks = (job.n_rows + job.per_task - 1) / job.per_task;
  _qs_stats_run_tasks (t->n_elements, n_tasks, row_f32_task, &job);
  return TRUE;
}

gboolean
qs_summary_add_rows_f32 (QsSummary             *s,
                         const QsRowMomentsF32 *rows,
                         gsize                  n_rows)
{
  gsize r;

  if (!moments_only (s))
    return FALSE;
  for (r = 0; r < n_rows; r++)
    {
      s->n_nan += rows[r].n_nan;
      s->n_inf += rows[r].n_inf;
      if (rows[r].n > 0)
        merge_moments_part (s, rows[r].n, rows[r].mean, rows[r].m2, rows[r].min, rows[r].max);
    }
  s->min += 0.0;
  s->max += 0.0;
  return TRUE;
}

float
qs_const_op_value (QsConstOp op,
                   float     x,
                   float     k)
{
  /* each a single float operation, as the eltwise kernels do it */
  switch (op)
    {
    case QS_CONST_OP_ADD:           return x + k;
    case QS_CONST_OP_SUBTRACT:      return x - k;
    case QS_CONST_OP_SUBTRACT_FROM: return k - x;
    case QS_CONST_OP_MULTIPLY:      return x * k;
    default:                        g_assert_not_reached ();
    }
}

gboolean
qs_summary_add_const_op_rows (QsSummary             *s,
                              const QsRowMomentsF32 *rows,
                              gsize                  n_rows,
                              QsConstOp              op,
                              const float           *k,
                              gsize                  k_step,
                              gsize                  C)
{
  QsSummary acc;
  gsize r;

  if (!moments_only (s) || C == 0 || op > QS_CONST_OP_MULTIPLY)
    return FALSE;
  /* a NaN or an infinity in x may give anything in y (∞ − ∞, 0 · ∞);
   * finite x and k make y finite where its ends are (y is monotonic) */
  for (r = 0; r < n_rows; r++)
    {
      const QsRowMomentsF32 *m = &rows[r];
      float kc = k[(r % C) * k_step];

      if (m->n_nan > 0 || m->n_inf > 0 || !isfinite (kc))
        return FALSE;
      if (m->n > 0 && (!isfinite (qs_const_op_value (op, m->min, kc)) ||
                       !isfinite (qs_const_op_value (op, m->max, kc))))
        return FALSE;
    }
  qs_summary_init (&acc, NULL, NULL);
  for (r = 0; r < n_rows; r++)
    {
      const QsRowMomentsF32 *m = &rows[r];
      float kc = k[(r % C) * k_step];
      double kd = kc, mean, m2;
      float a, b;

      if (m->n == 0)
        continue;
      a = qs_const_op_value (op, m->min, kc);
      b = qs_const_op_value (op, m->max, kc);
      switch (op)
        {
        case QS_CONST_OP_ADD:           mean = m->mean + kd; m2 = m->m2; break;
        case QS_CONST_OP_SUBTRACT:      mean = m->mean - kd; m2 = m->m2; break;
        case QS_CONST_OP_SUBTRACT_FROM: mean = kd - m->mean; m2 = m->m2; break;
        default:                        mean = m->mean * kd; m2 = kd * kd * m->m2; break;
        }
      merge_moments_part (&acc, m->n, mean, m2, MIN (a, b), MAX (a, b));
    }
  acc.min += 0.0;
  acc.max += 0.0;
  qs_summary_merge (s, &acc);
  s->min += 0.0;
  s->max += 0.0;
  return TRUE;
}
