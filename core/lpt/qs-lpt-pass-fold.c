/* qs-lpt-pass-fold.c — pass 5: what cannot stay in codes folds back
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Walking from the outputs up, a chain of codes that starts at a Quantize
 * but reaches no int8 layer and no Requantize would only be dequantized
 * again: LPT's cleanup folds such a Dequantize back into its FakeQuantize
 * (FuseSubtract/MultiplyToFakeQuantize), so here the FakeQuantize stays one
 * and the ops after it run on floats.  Codes made by an int8 layer always
 * stay: their Dequantize goes where the floats are needed, which is exact.
 * Finally the weights of int8 layers are marked as folded and constant
 * subgraphs as having nothing to compute.
 */
#include "config.h"

#include "qs-lpt-private.h"

static gboolean
input_uses_codes (LptContext   *ctx,
                  const QsPort *in)
{
  const LptNode *n = _qs_lpt_node (ctx, in->node);

  switch (n->mode)
    {
    case LPT_MODE_INT8:
      return in->index == 0 || (in->index == 1 && n->act_b);
    case LPT_MODE_REQUANTIZE:
      return in->index == 0;
    case LPT_MODE_CODES:
      return TRUE;
    case LPT_MODE_LINEAR:
      return in->index == n->linear_input;
    case LPT_MODE_COPY:
      /* a layer OpenVINO runs on the codes, computed in float by qscope */
      if (in->index < 32 && (n->codes_inputs & (1u << in->index)) != 0)
        return TRUE;
      return n->d.precision == QS_LPT_PRECISION_INT8 && (in->index == 0 || (in->index == 1 && n->act_b));
    case LPT_MODE_QUANTIZE:
    default:
      return FALSE;
    }
}

static void
mark_weights (LptContext   *ctx,
              const QsNode *node,
              const char   *reason,
              guint         depth)
{
  LptNode *n;
  guint i;

  if (node == NULL || node->graph != ctx->graph || depth > 16)
    return;
  n = _qs_lpt_node (ctx, node);
  n->d.precision = QS_LPT_PRECISION_FOLDED;
  n->d.reason = reason;
  for (i = 0; i < node->n_inputs; i++)
    mark_weights (ctx, qs_node_input_node (node, i), reason, depth + 1);
}

gboolean
_qs_lpt_pass_fold_back (LptContext  *ctx,
                        GError     **error)
{
  QsGraph *graph = ctx->graph;
  g_autofree guint8 *constant = g_new0 (guint8, MAX (graph->n_nodes, 1));
  guint i, o, c;

  for (i = graph->n_nodes; i-- > 0;)
    {
      const QsNode *node = graph->topo[i];
      LptNode *n = _qs_lpt_node (ctx, node);
      gboolean used = FALSE;

      if (n->mode != LPT_MODE_CODES && n->mode != LPT_MODE_LINEAR && n->mode != LPT_MODE_QUANTIZE &&
          n->mode != LPT_MODE_REQUANTIZE)
        continue;
      if (node->n_outputs > 0 && _qs_lpt_tensor (ctx, &node->outputs[0])->from_compute)
        continue;
      for (o = 0; o < node->n_outputs && !used; o++)
        for (c = 0; c < node->outputs[o].n_consumers && !used; c++)
          used = input_uses_codes (ctx, node->outputs[o].consumers[c]);
      if (used)
        continue;
      for (o = 0; o < node->n_outputs; o++)
        _qs_lpt_dq_clear (_qs_lpt_tensor (ctx, &node->outputs[o]));
      if (n->mode == LPT_MODE_QUANTIZE || n->mode == LPT_MODE_REQUANTIZE)
        _qs_lpt_fp32 (ctx, node, "no consumer takes integer input; the FakeQuantize stays float");
      else if (qs_node_is_type (node, "AvgPool"))
        _qs_lpt_fp32 (ctx, node, "AvgPoolTransformation moves the Dequantize after it, but no quantized layer takes "
                      "its output, so MarkupAvgPoolPrecisionPreserved leaves it not precision-preserved: its output "
                      "is f32");
      else
        {
          const char *why = _qs_lpt_multiply_to_group_conv (ctx, node);
          _qs_lpt_fp32 (ctx, node, "%s", why != NULL ? why : "its consumers need float values, so it runs after "
                        "the Dequantize");
        }
    }

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->topo[i];
      LptNode *n = _qs_lpt_node (ctx, node);
      gboolean k = qs_node_is_type (node, "Const");

      if (!k && node->n_inputs > 0 && !qs_node_is_type (node, "Parameter") && !qs_node_is_type (node, "ShapeOf"))
        {
          k = TRUE;
          for (c = 0; c < node->n_inputs && k; c++)
            {
              const QsNode *src = qs_node_input_node (node, c);
              k = src != NULL && constant[src->index];
            }
        }
      constant[node->index] = k;
      if (k && n->mode == LPT_MODE_COPY)
        {
          n->d.precision = QS_LPT_PRECISION_NONE;
          n->d.reason = NULL;
        }
    }

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      LptNode *n = _qs_lpt_node (ctx, node);
      if (n->mode == LPT_MODE_INT8 || (n->d.is_compute && n->d.precision == QS_LPT_PRECISION_INT8))
        {
          g_autofree char *text = g_strdup_printf ("folded into the i8 weights of %s “%s”", node->type, node->name);
          mark_weights (ctx, qs_node_input_node (node, 1),
                        g_string_chunk_insert_const (ctx->strings, text), 0);
        }
    }
  return TRUE;
}
