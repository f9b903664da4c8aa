/* test-exec-ops.c — each op of the fp32 executor on small values worked out by hand
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "qs-exec-test.h"

#define TOL 1e-5

/* ---- Convolution ---- */

static void
test_conv_pads_strides (void)
{
  g_autoptr(GError) error = NULL;
  /* 1x1x3x3 input 1..9, 2x2 kernel of ones, pads 1, stride 2:
   * padded windows at (-1,-1): 1; (-1,1): 2+3; (1,-1): 4+7; (1,1): 5+6+8+9 */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"2,2\" pads_begin=\"1,1\" pads_end=\"1,1\" dilations=\"1,1\"", &error,
                    QS_F32 ("1,1,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9),
                    QS_F32 ("1,1,2,2", 1, 1, 1, 1)),
            "1,1,2,2", TOL, 1, 5, 11, 28);
  g_assert_no_error (error);
}

static void
test_conv_dilation (void)
{
  g_autoptr(GError) error = NULL;
  /* dilation 2: taps at x[0] and x[2] of each 3-wide window: 1*1+3*10 ... */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"2\"", &error,
                    QS_F32 ("1,1,5", 1, 2, 3, 4, 5),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,3", TOL, 31, 42, 53);
  g_assert_no_error (error);
}

static void
test_conv_auto_pad (void)
{
  g_autoptr(GError) error = NULL;
  /* n=4, k=2, s=1: total pad 1; same_upper puts it at the end, same_lower at the start */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1\" pads_begin=\"5\" pads_end=\"5\" dilations=\"1\" auto_pad=\"same_upper\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,4", TOL, 21, 32, 43, 4);
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1\" pads_begin=\"5\" pads_end=\"5\" dilations=\"1\" auto_pad=\"same_lower\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,4", TOL, 10, 21, 32, 43);
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"2\" pads_begin=\"5\" pads_end=\"5\" dilations=\"1\" auto_pad=\"valid\"", &error,
                    QS_F32 ("1,1,5", 1, 2, 3, 4, 5),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,2", TOL, 21, 43);
  g_assert_no_error (error);
}

static void
test_conv_channels (void)
{
  g_autoptr(GError) error = NULL;
  /* 2 in channels, 2 out channels, 1x1 kernel: a channel mix */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\" dilations=\"1,1\"", &error,
                    QS_F32 ("1,2,1,2", 1, 2, 3, 4),
                    QS_F32 ("2,2,1,1", 1, 1, 1, -1)),
            "1,2,1,2", TOL, 4, 6, -2, -2);
  g_assert_no_error (error);
}

static void
test_group_conv (void)
{
  g_autoptr(GError) error = NULL;
  /* 2 groups, each 1 in -> 2 out, kernel 1x2 */
  QS_CHECK (QS_RUN ("GroupConvolution", "opset1",
                    "strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\" dilations=\"1,1\"", &error,
                    QS_F32 ("1,2,1,3", 1, 2, 3, 10, 20, 30),
                    QS_F32 ("2,2,1,1,2", 1, 0, 0, 1, 1, 1, 1, -1)),
            "1,4,1,2", TOL, 1, 2, 2, 3, 30, 50, -10, -10);
  g_assert_no_error (error);
}

/* ---- MatMul ---- */

static void
test_matmul_transpose (void)
{
  g_autoptr(GError) error = NULL;
  /* A [2,3], B [3,2] */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6),
                    QS_F32 ("3,2", 1, 0, 0, 1, 1, 1)),
            "2,2", TOL, 4, 5, 10, 11);
  /* the same with A given as [3,2] and transpose_a, B as [2,3] and transpose_b */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "transpose_a=\"true\" transpose_b=\"true\"", &error,
                    QS_F32 ("3,2", 1, 4, 2, 5, 3, 6),
                    QS_F32 ("2,3", 1, 0, 1, 0, 1, 1)),
            "2,2", TOL, 4, 5, 10, 11);
  g_assert_no_error (error);
}

static void
test_matmul_batch (void)
{
  g_autoptr(GError) error = NULL;
  /* A [2,1,1,2] x B [3,2,1]: batch [2,1] x [3] -> [2,3] */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "", &error,
                    QS_F32 ("2,1,1,2", 1, 2, 3, 4),
                    QS_F32 ("3,2,1", 1, 0, 0, 1, 1, 1)),
            "2,3,1,1", TOL, 1, 2, 3, 3, 4, 7);
  /* 1-D operands: [2] x [2,3] -> [3]; [2,2] x [2] -> [2] */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "", &error,
                    QS_F32 ("2", 1, 2),
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6)),
            "3", TOL, 9, 12, 15);
  QS_CHECK (QS_RUN ("MatMul", "opset1", "transpose_b=\"true\"", &error,
                    QS_F32 ("2,2", 1, 2, 3, 4),
                    QS_F32 ("2", 1, 1)),
            "2", TOL, 3, 7);
  g_assert_no_error (error);
}

/* ---- pooling ---- */

static void
test_maxpool (void)
{
  g_autoptr(GError) error = NULL;
  /* 1-D [1,1,5], k=2, s=2: floor -> 2 outputs, ceil -> 3 (last window holds x[4] only) */
  QS_CHECK (QS_RUN ("MaxPool", "opset1",
                    "strides=\"2\" kernel=\"2\" pads_begin=\"0\" pads_end=\"0\" rounding_type=\"floor\"", &error,
                    QS_F32 ("1,1,5", 3, 1, -4, -2, -5)),
            "1,1,2", TOL, 3, -2);
  QS_CHECK (QS_RUN ("MaxPool", "opset1",
                    "strides=\"2\" kernel=\"2\" pads_begin=\"0\" pads_end=\"0\" rounding_type=\"ceil\"", &error,
                    QS_F32 ("1,1,5", 3, 1, -4, -2, -5)),
            "1,1,3", TOL, 3, -2, -5);
  /* padding never wins, even over negative values */
  QS_CHECK (QS_RUN ("MaxPool", "opset1",
                    "strides=\"1\" kernel=\"2\" pads_begin=\"1\" pads_end=\"0\"", &error,
                    QS_F32 ("1,1,2", -3, -1)),
            "1,1,2", TOL, -3, -1);
  g_assert_no_error (error);
}

static void
test_avgpool (void)
{
  g_autoptr(GError) error = NULL;
  /* k=3, s=1, pads 1,1 on [1,2,3,4]: exclude-pad divides by the real count */
  QS_CHECK (QS_RUN ("AvgPool", "opset1",
                    "strides=\"1\" kernel=\"3\" pads_begin=\"1\" pads_end=\"1\" exclude-pad=\"true\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4)),
            "1,1,4", TOL, 1.5, 2, 3, 3.5);
  QS_CHECK (QS_RUN ("AvgPool", "opset1",
                    "strides=\"1\" kernel=\"3\" pads_begin=\"1\" pads_end=\"1\" exclude-pad=\"false\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4)),
            "1,1,4", TOL, 1, 2, 3, 7.0 / 3);
  /* ceil mode without padding: the last window holds x[4] only */
  QS_CHECK (QS_RUN ("AvgPool", "opset1",
                    "strides=\"2\" kernel=\"2\" pads_begin=\"0\" pads_end=\"0\" exclude-pad=\"false\" rounding_type=\"ceil\"", &error,
                    QS_F32 ("1,1,5", 1, 2, 3, 4, 5)),
            "1,1,3", TOL, 1.5, 3.5, 5);
  g_assert_no_error (error);
}

/* ---- Softmax ---- */

static void
test_softmax (void)
{
  g_autoptr(GError) error = NULL;
  double e1 = exp (1.0), e2 = exp (2.0);

  QS_CHECK (QS_RUN ("SoftMax", "opset8", "axis=\"-1\"", &error,
                    QS_F32 ("2,2", 0, 1, 1000, 1000)),
            "2,2", 1e-6, 1 / (1 + e1), e1 / (1 + e1), 0.5, 0.5);
  QS_CHECK (QS_RUN ("SoftMax", "opset1", "axis=\"0\"", &error,
                    QS_F32 ("2,1", 0, 2)),
            "2,1", 1e-6, 1 / (1 + e2), e2 / (1 + e2));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/exec/op/convolution/pads-strides", test_conv_pads_strides);
  g_test_add_func ("/qscope/exec/op/convolution/dilation", test_conv_dilation);
  g_test_add_func ("/qscope/exec/op/convolution/auto-pad", test_conv_auto_pad);
  g_test_add_func ("/qscope/exec/op/convolution/channels", test_conv_channels);
  g_test_add_func ("/qscope/exec/op/group-convolution", test_group_conv);
  g_test_add_func ("/qscope/exec/op/matmul/transpose", test_matmul_transpose);
  g_test_add_func ("/qscope/exec/op/matmul/batch", test_matmul_batch);
  g_test_add_func ("/qscope/exec/op/maxpool", test_maxpool);
  g_test_add_func ("/qscope/exec/op/avgpool", test_avgpool);
  g_test_add_func ("/qscope/exec/op/softmax", test_softmax);

  return g_test_run ();
}
