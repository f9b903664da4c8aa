/* qs-stats-private.h — what the statistics driver shares with the per-ISA code
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * qs-stats.c drives every pass: it cuts a tensor into tasks of
 * QS_STATS_TASK elements (spread over the kernel thread pool when the
 * tensor is large) and each task into blocks of QS_STATS_BLOCK elements.
 * The per-ISA files (qs-stats-{scalar,avx2,avx512}.c, compiled with their
 * own -m flags) only do the arithmetic of one block of f32 values; the
 * scatter into histogram bins and the FakeQuantize code map stay in the
 * driver, shared by every ISA.  The task and block boundaries depend on
 * the element count only, and tasks are merged in their order, so a result
 * never depends on the number of threads.
 *
 * The scalar reference (the plain, per-element double code every fast path
 * is held to) is exported here for the tests and the benchmark.
 */
#pragma once

#include "qs-stats.h"
#include "qs-kernels.h"

#include <string.h>

G_BEGIN_DECLS

#define QS_STATS_BLOCK 4096
#define QS_STATS_TASK  (16 * QS_STATS_BLOCK)
/* Tensors from this many elements (512 KiB of f32) on are spread over the
 * thread pool. */
#define QS_STATS_PARALLEL_MIN (2 * QS_STATS_TASK)

/* Slots of the per-element bin index past the QS_STATS_BINS real bins. */
#define QS_STATS_BIN_BELOW     QS_STATS_BINS
#define QS_STATS_BIN_ABOVE     (QS_STATS_BINS + 1)
#define QS_STATS_BIN_NONE      (QS_STATS_BINS + 2)   /* NaN or infinity */
#define QS_STATS_BIN_SLOTS     (QS_STATS_BINS + 3)

/* What a block pass needs to know of the summary (all float, as the
 * reference evaluates them). */
typedef struct
{
  gboolean has_bins;
  float    bin_lo, bin_hi, bin_inv;
  gboolean has_fq;
  float    fq_low, fq_high, fq_width, fq_lm1;   /* fq_width = in_high − in_low */
  guint32  fq_none;                          /* code of a NaN or infinity: levels */
  gboolean fq_mask;                          /* levels <= 256: codes go to block->seen */
  /* With fq_recip, a SIMD pass may take a code as nearbyint (d · fq_scale),
   * d = clamped x − in_low and fq_scale = fq_lm1 / fq_width in float, in
   * place of the reference's (d / fq_width) · fq_lm1, for the lanes where
   * |r − nearbyint (r)| < fq_near (r = d · fq_scale): both then round to
   * the same integer (see _qs_stats_params()); the other lanes are
   * computed as the reference does. */
  gboolean fq_recip;
  float    fq_scale, fq_near;
} QsStatsParams;

/* One block's figures: the finite values' count, sum, extremes and the sum
 * of squared deviations from the block's own mean; min / max are +inf /
 * −inf without finite values.  seen may hold, on entry, codes already seen
 * by earlier blocks (a pass may start from them; they are not this block's
 * to remove), and holds this block's on return. */
typedef struct
{
  guint64 n, n_nan, n_inf;
  guint64 clipped_low, clipped_high;
  float   min, max;
  double  sum, m2;
  guint64 seen[4];     /* with p->fq_mask: bit c of the codes c the values map to */
  /* On entry, with p->fq_mask: every finite x with known_lo <= x <
   * known_hi maps to a code already in seen, so a pass may skip the codes
   * of those values (known_lo > known_hi when nothing is known).  A code is
   * a monotonic function of x, so a run of codes in seen is such an
   * interval of x; the driver works it out (_qs_stats_known_codes()). */
  float   known_lo, known_hi;
} QsStatsBlock;

/* The sums of a block are taken in one pass, shifted: with s a shift, d =
 * x − s, the block's sum is n·s + Σd and its m2 is Σd² − (Σd)²/n.  The
 * scalar twin (and the redo below) take s as the block's first finite
 * value in double: then (mean − s)² <= m2, so Σd² <= (n + 1)·m2 and the
 * subtraction loses at most log2 (n + 1) bits of m2's 53 (12 for a block
 * of 4096), far inside the tolerances of qs-stats.h. */
static inline float
_qs_stats_shift (const float *x,
                 gsize        n)
{
  gsize i;

  for (i = 0; i < n; i++)
    if (__builtin_isfinite (x[i]))
      return x[i];
  return 0.0f;
}

static inline double
_qs_stats_m2 (double   s1,
              double   s2,
              guint64  count)
{
  double m2 = count > 0 ? s2 - s1 * (s1 / (double) count) : 0.0;

  return m2 > 0 ? m2 : 0.0;
}

/* The SIMD passes sum in float lanes instead (from cache a third to two
 * thirds more values a second than double sums).  The error bound, with
 * u = 2^-24 the unit roundoff of float, k = QS_STATS_FOLD and k' the
 * values a lane of Σd² takes between folds (k for a block,
 * QS_STATS_TASK_FOLD_SQ = 2k for a task of a moments-only summary on
 * AVX-512; AVX2 keeps k there, as its sixteen registers would spill):
 *
 *   Each lane sums at most k values of d (k' of d²) from zero, then its
 *   partial is converted to double (exactly) and added to a double
 *   accumulator; the lane partials of a run, and the runs, meet in
 *   double.  d is rounded once, d̂ = fl(x − s) = d (1 + θ), |θ| <= u; a
 *   term of Σd̂ passes through at most k − 1 float roundings, a term of
 *   Σd̂² (one multiply-add a step) through at most k'.  The double steps
 *   (under 2^-30 relative for tensors below 2^32 values) are left out
 *   below.  So, with A = Σ|d| and B = Σd²:
 *     |ΔΣd|  <= k·u·A,   |ΔΣd²| <= (k' + 2)·u·B.
 *   An overflow leaves Σd² infinite (its terms are not negative); an
 *   underflow (a term below FLT_MIN) costs at most 2^-150 a step, nothing
 *   against Σd² >= QS_STATS_FLOAT_FLOOR.
 *
 *   A shift covers a run of values: a block, or, in a summary of the
 *   moments alone (QsMomentsF32Func), a whole task, whose lanes run on
 *   through its blocks and are reduced once.  It is the mean of up to 16
 *   values of the run (_qs_stats_sample_shift() for a block,
 *   _qs_stats_task_shift() for a task), so δ = mean − s is mostly below
 *   std; a run of n values is taken from its float sums only when
 *   n·δ̂² <= c·m̂2 (computed values, _qs_stats_float_sums_ok_at(); c = 3
 *   for a block, QS_STATS_TASK_SHIFT_RATIO = 2 for a task).  Whatever the
 *   data, m̂2 is within ε = (k' + 2)·u·(2n + 1) + 4k·n·u of m2 (as s lies
 *   within [min, max], δ² <= R² <= 2n·σ², with R the range and σ² =
 *   m2 / n), and δ̂ within 2e-4 σ of δ: ε is 1.3 % for a block of 4096
 *   values, 27 % for a task of 65536, so the check holds the exact
 *   δ² <= D σ² with D = 4 for a block (3·1.013 < 4) and D = 2.6 for a
 *   task (2·1.27 < 2.6).  Then
 *     A <= sqrt (n·B),  B = n (σ² + δ²) <= (1 + D) n σ²,
 *     |Δmean_r| <= k·u·A / n <= k·u·sqrt (1 + D)·σ_r
 *     |Δm2_r|   <= (k' + 2)·u·B + 2 |Σd|·k·u·A / n
 *               <= ((k' + 2)·(1 + D) + 2 k·sqrt (D (1 + D)))·u·m2_r
 *   for k = 8: a block (k' = 8, D = 4) within 17.9 u σ_r and 121.6 u m2_r,
 *   a task (k' = 16, D = 2.6) within 15.2 u σ_r and 113.8 u m2_r, so a
 *   run of either kind is within 17.9 u σ_r and 121.6 u m2_r.  Over the
 *   runs of a tensor (merged in double), the mean
 *   is the count-weighted mean of the run means, and m2 = Σ m2_r +
 *   Σ n_r (mean_r − mean)², whose second sum moves by at most
 *   2 Σ n_r |mean_r − mean| |Δmean_r| <= 17.9 u·m2 (2ab <= a² + b²):
 *     |Δmean| <= 17.9 u·std    (1.1e-6),
 *     |Δstd|  <= (121.6 + 17.9) / 2 · u·std = 69.8 u·std    (4.2e-6).
 *
 *   A block shorter than QS_STATS_FLOAT_MIN, or one that fails the
 *   checks (a NaN or an infinity in the unmasked
 *   pass, a value whose square overflows, a spread below the floor, the
 *   shift far from the mean) takes its sums in double again, shifted by
 *   its first finite value (as the scalar twin); a block whose
 *   finite values are all equal takes n·x and 0, exactly.  A task that
 *   fails them goes through its blocks instead (a task shorter than
 *   QS_STATS_FLOAT_MIN, or of equal values, as such a block).
 *
 *   The error sums (no shift) the same way, but two lanes meet in float
 *   before they fold (one rounding more): Σx², Σy², Σxy within (k + 1)·u
 *   of Σx², Σy², sqrt (Σx²·Σy²) (Cauchy–Schwarz), Σ(x − y)², whose
 *   x − y is rounded too, within (k + 3)·u of itself (11 u = 6.6e-7).
 *   A block takes its error sums in double when one comes out non-finite
 *   or below the floor while its values are not all zero. */
#define QS_STATS_FOLD 8
#define QS_STATS_FLOAT_FLOOR 0x1p-100
/* Blocks shorter than this take their sums in double (the float lanes gain
 * nothing there), so the figures of a small tensor (a bias, a hand-made
 * test) stay those of double sums. */
#define QS_STATS_FLOAT_MIN 256
/* n·δ² <= QS_STATS_SHIFT_RATIO · m2 for the float sums to stand */
#define QS_STATS_SHIFT_RATIO 3.0
/* A task of a moments-only summary folds its lanes of Σd² every
 * QS_STATS_TASK_FOLD_SQ values on AVX-512 (Σd still every QS_STATS_FOLD:
 * 113 → 124 GB/s for the loop alone from L2) and stands under the
 * stricter n·δ² <= QS_STATS_TASK_SHIFT_RATIO · m2 (see above). */
#define QS_STATS_TASK_FOLD_SQ      16
#define QS_STATS_TASK_SHIFT_RATIO  2.0

/* The mean of up to 16 finite values at even steps through the first 512
 * of x[0, n) (one from every other cache line: the passes prefetch 2 KiB
 * ahead, so these lines of the next block are on their way, while values
 * spread over the whole block stall it on memory at its start), as a
 * float; the first finite value when none of them is finite (0 without
 * one). */
static inline float
_qs_stats_sample_shift (const float *x,
                        gsize        n)
{
  gsize step = n >= 512 ? 32 : (n >= 16 ? n / 16 : 1), i, count = 0;
  double sum = 0;

  for (i = 0; i < n && i < 16 * step; i += step)
    if (__builtin_isfinite (x[i]))
      {
        sum += x[i];
        count++;
      }
  return count > 0 ? (float) (sum / (double) count) : _qs_stats_shift (x, n);
}

/* The shift of a whole task of a moments-only pass (QsMomentsF32Func):
 * the mean of the finite ones of 16 values at even steps through all of
 * x[0, n) (a mean of the whole task, not of its first rows: the check
 * below is made on the task's sums), as a float; the first finite value
 * when none of them is finite (0 without one).  The sixteen are added in
 * double in a fixed order, so every ISA takes the same shift. */
static inline float
_qs_stats_task_shift (const float *x,
                      gsize        n)
{
  gsize step = n >= 16 ? n / 16 : 1, j, count = 0;
  double sum = 0;

  for (j = 0; j < 16 && j * step < n; j++)
    {
      /* the j-th of 16 equal strides, at a place in it that moves by the
       * golden ratio of a stride from one to the next: at the same place
       * in each, they would all fall in one column of an image whose row
       * divides the stride (its border, say) */
      gsize i = j * step + (step * ((j * 40503u) & 0xffffu) >> 16);

      if (__builtin_isfinite (x[i]))
        {
          sum += x[i];
          count++;
        }
    }
  if (count == 16)
    return (float) (sum * (1.0 / 16));
  return count > 0 ? (float) (sum / (double) count) : _qs_stats_shift (x, n);
}

/* Whether the float sums s1 = Σd, s2 = Σd² of count finite values (not all
 * equal) stand, n·δ̂² against @ratio · m̂2 (see above). */
static inline gboolean
_qs_stats_float_sums_ok_at (double  s1,
                            double  s2,
                            guint64 count,
                            double  ratio)
{
  double m2 = s2 - s1 * (s1 / (double) count);

  return __builtin_isfinite (s1) && __builtin_isfinite (s2) && s2 >= QS_STATS_FLOAT_FLOOR &&
         s1 * (s1 / (double) count) <= ratio * m2;
}

/* The same for a block (QS_STATS_SHIFT_RATIO). */
static inline gboolean
_qs_stats_float_sums_ok (double  s1,
                         double  s2,
                         guint64 count)
{
  return _qs_stats_float_sums_ok_at (s1, s2, count, QS_STATS_SHIFT_RATIO);
}

/* Σ (x − s) and Σ (x − s)² in double over the finite values of x[0, n),
 * with s the first finite value (returned): each ISA's pass for a block
 * whose float sums do not stand. */
typedef double (*QsMomentsF64Func) (const float *x,
                                    gsize        n,
                                    double      *s1,
                                    double      *s2);

/* Sets b->sum and b->m2 of a block whose b->n, b->min and b->max are set,
 * from its float sums s1, s2 of x − shift, or (when they do not stand)
 * from the double sums of redo. */
static inline __attribute__ ((always_inline)) void
_qs_stats_finish_sums (QsStatsBlock     *b,
                       const float      *x,
                       gsize             n,
                       float             shift,
                       double            s1,
                       double            s2,
                       QsMomentsF64Func  redo)
{
  double sh = shift;

  if (b->n == 0)
    {
      b->sum = b->m2 = 0.0;
      return;
    }
  if (b->min == b->max)
    {
      b->sum = (double) b->n * b->min;
      b->m2 = 0.0;
      return;
    }
  if (n < QS_STATS_FLOAT_MIN || !_qs_stats_float_sums_ok (s1, s2, b->n))
    sh = redo (x, n, &s1, &s2);
  b->sum = (double) b->n * sh + s1;
  b->m2 = _qs_stats_m2 (s1, s2, b->n);
}

/* The end of a QsMomentsF32Func over all n values of a task, all finite
 * (b->n = n, b->min and b->max set): FALSE when its float sums s1, s2 of
 * x − shift do not stand under QS_STATS_TASK_SHIFT_RATIO; else b->sum and
 * b->m2 as _qs_stats_finish_sums() sets them (exact for equal values, in
 * double under QS_STATS_FLOAT_MIN values). */
static inline __attribute__ ((always_inline)) gboolean
_qs_stats_finish_task_sums (QsStatsBlock     *b,
                            const float      *x,
                            gsize             n,
                            float             shift,
                            double            s1,
                            double            s2,
                            QsMomentsF64Func  redo)
{
  if (n >= QS_STATS_FLOAT_MIN && b->min != b->max &&
      !_qs_stats_float_sums_ok_at (s1, s2, b->n, QS_STATS_TASK_SHIFT_RATIO))
    return FALSE;
  _qs_stats_finish_sums (b, x, n, shift, s1, s2, redo);
  return TRUE;
}

/* Σx², Σy², Σxy, Σ(x − y)² in double over the pairs of x[0, n), y[0, n)
 * where both are finite, added to *sums (the counts and max |x − y| are
 * left alone). */
static inline void
_qs_stats_error_sums_f64 (const float *x,
                          const float *y,
                          gsize        n,
                          QsErrorSums *sums)
{
  double xx = 0, yy = 0, xy = 0, dd = 0;
  gsize i;

  for (i = 0; i < n; i++)
    if (__builtin_isfinite (x[i]) && __builtin_isfinite (y[i]))
      {
        double a = x[i], b = y[i], d = a - b;

        xx += a * a;
        yy += b * b;
        xy += a * b;
        dd += d * d;
      }
  sums->xx += xx;
  sums->yy += yy;
  sums->xy += xy;
  sums->dd += dd;
}

/* Whether a block's float error sums stand: all finite, and Σx², Σy²
 * above the floor unless every x and y is zero (any_nonzero FALSE), and
 * Σ(x − y)² above it unless max |x − y| is zero. */
static inline gboolean
_qs_stats_error_sums_ok (double   xx,
                         double   yy,
                         double   xy,
                         double   dd,
                         gboolean any_nonzero,
                         double   max_abs)
{
  if (!__builtin_isfinite (xx) || !__builtin_isfinite (yy) || !__builtin_isfinite (xy) ||
      !__builtin_isfinite (dd))
    return FALSE;
  if (any_nonzero && (xx < QS_STATS_FLOAT_FLOOR || yy < QS_STATS_FLOAT_FLOOR))
    return FALSE;
  return max_abs == 0.0 || dd >= QS_STATS_FLOAT_FLOOR;
}

/* max |x − y| in double over the finite pairs of x[0, n), y[0, n): each
 * ISA's, for the runs that hold a block's largest float |x − y|. */
typedef double (*QsMaxAbsF64Func) (const float *x,
                                   const float *y,
                                   gsize        n);

/* The end of a block's error pass (n values in runs, run j over
 * x[start[j], start[j + 1]) with largest float |x − y| run_max[j], count
 * finite pairs, float sums folded into xx, yy, xy, dd): the counts, max
 * |x − y| again in double from the runs holding the largest, and the sums,
 * or the double sums again when the float ones do not stand. */
static inline void
_qs_stats_error_finish (QsErrorSums     *s,
                        const float     *x,
                        const float     *y,
                        gsize            n,
                        guint64          count,
                        const gsize     *start,
                        const float     *run_max,
                        int              runs,
                        const double     sums[4],
                        gboolean         any_nonzero,
                        QsMaxAbsF64Func  max_abs)
{
  float mf = 0.0f;
  double mx = 0.0;
  int j;

  s->n += count;
  s->n_nonfinite += n - count;
  for (j = 0; j < runs; j++)
    mf = MAX (mf, run_max[j]);
  if (mf > 0.0f)
    for (j = 0; j < runs; j++)
      if (run_max[j] == mf)
        mx = MAX (mx, max_abs (x + start[j], y + start[j], start[j + 1] - start[j]));
  s->max_abs = MAX (s->max_abs, mx);
  if (n >= QS_STATS_FLOAT_MIN && _qs_stats_error_sums_ok (sums[0], sums[1], sums[2], sums[3], any_nonzero, mx))
    {
      s->xx += sums[0];
      s->yy += sums[1];
      s->xy += sums[2];
      s->dd += sums[3];
    }
  else
    _qs_stats_error_sums_f64 (x, y, n, s);
}

/* Bin counts go to this many tables (any value to any table; the driver
 * adds them up), so that a run of one bin (the zeros after a ReLU, the
 * values near 0 after a SiLU) does not wait on the store of the increment
 * just before. */
#define QS_STATS_COUNT_TABLES 8

/* Two values' slots a and b as one pair index, a · QS_STATS_BIN_SLOTS + b,
 * in one of QS_STATS_PAIR_TABLES tables. */
#define QS_STATS_PAIRS       (QS_STATS_BIN_SLOTS * QS_STATS_BIN_SLOTS)
#define QS_STATS_PAIR_TABLES 2

typedef struct
{
  guint32  slots[QS_STATS_COUNT_TABLES][QS_STATS_BIN_SLOTS];
  /* NULL, or QS_STATS_PAIR_TABLES · QS_STATS_PAIRS counters a pass may
   * count pairs of slots into, each pair one increment where two values
   * are two (fewer loads and stores); 16 bits, as at most
   * QS_STATS_TASK / 2 pairs go in before the driver folds them into
   * slots and clears them */
  guint16 *pairs;
  gboolean pairs_used;
} QsStatsCounts;

/* Counts the bin slots bins[0, n) into @counts.  Sixty-four equal slots
 * in a row (a constant region) are one addition; the rest are counted
 * eight a load, one table each. */
static inline void
_qs_stats_count_bins (QsStatsCounts *counts,
                      const guint8  *bins,
                      gsize          n)
{
  gsize i = 0, k;

  while (i + 64 <= n)
    {
      guint64 w[8], rep = bins[i] * G_GUINT64_CONSTANT (0x0101010101010101);

      memcpy (w, bins + i, sizeof w);
      /* one word after the other: vectorised (with AVX2), the test read
       * the repeated byte back from a stack slot written in pieces, which
       * stalled each time */
      if (w[0] == rep && w[1] == rep && w[2] == rep && w[3] == rep &&
          w[4] == rep && w[5] == rep && w[6] == rep && w[7] == rep)
        {
          counts->slots[0][bins[i]] += 64;
          i += 64;
          continue;
        }
      for (k = 0; k < 8; k++)
        {
          guint64 v = w[k];

          counts->slots[0][v & 0xff]++;
          counts->slots[1][(v >> 8) & 0xff]++;
          counts->slots[2][(v >> 16) & 0xff]++;
          counts->slots[3][(v >> 24) & 0xff]++;
          counts->slots[4][(v >> 32) & 0xff]++;
          counts->slots[5][(v >> 40) & 0xff]++;
          counts->slots[6][(v >> 48) & 0xff]++;
          counts->slots[7][v >> 56]++;
        }
      i += 64;
    }
  for (; i < n; i++)
    counts->slots[i % QS_STATS_COUNT_TABLES][bins[i]]++;
}

/* Adds the pair counters to the slots (pair (a, b) is one value in slot a
 * and one in slot b) and clears them. */
static inline void
_qs_stats_fold_pairs (QsStatsCounts *c)
{
  guint32 rows[QS_STATS_BIN_SLOTS], cols[QS_STATS_BIN_SLOTS] = { 0 };
  gsize a, b, k;

  for (a = 0; a < QS_STATS_BIN_SLOTS; a++)
    {
      guint32 row = 0;

      for (k = 0; k < QS_STATS_PAIR_TABLES; k++)
        {
          const guint16 *p = c->pairs + k * QS_STATS_PAIRS + a * QS_STATS_BIN_SLOTS;

          for (b = 0; b < QS_STATS_BIN_SLOTS; b++)
            {
              row += p[b];
              cols[b] += p[b];
            }
        }
      rows[a] = row;
    }
  for (a = 0; a < QS_STATS_BIN_SLOTS; a++)
    c->slots[0][a] += rows[a] + cols[a];
  memset (c->pairs, 0, QS_STATS_PAIR_TABLES * QS_STATS_PAIRS * sizeof c->pairs[0]);
  c->pairs_used = FALSE;
}

/* Fills *block from x[0, n), n <= QS_STATS_BLOCK.  With p->has_bins, the
 * bin slot of each x[i] (0 .. QS_STATS_BINS − 1, or one of the
 * QS_STATS_BIN_* slots) is counted into @counts (added to what is there);
 * with p->has_fq, the FakeQuantize code of each finite x[i] is set in
 * block->seen when p->fq_mask, else codes[i] gets it (p->fq_none for a NaN
 * or an infinity).  bins and codes are scratch of n elements either way. */
typedef void (*QsStatsF32Func)    (const float         *x,
                                   gsize                n,
                                   const QsStatsParams *p,
                                   QsStatsBlock        *block,
                                   QsStatsCounts       *counts,
                                   guint8              *bins,
                                   guint32             *codes);
/* The finite extremes of x[0, n) folded into *min / *max. */
typedef void (*QsMinMaxF32Func)   (const float *x,
                                   gsize        n,
                                   float       *min,
                                   float       *max);
/* Adds the pairs (x[i], y[i]), n <= QS_STATS_BLOCK, to *sums (as
 * qs_error_sums_add()). */
typedef void (*QsErrorF32Func)    (const float *x,
                                   const float *y,
                                   gsize        n,
                                   QsErrorSums *sums);

/* The exact count-free moments of n <= QS_STATS_BLOCK i32 values (n > 0):
 * their sum (exact), m2 (shifted by x[0], as above) and extremes. */
typedef void (*QsMomentsI32Func)  (const gint32 *x,
                                   gsize         n,
                                   gint64       *sum,
                                   double       *m2,
                                   gint32       *min,
                                   gint32       *max);

/* The integer moments of n <= QS_STATS_TASK bytes, each XORed with @flip
 * first (0x80 makes i8 values v into v + 128): Σu, Σu², min and max (n > 0). */
typedef void (*QsMomentsU8Func)   (const guint8 *x,
                                   gsize         n,
                                   guint8        flip,
                                   guint64      *sum,
                                   guint64      *sumsq,
                                   guint8       *min,
                                   guint8       *max);

/* Adds the pair counters of @counts to its slots and clears them (as
 * _qs_stats_fold_pairs()). */
typedef void (*QsStatsFoldFunc)   (QsStatsCounts *counts);

/* A summary of the moments alone (no bins, no codes) of n <= QS_STATS_TASK
 * f32 values, n > 0, in one run of float lanes under one shift
 * (_qs_stats_task_shift()), reduced once: fills b->n, min, max, sum and m2
 * (b->n_nan, n_inf and the clip counts 0) and returns TRUE when every value
 * is finite and the float sums stand (_qs_stats_finish_task_sums());
 * FALSE, with *b undefined, sends the task through the block passes. */
typedef gboolean (*QsMomentsF32Func) (const float  *x,
                                      gsize         n,
                                      QsStatsBlock *b);

typedef struct
{
  QsStatsF32Func  summary_f32;
  QsStatsFoldFunc fold_pairs;
  QsMomentsI32Func moments_i32;
  QsMomentsU8Func moments_u8;
  QsMinMaxF32Func min_max_f32;
  QsErrorF32Func  error_f32;
  QsMomentsF32Func moments_f32;   /* NULL: the block passes take the task */
} QsStatsKernels;

void _qs_stats_kernels_scalar (QsStatsKernels *k);
void _qs_stats_kernels_avx2   (QsStatsKernels *k);
void _qs_stats_kernels_avx512 (QsStatsKernels *k);

/* The table of @isa (falls back to the best lower one the CPU has). */
const QsStatsKernels *_qs_stats_kernels (QsIsa isa);

/* The scalar reference of qs_summary_add_tensor(), qs_tensor_min_max()
 * and qs_error_sums_add(): one element at a time, in double. */
void     _qs_summary_add_tensor_ref (QsSummary      *summary,
                                     const QsTensor *tensor);
gboolean _qs_tensor_min_max_ref     (const QsTensor *tensor,
                                     double         *min,
                                     double         *max);
gboolean _qs_error_sums_add_ref     (QsErrorSums    *sums,
                                     const QsTensor *reference,
                                     const QsTensor *test);

/* What one tensor adds to a summary (its partial summaries in merge order
 * and the levels its values map to), for qs-stats-memo.c. */
typedef struct _QsSummaryRecord QsSummaryRecord;

QsSummaryRecord *_qs_summary_record_new    (void);
void     _qs_summary_record_free           (QsSummaryRecord       *rec);
void     _qs_summary_record_copy           (QsSummaryRecord       *dest,
                                            const QsSummaryRecord *src);
/* qs_summary_add_tensor (@s, @t), recording into @rec what it adds; FALSE
 * (added all the same, nothing recorded) for a type without a fast pass. */
gboolean _qs_summary_add_tensor_record     (QsSummary             *s,
                                            const QsTensor        *t,
                                            QsSummaryRecord       *rec);
/* Makes @rec the record of adding @from, a summary of one tensor alone
 * (taken elsewhere, as its op wrote it): applied, it adds what
 * qs_summary_merge (s, @from) adds. */
void     _qs_summary_record_set            (QsSummaryRecord       *rec,
                                            const QsSummary       *from);
/* Adds a record again: bit for bit what its tensor's
 * qs_summary_add_tensor() adds to a summary of the same bins and range. */
void     _qs_summary_record_apply          (QsSummary             *s,
                                            const QsSummaryRecord *rec);

/* The codes known to be seen, as an interval of x (see QsStatsBlock):
 * from the longest run of codes in @seen, [*lo, *hi) the values that map
 * into it (exactly: the bounds are found by bisection on the code
 * function).  @run holds the run [run[0], run[1]) *lo and *hi are of
 * ({ 0, 0 } at first); when the longest run is the same, nothing is worked
 * out again.  TRUE when *lo and *hi changed to a new run. */
gboolean _qs_stats_known_codes      (const QsStatsParams *params,
                                     const guint64        seen[4],
                                     guint32              run[2],
                                     float               *lo,
                                     float               *hi);

/* The block parameters of a summary. */
void     _qs_stats_params           (const QsSummary *summary,
                                     QsStatsParams   *params);

/* Chan et al.: the moments (count, mean, sum of squared deviations) of
 * the union of two parts, the first one's updated in place. */
void     _qs_stats_chan_merge       (guint64 *n_a,
                                     double  *mean_a,
                                     double  *m2_a,
                                     guint64  n_b,
                                     double   mean_b,
                                     double   m2_b);

/* Runs tasks 0 .. n_tasks − 1 of a pass over n_elements values: over the
 * thread pool from QS_STATS_PARALLEL_MIN values and two tasks, else in
 * order on this thread. */
void     _qs_stats_run_tasks        (gsize          n_elements,
                                     gsize          n_tasks,
                                     QsParallelFunc func,
                                     gpointer       job);

G_END_DECLS
