/* qs-layer-run.h — one run of a model in float, fake-quant and int8, compared layer by layer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Plain data, made in a worker thread and read by the window: one row per
 * layer of the original graph that computes something from the inputs
 * (constants are left out), with the errors of the fake-quant output
 * against the float one and the statistics behind the histograms.  The
 * tensors themselves are dropped as soon as they are measured, so a run of
 * a large model costs the memory of one run, not of all its activations.
 */
#pragma once

#include <gio/gio.h>

#include "qs-exec.h"
#include "qs-input.h"
#include "qs-stats.h"

G_BEGIN_DECLS

typedef enum
{
  QS_METRIC_SQNR = 0,   /* dB, higher is better */
  QS_METRIC_NMSE,
  QS_METRIC_MAX_ABS,
  QS_METRIC_CLIP,       /* share of float values outside the FakeQuantize range */
  QS_METRIC_LSB,        /* int8 codes against fake-quant codes, in steps */
  QS_N_METRICS
} QsMetric;

typedef struct
{
  const QsNode  *node;                 /* of the original graph */
  char          *shape;
  char          *element_type;
  double         metrics[QS_N_METRICS]; /* NAN where there is none */
  gboolean       has_stats;
  QsTensorStats  float_stats;
  QsTensorStats  fq_stats;
} QsLayerErrors;

typedef struct _QsLayerRun QsLayerRun;

struct _QsLayerRun
{
  gint            ref_count;
  QsModel        *model;
  char           *input_description;
  guint           n_rows;
  QsLayerErrors  *rows;                /* in run order */
  gboolean        has_int8;
  char           *int8_error;          /* why there is no int8 comparison, or NULL */
  double          seconds;

  /*< private >*/
  GHashTable     *row_of;              /* QsNode * → row + 1 */
};

/* Runs @model on @inputs in float and fake-quant mode in lockstep, and in
 * int8 mode when the model can be transformed (otherwise int8_error says
 * why).  @progress (atomic, nullable) gets the share done in thousandths.
 * Errors of the float and fake-quant runs name the layer. */
QsLayerRun      *qs_layer_run_execute      (QsModel          *model,
                                            QsTensor *const  *inputs,
                                            const char       *input_description,
                                            GCancellable     *cancellable,
                                            gint             *progress,
                                            GError          **error);
QsLayerRun      *qs_layer_run_ref          (QsLayerRun       *run);
void             qs_layer_run_unref        (QsLayerRun       *run);

/* The row of @node (an original node), or -1. */
int              qs_layer_run_find_row     (const QsLayerRun *run,
                                            const QsNode     *node);
/* One value per node of the original graph (NAN for nodes without a row):
 * a new array of graph->n_nodes doubles for qs_paint_scene_map_values(). */
double          *qs_layer_run_node_values  (const QsLayerRun *run,
                                            QsMetric          metric);
/* The row with the worst value of @metric, or -1. */
int              qs_layer_run_find_worst   (const QsLayerRun *run,
                                            QsMetric          metric);

gboolean         qs_metric_higher_is_better (QsMetric         metric);
/* Column titles and file keys. */
const char      *qs_metric_title           (QsMetric          metric);
const char      *qs_metric_key             (QsMetric          metric);
char            *qs_metric_format          (QsMetric          metric,
                                            double            value);

/* The table as CSV or JSON text. */
char            *qs_layer_run_to_csv       (const QsLayerRun *run);
char            *qs_layer_run_to_json      (const QsLayerRun *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsLayerRun, qs_layer_run_unref)

G_END_DECLS
