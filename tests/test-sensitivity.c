/* test-sensitivity.c — which quantizer costs the accuracy, and the
 * mixed-precision IR that keeps it in float
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
 * The export keeps every other layer as it was, and its fake-quant run is
 * the ranking's revert run of the groups it removed.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "qscope-core.h"
#include "qs-analysis.h"
#include "qs-exec.h"
#include "qs-graph-builder.h"
#include "qs-ir-writer.h"
#include "qs-keep-float.h"
#include "qs-lpt.h"
#include "qs-sensitivity.h"
#include "qs-test-dir.h"

#include "qs-test-models.h"

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
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *fa = qs_test_fake_quantize (b, "fq_a", x, -1.0f, 1.0f, 4, d3);
  QsNode *relu = qs_test_eltwise (b, "ReLU", "relu", 1, &x, 4, d3);
  QsNode *fb = qs_test_fake_quantize (b, "fq_b", relu, 0.0f, 2.0f, 4, d3);
  QsNode *pool = qs_graph_builder_add_node (b, "MaxPool", "opset1", "pool", 1, 1);
  QsNode *concat = qs_graph_builder_add_node (b, "Concat", "opset1", "concat", 2, 1);
  QsNode *sig = qs_test_eltwise (b, "Sigmoid", "sig", 1, &x, 4, d3);
  QsNode *fc = qs_test_fake_quantize (b, "fq_c", sig, 0.0f, 1.0f, 4, d3);
  QsNode *conv;

  qs_graph_builder_set_attr (b, pool, "strides", "1,1");
  qs_graph_builder_set_attr (b, pool, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, pool, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, pool, "kernel", "1,1");
  qs_graph_builder_set_attr (b, pool, "rounding_type", "floor");
  qs_graph_builder_set_port (b, &pool->inputs[0], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &pool->outputs[0], QS_ELEMENT_F32, 4, d3);
  qs_test_wire (b, fb, 0, pool, 0);
  qs_graph_builder_set_attr (b, concat, "axis", "1");
  qs_graph_builder_set_port (b, &concat->inputs[0], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &concat->inputs[1], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &concat->outputs[0], QS_ELEMENT_F32, 4, d6);
  qs_test_wire (b, fa, 0, concat, 0);
  qs_test_wire (b, pool, 0, concat, 1);
  conv = qs_test_conv1x1 (b, "conv", concat, 6, 2, 3);
  qs_test_result (b, "y", conv, 0, 4, d2);
  qs_test_result (b, "c", fc, 0, 4, d3);
  model = qs_test_finish (b, dir, "concat.xml");

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
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *relu = qs_test_eltwise (b, "ReLU", "relu", 1, &x, 4, d3);
  QsNode *sig = qs_test_eltwise (b, "Sigmoid", "sig", 1, &x, 4, d3);
  QsNode *f1 = qs_test_fake_quantize (b, "fq_1", relu, 0.0f, 2.0f, 4, d3);
  QsNode *f2 = qs_test_fake_quantize (b, "fq_2", sig, 0.0f, 1.0f, 4, d3);
  QsNode *both[2] = { f1, f2 };
  QsNode *add = qs_test_eltwise (b, "Add", "add", 2, both, 4, d3);

  qs_test_result (b, "y", add, 0, 4, d3);
  model = qs_test_finish (b, dir, "add.xml");

  aligned = qs_sensitivity_groups (model->graph, QS_GROUPING_ALIGNED);
  layer = qs_sensitivity_groups (model->graph, QS_GROUPING_LAYER);
  g_assert_cmpuint (aligned->len, ==, 2);
  g_assert_cmpuint (layer->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) layer->pdata[0])->len, ==, 2);

  /* the group by layer names the Add as what it feeds */
  ds = qs_test_dataset (model, "random:2:5");
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
  g_autoptr(QsModel) model = qs_test_chain_model (dir, FALSE);
  g_autoptr(QsDataset) ds = qs_test_dataset (model, "random:1:3");
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
  g_autoptr(QsModel) model = qs_test_chain_model (dir, TRUE);
  g_autoptr(QsDataset) ds = qs_test_dataset (model, "random:4:11");
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
  g_autoptr(QsModel) model = qs_test_chain_model (dir, TRUE);
  g_autoptr(QsDataset) ds = qs_test_dataset (model, "random:2:11");
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
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *fx = qs_test_fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3);
  QsNode *conv = qs_test_conv1x1 (b, "conv", fx, 3, 4, 1);
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
  qs_test_wire (b, conv, 0, topk, 0);
  qs_test_wire (b, kc, 0, topk, 1);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, kd);
  qs_test_wire (b, topk, 0, res, 0);
  model = qs_test_finish (b, dir, "topk.xml");

  ds = qs_test_dataset (model, "random:2:7");
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
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *conv = qs_test_conv1x1 (b, "conv", x, 3, 2, 1);

  qs_test_result (b, "y", conv, 0, 4, d2);
  model = qs_test_finish (b, dir, "float.xml");
  ds = qs_test_dataset (model, "random:1");
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
  g_autoptr(QsModel) model = qs_test_chain_model (dir, FALSE);
  g_autoptr(QsDataset) ds = qs_test_dataset (model, "random:2:3");
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
  ds = qs_test_dataset (model, spec);
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
  model = qs_test_chain_model (dir, FALSE);
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

/* ---- the mixed-precision IR ---- */

/* Writes @k's model beside the others and loads it back. */
static QsModel *
write_export (const QsKeepFloat *k,
              const char        *dir,
              const char        *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  QsModel *model;

  g_assert_true (qs_ir_write (k->model, path, NULL, &error));
  g_assert_no_error (error);
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  return model;
}

static gboolean
in_nodes (GPtrArray  *nodes,
          const char *name)
{
  guint i;

  for (i = 0; i < nodes->len; i++)
    if (strcmp (((const QsNode *) nodes->pdata[i])->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Keeping conv2 in float removes fq_y and its four range Consts and
 * nothing else: every other layer keeps its id, type, attributes and
 * Const bytes; LPT runs conv2 in float "kept in float" and only it
 * changed; the export's fake-quant run is the ranking's revert of fq_y,
 * bit for bit. */
static void
test_export_round_trip (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = qs_test_chain_model (dir, FALSE);
  g_autoptr(QsModel) out = NULL;
  g_autoptr(QsKeepFloat) k = NULL;
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(QsDataset) ds = NULL, ds_out = NULL;
  g_autoptr(QsSensitivityResult) rank = NULL, again = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "conv2" };
  const QsLptDecision *d;
  guint i, a;

  k = qs_keep_float (model, names, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (k->removed->len, ==, 1);
  g_assert_cmpstr (((const QsNode *) k->removed->pdata[0])->name, ==, "fq_y");
  g_assert_cmpuint (k->dropped->len, ==, 4);
  for (i = 0; i < k->dropped->len; i++)
    g_assert_true (qs_node_is_type (k->dropped->pdata[i], "Const"));
  now = qs_keep_float_now_float (k, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (now->len, ==, 1);
  g_assert_cmpstr (((const QsNode *) now->pdata[0])->name, ==, "conv2");

  out = write_export (k, dir, "kept.xml");
  g_assert_cmpuint (out->graph->n_nodes, ==, model->graph->n_nodes - 5);
  g_assert_null (qs_graph_find_node_by_name (out->graph, "fq_y"));
  for (i = 0; i < model->graph->n_nodes; i++)
    {
      const QsNode *was = model->graph->nodes[i];
      const QsNode *now_node = qs_graph_find_node (out->graph, was->id);

      if (g_ptr_array_find (k->removed, was, NULL) || g_ptr_array_find (k->dropped, was, NULL))
        {
          g_assert_true (now_node == NULL || strcmp (now_node->name, was->name) != 0);
          continue;
        }
      g_assert_nonnull (now_node);
      g_assert_cmpstr (now_node->name, ==, was->name);
      g_assert_cmpstr (now_node->type, ==, was->type);
      g_assert_cmpuint (now_node->n_attrs, ==, was->n_attrs);
      for (a = 0; a < was->n_attrs; a++)
        {
          g_assert_cmpstr (now_node->attr_keys[a], ==, was->attr_keys[a]);
          /* the .bin is packed anew: a Const's data moves */
          if (strcmp (was->attr_keys[a], "offset") != 0)
            g_assert_cmpstr (now_node->attr_values[a], ==, was->attr_values[a]);
        }
      if (was->konst != NULL)
        g_assert_cmpmem (now_node->konst->data, now_node->konst->size, was->konst->data, was->konst->size);
      g_assert_cmpint (qs_node_is_kept_float (now_node), ==, strcmp (was->name, "conv2") == 0);
    }

  lpt = qs_lpt_run (out, &error);
  g_assert_no_error (error);
  d = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (out->graph, "conv2"));
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (d->reason, "kept in float"));
  d = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (out->graph, "conv"));
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);

  ds = qs_test_dataset (model, "random:3:5");
  rank = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  ds_out = qs_test_dataset (out, "random:3:5");
  again = run (out, ds_out, QS_GROUPING_ALIGNED, FALSE);
  g_assert_cmpuint (again->n_groups, ==, 1);
  g_assert_cmpuint (again->n_outputs, ==, rank->n_outputs);
  assert_same_sums (rank, &group_of (rank, "fq_y")->revert, &again->baseline);
}

/* A layer fed by a Concat of two quantizers takes both away, and so does
 * naming one of them: LPT aligns them, and half a group would leave the
 * Concat with quantized and float inputs. */
static void
test_export_aligned (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("concat");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GError) error = NULL;
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *fa = qs_test_fake_quantize (b, "fq_a", x, -1.0f, 1.0f, 4, d3);
  QsNode *relu = qs_test_eltwise (b, "ReLU", "relu", 1, &x, 4, d3);
  QsNode *fb = qs_test_fake_quantize (b, "fq_b", relu, 0.0f, 2.0f, 4, d3);
  QsNode *concat = qs_graph_builder_add_node (b, "Concat", "opset1", "concat", 2, 1);
  QsNode *conv;
  const char *by_layer[] = { "conv" }, *by_fq[] = { "fq_b" };
  guint i;

  qs_graph_builder_set_attr (b, concat, "axis", "1");
  qs_graph_builder_set_port (b, &concat->inputs[0], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &concat->inputs[1], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &concat->outputs[0], QS_ELEMENT_F32, 4, d6);
  qs_test_wire (b, fa, 0, concat, 0);
  qs_test_wire (b, fb, 0, concat, 1);
  conv = qs_test_conv1x1 (b, "conv", concat, 6, 2, 3);
  qs_test_result (b, "y", conv, 0, 4, d2);
  model = qs_test_finish (b, dir, "concat.xml");

  for (i = 0; i < 2; i++)
    {
      g_autoptr(QsKeepFloat) k = qs_keep_float (model, i == 0 ? by_layer : by_fq, 1, FALSE, &error);
      g_autoptr(QsModel) out = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (k->removed->len, ==, 2);
      g_assert_true (in_nodes (k->removed, "fq_a") && in_nodes (k->removed, "fq_b"));
      out = write_export (k, dir, "concat-kept.xml");
      g_assert_null (qs_graph_find_node_by_name (out->graph, "fq_a"));
      g_assert_true (qs_node_is_kept_float (qs_graph_find_node_by_name (out->graph, "conv")));
    }
}

/* Float weights: a float Const behind a FakeQuantize loses the
 * FakeQuantize; i8 weights through Convert and Multiply become one f32
 * Const holding code × scale. */
static void
test_export_float_weights (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = qs_test_chain_model (dir, FALSE);
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("i8");
  g_autoptr(QsModel) i8_model = NULL, out = NULL;
  g_autoptr(GError) error = NULL;
  const char *conv2[] = { "conv2" }, *conv[] = { "conv" };
  gint8 codes[12] = { -128, -5, 0, 3, 127, 64, -64, 1, -1, 2, -2, 100 };
  float scale[4] = { 0.5f, 0.25f, 2.0f, 1.0f };
  gint64 wd[4] = { 4, 3, 1, 1 }, sd[4] = { 4, 1, 1, 1 };
  QsNode *x, *fx, *wc, *cvt, *sc, *mul, *cv, *res;
  guint i;

  {
    g_autoptr(QsKeepFloat) k = qs_keep_float (model, conv2, 1, TRUE, &error);
    const QsNode *w;

    g_assert_no_error (error);
    g_assert_true (in_nodes (k->removed, "conv2/fq_w") && in_nodes (k->removed, "fq_y"));
    g_assert_true (in_nodes (k->weights, "conv2"));
    out = write_export (k, dir, "fw.xml");
    w = qs_node_input_node (qs_graph_find_node_by_name (out->graph, "conv2"), 1);
    g_assert_true (qs_node_is_type (w, "Const"));
    g_assert_cmpstr (w->name, ==, "conv2/w");
  }

  /* x → fq_x → Convolution with weights i8 Const → Convert → Multiply (per channel) */
  x = qs_test_parameter (b, "x", 4, d3);
  fx = qs_test_fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3);
  wc = qs_graph_builder_add_const (b, "w_i8", QS_ELEMENT_I8, 4, wd, codes, sizeof codes);
  cvt = qs_graph_builder_add_node (b, "Convert", "opset1", "w_f32", 1, 1);
  qs_graph_builder_set_attr (b, cvt, "destination_type", "f32");
  qs_graph_builder_set_port (b, &cvt->inputs[0], QS_ELEMENT_I8, 4, wd);
  qs_graph_builder_set_port (b, &cvt->outputs[0], QS_ELEMENT_F32, 4, wd);
  qs_test_wire (b, wc, 0, cvt, 0);
  sc = qs_graph_builder_add_const_f32 (b, "w_scale", 4, sd, scale);
  {
    QsNode *ins[2] = { cvt, sc };
    mul = qs_test_eltwise (b, "Multiply", "w_dq", 2, ins, 4, wd);
    qs_graph_builder_set_port (b, &mul->inputs[1], QS_ELEMENT_F32, 4, sd);
  }
  cv = qs_graph_builder_add_node (b, "Convolution", "opset1", "conv", 2, 1);
  qs_graph_builder_set_attr (b, cv, "strides", "1,1");
  qs_graph_builder_set_attr (b, cv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, cv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, cv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &cv->inputs[0], QS_ELEMENT_F32, 4, d3);
  qs_graph_builder_set_port (b, &cv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &cv->outputs[0], QS_ELEMENT_F32, 4, d4);
  qs_test_wire (b, fx, 0, cv, 0);
  qs_test_wire (b, mul, 0, cv, 1);
  res = qs_test_result (b, "y", cv, 0, 4, d4);
  (void) res;
  i8_model = qs_test_finish (b, dir, "i8.xml");
  {
    g_autoptr(QsKeepFloat) k = qs_keep_float (i8_model, conv, 1, TRUE, &error);
    g_autoptr(QsModel) i8_out = NULL;
    g_autofree float *v = NULL;
    const QsNode *w;

    g_assert_no_error (error);
    g_assert_true (in_nodes (k->weights, "conv"));
    g_assert_true (in_nodes (k->dropped, "w_i8") && in_nodes (k->dropped, "w_dq"));
    i8_out = write_export (k, dir, "i8-kept.xml");
    w = qs_node_input_node (qs_graph_find_node_by_name (i8_out->graph, "conv"), 1);
    g_assert_true (qs_node_is_type (w, "Const"));
    g_assert_cmpint (w->konst->element_type, ==, QS_ELEMENT_F32);
    v = qs_const_to_f32 (w, &error);
    g_assert_no_error (error);
    for (i = 0; i < 12; i++)
      g_assert_cmpfloat (v[i], ==, codes[i] * scale[i / 3]);
    g_assert_null (qs_graph_find_node_by_name (i8_out->graph, "w_i8"));
  }
}

/* Names that change nothing or are no layer fail in one line. */
static void
test_export_errors (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = qs_test_chain_model (dir, FALSE);
  const char *missing[] = { "conv9" }, *weights_fq[] = { "conv/fq_w" }, *plain[] = { "relu" };
  struct { const char *const *names; int code; const char *text; } cases[] = {
    { missing, QS_KEEP_FLOAT_ERROR_NO_LAYER, "no layer is named “conv9”" },
    { weights_fq, QS_KEEP_FLOAT_ERROR_NOTHING, "quantizes weights" },
    { plain, QS_KEEP_FLOAT_ERROR_NOTHING, "nothing to change" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      QsKeepFloat *k = qs_keep_float (model, cases[i].names, 1, FALSE, &error);

      g_assert_null (k);
      g_assert_error (error, QS_KEEP_FLOAT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].text));
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* On a shared INT8 model: keeping the top-ranked group in float wins more
 * output SQNR than keeping the bottom-ranked one, and each export's
 * fake-quant figure is the ranking's revert figure of that group. */
static void
test_export_shared (void)
{
  const char *models = g_getenv ("QS_SHARED_MODELS"), *images = g_getenv ("QS_SHARED_IMAGES");
  g_autofree char *xml = NULL;
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(QsSensitivityResult) rank = NULL;
  g_autoptr(GError) error = NULL;
  double realised[2];
  guint e;

  if (models != NULL)
    xml = g_build_filename (models, "age-gender0013-int8-ov2020-v10", "age-gender-recognition-retail-0013.xml", NULL);
  if (xml == NULL || images == NULL || !g_file_test (xml, G_FILE_TEST_EXISTS) || !g_file_test (images, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared age-gender model or photos are not here");
      return;
    }
  model = qs_model_load (xml, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  ds = qs_test_dataset (model, images);
  rank = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  g_assert_cmpuint (rank->n_groups, >=, 2);
  for (e = 0; e < 2; e++)
    {
      const QsSensitivityGroup *group = &rank->groups[e == 0 ? 0 : rank->n_groups - 1];
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(QsKeepFloat) k = NULL;
      g_autoptr(QsModel) out = NULL;
      g_autoptr(QsDataset) ds_out = NULL;
      g_autoptr(QsSensitivityResult) again = NULL;
      guint i;

      for (i = 0; i < group->fqs->len; i++)
        g_ptr_array_add (names, (gpointer) ((const QsNode *) group->fqs->pdata[i])->name);
      k = qs_keep_float (model, (const char *const *) names->pdata, names->len, FALSE, &error);
      g_assert_no_error (error);
      out = write_export (k, dir, e == 0 ? "top.xml" : "bottom.xml");
      ds_out = qs_test_dataset (out, images);
      again = run (out, ds_out, QS_GROUPING_ALIGNED, FALSE);
      realised[e] = again->baseline.combined_db - rank->baseline.combined_db;
      g_assert_cmpfloat_with_epsilon (again->baseline.combined_db, group->revert.combined_db, 1e-9);
    }
  g_assert_cmpfloat (realised[0], >, realised[1]);
  g_assert_cmpfloat (realised[0], >, 0.5);
}

/* `qscope-cli export` from a ranking: the IR is written; a ranking of
 * another model and an -o that is the model itself fail in one line. */
static void
test_export_cli (void)
{
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = NULL, other = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(QsSensitivityResult) rank = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL, *xml3 = NULL, *rank_path = NULL, *out = NULL, *json = NULL;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  model = qs_test_chain_model (dir, FALSE);
  other = qs_test_chain_model (dir, TRUE);
  xml = g_build_filename (dir, "chain.xml", NULL);
  xml3 = g_build_filename (dir, "chain3.xml", NULL);
  ds = qs_test_dataset (model, "random:2");
  rank = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  json = qs_sensitivity_result_to_json (rank);
  rank_path = g_build_filename (dir, "rank.json", NULL);
  g_assert_true (g_file_set_contents (rank_path, json, -1, &error));
  out = g_build_filename (dir, "top.xml", NULL);
  {
    const char *argv[] = { cli, "export", xml, "--keep-float-top", "1", "--ranking", rank_path, "-o", out, NULL };
    g_autofree char *o = NULL, *e = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (e, "removed 1 FakeQuantize"));
    g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *out3 = g_build_filename (dir, "other.xml", NULL);
    const char *argv[] = { cli, "export", xml3, "--keep-float-top", "1", "--ranking", rank_path, "-o", out3, NULL };
    g_autofree char *o = NULL, *e = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (e, "of another model"));
    g_assert_cmpstr (strchr (e, '\n') + 1, ==, "");
    g_assert_false (g_file_test (out3, G_FILE_TEST_EXISTS));
  }
  {
    const char *argv[] = { cli, "export", xml, "--keep-float", "conv2", "-o", xml, NULL };
    g_autofree char *o = NULL, *e = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (e, "is the model read"));
  }
}

/* A ranking written and read back: the groups in rank order with their
 * figures; the node values colour each group's quantizers and the layers
 * they feed; another model's ranking is refused.  `render --sensitivity`
 * draws it. */
static void
test_ranking_read_back (void)
{
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(TestDir) dir = qs_test_make_dir ("sensitivity");
  g_autoptr(QsModel) model = qs_test_chain_model (dir, FALSE);
  g_autoptr(QsModel) other = qs_test_chain_model (dir, TRUE);
  g_autoptr(QsDataset) ds = qs_test_dataset (model, "random:2:3");
  g_autoptr(QsSensitivityResult) r = run (model, ds, QS_GROUPING_ALIGNED, FALSE);
  g_autofree char *json = qs_sensitivity_result_to_json (r);
  g_autofree char *path = g_build_filename (dir, "rank.json", NULL);
  g_autoptr(QsSensitivityRanking) k = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *values = NULL;
  const QsSensitivityGroup *gy;
  guint g;

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  k = qs_sensitivity_ranking_load (path, model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (k->n_groups, ==, r->n_groups);
  g_assert_cmpfloat_with_epsilon (k->baseline_db, r->baseline.combined_db, 1e-9);
  for (g = 0; g < r->n_groups; g++)
    {
      g_assert_cmpstr (k->groups[g].fake_quantize[0], ==, ((const QsNode *) r->groups[g].fqs->pdata[0])->name);
      g_assert_null (k->groups[g].fake_quantize[r->groups[g].fqs->len]);
      g_assert_cmpfloat_with_epsilon (k->groups[g].gain_db, r->groups[g].gain_db, 1e-9);
      g_assert_cmpfloat_with_epsilon (k->groups[g].alone_db, r->groups[g].alone.combined_db, 1e-9);
    }
  /* the ranking made in memory (the window's, after a run) is the one read back */
  {
    g_autoptr(QsSensitivityRanking) mem = qs_sensitivity_ranking_new (r);
    guint i;

    g_assert_cmpuint (mem->n_groups, ==, k->n_groups);
    g_assert_true (mem->baseline_db == k->baseline_db);
    for (g = 0; g < k->n_groups; g++)
      {
        g_assert_cmpuint (g_strv_length (mem->groups[g].fake_quantize), ==, g_strv_length (k->groups[g].fake_quantize));
        for (i = 0; k->groups[g].fake_quantize[i] != NULL; i++)
          g_assert_cmpstr (mem->groups[g].fake_quantize[i], ==, k->groups[g].fake_quantize[i]);
        g_assert_true (mem->groups[g].gain_db == k->groups[g].gain_db);
        g_assert_true (mem->groups[g].alone_db == k->groups[g].alone_db);
      }
  }
  values = qs_sensitivity_ranking_node_values (k, model->graph, FALSE);
  gy = group_of (r, "fq_y");
  g_assert_cmpfloat_with_epsilon (values[qs_graph_find_node_by_name (model->graph, "fq_y")->index], gy->gain_db, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[qs_graph_find_node_by_name (model->graph, "conv2")->index], gy->gain_db, 1e-9);
  g_assert_true (isnan (values[qs_graph_find_node_by_name (model->graph, "relu")->index]));

  g_assert_null (qs_sensitivity_ranking_load (path, other, &error));
  g_assert_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_MODEL);
  g_assert_null (strchr (error->message, '\n'));

  if (cli != NULL)
    {
      g_autofree char *xml = g_build_filename (dir, "chain.xml", NULL), *png = g_build_filename (dir, "rank.png", NULL);
      g_autofree char *out = NULL, *err = NULL;
      const char *argv[] = { cli, "render", xml, "--sensitivity", path, "--legend", "-o", png, NULL };
      int status;

      g_clear_error (&error);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
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
  g_test_add_func ("/qscope/sensitivity/ranking-read-back", test_ranking_read_back);
  g_test_add_func ("/qscope/sensitivity/export/round-trip", test_export_round_trip);
  g_test_add_func ("/qscope/sensitivity/export/aligned", test_export_aligned);
  g_test_add_func ("/qscope/sensitivity/export/float-weights", test_export_float_weights);
  g_test_add_func ("/qscope/sensitivity/export/errors", test_export_errors);
  g_test_add_func ("/qscope/sensitivity/export/shared", test_export_shared);
  g_test_add_func ("/qscope/sensitivity/export/cli", test_export_cli);
  return g_test_run ();
}
