/* qs-stats-derive.h — summaries derived from the integer moments of rows
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A Dequantize of codes or accumulators with one scale, zero point and
 * shift a channel is, channel by channel, an affine function of integers
 * the statistics read anyway (the producer's output).  One pass over the
 * integers, row by row (a row: one channel of one batch item), gives each
 * row's exact count, sum, extremes and its sum of squared deviations;
 * from them follow both the integers' own summary and the Dequantize
 * output's, which then needs no pass over its floats.
 *
 * The same holds for float data under an op with a constant of one value
 * a channel (the bias Add after a convolution): y = fl (x ∘ k) is
 * monotonic in x, so rows of f32 moments (one pass of the f32 summary,
 * row by row) give both x's summary and y's.
 */
#pragma once

#include "qs-stats.h"

G_BEGIN_DECLS

/* The moments of one row of integers (u8, i8 or i32 values). */
typedef struct
{
  guint64 n;
  gint64  sum;        /* exact */
  guint64 sumsq;      /* 8-bit rows: Σu², u = v (u8) or v + 128 (i8), exact; 0 for i32 */
  double  m2;         /* squared deviations from sum / n */
  gint64  min, max;   /* meaningful when n > 0 */
} QsRowMoments;

/* Fills @rows[r] with the moments of elements [r · @inner, (r + 1) ·
 * @inner) of @t, for each of its ⌈n_elements / @inner⌉ rows (@inner > 0;
 * the last row may be shorter; a tensor without elements has no rows).
 * u8, i8 and i32 only (FALSE for other types).  The rows go over
 * the kernel thread pool for large tensors; every figure is the same at
 * any thread count. */
gboolean qs_row_moments_compute   (const QsTensor *t,
                                   gsize           inner,
                                   QsRowMoments   *rows);

/* Adds the values the rows were taken from (of element type @type) to @s
 * (moments only: FALSE and nothing added when @s has bins or a
 * FakeQuantize range).  n, min and max are exact; for 8-bit values the mean and m2 are bit
 * for bit what qs_summary_add_tensor() gives, for i32 values they differ
 * by the order of the merges (qs-stats.h's tolerances). */
gboolean qs_summary_add_rows      (QsSummary          *s,
                                   const QsRowMoments *rows,
                                   gsize               n_rows,
                                   QsElementType       type);

/* One row through an affine op: each value v of the row becomes y(v),
 * with y(v) ≈ (v − zero_point) · scale + shift up to the rounding of the
 * op's float arithmetic, and y monotonic in v. */
typedef struct
{
  double scale, zero_point, shift;
  float  at_min, at_max;   /* the op's own y of the row's min and of its max */
} QsAffineRow;

/* Adds the op's outputs of the rows to @s (moments only, as above),
 * without reading them: count, min and max exact (min (at_min, at_max)
 * and max of them, a negative scale swapping the two), mean and m2 from
 * the affine map of the row's exact moments, rows merged in order.
 * FALSE, and @s unchanged, when @s has bins or a range, or an endpoint of
 * a row is not finite (then some value of it may not be either).  The
 * error against counting is within QS_STATS_DERIVED_RTOL (qs-stats.h). */
gboolean qs_summary_add_affine_rows (QsSummary          *s,
                                     const QsRowMoments *rows,
                                     const QsAffineRow  *affine,
                                     gsize               n_rows);

/* The moments of one row of f32 values, as the f32 summary pass takes
 * them: the finite values' count, mean, squared deviations and extremes
 * (+inf / −inf when there are none), and how many were NaN or infinite. */
typedef struct
{
  guint64 n, n_nan, n_inf;
  double  mean, m2;
  float   min, max;
} QsRowMomentsF32;

/* Fills @rows[r] with the moments of elements [r · @inner, (r + 1) ·
 * @inner) of the f32 tensor @t, as qs_row_moments_compute() does for
 * integers (FALSE for other types or @inner 0).  Each row goes through
 * the f32 summary pass of the ISA in use, block by block; the figures do
 * not depend on the thread count. */
gboolean qs_row_moments_compute_f32 (const QsTensor  *t,
                                     gsize            inner,
                                     QsRowMomentsF32 *rows);

/* Adds the values the f32 rows were taken from to @s (moments only: FALSE
 * and nothing added otherwise), rows merged in order: counts and extremes
 * exact, mean and m2 within the fast passes' bounds (qs-stats.h). */
gboolean qs_summary_add_rows_f32    (QsSummary             *s,
                                     const QsRowMomentsF32 *rows,
                                     gsize                  n_rows);

/* An op of f32 data x and a constant k, computed in float. */
typedef enum
{
  QS_CONST_OP_ADD,            /* x + k */
  QS_CONST_OP_SUBTRACT,       /* x − k */
  QS_CONST_OP_SUBTRACT_FROM,  /* k − x */
  QS_CONST_OP_MULTIPLY,       /* x · k */
} QsConstOp;

/* y = fl (x ∘ k) of one value, as the op computes it. */
float    qs_const_op_value          (QsConstOp op,
                                     float     x,
                                     float     k);

/* Adds the op's outputs of the rows to @s (moments only) without reading
 * them: row r's constant is @k[(r mod @C) · @k_step] (@k_step 0: one
 * value in all, 1: one a channel).  Count, min and max exact (the op's
 * own y of the row's extremes: y is monotonic in x, a negative multiplier
 * swapping them), mean and m2 from the rows' moments through the map.
 * FALSE, and @s unchanged, when @s has bins or a range, some row has a
 * NaN or an infinity (refused rather than counted apart: the bias of a
 * model's convolution meets none), a constant is not finite, or an end of
 * a row maps to a value that is not (an overflow).  The error against
 * counting is within QS_STATS_DERIVED_RTOL (qs-stats.h). */
gboolean qs_summary_add_const_op_rows (QsSummary             *s,
                                       const QsRowMomentsF32 *rows,
                                       gsize                  n_rows,
                                       QsConstOp              op,
                                       const float           *k,
                                       gsize                  k_step,
                                       gsize                  C);

/* Merges the moments of n > 0 finite values (their mean, m2 and
 * extremes) into @s as qs_summary_merge() merges a moments-only summary
 * of them (Chan's update; in qs-stats.c). */
void     _qs_summary_merge_moments  (QsSummary *s,
                                     guint64    n,
                                     double     mean,
                                     double     m2,
                                     double     min,
                                     double     max);

G_END_DECLS
