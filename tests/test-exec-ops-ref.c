/* test-exec-ops-ref.c — the executor against the cases of OpenVINO's op reference tests
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Each case below carries, in its name, the name of the case in OpenVINO's
 * src/plugins/template/tests/functional/op_reference/<op>.cpp it was taken
 * from (inputs, attributes and expected outputs as there; the fp32 variant,
 * plus the integer and boolean variants of ops that are integer by nature).
 * The runner (qs-op-ref.h) builds a one-op model with every input a Const,
 * runs it in fp32 mode and compares shape, element type and values.  Where the
 * reference test and the op specification disagree the specification
 * wins: such a case expects the error the executor gives, and its comment
 * says why.  Cases marked "qscope" are our own: attributes the
 * specification forbids must be refused, naming the attribute.
 */
#include "config.h"

#include "qs-op-ref.h"

/* ---- GatherND (gather_nd.cpp) ---- */

#define GND(name, ver, bd, din, sin, ind, sind, sout, out) \
  CASE (name, "GatherND", ver, "batch_dims=\"" #bd "\"", \
        IN (TF (din, UNPAREN sin), TI (sind, UNPAREN ind)), TF (sout, UNPAREN out))

static const RefCase gather_nd_cases[] = {
  GND ("gather_nd_single_indices", "opset5", 0, "3,3", (10, 11, 12, 13, 14, 15, 16, 17, 18), (1, 2), "2", "", (15)),
  GND ("gather_nd_single_negative_indices", "opset5", 0, "3,3", (10, 11, 12, 13, 14, 15, 16, 17, 18), (-2, -1), "2", "", (15)),
  GND ("gather_nd_scalar_from_2d", "opset5", 0, "2,2", (10, 11, 12, 13), (0, 0, 1, 1), "2,2", "2", (10, 13)),
  GND ("gather_nd_1d_from_2d", "opset5", 0, "2,2", (10, 11, 12, 13), (1, 0), "2,1", "2,2", (12, 13, 10, 11)),
  GND ("gather_nd_scalar_from_3d", "opset5", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (0, 0, 1, 1, 0, 1), "2,3", "2", (11, 21)),
  GND ("gather_nd_1d_from_3d", "opset5", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (0, 1, 1, 0), "2,2", "2,2", (12, 13, 20, 21)),
  GND ("gather_nd_2d_from_3d", "opset5", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (1), "1,1", "1,2,2", (20, 21, 22, 23)),
  GND ("gather_nd_batch_scalar_from_2d", "opset5", 0, "2,2", (10, 11, 12, 13), (0, 0, 0, 1), "2,1,2", "2,1", (10, 11)),
  GND ("gather_nd_batch_1d_from_2d", "opset5", 0, "2,2", (10, 11, 12, 13), (1, 0), "2,1,1", "2,1,2", (12, 13, 10, 11)),
  GND ("gather_nd_batch_scalar_from_3d", "opset5", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23),
       (0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0), "2,2,3", "2,2", (11, 21, 13, 22)),
  GND ("gather_nd_batch_1d_from_3d", "opset5", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23),
       (0, 1, 1, 0, 0, 0, 1, 1), "2,2,2", "2,2,2", (12, 13, 20, 21, 10, 11, 22, 23)),
  GND ("gather_nd_batch_1d_from_3d_negative", "opset5", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23),
       (0, -1, -1, 0, 0, 0, 1, 1), "2,2,2", "2,2,2", (12, 13, 20, 21, 10, 11, 22, 23)),
  GND ("gather_nd_batch_2d_from_3d", "opset5", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (1, 0), "2,1,1", "2,1,2,2",
       (20, 21, 22, 23, 10, 11, 12, 13)),
  GND ("gather_nd_batch_dims1", "opset5", 1, "2,3,4",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24),
       (1, 0), "2,1", "2,4", (5, 6, 7, 8, 13, 14, 15, 16)),
  GND ("gather_nd_batch_dims2", "opset5", 2, "2,3,4,2",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
        25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48),
       (1, 0, 3, 1, 2, 1, 0, 1, 1, 1, 2, 0, 3, 0, 3, 1, 2, 1, 2, 0, 1, 1, 3, 1, 1, 1, 2, 0, 2, 0, 0, 0, 3, 1, 3, 1),
       "2,3,3,2", "6,3", (3, 8, 6, 10, 12, 13, 23, 24, 22, 29, 28, 32, 36, 37, 37, 41, 48, 48)),
  GND ("gather_nd_batch_dims2_lead_dims", "opset5", 2, "2,3,4",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24),
       (1, 0, 2, 0, 2, 2), "2,3,1,1", "6,1", (2, 5, 11, 13, 19, 23)),

  GND ("gather_nd_8_single_indices", "opset8", 0, "3,3", (10, 11, 12, 13, 14, 15, 16, 17, 18), (1, 2), "2", "", (15)),
  GND ("gather_nd_8_scalar_from_2d", "opset8", 0, "2,2", (10, 11, 12, 13), (0, 0, 1, 1), "2,2", "2", (10, 13)),
  GND ("gather_nd_8_1d_from_2d", "opset8", 0, "2,2", (10, 11, 12, 13), (1, 0), "2,1", "2,2", (12, 13, 10, 11)),
  GND ("gather_nd_8_scalar_from_3d", "opset8", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (0, 0, 1, 1, 0, 1), "2,3", "2", (11, 21)),
  GND ("gather_nd_8_1d_from_3d", "opset8", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (0, 1, 1, 0), "2,2", "2,2", (12, 13, 20, 21)),
  GND ("gather_nd_8_2d_from_3d", "opset8", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (1), "1,1", "1,2,2", (20, 21, 22, 23)),
  GND ("gather_nd_8_batch_scalar_from_2d", "opset8", 0, "2,2", (10, 11, 12, 13), (0, 0, 0, 1), "2,1,2", "2,1", (10, 11)),
  GND ("gather_nd_8_batch_1d_from_2d", "opset8", 0, "2,2", (10, 11, 12, 13), (1, 0), "2,1,1", "2,1,2", (12, 13, 10, 11)),
  GND ("gather_nd_8_batch_1d_from_2d_negative", "opset8", 0, "2,2", (10, 11, 12, 13), (-1, -2), "2,1,1", "2,1,2", (12, 13, 10, 11)),
  GND ("gather_nd_8_batch_scalar_from_3d", "opset8", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23),
       (0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0), "2,2,3", "2,2", (11, 21, 13, 22)),
  GND ("gather_nd_8_batch_1d_from_3d", "opset8", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23),
       (0, 1, 1, 0, 0, 0, 1, 1), "2,2,2", "2,2,2", (12, 13, 20, 21, 10, 11, 22, 23)),
  GND ("gather_nd_8_batch_1d_from_3d_negative", "opset8", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23),
       (0, -1, -1, 0, 0, 0, 1, 1), "2,2,2", "2,2,2", (12, 13, 20, 21, 10, 11, 22, 23)),
  GND ("gather_nd_8_batch_2d_from_3d", "opset8", 0, "2,2,2", (10, 11, 12, 13, 20, 21, 22, 23), (1, 0), "2,1,1", "2,1,2,2",
       (20, 21, 22, 23, 10, 11, 12, 13)),
  GND ("gather_nd_8_batch_dims1", "opset8", 1, "2,3,4",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24),
       (1, 0), "2,1", "2,4", (5, 6, 7, 8, 13, 14, 15, 16)),
  GND ("gather_8_nd_batch_dims2", "opset8", 2, "2,3,4,2",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
        25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48),
       (1, 0, 3, 1, 2, 1, 0, 1, 1, 1, 2, 0, 3, 0, 3, 1, 2, 1, 2, 0, 1, 1, 3, 1, 1, 1, 2, 0, 2, 0, 0, 0, 3, 1, 3, 1),
       "2,3,3,2", "2,3,3", (3, 8, 6, 10, 12, 13, 23, 24, 22, 29, 28, 32, 36, 37, 37, 41, 48, 48)),
  GND ("gather_8_nd_batch_dims2_lead_dims", "opset8", 2, "2,3,4",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24),
       (1, 0, 2, 0, 2, 2), "2,3,1,1", "2,3,1", (2, 5, 11, 13, 19, 23)),
  GND ("gather_8_nd_batch_dims2_non_scalar_slices", "opset8", 2, "2,3,4,5",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58,
        59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86,
        87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120),
       (1, 0, 2, 0, 2, 0, 1, 0, 2, 0, 2, 0), "2,3,2,1", "2,3,2,5",
       (6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 31, 32, 33, 34, 35, 21, 22, 23, 24, 25, 51, 52, 53, 54, 55, 41, 42, 43, 44, 45,
        66, 67, 68, 69, 70, 61, 62, 63, 64, 65, 91, 92, 93, 94, 95, 81, 82, 83, 84, 85, 111, 112, 113, 114, 115,
        101, 102, 103, 104, 105)),

  /* qscope: batch_dims must be below both ranks; an index out of range names its axis */
  CASE_ERR ("qscope_batch_dims_out_of_range", "GatherND", "opset8", "batch_dims=\"2\"",
            IN (TF ("2,2", 1, 2, 3, 4), TI ("2,1", 0, 1)), "batch_dims 2 is out of range"),
  CASE_ERR ("qscope_index_out_of_range", "GatherND", "opset5", "",
            IN (TF ("2,2", 1, 2, 3, 4), TI ("1,1", 2)), "for axis 0"),
};

/* ---- GatherElements (gather_elements.cpp) ---- */

#define GEL(name, axis, ds, d, is, i, os, o) \
  CASE (name, "GatherElements", "opset6", "axis=\"" #axis "\"", \
        IN (TF (ds, UNPAREN d), TI (is, UNPAREN i)), TF (os, UNPAREN o))

static const RefCase gather_elements_cases[] = {
  GEL ("evaluate_1D_gather_elements_3_indices_int32", 0, "3", (1, 2, 3), "7", (1, 2, 0, 2, 0, 0, 2), "7", (2, 3, 1, 3, 1, 1, 3)),
  GEL ("evaluate_2D_gather_elements_2x2_indices_int32_axis_0", 0, "2,2", (1, 2, 3, 4), "2,2", (0, 1, 0, 0), "2,2", (1, 4, 1, 2)),
  GEL ("evaluate_2D_gather_elements_2x2_indices_int32_axis_1", 1, "2,2", (1, 2, 3, 4), "2,2", (0, 1, 0, 0), "2,2", (1, 2, 3, 3)),
  GEL ("evaluate_2D_gather_elements_2x2_indices_int32_axis_minus_1", -1, "2,2", (1, 2, 3, 4), "2,2", (0, 1, 0, 0), "2,2", (1, 2, 3, 3)),
  GEL ("evaluate_2D_gather_elements_2x3_indices_int32", 0, "3,3", (1, 2, 3, 4, 5, 6, 7, 8, 9), "2,3", (1, 2, 0, 2, 0, 0), "2,3",
       (4, 8, 3, 7, 2, 3)),
  GEL ("evaluate_3D_gather_elements_3x2x2_indices_int32", -1, "3,2,2", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
       "3,2,2", (1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1), "3,2,2", (2, 1, 3, 4, 6, 6, 8, 7, 9, 9, 12, 12)),
  GEL ("evaluate_4D_gather_elements_3x2x2x2_indices_int64", -1, "3,2,2,2",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24),
       "3,2,2,4", (1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0,
                   0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0),
       "3,2,2,4", (2, 1, 1, 1, 3, 4, 4, 3, 6, 6, 6, 6, 8, 7, 7, 8, 9, 9, 9, 10, 12, 12, 12, 11,
                   13, 13, 13, 13, 16, 15, 16, 15, 18, 18, 18, 18, 20, 19, 20, 19, 22, 21, 21, 22, 23, 23, 23, 23)),
  GEL ("evaluate_3D_gather_elements_3x2x2_indices_int64", -1, "3,2,2", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
       "3,2,2", (1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1), "3,2,2", (2, 1, 3, 4, 6, 6, 8, 7, 9, 9, 12, 12)),
  GEL ("evaluate_2D_gather_elements_2x3_data_float32", 0, "3,3", (1, 2, 3, 4, 5, 6, 7, 8, 9), "2,3", (1, 2, 0, 2, 0, 0), "2,3",
       (4, 8, 3, 7, 2, 3)),
  GEL ("evaluate_2D_gather_elements_2x2x1_data_float32", 0, "2,2,1", (5, 4, 1, 4), "4,2,1", (0, 0, 1, 1, 1, 1, 0, 1), "4,2,1",
       (5, 4, 1, 4, 1, 4, 5, 4)),
  CASE ("evaluate_2D_gather_elements_3x2_data_bool", "GatherElements", "opset6", "axis=\"0\"",
        IN (TB ("3,2", 1, 0, 1, 1, 0, 0), TI ("2,2", 0, 1, 0, 2)), TB ("2,2", 1, 1, 1, 0)),
  /* the negative cases expect an error for an index beyond the data */
  CASE_ERR ("evaluate_1D_gather_elements_negative_test", "GatherElements", "opset6", "axis=\"0\"",
            IN (TI ("3", 1, 2, 3), TI ("7", 1, 2, 0, 2, 0, 0, 8)), "index 8 is out of range"),
  CASE_ERR ("evaluate_2D_gather_elements_negative_test", "GatherElements", "opset6", "axis=\"0\"",
            IN (TI ("3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9), TI ("2,3", 1, 3, 0, 2, 0, 0)), "index 3 is out of range"),
  CASE_ERR ("qscope_axis_out_of_range", "GatherElements", "opset6", "axis=\"2\"",
            IN (TF ("2,2", 1, 2, 3, 4), TI ("2,2", 0, 0, 0, 0)), "axis 2 is out of range"),
};

/* ---- BatchToSpace (batch_to_space.cpp), SpaceToBatch (space_to_batch.cpp) ---- */

#define B2S(name, ds, d, bs, b, cb, ce, os, o) \
  CASE (name, "BatchToSpace", "opset2", "", \
        IN (TF (ds, UNPAREN d), TL (bs, UNPAREN b), TL (bs, UNPAREN cb), TL (bs, UNPAREN ce)), TF (os, UNPAREN o))
#define D24 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)

static const RefCase batch_space_cases[] = {
  B2S ("input_with_shape_4x3", "4,3", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "2", (1, 2), (0, 0), (0, 0),
       "2,6", (1, 7, 2, 8, 3, 9, 4, 10, 5, 11, 6, 12)),
  B2S ("input_with_shape_4x1x3", "4,1,3", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "3", (1, 1, 2), (0, 0, 0), (0, 0, 0),
       "2,1,6", (1, 7, 2, 8, 3, 9, 4, 10, 5, 11, 6, 12)),
  B2S ("input_with_shape_4x1x1x3", "4,1,1,3", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "4", (1, 1, 1, 2),
       (0, 0, 0, 0), (0, 0, 0, 0), "2,1,1,6", (1, 7, 2, 8, 3, 9, 4, 10, 5, 11, 6, 12)),
  B2S ("input_with_shape_4x1x1x3_1", "4,1,1,3", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "4", (1, 1, 2, 1),
       (0, 0, 0, 0), (0, 0, 0, 0), "2,1,2,3", (1, 2, 3, 7, 8, 9, 4, 5, 6, 10, 11, 12)),
  B2S ("input_with_shape_4x1x1x3_2", "4,1,1,3", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "4", (1, 1, 2, 2),
       (0, 0, 0, 0), (0, 0, 0, 0), "1,1,2,6", (1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12)),
  B2S ("input_with_shape_4x1x2x3", "4,1,2,3", D24, "4", (1, 1, 1, 2), (0, 0, 0, 0), (0, 0, 0, 0), "2,1,2,6",
       (1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23, 12, 24)),
  B2S ("input_with_shape_4x1x2x3_1", "4,1,2,3", D24, "4", (1, 1, 2, 1), (0, 0, 0, 0), (0, 0, 0, 0), "2,1,4,3",
       (1, 2, 3, 13, 14, 15, 4, 5, 6, 16, 17, 18, 7, 8, 9, 19, 20, 21, 10, 11, 12, 22, 23, 24)),
  B2S ("input_with_shape_4x1x2x3_2", "4,1,2,3", D24, "4", (1, 1, 2, 2), (0, 0, 0, 0), (0, 0, 0, 0), "1,1,4,6",
       (1, 7, 2, 8, 3, 9, 13, 19, 14, 20, 15, 21, 4, 10, 5, 11, 6, 12, 16, 22, 17, 23, 18, 24)),
  B2S ("input_with_shape_with_crop_4x1x2x3", "4,1,2,3", D24, "4", (1, 1, 2, 2), (0, 0, 0, 0), (0, 0, 0, 2), "1,1,4,4",
       (1, 7, 2, 8, 13, 19, 14, 20, 4, 10, 5, 11, 16, 22, 17, 23)),
  B2S ("input_with_shape_with_crop_4x1x2x3_1", "4,1,2,3", D24, "4", (1, 1, 2, 2), (0, 0, 0, 2), (0, 0, 0, 0), "1,1,4,4",
       (2, 8, 3, 9, 14, 20, 15, 21, 5, 11, 6, 12, 17, 23, 18, 24)),
  B2S ("input_with_shape_with_crop_4x1x2x3_2", "4,1,2,3", D24, "4", (1, 1, 2, 2), (0, 0, 1, 0), (0, 0, 1, 0), "1,1,2,6",
       (13, 19, 14, 20, 15, 21, 4, 10, 5, 11, 6, 12)),

  CASE ("space_to_batch_4D", "SpaceToBatch", "opset2", "",
        IN (TF ("1,1,2,2", 1, 1, 1, 1), TL ("4", 1, 1, 1, 1), TL ("4", 0, 0, 0, 0), TL ("4", 0, 0, 0, 0)),
        TF ("1,1,2,2", 1, 1, 1, 1)),
  CASE ("space_to_batch_5D", "SpaceToBatch", "opset2", "",
        IN (TF ("1,1,3,2,1", 1, 1, 1, 1, 1, 1), TL ("5", 1, 1, 3, 2, 2), TL ("5", 0, 0, 1, 0, 3), TL ("5", 0, 0, 2, 0, 0)),
        TF ("12,1,2,1,2", 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0,
            0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0)),
  CASE ("space_to_batch_4x4", "SpaceToBatch", "opset2", "",
        IN (TF ("1,1,4,4", 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1), TL ("4", 1, 1, 1, 1), TL ("4", 0, 0, 1, 0),
            TL ("4", 0, 0, 0, 0)),
        TF ("1,1,5,4", 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)),
  CASE_ERR ("qscope_block_shape_0", "SpaceToBatch", "opset2", "",
            IN (TF ("2,2", 1, 2, 3, 4), TL ("2", 2, 1), TL ("2", 0, 0), TL ("2", 0, 0)), "block_shape[0] = 2 must be 1"),
};

/* ---- DepthToSpace (depth_to_space.cpp), SpaceToDepth (space_to_depth.cpp) ---- */

#define D2S(op, name, mode, bs, is, i, os, o) \
  CASE (name, op, "opset1", "mode=\"" mode "\" block_size=\"" #bs "\"", IN (TF (is, UNPAREN i)), TF (os, UNPAREN o))
#define R32 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
             29, 30, 31)
#define R36 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
             29, 30, 31, 32, 33, 34, 35)

static const RefCase depth_space_cases[] = {
  D2S ("DepthToSpace", "depth_to_space_block_first_K1_BS2", "blocks_first", 2, "1,8,2",
       (0, 2, 8, 10, 16, 18, 24, 26, 1, 3, 9, 11, 17, 19, 25, 27), "1,4,4",
       (0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27)),
  D2S ("DepthToSpace", "depth_to_space_block_first_K2_BS2", "blocks_first", 2, "1,8,2,2",
       (0, 2, 8, 10, 16, 18, 24, 26, 1, 3, 9, 11, 17, 19, 25, 27, 4, 6, 12, 14, 20, 22, 28, 30, 5, 7, 13, 15, 21, 23, 29, 31),
       "1,2,4,4", R32),
  D2S ("DepthToSpace", "depth_to_space_block_first_K2_BS4", "blocks_first", 4, "1,16,2,1",
       (0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31),
       "1,1,8,4", R32),
  D2S ("DepthToSpace", "depth_to_space_depth_first_1K_BS2", "depth_first", 2, "1,8,2",
       (0, 2, 1, 3, 4, 6, 5, 7, 8, 10, 9, 11, 12, 14, 13, 15), "1,4,4",
       (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
  D2S ("DepthToSpace", "depth_to_space_depth_first_2K_BS2", "depth_first", 2, "1,8,2,2",
       (0, 2, 8, 10, 16, 18, 24, 26, 1, 3, 9, 11, 17, 19, 25, 27, 4, 6, 12, 14, 20, 22, 28, 30, 5, 7, 13, 15, 21, 23, 29, 31),
       "1,2,4,4",
       (0, 16, 2, 18, 1, 17, 3, 19, 8, 24, 10, 26, 9, 25, 11, 27, 4, 20, 6, 22, 5, 21, 7, 23, 12, 28, 14, 30, 13, 29, 15, 31)),
  D2S ("DepthToSpace", "depth_to_space_depth_first_2K_BS4", "depth_first", 4, "1,16,2,1",
       (0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31),
       "1,1,8,4", R32),
  CASE_ERR ("qscope_unknown_mode", "DepthToSpace", "opset1", "mode=\"sideways\" block_size=\"2\"",
            IN (TF ("1,4,1,1", 1, 2, 3, 4)), "mode “sideways” is unknown"),

  D2S ("SpaceToDepth", "space_to_depth_block_first_K2_BS2", "blocks_first", 2, "1,2,4,4", R32, "1,8,2,2",
       (0, 2, 8, 10, 16, 18, 24, 26, 1, 3, 9, 11, 17, 19, 25, 27, 4, 6, 12, 14, 20, 22, 28, 30, 5, 7, 13, 15, 21, 23, 29, 31)),
  D2S ("SpaceToDepth", "space_to_depth_block_first_K2_BS3", "blocks_first", 3, "1,2,6,3",
       (0, 4, 8, 12, 16, 20, 24, 28, 32, 1, 5, 9, 13, 17, 21, 25, 29, 33,
        2, 6, 10, 14, 18, 22, 26, 30, 34, 3, 7, 11, 15, 19, 23, 27, 31, 35),
       "1,18,2,1", R36),
  D2S ("SpaceToDepth", "space_to_depth_block_first_K1_BS3", "blocks_first", 3, "1,2,6",
       (0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11), "1,6,2", (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)),
  D2S ("SpaceToDepth", "space_to_depth_depth_first_K2_BS2", "depth_first", 2, "1,2,4,4",
       (0, 16, 2, 18, 1, 17, 3, 19, 8, 24, 10, 26, 9, 25, 11, 27, 4, 20, 6, 22, 5, 21, 7, 23, 12, 28, 14, 30, 13, 29, 15, 31),
       "1,8,2,2",
       (0, 2, 8, 10, 16, 18, 24, 26, 1, 3, 9, 11, 17, 19, 25, 27, 4, 6, 12, 14, 20, 22, 28, 30, 5, 7, 13, 15, 21, 23, 29, 31)),
  D2S ("SpaceToDepth", "space_to_depth_depth_first_K2_BS3", "depth_first", 3, "1,2,6,3",
       (0, 2, 4, 6, 8, 10, 12, 14, 16, 1, 3, 5, 7, 9, 11, 13, 15, 17,
        18, 20, 22, 24, 26, 28, 30, 32, 34, 19, 21, 23, 25, 27, 29, 31, 33, 35),
       "1,18,2,1", R36),
  D2S ("SpaceToDepth", "space_to_depth_depth_first_K1_BS3", "depth_first", 3, "1,2,6",
       (0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11), "1,6,2", (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)),
};

/* ---- ScatterUpdate (scatter_update.cpp) ----
 *
 * Most cases of the reference test give updates of another shape than the
 * specification's data.shape[:axis] + indices.shape + data.shape[axis+1:]
 * (the reference implementation then reads them by its own strides); the
 * specification wins, so those cases expect the error naming the
 * dimension.  The cases in the specification's shape run. */

#define SCU(name, ds, is, i, us, u, axis, os, o) \
  CASE (name, "ScatterUpdate", "opset3", "", \
        IN (TZ (ds), \
            TI (is, UNPAREN i), TF (us, UNPAREN u), TI ("1", axis)), TF (os, UNPAREN o))
#define SCU_ERR(name, ds, is, i, us, u, axis, err) \
  CASE_ERR (name, "ScatterUpdate", "opset3", "", \
            IN (TZ (ds), \
                TI (is, UNPAREN i), TF (us, UNPAREN u), TI ("1", axis)), err)
#define U8V (1, 2, 3, 4, 5, 6, 7, 8)
#define U16V (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
#define U64V (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, \
              30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, \
              57, 58, 59, 60, 61, 62, 63, 64)
#define U72V (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, \
              30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, \
              57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72)
#define U108V (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
               29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, \
               55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, \
               81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, \
               105, 106, 107, 108)

static const RefCase scatter_update_cases[] = {
  SCU_ERR ("scatter_update_3_d3x2x2x3_i2x1_u3x3x2x2x2_a2", "3,2,2,3", "2,1", (0, 1), "3,3,2,2,2", U72V, 2,
           "updates dimension 1 is 3, expected 2"),
  SCU ("scatter_update_3_d3x3_i2_u3x2_a1", "3,3", "2", (1, 2), "3,2", (1, 1, 1, 2, 2, 2), 1, "3,3", (0, 1, 1, 0, 1, 2, 0, 2, 2)),
  SCU ("scatter_update_3_d3x3_i2_u2x3_a0", "3,3", "2", (1, 2), "2,3", (1, 1, 1, 2, 2, 2), 0, "3,3", (0, 0, 0, 1, 1, 1, 2, 2, 2)),
  SCU_ERR ("scatter_update_3_d3x4_i2_u3x4_a0", "3,4", "2", (0, 2), "3,4", (1, 2, 3, 7, 4, 5, 6, 8, 7, 8, 9, 10), 0,
           "updates dimension 0 is 3, expected 2"),
  SCU_ERR ("scatter_update_3_d3x3_i2_u3x5_a1", "3,3", "2", (0, 2), "3,5", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 1,
           "updates dimension 1 is 5, expected 2"),
  SCU ("scatter_update_3_d3x3_i1x2_u1x2x3_a0", "3,3", "1,2", (1, 2), "1,2,3", (1, 2, 3, 4, 5, 6), 0, "3,3",
       (0, 0, 0, 1, 2, 3, 4, 5, 6)),
  SCU ("scatter_update_3_d3x3_i1x2_u3x1x2_a1", "3,3", "1,2", (1, 2), "3,1,2", (1, 2, 3, 4, 5, 6), 1, "3,3",
       (0, 1, 2, 0, 3, 4, 0, 5, 6)),
  SCU_ERR ("scatter_update_3_d3x3_i1x2_u4x4x4_a1", "3,3", "1,2", (1, 2), "4,4,4", U64V, 1, "updates dimension 0 is 4, expected 3"),
  SCU_ERR ("scatter_update_3_d3x3_i1x3_u4x4x4_a1", "3,3", "1,3", (0, 1, 2), "4,4,4", U64V, 1,
           "updates dimension 0 is 4, expected 3"),
  SCU_ERR ("scatter_update_3_d3x3_i1x1_u2x2x2_a1", "3,3", "1,1", (2), "2,2,2", U8V, 1, "updates dimension 0 is 2, expected 3"),
  SCU_ERR ("scatter_update_3_d3x4_i1x4_u2x2x2_a1", "3,4", "1,4", (0, 1, 2, 3), "2,2,2", U8V, 1,
           "updates dimension 0 is 2, expected 3"),
  SCU_ERR ("scatter_update_3_d3x3_i1x3_u2x2x2_a0", "3,3", "1,3", (0, 1, 2), "2,2,2", U8V, 0,
           "updates dimension 0 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_d3x3_i1x3_u2x2x1_a0", "3,3", "1,3", (0, 1, 2), "2,2,1", (1, 2, 3, 4), 0,
           "updates dimension 0 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_d3x3_i1x3_u1x1x1_a0", "3,3", "1,3", (0, 1, 2), "1,1,1", (1), 0,
           "updates dimension 1 is 1, expected 3"),
  SCU_ERR ("scatter_update_3_d2x2_i2x1_u2x2x2_a0", "2,2", "2,1", (0, 1), "2,2,2", U8V, 0, "updates dimension 1 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_d4x4_i4x1_u2x2x2_a0", "4,4", "4,1", (0, 1, 2, 3), "2,2,2", U8V, 0,
           "updates dimension 0 is 2, expected 4"),
  SCU_ERR ("scatter_update_3_d2x3x4x2_i3x1_u3x2x3x3x2_a2", "2,3,4,2", "3,1", (0, 1, 2), "3,2,3,3,2", U108V, 2,
           "updates dimension 0 is 3, expected 2"),
  SCU_ERR ("scatter_update_3_d1x3x2x2_i1x3_u1x3x2x2x2_a1", "1,3,2,2", "1,3", (2, 0, 1), "1,3,2,2,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), 1,
           "updates dimension 1 is 3, expected 1"),
  SCU_ERR ("scatter_update_3_d2x2x2_i1x2_u2x2x3x2_a1", "2,2,2", "1,2", (0, 1), "2,2,3,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), 1,
           "updates dimension 1 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_d2x2x4_i1x2x1_u2x2x3x2x1_a1", "2,2,4", "1,2,1", (0, 1), "2,2,3,2,1",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), 1,
           "updates dimension 1 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_d2x4x2_i1x2x1_u2x2x3x2x1_a1", "2,4,2", "1,2,1", (0, 1), "2,2,3,2,1",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), 1,
           "updates dimension 1 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_d2x2x2_i2x1_u2x2x3x2_a2", "2,2,2", "2,1", (1, 0), "2,2,3,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), 2,
           "updates dimension 2 is 3, expected 2"),
  SCU_ERR ("scatter_update_3_d2x2x4_i1x2x1_u2x2x3x1x2_a1", "2,2,4", "1,2,1", (0, 1), "2,2,3,1,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), 1,
           "updates dimension 1 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_d3x2x2x2_i2_u2x2x2x2_a3", "3,2,2,2", "2", (0, 1), "2,2,2,2", U16V, 3,
           "updates dimension 0 is 2, expected 3"),
  SCU_ERR ("scatter_update_3_d5x2x2x2_i2_u2x2x2x2_a2", "5,2,2,2", "2", (0, 1), "2,2,2,2", U16V, 2,
           "updates dimension 0 is 2, expected 5"),
  SCU_ERR ("scatter_update_3_d5x2x2x2_i2x1_u2x2x2x2x2_a2", "5,2,2,2", "2,1", (0, 1), "2,2,2,2,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
            31, 32), 2, "updates dimension 0 is 2, expected 5"),
  /* generateScatterUpdate3ParamsNegativeAxis */
  SCU_ERR ("scatter_update_3_negative_axis_d2x2x3_i1x2x1_u2x2x3x1x2_a-2", "2,2,3", "1,2,1", (0, 1), "2,2,3,1,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), -2,
           "updates dimension 1 is 2, expected 1"),
  SCU_ERR ("scatter_update_3_negative_axis_d2x2x2_i1x2x1_u2x2x3x1x2_a-1", "2,2,2", "1,2,1", (0, 1), "2,2,3,1,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24), -1,
           "updates dimension 2 is 3, expected 1"),
  SCU_ERR ("scatter_update_3_negative_axis_d4x2x2x2_i2_u2x2x2x2_a-3", "4,2,2,2", "2", (0, 1), "2,2,2,2", U16V, -3,
           "updates dimension 0 is 2, expected 4"),
};

/* ---- ScatterElementsUpdate (scatter_elements_update.cpp) ---- */

#define SEU3(name, ds, d, s, i, u, axis, o) \
  CASE (name, "ScatterElementsUpdate", "opset3", "", \
        IN (TF (ds, UNPAREN d), TI (s, UNPAREN i), TF (s, UNPAREN u), TI ("1", axis)), TF (ds, UNPAREN o))
#define SEU12(name, red, init, ds, d, s, i, u, axis, o) \
  CASE (name, "ScatterElementsUpdate", "opset12", "reduction=\"" red "\" use_init_val=\"" init "\"", \
        IN (TF (ds, UNPAREN d), TI (s, UNPAREN i), TF (s, UNPAREN u), TI ("1", axis)), TF (ds, UNPAREN o))
#define SEU12I(name, red, init, ds, d, s, i, u, axis, o) \
  CASE (name, "ScatterElementsUpdate", "opset12", "reduction=\"" red "\" use_init_val=\"" init "\"", \
        IN (TI (ds, UNPAREN d), TI (s, UNPAREN i), TI (s, UNPAREN u), TI ("1", axis)), TI (ds, UNPAREN o))
#define SEU12_ALL(name, red, init, ds, d, s, i, u, axis, o) \
  SEU12 (name "_f32", red, init, ds, d, s, i, u, axis, o), \
  SEU12I (name "_i32", red, init, ds, d, s, i, u, axis, o)

static const RefCase scatter_elements_cases[] = {
  SEU3 ("scatter_elements_update_3_axis_0", "2,2", (1, 2, 3, 4), "2,2", (1, 1, 0, 0), (10, 20, 30, 40), 0, (30, 40, 10, 20)),
  SEU3 ("scatter_elements_update_3_axis_1", "2,1", (1, 2), "2,1", (0, 0), (10, 20), 1, (10, 20)),
  SEU12 ("scatter_elements_update_12_axis_0_none", "none", "true", "2,2", (1, 2, 3, 4), "2,2", (1, 1, 0, 0),
         (10, 20, 30, 40), 0, (30, 40, 10, 20)),
  SEU12_ALL ("scatter_eu_v12_max_init", "max", "true", "3,2", (11, 12, 13, 14, 15, 16), "1,2", (-1, 1), (5, 24), 0,
             (11, 12, 13, 24, 15, 16)),
  SEU12_ALL ("scatter_eu_v12_min_no_init", "min", "false", "2,3", (11, 12, 13, 14, 15, 16), "2,2", (-3, 1, 0, 2),
             (1, 22, 24, 6), 1, (1, 22, 13, 24, 15, 6)),
  SEU12_ALL ("scatter_eu_v12_mean_init", "mean", "true", "1,2,3", (11, 12, 13, 14, 15, 16), "1,1,4", (0, 1, 0, 2),
             (23, 38, 32, 7), 2, (22, 25, 10, 14, 15, 16)),
  SEU12_ALL ("scatter_eu_v12_mean_no_init", "mean", "false", "1,2,3", (11, 12, 13, 14, 15, 16), "1,1,4", (0, 1, 0, 0),
             (20, 33, 26, 29), 2, (25, 33, 13, 14, 15, 16)),
  SEU12_ALL ("scatter_eu_v12_sum_no_init", "sum", "false", "2,2,1", (1, 2, 3, 4), "1,5,1", (0, 0, 1, 1, 1),
             (50, 51, 10, 20, 30), 1, (101, 60, 3, 4)),
  SEU12_ALL ("scatter_eu_v12_prod_init", "prod", "true", "3,2", (1, 2, 3, 4, 5, 6), "4,1", (0, 0, 1, 2), (7, 7, 10, 5), 0,
             (49, 2, 30, 4, 25, 6)),
  CASE_ERR ("qscope_unknown_reduction", "ScatterElementsUpdate", "opset12", "reduction=\"median\"",
            IN (TF ("2", 1, 2), TI ("1", 0), TF ("1", 5), TI ("1", 0)), "reduction “median” is unknown"),
  CASE_ERR ("qscope_axis_out_of_range", "ScatterElementsUpdate", "opset3", "",
            IN (TF ("2", 1, 2), TI ("1", 0), TF ("1", 5), TI ("1", 1)), "axis 1 is out of range"),
};

/* ---- ScatterNDUpdate (scatter_nd_update.cpp) ---- */

#define SND(name, ver, attrs, ds, d, is, i, us, u, o) \
  CASE (name, "ScatterNDUpdate", ver, attrs, \
        IN (TF (ds, UNPAREN d), TI (is, UNPAREN i), TF (us, UNPAREN u)), TF (ds, UNPAREN o))
#define SNDB(name, red, ds, d, is, i, us, u, o) \
  CASE (name, "ScatterNDUpdate", "opset15", "reduction=\"" red "\"", \
        IN (TB (ds, UNPAREN d), TI (is, UNPAREN i), TB (us, UNPAREN u)), TB (ds, UNPAREN o))
#define R27 (11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 39)
#define R64 (1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, \
             8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 6, 7, 8)
#define Q27 (8, 12, 1, 5, 3, 19, 2, 4, 13, 7, 6, 25, 5, 12, 11, 23, 17, 2, 18, 23, 16, 17, 11, 22, 0, 10, 20)
#define QU18 (4, 15, 11, 13, 15, 23, 1, 4, 4, 11, 2, 10, 1, 25, 25, 19, 23, 10)
#define BD27 (1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0)
#define BU18 (0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0)

/* the v3 cases run as ScatterNDUpdate-3 and again as -15 without a reduction */
#define SND3(name, ds, d, is, i, us, u, o) \
  SND (name, "opset3", "", ds, d, is, i, us, u, o), \
  SND (name "_v15", "opset15", "", ds, d, is, i, us, u, o)

static const RefCase scatter_nd_cases[] = {
  SND3 ("scatter_nd_update_1x1", "1", (1), "1", (0), "1", (20), (20)),
  SND3 ("scatter_nd_update_2x2_by_1", "2,2", (1, 2, 3, 4), "2,1", (1, 0), "2,2", (10, 20, 30, 40), (30, 40, 10, 20)),
  SND3 ("scatter_nd_update_2x2_by_2", "2,2", (1, 2, 3, 4), "2,2", (0, 0, 1, 1), "2", (10, 40), (10, 2, 3, 40)),
  SND3 ("scatter_nd_update_3x3_by_1", "3,3,3", R27, "2,1", (0, 2), "2,3,3",
        (91, 92, 93, 94, 95, 96, 97, 98, 99, 81, 82, 83, 84, 85, 86, 87, 88, 89),
        (91, 92, 93, 94, 95, 96, 97, 98, 99, 21, 22, 23, 24, 25, 26, 27, 28, 29, 81, 82, 83, 84, 85, 86, 87, 88, 89)),
  SND3 ("scatter_nd_update_3x3_by_2v2", "3,3,3", R27, "2,2,3", (0, 0, 0, 2, 2, 2, 1, 0, 0, 1, 2, 2), "2,2", (91, 92, 81, 82),
        (91, 12, 13, 14, 15, 16, 17, 18, 19, 81, 22, 23, 24, 25, 26, 27, 28, 82, 31, 32, 33, 34, 35, 36, 37, 38, 92)),
  SND3 ("scatter_nd_update_3x3_by_2", "3,3,3", R27, "2,2", (0, 0, 2, 2), "2,3", (91, 92, 93, 87, 88, 89),
        (91, 92, 93, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 87, 88, 89)),
  SND3 ("scatter_nd_update_3x3_by_3", "3,3,3", R27, "2,3", (0, 0, 0, 2, 2, 2), "2", (91, 99),
        (91, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 99)),
  SND3 ("scatter_nd_update_1d_from_examples", "8", (1, 2, 3, 4, 5, 6, 7, 8), "4,1", (4, 3, 1, 7), "4", (9, 10, 11, 12),
        (1, 11, 3, 10, 9, 6, 7, 12)),
  SND3 ("scatter_nd_update_4x4_shape_from_examples", "4,4,4", R64, "2,1", (0, 2), "2,4,4",
        (5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4),
        (5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1,
         1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 6, 7, 8)),
  SND3 ("scatter_nd_update_4x4_v2", "4,4,4", R64, "2,2,2", (0, 0, 2, 2, 1, 1, 3, 3), "2,2,4",
        (15, 16, 17, 18, 25, 26, 27, 28, 35, 36, 37, 38, 45, 46, 47, 58),
        (15, 16, 17, 18, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 35, 36, 37, 38, 8, 7, 6, 5, 4, 3, 2, 1,
         8, 7, 6, 5, 4, 3, 2, 1, 25, 26, 27, 28, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 45, 46, 47, 58)),
  CASE_ERR ("scatter_nd_update_2x3_with_out_of_bounds_index", "ScatterNDUpdate", "opset3", "",
            IN (TF ("2,3", 1, 2, 3, 4, 5, 6), TI ("1,2", 1, 3), TF ("1", 10)), "index 3 is out of range"),

  /* generateScatterNDUpdateV15Params: duplicated indices, the last wins */
  SND ("scatter_nd_update_1x1_duplicated_indices", "opset15", "", "1", (1), "2,1", (0, 0), "2", (40, 50), (50)),
  SND ("scatter_nd_update_tf_example_duplicated_indices", "opset15", "", "3,2", (1, 1, 1, 1, 1, 1), "2,2", (0, 1, 0, 1),
       "2", (5, 10), (1, 10, 1, 1, 1, 1)),
  SND ("scatter_nd_update_3x3_by_1_duplicated_indices", "opset15", "", "3,3,3", Q27, "2,1", (2, 2), "2,3,3", QU18,
       (8, 12, 1, 5, 3, 19, 2, 4, 13, 7, 6, 25, 5, 12, 11, 23, 17, 2, 11, 2, 10, 1, 25, 25, 19, 23, 10)),
  SND ("scatter_nd_update_3x3_by_3_duplicated_indices", "opset15", "", "3,3,3", R27, "3,3", (0, 0, 0, 2, -1, 2, -1, 2, -1),
       "3", (91, 99, 100),
       (91, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 100)),
  SND ("scatter_nd_update_1d_from_examples_duplicated_indices", "opset15", "", "8", (1, 2, 3, 4, 5, 6, 7, 8), "5,1",
       (4, 3, 1, 7, 1), "5", (9, 10, 11, 12, 22), (1, 22, 3, 10, 9, 6, 7, 12)),
  SND ("scatter_nd_update_4x4_shape_from_examples_duplicated_indices", "opset15", "", "4,4,4", R64, "3,1", (0, 2, -2),
       "3,4,4", (5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
                 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13),
       (5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1,
        10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 6, 7, 8)),
  SND ("scatter_nd_update_4x4_v2_duplicated_indices", "opset15", "", "4,4,4", R64, "3,2,2", (0, 0, 2, 2, 1, 1, 3, 3, 0, 0, 2, 2),
       "3,2,4", (15, 16, 17, 18, 25, 26, 27, 28, 35, 36, 37, 38, 45, 46, 47, 48, 55, 56, 57, 58, 65, 66, 67, 68),
       (55, 56, 57, 58, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 35, 36, 37, 38, 8, 7, 6, 5, 4, 3, 2, 1,
        8, 7, 6, 5, 4, 3, 2, 1, 65, 66, 67, 68, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 45, 46, 47, 48)),

  /* reductions */
  SND ("scatter_nd_update_1x1_SUM", "opset15", "reduction=\"sum\"", "1", (1), "1", (0), "", (40), (41)),
  SND ("scatter_nd_update_1x1_SUB", "opset15", "reduction=\"sub\"", "1", (40), "1", (0), "", (40), (0)),
  SND ("scatter_nd_update_1x1_PROD", "opset15", "reduction=\"prod\"", "1", (2), "1", (0), "", (40), (80)),
  SND ("scatter_nd_update_1x1_MAX", "opset15", "reduction=\"max\"", "1", (2), "1", (0), "", (40), (40)),
  SND ("scatter_nd_update_1x1_MIN", "opset15", "reduction=\"min\"", "1", (2), "1", (0), "", (40), (2)),
  SND ("scatter_nd_update_tf_example_SUM", "opset15", "reduction=\"sum\"", "3,2", (1, 1, 1, 1, 1, 1), "2,2", (0, 1, 2, 0),
       "2", (5, 10), (1, 6, 1, 1, 11, 1)),
  SND ("scatter_nd_update_tf_example_SUB", "opset15", "reduction=\"sub\"", "3,2", (1, 6, 1, 1, 11, 1), "2,2", (0, 1, 2, 0),
       "2", (5, 10), (1, 1, 1, 1, 1, 1)),
  SND ("scatter_nd_update_tf_example_PROD", "opset15", "reduction=\"prod\"", "3,2", (1, 2, 1, 1, 2, 1), "2,2", (0, 1, 2, 0),
       "2", (5, 10), (1, 10, 1, 1, 20, 1)),
  SND ("scatter_nd_update_tf_example_MAX", "opset15", "reduction=\"max\"", "3,2", (1, 1, 1, 1, 1, 1), "2,2", (0, 1, 2, 0),
       "2", (5, 10), (1, 5, 1, 1, 10, 1)),
  SND ("scatter_nd_update_tf_example_MIN", "opset15", "reduction=\"min\"", "3,2", (15, 15, 15, 15, 15, 15), "2,2",
       (0, 1, 2, 0), "2", (5, 10), (15, 5, 15, 15, 10, 15)),
  SND ("scatter_nd_update_3x3_by_1_SUM", "opset15", "reduction=\"sum\"", "3,3,3", Q27, "2,1", (0, 2), "2,3,3", QU18,
       (12, 27, 12, 18, 18, 42, 3, 8, 17, 7, 6, 25, 5, 12, 11, 23, 17, 2, 29, 25, 26, 18, 36, 47, 19, 33, 30)),
  SND ("scatter_nd_update_3x3_by_1_PROD", "opset15", "reduction=\"prod\"", "3,3,3", Q27, "2,1", (0, 2), "2,3,3", QU18,
       (32, 180, 11, 65, 45, 437, 2, 16, 52, 7, 6, 25, 5, 12, 11, 23, 17, 2, 198, 46, 160, 17, 275, 550, 0, 230, 200)),
  SND ("scatter_nd_update_3x3_by_1_MAX", "opset15", "reduction=\"max\"", "3,3,3", Q27, "2,1", (0, 2), "2,3,3", QU18,
       (8, 15, 11, 13, 15, 23, 2, 4, 13, 7, 6, 25, 5, 12, 11, 23, 17, 2, 18, 23, 16, 17, 25, 25, 19, 23, 20)),
  SND ("scatter_nd_update_3x3_by_1_MIN", "opset15", "reduction=\"min\"", "3,3,3", Q27, "2,1", (0, 2), "2,3,3", QU18,
       (4, 12, 1, 5, 3, 19, 1, 4, 4, 7, 6, 25, 5, 12, 11, 23, 17, 2, 11, 2, 10, 1, 11, 22, 0, 10, 10)),
  SND ("scatter_nd_update_3x3_by_1_SUB", "opset15", "reduction=\"sub\"", "3,3,3",
       (37, 29, 48, 48, 27, 29, 26, 42, 42, 48, 49, 25, 39, 36, 47, 34, 49, 42, 35, 37, 49, 42, 46, 26, 41, 31, 41),
       "2,1", (0, 2), "2,3,3", (18, 13, 13, 19, 13, 1, 25, 24, 15, 6, 12, 17, 12, 10, 8, 18, 16, 19),
       (19, 16, 35, 29, 14, 28, 1, 18, 27, 48, 49, 25, 39, 36, 47, 34, 49, 42, 29, 25, 32, 30, 36, 18, 23, 15, 22)),
  SND ("scatter_nd_update_3x3_by_3_duplicated_indices_SUM", "opset15", "reduction=\"sum\"", "3,3,3", R27, "3,3",
       (0, 0, 0, 2, -1, 2, -1, 2, -1), "3", (2, 4, 6),
       (13, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 49)),
  SND ("scatter_nd_update_3x3_by_3_duplicated_indices_SUB", "opset15", "reduction=\"sub\"", "3,3,3", R27, "3,3",
       (0, 0, 0, 2, -1, 2, -1, 2, -1), "3", (2, 4, 6),
       (9, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 29)),
  SND ("scatter_nd_update_3x3_by_3_duplicated_indices_PROD", "opset15", "reduction=\"prod\"", "3,3,3", R27, "3,3",
       (0, 0, 0, 2, -1, 2, -1, 2, -1), "3", (2, 4, 6),
       (22, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 936)),
  SND ("scatter_nd_update_3x3_by_3_duplicated_indices_MAX", "opset15", "reduction=\"max\"", "3,3,3", R27, "3,3",
       (0, 0, 0, 2, -1, 2, -1, 2, -1), "3", (2, 4, 6), R27),
  SND ("scatter_nd_update_3x3_by_3_duplicated_indices_MIN", "opset15", "reduction=\"min\"", "3,3,3", R27, "3,3",
       (0, 0, 0, 2, -1, 2, -1, 2, -1), "3", (2, 4, 6),
       (2, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 4)),
  /* generateScatterNDUpdateV15ParamsReductionsBoolean */
  SNDB ("scatter_nd_update_3x3_by_1_boolean_SUM", "sum", "3,3,3", BD27, "2,1", (0, 2), "2,3,3", BU18,
        (1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0)),
  SNDB ("scatter_nd_update_3x3_by_1_boolean_PROD", "prod", "3,3,3", BD27, "2,1", (0, 2), "2,3,3", BU18,
        (0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0)),
  SNDB ("scatter_nd_update_3x3_by_1_boolean_MAX", "max", "3,3,3", BD27, "2,1", (0, 2), "2,3,3", BU18,
        (1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0)),
  SNDB ("scatter_nd_update_3x3_by_1_boolean_MIN", "min", "3,3,3", BD27, "2,1", (0, 2), "2,3,3", BU18,
        (0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0)),
  SNDB ("scatter_nd_update_3x3_by_1_boolean_SUB", "sub", "3,3,3", BD27, "2,1", (0, 2), "2,3,3", BU18,
        (1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0)),
  CASE_ERR ("qscope_unknown_reduction", "ScatterNDUpdate", "opset15", "reduction=\"mean\"",
            IN (TF ("1", 1), TI ("1", 0), TF ("", 40)), "reduction “mean” is unknown"),
};

/* ---- OneHot (one_hot.cpp): i32 indices and depth, i32 on/off, and the float case ---- */

#define OH(name, axis, is, i, depth, os, o) \
  CASE (name, "OneHot", "opset1", "axis=\"" #axis "\"", \
        IN (TI (is, UNPAREN i), TI ("", depth), TI ("", 1), TI ("", 0)), TI (os, UNPAREN o))

static const RefCase one_hot_cases[] = {
  OH ("one_hot_scalar_2_in_3", 0, "", (2), 3, "3", (0, 0, 1)),
  OH ("one_hot_scalar_1_in_3", 0, "", (1), 3, "3", (0, 1, 0)),
  OH ("one_hot_scalar_0_in_3", 0, "", (0), 3, "3", (1, 0, 0)),
  OH ("one_hot_vector_0", 0, "8", (2, 1, 0, 0, 2, 2, 1, 0), 3, "3,8",
      (0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0)),
  OH ("one_hot_vector_1", 1, "8", (2, 1, 0, 0, 2, 2, 1, 0), 3, "8,3",
      (0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0)),
  OH ("one_hot_vector_1_barely_oob", 1, "8", (2, 1, 0, 0, 3, 2, 1, 0), 3, "8,3",
      (0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0)),
  OH ("one_hot_matrix_0", 0, "3,3", (0, 1, 1, 2, 1, 0, 0, 2, 1), 3, "3,3,3",
      (1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0)),
  CASE ("one_hot_on_off_float", "OneHot", "opset1", "axis=\"0\"",
        IN (TI ("3,3", 0, 1, 1, 2, 1, 0, 0, 2, 1), TI ("", 3), TF ("", 2.5), TF ("", 0.5)),
        TF ("3,3,3", 2.5, 0.5, 0.5, 0.5, 0.5, 2.5, 2.5, 0.5, 0.5, 0.5, 2.5, 2.5, 0.5, 2.5, 0.5, 0.5, 0.5, 2.5,
            0.5, 0.5, 0.5, 2.5, 0.5, 0.5, 0.5, 2.5, 0.5)),
  CASE_ERR ("qscope_axis_out_of_range", "OneHot", "opset1", "axis=\"3\"",
            IN (TI ("2", 0, 1), TI ("", 3), TI ("", 1), TI ("", 0)), "axis 3 is out of range"),
  /* qscope: OneHot-16 counts a negative index from the end only when asked */
  CASE ("qscope_v16_normalize", "OneHot", "opset16", "axis=\"-1\" negative_indices_mode=\"normalize\"",
        IN (TI ("3", -1, 0, -3), TI ("", 3), TI ("", 1), TI ("", 0)), TI ("3,3", 0, 0, 1, 1, 0, 0, 1, 0, 0)),
  CASE ("qscope_v16_ignore_negative", "OneHot", "opset16", "axis=\"-1\"",
        IN (TI ("3", -1, 0, -3), TI ("", 3), TI ("", 1), TI ("", 0)), TI ("3,3", 0, 0, 0, 1, 0, 0, 0, 0, 0)),
  CASE_ERR ("qscope_unknown_negative_indices_mode", "OneHot", "opset16", "axis=\"0\" negative_indices_mode=\"wrap\"",
            IN (TI ("2", 0, 1), TI ("", 3), TI ("", 1), TI ("", 0)), "negative_indices_mode “wrap” is unknown"),
};

/* ---- Bucketize (bucketize.cpp) ---- */

static const RefCase bucketize_cases[] = {
  CASE ("bucketize_fp32_int32_with_right_bound", "Bucketize", "opset3", "output_type=\"i32\" with_right_bound=\"true\"",
        IN (TF ("10,1", 8, 1, 2, 1.1f, 8, 10, 1, 10.2f, 0, 20), TI ("4", 1, 4, 10, 20)),
        TI ("10,1", 2, 0, 1, 1, 2, 2, 0, 3, 0, 3)),
  CASE ("bucketize_int32_int32_without_right_bound", "Bucketize", "opset3", "output_type=\"i32\" with_right_bound=\"false\"",
        IN (TI ("1,1,10", 8, 1, 2, 1, 8, 5, 1, 5, 0, 20), TI ("4", 1, 4, 10, 20)),
        TI ("1,1,10", 2, 1, 1, 1, 2, 2, 1, 2, 0, 4)),
  CASE_ERR ("qscope_bad_output_type", "Bucketize", "opset3", "output_type=\"f32\"",
            IN (TF ("1", 1), TI ("1", 1)), "output_type “f32” is not i32 or i64"),
};

/* ---- CumSum (cum_sum.cpp): f32 and i32 ---- */

#define CS(name, ds, d, o, excl, rev, axis) \
  CASE (name "_f32", "CumSum", "opset3", "exclusive=\"" #excl "\" reverse=\"" #rev "\"", \
        IN (TF (ds, UNPAREN d), TI ("", axis)), TF (ds, UNPAREN o)), \
  CASE (name "_i32", "CumSum", "opset3", "exclusive=\"" #excl "\" reverse=\"" #rev "\"", \
        IN (TI (ds, UNPAREN d), TL ("", axis)), TI (ds, UNPAREN o))
#define CS_DEF(name, ds, d, o) \
  CASE (name "_f32", "CumSum", "opset3", "", IN (TF (ds, UNPAREN d)), TF (ds, UNPAREN o)), \
  CASE (name "_i32", "CumSum", "opset3", "", IN (TI (ds, UNPAREN d)), TI (ds, UNPAREN o))
#define C8 (0, 1, 2, 3, 4, 5, 6, 7)
#define C24 (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)

static const RefCase cum_sum_cases[] = {
  CS_DEF ("cum_sum_default_1", "1", (3), (3)),
  CS_DEF ("cum_sum_default_6", "6", (1, 2, 3, 4, 5, 6), (1, 3, 6, 10, 15, 21)),
  CS_DEF ("cum_sum_default_2x4", "2,4", C8, (0, 1, 2, 3, 4, 6, 8, 10)),
  CS ("cum_sum_6_axis0", "6", (1, 2, 3, 4, 5, 6), (1, 3, 6, 10, 15, 21), false, false, 0),
  CS ("cum_sum_6_reverse", "6", (1, 2, 3, 4, 5, 6), (21, 20, 18, 15, 11, 6), false, true, 0),
  CS ("cum_sum_6_exclusive", "6", (1, 2, 3, 4, 5, 6), (0, 1, 3, 6, 10, 15), true, false, 0),
  CS ("cum_sum_6_exclusive_reverse", "6", (1, 2, 3, 4, 5, 6), (20, 18, 15, 11, 6, 0), true, true, 0),
  CS ("cum_sum_2x4_axis0", "2,4", C8, (0, 1, 2, 3, 4, 6, 8, 10), false, false, 0),
  CS ("cum_sum_2x4_axis0_reverse", "2,4", C8, (4, 6, 8, 10, 4, 5, 6, 7), false, true, 0),
  CS ("cum_sum_2x4_axis0_exclusive", "2,4", C8, (0, 0, 0, 0, 0, 1, 2, 3), true, false, 0),
  CS ("cum_sum_2x4_axis0_exclusive_reverse", "2,4", C8, (4, 5, 6, 7, 0, 0, 0, 0), true, true, 0),
  CS ("cum_sum_2x4_axis1", "2,4", C8, (0, 1, 3, 6, 4, 9, 15, 22), false, false, 1),
  CS ("cum_sum_2x4_axis1_exclusive", "2,4", C8, (0, 0, 1, 3, 0, 4, 9, 15), true, false, 1),
  CS ("cum_sum_2x4_axis1_reverse", "2,4", C8, (6, 6, 5, 3, 22, 18, 13, 7), false, true, 1),
  CS ("cum_sum_2x4_axis1_exclusive_reverse", "2,4", C8, (6, 5, 3, 0, 18, 13, 7, 0), true, true, 1),
  CS ("cum_sum_3x2x4_axis0", "3,2,4", C24,
      (0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 22, 24, 27, 30, 33, 36, 39, 42, 45), false, false, 0),
  CS ("cum_sum_3x2x4_axis1", "3,2,4", C24,
      (0, 1, 2, 3, 4, 6, 8, 10, 8, 9, 10, 11, 20, 22, 24, 26, 16, 17, 18, 19, 36, 38, 40, 42), false, false, 1),
  CS ("cum_sum_3x2x4_axis2", "3,2,4", C24,
      (0, 1, 3, 6, 4, 9, 15, 22, 8, 17, 27, 38, 12, 25, 39, 54, 16, 33, 51, 70, 20, 41, 63, 86), false, false, 2),
  CASE_ERR ("qscope_axis_out_of_range", "CumSum", "opset3", "", IN (TF ("2", 1, 2), TI ("", 1)), "axis 1 is out of range"),
};

/* ---- Eye (eye.cpp) ---- */

#define EYE(name, ot, r, c, d, ...) \
  CASE (name, "Eye", "opset9", "output_type=\"" ot "\"", IN (TI ("1", r), TI ("1", c), TI ("1", d)), __VA_ARGS__)
#define EYEB(name, ot, r, c, d, bs, b, ...) \
  CASE (name, "Eye", "opset9", "output_type=\"" ot "\"", \
        IN (TI ("1", r), TI ("1", c), TI ("1", d), TI (bs, UNPAREN b)), __VA_ARGS__)

static const RefCase eye_cases[] = {
  EYE ("float32_default_3x2", "f32", 3, 2, 0, TF ("3,2", 1, 0, 0, 1, 0, 0)),
  CASE ("int8_diag=2_2x4", "Eye", "opset9", "output_type=\"i8\"", IN (TI ("", 2), TI ("", 4), TI ("", 2)),
        TI8 ("2,4", 0, 0, 1, 0, 0, 0, 0, 1)),
  CASE ("int64_diag=-3_4x2", "Eye", "opset9", "output_type=\"i64\"", IN (TI ("1", 4), TI ("1", 2), TI ("", -3)),
        TL ("4,2", 0, 0, 0, 0, 0, 0, 1, 0)),
  CASE ("int8_empty_1x4", "Eye", "opset9", "output_type=\"i8\"", IN (TI ("", 1), TI ("", 4), TI ("", 10)),
        TI8 ("1,4", 0, 0, 0, 0)),
  EYEB ("f32_2x3x3_diag0", "f32", 3, 3, 0, "1", (2), TF ("2,3,3", 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1)),
  /* the reference states the shape {2,3,3} for 32 values: the output is 2x4x4 */
  EYEB ("f32_2x4x4_diag0", "f32", 4, 4, 0, "1", (2),
        TF ("2,4,4", 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)),
  EYEB ("f32_2x3x4_diag0", "f32", 3, 4, 0, "1", (2),
        TF ("2,3,4", 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0)),
  EYEB ("f32_2x4x3_diag0", "i8", 4, 3, 0, "1", (2),
        TI8 ("2,4,3", 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0)),
  EYEB ("f32_2x3x4_diag1", "f32", 3, 4, 1, "1", (2),
        TF ("2,3,4", 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)),
  EYEB ("f32_2x4x3_diag1", "f32", 4, 3, 1, "1", (2),
        TF ("2,4,3", 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)),
  EYEB ("i8_2x3x4_diag2", "i8", 3, 4, 2, "1", (2),
        TI8 ("2,3,4", 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0)),
  EYEB ("i8_2x4x3_diag2", "i8", 4, 3, 2, "1", (2),
        TI8 ("2,4,3", 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
  EYEB ("i8_2x3x4_diag-1", "i8", 3, 4, -1, "1", (2),
        TI8 ("2,3,4", 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0)),
  EYEB ("i8_2x4x3_diag-1", "i8", 4, 3, -1, "1", (2),
        TI8 ("2,4,3", 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1)),
  EYEB ("i8_2x3x4_diag-2", "i8", 3, 4, -2, "1", (2),
        TI8 ("2,3,4", 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)),
  EYEB ("i8_2x4x3_diag-2", "i8", 4, 3, -2, "1", (2),
        TI8 ("2,4,3", 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0)),
  EYEB ("int32_2x6x5_diag1", "i32", 6, 5, 1, "1", (2),
        TI ("2,6,5", 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
  /* the reference states {2,2,4,2}: two rows of four columns in a 2x2 batch are 2x2x2x4 */
  EYEB ("int64_2x2x3x3", "i64", 2, 4, 2, "2", (2, 2),
        TL ("2,2,2,4", 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1)),
  /* the reference states {2,3,3} for twelve zeros: the output is 1x3x2x2 */
  EYEB ("uint8_1x3x2x2", "u8", 2, 2, 3, "2", (1, 3), TU8 ("1,3,2,2", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
  CASE_ERR ("qscope_bad_output_type", "Eye", "opset9", "output_type=\"string\"",
            IN (TI ("", 2), TI ("", 2), TI ("", 0)), "output_type “string” is not supported"),
};

/* ---- comparisons (equal.cpp, not_equal.cpp, less.cpp, less_eq.cpp, greater.cpp, greater_equal.cpp) ----
 * The six cases of each file, in f32 and in i32 (the output is boolean). */

#define CMP(name, op, T, s1, a, s2, b, so, e) \
  CASE (name, op, "opset1", "", IN (T (s1, UNPAREN a), T (s2, UNPAREN b)), TB (so, UNPAREN e))
#define CMP2(name, op, s1, a, s2, b, so, e) \
  CMP (name "_f32", op, TF, s1, a, s2, b, so, e), CMP (name "_i32", op, TI, s1, a, s2, b, so, e)
#define CMP6(op, e1, e2, e3, e4, e5, e6) \
  CMP2 (op "_2x2", op, "2,2", (0, 12, 23, 0), "2,2", (0, 12, 23, 0), "2,2", e1), \
  CMP2 (op "_2x3", op, "2,3", (0, 6, 45, 1, 21, 21), "2,3", (1, 18, 23, 1, 19, 21), "2,3", e2), \
  CMP2 (op "_1", op, "1", (53), "1", (53), "1", e3), \
  CMP2 (op "_2x4", op, "2,4", (0, 12, 23, 0, 1, 5, 11, 8), "2,4", (0, 12, 23, 0, 10, 5, 11, 8), "2,4", e4), \
  CMP2 (op "_3x1x2_bcast", op, "3,1,2", (2, 1, 4, 1, 3, 1), "1,2,1", (1, 1), "3,2,2", e5), \
  CMP2 (op "_2x1x2x1_bcast", op, "2,1,2,1", (2, 1, 4, 1), "1,2,1", (1, 1), "2,1,2,1", e6)

static const RefCase comparison_cases[] = {
  CMP6 ("Equal", (1, 1, 1, 1), (0, 0, 0, 1, 0, 1), (1), (1, 1, 1, 1, 0, 1, 1, 1),
        (0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1), (0, 1, 0, 1)),
  CMP ("Equal_numeric_nan", "Equal", TF, "4", (-2.5, 25.5, 2.25, NAN), "4", (10, 5, 2.25, 10), "4", (0, 0, 1, 0)),
  CMP ("Equal_numeric_nan_inf", "Equal", TF, "2,3", (0, NAN, NAN, 1, 21, -INFINITY), "2,3", (1, NAN, 23, 1, 19, 21),
       "2,3", (0, 0, 0, 1, 0, 0)),
  CMP ("Equal_numeric_inf", "Equal", TF, "1", (INFINITY), "1", (INFINITY), "1", (1)),
  CMP ("Equal_numeric_inf_5", "Equal", TF, "5", (-2.5, 25.5, 2.25, INFINITY, 6), "5", (10, 5, 2.25, 10, -INFINITY),
       "5", (0, 0, 1, 0, 0)),

  CMP2 ("NotEqual_2x2", "NotEqual", "2,2", (1, 0, 10, 255), "2,2", (1, 0, 10, 255), "2,2", (0, 0, 0, 0)),
  CMP2 ("NotEqual_2x3", "NotEqual", "2,3", (0, 15, 45, 10, 5, 10), "2,3", (1, 15, 5, 10, 50, 10), "2,3", (1, 0, 1, 0, 1, 0)),
  CMP2 ("NotEqual_1", "NotEqual", "1", (20), "1", (10), "1", (1)),
  CMP2 ("NotEqual_2x4", "NotEqual", "2,4", (0, 12, 23, 0, 1, 5, 12, 8), "2,4", (0, 12, 23, 0, 10, 5, 11, 8), "2,4",
        (0, 0, 0, 0, 1, 0, 1, 0)),
  CMP2 ("NotEqual_3x1x2_bcast", "NotEqual", "3,1,2", (2, 7, 4, 7, 3, 7), "1,2,1", (7, 7), "3,2,2",
        (1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0)),
  CMP2 ("NotEqual_2x1x2x1_bcast", "NotEqual", "2,1,2,1", (1, 2, 1, 4), "1,2,1", (1, 1), "2,1,2,1", (0, 1, 0, 1)),
  CMP ("NotEqual_numeric_nan", "NotEqual", TF, "4", (-2.5, 25.5, 2.25, NAN), "4", (10, 5, 2.25, 10), "4", (1, 1, 0, 1)),
  CMP ("NotEqual_numeric_nan_inf", "NotEqual", TF, "2,3", (0, NAN, NAN, 1, 21, -INFINITY), "2,3", (1, NAN, 23, 1, 19, 21),
       "2,3", (1, 1, 1, 0, 1, 1)),
  CMP ("NotEqual_numeric_inf", "NotEqual", TF, "1", (INFINITY), "1", (INFINITY), "1", (0)),
  CMP ("NotEqual_numeric_inf_5", "NotEqual", TF, "5", (-2.5, 25.5, 2.25, INFINITY, 6), "5", (10, 5, 2.25, 10, -INFINITY),
       "5", (1, 1, 0, 1, 1)),

  CMP6 ("Less", (0, 0, 0, 0), (1, 1, 0, 0, 0, 0), (0), (0, 0, 0, 0, 1, 0, 0, 0),
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0)),
  CMP6 ("LessEqual", (1, 1, 1, 1), (1, 1, 0, 1, 0, 1), (1), (1, 1, 1, 1, 1, 1, 1, 1),
        (0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1), (0, 1, 0, 1)),

  CMP2 ("Greater_2x2", "Greater", "2,2", (0, 12, 23, 0), "2,2", (0, 12, 23, 0), "2,2", (0, 0, 0, 0)),
  CMP2 ("Greater_2x3", "Greater", "2,3", (0, 6, 45, 1, 21, 21), "2,3", (1, 18, 23, 1, 19, 21), "2,3", (0, 0, 1, 0, 1, 0)),
  CMP2 ("Greater_1", "Greater", "1", (53), "1", (53), "1", (0)),
  CMP2 ("Greater_2x4", "Greater", "2,4", (0, 12, 23, 0, 1, 5, 12, 8), "2,4", (0, 12, 23, 0, 10, 5, 11, 8), "2,4",
        (0, 0, 0, 0, 0, 0, 1, 0)),
  CMP2 ("Greater_3x1x2_bcast", "Greater", "3,1,2", (2, 1, 4, 1, 3, 1), "1,2,1", (1, 1), "3,2,2",
        (1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0)),
  CMP2 ("Greater_2x1x2x1_bcast", "Greater", "2,1,2,1", (2, 1, 4, 1), "1,2,1", (1, 1), "2,1,2,1", (1, 0, 1, 0)),

  CMP2 ("GreaterEqual_2x2", "GreaterEqual", "2,2", (0, 12, 23, 0), "2,2", (0, 12, 23, 0), "2,2", (1, 1, 1, 1)),
  CMP2 ("GreaterEqual_2x3", "GreaterEqual", "2,3", (0, 6, 45, 1, 21, 21), "2,3", (1, 18, 23, 1, 19, 21), "2,3",
        (0, 0, 1, 1, 1, 1)),
  CMP2 ("GreaterEqual_1", "GreaterEqual", "1", (53), "1", (53), "1", (1)),
  CMP2 ("GreaterEqual_2x4", "GreaterEqual", "2,4", (0, 12, 23, 0, 1, 5, 12, 8), "2,4", (0, 12, 23, 0, 10, 5, 11, 8), "2,4",
        (1, 1, 1, 1, 0, 1, 1, 1)),
  CMP2 ("GreaterEqual_3x1x2_bcast", "GreaterEqual", "3,1,2", (2, 1, 4, 1, 3, 1), "1,2,1", (1, 1), "3,2,2",
        (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
  CMP2 ("GreaterEqual_2x1x2x1_bcast", "GreaterEqual", "2,1,2,1", (2, 1, 4, 1), "1,2,1", (1, 1), "2,1,2,1", (1, 1, 1, 1)),
};

/* ---- logical ops (logical_and.cpp, logical_or.cpp, logical_xor.cpp, logical_not.cpp) ---- */

#define LOG3(op, e1, e2, e3b, e3) \
  CASE (op "_2x2", op, "opset1", "", IN (TB ("2,2", 1, 0, 1, 0), TB ("2,2", 0, 1, 1, 0)), TB ("2,2", UNPAREN e1)), \
  CASE (op "_2x1x2x1_bcast", op, "opset1", "", IN (TB ("2,1,2,1", 1, 0, 1, 0), TB ("1,1,2,1", 1, 0)), \
        TB ("2,1,2,1", UNPAREN e2)), \
  CASE (op "_3x4", op, "opset1", "", IN (TB ("3,4", 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1), TB ("3,4", UNPAREN e3b)), \
        TB ("3,4", UNPAREN e3))

static const RefCase logical_cases[] = {
  LOG3 ("LogicalAnd", (0, 0, 1, 0), (1, 0, 1, 0), (1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0), (1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0)),
  LOG3 ("LogicalOr", (1, 1, 1, 0), (1, 0, 1, 0), (1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0), (1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1)),
  LOG3 ("LogicalXor", (1, 1, 0, 0), (0, 0, 0, 0), (1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0), (0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1)),
  CASE ("LogicalNot_boolean", "LogicalNot", "opset1", "", IN (TB ("2,2", 1, 0, 1, 0)), TB ("2,2", 0, 1, 0, 1)),
  CASE ("LogicalNot_u8", "LogicalNot", "opset1", "", IN (TU8 ("2,2", 1, 0, 1, 0)), TU8 ("2,2", 0, 1, 0, 1)),
};

/* ---- LogSoftmax (log_softmax.cpp) ---- */

#define LSM_X (-9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8)
#define LSM_A0 (-12.0024818, -12.0024818, -12.0024818, -12.0024818, -12.0024818, -12.0024818, \
                -6.00248181, -6.00248181, -6.00248181, -6.00248181, -6.00248181, -6.00248181, \
                -2.48181414e-03, -2.48181414e-03, -2.48181414e-03, -2.48181414e-03, -2.48181414e-03, -2.48181414e-03)
#define LSM_A1 (-3.04858735, -3.04858735, -3.04858735, -0.04858735, -0.04858735, -0.04858735, \
                -3.04858735, -3.04858735, -3.04858735, -0.04858735, -0.04858735, -0.04858735, \
                -3.04858735, -3.04858735, -3.04858735, -0.04858735, -0.04858735, -0.04858735)
#define LSM_A2 (-2.40760596, -1.40760596, -0.40760596, -2.40760596, -1.40760596, -0.40760596, \
                -2.40760596, -1.40760596, -0.40760596, -2.40760596, -1.40760596, -0.40760596, \
                -2.40760596, -1.40760596, -0.40760596, -2.40760596, -1.40760596, -0.40760596)
#define LSM(name, axis, s, x, o) \
  CASE_TOL (name, "LogSoftmax", "opset5", "axis=\"" #axis "\"", IN (TF (s, UNPAREN x)), TF (s, UNPAREN o), 1e-6)
#define LSM_Y (-3.4401896, -2.4401896, -1.4401897, -0.4401897, -3.4401896, -2.4401896, -1.4401897, -0.4401897)

static const RefCase log_softmax_cases[] = {
  LSM ("log_softmax_1d_single_value", 0, "1", (1), (0)),
  LSM ("log_softmax_2d_axis0", 0, "2,4", (0, 1, 2, 3, 10000, 10001, 10002, 10003),
       (-10000, -10000, -10000, -10000, 0, 0, 0, 0)),
  LSM ("log_softmax_2d_axis1", 1, "2,4", (0, 1, 2, 3, 10000, 10001, 10002, 10003), LSM_Y),
  LSM ("log_softmax_2d_axis_neg1", -1, "2,4", (0, 1, 2, 3, 10000, 10001, 10002, 10003), LSM_Y),
  LSM ("log_softmax_2d_axis_neg2", -2, "2,4", (0, 1, 2, 3, 10000, 10001, 10002, 10003),
       (-10000, -10000, -10000, -10000, 0, 0, 0, 0)),
  LSM ("log_softmax_3d_axis_0", 0, "3,2,3", LSM_X, LSM_A0),
  LSM ("log_softmax_3d_axis_1", 1, "3,2,3", LSM_X, LSM_A1),
  LSM ("log_softmax_3d_axis_2", 2, "3,2,3", LSM_X, LSM_A2),
  LSM ("log_softmax_3d_axis_neg1", -1, "3,2,3", LSM_X, LSM_A2),
  LSM ("log_softmax_3d_axis_neg2", -2, "3,2,3", LSM_X, LSM_A1),
  LSM ("log_softmax_3d_axis_neg3", -3, "3,2,3", LSM_X, LSM_A0),
  CASE_ERR ("qscope_axis_out_of_range", "LogSoftmax", "opset5", "axis=\"3\"", IN (TF ("2,2", 1, 2, 3, 4)), "axis 3"),
};

/* ---- Erf (erf.cpp): the expected values are std::erf of the inputs, rounded for integers ---- */

static const RefCase erf_cases[] = {
  CASE_TOL ("erf_f32_2x5", "Erf", "opset1", "",
            IN (TF ("2,5", -INFINITY, -4, -3, -2, -1, 0, 1, 2, 3, INFINITY)),
            TF ("2,5", -1, -0.9999999845827421L, -0.9999779095030014L, -0.9953222650189527L, -0.8427007929497149L, 0,
                0.8427007929497149L, 0.9953222650189527L, 0.9999779095030014L, 1), 1e-6),
  CASE ("erf_i32_2x3", "Erf", "opset1", "", IN (TI ("2,3", G_MININT32, -2, -1, 1, 2, G_MAXINT32)), TI ("2,3", -1, -1, -1, 1, 1, 1)),
  CASE ("erf_i64_2x3", "Erf", "opset1", "", IN (TL ("2,3", G_MININT64, -2, -1, 1, 2, G_MAXINT64)), TL ("2,3", -1, -1, -1, 1, 1, 1)),
};

/* ---- Round (round.cpp), Floor (floor.cpp), Ceiling (ceiling.cpp) ---- */

static const RefCase rounding_cases[] = {
  CASE ("round_half_to_even_f32", "Round", "opset5", "mode=\"half_to_even\"",
        IN (TF ("5", 0.9f, 2.5f, 2.3f, 1.5f, -4.5f)), TF ("5", 1, 2, 2, 2, -4)),
  CASE ("round_2D_f32", "Round", "opset5", "mode=\"half_to_even\"",
        IN (TF ("15", 0.1f, 0.5f, 0.9f, 1.2f, 1.5f, 1.8f, 2.3f, 2.5f, 2.7f, -1.1f, -1.5f, -1.9f, -2.2f, -2.5f, -2.8f)),
        TF ("15", 0, 0, 1, 1, 2, 2, 2, 2, 3, -1, -2, -2, -2, -2, -3)),
  CASE ("round_int64", "Round", "opset5", "mode=\"half_to_even\"",
        IN (TL ("3", 0, 1, 0x4000000000000001LL)), TL ("3", 0, 1, 0x4000000000000001LL)),
  CASE ("round_int32", "Round", "opset5", "mode=\"half_to_even\"", IN (TI ("3", 0, 1, 0x40)), TI ("3", 0, 1, 0x40)),
  CASE ("round_int8", "Round", "opset5", "mode=\"half_to_even\"", IN (TI8 ("3", 0, 1, 0x40)), TI8 ("3", 0, 1, 0x40)),
  CASE ("round_uint8", "Round", "opset5", "mode=\"half_to_even\"", IN (TU8 ("3", 0, 1, 0x40)), TU8 ("3", 0, 1, 0x40)),
  CASE ("round_away_from_zero_f32", "Round", "opset5", "mode=\"half_away_from_zero\"",
        IN (TF ("5", 0.9f, 2.5f, 2.3f, 1.5f, -4.5f)), TF ("5", 1, 3, 2, 2, -5)),
  CASE_ERR ("qscope_unknown_mode", "Round", "opset5", "mode=\"half_up\"", IN (TF ("1", 0.5f)), "mode “half_up” is unknown"),

  CASE ("floor_f32", "Floor", "opset1", "", IN (TF ("4", -2.5f, -2, 0.3f, 4.8f)), TF ("4", -3, -2, 0, 4)),
  CASE ("floor_int64", "Floor", "opset1", "", IN (TL ("3", 0, 1, 0x4000000000000001LL)), TL ("3", 0, 1, 0x4000000000000001LL)),
  CASE ("floor_int32", "Floor", "opset1", "", IN (TI ("4", 2, 136314888, 0x40000010, 0x40000001)),
        TI ("4", 2, 136314888, 0x40000010, 0x40000001)),
  CASE ("floor_int8", "Floor", "opset1", "", IN (TI8 ("4", 2, 64, 0x40, 0x01)), TI8 ("4", 2, 64, 0x40, 0x01)),
  CASE ("floor_uint8", "Floor", "opset1", "", IN (TU8 ("4", 2, 64, 0x40, 0x01)), TU8 ("4", 2, 64, 0x40, 0x01)),

  CASE ("ceiling_f32", "Ceiling", "opset1", "", IN (TF ("4", -2.5f, -2, 0.3f, 4.8f)), TF ("4", -2, -2, 1, 5)),
  CASE ("ceiling_int64", "Ceiling", "opset1", "", IN (TL ("3", 0, 1, 0x4000000000000001LL)),
        TL ("3", 0, 1, 0x4000000000000001LL)),
  CASE ("ceiling_int32", "Ceiling", "opset1", "", IN (TI ("4", 2, 136314888, 0x40000010, 0x40000001)),
        TI ("4", 2, 136314888, 0x40000010, 0x40000001)),
  CASE ("ceiling_int8", "Ceiling", "opset1", "", IN (TI8 ("4", 2, 64, 0x40, 0x01)), TI8 ("4", 2, 64, 0x40, 0x01)),
  CASE ("ceiling_uint8", "Ceiling", "opset1", "", IN (TU8 ("4", 2, 64, 0x40, 0x01)), TU8 ("4", 2, 64, 0x40, 0x01)),
};

/* ---- Mod (mod.cpp), FloorMod (floor_mod.cpp), SquaredDifference (squared_difference.cpp):
 * f32, i32 and i64 (the "InPlace" cases chain two ops and are not one-op cases) ---- */

#define BIN3(name, op, s1, a, s2, b, so, e) \
  CASE (name "_f32", op, "opset1", "", IN (TF (s1, UNPAREN a), TF (s2, UNPAREN b)), TF (so, UNPAREN e)), \
  CASE (name "_i32", op, "opset1", "", IN (TI (s1, UNPAREN a), TI (s2, UNPAREN b)), TI (so, UNPAREN e)), \
  CASE (name "_i64", op, "opset1", "", IN (TL (s1, UNPAREN a), TL (s2, UNPAREN b)), TL (so, UNPAREN e))

static const RefCase arith_cases[] = {
  BIN3 ("mod_1x2", "Mod", "1,2", (256, 56), "1,2", (256, 56), "1,2", (0, 0)),
  BIN3 ("mod_2x2", "Mod", "2,2", (256, 56, 21, 14), "2,2", (112, 56, 6, 8), "2,2", (32, 0, 3, 6)),
  BIN3 ("mod_broadcast_1x2_3x2x2", "Mod", "1,2", (1, 2), "3,2,2", (5, 6, 7, 8, 2, 3, 1, 5, 6, 7, 1, 3), "3,2,2",
        (1, 2, 1, 2, 1, 2, 0, 2, 1, 2, 0, 2)),
  BIN3 ("mod_scalar", "Mod", "1", (57), "1", (13), "1", (5)),
  BIN3 ("mod_2x2_by_1", "Mod", "2,2", (2, 4, 7, 8), "1", (8), "2,2", (2, 4, 7, 0)),
  BIN3 ("mod_negative", "Mod", "2,2", (-57, -14, -12, -6), "2,2", (13, -7, 5, -5), "2,2", (-5, 0, -2, -1)),

  BIN3 ("floor_mod", "FloorMod", "4", (7, -7, 7, -7), "4", (3, 3, -3, -3), "4", (1, 2, -2, -1)),
  CASE ("floor_mod_broadcast_f32", "FloorMod", "opset1", "", IN (TF ("2,1,2", 1, 2, 3, 4), TF ("2,1", 2, 3)),
        TF ("2,2,2", 1, 0, 1, 2, 1, 0, 0, 1)),
  BIN3 ("floor_mod_scalar", "FloorMod", "1", (2), "1", (4), "1", (2)),
  CASE_TOL ("floor_mod_non_integer_divisor_f32", "FloorMod", "opset1", "",
            IN (TF ("8", -3.2f, -3.1f, -3.0f, 5.0f, 5.1f, 5.2f, -1.6f, 1.6f),
                TF ("8", -3.1f, -3.1f, -3.1f, -5.1f, -5.1f, -5.1f, 1.7f, 1.7f)),
            TF ("8", -0.1f, -0.0f, -3.0f, -0.1f, -0.0f, -5.0f, 0.1f, 1.6f), 1e-5),

  BIN3 ("squared_difference_1x2", "SquaredDifference", "1,2", (256, 56), "1,2", (256, 56), "1,2", (0, 0)),
  BIN3 ("squared_difference_2x2", "SquaredDifference", "2,2", (256, 56, -21, -14), "2,2", (-112, 56, 6, -8), "2,2",
        (135424, 0, 729, 36)),
  BIN3 ("squared_difference_broadcast", "SquaredDifference", "1,2", (1, 2), "3,2,2", (5, 6, 7, 8, 2, 3, 1, 5, 6, 7, 1, 3),
        "3,2,2", (16, 16, 36, 36, 1, 1, 0, 9, 25, 25, 0, 1)),
  BIN3 ("squared_difference_scalar", "SquaredDifference", "1", (57), "1", (13), "1", (1936)),
  BIN3 ("squared_difference_2x2_by_1", "SquaredDifference", "2,2", (2, 4, 7, 8), "1", (8), "2,2", (36, 16, 1, 0)),
};

/* ---- RegionYolo (region_yolo.cpp), ReorgYolo (reorg_yolo.cpp) ---- */

/* reorg_yolo.cpp fills its input with 0, 1, 2, ... */
static void
fill_iota (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    qs_tensor_set_f64 (t, i, (double) i);
}

#define Y32 (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, \
             0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)

static const RefCase yolo_cases[] = {
  CASE_TOL ("region_yolo_v3_mask0_coords4_classes1", "RegionYolo", "opset1",
            "coords=\"4\" classes=\"1\" num=\"1\" do_softmax=\"false\" mask=\"0\" axis=\"1\" end_axis=\"3\"",
            IN (TF ("1,8,2,2", UNPAREN Y32)),
            TF ("1,6,2,2", 0.52497, 0.54983, 0.57444, 0.59868, 0.62245, 0.64565, 0.66818, 0.68997,
                0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
                0.52497, 0.54983, 0.57444, 0.59868, 0.62245, 0.64565, 0.66818, 0.68997), 1e-5),
  CASE_ERR ("qscope_mask_missing", "RegionYolo", "opset1",
            "coords=\"4\" classes=\"1\" num=\"1\" do_softmax=\"false\" axis=\"1\" end_axis=\"3\"",
            IN (TF ("1,6,1,1", 1, 2, 3, 4, 5, 6)), "mask is missing"),
  CASE_FILL ("reorg_yolo_stride2_1x8x4x4", "ReorgYolo", "opset2", "stride=\"2\"", IN (TZ ("1,8,4,4")),
             TF ("1,32,2,2", 0, 2, 4, 6, 16, 18, 20, 22, 32, 34, 36, 38, 48, 50, 52, 54,
                 64, 66, 68, 70, 80, 82, 84, 86, 96, 98, 100, 102, 112, 114, 116, 118,
                 1, 3, 5, 7, 17, 19, 21, 23, 33, 35, 37, 39, 49, 51, 53, 55,
                 65, 67, 69, 71, 81, 83, 85, 87, 97, 99, 101, 103, 113, 115, 117, 119,
                 8, 10, 12, 14, 24, 26, 28, 30, 40, 42, 44, 46, 56, 58, 60, 62,
                 72, 74, 76, 78, 88, 90, 92, 94, 104, 106, 108, 110, 120, 122, 124, 126,
                 9, 11, 13, 15, 25, 27, 29, 31, 41, 43, 45, 47, 57, 59, 61, 63,
                 73, 75, 77, 79, 89, 91, 93, 95, 105, 107, 109, 111, 121, 123, 125, 127), 0, fill_iota),
  CASE_FILL ("reorg_yolo_stride3_1x9x3x3", "ReorgYolo", "opset2", "stride=\"3\"", IN (TZ ("1,9,3,3")),
             TF ("1,81,1,1", 0, 3, 6, 27, 30, 33, 54, 57, 60, 1, 4, 7, 28, 31, 34, 55, 58, 61, 2, 5, 8,
                 29, 32, 35, 56, 59, 62, 9, 12, 15, 36, 39, 42, 63, 66, 69, 10, 13, 16, 37, 40, 43,
                 64, 67, 70, 11, 14, 17, 38, 41, 44, 65, 68, 71, 18, 21, 24, 45, 48, 51, 72, 75, 78,
                 19, 22, 25, 46, 49, 52, 73, 76, 79, 20, 23, 26, 47, 50, 53, 74, 77, 80), 0, fill_iota),
  CASE_ERR ("qscope_stride_does_not_divide", "ReorgYolo", "opset2", "stride=\"2\"",
            IN (TF ("1,2,2,2", 1, 2, 3, 4, 5, 6, 7, 8)), "stride 2 does not divide"),
};

/* ---- ROIPooling (roi_pooling.cpp), ROIAlign (roi_align.cpp), PSROIPooling (psroi_pooling.cpp) ---- */

/* roi_pooling.cpp's increasinglyFilledBlob: i / 10 in the data's type */
static void
fill_tenths (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = (float) i / 10.f;
}

static void
fill_ones (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = 1;
}

/* psroi_pooling.cpp: a float that adds the double 0.1 before each element */
static void
fill_psroi (QsTensor *t)
{
  float val = 0;
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    {
      val = (float) ((double) val + 0.1);
      ((float *) t->data)[i] = val;
    }
}

#define ROIP(name, attrs, fs, rs, r, os, o, fill) \
  CASE_FILL (name, "ROIPooling", "opset2", attrs, IN (TZ (fs), TF (rs, UNPAREN r)), TF (os, UNPAREN o), 1e-5, fill)
#define RA_DATA (0, 1, 8, 5, 5, 2, 0, 7, 7, 10, 4, 5, 9, 0, 0, 5, 7, 0, 4, 0, 4, 7, 6, 10, 9, 5, 1, 7, 4, 7, 10, 8, \
                 2, 0, 8, 3, 6, 8, 10, 4, 2, 10, 7, 8, 7, 0, 6, 9, 2, 4, 8, 5, 2, 3, 3, 1, 5, 9, 10, 0, 9, 5, 5, 3, \
                 10, 5, 2, 0, 10, 0, 5, 4, 3, 10, 5, 5, 10, 0, 8, 8, 9, 1, 0, 7, 9, 6, 8, 7, 10, 9, 2, 3, 3, 5, 6, 9, \
                 4, 9, 2, 4, 5, 5, 3, 1, 1, 6, 8, 0, 5, 5, 10, 8, 6, 9, 6, 9, 1, 2, 7, 1, 1, 3, 0, 4, 0, 7, 10, 2)
#define RA(name, ver, attrs, o, tol) \
  CASE_TOL (name, "ROIAlign", ver, "pooled_h=\"2\" pooled_w=\"2\" spatial_scale=\"1\" sampling_ratio=\"2\" " attrs, \
            IN (TF ("2,1,8,8", UNPAREN RA_DATA), TF ("2,4", 2, 2, 4, 4, 2, 2, 4, 4), TI ("2", 0, 1)), \
            TF ("2,1,2,2", UNPAREN o), tol)
#define PSROI(name, attrs, c, rs, r, os, o, tol) \
  CASE_FILL (name, "PSROIPooling", "opset1", attrs, IN (TZ ("2," #c ",20,20"), TF (rs, UNPAREN r)), \
             TF (os, UNPAREN o), tol, fill_psroi)

static const RefCase roi_cases[] = {
  ROIP ("roi_pooling_1x1_max", "pooled_h=\"1\" pooled_w=\"1\" spatial_scale=\"1\" method=\"max\"", "1,3,6,6",
        "3,5", (0, 1, 1, 2, 3, 0, 1, 1, 2, 3, 0, 1, 1, 2, 3), "3,3,1,1", (2.0, 5.6, 9.2, 2.0, 5.6, 9.2, 2.0, 5.6, 9.2),
        fill_tenths),
  ROIP ("roi_pooling_2x2_max", "pooled_h=\"2\" pooled_w=\"2\" spatial_scale=\"1\" method=\"max\"", "1,1,6,6",
        "3,5", (0, 1, 1, 3, 3, 0, 1, 2, 2, 4, 0, 0, 1, 4, 5), "3,1,2,2",
        (1.4, 1.5, 2.0, 2.1, 1.9, 2.0, 2.5, 2.6, 2.0, 2.2, 3.2, 3.4), fill_tenths),
  ROIP ("roi_pooling_1x1_bilinear", "pooled_h=\"1\" pooled_w=\"1\" spatial_scale=\"1\" method=\"bilinear\"", "1,3,6,6",
        "2,5", (0, 0.2, 0.2, 0.4, 0.4, 0, 0.2, 0.2, 0.6, 0.6), "2,3,1,1", (1.05, 4.65, 8.25, 1.4, 5.0, 8.6), fill_tenths),
  ROIP ("roi_pooling_2x2_bilinear", "pooled_h=\"2\" pooled_w=\"2\" spatial_scale=\"1\" method=\"bilinear\"", "1,1,8,8",
        "3,5", (0, 0.15, 0.2, 0.75, 0.8, 0, 0.15, 0.2, 0.75, 0.8, 0, 0.15, 0.2, 0.75, 0.8), "3,1,2,2",
        (1.225, 1.645, 4.585, 5.005, 1.225, 1.645, 4.585, 5.005, 1.225, 1.645, 4.585, 5.005), fill_tenths),
  ROIP ("roi_pooling_2x2_bilinear_border_proposal",
        "pooled_h=\"4\" pooled_w=\"4\" spatial_scale=\"1\" method=\"bilinear\"", "1,1,50,50",
        "1,5", (0, 0, 0.248046786, 0.471333951, 1), "1,1,4,4", (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        fill_ones),
  CASE_ERR ("qscope_unknown_method", "ROIPooling", "opset2", "pooled_h=\"1\" pooled_w=\"1\" method=\"avg\"",
            IN (TF ("1,1,1,1", 1), TF ("1,5", 0, 0, 0, 0, 0)), "method “avg” is unknown"),

  RA ("roi_align_avg", "opset3", "mode=\"avg\"", (3, 3.75, 4.75, 5, 3, 5.5, 2.75, 3.75), 1e-5),
  RA ("roi_align_max", "opset3", "mode=\"max\"", (4.375, 4.9375, 5.6875, 5.625, 4.625, 7.125, 3.3125, 4.3125), 1e-5),
  RA ("roi_align_v9_avg_asymmetric", "opset9", "mode=\"avg\" aligned_mode=\"asymmetric\"",
      (3, 3.75, 4.75, 5, 3, 5.5, 2.75, 3.75), 1e-5),
  /* the reference gives these to two decimals */
  RA ("roi_align_v9_avg_half_pixel_for_nn", "opset9", "mode=\"avg\" aligned_mode=\"half_pixel_for_nn\"",
      (3.14, 2.16, 2.86, 5.03, 1.83, 5.84, 2.77, 3.44), 2e-3),
  RA ("roi_align_v9_max_half_pixel", "opset9", "mode=\"max\" aligned_mode=\"half_pixel\"",
      (4.375, 4.9375, 5.6875, 5.625, 4.625, 7.125, 3.3125, 4.3125), 1e-5),
  CASE_ERR ("qscope_unknown_aligned_mode", "ROIAlign", "opset9",
            "pooled_h=\"1\" pooled_w=\"1\" spatial_scale=\"1\" sampling_ratio=\"1\" mode=\"avg\" aligned_mode=\"centre\"",
            IN (TF ("1,1,1,1", 1), TF ("1,4", 0, 0, 1, 1), TI ("1", 0)), "aligned_mode “centre” is unknown"),

  PSROI ("psroi_pooling_average_8ch_group2_scale1",
         "output_dim=\"2\" group_size=\"2\" spatial_scale=\"1\" spatial_bins_x=\"1\" spatial_bins_y=\"1\" mode=\"average\"",
         8, "3,5", (0, 1, 2, 4, 6, 1, 0, 3, 10, 4, 0, 10, 7, 11, 13), "3,2,2,2",
         (6.2499962, 46.44986, 90.249184, 130.44876, 166.25095, 206.45341, 250.25606, 290.45853,
          326.36069, 366.86316, 408.36572, 448.86816, 486.37045, 526.86841, 568.35828, 608.84839,
          18.100033, 58.199684, 104.09898, 144.1996, 178.10167, 218.20412, 264.1069, 304.20935), 1e-5),
  PSROI ("psroi_pooling_average_8ch_group2_scale0.2",
         "output_dim=\"2\" group_size=\"2\" spatial_scale=\"0.2\" spatial_bins_x=\"1\" spatial_bins_y=\"1\" mode=\"average\"",
         8, "4,5", (0, 5, 10, 20, 30, 0, 0, 15, 50, 20, 1, 50, 35, 55, 65, 1, 0, 60, 5, 70), "4,2,2,2",
         (6.24999619, 46.399868, 90.2491837, 130.398758, 166.250946, 206.403397, 250.256058,
          290.408508, 6.34999657, 46.8498573, 87.3492432, 127.848656, 166.350952, 206.853409,
          247.355896, 287.858368, 338.11142, 378.163879, 424.116669, 464.169128, 498.121185,
          538.165649, 584.104431, 624.144653, 345.111847, 385.164307, 427.116852, 467.169312,
          505.121613, 545.16394, 587.103699, 627.143921), 1e-5),
  PSROI ("psroi_pooling_bilinear_12ch_group3_bins2x3",
         "output_dim=\"2\" group_size=\"3\" spatial_scale=\"1\" spatial_bins_x=\"2\" spatial_bins_y=\"3\" mode=\"bilinear\"",
         12, "5,5", (0, 0.1, 0.2, 0.7, 0.4, 1, 0.4, 0.1, 0.9, 0.3, 0, 0.5, 0.7,
                     0.7, 0.9, 1, 0.15, 0.3, 0.65, 0.35, 0, 0.0, 0.2, 0.7, 0.8), "5,2,3,3",
         (210.71394, 210.99896, 211.28398, 211.98065, 212.26567, 212.55066, 213.24738, 213.53239, 213.8174,
          250.71545, 251.00047, 251.28548, 251.98218, 252.2672, 252.5522, 253.2489, 253.53392, 253.81892,
          687.40869, 687.64606, 687.88354, 688.67511, 688.91254, 689.14996, 689.94147, 690.17896, 690.41644,
          727.40021, 727.6377, 727.87518, 728.66669, 728.90405, 729.14154, 729.93292, 730.17041, 730.4079,
          230.28471, 230.3797, 230.47472, 231.55144, 231.64642, 231.74141, 232.81813, 232.91313, 233.00813,
          270.28638, 270.38141, 270.47641, 271.5531, 271.64813, 271.74313, 272.81985, 272.91486, 273.00986,
          692.63281, 692.87018, 693.1076, 692.94928, 693.18683, 693.42426, 693.26593, 693.50342, 693.74078,
          732.62402, 732.86139, 733.09888, 732.94049, 733.17804, 733.41547, 733.25714, 733.49463, 733.73199,
          215.63843, 215.97093, 216.30345, 219.43855, 219.77106, 220.10358, 223.23871, 223.57123, 223.90375,
          255.63994, 255.97246, 256.30496, 259.44009, 259.77261, 260.10513, 263.2403, 263.57281, 263.9053), 1e-5),
  PSROI ("psroi_pooling_bilinear_12ch_group4_bins2x3_scale0.5",
         "output_dim=\"2\" group_size=\"4\" spatial_scale=\"0.5\" spatial_bins_x=\"2\" spatial_bins_y=\"3\" mode=\"bilinear\"",
         12, "6,5", (0, 0.1, 0.2, 0.7, 0.4, 0, 0.5, 0.7, 1.2, 1.3, 0, 1.0, 1.3, 1.2, 1.8,
                     1, 0.5, 1.1, 0.7, 1.44, 1, 0.2, 1.1, 0.5, 1.2, 1, 0.34, 1.3, 1.15, 1.35), "6,2,4,4",
         (205.40955, 205.50456, 205.59955, 205.69453, 205.83179, 205.9268, 206.0218, 206.11681, 206.25403,
          206.34901, 206.44403, 206.53905, 206.67627, 206.77126, 206.86627, 206.96129, 245.41107, 245.50606,
          245.60106, 245.69604, 245.8333, 245.9283, 246.02327, 246.1183, 246.25554, 246.35052, 246.44556,
          246.54054, 246.67778, 246.77277, 246.86775, 246.96278, 217.84717, 217.95801, 218.06885, 218.17969,
          219.11389, 219.22473, 219.33557, 219.44641, 220.3806, 220.49144, 220.60228, 220.71312, 221.64732,
          221.75816, 221.86897, 221.97981, 257.84872, 257.95956, 258.0704, 258.18124, 259.11545, 259.22629,
          259.33713, 259.44797, 260.38217, 260.49301, 260.60385, 260.71469, 261.6489, 261.75974, 261.87057,
          261.98141, 228.9705, 229.00215, 229.03383, 229.06549, 230.02608, 230.05774, 230.08943, 230.12109,
          231.08168, 231.11334, 231.14502, 231.1767, 232.13728, 232.16895, 232.20062, 232.23228, 268.97217,
          269.00385, 269.03549, 269.06717, 270.02777, 270.05945, 270.09109, 270.12277, 271.08337, 271.11502,
          271.1467, 271.17838, 272.13901, 272.17065, 272.2023, 272.23398, 703.65057, 703.68219, 703.71387,
          703.74554, 704.36816, 704.39984, 704.43146, 704.4632, 705.08575, 705.11749, 705.14911, 705.18085,
          705.80347, 705.83514, 705.86676, 705.89844, 743.64136, 743.67291, 743.70459, 743.73633, 744.35889,
          744.39056, 744.42218, 744.45392, 745.07648, 745.10815, 745.13983, 745.17157, 745.79413, 745.82574,
          745.85742, 745.8891, 701.86963, 701.91724, 701.9646, 702.01221, 702.08081, 702.12823, 702.17578,
          702.22321, 702.29181, 702.33936, 702.38678, 702.43433, 702.50293, 702.55035, 702.5979, 702.64545,
          741.86041, 741.90796, 741.95538, 742.00293, 742.07153, 742.11896, 742.1665, 742.21405, 742.28253,
          742.33008, 742.3775, 742.42505, 742.49365, 742.54108, 742.58862, 742.63617, 705.60645, 705.73468,
          705.86298, 705.99115, 705.71198, 705.84027, 705.96844, 706.09668, 705.81757, 705.94574, 706.07397,
          706.20215, 705.9231, 706.05127, 706.1795, 706.3078, 745.59698, 745.72534, 745.85352, 745.98169,
          745.70264, 745.83081, 745.95898, 746.08722, 745.80811, 745.93628, 746.06451, 746.19269, 745.91364,
          746.04181, 746.1701, 746.29834), 1e-5),
  CASE_ERR ("qscope_output_dim_does_not_fit", "PSROIPooling", "opset1",
            "output_dim=\"3\" group_size=\"2\" spatial_scale=\"1\" mode=\"average\"",
            IN (TF ("1,8,1,1", 1, 2, 3, 4, 5, 6, 7, 8), TF ("1,5", 0, 0, 0, 0, 0)), "output_dim 3 does not fit 8 channels"),
};

/* ---- Einsum (einsum.cpp): f32 and i32 ---- */

#define EIN(name, eq, in_f, in_i, os, o) \
  CASE (name "_f32", "Einsum", "opset7", "equation=\"" eq "\"", UNPAREN in_f, TF (os, UNPAREN o)), \
  CASE (name "_i32", "Einsum", "opset7", "equation=\"" eq "\"", UNPAREN in_i, TI (os, UNPAREN o))
#define EIN1(name, eq, s1, a, os, o) EIN (name, eq, (IN (TF (s1, UNPAREN a))), (IN (TI (s1, UNPAREN a))), os, o)
#define EIN2(name, eq, s1, a, s2, b, os, o) \
  EIN (name, eq, (IN (TF (s1, UNPAREN a), TF (s2, UNPAREN b))), (IN (TI (s1, UNPAREN a), TI (s2, UNPAREN b))), os, o)
#define E12 (1, 3, 2, 7, 5, 6, 3, 5, 2, 1, 0, 7)
#define E150 (4, 2, 5, 4, 5, 5, 1, 1, 3, 3, 1, 1, 2, 2, 4, 1, 3, 4, 4, 5, 1, 3, 1, 3, 1, 4, 3, 5, 4, 4, 5, 4, 4, 5, 4, \
              2, 2, 2, 3, 3, 1, 1, 4, 3, 4, 2, 2, 1, 1, 2, 3, 1, 1, 4, 2, 3, 1, 3, 4, 2, 5, 5, 3, 4, 3, 4, 5, 4, 4, 5, \
              1, 3, 4, 4, 5, 3, 1, 3, 2, 5, 3, 2, 5, 4, 4, 2, 4, 4, 1, 4, 4, 5, 4, 4, 4, 2, 3, 3, 4, 2, 4, 2, 5, 1, 3, \
              2, 4, 3, 5, 1, 2, 3, 1, 1, 2, 5, 1, 1, 2, 1, 4, 5, 3, 4, 1, 3, 3, 1, 3, 2, 4, 5, 1, 1, 5, 4, 5, 2, 2, 3, \
              3, 1, 2, 4)

static const RefCase einsum_cases[] = {
  EIN2 ("einsum_no_reduction", "ab,cd->abcd", "1,2", (1, 2), "3,4", (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), "1,2,3,4",
        (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28)),
  EIN1 ("einsum_transpose", "ijk->kij", "1,2,3", (1, 2, 3, 4, 5, 6), "3,1,2", (1, 4, 2, 5, 3, 6)),
  EIN1 ("einsum_reduce", "ab->a", "2,3", (1, 2, 3, 4, 5, 6), "2", (6, 15)),
  EIN2 ("einsum_matrix_multiplication", "ab,bc->ac", "2,3", (1, 2, 3, 4, 5, 6), "3,2", (1, 2, 3, 4, 5, 6), "2,2",
        (22, 28, 49, 64)),
  EIN ("einsum_multiple_multiplication", "ab,bcd,bc->ca",
       (IN (TF ("2,4", 1, 3, 2, 7, 5, 6, 0, 1), TF ("4,3,1", 1, 2, 3, 4, 5, 6, 5, 7, 3, 7, 9, 1),
            TF ("4,3", 4, 3, 1, 6, 4, 2, 2, 5, 3, 1, 9, 4))),
       (IN (TI ("2,4", 1, 3, 2, 7, 5, 6, 0, 1), TI ("4,3,1", 1, 2, 3, 4, 5, 6, 5, 7, 3, 7, 9, 1),
            TI ("4,3", 4, 3, 1, 6, 4, 2, 2, 5, 3, 1, 9, 4))),
       "3,2", (145, 171, 703, 231, 85, 91)),
  EIN1 ("einsum_ellipsis_one_input_reduction", "a...->...", "2,2,3", E12, "2,3", (4, 8, 4, 8, 5, 13)),
  EIN1 ("einsum_ellipsis_one_input_transpose", "a...->...a", "2,2,3", E12, "2,3,2", (1, 3, 3, 5, 2, 2, 7, 1, 5, 0, 6, 7)),
  EIN2 ("einsum_ellipsis_mul_by_1dscalar", "ab...,...->ab...", "2,2,3", E12, "1", (2), "2,2,3",
        (2, 6, 4, 14, 10, 12, 6, 10, 4, 2, 0, 14)),
  EIN2 ("einsum_ellipsis_complex_mul", "a...j,j...->a...", "1,1,4,3", E12, "3,4,2,1",
        (3, 1, 6, 2, 3, 10, 9, 8, 2, 9, 3, 2, 4, 2, 3, 1, 9, 1, 11, 4, 7, 2, 3, 1), "1,4,2,4",
        (27, 85, 37, 66, 30, 58, 50, 8, 37, 123, 55, 83, 16, 48, 24, 30, 29, 83, 43, 52, 20, 92, 44, 24, 24, 96, 48, 30,
         13, 67, 31, 15)),
  EIN1 ("einsum_diagonal", "kii->ki", "1,3,3", (1, 2, 3, 4, 5, 6, 7, 8, 9), "1,3", (1, 5, 9)),
  EIN2 ("einsum_diagonal_with_matmul", "abbac,bad->ad", "2,3,3,2,4", E150, "3,2,1", (1, 4, 4, 5, 3, 3), "2,1",
        (123, 129)),
  CASE_ERR ("qscope_bad_label", "Einsum", "opset7", "equation=\"a1->a\"", IN (TF ("2", 1, 2)), "“1” is not a label"),
  CASE_ERR ("qscope_subscripts_do_not_match_inputs", "Einsum", "opset7", "equation=\"ab,bc->ac\"",
            IN (TF ("2,2", 1, 2, 3, 4)), "2 input subscripts for 1 inputs"),
};

/* ---- DeformableConvolution (deformable_convolution.cpp): the f32 cases, run as -1 and as -8 ---- */

static void
fill_dc_ones (QsTensor *t)
{
  fill_ones (t);
}

/* the offsets of the integral_offset cases repeat a short pattern */
static void
fill_dc_pattern16 (QsTensor *t)
{
  static const float p[16] = { 1, 0, 1, 0, 1, 0, 0, 2, 1, 0, 1, 0, 1, 0, 0, 2 };
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = p[i % 16];
}

/* offsets of deformable group 1 all 1, of group 2 all 0 */
static void
fill_dc_first_half_ones (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = i < t->n_elements / 2 ? 1.f : 0.f;
}

static void
fill_dc_1_1 (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = 1.1f;
}

static void
fill_dc_minus_1_1 (QsTensor *t)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = -1.1f;
}

static void
fill_dc_pattern_1102 (QsTensor *t)
{
  static const float p[4] = { 1, 1, 0, 2 };
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = p[i % 4];
}

static void
fill_dc_pattern4 (QsTensor *t)
{
  static const float p[4] = { 0, 2, 1, 0 };
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    ((float *) t->data)[i] = p[i % 4];
}

#define DC_ATTRS(s, pb, pe, d, g, dg) \
  "strides=\"" s "\" pads_begin=\"" pb "\" pads_end=\"" pe "\" dilations=\"" d "\" group=\"" #g "\" deformable_group=\"" #dg "\""
/* data, filters, offsets (all given, zeros or filled) and output */
#define DC(name, attrs, ds, d, fs, f, offs, os, o, fill) \
  CASE_FILL (name "_v1", "DeformableConvolution", "opset1", attrs, IN (TF (ds, UNPAREN d), UNPAREN offs, TF (fs, UNPAREN f)), \
             TF (os, UNPAREN o), 1e-6, fill), \
  CASE_FILL (name "_v8", "DeformableConvolution", "opset8", attrs, IN (TF (ds, UNPAREN d), UNPAREN offs, TF (fs, UNPAREN f)), \
             TF (os, UNPAREN o), 1e-6, fill)
/* the real_offset cases: every offset 1.1, outputs given to six decimals (checked to 1e-5, and to 1e-3
 * where they reach the thousands and float's own rounding is larger) */
#define DCR_TOL(name, attrs, ds, d, fs, f, offs, os, o, tol) \
  CASE_FILL (name "_v1", "DeformableConvolution", "opset1", attrs, IN (TF (ds, UNPAREN d), TZ (offs), TF (fs, UNPAREN f)), \
             TF (os, UNPAREN o), tol, fill_dc_1_1), \
  CASE_FILL (name "_v8", "DeformableConvolution", "opset8", attrs, IN (TF (ds, UNPAREN d), TZ (offs), TF (fs, UNPAREN f)), \
             TF (os, UNPAREN o), tol, fill_dc_1_1)
#define DCR(name, attrs, ds, d, fs, f, offs, os, o) DCR_TOL (name, attrs, ds, d, fs, f, offs, os, o, 1e-5)
#define DC16 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
#define DC25 (1, 3, 5, 7, 9, 7, 5, 3, 1, 0, 2, 4, 6, 8, 10, 8, 6, 4, 2, 0, 2, 4, 6, 8, 10)
#define DC49 (1, 3, 5, 7, 9, 11, 13, 7, 5, 3, 1, -1, -3, -5, 2, 4, 6, 8, 10, 12, 14, 8, 6, 4, 2, 0, -2, -4, 2, 4, 6, 8, \
              10, 12, 14, 7, 5, 3, 1, -1, -3, -5, 8, 6, 4, 2, 0, -2, -4)
#define DC2CH (1, 3, 5, 7, 7, 5, 3, 1, 2, 4, 6, 8, 8, 6, 4, 2, -1, 3, -5, 7, 7, -5, 3, -1, -2, 4, -6, 8, 8, -6, 4, -2)
#define DCF2 (5, 3, 5, 1, 3, 1, 4, 2, 4, -5, 3, 5, 1, -3, 1, 4, 2, -4)
#define DC36 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
              29, 30, 31, 32, 33, 34, 35, 36)
#define DC72 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
              29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, \
              55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72)
#define DC_DIL_OFFS (1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, \
                     0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, \
                     1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, \
                     1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, \
                     0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, 1, 0, 1, 1, 1, 0, 0, 2, 0, \
                     1, 0, 1, 1, 2, 0, 0, 2, 0, 1, 0, 1)

#define DC_D32X2 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, \
                  28, 29, 30, 31, 32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, \
                  23, 24, 25, 26, 27, 28, 29, 30, 31, 32)
#define DC_F32X2 (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8, -1, -2, -3, -4, -5, \
                  -6, -7, -8)
#define DC_DEFORGROUP_COMPLEX_OUT \
  (1516.000000, 1583.999877, 732.799987, 1786.400146, 1854.400024, 852.799987, 762.799987, 789.200012, 352.000000, \
   -1516.000000, -1583.999877, -732.799987, -1786.400146, -1854.400024, -852.799987, -762.799987, -789.200012, \
   -352.000000)

#define DC_MASK (0.64, 0.18, 0.23, 0.74, 0.89, 0.70, 0.13, 0.99, 0.48, 0.20, 0.67, 0.88, 0.17, 0.19, 0.53, 0.22, \
                 0.50, 0.07, 0.21, 0.99, 0.09, 0.28, 0.66, 0.91, 0.28, 0.89, 0.91, 0.39, 0.70, 0.67, 0.26, 0.09)

static const RefCase deformable_cases[] = {
  DC ("deformable_convolution_2D_zero_offsets_4x4_k2", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,1,4,4", DC16,
      "1,1,2,2", (1, 2, -1, -2), (TZ ("1,8,3,3")), "1,1,3,3", (-12, -12, -12, -12, -12, -12, -12, -12, -12), NULL),
  DC ("deformable_convolution_2D_zero_offsets_padding", DC_ATTRS ("1,1", "1,1", "1,1", "1,1", 1, 1), "1,1,3,3",
      (1, 3, 5, 7, 5, 3, 1, 3, 5), "1,1,2,2", (1, 2, 0, 1), (TZ ("1,8,4,4")), "1,1,4,4",
      (1, 3, 5, 0, 9, 12, 16, 5, 15, 20, 16, 3, 2, 7, 13, 5), NULL),
  DC ("deformable_convolution_2D_zero_offsets_stride", DC_ATTRS ("2,2", "0,0", "0,0", "1,1", 1, 1), "1,1,5,5", DC25,
      "1,1,3,3", (1, 2, 3, 1, 1, 1, 3, 2, 1), (TZ ("1,18,2,2")), "1,1,2,2", (57, 94, 66, 102), NULL),
  DC ("deformable_convolution_2D_zero_offsets_dilation", DC_ATTRS ("1,1", "0,0", "0,0", "2,2", 1, 1), "1,1,7,7", DC49,
      "1,1,3,3", (1, 2, 3, 1, 1, 0, 3, 1, 2), (TZ ("1,18,3,3")), "1,1,3,3", (78, 106, 134, 44, 16, -12, 80, 84, 88), NULL),
  DC ("deformable_convolution_2D_zero_offsets_padding_stride_dilation", DC_ATTRS ("2,2", "2,2", "2,2", "2,2", 1, 1),
      "1,1,7,7", DC49, "1,1,3,3", (1, 2, 3, 1, 1, 0, 3, 1, 2), (TZ ("1,18,4,4")), "1,1,4,4",
      (15, 38, 70, 66, 33, 78, 134, 103, 40, 80, 88, 58, 30, 56, 72, 34), NULL),
  DC ("deformable_convolution_2D_zero_offsets_input_channels", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,2,4,4",
      DC2CH, "1,2,3,3", DCF2, (TZ ("1,18,2,2")), "1,1,2,2", (142, 102, 94, 160), NULL),
  DC ("deformable_convolution_2D_zero_offsets_output_channels", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,1,4,4",
      (1, 3, 5, 7, 7, 5, 3, 1, 2, 4, 6, 8, 8, 6, 4, 2), "2,1,3,3", DCF2, (TZ ("1,18,2,2")), "1,2,2,2",
      (104, 140, 145, 109, 16, 28, 19, 7), NULL),
  DC ("deformable_convolution_2D_zero_offsets_batch", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "2,1,4,4",
      (1, 3, 2, 1, 1, 3, 3, 1, 2, 1, 1, 3, 3, 2, 3, 3, -1, 3, 2, -1, 1, 3, -3, 1, -2, -1, 1, 3, 3, 2, 3, -3),
      "1,1,3,3", (-5, 3, 5, 1, -3, 1, 4, 2, -4), (TZ ("2,18,2,2")), "2,1,2,2", (15, -15, 23, 2, -1, -15, -5, 6), NULL),
  DC ("deformable_convolution_2D_zero_offsets_groups_2", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 2, 1), "1,4,3,3", DC36,
      "2,2,2,2", (1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), (TZ ("1,8,2,2")), "1,2,2,2",
      (356, 392, 464, 500, -1004, -1040, -1112, -1148), NULL),
  DC ("deformable_convolution_2D_zero_offsets_groups_4", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 4, 1), "1,8,3,3", DC72,
      "4,2,2,2", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, -1, -2, -3, -4, -5, -6, -7, -8,
                  -9, -10, -11, -12, -13, -14, -15, -16), (TZ ("1,8,2,2")), "1,4,2,2",
      (356, 392, 464, 500, 2636, 2736, 2936, 3036, -1652, -1688, -1760, -1796, -6236, -6336, -6536, -6636), NULL),
  DC ("deformable_convolution_2D_zero_offsets_2_channels_k2", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,2,4,4",
      (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
       31, 32), "1,2,2,2", (1, 2, -1, -2, 3, 4, -3, -4), (TZ ("1,8,3,3")), "1,1,3,3",
      (-40, -40, -40, -40, -40, -40, -40, -40, -40), NULL),
  DC ("deformable_convolution_2D_zero_offsets_groups_2_deformable_groups_2", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 2, 2),
      "1,4,3,3", DC36, "2,2,2,2", (1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), (TZ ("1,16,2,2")), "1,2,2,2",
      (356, 392, 464, 500, -1004, -1040, -1112, -1148), NULL),
  DC ("integral_offsets_1", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,1,4,4", DC16, "1,1,2,2", (1, 2, -1, -2),
      (TZ ("1,8,3,3")), "1,1,3,3", (-12, -12, -4, -12, -12, -4, 44, 47, 16), fill_dc_ones),
  DC ("integral_offsets_padding", DC_ATTRS ("1,1", "1,1", "1,1", "1,1", 1, 1), "1,1,4,4",
      (1, 3, 7, 7, 7, 6, 3, 1, 4, 4, 2, 8, 1, 1, 1, 2), "1,1,3,3", (1, 2, 3, 0, 1, 0, 3, 2, 1), (TZ ("1,18,4,4")),
      "1,1,4,4", (56, 39, 44, 18, 38, 56, 65, 0, 19, 38, 20, 20, 6, 19, 33, 0), fill_dc_pattern16),
  DC ("integral_offsets_stride", DC_ATTRS ("2,2", "0,0", "0,0", "1,1", 1, 1), "1,1,5,5", DC25, "1,1,3,3",
      (1, 2, 3, 1, 1, 1, 3, 2, 1), (TZ ("1,18,2,2")), "1,1,2,2", (57, 40, 38, 102), fill_dc_pattern4),
  DC ("integral_offset_dialation", DC_ATTRS ("1,1", "0,0", "0,0", "2,2", 1, 1), "1,1,7,7", DC49, "1,1,3,3",
      (1, 2, 3, 1, 1, 0, 3, 1, 2), (TF ("1,18,3,3", UNPAREN DC_DIL_OFFS)), "1,1,3,3",
      (16, -2, 134, 44, -4, -12, 10, 84, -4), NULL),
  DC ("integral_offset_padding_stride_dialation", DC_ATTRS ("2,2", "2,2", "2,2", "2,2", 1, 1), "1,1,7,7", DC49, "1,1,3,3",
      (1, 2, 3, 1, 1, 0, 3, 1, 2), (TZ ("1,18,4,4")), "1,1,4,4",
      (15, 38, 2, 66, 26, 78, 134, 16, 23, 80, -4, 58, 13, 56, 72, -4), fill_dc_pattern16),
  DC ("integral_offset_input_channels", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,2,4,4", DC2CH, "1,2,3,3", DCF2,
      (TZ ("1,18,2,2")), "1,1,2,2", (160, 32, 94, 20), fill_dc_pattern_1102),
  DC ("integral_offset_output_channels", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,1,4,4", DC16, "2,1,2,2",
      (1, 2, -1, -2, 3, 4, -3, -4), (TZ ("1,8,3,3")), "1,2,3,3",
      (-12, -12, -4, -12, -12, -4, 44, 47, 16, -28, -28, -12, -28, -28, -12, 102, 109, 48), fill_dc_ones),
  DC ("integral_offset_batch", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "2,1,4,4",
      (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
       31, 32), "1,1,2,2", (1, 2, -1, -2), (TZ ("2,8,3,3")), "2,1,3,3",
      (-12, -12, -4, -12, -12, -4, 44, 47, 16, -12, -12, -12, -12, -12, -12, -12, -12, -12), fill_dc_first_half_ones),
  DC ("integral_offset_groups_basic", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 2, 1), "1,4,3,3", DC36, "2,2,2,2",
      (1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8),
      (TF ("1,8,2,2", 1, 0, 2, 1, 0, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)),
      "1,2,2,2", (171, 63, 126, 0, -423, -171, -270, 0), NULL),
  DC ("integral_offset_groups_and_deforgroups", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 2, 2), "1,4,3,3", DC36, "2,2,2,2",
      (1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), (TZ ("1,16,2,2")), "1,2,2,2",
      (500, 234, 219, 99, -1004, -1040, -1112, -1148), fill_dc_first_half_ones),
  DCR ("real_offset_default", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,1,4,4", DC16, "1,1,2,2", (1, 2, -1, -2),
       "1,8,3,3", "1,1,3,3",
       (-11.999998, -11.999999, -4.000000, -10.799999, -10.800001, -3.600004, 44.300000, 47.100000, 16.000000)),
  DCR ("real_offset_padding", DC_ATTRS ("1,1", "1,1", "1,1", "1,1", 1, 1), "1,1,4,4",
       (1, 3, 7, 7, 7, 6, 3, 1, 4, 4, 2, 8, 1, 1, 1, 2), "1,1,3,3", (1, 2, 3, 0, 1, 0, 3, 2, 1), "1,18,4,4", "1,1,4,4",
       (54.870006, 61.630001, 43.230003, 28.600002, 35.590000, 25.819999, 20.880001, 7.700000, 19.089998, 31.719999,
        19.250000, 7.399999, 6.299999, 9.199999, 5.099999, 2.000000)),
  DCR ("real_offset_stride", DC_ATTRS ("2,2", "0,0", "0,0", "1,1", 1, 1), "1,1,5,5", DC25, "1,1,3,3",
       (1, 2, 3, 1, 1, 1, 3, 2, 1), "1,18,2,2", "1,1,2,2", (61.229999, 29.509998, 39.640003, 22.640003)),
  DCR ("real_offset_padding_stride_dialation", DC_ATTRS ("2,2", "2,2", "2,2", "2,2", 1, 1), "1,1,7,7", DC49, "1,1,3,3",
       (1, 2, 3, 1, 1, 0, 3, 1, 2), "1,18,4,4", "1,1,4,4",
       (15.260000, 24.119997, 6.439994, -3.940005, 26.440002, 20.319999, -0.500001, -11.720002, 23.500003, 14.040000,
        -1.279998, -3.860000, 12.500000, -2.599999, -5.299999, -3.099999)),
  DCR ("real_offset_input_channels", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,2,4,4", DC2CH, "1,2,3,3", DCF2,
       "1,18,2,2", "1,1,2,2", (148.000000, 43.259998, 91.279998, 111.199996)),
  DCR ("real_offset_output_channels", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "1,1,4,4", DC16, "2,1,2,2",
       (1, 2, -1, -2, 3, 4, -3, -4), "1,8,3,3", "1,2,3,3",
       (-12.000000, -12.000000, -4.000000, -10.799999, -10.799995, -3.600000, 44.299999, 47.099998, 16.000000,
        -28.000000, -28.000000, -12.000000, -25.200000, -25.199993, -10.800003, 102.699996, 109.300003, 48.000000)),
  DCR ("real_offset_batch", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1), "2,1,4,4",
       (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32), "1,1,2,2", (1, 2, -1, -2), "2,8,3,3", "2,1,3,3",
       (-12.000000, -12.000000, -4.000000, -10.799999, -10.799995, -3.600000, 44.299999, 47.099998, 16.000000,
        -12.000000, -12.000000, -4.000000, -10.799999, -10.799995, -3.600000, 92.300003, 95.099998, 32.000000)),
  DCR ("real_offset_group_basic", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 2, 1), "1,4,3,3", DC36, "2,2,2,2",
       (1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), "1,8,2,2", "1,2,2,2",
       (505.800020, 235.800000, 219.600000, 99.000000, -1153.800000, -523.800000, -471.600000, -207.0000000)),
  DCR_TOL ("real_offset_groups_complex", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 4, 1), "1,8,3,3", DC72, "4,2,2,2",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12,
            -13, -14, -15, -16), "1,8,2,2", "1,4,2,2",
           (505.800020, 235.800000, 219.600000, 99.000000, 3054.600000, 1488.600000, 1465.200100, 711.000000,
            -1801.799900, -811.80000, -723.600000, -315.000000, -6654.600000, -3216.600000, -3121.200000, -1503.000000),
           1e-3),
  DCR_TOL ("real_offset_deforgroup_basic", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 2), "1,2,4,4",
           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32), "2,2,2,2", (1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), "1,16,3,3", "1,2,3,3",
           (758.000000, 792.000000, 366.399993, 893.200012, 927.200012, 426.399993, 381.399993, 394.600006, 176.000000,
            -758.000000, -792.000000, -366.399993, -893.200012, -927.200012, -426.399993, -381.399993, -394.600006,
            -176.000000), 1e-3),
  DCR_TOL ("real_offset_deforgroup_complex1", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 4), "1,4,4,4", DC_D32X2,
           "2,4,2,2", DC_F32X2, "1,32,3,3", "1,2,3,3", DC_DEFORGROUP_COMPLEX_OUT, 1e-3),
  DCR_TOL ("real_offset_deforgroup_complex2", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 2), "1,4,4,4", DC_D32X2,
           "2,4,2,2", DC_F32X2, "1,16,3,3", "1,2,3,3", DC_DEFORGROUP_COMPLEX_OUT, 1e-3),
  DCR_TOL ("real_offset_groups_and_deforgroups", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 2, 2), "1,4,3,3", DC36,
           "2,2,2,2", (1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), "1,16,2,2", "1,2,2,2",
           (505.800020, 235.800000, 219.600000, 99.000000, -1153.800000, -523.800000, -471.600000, -207.000000), 1e-3),

  /* generateDeformableConvolutionV8MaskParams: a mask and bilinear_interpolation_pad */
  CASE_FILL ("v8_zeroed_offset_default_mask", "DeformableConvolution", "opset8",
             DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1) " bilinear_interpolation_pad=\"true\"",
             IN (TF ("1,1,4,4", UNPAREN DC16), TZ ("1,8,3,3"), TF ("1,1,2,2", 1, 2, -1, -2),
                 TF ("1,4,3,3", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
                     0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)),
             TF ("1,1,3,3", -6, -6, -6, -6, -6, -6, -6, -6, -6), 1e-6, NULL),
  CASE_FILL ("v8_real_offset_groups_deforgroups_mask", "DeformableConvolution", "opset8",
             DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 2, 2) " bilinear_interpolation_pad=\"true\"",
             IN (TF ("1,4,3,3", UNPAREN DC36), TZ ("1,16,2,2"),
                 TF ("2,2,2,2", 1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), TF ("1,8,2,2", UNPAREN DC_MASK)),
             TF ("1,2,2,2", 220.15443, 38.199608, 32.643005, 59.340614, -419.0005, -252.08015, -182.44444, -165.99335),
             1e-5, fill_dc_1_1),
  CASE_FILL ("v8_real_offset_groups_deforgroups_mask_2", "DeformableConvolution", "opset8",
             DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 2) " bilinear_interpolation_pad=\"true\"",
             IN (TF ("1,2,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18), TZ ("1,16,2,2"),
                 TF ("2,2,2,2", 1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), TF ("1,8,2,2", UNPAREN DC_MASK)),
             TF ("1,2,2,2", 184.25163, 101.04752, 77.46842, 77.56562, -184.25163, -101.04752, -77.46842, -77.56562),
             1e-5, fill_dc_1_1),
  CASE_FILL ("v8_neg_offset_groups_deforgroups_mask", "DeformableConvolution", "opset8",
             DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 2) " bilinear_interpolation_pad=\"true\"",
             IN (TF ("1,2,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18), TZ ("1,16,2,2"),
                 TF ("2,2,2,2", 1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8), TF ("1,8,2,2", UNPAREN DC_MASK)),
             TF ("1,2,2,2", 45.910797, 104.8302, 63.12059, 151.47789, -45.910797, -104.8302, -63.12059, -151.47789),
             1e-5, fill_dc_minus_1_1),
  CASE_ERR ("qscope_offsets_do_not_fit", "DeformableConvolution", "opset1", DC_ATTRS ("1,1", "0,0", "0,0", "1,1", 1, 1),
            IN (TF ("1,1,2,2", 1, 2, 3, 4), TZ ("1,4,1,1"), TF ("1,1,2,2", 1, 1, 1, 1)), "offsets must be [1, 8, 1, 1]"),
};

/* one_hot_vector_many_categories: 6 indices into 20000 classes, i32 */
static void
test_one_hot_many_categories (void)
{
  static const gint64 idx[] = { 0, 11, 101, 1001, 10001, 19999 };
  g_autoptr(GError) error = NULL;
  g_autoptr(QsTensor) out = NULL;
  QsTensor *ind = QS_I32 ("6", 0, 11, 101, 1001, 10001, 19999);
  gsize i, j;

  out = QS_RUN ("OneHot", "opset1", "axis=\"1\"", &error, ind, QS_I32 ("", 20000), QS_I32 ("", 1), QS_I32 ("", 0));
  g_assert_no_error (error);
  g_assert_cmpint (out->rank, ==, 2);
  g_assert_cmpint (out->dims[0], ==, 6);
  g_assert_cmpint (out->dims[1], ==, 20000);
  g_assert_true (out->type == QS_ELEMENT_I32);
  for (i = 0; i < 6; i++)
    for (j = 0; j < 20000; j++)
      g_assert_cmpint (((const gint32 *) out->data)[i * 20000 + j], ==, (gint64) j == idx[i] ? 1 : 0);
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD (gather_nd_cases);
  ADD (gather_elements_cases);
  ADD (batch_space_cases);
  ADD (depth_space_cases);
  ADD (scatter_update_cases);
  ADD (scatter_elements_cases);
  ADD (scatter_nd_cases);
  ADD (one_hot_cases);
  g_test_add_func ("/qscope/exec-ops-ref/OneHot-1/one_hot_vector_many_categories", test_one_hot_many_categories);
  ADD (bucketize_cases);
  ADD (cum_sum_cases);
  ADD (eye_cases);
  ADD (comparison_cases);
  ADD (logical_cases);
  ADD (log_softmax_cases);
  ADD (erf_cases);
  ADD (rounding_cases);
  ADD (arith_cases);
  ADD (yolo_cases);
  ADD (roi_cases);
  ADD (einsum_cases);
  ADD (deformable_cases);
  return g_test_run ();
}
