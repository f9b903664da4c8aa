/* qs-compare.h — one network as two IRs: the FP32 model against its INT8 export
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The layers of the reference (FP32) model are matched with those of the
 * test (INT8) model: by layer name, then by output tensor name, then by the
 * names in rt_info "fused_names", then by structure (same type, same
 * output shape, and producers already matched) for what remains.  Consts,
 * FakeQuantize layers and constant subgraphs (weight decompression) take
 * no part, as the graph view folds them.  Each matched pair has its
 * constant inputs compared (weights through their decompression, biases),
 * and over a data set its output: the reference run in float mode, the
 * test run in fake-quant (or float) mode, every figure pooled over all
 * samples.  The jump of a pair is the SQNR it loses against the best of its
 * matched inputs.  The models part at the first pair (in run order) that
 * falls below a floor (20 dB) from inputs at or above it, losing at least
 * the jump threshold (6 dB) on the way: quantizing an input costs the first
 * layers a large jump to 30-40 dB, which is not a parting.
 */
#pragma once

#include "qs-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  QS_MATCH_NAME = 0,
  QS_MATCH_TENSOR_NAME,
  QS_MATCH_RT_INFO,
  QS_MATCH_STRUCTURE,
  QS_MATCH_N_WAYS
} QsMatchWay;

const char *qs_match_way_name (QsMatchWay way);

typedef struct
{
  const QsNode *reference;
  const QsNode *test;
  QsMatchWay    way;
  /* constant inputs (weights, biases) compared, when both have them */
  int           const_input;      /* the input whose values differ most, -1 none compared */
  double        const_sqnr_db;    /* its SQNR; NAN none */
  /* over the data set (qs_compare_run()) */
  gboolean      compared;         /* FALSE: not float, or of another size (skip_reason) */
  const char   *skip_reason;
  QsErrorSums   sums;             /* output 0, pooled over the samples */
  double        worst_sqnr_db;    /* the lowest of one sample */
  guint         worst_sample;
  double        jump_db;          /* SQNR lost against its best matched input; NAN none */
} QsComparePair;

typedef struct
{
  gint           ref_count;
  QsModel       *reference;
  QsModel       *test;
  char          *reference_sha256;
  char          *test_sha256;
  QsExecMode     test_mode;       /* FAKE_QUANT or FLOAT */
  guint          n_pairs;
  QsComparePair *pairs;           /* in the reference model's run order */
  guint          by_way[QS_MATCH_N_WAYS];
  GPtrArray     *unmatched_reference;   /* const QsNode * */
  GPtrArray     *unmatched_test;
  gboolean       ran;             /* figures over a data set */
  gboolean       same_inputs;     /* the test model got the reference's input tensors */
  guint          n_samples;
  guint          n_skipped;
  double         jump_threshold_db;
  double         floor_db;
  int            first_jump;      /* pair index, -1 none: where the models part */
  double         seconds;
  GPtrArray     *warnings;        /* char * */
  JsonNode      *inputs;          /* the reference's data set (qs_dataset_to_json()) */
} QsCompareResult;

/* Matches the layers of the two models and compares their constant inputs. */
QsCompareResult *qs_compare_match         (QsModel          *reference,
                                           QsModel          *test);

typedef struct
{
  QsExecMode             test_mode;       /* FAKE_QUANT (default) or FLOAT */
  double                 jump_db;         /* 0: 6 dB */
  double                 floor_db;        /* 0: 20 dB */
  QsOnError              on_error;
  QsAnalysisProgressFunc progress;
  gpointer               progress_data;
} QsCompareOptions;

void             qs_compare_options_init  (QsCompareOptions *options);

/* Matches, then runs both models over the same samples and fills the
 * figures.  When the inputs pair up (matched, same type and shape) the test
 * model gets the very tensors the reference got; else each model reads its
 * own data set (with a warning). */
QsCompareResult *qs_compare_run           (QsModel                *reference,
                                           QsModel                *test,
                                           QsDataset              *reference_data,
                                           QsDataset              *test_data,
                                           const QsCompareOptions *options,
                                           GCancellable           *cancellable,
                                           GError                **error);
QsCompareResult *qs_compare_result_ref    (QsCompareResult *result);
void             qs_compare_result_unref  (QsCompareResult *result);

/* The pairs with the largest jumps, most first, at most @n (-1 ends):
 * among the pairs below the floor when there are any. */
int             *qs_compare_result_rank_jumps (const QsCompareResult *result,
                                               guint                  n);

/* The pairs whose constant inputs differ most (lowest SQNR first), only
 * those below @below_db, at most @n (-1 ends). */
int             *qs_compare_result_rank_constants (const QsCompareResult *result,
                                                   double                 below_db,
                                                   guint                  n);

/* The pair that @node (of either model) belongs to, -1 none. */
int              qs_compare_result_find_pair (const QsCompareResult *result,
                                              const QsNode          *node);

/* What a pair is coloured and sorted by. */
typedef enum
{
  QS_COMPARE_FIGURE_SQNR = 0,     /* the output's, pooled over the samples */
  QS_COMPARE_FIGURE_WORST_SQNR,   /* of the worst sample */
  QS_COMPARE_FIGURE_JUMP,         /* SQNR lost against its matched inputs */
  QS_COMPARE_FIGURE_CONST_SQNR,   /* of the constant input that differs most */
  QS_COMPARE_N_FIGURES
} QsCompareFigure;

gboolean         qs_compare_figure_higher_is_better (QsCompareFigure figure);
/* NAN where the pair has no such figure (not run, not compared). */
double           qs_compare_pair_figure   (const QsCompareResult *result,
                                           guint                  pair,
                                           QsCompareFigure        figure);
/* One value per node of @graph (the reference's or the test model's):
 * its pair's figure, NAN for the layers of no pair. */
double          *qs_compare_result_node_values (const QsCompareResult *result,
                                                const QsGraph         *graph,
                                                QsCompareFigure        figure);

char            *qs_compare_result_to_csv  (const QsCompareResult *result);
char            *qs_compare_result_to_json (const QsCompareResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsCompareResult, qs_compare_result_unref)

G_END_DECLS
