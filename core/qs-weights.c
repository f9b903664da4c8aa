/* qs-weights.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Walks from a compute layer's weight input back to the stored constant and
 * names the form the writer used (see the weight patterns in the README).
 * The walk only follows single-consumer-agnostic, constant-only paths: any
 * op fed by a non-constant value ends it as "not weights".
 */
#include "config.h"

#include <string.h>

#include "qs-weights.h"

static const struct { const char *name; const char *description; } forms[] = {
  [QS_WEIGHT_FORM_NONE] = { "none", "not constant" },
  [QS_WEIGHT_FORM_FLOAT] = { "float", "float Const" },
  [QS_WEIGHT_FORM_FLOAT_FQ] = { "fq-float", "float Const → FakeQuantize" },
  [QS_WEIGHT_FORM_INT_FQ] = { "fq-int", "integer Const → Convert → FakeQuantize" },
  [QS_WEIGHT_FORM_SUB_MUL] = { "sub-mul", "integer Const → Convert → Subtract → Multiply" },
  [QS_WEIGHT_FORM_MUL] = { "mul", "integer Const → Convert → Multiply" },
  [QS_WEIGHT_FORM_GROUPED] = { "grouped", "grouped 4/8-bit Const → … → Multiply → Reshape" },
  [QS_WEIGHT_FORM_OTHER] = { "other", "constant through other ops" },
};

const char *
qs_weight_form_name (QsWeightForm form)
{
  return (guint) form < QS_WEIGHT_FORM_N_FORMS ? forms[form].name : "?";
}

const char *
qs_weight_form_describe (QsWeightForm form)
{
  return (guint) form < QS_WEIGHT_FORM_N_FORMS ? forms[form].description : "?";
}

const QsNode *
qs_node_skip_convert (const QsNode *node)
{
  while (node != NULL && qs_node_is_type (node, "Convert"))
    node = qs_node_input_node (node, 0);
  return node;
}

/* The Const feeding @input, through Converts; NULL otherwise. */
const QsNode *
qs_input_const (const QsNode *node,
                guint         input)
{
  const QsNode *src = qs_node_skip_convert (qs_node_input_node (node, input));

  return src != NULL && qs_node_is_type (src, "Const") ? src : NULL;
}

static gboolean
is_integer_const (const QsNode *node)
{
  if (node == NULL || node->konst == NULL)
    return FALSE;
  switch (node->konst->element_type)
    {
    case QS_ELEMENT_F32:
    case QS_ELEMENT_F16:
    case QS_ELEMENT_BF16:
    case QS_ELEMENT_F64:
      return FALSE;
    default:
      /* integers, and the 4/8-bit float codes (nf4, f8) stored for decompression */
      return TRUE;
    }
}

/* Which input of a compute layer holds its weights. */
gboolean
qs_node_is_weighted (const QsNode *node,
                     guint        *weight_input)
{
  static const char *const one[] = {
    "Convolution", "GroupConvolution", "ConvolutionBackpropData", "GroupConvolutionBackpropData",
    "MatMul", "DeformableConvolution", "BinaryConvolution",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (one); i++)
    if (qs_node_is_type (node, one[i]))
      {
        *weight_input = 1;
        return node->n_inputs > 1;
      }
  if (qs_node_is_type (node, "Gather"))
    {
      *weight_input = 0;
      return node->n_inputs > 0;
    }
  return FALSE;
}

/* Follows input 0 of a chain op when every other input is constant. */
static const QsNode *
chain_step (const QsNode *node)
{
  guint i;

  for (i = 1; i < node->n_inputs; i++)
    if (qs_input_const (node, i) == NULL)
      return NULL;
  return qs_node_input_node (node, 0);
}

/**
 * qs_weights_classify:
 * @consumer: a compute layer
 * @input: the input that holds its weights
 * @chain: (out caller-allocates): the recognised chain
 *
 * Returns: %TRUE when the input is a constant subgraph (chain->form then says
 *   which), %FALSE when it is computed at run time.
 */
gboolean
qs_weights_classify (const QsNode  *consumer,
                     guint          input,
                     QsWeightChain *chain)
{
  const QsNode *node = qs_node_input_node (consumer, input);
  gboolean seen_sub = FALSE, seen_mul = FALSE, seen_fq = FALSE, seen_other = FALSE;
  guint steps = 0;

  memset (chain, 0, sizeof *chain);

  while (node != NULL && steps < 16)
    {
      if (qs_node_is_type (node, "Const"))
        {
          chain->weights = node;
          break;
        }
      steps++;
      if (qs_node_is_type (node, "Convert"))
        {
          /* walking towards the Const, the last Convert seen is the one right after it */
          chain->convert = node;
          node = qs_node_input_node (node, 0);
          continue;
        }
      if (qs_node_is_type (node, "Reshape") || qs_node_is_type (node, "Transpose") ||
          qs_node_is_type (node, "Unsqueeze") || qs_node_is_type (node, "Squeeze"))
        {
          if (qs_node_is_type (node, "Reshape") && !seen_mul && !seen_fq)
            chain->reshape = node;
          else if (!qs_node_is_type (node, "Reshape"))
            seen_other = TRUE;
          node = chain_step (node);
          continue;
        }
      if (qs_node_is_type (node, "FakeQuantize"))
        {
          seen_fq = TRUE;
          chain->fake_quantize = node;
          node = chain_step (node);
          continue;
        }
      if (qs_node_is_type (node, "Multiply"))
        {
          const QsNode *k1 = qs_input_const (node, 1);
          const QsNode *k0 = qs_input_const (node, 0);
          seen_mul = TRUE;
          if (k1 != NULL && chain->scale == NULL)
            {
              chain->scale = k1;
              node = qs_node_input_node (node, 0);
            }
          else if (k0 != NULL && chain->scale == NULL)
            {
              chain->scale = k0;
              node = qs_node_input_node (node, 1);
            }
          else
            node = chain_step (node);
          continue;
        }
      if (qs_node_is_type (node, "Subtract"))
        {
          seen_sub = TRUE;
          if (chain->zero_point == NULL)
            chain->zero_point = qs_input_const (node, 1);
          node = chain_step (node);
          continue;
        }
      seen_other = TRUE;
      node = chain_step (node);
    }

  chain->chain_length = steps;
  if (chain->weights == NULL)
    {
      chain->form = QS_WEIGHT_FORM_NONE;
      return FALSE;
    }

  if (is_integer_const (chain->weights))
    {
      if (seen_fq && !seen_mul)
        chain->form = QS_WEIGHT_FORM_INT_FQ;
      else if (chain->reshape != NULL && seen_mul && chain->weights->konst->shape.rank == 3)
        chain->form = QS_WEIGHT_FORM_GROUPED;
      else if (seen_sub && seen_mul)
        chain->form = QS_WEIGHT_FORM_SUB_MUL;
      else if (seen_mul)
        chain->form = QS_WEIGHT_FORM_MUL;
      else
        chain->form = QS_WEIGHT_FORM_OTHER;
    }
  else if (seen_fq)
    chain->form = QS_WEIGHT_FORM_FLOAT_FQ;
  else if (!seen_other && !seen_mul && !seen_sub)
    chain->form = QS_WEIGHT_FORM_FLOAT;
  else
    chain->form = QS_WEIGHT_FORM_OTHER;
  return TRUE;
}
