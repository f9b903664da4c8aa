/* qs-stats.h — statistics of one tensor and errors between two
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-tensor.h"

G_BEGIN_DECLS

#define QS_STATS_BINS 64

/* A FakeQuantize range to mark in the statistics (per-tensor view: the
 * lowest in_low and highest in_high over channels). */
typedef struct
{
  float in_low, in_high;
  guint levels;
} QsFqRange;

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

void     qs_tensor_stats_compute (const QsTensor  *tensor,
                                  const QsFqRange *fq,
                                  QsTensorStats   *stats);
/* The bin of @value in stats' histogram (for marking the FQ range). */
int      qs_tensor_stats_bin     (const QsTensorStats *stats,
                                  double               value);

/* y compared with reference x: SQNR dB = 20 log10(|x| / |x - y|) (inf when
 * equal), NMSE = |x-y|^2 / |x|^2, MSE, max |x-y|, cosine similarity. */
typedef struct
{
  double sqnr_db, nmse, mse, max_abs, cosine;
} QsTensorError;

gboolean qs_tensor_error_compute (const QsTensor *reference,
                                  const QsTensor *test,
                                  QsTensorError  *err);

/* int8 vs fake-quant: differences in units of the quantization @step. */
typedef struct
{
  double max_steps, mean_steps, share_differ;
} QsStepError;

gboolean qs_tensor_step_error    (const QsTensor *reference,
                                  const QsTensor *test,
                                  double          step,
                                  QsStepError    *err);

G_END_DECLS
