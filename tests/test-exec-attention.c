/* test-exec-attention.c — ScaledDotProductAttention-13, ReadValue-6 and Assign-6 worked by hand
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The attention tests share one small problem, E = 2, L = 2, S = 3:
 *
 *   Q = | √2  0 |    K = | 1 0 |    V = | 6 0 |
 *       |  0  0 |        | 0 1 |        | 0 6 |
 *                        | 0 0 |        | 3 3 |
 *
 * With the default scale 1/√E = 1/√2, Q·Kᵀ·scale has rows [1, 0, 0] and
 * [0, 0, 0], so the softmax weights are (e, 1, 1)/(e + 2) and (1, 1, 1)/3,
 * and the expected values below are written as those sums of V's rows.
 */
#include "config.h"

#include "qs-exec-test.h"

#define TOL 1e-5
#define E_ M_E

#define Q_ROWS() QS_F32 ("1,2,2", M_SQRT2, 0, 0, 0)
#define K_ROWS() QS_F32 ("1,3,2", 1, 0, 0, 1, 0, 0)
#define V_ROWS() QS_F32 ("1,3,2", 6, 0, 0, 6, 3, 3)

#define QS_BOOL(shape, ...) qs_test_tensor (QS_ELEMENT_BOOLEAN, shape, (const double[]) { __VA_ARGS__ })

static void
test_sdpa_plain (void)
{
  g_autoptr(GError) error = NULL;

  /* row 0: (6e + 0·1 + 3·1, 0·e + 6·1 + 3·1)/(e + 2); row 1: (6 + 0 + 3, 0 + 6 + 3)/3 */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                    Q_ROWS (), K_ROWS (), V_ROWS ()),
            "1,2,2", TOL,
            (6 * E_ + 3) / (E_ + 2), 9 / (E_ + 2),
            3, 3);
  g_assert_no_error (error);
}

static void
test_sdpa_bool_mask (void)
{
  g_autoptr(GError) error = NULL;

  /* mask row 0 = (1, 0, 1): key 1 is dropped, scores (1, 0) over keys 0 and 2:
   *   weights (e, 1)/(e + 1) -> ((6e + 3)/(e + 1), 3/(e + 1));
   * mask row 1 = (0, 1, 1): scores (0, 0) over keys 1 and 2:
   *   weights (1/2, 1/2) -> ((0 + 3)/2, (6 + 3)/2) = (1.5, 4.5) */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                    Q_ROWS (), K_ROWS (), V_ROWS (),
                    QS_BOOL ("1,2,3", 1, 0, 1, 0, 1, 1)),
            "1,2,2", TOL,
            (6 * E_ + 3) / (E_ + 1), 3 / (E_ + 1),
            1.5, 4.5);
  g_assert_no_error (error);
}

static void
test_sdpa_float_mask (void)
{
  g_autoptr(GError) error = NULL;

  /* a [1, 1, 3] mask (0, ln 2, -inf) added to both rows (L broadcasts):
   * row 0 scores (1, ln 2, -inf) -> weights (e, 2, 0)/(e + 2) -> (6e/(e + 2), 12/(e + 2));
   * row 1 scores (0, ln 2, -inf) -> weights (1, 2, 0)/3 -> (6/3, 12/3) = (2, 4) */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                    Q_ROWS (), K_ROWS (), V_ROWS (),
                    QS_F32 ("1,1,3", 0, M_LN2, -INFINITY)),
            "1,2,2", TOL,
            6 * E_ / (E_ + 2), 12 / (E_ + 2),
            2, 4);
  g_assert_no_error (error);

  /* the scalar zero the spec allows in place of a mask changes nothing */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                    Q_ROWS (), K_ROWS (), V_ROWS (), QS_F32 ("", 0)),
            "1,2,2", TOL,
            (6 * E_ + 3) / (E_ + 2), 9 / (E_ + 2),
            3, 3);
  g_assert_no_error (error);
}

static void
test_sdpa_causal (void)
{
  g_autoptr(GError) error = NULL;

  /* triu(-inf, k=1) over [2, 3]: query 0 sees key 0 only -> V row 0 = (6, 0);
   * query 1 sees keys 0 and 1 with scores (0, 0) -> ((6 + 0)/2, (0 + 6)/2) = (3, 3).
   * The all-false mask would make every row NaN were it not ignored. */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"true\"", &error,
                    Q_ROWS (), K_ROWS (), V_ROWS (),
                    QS_BOOL ("1,2,3", 0, 0, 0, 0, 0, 0)),
            "1,2,2", TOL,
            6, 0,
            3, 3);
  g_assert_no_error (error);
}

static void
test_sdpa_scale (void)
{
  g_autoptr(GError) error = NULL;

  /* scale √2 instead of 1/√2: row 0 scores √2·√2 = 2, 0, 0 -> weights (e², 1, 1)/(e² + 2)
   * -> ((6e² + 3)/(e² + 2), 9/(e² + 2)); row 1 is still uniform -> (3, 3).
   * Inputs are positional, so a scale comes with a mask: the spec's scalar zero */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                    Q_ROWS (), K_ROWS (), V_ROWS (), QS_F32 ("", 0), QS_F32 ("", M_SQRT2)),
            "1,2,2", TOL,
            (6 * E_ * E_ + 3) / (E_ * E_ + 2), 9 / (E_ * E_ + 2),
            3, 3);
  g_assert_no_error (error);
}

static void
test_sdpa_batch_broadcast (void)
{
  g_autoptr(GError) error = NULL;

  /* Q [2, 1, 2] against K, V [1, 3, 2]: batch 1 of K and V serves both queries.
   * batch 0, q = (√2, 0): scores (1, 0, 0) -> ((6e + 3)/(e + 2), 9/(e + 2));
   * batch 1, q = (0, √2): scores (0, 1, 0) -> weights (1, e, 1)/(e + 2)
   *   -> ((6 + 3)/(e + 2), (6e + 3)/(e + 2)) */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                    QS_F32 ("2,1,2", M_SQRT2, 0, 0, M_SQRT2), K_ROWS (), V_ROWS ()),
            "2,1,2", TOL,
            (6 * E_ + 3) / (E_ + 2), 9 / (E_ + 2),
            9 / (E_ + 2), (6 * E_ + 3) / (E_ + 2));
  g_assert_no_error (error);

  /* two batch dims, K and V [1, 1, 3, 2], a mask [2, 1, 1, 3] that varies by the first:
   * batch (0, 0) drops key 1 -> row (√2, 0) as in the bool-mask test: ((6e + 3)/(e + 1), 3/(e + 1));
   * batch (1, 0) keeps all -> ((6e + 3)/(e + 2), 9/(e + 2)) */
  QS_CHECK (QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                    QS_F32 ("1,1,1,2", M_SQRT2, 0),
                    QS_F32 ("1,1,3,2", 1, 0, 0, 1, 0, 0),
                    QS_F32 ("1,1,3,2", 6, 0, 0, 6, 3, 3),
                    QS_BOOL ("2,1,1,3", 1, 0, 1, 1, 1, 1)),
            "2,1,1,2", TOL,
            (6 * E_ + 3) / (E_ + 1), 3 / (E_ + 1),
            (6 * E_ + 3) / (E_ + 2), 9 / (E_ + 2));
  g_assert_no_error (error);
}

static void
test_sdpa_masked_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsTensor) out = NULL;

  /* row 0 may attend to nothing: the spec's Softmax over (-inf, -inf, -inf)
   * is exp(-inf - -inf) = NaN; row 1 keeps all keys -> (3, 3) */
  out = QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                Q_ROWS (), K_ROWS (), V_ROWS (),
                QS_BOOL ("1,2,3", 0, 0, 0, 1, 1, 1));
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_true (isnan (qs_tensor_f32 (out)[0]) && isnan (qs_tensor_f32 (out)[1]));
  g_assert_cmpfloat_with_epsilon (qs_tensor_f32 (out)[2], 3, TOL);
  g_assert_cmpfloat_with_epsilon (qs_tensor_f32 (out)[3], 3, TOL);
}

static void
test_sdpa_bad_shapes (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *out;

  /* key embedding 3 against query embedding 2 */
  out = QS_RUN ("ScaledDotProductAttention", "opset13", "causal=\"false\"", &error,
                Q_ROWS (), QS_F32 ("1,1,3", 1, 2, 3), QS_F32 ("1,1,2", 1, 2));
  g_assert_null (out);
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "embeddings differ"));
}

/* ---- ReadValue / Assign ---- */

static void
test_read_value_init (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *out;

  /* a fresh run reads the initial value, which variable_shape "?,2" admits */
  QS_CHECK (QS_RUN ("ReadValue", "opset6", "variable_id=\"v\" variable_type=\"f32\" variable_shape=\"?,2\"", &error,
                    QS_F32 ("1,2", 5, 7)),
            "1,2", 0, 5, 7);
  g_assert_no_error (error);

  /* an i64 variable cannot start from f32 values */
  out = QS_RUN ("ReadValue", "opset6", "variable_id=\"v\" variable_type=\"i64\" variable_shape=\"1,2\"", &error,
                QS_F32 ("1,2", 5, 7));
  g_assert_null (out);
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID);
  g_clear_error (&error);

  /* nor from a shape the variable does not admit */
  out = QS_RUN ("ReadValue", "opset6", "variable_id=\"v\" variable_type=\"f32\" variable_shape=\"?,3\"", &error,
                QS_F32 ("1,2", 5, 7));
  g_assert_null (out);
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID);
}

static QsTensor *
run_no_input (const char  *attrs,
              GError     **error)
{
  QsTensor **outs = qs_test_run_op_full ("ReadValue", "opset6", attrs, NULL, 0, 0, 1,
                                         QS_EXEC_MODE_FLOAT, error);
  QsTensor *t = outs != NULL ? outs[0] : NULL;

  g_free (outs);
  return t;
}

static void
test_read_value_zeros (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsTensor) empty = NULL;
  g_autoptr(QsTensor) ints = NULL;

  /* no input: zeros of variable_shape and variable_type */
  QS_CHECK (run_no_input ("variable_id=\"v\" variable_type=\"f32\" variable_shape=\"2,3\"", &error),
            "2,3", 0, 0, 0, 0, 0, 0, 0);
  g_assert_no_error (error);

  ints = run_no_input ("variable_id=\"v\" variable_type=\"i64\" variable_shape=\"2\"", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ints->type, ==, QS_ELEMENT_I64);
  g_assert_cmpint (qs_tensor_get_i64 (ints, 0), ==, 0);
  g_assert_cmpint (qs_tensor_get_i64 (ints, 1), ==, 0);

  /* a dynamic dimension starts empty, as an LLM's KV cache does */
  empty = run_no_input ("variable_id=\"v\" variable_type=\"f32\" variable_shape=\"?,4,?,64\"", &error);
  g_assert_no_error (error);
  g_assert_cmpint (empty->rank, ==, 4);
  g_assert_cmpint (empty->dims[1], ==, 4);
  g_assert_cmpint (empty->dims[3], ==, 64);
  g_assert_cmpuint (empty->n_elements, ==, 0);

  /* without a shape there is nothing to make zeros of */
  g_assert_null (run_no_input ("variable_id=\"v\" variable_type=\"f32\"", &error));
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID);
}

static void
test_assign_result (void)
{
  g_autoptr(GError) error = NULL;

  /* Assign's output is its input */
  QS_CHECK (QS_RUN ("Assign", "opset6", "variable_id=\"v\"", &error, QS_F32 ("3", 1, 2, 3)),
            "3", 0, 1, 2, 3);
  g_assert_no_error (error);
}

/* Const [1, 2] -> ReadValue(v) -> Add [10, 20] -> Assign(v), a sink, and the
 * sum -> Result.  Two runs of one plan both give [11, 22]: each run starts
 * from the initial value, not from what the previous run assigned. */
static void
test_stateful_chain (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n<net name=\"s\" version=\"11\"><layers>\n"
    "<layer id=\"0\" name=\"init\" type=\"Const\" version=\"opset1\">"
    "<data offset=\"0\" size=\"8\" shape=\"2\" element_type=\"f32\"/><output><port id=\"0\"><dim>2</dim></port></output></layer>\n"
    "<layer id=\"1\" name=\"read\" type=\"ReadValue\" version=\"opset6\">"
    "<data variable_id=\"v\" variable_type=\"f32\" variable_shape=\"?\"/>"
    "<input><port id=\"0\"><dim>2</dim></port></input><output><port id=\"1\"><dim>2</dim></port></output></layer>\n"
    "<layer id=\"2\" name=\"step\" type=\"Const\" version=\"opset1\">"
    "<data offset=\"8\" size=\"8\" shape=\"2\" element_type=\"f32\"/><output><port id=\"0\"><dim>2</dim></port></output></layer>\n"
    "<layer id=\"3\" name=\"add\" type=\"Add\" version=\"opset1\">"
    "<input><port id=\"0\"><dim>2</dim></port><port id=\"1\"><dim>2</dim></port></input>"
    "<output><port id=\"2\"><dim>2</dim></port></output></layer>\n"
    "<layer id=\"4\" name=\"assign\" type=\"Assign\" version=\"opset6\"><data variable_id=\"v\"/>"
    "<input><port id=\"0\"><dim>2</dim></port></input><output><port id=\"1\"><dim>2</dim></port></output></layer>\n"
    "<layer id=\"5\" name=\"out\" type=\"Result\" version=\"opset1\"><input><port id=\"0\"><dim>2</dim></port></input></layer>\n"
    "</layers><edges>\n"
    "<edge from-layer=\"0\" from-port=\"0\" to-layer=\"1\" to-port=\"0\"/>\n"
    "<edge from-layer=\"1\" from-port=\"1\" to-layer=\"3\" to-port=\"0\"/>\n"
    "<edge from-layer=\"2\" from-port=\"0\" to-layer=\"3\" to-port=\"1\"/>\n"
    "<edge from-layer=\"3\" from-port=\"2\" to-layer=\"4\" to-port=\"0\"/>\n"
    "<edge from-layer=\"3\" from-port=\"2\" to-layer=\"5\" to-port=\"0\"/>\n"
    "</edges></net>\n";
  static const float bin[] = { 1, 2, 10, 20 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml_bytes = g_bytes_new_static (xml, sizeof xml - 1);
  g_autoptr(GBytes) bin_bytes = g_bytes_new_static (bin, sizeof bin);
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  int r;

  model = qs_model_load_from_bytes ("stateful.xml", xml_bytes, bin_bytes, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);

  for (r = 0; r < 2; r++)
    {
      QsTensor **outputs = NULL;

      g_assert_true (qs_exec_run (exec, NULL, NULL, NULL, NULL, &outputs, &error));
      g_assert_no_error (error);
      QS_CHECK (outputs[0], "2", 0, 11, 22);
      g_free (outputs);
    }
}

static void
test_read_value_needs_id (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (run_no_input ("variable_type=\"f32\" variable_shape=\"2\"", &error));
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "variable_id"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/exec/attention/sdpa/plain", test_sdpa_plain);
  g_test_add_func ("/qscope/exec/attention/sdpa/bool-mask", test_sdpa_bool_mask);
  g_test_add_func ("/qscope/exec/attention/sdpa/float-mask", test_sdpa_float_mask);
  g_test_add_func ("/qscope/exec/attention/sdpa/causal", test_sdpa_causal);
  g_test_add_func ("/qscope/exec/attention/sdpa/scale", test_sdpa_scale);
  g_test_add_func ("/qscope/exec/attention/sdpa/batch-broadcast", test_sdpa_batch_broadcast);
  g_test_add_func ("/qscope/exec/attention/sdpa/masked-row", test_sdpa_masked_row);
  g_test_add_func ("/qscope/exec/attention/sdpa/bad-shapes", test_sdpa_bad_shapes);
  g_test_add_func ("/qscope/exec/attention/read-value/init", test_read_value_init);
  g_test_add_func ("/qscope/exec/attention/read-value/zeros", test_read_value_zeros);
  g_test_add_func ("/qscope/exec/attention/read-value/needs-id", test_read_value_needs_id);
  g_test_add_func ("/qscope/exec/attention/assign/result", test_assign_result);
  g_test_add_func ("/qscope/exec/attention/stateful-chain", test_stateful_chain);

  return g_test_run ();
}
