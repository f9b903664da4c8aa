/* qs-analysis.h — one run of a model over a data set, and what it measured
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * qs_analysis_run() runs a model over every sample of a QsDataset in any
 * subset of the three modes and returns a QsAnalysisResult: the capture
 * that `qscope-cli dump`, `render --color-by` and the window all show.
 * Nothing is computed twice by the front ends; they read the result (or
 * a results file, which holds the same thing: qs-analysis-json.c).
 *
 * Per tensor (a row: one output port of a layer that is not a Const) the
 * result keeps, for every mode, the statistics over all samples (one
 * merged summary: extremes and which sample gave them, mean and std of all
 * values, a histogram on the row's fixed bins, clip share and levels used)
 * and, for every error figure, the value over samples: the mean of the
 * per-sample values, the smallest and largest, the sample with the worst,
 * and where it means something the figure pooled over every element of
 * every sample.  The bins are the FakeQuantize's input range where there
 * is one, else the range of the first sample (both modes together); values
 * outside go to below/above counts, so later samples widen nothing.
 *
 * Memory does not grow with the number of samples but for one small record
 * per sample (its name and the errors of each model output), so that the
 * samples that suffer can be named.
 *
 * int8 against fake-quant follows qs_exec_compare_int8(): per FakeQuantize
 * that the int8 run produces as codes, "run" (the int8 graph from the
 * input) and "local" (each layer fed the fake-quant codes).
 */
#pragma once

#include "qs-dataset.h"
#include "qs-exec.h"
#include "qs-stats.h"

G_BEGIN_DECLS

/* Modes as bits: 1 << QsExecMode. */
#define QS_ANALYSIS_FLOAT  (1u << QS_EXEC_MODE_FLOAT)
#define QS_ANALYSIS_FQ     (1u << QS_EXEC_MODE_FAKE_QUANT)
#define QS_ANALYSIS_INT8   (1u << QS_EXEC_MODE_INT8)
#define QS_ANALYSIS_ALL    (QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ | QS_ANALYSIS_INT8)
#define QS_ANALYSIS_N_MODES 3

/* Error figures of a row, each a value over samples. */
typedef enum
{
  QS_FIGURE_SQNR = 0,        /* fake-quant against float, dB */
  QS_FIGURE_NMSE,
  QS_FIGURE_MSE,
  QS_FIGURE_MAX_ABS,
  QS_FIGURE_COSINE,
  QS_FIGURE_CLIP,            /* share of float values the FakeQuantize clips */
  QS_FIGURE_LSB_RUN,         /* int8 against fake-quant, whole run: max codes */
  QS_FIGURE_LSB_RUN_MEAN,    /* ... mean codes */
  QS_FIGURE_EQUAL_RUN,       /* ... share of equal codes */
  QS_FIGURE_LSB_LOCAL,       /* per layer (fed the fake-quant codes): max codes */
  QS_FIGURE_EQUAL_LOCAL,     /* ... share of equal codes */
  QS_N_FIGURES
} QsFigure;

typedef struct
{
  const char *key;           /* "fq_vs_float.sqnr_db" in results files */
  const char *csv;           /* "fq_vs_float_sqnr_db" in CSV columns */
  const char *title;         /* "SQNR (dB)", not translated */
  gboolean    higher_is_better;
} QsFigureInfo;

const QsFigureInfo *qs_figure_get_info (QsFigure   figure);
/* "sqnr", "nmse", "max-abs", "clip", "lsb", "lsb-run", ... (render's names). */
gboolean     qs_figure_parse          (const char *text,
                                       QsFigure   *figure);
const char  *qs_figure_short_name     (QsFigure    figure);

/* How a per-node value is taken from a figure over samples. */
typedef enum
{
  QS_AGGREGATE_MEAN = 0,
  QS_AGGREGATE_WORST,
} QsAggregate;

typedef struct
{
  gboolean has;
  guint    n;                /* samples with a value */
  guint    n_infinite;       /* of them, infinite (an exact SQNR), left out of the mean */
  double   mean;             /* of the finite values; the infinity when all are infinite */
  double   min, max;
  double   pooled;           /* over all elements of all samples at once; NAN where it does not apply */
  guint    worst_sample;     /* the sample with the worst value */
  guint    best_sample;
} QsFigureValue;

double       qs_figure_value_get      (const QsFigureValue *value,
                                       QsAggregate          aggregate,
                                       gboolean             higher_is_better);

typedef struct
{
  gboolean  has;
  guint64   n;                /* finite values over all samples */
  guint64   n_nonfinite;
  double    min, max, mean, std;
  guint     min_sample, max_sample;
  guint64   histogram[QS_STATS_BINS];   /* on the row's bins */
  guint64   below, above;
  gboolean  has_fq;
  double    clipped;          /* over all values of all samples */
  QsFigureValue clipped_per_sample;
  guint     levels_used;      /* codes used by any sample */
} QsModeStats;

typedef enum
{
  QS_BINS_NONE = 0,
  QS_BINS_FAKE_QUANTIZE,      /* the FakeQuantize's input range */
  QS_BINS_FIRST_SAMPLE,       /* the first sample's range */
} QsBinsFrom;

const char  *qs_bins_from_name        (QsBinsFrom  from);

typedef struct
{
  const QsNode  *node;        /* of the graph that was run (NULL when a results file names a layer this model lacks) */
  guint          port;
  guint64        id;
  char          *name;        /* "name", or "name:PORT" for a multi-output layer */
  char          *type;
  char          *version;
  char          *shape;       /* of the first sample */
  QsElementType  element_type;

  /* the FakeQuantize that guards this tensor (the layer itself, or one reading it) */
  gboolean       has_fq;
  guint          fq_levels;
  double         fq_scale_min, fq_scale_max, fq_zp_min, fq_zp_max;
  QsFqRange      fq_range;

  QsBinning      bins;
  QsBinsFrom     bins_from;
  QsModeStats    stats[QS_ANALYSIS_N_MODES];   /* by QsExecMode */
  QsFigureValue  figures[QS_N_FIGURES];
  char          *int8_layer;  /* the Quantize or Requantize the int8 codes come from */
  /* the grid of those codes (QsLptGrid): the LSB figures count its steps,
   * and a mark other than "own" says why they may miss the fake-quant codes */
  QsLptGridMark  int8_grid;
  char          *int8_grid_cause;   /* the Concat, aligned FakeQuantize or AvgPool it names */
  char          *int8_grid_from;    /* the aligned FakeQuantize its input is computed from, or NULL */
  double         int8_grid_low, int8_grid_high, int8_grid_step, int8_grid_own_step;
  gboolean       constant;    /* depends on no model input (weights and what is computed from them) */
} QsAnalysisRow;

/* Model outputs, compared per sample. */
typedef enum
{
  QS_COMPARE_FQ_FLOAT = 0,
  QS_COMPARE_INT8_FLOAT,
  QS_COMPARE_INT8_FQ,
  QS_N_COMPARES
} QsCompare;

const char  *qs_compare_key           (QsCompare   compare);   /* "fq_vs_float", ... */

typedef struct
{
  gboolean    has;
  QsErrorSums sums;
} QsOutputError;

typedef struct
{
  guint          index;       /* in the data set */
  char          *name;
  gboolean       skipped;
  char          *error;       /* why it was skipped */
  double         seconds;
  QsOutputError *outputs;     /* n_outputs × QS_N_COMPARES, [output * QS_N_COMPARES + compare] */
} QsAnalysisSample;

typedef struct _QsAnalysisResult QsAnalysisResult;

struct _QsAnalysisResult
{
  gint              ref_count;
  QsModel          *model;           /* the original model */
  QsModel          *int8_model;      /* the transformed model the int8 rows belong to, or NULL */
  char             *model_path;
  char             *model_sha256;    /* of the XML file */
  guint             modes;           /* QS_ANALYSIS_* bits that were run */
  guint             n_samples;       /* run to the end */
  guint             n_skipped;
  char             *int8_error;      /* why int8 was asked for and not run, or NULL */

  guint             n_rows;
  QsAnalysisRow    *rows;            /* original graph, run order (empty without float and fq) */
  guint             n_int8_rows;
  QsAnalysisRow    *int8_rows;       /* int8 graph, run order (int8 mode only) */

  guint             n_outputs;
  char            **output_names;    /* the original graph's Result layers */
  guint             n_sample_records;
  QsAnalysisSample *samples;         /* every sample, skipped ones included, in order */

  GPtrArray        *warnings;        /* char *, one line each */
  JsonNode         *inputs;          /* what was fed (qs_dataset_to_json()) */
  double            seconds[QS_ANALYSIS_N_MODES];
  double            total_seconds;
  GArray           *profile[QS_ANALYSIS_N_MODES];  /* QsExecProfileRow of each mode's plan, by
                                                    * QsExecMode; NULL unless options->profile */

  /*< private >*/
  GHashTable       *row_of;          /* QsNode * → index + 1 (port 0) */
  GHashTable       *int8_row_of;
};

typedef struct
{
  guint    sample;          /* 0-based, the one being run */
  guint    n_samples;
  guint    layer;           /* of the current pass */
  guint    n_layers;
  const char *pass;         /* "float and fq", "int8" */
  const char *unit;         /* what layer/n_layers count: NULL for layers, "group" */
  guint    skipped;
  double   elapsed;         /* seconds since the run started */
  double   eta;             /* seconds still to go (estimate), < 0 when unknown */
  double   fraction;        /* 0..1 */
} QsAnalysisProgress;

typedef void     (*QsAnalysisProgressFunc) (const QsAnalysisProgress *progress,
                                            gpointer                  user_data);
/* Sees every measured tensor of a sample (mode float, fq or int8); FALSE
 * with @error set stops the run.  For --save-tensors. */
typedef gboolean (*QsAnalysisTensorFunc)   (guint            sample,
                                            const QsNode    *node,
                                            guint            port,
                                            QsExecMode       mode,
                                            const QsTensor  *tensor,
                                            gpointer         user_data,
                                            GError         **error);

typedef enum
{
  QS_ON_ERROR_FAIL = 0,     /* a bad sample stops the run */
  QS_ON_ERROR_SKIP,         /* a bad sample is recorded and left out */
} QsOnError;

typedef struct
{
  guint                  modes;          /* QS_ANALYSIS_* (0: all) */
  QsOnError              on_error;
  QsAnalysisProgressFunc progress;
  gpointer               progress_data;
  QsAnalysisTensorFunc   tensor_func;
  gpointer               tensor_data;
  /* the share of the data set's values an input FakeQuantize may clip before a warning */
  double                 clip_warning;   /* 0: 0.01 */
  gboolean               profile;        /* fill the result's profile (qs_exec_set_profiling()) */
} QsAnalysisOptions;

void               qs_analysis_options_init (QsAnalysisOptions *options);

/* Runs @model (with weights) over @dataset (finished).  int8 comes with a
 * reason in int8_error rather than an error when the model cannot be
 * transformed and other modes were asked for too.  A sample that fails is
 * recorded and skipped, or the run stops, as @options say; cancellation
 * always stops it (QS_EXEC_ERROR_CANCELLED). */
QsAnalysisResult  *qs_analysis_run          (QsModel                 *model,
                                             QsDataset               *dataset,
                                             const QsAnalysisOptions *options,
                                             GCancellable            *cancellable,
                                             GError                 **error);

QsAnalysisResult  *qs_analysis_result_ref   (QsAnalysisResult        *result);
void               qs_analysis_result_unref (QsAnalysisResult        *result);

/* The row of @node's output @port (original graph), or NULL. */
const QsAnalysisRow *qs_analysis_result_find_row  (const QsAnalysisResult *result,
                                                   const QsNode           *node,
                                                   guint                   port);
const QsAnalysisRow *qs_analysis_result_find_int8_row (const QsAnalysisResult *result,
                                                       const QsNode           *node,
                                                       guint                   port);

/* One value per node of @graph (the original or the int8 graph; NAN where
 * there is none): a new array of graph->n_nodes doubles. */
double            *qs_analysis_result_node_values (const QsAnalysisResult *result,
                                                   const QsGraph          *graph,
                                                   QsFigure                figure,
                                                   QsAggregate             aggregate);

/* The SQNR (mean over samples, dB) @row loses against the best-kept of its
 * data inputs, each capped at 150 dB; NAN when it has no meaningful SQNR
 * (not a float output, or an op that selects and reorders values such as
 * DetectionOutput, NonMaxSuppression, TopK). */
double             qs_analysis_result_sqnr_lost   (const QsAnalysisResult *result,
                                                   const QsAnalysisRow    *row);
/* Rows ranked by qs_analysis_result_sqnr_lost(), most lost first: a new
 * array of at most @max row indices (-1 terminated). */
int               *qs_analysis_result_rank_lost   (const QsAnalysisResult *result,
                                                   guint                   max);
/* Whether SQNR means something for @node's output. */
gboolean           qs_node_output_is_comparable   (const QsNode           *node);

/* The errors of output @output of sample @sample (NULL when absent), and
 * of all outputs pooled (combined; FALSE when none). */
const QsOutputError *qs_analysis_sample_output   (const QsAnalysisResult *result,
                                                   guint                   sample,
                                                   guint                   output,
                                                   QsCompare               compare);
gboolean           qs_analysis_sample_combined    (const QsAnalysisResult *result,
                                                   guint                   sample,
                                                   QsCompare               compare,
                                                   QsTensorError          *error);
/* The figure (SQNR..COSINE) of output @output (-1: all pooled) in sample
 * @sample; NAN when the sample was skipped or has no such error. */
double             qs_analysis_sample_figure      (const QsAnalysisResult *result,
                                                   guint                   sample,
                                                   int                     output,
                                                   QsCompare               compare,
                                                   QsFigure                figure);
/* One output's figure over the samples that were run. */
void               qs_analysis_output_figure      (const QsAnalysisResult *result,
                                                   int                     output,   /* -1: combined */
                                                   QsCompare               compare,
                                                   QsFigure                figure,   /* SQNR..COSINE */
                                                   QsFigureValue          *value);

/* @row's int8 grid for a person (qs_lpt_grid_describe()), or NULL when its
 * codes are on the FakeQuantize's own grid. */
char              *qs_analysis_row_grid_note      (const QsAnalysisRow    *row);

/* Results files (qs-analysis-json.c). */
char              *qs_analysis_result_to_json     (const QsAnalysisResult *result);
char              *qs_analysis_result_to_csv      (const QsAnalysisResult *result);
/* Reads a results file for @model; refused with one line when it names
 * another model (by the XML's sha256) or is not a results file. */
QsAnalysisResult  *qs_analysis_result_load        (const char             *path,
                                                   QsModel                *model,
                                                   GError                **error);
QsAnalysisResult  *qs_analysis_result_load_data   (const char             *data,
                                                   gsize                   length,
                                                   const char             *name,
                                                   QsModel                *model,
                                                   GError                **error);
/* The sha256 of @model's XML file, lower-case hex, or NULL when it has no file. */
char              *qs_model_xml_sha256            (const QsModel          *model);

/* Attaches the transformed model @int8_model (made by qs_lpt_run() from
 * result->model) to a loaded result, so that its int8 rows find their nodes
 * by name. */
void               qs_analysis_result_attach_int8_model (QsAnalysisResult *result,
                                                         QsModel          *int8_model);

#define QS_ANALYSIS_ERROR (qs_analysis_error_quark ())

typedef enum
{
  QS_ANALYSIS_ERROR_FORMAT = 1,    /* not a qscope results file */
  QS_ANALYSIS_ERROR_MODEL,         /* a results file of another model */
  QS_ANALYSIS_ERROR_NO_SAMPLES,    /* every sample was skipped */
} QsAnalysisError;

GQuark             qs_analysis_error_quark        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsAnalysisResult, qs_analysis_result_unref)

G_END_DECLS
