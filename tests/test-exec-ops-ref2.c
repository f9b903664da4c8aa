/* test-exec-ops-ref2.c — the executor against the cases of OpenVINO's op reference tests, part 2
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The element-wise arithmetic and activations, the shape and movement ops,
 * the reductions, normalisations and the rest of the op tables that
 * test-exec-ops-ref.c does not cover.  Each case carries, in its name, the
 * name (or the generator and position) of the case in OpenVINO's
 * src/plugins/template/tests/functional/op_reference/<op>.cpp it was taken
 * from: inputs, attributes and expected outputs as there, with the test's
 * tolerance where it sets one (its default relative threshold is 1e-2; a
 * case here is checked tighter where qscope meets it).  Expected values the
 * reference test computes with a formula (Sigmoid, Exp, Swish) are that
 * formula's values, written out.  Cases marked "qscope" are our own.  The
 * runner is qs-op-ref.h.
 */
#include "config.h"

#include "qs-op-ref.h"

/* ---- binary arithmetic (add.cpp, subtract.cpp, multiply.cpp, divide.cpp, maximum.cpp, minimum.cpp, power.cpp) ---- */

#define BIN(name, op, s1, a, s2, b, so, o) \
  CASE (name, op, "opset1", "", IN (TF (s1, UNPAREN a), TF (s2, UNPAREN b)), TF (so, UNPAREN o))
#define BINI(name, op, attrs, s1, a, s2, b, so, o) \
  CASE (name, op, "opset1", attrs, IN (TI (s1, UNPAREN a), TI (s2, UNPAREN b)), TI (so, UNPAREN o))

static const RefCase arith_cases[] = {
  BIN ("add_2x2_2x2", "Add", "2,2", (1, 2, 3, 4), "2,2", (5, 6, 7, 8), "2,2", (6, 8, 10, 12)),
  BIN ("add_1x2_3x2x2", "Add", "1,2", (1, 2), "3,2,2", (5, 6, 7, 8, 2, 3, 1, 5, 6, 7, 1, 3), "3,2,2",
       (6, 8, 8, 10, 3, 5, 2, 7, 7, 9, 2, 5)),
  BIN ("add_1_1", "Add", "1", (2), "1", (8), "1", (10)),
  BIN ("add_2x2_1", "Add", "2,2", (2, 4, 7, 8), "1", (8), "2,2", (10, 12, 15, 16)),
  BINI ("add_2x2_2x2_i32", "Add", "", "2,2", (1, 2, 3, 4), "2,2", (5, 6, 7, 8), "2,2", (6, 8, 10, 12)),

  BIN ("subtract_2x2", "Subtract", "2,2", (2, 4, 8, 16), "2,2", (1, 2, 4, 8), "2,2", (1, 2, 4, 8)),
  BIN ("subtract_broadcast", "Subtract", "3,2,1", (12, 24, 36, 48, 60, 72), "1,6", (1, 2, 3, 4, 6, 1), "3,2,6",
       (11, 10, 9, 8, 6, 11, 23, 22, 21, 20, 18, 23, 35, 34, 33, 32, 30, 35, 47, 46, 45, 44, 42, 47, 59, 58, 57, 56, 54,
        59, 71, 70, 69, 68, 66, 71)),
  BIN ("subtract_1", "Subtract", "1", (8), "1", (2), "1", (6)),
  BIN ("subtract_float", "Subtract", "1", (3.1), "1", (8), "1", (3.1f - 8.0f)),
  BINI ("subtract_broadcast_i32", "Subtract", "", "3,2,1", (12, 24, 36, 48, 60, 72), "1,6", (1, 2, 3, 4, 6, 1), "3,2,6",
        (11, 10, 9, 8, 6, 11, 23, 22, 21, 20, 18, 23, 35, 34, 33, 32, 30, 35, 47, 46, 45, 44, 42, 47, 59, 58, 57, 56, 54,
         59, 71, 70, 69, 68, 66, 71)),

  BIN ("multiply_2x2", "Multiply", "2,2", (1, 2, 3, 4), "2,2", (5, 6, 7, 8), "2,2", (5, 12, 21, 32)),
  BIN ("multiply_broadcast", "Multiply", "3,2,1", (12, 24, 36, 48, 60, 72), "1,6", (1, 2, 3, 4, 6, 1), "3,2,6",
       (12, 24, 36, 48, 72, 12, 24, 48, 72, 96, 144, 24, 36, 72, 108, 144, 216, 36, 48, 96, 144, 192, 288, 48, 60, 120,
        180, 240, 360, 60, 72, 144, 216, 288, 432, 72)),
  BIN ("multiply_1", "Multiply", "1", (2), "1", (8), "1", (16)),
  BIN ("multiply_float", "Multiply", "1", (3.1), "1", (8), "1", (3.1f * 8.0f)),
  BINI ("multiply_2x2_i32", "Multiply", "", "2,2", (1, 2, 3, 4), "2,2", (5, 6, 7, 8), "2,2", (5, 12, 21, 32)),

  BIN ("maximum_float", "Maximum", "2,2,2", (1, 8, -8, 17, -0.5, 0.5, 2, 1), "2,2,2", (1, 2, 4, 8, 0, 0, 1, 1.5), "2,2,2",
       (1, 8, 4, 17, 0, 0.5, 2, 1.5)),
  BINI ("maximum_int32", "Maximum", "", "2,2", (0x40000140, 0x40000001, -8, 17), "2,2", (0x40000170, 0x40000000, 4, 8),
        "2,2", (0x40000170, 0x40000001, 4, 17)),
  CASE ("maximum_int64", "Maximum", "opset1", "",
        IN (TL ("2,2,2", 1, 8, -8, 17, -5, 67635216, 2, 17179887632), TL ("2,2,2", 1, 2, 4, 8, 0, 18448, 1, 28059)),
        TL ("2,2,2", 1, 8, 4, 17, 0, 67635216, 2, 17179887632)),

  BIN ("minimum_f32", "Minimum", "8", (1, 8, -8, 17, -0.5, 0.5, 2, 1), "8", (1, 2, 4, 8, 0, 0, 1, 1.5), "8",
       (1, 2, -8, 8, -.5, 0, 1, 1)),
  CASE ("minimum_u8", "Minimum", "opset1", "", IN (TU8 ("8", 1, 8, 8, 17, 5, 5, 2, 3), TU8 ("8", 1, 2, 4, 8, 0, 2, 1, 200)),
        TU8 ("8", 1, 2, 4, 8, 0, 2, 1, 3)),
  BINI ("minimum_i32", "Minimum", "", "8", (1, 8, -8, 17, -5, 67635216, 2, 1), "8", (1, 2, 4, 8, 0, 18448, 1, 6), "8",
        (1, 2, -8, 8, -5, 18448, 1, 1)),
  CASE ("minimum_i64", "Minimum", "opset1", "",
        IN (TL ("8", 1, 8, -8, 17, -5, 67635216, 2, 17179887632), TL ("8", 1, 2, 4, 8, 0, 18448, 1, 280592)),
        TL ("8", 1, 2, -8, 8, -5, 18448, 1, 280592)),

  BIN ("power_2x2", "Power", "2,2", (1, 2, 3, 5), "2,2", (2, 0, 6, 3), "2,2", (1, 1, 729, 125)),
  BIN ("power_broadcast", "Power", "2,1,5", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10), "2,1", (1, 2), "2,2,5",
       (1, 2, 3, 4, 5, 1, 4, 9, 16, 25, 6, 7, 8, 9, 10, 36, 49, 64, 81, 100)),
  BIN ("power_1", "Power", "1", (2), "1", (3), "1", (8)),
  BIN ("power_2x2_1", "Power", "2,2", (2, 3, 4, 5), "1", (2), "2,2", (4, 9, 16, 25)),
  BINI ("power_broadcast_i32", "Power", "", "2,1,5", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10), "2,1", (1, 2), "2,2,5",
        (1, 2, 3, 4, 5, 1, 4, 9, 16, 25, 6, 7, 8, 9, 10, 36, 49, 64, 81, 100)),

  BIN ("divide_2x2", "Divide", "2,2", (2, 4, 8, 16), "2,2", (1, 2, 4, 8), "2,2", (2, 2, 2, 2)),
  BIN ("divide_float32_1", "Divide", "1", (18), "1", (8), "1", (2.25)),
  BIN ("divide_float32_by_zero", "Divide", "2,2", (2, 4, 8, 16), "2,2", (0, 0, 0, 0), "2,2",
       (INFINITY, INFINITY, INFINITY, INFINITY)),
  BINI ("divide_int32", "Divide", "", "2,2", (0x40000140, 0x40000001, 8, 16), "2,2", (2, 5, 4, 8), "2,2",
        (536871072, 214748365, 2, 2)),
  BINI ("divide_int32_1", "Divide", "", "1", (18), "1", (8), "1", (2)),
  BIN ("divide_broadcast_f32", "Divide", "3,2,1", (12, 24, 36, 48, 60, 72), "1,6", (1, 2, 3, 4, 6, 1), "3,2,6",
       (12, 6, 4, 3, 2, 12, 24, 12, 8, 6, 4, 24, 36, 18, 12, 9, 6, 36, 48, 24, 16, 12, 8, 48, 60, 30, 20, 15, 10, 60, 72,
        36, 24, 18, 12, 72)),
  BINI ("divide_broadcast_i32", "Divide", "", "3,2,1", (12, 24, 36, 48, 60, 72), "1,6", (1, 2, 3, 4, 6, 1), "3,2,6",
        (12, 6, 4, 3, 2, 12, 24, 12, 8, 6, 4, 24, 36, 18, 12, 9, 6, 36, 48, 24, 16, 12, 8, 48, 60, 30, 20, 15, 10, 60,
         72, 36, 24, 18, 12, 72)),
  BINI ("divide_python_rounding_int32", "Divide", "", "2,2", (-10, -10, 10, 10), "2,2", (-3, 3, -3, 3), "2,2",
        (3, -4, -4, 3)),
  BINI ("divide_cpp_rounding_int32", "Divide", "m_pythondiv=\"false\"", "2,2", (-10, -10, 10, 10), "2,2",
        (-3, 3, -3, 3), "2,2", (3, -3, -3, 3)),
  /* smoke_Divide_Overflow: INT64_MIN / -1 is an error, both roundings */
  CASE_ERR ("divide_overflow_i64_pythondiv", "Divide", "opset1", "",
            IN (TL ("1", -9223372036854775807.0L - 1), TL ("1", -1)), "integer division overflow"),
  CASE_ERR ("divide_overflow_i64_cppdiv", "Divide", "opset1", "m_pythondiv=\"false\"",
            IN (TL ("1", -9223372036854775807.0L - 1), TL ("1", -1)), "integer division overflow"),
  CASE_ERR ("qscope_divide_int_by_zero", "Divide", "opset1", "",
            IN (TI ("2", 1, 2), TI ("2", 1, 0)), "integer division by zero"),
};

/* ---- activations and unary maths (sqrt.cpp, log.cpp, sign.cpp, abs.cpp, negative.cpp, sin.cpp, cos.cpp,
 *      relu.cpp, sigmoid.cpp, tanh.cpp, exp.cpp, elu.cpp, clamp.cpp, gelu.cpp, hsigmoid.cpp,
 *      hswish.cpp, hard_sigmoid.cpp, softplus.cpp, swish.cpp, prelu.cpp) ---- */

#define UN(name, op, ver, attrs, s, x, o, tol) \
  CASE_TOL (name, op, ver, attrs, IN (TF (s, UNPAREN x)), TF (s, UNPAREN o), tol)
#define UNI(name, op, ver, attrs, T, s, x, o) \
  CASE (name, op, ver, attrs, IN (T (s, UNPAREN x)), T (s, UNPAREN o))
#define CLAMP_ATTRS(lo, hi) "min=\"" lo "\" max=\"" hi "\""
#define CLAMP_X (-FLT_MAX, FLT_MAX, -INFINITY, INFINITY, 9.99999, 10.0, 10.000001, 19.999999, 20.0, 20.000001)
#define CLAMP_I (-2147483648.0L, 2147483647, 9, 10, 11, 19, 20, 21)
#define PR(name, s, x, ss, sl, o) \
  CASE (name, "PReLU", "opset1", "", IN (TF (s, UNPAREN x), TF (ss, UNPAREN sl)), TF (s, UNPAREN o))
#define M120 (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, \
              -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, \
              -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, \
              -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, \
              -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)
#define N120 (0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20, -21, -22, \
              -23, -24, -25, -26, -27, -28, -29, -30, -31, -32, -33, -34, -35, -36, -37, -38, -39, -40, -41, -42, -43, \
              -44, -45, -46, -47, -48, -49, -50, -51, -52, -53, -54, -55, -56, -57, -58, -59, -60, -61, -62, -63, -64, \
              -65, -66, -67, -68, -69, -70, -71, -72, -73, -74, -75, -76, -77, -78, -79, -80, -81, -82, -83, -84, -85, \
              -86, -87, -88, -89, -90, -91, -92, -93, -94, -95, -96, -97, -98, -99, -100, -101, -102, -103, -104, \
              -105, -106, -107, -108, -109, -110, -111, -112, -113, -114, -115, -116, -117, -118, -119)
#define P120 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, \
              28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, \
              54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, \
              80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, \
              104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119)
#define R5X24 (0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, \
               0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, \
               0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, \
               0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, \
               0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4, 0, -1, -2, -3, -4)
#define C3X20 (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, \
               -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, \
               -2, -2, -2, -2, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, \
               -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, \
               -2, -2, -2, -2, -2, -2, -2, -2, -2, -2)

static const RefCase activation_cases[] = {
  UN ("relu_2x5", "Relu", "opset1", "", "2,5", (1, 8, -8, 17, -0.5, 1, 8, -8, 17, -0.5), (1, 8, 0, 17, 0, 1, 8, 0, 17, 0), 0),
  UN ("relu_2x2x2x2", "Relu", "opset1", "", "2,2,2,2", (1, 8, -8, 17, -0.5, 1, 8, -8, 17, -0.5, 1, 8, -8, 17, -0.5, 1),
      (1, 8, 0, 17, 0, 1, 8, 0, 17, 0, 1, 8, 0, 17, 0, 1), 0),
  UNI ("relu_2x5_i32", "Relu", "opset1", "", TI, "2,5", (1, 8, -8, 17, -2, 1, 8, -8, 17, -1), (1, 8, 0, 17, 0, 1, 8, 0, 17, 0)),
  UNI ("relu_2x5_i64", "Relu", "opset1", "", TL, "2,5", (1, 8, -8, 17, -2, 1, 8, -8, 17, -1), (1, 8, 0, 17, 0, 1, 8, 0, 17, 0)),

  UN ("sqrt_basic", "Sqrt", "opset1", "", "2,3", (16, 4, 81, 100, 10000, 0), (4, 2, 9, 10, 100, 0), 0),
  UN ("sqrt_negative_inputs", "Sqrt", "opset1", "", "4", (-1, 4, -81, 100), (NAN, 2, NAN, 10), 0),
  UNI ("sqrt_integral_inputs", "Sqrt", "opset1", "", TI, "2,7", (4, 7, 9, 10, 80, 55, 6, 1, 23, 233, 256, 474, 1024, 110889),
       (2, 3, 3, 3, 9, 7, 2, 1, 5, 15, 16, 22, 32, 333)),
  UN ("sqrt_floating_inputs", "Sqrt", "opset1", "", "2,7",
      (4, 7, 9, 10, 80, 55, 6.25, 0.9, 23.33, 233, 256, 473.7891, 1024, 111108.88),
      (2., 2.6457512, 3., 3.1622777, 8.944272, 7.4161983, 2.5, 0.94868326, 4.830114, 15.264338, 16., 21.766697, 32., 333.33),
      1e-6),
  UN ("log_8", "Log", "opset1", "", "8", (0.125, 0.25, 0.5, 1, 2, 4, 8, 16),
      (-2.07944154, -1.38629436, -0.69314718, 0.00000000, 0.69314718, 1.38629436, 2.07944154, 2.77258872), 1e-6),
  UNI ("log_4_i64", "Log", "opset1", "", TL, "4", (10, 100, 1000, 10000), (2, 4, 6, 9)),
  UNI ("log_4_i32", "Log", "opset1", "", TI, "4", (10, 100, 1000, 10000), (2, 4, 6, 9)),
  UN ("sign_f32", "Sign", "opset1", "", "6", (1, -2, 0, -4.8, 4.8, -0.0), (1, -1, 0, -1, 1, 0), 0),
  UNI ("sign_i32", "Sign", "opset1", "", TI, "6", (1, -2, 0, -4, 4, -0), (1, -1, 0, -1, 1, 0)),
  UNI ("sign_i64", "Sign", "opset1", "", TL, "6", (1, -2, 0, -4, 4, -0), (1, -1, 0, -1, 1, 0)),

  UN ("abs_f32", "Abs", "opset1", "", "4", (1, -2, 0, -4.75), (1, 2, 0, 4.75), 0),
  UNI ("abs_i64", "Abs", "opset1", "", TL, "4", (1, -2, 0, -4), (1, 2, 0, 4)),
  UNI ("abs_i32", "Abs", "opset1", "", TI, "4", (1, -2, 0, -4), (1, 2, 0, 4)),
  UN ("negative_f32", "Negative", "opset1", "", "6", (1, -2, 0, -4.75, 8.75, -8.75), (-1, 2, 0, 4.75, -8.75, 8.75), 0),
  UNI ("negative_i64", "Negative", "opset1", "", TL, "10", (1, 8, -8, 17, -2, 1, 8, -8, 17, -1),
       (-1, -8, 8, -17, 2, -1, -8, 8, -17, 1)),
  UNI ("negative_i32", "Negative", "opset1", "", TI, "10", (1, 8, -8, 17, -2, 1, 8, -8, 17, -1),
       (-1, -8, 8, -17, 2, -1, -8, 8, -17, 1)),

  UN ("sin_f32", "Sin", "opset1", "", "11", (0, 0.25, -0.25, 0.5, -0.5, 1, -1, 2, -2, 4, -4),
      (0.00000000, 0.24740396, -0.24740396, 0.47942554, -0.47942554, 0.84147098, -0.84147098, 0.90929743, -0.90929743,
       -0.75680250, 0.75680250), 1e-6),
  UNI ("sin_i32", "Sin", "opset1", "", TI, "7", (0, 1, -1, 2, -2, 4, -4), (0, 0, 0, 0, 0, 0, 0)),
  UNI ("sin_i64", "Sin", "opset1", "", TL, "7", (0, 1, -1, 2, -2, 4, -4), (0, 0, 0, 0, 0, 0, 0)),
  UN ("cos_f32", "Cos", "opset1", "", "11", (0, 0.25, -0.25, 0.5, -0.5, 1, -1, 2, -2, 4, -4),
      (1.00000000, 0.96891242, 0.96891242, 0.87758256, 0.87758256, 0.54030231, 0.54030231, -0.41614684, -0.41614684,
       -0.65364362, -0.65364362), 1e-6),
  UNI ("cos_i32", "Cos", "opset1", "", TI, "5", (1, 2, 3, 4, 5), (1, 0, -1, -1, 0)),
  UNI ("cos_i64", "Cos", "opset1", "", TL, "5", (1, 2, 3, 4, 5), (1, 0, -1, -1, 0)),

  /* sigmoid: 1 / (1 + exp (-x)) in float */
  UN ("sigmoid_1x1x2x2", "Sigmoid", "opset1", "", "1,1,2,2", (1, 4, 1, 4), (0.731058598, 0.982013762, 0.731058598, 0.982013762), 1e-6),
  UN ("sigmoid_1x1x4", "Sigmoid", "opset1", "", "1,1,4", (1, 4, 1, 4), (0.731058598, 0.982013762, 0.731058598, 0.982013762), 1e-6),
  UNI ("sigmoid_1x1x2x2_i32", "Sigmoid", "opset1", "", TI, "1,1,2,2", (1, 4, -1, -4), (1, 1, 0, 0)),
  UNI ("sigmoid_1x1x4_i64", "Sigmoid", "opset1", "", TL, "1,1,4", (1, 4, -1, -4), (1, 1, 0, 0)),

  UN ("tanh_f32", "Tanh", "opset1", "", "11", (-4, -2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2, 4),
      (-0.99932930, -0.96402758, -0.76159416, -0.46211716, -0.24491866, 0.00000000, 0.24491866, 0.46211716, 0.76159416,
       0.96402758, 0.99932930), 1e-6),
  UNI ("tanh_i32", "Tanh", "opset1", "", TI, "7", (-4, -2, -1, 0, 1, 2, 4), (-1, -1, -1, 0, 1, 1, 1)),
  UNI ("tanh_i64", "Tanh", "opset1", "", TL, "7", (-4, -2, -1, 0, 1, 2, 4), (-1, -1, -1, 0, 1, 1, 1)),

  /* exp: expf of the inputs */
  UN ("exp_8", "Exp", "opset1", "", "8", (-4, -3, -2, -1, 0, 1, 2, 3),
      (0.0183156393, 0.0497870669, 0.135335281, 0.36787945, 1, 2.71828175, 7.38905621, 20.085537), 1e-6),
  UN ("exp_1", "Exp", "opset1", "", "1", (13), (442413.406), 1e-6),
  UNI ("exp_8_i32", "Exp", "opset1", "", TI, "8", (-4, -3, -2, -1, 0, 1, 2, 3), (0, 0, 0, 0, 1, 2, 7, 20)),
  UNI ("exp_1_i64", "Exp", "opset1", "", TL, "1", (13), (442413)),

  UN ("elu_alpha_0_5", "Elu", "opset1", "alpha=\"0.5\"", "3,2", (-2, 3, -2, 1, -1, 0),
      (-0.432332358, 3, -0.432332358, 1, -0.316060279, 0), 1e-6),
  UN ("elu_alpha_minus_1", "Elu", "opset1", "alpha=\"-1\"", "3,2", (-2, 3, -2, 1, -1, 0),
      (0.864664717, 3, 0.864664717, 1, 0.632120559, 0), 1e-6),
  UNI ("elu_alpha_0_5_i32", "Elu", "opset1", "alpha=\"0.5\"", TI, "3,2", (-2, 3, -2, 1, -1, 0), (0, 3, 0, 1, 0, 0)),
  UNI ("elu_alpha_minus_1_i32", "Elu", "opset1", "alpha=\"-1\"", TI, "3,2", (-2, 3, -2, 1, -1, 0), (0, 3, 0, 1, 0, 0)),

  UN ("clamp_0_2_0_6", "Clamp", "opset1", CLAMP_ATTRS ("0.2", "0.6"), "5,2", (-0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8),
      (0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.5, 0.6, 0.6, 0.6), 0),
  UN ("clamp_10_20", "Clamp", "opset1", CLAMP_ATTRS ("10", "20"), "5,2", CLAMP_X,
      (10.0, 20.0, 10.0, 20.0, 10.0, 10.0, 10.000001, 19.999999, 20.0, 20.0), 0),
  UN ("clamp_10_inf", "Clamp", "opset1", CLAMP_ATTRS ("10", "inf"), "5,2", CLAMP_X,
      (10.0, FLT_MAX, 10.0, INFINITY, 10.0, 10.0, 10.000001, 19.999999, 20.0, 20.000001), 0),
  UN ("clamp_minus_inf_20", "Clamp", "opset1", CLAMP_ATTRS ("-inf", "20"), "5,2", CLAMP_X,
      (-FLT_MAX, 20.0, -INFINITY, 20.0, 9.99999, 10.0, 10.000001, 19.999999, 20.0, 20.0), 0),
  UNI ("clamp_0_4_5_6_i32", "Clamp", "opset1", CLAMP_ATTRS ("0.4", "5.6"), TI, "6", (-1, 3, -10, 20, 6, 2), (1, 3, 1, 5, 5, 2)),
  UNI ("clamp_minus_5_6_minus_0_4_i32", "Clamp", "opset1", CLAMP_ATTRS ("-5.6", "-0.4"), TI, "6", (-6, 1, -2, 0, -1, 2),
       (-5, -1, -2, -1, -1, -1)),
  UNI ("clamp_10_20_i32", "Clamp", "opset1", CLAMP_ATTRS ("10", "20"), TI, "4,2", CLAMP_I, (10, 20, 10, 10, 11, 19, 20, 20)),
  UNI ("clamp_10_inf_i32", "Clamp", "opset1", CLAMP_ATTRS ("10", "inf"), TI, "4,2", CLAMP_I,
       (10, 2147483647, 10, 10, 11, 19, 20, 21)),
  UNI ("clamp_minus_inf_20_i32", "Clamp", "opset1", CLAMP_ATTRS ("-inf", "20"), TI, "4,2", CLAMP_I,
       (-2147483648.0L, 20, 9, 10, 11, 19, 20, 20)),
  UNI ("clamp_0_4_5_6_i8", "Clamp", "opset1", CLAMP_ATTRS ("0.4", "5.6"), TI8, "6", (-1, 3, -10, 20, 6, 2), (1, 3, 1, 5, 5, 2)),
  UNI ("clamp_10_20_u8", "Clamp", "opset1", CLAMP_ATTRS ("10", "20"), TU8, "4,2", (0, 127, 9, 10, 11, 19, 20, 21),
       (10, 20, 10, 10, 11, 19, 20, 20)),
  CASE_ERR ("qscope_clamp_min_above_max", "Clamp", "opset1", CLAMP_ATTRS ("2", "1"), IN (TF ("1", 0)), "min"),

  /* gelu.cpp: v2 is erf; v7 erf and tanh.  The first tanh case expects the
   * erf values, within the test's default threshold 1e-2 */
  UN ("gelu_v2_erf_8", "Gelu", "opset2", "", "8", (-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0),
      (-0.00012636185, -0.0040495098, -0.04550028, -0.15865529, 0.0, 0.8413447, 1.9544997, 2.9959507), 1e-6),
  UN ("gelu_v2_erf_3", "Gelu", "opset2", "", "3", (-0.5, 0.1, 0.4), (-0.15426877, 0.05398279, 0.2621686), 1e-6),
  UN ("gelu_v7_erf_8", "Gelu", "opset7", "approximation_mode=\"erf\"", "8", (-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0),
      (-0.00012636185, -0.0040495098, -0.04550028, -0.15865529, 0.0, 0.8413447, 1.9544997, 2.9959507), 1e-6),
  UN ("gelu_v7_tanh_8", "Gelu", "opset7", "approximation_mode=\"tanh\"", "8", (-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0),
      (-0.00012636185, -0.0040495098, -0.04550028, -0.15865529, 0.0, 0.8413447, 1.9544997, 2.9959507), 1e-2),
  UN ("gelu_v7_erf_3", "Gelu", "opset7", "approximation_mode=\"erf\"", "3", (-0.5, 0.1, 0.4),
      (-0.15426877, 0.05398279, 0.2621686), 1e-6),
  UN ("gelu_v7_tanh_3", "Gelu", "opset7", "approximation_mode=\"tanh\"", "3", (-0.5, 0.1, 0.4),
      (-0.15428599, 0.053982753, 0.262161165), 1e-6),
  CASE_ERR ("qscope_gelu_unknown_mode", "Gelu", "opset7", "approximation_mode=\"sigmoid\"", IN (TF ("1", 0)),
            "approximation_mode"),

  UN ("hsigmoid_13", "HSigmoid", "opset5", "", "13", (-10, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 10),
      (0, 0, 0, 0, 0.16666667, 0.33333333, 0.5, 0.66666667, 0.83333333, 1, 1, 1, 1), 1e-6),
  UN ("hswish_2x3", "HSwish", "opset4", "", "2,3", (1, 8, -8, 17, -0.5, -1),
      (0.66666667, 8, 0, 17, -0.20833333, -0.33333333), 1e-6),
  UN ("hswish_2x2x1x2", "HSwish", "opset4", "", "2,2,1,2", (0.1, 0.6, 20, -7, -5.3, 3.5, -9, 11),
      (0.05166667, 0.36, 20, 0, 0, 3.5, 0, 11), 1e-6),
  CASE_TOL ("hard_sigmoid_alpha_0_5_beta_0_6", "HardSigmoid", "opset1", "",
            IN (TF ("3", -1, 0, 1), TF ("", 0.5), TF ("", 0.6)), TF ("3", 0.1, 0.6, 1), 1e-6),
  CASE_TOL ("hard_sigmoid_alpha_0_2_beta_0_5", "HardSigmoid", "opset1", "",
            IN (TF ("2,5", -3, -1, 0, 1, 3, 0.5, -0.2, 6, 8, 0.1), TF ("", 0.2), TF ("", 0.5)),
            TF ("2,5", 0, 0.3, 0.5, 0.7, 1, 0.6, 0.46, 1, 1, 0.52), 1e-6),
  UN ("softplus_4", "SoftPlus", "opset4", "", "4", (-1.0, 0.0, 1.0, 20.0), (0.31326166, 0.69314718, 1.3132616, 20.0), 1e-6),

  /* swish.cpp: x / (1 + exp (-beta x)); the test's threshold is 0.06 */
  CASE_TOL ("swish_2x4_beta_0_6", "Swish", "opset4", "",
            IN (TF ("2,4", 0.4, -5.7, -6, 3, -0.9, 23, 5, 3.3), TF ("", 0.6)),
            TF ("2,4", 0.22388546, -0.180554502, -0.159581961, 2.57444681, -0.331368824, 22.9999766, 4.76287063, 2.89964783),
            0.06),
  UN ("swish_2x3_beta_1", "Swish", "opset4", "", "2,3", (1, 8, -8, 17, -0.5, -1),
      (0.731058579, 7.9973172, -0.00268280104, 16.9999993, -0.188770334, -0.268941421), 0.06),
  CASE_TOL ("swish_2x2x1x2_beta_0_33", "Swish", "opset4", "",
            IN (TF ("2,2,1,2", 0.1, 0.6, 20, -7, -5.3, 3.5, -9, 11), TF ("", 0.33)),
            TF ("2,2,1,2", 0.0508249251, 0.329603349, 19.9728296, -0.632087013, -0.78531887, 2.66148051, -0.439197507,
                10.7158564), 0.06),

  /* mish.cpp draws its inputs at random (std::mt19937, normal (0, 20)) and
   * computes x tanh (log (1 + exp x)); these are that formula's values */
  UN ("qscope_mish", "Mish", "opset4", "", "9", (-5, -1, -0.5, 0, 0.5, 1, 2, 5, 20),
      (-0.0335762377, -0.303401461, -0.220743775, 0, 0.375245211, 0.865098388, 1.94395896, 4.99955208, 20), 1e-6),

  /* prelu.cpp, generatePreluFloatParams in order: a 1-D slope as long as
   * the channel axis (axis 1) runs along it, any other slope broadcasts
   * numpy-style */
  PR ("prelu_6_slope_1", "6", (1, 2, -3, -4, 5, 6), "1", (2), (1, 2, -6, -8, 5, 6)),
  PR ("prelu_6_slope_6", "6", (1, 2, -3, -4, 5, 6), "6", (2, 3, 4, 5, 6, 7), (1, 2, -12, -20, 5, 6)),
  PR ("prelu_3x2_slope_2", "3,2", (-2, 3, -2, 1, -1, 0), "2", (0, 1), (0, 3, 0, 1, 0, 0)),
  PR ("prelu_2x6_slope_6", "2,6", (1, 2, -3, -4, 5, 6, 7, 8, -9, -10, 11, 12), "6", (1, 2, 3, 4, 5, 6),
      (1, 2, -9, -16, 5, 6, 7, 8, -27, -40, 11, 12)),
  PR ("prelu_3x2_C_2_const", "3,2", (-1, -1, -1, -1, -1, -1), "2", (2, 0.5), (-2, -0.5, -2, -0.5, -2, -0.5)),
  PR ("prelu_2x2x2_slope_2", "2,2,2", (-0.5, -2, -3, -4, -5, -6, -7, -8), "2", (-0.5, -2), (0.25, 1, 6, 8, 2.5, 3, 14, 16)),
  PR ("prelu_3x2_negative_slope", "3,2", (-2, 3, -2, 1, -1, 0), "2", (-0.5, -1), (1, 3, 1, 1, 0.5, 0)),
  PR ("prelu_2x6_slope_2x6", "2,6", (1, 2, -3, -4, 5, 6, 1, 2, -3, -4, 5, 6), "2,6", (2, 2, 2, 2, 2, 2, 1, 1, 4, 2, 1, 1),
      (1, 2, -6, -8, 5, 6, 1, 2, -12, -8, 5, 6)),
  PR ("prelu_2x2x2x2_slope_2x1x2", "2,2,2,2", (1, 2, -3, -4, 1, 2, -3, -4, 1, 2, -3, -4, 1, 2, -3, -4), "2,1,2", (1, 2, 3, 4),
      (1, 2, -3, -8, 1, 2, -9, -16, 1, 2, -3, -8, 1, 2, -9, -16)),
  PR ("prelu_2x2x2x2_slope_1x2x1x2", "2,2,2,2", (1, 2, -3, -4, 1, 2, -3, -4, 1, 2, -3, -4, 1, 2, -3, -4), "1,2,1,2",
      (1, 2, 3, 4), (1, 2, -3, -8, 1, 2, -9, -16, 1, 2, -3, -8, 1, 2, -9, -16)),
  PR ("prelu_2x2x6_slope_2x1x6", "2,2,6",
      (1, 2, -3, -4, -5, 6, -1, -2, -3, -4, -5, -6, 1, 2, -3, -4, 5, 6, -2, 4, -6, -8, 10, 12), "2,1,6",
      (2, 1, 3, 4, 1, 7, 1, 2, 3, 4, 5, 6),
      (1, 2, -9, -16, -5, 6, -2, -2, -9, -16, -5, -42, 1, 2, -9, -16, 5, 6, -2, 4, -18, -32, 10, 12)),
  PR ("prelu_2x3x2_slope_2x3x2", "2,3,2", (1, 2, -3, -4, -5, 6, -1, -2, -3, -4, -5, -6), "2,3,2",
      (2, 1, 3, 4, 1, 7, 1, 2, 3, 4, 5, 6), (1, 2, -9, -16, -5, 6, -1, -4, -9, -16, -25, -36)),
  PR ("prelu_2x1x2_slope_2", "2,1,2", (-10, -10, -10, -10), "2", (0.1, 10), (-1, -100, -1, -100)),
  PR ("prelu_1x2x1x2_slope_2", "1,2,1,2", (-10, -10, -10, -10), "2", (0.1, 10), (-1, -1, -100, -100)),
  PR ("prelu_1x5x1x1_slope_5", "1,5,1,1", (-1, 0, -1, -1, -1), "5", (1, 2, 3, 4, 5), (-1, 0, -3, -4, -5)),
  PR ("prelu_2x3x4x5_slope_2x3x4x5", "2,3,4,5", M120, "2,3,4,5", P120, N120),
  PR ("prelu_2x3x4x5_slope_5", "2,3,4,5", M120, "5", (0, 1, 2, 3, 4), R5X24),
  PR ("prelu_2x3x4x5_slope_3", "2,3,4,5", M120, "3", (0, 1, 2), C3X20),
  PR ("prelu_2x3x4x5_slope_3x1x1", "2,3,4,5", M120, "3,1,1", (0, 1, 2), C3X20),
};

/* ---- SoftMax (softmax.cpp), Select (select.cpp) ---- */

#define SMX(name, axis, s, x, o) \
  CASE_TOL (name, "SoftMax", "opset1", "axis=\"" #axis "\"", IN (TF (s, UNPAREN x)), TF (s, UNPAREN o), 1e-6)
#define SEL(name, attrs, T, cs, c, ts, t, es, e, os, o) \
  CASE (name, "Select", "opset1", attrs, IN (TB (cs, UNPAREN c), T (ts, UNPAREN t), T (es, UNPAREN e)), T (os, UNPAREN o))

static const RefCase softmax_select_cases[] = {
  SMX ("softmax_2x2x3_axis_0", 0, "2,2,3", (-10, -20, -30, -40, -50, -60, -1, -2, -3, -4, -5, -6),
       (0.000123394576, 1.52299795e-08, 1.87952882e-12, 2.31952283e-16, 2.86251858e-20, 3.53262857e-24, 0.999876605,
        0.999999985, 1, 1, 1, 1)),
  SMX ("softmax_2x3_axis_1", 1, "2,3", (-10, -20, -30, -40, -50, -60),
       (0.9999546, 4.53978686e-05, 2.06106005e-09, 0.9999546, 4.53978686e-05, 2.06106005e-09)),
  SMX ("softmax_2x3_axis_0_test", 0, "2,3", (-10, -20, -30, -40, -50, -60),
       (1, 1, 1, 9.35762297e-14, 9.35762297e-14, 9.35762297e-14)),
  SMX ("softmax_1x2x3_axis_0_trivial", 0, "1,2,3", (-10, -20, -30, -40, -50, -60), (1, 1, 1, 1, 1, 1)),
  SMX ("softmax_2x3_axis_0_underflow", 0, "2,3", (-FLT_MAX, 1, 2, 3, 4, 5),
       (0, 0.0474258732, 0.0474258732, 1, 0.952574127, 0.952574127)),
  SMX ("softmax_2x3_axis_0_overflow", 0, "2,3", (FLT_MAX, 1, 2, 3, 4, 5),
       (1, 0.0474258732, 0.0474258732, 0, 0.952574127, 0.952574127)),
  CASE_TOL ("softmax_v8_2x3_axis_minus_1", "Softmax", "opset8", "axis=\"-1\"",
            IN (TF ("2,3", -10, -20, -30, -40, -50, -60)),
            TF ("2,3", 0.9999546, 4.53978686e-05, 2.06106005e-09, 0.9999546, 4.53978686e-05, 2.06106005e-09), 1e-6),
  CASE_ERR ("qscope_softmax_axis_out_of_range", "SoftMax", "opset1", "axis=\"2\"", IN (TF ("2,3", 1, 2, 3, 4, 5, 6)),
            "axis"),

  SEL ("select_f32_none", "auto_broadcast=\"none\"", TF, "2,2,2", (0, 1, 1, 0, 0, 1, 0, 1), "2,2,2", (1, 2, 3, 4, 5, 6, 7, 8),
       "2,2,2", (11, 12, 13, 14, 15, 16, 17, 18), "2,2,2", (11, 2, 3, 14, 15, 6, 17, 8)),
  SEL ("select_i32_none", "auto_broadcast=\"none\"", TI, "2,2,2", (0, 1, 1, 0, 0, 1, 0, 1), "2,2,2", (1, 2, 3, 4, 5, 6, 7, 8),
       "2,2,2", (11, 12, 13, 14, 15, 16, 17, 18), "2,2,2", (11, 2, 3, 14, 15, 6, 17, 8)),
  SEL ("select_f32_numpy", "auto_broadcast=\"numpy\"", TF, "4", (0, 1, 1, 0), "4", (1, 2, 3, 4), "2,4",
       (11, 12, 13, 14, 15, 16, 17, 18), "2,4", (11, 2, 3, 14, 15, 2, 3, 18)),
  SEL ("select_i32_numpy", "auto_broadcast=\"numpy\"", TI, "4", (0, 1, 1, 0), "4", (1, 2, 3, 4), "2,4",
       (11, 12, 13, 14, 15, 16, 17, 18), "2,4", (11, 2, 3, 14, 15, 2, 3, 18)),
  SEL ("select_f32_pdpd", "auto_broadcast=\"pdpd\"", TF, "2,4", (0, 0, 0, 0, 0, 1, 1, 1), "2,4", (1, 2, 3, 4, 5, 6, 7, 8),
       "4", (11, 12, 13, 14), "2,4", (11, 12, 13, 14, 11, 6, 7, 8)),
  SEL ("select_i32_pdpd", "auto_broadcast=\"pdpd\"", TI, "2,4", (0, 0, 0, 0, 0, 1, 1, 1), "2,4", (1, 2, 3, 4, 5, 6, 7, 8),
       "4", (11, 12, 13, 14), "2,4", (11, 12, 13, 14, 11, 6, 7, 8)),
};

/* ---- Tile (tile.cpp), Transpose (transpose.cpp) ---- */

#define TILE(name, ds, d, rs, r, os, o) \
  CASE (name, "Tile", "opset1", "", IN (TF (ds, UNPAREN d), TL (rs, UNPAREN r)), TF (os, UNPAREN o))
#define TILE_EMPTY(name, ds, d, rs, r, os) \
  CASE (name, "Tile", "opset1", "", IN (TF (ds, UNPAREN d), TL (rs, UNPAREN r)), { QS_ELEMENT_F32, os, NULL, 0 })
#define TR(name, T, ds, d, as, a, os, o) \
  CASE (name, "Transpose", "opset1", "", IN (T (ds, UNPAREN d), TL (as, UNPAREN a)), T (os, UNPAREN o))
#define TR24 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)
#define TR24_2301 (1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23, 12, 24)

static const RefCase tile_transpose_cases[] = {
  TILE ("tile_0d_to_1d_data_broadcast", "", (1), "1", (2), "2", (1, 1)),
  TILE ("tile_1d_to_1d_no_broadcast", "6", (1, 2, 3, 4, 5, 6), "1", (4), "24",
        (1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6)),
  TILE ("tile_1d_to_3d_data_broadcast", "3", (1, 2, 3), "3", (2, 2, 1), "2,2,3", (1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3)),
  TILE ("tile_3d_to_3d_repeats_broadcast", "2,1,3", (1, 2, 3, 4, 5, 6), "2", (2, 1), "2,2,3",
        (1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6)),
  TILE_EMPTY ("tile_1d_to_3d_with_zero_on_axis_0", "1", (1), "3", (0, 2, 3), "0,2,3"),
  TILE_EMPTY ("tile_1d_to_3d_with_zero_on_axis_1", "3", (1, 2, 3), "3", (2, 0, 3), "2,0,9"),
  TILE ("tile_3d_to_3d_repeats_broadcast_float_val", "2,1,3", (1.1, 2.2, 3.3, 4.4, 5.5, 6.6), "2", (2, 1), "2,2,3",
        (1.1, 2.2, 3.3, 1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 4.4, 5.5, 6.6)),
  TILE_EMPTY ("tile_1d_to_1d_with_negative_repeats", "3", (1, 2, 3), "1", (-1), "0"),
  CASE ("tile_1d_to_3d_data_broadcast_i32", "Tile", "opset1", "", IN (TI ("3", 1, 2, 3), TI ("3", 2, 2, 1)),
        TI ("2,2,3", 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3)),

  TR ("transpose_basic_1", TF, "2,3", (1, 2, 3, 4, 5, 6), "2", (0, 1), "2,3", (1, 2, 3, 4, 5, 6)),
  TR ("transpose_basic_2", TF, "2,3", (1, 2, 3, 4, 5, 6), "2", (1, 0), "3,2", (1, 4, 2, 5, 3, 6)),
  TR ("transpose_basic_3", TF, "2,2,3", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "3", (2, 1, 0), "3,2,2",
      (1, 7, 4, 10, 2, 8, 5, 11, 3, 9, 6, 12)),
  TR ("transpose_axes_constant", TF, "2,1,3,4", TR24, "4", (2, 3, 0, 1), "3,4,2,1", TR24_2301),
  CASE ("transpose_axes_empty_constant", "Transpose", "opset1", "",
        IN (TF ("2,1,3,4", UNPAREN TR24), { QS_ELEMENT_I64, "0", NULL, 0 }),
        TF ("4,3,1,2", 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23, 4, 16, 8, 20, 12, 24)),
  /* transpose_axes_parameter_static_shapes and _dynamic_shapes state the
   * shape [4,3,1,2] for values that are the order 2,3,0,1 of a [2,1,3,4]
   * tensor; the specification's output shape is [3,4,2,1] */
  TR ("transpose_axes_parameter_static_shapes", TF, "2,1,3,4", TR24, "4", (2, 3, 0, 1), "3,4,2,1", TR24_2301),
  TR ("transpose_axes_parameter_dynamic_shapes", TF, "2,1,3,4", TR24, "4", (2, 3, 0, 1), "3,4,2,1", TR24_2301),
  TR ("transpose_int_data_axes_constant", TI, "2,1,3,4", TR24, "4", (2, 3, 0, 1), "3,4,2,1", TR24_2301),
  TR ("transpose_int_data_axes_constant_i8", TI8, "2,1,3,4", TR24, "4", (2, 3, 0, 1), "3,4,2,1", TR24_2301),
  TR ("transpose_int_data_axes_constant_u8", TU8, "2,1,3,4", TR24, "4", (2, 3, 0, 1), "3,4,2,1", TR24_2301),
  CASE_ERR ("duplicated_axes_values", "Transpose", "opset1", "",
            IN (TF ("2,3,1", 1, 2, 3, 4, 5, 6), TL ("3", 2, 1, 2)), "order"),
  CASE_ERR ("out_of_shape_axes_values", "Transpose", "opset1", "",
            IN (TF ("2,3,1", 1, 2, 3, 4, 5, 6), TL ("3", 0, 1, 3)), "order"),
  CASE_ERR ("negative_axes_values", "Transpose", "opset1", "",
            IN (TF ("2,3,1", 1, 2, 3, 4, 5, 6), TL ("3", -1, -2, -3)), "order"),
};

/* ---- Squeeze (squeeze.cpp), Range (range.cpp), Split (split.cpp) ---- */

#define SQ(name, ver, T, s, os, as, ...) \
  CASE (name, "Squeeze", ver, "", IN (T (s, 1, 2, 3, 4, 5, 6, 7, 8), TL (as, __VA_ARGS__)), T (os, 1, 2, 3, 4, 5, 6, 7, 8))
#define RANGE(name, ot, T, it, a, b, c, os, ...) \
  CASE (name, "Range", "opset4", "output_type=\"" ot "\"", IN (it ("", a), it ("", b), it ("", c)), T (os, __VA_ARGS__))
#define SPLIT2(name, ds, d, axis, os, o0, o1) \
  CASE_MULTI (name, "Split", "opset1", "num_splits=\"2\"", IN (TF (ds, UNPAREN d), TL ("", axis)), \
              TF (os, UNPAREN o0), OUTS (TF (os, UNPAREN o1)), 0)
#define SPLIT3(name, ds, d, axis, os, o0, o1, o2) \
  CASE_MULTI (name, "Split", "opset1", "num_splits=\"3\"", IN (TF (ds, UNPAREN d), TL ("", axis)), \
              TF (os, UNPAREN o0), OUTS (TF (os, UNPAREN o1), TF (os, UNPAREN o2)), 0)
#define SPLIT4(name, ds, d, axis, os, o0, o1, o2, o3) \
  CASE_MULTI (name, "Split", "opset1", "num_splits=\"4\"", IN (TF (ds, UNPAREN d), TL ("", axis)), \
              TF (os, UNPAREN o0), OUTS (TF (os, UNPAREN o1), TF (os, UNPAREN o2), TF (os, UNPAREN o3)), 0)
#define S12 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
#define S24 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)
#define S32 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
             29, 30, 31)
#define S64 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
             29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, \
             56, 57, 58, 59, 60, 61, 62, 63)

static const RefCase squeeze_range_split_cases[] = {
  /* the specification: an axis whose dimension is not 1 is left as it is */
  SQ ("squeeze_axes_0_1_3_minus_1", "opset1", TF, "1,4,1,1,2", "4,1,2", "4", 0, 1, 3, -1),
  SQ ("squeeze_axes_0_2", "opset1", TF, "1,4,1,1,2", "4,1,2", "2", 0, 2),
  CASE ("squeeze_axes_empty", "Squeeze", "opset1", "",
        IN (TF ("1,4,1,1,2", 1, 2, 3, 4, 5, 6, 7, 8), { QS_ELEMENT_I64, "0", NULL, 0 }), TF ("4,2", 1, 2, 3, 4, 5, 6, 7, 8)),
  CASE ("squeeze_no_axes", "Squeeze", "opset1", "", IN (TF ("1,4,1,1,2", 1, 2, 3, 4, 5, 6, 7, 8)),
        TF ("4,2", 1, 2, 3, 4, 5, 6, 7, 8)),
  SQ ("squeeze_axes_0_1_3_minus_1_i64", "opset1", TL, "1,4,1,1,2", "4,1,2", "4", 0, 1, 3, -1),
  SQ ("squeeze_axes_0_2_i32", "opset1", TI, "1,4,1,1,2", "4,1,2", "2", 0, 2),
  SQ ("squeeze_axes_0_2_u8", "opset1", TU8, "1,4,1,1,2", "4,1,2", "2", 0, 2),
  SQ ("squeeze_v15_axes_0_1_3_minus_1", "opset15", TF, "1,4,1,1,2", "4,1,2", "4", 0, 1, 3, -1),
  SQ ("squeeze_v15_axes_0_2", "opset15", TF, "1,4,1,1,2", "4,1,2", "2", 0, 2),
  CASE ("squeeze_v15_no_axes", "Squeeze", "opset15", "", IN (TF ("1,4,1,1,2", 1, 2, 3, 4, 5, 6, 7, 8)),
        TF ("4,2", 1, 2, 3, 4, 5, 6, 7, 8)),
  CASE_ERR ("qscope_squeeze_axis_out_of_range", "Squeeze", "opset1", "",
            IN (TF ("1,2", 1, 2), TL ("1", 2)), "axis 2 is out of range"),

  /* generateParamsForRangeV4Float / Int / UnsignedInt */
  RANGE ("range_v4_f32_0_1_0_25", "f32", TF, TF, 0, 1, 0.25, "4", 0, 0.25, 0.5, 0.75),
  CASE_TOL ("range_v4_f32_minus_1_0_875_0_2", "Range", "opset4", "output_type=\"f32\"",
            IN (TF ("", -1), TF ("", 0.875), TF ("", 0.2)),
            TF ("10", -1.0, -0.8, -0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6, 0.8), 1e-6),
  RANGE ("range_v4_f32_2_0_minus_0_25", "f32", TF, TF, 2, 0, -0.25, "8", 2, 1.75, 1.5, 1.25, 1, 0.75, 0.5, 0.25),
  RANGE ("range_v4_i64_minus_5_6_3", "i64", TL, TL, -5, 6, 3, "4", -5, -2, 1, 4),
  RANGE ("range_v4_i64_10_5_minus_3", "i64", TL, TL, 10, 5, -3, "2", 10, 7),
  RANGE ("range_v4_i32_minus_5_6_3", "i32", TI, TI, -5, 6, 3, "4", -5, -2, 1, 4),
  RANGE ("range_v4_i32_10_5_minus_3", "i32", TI, TI, 10, 5, -3, "2", 10, 7),
  RANGE ("range_v4_i8_minus_5_6_3", "i8", TI8, TI8, -5, 6, 3, "4", -5, -2, 1, 4),
  RANGE ("range_v4_u8_from_f32_1_2_11_3_1_6", "u8", TU8, TF, 1.2, 11.3, 1.6, "10", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  RANGE ("range_v4_u8_0_10_1", "u8", TU8, TU8, 0, 10, 1, "10", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
  CASE_ERR ("qscope_range_unknown_output_type", "Range", "opset4", "output_type=\"f7\"",
            IN (TF ("", 0), TF ("", 1), TF ("", 1)), "output_type"),
  CASE_ERR ("qscope_range_zero_step", "Range", "opset4", "output_type=\"f32\"", IN (TF ("", 0), TF ("", 1), TF ("", 0)),
            "step"),

  /* generateSplitParams, f32 */
  SPLIT3 ("split_1d", "6", (1, 2, 3, 4, 5, 6), 0, "2", (1, 2), (3, 4), (5, 6)),
  SPLIT2 ("split_2d_axis_0", "6,2", S12, 0, "3,2", (0, 1, 2, 3, 4, 5), (6, 7, 8, 9, 10, 11)),
  SPLIT2 ("split_2d_axis_1", "6,2", S12, 1, "6,1", (0, 2, 4, 6, 8, 10), (1, 3, 5, 7, 9, 11)),
  SPLIT2 ("split_3d_axis_0", "2,2,3", S12, 0, "1,2,3", (0, 1, 2, 3, 4, 5), (6, 7, 8, 9, 10, 11)),
  SPLIT4 ("split_3d_axis_1", "2,8,2", S32, 1, "2,2,2", (0, 1, 2, 3, 16, 17, 18, 19), (4, 5, 6, 7, 20, 21, 22, 23),
          (8, 9, 10, 11, 24, 25, 26, 27), (12, 13, 14, 15, 28, 29, 30, 31)),
  SPLIT2 ("split_3d_axis_2", "2,1,6", S12, 2, "2,1,3", (0, 1, 2, 6, 7, 8), (3, 4, 5, 9, 10, 11)),
  SPLIT3 ("split_4d_axis_0", "3,2,3,1", (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), 0, "1,2,3,1",
          (0, 1, 2, 3, 4, 5), (6, 7, 8, 9, 10, 11), (12, 13, 14, 15, 16, 17)),
  SPLIT4 ("split_4d_axis_1", "2,8,2,2", S64, 1, "2,2,2,2", (0, 1, 2, 3, 4, 5, 6, 7, 32, 33, 34, 35, 36, 37, 38, 39),
          (8, 9, 10, 11, 12, 13, 14, 15, 40, 41, 42, 43, 44, 45, 46, 47),
          (16, 17, 18, 19, 20, 21, 22, 23, 48, 49, 50, 51, 52, 53, 54, 55),
          (24, 25, 26, 27, 28, 29, 30, 31, 56, 57, 58, 59, 60, 61, 62, 63)),
  SPLIT3 ("split_4d_axis_2", "2,1,6,2", S24, 2, "2,1,2,2", (0, 1, 2, 3, 12, 13, 14, 15), (4, 5, 6, 7, 16, 17, 18, 19),
          (8, 9, 10, 11, 20, 21, 22, 23)),
  SPLIT3 ("split_4d_axis_3", "2,1,2,6", S24, 3, "2,1,2,2", (0, 1, 6, 7, 12, 13, 18, 19), (2, 3, 8, 9, 14, 15, 20, 21),
          (4, 5, 10, 11, 16, 17, 22, 23)),
  SPLIT2 ("split_4d_axis_negative_2", "2,1,4,1", (0, 1, 2, 3, 4, 5, 6, 7), -2, "2,1,2,1", (0, 1, 4, 5), (2, 3, 6, 7)),
  CASE_MULTI ("split_4d_axis_negative_2_i32", "Split", "opset1", "num_splits=\"2\"",
              IN (TI ("2,1,4,1", 0, 1, 2, 3, 4, 5, 6, 7), TI ("", -2)),
              TI ("2,1,2,1", 0, 1, 4, 5), OUTS (TI ("2,1,2,1", 2, 3, 6, 7)), 0),
  CASE_MULTI ("split_1d_boolean", "Split", "opset1", "num_splits=\"3\"", IN (TB ("6", 1, 0, 0, 1, 1, 1), TL ("", 0)),
              TB ("2", 1, 0), OUTS (TB ("2", 0, 1), TB ("2", 1, 1)), 0),
  CASE_ERR ("qscope_split_uneven", "Split", "opset1", "num_splits=\"4\"", IN (TF ("6", 1, 2, 3, 4, 5, 6), TL ("", 0)),
            "num_splits"),
};

/* ---- MatMul (matmul.cpp, generateParamsForMatMul as far as matmul_1_3_1_x_3_true_false; "param" and "const"
 *      differ there only in how the second input is fed, a Const here), Unsqueeze (unsqueeze.cpp) ---- */

#define MM(name, ta, tb, as, a, bs, b, os, o) \
  CASE (name, "MatMul", "opset1", "transpose_a=\"" #ta "\" transpose_b=\"" #tb "\"", \
        IN (TF (as, UNPAREN a), TF (bs, UNPAREN b)), TF (os, UNPAREN o))

static const RefCase matmul_unsqueeze_cases[] = {
  MM ("matmul_2x2_2x2", false, false, "2,2", (1, 2, 3, 4), "2,2", (5, 6, 7, 8), "2,2", (19, 22, 43, 50)),
  MM ("matmul_2x3_3x3", false, false, "2,3", (1, 2, 3, 4, 5, 6), "3,3", (1, 2, 3, 4, 5, 6, 7, 8, 9), "2,3",
      (30, 36, 42, 66, 81, 96)),
  MM ("matmul_3x2_3x3_transpose", true, false, "3,2", (1, 4, 2, 5, 3, 6), "3,3", (1, 2, 3, 4, 5, 6, 7, 8, 9), "2,3",
      (30, 36, 42, 66, 81, 96)),
  MM ("matmul_3x2_2x3_transpose", true, true, "3,2", (1, 4, 2, 5, 3, 6), "2,3", (1, 3, 5, 2, 4, 6), "2,2", (22, 28, 49, 64)),
  MM ("matmul_2x3x2_3x3_transpose", true, false, "2,3,2", (1, 4, 2, 5, 3, 6, 3, 2, 1, 4, 5, 6), "3,3",
      (1, 2, 3, 4, 5, 6, 7, 8, 9), "2,2,3", (30, 36, 42, 66, 81, 96, 42, 51, 60, 60, 72, 84)),
  MM ("matmul_2_2", false, false, "2", (1, 2), "2", (1, 2), "", (5)),
  MM ("matmul_3_x_3_false_false", false, false, "3", (1, 2, 3), "3", (1, 2, 3), "", (14)),
  MM ("matmul_3_x_3_true_true", true, true, "3", (1, 2, 3), "3", (1, 2, 3), "", (14)),
  MM ("matmul_1_3_x_3_false_false", false, false, "1,3", (1, 2, 3), "3", (1, 2, 3), "1", (14)),
  MM ("matmul_3_1_x_3_true_false", true, false, "3,1", (1, 2, 3), "3", (1, 2, 3), "1", (14)),
  MM ("matmul_3_x_3_1_false_false", false, false, "3", (1, 2, 3), "3,1", (1, 2, 3), "1", (14)),
  MM ("matmul_3_x_1_3_false_true", false, true, "3", (1, 2, 3), "1,3", (1, 2, 3), "1", (14)),
  MM ("matmul_3_x_1_3_true_true", true, true, "3", (1, 2, 3), "1,3", (1, 2, 3), "1", (14)),
  MM ("matmul_1_1_3_x_3_false_false", false, false, "1,1,3", (1, 2, 3), "3", (1, 2, 3), "1,1", (14)),
  MM ("matmul_1_3_1_x_3_true_false", true, false, "1,3,1", (1, 2, 3), "3", (1, 2, 3), "1,1", (14)),
  /* the reference runs the integer types too: integer inputs give their own type, summed exactly */
  CASE ("matmul_2x2_2x2_i32", "MatMul", "opset1", "", IN (TI ("2,2", 1, 2, 3, 4), TI ("2,2", 5, 6, 7, 8)),
        TI ("2,2", 19, 22, 43, 50)),
  CASE_ERR ("qscope_matmul_inner_mismatch", "MatMul", "opset1", "", IN (TF ("2,3", 1, 2, 3, 4, 5, 6), TF ("2,2", 1, 2, 3, 4)),
            "3"),

  CASE ("unsqueeze_4x2_axes_1_2", "Unsqueeze", "opset1", "", IN (TF ("4,2", 1, 2, 3, 4, 5, 6, 7, 8), TL ("2", 1, 2)),
        TF ("4,1,1,2", 1, 2, 3, 4, 5, 6, 7, 8)),
  CASE ("unsqueeze_4x2_axes_1_2_i32_axes_i32", "Unsqueeze", "opset1", "", IN (TI ("4,2", 1, 2, 3, 4, 5, 6, 7, 8), TI ("2", 1, 2)),
        TI ("4,1,1,2", 1, 2, 3, 4, 5, 6, 7, 8)),
  CASE ("unsqueeze_negative_4x2_axes_1_minus_1", "Unsqueeze", "opset1", "",
        IN (TF ("4,2", 1, 2, 3, 4, 5, 6, 7, 8), TL ("2", 1, -1)), TF ("4,1,2,1", 1, 2, 3, 4, 5, 6, 7, 8)),
  CASE ("unsqueeze_negative_4x2_axes_1_minus_1_i64", "Unsqueeze", "opset1", "",
        IN (TL ("4,2", 1, 2, 3, 4, 5, 6, 7, 8), TI ("2", 1, -1)), TL ("4,1,2,1", 1, 2, 3, 4, 5, 6, 7, 8)),
  CASE_ERR ("qscope_unsqueeze_repeated_axis", "Unsqueeze", "opset1", "",
            IN (TF ("2", 1, 2), TL ("2", 0, 0)), "axis"),
};

/* ---- ReduceSum (reduce_sum.cpp, generateReductionParams with keep_dims true and false; the million random
 *      values of generateReductionParamsFloat are not carried over), ShuffleChannels (shuffle_channels.cpp) ---- */

static void
fill_ones (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    qs_tensor_set_f64 (t, i, 1);
}

#define R27V (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27)
#define RSUM(name, kd, ds, d, as, a, os, o) \
  CASE (name, "ReduceSum", "opset1", "keep_dims=\"" #kd "\"", IN (TF (ds, UNPAREN d), TL (as, UNPAREN a)), TF (os, UNPAREN o))
#define RSUMI(name, kd, ds, d, as, a, os, o) \
  CASE (name, "ReduceSum", "opset1", "keep_dims=\"" #kd "\"", IN (TI (ds, UNPAREN d), TL (as, UNPAREN a)), TI (os, UNPAREN o))
#define SC60 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
              29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, \
              56, 57, 58, 59)
#define SC60_5 (0, 1, 2, 3, 12, 13, 14, 15, 24, 25, 26, 27, 36, 37, 38, 39, 48, 49, 50, 51, 4, 5, 6, 7, 16, 17, 18, 19, \
                28, 29, 30, 31, 40, 41, 42, 43, 52, 53, 54, 55, 8, 9, 10, 11, 20, 21, 22, 23, 32, 33, 34, 35, 44, 45, 46, \
                47, 56, 57, 58, 59)
#define SC_U(...) __VA_ARGS__
#define SHC(name, T, ds, d, axis, group, o) \
  CASE (name, "ShuffleChannels", "opset1", "axis=\"" #axis "\" group=\"" #group "\"", IN (T (ds, UNPAREN d)), T (ds, UNPAREN o))

static const RefCase reduce_shuffle_cases[] = {
  RSUM ("reduce_sum_2x2_axes_0_1_keep", true, "2,2", (1, 2, 3, 4), "2", (0, 1), "1,1", (10)),
  RSUM ("reduce_sum_2x2_axes_0_1", false, "2,2", (1, 2, 3, 4), "2", (0, 1), "", (10)),
  RSUM ("reduce_sum_3x2_axis_0_keep", true, "3,2", (1, 2, 3, 4, 5, 6), "1", (0), "1,2", (9, 12)),
  RSUM ("reduce_sum_3x2_axis_0", false, "3,2", (1, 2, 3, 4, 5, 6), "1", (0), "2", (9, 12)),
  RSUM ("reduce_sum_3x2_axis_1_keep", true, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3,1", (3, 7, 11)),
  RSUM ("reduce_sum_3x2_axis_1", false, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3", (3, 7, 11)),
  RSUM ("reduce_sum_3x3x3_axis_0_keep", true, "3,3,3", R27V, "1", (0), "1,3,3", (30, 33, 36, 39, 42, 45, 48, 51, 54)),
  RSUM ("reduce_sum_3x3x3_axis_0", false, "3,3,3", R27V, "1", (0), "3,3", (30, 33, 36, 39, 42, 45, 48, 51, 54)),
  RSUM ("reduce_sum_3x3x3_axis_2_keep", true, "3,3,3", R27V, "1", (2), "3,3,1", (6, 15, 24, 33, 42, 51, 60, 69, 78)),
  RSUM ("reduce_sum_3x3x3_axis_2", false, "3,3,3", R27V, "1", (2), "3,3", (6, 15, 24, 33, 42, 51, 60, 69, 78)),
  RSUM ("reduce_sum_3x3x3_axes_0_1_keep", true, "3,3,3", R27V, "2", (0, 1), "1,1,3", (117, 126, 135)),
  RSUM ("reduce_sum_3x3x3_axes_0_1", false, "3,3,3", R27V, "2", (0, 1), "3", (117, 126, 135)),
  RSUM ("reduce_sum_3x3x3_axes_0_1_2_keep", true, "3,3,3", R27V, "3", (0, 1, 2), "1,1,1", (378)),
  RSUM ("reduce_sum_3x3x3_axes_0_1_2", false, "3,3,3", R27V, "3", (0, 1, 2), "", (378)),
  CASE_FILL ("reduce_sum_3x3x3x3x3_all_keep", "ReduceSum", "opset1", "keep_dims=\"true\"",
             IN (TZ ("3,3,3,3,3"), TL ("5", 0, 1, 2, 3, 4)), TF ("1,1,1,1,1", 243), 0, fill_ones),
  CASE_FILL ("reduce_sum_3x3x3x3x3_all", "ReduceSum", "opset1", "keep_dims=\"false\"",
             IN (TZ ("3,3,3,3,3"), TL ("5", 0, 1, 2, 3, 4)), TF ("", 243), 0, fill_ones),
  RSUMI ("reduce_sum_3x3x3_axes_0_1_i32", false, "3,3,3", R27V, "2", (0, 1), "3", (117, 126, 135)),
  RSUMI ("reduce_sum_3x2_axis_1_keep_i32", true, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3,1", (3, 7, 11)),
  /* the float case of generateReductionParamsFloat with 20 values, at the test's default threshold */
  CASE_TOL ("reduce_sum_20_f32", "ReduceSum", "opset1", "keep_dims=\"false\"",
            IN (TF ("20", 10000000.0, 0.9, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.1, 0.9, 0.5, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
                    0.9, 0.1), TL ("1", 0)), TF ("", 10000010.2), 1e-2),
  CASE_ERR ("qscope_reduce_sum_axis_out_of_range", "ReduceSum", "opset1", "", IN (TF ("2", 1, 2), TL ("1", 1)),
            "axis 1 is out of range"),

  SHC ("shuffle_channels_simple", TF, "1,15,2,2", SC60, 1, 5, SC60_5),
  SHC ("shuffle_channels_negative_axis", TF, "15,2,1,2", SC60, -4, 5, SC60_5),
  SHC ("shuffle_channels_float", TF, "6,1,1,1", (0, 1, 2, 3, 4, 5), 0, 2, (0, 3, 1, 4, 2, 5)),
  SHC ("shuffle_channels_1d", TF, "15", (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), 0, 5,
       (0, 3, 6, 9, 12, 1, 4, 7, 10, 13, 2, 5, 8, 11, 14)),
  SHC ("shuffle_channels_2d", TF, "15,4", SC60, 0, 5, SC60_5),
  SHC ("shuffle_channels_3d", TF, "15,2,2", SC60, 0, 5, SC60_5),
  SHC ("shuffle_channels_5d", TF, "2,2,15,2,2", (SC_U SC60, SC_U SC60, SC_U SC60, SC_U SC60), 2, 5,
       (SC_U SC60_5, SC_U SC60_5, SC_U SC60_5, SC_U SC60_5)),
  SHC ("shuffle_channels_simple_i32", TI, "1,15,2,2", SC60, 1, 5, SC60_5),
  SHC ("shuffle_channels_simple_u8", TU8, "1,15,2,2", SC60, 1, 5, SC60_5),
  CASE_ERR ("qscope_shuffle_channels_group_does_not_divide", "ShuffleChannels", "opset1", "axis=\"0\" group=\"4\"",
            IN (TF ("6", 0, 1, 2, 3, 4, 5)), "group"),
};

/* ---- VariadicSplit (variadic_split.cpp: the static cases as far as variadic_split_4d_axis_2; the dynamic ones
 *      differ only in how the inputs are fed), ShapeOf (shape_of.cpp), NormalizeL2 (normalize_l2.cpp as far as
 *      normalize_l2_4D_axes_0_max) ---- */

#define VS_I64 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, \
                28, 29, 30, 31, 32, 33, 34, 35)
#define NL2(name, mode, eps, s, x, as, a, o) \
  CASE_TOL (name, "NormalizeL2", "opset1", "eps=\"" #eps "\" eps_mode=\"" mode "\"", \
            IN (TF (s, UNPAREN x), TI (as, UNPAREN a)), TF (s, UNPAREN o), 1e-5)
#define NL2E(name, mode, eps, s, x, o) \
  CASE_TOL (name, "NormalizeL2", "opset1", "eps=\"" #eps "\" eps_mode=\"" mode "\"", \
            IN (TF (s, UNPAREN x), { QS_ELEMENT_I32, "0", NULL, 0 }), TF (s, UNPAREN o), 1e-5)
#define NL48 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, \
              28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47)

static const RefCase split_shape_norm_cases[] = {
  CASE_MULTI ("variadic_split_1d_static", "VariadicSplit", "opset1", "",
              IN (TF ("10", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), TI ("1", 0), TI ("3", 5, 3, 2)),
              TF ("5", 1, 2, 3, 4, 5), OUTS (TF ("3", 6, 7, 8), TF ("2", 9, 10)), 0),
  CASE_MULTI ("variadic_split_2d_axis_0_static", "VariadicSplit", "opset1", "",
              IN (TF ("6,2", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), TI ("", 0), TI ("2", 4, 2)),
              TF ("4,2", 1, 2, 3, 4, 5, 6, 7, 8), OUTS (TF ("2,2", 9, 10, 11, 12)), 0),
  CASE_MULTI ("variadic_split_2d_axis_1_static", "VariadicSplit", "opset1", "",
              IN (TF ("4,3", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), TI ("", 1), TI ("2", 1, 2)),
              TF ("4,1", 1, 4, 7, 10), OUTS (TF ("4,2", 2, 3, 5, 6, 8, 9, 11, 12)), 0),
  CASE_MULTI ("variadic_split_4d_axis_0_static", "VariadicSplit", "opset1", "",
              IN (TF ("6,2,3,1", UNPAREN VS_I64), TI ("1", 0), TI ("3", 3, 1, 2)),
              TF ("3,2,3,1", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17),
              OUTS (TF ("1,2,3,1", 18, 19, 20, 21, 22, 23), TF ("2,2,3,1", 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35)), 0),
  CASE_MULTI ("variadic_split_4d_axis_1_static", "VariadicSplit", "opset1", "",
              IN (TF ("2,8,2,2", UNPAREN S64), TL ("1", 1), TL ("4", 1, 3, 2, 2)),
              TF ("2,1,2,2", 0, 1, 2, 3, 32, 33, 34, 35),
              OUTS (TF ("2,3,2,2", 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47),
                    TF ("2,2,2,2", 16, 17, 18, 19, 20, 21, 22, 23, 48, 49, 50, 51, 52, 53, 54, 55),
                    TF ("2,2,2,2", 24, 25, 26, 27, 28, 29, 30, 31, 56, 57, 58, 59, 60, 61, 62, 63)), 0),
  CASE_MULTI ("variadic_split_4d_axis_2_static", "VariadicSplit", "opset1", "",
              IN (TF ("2,1,6,2", UNPAREN S24), TL ("1", 2), TL ("3", 3, 1, 2)),
              TF ("2,1,3,2", 0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17),
              OUTS (TF ("2,1,1,2", 6, 7, 18, 19), TF ("2,1,2,2", 8, 9, 10, 11, 20, 21, 22, 23)), 0),
  CASE_MULTI ("variadic_split_1d_static_i32", "VariadicSplit", "opset1", "",
              IN (TI ("10", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), TI ("1", 0), TI ("3", 5, 3, 2)),
              TI ("5", 1, 2, 3, 4, 5), OUTS (TI ("3", 6, 7, 8), TI ("2", 9, 10)), 0),
  CASE_ERR ("qscope_variadic_split_lengths_do_not_add_up", "VariadicSplit", "opset1", "",
            IN (TF ("4", 1, 2, 3, 4), TI ("", 0), TI ("1", 3)), "split lengths add up to 3"),

  CASE ("shape_of_v1_2", "ShapeOf", "opset1", "", IN (TF ("2", 2, 0)), TL ("1", 2)),
  CASE ("shape_of_v1_2x4", "ShapeOf", "opset1", "", IN (TF ("2,4", 8, 0, 0, 0, 0, 0, 0, 0)), TL ("2", 2, 4)),
  CASE_FILL ("shape_of_v1_2x4x8x16x32", "ShapeOf", "opset1", "", IN (TZ ("2,4,8,16,32")), TL ("5", 2, 4, 8, 16, 32), 0, NULL),
  CASE ("shape_of_v1_2x4_u8", "ShapeOf", "opset1", "", IN (TU8 ("2,4", 8, 0, 0, 0, 0, 0, 0, 0)), TL ("2", 2, 4)),
  CASE ("shape_of_v3_2_i64", "ShapeOf", "opset3", "", IN (TF ("2", 2, 0)), TL ("1", 2)),
  CASE ("shape_of_v3_2_i32", "ShapeOf", "opset3", "output_type=\"i32\"", IN (TF ("2", 2, 0)), TI ("1", 2)),
  CASE ("shape_of_v3_2x4_i32", "ShapeOf", "opset3", "output_type=\"i32\"", IN (TI ("2,4", 8, 0, 0, 0, 0, 0, 0, 0)),
        TI ("2", 2, 4)),
  CASE_FILL ("shape_of_v3_2x4x8x16x32_i32", "ShapeOf", "opset3", "output_type=\"i32\"", IN (TZ ("2,4,8,16,32")),
             TI ("5", 2, 4, 8, 16, 32), 0, NULL),

  NL2E ("normalize_l2_1D_axes_empty_add", "add", 1e-7, "4", (0, 3, 0, 8), (0, 1, 0, 1)),
  NL2E ("normalize_l2_1D_axes_empty_max", "max", 1e-7, "4", (0, 3, 0, 8), (0, 1, 0, 1)),
  NL2 ("normalize_l2_1D_axes_0_add", "add", 1e-7, "4", (1, 2, 3, 4), "1", (0), (0.18257418, 0.36514837, 0.5477226, 0.73029673)),
  NL2 ("normalize_l2_1D_axes_0_max", "max", 1e-7, "4", (1, 2, 3, 4), "1", (0), (0.18257418, 0.36514837, 0.5477226, 0.73029673)),
  NL2E ("normalize_l2_2D_axes_empty_add", "add", 1e-7, "2,2", (0, 3, 0, 8), (0, 1, 0, 1)),
  NL2E ("normalize_l2_2D_axes_empty_max", "max", 1e-7, "2,2", (0, 3, 0, 8), (0, 1, 0, 1)),
  NL2 ("normalize_l2_2D_axes_0_add", "add", 1e-7, "2,2", (1, 2, 3, 4), "1", (0), (0.31622776, 0.4472136, 0.94868326, 0.8944272)),
  NL2 ("normalize_l2_2D_axes_0_max", "max", 1e-7, "2,2", (1, 2, 3, 4), "1", (0), (0.31622776, 0.4472136, 0.94868326, 0.8944272)),
  NL2 ("normalize_l2_2D_axes_1_add", "add", 1e-7, "2,2", (1, 2, 3, 4), "1", (1), (0.4472136, 0.8944272, 0.6, 0.8)),
  NL2 ("normalize_l2_2D_axes_1_max", "max", 1e-7, "2,2", (1, 2, 3, 4), "1", (1), (0.4472136, 0.8944272, 0.6, 0.8)),
  NL2 ("normalize_l2_2D_axes_01_add", "add", 1e-7, "2,2", (1, 2, 3, 4), "2", (0, 1),
       (0.18257418, 0.36514837, 0.5477226, 0.73029673)),
  NL2 ("normalize_l2_2D_axes_01_max", "max", 1e-7, "2,2", (1, 2, 3, 4), "2", (0, 1),
       (0.18257419, 0.36514837, 0.5477226, 0.73029674)),
  NL2 ("normalize_l2_3D_axes_1_add", "add", 1e-7, "1,2,2", (1, 2, 3, 4), "1", (1), (0.31622776, 0.4472136, 0.94868326, 0.8944272)),
  NL2 ("normalize_l2_3D_axes_1_max", "max", 1e-7, "1,2,2", (1, 2, 3, 4), "1", (1), (0.31622776, 0.4472136, 0.94868326, 0.8944272)),
  NL2 ("normalize_l2_3D_axes_2_add", "add", 1e-7, "1,2,2", (1, 2, 3, 4), "1", (2), (0.4472136, 0.8944272, 0.6, 0.8)),
  NL2 ("normalize_l2_3D_axes_2_max", "max", 1e-7, "1,2,2", (1, 2, 3, 4), "1", (2), (0.4472136, 0.8944272, 0.6, 0.8)),
  NL2 ("normalize_l2_4D_axes_0_add", "add", 0.1, "2,2,3,4", NL48, "1", (0),
       (0., 0.0399648, 0.0766909, 0.110424, 0.141413, 0.169897, 0.196106, 0.22025, 0.242524, 0.263106, 0.282155, 0.299815,
        0.316217, 0.331475, 0.345695, 0.358969, 0.371381, 0.383005, 0.39391, 0.404155, 0.413794, 0.422877, 0.431447,
        0.439545, 0.999913, 0.999121, 0.996981, 0.993816, 0.989888, 0.985403, 0.980528, 0.975393, 0.970098, 0.964723,
        0.959327, 0.953958, 0.94865, 0.94343, 0.938315, 0.933319, 0.928452, 0.923719, 0.919123, 0.914666, 0.910347,
        0.906165, 0.902117, 0.8982)),
  NL2 ("normalize_l2_4D_axes_0_max", "max", 0.1, "2,2,3,4", NL48, "1", (0),
       (0., 0.03996804, 0.07669649, 0.11043153, 0.14142135, 0.1699069, 0.19611612, 0.22026087, 0.2425356, 0.26311737,
        0.2821663, 0.2998266, 0.31622776, 0.331486, 0.34570533, 0.35897905, 0.37139067, 0.38301498, 0.3939193, 0.40416384,
        0.41380292, 0.42288542, 0.43145543, 0.43955287, 0.99999994, 0.9992009, 0.9970544, 0.9938838, 0.98994946, 0.98546,
        0.9805806, 0.97544104, 0.9701424, 0.96476364, 0.9593654, 0.95399374, 0.9486833, 0.9434601, 0.93834305, 0.93334556,
        0.9284767, 0.923742, 0.919145, 0.91468656, 0.9103665, 0.90618306, 0.90213406, 0.8982167)),
  CASE_ERR ("qscope_normalize_l2_unknown_eps_mode", "NormalizeL2", "opset1", "eps=\"0.1\" eps_mode=\"min\"",
            IN (TF ("2", 1, 2), TI ("1", 0)), "eps_mode"),
};

/* ---- Gather (gather.cpp, generateParams and generateParamsFloatValue of Gather-1 as far as
 *      gather_2d_indices_axis_1_2d_input) ---- */

#define G_IDX48 (0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, \
                 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2)
#define G_OUT8 10, 11, 20, 21, 20, 21, 30, 31
#define G_OUTF8 1.0, 1.1, 2.0, 2.1, 2.0, 2.1, 3.0, 3.1
#define GA(name, T, ds, d, is, i, axis, os, o) \
  CASE (name, "Gather", "opset1", "", IN (T (ds, UNPAREN d), TI (is, UNPAREN i), TL ("", axis)), T (os, UNPAREN o))

static const RefCase gather_cases[] = {
  GA ("gather_4d_indices_axis_0", TF, "3,2", (10, 11, 20, 21, 30, 31), "2,2,3,4", G_IDX48, 0, "2,2,3,4,2",
      (G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8, G_OUT8)),
  GA ("gather_axis_0", TF, "3,2", (10, 11, 20, 21, 30, 31), "2,2", (0, 1, 1, 2), 0, "2,2,2", (G_OUT8)),
  GA ("gather_axis_0_i32", TI, "3,2", (10, 11, 20, 21, 30, 31), "2,2", (0, 1, 1, 2), 0, "2,2,2", (G_OUT8)),
  GA ("gather_axis_0_u8", TU8, "3,2", (10, 11, 20, 21, 30, 31), "2,2", (0, 1, 1, 2), 0, "2,2,2", (G_OUT8)),
  GA ("gather_4d_indices_axis_0_2d_input", TF, "3,2", (1.0, 1.1, 2.0, 2.1, 3.0, 3.1), "2,2,3,4", G_IDX48, 0, "2,2,3,4,2",
      (G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8)),
  GA ("gather_3d_indices_axis_0_2d_input", TF, "3,2", (1.0, 1.1, 2.0, 2.1, 3.0, 3.1), "2,3,4",
      (0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2, 0, 1, 1, 2), 0, "2,3,4,2",
      (G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8, G_OUTF8)),
  GA ("gather_2d_indices_axis_0_2d_input", TF, "3,2", (1.0, 1.1, 2.0, 2.1, 3.0, 3.1), "2,2", (0, 1, 1, 2), 0, "2,2,2",
      (G_OUTF8)),
  GA ("gather_2d_negative_and_positive_indices_axis_0_2d_input", TF, "3,2", (1.0, 1.1, 2.0, 2.1, 3.0, 3.1), "2,2",
      (0, -2, 1, 2), 0, "2,2,2", (G_OUTF8)),
  GA ("gather_1d_indices_axis_0_1d_input", TF, "3", (1.0, 2.0, 3.0), "2", (1, 0), 0, "2", (2.0, 1.0)),
  GA ("gather_scalar_indices_axis_0_2d_input", TF, "3,2", (1.0, 1.1, 2.0, 2.1, 3.0, 3.1), "", (1), 0, "2", (2.0, 2.1)),
  GA ("gather_2d_indices_axis_1_2d_input", TF, "3,3", (1.0, 1.1, 1.2, 2.0, 2.1, 2.2, 3.0, 3.1, 3.2), "1,2", (0, 2), 1,
      "3,1,2", (1.0, 1.2, 2.0, 2.2, 3.0, 3.2)),
  CASE ("qscope_gather_v8_batch_dims_1", "Gather", "opset8", "batch_dims=\"1\"",
        IN (TF ("2,3", 1, 2, 3, 4, 5, 6), TI ("2,1", 2, 0), TL ("", 1)), TF ("2,1", 3, 4)),
  CASE_ERR ("qscope_gather_index_out_of_range", "Gather", "opset1", "",
            IN (TF ("3", 1, 2, 3), TI ("1", 3), TL ("", 0)), "out of range"),
};

/* ---- MVN (mvn.cpp: MVN-1 as opset2, MVN-6) ---- */

#define M27 (1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9)
#define M27_CENTRED (-4, -3, -2, -1, 0, 1, 2, 3, 4, -4, -3, -2, -1, 0, 1, 2, 3, 4, -4, -3, -2, -1, 0, 1, 2, 3, 4)
#define M27_NORM (-1.5491934, -1.161895, -0.7745967, -0.38729835, 0., 0.38729835, 0.7745967, 1.161895, 1.5491934, \
                  -1.5491934, -1.161895, -0.7745967, -0.38729835, 0., 0.38729835, 0.7745967, 1.161895, 1.5491934, \
                  -1.5491934, -1.161895, -0.7745967, -0.38729835, 0., 0.38729835, 0.7745967, 1.161895, 1.5491934)
#define M12 (1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3)
#define M12_CENTRED (-3.25, -2.25, -1.25, -0.25, 0.75, 1.75, 2.75, 3.75, 4.75, -3.25, -2.25, -1.25)
#define MVN1(name, attrs, s, x, o) \
  CASE_TOL (name, "MVN", "opset2", attrs " eps=\"1e-9\"", IN (TF (s, UNPAREN x)), TF (s, UNPAREN o), 1e-6)
#define MVN6(name, nv, mode, as, a, o) \
  CASE_TOL (name, "MVN", "opset6", "normalize_variance=\"" #nv "\" eps=\"1e-9\" eps_mode=\"" mode "\"", \
            IN (TF ("1,3,3,3", UNPAREN M27), TL (as, UNPAREN a)), TF ("1,3,3,3", UNPAREN o), 1e-6)

static const RefCase mvn_cases[] = {
  MVN1 ("mvn1_across_channels_false_variance_false", "across_channels=\"false\" normalize_variance=\"false\"", "1,3,3,3",
        M27, M27_CENTRED),
  MVN1 ("mvn1_across_channels_true_variance_false", "across_channels=\"true\" normalize_variance=\"false\"", "1,3,2,2",
        M12, M12_CENTRED),
  MVN1 ("mvn1_across_channels_false_variance_true", "across_channels=\"false\" normalize_variance=\"true\"", "1,3,3,3",
        M27, M27_NORM),
  MVN1 ("mvn1_across_channels_true_variance_true", "across_channels=\"true\" normalize_variance=\"true\"", "1,3,3,3",
        M27, M27_NORM),
  MVN1 ("mvn1_reduction_axes_1_2_3_variance_false", "reduction_axes=\"1,2,3\" normalize_variance=\"false\"", "1,3,2,2",
        M12, M12_CENTRED),
  MVN1 ("mvn1_reduction_axes_2_3_variance_true", "reduction_axes=\"2,3\" normalize_variance=\"true\"", "1,3,3,3",
        M27, M27_NORM),
  MVN6 ("mvn6_variance_false_outside_sqrt", false, "outside_sqrt", "2", (2, 3), M27_CENTRED),
  MVN6 ("mvn6_variance_true_outside_sqrt", true, "outside_sqrt", "2", (2, 3), M27_NORM),
  MVN6 ("mvn6_variance_true_inside_sqrt", true, "inside_sqrt", "2", (2, 3), M27_NORM),
  MVN6 ("mvn6_variance_true_axes_1_2_3_outside_sqrt", true, "outside_sqrt", "3", (1, 2, 3), M27_NORM),
  CASE_ERR ("qscope_mvn6_unknown_eps_mode", "MVN", "opset6", "normalize_variance=\"true\" eps=\"1e-9\" eps_mode=\"under_sqrt\"",
            IN (TF ("1,2", 1, 2), TL ("1", 1)), "eps_mode"),
};

/* ---- Broadcast (broadcast.cpp: generateParams for Broadcast-1 and -3, generateParamsExplicitAxis as far as
 *      broadcast_vector_rowwise) ---- */

#define BC(name, ver, T, ds, d, ts, t, os, o) \
  CASE (name, "Broadcast", ver, "", IN (T (ds, UNPAREN d), TL (ts, UNPAREN t)), T (os, UNPAREN o))
#define BCX(name, ds, d, ts, t, am, os, o) \
  CASE (name, "Broadcast", "opset1", "mode=\"explicit\"", IN (TF (ds, UNPAREN d), TL (ts, UNPAREN t), TL ("1", am)), \
        TF (os, UNPAREN o))

static const RefCase broadcast_cases[] = {
  BC ("broadcast_scalar_vector", "opset1", TF, "", (6), "1", (4), "4", (6, 6, 6, 6)),
  BC ("broadcast_scalar_matrix", "opset1", TF, "", (6), "2", (2, 2), "2,2", (6, 6, 6, 6)),
  BC ("broadcast_scalar_tensor", "opset1", TF, "", (6), "3", (2, 2, 2), "2,2,2", (6, 6, 6, 6, 6, 6, 6, 6)),
  BC ("broadcast_trivial", "opset1", TF, "2,2,2", (2, 4, 6, 8, 16, 32, 64, 127), "3", (2, 2, 2), "2,2,2",
      (2, 4, 6, 8, 16, 32, 64, 127)),
  BC ("broadcast_matrix_0", "opset1", TF, "2,2", (1, 2, 3, 4), "3", (2, 2, 2), "2,2,2", (1, 2, 3, 4, 1, 2, 3, 4)),
  BC ("broadcast_matrix_0_i8", "opset1", TI8, "2,2", (1, 2, 3, 4), "3", (2, 2, 2), "2,2,2", (1, 2, 3, 4, 1, 2, 3, 4)),
  BC ("broadcast_matrix_0_i64", "opset1", TL, "2,2", (1, 2, 3, 4), "3", (2, 2, 2), "2,2,2", (1, 2, 3, 4, 1, 2, 3, 4)),
  BC ("broadcast_v3_scalar_vector", "opset3", TF, "", (6), "1", (4), "4", (6, 6, 6, 6)),
  BC ("broadcast_v3_scalar_tensor", "opset3", TF, "", (6), "3", (2, 2, 2), "2,2,2", (6, 6, 6, 6, 6, 6, 6, 6)),
  BC ("broadcast_v3_trivial", "opset3", TF, "2,2,2", (2, 4, 6, 8, 16, 32, 64, 127), "3", (2, 2, 2), "2,2,2",
      (2, 4, 6, 8, 16, 32, 64, 127)),
  BC ("broadcast_v3_matrix_0", "opset3", TF, "2,2", (1, 2, 3, 4), "3", (2, 2, 2), "2,2,2", (1, 2, 3, 4, 1, 2, 3, 4)),
  BCX ("broadcast_scalar_vector_explicit_axis_0", "", (6), "2", (1, 2), 0, "1,2", (6, 6)),
  BCX ("broadcast_vector_colwise", "3", (1, 2, 3), "2", (3, 4), 0, "3,4", (1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3)),
  BCX ("broadcast_vector_rowwise", "4", (1, 2, 3, 4), "2", (3, 4), 1, "3,4", (1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4)),
  CASE ("qscope_broadcast_v3_bidirectional", "Broadcast", "opset3", "mode=\"bidirectional\"",
        IN (TF ("2,1", 1, 2), TL ("2", 1, 3)), TF ("2,3", 1, 1, 1, 2, 2, 2)),
  CASE_ERR ("qscope_broadcast_unknown_mode", "Broadcast", "opset3", "mode=\"sideways\"",
            IN (TF ("1", 1), TL ("1", 2)), "mode"),
};

/* ---- Concat (concat.cpp, generateParams; its string and sub-byte cases are types the executor does not
 *      compute) ---- */

#define CC(name, T, axis, as, a, bs, b, cs, c, os, o) \
  CASE (name, "Concat", "opset1", "axis=\"" #axis "\"", IN (T (as, UNPAREN a), T (bs, UNPAREN b), T (cs, UNPAREN c)), \
        T (os, UNPAREN o))

static const RefCase concat_cases[] = {
  CC ("concat_negative_axis", TF, -1, "2,2", (2, 4, 8, 16), "2,3", (1, 2, 4, 8, 16, 32), "2,3", (2, 3, 5, 7, 11, 13), "2,8",
      (2, 4, 1, 2, 4, 2, 3, 5, 8, 16, 8, 16, 32, 7, 11, 13)),
  CC ("concat_matrix_colwise", TF, 1, "2,2", (2, 4, 8, 16), "2,3", (1, 2, 4, 8, 16, 32), "2,3", (2, 3, 5, 7, 11, 13), "2,8",
      (2, 4, 1, 2, 4, 2, 3, 5, 8, 16, 8, 16, 32, 7, 11, 13)),
  CC ("concat_matrix_rowwise", TF, 0, "2,2", (2, 4, 8, 16), "3,2", (1, 2, 4, 8, 16, 32), "3,2", (2, 3, 5, 7, 11, 13), "8,2",
      (2, 4, 8, 16, 1, 2, 4, 8, 16, 32, 2, 3, 5, 7, 11, 13)),
  CC ("concat_vector", TF, 0, "4", (2, 4, 8, 16), "6", (1, 2, 4, 8, 16, 32), "2", (18, 19), "12",
      (2, 4, 8, 16, 1, 2, 4, 8, 16, 32, 18, 19)),
  CC ("concat_4d_tensor", TF, 0, "1,1,1,1", (1), "1,1,1,1", (2), "1,1,1,1", (3), "3,1,1,1", (1, 2, 3)),
  CC ("concat_2d_tensor", TF, 0, "1,1", (1), "1,1", (2), "1,1", (3), "3,1", (1, 2, 3)),
  CC ("concat_negative_axis_i64", TL, -1, "2,2", (2, 4, 8, 16), "2,3", (1, 2, 4, 8, 16, 32), "2,3", (2, 3, 5, 7, 11, 13),
      "2,8", (2, 4, 1, 2, 4, 2, 3, 5, 8, 16, 8, 16, 32, 7, 11, 13)),
  CC ("concat_matrix_rowwise_i32", TI, 0, "2,2", (2, 4, 8, 16), "3,2", (1, 2, 4, 8, 16, 32), "3,2", (2, 3, 5, 7, 11, 13),
      "8,2", (2, 4, 8, 16, 1, 2, 4, 8, 16, 32, 2, 3, 5, 7, 11, 13)),
  CC ("concat_vector_u8", TU8, 0, "4", (2, 4, 8, 16), "6", (1, 2, 4, 8, 16, 32), "2", (18, 19), "12",
      (2, 4, 8, 16, 1, 2, 4, 8, 16, 32, 18, 19)),
  CASE_ERR ("qscope_concat_axis_out_of_range", "Concat", "opset1", "axis=\"2\"", IN (TF ("2", 1, 2), TF ("2", 3, 4)),
            "axis 2 is out of range"),
  CASE_ERR ("qscope_concat_shapes_differ", "Concat", "opset1", "axis=\"0\"", IN (TF ("1,2", 1, 2), TF ("1,3", 3, 4, 5)),
            "Concat"),
};

/* ---- ReduceMean (reduce_mean.cpp), ReduceMax (reduce_max.cpp), ReduceMin (reduce_min.cpp), ReduceProd
 *      (reduce_prod.cpp), ReduceL1
 *      (reduce_l1.cpp), ReduceL2 (reduce_l2.cpp): keep_dims true and
 *      false, f32 and i32 ---- */

#define RED(name, op, ver, kd, T, ds, d, as, a, os, o) \
  CASE_TOL (name, op, ver, "keep_dims=\"" #kd "\"", IN (T (ds, UNPAREN d), TL (as, UNPAREN a)), T (os, UNPAREN o), 1e-6)
#define RED_EMPTY(name, op, ver, kd, as, a, os, ...) \
  CASE (name, op, ver, "keep_dims=\"" #kd "\"", IN ({ QS_ELEMENT_F32, "2,0,4", NULL, 0 }, TL (as, UNPAREN a)), \
        __VA_ARGS__)
#define E_F32(os) { QS_ELEMENT_F32, os, NULL, 0 }

static const RefCase reduce_more_cases[] = {
  RED ("reduce_mean_2x2_axes_0_1_keep", "ReduceMean", "opset1", true, TF, "2,2", (1, 2, 3, 4), "2", (0, 1), "1,1", (2.5)),
  RED ("reduce_mean_2x2_axes_0_1", "ReduceMean", "opset1", false, TF, "2,2", (1, 2, 3, 4), "2", (0, 1), "", (2.5)),
  RED ("reduce_mean_3x2_axis_0", "ReduceMean", "opset1", false, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (0), "2", (3, 4)),
  RED ("reduce_mean_3x2_axis_1_keep", "ReduceMean", "opset1", true, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3,1",
       (1.5, 3.5, 5.5)),
  RED_EMPTY ("reduce_mean_empty_axes_1_2_keep", "ReduceMean", "opset1", true, "2", (1, 2), "2,1,1", TF ("2,1,1", 0, 0)),
  RED_EMPTY ("reduce_mean_empty_axes_1_2", "ReduceMean", "opset1", false, "2", (1, 2), "2", TF ("2", 0, 0)),
  RED_EMPTY ("reduce_mean_empty_axis_2_keep", "ReduceMean", "opset1", true, "1", (2), "2,0,1", E_F32 ("2,0,1")),
  RED_EMPTY ("reduce_mean_empty_axis_2", "ReduceMean", "opset1", false, "1", (2), "2,0", E_F32 ("2,0")),
  RED ("reduce_mean_2x2_axes_0_1_i32", "ReduceMean", "opset1", false, TI, "2,2", (1, 2, 3, 4), "2", (0, 1), "", (2)),
  RED ("reduce_mean_3x2_axis_1_keep_i32", "ReduceMean", "opset1", true, TI, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3,1",
       (1, 3, 5)),

  RED ("reduce_max_2x2_axes_0_1", "ReduceMax", "opset1", false, TF, "2,2", (1, 2, 3, 4), "2", (0, 1), "", (4)),
  RED ("reduce_max_3x2_axis_0_keep", "ReduceMax", "opset1", true, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (0), "1,2", (5, 6)),
  RED ("reduce_max_3x2_axis_1", "ReduceMax", "opset1", false, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3", (2, 4, 6)),
  RED ("reduce_max_3x3x3_axis_0", "ReduceMax", "opset1", false, TF, "3,3,3", R27V, "1", (0), "3,3",
       (19, 20, 21, 22, 23, 24, 25, 26, 27)),
  RED ("reduce_max_3x3x3_axis_2_keep", "ReduceMax", "opset1", true, TF, "3,3,3", R27V, "1", (2), "3,3,1",
       (3, 6, 9, 12, 15, 18, 21, 24, 27)),
  RED ("reduce_max_3x3x3_axes_0_1", "ReduceMax", "opset1", false, TF, "3,3,3", R27V, "2", (0, 1), "3", (25, 26, 27)),
  RED ("reduce_max_3x3x3_axes_0_1_2", "ReduceMax", "opset1", false, TF, "3,3,3", R27V, "3", (0, 1, 2), "", (27)),
  RED_EMPTY ("reduce_max_empty_axes_1_2_keep", "ReduceMax", "opset1", true, "2", (1, 2), "2,1,1",
             TF ("2,1,1", -FLT_MAX, -FLT_MAX)),
  RED_EMPTY ("reduce_max_empty_axes_1_2", "ReduceMax", "opset1", false, "2", (1, 2), "2", TF ("2", -FLT_MAX, -FLT_MAX)),
  RED_EMPTY ("reduce_max_empty_axis_2", "ReduceMax", "opset1", false, "1", (2), "2,0", E_F32 ("2,0")),
  RED ("reduce_max_3x3x3_axes_0_1_i32", "ReduceMax", "opset1", false, TI, "3,3,3", R27V, "2", (0, 1), "3", (25, 26, 27)),

  RED ("reduce_min_2x2_axes_0_1", "ReduceMin", "opset1", false, TF, "2,2", (1, 2, 3, 4), "2", (0, 1), "", (1)),
  RED ("reduce_min_3x2_axis_0_keep", "ReduceMin", "opset1", true, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (0), "1,2", (1, 2)),
  RED ("reduce_min_3x2_axis_1", "ReduceMin", "opset1", false, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3", (1, 3, 5)),
  RED ("reduce_min_3x3x3_axis_0", "ReduceMin", "opset1", false, TF, "3,3,3", R27V, "1", (0), "3,3", (1, 2, 3, 4, 5, 6, 7, 8, 9)),
  RED ("reduce_min_3x3x3_axis_2_keep", "ReduceMin", "opset1", true, TF, "3,3,3", R27V, "1", (2), "3,3,1",
       (1, 4, 7, 10, 13, 16, 19, 22, 25)),
  RED ("reduce_min_3x3x3_axes_0_1", "ReduceMin", "opset1", false, TF, "3,3,3", R27V, "2", (0, 1), "3", (1, 2, 3)),
  RED ("reduce_min_3x3x3_axes_0_1_2_keep", "ReduceMin", "opset1", true, TF, "3,3,3", R27V, "3", (0, 1, 2), "1,1,1", (1)),
  RED ("reduce_min_3x2_axis_1_i32", "ReduceMin", "opset1", false, TI, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3", (1, 3, 5)),

  RED ("reduce_prod_2x2_axes_0_1", "ReduceProd", "opset1", false, TF, "2,2", (1, 2, 3, 4), "2", (0, 1), "", (24)),
  RED ("reduce_prod_3x2_axis_0_keep", "ReduceProd", "opset1", true, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (0), "1,2", (15, 48)),
  RED ("reduce_prod_3x2_axis_1", "ReduceProd", "opset1", false, TF, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3", (2, 12, 30)),
  RED ("reduce_prod_3x3x3_axis_0", "ReduceProd", "opset1", false, TF, "3,3,3", R27V, "1", (0), "3,3",
       (190, 440, 756, 1144, 1610, 2160, 2800, 3536, 4374)),
  RED ("reduce_prod_3x3x3_axis_2_keep", "ReduceProd", "opset1", true, TF, "3,3,3", R27V, "1", (2), "3,3,1",
       (6, 120, 504, 1320, 2730, 4896, 7980, 12144, 17550)),
  RED_EMPTY ("reduce_prod_empty_axes_1_2_keep", "ReduceProd", "opset1", true, "2", (1, 2), "2,1,1", TF ("2,1,1", 1, 1)),
  RED_EMPTY ("reduce_prod_empty_axis_2", "ReduceProd", "opset1", false, "1", (2), "2,0", E_F32 ("2,0")),
  RED ("reduce_prod_3x3x3_axes_0_1_keep", "ReduceProd", "opset1", true, TF, "3,3,3", R27V, "2", (0, 1), "1,1,3",
       (608608000, 2.5049024e+09, 7.14256691e+09)),
  RED ("reduce_prod_3x3x3_axes_0_1_2_keep", "ReduceProd", "opset1", true, TF, "3,3,3",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), "3", (0, 1, 2), "1,1,1",
       (5.42861014e+20)),
  RED ("reduce_prod_3x2_axis_1_i32", "ReduceProd", "opset1", false, TI, "3,2", (1, 2, 3, 4, 5, 6), "1", (1), "3", (2, 12, 30)),

  RED ("reduce_l1_3x2x2_axis_2_keep", "ReduceL1", "opset4", true, TF, "3,2,2", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "1",
       (2), "3,2,1", (3, 7, 11, 15, 19, 23)),
  RED ("reduce_l1_3x2x2_axis_2", "ReduceL1", "opset4", false, TF, "3,2,2", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "1",
       (2), "3,2", (3, 7, 11, 15, 19, 23)),
  RED_EMPTY ("reduce_l1_empty_axes_1_2", "ReduceL1", "opset4", false, "2", (1, 2), "2", TF ("2", 0, 0)),
  /* the reference gives two values for this case's output of shape [2, 0]; it holds none */
  RED_EMPTY ("reduce_l1_empty_axis_2", "ReduceL1", "opset4", false, "1", (2), "2,0", E_F32 ("2,0")),
  RED ("reduce_l1_3x2x2_axis_2_i32", "ReduceL1", "opset4", false, TI, "3,2,2", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "1",
       (2), "3,2", (3, 7, 11, 15, 19, 23)),

  RED ("reduce_l2_3x2x2_axis_2_keep", "ReduceL2", "opset4", true, TF, "3,2,2",
       (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0), "1", (2), "3,2,1",
       (2.23606798, 5.0, 7.81024968, 10.63014581, 13.45362405, 16.2788206)),
  RED ("reduce_l2_3x2x2_axis_2", "ReduceL2", "opset4", false, TF, "3,2,2",
       (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0), "1", (2), "3,2",
       (2.23606798, 5.0, 7.81024968, 10.63014581, 13.45362405, 16.2788206)),
  RED_EMPTY ("reduce_l2_empty_axes_1_2_keep", "ReduceL2", "opset4", true, "2", (1, 2), "2,1,1", TF ("2,1,1", 0, 0)),
  RED_EMPTY ("reduce_l2_empty_axis_2", "ReduceL2", "opset4", false, "1", (2), "2,0", E_F32 ("2,0")),
  RED ("reduce_l2_3x2x2_axis_2_i32", "ReduceL2", "opset4", false, TI, "3,2,2", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "1",
       (2), "3,2", (2, 5, 8, 11, 13, 16)),
};

/* ---- Pad (pad.cpp, generateParams of Pad-1 as far as pad_reflect_1d_top_neg) ---- */

#define PADC(name, ds, d, b, e, os, o) \
  CASE (name, "Pad", "opset1", "pad_mode=\"constant\"", \
        IN (TF (ds, UNPAREN d), TL (PAD_N (ds), UNPAREN b), TL (PAD_N (ds), UNPAREN e), TF ("", 2112)), TF (os, UNPAREN o))
#define PADD(name, ds, d, b, e, os, o) \
  CASE (name, "Pad", "opset1", "pad_mode=\"constant\"", \
        IN (TF (ds, UNPAREN d), TL (PAD_N (ds), UNPAREN b), TL (PAD_N (ds), UNPAREN e)), TF (os, UNPAREN o))
#define PADM(name, mode, ds, d, b, e, os, o) \
  CASE (name, "Pad", "opset1", "pad_mode=\"" mode "\"", \
        IN (TF (ds, UNPAREN d), TL (PAD_N (ds), UNPAREN b), TL (PAD_N (ds), UNPAREN e)), TF (os, UNPAREN o))
/* negative pads remove elements: Pad-12 (the specification of Pad-1 has no
 * negative pads, and Pad-1 refuses them); the reference runs these cases
 * on Pad-1 and Pad-12 alike */
#define PADC12(name, ds, d, b, e, os, o) \
  CASE (name, "Pad", "opset12", "pad_mode=\"constant\"", \
        IN (TF (ds, UNPAREN d), TL (PAD_N (ds), UNPAREN b), TL (PAD_N (ds), UNPAREN e), TF ("", 2112)), TF (os, UNPAREN o))
#define PADM12(name, mode, ds, d, b, e, os, o) \
  CASE (name, "Pad", "opset12", "pad_mode=\"" mode "\"", \
        IN (TF (ds, UNPAREN d), TL (PAD_N (ds), UNPAREN b), TL (PAD_N (ds), UNPAREN e)), TF (os, UNPAREN o))
#define PAD_N(ds) (sizeof (ds) == 2 ? "1" : "2")      /* "6" is rank 1, "2,2" rank 2 */
#define P6 (1, 2, 3, 4, 5, 6)
#define P4 (1, 2, 3, 4)
#define P9 (1, 2, 3, 4, 5, 6, 7, 8, 9)
#define P12 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
#define K 2112

static const RefCase pad_cases[] = {
  PADC ("pad_1d_constant_const_value_provided_0", "6", P6, (4), (5), "15", (K, K, K, K, 1, 2, 3, 4, 5, 6, K, K, K, K, K)),
  PADC ("pad_1d_constant_const_value_provided_1", "6", P6, (4), (0), "10", (K, K, K, K, 1, 2, 3, 4, 5, 6)),
  PADC ("pad_1d_constant_const_value_provided_2", "6", P6, (0), (3), "9", (1, 2, 3, 4, 5, 6, K, K, K)),
  PADD ("pad_1d_constant_use_default_const_0", "6", P6, (4), (5), "15", (0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0)),
  PADD ("pad_1d_constant_use_default_const_1", "6", P6, (4), (0), "10", (0, 0, 0, 0, 1, 2, 3, 4, 5, 6)),
  PADD ("pad_1d_constant_use_default_const_2", "6", P6, (0), (3), "9", (1, 2, 3, 4, 5, 6, 0, 0, 0)),
  PADC ("pad_2d_constant_const_value_provided_0", "2,2", P4, (1, 2), (3, 4), "6,8",
        (K, K, K, K, K, K, K, K, K, K, 1, 2, K, K, K, K, K, K, 3, 4, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K, K,
         K, K, K, K, K, K, K, K, K, K)),
  PADC ("pad_2d_constant_const_value_provided_1", "2,2", P4, (1, 2), (0, 0), "3,4", (K, K, K, K, K, K, 1, 2, K, K, 3, 4)),
  PADC ("pad_2d_constant_const_value_provided_2", "2,2", P4, (0, 0), (1, 2), "3,4", (1, 2, K, K, 3, 4, K, K, K, K, K, K)),
  PADD ("pad_2d_constant_use_default_const_0", "2,2", P4, (1, 2), (3, 4), "6,8",
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
  PADD ("pad_2d_constant_use_default_const_1", "2,2", P4, (1, 2), (0, 0), "3,4", (0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4)),
  PADD ("pad_2d_constant_use_default_const_2", "2,2", P4, (0, 0), (1, 2), "3,4", (1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0)),
  PADM ("pad_1d_edge_0", "edge", "6", P6, (2), (3), "11", (1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6)),
  PADM ("pad_1d_edge_1", "edge", "6", P6, (1), (0), "7", (1, 1, 2, 3, 4, 5, 6)),
  PADM ("pad_1d_edge_2", "edge", "6", P6, (0), (2), "8", (1, 2, 3, 4, 5, 6, 6, 6)),
  PADM ("pad_2d_edge_0", "edge", "2,2", P4, (1, 2), (2, 1), "5,5",
        (1, 1, 1, 2, 2, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 3, 3, 3, 4, 4, 3, 3, 3, 4, 4)),
  PADM ("pad_2d_edge_1", "edge", "2,2", P4, (1, 2), (0, 0), "3,4", (1, 1, 1, 2, 1, 1, 1, 2, 3, 3, 3, 4)),
  PADM ("pad_2d_edge_2", "edge", "2,2", P4, (0, 0), (2, 1), "4,3", (1, 2, 2, 3, 4, 4, 3, 4, 4, 3, 4, 4)),
  PADM ("pad_1d_reflect_0", "reflect", "6", P6, (2), (3), "11", (3, 2, 1, 2, 3, 4, 5, 6, 5, 4, 3)),
  PADM ("pad_1d_reflect_1", "reflect", "6", P6, (1), (0), "7", (2, 1, 2, 3, 4, 5, 6)),
  PADM ("pad_1d_reflect_2", "reflect", "6", P6, (0), (2), "8", (1, 2, 3, 4, 5, 6, 5, 4)),
  PADM ("pad_2d_reflect_0", "reflect", "3,3", P9, (1, 2), (2, 1), "6,6",
        (6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5, 9, 8, 7, 8, 9, 8, 6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2)),
  PADM ("pad_2d_reflect_1", "reflect", "3,3", P9, (1, 2), (0, 0), "4,5",
        (6, 5, 4, 5, 6, 3, 2, 1, 2, 3, 6, 5, 4, 5, 6, 9, 8, 7, 8, 9)),
  PADM ("pad_2d_reflect_2", "reflect", "3,3", P9, (0, 0), (2, 1), "5,4",
        (1, 2, 3, 2, 4, 5, 6, 5, 7, 8, 9, 8, 4, 5, 6, 5, 1, 2, 3, 2)),
  PADM ("pad_1d_symmetric_0", "symmetric", "6", P6, (2), (3), "11", (2, 1, 1, 2, 3, 4, 5, 6, 6, 5, 4)),
  PADM ("pad_1d_symmetric_1", "symmetric", "6", P6, (1), (0), "7", (1, 1, 2, 3, 4, 5, 6)),
  PADM ("pad_1d_symmetric_2", "symmetric", "6", P6, (0), (2), "8", (1, 2, 3, 4, 5, 6, 6, 5)),
  PADM ("pad_2d_symmetric_0", "symmetric", "3,3", P9, (1, 2), (2, 1), "6,6",
        (2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 5, 4, 4, 5, 6, 6, 8, 7, 7, 8, 9, 9, 8, 7, 7, 8, 9, 9, 5, 4, 4, 5, 6, 6)),
  PADM ("pad_2d_symmetric_1", "symmetric", "3,3", P9, (1, 2), (0, 0), "4,5",
        (2, 1, 1, 2, 3, 2, 1, 1, 2, 3, 5, 4, 4, 5, 6, 8, 7, 7, 8, 9)),
  PADM ("pad_2d_symmetric", "symmetric", "3,3", P9, (0, 0), (2, 1), "5,4",
        (1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 9, 7, 8, 9, 9, 4, 5, 6, 6)),
  PADC ("pad_exterior_1d", "6", P6, (4), (5), "15", (K, K, K, K, 1, 2, 3, 4, 5, 6, K, K, K, K, K)),
  PADC12 ("pad_negative_exterior_1d", "6", P6, (4), (-2), "8", (K, K, K, K, 1, 2, 3, 4)),
  PADC12 ("pad_negative_exterior_1d_check_limits", "6", P6, (4), (-7), "3", (K, K, K)),
  PADM ("pad_edge_1d", "edge", "6", P6, (2), (3), "11", (1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6)),
  PADM12 ("pad_edge_1d_top_neg", "edge", "6", P6, (2), (-3), "5", (1, 1, 1, 2, 3)),
  PADM12 ("pad_edge_1d_top_neg_bigger_than_tensor", "edge", "6", P6, (2), (-7), "1", (1)),
  PADM12 ("pad_edge_1d_bottom_neg", "edge", "6", P6, (-2), (3), "7", (3, 4, 5, 6, 6, 6, 6)),
  PADM12 ("pad_edge_1d_bottom_neg_bigger_than_tensor", "edge", "6", P6, (-7), (3), "2", (6, 6)),
  PADM ("pad_edge_2d", "edge", "3,4", P12, (2, 3), (1, 2), "6,9",
        (1, 1, 1, 1, 2, 3, 4, 4, 4, 1, 1, 1, 1, 2, 3, 4, 4, 4, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5, 5, 5, 5, 6, 7, 8, 8, 8,
         9, 9, 9, 9, 10, 11, 12, 12, 12, 9, 9, 9, 9, 10, 11, 12, 12, 12)),
  PADM12 ("pad_edge_2d_with_neg", "edge", "3,4", P12, (2, -1), (1, 2), "6,5",
        (2, 3, 4, 4, 4, 2, 3, 4, 4, 4, 2, 3, 4, 4, 4, 6, 7, 8, 8, 8, 10, 11, 12, 12, 12, 10, 11, 12, 12, 12)),
  PADM ("pad_reflect_1d", "reflect", "6", P6, (2), (3), "11", (3, 2, 1, 2, 3, 4, 5, 6, 5, 4, 3)),
  PADM12 ("pad_reflect_1d_top_neg", "reflect", "6", P6, (2), (-3), "5", (3, 2, 1, 2, 3)),
  CASE ("pad_2d_constant_const_value_provided_0_i32", "Pad", "opset1", "pad_mode=\"constant\"",
        IN (TI ("2,2", 1, 2, 3, 4), TL ("2", 1, 2), TL ("2", 0, 0), TI ("", 2112)),
        TI ("3,4", K, K, K, K, K, K, 1, 2, K, K, 3, 4)),
  CASE_ERR ("pad_negative_exterior_1d_as_pad1", "Pad", "opset1", "pad_mode=\"constant\"",
            IN (TF ("6", 1, 2, 3, 4, 5, 6), TL ("1", 4), TL ("1", -2), TF ("", 2112)), "must not be negative"),
  CASE_ERR ("pad_edge_2d_with_neg_as_pad1", "Pad", "opset1", "pad_mode=\"edge\"",
            IN (TF ("3,4", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), TL ("2", 2, -1), TL ("2", 1, 2)), "must not be negative"),
  CASE_ERR ("qscope_pad_unknown_mode", "Pad", "opset1", "pad_mode=\"wrap\"",
            IN (TF ("2", 1, 2), TL ("1", 1), TL ("1", 1)), "pad_mode"),
};

#undef K

/* ---- StridedSlice (strided_slice.cpp, generateParams and generateStrideOptionalParams; the dynamic variants
 *      differ only in how the inputs are fed) ---- */

static void
fill_iota (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    qs_tensor_set_f64 (t, i, (double) i);
}

#define SS_MASKS(b, e, n, sh, el) \
  "begin_mask=\"" b "\" end_mask=\"" e "\" new_axis_mask=\"" n "\" shrink_axis_mask=\"" sh "\" ellipsis_mask=\"" el "\""
#define SS24 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)

static const RefCase strided_slice_cases[] = {
  CASE ("strided_slice_0", "StridedSlice", "opset1", SS_MASKS ("0,0,0", "0,0,0", "0,1,0", "1,0,0", "0,0,0"),
        IN (TF ("2,3,4", UNPAREN SS24), TL ("2", 1, 0), TL ("2", 0, 0), TL ("2", 1, 1)),
        TF ("1,3,4", 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)),
  CASE ("strided_slice_0_i8", "StridedSlice", "opset1", SS_MASKS ("0,0,0", "0,0,0", "0,1,0", "1,0,0", "0,0,0"),
        IN (TI8 ("2,3,4", UNPAREN SS24), TL ("2", 1, 0), TL ("2", 0, 0), TL ("2", 1, 1)),
        TI8 ("1,3,4", 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)),
  CASE_FILL ("strided_slice_1", "StridedSlice", "opset1",
             SS_MASKS ("0,1,0,0,0,0,0", "1,0,0,0,0,0,0", "0,0,0,0,1,0,0", "0,0,0,0,0,0,1", "0,0,0,0,0,1,0"),
             IN (TZ ("2,4,6,8,2,2,2"), TL ("7", 0, 0, 2, 7, 0, 0, 1), TL ("7", 0, 4, 6, 3, 0, 0, 0),
                 TL ("7", 1, 1, 2, -2, 1, 1, 1)),
             TF ("2,4,2,2,1,2,2", 185, 187, 189, 191, 169, 171, 173, 175, 313, 315, 317, 319, 297, 299, 301, 303, 569, 571,
                 573, 575, 553, 555, 557, 559, 697, 699, 701, 703, 681, 683, 685, 687, 953, 955, 957, 959, 937, 939, 941, 943,
                 1081, 1083, 1085, 1087, 1065, 1067, 1069, 1071, 1337, 1339, 1341, 1343, 1321, 1323, 1325, 1327, 1465, 1467,
                 1469, 1471, 1449, 1451, 1453, 1455, 1721, 1723, 1725, 1727, 1705, 1707, 1709, 1711, 1849, 1851, 1853, 1855,
                 1833, 1835, 1837, 1839, 2105, 2107, 2109, 2111, 2089, 2091, 2093, 2095, 2233, 2235, 2237, 2239, 2217, 2219,
                 2221, 2223, 2489, 2491, 2493, 2495, 2473, 2475, 2477, 2479, 2617, 2619, 2621, 2623, 2601, 2603, 2605, 2607,
                 2873, 2875, 2877, 2879, 2857, 2859, 2861, 2863, 3001, 3003, 3005, 3007, 2985, 2987, 2989, 2991),
             0, fill_iota),
  CASE ("strided_slice_stride_optional", "StridedSlice", "opset1", SS_MASKS ("0,0,0", "0,0,0", "0,0,1", "1,1,0", "0,0,0"),
        IN (TF ("2,3,4", UNPAREN SS24), TL ("3", -1, -1, 0), TL ("3", 0, 0, 0)), TF ("1,4", 20, 21, 22, 23)),
  CASE ("strided_slice_stride_optional_dynamic_empty_output_tensor", "StridedSlice", "opset1",
        SS_MASKS ("1,0", "1,0", "", "", ""), IN (TF ("2,3,4", UNPAREN SS24), TL ("2", 0, 0), TL ("2", -1, 0)),
        { QS_ELEMENT_F32, "2,0,4", NULL, 0 }),
  CASE_ERR ("qscope_strided_slice_zero_stride", "StridedSlice", "opset1", SS_MASKS ("0", "0", "0", "0", "0"),
            IN (TF ("4", 1, 2, 3, 4), TL ("1", 0), TL ("1", 4), TL ("1", 0)), "stride"),
};

/* ---- Reshape (reshape.cpp, generateParamsForReshape with literal values; the target shape is i64 here, u64 there) ---- */

static const RefCase reshape_cases[] = {
  CASE ("reshape_2x2x3_to_12", "Reshape", "opset1", "special_zero=\"false\"",
        IN (TF ("2,2,3", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), TL ("1", 12)),
        TF ("12", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
  CASE ("reshape_1x1x1_to_scalar", "Reshape", "opset1", "special_zero=\"false\"",
        IN (TF ("1,1,1", 6), { QS_ELEMENT_I64, "0", NULL, 0 }), TF ("", 6)),
  CASE ("reshape_scalar_to_1x1x1x1x1x1", "Reshape", "opset1", "special_zero=\"false\"",
        IN (TF ("", 42), TL ("6", 1, 1, 1, 1, 1, 1)), TF ("1,1,1,1,1,1", 42)),
  CASE ("reshape_3_to_3x1", "Reshape", "opset1", "special_zero=\"false\"", IN (TF ("3", 1, 2, 3), TL ("2", 3, 1)),
        TF ("3,1", 1, 2, 3)),
  CASE ("reshape_3_to_1x3", "Reshape", "opset1", "special_zero=\"false\"", IN (TF ("3", 1, 2, 3), TL ("2", 1, 3)),
        TF ("1,3", 1, 2, 3)),
  CASE ("reshape_3_to_1x3x1", "Reshape", "opset1", "special_zero=\"false\"", IN (TF ("3", 1, 2, 3), TL ("3", 1, 3, 1)),
        TF ("1,3,1", 1, 2, 3)),
  CASE ("reshape_3x3_to_3x3", "Reshape", "opset1", "special_zero=\"false\"",
        IN (TF ("3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9), TL ("2", 3, 3)), TF ("3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9)),
  CASE ("reshape_1_to_scalar", "Reshape", "opset1", "special_zero=\"false\"",
        IN (TF ("1", 1), { QS_ELEMENT_I64, "0", NULL, 0 }), TF ("", 1)),
  CASE ("reshape_scalar_to_scalar", "Reshape", "opset1", "special_zero=\"false\"",
        IN (TF ("", 1), { QS_ELEMENT_I64, "0", NULL, 0 }), TF ("", 1)),
  CASE ("reshape_2x2x3_to_12_i8", "Reshape", "opset1", "special_zero=\"false\"",
        IN (TI8 ("2,2,3", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), TL ("1", 12)),
        TI8 ("12", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
  CASE ("reshape_3_to_1x3x1_i64", "Reshape", "opset1", "special_zero=\"false\"", IN (TL ("3", 1, 2, 3), TL ("3", 1, 3, 1)),
        TL ("1,3,1", 1, 2, 3)),
  CASE ("qscope_reshape_special_zero_and_minus_1", "Reshape", "opset1", "special_zero=\"true\"",
        IN (TF ("2,3", 1, 2, 3, 4, 5, 6), TL ("2", 0, -1)), TF ("2,3", 1, 2, 3, 4, 5, 6)),
  CASE_ERR ("qscope_reshape_count_mismatch", "Reshape", "opset1", "special_zero=\"false\"",
            IN (TF ("2,3", 1, 2, 3, 4, 5, 6), TL ("1", 4)), "Reshape"),
};

/* ---- Convert (convert.cpp), ConvertLike (convert_like.cpp): the cases between the types the executor
 *      computes, as far as destination f32 for ConvertLike ---- */

#define CV(name, dt, in, out) CASE (name, "Convert", "opset1", "destination_type=\"" dt "\"", IN (in), out)

static const RefCase convert_cases[] = {
  CV ("convert_u8_to_boolean", "boolean", TU8 ("2,3", 0, 12, 23, 0, 0, 255), TB ("2,3", 0, 1, 1, 0, 0, 1)),
  CV ("convert_i32_to_boolean", "boolean", TI ("2,3", 0, -12, 23, 0, -2147483648.0L, 2147483647),
      TB ("2,3", 0, 1, 1, 0, 1, 1)),
  CV ("convert_f32_to_boolean", "boolean", TF ("3,3", 0, 1.5745, 0.12352, 0, -FLT_MAX, FLT_MAX, FLT_MIN, INFINITY, -INFINITY),
      TB ("3,3", 0, 1, 1, 0, 1, 1, 1, 1, 1)),
  CV ("convert_f32_to_f32", "f32", TF ("1,1,2", 0.5, 1.5), TF ("1,1,2", 0.5, 1.5)),
  CV ("convert_u8_to_f32", "f32", TU8 ("2,2", 255, 128, 32, 0), TF ("2,2", 255, 128, 32, 0)),
  CV ("convert_i8_to_f32", "f32", TI8 ("2,2", -127, -0, 0, 127), TF ("2,2", -127, -0.0, 0, 127)),
  CV ("convert_i32_to_f32", "f32", TI ("2,2", -64000, -0, 0, 64000), TF ("2,2", -64000, -0.0, 0, 64000)),
  CV ("convert_i64_to_f32", "f32", TL ("2,2", -64000, -0, 0, 64000), TF ("2,2", -64000, -0.0, 0, 64000)),
  CV ("convert_u8_to_i32", "i32", TU8 ("4", 1, 2, 0, 3), TI ("4", 1, 2, 0, 3)),
  CV ("convert_i8_to_i32", "i32", TI8 ("4", -1, -2, 2, 3), TI ("4", -1, -2, 2, 3)),
  CV ("convert_i32_to_i32", "i32", TI ("4", -1, -2, 2, 3), TI ("4", -1, -2, 2, 3)),
  CV ("convert_i64_to_i32", "i32", TL ("4", -1, -2, 2, 3), TI ("4", -1, -2, 2, 3)),
  CV ("convert_f32_to_i32", "i32", TF ("4", -1, -2, 2.2, 3.8), TI ("4", -1, -2, 2, 3)),
  CV ("convert_u8_to_i64", "i64", TU8 ("4", 1, 2, 0, 3), TL ("4", 1, 2, 0, 3)),
  CV ("convert_i8_to_i64", "i64", TI8 ("4", -1, -2, 2, 3), TL ("4", -1, -2, 2, 3)),
  CV ("convert_i32_to_i64", "i64", TI ("4", -1, -2, 2, 3), TL ("4", -1, -2, 2, 3)),
  CV ("convert_i64_to_i64", "i64", TL ("4", -1, -2, 2, 3), TL ("4", -1, -2, 2, 3)),
  CV ("convert_f32_to_i64", "i64", TF ("4", -1, -2, 2.2, 3.8), TL ("4", -1, -2, 2, 3)),
  /* convert_like.cpp, the same conversions with a like input of the destination type */
  CASE ("convert_like_u8_to_boolean", "ConvertLike", "opset1", "",
        IN (TU8 ("2,3", 0, 12, 23, 0, 0, 255), TB ("2,3", 0, 0, 0, 0, 0, 0)), TB ("2,3", 0, 1, 1, 0, 0, 1)),
  CASE ("convert_like_i32_to_boolean", "ConvertLike", "opset1", "",
        IN (TI ("2,3", 0, -12, 23, 0, -2147483648.0L, 2147483647), TB ("2,3", 0, 0, 0, 0, 0, 0)),
        TB ("2,3", 0, 1, 1, 0, 1, 1)),
  CASE ("convert_like_f32_to_boolean", "ConvertLike", "opset1", "",
        IN (TF ("3,3", 0, 1.5745, 0.12352, 0, -FLT_MAX, FLT_MAX, FLT_MIN, INFINITY, -INFINITY),
            TB ("3,3", 0, 0, 0, 0, 0, 0, 0, 0, 0)), TB ("3,3", 0, 1, 1, 0, 1, 1, 1, 1, 1)),
  CASE ("convert_like_u8_to_f32", "ConvertLike", "opset1", "", IN (TU8 ("2,2", 255, 128, 32, 0), TZ ("2,2")),
        TF ("2,2", 255, 128, 32, 0)),
  CASE ("convert_like_i8_to_f32", "ConvertLike", "opset1", "", IN (TI8 ("2,2", -127, -0, 0, 127), TZ ("2,2")),
        TF ("2,2", -127, -0.0, 0, 127)),
  CASE ("convert_like_i32_to_f32", "ConvertLike", "opset1", "", IN (TI ("2,2", -64000, -0, 0, 64000), TZ ("2,2")),
        TF ("2,2", -64000, -0.0, 0, 64000)),
  CASE ("convert_like_i64_to_f32", "ConvertLike", "opset1", "", IN (TL ("2,2", -64000, -0, 0, 64000), TZ ("2,2")),
        TF ("2,2", -64000, -0.0, 0, 64000)),
  CASE_ERR ("qscope_convert_unknown_destination_type", "Convert", "opset1", "destination_type=\"f7\"",
            IN (TF ("1", 1)), "destination_type"),
};

/* ---- CTCGreedyDecoder (ctc_greedy_decoder.cpp) ---- */

#define CTC(name, merge, ds, d, ms, m, os, o) \
  CASE (name, "CTCGreedyDecoder", "opset1", "ctc_merge_repeated=\"" #merge "\"", IN (TF (ds, UNPAREN d), TF (ms, UNPAREN m)), \
        TF (os, UNPAREN o))

static const RefCase ctc_cases[] = {
  CTC ("ctc_greedy_decoder", false, "3,1,3", (0.1, 0.2, 0, 0.4, 0.3, 0, 0.5, 0.6, 0), "3,1", (1, 1, 1), "1,3,1,1", (1, 0, 1)),
  CTC ("ctc_greedy_decoder_multiple_batches", false, "3,2,3",
       (0.1, 0.2, 0, 0.15, 0.25, 0, 0.4, 0.3, 0, 0.45, 0.35, 0, 0.5, 0.6, 0, 0.55, 0.65, 0), "3,2", (1, 1, 1, 1, 1, 1),
       "2,3,1,1", (1, 0, 1, 1, 0, 1)),
  CTC ("ctc_greedy_decoder_single_batch_short_sequence", false, "3,1,3", (0.1, 0.2, 0, 0.4, 0.3, 0, 0.5, 0.6, 0), "3,1",
       (1, 1, 0), "1,3,1,1", (1, 0, -1)),
  CTC ("ctc_greedy_decoder_merge", true, "3,1,3", (0.1, 0.2, 0, 0.3, 0.4, 0, 0.6, 0.5, 0), "3,1", (1, 1, 1), "1,3,1,1",
       (1, 0, -1)),
  CTC ("ctc_greedy_decoder_single_no_merge", false, "3,1,3", (0.1, 0.2, 0, 0.3, 0.4, 0, 0.6, 0.5, 0), "3,1", (1, 1, 1),
       "1,3,1,1", (1, 1, 0)),
  CTC ("ctc_greedy_decoder_multiple_sequences", false, "2,2,3", (0.1, 0.2, 0, 0.4, 0.3, 0, 0.5, 0.6, 0, 0.7, 0.8, 0), "2,2",
       (1, 1, 1, 0), "2,2,1,1", (1, 1, 0, -1)),
};

/* ---- PriorBoxClustered (prior_box_clustered.cpp), with i64 and u8 shape inputs; the reference builds the op
 *      from its Attributes, whose offset is 0 ---- */

#define PBC_BOXES 0, 0, 0.15, 0.15, 0.34999, 0, 0.64999, 0.15, 0, 0.34999, 0.15, 0.64999, 0.34999, 0.34999, 0.64999, 0.64999

static const RefCase prior_box_clustered_cases[] = {
  CASE_TOL ("prior_box_clustered_default_variance", "PriorBoxClustered", "opset1",
            "width=\"3\" height=\"3\" clip=\"true\" offset=\"0\"",
            IN (TL ("2", 2, 2), TL ("2", 10, 10)),
            TF ("2,16", PBC_BOXES, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1), 1e-4),
  CASE_TOL ("prior_box_clustered_four_variances", "PriorBoxClustered", "opset1",
            "width=\"3\" height=\"3\" clip=\"true\" offset=\"0\" variance=\"0.1,0.2,0.3,0.4\"",
            IN (TL ("2", 2, 2), TL ("2", 10, 10)),
            TF ("2,16", PBC_BOXES, 0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3, 0.4), 1e-4),
  CASE_TOL ("prior_box_clustered_default_variance_u8", "PriorBoxClustered", "opset1",
            "width=\"3\" height=\"3\" clip=\"true\" offset=\"0\"",
            IN (TU8 ("2", 2, 2), TU8 ("2", 10, 10)),
            TF ("2,16", PBC_BOXES, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1), 1e-4),
};

/* ---- Slice (slice.cpp: the first generator of Slice-8 and generateSliceParams as far as 2D_negative_step_mix) ---- */

#define SL(name, ds, d, n, b, e, st, ax, os, o) \
  CASE (name, "Slice", "opset8", "", IN (TF (ds, UNPAREN d), TL (n, UNPAREN b), TL (n, UNPAREN e), TL (n, UNPAREN st), \
                                         TL (n, UNPAREN ax)), TF (os, UNPAREN o))
#define SL_DEF(name, ds, d, n, b, e, st, os, o) \
  CASE (name, "Slice", "opset8", "", IN (TF (ds, UNPAREN d), TL (n, UNPAREN b), TL (n, UNPAREN e), TL (n, UNPAREN st)), \
        TF (os, UNPAREN o))
#define SL_EMPTY(name, ds, d, n, b, e, st, ax, os) \
  CASE (name, "Slice", "opset8", "", IN (TF (ds, UNPAREN d), TL (n, UNPAREN b), TL (n, UNPAREN e), TL (n, UNPAREN st), \
                                         TL (n, UNPAREN ax)), { QS_ELEMENT_F32, os, NULL, 0 })
#define SL48 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
              29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47)
#define SL96 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
              29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, \
              56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, \
              83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95)

static const RefCase slice_cases[] = {
  SL ("1D_full_axes", "4", (1, 2, 3, 4), "1", (0), (5), (1), (0), "4", (1, 2, 3, 4)),
  SL_DEF ("1D_default_axes", "4", (1, 2, 3, 4), "1", (0), (5), (1), "4", (1, 2, 3, 4)),
  SL_EMPTY ("1D_empty_output", "4", (1, 2, 3, 4), "1", (6), (5), (1), (0), "0"),
  SL ("2D_full_axes", "2,2", (1, 2, 3, 4), "2", (0, 0), (2, 2), (1, 1), (0, 1), "2,2", (1, 2, 3, 4)),
  SL_DEF ("2D_default_axes", "2,2", (1, 2, 3, 4), "2", (0, 0), (2, 2), (1, 1), "2,2", (1, 2, 3, 4)),
  SL ("2D_step_2", "2,4", (1, 2, 3, 4, 5, 6, 7, 8), "2", (1, 0), (2, 3), (1, 2), (0, 1), "1,2", (5, 7)),
  SL ("2D_big_step", "3,16", SL48, "2", (0, 0), (3, 16), (1, 15), (0, 1), "3,2", (0, 15, 16, 31, 32, 47)),
  SL_EMPTY ("2D_empty_output", "2,2", (1, 2, 3, 4), "2", (10, 0), (20, 2), (1, 1), (0, 1), "0,2"),
  SL ("3D_full_axes", "2,2,2", (1, 2, 3, 4, 5, 6, 7, 8), "3", (0, 0, 0), (2, 2, 2), (1, 1, 1), (0, 1, 2), "2,2,2",
      (1, 2, 3, 4, 5, 6, 7, 8)),
  SL_DEF ("3D_default_axes", "2,2,2", (1, 2, 3, 4, 5, 6, 7, 8), "3", (0, 0, 0), (2, 2, 2), (1, 1, 1), "2,2,2",
          (1, 2, 3, 4, 5, 6, 7, 8)),
  SL ("3D_less_axes", "2,2,2", (1, 2, 3, 4, 5, 6, 7, 8), "2", (0, 0), (2, 2), (1, 1), (0, 1), "2,2,2", (1, 2, 3, 4, 5, 6, 7, 8)),
  SL_EMPTY ("3D_empty_output", "2,2,2", (1, 2, 3, 4, 5, 6, 7, 8), "3", (0, 2, 0), (2, 2, 2), (1, 1, 1), (0, 1, 2), "2,0,2"),
  SL ("4D_full_axes", "4,2,3,2", SL48, "4", (0, 0, 0, 0), (4, 2, 3, 2), (1, 1, 1, 1), (0, 1, 2, 3), "4,2,3,2", SL48),
  SL_DEF ("4D_default_axes", "4,2,3,2", SL48, "4", (0, 0, 0, 0), (4, 2, 3, 2), (1, 1, 1, 1), "4,2,3,2", SL48),
  SL ("4D_half_dim", "4,2,3,2", SL48, "1", (0), (2), (1), (0), "2,2,3,2",
      (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)),
  SL ("4D_half_dim_step", "4,2,3,2", SL48, "1", (0), (4), (2), (0), "2,2,3,2",
      (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35)),
  /* 5D_full_axes states the shape [2,2,2,1,2] for all 96 values of its
   * [2,4,2,2,3] input sliced over its full extent: the output is the input */
  SL ("5D_full_axes", "2,4,2,2,3", SL96, "5", (0, 0, 0, 0, 0), (2, 4, 2, 2, 3), (1, 1, 1, 1, 1), (0, 1, 2, 3, 4),
      "2,4,2,2,3", SL96),
  SL_DEF ("1D_negative_step", "4", (1, 2, 3, 4), "1", (5), (-6), (-1), "4", (4, 3, 2, 1)),
  SL_EMPTY ("1D_empty_output_negative_step", "4", (1, 2, 3, 4), "1", (0), (5), (-1), (0), "0"),
  SL ("2D_negative_step_mix", "2,2", (1, 2, 3, 4), "2", (0, 3), (2, -4), (1, -1), (0, 1), "2,2", (2, 1, 4, 3)),
  CASE_ERR ("qscope_slice_zero_step", "Slice", "opset8", "",
            IN (TF ("4", 1, 2, 3, 4), TL ("1", 0), TL ("1", 4), TL ("1", 0)), "step"),
};

/* ---- NonMaxSuppression (non_max_suppression.cpp, the NMS-5 cases of generateParams: i32 max_output_boxes,
 *      f32 thresholds, i32 indices) ---- */

#define NMS_B6 (0.0, 0.0, 1.0, 1.0, 0.0, 0.1, 1.0, 1.1, 0.0, -0.1, 1.0, 0.9, 0.0, 10.0, 1.0, 11.0, 0.0, 10.1, 1.0, 11.1, \
                0.0, 100.0, 1.0, 101.0)
#define NMS_S6 (0.9, 0.75, 0.6, 0.95, 0.5, 0.3)
#define NMS(name, enc, bs, b, ss, sc, maxb, st, n, sel, scores) \
  CASE_MULTI (name, "NonMaxSuppression", "opset5", "box_encoding=\"" enc "\" sort_result_descending=\"false\" output_type=\"i32\"", \
              IN (TF (bs, UNPAREN b), TF (ss, UNPAREN sc), TI ("", maxb), TF ("", 0.5), TF ("", st), TF ("", 0)), \
              TI (#n ",3", UNPAREN sel), OUTS (TF (#n ",3", UNPAREN scores), TI ("1", n)), 0)

static const RefCase nms_cases[] = {
  NMS ("nonmaxsuppression_center_point_box_format", "center", "1,6,4",
       (0.5, 0.5, 1.0, 1.0, 0.5, 0.6, 1.0, 1.0, 0.5, 0.4, 1.0, 1.0, 0.5, 10.5, 1.0, 1.0, 0.5, 10.6, 1.0, 1.0, 0.5, 100.5,
        1.0, 1.0), "1,1,6", NMS_S6, 3, 0, 3, (0, 0, 3, 0, 0, 0, 0, 0, 5), (0, 0, 0.95, 0, 0, 0.9, 0, 0, 0.3)),
  NMS ("nonmaxsuppression_flipped_coordinates", "corner", "1,6,4",
       (1.0, 1.0, 0.0, 0.0, 0.0, 0.1, 1.0, 1.1, 0.0, 0.9, 1.0, -0.1, 0.0, 10.0, 1.0, 11.0, 1.0, 10.1, 0.0, 11.1, 1.0, 101.0,
        0.0, 100.0), "1,1,6", NMS_S6, 3, 0, 3, (0, 0, 3, 0, 0, 0, 0, 0, 5), (0, 0, 0.95, 0, 0, 0.9, 0, 0, 0.3)),
  NMS ("nonmaxsuppression_identical_boxes", "corner", "1,10,4",
       (0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1),
       "1,1,10", (0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9), 3, 0, 1, (0, 0, 0), (0, 0, 0.9)),
  NMS ("nonmaxsuppression_limit_output_size", "corner", "1,6,4", NMS_B6, "1,1,6", NMS_S6, 2, 0, 2, (0, 0, 3, 0, 0, 0),
       (0, 0, 0.95, 0, 0, 0.9)),
  NMS ("nonmaxsuppression_single_box", "corner", "1,1,4", (0, 0, 1, 1), "1,1,1", (0.9), 3, 0, 1, (0, 0, 0), (0, 0, 0.9)),
  NMS ("nonmaxsuppression_suppress_by_IOU", "corner", "1,6,4", NMS_B6, "1,1,6", NMS_S6, 3, 0, 3,
       (0, 0, 3, 0, 0, 0, 0, 0, 5), (0, 0, 0.95, 0, 0, 0.9, 0, 0, 0.3)),
  NMS ("nonmaxsuppression_suppress_by_IOU_and_scores", "corner", "1,6,4", NMS_B6, "1,1,6", NMS_S6, 3, 0.4, 2,
       (0, 0, 3, 0, 0, 0), (0, 0, 0.95, 0, 0, 0.9)),
  NMS ("nonmaxsuppression_two_batches", "corner", "2,6,4", (UNPAREN NMS_B6, UNPAREN NMS_B6), "2,1,6",
       (UNPAREN NMS_S6, UNPAREN NMS_S6), 2, 0, 4, (0, 0, 3, 0, 0, 0, 1, 0, 3, 1, 0, 0),
       (0, 0, 0.95, 0, 0, 0.9, 1, 0, 0.95, 1, 0, 0.9)),
  NMS ("nonmaxsuppression_two_classes", "corner", "1,6,4", NMS_B6, "1,2,6", (UNPAREN NMS_S6, UNPAREN NMS_S6), 2, 0, 4,
       (0, 0, 3, 0, 0, 0, 0, 1, 3, 0, 1, 0), (0, 0, 0.95, 0, 0, 0.9, 0, 1, 0.95, 0, 1, 0.9)),
};

/* ---- NonZero (nonzero.cpp) ---- */

#define E_TYPED(t, os) { t, os, NULL, 0 }   /* an empty output */
#define NZ(name, ot, in, out) CASE (name, "NonZero", "opset3", "output_type=\"" ot "\"", IN (in), out)

static const RefCase nonzero_cases[] = {
  NZ ("all_1s", "i32", TI ("3,2", 1, 1, 1, 1, 1, 1), TI ("2,6", 0, 0, 1, 1, 2, 2, 0, 1, 0, 1, 0, 1)),
  NZ ("all_0s", "i32", TI ("3,2", 0, 0, 0, 0, 0, 0), E_TYPED (QS_ELEMENT_I32, "2,0")),
  NZ ("all_1s_int64", "i64", TI ("3,2", 1, 1, 1, 1, 1, 1), TL ("2,6", 0, 0, 1, 1, 2, 2, 0, 1, 0, 1, 0, 1)),
  NZ ("all_0s_int64", "i64", TI ("3,2", 0, 0, 0, 0, 0, 0), E_TYPED (QS_ELEMENT_I64, "2,0")),
  NZ ("boolean_i32", "i32", TB ("3,2", 0, 0, 0, 0, 1, 1), TI ("2,2", 2, 2, 0, 1)),
  NZ ("i8_i32", "i32", TI8 ("3,2", 0, 0, 0, 0, 1, 3), TI ("2,2", 2, 2, 0, 1)),
  NZ ("i32_i32", "i32", TI ("3,2", 0, 0, 0, 0, 1, 3), TI ("2,2", 2, 2, 0, 1)),
  NZ ("i64_i32", "i32", TL ("3,2", 0, 0, 0, 0, 1, 3), TI ("2,2", 2, 2, 0, 1)),
  NZ ("u8_i32", "i32", TU8 ("3,2", 0, 0, 0, 0, 1, 3), TI ("2,2", 2, 2, 0, 1)),
  NZ ("f32_i32", "i32", TF ("3,2", 0, 0, 0, 0, 1, 3), TI ("2,2", 2, 2, 0, 1)),
  NZ ("boolean_i64", "i64", TB ("3,2", 0, 0, 0, 0, 1, 1), TL ("2,2", 2, 2, 0, 1)),
  NZ ("i32_i64", "i64", TI ("3,2", 0, 0, 0, 0, 1, 3), TL ("2,2", 2, 2, 0, 1)),
  NZ ("f32_i64", "i64", TF ("3,2", 0, 0, 0, 0, 1, 3), TL ("2,2", 2, 2, 0, 1)),
  CASE_ERR ("qscope_nonzero_unknown_output_type", "NonZero", "opset3", "output_type=\"f32\"", IN (TF ("2", 0, 1)),
            "output_type"),
};

/* ---- ConvolutionBackpropData (convolution_backprop.cpp, generateConvolutionBackpropFloatParams: the 1-D cases
 *      and the 2-D ones before the two-channel filter), named by their position there ---- */

#define CBD_ATTRS(st, pb, pe, dl, op) \
  "strides=\"" st "\" pads_begin=\"" pb "\" pads_end=\"" pe "\" dilations=\"" dl "\" output_padding=\"" op "\" " \
  "auto_pad=\"explicit\""
#define CBD(name, attrs, is, i, fs, f, os, o) \
  CASE (name, "ConvolutionBackpropData", "opset1", attrs, IN (TF (is, UNPAREN i), TF (fs, UNPAREN f)), TF (os, UNPAREN o))

static const RefCase conv_backprop_cases[] = {
  CBD ("convolution_backprop_1d_0", CBD_ATTRS ("1", "0", "0", "1", "0"), "1,1,4", (5, 6, 7, 2), "1,1,3", (2, 0, 1), "1,1,6",
       (10, 12, 19, 10, 7, 2)),
  CBD ("convolution_backprop_1d_1_padding", CBD_ATTRS ("1", "1", "1", "1", "0"), "1,1,4", (5, 6, 7, 2), "1,1,3", (2, 0, 1),
       "1,1,4", (12, 19, 10, 7)),
  CBD ("convolution_backprop_1d_2_stride", CBD_ATTRS ("2", "0", "0", "1", "0"), "1,1,2", (5, 7), "1,1,3", (2, 0, 1), "1,1,5",
       (10, 0, 19, 0, 7)),
  CBD ("convolution_backprop_1d_3_output_padding", CBD_ATTRS ("1", "1", "1", "1", "1"), "1,1,4", (5, 6, 7, 2), "1,1,3",
       (2, 0, 1), "1,1,5", (12, 19, 10, 7, 2)),
  CBD ("convolution_backprop_1d_4_dilation", CBD_ATTRS ("1", "0", "0", "2", "0"), "1,1,3", (8, 5, 1), "1,1,3", (2, 0, 1),
       "1,1,7", (16, 10, 2, 0, 8, 5, 1)),
  CBD ("convolution_backprop_1d_5_stride_padding_dilation", CBD_ATTRS ("2", "2", "2", "2", "0"), "1,1,4", (3, 9, 1, 2),
       "1,1,3", (2, 0, 1), "1,1,7", (18, 0, 5, 0, 13, 0, 1)),
  CBD ("convolution_backprop_1d_6_output_channels", CBD_ATTRS ("1", "0", "0", "1", "0"), "1,1,2", (10, 3), "1,2,3",
       (2, 0, 1, 1, 0, 2), "1,2,4", (20, 6, 10, 3, 10, 3, 20, 6)),
  CBD ("convolution_backprop_1d_7_input_channels", CBD_ATTRS ("1", "0", "0", "1", "0"), "1,2,2", (4, 7, 5, 5), "2,1,3",
       (2, 0, 1, 1, 0, 2), "1,1,4", (13, 19, 14, 17)),
  CBD ("convolution_backprop_1d_8_batch", CBD_ATTRS ("1", "0", "0", "1", "0"), "2,1,2", (1, 3, 2, 2), "1,1,3", (2, 0, 1),
       "2,1,4", (2, 6, 1, 3, 4, 4, 2, 2)),
  CBD ("convolution_backprop_2d_0", CBD_ATTRS ("1,1", "0,0", "0,0", "1,1", "0,0"), "1,1,2,2", (1, 3, 7, 5), "1,1,3,3",
       (1, 2, 3, 0, 1, 0, 3, 2, 1), "1,1,4,4", (1, 5, 9, 9, 7, 20, 34, 15, 3, 18, 12, 3, 21, 29, 17, 5)),
  CBD ("convolution_backprop_2d_1_output_padding", CBD_ATTRS ("1,1", "1,1", "1,1", "1,1", "1,1"), "1,1,2,2", (1, 3, 7, 5),
       "1,1,3,3", (1, 2, 3, 1, 1, 1, 3, 2, 1), "1,1,3,3", (23, 35, 18, 23, 19, 8, 29, 17, 5)),
  CBD ("convolution_backprop_2d_2_padding", CBD_ATTRS ("1,1", "1,1", "1,1", "1,1", "0,0"), "1,1,4,4",
       (1, 3, 5, 7, 7, 5, 3, 1, 2, 4, 6, 8, 8, 6, 4, 2), "1,1,3,3", (1, 2, 3, 0, 1, 0, 2, 1, 2), "1,1,4,4",
       (20, 37, 27, 18, 22, 40, 60, 52, 41, 69, 49, 31, 18, 26, 34, 22)),
  CBD ("convolution_backprop_2d_3_stride", CBD_ATTRS ("2,2", "0,0", "0,0", "1,1", "0,0"), "1,1,2,2", (2, 5, 4, 3), "1,1,3,3",
       (1, 2, 3, 1, 1, 1, 3, 2, 1), "1,1,5,5",
       (2, 4, 11, 10, 15, 2, 2, 7, 5, 5, 10, 12, 32, 16, 14, 4, 4, 7, 3, 3, 12, 8, 13, 6, 3)),
  CBD ("convolution_backprop_2d_4_dilation", CBD_ATTRS ("1,1", "0,0", "0,0", "2,2", "0,0"), "1,1,2,2", (2, 3, 4, 3),
       "1,1,3,3", (1, 2, 3, 1, 1, 1, 3, 2, 1), "1,1,6,6",
       (2, 3, 4, 6, 6, 9, 4, 3, 8, 6, 12, 9, 2, 3, 2, 3, 2, 3, 4, 3, 4, 3, 4, 3, 6, 9, 4, 6, 2, 3, 12, 9, 8, 6, 4, 3)),
  CBD ("convolution_backprop_2d_5_stride_padding_dilation", CBD_ATTRS ("2,2", "2,2", "2,2", "2,2", "0,0"), "1,1,3,3",
       (1, 3, 5, 7, 5, 3, 2, 4, 6), "1,1,3,3", (1, 2, 3, 1, 1, 1, 3, 2, 1), "1,1,5,5",
       (23, 0, 43, 0, 29, 0, 0, 0, 0, 0, 31, 0, 57, 0, 45, 0, 0, 0, 0, 0, 35, 0, 38, 0, 21)),
};

/* ---- TopK (topk.cpp, generateParams1dMaxMin as far as topk_3d_max_all: each case gives both outputs here;
 *      the reference runs output 0 and output 1 as two cases) ---- */

#define TK(name, mode, axis, k, ds, d, os, o, oi) \
  CASE_MULTI (name, "TopK", "opset1", "axis=\"" #axis "\" mode=\"" mode "\" sort=\"value\" index_element_type=\"i32\"", \
              IN (TF (ds, UNPAREN d), TL ("", k)), TF (os, UNPAREN o), OUTS (TI (os, UNPAREN oi)), 0)

static const RefCase topk_cases[] = {
  TK ("topk_1d_max_all", "max", 0, 6, "6", (1, 2, 3, 4, 5, 6), "6", (6, 5, 4, 3, 2, 1), (5, 4, 3, 2, 1, 0)),
  TK ("topk_1d_max_partial", "max", 0, 3, "6", (1, 2, 3, 4, 5, 6), "3", (6, 5, 4), (5, 4, 3)),
  TK ("topk_1d_max_one", "max", 0, 1, "6", (1, 2, 3, 4, 5, 6), "1", (6), (5)),
  TK ("topk_1d_min_all", "min", 0, 6, "6", (6, 5, 4, 3, 2, 1), "6", (1, 2, 3, 4, 5, 6), (5, 4, 3, 2, 1, 0)),
  TK ("topk_1d_min_partial", "min", 0, 3, "6", (6, 5, 4, 3, 2, 1), "3", (1, 2, 3), (5, 4, 3)),
  TK ("topk_1d_min_one", "min", 0, 1, "6", (6, 5, 4, 3, 2, 1), "1", (1), (5)),
  TK ("topk_3d_max_all", "max", 1, 3, "2,3,2", (9, 2, 10, 12, 8, 4, 6, 1, 5, 3, 11, 7), "2,3,2",
      (10, 12, 9, 4, 8, 2, 11, 7, 6, 3, 5, 1), (1, 1, 0, 2, 2, 0, 2, 2, 0, 1, 1, 0)),
  CASE_ERR ("qscope_topk_unknown_mode", "TopK", "opset1", "axis=\"0\" mode=\"median\" sort=\"value\"",
            IN (TF ("2", 1, 2), TL ("", 1)), "mode"),
};

/* topk_resnet50 (topk.cpp): a [128, 1000] input whose every row is 0…999;
 * TopK-1 with k 5 and k 1 along axis 1, mode max, sort by value, i32
 * indices: each row gives 999, 998, … and the same indices */
static void
test_topk_resnet50 (gconstpointer data)
{
  const gint64 k = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  gint64 dims[2] = { 128, 1000 };
  QsTensor *in[2];
  QsTensor **outs;
  gsize i, j;

  in[0] = qs_tensor_new (QS_ELEMENT_F32, 2, dims);
  for (i = 0; i < 128; i++)
    for (j = 0; j < 1000; j++)
      ((float *) in[0]->data)[i * 1000 + j] = (float) j;
  in[1] = qs_test_tensor (QS_ELEMENT_I64, "", (const double[]) { (double) k });
  outs = qs_test_run_op_full ("TopK", "opset1", "axis=\"1\" mode=\"max\" sort=\"value\" index_element_type=\"i32\"",
                              in, 2, 0, 2, QS_EXEC_MODE_FLOAT, &error);
  qs_tensor_unref (in[0]);
  qs_tensor_unref (in[1]);
  g_assert_no_error (error);
  g_assert_cmpint (outs[0]->rank, ==, 2);
  g_assert_cmpint (outs[0]->dims[0], ==, 128);
  g_assert_cmpint (outs[0]->dims[1], ==, k);
  g_assert_true (outs[0]->type == QS_ELEMENT_F32);
  g_assert_true (outs[1]->type == QS_ELEMENT_I32);
  for (i = 0; i < 128; i++)
    for (j = 0; j < (gsize) k; j++)
      {
        g_assert_cmpfloat (((const float *) outs[0]->data)[i * k + j], ==, 999.0f - j);
        g_assert_cmpint (((const gint32 *) outs[1]->data)[i * k + j], ==, 999 - (gint32) j);
      }
  qs_tensor_unref (outs[0]);
  qs_tensor_unref (outs[1]);
  g_free (outs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD (arith_cases);
  ADD (activation_cases);
  ADD (softmax_select_cases);
  ADD (tile_transpose_cases);
  ADD (squeeze_range_split_cases);
  ADD (matmul_unsqueeze_cases);
  ADD (reduce_shuffle_cases);
  ADD (split_shape_norm_cases);
  ADD (gather_cases);
  ADD (mvn_cases);
  ADD (broadcast_cases);
  ADD (concat_cases);
  ADD (topk_cases);
  ADD (pad_cases);
  ADD (strided_slice_cases);
  ADD (reshape_cases);
  ADD (convert_cases);
  ADD (ctc_cases);
  ADD (prior_box_clustered_cases);
  ADD (slice_cases);
  ADD (nms_cases);
  ADD (nonzero_cases);
  ADD (conv_backprop_cases);
  ADD (reduce_more_cases);
  g_test_add_data_func ("/qscope/exec-ops-ref/TopK-1/topk_resnet50_k5", GINT_TO_POINTER (5), test_topk_resnet50);
  g_test_add_data_func ("/qscope/exec-ops-ref/TopK-1/topk_resnet50_k1", GINT_TO_POINTER (1), test_topk_resnet50);
  return g_test_run ();
}
