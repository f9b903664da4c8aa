/* qs-lpt-fold-constant.c — FakeQuantize and Convert folded to constants
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's FoldFakeQuantizeTransformation and
 * FoldConvertTransformation (src/common/low_precision_transformations/src/
 * {fold_fake_quantize,fold_convert}.cpp), which run after the main passes:
 *
 *   FoldFakeQuantize  a FakeQuantize on a constant path, or one whose
 *                 output_low equals output_high (its output is that value
 *                 whatever the input), becomes a constant, unless a range
 *                 constant varies along more than one axis (then the
 *                 ConstantFolding that follows folds a constant path all the
 *                 same).  The weights of an int8 layer are not folded: they
 *                 are its i8 weights (qs-lpt-pass-fold.c).
 *   FoldConvert   a Convert of a constant into a Subtract (a zero point
 *                 stored in u8/i8) becomes a constant.
 *
 * qscope's executor computes these from their constants, which gives the
 * same values; the decision says there is nothing to compute and why.  This
 * pass runs after fold-back, which marks constant subgraphs.
 */
#include "config.h"

#include "qs-lpt-private.h"

static gboolean
feeds_subtract (const QsNode *node)
{
  guint c;

  for (c = 0; c < node->outputs[0].n_consumers; c++)
    if (qs_node_is_type (node->outputs[0].consumers[c]->node, "Subtract"))
      return TRUE;
  return FALSE;
}

void
_qs_lpt_fold_constants (LptContext *ctx)
{
  guint i, c;

  for (i = 0; i < ctx->graph->n_nodes; i++)
    {
      const QsNode *node = ctx->graph->nodes[i];
      LptNode *n = &ctx->nodes[i];

      if (qs_node_is_type (node, "FakeQuantize") && n->d.precision == QS_LPT_PRECISION_NONE && n->d.reason == NULL)
        {
          n->d.reason = n->fq != NULL && n->fq->multi_axis
            ? "on a constant path: FoldFakeQuantizeTransformation declines ranges that vary along more than one "
              "axis, and ConstantFolding folds it"
            : "FoldFakeQuantizeTransformation: on a constant path, folded to a constant";
          continue;
        }
      if (qs_node_is_type (node, "FakeQuantize") && n->mode == LPT_MODE_COPY && n->fq != NULL &&
          !n->fq->on_weights && n->d.precision == QS_LPT_PRECISION_FP32)
        {
          gboolean constant = n->fq->n_channels > 0;
          for (c = 0; c < n->fq->n_channels; c++)
            constant &= n->fq->ol[c] == n->fq->oh[c];
          if (!constant)
            continue;
          if (n->fq->multi_axis)
            n->d.reason = "output_low equals output_high, but FoldFakeQuantizeTransformation declines ranges that "
                          "vary along more than one axis: it stays a float FakeQuantize";
          else
            {
              n->d.precision = QS_LPT_PRECISION_NONE;
              n->d.reason = "FoldFakeQuantizeTransformation: output_low equals output_high, so its output is that "
                            "constant whatever the input; folded to a constant";
            }
          continue;
        }
      if (qs_node_is_type (node, "Convert") && n->d.precision == QS_LPT_PRECISION_NONE && n->d.reason == NULL &&
          node->n_outputs == 1 && qs_input_const (node, 0) != NULL && feeds_subtract (node))
        n->d.reason = "FoldConvertTransformation: a Convert of a constant into a Subtract, folded to a constant";
    }
}
