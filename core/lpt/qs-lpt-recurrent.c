/* qs-lpt-recurrent.c — LSTMSequence and GRUSequence on quantized inputs
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's RecurrentCellTransformation (src/common/
 * low_precision_transformations/src/recurrent_cell.cpp) together with what
 * the CPU plugin does after it (src/plugins/intel_cpu/src/transformations/
 * transformation_pipeline.cpp: the precision restriction u8 on inputs 0 and
 * 1 of LSTMSequence-5 and GRUSequence-5; the transformation enabled on x86-64;
 * then ConvertFqRnnToQuantizedRnn).  The transformation matches
 * LSTMSequence-5 (X 0, H 1, C 2, lengths 3, W 4, R 5, B 6) and GRUSequence-5
 * (X 0, H 1, lengths 2, W 3, R 4, B 5) only.  It leaves the Dequantize of
 * X and H at the cell's inputs (u8 codes there, the plugin's restriction
 * turning a signed FakeQuantize into u8 with a zero point) and decomposes a
 * FakeQuantize on the constant W and R into i8 codes with a scale, declining
 * one with a zero point.  The plugin's ConvertFqRnnToQuantizedRnn then runs
 * the sequence on the u8 X and H and i8 W and R, with one scale for X and H
 * and the weights' scales as parameters; its outputs are f32.
 *
 * qscope predicts int8 for such a cell and names the qscope limit: its int8
 * run computes the cell on the dequantized values (the Quantize before X and
 * H stays, the cell reads their Dequantize).  Any other recurrent op
 * (LSTMCell, GRUCell, RNNCell, RNNSequence, LSTMSequence-1) is not matched:
 * the Dequantize stays before it.
 */
#include "config.h"

#include "qs-lpt-private.h"

static gboolean
is_recurrent (const QsNode *node)
{
  static const char *const types[] = {
    "LSTMSequence", "GRUSequence", "RNNSequence", "LSTMCell", "GRUCell", "RNNCell", NULL,
  };
  const char *const *t;

  for (t = types; *t != NULL; t++)
    if (qs_node_is_type (node, *t))
      return TRUE;
  return FALSE;
}

/* NULL when input @i's weights are a FakeQuantize on a constant without a
 * zero point; otherwise why not. */
static const char *
weights_reason (const QsNode *node,
                guint         i)
{
  const QsNode *src = qs_node_input_node (node, i);
  g_autoptr(QsFqInfo) info = NULL;

  if (src == NULL || !qs_node_is_type (src, "FakeQuantize"))
    return "is not quantized (no FakeQuantize on it)";
  info = qs_fq_analyze (src, NULL);
  if (info == NULL || !info->on_weights)
    return "is not a FakeQuantize on a constant";
  if (!info->levels_supported)
    return "has a FakeQuantize whose levels have no 8-bit form";
  if (info->has_zero_point)
    return "has a FakeQuantize with a zero point (RecurrentCellTransformation declines hasZeroPoint)";
  return NULL;
}

gboolean
_qs_lpt_recurrent (LptContext   *ctx,
                   const QsNode *node)
{
  static const char *const names[2] = { "X", "H" };
  const LptDq *x = _qs_lpt_input (ctx, node, 0);
  gboolean lstm = qs_node_is_type (node, "LSTMSequence") && qs_node_opset (node) >= 5;
  gboolean gru = qs_node_is_type (node, "GRUSequence");
  guint w = lstm ? 4 : 3, i;
  LptNode *n;

  if (!is_recurrent (node))
    return FALSE;
  if (x == NULL || !x->valid || x->type == QS_ELEMENT_I32)
    return FALSE;   /* X is float: nothing for LPT to do, the usual reason */
  if (!lstm && !gru)
    {
      _qs_lpt_fp32 (ctx, node, "RecurrentCellTransformation matches LSTMSequence-5 and GRUSequence-5 only; the "
                    "Dequantize stays before %s-%d", node->type, qs_node_opset (node));
      return TRUE;
    }
  for (i = 0; i < 2; i++)
    {
      const LptDq *dq = _qs_lpt_input (ctx, node, i);
      if (dq == NULL || !dq->valid || dq->type == QS_ELEMENT_I32)
        {
          _qs_lpt_fp32 (ctx, node, "RecurrentCellTransformation: input %s is not quantized, and the CPU plugin's "
                        "quantized %s (ConvertFqRnnToQuantizedRnn) needs codes on X and H", names[i], node->type);
          return TRUE;
        }
      if (dq->shift != NULL || !_qs_lpt_dq_per_tensor (dq))
        {
          _qs_lpt_fp32 (ctx, node, "RecurrentCellTransformation: input %s is quantized per channel (or carries a "
                        "folded bias); the CPU plugin's quantized %s takes one scale for it", names[i], node->type);
          return TRUE;
        }
    }
  for (i = w; i < w + 2; i++)
    {
      const char *why = weights_reason (node, i);
      if (why != NULL)
        {
          _qs_lpt_fp32 (ctx, node, "RecurrentCellTransformation: %s (input %u) %s, so the cell stays float on the "
                        "dequantized X and H", i == w ? "W" : "R", i, why);
          return TRUE;
        }
    }
  n = _qs_lpt_node (ctx, node);
  n->mode = LPT_MODE_COPY;
  n->codes_inputs = 0x3;
  n->d.precision = QS_LPT_PRECISION_INT8;
  n->d.reason = g_string_chunk_insert_const (ctx->strings,
    "RecurrentCellTransformation: X and H arrive as u8 codes and W, R as i8, and the CPU plugin runs the sequence "
    "quantized (ConvertFqRnnToQuantizedRnn); qscope: its int8 run computes the cell on the dequantized values");
  return TRUE;
}
