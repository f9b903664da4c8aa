/* qs-findings.c — the rankings the window's findings list first
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>

#include "qs-findings.h"
#include "qs-fq-analysis.h"
#include "qs-weights.h"

/* The levels a constants' bitmap of codes can hold. */
#define MAX_LEVELS 65536

/* Clipped share and codes used of the constants @fq quantizes, each
 * channel against its own input range (qs_fake_quantize_code()). */
static void
measure_weights (const QsFqInfo *info,
                 QsFqFinding    *finding)
{
  const QsNode *src = qs_input_const (info->node, 0);
  const QsShape *shape = &info->node->inputs[0].shape;
  g_autofree float *v = NULL;
  g_autofree guint64 *seen = NULL;
  g_autofree guint64 *channel_seen = NULL;
  guint64 inner = 1, n, i, clipped = 0, counted = 0;
  guint words = (info->levels + 63) / 64, used = 0, c;
  int d;

  if (src == NULL || src->konst == NULL || src->konst->data == NULL || info->multi_axis ||
      info->levels < 2 || info->levels > MAX_LEVELS || shape->rank < 0)
    return;
  if (info->axis >= 0)
    {
      if (info->axis >= shape->rank)
        return;
      for (d = info->axis + 1; d < shape->rank; d++)
        {
          if (shape->dims[d] <= 0)
            return;
          inner *= (guint64) shape->dims[d];
        }
    }
  v = qs_const_to_f32 (src, NULL);
  if (v == NULL)
    return;
  n = src->konst->n_elements;
  seen = g_new0 (guint64, words);
  if (info->n_channels > 1)
    channel_seen = g_new0 (guint64, (gsize) words * info->n_channels);
  for (i = 0; i < n; i++)
    {
      float lo, hi;
      float code;
      guint k;

      c = info->axis >= 0 ? (guint) ((i / inner) % info->n_channels) : 0;
      lo = MIN (info->il[c], info->ih[c]);
      hi = MAX (info->il[c], info->ih[c]);
      if (!isfinite (v[i]))
        continue;
      counted++;
      if (v[i] < lo || v[i] > hi)
        clipped++;
      code = qs_fake_quantize_code (v[i], info->il[c], info->ih[c], info->levels);
      k = code >= 0.0f && code < (float) info->levels ? (guint) code : 0;
      seen[k / 64] |= G_GUINT64_CONSTANT (1) << (k % 64);
      if (channel_seen != NULL)
        channel_seen[(gsize) c * words + k / 64] |= G_GUINT64_CONSTANT (1) << (k % 64);
    }
  if (counted == 0)
    return;
  for (i = 0; i < words; i++)
    used += (guint) __builtin_popcountll (seen[i]);
  finding->clipped = (double) clipped / (double) counted;
  finding->levels_used = used;
  for (c = 0; channel_seen != NULL && c < info->n_channels; c++)
    {
      guint in_channel = 0;

      for (i = 0; i < words; i++)
        in_channel += (guint) __builtin_popcountll (channel_seen[(gsize) c * words + i]);
      /* a channel without a finite value says nothing */
      if (in_channel > 0 && (finding->sparsest_channel < 0 || in_channel < finding->sparsest_levels))
        {
          finding->sparsest_channel = (int) c;
          finding->sparsest_levels = in_channel;
        }
    }
}

static void
finding_from_info (const QsFqInfo *info,
                   QsFqFinding    *finding)
{
  finding->node = info->node;
  finding->levels = info->levels;
  finding->n_channels = info->n_channels;
  finding->levels_used = 0;
  finding->clipped = NAN;
  finding->on_weights = info->on_weights;
  finding->from_run = FALSE;
  finding->sparsest_channel = -1;
  finding->sparsest_levels = 0;
  if (info->on_weights)
    measure_weights (info, finding);
}

GArray *
qs_fq_findings_from_graph (const QsGraph *graph)
{
  g_autoptr(GPtrArray) infos = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (QsFqFinding));
  guint i;

  g_return_val_if_fail (graph != NULL, out);

  infos = qs_fq_analyze_graph (graph);
  for (i = 0; i < infos->len; i++)
    {
      QsFqFinding f;

      finding_from_info (infos->pdata[i], &f);
      g_array_append_val (out, f);
    }
  return out;
}

/* The statistics of the float values @fq receives: the row of the tensor
 * it reads (its own row holds what it gives, which never clips), the float
 * run's, else the fake-quant run's.  A Const has no row: weights keep what
 * the constants say. */
static const QsModeStats *
measured_stats (const QsAnalysisResult *r,
                const QsNode           *fq)
{
  const QsPort *src = qs_node_input_source (fq, 0);
  const QsAnalysisRow *row;

  if (src == NULL)
    return NULL;
  row = qs_analysis_result_find_row (r, src->node, src->index);
  if (row == NULL || !row->has_fq)
    return NULL;
  if (row->stats[QS_EXEC_MODE_FLOAT].has && row->stats[QS_EXEC_MODE_FLOAT].has_fq)
    return &row->stats[QS_EXEC_MODE_FLOAT];
  if (row->stats[QS_EXEC_MODE_FAKE_QUANT].has && row->stats[QS_EXEC_MODE_FAKE_QUANT].has_fq)
    return &row->stats[QS_EXEC_MODE_FAKE_QUANT];
  return NULL;
}

GArray *
qs_fq_findings_from_result (const QsAnalysisResult *result)
{
  GArray *out;
  guint i;

  g_return_val_if_fail (result != NULL && result->model != NULL, NULL);

  out = qs_fq_findings_from_graph (result->model->graph);
  for (i = 0; i < out->len; i++)
    {
      QsFqFinding *f = &g_array_index (out, QsFqFinding, i);
      const QsModeStats *s = measured_stats (result, f->node);

      if (s == NULL || s->n == 0)
        continue;
      f->clipped = s->clipped;
      f->levels_used = s->levels_used;
      f->from_run = TRUE;
    }
  return out;
}

typedef struct
{
  guint  index;
  double key;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

GArray *
qs_fq_findings_rank (GArray   *findings,
                     QsFqRank  rank,
                     guint     max)
{
  g_autoptr(GArray) keyed = g_array_new (FALSE, FALSE, sizeof (Keyed));
  GArray *out = g_array_new (FALSE, FALSE, sizeof (QsFqFinding));
  guint i;

  g_return_val_if_fail (findings != NULL, out);

  for (i = 0; i < findings->len; i++)
    {
      const QsFqFinding *f = &g_array_index (findings, QsFqFinding, i);
      Keyed k = { i, 0 };

      if (rank == QS_FQ_RANK_CLIPPED)
        {
          if (isnan (f->clipped) || f->clipped <= 0)
            continue;
          k.key = -f->clipped;
        }
      else
        k.key = f->sparsest_levels > 0 ? f->sparsest_levels : f->levels_used > 0 ? f->levels_used : f->levels;
      g_array_append_val (keyed, k);
    }
  g_array_sort (keyed, compare_keyed);
  for (i = 0; i < keyed->len && i < max; i++)
    g_array_append_val (out, g_array_index (findings, QsFqFinding, g_array_index (keyed, Keyed, i).index));
  return out;
}

int *
qs_analysis_result_rank_samples (const QsAnalysisResult *result,
                                 QsCompare               compare,
                                 guint                   max)
{
  g_autoptr(GArray) keyed = g_array_new (FALSE, FALSE, sizeof (Keyed));
  int *out;
  guint i;

  g_return_val_if_fail (result != NULL, NULL);

  for (i = 0; i < result->n_sample_records; i++)
    {
      Keyed k = { i, qs_analysis_sample_figure (result, i, -1, compare, QS_FIGURE_SQNR) };

      if (!isnan (k.key))
        g_array_append_val (keyed, k);
    }
  g_array_sort (keyed, compare_keyed);
  max = MIN (max, keyed->len);
  out = g_new (int, max + 1);
  for (i = 0; i < max; i++)
    out[i] = (int) g_array_index (keyed, Keyed, i).index;
  out[max] = -1;
  return out;
}
