/* qs-analysis.c — the run over a data set
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One plan per mode is made once and runs every sample, so weights are
 * prepared once.  Per sample, float and fake-quant step in lockstep over
 * the original graph (each layer's two outputs are measured, compared and
 * freed); the fake-quant run also teaches a QsInt8Check the codes every
 * FakeQuantize means, and the int8 plan then runs twice against them.
 * What a sample measures goes into per-row scratch first and is merged
 * into the aggregates only when the sample completes, so a sample that
 * fails halfway (and is skipped) leaves no trace in the figures.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-analysis.h"
#include "qs-lpt.h"
#include "qs-stats-memo.h"
#include "qs-weights.h"

G_DEFINE_QUARK (qs-analysis-error-quark, qs_analysis_error)

static const QsFigureInfo figure_info[QS_N_FIGURES] = {
  [QS_FIGURE_SQNR]        = { "fq_vs_float.sqnr_db", "fq_vs_float_sqnr_db", "SQNR (dB)", TRUE },
  [QS_FIGURE_NMSE]        = { "fq_vs_float.nmse", "fq_vs_float_nmse", "NMSE", FALSE },
  [QS_FIGURE_MSE]         = { "fq_vs_float.mse", "fq_vs_float_mse", "MSE", FALSE },
  [QS_FIGURE_MAX_ABS]     = { "fq_vs_float.max_abs", "fq_vs_float_max_abs", "Max abs error", FALSE },
  [QS_FIGURE_COSINE]      = { "fq_vs_float.cosine", "fq_vs_float_cosine", "Cosine", TRUE },
  [QS_FIGURE_CLIP]        = { "float.fq_clipped_per_sample", "float_fq_clipped", "Clipped", FALSE },
  [QS_FIGURE_LSB_RUN]     = { "int8_vs_fq.max_lsb", "int8_vs_fq_max_lsb", "int8 error, whole run (LSB)", FALSE },
  [QS_FIGURE_LSB_RUN_MEAN] = { "int8_vs_fq.mean_lsb", "int8_vs_fq_mean_lsb", "int8 mean error, whole run (LSB)", FALSE },
  [QS_FIGURE_EQUAL_RUN]   = { "int8_vs_fq.share_equal", "int8_vs_fq_share_equal", "int8 equal codes, whole run", TRUE },
  [QS_FIGURE_LSB_LOCAL]   = { "int8_vs_fq.local_max_lsb", "int8_local_max_lsb", "int8 error, per layer (LSB)", FALSE },
  [QS_FIGURE_EQUAL_LOCAL] = { "int8_vs_fq.local_share_equal", "int8_local_share_equal", "int8 equal codes, per layer", TRUE },
};

static const char *const figure_short[QS_N_FIGURES] = {
  "sqnr", "nmse", "mse", "max-abs", "cosine", "clip", "lsb-run", "lsb-run-mean", "equal-run", "lsb", "equal",
};

const QsFigureInfo *
qs_figure_get_info (QsFigure figure)
{
  g_return_val_if_fail (figure < QS_N_FIGURES, &figure_info[0]);
  return &figure_info[figure];
}

const char *
qs_figure_short_name (QsFigure figure)
{
  g_return_val_if_fail (figure < QS_N_FIGURES, "?");
  return figure_short[figure];
}

gboolean
qs_figure_parse (const char *text,
                 QsFigure   *figure)
{
  guint i;

  for (i = 0; i < QS_N_FIGURES; i++)
    if (g_strcmp0 (text, figure_short[i]) == 0)
      {
        *figure = i;
        return TRUE;
      }
  return FALSE;
}

const char *
qs_bins_from_name (QsBinsFrom from)
{
  switch (from)
    {
    case QS_BINS_FAKE_QUANTIZE: return "fake_quantize";
    case QS_BINS_FIRST_SAMPLE: return "first_sample";
    case QS_BINS_NONE:
    default: return "none";
    }
}

const char *
qs_compare_key (QsCompare compare)
{
  switch (compare)
    {
    case QS_COMPARE_FQ_FLOAT: return "fq_vs_float";
    case QS_COMPARE_INT8_FLOAT: return "int8_vs_float";
    case QS_COMPARE_INT8_FQ: return "int8_vs_fq";
    default: return "?";
    }
}

double
qs_figure_value_get (const QsFigureValue *v,
                     QsAggregate          aggregate,
                     gboolean             higher_is_better)
{
  if (v == NULL || !v->has)
    return NAN;
  if (aggregate == QS_AGGREGATE_WORST)
    return higher_is_better ? v->min : v->max;
  return v->mean;
}

void
qs_analysis_options_init (QsAnalysisOptions *options)
{
  memset (options, 0, sizeof *options);
  options->modes = QS_ANALYSIS_ALL;
  options->clip_warning = 0.01;
}

/* ---- values over samples ---- */

typedef struct
{
  guint  n, n_inf;
  double sum;
  double min, max;
  guint  min_sample, max_sample;
} Agg;

static void
agg_init (Agg *a)
{
  memset (a, 0, sizeof *a);
  a->min = INFINITY;
  a->max = -INFINITY;
}

static void
agg_add (Agg    *a,
         double  v,
         guint   sample)
{
  if (isnan (v))
    return;
  if (a->n == 0 || v < a->min)
    {
      a->min = v;
      a->min_sample = sample;
    }
  if (a->n == 0 || v > a->max)
    {
      a->max = v;
      a->max_sample = sample;
    }
  a->n++;
  if (isinf (v))
    a->n_inf++;
  else
    a->sum += v;
}

static void
agg_finish (const Agg     *a,
            gboolean       higher_is_better,
            double         pooled,
            QsFigureValue *v)
{
  memset (v, 0, sizeof *v);
  v->pooled = NAN;
  if (a->n == 0)
    return;
  v->has = TRUE;
  v->n = a->n;
  v->n_infinite = a->n_inf;
  v->min = a->min;
  v->max = a->max;
  if (a->n > a->n_inf)
    v->mean = a->sum / (a->n - a->n_inf);
  else
    v->mean = a->max;   /* all infinite: of one sign in practice */
  v->pooled = pooled;
  v->worst_sample = higher_is_better ? a->min_sample : a->max_sample;
  v->best_sample = higher_is_better ? a->max_sample : a->min_sample;
}

/* ---- FakeQuantize facts of a row (constant ranges) ---- */

static const QsNode *
guarding_fq (const QsNode *node,
             guint         port)
{
  guint i;

  if (qs_node_is_type (node, "FakeQuantize"))
    return node;
  if (port >= node->n_outputs)
    return NULL;
  for (i = 0; i < node->outputs[port].n_consumers; i++)
    {
      const QsPort *c = node->outputs[port].consumers[i];

      if (c->index == 0 && qs_node_is_type (c->node, "FakeQuantize"))
        return c->node;
    }
  return NULL;
}

static float *
const_input (const QsNode *node,
             guint         i,
             guint64      *n)
{
  const QsNode *c = qs_node_input_node (node, i);

  if (c == NULL)
    return NULL;
  c = qs_node_skip_convert (c);
  if (c == NULL || c->konst == NULL || c->konst->data == NULL)
    return NULL;
  *n = c->konst->n_elements;
  return qs_const_to_f32 (c, NULL);
}

static void
row_set_fq (QsAnalysisRow *row,
            const QsNode  *fq)
{
  g_autofree float *il = NULL, *ih = NULL, *ol = NULL, *oh = NULL;
  guint64 nil = 0, nih = 0, nol = 0, noh = 0, k;
  gint64 levels = 0;

  if (fq == NULL || !qs_node_get_int (fq, "levels", 0, &levels, NULL) || levels < 2 || levels > G_MAXUINT)
    return;
  il = const_input (fq, 1, &nil);
  ih = const_input (fq, 2, &nih);
  ol = const_input (fq, 3, &nol);
  oh = const_input (fq, 4, &noh);
  if (il == NULL || ih == NULL || ol == NULL || oh == NULL || nil == 0 || nih == 0 || nol == 0 || noh == 0)
    return;
  row->has_fq = TRUE;
  row->fq_levels = levels;
  row->fq_range.levels = levels;
  row->fq_range.in_low = il[0];
  row->fq_range.in_high = ih[0];
  for (k = 1; k < nil; k++)
    row->fq_range.in_low = MIN (row->fq_range.in_low, il[k]);
  for (k = 1; k < nih; k++)
    row->fq_range.in_high = MAX (row->fq_range.in_high, ih[k]);
  row->fq_scale_min = row->fq_zp_min = INFINITY;
  row->fq_scale_max = row->fq_zp_max = -INFINITY;
  for (k = 0; k < MAX (nol, noh); k++)
    {
      double lo = ol[MIN (k, nol - 1)], hi = oh[MIN (k, noh - 1)];
      double scale = (hi - lo) / (levels - 1);
      double zp = scale != 0 ? -lo / scale : 0;

      row->fq_scale_min = MIN (row->fq_scale_min, scale);
      row->fq_scale_max = MAX (row->fq_scale_max, scale);
      row->fq_zp_min = MIN (row->fq_zp_min, zp);
      row->fq_zp_max = MAX (row->fq_zp_max, zp);
    }
}

/* ---- the engine ---- */

typedef struct
{
  QsSummary   sum[QS_ANALYSIS_N_MODES];
  gboolean    has_sum[QS_ANALYSIS_N_MODES];
  guint       min_sample[QS_ANALYSIS_N_MODES];
  guint       max_sample[QS_ANALYSIS_N_MODES];
  Agg         clip[QS_ANALYSIS_N_MODES];
  QsErrorSums err;
  QsStepSums  run_steps, local_steps;
  Agg         fig[QS_N_FIGURES];

  /* this sample */
  QsSummary   cur[QS_ANALYSIS_N_MODES];
  gboolean    cur_has[QS_ANALYSIS_N_MODES];
  QsErrorSums cur_err;
  gboolean    cur_has_err;
  QsStepSums  cur_run, cur_local;
  gboolean    cur_has_int8;
} RowAcc;

typedef struct
{
  GArray     *rows;       /* QsAnalysisRow */
  GArray     *accs;       /* RowAcc */
  GHashTable *index;      /* (node, port) key → index + 1 */
  gboolean    fixed;      /* the rows are known (a sample completed) */
  guint       cursor;
} Table;

typedef struct
{
  QsModel            *model;
  QsDataset          *dataset;
  QsAnalysisOptions   opts;
  GCancellable       *cancellable;
  QsExec             *exec[QS_ANALYSIS_N_MODES];
  QsInt8Check        *check;
  QsAnalysisResult   *result;
  Table               orig, int8;
  GHashTable         *output_of;   /* original Result node → index + 1 */
  gint64              start;
  guint               sample;
  guint               n_done;      /* samples finished (run or skipped) */
  double              pass_from, pass_to;   /* fraction of this sample the current pass covers */
  const char         *pass;
  guint               n_layers;
  QsTensor          **outputs[2];  /* this sample's float and fq Result tensors, by output */
  GError             *callback_error;
  const double    *bins_range;    /* {min, max} for a row made from a tensor without data */
  QsSummaryMemo      *memo[QS_ANALYSIS_N_MODES];   /* a mode run alone: each output read once */
} Engine;

static gpointer
row_key (const QsNode *node,
         guint         port)
{
  /* ports of one node are few; a node's index is unique in its graph */
  return GSIZE_TO_POINTER (((gsize) node->index << 8 | MIN (port, 255u)) + 1);
}

static void
table_init (Table *t)
{
  t->rows = g_array_new (FALSE, TRUE, sizeof (QsAnalysisRow));
  t->accs = g_array_new (FALSE, TRUE, sizeof (RowAcc));
  t->index = g_hash_table_new (NULL, NULL);
}

static void
row_clear (QsAnalysisRow *row)
{
  g_free (row->name);
  g_free (row->type);
  g_free (row->version);
  g_free (row->shape);
  g_free (row->int8_layer);
  g_free (row->int8_grid_cause);
  g_free (row->int8_grid_from);
}

static void
acc_clear (RowAcc *a)
{
  guint m;

  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    {
      qs_summary_clear (&a->sum[m]);
      qs_summary_clear (&a->cur[m]);
    }
}

static void
table_reset (Table *t)
{
  guint i;

  for (i = 0; i < t->rows->len; i++)
    {
      row_clear (&g_array_index (t->rows, QsAnalysisRow, i));
      acc_clear (&g_array_index (t->accs, RowAcc, i));
    }
  g_array_set_size (t->rows, 0);
  g_array_set_size (t->accs, 0);
  g_hash_table_remove_all (t->index);
}

static void
table_free (Table *t)
{
  if (t->rows == NULL)
    return;
  table_reset (t);
  g_array_unref (t->rows);
  g_array_unref (t->accs);
  g_hash_table_unref (t->index);
}

/* A row's bins: the FakeQuantize range, else the first sample's range over
 * every mode's tensor. */
static void
row_set_bins (QsAnalysisRow   *row,
              QsTensor *const *t,
              guint            n,
              const double    *range)
{
  double lo = INFINITY, hi = -INFINITY;
  guint m;

  if (row->has_fq)
    {
      row->bins.lo = row->fq_range.in_low;
      row->bins.hi = row->fq_range.in_high;
      row->bins_from = QS_BINS_FAKE_QUANTIZE;
      return;
    }
  for (m = 0; m < n; m++)
    {
      double a, b;

      if (t[m] != NULL && t[m]->data == NULL && range != NULL)
        {
          /* a fused link of the int8 run: its range came from the run */
          if (range[0] <= range[1])
            {
              lo = MIN (lo, range[0]);
              hi = MAX (hi, range[1]);
            }
        }
      else if (t[m] != NULL && t[m]->data != NULL && qs_tensor_min_max (t[m], &a, &b))
        {
          lo = MIN (lo, a);
          hi = MAX (hi, b);
        }
    }
  if (lo > hi)
    lo = hi = 0;
  row->bins.lo = (float) lo;
  row->bins.hi = (float) hi;
  /* float rounding must not leave the extremes outside */
  if (row->bins.lo > lo)
    row->bins.lo = nextafterf (row->bins.lo, -INFINITY);
  if (row->bins.hi < hi)
    row->bins.hi = nextafterf (row->bins.hi, INFINITY);
  row->bins_from = QS_BINS_FIRST_SAMPLE;
}

/* The row of (node, port) for this sample: made on the first sample,
 * found on the next ones (they come in the same order). */
static guint
table_row (Engine          *e,
           Table           *t,
           const QsNode    *node,
           guint            port,
           QsTensor *const *tensors,
           guint            n_tensors,
           gboolean        *is_new)
{
  gpointer key = row_key (node, port);
  QsAnalysisRow row = { 0 };
  RowAcc acc = { 0 };
  guint idx, m;

  *is_new = FALSE;
  if (t->cursor < t->rows->len)
    {
      QsAnalysisRow *r = &g_array_index (t->rows, QsAnalysisRow, t->cursor);

      if (r->node == node && r->port == port)
        return t->cursor++;
    }
  idx = GPOINTER_TO_UINT (g_hash_table_lookup (t->index, key));
  if (idx > 0)
    {
      t->cursor = idx;
      return idx - 1;
    }

  /* a new row */
  *is_new = TRUE;
  row.node = node;
  row.port = port;
  row.id = node->id;
  row.name = node->n_outputs > 1 ? g_strdup_printf ("%s:%u", node->name, port) : g_strdup (node->name);
  row.type = g_strdup (node->type);
  row.version = g_strdup (node->version);
  for (m = 0; m < n_tensors && tensors[m] == NULL; m++)
    ;
  if (m < n_tensors)
    {
      row.shape = qs_tensor_shape_to_string (tensors[m]);
      row.element_type = tensors[m]->type;
    }
  else
    row.shape = g_strdup ("");
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    if (e->exec[m] != NULL && qs_exec_get_model (e->exec[m])->graph == node->graph)
      {
        row.constant = qs_exec_node_is_constant (e->exec[m], node);
        break;
      }
  row_set_fq (&row, guarding_fq (node, port));
  row_set_bins (&row, tensors, n_tensors, e->bins_range);
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    {
      qs_summary_init (&acc.sum[m], &row.bins, row.has_fq ? &row.fq_range : NULL);
      qs_summary_init (&acc.cur[m], &row.bins, row.has_fq ? &row.fq_range : NULL);
      agg_init (&acc.clip[m]);
    }
  for (m = 0; m < QS_N_FIGURES; m++)
    agg_init (&acc.fig[m]);
  g_array_append_val (t->rows, row);
  g_array_append_val (t->accs, acc);
  idx = t->rows->len - 1;
  g_hash_table_insert (t->index, key, GUINT_TO_POINTER (idx + 1));
  t->cursor = idx + 1;
  return idx;
}

/* Drops what this sample put into the rows' scratch. */
static void
table_discard_sample (Table *t)
{
  guint i, m;

  if (!t->fixed)
    {
      table_reset (t);
      return;
    }
  for (i = 0; i < t->accs->len; i++)
    {
      RowAcc *a = &g_array_index (t->accs, RowAcc, i);

      for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
        if (a->cur_has[m])
          {
            QsSummary fresh;

            qs_summary_init (&fresh, a->cur[m].has_bins ? &a->cur[m].bins : NULL,
                             a->cur[m].has_fq ? &a->cur[m].fq : NULL);
            qs_summary_clear (&a->cur[m]);
            a->cur[m] = fresh;
            a->cur_has[m] = FALSE;
          }
      a->cur_has_err = FALSE;
      a->cur_has_int8 = FALSE;
    }
}

static void
table_commit_sample (Table *t,
                     guint  sample)
{
  guint i, m;

  for (i = 0; i < t->accs->len; i++)
    {
      RowAcc *a = &g_array_index (t->accs, RowAcc, i);

      for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
        {
          QsSummary fresh;

          if (!a->cur_has[m])
            continue;
          if (a->cur[m].n > 0 && (!a->has_sum[m] || a->sum[m].n == 0 || a->cur[m].min < a->sum[m].min))
            a->min_sample[m] = sample;
          if (a->cur[m].n > 0 && (!a->has_sum[m] || a->sum[m].n == 0 || a->cur[m].max > a->sum[m].max))
            a->max_sample[m] = sample;
          qs_summary_merge (&a->sum[m], &a->cur[m]);
          a->has_sum[m] = TRUE;
          if (a->cur[m].has_fq && a->cur[m].n > 0)
            agg_add (&a->clip[m], qs_summary_clipped (&a->cur[m]), sample);
          qs_summary_init (&fresh, a->cur[m].has_bins ? &a->cur[m].bins : NULL,
                           a->cur[m].has_fq ? &a->cur[m].fq : NULL);
          qs_summary_clear (&a->cur[m]);
          a->cur[m] = fresh;
          a->cur_has[m] = FALSE;
        }
      if (a->cur_has_err)
        {
          QsTensorError err;

          qs_tensor_error_from_sums (&a->cur_err, &err);
          qs_error_sums_merge (&a->err, &a->cur_err);
          agg_add (&a->fig[QS_FIGURE_SQNR], err.sqnr_db, sample);
          agg_add (&a->fig[QS_FIGURE_NMSE], err.nmse, sample);
          agg_add (&a->fig[QS_FIGURE_MSE], err.mse, sample);
          agg_add (&a->fig[QS_FIGURE_MAX_ABS], err.max_abs, sample);
          agg_add (&a->fig[QS_FIGURE_COSINE], err.cosine, sample);
          a->cur_has_err = FALSE;
        }
      if (a->cur_has_int8)
        {
          QsStepError run, local;

          qs_step_error_from_sums (&a->cur_run, &run);
          qs_step_error_from_sums (&a->cur_local, &local);
          qs_step_sums_merge (&a->run_steps, &a->cur_run);
          qs_step_sums_merge (&a->local_steps, &a->cur_local);
          agg_add (&a->fig[QS_FIGURE_LSB_RUN], run.max_steps, sample);
          agg_add (&a->fig[QS_FIGURE_LSB_RUN_MEAN], run.mean_steps, sample);
          agg_add (&a->fig[QS_FIGURE_EQUAL_RUN], 1.0 - run.share_differ, sample);
          agg_add (&a->fig[QS_FIGURE_LSB_LOCAL], local.max_steps, sample);
          agg_add (&a->fig[QS_FIGURE_EQUAL_LOCAL], 1.0 - local.share_differ, sample);
          a->cur_has_int8 = FALSE;
        }
    }
  t->fixed = TRUE;
}

static void
finish_row (QsAnalysisRow *row,
            RowAcc        *a)
{
  QsTensorError pooled;
  QsStepError run, local;
  guint m, f;

  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    {
      QsModeStats *s = &row->stats[m];
      QsTensorStats ts;

      if (!a->has_sum[m])
        continue;
      qs_tensor_stats_from_summary (&a->sum[m], &ts);
      s->has = TRUE;
      s->n = ts.n;
      s->n_nonfinite = ts.n_nonfinite;
      s->min = ts.min;
      s->max = ts.max;
      s->mean = ts.mean;
      s->std = ts.std;
      s->min_sample = a->min_sample[m];
      s->max_sample = a->max_sample[m];
      memcpy (s->histogram, a->sum[m].histogram, sizeof s->histogram);
      s->below = a->sum[m].below;
      s->above = a->sum[m].above;
      s->has_fq = ts.has_fq;
      s->clipped = ts.clipped;
      s->levels_used = ts.levels_used;
      agg_finish (&a->clip[m], FALSE, ts.clipped, &s->clipped_per_sample);
    }
  qs_tensor_error_from_sums (&a->err, &pooled);
  qs_step_error_from_sums (&a->run_steps, &run);
  qs_step_error_from_sums (&a->local_steps, &local);
  for (f = 0; f < QS_N_FIGURES; f++)
    {
      double p = NAN;

      switch ((QsFigure) f)
        {
        case QS_FIGURE_SQNR: p = pooled.sqnr_db; break;
        case QS_FIGURE_NMSE: p = pooled.nmse; break;
        case QS_FIGURE_MSE: p = pooled.mse; break;
        case QS_FIGURE_MAX_ABS: p = pooled.max_abs; break;
        case QS_FIGURE_COSINE: p = pooled.cosine; break;
        case QS_FIGURE_LSB_RUN: p = run.max_steps; break;
        case QS_FIGURE_LSB_RUN_MEAN: p = run.mean_steps; break;
        case QS_FIGURE_EQUAL_RUN: p = 1.0 - run.share_differ; break;
        case QS_FIGURE_LSB_LOCAL: p = local.max_steps; break;
        case QS_FIGURE_EQUAL_LOCAL: p = 1.0 - local.share_differ; break;
        case QS_FIGURE_CLIP:
        case QS_N_FIGURES:
        default: break;
        }
      if (f == QS_FIGURE_CLIP)
        row->figures[f] = row->stats[QS_EXEC_MODE_FLOAT].clipped_per_sample;
      else
        agg_finish (&a->fig[f], figure_info[f].higher_is_better, p, &row->figures[f]);
    }
}

/* ---- progress ---- */

static void
report (Engine *e,
        guint   layer)
{
  QsAnalysisProgress p = { 0 };
  guint n = qs_dataset_get_n_samples (e->dataset);
  double within = e->n_layers > 0 ? (double) layer / e->n_layers : 0;

  if (e->opts.progress == NULL)
    return;
  p.sample = e->sample;
  p.n_samples = n;
  p.layer = layer;
  p.n_layers = e->n_layers;
  p.pass = e->pass;
  p.skipped = e->result->n_skipped;
  p.elapsed = (g_get_monotonic_time () - e->start) / 1e6;
  p.fraction = n > 0 ? (e->sample + e->pass_from + (e->pass_to - e->pass_from) * within) / n : 1;
  p.fraction = CLAMP (p.fraction, 0, 1);
  p.eta = p.fraction > 0.001 ? p.elapsed / p.fraction * (1 - p.fraction) : -1;
  e->opts.progress (&p, e->opts.progress_data);
}

/* ---- one sample ---- */

static gboolean
call_tensor_func (Engine         *e,
                  const QsNode   *node,
                  guint           port,
                  QsExecMode      mode,
                  const QsTensor *t,
                  GError        **error)
{
  if (e->opts.tensor_func == NULL || t == NULL)
    return TRUE;
  return e->opts.tensor_func (e->sample, node, port, mode, t, e->opts.tensor_data, error);
}

static QsOutputError *
sample_output (QsAnalysisSample *s,
               guint             output,
               QsCompare         compare)
{
  return &s->outputs[output * QS_N_COMPARES + compare];
}

static void
output_compare (QsAnalysisSample *s,
                guint             output,
                QsCompare         compare,
                const QsTensor   *reference,
                const QsTensor   *test)
{
  QsOutputError *o = sample_output (s, output, compare);

  if (reference == NULL || test == NULL)
    return;
  memset (&o->sums, 0, sizeof o->sums);
  o->has = qs_error_sums_add (&o->sums, reference, test);
}

/* Float and fake-quant in lockstep over the original graph. */
static gboolean
run_lockstep (Engine            *e,
              QsTensor *const   *inputs,
              QsAnalysisSample  *record,
              GError           **error)
{
  QsExecMode modes[2];
  QsRun *runs[2] = { NULL, NULL };
  guint n_modes = 0, m, n_nodes;
  gboolean ok = FALSE;
  Table *t = &e->orig;

  if (e->exec[QS_EXEC_MODE_FLOAT] != NULL)
    modes[n_modes++] = QS_EXEC_MODE_FLOAT;
  if (e->exec[QS_EXEC_MODE_FAKE_QUANT] != NULL)
    modes[n_modes++] = QS_EXEC_MODE_FAKE_QUANT;
  if (n_modes == 0)
    return TRUE;
  qs_exec_get_order (e->exec[modes[0]], &n_nodes);
  e->n_layers = n_nodes;
  e->pass = "float and fq";
  if (e->check != NULL)
    qs_exec_set_observer (e->exec[QS_EXEC_MODE_FAKE_QUANT], qs_int8_check_observe_fq, e->check);
  for (m = 0; m < n_modes; m++)
    {
      if (e->memo[modes[m]] == NULL)
        e->memo[modes[m]] = qs_summary_memo_new ();
      qs_summary_memo_next_run (e->memo[modes[m]]);
      if ((runs[m] = qs_run_new (e->exec[modes[m]], inputs, error)) == NULL)
        goto out;
    }
  t->cursor = 0;

  while (!qs_run_is_done (runs[0]))
    {
      const QsNode *node;
      guint port, n_ports;

      for (m = 0; m < n_modes; m++)
        {
          gint64 t0 = g_get_monotonic_time ();

          if (!qs_run_step (runs[m], e->cancellable, error))
            goto out;
          e->result->seconds[modes[m]] += (g_get_monotonic_time () - t0) / 1e6;
        }
      node = qs_run_get_last_node (runs[0]);
      if (qs_run_get_position (runs[0]) % 16 == 0)
        report (e, qs_run_get_position (runs[0]));
      if (qs_node_is_type (node, "Const"))
        continue;
      n_ports = MAX (node->n_outputs, 1);
      for (port = 0; port < n_ports; port++)
        {
          QsTensor *tensors[2] = { NULL, NULL };
          gboolean is_new, paired;
          RowAcc *acc;
          guint idx;

          for (m = 0; m < n_modes; m++)
            tensors[m] = qs_run_get_output (runs[m], node, port);
          if (tensors[0] == NULL)
            continue;
          idx = table_row (e, t, node, port, tensors, n_modes, &is_new);
          acc = &g_array_index (t->accs, RowAcc, idx);
          /* both modes' statistics and their errors in one pass over the two */
          paired = n_modes == 2 && tensors[1] != NULL;
          if (paired)
            {
              memset (&acc->cur_err, 0, sizeof acc->cur_err);
              acc->cur_has_err = qs_summary_add_pair (&acc->cur[modes[0]], &acc->cur[modes[1]], &acc->cur_err,
                                                      tensors[0], tensors[1]);
            }
          for (m = 0; m < n_modes; m++)
            {
              if (tensors[m] == NULL)
                continue;
              if (!paired)
                qs_summary_memo_add (e->memo[modes[m]], &acc->cur[modes[m]], node, port, tensors[m],
                                     qs_exec_node_is_constant (e->exec[modes[m]], node));
              acc->cur_has[modes[m]] = TRUE;
              if (!call_tensor_func (e, node, port, modes[m], tensors[m], error))
                goto out;
            }
          if (qs_node_is_type (node, "Result"))
            {
              guint out = GPOINTER_TO_UINT (g_hash_table_lookup (e->output_of, node));

              if (out > 0)
                {
                  for (m = 0; m < n_modes; m++)
                    {
                      int slot = modes[m] == QS_EXEC_MODE_FLOAT ? 0 : 1;

                      g_clear_pointer (&e->outputs[slot][out - 1], qs_tensor_unref);
                      if (tensors[m] != NULL)
                        e->outputs[slot][out - 1] = qs_tensor_ref (tensors[m]);
                    }
                  output_compare (record, out - 1, QS_COMPARE_FQ_FLOAT, e->outputs[0][out - 1], e->outputs[1][out - 1]);
                }
            }
        }
    }
  report (e, n_nodes);
  ok = TRUE;

out:
  if (e->check != NULL)
    qs_exec_set_observer (e->exec[QS_EXEC_MODE_FAKE_QUANT], NULL, NULL);
  for (m = 0; m < n_modes; m++)
    qs_run_free (runs[m]);
  return ok;
}

typedef struct
{
  Engine           *e;
  QsAnalysisSample *record;
  guint             position;
  GHashTable       *pending;     /* fused link → Pending: its statistics, taken while in cache */
} Int8Observe;

/* The statistics of a link the int8 run fuses: set up with the bins its
 * row has or will have, filled by the run, merged into the row after it.
 * The row itself is made when the observer reaches the link, so that
 * rows keep the run's order. */
typedef struct
{
  QsSummary summary;
  QsTensor  like;          /* type and shape, no data */
  gboolean  has_range;
  double    range[2];
  guint     row;           /* + 1, once made */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  qs_summary_clear (&p->summary);
  g_free (p);
}

/* Every layer of the free int8 run: its statistics and the outputs. */
static void
observe_int8 (const QsNode    *node,
              QsTensor *const *inputs,
              guint            n_inputs,
              QsTensor *const *outputs,
              guint            n_outputs,
              gpointer         user_data)
{
  Int8Observe *o = user_data;
  Engine *e = o->e;
  Table *t = &e->int8;
  guint port;

  o->position++;
  if (o->position % 16 == 0)
    report (e, o->position);
  if (e->callback_error != NULL || qs_node_is_type (node, "Const"))
    return;
  for (port = 0; port < n_outputs; port++)
    {
      QsTensor *tensor = outputs[port];
      gboolean is_new;
      RowAcc *acc;
      guint idx;

      if (tensor == NULL)
        {
          Pending *p = port == 0 ? g_hash_table_lookup (o->pending, node) : NULL;
          QsTensor *like;

          if (p == NULL)
            continue;
          /* a fused link: its row now, its statistics when the run is done */
          like = &p->like;
          e->bins_range = p->has_range ? p->range : NULL;
          p->row = table_row (e, t, node, port, &like, 1, &is_new) + 1;
          e->bins_range = NULL;
          continue;
        }
      idx = table_row (e, t, node, port, &tensor, 1, &is_new);
      acc = &g_array_index (t->accs, RowAcc, idx);
      qs_summary_add_tensor (&acc->cur[QS_EXEC_MODE_INT8], tensor);
      acc->cur_has[QS_EXEC_MODE_INT8] = TRUE;
      if (!call_tensor_func (e, node, port, QS_EXEC_MODE_INT8, tensor, &e->callback_error))
        return;
    }
  if (qs_node_is_type (node, "Result") && n_outputs >= 1 && node->origin != NULL)
    {
      guint out = GPOINTER_TO_UINT (g_hash_table_lookup (e->output_of, node->origin));

      if (out > 0)
        {
          output_compare (o->record, out - 1, QS_COMPARE_INT8_FLOAT, e->outputs[0][out - 1], outputs[0]);
          output_compare (o->record, out - 1, QS_COMPARE_INT8_FQ, e->outputs[1][out - 1], outputs[0]);
        }
    }
}

/* The summary of a fused link of the free int8 run, whose slices the run
 * adds while they are in cache: set up with the bins of its row (an
 * earlier sample's, a FakeQuantize range, or the run's range pass for a
 * row binned over its first sample: @range).  None when the tensors are
 * handed out: then the link runs on its own and observe_int8() reads it. */
static QsSummary *
int8_summary (const QsNode   *node,
              guint           port,
              const QsTensor *like,
              const double   *range,
              gpointer        user_data)
{
  Int8Observe *o = user_data;
  Engine *e = o->e;
  Table *t = &e->int8;
  QsAnalysisRow tmp = { 0 };
  QsTensor *tensor;
  guint idx;
  Pending *p;

  if (e->opts.tensor_func != NULL || e->callback_error != NULL || port != 0)
    return NULL;
  idx = GPOINTER_TO_UINT (g_hash_table_lookup (t->index, row_key (node, port)));
  p = g_new0 (Pending, 1);
  p->like = *like;
  p->like.data = NULL;
  if (idx > 0)
    {
      const QsSummary *cur = &g_array_index (t->accs, RowAcc, idx - 1).cur[QS_EXEC_MODE_INT8];

      qs_summary_init (&p->summary, cur->has_bins ? &cur->bins : NULL, cur->has_fq ? &cur->fq : NULL);
    }
  else
    {
      row_set_fq (&tmp, guarding_fq (node, port));
      if (!tmp.has_fq && range == NULL)
        {
          g_free (p);
          return NULL;
        }
      p->has_range = range != NULL;
      if (range != NULL)
        {
          p->range[0] = range[0];
          p->range[1] = range[1];
        }
      tensor = &p->like;
      row_set_bins (&tmp, &tensor, 1, range);
      qs_summary_init (&p->summary, &tmp.bins, tmp.has_fq ? &tmp.fq_range : NULL);
    }
  g_hash_table_replace (o->pending, (gpointer) node, p);
  return &p->summary;
}

/* After the run: each fused link's statistics into its row. */
static void
flush_pending (Int8Observe *o)
{
  Table *t = &o->e->int8;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, o->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pending *p = value;
      RowAcc *acc;

      if (p->row == 0)
        continue;
      acc = &g_array_index (t->accs, RowAcc, p->row - 1);
      if (qs_summary_merge (&acc->cur[QS_EXEC_MODE_INT8], &p->summary))
        acc->cur_has[QS_EXEC_MODE_INT8] = TRUE;
    }
  g_hash_table_remove_all (o->pending);
}

static gboolean
run_int8 (Engine            *e,
          QsTensor *const   *inputs,
          QsAnalysisSample  *record,
          GError           **error)
{
  QsExec *exec = e->exec[QS_EXEC_MODE_INT8];
  g_autoptr(GHashTable) pending = g_hash_table_new_full (NULL, NULL, NULL, pending_free);
  Int8Observe o = { e, record, 0, pending };
  double seconds = 0;
  guint n_nodes;

  if (exec == NULL)
    return TRUE;
  qs_exec_get_order (exec, &n_nodes);
  e->n_layers = e->check != NULL ? 2 * n_nodes : n_nodes;
  e->pass = "int8";
  e->int8.cursor = 0;
  qs_exec_set_summary_func (exec, int8_summary, &o);
  if (e->check != NULL)
    {
      g_autoptr(GArray) compares = NULL;
      guint i;

      compares = qs_int8_check_run (e->check, inputs, observe_int8, &o, e->cancellable, &seconds, error);
      qs_exec_set_summary_func (exec, NULL, NULL);
      if (compares == NULL)
        return FALSE;
      flush_pending (&o);
      for (i = 0; i < compares->len; i++)
        {
          const QsInt8Compare *c = &g_array_index (compares, QsInt8Compare, i);
          guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (e->orig.index, row_key (c->fq, 0)));
          QsAnalysisRow *row;
          RowAcc *acc;

          if (idx == 0)
            continue;
          row = &g_array_index (e->orig.rows, QsAnalysisRow, idx - 1);
          acc = &g_array_index (e->orig.accs, RowAcc, idx - 1);
          if (row->int8_layer == NULL)
            {
              row->int8_layer = g_strdup (c->int8_name);
              row->int8_grid = c->grid.mark;
              row->int8_grid_cause = c->grid.cause != NULL ? g_strdup (c->grid.cause->name) : NULL;
              row->int8_grid_from = c->grid.from_aligned != NULL ? g_strdup (c->grid.from_aligned->name) : NULL;
              row->int8_grid_low = c->grid.low;
              row->int8_grid_high = c->grid.high;
              row->int8_grid_step = c->grid.step;
              row->int8_grid_own_step = c->grid.own_step;
            }
          acc->cur_run.n = acc->cur_local.n = c->n;
          acc->cur_run.max_steps = c->run.max_steps;
          acc->cur_run.sum_steps = c->run.mean_steps * c->n;
          acc->cur_run.n_differ = (guint64) llround (c->run.share_differ * c->n);
          acc->cur_local.max_steps = c->local.max_steps;
          acc->cur_local.sum_steps = c->local.mean_steps * c->n;
          acc->cur_local.n_differ = (guint64) llround (c->local.share_differ * c->n);
          acc->cur_has_int8 = TRUE;
        }
    }
  else
    {
      gint64 t0 = g_get_monotonic_time ();

      qs_exec_set_observer (exec, observe_int8, &o);
      if (!qs_exec_run (exec, inputs, e->cancellable, NULL, NULL, NULL, error))
        {
          qs_exec_set_observer (exec, NULL, NULL);
          qs_exec_set_summary_func (exec, NULL, NULL);
          return FALSE;
        }
      qs_exec_set_observer (exec, NULL, NULL);
      qs_exec_set_summary_func (exec, NULL, NULL);
      flush_pending (&o);
      seconds = (g_get_monotonic_time () - t0) / 1e6;
    }
  e->result->seconds[QS_EXEC_MODE_INT8] += seconds;
  if (e->callback_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&e->callback_error));
      return FALSE;
    }
  return TRUE;
}

static void
clear_outputs (Engine *e)
{
  guint s, i;

  for (s = 0; s < 2; s++)
    for (i = 0; i < e->result->n_outputs; i++)
      g_clear_pointer (&e->outputs[s][i], qs_tensor_unref);
}

static gboolean
run_sample (Engine            *e,
            QsAnalysisSample  *record,
            GError           **error)
{
  g_autoptr(GError) local = NULL;
  QsTensor **inputs;
  gboolean has_lockstep = e->exec[QS_EXEC_MODE_FLOAT] != NULL || e->exec[QS_EXEC_MODE_FAKE_QUANT] != NULL;
  gint64 t0 = g_get_monotonic_time ();
  guint i, n_inputs = e->model->graph->n_parameters;
  gboolean ok;

  inputs = qs_dataset_load_sample (e->dataset, e->sample, &local);
  if (inputs == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  e->pass_from = 0;
  e->pass_to = e->exec[QS_EXEC_MODE_INT8] != NULL && has_lockstep ? 0.5 : 1;
  ok = run_lockstep (e, inputs, record, error);
  e->pass_from = e->pass_to;
  e->pass_to = 1;
  ok = ok && run_int8 (e, inputs, record, error);
  for (i = 0; i < n_inputs; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  clear_outputs (e);
  record->seconds = (g_get_monotonic_time () - t0) / 1e6;
  return ok;
}

/* ---- plans ---- */

static gboolean
make_plans (Engine  *e,
            GError **error)
{
  guint modes = e->opts.modes != 0 ? e->opts.modes : QS_ANALYSIS_ALL;
  gboolean others = (modes & (QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ)) != 0;

  /* float first: an op qscope cannot run is what the person needs to see */
  if (modes & QS_ANALYSIS_FLOAT)
    if ((e->exec[QS_EXEC_MODE_FLOAT] = qs_exec_new (e->model, QS_EXEC_MODE_FLOAT, error)) == NULL)
      return FALSE;
  if (modes & QS_ANALYSIS_FQ)
    if ((e->exec[QS_EXEC_MODE_FAKE_QUANT] = qs_exec_new (e->model, QS_EXEC_MODE_FAKE_QUANT, error)) == NULL)
      return FALSE;
  if (modes & QS_ANALYSIS_INT8)
    {
      g_autoptr(GError) local = NULL;

      e->exec[QS_EXEC_MODE_INT8] = qs_exec_new (e->model, QS_EXEC_MODE_INT8, &local);
      if (e->exec[QS_EXEC_MODE_INT8] != NULL && (modes & QS_ANALYSIS_FQ))
        {
          e->check = qs_int8_check_new (e->exec[QS_EXEC_MODE_INT8], &local);
          if (e->check == NULL)
            g_clear_pointer (&e->exec[QS_EXEC_MODE_INT8], qs_exec_free);
        }
      if (e->exec[QS_EXEC_MODE_INT8] == NULL)
        {
          if (!others || g_error_matches (local, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          e->result->int8_error = g_strdup (local->message);
          modes &= ~QS_ANALYSIS_INT8;
        }
      else
        e->result->int8_model = qs_model_ref (qs_exec_get_model (e->exec[QS_EXEC_MODE_INT8]));
    }
  e->result->modes = modes;
  return TRUE;
}

/* ---- warnings ---- */

static const QsAnalysisRow *
input_fq_row (QsAnalysisResult *r,
              const QsNode     *param)
{
  const QsNode *n = param;
  guint hops, i;

  /* the Parameter's own row carries the range of the FakeQuantize reading it,
   * through Converts */
  for (hops = 0; hops < 4 && n != NULL; hops++)
    {
      const QsAnalysisRow *row = qs_analysis_result_find_row (r, n, 0);
      const QsNode *next = NULL;

      if (row != NULL && row->has_fq)
        return row;
      if (n->n_outputs == 0)
        break;
      for (i = 0; i < n->outputs[0].n_consumers; i++)
        if (qs_node_is_type (n->outputs[0].consumers[i]->node, "Convert"))
          next = n->outputs[0].consumers[i]->node;
      n = next;
    }
  return NULL;
}

static void
add_warnings (Engine *e)
{
  QsAnalysisResult *r = e->result;
  QsGraph *g = e->model->graph;
  guint i;

  if (r->n_skipped > 0)
    g_ptr_array_add (r->warnings, g_strdup_printf ("%u of %u samples were skipped: they could not be run",
                                                   r->n_skipped, r->n_sample_records));
  for (i = 0; i < g->n_parameters; i++)
    {
      const QsAnalysisRow *row = input_fq_row (r, g->parameters[i]);
      const QsModeStats *s;
      double limit = e->opts.clip_warning > 0 ? e->opts.clip_warning : 0.01;

      if (row == NULL)
        continue;
      s = row->stats[QS_EXEC_MODE_FLOAT].has ? &row->stats[QS_EXEC_MODE_FLOAT] : &row->stats[QS_EXEC_MODE_FAKE_QUANT];
      if (!s->has || !s->has_fq || s->clipped <= limit)
        continue;
      {
        g_autofree char *prep = NULL;
        const QsNode *fq = row->node != NULL ? guarding_fq (row->node, row->port) : NULL;
        QsPreprocess *p = qs_dataset_input_has_images (e->dataset, i) ? qs_dataset_get_preprocess (e->dataset, i) : NULL;

        prep = p != NULL ? qs_preprocess_describe (p) : NULL;
        g_ptr_array_add (r->warnings,
                         g_strdup_printf ("input “%s”: the FakeQuantize “%s” clips %.1f%% of the input over the data set "
                                          "(range [%g, %g], values seen [%g, %g])%s%s",
                                          g->parameters[i]->name, fq != NULL ? fq->name : row->name,
                                          100.0 * s->clipped, row->fq_range.in_low, row->fq_range.in_high,
                                          s->min, s->max,
                                          prep != NULL ? "; check the preprocessing: " : "",
                                          prep != NULL ? prep : ""));
      }
    }
}

/* ---- the result ---- */

static QsAnalysisResult *
result_new (QsModel *model)
{
  QsAnalysisResult *r = g_new0 (QsAnalysisResult, 1);
  guint i;

  r->ref_count = 1;
  r->model = qs_model_ref (model);
  r->model_path = g_strdup (model->xml_path);
  r->model_sha256 = qs_model_xml_sha256 (model);
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  r->row_of = g_hash_table_new (NULL, NULL);
  r->int8_row_of = g_hash_table_new (NULL, NULL);
  r->n_outputs = model->graph->n_results;
  r->output_names = g_new0 (char *, r->n_outputs + 1);
  for (i = 0; i < r->n_outputs; i++)
    r->output_names[i] = g_strdup (model->graph->results[i]->name);
  return r;
}

static void
take_table (Table          *t,
            QsAnalysisRow **rows,
            guint          *n_rows,
            GHashTable     *row_of)
{
  guint i;

  for (i = 0; i < t->rows->len; i++)
    finish_row (&g_array_index (t->rows, QsAnalysisRow, i), &g_array_index (t->accs, RowAcc, i));
  *n_rows = t->rows->len;
  *rows = (QsAnalysisRow *) g_array_steal (t->rows, NULL);
  for (i = 0; i < *n_rows; i++)
    if ((*rows)[i].node != NULL && (*rows)[i].port == 0)
      g_hash_table_insert (row_of, (gpointer) (*rows)[i].node, GUINT_TO_POINTER (i + 1));
  for (i = 0; i < t->accs->len; i++)
    acc_clear (&g_array_index (t->accs, RowAcc, i));
  g_array_set_size (t->accs, 0);
  g_hash_table_remove_all (t->index);
}

QsAnalysisResult *
qs_analysis_run (QsModel                 *model,
                 QsDataset               *dataset,
                 const QsAnalysisOptions *options,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  Engine e = { 0 };
  GArray *records = g_array_new (FALSE, TRUE, sizeof (QsAnalysisSample));
  QsAnalysisResult *result = NULL;
  g_autoptr(GError) first_error = NULL;
  guint n_samples, k, m, i;
  gboolean ok = FALSE;

  g_return_val_if_fail (model != NULL && dataset != NULL, NULL);
  if (!qs_dataset_finish (dataset, error))
    {
      g_array_unref (records);
      return NULL;
    }
  if (options != NULL)
    e.opts = *options;
  else
    qs_analysis_options_init (&e.opts);
  e.model = model;
  e.dataset = dataset;
  e.cancellable = cancellable;
  e.start = g_get_monotonic_time ();
  e.result = result_new (model);
  table_init (&e.orig);
  table_init (&e.int8);
  e.output_of = g_hash_table_new (NULL, NULL);
  for (i = 0; i < model->graph->n_results; i++)
    g_hash_table_insert (e.output_of, model->graph->results[i], GUINT_TO_POINTER (i + 1));
  e.outputs[0] = g_new0 (QsTensor *, MAX (e.result->n_outputs, 1));
  e.outputs[1] = g_new0 (QsTensor *, MAX (e.result->n_outputs, 1));

  if (!make_plans (&e, error))
    goto out;
  if (e.opts.profile)
    for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
      if (e.exec[m] != NULL)
        qs_exec_set_profiling (e.exec[m], TRUE);

  n_samples = qs_dataset_get_n_samples (dataset);
  for (k = 0; k < n_samples; k++)
    {
      QsAnalysisSample rec = { 0 };
      g_autoptr(GError) local = NULL;

      rec.index = k;
      rec.name = qs_dataset_sample_name (dataset, k);
      rec.outputs = g_new0 (QsOutputError, MAX (e.result->n_outputs, 1) * QS_N_COMPARES);
      e.sample = k;
      report (&e, 0);
      if (run_sample (&e, &rec, &local))
        {
          table_commit_sample (&e.orig, k);
          table_commit_sample (&e.int8, k);
          e.result->n_samples++;
        }
      else
        {
          table_discard_sample (&e.orig);
          table_discard_sample (&e.int8);
          if (g_error_matches (local, QS_EXEC_ERROR, QS_EXEC_ERROR_CANCELLED) ||
              g_cancellable_is_cancelled (cancellable) || e.opts.on_error == QS_ON_ERROR_FAIL)
            {
              g_free (rec.name);
              g_free (rec.outputs);
              if (!g_error_matches (local, QS_EXEC_ERROR, QS_EXEC_ERROR_CANCELLED) && n_samples > 1)
                g_prefix_error (&local, "sample %u (%s): ", k + 1, qs_dataset_sample_name (dataset, k));
              g_propagate_error (error, g_steal_pointer (&local));
              goto out;
            }
          rec.skipped = TRUE;
          rec.error = g_strdup (local->message);
          memset (rec.outputs, 0, sizeof (QsOutputError) * MAX (e.result->n_outputs, 1) * QS_N_COMPARES);
          e.result->n_skipped++;
          if (first_error == NULL)
            first_error = g_steal_pointer (&local);
        }
      g_array_append_val (records, rec);
    }
  if (e.result->n_samples == 0)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_NO_SAMPLES,
                   "no sample could be run; the first failed with: %s",
                   first_error != NULL ? first_error->message : "?");
      goto out;
    }
  take_table (&e.orig, &e.result->rows, &e.result->n_rows, e.result->row_of);
  take_table (&e.int8, &e.result->int8_rows, &e.result->n_int8_rows, e.result->int8_row_of);
  e.result->n_sample_records = records->len;
  e.result->samples = (QsAnalysisSample *) g_array_free (records, FALSE);
  records = NULL;
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();

    qs_dataset_to_json (dataset, b);
    e.result->inputs = json_builder_get_root (b);
  }
  e.result->total_seconds = (g_get_monotonic_time () - e.start) / 1e6;
  add_warnings (&e);
  ok = TRUE;

out:
  clear_outputs (&e);
  g_free (e.outputs[0]);
  g_free (e.outputs[1]);
  if (records != NULL)
    {
      for (i = 0; i < records->len; i++)
        {
          QsAnalysisSample *s = &g_array_index (records, QsAnalysisSample, i);

          g_free (s->name);
          g_free (s->error);
          g_free (s->outputs);
        }
      g_array_unref (records);
    }
  table_free (&e.orig);
  table_free (&e.int8);
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    qs_summary_memo_free (e.memo[m]);
  g_hash_table_unref (e.output_of);
  qs_int8_check_free (e.check);
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    {
      if (ok && e.opts.profile && e.exec[m] != NULL)
        e.result->profile[m] = qs_exec_get_profile (e.exec[m]);
      qs_exec_free (e.exec[m]);
    }
  result = e.result;
  if (!ok)
    g_clear_pointer (&result, qs_analysis_result_unref);
  return result;
}

QsAnalysisResult *
qs_analysis_result_ref (QsAnalysisResult *r)
{
  g_atomic_int_inc (&r->ref_count);
  return r;
}

void
qs_analysis_result_unref (QsAnalysisResult *r)
{
  guint i;

  if (r == NULL || !g_atomic_int_dec_and_test (&r->ref_count))
    return;
  for (i = 0; i < r->n_rows; i++)
    row_clear (&r->rows[i]);
  for (i = 0; i < r->n_int8_rows; i++)
    row_clear (&r->int8_rows[i]);
  g_free (r->rows);
  g_free (r->int8_rows);
  for (i = 0; i < r->n_sample_records; i++)
    {
      g_free (r->samples[i].name);
      g_free (r->samples[i].error);
      g_free (r->samples[i].outputs);
    }
  g_free (r->samples);
  for (i = 0; i < QS_ANALYSIS_N_MODES; i++)
    g_clear_pointer (&r->profile[i], g_array_unref);
  g_strfreev (r->output_names);
  g_ptr_array_unref (r->warnings);
  if (r->inputs != NULL)
    json_node_unref (r->inputs);
  g_hash_table_unref (r->row_of);
  g_hash_table_unref (r->int8_row_of);
  g_free (r->model_path);
  g_free (r->model_sha256);
  g_free (r->int8_error);
  g_clear_pointer (&r->int8_model, qs_model_unref);
  qs_model_unref (r->model);
  g_free (r);
}

/* ---- queries ---- */

static const QsAnalysisRow *
find_in (const QsAnalysisRow *rows,
         guint                n_rows,
         GHashTable          *row_of,
         const QsNode        *node,
         guint                port)
{
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, node)), i;

  if (idx == 0)
    return NULL;
  if (port == 0)
    return &rows[idx - 1];
  for (i = idx - 1; i < n_rows && rows[i].node == node; i++)
    if (rows[i].port == port)
      return &rows[i];
  return NULL;
}

const QsAnalysisRow *
qs_analysis_result_find_row (const QsAnalysisResult *r,
                             const QsNode           *node,
                             guint                   port)
{
  return node != NULL ? find_in (r->rows, r->n_rows, r->row_of, node, port) : NULL;
}

const QsAnalysisRow *
qs_analysis_result_find_int8_row (const QsAnalysisResult *r,
                                  const QsNode           *node,
                                  guint                   port)
{
  return node != NULL ? find_in (r->int8_rows, r->n_int8_rows, r->int8_row_of, node, port) : NULL;
}

double *
qs_analysis_result_node_values (const QsAnalysisResult *r,
                                const QsGraph          *graph,
                                QsFigure                figure,
                                QsAggregate             aggregate)
{
  double *values = g_new (double, MAX (graph->n_nodes, 1));
  gboolean int8 = r->int8_model != NULL && graph == r->int8_model->graph;
  guint i;

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      const QsAnalysisRow *row;

      values[i] = NAN;
      row = int8 ? qs_analysis_result_find_int8_row (r, node, 0) : qs_analysis_result_find_row (r, node, 0);
      /* on the int8 graph the error figures live on the original layer */
      if (int8 && node->origin != NULL && (row == NULL || !row->figures[figure].has))
        row = qs_analysis_result_find_row (r, node->origin, 0);
      if (row != NULL && !row->constant)
        values[i] = qs_figure_value_get (&row->figures[figure], aggregate, figure_info[figure].higher_is_better);
    }
  return values;
}

gboolean
qs_node_output_is_comparable (const QsNode *node)
{
  static const char *const selections[] = {
    "DetectionOutput", "NonMaxSuppression", "MatrixNms", "MulticlassNms", "TopK", "Proposal",
    "ExperimentalDetectronDetectionOutput", "ExperimentalDetectronGenerateProposalsSingleImage",
    "ExperimentalDetectronTopKROIs", "NonZero", "CTCGreedyDecoder", "CTCGreedyDecoderSeqLen",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (selections); i++)
    if (qs_node_is_type (node, selections[i]))
      return FALSE;
  return TRUE;
}

#define SQNR_CAP 150.0

double
qs_analysis_result_sqnr_lost (const QsAnalysisResult *r,
                              const QsAnalysisRow    *row)
{
  double own, best_in = -INFINITY;
  gboolean any = FALSE;
  guint i;

  if (row == NULL || row->node == NULL || !row->figures[QS_FIGURE_SQNR].has ||
      !qs_element_type_traits (row->element_type)->is_float || !qs_node_output_is_comparable (row->node))
    return NAN;
  own = MIN (row->figures[QS_FIGURE_SQNR].mean, SQNR_CAP);
  for (i = 0; i < row->node->n_inputs; i++)
    {
      const QsPort *src = row->node->inputs[i].source;
      const QsAnalysisRow *in;

      if (src == NULL)
        continue;
      in = qs_analysis_result_find_row (r, src->node, src->index);
      if (in == NULL || !in->figures[QS_FIGURE_SQNR].has || !qs_element_type_traits (in->element_type)->is_float)
        continue;
      best_in = MAX (best_in, MIN (in->figures[QS_FIGURE_SQNR].mean, SQNR_CAP));
      any = TRUE;
    }
  if (!any)
    best_in = SQNR_CAP;
  return best_in - own;
}

typedef struct
{
  int    row;
  double lost;
} Ranked;

static gint
compare_lost (gconstpointer a,
              gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->lost != y->lost)
    return x->lost > y->lost ? -1 : 1;
  return x->row - y->row;
}

int *
qs_analysis_result_rank_lost (const QsAnalysisResult *r,
                              guint                   max)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  int *out;
  guint i;

  for (i = 0; i < r->n_rows; i++)
    {
      Ranked x = { (int) i, qs_analysis_result_sqnr_lost (r, &r->rows[i]) };

      if (!isnan (x.lost))
        g_array_append_val (ranked, x);
    }
  g_array_sort (ranked, compare_lost);
  max = MIN (max, ranked->len);
  out = g_new (int, max + 1);
  for (i = 0; i < max; i++)
    out[i] = g_array_index (ranked, Ranked, i).row;
  out[max] = -1;
  return out;
}

const QsOutputError *
qs_analysis_sample_output (const QsAnalysisResult *r,
                           guint                   sample,
                           guint                   output,
                           QsCompare               compare)
{
  const QsOutputError *o;

  if (sample >= r->n_sample_records || output >= r->n_outputs || compare >= QS_N_COMPARES)
    return NULL;
  o = &r->samples[sample].outputs[output * QS_N_COMPARES + compare];
  return o->has ? o : NULL;
}

gboolean
qs_analysis_sample_combined (const QsAnalysisResult *r,
                             guint                   sample,
                             QsCompare               compare,
                             QsTensorError          *error)
{
  QsErrorSums sums = { 0 };
  gboolean any = FALSE;
  guint i;

  for (i = 0; i < r->n_outputs; i++)
    {
      const QsOutputError *o = qs_analysis_sample_output (r, sample, i, compare);

      if (o != NULL)
        {
          qs_error_sums_merge (&sums, &o->sums);
          any = TRUE;
        }
    }
  if (any)
    qs_tensor_error_from_sums (&sums, error);
  return any;
}

static double
error_figure (const QsTensorError *e,
              QsFigure             figure)
{
  switch (figure)
    {
    case QS_FIGURE_SQNR: return e->sqnr_db;
    case QS_FIGURE_NMSE: return e->nmse;
    case QS_FIGURE_MSE: return e->mse;
    case QS_FIGURE_MAX_ABS: return e->max_abs;
    case QS_FIGURE_COSINE: return e->cosine;
    default: return NAN;
    }
}

double
qs_analysis_sample_figure (const QsAnalysisResult *r,
                           guint                   sample,
                           int                     output,
                           QsCompare               compare,
                           QsFigure                figure)
{
  QsTensorError e;

  if (sample >= r->n_sample_records || r->samples[sample].skipped)
    return NAN;
  if (output < 0)
    {
      if (!qs_analysis_sample_combined (r, sample, compare, &e))
        return NAN;
    }
  else
    {
      const QsOutputError *o = qs_analysis_sample_output (r, sample, (guint) output, compare);

      if (o == NULL)
        return NAN;
      qs_tensor_error_from_sums (&o->sums, &e);
    }
  return error_figure (&e, figure);
}

void
qs_analysis_output_figure (const QsAnalysisResult *r,
                           int                     output,
                           QsCompare               compare,
                           QsFigure                figure,
                           QsFigureValue          *value)
{
  QsErrorSums pooled = { 0 };
  QsTensorError e;
  Agg agg;
  guint k, i;

  agg_init (&agg);
  for (k = 0; k < r->n_sample_records; k++)
    {
      if (r->samples[k].skipped)
        continue;
      if (output < 0)
        {
          if (!qs_analysis_sample_combined (r, k, compare, &e))
            continue;
          for (i = 0; i < r->n_outputs; i++)
            {
              const QsOutputError *o = qs_analysis_sample_output (r, k, i, compare);

              if (o != NULL)
                qs_error_sums_merge (&pooled, &o->sums);
            }
        }
      else
        {
          const QsOutputError *o = qs_analysis_sample_output (r, k, (guint) output, compare);

          if (o == NULL)
            continue;
          qs_tensor_error_from_sums (&o->sums, &e);
          qs_error_sums_merge (&pooled, &o->sums);
        }
      agg_add (&agg, error_figure (&e, figure), r->samples[k].index);
    }
  qs_tensor_error_from_sums (&pooled, &e);
  agg_finish (&agg, figure < QS_N_FIGURES && figure_info[figure].higher_is_better, error_figure (&e, figure), value);
}

char *
qs_model_xml_sha256 (const QsModel *model)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (model->xml_path == NULL || !g_file_get_contents (model->xml_path, &text, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
}

void
qs_analysis_result_attach_int8_model (QsAnalysisResult *r,
                                      QsModel          *int8_model)
{
  guint i;

  g_clear_pointer (&r->int8_model, qs_model_unref);
  r->int8_model = int8_model != NULL ? qs_model_ref (int8_model) : NULL;
  g_hash_table_remove_all (r->int8_row_of);
  for (i = 0; i < r->n_int8_rows; i++)
    {
      QsAnalysisRow *row = &r->int8_rows[i];

      row->node = int8_model != NULL ? qs_graph_find_node (int8_model->graph, row->id) : NULL;
      if (row->node != NULL && g_strcmp0 (row->node->name, row->name) != 0 && row->port == 0)
        row->node = qs_graph_find_node_by_name (int8_model->graph, row->name);
      if (row->node != NULL && row->port == 0)
        g_hash_table_insert (r->int8_row_of, (gpointer) row->node, GUINT_TO_POINTER (i + 1));
    }
}

char *
qs_analysis_row_grid_note (const QsAnalysisRow *row)
{
  QsLptGrid grid = { 0 };
  QsNode cause = { 0 }, from = { 0 };

  g_return_val_if_fail (row != NULL, NULL);

  grid.mark = row->int8_grid;
  grid.low = row->int8_grid_low;
  grid.high = row->int8_grid_high;
  grid.step = row->int8_grid_step;
  grid.own_step = row->int8_grid_own_step;
  cause.name = row->int8_grid_cause;
  grid.cause = row->int8_grid_cause != NULL ? &cause : NULL;
  from.name = row->int8_grid_from;
  grid.from_aligned = row->int8_grid_from != NULL ? &from : NULL;
  return qs_lpt_grid_describe (&grid);
}
