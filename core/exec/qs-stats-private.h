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
} QsStatsParams;

/* One block's figures: the finite values' count, sum, extremes and the sum
 * of squared deviations from the block's own mean; min / max are +inf /
 * −inf without finite values. */
typedef struct
{
  guint64 n, n_nan, n_inf;
  guint64 clipped_low, clipped_high;
  float   min, max;
  double  sum, m2;
  guint64 seen[4];     /* with p->fq_mask: bit c of the codes c the values map to */
} QsStatsBlock;

/* Fills *block from x[0, n), n <= QS_STATS_BLOCK.  With p->has_bins, bins[i]
 * gets the bin slot of x[i] (0 .. QS_STATS_BINS − 1, or one of the
 * QS_STATS_BIN_* slots); with p->has_fq, the FakeQuantize code of each
 * finite x[i] is set in block->seen when p->fq_mask, else codes[i] gets it
 * (p->fq_none for a NaN or an infinity).  codes is scratch either way. */
typedef void (*QsStatsF32Func)    (const float         *x,
                                   gsize                n,
                                   const QsStatsParams *p,
                                   QsStatsBlock        *block,
                                   guint8              *bins,
                                   guint32             *codes);
/* The finite extremes of x[0, n) folded into *min / *max. */
typedef void (*QsMinMaxF32Func)   (const float *x,
                                   gsize        n,
                                   float       *min,
                                   float       *max);
/* Adds the pairs (x[i], y[i]) to *sums (as qs_error_sums_add()). */
typedef void (*QsErrorF32Func)    (const float *x,
                                   const float *y,
                                   gsize        n,
                                   QsErrorSums *sums);

typedef struct
{
  QsStatsF32Func  summary_f32;
  QsMinMaxF32Func min_max_f32;
  QsErrorF32Func  error_f32;
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

/* The block parameters of a summary. */
void     _qs_stats_params           (const QsSummary *summary,
                                     QsStatsParams   *params);

G_END_DECLS
