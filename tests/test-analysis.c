/* test-analysis.c — the run over a data set, held to a recomputation by hand
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The engine aggregates while it runs and forgets every tensor; here a
 * tensor callback keeps them all, and each aggregate (mean, min, max and
 * worst sample of a figure, merged histogram, clip share) is computed
 * again from the kept tensors and compared.  The models are generated and
 * written to disk, so the results carry a real model path and sha256.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "qscope-core.h"
#include "qs-analysis.h"
#include "qs-exec.h"
#include "qs-graph-builder.h"
#include "qs-json-writer.h"
#include "qs-ir-writer.h"
#include "qs-npy.h"
#include "qs-preprocess.h"
#include "qs-test-models.h"

/* ---- a small quantized model on disk ---- */

static QsNode *
conv1x1 (QsGraphBuilder *b,
         const char     *name,
         QsNode         *x,
         const gint64   *xd,
         const gint64   *wd,
         const float    *w,
         const gint64   *yd)
{
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", name, 2, 1);
  g_autofree char *wname = g_strdup_printf ("%s/w", name), *fqname = g_strdup_printf ("%s/fq_w", name);
  QsNode *fw = qs_test_fake_quantize_levels (b, fqname, "255", qs_graph_builder_add_const_f32 (b, wname, 4, wd, w),
                                              -1.27f, 1.27f, 4, wd);

  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, x, 0, conv, 0);
  qs_test_wire (b, fw, 0, conv, 1);
  return conv;
}

/* x [1,3,4,4] → FQ(256, 0..2.55) → Conv 1x1 to 4 channels → ReLU →
 * FQ(256, 0..1) → Conv 1x1 to 2 channels → Result y.  With @second_input, a
 * Parameter "seq" [1,4] (declared first) → ReLU → Result seq_out as well.
 * @rt_info and @meta_data (nullable) become the net's records. */
static char *
write_model (const char *dir,
             const char *file,
             gboolean    second_input,
             const char *rt_info,
             const char *meta_data)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("analysis");
  gint64 xd[4] = { 1, 3, 4, 4 }, w1d[4] = { 4, 3, 1, 1 }, hd[4] = { 1, 4, 4, 4 };
  gint64 w2d[4] = { 2, 4, 1, 1 }, yd[4] = { 1, 2, 4, 4 }, sd[2] = { 1, 4 };
  float w1[12] = { 0.3f, -0.2f, 0.5f, 0.1f, 0.4f, -0.6f, -0.3f, 0.2f, 0.25f, 0.7f, -0.1f, 0.05f };
  float w2[8] = { 0.9f, -0.4f, 0.3f, 0.2f, -0.5f, 0.6f, 0.1f, 0.8f };
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  QsNode *x, *fx, *conv, *relu, *fy, *conv2, *res;
  char *path = g_build_filename (dir, file, NULL);

  if (second_input)
    {
      QsNode *seq = qs_graph_builder_add_node (b, "Parameter", "opset1", "seq", 0, 1);
      QsNode *srelu = qs_graph_builder_add_node (b, "ReLU", "opset1", "seq_relu", 1, 1);
      QsNode *sres = qs_graph_builder_add_node (b, "Result", "opset1", "seq_out", 1, 0);

      qs_graph_builder_set_port (b, &seq->outputs[0], QS_ELEMENT_F32, 2, sd);
      qs_graph_builder_set_port (b, &srelu->inputs[0], QS_ELEMENT_F32, 2, sd);
      qs_graph_builder_set_port (b, &srelu->outputs[0], QS_ELEMENT_F32, 2, sd);
      qs_graph_builder_set_port (b, &sres->inputs[0], QS_ELEMENT_F32, 2, sd);
      qs_test_wire (b, seq, 0, srelu, 0);
      qs_test_wire (b, srelu, 0, sres, 0);
    }
  x = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  qs_graph_builder_set_port (b, &x->outputs[0], QS_ELEMENT_F32, 4, xd);
  fx = qs_test_fake_quantize_levels (b, "fq_x", "256", x, 0.0f, 2.55f, 4, xd);
  conv = conv1x1 (b, "conv", fx, xd, w1d, w1, hd);
  relu = qs_graph_builder_add_node (b, "ReLU", "opset1", "relu", 1, 1);
  qs_graph_builder_set_port (b, &relu->inputs[0], QS_ELEMENT_F32, 4, hd);
  qs_graph_builder_set_port (b, &relu->outputs[0], QS_ELEMENT_F32, 4, hd);
  qs_test_wire (b, conv, 0, relu, 0);
  fy = qs_test_fake_quantize_levels (b, "fq_y", "256", relu, 0.0f, 1.0f, 4, hd);
  conv2 = conv1x1 (b, "conv2", fy, hd, w2d, w2, yd);
  res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, conv2, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  model->rt_info = rt_info;
  model->meta_data = meta_data;
  g_assert_true (qs_ir_write (model, path, NULL, &error));
  g_assert_no_error (error);
  /* the strings are the caller's; the model must not keep them */
  model->rt_info = NULL;
  model->meta_data = NULL;
  return path;
}

static QsModel *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  QsModel *model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static QsDataset *
dataset (QsModel    *model,
         const char *const *specs,
         gboolean    as_dataset)
{
  g_autoptr(GError) error = NULL;
  QsDataset *ds = qs_dataset_new (model);

  for (; *specs != NULL; specs++)
    {
      g_assert_true (qs_dataset_add_spec (ds, *specs, as_dataset, &error));
      g_assert_no_error (error);
    }
  g_assert_true (qs_dataset_finish (ds, &error));
  g_assert_no_error (error);
  return ds;
}

static QsAnalysisResult *
run (QsModel           *model,
     QsDataset         *ds,
     QsAnalysisOptions *opts)
{
  g_autoptr(GError) error = NULL;
  QsAnalysisResult *r = qs_analysis_run (model, ds, opts, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* ---- keeping every tensor ---- */

typedef struct
{
  GHashTable *tensors;   /* "sample/node-id/port/mode" → QsTensor */
} Kept;

static char *
kept_key (guint         sample,
          const QsNode *node,
          guint         port,
          QsExecMode    mode)
{
  return g_strdup_printf ("%u/%" G_GUINT64_FORMAT "/%u/%d", sample, node->id, port, (int) mode);
}

static gboolean
keep_tensor (guint           sample,
             const QsNode   *node,
             guint           port,
             QsExecMode      mode,
             const QsTensor *tensor,
             gpointer        data,
             GError        **error)
{
  Kept *kept = data;

  g_hash_table_insert (kept->tensors, kept_key (sample, node, port, mode), qs_tensor_copy (tensor));
  return TRUE;
}

static const QsTensor *
kept_get (Kept               *kept,
          guint               sample,
          const QsAnalysisRow *row,
          QsExecMode          mode)
{
  g_autofree char *key = kept_key (sample, row->node, row->port, mode);

  return g_hash_table_lookup (kept->tensors, key);
}

static void
kept_init (Kept *kept)
{
  kept->tensors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) qs_tensor_unref);
}

static void
kept_clear (Kept *kept)
{
  g_clear_pointer (&kept->tensors, g_hash_table_unref);
}

static void
assert_close (double got,
              double want,
              double rel)
{
  if (isinf (want))
    g_assert_cmpfloat (got, ==, want);
  else
    g_assert_cmpfloat (fabs (got - want), <=, rel * MAX (1.0, fabs (want)));
}

/* Every non-constant row of @r against the kept tensors of @n samples. */
static void
check_against_kept (const QsAnalysisResult *r,
                    Kept                   *kept,
                    guint                   n)
{
  guint i, s, m, checked = 0, with_fq = 0;

  for (i = 0; i < r->n_rows; i++)
    {
      const QsAnalysisRow *row = &r->rows[i];
      const QsFigureValue *sqnr = &row->figures[QS_FIGURE_SQNR];
      double sum = 0, lo = INFINITY, hi = -INFINITY;
      guint n_finite = 0, worst = 0;

      if (row->constant || row->node == NULL)
        continue;
      for (m = QS_EXEC_MODE_FLOAT; m <= QS_EXEC_MODE_FAKE_QUANT; m++)
        {
          const QsModeStats *st = &row->stats[m];
          QsSummary merged;
          guint64 n_clipped = 0;
          guint b;

          g_assert_true (st->has);
          qs_summary_init (&merged, &row->bins, row->has_fq ? &row->fq_range : NULL);
          for (s = 0; s < n; s++)
            {
              const QsTensor *t = kept_get (kept, s, row, m);
              QsSummary one;

              g_assert_nonnull (t);
              qs_summary_add_tensor (&merged, t);
              qs_summary_init (&one, NULL, NULL);
              qs_summary_add_tensor (&one, t);
              /* the sample that holds the minimum and the maximum */
              if (one.min == merged.min && s == st->min_sample)
                g_assert_cmpfloat (one.min, ==, st->min);
              if (one.max == merged.max && s == st->max_sample)
                g_assert_cmpfloat (one.max, ==, st->max);
              qs_summary_clear (&one);
            }
          g_assert_cmpuint (st->n, ==, merged.n);
          g_assert_cmpfloat (st->min, ==, merged.min);
          g_assert_cmpfloat (st->max, ==, merged.max);
          assert_close (st->mean, merged.mean, 1e-9);
          assert_close (st->std, qs_summary_std (&merged), 1e-9);
          for (b = 0; b < QS_STATS_BINS; b++)
            g_assert_cmpuint (st->histogram[b], ==, merged.histogram[b]);
          g_assert_cmpuint (st->below, ==, merged.below);
          g_assert_cmpuint (st->above, ==, merged.above);
          if (row->has_fq && m == QS_EXEC_MODE_FLOAT)
            {
              n_clipped = merged.clipped_low + merged.clipped_high;
              assert_close (st->clipped, (double) n_clipped / merged.n, 1e-12);
              g_assert_cmpuint (st->levels_used, ==, qs_summary_levels_used (&merged));
              with_fq++;
            }
          qs_summary_clear (&merged);
        }

      /* the SQNR of fake-quant against float, sample by sample */
      for (s = 0; s < n; s++)
        {
          QsTensorError e;

          g_assert_true (qs_tensor_error_compute (kept_get (kept, s, row, QS_EXEC_MODE_FLOAT),
                                                  kept_get (kept, s, row, QS_EXEC_MODE_FAKE_QUANT), &e));
          if (isfinite (e.sqnr_db))
            {
              sum += e.sqnr_db;
              n_finite++;
            }
          if (e.sqnr_db < lo)
            {
              lo = e.sqnr_db;
              worst = s;
            }
          hi = MAX (hi, e.sqnr_db);
        }
      g_assert_true (sqnr->has);
      g_assert_cmpuint (sqnr->n, ==, n);
      g_assert_cmpuint (sqnr->n_infinite, ==, n - n_finite);
      if (n_finite > 0)
        assert_close (sqnr->mean, sum / n_finite, 1e-9);
      assert_close (sqnr->min, lo, 1e-9);
      assert_close (sqnr->max, hi, 1e-9);
      if (isfinite (lo))
        g_assert_cmpuint (sqnr->worst_sample, ==, worst);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 6);
  g_assert_cmpuint (with_fq, >=, 2);
}

static void
test_aggregates (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, NULL, NULL);
  g_autoptr(QsModel) model = load (path);
  const char *specs[] = { "random:7:11", NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, TRUE);
  g_autoptr(QsAnalysisResult) r = NULL;
  QsAnalysisOptions opts;
  Kept kept;
  guint s;

  kept_init (&kept);
  qs_analysis_options_init (&opts);
  opts.tensor_func = keep_tensor;
  opts.tensor_data = &kept;
  r = run (model, ds, &opts);
  g_assert_cmpuint (r->n_samples, ==, 7);
  g_assert_cmpuint (r->n_skipped, ==, 0);
  g_assert_cmpuint (r->modes, ==, QS_ANALYSIS_ALL);
  g_assert_null (r->int8_error);
  g_assert_cmpstr (r->model_path, ==, path);
  g_assert_cmpuint (strlen (r->model_sha256), ==, 64);
  check_against_kept (r, &kept, 7);

  /* the output figures of every sample, from the kept Result inputs */
  g_assert_cmpuint (r->n_outputs, ==, 1);
  for (s = 0; s < 7; s++)
    {
      const QsOutputError *o = qs_analysis_sample_output (r, s, 0, QS_COMPARE_FQ_FLOAT);
      QsTensorError want, got;
      const QsAnalysisRow *conv2 = NULL;
      guint i;

      for (i = 0; i < r->n_rows; i++)
        if (g_strcmp0 (r->rows[i].name, "conv2") == 0)
          conv2 = &r->rows[i];
      g_assert_nonnull (conv2);
      g_assert_true (o->has);
      qs_tensor_error_from_sums (&o->sums, &got);
      g_assert_true (qs_tensor_error_compute (kept_get (&kept, s, conv2, QS_EXEC_MODE_FLOAT),
                                              kept_get (&kept, s, conv2, QS_EXEC_MODE_FAKE_QUANT), &want));
      assert_close (got.sqnr_db, want.sqnr_db, 1e-9);
      assert_close (got.max_abs, want.max_abs, 1e-12);
    }
  kept_clear (&kept);
}

/* One sample: the int8 figures are qs_exec_compare_int8()'s, the error
 * figures qs_tensor_error_compute()'s, as the single-input dump gave. */
static void
test_one_sample (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, NULL, NULL);
  g_autoptr(QsModel) model = load (path);
  const char *specs[] = { "random:5", NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, FALSE);
  g_autoptr(QsAnalysisResult) r = NULL;
  g_autoptr(GArray) cmp = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **inputs;
  QsAnalysisOptions opts;
  Kept kept;
  guint i, n_inputs;

  kept_init (&kept);
  qs_analysis_options_init (&opts);
  opts.tensor_func = keep_tensor;
  opts.tensor_data = &kept;
  r = run (model, ds, &opts);
  g_assert_cmpuint (r->n_samples, ==, 1);
  check_against_kept (r, &kept, 1);
  kept_clear (&kept);

  inputs = qs_dataset_load_sample (ds, 0, &error);
  g_assert_no_error (error);
  cmp = qs_exec_compare_int8 (model, inputs, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cmp->len, >=, 2);
  for (i = 0; i < cmp->len; i++)
    {
      const QsInt8Compare *c = &g_array_index (cmp, QsInt8Compare, i);
      const QsAnalysisRow *row = qs_analysis_result_find_row (r, c->fq, 0);

      g_assert_nonnull (row);
      g_assert_cmpfloat (row->figures[QS_FIGURE_LSB_RUN].mean, ==, c->run.max_steps);
      g_assert_cmpfloat (row->figures[QS_FIGURE_LSB_RUN_MEAN].mean, ==, c->run.mean_steps);
      g_assert_cmpfloat (row->figures[QS_FIGURE_LSB_LOCAL].mean, ==, c->local.max_steps);
      assert_close (row->figures[QS_FIGURE_EQUAL_LOCAL].mean, 1.0 - c->local.share_differ, 1e-12);
      g_assert_cmpstr (row->int8_layer, ==, c->int8_name);
    }
  n_inputs = qs_dataset_get_n_inputs (ds);
  for (i = 0; i < n_inputs; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
}

/* ---- photos ---- */

static char *
write_photo (const char *dir,
             const char *file,
             double      r,
             double      g,
             double      b)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 8);
  cairo_t *cr = cairo_create (s);
  char *path = g_build_filename (dir, file, NULL);

  cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  return path;
}

typedef struct
{
  QsTensor *x;
} Caught;

static gboolean
catch_x (guint           sample,
         const QsNode   *node,
         guint           port,
         QsExecMode      mode,
         const QsTensor *tensor,
         gpointer        data,
         GError        **error)
{
  Caught *c = data;

  if (mode == QS_EXEC_MODE_FLOAT && strcmp (node->name, "x") == 0 && c->x == NULL)
    c->x = qs_tensor_copy (tensor);
  return TRUE;
}

/* every element of channel c of the [1,3,H,W] photo tensor equals want[c] */
static void
assert_channels (const QsTensor *t,
                 const float     want[3])
{
  gsize plane = t->n_elements / 3, i;

  for (i = 0; i < t->n_elements; i++)
    g_assert_cmpfloat_with_epsilon (qs_tensor_f32 (t)[i], want[i / plane], 1e-4);
}

static void
test_preprocess_model_info (void)
{
  static const char rt_info[] =
    "<rt_info>\n"
    "    <model_info>\n"
    "      <mean_values value=\"10 20 30\" />\n"
    "      <reverse_input_channels value=\"YES\" />\n"
    "      <scale_values value=\"100\" />\n"
    "    </model_info>\n"
    "  </rt_info>";
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, rt_info, NULL);
  g_autofree char *photo = write_photo (dir, "p.png", 230, 120, 40);
  g_autoptr(QsModel) model = load (path);
  const char *specs[] = { photo, NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, FALSE);
  g_autoptr(QsAnalysisResult) r = NULL;
  const QsPreprocess *prep = qs_dataset_get_preprocess (ds, 0);
  /* RGB order, (v - mean) / scale */
  const float want[3] = { (230 - 10) / 100.0f, (120 - 20) / 100.0f, (40 - 30) / 100.0f };
  QsAnalysisOptions opts;
  Caught caught = { NULL };

  g_assert_true (prep->image.rgb);
  g_assert_cmpint (prep->rgb_from, ==, QS_PREP_MODEL_INFO);
  g_assert_cmpint (prep->mean_from, ==, QS_PREP_MODEL_INFO);
  g_assert_cmpint (prep->scale_from, ==, QS_PREP_MODEL_INFO);
  g_assert_cmpfloat (prep->image.mean[2], ==, 30.0f);
  g_assert_cmpfloat (prep->image.scale[1], ==, 100.0f);
  g_assert_null (prep->embedded);

  qs_analysis_options_init (&opts);
  opts.tensor_func = catch_x;
  opts.tensor_data = &caught;
  r = run (model, ds, &opts);
  g_assert_nonnull (caught.x);
  assert_channels (caught.x, want);
  g_clear_pointer (&caught.x, qs_tensor_unref);
  /* values below 2.55: the input FakeQuantize clips nothing, no warning */
  g_assert_cmpuint (r->warnings->len, ==, 0);
}

/* The converter's record says what is built into the graph: reported, not
 * applied, and plain pixels in BGR order reach the input. */
static void
test_preprocess_embedded (void)
{
  static const char meta[] =
    "<meta_data>\n"
    "    <cli_parameters>\n"
    "      <mean_values value=\"x[88.0,107.0,102.0]\" />\n"
    "      <scale_values value=\"x[255.0]\" />\n"
    "      <reverse_input_channels value=\"True\" />\n"
    "    </cli_parameters>\n"
    "  </meta_data>";
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, NULL, meta);
  g_autofree char *photo = write_photo (dir, "p.png", 230, 120, 40);
  g_autoptr(QsModel) model = load (path);
  const char *specs[] = { photo, NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, FALSE);
  g_autoptr(QsAnalysisResult) r = NULL;
  const QsPreprocess *prep = qs_dataset_get_preprocess (ds, 0);
  const float want[3] = { 40, 120, 230 };
  QsAnalysisOptions opts;
  Caught caught = { NULL };

  g_assert_false (prep->image.rgb);
  g_assert_cmpint (prep->rgb_from, ==, QS_PREP_DEFAULT);
  g_assert_nonnull (prep->embedded);
  g_assert_nonnull (strstr (prep->embedded, "mean 88.0,107.0,102.0"));
  g_assert_nonnull (strstr (prep->embedded, "channels reversed"));

  qs_analysis_options_init (&opts);
  opts.tensor_func = catch_x;
  opts.tensor_data = &caught;
  r = run (model, ds, &opts);
  assert_channels (caught.x, want);
  g_clear_pointer (&caught.x, qs_tensor_unref);
  /* plain pixels against a 0..2.55 input range: everything clips, and the
   * run says so */
  g_assert_cmpuint (r->warnings->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (r->warnings, 0), "fq_x"));
}

/* A photo without a name goes to the 4-D input, not to the rank-2 one
 * declared before it. */
static void
test_multi_input_photo (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", TRUE, NULL, NULL);
  g_autofree char *photo = write_photo (dir, "p.png", 1, 2, 3);
  g_autoptr(QsModel) model = load (path);
  const char *specs[] = { photo, "seq=random:3", NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, FALSE);
  g_autoptr(QsAnalysisResult) r = NULL;
  const float want[3] = { 3, 2, 1 };
  QsAnalysisOptions opts;
  Caught caught = { NULL };
  guint i;

  g_assert_cmpuint (qs_dataset_get_n_inputs (ds), ==, 2);
  for (i = 0; i < 2; i++)
    g_assert_cmpint (qs_dataset_input_has_images (ds, i), ==,
                     strcmp (qs_dataset_get_parameter (ds, i)->name, "x") == 0);
  qs_analysis_options_init (&opts);
  opts.tensor_func = catch_x;
  opts.tensor_data = &caught;
  r = run (model, ds, &opts);
  g_assert_cmpuint (r->n_outputs, ==, 2);
  assert_channels (caught.x, want);
  g_clear_pointer (&caught.x, qs_tensor_unref);
}

/* An unnamed random:N feeds every input without a spec of its own: a
 * front end that fills unfed inputs with random values (the window's run)
 * must not take such an input for unfed and replace the set by one sample. */
static void
test_random_set_feeds (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", TRUE, NULL, NULL);
  g_autoptr(QsModel) model = load (path);
  g_autoptr(QsDataset) ds = qs_dataset_new (model);
  g_autoptr(QsDataset) named = qs_dataset_new (model);
  g_autoptr(GError) error = NULL;
  guint i;

  g_assert_cmpuint (qs_dataset_get_n_inputs (ds), ==, 2);
  for (i = 0; i < 2; i++)
    g_assert_false (qs_dataset_input_is_fed (ds, i));
  g_assert_true (qs_dataset_add_spec (ds, "random:3:4", TRUE, &error));
  g_assert_no_error (error);
  for (i = 0; i < 2; i++)
    g_assert_true (qs_dataset_input_is_fed (ds, i));
  g_assert_true (qs_dataset_finish (ds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qs_dataset_get_n_samples (ds), ==, 3);

  /* a named spec feeds its input only */
  g_assert_true (qs_dataset_add_spec (named, "seq=random:3", TRUE, &error));
  g_assert_no_error (error);
  for (i = 0; i < 2; i++)
    g_assert_cmpint (qs_dataset_input_is_fed (named, i), ==,
                     strcmp (qs_dataset_get_parameter (named, i)->name, "seq") == 0);
}

/* A list of NAME=FILE pairs feeds both inputs; a later line may give its
 * pairs in another order, but must name the same inputs, each once. */
static void
test_pair_list (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", TRUE, NULL, NULL);
  g_autofree char *p1 = write_photo (dir, "p1.png", 1, 2, 3);
  g_autofree char *p2 = write_photo (dir, "p2.png", 4, 5, 6);
  g_autoptr(QsModel) model = load (path);
  static const char list[] = "x=p1.png seq=random:5\n"
                             "seq=random:6   x=p2.png   # the other order\n";
  static const struct { const char *text, *error; } bad[] = {
    { "x=p1.png seq=random:1\nseq=random:2\n", "every line must name the inputs the first one names" },
    { "x=p1.png\nx=p2.png seq=random:2\n", "every line must name" },
    { "x=p1.png seq=random:1\nx=p2.png x=p1.png\n", "input “x” is named twice" },
    { "x=p1.png x=p2.png\n", "input “x” is named twice" },
  };
  const float want[2][3] = { { 3, 2, 1 }, { 6, 5, 4 } };
  g_autoptr(GError) error = NULL;
  guint i, s;

  {
    g_autoptr(QsDataset) ds = qs_dataset_new (model);

    g_assert_true (qs_dataset_add_list_text (ds, NULL, list, strlen (list), dir, "pairs.txt", &error));
    g_assert_no_error (error);
    g_assert_true (qs_dataset_finish (ds, &error));
    g_assert_cmpuint (qs_dataset_get_n_samples (ds), ==, 2);
    for (s = 0; s < 2; s++)
      {
        QsTensor **t = qs_dataset_load_sample (ds, s, &error);
        g_autofree char *name = qs_dataset_sample_name (ds, s);

        g_assert_no_error (error);
        g_assert_nonnull (strstr (name, s == 0 ? "p1.png" : "p2.png"));
        for (i = 0; i < 2; i++)
          {
            if (strcmp (qs_dataset_get_parameter (ds, i)->name, "x") == 0)
              assert_channels (t[i], want[s]);
            else
              g_assert_cmpint (t[i]->rank, ==, 2);
            qs_tensor_unref (t[i]);
          }
        g_free (t);
      }
  }
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(QsDataset) ds = qs_dataset_new (model);

      g_assert_false (qs_dataset_add_list_text (ds, NULL, bad[i].text, strlen (bad[i].text), dir, "pairs.txt", &error));
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].error) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, bad[i].error);
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
    }
}

/* ---- cancel, bad samples, results files ---- */

static void
cancel_at_second_sample (const QsAnalysisProgress *p,
                         gpointer                  data)
{
  if (p->sample == 1 && p->layer >= 2)
    g_cancellable_cancel (data);
}

static void
test_cancel (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, NULL, NULL);
  g_autoptr(QsModel) model = load (path);
  const char *specs[] = { "random:4", NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, TRUE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  QsAnalysisOptions opts;
  QsAnalysisResult *r;

  qs_analysis_options_init (&opts);
  opts.progress = cancel_at_second_sample;
  opts.progress_data = cancellable;
  r = qs_analysis_run (model, ds, &opts, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static char *
write_npy (const char *dir,
           const char *file,
           float       v)
{
  gint64 dims[4] = { 1, 3, 4, 4 };
  g_autoptr(QsTensor) t = qs_tensor_new_f32 (4, dims);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, file, NULL);
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    qs_tensor_f32 (t)[i] = v + 0.01f * (float) i;
  g_assert_true (qs_npy_write (t, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_bad_sample (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, NULL, NULL);
  g_autofree char *a = write_npy (dir, "a.npy", 0.1f);
  g_autofree char *c = write_npy (dir, "c.npy", 0.7f);
  g_autofree char *bad = g_build_filename (dir, "b.npy", NULL);
  g_autofree char *list = g_build_filename (dir, "list.txt", NULL);
  g_autoptr(QsModel) model = load (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(QsAnalysisResult) r = NULL;
  const char *specs[] = { list, NULL };
  QsAnalysisOptions opts;

  g_assert_true (g_file_set_contents (bad, "this is not an array\n", -1, NULL));
  g_assert_true (g_file_set_contents (list, "# three samples\na.npy\nb.npy\nc.npy\n", -1, NULL));
  {
    g_autoptr(QsDataset) ds = dataset (model, specs, TRUE);

    g_assert_cmpuint (qs_dataset_get_n_samples (ds), ==, 3);
    qs_analysis_options_init (&opts);
    g_assert_null (qs_analysis_run (model, ds, &opts, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "b.npy"));
    g_clear_error (&error);

    opts.on_error = QS_ON_ERROR_SKIP;
    r = run (model, ds, &opts);
  }
  g_assert_cmpuint (r->n_samples, ==, 2);
  g_assert_cmpuint (r->n_skipped, ==, 1);
  g_assert_cmpuint (r->n_sample_records, ==, 3);
  g_assert_true (r->samples[1].skipped);
  g_assert_nonnull (strstr (r->samples[1].error, "b.npy"));
  g_assert_false (r->samples[2].skipped);
  /* the skipped sample has no output figures and is no one's worst */
  {
    const QsOutputError *o = qs_analysis_sample_output (r, 1, 0, QS_COMPARE_FQ_FLOAT);

    g_assert_true (o == NULL || !o->has);
  }
  g_assert_cmpuint (r->rows[r->n_rows - 1].figures[QS_FIGURE_SQNR].n, <=, 2);
}

/* The int8 grid in the analysis: x → FQ [0, 1] and FQ [0, 2.55] → Concat
 * → 1×1 convolution.  The narrow FakeQuantize is aligned at the Concat;
 * its row says so with the common interval, step and its own step, in the
 * row, the CSV and the results file, which reads it back. */
static void
test_int8_grid (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = g_build_filename (dir, "grid.xml", NULL);
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("grid");
  gint64 xd[4] = { 1, 2, 4, 4 }, cd[4] = { 1, 4, 4, 4 }, wd[4] = { 2, 4, 1, 1 }, yd[4] = { 1, 2, 4, 4 };
  float w[8] = { 0.9f, -0.4f, 0.3f, 0.2f, -0.5f, 0.6f, 0.1f, 0.8f };
  const char *specs[] = { "random:2:9", NULL };
  g_autoptr(QsModel) built = NULL, model = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(QsAnalysisResult) r = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *again = NULL, *csv = NULL, *note = NULL;
  QsNode *x, *fa, *fb, *concat, *conv, *res;
  const QsAnalysisRow *row;
  QsAnalysisOptions opts;

  x = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  qs_graph_builder_set_port (b, &x->outputs[0], QS_ELEMENT_F32, 4, xd);
  fa = qs_test_fake_quantize_levels (b, "fq_a", "256", x, 0.0f, 1.0f, 4, xd);
  fb = qs_test_fake_quantize_levels (b, "fq_b", "256", x, 0.0f, 2.55f, 4, xd);
  concat = qs_graph_builder_add_node (b, "Concat", "opset1", "concat", 2, 1);
  qs_graph_builder_set_attr (b, concat, "axis", "1");
  qs_graph_builder_set_port (b, &concat->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &concat->inputs[1], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &concat->outputs[0], QS_ELEMENT_F32, 4, cd);
  qs_test_wire (b, fa, 0, concat, 0);
  qs_test_wire (b, fb, 0, concat, 1);
  conv = conv1x1 (b, "conv", concat, cd, wd, w, yd);
  res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, conv, 0, res, 0);
  built = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  g_assert_true (qs_ir_write (built, path, NULL, &error));
  g_assert_no_error (error);

  model = load (path);
  ds = dataset (model, specs, TRUE);
  qs_analysis_options_init (&opts);
  r = run (model, ds, &opts);
  row = qs_analysis_result_find_row (r, qs_graph_find_node_by_name (model->graph, "fq_a"), 0);
  g_assert_nonnull (row);
  g_assert_cmpint (row->int8_grid, ==, QS_LPT_GRID_ALIGNED);
  g_assert_cmpstr (row->int8_grid_cause, ==, "concat");
  g_assert_null (row->int8_grid_from);
  g_assert_cmpfloat_with_epsilon (row->int8_grid_high, 2.55, 1e-6);
  g_assert_cmpfloat_with_epsilon (row->int8_grid_step, 0.01, 1e-7);
  g_assert_cmpfloat_with_epsilon (row->int8_grid_own_step, 1.0 / 255, 1e-7);
  g_assert_cmpfloat (qs_figure_value_get (&row->figures[QS_FIGURE_LSB_LOCAL], QS_AGGREGATE_WORST, FALSE), <=, 1);
  note = qs_analysis_row_grid_note (row);
  g_assert_cmpstr (note, ==, "aligned at Concat “concat”: [0, 2.55], step 0.01 (its own 0.003922)");
  row = qs_analysis_result_find_row (r, qs_graph_find_node_by_name (model->graph, "fq_b"), 0);
  g_assert_cmpint (row->int8_grid, ==, QS_LPT_GRID_ALIGNED);

  csv = qs_analysis_result_to_csv (r);
  g_assert_nonnull (strstr (csv, ",int8_grid,int8_grid_note\n"));
  g_assert_nonnull (strstr (csv, ",aligned,\"aligned at Concat “concat”: [0, 2.55], step 0.01 (its own 0.003922)\"\n"));
  json = qs_analysis_result_to_json (r);
  g_assert_nonnull (strstr (json, "\"mark\" : \"aligned\""));
  back = qs_analysis_result_load_data (json, strlen (json), "grid.json", model, &error);
  g_assert_no_error (error);
  row = qs_analysis_result_find_row (back, qs_graph_find_node_by_name (model->graph, "fq_a"), 0);
  g_assert_cmpint (row->int8_grid, ==, QS_LPT_GRID_ALIGNED);
  g_assert_cmpstr (row->int8_grid_cause, ==, "concat");
  again = qs_analysis_result_to_json (back);
  g_assert_cmpstr (again, ==, json);
}

static void
test_results_round_trip (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, NULL, NULL);
  g_autofree char *other_path = write_model (dir, "other.xml", TRUE, NULL, NULL);
  g_autoptr(QsModel) model = load (path);
  g_autoptr(QsModel) other = load (other_path);
  const char *specs[] = { "random:3:5", NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, TRUE);
  g_autoptr(QsAnalysisResult) r = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *again = NULL, *csv = NULL, *csv_again = NULL;
  QsAnalysisOptions opts;
  QsAnalysisResult *refused;

  qs_analysis_options_init (&opts);
  r = run (model, ds, &opts);
  json = qs_analysis_result_to_json (r);
  back = qs_analysis_result_load_data (json, strlen (json), "run.json", model, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (back->n_samples, ==, 3);
  again = qs_analysis_result_to_json (back);
  g_assert_cmpstr (again, ==, json);
  csv = qs_analysis_result_to_csv (r);
  csv_again = qs_analysis_result_to_csv (back);
  g_assert_cmpstr (csv_again, ==, csv);

  refused = qs_analysis_result_load_data (json, strlen (json), "run.json", other, &error);
  g_assert_null (refused);
  g_assert_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_MODEL);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  refused = qs_analysis_result_load_data ("{\"format\": \"something else\"}", 29, "x.json", model, &error);
  g_assert_null (refused);
  g_assert_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT);
}

/* ---- memory does not grow with the data set ---- */

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (p = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtoll (p + 6, NULL, 10);
}

typedef struct
{
  gint64 at_100;
} Peak;

static void
note_peak (const QsAnalysisProgress *p,
           gpointer                  data)
{
  Peak *peak = data;

  if (p->sample == 100 && peak->at_100 == 0)
    peak->at_100 = peak_rss_kib ();
}

static void
test_memory_flat (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *path = write_model (dir, "m.xml", FALSE, NULL, NULL);
  g_autoptr(QsModel) model = load (path);
  const char *specs[] = { "random:1000", NULL };
  g_autoptr(QsDataset) ds = dataset (model, specs, TRUE);
  g_autoptr(QsAnalysisResult) r = NULL;
  QsAnalysisOptions opts;
  Peak peak = { 0 };
  gint64 at_end;

  if (peak_rss_kib () < 0)
    {
      g_test_skip ("no VmHWM in /proc/self/status");
      return;
    }
  if (g_getenv ("QS_UNDER_VALGRIND") != NULL || g_getenv ("ASAN_OPTIONS") != NULL)
    {
      g_test_skip ("a sanitizer or valgrind owns the heap: peak RSS says nothing here");
      return;
    }
  qs_analysis_options_init (&opts);
  opts.progress = note_peak;
  opts.progress_data = &peak;
  r = run (model, ds, &opts);
  at_end = peak_rss_kib ();
  g_assert_cmpuint (r->n_samples, ==, 1000);
  g_assert_cmpint (peak.at_100, >, 0);
  g_test_message ("peak RSS after 100 samples %" G_GINT64_FORMAT " KiB, after 1000 %" G_GINT64_FORMAT " KiB",
                  peak.at_100, at_end);
  g_assert_cmpfloat ((double) at_end, <=, 1.05 * (double) peak.at_100);
}

/* ---- a shared INT8 model over three photos ---- */

static void
test_shared_photos (void)
{
  const char *models = g_getenv ("QS_SHARED_MODELS"), *images = g_getenv ("QS_SHARED_IMAGES");
  g_autofree char *xml = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(QsAnalysisResult) all = NULL;
  QsAnalysisResult *one[3];
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  QsAnalysisOptions opts;
  const char *name;
  guint i, s, compared = 0;

  if (models != NULL)
    xml = g_build_filename (models, "pdr0013-int8-v11", "person-detection-retail-0013.xml", NULL);
  if (xml == NULL || images == NULL || !g_file_test (xml, G_FILE_TEST_EXISTS) ||
      (d = g_dir_open (images, 0, NULL)) == NULL)
    {
      g_test_skip ("../shared/models or ../shared/images is absent");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".png"))
      g_ptr_array_add (photos, g_build_filename (images, name, NULL));
  if (photos->len < 3)
    {
      g_test_skip ("fewer than three photos in ../shared/images");
      return;
    }
  g_ptr_array_sort (photos, (GCompareFunc) g_strcmp0);
  model = load (xml);
  qs_analysis_options_init (&opts);
  opts.modes = QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ;
  for (s = 0; s < 3; s++)
    {
      const char *specs[] = { g_ptr_array_index (photos, s), NULL };
      g_autoptr(QsDataset) ds = dataset (model, specs, FALSE);

      one[s] = run (model, ds, &opts);
      g_string_append_printf (list, "%s\n", (char *) g_ptr_array_index (photos, s));
    }
  {
    g_autoptr(QsDataset) ds = qs_dataset_new (model);

    g_assert_true (qs_dataset_add_list_text (ds, NULL, list->str, list->len, "/", "photos.txt", &error));
    g_assert_no_error (error);
    g_assert_true (qs_dataset_finish (ds, &error));
    all = run (model, ds, &opts);
  }
  g_assert_cmpuint (all->n_samples, ==, 3);
  for (i = 0; i < all->n_rows; i++)
    {
      const QsAnalysisRow *row = &all->rows[i];
      const QsFigureValue *f = &row->figures[QS_FIGURE_SQNR];
      double sum = 0, lo = INFINITY;
      guint n_finite = 0, worst = 0, b;

      if (row->constant || !f->has)
        continue;
      for (s = 0; s < 3; s++)
        {
          const QsAnalysisRow *r1 = qs_analysis_result_find_row (one[s], row->node, row->port);
          double v = r1->figures[QS_FIGURE_SQNR].mean;

          g_assert_nonnull (r1);
          if (isfinite (v))
            {
              sum += v;
              n_finite++;
            }
          if (v < lo)
            {
              lo = v;
              worst = s;
            }
        }
      if (n_finite == 3)
        {
          assert_close (f->mean, sum / 3, 1e-9);
          assert_close (f->min, lo, 1e-9);
          g_assert_cmpuint (f->worst_sample, ==, worst);
        }
      /* the FakeQuantize's bins are the same in every run: counts add up */
      if (row->bins_from == QS_BINS_FAKE_QUANTIZE)
        for (b = 0; b < QS_STATS_BINS; b++)
          {
            guint64 want = 0;

            for (s = 0; s < 3; s++)
              want += qs_analysis_result_find_row (one[s], row->node, row->port)
                        ->stats[QS_EXEC_MODE_FLOAT].histogram[b];
            g_assert_cmpuint (row->stats[QS_EXEC_MODE_FLOAT].histogram[b], ==, want);
          }
      compared++;
    }
  g_assert_cmpuint (compared, >, 50);
  for (s = 0; s < 3; s++)
    qs_analysis_result_unref (one[s]);
}

/* `dump --dataset` stopped by SIGTERM (or Ctrl+C) mid-run: one line, exit
 * 2, and nothing in the output folder, neither the file nor a temporary. */
static void
test_cli_interrupted (void)
{
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(TestDir) dir = qs_test_make_dir ("analysis");
  g_autofree char *model = write_model (dir, "m.xml", FALSE, NULL, NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *out = g_build_filename (out_dir, "run.json", NULL);
  const char *argv[] = { cli, "dump", model, "--dataset", "random:1000000", "--format", "json", "-o", out, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *err = NULL;
  GPid pid;
  int err_fd, status, attempt;
  gsize len;

  if (cli == NULL)
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  /* a signal before the run has begun ends the process the default way;
   * then wait longer (a sanitizer build starts slowly) */
  for (attempt = 0; attempt < 6; attempt++)
    {
      g_autoptr(GIOChannel) channel = NULL;

      g_clear_pointer (&err, g_free);
      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, NULL, &err_fd, &error));
      g_assert_no_error (error);
      g_usleep ((G_USEC_PER_SEC / 2) << attempt);
      g_assert_cmpint (kill (pid, SIGTERM), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      channel = g_io_channel_unix_new (err_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_assert_cmpint (g_io_channel_read_to_end (channel, &err, &len, NULL), ==, G_IO_STATUS_NORMAL);
      if (!WIFSIGNALED (status))
        break;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "interrupted, nothing written"));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
  listing = g_dir_open (out_dir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (listing));
}

/* The results file's writer against JsonGenerator (pretty): the same text
 * byte for byte for a tree with every kind of value, empty and nested
 * containers, escapes (quote, backslash, control characters, DEL), UTF-8,
 * and doubles that print with and without a point or an exponent. */
static void
test_json_writer (void)
{
  static const double doubles[] = {
    0.0, -0.0, 1.0, -3.0, 255.0, 0.1, 1e-7, 7.3587312794188131e-07, 1e300, DBL_MAX, -DBL_MAX, 999.0,
    123456789012345678.0, 5e-324, 2.5,
  };
  static const char *const strings[] = {
    "", "plain", "quote \" here", "back\\slash", "tab\tnew\nline\r", "\x01\x1f\x7f end", "“UTF-8” ü", "/",
  };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(QsJsonWriter) w = qs_json_writer_new ();
  g_autofree char *want = NULL, *got = NULL;
  guint i;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "doubles");
  json_builder_begin_array (b);
  for (i = 0; i < G_N_ELEMENTS (doubles); i++)
    json_builder_add_double_value (b, doubles[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "strings");
  json_builder_begin_object (b);
  for (i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      json_builder_set_member_name (b, strings[i]);
      json_builder_add_string_value (b, strings[i]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "ints");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, 0);
  json_builder_add_int_value (b, -1);
  json_builder_add_int_value (b, G_MAXINT64);
  json_builder_add_int_value (b, G_MININT64);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "empty_array");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "empty_object");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "nested");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "yes");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "no");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "none");
  json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  want = json_generator_to_data (gen, NULL);
  qs_json_writer_add_value (w, root);
  got = qs_json_writer_free_to_text (g_steal_pointer (&w));
  g_assert_cmpstr (got, ==, want);

  /* where json-glib 1.6 writes 1e+20.0, which does not parse, the writer
   * leaves the exponent as it is */
  {
    g_autoptr(QsJsonWriter) one = qs_json_writer_new ();
    g_autofree char *text = NULL;

    qs_json_writer_begin_array (one);
    qs_json_writer_add_double_value (one, 1e20);
    qs_json_writer_add_double_value (one, 3.0);
    qs_json_writer_end_array (one);
    text = qs_json_writer_free_to_text (g_steal_pointer (&one));
    g_assert_cmpstr (text, ==, "[\n  1e+20,\n  3.0\n]");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/analysis/aggregates", test_aggregates);
  g_test_add_func ("/qscope/analysis/json-writer", test_json_writer);
  g_test_add_func ("/qscope/analysis/int8-grid", test_int8_grid);
  g_test_add_func ("/qscope/analysis/one-sample", test_one_sample);
  g_test_add_func ("/qscope/analysis/preprocess/model-info", test_preprocess_model_info);
  g_test_add_func ("/qscope/analysis/preprocess/embedded", test_preprocess_embedded);
  g_test_add_func ("/qscope/analysis/multi-input-photo", test_multi_input_photo);
  g_test_add_func ("/qscope/analysis/random-set-feeds", test_random_set_feeds);
  g_test_add_func ("/qscope/analysis/pair-list", test_pair_list);
  g_test_add_func ("/qscope/analysis/cancel", test_cancel);
  g_test_add_func ("/qscope/analysis/cli-interrupted", test_cli_interrupted);
  g_test_add_func ("/qscope/analysis/bad-sample", test_bad_sample);
  g_test_add_func ("/qscope/analysis/results-round-trip", test_results_round_trip);
  g_test_add_func ("/qscope/analysis/memory-flat", test_memory_flat);
  g_test_add_func ("/qscope/analysis/shared-photos", test_shared_photos);
  return g_test_run ();
}
