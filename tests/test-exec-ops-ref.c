/* test-exec-ops-ref.c — ops of the executor against the cases of OpenVINO's op reference tests
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Each case carries the inputs, attributes and expected outputs of one case
 * in openvino/src/plugins/template/tests/functional/op_reference/<file>.cpp,
 * named in the comment above it.  Integer cases of ops the executor runs in
 * float are given as float values; what they test is the window and index
 * arithmetic, which is the same.
 */
#include "config.h"

#include "qs-exec-test.h"

#define TOL 1e-5

/* A tensor of @shape filled by repeating @pattern (the reference tests
 * write their 3-D inputs as the same 2-D plane again and again). */
static QsTensor *
repeat_f32 (const char   *shape,
            const double *pattern,
            gsize         n_pattern)
{
  QsTensor *t = qs_test_tensor (QS_ELEMENT_F32, shape, NULL);
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    qs_tensor_set_f64 (t, i, pattern[i % n_pattern]);
  return t;
}

#define REPEAT(shape, ...) \
  repeat_f32 (shape, (const double[]) { __VA_ARGS__ }, sizeof ((const double[]) { __VA_ARGS__ }) / sizeof (double))

/* Runs a two-output op (MaxPool-8: values, indices); consumes @x. */
static void
run_two (const char *type,
         const char *version,
         const char *attrs,
         QsTensor   *x,
         QsTensor  **values,
         QsTensor  **indices)
{
  g_autoptr(GError) error = NULL;
  QsTensor *in[1] = { x };
  QsTensor **outs = qs_test_run_op_full (type, version, attrs, in, 1, 0, 2, QS_EXEC_MODE_FLOAT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outs);
  *values = outs[0];
  *indices = outs[1];
  g_free (outs);
  qs_tensor_unref (x);
}

/* ---- convolution.cpp: 3-D cases ---- */

#define CONV3D_ATTRS(s, pb, pe, d) \
  "strides=\"" s "\" pads_begin=\"" pb "\" pads_end=\"" pe "\" dilations=\"" d "\""

static void
test_conv3d (void)
{
  g_autoptr(GError) error = NULL;

  /* generateConvolutionFloatParams: Shape{1, 1, 4, 4, 4} x Shape{1, 1, 3, 3, 3} -> Shape{1, 1, 2, 2, 2} */
  QS_CHECK (QS_RUN ("Convolution", "opset1", CONV3D_ATTRS ("1,1,1", "0,0,0", "0,0,0", "1,1,1"), &error,
                    REPEAT ("1,1,4,4,4", 1, 3, 2, 1, 1, 3, 3, 1, 2, 1, 1, 3, 3, 2, 3, 3),
                    REPEAT ("1,1,3,3,3", 1, 2, 3, 0, 1, 0, 2, 1, 2)),
            "1,1,2,2,2", TOL, 69, 66, 93, 78, 69, 66, 93, 78);
  g_assert_no_error (error);

  /* generateConvolutionFloatParams: Shape{1, 1, 7, 7, 7} x Shape{1, 1, 3, 3, 3}, strides 2, pads 2, dilations 2 */
  QS_CHECK (QS_RUN ("Convolution", "opset1", CONV3D_ATTRS ("2,2,2", "2,2,2", "2,2,2", "2,2,2"), &error,
                    REPEAT ("1,1,7,7,7",
                            1, 3, 2, 1, 1, 2, 3,  1, 3, 3, 1, 1, 2, 3,  2, 1, 1, 3, 1, 2, 3,  3, 2, 3, 3, 1, 2, 3,
                            3, 2, 3, 3, 1, 2, 3,  3, 2, 3, 3, 1, 2, 3,  3, 2, 3, 3, 1, 2, 3),
                    REPEAT ("1,1,3,3,3", 1, 2, 3, 0, 1, 0, 2, 1, 2)),
            "1,1,4,4,4", TOL,
            10, 18, 20, 16, 38, 40, 54, 30, 38, 42, 52, 30, 36, 30, 30, 20,
            15, 27, 30, 24, 57, 60, 81, 45, 57, 63, 78, 45, 54, 45, 45, 30,
            15, 27, 30, 24, 57, 60, 81, 45, 57, 63, 78, 45, 54, 45, 45, 30,
            10, 18, 20, 16, 38, 40, 54, 30, 38, 42, 52, 30, 36, 30, 30, 20);
  g_assert_no_error (error);

  /* generateConvolutionFloatParams: Shape{1, 2, 4, 4, 4} x Shape{1, 2, 3, 3, 3} (two input channels) */
  QS_CHECK (QS_RUN ("Convolution", "opset1", CONV3D_ATTRS ("1,1,1", "0,0,0", "0,0,0", "1,1,1"), &error,
                    REPEAT ("1,2,4,4,4", 1, 3, 2, 1, 1, 3, 3, 1, 2, 1, 1, 3, 3, 2, 3, 3),
                    REPEAT ("1,2,3,3,3", 1, 2, 3, 0, 1, 0, 2, 1, 2)),
            "1,1,2,2,2", TOL, 138, 132, 186, 156, 138, 132, 186, 156);
  g_assert_no_error (error);

  /* generateConvolutionFloatParams: Shape{1, 1, 4, 4, 4} x Shape{2, 1, 3, 3, 3} (two filters) */
  QS_CHECK (QS_RUN ("Convolution", "opset1", CONV3D_ATTRS ("1,1,1", "0,0,0", "0,0,0", "1,1,1"), &error,
                    REPEAT ("1,1,4,4,4", 1, 3, 2, 1, 1, 3, 3, 1, 2, 1, 1, 3, 3, 2, 3, 3),
                    REPEAT ("2,1,3,3,3", 1, 2, 3, 0, 1, 0, 2, 1, 2)),
            "1,2,2,2,2", TOL, 69, 66, 93, 78, 69, 66, 93, 78, 69, 66, 93, 78, 69, 66, 93, 78);
  g_assert_no_error (error);

  /* generateConvolutionFloatParams: Shape{2, 1, 4, 4, 4} x Shape{1, 1, 3, 3, 3} (two batches) */
  QS_CHECK (QS_RUN ("Convolution", "opset1", CONV3D_ATTRS ("1,1,1", "0,0,0", "0,0,0", "1,1,1"), &error,
                    REPEAT ("2,1,4,4,4", 1, 3, 2, 1, 1, 3, 3, 1, 2, 1, 1, 3, 3, 2, 3, 3),
                    REPEAT ("1,1,3,3,3", 1, 2, 3, 0, 1, 0, 2, 1, 2)),
            "2,1,2,2,2", TOL, 69, 66, 93, 78, 69, 66, 93, 78, 69, 66, 93, 78, 69, 66, 93, 78);
  g_assert_no_error (error);
}

static void
test_group_conv3d (void)
{
  g_autoptr(GError) error = NULL;

  /* group_convolution.cpp has no 3-D case: the first case of
   * convolution.cpp above split into two groups of one channel each, with
   * the second group's weights doubled: each group is that convolution */
  QS_CHECK (QS_RUN ("GroupConvolution", "opset1", CONV3D_ATTRS ("1,1,1", "0,0,0", "0,0,0", "1,1,1"), &error,
                    REPEAT ("1,2,4,4,4", 1, 3, 2, 1, 1, 3, 3, 1, 2, 1, 1, 3, 3, 2, 3, 3),
                    REPEAT ("2,1,1,3,3,3", 1, 2, 3, 0, 1, 0, 2, 1, 2,  1, 2, 3, 0, 1, 0, 2, 1, 2,  1, 2, 3, 0, 1, 0, 2, 1, 2,
                            2, 4, 6, 0, 2, 0, 4, 2, 4,  2, 4, 6, 0, 2, 0, 4, 2, 4,  2, 4, 6, 0, 2, 0, 4, 2, 4)),
            "1,2,2,2,2", TOL, 69, 66, 93, 78, 69, 66, 93, 78, 138, 132, 186, 156, 138, 132, 186, 156);
  g_assert_no_error (error);
}

/* ---- max_pool.cpp (MaxPool-8: values and indices) ---- */

typedef struct
{
  const char   *name;       /* the case, as the reference test lists it */
  const char   *shape;
  const double *input;
  const char   *attrs;
  const char   *out_shape;
  const double *values;
  const double *indices;
} MaxPoolCase;

#define D(...) (const double[]) { __VA_ARGS__ }

static const double mp_1d[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
static const double mp_4x4[] = { 8, -9, 1, -16, -14, 15, -17, 19, -13, 3, 10, 17, 16, -11, -15, 20 };
static const double mp_5x5[] = { 0, -2, 24, 13, 7, -5, -4, 4, 21, -18, 81, 20, -15,
                                 37, 23, 41, 18, 42, 8, 32, 9, 57, 58, 29, 3 };
static const double mp_3d[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 30, 40, -20,
                                60, 70, 80, 50, 50, 1, 2, 3, -15, -10, 50, 30, 81 };

#define MP(k, s, d, pb, pe, extra) \
  "kernel=\"" k "\" strides=\"" s "\" dilations=\"" d "\" pads_begin=\"" pb "\" pads_end=\"" pe "\" " \
  "rounding_type=\"floor\" " extra

static const MaxPoolCase max_pool_cases[] = {
  { "1-D kernel 2", "1,1,9", mp_1d, MP ("2", "1", "1", "0", "0", ""), "1,1,8",
    D (2, 3, 4, 5, 6, 7, 8, 9), D (1, 2, 3, 4, 5, 6, 7, 8) },
  { "1-D kernel 2 stride 2", "1,1,9", mp_1d, MP ("2", "2", "1", "0", "0", ""), "1,1,4",
    D (2, 4, 6, 8), D (1, 3, 5, 7) },
  { "1-D SAME_LOWER", "1,1,9", mp_1d, MP ("2", "2", "1", "0", "0", "auto_pad=\"same_lower\""), "1,1,5",
    D (1, 3, 5, 7, 9), D (0, 2, 4, 6, 8) },
  { "1-D SAME_UPPER", "1,1,9", mp_1d, MP ("2", "2", "1", "0", "0", "auto_pad=\"same_upper\""), "1,1,5",
    D (2, 4, 6, 8, 9), D (1, 3, 5, 7, 8) },
  { "1-D dilations 2, i32 indices", "1,1,9", mp_1d, MP ("2", "2", "2", "0", "0", "index_element_type=\"i32\""), "1,1,4",
    D (3, 5, 7, 9), D (2, 4, 6, 8) },
  { "1-D two channels", "1,2,4", D (1, 2, 3, 4, 0, -3.14, -2.71, 5), MP ("3", "1", "1", "0", "0", ""), "1,2,2",
    D (3, 4, 0, 5), D (2, 3, 4, 7) },
  { "1-D two channels, axis 2", "1,2,4", D (1, 2, 3, 4, 0, -3.14, -2.71, 5), MP ("3", "1", "1", "0", "0", "axis=\"2\""),
    "1,2,2", D (3, 4, 0, 5), D (2, 3, 0, 3) },
  { "1-D pads 2", "1,1,9", D (1, 9, 3, 8, 5, 2, 6, 4, 7), MP ("3", "3", "1", "2", "2", ""), "1,1,4",
    D (1, 9, 6, 7), D (0, 1, 6, 8) },
  { "2-D 3x3", "1,1,3,3", D (3, 9, 10, 5, 7, 2, 18, 8, -2), MP ("2,2", "1,1", "1,1", "0,0", "0,0", ""), "1,1,2,2",
    D (9, 10, 18, 8), D (1, 2, 6, 7) },
  { "2-D simple 4x4", "1,1,4,4", mp_4x4, MP ("2,2", "1,1", "1,1", "0,0", "0,0", ""), "1,1,3,3",
    D (15, 15, 19, 15, 15, 19, 16, 10, 20), D (5, 5, 7, 5, 5, 7, 12, 10, 15) },
  { "2-D strides 2x2", "1,1,4,4", mp_4x4, MP ("2,2", "2,2", "1,1", "0,0", "0,0", ""), "1,1,2,2",
    D (15, 19, 16, 20), D (5, 7, 12, 15) },
  { "2-D dilations 2x2", "1,1,4,4", mp_4x4, MP ("2,2", "1,1", "2,2", "0,0", "0,0", ""), "1,1,2,2",
    D (10, 17, 16, 20), D (10, 11, 12, 15) },
  { "2-D kernel 3x3", "1,1,4,4", mp_4x4, MP ("3,3", "1,1", "1,1", "0,0", "0,0", ""), "1,1,2,2",
    D (15, 19, 16, 20), D (5, 7, 12, 15) },
  { "2-D strides 2x3", "1,1,5,5", mp_5x5, MP ("2,2", "2,3", "1,1", "0,0", "0,0", ""), "1,1,2,2",
    D (0, 21, 81, 37), D (0, 8, 10, 13) },
  { "2-D strides 3x2", "1,1,5,5", mp_5x5, MP ("2,2", "3,2", "1,1", "0,0", "0,0", ""), "1,1,2,2",
    D (0, 24, 57, 58), D (0, 2, 21, 22) },
  { "2-D strides 2x2 dilations 2x2", "1,1,5,5", mp_5x5, MP ("2,2", "2,2", "2,2", "0,0", "0,0", ""), "1,1,2,2",
    D (81, 24, 81, 58), D (10, 2, 10, 22) },
  { "2-D pads 1x1", "1,1,5,5", mp_5x5, MP ("3,3", "2,2", "1,1", "1,1", "1,1", ""), "1,1,3,3",
    D (0, 24, 21, 81, 42, 37, 57, 58, 32), D (0, 2, 8, 10, 17, 13, 21, 22, 19) },
  { "2-D pads_end 2x1", "1,1,5,5", mp_5x5, MP ("3,3", "2,2", "1,1", "0,0", "2,1", ""), "1,1,3,2",
    D (81, 37, 81, 58, 58, 58), D (10, 13, 10, 22, 22, 22) },
  { "2-D two channels, axis 2", "1,2,3,3", D (0, -2, 24, 13, 7, -5, -4, 4, 21, -18, 81, 20, -15, 37, 23, 41, 18, 42),
    MP ("2,2", "1,1", "1,1", "0,0", "0,0", "axis=\"2\""), "1,2,2,2",
    D (13, 24, 13, 21, 81, 81, 41, 42), D (3, 2, 3, 8, 1, 1, 6, 8) },
  { "2-D kernel 1x1", "1,1,2,2", D (1, 2, 3, 4), MP ("1,1", "1,1", "1,1", "0,0", "0,0", ""), "1,1,2,2",
    D (1, 2, 3, 4), D (0, 1, 2, 3) },
  { "3-D kernel 2x2x2", "1,1,3,3,3", mp_3d, MP ("2,2,2", "1,1,1", "1,1,1", "0,0,0", "0,0,0", ""), "1,1,2,2,2",
    D (40, 60, 80, 80, 50, 60, 80, 81), D (12, 14, 16, 16, 18, 14, 16, 26) },
  { "3-D strides 2, dilations 2, pads 1", "1,1,3,3,3", mp_3d, MP ("2,2,2", "2,2,2", "2,2,2", "1,1,1", "1,1,1", ""),
    "1,1,2,2,2", D (-20, -20, -20, -20, -20, -20, -20, -20), D (13, 13, 13, 13, 13, 13, 13, 13) },
  { "3-D kernel 1x3x3", "1,1,3,3,3", mp_3d, MP ("1,3,3", "1,1,1", "1,1,1", "0,0,0", "0,0,0", ""), "1,1,3,1,1",
    D (8, 80, 81), D (8, 16, 26) },
  { "3-D kernel 1x2x2, axis 3", "1,1,3,3,3", mp_3d, MP ("1,2,2", "1,1,1", "1,1,1", "0,0,0", "0,0,0", "axis=\"3\""),
    "1,1,3,2,2", D (4, 5, 7, 8, 40, 60, 80, 80, 50, 2, 50, 81), D (4, 5, 7, 8, 3, 5, 7, 7, 0, 2, 6, 8) },
};

static void
test_max_pool (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (max_pool_cases); i++)
    {
      const MaxPoolCase *c = &max_pool_cases[i];
      QsTensor *x = qs_test_tensor (QS_ELEMENT_F32, c->shape, c->input);
      QsTensor *values = NULL, *indices = NULL;

      g_test_message ("smoke_MaxPool_With_Hardcoded_Refs: %s", c->name);
      run_two ("MaxPool", "opset8", c->attrs, x, &values, &indices);
      qs_test_check (values, c->out_shape, c->values, TOL);
      qs_test_check (indices, c->out_shape, c->indices, 0);
      g_assert_cmpint (indices->type, ==, strstr (c->attrs, "\"i32\"") != NULL ? QS_ELEMENT_I32 : QS_ELEMENT_I64);
      qs_tensor_unref (values);
      qs_tensor_unref (indices);
    }
}

static void
test_max_pool_v1_3d (void)
{
  g_autoptr(GError) error = NULL;

  /* max_pool.cpp's first 3-D case through MaxPool-1 (one output, no dilations) */
  QS_CHECK (QS_RUN ("MaxPool", "opset1", "kernel=\"2,2,2\" strides=\"1,1,1\" pads_begin=\"0,0,0\" pads_end=\"0,0,0\"",
                    &error, qs_test_tensor (QS_ELEMENT_F32, "1,1,3,3,3", mp_3d)),
            "1,1,2,2,2", TOL, 40, 60, 80, 80, 50, 60, 80, 81);
  g_assert_no_error (error);
}

/* ---- avg_pool.cpp ---- */

static void
test_avg_pool (void)
{
  g_autoptr(GError) error = NULL;

#define AP(k, s, pb, pe, excl, rt, ap) \
  "kernel=\"" k "\" strides=\"" s "\" pads_begin=\"" pb "\" pads_end=\"" pe "\" exclude-pad=\"" excl "\" " \
  "rounding_type=\"" rt "\" auto_pad=\"" ap "\""

  /* generateParamsForAvgPool: Shape{1, 1, 3, 3}, kernel 2x2, exclude_pad, FLOOR, NOTSET */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("2,2", "1,1", "0,0", "0,0", "true", "floor", "notset"), &error,
                    QS_F32 ("1,1,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9)),
            "1,1,2,2", TOL, 3, 4, 6, 7);
  /* Shape{1, 1, 4, 4}, kernel 3x3, CEIL */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("3,3", "1,1", "0,0", "0,0", "true", "ceil", "notset"), &error,
                    QS_F32 ("1,1,4,4", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)),
            "1,1,2,2", TOL, 6, 7, 10, 11);
  /* Shape{1, 1, 2, 2}, pads 1x1, kernel 2x2, exclude_pad, CEIL */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("2,2", "1,1", "1,1", "1,1", "true", "ceil", "notset"), &error,
                    QS_F32 ("1,1,2,2", 1, 2, 3, 4)),
            "1,1,3,3", TOL, 1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4);
  /* Shape{1, 1, 1, 5}, strides 1x2, pads 1x1, kernel 3x3, exclude_pad, CEIL, EXPLICIT */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("3,3", "1,2", "1,1", "1,1", "true", "ceil", "explicit"), &error,
                    QS_F32 ("1,1,1,5", 1, 2, 3, 4, 5)),
            "1,1,1,3", TOL, 1.5, 3, 4.5);
  /* the same with exclude_pad false */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("3,3", "1,2", "1,1", "1,1", "false", "ceil", "explicit"), &error,
                    QS_F32 ("1,1,1,5", 2.5, 2, 12, 4, 5)),
            "1,1,1,3", TOL, 0.5, 2, 1);
  /* Shape{1, 1, 3, 3}, kernel 2x2, CEIL, SAME_UPPER */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("2,2", "1,1", "0,0", "0,0", "false", "ceil", "same_upper"), &error,
                    QS_F32 ("1,1,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9)),
            "1,1,3,3", TOL, 3, 4, 2.25, 6, 7, 3.75, 3.75, 4.25, 2.25);
  /* SAME_LOWER */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("2,2", "1,1", "0,0", "0,0", "false", "ceil", "same_lower"), &error,
                    QS_F32 ("1,1,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9)),
            "1,1,3,3", TOL, 0.25, 0.75, 1.25, 1.25, 3, 4, 2.75, 6, 7);
  /* Shape{1, 1, 2, 2, 2}, kernel 1x1x2, exclude_pad, CEIL, VALID */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("1,1,2", "1,1,1", "0,0,0", "0,0,0", "true", "ceil", "valid"), &error,
                    QS_F32 ("1,1,2,2,2", 1, 2, 3, 4, 5, 6, 7, 8)),
            "1,1,2,2,1", TOL, 1.5, 3.5, 5.5, 7.5);
  /* Shape{1, 1, 3, 3} of 1..9, strides 2x2, pads 1x1, kernel 2x2, exclude_pad, CEIL */
  QS_CHECK (QS_RUN ("AvgPool", "opset1", AP ("2,2", "2,2", "1,1", "1,1", "true", "ceil", "notset"), &error,
                    QS_F32 ("1,1,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9)),
            "1,1,3,3", TOL, 1, 2.5, 0, 5.5, 7, 0, 0, 0, 0);
  g_assert_no_error (error);
#undef AP
}

/* ---- fake_quantize.cpp ---- */

static QsTensor *
iota_f32 (const char *shape)
{
  QsTensor *t = qs_test_tensor (QS_ELEMENT_F32, shape, NULL);
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    qs_tensor_set_f64 (t, i, (double) i);
  return t;
}

static void
test_fake_quantize (void)
{
  g_autoptr(GError) error = NULL;
  static const char *const channel_modes[] = {
    "levels=\"5\"",                                            /* AutoBroadcastType::NUMPY (the default) */
    "levels=\"5\" auto_broadcast=\"pdpd\" axis=\"1\"",         /* AutoBroadcastSpec(PDPD, 1) */
    "levels=\"5\" auto_broadcast=\"pdpd\" axis=\"-1\"",        /* AutoBroadcastSpec(PDPD, -1) */
    "levels=\"5\" auto_broadcast=\"pdpd\"",                    /* PDPD, axis left at its default -1 */
  };
  gsize i;

  /* generateParamsForFakeQuantize: Shape{1, 2, 3, 4}, levels 4, ranges 0..23 -> 2..16 */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"4\"", &error,
                    iota_f32 ("1,2,3,4"), QS_F32 ("", 0), QS_F32 ("", 23), QS_F32 ("", 2), QS_F32 ("", 16)),
            "1,2,3,4", 1e-5,
            2, 2, 2, 2, 6.6666669, 6.6666669, 6.6666669, 6.6666669, 6.6666669, 6.6666669, 6.6666669, 6.6666669,
            11.33333301, 11.33333301, 11.33333301, 11.33333301, 11.33333301, 11.33333301,
            11.33333301, 11.33333301, 16, 16, 16, 16);
  g_assert_no_error (error);
  /* Shape{1, 2, 3, 4}, levels 5, ranges 3..17 -> 2..16 */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"5\"", &error,
                    iota_f32 ("1,2,3,4"), QS_F32 ("", 3), QS_F32 ("", 17), QS_F32 ("", 2), QS_F32 ("", 16)),
            "1,2,3,4", 1e-5,
            2, 2, 2, 2, 2, 5.5, 5.5, 5.5, 5.5, 9, 9, 9,
            12.5, 12.5, 12.5, 12.5, 16, 16, 16, 16, 16, 16, 16, 16);
  g_assert_no_error (error);
  /* Shape{1, 2, 5, 5} with per-channel ranges Shape{2, 1, 1}: numpy, then
   * the two PDPD cases (and PDPD with the axis attribute absent) */
  for (i = 0; i < G_N_ELEMENTS (channel_modes); i++)
    {
      QS_CHECK (QS_RUN ("FakeQuantize", "opset1", channel_modes[i], &error,
                        iota_f32 ("1,2,5,5"), QS_F32 ("2,1,1", 5, 30), QS_F32 ("2,1,1", 10, 40),
                        QS_F32 ("2,1,1", 0, 50), QS_F32 ("2,1,1", 20, 70)),
                "1,2,5,5", 1e-5,
                0, 0, 0, 0, 0, 0, 5, 10, 10, 15, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20,
                50, 50, 50, 50, 50, 50, 50, 55, 55, 60, 60, 60, 65, 65, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70);
      g_assert_no_error (error);
    }
}

/* PDPD rules beyond the reference cases, and auto_broadcast none */
static void
test_fake_quantize_broadcast_rules (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *r;

  /* ranges [2] at axis 1 of [1,2,1,2]: per channel, which numpy would
   * have lined up with the last axis instead */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"2\" auto_broadcast=\"pdpd\" axis=\"1\"", &error,
                    QS_F32 ("1,2,1,2", 0.4, 0.6, 0.4, 0.6), QS_F32 ("2", 0, 0), QS_F32 ("2", 1, 2),
                    QS_F32 ("2", 0, 0), QS_F32 ("2", 1, 2)),
            "1,2,1,2", 1e-6, 0, 1, 0, 0);
  g_assert_no_error (error);
  /* trailing ones of the range are dropped before the axis applies */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"2\" auto_broadcast=\"pdpd\" axis=\"1\"", &error,
                    QS_F32 ("1,2,1,2", 0.4, 0.6, 0.4, 0.6), QS_F32 ("2,1,1,1", 0, 0), QS_F32 ("2,1,1,1", 1, 2),
                    QS_F32 ("2,1,1,1", 0, 0), QS_F32 ("2,1,1,1", 1, 2)),
            "1,2,1,2", 1e-6, 0, 1, 0, 0);
  g_assert_no_error (error);
  /* a range that does not fit the data at the axis */
  r = QS_RUN ("FakeQuantize", "opset1", "levels=\"2\" auto_broadcast=\"pdpd\" axis=\"2\"", &error,
              QS_F32 ("1,2,1,2", 0.4, 0.6, 0.4, 0.6), QS_F32 ("2", 0, 0), QS_F32 ("2", 1, 2),
              QS_F32 ("2", 0, 0), QS_F32 ("2", 1, 2));
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "pdpd"));
  g_clear_error (&error);
  /* none: every range has the data's shape */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"2\" auto_broadcast=\"none\"", &error,
                    QS_F32 ("2", 0.4, 0.6), QS_F32 ("2", 0, 0), QS_F32 ("2", 1, 1),
                    QS_F32 ("2", 0, 0), QS_F32 ("2", 1, 1)),
            "2", 1e-6, 0, 1);
  g_assert_no_error (error);
  r = QS_RUN ("FakeQuantize", "opset1", "levels=\"2\" auto_broadcast=\"none\"", &error,
              QS_F32 ("2", 0.4, 0.6), QS_F32 ("", 0), QS_F32 ("", 1), QS_F32 ("", 0), QS_F32 ("", 1));
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "auto_broadcast=none"));
  g_clear_error (&error);
  /* a value outside the specification names the attribute */
  r = QS_RUN ("FakeQuantize", "opset1", "levels=\"2\" auto_broadcast=\"explicit\"", &error,
              QS_F32 ("2", 0.4, 0.6), QS_F32 ("", 0), QS_F32 ("", 1), QS_F32 ("", 0), QS_F32 ("", 1));
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "auto_broadcast"));
  g_clear_error (&error);
}

/* ---- prior_box.cpp ---- */

static void
test_prior_box (void)
{
  g_autoptr(GError) error = NULL;
  QsElementType types[] = { QS_ELEMENT_I64, QS_ELEMENT_I32 };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (types); i++)
    {
      /* generatePriorBoxFloatParams: min_size 2, aspect_ratio 1.5, scale_all_sizes false,
       * layer {2, 2}, image {10, 10} */
      QS_CHECK (QS_RUN ("PriorBox", "opset1", "min_size=\"2\" aspect_ratio=\"1.5\" scale_all_sizes=\"false\"", &error,
                        qs_test_tensor (types[i], "2", D (2, 2)), qs_test_tensor (types[i], "2", D (10, 10))),
                "2,32", 1e-5,
                -0.75, -0.75, 1.25, 1.25, -0.974745, -0.566497, 1.47474, 1.0665,
                -0.25, -0.75, 1.75, 1.25, -0.474745, -0.566497, 1.97474, 1.0665,
                -0.75, -0.25, 1.25, 1.75, -0.974745, -0.0664966, 1.47474, 1.5665,
                -0.25, -0.25, 1.75, 1.75, -0.474745, -0.0664966, 1.97474, 1.5665,
                0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
                0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
      g_assert_no_error (error);
      /* generatePriorBoxV8FloatParams: min_size 2, max_size 5, aspect_ratio 1.5,
       * scale_all_sizes true, min_max_aspect_ratios_order false */
      QS_CHECK (QS_RUN ("PriorBox", "opset8",
                        "min_size=\"2\" max_size=\"5\" aspect_ratio=\"1.5\" scale_all_sizes=\"true\" "
                        "min_max_aspect_ratios_order=\"false\"", &error,
                        qs_test_tensor (types[i], "2", D (2, 2)), qs_test_tensor (types[i], "2", D (10, 10))),
                "2,48", 1e-5,
                0.15, 0.15, 0.35, 0.35, 0.127526, 0.16835, 0.372474, 0.33165, 0.0918861, 0.0918861, 0.408114, 0.408114,
                0.65, 0.15, 0.85, 0.35, 0.627526, 0.16835, 0.872474, 0.33165, 0.591886, 0.0918861, 0.908114, 0.408114,
                0.15, 0.65, 0.35, 0.85, 0.127526, 0.66835, 0.372474, 0.83165, 0.0918861, 0.591886, 0.408114, 0.908114,
                0.65, 0.65, 0.85, 0.85, 0.627526, 0.66835, 0.872474, 0.83165, 0.591886, 0.591886, 0.908114, 0.908114,
                0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
                0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
                0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
                0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
      g_assert_no_error (error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/exec/op-ref/convolution-3d", test_conv3d);
  g_test_add_func ("/qscope/exec/op-ref/group-convolution-3d", test_group_conv3d);
  g_test_add_func ("/qscope/exec/op-ref/max-pool", test_max_pool);
  g_test_add_func ("/qscope/exec/op-ref/max-pool-v1-3d", test_max_pool_v1_3d);
  g_test_add_func ("/qscope/exec/op-ref/avg-pool", test_avg_pool);
  g_test_add_func ("/qscope/exec/op-ref/fake-quantize", test_fake_quantize);
  g_test_add_func ("/qscope/exec/op-ref/fake-quantize-broadcast-rules", test_fake_quantize_broadcast_rules);
  g_test_add_func ("/qscope/exec/op-ref/prior-box", test_prior_box);
  return g_test_run ();
}
