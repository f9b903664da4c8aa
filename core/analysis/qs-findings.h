/* qs-findings.h — the rankings the window's findings list first
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * What a person looking at a quantized model asks first, as ranked lists
 * that any view can show: the FakeQuantize layers that clip most and those
 * that use fewest of their levels, and, after a run, the samples whose
 * outputs suffer most.  (The layers that lose most SQNR are
 * qs_analysis_result_rank_lost(); a sensitivity ranking is already ranked.)
 *
 * Before a run only the weights are known: a FakeQuantize on constants gets
 * its clipped share and the codes its weights reach from the constants
 * themselves, each channel against its own input range (all channels
 * together reach every code of a per-channel FakeQuantize, so its sparsest
 * channel is what tells); one on activations has only its levels attribute.  After a run every FakeQuantize gets the
 * run's figures: the float values it receives over the whole data set
 * (the row of the tensor it reads, as the input-clipping warning takes it).
 */
#pragma once

#include "qs-analysis.h"

G_BEGIN_DECLS

typedef struct
{
  const QsNode *node;          /* the FakeQuantize (of the graph that was given or run) */
  guint         levels;        /* its levels attribute */
  guint         n_channels;    /* of its ranges: 1 per-tensor */
  guint         levels_used;   /* distinct codes its values reach; 0 when not known */
  double        clipped;       /* share of its values outside the input range; NAN when not known */
  /* per-channel weights: the channel whose values reach the fewest codes
   * (of its own range), and how many; -1 and 0 otherwise */
  int           sparsest_channel;
  guint         sparsest_levels;
  gboolean      on_weights;    /* it quantizes constants */
  gboolean      from_run;      /* the figures come from a run (else from the constants) */
} QsFqFinding;

/* One finding per FakeQuantize of @graph whose ranges can be read, from
 * the constants alone (see above): a new array of QsFqFinding, document
 * order. */
GArray  *qs_fq_findings_from_graph   (const QsGraph          *graph);
/* The same from a run: every FakeQuantize of the original graph whose input
 * tensor the run measured; the others (on a Const, which has no row) keep
 * what the constants say. */
GArray  *qs_fq_findings_from_result  (const QsAnalysisResult *result);

typedef enum
{
  QS_FQ_RANK_CLIPPED = 0,      /* the largest clipped share first; those that clip nothing left out */
  QS_FQ_RANK_FEWEST_LEVELS,    /* the fewest codes reached first: by the sparsest channel of
                                * per-channel weights, else by all values (else the levels) */
} QsFqRank;

/* The first @max findings of @findings in the order @rank says: a new array
 * of QsFqFinding.  Ties keep document order. */
GArray  *qs_fq_findings_rank         (GArray                 *findings,
                                      QsFqRank                rank,
                                      guint                   max);

/* The samples of @result ranked by the @compare SQNR of all outputs pooled,
 * the worst first (skipped samples and samples without a figure left out):
 * a new array of at most @max sample indices, -1 terminated. */
int     *qs_analysis_result_rank_samples (const QsAnalysisResult *result,
                                          QsCompare               compare,
                                          guint                   max);

G_END_DECLS
