/* test-exec-hostile.c — hostile models meet the executor's limits
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Models whose shapes are computed at run time (Broadcast, Tile, Range,
 * Reshape, Pad, Interpolate, a ShapeOf -> Multiply chain, a Const holding
 * 2^40) must fail with one clear line and leave the process alive; the
 * run-memory budget refuses what is over the limit, naming the layer.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "qs-exec-test.h"

#define BIG ((double) ((gint64) 1 << 40))

/* Runs one op on Const inputs, which it consumes; asserts it fails with a
 * one-line message holding @expect. */
static void
expect_failure (const char *type,
                const char *version,
                const char *attrs,
                const char *expect,
                guint       n_in,
                QsTensor  **inputs)
{
  g_autoptr(GError) error = NULL;
  QsTensor *out = qs_test_run_op_n (type, version, attrs, &error, n_in, inputs);

  if (out != NULL)
    g_error ("%s: ran, expected “%s”", type, expect);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  if (strstr (error->message, expect) == NULL)
    g_error ("%s: “%s” lacks “%s”", type, error->message, expect);
  /* every run-time error names the layer */
  g_assert_nonnull (strstr (error->message, "op.xml:"));
  g_assert_nonnull (strstr (error->message, "“op”"));
}

/* Several outputs, every input a Const; consumes @inputs, which the callers
 * build in place and hold no other reference to. */
static QsTensor **
run_outputs (const char  *type,
             const char  *version,
             const char  *attrs,
             QsTensor   **inputs,
             guint        n_in,
             guint        n_out,
             GError     **error)
{
  QsTensor **outs = qs_test_run_op_full (type, version, attrs, inputs, n_in, 0, n_out, QS_EXEC_MODE_FLOAT, error);
  guint i;

  for (i = 0; i < n_in; i++)
    g_clear_pointer (&inputs[i], qs_tensor_unref);
  return outs;
}

#define EXPECT_FAIL(type, version, attrs, expect, ...) \
  expect_failure (type, version, attrs, expect, \
                  sizeof ((QsTensor *[]) { __VA_ARGS__ }) / sizeof (QsTensor *), \
                  (QsTensor *[]) { __VA_ARGS__ })

static void
test_broadcast (void)
{
  EXPECT_FAIL ("Broadcast", "opset3", "mode=\"numpy\"", "a tensor may have at most 2147483647",
               QS_F32 ("1", 1), QS_I64 ("3", 65536, 65536, 16));
  EXPECT_FAIL ("Broadcast", "opset3", "mode=\"numpy\"", "its size overflows",
               QS_F32 ("1", 1), QS_I64 ("3", BIG, BIG, BIG));
  EXPECT_FAIL ("Broadcast", "opset3", "mode=\"bidirectional\"", "negative target dimension -5",
               QS_F32 ("2", 1, 2), QS_I64 ("3", 1, -5, 2));
  EXPECT_FAIL ("Broadcast", "opset3", "mode=\"explicit\"", "does not broadcast to the target",
               QS_F32 ("2", 1, 2), QS_I64 ("2", 3, 7), QS_I64 ("1", 1));
  EXPECT_FAIL ("Broadcast", "opset3", "mode=\"explicit\"", "out of range or order",
               QS_F32 ("1,2", 1, 2), QS_I64 ("2", 2, 2), QS_I64 ("2", 1, 1));
}

static void
test_tile (void)
{
  EXPECT_FAIL ("Tile", "opset1", "", "repeats of 2 overflow",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 4, 4611686018427387904.0));
  EXPECT_FAIL ("Tile", "opset1", "", "its size overflows",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", BIG, BIG));
  /* a negative repeat is an empty axis (tile_1d_to_1d_with_negative_repeats in test-exec-ops-ref2) */
}

static void
test_range (void)
{
  EXPECT_FAIL ("Range", "opset4", "output_type=\"f32\"", "would have 1e+30 elements",
               QS_F32 ("", 0), QS_F32 ("", 1e30), QS_F32 ("", 1));
  EXPECT_FAIL ("Range", "opset4", "output_type=\"i64\"", "has 1099511627776 elements",
               QS_I64 ("", 0), QS_I64 ("", BIG), QS_I64 ("", 1));
  EXPECT_FAIL ("Range", "opset4", "output_type=\"f32\"", "must be finite",
               QS_F32 ("", 0), QS_F32 ("", INFINITY), QS_F32 ("", 1));
}

static void
test_reshape (void)
{
  EXPECT_FAIL ("Reshape", "opset1", "special_zero=\"false\"", "more than one -1",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", -1, -1));
  EXPECT_FAIL ("Reshape", "opset1", "special_zero=\"false\"", "negative target dimension -2",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", -2, 2));
  EXPECT_FAIL ("Reshape", "opset1", "special_zero=\"false\"", "its size overflows",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("3", BIG, BIG, BIG));
  EXPECT_FAIL ("Reshape", "opset1", "special_zero=\"true\"", "special_zero copies dim 2",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("3", 1, 4, 0));
  /* -1 beside a 0 it cannot divide by */
  EXPECT_FAIL ("Reshape", "opset1", "special_zero=\"false\"", "cannot infer the -1 dimension",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 0, -1));
}

static void
test_concat (void)
{
  EXPECT_FAIL ("Concat", "opset1", "axis=\"0\"", "input 1 differs from input 0 in dimension 1",
               QS_F32 ("1,2", 1, 2), QS_F32 ("1,3", 1, 2, 3));
  EXPECT_FAIL ("Concat", "opset1", "axis=\"5\"", "axis 5 is out of range",
               QS_F32 ("1,2", 1, 2), QS_F32 ("1,2", 1, 2));
}

static void
test_interpolate (void)
{
  EXPECT_FAIL ("Interpolate", "opset11", "mode=\"nearest\" shape_calculation_mode=\"scales\"", "gives no usable size",
               QS_F32 ("1,1,2,2", 1, 2, 3, 4), QS_F32 ("2", 1e38, 1e38), QS_I64 ("2", 2, 3));
  EXPECT_FAIL ("Interpolate", "opset11", "mode=\"nearest\" shape_calculation_mode=\"sizes\"", "a tensor may have at most",
               QS_F32 ("1,1,2,2", 1, 2, 3, 4), QS_I64 ("2", 4, BIG), QS_I64 ("2", 2, 3));
  EXPECT_FAIL ("Interpolate", "opset11", "mode=\"nearest\" shape_calculation_mode=\"sizes\"", "output size -3",
               QS_F32 ("1,1,2,2", 1, 2, 3, 4), QS_I64 ("2", 4, -3), QS_I64 ("2", 2, 3));
  EXPECT_FAIL ("Interpolate", "opset11", "mode=\"nearest\" shape_calculation_mode=\"sizes\"", "axes is too many",
               QS_F32 ("1,1,2,2", 1, 2, 3, 4), QS_I64 ("2", 4, 4), QS_I64 ("9", 0, 1, 2, 3, 0, 1, 2, 3, 0));
}

static void
test_pad (void)
{
  EXPECT_FAIL ("Pad", "opset12", "pad_mode=\"constant\"", "pads on axis 1 are too large",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 0, 4611686018427387904.0), QS_I64 ("2", 0, 4611686018427387904.0));
  EXPECT_FAIL ("Pad", "opset12", "pad_mode=\"constant\"", "a tensor may have at most",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 0, BIG), QS_I64 ("2", 0, 0));
  EXPECT_FAIL ("Pad", "opset1", "pad_mode=\"reflect\"", "longer than reflect mode allows",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 0, 5), QS_I64 ("2", 0, 0));
}

static void
test_slicing (void)
{
  EXPECT_FAIL ("StridedSlice", "opset1", "begin_mask=\"0\" end_mask=\"0\" new_axis_mask=\"1,1,1,1,1,1,1,1,1\"", "rank too large",
               QS_F32 ("2", 1, 2), QS_I64 ("9", 0, 0, 0, 0, 0, 0, 0, 0, 0), QS_I64 ("9", 1, 1, 1, 1, 1, 1, 1, 1, 1));
  EXPECT_FAIL ("StridedSlice", "opset1", "begin_mask=\"0\" end_mask=\"0\"", "stride 0",
               QS_F32 ("2", 1, 2), QS_I64 ("1", 0), QS_I64 ("1", 2), QS_I64 ("1", 0));
  /* a huge stride takes one element, without overflowing the walk */
  {
    g_autoptr(GError) error = NULL;
    QsTensor *out = QS_RUN ("StridedSlice", "opset1", "begin_mask=\"0\" end_mask=\"0\"", &error,
                            QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("2", 0, 1), QS_I64 ("2", 2, 3),
                            QS_I64 ("2", 4611686018427387904.0, 4611686018427387904.0));
    g_assert_no_error (error);
    QS_CHECK (out, "1,1", 0, 2);
  }
  EXPECT_FAIL ("Gather", "opset7", "batch_dims=\"0\"", "is out of range",
               QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("1", BIG), QS_I64 ("", 0));
  EXPECT_FAIL ("Gather", "opset8", "batch_dims=\"0\"", "rank too large",
               QS_F32 ("1,1,1,1,1", 1), QS_I64 ("1,1,1,1,1,1,1", 0), QS_I64 ("", 4));
  {
    /* v8: an index out of range gives zeros */
    g_autoptr(GError) error = NULL;
    QsTensor *out = QS_RUN ("Gather", "opset8", "batch_dims=\"0\"", &error,
                            QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", BIG, -BIG), QS_I64 ("", 0));
    g_assert_no_error (error);
    QS_CHECK (out, "2,2", 0, 0, 0, 0, 0);
  }
}

static void
test_split_topk_nms (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor **outs;

  outs = run_outputs ("VariadicSplit", "opset1", "",
                      (QsTensor *[]) { QS_F32 ("4", 1, 2, 3, 4), QS_I64 ("", 0), QS_I64 ("2", -1, 5) },
                      3, 2, &error);
  g_assert_null (outs);
  g_assert_nonnull (strstr (error->message, "split length 5 is out of range"));
  g_clear_error (&error);
  outs = run_outputs ("VariadicSplit", "opset1", "",
                      (QsTensor *[]) { QS_F32 ("4", 1, 2, 3, 4), QS_I64 ("", 0), QS_I64 ("2", 6, -2) },
                      3, 2, &error);
  g_assert_null (outs);
  g_assert_nonnull (strstr (error->message, "is out of range"));
  g_clear_error (&error);

  EXPECT_FAIL ("TopK", "opset11", "axis=\"0\" mode=\"max\" sort=\"value\"", "k must not be negative",
               QS_F32 ("3", 1, 3, 2), QS_I64 ("", -1));
  /* k past the axis is clamped */
  outs = run_outputs ("TopK", "opset11", "axis=\"0\" mode=\"max\" sort=\"value\"",
                      (QsTensor *[]) { QS_F32 ("3", 1, 3, 2), QS_I64 ("", BIG) },
                      2, 2, &error);
  g_assert_no_error (error);
  QS_CHECK (outs[0], "3", 0, 3, 2, 1);
  qs_tensor_unref (outs[1]);
  g_free (outs);

  /* NMS: max_output_boxes_per_class 2^40 is clamped to the boxes */
  outs = run_outputs ("NonMaxSuppression", "opset5", "",
                      (QsTensor *[]) { QS_F32 ("1,2,4", 0, 0, 1, 1, 0, 2, 1, 3), QS_F32 ("1,1,2", 0.9, 0.8),
                                       QS_I64 ("", BIG), QS_F32 ("", 0.5), QS_F32 ("", 0) },
                      5, 3, &error);
  g_assert_no_error (error);
  QS_CHECK (outs[0], "2,3", 0, 0, 0, 0, 0, 0, 1);
  qs_tensor_unref (outs[1]);
  qs_tensor_unref (outs[2]);
  g_free (outs);
}

static void
test_windows (void)
{
  EXPECT_FAIL ("Convolution", "opset1",
               "strides=\"1,1\" dilations=\"1,1\" pads_begin=\"0,1099511627776\" pads_end=\"0,0\" auto_pad=\"explicit\"",
               "out of range", QS_F32 ("1,1,2,2", 1, 2, 3, 4), QS_F32 ("1,1,1,1", 2));
  EXPECT_FAIL ("MaxPool", "opset1", "kernel=\"1099511627776,1\" strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\"",
               "out of range", QS_F32 ("1,1,2,2", 1, 2, 3, 4));
  EXPECT_FAIL ("DepthToSpace", "opset1", "mode=\"blocks_first\" block_size=\"4294967296\"", "is too large",
               QS_F32 ("1,4,1,1", 1, 2, 3, 4));
  EXPECT_FAIL ("PriorBoxClustered", "opset1", "width=\"1\" height=\"1\" variance=\"0.1\"", "grid of priors is out of range",
               QS_I64 ("2", 1 << 30, 1 << 30), QS_I64 ("2", 300, 300));
  /* found by fuzz-exec: two variances were read as four */
  EXPECT_FAIL ("PriorBoxClustered", "opset1", "width=\"1\" height=\"1\" variance=\"0,1\"", "variance has 2 values",
               QS_I64 ("2", 2, 2), QS_I64 ("2", 300, 300));
  EXPECT_FAIL ("PriorBox", "opset1", "min_size=\"2\" variance=\"0.1,0.1,0.2\"", "variance has 3 values",
               QS_I64 ("2", 2, 2), QS_I64 ("2", 300, 300));
  EXPECT_FAIL ("PriorBoxClustered", "opset1", "width=\"1\" height=\"1\"", "need two values",
               QS_I64 ("1", 2), QS_I64 ("2", 300, 300));
  EXPECT_FAIL ("PriorBox", "opset1", "min_size=\"2\"", "need two values",
               QS_I64 ("2", 2, 2), QS_I64 ("1", 300));
  EXPECT_FAIL ("FakeQuantize", "opset1", "levels=\"1099511627776\"", "levels must be 2 to",
               QS_F32 ("2", 1, 2), QS_F32 ("", 0), QS_F32 ("", 1), QS_F32 ("", 0), QS_F32 ("", 1));
}

/* ShapeOf -> Multiply by a Const of 2^40 -> Broadcast: the target shape is
 * computed at run time. */
static const char chain_xml[] =
  "<?xml version=\"1.0\"?>\n<net name=\"chain\" version=\"11\"><layers>"
  "<layer id=\"1\" name=\"c\" type=\"Const\" version=\"opset1\"><data element_type=\"f32\" shape=\"1\" offset=\"0\" size=\"4\"/>"
  "<output><port id=\"0\"><dim>1</dim></port></output></layer>\n"
  "<layer id=\"2\" name=\"shape\" type=\"ShapeOf\" version=\"opset3\"><data output_type=\"i64\"/>"
  "<input><port id=\"0\"><dim>1</dim></port></input><output><port id=\"1\"><dim>1</dim></port></output></layer>\n"
  "<layer id=\"3\" name=\"big\" type=\"Const\" version=\"opset1\"><data element_type=\"i64\" shape=\"\" offset=\"4\" size=\"8\"/>"
  "<output><port id=\"0\"/></output></layer>\n"
  "<layer id=\"4\" name=\"mul\" type=\"Multiply\" version=\"opset1\"><input><port id=\"0\"><dim>1</dim></port><port id=\"1\"/></input>"
  "<output><port id=\"2\"><dim>1</dim></port></output></layer>\n"
  "<layer id=\"5\" name=\"bc\" type=\"Broadcast\" version=\"opset3\"><data mode=\"bidirectional\"/>"
  "<input><port id=\"0\"><dim>1</dim></port><port id=\"1\"><dim>1</dim></port></input>"
  "<output><port id=\"2\"/></output></layer>\n"
  "<layer id=\"6\" name=\"r\" type=\"Result\" version=\"opset1\"><input><port id=\"0\"/></input></layer>\n"
  "</layers><edges>"
  "<edge from-layer=\"1\" from-port=\"0\" to-layer=\"2\" to-port=\"0\"/>"
  "<edge from-layer=\"2\" from-port=\"1\" to-layer=\"4\" to-port=\"0\"/>"
  "<edge from-layer=\"3\" from-port=\"0\" to-layer=\"4\" to-port=\"1\"/>"
  "<edge from-layer=\"1\" from-port=\"0\" to-layer=\"5\" to-port=\"0\"/>"
  "<edge from-layer=\"4\" from-port=\"2\" to-layer=\"5\" to-port=\"1\"/>"
  "<edge from-layer=\"5\" from-port=\"2\" to-layer=\"6\" to-port=\"0\"/>"
  "</edges></net>\n";

static void
test_shape_chain (void)
{
  const float value = 1;
  const gint64 big = (gint64) 1 << 40;
  guint8 bin[12];
  g_autoptr(GBytes) xml = g_bytes_new_static (chain_xml, sizeof chain_xml - 1);
  g_autoptr(GBytes) weights = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (bin, &value, 4);
  memcpy (bin + 4, &big, 8);
  weights = g_bytes_new (bin, sizeof bin);
  model = qs_model_load_from_bytes ("chain.xml", xml, weights, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  g_assert_false (qs_exec_run (exec, NULL, NULL, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, "chain.xml:"));
  g_assert_nonnull (strstr (error->message, "layer 5 “bc” (Broadcast): the output [1099511627776] has 1099511627776 elements; "
                                            "a tensor may have at most 2147483647"));
  /* nothing is left charged once the run is gone */
  g_assert_cmpuint (qs_exec_get_peak_memory (exec), <=, qs_exec_get_max_memory (exec));
}

/* A run whose limit is tiny fails at the first layer over it, naming it. */
static void
test_tiny_limit (void)
{
  guint64 saved = qs_exec_get_default_max_memory ();
  g_autoptr(GError) error = NULL;
  QsTensor *out;

  qs_exec_set_default_max_memory (1024);
  out = QS_RUN ("Tile", "opset1", "", &error, QS_F32 ("1,2,2", 1, 2, 3, 4), QS_I64 ("3", 16, 16, 16));
  qs_exec_set_default_max_memory (saved);
  g_assert_null (out);
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "op.xml:"));
  g_assert_nonnull (strstr (error->message, "layer 100 “op” (Tile): the output [16,32,32] needs 64.0 KiB; "
                                            "the run's limit is 1.0 KiB (--max-memory)"));

  /* the same op runs under the default limit */
  g_clear_error (&error);
  out = QS_RUN ("Tile", "opset1", "", &error, QS_F32 ("1,2,2", 1, 2, 3, 4), QS_I64 ("3", 16, 16, 16));
  g_assert_no_error (error);
  g_assert_cmpuint (out->n_elements, ==, 16 * 32 * 32);
  qs_tensor_unref (out);
}

static void
test_budget (void)
{
  g_autoptr(QsBudget) budget = qs_budget_new (100, 32);
  QsBudget *previous = qs_budget_push (budget);
  gint64 ten = 10, twenty = 20, many = 33;
  QsTensor *a, *b;
  gpointer scratch;

  a = qs_tensor_new_f32 (1, &ten);
  g_assert_null (qs_tensor_new_f32 (1, &many));
  g_assert_true (qs_tensor_alloc_error_is_limit ());
  {
    g_autofree char *why = qs_tensor_alloc_error ("the output");
    g_assert_cmpstr (why, ==, "the output [33] has 33 elements; a tensor may have at most 32");
  }
  g_assert_nonnull (a);
  g_assert_cmpuint (qs_budget_get_used (budget), ==, 40);
  b = qs_tensor_new_f32 (1, &twenty);
  g_assert_null (b);
  {
    g_autofree char *why = qs_tensor_alloc_error ("the output");
    g_assert_cmpstr (why, ==, "the output [20] needs 80 bytes; the run's limit is 100 bytes (--max-memory) "
                              "and 40 bytes of it is in use");
  }
  scratch = qs_budget_alloc_scratch (1, 8);
  g_assert_nonnull (scratch);
  g_assert_cmpuint (qs_budget_get_used (budget), >, 40);
  qs_budget_free_scratch (scratch);
  g_assert_null (qs_budget_alloc_scratch (G_MAXSIZE / 2, 4));
  g_assert_cmpuint (qs_budget_get_used (budget), ==, 40);
  qs_budget_pop (previous);
  /* freed outside the push: still released from its budget */
  qs_tensor_unref (a);
  g_assert_cmpuint (qs_budget_get_used (budget), ==, 0);
  g_assert_cmpuint (qs_budget_get_peak (budget), <=, 100);
  {
    gint64 neg[2] = { 2, -1 };
    g_assert_null (qs_tensor_new_f32 (2, neg));
    g_assert_false (qs_tensor_alloc_error_is_limit ());
  }
}

static void
test_parse_size (void)
{
  guint64 v;
  g_autoptr(GError) error = NULL;

  g_assert_true (qs_exec_parse_memory_size ("1M", &v, NULL));
  g_assert_cmpuint (v, ==, 1 << 20);
  g_assert_true (qs_exec_parse_memory_size ("1.5GiB", &v, NULL));
  g_assert_cmpuint (v, ==, 3ull << 29);
  g_assert_true (qs_exec_parse_memory_size ("4096", &v, NULL));
  g_assert_cmpuint (v, ==, 4096);
  g_assert_true (qs_exec_parse_memory_size ("unlimited", &v, NULL));
  g_assert_cmpuint (v, ==, G_MAXUINT64);
  g_assert_false (qs_exec_parse_memory_size ("12X", &v, &error));
  g_assert_nonnull (strstr (error->message, "is not a memory size"));
  g_assert_false (qs_exec_parse_memory_size ("0", &v, NULL));
  g_assert_false (qs_exec_parse_memory_size ("-1G", &v, NULL));
  g_assert_false (qs_exec_parse_memory_size ("", &v, NULL));
  /* the default is positive whatever the machine */
  g_assert_cmpuint (qs_exec_get_default_max_memory (), >, 0);
}

/* The CLI: one line, exit 2, no output file. */
static void
test_cli_max_memory (void)
{
  const char *cli = g_getenv ("QS_CLI"), *sample = g_getenv ("QS_SAMPLE_MODEL");
  g_autofree char *dir = NULL, *out = NULL, *err = NULL, *help = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (cli == NULL || sample == NULL || !g_file_test (sample, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("QS_CLI or QS_SAMPLE_MODEL is not set");
      return;
    }
  dir = g_dir_make_tmp ("qs-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (dir, "dump.csv", NULL);
  {
    const char *argv[] = { cli, "dump", "--max-memory", "1M", "-i", "data=random", "-o", out, sample, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_true (g_str_has_prefix (err, "qscope-cli: "));
  g_assert_nonnull (strstr (err, "(--max-memory)"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  {
    const char *argv[] = { cli, "dump", "--help", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &help, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (strstr (help, "--max-memory=SIZE"));
  g_assert_nonnull (strstr (help, "half the physical memory"));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/exec-hostile/budget", test_budget);
  g_test_add_func ("/qscope/exec-hostile/parse-size", test_parse_size);
  g_test_add_func ("/qscope/exec-hostile/broadcast", test_broadcast);
  g_test_add_func ("/qscope/exec-hostile/tile", test_tile);
  g_test_add_func ("/qscope/exec-hostile/range", test_range);
  g_test_add_func ("/qscope/exec-hostile/reshape", test_reshape);
  g_test_add_func ("/qscope/exec-hostile/concat", test_concat);
  g_test_add_func ("/qscope/exec-hostile/interpolate", test_interpolate);
  g_test_add_func ("/qscope/exec-hostile/pad", test_pad);
  g_test_add_func ("/qscope/exec-hostile/slicing", test_slicing);
  g_test_add_func ("/qscope/exec-hostile/split-topk-nms", test_split_topk_nms);
  g_test_add_func ("/qscope/exec-hostile/windows", test_windows);
  g_test_add_func ("/qscope/exec-hostile/shape-chain", test_shape_chain);
  g_test_add_func ("/qscope/exec-hostile/tiny-limit", test_tiny_limit);
  g_test_add_func ("/qscope/exec-hostile/cli-max-memory", test_cli_max_memory);
  return g_test_run ();
}
