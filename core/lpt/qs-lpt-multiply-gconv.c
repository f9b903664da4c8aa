/* qs-lpt-multiply-gconv.c — a Multiply by per-channel constants on codes
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's MultiplyToGroupConvolutionTransformation (src/common/
 * low_precision_transformations/src/multiply_to_group_convolution.cpp), a
 * cleanup pass: a Dequantize that nothing quantized takes (its Multiply
 * left in the graph) on a 4-D or 5-D tensor, the Multiply's other input a
 * constant that is scalar or per channel (every dimension from 2 on 1),
 * would become a GroupConvolution with one group per channel, 1×1 weights of
 * 1 on the codes (a Subtract becoming an Add after it), and the Multiply by
 * the scale after that: an int8 layer.  Its conditions: static channels, a
 * codes type among the GroupConvolution's input precisions.
 *
 * The CPU plugin disables the transformation (transformation_pipeline.cpp,
 * CPU_DISABLE_PASS_COMMON for MultiplyToGroupConvolutionTransformation in
 * the version read; older versions had a callback that kept it off for a
 * scalar constant or one a parent could absorb), so on the CPU such a
 * Multiply stays a float eltwise on the dequantized values, as qscope runs
 * it.  This file only says which of the two reasons holds; fold-back
 * (qs-lpt-pass-fold.c) asks it for a Multiply it sends back to floats.
 */
#include "config.h"

#include "qs-lpt-private.h"

const char *
_qs_lpt_multiply_to_group_conv (LptContext   *ctx,
                                const QsNode *node)
{
  const LptNode *n = _qs_lpt_node (ctx, node);
  const QsShape *ys, *ks;
  const QsNode *k;
  const LptDq *in;
  int rank, d;
  const char *why = NULL;

  if (!qs_node_is_type (node, "Multiply") || n->mode != LPT_MODE_LINEAR || node->n_inputs != 2)
    return NULL;
  in = _qs_lpt_input (ctx, node, n->linear_input);
  k = qs_input_const (node, 1 - n->linear_input);
  ys = &node->outputs[0].shape;
  rank = ys->rank;
  if (in == NULL || !in->valid || k == NULL)
    return NULL;
  ks = &k->konst->shape;
  if (rank != 4 && rank != 5)
    why = "the rank is not 4 or 5";
  else if (ys->dims[1] < 0 || node->inputs[n->linear_input].shape.rank < 2 ||
           node->inputs[n->linear_input].shape.dims[1] < 0)
    why = "the channels are dynamic";
  else
    for (d = 2; d < ks->rank && why == NULL; d++)
      if (ks->dims[d] != 1)
        why = "the constant varies along a spatial axis";
  if (why == NULL && in->type == QS_ELEMENT_I8 && !qs_lpt_cpu_conv_takes_i8 (ctx->cpu))
    why = "the codes are i8 and GroupConvolution takes u8 on this CPU";
  if (why == NULL && in->type == QS_ELEMENT_I32)
    why = "its input is an int8 layer's i32 sum, not codes";
  if (why != NULL)
    {
      g_autofree char *text = g_strdup_printf ("its consumers need float values, so it runs after the Dequantize "
                                               "(MultiplyToGroupConvolutionTransformation declines: %s)", why);
      return g_string_chunk_insert_const (ctx->strings, text);
    }
  return "its consumers need float values: MultiplyToGroupConvolutionTransformation would make it an int8 "
         "GroupConvolution on the codes, but the CPU plugin disables that transformation, so it runs after the "
         "Dequantize";
}
