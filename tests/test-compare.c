/* test-compare.c — an FP32 model against its INT8 export
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Matching is checked on generated pairs whose correspondence is known:
 * the same names, renamed layers with their tensor names kept, renamed
 * layers with rt_info fused names, and renamed layers with nothing but the
 * structure.  The figures are held to the analysis engine (the INT8 model's
 * fake-quant run against a float twin is its fq-against-float figure), to
 * exactness (float mode on equal weights), and to a planted bias.  On the
 * shared pairs, the counts the README gives and the bias of
 * person-detection-retail-0013's INT8 v11 file.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "qs-compare.h"
#include "qs-exec.h"
#include "qs-npy.h"
#include "qs-test-models.h"

static QsCompareResult *
run (QsModel    *a,
     QsModel    *b,
     const char *spec,
     QsExecMode  mode)
{
  g_autoptr(QsDataset) da = qs_test_dataset (a, spec);
  g_autoptr(QsDataset) db = qs_test_dataset (b, spec);
  g_autoptr(GError) error = NULL;
  QsCompareOptions opts;
  QsCompareResult *r;

  qs_compare_options_init (&opts);
  opts.test_mode = mode;
  r = qs_compare_run (a, b, da, db, &opts, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static const QsComparePair *
pair_of (const QsCompareResult *r,
         const char            *reference)
{
  guint p;

  for (p = 0; p < r->n_pairs; p++)
    if (strcmp (r->pairs[p].reference->name, reference) == 0)
      return &r->pairs[p];
  return NULL;
}

static double
sqnr (const QsComparePair *p)
{
  QsTensorError e;

  qs_tensor_error_from_sums (&p->sums, &e);
  return e.sqnr_db;
}

/* Each way of matching finds the six layers, and pairs them right. */
static void
test_match_ways (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("compare");
  g_autoptr(QsModel) fp32 = qs_test_twin_model (dir, "fp32.xml", FALSE, FALSE, NULL);
  const struct { gboolean rename; const char *how; QsMatchWay way; guint n_way; } cases[] = {
    { FALSE, NULL, QS_MATCH_NAME, 6 },
    { TRUE, "tensor", QS_MATCH_TENSOR_NAME, 4 },   /* the two Results have no tensor names */
    { TRUE, "rt_info", QS_MATCH_RT_INFO, 4 },
    { TRUE, "structure", QS_MATCH_STRUCTURE, 6 },
  };
  const char *names[] = { "x", "conv", "relu", "conv2", "y", "h" };
  guint c, i;

  for (c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *file = g_strdup_printf ("int8-%u.xml", c);
      g_autoptr(QsModel) int8 = qs_test_twin_model (dir, file, TRUE, cases[c].rename, cases[c].how);
      g_autoptr(QsCompareResult) r = qs_compare_match (fp32, int8);

      g_test_message ("case %u", c);
      g_assert_cmpuint (r->n_pairs, ==, 6);
      g_assert_cmpuint (r->unmatched_reference->len, ==, 0);
      g_assert_cmpuint (r->unmatched_test->len, ==, 0);
      g_assert_cmpuint (r->by_way[cases[c].way], ==, cases[c].n_way);
      for (i = 0; i < 6; i++)
        {
          const QsComparePair *p = pair_of (r, names[i]);
          g_autofree char *want = g_strdup_printf ("L%u", 7 * i + 3);

          g_assert_nonnull (p);
          g_assert_cmpstr (p->test->name, ==, cases[c].rename ? want : names[i]);
        }
      /* equal weights: the constant inputs agree exactly */
      g_assert_true (isinf (pair_of (r, "conv")->const_sqnr_db));
    }
}

/* The INT8 twin in fake-quant mode against the FP32 twin is, layer for
 * layer, the analysis engine's fake-quant against float run of the INT8
 * twin; in float mode every pair is exact and nothing parts. */
static void
test_figures (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("compare");
  g_autoptr(QsModel) fp32 = qs_test_twin_model (dir, "fp32.xml", FALSE, FALSE, NULL);
  /* the same input name: a random input is seeded by it */
  g_autoptr(QsModel) int8 = qs_test_twin_model (dir, "int8.xml", TRUE, FALSE, NULL);
  g_autoptr(QsDataset) seed = qs_test_dataset (fp32, "random:1:9");
  g_autofree char *npy = g_build_filename (dir, "x.npy", NULL);
  g_autoptr(QsCompareResult) fq = NULL, flt = NULL;
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(QsAnalysisResult) a = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **x = qs_dataset_load_sample (seed, 0, &error);
  const char *layers[] = { "conv", "relu", "conv2" };
  QsAnalysisOptions opts;
  guint p, i;

  /* one input for all three runs */
  g_assert_no_error (error);
  g_assert_true (qs_npy_write (x[0], npy, &error));
  g_assert_no_error (error);
  qs_tensor_unref (x[0]);
  g_free (x);
  fq = run (fp32, int8, npy, QS_EXEC_MODE_FAKE_QUANT);
  flt = run (fp32, int8, npy, QS_EXEC_MODE_FLOAT);
  ds = qs_test_dataset (int8, npy);
  g_assert_true (fq->same_inputs);
  for (p = 0; p < flt->n_pairs; p++)
    {
      g_assert_true (flt->pairs[p].compared);
      g_assert_cmpfloat (flt->pairs[p].sums.dd, ==, 0);
    }
  g_assert_cmpint (flt->first_jump, ==, -1);

  qs_analysis_options_init (&opts);
  opts.modes = (1u << QS_EXEC_MODE_FLOAT) | (1u << QS_EXEC_MODE_FAKE_QUANT);
  a = qs_analysis_run (int8, ds, &opts, NULL, &error);
  g_assert_no_error (error);
  for (i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      const QsComparePair *pp = pair_of (fq, layers[i]);
      const QsAnalysisRow *row = qs_analysis_result_find_row (a, pp->test, 0);

      g_assert_nonnull (row);
      g_assert_true (row->figures[QS_FIGURE_SQNR].has);
      g_assert_cmpfloat_with_epsilon (sqnr (pp), row->figures[QS_FIGURE_SQNR].mean,
                                      1e-9 * fabs (row->figures[QS_FIGURE_SQNR].mean));
      g_assert_cmpfloat (sqnr (pp), <, 80);
    }
  g_assert_true (isinf (sqnr (pair_of (fq, "x"))));
}

typedef struct
{
  const QsNode *conv;        /* the original layer */
  QsTensor     *codes;       /* what the int8 run gives at its two views */
  QsTensor     *real;
} Views;

static void
catch_views (const QsNode    *node,
             QsTensor *const *inputs,
             guint            n_inputs,
             QsTensor *const *outputs,
             guint            n_outputs,
             gpointer         user_data)
{
  Views *v = user_data;
  QsTensor **slot;

  if (n_outputs == 0 || outputs[0] == NULL || node->origin != v->conv)
    return;
  slot = qs_element_type_traits (outputs[0]->type)->is_float ? &v->real : &v->codes;
  g_clear_pointer (slot, qs_tensor_unref);
  *slot = qs_tensor_ref (outputs[0]);
}

/* x → [fq_x →] ReLU → conv → Result: with fq_x's zero point 0 the ReLU
 * moves u8 codes that nothing reads as floats, so the int8 run holds it as
 * codes only. */
static QsModel *
codes_model (const char *dir,
             const char *file,
             gboolean    quantized)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("codes");
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *fx = quantized ? qs_test_fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3) : x;
  QsNode *relu = qs_test_eltwise (b, "ReLU", "relu", 1, &fx, 4, d3);
  QsNode *conv = qs_test_conv1x1 (b, "conv", relu, 3, 4, 1);

  qs_test_result (b, "y", conv, 0, 4, d4);
  return qs_test_finish (b, dir, file);
}

/* The INT8 twin in int8 mode.  The real values qs_exec_int8_dequantize()
 * gives for a layer's codes are what the transformation's own Dequantize
 * computes from them (the convolution has both views: its i32 codes and a
 * Dequantize), bit for bit.  Every pair the fake-quant comparison compares
 * is compared, near its fake-quant figure (int8 arithmetic against float),
 * a layer held as codes only included; and at the model outputs the
 * comparison is the analysis engine's int8 against float (the twins differ
 * only in their activation quantizers). */
static void
test_int8 (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("compare");
  g_autoptr(QsModel) fp32 = qs_test_twin_model (dir, "fp32.xml", FALSE, FALSE, NULL);
  g_autoptr(QsModel) int8 = qs_test_twin_model (dir, "int8.xml", TRUE, FALSE, NULL);
  g_autoptr(QsModel) plain = codes_model (dir, "plain.xml", FALSE);
  g_autoptr(QsModel) coded = codes_model (dir, "coded.xml", TRUE);
  g_autoptr(QsCompareResult) fq = run (fp32, int8, "random:3:5", QS_EXEC_MODE_FAKE_QUANT);
  g_autoptr(QsCompareResult) i8 = run (fp32, int8, "random:3:5", QS_EXEC_MODE_INT8);
  g_autoptr(QsCompareResult) codes_fq = run (plain, coded, "random:2:3", QS_EXEC_MODE_FAKE_QUANT);
  g_autoptr(QsCompareResult) codes_i8 = run (plain, coded, "random:2:3", QS_EXEC_MODE_INT8);
  g_autoptr(QsDataset) ds = qs_test_dataset (int8, "random:3:5");
  g_autofree char *npy = g_build_filename (dir, "x.npy", NULL);
  g_autoptr(QsAnalysisResult) a = NULL;
  g_autoptr(GError) error = NULL;
  QsAnalysisOptions opts;
  QsExec *exec;
  Views v = { 0 };
  guint p, o;

  g_assert_cmpint (i8->test_mode, ==, QS_EXEC_MODE_INT8);
  g_assert_cmpuint (i8->n_samples, ==, 3);
  g_assert_cmpuint (i8->n_pairs, ==, fq->n_pairs);
  for (p = 0; p < i8->n_pairs; p++)
    {
      g_test_message ("%s: fq %.6f dB, int8 %.6f dB", fq->pairs[p].reference->name, sqnr (&fq->pairs[p]),
                      sqnr (&i8->pairs[p]));
      g_assert_cmpint (i8->pairs[p].compared, ==, fq->pairs[p].compared);
      if (!fq->pairs[p].compared || isinf (sqnr (&fq->pairs[p])))
        continue;
      g_assert_cmpfloat (fabs (sqnr (&i8->pairs[p]) - sqnr (&fq->pairs[p])), <, 0.5);
    }

  /* the ReLU on codes only: compared through its dequantized codes */
  exec = qs_exec_new (coded, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  {
    const QsNode *relu = qs_graph_find_node_by_name (coded->graph, "relu");
    const QsLptDecision *d = qs_lpt_result_get_decision (qs_exec_get_lpt_result (exec), relu);
    QsLptQuant quant;

    g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_CODES);
    g_assert_true (qs_lpt_result_get_quant (qs_exec_get_lpt_result (exec), &relu->outputs[0], &quant));
    g_assert_cmpint (quant.type, ==, QS_ELEMENT_U8);
  }
  qs_exec_free (exec);
  for (p = 0; p < codes_i8->n_pairs; p++)
    {
      g_test_message ("codes model, %s: fq %.6f dB, int8 %.6f dB", codes_fq->pairs[p].reference->name,
                      sqnr (&codes_fq->pairs[p]), sqnr (&codes_i8->pairs[p]));
      g_assert_true (codes_i8->pairs[p].compared);
      if (isinf (sqnr (&codes_fq->pairs[p])))
        g_assert_true (isinf (sqnr (&codes_i8->pairs[p])));
      else
        g_assert_cmpfloat (fabs (sqnr (&codes_i8->pairs[p]) - sqnr (&codes_fq->pairs[p])), <, 0.01);
    }
  g_assert_true (isfinite (sqnr (pair_of (codes_i8, "relu"))));

  /* the two views of the convolution, from the plan the comparison runs */
  exec = qs_exec_new (int8, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  v.conv = qs_graph_find_node_by_name (int8->graph, "conv");
  qs_exec_set_observer (exec, catch_views, &v);
  {
    QsTensor **x = qs_dataset_load_sample (ds, 0, &error);
    g_autoptr(QsTensor) real = NULL;
    g_autoptr(QsTensor) not_codes = NULL;

    g_assert_no_error (error);
    g_assert_true (qs_exec_run (exec, x, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    qs_tensor_unref (x[0]);
    g_free (x);
    g_assert_nonnull (v.codes);
    g_assert_nonnull (v.real);
    g_assert_cmpint (v.codes->type, ==, QS_ELEMENT_I32);
    real = qs_exec_int8_dequantize (exec, &v.conv->outputs[0], v.codes, &error);
    g_assert_no_error (error);
    g_assert_cmpint (real->type, ==, QS_ELEMENT_F32);
    g_assert_cmpuint (real->n_elements, ==, v.real->n_elements);
    g_assert_cmpmem (real->data, real->n_elements * 4, v.real->data, v.real->n_elements * 4);
    /* a float tensor is not codes, and says so */
    not_codes = qs_exec_int8_dequantize (exec, &v.conv->outputs[0], v.real, &error);
    g_assert_null (not_codes);
    g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }
  g_clear_pointer (&v.codes, qs_tensor_unref);
  g_clear_pointer (&v.real, qs_tensor_unref);
  qs_exec_free (exec);

  /* at the outputs, the analysis engine's int8 against float, on one
   * input for both (a random input depends on the model's input range) */
  {
    g_autoptr(QsDataset) seed = qs_test_dataset (fp32, "random:1:9");
    QsTensor **x = qs_dataset_load_sample (seed, 0, &error);

    g_assert_no_error (error);
    g_assert_true (qs_npy_write (x[0], npy, &error));
    g_assert_no_error (error);
    qs_tensor_unref (x[0]);
    g_free (x);
  }
  g_clear_pointer (&i8, qs_compare_result_unref);
  i8 = run (fp32, int8, npy, QS_EXEC_MODE_INT8);
  g_clear_pointer (&ds, qs_dataset_free);
  ds = qs_test_dataset (int8, npy);
  qs_analysis_options_init (&opts);
  opts.modes = (1u << QS_EXEC_MODE_FLOAT) | (1u << QS_EXEC_MODE_INT8);
  a = qs_analysis_run (int8, ds, &opts, NULL, &error);
  g_assert_no_error (error);
  for (o = 0; o < a->n_outputs; o++)
    {
      const QsComparePair *pp = pair_of (i8, a->output_names[o]);
      QsFigureValue value;

      g_assert_nonnull (pp);
      qs_analysis_output_figure (a, (int) o, QS_COMPARE_INT8_FLOAT, QS_FIGURE_SQNR, &value);
      g_assert_true (value.has);
      g_test_message ("%s: compare %.9f, analysis %.9f", a->output_names[o], sqnr (pp), value.mean);
      g_assert_cmpfloat_with_epsilon (sqnr (pp), value.mean, 1e-6 * fabs (value.mean) + 1e-9);
    }
}

static void
test_planted_bias (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("compare");
  g_autoptr(QsModel) good = qs_test_biased_model (dir, "good.xml", 0.0f);
  g_autoptr(QsModel) bad = qs_test_biased_model (dir, "bad.xml", 3.0f);
  g_autoptr(QsCompareResult) r = run (good, bad, "random:2:4", QS_EXEC_MODE_FLOAT);
  g_autofree char *csv = qs_compare_result_to_csv (r);
  const QsComparePair *add = pair_of (r, "add");

  g_assert_true (isinf (pair_of (r, "conv")->const_sqnr_db));
  g_assert_cmpint (add->const_input, ==, 1);
  g_assert_cmpfloat (add->const_sqnr_db, <, 0);
  g_assert_cmpint (r->first_jump, >=, 0);
  g_assert_cmpstr (r->pairs[r->first_jump].reference->name, ==, "add");
  g_assert_true (g_str_has_prefix (csv, "reference_layer,test_layer,type,matched_by,sqnr_db,nmse,mse,max_abs,cosine,"
                                        "worst_sqnr_db,jump_db,const_input,const_sqnr_db,note\n"));
  g_assert_nonnull (strstr (csv, "\nadd,add,Add,name,"));

  /* the views' lookups: the Add is the one constant input below 20 dB,
   * either side's node finds its pair, and both graphs get its figure */
  {
    g_autofree int *differ = qs_compare_result_rank_constants (r, 20, 5);
    int p = qs_compare_result_find_pair (r, add->test);
    g_autofree double *ref_values = qs_compare_result_node_values (r, good->graph, QS_COMPARE_FIGURE_CONST_SQNR);
    g_autofree double *test_values = qs_compare_result_node_values (r, bad->graph, QS_COMPARE_FIGURE_JUMP);
    const QsNode *bias = qs_graph_find_node_by_name (bad->graph, "bias");

    g_assert_cmpint (differ[0], ==, p);
    g_assert_cmpint (differ[1], ==, -1);
    g_assert_cmpint (qs_compare_result_find_pair (r, add->reference), ==, p);
    g_assert_cmpint (qs_compare_result_find_pair (r, bias), ==, -1);
    g_assert_cmpfloat (ref_values[add->reference->index], ==, add->const_sqnr_db);
    g_assert_cmpfloat (test_values[add->test->index], ==, add->jump_db);
    g_assert_cmpfloat (qs_compare_pair_figure (r, p, QS_COMPARE_FIGURE_JUMP), >=, 6);
    g_assert_true (isnan (test_values[bias->index]));
    g_assert_false (qs_compare_figure_higher_is_better (QS_COMPARE_FIGURE_JUMP));
  }
}

/* The shared pairs: the matching counts the README gives; and in float
 * mode person-detection-retail-0013's INT8 v11 file parts from the FP32
 * model at the confidence head's bias. */
static void
test_shared_pairs (void)
{
  const char *models = g_getenv ("QS_SHARED_MODELS"), *images = g_getenv ("QS_SHARED_IMAGES");
  const struct { const char *a, *b; guint pairs, by_name, by_tensor, by_structure, unmatched; } cases[] = {
    { "pdr0013-fp32-v11/person-detection-retail-0013.xml", "pdr0013-int8-v11/person-detection-retail-0013.xml",
      394, 394, 0, 0, 0 },
    { "pdr0013-fp32-v11/person-detection-retail-0013.xml", "pdr0013-int8-ov2021-v10/person-detection-retail-0013.xml",
      394, 394, 0, 0, 0 },
    { "face-adas0001-fp16-v11/face-detection-adas-0001.xml", "face-adas0001-int8-v11/face-detection-adas-0001.xml",
      258, 258, 0, 0, 0 },
    { "pvb2000-fp16-v11/person-vehicle-bike-detection-2000.xml", "pvb2000-int8-v11/person-vehicle-bike-detection-2000.xml",
      212, 160, 17, 35, 4 },
  };
  guint c;

  if (models == NULL || !g_file_test (models, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared models are not here");
      return;
    }
  for (c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *pa = g_build_filename (models, cases[c].a, NULL), *pb = g_build_filename (models, cases[c].b, NULL);
      g_autoptr(QsModel) a = NULL, b = NULL;
      g_autoptr(QsCompareResult) r = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_test (pa, G_FILE_TEST_EXISTS) || !g_file_test (pb, G_FILE_TEST_EXISTS))
        continue;
      a = qs_model_load (pa, QS_LOAD_FLAGS_NONE, NULL, &error);
      g_assert_no_error (error);
      b = qs_model_load (pb, QS_LOAD_FLAGS_NONE, NULL, &error);
      g_assert_no_error (error);
      r = qs_compare_match (a, b);
      g_test_message ("%s / %s: %u pairs", cases[c].a, cases[c].b, r->n_pairs);
      g_assert_cmpuint (r->n_pairs, ==, cases[c].pairs);
      g_assert_cmpuint (r->by_way[QS_MATCH_NAME], ==, cases[c].by_name);
      g_assert_cmpuint (r->by_way[QS_MATCH_TENSOR_NAME], ==, cases[c].by_tensor);
      g_assert_cmpuint (r->by_way[QS_MATCH_STRUCTURE], ==, cases[c].by_structure);
      g_assert_cmpuint (r->unmatched_reference->len, ==, cases[c].unmatched);
      g_assert_cmpuint (r->unmatched_test->len, ==, cases[c].unmatched);

      if (c == 0 && images != NULL)
        {
          g_autofree char *photo = g_build_filename (images, "basketball1.png", NULL);
          g_autoptr(QsCompareResult) ran = NULL;
          const QsComparePair *parted;

          if (!g_file_test (photo, G_FILE_TEST_EXISTS))
            continue;
          ran = run (a, b, photo, QS_EXEC_MODE_FLOAT);
          g_assert_cmpint (ran->first_jump, >=, 0);
          parted = &ran->pairs[ran->first_jump];
          g_assert_cmpstr (parted->reference->name, ==, "mbox_conf1/out/conv");
          g_assert_cmpint (parted->const_input, ==, 1);
          g_assert_cmpfloat (parted->const_sqnr_db, <, 0);
        }
    }
}

/* `qscope-cli compare`: CSV on stdout; a bad --mode fails in one line. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(TestDir) dir = qs_test_make_dir ("compare");
  g_autoptr(QsModel) fp32 = NULL, int8 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  fp32 = qs_test_twin_model (dir, "fp32.xml", FALSE, FALSE, NULL);
  int8 = qs_test_twin_model (dir, "int8.xml", TRUE, FALSE, NULL);
  a = g_build_filename (dir, "fp32.xml", NULL);
  b = g_build_filename (dir, "int8.xml", NULL);
  {
    const char *argv[] = { cli, "compare", a, b, "--dataset", "random:2", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (out, "reference_layer,test_layer,"));
    g_assert_nonnull (strstr (out, "\nconv2,conv2,Convolution,name,"));
  }
  {
    const char *argv[] = { cli, "compare", a, b, "--dataset", "random:1", "--mode", "int4", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_cmpstr (err, ==, "qscope-cli: --mode is fq, int8 or float\n");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/compare/match-ways", test_match_ways);
  g_test_add_func ("/qscope/compare/figures", test_figures);
  g_test_add_func ("/qscope/compare/int8", test_int8);
  g_test_add_func ("/qscope/compare/planted-bias", test_planted_bias);
  g_test_add_func ("/qscope/compare/shared-pairs", test_shared_pairs);
  g_test_add_func ("/qscope/compare/cli", test_cli);
  return g_test_run ();
}
