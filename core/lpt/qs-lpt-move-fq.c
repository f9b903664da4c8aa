/* qs-lpt-move-fq.c — a FakeQuantize after a Concat moves before its inputs
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's MoveFakeQuantize (src/common/
 * low_precision_transformations/src/move_fake_quantize.cpp), one of LPT's
 * prerequisites: a FakeQuantize whose input is a Concat (or a ReLU on a
 * Concat), the Concat having that one consumer and the FakeQuantize
 * constant ranges, is replaced by one FakeQuantize on each Concat input
 * (after a copy of the ReLU), its constants split along the Concat axis
 * when they vary along it.  The Concat (and the ReLU) then move codes.
 * Declined: a Concat of dynamic rank; constants that vary along the Concat
 * axis when that axis is dynamic; a Concat whose inputs are all outputs of
 * one Split.
 *
 * A FakeQuantize is elementwise, so quantizing each input gives the codes
 * that quantizing the Concat's output gives: qscope keeps its graph (the
 * Concat on floats, one Quantize after it) and only records the decision:
 * the Concat is precision-preserved on codes in OpenVINO.  When nothing
 * takes the codes (the FakeQuantize stays float after fold-back), the moved
 * FakeQuantizes fold back too and there is nothing to say.
 */
#include "config.h"

#include "qs-lpt-private.h"

/* Why MoveFakeQuantize declines the Concat @concat under @fq; NULL when it
 * applies. */
static const char *
decline_reason (const QsNode *fq,
                const QsNode *concat)
{
  const QsShape *s = &concat->outputs[0].shape;
  gint64 axis = 1;
  guint i;
  const QsNode *first;
  gboolean only_split = concat->n_inputs > 1;

  if (concat->outputs[0].n_consumers != 1)
    return "the Concat has more than one consumer";
  for (i = 1; i < 5; i++)
    if (i >= fq->n_inputs || qs_input_const (fq, i) == NULL)
      return "the FakeQuantize's ranges are not constants";
  if (s->rank < 0)
    return "the Concat's rank is dynamic";
  qs_node_get_int (concat, "axis", 1, &axis, NULL);
  if (axis < 0)
    axis += s->rank;
  for (i = 1; i < 5; i++)
    {
      const QsShape *k = &fq->inputs[i].shape;
      int d = (int) axis - (s->rank - k->rank);
      if (k->rank > 0 && d >= 0 && d < k->rank && k->dims[d] != 1 && s->dims[axis] < 0)
        return "the ranges vary along the Concat axis, which is dynamic";
    }
  first = qs_node_input_node (concat, 0);
  for (i = 1; i < concat->n_inputs; i++)
    {
      const QsNode *src = qs_node_input_node (concat, i);
      if (src == NULL || src != first || !qs_node_is_type (src, "Split"))
        only_split = FALSE;
    }
  if (only_split)
    return "the Concat's inputs all come from one Split";
  return NULL;
}

void
_qs_lpt_move_fake_quantize (LptContext *ctx)
{
  guint i;

  for (i = 0; i < ctx->graph->n_nodes; i++)
    {
      const QsNode *fq = ctx->graph->nodes[i];
      const QsNode *op, *concat, *relu = NULL;
      LptNode *n = &ctx->nodes[i], *c;
      const char *why;
      g_autofree char *text = NULL;

      if (!qs_node_is_type (fq, "FakeQuantize") || n->mode != LPT_MODE_QUANTIZE)
        continue;
      op = qs_node_input_node (fq, 0);
      if (op != NULL && (qs_node_is_type (op, "ReLU") || qs_node_is_type (op, "Relu")))
        {
          relu = op;
          op = qs_node_input_node (op, 0);
        }
      if (op == NULL || !qs_node_is_type (op, "Concat") || op->graph != ctx->graph)
        continue;
      concat = op;
      c = _qs_lpt_node (ctx, concat);
      if (c->mode != LPT_MODE_COPY)
        continue;   /* its inputs are codes already */
      why = decline_reason (fq, concat);
      if (why != NULL)
        {
          text = g_strdup_printf ("MoveFakeQuantize declines moving FakeQuantize “%s” before the Concat: %s", fq->name,
                                  why);
          c->d.reason = g_string_chunk_insert_const (ctx->strings, text);
          continue;
        }
      text = g_strdup_printf ("MoveFakeQuantize: FakeQuantize “%s” moves before the Concat's %u inputs%s, so the "
                              "Concat runs on codes; qscope quantizes after it, which gives the same codes",
                              fq->name, concat->n_inputs, relu != NULL ? " (after a copy of the ReLU each)" : "");
      c->d.precision = QS_LPT_PRECISION_CODES;
      c->d.reason = g_string_chunk_insert_const (ctx->strings, text);
      if (relu != NULL && relu->graph == ctx->graph && _qs_lpt_node (ctx, relu)->mode == LPT_MODE_COPY)
        {
          LptNode *r = _qs_lpt_node (ctx, relu);
          r->d.precision = QS_LPT_PRECISION_CODES;
          r->d.reason = c->d.reason;
        }
      if (n->d.reason != NULL)
        continue;   /* aligned: that says more */
      g_free (text);
      text = g_strdup_printf ("MoveFakeQuantize: moved before the %u inputs of Concat “%s” (one FakeQuantize each)",
                              concat->n_inputs, concat->name);
      n->d.reason = g_string_chunk_insert_const (ctx->strings, text);
    }
}
