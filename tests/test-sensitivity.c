/* test-sensitivity.c — which quantizer costs the accuracy
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The grouping is checked on small graphs whose groups are known by
 * construction.  The figures are checked against identities that hold
 * whatever the kernels compute: with one group, reverting it is the float
 * run and quantizing it alone is the fake-quant run; with two groups,
 * reverting one is quantizing the other alone; a single sample's pooled
 * output SQNR is the analysis engine's for that sample.  Reusing the kept
 * runs must give the same sums, bit for bit, as computing every run in
 * full, on generated models and on a shared INT8 model when present.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "qscope-core.h"
#include "qs-analysis.h"
#include "qs-exec.h"
#include "qs-graph-builder.h"
#include "qs-ir-writer.h"
#include "qs-sensitivity.h"
#include "qs-test-dir.h"

typedef char TestDir;

static void
test_dir_free (TestDir *dir)
{
  qs_test_remove_tree (dir);
  g_free (dir);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDir, test_dir_free)

/* ---- building small models ---- */

static void
wire (QsGraphBuilder *b,
      QsNode         *from,
      guint           port,
      QsNode         *to,
      guint           in)
{
  g_autoptr(GError) error = NULL;

  qs_graph_builder_connect (b, from, port, to, in, &error);
  g_assert_no_error (error);
}

static QsNode *
scalar (QsGraphBuilder *b,
        float           v)
{
  return qs_graph_builder_add_const_f32 (b, NULL, 0, NULL, &v);
}

static QsNode *
parameter (QsGraphBuilder *b,
           const char     *name,
           int             rank,
           const gint64   *dims)
{
  QsNode *x = qs_graph_builder_add_node (b, "Parameter", "opset1", name, 0, 1);

  qs_graph_builder_set_port (b, &x->outputs[0], QS_ELEMENT_F32, rank, dims);
  return x;
}

/* a layer of @type with @n_in f32 inputs of shape @dims and one output of the same */
static QsNode *
eltwise (QsGraphBuilder *b,
         const char     *type,
         const char     *name,
         guint           n_in,
         QsNode *const  *in,
         int             rank,
         const gint64   *dims)
{
  QsNode *n = qs_graph_builder_add_node (b, type, "opset1", name, n_in, 1);
  guint i;

  for (i = 0; i < n_in; i++)
    {
      qs_graph_builder_set_port (b, &n->inputs[i], QS_ELEMENT_F32, rank, dims);
      wire (b, in[i], 0, n, i);
    }
  qs_graph_builder_set_port (b, &n->outputs[0], QS_ELEMENT_F32, rank, dims);
  return n;
}

static QsNode *
fake_quantize (QsGraphBuilder *b,
               const char     *name,
               QsNode         *x,
               float           lo,
               float           hi,
               int             rank,
               const gint64   *dims)
{
  QsNode *fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", name, 5, 1);
  guint i;

  qs_graph_builder_set_attr (b, fq, "levels", "256");
  for (i = 0; i < 5; i++)
    qs_graph_builder_set_port (b, &fq->inputs[i], QS_ELEMENT_F32, i == 0 ? rank : 0, dims);
  qs_graph_builder_set_port (b, &fq->outputs[0], QS_ELEMENT_F32, rank, dims);
  wire (b, x, 0, fq, 0);
  wire (b, scalar (b, lo), 0, fq, 1);
  wire (b, scalar (b, hi), 0, fq, 2);
  wire (b, scalar (b, lo), 0, fq, 3);
  wire (b, scalar (b, hi), 0, fq, 4);
  return fq;
}

/* the height and width of every tensor: large enough that the tensors,
 * not the packed weights, decide what fits a memory limit */
#define S 32

/* a 1x1 Convolution of @x [1,ci,S,S] to @co channels, weights through their own FakeQuantize */
static QsNode *
conv1x1 (QsGraphBuilder *b,
         const char     *name,
         QsNode         *x,
         gint64          ci,
         gint64          co,
         guint           seed)
{
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", name, 2, 1);
  g_autofree char *wname = g_strdup_printf ("%s/w", name), *fqname = g_strdup_printf ("%s/fq_w", name);
  g_autofree float *w = g_new (float, ci * co);
  gint64 xd[4] = { 1, ci, S, S }, wd[4] = { co, ci, 1, 1 }, yd[4] = { 1, co, S, S };
  QsNode *fw;
  gint64 i;

  for (i = 0; i < ci * co; i++)
    w[i] = (float) (((i * 7 + seed * 13) % 17) - 8) / 10.0f;
  fw = fake_quantize (b, fqname, qs_graph_builder_add_const_f32 (b, wname, 4, wd, w), -1.27f, 1.27f, 4, wd);
  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, yd);
  wire (b, x, 0, conv, 0);
  wire (b, fw, 0, conv, 1);
  return conv;
}

static QsNode *
result (QsGraphBuilder *b,
        const char     *name,
        QsNode         *x,
        guint           port,
        int             rank,
        const gint64   *dims)
{
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", name, 1, 0);

  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, rank, dims);
  wire (b, x, port, res, 0);
  return res;
}

/* Writes the model to @dir/@file and loads it back (a real path and sha256). */
static QsModel *
finish (QsGraphBuilder *b,
        const char     *dir,
        const char     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) built = qs_graph_builder_finish (b, &error);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  QsModel *model;

  g_assert_no_error (error);
  g_assert_true (qs_ir_write (built, path, NULL, &error));
  g_assert_no_error (error);
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static const gint64 d3[4] = { 1, 3, S, S }, d4[4] = { 1, 4, S, S }, d2[4] = { 1, 2, S, S }, d6[4] = { 1, 6, S, S };

/* x → fq_x → conv → ReLU → fq_y → conv2 → Result y; the ReLU → Result h too.
 * With @third, a Sigmoid of x → fq_z → Result z as well. */
static QsModel *
chain_model (const char *dir,
             gboolean    third)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("chain");
  QsNode *x = parameter (b, "x", 4, d3);
  QsNode *fx = fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3);
  QsNode *conv = conv1x1 (b, "conv", fx, 3, 4, 1);
  QsNode *relu = eltwise (b, "ReLU", "relu", 1, &conv, 4, d4);
  QsNode *fy = fake_quantize (b, "fq_y", relu, 0.0f, 1.0f, 4, d4);
  QsNode *conv2 = conv1x1 (b, "conv2", fy, 4, 2, 2);

  result (b, "y", conv2, 0, 4, d2);
  result (b, "h", relu, 0, 4, d4);
  if (third)
    {
      QsNode *sig = eltwise (b, "Sigmoid", "sig", 1, &x, 4, d3);
      QsNode *fz = fake_quantize (b, "fq_z", sig, 0.0f, 1.0f, 4, d3);

      result (b, "z", fz, 0, 4, d3);
    }
  return finish (b, dir, third ? "chain3.xml" : "chain.xml");
}

static QsDataset *
dataset (QsModel    *model,
         const char *spec)
{
  g_autoptr(GError) error = NULL;
  QsDataset *ds = qs_dataset_new (model);

  g_assert_true (qs_dataset_add_spec (ds, spec, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (qs_dataset_finish (ds, &error));
  g_assert_no_error (error);
  return ds;
}

static QsSensitivityResult *
run (QsModel    *model,
     QsDataset  *ds,
     QsGrouping  grouping,
     gboolean    no_reuse)
{
  g_autoptr(GError) error = NULL;
  QsSensitivityOptions opts;
  QsSensitivityResult *r;

  qs_sensitivity_options_init (&opts);
  opts.grouping = grouping;
  opts.no_reuse = no_reuse;
  r = qs_sensitivity_run (model, ds, &opts, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static const QsSensitivityGroup *
group_of (const QsSensitivityResult *r,
          const char                *fq)
{
  guint g, i;

  for (g = 0; g < r->n_groups; g++)
    for (i = 0; i < r->groups[g].fqs->len; i++)
      if (strcmp (((const QsNode *) r->groups[g].fqs->pdata[i])->name, fq) == 0)
        return &r->groups[g];
  g_assert_not_reached ();
  return NULL;
}

static int
output_index (const QsSensitivityResult *r,
              const char                *name)
{
  guint o;

  for (o = 0; o < r->n_outputs; o++)
    if (strcmp (r->output_names[o], name) == 0)
      return (int) o;
  return -1;
}

static void
assert_same_sums (const QsSensitivityResult  *r,
                  const QsSensitivityMeasure *a,
                  const QsSensitivityMeasure *b)
{
  g_assert_cmpmem (a->outputs, sizeof (QsErrorSums) * r->n_outputs, b->outputs, sizeof (QsErrorSums) * r->n_outputs);
}

/* the names of each group's FakeQuantize layers, "a,b;c" */
static char *
groups_text (GPtrArray *groups)
{
  GString *s = g_string_new (NULL);
  guint g, i;

  for (g = 0; g < groups->len; g++)
    {
      GPtrArray *group = groups->pdata[g];

      if (g > 0)
        g_string_append_c (s, ';');
      for (i = 0; i < group->len; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? "," : "", ((const QsNode *) group->pdata[i])->name);
    }
  return g_string_free (s, FALSE);
}

/* ---- grouping ---- */

/* Two quantizers meet in a Concat (one through a MaxPool, which moves
 * codes) and are one group; a third on its own branch is another; weight
 * quantizers are no group at all. */
static void
test_groups_concat (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("concat");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GPtrArray) aligned = NULL, layer = NULL;
  g_autofree char *a_text = NULL, *l_text = NULL;
  QsNode *x = parameter (b, "x", 4, d3);
  QsNode *fa = fake_quantize (b, "fq_a", x, -1.0f, 1.0f, 4, d3);
  QsNode *relu = eltwise (b, "ReLU", "relu", 1, &x, 4, d3);
  QsNode *fb = fake_quantize (b, "fq_b", relu, 0.0f, 2.0f, 4, d3);
  QsNode *pool = qs_graph_builder_add_node (b, "MaxPool", "opset1", "pool", 1, 1);
  QsNode *concat = qs_graph_builder_add_node (b, "Concat", "opset1", "concat", 2, 1);
  QsNode *sig = eltwise (b, "Sigmoid", "sig", 1, &x, 4, d3);
  QsNode *fc = fake_quantize (b, "fq_c", sig, 0.0f, 1.0f, 4, d3);
  QsNode *conv;

  qs_graph_builder_set_attr (b, pool, "strides", "1,1");
  qs_graph_builder_set_attr (b, pool, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, pool, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, pool, "kernel", "1,1");
  qs_graph_builder_set_attr (b, pool, "rounding_type", "floor");
  qs_graph_builder_set_port (b, &pool->inputs[0], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &pool->outputs[0], QS_ELEMENT_F32, 4, d3);
  wire (b, fb, 0, pool, 0);
  qs_graph_builder_set_attr (b, concat, "axis", "1");
  qs_graph_builder_set_port (b, &concat->inputs[0], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &concat->inputs[1], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &concat->outputs[0], QS_ELEMENT_F32, 4, d6);
  wire (b, fa, 0, concat, 0);
  wire (b, pool, 0, concat, 1);
  conv = conv1x1 (b, "conv", concat, 6, 2, 3);
  result (b, "y", conv, 0, 4, d2);
  result (b, "c", fc, 0, 4, d3);
  model = finish (b, dir, "concat.xml");

  aligned = qs_sensitivity_groups (model->graph, QS_GROUPING_ALIGNED);
  a_text = groups_text (aligned);
  layer = qs_sensitivity_groups (model->graph, QS_GROUPING_LAYER);
  l_text = groups_text (layer);
  /* fq_a and fq_b in graph order, whichever the builder's order was */
  g_assert_true (g_str_equal (a_text, "fq_a,fq_b;fq_c") || g_str_equal (a_text, "fq_b,fq_a;fq_c") ||
                 g_str_equal (a_text, "fq_c;fq_a,fq_b") || g_str_equal (a_text, "fq_c;fq_b,fq_a"));
  g_assert_cmpstr (l_text, ==, a_text);
}

/* Two quantizers that feed one Add are two groups when aligned (no
 * Concat) and one group by layer. */
static void
test_groups_layer (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("add");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GPtrArray) aligned = NULL, layer = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(QsSensitivityResult) r = NULL;
  QsNode *x = parameter (b, "x", 4, d3);
  QsNode *relu = eltwise (b, "ReLU", "relu", 1, &x, 4, d3);
  QsNode *sig = eltwise (b, "Sigmoid", "sig", 1, &x, 4, d3);
  QsNode *f1 = fake_quantize (b, "fq_1", relu, 0.0f, 2.0f, 4, d3);
  QsNode *f2 = fake_quantize (b, "fq_2", sig, 0.0f, 1.0f, 4, d3);
  QsNode *both[2] = { f1, f2 };
  QsNode *add = eltwise (b, "Add", "add", 2, both, 4, d3);

  result (b, "y", add, 0, 4, d3);
  model = finish (b, dir, "add.xml");

  aligned = qs_sensitivity_groups (model->graph, QS_GROUPING_ALIGNED);
  layer = qs_sensitivity_groups (model->graph, QS_GROUPING_LAYER);
  g_assert_cmpuint (aligned->len, ==, 2);
  g_assert_cmpuint (layer->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) layer->pdata[0])->len, ==, 2);

  /* the group by layer names the Add as what it feeds */
  ds = dataset (model, "random:2:5");
  r = run (model, ds, QS_GROUPING_LAYER, FALSE);
  g_assert_cmpuint (r->n_groups, ==, 1);
  g_assert_cmpuint (r->groups[0].feeds->len, ==, 1);
  g_assert_cmpstr (((const QsNode *) r->groups[0].feeds->pdata[0])->name, ==, "add");
  /* with the only group bypassed, the run is the float run */
  g_assert_true (isinf (r->groups[0].revert.combined_db) && r->groups[0].revert.combined_db > 0);
  g_assert_true (isinf (r->groups[0].gain_db));
}

/* ---- the figures ---- */

/* One sample, two groups: reverting fq_x is quantizing fq_y alone (and
 * the other way round), bit for bit, although each is computed from a
 * different kept run; the fake-quant baseline is the analysis engine's
 * output SQNR; h, which fq_y does not reach, has no error from it. */
static void
test_identities (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = chain_model (dir, FALSE);
  g_autoptr(QsDataset) ds = dataset (model, "random:1:3");
  g_autoptr(QsSensitivityResult) r = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  g_autoptr(QsAnalysisResult) a = NULL;
  g_autoptr(GError) error = NULL;
  const QsSensitivityGroup *gx, *gy;
  QsAnalysisOptions opts;
  QsFigureValue v;
  double sqnr;
  int y, h;

  g_assert_cmpuint (r->n_groups, ==, 2);
  g_assert_cmpuint (r->n_samples, ==, 1);
  g_assert_true (r->reused);
  gx = group_of (r, "fq_x");
  gy = group_of (r, "fq_y");
  assert_same_sums (r, &gx->revert, &gy->alone);
  assert_same_sums (r, &gy->revert, &gx->alone);
  g_assert_cmpfloat (gx->revert.combined_db, ==, gy->alone.combined_db);
  g_assert_cmpfloat (gx->gain_db, ==, gx->revert.combined_db - r->baseline.combined_db);
  /* fq_x changes the values everywhere; fq_y only downstream of it */
  g_assert_cmpuint (gx->n_downstream, >, gy->n_downstream);
  g_assert_cmpuint (r->layers_computed, <, r->layers_full);

  y = output_index (r, "y");
  h = output_index (r, "h");
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (h, >=, 0);
  g_assert_true (r->output_compared[y] && r->output_compared[h]);
  g_assert_cmpfloat (gy->alone.outputs[h].dd, ==, 0);
  g_assert_cmpfloat (gy->alone.outputs[y].dd, >, 0);

  qs_analysis_options_init (&opts);
  opts.modes = (1u << QS_EXEC_MODE_FLOAT) | (1u << QS_EXEC_MODE_FAKE_QUANT);
  a = qs_analysis_run (model, ds, &opts, NULL, &error);
  g_assert_no_error (error);
  qs_analysis_output_figure (a, y, QS_COMPARE_FQ_FLOAT, QS_FIGURE_SQNR, &v);
  g_assert_true (v.has);
  qs_sensitivity_measure_output (r, &r->baseline, y, &sqnr, NULL);
  g_assert_cmpfloat_with_epsilon (sqnr, v.mean, 1e-9 * fabs (v.mean) + 1e-12);
}

/* Reusing the kept runs gives the sums of full runs bit for bit, over
 * several samples and three groups, and so does the fallback when the
 * kept runs do not fit the memory limit. */
static void
test_reuse_identical (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = chain_model (dir, TRUE);
  g_autoptr(QsDataset) ds = dataset (model, "random:4:11");
  g_autoptr(QsSensitivityResult) reused = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  g_autoptr(QsSensitivityResult) full = run (model, ds, QS_GROUPING_ALIGNED, TRUE);
  guint g;

  g_assert_true (reused->reused);
  g_assert_false (full->reused);
  g_assert_cmpuint (reused->n_groups, ==, 3);
  g_assert_cmpuint (full->n_groups, ==, 3);
  g_assert_cmpuint (reused->n_samples, ==, 4);
  g_assert_cmpuint (full->layers_computed, ==, full->layers_full);
  g_assert_cmpuint (reused->layers_computed, <, reused->layers_full);
  assert_same_sums (reused, &reused->baseline, &full->baseline);
  for (g = 0; g < reused->n_groups; g++)
    {
      const QsNode *first = reused->groups[g].fqs->pdata[0];
      const QsSensitivityGroup *other = group_of (full, first->name);

      assert_same_sums (reused, &reused->groups[g].revert, &other->revert);
      assert_same_sums (reused, &reused->groups[g].alone, &other->alone);
      /* the same ranking */
      g_assert_true (other == &full->groups[g]);
    }
  for (g = 0; g + 1 < reused->n_groups; g++)
    g_assert_cmpfloat (reused->groups[g].gain_db, >=, reused->groups[g + 1].gain_db);
}

static void
test_memory_fallback (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = chain_model (dir, TRUE);
  g_autoptr(QsDataset) ds = dataset (model, "random:2:11");
  g_autoptr(QsSensitivityResult) full = run (model, ds, QS_GROUPING_ALIGNED, TRUE);
  g_autoptr(QsSensitivityResult) low = NULL;
  guint64 saved = qs_exec_get_default_max_memory ();
  guint64 limit;
  guint g;

  /* between what one run needs and what two kept runs need: found by halving */
  for (limit = 4 * 1024 * 1024; limit > 16 * 1024; limit = limit * 3 / 4)
    {
      g_autoptr(QsSensitivityResult) r = NULL;
      g_autoptr(GError) error = NULL;
      QsSensitivityOptions opts;

      qs_exec_set_default_max_memory (limit);
      qs_sensitivity_options_init (&opts);
      r = qs_sensitivity_run (model, ds, &opts, NULL, &error);
      if (r == NULL)
        break;
      if (!r->reused)
        {
          low = g_steal_pointer (&r);
          break;
        }
    }
  qs_exec_set_default_max_memory (saved);
  if (low == NULL)
    {
      g_test_skip ("no memory limit between one run and two kept runs of this model");
      return;
    }
  g_assert_cmpuint (low->warnings->len, >=, 1);
  g_assert_nonnull (strstr (low->warnings->pdata[0], "computed in full"));
  assert_same_sums (low, &low->baseline, &full->baseline);
  for (g = 0; g < low->n_groups; g++)
    {
      const QsSensitivityGroup *other = group_of (full, ((const QsNode *) low->groups[g].fqs->pdata[0])->name);

      assert_same_sums (low, &low->groups[g].revert, &other->revert);
      assert_same_sums (low, &low->groups[g].alone, &other->alone);
    }
}

/* A Result from a TopK (values that are selected and reordered) is not
 * counted; the tensor fed to the TopK stands for it. */
static void
test_selecting_output (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("topk");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(QsSensitivityResult) r = NULL;
  gint64 k = 2, kd[4] = { 1, 2, S, S };
  QsNode *x = parameter (b, "x", 4, d3);
  QsNode *fx = fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3);
  QsNode *conv = conv1x1 (b, "conv", fx, 3, 4, 1);
  QsNode *topk = qs_graph_builder_add_node (b, "TopK", "opset3", "topk", 2, 2);
  QsNode *kc = qs_graph_builder_add_const (b, "k", QS_ELEMENT_I64, 0, NULL, &k, sizeof k);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "best", 1, 0);
  int best, fed;

  qs_graph_builder_set_attr (b, topk, "axis", "1");
  qs_graph_builder_set_attr (b, topk, "mode", "max");
  qs_graph_builder_set_attr (b, topk, "sort", "value");
  qs_graph_builder_set_attr (b, topk, "index_element_type", "i32");
  qs_graph_builder_set_port (b, &topk->inputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_port (b, &topk->inputs[1], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_set_port (b, &topk->outputs[0], QS_ELEMENT_F32, 4, kd);
  qs_graph_builder_set_port (b, &topk->outputs[1], QS_ELEMENT_I32, 4, kd);
  wire (b, conv, 0, topk, 0);
  wire (b, kc, 0, topk, 1);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, kd);
  wire (b, topk, 0, res, 0);
  model = finish (b, dir, "topk.xml");

  ds = dataset (model, "random:2:7");
  r = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  best = output_index (r, "best");
  fed = output_index (r, "conv");
  g_assert_cmpint (best, >=, 0);
  g_assert_cmpint (fed, >=, 0);
  g_assert_false (r->output_compared[best]);
  g_assert_true (r->output_compared[fed]);
  g_assert_cmpuint (r->warnings->len, ==, 0);
  /* the combined figure is conv's alone */
  {
    double combined, conv_db;

    qs_sensitivity_measure_output (r, &r->baseline, -1, &combined, NULL);
    qs_sensitivity_measure_output (r, &r->baseline, fed, &conv_db, NULL);
    g_assert_cmpfloat (combined, ==, conv_db);
  }
}

/* A model with no activation quantizer is refused in one line. */
static void
test_nothing_to_rank (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("float");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  QsSensitivityResult *r;
  QsNode *x = parameter (b, "x", 4, d3);
  QsNode *conv = conv1x1 (b, "conv", x, 3, 2, 1);

  result (b, "y", conv, 0, 4, d2);
  model = finish (b, dir, "float.xml");
  ds = dataset (model, "random:1");
  r = qs_sensitivity_run (model, ds, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no FakeQuantize on an activation"));
  g_assert_null (strchr (error->message, '\n'));
}

/* The CSV and JSON: the header, the rank-0 row, the stable keys, infinite
 * dB as 999. */
static void
test_writing (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = chain_model (dir, FALSE);
  g_autoptr(QsDataset) ds = dataset (model, "random:2:3");
  g_autoptr(QsSensitivityResult) r = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  g_autofree char *csv = qs_sensitivity_result_to_csv (r);
  g_autofree char *json = qs_sensitivity_result_to_json (r);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first;
  JsonArray *groups;

  g_assert_true (g_str_has_prefix (lines[0], "rank,fake_quantize,feeds,n_fake_quantize,layers_downstream,"
                                             "revert_gain_db,revert_sqnr_db,alone_sqnr_db,"));
  g_assert_true (g_str_has_prefix (lines[1], "0,(none: fake-quant run),,0,0,0,"));
  g_assert_true (g_str_has_prefix (lines[2], "1,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + r->n_groups + 1);   /* and the final empty string */

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "qscope_sensitivity"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "samples"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "grouping"), ==, "aligned");
  g_assert_cmpstr (json_object_get_string_member (root, "model_sha256"), ==, r->model_sha256);
  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  first = json_array_get_object_element (groups, 0);
  g_assert_cmpint (json_object_get_int_member (first, "rank"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (first, "revert_gain_db"), ==, r->groups[0].gain_db);
  g_assert_true (json_object_has_member (json_object_get_object_member (first, "alone"), "mean_nmse"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "reuse"), "downstream_only"));
}

/* A shared INT8 model on two photos: reuse and full runs agree bit for bit. */
static void
test_shared_model (void)
{
  const char *models = g_getenv ("QS_SHARED_MODELS"), *images = g_getenv ("QS_SHARED_IMAGES");
  g_autofree char *xml = NULL, *a = NULL, *b = NULL, *spec = NULL;
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(QsSensitivityResult) reused = NULL, full = NULL;
  g_autoptr(GError) error = NULL;
  guint g;

  if (models != NULL)
    xml = g_build_filename (models, "age-gender0013-int8-ov2020-v10", "age-gender-recognition-retail-0013.xml", NULL);
  if (images != NULL)
    {
      a = g_build_filename (images, "chelsea.png", NULL);
      b = g_build_filename (images, "coffee.png", NULL);
    }
  if (xml == NULL || a == NULL || !g_file_test (xml, G_FILE_TEST_EXISTS) || !g_file_test (a, G_FILE_TEST_EXISTS) ||
      !g_file_test (b, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared age-gender model or photos are not here");
      return;
    }
  spec = g_build_filename (dir, "two.txt", NULL);
  {
    g_autofree char *text = g_strdup_printf ("%s\n%s\n", a, b);
    g_assert_true (g_file_set_contents (spec, text, -1, &error));
    g_assert_no_error (error);
  }
  model = qs_model_load (xml, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  ds = dataset (model, spec);
  reused = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  full = run (model, ds, QS_GROUPING_ALIGNED, TRUE);
  g_assert_cmpuint (reused->n_samples, ==, 2);
  g_assert_cmpuint (reused->n_groups, >=, 2);
  g_assert_cmpuint (reused->layers_computed, <, reused->layers_full);
  assert_same_sums (reused, &reused->baseline, &full->baseline);
  for (g = 0; g < reused->n_groups; g++)
    {
      g_assert_true (reused->groups[g].fqs->pdata[0] == full->groups[g].fqs->pdata[0]);
      assert_same_sums (reused, &reused->groups[g].revert, &full->groups[g].revert);
      assert_same_sums (reused, &reused->groups[g].alone, &full->groups[g].alone);
    }
  /* quantizing every activation costs more than any one group alone */
  for (g = 0; g < reused->n_groups; g++)
    g_assert_cmpfloat (reused->groups[g].alone.combined_db, >, reused->baseline.combined_db);
}

/* `qscope-cli sensitivity`: CSV on stdout, exit 0; a bad --measure and a
 * missing model fail with one line and exit 2. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL, *xml = NULL, *missing = NULL;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  model = chain_model (dir, FALSE);
  xml = g_build_filename (dir, "chain.xml", NULL);
  {
    const char *argv[] = { cli, "sensitivity", xml, "--dataset", "random:2", "--measure", "revert", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (out, "rank,fake_quantize,feeds,n_fake_quantize,layers_downstream,"
                                          "revert_gain_db,revert_sqnr_db,revert_sqnr_db:y,"));
    g_assert_null (strstr (out, "alone"));
  }
  {
    const char *argv[] = { cli, "sensitivity", xml, "--dataset", "random:1", "--measure", "sideways", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_cmpstr (err, ==, "qscope-cli: --measure is revert, alone or both\n");
    g_assert_cmpstr (out, ==, "");
  }
  missing = g_build_filename (dir, "missing.xml", NULL);
  {
    g_autofree char *result_path = g_build_filename (dir, "rank.csv", NULL);
    const char *argv[] = { cli, "sensitivity", missing, "--dataset", "random:1", "-o", result_path, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_true (g_str_has_prefix (err, "qscope-cli: "));
    g_assert_nonnull (strstr (err, "missing.xml"));
    g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
    g_assert_false (g_file_test (result_path, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/sensitivity/groups/concat", test_groups_concat);
  g_test_add_func ("/qscope/sensitivity/groups/layer", test_groups_layer);
  g_test_add_func ("/qscope/sensitivity/identities", test_identities);
  g_test_add_func ("/qscope/sensitivity/reuse-identical", test_reuse_identical);
  g_test_add_func ("/qscope/sensitivity/memory-fallback", test_memory_fallback);
  g_test_add_func ("/qscope/sensitivity/selecting-output", test_selecting_output);
  g_test_add_func ("/qscope/sensitivity/nothing-to-rank", test_nothing_to_rank);
  g_test_add_func ("/qscope/sensitivity/writing", test_writing);
  g_test_add_func ("/qscope/sensitivity/shared-model", test_shared_model);
  g_test_add_func ("/qscope/sensitivity/cli", test_cli);
  return g_test_run ();
}
