/* test-findings.c — the rankings the window's findings list first
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A small model whose first weights clip on purpose: the constants' figures
 * are counted here by hand, the run's are held to the analysis rows (which
 * test-analysis holds to the tensors themselves), and the orders checked.
 */
#include "config.h"

#include <math.h>

#include "qscope-core.h"
#include "qs-findings.h"
#include "qs-test-models.h"

static const float w1[12] = { 0.3f, -0.2f, 0.5f, 0.1f, 0.4f, -0.6f, -0.3f, 0.2f, 0.25f, 0.7f, -0.1f, 0.05f };
static const float w2[8] = { 0.9f, -0.4f, 0.3f, 0.2f, -0.5f, 0.6f, 0.1f, 0.8f };

static QsNode *
conv (QsGraphBuilder *b,
      const char     *name,
      QsNode         *x,
      const gint64   *xd,
      const gint64   *wd,
      const float    *w,
      float           range,
      const gint64   *yd)
{
  QsNode *c = qs_graph_builder_add_node (b, "Convolution", "opset1", name, 2, 1);
  g_autofree char *wname = g_strdup_printf ("%s/w", name), *fqname = g_strdup_printf ("%s/fq_w", name);
  QsNode *fw = qs_test_fake_quantize_levels (b, fqname, "255", qs_graph_builder_add_const_f32 (b, wname, 4, wd, w),
                                             -range, range, 4, wd);

  qs_graph_builder_set_attr (b, c, "strides", "1,1");
  qs_graph_builder_set_attr (b, c, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, c, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, c, "dilations", "1,1");
  qs_graph_builder_set_port (b, &c->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &c->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &c->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, x, 0, c, 0);
  qs_test_wire (b, fw, 0, c, 1);
  return c;
}

/* x [1,3,4,4] → fq_x (256, 0..2.55) → conv (weights through ±0.45, so that
 * 0.5, -0.6 and 0.7 clip) → ReLU → fq_y (256, 0..0.1) → conv2 (weights
 * through ±1.27) → y */
static QsModel *
findings_model (const char *dir)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("findings");
  gint64 xd[4] = { 1, 3, 4, 4 }, w1d[4] = { 4, 3, 1, 1 }, hd[4] = { 1, 4, 4, 4 };
  gint64 w2d[4] = { 2, 4, 1, 1 }, yd[4] = { 1, 2, 4, 4 };
  QsNode *x, *fx, *c1, *relu, *fy, *c2;

  x = qs_test_parameter (b, "x", 4, xd);
  fx = qs_test_fake_quantize_levels (b, "fq_x", "256", x, 0.0f, 2.55f, 4, xd);
  c1 = conv (b, "conv", fx, xd, w1d, w1, 0.45f, hd);
  relu = qs_test_eltwise (b, "ReLU", "relu", 1, &c1, 4, hd);
  fy = qs_test_fake_quantize_levels (b, "fq_y", "256", relu, 0.0f, 0.1f, 4, hd);
  c2 = conv (b, "conv2", fy, hd, w2d, w2, 1.27f, yd);
  qs_test_result (b, "y", c2, 0, 4, yd);
  return qs_test_finish (b, dir, "findings.xml");
}

static const QsFqFinding *
find (GArray     *findings,
      const char *name)
{
  guint i;

  for (i = 0; i < findings->len; i++)
    if (g_str_equal (g_array_index (findings, QsFqFinding, i).node->name, name))
      return &g_array_index (findings, QsFqFinding, i);
  g_assert_not_reached ();
  return NULL;
}

/* The codes of 255 levels over ±@range that @w reaches, counted by hand. */
static guint
count_codes (const float *w,
             guint        n,
             float        range)
{
  gboolean seen[255] = { FALSE };
  guint i, used = 0;

  for (i = 0; i < n; i++)
    {
      double c = nearbyint (((double) CLAMP (w[i], -range, range) + range) / (2.0 * range) * 254.0);

      seen[(int) c] = TRUE;
    }
  for (i = 0; i < 255; i++)
    used += seen[i];
  return used;
}

static void
test_before_run (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("findings");
  g_autoptr(QsModel) model = findings_model (dir);
  g_autoptr(GArray) all = qs_fq_findings_from_graph (model->graph);
  g_autoptr(GArray) clip = NULL;
  g_autoptr(GArray) fewest = NULL;
  const QsFqFinding *f;

  g_assert_cmpuint (all->len, ==, 4);
  f = find (all, "conv/fq_w");
  g_assert_true (f->on_weights);
  g_assert_false (f->from_run);
  g_assert_cmpuint (f->levels, ==, 255);
  g_assert_cmpfloat (f->clipped, ==, 3.0 / 12.0);
  /* 0.5 and 0.7 share the top code, -0.6 takes the bottom one: 11 codes */
  g_assert_cmpuint (f->levels_used, ==, 11);
  g_assert_cmpuint (f->levels_used, ==, count_codes (w1, 12, 0.45f));
  f = find (all, "conv2/fq_w");
  g_assert_cmpfloat (f->clipped, ==, 0.0);
  g_assert_cmpuint (f->levels_used, ==, count_codes (w2, 8, 1.27f));
  g_assert_cmpuint (f->levels_used, ==, 8);
  /* activations: only the levels are known before a run */
  f = find (all, "fq_y");
  g_assert_false (f->on_weights);
  g_assert_cmpuint (f->levels, ==, 256);
  g_assert_cmpuint (f->levels_used, ==, 0);
  g_assert_true (isnan (f->clipped));

  clip = qs_fq_findings_rank (all, QS_FQ_RANK_CLIPPED, 5);
  g_assert_cmpuint (clip->len, ==, 1);
  g_assert_cmpstr (g_array_index (clip, QsFqFinding, 0).node->name, ==, "conv/fq_w");

  fewest = qs_fq_findings_rank (all, QS_FQ_RANK_FEWEST_LEVELS, 3);
  g_assert_cmpuint (fewest->len, ==, 3);
  g_assert_cmpstr (g_array_index (fewest, QsFqFinding, 0).node->name, ==, "conv2/fq_w");
  g_assert_cmpstr (g_array_index (fewest, QsFqFinding, 1).node->name, ==, "conv/fq_w");
  /* a tie of 256 levels keeps document order */
  g_assert_cmpstr (g_array_index (fewest, QsFqFinding, 2).node->name, ==, "fq_x");
}

static void
test_after_run (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("findings");
  g_autoptr(QsModel) model = findings_model (dir);
  g_autoptr(QsDataset) ds = qs_test_dataset (model, "random:6:3");
  g_autoptr(QsAnalysisResult) r = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) clip = NULL;
  g_autoptr(GArray) fewest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree int *samples = NULL;
  const QsAnalysisRow *relu_row;
  const QsFqFinding *f;
  QsAnalysisOptions opts;
  guint i, n;

  qs_analysis_options_init (&opts);
  opts.modes = QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ;
  r = qs_analysis_run (model, ds, &opts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_samples, ==, 6);

  all = qs_fq_findings_from_result (r);
  g_assert_cmpuint (all->len, ==, 4);
  /* fq_y's figures are those of the tensor it reads, the ReLU's */
  f = find (all, "fq_y");
  relu_row = qs_analysis_result_find_row (r, qs_graph_find_node_by_name (model->graph, "relu"), 0);
  g_assert_nonnull (relu_row);
  g_assert_true (f->from_run);
  g_assert_cmpfloat (f->clipped, ==, relu_row->stats[QS_EXEC_MODE_FLOAT].clipped);
  g_assert_cmpuint (f->levels_used, ==, relu_row->stats[QS_EXEC_MODE_FLOAT].levels_used);
  /* a range of 0..0.1 after a ReLU of random data clips */
  g_assert_cmpfloat (f->clipped, >, 0.0);
  /* weights read from a Const keep the constants' figures */
  f = find (all, "conv/fq_w");
  g_assert_false (f->from_run);
  g_assert_cmpfloat (f->clipped, ==, 3.0 / 12.0);
  g_assert_cmpuint (f->levels_used, ==, 11);

  clip = qs_fq_findings_rank (all, QS_FQ_RANK_CLIPPED, 10);
  g_assert_cmpuint (clip->len, >=, 2);
  for (i = 1; i < clip->len; i++)
    g_assert_cmpfloat (g_array_index (clip, QsFqFinding, i - 1).clipped, >=,
                       g_array_index (clip, QsFqFinding, i).clipped);
  for (i = 0; i < clip->len; i++)
    g_assert_cmpfloat (g_array_index (clip, QsFqFinding, i).clipped, >, 0.0);

  fewest = qs_fq_findings_rank (all, QS_FQ_RANK_FEWEST_LEVELS, 10);
  g_assert_cmpuint (fewest->len, ==, 4);
  for (i = 1; i < fewest->len; i++)
    {
      const QsFqFinding *a = &g_array_index (fewest, QsFqFinding, i - 1);
      const QsFqFinding *b = &g_array_index (fewest, QsFqFinding, i);

      g_assert_cmpuint (a->levels_used > 0 ? a->levels_used : a->levels, <=,
                        b->levels_used > 0 ? b->levels_used : b->levels);
    }

  /* the samples, worst pooled output SQNR first */
  samples = qs_analysis_result_rank_samples (r, QS_COMPARE_FQ_FLOAT, 4);
  for (n = 0; samples[n] >= 0; n++)
    ;
  g_assert_cmpuint (n, ==, 4);
  for (i = 1; i < n; i++)
    g_assert_cmpfloat (qs_analysis_sample_figure (r, samples[i - 1], -1, QS_COMPARE_FQ_FLOAT, QS_FIGURE_SQNR), <=,
                       qs_analysis_sample_figure (r, samples[i], -1, QS_COMPARE_FQ_FLOAT, QS_FIGURE_SQNR));
  /* none of the two left out is worse than the last one listed */
  for (i = 0; i < r->n_sample_records; i++)
    {
      guint k;
      gboolean listed = FALSE;

      for (k = 0; k < n; k++)
        listed = listed || (guint) samples[k] == i;
      if (!listed)
        g_assert_cmpfloat (qs_analysis_sample_figure (r, i, -1, QS_COMPARE_FQ_FLOAT, QS_FIGURE_SQNR), >=,
                           qs_analysis_sample_figure (r, samples[n - 1], -1, QS_COMPARE_FQ_FLOAT, QS_FIGURE_SQNR));
    }
  g_free (samples);
  /* int8 against float was not run: nothing to rank */
  samples = qs_analysis_result_rank_samples (r, QS_COMPARE_INT8_FLOAT, 4);
  g_assert_cmpint (samples[0], ==, -1);
}

/* Per-channel weights: channel 1's three values are one code. */
static void
test_per_channel (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("findings");
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("per-channel");
  gint64 xd[4] = { 1, 3, 4, 4 }, wd[4] = { 2, 3, 1, 1 }, rd[4] = { 2, 1, 1, 1 }, yd[4] = { 1, 2, 4, 4 };
  static const float w[6] = { 0.5f, -0.5f, 0.25f, 0.1f, 0.1f, 0.1f };
  static const float lo[2] = { -1.0f, -0.5f }, hi[2] = { 1.0f, 0.5f };
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) fewest = NULL;
  QsNode *x, *fq, *c;
  const QsFqFinding *f;
  guint i;

  x = qs_test_parameter (b, "x", 4, xd);
  fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "w_fq", 5, 1);
  qs_graph_builder_set_attr (b, fq, "levels", "255");
  qs_graph_builder_set_port (b, &fq->inputs[0], QS_ELEMENT_F32, 4, wd);
  for (i = 1; i < 5; i++)
    qs_graph_builder_set_port (b, &fq->inputs[i], QS_ELEMENT_F32, 4, rd);
  qs_graph_builder_set_port (b, &fq->outputs[0], QS_ELEMENT_F32, 4, wd);
  qs_test_wire (b, qs_graph_builder_add_const_f32 (b, "w", 4, wd, w), 0, fq, 0);
  for (i = 1; i < 5; i++)
    qs_test_wire (b, qs_graph_builder_add_const_f32 (b, NULL, 4, rd, i % 2 == 1 ? lo : hi), 0, fq, i);
  c = qs_graph_builder_add_node (b, "Convolution", "opset1", "conv", 2, 1);
  qs_graph_builder_set_attr (b, c, "strides", "1,1");
  qs_graph_builder_set_attr (b, c, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, c, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, c, "dilations", "1,1");
  qs_graph_builder_set_port (b, &c->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &c->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &c->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, x, 0, c, 0);
  qs_test_wire (b, fq, 0, c, 1);
  qs_test_result (b, "y", c, 0, 4, yd);
  model = qs_test_finish (b, dir, "per-channel.xml");

  all = qs_fq_findings_from_graph (model->graph);
  g_assert_cmpuint (all->len, ==, 1);
  f = find (all, "w_fq");
  g_assert_true (f->on_weights);
  g_assert_cmpfloat (f->clipped, ==, 0.0);
  /* 0.5, -0.5 and 0.25 over ±1, and 0.1 over ±0.5: four codes together */
  g_assert_cmpuint (f->levels_used, ==, 4);
  g_assert_cmpuint (f->n_channels, ==, 2);
  g_assert_cmpint (f->sparsest_channel, ==, 1);
  g_assert_cmpuint (f->sparsest_levels, ==, 1);
  fewest = qs_fq_findings_rank (all, QS_FQ_RANK_FEWEST_LEVELS, 1);
  g_assert_cmpuint (fewest->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/findings/before-run", test_before_run);
  g_test_add_func ("/qscope/findings/after-run", test_after_run);
  g_test_add_func ("/qscope/findings/per-channel", test_per_channel);
  return g_test_run ();
}
