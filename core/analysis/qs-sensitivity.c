/* qs-sensitivity.c — which quantizer costs the accuracy
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One fake-quant plan serves every run: a run's FakeQuantize choices
 * (bypass or quantize, per layer) make it the float run, the fake-quant
 * run or any mix.  Per sample the float and the fake-quant run are kept
 * whole; a switched run takes their tensors for every layer that lies
 * upstream of (or beside) the switched quantizers, so its cost is the
 * layers downstream of them only.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "qs-sensitivity.h"
#include "qs-lpt.h"
#include "qs-analysis-private.h"

const char *
qs_grouping_name (QsGrouping grouping)
{
  return grouping == QS_GROUPING_LAYER ? "layer" : "aligned";
}

gboolean
qs_grouping_parse (const char *text,
                   QsGrouping *grouping)
{
  if (g_strcmp0 (text, "aligned") == 0)
    *grouping = QS_GROUPING_ALIGNED;
  else if (g_strcmp0 (text, "layer") == 0)
    *grouping = QS_GROUPING_LAYER;
  else
    return FALSE;
  return TRUE;
}

void
qs_sensitivity_options_init (QsSensitivityOptions *options)
{
  memset (options, 0, sizeof *options);
  options->measures = QS_SENSITIVITY_BOTH;
}

/* ---- groups ---- */

static guint
uf_find (guint *parent,
         guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
uf_union (guint *parent,
          guint  a,
          guint  b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  /* the root is the earlier node, so that groups come out in graph order */
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

GPtrArray *
qs_sensitivity_groups (const QsGraph *graph,
                       QsGrouping     grouping)
{
  g_autofree gboolean *constant = qs_graph_constant_nodes (graph);
  g_autofree guint *parent = g_new (guint, MAX (graph->n_nodes, 1));
  g_autofree guint *position = g_new0 (guint, MAX (graph->n_nodes, 1));
  g_autofree GPtrArray **group_of = g_new0 (GPtrArray *, MAX (graph->n_nodes, 1));
  g_autoptr(GHashTable) first_fq_of = g_hash_table_new (NULL, NULL);   /* fed layer → FQ */
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint k, i;

  /* positions in the topological order: groups and their members come out in run order */
  for (k = 0; k < graph->n_nodes; k++)
    position[graph->topo[k]->index] = k;
  for (k = 0; k < graph->n_nodes; k++)
    parent[k] = k;

  for (k = 0; k < graph->n_nodes; k++)
    {
      const QsNode *fq = graph->topo[k];
      g_autoptr(GPtrArray) aligned = NULL;

      if (!qs_node_quantizes_activation (fq, constant))
        continue;
      aligned = qs_lpt_aligned_group (fq);
      for (i = 0; i < aligned->len; i++)
        {
          const QsNode *other = aligned->pdata[i];

          if (other->graph == graph && qs_node_quantizes_activation (other, constant))
            uf_union (parent, k, position[other->index]);
        }
      if (grouping == QS_GROUPING_LAYER)
        {
          g_autoptr(GPtrArray) feeds = g_ptr_array_new ();

          qs_lpt_fed_layers (fq, FALSE, FALSE, feeds);
          for (i = 0; i < feeds->len; i++)
            {
              gpointer seen = g_hash_table_lookup (first_fq_of, feeds->pdata[i]);

              if (seen != NULL)
                uf_union (parent, k, position[((const QsNode *) seen)->index]);
              else
                g_hash_table_insert (first_fq_of, feeds->pdata[i], (gpointer) fq);
            }
        }
    }

  for (k = 0; k < graph->n_nodes; k++)
    {
      const QsNode *fq = graph->topo[k];
      guint root;

      if (!qs_node_quantizes_activation (fq, constant))
        continue;
      root = uf_find (parent, k);
      if (group_of[root] == NULL)
        {
          group_of[root] = g_ptr_array_new ();
          g_ptr_array_add (groups, group_of[root]);
        }
      g_ptr_array_add (group_of[root], (gpointer) fq);
    }
  return groups;
}

/* ---- results ---- */

static void
measure_init (QsSensitivityMeasure *m,
              guint                 n_outputs)
{
  m->outputs = g_new0 (QsErrorSums, MAX (n_outputs, 1));
  m->combined_db = NAN;
}

static void
measure_clear (QsSensitivityMeasure *m)
{
  g_clear_pointer (&m->outputs, g_free);
}

QsSensitivityResult *
qs_sensitivity_result_ref (QsSensitivityResult *result)
{
  g_atomic_int_inc (&result->ref_count);
  return result;
}

void
qs_sensitivity_result_unref (QsSensitivityResult *r)
{
  guint i;

  if (r == NULL || !g_atomic_int_dec_and_test (&r->ref_count))
    return;
  for (i = 0; i < r->n_groups; i++)
    {
      g_ptr_array_unref (r->groups[i].fqs);
      g_ptr_array_unref (r->groups[i].feeds);
      measure_clear (&r->groups[i].revert);
      measure_clear (&r->groups[i].alone);
    }
  g_free (r->groups);
  measure_clear (&r->baseline);
  g_strfreev (r->output_names);
  g_free (r->output_compared);
  g_free (r->points);
  g_free (r->model_path);
  g_free (r->model_sha256);
  g_ptr_array_unref (r->warnings);
  if (r->inputs != NULL)
    json_node_unref (r->inputs);
  qs_model_unref (r->model);
  g_free (r);
}

void
qs_sensitivity_measure_output (const QsSensitivityResult  *r,
                               const QsSensitivityMeasure *m,
                               int                         output,
                               double                     *sqnr_db,
                               double                     *nmse)
{
  double sum = 0;
  guint i, n = 0;

  if (output >= 0)
    {
      QsTensorError e;

      g_return_if_fail ((guint) output < r->n_outputs);
      qs_tensor_error_from_sums (&m->outputs[output], &e);
      if (sqnr_db != NULL)
        *sqnr_db = m->outputs[output].n > 0 ? e.sqnr_db : NAN;
      if (nmse != NULL)
        *nmse = m->outputs[output].n > 0 ? e.nmse : NAN;
      return;
    }
  for (i = 0; i < r->n_outputs; i++)
    if (r->output_compared[i] && m->outputs[i].n > 0)
      {
        QsTensorError e;

        qs_tensor_error_from_sums (&m->outputs[i], &e);
        /* an output that is all zero in float and not in the other run has
         * an infinite NMSE, which the mean keeps */
        sum += e.nmse;
        n++;
      }
  if (nmse != NULL)
    *nmse = n > 0 ? sum / n : NAN;
  if (sqnr_db != NULL)
    *sqnr_db = n == 0 ? NAN : sum == 0 ? INFINITY : -10.0 * log10 (sum / n);
}

/* ---- the runs ---- */

typedef struct
{
  QsModel              *model;
  QsDataset            *dataset;
  QsSensitivityOptions  opts;
  GCancellable         *cancellable;
  QsSensitivityResult  *result;
  QsExec               *exec;
  guint                 n_nodes;
  guint8               *all_bypassed;   /* by node index: every activation FQ bypassed */
  guint8               *choice;         /* scratch */
  gboolean            **downstream;     /* per group, by node index */
  QsErrorSums          *sample_sums;    /* (1 + 2 × groups) × outputs, of the current sample */
  gint64                start;
  guint                 sample, n_samples;
} Engine;

static QsErrorSums *
sample_sums (Engine *e,
             guint   slot)    /* 0: baseline, 1 + 2g: revert of g, 2 + 2g: alone of g */
{
  return e->sample_sums + (gsize) slot * MAX (e->result->n_outputs, 1);
}

static void
report (Engine *e,
        guint   group)
{
  QsAnalysisProgress p = { 0 };
  double done;

  if (e->opts.progress == NULL)
    return;
  p.sample = e->sample;
  p.n_samples = e->n_samples;
  p.layer = group;
  p.n_layers = e->result->n_groups;
  p.pass = e->result->measures == QS_SENSITIVITY_BOTH ? "revert and alone"
           : e->result->measures == QS_SENSITIVITY_REVERT ? "revert" : "alone";
  p.unit = "group";
  p.skipped = e->result->n_skipped;
  p.elapsed = (g_get_monotonic_time () - e->start) / 1e6;
  done = (e->sample + (double) group / MAX (e->result->n_groups, 1)) / MAX (e->n_samples, 1);
  p.fraction = CLAMP (done, 0, 1);
  p.eta = done > 0 ? p.elapsed * (1 - done) / done : -1;
  e->opts.progress (&p, e->opts.progress_data);
}

/* Runs the plan to its end; @run gets the run (to be freed). */
static gboolean
run_whole (Engine            *e,
           QsTensor *const   *inputs,
           const QsRunSetup  *setup,
           QsRun            **out,
           GError           **error)
{
  g_autoptr(QsRun) run = qs_run_new_full (e->exec, inputs, setup, error);

  if (run == NULL)
    return FALSE;
  while (!qs_run_is_done (run))
    if (!qs_run_step (run, e->cancellable, error))
      return FALSE;
  *out = g_steal_pointer (&run);
  return TRUE;
}

/* Adds the outputs of @test against those of @reference to @sums. */
static gboolean
add_outputs (Engine      *e,
             const QsRun *reference,
             const QsRun *test,
             QsErrorSums *sums,
             GError     **error)
{
  const QsSensitivityResult *r = e->result;
  guint i;

  for (i = 0; i < r->n_outputs; i++)
    {
      const QsSensitivityPoint *p = &r->points[i];
      QsTensor *x = qs_run_get_output (reference, p->node, p->port);
      QsTensor *y = qs_run_get_output (test, p->node, p->port);

      if (x == NULL || y == NULL || !qs_error_sums_add (&sums[i], x, y))
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                       "“%s” differs in size between the runs", r->output_names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
run_sample (Engine   *e,
            GError  **error)
{
  QsSensitivityResult *r = e->result;
  g_autoptr(QsRun) float_run = NULL;
  g_autoptr(QsRun) fq_run = NULL;
  QsTensor **inputs;
  QsRunSetup setup = { 0 };
  gboolean ok = FALSE;
  guint g, i, n_inputs = e->model->graph->n_parameters;

  memset (e->sample_sums, 0, sizeof (QsErrorSums) * MAX (r->n_outputs, 1) * (1 + 2 * r->n_groups));
  inputs = qs_dataset_load_sample (e->dataset, e->sample, error);
  if (inputs == NULL)
    return FALSE;

  setup.keep_all = r->reused;
  setup.fq_choice = e->all_bypassed;
  if (!run_whole (e, inputs, &setup, &float_run, error))
    goto out;
  setup.fq_choice = NULL;
  if (!run_whole (e, inputs, &setup, &fq_run, error))
    goto out;
  if (!add_outputs (e, float_run, fq_run, sample_sums (e, 0), error))
    goto out;

  for (g = 0; g < r->n_groups; g++)
    {
      QsSensitivityGroup *group = &r->groups[g];
      guint m;

      report (e, g);
      for (m = 0; m < 2; m++)
        {
          g_autoptr(QsRun) run = NULL;
          QsRunSetup s = { 0 };
          gboolean revert = m == 0;

          if (!(r->measures & (revert ? QS_SENSITIVITY_REVERT : QS_SENSITIVITY_ALONE)))
            continue;
          /* revert: the fake-quant run with the group bypassed; alone: the
           * float run with the group quantized */
          if (revert)
            memset (e->choice, QS_FQ_AS_PLAN, e->n_nodes);
          else
            memcpy (e->choice, e->all_bypassed, e->n_nodes);
          for (i = 0; i < group->fqs->len; i++)
            e->choice[((const QsNode *) group->fqs->pdata[i])->index] = revert ? QS_FQ_BYPASS : QS_FQ_QUANTIZE;
          s.fq_choice = e->choice;
          if (r->reused)
            {
              s.base = revert ? fq_run : float_run;
              s.recompute = e->downstream[g];
            }
          if (!run_whole (e, inputs, &s, &run, error))
            goto out;
          if (!add_outputs (e, float_run, run, sample_sums (e, revert ? 1 + 2 * g : 2 + 2 * g), error))
            goto out;
          r->layers_computed += r->reused ? group->n_downstream : r->n_layers;
          r->layers_full += r->n_layers;
        }
    }
  ok = TRUE;

out:
  for (i = 0; i < n_inputs; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  return ok;
}

static void
commit_sample (Engine *e)
{
  QsSensitivityResult *r = e->result;
  guint g, o;

  for (o = 0; o < r->n_outputs; o++)
    {
      qs_error_sums_merge (&r->baseline.outputs[o], &sample_sums (e, 0)[o]);
      for (g = 0; g < r->n_groups; g++)
        {
          qs_error_sums_merge (&r->groups[g].revert.outputs[o], &sample_sums (e, 1 + 2 * g)[o]);
          qs_error_sums_merge (&r->groups[g].alone.outputs[o], &sample_sums (e, 2 + 2 * g)[o]);
        }
    }
}

/* by node index: @group's FakeQuantize layers and everything that reads them */
static gboolean *
downstream_of (const QsGraph *graph,
               GPtrArray     *group,
               guint         *n_layers)
{
  gboolean *down = g_new0 (gboolean, MAX (graph->n_nodes, 1));
  guint k, i, n = 0;

  for (i = 0; i < group->len; i++)
    down[((const QsNode *) group->pdata[i])->index] = TRUE;
  for (k = 0; k < graph->n_nodes; k++)
    {
      const QsNode *node = graph->topo[k];

      for (i = 0; !down[node->index] && i < node->n_inputs; i++)
        {
          const QsNode *src = qs_node_input_node (node, i);
          down[node->index] = src != NULL && down[src->index];
        }
      if (down[node->index])
        n++;
    }
  *n_layers = n;
  return down;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const QsSensitivityGroup *x = a, *y = b;
  guint measures = GPOINTER_TO_UINT (user_data);
  double kx, ky;

  /* revert: the most output error won back first; alone: the lowest SQNR first */
  if (measures & QS_SENSITIVITY_REVERT)
    kx = -x->gain_db, ky = -y->gain_db;
  else
    kx = x->alone.combined_db, ky = y->alone.combined_db;
  if (isnan (kx) != isnan (ky))
    return isnan (kx) ? 1 : -1;
  if (kx < ky)
    return -1;
  if (kx > ky)
    return 1;
  /* ties in graph order */
  return (int) ((const QsNode *) x->fqs->pdata[0])->index - (int) ((const QsNode *) y->fqs->pdata[0])->index;
}

static void
finish (Engine *e)
{
  QsSensitivityResult *r = e->result;
  double base;
  guint g;

  qs_sensitivity_measure_output (r, &r->baseline, -1, &base, NULL);
  r->baseline.combined_db = base;
  for (g = 0; g < r->n_groups; g++)
    {
      QsSensitivityGroup *group = &r->groups[g];

      if (r->measures & QS_SENSITIVITY_REVERT)
        {
          qs_sensitivity_measure_output (r, &group->revert, -1, &group->revert.combined_db, NULL);
          /* an exact revert (infinite SQNR) wins back everything the baseline lost */
          group->gain_db = isinf (group->revert.combined_db) && group->revert.combined_db > 0
                           ? INFINITY : group->revert.combined_db - base;
        }
      else
        group->gain_db = NAN;
      if (r->measures & QS_SENSITIVITY_ALONE)
        qs_sensitivity_measure_output (r, &group->alone, -1, &group->alone.combined_db, NULL);
    }
  g_qsort_with_data (r->groups, (gint) r->n_groups, sizeof (QsSensitivityGroup), compare_groups,
                     GUINT_TO_POINTER (r->measures));
}

static void
add_point (GArray       *points,
           GPtrArray    *names,
           const QsNode *node,
           guint         port,
           const char   *name,
           gboolean      compared)
{
  QsSensitivityPoint p = { node, port, compared };
  guint i;

  for (i = 0; i < points->len; i++)
    {
      QsSensitivityPoint *q = &g_array_index (points, QsSensitivityPoint, i);

      if (q->node == node && q->port == port)
        {
          q->compared |= compared;
          return;
        }
    }
  g_array_append_val (points, p);
  g_ptr_array_add (names, node->n_outputs > 1 && !qs_node_is_type (node, "Result")
                          ? g_strdup_printf ("%s:%u", name, port) : g_strdup (name));
}

/* What the error is measured on: every Result, and where a Result's
 * producer selects or reorders values (DetectionOutput, TopK, ...), the
 * tensors fed to that producer, which carry the model's numbers. */
static void
add_points (QsSensitivityResult *r,
            const QsGraph       *graph)
{
  g_autofree gboolean *constant = qs_graph_constant_nodes (graph);
  g_autofree gboolean *reached = g_new0 (gboolean, MAX (graph->n_nodes, 1));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (QsSensitivityPoint));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint i, j, k;

  /* a tensor no activation quantizer reaches (prior boxes from the input
   * shape) is the same in every run and would only dilute the mean */
  for (k = 0; k < graph->n_nodes; k++)
    {
      const QsNode *n = graph->topo[k];

      reached[n->index] = qs_node_quantizes_activation (n, constant);
      /* a shape does not change with the values */
      for (i = 0; !reached[n->index] && !qs_node_is_type (n, "ShapeOf") && i < n->n_inputs; i++)
        {
          const QsNode *src = qs_node_input_node (n, i);
          reached[n->index] = src != NULL && reached[src->index];
        }
    }

  for (i = 0; i < graph->n_results; i++)
    {
      const QsNode *res = graph->results[i];
      const QsNode *src = res->n_inputs > 0 ? qs_node_input_node (res, 0) : NULL;

      add_point (points, names, res, 0, res->name,
                 src != NULL && qs_node_output_is_comparable (src) && reached[res->index]);
    }
  for (i = 0; i < graph->n_results; i++)
    {
      const QsNode *res = graph->results[i];
      const QsNode *src = res->n_inputs > 0 ? qs_node_input_node (res, 0) : NULL;

      if (src == NULL || qs_node_output_is_comparable (src))
        continue;
      for (j = 0; j < src->n_inputs; j++)
        {
          const QsPort *in = src->inputs[j].source;

          if (in != NULL && !constant[in->node->index] && qs_node_output_is_comparable (in->node) &&
              qs_element_type_traits (in->node->outputs[in->index].element_type)->is_float)
            add_point (points, names, in->node, in->index, in->node->name, reached[in->node->index]);
        }
    }
  r->n_outputs = points->len;
  r->points = g_new0 (QsSensitivityPoint, MAX (points->len, 1));
  memcpy (r->points, points->data, sizeof (QsSensitivityPoint) * points->len);
  r->output_names = g_new0 (char *, r->n_outputs + 1);
  r->output_compared = g_new0 (gboolean, MAX (r->n_outputs, 1));
  for (i = 0; i < r->n_outputs; i++)
    {
      r->output_names[i] = names->pdata[i];
      r->output_compared[i] = r->points[i].compared;
    }
}

static QsSensitivityResult *
result_new (QsModel    *model,
            QsGrouping  grouping,
            guint       measures)
{
  QsSensitivityResult *r = g_new0 (QsSensitivityResult, 1);
  const QsGraph *graph = model->graph;

  r->ref_count = 1;
  r->model = qs_model_ref (model);
  r->model_path = g_strdup (model->xml_path);
  r->model_sha256 = qs_model_xml_sha256 (model);
  r->grouping = grouping;
  r->measures = measures;
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  add_points (r, graph);
  measure_init (&r->baseline, r->n_outputs);
  return r;
}

QsSensitivityResult *
qs_sensitivity_run (QsModel                    *model,
                    QsDataset                  *dataset,
                    const QsSensitivityOptions *options,
                    GCancellable               *cancellable,
                    GError                    **error)
{
  Engine e = { 0 };
  const QsGraph *graph;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) first_error = NULL;
  QsSensitivityResult *result = NULL;
  gboolean ok = FALSE, any_compared = FALSE;
  guint g, i, k;

  g_return_val_if_fail (model != NULL && dataset != NULL, NULL);
  if (!qs_dataset_finish (dataset, error))
    return NULL;
  if (options != NULL)
    e.opts = *options;
  else
    qs_sensitivity_options_init (&e.opts);
  if (e.opts.measures == 0)
    e.opts.measures = QS_SENSITIVITY_BOTH;
  graph = model->graph;
  e.model = model;
  e.dataset = dataset;
  e.cancellable = cancellable;
  e.start = g_get_monotonic_time ();
  e.result = result_new (model, e.opts.grouping, e.opts.measures);
  e.n_nodes = graph->n_nodes;

  groups = qs_sensitivity_groups (graph, e.opts.grouping);
  if (groups->len == 0)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT,
                   "%s has no FakeQuantize on an activation; there is nothing to rank",
                   model->xml_path != NULL ? model->xml_path : "the model");
      goto out;
    }
  for (i = 0; i < e.result->n_outputs; i++)
    any_compared |= e.result->output_compared[i];
  if (!any_compared)
    {
      /* outputs that select and reorder (DetectionOutput): compare them anyway, and say so */
      for (i = 0; i < e.result->n_outputs; i++)
        e.result->output_compared[i] = TRUE;
      g_ptr_array_add (e.result->warnings,
                       g_strdup ("every output selects or reorders values (DetectionOutput, TopK, …); "
                                 "their SQNR is compared all the same and means little"));
    }

  e.exec = qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, error);
  if (e.exec == NULL)
    goto out;
  for (i = 0; i < e.result->n_outputs; i++)
    qs_exec_keep (e.exec, e.result->points[i].node);

  {
    g_autofree gboolean *constant = qs_graph_constant_nodes (graph);

    e.all_bypassed = g_new0 (guint8, MAX (e.n_nodes, 1));
    e.choice = g_new0 (guint8, MAX (e.n_nodes, 1));
    for (i = 0; i < e.n_nodes; i++)
      if (qs_node_quantizes_activation (graph->nodes[i], constant))
        e.all_bypassed[i] = QS_FQ_BYPASS;
    for (k = 0; k < e.n_nodes; k++)
      if (!qs_node_is_type (graph->nodes[k], "Const") && !qs_node_is_type (graph->nodes[k], "Parameter") &&
          !constant[k])
        e.result->n_layers++;
  }

  e.result->n_groups = groups->len;
  e.result->groups = g_new0 (QsSensitivityGroup, groups->len);
  e.downstream = g_new0 (gboolean *, groups->len);
  for (g = 0; g < groups->len; g++)
    {
      QsSensitivityGroup *group = &e.result->groups[g];

      group->fqs = g_ptr_array_ref (groups->pdata[g]);
      group->feeds = g_ptr_array_new ();
      for (i = 0; i < group->fqs->len; i++)
        qs_lpt_fed_layers (group->fqs->pdata[i], FALSE, FALSE, group->feeds);
      e.downstream[g] = downstream_of (graph, group->fqs, &group->n_downstream);
      measure_init (&group->revert, e.result->n_outputs);
      measure_init (&group->alone, e.result->n_outputs);
    }
  e.sample_sums = g_new0 (QsErrorSums, (gsize) MAX (e.result->n_outputs, 1) * (1 + 2 * groups->len));
  e.result->reused = !e.opts.no_reuse;

  e.n_samples = qs_dataset_get_n_samples (dataset);
  for (e.sample = 0; e.sample < e.n_samples; e.sample++)
    {
      g_autoptr(GError) local = NULL;
      guint64 computed = e.result->layers_computed, full = e.result->layers_full;
      gboolean done;

      report (&e, 0);
      done = run_sample (&e, &local);
      if (!done && e.result->reused && g_error_matches (local, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY))
        {
          /* the two kept runs do not fit: compute every run in full from here on */
          g_ptr_array_add (e.result->warnings,
                           g_strdup_printf ("the float and fake-quant runs kept whole do not fit in the run-memory "
                                            "limit (%s); every run was computed in full from sample %u on",
                                            local->message, e.sample + 1));
          e.result->reused = FALSE;
          e.result->layers_computed = computed;
          e.result->layers_full = full;
          g_clear_error (&local);
          done = run_sample (&e, &local);
        }
      if (done)
        {
          commit_sample (&e);
          e.result->n_samples++;
          continue;
        }
      e.result->layers_computed = computed;
      e.result->layers_full = full;
      if (_qs_sample_failed (dataset, e.sample, e.opts.on_error, cancellable, &local, e.result->warnings,
                             &first_error, error))
        goto out;
      e.result->n_skipped++;
    }
  if (e.result->n_samples == 0)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_NO_SAMPLES,
                   "no sample could be run; the first failed with: %s",
                   first_error != NULL ? first_error->message : "?");
      goto out;
    }
  finish (&e);
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();

    qs_dataset_to_json (dataset, b);
    e.result->inputs = json_builder_get_root (b);
  }
  e.result->seconds = (g_get_monotonic_time () - e.start) / 1e6;
  ok = TRUE;

out:
  if (e.downstream != NULL)
    for (g = 0; g < e.result->n_groups; g++)
      g_free (e.downstream[g]);
  g_free (e.downstream);
  g_free (e.sample_sums);
  g_free (e.all_bypassed);
  g_free (e.choice);
  qs_exec_free (e.exec);
  result = e.result;
  if (!ok)
    g_clear_pointer (&result, qs_sensitivity_result_unref);
  return result;
}

/* ---- writing ---- */

static char *
join_names (GPtrArray  *nodes,
            const char *sep)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < nodes->len; i++)
    {
      if (i > 0)
        g_string_append (s, sep);
      g_string_append (s, ((const QsNode *) nodes->pdata[i])->name);
    }
  return g_string_free (s, FALSE);
}

char *
qs_sensitivity_result_to_csv (const QsSensitivityResult *r)
{
  GString *s = g_string_new ("rank,fake_quantize,feeds,n_fake_quantize,layers_downstream");
  double base;
  guint g, o;

  if (r->measures & QS_SENSITIVITY_REVERT)
    g_string_append (s, ",revert_gain_db,revert_sqnr_db");
  if (r->measures & QS_SENSITIVITY_ALONE)
    g_string_append (s, ",alone_sqnr_db");
  for (o = 0; o < r->n_outputs; o++)
    {
      if (r->measures & QS_SENSITIVITY_REVERT)
        g_string_append_printf (s, ",revert_sqnr_db:%s", r->output_names[o]);
      if (r->measures & QS_SENSITIVITY_ALONE)
        g_string_append_printf (s, ",alone_sqnr_db:%s", r->output_names[o]);
    }
  g_string_append_c (s, '\n');

  /* the fake-quant run itself, for scale: rank 0 */
  qs_sensitivity_measure_output (r, &r->baseline, -1, &base, NULL);
  g_string_append (s, "0,(none: fake-quant run),,0,0");
  if (r->measures & QS_SENSITIVITY_REVERT)
    {
      _qs_csv_number (s, 0, 6);
      _qs_csv_number (s, base, 6);
    }
  if (r->measures & QS_SENSITIVITY_ALONE)
    _qs_csv_number (s, base, 6);
  for (o = 0; o < r->n_outputs; o++)
    {
      double v;

      qs_sensitivity_measure_output (r, &r->baseline, o, &v, NULL);
      if (r->measures & QS_SENSITIVITY_REVERT)
        _qs_csv_number (s, v, 6);
      if (r->measures & QS_SENSITIVITY_ALONE)
        _qs_csv_number (s, v, 6);
    }
  g_string_append_c (s, '\n');

  for (g = 0; g < r->n_groups; g++)
    {
      const QsSensitivityGroup *group = &r->groups[g];
      g_autofree char *fqs = join_names (group->fqs, ";");
      g_autofree char *feeds = join_names (group->feeds, ";");

      g_string_append_printf (s, "%u,", g + 1);
      _qs_csv_field (s, fqs);
      g_string_append_c (s, ',');
      _qs_csv_field (s, feeds);
      g_string_append_printf (s, ",%u,%u", group->fqs->len, group->n_downstream);
      if (r->measures & QS_SENSITIVITY_REVERT)
        {
          _qs_csv_number (s, group->gain_db, 6);
          _qs_csv_number (s, group->revert.combined_db, 6);
        }
      if (r->measures & QS_SENSITIVITY_ALONE)
        _qs_csv_number (s, group->alone.combined_db, 6);
      for (o = 0; o < r->n_outputs; o++)
        {
          double v;

          if (r->measures & QS_SENSITIVITY_REVERT)
            {
              qs_sensitivity_measure_output (r, &group->revert, o, &v, NULL);
              _qs_csv_number (s, v, 6);
            }
          if (r->measures & QS_SENSITIVITY_ALONE)
            {
              qs_sensitivity_measure_output (r, &group->alone, o, &v, NULL);
              _qs_csv_number (s, v, 6);
            }
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static void
add_measure (JsonBuilder                *b,
             const QsSensitivityResult  *r,
             const QsSensitivityMeasure *m)
{
  double v, nmse;
  guint o;

  json_builder_begin_object (b);
  qs_sensitivity_measure_output (r, m, -1, &v, &nmse);
  _qs_json_member_number (b, "combined_db", v, TRUE);
  _qs_json_member_number (b, "mean_nmse", nmse, FALSE);
  json_builder_set_member_name (b, "outputs");
  json_builder_begin_array (b);
  for (o = 0; o < r->n_outputs; o++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, r->output_names[o]);
      qs_sensitivity_measure_output (r, m, o, &v, &nmse);
      _qs_json_member_number (b, "sqnr_db", v, TRUE);
      _qs_json_member_number (b, "nmse", nmse, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_names (JsonBuilder *b,
           const char  *key,
           GPtrArray   *nodes)
{
  guint i;

  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (i = 0; i < nodes->len; i++)
    json_builder_add_string_value (b, ((const QsNode *) nodes->pdata[i])->name);
  json_builder_end_array (b);
}

char *
qs_sensitivity_result_to_json (const QsSensitivityResult *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint g, o;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "qscope_sensitivity");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, r->model_path != NULL ? r->model_path : "");
  json_builder_set_member_name (b, "model_sha256");
  json_builder_add_string_value (b, r->model_sha256 != NULL ? r->model_sha256 : "");
  json_builder_set_member_name (b, "samples");
  json_builder_add_int_value (b, r->n_samples);
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, r->n_skipped);
  json_builder_set_member_name (b, "inputs");
  if (r->inputs != NULL)
    json_builder_add_value (b, json_node_copy (r->inputs));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "grouping");
  json_builder_add_string_value (b, qs_grouping_name (r->grouping));
  json_builder_set_member_name (b, "measures");
  json_builder_begin_array (b);
  if (r->measures & QS_SENSITIVITY_REVERT)
    json_builder_add_string_value (b, "revert");
  if (r->measures & QS_SENSITIVITY_ALONE)
    json_builder_add_string_value (b, "alone");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "combined");
  json_builder_add_string_value (b, "-10 log10 of the mean NMSE of the compared outputs, each pooled over all samples, "
                                    "against the float run");
  json_builder_set_member_name (b, "outputs");
  json_builder_begin_array (b);
  for (o = 0; o < r->n_outputs; o++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, r->output_names[o]);
      json_builder_set_member_name (b, "compared");
      json_builder_add_boolean_value (b, r->output_compared[o]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "fq_vs_float");
  add_measure (b, r, &r->baseline);
  json_builder_set_member_name (b, "reuse");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "downstream_only");
  json_builder_add_boolean_value (b, r->reused);
  json_builder_set_member_name (b, "layers_per_run");
  json_builder_add_int_value (b, r->n_layers);
  json_builder_set_member_name (b, "layers_computed");
  json_builder_add_int_value (b, (gint64) r->layers_computed);
  json_builder_set_member_name (b, "layers_in_full_runs");
  json_builder_add_int_value (b, (gint64) r->layers_full);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, r->seconds);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (o = 0; o < r->warnings->len; o++)
    json_builder_add_string_value (b, r->warnings->pdata[o]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (g = 0; g < r->n_groups; g++)
    {
      const QsSensitivityGroup *group = &r->groups[g];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rank");
      json_builder_add_int_value (b, g + 1);
      add_names (b, "fake_quantize", group->fqs);
      add_names (b, "feeds", group->feeds);
      json_builder_set_member_name (b, "layers_downstream");
      json_builder_add_int_value (b, group->n_downstream);
      if (r->measures & QS_SENSITIVITY_REVERT)
        {
          _qs_json_member_number (b, "revert_gain_db", group->gain_db, TRUE);
          json_builder_set_member_name (b, "revert");
          add_measure (b, r, &group->revert);
        }
      if (r->measures & QS_SENSITIVITY_ALONE)
        {
          json_builder_set_member_name (b, "alone");
          add_measure (b, r, &group->alone);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return _qs_json_builder_to_text (b);
}

/* ---- reading a ranking back ---- */

void
qs_sensitivity_ranking_free (QsSensitivityRanking *k)
{
  guint g;

  if (k == NULL)
    return;
  for (g = 0; g < k->n_groups; g++)
    g_strfreev (k->groups[g].fake_quantize);
  g_free (k->groups);
  g_free (k);
}

QsSensitivityRanking *
qs_sensitivity_ranking_new (const QsSensitivityResult *r)
{
  QsSensitivityRanking *k = g_new0 (QsSensitivityRanking, 1);
  guint g, i;

  g_return_val_if_fail (r != NULL, NULL);

  /* the figures as qs_sensitivity_result_to_json() writes them */
  qs_sensitivity_measure_output (r, &r->baseline, -1, &k->baseline_db, NULL);
  k->n_groups = r->n_groups;
  k->groups = g_new0 (QsSensitivityRankedGroup, MAX (r->n_groups, 1));
  for (g = 0; g < r->n_groups; g++)
    {
      const QsSensitivityGroup *group = &r->groups[g];

      k->groups[g].fake_quantize = g_new0 (char *, group->fqs->len + 1);
      for (i = 0; i < group->fqs->len; i++)
        k->groups[g].fake_quantize[i] = g_strdup (((const QsNode *) group->fqs->pdata[i])->name);
      k->groups[g].gain_db = r->measures & QS_SENSITIVITY_REVERT ? group->gain_db : NAN;
      k->groups[g].alone_db = NAN;
      if (r->measures & QS_SENSITIVITY_ALONE)
        qs_sensitivity_measure_output (r, &group->alone, -1, &k->groups[g].alone_db, NULL);
    }
  return k;
}

/* A number member in dB: null for NaN, ±999 for an infinity (as written). */
static double
member_db (JsonObject *o,
           const char *key)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;
  double v;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return NAN;
  if (json_node_get_value_type (n) != G_TYPE_DOUBLE && json_node_get_value_type (n) != G_TYPE_INT64)
    return NAN;
  v = json_node_get_double (n);
  return v >= 999.0 ? INFINITY : v <= -999.0 ? -INFINITY : v;
}

QsSensitivityRanking *
qs_sensitivity_ranking_load (const char *path,
                             QsModel    *model,
                             GError    **error)
{
  g_autofree char *data = NULL, *base = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "%s", local->message);
      return NULL;
    }
  base = g_path_get_basename (path);
  return qs_sensitivity_ranking_load_data (data, length, base, model, error);
}

static QsSensitivityRanking *
ranking_parse (const char *data,
               gsize       length,
               const char *base,
               QsModel    *model,
               GError    **error)
{
  g_autofree char *want = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(QsSensitivityRanking) k = g_new0 (QsSensitivityRanking, 1);
  JsonObject *root;
  JsonArray *groups;
  JsonNode *node;
  const char *sha;
  gsize end, at;
  guint g, i;

  end = _qs_json_object_end (data, length);
  for (at = end; end > 0 && at < length && g_ascii_isspace (data[at]); at++)
    ;
  if (end == 0 || at < length || length > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, data, (gssize) end, &local) ||
      (node = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "%s: not a qscope sensitivity ranking%s%s", base,
                   local != NULL ? ": " : "", local != NULL ? local->message : "");
      return NULL;
    }
  root = json_node_get_object (node);
  node = json_object_get_member (root, "qscope_sensitivity");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != 1)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT,
                   "%s: not a qscope sensitivity ranking (no \"qscope_sensitivity\": 1)", base);
      return NULL;
    }
  node = json_object_get_member (root, "model_sha256");
  sha = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
        ? json_node_get_string (node) : NULL;
  want = qs_model_xml_sha256 (model);
  if (sha == NULL || want == NULL || g_ascii_strcasecmp (sha, want) != 0)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_MODEL,
                   "%s: the ranking is of another model (sha256 %.12s…), not of %s (sha256 %.12s…)", base,
                   sha != NULL ? sha : "?", model->xml_path != NULL ? model->xml_path : "this model",
                   want != NULL ? want : "?");
      return NULL;
    }
  node = json_object_get_member (root, "fq_vs_float");
  k->baseline_db = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                   ? member_db (json_node_get_object (node), "combined_db") : NAN;
  node = json_object_get_member (root, "groups");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "%s: no \"groups\" array", base);
      return NULL;
    }
  groups = json_node_get_array (node);
  k->n_groups = json_array_get_length (groups);
  k->groups = g_new0 (QsSensitivityRankedGroup, MAX (k->n_groups, 1));
  for (g = 0; g < k->n_groups; g++)
    {
      JsonNode *group = json_array_get_element (groups, g);
      JsonObject *o = group != NULL && JSON_NODE_HOLDS_OBJECT (group) ? json_node_get_object (group) : NULL;
      JsonArray *fqs;
      JsonNode *alone;

      node = o != NULL ? json_object_get_member (o, "fake_quantize") : NULL;
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT,
                       "%s: group %u has no \"fake_quantize\" array", base, g + 1);
          return NULL;
        }
      fqs = json_node_get_array (node);
      k->groups[g].fake_quantize = g_new0 (char *, json_array_get_length (fqs) + 1);
      for (i = 0; i < json_array_get_length (fqs); i++)
        {
          JsonNode *name = json_array_get_element (fqs, i);

          if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
            {
              g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT,
                           "%s: group %u names a FakeQuantize with something not a string", base, g + 1);
              return NULL;
            }
          k->groups[g].fake_quantize[i] = g_strdup (json_node_get_string (name));
        }
      k->groups[g].gain_db = member_db (o, "revert_gain_db");
      alone = json_object_get_member (o, "alone");
      k->groups[g].alone_db = alone != NULL && JSON_NODE_HOLDS_OBJECT (alone)
                              ? member_db (json_node_get_object (alone), "combined_db") : NAN;
    }
  return g_steal_pointer (&k);
}

QsSensitivityRanking *
qs_sensitivity_ranking_load_data (const char *data,
                                  gsize       length,
                                  const char *name,
                                  QsModel    *model,
                                  GError    **error)
{
  GError *local = NULL;
  QsSensitivityRanking *k = ranking_parse (data, length, name, model, &local);

  if (local != NULL)
    {
      /* the file's sha256 and the parser's excerpt are quoted */
      _qs_error_one_line (local);
      g_propagate_error (error, local);
    }
  return k;
}

GPtrArray *
qs_sensitivity_read_top (const char *path,
                         QsModel    *model,
                         guint       top,
                         GError    **error)
{
  g_autoptr(QsSensitivityRanking) k = qs_sensitivity_ranking_load (path, model, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint g, i;

  if (k == NULL)
    return NULL;
  if (top > k->n_groups)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "%s: %u groups asked for, the ranking has %u",
                   base, top, k->n_groups);
      return NULL;
    }
  for (g = 0; g < top; g++)
    for (i = 0; k->groups[g].fake_quantize[i] != NULL; i++)
      g_ptr_array_add (names, g_strdup (k->groups[g].fake_quantize[i]));
  return g_steal_pointer (&names);
}

GPtrArray *
qs_sensitivity_ranking_group_nodes (const QsSensitivityRanking *k,
                                    const QsGraph              *graph,
                                    guint                       group)
{
  GPtrArray *nodes = g_ptr_array_new ();
  guint i, n_fq;

  g_return_val_if_fail (group < k->n_groups, nodes);
  for (i = 0; k->groups[group].fake_quantize[i] != NULL; i++)
    {
      const QsNode *fq = qs_graph_find_node_by_name (graph, k->groups[group].fake_quantize[i]);

      if (fq != NULL && !g_ptr_array_find (nodes, fq, NULL))
        g_ptr_array_add (nodes, (gpointer) fq);
    }
  n_fq = nodes->len;
  for (i = 0; i < n_fq; i++)
    qs_lpt_fed_layers (nodes->pdata[i], FALSE, FALSE, nodes);
  return nodes;
}

double *
qs_sensitivity_ranking_node_values (const QsSensitivityRanking *k,
                                    const QsGraph              *graph,
                                    gboolean                    alone)
{
  double *values = g_new (double, MAX (graph->n_nodes, 1));
  guint g, i, j;

  for (i = 0; i < graph->n_nodes; i++)
    values[i] = NAN;
  for (g = 0; g < k->n_groups; g++)
    {
      double v = alone ? k->groups[g].alone_db : k->groups[g].gain_db;
      g_autoptr(GPtrArray) nodes = NULL;

      if (isnan (v))
        continue;
      nodes = qs_sensitivity_ranking_group_nodes (k, graph, g);
      for (j = 0; j < nodes->len; j++)
        {
          guint index = ((const QsNode *) nodes->pdata[j])->index;

          /* a layer fed by several groups shows the costliest */
          if (isnan (values[index]) || (alone ? v < values[index] : v > values[index]))
            values[index] = v;
        }
    }
  return values;
}
