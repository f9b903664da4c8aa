/* test-exec-ops-ref3.c — the executor against the cases of OpenVINO's op reference tests, part 3
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The ops and cases the first two parts do not carry over: the grouped
 * transposed convolution, ScaledDotProductAttention and later cases of
 * the long reference files.  Each case carries, in its name, the name (or
 * the generator and position) of the case in OpenVINO's
 * src/plugins/template/tests/functional/op_reference/<op>.cpp it was taken
 * from: inputs, attributes and expected outputs as there, with the test's
 * tolerance where it sets one (its default relative threshold is 1e-2; a
 * case here is checked tighter where qscope meets it).  The runner is
 * qs-op-ref.h.
 */
#include "config.h"

#include "qs-op-ref.h"

/* ---- GroupConvolutionBackpropData (group_convolution_backprop.cpp, generateGroupConvolutionBackpropDataFloatParams,
 *      named by their position there; the integer variants repeat the first four cases in integer types, which
 *      the float kernel refuses, see the last case) ---- */

#define GCBD_ATTRS(st, pb, pe, dl, op) \
  "strides=\"" st "\" pads_begin=\"" pb "\" pads_end=\"" pe "\" dilations=\"" dl "\" output_padding=\"" op "\" " \
  "auto_pad=\"explicit\""
#define GCBD(name, attrs, is, i, fs, f, os, o) \
  CASE_TOL (name, "GroupConvolutionBackpropData", "opset1", attrs, IN (TF (is, UNPAREN i), TF (fs, UNPAREN f)), \
            TF (os, UNPAREN o), 1e-6)

static const RefCase group_conv_backprop_cases[] = {
  GCBD ("group_convolution_backprop_1d_0", GCBD_ATTRS ("1", "0", "0", "1", "0"), "1,1,4", (1, 3, 3, 0), "1,1,1,3",
        (2, 0, 1), "1,1,6", (2, 6, 7, 3, 3, 0)),
  GCBD ("group_convolution_backprop_1d_1_two_groups", GCBD_ATTRS ("1", "0", "0", "1", "0"), "1,2,4",
        (1, 3, 3, 0, 1, 2, 1, 3), "2,1,1,3", (1, 0, 3, 3, 0, 1), "1,2,6", (1, 3, 6, 9, 9, 0, 3, 6, 4, 11, 1, 3)),
  GCBD ("group_convolution_backprop_1d_2_two_input_channels_per_group", GCBD_ATTRS ("1", "0", "0", "1", "0"), "1,4,4",
        (1, 3, 3, 0, 1, 2, -1, -3, -3, 0, 1, 2, 0, -2, 3, -1), "2,2,1,3", (1, 0, 3, 3, 0, 1, -3, 0, 1, 3, 2, -1),
        "1,2,6", (4, 9, 4, 2, 8, -3, 9, -6, -1, -1, -4, 3)),
  GCBD ("group_convolution_backprop_1d_3_batch", GCBD_ATTRS ("1", "0", "0", "1", "0"), "2,2,4",
        (1, 3, 0, 1, 1, 3, 0, 2, 1, 3, 0, 1, 1, 3, 0, 2), "2,1,1,3", (1, 0, 3, 3, 0, 1), "2,2,6",
        (1, 3, 3, 10, 0, 3, 3, 9, 1, 9, 0, 2, 1, 3, 3, 10, 0, 3, 3, 9, 1, 9, 0, 2)),
  GCBD ("group_convolution_backprop_2d_4_stride_padding_output_padding", GCBD_ATTRS ("2,2", "1,1", "1,1", "1,1", "1,1"),
        "1,1,3,3",
        (0.16857791f, -0.15161794f, 0.08540368f, 0.1820628f, -0.21746576f, 0.08245695f, 0.1431433f, -0.43156421f,
         0.30591947f),
        "1,1,1,3,3",
        (-0.06230065f, 0.37932432f, -0.25388849f, 0.33878803f, 0.43709868f, -0.22477469f, 0.04118127f, -0.44696793f,
         0.06373066f),
        "1,1,6,6",
        (0.07368518f, -0.08925839f, -0.06627201f, 0.06301362f, 0.03732984f, -0.01919658f,
         -0.00628807f, -0.02817563f, -0.01472169f, 0.04392925f, -0.00689478f, -0.01549204f,
         0.07957941f, -0.11459791f, -0.09505399f, 0.07681622f, 0.03604182f, -0.01853423f,
         -0.0270785f, -0.00680824f, -0.06650258f, 0.08004665f, 0.07918708f, -0.0724144f,
         0.06256775f, -0.17838378f, -0.18863615f, 0.20064656f, 0.133717f, -0.06876295f,
         -0.06398046f, -0.00864975f, 0.19289537f, -0.01490572f, -0.13673618f, 0.01949645f)),
  /* generateGroupConvolutionBackpropDataIntParams<i32>, case 0: integer data is refused by the float kernel */
  CASE_ERR ("group_convolution_backprop_int_1d_0", "GroupConvolutionBackpropData", "opset1",
            GCBD_ATTRS ("1", "0", "0", "1", "0"), IN (TI ("1,1,4", 1, 3, 3, 0), TI ("1,1,1,3", 2, 0, 1)),
            "needs float data"),
  /* generateGroupConvolutionBackpropDataOutShapeParams<f32>: both give the output_shape input with
   * auto_pad=same_upper, which the executor refuses */
  CASE_ERR ("group_convolution_backprop_out_shape_0", "GroupConvolutionBackpropData", "opset1",
            "strides=\"1,1\" dilations=\"1,1\" auto_pad=\"same_upper\"",
            IN (TF ("1,1,1,10", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), TF ("1,1,1,1,5", 1, 2, 3, 2, 1), TL ("2", 1, 14)),
            "output_shape input"),
  CASE_ERR ("group_convolution_backprop_out_shape_1", "GroupConvolutionBackpropData", "opset1",
            "strides=\"1,1\" dilations=\"1,1\" auto_pad=\"same_upper\"",
            IN (TF ("1,2,2,2", 1, 2, 3, 4, 5, 6, 7, 8), TF ("2,1,1,2,2", 1, 0, 0, 1, 1, 0, 0, 1), TL ("2", 1, 3)),
            "output_shape input"),
};

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD (group_conv_backprop_cases);
  return g_test_run ();
}
