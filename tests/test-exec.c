/* test-exec.c — the executor around the ops: .npy files, statistics, modes,
 * errors, and every shared model on a photo
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <sys/resource.h>

#include "qs-exec-test.h"
#include "qs-input.h"
#include "qs-npy.h"
#include "qs-stats.h"

static void
test_npy_round_trip (void)
{
  g_autoptr(QsTensor) t = QS_F32 ("2,3", 1, -2, 3.5, 0, 1e-3, 7);
  g_autoptr(GBytes) bytes = qs_npy_write_bytes (t);
  g_autoptr(QsTensor) back = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  back = qs_npy_read_bytes (data, size, &error);
  g_assert_no_error (error);
  g_assert_true (qs_tensor_same_shape (t, back));
  g_assert_cmpmem (t->data, 24, back->data, 24);
}

/* A header by hand: version @major, dictionary @dict, then @n floats. */
static GByteArray *
npy_by_hand (int         major,
             const char *dict,
             gsize       n)
{
  GByteArray *b = g_byte_array_new ();
  g_autoptr(GString) h = g_string_new (dict);
  gsize pre = major == 1 ? 10 : 12, i;
  float one = 1;

  while ((pre + h->len + 1) % 64 != 0)
    g_string_append_c (h, ' ');
  g_string_append_c (h, '\n');
  g_byte_array_append (b, (const guint8 *) "\x93NUMPY", 6);
  g_byte_array_append (b, (const guint8 []) { major, 0 }, 2);
  if (major == 1)
    g_byte_array_append (b, (const guint8 []) { h->len & 0xff, h->len >> 8 }, 2);
  else
    g_byte_array_append (b, (const guint8 []) { h->len & 0xff, h->len >> 8, 0, 0 }, 4);
  g_byte_array_append (b, (const guint8 *) h->str, h->len);
  for (i = 0; i < n; i++)
    g_byte_array_append (b, (const guint8 *) &one, 4);
  return b;
}

static void
test_npy_headers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) v1 = npy_by_hand (1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 4);
  g_autoptr(GByteArray) v2 = npy_by_hand (2, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 3);
  g_autoptr(GByteArray) be = npy_by_hand (1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 1);
  g_autoptr(GByteArray) fo = npy_by_hand (1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", 1);
  QsTensor *t;

  t = qs_npy_read_bytes (v1->data, v1->len, &error);
  g_assert_no_error (error);
  QS_CHECK (t, "2,2", 0, 1, 1, 1, 1);
  t = qs_npy_read_bytes (v2->data, v2->len, &error);
  g_assert_no_error (error);
  QS_CHECK (t, "3", 0, 1, 1, 1);
  g_assert_null (qs_npy_read_bytes (be->data, be->len, &error));
  g_assert_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (qs_npy_read_bytes (fo->data, fo->len, &error));
  g_assert_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (qs_npy_read_bytes ((const guint8 *) "not a npy file", 14, &error));
  g_assert_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT);
}

static void
test_stats_error (void)
{
  g_autoptr(QsTensor) ref = QS_F32 ("4", 1, 2, 3, 4);
  g_autoptr(QsTensor) test = QS_F32 ("4", 1, 2, 3, 5);
  QsTensorError e;

  /* signal 30, noise 1: SQNR 10·log10(30), NMSE 1/30; cosine (1+4+9+20)/sqrt(30·39) */
  g_assert_true (qs_tensor_error_compute (ref, test, &e));
  g_assert_cmpfloat_with_epsilon (e.sqnr_db, 10 * log10 (30.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (e.nmse, 1 / 30.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.mse, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.max_abs, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.cosine, 34 / sqrt (30.0 * 39), 1e-12);
}

static void
test_stats_histogram (void)
{
  g_autoptr(QsTensor) t = QS_F32 ("5", -1, 0, 0.5, 1, 3);
  QsFqRange fq = { 0, 1, 3 };   /* codes at 0, 0.5, 1 */
  QsTensorStats s;

  qs_tensor_stats_compute (t, &fq, &s);
  g_assert_cmpuint (s.n, ==, 5);
  g_assert_cmpfloat (s.min, ==, -1);
  g_assert_cmpfloat (s.max, ==, 3);
  g_assert_cmpfloat_with_epsilon (s.mean, 0.7, 1e-9);
  /* population std: squares of the deviations from 0.7 sum to 8.8 */
  g_assert_cmpfloat_with_epsilon (s.std, sqrt (8.8 / 5), 1e-9);
  /* -1 and 3 lie outside [0, 1] */
  g_assert_cmpfloat_with_epsilon (s.clipped, 0.4, 1e-12);
  g_assert_cmpuint (s.levels_used, ==, 3);
  g_assert_cmpuint (s.histogram[0], ==, 1);
  g_assert_cmpuint (s.histogram[QS_STATS_BINS - 1], ==, 1);
}

static void
test_fake_quantize_formula (void)
{
  /* levels 3 over [0, 2]: step 1; 0.5 and 1.5 are ties, half to even */
  g_assert_cmpfloat (qs_fake_quantize_f32 (0.5f, 0, 2, 0, 2, 3), ==, 0);
  g_assert_cmpfloat (qs_fake_quantize_f32 (1.5f, 0, 2, 0, 2, 3), ==, 2);
  g_assert_cmpfloat (qs_fake_quantize_f32 (0.49f, 0, 2, 0, 2, 3), ==, 0);
  /* low bound inclusive, high exclusive; both map to the output ends */
  g_assert_cmpfloat (qs_fake_quantize_f32 (0, 0, 2, -4, 4, 3), ==, -4);
  g_assert_cmpfloat (qs_fake_quantize_f32 (2, 0, 2, -4, 4, 3), ==, 4);
  g_assert_cmpfloat (qs_fake_quantize_f32 (9, 0, 2, -4, 4, 3), ==, 4);
  g_assert_cmpfloat (qs_fake_quantize_f32 (-9, 0, 2, -4, 4, 3), ==, -4);
  /* il == ih: a threshold */
  g_assert_cmpfloat (qs_fake_quantize_f32 (1, 1, 1, 0, 5, 2), ==, 0);
  g_assert_cmpfloat (qs_fake_quantize_f32 (1.01f, 1, 1, 0, 5, 2), ==, 5);
}

/* Parameter -> FakeQuantize(levels 3 over [0, 2]) -> Result: float mode
 * passes the activation through, fake-quant snaps it to the grid. */
static void
test_modes (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *in[5], **outs;

  in[0] = QS_F32 ("5", -1, 0.4, 0.5, 1.7, 3);
  in[1] = QS_F32 ("", 0);
  in[2] = QS_F32 ("", 2);
  in[3] = QS_F32 ("", 0);
  in[4] = QS_F32 ("", 2);
  outs = qs_test_run_op_full ("FakeQuantize", "opset1", "levels=\"3\"", in, 5, 1, 1,
                              QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  QS_CHECK (outs[0], "5", 1e-7, -1, 0.4, 0.5, 1.7, 3);
  g_free (outs);
  outs = qs_test_run_op_full ("FakeQuantize", "opset1", "levels=\"3\"", in, 5, 1, 1,
                              QS_EXEC_MODE_FAKE_QUANT, &error);
  g_assert_no_error (error);
  QS_CHECK (outs[0], "5", 0, 0, 0, 0, 2, 2);
  g_free (outs);
  /* a FakeQuantize on a Const (weights) is applied in float mode too */
  outs = qs_test_run_op_full ("FakeQuantize", "opset1", "levels=\"3\"", in, 5, 0, 1,
                              QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  QS_CHECK (outs[0], "5", 0, 0, 0, 0, 2, 2);
  g_free (outs);
  for (guint i = 0; i < 5; i++)
    qs_tensor_unref (in[i]);
}

static void
test_unsupported (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *in[1] = { QS_F32 ("1", 1) };
  QsTensor **outs;

  outs = qs_test_run_op_full ("Frobnicate", "opset1", "", in, 1, 0, 1, QS_EXEC_MODE_FLOAT, &error);
  g_assert_null (outs);
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "Frobnicate"));
  g_assert_nonnull (strstr (error->message, "“op”"));
  qs_tensor_unref (in[0]);
}

/* ---- constant layers kept across the runs of a plan ---- */

#define FOLD_N 1024

/* x [N] f32 (Parameter) + FakeQuantize (Convert (w [N] i8)) · 0.5, the
 * FakeQuantize (levels 3 over [0, 2]) and the Multiply by a Const scalar
 * on the weights' side, so Convert, FakeQuantize and Multiply are
 * constant layers. */
static QsModel *
fold_model (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<net name=\"fold\" version=\"11\"><layers>\n");
  g_autoptr(GByteArray) bin = g_byte_array_new ();
  g_autoptr(GBytes) xml_bytes = NULL, bin_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const float scalars[5] = { 0, 2, 0, 2, 0.5f };
  QsModel *model;
  guint i;

  for (i = 0; i < FOLD_N; i++)
    {
      gint8 w = (gint8) ((int) (i % 7) - 2);

      g_byte_array_append (bin, (const guint8 *) &w, 1);
    }
  g_string_append_printf (xml,
    "<layer id=\"0\" name=\"x\" type=\"Parameter\" version=\"opset1\"><data shape=\"%d\" element_type=\"f32\"/>"
    "<output><port id=\"0\"><dim>%d</dim></port></output></layer>\n"
    "<layer id=\"1\" name=\"w\" type=\"Const\" version=\"opset1\">"
    "<data offset=\"0\" size=\"%d\" shape=\"%d\" element_type=\"i8\"/>"
    "<output><port id=\"0\"><dim>%d</dim></port></output></layer>\n"
    "<layer id=\"2\" name=\"convert\" type=\"Convert\" version=\"opset1\"><data destination_type=\"f32\"/>"
    "<input><port id=\"0\"><dim>%d</dim></port></input><output><port id=\"1\"/></output></layer>\n",
    FOLD_N, FOLD_N, FOLD_N, FOLD_N, FOLD_N, FOLD_N);
  for (i = 0; i < 5; i++)
    {
      g_string_append_printf (xml, "<layer id=\"%u\" name=\"k%u\" type=\"Const\" version=\"opset1\">"
                              "<data offset=\"%u\" size=\"4\" shape=\"\" element_type=\"f32\"/>"
                              "<output><port id=\"0\"/></output></layer>\n", 10 + i, i, bin->len);
      g_byte_array_append (bin, (const guint8 *) &scalars[i], 4);
    }
  g_string_append_printf (xml,
    "<layer id=\"3\" name=\"fq\" type=\"FakeQuantize\" version=\"opset1\"><data levels=\"3\"/>"
    "<input><port id=\"0\"><dim>%d</dim></port><port id=\"1\"/><port id=\"2\"/><port id=\"3\"/><port id=\"4\"/></input>"
    "<output><port id=\"5\"/></output></layer>\n"
    "<layer id=\"4\" name=\"scale\" type=\"Multiply\" version=\"opset1\">"
    "<input><port id=\"0\"/><port id=\"1\"/></input><output><port id=\"2\"/></output></layer>\n"
    "<layer id=\"5\" name=\"add\" type=\"Add\" version=\"opset1\">"
    "<input><port id=\"0\"/><port id=\"1\"/></input><output><port id=\"2\"/></output></layer>\n"
    "<layer id=\"6\" name=\"out\" type=\"Result\" version=\"opset1\"><input><port id=\"0\"/></input></layer>\n"
    "</layers><edges>\n"
    "<edge from-layer=\"1\" from-port=\"0\" to-layer=\"2\" to-port=\"0\"/>\n"
    "<edge from-layer=\"2\" from-port=\"1\" to-layer=\"3\" to-port=\"0\"/>\n"
    "<edge from-layer=\"10\" from-port=\"0\" to-layer=\"3\" to-port=\"1\"/>\n"
    "<edge from-layer=\"11\" from-port=\"0\" to-layer=\"3\" to-port=\"2\"/>\n"
    "<edge from-layer=\"12\" from-port=\"0\" to-layer=\"3\" to-port=\"3\"/>\n"
    "<edge from-layer=\"13\" from-port=\"0\" to-layer=\"3\" to-port=\"4\"/>\n"
    "<edge from-layer=\"3\" from-port=\"5\" to-layer=\"4\" to-port=\"0\"/>\n"
    "<edge from-layer=\"14\" from-port=\"0\" to-layer=\"4\" to-port=\"1\"/>\n"
    "<edge from-layer=\"0\" from-port=\"0\" to-layer=\"5\" to-port=\"0\"/>\n"
    "<edge from-layer=\"4\" from-port=\"2\" to-layer=\"5\" to-port=\"1\"/>\n"
    "<edge from-layer=\"5\" from-port=\"2\" to-layer=\"6\" to-port=\"0\"/>\n"
    "</edges></net>\n", FOLD_N);
  xml_bytes = g_bytes_new (xml->str, xml->len);
  bin_bytes = g_bytes_new (bin->data, bin->len);
  model = qs_model_load_from_bytes ("fold.xml", xml_bytes, bin_bytes, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  return model;
}

static const QsNode *
fold_node (QsModel    *model,
           const char *name)
{
  for (guint i = 0; i < model->graph->n_nodes; i++)
    if (g_strcmp0 (model->graph->nodes[i]->name, name) == 0)
      return model->graph->nodes[i];
  g_assert_not_reached ();
  return NULL;
}

/* One run that keeps every output; checks the Result against x + the
 * weights (quantized if @quantized) · 0.5. */
static QsRun *
fold_run (QsExec        *exec,
          float          x0,
          const guint8  *fq_choice,
          gboolean       quantized)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsTensor) x = NULL;
  gint64 n = FOLD_N;
  QsRunSetup setup = { .keep_all = TRUE, .fq_choice = fq_choice };
  QsModel *model = qs_exec_get_model (exec);
  QsRun *run;
  const float *y;
  guint i;

  x = qs_tensor_new (QS_ELEMENT_F32, 1, &n);
  for (i = 0; i < FOLD_N; i++)
    qs_tensor_f32 (x)[i] = x0 + i;
  run = qs_run_new_full (exec, &x, &setup, &error);
  g_assert_no_error (error);
  while (!qs_run_is_done (run))
    {
      g_assert_true (qs_run_step (run, NULL, &error));
      g_assert_no_error (error);
    }
  y = qs_tensor_f32 (qs_run_get_output (run, model->graph->results[0], 0));
  for (i = 0; i < FOLD_N; i++)
    {
      float w = (float) ((int) (i % 7) - 2);
      float q = quantized ? (w < 0.5f ? 0 : w < 1.5f ? 1 : 2) : w;

      g_assert_cmpfloat (y[i], ==, x0 + i + q * 0.5f);
    }
  return run;
}

/* The third run of a plan takes the constant layers' outputs the second
 * kept (the same tensors, nothing allocated for them); the plan's inputs
 * still flow; a run that switches a FakeQuantize on weights computes its
 * own; the kept bytes stay within a quarter of the run-memory limit. */
static void
test_fold_constants (void)
{
  g_autoptr(QsModel) model = fold_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QsExec) exec = qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, &error);
  const QsNode *convert = fold_node (model, "convert"), *fq = fold_node (model, "fq");
  const QsNode *scale = fold_node (model, "scale");
  g_autofree guint8 *bypass = g_new0 (guint8, model->graph->n_nodes);
  QsRun *r1, *r2, *r3, *r4;
  guint64 bytes2, bytes3;

  g_assert_no_error (error);
  g_assert_true (qs_exec_node_is_constant (exec, scale));

  r1 = fold_run (exec, 0, NULL, TRUE);
  g_assert_cmpuint (qs_exec_get_n_folded (exec), ==, 0);

  bytes2 = qs_tensor_thread_alloc_bytes ();
  r2 = fold_run (exec, 1, NULL, TRUE);
  bytes2 = qs_tensor_thread_alloc_bytes () - bytes2;
  g_assert_cmpuint (qs_exec_get_n_folded (exec), ==, 3);
  g_assert_true (qs_run_get_output (r2, scale, 0) != qs_run_get_output (r1, scale, 0));

  bytes3 = qs_tensor_thread_alloc_bytes ();
  r3 = fold_run (exec, 2, NULL, TRUE);
  bytes3 = qs_tensor_thread_alloc_bytes () - bytes3;
  g_assert_true (qs_run_get_output (r3, convert, 0) == qs_run_get_output (r2, convert, 0));
  g_assert_true (qs_run_get_output (r3, fq, 0) == qs_run_get_output (r2, fq, 0));
  g_assert_true (qs_run_get_output (r3, scale, 0) == qs_run_get_output (r2, scale, 0));
  /* Convert, FakeQuantize and Multiply: 3 · N floats not allocated again */
  g_assert_cmpuint (bytes2 - bytes3, ==, 3 * FOLD_N * sizeof (float));

  /* a run that switches a FakeQuantize on constant data computes its own
   * (that op quantizes weights whatever the mode, so the values agree) */
  bypass[fq->index] = QS_FQ_BYPASS;
  r4 = fold_run (exec, 3, bypass, TRUE);
  g_assert_true (qs_run_get_output (r4, scale, 0) != qs_run_get_output (r2, scale, 0));
  g_assert_cmpuint (qs_exec_get_n_folded (exec), ==, 3);
  qs_run_free (r1);
  qs_run_free (r2);
  qs_run_free (r3);
  qs_run_free (r4);
  g_clear_pointer (&exec, qs_exec_free);

  /* a limit whose quarter holds two of the three outputs */
  exec = qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, &error);
  g_assert_no_error (error);
  qs_exec_set_max_memory (exec, 10 * FOLD_N * sizeof (float));
  qs_run_free (fold_run (exec, 0, NULL, TRUE));
  qs_run_free (fold_run (exec, 0, NULL, TRUE));
  g_assert_cmpuint (qs_exec_get_n_folded (exec), ==, 2);
  qs_run_free (fold_run (exec, 0, NULL, TRUE));
}

/* A fresh 32 MiB tensor is touched in 2 MiB pages where the kernel offers
 * transparent huge pages on request (qs-tensor.c): 8192 faults of 4 KiB
 * pages before, a few dozen now. */
static void
test_huge_pages (void)
{
  g_autofree char *mode = NULL;
  g_autoptr(QsTensor) t = NULL;
  gint64 n = 8 << 20;
  struct rusage before, after;
  long faults;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's allocator and shadow memory fault on their own");
  return;
#endif
  if (g_strrstr (g_getenv ("LD_PRELOAD") != NULL ? g_getenv ("LD_PRELOAD") : "", "vgpreload") != NULL)
    {
      g_test_skip ("valgrind's allocator");
      return;
    }
  if (!g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &mode, NULL, NULL) ||
      strstr (mode, "[never]") != NULL)
    {
      g_test_skip ("no transparent huge pages");
      return;
    }
  qs_tensor_tune_malloc ();
  getrusage (RUSAGE_SELF, &before);
  t = qs_tensor_new_uninit (QS_ELEMENT_F32, 1, &n);
  g_assert_nonnull (t);
  memset (t->data, 1, n * sizeof (float));
  getrusage (RUSAGE_SELF, &after);
  faults = after.ru_minflt - before.ru_minflt;
  g_test_message ("%ld minor faults for 32 MiB", faults);
  g_assert_cmpint (faults, <, 1024);
}

/* ---- every shared model, float and fake-quant, on one photo ---- */

static void
run_shared (gconstpointer data)
{
  const char *xml = data;
  const char *images = g_getenv ("QS_SHARED_IMAGES");
  g_autofree char *photo = g_build_filename (images, "basketball1.png", NULL);
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = qs_model_load (xml, QS_LOAD_FLAGS_NONE, NULL, &error);
  QsImageOptions opts;
  QsExecMode modes[] = { QS_EXEC_MODE_FLOAT, QS_EXEC_MODE_FAKE_QUANT };
  guint m, i;

  g_assert_no_error (error);
  qs_image_options_init (&opts);
  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(QsExec) exec = qs_exec_new (model, modes[m], &error);
      QsTensor **inputs = NULL, **outputs = NULL;
      g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);

      g_assert_no_error (error);
      /* image-shaped inputs get the photo, the others random values */
      for (i = 0; i < model->graph->n_parameters; i++)
        {
          const QsNode *p = model->graph->parameters[i];
          const QsShape *s = &p->outputs[0].shape;
          gboolean image = s->rank == 4 && (s->dims[1] == 3 || s->dims[1] == 1) && s->dims[2] > 8;

          g_ptr_array_add (specs, g_strdup_printf ("%s=%s", p->name, image ? photo : "random:1"));
        }
      g_ptr_array_add (specs, NULL);
      inputs = qs_inputs_from_specs (model, (const char *const *) specs->pdata, &opts, &error);
      g_assert_no_error (error);
      if (!qs_exec_run (exec, inputs, NULL, NULL, NULL, &outputs, &error))
        g_error ("%s (%s): %s", xml, qs_exec_mode_name (modes[m]), error->message);
      for (i = 0; i < model->graph->n_results; i++)
        {
          g_assert_nonnull (outputs[i]);
          qs_tensor_unref (outputs[i]);
        }
      for (i = 0; i < model->graph->n_parameters; i++)
        qs_tensor_unref (inputs[i]);
      g_free (inputs);
      g_free (outputs);
    }
}

static void
add_shared_models (void)
{
  const char *root = g_getenv ("QS_SHARED_MODELS");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint i;

  if (root == NULL || (dir = g_dir_open (root, 0, NULL)) == NULL)
    {
      g_test_message ("no shared models (QS_SHARED_MODELS); skipping them");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (i = 0; i < names->len; i++)
    {
      const char *n = *(const char **) &names->pdata[i];
      g_autofree char *sub = g_build_filename (root, n, NULL);
      g_autoptr(GDir) d = NULL;
      const char *f;

      /* the v4 legacy model has no opsets; _xml_only has no weights;
       * the tokenizer runs extension ops */
      if (n[0] == '_' || g_str_has_prefix (n, "legacy-") || strstr (n, "tokenizer") != NULL ||
          (d = g_dir_open (sub, 0, NULL)) == NULL)
        continue;
      while ((f = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (f, ".xml"))
          {
            g_autofree char *path = g_strdup_printf ("/qscope/exec/shared-model/%s", n);
            g_test_add_data_func_full (path, g_build_filename (sub, f, NULL), run_shared, g_free);
          }
    }
}

/* i32 codes to u8 and i8 wrap as a C cast does (the int8 check stores the
 * fake-quant codes so), on the fast path as on the per-element one. */
static void
test_convert_codes (void)
{
  static const gint32 v[] = { -129, -128, -1, 0, 127, 128, 255, 256, 70000, G_MININT32, G_MAXINT32 };
  gint64 n = G_N_ELEMENTS (v);
  g_autoptr(QsTensor) t = qs_tensor_new (QS_ELEMENT_I32, 1, &n);
  g_autoptr(QsTensor) u = NULL;
  g_autoptr(QsTensor) s = NULL;
  gint64 i;

  memcpy (t->data, v, sizeof v);
  u = qs_tensor_convert (t, QS_ELEMENT_U8);
  s = qs_tensor_convert (t, QS_ELEMENT_I8);
  for (i = 0; i < n; i++)
    {
      g_assert_cmpint (((guint8 *) u->data)[i], ==, (guint8) v[i]);
      g_assert_cmpint (((gint8 *) s->data)[i], ==, (gint8) v[i]);
    }
}

/* Integer and boolean tensors into every other integer type, boolean and
 * f32 (typed loops) give what the per-element qs_tensor_set_i64 (dst, i,
 * qs_tensor_get_i64 (src, i)) gives: wrapping casts, booleans as != 0,
 * i64 rounded to the nearest f32. */
static void
test_convert_integers (void)
{
  static const gint64 v[] = {
    0, 1, -1, 7, -128, 127, 128, 255, 256, -129, 32767, -32769, 70000, -70001,
    G_MININT32, G_MAXINT32, (gint64) G_MAXINT32 + 1, G_MININT64, G_MAXINT64, 16777217, -16777219,
  };
  static const QsElementType types[] = {
    QS_ELEMENT_I8, QS_ELEMENT_U8, QS_ELEMENT_BOOLEAN, QS_ELEMENT_I32, QS_ELEMENT_I64, QS_ELEMENT_F32,
  };
  gint64 n = 3 * G_N_ELEMENTS (v) + 5;
  guint a, b;
  gint64 i;

  for (a = 0; a < G_N_ELEMENTS (types) - 1; a++)
    {
      g_autoptr(QsTensor) src = qs_tensor_new (types[a], 1, &n);

      for (i = 0; i < n; i++)
        {
          /* the values, their complements (~x = -x - 1), again, then random ones */
          gint64 x = i < 3 * (gint64) G_N_ELEMENTS (v) ? v[i % G_N_ELEMENTS (v)] : (gint64) g_test_rand_int ();

          qs_tensor_set_i64 (src, i, i / G_N_ELEMENTS (v) == 1 ? ~x : x);
        }
      for (b = 0; b < G_N_ELEMENTS (types); b++)
        {
          g_autoptr(QsTensor) got = qs_tensor_convert (src, types[b]);
          g_autoptr(QsTensor) want = qs_tensor_new (types[b], 1, &n);

          if (types[b] == types[a])
            continue;
          for (i = 0; i < n; i++)
            qs_tensor_set_i64 (want, i, qs_tensor_get_i64 (src, i));
          g_assert_cmpmem (got->data, n * qs_tensor_type_size (types[b]), want->data,
                           n * qs_tensor_type_size (types[b]));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/exec/convert-codes", test_convert_codes);
  g_test_add_func ("/qscope/exec/convert-integers", test_convert_integers);
  g_test_add_func ("/qscope/exec/npy/round-trip", test_npy_round_trip);
  g_test_add_func ("/qscope/exec/npy/headers", test_npy_headers);
  g_test_add_func ("/qscope/exec/stats/error", test_stats_error);
  g_test_add_func ("/qscope/exec/stats/histogram", test_stats_histogram);
  g_test_add_func ("/qscope/exec/fake-quantize/formula", test_fake_quantize_formula);
  g_test_add_func ("/qscope/exec/modes", test_modes);
  g_test_add_func ("/qscope/exec/unsupported", test_unsupported);
  g_test_add_func ("/qscope/exec/fold-constants", test_fold_constants);
  g_test_add_func ("/qscope/exec/huge-pages", test_huge_pages);
  add_shared_models ();

  return g_test_run ();
}
