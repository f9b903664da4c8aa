/* qs-stats.h — statistics of one tensor and errors between two
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Two layers.  The accumulators (QsSummary, QsErrorSums, QsStepSums) are
 * what one pass over a tensor, or over a pair of tensors, collects; they
 * merge, so that the summary of a tensor over a whole data set is the merge
 * of its per-sample summaries and costs the same memory for one sample or a
 * thousand.  The finished figures (QsTensorStats, QsTensorError,
 * QsStepError) are computed from them.
 *
 * What the passes compute is defined by the scalar reference in
 * qs-stats.c: integer results (counts, histogram bins, clip counts, levels
 * used, min and max, max |x − y|) are exact and every fast path must equal
 * them bit for bit (a zero extreme is always +0); sums may differ from the
 * reference's double sums within the tolerances below.  The fast paths (f32 with AVX-512, AVX2 or scalar
 * block passes chosen at run time, u8 / i8 / boolean through a count of
 * their byte values) are spread over the kernel thread pool for large
 * tensors, with fixed chunks: the figures do not depend on the number of
 * threads.
 */
#pragma once

#include "qs-tensor.h"

G_BEGIN_DECLS

#define QS_STATS_BINS 64

/* How far a fast path's sums may lie from the reference's, with std the
 * reference's (population) std and M the largest |value| (max (|min|,
 * |max|)):
 *   |Δmean| <= QS_STATS_MEAN_RTOL · std + QS_STATS_ROUND_RTOL · M
 *   |Δstd|  <= QS_STATS_STD_RTOL · std  + QS_STATS_ROUND_RTOL · M
 *   |ΔΣx²|, |ΔΣy²|, |ΔΣ(x−y)²| <= QS_STATS_SUM_RTOL · the sum,
 *   |ΔΣxy| <= QS_STATS_SUM_RTOL · sqrt (Σx² Σy²).
 * The SIMD passes sum in float over short runs folded into double; the
 * bounds they are proved to keep (qs-stats-private.h) are 1.1e-6 (mean),
 * 4.2e-6 (std) and 6.6e-7 (sums): these leave a margin of 1.5 to 2.  The M term is the
 * double rounding of merging blocks and tasks, as before. */
#define QS_STATS_MEAN_RTOL  2e-6
#define QS_STATS_STD_RTOL   8e-6
#define QS_STATS_SUM_RTOL   1e-6
#define QS_STATS_ROUND_RTOL 1e-12

/* A summary derived from integer moments (qs-stats-derive.h) takes each
 * value y of an affine op as the exact image p + b, p = (v − zp) · scale,
 * b = shift, of its integer v, where the op rounds three times in float:
 * y = fl (fl (fl (v − zp) · scale) + b).  With u = 2^-24 that puts y
 * within (2u + u²)(1 + u)|p| + u|p + b| <= 3.001 u |y| + 2.001 u |b| of
 * the image (|p| <= |y| + |b| + that error; a subnormal product adds at
 * most 2^-150), so with M the largest |y| and S the largest |shift| every
 * value is within 4u (M + S) of its image, and so are the mean and the
 * std (the std of the errors is at most their largest).  The derived
 * figures are held, beyond the fast passes' bounds above, to
 *   |Δmean|, |Δstd| <= QS_STATS_DERIVED_RTOL · (M + S),
 * twice 4u; count, min and max are exact.
 *
 * The same bound holds for an Add, Subtract or Multiply of f32 data x and
 * a constant k derived from x's row moments (qs_summary_add_const_op_rows()),
 * with S the largest |k| of an Add or Subtract (0 for a Multiply): y =
 * fl (x ∘ k) rounds once, so each y is within u |y| <= u M of its image
 * x ∘ k, and the derived mean (mean (x) ∘ k) and std (|k| std (x) for a
 * Multiply) are those of the images up to that and a double rounding.
 * What x's rows bring is the fast pass's own error on x, whose bounds are
 * those above with x's std (within u M of y's, |k| times it for a
 * Multiply) and x's largest |value| in M's place (at most (M + S)(1 + u);
 * for a Multiply the error scales by |k| and x's largest is M (1 + u) /
 * |k|): covered by the fast passes' terms and QS_STATS_DERIVED_RTOL ·
 * (M + S). */
#define QS_STATS_DERIVED_RTOL 4.8e-7

/* A FakeQuantize range to measure against (per-tensor view: the lowest
 * in_low and the highest in_high over channels). */
typedef struct
{
  float in_low, in_high;
  guint levels;
} QsFqRange;

/* The most levels whose use is tracked (a bitmap of levels / 8 bytes). */
#define QS_STATS_MAX_LEVELS (1u << 20)

/* Fixed bins: QS_STATS_BINS equal bins over [lo, hi].  A finite value x
 * below lo counts in `below`, above hi in `above`; otherwise its bin is
 *   t = (float) (x - lo) * inv,  inv = (float) (QS_STATS_BINS / (hi - lo)),
 * evaluated in float in that order (x as float), clamped to the last bin
 * while still a float (so that an overflow to +inf lands there too), then
 * b = (int) t.  lo == hi puts every value equal to lo in bin 0.
 *
 * A FakeQuantize code is nearbyintf ((x − in_low) / (in_high − in_low) *
 * (levels − 1)) in float, x clamped to the range first and the code to
 * [0, levels − 1] after (a NaN from ∞ / ∞ becomes 0). */
typedef struct
{
  float lo, hi;
} QsBinning;

typedef struct _QsSummary
{
  guint64   n;              /* finite values */
  guint64   n_nan;
  guint64   n_inf;          /* +inf and -inf */
  double    min, max;       /* of the finite values; +inf / -inf while n == 0 */
  double    mean;           /* of the finite values */
  double    m2;             /* sum of squared deviations from mean */

  gboolean  has_bins;
  QsBinning bins;
  guint64   below, above;   /* finite values outside [lo, hi] */
  guint64   histogram[QS_STATS_BINS];

  gboolean  has_fq;
  QsFqRange fq;
  guint64   clipped_low;    /* finite x < in_low */
  guint64   clipped_high;   /* finite x > in_high */
  guint64  *levels_seen;    /* bitmap of codes the values map to (owned) */
} QsSummary;

/* Sets up an empty summary.  @bins and @fq are optional; an @fq range that
 * is empty (in_high <= in_low), has fewer than 2 or more than
 * QS_STATS_MAX_LEVELS levels is ignored. */
void     qs_summary_init          (QsSummary       *summary,
                                   const QsBinning *bins,
                                   const QsFqRange *fq);
void     qs_summary_clear         (QsSummary       *summary);
void     qs_summary_copy          (QsSummary       *dest,
                                   const QsSummary *src);
/* Adds every element of @tensor (any element type) in one pass. */
void     qs_summary_add_tensor    (QsSummary       *summary,
                                   const QsTensor  *tensor);
/* Adds @from to @into; both must have been set up with the same bins and
 * FakeQuantize range (FALSE otherwise, and @into is unchanged). */
gboolean qs_summary_merge         (QsSummary       *into,
                                   const QsSummary *from);
double   qs_summary_std           (const QsSummary *summary);   /* population */
guint    qs_summary_levels_used   (const QsSummary *summary);
/* Share of the finite values outside the FakeQuantize range. */
double   qs_summary_clipped       (const QsSummary *summary);

/* Only the finite minimum and maximum of @tensor (for fixing bins from a
 * first sample); FALSE when it has no finite value. */
gboolean qs_tensor_min_max        (const QsTensor  *tensor,
                                   double          *min,
                                   double          *max);

/* Errors of test y against reference x, as sums over the pairs where both
 * are finite; a pair with a NaN or an infinity is only counted. */
typedef struct
{
  guint64 n;           /* finite pairs */
  guint64 n_nonfinite; /* pairs left out */
  double  xx, yy, xy;  /* Σ x², Σ y², Σ x·y */
  double  dd;          /* Σ (x − y)² */
  double  max_abs;     /* max |x − y| */
} QsErrorSums;

/* Adds the pairs of two tensors of the same element count (FALSE when the
 * counts differ). */
gboolean qs_error_sums_add        (QsErrorSums     *sums,
                                   const QsTensor  *reference,
                                   const QsTensor  *test);
/* All three of a layer run in two modes, in one pass over the two tensors:
 * the same figures, bit for bit, as qs_summary_add_tensor (@sx, @x),
 * qs_summary_add_tensor (@sy, @y) and qs_error_sums_add (@e, @x, @y)
 * (whose result it returns), each block of the two read from memory once. */
gboolean qs_summary_add_pair      (QsSummary       *sx,
                                   QsSummary       *sy,
                                   QsErrorSums     *e,
                                   const QsTensor  *x,
                                   const QsTensor  *y);
void     qs_error_sums_merge      (QsErrorSums     *into,
                                   const QsErrorSums *from);

/* y compared with reference x: SQNR dB = 10 log10(Σx² / Σ(x−y)²) (inf when
 * equal, −inf when x is all zero and y is not), NMSE = Σ(x−y)² / Σx², MSE,
 * max |x−y|, cosine similarity. */
typedef struct
{
  double sqnr_db, nmse, mse, max_abs, cosine;
} QsTensorError;

void     qs_tensor_error_from_sums (const QsErrorSums *sums,
                                    QsTensorError     *error);
/* Both in one: qs_error_sums_add() on fresh sums, then the figures. */
gboolean qs_tensor_error_compute  (const QsTensor  *reference,
                                   const QsTensor  *test,
                                   QsTensorError   *error);

/* int8 against fake-quant: |x − y| / step over all pairs (codes). */
typedef struct
{
  guint64 n;
  guint64 n_differ;
  double  sum_steps;
  double  max_steps;
} QsStepSums;

gboolean qs_step_sums_add         (QsStepSums      *sums,
                                   const QsTensor  *reference,
                                   const QsTensor  *test,
                                   double           step);
void     qs_step_sums_merge       (QsStepSums      *into,
                                   const QsStepSums *from);

typedef struct
{
  double max_steps, mean_steps, share_differ;
} QsStepError;

void     qs_step_error_from_sums  (const QsStepSums *sums,
                                   QsStepError      *error);
gboolean qs_tensor_step_error     (const QsTensor  *reference,
                                   const QsTensor  *test,
                                   double           step,
                                   QsStepError     *error);

/* The finished statistics of one tensor, with a histogram of equal bins
 * over its own [min, max] (what a single-tensor view draws). */
typedef struct
{
  guint64  n;             /* finite values counted */
  guint64  n_nonfinite;
  double   min, max, mean, std;   /* population std */
  guint64  histogram[QS_STATS_BINS];   /* equal bins over [min, max] */
  gboolean has_fq;
  QsFqRange fq;
  double   clipped;       /* share of values below in_low or above in_high */
  guint    levels_used;   /* distinct FakeQuantize codes the values map to */
} QsTensorStats;

/* Two passes: the range, then a summary binned over it. */
void     qs_tensor_stats_compute  (const QsTensor  *tensor,
                                   const QsFqRange *fq,
                                   QsTensorStats   *stats);
/* The finished statistics of a summary; its histogram is the summary's
 * (over its bins), or empty when it has none. */
void     qs_tensor_stats_from_summary (const QsSummary *summary,
                                       QsTensorStats   *stats);
/* The bin of @value in stats' histogram (for marking the FQ range). */
int      qs_tensor_stats_bin      (const QsTensorStats *stats,
                                   double               value);

G_END_DECLS
