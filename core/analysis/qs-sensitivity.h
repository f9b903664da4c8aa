/* qs-sensitivity.h — which quantizer costs the accuracy
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The activation FakeQuantize layers of a model, in groups as OpenVINO's
 * low-precision transformation would keep them together, each measured
 * over a data set in two ways against the float run (every activation
 * FakeQuantize bypassed, weights as stored):
 *
 *   revert  the group bypassed, every other quantizer kept: how much of
 *           the model's output error goes away with it;
 *   alone   only the group quantized: how much error it causes by itself.
 *
 * The error is that of the model's outputs (Results); where a Result
 * comes from a layer that selects or reorders values (DetectionOutput,
 * TopK, ...), the tensors fed to that layer are measured too and stand
 * for it in the combined figure.  Per measured tensor it is
 * the SQNR and NMSE pooled over every element of every sample; the
 * combined figure, which ranks the groups, is the mean of the NMSE of the
 * outputs whose SQNR means something (not DetectionOutput, TopK, ...),
 * given in dB as −10·log10 (mean NMSE), so that outputs of different scale
 * weigh the same.
 *
 * Every switched run of a sample starts from two runs kept whole (the
 * float and the fake-quant run of that sample) and computes again only the
 * layers downstream of the group's quantizers.  When the two kept runs do
 * not fit in the run-memory limit, every run is computed in full, and the
 * result says so.  Both ways give the same figures bit for bit.
 *
 * Weight quantizers are not measured: the float run keeps them (an IR's
 * compressed weights have no float original to go back to).
 */
#pragma once

#include "qs-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  QS_GROUPING_ALIGNED = 0,   /* FakeQuantize layers LPT aligns through a Concat */
  QS_GROUPING_LAYER,         /* ... and those that feed one layer together */
} QsGrouping;

const char  *qs_grouping_name   (QsGrouping  grouping);
gboolean     qs_grouping_parse  (const char *text,
                                 QsGrouping *grouping);

#define QS_SENSITIVITY_REVERT  (1u << 0)
#define QS_SENSITIVITY_ALONE   (1u << 1)
#define QS_SENSITIVITY_BOTH    (QS_SENSITIVITY_REVERT | QS_SENSITIVITY_ALONE)

/* The groups of @graph's activation FakeQuantize layers: a new array of
 * GPtrArray (each of const QsNode *, in graph order), in the order of
 * their first members. */
GPtrArray   *qs_sensitivity_groups (const QsGraph *graph,
                                    QsGrouping     grouping);

/* One measure of one group: per output, and combined. */
typedef struct
{
  QsErrorSums *outputs;      /* n_outputs, pooled over samples */
  double       combined_db;  /* −10·log10 (mean NMSE of the compared outputs) */
} QsSensitivityMeasure;

typedef struct
{
  GPtrArray   *fqs;          /* const QsNode *: the group's FakeQuantize layers, graph order */
  GPtrArray   *feeds;        /* const QsNode *: the layers their values reach first, past ops that move codes */
  guint        n_downstream; /* layers computed again for each switched run */
  QsSensitivityMeasure revert;
  QsSensitivityMeasure alone;
  double       gain_db;      /* revert.combined_db − the fake-quant run's */
} QsSensitivityGroup;

typedef struct
{
  const QsNode *node;
  guint         port;
  gboolean      compared;    /* counted in the combined figure */
} QsSensitivityPoint;

typedef struct
{
  gint                ref_count;
  QsModel            *model;
  char               *model_path;
  char               *model_sha256;
  QsGrouping          grouping;
  guint               measures;        /* QS_SENSITIVITY_* */
  guint               n_samples;       /* run to the end */
  guint               n_skipped;
  guint               n_outputs;       /* measured tensors: the Results, and what feeds a selecting one */
  QsSensitivityPoint *points;          /* n_outputs */
  char              **output_names;
  gboolean           *output_compared; /* n_outputs: counted in the combined figure */
  QsSensitivityMeasure baseline;       /* the fake-quant run against the float run */
  guint               n_groups;
  QsSensitivityGroup *groups;          /* ranked: the most costly first */
  gboolean            reused;          /* switched runs computed only what lies downstream */
  guint               n_layers;        /* layers of one full run (Parameters and Consts left out) */
  guint64             layers_computed; /* by the switched runs, over all samples */
  guint64             layers_full;     /* what they would have computed in full */
  double              seconds;
  GPtrArray          *warnings;        /* char *, one line each */
  JsonNode           *inputs;          /* what was fed (qs_dataset_to_json()) */
} QsSensitivityResult;

typedef struct
{
  QsGrouping             grouping;
  guint                  measures;      /* 0: both */
  QsOnError              on_error;
  gboolean               no_reuse;      /* compute every run in full */
  QsAnalysisProgressFunc progress;      /* layer/n_layers: the group being run */
  gpointer               progress_data;
} QsSensitivityOptions;

void                 qs_sensitivity_options_init  (QsSensitivityOptions       *options);

/* Runs the ranking of @model (with weights) over @dataset.  A model without
 * an activation FakeQuantize is refused in one line. */
QsSensitivityResult *qs_sensitivity_run           (QsModel                    *model,
                                                   QsDataset                  *dataset,
                                                   const QsSensitivityOptions *options,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);
QsSensitivityResult *qs_sensitivity_result_ref    (QsSensitivityResult        *result);
void                 qs_sensitivity_result_unref  (QsSensitivityResult        *result);

/* The SQNR (dB) and NMSE of output @output (-1: the combined figure, NMSE
 * then being the mean) of a measure. */
void                 qs_sensitivity_measure_output (const QsSensitivityResult  *result,
                                                    const QsSensitivityMeasure *measure,
                                                    int                         output,
                                                    double                     *sqnr_db,
                                                    double                     *nmse);

/* A ranking read back from qs_sensitivity_result_to_json(): what the
 * views need (the groups in rank order, their FakeQuantize names and
 * figures). */
typedef struct
{
  char   **fake_quantize;  /* NULL-terminated */
  double   gain_db;        /* revert gain; NAN when not measured; ±inf as written (±999) */
  double   alone_db;       /* alone SQNR; NAN when not measured */
} QsSensitivityRankedGroup;

typedef struct
{
  double                    baseline_db;  /* the fake-quant run against the float run */
  guint                     n_groups;
  QsSensitivityRankedGroup *groups;
} QsSensitivityRanking;

/* Refuses, in one line, a file that is no ranking or is another model's. */
QsSensitivityRanking *qs_sensitivity_ranking_load  (const char                 *path,
                                                    QsModel                    *model,
                                                    GError                    **error);
/* The same from memory; @name stands for the file in errors. */
QsSensitivityRanking *qs_sensitivity_ranking_load_data (const char             *data,
                                                        gsize                   length,
                                                        const char             *name,
                                                        QsModel                *model,
                                                        GError                **error);
/* The ranking of a result in memory: what reading its JSON back gives. */
QsSensitivityRanking *qs_sensitivity_ranking_new   (const QsSensitivityResult  *result);
void                 qs_sensitivity_ranking_free   (QsSensitivityRanking       *ranking);
/* Group @group's FakeQuantize layers in @graph (the ranked model's),
 * then the layers their values reach first: a new array of const QsNode *. */
GPtrArray           *qs_sensitivity_ranking_group_nodes (const QsSensitivityRanking *ranking,
                                                         const QsGraph              *graph,
                                                         guint                       group);
/* By node index of @graph (the ranked model's): the revert gain (or with
 * @alone the alone SQNR) of the group of each FakeQuantize and of the
 * layers its values reach first; NAN elsewhere.  A new array. */
double              *qs_sensitivity_ranking_node_values (const QsSensitivityRanking *ranking,
                                                         const QsGraph              *graph,
                                                         gboolean                    alone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsSensitivityRanking, qs_sensitivity_ranking_free)

/* The FakeQuantize names of the first @top groups of a ranking written by
 * qs_sensitivity_result_to_json() for @model (refused, in one line, when
 * it is another model's): a new array of char *, rank order. */
GPtrArray           *qs_sensitivity_read_top       (const char                 *path,
                                                    QsModel                    *model,
                                                    guint                       top,
                                                    GError                    **error);

char                *qs_sensitivity_result_to_csv  (const QsSensitivityResult  *result);
char                *qs_sensitivity_result_to_json (const QsSensitivityResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsSensitivityResult, qs_sensitivity_result_unref)

G_END_DECLS
